//! Fuzz markdown rendering (`content::markdown::render`): pulldown-cmark, internal-link
//! resolution, first-paragraph and word-count extraction and the ammonia sanitiser. Any
//! body must render without a panic, an abort or a hang, and with sanitising on, no
//! `<script` or `javascript:` link can come out of it.
#![no_main]

use gazette::content::markdown;
use libfuzzer_sys::fuzz_target;

/// A resolver like the loader's: some targets exist, the rest are errors.
fn resolve(target: &str) -> Result<String, String> {
    if target.starts_with("gulf/") && target.ends_with(".md") {
        Ok(format!(
            "/2024/02/{}/",
            target.trim_start_matches("gulf/").trim_end_matches(".md")
        ))
    } else {
        Err(format!("no such file: {target}"))
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let body_line = usize::from(flags >> 1) + 1;
    let unsafe_html = flags & 1 == 1;
    let (rendered, errors) = markdown::render(body, body_line, &resolve, unsafe_html);
    for (line, _) in &errors {
        assert!(*line >= body_line, "error line {line} before the body");
    }
    for link in &rendered.local_links {
        assert!(link.line >= body_line);
    }
    if !unsafe_html {
        for tag in tags(&rendered.html) {
            let lower = tag.to_ascii_lowercase();
            let name: String = lower[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                !matches!(
                    name.as_str(),
                    "script" | "iframe" | "object" | "embed" | "style"
                ),
                "<{name}> survived sanitising: {}",
                rendered.html
            );
            assert!(
                !lower.contains("javascript:"),
                "javascript: URL in {tag}: {}",
                rendered.html
            );
        }
    }
});

/// The real tags of an HTML fragment (`<` is escaped as `&lt;` everywhere else, and `>`
/// inside attribute values as `&gt;`).
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices('<').map(move |(start, _)| {
        let end = html[start..]
            .find('>')
            .map_or(html.len(), |e| start + e + 1);
        &html[start..end]
    })
}

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
            for url in urls(&lower) {
                let url: String = url.chars().filter(|c| !c.is_ascii_whitespace()).collect();
                assert!(
                    !url.starts_with("javascript:") && !url.starts_with("vbscript:"),
                    "script URL in {tag}: {}",
                    rendered.html
                );
            }
        }
    }
});

/// The values of the URL attributes (`href`, `src`, …) of one lowercased tag, read as
/// a browser does: name, `=`, then a quoted or bare value.
fn urls(tag: &str) -> Vec<&str> {
    let body = tag.trim_start_matches('<').trim_end_matches('>');
    let mut rest = body.trim_start_matches(|c: char| !c.is_ascii_whitespace() && c != '/');
    let mut found = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return found;
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &after[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        if matches!(
            name,
            "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "srcset"
        ) {
            found.push(value);
        }
        rest = next;
    }
}

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

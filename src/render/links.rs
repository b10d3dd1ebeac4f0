//! URLs inside rendered HTML: every `href`, `src`, `poster` and `srcset` of a body
//! rewritten in one pass (`rewrite_urls`), made relative to the page for the site
//! (`view::page_body`) or absolute for feeds (`absolutize_html`), resolved as
//! a browser on the article's page would (the `url` crate's RFC 3986 join).

use crate::url::BaseUrl;

pub use crate::url::resolve_url;

/// Rewrite `srcset` candidates (`a.jpg 1x, b.jpg 2x`) one URL at a time.
fn rewrite_srcset(value: &str, f: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let candidates: Vec<String> = value
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = candidate
                .split_once(char::is_whitespace)
                .unwrap_or((candidate, ""));
            let url = f(url).unwrap_or_else(|| url.to_string());
            if descriptor.is_empty() {
                url
            } else {
                format!("{url} {}", descriptor.trim())
            }
        })
        .collect();
    Some(candidates.join(", "))
}

/// Article HTML with every `href`, `src`, `poster` and `srcset` made absolute, so that the
/// content reads right in a feed reader (which has no page URL to resolve against). A
/// root-absolute link is relative to the site root (`crate::url::root_link`), anything
/// else resolves against `page_url` as a browser on the article page would. A file
/// (`is_asset`) is under `statics`, the root site's base on a language edition.
pub fn absolutize_html(html: &str, page_url: &str, base: &BaseUrl, statics: &BaseUrl) -> String {
    rewrite_urls(html, &|value| {
        crate::url::root_link(value, base, |site| {
            if is_asset(site) {
                statics.url_for(site)
            } else {
                base.url_for(site)
            }
        })
        .or_else(|| resolve_url(value, page_url))
    })
}

/// `html` with every `href`, `src`, `poster`, `action` and `srcset` URL passed through `f` (`None`:
/// keep it). A small tag scanner, enough for pulldown-cmark's and ammonia's output and for
/// raw HTML: quoted and unquoted values, comments, and script/style bodies are skipped.
pub fn rewrite_urls(html: &str, f: &dyn Fn(&str) -> Option<String>) -> String {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    let mut pos = 0;
    while let Some(offset) = html[pos..].find('<') {
        let start = pos + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(len, |e| start + e + 3);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            pos = start + 1;
            continue;
        }
        let mut j = start + 1;
        while j < len && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let tag = html[start + 1..j].to_ascii_lowercase();
        loop {
            while j < len && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= len || bytes[j] == b'>' {
                break;
            }
            let name_start = j;
            while j < len && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>') {
                j += 1;
            }
            let name = &html[name_start..j];
            while j < len && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= len || bytes[j] != b'=' {
                continue;
            }
            j += 1;
            while j < len && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (value_start, value_end) = match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = html[j + 1..].find(quote as char).map_or(len, |e| j + 1 + e);
                    let value = (j + 1, end);
                    j = (end + 1).min(len);
                    value
                }
                _ => {
                    let begin = j;
                    while j < len && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    (begin, j)
                }
            };
            let value = &html[value_start..value_end];
            let resolved = if name.eq_ignore_ascii_case("srcset") {
                rewrite_srcset(value, f)
            } else if ["href", "src", "poster", "action"]
                .iter()
                .any(|n| name.eq_ignore_ascii_case(n))
            {
                f(value)
            } else {
                None
            };
            if let Some(url) = resolved {
                out.push_str(&html[copied..value_start]);
                // The value is HTML-escaped already; only the part we added needs it.
                out.push_str(&url.replace('"', "&quot;").replace('\'', "&#39;"));
                copied = value_end;
            }
        }
        pos = (j + 1).min(len);
        if tag == "script" || tag == "style" {
            // Raw text up to the closing tag, matched without case (no copy per script).
            pos = html[pos..]
                .match_indices("</")
                .map(|(e, _)| pos + e)
                .find(|&e| {
                    html.as_bytes()
                        .get(e + 2..e + 2 + tag.len())
                        .is_some_and(|name| name.eq_ignore_ascii_case(tag.as_bytes()))
                })
                .unwrap_or(len);
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Whether a site path names a file that only the root site has (a static file, a photo
/// variant), not one every language edition has of its own (a page, feed or sitemap):
/// a last segment with an extension other than html, xml, json or txt.
pub fn is_asset(site_path: &str) -> bool {
    let name = site_path.rsplit('/').next().unwrap_or("");
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => !matches!(
            ext.to_ascii_lowercase().as_str(),
            "html" | "xml" | "json" | "txt"
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_files_the_editions_do_not_have() {
        for asset in [
            "images/a.jpg",
            "img/x-3669087f8c-192.webp",
            "docs/report.PDF",
            "a.b/c.png",
        ] {
            assert!(is_asset(asset), "{asset}");
        }
        for page in [
            "tags/oman/",
            "",
            "atom.xml",
            "feed.json",
            "search/index.html",
            "robots.txt",
            "a.b/c",
            ".hidden",
        ] {
            assert!(!is_asset(page), "{page}");
        }
    }

    const PAGE: &str = "https://u.github.io/repo/2024/02/slug/";

    #[test]
    fn urls_resolve_like_a_browser_on_the_article_page() {
        for (value, resolved) in [
            (
                "../../../2024/01/a/",
                Some("https://u.github.io/repo/2024/01/a/"),
            ),
            (
                "photo.jpg",
                Some("https://u.github.io/repo/2024/02/slug/photo.jpg"),
            ),
            (
                "./x/../y.png",
                Some("https://u.github.io/repo/2024/02/slug/y.png"),
            ),
            ("/repo/tags/x/", Some("https://u.github.io/repo/tags/x/")),
            (
                "/about/?q=1#top",
                Some("https://u.github.io/about/?q=1#top"),
            ),
            ("../../../../../../etc", Some("https://u.github.io/etc")),
            ("#note", Some("https://u.github.io/repo/2024/02/slug/#note")),
            ("//cdn.example/x.js", Some("https://cdn.example/x.js")),
            ("https://example.net/x", None),
            ("mailto:a@b.org", None),
            ("", None),
        ] {
            assert_eq!(resolve_url(value, PAGE).as_deref(), resolved, "{value}");
        }
    }

    #[test]
    fn html_links_become_absolute() {
        let html = concat!(
            r#"<p><a href="../../../2024/01/a/">a</a> <img src='b.jpg' alt="x > y">"#,
            r#"<!-- <a href="c/"> --> <a href=d/ title="href=e">d</a>"#,
            r#"<img srcset="s.jpg 1x, /t.jpg 2x"> <a href="https://x.org/?a=1&amp;b=2">x</a>"#,
            r##"<SCRIPT>var s = '</a><a href="f/">';</Script><a HREF="#n">n</a></p>"##,
        );
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let out = absolutize_html(html, PAGE, &base, &base);
        let expected = concat!(
            r#"<p><a href="https://u.github.io/repo/2024/01/a/">a</a> "#,
            r#"<img src='https://u.github.io/repo/2024/02/slug/b.jpg' alt="x > y">"#,
            r#"<!-- <a href="c/"> --> "#,
            r#"<a href=https://u.github.io/repo/2024/02/slug/d/ title="href=e">d</a>"#,
            r#"<img srcset="https://u.github.io/repo/2024/02/slug/s.jpg 1x, https://u.github.io/repo/t.jpg 2x"> "#,
            r#"<a href="https://x.org/?a=1&amp;b=2">x</a>"#,
            r#"<SCRIPT>var s = '</a><a href="f/">';</Script>"#,
            r##"<a HREF="https://u.github.io/repo/2024/02/slug/#n">n</a></p>"##,
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn broken_html_never_panics() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "<a href='x",
            "<!--",
            "<script>",
            "<a href=\"é\">é</a><",
            "<é href=x>",
            "<a\u{0} href=x>",
        ] {
            let base = BaseUrl::parse(PAGE).unwrap();
            let _ = absolutize_html(html, PAGE, &base, &base);
        }
    }
}

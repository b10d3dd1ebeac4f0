//! `BaseUrl`: the site's base URL, normalised once, and the one helper (`url_for`) that
//! every link, feed and sitemap goes through, so a sub-path such as
//! `https://user.github.io/repo/` is honoured everywhere.
//!
//! Also the one reading of a local link or image in an article (`resolve_local`,
//! `root_link`), shared by `check` and `build` (which report a link to nothing as an
//! error), the pages and the feeds, so that what `check` accepts is what `build`
//! publishes, under any base URL:
//!
//! - A relative link (`images/chart.jpg`, `../../../regions/gulf/`) is relative to the
//!   article's page (`2024/02/slug/`), as a browser reads it.
//! - A root-absolute link (`/images/chart.jpg`) is relative to the **site root**, as in
//!   Hugo and Zola: the build prefixes it with the base URL's path, so the same markdown
//!   works on `https://example.org/` and on `https://user.github.io/repo/`.
//! - A root-absolute link that already starts with the base URL's own sub-path
//!   (`/repo/images/chart.jpg` under `https://user.github.io/repo/`) is taken to include it
//!   and keeps working; built under another base URL it points to `/repo/images/…` of
//!   that site, which is missing, and both commands say so.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Always ends with `/`: "https://example.org/" or "https://u.github.io/repo/".
    absolute: String,
    /// The path part, always starting and ending with `/`: "/" or "/repo/".
    path: String,
}

impl BaseUrl {
    /// Accepts `http(s)://host[:port][/path]`, with or without a trailing slash.
    pub fn parse(input: &str) -> Result<BaseUrl, String> {
        let input = input.trim();
        let rest = input
            .strip_prefix("https://")
            .or_else(|| input.strip_prefix("http://"))
            .ok_or_else(|| {
                format!("base_url must start with http:// or https://, got {input:?}")
            })?;
        if rest.contains(['?', '#', ' ', '"', '<', '>']) {
            return Err(format!(
                "base_url must not contain a query, fragment, space or quote: {input:?}"
            ));
        }
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() {
            return Err(format!("base_url has no host: {input:?}"));
        }
        let trimmed = path.trim_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        let scheme = &input[..input.len() - rest.len()];
        Ok(BaseUrl {
            absolute: format!("{scheme}{host}{path}"),
            path,
        })
    }

    /// Absolute URL of a site-relative path: `url_for("regions/gulf/")`.
    pub fn url_for(&self, rel: &str) -> String {
        format!("{}{}", self.absolute, rel.trim_start_matches('/'))
    }

    /// Root-relative URL (`/repo/regions/gulf/`): what pages link with, so the same
    /// output works on the real host and on `gazette serve`'s 127.0.0.1.
    pub fn path_for(&self, rel: &str) -> String {
        format!("{}{}", self.path, rel.trim_start_matches('/'))
    }

    pub fn as_str(&self) -> &str {
        &self.absolute
    }

    /// The sub-path ("/" or "/repo/").
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The same site served from another origin (serve uses http://127.0.0.1:PORT/ + path).
    pub fn with_origin(&self, origin: &str) -> BaseUrl {
        BaseUrl {
            absolute: format!("{}{}", origin.trim_end_matches('/'), self.path),
            path: self.path.clone(),
        }
    }
}

/// The site-relative path (`images/x.jpg`) of a root-absolute URL path (`/images/x.jpg`):
/// the path under the site root, without the base path when it starts with it (see the
/// module documentation). Query and fragment are the caller's.
pub fn site_path_of_root(path: &str, base_path: &str) -> String {
    let sub_path = base_path.trim_end_matches('/');
    if !sub_path.is_empty() {
        if path == sub_path {
            return String::new();
        }
        if let Some(rest) = path.strip_prefix(base_path) {
            return rest.to_string();
        }
    }
    path.trim_start_matches('/').to_string()
}

/// A root-absolute link (`/images/x.jpg?v=2#top`, not `//host/…`) in an article's HTML,
/// rewritten through `to_url(site_path)`, query and fragment kept; `None` for any other
/// value (relative, `//host`, a URL with a scheme), which is left as it is.
pub fn root_link(value: &str, base: &BaseUrl, to_url: impl Fn(&str) -> String) -> Option<String> {
    let value = value.trim();
    if !value.starts_with('/') || value.starts_with("//") {
        return None;
    }
    let (path, tail) = value.split_at(value.find(['?', '#']).unwrap_or(value.len()));
    Some(format!(
        "{}{tail}",
        to_url(&site_path_of_root(path, base.path()))
    ))
}

/// `https:`, `mailto:`, `//host/…`, `data:`: not a file of the site.
pub fn is_external(target: &str) -> bool {
    target.starts_with("//")
        || target.split_once(':').is_some_and(|(scheme, _)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// The site-relative path a local link points to from the page at `page_dir`
/// (`2024/02/slug/`), as the built site resolves it under `base`: query and fragment
/// dropped, percent-escapes decoded, `.`/`..` applied. Directories keep their trailing `/`;
/// `""` is the site root. Relative links follow the page, root-absolute ones the site
/// root (see the module documentation).
pub fn resolve_local(target: &str, page_dir: &str, base: &BaseUrl) -> Result<String, String> {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let target = &target[..end];
    if target.is_empty() {
        return Ok(page_dir.to_string());
    }
    let decoded =
        percent_decode(target).ok_or_else(|| "it has a malformed %-escape".to_string())?;
    let joined = if decoded.starts_with('/') {
        site_path_of_root(&decoded, base.path())
    } else {
        format!("{page_dir}{decoded}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("it points above the site's root".into());
                }
            }
            _ => parts.push(part),
        }
    }
    let mut rel = parts.join("/");
    let is_dir = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    if is_dir && !rel.is_empty() {
        rel.push('/');
    }
    Ok(rel)
}

/// `https`, `mailto`, `javascript`: RFC 3986 `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
pub fn is_scheme(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether `url` names its scheme (`https:`, `mailto:`): nothing to resolve then.
pub fn has_scheme(url: &str) -> bool {
    url.split_once(':')
        .is_some_and(|(scheme, _)| is_scheme(scheme))
}

/// A reference (`photo.jpg`, `../a/`, `/x`, `//cdn/x`) made absolute against `base_url`,
/// as a browser on that page resolves it (RFC 3986, the `url` crate). `None`: keep it as
/// it is (empty, it names a scheme, or `base_url` is no absolute URL).
pub fn resolve_url(value: &str, base_url: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || has_scheme(value) {
        return None;
    }
    let base = ::url::Url::parse(base_url).ok()?;
    base.join(value).ok().map(String::from)
}

/// `%XX` escapes decoded; `None` when malformed or not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.absolute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%C3%A9").as_deref(), Some("a bé"));
        assert_eq!(percent_decode("%+f"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%ff"), None);
    }

    #[test]
    fn url_for_table() {
        let cases = [
            ("https://example.org", "", "https://example.org/", "/"),
            (
                "https://example.org/",
                "regions/gulf/",
                "https://example.org/regions/gulf/",
                "/regions/gulf/",
            ),
            (
                "https://u.github.io/repo",
                "atom.xml",
                "https://u.github.io/repo/atom.xml",
                "/repo/atom.xml",
            ),
            (
                "https://u.github.io/repo/",
                "/tags/x/",
                "https://u.github.io/repo/tags/x/",
                "/repo/tags/x/",
            ),
            (
                "http://127.0.0.1:1111//a/b//",
                "x",
                "http://127.0.0.1:1111/a/b/x",
                "/a/b/x",
            ),
        ];
        for (base, rel, absolute, path) in cases {
            let base = BaseUrl::parse(base).unwrap();
            assert_eq!(base.url_for(rel), absolute);
            assert_eq!(base.path_for(rel), path);
        }
    }

    #[test]
    fn rejects_bad_urls() {
        for bad in [
            "example.org",
            "ftp://x",
            "https://",
            "https://x/?q=1",
            "https://x/a b",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn local_links_resolve_like_the_built_site() {
        let page = "2024/02/oman-budget/";
        let root = BaseUrl::parse("https://example.org/").unwrap();
        let repo = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let cases = [
            ("/images/a.jpg", &root, "images/a.jpg"),
            ("/images/a.jpg", &repo, "images/a.jpg"),
            ("/repo/images/a.jpg", &repo, "images/a.jpg"),
            ("/repo/images/a.jpg", &root, "repo/images/a.jpg"),
            ("/repository/a.jpg", &repo, "repository/a.jpg"),
            ("/repo", &repo, ""),
            ("/repo/", &repo, ""),
            ("photo.jpg", &root, "2024/02/oman-budget/photo.jpg"),
            ("photo.jpg", &repo, "2024/02/oman-budget/photo.jpg"),
            ("../../../regions/gulf/", &root, "regions/gulf/"),
            ("../other?x=1#top", &root, "2024/02/other"),
            ("#top", &root, "2024/02/oman-budget/"),
            ("/files/a%20b.pdf", &root, "files/a b.pdf"),
            ("/", &root, ""),
            ("./", &root, "2024/02/oman-budget/"),
        ];
        for (target, base, expected) in cases {
            assert_eq!(
                resolve_local(target, page, base).as_deref(),
                Ok(expected),
                "{target} under {base}"
            );
        }
        for target in ["../../../../x", "/a%zz", "/../x"] {
            assert!(resolve_local(target, page, &root).is_err(), "{target}");
        }
    }

    #[test]
    fn external_targets() {
        for (target, external) in [
            ("https://x.org", true),
            ("//cdn.x/a.png", true),
            ("data:image/png;base64,xx", true),
            ("/images/a.png", false),
            ("images/a:b.png", false),
        ] {
            assert_eq!(is_external(target), external, "{target}");
        }
    }

    #[test]
    fn root_links_are_rewritten_from_the_site_root() {
        let repo = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let relative = |site: &str| format!("../../../{site}");
        for (value, expected) in [
            ("/images/a.jpg", Some("../../../images/a.jpg")),
            (
                "/repo/images/a.jpg?v=2#x",
                Some("../../../images/a.jpg?v=2#x"),
            ),
            ("/#top", Some("../../../#top")),
            ("//cdn.example/a.jpg", None),
            ("images/a.jpg", None),
            ("https://x.org/a", None),
        ] {
            assert_eq!(
                root_link(value, &repo, relative).as_deref(),
                expected,
                "{value}"
            );
        }
        assert_eq!(
            root_link("/tags/x/", &repo, |s| repo.url_for(s)).as_deref(),
            Some("https://u.github.io/repo/tags/x/")
        );
    }

    #[test]
    fn with_origin_keeps_sub_path() {
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        assert_eq!(
            base.with_origin("http://127.0.0.1:8000").url_for("a/"),
            "http://127.0.0.1:8000/repo/a/"
        );
    }
}

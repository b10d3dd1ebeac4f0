//! `BaseUrl`: the site's base URL, normalised once, and the one helper (`url_for`) that
//! every link, feed and sitemap goes through, so a sub-path such as
//! `https://user.github.io/repo/` is honoured everywhere.

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

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.absolute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn with_origin_keeps_sub_path() {
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        assert_eq!(
            base.with_origin("http://127.0.0.1:8000").url_for("a/"),
            "http://127.0.0.1:8000/repo/a/"
        );
    }
}

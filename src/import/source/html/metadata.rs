//! What the page states in `<meta>` and `<link>` tags (Open Graph, article times, author,
//! canonical URL, base), and the site name stripped from a `<title>`.

use super::*;

/// "Headline | Site" → "Headline"; "Headline - Site" → "Headline" (the last part only
/// when it is short, or is the site's name); "Site | Headline" → "Headline".
pub(super) fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = normalize_space(title).into_owned();
    const SEPARATORS: &[&str] = &[
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " \u{00b7} ",
        " :: ",
        " \u{00bb} ",
    ];
    if let Some(site) = site {
        for sep in SEPARATORS {
            if let Some(head) = title.strip_suffix(&format!("{sep}{site}")) {
                return head.trim().to_string();
            }
            if let Some(tail) = title.strip_prefix(&format!("{site}{sep}")) {
                return tail.trim().to_string();
            }
        }
    }
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let short = tail.split_whitespace().count() <= 4 && char_len(tail) <= 40;
            if (*sep == " | " || short) && char_len(head) > char_len(tail) {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// What the page states in machine form.
#[derive(Debug, Default)]
pub(super) struct Meta {
    /// `<meta>` by `property`, `name`, `itemprop` or `http-equiv` (lowercased): the first
    /// non-empty content.
    pub(super) tags: HashMap<String, String>,
    pub(super) canonical: Option<String>,
    pub(super) base: Option<String>,
    pub(super) lang: Option<String>,
    pub(super) ld: LinkedData,
}

impl Meta {
    pub(super) fn read(doc: &Html) -> Meta {
        let mut meta = Meta::default();
        for element in doc.select(&selector("meta[content]")) {
            let v = element.value();
            let content = normalize_space(v.attr("content").unwrap_or_default()).into_owned();
            if content.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = v.attr(attr) {
                    meta.tags
                        .entry(k.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        meta.canonical = doc
            .select(&selector("link[rel][href]"))
            .find(|l| {
                l.value().attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.value().attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
        meta.base = doc
            .select(&selector("base[href]"))
            .next()
            .and_then(|b| b.value().attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| web_address(h));
        meta.ld = LinkedData::read(doc);
        meta.lang = doc
            .root_element()
            .value()
            .attr("lang")
            .or_else(|| doc.root_element().value().attr("xml:lang"))
            .and_then(language)
            .or_else(|| meta.get("og:locale").and_then(language))
            .or_else(|| meta.ld.lang.as_deref().and_then(language))
            .or_else(|| meta.get("content-language").and_then(language));
        meta
    }

    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.tags.get(key).map(String::as_str)
    }

    /// The publication: JSON-LD `publisher.name`, else og:site_name.
    pub(super) fn publisher(&self) -> Option<String> {
        self.ld
            .publisher
            .clone()
            .or_else(|| self.get("og:site_name").map(plain_text))
            .or_else(|| self.get("application-name").map(plain_text))
            .filter(|s| !s.is_empty())
    }

    /// The site's name, to keep it out of titles and bylines.
    pub(super) fn site_name(&self) -> Option<String> {
        self.get("og:site_name")
            .map(plain_text)
            .or_else(|| self.ld.publisher.clone())
            .or_else(|| self.get("application-name").map(plain_text))
            .filter(|s| !s.is_empty())
    }

    /// The byline the metadata gives: JSON-LD authors (people), else `<meta
    /// name=author>` (not a link, not the site's name).
    pub(super) fn author(&self) -> Option<String> {
        if !self.ld.authors.is_empty() {
            return Some(join_names(&self.ld.authors));
        }
        let site = self.site_name();
        [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ]
        .iter()
        .filter_map(|k| self.get(k))
        .map(plain_text)
        .find(|a| {
            !a.is_empty()
                && !a.contains("://")
                && !a.contains('@')
                && site.as_deref().is_none_or(|s| !plain::same_line(a, s))
        })
        .map(|a| credit::byline(&a).map(|b| b.author).unwrap_or(a))
    }

    /// The canonical address: `<link rel=canonical>`, else og:url, else JSON-LD `url`,
    /// made absolute against the others; only http(s).
    pub(super) fn source_url(&self) -> Option<String> {
        let stated: Vec<String> = [
            self.canonical.clone(),
            self.get("og:url").map(str::to_string),
            self.ld.url.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let absolute_base = stated
            .iter()
            .find(|u| web_address(u))
            .cloned()
            .or_else(|| self.base.clone());
        stated.iter().find_map(|u| {
            if web_address(u) {
                Some(u.clone())
            } else {
                absolute_base
                    .as_deref()
                    .map(|b| resolve(u, Some(b)))
                    .filter(|r| web_address(r))
            }
        })
    }

    /// A base for relative links: `<base href>`, else og:url.
    pub(super) fn base(&self) -> Option<String> {
        self.base
            .clone()
            .or_else(|| self.get("og:url").map(str::to_string))
            .filter(|u| web_address(u))
    }

    /// The lead photo the page declares: og:image, else JSON-LD `image`, else the
    /// Twitter card's.
    pub(super) fn image(&self) -> Option<String> {
        ["og:image", "og:image:url", "og:image:secure_url"]
            .iter()
            .find_map(|k| self.get(k))
            .map(str::to_string)
            .or_else(|| self.ld.image.clone())
            .or_else(|| {
                ["twitter:image", "twitter:image:src"]
                    .iter()
                    .find_map(|k| self.get(k))
                    .map(str::to_string)
            })
            .filter(|i| !i.starts_with("data:"))
    }

    /// The publication time: a `<time>` marked as the publication date, else
    /// article:published_time, else JSON-LD `datePublished`, else the first `<time
    /// datetime>` in the article, else other date metadata.
    pub(super) fn published(
        &self,
        page: &Page<'_>,
        scope: ElementRef<'_>,
    ) -> Option<DateTime<FixedOffset>> {
        let times: Vec<ElementRef<'_>> = scope
            .select(&selector("time[datetime]"))
            .filter(|t| page.counts(*t).around & MENU == 0)
            .collect();
        let marked = times
            .iter()
            .chain(
                page.doc
                    .select(&selector("time[itemprop=datePublished]"))
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .find(|t| {
                let v = t.value();
                v.attr("itemprop") == Some("datePublished")
                    || v.attr("pubdate").is_some()
                    || class_words(v)
                        .iter()
                        .any(|w| w == "published" || w == "publish")
            })
            .and_then(|t| t.value().attr("datetime"))
            .and_then(parse_time);
        marked
            .or_else(|| self.get("article:published_time").and_then(parse_time))
            .or_else(|| self.ld.published.as_deref().and_then(parse_time))
            .or_else(|| self.get("datepublished").and_then(parse_time))
            .or_else(|| {
                times
                    .iter()
                    .filter_map(|t| t.value().attr("datetime"))
                    .find_map(parse_time)
            })
            .or_else(|| {
                [
                    "og:published_time",
                    "publish-date",
                    "publishdate",
                    "pubdate",
                    "date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.created",
                    "parsely-pub-date",
                    "sailthru.date",
                ]
                .iter()
                .filter_map(|k| self.get(k))
                .find_map(parse_time)
            })
    }
}

/// An absolute web address.
pub(super) fn web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && lower.len() > 8
}

/// "A", "A and B", "A, B and C".
pub(super) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// A machine date: RFC 3339 ("2024-06-04T10:30:00+03:00", "…Z"), with the offset
/// written without a colon, RFC 2822, a date and time without an offset or a bare date
/// (the day as written: noon UTC, so that no site time zone moves it to another day).
pub(super) fn parse_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, format) {
            return Some(d);
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Some(d);
    }
    let noon = |date: NaiveDate| {
        date.and_hms_opt(12, 0, 0)
            .map(|n| n.and_utc().fixed_offset())
    };
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, format) {
            return noon(d.date());
        }
    }
    let day = t.get(..10).unwrap_or(t);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .and_then(noon)
}

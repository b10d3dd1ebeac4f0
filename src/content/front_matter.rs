//! Front matter: split a content file at its `---` fences, parse the YAML block and check
//! every field, reporting each problem with the file line of its key. Collects all
//! problems of a file (a bad date and an unknown region are two errors).

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::slug::{is_safe_segment, slugify};
use crate::yaml::{self, Mapping, Value};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use std::path::Path;

/// The keys gazette understands; anything else is reported (so `regoin:` points at its line).
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "region",
    "tags",
    "summary",
    "image",
    "image_caption",
    "image_credit",
    "image_alt",
    "source",
    "source_url",
    "lang",
    "draft",
    "slug",
    "featured",
    "expires",
    "updated",
    "duplicate_of",
    "imported_from",
    "author",
    "author_url",
    "translation_key",
];

/// Longest `image_alt`: alternative text is a short description, not a caption.
pub const MAX_IMAGE_ALT_CHARS: usize = 250;

/// Most tags one article may carry; a runaway list is a mistake, not a taxonomy.
pub const MAX_TAGS: usize = 64;

/// A content file cut at its fences.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
}

/// Validated front matter: every field typed, slug and region checked.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub region: String,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    /// Short alternative text of `image`; never the caption repeated.
    pub image_alt: Option<String>,
    pub source: Option<String>,
    /// The original story (an absolute http(s) URL): the article credits and links it.
    pub source_url: Option<String>,
    pub lang: Option<String>,
    pub draft: bool,
    pub slug: String,
    pub featured: bool,
    pub expires: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub duplicate_of: Option<String>,
    pub imported_from: Option<String>,
    pub author: Option<String>,
    /// The author's page (absolute http(s)), for NewsArticle `author.url`.
    pub author_url: Option<String>,
    /// Links the versions of one story in several languages (hreflang, language switcher).
    pub translation_key: Option<String>,
    /// File lines of the keys that later messages point at (duplicate slug, unreadable
    /// photo, held date).
    pub key_lines: KeyLines,
}

/// The file lines of the front-matter keys that stages after parsing report problems
/// at; the others are not kept (a big archive holds every article for the whole build,
/// and a map of every key's line cost it ~1 KB an article).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyLines([u32; KEPT_KEYS.len()]);

/// The keys `KeyLines` keeps: the title and slug (a duplicate URL), the date (a held
/// article), the region and the image (an unreadable photo).
const KEPT_KEYS: [&str; 5] = ["title", "date", "region", "slug", "image"];

impl KeyLines {
    /// The line of `key` in its file, if the file has it and it is one that is kept.
    pub fn get(&self, key: &str) -> Option<usize> {
        let slot = KEPT_KEYS.iter().position(|&k| k == key)?;
        let line = self.0[slot];
        (line > 0).then_some(line as usize)
    }

    fn set(&mut self, key: &str, line: usize) {
        if let Some(slot) = KEPT_KEYS.iter().position(|&k| k == key) {
            self.0[slot] = u32::try_from(line).unwrap_or(u32::MAX);
        }
    }
}

/// Cut `text` into YAML and body. Errors carry the file line.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err((
            1,
            "empty file: expected front matter between `---` lines".into(),
        ));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err((
            1,
            "missing front matter: the file must start with a `---` line".into(),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[offset + line.len()..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err((
        1,
        "front matter opened on line 1 is never closed with a `---` line".into(),
    ))
}

/// Parse `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (site timezone) or RFC 3339.
pub fn parse_date(text: &str, tz: chrono_tz::Tz) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt);
    }
    let naive = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok())
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").ok())
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").ok())?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|dt| dt.fixed_offset())
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn suggestion(key: &str) -> String {
    KNOWN_KEYS
        .iter()
        .map(|k| (edit_distance(key, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

/// Parse and check the front matter of one file. `path` is for messages only.
pub fn parse(
    path: &Path,
    split: &Split<'_>,
    config: &SiteConfig,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    // Line 1 is the opening fence, so YAML line N is file line N + 1.
    let mapping: Mapping = yaml::mapping_from_str(split.yaml).map_err(|e| {
        vec![Diagnostic::error(
            path,
            Some(e.line.map_or(1, |l| l + 1)),
            format!("invalid YAML in front matter: {}", e.message),
        )]
    })?;
    let mut fields = Fields {
        path,
        yaml: split.yaml,
        mapping: &mapping,
        errors: Vec::new(),
    };
    let mut key_lines = KeyLines::default();
    for key in mapping.keys() {
        let name = match key {
            Value::String(s) => s.clone(),
            other => format!("{other:?}"),
        };
        if let Some(line) = fields.line(&name) {
            key_lines.set(&name, line);
        }
        if !KNOWN_KEYS.contains(&name.as_str()) {
            let hint = suggestion(&name);
            fields.error(&name, format!("unknown front-matter field `{name}`{hint}"));
        }
    }

    let title = fields.string("title");
    if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        fields.error("title", "title is empty".into());
    }
    if title.is_none() && fields.get("title").is_none() {
        fields.missing("title");
    }
    let date = fields.date("date", config.timezone);
    if date.is_none() && fields.get("date").is_none() {
        fields.missing("date");
    }
    let region = fields.string("region");
    match &region {
        None if fields.get("region").is_none() => fields.missing("region"),
        Some(slug) if config.region(slug).is_none() => {
            let valid = config.region_slugs().join(", ");
            fields.error(
                "region",
                format!("unknown region \"{slug}\" (expected one of: {valid})"),
            );
        }
        _ => {}
    }
    let tags = fields.tags(config);
    let slug = match fields.string("slug") {
        Some(slug) => {
            if !is_safe_segment(&slug) {
                fields.error("slug", format!("slug \"{slug}\" is not a safe URL segment (use lowercase letters, digits and -)"));
            }
            Some(slug)
        }
        None => title.as_deref().map(slugify),
    };
    if let (Some(title), Some(slug)) = (&title, &slug) {
        if slug.is_empty() {
            fields.error(
                "title",
                format!("cannot derive a slug from the title {title:?}; add a `slug:` field"),
            );
        }
    }
    let lang = fields.string("lang");
    if let Some(lang) = &lang {
        if !crate::lang::is_language_tag(lang) {
            fields.error("lang", crate::lang::not_a_language_tag(lang));
        }
    }
    let duplicate_of = fields.string("duplicate_of");
    let source_url = fields.string("source_url");
    let author_url = fields.string("author_url");
    for (key, url) in [("source_url", &source_url), ("author_url", &author_url)] {
        let Some(url) = url else { continue };
        // Linked from every article page and feed: only a web address, never
        // `javascript:` or a relative path that would point into this site.
        let scheme_ok = ["http://", "https://"]
            .iter()
            .any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
        if !scheme_ok || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            fields.error(
                key,
                format!("{key} \"{url}\" is not an absolute http(s) URL (e.g. https://example.org/story)"),
            );
        }
    }
    let image_alt = fields
        .string("image_alt")
        .map(|alt| alt.split_whitespace().collect::<Vec<_>>().join(" "));
    if let Some(alt) = &image_alt {
        if fields.get("image").is_none() {
            fields.error(
                "image_alt",
                "`image_alt` describes `image`, but there is no `image`".into(),
            );
        } else if alt.chars().count() > MAX_IMAGE_ALT_CHARS {
            fields.error(
                "image_alt",
                format!("`image_alt` is {} characters: keep it under {MAX_IMAGE_ALT_CHARS} (a short description; the caption says the rest)", alt.chars().count()),
            );
        }
    }
    let translation_key = fields
        .string("translation_key")
        .map(|k| k.trim().to_string());
    if let Some(key) = &translation_key {
        if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            fields.error(
                "translation_key",
                format!("translation_key \"{key}\" must be one word without spaces (e.g. gaza-ceasefire-talks): the same key on each language's version links them"),
            );
        }
    }
    let front = FrontMatter {
        translation_key,
        summary: fields.string("summary"),
        image: fields.string("image"),
        image_caption: fields.string("image_caption"),
        image_credit: fields.string("image_credit"),
        image_alt,
        source: fields.string("source"),
        source_url,
        draft: fields.bool("draft"),
        featured: fields.bool("featured"),
        expires: fields.date("expires", config.timezone),
        updated: fields.date("updated", config.timezone),
        imported_from: fields.string("imported_from"),
        author: fields.string("author"),
        author_url,
        duplicate_of,
        lang,
        tags,
        key_lines,
        // Placeholders only reached when errors were recorded above.
        title: title.unwrap_or_default(),
        date: date.unwrap_or_default(),
        region: region.unwrap_or_default(),
        slug: slug.unwrap_or_default(),
    };
    if fields.errors.is_empty() {
        Ok(front)
    } else {
        Err(fields.errors)
    }
}

/// Typed access to the mapping that records one diagnostic per bad field.
struct Fields<'a> {
    path: &'a Path,
    yaml: &'a str,
    mapping: &'a Mapping,
    errors: Vec<Diagnostic>,
}

impl Fields<'_> {
    fn line(&self, key: &str) -> Option<usize> {
        yaml::key_line(self.yaml, key).map(|l| l + 1)
    }

    fn error(&mut self, key: &str, message: String) {
        let line = self.line(key).or(Some(1));
        self.errors
            .push(Diagnostic::error(self.path, line, message));
    }

    /// A required field that is absent, or present with no value (`region:`).
    fn missing(&mut self, key: &str) {
        let (line, message) = match self.line(key) {
            Some(line) => (line, format!("required field `{key}` has no value")),
            None => (1, format!("missing required field `{key}`")),
        };
        self.errors
            .push(Diagnostic::error(self.path, Some(line), message));
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.mapping.get(key).filter(|v| !v.is_null())
    }

    fn string(&mut self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            // Numbers are fine where text is expected (`title: 1984`).
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.error(key, format!("`{key}` must be text"));
                None
            }
        }
    }

    fn bool(&mut self, key: &str) -> bool {
        match self.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(key, format!("`{key}` must be true or false"));
                false
            }
        }
    }

    fn date(&mut self, key: &str, tz: chrono_tz::Tz) -> Option<DateTime<FixedOffset>> {
        let text = self.string(key)?;
        let parsed = parse_date(&text, tz);
        if parsed.is_none() {
            self.error(key, format!("invalid {key} \"{text}\" (expected YYYY-MM-DD or RFC 3339, e.g. 2024-02-06T14:30:00+03:00)"));
        }
        parsed
    }

    fn tags(&mut self, config: &SiteConfig) -> Vec<String> {
        let items = match self.get("tags") {
            None => return Vec::new(),
            Some(Value::Sequence(items)) => items.clone(),
            Some(Value::String(one)) => vec![Value::String(one.clone())],
            Some(_) => {
                self.error("tags", "`tags` must be a list of tag slugs".into());
                return Vec::new();
            }
        };
        if items.len() > MAX_TAGS {
            self.error(
                "tags",
                format!("{} tags on one article (at most {MAX_TAGS})", items.len()),
            );
            return Vec::new();
        }
        let mut tags: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            let Value::String(tag) = item else {
                self.error("tags", "every tag must be text".into());
                continue;
            };
            if !is_safe_segment(&tag) {
                self.error("tags", format!("tag \"{tag}\" is not a slug (use lowercase letters, digits and -, e.g. \"{}\")", slugify(&tag)));
            } else if config.strict_tags && config.tag_def(&tag).is_none() {
                self.error(
                    "tags",
                    format!("tag \"{tag}\" is not in the site.yaml vocabulary (strict_tags is on)"),
                );
            } else if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        let text = "title: T\nbase_url: https://example.org/\nregions:\n  - slug: gulf\n    name: Gulf\n  - slug: europe\n    name: Europe\n";
        SiteConfig::parse(Path::new("."), text).unwrap()
    }

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let split =
            split(text).map_err(|(line, m)| vec![Diagnostic::error("a.md", Some(line), m)])?;
        parse(Path::new("a.md"), &split, &config())
    }

    #[test]
    fn split_table() {
        let ok = split("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(ok.yaml, "title: x\n");
        assert_eq!(ok.body, "body\n");
        assert_eq!(ok.body_line, 4);
        let crlf = split("\u{feff}---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(crlf.yaml, "title: x\r\n");
        assert_eq!(crlf.body, "body");
        assert_eq!(split("").unwrap_err().0, 1);
        assert!(split("title: x\n").unwrap_err().1.contains("must start"));
        assert!(split("---\ntitle: x\n")
            .unwrap_err()
            .1
            .contains("never closed"));
    }

    #[test]
    fn valid_front_matter() {
        let fm = parse_text("---\ntitle: \"Gulf: talks\"\ndate: 2024-02-06\nregion: gulf\ntags: [oil, qatar]\n---\n").unwrap();
        assert_eq!(fm.slug, "gulf-talks");
        assert_eq!(fm.tags, ["oil", "qatar"]);
        assert_eq!(fm.date.to_rfc3339(), "2024-02-06T00:00:00+00:00");
        assert_eq!(fm.key_lines.get("region"), Some(4));
        assert_eq!(fm.key_lines.get("image"), None);
    }

    #[test]
    fn two_errors_in_one_file() {
        let errors =
            parse_text("---\ntitle: x\ndate: 2024-13-45\nregion: mideast\n---\n").unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(3), Some(4)], "{errors:?}");
        assert!(errors[1]
            .message
            .starts_with("unknown region \"mideast\" (expected one of: gulf, europe)"));
    }

    #[test]
    fn misspelt_key_is_named_with_a_hint() {
        let errors =
            parse_text("---\ntitle: x\ndate: 2024-01-01\nregoin: gulf\n---\n").unwrap_err();
        let messages: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    Some(4),
                    "unknown front-matter field `regoin` (did you mean `region`?)"
                ),
                (Some(1), "missing required field `region`"),
            ]
        );
    }

    /// Found by fuzzing (issue 8): `region:` with no value was accepted as region "", and
    /// `title:` or `date:` alike gave an empty slug or the 1970 epoch.
    #[test]
    fn required_fields_without_a_value_are_errors() {
        for (text, line, key) in [
            (
                "---\ntitle: x\ndate: 2024-01-01\nregion:\n---\n",
                4,
                "region",
            ),
            (
                "---\ntitle:\ndate: 2024-01-01\nregion: gulf\n---\n",
                2,
                "title",
            ),
            ("---\ntitle: x\ndate: ~\nregion: gulf\n---\n", 3, "date"),
        ] {
            let errors = parse_text(text).unwrap_err();
            let found: Vec<_> = errors
                .iter()
                .map(|e| (e.line, e.message.as_str()))
                .collect();
            let expected = format!("required field `{key}` has no value");
            assert_eq!(found, [(Some(line), expected.as_str())], "{text}");
        }
    }

    #[test]
    fn yaml_error_line_is_a_file_line() {
        let errors = parse_text("---\ntitle: x\ndate: [2024\nregion: gulf\n---\n").unwrap_err();
        assert!(errors[0].line.unwrap() >= 3, "{errors:?}");
        assert!(errors[0].message.starts_with("invalid YAML"));
    }

    #[test]
    fn unsafe_slug_and_bad_tags() {
        let errors = parse_text("---\ntitle: x\ndate: 2024-01-01\nregion: gulf\nslug: ../escape\ntags: [Bad Tag]\n---\n").unwrap_err();
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.message.split(' ').next().unwrap()))
            .collect();
        assert_eq!(found, [(Some(6), "tag"), (Some(5), "slug")]);
        assert!(errors[0].message.contains("\"bad-tag\""));
    }

    #[test]
    fn dates() {
        let tz: chrono_tz::Tz = "Asia/Baghdad".parse().unwrap();
        assert_eq!(
            parse_date("2024-02-06", tz).unwrap().to_rfc3339(),
            "2024-02-06T00:00:00+03:00"
        );
        assert_eq!(
            parse_date("2024-02-06T10:00:00Z", tz).unwrap().to_rfc3339(),
            "2024-02-06T10:00:00+00:00"
        );
        assert_eq!(
            parse_date("2024-02-06 10:30", tz).unwrap().to_rfc3339(),
            "2024-02-06T10:30:00+03:00"
        );
        assert!(parse_date("Feb 6", tz).is_none());
    }
}

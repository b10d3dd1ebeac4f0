//! What `gazette import` wrote, read back for the import tests (tests/import_feeds.rs,
//! tests/import_html.rs): the markdown files under content/ and every front-matter
//! field and body block of one of them against what is expected.
#![allow(dead_code)]

use gazette::yaml::{Mapping, Value};
use std::fs;
use std::path::Path;

/// Every markdown file written under content/, relative to the site root, sorted.
pub fn written_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// One imported article as it should be written: every front-matter key (`None`: the
/// key is absent) and the body blocks (`## ` marks a subheading).
pub struct Expected<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub region: &'a str,
    pub tags: &'a [&'a str],
    pub summary: &'a str,
    pub image: Option<&'a str>,
    pub image_caption: Option<&'a str>,
    pub image_credit: Option<&'a str>,
    pub source: &'a str,
    pub source_url: &'a str,
    pub author: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub imported_from: &'a str,
    pub body: &'a [&'a str],
}

pub fn front_matter(root: &Path, rel: &str) -> (Mapping, String) {
    let text = fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let rest = text.strip_prefix("---\n").expect("front matter fence");
    let end = rest.find("\n---\n").expect("closing fence");
    let front = gazette::yaml::mapping_from_str(&rest[..end + 1]).unwrap();
    (front, rest[end + 5..].to_string())
}

pub fn check(root: &Path, want: &Expected<'_>) {
    let (front, body) = front_matter(root, want.path);
    let field = |key: &str| front.get(key).and_then(Value::as_str).map(str::to_string);
    let path = want.path;
    assert_eq!(field("title").as_deref(), Some(want.title), "{path}: title");
    assert_eq!(field("date").as_deref(), Some(want.date), "{path}: date");
    assert_eq!(
        field("region").as_deref(),
        Some(want.region),
        "{path}: region"
    );
    let tags: Vec<String> = match front.get("tags") {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => vec![],
    };
    assert_eq!(tags, want.tags, "{path}: tags");
    assert_eq!(
        field("summary").as_deref(),
        Some(want.summary),
        "{path}: summary"
    );
    assert_eq!(field("image").as_deref(), want.image, "{path}: image");
    assert_eq!(
        field("image_caption").as_deref(),
        want.image_caption,
        "{path}: image_caption"
    );
    assert_eq!(
        field("image_credit").as_deref(),
        want.image_credit,
        "{path}: image_credit"
    );
    assert_eq!(
        field("source").as_deref(),
        Some(want.source),
        "{path}: source"
    );
    assert_eq!(
        field("source_url").as_deref(),
        Some(want.source_url),
        "{path}: source_url"
    );
    assert_eq!(field("author").as_deref(), want.author, "{path}: author");
    assert_eq!(field("lang").as_deref(), want.lang, "{path}: lang");
    assert_eq!(
        field("imported_from").as_deref(),
        Some(want.imported_from),
        "{path}: imported_from"
    );
    // No other key: not a draft, no duplicate_of, no slug override.
    let mut keys: Vec<&str> = front.keys().filter_map(Value::as_str).collect();
    keys.sort_unstable();
    let mut expected_keys = vec![
        "title",
        "date",
        "region",
        "summary",
        "source",
        "source_url",
        "imported_from",
    ];
    for (key, present) in [
        ("tags", !want.tags.is_empty()),
        ("image", want.image.is_some()),
        ("image_caption", want.image_caption.is_some()),
        ("image_credit", want.image_credit.is_some()),
        ("author", want.author.is_some()),
        ("lang", want.lang.is_some()),
    ] {
        if present {
            expected_keys.push(key);
        }
    }
    expected_keys.sort_unstable();
    assert_eq!(keys, expected_keys, "{path}: front-matter keys");
    let want_body: String = want
        .body
        .iter()
        .map(|block| format!("\n{block}\n"))
        .collect();
    assert_eq!(body, want_body, "{path}: body");
}

//! Writing imported articles: front matter (through the yaml module's serializer, so
//! titles with colons and quotes are quoted safely), the markdown body (one paragraph
//! per raw line, leading markdown syntax escaped), the atomic write (temp file, then
//! link or rename: a reader never sees half a file, and an existing file is never
//! replaced without `--force`), and the scan of existing content for slugs,
//! `imported_from` keys and bodies. Knows nothing of raw text or classification.

use crate::slug::slugify;
use serde::Serialize;
use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Front matter of an imported article, in the order it is written. Field names are the
/// content loader's; empty optional fields are left out.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    /// `YYYY-MM-DD`
    pub date: String,
    pub region: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    pub imported_from: String,
}

/// One block of an imported body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block<'a> {
    Paragraph(&'a str),
    /// A subheading, written as `## text`.
    Heading(&'a str),
}

/// The whole markdown file: `---`, front matter, `---`, then the blocks, each after a
/// blank line.
pub fn render(front: &FrontMatter, blocks: &[Block<'_>]) -> Result<String, String> {
    let yaml = crate::yaml::to_string(front)?;
    let mut out = String::with_capacity(
        yaml.len()
            + blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph(t) | Block::Heading(t) => t.len() + 5,
                })
                .sum::<usize>()
            + 16,
    );
    out.push_str("---\n");
    out.push_str(&yaml);
    if !yaml.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("---\n");
    for block in blocks {
        out.push('\n');
        match block {
            Block::Paragraph(text) => out.push_str(&escape_paragraph(text)),
            Block::Heading(text) => {
                out.push_str("## ");
                // Only the text after `## ` is ever inline: escape what would close
                // the heading or start a nested one.
                out.push_str(&escape_paragraph(text));
            }
        }
        out.push('\n');
    }
    Ok(out)
}

/// Keep a raw line a plain paragraph in markdown: escape what would make it a heading
/// (`#`), quote (`>`), list (`-`, `+`, `*`, `1.`, `1)`), rule (`___`), code fence
/// (`` ` ``, `~`), HTML block (`<`) or link definition (`[`). The text is otherwise verbatim.
pub fn escape_paragraph(text: &str) -> Cow<'_, str> {
    let Some(first) = text.chars().next() else {
        return Cow::Borrowed(text);
    };
    if matches!(
        first,
        '#' | '>' | '-' | '+' | '*' | '_' | '`' | '~' | '<' | '[' | '=' | '|'
    ) {
        return Cow::Owned(format!("\\{text}"));
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &text[digits..];
        if (rest.starts_with('.') || rest.starts_with(')'))
            && !matches!(rest[1..].chars().next(), Some(c) if c != ' ')
        {
            return Cow::Owned(format!("{}\\{}", &text[..digits], rest));
        }
    }
    Cow::Borrowed(text)
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The target exists and `--force` was not given.
    Exists,
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Exists => {
                write!(f, "the file already exists (use --force to overwrite it)")
            }
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Write `contents` to `path` all at once: into a hidden temp file in the same folder,
/// then moved into place. Without `overwrite`, the move is a hard link, which fails if
/// the target exists (no window between checking and writing); where hard links are not
/// supported, an existence check and a rename. The temp file is removed on every error.
/// (No fsync: import speed matters more here than surviving a power cut mid-import.)
pub fn write_atomic(path: &Path, contents: &str, overwrite: bool) -> Result<(), WriteError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = (0u32..)
        .map(|i| dir.join(format!(".{name}.{}-{i}.tmp", std::process::id())))
        .take(100)
        .find_map(|p| {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&p)
                .ok()
                .map(|f| (p, f))
        });
    let Some((tmp, mut file)) = tmp else {
        return Err(WriteError::Io(io::Error::other(format!(
            "cannot create a temporary file in {}",
            dir.display()
        ))));
    };
    let result = file
        .write_all(contents.as_bytes())
        .map_err(WriteError::from)
        .and_then(|()| {
            drop(file);
            if overwrite {
                return fs::rename(&tmp, path).map_err(WriteError::from);
            }
            match fs::hard_link(&tmp, path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists),
                Err(_) if path.exists() => Err(WriteError::Exists),
                Err(_) => fs::rename(&tmp, path).map_err(WriteError::from),
            }
        });
    let _ = fs::remove_file(&tmp); // gone already after a rename; harmless then
    result
}

/// What the importer needs to know about an article already in content/.
#[derive(Debug, Clone)]
pub struct ExistingArticle {
    pub path: PathBuf,
    pub title: String,
    /// The article's slug as the site sees it: `slug:` or the slug of the title.
    pub slug: String,
    pub imported_from: Option<String>,
    /// The markdown body (for near-duplicate detection).
    pub body: String,
}

/// Read one content file. Files without parseable front matter are skipped: the build
/// reports them; the importer only needs the ones it can compare against.
pub fn read_existing(path: &Path) -> Option<ExistingArticle> {
    let text = fs::read_to_string(path).ok()?;
    // The one front-matter splitter, the build's (BOM and CRLF included).
    let split = crate::content::front_matter::split(&text).ok()?;
    let (yaml, body) = (split.yaml, split.body);
    let map = crate::yaml::mapping_from_str(yaml).ok()?;
    let get = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let title = get("title").unwrap_or_default();
    let slug = get("slug").unwrap_or_else(|| slugify(&title));
    Some(ExistingArticle {
        path: path.to_path_buf(),
        title,
        slug,
        imported_from: get("imported_from"),
        body: body.to_string(),
    })
}

/// Every markdown file under `dir` (none if it does not exist yet), in path order.
pub fn scan_existing(dir: &Path) -> Vec<ExistingArticle> {
    let mut found: Vec<ExistingArticle> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| read_existing(e.path()))
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front() -> FrontMatter {
        FrontMatter {
            title: "Iraq FM: \"Talks Must Resume\" — 'now'".into(),
            date: "2024-02-06".into(),
            region: "middle-east".into(),
            tags: vec!["iraq".into(), "united-states".into()],
            summary: Some("First: paragraph # not a comment".into()),
            image_caption: None,
            image_credit: Some("AP".into()),
            imported_from: "000_4f5add8575dba016.txt#1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn front_matter_round_trips() {
        let text = render(
            &front(),
            &[
                Block::Paragraph("One."),
                Block::Paragraph("# Two"),
                Block::Heading("Three # four"),
            ],
        )
        .unwrap();
        let (yaml, body) = split_front_matter(&text).unwrap();
        let map = crate::yaml::mapping_from_str(yaml).unwrap();
        assert_eq!(
            map.get("title").and_then(|v| v.as_str()),
            Some("Iraq FM: \"Talks Must Resume\" — 'now'")
        );
        assert_eq!(
            map.get("summary").and_then(|v| v.as_str()),
            Some("First: paragraph # not a comment")
        );
        assert_eq!(map.get("date").and_then(|v| v.as_str()), Some("2024-02-06"));
        assert!(map.get("draft").is_none() && map.get("image_caption").is_none());
        assert_eq!(body, "\nOne.\n\n\\# Two\n\n## Three # four\n");
        assert!(text.starts_with("---\ntitle: "));
    }

    #[test]
    fn yaml_tricky_strings_stay_strings() {
        for title in [
            "yes",
            "null",
            "2024",
            "- dash",
            "key: value",
            "#hash",
            "'quoted'",
            "@at",
            "* star",
            "العراق: الحوار",
            "trailing ",
        ] {
            let mut f = front();
            f.title = title.to_string();
            let text = render(&f, &[]).unwrap();
            let (yaml, _) = split_front_matter(&text).unwrap();
            let map = crate::yaml::mapping_from_str(yaml).unwrap();
            assert_eq!(
                map.get("title").and_then(|v| v.as_str()),
                Some(title),
                "{yaml}"
            );
        }
    }

    #[test]
    fn escapes_table() {
        let cases = [
            ("Plain text.", "Plain text."),
            ("# not a heading", "\\# not a heading"),
            ("- not a list", "\\- not a list"),
            ("1. not a list", "1\\. not a list"),
            ("2024. It was a year", "2024\\. It was a year"),
            ("3) item", "3\\) item"),
            ("2,500 troops", "2,500 troops"),
            ("1.5 million", "1.5 million"),
            ("> quote", "\\> quote"),
            ("<div>html</div>", "\\<div>html</div>"),
            ("```code", "\\```code"),
            ("[x]: http://e.org", "\\[x]: http://e.org"),
            ("***", "\\***"),
            ("“Quoted” text", "“Quoted” text"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(
                escape_paragraph(input),
                expected,
                "escape_paragraph({input:?})"
            );
        }
    }

    #[test]
    fn atomic_write_refuses_to_overwrite() {
        let dir = std::env::temp_dir().join(format!("gazette-write-test-{}", std::process::id()));
        let path = dir.join("gulf/a.md");
        write_atomic(&path, "one", false).unwrap();
        assert!(matches!(
            write_atomic(&path, "two", false),
            Err(WriteError::Exists)
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        write_atomic(&path, "three", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "three");
        let leftovers: Vec<_> = fs::read_dir(dir.join("gulf"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    /// What the importer reads of a file it wrote: the build's split.
    fn split_front_matter(text: &str) -> Option<(&str, &str)> {
        let split = crate::content::front_matter::split(text).ok()?;
        Some((split.yaml, split.body))
    }

    #[test]
    fn front_matter_split() {
        assert_eq!(
            split_front_matter("---\na: 1\n---\nbody"),
            Some(("a: 1\n", "body"))
        );
        assert_eq!(
            split_front_matter("\u{FEFF}---\r\na: 1\r\n---\r\nbody"),
            Some(("a: 1\r\n", "body"))
        );
        assert_eq!(split_front_matter("no front matter"), None);
        assert_eq!(split_front_matter("---\nunclosed"), None);
    }
}

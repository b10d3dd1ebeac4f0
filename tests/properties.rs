//! Property tests (issue 8): slugs are always safe path segments, whatever the title or
//! the `slug:` field says, and a build's output is a pure function of its input (no
//! HashMap order, thread scheduling or readdir order leaks into it).
//!
//! The third property of the issue, "import loses no non-noise line", lives with the
//! other import tests: `tests/import.rs`, `nothing_lost::no_non_noise_raw_line_is_lost`.

use chrono::{DateTime, FixedOffset};
use gazette::build::{build, BuildOptions};
use gazette::config::SiteConfig;
use gazette::content::{load_site_content, LoadOptions};
use gazette::slug::{is_safe_segment, slugify};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

const SITE_YAML: &str = "title: Property Gazette
base_url: https://example.org/repo/
timezone: Asia/Baghdad
paginate: 2
feeds:
  limit: 3
regions:
  - slug: gulf
    name: Gulf
    countries: [Qatar, Oman]
  - slug: europe
    name: Europe
  - slug: world
    name: World
tags:
  - slug: energy
    name: Energy
    words: [oil]
";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-01-01T00:00:00+03:00").unwrap()
}

/// A YAML double-quoted scalar holding exactly `text` (JSON strings are YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Text that looks like titles and slugs, and text that attacks paths.
fn title_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[A-Za-z0-9 ,:;'\"!?&<>/\\\\.-]{0,60}",
        "[\\u{0600}-\\u{06FF} ]{0,30}",
        "[a-zé ]{0,20}(\\.\\./|/|\\\\|%2e|\\x00)?[a-z ]{0,20}",
        "[\\p{L}\\p{N}\\p{P}\\p{S}\\p{Z}]{0,120}",
    ]
}

fn slug_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9._-]{0,12}",
        "(\\.\\.|\\.|/|\\\\|~)?[a-zA-Z0-9._/-]{0,12}",
        "[a-z]{1,8}(/|\\\\|\\x00|%2F| |\\u{00E9}|\\u{0130})[a-z]{0,8}",
        Just("..".to_string()),
        Just(".hidden".to_string()),
        Just("x".repeat(201)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// `slugify` of anything is empty (the loader then asks for a `slug:`) or safe.
    #[test]
    fn slugify_is_empty_or_a_safe_segment(text in title_text()) {
        let slug = slugify(&text);
        prop_assert!(slug.is_empty() || is_safe_segment(&slug), "{text:?} → {slug:?}");
        prop_assert_eq!(slugify(&slug), slug.clone(), "a slug is its own slug");
    }
}

/// Parse one content file through the content loader (the code `build` and `check` share).
fn load_one(site: &Path, text: &str) -> gazette::content::LoadedContent {
    let dir = site.join("content/gulf");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("article.md"), text).unwrap();
    let config = SiteConfig::parse(site, SITE_YAML).unwrap();
    load_site_content(
        &config,
        &LoadOptions {
            drafts: true,
            future: true,
            now: now(),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever `slug:` (quoted or bare) or title an editor writes, an article the loader
    /// accepts has a slug that is one safe path segment, and so does every tag.
    #[test]
    fn accepted_slugs_are_safe_segments(
        slug in proptest::option::of(slug_text()),
        bare in any::<bool>(),
        title in title_text(),
        tags in proptest::collection::vec(slug_text(), 0..4),
    ) {
        let site = tempfile::tempdir().unwrap();
        let mut text = format!("---\ntitle: {}\ndate: 2024-02-06\nregion: gulf\n", quoted(&title));
        match &slug {
            Some(slug) if bare && !slug.contains(['\n', '\r']) => text.push_str(&format!("slug: {slug}\n")),
            Some(slug) => text.push_str(&format!("slug: {}\n", quoted(slug))),
            None => {}
        }
        let tags: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
        text.push_str(&format!("tags: [{}]\n---\nBody.\n", tags.join(", ")));
        let loaded = load_one(site.path(), &text);
        for article in &loaded.articles {
            prop_assert!(is_safe_segment(&article.slug), "accepted slug {:?} from\n{text}", article.slug);
            for tag in &article.tags {
                prop_assert!(is_safe_segment(tag), "accepted tag {tag:?} from\n{text}");
            }
        }
        // A bare `slug:` with nothing (or `~`, `null`) is YAML's null: no slug given, the
        // title's is used, and the loop above already checked that one.
        let yaml_null = |s: &str| matches!(s.trim(), "" | "~" | "null" | "Null" | "NULL");
        if let Some(slug) = slug.as_ref().filter(|s| !(bare && yaml_null(s))) {
            if !is_safe_segment(slug) {
                prop_assert!(loaded.articles.is_empty(), "unsafe slug {slug:?} accepted");
                prop_assert!(loaded.has_errors());
            }
        }
    }
}

/// One generated article: (title, region, tags, date, featured).
type GenArticle = (String, &'static str, Vec<&'static str>, String, bool);

fn article() -> impl Strategy<Value = GenArticle> {
    (
        // Printable text: control characters are load errors, tested elsewhere.
        prop_oneof![
            "[\\p{L}\\p{N}\\p{P}\\p{S} ]{1,40}",
            "[A-Za-z<>&\"' ]{1,30}",
            "[\\u{0600}-\\u{06FF} ]{1,30}",
        ],
        prop::sample::select(vec!["gulf", "europe", "world"]),
        prop::sample::subsequence(vec!["energy", "oman", "qatar", "trade", "a-b", "x_1"], 0..4),
        (2023i32..=2024, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60),
        any::<bool>(),
    )
        .prop_map(|(title, region, tags, (y, m, d, h, min), featured)| {
            let date = format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:00+03:00");
            (title, region, tags, date, featured)
        })
}

/// Write the site; `reverse` creates the files in the opposite order, so any dependence
/// on creation or directory order shows.
fn write_site(root: &Path, articles: &[GenArticle], reverse: bool) {
    std::fs::write(root.join("site.yaml"), SITE_YAML).unwrap();
    let mut files: Vec<(String, String)> = articles
        .iter()
        .enumerate()
        .map(|(i, (title, region, tags, date, featured))| {
            // Numbered so that slugs stay unique; same-day ties exercise the sort.
            let title = format!("{i} {title}");
            let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
            let text = format!(
                "---\ntitle: {}\ndate: {date}\nregion: {region}\ntags: [{}]\nfeatured: {featured}\nsummary: {}\n---\n\nFirst paragraph of {}.\n\n[Home](@/gulf/0.md) and *more* text.\n",
                quoted(&title),
                tags.join(", "),
                quoted(&format!("About {title}")),
                title,
            );
            (format!("content/{region}/{i}.md"), text)
        })
        .collect();
    if reverse {
        files.reverse();
    }
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // The link target every article names exists.
    let home = root.join("content/gulf/0.md");
    if !home.exists() {
        std::fs::create_dir_all(home.parent().unwrap()).unwrap();
        std::fs::write(
            home,
            "---\ntitle: Home article\ndate: 2023-01-01\nregion: gulf\n---\nHome.\n",
        )
        .unwrap();
    }
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Build `root` into `out` on a rayon pool of `threads` threads.
fn build_into(
    root: &Path,
    out: &Path,
    threads: usize,
) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let mut options = BuildOptions::new(root);
    options.output = Some(out.to_path_buf());
    options.now = Some(now());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| build(&options))
        .map(|_| snapshot(out))
        .map_err(|e| format!("{e:#}"))
}

/// The first differing file of two builds, for a readable failure.
fn first_difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let names_a: Vec<_> = a.keys().collect();
    let names_b: Vec<_> = b.keys().collect();
    if names_a != names_b {
        return format!("file lists differ:\n{names_a:?}\n{names_b:?}");
    }
    for (name, bytes) in a {
        if b[name] != *bytes {
            return format!(
                "{name} differs:\n{}\n----\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&b[name])
            );
        }
    }
    String::new()
}

proptest! {
    // Each case is three builds; a few cases keep this test in seconds.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Two builds of the same site give byte-identical output, on one thread (as with
    /// RAYON_NUM_THREADS=1) or several, from files created in either order.
    #[test]
    fn build_output_is_deterministic(articles in proptest::collection::vec(article(), 1..8)) {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write_site(a.path(), &articles, false);
        write_site(b.path(), &articles, true);
        let out = tempfile::tempdir().unwrap();
        let first = build_into(a.path(), &out.path().join("one"), 1);
        let second = build_into(a.path(), &out.path().join("many"), 4);
        let third = build_into(b.path(), &out.path().join("reversed"), 2);
        // Every generated file is valid: each build must succeed.
        let first = first.map_err(TestCaseError::fail)?;
        let second = second.map_err(TestCaseError::fail)?;
        let third = third.map_err(TestCaseError::fail)?;
        prop_assert!(first.keys().any(|k| k.ends_with("index.html")));
        prop_assert!(first == second, "1 thread vs 4: {}", first_difference(&first, &second));
        prop_assert!(first == third, "file order: {}", first_difference(&first, &third));
    }
}

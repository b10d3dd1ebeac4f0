//! Issue 16: a multilingual digest. A site without `languages:` builds byte for byte as
//! before; UI strings come from the theme's i18n files.

mod common;

use common::{snapshot, SiteTest};
use std::collections::BTreeMap;
use std::path::Path;

const NOW: &str = "2024-06-01T00:00:00Z";

fn golden_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name)
}

/// The built files less the theme's static ones (copied verbatim, not rendered).
fn rendered(public: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(public)
        .into_iter()
        .filter(|(path, _)| {
            !(path.starts_with("css/")
                || path.starts_with("js/")
                || path == "favicon.svg"
                || path == "logo.png"
                || path == ".nojekyll")
        })
        .collect()
}

fn compare_with_golden(site: &SiteTest, name: &str) {
    site.run(&["build", "--now", NOW]).expect_success();
    let built = rendered(&site.public());
    let dir = golden_dir(name);
    if std::env::var_os("GAZETTE_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        for (path, bytes) in &built {
            let dest = dir.join(path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, bytes).unwrap();
        }
        return;
    }
    let golden = snapshot(&dir);
    let built_paths: Vec<_> = built.keys().collect();
    let golden_paths: Vec<_> = golden.keys().collect();
    assert_eq!(built_paths, golden_paths, "{name}: not the same files");
    for (path, bytes) in &built {
        if golden[path] != *bytes {
            let old = String::from_utf8_lossy(&golden[path]);
            let new = String::from_utf8_lossy(bytes);
            let line = old
                .lines()
                .zip(new.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name}/{path} differs from the golden output at line {}:\n- {}\n+ {}\n(GAZETTE_BLESS=1 regenerates it after an intended change)",
                line + 1,
                old.lines().nth(line).unwrap_or(""),
                new.lines().nth(line).unwrap_or("")
            );
        }
    }
}

#[test]
fn golden_a_site_without_languages_builds_byte_for_byte_as_before() {
    compare_with_golden(&SiteTest::fixture("rtl_arabic"), "rtl_arabic");
}

#[test]
fn golden_paginated_daily_site_with_rss_builds_byte_for_byte_as_before() {
    let site = SiteTest::fixture("rtl_arabic");
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}paginate: 1\nedition: daily\nfeeds:\n  rss: true\n"),
    );
    compare_with_golden(&site, "rtl_arabic_paged");
}

#[test]
fn a_site_overrides_one_ui_string_in_its_own_i18n_folder() {
    let site = SiteTest::fixture("rtl_arabic");
    site.write("i18n/en.yaml", "related_coverage: See also\ntags: Topics\n");
    site.build();
    let page = site.read("public/2024/02/muscat-crafts/index.html");
    assert!(page.contains(">Topics</a>"), "{page}");
    // Keys the site does not override keep the theme's text.
    assert!(page.contains(">Archive</a>"), "{page}");
}

#[test]
fn a_bad_i18n_file_is_an_error_naming_it() {
    let site = SiteTest::fixture("rtl_arabic");
    site.write("i18n/en.yaml", "min_read:\n  one: x\n  plenty: y\n");
    let run = site.run(&["build", "--now", NOW]);
    run.expect_failure();
    assert!(run.stderr().contains("i18n/en.yaml"), "{}", run.stderr());
    assert!(run.stderr().contains("plenty"), "{}", run.stderr());
}

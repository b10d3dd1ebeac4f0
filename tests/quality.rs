//! External quality gates on the bundled site, with tools nobody here wrote: the Nu Html
//! Checker (vnu-jar) must report 0 errors on every page, and axe-core in Debian's Chromium
//! must report 0 accessibility violations (light and dark) and no console errors.
//! `.ci/run` installs the tools (java, chromium, `npm ci` in tests/browser); without them
//! these tests say so and skip locally, and fail under CI.

mod common;

use common::SiteTest;
use std::path::Path;
use std::process::Command;

#[test]
fn every_page_is_valid_html() {
    let vnu = common::browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !common::tool_present(
        "java + vnu-jar",
        vnu.exists() && common::command_works("java", "-version"),
    ) {
        return;
    }
    for base_url in [None, Some("https://example.github.io/digest/")] {
        let site = SiteTest::bundled();
        let mut args = vec!["build", "--now", "2024-06-01T00:00:00Z"];
        if let Some(url) = base_url {
            args.extend(["--base-url", url]);
        }
        site.run(&args).expect_success();
        let output = Command::new("java")
            .args(["-jar"])
            .arg(&vnu)
            .args(["--errors-only", "--skip-non-html", "--format", "text"])
            .arg(site.public())
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&output.stderr).into_owned()
            + &String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && !report.to_lowercase().contains("error:"),
            "Nu Html Checker errors:\n{report}"
        );
        assert!(report.contains("No errors found"), "{report}");
    }
}

#[test]
fn key_pages_have_no_accessibility_violations_or_console_errors() {
    let node_modules = common::browser_dir().join("node_modules");
    if !common::tool_present(
        "node + chromium + playwright-core/axe-core",
        node_modules.join("axe-core").exists()
            && Path::new("/usr/bin/chromium").exists()
            && common::command_works("node", "--version"),
    ) {
        return;
    }
    let site = SiteTest::bundled();
    // Served from the server's root, so the 404 page's absolute links must point there.
    site.run(&[
        "build",
        "--base-url",
        "https://example.org/",
        "--now",
        "2024-06-01T00:00:00Z",
    ])
    .expect_success();
    let public = site.public();
    let first_article = walkdir::WalkDir::new(public.join("2024"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find(|e| e.file_name() == "index.html")
        .unwrap()
        .path()
        .parent()
        .unwrap()
        .strip_prefix(&public)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let (_server, port) = common::serve_static(&public);
    let pages = [
        "".to_string(),
        "regions/".into(),
        "regions/gulf/".into(),
        "tags/".into(),
        "tags/economy/".into(),
        format!("{first_article}/"),
        // The Arabic and French editions (issue 16): right-to-left chrome, other UI strings.
        "ar/".into(),
        "ar/2024/02/muscat-crafts-exhibition/".into(),
        "fr/".into(),
        "404.html".into(),
    ];
    let urls: Vec<String> = pages
        .iter()
        .map(|p| format!("http://127.0.0.1:{port}/{p}"))
        .collect();
    let results: serde_json::Value = common::node_json("a11y.mjs", &urls);
    for url in &urls {
        let result = &results[url];
        assert_eq!(
            result["violations"],
            serde_json::json!([]),
            "{url}: axe violations"
        );
        assert_eq!(
            result["consoleErrors"],
            serde_json::json!([]),
            "{url}: console errors"
        );
    }
}

//! External quality gates on the bundled site, with tools nobody here wrote: the Nu Html
//! Checker (vnu-jar) must report 0 errors on every page, and axe-core in Debian's Chromium
//! must report 0 accessibility violations (light and dark) and no console errors.
//! `.ci/run` installs the tools (java, chromium, `npm ci` in tests/browser); without them
//! these tests say so and skip locally, and fail under CI.

mod common;

use common::SiteTest;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Whether the external tools are here; under CI their absence is a failure.
fn tools_present(what: &str, present: bool) -> bool {
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} missing under CI: .ci/run must install it"
        );
        eprintln!("SKIPPED: {what} not installed (run .ci/run or `npm ci --prefix tests/browser`)");
    }
    present
}

fn command_works(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain static file server on a free loopback port (python's, so the test does not
/// depend on gazette's own `serve`).
fn serve(dir: &Path) -> (Server, u16) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("python3")
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (Server(child), port)
}

#[test]
fn every_page_is_valid_html() {
    let vnu = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !tools_present(
        "java + vnu-jar",
        vnu.exists() && command_works("java", "-version"),
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
    let node_modules = browser_dir().join("node_modules");
    if !tools_present(
        "node + chromium + playwright-core/axe-core",
        node_modules.join("axe-core").exists()
            && Path::new("/usr/bin/chromium").exists()
            && command_works("node", "--version"),
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
    let (_server, port) = serve(&public);
    let pages = [
        "".to_string(),
        "regions/".into(),
        "regions/gulf/".into(),
        "tags/".into(),
        "tags/economy/".into(),
        format!("{first_article}/"),
        "2024/02/muscat-crafts-exhibition/".into(),
        "404.html".into(),
    ];
    let urls: Vec<String> = pages
        .iter()
        .map(|p| format!("http://127.0.0.1:{port}/{p}"))
        .collect();
    let output = Command::new("node")
        .arg(browser_dir().join("a11y.mjs"))
        .args(&urls)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "a11y.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
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

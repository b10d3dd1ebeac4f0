//! Hostile input (issue 8): scripts in titles, captions and bodies, NUL bytes, invalid
//! UTF-8, a 5 MB single-line file, a YAML alias bomb, symlink loops and links outside the
//! root, `../` slugs, a 10,000-tag article. Every case through `check`, `build` and
//! `import` must end with exit 0 (sanitised) or 1 (clear error naming the file), never a
//! panic (101) or a hang, and no script from content may reach any output file.

mod common;

use common::{snapshot, SiteTest};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run gazette with a deadline; a hang is a failure.
fn run_bounded(args: &[&str], deadline: Duration) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both streams on threads so a chatty child cannot block on a full pipe.
    // Diagnostics may go to either stream (`check` prints its report on stdout).
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            panic!("gazette {args:?} still running after {deadline:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = stdout.join().unwrap() + &stderr.join().unwrap();
    (status.code(), output)
}

fn front(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2024-02-07\nregion: gulf\n{extra}---\n")
}

/// (file name under content/gulf/, bytes)
fn hostile_content() -> Vec<(&'static str, Vec<u8>)> {
    let script = "<script>alert('xss')</script>";
    let mut cases: Vec<(&'static str, Vec<u8>)> = vec![
        ("script-title.md", (front("\"</title><script>alert('xss')</script>\"", "") + "Body.\n").into_bytes()),
        ("script-caption.md", (front("Caption", &format!("image_caption: \"{script}\"\nimage_credit: \"<img src=x onerror=alert('xss')>\"\nsummary: \"{script}\"\n")) + "Body.\n").into_bytes()),
        // Every plain-text field at once; feeds carry each (issue 12).
        ("script-fields.md", (front("\"<img src=x onerror=alert('xss')>\"", &format!("summary: \"<img src=x onerror=alert('xss')> {script}\"\nauthor: \"{script}\"\nsource: \"{script}\"\nimage: \"javascript:alert('xss')\"\nimage_caption: \"{script}\"\n")) + "Body.\n").into_bytes()),
        ("script-body.md", (front("Body", "") + &format!("Text {script}\n\n<img src=x onerror=\"alert('xss')\">\n\n[click](javascript:alert('xss'))\n\n<iframe src=\"https://evil.example/\"></iframe>\n<svg onload=alert('xss')></svg>\n")).into_bytes()),
        // No raw HTML in the body, so only the link check sends it through the sanitiser
        // (found by fuzzing).
        ("script-link-only.md", (front("Link", "") + "[click](javascript:alert('xss')) <JavaScript:alert(1)> ![i](javascript:alert(2))\n\n[r]: javascript:alert(3)\n\n[ref][r]\n").into_bytes()),
        // Required fields with no value (found by fuzzing: once accepted as "").
        ("empty-region.md", b"---\ntitle: No region\ndate: 2024-02-07\nregion:\n---\nx\n".to_vec()),
        ("empty-title-date.md", b"---\ntitle:\ndate: ~\nregion: gulf\n---\nx\n".to_vec()),
        ("nul.md", (front("Nul", "") + "a\0b\n").into_bytes()),
        ("slug-escape.md", (front("Escape", "slug: ../../etc\n") + "x\n").into_bytes()),
        ("slug-slash.md", (front("Slash", "slug: a/b\n") + "x\n").into_bytes()),
        ("title-only-symbols.md", (front("\"!!! ???\"", "") + "x\n").into_bytes()),
        ("deep-yaml.md", (front("Deep", &format!("summary: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)))).into_bytes()),
        ("long-title.md", (front(&"Long ".repeat(20_000), "") + "x\n").into_bytes()),
        ("bad-tags-type.md", (front("Tags", "tags: {a: 1}\n") + "x\n").into_bytes()),
        ("date-overflow.md", b"---\ntitle: Overflow\ndate: 99999999-12-31\nregion: gulf\n---\nx\n".to_vec()),
        ("link-bomb.md", (front("Links", "") + &"[x](@/nowhere.md) ".repeat(20_000)).into_bytes()),
        ("nested-lists.md", (front("Nested", "") + &"> ".repeat(5_000) + "deep\n" + &"- ".repeat(5_000) + "deep\n").into_bytes()),
    ];
    let mut invalid = front("Latin", "").into_bytes();
    invalid.extend_from_slice(b"caf\xe9 \xff\xfe\n");
    cases.push(("invalid-utf8.md", invalid));
    let mut bomb = String::from("---\ntitle: Bomb\ndate: 2024-02-07\nregion: gulf\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (i, prev) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
        let name = ["b", "c", "d", "e", "f", "g", "h", "i"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("---\nx\n");
    cases.push(("alias-bomb.md", bomb.into_bytes()));
    let tags: Vec<String> = (0..10_000).map(|i| format!("t{i}")).collect();
    cases.push((
        "ten-thousand-tags.md",
        (front("Tags", &format!("tags: [{}]\n", tags.join(", "))) + "x\n").into_bytes(),
    ));
    let mut long_line = front("Long line", "").into_bytes();
    long_line.extend(std::iter::repeat_n(b'a', 5 * 1024 * 1024));
    long_line.push(b'\n');
    cases.push(("five-mb-line.md", long_line));
    cases
}

/// No script from content in any output file, read the way its consumer reads it: every
/// HTML page parsed (a `<` inside a quoted attribute value is text, not a tag); the raw
/// bytes of the XML, JSON and script files (so that even JSON and the search index never
/// carry a literal tag a naive consumer could paste into a page); and every HTML payload
/// inside a feed (RSS `description` and `content:encoded`, Atom `type="html"`, JSON Feed
/// `content_html`) decoded and parsed as a feed reader would. Plain-text files (`.txt`:
/// robots.txt, a newsletter's text part) hold text as it is, markup characters included.
fn assert_no_injected_script(site: &SiteTest) {
    for (rel, bytes) in snapshot(&site.public()) {
        let rel = rel.replace('\\', "/");
        let text = String::from_utf8_lossy(&bytes);
        let lower = text.to_lowercase();
        let raw_checked = !rel.ends_with(".txt") && !rel.ends_with(".html");
        for bad in [
            "<script>alert",
            "<img src=x onerror",
            "onerror=\"alert",
            "<svg onload",
            "href=\"javascript:",
            "src=\"javascript:",
            "<iframe",
        ] {
            assert!(!raw_checked || !lower.contains(bad), "{rel} contains {bad}");
        }
        if rel.ends_with(".html") {
            assert_inert_html(&text, &rel, false);
        } else if rel.ends_with(".xml") {
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{rel} is not well-formed XML: {e}"));
            for node in doc.descendants().filter(|n| n.is_element()) {
                if is_html_payload(node) {
                    let html = node.text().unwrap_or("");
                    let what = format!("{rel} <{}>", node.tag_name().name());
                    assert_inert_html(html, &what, true);
                }
            }
        } else if rel.ends_with(".json") {
            let json: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"));
            assert_inert_json(&json, &rel);
        }
    }
}

/// RSS `description` (of an item) and `content:encoded`, Atom text constructs with
/// `type="html"`: elements whose text a reader renders as HTML.
fn is_html_payload(node: roxmltree::Node<'_, '_>) -> bool {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
    let name = node.tag_name();
    match name.namespace() {
        Some(ATOM) => node.attribute("type") == Some("html"),
        Some(CONTENT) => name.name() == "encoded",
        None => {
            name.name() == "description"
                && node
                    .parent_element()
                    .is_some_and(|p| p.has_tag_name("item"))
        }
        _ => false,
    }
}

fn assert_inert_json(value: &serde_json::Value, rel: &str) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("content_html", serde_json::Value::String(html)) => {
                        assert_inert_html(html, &format!("{rel} content_html"), true)
                    }
                    _ => assert_inert_json(value, rel),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| assert_inert_json(v, rel)),
        _ => {}
    }
}

/// No `<script>` (but JSON-LD and the theme's own `src` scripts on pages), no `on*`
/// attribute, no `javascript:`/`vbscript:` URL.
fn assert_inert_html(html: &str, what: &str, fragment: bool) {
    let doc = if fragment {
        scraper::Html::parse_fragment(html)
    } else {
        scraper::Html::parse_document(html)
    };
    let all = scraper::Selector::parse("*").unwrap();
    for element in doc.select(&all) {
        let name = element.value().name();
        let allowed = !fragment
            && (element.value().attr("type") == Some("application/ld+json")
                || element.value().attr("src").is_some_and(|src| {
                    src.ends_with(".js") && !src.to_ascii_lowercase().contains("script:")
                }));
        assert!(
            name != "script" || allowed,
            "{what}: a <script> element: {}",
            element.html()
        );
        for (attr, value) in element.value().attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "{what}: <{name} {attr}=…>"
            );
            let value: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("vbscript:"),
                "{what}: <{name} {attr}={value}>"
            );
        }
    }
}

/// Feeds on, RSS included, so that the scan reads every kind of feed.
fn with_all_feeds(site: &SiteTest) {
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}feeds:\n  rss: true\n"));
}

#[test]
fn hostile_content_never_panics_hangs_or_injects() {
    for (name, bytes) in hostile_content() {
        let site = SiteTest::fixture("minimal");
        with_all_feeds(&site);
        site.write(&format!("content/gulf/{name}"), "");
        std::fs::write(site.root().join("content/gulf").join(name), &bytes).unwrap();
        let root = site.root().to_str().unwrap().to_string();
        for command in ["check", "build"] {
            let (code, stderr) = run_bounded(&[command, "--root", &root], Duration::from_secs(60));
            assert!(
                matches!(code, Some(0) | Some(1)),
                "{command} on {name}: exit {code:?}\n{stderr}"
            );
            assert!(
                !stderr.contains("panicked"),
                "{command} on {name}: {stderr}"
            );
            if code == Some(1) {
                assert!(
                    stderr.contains(name) || stderr.contains("site.yaml"),
                    "{command} on {name}: error does not name the file:\n{stderr}"
                );
            }
        }
        if site.public().exists() {
            assert_no_injected_script(&site);
        }
    }
}

#[test]
fn symlinks_outside_the_root_and_loops_are_not_followed() {
    let site = SiteTest::fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        front("Secret", "") + "outside the root\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(
            outside.path().join("secret.md"),
            site.root().join("content/gulf/secret.md"),
        )
        .unwrap();
        symlink(outside.path(), site.root().join("content/outside-dir")).unwrap();
        symlink(
            site.root().join("content"),
            site.root().join("content/gulf/loop"),
        )
        .unwrap();
        symlink("missing.md", site.root().join("content/gulf/dangling.md")).unwrap();
    }
    let root = site.root().to_str().unwrap().to_string();
    let (code, stderr) = run_bounded(
        &["build", "--root", &root, "--now", "2024-06-01"],
        Duration::from_secs(60),
    );
    assert!(matches!(code, Some(0) | Some(1)), "exit {code:?}: {stderr}");
    assert!(
        stderr.contains("secret.md") && stderr.contains("not followed"),
        "{stderr}"
    );
    assert!(stderr.contains("dangling.md"), "{stderr}");
    if site.public().exists() {
        for (rel, bytes) in snapshot(&site.public()) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("outside the root"),
                "{rel} holds a file from outside the root"
            );
        }
    }
}

#[test]
fn oversized_file_is_a_clear_error() {
    let site = SiteTest::fixture("minimal");
    let yaml = site.read("site.yaml") + "max_file_size: 1000\n";
    site.write("site.yaml", &yaml);
    site.write(
        "content/gulf/big.md",
        &(front("Big", "") + &"word ".repeat(1000)),
    );
    let run = site.run(&["build"]);
    run.expect_failure();
    assert!(
        run.stderr().contains("content/gulf/big.md: file is 5")
            && run.stderr().contains("over the 1000 byte limit"),
        "{}",
        run.stderr()
    );
}

/// Assert a bounded run ended with 0 or 1 and no panic; return (code, output).
fn run_ok(args: &[&str], what: &str) -> (Option<i32>, String) {
    let (code, output) = run_bounded(args, Duration::from_secs(60));
    assert!(
        matches!(code, Some(0) | Some(1)),
        "{what}: {args:?} exit {code:?}\n{output}"
    );
    assert!(!output.contains("panicked"), "{what}: {args:?}\n{output}");
    (code, output)
}

/// site.yaml cases: (name, text). The fixture's valid site.yaml is the starting point.
fn hostile_site_yaml(valid: &str) -> Vec<(&'static str, String)> {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    // Many regions: every region page lists them all, so the cost grows with the square of
    // the count (a site owner's own config, not untrusted content: kept at 500 here).
    let regions: String = (0..500)
        .map(|i| format!("  - slug: r{i}\n    name: Region {i}\n"))
        .collect();
    vec![
        ("alias bomb", format!("{valid}{bomb}")),
        (
            "alias bomb in a value",
            valid.replace("title: Fixture Gazette", "title: &t Fixture\nauthor: *t"),
        ),
        (
            "huge paginate",
            format!("{valid}paginate: 18446744073709551615\n"),
        ),
        (
            "paginate overflow",
            format!("{valid}paginate: 99999999999999999999999\n"),
        ),
        ("negative paginate", format!("{valid}paginate: -1\n")),
        ("zero paginate", format!("{valid}paginate: 0\n")),
        ("float paginate", format!("{valid}paginate: 1e400\n")),
        (
            "huge feed limit",
            format!("{valid}feeds:\n  limit: 18446744073709551615\n"),
        ),
        ("zero max_file_size", format!("{valid}max_file_size: 0\n")),
        (
            "huge max_file_size",
            format!("{valid}max_file_size: 18446744073709551615\n"),
        ),
        (
            "title is a list",
            valid.replace("title: Fixture Gazette", "title: [a, b]"),
        ),
        (
            "title is a map",
            valid.replace("title: Fixture Gazette", "title: {a: 1}"),
        ),
        (
            "regions is text",
            "title: T\nbase_url: https://example.org/\nregions: gulf\n".into(),
        ),
        (
            "regions empty",
            "title: T\nbase_url: https://example.org/\nregions: []\n".into(),
        ),
        (
            "region slug escapes",
            "title: T\nbase_url: https://example.org/\nregions:\n  - slug: ../../x\n    name: X\n"
                .into(),
        ),
        (
            "five hundred regions",
            format!("title: T\nbase_url: https://example.org/\nregions:\n{regions}"),
        ),
        (
            "base_url script",
            valid.replace("https://example.org/", "javascript:alert(1)"),
        ),
        (
            "base_url unclosed ipv6",
            valid.replace("https://example.org/", "http://[::1"),
        ),
        (
            "base_url huge",
            valid.replace(
                "https://example.org/",
                &format!("https://example.org/{}/", "a".repeat(100_000)),
            ),
        ),
        (
            "timezone junk",
            format!("{valid}timezone: \"../../etc/localtime\"\n"),
        ),
        ("theme escapes", format!("{valid}theme: ../../..\n")),
        (
            "lang script",
            valid.replace("lang: en", "lang: \"en\\\"><script>alert(1)</script>\""),
        ),
        (
            "deep nesting",
            format!(
                "{valid}description: {}{}\n",
                "[".repeat(5_000),
                "]".repeat(5_000)
            ),
        ),
        ("not yaml", "\u{0}\u{1}binary".into()),
        ("empty", String::new()),
        ("tabs", "title:\tT\n\tbase_url: x\n".into()),
        ("duplicate keys", format!("{valid}title: Again\n")),
    ]
}

#[test]
fn hostile_site_yaml_never_panics_or_hangs() {
    let site = SiteTest::fixture("minimal");
    let valid = site.read("site.yaml");
    let root = site.root().to_str().unwrap().to_string();
    for (name, text) in hostile_site_yaml(&valid) {
        eprintln!("site.yaml: {name}");
        site.write("site.yaml", &text);
        for command in ["check", "build"] {
            let (code, output) = run_ok(&[command, "--root", &root], name);
            if code == Some(1) {
                // site.yaml, or a content file it made invalid (a region it no longer has).
                assert!(
                    output.contains("site.yaml") || output.contains(".md:"),
                    "{name}: {command} error does not name the file:\n{output}"
                );
            }
        }
        let raw = site.root().join("raw.txt");
        std::fs::write(
            &raw,
            "Oman Budget Approved\n\nOman approved its budget on Tuesday, officials said.\n",
        )
        .unwrap();
        run_ok(
            &[
                "import",
                "--root",
                &root,
                "--dry-run",
                raw.to_str().unwrap(),
            ],
            name,
        );
        if site.public().exists() {
            assert_no_injected_script(&site);
        }
    }
}

/// Raw import inputs: (file name, bytes).
fn hostile_raw() -> Vec<(&'static str, Vec<u8>)> {
    let mut long_line = b"Oman Budget Approved\n\n".to_vec();
    long_line.extend(std::iter::repeat_n(b'a', 5 * 1024 * 1024));
    let long_words = format!(
        "{}\n\nBody of the long title, officials said on Tuesday.\n",
        "Oman talks ".repeat(400_000)
    );
    let titles: String = (0..10_000)
        .map(|i| format!("Oman Title Number {i}\n"))
        .collect();
    let spaced: String = (0..10_000)
        .map(|i| format!("Oman Title Number {i}\n\n"))
        .collect();
    let mut invalid = b"Oman Budget\n\nOman caf\xe9 approved.\n".to_vec();
    invalid.push(0xff);
    vec![
        ("nul.txt", b"Oman Budget Approved\n\nOman\0 approved its budget.\n".to_vec()),
        ("invalid-utf8.txt", invalid),
        ("utf16.txt", b"\xff\xfeO\0m\0a\0n\0\n\0".to_vec()),
        ("five-mb-line.txt", long_line),
        ("five-mb-title.txt", long_words.into_bytes()),
        ("ten-thousand-titles.txt", titles.into_bytes()),
        ("ten-thousand-titles-spaced.txt", spaced.into_bytes()),
        ("whitespace.txt", b" \n\t\r\n\xe2\x80\x8b\n".to_vec()),
        ("cr-only.txt", b"Oman Budget Approved\r\rOman approved its budget on Tuesday.\r".to_vec()),
        ("script.txt", b"Oman </title><script>alert('xss')</script>\n\n<img src=x onerror=alert('xss')> Oman approved <script>alert('xss')</script> its budget.\n\n[x](javascript:alert('xss'))\n".to_vec()),
        ("yaml-lookalike.txt", b"---\ntitle: x\nslug: ../../etc\n---\n\n---\n\nOman: approved\n\n# heading\n\n- item\n".to_vec()),
        ("markdown-only.txt", format!("Oman {}\n\n{}\n", "#".repeat(100_000), "> ".repeat(50_000)).into_bytes()),
    ]
}

/// The minimal fixture with every default region, so that import can place any article.
fn import_site() -> SiteTest {
    let site = SiteTest::fixture("minimal");
    let mut yaml = site.read("site.yaml");
    for slug in [
        "middle-east",
        "north-africa",
        "africa",
        "europe",
        "americas",
        "asia",
        "world",
    ] {
        yaml = yaml.replace(
            "tags:\n",
            &format!("  - slug: {slug}\n    name: {slug}\ntags:\n"),
        );
    }
    site.write("site.yaml", &yaml);
    with_all_feeds(&site);
    site
}

#[test]
fn hostile_raw_files_through_import_check_and_build() {
    for (name, bytes) in hostile_raw() {
        eprintln!("raw: {name}");
        let site = import_site();
        let root = site.root().to_str().unwrap().to_string();
        let raw = site.root().join(name);
        std::fs::write(&raw, &bytes).unwrap();
        let raw = raw.to_str().unwrap().to_string();
        let (code, output) = run_ok(
            &["import", "--root", &root, "--date", "2024-02-07", &raw],
            name,
        );
        if code == Some(1) {
            assert!(
                output.contains(name),
                "import of {name}: error does not name the file:\n{output}"
            );
        }
        // Whatever import wrote must load: check and build accept it (or say why).
        for command in ["check", "build"] {
            let (code, output) = run_ok(&[command, "--root", &root, "--now", "2024-06-01"], name);
            assert_eq!(code, Some(0), "{command} after importing {name}:\n{output}");
        }
        assert_no_injected_script(&site);
    }
}

/// Regression (issue 8, found by the hostile corpus): the summary repeats the lead, so a
/// raw file under max_file_size made a markdown file over it, which every build refused.
#[test]
fn import_never_writes_a_file_the_build_refuses() {
    let site = import_site();
    let yaml = site.read("site.yaml") + "max_file_size: 3000\n";
    site.write("site.yaml", &yaml);
    let raw = site.root().join("long-lead.txt");
    let lead = format!(
        "Oman approved its budget on Tuesday. {}\n",
        "More words. ".repeat(180)
    );
    std::fs::write(&raw, format!("Oman Budget Approved\n\n{lead}")).unwrap();
    assert!(std::fs::metadata(&raw).unwrap().len() < 3000);
    let run = site.run(&[
        "import",
        "--root",
        site.root().to_str().unwrap(),
        raw.to_str().unwrap(),
    ]);
    run.expect_failure();
    assert!(
        run.stdout().contains("more than max_file_size")
            || run.stderr().contains("more than max_file_size"),
        "{}{}",
        run.stdout(),
        run.stderr()
    );
    site.run(&["check"]).expect_success();
}

/// Regression (issue 8, found by the exit-code audit): `check --format json` panicked
/// (exit 101) on a content file whose name is not UTF-8.
#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_reported_in_every_format() {
    use std::os::unix::ffi::OsStrExt;
    let site = SiteTest::fixture("minimal");
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.md");
    std::fs::write(
        site.root().join("content/gulf").join(name),
        "---\ntitle: x\n---\n",
    )
    .unwrap();
    let root = site.root().to_str().unwrap().to_string();
    for format in ["text", "json", "github"] {
        let (code, output) = run_ok(&["check", "--root", &root, "--format", format], format);
        assert_eq!(code, Some(1), "{format}: {output}");
        assert!(output.contains("bad\u{FFFD}.md"), "{format}: {output}");
    }
    run_ok(&["build", "--root", &root], "build");
}

/// Regression (issue 8, exit-code audit): a file that never ends (`/dev/zero`) reports
/// length 0 and was read to exhaustion; import now reads at most max_file_size + 1 bytes.
#[cfg(target_os = "linux")]
#[test]
fn import_of_an_endless_file_stops_at_the_limit() {
    let site = import_site();
    let root = site.root().to_str().unwrap().to_string();
    let (code, output) = run_ok(&["import", "--root", &root, "/dev/zero"], "/dev/zero");
    assert_eq!(code, Some(1), "{output}");
    assert!(
        output.contains("/dev/zero") && output.contains("max_file_size"),
        "{output}"
    );
}

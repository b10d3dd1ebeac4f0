//! The newsletter (issue 17): every edition's `email.html` and `email.txt` as mail clients
//! need them, the size budget under Gmail's clipping on a heavy week, the editions feed,
//! an Arabic edition, and `gazette email` read back by a real MIME parser (Python's
//! `email` package).

mod common;

use common::{tool_present, SiteTest};
use scraper::{Html, Selector};
use std::process::Command;

const CLIP_LIMIT: usize = 102 * 1024;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn editions(site: &SiteTest) -> Vec<String> {
    let mut keys: Vec<String> = std::fs::read_dir(site.public().join("digest"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("email.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    keys.sort();
    keys
}

/// What every email must be: no script, no style sheet link, no relative URL, styles
/// inlined on the elements the theme styles, images with width, height and alt.
#[track_caller]
fn assert_mail_ready(html: &str, name: &str) {
    assert!(html.len() < CLIP_LIMIT, "{name}: {} bytes", html.len());
    let doc = Html::parse_document(html);
    assert_eq!(doc.select(&sel("script")).count(), 0, "{name}: script");
    assert_eq!(
        doc.select(&sel("link[rel=stylesheet]")).count(),
        0,
        "{name}: style sheet link"
    );
    for el in doc.select(&sel("[href], [src]")) {
        for attr in ["href", "src"] {
            if let Some(url) = el.value().attr(attr) {
                assert!(
                    url.starts_with("https://")
                        || url.starts_with("http://")
                        || url.starts_with("mailto:"),
                    "{name}: relative {attr}={url:?}"
                );
            }
        }
    }
    for el in doc.select(&sel(
        "body, table.column, td.masthead, a.site, p.summary, td.footer",
    )) {
        let style = el.value().attr("style").unwrap_or("");
        assert!(
            !style.is_empty(),
            "{name}: <{}> has no inline style",
            el.value().name()
        );
    }
    for img in doc.select(&sel("img")) {
        for attr in ["width", "height", "alt"] {
            assert!(
                img.value().attr(attr).is_some(),
                "{name}: img without {attr}"
            );
        }
    }
    // Only the @media rules (dark mode, narrow screens) remain in a style block.
    for style in doc.select(&sel("style")) {
        let css: String = style.text().collect();
        assert!(
            css.trim_start().starts_with("@media"),
            "{name}: a plain rule left uninlined: {css}"
        );
    }
    // The hidden preheader is the first text a client shows beside the subject.
    let preheader = doc.select(&sel("div.preheader")).next().expect("preheader");
    assert!(preheader
        .value()
        .attr("style")
        .is_some_and(|s| s.contains("display: none")));
}

/// Lines of the text part fit 72 columns, but for a URL that cannot be broken.
#[track_caller]
fn assert_wrapped(text: &str, name: &str) {
    for line in text.lines() {
        if line.chars().count() > 72 {
            assert!(
                line.trim().starts_with("http") && !line.trim().contains(' '),
                "{name}: line over 72 columns: {line:?}"
            );
        }
    }
}

#[test]
fn every_edition_of_the_bundled_site_has_a_mail_ready_email() {
    let site = SiteTest::bundled();
    site.build();
    let keys = editions(&site);
    assert!(keys.len() >= 3, "{keys:?}");
    for key in &keys {
        let html = site.read(&format!("public/digest/{key}/email.html"));
        assert_mail_ready(&html, key);
        let text = site.read(&format!("public/digest/{key}/email.txt"));
        assert_wrapped(&text, key);
        // The edition page and its email list the same stories.
        let page = Html::parse_document(&site.read(&format!("public/digest/{key}/index.html")));
        let email = Html::parse_document(&html);
        let titles = |doc: &Html, s: &str| -> Vec<String> {
            let mut t: Vec<String> = doc
                .select(&sel(s))
                .map(|e| e.text().collect::<String>().trim().to_string())
                .collect();
            t.sort();
            t
        };
        let on_page = titles(&page, "main article h2 a, main article h3 a");
        let in_email = titles(&email, "h1 a, h2 a");
        assert_eq!(on_page, in_email, "{key}");
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for title in &in_email {
            assert!(
                words.contains(title.as_str()) || words.contains(&title.to_uppercase()),
                "{key}: {title} not in email.txt"
            );
        }
    }
}

/// A week of 300 long stories: the email stays under the clipping size, the first
/// stories keep their summaries and every other one is still there as a headline.
#[test]
fn a_heavy_week_stays_under_the_clipping_size() {
    let site = SiteTest::fixture("minimal");
    let summary = "Officials in the Gulf said on Tuesday that talks on a regional power grid had reached a new stage, with engineers from six countries due to meet again before the end of the month to settle the last technical questions. ".repeat(3);
    for i in 0..300 {
        site.write(
            &format!("content/gulf/story-{i:03}.md"),
            &format!(
                "---\ntitle: \"Grid talks, day {i}: engineers meet again in Doha\"\ndate: 2024-02-0{}T{:02}:{:02}:00Z\nregion: gulf\nsummary: \"{summary}\"\n---\n\nBody of story {i}.\n",
                5 + i % 5,
                i % 24,
                i % 60
            ),
        );
    }
    site.build();
    let keys = editions(&site);
    let key = keys
        .iter()
        .find(|k| k.as_str() == "2024-w06")
        .expect("week 6");
    let html = site.read(&format!("public/digest/{key}/email.html"));
    assert_mail_ready(&html, key);
    let doc = Html::parse_document(&html);
    let full = doc.select(&sel("p.summary")).count();
    let headlines = doc.select(&sel("p.headline")).count();
    assert!(
        full >= 1 && headlines >= 1,
        "full {full}, headlines {headlines}"
    );
    // Every story is in the email, in full or as a headline, or counted in the link to
    // the rest on the web.
    let listed = doc.select(&sel("h1 a, h2.title a, p.headline a")).count();
    let omitted: usize = doc
        .select(&sel("p.headline a"))
        .filter_map(|a| {
            let text: String = a.text().collect();
            text.strip_suffix(" more stories on the web")
                .and_then(|n| n.parse().ok())
        })
        .next()
        .unwrap_or(0);
    // 300 stories, and the fixture's own Oman budget story of 6 February.
    assert_eq!(
        listed - usize::from(omitted > 0) + omitted,
        301,
        "{listed} listed, {omitted} omitted"
    );
    // The budget is used, not wasted: more than half of the limit.
    assert!(html.len() > CLIP_LIMIT / 2, "{} bytes", html.len());
    assert_wrapped(&site.read(&format!("public/digest/{key}/email.txt")), key);

    // `check` tells the editor that this week's email was shortened, and only this one.
    let run = site.run(&["check", "--now", "2024-06-01T00:00:00Z"]);
    run.expect_success();
    let out = format!("{}{}", run.stdout(), run.stderr());
    let clipped: Vec<&str> = out.lines().filter(|l| l.contains("clip limit")).collect();
    assert_eq!(clipped.len(), 1, "{out}");
    assert!(
        clipped[0].contains("digest/2024-w06/email.html") && clipped[0].contains(" of 301 stories"),
        "{out}"
    );
}

/// `check` warns about a link in the email that a mail client cannot open, from a
/// site's own email template; the bundled theme's emails draw no warning.
#[test]
fn check_warns_about_relative_links_in_an_email() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["check", "--now", "2024-06-01T00:00:00Z"]);
    run.expect_success();
    let out = format!("{}{}", run.stdout(), run.stderr());
    assert!(!out.contains("email"), "{out}");

    let theme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/email.html"),
    )
    .unwrap();
    let (head, tail) = theme.split_once("</body>").expect("a body");
    site.write(
        "templates/email.html",
        &format!("{head}<a href=\"/archive/\">Archive</a><img src=\"logo.png\" alt=\"\" width=\"1\" height=\"1\"></body>{tail}"),
    );
    let run = site.run(&["check", "--now", "2024-06-01T00:00:00Z"]);
    run.expect_success();
    let out = format!("{}{}", run.stdout(), run.stderr());
    for url in ["\"/archive/\"", "\"logo.png\""] {
        let lines: Vec<&str> = out.lines().filter(|l| l.contains(url)).collect();
        assert!(!lines.is_empty(), "{url} not reported:\n{out}");
        assert!(lines.iter().all(|l| l.contains("email.html")), "{out}");
    }
}

#[test]
fn an_arabic_edition_is_right_to_left() {
    let site = SiteTest::fixture("rtl_arabic");
    let yaml = site.read("site.yaml").replace("lang: en", "lang: ar");
    site.write("site.yaml", &yaml);
    site.build();
    for key in editions(&site) {
        let html = site.read(&format!("public/digest/{key}/email.html"));
        let doc = Html::parse_document(&html);
        let root = doc.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("dir"), Some("rtl"), "{key}");
        assert_eq!(root.value().attr("lang"), Some("ar"), "{key}");
    }
}

#[test]
fn the_editions_feed_carries_whole_editions() {
    let site = SiteTest::bundled();
    site.build();
    let xml = site.read("public/digest/feed.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("the editions feed parses");
    let keys = editions(&site);
    assert_eq!(feed.entries.len(), keys.len().min(20));
    for entry in &feed.entries {
        let link = &entry.links[0].href;
        assert!(
            link.starts_with("https://") && link.contains("/digest/"),
            "{link}"
        );
        let html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .expect("content");
        let fragment = Html::parse_fragment(html);
        assert!(fragment.select(&sel("h2")).count() >= 1, "{html}");
        assert!(
            fragment.select(&sel("h3 a[href^='https://']")).count() >= 1,
            "{html}"
        );
        assert_eq!(fragment.select(&sel("script")).count(), 0);
    }
}

/// `gazette email` output read back by Python's `email` package, as a mail service would.
#[test]
fn gazette_email_writes_a_multipart_message() {
    if !tool_present("python3", common::command_works("python3", "--version")) {
        return;
    }
    let site = SiteTest::bundled();
    let yaml = site.read("site.yaml")
        + "newsletter:\n  from: \"Gazette Digest <digest@example.org>\"\n  unsubscribe: \"https://example.org/unsubscribe\"\n";
    site.write("site.yaml", &yaml);
    let run = site.run(&[
        "email",
        "latest",
        "--root",
        site.root().to_str().unwrap(),
        "--to",
        "readers@example.org",
        "--now",
        "2024-06-01T00:00:00Z",
    ]);
    run.expect_success();
    let message = site.root().join("message.eml");
    std::fs::write(&message, &run.output.stdout).unwrap();
    let script = r#"
import email, json, sys
from email import policy
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
parts = [{"type": p.get_content_type(), "charset": p.get_content_charset(),
          "body": p.get_content()} for p in m.iter_parts()]
print(json.dumps({"type": m.get_content_type(), "headers": {k: str(v) for k, v in m.items()},
                  "parts": parts, "defects": [str(d) for d in m.defects]}))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&message)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(parsed["type"], "multipart/alternative");
    assert_eq!(parsed["defects"].as_array().unwrap().len(), 0, "{parsed}");
    let headers = &parsed["headers"];
    assert_eq!(headers["To"], "readers@example.org");
    assert_eq!(headers["From"], "Gazette Digest <digest@example.org>");
    assert!(
        headers["Subject"].as_str().unwrap().starts_with("Week "),
        "{headers}"
    );
    assert!(headers["Subject"]
        .as_str()
        .unwrap()
        .ends_with("The Regional Gazette"));
    assert!(
        headers["Date"].as_str().unwrap().contains("2024"),
        "{headers}"
    );
    assert!(headers["Message-ID"]
        .as_str()
        .unwrap()
        .starts_with("<digest-"));
    assert_eq!(
        headers["List-Unsubscribe"],
        "<https://example.org/unsubscribe>"
    );
    assert_eq!(
        headers["List-Unsubscribe-Post"],
        "List-Unsubscribe=One-Click"
    );
    let parts = parsed["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["type"], "text/plain");
    assert_eq!(parts[1]["type"], "text/html");
    for part in parts {
        assert_eq!(part["charset"], "utf-8");
    }
    // The parts are exactly what the build writes beside the edition.
    site.build();
    let subject = headers["Subject"].as_str().unwrap();
    let week = subject.split(" — ").next().unwrap(); // "Week 10, 2024"
    let key = editions(&site).pop().expect("an edition");
    let text = &parts[0]["body"].as_str().unwrap().replace("\r\n", "\n");
    assert_eq!(*text, site.read(&format!("public/digest/{key}/email.txt")));
    assert!(text.contains(week), "{week} not in\n{text}");
    assert_wrapped(text, "text part");
    assert_mail_ready(parts[1]["body"].as_str().unwrap(), "html part");
}

#[test]
fn gazette_email_refuses_what_it_cannot_send() {
    let site = SiteTest::bundled();
    let root = site.root().to_str().unwrap().to_string();
    // No sender anywhere.
    let run = site.run(&["email", "latest", "--root", &root, "--to", "a@example.org"]);
    run.expect_failure();
    assert!(run.stderr().contains("no sender"), "{}", run.stderr());
    // An edition that does not exist names the newest ones.
    let run = site.run(&[
        "email",
        "1999-w01",
        "--root",
        &root,
        "--to",
        "a@example.org",
        "--from",
        "b@example.org",
    ]);
    run.expect_failure();
    assert!(
        run.stderr().contains("no edition \"1999-w01\""),
        "{}",
        run.stderr()
    );
    // A header injection attempt is not an address.
    let run = site.run(&[
        "email",
        "latest",
        "--root",
        &root,
        "--to",
        "a@example.org\nBcc: x@example.org",
        "--from",
        "b@example.org",
    ]);
    run.expect_failure();
    assert!(run.output.stdout.is_empty());
}

/// The email as a reader's mail client shows it: Chromium loads it with no console error
/// or failed request, and axe-core finds no accessibility violation (light and dark).
#[test]
fn the_email_renders_in_a_browser_without_errors() {
    let node_modules = common::browser_dir().join("node_modules");
    if !tool_present(
        "node + chromium + playwright-core/axe-core",
        node_modules.join("axe-core").exists()
            && std::path::Path::new("/usr/bin/chromium").exists()
            && common::command_works("node", "--version"),
    ) {
        return;
    }
    let site = SiteTest::bundled();
    site.build();
    // Chromium asks every server for /favicon.ico on its own (a mail client does not):
    // answer it, so that only the email's own requests can fail.
    if !site.public().join("favicon.ico").exists() {
        site.write("public/favicon.ico", "");
    }
    let (_server, port) = common::serve_static(&site.public());
    let urls: Vec<String> = editions(&site)
        .iter()
        .map(|key| format!("http://127.0.0.1:{port}/digest/{key}/email.html"))
        .collect();
    let results = common::node_json("a11y.mjs", &urls);
    for url in &urls {
        assert_eq!(results[url]["violations"], serde_json::json!([]), "{url}");
        // Images and links point at the real site (https://example.github.io/…), which
        // this machine cannot resolve: only errors of the page itself count (the local
        // server is an IP address, so a name that does not resolve is the real site's).
        let errors: Vec<&serde_json::Value> = results[url]["consoleErrors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                let e = e.as_str().unwrap_or("");
                !e.contains("example.github.io") && !e.contains("ERR_NAME_NOT_RESOLVED")
            })
            .collect();
        assert!(errors.is_empty(), "{url}: {errors:?}");
    }
}

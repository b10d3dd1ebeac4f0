//! Core build tests (issue 2): fixture sites through the real binary, output parsed back.

mod common;

use common::{snapshot, SiteTest};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;

fn html(site: &SiteTest, rel: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{rel}")))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Card titles of a listing page, in order.
fn card_titles(site: &SiteTest, rel: &str) -> Vec<String> {
    texts(&html(site, rel), "article.card h2 a")
}

/// Resolve a link found on the page at `page_rel` (a file under public/) to a file
/// path under public/, or None when it leaves the site.
fn resolve(page_rel: &str, href: &str, base_path: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap();
    let mut parts: Vec<&str> = if let Some(abs) = href.strip_prefix(base_path) {
        Vec::from_iter(abs.split('/'))
    } else if href.starts_with('/') {
        return None;
    } else {
        let mut dir: Vec<&str> = page_rel.split('/').collect();
        dir.pop();
        dir.extend(href.split('/'));
        dir
    };
    let mut out: Vec<&str> = Vec::new();
    for part in parts.drain(..) {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    let mut path = out.join("/");
    if href.ends_with('/') || href.is_empty() || href.ends_with("/.") || href == "." {
        path = if path.is_empty() {
            "index.html".into()
        } else {
            format!("{path}/index.html")
        };
    }
    Some(path)
}

/// Every href/src of every HTML page that is not external resolves to a built file.
fn assert_internal_links_resolve(site: &SiteTest, base_path: &str, base_url: &str) {
    let public = site.public();
    let files = snapshot(&public);
    let mut checked = 0;
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        for element in select(&doc, "[href], [src]") {
            let link = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap();
            if link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            if link.starts_with("http://") || link.starts_with("https://") {
                // Absolute links to our own site must stay under the base URL.
                if link.contains("example.") {
                    assert!(
                        link.starts_with(base_url),
                        "{rel}: absolute link {link} outside {base_url}"
                    );
                }
                continue;
            }
            let target = resolve(rel, link, base_path)
                .unwrap_or_else(|| panic!("{rel}: link {link} leaves the site path {base_path}"));
            assert!(
                files.contains_key(&target),
                "{rel}: link {link} → {target} does not exist"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links checked");
}

#[test]
fn bad_inputs_give_file_line_errors_and_exit_1() {
    // (case, exact stderr lines, in order)
    let cases: &[(&str, &[&str])] = &[
        ("bad_missing_title", &["content/gulf/2024-02-08-untitled.md:1: missing required field `title`"]),
        ("bad_missing_date", &["content/gulf/2024-02-08-undated.md:1: missing required field `date`"]),
        ("bad_missing_region", &["content/europe/2024-02-08-no-region.md:1: missing required field `region`"]),
        ("bad_date", &["content/gulf/2024-02-08-bad-date.md:3: invalid date \"2024-13-45\" (expected YYYY-MM-DD or RFC 3339, e.g. 2024-02-06T14:30:00+03:00)"]),
        ("bad_unknown_region", &["content/gulf/2024-02-08-unknown-region.md:4: unknown region \"mideast\" (expected one of: gulf, europe)"]),
        (
            "bad_two_errors",
            &[
                "content/gulf/2024-02-08-two-errors.md:3: invalid date \"2024-13-45\" (expected YYYY-MM-DD or RFC 3339, e.g. 2024-02-06T14:30:00+03:00)",
                "content/gulf/2024-02-08-two-errors.md:4: unknown region \"mideast\" (expected one of: gulf, europe)",
                "2 errors found; nothing was written",
            ],
        ),
        ("bad_yaml", &["content/gulf/2024-02-08-bad-yaml.md:2: invalid YAML in front matter: mapping values are not allowed in this context"]),
        ("bad_unclosed", &["content/gulf/2024-02-08-unclosed.md:1: front matter opened on line 1 is never closed with a `---` line"]),
        ("bad_non_utf8", &["content/europe/2024-02-08-latin1.md:2: not valid UTF-8 (invalid byte at offset 14); save the file as UTF-8"]),
        ("bad_empty", &["content/gulf/2024-02-08-empty.md:1: empty file: expected front matter between `---` lines"]),
        (
            "bad_duplicate_slug",
            &["content/world/2024-02-20-energy-talks.md:6: duplicate URL /2024/02/energy-talks/: content/gulf/2024-02-06-energy-talks.md has the same slug \"energy-talks\" and month"],
        ),
        ("bad_unsafe_slug", &["content/gulf/2024-02-08-unsafe-slug.md:6: slug \"../escape\" is not a safe URL segment (use lowercase letters, digits and -)"]),
        (
            "bad_unknown_key",
            &[
                "content/gulf/2024-02-08-typo-key.md:1: missing required field `region`",
                "content/gulf/2024-02-08-typo-key.md:4: unknown front-matter field `regoin` (did you mean `region`?)",
            ],
        ),
        ("bad_missing_theme", &["error: site.yaml:4: theme \"nonexistent\" not found: there is no themes/nonexistent/ folder (available: default)"]),
        ("bad_template_syntax", &["error: templates/article.html:3: template syntax error: expected a value that can be negated"]),
        ("bad_site_yaml", &["site.yaml:4: unknown field `paginte`, expected one of"]),
    ];
    for (case, expected) in cases {
        let site = SiteTest::fixture(case);
        let run = site.run(&["build"]);
        run.expect_failure();
        let stderr = run.stderr();
        let lines: Vec<&str> = stderr.lines().collect();
        for (i, want) in expected.iter().enumerate() {
            assert!(
                lines.get(i).is_some_and(|l| l.starts_with(want)),
                "{case}: line {i} should start with\n  {want}\ngot stderr:\n{stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "{case}: {stderr}");
        assert!(
            !site.public().exists(),
            "{case}: a failed build wrote public/"
        );
    }
}

#[test]
fn failed_build_leaves_previous_output_byte_identical() {
    let site = SiteTest::fixture("regions");
    site.build();
    let before = snapshot(&site.public());
    assert!(before.len() > 20);
    // Break one article: the build must fail and keep the old site.
    let path = "content/gulf/2024-02-20-qatar-trade-surplus.md";
    let text = site.read(path).replace("region: gulf", "region: atlantis");
    site.write(path, &text);
    let run = site.run(&["build", "--now", "2024-06-01T00:00:00Z"]);
    run.expect_failure();
    assert!(run.stderr().contains("unknown region \"atlantis\""));
    assert_eq!(snapshot(&site.public()), before);
    // A template error mid-render also keeps it.
    site.write(path, &text.replace("region: atlantis", "region: gulf"));
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}{{ missing.field }}{% endblock content %}",
    );
    let run = site.run(&["build", "--now", "2024-06-01T00:00:00Z"]);
    run.expect_failure();
    assert!(run.stderr().contains("tag.html"), "{}", run.stderr());
    assert_eq!(snapshot(&site.public()), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn region_and_tag_pages_list_the_right_articles_in_order() {
    let site = SiteTest::fixture("regions");
    let run = site.build();
    assert!(
        run.stdout().starts_with("Built 9 articles, 4 regions,"),
        "{}",
        run.stdout()
    );
    // middle-east: 4 articles, paginate 2, newest first, the 2024-02-06 tie broken by slug.
    assert_eq!(
        card_titles(&site, "regions/middle-east/index.html"),
        [
            "Iraq foreign minister calls for renewed talks",
            "Lebanon reopens container terminal after repairs"
        ]
    );
    assert_eq!(
        card_titles(&site, "regions/middle-east/page/2/index.html").len(),
        2
    );
    assert!(!site.public().join("regions/middle-east/page/3").exists());
    // Every region page lists only that region's articles, and all of them.
    for region in ["middle-east", "gulf", "north-africa", "europe"] {
        let expected: BTreeSet<String> =
            std::fs::read_dir(site.root().join("content").join(region))
                .unwrap()
                .flatten()
                .map(|e| {
                    let text = std::fs::read_to_string(e.path()).unwrap();
                    text.lines()
                        .find_map(|l| l.strip_prefix("title: "))
                        .unwrap()
                        .trim_matches('"')
                        .to_string()
                })
                .collect();
        let mut listed = BTreeSet::new();
        let mut page = format!("regions/{region}/index.html");
        let mut n = 1;
        while site.public().join(&page).exists() {
            listed.extend(card_titles(&site, &page));
            n += 1;
            page = format!("regions/{region}/page/{n}/index.html");
        }
        assert_eq!(listed, expected, "{region}");
    }
    // Home: the front page (lead and regions), then the list in pages of 2 from page 2
    // on (9 articles: 5 pages), with prev/next links.
    let home = html(&site, "index.html");
    assert_eq!(select(&home, "article.card").len(), 0);
    assert_eq!(select(&home, "article.lead-story").len(), 1);
    assert_eq!(
        select(&home, "a[rel=next]")[0].value().attr("href"),
        Some("./page/2/")
    );
    let last = html(&site, "page/5/index.html");
    assert_eq!(select(&last, "article.card").len(), 1);
    assert_eq!(
        select(&last, "a[rel=prev]")[0].value().attr("href"),
        Some("../../page/4/")
    );
    assert!(select(&last, "a[rel=next]").is_empty());
    // The energy tag spans all four regions.
    let energy: Vec<String> = (1..=9)
        .flat_map(|n| {
            let page = if n == 1 {
                "tags/energy/index.html".to_string()
            } else {
                format!("tags/energy/page/{n}/index.html")
            };
            if site.public().join(&page).exists() {
                card_titles(&site, &page)
            } else {
                Vec::new()
            }
        })
        .collect();
    let tags_page = html(&site, "tags/index.html");
    let energy_count = select(&tags_page, ".tag-cloud li")
        .into_iter()
        .find(|li| li.text().any(|t| t == "Energy"))
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        energy_count.contains(&energy.len().to_string()),
        "{energy_count} vs {}",
        energy.len()
    );
    assert!(energy.len() >= 4);
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let site = SiteTest::fixture("regions");
    site.build();
    assert_internal_links_resolve(&site, "/", "https://example.org/");
}

#[test]
fn sub_path_base_url_keeps_every_link_inside_the_path() {
    let site = SiteTest::fixture("sub_path_base_url");
    site.build();
    assert_internal_links_resolve(&site, "/digest/", "https://example.github.io/digest/");
    let home = html(&site, "index.html");
    let canonical = select(&home, "link[rel=canonical]")[0]
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(canonical, "https://example.github.io/digest/");
    // The internal @/ link became a working relative link.
    let article = site.read("public/2024/02/oil-prices-end-the-week-higher/index.html");
    assert!(
        article.contains("href=\"../../../2024/02/norway"),
        "{article}"
    );
    // The 404 page is served at any depth, so it links from the base path.
    let not_found = html(&site, "404.html");
    for a in select(&not_found, "a[href]") {
        let href = a.value().attr("href").unwrap();
        assert!(
            href.starts_with("/digest/") || href.starts_with('#'),
            "404 link {href}"
        );
    }
    // --base-url overrides site.yaml, everywhere.
    let run = site.run(&[
        "build",
        "--base-url",
        "https://other.example.net/news",
        "--now",
        "2024-06-01T00:00:00Z",
    ]);
    run.expect_success();
    let home = html(&site, "index.html");
    assert_eq!(
        select(&home, "link[rel=canonical]")[0].value().attr("href"),
        Some("https://other.example.net/news/")
    );
}

#[test]
fn same_input_gives_byte_identical_output_in_parallel_and_serial() {
    let site = SiteTest::bundled();
    let out_parallel = site.root().join("out-parallel");
    let out_serial = site.root().join("out-serial");
    let now = "2024-06-01T00:00:00Z";
    site.run(&[
        "build",
        "--output",
        out_parallel.to_str().unwrap(),
        "--now",
        now,
    ])
    .expect_success();
    site.run_env(
        &[
            "build",
            "--output",
            out_serial.to_str().unwrap(),
            "--now",
            now,
        ],
        &[("RAYON_NUM_THREADS", "1")],
    )
    .expect_success();
    let a = snapshot(&out_parallel);
    assert!(a.len() > 40);
    assert!(
        a == snapshot(&out_serial),
        "parallel and serial builds differ"
    );
    // And a rebuild into the same folder writes the same bytes again.
    site.run(&[
        "build",
        "--output",
        out_parallel.to_str().unwrap(),
        "--now",
        now,
    ])
    .expect_success();
    assert!(a == snapshot(&out_parallel));
}

#[test]
fn rebuilds_skip_work_when_nothing_changed() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/gulf/2030-01-01-later.md",
        "---\ntitle: Later\ndate: 2030-01-01\nregion: gulf\n---\nNot yet.\n",
    );
    site.build();
    let before = snapshot(&site.public());
    // Same inputs, same clock: nothing is rendered or written.
    let run = site.build();
    assert!(
        run.stdout()
            .starts_with("Nothing changed since the last build"),
        "{}",
        run.stdout()
    );
    assert_eq!(snapshot(&site.public()), before);
    // A file touched but identical: a real build, whose files all match the old ones.
    let rel = "content/gulf/2024-02-06-oman-budget.md";
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write(rel, &site.read(rel));
    let stdout = site.build().stdout();
    let files: usize = stdout
        .split(" files, ")
        .next()
        .unwrap()
        .rsplit('(')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        stdout.contains(&format!("({files} files, {files} unchanged)")),
        "{stdout}"
    );
    // The clock passing a scheduled date is a change too.
    let run = site.run(&["build", "--now", "2030-01-02T00:00:00Z"]);
    run.expect_success();
    assert!(
        run.stdout().starts_with("Built 2 articles"),
        "{}",
        run.stdout()
    );
    assert!(site.public().join("2030/01/later/index.html").exists());
    // And so is a hand-made change to the output folder.
    std::fs::remove_dir_all(site.public().join("tags")).unwrap();
    site.run(&["build", "--now", "2030-01-02T00:00:00Z"])
        .expect_success();
    assert!(site.public().join("tags/index.html").exists());
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = SiteTest::fixture("drafts");
    site.build();
    // Every story on the front page (lead and region sections) and the later pages.
    let listed = |site: &SiteTest| -> BTreeSet<String> {
        let mut all: BTreeSet<String> = texts(
            &html(site, "index.html"),
            ".lead-story h2 a, .front-story h3 a",
        )
        .into_iter()
        .collect();
        if site.public().join("page/2/index.html").exists() {
            all.extend(card_titles(site, "page/2/index.html"));
        }
        all
    };
    assert_eq!(listed(&site).len(), 2);
    let all = snapshot(&site.public());
    assert!(
        !all.keys().any(|k| k.contains("unfinished")),
        "draft page written"
    );
    site.run(&["build", "--drafts", "--now", "2024-06-01T00:00:00Z"])
        .expect_success();
    assert_eq!(listed(&site).len(), 3);
}

#[test]
fn future_articles_wait_for_their_date() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/gulf/2030-01-01-later.md",
        "---\ntitle: Later\ndate: 2030-01-01\nregion: gulf\n---\nNot yet.\n",
    );
    site.build();
    assert!(!site.public().join("2030").exists());
    site.run(&["build", "--now", "2030-01-02"]).expect_success();
    assert!(site.public().join("2030/01/later/index.html").exists());
    site.run(&["build", "--future", "--now", "2024-06-01"])
        .expect_success();
    assert!(site.public().join("2030/01/later/index.html").exists());
}

#[test]
fn rtl_articles_carry_lang_and_dir() {
    let site = SiteTest::fixture("rtl_arabic");
    site.build();
    let article = html(&site, "2024/02/muscat-crafts/index.html");
    let container = &select(&article, "article.article")[0];
    assert_eq!(container.value().attr("lang"), Some("ar"));
    assert_eq!(container.value().attr("dir"), Some("rtl"));
    assert_eq!(select(&article, "html")[0].value().attr("lang"), Some("en"));
    let home = html(&site, "index.html");
    let cards = select(&home, "article.lead-story, article.front-story");
    let dirs: BTreeSet<_> = cards
        .iter()
        .map(|c| {
            (
                c.value().attr("lang").unwrap(),
                c.value().attr("dir").unwrap(),
            )
        })
        .collect();
    assert!(
        dirs.contains(&("ar", "rtl")) && dirs.contains(&("en", "ltr")),
        "{dirs:?}"
    );
}

#[test]
fn site_templates_override_theme_templates_one_by_one() {
    let site = SiteTest::fixture("minimal");
    site.write("templates/article.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ article.title }}</p>{% endblock content %}");
    site.build();
    let article = site.read("public/2024/02/oman-approves-budget-for-2024/index.html");
    assert!(article.contains("<p class=\"custom\">"), "{article}");
    // The rest still comes from the built-in theme.
    assert!(site
        .read("public/index.html")
        .contains("class=\"lead-story"));
    assert!(site.public().join("css/gazette.css").exists());
}

#[test]
fn output_folder_that_would_destroy_the_site_is_refused() {
    let site = SiteTest::fixture("minimal");
    for bad in [".", "content", "themes/default", ".."] {
        let out = site.root().join(bad);
        let run = site.run(&["build", "--output", out.to_str().unwrap()]);
        run.expect_failure();
        assert!(
            run.stderr().contains("refusing to build into"),
            "{bad}: {}",
            run.stderr()
        );
    }
    assert!(site.root().join("content/gulf").exists());
}

#[test]
fn hostile_text_is_escaped_and_raw_html_sanitised() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/gulf/2024-02-07-hostile.md",
        "---\ntitle: \"</title><script>alert(1)</script>\"\ndate: 2024-02-07\nregion: gulf\nimage_caption: \"<img src=x onerror=alert(2)>\"\n---\nHello <script>alert(3)</script> <a href=\"javascript:alert(4)\" onclick=\"x()\">link</a>\n\n<iframe src=\"https://evil.example\"></iframe>\n",
    );
    site.build();
    for (rel, bytes) in snapshot(&site.public()) {
        if !rel.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for script in select(&doc, "script") {
            let code = script.text().collect::<String>();
            if script.value().attr("type") == Some("application/ld+json") {
                // Data, not code: the title is there, but with no raw `<` to break out.
                assert!(!code.contains('<'), "{rel}: raw < in JSON-LD");
            } else {
                assert!(!code.contains("alert"), "{rel}: script from content");
            }
        }
        assert!(select(&doc, "iframe").is_empty(), "{rel}: iframe");
        for element in select(&doc, "*") {
            for (name, value) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{rel}: event handler {name}");
                assert!(
                    !value.trim_start().to_lowercase().starts_with("javascript:"),
                    "{rel}: {name}={value}"
                );
            }
        }
    }
    let article = site.read("public/2024/02/title-script-alert-1-script/index.html");
    assert!(
        article.contains("&lt;&#x2F;title&gt;&lt;script&gt;")
            || article.contains("&lt;/title&gt;&lt;script&gt;"),
        "{article}"
    );
}

#[test]
fn bundled_site_builds_with_all_page_kinds() {
    let site = SiteTest::bundled();
    let run = site.build();
    assert!(run.stdout().starts_with("Built "), "{}", run.stdout());
    for page in [
        "index.html",
        "regions/index.html",
        "regions/gulf/index.html",
        "tags/index.html",
        "404.html",
        ".nojekyll",
        "css/gazette.css",
    ] {
        assert!(site.public().join(page).exists(), "{page}");
    }
    let articles = snapshot(&site.public())
        .keys()
        .filter(|k| k.starts_with("20") && k.ends_with("index.html"))
        .count();
    assert!(articles >= 12, "{articles} article pages");
    assert_internal_links_resolve(&site, "/gazette/", "https://example.github.io/gazette/");
    let regions_with_articles = std::fs::read_dir(site.root().join("content"))
        .unwrap()
        .count();
    assert!(regions_with_articles >= 5);
}

#[test]
fn progress_bar_only_on_an_interactive_terminal_and_not_with_quiet() {
    let Ok(script) = which_script() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "`script` (util-linux) missing under CI"
        );
        eprintln!("SKIPPED: no `script` command to give gazette a terminal");
        return;
    };
    let site = SiteTest::fixture("minimal");
    for n in 0..600 {
        site.write(
            &format!("content/gulf/2024-01-01-story-{n}.md"),
            &format!("---\ntitle: Story {n}\ndate: 2024-01-01\nregion: gulf\n---\nText {n}.\n"),
        );
    }
    let bin = env!("CARGO_BIN_EXE_gazette");
    let root = site.root().to_str().unwrap();
    // `script` runs the command on a pseudo-terminal and copies what it draws.
    let on_terminal = |extra: &str| {
        let output = std::process::Command::new(&script)
            .args([
                "-qec",
                &format!("{bin} build --root {root} --now 2024-06-01 {extra}"),
                "/dev/null",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(
        on_terminal("").contains("building"),
        "no progress bar on a terminal"
    );
    std::fs::remove_file(site.root().join(".public.fingerprint")).unwrap();
    assert!(
        !on_terminal("--quiet").contains("building"),
        "a progress bar despite --quiet"
    );
    std::fs::remove_file(site.root().join(".public.fingerprint")).unwrap();
    // A real build again (not "nothing changed"), this time into a pipe.
    let piped = site.run(&["build", "--now", "2024-06-01"]);
    piped.expect_success();
    assert!(
        piped.stdout().starts_with("Built 601 articles"),
        "{}",
        piped.stdout()
    );
    assert!(
        !piped.stderr().contains("building"),
        "a progress bar in a pipe"
    );
}

fn which_script() -> Result<std::path::PathBuf, ()> {
    ["/usr/bin/script", "/bin/script"]
        .iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists())
        .ok_or(())
}

#[test]
fn command_line_errors_exit_1_and_help_exits_0() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["build", "--no-such-flag"]);
    run.expect_failure();
    assert!(run.stderr().contains("--no-such-flag"), "{}", run.stderr());
    site.run(&["no-such-command"]).expect_failure();
    site.run(&["--help"]).expect_success();
    site.run(&["--version"]).expect_success();
}

/// `file:line: message` lines of a run's output (check: stdout; build: stderr).
fn problem_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("content/"))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Issue 12, item 5: `check` and `build` read local images with one resolver, so they
/// agree under any base URL. `tests/fixtures/sites/links_base_url/`: a root-absolute image
/// (`/images/port.jpg`, good everywhere), one with the base path written in
/// (`/gazette/images/port.jpg`, good only under …/gazette/) and a missing relative one
/// (`images/chart.jpg`, an error everywhere).
#[test]
fn check_and_build_agree_on_images_under_two_base_urls() {
    const BASE_PATH: &str =
        "content/gulf/2024-02-07-base-path-image.md:9: missing image `/gazette/images/port.jpg`";
    const RELATIVE: &str = "content/gulf/2024-02-08-relative-image.md:9: missing image `images/chart.jpg`: no file /2024/02/relative-image-that-is-missing/images/chart.jpg";
    for (base, base_path, expected) in [
        ("https://example.org/", "/", vec![BASE_PATH, RELATIVE]),
        (
            "https://user.github.io/gazette/",
            "/gazette/",
            vec![RELATIVE],
        ),
    ] {
        let site = SiteTest::fixture("links_base_url");
        let check = site.run(&["check", "--base-url", base]);
        check.expect_failure();
        let build = site.run(&["build", "--base-url", base]);
        build.expect_failure();
        assert!(
            !site.public().exists(),
            "{base}: a failed build wrote output"
        );
        let checked = problem_lines(&check.stdout());
        let built = problem_lines(&build.stderr());
        assert_eq!(checked, built, "{base}: check and build disagree");
        assert_eq!(checked.len(), expected.len(), "{base}: {checked:#?}");
        for (line, start) in checked.iter().zip(&expected) {
            assert!(
                line.starts_with(start),
                "{base}: {line}\n  expected {start}"
            );
        }

        // Without the articles they named both pass, and every image on the built pages
        // and in the feed is there: the root-absolute one under either base URL.
        let mut named = vec!["content/gulf/2024-02-08-relative-image.md"];
        if expected.contains(&BASE_PATH) {
            named.push("content/gulf/2024-02-07-base-path-image.md");
        }
        for file in named {
            std::fs::remove_file(site.root().join(file)).unwrap();
        }
        site.run(&["check", "--base-url", base]).expect_success();
        site.run(&["build", "--base-url", base]).expect_success();
        assert_internal_links_resolve(&site, base_path, base);
        let atom = site.read("public/atom.xml");
        assert!(
            atom.contains(&format!("src=&quot;{base}images/port.jpg&quot;")),
            "{base}: {atom}"
        );
        assert!(!atom.contains("gazette/gazette"), "{base}: {atom}");
        let images: Vec<String> = snapshot(&site.public())
            .keys()
            .filter(|rel| rel.ends_with("/index.html") && rel.starts_with("2024/02/"))
            .flat_map(|rel| {
                select(&html(&site, rel), ".body img")
                    .iter()
                    .map(|i| format!("{rel} {}", i.value().attr("src").unwrap()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut expected = vec!["2024/02/root-absolute-image/index.html ../../../images/port.jpg"];
        if base.contains("gazette") {
            expected.insert(
                0,
                "2024/02/image-with-the-base-path-written-in/index.html ../../../images/port.jpg",
            );
        }
        assert_eq!(images, expected, "{base}");
    }
    // A base URL that is no URL is a usage error naming the flag.
    let site = SiteTest::fixture("links_base_url");
    let run = site.run(&["check", "--base-url", "example.org"]);
    run.expect_failure();
    assert!(run.stdout().starts_with("--base-url: "), "{}", run.stdout());
}

/// The header and footer are rendered once per kind of page, depth, language and region
/// and shared (src/render/chrome.rs): every page must be exactly what it would be with
/// them rendered in place, on a site with region pages and pagination and on the bundled
/// site, whose translated articles have language switchers of their own.
#[test]
fn shared_headers_and_footers_are_what_each_page_would_render_itself() {
    let theme_base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    let inline = theme_base
        .replace(
            r#"{% if chrome %}{{ chrome.header | safe }}{% else %}{% include "header.html" %}{% endif %}"#,
            r#"{% include "header.html" %}"#,
        )
        .replace(
            r#"{% if chrome %}{{ chrome.footer | safe }}{% else %}{% include "footer.html" %}{% endif %}"#,
            r#"{% include "footer.html" %}"#,
        );
    assert!(
        !inline.contains("chrome"),
        "base.html no longer prints chrome as expected"
    );
    for site in [SiteTest::fixture("regions"), SiteTest::bundled()] {
        site.build();
        let shared = snapshot(&site.public());
        assert!(shared.len() > 20);
        // The site's own base.html, which includes them on every page.
        site.write("templates/base.html", &inline);
        site.build();
        let in_place = snapshot(&site.public());
        let differing: BTreeSet<&String> = shared
            .keys()
            .chain(in_place.keys())
            .filter(|path| shared.get(*path) != in_place.get(*path))
            .collect();
        assert!(differing.is_empty(), "pages differ: {differing:?}");
    }
}

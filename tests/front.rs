//! Issue 15 (items 2–7, without the image pipeline): the front page, captions only under
//! photos, sharing and search-engine metadata (og:locale, publisher.logo, author url,
//! WebSite/SearchAction and Organization JSON-LD, default_image), country tags named as the
//! gazetteer spells them, and a site built with `--relative` that can be browsed from the
//! file system. Real builds of fixture sites through the binary, read back with an HTML
//! parser, a JSON parser and a feed parser.

mod common;

use common::SiteTest;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

fn html(site: &SiteTest, rel: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{rel}")))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(text).collect()
}

fn hrefs(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

fn meta(doc: &Html, attr: &str, name: &str) -> Vec<String> {
    select(doc, &format!(r#"meta[{attr}="{name}"]"#))
        .iter()
        .map(|m| m.value().attr("content").unwrap().to_string())
        .collect()
}

fn json_ld(doc: &Html) -> Vec<Value> {
    select(doc, r#"script[type="application/ld+json"]"#)
        .iter()
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
        .collect()
}

fn of_type<'a>(blocks: &'a [Value], kind: &str) -> &'a Value {
    blocks
        .iter()
        .find(|b| b["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {blocks:?}"))
}

fn article(title: &str, date: &str, region: &str, extra: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\nregion: {region}\n{extra}---\n\nThe body of {title}.\n")
}

/// The `regions` fixture (9 stories in 4 regions, paginate 2) plus a featured story with a
/// photo in the latest week, dated before that week's newest story.
fn front_site() -> SiteTest {
    let site = SiteTest::fixture("regions");
    site.write(
        "content/gulf/2024-03-03-featured-lead.md",
        &article(
            "Featured lead story",
            "2024-03-04",
            "gulf",
            "featured: true\nimage: https://cdn.example.org/lead.jpg\nimage_caption: The port at dawn.\ntags: [economy]\n",
        ),
    );
    site.build();
    site
}

#[test]
fn the_front_page_leads_once_then_shows_each_region_in_site_order() {
    let site = front_site();
    let home = html(&site, "index.html");

    // One h1, then the lead story's h2, then the regions' h2s, their stories' h3s: no level
    // skipped.
    let levels: Vec<u8> = select(&home, "main h1, main h2, main h3")
        .iter()
        .map(|h| h.value().name()[1..].parse().unwrap())
        .collect();
    assert_eq!(levels[0], 1, "{levels:?}");
    assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1);
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "heading skipped: {levels:?}");
    }

    // The featured story of the latest edition leads, with its photo, before anything else.
    let lead = &select(&home, "main article")[0];
    assert!(lead.value().classes().any(|c| c == "lead-story"));
    let lead_doc = Html::parse_fragment(&lead.html());
    assert_eq!(
        texts(&lead_doc, "h2 a"),
        ["Featured lead story"],
        "the lead comes first"
    );
    let photo = &select(&lead_doc, "img.lead-photo")[0];
    assert_eq!(
        photo.value().attr("src"),
        Some("https://cdn.example.org/lead.jpg")
    );
    assert!(photo.value().attr("width").is_some() && photo.value().attr("height").is_some());
    assert_ne!(
        photo.value().attr("loading"),
        Some("lazy"),
        "the lead photo is not lazy"
    );

    // Then a section per region with stories, in site.yaml order, each linking its page.
    let sections = select(&home, "section.front-region");
    let names: Vec<String> = sections
        .iter()
        .map(|s| {
            text(
                &Html::parse_fragment(&s.html())
                    .select(&Selector::parse("h2").unwrap())
                    .next()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(names, ["Middle East", "Gulf", "North Africa", "Europe"]);
    for (section, slug) in sections
        .iter()
        .zip(["middle-east", "gulf", "north-africa", "europe"])
    {
        let doc = Html::parse_fragment(&section.html());
        let region_page = format!("./regions/{slug}/");
        assert!(
            hrefs(&doc, "a").contains(&region_page),
            "{slug}: no link to {region_page}"
        );
        // Its stories are the region's own, newest first, at most three.
        let stories = hrefs(&doc, ".front-story h3 a");
        assert!(
            !stories.is_empty() && stories.len() <= 3,
            "{slug}: {stories:?}"
        );
        let mut listed = Vec::new();
        let mut page = format!("regions/{slug}/index.html");
        let mut n = 1;
        while site.public().join(&page).exists() {
            listed.extend(hrefs(&html(&site, &page), "article.card h2 a"));
            n += 1;
            page = format!("regions/{slug}/page/{n}/index.html");
        }
        let listed: Vec<String> = listed
            .iter()
            .map(|h| h.trim_start_matches("../").to_string())
            .filter(|h| !h.contains("featured-lead"))
            .collect();
        let stories: Vec<String> = stories
            .iter()
            .map(|h| h.trim_start_matches("./").to_string())
            .collect();
        assert_eq!(stories, listed[..stories.len()], "{slug}");
    }

    // No story twice: every link to an article page appears once on the whole page.
    let mut seen = BTreeMap::<String, usize>::new();
    for href in hrefs(&home, "main a[href]") {
        if href.starts_with("./2024/") {
            *seen.entry(href).or_default() += 1;
        }
    }
    let twice: Vec<_> = seen.iter().filter(|(_, &n)| n > 1).collect();
    assert!(twice.is_empty(), "stories shown twice: {twice:?}");
    assert!(seen.keys().any(|h| h.contains("featured-lead")));

    // The latest edition is linked once, and lists none of its stories again.
    let editions: Vec<String> = hrefs(&home, "main a[href]")
        .into_iter()
        .filter(|h| h.starts_with("./digest/2024"))
        .collect();
    assert_eq!(editions, ["./digest/2024-w10/"]);

    // The list goes on from page 2.
    assert_eq!(hrefs(&home, "a[rel=next]"), ["./page/2/"]);

    // Listings show a thumbnail on the cards of stories with a photo, and only there:
    // region, tag, archive (month and year) and digest pages.
    for rel in [
        "regions/gulf/index.html",
        "tags/economy/index.html",
        "2024/03/index.html",
        "2024/index.html",
        "digest/2024-w10/index.html",
    ] {
        let page = html(&site, rel);
        let cards = select(&page, "article.card");
        assert!(!cards.is_empty(), "{rel}");
        for card in cards {
            let doc = Html::parse_fragment(&card.html());
            let title = texts(&doc, ".card-title a").join("");
            let thumbs = select(&doc, "img.thumb");
            if title == "Featured lead story" {
                assert_eq!(thumbs.len(), 1, "{rel}");
                let img = thumbs[0].value();
                assert_eq!(img.attr("src"), Some("https://cdn.example.org/lead.jpg"));
                // Decorative (the headline names the story), lazy, with its box's size.
                assert_eq!(img.attr("alt"), Some(""));
                assert_eq!(img.attr("loading"), Some("lazy"));
                assert!(img.attr("width").is_some() && img.attr("height").is_some());
            } else {
                assert!(thumbs.is_empty(), "{rel}: {title}");
            }
        }
    }
}

#[test]
fn without_a_featured_story_the_newest_leads() {
    let site = SiteTest::fixture("regions");
    site.build();
    let home = html(&site, "index.html");
    let lead = texts(&home, ".lead-story h2 a");
    // 2024-03-04: the EU summit and Egypt's gas exports; the tie is broken by slug.
    let newest = texts(&html(&site, "page/2/index.html"), "article.card h2 a");
    assert_eq!(lead.len(), 1);
    assert!(!newest.contains(&lead[0]));
    // The index orders the two stories of 2024-03-04 by slug.
    assert_eq!(lead, ["Egypt resumes gas exports after summer pause"]);
    // Without a photo, the lead has no image.
    assert!(select(&home, ".lead-story img").is_empty());
}

#[test]
fn a_caption_is_shown_only_under_a_photo() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/gulf/2024-02-10-caption-only.md",
        &article(
            "Caption without a photo",
            "2024-02-10",
            "gulf",
            "image_caption: Dhows in the harbour.\nimage_credit: AP\n",
        ),
    );
    site.write(
        "content/gulf/2024-02-11-with-photo.md",
        &article(
            "Caption with a photo",
            "2024-02-11",
            "gulf",
            "image: https://cdn.example.org/dhows.jpg\nimage_caption: Dhows in the harbour.\nimage_credit: AP\n",
        ),
    );
    site.build();
    let bare = html(&site, "2024/02/caption-without-a-photo/index.html");
    assert!(select(&bare, "figure, figcaption").is_empty());
    assert!(!bare.root_element().html().contains("Photo: AP"));
    let photo = html(&site, "2024/02/caption-with-a-photo/index.html");
    let caption = texts(&photo, "figure figcaption");
    assert_eq!(caption.len(), 1);
    assert!(caption[0].contains("Dhows in the harbour.") && caption[0].contains("Photo: AP"));
    // The caption stays in the record: the source file is untouched and search finds it.
    assert!(site
        .read("content/gulf/2024-02-10-caption-only.md")
        .contains("image_caption: Dhows"));
}

#[test]
fn head_metadata_for_sharing_and_search_engines() {
    let site = SiteTest::fixture("regions");
    site.write(
        "content/middle-east/2024-03-05-arabic.md",
        &article(
            "قمة في بغداد",
            "2024-03-05",
            "middle-east",
            "lang: ar\nslug: baghdad-summit\nauthor: Layla Haddad\nauthor_url: https://example.org/authors/layla\n",
        ),
    );
    site.build();
    let home = html(&site, "index.html");
    assert_eq!(meta(&home, "property", "og:locale"), ["en_US"]);
    // No default_image: no og:image on a page without a photo.
    assert!(meta(&home, "property", "og:image").is_empty());

    let blocks = json_ld(&home);
    let website = of_type(&blocks, "WebSite");
    assert_eq!(website["@context"], "https://schema.org");
    assert_eq!(website["url"], "https://example.org/");
    assert_eq!(website["name"], "Fixture Gazette");
    let action = &website["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    let template = action["target"]["urlTemplate"].as_str().unwrap();
    assert_eq!(
        template,
        "https://example.org/search/?q={search_term_string}"
    );
    assert_eq!(action["query-input"], "required name=search_term_string");
    // The search page takes that address: a form field named q, read by the script.
    let search = html(&site, "search/index.html");
    assert_eq!(select(&search, "form.search-form input[name=q]").len(), 1);
    assert!(site
        .read("public/js/search.js")
        .contains("new URLSearchParams(location.search).get('q')"));

    let organization = of_type(&blocks, "Organization");
    assert_eq!(organization["name"], "Fixture Gazette");
    assert_eq!(organization["url"], "https://example.org/");
    assert_eq!(organization["logo"]["url"], "https://example.org/logo.png");
    // The default logo is shipped, a PNG (Google refuses SVG logos) of the size claimed.
    let png = std::fs::read(site.public().join("logo.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(organization["logo"]["width"], width);
    assert_eq!(organization["logo"]["height"], height);
    assert!(width == height && width >= 112, "{width}x{height}");

    // An article: its own language's locale, the publisher with its logo, the author's page.
    let page = html(&site, "2024/03/baghdad-summit/index.html");
    assert_eq!(meta(&page, "property", "og:locale"), ["ar_AR"]);
    let blocks = json_ld(&page);
    let news = of_type(&blocks, "NewsArticle");
    assert_eq!(
        news["publisher"]["logo"]["url"],
        "https://example.org/logo.png"
    );
    assert_eq!(news["publisher"]["logo"]["@type"], "ImageObject");
    assert_eq!(news["author"][0]["name"], "Layla Haddad");
    assert_eq!(
        news["author"][0]["url"],
        "https://example.org/authors/layla"
    );
    // No WebSite block on article pages.
    assert!(!blocks.iter().any(|b| b["@type"] == "WebSite"));

    // site.yaml logo: and default_image:.
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}logo: images/brand.png\ndefault_image: /images/share.png\n"),
    );
    site.write("static/images/brand.png", "png");
    site.write("static/images/share.png", "png");
    site.build();
    let home = html(&site, "index.html");
    let organization = of_type(&json_ld(&home), "Organization").clone();
    assert_eq!(
        organization["logo"]["url"],
        "https://example.org/images/brand.png"
    );
    assert_eq!(
        meta(&home, "property", "og:image"),
        ["https://example.org/images/share.png"]
    );
    assert_eq!(
        meta(&home, "name", "twitter:image"),
        ["https://example.org/images/share.png"]
    );
    let page = html(&site, "2024/03/baghdad-summit/index.html");
    assert_eq!(
        meta(&page, "property", "og:image"),
        ["https://example.org/images/share.png"]
    );
    // A bad value is refused with its line.
    site.write(
        "site.yaml",
        &format!("{yaml}default_image: \"javascript:alert(1)\"\n"),
    );
    let run = site.run(&["build", "--now", "2024-06-01T00:00:00Z"]);
    run.expect_failure();
    assert!(run.stderr().contains("default_image"), "{}", run.stderr());
    // So is a logo that is no file of the site, in build and in check, with its line.
    site.write("site.yaml", &format!("{yaml}logo: images/missing.png\n"));
    for command in ["build", "check"] {
        let run = site.run(&[command, "--now", "2024-06-01T00:00:00Z"]);
        run.expect_failure();
        let out = run.stderr() + &run.stdout();
        let line = yaml.lines().count() + 1;
        assert!(
            out.contains(&format!(
                "site.yaml:{line}: logo `images/missing.png` not found"
            )),
            "{command}: {out}"
        );
    }
}

#[test]
fn country_tags_read_as_the_gazetteer_spells_them() {
    let site = SiteTest::fixture("regions");
    site.write(
        "content/europe/2024-03-05-cocoa.md",
        &article(
            "Cocoa harvests lag",
            "2024-03-05",
            "europe",
            "tags: [economy, cote-divoire, sao-tome-and-principe, turkiye, red-sea]\nsummary: Cocoa arrivals are behind.\n",
        ),
    );
    site.run(&["build", "--now", "2024-06-01T00:00:00Z"])
        .expect_success();
    let want = [
        ("cote-divoire", "Côte d'Ivoire"),
        ("sao-tome-and-principe", "São Tomé and Príncipe"),
        ("turkiye", "Türkiye"),
        // Not a country: the slug in title case, as before.
        ("red-sea", "Red Sea"),
    ];
    // The tag page, the tags index, the card on the region page and the article page.
    for (slug, name) in want {
        let page = html(&site, &format!("tags/{slug}/index.html"));
        assert_eq!(texts(&page, "main h1"), [name], "{slug}");
        assert!(texts(&page, "title")[0].starts_with(name));
        let tags = html(&site, "tags/index.html");
        assert!(
            texts(&tags, ".tag-cloud a").iter().any(|t| t == name),
            "{name} on tags/"
        );
        let region = html(&site, "regions/europe/index.html");
        assert!(
            texts(&region, "article.card .tags a")
                .iter()
                .any(|t| t == name),
            "{name} on a card"
        );
        let article = html(&site, "2024/03/cocoa-harvests-lag/index.html");
        assert!(texts(&article, ".article-footer .tags a")
            .iter()
            .any(|t| t == name));
        assert!(meta(&article, "property", "article:tag")
            .iter()
            .any(|t| t == name));
        let news = of_type(&json_ld(&article), "NewsArticle").clone();
        assert!(news["keywords"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == name));
    }
    assert!(!site
        .read("public/tags/cote-divoire/index.html")
        .contains("Cote Divoire"));

    // Feeds: the Atom category label and the tag feed's title, read by a feed parser.
    let atom = site.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let labels: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "category")
        .filter_map(|n| n.attribute("label"))
        .collect();
    for (_, name) in want {
        assert!(labels.contains(name), "{name} not in {labels:?}");
    }
    let tag_feed = site.read("public/tags/cote-divoire/atom.xml");
    assert!(tag_feed.contains("Côte d&apos;Ivoire") || tag_feed.contains("Côte d'Ivoire"));

    // Search: the accented name finds the story (the index folds accents both ways).
    let index = std::fs::read_dir(site.public().join("search"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect::<String>();
    assert!(index.contains("\"ivoire\""), "the tag name is indexed");
    assert!(index.contains("\"principe\""), "the tag name is indexed");
}

/// Resolve `href` on the page at `page` (a file) on the file system, as a browser on
/// `file://` does: no folder index, a folder is a directory listing.
fn resolve_file(page: &Path, href: &str) -> Option<PathBuf> {
    let path = href.split(['#', '?']).next().unwrap();
    if path.is_empty() {
        return None; // The same page.
    }
    let mut out = page.parent().unwrap().to_path_buf();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    Some(out)
}

/// Follow every link and form from `public/index.html` through the file system, as a reader
/// clicking around a site opened from disk; every link must land on a file. Returns the
/// pages reached and the links that did not land on a file.
fn walk_from_disk(public: &Path) -> (BTreeSet<PathBuf>, Vec<String>) {
    let mut seen = BTreeSet::new();
    let mut broken = Vec::new();
    let mut queue = VecDeque::from([public.join("index.html")]);
    while let Some(page) = queue.pop_front() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        let targets = select(
            &doc,
            "a[href], link[href], form[action], script[src], img[src]",
        )
        .iter()
        .filter_map(|e| {
            let v = e.value();
            v.attr("href")
                .or(v.attr("action"))
                .or(v.attr("src"))
                .map(str::to_string)
        })
        .collect::<Vec<_>>();
        for href in targets {
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with('#') {
                continue;
            }
            let Some(target) = resolve_file(&page, &href) else {
                continue;
            };
            if !target.is_file() {
                broken.push(format!(
                    "{} → {href}",
                    page.strip_prefix(public).unwrap().display()
                ));
            } else if target.extension().is_some_and(|e| e == "html") {
                queue.push_back(target);
            }
        }
    }
    (seen, broken)
}

#[test]
fn a_relative_build_can_be_browsed_from_the_file_system() {
    let site = SiteTest::bundled();
    site.run(&["build", "--relative", "--now", "2025-03-01T00:00:00Z"])
        .expect_success();
    let public = site.public();
    let (reached, broken) = walk_from_disk(&public);
    assert!(broken.is_empty(), "links that land on no file: {broken:#?}");
    // Every page of the site is reached by clicking from the home page (but the 404 page,
    // which nothing links, and the editions' email previews, which are no web pages).
    let pages: BTreeSet<PathBuf> = walkdir::WalkDir::new(&public)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .filter(|p| !p.ends_with("404.html") && !p.ends_with("email.html"))
        .collect();
    let missed: Vec<_> = pages.difference(&reached).collect();
    assert!(missed.is_empty(), "pages not reached: {missed:?}");
    // The header search form goes to a file too.
    let home = html(&site, "index.html");
    assert_eq!(
        select(&home, "form.site-search")[0].value().attr("action"),
        Some("./search/index.html")
    );
    // Without --relative, the same walk lands on folders (the web's default).
    site.run(&["build", "--now", "2025-03-01T00:00:00Z"])
        .expect_success();
    let (_, broken) = walk_from_disk(&public);
    assert!(!broken.is_empty());
}

#[test]
fn a_relative_build_costs_little() {
    let site = SiteTest::bundled();
    let size = |site: &SiteTest| -> u64 {
        walkdir::WalkDir::new(site.public())
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| e.metadata().unwrap().len())
            .sum()
    };
    site.run(&["build", "--now", "2025-03-01T00:00:00Z"])
        .expect_success();
    let web = size(&site);
    site.run(&["build", "--relative", "--now", "2025-03-01T00:00:00Z"])
        .expect_success();
    let disk = size(&site);
    eprintln!("HTML bytes: {web} for the web, {disk} with --relative");
    assert!(disk > web && disk < web + web / 10, "{web} → {disk}");
}

#[test]
fn search_results_opened_from_disk_link_files() {
    if !common::tool_present("chromium", Path::new("/usr/bin/chromium").exists()) {
        return;
    }
    let site = SiteTest::bundled();
    site.run(&["build", "--relative", "--now", "2025-03-01T00:00:00Z"])
        .expect_success();
    let url = format!(
        "file://{}?q=cocoa",
        site.public().join("search/index.html").display()
    );
    let output = std::process::Command::new("/usr/bin/chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(&url)
        .output()
        .unwrap();
    let dom = Html::parse_document(&String::from_utf8_lossy(&output.stdout));
    let results = hrefs(&dom, "#search-results a.search-title");
    assert!(!results.is_empty(), "no results for cocoa from file://");
    let page = site.public().join("search/index.html");
    for href in results {
        assert!(href.ends_with("/index.html"), "{href}");
        let target = resolve_file(&page, &href).unwrap();
        assert!(target.is_file(), "{href}");
    }
}

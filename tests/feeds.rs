//! Feeds, sitemaps and head metadata (issue 4): fixture sites built by the real binary,
//! every output read back with parsers nobody here wrote: feed-rs for the feeds, roxmltree
//! for the XML, scraper for the HTML and serde_json for JSON Feed and JSON-LD.

mod common;

use chrono::DateTime;
use common::SiteTest;
use feed_rs::model::{Feed, FeedType};
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::BTreeSet;

/// The build clock of every test: 2024-03-10 noon UTC.
const NOW: &str = "2024-03-10T12:00:00Z";
/// The hostile title of `tests/fixtures/sites/hostile_title/`.
const HOSTILE: &str = r#"</script><script>alert(1)</script> & <b> "quotes" 'apos'"#;
const HOSTILE_PAGE: &str = "2024/03/hostile-title/index.html";

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// Copy `case`, append `yaml` to its site.yaml, build with `args` at `NOW`.
fn build(case: &str, yaml: &str, args: &[&str]) -> SiteTest {
    let site = SiteTest::fixture(case);
    if !yaml.is_empty() {
        let config = site.read("site.yaml");
        site.write("site.yaml", &format!("{config}{yaml}"));
    }
    let mut all = vec!["build", "--now", NOW];
    all.extend_from_slice(args);
    site.run(&all).expect_success();
    site
}

fn public(site: &SiteTest, rel: &str) -> String {
    site.read(&format!("public/{rel}"))
}

/// Every file under public/, by `/`-separated relative path.
fn built_files(site: &SiteTest) -> BTreeSet<String> {
    common::snapshot(&site.public())
        .into_keys()
        .map(|k| k.replace('\\', "/"))
        .collect()
}

fn parse_feed(site: &SiteTest, rel: &str) -> Feed {
    let text = public(site, rel);
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The built file an absolute URL of the site names (`…/x/` → `x/index.html`).
fn file_for(base: &str, url: &str) -> Option<String> {
    let rel = url.strip_prefix(base)?;
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

fn atom<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|n| n.has_tag_name((ATOM_NS, name)))
        .collect()
}

fn atom_text(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    atom(node, name)
        .first()
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
        .to_string()
}

fn html(site: &SiteTest, rel: &str) -> Html {
    Html::parse_document(&public(site, rel))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn meta(doc: &Html, attr: &str, key: &str) -> Vec<String> {
    select(doc, &format!(r#"meta[{attr}="{key}"]"#))
        .iter()
        .filter_map(|m| m.value().attr("content").map(str::to_string))
        .collect()
}

fn one_meta(doc: &Html, attr: &str, key: &str) -> String {
    let values = meta(doc, attr, key);
    assert_eq!(values.len(), 1, "one {key}: {values:?}");
    values[0].clone()
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(doc: &Html) -> Vec<Value> {
    select(doc, r#"script[type="application/ld+json"]"#)
        .iter()
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD {e}: {text}"))
        })
        .collect()
}

fn of_type<'a>(blocks: &'a [Value], kind: &str) -> &'a Value {
    let found: Vec<&Value> = blocks.iter().filter(|b| b["@type"] == kind).collect();
    assert_eq!(found.len(), 1, "one {kind} in {blocks:?}");
    found[0]
}

/// `2024/02/slug/index.html`, not a month archive such as `2024/02/index.html`.
fn is_article_page(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() == 4
        && parts[0] == "2024"
        && parts[1].len() == 2
        && parts[1].bytes().all(|b| b.is_ascii_digit())
        && parts[3] == "index.html"
}

/// `digest/<edition>/email.html`: a newsletter body for mail clients, not a web page
/// (no head metadata, not in the sitemap).
fn is_newsletter(rel: &str) -> bool {
    rel.starts_with("digest/") && rel.ends_with("/email.html")
}

fn is_rfc3339_with_offset(text: &str) -> bool {
    DateTime::parse_from_rfc3339(text).is_ok()
}

/// Every `http(s)://` URL in `text`, up to a quote, space, `<` or `&quot;`.
fn urls_in(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for (i, _) in text.match_indices("http") {
        let rest = &text[i..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')'))
            .unwrap_or(rest.len());
        let url = &rest[..end];
        urls.push(url.split("&quot;").next().unwrap_or(url).to_string());
    }
    urls
}

/// Namespaces and vocabularies that feeds and sitemaps must name as they are.
fn is_vocabulary(url: &str) -> bool {
    [
        "http://www.w3.org/2005/Atom",
        "http://www.sitemaps.org/schemas/",
        "http://www.google.com/schemas/sitemap-news/",
        "http://purl.org/",
        "https://jsonfeed.org/version/",
    ]
    .iter()
    .any(|v| url.starts_with(v))
}

#[test]
fn atom_feeds_have_every_required_element() {
    let site = build("regions", "feeds:\n  rss: true\n", &[]);
    let base = "https://example.org/";
    let files = built_files(&site);
    let feeds: Vec<&String> = files.iter().filter(|f| f.ends_with("atom.xml")).collect();
    // The site, 4 regions and every tag.
    assert!(feeds.contains(&&"atom.xml".to_string()));
    for region in ["middle-east", "gulf", "north-africa", "europe"] {
        assert!(
            files.contains(&format!("regions/{region}/atom.xml")),
            "{region}"
        );
    }
    for tag in ["energy", "economy", "diplomacy", "iraq"] {
        assert!(files.contains(&format!("tags/{tag}/atom.xml")), "{tag}");
    }

    for rel in feeds {
        let parsed = parse_feed(&site, rel);
        assert_eq!(parsed.feed_type, FeedType::Atom, "{rel}");
        let text = public(&site, rel);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let feed = doc.root_element();
        assert!(feed.has_tag_name((ATOM_NS, "feed")), "{rel}");
        assert_eq!(atom_text(feed, "id"), format!("{base}{rel}"));
        assert!(!atom_text(feed, "title").is_empty());
        assert!(is_rfc3339_with_offset(&atom_text(feed, "updated")), "{rel}");
        let author = atom(feed, "author");
        assert_eq!(atom_text(author[0], "name"), "Fixture Gazette");
        let links: Vec<(&str, &str)> = atom(feed, "link")
            .iter()
            .map(|l| (l.attribute("rel").unwrap(), l.attribute("href").unwrap()))
            .collect();
        let self_href = format!("{base}{rel}");
        assert!(links.contains(&("self", self_href.as_str())), "{links:?}");
        let alternate = links.iter().find(|(r, _)| *r == "alternate").unwrap().1;
        let page = file_for(base, alternate).unwrap();
        assert!(files.contains(&page), "{rel}: alternate {alternate}");

        // Which listing the feed mirrors decides which category every entry carries.
        let term = rel
            .strip_suffix("/atom.xml")
            .and_then(|p| p.rsplit('/').next());
        let entries = atom(feed, "entry");
        assert!(!entries.is_empty(), "{rel}");
        assert_eq!(entries.len(), parsed.entries.len());
        let mut previous = None;
        for (entry, parsed_entry) in entries.iter().zip(&parsed.entries) {
            let id = atom_text(*entry, "id");
            assert!(id.starts_with("tag:example.org,2024-"), "{id}");
            assert_eq!(parsed_entry.id, id);
            assert!(!atom_text(*entry, "title").is_empty());
            let published = atom_text(*entry, "published");
            assert!(is_rfc3339_with_offset(&published), "{published}");
            assert!(is_rfc3339_with_offset(&atom_text(*entry, "updated")));
            let published = DateTime::parse_from_rfc3339(&published).unwrap();
            if let Some(previous) = previous {
                assert!(published <= previous, "{rel}: newest first");
            }
            previous = Some(published);
            let link = atom(*entry, "link")[0].attribute("href").unwrap();
            let page = file_for(base, link).unwrap();
            assert!(files.contains(&page), "{link}");
            assert!(!atom_text(*entry, "summary").is_empty());
            let content = atom(*entry, "content")[0];
            assert_eq!(content.attribute("type"), Some("html"));
            assert!(content.text().unwrap().contains("<p>"));
            let terms: Vec<&str> = parsed_entry
                .categories
                .iter()
                .map(|c| c.term.as_str())
                .collect();
            assert!(terms.len() >= 2, "region and tags: {terms:?}");
            if let Some(term) = term {
                assert!(terms.contains(&term), "{rel}: {terms:?}");
            }
            assert!(parsed_entry.summary.is_some() && parsed_entry.content.is_some());
        }
    }

    // The site feed holds all 9 articles (limit 20); a region feed only its own.
    assert_eq!(parse_feed(&site, "atom.xml").entries.len(), 9);
    assert_eq!(
        parse_feed(&site, "regions/middle-east/atom.xml")
            .entries
            .len(),
        4
    );
    assert_eq!(parse_feed(&site, "tags/energy/atom.xml").entries.len(), 4);
}

#[test]
fn feeds_take_only_the_newest_articles() {
    let site = build("regions", "feeds:\n  limit: 2\n  rss: true\n", &[]);
    let titles = |rel: &str| -> Vec<String> {
        parse_feed(&site, rel)
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect()
    };
    assert_eq!(
        titles("atom.xml"),
        [
            "Egypt resumes gas exports after summer pause",
            "European leaders discuss energy prices at summit"
        ]
    );
    assert_eq!(titles("regions/middle-east/atom.xml").len(), 2);
    assert_eq!(titles("tags/economy/atom.xml").len(), 2);
    assert_eq!(parse_feed(&site, "feed.json").entries.len(), 2);
    assert_eq!(parse_feed(&site, "rss.xml").entries.len(), 2);
}

#[test]
fn json_feed_is_version_1_1_with_its_items() {
    let site = build("regions", "", &[]);
    let parsed = parse_feed(&site, "feed.json");
    assert_eq!(parsed.feed_type, FeedType::JSON);
    assert_eq!(parsed.entries.len(), 9);
    let feed: Value = serde_json::from_str(&public(&site, "feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Fixture Gazette");
    assert_eq!(feed["home_page_url"], "https://example.org/");
    assert_eq!(feed["feed_url"], "https://example.org/feed.json");
    assert_eq!(feed["authors"][0]["name"], "Fixture Gazette");
    for item in feed["items"].as_array().unwrap() {
        for key in ["id", "url", "title", "content_html", "summary", "language"] {
            assert!(item[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
        }
        for key in ["date_published", "date_modified"] {
            assert!(is_rfc3339_with_offset(item[key].as_str().unwrap()), "{key}");
        }
        assert!(item["url"]
            .as_str()
            .unwrap()
            .starts_with("https://example.org/2024/"));
        assert!(item["tags"].as_array().unwrap().len() >= 2);
    }
}

#[test]
fn rss_is_written_only_when_site_yaml_asks() {
    let site = build("regions", "", &[]);
    assert!(!built_files(&site).contains("rss.xml"));
    let doc = html(&site, "index.html");
    assert!(select(&doc, r#"link[type="application/rss+xml"]"#).is_empty());

    let site = build("regions", "feeds:\n  rss: true\n", &[]);
    let parsed = parse_feed(&site, "rss.xml");
    assert_eq!(parsed.feed_type, FeedType::RSS2);
    assert_eq!(parsed.entries.len(), 9);
    let text = public(&site, "rss.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let channel = doc.root_element().first_element_child().unwrap();
    for name in ["title", "link", "description", "lastBuildDate"] {
        assert!(
            channel.children().any(|n| n.has_tag_name(name)),
            "channel {name}"
        );
    }
    for item in channel.children().filter(|n| n.has_tag_name("item")) {
        for name in [
            "title",
            "link",
            "guid",
            "pubDate",
            "description",
            "category",
        ] {
            assert!(item.children().any(|n| n.has_tag_name(name)), "item {name}");
        }
        let date = item
            .children()
            .find(|n| n.has_tag_name("pubDate"))
            .and_then(|n| n.text())
            .unwrap();
        assert!(DateTime::parse_from_rfc2822(date).is_ok(), "{date}");
    }
    let doc = html(&site, "index.html");
    assert_eq!(
        select(&doc, r#"link[rel="alternate"][type="application/rss+xml"]"#).len(),
        1
    );
}

#[test]
fn every_sitemap_loc_is_a_built_page_and_every_page_is_listed() {
    for (case, base) in [
        ("regions", "https://example.org/"),
        ("sub_path_base_url", "https://example.github.io/digest/"),
        ("hostile_title", "https://example.org/"),
    ] {
        let site = build(case, "", &[]);
        let files = built_files(&site);
        let text = public(&site, "sitemap.xml");
        let doc = roxmltree::Document::parse(&text).unwrap();
        assert!(doc.root_element().has_tag_name((SITEMAP_NS, "urlset")));
        let mut listed = BTreeSet::new();
        for url in doc.root_element().children().filter(|n| n.is_element()) {
            let child = |name: &str| {
                url.children()
                    .find(|n| n.has_tag_name((SITEMAP_NS, name)))
                    .and_then(|n| n.text())
                    .unwrap_or_else(|| panic!("{case}: <url> without <{name}>"))
            };
            let loc = child("loc");
            let file = file_for(base, loc).unwrap_or_else(|| panic!("{case}: {loc}"));
            assert!(files.contains(&file), "{case}: {loc} → {file} not built");
            assert!(is_rfc3339_with_offset(child("lastmod")), "{case}: {loc}");
            assert!(listed.insert(file), "{case}: {loc} twice");
        }
        let pages: BTreeSet<String> = files
            .iter()
            .filter(|f| f.ends_with(".html") && *f != "404.html" && !is_newsletter(f))
            .cloned()
            .collect();
        assert_eq!(listed, pages, "{case}");
    }
}

#[test]
fn sitemap_lastmod_follows_the_content() {
    let site = build("regions", "", &[]);
    let text = public(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let lastmod = |loc: &str| -> String {
        let url = doc
            .root_element()
            .children()
            .find(|u| u.children().any(|c| c.text() == Some(loc)))
            .unwrap_or_else(|| panic!("{loc}"));
        url.children()
            .find(|c| c.has_tag_name((SITEMAP_NS, "lastmod")))
            .and_then(|c| c.text())
            .unwrap()
            .to_string()
    };
    assert_eq!(lastmod("https://example.org/"), "2024-03-04T00:00:00+00:00");
    assert_eq!(
        lastmod("https://example.org/regions/middle-east/"),
        "2024-02-06T00:00:00+00:00"
    );
    // Later pages of a listing change with it.
    assert_eq!(
        lastmod("https://example.org/regions/middle-east/page/2/"),
        "2024-02-06T00:00:00+00:00"
    );
    assert_eq!(
        lastmod("https://example.org/regions/gulf/"),
        "2024-02-20T00:00:00+00:00"
    );
}

/// The news sitemap's `loc`s with their publication dates.
fn news_entries(site: &SiteTest) -> Vec<(String, String, String)> {
    let text = public(site, "news-sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP_NS, "urlset")));
    root.children()
        .filter(|n| n.is_element())
        .map(|url| {
            let loc = url
                .children()
                .find(|n| n.has_tag_name((SITEMAP_NS, "loc")))
                .and_then(|n| n.text())
                .unwrap()
                .to_string();
            let news = url
                .children()
                .find(|n| n.has_tag_name((NEWS_NS, "news")))
                .expect("news:news");
            let find = |node: roxmltree::Node<'_, '_>, name: &str| {
                node.descendants()
                    .find(|n| n.has_tag_name((NEWS_NS, name)))
                    .and_then(|n| n.text())
                    .unwrap_or_else(|| panic!("no news:{name}"))
                    .to_string()
            };
            let publication = news
                .children()
                .find(|n| n.has_tag_name((NEWS_NS, "publication")))
                .expect("news:publication");
            assert_eq!(find(publication, "name"), "Fixture Gazette");
            assert_eq!(find(publication, "language"), "en");
            let date = find(news, "publication_date");
            assert!(is_rfc3339_with_offset(&date), "{date}");
            (loc, date, find(news, "title"))
        })
        .collect()
}

#[test]
fn news_sitemap_holds_only_the_last_two_days() {
    // --future also builds the article dated the day after NOW: still not news yet.
    for args in [&[][..], &["--future"][..]] {
        let site = build("hostile_title", "", args);
        let entries = news_entries(&site);
        let locs: Vec<&str> = entries.iter().map(|(loc, _, _)| loc.as_str()).collect();
        assert_eq!(
            locs,
            [
                "https://example.org/2024/03/hostile-title/",
                "https://example.org/2024/03/oman-port-expands-47-hours-before-the-build/",
            ],
            "{args:?}"
        );
        assert_eq!(entries[0].1, "2024-03-09T08:00:00+00:00");
        assert_eq!(entries[0].2, HOSTILE);
        let built = built_files(&site);
        assert_eq!(
            built.contains("2024/03/scheduled-story-for-tomorrow/index.html"),
            !args.is_empty()
        );
    }
    // A week later nothing is news any more.
    let site = SiteTest::fixture("hostile_title");
    site.run(&["build", "--now", "2024-03-17T12:00:00Z"])
        .expect_success();
    assert!(news_entries(&site).is_empty());
}

#[test]
fn robots_txt_names_both_sitemaps() {
    let site = build("sub_path_base_url", "", &[]);
    let robots = public(&site, "robots.txt");
    let sitemaps: Vec<&str> = robots
        .lines()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .collect();
    assert_eq!(
        sitemaps,
        [
            "https://example.github.io/digest/sitemap.xml",
            "https://example.github.io/digest/news-sitemap.xml"
        ]
    );
    assert!(robots.starts_with("User-agent: *\n"));
}

#[test]
fn sub_path_base_url_every_feed_and_sitemap_url_is_under_it() {
    // Once from site.yaml, once from --base-url on a site that has the root as base_url.
    for (case, yaml, args, base) in [
        (
            "sub_path_base_url",
            "feeds:\n  rss: true\n",
            &[][..],
            "https://example.github.io/digest/",
        ),
        (
            "regions",
            "feeds:\n  rss: true\n",
            &["--base-url", "https://u.github.io/repo"][..],
            "https://u.github.io/repo/",
        ),
    ] {
        let site = build(case, yaml, args);
        let files = built_files(&site);
        let outputs: Vec<&String> = files
            .iter()
            .filter(|f| f.ends_with(".xml") || f.ends_with(".json") || *f == "robots.txt")
            .filter(|f| !f.starts_with("search"))
            .collect();
        assert!(outputs.len() >= 6, "{outputs:?}");
        let mut checked = 0;
        for rel in outputs {
            // Parse first, so entities in XML (and escapes in JSON) are decoded.
            let text = public(&site, rel);
            let mut values = Vec::new();
            if rel.ends_with(".xml") {
                let doc = roxmltree::Document::parse(&text).unwrap();
                for node in doc.descendants() {
                    values.extend(node.text().map(str::to_string));
                    values.extend(node.attributes().map(|a| a.value().to_string()));
                }
            } else if rel.ends_with(".json") {
                fn walk(v: &Value, out: &mut Vec<String>) {
                    match v {
                        Value::String(s) => out.push(s.clone()),
                        Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                        Value::Object(o) => o.values().for_each(|v| walk(v, out)),
                        _ => {}
                    }
                }
                walk(&serde_json::from_str(&text).unwrap(), &mut values);
            } else {
                values.push(text.clone());
            }
            for value in &values {
                for url in urls_in(value) {
                    if is_vocabulary(&url) {
                        continue;
                    }
                    assert!(url.starts_with(base), "{case} {rel}: {url}");
                    checked += 1;
                }
                // Links inside content: never relative.
                for attr in ["href=\"", "src=\""] {
                    for (i, _) in value.match_indices(attr) {
                        let target = &value[i + attr.len()..];
                        assert!(
                            target.starts_with(base),
                            "{case} {rel}: relative {}",
                            &target[..target.len().min(60)]
                        );
                    }
                }
            }
            // Entry ids (tag URIs) carry the sub-path too.
            if rel.ends_with("atom.xml") {
                let path = base.split_once("://").unwrap().1;
                let path = &path[path.find('/').unwrap()..];
                assert!(text.contains("<id>tag:"), "{rel}");
                assert!(text.contains(&format!(":{path}2024/")), "{rel}");
            }
        }
        assert!(checked > 50, "{case}: only {checked} URLs seen");
    }
}

#[test]
fn feed_content_links_are_absolute() {
    let site = build("hostile_title", "", &[]);
    let feed = parse_feed(&site, "atom.xml");
    let entry = feed
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == HOSTILE)
        .unwrap();
    let body = entry.content.as_ref().unwrap().body.as_ref().unwrap();
    let doc = Html::parse_fragment(body);
    let links: Vec<&str> = select(&doc, "a[href]")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "https://example.org/2024/03/calm-day-in-brussels/",
            "https://example.org/regions/",
            "https://example.org/2024/03/hostile-title/#note",
            "https://example.net/x?a=1&b=2",
            "https://example.org/2024/03/calm-day-in-brussels/",
            "https://example.org/raw/",
        ]
    );
    let images: Vec<&str> = select(&doc, "img[src]")
        .iter()
        .map(|a| a.value().attr("src").unwrap())
        .collect();
    assert_eq!(
        images,
        [
            "https://example.org/images/harbour.jpg",
            "https://example.org/2024/03/hostile-title/photo.jpg",
        ]
    );
    // JSON Feed and RSS carry the same rewritten HTML.
    let json: Value = serde_json::from_str(&public(&site, "feed.json")).unwrap();
    // feed-rs trims the element text; the HTML is otherwise the same.
    let body = body.trim();
    assert_eq!(
        json["items"][0]["content_html"].as_str().unwrap().trim(),
        body
    );
    assert_eq!(
        json["items"][0]["image"],
        "https://example.org/images/harbour.jpg"
    );
    let rss = parse_feed(&site, "rss.xml");
    assert_eq!(
        rss.entries[0]
            .content
            .as_ref()
            .unwrap()
            .body
            .as_deref()
            .map(str::trim),
        Some(body)
    );
}

#[test]
fn hostile_title_is_escaped_everywhere() {
    let site = build("hostile_title", "", &[]);

    // HTML: the article page and the listings show the text; no script got in.
    for rel in [HOSTILE_PAGE, "index.html", "regions/gulf/index.html"] {
        let raw = public(&site, rel);
        assert!(!raw.contains("<script>alert"), "{rel}");
        assert!(!raw.contains("<b> \""), "{rel}");
        let doc = Html::parse_document(&raw);
        let scripts = select(&doc, "script");
        assert!(
            scripts
                .iter()
                .all(|s| s.value().attr("type") == Some("application/ld+json")),
            "{rel}: a script that is not JSON-LD"
        );
        let texts: Vec<String> = select(&doc, "main h1, main h2")
            .iter()
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect();
        assert!(texts.iter().any(|t| t == HOSTILE), "{rel}: {texts:?}");
    }
    let doc = html(&site, HOSTILE_PAGE);
    let title: String = select(&doc, "title")[0].text().collect();
    assert!(title.starts_with(HOSTILE), "{title}");
    assert_eq!(one_meta(&doc, "property", "og:title"), HOSTILE);
    assert_eq!(one_meta(&doc, "name", "twitter:title"), HOSTILE);
    assert_eq!(
        one_meta(&doc, "property", "og:image:alt"),
        r#"Harbour at dawn </script> & "more""#
    );

    // JSON-LD: two blocks, no raw `<` in them, the title back intact.
    let raw = public(&site, HOSTILE_PAGE);
    let blocks = json_ld(&doc);
    assert_eq!(blocks.len(), 2);
    for script in select(&doc, r#"script[type="application/ld+json"]"#) {
        let text: String = script.text().collect();
        assert!(!text.contains('<') && !text.contains('&'), "{text}");
    }
    assert!(raw.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"));
    assert_eq!(of_type(&blocks, "NewsArticle")["headline"], HOSTILE);
    assert_eq!(
        of_type(&blocks, "BreadcrumbList")["itemListElement"][2]["name"],
        HOSTILE
    );

    // Atom and RSS: escaped once, read back the same by an XML parser and a feed parser.
    for rel in ["atom.xml", "rss.xml"] {
        let text = public(&site, rel);
        assert!(!text.contains("<script>"), "{rel}");
        assert!(
            text.contains("&lt;/script&gt;&lt;script&gt;alert(1)"),
            "{rel}"
        );
        let doc = roxmltree::Document::parse(&text).unwrap();
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "title")
            .filter_map(|n| n.text())
            .collect();
        assert!(titles.contains(&HOSTILE), "{rel}: {titles:?}");
        let feed = parse_feed(&site, rel);
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, HOSTILE);
    }
    let atom = parse_feed(&site, "atom.xml");
    assert_eq!(atom.entries[0].authors[0].name, "Reporter <script>");
    assert_eq!(
        atom.entries[0].summary.as_ref().unwrap().content,
        r#"A summary with </script> & <i>markup</i> "quoted" 'too'"#
    );

    // JSON Feed: JSON escaping, same text back.
    let json: Value = serde_json::from_str(&public(&site, "feed.json")).unwrap();
    assert_eq!(json["items"][0]["title"], HOSTILE);
    assert_eq!(
        parse_feed(&site, "feed.json").entries[0]
            .title
            .as_ref()
            .unwrap()
            .content,
        HOSTILE
    );

    // Sitemaps: the news title decodes to the text, the page is listed.
    let news = public(&site, "news-sitemap.xml");
    assert!(news.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;"));
    assert_eq!(news_entries(&site)[0].2, HOSTILE);
    assert!(public(&site, "sitemap.xml")
        .contains("<loc>https://example.org/2024/03/hostile-title/</loc>"));
}

#[test]
fn json_ld_has_the_fields_news_search_requires() {
    for case in ["regions", "hostile_title", "rtl_arabic"] {
        let site = build(case, "", &[]);
        let files = built_files(&site);
        let articles: Vec<&String> = files.iter().filter(|f| is_article_page(f)).collect();
        assert!(!articles.is_empty());
        for rel in articles {
            let doc = html(&site, rel);
            let canonical = select(&doc, r#"link[rel="canonical"]"#)[0]
                .value()
                .attr("href")
                .unwrap()
                .to_string();
            let blocks = json_ld(&doc);
            let news = of_type(&blocks, "NewsArticle");
            assert_eq!(news["@context"], "https://schema.org");
            let headline = news["headline"].as_str().unwrap();
            assert!(!headline.is_empty() && headline.chars().count() <= 110);
            for key in ["datePublished", "dateModified"] {
                let date = news[key].as_str().unwrap();
                assert!(is_rfc3339_with_offset(date), "{rel} {key}: {date}");
            }
            assert!(news["author"][0]["name"]
                .as_str()
                .is_some_and(|s| !s.is_empty()));
            assert!(news["author"][0]["@type"].is_string());
            assert_eq!(news["publisher"]["@type"], "Organization");
            assert!(news["publisher"]["name"].is_string());
            let section = news["articleSection"].as_str().unwrap();
            let kicker: String = select(&doc, ".kicker a")[0].text().collect();
            assert_eq!(section, kicker.trim(), "{rel}");
            assert!(news["keywords"].is_array());
            assert_eq!(news["mainEntityOfPage"]["@id"], canonical.as_str());
            assert_eq!(news["url"], canonical.as_str());

            let crumbs = of_type(&blocks, "BreadcrumbList")["itemListElement"]
                .as_array()
                .unwrap()
                .clone();
            assert_eq!(crumbs.len(), 3);
            for (i, crumb) in crumbs.iter().enumerate() {
                assert_eq!(crumb["position"], i + 1);
                let item = crumb["item"].as_str().unwrap();
                assert!(item.starts_with("https://"), "{item}");
            }
            assert_eq!(crumbs[1]["name"], section);
            assert_eq!(crumbs[2]["item"], canonical.as_str());
        }
    }
    // The hostile article has an image (absolute) and its own author.
    let site = build("hostile_title", "", &[]);
    let blocks = json_ld(&html(&site, HOSTILE_PAGE));
    let news = of_type(&blocks, "NewsArticle");
    assert_eq!(news["image"][0], "https://example.org/images/harbour.jpg");
    assert_eq!(news["author"][0]["name"], "Reporter <script>");
    assert_eq!(news["keywords"][0], "Security");
    assert_eq!(news["publisher"]["name"], "Fixture Gazette");
    // The story it curates: the original's address and publisher, as data (issue 13).
    assert_eq!(
        news["isBasedOn"]["url"],
        r#"https://wire.example.org/story?id=1&x="q""#
    );
    assert_eq!(news["isBasedOn"]["publisher"]["name"], "Wire <b>Desk</b>");
    // ... and as the page's "Source:" credit, a link readers can follow.
    let page = html(&site, HOSTILE_PAGE);
    let credit = select(&page, ".source-credit a");
    assert_eq!(credit.len(), 1);
    assert_eq!(
        credit[0].value().attr("href"),
        Some(r#"https://wire.example.org/story?id=1&x="q""#)
    );
    assert_eq!(credit[0].text().collect::<String>(), "Wire <b>Desk</b>");
}

#[test]
fn every_page_head_has_canonical_description_opengraph_twitter_and_feeds() {
    let site = build("regions", "", &[]);
    let base = "https://example.org/";
    let files = built_files(&site);
    for rel in files
        .iter()
        .filter(|f| f.ends_with(".html") && !is_newsletter(f))
    {
        let doc = html(&site, rel);
        let canonical: Vec<&str> = select(&doc, r#"link[rel="canonical"]"#)
            .iter()
            .map(|l| l.value().attr("href").unwrap())
            .collect();
        assert_eq!(canonical.len(), 1, "{rel}");
        assert!(canonical[0].starts_with(base));
        assert!(!one_meta(&doc, "name", "description").is_empty(), "{rel}");
        assert_eq!(one_meta(&doc, "property", "og:url"), canonical[0]);
        assert_eq!(
            one_meta(&doc, "property", "og:site_name"),
            "Fixture Gazette"
        );
        assert!(!one_meta(&doc, "property", "og:title").is_empty());
        assert!(!one_meta(&doc, "property", "og:description").is_empty());
        assert!(["summary", "summary_large_image"]
            .contains(&one_meta(&doc, "name", "twitter:card").as_str()));
        let feeds: Vec<&str> = select(&doc, r#"link[rel="alternate"]"#)
            .iter()
            .map(|l| l.value().attr("href").unwrap())
            .collect();
        assert!(
            feeds.iter().any(|f| f.ends_with("atom.xml"))
                && feeds.iter().any(|f| f.ends_with("feed.json")),
            "{rel}: {feeds:?}"
        );

        let is_article = is_article_page(rel);
        let og_type = one_meta(&doc, "property", "og:type");
        assert_eq!(
            og_type,
            if is_article { "article" } else { "website" },
            "{rel}"
        );
        if is_article {
            let published = one_meta(&doc, "property", "article:published_time");
            assert!(is_rfc3339_with_offset(&published));
            assert!(is_rfc3339_with_offset(&one_meta(
                &doc,
                "property",
                "article:modified_time"
            )));
            let kicker: String = select(&doc, ".kicker a")[0].text().collect();
            assert_eq!(one_meta(&doc, "property", "article:section"), kicker.trim());
            let tags: Vec<String> = select(&doc, ".tags a")
                .iter()
                .map(|a| a.text().collect())
                .collect();
            assert_eq!(meta(&doc, "property", "article:tag"), tags, "{rel}");
        } else {
            assert!(meta(&doc, "property", "article:published_time").is_empty());
        }
        // Region and tag pages (and their later pages) also offer their own feed.
        for prefix in ["regions/", "tags/"] {
            let Some(rest) = rel.strip_prefix(prefix) else {
                continue;
            };
            let Some(slug) = rest.split('/').next().filter(|s| *s != "index.html") else {
                continue;
            };
            let own = format!("{prefix}{slug}/atom.xml");
            let href = feeds
                .iter()
                .find(|f| f.ends_with(&own))
                .unwrap_or_else(|| panic!("{rel}: no link to {own}: {feeds:?}"));
            assert!(href.ends_with(&own));
            assert!(files.contains(&own), "{own} not built");
        }
    }
}

/// `tests/fixtures/sites/hostile_fields/`: every text field of one article holds markup as
/// text. Each must reach a reader as that text, never as markup.
const FIELD_TITLE: &str = r#"<script>alert("title")</script> & <img src=x onerror=alert(1)> title"#;
const FIELD_SUMMARY: &str =
    r#"<script>alert("summary")</script> & <img src=x onerror=alert(2)> summary"#;
const FIELD_CAPTION: &str =
    r#"<script>alert("caption")</script> & <img src=x onerror=alert(3)> "caption""#;
const FIELD_CREDIT: &str =
    r#"<script>alert("credit")</script> & <img src=x onerror=alert(4)> credit"#;
const FIELD_AUTHOR: &str =
    r#"<script>alert("author")</script> & <img src=x onerror=alert(5)> author"#;
const FIELD_SOURCE: &str =
    r#"<script>alert("source")</script> & <img src=x onerror=alert(6)> source"#;
/// The default summary of the second article: its first paragraph, with markup in code.
const FIELD_LEAD: &str = r#"The lead quotes <img src=x onerror=alert("lead")> and <script>alert("lead")</script> as text."#;
const FIELD_PAGE: &str = "2024/03/hostile-fields/index.html";

/// What a feed reader that renders HTML would run: a script element, an `on*` attribute, a
/// `javascript:` URL. `allowed_script` says which `<script>` elements a page may carry.
fn assert_inert(doc: &Html, what: &str, allowed_script: &dyn Fn(&scraper::ElementRef) -> bool) {
    for element in select(doc, "*") {
        let name = element.value().name();
        assert!(
            name != "script" || allowed_script(&element),
            "{what}: a <script> element: {}",
            element.html()
        );
        for (attr, value) in element.value().attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "{what}: <{name} {attr}=…>"
            );
            let value = value.trim().to_ascii_lowercase();
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("vbscript:"),
                "{what}: <{name} {attr}={value}>"
            );
        }
    }
}

/// An HTML payload of a feed (RSS description or content, Atom `type="html"`, JSON Feed
/// `content_html`): inert, and its text holds `texts` as written.
fn assert_html_payload(html: &str, what: &str, texts: &[&str]) -> Html {
    let doc = Html::parse_fragment(html);
    assert_inert(&doc, what, &|_| false);
    let text: String = doc.root_element().text().collect();
    for expected in texts {
        assert!(
            text.contains(expected),
            "{what}: {expected:?} not in {text:?}"
        );
    }
    doc
}

/// A feed text construct read back by feed-rs: plain text equal to `expected`, or HTML
/// whose text is `expected`.
fn assert_feed_text(text: &feed_rs::model::Text, what: &str, expected: &str) {
    match text.content_type.to_string().as_str() {
        "text/plain" => assert_eq!(text.content, expected, "{what}"),
        "text/html" => {
            let doc = assert_html_payload(&text.content, what, &[expected]);
            let all: String = doc.root_element().text().collect();
            assert_eq!(all.trim(), expected, "{what}");
        }
        other => panic!("{what}: unexpected type {other}"),
    }
}

#[test]
fn hostile_fields_reach_feed_readers_as_text() {
    let site = build("hostile_fields", "", &[]);
    for rel in ["atom.xml", "rss.xml", "feed.json"] {
        // feed-rs without its own sanitiser: what the feed says, as a reader would render it.
        let feed = feed_rs::parser::Builder::new()
            .sanitize_content(false)
            .build()
            .parse(public(&site, rel).as_bytes())
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(feed.entries.len(), 2, "{rel}");
        let (fields, lead) = (&feed.entries[0], &feed.entries[1]);
        assert_feed_text(
            fields.title.as_ref().unwrap(),
            &format!("{rel} title"),
            FIELD_TITLE,
        );
        assert_feed_text(
            fields.summary.as_ref().unwrap(),
            &format!("{rel} summary"),
            FIELD_SUMMARY,
        );
        assert_feed_text(
            lead.summary.as_ref().unwrap(),
            &format!("{rel} generated summary"),
            FIELD_LEAD,
        );
        assert_eq!(fields.authors[0].name, FIELD_AUTHOR, "{rel} author");
        for (entry, texts) in [
            (fields, vec!["The body is plain"]),
            (lead, vec![FIELD_LEAD]),
        ] {
            let content = entry.content.as_ref().unwrap();
            assert_eq!(content.content_type.to_string(), "text/html", "{rel}");
            let doc = assert_html_payload(
                content.body.as_deref().unwrap(),
                &format!("{rel} content"),
                &texts,
            );
            if texts[0] == "The body is plain" {
                // The photo's caption is its alt text, as text.
                let alts: Vec<&str> = select(&doc, "img")
                    .iter()
                    .filter_map(|i| i.value().attr("alt"))
                    .collect();
                assert_eq!(alts, [FIELD_CAPTION], "{rel}");
            }
        }
    }

    // The article page: caption, credit, author and source shown as text; the head's
    // metadata and JSON-LD carry the same text back.
    let raw = public(&site, FIELD_PAGE);
    let doc = Html::parse_document(&raw);
    assert_inert(&doc, FIELD_PAGE, &|s| {
        s.value().attr("type") == Some("application/ld+json")
    });
    let text = |css: &str| -> String {
        select(&doc, css)
            .iter()
            .map(|e| e.text().collect::<String>())
            .collect()
    };
    assert_eq!(text("main h1").trim(), FIELD_TITLE);
    let caption = text("figcaption");
    assert!(caption.contains(FIELD_CAPTION), "{caption}");
    assert!(caption.contains(FIELD_CREDIT), "{caption}");
    assert_eq!(text(".dateline .author"), FIELD_AUTHOR);
    assert_eq!(text(".dateline .source"), FIELD_SOURCE);
    assert_eq!(one_meta(&doc, "property", "og:title"), FIELD_TITLE);
    assert_eq!(one_meta(&doc, "name", "twitter:title"), FIELD_TITLE);
    assert_eq!(one_meta(&doc, "property", "og:description"), FIELD_SUMMARY);
    assert_eq!(one_meta(&doc, "name", "twitter:description"), FIELD_SUMMARY);
    assert_eq!(one_meta(&doc, "property", "og:image:alt"), FIELD_CAPTION);
    let blocks = json_ld(&doc);
    let news = of_type(&blocks, "NewsArticle");
    assert_eq!(news["headline"], FIELD_TITLE);
    assert_eq!(news["description"], FIELD_SUMMARY);
    assert_eq!(news["author"][0]["name"], FIELD_AUTHOR);
    for script in select(&doc, r#"script[type="application/ld+json"]"#) {
        let json: String = script.text().collect();
        assert!(!json.contains('<'), "JSON-LD with a raw <: {json}");
    }

    // Listings, digest editions and archives show the title and summary as text.
    for rel in built_files(&site).iter().filter(|f| f.ends_with(".html")) {
        let doc = html(&site, rel);
        assert_inert(&doc, rel, &|s| {
            s.value().attr("type") == Some("application/ld+json")
                || s.value().attr("src") == Some("../js/search.js")
        });
    }
    let home = html(&site, "index.html");
    let summaries: Vec<String> = select(&home, ".summary")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(summaries, [FIELD_SUMMARY, FIELD_LEAD]);

    // The news sitemap's title is XML text: the same text back.
    assert_eq!(news_entries(&site)[0].2, FIELD_TITLE);
}

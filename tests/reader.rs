//! Reader features (issue 6) through the real binary: the search index holds every
//! published article and no draft, and finds them (in Rust from the index data, with the
//! theme's own JS matcher in node, and typed into the search page in headless Chromium);
//! related lists are deterministic and never the article itself; edition pages hold
//! exactly their week's (or day's) articles; archive counts add up; RTL markup is on
//! every listing item; Arabic word counts count words.

mod common;

use common::SiteTest;
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const NOW: &str = "2024-06-01T00:00:00Z";
const ARABIC_PATH: &str = "2024/02/muscat-crafts-exhibition/";
const ZURICH_PATH: &str = "2024/01/zurich-and-geneve-airports-report-busiest-year-since-2019/";

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn page(site: &SiteTest, path: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{path}index.html")))
}

/// Site-relative paths of every article page (`<year>/<month>/<slug>/`).
fn article_pages(public: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(public)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let parts: Vec<&str> = rel.split('/').collect();
            let is_article = parts.len() == 4
                && parts[0].len() == 4
                && parts[0].bytes().all(|b| b.is_ascii_digit())
                && parts[1].len() == 2
                && parts[1].bytes().all(|b| b.is_ascii_digit());
            is_article.then(|| format!("{}/{}/{}/", parts[0], parts[1], parts[2]))
        })
        .collect()
}

/// The JSON payload of one `gazetteSearch.add(kind, key, DATA);` index file.
fn index_data(public: &Path, file: &str) -> Value {
    let text = std::fs::read_to_string(public.join("search").join(file)).unwrap();
    let inner = text
        .trim_end()
        .strip_prefix("gazetteSearch.add(")
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{file} is not a gazetteSearch.add call"));
    let data = inner.splitn(3, ", ").nth(2).unwrap();
    serde_json::from_str(data).unwrap()
}

/// The index as Rust sees it: documents (by id) and term → postings (id, strong).
struct SearchIndex {
    meta: Value,
    docs: Vec<Value>,
    terms: BTreeMap<String, Vec<(u64, bool)>>,
}

fn shard_file(key: &str) -> String {
    if key.is_empty() {
        return "terms-all.js".into();
    }
    let hex: Vec<String> = key.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("terms-{}.js", hex.join("-"))
}

fn read_index(public: &Path) -> SearchIndex {
    let meta = index_data(public, "index.js");
    let n = meta["docs"].as_u64().unwrap() as usize;
    let per_file = meta["docs_per_file"].as_u64().unwrap() as usize;
    let mut docs = Vec::new();
    for f in 0..n.div_ceil(per_file) {
        docs.extend(
            index_data(public, &format!("docs-{f}.js"))
                .as_array()
                .unwrap()
                .iter()
                .cloned(),
        );
    }
    assert_eq!(docs.len(), n);
    let mut terms = BTreeMap::new();
    for key in meta["shards"].as_array().unwrap() {
        let shard = index_data(public, &shard_file(key.as_str().unwrap()));
        for (term, postings) in shard.as_object().unwrap() {
            assert!(!terms.contains_key(term), "{term} is in two shards");
            let mut id = 0;
            let decoded = postings
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    let v = v.as_u64().unwrap();
                    id += v / 2;
                    (id, v % 2 == 1)
                })
                .collect();
            terms.insert(term.clone(), decoded);
        }
    }
    SearchIndex { meta, docs, terms }
}

impl SearchIndex {
    fn paths(&self) -> BTreeSet<String> {
        self.docs
            .iter()
            .map(|d| d[0].as_str().unwrap().to_string())
            .collect()
    }

    /// Paths of the documents matching every word of `query` by prefix (the JS rule).
    fn query(&self, query: &str) -> BTreeSet<String> {
        let words = gazette::render::search::terms(query);
        assert!(!words.is_empty(), "{query:?} has no searchable word");
        let mut result: Option<BTreeSet<u64>> = None;
        for word in words {
            let ids: BTreeSet<u64> = self
                .terms
                .range(word.clone()..)
                .take_while(|(t, _)| t.starts_with(&word))
                .flat_map(|(_, p)| p.iter().map(|(id, _)| *id))
                .collect();
            result = Some(match result {
                None => ids,
                Some(r) => r.intersection(&ids).copied().collect(),
            });
        }
        result
            .unwrap_or_default()
            .into_iter()
            .map(|id| self.docs[id as usize][0].as_str().unwrap().to_string())
            .collect()
    }
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

#[test]
fn search_index_holds_every_published_article_and_no_drafts() {
    let site = SiteTest::fixture("drafts");
    site.build();
    let index = read_index(&site.public());
    assert_eq!(index.paths(), article_pages(&site.public()));
    assert_eq!(index.paths().len(), 2);
    assert!(!index.paths().iter().any(|p| p.contains("unfinished")));
    assert!(
        !index.terms.contains_key("unfinished"),
        "a draft's words leaked into the index"
    );

    // With --drafts the draft is published, and indexed.
    site.run(&["build", "--drafts", "--now", NOW])
        .expect_success();
    let index = read_index(&site.public());
    assert_eq!(index.paths().len(), 3);
    assert_eq!(
        index.query("unfinished gulf"),
        set(&["2024/02/unfinished-story-about-gulf-energy-talks/"])
    );

    let bundled = SiteTest::bundled();
    bundled.build();
    let index = read_index(&bundled.public());
    assert_eq!(index.paths(), article_pages(&bundled.public()));
    assert!(index.paths().len() >= 13);
}

/// The bundled site as a one-language site, as it was before its Arabic and French
/// editions (issue 16): no `languages:`, and without the articles added for those
/// editions, so that its Arabic story sits among the English ones at the root (what the
/// mixed-language tests below are about).
fn bundled_one_language() -> SiteTest {
    let site = SiteTest::bundled();
    let yaml = site.read("site.yaml");
    let start = yaml
        .find("\nlanguages:\n")
        .expect("languages: in site.yaml");
    let end = start + 1 + yaml[start + 1..].find("\n\n").unwrap();
    let yaml = format!("{}{}", &yaml[..start], &yaml[end..]);
    let yaml: String = yaml
        .lines()
        .filter(|l| !l.trim_start().starts_with("names:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("site.yaml", &yaml);
    for entry in walkdir::WalkDir::new(site.root().join("content")) {
        let path = entry.unwrap().into_path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with("-ar.md") || name.ends_with("-fr.md") {
            std::fs::remove_file(&path).unwrap();
        }
    }
    let english = "content/middle-east/2024-02-06-jordan-water-loss-campaign.md";
    site.write(
        english,
        &site
            .read(english)
            .replace("translation_key: jordan-water-loss-2024\n", ""),
    );
    site
}

#[test]
fn index_data_finds_articles_by_any_of_their_words() {
    let site = bundled_one_language();
    site.build();
    let public = site.public();
    let index = read_index(&public);
    // Every article is found by each word of its title.
    for doc in &index.docs {
        let path = doc[0].as_str().unwrap();
        for word in gazette::render::search::terms(doc[1].as_str().unwrap()) {
            assert!(
                index.query(&word).contains(path),
                "{word:?} does not find {path}"
            );
        }
    }
    for (query, path) in [
        ("Zurich", ZURICH_PATH),
        ("zürich geneve", ZURICH_PATH),
        ("GENÈVE", ZURICH_PATH),
        ("Kloten", ZURICH_PATH),      // only in the body
        ("Baumgartner", ZURICH_PATH), // the author
        ("المعرض", ARABIC_PATH),      // with the article: the text has both forms
        ("معرض", ARABIC_PATH),
        ("الفخار", ARABIC_PATH), // body only
        ("مَعْرِض", ARABIC_PATH),   // with tashkeel
        ("مسقط", ARABIC_PATH),
    ] {
        assert!(
            index.query(query).contains(path),
            "{query:?} does not find {path}"
        );
    }
    assert!(index.query("zebra xylophone").is_empty());
    // Strong flags: a title word is marked, a body-only word is not.
    let zurich_id = index.docs.iter().position(|d| d[0] == ZURICH_PATH).unwrap() as u64;
    assert!(index.terms["zurich"].contains(&(zurich_id, true)));
    assert!(index.terms["kloten"].contains(&(zurich_id, false)));
    assert_eq!(index.meta["version"], 1);

    // Size: the index is a fraction of the HTML it indexes.
    let size = |dir: &Path, ext: &str| -> u64 {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
            .map(|e| e.metadata().unwrap().len())
            .sum()
    };
    let html = size(&public, "html");
    let index_bytes = size(&public.join("search"), "js");
    assert!(
        index_bytes * 5 < html,
        "index {index_bytes} B vs HTML {html} B"
    );
}

#[test]
fn theme_search_js_matches_in_node() {
    if !common::tool_present("node", common::command_works("node", "--version")) {
        return;
    }
    let site = bundled_one_language();
    site.build();
    let queries = [
        "Zurich",
        "genève airport",
        "Kloten",
        "المعرض",
        "مَعْرِض",
        "olive oil",
        "the",
        "zebra",
    ];
    let results: Value = search_in_node(&site.public(), &queries);
    let first = |q: &str| {
        results[q]["results"][0]["path"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(first("Zurich"), ZURICH_PATH);
    assert_eq!(first("genève airport"), ZURICH_PATH);
    assert_eq!(first("Kloten"), ZURICH_PATH);
    assert_eq!(first("المعرض"), ARABIC_PATH);
    assert_eq!(first("مَعْرِض"), ARABIC_PATH);
    assert_eq!(results["المعرض"]["results"][0]["rtl"], true);
    assert_eq!(results["المعرض"]["results"][0]["lang"], "ar");
    assert!(
        first("olive oil").contains("tunisia"),
        "{}",
        results["olive oil"]
    );
    // A stop word alone is no query; a missing word finds nothing.
    assert_eq!(results["the"]["total"], 0);
    assert_eq!(results["zebra"]["total"], 0);

    // The JS and Rust normalisations agree word for word.
    let index = read_index(&site.public());
    for q in queries {
        let rust = gazette::render::search::terms(q);
        let js: Vec<String> = serde_json::from_value(results[q]["words"].clone()).unwrap();
        let mut rust_unique = Vec::new();
        for t in rust {
            if !rust_unique.contains(&t) {
                rust_unique.push(t);
            }
        }
        assert_eq!(js, rust_unique, "{q}");
        if !js.is_empty() && q != "zebra" {
            assert_eq!(
                results[q]["total"].as_u64().unwrap() as usize,
                index.query(q).len(),
                "{q}"
            );
        }
    }
}

/// The theme's search.js, run in node against a built site's index.
fn search_in_node(public: &Path, queries: &[&str]) -> Value {
    let mut args = vec![public.as_os_str().to_owned()];
    args.extend(queries.iter().map(std::ffi::OsString::from));
    common::node_json("search-node.mjs", &args)
}

fn run_browser(url: &str, queries: &[&str]) -> Value {
    common::node_json(
        "search-browser.mjs",
        std::iter::once(url).chain(queries.iter().copied()),
    )
}

#[test]
fn typing_in_the_search_page_shows_results_in_chromium() {
    let present = common::browser_dir()
        .join("node_modules/playwright-core")
        .exists()
        && Path::new("/usr/bin/chromium").exists()
        && common::command_works("node", "--version")
        && Command::new("python3").arg("--version").output().is_ok();
    if !common::tool_present("node + chromium + playwright-core + python3", present) {
        return;
    }
    // Built for a GitHub Pages sub-path and served under it.
    let site = SiteTest::bundled();
    site.run(&[
        "build",
        "--base-url",
        "https://example.github.io/repo/",
        "--now",
        NOW,
    ])
    .expect_success();
    let root = tempfile::tempdir().unwrap();
    common::copy_dir(&site.public(), &root.path().join("repo"));
    let (_server, port) = common::serve_static(root.path());
    let url = format!("http://127.0.0.1:{port}/repo/search/");
    let out = run_browser(&url, &["zurich", "Zürich"]);
    assert_eq!(out["consoleErrors"], serde_json::json!([]), "{out}");
    assert_eq!(
        out["violations"],
        serde_json::json!([]),
        "axe, with results shown"
    );
    let result = |out: &serde_json::Value, q: &str| out["queries"][q]["results"][0].clone();
    let zurich_url = format!("http://127.0.0.1:{port}/repo/{ZURICH_PATH}");
    assert_eq!(result(&out, "zurich")["href"], zurich_url.as_str(), "{out}");
    assert_eq!(result(&out, "Zürich")["href"], zurich_url.as_str(), "{out}");
    assert!(result(&out, "zurich")["title"]
        .as_str()
        .unwrap()
        .contains("Zürich"));

    assert_eq!(
        out["queries"]["zurich"]["status"], "1 article matches “zurich”.",
        "{out}"
    );

    // The Arabic edition's own search page (issue 16) finds its Arabic story, and says
    // so in Arabic (the status texts come from the page's i18n file).
    let out = run_browser(
        &format!("http://127.0.0.1:{port}/repo/ar/search/"),
        &["زرافة", "المعرض"],
    );
    assert_eq!(
        out["queries"]["زرافة"]["status"], "لا توجد مقالات تطابق «زرافة».",
        "{out}"
    );
    let status = out["queries"]["المعرض"]["status"].as_str().unwrap();
    assert!(status.ends_with("يطابق «المعرض»."), "{status}");
    assert!(
        !status.chars().any(|c| c.is_ascii_alphabetic()),
        "English in the Arabic search status: {status}"
    );
    assert_eq!(out["consoleErrors"], serde_json::json!([]), "{out}");
    assert_eq!(
        out["violations"],
        serde_json::json!([]),
        "axe on /ar/search/"
    );
    let arabic = result(&out, "المعرض");
    assert_eq!(
        arabic["href"],
        format!("http://127.0.0.1:{port}/repo/ar/{ARABIC_PATH}").as_str(),
        "{out}"
    );
    assert_eq!(
        (arabic["lang"].as_str(), arabic["dir"].as_str()),
        (Some("ar"), Some("rtl"))
    );
    // The reader opens the result.
    assert_eq!(out["opened"]["url"], arabic["href"]);
    assert!(out["opened"]["h1"].as_str().unwrap().contains("مسقط"));

    // Offline, straight from the file system: <script> loading needs no fetch.
    let file_url = format!(
        "file://{}",
        site.public().join("search/index.html").display()
    );
    let out = run_browser(&file_url, &["geneve"]);
    assert_eq!(out["consoleErrors"], serde_json::json!([]), "{out}");
    // There a folder is a directory listing: the result links the page's file (issue 15).
    assert!(out["queries"]["geneve"]["results"][0]["href"]
        .as_str()
        .unwrap()
        .ends_with(&format!("{ZURICH_PATH}index.html")));
}

#[test]
fn search_page_and_header_use_relative_urls() {
    let site = SiteTest::bundled();
    site.run(&[
        "build",
        "--base-url",
        "https://example.github.io/repo/",
        "--now",
        NOW,
    ])
    .expect_success();
    let search = page(&site, "search/");
    let form = search.select(&sel("form.search-form")).next().unwrap();
    assert_eq!(form.value().attr("data-index"), Some("../search/index.js"));
    assert_eq!(form.value().attr("data-root"), Some("../"));
    assert_eq!(
        search.select(&sel("input[type=search]")).count(),
        1,
        "one search box on the search page"
    );
    let script = search.select(&sel("script[src]")).next().unwrap();
    assert_eq!(script.value().attr("src"), Some("../js/search.js"));
    assert!(site.public().join("js/search.js").exists());
    // Every other page has the header search box and the reader links.
    let home = page(&site, "");
    let header_form = home
        .select(&sel("header form[role=search]"))
        .next()
        .unwrap();
    assert_eq!(header_form.value().attr("action"), Some("./search/"));
    assert!(home
        .select(&sel("header input[type=search][name=q]"))
        .next()
        .is_some());
    let nav: Vec<String> = home
        .select(&sel("nav.site-nav a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    for link in ["./digest/", "./archive/", "./search/"] {
        assert!(nav.iter().any(|h| h == link), "{link} missing from {nav:?}");
    }
}

/// Article paths linked from the related section of an article page.
fn related_of(site: &SiteTest, path: &str) -> Vec<String> {
    let html = page(site, path);
    let depth = path.matches('/').count();
    html.select(&sel("section.related li a"))
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            href.strip_prefix(&"../".repeat(depth))
                .unwrap_or(href)
                .to_string()
        })
        .collect()
}

#[test]
fn related_lists_are_deterministic_and_never_the_article_itself() {
    let site = SiteTest::bundled();
    site.build();
    let articles = article_pages(&site.public());
    let mut first: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in &articles {
        let related = related_of(&site, path);
        assert!(related.len() <= 5, "{path}: {related:?}");
        assert!(!related.contains(path), "{path} relates to itself");
        assert!(
            related.iter().all(|r| articles.contains(r)),
            "{path}: {related:?}"
        );
        let unique: BTreeSet<&String> = related.iter().collect();
        assert_eq!(unique.len(), related.len(), "{path}: duplicates");
        first.insert(path.clone(), related);
    }
    // Most articles of the bundled site share a tag or region with something.
    assert!(first.values().filter(|r| !r.is_empty()).count() >= articles.len() - 1);
    let heading = page(&site, ZURICH_PATH);
    let h2: Vec<String> = heading
        .select(&sel("section.related h2"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(h2, ["Related coverage"]);

    // Single-threaded and parallel builds agree.
    let again = SiteTest::bundled();
    again
        .run_env(&["build", "--now", NOW], &[("RAYON_NUM_THREADS", "1")])
        .expect_success();
    for (path, related) in &first {
        assert_eq!(&related_of(&again, path), related, "{path}");
    }
}

/// ISO week key of a `YYYY-MM-DD…` date.
fn week_key(date: &str) -> String {
    use chrono::Datelike;
    let day = chrono::NaiveDate::parse_from_str(&date[..10], "%Y-%m-%d").unwrap();
    let week = day.iso_week();
    format!("{:04}-w{:02}", week.year(), week.week())
}

/// Every article's own date (`YYYY-MM-DD` as written), from its page.
fn article_dates(site: &SiteTest) -> BTreeMap<String, String> {
    article_pages(&site.public())
        .into_iter()
        .map(|path| {
            let html = page(site, &path);
            let time = html
                .select(&sel("article.article header time"))
                .next()
                .unwrap();
            let date = time.value().attr("datetime").unwrap()[..10].to_string();
            (path, date)
        })
        .collect()
}

/// Article paths on an edition page, in page order.
fn edition_articles(site: &SiteTest, edition: &str) -> Vec<String> {
    page(site, edition)
        .select(&sel("main article.story h3 a"))
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap()
                .trim_start_matches("../")
                .to_string()
        })
        .collect()
}

#[test]
fn edition_pages_hold_exactly_their_weeks_articles() {
    let site = SiteTest::bundled();
    site.build();
    let dates = article_dates(&site);
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, date) in &dates {
        expected
            .entry(week_key(date))
            .or_default()
            .insert(path.clone());
    }
    let index = page(&site, "digest/");
    let listed: Vec<(String, usize)> = index
        .select(&sel(".edition-list li"))
        .map(|li| {
            let href = li
                .select(&sel("a"))
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap();
            let count: String = li.select(&sel(".count")).next().unwrap().text().collect();
            let n = count.split_whitespace().next().unwrap().parse().unwrap();
            (href.trim_start_matches("../").to_string(), n)
        })
        .collect();
    assert_eq!(listed.len(), expected.len());
    assert_eq!(listed.iter().map(|(_, n)| n).sum::<usize>(), dates.len());
    for (key, paths) in &expected {
        let edition = format!("digest/{key}/");
        let on_page = edition_articles(&site, &edition);
        assert_eq!(on_page.len(), paths.len(), "{edition}: {on_page:?}");
        assert_eq!(
            on_page.iter().cloned().collect::<BTreeSet<_>>(),
            *paths,
            "{edition}"
        );
        assert!(
            listed.contains(&(edition.clone(), paths.len())),
            "{edition} in the index"
        );
    }
    // Newest first in the index; featured first on the page; regions in site.yaml order.
    let keys: Vec<&String> = expected.keys().rev().collect();
    let listed_keys: Vec<String> = listed
        .iter()
        .map(|(p, _)| {
            p.trim_start_matches("digest/")
                .trim_end_matches('/')
                .to_string()
        })
        .collect();
    assert_eq!(listed_keys.iter().collect::<Vec<_>>(), keys);
    let w06 = page(&site, "digest/2024-w06/");
    let sections: Vec<String> = w06
        .select(&sel("section.edition-section h2"))
        .map(|h| h.text().collect::<String>())
        .collect();
    assert!(sections[0].starts_with("Top stories"), "{sections:?}");
    let region_order = [
        "Middle East",
        "Gulf",
        "North Africa",
        "Africa",
        "Europe",
        "Americas",
        "Asia",
        "World",
    ];
    let positions: Vec<usize> = sections[1..]
        .iter()
        .map(|s| region_order.iter().position(|r| s.starts_with(r)).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{sections:?}");
    let featured: Vec<bool> = w06
        .select(&sel("main article.story"))
        .map(|a| a.value().classes().any(|c| c == "featured"))
        .collect();
    assert!(
        featured[0] && !featured[1..].contains(&true),
        "{featured:?}"
    );
    // Prev/next edition links.
    let prev = w06
        .select(&sel("nav.edition-nav a[rel=prev]"))
        .next()
        .unwrap();
    assert_eq!(prev.value().attr("href"), Some("../../digest/2024-w03/"));
    let next = w06
        .select(&sel("nav.edition-nav a[rel=next]"))
        .next()
        .unwrap();
    assert_eq!(next.value().attr("href"), Some("../../digest/2024-w08/"));

    // The home page links the latest edition once, without listing its stories again
    // (they are on the front page already: issue 15).
    let home = page(&site, "");
    let latest: Vec<&str> = home
        .select(&sel("main a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with("./digest/20"))
        .collect();
    assert_eq!(latest, [format!("./digest/{}/", keys[0]).as_str()]);
    assert_eq!(home.select(&sel("main li.entry")).count(), 0);
}

#[test]
fn daily_editions_follow_site_yaml() {
    let site = SiteTest::bundled();
    let config = site
        .read("site.yaml")
        .replace("edition: weekly", "edition: daily");
    assert!(config.contains("edition: daily"));
    site.write("site.yaml", &config);
    site.build();
    let dates = article_dates(&site);
    let mut expected: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, date) in &dates {
        expected
            .entry(date.as_str())
            .or_default()
            .insert(path.clone());
    }
    for (day, paths) in &expected {
        let on_page: BTreeSet<String> = edition_articles(&site, &format!("digest/{day}/"))
            .into_iter()
            .collect();
        assert_eq!(&on_page, paths, "{day}");
    }
    assert!(!site.public().join("digest/2024-w06").exists());
    let title: String = page(&site, "digest/2024-02-06/")
        .select(&sel("h1"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(title, "Tuesday 6 February 2024");
}

/// Article paths on every page of a paginated listing rooted at `root`.
fn listing(site: &SiteTest, root: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = root.to_string();
    loop {
        let html = page(site, &path);
        let depth = path.matches('/').count();
        out.extend(html.select(&sel("main article.card h2 a")).map(|a| {
            let href = a.value().attr("href").unwrap();
            href.strip_prefix(&"../".repeat(depth))
                .unwrap_or(href)
                .to_string()
        }));
        match html.select(&sel("nav.pagination a[rel=next]")).next() {
            Some(next) => {
                let href = next.value().attr("href").unwrap();
                path = href.strip_prefix(&"../".repeat(depth)).unwrap().to_string();
            }
            None => return out,
        }
    }
}

#[test]
fn archive_counts_add_up_to_the_total() {
    let site = SiteTest::bundled();
    // Two per page, so that years and months paginate.
    site.write(
        "site.yaml",
        &site
            .read("site.yaml")
            .replace("paginate: 10", "paginate: 2"),
    );
    site.build();
    let articles = article_pages(&site.public());
    let archive = page(&site, "archive/");
    let count = |el: scraper::ElementRef<'_>| -> usize {
        let text: String = el.select(&sel(".count")).next().unwrap().text().collect();
        text.split_whitespace().next().unwrap().parse().unwrap()
    };
    let mut year_total = 0;
    for year in archive.select(&sel("section.archive-year")) {
        let year_count = count(year.select(&sel("h2")).next().unwrap());
        year_total += year_count;
        let mut month_total = 0;
        for month in year.select(&sel(".month-list li")) {
            let n = count(month);
            month_total += n;
            let href = month
                .select(&sel("a"))
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap();
            let month_path = href.trim_start_matches("../");
            let listed = listing(&site, month_path);
            assert_eq!(listed.len(), n, "{month_path}");
            assert!(
                listed.iter().all(|p| p.starts_with(month_path)),
                "{month_path}: {listed:?}"
            );
        }
        assert_eq!(month_total, year_count);
        let year_href = year
            .select(&sel("h2 a"))
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap();
        let year_path = year_href.trim_start_matches("../");
        let listed = listing(&site, year_path);
        assert_eq!(listed.len(), year_count, "{year_path}");
        assert_eq!(
            listed.iter().collect::<BTreeSet<_>>().len(),
            year_count,
            "{year_path}: repeats"
        );
    }
    assert_eq!(year_total, articles.len());
    assert!(
        site.public().join("2024/02/page/2/index.html").exists(),
        "months paginate"
    );
    assert!(
        site.public().join("2024/page/2/index.html").exists(),
        "years paginate"
    );
}

#[test]
fn rtl_markup_on_every_listing_item() {
    let site = bundled_one_language();
    site.build();
    let rtl_item = |path: &str, css: &str| {
        let html = page(&site, path);
        let items: Vec<_> = html
            .select(&sel(css))
            .filter(|e| {
                e.select(&sel("a"))
                    .any(|a| a.value().attr("href").unwrap_or("").ends_with(ARABIC_PATH))
            })
            .collect();
        assert!(!items.is_empty(), "{path}: no {css} for the Arabic article");
        for item in items {
            assert_eq!(
                (item.value().attr("lang"), item.value().attr("dir")),
                (Some("ar"), Some("rtl")),
                "{path} {css}"
            );
        }
    };
    rtl_item("digest/2024-w06/", "article.story");
    rtl_item("2024/02/", "article.card");
    rtl_item("2024/", "article.card");
    // A related list that holds the Arabic article marks it too, while the section
    // itself stays in the site's language.
    let related_to_arabic = article_pages(&site.public())
        .into_iter()
        .find(|p| related_of(&site, p).iter().any(|r| r == ARABIC_PATH))
        .expect("some article relates to the Arabic one");
    rtl_item(&related_to_arabic, "section.related li");
    let arabic = page(&site, ARABIC_PATH);
    let container = arabic.select(&sel("article.article")).next().unwrap();
    assert_eq!(
        (
            container.value().attr("lang"),
            container.value().attr("dir")
        ),
        (Some("ar"), Some("rtl"))
    );
    let related = arabic.select(&sel("section.related")).next().unwrap();
    assert!(
        related.value().attr("dir").is_none(),
        "related section inherits the page's direction"
    );
    // Search documents carry the language and direction too.
    let index = read_index(&site.public());
    let doc = index.docs.iter().find(|d| d[0] == ARABIC_PATH).unwrap();
    assert_eq!((doc[5].as_str(), doc[6].as_u64()), (Some("ar"), Some(1)));
}

#[test]
fn arabic_word_counts_count_words_not_letters() {
    let site = bundled_one_language();
    site.build();
    let source = site.read("content/gulf/2024-02-06-muscat-crafts-exhibition.md");
    let body = source.splitn(3, "---\n").nth(2).unwrap();
    let words = body.split_whitespace().count();
    let letters = body.chars().filter(|c| c.is_alphabetic()).count();
    assert!(letters > words * 3);
    let html = page(&site, ARABIC_PATH);
    let shown: String = html
        .select(&sel(".dateline .word-count"))
        .next()
        .unwrap()
        .text()
        .collect();
    let shown: usize = shown.strip_suffix(" words").unwrap().parse().unwrap();
    // Words, not letters: within 2% of the whitespace count. (Not exact: the markdown
    // counter counts a typographic quote that smart punctuation splits off as a word.)
    assert!(
        shown.abs_diff(words) * 50 <= words,
        "{shown} words shown, {words} in the text"
    );
    let minutes: String = html
        .select(&sel(".dateline .reading-time"))
        .next()
        .unwrap()
        .text()
        .collect();
    // Arabic reads at 121 words a minute, not English's 200 (issue 16: see
    // `content::article::READING_WPM_BY_LANGUAGE`).
    assert_eq!(minutes, format!("{} min read", shown.div_ceil(121)));
    // Cards show both too.
    let month = page(&site, "2024/02/");
    let card = month
        .select(&sel("article.card"))
        .find(|c| c.value().attr("lang") == Some("ar"))
        .unwrap();
    let card_words: String = card
        .select(&sel(".word-count"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(card_words, format!("{shown} words"));
}

#[test]
fn reader_pages_have_no_accessibility_violations() {
    let present = common::browser_dir().join("node_modules/axe-core").exists()
        && Path::new("/usr/bin/chromium").exists()
        && common::command_works("node", "--version");
    if !common::tool_present("node + chromium + playwright-core/axe-core", present) {
        return;
    }
    let site = SiteTest::bundled();
    site.run(&["build", "--base-url", "https://example.org/", "--now", NOW])
        .expect_success();
    let (_server, port) = common::serve_static(&site.public());
    // The Arabic story lives in the site's Arabic edition (issue 16), with its own
    // search and archive; the French edition's home too.
    let arabic = format!("ar/{ARABIC_PATH}");
    let pages = [
        "",
        "search/",
        "digest/",
        "digest/2024-w06/",
        "archive/",
        "2024/",
        "2024/02/",
        &arabic,
        ZURICH_PATH,
        "ar/",
        "ar/search/",
        "ar/archive/",
        "fr/",
    ];
    let urls: Vec<String> = pages
        .iter()
        .map(|p| format!("http://127.0.0.1:{port}/{p}"))
        .collect();
    let results: serde_json::Value = common::node_json("a11y.mjs", &urls);
    for url in &urls {
        assert_eq!(
            results[url]["violations"],
            serde_json::json!([]),
            "{url}: axe"
        );
        assert_eq!(
            results[url]["consoleErrors"],
            serde_json::json!([]),
            "{url}: console"
        );
    }
}

#[test]
fn a_theme_without_reader_templates_still_builds() {
    let site = SiteTest::bundled();
    common::copy_dir(
        &site.root().join("themes/default"),
        &site.root().join("themes/classic"),
    );
    for name in [
        "search.html",
        "digest.html",
        "digests.html",
        "archive.html",
        "year.html",
        "month.html",
    ] {
        std::fs::remove_file(site.root().join("themes/classic/templates").join(name)).unwrap();
    }
    site.write(
        "site.yaml",
        &site
            .read("site.yaml")
            .replace("theme: default", "theme: classic"),
    );
    site.build();
    let public = site.public();
    for page in [
        "search",
        "digest",
        "archive",
        "2024/index.html",
        "2024/02/index.html",
    ] {
        assert!(
            !public.join(page).join("index.html").exists() && !public.join(page).is_file(),
            "{page}"
        );
    }
    assert!(public.join("index.html").exists());
    assert!(
        public.join("search/index.js").exists(),
        "the index is written for custom search UIs"
    );
}

/// A made-up word for `k`: two to four syllables.
fn made_up_word(k: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zé", "bu"];
    let mut word = String::new();
    let mut n = k + 10;
    while n > 0 {
        word.push_str(SYLLABLES[n % 10]);
        n /= 10;
    }
    word
}

#[test]
fn a_big_index_splits_into_shards_and_still_matches() {
    let site = SiteTest::fixture("minimal");
    // 500 articles of 200 words from a 3,000-word vocabulary: the terms outgrow one file.
    let mut seed: u64 = 7;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for a in 0..500 {
        let words: Vec<String> = (0..200).map(|_| made_up_word(next() % 3000)).collect();
        let day = 1 + a % 28;
        let month = 1 + (a / 28) % 12;
        site.write(
            &format!("content/gulf/story-{a}.md"),
            &format!(
                "---\ntitle: Story {a} on {} and {}\ndate: 2023-{month:02}-{day:02}\nregion: gulf\n---\n\n{}\n",
                words[0],
                words[1],
                words.join(" ")
            ),
        );
    }
    site.build();
    let index = read_index(&site.public());
    let shards = index.meta["shards"].as_array().unwrap();
    assert!(shards.len() > 3, "{} shards", shards.len());
    for key in shards {
        let size = std::fs::metadata(
            site.public()
                .join("search")
                .join(shard_file(key.as_str().unwrap())),
        )
        .unwrap()
        .len();
        assert!(size < 300 * 1024, "{key}: {size} bytes");
    }
    assert_eq!(index.docs.len(), 501);
    if !common::tool_present("node", common::command_works("node", "--version")) {
        return;
    }
    let queries = ["ka", "kal", "zé", "ze", "kalo mi", "story", "buzebu", "zzz"];
    let results: Value = search_in_node(&site.public(), &queries);
    for q in queries {
        let rust = index.query(q).len();
        assert_eq!(results[q]["total"].as_u64().unwrap() as usize, rust, "{q}");
    }
    assert!(results["kal"]["total"].as_u64().unwrap() > 0);
    assert_eq!(results["story"]["total"], 500);
}

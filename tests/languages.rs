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
    let theme_static = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let statics = snapshot(&theme_static);
    snapshot(public)
        .into_iter()
        .filter(|(path, _)| !statics.contains_key(path) && path != ".nojekyll")
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

/// rtl_arabic with site.yaml `languages: [en, ar]`: its Arabic article goes to /ar/.
fn bilingual() -> SiteTest {
    let site = SiteTest::fixture("rtl_arabic");
    let yaml = site.read("site.yaml").replace(
        "    name: Gulf\n",
        "    name: Gulf\n    names: {ar: الخليج}\n",
    );
    site.write(
        "site.yaml",
        &format!("{yaml}languages:\n  - code: en\n    name: English\n  - code: ar\n    name: العربية\n    title: الجريدة\n"),
    );
    site.build();
    site
}

fn html_pages(dir: &Path) -> Vec<(String, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") && !p.ends_with("email.html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The page's text outside tags, scripts and attribute values.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        rest = &rest[open..];
        let end = if rest.starts_with("<script") {
            rest.find("</script>").map_or(rest.len(), |e| e + 9)
        } else {
            rest.find('>').map_or(rest.len(), |e| e + 1)
        };
        rest = &rest[end..];
    }
    text.push_str(rest);
    text
}

#[test]
fn every_arabic_page_is_arabic_and_right_to_left() {
    let site = bilingual();
    let pages = html_pages(&site.public().join("ar"));
    assert!(pages.len() > 10, "{}", pages.len());
    let english = gazette::i18n::I18n::builtin();
    let arabic: Vec<String> = english.texts("ar");
    // English UI texts (those with a letter run long enough not to be a brand like
    // "Atom"), their placeholders cut out.
    let needles: Vec<String> = english
        .texts("en")
        .iter()
        .flat_map(|t| {
            t.split(['{', '}'])
                .step_by(2)
                .map(|s| {
                    s.trim()
                        .trim_matches(['.', ':', '(', ')'])
                        .trim()
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .filter(|s| s.len() >= 6 && !arabic.iter().any(|a| a.contains(s.as_str())))
        .collect();
    for (path, html) in &pages {
        assert!(
            html.contains("<html lang=\"ar\" dir=\"rtl\">"),
            "ar/{path}: {}",
            html.lines().nth(1).unwrap_or("")
        );
        let text = visible_text(html);
        for needle in &needles {
            assert!(
                !text.contains(needle.as_str()),
                "ar/{path} shows the English UI string {needle:?}"
            );
        }
    }
    // The Arabic article is in the Arabic edition only; the English one at the root only.
    assert!(site
        .public()
        .join("ar/2024/02/muscat-crafts/index.html")
        .is_file());
    assert!(!site
        .public()
        .join("2024/02/muscat-crafts/index.html")
        .exists());
    assert!(!site
        .public()
        .join("ar/2024/02/jordan-launches-campaign-to-cut-water-losses/index.html")
        .exists());
    let home = site.read("public/ar/index.html");
    assert!(home.contains("الجريدة"), "{home}");
    assert!(home.contains("الخليج"), "{home}");
    // Static files stay at the root, reached from the edition's pages.
    assert!(home.contains("href=\"./../css/gazette.css\""), "{home}");
    assert!(!site.public().join("ar/css").exists());
    assert!(!site.public().join("ar/robots.txt").exists());
    // The root stays English.
    let root = site.read("public/index.html");
    assert!(root.contains("<html lang=\"en\" dir=\"ltr\">"), "{root}");
}

#[test]
fn arabic_feeds_parse_and_carry_the_language() {
    let site = bilingual();
    let atom = site.read("public/ar/atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let feed = doc.root_element();
    let lang = feed
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .unwrap_or("");
    assert_eq!(lang, "ar", "{atom}");
    assert!(
        atom.contains("https://example.org/ar/2024/02/muscat-crafts/"),
        "{atom}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("public/ar/feed.json")).unwrap();
    assert_eq!(json["language"], "ar", "{json}");
    assert_eq!(json["home_page_url"], "https://example.org/ar/", "{json}");
}

#[test]
fn check_warns_on_missing_ui_strings_and_refuses_an_article_in_another_language() {
    let site = SiteTest::fixture("rtl_arabic");
    site.add_languages(&[("en", "English"), ("ar", "العربية"), ("de", "Deutsch")]);
    site.write("i18n/de.yaml", "tags: Schlagwörter\n");
    let run = site.run(&["check", "--now", NOW]);
    let out = format!("{}{}", run.stdout(), run.stderr());
    assert!(out.contains("i18n/de.yaml: warning"), "{out}");
    assert!(out.contains("missing in de"), "{out}");
    assert!(!out.contains("missing in ar"), "{out}");
    let article = "content/gulf/2024-02-06-muscat-crafts.md";
    site.write(article, &site.read(article).replace("lang: ar", "lang: tr"));
    let run = site.run(&["check", "--now", NOW]);
    run.expect_failure();
    let out = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        out.contains("lang \"tr\" is not one of the site's languages"),
        "{out}"
    );
}

/// `bilingual()` plus the English version of the Arabic story, linked by
/// `translation_key`, and a French edition with no version of it.
fn translated() -> SiteTest {
    let site = SiteTest::fixture("rtl_arabic");
    site.add_languages(&[("en", "English"), ("ar", "العربية"), ("fr", "Français")]);
    let arabic = "content/gulf/2024-02-06-muscat-crafts.md";
    site.write(
        arabic,
        &site.read(arabic).replace(
            "slug: muscat-crafts\n",
            "slug: muscat-crafts\ntranslation_key: muscat-crafts-fair\n",
        ),
    );
    site.write(
        "content/gulf/2024-02-07-muscat-crafts-en.md",
        "---\ntitle: Muscat hosts a traditional crafts fair\ndate: 2024-02-07\nregion: gulf\ntags: [culture, oman]\nslug: muscat-crafts-fair\ntranslation_key: muscat-crafts-fair\n---\n\nA fair of traditional crafts opened in Muscat on Tuesday, with craftsmen from across the Gulf.\n",
    );
    // The same slug in two languages is two versions of one story, not a clash.
    site.write(
        "content/middle-east/2024-02-06-jordan-water-fr.md",
        "---\ntitle: La Jordanie lance une campagne contre les pertes d'eau\ndate: 2024-02-06\nregion: middle-east\nlang: fr\nslug: jordan-launches-campaign-to-cut-water-losses\n---\n\nLa Jordanie a lancé mardi une campagne pour réduire les pertes d'eau du réseau public.\n",
    );
    site.build();
    site
}

/// The `<link rel="alternate" hreflang>` of a page: (hreflang, href).
fn hreflangs(html: &str) -> Vec<(String, String)> {
    html.lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
        .map(|l| {
            let attr = |name: &str| {
                let start = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                l[start..start + l[start..].find('"').unwrap()].to_string()
            };
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

/// The built file an absolute URL of the fixture site names.
fn file_of(public: &Path, url: &str) -> std::path::PathBuf {
    let rel = url.strip_prefix("https://example.org/").unwrap();
    let path = public.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        path.join("index.html")
    } else {
        path
    }
}

#[test]
fn translations_link_each_other_reciprocally_with_x_default() {
    let site = translated();
    let public = site.public();
    let mut checked = 0;
    for (path, html) in html_pages(&public) {
        let links = hreflangs(&html);
        if links.is_empty() {
            continue;
        }
        checked += 1;
        let own = html
            .lines()
            .find_map(|l| l.strip_prefix("<link rel=\"canonical\" href=\""))
            .map(|l| l.trim_end_matches("\">").to_string())
            .unwrap();
        // Itself among them, and x-default the default language's version.
        assert!(
            links.iter().any(|(h, u)| h != "x-default" && *u == own),
            "{path}: {links:?}"
        );
        let en = links.iter().find(|(h, _)| h == "en").map(|(_, u)| u);
        let default = links.iter().find(|(h, _)| h == "x-default").map(|(_, u)| u);
        assert_eq!(en, default, "{path}: {links:?}");
        for (hreflang, url) in &links {
            let file = file_of(&public, url);
            assert!(
                file.is_file(),
                "{path}: {hreflang} {url} is not a built file"
            );
            // Reciprocal: the alternate lists the same set.
            let other = std::fs::read_to_string(&file).unwrap();
            assert_eq!(hreflangs(&other), links, "{path} ↔ {url}");
        }
    }
    // Three homes, two muscat versions, two Jordan versions.
    assert_eq!(checked, 7);
    let arabic = site.read("public/ar/2024/02/muscat-crafts/index.html");
    assert_eq!(
        hreflangs(&arabic),
        vec![
            (
                "en".to_string(),
                "https://example.org/2024/02/muscat-crafts-fair/".to_string()
            ),
            (
                "ar".to_string(),
                "https://example.org/ar/2024/02/muscat-crafts/".to_string()
            ),
            (
                "x-default".to_string(),
                "https://example.org/2024/02/muscat-crafts-fair/".to_string()
            ),
        ]
    );
    // The switcher: the same story where it exists, else that language's home.
    assert!(arabic.contains("<a href=\"../../../../2024/02/muscat-crafts-fair/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>"), "{arabic}");
    assert!(
        arabic.contains(
            "<a href=\"../../../../fr/\" hreflang=\"fr\" lang=\"fr\" dir=\"ltr\">Français</a>"
        ),
        "{arabic}"
    );
    assert!(
        arabic
            .contains("hreflang=\"ar\" lang=\"ar\" dir=\"rtl\" aria-current=\"true\">العربية</a>"),
        "{arabic}"
    );
    let tags = site.read("public/fr/tags/index.html");
    assert!(
        tags.contains("<a href=\"../../ar/\" hreflang=\"ar\""),
        "{tags}"
    );
    assert!(hreflangs(&tags).is_empty());
}

#[test]
fn a_translation_key_with_spaces_is_an_error() {
    let site = SiteTest::fixture("rtl_arabic");
    let article = "content/gulf/2024-02-06-muscat-crafts.md";
    site.write(
        article,
        &site.read(article).replace(
            "slug: muscat-crafts\n",
            "slug: muscat-crafts\ntranslation_key: muscat crafts\n",
        ),
    );
    let run = site.run(&["check", "--now", NOW]);
    run.expect_failure();
    let out = format!("{}{}", run.stdout(), run.stderr());
    assert!(out.contains("translation_key"), "{out}");
}

/// (loc → its xhtml:link alternates) of a sitemap.
fn sitemap_alternates(xml: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|url| {
            let loc = url
                .children()
                .find(|n| n.has_tag_name((ns, "loc")))
                .and_then(|n| n.text())
                .unwrap()
                .to_string();
            let links = url
                .children()
                .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
                .map(|n| {
                    assert_eq!(n.attribute("rel"), Some("alternate"));
                    (
                        n.attribute("hreflang").unwrap().to_string(),
                        n.attribute("href").unwrap().to_string(),
                    )
                })
                .collect();
            (loc, links)
        })
        .collect()
}

#[test]
fn sitemaps_carry_reciprocal_hreflang_alternates_and_robots_names_them_all() {
    let site = translated();
    let mut all = BTreeMap::new();
    for sitemap in ["sitemap.xml", "ar/sitemap.xml", "fr/sitemap.xml"] {
        all.extend(sitemap_alternates(&site.read(&format!("public/{sitemap}"))));
    }
    let translated: Vec<_> = all.iter().filter(|(_, l)| !l.is_empty()).collect();
    // Three homes, two muscat versions, two Jordan versions.
    assert_eq!(translated.len(), 7, "{translated:?}");
    for (loc, links) in &translated {
        assert!(
            links.iter().any(|(h, u)| h != "x-default" && u == *loc),
            "{loc}"
        );
        assert!(links.iter().any(|(h, _)| h == "x-default"), "{loc}");
        for (_, href) in links.iter() {
            // Every alternate is listed by a sitemap with the same alternates.
            assert_eq!(all.get(href), Some(*links), "{loc} ↔ {href}");
        }
    }
    let ar = &all["https://example.org/ar/2024/02/muscat-crafts/"];
    assert!(ar.contains(&(
        "en".to_string(),
        "https://example.org/2024/02/muscat-crafts-fair/".to_string()
    )));
    let robots = site.read("public/robots.txt");
    for sitemap in [
        "sitemap.xml",
        "ar/sitemap.xml",
        "fr/sitemap.xml",
        "ar/news-sitemap.xml",
    ] {
        assert!(
            robots.contains(&format!("Sitemap: https://example.org/{sitemap}\n")),
            "{robots}"
        );
    }
}

#[test]
fn arabic_and_french_pages_write_dates_in_their_language() {
    let site = translated();
    let page = site.read("public/ar/2024/02/muscat-crafts/index.html");
    assert!(page.contains(">6 فبراير 2024</time>"), "{page}");
    let archive = site.read("public/ar/2024/02/index.html");
    assert!(archive.contains("فبراير 2024"), "{archive}");
    let french =
        site.read("public/fr/2024/02/jordan-launches-campaign-to-cut-water-losses/index.html");
    assert!(french.contains(">6 février 2024</time>"), "{french}");
    let digest = site.read("public/fr/digest/index.html");
    assert!(digest.contains("Semaine 6, 2024"), "{digest}");
    // The English root is unchanged.
    let english = site.read("public/2024/02/muscat-crafts-fair/index.html");
    assert!(english.contains(">7 February 2024</time>"), "{english}");
    // Arabic-Indic digits where the language asks for them.
    let yaml = site.read("site.yaml").replace(
        "    name: العربية\n",
        "    name: العربية\n    digits: arabic\n",
    );
    site.write("site.yaml", &yaml);
    site.build();
    let page = site.read("public/ar/2024/02/muscat-crafts/index.html");
    assert!(page.contains(">٦ فبراير ٢٠٢٤</time>"), "{page}");
    let digest = site.read("public/ar/digest/index.html");
    assert!(digest.contains("الأسبوع ٦، ٢٠٢٤"), "{digest}");
}

#[test]
fn the_bundled_demo_has_three_editions_and_one_story_in_all_three() {
    let site = SiteTest::bundled();
    site.build();
    let base = "https://example.github.io/gazette/";
    let english = site.read("public/2024/02/jordan-launches-campaign-to-cut-water-lost-from-leaking-pipes-and-illegal-wells/index.html");
    let links = hreflangs(&english);
    let langs: Vec<&str> = links.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(langs, ["en", "ar", "fr", "x-default"], "{links:?}");
    for (_, url) in &links {
        let rel = url.strip_prefix(base).unwrap();
        assert!(
            site.public().join(rel).join("index.html").is_file(),
            "{url}"
        );
    }
    // A photo on an edition's page is the root's image variant, absolute and relative.
    let arabic = site.read("public/ar/2024/02/muscat-crafts-exhibition/index.html");
    let og = arabic
        .lines()
        .find_map(|l| l.strip_prefix("<meta property=\"og:image\" content=\""))
        .unwrap()
        .trim_end_matches("\">");
    let rel = og.strip_prefix(base).unwrap();
    assert!(!rel.starts_with("ar/"), "{og}");
    assert!(site.public().join(rel).is_file(), "{og}");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
    let french = site.read("public/fr/index.html");
    assert!(french.contains("La Gazette régionale"), "{french}");
    // Topic tags have their names from site.yaml in every edition.
    assert!(arabic.contains(">ثقافة</a>"), "{arabic}");
    let tag = site.read("public/fr/tags/climate/index.html");
    assert!(tag.contains("<title>Climat"), "{tag}");
}

#[test]
fn french_and_arabic_articles_get_their_own_quotation_marks() {
    let site = translated();
    site.write(
        "content/middle-east/2024-02-08-beirut-port.md",
        "---\ntitle: Le port de Beyrouth rouvre un quai\ndate: 2024-02-08\nregion: middle-east\nlang: fr\nslug: beyrouth-quai\n---\n\nLe directeur a promis \"un retour à la normale\" avant l'été.\n\nLe code `\"quai-4\"` figure sur [la carte](https://example.net/?q=\"quai\").\n",
    );
    site.write(
        "content/gulf/2024-02-08-doha-library.md",
        "---\ntitle: مكتبة الدوحة تمدد ساعات العمل\ndate: 2024-02-08\nregion: gulf\nlang: ar\nslug: doha-library\n---\n\nقالت المديرة إن المكتبة \"ستبقى مفتوحة حتى منتصف الليل\" طوال الشهر.\n",
    );
    site.write(
        "content/gulf/2024-02-08-doha-library-en.md",
        "---\ntitle: Doha library stays open later\ndate: 2024-02-08\nregion: gulf\nslug: doha-library-en\n---\n\nThe director said the library \"will stay open until midnight\" all month.\n",
    );
    site.build();
    let french = site.read("public/fr/2024/02/beyrouth-quai/index.html");
    assert!(
        french.contains("promis «\u{202f}un retour à la normale\u{202f}» avant l’été."),
        "{french}"
    );
    assert!(french.contains("<code>\"quai-4\"</code>"), "{french}");
    assert!(
        french.contains("href=\"https://example.net/?q=%22quai%22\""),
        "{french}"
    );
    // The summary (the first paragraph) on the French home has them too.
    let home = site.read("public/fr/index.html");
    assert!(
        home.contains("«\u{202f}un retour à la normale\u{202f}»"),
        "{home}"
    );
    let arabic = site.read("public/ar/2024/02/doha-library/index.html");
    assert!(
        arabic.contains("المكتبة «ستبقى مفتوحة حتى منتصف الليل» طوال"),
        "{arabic}"
    );
    let english = site.read("public/2024/02/doha-library-en/index.html");
    assert!(
        english.contains("library “will stay open until midnight” all month."),
        "{english}"
    );
}

#[test]
fn arabic_pages_name_country_tags_in_arabic() {
    let site = bilingual();
    let page = site.read("public/ar/2024/02/muscat-crafts/index.html");
    assert!(page.contains("tags/oman/\">عمان</a>"), "{page}");
    let tags = site.read("public/ar/tags/index.html");
    assert!(tags.contains("عمان"), "{tags}");
    assert!(!visible_text(&tags).contains("Oman"), "{tags}");
    let tag = site.read("public/ar/tags/oman/index.html");
    assert!(tag.contains("<title>عمان"), "{tag}");
    // The English root keeps the English name.
    let english = site.read("public/tags/index.html");
    assert!(!english.contains("عمان"), "{english}");
}

/// rtl_arabic in English, Arabic and French, with a French version of the Jordan story
/// (tagged climate and jordan) and site.yaml names for its topic tags.
fn tagged_editions() -> SiteTest {
    let site = SiteTest::fixture("rtl_arabic");
    let yaml = site
        .read("site.yaml")
        .replace(
            "    name: Climate\n",
            "    name: Climate\n    names: {ar: مناخ, fr: Climat}\n",
        )
        .replace(
            "tags:\n",
            "tags:\n  - slug: culture\n    name: Culture\n    names: {ar: ثقافة}\n",
        );
    site.write(
        "site.yaml",
        &format!("{yaml}languages:\n  - code: en\n    name: English\n  - code: ar\n    name: العربية\n  - code: fr\n    name: Français\n"),
    );
    site.write(
        "content/middle-east/2024-02-06-jordan-water-fr.md",
        "---\ntitle: La Jordanie lance une campagne contre les pertes d'eau\ndate: 2024-02-06\nregion: middle-east\nlang: fr\ntags: [climate, jordan]\n---\n\nLa Jordanie a lancé mardi une campagne pour réduire les pertes d'eau du réseau public.\n",
    );
    site.build();
    site
}

#[test]
fn french_pages_name_country_tags_in_french() {
    let site = tagged_editions();
    let page = site
        .read("public/fr/2024/02/la-jordanie-lance-une-campagne-contre-les-pertes-deau/index.html");
    assert!(page.contains("tags/jordan/\">Jordanie</a>"), "{page}");
    let tags = site.read("public/fr/tags/index.html");
    assert!(tags.contains(">Jordanie<"), "{tags}");
    let tag = site.read("public/fr/tags/jordan/index.html");
    assert!(tag.contains("<title>Jordanie"), "{tag}");
    let atom = site.read("public/fr/atom.xml");
    assert!(atom.contains("label=\"Jordanie\""), "{atom}");
    // The Arabic and English editions keep theirs.
    let english = site.read("public/tags/jordan/index.html");
    assert!(english.contains("<title>Jordan "), "{english}");
    assert!(!english.contains("Jordanie"), "{english}");
}

#[test]
fn topic_tags_have_their_names_in_each_language() {
    let site = tagged_editions();
    let public = site.public();
    let text_of = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();
    // Arabic: the article, the tag index, the tag's page, its feed and the search index.
    let article = text_of("ar/2024/02/muscat-crafts/index.html");
    assert!(article.contains("tags/culture/\">ثقافة</a>"), "{article}");
    assert!(!visible_text(&article).contains("Culture"), "{article}");
    let tags = text_of("ar/tags/index.html");
    assert!(tags.contains("ثقافة"), "{tags}");
    assert!(!visible_text(&tags).contains("Culture"), "{tags}");
    let tag = text_of("ar/tags/culture/index.html");
    assert!(tag.contains("<title>ثقافة"), "{tag}");
    let feed = text_of("ar/tags/culture/atom.xml");
    assert!(feed.contains("ثقافة"), "{feed}");
    assert!(!feed.contains(">Culture<"), "{feed}");
    let atom = text_of("ar/atom.xml");
    assert!(atom.contains("label=\"ثقافة\""), "{atom}");
    let search: String = snapshot(&public.join("ar/search"))
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let mut term = String::new();
    gazette::render::search::normalise_word("ثقافة", &mut term);
    assert!(search.contains(term.as_str()), "ar/search has no {term:?}");
    assert!(
        !search.contains("\"culture\""),
        "ar/search has the English tag name"
    );
    // French: its name where site.yaml has one, else the default one.
    let french =
        text_of("fr/2024/02/la-jordanie-lance-une-campagne-contre-les-pertes-deau/index.html");
    assert!(french.contains("tags/climate/\">Climat</a>"), "{french}");
    let tag = text_of("fr/tags/climate/index.html");
    assert!(tag.contains("<title>Climat"), "{tag}");
    let atom = text_of("fr/atom.xml");
    assert!(atom.contains("label=\"Climat\""), "{atom}");
    // The English root keeps the default names.
    let english = text_of("2024/02/jordan-launches-campaign-to-cut-water-losses/index.html");
    assert!(english.contains("tags/climate/\">Climate</a>"), "{english}");
    assert!(text_of("tags/climate/index.html").contains("<title>Climate"));
    // A name in a language the site does not have is an error naming the tag.
    let bad = site.read("site.yaml").replace("fr: Climat", "de: Klima");
    site.write("site.yaml", &bad);
    let run = site.run(&["check"]);
    run.expect_failure();
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert!(said.contains("tag \"climate\": names.de"), "{said}");
}

#[test]
fn check_and_build_check_the_links_of_each_language_edition() {
    let site = SiteTest::fixture("rtl_arabic");
    site.add_languages(&[("en", "English"), ("ar", "العربية")]);
    let logo = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/logo.png"),
    )
    .unwrap();
    std::fs::create_dir_all(site.root().join("static/images")).unwrap();
    std::fs::write(site.root().join("static/images/crafts.png"), logo).unwrap();
    let arabic = "content/gulf/2024-02-06-muscat-crafts.md";
    let text = site.read(arabic);
    // Links as the Arabic edition's pages publish them: `/tags/oman/` and `/ar/tags/oman/`
    // are its tag page, `../../../regions/gulf/` its region, `/images/…` the root's file.
    site.write(
        arabic,
        &format!("{text}\n[عُمان](/tags/oman/) [الوسم](/ar/tags/oman/) [الخليج](../../../regions/gulf/)\n\n![حرف](/images/crafts.png)\n"),
    );
    let run = site.run(&["check"]);
    run.expect_success();
    assert!(
        run.stdout().contains("no problems found"),
        "{}",
        run.stdout()
    );
    site.build();
    // The photo on the Arabic page is a file of the built site.
    let page = site.read("public/ar/2024/02/muscat-crafts/index.html");
    let src = page
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no img in {page}"));
    let photo = site.public().join("ar/2024/02/muscat-crafts").join(src);
    assert!(photo.is_file(), "{src} is no file: {}", photo.display());
    let feed = site.read("public/ar/atom.xml");
    assert!(feed.contains("https://example.org/img/crafts-"), "{feed}");

    // A link to no page of the Arabic edition: check and build both refuse it, with its
    // line (the page the English site has at /regions/gulf/ is not the edition's).
    let line = text.lines().count() + 4;
    site.write(
        arabic,
        &format!("{text}\n[عُمان](/tags/oman/)\n\n[مكسور](/ar/no-such-page/)\n"),
    );
    let run = site.run(&["check"]);
    run.expect_failure();
    let expected = format!("{arabic}:{line}: broken link `/ar/no-such-page/`: no page or file /no-such-page/ in the /ar/ edition");
    assert!(run.stdout().contains(&expected), "{}", run.stdout());
    let run = site.run(&["build"]);
    run.expect_failure();
    let said = format!("{}{}", run.stdout(), run.stderr());
    assert!(said.contains(&expected), "{said}");
}

#[test]
fn internal_links_reach_articles_of_other_language_editions() {
    let site = bilingual();
    let arabic = "content/gulf/2024-02-06-muscat-crafts.md";
    let english = "content/middle-east/2024-02-06-jordan-water.md";
    let text = site.read(arabic);
    site.write(
        arabic,
        &format!("{text}\n[الأردن](@/middle-east/2024-02-06-jordan-water.md)\n"),
    );
    let text = site.read(english);
    site.write(
        english,
        &format!("{text}\n[Muscat](@/gulf/2024-02-06-muscat-crafts.md)\n"),
    );
    site.run(&["check"]).expect_success();
    site.build();
    for (page, text) in [
        ("ar/2024/02/muscat-crafts/", "الأردن"),
        (
            "2024/02/jordan-launches-campaign-to-cut-water-losses/",
            "Muscat",
        ),
    ] {
        let html = site.read(&format!("public/{page}index.html"));
        let end = html.find(&format!("\">{text}</a>")).unwrap();
        let href = &html[html[..end].rfind('"').unwrap() + 1..end];
        let target = site.public().join(page).join(href).join("index.html");
        assert!(target.is_file(), "{page}: {href}");
    }
}

#[test]
fn reading_time_uses_each_languages_reading_speed() {
    let site = translated();
    // 400 words each: 2 minutes at 200 words a minute (English), 3 at 171 (French),
    // 4 at 121 (Arabic).
    let body = |sentence: &str| format!("{}\n", [sentence; 40].join(" "));
    site.write(
        "content/gulf/2024-02-09-buses.md",
        &format!(
            "---\ntitle: Bus network grows\ndate: 2024-02-09\nregion: gulf\nslug: buses\ntranslation_key: buses\n---\n\n{}",
            body("The city extends the bus network to the new districts.")
        ),
    );
    site.write(
        "content/gulf/2024-02-09-buses-fr.md",
        &format!(
            "---\ntitle: Le réseau de bus s'étend\ndate: 2024-02-09\nregion: gulf\nlang: fr\nslug: buses\ntranslation_key: buses\n---\n\n{}",
            body("La municipalité étend le réseau de bus vers les quartiers.")
        ),
    );
    site.write(
        "content/gulf/2024-02-09-buses-ar.md",
        &format!(
            "---\ntitle: توسيع شبكة الحافلات\ndate: 2024-02-09\nregion: gulf\nlang: ar\nslug: buses\ntranslation_key: buses\n---\n\n{}",
            body("أعلنت البلدية توسيع شبكة الحافلات لتشمل الأحياء الجديدة في الشمال.")
        ),
    );
    site.build();
    let reading = |path: &str| {
        let page = site.read(path);
        let start = page.find("<span class=\"reading-time\">").unwrap() + 27;
        let words = page.find("<span class=\"word-count\">").unwrap() + 25;
        (
            page[start..start + page[start..].find('<').unwrap()].to_string(),
            page[words..words + page[words..].find('<').unwrap()].to_string(),
        )
    };
    assert_eq!(
        reading("public/2024/02/buses/index.html"),
        ("2 min read".to_string(), "400 words".to_string())
    );
    assert_eq!(
        reading("public/fr/2024/02/buses/index.html"),
        ("3 min de lecture".to_string(), "400 mots".to_string())
    );
    assert_eq!(
        reading("public/ar/2024/02/buses/index.html"),
        ("4 دقائق للقراءة".to_string(), "400 كلمة".to_string())
    );
}

/// The value of attribute `name` on the search page's form, HTML entities decoded.
fn form_attr(html: &str, name: &str) -> String {
    let form = &html[html.find("<form class=\"search-form\"").unwrap()..];
    let form = &form[..form.find('>').unwrap()];
    let start = form.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    form[start..start + form[start..].find('"').unwrap()]
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn search_status_texts_come_from_the_pages_language() {
    let site = translated();
    let arabic = site.read("public/ar/search/index.html");
    assert_eq!(
        form_attr(&arabic, "data-none"),
        "لا توجد مقالات تطابق «{query}»."
    );
    assert_eq!(form_attr(&arabic, "data-more"), "مزيد من النتائج");
    assert_eq!(form_attr(&arabic, "data-numerals"), "latn");
    let forms: BTreeMap<String, String> =
        serde_json::from_str(&form_attr(&arabic, "data-matches")).unwrap();
    assert_eq!(
        forms.keys().map(String::as_str).collect::<Vec<_>>(),
        ["few", "many", "one", "other", "two", "zero"]
    );
    assert_eq!(forms["few"], "{count} مقالات تطابق «{query}».");
    // No English in any of them (placeholders aside).
    for name in [
        "data-more",
        "data-too-short",
        "data-failed",
        "data-none",
        "data-matches",
    ] {
        let value = form_attr(&arabic, name)
            .replace("{query}", "")
            .replace("{count}", "")
            .replace("zero", "")
            .replace("one", "")
            .replace("two", "")
            .replace("few", "")
            .replace("many", "")
            .replace("other", "");
        assert!(
            !value.chars().any(|c| c.is_ascii_alphabetic()),
            "{name}: {value}"
        );
    }
    let french = site.read("public/fr/search/index.html");
    assert_eq!(
        form_attr(&french, "data-none"),
        "Aucun article ne correspond à «\u{202f}{query}\u{202f}»."
    );
    let english = site.read("public/search/index.html");
    assert_eq!(form_attr(&english, "data-more"), "More results");
    // Arabic-Indic digits where the language asks for them.
    let yaml = site.read("site.yaml").replace(
        "    name: العربية\n",
        "    name: العربية\n    digits: arabic\n",
    );
    site.write("site.yaml", &yaml);
    site.build();
    let arabic = site.read("public/ar/search/index.html");
    assert_eq!(form_attr(&arabic, "data-numerals"), "arab");
}

/// The content files whose name contains `part`, read.
fn content_with(site: &SiteTest, part: &str) -> Vec<String> {
    walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(part))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

#[test]
fn import_and_new_write_the_articles_language() {
    let site = SiteTest::bundled();
    let root = site.root().to_str().unwrap().to_string();
    site.write(
        "raw/park-ar.txt",
        "بلدية مسقط تفتتح حديقة جديدة للأطفال\n\nافتتحت بلدية مسقط يوم الأحد حديقة عامة جديدة للأطفال قرب الشاطئ.\n\nوتضم الحديقة ملاعب ومساحات خضراء ومكتبة صغيرة.\n",
    );
    site.write(
        "raw/park-fr.txt",
        "Mascate ouvre un parc pour enfants\n\nLa municipalité de Mascate, capitale d'Oman, a ouvert dimanche un parc public pour enfants près de la plage.\n\nLe parc compte des aires de jeux, des pelouses et une petite bibliothèque.\n",
    );
    let import = |args: &[&str]| {
        let mut all = vec!["import", "--root", root.as_str(), "--date", "2024-02-11"];
        let raw: Vec<String> = args
            .iter()
            .map(|a| match a.strip_prefix("raw/") {
                Some(_) => format!("{root}/{a}"),
                None => a.to_string(),
            })
            .collect();
        all.extend(raw.iter().map(String::as_str));
        site.run(&all)
    };
    // Arabic text is detected as such; `--lang` sets the language of the French one.
    import(&["raw/park-ar.txt"]).expect_success();
    import(&["--lang", "fr", "raw/park-fr.txt"]).expect_success();
    let written = content_with(&site, "2024-02-11");
    assert_eq!(written.len(), 2, "{written:?}");
    assert!(
        written
            .iter()
            .any(|t| t.contains("\nlang: ar\n") && t.contains("مسقط")),
        "{written:?}"
    );
    assert!(
        written
            .iter()
            .any(|t| t.contains("\nlang: fr\n") && t.contains("Mascate")),
        "{written:?}"
    );
    // A language the site has no edition for, or no language tag at all, is refused.
    let refused = import(&["--lang", "de", "raw/park-fr.txt"]);
    refused.expect_failure();
    assert!(
        refused
            .stderr()
            .contains("--lang de is not one of site.yaml languages: (en, ar, fr)"),
        "{}",
        refused.stderr()
    );
    import(&["--lang", "f r", "raw/park-fr.txt"]).expect_failure();

    // `gazette new --lang ar` writes `lang: ar`.
    site.run(&[
        "new",
        "--root",
        &root,
        "--region",
        "gulf",
        "--date",
        "2024-02-12",
        "--lang",
        "ar",
        "مهرجان للتمور في نزوى",
    ])
    .expect_success();
    let new = content_with(&site, "2024-02-12");
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(new[0].contains("\nlang: ar\n"), "{}", new[0]);

    // Each goes to its edition.
    site.run(&["check"]).expect_success();
    site.build();
    let in_edition = |code: &str, title: &str| {
        let home = site.read(&format!("public/{code}/2024/02/index.html"));
        home.contains(title)
    };
    assert!(in_edition("ar", "بلدية مسقط تفتتح حديقة جديدة للأطفال"));
    assert!(in_edition("fr", "Mascate ouvre un parc pour enfants"));
    assert!(in_edition("ar", "مهرجان للتمور في نزوى"));
    let english = site.read("public/2024/02/index.html");
    assert!(!english.contains("Mascate"), "{english}");

    // On a site without an Arabic edition, Arabic text gets no `lang:` (check would
    // refuse it): it goes to the default edition.
    let yaml = site.read("site.yaml");
    let start = yaml.find("  - code: ar\n").unwrap();
    let end = yaml.find("  - code: fr\n").unwrap();
    let without_ar: String = format!("{}{}", &yaml[..start], &yaml[end..])
        .lines()
        .map(|l| match l.strip_prefix("    names: {ar: ") {
            Some(rest) => format!("    names: {{{}", &rest[rest.find("fr:").unwrap()..]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("site.yaml", &without_ar);
    site.write(
        "raw/library-ar.txt",
        "مكتبة صحار تمدد ساعات العمل\n\nقررت مكتبة صحار العامة في عُمان فتح أبوابها حتى العاشرة مساءً طوال الصيف.\n",
    );
    import(&["raw/library-ar.txt"]).expect_success();
    let written = content_with(&site, "2024-02-11");
    let library: Vec<&String> = written.iter().filter(|t| t.contains("صحار")).collect();
    assert_eq!(library.len(), 1, "{written:?}");
    assert!(!library[0].contains("\nlang:"), "{}", library[0]);
}

#[test]
fn a_languages_direction_sets_dir_on_its_pages_and_articles() {
    let site = SiteTest::fixture("rtl_arabic");
    let yaml = site.read("site.yaml");
    // Punjabi in Shahmukhi (Arabic script) is right to left, though Punjabi (`pa`) is
    // not on the built-in list; `direction: rtl` says so.
    site.write(
        "site.yaml",
        &format!("{yaml}languages:\n  - code: en\n    name: English\n  - code: ar\n    name: العربية\n  - code: pa-arab\n    name: پنجابی\n    direction: rtl\n"),
    );
    site.write(
        "content/gulf/2024-02-08-lahore-fair.md",
        "---\ntitle: لاہور وچ کتاباں دا میلہ\ndate: 2024-02-08\nregion: gulf\nlang: pa-arab\nslug: lahore-fair\n---\n\nلاہور وچ کتاباں دا میلہ شروع ہو گیا اے۔\n",
    );
    site.build();
    let home = site.read("public/pa-arab/index.html");
    assert!(
        home.contains("<html lang=\"pa-arab\" dir=\"rtl\">"),
        "{}",
        home.lines().nth(1).unwrap_or("")
    );
    let page = site.read("public/pa-arab/2024/02/lahore-fair/index.html");
    assert!(
        page.contains("<html lang=\"pa-arab\" dir=\"rtl\">"),
        "{page}"
    );
    assert!(
        page.contains("<article class=\"article\" lang=\"pa-arab\" dir=\"rtl\">"),
        "{page}"
    );
    // The switcher names it right to left too, on the English root's pages.
    let root = site.read("public/index.html");
    assert!(root.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(
        root.contains("lang=\"pa-arab\" dir=\"rtl\">پنجابی</a>"),
        "{root}"
    );

    // `direction: ltr` wins over the built-in list.
    let yaml = site.read("site.yaml").replace(
        "    name: العربية\n",
        "    name: العربية\n    direction: ltr\n",
    );
    site.write("site.yaml", &yaml);
    site.build();
    let arabic = site.read("public/ar/index.html");
    assert!(
        arabic.contains("<html lang=\"ar\" dir=\"ltr\">"),
        "{arabic}"
    );
    let article = site.read("public/ar/2024/02/muscat-crafts/index.html");
    assert!(
        article.contains("<article class=\"article\" lang=\"ar\" dir=\"ltr\">"),
        "{article}"
    );
}

#[test]
fn the_build_summary_counts_every_languages_articles() {
    let site = SiteTest::fixture("rtl_arabic");
    // Without `languages:`, as before.
    let run = site.build();
    assert!(
        run.stdout()
            .starts_with("Built 2 articles, 2 regions, 4 tags:"),
        "{}",
        run.stdout()
    );
    // With editions: the Arabic article (its region and tags) counts too, and the
    // summary says how many each language has.
    site.add_languages(&[("en", "English"), ("ar", "العربية"), ("fr", "Français")]);
    let run = site.build();
    assert!(
        run.stdout()
            .starts_with("Built 2 articles (en 1, ar 1, fr 0), 2 regions, 4 tags:"),
        "{}",
        run.stdout()
    );
}

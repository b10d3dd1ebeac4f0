//! Fuzz the raw-article importer in memory: decode the bytes, split the text into
//! articles (`import::source::plain::split`), classify each (gazetteer region and tags, dates,
//! caption credit, dateline agency) and render its markdown file (`import::write::render`),
//! as `gazette import` does minus the disk. No input may panic, abort or hang, and every
//! file the importer would write must load back: its fences split and the content loader
//! accepts its front matter with the same title and region.
#![no_main]

use gazette::config::{SiteConfig, TagDef};
use gazette::content::front_matter;
use gazette::import::classify::{classify, Gazetteer, Vocabulary, LEAD_PARAGRAPHS};
use gazette::import::{credit, dates, raw, source, write};
use gazette::slug::slugify;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::embedded().expect("embedded gazetteer"))
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let tag = |slug: &str, words: &[&str]| TagDef {
            slug: slug.into(),
            name: slug.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            names: Default::default(),
        };
        Vocabulary::new(&[
            tag("energy", &["oil", "gas", "solar"]),
            tag("diplomacy", &["foreign minister", "talks"]),
            tag("migration", &["migrants", "camp"]),
        ])
    })
}

/// site.yaml with the default regions (DESIGN.md), so every classified region exists.
fn config() -> &'static SiteConfig {
    static C: OnceLock<SiteConfig> = OnceLock::new();
    C.get_or_init(|| {
        let mut yaml = String::from("title: T\nbase_url: https://example.org/\nregions:\n");
        for slug in [
            "middle-east",
            "gulf",
            "north-africa",
            "africa",
            "europe",
            "americas",
            "asia",
            "world",
        ] {
            yaml.push_str(&format!("  - slug: {slug}\n    name: {slug}\n"));
        }
        SiteConfig::parse(std::path::Path::new("."), &yaml).expect("fixed site.yaml")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = raw::decode(data) else {
        return;
    };
    let file = source::plain::split(text);
    for article in &file.articles {
        assert!(article.first_line() <= article.last_line());
        assert!(!article.body.is_empty());
        let title = article.title.text.as_str();
        let paragraphs: Vec<&str> = article.body.iter().map(|l| l.text.as_str()).collect();
        let class = classify(
            gazetteer(),
            vocabulary(),
            title,
            &paragraphs[..paragraphs.len().min(LEAD_PARAGRAPHS)],
        );
        for p in paragraphs.iter().take(LEAD_PARAGRAPHS) {
            for found in dates::find_dates(p) {
                assert!(found.start <= found.end && found.end <= p.len());
            }
            let _ = dates::date_stamp_line(p);
            let _ = credit::is_dateline_only(p);
        }
        if let Some(caption) = &article.caption {
            let _ = dates::find_dates(&caption.raw);
            let _ = credit::split_credit(&caption.raw, false);
        }
        let front = write::FrontMatter {
            title: title.to_string(),
            date: "2024-02-06".into(),
            region: class.region.clone(),
            tags: class.tags(),
            summary: paragraphs.first().map(|p| p.to_string()),
            image_caption: article.caption.as_ref().map(|c| c.text.clone()),
            image_credit: article
                .caption
                .as_ref()
                .and_then(|c| c.credit.as_ref())
                .map(credit::Credit::display),
            source: paragraphs
                .first()
                .and_then(|p| credit::dateline_agency(p))
                .map(str::to_string),
            // As the importer does: the title's slug, else a numbered one.
            slug: Some(slugify(title))
                .filter(|s| !s.is_empty())
                .or_else(|| Some(format!("article-{}", article.number))),
            imported_from: format!("fuzz.txt#{}", article.number),
            ..Default::default()
        };
        let blocks: Vec<_> = paragraphs.iter().map(|p| write::Block::Paragraph(p)).collect();
        let contents = write::render(&front, &blocks).expect("front matter serialises");
        let split = front_matter::split(&contents).expect("imported file splits at its fences");
        let path = std::path::Path::new("content/fuzz.md");
        let loaded = front_matter::parse(path, &split, config())
            .unwrap_or_else(|e| panic!("the loader rejects an imported file: {e:?}\n{contents}"));
        assert_eq!(loaded.title, title, "title changed in\n{contents}");
        assert_eq!(loaded.region, class.region);
    }
});

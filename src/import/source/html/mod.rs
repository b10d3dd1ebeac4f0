//! The saved-HTML reader: finds the article in a saved news page (headline, date,
//! author, lead photo with caption and credit, canonical URL, body paragraphs and
//! subheadings), never the navigation, ads, scripts, related lists or footer around it.
//!
//! The page is parsed once with html5ever (scraper). What the page states in machine
//! form comes first: `<meta>` (Open Graph, `article:published_time`, `author`), `<link
//! rel=canonical>`, `<html lang>` and JSON-LD (`NewsArticle`, `Article`,
//! `ReportageNewsArticle`…, alone, in a list or in an `@graph`). The body is the
//! article's own element: `[itemprop=articleBody]` or a known body class
//! (`entry-content`, `article-body`…), else the `<article>`, else `<main>`, else the
//! element under which most paragraph text sits (a readability-style score). Its
//! paragraphs and `h2`/`h3` subheadings are walked by the shared `markup` rules; page
//! furniture inside it (header, footer, asides, forms, share, related, ad, newsletter
//! and cookie widgets, link lists) is dropped, and the lines that only repeat the
//! byline, the date or the headline are set aside so nothing is lost without a trace.
//!
//! A page without an article (a section front, navigation only, an empty body) is an
//! error that says why.

use super::markup::{credit_from, language, plain_text, resolve, walk, Verdict};
use super::plain;
use crate::import::credit::{self, split_credit, Credit};
use crate::import::dates::{date_stamp_line, time_stamp_line};
use crate::import::raw::{Caption, Facts, RawArticle, RawFile, RawLine};
use crate::import::text::{char_len, normalize_space};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

mod article;
mod container;
mod figures;
mod furniture;
mod linked_data;
mod metadata;
use container::{Choice, Page, MENU};
use figures::{caption_from_text, figure_caption, figure_image};
use furniture::{class_words, furniture, hidden};
use linked_data::LinkedData;
use metadata::{strip_site_name, Meta};

/// Least paragraph text (letters, not counting spaces) for a body.
const MIN_BODY: usize = 60;
/// Shortest paragraph (letters) that counts towards a container's score.
const MIN_PARAGRAPH: usize = 20;

/// Read a saved HTML page into its article. `Err` when the page holds no article.
pub fn read(text: &str) -> Result<RawFile, String> {
    let doc = Html::parse_document(text);
    let page = Page::new(&doc);
    let meta = Meta::read(&doc);
    let choice = page
        .choose()
        .map_err(|why| format!("no article found: {why}"))?;
    let title = page.title(&meta, choice.scope).ok_or_else(|| {
        "no article found: the page has body text but no headline (no <h1>, og:title or <title> other than the site name)".to_string()
    })?;
    let article = page.article(&meta, &choice, title)?;
    Ok(RawFile {
        articles: vec![article],
        unplaced: vec![],
    })
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid CSS selector")
}

/// A key for an element, stable while the document lives: its node's address in the tree.
fn key(node: &Node) -> usize {
    node as *const Node as usize
}

/// The key of an element's node.
fn element_key(element: ElementRef<'_>) -> usize {
    key(std::ops::Deref::deref(&element).value())
}

/// The element's text, spacing normalised.
fn text_of(element: ElementRef<'_>) -> String {
    normalize_space(&element.text().collect::<String>()).into_owned()
}

/// Letters in a text run (spaces do not count).
fn letters(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Elements whose text is never shown.
fn invisible(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "head" | "title" | "svg" | "math"
    )
}

#[cfg(test)]
mod tests {
    use super::metadata::parse_time;
    use super::*;

    /// A page's article, or the error.
    fn article(html: &str) -> Result<RawArticle, String> {
        read(html).map(|mut f| f.articles.remove(0))
    }

    fn lines(lines: &[RawLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                if l.heading {
                    format!("## {}", l.text)
                } else {
                    l.text.clone()
                }
            })
            .collect()
    }

    /// The body element chosen and how.
    fn chosen(html: &str) -> Result<(String, &'static str), String> {
        let doc = Html::parse_document(html);
        let page = Page::new(&doc);
        page.choose().map(|c| {
            let v = c.body.value();
            let name = match (v.attr("id"), v.attr("class")) {
                (Some(id), _) => format!("{}#{id}", v.name()),
                (None, Some(class)) => format!("{}.{class}", v.name()),
                _ => v.name().to_string(),
            };
            (name, c.how)
        })
    }

    fn title_of(html: &str) -> Option<String> {
        let doc = Html::parse_document(html);
        let page = Page::new(&doc);
        let meta = Meta::read(&doc);
        let scope = page
            .choose()
            .map(|c| c.scope)
            .unwrap_or_else(|_| page.body_element());
        page.title(&meta, scope)
    }

    const LEAD: &str = "<p>TRIPOLI - Libya's oil output rose to its highest level in a decade in May, the national oil company said on Monday, after fields in the south reopened.</p>\
        <p>Output averaged 1.28 million barrels a day, up from 1.2 million in April, according to figures published on its website.</p>";

    #[test]
    fn the_title_is_the_visible_headline_never_the_site_name() {
        let head = "<head><title>Libya's oil output hits decade high | Sirte Wire</title>\
            <meta property=\"og:site_name\" content=\"Sirte Wire\">\
            <meta property=\"og:title\" content=\"Libya oil output at 10-year high (SEO title)\"></head>";
        // The h1 inside the article beats og:title and <title>.
        let html = format!(
            "<html>{head}<body><header><h1 class=\"logo\">Sirte Wire</h1></header>\
             <article><h1>Libya's oil output hits decade high</h1>{LEAD}</article></body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Libya's oil output hits decade high")
        );
        // No h1 in the article: og:title.
        let html = format!(
            "<html>{head}<body><header><h1>Sirte Wire</h1></header><article>{LEAD}</article></body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Libya oil output at 10-year high (SEO title)")
        );
        // No og:title: <title> without the site's name, or the page's h1 that says it.
        let bare_head =
            "<head><title>Libya's oil output hits decade high | Sirte Wire</title></head>";
        let html = format!("<html>{bare_head}<body><main>{LEAD}</main></body></html>");
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Libya's oil output hits decade high")
        );
        let html = format!(
            "<html><head><title>Libya's Oil Output Hits Decade High - Sirte Wire</title></head>\
             <body><div class=\"hero\"><h1>Libya's Oil Output Hits Decade High</h1></div><main>{LEAD}</main></body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Libya's Oil Output Hits Decade High")
        );
        // JSON-LD headline when there is nothing else.
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
             \"@graph\":[{{\"@type\":\"WebSite\",\"name\":\"Sirte Wire\"}},\
             {{\"@type\":[\"NewsArticle\"],\"headline\":\"Libya&#39;s oil output hits decade high\"}}]}}</script></head>\
             <body><div>{LEAD}</div></body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Libya's oil output hits decade high")
        );
        // A page whose only title is the site's name has no headline.
        let html = format!(
            "<html><head><title>Sirte Wire</title><meta property=\"og:site_name\" content=\"Sirte Wire\"></head>\
             <body><h1>Sirte Wire</h1><main>{LEAD}</main></body></html>"
        );
        assert_eq!(title_of(&html), None);
        assert!(read(&html).unwrap_err().contains("no headline"));
    }

    #[test]
    fn site_names_come_off_titles() {
        let cases = [
            ("Headline here | Site", None, "Headline here"),
            ("Headline here - Site Name", None, "Headline here"),
            (
                "Headline here – Levant Ledger",
                Some("Levant Ledger"),
                "Headline here",
            ),
            (
                "Levant Ledger | Headline here",
                Some("Levant Ledger"),
                "Headline here",
            ),
            // A dash inside a headline stays when what follows is not a short name.
            (
                "Israel - Hamas talks resume in Cairo after a week of delays",
                None,
                "Israel - Hamas talks resume in Cairo after a week of delays",
            ),
            ("Plain headline", None, "Plain headline"),
        ];
        for (title, site, want) in cases {
            assert_eq!(strip_site_name(title, site), want, "{title}");
        }
    }

    #[test]
    fn the_article_container() {
        // [itemprop=articleBody] inside <article> is the body; its header is not.
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><article><header><h1>T</h1></header>\
             <div itemprop=\"articleBody\">{LEAD}</div></article></body>"
        );
        assert_eq!(
            chosen(&html).unwrap(),
            ("div".to_string(), "the article body element")
        );
        // A WordPress body class.
        let html = format!("<body><div id=main><div class=\"entry-content clearfix\">{LEAD}</div><div class=widget-area><p>Recent posts and things that are long enough to count.</p></div></div></body>");
        assert_eq!(
            chosen(&html).unwrap(),
            (
                "div.entry-content clearfix".to_string(),
                "the article body element"
            )
        );
        // The <article> with the most text, not the teaser cards in the aside.
        let html = format!(
            "<body><article id=story><h1>T</h1>{LEAD}</article><aside>\
             <article><h3><a href=/a>Other story</a></h3><p>A teaser for another story that is long enough.</p></article></aside></body>"
        );
        assert_eq!(
            chosen(&html).unwrap(),
            ("article#story".to_string(), "the <article> element")
        );
        // <main> without an <article>.
        let html = format!("<body><div class=top>Site</div><main id=m>{LEAD}</main></body>");
        assert_eq!(
            chosen(&html).unwrap(),
            ("main#m".to_string(), "the <main> element")
        );
        // Plain divs: the one under which most paragraph text sits, not the sidebar.
        let html = format!(
            "<body><div id=wrap><div id=text>{LEAD}<p>A third paragraph of the story, with more detail.</p></div>\
             <div id=side><p>Short sidebar text that is long enough to count.</p></div></div></body>"
        );
        assert_eq!(
            chosen(&html).unwrap(),
            (
                "div#text".to_string(),
                "the element with the most paragraph text"
            )
        );
        // A layout wrapper named for its sidebar is not the sidebar.
        let html = format!(
            "<body><div class=\"layout with-sidebar\"><main id=m>{LEAD}</main>\
             <div class=sidebar><p>Sidebar text that is long enough to count as a paragraph.</p></div></div></body>"
        );
        assert_eq!(
            chosen(&html).unwrap(),
            ("main#m".to_string(), "the <main> element")
        );
        // Cards of a section front, each an <article> with a linked headline and a teaser.
        let card = |n: usize| {
            format!("<article><h2><a href=/s{n}>Story number {n} in the list</a></h2>\
                <p>The teaser of story number {n}, long enough to look like a paragraph of text.</p></article>")
        };
        let html = format!(
            "<body><main>{}</main></body>",
            (1..=6).map(card).collect::<String>()
        );
        let err = chosen(&html).unwrap_err();
        assert_eq!(err, "the page is a list of 6 stories, not one article");
        // The same cards as divs.
        let html = format!(
            "<body><main>{}</main></body>",
            (1..=6)
                .map(card)
                .collect::<String>()
                .replace("article>", "div>")
        );
        assert!(chosen(&html).is_err(), "{:?}", chosen(&html));
    }

    #[test]
    fn byline_date_and_furniture_are_set_aside() {
        let html = format!(
            "<html lang=en><head><title>Libya's oil output hits decade high</title>\
             <meta property=og:site_name content=\"Sirte Wire\"></head><body><main>\
             <h1>Libya's oil output hits decade high</h1>\
             <p>By Omar Mansour | June 3, 2024</p><p>Updated 10:30 GMT</p>\
             <div hidden><p>Hidden text that must not be read as body text at all.</p></div>\
             <p style=\"display: none\">Also hidden text that must not be read at all.</p>\
             {LEAD}<ul><li><a href=/a>Linked story one</a></li><li><a href=/b>Linked story two</a></li></ul>\
             <p>Copyright 2024 Sirte Wire. All rights reserved.</p></main></body></html>"
        );
        let a = article(&html).unwrap();
        assert_eq!(a.title.text, "Libya's oil output hits decade high");
        assert_eq!(a.facts.author.as_deref(), Some("Omar Mansour"));
        assert_eq!(a.facts.source.as_deref(), Some("Sirte Wire"));
        assert_eq!(a.facts.lang.as_deref(), Some("en"));
        assert_eq!(lines(&a.body).len(), 2, "{:?}", lines(&a.body));
        assert!(a.body[0].text.starts_with("TRIPOLI - "));
        assert_eq!(
            lines(&a.facts.set_aside),
            [
                "By Omar Mansour | June 3, 2024",
                "Updated 10:30 GMT",
                "Copyright 2024 Sirte Wire. All rights reserved."
            ]
        );
        assert_eq!(
            lines(&a.duplicates),
            ["## Libya's oil output hits decade high"]
        );
        assert_eq!(lines(&a.noise), ["Linked story one", "Linked story two"]);
        // No machine date: the date line set aside still dates the story.
        assert_eq!(a.facts.published, None);
    }

    #[test]
    fn captions_and_credits() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "<figure><img src=a.jpg><figcaption>Boats in the port of Sfax, June 3, 2024. (AP Photo/Hassene Dridi)</figcaption></figure>",
                "Boats in the port of Sfax, June 3, 2024.",
                Some("Hassene Dridi/AP"),
            ),
            (
                "<figure><img src=a.jpg><figcaption>Smoke over the port of Beirut, June 3, 2024. REUTERS/Mohamed Azakir</figcaption></figure>",
                "Smoke over the port of Beirut, June 3, 2024.",
                Some("Mohamed Azakir/Reuters"),
            ),
            (
                "<figure><img src=a.jpg><figcaption>Traders in Algiers. <small>Photo: Youssef Amrani / AFP</small></figcaption></figure>",
                "Traders in Algiers.",
                Some("Youssef Amrani/AFP"),
            ),
            (
                "<figure><img src=a.jpg><figcaption>A market in Rabat</figcaption><span class=\"image-credit\">Leila Idrissi</span></figure>",
                "A market in Rabat",
                Some("Leila Idrissi"),
            ),
            (
                "<figure><img src=a.jpg><figcaption>A market in Rabat</figcaption></figure>",
                "A market in Rabat",
                None,
            ),
        ];
        for (figure, text, credit) in cases {
            let doc = Html::parse_fragment(figure);
            let f = doc.select(&selector("figure")).next().unwrap();
            let c = figure_caption(f).unwrap();
            assert_eq!(c.text, *text, "{figure}");
            assert_eq!(
                c.credit.as_ref().map(Credit::display).as_deref(),
                *credit,
                "{figure}"
            );
        }
    }

    #[test]
    fn machine_dates() {
        let cases = [
            ("2024-06-04T10:30:00+03:00", "2024-06-04T10:30:00+03:00"),
            ("2024-06-04T10:30:00Z", "2024-06-04T10:30:00+00:00"),
            ("2024-06-04T10:30:00.000+0300", "2024-06-04T10:30:00+03:00"),
            ("2024-06-04T10:30+03:00", "2024-06-04T10:30:00+03:00"),
            (
                "Tue, 04 Jun 2024 10:30:00 +0300",
                "2024-06-04T10:30:00+03:00",
            ),
            // No offset: the day as written.
            ("2024-06-04T23:30:00", "2024-06-04T12:00:00+00:00"),
            ("2024-06-04", "2024-06-04T12:00:00+00:00"),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_time(text).map(|d| d.to_rfc3339()).as_deref(),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(parse_time("June 4"), None);
        assert_eq!(parse_time("2024-06-04x"), None);
    }

    #[test]
    fn json_ld_in_a_graph_with_references() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">\
            {{\"@context\":\"https://schema.org\",\"@graph\":[\
              {{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"Sirte Wire\"}},\
              {{\"@type\":\"ReportageNewsArticle\",\"headline\":\"Libya's oil output hits decade high\",\
                \"datePublished\":\"2024-06-03T09:00:00+02:00\",\
                \"author\":[{{\"@type\":\"Person\",\"name\":\"Omar Mansour\"}},{{\"@type\":\"Person\",\"name\":\"Hana Zaid\"}}],\
                \"image\":{{\"@type\":\"ImageObject\",\"url\":\"https://img.sirte.example/oil.jpg\"}},\
                \"publisher\":{{\"@id\":\"#org\"}},\"mainEntityOfPage\":{{\"@id\":\"https://sirte.example/oil\"}},\
                \"inLanguage\":\"en-GB\"}}]}}</script></head><body><article>{LEAD}</article></body></html>"
        );
        let a = article(&html).unwrap();
        assert_eq!(a.title.text, "Libya's oil output hits decade high");
        assert_eq!(
            a.facts.author.as_deref(),
            Some("Omar Mansour and Hana Zaid")
        );
        assert_eq!(a.facts.source.as_deref(), Some("Sirte Wire"));
        assert_eq!(
            a.facts.image.as_deref(),
            Some("https://img.sirte.example/oil.jpg")
        );
        assert_eq!(
            a.facts.source_url.as_deref(),
            Some("https://sirte.example/oil")
        );
        assert_eq!(a.facts.lang.as_deref(), Some("en"));
        assert_eq!(
            a.facts.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-06-03T09:00:00+02:00")
        );
        // An agency as the author is the source, not a byline.
        let html = html.replace(
            "[{\"@type\":\"Person\",\"name\":\"Omar Mansour\"},{\"@type\":\"Person\",\"name\":\"Hana Zaid\"}]",
            "{\"@type\":\"Organization\",\"name\":\"Reuters\"}",
        );
        let a = article(&html).unwrap();
        assert_eq!(a.facts.author, None);
        assert_eq!(a.facts.source.as_deref(), Some("Reuters"));
    }

    #[test]
    fn pages_without_an_article() {
        for (html, why) in [
            ("<html><body></body></html>", "the page is empty"),
            ("<html><body><script>var x = 'lots of text here that is not shown';</script></body></html>", "the page is empty"),
            (
                "<html><body><h1>Talks resume in Doha</h1></body></html>",
                "a headline (“Talks resume in Doha”) with no body text under it",
            ),
            (
                "<html><body><nav><a href=/a>A</a><a href=/b>B</a></nav></body></html>",
                "the page is only navigation (2 links) with no body text",
            ),
        ] {
            let err = read(html).unwrap_err();
            assert!(err.starts_with("no article found: "), "{err}");
            assert!(err.contains(why), "{err} for {html}");
        }
    }

    #[test]
    fn a_visible_arabic_date_without_a_machine_date_is_kept_for_dating() {
        let html = "<html lang=ar dir=rtl><head><title>الأردن يفتتح خط حافلات جديدا</title></head><body><article>\
            <h1>الأردن يفتتح خط حافلات جديدا</h1>\
            <div class=meta><span class=author>بقلم: نور الخطيب</span> <time>الأحد 9 حزيران 2024</time></div>\
            <p>افتتحت أمانة عمّان يوم الأحد خط حافلات سريعا جديدا يربط شرق العاصمة بوسطها، في إطار خطة لتخفيف الازدحام.</p>\
            <p>وقالت الأمانة إن الخط سيخدم نحو عشرين ألف راكب يوميا.</p></article></body></html>";
        let a = article(html).unwrap();
        assert_eq!(a.facts.published, None);
        assert_eq!(a.facts.author.as_deref(), Some("نور الخطيب"));
        assert_eq!(a.facts.lang.as_deref(), Some("ar"));
        assert_eq!(a.facts.set_aside[0].text, "الأحد 9 حزيران 2024");
        let dated = crate::import::dating::choose_date(
            &a,
            None,
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            &chrono_tz::UTC,
        );
        assert_eq!(dated.date, NaiveDate::from_ymd_opt(2024, 6, 9).unwrap());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "<html><head><title>Deep page</title></head><body>{}<p>{}</p>{}</body></html>",
            "<div class=\"ad\"><div>".repeat(5_000),
            "Deep text that goes on long enough to be a paragraph of an article body. ".repeat(3),
            "</div></div>".repeat(5_000)
        );
        // All of it is inside an ad: no article, and no stack overflow.
        assert!(read(&html).is_err());
        let html = html.replace("class=\"ad\"", "class=\"x\"");
        let a = article(&html).unwrap();
        assert_eq!(a.title.text, "Deep page");
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn wordpress_captions_section_labels_and_dates_outside_the_body() {
        let html = "<html><body><div class=post><span class=\"section-label\">Banking</span>\
            <h1>Aden bank sells dollars</h1><div class=post-meta>Posted on <span class=entry-date>\
            Monday, June 17, 2024</span></div><div class=entry-content>\
            <div class=\"wp-caption aligncenter\"><img src=\"https://e.example.org/a.jpg\" alt=\"\">\
            <p class=wp-caption-text>Money changers in Aden on June 16, 2024. (AP Photo/Saleh Obeidi)</p></div>\
            <p>ADEN, Yemen - The central bank in Aden sold $30 million to local banks at a weekly auction on Monday.</p>\
            <p>It was the bank's latest attempt to slow the slide of the rial against the dollar.</p>\
            </div></div></body></html>";
        let a = article(html).unwrap();
        let caption = a.caption.expect("the WordPress caption is the photo's");
        assert_eq!(caption.text, "Money changers in Aden on June 16, 2024.");
        let credit = caption.credit.unwrap();
        assert_eq!(credit.photographer.as_deref(), Some("Saleh Obeidi"));
        assert_eq!(
            a.facts.image.as_deref(),
            Some("https://e.example.org/a.jpg")
        );
        // The body starts with the story, not the caption or the section's name.
        assert!(a.body[0].text.starts_with("ADEN, Yemen"), "{:?}", a.body);
        assert_eq!(a.body.len(), 2, "{:?}", a.body);
        // The visible date above the body is kept for dating.
        assert!(
            a.facts
                .set_aside
                .iter()
                .any(|l| l.text == "Monday, June 17, 2024"),
            "{:?}",
            a.facts.set_aside
        );
    }
}

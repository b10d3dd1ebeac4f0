//! The feed reader: RSS 2.0 (and 0.9x/1.0), Atom and JSON Feed, one article per item,
//! read with feed-rs. Each item's title is plain text (entities decoded, markup
//! stripped); its date is the item's published (else updated) time; its author, link,
//! photo (`media:content`, an image enclosure, JSON Feed `image`), caption
//! (`media:description`) and credit (`media:credit`) become facts; the feed's title is
//! the publisher (`source`) unless the item names an agency; the feed's language is the
//! item's. The item's HTML content (`content:encoded`, else the description or summary,
//! else JSON Feed `content_text`) becomes body paragraphs and `##` subheadings, without
//! scripts, images, figures, share widgets, "Read more" links or "The post … appeared
//! first on …" trailers (those go to noise).
//!
//! An item without a title or without body text is unplaced, with its number; a feed
//! with no items, or a file feed-rs cannot read, is an error naming why.

use crate::import::credit::{self, split_credit};
use crate::import::dates::date_stamp_line;
use crate::import::raw::{Caption, Facts, RawArticle, RawFile, RawLine, Unplaced, UnplacedReason};
use crate::import::source::markup::{
    credit_from, html_to_blocks, language, plain_text, resolve, text_to_blocks, Converted,
};
use crate::import::source::plain;
use crate::import::text::char_len;
use chrono::{DateTime, FixedOffset, Utc};
use feed_rs::model::{Entry, FeedType, MediaObject};

mod item;
mod media;
mod wellformed;
use item::{item, ItemContext};
use media::{caption, item_image};
use wellformed::{unreadable, well_formed};

/// Read a feed into one article per item. `Err` for an empty or unreadable feed.
pub fn read(text: &str) -> Result<RawFile, String> {
    let xml = !text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .starts_with('{');
    if xml {
        // feed-rs reads on past some broken markup (an item ends early, fields go
        // missing); a broken feed is refused as a whole instead.
        well_formed(text).map_err(|e| {
            format!("not a readable feed: the XML is malformed ({e}); nothing imported from it")
        })?;
    }
    let feed = feed_rs::parser::parse(text.as_bytes()).map_err(|e| unreadable(text, &e))?;
    let kind = kind_name(&feed.feed_type);
    if feed.entries.is_empty() {
        return Err(format!(
            "an empty {kind} feed: it has no items, so there is no article to import"
        ));
    }
    let extras = if feed.feed_type == FeedType::JSON {
        json_extras(text)
    } else {
        Vec::new()
    };
    let publisher = feed.title.as_ref().and_then(|t| publisher(&t.content));
    let home = feed
        .links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.trim())
        .find(|h| h.starts_with("https://") || h.starts_with("http://"));
    let feed_lang = feed.language.as_deref().and_then(language);
    let mut file = RawFile::default();
    for (i, entry) in feed.entries.iter().enumerate() {
        let extra = extras.get(i).cloned().unwrap_or_default();
        let context = ItemContext {
            number: i + 1,
            publisher: publisher.as_deref(),
            home,
            lang: extra
                .language
                .as_deref()
                .and_then(language)
                .or_else(|| entry.language.as_deref().and_then(language))
                .or_else(|| feed_lang.clone()),
            json_image: extra.image,
        };
        match item(entry, &context) {
            Ok(article) => file.articles.push(article),
            Err(unplaced) => file.unplaced.push(unplaced),
        }
    }
    Ok(file)
}

/// The feed format, in words.
fn kind_name(kind: &FeedType) -> &'static str {
    match kind {
        FeedType::Atom => "Atom",
        FeedType::JSON => "JSON Feed",
        FeedType::RSS0 => "RSS 0.9x",
        FeedType::RSS1 => "RSS 1.0",
        FeedType::RSS2 => "RSS 2.0",
    }
}

/// What feed-rs does not keep of a JSON Feed item: its `image` (else `banner_image`) and
/// its `language`, by item position.
#[derive(Debug, Clone, Default)]
struct JsonExtra {
    image: Option<String>,
    language: Option<String>,
}

fn json_extras(text: &str) -> Vec<JsonExtra> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let field = |item: &serde_json::Value, key: &str| {
        item.get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    value
        .get("items")
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|item| JsonExtra {
                    image: field(item, "image").or_else(|| field(item, "banner_image")),
                    language: field(item, "language"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The publisher named by a feed's title: "Levant Ledger - Latest news" → "Levant
/// Ledger"; an agency by its usual name ("Associated Press" → "AP").
fn publisher(title: &str) -> Option<String> {
    let title = plain_text(title);
    let mut name = title.as_str();
    for separator in [" | ", " - ", " – ", " — ", ": ", " · "] {
        if let Some((head, _)) = name.split_once(separator) {
            if char_len(head.trim()) >= 2 {
                name = head.trim();
            }
        }
    }
    if name.is_empty() {
        return None;
    }
    Some(
        credit::dateline_agency(name)
            .map(str::to_string)
            .unwrap_or_else(|| name.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::item::byline;
    use super::*;

    fn paragraphs(html: &str) -> Vec<String> {
        html_to_blocks(html)
            .blocks
            .iter()
            .map(|b| {
                if b.heading {
                    format!("## {}", b.text)
                } else {
                    b.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn paragraphs_lists_quotes_and_headings() {
        let html = "<p>AMMAN (Reuters) - Jordan opened a <a href=\"/x\">new   crossing</a>.</p>\n\
            <h2>Trade</h2><p>Trucks  lined up\n at dawn.</p>\
            <ul><li>First point</li><li>Second <em>point</em></li></ul>\
            <blockquote><p>&ldquo;We waited for years,&rdquo; a driver said.</p></blockquote>\
            <h3>What&nbsp;next</h3><p>Talks resume on Sunday.</p>";
        assert_eq!(
            paragraphs(html),
            [
                "AMMAN (Reuters) - Jordan opened a new crossing.",
                "## Trade",
                "Trucks lined up at dawn.",
                "First point",
                "Second point",
                "“We waited for years,” a driver said.",
                "## What next",
                "Talks resume on Sunday.",
            ]
        );
    }

    #[test]
    fn line_breaks_and_bare_text() {
        assert_eq!(
            paragraphs("First line of text.<br>Second line.<br/><br />Third line."),
            ["First line of text.", "Second line.", "Third line."]
        );
        assert_eq!(
            paragraphs("One paragraph\nwrapped.\n\nAnother after a blank line."),
            ["One paragraph wrapped.", "Another after a blank line."]
        );
        assert_eq!(
            paragraphs("Just text &amp; an entity"),
            ["Just text & an entity"]
        );
        assert_eq!(
            paragraphs("<div>Outer text<div>inner block</div>tail text</div>"),
            ["Outer text", "inner block", "tail text"]
        );
    }

    #[test]
    fn scripts_images_figures_and_widgets_are_dropped() {
        let html = "<figure><img src=\"https://img.example.org/a.jpg\" alt=\"\">\
            <figcaption>Boats in the port of Sfax, June 3, 2024. (AFP)</figcaption></figure>\
            <p>Body one.<script>var x = '<p>not text</p>';</script></p>\
            <style>p { color: red }</style>\
            <p><img src=\"https://stats.example.org/pixel.gif\" width=\"1\" height=\"1\"></p>\
            <div class=\"sharedaddy\"><h3>Share this:</h3><a href=\"#\">Facebook</a></div>\
            <iframe src=\"https://video.example.org/embed\">Fallback</iframe>\
            <p>Body two.</p>";
        let out = html_to_blocks(html);
        assert_eq!(
            out.blocks,
            [RawLine::at(0, "Body one."), RawLine::at(0, "Body two.")]
        );
        assert_eq!(
            out.figcaption.as_deref(),
            Some("Boats in the port of Sfax, June 3, 2024. (AFP)")
        );
        assert_eq!(out.image.as_deref(), Some("https://img.example.org/a.jpg"));
        assert!(out.noise.is_empty(), "{:?}", out.noise);
    }

    #[test]
    fn read_more_and_trailers_are_noise() {
        let html = "<p>The council met on Monday.</p>\
            <p>It approved the plan. <a href=\"https://example.org/x\">Continue reading &rarr;</a></p>\
            <p><a href=\"https://example.org/x\">Read more</a></p>\
            <p>Read more: Earlier talks collapse in Tripoli</p>\
            <p>The post <a href=\"#\">Council approves plan</a> appeared first on <a href=\"#\">Levant Ledger</a>.</p>\
            <p>اقرأ أيضاً: الحكومة تعلن خطة جديدة</p>";
        let out = html_to_blocks(html);
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["The council met on Monday.", "It approved the plan."]
        );
        let noise: Vec<&str> = out.noise.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            noise,
            [
                "Continue reading →",
                "Read more",
                "Read more: Earlier talks collapse in Tripoli",
                "The post Council approves plan appeared first on Levant Ledger.",
                "اقرأ أيضاً: الحكومة تعلن خطة جديدة",
            ]
        );
    }

    #[test]
    fn bold_paragraphs_are_subheadings_and_excerpts_end_cleanly() {
        assert_eq!(
            paragraphs(
                "<p><strong>Water at the border</strong></p><p><strong>BEIRUT</strong> - Text.</p>\
                 <p>The minister said the plan would take years [&hellip;]</p>"
            ),
            [
                "## Water at the border",
                "BEIRUT - Text.",
                "The minister said the plan would take years…"
            ]
        );
    }

    #[test]
    fn tables_rows_are_paragraphs() {
        assert_eq!(
            paragraphs("<table><tr><td>Oman</td><td>3.1%</td></tr><tr><th>Qatar</th><td>2.4%</td></tr></table>"),
            ["Oman 3.1%", "Qatar 2.4%"]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}deep text{}",
            "<div><span>".repeat(20_000),
            "</span></div>".repeat(20_000)
        );
        assert_eq!(paragraphs(&html), ["deep text"]);
    }

    #[test]
    fn plain_text_titles_and_names() {
        assert_eq!(
            plain_text("Oil &amp; gas <b>talks</b>&nbsp;resume"),
            "Oil & gas talks resume"
        );
        assert_eq!(plain_text("  Plain   title "), "Plain title");
        assert_eq!(
            publisher("Levant Ledger - Latest news").as_deref(),
            Some("Levant Ledger")
        );
        assert_eq!(publisher("Associated Press").as_deref(), Some("AP"));
        assert_eq!(language("en-US").as_deref(), Some("en"));
        assert_eq!(language("ar_SA").as_deref(), Some("ar"));
        assert_eq!(language("english"), None);
        assert_eq!(
            byline("By Jane Doe and Omar Haddad").as_deref(),
            Some("Jane Doe and Omar Haddad")
        );
        assert_eq!(byline("By the end of the day, talks had failed."), None);
    }

    #[test]
    fn xml_structure_check() {
        let good = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x \"y\">]>\n<!-- c < -->\n\
            <rss version=\"2.0\"><channel><title a=\"1 > 0\">T</title>\
            <description><![CDATA[<p>x</b>]]></description><link/></channel></rss>\n";
        assert_eq!(well_formed(good), Ok(()));
        let cases = [
            (
                "<rss><channel>\n<title>T</titel></channel></rss>",
                "line 2: </titel> where </title> (opened on line 2) should close",
            ),
            (
                "<rss><channel><title>T</title>",
                "<channel> opened on line 1 is never closed",
            ),
            (
                "<rss></rss><rss></rss>",
                "line 1: a second root element <rss>",
            ),
            (
                "<rss><title>T</title",
                "line 1: the tag <title> never closed",
            ),
            ("<rss>a < b</rss>", "line 1: a '<' that opens no tag"),
            ("<rss><!-- open</rss>", "line 1: a comment never closed"),
            ("", "no root element"),
        ];
        for (xml, want) in cases {
            assert_eq!(well_formed(xml), Err(want.to_string()), "{xml}");
        }
    }

    #[test]
    fn other_dialects_read_too() {
        // HTML entities in XML text, a relative link, an e-mail-only <author>.
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>P</title>\
            <link>https://p.example.org/</link><item><title>Talks&nbsp;resume in Doha</title>\
            <link>/a/b</link><author>desk@p.example.org</author>\
            <description>Body &amp; more&hellip; text.</description></item></channel></rss>";
        let file = read(rss).unwrap();
        let a = &file.articles[0];
        assert_eq!(a.title.text, "Talks resume in Doha");
        assert_eq!(a.body, [RawLine::at(0, "Body & more… text.")]);
        assert_eq!(
            a.facts.source_url.as_deref(),
            Some("https://p.example.org/a/b")
        );
        assert_eq!(a.facts.author, None);
        // Atom XHTML content.
        let atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>\
            <entry><title>X</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">\
            <p>One <b>bold</b>.</p><p>Two.</p></div></content></entry></feed>";
        let file = read(atom).unwrap();
        assert_eq!(
            file.articles[0].body,
            [RawLine::at(0, "One bold."), RawLine::at(0, "Two.")]
        );
        // RSS 1.0 with dc:date.
        let rdf = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
            xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
            <channel rdf:about=\"x\"><title>R1</title></channel><item rdf:about=\"u\"><title>T1</title>\
            <link>https://e.org/1</link><description>D1 text.</description>\
            <dc:date>2024-06-04T23:30:00-02:00</dc:date></item></rdf:RDF>";
        let file = read(rdf).unwrap();
        let a = &file.articles[0];
        assert_eq!(a.facts.source.as_deref(), Some("R1"));
        assert_eq!(
            a.facts.published.map(|p| p.to_rfc3339()).as_deref(),
            Some("2024-06-05T01:30:00+00:00")
        );
    }

    #[test]
    fn relative_links_against_the_home_page() {
        let home = Some("https://news.example.org/mena/index.html");
        let cases = [
            ("/a/b.jpg", "https://news.example.org/a/b.jpg"),
            ("b.jpg", "https://news.example.org/mena/b.jpg"),
            ("//cdn.example.org/c.jpg", "https://cdn.example.org/c.jpg"),
            ("https://x.example.org/d", "https://x.example.org/d"),
        ];
        for (url, want) in cases {
            assert_eq!(resolve(url, home), want, "{url}");
        }
        assert_eq!(
            resolve("b.jpg", Some("https://news.example.org")),
            "https://news.example.org/b.jpg"
        );
        assert_eq!(resolve("/a", None), "/a");
    }

    #[test]
    fn empty_and_malformed_feeds_are_errors() {
        let empty =
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>";
        let err = read(empty).unwrap_err();
        assert!(err.contains("empty RSS 2.0 feed"), "{err}");
        let broken = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>T</titel></item></channel></rss>";
        let err = read(broken).unwrap_err();
        assert!(err.contains("malformed"), "{err}");
    }
}

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

/// The words of an element's class and id: "c-article__byline js-x" → c, article,
/// byline, js, x; and each whole token, lowercased.
fn class_words(element: &Element) -> Vec<String> {
    let mut words = Vec::new();
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        for token in value.split_whitespace() {
            let token = token.to_ascii_lowercase();
            words.extend(
                token
                    .split(['-', '_'])
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
            words.push(token);
        }
    }
    words
}

/// Class or id words of page furniture: advertising, share and follow buttons, related
/// and most-read lists, newsletter and subscription boxes, cookie notices, comments,
/// breadcrumbs, tag lists, screen-reader-only text, pop-ups.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "dfp",
    "sponsored",
    "promo",
    "promotion",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "comment",
    "comments",
    "disqus",
    "popular",
    "mostread",
    "most-read",
    "trending",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "signup",
    "subscribe",
    "subscription",
    "paywall",
    "modal",
    "popup",
    "share",
    "sharing",
    "social",
    "related",
    "tags",
    "topics",
    "pagination",
    "pager",
    "sidebar",
    "widget",
    "menu",
    "navbar",
    "toolbar",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "skip-link",
    "read-more",
    "more-stories",
    "also-read",
];

/// Class or id words of the lines around a headline: byline, author box, date, kicker.
const ASIDE_WORDS: &[&str] = &[
    "byline",
    "bylines",
    "author",
    "authors",
    "dateline",
    "date",
    "timestamp",
    "published",
    "updated",
    "posted",
    "meta",
    "kicker",
    "eyebrow",
    "section-label",
    "rubric",
    "overline",
];

/// Page furniture by role, tag or class (`Noise`), or lines to keep aside (`Aside`).
/// A `holder` (an element around the page's `h1`, `main` or article body: a layout
/// wrapper such as `div.with-sidebar`) is never furniture by its class.
fn furniture(element: &Element, holder: bool) -> Option<Verdict> {
    let name = element.name();
    let role = element.attr("role").unwrap_or_default();
    if matches!(name, "nav" | "menu")
        || matches!(role, "navigation" | "search" | "menu" | "menubar")
    {
        return Some(Verdict::Skip);
    }
    if matches!(name, "aside" | "footer" | "form" | "dialog")
        || matches!(
            role,
            "complementary" | "contentinfo" | "dialog" | "alertdialog"
        )
    {
        return Some(Verdict::Noise);
    }
    if holder {
        return (name == "header" || role == "banner").then_some(Verdict::Aside);
    }
    let words = class_words(element);
    if words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str())) {
        return Some(Verdict::Noise);
    }
    if name == "header" || role == "banner" {
        return Some(Verdict::Aside);
    }
    if words.iter().any(|w| ASIDE_WORDS.contains(&w.as_str())) {
        return Some(Verdict::Aside);
    }
    None
}

/// Hidden from readers: `hidden`, `aria-hidden="true"`, `display: none`.
fn hidden(element: &Element) -> bool {
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim() == "true")
    {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// What is around an element: menus and other page furniture, or a header.
const MENU: u8 = 1;
const HEADER: u8 = 2;

/// Counts for one element, from one pass over the document.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    /// Letters of visible text.
    text: usize,
    /// Letters inside links.
    link: usize,
    /// Letters of the paragraphs that count (long enough, not mostly links, not inside
    /// page furniture or a header) and how many.
    para: usize,
    paras: usize,
    /// Headings (`h2`–`h4`) that are links: the headlines of a list of stories.
    linked_headings: usize,
    /// `MENU` / `HEADER`: what the element is inside (itself included).
    around: u8,
}

/// A parsed page with its per-element counts.
struct Page<'a> {
    doc: &'a Html,
    counts: HashMap<usize, Counts>,
    /// Readability score: paragraph letters of children, and half of grandchildren's.
    score: HashMap<usize, usize>,
    /// Elements around an `h1`, `main` or article body (see `furniture`).
    holders: HashSet<usize>,
}

/// The article's element, and the element around it where its headline, photo and
/// byline are looked for.
struct Choice<'a> {
    body: ElementRef<'a>,
    scope: ElementRef<'a>,
    /// How the body was found (read by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    how: &'static str,
}

impl<'a> Page<'a> {
    fn new(doc: &'a Html) -> Page<'a> {
        let root = doc.tree.root();
        let nodes: Vec<_> = root.descendants().collect();
        let mut counts: HashMap<usize, Counts> = HashMap::new();
        // The elements around the headline, the main element and the article body.
        let mut holders: HashSet<usize> = HashSet::new();
        for element in doc.select(&selector("h1, main, [itemprop=articleBody]")) {
            for ancestor in element.ancestors() {
                if !holders.insert(key(ancestor.value())) {
                    break;
                }
            }
        }
        // What each element is inside, top down.
        for node in &nodes {
            let Some(element) = ElementRef::wrap(*node) else {
                continue;
            };
            let parent = node
                .parent()
                .and_then(|p| counts.get(&key(p.value())))
                .map_or(0, |c| c.around);
            let value = element.value();
            let mut around = parent;
            match furniture(value, holders.contains(&key(node.value()))) {
                Some(Verdict::Skip | Verdict::Noise) => around |= MENU,
                Some(Verdict::Aside) if matches!(value.name(), "header") => around |= HEADER,
                _ => {}
            }
            if value.attr("role") == Some("banner") {
                around |= MENU;
            }
            if hidden(value) {
                around |= MENU;
            }
            counts.insert(
                key(node.value()),
                Counts {
                    around,
                    ..Counts::default()
                },
            );
        }
        // Text, links and paragraphs, bottom up.
        for node in nodes.iter().rev() {
            let own = match node.value() {
                Node::Text(text) => Counts {
                    text: letters(text),
                    ..Counts::default()
                },
                Node::Element(element) => {
                    let mut own = counts.get(&key(node.value())).copied().unwrap_or_default();
                    let name = element.name();
                    if invisible(name) {
                        own.text = 0;
                        own.link = 0;
                    }
                    if name == "a" {
                        own.link = own.text;
                    }
                    if name == "p"
                        && own.around == 0
                        && own.text >= MIN_PARAGRAPH
                        && own.link * 2 < own.text
                    {
                        own.para = own.text;
                        own.paras = 1;
                    }
                    if matches!(name, "h2" | "h3" | "h4") && own.link > 0 && own.around == 0 {
                        own.linked_headings = 1;
                    }
                    counts.insert(key(node.value()), own);
                    own
                }
                _ => continue,
            };
            if let Some(parent) = node.parent() {
                if let Some(p) = counts.get_mut(&key(parent.value())) {
                    p.text += own.text;
                    p.link += own.link;
                    p.para += own.para;
                    p.paras += own.paras;
                    p.linked_headings += own.linked_headings;
                }
            }
        }
        // Readability: each counted paragraph scores for its parent and grandparent.
        let mut score: HashMap<usize, usize> = HashMap::new();
        for node in &nodes {
            let Some(element) = ElementRef::wrap(*node) else {
                continue;
            };
            if element.value().name() != "p" {
                continue;
            }
            let c = counts.get(&key(node.value())).copied().unwrap_or_default();
            if c.paras == 0 {
                continue;
            }
            if let Some(parent) = node.parent() {
                *score.entry(key(parent.value())).or_default() += c.para;
                if let Some(grand) = parent.parent() {
                    *score.entry(key(grand.value())).or_default() += c.para / 2;
                }
            }
        }
        Page {
            doc,
            counts,
            score,
            holders,
        }
    }

    fn counts(&self, element: ElementRef<'_>) -> Counts {
        self.counts
            .get(&element_key(element))
            .copied()
            .unwrap_or_default()
    }

    fn body_element(&self) -> ElementRef<'a> {
        self.doc
            .select(&selector("body"))
            .next()
            .unwrap_or_else(|| self.doc.root_element())
    }

    /// Enough paragraph text for an article, and not a list of story headlines.
    fn holds_article(&self, element: ElementRef<'_>) -> bool {
        let c = self.counts(element);
        c.para >= MIN_BODY && c.linked_headings * 2 < c.paras.max(1) + 1 && c.link * 2 < c.text
    }

    /// The best of `candidates` by paragraph text, if it holds an article.
    fn best(&self, candidates: Vec<ElementRef<'a>>) -> Option<ElementRef<'a>> {
        candidates
            .into_iter()
            .filter(|e| self.counts(*e).around & MENU == 0)
            .max_by_key(|e| self.counts(*e).para)
            .filter(|e| self.holds_article(*e))
    }

    /// The nearest `article` or `main` around an element, else the page body.
    fn scope_of(&self, element: ElementRef<'a>) -> ElementRef<'a> {
        element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| {
                let v = a.value();
                matches!(v.name(), "article" | "main") || v.attr("role") == Some("main")
            })
            .unwrap_or_else(|| self.body_element())
    }

    /// Find the article's element (see the module comment), or say why there is none.
    fn choose(&self) -> Result<Choice<'a>, String> {
        let body_classes = [
            "articlebody",
            "article-body",
            "article__body",
            "article_body",
            "article-content",
            "article__content",
            "article-text",
            "story-body",
            "story__body",
            "story-content",
            "story-text",
            "entry-content",
            "post-content",
            "post-body",
            "post-entry",
            "content-body",
            "body-text",
            "field-body",
            "rich-text",
        ];
        let marked: Vec<ElementRef<'a>> = self
            .doc
            .select(&selector("[itemprop=articleBody], [class], [id]"))
            .filter(|e| {
                let v = e.value();
                v.attr("itemprop")
                    .is_some_and(|p| p.split_whitespace().any(|w| w == "articleBody"))
                    || class_words(v)
                        .iter()
                        .any(|w| body_classes.contains(&w.as_str()))
            })
            .collect();
        if let Some(body) = self.best(marked) {
            return Ok(Choice {
                body,
                scope: self.scope_of(body),
                how: "the article body element",
            });
        }
        let articles: Vec<ElementRef<'a>> = self
            .doc
            .select(&selector("article"))
            .filter(|e| self.counts(*e).around & MENU == 0)
            .collect();
        let mut scores: Vec<usize> = articles.iter().map(|a| self.counts(*a).para).collect();
        scores.sort_unstable_by(|a, b| b.cmp(a));
        // Several `article`s of like size are the cards of a list, not one article.
        let cards = scores.len() >= 3 && scores[0] < 2 * scores[1];
        if !cards {
            if let Some(body) = self.best(articles) {
                return Ok(Choice {
                    body,
                    scope: body,
                    how: "the <article> element",
                });
            }
        }
        let mains: Vec<ElementRef<'a>> = self.doc.select(&selector("main, [role=main]")).collect();
        if let Some(body) = self.best(mains) {
            return Ok(Choice {
                body,
                scope: body,
                how: "the <main> element",
            });
        }
        let best = self
            .doc
            .root_element()
            .descendent_elements()
            .filter(|e| self.counts(*e).around & MENU == 0)
            .filter_map(|e| self.score.get(&element_key(e)).map(|s| (*s, e)))
            .max_by_key(|(s, _)| *s)
            .map(|(_, e)| e)
            .filter(|e| !cards && self.holds_article(*e));
        if let Some(body) = best {
            return Ok(Choice {
                body,
                scope: self.scope_of(body),
                how: "the element with the most paragraph text",
            });
        }
        Err(self.why_no_article(cards.then_some(scores.len())))
    }

    /// Why the page holds no article, in words for the editor.
    fn why_no_article(&self, cards: Option<usize>) -> String {
        let body = self.body_element();
        if self.counts(body).text == 0 {
            return "the page is empty (its body has no text)".to_string();
        }
        let links: Vec<ElementRef<'_>> = body
            .select(&selector("a[href]"))
            .filter(|a| !text_of(*a).is_empty())
            .collect();
        let listed = links
            .iter()
            .filter(|a| self.counts(**a).around & (MENU | HEADER) == 0)
            .count();
        if let Some(n) = cards {
            return format!("the page is a list of {n} stories, not one article");
        }
        if listed >= 3 {
            return format!("the page is a list of {listed} links with no body text");
        }
        if !links.is_empty() {
            let cookie = body.descendent_elements().any(|e| {
                class_words(e.value())
                    .iter()
                    .any(|w| matches!(w.as_str(), "cookie" | "cookies" | "consent" | "gdpr"))
            });
            return format!(
                "the page is only navigation{} ({} link{}) with no body text",
                if cookie { " and a cookie notice" } else { "" },
                links.len(),
                if links.len() == 1 { "" } else { "s" }
            );
        }
        let headline = body
            .select(&selector("h1"))
            .map(text_of)
            .find(|t| !t.is_empty());
        match headline {
            Some(h) => format!("a headline (\u{201c}{h}\u{201d}) with no body text under it"),
            None => "no paragraphs of body text".to_string(),
        }
    }

    /// The visible headline: the `h1` inside the article; else og:title (or JSON-LD
    /// `headline`), or the page's own `h1` when it says the same; else `<title>` without
    /// the site name. Never the site name.
    fn title(&self, meta: &Meta, scope: ElementRef<'_>) -> Option<String> {
        let site = meta.site_name();
        let not_site =
            |t: &String| !t.is_empty() && site.as_deref().is_none_or(|s| !plain::same_line(t, s));
        let headline = |e: ElementRef<'_>| {
            let v = e.value();
            self.counts(e).around & MENU == 0
                && !class_words(v)
                    .iter()
                    .any(|w| matches!(w.as_str(), "logo" | "brand" | "masthead" | "site"))
        };
        let in_scope = scope
            .select(&selector("h1"))
            .filter(|e| headline(*e))
            .map(text_of)
            .find(not_site);
        if in_scope.is_some() {
            return in_scope;
        }
        let page_h1s: Vec<String> = self
            .doc
            .select(&selector("body h1"))
            .filter(|e| headline(*e))
            .map(text_of)
            .filter(not_site)
            .collect();
        let stated = meta
            .get("og:title")
            .or_else(|| meta.get("twitter:title"))
            .map(plain_text)
            .or_else(|| meta.ld.headline.clone())
            .map(|t| strip_site_name(&t, site.as_deref()))
            .filter(not_site);
        let said = |t: &str| {
            page_h1s
                .iter()
                .find(|h| plain::same_line(h, t) || t.starts_with(h.as_str()))
                .cloned()
        };
        if let Some(stated) = stated {
            return Some(said(&stated).unwrap_or(stated));
        }
        let from_title = self
            .doc
            .select(&selector("head title, title"))
            .next()
            .map(text_of)
            .map(|t| strip_site_name(&t, site.as_deref()))
            .filter(not_site);
        match from_title {
            Some(t) => Some(said(&t).unwrap_or(t)),
            None => page_h1s.into_iter().next(),
        }
    }

    /// The lead figure: the first `figure` in the article with a picture in it.
    fn lead_figure(&self, scope: ElementRef<'a>) -> Option<ElementRef<'a>> {
        scope.select(&selector("figure, div.wp-caption")).find(|f| {
            self.counts(*f).around & MENU == 0
                && f.select(&selector("img, picture, source")).next().is_some()
        })
    }

    /// The author an element marked as the byline names (`rel=author`,
    /// `itemprop=author`, a `byline` or `author` class): "By Jane Doe", "بقلم: …", or
    /// the name alone.
    fn byline_element(&self, scope: ElementRef<'_>, meta: &Meta) -> Option<String> {
        let site = meta.site_name();
        scope
            .descendent_elements()
            .filter(|e| {
                let v = e.value();
                self.counts(*e).around & MENU == 0
                    && (v
                        .attr("rel")
                        .is_some_and(|r| r.split_whitespace().any(|w| w == "author"))
                        || v.attr("itemprop")
                            .is_some_and(|p| p.split_whitespace().any(|w| w == "author"))
                        || class_words(v).iter().any(|w| {
                            matches!(
                                w.as_str(),
                                "author" | "byline" | "author-name" | "byline-name"
                            )
                        }))
            })
            .map(text_of)
            .filter(|t| !t.is_empty() && char_len(t) <= 100)
            .find_map(|t| {
                let name = match byline_of(&t) {
                    Some(b) => b.author,
                    None => {
                        let words = t.split_whitespace().count();
                        if words > 5 || t.chars().any(|c| c.is_numeric()) {
                            return None;
                        }
                        t
                    }
                };
                site.as_deref()
                    .is_none_or(|s| !plain::same_line(&name, s))
                    .then_some(name)
            })
    }

    /// The article: title, body, photo, caption and facts.
    fn article(
        &self,
        meta: &Meta,
        choice: &Choice<'a>,
        title: String,
    ) -> Result<RawArticle, String> {
        let judge = |e: ElementRef<'_>| -> Verdict {
            let value = e.value();
            if invisible(value.name()) || hidden(value) {
                return Verdict::Skip;
            }
            // WordPress's figure, read as the lead figure like `<figure>`.
            if class_words(value).iter().any(|w| w == "wp-caption") {
                return Verdict::Noise;
            }
            if let Some(verdict) = furniture(value, self.holders.contains(&element_key(e))) {
                // A byline box that is the whole article is no byline box.
                if verdict != Verdict::Aside || self.counts(e).para < 2 * MIN_BODY {
                    return verdict;
                }
            }
            let c = self.counts(e);
            if matches!(
                value.name(),
                "ul" | "ol" | "div" | "section" | "p" | "li" | "table"
            ) && c.text > 0
                && c.link * 5 >= c.text * 4
            {
                return Verdict::Noise;
            }
            Verdict::Walk
        };
        let converted = walk(choice.body, Some(&judge));
        let figure = self.lead_figure(choice.scope);
        let caption = figure
            .and_then(figure_caption)
            .or_else(|| converted.figcaption.as_deref().and_then(caption_from_text));

        let mut body = converted.blocks;
        let mut noise = converted.noise;
        let mut duplicates = Vec::new();
        let mut set_aside = Vec::new();
        let mut author = meta.author();
        let mut byline_agency: Option<&'static str> = None;

        // The header's lines (headline, kicker, byline, date): the headline is a repeat,
        // the byline names the author.
        for line in converted.aside {
            if plain::same_line(&line.text, &title) {
                duplicates.push(line);
                continue;
            }
            if let Some(b) = byline_of(&line.text) {
                if author.is_none() {
                    author = Some(b.author);
                }
                byline_agency = byline_agency.or(b.agency);
            }
            set_aside.push(line);
        }
        if author.is_none() {
            author = self.byline_element(choice.scope, meta);
        }
        // The headline repeated in the body.
        let (kept, repeats): (Vec<RawLine>, Vec<RawLine>) = body
            .into_iter()
            .partition(|b| !plain::same_line(&b.text, &title));
        body = kept;
        duplicates.extend(repeats);
        // Bylines, date and time lines before the lead.
        while let Some(first) = body.first().filter(|b| !b.heading) {
            if let Some(b) = byline_of(&first.text) {
                if author.is_none() {
                    author = Some(b.author);
                }
                byline_agency = byline_agency.or(b.agency);
            } else if !stamp_line(&first.text, author.as_deref()) {
                break;
            }
            set_aside.push(body.remove(0));
        }
        // Notes, trailers, copyright and source lines, anywhere; a byline or date line
        // left at the very end.
        let (kept, notes): (Vec<RawLine>, Vec<RawLine>) = body
            .into_iter()
            .partition(|b| b.heading || plain::furniture(&b.text).is_none());
        body = kept;
        set_aside.extend(notes);
        while let Some(last) = body.last().filter(|b| !b.heading) {
            if byline_of(&last.text).is_none() && !stamp_line(&last.text, author.as_deref()) {
                break;
            }
            set_aside.extend(body.pop());
        }
        if let Some(c) = &caption {
            let (kept, repeats): (Vec<RawLine>, Vec<RawLine>) = body.into_iter().partition(|b| {
                !plain::same_line(&b.text, &c.text) && !plain::same_line(&b.text, &c.raw)
            });
            body = kept;
            duplicates.extend(repeats);
        }
        // Headings with nothing under them at the end ("Related", "More on this").
        while body.last().is_some_and(|b| b.heading) {
            noise.extend(body.pop());
        }
        if body.iter().all(|b| b.heading) {
            return Err(format!(
                "no article found: a headline (\u{201c}{title}\u{201d}) with no body text under it"
            ));
        }

        // The agency an article names (its dateline, or an agency as the author) beats
        // the publication the page belongs to.
        let author_agency = author
            .as_deref()
            .filter(|a| char_len(a) <= 40)
            .and_then(credit::dateline_agency);
        if author_agency.is_some() {
            author = None;
        }
        let lead_agency = body
            .iter()
            .find(|b| !b.heading)
            .and_then(|b| credit::dateline_agency(&b.text));
        let source = lead_agency
            .or(author_agency)
            .or(byline_agency)
            .map(str::to_string)
            .or_else(|| meta.publisher());

        // Without a machine date, the page's visible date (a `<time>` or date element)
        // on a line of its own, for the dating rules to read.
        let published = meta.published(self, choice.scope);
        if published.is_none() {
            let shown: Vec<RawLine> = choice
                .scope
                .descendent_elements()
                .filter(|e| {
                    self.counts(*e).around & MENU == 0
                        && (e.value().name() == "time"
                            || class_words(e.value())
                                .iter()
                                .any(|w| matches!(w.as_str(), "date" | "timestamp")))
                })
                .map(text_of)
                .filter(|t| date_stamp_line(t).is_some())
                .filter(|t| !set_aside.iter().any(|l| l.text == *t))
                .map(|t| RawLine::at(0, t))
                .collect();
            set_aside.splice(0..0, shown);
        }
        let source_url = meta.source_url();
        let base = source_url.clone().or_else(|| meta.base());
        let absolute = |url: String| resolve(&url, base.as_deref());
        let image = meta
            .image()
            .or_else(|| figure.and_then(figure_image))
            .or(converted.image)
            .map(absolute)
            // A web address or a path; never `javascript:` or another scheme.
            .filter(|u| web_address(u) || !u.split('/').next().unwrap_or_default().contains(':'));
        Ok(RawArticle {
            number: 1,
            title: RawLine::at(0, title),
            caption,
            stamp: None,
            body,
            noise,
            duplicates,
            facts: Facts {
                author,
                source,
                source_url,
                image,
                published,
                lang: meta.lang.clone(),
                set_aside,
            },
        })
    }
}

/// A byline line: "By Jane Doe", "By Jane Doe | June 4, 2024", "بقلم: …".
fn byline_of(text: &str) -> Option<credit::Byline> {
    let first = text
        .split(['|', '\u{2022}', '\u{00b7}', '\u{2014}', '\u{2013}'])
        .next()
        .unwrap_or(text)
        .trim();
    credit::byline(text).or_else(|| credit::byline(first))
}

/// A line that only repeats when or by whom: a date or time stamp ("June 4, 2024",
/// "Updated 10:30 GMT"), the author's name alone, or such parts joined by "|" or "·".
fn stamp_line(text: &str, author: Option<&str>) -> bool {
    if char_len(text) > 120 {
        return false;
    }
    let part = |p: &str| {
        let p = p.trim();
        p.is_empty()
            || date_stamp_line(p).is_some()
            || time_stamp_line(p)
            || author.is_some_and(|a| plain::same_line(p, a))
            || matches!(
                p.to_lowercase().trim_end_matches(':'),
                "published" | "updated" | "last updated" | "posted" | "نشر في" | "آخر تحديث"
            )
    };
    part(text) || text.split(['|', '\u{2022}', '\u{00b7}']).all(part)
}

/// A figure's caption and credit: the credit from its own element (`.credit`,
/// `<small>`, `<cite>`) when it has one, else split from the end of the caption the way
/// the feed reader does ("… (AP Photo/Name)", "… REUTERS/Name", "… Photo: Name / AFP").
fn figure_caption(figure: ElementRef<'_>) -> Option<Caption> {
    let figcaption = figure
        .select(&selector("figcaption, .wp-caption-text"))
        .next();
    let credit_element = figure.descendent_elements().find(|e| {
        let v = e.value();
        matches!(v.name(), "small" | "cite")
            || class_words(v).iter().any(|w| {
                matches!(
                    w.as_str(),
                    "credit" | "credits" | "copyright" | "photographer" | "source"
                )
            })
            || v.attr("itemprop")
                .is_some_and(|p| matches!(p, "copyrightHolder" | "creator" | "author"))
    });
    let Some(credit_element) = credit_element else {
        return caption_from_text(&text_of(figcaption?));
    };
    let credit_text = text_of(credit_element);
    // The caption without the credit's own text.
    let text = figcaption
        .map(|fc| {
            let mut out = String::new();
            for node in fc.descendants() {
                if let Node::Text(t) = node.value() {
                    let inside = node.ancestors().any(|a| a.id() == credit_element.id());
                    if !inside {
                        out.push_str(t);
                    }
                }
            }
            normalize_space(&out).into_owned()
        })
        .unwrap_or_default();
    let credit = credit::credit_line(&credit_text).or_else(|| {
        let bare = credit_text
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim();
        (!bare.is_empty()).then(|| credit_from(bare))
    });
    if text.is_empty() && credit.is_none() {
        return None;
    }
    let raw = match (&text, &credit) {
        (t, _) if t.is_empty() => credit_text.clone(),
        (t, Some(_)) => format!("{t} {credit_text}"),
        (t, None) => t.clone(),
    };
    Some(Caption {
        raw,
        text: credit::split_credit(&text, false)
            .map(|(kept, _)| kept)
            .unwrap_or(text),
        credit,
        lines: vec![],
    })
}

/// A caption line → text and credit.
fn caption_from_text(text: &str) -> Option<Caption> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(credit) = credit::credit_line(text) {
        return Some(Caption {
            raw: text.to_string(),
            text: String::new(),
            credit: Some(credit),
            lines: vec![],
        });
    }
    let (kept, found): (String, Option<Credit>) = match split_credit(text, false) {
        Some((kept, found)) => (kept, Some(found)),
        None => (text.to_string(), None),
    };
    Some(Caption {
        raw: text.to_string(),
        text: kept,
        credit: found,
        lines: vec![],
    })
}

/// The figure's picture: `img` `src` (or a lazy-loading `data-src`), else the first
/// candidate of a `srcset`.
fn figure_image(figure: ElementRef<'_>) -> Option<String> {
    for element in figure.select(&selector("img, source")) {
        let v = element.value();
        let src = ["src", "data-src", "data-lazy-src", "data-original"]
            .iter()
            .filter_map(|a| v.attr(a))
            .map(str::trim)
            .find(|s| !s.is_empty() && !s.starts_with("data:"));
        if let Some(src) = src {
            return Some(src.to_string());
        }
        let set = v.attr("srcset").or_else(|| v.attr("data-srcset"));
        if let Some(first) = set
            .and_then(|s| s.split(',').next())
            .and_then(|c| c.split_whitespace().next())
        {
            return Some(first.to_string());
        }
    }
    None
}

/// "Headline | Site" → "Headline"; "Headline - Site" → "Headline" (the last part only
/// when it is short, or is the site's name); "Site | Headline" → "Headline".
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = normalize_space(title).into_owned();
    const SEPARATORS: &[&str] = &[
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " \u{00b7} ",
        " :: ",
        " \u{00bb} ",
    ];
    if let Some(site) = site {
        for sep in SEPARATORS {
            if let Some(head) = title.strip_suffix(&format!("{sep}{site}")) {
                return head.trim().to_string();
            }
            if let Some(tail) = title.strip_prefix(&format!("{site}{sep}")) {
                return tail.trim().to_string();
            }
        }
    }
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let short = tail.split_whitespace().count() <= 4 && char_len(tail) <= 40;
            if (*sep == " | " || short) && char_len(head) > char_len(tail) {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// What the page states in machine form.
#[derive(Debug, Default)]
struct Meta {
    /// `<meta>` by `property`, `name`, `itemprop` or `http-equiv` (lowercased): the first
    /// non-empty content.
    tags: HashMap<String, String>,
    canonical: Option<String>,
    base: Option<String>,
    lang: Option<String>,
    ld: LinkedData,
}

impl Meta {
    fn read(doc: &Html) -> Meta {
        let mut meta = Meta::default();
        for element in doc.select(&selector("meta[content]")) {
            let v = element.value();
            let content = normalize_space(v.attr("content").unwrap_or_default()).into_owned();
            if content.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = v.attr(attr) {
                    meta.tags
                        .entry(k.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        meta.canonical = doc
            .select(&selector("link[rel][href]"))
            .find(|l| {
                l.value().attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.value().attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
        meta.base = doc
            .select(&selector("base[href]"))
            .next()
            .and_then(|b| b.value().attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| web_address(h));
        meta.ld = LinkedData::read(doc);
        meta.lang = doc
            .root_element()
            .value()
            .attr("lang")
            .or_else(|| doc.root_element().value().attr("xml:lang"))
            .and_then(language)
            .or_else(|| meta.get("og:locale").and_then(language))
            .or_else(|| meta.ld.lang.as_deref().and_then(language))
            .or_else(|| meta.get("content-language").and_then(language));
        meta
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.tags.get(key).map(String::as_str)
    }

    /// The publication: JSON-LD `publisher.name`, else og:site_name.
    fn publisher(&self) -> Option<String> {
        self.ld
            .publisher
            .clone()
            .or_else(|| self.get("og:site_name").map(plain_text))
            .or_else(|| self.get("application-name").map(plain_text))
            .filter(|s| !s.is_empty())
    }

    /// The site's name, to keep it out of titles and bylines.
    fn site_name(&self) -> Option<String> {
        self.get("og:site_name")
            .map(plain_text)
            .or_else(|| self.ld.publisher.clone())
            .or_else(|| self.get("application-name").map(plain_text))
            .filter(|s| !s.is_empty())
    }

    /// The byline the metadata gives: JSON-LD authors (people), else `<meta
    /// name=author>` (not a link, not the site's name).
    fn author(&self) -> Option<String> {
        if !self.ld.authors.is_empty() {
            return Some(join_names(&self.ld.authors));
        }
        let site = self.site_name();
        [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ]
        .iter()
        .filter_map(|k| self.get(k))
        .map(plain_text)
        .find(|a| {
            !a.is_empty()
                && !a.contains("://")
                && !a.contains('@')
                && site.as_deref().is_none_or(|s| !plain::same_line(a, s))
        })
        .map(|a| credit::byline(&a).map(|b| b.author).unwrap_or(a))
    }

    /// The canonical address: `<link rel=canonical>`, else og:url, else JSON-LD `url`,
    /// made absolute against the others; only http(s).
    fn source_url(&self) -> Option<String> {
        let stated: Vec<String> = [
            self.canonical.clone(),
            self.get("og:url").map(str::to_string),
            self.ld.url.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let absolute_base = stated
            .iter()
            .find(|u| web_address(u))
            .cloned()
            .or_else(|| self.base.clone());
        stated.iter().find_map(|u| {
            if web_address(u) {
                Some(u.clone())
            } else {
                absolute_base
                    .as_deref()
                    .map(|b| resolve(u, Some(b)))
                    .filter(|r| web_address(r))
            }
        })
    }

    /// A base for relative links: `<base href>`, else og:url.
    fn base(&self) -> Option<String> {
        self.base
            .clone()
            .or_else(|| self.get("og:url").map(str::to_string))
            .filter(|u| web_address(u))
    }

    /// The lead photo the page declares: og:image, else JSON-LD `image`, else the
    /// Twitter card's.
    fn image(&self) -> Option<String> {
        ["og:image", "og:image:url", "og:image:secure_url"]
            .iter()
            .find_map(|k| self.get(k))
            .map(str::to_string)
            .or_else(|| self.ld.image.clone())
            .or_else(|| {
                ["twitter:image", "twitter:image:src"]
                    .iter()
                    .find_map(|k| self.get(k))
                    .map(str::to_string)
            })
            .filter(|i| !i.starts_with("data:"))
    }

    /// The publication time: a `<time>` marked as the publication date, else
    /// article:published_time, else JSON-LD `datePublished`, else the first `<time
    /// datetime>` in the article, else other date metadata.
    fn published(&self, page: &Page<'_>, scope: ElementRef<'_>) -> Option<DateTime<FixedOffset>> {
        let times: Vec<ElementRef<'_>> = scope
            .select(&selector("time[datetime]"))
            .filter(|t| page.counts(*t).around & MENU == 0)
            .collect();
        let marked = times
            .iter()
            .chain(
                page.doc
                    .select(&selector("time[itemprop=datePublished]"))
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .find(|t| {
                let v = t.value();
                v.attr("itemprop") == Some("datePublished")
                    || v.attr("pubdate").is_some()
                    || class_words(v)
                        .iter()
                        .any(|w| w == "published" || w == "publish")
            })
            .and_then(|t| t.value().attr("datetime"))
            .and_then(parse_time);
        marked
            .or_else(|| self.get("article:published_time").and_then(parse_time))
            .or_else(|| self.ld.published.as_deref().and_then(parse_time))
            .or_else(|| self.get("datepublished").and_then(parse_time))
            .or_else(|| {
                times
                    .iter()
                    .filter_map(|t| t.value().attr("datetime"))
                    .find_map(parse_time)
            })
            .or_else(|| {
                [
                    "og:published_time",
                    "publish-date",
                    "publishdate",
                    "pubdate",
                    "date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.created",
                    "parsely-pub-date",
                    "sailthru.date",
                ]
                .iter()
                .filter_map(|k| self.get(k))
                .find_map(parse_time)
            })
    }
}

/// An absolute web address.
fn web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && lower.len() > 8
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// A machine date: RFC 3339 ("2024-06-04T10:30:00+03:00", "…Z"), with the offset
/// written without a colon, RFC 2822, a date and time without an offset or a bare date
/// (the day as written: noon UTC, so that no site time zone moves it to another day).
fn parse_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, format) {
            return Some(d);
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Some(d);
    }
    let noon = |date: NaiveDate| {
        date.and_hms_opt(12, 0, 0)
            .map(|n| n.and_utc().fixed_offset())
    };
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, format) {
            return noon(d.date());
        }
    }
    let day = t.get(..10).unwrap_or(t);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .and_then(noon)
}

/// What JSON-LD says of the article.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    /// People named as authors (organisations are left out: they are the publisher or
    /// an agency, and an agency is the source).
    authors: Vec<String>,
    /// An organisation named as the author (an agency).
    image: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

/// The schema.org types of an article.
fn article_type(value: &Value) -> bool {
    let is_article = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        t.ends_with("NewsArticle")
            || matches!(
                t,
                "Article" | "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting"
            )
    };
    match value.get("@type") {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

fn type_is(value: &Value, name: &str) -> bool {
    match value.get("@type") {
        Some(Value::String(t)) => t.rsplit(['/', ':']).next() == Some(name),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .any(|t| t.rsplit(['/', ':']).next() == Some(name)),
        _ => false,
    }
}

impl LinkedData {
    fn read(doc: &Html) -> LinkedData {
        let mut objects: Vec<Value> = Vec::new();
        for script in doc.select(&selector("script[type]")) {
            let kind = script.value().attr("type").unwrap_or_default();
            if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
                continue;
            }
            let raw: String = script.text().collect();
            let raw = raw
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .trim();
            let Ok(value) = serde_json::from_str::<Value>(raw) else {
                continue;
            };
            // Every object, through arrays and @graph, without recursion.
            let mut stack = vec![value];
            while let Some(v) = stack.pop() {
                match v {
                    Value::Array(items) => stack.extend(items.into_iter().rev()),
                    Value::Object(mut map) => {
                        if let Some(graph) = map.remove("@graph") {
                            stack.push(graph);
                        }
                        objects.push(Value::Object(map));
                    }
                    _ => {}
                }
            }
        }
        let by_id: HashMap<String, &Value> = objects
            .iter()
            .filter_map(|o| {
                o.get("@id")
                    .and_then(Value::as_str)
                    .map(|id| (id.to_string(), o))
            })
            .collect();
        // A reference ({"@id": "#org"}) is the object it names.
        let deref = |v: &'_ Value| -> Value {
            match v.get("@id").and_then(Value::as_str) {
                Some(id) if v.as_object().is_some_and(|m| m.len() == 1) => by_id
                    .get(id)
                    .map(|o| (*o).clone())
                    .unwrap_or_else(|| v.clone()),
                _ => v.clone(),
            }
        };
        let Some(article) = objects.iter().find(|o| article_type(o)) else {
            return LinkedData::default();
        };
        let string = |v: Option<&Value>| -> Option<String> {
            match v? {
                Value::String(s) => Some(plain_text(s)).filter(|s| !s.is_empty()),
                Value::Array(items) => items.iter().find_map(|i| i.as_str().map(plain_text)),
                _ => None,
            }
        };
        let list = |v: Option<&Value>| -> Vec<Value> {
            match v {
                Some(Value::Array(items)) => items.iter().map(&deref).collect(),
                Some(other) => vec![deref(other)],
                None => vec![],
            }
        };
        let mut authors = Vec::new();
        for a in list(article.get("author").or_else(|| article.get("creator"))) {
            let name = match &a {
                Value::String(s) => Some(plain_text(s)),
                Value::Object(_)
                    if type_is(&a, "Organization")
                        && credit::dateline_agency(&string(a.get("name")).unwrap_or_default())
                            .is_none() =>
                {
                    None
                }
                Value::Object(_) => string(a.get("name")),
                _ => None,
            };
            if let Some(name) = name.filter(|n| !n.is_empty() && !n.contains("://")) {
                if !authors.contains(&name) {
                    authors.push(name);
                }
            }
        }
        let image = list(article.get("image"))
            .into_iter()
            .find_map(|i| match i {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(_) => string(i.get("url").or_else(|| i.get("contentUrl"))),
                _ => None,
            })
            .filter(|s| !s.is_empty());
        let publisher = list(article.get("publisher"))
            .into_iter()
            .find_map(|p| match p {
                Value::String(s) => Some(plain_text(&s)),
                Value::Object(_) => string(p.get("name")),
                _ => None,
            })
            .filter(|s| !s.is_empty());
        let url = string(article.get("url")).or_else(|| {
            list(article.get("mainEntityOfPage"))
                .into_iter()
                .find_map(|m| match m {
                    Value::String(s) => Some(s),
                    Value::Object(_) => string(m.get("@id").or_else(|| m.get("url"))),
                    _ => None,
                })
        });
        LinkedData {
            headline: string(article.get("headline")).or_else(|| string(article.get("name"))),
            published: string(article.get("datePublished"))
                .or_else(|| string(article.get("dateCreated"))),
            authors,
            image,
            publisher,
            url,
            lang: string(article.get("inLanguage")),
        }
    }
}

#[cfg(test)]
mod tests {
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

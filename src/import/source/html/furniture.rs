//! Page furniture: the class and id words of ads, share buttons, related lists,
//! newsletter boxes and the like, and hidden elements, so the body walk can drop them.

use super::*;

/// The words of an element's class and id: "c-article__byline js-x" → c, article,
/// byline, js, x; and each whole token, lowercased.
pub(super) fn class_words(element: &Element) -> Vec<String> {
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
pub(super) const FURNITURE_WORDS: &[&str] = &[
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
pub(super) const ASIDE_WORDS: &[&str] = &[
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
pub(super) fn furniture(element: &Element, holder: bool) -> Option<Verdict> {
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
pub(super) fn hidden(element: &Element) -> bool {
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

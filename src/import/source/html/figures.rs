//! Figures: a photo's address, and its caption and credit.

use super::*;

/// A figure's caption and credit: the credit from its own element (`.credit`,
/// `<small>`, `<cite>`) when it has one, else split from the end of the caption the way
/// the feed reader does ("… (AP Photo/Name)", "… REUTERS/Name", "… Photo: Name / AFP").
pub(super) fn figure_caption(figure: ElementRef<'_>) -> Option<Caption> {
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
pub(super) fn caption_from_text(text: &str) -> Option<Caption> {
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
pub(super) fn figure_image(figure: ElementRef<'_>) -> Option<String> {
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

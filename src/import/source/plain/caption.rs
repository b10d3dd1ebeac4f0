//! Photo captions: what looks like a caption, its text without the parentheses, file
//! photos, photo agencies and credit lines, and the caption made from its lines.

use super::*;

/// Ends with a photo credit ("(AP)", ", AFP", "Fethi Beland, AFP").
pub(super) fn caption_like(text: &str) -> bool {
    char_len(text) <= 1000 && split_credit(&caption_text(text), false).is_some()
}

/// A caption line without the licensing links that photo sites add after the credit
/// ("… REUTERS/Name Purchase Licensing Rights, opens new tab").
pub(super) fn caption_text(text: &str) -> std::borrow::Cow<'_, str> {
    let mut t = text.trim_end();
    for tail in [
        ", opens new tab",
        "opens new tab",
        "Purchase Licensing Rights",
        "Purchase licensing rights",
    ] {
        if let Some(before) = t.strip_suffix(tail) {
            t = before.trim_end();
        }
    }
    if t.len() == text.len() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(t.to_string())
    }
}

/// A caption that says it is one: "FILE PHOTO: …", "File photo: …", "FILE - …" (AP).
pub(super) fn file_photo(text: &str) -> bool {
    [
        "FILE PHOTO:",
        "File photo:",
        "File Photo:",
        "FILE PHOTO -",
        "FILE -",
        "FILE:",
        "صورة أرشيفية",
    ]
    .iter()
    .any(|p| text.starts_with(p))
}

/// A caption line inside a body (or wherever it sits): ends with a photographer's credit
/// or one in parentheses or brackets, or says "FILE PHOTO". A dateline paragraph that
/// names its agency is never one.
pub(super) fn body_caption(text: &str) -> bool {
    if char_len(text) > 600 || credit::dateline(text).is_some_and(|d| d.agency.is_some()) {
        return false;
    }
    if file_photo(text) {
        return true;
    }
    let t = caption_text(text);
    let t = t.trim_end();
    match split_credit(t, false) {
        Some((_, credit)) => {
            credit.photographer.is_some()
                || t.ends_with(')')
                || t.ends_with(']')
                || credit.agencies.iter().all(|a| photo_agency(a))
        }
        None => false,
    }
}

/// Agencies that only sell photos: never the source of a story.
pub(super) fn photo_agency(name: &str) -> bool {
    matches!(
        name,
        "Getty Images"
            | "EPA"
            | "EPA-EFE"
            | "Shutterstock"
            | "Alamy"
            | "NurPhoto"
            | "ZUMA"
            | "Sipa"
            | "Abaca"
            | "SOPA Images"
    )
}

/// A line that is only a photo credit fit to close a caption: a photographer or a photo
/// label ("Photo: AFP"), or a photo agency ("Getty Images"). A bare news agency
/// ("Reuters") on its own is the story's source, not a credit.
pub(super) fn photo_credit_line(text: &str) -> Option<Credit> {
    let credit = credit_line(text)?;
    let labelled = text.contains("Photo") || text.contains("photo") || text.contains("Image");
    (credit.photographer.is_some() || labelled || credit.agencies.iter().all(|a| photo_agency(a)))
        .then_some(credit)
}

/// Build the caption from its lines: text and credit split, the credit from the last
/// line when that line is only a credit.
pub(super) fn make_caption(lines: &[RawLine]) -> Caption {
    let raw = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let last_credit = lines
        .last()
        .filter(|_| lines.len() >= 2)
        .and_then(|l| credit_line(&l.text));
    let (text, credit) = match last_credit {
        Some(credit) => {
            let text = lines[..lines.len() - 1]
                .iter()
                .map(|l| caption_text(&l.text).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            let text = match split_credit(&text, false) {
                Some((t, _)) => t,
                None => text,
            };
            (text, Some(credit))
        }
        None if lines.len() == 1 && credit_line(&lines[0].text).is_some() => {
            (String::new(), credit_line(&lines[0].text))
        }
        None => {
            let cleaned = lines
                .iter()
                .map(|l| caption_text(&l.text).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            match split_credit(&cleaned, true) {
                Some((text, credit)) => (text, Some(credit)),
                None => (cleaned, None),
            }
        }
    };
    Caption {
        raw,
        text,
        credit,
        lines: lines.iter().map(|l| l.line).collect(),
    }
}

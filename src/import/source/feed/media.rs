//! An item's photo (`media:content`, an image enclosure, JSON Feed `image`) and its
//! caption and credit.

use super::*;

pub(super) const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"];
pub(super) const OTHER_MEDIA_EXTENSIONS: &[&str] = &[
    ".mp3", ".mp4", ".m4a", ".m4v", ".ogg", ".oga", ".webm", ".mov", ".wav", ".pdf", ".m3u8",
];

pub(super) fn has_extension(url: &str, extensions: &[&str]) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    extensions.iter().any(|e| path.ends_with(e))
}

/// The item's photo: the widest image `media:content` or image enclosure (a media item
/// without a type is taken for a photo unless its URL says audio or video), else a
/// `media:thumbnail`, else an Atom enclosure link or JSON Feed attachment of an image type.
pub(super) fn item_image(entry: &Entry) -> Option<String> {
    let mut best: Option<(u32, String)> = None;
    for content in entry.media.iter().flat_map(|m| &m.content) {
        let Some(url) = &content.url else { continue };
        let url = url.as_str();
        let image = match &content.content_type {
            Some(t) => {
                let t = t.to_string();
                t.starts_with("image/")
                    || (t == "application/octet-stream" && has_extension(url, IMAGE_EXTENSIONS))
            }
            None => !has_extension(url, OTHER_MEDIA_EXTENSIONS),
        };
        let width = content.width.unwrap_or(0);
        if image && best.as_ref().is_none_or(|(w, _)| width > *w) {
            best = Some((width, url.to_string()));
        }
    }
    if let Some((_, url)) = best {
        return Some(url);
    }
    let thumbnail = entry
        .media
        .iter()
        .flat_map(|m| &m.thumbnails)
        .map(|t| t.image.uri.trim())
        .find(|u| !u.is_empty());
    if let Some(t) = thumbnail {
        return Some(t.to_string());
    }
    entry
        .links
        .iter()
        .find(|l| {
            l.media_type
                .as_deref()
                .is_some_and(|t| t.starts_with("image/"))
                && l.rel.as_deref().is_none_or(|r| r == "enclosure")
        })
        .map(|l| l.href.trim().to_string())
}

/// The photo caption: `media:description` (its credit from `media:credit`, else from the
/// end of the description), else a `figcaption` in the content.
pub(super) fn caption(entry: &Entry, figcaption: Option<&str>) -> Option<Caption> {
    let media: Option<&MediaObject> = entry
        .media
        .iter()
        .find(|m| m.description.is_some())
        .or_else(|| entry.media.iter().find(|m| !m.credits.is_empty()));
    let description = media
        .and_then(|m| m.description.as_ref())
        .map(|d| plain_text(&d.content))
        .filter(|d| !d.is_empty());
    let credits: Vec<String> = media
        .map(|m| {
            m.credits
                .iter()
                .map(|c| plain_text(&c.entity))
                .filter(|c| !c.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let given = (!credits.is_empty()).then(|| credit_from(&credits.join("/")));
    let text = match description {
        Some(d) => d,
        None if given.is_some() && figcaption.is_none() => {
            return Some(Caption {
                raw: credits.join("/"),
                text: String::new(),
                credit: given,
                lines: vec![],
            })
        }
        None => figcaption?.to_string(),
    };
    let (kept, found) = match split_credit(&text, false) {
        Some((kept, found)) => (kept, Some(found)),
        None => (text.clone(), None),
    };
    let raw = match &given {
        Some(_) if found.is_none() => format!("{text} ({})", credits.join("/")),
        _ => text.clone(),
    };
    Some(Caption {
        raw,
        text: kept,
        credit: given.or(found),
        lines: vec![],
    })
}

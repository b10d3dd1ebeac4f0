//! Body images: each `<img>` of a processed photo in the body HTML replaced by its
//! `<picture>` (or by what a feed wants).

use super::photo::{Photo, ARTICLE_SIZES};
use std::sync::Arc;

/// The body HTML with each `<img>` whose `src` is a processed body image replaced by its
/// `<picture>` (srcset, sizes, width, height, lazy loading; the first one eager when
/// `first_eager`: the article has no lead photo, so it is the page's first photo).
pub fn rewrite_body_images(
    html: &str,
    photos: &[(String, Arc<Photo>)],
    root: &str,
    first_eager: bool,
) -> String {
    let mut eager = first_eager;
    replace_body_images(html, photos, |photo, alt| {
        let html = photo.picture_html(root, alt, ARTICLE_SIZES, !eager);
        eager = false;
        html
    })
}

/// The body HTML with each `<img>` whose `src` is one of `photos` replaced by
/// `with(photo, alt)`.
pub fn replace_body_images(
    html: &str,
    photos: &[(String, Arc<Photo>)],
    mut with: impl FnMut(&Photo, &str) -> String,
) -> String {
    if photos.is_empty() || !html.contains("<img") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        let src = attribute(tag, "src").map(|s| unescape(&s));
        let photo = src.and_then(|src| photos.iter().find(|(t, _)| *t == src).map(|(_, p)| p));
        match photo {
            Some(photo) => {
                let alt = attribute(tag, "alt")
                    .map(|a| unescape(&a))
                    .unwrap_or_default();
                out.push_str(&with(photo, &alt));
            }
            None => out.push_str(tag),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The double-quoted value of `name` in a serialised tag (`<img src="…" alt="…">`, as
/// the sanitiser writes it).
pub(super) fn attribute(tag: &str, name: &str) -> Option<String> {
    let pattern = format!(" {name}=\"");
    let start = tag.find(&pattern)? + pattern.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_string())
}

pub(super) fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

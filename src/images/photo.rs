//! A processed photo as articles, templates, feeds and metadata see it: its formats,
//! variants, `srcset` and `<picture>` markup. Plain data: it depends on nothing else of
//! the site, so content/ can hold photos without depending on the pipeline.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    /// The format a file name says, for the raster formats the pipeline reads.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.split(['?', '#']).next().unwrap_or("");
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    pub(super) fn image_format(self) -> image::ImageFormat {
        match self {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
            Format::Webp => image::ImageFormat::WebP,
        }
    }
}

/// One resized file of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// Site-relative output path: `img/market-3f2a9c01d4-800.webp`.
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// A processed photo, as templates see it (`article.photo`, `card.photo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Photo {
    /// Site-relative path of the `<img src>`: the widest variant in the source's format.
    pub src: String,
    /// Pixel size of `src` (for `width`/`height`, and og:image).
    pub width: u32,
    pub height: u32,
    /// MIME type of `src`.
    pub mime: &'static str,
    /// The variants in the source's format, narrowest first (the `<img srcset>`).
    pub original: Vec<Variant>,
    /// The WebP variants, narrowest first (a `<source type="image/webp">`); empty when the
    /// source is WebP already (then `original` is WebP).
    pub webp: Vec<Variant>,
}

impl Photo {
    pub(super) fn new(variants: Vec<Variant>, format: Format) -> Option<Photo> {
        let (mut original, mut webp): (Vec<Variant>, Vec<Variant>) =
            variants.into_iter().partition(|v| v.format == format);
        if format == Format::Webp {
            webp.clear();
        }
        original.sort_by_key(|v| v.width);
        webp.sort_by_key(|v| v.width);
        let widest = original.last()?.clone();
        Some(Photo {
            src: widest.path,
            width: widest.width,
            height: widest.height,
            mime: format.mime(),
            original,
            webp,
        })
    }

    /// A `srcset` value, each path prefixed with `root` (the page's way to the site root).
    pub fn srcset(variants: &[Variant], root: &str) -> String {
        variants
            .iter()
            .map(|v| format!("{root}{} {}w", v.path, v.width))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The `<picture>` markup of this photo in a page at `root`, as the theme's
    /// `picture` macro writes it: for body images, which are HTML before any template.
    pub fn picture_html(&self, root: &str, alt: &str, sizes: &str, lazy: bool) -> String {
        let esc = escape;
        let mut html = String::from("<picture>");
        if !self.webp.is_empty() {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                esc(&Photo::srcset(&self.webp, root)),
                esc(sizes)
            ));
        }
        html.push_str(&format!(
            "<img src=\"{}{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\" decoding=\"async\"{}>",
            esc(root),
            esc(&self.src),
            esc(&Photo::srcset(&self.original, root)),
            esc(sizes),
            self.width,
            self.height,
            esc(alt),
            if lazy { " loading=\"lazy\"" } else { " fetchpriority=\"high\"" }
        ));
        html.push_str("</picture>");
        html
    }
}

/// The `sizes` of an article's photos: the article column (44rem less padding) on wide
/// screens, the viewport less its padding on phones.
pub const ARTICLE_SIZES: &str = "(min-width: 46.5rem) 44rem, calc(100vw - 2.5rem)";

/// Text for an HTML attribute value.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

//! The image pipeline (issue 15). It owns every local photo an article shows: the
//! front-matter `image:` and the body's `![alt](…)` images that are files of the site,
//! found in static/ (the site's or the theme's) or next to the article in content/.
//!
//! For each such JPEG, PNG or WebP it writes resized variants ([`WIDTHS`], never wider
//! than the source) in lossy WebP and in the source's own format under `img/` of the
//! output, and gives the article a [`Photo`] (paths, pixel sizes, srcset candidates) for
//! the templates, the body HTML, feeds and metadata to print. Variants are cached by the
//! SHA-256 of the source's bytes (and the pipeline's settings) under
//! `.gazette/cache/images/` of the site root, so a rebuild decodes and encodes only photos
//! it has never seen; the cache lives outside the output, so it survives the output's
//! atomic swap, and outside content/, so the build never reads it as content.
//!
//! Not its business: remote images (`https://…`, from imported feeds and pages), which
//! pages use as they are; SVG, GIF and other files, which static/ publishes as they are.

mod body;
mod cache;
mod encode;
pub mod photo;
mod pipeline;
pub use body::{replace_body_images, rewrite_body_images};
pub use cache::cache_key;
pub use encode::{encode_variants, encode_webp, target_widths, Encoded};
pub use photo::{Format, Photo, Variant, ARTICLE_SIZES};
pub use pipeline::{content_file, Pipeline};

/// Widths of the variants, in CSS pixels: a phone, a tablet or a narrow column, and a
/// desktop article column at 2x (the column is 44rem). Never wider than the source.
pub const WIDTHS: &[u32] = &[240, 480, 800, 1200];
/// libwebp's quality for lossy WebP (0–100): photos stay clean at a third of JPEG's bytes.
pub const WEBP_QUALITY: f32 = 75.0;
/// JPEG quality of the original-format variants.
pub const JPEG_QUALITY: u8 = 80;
/// Changes whenever the pipeline's output changes for the same source (widths, qualities,
/// resampling), so that old cache entries are not reused.
const CACHE_SALT: &str = "gazette-images-1 lanczos3";
/// The cache folder, under the site root (git-ignored).
pub const CACHE_DIR: &str = ".gazette/cache/images";
/// Where the variants go in the output.
pub const OUTPUT_DIR: &str = "img";

/// What the pipeline did in one run (`--timings`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Distinct local source images.
    pub sources: usize,
    /// Sources decoded, resized and encoded in this run.
    pub encoded: usize,
    /// Sources whose variants all came from the cache.
    pub cached: usize,
    /// Variant files handed to the output.
    pub files: usize,
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "images: {} sources, {} encoded, {} from cache, {} files",
            self.sources, self.encoded, self.cached, self.files
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn widths_never_upscale() {
        assert_eq!(target_widths(3000), [240, 480, 800, 1200]);
        assert_eq!(target_widths(1200), [240, 480, 800, 1200]);
        assert_eq!(target_widths(1000), [240, 480, 800, 1000]);
        assert_eq!(target_widths(820), [240, 480, 820]);
        assert_eq!(target_widths(480), [240, 480]);
        assert_eq!(target_widths(300), [240, 300]);
        assert_eq!(target_widths(260), [260]);
        assert_eq!(target_widths(1), [1]);
    }

    #[test]
    fn formats_from_names() {
        assert_eq!(Format::from_name("a/B.JPG"), Some(Format::Jpeg));
        assert_eq!(Format::from_name("x.jpeg?v=2"), Some(Format::Jpeg));
        assert_eq!(Format::from_name("x.png"), Some(Format::Png));
        assert_eq!(Format::from_name("x.webp"), Some(Format::Webp));
        assert_eq!(Format::from_name("x.svg"), None);
        assert_eq!(Format::from_name("x.gif"), None);
        assert_eq!(Format::from_name("noext"), None);
    }

    #[test]
    fn encodes_jpeg_and_webp_variants() {
        let img = image::RgbImage::from_fn(900, 600, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        let variants = encode_variants(&jpeg, Format::Jpeg).unwrap();
        let sizes: Vec<(u32, u32, Format)> = variants
            .iter()
            .map(|v| (v.width, v.height, v.format))
            .collect();
        assert_eq!(
            sizes,
            [
                (240, 160, Format::Jpeg),
                (240, 160, Format::Webp),
                (480, 320, Format::Jpeg),
                (480, 320, Format::Webp),
                (800, 533, Format::Jpeg),
                (800, 533, Format::Webp),
                (900, 600, Format::Jpeg),
                (900, 600, Format::Webp)
            ]
        );
        for v in &variants {
            let back = image::load_from_memory(&v.data).unwrap();
            assert_eq!((back.width(), back.height()), (v.width, v.height));
            let guessed = image::guess_format(&v.data).unwrap();
            assert_eq!(guessed, v.format.image_format());
        }
    }

    #[test]
    fn body_images_become_pictures() {
        let photo = Arc::new(
            Photo::new(
                vec![
                    Variant {
                        path: "img/a-1-480.jpg".into(),
                        width: 480,
                        height: 320,
                        format: Format::Jpeg,
                        bytes: 1,
                    },
                    Variant {
                        path: "img/a-1-480.webp".into(),
                        width: 480,
                        height: 320,
                        format: Format::Webp,
                        bytes: 1,
                    },
                ],
                Format::Jpeg,
            )
            .unwrap(),
        );
        let html = "<p><img src=\"a.jpg\" alt=\"A &amp; B\"> <img src=\"b.png\" alt=\"\"></p>";
        let out = rewrite_body_images(html, &[("a.jpg".into(), photo)], "../../", false);
        assert!(
            out.contains("<source type=\"image/webp\" srcset=\"../../img/a-1-480.webp 480w\""),
            "{out}"
        );
        assert!(out.contains("src=\"../../img/a-1-480.jpg\""), "{out}");
        assert!(
            out.contains("width=\"480\" height=\"320\" alt=\"A &amp; B\""),
            "{out}"
        );
        assert!(out.contains("loading=\"lazy\""), "{out}");
        assert!(out.contains("<img src=\"b.png\" alt=\"\">"), "{out}");
    }
}

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

use crate::config::SiteConfig;
use crate::content::Article;
use crate::diagnostics::Diagnostic;
use crate::render::theme::Source;
use crate::render::{OutputFile, Sink};
use anyhow::{Context as _, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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

    fn image_format(self) -> image::ImageFormat {
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
    fn new(variants: Vec<Variant>, format: Format) -> Option<Photo> {
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

/// Where a local image of an article is read from.
#[derive(Debug, Clone)]
enum Origin {
    /// A static file (site, theme or embedded): published as it is besides the variants.
    Static(Source),
    /// A file next to the article under content/: only its variants are published.
    Content(PathBuf),
}

#[derive(Debug, Clone)]
struct Located {
    /// `static:images/x.jpg` or `content:gulf/x.jpg`: one per source file.
    key: String,
    origin: Origin,
    format: Format,
    /// File name stem, for readable output names.
    stem: String,
}

/// The pipeline of one build (or serve session): knows where a site's images are.
pub struct Pipeline {
    root: PathBuf,
    base: crate::url::BaseUrl,
    statics: BTreeMap<String, Source>,
    cache: PathBuf,
    /// Processed sources, by key: kept so that serve's updates reuse them.
    done: Mutex<HashMap<String, Arc<Photo>>>,
}

/// The path in content/ (`gulf/photo.jpg`) and on disk of a relative image `target` of
/// `article` (relative to the article's file), when that file exists inside content/ and
/// is a JPEG, PNG or WebP.
pub fn content_file(root: &Path, article: &Article, target: &str) -> Option<(String, PathBuf)> {
    let target = target.trim();
    // Only what the pipeline publishes: raster photos (nothing else in content/ is).
    if target.starts_with('/')
        || crate::url::is_external(target)
        || Format::from_name(target).is_none()
    {
        return None;
    }
    let dir = article
        .content_key
        .rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"));
    // resolve_local normalises `.`/`..` and refuses paths above content/.
    let base = crate::url::BaseUrl::parse("https://x.invalid/").ok()?;
    let rel = crate::url::resolve_local(target, &dir, &base).ok()?;
    if rel.is_empty() || rel.ends_with('/') {
        return None;
    }
    let content = root.join(crate::content::load::CONTENT_DIR);
    let path = content.join(&rel);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if meta.file_type().is_symlink() {
        // Followed only to a file inside the site root, as for articles.
        let target = path.canonicalize().ok()?;
        let root = root.canonicalize().ok()?;
        if !target.starts_with(root) || !target.is_file() {
            return None;
        }
    } else if !meta.is_file() {
        return None;
    }
    Some((rel, path))
}

impl Pipeline {
    pub fn new(config: &SiteConfig, statics: &BTreeMap<String, Source>) -> Pipeline {
        Pipeline {
            root: config.root.clone(),
            base: config.base_url.clone(),
            statics: statics.clone(),
            cache: config.root.join(CACHE_DIR),
            done: Mutex::new(HashMap::new()),
        }
    }

    /// Where a local raster image of `article` is: `target` is the front-matter `image`
    /// (`front`, relative to the site root, as the theme has always read it) or a body
    /// image (relative to the article's page). Either may also name a file beside the
    /// article in content/.
    fn locate(&self, article: &Article, target: &str, front: bool) -> Option<Located> {
        let target = target.trim();
        if target.is_empty() || crate::url::is_external(target) {
            return None;
        }
        let format = Format::from_name(target)?;
        let site_rel = if front {
            crate::url::resolve_local(target.trim_start_matches('/'), "", &self.base)
        } else {
            crate::url::resolve_local(target, &article.path, &self.base)
        };
        let stem_of = |rel: &str| {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            let slug: String = crate::slug::slugify(stem).chars().take(40).collect();
            let slug = slug.trim_end_matches('-').to_string();
            if slug.is_empty() {
                "photo".to_string()
            } else {
                slug
            }
        };
        if let Some(source) = site_rel.ok().and_then(|rel| {
            let source = self.statics.get(&rel)?;
            Some((rel, source.clone()))
        }) {
            let (rel, source) = source;
            return Some(Located {
                key: format!("static:{rel}"),
                stem: stem_of(&rel),
                origin: Origin::Static(source),
                format,
            });
        }
        let (rel, path) = content_file(&self.root, article, target)?;
        Some(Located {
            key: format!("content:{rel}"),
            stem: stem_of(&rel),
            origin: Origin::Content(path),
            format,
        })
    }

    /// Process every local image of `articles` (in parallel), hand the variant files to
    /// `sink`, and give each article its `photo` and `body_photos`. A static image that
    /// cannot be decoded is a warning (it is still published as it is); a content image
    /// that cannot be decoded is an error, as nothing else would publish it.
    ///
    /// Errors only when the sink cannot take a file (the output cannot be written).
    pub fn process(
        &self,
        articles: &mut [Article],
        sink: &dyn Sink,
    ) -> Result<(Stats, Vec<Diagnostic>)> {
        // Every use of a local image: (article, target, front?, located).
        let mut uses: Vec<(usize, String, bool, Located)> = Vec::new();
        for (i, article) in articles.iter().enumerate() {
            if let Some(image) = &article.image {
                if let Some(found) = self.locate(article, image, true) {
                    uses.push((i, image.clone(), true, found));
                }
            }
            for link in article.local_links.iter().filter(|l| l.is_image) {
                if let Some(found) = self.locate(article, &link.target, false) {
                    uses.push((i, link.target.clone(), false, found));
                }
            }
        }
        let mut unique: BTreeMap<&str, &Located> = BTreeMap::new();
        for (_, _, _, found) in &uses {
            unique.entry(found.key.as_str()).or_insert(found);
        }
        let encoded = AtomicUsize::new(0);
        let cached = AtomicUsize::new(0);
        let files = AtomicUsize::new(0);
        let written: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        let results: HashMap<String, Result<Arc<Photo>, String>> = unique
            .par_iter()
            .map(|(key, found)| -> Result<_> {
                let known = lock(&self.done).get(*key).cloned();
                let result = match known {
                    Some(photo) => Ok(photo),
                    None => match self.process_one(found, sink, &written, &files) {
                        Ok((photo, fresh)) => {
                            if fresh {
                                encoded.fetch_add(1, Ordering::Relaxed);
                            } else {
                                cached.fetch_add(1, Ordering::Relaxed);
                            }
                            let photo = Arc::new(photo);
                            lock(&self.done).insert(key.to_string(), photo.clone());
                            Ok(photo)
                        }
                        Err(e) => match e.downcast_ref::<Unreadable>() {
                            Some(Unreadable(why)) => Err(why.clone()),
                            None => return Err(e),
                        },
                    },
                };
                Ok((key.to_string(), result))
            })
            .collect::<Result<_>>()?;
        let sources = unique.len();
        let mut problems = Vec::new();
        for (i, target, front, found) in uses {
            let article = &mut articles[i];
            match &results[&found.key] {
                Ok(photo) if front => article.photo = Some(photo.clone()),
                Ok(photo) => article.body_photos.push((target, photo.clone())),
                Err(why) => {
                    let line = if front {
                        Some(article.line_of("image"))
                    } else {
                        article
                            .local_links
                            .iter()
                            .find(|l| l.target == target)
                            .map(|l| l.line)
                    };
                    let content = matches!(found.origin, Origin::Content(_));
                    let message = if content {
                        format!("image `{target}` cannot be read: {why}")
                    } else {
                        format!("image `{target}` cannot be read, so it is published as it is, without smaller sizes: {why}")
                    };
                    let diagnostic = if content {
                        Diagnostic::error(article.source_path.clone(), line, message)
                    } else {
                        Diagnostic::warning(article.source_path.clone(), line, message)
                    };
                    problems.push(diagnostic);
                }
            }
        }
        let stats = Stats {
            sources,
            encoded: encoded.into_inner(),
            cached: cached.into_inner(),
            files: files.into_inner(),
        };
        Ok((stats, problems))
    }

    /// One source: its variants from the cache, or decoded, resized and encoded now (and
    /// cached). Returns the photo and whether it was encoded in this call.
    fn process_one(
        &self,
        found: &Located,
        sink: &dyn Sink,
        written: &Mutex<HashSet<String>>,
        files: &AtomicUsize,
    ) -> Result<(Photo, bool)> {
        let bytes = match &found.origin {
            Origin::Static(source) => source.read(),
            Origin::Content(path) => {
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
            }
        }
        .map_err(|e| Unreadable(format!("{e:#}")))?;
        let key = cache_key(&bytes);
        let short = &key[..10];
        let out_path = |w: u32, format: Format| {
            format!(
                "{OUTPUT_DIR}/{}-{short}-{w}.{}",
                found.stem,
                format.extension()
            )
        };
        let put = |path: String, data: Vec<u8>| -> Result<()> {
            if lock(written).insert(path.clone()) {
                files.fetch_add(1, Ordering::Relaxed);
                sink.put(OutputFile::new(path, data))?;
            }
            Ok(())
        };
        // Warm: the manifest and every file it names are in the cache.
        if let Some(entries) = read_manifest(&self.cache, &key) {
            let mut variants = Vec::new();
            let mut datas = Vec::new();
            for entry in &entries {
                match std::fs::read(self.cache.join(&entry.file)) {
                    Ok(data) if data.len() as u64 == entry.bytes => datas.push(data),
                    _ => {
                        datas.clear();
                        break;
                    }
                }
            }
            if datas.len() == entries.len() {
                for (entry, data) in entries.iter().zip(datas) {
                    let path = out_path(entry.width, entry.format);
                    variants.push(Variant {
                        path: path.clone(),
                        width: entry.width,
                        height: entry.height,
                        format: entry.format,
                        bytes: entry.bytes,
                    });
                    put(path, data)?;
                }
                if let Some(photo) = Photo::new(variants, found.format) {
                    return Ok((photo, false));
                }
            }
        }
        // Cold: decode, resize, encode, cache (best effort: a read-only site still builds).
        let encoded =
            encode_variants(&bytes, found.format).map_err(|e| Unreadable(format!("{e:#}")))?;
        let mut variants = Vec::new();
        let mut entries = Vec::new();
        let cache_ok = std::fs::create_dir_all(&self.cache).is_ok();
        for file in encoded {
            let name = format!("{key}-{}.{}", file.width, file.format.extension());
            if cache_ok {
                let _ = write_atomic(&self.cache.join(&name), &file.data);
            }
            entries.push(CacheEntry {
                file: name,
                width: file.width,
                height: file.height,
                format: file.format,
                bytes: file.data.len() as u64,
            });
            let path = out_path(file.width, file.format);
            variants.push(Variant {
                path: path.clone(),
                width: file.width,
                height: file.height,
                format: file.format,
                bytes: file.data.len() as u64,
            });
            put(path, file.data)?;
        }
        if cache_ok {
            if let Ok(json) = serde_json::to_vec(&entries) {
                let _ = write_atomic(&self.cache.join(format!("{key}.json")), &json);
            }
        }
        let photo = Photo::new(variants, found.format)
            .ok_or_else(|| Unreadable("no variant was made".into()))?;
        Ok((photo, true))
    }
}

/// A source that cannot be read or decoded: a problem of the content (a diagnostic), as
/// opposed to an output that cannot be written (an error of the build).
#[derive(Debug)]
struct Unreadable(String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

#[derive(Debug, Serialize, Deserialize)]
struct CacheEntry {
    file: String,
    width: u32,
    height: u32,
    format: Format,
    bytes: u64,
}

fn read_manifest(cache: &Path, key: &str) -> Option<Vec<CacheEntry>> {
    let text = std::fs::read(cache.join(format!("{key}.json"))).ok()?;
    let entries: Vec<CacheEntry> = serde_json::from_slice(&text).ok()?;
    (!entries.is_empty()).then_some(entries)
}

/// Write through a temporary file and a rename, so that a concurrent build (serve and
/// build on one site) never reads half a file.
fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let temp = path.with_extension(format!(
        "tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&temp, data)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// The cache key of a source: SHA-256 of the pipeline's settings and the bytes, as hex.
pub fn cache_key(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(CACHE_SALT.as_bytes());
    hasher.update(format!("{WIDTHS:?} {WEBP_QUALITY} {JPEG_QUALITY}").as_bytes());
    hasher.update(bytes);
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The widths to make of a source `width` pixels wide: each of [`WIDTHS`] narrower than
/// it (by more than 10%, so that 800 and 820 are not both made), then the source's own
/// width capped at the widest. Never wider than the source.
pub fn target_widths(width: u32) -> Vec<u32> {
    let widest = *WIDTHS.last().unwrap_or(&1200);
    let top = width.min(widest);
    let mut widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|&w| (w as u64) * 10 < (top as u64) * 9)
        .collect();
    widths.push(top.max(1));
    widths
}

/// One encoded variant.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub data: Vec<u8>,
}

/// Decode `bytes` (turned upright by its EXIF orientation), resize to each of
/// `target_widths`, and encode each in `format` and in lossy WebP (once, when `format` is
/// WebP).
pub fn encode_variants(bytes: &[u8], format: Format) -> Result<Vec<Encoded>> {
    use image::ImageDecoder as _;
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes));
    reader.set_format(format.image_format());
    let reader = reader.with_guessed_format()?;
    let mut decoder = reader.into_decoder().context("not a readable image")?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).context("cannot decode")?;
    img.apply_orientation(orientation);
    // 8 bits per channel, with alpha only where there is some to keep.
    let alpha = img.color().has_alpha() && format != Format::Jpeg;
    let img = if alpha {
        image::DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        image::DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let (width, height) = (img.width(), img.height());
    if width == 0 || height == 0 {
        anyhow::bail!("the image is empty");
    }
    let mut out = Vec::new();
    let mut resizer = fast_image_resize::Resizer::new();
    for w in target_widths(width) {
        let h = ((height as u64 * w as u64 + width as u64 / 2) / width as u64).max(1) as u32;
        let pixels: Vec<u8> = if w == width {
            img.as_bytes().to_vec()
        } else {
            let pixel_type = if alpha {
                fast_image_resize::PixelType::U8x4
            } else {
                fast_image_resize::PixelType::U8x3
            };
            let mut dst = fast_image_resize::images::Image::new(w, h, pixel_type);
            let options = fast_image_resize::ResizeOptions::new().resize_alg(
                fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
            );
            let src =
                fast_image_resize::images::ImageRef::new(width, height, img.as_bytes(), pixel_type)
                    .context("cannot resize")?;
            resizer
                .resize(&src, &mut dst, &options)
                .context("cannot resize")?;
            dst.into_vec()
        };
        let webp = encode_webp(&pixels, w, h, alpha)?;
        if format != Format::Webp {
            out.push(Encoded {
                width: w,
                height: h,
                format,
                data: encode_as(&pixels, w, h, alpha, format)?,
            });
        }
        out.push(Encoded {
            width: w,
            height: h,
            format: Format::Webp,
            data: webp,
        });
    }
    Ok(out)
}

/// Lossy WebP through libwebp.
pub fn encode_webp(pixels: &[u8], w: u32, h: u32, alpha: bool) -> Result<Vec<u8>> {
    let encoder = if alpha {
        webp::Encoder::from_rgba(pixels, w, h)
    } else {
        webp::Encoder::from_rgb(pixels, w, h)
    };
    let memory = encoder
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|e| anyhow::anyhow!("cannot encode WebP: {e:?}"))?;
    Ok(memory.to_vec())
}

/// JPEG or PNG with the `image` crate.
fn encode_as(pixels: &[u8], w: u32, h: u32, alpha: bool, format: Format) -> Result<Vec<u8>> {
    use image::ImageEncoder as _;
    let color = if alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let mut data = Vec::new();
    match format {
        Format::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut data, JPEG_QUALITY)
            .write_image(pixels, w, h, color)?,
        Format::Png => image::codecs::png::PngEncoder::new_with_quality(
            &mut data,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(pixels, w, h, color)?,
        Format::Webp => return encode_webp(pixels, w, h, alpha),
    }
    Ok(data)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

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
fn attribute(tag: &str, name: &str) -> Option<String> {
    let pattern = format!(" {name}=\"");
    let start = tag.find(&pattern)? + pattern.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_string())
}

/// Text for an HTML attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

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

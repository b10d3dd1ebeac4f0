//! The pipeline of one build or serve session: where an article's local images are found
//! (static/ or content/), and their variants made or taken from the cache.

use super::cache::{cache_key, read_manifest, write_atomic, CacheEntry, Unreadable};
use super::encode::encode_variants;
use super::photo::{Format, Photo, Variant};
use super::{Stats, CACHE_DIR, OUTPUT_DIR};
use crate::config::SiteConfig;
use crate::content::Article;
use crate::diagnostics::Diagnostic;
use crate::render::{OutputFile, Sink};
use crate::theme_files::Source;
use anyhow::{Context as _, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Where a local image of an article is read from.
#[derive(Debug, Clone)]
pub(super) enum Origin {
    /// A static file (site, theme or embedded): published as it is besides the variants.
    Static(Source),
    /// A file next to the article under content/: only its variants are published.
    Content(PathBuf),
}

#[derive(Debug, Clone)]
pub(super) struct Located {
    /// `static:images/x.jpg` or `content:gulf/x.jpg`: one per source file.
    pub(super) key: String,
    pub(super) origin: Origin,
    pub(super) format: Format,
    /// File name stem, for readable output names.
    pub(super) stem: String,
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
    pub(super) fn locate(&self, article: &Article, target: &str, front: bool) -> Option<Located> {
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
                    uses.push((i, image.to_string(), true, found));
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
    pub(super) fn process_one(
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

pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

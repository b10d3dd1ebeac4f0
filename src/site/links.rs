//! Local links and images checked against the files a build publishes: `SiteFiles`
//! (every page and static file), one article's links and front-matter image, and
//! site.yaml's `logo:` and `default_image:`, all read the way `crate::url::resolve_local`
//! reads them. `check` reports what these find; a build refuses to swap in a site that
//! has any (`Site::broken_links`).

use super::load::Site;
use crate::config::SiteConfig;
use crate::content::Article;
use crate::diagnostics::Diagnostic;
use crate::url::{self, BaseUrl};
use std::collections::HashSet;

impl Site {
    /// Every local link and image of the published articles that points to no page in
    /// `paths` or static file, as `file:line: message` diagnostics, sorted.
    pub fn broken_links(&self, paths: &[String]) -> Vec<Diagnostic> {
        let config = &self.config;
        let site = SiteFiles::new(paths.iter().cloned().chain(self.statics.keys().cloned()));
        let mut broken: Vec<Diagnostic> = self
            .index
            .articles
            .iter()
            .flat_map(|article| check_links(config, article, &site))
            .collect();
        broken.extend(check_site_images(config, &site));
        crate::diagnostics::sort(&mut broken);
        broken
    }
}

/// The local links and images of language editions' articles, checked as their pages
/// publish them: under the edition's base URL (`…/ar/`), against its own pages (`ar/…` of
/// `paths`) and the root site's files (`render::links::is_asset`: static files and photo
/// variants, which the editions' pages link at the root). Sorted.
pub fn edition_broken_links<'a>(
    editions: &[crate::render::languages::RenderedEdition],
    paths: &'a [String],
    statics: impl Iterator<Item = &'a String> + Clone,
) -> Vec<Diagnostic> {
    let mut broken = Vec::new();
    for edition in editions {
        let files = edition_files(&edition.prefix, paths, statics.clone());
        for article in &edition.articles {
            broken.extend(
                check_links(&edition.config, article, &files)
                    .into_iter()
                    .map(|mut d| {
                        d.message = d.message.replace(
                            " in the site",
                            &format!(" in the /{} edition", edition.prefix),
                        );
                        d
                    }),
            );
        }
    }
    crate::diagnostics::sort(&mut broken);
    broken
}

/// What the pages of the edition under `prefix` (`ar/`) can link: its own files (the
/// prefix cut off) and the root site's assets.
pub fn edition_files<'a>(
    prefix: &str,
    paths: &'a [String],
    statics: impl Iterator<Item = &'a String>,
) -> SiteFiles {
    let own = paths.iter().filter_map(|p| p.strip_prefix(prefix));
    let assets = paths
        .iter()
        .chain(statics)
        .filter(|p| crate::render::links::is_asset(p))
        .map(String::as_str);
    SiteFiles::new(own.chain(assets).map(String::from))
}

/// Every file `build` publishes (`2024/02/slug/index.html`, `images/x.jpg`), to check
/// local links and images against.
#[derive(Debug, Default)]
pub struct SiteFiles(HashSet<String>);

impl SiteFiles {
    pub fn new(files: impl IntoIterator<Item = String>) -> SiteFiles {
        SiteFiles(files.into_iter().collect())
    }

    pub fn add(&mut self, file: String) {
        self.0.insert(file);
    }

    /// A file, or a folder with an index.html (`regions/gulf/`, `""` for the root).
    pub fn has(&self, rel: &str) -> bool {
        let dir = rel.trim_end_matches('/');
        let index = if dir.is_empty() {
            "index.html".to_string()
        } else {
            format!("{dir}/index.html")
        };
        self.0.contains(rel) || self.0.contains(&index)
    }
}

/// site.yaml `logo:` and `default_image:` that are site paths must be files of the site
/// (static/ or the theme's): they are published in every page's head or JSON-LD.
pub fn check_site_images(config: &SiteConfig, site: &SiteFiles) -> Vec<Diagnostic> {
    let line = |key: &str| {
        std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE))
            .ok()
            .and_then(|text| crate::yaml::key_line(&text, key))
    };
    [
        ("logo", &config.logo),
        ("default_image", &config.default_image),
    ]
    .into_iter()
    .filter_map(|(key, value)| {
        let value = value.as_deref()?;
        if url::is_external(value) {
            return None;
        }
        match url::resolve_local(value.trim_start_matches('/'), "", &config.base_url) {
            Ok(rel) if site.has(&rel) => None,
            _ => Some(Diagnostic::error(
                crate::config::CONFIG_FILE,
                line(key),
                format!("{key} `{value}` not found in static/ or the theme's static/"),
            )),
        }
    })
    .collect()
}

/// Local links, local images and the front-matter image of one article, checked against
/// the site's files under `config.base_url` (the reading of `crate::url::resolve_local`).
/// `check` and `build` both call this: a link one reports, the other refuses.
pub fn check_links(config: &SiteConfig, article: &Article, site: &SiteFiles) -> Vec<Diagnostic> {
    let base = &config.base_url;
    let mut problems = Vec::new();
    for link in &article.local_links {
        let what = if link.is_image {
            "missing image"
        } else {
            "broken link"
        };
        let message = match url::resolve_local(&link.target, &article.path, base) {
            Ok(rel) if site.has(&rel) => continue,
            // A photo beside the article in content/: the image pipeline publishes it.
            _ if link.is_image
                && crate::images::content_file(&config.root, article, &link.target).is_some() =>
            {
                continue
            }
            Ok(rel) => {
                let place = if link.is_image {
                    format!("no file /{rel} in static/ or the theme's static/")
                } else {
                    format!("no page or file /{rel} in the site")
                };
                format!(
                    "{what} `{}`: {place}{}",
                    link.target,
                    hint(&link.target, &rel, base, site)
                )
            }
            Err(why) => format!("{what} `{}`: {why}", link.target),
        };
        problems.push(Diagnostic::error(
            article.source_path.clone(),
            Some(link.line),
            message,
        ));
    }
    // The theme prefixes a local front-matter image with the site root, leading `/` or not.
    if let Some(image) = article.image.as_deref() {
        let problem = if url::is_external(image.trim()) {
            crate::render::view::absolute_image(base, image)
                .is_none()
                .then(|| {
                    format!("image `{image}` is neither a file of the site nor an http(s) URL")
                })
        } else {
            match url::resolve_local(image.trim().trim_start_matches('/'), "", base) {
                Ok(rel) if site.has(&rel) => None,
                _ if crate::images::content_file(&config.root, article, image).is_some() => None,
                _ => Some(format!(
                    "image `{image}` not found in static/, the theme's static/ or beside the article in content/"
                )),
            }
        };
        if let Some(message) = problem {
            problems.push(Diagnostic::error(
                article.source_path.clone(),
                Some(article.line_of("image")),
                message,
            ));
        }
    }
    problems
}

/// What an editor most likely meant by a link to nothing.
fn hint(target: &str, rel: &str, base: &BaseUrl, site: &SiteFiles) -> String {
    if rel.ends_with(".md") {
        return "; link to an article as `@/<region>/<file>.md`".to_string();
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    // `/repo/x.jpg` built under another base URL, or `images/x.jpg` meant from the root.
    if let Some(rest) = path.strip_prefix('/') {
        let under = rest.split_once('/').map(|(_, r)| r);
        if let Some(rest) = under.filter(|r| !r.is_empty() && site.has(r)) {
            return format!(
                "; a root-absolute link starts at the site root, and the build adds the base \
                 URL's path ({}) itself: write `/{rest}`",
                base.path()
            );
        }
    } else if site.has(path) {
        return format!(
            "; a relative link starts at the article's page: write `/{path}` for the site root"
        );
    }
    String::new()
}

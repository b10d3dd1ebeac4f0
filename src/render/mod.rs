//! Rendering: the site index → `OutputFile`s (path + bytes). Never touches the disk.
//! `theme` finds templates, `view` shapes what templates see, `pages` renders the HTML
//! pages. Everything shared by all pages (site, navigation, cards) is computed once here.

pub mod feeds;
pub mod pages;
pub mod reader;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod view;

use crate::config::SiteConfig;
use crate::index::SiteIndex;
use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::Value;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Site-relative, `/`-separated: `regions/gulf/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Paths of the feeds every page can link to.
pub const SITE_ATOM: &str = "atom.xml";
pub const SITE_JSON_FEED: &str = "feed.json";
pub const SITE_RSS: &str = "rss.xml";

/// A feed a page advertises with `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub path: String,
    pub mime: &'static str,
}

/// The site as every template sees it (`site.*`).
#[derive(Debug, Clone, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    lang: &'a str,
    dir: &'static str,
    author: &'a str,
    regions: Vec<view::TaxonomyView<'a>>,
    tag_count: usize,
    article_count: usize,
    feeds: Vec<FeedLink>,
}

/// What every page render reads: computed once per build.
pub struct RenderContext<'a> {
    pub config: &'a SiteConfig,
    pub index: &'a SiteIndex,
    pub tera: &'a tera::Tera,
    pub now: DateTime<FixedOffset>,
    /// One serialised card per article, in index order, reused by every listing.
    pub cards: Vec<Value>,
    /// `site`, `generator` and `now` for every template.
    base: tera::Context,
    /// The feeds every page advertises (site-wide).
    pub site_feeds: Vec<FeedLink>,
    /// Extra HTML injected before `</body>` (serve's live-reload script); empty in builds.
    pub inject_html: String,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        config: &'a SiteConfig,
        index: &'a SiteIndex,
        tera: &'a tera::Tera,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let cards = index
            .articles
            .iter()
            .map(|a| {
                serde_json::to_value(view::card(config, index, a)).expect("card views serialise")
            })
            .collect();
        let mut site_feeds = vec![
            FeedLink {
                title: format!("{} (Atom)", config.title),
                path: SITE_ATOM.into(),
                mime: "application/atom+xml",
            },
            FeedLink {
                title: format!("{} (JSON Feed)", config.title),
                path: SITE_JSON_FEED.into(),
                mime: "application/feed+json",
            },
        ];
        if config.feeds.rss {
            site_feeds.push(FeedLink {
                title: format!("{} (RSS)", config.title),
                path: SITE_RSS.into(),
                mime: "application/rss+xml",
            });
        }
        let site = SiteView {
            title: &config.title,
            description: &config.description,
            base_url: config.base_url.as_str(),
            base_path: config.base_url.path(),
            lang: &config.lang,
            dir: if crate::content::article::is_rtl(&config.lang) {
                "rtl"
            } else {
                "ltr"
            },
            author: &config.author,
            regions: index
                .regions
                .iter()
                .map(|r| view::TaxonomyView {
                    slug: &r.slug,
                    name: &r.name,
                    path: view::region_path(&r.slug),
                    feed_path: format!("{}atom.xml", view::region_path(&r.slug)),
                    count: r.articles.len(),
                })
                .collect(),
            tag_count: index.tags.len(),
            article_count: index.articles.len(),
            feeds: site_feeds.clone(),
        };
        let mut base = tera::Context::new();
        base.insert("site", &site);
        base.insert(
            "generator",
            &format!("gazette {}", env!("CARGO_PKG_VERSION")),
        );
        base.insert("now", &now.to_rfc3339());
        RenderContext {
            config,
            index,
            tera,
            now,
            cards,
            base,
            site_feeds,
            inject_html: String::new(),
        }
    }

    /// The base context plus `root`, the relative prefix from `page_path` back to the site root.
    pub fn context_for(&self, page_path: &str) -> tera::Context {
        let mut context = self.base.clone();
        context.insert("root", &relative_root(page_path));
        context
    }

    /// Render `template` with `context` into `path`, reporting template errors by name.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
        path: String,
    ) -> Result<OutputFile> {
        let mut html = self
            .tera
            .render(template, context)
            .map_err(|e| render_error(template, &e))?;
        if !self.inject_html.is_empty() {
            if let Some(pos) = html.rfind("</body>") {
                html.insert_str(pos, &self.inject_html);
            }
        }
        Ok(OutputFile::new(path, html))
    }
}

/// `""` → `./`, `regions/gulf/` → `../../`; the 404 page gets the absolute base path
/// instead, since it is served at any depth.
pub fn relative_root(page_path: &str) -> String {
    let depth = page_path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

fn render_error(template: &str, error: &tera::Error) -> anyhow::Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    anyhow::anyhow!("template {template}: {message}")
}

/// Render every file of the site.
pub fn render_site(context: &RenderContext<'_>) -> Result<Vec<OutputFile>> {
    let mut files = pages::render_pages(context)?;
    files.extend(reader::render_reader_pages(context)?);
    files.extend(search::search_files(context));
    let sitemaps = sitemap::render_sitemaps(context, &files);
    files.extend(feeds::render_feeds(context));
    files.extend(sitemaps);
    files.push(OutputFile::new(".nojekyll", Vec::new()));
    if let Some(cname) = &context.config.cname {
        files.push(OutputFile::new("CNAME", format!("{}\n", cname.trim())));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots() {
        assert_eq!(relative_root(""), "./");
        assert_eq!(relative_root("regions/"), "../");
        assert_eq!(relative_root("2024/02/x/"), "../../../");
    }
}

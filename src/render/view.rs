//! View structs: what templates see of articles, regions and tags. Borrowed from the
//! index, serialised for tera. Paths are site-relative (`2024/02/slug/`); templates prefix
//! them with `root` (the relative way back to the site root), so the same output works
//! under any base_url sub-path, on 127.0.0.1 and from the file system.

use crate::config::SiteConfig;
use crate::content::Article;
use crate::index::SiteIndex;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub path: String,
}

/// An article as lists show it (and the start of the article page's view).
#[derive(Debug, Clone, Serialize)]
pub struct CardView<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub permalink: String,
    /// RFC 3339, for `<time datetime>` and feeds.
    pub date: String,
    /// YYYY-MM-DD.
    pub date_iso: String,
    /// "6 February 2024".
    pub date_display: String,
    pub region: Link<'a>,
    pub tags: Vec<Link<'a>>,
    pub summary: &'a str,
    pub lang: &'a str,
    pub dir: &'static str,
    pub featured: bool,
    pub draft: bool,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub image: Option<&'a str>,
    pub image_caption: Option<&'a str>,
    pub image_credit: Option<&'a str>,
    pub source: Option<&'a str>,
}

/// The full article page view: the card plus the body and page-only fields.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub card: CardView<'a>,
    pub content: &'a str,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub author: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub path: String,
    pub feed_path: String,
    pub count: usize,
}

pub fn region_path(slug: &str) -> String {
    format!("regions/{slug}/")
}

pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/")
}

pub fn display_date(date: &DateTime<FixedOffset>) -> String {
    date.format("%-d %B %Y").to_string()
}

pub fn card<'a>(
    config: &'a SiteConfig,
    index: &'a SiteIndex,
    article: &'a Article,
) -> CardView<'a> {
    let region_name = index
        .region(&article.region)
        .map_or(article.region.as_str(), |r| r.name.as_str());
    CardView {
        title: &article.title,
        path: &article.path,
        permalink: config.base_url.url_for(&article.path),
        date: article.date.to_rfc3339(),
        date_iso: article.date.format("%Y-%m-%d").to_string(),
        date_display: display_date(&article.date),
        region: Link {
            slug: &article.region,
            name: region_name,
            path: region_path(&article.region),
        },
        tags: article
            .tags
            .iter()
            .map(|slug| Link {
                slug,
                name: index
                    .tags
                    .binary_search_by(|t| t.slug.as_str().cmp(slug))
                    .map_or(slug.as_str(), |i| index.tags[i].name.as_str()),
                path: tag_path(slug),
            })
            .collect(),
        summary: &article.summary,
        lang: &article.lang,
        dir: if article.rtl { "rtl" } else { "ltr" },
        featured: article.featured,
        draft: article.draft,
        word_count: article.word_count,
        reading_minutes: article.reading_minutes,
        image: article.image.as_deref(),
        image_caption: article.image_caption.as_deref(),
        image_credit: article.image_credit.as_deref(),
        source: article.source.as_deref(),
    }
}

pub fn article_view<'a>(
    config: &'a SiteConfig,
    index: &'a SiteIndex,
    article: &'a Article,
) -> ArticleView<'a> {
    ArticleView {
        card: card(config, index, article),
        content: &article.body_html,
        updated: article.updated.map(|d| d.to_rfc3339()),
        updated_display: article.updated.as_ref().map(display_date),
        author: article.author.as_deref(),
    }
}

//! What every page's context holds besides its own view: `page` (the head's metadata,
//! the same shape on every page), `pagination` (a listing page's place and cards) and an
//! article page's related coverage. `pages` and `reader` shape their own views and take
//! these from here.

use super::view::{self, CardView};
use super::{FeedLink, RenderContext};
use crate::index::{related, Pager};
use anyhow::Result;
use serde::Serialize;

/// `page.*`: what the base template's head needs, the same shape on every page.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// index, regions, region, tags, tag, article, 404 (and later kinds).
    pub kind: &'static str,
    /// The full `<title>`.
    pub title: String,
    /// The page's own heading.
    pub heading: String,
    pub description: String,
    /// Site-relative path of the page.
    pub path: String,
    /// Absolute canonical URL.
    pub permalink: String,
    pub lang: String,
    pub dir: &'static str,
    /// OpenGraph `og:locale` (`en_US`, `ar_AR`) of the page's language (the article's own
    /// on article pages); empty for a language without a known territory.
    pub locale: Option<String>,
    pub feeds: Vec<FeedLink>,
    /// OpenGraph type: `website`, or `article` on article pages.
    pub og_type: &'static str,
    /// Twitter card: `summary_large_image` when the page has an image, else `summary`.
    pub twitter_card: &'static str,
    /// Absolute URL of the page's image (og:image), and its alt text.
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// Pixel size and MIME type of `image`, when gazette made it (a local photo).
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    pub image_type: Option<&'static str>,
    /// OpenGraph `article:*` properties, on article pages.
    pub article: Option<view::ArticleMeta>,
    /// JSON-LD blocks, already escaped for a `<script>`: print with `| safe`.
    pub json_ld: Vec<String>,
    /// `<link rel="alternate" hreflang>`: the page in every language it exists in, and
    /// `x-default`; empty when it has no other version.
    pub alternates: Vec<super::languages::Alternate>,
    /// The language switcher: each site language and where this page goes in it.
    pub languages: Vec<super::languages::LanguageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaginationView<'a> {
    number: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
    /// The page's cards, from the theme's card.html (see `fragments`).
    cards: Vec<String>,
    /// The card views, only for a theme whose listings read them.
    articles: Vec<&'a CardView<'a>>,
}

impl RenderContext<'_> {
    pub fn page_meta(
        &self,
        kind: &'static str,
        heading: &str,
        description: &str,
        path: &str,
        extra_feeds: Vec<FeedLink>,
    ) -> PageMeta {
        let config = self.config;
        let title = if heading.is_empty() || heading == config.title {
            config.title.clone()
        } else {
            format!("{heading} — {}", config.title)
        };
        // Every page gets a description (search snippets, og:description), even on a
        // site whose site.yaml has none.
        let description = if !description.is_empty() {
            description.to_string()
        } else if !config.description.is_empty() {
            config.description.clone()
        } else {
            title.clone()
        };
        let mut feeds = extra_feeds;
        feeds.extend(self.site_feeds.iter().cloned());
        // site.yaml default_image: what a share of a page without its own photo shows (an
        // article with a photo replaces it).
        let default_image = config
            .default_image
            .as_deref()
            .and_then(|i| view::absolute_image(config.static_base(), i));
        PageMeta {
            kind,
            title,
            heading: heading.to_string(),
            description,
            path: path.to_string(),
            permalink: config.base_url.url_for(path),
            lang: config.lang.clone(),
            dir: config.dir_of(&config.lang),
            locale: crate::lang::og_locale(&config.lang),
            feeds,
            og_type: "website",
            twitter_card: if default_image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            },
            image_alt: default_image.as_ref().map(|_| config.title.clone()),
            image: default_image,
            image_width: None,
            image_height: None,
            image_type: None,
            article: None,
            json_ld: Vec::new(),
            alternates: Vec::new(),
            languages: self.languages.clone(),
        }
    }

    /// `pagination` for a listing page (also used by the reader pages), with the cards of
    /// its articles unless `with_cards` is false (the front page shows its own).
    pub fn pagination<'v>(
        &'v self,
        pager: &Pager<'_>,
        with_cards: bool,
    ) -> Result<PaginationView<'v>> {
        let items = if with_cards { pager.items } else { &[] };
        let root = super::relative_root(&pager.path());
        let cards = if self.fragment_use.cards {
            items
                .iter()
                .map(|&i| self.card_html(i, &root))
                .collect::<Result<_>>()?
        } else {
            Vec::new()
        };
        let articles = if self.fragment_use.card_views {
            items.iter().map(|&i| self.card(i)).collect()
        } else {
            Vec::new()
        };
        Ok(PaginationView {
            number: pager.number,
            total: pager.total,
            prev: pager.prev(),
            next: pager.next(),
            first: pager.path_of(1),
            last: pager.path_of(pager.total),
            cards,
            articles,
        })
    }
}

/// An article page's related coverage: `related_entries`, each a line from the theme's
/// entry.html, and the card views as `related` for a theme that reads them.
pub fn insert_related(
    ctx: &RenderContext<'_>,
    context: &mut tera::Context,
    i: usize,
    page_path: &str,
) -> Result<()> {
    let related = related::related(ctx.index, i, related::MAX_RELATED);
    if ctx.fragment_use.entries {
        let root = super::relative_root(page_path);
        let entries = related
            .iter()
            .map(|&j| ctx.entry_html(j, &root))
            .collect::<Result<Vec<_>>>()?;
        context.insert("related_entries", &entries);
    }
    if ctx.fragment_use.related_views {
        let cards: Vec<&CardView> = related.iter().map(|&j| ctx.card(j)).collect();
        context.insert("related", &cards);
    }
    Ok(())
}

//! Sitemaps and robots.txt: `sitemap.xml` (every HTML page that was rendered, with
//! lastmod; a sitemap index over `sitemap-N.xml` parts past the protocol's 50,000 URLs),
//! `news-sitemap.xml` (Google News: the articles of the last two days before the build
//! time, at most 1,000) and `robots.txt` naming both. Reads the rendered pages and the
//! index; renders nothing itself.

use super::feeds::{modified, xml};
use super::view::{region_path, tag_path};
use super::{OutputFile, RenderContext};
use crate::content::Article;
use crate::url::BaseUrl;
use chrono::{DateTime, FixedOffset, TimeDelta};
use std::collections::HashMap;

pub const SITEMAP: &str = "sitemap.xml";
pub const NEWS_SITEMAP: &str = "news-sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// The sitemap protocol's limit of URLs per file.
const MAX_URLS_PER_SITEMAP: usize = 50_000;
/// Google News: articles published in the last two days, at most 1,000 per sitemap.
const NEWS_WINDOW_HOURS: i64 = 48;
const MAX_NEWS_URLS: usize = 1_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// The site-relative page path of an HTML output file (`regions/gulf/index.html` →
/// `regions/gulf/`), or `None` for what is not a page to list (404, non-HTML).
fn page_path(file: &str) -> Option<&str> {
    if !file.ends_with(".html") || file == "404.html" {
        return None;
    }
    if file == "index.html" {
        return Some("");
    }
    Some(file.strip_suffix("index.html").unwrap_or(file))
}

/// `regions/gulf/page/3/` → `regions/gulf/`: every page of a listing changes together
/// (a new article shifts them all), so they share the listing's lastmod.
fn listing_root(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rsplit_once("page/") {
        Some((root, number))
            if (root.is_empty() || root.ends_with('/'))
                && !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            root
        }
        _ => path,
    }
}

/// lastmod of every known page path: articles by their last change, regions and tags by
/// their newest article's. Pages not in the map (home, the region and tag lists, any page
/// kind added later) take the site's newest change.
fn lastmods(ctx: &RenderContext<'_>) -> HashMap<String, DateTime<FixedOffset>> {
    let index = ctx.index;
    let newest = |items: &[usize]| items.iter().map(|&i| modified(&index.articles[i])).max();
    let mut map: HashMap<String, DateTime<FixedOffset>> =
        HashMap::with_capacity(index.articles.len() + index.regions.len() + index.tags.len());
    for article in &index.articles {
        map.insert(article.path.clone(), modified(article));
    }
    for region in &index.regions {
        if let Some(date) = newest(&region.articles) {
            map.insert(region_path(&region.slug), date);
        }
    }
    for tag in &index.tags {
        if let Some(date) = newest(&tag.articles) {
            map.insert(tag_path(&tag.slug), date);
        }
    }
    map
}

fn url_entry(out: &mut String, base: &BaseUrl, path: &str, lastmod: &DateTime<FixedOffset>) {
    out.push_str("  <url>\n");
    xml::element(out, "    ", "loc", &xml::uri(&base.url_for(path)));
    xml::element(out, "    ", "lastmod", &lastmod.to_rfc3339());
    out.push_str("  </url>\n");
}

/// `sitemap.xml` from the rendered pages, in their (deterministic) order. Past
/// `max_urls` pages it becomes a sitemap index over `sitemap-1.xml`, `sitemap-2.xml`….
fn render_sitemap(
    ctx: &RenderContext<'_>,
    pages: &[OutputFile],
    max_urls: usize,
) -> Vec<OutputFile> {
    let base = &ctx.config.base_url;
    let dates = lastmods(ctx);
    let site_newest = ctx
        .index
        .articles
        .iter()
        .map(modified)
        .max()
        .unwrap_or(ctx.now);
    let entries: Vec<(&str, DateTime<FixedOffset>)> = pages
        .iter()
        .filter_map(|f| page_path(&f.path))
        .map(|path| {
            let date = dates
                .get(path)
                .or_else(|| dates.get(listing_root(path)))
                .copied()
                .unwrap_or(site_newest);
            (path, date)
        })
        .collect();

    let urlset = |chunk: &[(&str, DateTime<FixedOffset>)]| {
        let mut out = String::with_capacity(chunk.len() * 160 + 256);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!("<urlset xmlns=\"{SITEMAP_NS}\">\n"));
        for (path, date) in chunk {
            url_entry(&mut out, base, path, date);
        }
        out.push_str("</urlset>\n");
        out
    };
    let max_urls = max_urls.max(1);
    if entries.len() <= max_urls {
        return vec![OutputFile::new(SITEMAP, urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::new();
    index.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    index.push_str(&format!("<sitemapindex xmlns=\"{SITEMAP_NS}\">\n"));
    for (n, chunk) in entries.chunks(max_urls).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let lastmod = chunk.iter().map(|(_, d)| *d).max().unwrap_or(site_newest);
        index.push_str("  <sitemap>\n");
        xml::element(&mut index, "    ", "loc", &xml::uri(&base.url_for(&name)));
        xml::element(&mut index, "    ", "lastmod", &lastmod.to_rfc3339());
        index.push_str("  </sitemap>\n");
        files.push(OutputFile::new(name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, OutputFile::new(SITEMAP, index));
    files
}

/// Google News wants an ISO 639 code, with `zh-cn` / `zh-tw` the only regional forms.
fn news_language(lang: &str) -> String {
    let lower = lang.to_ascii_lowercase().replace('_', "-");
    let primary = lower.split('-').next().unwrap_or("").to_string();
    if primary == "zh" {
        let traditional = ["hant", "tw", "hk", "mo"]
            .iter()
            .any(|s| lower.split('-').skip(1).any(|part| part == *s));
        return if traditional { "zh-tw" } else { "zh-cn" }.to_string();
    }
    primary
}

/// The articles for the news sitemap: published in the `NEWS_WINDOW_HOURS` up to `now`
/// (nothing scheduled after it), newest first, at most `MAX_NEWS_URLS`. The index is
/// sorted newest first, so this stops at the first article older than the window.
fn news_articles(articles: &[Article], now: DateTime<FixedOffset>) -> Vec<&Article> {
    // A `--now` at the edge of the calendar must not overflow.
    let cutoff = now
        .checked_sub_signed(TimeDelta::hours(NEWS_WINDOW_HOURS))
        .unwrap_or(now);
    articles
        .iter()
        .skip_while(|a| a.date > now)
        .take_while(|a| a.date >= cutoff)
        .take(MAX_NEWS_URLS)
        .collect()
}

fn render_news_sitemap(ctx: &RenderContext<'_>) -> OutputFile {
    let config = ctx.config;
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<urlset xmlns=\"{SITEMAP_NS}\" xmlns:news=\"{NEWS_NS}\">\n"
    ));
    for article in news_articles(&ctx.index.articles, ctx.now) {
        out.push_str("  <url>\n");
        xml::element(
            &mut out,
            "    ",
            "loc",
            &xml::uri(&config.base_url.url_for(&article.path)),
        );
        out.push_str("    <news:news>\n      <news:publication>\n");
        xml::element(&mut out, "        ", "news:name", &config.title);
        xml::element(
            &mut out,
            "        ",
            "news:language",
            &news_language(&article.lang),
        );
        out.push_str("      </news:publication>\n");
        xml::element(
            &mut out,
            "      ",
            "news:publication_date",
            &article.date.to_rfc3339(),
        );
        xml::element(&mut out, "      ", "news:title", &article.title);
        out.push_str("    </news:news>\n  </url>\n");
    }
    out.push_str("</urlset>\n");
    OutputFile::new(NEWS_SITEMAP, out)
}

/// Crawlers read robots.txt only at the host's root, so under a sub-path base_url this file
/// is for whoever serves the root to merge; the sitemap lines still hold absolute URLs.
fn render_robots(base: &BaseUrl) -> OutputFile {
    OutputFile::new(
        ROBOTS,
        format!(
            "User-agent: *\nDisallow:\n\nSitemap: {}\nSitemap: {}\n",
            xml::uri(&base.url_for(SITEMAP)),
            xml::uri(&base.url_for(NEWS_SITEMAP))
        ),
    )
}

/// sitemap.xml (or its index and parts), news-sitemap.xml and robots.txt, in that order.
/// `pages` are the files rendered so far: every HTML page among them is listed.
pub fn render_sitemaps(ctx: &RenderContext<'_>, pages: &[OutputFile]) -> Vec<OutputFile> {
    let mut files = render_sitemap(ctx, pages, MAX_URLS_PER_SITEMAP);
    files.push(render_news_sitemap(ctx));
    files.push(render_robots(&ctx.config.base_url));
    files
}

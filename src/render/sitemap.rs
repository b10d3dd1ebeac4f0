//! Sitemaps and robots.txt: `sitemap.xml` (every HTML page that was rendered, with
//! lastmod; a sitemap index over `sitemap-N.xml` parts past the protocol's 50,000 URLs),
//! `news-sitemap.xml` (Google News: the articles of the last two days before the build
//! time, at most 1,000) and `robots.txt` naming both. Reads the rendered pages and the
//! index; renders nothing itself.

use super::view::{modified, region_path, tag_path};
use super::xml;
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
pub const NEWS_WINDOW_HOURS: i64 = 48;
const MAX_NEWS_URLS: usize = 1_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// The site-relative page path of an HTML output file (`regions/gulf/index.html` →
/// `regions/gulf/`), or `None` for what is not a page to list (404, non-HTML, an
/// edition's newsletter, which is its page's email twin).
fn page_path(file: &str) -> Option<&str> {
    if !file.ends_with(".html") || file == "404.html" || file.ends_with("/email.html") {
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
        map.insert(article.path.to_string(), modified(article));
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

const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// The versions of a page in the site's languages (hreflang, absolute URL), by path.
type Alternates<'a> = HashMap<&'a str, Vec<(String, String)>>;

/// Translated pages of a multilingual site: each article with versions in other
/// languages, and the home (every language has one).
fn alternates<'c>(ctx: &'c RenderContext<'_>) -> Alternates<'c> {
    let mut map: Alternates<'c> = HashMap::new();
    if ctx.languages.is_empty() {
        return map;
    }
    for article in &ctx.index.articles {
        if !article.alternates.is_empty() {
            map.insert(&*article.path, article.alternates.clone());
        }
    }
    let homes = super::languages::alternates_everywhere(&ctx.languages, "");
    map.insert(
        "",
        homes.into_iter().map(|a| (a.hreflang, a.href)).collect(),
    );
    map
}

fn url_entry(
    out: &mut String,
    base: &BaseUrl,
    path: &str,
    lastmod: &DateTime<FixedOffset>,
    alternates: &Alternates<'_>,
) {
    out.push_str("  <url>\n");
    xml::element(out, "    ", "loc", &xml::uri(&base.url_for(path)));
    xml::element(out, "    ", "lastmod", &lastmod.to_rfc3339());
    for (hreflang, href) in alternates.get(path).into_iter().flatten() {
        out.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            xml::escape(hreflang),
            xml::escape(&xml::uri(href))
        ));
    }
    out.push_str("  </url>\n");
}

/// `sitemap.xml` from the rendered pages, in their (deterministic) order.
fn render_sitemap(ctx: &RenderContext<'_>, pages: &[String]) -> Vec<OutputFile> {
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
        .filter_map(|path| page_path(path))
        .map(|path| {
            let date = dates
                .get(path)
                .or_else(|| dates.get(listing_root(path)))
                .copied()
                .unwrap_or(site_newest);
            (path, date)
        })
        .collect();

    sitemap_files(
        base,
        &entries,
        site_newest,
        MAX_URLS_PER_SITEMAP,
        &alternates(ctx),
    )
}

fn urlset(
    base: &BaseUrl,
    entries: &[(&str, DateTime<FixedOffset>)],
    alternates: &Alternates<'_>,
) -> String {
    let mut out = String::with_capacity(entries.len() * 160 + 256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if alternates.is_empty() {
        out.push_str(&format!("<urlset xmlns=\"{SITEMAP_NS}\">\n"));
    } else {
        out.push_str(&format!(
            "<urlset xmlns=\"{SITEMAP_NS}\" xmlns:xhtml=\"{XHTML_NS}\">\n"
        ));
    }
    for (path, date) in entries {
        url_entry(&mut out, base, path, date, alternates);
    }
    out.push_str("</urlset>\n");
    out
}

/// One `sitemap.xml` urlset, or past `max_urls` a sitemap index over `sitemap-N.xml` parts.
fn sitemap_files(
    base: &BaseUrl,
    entries: &[(&str, DateTime<FixedOffset>)],
    fallback: DateTime<FixedOffset>,
    max_urls: usize,
    alternates: &Alternates<'_>,
) -> Vec<OutputFile> {
    let max_urls = max_urls.max(1);
    if entries.len() <= max_urls {
        return vec![OutputFile::new(SITEMAP, urlset(base, entries, alternates))];
    }
    let mut files = vec![OutputFile::new(SITEMAP, Vec::new())];
    let mut index = String::new();
    index.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    index.push_str(&format!("<sitemapindex xmlns=\"{SITEMAP_NS}\">\n"));
    for (n, chunk) in entries.chunks(max_urls).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let lastmod = chunk.iter().map(|(_, d)| *d).max().unwrap_or(fallback);
        index.push_str("  <sitemap>\n");
        xml::element(&mut index, "    ", "loc", &xml::uri(&base.url_for(&name)));
        xml::element(&mut index, "    ", "lastmod", &lastmod.to_rfc3339());
        index.push_str("  </sitemap>\n");
        files.push(OutputFile::new(name, urlset(base, chunk, alternates)));
    }
    index.push_str("</sitemapindex>\n");
    files[0] = OutputFile::new(SITEMAP, index);
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
/// On a multilingual site it also names each other language's sitemaps (`/ar/sitemap.xml`).
fn render_robots(base: &BaseUrl, languages: &[super::languages::LanguageLink]) -> OutputFile {
    let mut text = format!(
        "User-agent: *\nDisallow:\n\nSitemap: {}\nSitemap: {}\n",
        xml::uri(&base.url_for(SITEMAP)),
        xml::uri(&base.url_for(NEWS_SITEMAP))
    );
    for language in languages.iter().skip(1) {
        for file in [SITEMAP, NEWS_SITEMAP] {
            text.push_str(&format!(
                "Sitemap: {}\n",
                xml::uri(&format!("{}{file}", language.href))
            ));
        }
    }
    OutputFile::new(ROBOTS, text)
}

/// sitemap.xml (or its index and parts), news-sitemap.xml and robots.txt, in that order.
/// `pages` are the files rendered so far: every HTML page among them is listed.
pub fn render_sitemaps(ctx: &RenderContext<'_>, pages: &[String]) -> Vec<OutputFile> {
    let mut files = render_sitemap(ctx, pages);
    files.push(render_news_sitemap(ctx));
    files.push(render_robots(&ctx.config.base_url, &ctx.languages));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn page_paths() {
        for (file, path) in [
            ("index.html", Some("")),
            ("regions/gulf/index.html", Some("regions/gulf/")),
            ("page/2/index.html", Some("page/2/")),
            ("search.html", Some("search.html")),
            ("404.html", None),
            ("digest/2024-w06/email.html", None),
            ("atom.xml", None),
            ("css/gazette.css", None),
        ] {
            assert_eq!(page_path(file), path, "{file}");
        }
    }

    #[test]
    fn listing_roots() {
        for (path, root) in [
            ("page/2/", ""),
            ("regions/gulf/page/12/", "regions/gulf/"),
            ("regions/gulf/", "regions/gulf/"),
            ("tags/page/", "tags/page/"),
            ("2024/02/front-page/", "2024/02/front-page/"),
            ("tags/x/page/two/", "tags/x/page/two/"),
        ] {
            assert_eq!(listing_root(path), root, "{path}");
        }
    }

    #[test]
    fn news_languages() {
        for (lang, news) in [
            ("en", "en"),
            ("en-GB", "en"),
            ("ar", "ar"),
            ("zh", "zh-cn"),
            ("zh-Hans-CN", "zh-cn"),
            ("zh-TW", "zh-tw"),
            ("zh_Hant", "zh-tw"),
        ] {
            assert_eq!(news_language(lang), news, "{lang}");
        }
    }

    #[test]
    fn large_sitemaps_are_split_under_an_index() {
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let d = date("2024-02-06T10:00:00+03:00");
        let entries = [("", d), ("a/", d), ("b/", d), ("c/", d), ("d/", d)];
        let single = sitemap_files(&base, &entries, d, 5, &HashMap::new());
        assert_eq!(single.len(), 1);
        let text = String::from_utf8(single[0].bytes.clone()).unwrap();
        assert_eq!(text.matches("<url>").count(), 5);
        assert!(text.contains("<loc>https://u.github.io/repo/a/</loc>"));

        let split = sitemap_files(&base, &entries, d, 2, &HashMap::new());
        let names: Vec<&str> = split.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = String::from_utf8(split[0].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://u.github.io/repo/sitemap-3.xml</loc>"));
        let last = String::from_utf8(split[3].bytes.clone()).unwrap();
        assert_eq!(last.matches("<url>").count(), 1);
    }

    #[test]
    fn robots_names_absolute_sitemaps() {
        let base = BaseUrl::parse("https://u.github.io/repo").unwrap();
        let robots = String::from_utf8(render_robots(&base, &[]).bytes).unwrap();
        assert!(robots.contains("Sitemap: https://u.github.io/repo/sitemap.xml\n"));
        assert!(robots.contains("Sitemap: https://u.github.io/repo/news-sitemap.xml\n"));
    }
}

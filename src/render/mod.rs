//! Rendering: the site index → `OutputFile`s (path + bytes), handed one by one to a
//! `Sink` as soon as each is made, so a build never holds the whole site in memory.
//! Never touches the disk itself: the sink decides where files go.
//! `theme` holds the templates, `view` shapes what templates see, `context` what every
//! page's context holds (`page`, `pagination`, related coverage), `fragments` each
//! article's card rendered once, `pages` and `reader` the HTML pages. Everything shared
//! by all pages (site, navigation, cards) is computed once here.

mod chrome;
pub mod context;
pub mod email;
pub mod feeds;
pub mod fragments;
pub mod languages;
pub mod links;
pub mod pages;
pub mod reader;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod view;
pub mod xml;

use crate::config::SiteConfig;
use crate::index::SiteIndex;
use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Where rendered files go: the staging folder in a build, memory in `check` and tests.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: std::sync::Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    /// The files, sorted by path (arrival order depends on thread scheduling).
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }
}

/// A sink that drops every file (`check` only needs to know which pages exist).
#[derive(Debug, Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _file: OutputFile) -> Result<()> {
        Ok(())
    }
}

/// Render every job in parallel, handing each file to `sink` at once; returns the paths
/// in job order (deterministic, whatever the scheduling).
pub fn emit_all<J: Sync>(
    jobs: &[J],
    sink: &dyn Sink,
    render: impl Fn(&J) -> Result<OutputFile> + Sync,
) -> Result<Vec<String>> {
    use rayon::prelude::*;
    jobs.par_iter()
        .map(|job| {
            let file = render(job)?;
            let path = file.path.clone();
            sink.put(file)?;
            Ok(path)
        })
        .collect()
}

/// Paths of the feeds every page can link to.
pub const SITE_ATOM: &str = "atom.xml";
pub const SITE_JSON_FEED: &str = "feed.json";
pub const SITE_RSS: &str = "rss.xml";
/// Folder of the search page and its index files.
pub const SEARCH_DIR: &str = "search/";

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
    /// Absolute URL of site.yaml `default_image:`, the og:image of pages without a photo.
    default_image: Option<String>,
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
    /// One card view per article, in index order, made on first use and shared by every
    /// listing (serialised straight into each page's context). Lazy, so an incremental
    /// update that renders a few pages makes only the cards it shows.
    // Boxed: a card view is ~400 bytes, and most are never made (listings print the
    // fragments), so a million empty slots would otherwise hold ~400 MB.
    cards: Vec<std::sync::OnceLock<Box<view::CardView<'a>>>>,
    /// Each article's card and related-coverage line, rendered once by the theme.
    fragments: fragments::Fragments,
    /// Which of them the theme renders, and which article views its pages still read.
    pub fragment_use: fragments::FragmentUse,
    /// The site header and footer, made once per kind of page and depth.
    chromes: chrome::Chromes,
    /// `site`, `generator` and `now` for every template.
    base: tera::Context,
    /// The feeds every page advertises (site-wide).
    pub site_feeds: Vec<FeedLink>,
    /// Extra HTML injected before `</body>` (serve's live-reload script); empty in builds.
    pub inject_html: String,
    /// `build --relative`: links to folders end in `index.html`, so that the site can be
    /// browsed from the file system (`file://`), where a folder is a directory listing.
    pub file_links: bool,
    /// The theme's UI strings, and the language of this rendering's pages.
    pub i18n: std::sync::Arc<crate::i18n::I18n>,
    pub ui_lang: String,
    /// From a page's root to the site's root, where the static files are: `""`, or
    /// `"../"` in a language edition (`/ar/`), which has no copy of its own.
    pub assets_up: &'static str,
    /// The language switcher of this rendering's pages (every language's home); empty
    /// on a site without `languages:`.
    pub languages: Vec<languages::LanguageLink>,
    /// Render time and page count per template, for `--timings`.
    template_times: std::sync::Mutex<BTreeMap<String, (std::time::Duration, usize)>>,
}

impl<'a> RenderContext<'a> {
    pub fn new(
        config: &'a SiteConfig,
        index: &'a SiteIndex,
        tera: &'a tera::Tera,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let cards = (0..index.articles.len())
            .map(|_| std::sync::OnceLock::new())
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
            dir: config.dir_of(&config.lang),
            author: &config.author,
            default_image: config
                .default_image
                .as_deref()
                .and_then(|i| view::absolute_image(config.static_base(), i)),
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
            fragments: fragments::Fragments::new(index.articles.len()),
            fragment_use: fragments::FragmentUse::of(tera),
            chromes: chrome::Chromes::of(tera),
            base,
            site_feeds,
            inject_html: String::new(),
            file_links: false,
            i18n: crate::i18n::I18n::load(config)
                .map(std::sync::Arc::new)
                .unwrap_or_else(|_| std::sync::Arc::new(crate::i18n::I18n::builtin())),
            ui_lang: config.default_language().to_string(),
            assets_up: "",
            languages: languages::language_links(config, config.default_language()),
            template_times: Default::default(),
        }
    }

    /// A date as this rendering's language writes it ("6 February 2024", "٦ فبراير ٢٠٢٤"),
    /// from the month names and format of the theme's i18n files.
    pub fn date_display(&self, date: &DateTime<FixedOffset>) -> String {
        self.i18n.date(&self.ui_lang, date.date_naive())
    }

    /// An edition's title ("Week 6, 2024") in this rendering's language.
    pub fn edition_title(&self, edition: &crate::index::editions::Edition) -> String {
        self.i18n.edition_title(
            &self.ui_lang,
            matches!(edition.kind, crate::config::Edition::Weekly),
            edition.start,
        )
    }

    /// The days an edition covers ("5–11 February 2024") in this rendering's language.
    pub fn edition_range(&self, edition: &crate::index::editions::Edition) -> String {
        self.i18n
            .date_range(&self.ui_lang, edition.start, edition.end)
    }

    /// A UI string in this rendering's language.
    pub fn tr(&self, key: &str) -> String {
        self.i18n.get(&self.ui_lang, key)
    }

    /// A UI string with `{name}` arguments and an optional plural count.
    pub fn tr_with(&self, key: &str, count: Option<i64>, args: &[(&str, String)]) -> String {
        self.i18n
            .text(&self.ui_lang, key, count, args)
            .unwrap_or_else(|_| key.to_string())
    }

    /// ` (page 2 of 5)` after the heading of a listing's later pages.
    pub fn page_suffix(&self, number: usize, total: usize) -> String {
        if number > 1 {
            self.tr_with(
                "page_suffix",
                None,
                &[("number", number.to_string()), ("total", total.to_string())],
            )
        } else {
            String::new()
        }
    }

    /// The base context plus `root`, the relative prefix from `page_path` back to the site root.
    pub fn context_for(&self, page_path: &str) -> tera::Context {
        let mut context = self.base.clone();
        let root = relative_root(page_path);
        context.insert("assets", &format!("{root}{}", self.assets_up));
        context.insert("root", &root);
        context
    }

    /// Render `template` with `context` into `path`, reporting template errors by name.
    pub fn render(
        &self,
        template: &str,
        mut context: tera::Context,
        path: String,
    ) -> Result<OutputFile> {
        let start = std::time::Instant::now();
        self.insert_chrome(&mut context)?;
        let mut html = self
            .tera
            .render(template, &context)
            .map_err(|e| render_error(template, &e))?;
        {
            let mut times = self
                .template_times
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let entry = times.entry(template.to_string()).or_default();
            entry.0 += start.elapsed();
            entry.1 += 1;
        }
        if self.file_links {
            html = links::rewrite_urls(&html, &file_link);
        }
        if !self.inject_html.is_empty() {
            if let Some(pos) = html.rfind("</body>") {
                html.insert_str(pos, &self.inject_html);
            }
        }
        Ok(OutputFile::new(path, html))
    }
}

impl<'a> RenderContext<'a> {
    /// The card of article `i` (index order).
    pub fn card(&self, i: usize) -> &view::CardView<'a> {
        self.cards[i].get_or_init(|| Box::new(self.new_card(i)))
    }

    /// The card of article `i`, made afresh: for what is made once per article anyway
    /// (its fragments), which need not keep the view for the rest of the build.
    pub fn new_card(&self, i: usize) -> view::CardView<'a> {
        let article = &self.index.articles[i];
        let mut card = view::card(self.config, self.index, article);
        card.date_display = self.date_display(&article.date);
        card
    }
}

impl RenderContext<'_> {
    /// Render time and page count per template so far, slowest first.
    pub fn template_timings(&self) -> Vec<(String, std::time::Duration, usize)> {
        let times = self
            .template_times
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut list: Vec<_> = times
            .iter()
            .map(|(k, (d, n))| (k.clone(), *d, *n))
            .collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list
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

/// A relative link to a folder (`../regions/gulf/`, `./`, `..`, `page/2/?x#y`) with
/// `index.html` added, as a browser on `file://` needs; `None` for any other link (a file,
/// a fragment, a root-absolute path, a URL with a scheme).
pub fn file_link(value: &str) -> Option<String> {
    if value.is_empty() || value.starts_with(['/', '#', '?']) {
        return None;
    }
    let end = value.find(['?', '#']).unwrap_or(value.len());
    let path = &value[..end];
    if path.contains(':') {
        return None;
    }
    let sep = if path.ends_with('/') {
        ""
    } else if path == "." || path == ".." || path.ends_with("/.") || path.ends_with("/..") {
        "/"
    } else {
        return None;
    };
    Some(format!("{path}{sep}index.html{}", &value[end..]))
}

pub(super) fn render_error(template: &str, error: &tera::Error) -> anyhow::Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    anyhow::anyhow!("template {template}: {message}")
}

/// Which pages a render pass writes.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'s> {
    All,
    /// Only the pages that show one article (after an edit to it).
    Showing(&'s Showing),
}

/// The pages an edited article appears on.
#[derive(Debug, Clone, Default)]
pub struct Showing {
    /// Index of the article in `SiteIndex::articles`.
    pub article: usize,
    /// Whether its card (title, summary, reading time…) changed: then every listing that
    /// shows it is rendered again, not only its own page.
    pub card_changed: bool,
    /// Articles whose "Related coverage" lists it.
    pub related_on: std::collections::HashSet<usize>,
}

impl Selection<'_> {
    /// Whether a listing page holding `items` (and whose page is `first` of its listing)
    /// is selected.
    pub fn lists(&self, items: &[usize]) -> bool {
        match self {
            Selection::All => true,
            Selection::Showing(s) => s.card_changed && items.contains(&s.article),
        }
    }

    /// Whether article `j`'s own page is selected.
    pub fn article_page(&self, j: usize) -> bool {
        match self {
            Selection::All => true,
            Selection::Showing(s) => {
                s.article == j || (s.card_changed && s.related_on.contains(&j))
            }
        }
    }

    /// Pages that show no article cards (indexes, search, 404) are rendered only in full.
    pub fn is_all(&self) -> bool {
        matches!(self, Selection::All)
    }
}

/// Render every file of the site into `sink`; returns every path written.
pub fn render_site(context: &RenderContext<'_>, sink: &dyn Sink) -> Result<Vec<String>> {
    // The search index and feeds read only the index, so they run beside the pages
    // (mostly one thread each) instead of after them; the sitemap needs the page list.
    let (pages, side) = rayon::join(
        || render_html(context, sink, Selection::All),
        // Each group goes to the sink as soon as it is made: held together they would
        // grow with the archive.
        || -> Result<Vec<String>> {
            let mut paths = search::search_files(context, sink)?;
            paths.extend(put_all(sink, feeds::render_feeds(context)?.into_iter())?);
            paths.extend(put_all(
                sink,
                email::newsletter_files(context)?.into_iter(),
            )?);
            Ok(paths)
        },
    );
    let mut paths = pages?;
    let side = side?;
    let sitemaps = sitemap::render_sitemaps(context, &paths);
    paths.extend(side);
    paths.extend(put_all(
        sink,
        sitemaps.into_iter().chain(site_files(context)),
    )?);
    Ok(paths)
}

/// The HTML pages of `selection`.
pub fn render_html(
    context: &RenderContext<'_>,
    sink: &dyn Sink,
    selection: Selection<'_>,
) -> Result<Vec<String>> {
    let mut paths = pages::render_pages(context, sink, selection)?;
    paths.extend(reader::render_reader_pages(context, sink, selection)?);
    Ok(paths)
}

/// Everything but the HTML pages: search index, sitemaps (listing `pages`), feeds,
/// `.nojekyll` and `CNAME`.
pub fn render_extras(
    context: &RenderContext<'_>,
    sink: &dyn Sink,
    pages: &[String],
) -> Result<Vec<String>> {
    let mut paths = search::search_files(context, sink)?;
    let newsletter = email::newsletter_files(context)?;
    // `pages` may hold the editions' email.html: the sitemap leaves them out.
    let mut files = sitemap::render_sitemaps(context, pages);
    files.extend(feeds::render_feeds(context)?);
    files.extend(newsletter);
    paths.extend(put_all(sink, files.into_iter().chain(site_files(context)))?);
    Ok(paths)
}

/// `.nojekyll` (GitHub Pages serves folders starting with `_` then) and `CNAME`.
fn site_files(context: &RenderContext<'_>) -> Vec<OutputFile> {
    let mut files = vec![OutputFile::new(".nojekyll", Vec::new())];
    if let Some(cname) = &context.config.cname {
        files.push(OutputFile::new("CNAME", format!("{}\n", cname.trim())));
    }
    files
}

fn put_all(sink: &dyn Sink, files: impl Iterator<Item = OutputFile>) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    for file in files {
        paths.push(file.path.clone());
        sink.put(file)?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_links_get_index_html() {
        for (link, want) in [
            ("./", Some("./index.html")),
            ("../../", Some("../../index.html")),
            ("../regions/gulf/", Some("../regions/gulf/index.html")),
            ("page/2/?q=a#top", Some("page/2/index.html?q=a#top")),
            ("..", Some("../index.html")),
            ("../css/gazette.css", None),
            ("../atom.xml", None),
            ("#main", None),
            ("/gazette/", None),
            ("https://example.org/", None),
            ("mailto:desk@example.org", None),
            ("", None),
        ] {
            assert_eq!(file_link(link).as_deref(), want, "{link}");
        }
    }

    #[test]
    fn relative_roots() {
        assert_eq!(relative_root(""), "./");
        assert_eq!(relative_root("regions/"), "../");
        assert_eq!(relative_root("2024/02/x/"), "../../../");
    }
}

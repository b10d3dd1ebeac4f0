//! A full build of a `Site`: every page rendered straight into a staging folder beside
//! the output, local links checked against what was rendered, static files copied, then
//! the folder swapped into place — nothing is swapped in unless everything succeeds.
//! `gazette build` and `serve`'s full rebuilds both run it; `BuildSummary` is its
//! account.

use super::load::{load_config, Site};
use crate::config::SiteConfig;
use crate::content::LoadOptions;
use crate::diagnostics::{ContentErrors, Diagnostic};
use crate::output;
use crate::progress::Timings;
use crate::render::{self, RenderContext};
use anyhow::{Context as _, Result};
use chrono::{DateTime, FixedOffset};
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: ROOT/public.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    /// The build's clock; default now.
    pub now: Option<DateTime<FixedOffset>>,
    /// HTML added before `</body>` on every page (serve's live reload).
    pub inject_html: String,
    /// Show a progress bar on long builds (when stderr is a terminal).
    pub progress: bool,
    /// Links to folders end in `index.html`, for browsing from the file system.
    pub file_links: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            now: None,
            inject_html: String::new(),
            progress: false,
            file_links: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Articles of every language.
    pub articles: usize,
    /// Articles per language edition, in the order of site.yaml `languages:`; empty on a
    /// site without `languages:`.
    pub by_language: Vec<(String, usize)>,
    pub regions: usize,
    pub tags: usize,
    pub pages: usize,
    pub files: usize,
    pub unchanged: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    pub timings: Timings,
    pub output: PathBuf,
    /// When the output stops being right even if no file changes: the next scheduled
    /// article or expiry, or an article leaving the 2-day news sitemap.
    pub next_change: Option<DateTime<FixedOffset>>,
    /// True when nothing had changed and nothing was written.
    pub up_to_date: bool,
    /// The site's path under its host when base_url has one (`/repo/`), else `None`.
    pub sub_path: Option<String>,
}

impl BuildSummary {
    pub fn unchanged(output: PathBuf, elapsed: Duration) -> BuildSummary {
        BuildSummary {
            articles: 0,
            by_language: Vec::new(),
            regions: 0,
            tags: 0,
            pages: 0,
            files: 0,
            unchanged: 0,
            warnings: Vec::new(),
            elapsed,
            timings: Timings::default(),
            output,
            next_change: None,
            up_to_date: true,
            sub_path: None,
        }
    }
}

impl BuildSummary {
    /// Under a sub-path base_url, robots.txt is written where crawlers never look (they
    /// read only the host's /robots.txt): one line that says so, for `gazette build`.
    pub fn robots_note(&self) -> Option<String> {
        let path = self.sub_path.as_deref()?;
        Some(format!(
            "note: robots.txt is at {path}robots.txt, but crawlers read it only at the host's \
             root: submit sitemap.xml and news-sitemap.xml to search engines yourself \
             (docs/publishing.md)"
        ))
    }
}

impl fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.up_to_date {
            return write!(
                f,
                "Nothing changed since the last build; {} is up to date ({} ms)",
                self.output.display(),
                self.elapsed.as_millis()
            );
        }
        let by_language = if self.by_language.is_empty() {
            String::new()
        } else {
            let counts: Vec<String> = self
                .by_language
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect();
            format!(" ({})", counts.join(", "))
        };
        write!(
            f,
            "Built {} articles{by_language}, {} regions, {} tags: {} pages ({} files, {} unchanged) in {} ms → {}",
            self.articles,
            self.regions,
            self.tags,
            self.pages,
            self.files,
            self.unchanged,
            self.elapsed.as_millis(),
            self.output.display()
        )
    }
}

/// Counts files on the progress bar as they reach the staging folder.
struct ProgressSink<'a> {
    inner: &'a output::Staging,
    progress: &'a crate::progress::Progress,
}

impl render::Sink for ProgressSink<'_> {
    fn put(&self, file: render::OutputFile) -> Result<()> {
        self.progress.inc(1);
        self.inner.put(file)
    }
}

/// What `publish` leaves behind: the site, every rendered page path and the image
/// pipeline (for `serve`'s incremental updates), and the build's account.
pub struct Published {
    pub site: Site,
    pub paths: Vec<String>,
    pub pipeline: crate::images::Pipeline,
    pub summary: BuildSummary,
}

/// Build the site into `options.output_dir()`: load it (site.yaml unless `config` is
/// already read, with `options.base_url` applied), process its photos, render (the
/// default language at the root, each other language edition under /<code>/), check
/// links, swap. `timings` and `start` may already hold the reading of site.yaml.
pub fn publish(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    mut timings: Timings,
    start: Instant,
) -> Result<Published> {
    let output_dir = options.output_dir();
    output::check_output_dir(&options.root, &output_dir)?;
    let config = match config {
        Some(config) => config,
        None => timings.time("config", || {
            load_config(&options.root, options.base_url.as_deref())
        })?,
    };
    let now = options.now.unwrap_or_else(|| config.now());
    let load_options = LoadOptions {
        drafts: options.drafts,
        future: options.future,
        now,
    };
    // Pages and image variants go straight into the staging folder as they are made;
    // nothing is swapped in unless everything succeeds. The folder is made only once the
    // content has no errors.
    let mut staging = None;
    let mut pipeline = None;
    let mut editions = Vec::new();
    let mut image_warnings = Vec::new();
    let mut site = Site::load_with(
        config,
        load_options,
        &mut timings,
        |config, statics, mut articles, timings| {
            let staging = staging.insert(output::Staging::new(&output_dir)?);
            // Local photos first: pages print their sizes and srcset.
            let pipeline = pipeline.insert(crate::images::Pipeline::new(config, statics));
            let (image_stats, image_problems) = timings
                .time("images", || pipeline.process(&mut articles, &*staging))
                .with_context(|| format!("writing {}", output_dir.display()))?;
            timings.images = Some(image_stats);
            if image_problems.iter().any(|d| d.is_error()) {
                return Err(ContentErrors(image_problems).into());
            }
            image_warnings = image_problems;
            // Language editions (issue 16): the root renders the default language's
            // articles; each other language is rendered under /<code>/ after it.
            let (articles, others) = render::languages::split(config, articles);
            editions = others;
            Ok(articles)
        },
    )?;
    site.diagnostics.extend(image_warnings);
    let staging = staging.expect("the staging folder is made before the index");
    let pipeline = pipeline.expect("the image pipeline runs before the index");
    let context = render_context(&site, options)?;
    let work = site.index.articles.len() as u64;
    let progress = crate::progress::Progress::new(options.progress, "building", None, work);
    progress.stage("files written");
    let sink = ProgressSink {
        inner: &staging,
        progress: &progress,
    };
    let mut paths = timings.time("render", || render::render_site(&context, &sink))?;
    // Every language's articles tell when the output stops being right, and count.
    let next_change = site.next_change_with(editions.iter().flat_map(|(_, articles)| articles));
    let counts = Counts::of(&site.index, &editions, site.config.default_language());
    let tera = site
        .tera
        .as_ref()
        .expect("Site::load always has the templates");
    let (edition_paths, rendered_editions) = render::languages::render_editions(
        &site.config,
        tera,
        editions,
        &render::languages::EditionOptions {
            now: site.now(),
            inject_html: &options.inject_html,
            file_links: options.file_links,
        },
        &sink,
    )?;
    paths.extend(edition_paths);
    progress.finish();
    let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    timings.templates = context.template_timings();
    drop(context);
    // A local link or image to nothing is an error, as `check` reports it (the same
    // resolver): nothing is swapped in, the previous output stays.
    let broken = timings.time("links", || {
        let mut broken = site.broken_links(&paths);
        broken.extend(crate::site::links::edition_broken_links(
            &rendered_editions,
            &paths,
            site.statics.keys(),
        ));
        broken
    });
    if !broken.is_empty() {
        return Err(ContentErrors(broken).into());
    }
    let stats = timings
        .time("write", || {
            staging.put_statics(&site.statics)?;
            staging.commit()
        })
        .with_context(|| format!("writing {}", output_dir.display()))?;
    let summary = BuildSummary {
        articles: counts.articles,
        by_language: counts.by_language,
        regions: counts.regions,
        tags: counts.tags,
        pages,
        files: stats.files,
        unchanged: stats.unchanged,
        warnings: site.diagnostics.clone(),
        elapsed: start.elapsed(),
        timings,
        output: output_dir,
        next_change,
        up_to_date: false,
        sub_path: Some(site.config.base_url.path().to_string()).filter(|p| p != "/"),
    };
    Ok(Published {
        site,
        paths,
        pipeline,
        summary,
    })
}

/// What the summary counts, over the root edition's index and the other editions'
/// articles (issue 16: every language, not only the default one).
struct Counts {
    articles: usize,
    by_language: Vec<(String, usize)>,
    /// Regions with at least one article in some language.
    regions: usize,
    /// Distinct tags over all languages.
    tags: usize,
}

impl Counts {
    fn of(
        index: &crate::index::SiteIndex,
        editions: &[(
            crate::config::Language,
            Vec<crate::content::article::Article>,
        )],
        default_language: &str,
    ) -> Counts {
        use std::collections::BTreeSet;
        let others = editions.iter().flat_map(|(_, articles)| articles);
        let mut regions: BTreeSet<&str> = index
            .regions
            .iter()
            .filter(|r| !r.articles.is_empty())
            .map(|r| r.slug.as_str())
            .collect();
        let mut tags: BTreeSet<&str> = index.tags.iter().map(|t| t.slug.as_str()).collect();
        for article in others.clone() {
            regions.insert(&article.region);
            tags.extend(article.tags.iter().map(String::as_str));
        }
        let by_language = if editions.is_empty() {
            Vec::new()
        } else {
            std::iter::once((default_language.to_string(), index.articles.len()))
                .chain(editions.iter().map(|(l, a)| (l.code.clone(), a.len())))
                .collect()
        };
        Counts {
            articles: index.articles.len() + others.count(),
            by_language,
            regions: regions.len(),
            tags: tags.len(),
        }
    }
}

/// The render context of a build with these options (serve's reload script, `--relative`).
pub fn render_context<'a>(site: &'a Site, options: &BuildOptions) -> Result<RenderContext<'a>> {
    let mut context = site.render_context()?;
    context.inject_html = options.inject_html.clone();
    context.file_links = options.file_links;
    Ok(context)
}

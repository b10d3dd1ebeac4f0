//! `gazette build`: config → content → index → render → output, with timings and the
//! summary line. Stops before writing anything when content has errors, so the previous
//! output stays as it was.

use crate::config::SiteConfig;
use crate::content::{load_site_content, LoadOptions};
use crate::diagnostics::{ContentErrors, Diagnostic};
use crate::index::SiteIndex;
use crate::output;
use crate::render::{self, theme, RenderContext};
use crate::url::BaseUrl;
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

/// Where the time went (`--timings`).
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    /// Per template: total render time summed over threads, and pages rendered.
    pub templates: Vec<(String, Duration, usize)>,
    /// What the image pipeline did (sources, encoded, from cache).
    pub images: Option<crate::images::Stats>,
}

impl Timings {
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.stages.push((stage, start.elapsed()));
        value
    }
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        for (stage, duration) in &self.stages {
            let share = if total.is_zero() {
                0.0
            } else {
                duration.as_secs_f64() / total.as_secs_f64() * 100.0
            };
            writeln!(
                f,
                "  {stage:<12} {:>9.1} ms  {share:>5.1}%",
                duration.as_secs_f64() * 1000.0
            )?;
        }
        if let Some(images) = &self.images {
            writeln!(f, "  {images}")?;
        }
        if !self.templates.is_empty() {
            writeln!(f, "  templates (tera time summed over all threads):")?;
            for (name, duration, count) in &self.templates {
                writeln!(
                    f,
                    "    {name:<16} {:>9.1} ms  {count:>7} pages  {:>7.3} ms/page",
                    duration.as_secs_f64() * 1000.0,
                    duration.as_secs_f64() * 1000.0 / (*count).max(1) as f64
                )?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub articles: usize,
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
    fn unchanged(output: PathBuf, elapsed: Duration) -> BuildSummary {
        BuildSummary {
            articles: 0,
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
        write!(
            f,
            "Built {} articles, {} regions, {} tags: {} pages ({} files, {} unchanged) in {} ms → {}",
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

/// The first moment after `now` when the same inputs would build a different site.
fn next_change(
    held: &[(PathBuf, crate::content::load::Held, DateTime<FixedOffset>)],
    published: &[crate::content::Article],
    now: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    if published.is_empty() {
        // Feeds and sitemaps of an empty site carry the build time.
        return Some(now);
    }
    let news_window = chrono::Duration::hours(crate::render::sitemap::NEWS_WINDOW_HOURS);
    let scheduled = held
        .iter()
        .filter(|(_, why, _)| *why == crate::content::load::Held::Scheduled)
        .map(|(_, _, date)| *date);
    let expiring = published.iter().filter_map(|a| a.expires);
    let leaving_news = published.iter().map(|a| a.date + news_window);
    scheduled
        .chain(expiring)
        .chain(leaving_news)
        .filter(|t| *t > now)
        .min()
}

/// Every local link and image of the published articles that points to no built page or
/// static file, as `file:line: message` diagnostics (see `crate::url::resolve_local`).
fn broken_links(
    config: &SiteConfig,
    index: &SiteIndex,
    paths: &[String],
    statics: &std::collections::BTreeMap<String, theme::Source>,
) -> Vec<Diagnostic> {
    let site = crate::check::SiteFiles::new(paths.iter().cloned().chain(statics.keys().cloned()));
    let mut broken: Vec<Diagnostic> = index
        .articles
        .iter()
        .flat_map(|article| crate::check::check_links(config, article, &site))
        .collect();
    broken.extend(crate::check::check_site_images(config, &site));
    crate::diagnostics::sort(&mut broken);
    broken
}

/// Load site.yaml, applying a `--base-url` override.
pub fn load_config(root: &std::path::Path, base_url: Option<&str>) -> Result<SiteConfig> {
    let mut config = SiteConfig::load(root).map_err(ContentErrors)?;
    if let Some(url) = base_url {
        config.base_url = BaseUrl::parse(url).map_err(|e| anyhow::anyhow!("--base-url: {e}"))?;
    }
    Ok(config)
}

/// Build the site. Content errors come back as `ContentErrors` with every diagnostic.
/// With nothing changed since the last build (same inputs, options and version, and no
/// article due to appear, expire or leave the news sitemap yet), the output is left as
/// it is and the summary says so.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let start = Instant::now();
    let output_dir = options.output_dir();
    let settings = (
        &options.base_url,
        options.drafts,
        options.future,
        &options.inject_html,
        options.file_links,
        options.now.map(|now| now.to_rfc3339()),
    );
    let hash = crate::fingerprint::inputs_hash(&options.root, &settings);
    if let Some(hash) = hash {
        let config = load_config(&options.root, options.base_url.as_deref())?;
        let now = options.now.unwrap_or_else(|| config.now());
        if crate::fingerprint::is_fresh(&output_dir, hash, now) {
            return Ok(BuildSummary::unchanged(output_dir, start.elapsed()));
        }
    }
    crate::fingerprint::forget(&output_dir);
    let (_, summary) = Session::build(options)?;
    if let Some(hash) = hash {
        crate::fingerprint::record(&output_dir, hash, summary.next_change);
    }
    Ok(summary)
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

/// What a full build leaves behind for `serve`, so that an edit to one article
/// re-renders only the pages that show it (see `Session::update`).
pub struct Session {
    options: BuildOptions,
    config: SiteConfig,
    tera: tera::Tera,
    index: SiteIndex,
    now: DateTime<FixedOffset>,
    output_dir: PathBuf,
    /// Every page path of the last full build (the sitemap lists them).
    paths: Vec<String>,
    /// Article index by source path (as shown: `content/gulf/x.md`).
    by_source: std::collections::HashMap<PathBuf, usize>,
    /// The image pipeline, for photos of edited articles.
    pipeline: crate::images::Pipeline,
}

/// The outcome of `Session::update`.
#[derive(Debug)]
pub enum Update {
    /// These pages were rendered again; search index, feeds and sitemaps are next
    /// (`Session::finish_update`).
    Pages(Vec<String>),
    /// The change reaches beyond the edited articles' own pages (a new, moved, renamed
    /// or re-dated article, other tags…): only a full build is right.
    NeedsFullBuild(String),
}

impl Session {
    /// A full build that keeps its state for later updates.
    pub fn build(options: &BuildOptions) -> Result<(Session, BuildSummary)> {
        let start = Instant::now();
        let mut timings = Timings::default();
        let output_dir = options.output_dir();
        output::check_output_dir(&options.root, &output_dir)?;

        let config = timings.time("config", || {
            load_config(&options.root, options.base_url.as_deref())
        })?;
        let now = options.now.unwrap_or_else(|| config.now());
        let tera = timings.time("templates", || theme::load_templates(&config))?;
        let load_options = LoadOptions {
            drafts: options.drafts,
            future: options.future,
            now,
        };
        let loaded = timings.time("load", || load_site_content(&config, &load_options));
        if loaded.has_errors() {
            return Err(ContentErrors(loaded.diagnostics).into());
        }
        let mut warnings = loaded.diagnostics;
        let next_change = if theme::templates_use_now(&config) {
            Some(now)
        } else {
            next_change(&loaded.held, &loaded.articles, now)
        };
        let mut articles = loaded.articles;
        // Pages and image variants go straight into the staging folder as they are made;
        // nothing is swapped in unless everything succeeds.
        let staging = output::Staging::new(&output_dir)?;
        let statics = theme::layered(&config, "static")?;
        // Local photos first: pages print their sizes and srcset.
        let pipeline = crate::images::Pipeline::new(&config, &statics);
        let (image_stats, image_problems) = timings
            .time("images", || pipeline.process(&mut articles, &staging))
            .with_context(|| format!("writing {}", output_dir.display()))?;
        timings.images = Some(image_stats);
        if image_problems.iter().any(|d| d.is_error()) {
            return Err(ContentErrors(image_problems).into());
        }
        warnings.extend(image_problems);
        // Language editions (issue 16): the root renders the default language's articles.
        let (articles, editions) = render::languages::split(&config, articles);
        let index = timings.time("index", || SiteIndex::build(&config, articles));
        let mut context = RenderContext::new(&config, &index, &tera, now);
        context.inject_html = options.inject_html.clone();
        context.file_links = options.file_links;
        let work = index.articles.len() as u64;
        let progress = crate::progress::Progress::new(options.progress, "building", None, work);
        progress.stage("files written");
        let sink = ProgressSink {
            inner: &staging,
            progress: &progress,
        };
        let mut paths = timings.time("render", || render::render_site(&context, &sink))?;
        paths.extend(render::languages::render_editions(
            &config,
            &tera,
            editions,
            &render::languages::EditionOptions {
                now,
                inject_html: &options.inject_html,
                file_links: options.file_links,
            },
            &sink,
        )?);
        progress.finish();
        let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
        timings.templates = context.template_timings();
        drop(context);
        // A local link or image to nothing is an error, as `check` reports it (the same
        // resolver): nothing is swapped in, the previous output stays.
        let broken = timings.time("links", || broken_links(&config, &index, &paths, &statics));
        if !broken.is_empty() {
            return Err(ContentErrors(broken).into());
        }
        let stats = timings
            .time("write", || {
                staging.put_statics(&statics)?;
                staging.commit()
            })
            .with_context(|| format!("writing {}", output_dir.display()))?;
        let summary = BuildSummary {
            articles: index.articles.len(),
            regions: index
                .regions
                .iter()
                .filter(|r| !r.articles.is_empty())
                .count(),
            tags: index.tags.len(),
            pages,
            files: stats.files,
            unchanged: stats.unchanged,
            warnings,
            elapsed: start.elapsed(),
            timings,
            output: output_dir.clone(),
            next_change,
            up_to_date: false,
            sub_path: Some(config.base_url.path().to_string()).filter(|p| p != "/"),
        };
        let by_source = index
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source_path.clone(), i))
            .collect();
        let session = Session {
            options: options.clone(),
            config,
            tera,
            index,
            now,
            output_dir,
            paths,
            by_source,
            pipeline,
        };
        Ok((session, summary))
    }

    fn render_context(&self) -> RenderContext<'_> {
        let mut context = RenderContext::new(&self.config, &self.index, &self.tera, self.now);
        context.inject_html = self.options.inject_html.clone();
        context.file_links = self.options.file_links;
        context
    }

    /// After content files changed: when each is a published article that keeps its URL,
    /// date, region, tags and status, render again only the pages that show it (its own
    /// page; if its card changed, the listings, editions and related lists that show it)
    /// and write them in place. Anything else asks for a full build.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update> {
        let root = &self.options.root;
        let mut showings = Vec::new();
        for path in changed {
            let shown = crate::diagnostics::display_path(root, path);
            let Some(&i) = self.by_source.get(&shown) else {
                return Ok(Update::NeedsFullBuild(format!(
                    "{} is not a published article",
                    shown.display()
                )));
            };
            if !path.is_file() {
                return Ok(Update::NeedsFullBuild(format!(
                    "{} was removed",
                    shown.display()
                )));
            }
            let load_options = LoadOptions {
                drafts: self.options.drafts,
                future: self.options.future,
                now: self.now,
            };
            let mut article = match crate::content::load::load_one(
                &self.config,
                &load_options,
                &self.index.articles,
                path,
            )? {
                Ok(article) => article,
                Err(reason) => return Ok(Update::NeedsFullBuild(reason)),
            };
            let (_, problems) = self.pipeline.process(
                std::slice::from_mut(&mut article),
                &output::InPlace::new(&self.output_dir),
            )?;
            if let Some(problem) = problems.first() {
                return Ok(Update::NeedsFullBuild(problem.to_string()));
            }
            let old = &self.index.articles[i];
            let same_place = article.path == old.path
                && article.date == old.date
                && article.region == old.region
                && article.tags == old.tags
                && article.featured == old.featured
                && article.lang == old.lang
                && article.translation_key == old.translation_key;
            if !same_place {
                return Ok(Update::NeedsFullBuild(format!(
                    "{} changed its URL, date, region, tags, featured flag, language or translation_key",
                    shown.display()
                )));
            }
            // Its versions in other languages (issue 16) are those of the full build.
            article.alternates = old.alternates.clone();
            let card = |a: &crate::content::Article| {
                serde_json::to_value(crate::render::view::card(&self.config, &self.index, a)).ok()
            };
            let card_changed = card(old) != card(&article);
            self.index.articles[i] = article;
            let related_on = if card_changed {
                crate::index::related::shown_on(&self.index, i)
            } else {
                Default::default()
            };
            showings.push(render::Showing {
                article: i,
                card_changed,
                related_on,
            });
        }
        let context = self.render_context();
        let sink = output::InPlace::new(&self.output_dir);
        let mut pages = Vec::new();
        for showing in &showings {
            pages.extend(render::render_html(
                &context,
                &sink,
                render::Selection::Showing(showing),
            )?);
        }
        pages.sort();
        pages.dedup();
        Ok(Update::Pages(pages))
    }

    /// The second half of an update: search index, feeds and sitemaps, which read every
    /// article. Unchanged files are left alone.
    pub fn finish_update(&self) -> Result<()> {
        let context = self.render_context();
        render::render_extras(
            &context,
            &output::InPlace::new(&self.output_dir),
            &render::languages::root_paths(&self.config, &self.paths),
        )?;
        Ok(())
    }
}

//! `gazette check`: everything `build` would complain about, and more, without writing a
//! file. Loads the `Site` leniently (every problem of site.yaml, the theme and the content
//! kept as a diagnostic, `crate::site::load`), the held articles (drafts, scheduled)
//! rendered apart in the same read of content/, renders the site in memory to know which
//! pages exist, then checks local links and images against those pages and the static
//! files (`crate::site::links`). Reports every problem as a `Diagnostic`; printing and
//! the exit code are the caller's.

use crate::config::SiteConfig;
use crate::content::load::{Held, CONTENT_DIR};
use crate::content::{Article, LoadOptions};
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::render;
use crate::site::links::{check_links, check_site_images, SiteFiles};
use crate::site::load::{error_diagnostic, load_config_lenient, Site};
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Overrides site.yaml's base_url, as `build --base-url` does: a root-absolute link that
    /// includes the base path resolves only under the base URL it names.
    pub base_url: Option<String>,
    /// The clock for scheduled/expired articles; default now in the site's timezone.
    pub now: Option<DateTime<FixedOffset>>,
    /// Show a spinner on long checks when stderr is a terminal.
    pub progress: bool,
}

#[derive(Debug, Default)]
pub struct CheckReport {
    /// Sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Content files read.
    pub files: usize,
    /// Per-file notes for `-v` (drafts and expired articles left out, links checked).
    pub details: Vec<String>,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// `path:line: message` lines (errors only when `quiet`), then a summary line.
    pub fn render_text(&self, quiet: bool) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            if !quiet || d.is_error() {
                out.push_str(&format!("{d}\n"));
            }
        }
        if !quiet {
            out.push_str(&self.summary());
            out.push('\n');
        }
        out
    }

    /// A JSON array of `{path, line, severity, message}`.
    pub fn render_json(&self) -> String {
        serde_json::to_string_pretty(&self.diagnostics).expect("diagnostics serialise")
    }

    /// GitHub Actions workflow commands, one per problem, then the summary as a log line.
    pub fn render_github(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.github_annotation());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        // No content files read (site.yaml failed, or an empty site): say "the site".
        let files = match self.files {
            0 => "the site".to_string(),
            n => plural(n, "content file"),
        };
        if self.diagnostics.is_empty() {
            format!("checked {files}: no problems found")
        } else {
            format!(
                "checked {files}: {}, {}",
                plural(self.errors(), "error"),
                plural(self.warnings(), "warning")
            )
        }
    }
}

/// Multilingual sites (issue 16): a UI string missing from a language's i18n file (it
/// falls back to the default language's), an article in a language the site has no
/// edition for.
fn language_problems(config: &SiteConfig, articles: &[Article]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if !config.multilingual() {
        return found;
    }
    if let Ok(i18n) = crate::i18n::I18n::load(config) {
        for language in &config.languages {
            let missing = i18n.missing_keys(&language.code);
            if !missing.is_empty() {
                found.push(Diagnostic::warning(
                    i18n.source_of(&language.code),
                    None,
                    format!(
                        "{} UI string{} missing in {} (shown in {} instead): {}",
                        missing.len(),
                        if missing.len() == 1 { "" } else { "s" },
                        language.code,
                        config.default_language(),
                        missing.join(", ")
                    ),
                ));
            }
        }
    }
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    for article in articles {
        if !codes.contains(&&*article.lang) {
            found.push(Diagnostic::error(
                &article.source_path,
                crate::yaml::key_line(&std::fs::read_to_string(config.root.join(&article.source_path)).unwrap_or_default(), "lang"),
                format!(
                    "lang \"{}\" is not one of the site's languages ({}): the article would have no edition to appear in",
                    article.lang,
                    codes.join(", ")
                ),
            ));
        }
    }
    found
}

/// Check the site at `options.root`. Never writes; problems are data in the report.
pub fn run(options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let config = match load_config_lenient(&options.root, options.base_url.as_deref()) {
        Ok(config) => config,
        Err(errors) => {
            report.diagnostics = errors;
            return report;
        }
    };
    let now = options.now.unwrap_or_else(|| config.now());
    let spinner = Spinner::start(options.progress, &config);

    // What `build` would publish now, and every problem on the way.
    let published = LoadOptions {
        drafts: false,
        future: false,
        now,
    };
    // Held articles (drafts, scheduled) are not rendered for the site, so their bodies are
    // rendered apart, as `--drafts --future` would: a scheduled article with a broken link
    // would otherwise fail the hourly build on the day it goes live.
    let preview = LoadOptions {
        drafts: true,
        future: true,
        now,
    };
    let (mut site, previewed) =
        Site::load_lenient(config, published, &preview, &|stage| spinner.stage(stage));
    let mut found = std::mem::take(&mut site.diagnostics);
    let config = &site.config;
    report.files = site.files;

    let held: BTreeMap<&Path, (Held, DateTime<FixedOffset>)> = site
        .held
        .iter()
        .map(|(path, why, date)| (path.as_path(), (*why, *date)))
        .collect();
    for d in previewed.diagnostics {
        match held.get(d.path.as_path()) {
            Some((why, _)) if !found.contains(&d) => found.push(held_problem(d, *why)),
            _ => {}
        }
    }
    let held_articles = previewed.articles;
    for (path, (why, date)) in &held {
        let line = held_articles
            .iter()
            .find(|a| a.source_path == *path)
            .and_then(|a| a.key_lines.get("date"));
        match why {
            Held::Scheduled => found.push(Diagnostic::warning(
                *path,
                line,
                format!(
                    "scheduled: dated {}, in the future, so it is left out of the site until then (`build --future` previews it)",
                    date.format("%Y-%m-%d %H:%M %:z")
                ),
            )),
            Held::Draft => report.details.push(format!(
                "{}: a draft, left out unless --drafts",
                path.display()
            )),
            Held::Expired => report.details.push(format!(
                "{}: expired, no longer published",
                path.display()
            )),
        }
    }

    // Render in memory: catches template errors that only show with data, and tells which
    // pages exist for the link check.
    found.extend(language_problems(config, &site.index.articles));
    // Language editions (issue 16), as `build` makes them: the root site has the default
    // language's articles, each other edition is rendered and checked under /<code>/.
    let mut editions = Vec::new();
    if config.multilingual() {
        let all = std::mem::take(&mut site.index.articles);
        let (root, others) = render::languages::split(config, all);
        site.index = crate::index::SiteIndex::build(config, root);
        editions = others;
    }
    for article in editions.iter().flat_map(|(_, articles)| articles) {
        found.extend(placeholder_warning(config, article));
    }
    spinner.stage("links");
    let index = &site.index;
    let rendered = site.tera.as_ref().map(|tera| {
        let context = site.render_context()?;
        let mut files = render::render_site(&context, &render::NullSink)?;
        // Each edition's email, as subscribers would get it (issue 17).
        for problem in render::email::email_problems(&context)? {
            found.push(Diagnostic::warning(problem.path, None, problem.message));
        }
        let (edition_files, rendered) = render::languages::render_editions(
            config,
            tera,
            editions,
            &render::languages::EditionOptions {
                now: site.now(),
                inject_html: "",
                file_links: false,
            },
            &render::NullSink,
        )?;
        files.extend(edition_files);
        anyhow::Ok((files, rendered))
    });
    match rendered {
        Some(Ok((paths, rendered))) => {
            found.extend(crate::site::links::edition_broken_links(
                &rendered,
                &paths,
                site.statics.keys(),
            ));
            let statics = site.statics.keys().cloned();
            let mut files = SiteFiles::new(paths.iter().cloned().chain(statics));
            found.extend(check_site_images(config, &files));
            for article in &index.articles {
                found.extend(check_links(config, article, &files));
            }
            // A held article may link to another held one: both will be live together.
            // One in another language is checked in its edition, as it will be published.
            let edition_of = |article: &Article| {
                let code = render::languages::edition_of(config, &article.lang);
                rendered.iter().position(|e| e.config.lang == code)
            };
            let mut edition_files: Vec<SiteFiles> = rendered
                .iter()
                .map(|e| crate::site::links::edition_files(&e.prefix, &paths, site.statics.keys()))
                .collect();
            for article in &held_articles {
                match edition_of(article) {
                    Some(i) => edition_files[i].add(format!("{}index.html", article.path)),
                    None => files.add(format!("{}index.html", article.path)),
                }
            }
            for article in &held_articles {
                let why = held.get(article.source_path.as_path()).map(|(w, _)| *w);
                let (article_config, article_files) = match edition_of(article) {
                    Some(i) => (&rendered[i].config, &edition_files[i]),
                    None => (config, &files),
                };
                for d in check_links(article_config, article, article_files) {
                    found.push(match why {
                        Some(why) => held_problem(d, why),
                        None => d,
                    });
                }
            }
            let links: usize = index
                .articles
                .iter()
                .chain(rendered.iter().flat_map(|e| &e.articles))
                .chain(&held_articles)
                .map(|a| a.local_links.len())
                .sum();
            report
                .details
                .push(format!("{links} local links and images checked"));
        }
        Some(Err(e)) => found.push(error_diagnostic(config, &e)),
        None => {}
    }
    for article in index.articles.iter().chain(&held_articles) {
        found.extend(placeholder_warning(config, article));
    }
    spinner.finish();

    diagnostics::sort(&mut found);
    found.dedup();
    report.diagnostics = found;
    report
}

/// A problem in an article that is not published yet: a draft's is a warning (it may be
/// unfinished); a scheduled article's stays an error (it will break the build on its date).
fn held_problem(mut d: Diagnostic, why: Held) -> Diagnostic {
    match why {
        Held::Draft => {
            d.severity = Severity::Warning;
            d.message.push_str(" (in a draft)");
        }
        Held::Scheduled => d.message.push_str(" (in a scheduled article)"),
        Held::Expired => {}
    }
    d
}

/// `check` warns while an article still has the body `gazette new` wrote.
fn placeholder_warning(config: &SiteConfig, article: &Article) -> Option<Diagnostic> {
    // A body that cannot be read back is not the placeholder; the build reports it.
    if !article
        .body_html()
        .is_ok_and(|html| html.contains(crate::content::BODY_PLACEHOLDER))
    {
        return None;
    }
    let text = std::fs::read_to_string(config.root.join(&article.source_path)).ok();
    let line = text.and_then(|t| {
        t.lines()
            .position(|l| l.contains(crate::content::BODY_PLACEHOLDER))
            .map(|i| i + 1)
    });
    Some(Diagnostic::warning(
        article.source_path.clone(),
        line,
        "the body is still the placeholder written by `gazette new`",
    ))
}

/// A spinner naming the current stage, for big sites on a terminal.
struct Spinner(crate::progress::Progress);

impl Spinner {
    fn start(wanted: bool, config: &SiteConfig) -> Spinner {
        if !wanted {
            return Spinner(crate::progress::Progress::hidden());
        }
        let files = walkdir::WalkDir::new(config.root.join(CONTENT_DIR))
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .count() as u64;
        let label = format!("checking {files} files");
        Spinner(crate::progress::Progress::new(true, &label, None, files))
    }

    fn stage(&self, name: &'static str) {
        self.0.stage(name);
    }

    fn finish(&self) {
        self.0.finish();
    }
}

//! `gazette check`: everything `build` would complain about, and more, without writing a
//! file. Loads site.yaml, the templates and the content with the shared loader, renders the
//! site in memory to know which pages exist, then checks local links and images against those
//! pages and the static files. Reports every problem as a `Diagnostic`; printing and the exit
//! code are the caller's.

use crate::config::SiteConfig;
use crate::content::load::{Held, CONTENT_DIR};
use crate::content::{load_site_content, Article, LoadOptions};
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::index::SiteIndex;
use crate::render::{self, theme, RenderContext};
use crate::url::{self, BaseUrl};
use chrono::{DateTime, FixedOffset};
use std::collections::{BTreeMap, HashSet};
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
fn language_problems(
    config: &SiteConfig,
    articles: &[crate::content::article::Article],
) -> Vec<Diagnostic> {
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
        if !codes.contains(&article.lang.as_str()) {
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
    let mut config = match SiteConfig::load(&options.root) {
        Ok(config) => config,
        Err(errors) => {
            report.diagnostics = errors;
            return report;
        }
    };
    if let Some(url) = &options.base_url {
        match BaseUrl::parse(url) {
            Ok(base) => config.base_url = base,
            Err(e) => {
                report.diagnostics = vec![Diagnostic::error("--base-url", None, e)];
                return report;
            }
        }
    }
    let now = options.now.unwrap_or_else(|| config.now());
    let spinner = Spinner::start(options.progress, &config);
    let mut found = Vec::new();

    spinner.stage("templates");
    let tera = theme::load_templates(&config)
        .map_err(|e| found.push(error_diagnostic(&config, &e)))
        .ok();
    // Without templates the theme error is already reported; don't report it twice.
    let statics = match &tera {
        Some(_) => theme::layered(&config, "static").unwrap_or_else(|e| {
            found.push(error_diagnostic(&config, &e));
            BTreeMap::new()
        }),
        None => BTreeMap::new(),
    };

    // What `build` would publish now, and its problems.
    spinner.stage("content");
    let live = load_site_content(
        &config,
        &LoadOptions {
            drafts: false,
            future: false,
            now,
        },
    );
    report.files = live.files;
    found.extend(live.diagnostics.iter().cloned());

    // Held articles (drafts, scheduled) are not rendered in that load, so their bodies are
    // checked in a second one: a scheduled article with a broken link would otherwise fail
    // the hourly build on the day it goes live.
    let held: BTreeMap<&Path, (Held, DateTime<FixedOffset>)> = live
        .held
        .iter()
        .map(|(path, why, date)| (path.as_path(), (*why, *date)))
        .collect();
    let mut held_articles = Vec::new();
    if held.values().any(|(why, _)| *why != Held::Expired) {
        let all = load_site_content(
            &config,
            &LoadOptions {
                drafts: true,
                future: true,
                now,
            },
        );
        for d in all.diagnostics {
            match held.get(d.path.as_path()) {
                Some((why, _)) if !found.contains(&d) => found.push(held_problem(d, *why)),
                _ => {}
            }
        }
        held_articles = all
            .articles
            .into_iter()
            .filter(|a| {
                held.get(a.source_path.as_path())
                    .is_some_and(|(why, _)| *why != Held::Expired)
            })
            .collect();
    }
    for (path, (why, date)) in &held {
        let line = held_articles
            .iter()
            .find(|a| a.source_path == *path)
            .and_then(|a| a.key_lines.get("date").copied());
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
    found.extend(language_problems(&config, &live.articles));
    spinner.stage("links");
    let index = SiteIndex::build(&config, live.articles);
    let rendered = tera.as_ref().map(|tera| {
        let context = RenderContext::new(&config, &index, tera, now);
        let files = render::render_site(&context, &render::NullSink)?;
        // Each edition's email, as subscribers would get it (issue 17).
        for problem in render::email::email_problems(&context)? {
            found.push(Diagnostic::warning(problem.path, None, problem.message));
        }
        anyhow::Ok(files)
    });
    match rendered {
        Some(Ok(files)) => {
            let mut site = SiteFiles::new(files.into_iter().chain(statics.keys().cloned()));
            found.extend(check_site_images(&config, &site));
            for article in &index.articles {
                found.extend(check_links(&config, article, &site));
            }
            // A held article may link to another held one: both will be live together.
            for article in &held_articles {
                site.add(format!("{}index.html", article.path));
            }
            for article in &held_articles {
                let why = held.get(article.source_path.as_path()).map(|(w, _)| *w);
                for d in check_links(&config, article, &site) {
                    found.push(match why {
                        Some(why) => held_problem(d, why),
                        None => d,
                    });
                }
            }
            let links: usize = index
                .articles
                .iter()
                .chain(&held_articles)
                .map(|a| a.local_links.len())
                .sum();
            report
                .details
                .push(format!("{links} local links and images checked"));
        }
        Some(Err(e)) => found.push(error_diagnostic(&config, &e)),
        None => {}
    }
    for article in index.articles.iter().chain(&held_articles) {
        found.extend(placeholder_warning(&config, article));
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

/// Local links, local images and the front-matter image of one article, checked against
/// the site's files under `config.base_url` (the reading of `crate::url::resolve_local`).
/// `check` and `build` both call this: a link one reports, the other refuses.
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

/// `check` warns while an article still has the body `gazette new` wrote.
fn placeholder_warning(config: &SiteConfig, article: &Article) -> Option<Diagnostic> {
    if !article
        .body_html()
        .contains(crate::content::BODY_PLACEHOLDER)
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

/// A template or theme error (`file:line: message` text) as a diagnostic.
fn error_diagnostic(config: &SiteConfig, error: &anyhow::Error) -> Diagnostic {
    let text = format!("{error:#}");
    if let Some((path, line, message)) = split_location(&text) {
        return Diagnostic::error(path, Some(line), message);
    }
    // Render errors read "template NAME: …"; point at the file that provides NAME.
    let path = text
        .strip_prefix("template ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|name| {
            let sources = theme::layered(config, "templates").ok()?;
            Some(sources.get(name)?.describe(&config.root))
        })
        .unwrap_or_else(|| crate::config::CONFIG_FILE.to_string());
    Diagnostic::error(path, None, text)
}

/// `"path:12: message"` → (path, 12, message).
fn split_location(text: &str) -> Option<(String, usize, String)> {
    for (i, _) in text.match_indices(':') {
        let after = &text[i + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && after[digits..].starts_with(": ") {
            let path = &text[..i];
            if path.is_empty() || path.contains('\n') {
                return None;
            }
            let line = after[..digits].parse().ok()?;
            return Some((path.to_string(), line, after[digits + 2..].to_string()));
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_split_from_messages() {
        assert_eq!(
            split_location("templates/article.html:3: template syntax error: x: y"),
            Some((
                "templates/article.html".into(),
                3,
                "template syntax error: x: y".into()
            ))
        );
        assert_eq!(
            split_location("(built-in theme)/templates/a.html:12: boom"),
            Some((
                "(built-in theme)/templates/a.html".into(),
                12,
                "boom".into()
            ))
        );
        assert_eq!(
            split_location("template index.html: failed: 3 things"),
            None
        );
    }
}

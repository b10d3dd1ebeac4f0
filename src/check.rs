//! `gazette check`: everything `build` would complain about, and more, without writing a
//! file. Loads site.yaml, the templates and the content with the shared loader, renders the
//! site in memory to know which pages exist, then checks local links and images against those
//! pages and the static files. Reports every problem as a `Diagnostic`; printing and the exit
//! code are the caller's.

use crate::build::now_in;
use crate::config::SiteConfig;
use crate::content::load::{Held, CONTENT_DIR};
use crate::content::{load_site_content, Article, LoadOptions};
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::index::SiteIndex;
use crate::render::{self, theme, RenderContext};
use chrono::{DateTime, FixedOffset};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
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

/// Check the site at `options.root`. Never writes; problems are data in the report.
pub fn run(options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let config = match SiteConfig::load(&options.root) {
        Ok(config) => config,
        Err(errors) => {
            report.diagnostics = errors;
            return report;
        }
    };
    let now = options.now.unwrap_or_else(|| now_in(&config));
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
    spinner.stage("links");
    let index = SiteIndex::build(&config, live.articles);
    let rendered = tera.as_ref().map(|tera| {
        let context = RenderContext::new(&config, &index, tera, now);
        render::render_site(&context, &render::NullSink)
    });
    match rendered {
        Some(Ok(files)) => {
            let mut site: HashSet<String> = files.into_iter().collect();
            site.extend(statics.keys().cloned());
            for article in &index.articles {
                found.extend(check_links(&config, article, &site));
            }
            // A held article may link to another held one: both will be live together.
            site.extend(
                held_articles
                    .iter()
                    .map(|a| format!("{}index.html", a.path)),
            );
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

/// Local links, local images and the front-matter image of one article, checked against
/// the site's pages and static files.
fn check_links(config: &SiteConfig, article: &Article, site: &HashSet<String>) -> Vec<Diagnostic> {
    let base = config.base_url.path();
    let exists = |rel: &str| {
        let dir = rel.trim_end_matches('/');
        let index = if dir.is_empty() {
            "index.html".to_string()
        } else {
            format!("{dir}/index.html")
        };
        site.contains(rel) || site.contains(&index)
    };
    let mut problems = Vec::new();
    for link in &article.local_links {
        let what = if link.is_image {
            "missing image"
        } else {
            "broken link"
        };
        let message = match resolve_local(&link.target, &article.path, base) {
            Ok(rel) if exists(&rel) => continue,
            Ok(rel) if link.is_image => format!(
                "{what} `{}`: no file /{rel} in static/ or the theme's static/",
                link.target
            ),
            Ok(rel) => {
                let hint = if rel.ends_with(".md") {
                    "; link to an article as `@/<region>/<file>.md`"
                } else {
                    ""
                };
                format!(
                    "{what} `{}`: no page or file /{rel} in the site{hint}",
                    link.target
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
    if let Some(image) = article.image.as_deref().filter(|i| !is_external(i)) {
        let rel = resolve_local(&format!("/{}", image.trim_start_matches('/')), "", "/");
        if !rel.as_deref().is_ok_and(exists) {
            problems.push(Diagnostic::error(
                article.source_path.clone(),
                Some(article.line_of("image")),
                format!("image `{image}` not found in static/ or the theme's static/"),
            ));
        }
    }
    problems
}

/// `https:`, `mailto:`, `//host/…`, `data:`: not ours to check.
fn is_external(target: &str) -> bool {
    target.starts_with("//")
        || target.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// The site-relative path a local link points to, as a browser on the published site would
/// resolve it from the page at `page_dir` (`2024/02/slug/`): query and fragment dropped,
/// percent-escapes decoded, `.`/`..` applied. Directories keep their trailing `/`.
pub fn resolve_local(target: &str, page_dir: &str, base_path: &str) -> Result<String, String> {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    let target = &target[..end];
    if target.is_empty() {
        return Ok(page_dir.to_string());
    }
    let decoded = crate::serve::percent_decode(target)
        .ok_or_else(|| "it has a malformed %-escape".to_string())?;
    let joined = match decoded.strip_prefix('/') {
        Some(_) => match decoded.strip_prefix(base_path) {
            Some(rest) => rest.to_string(),
            None if decoded == base_path.trim_end_matches('/') => String::new(),
            None => {
                return Err(format!(
                    "it is outside the site's base path {base_path}; write `{base_path}{}` or a relative link",
                    decoded.trim_start_matches('/')
                ))
            }
        },
        None => format!("{page_dir}{decoded}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("it points above the site's root".into());
                }
            }
            _ => parts.push(part),
        }
    }
    let mut rel = parts.join("/");
    let is_dir = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    if is_dir && !rel.is_empty() {
        rel.push('/');
    }
    Ok(rel)
}

/// `check` warns while an article still has the body `gazette new` wrote.
fn placeholder_warning(config: &SiteConfig, article: &Article) -> Option<Diagnostic> {
    if !article.body_html().contains(crate::new::BODY_PLACEHOLDER) {
        return None;
    }
    let text = std::fs::read_to_string(config.root.join(&article.source_path)).ok();
    let line = text.and_then(|t| {
        t.lines()
            .position(|l| l.contains(crate::new::BODY_PLACEHOLDER))
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
    fn local_links_resolve_like_a_browser() {
        let page = "2024/02/oman-budget/";
        let cases = [
            ("/images/a.jpg", "/", Ok("images/a.jpg")),
            ("/repo/images/a.jpg", "/repo/", Ok("images/a.jpg")),
            ("/repo", "/repo/", Ok("")),
            ("photo.jpg", "/", Ok("2024/02/oman-budget/photo.jpg")),
            ("../../../regions/gulf/", "/", Ok("regions/gulf/")),
            ("../other?x=1#top", "/", Ok("2024/02/other")),
            ("#top", "/", Ok("2024/02/oman-budget/")),
            ("/files/a%20b.pdf", "/", Ok("files/a b.pdf")),
            ("/", "/", Ok("")),
            ("./", "/", Ok("2024/02/oman-budget/")),
        ];
        for (target, base, expected) in cases {
            assert_eq!(
                resolve_local(target, page, base).as_deref(),
                expected.map_err(|_: ()| String::new()).as_deref(),
                "{target}"
            );
        }
        for (target, base) in [
            ("/images/a.jpg", "/repo/"),
            ("../../../../x", "/"),
            ("/a%zz", "/"),
        ] {
            assert!(resolve_local(target, page, base).is_err(), "{target}");
        }
    }

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

    #[test]
    fn external_targets() {
        for (target, external) in [
            ("https://x.org", true),
            ("//cdn.x/a.png", true),
            ("data:image/png;base64,xx", true),
            ("/images/a.png", false),
            ("images/a:b.png", false),
        ] {
            assert_eq!(is_external(target), external, "{target}");
        }
    }
}

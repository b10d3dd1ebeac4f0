//! Loading a `Site`: site.yaml (with a `--base-url` override), the theme's templates and
//! static files, the content and the index, each read once. `Site::load` stops at the
//! first stage that fails (build, serve, email); `Site::load_lenient` goes on and keeps
//! every problem as a `Diagnostic` (check).

use crate::config::SiteConfig;
use crate::content::load::{load_site_content_previewing, Held, Previewed};
use crate::content::{load_site_content, Article, LoadOptions};
use crate::diagnostics::{ContentErrors, Diagnostic};
use crate::index::SiteIndex;
use crate::progress::Timings;
use crate::render::{theme, RenderContext};
use crate::url::BaseUrl;
use anyhow::{anyhow, Result};
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The site as every command sees it, loaded once.
pub struct Site {
    pub config: SiteConfig,
    /// Which articles are published (drafts, future) and the clock (`now`).
    pub options: LoadOptions,
    /// The parsed templates: always there after `Site::load`; `None` after a
    /// `Site::load_lenient` whose templates failed (a diagnostic says why).
    pub tera: Option<tera::Tera>,
    /// Whether a template prints the build time (`now`).
    pub uses_now: bool,
    /// The theme's and the site's static files, by site path.
    pub statics: BTreeMap<String, crate::theme_files::Source>,
    /// The published articles and their groupings.
    pub index: SiteIndex,
    /// Valid articles left out: drafts, scheduled (future date), expired.
    pub held: Vec<(PathBuf, Held, DateTime<FixedOffset>)>,
    /// How many content files were read.
    pub files: usize,
    /// Warnings after `Site::load`; every problem found after `Site::load_lenient`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Read site.yaml and apply a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<SiteConfig> {
    let config = SiteConfig::load(root).map_err(ContentErrors)?;
    with_base_url(config, base_url)
}

/// `config` with `base_url` (a `--base-url` override) in place of site.yaml's.
pub fn with_base_url(mut config: SiteConfig, base_url: Option<&str>) -> Result<SiteConfig> {
    if let Some(url) = base_url {
        config.base_url = BaseUrl::parse(url).map_err(|e| anyhow!("--base-url: {e}"))?;
    }
    Ok(config)
}

/// `load_config` with its problems as diagnostics: every problem of site.yaml, or the
/// one of the override (at `--base-url`).
pub fn load_config_lenient(
    root: &Path,
    base_url: Option<&str>,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut config = SiteConfig::load(root)?;
    if let Some(url) = base_url {
        config.base_url =
            BaseUrl::parse(url).map_err(|e| vec![Diagnostic::error("--base-url", None, e)])?;
    }
    Ok(config)
}

impl Site {
    /// Templates, static files, content and index, stopping at the first stage that
    /// fails; content errors come back as `ContentErrors` with every diagnostic.
    pub fn load(config: SiteConfig, options: LoadOptions, timings: &mut Timings) -> Result<Site> {
        Site::load_with(config, options, timings, |_, _, articles, _| Ok(articles))
    }

    /// `Site::load` with a step between the content and the index: `prepare` gets the
    /// loaded articles (content without errors) with the config and the static files,
    /// and returns the articles to index, or an error that stops the load. A build runs
    /// the image pipeline there (pages print each photo's sizes and srcset) and keeps
    /// only the default language's articles for the root (`crate::render::languages`).
    pub fn load_with(
        config: SiteConfig,
        options: LoadOptions,
        timings: &mut Timings,
        prepare: impl FnOnce(
            &SiteConfig,
            &BTreeMap<String, crate::theme_files::Source>,
            Vec<Article>,
            &mut Timings,
        ) -> Result<Vec<Article>>,
    ) -> Result<Site> {
        let (tera, uses_now, statics) = timings.time("templates", || -> Result<_> {
            let (tera, uses_now) = theme::load_templates(&config)?;
            Ok((
                tera,
                uses_now,
                crate::theme_files::layered(&config, "static")?,
            ))
        })?;
        let loaded = timings.time("load", || load_site_content(&config, &options));
        if loaded.has_errors() {
            return Err(ContentErrors(loaded.diagnostics).into());
        }
        let articles = prepare(&config, &statics, loaded.articles, timings)?;
        let index = timings.time("index", || SiteIndex::build(&config, articles));
        Ok(Site {
            config,
            options,
            tera: Some(tera),
            uses_now,
            statics,
            index,
            held: loaded.held,
            files: loaded.files,
            diagnostics: loaded.diagnostics,
        })
    }

    /// Everything that can be loaded, with every problem met kept in `diagnostics`: a
    /// theme that fails leaves `tera` `None` (and no static files), and the content with
    /// errors is still indexed. `stage` names each step as it starts (a spinner's text).
    /// With it, what the more lenient `preview` would publish (`Previewed`), from the same
    /// read of content/.
    pub fn load_lenient(
        config: SiteConfig,
        options: LoadOptions,
        preview: &LoadOptions,
        stage: &dyn Fn(&'static str),
    ) -> (Site, Previewed) {
        let mut diagnostics = Vec::new();
        stage("templates");
        let (tera, uses_now) = match theme::load_templates(&config) {
            Ok((tera, uses_now)) => (Some(tera), uses_now),
            Err(e) => {
                diagnostics.push(error_diagnostic(&config, &e));
                (None, false)
            }
        };
        // Without templates the theme error is already reported; don't report it twice.
        let statics = match &tera {
            Some(_) => crate::theme_files::layered(&config, "static").unwrap_or_else(|e| {
                diagnostics.push(error_diagnostic(&config, &e));
                BTreeMap::new()
            }),
            None => BTreeMap::new(),
        };
        stage("content");
        let (loaded, previewed) = load_site_content_previewing(&config, &options, preview);
        diagnostics.extend(loaded.diagnostics);
        let index = SiteIndex::build(&config, loaded.articles);
        let site = Site {
            config,
            options,
            tera,
            uses_now,
            statics,
            index,
            held: loaded.held,
            files: loaded.files,
            diagnostics,
        };
        (site, previewed)
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.options.now
    }

    /// What every page render reads; an error only when the templates failed to load.
    pub fn render_context(&self) -> Result<RenderContext<'_>> {
        let tera = self
            .tera
            .as_ref()
            .ok_or_else(|| anyhow!("the site's templates did not load"))?;
        Ok(RenderContext::new(
            &self.config,
            &self.index,
            tera,
            self.now(),
        ))
    }

    /// The first moment after `now` when the same inputs would build a different site:
    /// `now` itself when a template prints the time; else the next scheduled article or
    /// expiry, or an article leaving the 2-day news sitemap.
    pub fn next_change(&self) -> Option<DateTime<FixedOffset>> {
        self.next_change_with(std::iter::empty())
    }

    /// `next_change` counting `more` published articles too (the other language
    /// editions', which are not in `index`).
    pub fn next_change_with<'a>(
        &'a self,
        more: impl Iterator<Item = &'a Article>,
    ) -> Option<DateTime<FixedOffset>> {
        let now = self.now();
        if self.uses_now {
            return Some(now);
        }
        let published: Vec<&Article> = self.index.articles.iter().chain(more).collect();
        if published.is_empty() {
            // Feeds and sitemaps of an empty site carry the build time.
            return Some(now);
        }
        let news_window = chrono::Duration::hours(crate::render::sitemap::NEWS_WINDOW_HOURS);
        let scheduled = self
            .held
            .iter()
            .filter(|(_, why, _)| *why == Held::Scheduled)
            .map(|(_, _, date)| *date);
        let expiring = published.iter().filter_map(|a| a.expires);
        let leaving_news = published.iter().map(|a| a.date + news_window);
        scheduled
            .chain(expiring)
            .chain(leaving_news)
            .filter(|t| *t > now)
            .min()
    }
}

/// A template or theme error (`file:line: message` text) as a diagnostic.
pub fn error_diagnostic(config: &SiteConfig, error: &anyhow::Error) -> Diagnostic {
    let text = format!("{error:#}");
    if let Some((path, line, message)) = split_location(&text) {
        return Diagnostic::error(path, Some(line), message);
    }
    // Render errors read "template NAME: …"; point at the file that provides NAME.
    let path = text
        .strip_prefix("template ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|name| {
            let sources = crate::theme_files::layered(config, "templates").ok()?;
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

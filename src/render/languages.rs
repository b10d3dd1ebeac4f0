//! Language editions (site.yaml `languages:`, issue 16). The first language is the site
//! at the root; each other one is the same site under `/<code>/`, rendered by the same
//! code from a copy of the configuration (base URL `…/<code>/`, the language's title,
//! description and region names, `lang` = its code) over the articles in that language,
//! with the templates' `t()` speaking it. Static files stay at the root only (templates
//! reach them through `{{ assets }}`).

use super::{OutputFile, RenderContext, Sink};
use crate::config::{Language, SiteConfig};
use crate::content::article::Article;
use crate::index::SiteIndex;
use anyhow::{Context as _, Result};
use chrono::{DateTime, FixedOffset};

/// The language edition an article belongs to: its own language if the site has it
/// (exactly, else by primary subtag: `ar-EG` → `ar`), else the default (check reports it).
pub fn edition_of<'c>(config: &'c SiteConfig, lang: &str) -> &'c str {
    let primary = |l: &str| {
        l.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    config
        .languages
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(lang))
        .or_else(|| {
            config
                .languages
                .iter()
                .find(|l| primary(&l.code) == primary(lang))
        })
        .map_or(config.default_language(), |l| l.code.as_str())
}

/// The articles of the default edition, and each other edition's.
pub fn split(
    config: &SiteConfig,
    articles: Vec<Article>,
) -> (Vec<Article>, Vec<(Language, Vec<Article>)>) {
    if !config.multilingual() {
        return (articles, Vec::new());
    }
    let mut others: Vec<(Language, Vec<Article>)> = config
        .languages
        .iter()
        .skip(1)
        .map(|l| (l.clone(), Vec::new()))
        .collect();
    let mut default = Vec::new();
    for article in articles {
        let code = edition_of(config, &article.lang);
        match others.iter_mut().find(|(l, _)| l.code == code) {
            Some((_, list)) => list.push(article),
            None => default.push(article),
        }
    }
    (default, others)
}

/// The configuration of a language edition.
pub fn edition_config(config: &SiteConfig, language: &Language) -> Result<SiteConfig> {
    let mut edition = config.clone();
    edition.base_url = crate::url::BaseUrl::parse(
        &config
            .base_url
            .url_for(&format!("{}/", language.code.to_ascii_lowercase())),
    )
    .map_err(anyhow::Error::msg)?;
    edition.title = language.title.clone();
    edition.description = language.description.clone();
    edition.lang = language.code.clone();
    edition.cname = None;
    for region in &mut edition.regions {
        region.name = region.name_in(&language.code).to_string();
    }
    Ok(edition)
}

/// Files of the root site only (one per host).
fn root_only(path: &str) -> bool {
    matches!(path, "CNAME" | ".nojekyll" | "robots.txt")
}

/// A sink that puts a language edition's files under its folder.
struct PrefixSink<'s> {
    prefix: String,
    inner: &'s dyn Sink,
}

impl Sink for PrefixSink<'_> {
    fn put(&self, file: OutputFile) -> Result<()> {
        if root_only(&file.path) {
            return Ok(());
        }
        self.inner.put(OutputFile {
            path: format!("{}{}", self.prefix, file.path),
            bytes: file.bytes,
        })
    }
}

/// Options of the root rendering that the editions share.
pub struct EditionOptions<'a> {
    pub now: DateTime<FixedOffset>,
    pub inject_html: &'a str,
    pub file_links: bool,
}

/// Render every language edition but the default one into `sink`, under `<code>/`; the
/// site-relative paths written.
pub fn render_editions(
    config: &SiteConfig,
    tera: &tera::Tera,
    editions: Vec<(Language, Vec<Article>)>,
    options: &EditionOptions<'_>,
    sink: &dyn Sink,
) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    for (language, articles) in editions {
        let edition = edition_config(config, &language)?;
        let index = SiteIndex::build(&edition, articles);
        let i18n = crate::i18n::load(config)?;
        let tera = super::theme::for_language(tera, i18n.clone(), &language.code);
        let mut context = RenderContext::new(&edition, &index, &tera, options.now);
        context.i18n = i18n;
        context.ui_lang = language.code.clone();
        context.assets_up = "../";
        context.inject_html = options.inject_html.to_string();
        context.file_links = options.file_links;
        let prefix = format!("{}/", language.code.to_ascii_lowercase());
        let written = super::render_site(
            &context,
            &PrefixSink {
                prefix: prefix.clone(),
                inner: sink,
            },
        )
        .with_context(|| format!("rendering the {} edition", language.code))?;
        paths.extend(
            written
                .into_iter()
                .filter(|p| !root_only(p))
                .map(|p| format!("{prefix}{p}")),
        );
    }
    Ok(paths)
}

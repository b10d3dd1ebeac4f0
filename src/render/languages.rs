//! Language editions (site.yaml `languages:`, issue 16). The first language is the site
//! at the root; each other one is the same site under `/<code>/`, rendered by the same
//! code from a copy of the configuration (base URL `…/<code>/`, the language's title,
//! description, region and tag names, `lang` = its code) over the articles in that language,
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

/// The folder of a language's edition: `""` for the default, `ar/` for the others.
pub fn edition_prefix(config: &SiteConfig, code: &str) -> String {
    if code == config.default_language() {
        String::new()
    } else {
        format!("{}/", code.to_ascii_lowercase())
    }
}

/// One entry of the language switcher (`page.languages`): a language's name, and where
/// this page goes in it (the same story, else that language's home).
#[derive(Debug, Clone, serde::Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    pub dir: &'static str,
    /// Absolute URL.
    pub href: String,
    /// The same, relative to the root site (`ar/2024/02/story/`): pages link it through
    /// `{{ assets }}`, so that it works from any base path and from the file system.
    pub path: String,
    /// The language of the page showing the switcher.
    pub current: bool,
}

/// One `<link rel="alternate" hreflang>` of a page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// The switcher of a page in language `current` of the site `root` (the root edition's
/// configuration): every language's home. Empty on a site without `languages:`.
pub fn language_links(root: &SiteConfig, current: &str) -> Vec<LanguageLink> {
    root.languages
        .iter()
        .map(|l| LanguageLink {
            code: l.code.clone(),
            name: l.name.clone(),
            dir: l.dir(),
            href: root.base_url.url_for(&edition_prefix(root, &l.code)),
            path: edition_prefix(root, &l.code),
            current: l.code == current,
        })
        .collect()
}

/// The alternates of a page that exists in every language at the same path (the homes):
/// one per language and `x-default`.
pub fn alternates_everywhere(links: &[LanguageLink], path: &str) -> Vec<Alternate> {
    let mut list: Vec<Alternate> = links
        .iter()
        .map(|l| Alternate {
            hreflang: l.code.clone(),
            href: format!("{}{path}", l.href),
        })
        .collect();
    if let Some(first) = links.first() {
        list.push(Alternate {
            hreflang: "x-default".into(),
            href: format!("{}{path}", first.href),
        });
    }
    list
}

/// The switcher of an article page: its translations where they exist, else the homes.
pub fn article_links(links: &[LanguageLink], article: &Article) -> Vec<LanguageLink> {
    links
        .iter()
        .map(|l| {
            let mut l = l.clone();
            if let Some((_, href)) = article.alternates.iter().find(|(h, _)| *h == l.code) {
                // The first link is the root site's home: its URL is the root base.
                if let Some(path) = href.strip_prefix(links[0].href.as_str()) {
                    l.path = path.to_string();
                }
                l.href = href.clone();
            }
            l
        })
        .collect()
}

/// Link the versions of each story: articles in different site languages with the same
/// `translation_key` (or, without one, the same slug) are one story's translations; each
/// gets the list of all of them (itself included) and `x-default`, the default
/// language's version. Where one language has two candidates, the first (by date, then
/// file) is the version.
fn link_translations(config: &SiteConfig, articles: &mut [Article]) {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let key = a.translation_key.as_deref().unwrap_or(&a.slug);
        groups.entry(key).or_default().push(i);
    }
    let mut found: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for members in groups.values() {
        // The version per site language, in the order of `languages:`.
        let mut versions: Vec<(&str, usize)> = Vec::new();
        for language in &config.languages {
            let mut candidates: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| edition_of(config, &articles[i].lang) == language.code)
                .collect();
            candidates.sort_by(|&a, &b| {
                (articles[a].date, &articles[a].source_path)
                    .cmp(&(articles[b].date, &articles[b].source_path))
            });
            if let Some(&first) = candidates.first() {
                versions.push((language.code.as_str(), first));
            }
        }
        if versions.len() < 2 {
            continue;
        }
        let mut list: Vec<(String, String)> = versions
            .iter()
            .map(|&(code, i)| {
                let path = format!("{}{}", edition_prefix(config, code), articles[i].path);
                (code.to_string(), config.base_url.url_for(&path))
            })
            .collect();
        if versions[0].0 == config.default_language() {
            list.push(("x-default".to_string(), list[0].1.clone()));
        }
        found.extend(versions.iter().map(|&(_, i)| (i, list.clone())));
    }
    for (i, list) in found {
        articles[i].alternates = list;
    }
}

/// The articles of the default edition, and each other edition's.
pub fn split(
    config: &SiteConfig,
    mut articles: Vec<Article>,
) -> (Vec<Article>, Vec<(Language, Vec<Article>)>) {
    if !config.multilingual() {
        return (articles, Vec::new());
    }
    link_translations(config, &mut articles);
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
    edition.static_url = Some(config.static_base().clone());
    edition.title = language.title.clone();
    edition.description = language.description.clone();
    edition.lang = language.code.clone();
    edition.cname = None;
    for region in &mut edition.regions {
        region.name = region.name_in(&language.code).to_string();
    }
    for tag in &mut edition.tags {
        tag.name = tag.name_in(&language.code).to_string();
    }
    Ok(edition)
}

/// The root edition's pages among the paths of a whole build (the editions' are under
/// `<code>/`): what the root's sitemap lists.
pub fn root_paths(config: &SiteConfig, paths: &[String]) -> Vec<String> {
    let prefixes: Vec<String> = config
        .languages
        .iter()
        .skip(1)
        .map(|l| format!("{}/", l.code.to_ascii_lowercase()))
        .collect();
    paths
        .iter()
        .filter(|p| !prefixes.iter().any(|prefix| p.starts_with(prefix.as_str())))
        .cloned()
        .collect()
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

/// A language edition once rendered: its configuration (base URL `…/<code>/`) and
/// articles, for the link check.
pub struct RenderedEdition {
    pub config: SiteConfig,
    /// `<code>/`: where its files are in the whole site.
    pub prefix: String,
    pub articles: Vec<Article>,
}

/// Render every language edition but the default one into `sink`, under `<code>/`; the
/// site-relative paths written, and the editions.
pub fn render_editions(
    config: &SiteConfig,
    tera: &tera::Tera,
    editions: Vec<(Language, Vec<Article>)>,
    options: &EditionOptions<'_>,
    sink: &dyn Sink,
) -> Result<(Vec<String>, Vec<RenderedEdition>)> {
    let mut paths = Vec::new();
    let mut rendered = Vec::new();
    for (language, articles) in editions {
        let edition = edition_config(config, &language)?;
        let index = SiteIndex::build(&edition, articles);
        let i18n = crate::i18n::load(config)?;
        let tera = super::theme::for_language(tera, i18n.clone(), &language.code);
        let mut context = RenderContext::new(&edition, &index, &tera, options.now);
        context.i18n = i18n;
        context.ui_lang = language.code.clone();
        context.assets_up = "../";
        context.languages = language_links(config, &language.code);
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
        drop(context);
        rendered.push(RenderedEdition {
            config: edition,
            prefix,
            articles: index.articles,
        });
    }
    Ok((paths, rendered))
}

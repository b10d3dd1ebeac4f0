//! `SiteConfig`: site.yaml, read once and validated. Unknown keys and wrong types are
//! `site.yaml:LINE` diagnostics (`deny_unknown_fields`), and so are semantic problems
//! (bad base_url, unknown timezone, duplicate or unsafe slugs). Knows nothing of content.

mod languages;

use crate::diagnostics::Diagnostic;
use crate::slug::is_safe_segment;
use crate::url::BaseUrl;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use languages::Language;
use languages::RawLanguage;

pub const CONFIG_FILE: &str = "site.yaml";

/// site.yaml as written by the editor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_lang")]
    lang: String,
    #[serde(default = "default_theme")]
    theme: String,
    /// `paginate_by` is accepted too, as Zola spells it.
    #[serde(default = "default_paginate", alias = "paginate_by")]
    paginate: usize,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    cname: Option<String>,
    #[serde(default)]
    strict_tags: bool,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    edition: Edition,
    #[serde(default = "default_max_file_size")]
    max_file_size: u64,
    #[serde(default)]
    feeds: FeedConfig,
    /// Zola's name for `feeds.limit`; overrides it when both are given.
    #[serde(default)]
    feed_limit: Option<usize>,
    #[serde(default)]
    gazetteer: Option<PathBuf>,
    /// The publisher's logo (JSON-LD): a site path or an http(s) URL.
    #[serde(default)]
    logo: Option<String>,
    /// The image shared for pages without a photo: a site path or an http(s) URL.
    #[serde(default)]
    default_image: Option<String>,
    #[serde(default)]
    newsletter: NewsletterConfig,
    regions: Vec<Region>,
    #[serde(default)]
    tags: Vec<TagDef>,
    /// The site's editions by language (issue 16); the first lives at the root.
    #[serde(default)]
    languages: Vec<RawLanguage>,
}

fn default_lang() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_max_file_size() -> u64 {
    10 * 1024 * 1024
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub countries: Vec<String>,
    /// The region's name in the site's other languages: `{ar: الخليج, fr: Golfe}`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: std::collections::BTreeMap<String, String>,
}

impl Region {
    /// The name in `lang` (else the default name).
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.get(lang).map_or(&self.name, String::as_str)
    }
}

/// One entry of the topic vocabulary: a tag and the words that imply it on import.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TagDef {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub words: Vec<String>,
    /// The tag's name in the site's other languages: `{ar: اقتصاد, fr: Économie}`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: std::collections::BTreeMap<String, String>,
}

impl TagDef {
    /// The name in `lang` (else the default name).
    pub fn name_in(&self, lang: &str) -> &str {
        self.names.get(lang).map_or(&self.name, String::as_str)
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    #[default]
    Weekly,
    Daily,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// Entries per feed (site, region, tag).
    #[serde(default = "default_feed_limit")]
    pub limit: usize,
    /// Also write rss.xml (RSS 2.0) for old readers.
    #[serde(default)]
    pub rss: bool,
}

/// site.yaml `newsletter:`: the addresses `gazette email` writes into each message.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NewsletterConfig {
    /// `From:`, e.g. `Gazette Digest <digest@example.org>`.
    #[serde(default)]
    pub from: Option<String>,
    /// `To:`, e.g. the mailing list's address (else `--to`).
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub reply_to: Option<String>,
    /// `List-Unsubscribe`: a `mailto:` or `https:` URL (also linked in the email's footer).
    #[serde(default)]
    pub unsubscribe: Option<String>,
}

fn default_feed_limit() -> usize {
    20
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            limit: default_feed_limit(),
            rss: false,
        }
    }
}

/// The validated configuration every stage reads.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    /// Where the static files and image variants are when that is not `base_url`: a
    /// language edition (`…/ar/`) has none of its own and uses the root's.
    pub static_url: Option<BaseUrl>,
    pub lang: String,
    pub theme: String,
    pub paginate: usize,
    pub timezone: chrono_tz::Tz,
    pub author: String,
    pub cname: Option<String>,
    pub strict_tags: bool,
    pub unsafe_html: bool,
    pub edition: Edition,
    pub max_file_size: u64,
    pub feeds: FeedConfig,
    pub gazetteer: Option<PathBuf>,
    /// site.yaml `logo:` (a site path or an http(s) URL); the theme's `logo.png` if unset.
    pub logo: Option<String>,
    /// site.yaml `default_image:`: og:image of pages without a photo.
    pub default_image: Option<String>,
    pub newsletter: NewsletterConfig,
    pub regions: Vec<Region>,
    pub tags: Vec<TagDef>,
    /// site.yaml `languages:`; empty for a site in one language (which builds as before).
    pub languages: Vec<Language>,
}

impl SiteConfig {
    /// The base of the static files and image variants (absolute image URLs).
    pub fn static_base(&self) -> &BaseUrl {
        self.static_url.as_ref().unwrap_or(&self.base_url)
    }

    /// Now, in the site's time zone: the clock of build, check and new.
    pub fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::Utc::now()
            .with_timezone(&self.timezone)
            .fixed_offset()
    }

    /// Read `root/site.yaml`.
    pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::error(
                CONFIG_FILE,
                None,
                format!("cannot read {}: {e}", path.display()),
            )]
        })?;
        SiteConfig::parse(root, &text)
    }

    /// Parse site.yaml text; every problem found is reported, not just the first.
    pub fn parse(root: &Path, text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let raw: RawConfig = yaml::from_str(text)
            .map_err(|e| vec![Diagnostic::error(CONFIG_FILE, e.line, e.message)])?;
        let mut errors = Vec::new();
        let mut error_at = |key: &str, message: String| {
            errors.push(Diagnostic::error(
                CONFIG_FILE,
                yaml::key_line(text, key),
                message,
            ));
        };

        let base_url = BaseUrl::parse(&raw.base_url).unwrap_or_else(|message| {
            error_at("base_url", message);
            BaseUrl::parse("http://invalid/").expect("constant URL")
        });
        let timezone = raw.timezone.parse::<chrono_tz::Tz>().unwrap_or_else(|_| {
            error_at(
                "timezone",
                format!(
                    "unknown timezone {:?} (use an IANA name such as UTC or Asia/Baghdad)",
                    raw.timezone
                ),
            );
            chrono_tz::UTC
        });
        if raw.paginate == 0 {
            error_at("paginate", "paginate must be at least 1".into());
        }
        let mut feeds = raw.feeds.clone();
        if let Some(limit) = raw.feed_limit {
            feeds.limit = limit;
        }
        if feeds.limit == 0 {
            error_at("feeds", "feeds.limit must be at least 1".into());
        }
        if !is_safe_segment(&raw.theme) {
            error_at(
                "theme",
                format!("theme {:?} is not a plain folder name", raw.theme),
            );
        }
        if let Some(url) = &raw.newsletter.unsubscribe {
            if !["mailto:", "https://", "http://"]
                .iter()
                .any(|s| url.starts_with(s))
            {
                error_at(
                    "unsubscribe",
                    format!("newsletter.unsubscribe {url:?} must be a mailto: or https: URL"),
                );
            }
        }
        for (key, address) in [
            ("from", &raw.newsletter.from),
            ("to", &raw.newsletter.to),
            ("reply_to", &raw.newsletter.reply_to),
        ] {
            if let Some(address) = address {
                if !address.contains('@') || address.contains(['\r', '\n']) {
                    error_at(
                        key,
                        format!("newsletter.{key} {address:?} is not an email address"),
                    );
                }
            }
        }
        for (key, value) in [("logo", &raw.logo), ("default_image", &raw.default_image)] {
            if let Some(value) = value {
                if !is_image_reference(value) {
                    error_at(
                        key,
                        format!("{key} {value:?} is neither a site path (images/logo.png) nor an http(s) URL"),
                    );
                }
            }
        }
        if raw.regions.is_empty() {
            error_at("regions", "at least one region is required".into());
        }
        let mut seen = HashSet::new();
        for (i, region) in raw.regions.iter().enumerate() {
            let line = yaml::list_item_line(text, "regions", i);
            if !is_safe_segment(&region.slug) {
                errors.push(Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    format!(
                        "region slug {:?} is not a safe URL segment (lowercase letters, digits, -)",
                        region.slug
                    ),
                ));
            }
            if !seen.insert(region.slug.as_str()) {
                errors.push(Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    format!("region {:?} is defined twice", region.slug),
                ));
            }
        }
        let mut seen = HashSet::new();
        for (i, tag) in raw.tags.iter().enumerate() {
            let line = yaml::list_item_line(text, "tags", i);
            if !is_safe_segment(&tag.slug) {
                errors.push(Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    format!(
                        "tag slug {:?} is not a safe URL segment (lowercase letters, digits, -)",
                        tag.slug
                    ),
                ));
            }
            if !seen.insert(tag.slug.as_str()) {
                errors.push(Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    format!("tag {:?} is defined twice", tag.slug),
                ));
            }
        }
        if !crate::lang::is_language_tag(&raw.lang) {
            errors.push(Diagnostic::error(
                CONFIG_FILE,
                yaml::key_line(text, "lang"),
                crate::lang::not_a_language_tag(&raw.lang),
            ));
        }
        let mut languages = Vec::new();
        let mut seen = HashSet::new();
        for (i, raw_language) in raw.languages.iter().enumerate() {
            let line = yaml::list_item_line(text, "languages", i);
            let mut error = |message: String| {
                errors.push(Diagnostic::error(CONFIG_FILE, line, message));
            };
            let code = raw_language.code.trim();
            if !crate::lang::is_language_tag(code) {
                error(format!(
                    "languages: {}",
                    crate::lang::not_a_language_tag(code)
                ));
            } else if !seen.insert(code.to_ascii_lowercase()) {
                error(format!("languages: {code:?} is listed twice"));
            } else if i > 0 && !is_safe_segment(&code.to_ascii_lowercase()) {
                error(format!("languages: {code:?} cannot be a URL folder"));
            } else if i > 0 && code != code.to_ascii_lowercase() {
                error(format!(
                    "languages: write {code:?} in lower case ({:?}): it names the folder /{}/",
                    code.to_ascii_lowercase(),
                    code.to_ascii_lowercase()
                ));
            }
            if raw_language.name.trim().is_empty() {
                error(format!(
                    "languages: {code:?} needs a name (e.g. العربية, Français)"
                ));
            }
            let rtl = match raw_language.direction.as_deref() {
                None => crate::lang::is_rtl(code),
                Some("rtl") => true,
                Some("ltr") => false,
                Some(other) => {
                    error(format!(
                        "languages: direction {other:?} of {code:?} must be rtl or ltr"
                    ));
                    false
                }
            };
            let digits = match raw_language.digits.as_deref() {
                None => crate::lang::Digits::Latin,
                Some(name) => crate::lang::Digits::parse(name).unwrap_or_else(|| {
                    error(format!(
                        "languages: digits {name:?} of {code:?} must be latin or arabic"
                    ));
                    crate::lang::Digits::Latin
                }),
            };
            languages.push(Language {
                code: code.to_string(),
                name: raw_language.name.trim().to_string(),
                rtl,
                title: raw_language
                    .title
                    .clone()
                    .unwrap_or_else(|| raw.title.clone()),
                description: raw_language
                    .description
                    .clone()
                    .unwrap_or_else(|| raw.description.clone()),
                digits,
            });
        }
        // Names per language (`names:` of regions and tags) only in the site's languages.
        let named = raw
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| ("regions", "region", i, &r.slug, &r.names))
            .chain(
                raw.tags
                    .iter()
                    .enumerate()
                    .map(|(i, t)| ("tags", "tag", i, &t.slug, &t.names)),
            );
        for (key, what, i, slug, names) in named {
            for code in names.keys() {
                if !languages.iter().any(|l| &l.code == code) {
                    errors.push(Diagnostic::error(
                        CONFIG_FILE,
                        yaml::list_item_line(text, key, i),
                        format!(
                            "{what} {slug:?}: names.{code} is not one of site.yaml languages:{}",
                            if languages.is_empty() {
                                " (there is none)".to_string()
                            } else {
                                format!(
                                    " ({})",
                                    languages
                                        .iter()
                                        .map(|l| l.code.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            }
                        ),
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SiteConfig {
            root: root.to_path_buf(),
            author: raw.author.unwrap_or_else(|| raw.title.clone()),
            title: raw.title,
            description: raw.description,
            base_url,
            static_url: None,
            // With `languages:`, the default language is the first one (an article
            // without `lang:` belongs to the root edition).
            lang: languages
                .first()
                .map_or(raw.lang, |l: &Language| l.code.clone()),
            theme: raw.theme,
            paginate: raw.paginate,
            timezone,
            cname: raw.cname,
            strict_tags: raw.strict_tags,
            unsafe_html: raw.unsafe_html,
            edition: raw.edition,
            max_file_size: raw.max_file_size,
            feeds,
            gazetteer: raw.gazetteer,
            logo: raw.logo.map(|s| s.trim().to_string()),
            default_image: raw.default_image.map(|s| s.trim().to_string()),
            newsletter: raw.newsletter,
            regions: raw.regions,
            tags: raw.tags,
            languages,
        })
    }

    pub fn region(&self, slug: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.slug == slug)
    }

    pub fn region_slugs(&self) -> Vec<&str> {
        self.regions.iter().map(|r| r.slug.as_str()).collect()
    }

    pub fn tag_def(&self, slug: &str) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.slug == slug)
    }

    /// Display name of a tag: the vocabulary's name (in a language edition, its `names:`
    /// entry for that language where it has one), else a country's name as the built-in
    /// gazetteer spells it (`cote-divoire` → "Côte d'Ivoire"; in a language edition, in
    /// that language where the gazetteer has it: `iraq` → "العراق" in Arabic, "Irak" in
    /// French), else the
    /// slug in title case (`red-sea` → "Red Sea").
    pub fn tag_name(&self, slug: &str) -> String {
        if let Some(def) = self.tag_def(slug) {
            return def.name_in(&self.lang).to_string();
        }
        // A site without `languages:` keeps its English names, whatever its `lang:`.
        if self.multilingual() {
            if let Some(name) = crate::countries::country_name_in(slug, &self.lang) {
                return name.to_string();
            }
        }
        if let Some(name) = crate::countries::country_name(slug) {
            return name.to_string();
        }
        slug.split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A site path (`images/logo.png`, `/images/logo.png`) or an http(s) URL: what can stand in
/// an `og:image` or a JSON-LD logo. Not `javascript:`, `data:` or blank.
fn is_image_reference(value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match value.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => {
            let scheme = scheme.to_ascii_lowercase();
            (scheme == "http" || scheme == "https") && value.contains("://")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "title: T\nbase_url: https://example.org/\nregions:\n  - slug: gulf\n    name: Gulf\n";

    #[test]
    fn minimal_config_has_defaults() {
        let config = SiteConfig::parse(Path::new("."), MINIMAL).unwrap();
        assert_eq!(config.paginate, 20);
        assert_eq!(config.lang, "en");
        assert_eq!(config.theme, "default");
        assert_eq!(config.timezone, chrono_tz::UTC);
        assert_eq!(config.feeds.limit, 20);
        assert_eq!(config.author, "T");
    }

    #[test]
    fn unknown_key_names_its_line() {
        let text = format!("{MINIMAL}paginte: 5\n");
        let errors = SiteConfig::parse(Path::new("."), &text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(6));
        assert!(
            errors[0].message.contains("unknown field `paginte`"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn wrong_type_names_its_line() {
        let text = MINIMAL.replace("title: T\n", "title: T\npaginate: many\n");
        let errors = SiteConfig::parse(Path::new("."), &text).unwrap_err();
        assert_eq!(errors[0].line, Some(2));
    }

    #[test]
    fn semantic_errors_are_all_reported() {
        let text =
            MINIMAL.replace("https://example.org/", "example.org") + "timezone: Mars/Base\n  \n";
        let errors = SiteConfig::parse(Path::new("."), &text).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].line, Some(2));
    }

    #[test]
    fn a_language_that_is_not_a_tag_is_refused() {
        // It would reach every page's <html lang> and every email's attributes.
        let text = format!("{MINIMAL}lang: 'en\" onload=\"x'\n");
        let errors = SiteConfig::parse(Path::new("."), &text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("not a BCP 47"), "{errors:?}");
        assert!(errors[0].line.is_some(), "{errors:?}");
    }

    #[test]
    fn logo_and_default_image_are_paths_or_web_urls() {
        for good in ["images/logo.png", "/logo.png", "https://cdn.example/l.png"] {
            let text = format!("{MINIMAL}logo: {good}\ndefault_image: {good}\n");
            let config = SiteConfig::parse(Path::new("."), &text).unwrap();
            assert_eq!(config.logo.as_deref(), Some(good));
            assert_eq!(config.default_image.as_deref(), Some(good));
        }
        for bad in ["'javascript:alert(1)'", "'data:image/png,x'", "'a b.png'"] {
            let text = format!("{MINIMAL}default_image: {bad}\n");
            let errors = SiteConfig::parse(Path::new("."), &text).unwrap_err();
            assert!(errors[0].message.contains("default_image"), "{errors:?}");
        }
    }

    #[test]
    fn tag_names() {
        let config = SiteConfig::parse(Path::new("."), MINIMAL).unwrap();
        assert_eq!(config.tag_name("united-states"), "United States");
        assert_eq!(config.tag_name("cote-divoire"), "Côte d'Ivoire");
        assert_eq!(config.tag_name("red-sea"), "Red Sea");
        // A site in one language keeps the English names, whatever its `lang:`.
        let config = SiteConfig::parse(Path::new("."), &format!("{MINIMAL}lang: ar\n")).unwrap();
        assert_eq!(config.tag_name("iraq"), "Iraq");
        // An Arabic edition (here the root one) has the gazetteer's Arabic names; a French
        // one its French names.
        let text = format!(
            "{MINIMAL}tags:\n  - slug: qatar\n    name: Qatar file\nlanguages:\n  - code: ar\n    name: العربية\n  - code: fr\n    name: Français\n"
        );
        let mut config = SiteConfig::parse(Path::new("."), &text).unwrap();
        assert_eq!(config.tag_name("iraq"), "العراق");
        assert_eq!(config.tag_name("united-arab-emirates"), "الإمارات");
        assert_eq!(config.tag_name("qatar"), "Qatar file");
        assert_eq!(config.tag_name("red-sea"), "Red Sea");
        config.lang = "fr".into();
        assert_eq!(config.tag_name("iraq"), "Irak");
        assert_eq!(config.tag_name("red-sea"), "Red Sea");
    }

    #[test]
    fn languages_are_validated_with_their_lines() {
        let text = format!(
            "{MINIMAL}languages:\n  - code: en\n    name: English\n  - code: ar\n    name: العربية\n    digits: arabic\n  - code: fr\n    name: Français\n    title: Le Digest\n"
        );
        let config = SiteConfig::parse(Path::new("."), &text).unwrap();
        assert_eq!(config.default_language(), "en");
        assert_eq!(config.languages.len(), 3);
        assert!(config.languages[1].rtl);
        assert_eq!(config.languages[1].digits, crate::lang::Digits::ArabicIndic);
        assert_eq!(config.languages[2].title, "Le Digest");
        assert_eq!(config.languages[1].title, "T");
        assert_eq!(config.language_prefix("en"), "");
        assert_eq!(config.language_prefix("ar"), "ar/");

        let bad = format!(
            "{MINIMAL}languages:\n  - code: en\n    name: English\n  - code: 'a r'\n    name: X\n  - code: en\n    name: Again\n  - code: fr\n    name: F\n    direction: sideways\n"
        );
        let errors = SiteConfig::parse(Path::new("."), &bad).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0].line, Some(9), "{errors:?}");
        assert_eq!(errors[1].line, Some(11), "{errors:?}");
        assert_eq!(errors[2].line, Some(13), "{errors:?}");
    }

    #[test]
    fn direction_sets_a_languages_dir_else_the_known_list_does() {
        let text = format!(
            "{MINIMAL}languages:\n  - code: en\n    name: English\n  - code: pa-arab\n    name: پنجابی\n    direction: rtl\n  - code: ar\n    name: العربية\n  - code: fa\n    name: Farsi in Latin letters\n    direction: ltr\n"
        );
        let config = SiteConfig::parse(Path::new("."), &text).unwrap();
        // `direction:` wins over the known list, both ways.
        assert_eq!(config.dir_of("pa-arab"), "rtl");
        assert_eq!(config.dir_of("pa-Arab"), "rtl");
        assert_eq!(config.dir_of("fa"), "ltr");
        // Without it, the known list; a subtag finds its site language.
        assert_eq!(config.dir_of("ar"), "rtl");
        assert_eq!(config.dir_of("ar-EG"), "rtl");
        assert_eq!(config.dir_of("en"), "ltr");
        assert_eq!(config.dir_of("fa-IR"), "ltr");
        // A language the site does not list: the known list.
        assert_eq!(config.dir_of("he"), "rtl");
        assert_eq!(config.dir_of("de"), "ltr");
        // A site without `languages:` as before.
        let config = SiteConfig::parse(Path::new("."), MINIMAL).unwrap();
        assert_eq!(config.dir_of("ar"), "rtl");
        assert_eq!(config.dir_of("pa-arab"), "ltr");
    }

    #[test]
    fn region_names_per_language() {
        let text = MINIMAL.replace(
            "    name: Gulf\n",
            "    name: Gulf\n    names:\n      ar: الخليج\n",
        );
        let errors = SiteConfig::parse(Path::new("."), &text).unwrap_err();
        assert!(errors[0].message.contains("names.ar"), "{errors:?}");
        let text = format!(
            "{text}languages:\n  - code: en\n    name: English\n  - code: ar\n    name: العربية\n"
        );
        let config = SiteConfig::parse(Path::new("."), &text).unwrap();
        assert_eq!(config.regions[0].name_in("ar"), "الخليج");
        assert_eq!(config.regions[0].name_in("fr"), "Gulf");
    }

    #[test]
    fn tag_names_per_language() {
        let tags =
            "tags:\n  - slug: economy\n    name: Economy\n    names: {ar: اقتصاد, fr: Économie}\n";
        let errors = SiteConfig::parse(Path::new("."), &format!("{MINIMAL}{tags}")).unwrap_err();
        assert!(
            errors[0].message.contains("tag \"economy\": names.ar"),
            "{errors:?}"
        );
        assert_eq!(errors[0].line, Some(7), "{errors:?}");
        let text = format!(
            "{MINIMAL}{tags}languages:\n  - code: en\n    name: English\n  - code: ar\n    name: العربية\n  - code: fr\n    name: Français\n"
        );
        let mut config = SiteConfig::parse(Path::new("."), &text).unwrap();
        assert_eq!(config.tag_name("economy"), "Economy");
        config.lang = "ar".into();
        assert_eq!(config.tag_name("economy"), "اقتصاد");
        config.lang = "fr".into();
        assert_eq!(config.tag_name("economy"), "Économie");
    }
}

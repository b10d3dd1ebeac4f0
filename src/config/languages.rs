//! site.yaml `languages:`: the site's editions by language, the first at the root and the
//! others under `/<code>/` (issue 16), and what the rest of gazette asks of them.

use super::SiteConfig;
use serde::Deserialize;

/// One entry of site.yaml `languages:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    pub(super) code: String,
    pub(super) name: String,
    /// `rtl` or `ltr`; else from the language (ar, fa, he, ur… are right to left).
    #[serde(default)]
    pub(super) direction: Option<String>,
    #[serde(default)]
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) description: Option<String>,
    /// `latin` (0123) or `arabic` (٠١٢٣, Arabic-Indic) for numbers in the UI and dates.
    #[serde(default)]
    pub(super) digits: Option<String>,
}

/// A language edition of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 tag: `ar`, `fr`, `en-GB`.
    pub code: String,
    /// Its own name for itself (the language switcher's label): `العربية`, `Français`.
    pub name: String,
    pub rtl: bool,
    /// The site's title and description in this language (else the site's).
    pub title: String,
    pub description: String,
    pub digits: crate::lang::Digits,
}

impl Language {
    pub fn dir(&self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }
}

impl SiteConfig {
    /// Whether the site has language editions (site.yaml `languages:`).
    pub fn multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// The language of the root edition and of the UI's fallback strings: the first of
    /// `languages:`, else English (a site without `languages:` keeps its English UI,
    /// whatever its `lang:`).
    pub fn default_language(&self) -> &str {
        self.languages
            .first()
            .map_or(crate::lang::BASE_LANGUAGE, |l| l.code.as_str())
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// Whether `lang` is written right to left here: the `direction:` of the site language
    /// it belongs to (exactly, else by primary subtag: `ar-EG` → `ar`), else whether it is
    /// one of the known right-to-left languages.
    pub fn is_rtl(&self, lang: &str) -> bool {
        let primary = |l: &str| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        self.languages
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(lang))
            .or_else(|| {
                self.languages
                    .iter()
                    .find(|l| primary(&l.code) == primary(lang))
            })
            .map_or_else(|| crate::lang::is_rtl(lang), |l| l.rtl)
    }

    /// `rtl` or `ltr` for `lang` (see `is_rtl`): `<html dir>`.
    pub fn dir_of(&self, lang: &str) -> &'static str {
        if self.is_rtl(lang) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The site-relative prefix of a language's pages: `""` for the default, `ar/`.
    pub fn language_prefix(&self, code: &str) -> String {
        if self.languages.first().is_none_or(|l| l.code == code) {
            String::new()
        } else {
            format!("{code}/")
        }
    }
}

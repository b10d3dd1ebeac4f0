//! UI strings of the theme, per language: `themes/<theme>/i18n/<code>.yaml` (en, ar and
//! fr ship with the default theme), read through the theme's layers (built-in, then
//! `themes/<name>/i18n/`, then the site's own `i18n/`), key by key.
//!
//! A file maps a key to a text, or to its plural forms by CLDR category (`zero`, `one`,
//! `two`, `few`, `many`, `other`); `{count}` and any other `{name}` are replaced by the
//! arguments of the call. Templates call `t(key="min_read", count=3)`; the language is
//! that of the page being rendered (one tera function per language, see
//! `render::theme::for_language`). A key missing in a language falls back to the default
//! language (the first of site.yaml `languages:`, else English), and `check` warns.
//!
//! Plural categories come from CLDR through ICU4X's `icu_plurals` (its data compiled in;
//! it shares icu_provider, icu_locale_core and zerovec with `url`'s IDNA support, so it
//! adds five small crates). `intl_pluralrules` 7 was tried first and dropped: its
//! generated Arabic rule tests `i in 3..10` instead of `n % 100 in 3..10`, so 103 came
//! out `other` instead of `few`. Arabic has six forms, French puts 0 with 1.

use anyhow::{anyhow, bail, Context as _, Result};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::lang::{Digits, BASE_LANGUAGE};

/// One entry of an i18n file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Entry {
    Text(String),
    Plural(BTreeMap<String, String>),
}

const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// Every language's strings, merged from the theme's layers.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    /// The fallback language (first of `languages:`, else `en`).
    pub default: String,
    catalogs: BTreeMap<String, BTreeMap<String, Entry>>,
    /// Where each language's file came from, for messages.
    sources: BTreeMap<String, String>,
    digits: HashMap<String, Digits>,
}

/// The primary subtag, lower-cased: the i18n file of `fr-CA` is `fr.yaml` when there
/// is no `fr-CA.yaml`.
fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl I18n {
    /// The built-in theme's files only.
    pub fn builtin() -> I18n {
        let mut i18n = I18n {
            default: BASE_LANGUAGE.into(),
            ..I18n::default()
        };
        if let Some(dir) = crate::theme_files::DEFAULT_THEME.get_dir("i18n") {
            for file in dir.files() {
                let path = file.path().to_string_lossy().into_owned();
                let text = std::str::from_utf8(file.contents()).unwrap_or_default();
                i18n.merge_file(&format!("(built-in theme)/{path}"), &path, text)
                    .expect("the built-in i18n files parse");
            }
        }
        i18n
    }

    /// The site's strings: built-in files, then the theme's and the site's `i18n/`.
    pub fn load(config: &crate::config::SiteConfig) -> Result<I18n> {
        let mut i18n = I18n::builtin();
        for (rel, source) in crate::theme_files::layered(config, "i18n")? {
            if let crate::theme_files::Source::Disk(_) = source {
                let bytes = source.read()?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| anyhow!("{}: not valid UTF-8", source.describe(&config.root)))?;
                i18n.merge_file(&source.describe(&config.root), &rel, &text)?;
            }
        }
        i18n.default = config.default_language().to_string();
        for language in &config.languages {
            i18n.digits.insert(language.code.clone(), language.digits);
        }
        Ok(i18n)
    }

    fn merge_file(&mut self, describe: &str, rel: &str, text: &str) -> Result<()> {
        let Some(code) = rel
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".yaml").or(name.strip_suffix(".yml")))
        else {
            return Ok(());
        };
        if !crate::lang::is_language_tag(code) {
            bail!("{describe}: the file name is not a language tag (e.g. ar.yaml, fr-CA.yaml)");
        }
        let entries: BTreeMap<String, Entry> = if text.trim().is_empty() {
            BTreeMap::new()
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                let line = e
                    .location()
                    .map(|l| format!(":{}", l.line()))
                    .unwrap_or_default();
                anyhow!("{describe}{line}: {e}")
            })?
        };
        for (key, entry) in &entries {
            if let Entry::Plural(forms) = entry {
                if let Some(bad) = forms.keys().find(|k| !CATEGORIES.contains(&k.as_str())) {
                    bail!("{describe}: {key}: \"{bad}\" is not a plural category (zero, one, two, few, many, other)");
                }
                if !forms.contains_key("other") {
                    bail!("{describe}: {key}: plural forms need \"other\"");
                }
            }
        }
        self.sources.insert(code.to_string(), describe.to_string());
        self.catalogs
            .entry(code.to_string())
            .or_default()
            .extend(entries);
        Ok(())
    }

    /// The catalog for a language: its own file, else that of its primary subtag.
    fn catalog(&self, lang: &str) -> Option<&BTreeMap<String, Entry>> {
        self.catalogs
            .get(lang)
            .or_else(|| self.catalogs.get(&primary(lang)))
    }

    fn entry(&self, lang: &str, key: &str) -> Option<&Entry> {
        self.catalog(lang)
            .and_then(|c| c.get(key))
            .or_else(|| self.catalog(&self.default).and_then(|c| c.get(key)))
            .or_else(|| self.catalog(BASE_LANGUAGE).and_then(|c| c.get(key)))
    }

    pub fn digits(&self, lang: &str) -> Digits {
        self.digits.get(lang).copied().unwrap_or_default()
    }

    /// A number as `lang` writes it.
    pub fn number(&self, lang: &str, n: impl std::fmt::Display) -> String {
        self.digits(lang).apply(&n.to_string())
    }

    /// The text of `key` in `lang`, plural form for `count`, with `{name}` replaced by
    /// `args` (and `{count}` by the count). An unknown key is an error.
    pub fn text(
        &self,
        lang: &str,
        key: &str,
        count: Option<i64>,
        args: &[(&str, String)],
    ) -> Result<String> {
        let entry = self
            .entry(lang, key)
            .ok_or_else(|| anyhow!("no UI string \"{key}\" in the theme's i18n files"))?;
        let template = match entry {
            Entry::Text(text) => text.as_str(),
            Entry::Plural(forms) => {
                let category = plural_category(lang, count.unwrap_or(0));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map(String::as_str)
                    .unwrap_or_default()
            }
        };
        Ok(self.fill(lang, template, count, args))
    }

    /// Every plural form of `key` in `lang` (`{"one": …, "other": …}`; a plain text is
    /// `other`), `{name}` replaced by `args` but `{count}` kept: for a script that counts
    /// at run time (search.js picks the form with `Intl.PluralRules`, the same CLDR rules).
    pub fn forms(
        &self,
        lang: &str,
        key: &str,
        args: &[(&str, String)],
    ) -> Result<BTreeMap<String, String>> {
        let entry = self
            .entry(lang, key)
            .ok_or_else(|| anyhow!("no UI string \"{key}\" in the theme's i18n files"))?;
        let mut args = args.to_vec();
        args.push(("count", "{count}".to_string()));
        Ok(match entry {
            Entry::Text(text) => {
                BTreeMap::from([("other".to_string(), self.fill(lang, text, None, &args))])
            }
            Entry::Plural(forms) => forms
                .iter()
                .map(|(category, text)| (category.clone(), self.fill(lang, text, None, &args)))
                .collect(),
        })
    }

    /// `template` with `{count}` and `{name}` placeholders filled; an unknown one is kept.
    fn fill(
        &self,
        lang: &str,
        template: &str,
        count: Option<i64>,
        args: &[(&str, String)],
    ) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    if let (true, Some(n)) = (name == "count", count) {
                        out.push_str(&self.number(lang, n));
                    } else if let Some((_, value)) = args.iter().find(|(n, _)| *n == name) {
                        out.push_str(value);
                    } else if name == "count" {
                        // No count given: the placeholder goes.
                    } else {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// "February" in `lang` (`month_2` of its i18n file).
    pub fn month_name(&self, lang: &str, month: u32) -> String {
        self.get(lang, &format!("month_{month}"))
    }

    /// A date as `lang` writes it: "6 February 2024", "6 février 2024", "٦ فبراير ٢٠٢٤".
    pub fn date(&self, lang: &str, date: chrono::NaiveDate) -> String {
        self.date_with(lang, "date_format", date)
    }

    /// `format` (`date_format`, `date_format_day_month`, `daily_title`) filled in with
    /// the parts of `date` in `lang`.
    fn date_with(&self, lang: &str, format: &str, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let args = [
            ("day", self.number(lang, date.day())),
            ("month", self.month_name(lang, date.month())),
            ("year", self.number(lang, date.year())),
            (
                "weekday",
                self.get(
                    lang,
                    &format!("weekday_{}", date.weekday().number_from_monday()),
                ),
            ),
        ];
        self.text(lang, format, None, &args)
            .unwrap_or_else(|_| date.format("%-d %B %Y").to_string())
    }

    /// "February 2024" in `lang`.
    pub fn month_year(&self, lang: &str, year: i32, month: u32) -> String {
        let args = [
            ("month", self.month_name(lang, month)),
            ("year", self.number(lang, year)),
        ];
        self.text(lang, "month_year", None, &args)
            .unwrap_or_else(|_| format!("{} {year}", self.month_name(lang, month)))
    }

    /// The title of a weekly ("Week 6, 2024") or daily ("Tuesday 6 February 2024") edition.
    pub fn edition_title(&self, lang: &str, weekly: bool, start: chrono::NaiveDate) -> String {
        if weekly {
            let week = chrono::Datelike::iso_week(&start);
            let args = [
                ("week", self.number(lang, week.week())),
                ("year", self.number(lang, week.year())),
            ];
            self.text(lang, "week_title", None, &args)
                .unwrap_or_else(|_| format!("Week {}, {}", week.week(), week.year()))
        } else {
            self.date_with(lang, "daily_title", start)
        }
    }

    /// The days from `start` to `end`: "5–11 February 2024", "29 January – 4 February
    /// 2024", "30 December 2024 – 5 January 2025", or one day.
    pub fn date_range(
        &self,
        lang: &str,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    ) -> String {
        use chrono::Datelike;
        if start == end {
            self.date(lang, start)
        } else if start.year() != end.year() {
            format!("{} – {}", self.date(lang, start), self.date(lang, end))
        } else if start.month() != end.month() {
            format!(
                "{} – {}",
                self.date_with(lang, "date_format_day_month", start),
                self.date(lang, end)
            )
        } else {
            format!(
                "{}–{}",
                self.number(lang, start.day()),
                self.date(lang, end)
            )
        }
    }

    /// Shorthand for a key without arguments; the key itself if it is unknown.
    pub fn get(&self, lang: &str, key: &str) -> String {
        self.text(lang, key, None, &[])
            .unwrap_or_else(|_| key.to_string())
    }

    /// Keys of the default language's file (else English) missing from `lang`'s file.
    pub fn missing_keys(&self, lang: &str) -> Vec<String> {
        let reference = self
            .catalog(&self.default)
            .or_else(|| self.catalog(BASE_LANGUAGE));
        let Some(reference) = reference else {
            return Vec::new();
        };
        let own = self.catalog(lang);
        reference
            .keys()
            .filter(|k| own.is_none_or(|c| !c.contains_key(*k)))
            .cloned()
            .collect()
    }

    /// The file a language's strings come from, for messages.
    pub fn source_of(&self, lang: &str) -> String {
        self.sources
            .get(lang)
            .or_else(|| self.sources.get(&primary(lang)))
            .cloned()
            .unwrap_or_else(|| format!("i18n/{lang}.yaml"))
    }

    /// Every English text (for tests that look for untranslated strings).
    pub fn texts(&self, lang: &str) -> Vec<String> {
        self.catalog(lang)
            .map(|c| {
                c.values()
                    .flat_map(|e| match e {
                        Entry::Text(t) => vec![t.clone()],
                        Entry::Plural(forms) => forms.values().cloned().collect(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The CLDR cardinal plural category of `n` in `lang` (`other` for an unknown language).
pub fn plural_category(lang: &str, n: i64) -> &'static str {
    use icu_plurals::{PluralCategory, PluralRules};
    thread_local! {
        static RULES: std::cell::RefCell<HashMap<String, Option<PluralRules>>> = Default::default();
    }
    RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        let rule = rules.entry(lang.to_string()).or_insert_with(|| {
            let locale: icu_locale_core::Locale =
                lang.parse().ok().or_else(|| primary(lang).parse().ok())?;
            PluralRules::try_new_cardinal((&locale).into()).ok()
        });
        match rule.as_ref().map(|r| r.category_for(n)) {
            Some(PluralCategory::Zero) => "zero",
            Some(PluralCategory::One) => "one",
            Some(PluralCategory::Two) => "two",
            Some(PluralCategory::Few) => "few",
            Some(PluralCategory::Many) => "many",
            _ => "other",
        }
    })
}

/// The tera function `t(key=…, count=…, name=…)` for one language.
pub struct TranslateFn {
    pub i18n: Arc<I18n>,
    pub lang: String,
}

impl tera::Function for TranslateFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        let lang = args
            .get("lang")
            .and_then(|v| v.as_str())
            .unwrap_or(&self.lang);
        let count = match args.get("count") {
            None | Some(tera::Value::Null) => None,
            Some(v) => Some(
                v.as_i64()
                    .or_else(|| v.as_u64().map(|u| u as i64))
                    .or_else(|| v.as_f64().map(|f| f as i64))
                    .ok_or_else(|| {
                        tera::Error::msg(format!("t(key=\"{key}\"): count is not a number"))
                    })?,
            ),
        };
        let named: Vec<(&str, String)> = args
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "key" | "count" | "lang" | "forms"))
            .map(|(name, value)| {
                let text = match value {
                    tera::Value::String(s) => s.clone(),
                    tera::Value::Number(n) => self.i18n.number(lang, n),
                    tera::Value::Null => String::new(),
                    other => other.to_string(),
                };
                (name.as_str(), text)
            })
            .collect();
        if args.get("forms").and_then(tera::Value::as_bool) == Some(true) {
            // `t(key=…, forms=true)`: every plural form, `{count}` kept (see `I18n::forms`).
            return self
                .i18n
                .forms(lang, key, &named)
                .map(|forms| {
                    tera::Value::Object(
                        forms
                            .into_iter()
                            .map(|(k, v)| (k, tera::Value::String(v)))
                            .collect(),
                    )
                })
                .map_err(|e| tera::Error::msg(e.to_string()));
        }
        self.i18n
            .text(lang, key, count, &named)
            .map(tera::Value::String)
            .map_err(|e| tera::Error::msg(e.to_string()))
    }
}

/// Load the i18n files of a site, naming the file of an error.
pub fn load(config: &crate::config::SiteConfig) -> Result<Arc<I18n>> {
    I18n::load(config)
        .map(Arc::new)
        .context("cannot read the theme's UI strings")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_plural_categories() {
        for (n, category) in [
            (0, "zero"),
            (1, "one"),
            (2, "two"),
            (3, "few"),
            (10, "few"),
            (11, "many"),
            (99, "many"),
            (100, "other"),
            (101, "other"),
            (102, "other"),
            (103, "few"),
            (111, "many"),
            (1000, "other"),
        ] {
            assert_eq!(plural_category("ar", n), category, "{n}");
        }
        assert_eq!(plural_category("fr", 0), "one");
        assert_eq!(plural_category("fr", 2), "other");
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en-GB", 1), "one");
        assert_eq!(plural_category("x-unknown", 1), "other");
    }

    #[test]
    fn builtin_files_cover_every_english_key() {
        let i18n = I18n::builtin();
        for lang in ["ar", "fr"] {
            assert_eq!(i18n.missing_keys(lang), Vec::<String>::new(), "{lang}");
        }
    }

    #[test]
    fn arabic_reading_time_has_six_forms() {
        let i18n = I18n::builtin();
        let texts: Vec<String> = [0, 1, 2, 3, 11, 100]
            .iter()
            .map(|&n| i18n.text("ar", "min_read", Some(n), &[]).unwrap())
            .collect();
        let distinct: std::collections::HashSet<_> = texts.iter().collect();
        assert_eq!(distinct.len(), 6, "{texts:?}");
        assert!(texts[2].contains("دقيقتان"), "{}", texts[2]);
    }

    #[test]
    fn plural_forms_keep_the_count_placeholder() {
        let i18n = I18n::builtin();
        let forms = i18n
            .forms("ar", "search_matches", &[("query", "ماء".into())])
            .unwrap();
        assert_eq!(forms.len(), 6, "{forms:?}");
        assert_eq!(forms["few"], "{count} مقالات تطابق «ماء».");
        let forms = i18n.forms("en", "search_more", &[]).unwrap();
        assert_eq!(forms["other"], "More results");
        assert!(i18n.forms("en", "no-such-key", &[]).is_err());
        // Without a count, `{count}` still goes from a text as before.
        assert_eq!(i18n.text("en", "min_read", None, &[]).unwrap(), " min read");
    }

    #[test]
    fn interpolation_digits_and_fallback() {
        let mut i18n = I18n::builtin();
        i18n.digits.insert("ar".into(), Digits::ArabicIndic);
        assert_eq!(
            i18n.text(
                "en",
                "page_of",
                None,
                &[("number", "2".into()), ("total", "5".into())]
            )
            .unwrap(),
            "Page 2 of 5"
        );
        assert!(i18n
            .text("ar", "min_read", Some(3), &[])
            .unwrap()
            .contains('٣'));
        // A language without a file falls back to the default language.
        assert_eq!(i18n.get("de", "tags"), "Tags");
        assert!(i18n.text("en", "no-such-key", None, &[]).is_err());
    }
}

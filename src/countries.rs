//! Display names of country tags, from the built-in gazetteer (src/import/gazetteer.yaml):
//! `cote-divoire` → "Côte d'Ivoire", `sao-tome-and-principe` → "São Tomé and Príncipe",
//! `turkiye` → "Türkiye". The importer tags an article with the slug of a country's name or
//! alias; every page, feed and search index shows the name as the gazetteer spells it (in
//! an Arabic or French edition, its `arabic:` or `french:` name).
//! Only slugs and spellings are read here (not the matching tables the importer builds), once
//! per process, on first use: a site whose tags are all in site.yaml never parses it.

use crate::slug::slugify;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The gazetteer shipped with gazette: the importer's tables (`crate::import::classify`)
/// and these names both read it.
pub const EMBEDDED_GAZETTEER: &str = include_str!("import/gazetteer.yaml");

#[derive(Deserialize)]
struct File {
    countries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    slug: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    /// Arabic names; the first is the country's (the others are capitals and variants).
    #[serde(default)]
    arabic: Vec<String>,
    /// The French name.
    #[serde(default)]
    french: Option<String>,
}

/// slug → display name, from gazetteer YAML: each country's own slug (and the slug of its
/// name) gives its name; the slug of an alias gives the alias ("cote-divoire" →
/// "Côte d'Ivoire") unless a country or an earlier alias already has that slug.
pub fn names_from(text: &str) -> HashMap<String, String> {
    let Ok(file) = crate::yaml::from_str::<File>(text) else {
        return HashMap::new();
    };
    let mut names = HashMap::new();
    for c in &file.countries {
        names.insert(c.slug.clone(), c.name.clone());
    }
    for c in &file.countries {
        names
            .entry(slugify(&c.name))
            .or_insert_with(|| c.name.clone());
    }
    for c in &file.countries {
        for alias in &c.aliases {
            // Short forms in capitals ("UAE", "U.S.") are no names to show for a tag.
            if alias
                .chars()
                .filter(|ch| ch.is_alphabetic())
                .all(char::is_uppercase)
            {
                continue;
            }
            names.entry(slugify(alias)).or_insert_with(|| alias.clone());
        }
    }
    names
}

/// slug → Arabic name, from gazetteer YAML: the first of a country's `arabic:` names, for
/// its own slug, the slug of its English name and the slugs of its aliases (a tag the
/// importer made from "UAE" is the Emirates' too).
pub fn arabic_names_from(text: &str) -> HashMap<String, String> {
    names_in_from(text, |c| c.arabic.first())
}

/// slug → French name, from gazetteer YAML's `french:`, for the same slugs as the Arabic
/// names (`turkiye` → "Turquie").
pub fn french_names_from(text: &str) -> HashMap<String, String> {
    names_in_from(text, |c| c.french.as_ref())
}

fn names_in_from(text: &str, name: impl Fn(&Entry) -> Option<&String>) -> HashMap<String, String> {
    let Ok(file) = crate::yaml::from_str::<File>(text) else {
        return HashMap::new();
    };
    let mut names = HashMap::new();
    for c in &file.countries {
        if let Some(local) = name(c) {
            names.insert(c.slug.clone(), local.clone());
        }
    }
    for c in &file.countries {
        let Some(local) = name(c) else {
            continue;
        };
        for slug in std::iter::once(&c.name)
            .chain(&c.aliases)
            .map(|n| slugify(n))
        {
            names.entry(slug).or_insert_with(|| local.clone());
        }
    }
    names
}

/// The built-in gazetteer's name for a country tag slug in a language: Arabic (`ar`,
/// `ar-EG`…) from its `arabic:` names, French (`fr`, `fr-CA`…) from `french:`; `None`
/// for any other language (the caller falls back to `country_name`).
pub fn country_name_in(slug: &str, lang: &str) -> Option<&'static str> {
    static ARABIC: OnceLock<HashMap<String, String>> = OnceLock::new();
    static FRENCH: OnceLock<HashMap<String, String>> = OnceLock::new();
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    let names = if primary.eq_ignore_ascii_case("ar") {
        ARABIC.get_or_init(|| arabic_names_from(EMBEDDED_GAZETTEER))
    } else if primary.eq_ignore_ascii_case("fr") {
        FRENCH.get_or_init(|| french_names_from(EMBEDDED_GAZETTEER))
    } else {
        return None;
    };
    names.get(slug).map(String::as_str)
}

/// The built-in gazetteer's display name for a country tag slug.
pub fn country_name(slug: &str) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    NAMES
        .get_or_init(|| names_from(EMBEDDED_GAZETTEER))
        .get(slug)
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_tags_are_named_as_the_gazetteer_spells_them() {
        assert_eq!(country_name("cote-divoire"), Some("Côte d'Ivoire"));
        assert_eq!(country_name("ivory-coast"), Some("Ivory Coast"));
        assert_eq!(
            country_name("sao-tome-and-principe"),
            Some("São Tomé and Príncipe")
        );
        assert_eq!(country_name("turkiye"), Some("Türkiye"));
        assert_eq!(country_name("turkey"), Some("Turkey"));
        assert_eq!(country_name("iraq"), Some("Iraq"));
        assert_eq!(country_name("uae"), None);
        assert_eq!(country_name("economy"), None);
    }

    #[test]
    fn country_tags_have_the_gazetteers_arabic_names() {
        assert_eq!(country_name_in("iraq", "ar"), Some("العراق"));
        assert_eq!(country_name_in("oman", "ar-OM"), Some("عمان"));
        assert_eq!(country_name_in("uae", "ar"), Some("الإمارات"));
        assert_eq!(country_name_in("turkiye", "ar"), Some("تركيا"));
        assert_eq!(country_name_in("economy", "ar"), None);
        assert_eq!(country_name_in("iraq", "en"), None);
        // Every country has an Arabic name.
        let file: File = crate::yaml::from_str(EMBEDDED_GAZETTEER).unwrap();
        let missing: Vec<&str> = file
            .countries
            .iter()
            .filter(|c| c.arabic.is_empty())
            .map(|c| c.slug.as_str())
            .collect();
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn country_tags_have_the_gazetteers_french_names() {
        assert_eq!(country_name_in("iraq", "fr"), Some("Irak"));
        assert_eq!(country_name_in("egypt", "fr-CA"), Some("Égypte"));
        assert_eq!(country_name_in("uae", "fr"), Some("Émirats arabes unis"));
        assert_eq!(country_name_in("turkiye", "fr"), Some("Turquie"));
        assert_eq!(country_name_in("cote-divoire", "fr"), Some("Côte d'Ivoire"));
        assert_eq!(country_name_in("united-states", "fr"), Some("États-Unis"));
        assert_eq!(country_name_in("economy", "fr"), None);
        // Every country has a French name.
        let file: File = crate::yaml::from_str(EMBEDDED_GAZETTEER).unwrap();
        let missing: Vec<&str> = file
            .countries
            .iter()
            .filter(|c| c.french.as_deref().is_none_or(str::is_empty))
            .map(|c| c.slug.as_str())
            .collect();
        assert!(missing.is_empty(), "{missing:?}");
    }
}

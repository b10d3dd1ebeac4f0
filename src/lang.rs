//! Language tags (BCP 47), as site.yaml, front matter and `gazette new` accept them, and
//! what a tag says of its script: the direction (right to left) and the digits.

/// A well-formed tag: subtags of ASCII letters and digits joined by `-` ("en", "ar",
/// "fr-CA", "zh-Hant-TW"). The tag reaches `lang` attributes and feeds, so anything
/// else (spaces, quotes, markup) is refused rather than escaped.
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The message for a tag that is not one.
pub fn not_a_language_tag(tag: &str) -> String {
    format!("lang \"{tag}\" is not a BCP 47 language tag (e.g. en, ar, fr-CA)")
}

/// The OpenGraph locale (`language_TERRITORY`, as Facebook lists them) of a language tag:
/// a tag with a region keeps it (`fr-CA` → `fr_CA`, `zh-Hant-TW` → `zh_TW`); a bare
/// language gets its usual territory (`en` → `en_US`, `ar` → `ar_AR`, Facebook's code for
/// Arabic in every country); `None` for a language without one here (then no og:locale:
/// consumers assume `en_US`, which would be wrong).
pub fn og_locale(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let language = parts.next()?.to_ascii_lowercase();
    if language.len() < 2
        || language.len() > 3
        || !language.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    // A region subtag: two letters (a script subtag has four, a variant five or more).
    if let Some(region) = parts.find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        if language == "ar" {
            return Some("ar_AR".into());
        }
        return Some(format!("{language}_{}", region.to_ascii_uppercase()));
    }
    const TERRITORY: &[(&str, &str)] = &[
        ("af", "ZA"),
        ("am", "ET"),
        ("ar", "AR"),
        ("az", "AZ"),
        ("be", "BY"),
        ("bg", "BG"),
        ("bn", "IN"),
        ("bs", "BA"),
        ("ca", "ES"),
        ("cs", "CZ"),
        ("cy", "GB"),
        ("da", "DK"),
        ("de", "DE"),
        ("el", "GR"),
        ("en", "US"),
        ("es", "ES"),
        ("et", "EE"),
        ("eu", "ES"),
        ("fa", "IR"),
        ("fi", "FI"),
        ("fr", "FR"),
        ("ga", "IE"),
        ("gl", "ES"),
        ("gu", "IN"),
        ("ha", "NG"),
        ("he", "IL"),
        ("hi", "IN"),
        ("hr", "HR"),
        ("hu", "HU"),
        ("hy", "AM"),
        ("id", "ID"),
        ("is", "IS"),
        ("it", "IT"),
        ("ja", "JP"),
        ("ka", "GE"),
        ("kk", "KZ"),
        ("km", "KH"),
        ("kn", "IN"),
        ("ko", "KR"),
        ("ku", "TR"),
        ("lt", "LT"),
        ("lv", "LV"),
        ("mk", "MK"),
        ("ml", "IN"),
        ("mn", "MN"),
        ("mr", "IN"),
        ("ms", "MY"),
        ("mt", "MT"),
        ("my", "MM"),
        ("nb", "NO"),
        ("ne", "NP"),
        ("nl", "NL"),
        ("nn", "NO"),
        ("no", "NO"),
        ("pa", "IN"),
        ("pl", "PL"),
        ("ps", "AF"),
        ("pt", "PT"),
        ("ro", "RO"),
        ("ru", "RU"),
        ("si", "LK"),
        ("sk", "SK"),
        ("sl", "SI"),
        ("so", "SO"),
        ("sq", "AL"),
        ("sr", "RS"),
        ("sv", "SE"),
        ("sw", "KE"),
        ("ta", "IN"),
        ("te", "IN"),
        ("th", "TH"),
        ("tl", "PH"),
        ("tr", "TR"),
        ("uk", "UA"),
        ("ur", "PK"),
        ("uz", "UZ"),
        ("vi", "VN"),
        ("yo", "NG"),
        ("zh", "CN"),
        ("zu", "ZA"),
    ];
    TERRITORY
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(l, t)| format!("{l}_{t}"))
}

/// The language whose strings the templates were written in: a site without
/// `languages:` renders its UI in it, whatever its `lang:` (as before issue 16).
pub const BASE_LANGUAGE: &str = "en";

/// Languages written right to left (primary subtag of BCP 47).
const RTL_LANGS: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

pub fn is_rtl(lang: &str) -> bool {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    RTL_LANGS.contains(&primary.as_str())
}

/// How a language writes numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Digits {
    #[default]
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660…U+0669).
    ArabicIndic,
}

impl Digits {
    pub fn parse(name: &str) -> Option<Digits> {
        match name {
            "latin" => Some(Digits::Latin),
            "arabic" | "arabic-indic" | "arab" => Some(Digits::ArabicIndic),
            _ => None,
        }
    }

    /// `text` with its ASCII digits in this system.
    pub fn apply(self, text: &str) -> String {
        match self {
            Digits::Latin => text.to_string(),
            Digits::ArabicIndic => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => {
                        char::from_u32(0x0660 + d).expect("Arabic-Indic digit")
                    }
                    _ => c,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn og_locales() {
        for (tag, locale) in [
            ("en", Some("en_US")),
            ("en-GB", Some("en_GB")),
            ("ar", Some("ar_AR")),
            ("ar-EG", Some("ar_AR")),
            ("fr-CA", Some("fr_CA")),
            ("zh-Hant-TW", Some("zh_TW")),
            ("es-419", Some("es_ES")),
            ("FR", Some("fr_FR")),
            ("tlh", None),
            ("x-private", None),
        ] {
            assert_eq!(og_locale(tag).as_deref(), locale, "{tag}");
        }
    }

    #[test]
    fn tags() {
        for good in ["en", "ar", "fr-CA", "zh-Hant-TW", "es-419"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "en-",
            "-en",
            "en US",
            "\"><script>",
            "ar_EG",
            &"a".repeat(36),
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}

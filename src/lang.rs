//! Language tags (BCP 47), as site.yaml, front matter and `gazette new` accept them.

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

#[cfg(test)]
mod tests {
    use super::*;

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

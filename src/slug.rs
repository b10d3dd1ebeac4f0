//! Slugs: the ASCII path segments that name articles, regions and tags in URLs.
//! Titles in any script are transliterated (deunicode), so Arabic titles get readable,
//! stable slugs; `is_safe_segment` is the one rule every URL segment must pass.

/// Longest slug we derive from a title; longer titles are cut at a word boundary.
const MAX_SLUG_LEN: usize = 80;

/// Lowercase ASCII words joined by `-`: "Iraq FM Says…" → "iraq-fm-says".
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(&transliterate_arabic(text));
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            // Apostrophes vanish ("Iran's" → "irans"); everything else separates words.
            pending_dash = true;
        }
    }
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    slug
}

/// deunicode drops most Arabic vowels' carriers and gives "l'rq" for العراق; a simple
/// letter table (ALA-LC without diacritics) reads better: "alaraq".
fn transliterate_arabic(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let latin = match c {
            'ا' | 'أ' | 'آ' | 'ى' | 'ة' | 'ع' => "a",
            'إ' => "i",
            'ب' => "b",
            'ت' | 'ط' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' | 'ه' => "h",
            'خ' => "kh",
            'د' | 'ض' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' | 'ظ' => "z",
            'س' | 'ص' => "s",
            'ش' => "sh",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'و' | 'ؤ' => "w",
            'ي' | 'ئ' => "y",
            'ء' | '\u{064B}'..='\u{065F}' | 'ـ' => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(latin);
    }
    std::borrow::Cow::Owned(out)
}

/// A slug that can be used as one URL path segment and one folder name on any OS.
pub fn is_safe_segment(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && slug != "."
        && slug != ".."
        && !slug.starts_with('.')
        && slug.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.'
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_table() {
        let cases = [
            ("Iraq and US Need to Return", "iraq-and-us-need-to-return"),
            (
                "  Tunisia: Camps — Dismantled!  ",
                "tunisia-camps-dismantled",
            ),
            ("Iran's Guard", "irans-guard"),
            ("Côte d’Ivoire votes", "cote-divoire-votes"),
            ("العراق يطالب", "alaraq-ytalb"),
            ("../etc/passwd", "etc-passwd"),
            ("", ""),
            ("!!!", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn long_titles_cut_at_word_boundary() {
        let slug = slugify(&"word ".repeat(40));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(!slug.ends_with('-'));
        assert!(slug.ends_with("word"));
    }

    #[test]
    fn safe_segments() {
        for ok in ["iraq-fm", "2024", "a_b", "v1.2"] {
            assert!(is_safe_segment(ok), "{ok}");
        }
        for bad in [
            "", ".", "..", "../x", "a/b", "A", "a b", ".hidden", "a\\b", "é",
        ] {
            assert!(!is_safe_segment(bad), "{bad}");
        }
    }
}

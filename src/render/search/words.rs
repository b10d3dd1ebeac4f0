//! What a searchable word is: the normalisation shared with search.js (lowercase,
//! accents folded, Arabic letter forms unified, a light Arabic prefix stemmer), the
//! terms the index keeps, an article's text out of its HTML, and result snippets.

use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Terms shorter than this are not indexed (nor searched).
pub const MIN_TERM_CHARS: usize = 2;
/// Longer "words" are URLs or codes, not something a reader types.
pub const MAX_TERM_CHARS: usize = 32;
/// Words too common to help a search (normalised form). English and Arabic.
pub(super) const STOP_WORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he",
    "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "said", "she", "that", "the",
    "their", "they", "this", "to", "was", "were", "which", "will", "with", "would", // Arabic
    "في", "من", "علي", "الي", "عن", "ان", "مع", "هذا", "هذه", "التي", "الذي", "او", "ثم", "قد",
    "كان", "لا", "ما", "لم", "وقد", "كما", "بين", "ذلك", "تلك", "هو", "هي",
];

/// Arabic proclitics (and, with, like, so, for + the article) stripped from the front of
/// a word, longest first, so that "المعرض" and "معرض" meet. Only when 2+ letters remain.
pub(super) const ARABIC_PREFIXES: &[&str] = &[
    "وبال", "وكال", "فبال", "وال", "بال", "كال", "فال", "لل", "ال",
];

/// Letters that canonical decomposition does not fold, applied after lowercasing.
pub(super) const FOLDS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('đ', "d"),
    ('ð', "d"),
    ('ł', "l"),
    ('þ', "th"),
    ('ı', "i"),
    ('ς', "σ"),
    // Arabic: alef wasla, teh marbuta, alef maksura, Persian yeh and keheh, tatweel.
    ('ٱ', "ا"),
    ('ة', "ه"),
    ('ى', "ي"),
    ('ی', "ي"),
    ('ک', "ك"),
    ('ـ', ""),
    // Arabic-Indic and Persian digits.
    ('٠', "0"),
    ('١', "1"),
    ('٢', "2"),
    ('٣', "3"),
    ('٤', "4"),
    ('٥', "5"),
    ('٦', "6"),
    ('٧', "7"),
    ('٨', "8"),
    ('٩', "9"),
    ('۰', "0"),
    ('۱', "1"),
    ('۲', "2"),
    ('۳', "3"),
    ('۴', "4"),
    ('۵', "5"),
    ('۶', "6"),
    ('۷', "7"),
    ('۸', "8"),
    ('۹', "9"),
];

/// `STOP_WORDS`, sorted for binary search (the hot path of indexing).
pub(super) fn is_stop_word(word: &str) -> bool {
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    SORTED
        .get_or_init(|| {
            let mut sorted = STOP_WORDS.to_vec();
            sorted.sort_unstable();
            sorted
        })
        .binary_search(&word)
        .is_ok()
}

fn fold(c: char) -> Option<&'static str> {
    FOLDS.iter().find(|(from, _)| *from == c).map(|(_, to)| *to)
}

/// A character that belongs to a word: letters, digits and the marks on them
/// (JS: `[\p{Alphabetic}\p{N}\p{M}]`).
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// Normalise one raw word into `out`: canonical decomposition with the marks dropped
/// (é → e, أ → ا, tashkeel gone), lowercase, the `FOLDS` table, and only letters and
/// digits kept. ASCII words take a fast path with the same result.
pub fn normalise_word(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        for lower in c.to_lowercase() {
            match fold(lower) {
                Some(folded) => out.push_str(folded),
                None if lower.is_alphanumeric() => out.push(lower),
                None => {}
            }
        }
    }
}

/// A normalised word → the term the index stores, or None when it is not searchable
/// (too short, too long, a stop word).
pub fn term_of(normalised: &str) -> Option<&str> {
    let ascii = normalised.is_ascii();
    let chars = if ascii {
        normalised.len()
    } else {
        normalised.chars().count()
    };
    if !(MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&chars) || is_stop_word(normalised) {
        return None;
    }
    if ascii {
        return Some(normalised);
    }
    for prefix in ARABIC_PREFIXES {
        if let Some(rest) = normalised.strip_prefix(prefix) {
            if rest.chars().count() >= MIN_TERM_CHARS {
                return Some(rest);
            }
        }
    }
    Some(normalised)
}

/// Call `f` with every searchable term of `text`, in order (repeats included).
pub fn for_each_term(text: &str, buffer: &mut String, mut f: impl FnMut(&str)) {
    for word in text.split(|c: char| !is_word_char(c)) {
        if word.is_empty() {
            continue;
        }
        normalise_word(word, buffer);
        if let Some(term) = term_of(buffer) {
            f(term);
        }
    }
}

/// The searchable terms of a text, in order: what a query becomes in the browser.
pub fn terms(text: &str) -> Vec<String> {
    let mut buffer = String::new();
    let mut out = Vec::new();
    for_each_term(text, &mut buffer, |t| out.push(t.to_string()));
    out
}

/// The text of rendered HTML: tags become spaces, the entities gazette's markdown and
/// sanitiser emit are decoded (others are left as written). Linear, never fails.
pub fn html_text(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(pos) = rest.bytes().position(|b| b == b'<' || b == b'&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        if rest.starts_with('<') {
            out.push(' ');
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        } else {
            // `;` is ASCII, so its byte position is a char boundary.
            let entity_end = rest.bytes().take(12).position(|b| b == b';');
            let decoded = entity_end.and_then(|end| decode_entity(&rest[1..end]));
            match (entity_end, decoded) {
                (Some(end), Some(c)) => {
                    out.push(c);
                    rest = &rest[end + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// `text` cut to at most `max` characters at a word boundary, with `…` when cut.
pub fn snippet(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = &text[..end];
            let cut = match cut.rfind(char::is_whitespace) {
                Some(space) if space > end / 2 => &cut[..space],
                _ => cut,
            };
            format!(
                "{}…",
                cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
            )
        }
    }
}

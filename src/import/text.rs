//! Text primitives shared by the import stages: raw line splitting (CRLF, CR, LF) with
//! 1-based raw line numbers, whitespace normalisation (NBSP, BOM, zero-width space) and a
//! word tokenizer that keeps byte offsets. Pure functions over `&str`; no I/O, no config.

use std::borrow::Cow;

/// One line of a raw file: its 1-based number in the raw file and its normalised text
/// (empty for a blank line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    pub number: usize,
    pub text: Cow<'a, str>,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Split on `\r\n`, `\n` or a lone `\r` (old Mac files), numbering lines from 1 as an
/// editor does. A final line break does not start an extra empty line.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 60 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                out.push(Line {
                    number: out.len() + 1,
                    text: normalize_space(&text[start..i]),
                });
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line {
            number: out.len() + 1,
            text: normalize_space(&text[start..]),
        });
    }
    out
}

/// Characters that are spacing in wire text but not ASCII space: NBSP (titles often end in
/// one), the typographic spaces, tab and form feed.
fn is_space_like(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Invisible characters that only get in the way of comparing lines: byte order marks
/// (also mid-file, where files were concatenated) and zero-width spaces. Joiners (U+200C,
/// U+200D) are kept: they change how Persian and Arabic words are spelt.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}')
}

/// Trim, turn every run of spacing into one ASCII space and drop invisible characters.
/// Borrows when nothing changes (the common case for ASCII wire text).
pub fn normalize_space(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_space_like(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    Cow::Owned(out)
}

/// Already normalised? One pass over the bytes: no edge or double spaces, no ASCII
/// spacing other than ' ', and (only looked at when the line is not ASCII) no Unicode
/// spacing or invisible characters.
fn is_clean(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    let mut ascii = true;
    for &b in bytes {
        if b >= 0x80 {
            ascii = false;
            previous_space = false;
            continue;
        }
        if b == b' ' {
            if previous_space {
                return false;
            }
            previous_space = true;
        } else {
            if matches!(b, b'\t' | 0x0B | 0x0C) {
                return false;
            }
            previous_space = false;
        }
    }
    ascii
        || !s
            .chars()
            .any(|c| c != ' ' && (is_space_like(c) || is_invisible(c)))
}

/// A word of text with its byte range in the string it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Letters, digits and the combining marks that live inside words (Latin accents,
/// Arabic vowel signs), so "Côte" and vocalised Arabic stay one token.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Words: maximal runs of word characters. Apostrophes and hyphens separate words
/// ("Iran's" → "Iran", "s"; "US-led" → "US", "led"). Dotted capitals are one word
/// without the final dot ("U.S." and "U.S" → "U.S"; "U.A.E." → "U.A.E"), so the
/// abbreviation matches as a whole and never as the pronoun "us".
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (word, len) = word_char_at(text, i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        if bytes[i].is_ascii_uppercase() {
            if let Some(end) = dotted_abbreviation(bytes, start) {
                out.push(Token {
                    text: &text[start..end],
                    start,
                    end,
                });
                i = end;
                continue;
            }
        }
        i += len;
        while i < bytes.len() {
            let (word, len) = word_char_at(text, i);
            if !word {
                break;
            }
            i += len;
        }
        out.push(Token {
            text: &text[start..i],
            start,
            end: i,
        });
    }
    out
}

/// Is the char starting at byte `i` a word char, and how long is it (ASCII fast path).
#[inline(always)]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b.is_ascii_alphanumeric(), 1);
    }
    match text[i..].chars().next() {
        Some(c) => (is_word_char(c), c.len_utf8()),
        None => (false, 1),
    }
}

/// `U.S.`, `U.S`, `U.A.E.` starting at `start`: single capitals joined by dots, at least
/// two of them, not glued to a longer word. Returns the end of the last capital.
fn dotted_abbreviation(bytes: &[u8], start: usize) -> Option<usize> {
    if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'.') {
        return None;
    }
    let mut i = start;
    let mut letters = 0;
    loop {
        if !bytes.get(i).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        letters += 1;
        let after = bytes.get(i + 1).copied();
        match after {
            Some(b'.') if bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase) => i += 2,
            _ => {
                let glued = after.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80);
                return (letters >= 2 && !glued).then_some(i + 1);
            }
        }
    }
}

/// Does the text contain Arabic-script letters?
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(is_arabic)
}

pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Number of characters, not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_numbers() {
        let cases: &[(&str, &[&str])] = &[
            ("a\nb\n", &["a", "b"]),
            ("a\r\nb\r\n\r\nc", &["a", "b", "", "c"]),
            ("a\rb", &["a", "b"]),
            ("", &[]),
            ("\n", &[""]),
            ("\u{FEFF}Title\u{A0} \n", &["Title"]),
        ];
        for (input, expected) in cases {
            let got: Vec<String> = lines(input).iter().map(|l| l.text.to_string()).collect();
            assert_eq!(&got, expected, "lines({input:?})");
            for (i, line) in lines(input).iter().enumerate() {
                assert_eq!(line.number, i + 1);
            }
        }
    }

    #[test]
    fn whitespace_normalisation() {
        let cases = [
            ("plain text", "plain text"),
            ("  padded\t", "padded"),
            ("a \u{A0} b", "a b"),
            ("Says Iraq FM\u{A0} ", "Says Iraq FM"),
            ("zero\u{200B}width", "zerowidth"),
            ("\u{FEFF}bom", "bom"),
            ("“curly” ‘quotes’", "“curly” ‘quotes’"),
            ("العراق\u{200C}ي", "العراق\u{200C}ي"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_space(input),
                expected,
                "normalize_space({input:?})"
            );
        }
        assert!(matches!(normalize_space("already clean"), Cow::Borrowed(_)));
    }

    #[test]
    fn tokenizer() {
        let words = |s: &str| {
            tokens(s)
                .iter()
                .map(|t| t.text.to_string())
                .collect::<Vec<_>>()
        };
        let cases: &[(&str, &[&str])] = &[
            ("Iraq and US Need", &["Iraq", "and", "US", "Need"]),
            ("Iran's US-led", &["Iran", "s", "US", "led"]),
            ("the U.S. and U.K.", &["the", "U.S", "and", "U.K"]),
            ("the U.S.-led force", &["the", "U.S", "led", "force"]),
            ("U.A.E", &["U.A.E"]),
            ("John F. Kennedy", &["John", "F", "Kennedy"]),
            ("USA.", &["USA"]),
            ("Côte d’Ivoire", &["Côte", "d", "Ivoire"]),
            ("والعراق، مصر", &["والعراق", "مصر"]),
            ("Feb. 6, 2024", &["Feb", "6", "2024"]),
        ];
        for (input, expected) in cases {
            assert_eq!(&words(input), expected, "tokens({input:?})");
        }
        let t = tokens("x U.S. y");
        assert_eq!((t[1].start, t[1].end), (2, 5));
    }
}

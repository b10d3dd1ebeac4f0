//! Titles: wire kickers (`UPDATE 2-`) and sources stripped, the same line told apart from
//! a near repeat, and what looks like a headline rather than a sentence.

use super::*;

/// Wire kickers before a title: Reuters-style `UPDATE 2-`, `EXCLUSIVE-`,
/// `CORRECTED-UPDATE 1-`, `MIDEAST STOCKS-`, and web-style `Exclusive: `, `Analysis: `.
pub(super) const KICKERS: &[&str] = &[
    "UPDATE",
    "EXCLUSIVE",
    "CORRECTED",
    "CORRECTION",
    "ANALYSIS",
    "FACTBOX",
    "WRAPUP",
    "REFILE",
    "RPT",
    "REPEAT",
    "BREAKINGVIEWS",
    "INSIGHT",
    "FOCUS",
    "EXPLAINER",
    "COLUMN",
    "FEATURE",
    "INTERVIEW",
    "PREVIEW",
    "POLL",
    "TIMELINE",
    "GRAPHIC",
    "GRAPHICS",
    "SPECIAL REPORT",
    "SCENARIOS",
    "QUOTEBOX",
    "BRIEF",
    "RECAST",
    "DIARY",
    "SNAPSHOT",
    "VIDEO",
    "PHOTOS",
    "LIVE",
    "BREAKING",
    "URGENT",
    "FLASH",
    "ALERT",
    "EDITORIAL",
    "OPINION",
    "COMMENT",
    "REUTERS NEXT",
    "WIDER IMAGE",
    "OFFICIAL",
    "CORRECTED (OFFICIAL)",
    "REFILE (OFFICIAL)",
];

/// Reuters market reports' slugs: `MIDEAST STOCKS-`, `GLOBAL MARKETS-`, `OIL-`.
pub(super) fn market_slug(prefix: &str) -> bool {
    let last = prefix.rsplit(' ').next().unwrap_or(prefix);
    matches!(
        last,
        "STOCKS" | "MARKETS" | "FOREX" | "BONDS" | "METALS" | "GRAINS" | "PRECIOUS" | "CURRENCIES"
    ) || matches!(prefix, "OIL" | "GOLD")
}

/// A title without its wire kicker, and the kicker removed (if any): "UPDATE 2-Lebanon's
/// bank …" → ("Lebanon's bank …", "UPDATE 2-"); "Exclusive: Saudi …" → ("Saudi …",
/// "Exclusive: "). A title without one is returned as it is.
pub fn strip_kicker(title: &str) -> (&str, Option<&str>) {
    let mut rest = title.trim_start();
    loop {
        let before = rest;
        // Reuters: uppercase words (and a number) glued to a hyphen.
        if let Some(dash) = rest.find('-') {
            let prefix = &rest[..dash];
            let after = &rest[dash + 1..];
            let upper = !prefix.is_empty()
                && !prefix.ends_with(' ')
                && prefix.chars().all(|c| {
                    c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, ' ' | '(' | ')')
                });
            if upper && !after.starts_with(|c: char| c.is_lowercase() || c == ' ') {
                let words: String = prefix
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
                    .to_string();
                if !after.trim().is_empty()
                    && (KICKERS.contains(&words.as_str()) || market_slug(&words))
                {
                    rest = after.trim_start();
                }
            }
        }
        // Web: "Exclusive: ", "ANALYSIS: ", "Breaking: ".
        if let Some((head, after)) = rest.split_once(": ") {
            let upper = head.to_uppercase();
            if head.len() <= 16 && KICKERS.contains(&upper.as_str()) && !after.trim().is_empty() {
                rest = after.trim_start();
            }
        }
        if rest.len() == before.len() {
            break;
        }
    }
    if rest.len() == title.trim_start().len() {
        return (title, None);
    }
    let cut = title.len() - rest.len();
    (rest, Some(&title[..cut]))
}

/// A title without the site's or agency's name appended to it ("… | Reuters", "… - Al
/// Jazeera"), and that name.
pub(super) fn strip_title_source(title: &str) -> (&str, Option<&'static str>) {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(i) = title.rfind(sep) {
            let tail = title[i + sep.len()..].trim();
            let tail = tail.strip_suffix(" News").unwrap_or(tail);
            if let Some(agency) = credit::agency_only(tail) {
                if i > 0 {
                    return (title[..i].trim_end(), Some(agency));
                }
            }
        }
    }
    (title, None)
}

/// The same line, give or take case, punctuation and spacing: a repeated title may
/// differ from the first in its quotes ("Iraq’s" / "Iraq's") or a final full stop.
/// Compares without allocating, and exits at the first differing letter.
pub fn same_line(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_empty() || b.is_empty() || a.len().abs_diff(b.len()) > 8 {
        return false;
    }
    let mut fa = a
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    let mut fb = b
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    let mut letters = false;
    loop {
        match (fa.next(), fb.next()) {
            (None, None) => return letters,
            (Some(x), Some(y)) if x == y => letters = true,
            _ => return false,
        }
    }
}

/// Could this line be a headline? Letters, not too long; an unrepeated title must also
/// not read like a sentence of body text (ending in "." or ",") nor be a line that says
/// something about a story (a byline, a trailer, a time stamp).
pub(super) fn title_like(text: &str, repeated: bool) -> bool {
    let n = char_len(text);
    let max = if repeated {
        MAX_TITLE
    } else {
        MAX_UNREPEATED_TITLE
    };
    if n == 0 || n > max || is_noise(text) {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    if letters < 2 || letters * 2 < visible {
        return false;
    }
    repeated || (tokens(text).len() <= 30 && !ends_like_sentence(text) && !says_about_story(text))
}

/// A byline, note, trailer, copyright, sign-off or stamp line: never a title.
pub(super) fn says_about_story(text: &str) -> bool {
    furniture(text).is_some()
        || credit::byline(text).is_some()
        || time_stamp_line(text)
        || sign_off(text).is_some_and(|a| a.is_none())
}

pub(super) fn ends_like_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', ' ']);
    if t.ends_with("...") || t.ends_with('…') {
        return false;
    }
    if let Some(before) = t.strip_suffix('.') {
        // "… in the U.S." is a headline ending in an abbreviation, not a sentence.
        let abbreviation = before.len() >= 2 && {
            let b = before.as_bytes();
            b[b.len() - 1].is_ascii_uppercase()
                && (b[b.len() - 2] == b'.' || b[b.len() - 2] == b' ')
        };
        return !abbreviation;
    }
    t.ends_with([',', ';', ':', '،', '؛'])
}

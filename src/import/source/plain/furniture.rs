//! Lines set aside for what they say: bylines, time stamps, correction notes, trailers,
//! copyright and sign-off lines.

use super::*;

/// A line that says something about the story rather than being part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// A correction or update note: "(Adds minister's comments in paragraphs 5-6)",
    /// "(Corrects name in paragraph 3)", "This story has been corrected to …".
    Note,
    /// A trailer: "(Reporting by …; Editing by …)", "Our Standards: …", "Enditem",
    /// "//انتهى//", "… contributed to this report.", "Sign up here." lines.
    Trailer,
    /// "Copyright 2024 The Associated Press. All rights reserved.", "© 2024 AFP".
    Copyright,
    /// "Source: Al Jazeera and news agencies", "المصدر: وكالات".
    Source,
}

/// What a line outside the story is, if it is one of the `Furniture` kinds. Safe
/// anywhere in a body: each shape is unmistakable.
pub fn furniture(line: &str) -> Option<Furniture> {
    let t = line.trim();
    let n = char_len(t);
    if t.is_empty() || n > 400 {
        return None;
    }
    let lower = t.to_lowercase();
    if t.starts_with('(') && t.ends_with(')') && n <= 300 {
        let inner = lower[1..].trim_start_matches('(');
        const NOTES: &[&str] = &[
            "adds ",
            "add ",
            "corrects ",
            "correcting ",
            "updates ",
            "updating ",
            "recasts ",
            "refiles ",
            "repeats ",
            "rewrites ",
            "writes through",
            "changes ",
            "fixes ",
            "removes ",
            "inserts ",
            "deletes ",
            "clarifies ",
            "replaces ",
            "moves ",
            "combines ",
            "new throughout",
            "releases ",
            "this story ",
            "story ",
            "updated ",
            "corrected ",
            "recasts",
            "adds",
            "updates",
            "refiles",
            "repeats",
        ];
        if NOTES.iter().any(|p| inner.starts_with(p)) {
            return Some(Furniture::Note);
        }
        const CREDITS: &[&str] = &[
            "reporting by",
            "additional reporting by",
            "writing by",
            "editing by",
            "compiled by",
            "reporting and writing by",
            "reporting and editing by",
            "graphics by",
            "تغطية صحفية",
            "إعداد",
            "اعداد",
            "تحرير",
        ];
        if CREDITS.iter().any(|p| inner.starts_with(p)) {
            return Some(Furniture::Trailer);
        }
        if matches!(inner.trim_end_matches(')'), "end" | "ends" | "انتهى") {
            return Some(Furniture::Trailer);
        }
    }
    const NOTE_STARTS: &[&str] = &[
        "this story has been corrected",
        "this story has been updated",
        "this story has been refiled",
        "this story was corrected",
        "this story was updated",
        "this version corrects",
        "this article has been corrected",
        "this article has been updated",
        "this article was amended",
        "correction:",
        "editor's note:",
        "editor’s note:",
    ];
    if NOTE_STARTS.iter().any(|p| lower.starts_with(p)) {
        return Some(Furniture::Note);
    }
    const TRAILER_STARTS: &[&str] = &[
        "reporting by ",
        "additional reporting by ",
        "writing by ",
        "editing by ",
        "compiled by ",
        "our standards:",
        "anadolu agency website contains only a portion",
        "the associated press receives",
        "ap is solely responsible",
        "find ap’s standards",
        "find ap's standards",
        "get a look at the day ahead",
        "enditem",
        "end item",
        "//انتهى//",
        "/انتهى/",
        "-انتهى-",
        "تغطية صحفية",
    ];
    if TRAILER_STARTS.iter().any(|p| lower.starts_with(p))
        || matches!(lower.as_str(), "انتهى" | "(انتهى)" | "//انتهى" | "انتهى//")
        || (n <= 250
            && (lower.ends_with("contributed to this report.")
                || lower.ends_with("contributed to this report")
                || lower.ends_with("contributed reporting.")
                || lower.ends_with("sign up here.")))
    {
        return Some(Furniture::Trailer);
    }
    if n <= 200
        && (t.starts_with('©')
            || lower.starts_with("copyright")
            || lower.starts_with("(c) ")
            || lower.starts_with("all rights reserved")
            || lower.ends_with("all rights reserved.")
            || t.starts_with("جميع الحقوق محفوظة")
            || t.starts_with("حقوق النشر"))
    {
        return Some(Furniture::Copyright);
    }
    if n <= 120 {
        for p in [
            "source:",
            "sources:",
            "source :",
            "المصدر:",
            "المصدر :",
            "المصادر:",
        ] {
            if lower.starts_with(p) {
                return Some(Furniture::Source);
            }
        }
    }
    None
}

/// An agency sign-off at the very end of wire copy, and the agency it names: AFP's
/// initials ("ha/jm", "burs-sw/jm"), "-- AFP", "--SPA", "WAM/Hassan Bashir/Sara Nabil",
/// "QNA/HM", KUNA's "(end) ahm.gb", Arabic initials ("/ف ح/"), or the agency alone
/// ("MENA"). `Some(None)` for initials that name no agency. Only safe at a body's end.
pub fn sign_off(line: &str) -> Option<Option<&'static str>> {
    let t = line.trim();
    let n = char_len(t);
    if t.is_empty() || n > 60 {
        return None;
    }
    if let Some(agency) = credit::agency_only(t.trim_matches(['-', '–', '—', '/', ' ', '(', ')']))
    {
        // "-- AFP", "--SPA", "(MENA)", "QNA"
        return Some(Some(agency));
    }
    let lower = t.to_lowercase();
    if lower.starts_with("(end)") || lower.starts_with("(ends)") {
        return Some(credit::agency_in(t));
    }
    // "WAM/Hassan Bashir/Sara Nabil", "QNA/HM"
    if let Some((head, rest)) = t.split_once('/') {
        if let Some(agency) = credit::agency_only(head.trim()) {
            if !rest.is_empty() && !rest.contains(". ") {
                return Some(Some(agency));
            }
        }
    }
    // SPA's closing time stamp, in Mecca time: "15:42ت م", "15:42 ت م".
    let clock = t.trim_end_matches(['ت', 'م', ' ']);
    if clock.len() < t.len()
        && clock.contains(':')
        && clock.chars().all(|c| c.is_ascii_digit() || c == ':')
    {
        return Some(None);
    }
    // Initials: "ha/jm", "ab-hc/jm", "burs-sw/jm", "/ف ح/", "ع.ع/م.ح", "AH/MO".
    if n <= 30 && t.contains('/') {
        let parts: Vec<&str> = t
            .split(['/', '-', ' ', '.'])
            .filter(|p| !p.is_empty())
            .collect();
        let latin = parts.iter().all(|p| {
            p.len() <= 5
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        // Capital initials, but not agencies ("AP/AFP" is a credit).
        let capitals = parts.iter().all(|p| {
            (2..=3).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_uppercase())
                && credit::agency_only(p).is_none()
        });
        let arabic = parts
            .iter()
            .all(|p| p.chars().count() <= 3 && p.chars().all(is_arabic));
        if !parts.is_empty() && (latin || arabic || capitals) {
            return Some(None);
        }
    }
    None
}

/// An agency's desk sign-off naming its staff: "WAM/Rasha Hamdan/Khalid Omar" (the
/// agency, then two or more names or initials). A photo credit names one photographer
/// ("REUTERS/Issam Khoury", "REUTERS/Mohamed Azakir/File Photo").
pub(super) fn staff_sign_off(line: &str) -> bool {
    let parts: Vec<&str> = line.trim().split('/').map(str::trim).collect();
    parts.len() >= 3
        && credit::agency_only(parts[0]).is_some()
        && parts[1..]
            .iter()
            .all(|p| !p.is_empty() && !p.to_lowercase().contains("photo"))
}

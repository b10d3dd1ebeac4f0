//! The plain-text reader: agency wire copy and text copied from a news web page, split
//! into `RawArticle`s. Finds where each article starts, takes the title (less any wire
//! kicker) and the photo caption once, and keeps every body line as a paragraph, except
//! what is not the story: page noise ("TT", share counts, "Save", "Read more: …"), the
//! repeated title/caption block, and the lines set aside for what they say (bylines, time
//! stamps, correction notes, trailers, copyright and sign-off lines). Every non-blank raw
//! line ends up in exactly one place (title, caption, date stamp, body, noise, duplicate,
//! set aside, or an unplaced block), each with its raw line number.
//!
//! Layouts read:
//! - the scraped page (see ../shared/seeds/): a title line, the caption (usually twice),
//!   noise lines, a blank line, the title again, the caption again, then the body, one
//!   paragraph per line;
//! - wire copy as sent: a title (maybe with a kicker, `UPDATE 2-`), a byline, notes
//!   `(Adds …)`, a caption anywhere, the dateline paragraph, the body, trailers;
//! - text copied from a web page: a title, a standfirst, `Published On …`, `Save`,
//!   `Share`, a caption without parentheses, the body with subheadings, `Source: …`.
//!
//! The next article starts after blank lines with a new title.
//!
//! The line classifiers (`is_noise`, `furniture`, `sign_off`, `strip_kicker`) are public
//! so the other readers can judge text the same way.

use crate::import::credit::{self, credit_line, split_credit, Credit};
use crate::import::dates::{date_stamp_line, time_stamp_line};
use crate::import::raw::{Caption, Facts, RawArticle, RawFile, RawLine, Unplaced, UnplacedReason};
use crate::import::text::{self, char_len, is_arabic, tokens, Line};

/// How far (in lines) the repeat of a title may come after it.
const REPEAT_WINDOW: usize = 12;
/// Longest title, in characters, when the title is repeated (strong evidence) or not.
const MAX_TITLE: usize = 300;
const MAX_UNREPEATED_TITLE: usize = 200;

/// Page furniture that scrapes carry around an article: the text-size widget ("TT",
/// "A A"), share and comment counts ("20", "1.2K", "20 shares"), social and save buttons
/// ("Share", "Save", "Listen to this article", "Follow us on X"), pointers to other
/// stories ("Read more: …", "Related:", "اقرأ أيضاً: …"), advertising labels and rule
/// lines ("___"). Only whole lines count.
pub fn is_noise(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if widget(t) {
        return true;
    }
    // Rule lines: "___", "***", "---", "• • •".
    if t.chars().count() >= 2 && !t.chars().any(char::is_alphanumeric) {
        return true;
    }
    if is_body_noise(t) {
        return true;
    }
    if t.len() <= 60 {
        let lower = t.to_lowercase();
        let lower = lower.trim_end_matches(['.', ':', ' ']);
        if NOISE_LINES.contains(&lower) {
            return true;
        }
        // "Follow us on X", "Follow Al Jazeera on Instagram", "Follow @arabnews".
        if let Some(rest) = lower.strip_prefix("follow ") {
            let social = [
                " x",
                "twitter",
                "facebook",
                "instagram",
                "whatsapp",
                "telegram",
                "linkedin",
                "tiktok",
                "youtube",
                "google news",
                "threads",
                "bluesky",
            ];
            if rest.starts_with('@')
                || social.iter().any(|s| rest.ends_with(s))
                || rest.contains(" on x,")
            {
                return true;
            }
        }
        if lower.starts_with("listen to this article") || lower.starts_with("listen to article") {
            return true;
        }
    }
    if t.len() <= 300 {
        let lower = t.to_lowercase();
        if NOISE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
            return true;
        }
        // A bare link ("https://arab.news/4xyz" under "Short Url").
        if !t.contains(' ') && (lower.starts_with("http://") || lower.starts_with("https://")) {
            return true;
        }
    }
    false
}

/// Whole lines of web-page furniture, lowercase, without a final full stop or colon.
const NOISE_LINES: &[&str] = &[
    "share",
    "shares",
    "share this",
    "share this article",
    "share this story",
    "share via",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on whatsapp",
    "share on linkedin",
    "tweet",
    "print",
    "print this article",
    "email",
    "e-mail",
    "comments",
    "comment",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "copy link",
    "copy url",
    "link copied",
    "listen",
    "save",
    "saved",
    "save article",
    "save for later",
    "save articles to read later and create your own reading list",
    "gift this article",
    "follow",
    "follow us",
    "font size",
    "text size",
    "short url",
    "show more",
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related topics",
    "recommended",
    "recommended stories",
    "more on this story",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "scroll to continue",
    "continue reading",
    "skip advertisement",
    "report this ad",
    "advertisement · scroll to continue",
    "purchase licensing rights",
    "purchase licensing rights, opens new tab",
    "opens new tab",
    "sign up here",
    "end of list",
    "اقرأ أيضاً",
    "اقرأ أيضا",
    "اقرأ أيضًا",
    "إقرأ أيضاً",
    "إقرأ أيضا",
    "اقرأ ايضا",
    "اقرأ المزيد",
    "إقرأ المزيد",
    "شارك",
    "شارك الخبر",
    "شارك المقال",
    "مشاركة",
    "حفظ",
    "استمع",
    "استمع إلى المقال",
    "طباعة",
    "تابعونا",
    "ذات صلة",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "الأكثر قراءة",
    "رابط مختصر",
];

/// Lines that start like pointers to other stories or calls to sign up, lowercase.
const NOISE_PREFIXES: &[&str] = &[
    "read more:",
    "read more -",
    "read more –",
    "read more about",
    "read also:",
    "also read:",
    "see also:",
    "related:",
    "related coverage:",
    "related story:",
    "related article:",
    "more:",
    "watch:",
    "click here",
    "join our whatsapp",
    "join our telegram",
    "subscribe to our",
    "sign up for our",
    "sign up to our",
    "download our app",
    "download the app",
    "اقرأ أيضاً:",
    "اقرأ أيضا:",
    "اقرأ أيضًا:",
    "إقرأ أيضاً:",
    "إقرأ أيضا:",
    "اقرأ ايضا:",
    "اقرأ أيضاً ",
    "اقرأ أيضا ",
    "إقرأ أيضاً ",
    "اقرأ المزيد:",
    "تابعونا على",
    "تابعوا",
    "تابعنا على",
    "شاهد:",
];

/// The scraped layout's widgets: "TT", "A A", share and comment counts ("20", "1.2K",
/// "20 shares", "3 min read").
fn widget(t: &str) -> bool {
    if t.len() > 40 {
        return false;
    }
    // "TT", "A A", "A+ A-", "AA"
    if t.len() <= 5
        && t.chars()
            .all(|c| matches!(c, 'A' | 'T' | 'a' | '+' | '-' | ' '))
        && t.chars().any(|c| c == 'A' || c == 'T')
    {
        return true;
    }
    if is_count(t) {
        return true;
    }
    let lower = t.to_lowercase();
    if let Some((count, word)) = lower.split_once(' ') {
        if is_count(count)
            && matches!(
                word,
                "shares"
                    | "share"
                    | "comments"
                    | "comment"
                    | "views"
                    | "likes"
                    | "min read"
                    | "mins read"
                    | "minutes read"
                    | "minute read"
                    | "min"
                    | "reads"
            )
        {
            return true;
        }
    }
    false
}

/// "20", "1,234", "1.2K", "3M"
fn is_count(t: &str) -> bool {
    let digits = t.strip_suffix(['K', 'k', 'M', 'm']).unwrap_or(t);
    !digits.is_empty()
        && digits.len() <= 9
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Noise that may also sit between body paragraphs.
fn is_body_noise(t: &str) -> bool {
    matches!(
        t,
        "Advertisement" | "ADVERTISEMENT" | "Advertisements" | "Sponsored" | "إعلان"
    )
}

/// Noise inside a body: everything `is_noise` knows except the scraped layout's widgets
/// (a lone "20" between paragraphs is text).
fn body_noise(t: &str) -> bool {
    !widget(t) && is_noise(t)
}

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
fn staff_sign_off(line: &str) -> bool {
    let parts: Vec<&str> = line.trim().split('/').map(str::trim).collect();
    parts.len() >= 3
        && credit::agency_only(parts[0]).is_some()
        && parts[1..]
            .iter()
            .all(|p| !p.is_empty() && !p.to_lowercase().contains("photo"))
}

/// Wire kickers before a title: Reuters-style `UPDATE 2-`, `EXCLUSIVE-`,
/// `CORRECTED-UPDATE 1-`, `MIDEAST STOCKS-`, and web-style `Exclusive: `, `Analysis: `.
const KICKERS: &[&str] = &[
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
fn market_slug(prefix: &str) -> bool {
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
fn strip_title_source(title: &str) -> (&str, Option<&'static str>) {
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
fn title_like(text: &str, repeated: bool) -> bool {
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
fn says_about_story(text: &str) -> bool {
    furniture(text).is_some()
        || credit::byline(text).is_some()
        || time_stamp_line(text)
        || sign_off(text).is_some_and(|a| a.is_none())
}

fn ends_like_sentence(text: &str) -> bool {
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

/// Ends with a photo credit ("(AP)", ", AFP", "Fethi Beland, AFP").
fn caption_like(text: &str) -> bool {
    char_len(text) <= 1000 && split_credit(&caption_text(text), false).is_some()
}

/// A caption line without the licensing links that photo sites add after the credit
/// ("… REUTERS/Name Purchase Licensing Rights, opens new tab").
fn caption_text(text: &str) -> std::borrow::Cow<'_, str> {
    let mut t = text.trim_end();
    for tail in [
        ", opens new tab",
        "opens new tab",
        "Purchase Licensing Rights",
        "Purchase licensing rights",
    ] {
        if let Some(before) = t.strip_suffix(tail) {
            t = before.trim_end();
        }
    }
    if t.len() == text.len() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(t.to_string())
    }
}

/// A caption that says it is one: "FILE PHOTO: …", "File photo: …", "FILE - …" (AP).
fn file_photo(text: &str) -> bool {
    [
        "FILE PHOTO:",
        "File photo:",
        "File Photo:",
        "FILE PHOTO -",
        "FILE -",
        "FILE:",
        "صورة أرشيفية",
    ]
    .iter()
    .any(|p| text.starts_with(p))
}

/// A caption line inside a body (or wherever it sits): ends with a photographer's credit
/// or one in parentheses or brackets, or says "FILE PHOTO". A dateline paragraph that
/// names its agency is never one.
fn body_caption(text: &str) -> bool {
    if char_len(text) > 600 || credit::dateline(text).is_some_and(|d| d.agency.is_some()) {
        return false;
    }
    if file_photo(text) {
        return true;
    }
    let t = caption_text(text);
    let t = t.trim_end();
    match split_credit(t, false) {
        Some((_, credit)) => {
            credit.photographer.is_some()
                || t.ends_with(')')
                || t.ends_with(']')
                || credit.agencies.iter().all(|a| photo_agency(a))
        }
        None => false,
    }
}

/// Agencies that only sell photos: never the source of a story.
fn photo_agency(name: &str) -> bool {
    matches!(
        name,
        "Getty Images"
            | "EPA"
            | "EPA-EFE"
            | "Shutterstock"
            | "Alamy"
            | "NurPhoto"
            | "ZUMA"
            | "Sipa"
            | "Abaca"
            | "SOPA Images"
    )
}

/// A line that is only a photo credit fit to close a caption: a photographer or a photo
/// label ("Photo: AFP"), or a photo agency ("Getty Images"). A bare news agency
/// ("Reuters") on its own is the story's source, not a credit.
fn photo_credit_line(text: &str) -> Option<Credit> {
    let credit = credit_line(text)?;
    let labelled = text.contains("Photo") || text.contains("photo") || text.contains("Image");
    (credit.photographer.is_some() || labelled || credit.agencies.iter().all(|a| photo_agency(a)))
        .then_some(credit)
}

/// If the title at `k` is repeated within a few lines with only header material between
/// (blank lines, noise, date stamps, captions, lines that are themselves repeated), the
/// line number of the repeat.
fn title_repeat(lines: &[Line<'_>], k: usize) -> Option<usize> {
    let title = lines[k].text.as_ref();
    if title.is_empty() {
        return None;
    }
    let limit = (k + REPEAT_WINDOW).min(lines.len().saturating_sub(1));
    let m = (k + 1..=limit).find(|&m| same_line(&lines[m].text, title))?;
    if !title_like(title, true) || (m == k + 1 && !title_like(title, false)) {
        return None;
    }
    let window_end = (m + 8).min(lines.len());
    let headerish = |b: usize| {
        let t = lines[b].text.as_ref();
        t.is_empty()
            || is_noise(t)
            || date_stamp_line(t).is_some()
            || caption_like(t)
            || (k + 1..window_end).any(|o| o != b && same_line(&lines[o].text, t))
    };
    (k + 1..m).all(headerish).then_some(m)
}

/// Does a new article start at `k`? `blanks` is the number of blank lines just before it.
fn starts_article(
    lines: &[Line<'_>],
    k: usize,
    blanks: usize,
    clear_break: usize,
    first_in_body: bool,
) -> bool {
    if !(first_in_body || blanks >= 1) {
        return false;
    }
    if title_repeat(lines, k).is_some() {
        return true;
    }
    // An unrepeated title: only after a clear break (more blank lines than the body puts
    // between its paragraphs, and at least one), and only if it reads as a headline with
    // text after it.
    blanks >= clear_break
        && title_like(&lines[k].text, false)
        && lines[k + 1..]
            .iter()
            .filter(|l| !l.is_blank())
            .take(3)
            .any(|l| {
                !is_noise(&l.text) && !says_about_story(&l.text) && sign_off(&l.text).is_none()
            })
}

/// The index of the first line at or after `from` that starts a new article.
fn next_start(lines: &[Line<'_>], from: usize) -> usize {
    let mut blanks = 0;
    // The widest run of blank lines between this body's paragraphs so far: a body written
    // one paragraph per line (the seed's second article) is broken by one blank line, one
    // with blank lines between paragraphs (the first) needs two.
    // Until two paragraphs have shown the spacing, two blank lines are the break.
    let mut widest_gap: Option<usize> = None;
    for k in from..lines.len() {
        if lines[k].is_blank() {
            blanks += 1;
            continue;
        }
        let clear_break = widest_gap.map_or(2, |gap| gap + 1);
        if starts_article(lines, k, blanks, clear_break, k == from) {
            return k;
        }
        if k > from {
            widest_gap = Some(widest_gap.unwrap_or(0).max(blanks));
        }
        blanks = 0;
    }
    lines.len()
}

/// The next non-blank line after `k`, if any.
fn next_text<'a>(lines: &'a [Line<'a>], k: usize) -> Option<&'a str> {
    lines[k + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .map(|l| l.text.as_ref())
}

/// Is the next non-blank line after `k` the scraped layout's widget ("TT", a count)?
fn followed_by_widget(lines: &[Line<'_>], k: usize) -> bool {
    next_text(lines, k).is_some_and(widget)
}

/// A header line that only web pages and wire copy put between a title and the story:
/// a stamp, a byline, a button. What comes before it (and after the title) is a
/// standfirst, not the story's first paragraph.
fn header_only(t: &str) -> bool {
    date_stamp_line(t).is_some()
        || time_stamp_line(t)
        || credit::byline(t).is_some()
        || (is_noise(t) && !widget(t))
        || byline_stamp(t).is_some()
}

/// Anadolu's "Burak Yilmaz |04.06.2024 - Update : 04.06.2024": an author and a stamp.
fn byline_stamp(t: &str) -> Option<(String, chrono::NaiveDate)> {
    let (name, stamp) = t.split_once('|')?;
    let name = name.trim();
    let date = date_stamp_line(stamp.trim()).or_else(|| {
        crate::import::dates::first_date(stamp)
            .filter(|_| char_len(stamp) <= 60)
            .map(|f| f.date)
    })?;
    let words = tokens(name);
    let is_name = !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            w.text
                .starts_with(|c: char| c.is_uppercase() || is_arabic(c))
        });
    is_name.then(|| (name.to_string(), date))
}

/// What the header and body readers learn besides the text, before it goes into `Facts`.
#[derive(Default)]
struct Found {
    author: Option<String>,
    byline_agency: Option<&'static str>,
    /// A bare agency line in the header ("AFP" under the title, as Arab News prints it).
    header_agency: Option<&'static str>,
    title_agency: Option<&'static str>,
    copyright_agency: Option<&'static str>,
    source_line_agency: Option<&'static str>,
    sign_off_agency: Option<&'static str>,
    trailer_agency: Option<&'static str>,
}

/// Build the caption from its lines: text and credit split, the credit from the last
/// line when that line is only a credit.
fn make_caption(lines: &[RawLine]) -> Caption {
    let raw = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let last_credit = lines
        .last()
        .filter(|_| lines.len() >= 2)
        .and_then(|l| credit_line(&l.text));
    let (text, credit) = match last_credit {
        Some(credit) => {
            let text = lines[..lines.len() - 1]
                .iter()
                .map(|l| caption_text(&l.text).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            let text = match split_credit(&text, false) {
                Some((t, _)) => t,
                None => text,
            };
            (text, Some(credit))
        }
        None if lines.len() == 1 && credit_line(&lines[0].text).is_some() => {
            (String::new(), credit_line(&lines[0].text))
        }
        None => {
            let cleaned = lines
                .iter()
                .map(|l| caption_text(&l.text).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            match split_credit(&cleaned, true) {
                Some((text, credit)) => (text, Some(credit)),
                None => (cleaned, None),
            }
        }
    };
    Caption {
        raw,
        text,
        credit,
        lines: lines.iter().map(|l| l.line).collect(),
    }
}

/// Read the header of the article whose title is at `start`: the caption, noise, date
/// stamp, bylines, notes and repeats. Returns the article (body empty) and the index of
/// its first body line.
fn read_header(
    lines: &[Line<'_>],
    start: usize,
    repeat: Option<usize>,
    number: usize,
    found: &mut Found,
) -> (RawArticle, usize) {
    let title = RawLine::from(&lines[start]);
    let mut article = RawArticle {
        number,
        title: title.clone(),
        caption: None,
        stamp: None,
        body: Vec::new(),
        noise: Vec::new(),
        duplicates: Vec::new(),
        facts: Facts::default(),
    };
    let (no_kicker, kicker) = strip_kicker(&title.text);
    let (clean_title, title_agency) = strip_title_source(no_kicker);
    if kicker.is_some() || title_agency.is_some() {
        found.title_agency = title_agency;
        article.title.text = clean_title.to_string();
        // The title line as written, kicker and all, for the report.
        article.facts.set_aside.push(title.clone());
    }
    let mut seen: Vec<&str> = vec![&lines[start].text];
    let mut caption_lines: Vec<RawLine> = Vec::new();
    let mut caption_done = false;
    let mut standfirst_allowed = true;
    let mut k = start + 1;
    while k < lines.len() {
        let line = &lines[k];
        let t = line.text.as_ref();
        if t.is_empty() {
            k += 1;
            continue;
        }
        let before_repeat = repeat.is_some_and(|j| k < j);
        let repeated_next = lines.get(k + 1).is_some_and(|n| same_line(&n.text, t));
        let set_aside = RawLine::from(line);
        if repeat == Some(k) || seen.iter().any(|s| same_line(s, t)) {
            article.duplicates.push(RawLine::from(line));
        } else if is_noise(t) {
            article.noise.push(RawLine::from(line));
            if !widget(t) {
                standfirst_allowed = false;
            }
        } else if let Some(date) = date_stamp_line(t) {
            if article.stamp.is_none() {
                article.stamp = Some((RawLine::from(line), date));
                seen.push(t);
            } else {
                article.facts.set_aside.push(set_aside);
            }
            standfirst_allowed = false;
        } else if time_stamp_line(t) {
            article.facts.set_aside.push(set_aside);
            standfirst_allowed = false;
        } else if let Some((author, date)) = byline_stamp(t) {
            found.author.get_or_insert(author);
            if article.stamp.is_none() {
                article.stamp = Some((RawLine::from(line), date));
            } else {
                article.facts.set_aside.push(set_aside);
            }
            standfirst_allowed = false;
        } else if let Some(byline) = credit::byline(t) {
            found.author.get_or_insert(byline.author);
            if found.byline_agency.is_none() {
                found.byline_agency = byline.agency;
            }
            article.facts.set_aside.push(set_aside);
            standfirst_allowed = false;
        } else if let Some(kind) = furniture(t) {
            note_furniture(kind, t, found);
            article.facts.set_aside.push(set_aside);
        } else if let Some(credit) = credit_line(t).filter(|_| !before_repeat && !repeated_next) {
            // A line that is only a credit closes the caption above it; alone, a
            // photographer's credit is a caption without text, and a bare agency
            // ("AFP" under the title) is the story's source.
            let closes_caption = !caption_lines.is_empty() && !caption_done;
            let credit_alone = caption_lines.is_empty()
                && (credit.photographer.is_some() || photo_credit_line(t).is_some());
            if closes_caption || credit_alone {
                caption_lines.push(RawLine::from(line));
                caption_done = true;
            } else {
                if found.header_agency.is_none() {
                    found.header_agency =
                        credit.agencies.first().and_then(|a| credit::agency_only(a));
                }
                article.facts.set_aside.push(set_aside);
            }
        } else if before_repeat
            || repeated_next
            || (caption_lines.is_empty()
                && (caption_like(t)
                    || file_photo(t)
                    || followed_by_widget(lines, k)
                    || next_text(lines, k).is_some_and(|n| photo_credit_line(n).is_some())))
        {
            // Before the title's repeat everything is header; after it (or with no
            // repeat) a caption must show itself by its credit (on the line or the next),
            // by being doubled, or by the page widgets that follow it.
            caption_lines.push(RawLine::from(line));
            seen.push(t);
        } else if standfirst_allowed
            && caption_lines.is_empty()
            && article.stamp.is_none()
            && credit::dateline(t).is_none_or(|d| d.agency.is_none() && d.date.is_none())
            && next_text(lines, k).is_some_and(header_only)
        {
            // A standfirst under a web page's headline, above its stamps and buttons.
            article.facts.set_aside.push(set_aside);
            standfirst_allowed = false;
        } else {
            break;
        }
        k += 1;
    }
    if !caption_lines.is_empty() {
        article.caption = Some(make_caption(&caption_lines));
    }
    (article, k)
}

/// Record what a furniture line says about the story's source.
fn note_furniture(kind: Furniture, t: &str, found: &mut Found) {
    match kind {
        Furniture::Copyright => {
            if found.copyright_agency.is_none() {
                found.copyright_agency = credit::agency_in(t);
            }
        }
        Furniture::Source => {
            if found.source_line_agency.is_none() {
                found.source_line_agency = t
                    .split_once(':')
                    .and_then(|(_, rest)| credit::agency_in(rest));
            }
        }
        Furniture::Trailer => {
            // Anadolu's website trailer names the agency.
            if found.trailer_agency.is_none() && t.starts_with("Anadolu Agency") {
                found.trailer_agency = Some("Anadolu");
            }
        }
        Furniture::Note => {}
    }
}

/// Could this body line be a subheading: short, no final full stop, not a list item,
/// link, dateline, stamp or credit. In wire copy (`wire`) only all-capital lines are.
fn heading_candidate(t: &str, wire: bool) -> bool {
    let n = char_len(t);
    if !(3..=80).contains(&n) {
        return false;
    }
    let words = tokens(t);
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let core = t.trim_end_matches(['"', '”', '’', '\'', '»', ' ']);
    if core.ends_with(['.', ':', ';', ',', '،', '؛', '!', '…']) {
        return false;
    }
    if core.ends_with(['?', '؟']) && words.len() > 8 {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if first.is_numeric()
        || matches!(
            first,
            '-' | '*' | '•' | '#' | '>' | '+' | '<' | '[' | '(' | '|' | '–' | '—'
        )
        || t.contains("://")
        || t.contains('<')
        || t.contains('[')
        || t.contains('|')
    {
        return false;
    }
    let opener = t
        .trim_start_matches(['"', '“', '‘', '\'', '«'])
        .chars()
        .next()
        .unwrap_or(' ');
    if !(opener.is_uppercase() || is_arabic(opener)) {
        return false;
    }
    if wire {
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.iter().any(|c| !c.is_uppercase()) {
            return false;
        }
    }
    credit::dateline(t).is_none_or(|d| !d.whole)
        && !says_about_story(t)
        && credit_line(t).is_none()
        && date_stamp_line(t).is_none()
        && split_credit(t, false).is_none()
}

/// A body line that reads as a paragraph of running text.
fn paragraph_like(t: &str) -> bool {
    char_len(t) > 80 || ends_like_sentence(t) || t.ends_with(['"', '”', '»', '?', '!'])
}

/// Mark the subheadings of a body: candidates between two paragraphs.
fn mark_headings(body: &mut [RawLine]) {
    if body.len() < 3 {
        return;
    }
    let wire = credit::dateline(&body[0].text).is_some_and(|d| d.agency.is_some());
    for i in 1..body.len() - 1 {
        if body[i - 1].heading {
            continue;
        }
        if heading_candidate(&body[i].text, wire)
            && paragraph_like(&body[i + 1].text)
            && (paragraph_like(&body[i - 1].text) || i - 1 == 0)
        {
            body[i].heading = true;
        }
    }
}

/// Read the body lines `from..to` of `article`: paragraphs, and what is not the story
/// (noise, furniture, captions, sign-offs at the end) put where it belongs.
fn read_body(
    lines: &[Line<'_>],
    from: usize,
    to: usize,
    article: &mut RawArticle,
    found: &mut Found,
) {
    let mut in_list = false;
    let mut after_pointer = false;
    let mut caption_lines: Vec<RawLine> = Vec::new();
    let mut k = from;
    while k < to {
        let l = &lines[k];
        k += 1;
        if l.is_blank() {
            continue;
        }
        let t = l.text.as_ref();
        let lower_short = (t.len() <= 40).then(|| t.to_lowercase());
        let pointer_label = lower_short.as_deref().is_some_and(|s| {
            let s = s.trim_end_matches([':', ' ']);
            matches!(
                s,
                "read more"
                    | "read also"
                    | "also read"
                    | "see also"
                    | "related"
                    | "اقرأ أيضاً"
                    | "اقرأ أيضا"
                    | "إقرأ أيضاً"
                    | "اقرأ أيضًا"
            )
        });
        // Al Jazeera's "Recommended Stories / list of 4 items / … / end of list".
        let list_start = lower_short.as_deref().is_some_and(|s| {
            s.starts_with("list of ") && s.ends_with(" items") || s == "recommended stories"
        });
        let was_after_pointer = std::mem::replace(&mut after_pointer, false);
        if in_list {
            if lower_short.as_deref() == Some("end of list") {
                in_list = false;
            }
            if is_noise(t) {
                article.noise.push(RawLine::from(l));
            } else {
                article.facts.set_aside.push(RawLine::from(l));
            }
            continue;
        }
        if list_start {
            in_list = true;
            if is_noise(t) {
                article.noise.push(RawLine::from(l));
            } else {
                article.facts.set_aside.push(RawLine::from(l));
            }
            continue;
        }
        if pointer_label {
            article.noise.push(RawLine::from(l));
            after_pointer = true;
            continue;
        }
        if was_after_pointer && title_like(t, false) {
            // The headline a "Related" label points to.
            article.facts.set_aside.push(RawLine::from(l));
            continue;
        }
        if body_noise(t) {
            article.noise.push(RawLine::from(l));
            continue;
        }
        if let Some(kind) = furniture(t) {
            note_furniture(kind, t, found);
            article.facts.set_aside.push(RawLine::from(l));
            continue;
        }
        if time_stamp_line(t) || (date_stamp_line(t).is_some() && char_len(t) <= 60) {
            match (&article.stamp, date_stamp_line(t)) {
                (None, Some(date)) if article.body.is_empty() => {
                    article.stamp = Some((RawLine::from(l), date));
                }
                _ => article.facts.set_aside.push(RawLine::from(l)),
            }
            continue;
        }
        if article.body.is_empty() {
            if let Some(byline) = credit::byline(t) {
                found.author.get_or_insert(byline.author);
                if found.byline_agency.is_none() {
                    found.byline_agency = byline.agency;
                }
                article.facts.set_aside.push(RawLine::from(l));
                continue;
            }
        }
        // Captions wherever they sit: a line with a photo credit, or a line closed by a
        // credit-only line below it.
        let next = lines[k..to].iter().find(|n| !n.is_blank());
        // "WAM/Rasha Hamdan/Khalid Omar" closing the story is the desk's sign-off.
        let next_is_last = next.is_some_and(|n| {
            lines[k..to]
                .iter()
                .filter(|l| !l.is_blank())
                .nth(1)
                .is_none()
                && staff_sign_off(&n.text)
        });
        let closed_by_credit = !next_is_last
            && next.is_some_and(|n| photo_credit_line(&n.text).is_some())
            && char_len(t) <= 400
            && credit::dateline(t).is_none_or(|d| d.agency.is_none());
        if body_caption(t)
            || closed_by_credit
            || (!caption_lines.is_empty()
                && photo_credit_line(t).is_some()
                && caption_lines.last().is_some_and(|c| c.line + 2 >= l.number))
        {
            caption_lines.push(RawLine::from(l));
            if closed_by_credit {
                continue;
            }
            let lines_of = std::mem::take(&mut caption_lines);
            if article.caption.is_none() {
                article.caption = Some(make_caption(&lines_of));
            } else {
                article.facts.set_aside.extend(lines_of);
            }
            continue;
        }
        if let Some(c) = caption_lines.pop() {
            // Not closed after all: it was text.
            article.body.push(c);
        }
        article.body.push(RawLine::from(l));
    }
    article.body.extend(caption_lines);
    // Share widgets, sign-offs and stamps at the very end of a body.
    while let Some(last) = article.body.last() {
        if is_noise(&last.text) {
            if let Some(l) = article.body.pop() {
                article.noise.push(l);
            }
        } else if let Some(agency) = sign_off(&last.text).filter(|_| article.body.len() > 1) {
            if found.sign_off_agency.is_none() {
                found.sign_off_agency = agency;
            }
            if let Some(l) = article.body.pop() {
                article.facts.set_aside.push(l);
            }
        } else {
            break;
        }
    }
    mark_headings(&mut article.body);
}

/// The facts gathered while reading, into the article: the author, and the source by the
/// strongest evidence (the dateline's agency, the byline's, a sign-off, the copyright
/// line, a "Source:" line, an agency line in the header, the title's suffix).
fn settle_facts(article: &mut RawArticle, found: Found) {
    article.facts.author = found.author;
    let dateline_agency = article
        .body
        .iter()
        .take(2)
        .find_map(|p| credit::dateline(&p.text).and_then(|d| d.agency));
    article.facts.source = dateline_agency
        .or(found.byline_agency)
        .or(found.sign_off_agency)
        .or(found.copyright_agency)
        .or(found.source_line_agency)
        .or(found.header_agency)
        .or(found.title_agency)
        .or(found.trailer_agency)
        .map(str::to_string);
    article.facts.set_aside.sort_by_key(|l| l.line);
}

/// Split a decoded raw file into articles. Never fails: what cannot be placed in an
/// article is returned in `unplaced` with its line numbers.
pub fn split(text: &str) -> RawFile {
    let lines = text::lines(text);
    let mut file = RawFile::default();
    let mut pending_noise: Vec<RawLine> = Vec::new();
    let mut number = 0;
    let mut pos = 0;
    while pos < lines.len() {
        let line = &lines[pos];
        if line.is_blank() {
            pos += 1;
            continue;
        }
        if is_noise(&line.text) {
            pending_noise.push(RawLine::from(line));
            pos += 1;
            continue;
        }
        let repeat = title_repeat(&lines, pos);
        if repeat.is_none() && !title_like(&line.text, false) {
            let end = next_start(&lines, pos + 1);
            let stray: Vec<RawLine> = lines[pos..end]
                .iter()
                .filter(|l| !l.is_blank())
                .map(RawLine::from)
                .collect();
            file.unplaced.push(Unplaced {
                reason: UnplacedReason::NoTitle,
                number: None,
                lines: stray,
            });
            pos = end;
            continue;
        }
        number += 1;
        let mut found = Found::default();
        let (mut article, body_start) = read_header(&lines, pos, repeat, number, &mut found);
        let body_end = next_start(&lines, body_start);
        read_body(&lines, body_start, body_end, &mut article, &mut found);
        if article.body.is_empty() {
            // A one-paragraph story under a web page's buttons: its "standfirst" was the
            // story after all.
            let standfirst = article.facts.set_aside.iter().position(|l| {
                l.line > article.title.line && title_like(&l.text, true) && paragraph_like(&l.text)
            });
            if let Some(i) = standfirst {
                let l = article.facts.set_aside.remove(i);
                article.body.push(l);
            }
        }
        settle_facts(&mut article, found);
        if !pending_noise.is_empty() {
            let mut noise = std::mem::take(&mut pending_noise);
            noise.append(&mut article.noise);
            article.noise = noise;
        }
        article.noise.sort_by_key(|l| l.line);
        if article.body.is_empty() {
            let mut lines_of: Vec<RawLine> = vec![article.title.clone()];
            if let Some(c) = &article.caption {
                lines_of.push(RawLine::at(c.lines[0], c.raw.clone()));
            }
            lines_of.extend(article.stamp.iter().map(|(l, _)| l.clone()));
            lines_of.extend(article.noise.iter().cloned());
            lines_of.extend(article.duplicates.iter().cloned());
            lines_of.extend(article.facts.set_aside.iter().cloned());
            lines_of.sort_by_key(|l| l.line);
            lines_of.dedup_by_key(|l| l.line);
            file.unplaced.push(Unplaced {
                reason: UnplacedReason::NoBody,
                number: Some(number),
                lines: lines_of,
            });
        } else {
            file.articles.push(article);
        }
        pos = body_end;
    }
    if !pending_noise.is_empty() {
        // Noise after the last article's body was kept in that body; what remains here is
        // a file (or a tail) with noise and no article.
        file.unplaced.push(Unplaced {
            reason: UnplacedReason::OnlyNoise,
            number: None,
            lines: pending_noise,
        });
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::raw::{decode, DecodeError};

    const SEED: &str = include_str!("../../../raw/000_4f5add8575dba016.txt");

    #[test]
    fn decode_table() {
        assert_eq!(decode(b"Title\nBody\n"), Ok("Title\nBody\n"));
        assert_eq!(decode(b"\xEF\xBB\xBFTitle\n"), Ok("Title\n"));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\t\n"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"Title\n\xFFx"),
            Err(DecodeError::NotUtf8 {
                offset: 6,
                utf16: false
            })
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\xC3"),
            Err(DecodeError::NotUtf8 {
                offset: 5,
                utf16: false
            })
        );
        assert_eq!(
            decode(b"\xFF\xFET\x00"),
            Err(DecodeError::NotUtf8 {
                offset: 0,
                utf16: true
            })
        );
        assert_eq!(
            decode(b"PK\x03\x04"),
            Err(DecodeError::Binary { offset: 2 })
        );
        assert_eq!(
            decode(b"T\x00i\x00"),
            Err(DecodeError::Binary { offset: 1 })
        );
        assert_eq!(decode(b"Title\nBody\x1A"), Ok("Title\nBody"));
    }

    #[test]
    fn noise_table() {
        for noise in [
            "TT",
            "20",
            "1,234",
            "1.2K",
            "A A",
            "A+ A-",
            "20 shares",
            "Share",
            "Advertisement",
            "3 min read",
        ] {
            assert!(is_noise(noise), "{noise:?} is noise");
        }
        for text in [
            "Iraq",
            "The talks have since paused then.",
            "2,500 troops",
            "US",
            "AP",
            "Reuters",
        ] {
            assert!(!is_noise(text), "{text:?} is not noise");
        }
    }

    #[test]
    fn same_line_table() {
        let cases = [
            ("Iraq’s FM Says", "Iraq's FM Says", true),
            (
                "Iraq FM Says Talks Resume",
                "Iraq FM Says Talks Resume.",
                true,
            ),
            ("Iraq FM Says", "IRAQ FM SAYS", true),
            ("Iraq FM Says", "Iran FM Says", false),
            ("20", "21", false),
            ("", "", true),
            ("--", "..", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(same_line(a, b), expected, "same_line({a:?}, {b:?})");
        }
    }

    #[test]
    fn title_shapes() {
        let cases = [
            ("Iraq and US Need to Return to Dialogue Over Future of Coalition Force, Says Iraq FM", false, true),
            ("Tunisia Dismantles Makeshift Camp Housing Thousands of Sub-Saharan Migrants", false, true),
            ("العراق يطالب بالحوار مع الولايات المتحدة", false, true),
            ("Biden Says Troops Stay in the U.S.", false, true),
            ("Is This the End?", false, true),
            ("The talks have since paused then.", false, false),
            ("The talks have since paused then.", true, true),
            ("TT", true, false),
            ("1234 5678", true, false),
            ("{", false, false),
        ];
        for (text, repeated, expected) in cases {
            assert_eq!(
                title_like(text, repeated),
                expected,
                "title_like({text:?}, {repeated})"
            );
        }
    }

    #[test]
    fn seed_gives_two_articles() {
        let file = split(SEED);
        assert!(file.unplaced.is_empty(), "{:?}", file.unplaced);
        assert_eq!(file.articles.len(), 2);
        let iraq = &file.articles[0];
        assert_eq!(
            iraq.title.text,
            "Iraq and US Need to Return to Dialogue Over Future of Coalition Force, Says Iraq FM"
        );
        assert_eq!(iraq.title.line, 1);
        let caption = iraq.caption.as_ref().unwrap();
        assert!(
            caption.text.ends_with("Tuesday, Feb. 6, 2024."),
            "{}",
            caption.text
        );
        assert_eq!(caption.credit.as_ref().unwrap().display(), "AP");
        assert_eq!(caption.lines, vec![3]);
        assert_eq!(
            iraq.noise
                .iter()
                .map(|l| (l.line, l.text.as_str()))
                .collect::<Vec<_>>(),
            vec![(5, "TT"), (6, "20")]
        );
        assert_eq!(
            iraq.duplicates.iter().map(|l| l.line).collect::<Vec<_>>(),
            vec![4, 8, 10, 11]
        );
        assert!(iraq.body[0].text.starts_with("Iraqi Foreign Minister Fuad Hussein, in a phone call with US Secretary of State Antony Blinken"));
        assert!(iraq
            .body
            .last()
            .unwrap()
            .text
            .ends_with("as part of a wider crackdown on the illicit use of dollars."));
        assert_eq!(iraq.body.len(), 9);

        let tunisia = &file.articles[1];
        assert_eq!(tunisia.number, 2);
        assert_eq!(
            tunisia.title.text,
            "Tunisia Dismantles Makeshift Camp Housing Thousands of Sub-Saharan Migrants"
        );
        assert_eq!(
            tunisia
                .caption
                .as_ref()
                .unwrap()
                .credit
                .as_ref()
                .unwrap()
                .display(),
            "Fethi Beland/AFP"
        );
        assert!(tunisia.body[0]
            .text
            .starts_with("Tunisian authorities have dismantled makeshift camps"));
        assert!(tunisia
            .body
            .last()
            .unwrap()
            .text
            .ends_with("trying to reach Europe in boats."));
        assert_eq!(tunisia.body.len(), 10);
    }

    #[test]
    fn no_caption_and_no_repeat() {
        let file =
            split("Title Without Caption\n\nFirst paragraph of the body.\nSecond paragraph.\n");
        assert_eq!(file.articles.len(), 1);
        let a = &file.articles[0];
        assert!(a.caption.is_none());
        assert_eq!(a.body.len(), 2);

        let file = split("Title Here\nTT\n20\n\nTitle Here\n\nBody one.\n\nBody two.\n");
        assert_eq!(file.articles.len(), 1, "{file:?}");
        assert_eq!(file.articles[0].body.len(), 2);
        assert_eq!(file.articles[0].noise.len(), 2);
    }

    #[test]
    fn unrepeated_titles_after_a_clear_break() {
        // One paragraph per line: one blank line is a break.
        let file = split("First Title\n\nOne.\nTwo.\n\nSecond Title\n\nThree.\n");
        let titles: Vec<&str> = file
            .articles
            .iter()
            .map(|a| a.title.text.as_str())
            .collect();
        assert_eq!(titles, vec!["First Title", "Second Title"]);
        // Blank lines between paragraphs: a short line after one blank stays in the body.
        let file = split("First Title\n\nOne.\n\nTwo.\n\nA subheading\n\nThree.\n");
        assert_eq!(file.articles.len(), 1);
        assert_eq!(file.articles[0].body.len(), 4);
        // Two blank lines there are a break.
        let file = split("First Title\n\nOne.\n\nTwo.\n\n\nSecond Title\n\nThree.\n");
        assert_eq!(file.articles.len(), 2);
    }

    #[test]
    fn single_caption_before_noise() {
        let file = split("A Title\n\nA caption without a credit\nTT\n20\n\nBody one.\nBody two.\n");
        let a = &file.articles[0];
        assert_eq!(
            a.caption.as_ref().map(|c| c.raw.as_str()),
            Some("A caption without a credit")
        );
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.noise.len(), 2);
    }

    #[test]
    fn unplaced_lines_are_reported() {
        let file = split("TT\n20\n");
        assert!(file.articles.is_empty());
        assert_eq!(file.unplaced[0].reason, UnplacedReason::OnlyNoise);

        let file = split("Just a headline\n");
        assert!(file.articles.is_empty());
        assert_eq!(file.unplaced[0].reason, UnplacedReason::NoBody);

        let file = split("This is a sentence of notes, not a title.\nAnother one.\n");
        assert!(file.articles.is_empty());
        assert_eq!(file.unplaced[0].reason, UnplacedReason::NoTitle);
        assert_eq!(file.unplaced[0].lines.len(), 2);
    }

    #[test]
    fn header_date_stamp() {
        let file = split("A Title\n\nTuesday, 6 February 2024 - 11:30\n\nA Title\n\nBody line.\n");
        let a = &file.articles[0];
        assert_eq!(
            a.stamp.as_ref().map(|(l, d)| (l.line, d.to_string())),
            Some((3, "2024-02-06".to_string()))
        );
        assert_eq!(a.body.len(), 1);
    }
}

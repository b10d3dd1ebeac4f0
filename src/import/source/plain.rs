//! The plain-text reader: agency wire copy and text copied from a news web page, split
//! into `RawArticle`s. Finds where each article starts, takes the title and the photo
//! caption once, sets aside the page noise ("TT", share counts) and the repeated
//! title/caption block, and keeps every body line as a paragraph. Every non-blank raw
//! line ends up in exactly one place (title, caption, date stamp, body, noise, duplicate
//! or an unplaced block), each with its raw line number.
//!
//! The scraped-page format (see ../shared/seeds/): a title line, the caption (usually
//! twice), noise lines, a blank line, the title again, the caption again, then the body,
//! one paragraph per line. The next article starts after blank lines with a new title.

use crate::import::credit::split_credit;
use crate::import::dates::date_stamp_line;
use crate::import::raw::{Caption, RawArticle, RawFile, RawLine, Unplaced, UnplacedReason};
use crate::import::text::{self, char_len, tokens, Line};

/// How far (in lines) the repeat of a title may come after it.
const REPEAT_WINDOW: usize = 12;
/// Longest title, in characters, when the title is repeated (strong evidence) or not.
const MAX_TITLE: usize = 300;
const MAX_UNREPEATED_TITLE: usize = 200;

/// Page furniture that scrapes carry between the title and the body: the text-size
/// widget ("TT", "A A"), share and comment counts ("20", "1.2K", "20 shares"), and
/// social buttons. Only whole lines count.
pub fn is_noise(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 40 {
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
    is_body_noise(t)
        || matches!(
            lower.as_str(),
            "share"
                | "shares"
                | "tweet"
                | "print"
                | "email"
                | "e-mail"
                | "comments"
                | "comment"
                | "facebook"
                | "twitter"
                | "x"
                | "whatsapp"
                | "telegram"
                | "linkedin"
                | "copy link"
                | "link copied"
                | "listen"
                | "listen to this article"
                | "save"
                | "follow"
                | "font size"
                | "text size"
                | "share this article"
                | "share on facebook"
                | "share on twitter"
        )
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
/// not read like a sentence of body text (ending in "." or ",").
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
    repeated || (tokens(text).len() <= 30 && !ends_like_sentence(text))
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
    char_len(text) <= 1000 && split_credit(text, false).is_some()
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
            .take(3)
            .any(|l| !l.is_blank() && !is_noise(&l.text))
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

/// Is the next non-blank line after `k` page noise ("TT", a share count)?
fn followed_by_noise(lines: &[Line<'_>], k: usize) -> bool {
    lines[k + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(|l| is_noise(&l.text))
}

/// Read the header of the article whose title is at `start`: the caption, noise, date
/// stamp and repeats. Returns the article (body empty) and the index of its first body line.
fn read_header(
    lines: &[Line<'_>],
    start: usize,
    repeat: Option<usize>,
    number: usize,
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
        facts: Default::default(),
    };
    let mut seen: Vec<&str> = vec![&title.text];
    let mut caption_lines: Vec<RawLine> = Vec::new();
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
        if repeat == Some(k) || seen.iter().any(|s| same_line(s, t)) {
            article.duplicates.push(RawLine::from(line));
        } else if is_noise(t) {
            article.noise.push(RawLine::from(line));
        } else if let Some(date) = date_stamp_line(t).filter(|_| article.stamp.is_none()) {
            article.stamp = Some((RawLine::from(line), date));
            seen.push(t);
        } else if before_repeat
            || repeated_next
            || (caption_lines.is_empty() && (caption_like(t) || followed_by_noise(lines, k)))
        {
            // Before the title's repeat everything is header; after it (or with no
            // repeat) a caption must show itself by its credit, by being doubled, or by
            // the page noise that follows it.
            caption_lines.push(RawLine::from(line));
            seen.push(t);
        } else {
            break;
        }
        k += 1;
    }
    if !caption_lines.is_empty() {
        let raw = caption_lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let (text, credit) = match split_credit(&raw, true) {
            Some((text, credit)) => (text, Some(credit)),
            None => (raw.clone(), None),
        };
        article.caption = Some(Caption {
            raw,
            text,
            credit,
            lines: caption_lines.iter().map(|l| l.line).collect(),
        });
    }
    (article, k)
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
        let (mut article, body_start) = read_header(&lines, pos, repeat, number);
        let body_end = next_start(&lines, body_start);
        for l in &lines[body_start..body_end] {
            if l.is_blank() {
                continue;
            }
            if is_body_noise(&l.text) {
                article.noise.push(RawLine::from(l));
            } else {
                article.body.push(RawLine::from(l));
            }
        }
        // Share widgets at the very end of a body are noise too.
        while article.body.last().is_some_and(|l| is_noise(&l.text)) {
            if let Some(l) = article.body.pop() {
                article.noise.push(l);
            }
        }
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
            lines_of.sort_by_key(|l| l.line);
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

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

mod body;
mod boundaries;
mod caption;
mod furniture;
mod header;
mod noise;
mod title;
use body::{paragraph_like, read_body, settle_facts};
use boundaries::{followed_by_widget, header_only, next_start, next_text, title_repeat};
use caption::{body_caption, caption_like, file_photo, make_caption, photo_credit_line};
use furniture::staff_sign_off;
pub use furniture::{furniture, sign_off, Furniture};
use header::{byline_stamp, note_furniture, read_header};
pub use noise::is_noise;
use noise::{body_noise, widget};
use title::{ends_like_sentence, says_about_story, strip_title_source, title_like};
pub use title::{same_line, strip_kicker};

/// How far (in lines) the repeat of a title may come after it.
const REPEAT_WINDOW: usize = 12;
/// Longest title, in characters, when the title is repeated (strong evidence) or not.
const MAX_TITLE: usize = 300;
const MAX_UNREPEATED_TITLE: usize = 200;

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

    const SEED: &str = include_str!("../../../../raw/000_4f5add8575dba016.txt");

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

//! The raw article every source reader produces (plain text, saved HTML pages, feeds),
//! and the decoding of raw bytes into text. A `RawArticle` is what an editor would pick
//! out of the source by hand: title, photo caption and credit, body paragraphs, and the
//! facts a source states outright (author, publication, original URL, photo, published
//! time). Every raw line a reader sets aside is kept with its line number, so nothing is
//! lost without a trace.

use super::credit::Credit;
use super::text::Line;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// One raw line kept for the report: its 1-based number and normalised text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RawLine {
    /// 1-based line in the raw file; 0 where the source has no lines (an HTML element, a
    /// feed item's content).
    pub line: usize,
    pub text: String,
    /// A subheading inside the body (written as a `##` heading), not a paragraph.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub heading: bool,
}

impl RawLine {
    pub(crate) fn from(line: &Line<'_>) -> RawLine {
        RawLine::at(line.number, line.text.to_string())
    }

    /// A paragraph at a known line (0: the source has no lines).
    pub fn at(line: usize, text: impl Into<String>) -> RawLine {
        RawLine {
            line,
            text: text.into(),
            heading: false,
        }
    }

    /// A body subheading.
    pub fn heading(line: usize, text: impl Into<String>) -> RawLine {
        RawLine {
            heading: true,
            ..RawLine::at(line, text)
        }
    }
}

/// The photo caption, taken once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// The caption lines joined, as in the raw text (credit included).
    pub raw: String,
    /// The caption without its credit.
    pub text: String,
    pub credit: Option<Credit>,
    pub lines: Vec<usize>,
}

/// One article found in a raw file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    /// 1-based position in the raw file (articles without a body are counted too, so the
    /// numbers stay stable when one article of a file is broken).
    pub number: usize,
    pub title: RawLine,
    pub caption: Option<Caption>,
    /// A header line that is only a date ("Tuesday, 6 February 2024 - 11:30").
    pub stamp: Option<(RawLine, NaiveDate)>,
    /// Body paragraphs: every non-blank body line, whitespace-normalised, in order.
    pub body: Vec<RawLine>,
    /// Page furniture removed: "TT", share counts, "Advertisement".
    pub noise: Vec<RawLine>,
    /// Repeats of the title and caption, removed.
    pub duplicates: Vec<RawLine>,
    /// What the source states outright, beside the text.
    pub facts: Facts,
}

/// Facts a source states about an article (a byline, a page's metadata, a feed item's
/// fields). Each reader fills what its source has; the importer never guesses them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The byline, without "By".
    pub author: Option<String>,
    /// The agency or publication (`Reuters`, `AP`, `Al-Monitor`).
    pub source: Option<String>,
    /// The canonical or original link.
    pub source_url: Option<String>,
    /// The lead photo's URL (or path).
    pub image: Option<String>,
    /// The publication time the source gives in machine form (HTML metadata, a feed
    /// item's date), in its own offset; the importer converts it to the site's time zone.
    pub published: Option<DateTime<FixedOffset>>,
    /// The language the source declares (`<html lang>`, a feed's language), BCP 47.
    pub lang: Option<String>,
    /// Lines set aside for what they say, not as noise: correction notes `(Adds …)`,
    /// trailers `(Reporting by …)`, time stamps. Kept for the report.
    pub set_aside: Vec<RawLine>,
}

impl RawArticle {
    pub fn first_line(&self) -> usize {
        self.title.line
    }

    pub fn last_line(&self) -> usize {
        let mut last = self.title.line;
        for l in self.body.iter().chain(&self.noise).chain(&self.duplicates) {
            last = last.max(l.line);
        }
        if let Some(c) = &self.caption {
            last = last.max(c.lines.iter().copied().max().unwrap_or(0));
        }
        last
    }
}

/// Lines that could not be placed in an article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    pub reason: UnplacedReason,
    /// For a title without a body: the article number it would have had.
    pub number: Option<usize>,
    pub lines: Vec<RawLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnplacedReason {
    /// Text before (or instead of) anything that looks like a title.
    NoTitle,
    /// A title (and maybe a caption) with no body lines.
    NoBody,
    /// Only page noise in the whole file.
    OnlyNoise,
    /// A feed item without a title (its body lines are listed).
    UntitledItem,
}

impl UnplacedReason {
    pub fn describe(self) -> &'static str {
        match self {
            UnplacedReason::NoTitle => "text with no article title before it",
            UnplacedReason::NoBody => "an article title with no body",
            UnplacedReason::OnlyNoise => "only page noise (share counts, \"TT\")",
            UnplacedReason::UntitledItem => "a feed item with no title",
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RawFile {
    pub articles: Vec<RawArticle>,
    pub unplaced: Vec<Unplaced>,
}

/// Why raw bytes are not text we can import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    NotUtf8 { offset: usize, utf16: bool },
    Binary { offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::NotUtf8 {
                offset,
                utf16: true,
            } => {
                write!(
                    f,
                    "not UTF-8: UTF-16 byte order mark at byte {offset}; save the file as UTF-8"
                )
            }
            DecodeError::NotUtf8 { offset, .. } => {
                write!(
                    f,
                    "not UTF-8: invalid byte at byte offset {offset}; save the file as UTF-8"
                )
            }
            DecodeError::Binary { offset } => {
                write!(
                    f,
                    "binary data (control byte at byte offset {offset}); not a text file"
                )
            }
        }
    }
}

/// Raw bytes → text: the UTF-8 BOM is dropped, UTF-16 and invalid UTF-8 are refused with
/// the byte offset, NUL and other control bytes mean a binary file, a file of nothing
/// but whitespace is empty. A DOS end-of-file mark (Ctrl-Z) at the very end is dropped.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::NotUtf8 {
            offset: 0,
            utf16: true,
        });
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let mut body = &bytes[bom..];
    if body.last() == Some(&0x1A) {
        body = &body[..body.len() - 1];
    }
    if let Some(i) = body
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0B | 0x0C))
    {
        // A NUL within valid-looking text is the usual sign of UTF-16 without a BOM.
        return Err(DecodeError::Binary { offset: bom + i });
    }
    let text = std::str::from_utf8(body).map_err(|e| DecodeError::NotUtf8 {
        offset: bom + e.valid_up_to(),
        utf16: false,
    })?;
    if text
        .chars()
        .all(|c| c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}')
    {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

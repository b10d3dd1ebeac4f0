//! The feed reader: RSS 2.0 (and 0.9x/1.0), Atom and JSON Feed, one article per item,
//! read with feed-rs. Each item's title is plain text (entities decoded, markup
//! stripped); its date is the item's published (else updated) time; its author, link,
//! photo (`media:content`, an image enclosure, JSON Feed `image`), caption
//! (`media:description`) and credit (`media:credit`) become facts; the feed's title is
//! the publisher (`source`) unless the item names an agency; the feed's language is the
//! item's. The item's HTML content (`content:encoded`, else the description or summary,
//! else JSON Feed `content_text`) becomes body paragraphs and `##` subheadings, without
//! scripts, images, figures, share widgets, "Read more" links or "The post … appeared
//! first on …" trailers (those go to noise).
//!
//! An item without a title or without body text is unplaced, with its number; a feed
//! with no items, or a file feed-rs cannot read, is an error naming why.

use crate::import::credit::{self, split_credit};
use crate::import::dates::date_stamp_line;
use crate::import::raw::{Caption, Facts, RawArticle, RawFile, RawLine, Unplaced, UnplacedReason};
use crate::import::source::markup::{
    credit_from, html_to_blocks, language, plain_text, resolve, text_to_blocks, Converted,
};
use crate::import::source::plain;
use crate::import::text::char_len;
use chrono::{DateTime, FixedOffset, Utc};
use feed_rs::model::{Entry, FeedType, MediaObject};

/// Read a feed into one article per item. `Err` for an empty or unreadable feed.
pub fn read(text: &str) -> Result<RawFile, String> {
    let xml = !text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .starts_with('{');
    if xml {
        // feed-rs reads on past some broken markup (an item ends early, fields go
        // missing); a broken feed is refused as a whole instead.
        well_formed(text).map_err(|e| {
            format!("not a readable feed: the XML is malformed ({e}); nothing imported from it")
        })?;
    }
    let feed = feed_rs::parser::parse(text.as_bytes()).map_err(|e| unreadable(text, &e))?;
    let kind = kind_name(&feed.feed_type);
    if feed.entries.is_empty() {
        return Err(format!(
            "an empty {kind} feed: it has no items, so there is no article to import"
        ));
    }
    let extras = if feed.feed_type == FeedType::JSON {
        json_extras(text)
    } else {
        Vec::new()
    };
    let publisher = feed.title.as_ref().and_then(|t| publisher(&t.content));
    let home = feed
        .links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.trim())
        .find(|h| h.starts_with("https://") || h.starts_with("http://"));
    let feed_lang = feed.language.as_deref().and_then(language);
    let mut file = RawFile::default();
    for (i, entry) in feed.entries.iter().enumerate() {
        let extra = extras.get(i).cloned().unwrap_or_default();
        let context = ItemContext {
            number: i + 1,
            publisher: publisher.as_deref(),
            home,
            lang: extra
                .language
                .as_deref()
                .and_then(language)
                .or_else(|| entry.language.as_deref().and_then(language))
                .or_else(|| feed_lang.clone()),
            json_image: extra.image,
        };
        match item(entry, &context) {
            Ok(article) => file.articles.push(article),
            Err(unplaced) => file.unplaced.push(unplaced),
        }
    }
    Ok(file)
}

/// The feed format, in words.
fn kind_name(kind: &FeedType) -> &'static str {
    match kind {
        FeedType::Atom => "Atom",
        FeedType::JSON => "JSON Feed",
        FeedType::RSS0 => "RSS 0.9x",
        FeedType::RSS1 => "RSS 1.0",
        FeedType::RSS2 => "RSS 2.0",
    }
}

/// Check that XML is well formed as far as its structure goes: every tag closed by
/// the same name in order, one root element, comments, CDATA sections, processing
/// instructions and the doctype closed, no stray `<`. Entity references are left to
/// the parser. The error names the line.
fn well_formed(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    let line_at = |i: usize| bytes[..i].iter().filter(|&&b| b == b'\n').count() + 1;
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut roots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') else {
            if open.is_empty() && roots > 0 && !text[i..].trim().is_empty() {
                return Err(format!("line {}: text after the root element", line_at(i)));
            }
            break;
        };
        let text_run = &text[i..i + offset];
        if open.is_empty()
            && !text_run
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
                .is_empty()
        {
            return Err(format!(
                "line {}: text outside the root element",
                line_at(i)
            ));
        }
        let start = i + offset;
        let rest = &text[start..];
        let closing = |marker: &str, what: &str| {
            rest.find(marker)
                .map(|end| start + end + marker.len())
                .ok_or_else(|| format!("line {}: {what} never closed", line_at(start)))
        };
        if rest.starts_with("<!--") {
            i = closing("-->", "a comment")?;
        } else if rest.starts_with("<![CDATA[") {
            if open.is_empty() {
                return Err(format!(
                    "line {}: CDATA outside the root element",
                    line_at(start)
                ));
            }
            i = closing("]]>", "a CDATA section")?;
        } else if rest.starts_with("<?") {
            i = closing("?>", "a processing instruction")?;
        } else if rest.starts_with("<!") {
            // <!DOCTYPE …> with an optional internal subset in brackets.
            let mut depth = 0i32;
            let end = rest.char_indices().skip(2).find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    '>' if depth <= 0 => return true,
                    _ => {}
                }
                false
            });
            match end {
                Some((e, _)) => i = start + e + 1,
                None => {
                    return Err(format!(
                        "line {}: a declaration never closed",
                        line_at(start)
                    ))
                }
            }
        } else {
            let end_tag = rest.starts_with("</");
            let name_start = if end_tag { 2 } else { 1 };
            let name_len = rest[name_start..]
                .find(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | '<' | '"' | '\''))
                .unwrap_or(rest.len() - name_start);
            let name = &rest[name_start..name_start + name_len];
            if name.is_empty() {
                return Err(format!("line {}: a '<' that opens no tag", line_at(start)));
            }
            // The end of the tag: the first '>' outside quoted attribute values.
            let mut quote: Option<u8> = None;
            let mut end = None;
            for (k, &b) in bytes[start + name_start + name_len..].iter().enumerate() {
                match (quote, b) {
                    (Some(q), b) if b == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => quote = Some(b),
                    (None, b'<') => break,
                    (None, b'>') => {
                        end = Some(start + name_start + name_len + k);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                return Err(format!(
                    "line {}: the tag <{name}> never closed",
                    line_at(start)
                ));
            };
            if end_tag {
                match open.pop() {
                    Some((expected, _)) if expected == name => {}
                    Some((expected, opened)) => {
                        return Err(format!(
                        "line {}: </{name}> where </{expected}> (opened on line {}) should close",
                        line_at(start),
                        line_at(opened)
                    ))
                    }
                    None => {
                        return Err(format!("line {}: </{name}> closes nothing", line_at(start)))
                    }
                }
            } else {
                let empty = bytes[end - 1] == b'/';
                if open.is_empty() {
                    roots += 1;
                    if roots > 1 {
                        return Err(format!(
                            "line {}: a second root element <{name}>",
                            line_at(start)
                        ));
                    }
                }
                if !empty {
                    open.push((name, start));
                }
            }
            i = end + 1;
        }
    }
    match open.last() {
        Some((name, opened)) => Err(format!(
            "<{name}> opened on line {} is never closed",
            line_at(*opened)
        )),
        None if roots == 0 => Err("no root element".to_string()),
        None => Ok(()),
    }
}

/// Why feed-rs could not read the file, in words for the editor.
fn unreadable(text: &str, error: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let json = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .starts_with('{');
    match error {
        ParseFeedError::XmlReader(e) => {
            format!("not a readable feed: the XML is malformed ({e}); nothing imported from it")
        }
        ParseFeedError::JsonSerde(e) => {
            format!("not a readable JSON Feed: {e}; nothing imported from it")
        }
        ParseFeedError::JsonUnsupportedVersion(v) => {
            format!("a JSON Feed of unsupported version {v:?}; nothing imported from it")
        }
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) if !json => {
            "not a readable feed: no <rss version=\"2.0\">, <feed> or <rdf:RDF> root with a channel; nothing imported from it".to_string()
        }
        other => format!("not a readable feed ({other}); nothing imported from it"),
    }
}

/// What feed-rs does not keep of a JSON Feed item: its `image` (else `banner_image`) and
/// its `language`, by item position.
#[derive(Debug, Clone, Default)]
struct JsonExtra {
    image: Option<String>,
    language: Option<String>,
}

fn json_extras(text: &str) -> Vec<JsonExtra> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let field = |item: &serde_json::Value, key: &str| {
        item.get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    value
        .get("items")
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|item| JsonExtra {
                    image: field(item, "image").or_else(|| field(item, "banner_image")),
                    language: field(item, "language"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The publisher named by a feed's title: "Levant Ledger - Latest news" → "Levant
/// Ledger"; an agency by its usual name ("Associated Press" → "AP").
fn publisher(title: &str) -> Option<String> {
    let title = plain_text(title);
    let mut name = title.as_str();
    for separator in [" | ", " - ", " – ", " — ", ": ", " · "] {
        if let Some((head, _)) = name.split_once(separator) {
            if char_len(head.trim()) >= 2 {
                name = head.trim();
            }
        }
    }
    if name.is_empty() {
        return None;
    }
    Some(
        credit::dateline_agency(name)
            .map(str::to_string)
            .unwrap_or_else(|| name.to_string()),
    )
}

/// What an item inherits from its feed.
struct ItemContext<'a> {
    number: usize,
    publisher: Option<&'a str>,
    /// The feed's own web address, for links given relative to it.
    home: Option<&'a str>,
    lang: Option<String>,
    json_image: Option<String>,
}

/// One feed item → an article, or the reason it is not one.
fn item(entry: &Entry, context: &ItemContext<'_>) -> Result<RawArticle, Unplaced> {
    let title = entry
        .title
        .as_ref()
        .map(|t| plain_text(&t.content))
        .unwrap_or_default();
    let content = item_content(entry);
    let mut body = content.blocks;
    let mut noise = content.noise;
    let mut duplicates = Vec::new();
    let mut set_aside = Vec::new();
    let mut author = authors(entry);

    // A repeat of the title at the head of the content.
    while body
        .first()
        .is_some_and(|b| plain::same_line(&b.text, &title))
    {
        duplicates.push(body.remove(0));
    }
    // A byline or a bare date stamp before the lead.
    while let Some(first) = body.first().filter(|b| !b.heading) {
        if let Some(name) = byline(&first.text) {
            if author.is_none() {
                author = Some(name);
            }
        } else if date_stamp_line(&first.text).is_none() {
            break;
        }
        set_aside.push(body.remove(0));
    }

    // Wire notes and trailers: "(Adds …)", "(Reporting by …)", copyright lines.
    let (kept, notes): (Vec<RawLine>, Vec<RawLine>) = body
        .into_iter()
        .partition(|b| b.heading || !wire_note(&b.text));
    body = kept;
    set_aside.extend(notes);

    let caption = caption(entry, content.figcaption.as_deref());
    if let Some(c) = &caption {
        let (kept, repeats): (Vec<RawLine>, Vec<RawLine>) = body.into_iter().partition(|b| {
            !plain::same_line(&b.text, &c.text) && !plain::same_line(&b.text, &c.raw)
        });
        body = kept;
        duplicates.extend(repeats);
    }
    // Trailing headings with nothing under them ("Related", an empty section) are not body.
    while body.last().is_some_and(|b| b.heading) {
        noise.extend(body.pop());
    }

    if title.is_empty() {
        let mut lines = body;
        if lines.is_empty() {
            lines.extend(item_link(entry).map(|l| RawLine::at(0, l)));
        }
        return Err(Unplaced {
            reason: UnplacedReason::UntitledItem,
            number: Some(context.number),
            lines,
        });
    }
    if body.iter().all(|b| b.heading) {
        return Err(Unplaced {
            reason: UnplacedReason::NoBody,
            number: Some(context.number),
            lines: vec![RawLine::at(0, title)],
        });
    }

    // The agency an item names (its dateline, or an agency as the author) beats the
    // publisher of the feed.
    let author_agency = author
        .as_deref()
        .and_then(credit::dateline_agency)
        .filter(|_| author.as_deref().is_some_and(|a| char_len(a) <= 40));
    let lead_agency = body
        .iter()
        .find(|b| !b.heading)
        .and_then(|b| credit::dateline_agency(&b.text));
    let source = lead_agency
        .or(author_agency)
        .map(str::to_string)
        .or_else(|| context.publisher.map(str::to_string));
    if author_agency.is_some() {
        author = None;
    }

    let published = entry.published.or(entry.updated).map(fixed);
    let absolute = |url: String| resolve(&url, context.home);
    let image = item_image(entry)
        .or_else(|| context.json_image.clone())
        .or(content.image)
        .map(absolute);
    Ok(RawArticle {
        number: context.number,
        title: RawLine::at(0, title),
        caption,
        stamp: None,
        body,
        noise,
        duplicates,
        facts: Facts {
            author,
            source,
            source_url: item_link(entry).map(absolute),
            image,
            published,
            lang: context.lang.clone(),
            set_aside,
        },
    })
}

fn fixed(time: DateTime<Utc>) -> DateTime<FixedOffset> {
    time.fixed_offset()
}

/// The item's authors, "A", "A and B", "A, B and C"; RSS `<author>` is an e-mail
/// address with the name in parentheses ("desk@example.org (Jane Doe)").
fn authors(entry: &Entry) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for person in &entry.authors {
        let name = if person.name == "author" && person.email.is_some() {
            // feed-rs keeps an RSS <author> as a person named "author" with the text as
            // its e-mail.
            let email = person.email.as_deref().unwrap_or_default();
            match (email.find('('), email.rfind(')')) {
                (Some(open), Some(close)) if open < close => email[open + 1..close].to_string(),
                _ => continue,
            }
        } else {
            person.name.clone()
        };
        let name = plain_text(&name);
        let name = strip_by(&name).to_string();
        if !name.is_empty() && !name.contains('@') && !names.contains(&name) {
            names.push(name);
        }
    }
    match names.len() {
        0 => None,
        1 => names.pop(),
        n => {
            let last = names.pop().unwrap_or_default();
            Some(format!(
                "{}{} and {last}",
                names.join(", "),
                if n > 2 { "," } else { "" }
            ))
        }
    }
}

fn strip_by(name: &str) -> &str {
    for prefix in ["By ", "by ", "BY ", "بقلم:", "بقلم ", "كتب:", "كتبت:"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    name.trim()
}

/// A byline paragraph ("By Jane Doe", "By Jane Doe and Omar Haddad", "بقلم: …"): the
/// names.
fn byline(paragraph: &str) -> Option<String> {
    if char_len(paragraph) > 60 || paragraph.ends_with(['.', '!', '?']) {
        return None;
    }
    let names = strip_by(paragraph);
    if names.len() == paragraph.trim().len() || names.is_empty() {
        return None;
    }
    let arabic = names.chars().any(crate::import::text::is_arabic);
    let capitalised = names.split_whitespace().all(|w| {
        matches!(w, "and" | "al" | "el" | "bin" | "de" | "&")
            || w.starts_with(|c: char| c.is_uppercase())
            || w.starts_with("al-")
            || w.starts_with("el-")
    });
    (arabic || capitalised).then(|| names.trim_end_matches(',').to_string())
}

/// The item's own link: the `alternate` (or untyped) link, else a permalink guid.
fn item_link(entry: &Entry) -> Option<String> {
    let link = entry
        .links
        .iter()
        .find(|l| {
            l.rel.as_deref().is_none_or(|r| r == "alternate")
                && l.media_type
                    .as_deref()
                    .is_none_or(|t| t.starts_with("text/html") || t.is_empty())
        })
        .map(|l| l.href.trim().to_string());
    link.filter(|l| !l.is_empty()).or_else(|| {
        let id = entry.id.trim();
        (id.starts_with("https://") || id.starts_with("http://")).then(|| id.to_string())
    })
}

const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"];
const OTHER_MEDIA_EXTENSIONS: &[&str] = &[
    ".mp3", ".mp4", ".m4a", ".m4v", ".ogg", ".oga", ".webm", ".mov", ".wav", ".pdf", ".m3u8",
];

fn has_extension(url: &str, extensions: &[&str]) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    extensions.iter().any(|e| path.ends_with(e))
}

/// The item's photo: the widest image `media:content` or image enclosure (a media item
/// without a type is taken for a photo unless its URL says audio or video), else a
/// `media:thumbnail`, else an Atom enclosure link or JSON Feed attachment of an image type.
fn item_image(entry: &Entry) -> Option<String> {
    let mut best: Option<(u32, String)> = None;
    for content in entry.media.iter().flat_map(|m| &m.content) {
        let Some(url) = &content.url else { continue };
        let url = url.as_str();
        let image = match &content.content_type {
            Some(t) => {
                let t = t.to_string();
                t.starts_with("image/")
                    || (t == "application/octet-stream" && has_extension(url, IMAGE_EXTENSIONS))
            }
            None => !has_extension(url, OTHER_MEDIA_EXTENSIONS),
        };
        let width = content.width.unwrap_or(0);
        if image && best.as_ref().is_none_or(|(w, _)| width > *w) {
            best = Some((width, url.to_string()));
        }
    }
    if let Some((_, url)) = best {
        return Some(url);
    }
    let thumbnail = entry
        .media
        .iter()
        .flat_map(|m| &m.thumbnails)
        .map(|t| t.image.uri.trim())
        .find(|u| !u.is_empty());
    if let Some(t) = thumbnail {
        return Some(t.to_string());
    }
    entry
        .links
        .iter()
        .find(|l| {
            l.media_type
                .as_deref()
                .is_some_and(|t| t.starts_with("image/"))
                && l.rel.as_deref().is_none_or(|r| r == "enclosure")
        })
        .map(|l| l.href.trim().to_string())
}

/// The photo caption: `media:description` (its credit from `media:credit`, else from the
/// end of the description), else a `figcaption` in the content.
fn caption(entry: &Entry, figcaption: Option<&str>) -> Option<Caption> {
    let media: Option<&MediaObject> = entry
        .media
        .iter()
        .find(|m| m.description.is_some())
        .or_else(|| entry.media.iter().find(|m| !m.credits.is_empty()));
    let description = media
        .and_then(|m| m.description.as_ref())
        .map(|d| plain_text(&d.content))
        .filter(|d| !d.is_empty());
    let credits: Vec<String> = media
        .map(|m| {
            m.credits
                .iter()
                .map(|c| plain_text(&c.entity))
                .filter(|c| !c.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let given = (!credits.is_empty()).then(|| credit_from(&credits.join("/")));
    let text = match description {
        Some(d) => d,
        None if given.is_some() && figcaption.is_none() => {
            return Some(Caption {
                raw: credits.join("/"),
                text: String::new(),
                credit: given,
                lines: vec![],
            })
        }
        None => figcaption?.to_string(),
    };
    let (kept, found) = match split_credit(&text, false) {
        Some((kept, found)) => (kept, Some(found)),
        None => (text.clone(), None),
    };
    let raw = match &given {
        Some(_) if found.is_none() => format!("{text} ({})", credits.join("/")),
        _ => text.clone(),
    };
    Some(Caption {
        raw,
        text: kept,
        credit: given.or(found),
        lines: vec![],
    })
}

/// The item's content as blocks: `content:encoded` (or Atom/JSON content), else the
/// description or summary; HTML unless the feed says plain text and it has no markup.
fn item_content(entry: &Entry) -> Converted {
    let mut candidates: Vec<(&str, bool)> = Vec::new();
    if let Some(content) = &entry.content {
        if let Some(body) = &content.body {
            let html = content.content_type.to_string().contains("html");
            candidates.push((body, html));
        }
    }
    if let Some(summary) = &entry.summary {
        let html = summary.content_type.to_string().contains("html");
        candidates.push((&summary.content, html));
    }
    let mut result = Converted::default();
    for (text, html) in candidates {
        let converted = if html || looks_like_markup(text) {
            html_to_blocks(text)
        } else {
            text_to_blocks(text)
        };
        if converted.blocks.iter().any(|b| !b.heading) {
            return converted;
        }
        if result.blocks.is_empty() {
            result = converted;
        }
    }
    result
}

/// Plain text with tags in it (`<p>`, `<br>`, `</…>`).
fn looks_like_markup(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/')
    })
}

/// A wire service's note to editors or trailer, not article text: "(Adds comment from
/// ministry in paragraph 2)", "(Reporting by …; Editing by …)", "Copyright 2024 … All
/// rights reserved.", "Enditem".
fn wire_note(text: &str) -> bool {
    let t = text.trim();
    if char_len(t) > 300 {
        return false;
    }
    let lower = t.to_lowercase();
    if matches!(
        lower.as_str(),
        "enditem" | "ends" | "-- ends --" | "(end)" | "انتهى"
    ) {
        return true;
    }
    if lower.starts_with("copyright ") || lower.starts_with("© ") || lower.starts_with("(c) ") {
        return lower.contains("all rights reserved") || char_len(t) <= 80;
    }
    let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return false;
    };
    let inner = inner.trim_start().to_lowercase();
    [
        "adds ",
        "corrects ",
        "updates ",
        "recasts ",
        "changes ",
        "fixes ",
        "removes ",
        "refiles ",
        "rewrites ",
        "repeats ",
        "reporting by ",
        "writing by ",
        "editing by ",
        "additional reporting by ",
        "compiled by ",
        "reporting and writing by ",
    ]
    .iter()
    .any(|p| inner.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(html: &str) -> Vec<String> {
        html_to_blocks(html)
            .blocks
            .iter()
            .map(|b| {
                if b.heading {
                    format!("## {}", b.text)
                } else {
                    b.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn paragraphs_lists_quotes_and_headings() {
        let html = "<p>AMMAN (Reuters) - Jordan opened a <a href=\"/x\">new   crossing</a>.</p>\n\
            <h2>Trade</h2><p>Trucks  lined up\n at dawn.</p>\
            <ul><li>First point</li><li>Second <em>point</em></li></ul>\
            <blockquote><p>&ldquo;We waited for years,&rdquo; a driver said.</p></blockquote>\
            <h3>What&nbsp;next</h3><p>Talks resume on Sunday.</p>";
        assert_eq!(
            paragraphs(html),
            [
                "AMMAN (Reuters) - Jordan opened a new crossing.",
                "## Trade",
                "Trucks lined up at dawn.",
                "First point",
                "Second point",
                "“We waited for years,” a driver said.",
                "## What next",
                "Talks resume on Sunday.",
            ]
        );
    }

    #[test]
    fn line_breaks_and_bare_text() {
        assert_eq!(
            paragraphs("First line of text.<br>Second line.<br/><br />Third line."),
            ["First line of text.", "Second line.", "Third line."]
        );
        assert_eq!(
            paragraphs("One paragraph\nwrapped.\n\nAnother after a blank line."),
            ["One paragraph wrapped.", "Another after a blank line."]
        );
        assert_eq!(
            paragraphs("Just text &amp; an entity"),
            ["Just text & an entity"]
        );
        assert_eq!(
            paragraphs("<div>Outer text<div>inner block</div>tail text</div>"),
            ["Outer text", "inner block", "tail text"]
        );
    }

    #[test]
    fn scripts_images_figures_and_widgets_are_dropped() {
        let html = "<figure><img src=\"https://img.example.org/a.jpg\" alt=\"\">\
            <figcaption>Boats in the port of Sfax, June 3, 2024. (AFP)</figcaption></figure>\
            <p>Body one.<script>var x = '<p>not text</p>';</script></p>\
            <style>p { color: red }</style>\
            <p><img src=\"https://stats.example.org/pixel.gif\" width=\"1\" height=\"1\"></p>\
            <div class=\"sharedaddy\"><h3>Share this:</h3><a href=\"#\">Facebook</a></div>\
            <iframe src=\"https://video.example.org/embed\">Fallback</iframe>\
            <p>Body two.</p>";
        let out = html_to_blocks(html);
        assert_eq!(
            out.blocks,
            [RawLine::at(0, "Body one."), RawLine::at(0, "Body two.")]
        );
        assert_eq!(
            out.figcaption.as_deref(),
            Some("Boats in the port of Sfax, June 3, 2024. (AFP)")
        );
        assert_eq!(out.image.as_deref(), Some("https://img.example.org/a.jpg"));
        assert!(out.noise.is_empty(), "{:?}", out.noise);
    }

    #[test]
    fn read_more_and_trailers_are_noise() {
        let html = "<p>The council met on Monday.</p>\
            <p>It approved the plan. <a href=\"https://example.org/x\">Continue reading &rarr;</a></p>\
            <p><a href=\"https://example.org/x\">Read more</a></p>\
            <p>Read more: Earlier talks collapse in Tripoli</p>\
            <p>The post <a href=\"#\">Council approves plan</a> appeared first on <a href=\"#\">Levant Ledger</a>.</p>\
            <p>اقرأ أيضاً: الحكومة تعلن خطة جديدة</p>";
        let out = html_to_blocks(html);
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["The council met on Monday.", "It approved the plan."]
        );
        let noise: Vec<&str> = out.noise.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            noise,
            [
                "Continue reading →",
                "Read more",
                "Read more: Earlier talks collapse in Tripoli",
                "The post Council approves plan appeared first on Levant Ledger.",
                "اقرأ أيضاً: الحكومة تعلن خطة جديدة",
            ]
        );
    }

    #[test]
    fn bold_paragraphs_are_subheadings_and_excerpts_end_cleanly() {
        assert_eq!(
            paragraphs(
                "<p><strong>Water at the border</strong></p><p><strong>BEIRUT</strong> - Text.</p>\
                 <p>The minister said the plan would take years [&hellip;]</p>"
            ),
            [
                "## Water at the border",
                "BEIRUT - Text.",
                "The minister said the plan would take years…"
            ]
        );
    }

    #[test]
    fn tables_rows_are_paragraphs() {
        assert_eq!(
            paragraphs("<table><tr><td>Oman</td><td>3.1%</td></tr><tr><th>Qatar</th><td>2.4%</td></tr></table>"),
            ["Oman 3.1%", "Qatar 2.4%"]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}deep text{}",
            "<div><span>".repeat(20_000),
            "</span></div>".repeat(20_000)
        );
        assert_eq!(paragraphs(&html), ["deep text"]);
    }

    #[test]
    fn plain_text_titles_and_names() {
        assert_eq!(
            plain_text("Oil &amp; gas <b>talks</b>&nbsp;resume"),
            "Oil & gas talks resume"
        );
        assert_eq!(plain_text("  Plain   title "), "Plain title");
        assert_eq!(
            publisher("Levant Ledger - Latest news").as_deref(),
            Some("Levant Ledger")
        );
        assert_eq!(publisher("Associated Press").as_deref(), Some("AP"));
        assert_eq!(language("en-US").as_deref(), Some("en"));
        assert_eq!(language("ar_SA").as_deref(), Some("ar"));
        assert_eq!(language("english"), None);
        assert_eq!(
            byline("By Jane Doe and Omar Haddad").as_deref(),
            Some("Jane Doe and Omar Haddad")
        );
        assert_eq!(byline("By the end of the day, talks had failed."), None);
    }

    #[test]
    fn xml_structure_check() {
        let good = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x \"y\">]>\n<!-- c < -->\n\
            <rss version=\"2.0\"><channel><title a=\"1 > 0\">T</title>\
            <description><![CDATA[<p>x</b>]]></description><link/></channel></rss>\n";
        assert_eq!(well_formed(good), Ok(()));
        let cases = [
            (
                "<rss><channel>\n<title>T</titel></channel></rss>",
                "line 2: </titel> where </title> (opened on line 2) should close",
            ),
            (
                "<rss><channel><title>T</title>",
                "<channel> opened on line 1 is never closed",
            ),
            (
                "<rss></rss><rss></rss>",
                "line 1: a second root element <rss>",
            ),
            (
                "<rss><title>T</title",
                "line 1: the tag <title> never closed",
            ),
            ("<rss>a < b</rss>", "line 1: a '<' that opens no tag"),
            ("<rss><!-- open</rss>", "line 1: a comment never closed"),
            ("", "no root element"),
        ];
        for (xml, want) in cases {
            assert_eq!(well_formed(xml), Err(want.to_string()), "{xml}");
        }
    }

    #[test]
    fn other_dialects_read_too() {
        // HTML entities in XML text, a relative link, an e-mail-only <author>.
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>P</title>\
            <link>https://p.example.org/</link><item><title>Talks&nbsp;resume in Doha</title>\
            <link>/a/b</link><author>desk@p.example.org</author>\
            <description>Body &amp; more&hellip; text.</description></item></channel></rss>";
        let file = read(rss).unwrap();
        let a = &file.articles[0];
        assert_eq!(a.title.text, "Talks resume in Doha");
        assert_eq!(a.body, [RawLine::at(0, "Body & more… text.")]);
        assert_eq!(
            a.facts.source_url.as_deref(),
            Some("https://p.example.org/a/b")
        );
        assert_eq!(a.facts.author, None);
        // Atom XHTML content.
        let atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>\
            <entry><title>X</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">\
            <p>One <b>bold</b>.</p><p>Two.</p></div></content></entry></feed>";
        let file = read(atom).unwrap();
        assert_eq!(
            file.articles[0].body,
            [RawLine::at(0, "One bold."), RawLine::at(0, "Two.")]
        );
        // RSS 1.0 with dc:date.
        let rdf = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
            xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
            <channel rdf:about=\"x\"><title>R1</title></channel><item rdf:about=\"u\"><title>T1</title>\
            <link>https://e.org/1</link><description>D1 text.</description>\
            <dc:date>2024-06-04T23:30:00-02:00</dc:date></item></rdf:RDF>";
        let file = read(rdf).unwrap();
        let a = &file.articles[0];
        assert_eq!(a.facts.source.as_deref(), Some("R1"));
        assert_eq!(
            a.facts.published.map(|p| p.to_rfc3339()).as_deref(),
            Some("2024-06-05T01:30:00+00:00")
        );
    }

    #[test]
    fn relative_links_against_the_home_page() {
        let home = Some("https://news.example.org/mena/index.html");
        let cases = [
            ("/a/b.jpg", "https://news.example.org/a/b.jpg"),
            ("b.jpg", "https://news.example.org/mena/b.jpg"),
            ("//cdn.example.org/c.jpg", "https://cdn.example.org/c.jpg"),
            ("https://x.example.org/d", "https://x.example.org/d"),
        ];
        for (url, want) in cases {
            assert_eq!(resolve(url, home), want, "{url}");
        }
        assert_eq!(
            resolve("b.jpg", Some("https://news.example.org")),
            "https://news.example.org/b.jpg"
        );
        assert_eq!(resolve("/a", None), "/a");
    }

    #[test]
    fn empty_and_malformed_feeds_are_errors() {
        let empty =
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>";
        let err = read(empty).unwrap_err();
        assert!(err.contains("empty RSS 2.0 feed"), "{err}");
        let broken = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>T</titel></item></channel></rss>";
        let err = read(broken).unwrap_err();
        assert!(err.contains("malformed"), "{err}");
    }
}

//! One feed item read into an article: title, date, authors and byline, link, body
//! content, and the wire notes set aside.

use super::*;

/// What an item inherits from its feed.
pub(super) struct ItemContext<'a> {
    pub(super) number: usize,
    pub(super) publisher: Option<&'a str>,
    /// The feed's own web address, for links given relative to it.
    pub(super) home: Option<&'a str>,
    pub(super) lang: Option<String>,
    pub(super) json_image: Option<String>,
}

/// One feed item → an article, or the reason it is not one.
pub(super) fn item(entry: &Entry, context: &ItemContext<'_>) -> Result<RawArticle, Unplaced> {
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
    body = crate::import::source::drop_caption_repeats(body, caption.as_ref(), &mut duplicates);
    crate::import::source::drop_trailing_headings(&mut body, &mut noise);

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
        .map(absolute)
        .filter(|u| crate::import::source::usable_image_address(u));
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

pub(super) fn fixed(time: DateTime<Utc>) -> DateTime<FixedOffset> {
    time.fixed_offset()
}

/// The item's authors, "A", "A and B", "A, B and C"; RSS `<author>` is an e-mail
/// address with the name in parentheses ("desk@example.org (Jane Doe)").
pub(super) fn authors(entry: &Entry) -> Option<String> {
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

pub(super) fn strip_by(name: &str) -> &str {
    for prefix in ["By ", "by ", "BY ", "بقلم:", "بقلم ", "كتب:", "كتبت:"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    name.trim()
}

/// A byline paragraph ("By Jane Doe", "By Jane Doe and Omar Haddad", "بقلم: …"): the
/// names.
pub(super) fn byline(paragraph: &str) -> Option<String> {
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
pub(super) fn item_link(entry: &Entry) -> Option<String> {
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

/// The item's content as blocks: `content:encoded` (or Atom/JSON content), else the
/// description or summary; HTML unless the feed says plain text and it has no markup.
pub(super) fn item_content(entry: &Entry) -> Converted {
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
pub(super) fn looks_like_markup(text: &str) -> bool {
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
pub(super) fn wire_note(text: &str) -> bool {
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

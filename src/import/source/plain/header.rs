//! An article's header: title, caption, byline, stamps, notes and noise up to the first
//! body line.

use super::*;

/// Anadolu's "Burak Yilmaz |04.06.2024 - Update : 04.06.2024": an author and a stamp.
pub(super) fn byline_stamp(t: &str) -> Option<(String, chrono::NaiveDate)> {
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

/// Read the header of the article whose title is at `start`: the caption, noise, date
/// stamp, bylines, notes and repeats. Returns the article (body empty) and the index of
/// its first body line.
pub(super) fn read_header(
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
pub(super) fn note_furniture(kind: Furniture, t: &str, found: &mut Found) {
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

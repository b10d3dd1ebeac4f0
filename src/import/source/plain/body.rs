//! An article's body: paragraphs and subheadings, and the lines set aside from it, then
//! the facts settled from what the header and body found.

use super::*;

/// Could this body line be a subheading: short, no final full stop, not a list item,
/// link, dateline, stamp or credit. In wire copy (`wire`) only all-capital lines are.
pub(super) fn heading_candidate(t: &str, wire: bool) -> bool {
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
pub(super) fn paragraph_like(t: &str) -> bool {
    char_len(t) > 80 || ends_like_sentence(t) || t.ends_with(['"', '”', '»', '?', '!'])
}

/// Mark the subheadings of a body: candidates between two paragraphs.
pub(super) fn mark_headings(body: &mut [RawLine]) {
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
pub(super) fn read_body(
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
pub(super) fn settle_facts(article: &mut RawArticle, found: Found) {
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

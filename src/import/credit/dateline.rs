//! Datelines: the place, date and agency opening a wire paragraph ("BAGHDAD (Reuters) -").

use super::*;

/// The agency named in a dateline at the start of a lead paragraph:
/// "BAGHDAD (Reuters) - …", "Baghdad- Asharq Al-Awsat", "Cairo: AFP". The dateline is the
/// text before the first dash or colon, within the first 80 characters.
pub fn dateline_agency(paragraph: &str) -> Option<&'static str> {
    if let Some(agency) = dateline(paragraph).and_then(|d| d.agency) {
        return Some(agency);
    }
    simple_dateline_agency(paragraph)
}

pub(super) fn simple_dateline_agency(paragraph: &str) -> Option<&'static str> {
    // A paragraph that is only an agency's name ("Asharq Al-Awsat", "(Reuters)").
    if paragraph.len() <= 40 {
        let words = tokens(paragraph);
        if let Some((name, n)) = agency_at(&words, 0) {
            if n == words.len() {
                return Some(name);
            }
        }
    }
    let head: String = paragraph.chars().take(100).collect();
    let cut = head.find([':', '-', '–', '—']).filter(|&i| i <= 80)?;
    let dateline = &head[..cut];
    if let (Some(open), Some(close)) = (dateline.rfind('('), dateline.rfind(')')) {
        if open < close {
            let words = tokens(&dateline[open + 1..close]);
            if let Some((name, n)) = agency_at(&words, 0) {
                if n == words.len() {
                    return Some(name);
                }
            }
        }
    }
    // "Baghdad- Asharq Al-Awsat" and nothing else: the whole paragraph is the dateline.
    let after = head[cut..].trim_start_matches([':', '-', '–', '—', ' ']);
    if paragraph.chars().count() <= 80 {
        let words = tokens(after);
        if let Some((name, n)) = agency_at(&words, 0) {
            if n == words.len() {
                return Some(name);
            }
        }
    }
    None
}

/// A short line that is only a dateline with an agency ("Baghdad- Asharq Al-Awsat"): a
/// poor summary, so the summary skips it.
pub fn is_dateline_only(paragraph: &str) -> bool {
    if paragraph.chars().count() > 80 {
        return false;
    }
    if dateline(paragraph).is_some_and(|d| d.whole && (d.agency.is_some() || d.date.is_some())) {
        return true;
    }
    dateline_agency(paragraph).is_some() && {
        let words = tokens(paragraph).len();
        words <= 8
    }
}

/// A dateline at the head of a paragraph, as agencies send it: "BEIRUT, June 4
/// (Reuters) -", "AMMAN, Jordan (AP) —", "Algiers (AFP) -", "ISTANBUL, TÜRKİYE - JUNE 4:",
/// "ABU DHABI, 4th June, 2024 (WAM) --", "Riyadh, June 04, SPA --", "Baghdad- Asharq
/// Al-Awsat", "الرباط - 9 يونيو 2024 -", "بيروت (رويترز) -", "الرياض … 2024 م واس".
/// Only read: the paragraph keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// The dateline as written, separator included.
    pub text: &'a str,
    /// The place ("BEIRUT", "AMMAN, Jordan", "الرباط").
    pub place: Option<&'a str>,
    pub agency: Option<&'static str>,
    /// Its date, often without a year ("June 4").
    pub date: Option<dates::MonthDay>,
    /// The paragraph is nothing but the dateline ("Baghdad- Asharq Al-Awsat").
    pub whole: bool,
}

/// Where a dateline separator starts and ends at byte `i`: a run of dashes (`-`, `--`,
/// `–`, `—`, Arabic `ـ`) not inside a word, or a colon followed by a space or the end.
pub(super) fn separator_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let c = rest.chars().next()?;
    if c == ':' {
        // "JUNE 4: Türkiye…" separates; "09:40" does not.
        let after = &rest[1..];
        return (after.is_empty() || after.starts_with(' ')).then_some(i + 1);
    }
    if !matches!(c, '-' | '–' | '—' | 'ـ') {
        return None;
    }
    let end = i + rest
        .find(|c: char| !matches!(c, '-' | '–' | '—' | 'ـ'))
        .unwrap_or(rest.len());
    let spaced_before = i == 0 || text[..i].ends_with(' ');
    let spaced_after = end == text.len() || text[end..].starts_with(' ');
    // "Baghdad- Asharq" and "BEIRUT -Lebanon" are separators; "Al-Awsat" is a word.
    let run = end - i > c.len_utf8();
    (spaced_before || spaced_after || run).then_some(end)
}

/// The separators in the first `limit` bytes of `text`: (start, end).
pub(super) fn separators(text: &str, limit: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() && i <= limit {
        if let Some(end) = separator_at(text, i) {
            out.push((i, end));
            i = end;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Could `prefix` be (part of) a dateline: places, dates and agencies only, no lowercase
/// words of running text?
pub(super) fn dateline_words(prefix: &str, max_words: usize) -> bool {
    let prefix = prefix.trim();
    if prefix.is_empty() || prefix.chars().count() > 90 {
        return false;
    }
    let words = tokens(prefix);
    if words.is_empty() || words.len() > max_words {
        return false;
    }
    let mut i = 0;
    let mut arabic_words = 0;
    while i < words.len() {
        if let Some((_, n)) = agency_at(&words, i) {
            i += n;
            continue;
        }
        let w = words[i].text;
        let first = w.chars().next().unwrap_or(' ');
        let ok = first.is_uppercase()
            || first.is_numeric()
            || name_particle(w)
            || matches!(w, "of" | "st" | "nd" | "rd" | "th")
            || (crate::import::text::is_arabic(first) && {
                arabic_words += 1;
                true
            });
        if !ok {
            return false;
        }
        i += 1;
    }
    // Arabic has no capitals: a bare place is one to three words.
    let has_more = dates::first_month_day(prefix, dates::NumericOrder::DayFirst).is_some()
        || agency_in(prefix).is_some();
    arabic_words <= 3 || has_more
}

/// Read the dateline at the head of `paragraph`, if it has one.
pub fn dateline(paragraph: &str) -> Option<Dateline<'_>> {
    let seps = separators(paragraph, 110);
    let (text_end, whole) = match seps.first() {
        Some(&(start, end)) if start > 0 && dateline_words(&paragraph[..start], 12) => {
            // What follows the first separator may still be the dateline's: a date, an
            // agency, or both ("ISTANBUL, TÜRKİYE - JUNE 4:", "الرباط - 9 يونيو 2024 -",
            // "Baghdad- Asharq Al-Awsat").
            let next_end = seps.get(1).map_or(paragraph.len(), |&(s, _)| s);
            let piece = &paragraph[end..next_end];
            let piece_is_dateline = {
                let p = piece.trim();
                !p.is_empty()
                    && dateline_words(p, 8)
                    && (agency_only(p.trim_matches(['(', ')', ' '])).is_some()
                        || dates::first_month_day(p, dates::NumericOrder::DayFirst).is_some_and(
                            |d| {
                                // Nothing but the date (and an agency) in the piece.
                                let outside = format!("{} {}", &p[..d.start], &p[d.end..]);
                                tokens(&outside).iter().all(|t| {
                                    agency_in(t.text).is_some()
                                        || dates::weekday(t.text).is_some()
                                        || t.text == "م"
                                })
                            },
                        ))
            };
            if piece_is_dateline {
                match seps.get(1) {
                    Some(&(_, e2)) => (e2, e2 >= paragraph.trim_end().len()),
                    None => (paragraph.len(), true),
                }
            } else {
                (end, end >= paragraph.trim_end().len())
            }
        }
        _ => {
            // No separator: the Arabic agencies' "الرياض 27 ذو القعدة 1445 هـ الموافق 04
            // يونيو 2024 م واس" runs straight into the text. An agency within the first
            // words, after a full date.
            let words = tokens(paragraph);
            let found =
                (0..words.len().min(18)).find_map(|i| agency_at(&words, i).map(|(_, n)| (i, n)))?;
            let (i, n) = found;
            let before = &paragraph[..words[i].start];
            // Only the Arabic agencies write it so, and only places and dates come first.
            if !crate::import::text::has_arabic(before)
                || !dateline_words(before.trim_end_matches(['(', ' ']), 16)
            {
                return None;
            }
            dates::first_date(before)?;
            let mut end = words[i + n - 1].end;
            if paragraph[end..].starts_with(')') {
                end += 1;
            }
            // A separator right after the agency belongs to the dateline.
            let after = paragraph[end..].trim_start();
            let skipped = paragraph.len() - after.len();
            if let Some(sep_end) = separator_at(paragraph, skipped) {
                end = sep_end;
            }
            (end, end >= paragraph.trim_end().len())
        }
    };
    let text = &paragraph[..text_end];
    let agency = agency_in(text);
    let order = if agency.is_some_and(month_first_agency) {
        dates::NumericOrder::MonthFirst
    } else {
        dates::NumericOrder::DayFirst
    };
    let date = dates::first_month_day(text, order);
    let place_end = text
        .find(|c: char| matches!(c, '(' | '-' | '–' | '—' | 'ـ' | ':' | '«') || c.is_numeric())
        .unwrap_or(text.len())
        .min(date.map_or(text.len(), |d| d.start));
    let place = text[..place_end]
        .trim()
        .trim_end_matches([',', '،', ' '])
        .trim();
    let place = Some(place).filter(|p| !p.is_empty() && agency_only(p).is_none());
    Some(Dateline {
        text,
        place,
        agency,
        date,
        whole,
    })
}

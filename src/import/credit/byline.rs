//! Bylines: "By Jane Doe", "بقلم: …", with the author's name in title case.

use super::*;

/// A byline: who wrote the story, and the agency it names, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub author: String,
    pub agency: Option<&'static str>,
}

/// Read a byline line: "By Jane Doe", "BY JANE DOE", "By Jane Doe and John Roe", "By Jane
/// Doe, Associated Press", "By JANE DOE Associated Press", "By Jane Doe | Reuters", "By
/// Jane Doe in Beirut", "كتب: يوسف الإدريسي", "بقلم: …". All-caps names are written in
/// title case. `None` for a sentence that starts with "By" ("By Tuesday, the talks…").
pub fn byline(line: &str) -> Option<Byline> {
    let t = line.trim();
    if char_len(t) > 120 {
        return None;
    }
    if let Some(rest) = arabic_byline_rest(t) {
        let name = rest
            .split([' ', '-', 'ـ', '|', '،', ','])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>();
        // The name ends at a dash or pipe ("كتب: محمد العلوي - الرباط").
        let name_part = rest
            .split(['-', 'ـ', '|', '–', '—'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches(['،', ','])
            .trim();
        let words = tokens(name_part);
        if name.is_empty()
            || words.is_empty()
            || words.len() > 6
            || name_part.chars().any(|c| c.is_numeric())
        {
            return None;
        }
        return Some(Byline {
            author: name_part.to_string(),
            agency: agency_in(rest),
        });
    }
    let rest = [
        "By ",
        "BY ",
        "by ",
        "Written by ",
        "WRITTEN BY ",
        "Story by ",
        "Words by ",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))?
    .trim();
    let words = tokens(rest);
    if words.is_empty() {
        return None;
    }
    let mut agency = None;
    let mut name_end: Option<usize> = None; // byte end of the last name word
    let mut name_words = 0;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].text;
        // Only spaces, commas, hyphens, apostrophes and dots between name words; a pipe
        // or dash before an agency.
        let gap = if i == 0 {
            ""
        } else {
            &rest[words[i - 1].end..words[i].start]
        };
        if let Some((name, n)) = agency_at(&words, i) {
            agency = Some(name);
            // What follows an agency: a title ("Staff Writer") or nothing.
            let _ = n;
            break;
        }
        if !gap
            .chars()
            .all(|c| matches!(c, ' ' | ',' | '-' | '\'' | '’' | '.'))
        {
            if gap.contains('|') || gap.contains(" - ") || gap.contains('—') {
                agency = agency_in(&rest[words[i].start..]);
                break;
            }
            return None;
        }
        if w == "in" || w == "IN" {
            break; // "By Jane Doe in Beirut"
        }
        if w == "and" || w == "AND" {
            i += 1;
            continue;
        }
        let first = w.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || name_particle(w)) || first.is_numeric() {
            return None;
        }
        if crate::import::dates::weekday(w).is_some() || month_word(w) {
            return None; // "By Tuesday, …", "By June …"
        }
        name_words += 1;
        name_end = Some(words[i].end);
        i += 1;
    }
    let end = name_end?;
    if name_words == 0 || name_words > 10 {
        return None;
    }
    let name = rest[..end].trim().trim_end_matches([',', ' ']);
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.iter().all(|c| c.is_uppercase()) && letters.len() > 3;
    let author = if all_caps {
        title_case(name)
    } else {
        name.to_string()
    };
    Some(Byline { author, agency })
}

/// After "كتب:", "كتبت -", "بقلم:", "إعداد:": the rest of an Arabic byline.
pub(super) fn arabic_byline_rest(t: &str) -> Option<&str> {
    for label in ["كتبت", "كتب", "بقلم", "إعداد", "اعداد", "تقرير"] {
        if let Some(rest) = t.strip_prefix(label) {
            let trimmed = rest.trim_start();
            let after = trimmed
                .strip_prefix([':', '-', 'ـ', '–', '—'])
                .map(str::trim_start);
            return match after {
                Some(r) if !r.is_empty() => Some(r),
                // "بقلم محمد" without a colon.
                None if label == "بقلم" && rest.starts_with(' ') => Some(trimmed),
                _ => None,
            };
        }
    }
    None
}

pub(super) fn month_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// "LAYLA MANSOUR AND OMAR AL-HADDAD" → "Layla Mansour and Omar Al-Haddad".
pub(super) fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, word) in name.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word == "AND" {
            out.push_str("and");
            continue;
        }
        let mut start = true;
        for c in word.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = matches!(c, '-' | '\'' | '’' | '.');
        }
    }
    out
}

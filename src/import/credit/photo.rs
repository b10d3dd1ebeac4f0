//! Photo credits: the credit split from the end of a caption ("(AP)", "AP Photo/Name",
//! "Fethi Beland, AFP") and a line that is only a credit.

use super::*;

/// A credit understood: who took the photo (if named) and the agencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    pub photographer: Option<String>,
    pub agencies: Vec<String>,
}

impl Credit {
    /// "Fethi Beland/AFP", "AP", "Hadi Mizban/AP", "AFP/Getty Images", "John Smith".
    pub fn display(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if let Some(p) = &self.photographer {
            parts.push(p);
        }
        parts.extend(self.agencies.iter().map(String::as_str));
        parts.join("/")
    }
}

/// Read `tail` as a credit: only agencies, credit keywords and capitalised name words,
/// at most eight words, no digits, and at least one agency or photo keyword.
pub(super) fn parse_credit(tail: &str) -> Option<Credit> {
    let words = tokens(tail);
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let mut agencies: Vec<String> = Vec::new();
    let mut names: Vec<usize> = Vec::new(); // indices into `words`
    let mut keyword = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].text;
        if let Some((name, n)) = agency_at(&words, i) {
            if !agencies.iter().any(|a| a == name) {
                agencies.push(name.to_string());
            }
            i += n;
            continue;
        }
        if credit_keyword(w) {
            keyword = true;
        } else if w.chars().any(|c| c.is_numeric()) {
            return None;
        } else if w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || crate::import::text::is_arabic(c))
            || name_particle(w)
        {
            names.push(i);
        } else {
            return None;
        }
        i += 1;
    }
    if agencies.is_empty() && !keyword {
        return None;
    }
    // Arabic has no capitals to tell a name from a sentence: a name is a few words, and
    // "وزير البيئة … خلال افتتاح المؤتمر. (واس)" is a caption with its credit.
    let arabic_words = names
        .iter()
        .filter(|&&i| {
            words[i]
                .text
                .chars()
                .next()
                .is_some_and(crate::import::text::is_arabic)
        })
        .count();
    if arabic_words > 4 {
        return None;
    }
    let contiguous = names.windows(2).all(|w| w[1] == w[0] + 1);
    let photographer = match (names.first(), names.last()) {
        // The name as written ("Ahmad al-Rubaye"), when nothing else sits inside it.
        (Some(&first), Some(&last)) if contiguous => {
            Some(tail[words[first].start..words[last].end].to_string())
        }
        (Some(_), Some(_)) => Some(
            names
                .iter()
                .map(|&i| words[i].text)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    };
    if photographer.is_none() && agencies.is_empty() {
        return None;
    }
    Some(Credit {
        photographer,
        agencies,
    })
}

/// Split a caption into its text and its credit, if it ends with one:
/// "… Feb. 6, 2024. (AP)" → ("… Feb. 6, 2024.", AP);
/// "… February 2, 2025. Fethi Beland, AFP" → ("… February 2, 2025.", Fethi Beland/AFP).
/// `lenient` also accepts a bare agency name glued to the end ("… in Tunis AFP"), which is
/// only safe once the line is known to be a caption.
pub fn split_credit(caption: &str, lenient: bool) -> Option<(String, Credit)> {
    split_credit_raw(caption, lenient).map(|(text, credit)| (trim_label(&text).to_string(), credit))
}

/// Caption text without a credit label left at its end ("… in Beirut. Photo:" → "… in
/// Beirut.").
pub(super) fn trim_label(text: &str) -> &str {
    let t = text.trim_end();
    let stripped = t.trim_end_matches([':', ' ']);
    for label in [
        "Photo",
        "PHOTO",
        "Photos",
        "Photograph",
        "Picture",
        "Image",
        "Credit",
        "Photo credit",
        "صورة",
        "الصورة",
        "تصوير",
    ] {
        if let Some(before) = stripped.strip_suffix(label) {
            if before.is_empty() || before.ends_with([' ', '.', '|', '-', '—', '–']) {
                return before
                    .trim_end_matches([' ', '|', '-', '—', '–'])
                    .trim_end();
            }
        }
    }
    t
}

pub(super) fn split_credit_raw(caption: &str, lenient: bool) -> Option<(String, Credit)> {
    let text = caption.trim();
    // "(AP)", "(AP Photo/Hadi Mizban)", "(أ ف ب)", and any agency acronym: "(ONA)";
    // web pages put it in brackets: "[File: Hamid Osman/AFP]".
    for (close, open_char) in [(')', '('), (']', '[')] {
        let Some(inner_end) = text.strip_suffix(close) else {
            continue;
        };
        if let Some(open) = inner_end.rfind(open_char) {
            let inner = &inner_end[open + 1..];
            let acronym =
                (2..=6).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_uppercase());
            let credit = parse_credit(inner).or_else(|| {
                acronym.then(|| Credit {
                    photographer: None,
                    agencies: vec![inner.to_string()],
                })
            });
            if let Some(credit) = credit.filter(|_| open > 0) {
                return Some((text[..open].trim_end().to_string(), credit));
            }
        }
    }
    // "… 2025. Fethi Beland, AFP", "… 2024 - Reuters", "… | AFP"
    // Try the breaks from the end, so "Photo: John Smith" is read whole after ". ".
    let breaks = [". ", " - ", " – ", " — ", " | ", "; ", ": "];
    let mut cuts: Vec<(usize, usize)> = breaks
        .iter()
        .flat_map(|b| text.match_indices(b).map(|(i, m)| (i, m.len())))
        .filter(|&(i, len)| text.len() - (i + len) <= 80)
        .collect();
    cuts.sort_unstable_by_key(|&(i, _)| std::cmp::Reverse(i));
    // The nearest credit, unless a longer tail names the photographer too ("… 2024. Emre
    // Aslan - Anadolu Agency": the photographer and the agency, not only the agency).
    let mut found: Option<(usize, Credit)> = None;
    for (i, len) in cuts {
        let Some(credit) = parse_credit(&text[i + len..]) else {
            continue;
        };
        match &found {
            None => found = Some((i, credit)),
            Some((_, nearest))
                if nearest.photographer.is_none() && credit.photographer.is_some() =>
            {
                found = Some((i, credit));
                break;
            }
            Some(_) => {}
        }
    }
    if let Some((i, credit)) = found {
        let keep = if text[i..].starts_with('.') { i + 1 } else { i };
        return Some((text[..keep].trim_end().to_string(), credit));
    }
    // "…, AFP", "…, Fethi Beland/AFP": after a comma an agency is required.
    if let Some(i) = text.rfind(", ") {
        if let Some(credit) = parse_credit(&text[i + 2..]).filter(|c| !c.agencies.is_empty()) {
            return Some((text[..i].trim_end().to_string(), credit));
        }
    }
    if lenient {
        let words = tokens(text);
        for back in 1..=3.min(words.len()) {
            let i = words.len() - back;
            if let Some((name, n)) = agency_at(&words, i) {
                if i + n == words.len() && i > 0 {
                    let credit = Credit {
                        photographer: None,
                        agencies: vec![name.to_string()],
                    };
                    return Some((
                        text[..words[i].start]
                            .trim_end()
                            .trim_end_matches([',', '/', '-'])
                            .trim_end()
                            .to_string(),
                        credit,
                    ));
                }
            }
        }
    }
    None
}

/// A line that is only a photo credit: "Emre Demir - Anadolu Agency", "Hamid Osman /
/// AFP", "REUTERS/Mohamed Azakir", "(AP Photo/Omar Haddad)", "Photo: Youssef Amrani /
/// AFP", "Image source, Getty Images", "AFP".
pub fn credit_line(line: &str) -> Option<Credit> {
    let mut t = line.trim();
    if char_len(t) > 90 {
        return None;
    }
    if let Some(inner) = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
    {
        t = inner.trim();
    }
    for label in [
        "Image source, ",
        "Image source: ",
        "Photo credit: ",
        "Credit: ",
        "Photo: ",
        "PHOTO: ",
        "Photo by ",
        "Photograph: ",
        "Picture: ",
        "صورة: ",
        "تصوير: ",
    ] {
        if let Some(rest) = t.strip_prefix(label) {
            t = rest.trim();
            break;
        }
    }
    parse_credit(t)
}

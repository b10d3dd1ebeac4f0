//! Photo credits and news agencies: recognising the credit at the end of a caption
//! ("(AP)", "Fethi Beland, AFP", "AP Photo/Hadi Mizban", "(أ ف ب)"), normalising agency
//! names (AP, AFP, Reuters…) and spotting the agency in a dateline ("BAGHDAD (Reuters) -").
//! Pure functions over one line of text.

use super::text::{tokens, Token};
use std::sync::OnceLock;

/// Agency spellings (as words) and the name gazette writes. Longer spellings first, so
/// "EPA-EFE" wins over "EPA" and "Associated Press" is one agency.
const AGENCIES: &[(&str, &str)] = &[
    ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"),
    ("Associated Press", "AP"),
    ("Saudi Press Agency", "SPA"),
    ("Emirates News Agency", "WAM"),
    ("Qatar News Agency", "QNA"),
    ("Kuwait News Agency", "KUNA"),
    ("Iraqi News Agency", "INA"),
    ("Oman News Agency", "ONA"),
    ("Bahrain News Agency", "BNA"),
    ("Jordan News Agency", "Petra"),
    ("Sudan News Agency", "SUNA"),
    ("Saba News Agency", "Saba"),
    ("Algeria Press Service", "APS"),
    ("Tunis Afrique Presse", "TAP"),
    ("Maghreb Arab Press", "MAP"),
    ("Middle East News Agency", "MENA"),
    ("Syrian Arab News Agency", "SANA"),
    ("Anadolu Agency", "Anadolu"),
    ("Asharq Al-Awsat", "Asharq Al-Awsat"),
    ("Getty Images", "Getty Images"),
    ("SOPA Images", "SOPA Images"),
    ("RIA Novosti", "RIA Novosti"),
    ("Al Arabiya", "Al Arabiya"),
    ("Al Jazeera", "Al Jazeera"),
    ("EPA-EFE", "EPA-EFE"),
    ("AP", "AP"),
    ("AFP", "AFP"),
    ("Reuters", "Reuters"),
    ("REUTERS", "Reuters"),
    ("EPA", "EPA"),
    ("EFE", "EFE"),
    ("Getty", "Getty Images"),
    ("Anadolu", "Anadolu"),
    ("Xinhua", "Xinhua"),
    ("dpa", "dpa"),
    ("DPA", "dpa"),
    ("SPA", "SPA"),
    ("WAM", "WAM"),
    ("QNA", "QNA"),
    ("KUNA", "KUNA"),
    ("MENA", "MENA"),
    ("SANA", "SANA"),
    ("INA", "INA"),
    ("IRNA", "IRNA"),
    ("ISNA", "ISNA"),
    ("Tasnim", "Tasnim"),
    ("WANA", "WANA"),
    ("Petra", "Petra"),
    ("NNA", "NNA"),
    ("ONA", "ONA"),
    ("BNA", "BNA"),
    ("SUNA", "SUNA"),
    ("Saba", "Saba"),
    ("APS", "APS"),
    ("TAP", "TAP"),
    ("LANA", "LANA"),
    ("Asharq", "Asharq Al-Awsat"),
    ("TASS", "TASS"),
    ("Sputnik", "Sputnik"),
    ("UPI", "UPI"),
    ("ANSA", "ANSA"),
    ("Kyodo", "Kyodo"),
    ("Yonhap", "Yonhap"),
    ("Bloomberg", "Bloomberg"),
    ("Shutterstock", "Shutterstock"),
    ("Alamy", "Alamy"),
    ("NurPhoto", "NurPhoto"),
    ("ZUMA", "ZUMA"),
    ("Sipa", "Sipa"),
    ("Abaca", "Abaca"),
    // Arabic agency abbreviations as printed in Arabic captions.
    ("أ ف ب", "AFP"),
    ("ا ف ب", "AFP"),
    ("أ ب", "AP"),
    ("إ ب أ", "EPA"),
    ("د ب أ", "dpa"),
    ("رويترز", "Reuters"),
    ("الشرق الأوسط", "Asharq Al-Awsat"),
    ("الأناضول", "Anadolu"),
    ("شينخوا", "Xinhua"),
    ("واس", "SPA"),
    ("وام", "WAM"),
    ("قنا", "QNA"),
    ("كونا", "KUNA"),
];

/// Words a credit may hold besides names and agencies.
fn credit_keyword(word: &str) -> bool {
    matches!(
        word,
        "Photo"
            | "photo"
            | "PHOTO"
            | "Photos"
            | "photos"
            | "Photograph"
            | "Photographer"
            | "File"
            | "file"
            | "via"
            | "Via"
            | "by"
            | "By"
            | "Credit"
            | "credit"
            | "Courtesy"
            | "courtesy"
            | "of"
            | "Handout"
            | "handout"
            | "HANDOUT"
            | "Pool"
            | "pool"
            | "POOL"
            | "Staff"
            | "STR"
            | "Image"
            | "Images"
            | "and"
            | "تصوير"
    )
}

/// Lowercase particles inside personal names ("Ahmad al-Rubaye", "Ludovic Marin de …").
fn name_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "el"
            | "bin"
            | "ibn"
            | "bint"
            | "abu"
            | "de"
            | "da"
            | "di"
            | "du"
            | "van"
            | "von"
            | "der"
            | "la"
            | "le"
            | "y"
    )
}

/// An agency spelt by the words starting at `i`: its normalised name and word count.
fn agency_at(words: &[Token<'_>], i: usize) -> Option<(&'static str, usize)> {
    // The spellings tokenized once (constant data, not state).
    static SPELLINGS: OnceLock<Vec<(Vec<&'static str>, &'static str)>> = OnceLock::new();
    let spellings = SPELLINGS.get_or_init(|| {
        AGENCIES
            .iter()
            .map(|(spelling, name)| (tokens(spelling).iter().map(|t| t.text).collect(), *name))
            .collect()
    });
    spellings.iter().find_map(|(parts, name)| {
        let n = parts.len();
        let fits = words.len() >= i + n
            && parts
                .iter()
                .zip(&words[i..i + n])
                .all(|(p, w)| *p == w.text);
        fits.then_some((*name, n))
    })
}

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
fn parse_credit(tail: &str) -> Option<Credit> {
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
            .is_some_and(|c| c.is_uppercase() || super::text::is_arabic(c))
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
    let text = caption.trim();
    // "(AP)", "(AP Photo/Hadi Mizban)", "(أ ف ب)", and any agency acronym: "(ONA)"
    if let Some(inner_end) = text.strip_suffix(')') {
        if let Some(open) = inner_end.rfind('(') {
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
    for (i, len) in cuts {
        if let Some(credit) = parse_credit(&text[i + len..]) {
            let keep = if text[i..].starts_with('.') { i + 1 } else { i };
            return Some((text[..keep].trim_end().to_string(), credit));
        }
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

/// The agency named in a dateline at the start of a lead paragraph:
/// "BAGHDAD (Reuters) - …", "Baghdad- Asharq Al-Awsat", "Cairo: AFP". The dateline is the
/// text before the first dash or colon, within the first 80 characters.
pub fn dateline_agency(paragraph: &str) -> Option<&'static str> {
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
    paragraph.chars().count() <= 80 && dateline_agency(paragraph).is_some() && {
        let words = tokens(paragraph).len();
        words <= 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_table() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "Iraqi FM in Baghdad, Iraq, Tuesday, Feb. 6, 2024. (AP)",
                Some(("Iraqi FM in Baghdad, Iraq, Tuesday, Feb. 6, 2024.", "AP")),
            ),
            (
                "Migrants in Tunis on February 2, 2025. Fethi Beland, AFP",
                Some(("Migrants in Tunis on February 2, 2025.", "Fethi Beland/AFP")),
            ),
            (
                "Smoke rises over Gaza. (AP Photo/Hatem Moussa)",
                Some(("Smoke rises over Gaza.", "Hatem Moussa/AP")),
            ),
            (
                "Smoke rises over Gaza. Reuters",
                Some(("Smoke rises over Gaza.", "Reuters")),
            ),
            (
                "Smoke rises over Gaza - REUTERS/Mohammed Salem",
                Some(("Smoke rises over Gaza", "Mohammed Salem/Reuters")),
            ),
            (
                "A view of Khartoum, AFP",
                Some(("A view of Khartoum", "AFP")),
            ),
            (
                "Protesters in Beirut. Ahmad al-Rubaye/AFP via Getty Images",
                Some(("Protesters in Beirut.", "Ahmad al-Rubaye/AFP/Getty Images")),
            ),
            (
                "Delegates meet in Riyadh (SPA)",
                Some(("Delegates meet in Riyadh", "SPA")),
            ),
            (
                "The summit in Doha. (Asharq Al-Awsat)",
                Some(("The summit in Doha.", "Asharq Al-Awsat")),
            ),
            (
                "وزير الخارجية العراقي في بغداد (أ ف ب)",
                Some(("وزير الخارجية العراقي في بغداد", "AFP")),
            ),
            (
                "The talks resumed. Photo: John Smith",
                Some(("The talks resumed.", "John Smith")),
            ),
            ("A general view of Baghdad, Iraq", None),
            ("The official spoke to Reuters.", None),
            (
                "He said the number was significant, a senior official told Reuters on Saturday.",
                None,
            ),
            ("Talks in Baghdad, Iraq, Tuesday, Feb. 6, 2024", None),
            ("the minister (left) and his counterpart", None),
            ("", None),
        ];
        for (caption, expected) in cases {
            let got = split_credit(caption, false).map(|(text, credit)| (text, credit.display()));
            let expected = expected.map(|(t, c)| (t.to_string(), c.to_string()));
            assert_eq!(got, expected, "split_credit({caption:?})");
        }
    }

    #[test]
    fn lenient_credit() {
        let (text, credit) = split_credit("Migrants sit in Tunis AFP", true).unwrap();
        assert_eq!(
            (text.as_str(), credit.display().as_str()),
            ("Migrants sit in Tunis", "AFP")
        );
        assert_eq!(split_credit("Migrants sit in Tunis AFP", false), None);
        assert_eq!(split_credit("AFP", true), None);
    }

    #[test]
    fn datelines() {
        let cases = [
            ("BAGHDAD (Reuters) - Iraq's prime minister said", Some("Reuters")),
            ("CAIRO, Feb 6 (Reuters) - Egypt said", Some("Reuters")),
            ("BEIRUT (AP) — Lebanon's caretaker", Some("AP")),
            ("Baghdad- Asharq Al-Awsat", Some("Asharq Al-Awsat")),
            ("Asharq Al-Awsat", Some("Asharq Al-Awsat")),
            ("Reuters reported", None),
            ("Tunisian authorities have dismantled camps, a senior official told Reuters on Saturday.", None),
            ("Talks between the two countries began in January - Reuters reported", None),
        ];
        for (paragraph, expected) in cases {
            assert_eq!(
                dateline_agency(paragraph),
                expected,
                "dateline_agency({paragraph:?})"
            );
        }
        assert!(is_dateline_only("Baghdad- Asharq Al-Awsat"));
        assert!(!is_dateline_only(
            "BAGHDAD (Reuters) - Iraq's prime minister said on Tuesday that talks would resume."
        ));
    }
}

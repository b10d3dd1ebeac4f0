//! News agencies: their spellings and the names gazette writes, the words around a
//! credit, and the agency found in or standing alone in a piece of text.

use super::*;

/// Agency spellings (as words) and the name gazette writes. Longer spellings first, so
/// "EPA-EFE" wins over "EPA" and "Associated Press" is one agency.
pub(super) const AGENCIES: &[(&str, &str)] = &[
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
    ("Anadolu Ajansı", "Anadolu"),
    ("Xinhua News Agency", "Xinhua"),
    ("Palestinian news agency WAFA", "WAFA"),
    ("The Associated Press", "AP"),
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
    ("AA", "Anadolu"),
    ("WAFA", "WAFA"),
    ("Wafa", "WAFA"),
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
    ("وكالة الأنباء السعودية", "SPA"),
    ("وكالة أنباء الإمارات", "WAM"),
    ("وكالة الأنباء القطرية", "QNA"),
    ("وكالة الأنباء الكويتية", "KUNA"),
    ("وكالة أنباء الشرق الأوسط", "MENA"),
    ("وكالة الأنباء الأردنية", "Petra"),
    ("وكالة المغرب العربي للأنباء", "MAP"),
    ("فرانس برس", "AFP"),
    ("أسوشيتد برس", "AP"),
    ("أ ش أ", "MENA"),
    ("واس", "SPA"),
    ("وام", "WAM"),
    ("قنا", "QNA"),
    ("كونا", "KUNA"),
    ("سانا", "SANA"),
    ("بترا", "Petra"),
    ("وفا", "WAFA"),
];

/// Words a credit may hold besides names and agencies.
pub(super) fn credit_keyword(word: &str) -> bool {
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
pub(super) fn name_particle(word: &str) -> bool {
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
pub(super) fn agency_at(words: &[Token<'_>], i: usize) -> Option<(&'static str, usize)> {
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

/// The agency named anywhere in `text` as whole words, first one wins ("Copyright 2024
/// The Associated Press" → AP, "Source: Al Jazeera and news agencies" → Al Jazeera).
pub fn agency_in(text: &str) -> Option<&'static str> {
    let words = tokens(text);
    (0..words.len()).find_map(|i| agency_at(&words, i).map(|(name, _)| name))
}

/// The agency spelt by the whole of `text` ("Reuters", "(AFP)", "Associated Press",
/// "واس"), if that is all it is.
pub fn agency_only(text: &str) -> Option<&'static str> {
    let words = tokens(text);
    let (name, n) = agency_at(&words, 0)?;
    let rest_clean = text
        .chars()
        .all(|c| !c.is_alphanumeric() || crate::import::text::is_word_char(c));
    (n == words.len() && rest_clean).then_some(name)
}

/// Agencies whose numeric dates are month first (US copy).
pub fn month_first_agency(agency: &str) -> bool {
    matches!(agency, "AP" | "UPI" | "Bloomberg")
}

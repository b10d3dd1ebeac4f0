//! Classifying an article from its text: the country gazetteer (names, capitals, demonyms,
//! short forms, Arabic names → a country and its region), the region rule, country tags
//! and topic tags from the site.yaml vocabulary. Pure functions over text: no files are
//! read here except through `Gazetteer::parse`'s caller, and nothing knows about output.
//!
//! Matching works on words, never on substrings: the text is tokenized once and each
//! word is looked up in a hash map built once per import (keyed by the first word of a
//! name, longest name first), so "Oman" never matches inside "woman", "Niger" never inside
//! "Nigeria", and the cost is one hash lookup per word.

use super::text::{has_arabic, tokens, Token};
use crate::config::{Region, TagDef};
use crate::slug::{is_safe_segment, slugify};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The gazetteer shipped with gazette; site.yaml `gazetteer:` may name another file.
pub use crate::countries::EMBEDDED_GAZETTEER;
pub const EMBEDDED_GAZETTEER_NAME: &str = "src/import/gazetteer.yaml (built in)";

/// The region of articles that name no known country.
pub const FALLBACK_REGION: &str = "world";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    countries: Vec<CountryEntry>,
    /// Phrases that contain a country word but do not name the country
    /// ("Latin America", "Indian Ocean"): matched and then ignored.
    #[serde(default)]
    ignore: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    slug: String,
    name: String,
    region: String,
    #[serde(default)]
    capitals: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    /// Short forms and other names: "US", "U.S.", "America", "Gaza".
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    arabic: Vec<String>,
    /// The French name: display only (`crate::countries`), not matched.
    #[serde(default, rename = "french")]
    _french: Option<String>,
}

/// One country as the importer uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub slug: String,
    pub name: String,
    /// The region after site.yaml's `regions[].countries` overrides.
    pub region: String,
}

/// A multi-word name after its first word, and what it names (`None`: an ignored phrase).
#[derive(Debug)]
struct Pattern {
    rest: Box<[String]>,
    target: Option<usize>,
}

/// Every country of the world and the words that name it, ready to match.
#[derive(Debug)]
pub struct Gazetteer {
    countries: Vec<Country>,
    index: HashMap<String, Vec<Pattern>>,
    /// Every name, alias and short form in lowercase, for site.yaml's country lists.
    by_name: HashMap<String, usize>,
    /// Where the data came from, for error messages.
    pub source: String,
}

/// A country named in a text, with the byte range of the words that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub country: usize,
    pub start: usize,
    pub end: usize,
}

impl Gazetteer {
    /// The built-in gazetteer.
    pub fn embedded() -> Result<Gazetteer, String> {
        Gazetteer::parse(EMBEDDED_GAZETTEER, EMBEDDED_GAZETTEER_NAME)
    }

    /// Parse gazetteer YAML. Errors name `source` (the file) and, when known, the line.
    pub fn parse(text: &str, source: &str) -> Result<Gazetteer, String> {
        let file: GazetteerFile = crate::yaml::from_str(text).map_err(|e| match e.line {
            Some(line) => format!("{source}:{line}: {}", e.message),
            None => format!("{source}: {}", e.message),
        })?;
        let mut errors = Vec::new();
        let mut countries = Vec::with_capacity(file.countries.len());
        let mut seen = HashSet::new();
        for entry in &file.countries {
            if !is_safe_segment(&entry.slug) {
                errors.push(format!(
                    "{source}: country {:?} has slug {:?}, which is not a safe URL segment",
                    entry.name, entry.slug
                ));
            }
            if !seen.insert(entry.slug.as_str()) {
                errors.push(format!(
                    "{source}: country slug {:?} is defined twice",
                    entry.slug
                ));
            }
            if entry.name.trim().is_empty() {
                errors.push(format!(
                    "{source}: country {:?} has an empty name",
                    entry.slug
                ));
            }
            countries.push(Country {
                slug: entry.slug.clone(),
                name: entry.name.clone(),
                region: entry.region.clone(),
            });
        }
        if !errors.is_empty() {
            return Err(errors.join("\n"));
        }
        let mut gazetteer = Gazetteer {
            countries,
            index: HashMap::new(),
            by_name: HashMap::new(),
            source: source.to_string(),
        };
        for (id, entry) in file.countries.iter().enumerate() {
            let english = std::iter::once(&entry.name)
                .chain(&entry.capitals)
                .chain(&entry.aliases);
            for name in english {
                gazetteer.add(name, Some(id));
                gazetteer.by_name.insert(name.to_lowercase(), id);
            }
            gazetteer.by_name.insert(entry.slug.clone(), id);
            for demonym in &entry.demonyms {
                gazetteer.add(demonym, Some(id));
                // Plurals: "Iraqis", "Emiratis". A wrong plural ("Swisss") is harmless.
                if !demonym.ends_with('s') {
                    gazetteer.add(&format!("{demonym}s"), Some(id));
                }
            }
            for name in &entry.arabic {
                for form in arabic_forms(name) {
                    gazetteer.add(&form, Some(id));
                }
            }
        }
        for phrase in &file.ignore {
            gazetteer.add(phrase, None);
        }
        for patterns in gazetteer.index.values_mut() {
            // Longest first, so "South Sudan" wins over "Sudan" at the same word.
            patterns.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        Ok(gazetteer)
    }

    fn add(&mut self, name: &str, target: Option<usize>) {
        let mut words: Vec<String> = tokens(name)
            .iter()
            .map(|t| norm_word(t.text).into_owned())
            .collect();
        if words.is_empty() {
            return;
        }
        let first = words.remove(0);
        let patterns = self.index.entry(first).or_default();
        if !patterns
            .iter()
            .any(|p| *p.rest == *words && p.target == target)
        {
            patterns.push(Pattern {
                rest: words.into_boxed_slice(),
                target,
            });
        }
    }

    /// Apply site.yaml: countries listed under a region move to it, and every country must
    /// end up in a region the site has (else the gazetteer is wrong for this site: an error
    /// naming the gazetteer file). Unknown country names in site.yaml are returned as
    /// warnings.
    pub fn apply_site_regions(&mut self, regions: &[Region]) -> Result<Vec<String>, String> {
        let mut warnings = Vec::new();
        for region in regions {
            for name in &region.countries {
                let key = name.trim().to_lowercase();
                match self.by_name.get(&key).or_else(|| self.by_name.get(&slugify(name))) {
                    Some(&id) => self.countries[id].region = region.slug.clone(),
                    None => warnings.push(format!(
                        "site.yaml: region {:?} lists {:?}, which the gazetteer ({}) does not know; add it there",
                        region.slug, name, self.source
                    )),
                }
            }
        }
        let known: HashSet<&str> = regions.iter().map(|r| r.slug.as_str()).collect();
        let mut unknown: Vec<(&str, Vec<&str>)> = Vec::new();
        for country in &self.countries {
            if known.contains(country.region.as_str()) {
                continue;
            }
            match unknown.iter_mut().find(|(r, _)| *r == country.region) {
                Some((_, names)) => names.push(&country.name),
                None => unknown.push((&country.region, vec![&country.name])),
            }
        }
        if unknown.is_empty() {
            return Ok(warnings);
        }
        let mut expected: Vec<&str> = regions.iter().map(|r| r.slug.as_str()).collect();
        expected.sort_unstable();
        let lines: Vec<String> = unknown
            .iter()
            .map(|(region, names)| {
                let shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
                let more = if names.len() > 5 {
                    format!(" and {} more", names.len() - 5)
                } else {
                    String::new()
                };
                format!(
                    "{}: unknown region {region:?} (used by {shown}{more}); expected one of: {}",
                    self.source,
                    expected.join(", ")
                )
            })
            .collect();
        Err(lines.join("\n"))
    }

    pub fn country(&self, id: usize) -> &Country {
        &self.countries[id]
    }

    pub fn len(&self) -> usize {
        self.countries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    /// Every country named in `text`, in order. Overlapping names resolve to the longest
    /// ("Papua New Guinea", not "Guinea"); ignored phrases consume their words.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        self.mentions_in(&tokens(text))
    }

    /// `mentions` over text already tokenized (the lead is tokenized once per article).
    pub fn mentions_in(&self, toks: &[Token<'_>]) -> Vec<Mention> {
        let words: Vec<Cow<'_, str>> = toks.iter().map(|t| norm_word(t.text)).collect();
        let mut found = Vec::new();
        let mut i = 0;
        'words: while i < words.len() {
            let first = &words[i];
            if first
                .as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                i += 1; // no name starts with a lowercase word or a number: skip the lookup
                continue;
            }
            for key in lookup_keys(first) {
                let Some(patterns) = self.index.get(key.as_ref()) else {
                    continue;
                };
                for pattern in patterns {
                    let n = pattern.rest.len();
                    if i + n < words.len() + 1
                        && words[i + 1..].len() >= n
                        && words[i + 1..i + 1 + n]
                            .iter()
                            .zip(pattern.rest.iter())
                            .all(|(w, p)| w == p)
                    {
                        if let Some(country) = pattern.target {
                            found.push(Mention {
                                country,
                                start: toks[i].start,
                                end: toks[i + n].end,
                            });
                        }
                        i += n + 1;
                        continue 'words;
                    }
                }
            }
            i += 1;
        }
        found
    }
}

/// The form of a word used for matching: Arabic without vowel signs and with one alef;
/// Latin without accents ("Côte" → "Cote"); all-caps words of four letters or more in
/// title case ("IRAQ" → "Iraq", for all-caps headlines) while short forms keep their case
/// ("US" stays "US", so "us" never matches); "of", "the", "and" in lowercase so
/// "Republic Of The Congo" matches.
pub fn norm_word(word: &str) -> Cow<'_, str> {
    if !word.is_ascii() {
        if has_arabic(word) {
            return Cow::Owned(fold_arabic(word));
        }
        let ascii = deunicode::deunicode(word);
        return Cow::Owned(norm_word(&ascii).into_owned());
    }
    let bytes = word.as_bytes();
    if bytes.len() >= 4 && bytes.iter().all(u8::is_ascii_uppercase) {
        let mut out = String::with_capacity(word.len());
        out.push(bytes[0] as char);
        out.push_str(&word[1..].to_ascii_lowercase());
        return Cow::Owned(out);
    }
    if matches!(bytes.len(), 2 | 3) && matches!(word, "Of" | "OF" | "The" | "THE" | "And" | "AND") {
        return Cow::Owned(word.to_ascii_lowercase());
    }
    Cow::Borrowed(word)
}

/// Arabic spelling variants that do not change the word: vowel signs, tatweel, the
/// hamza forms of alef, and alef maqsura written as ya.
fn fold_arabic(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            _ => c,
        })
        .collect()
}

/// The keys to try for a word: itself, and for Arabic the word without the one-letter
/// prefixes written joined to it ("والعراق" and, for, with… + "العراق"; "للعراق" → "العراق").
fn lookup_keys<'a>(word: &'a Cow<'a, str>) -> impl Iterator<Item = Cow<'a, str>> + 'a {
    let mut keys: Vec<Cow<'a, str>> = vec![Cow::Borrowed(word.as_ref())];
    if word.as_bytes().first().is_some_and(|&b| b >= 0xD8) && has_arabic(word) {
        let proclitic = |c: char| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك');
        let mut rest: &str = word;
        for _ in 0..2 {
            let mut chars = rest.chars();
            match chars.next() {
                Some(c) if proclitic(c) && chars.as_str().chars().count() >= 3 => {
                    if c == 'ل' && chars.as_str().starts_with('ل') {
                        // li + al: "للعراق" is "ل" + "العراق" with the alef dropped.
                        keys.push(Cow::Owned(format!("ا{}", chars.as_str())));
                    }
                    rest = chars.as_str();
                    keys.push(Cow::Owned(rest.to_string()));
                }
                _ => break,
            }
        }
    }
    keys.into_iter()
}

/// An Arabic name and its adjective forms, so "العراق" also finds "العراقي", "عراقية",
/// "العراقيين": the nisba is the name (without a final ا or ة) + ي, with or without the
/// article, and its feminine and plural endings. Multi-word names are used as written.
fn arabic_forms(name: &str) -> Vec<String> {
    let name = fold_arabic(name.trim());
    let mut forms = vec![name.clone()];
    if name.contains(' ') || name.chars().count() < 3 {
        return forms;
    }
    let bare = name.strip_prefix("ال").unwrap_or(&name);
    let stem = bare
        .strip_suffix('ة')
        .or_else(|| bare.strip_suffix('ا'))
        .unwrap_or(bare);
    let nisba = if stem.ends_with('ي') {
        stem.to_string()
    } else {
        format!("{stem}ي")
    };
    for ending in ["", "ة", "ين", "ون"] {
        forms.push(format!("{nisba}{ending}"));
        forms.push(format!("ال{nisba}{ending}"));
    }
    forms.sort();
    forms.dedup();
    forms
}

/// The words of a vocabulary entry after the first, and the index of its tag.
type VocabularyEntry = (Box<[String]>, usize);

/// The topic vocabulary of site.yaml: a tag and the words that imply it.
#[derive(Debug, Default)]
pub struct Vocabulary {
    slugs: Vec<String>,
    /// Lowercase first word → (rest, tag index), longest first.
    words: HashMap<String, Vec<VocabularyEntry>>,
    /// Words that are also everyday English ("who" for WHO): only their capitals count.
    acronyms: HashMap<String, usize>,
}

/// Vocabulary words that would match everyday English in lowercase; in the vocabulary
/// they stand for an acronym, so only the capitalised form counts ("WHO", not "who").
const EVERYDAY_WORDS: &[&str] = &[
    "who", "us", "it", "is", "at", "on", "in", "an", "as", "or", "and", "the", "can", "may",
    "will", "aid", "un", "eu",
];

impl Vocabulary {
    pub fn new(tags: &[TagDef]) -> Vocabulary {
        let mut vocab = Vocabulary::default();
        for (id, tag) in tags.iter().enumerate() {
            vocab.slugs.push(tag.slug.clone());
            for word in &tag.words {
                let lower = word.trim().to_lowercase();
                if EVERYDAY_WORDS.contains(&lower.as_str()) {
                    vocab.acronyms.insert(lower.to_uppercase(), id);
                    continue;
                }
                let mut parts: Vec<String> =
                    tokens(&lower).iter().map(|t| t.text.to_string()).collect();
                if parts.is_empty() {
                    continue;
                }
                let first = parts.remove(0);
                vocab
                    .words
                    .entry(first)
                    .or_default()
                    .push((parts.into_boxed_slice(), id));
            }
        }
        for entries in vocab.words.values_mut() {
            entries.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        vocab
    }

    /// Tag slugs implied by `text`, in vocabulary order, each once.
    pub fn tags(&self, texts: &[&str]) -> Vec<String> {
        let mut hit = vec![false; self.slugs.len()];
        for text in texts {
            self.mark(&tokens(text), &mut hit);
        }
        self.hits_to_slugs(&hit)
    }

    fn hits_to_slugs(&self, hit: &[bool]) -> Vec<String> {
        self.slugs
            .iter()
            .zip(hit)
            .filter(|(_, h)| **h)
            .map(|(s, _)| s.clone())
            .collect()
    }

    /// Mark the tags whose words appear in `toks`.
    fn mark(&self, toks: &[Token<'_>], hit: &mut [bool]) {
        {
            let lower: Vec<Cow<'_, str>> = toks
                .iter()
                .map(|t| {
                    if t.text.chars().any(char::is_uppercase) {
                        Cow::Owned(t.text.to_lowercase())
                    } else {
                        Cow::Borrowed(t.text)
                    }
                })
                .collect();
            let mut i = 0;
            'words: while i < toks.len() {
                if let Some(&id) = self.acronyms.get(toks[i].text) {
                    hit[id] = true;
                }
                if let Some(entries) = self.words.get(lower[i].as_ref()) {
                    for (rest, id) in entries {
                        let n = rest.len();
                        if lower[i + 1..].len() >= n
                            && lower[i + 1..i + 1 + n]
                                .iter()
                                .zip(rest.iter())
                                .all(|(w, p)| w == p)
                        {
                            hit[*id] = true;
                            i += n + 1;
                            continue 'words;
                        }
                    }
                }
                i += 1;
            }
        }
    }
}

/// Why an article got its region, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionReason {
    /// The first country named in the title.
    Title(String),
    /// The country most named in the lead paragraphs.
    Lead(String),
    /// No country named in the title or lead.
    NoCountry,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub region: String,
    pub reason: RegionReason,
    /// Slugs of every country named in the title or lead, title first, each once.
    pub countries: Vec<String>,
    /// Topic tag slugs from the vocabulary.
    pub topics: Vec<String>,
}

impl Classification {
    /// Country tags then topic tags, each once.
    pub fn tags(&self) -> Vec<String> {
        let mut tags = self.countries.clone();
        for topic in &self.topics {
            if !tags.contains(topic) {
                tags.push(topic.clone());
            }
        }
        tags
    }
}

/// How many body paragraphs count as the lead for region and tags.
pub const LEAD_PARAGRAPHS: usize = 3;

/// The region rule of DESIGN.md: the title's first country decides; else the country most
/// named in the lead (ties go to the one named first); else `world`.
pub fn classify(
    gazetteer: &Gazetteer,
    vocabulary: &Vocabulary,
    title: &str,
    lead: &[&str],
) -> Classification {
    // Each text is tokenized once, for countries and topics alike.
    let mut hit = vec![false; vocabulary.slugs.len()];
    let title_tokens = tokens(title);
    vocabulary.mark(&title_tokens, &mut hit);
    let in_title = gazetteer.mentions_in(&title_tokens);
    let mut in_lead = Vec::new();
    for paragraph in lead.iter().take(LEAD_PARAGRAPHS) {
        let toks = tokens(paragraph);
        vocabulary.mark(&toks, &mut hit);
        in_lead.extend(gazetteer.mentions_in(&toks));
    }
    let (region_country, reason): (Option<usize>, fn(String) -> RegionReason) =
        match in_title.first() {
            Some(m) => (Some(m.country), RegionReason::Title),
            None => (most_named(&in_lead), RegionReason::Lead),
        };
    let (region, reason) = match region_country {
        Some(id) => {
            let country = gazetteer.country(id);
            (country.region.clone(), reason(country.name.clone()))
        }
        None => (FALLBACK_REGION.to_string(), RegionReason::NoCountry),
    };
    let mut countries: Vec<String> = Vec::new();
    for m in in_title.iter().chain(&in_lead) {
        let slug = &gazetteer.country(m.country).slug;
        if !countries.contains(slug) {
            countries.push(slug.clone());
        }
    }
    Classification {
        region,
        reason,
        countries,
        topics: vocabulary.hits_to_slugs(&hit),
    }
}

/// The country with the most mentions; the first named wins a tie.
fn most_named(mentions: &[Mention]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new(); // (country, count) in first-mention order
    for m in mentions {
        match counts.iter_mut().find(|(c, _)| *c == m.country) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.country, 1)),
        }
    }
    let max = counts.iter().map(|&(_, n)| n).max()?;
    counts.iter().find(|&&(_, n)| n == max).map(|&(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        Gazetteer::embedded().expect("embedded gazetteer parses")
    }

    fn named(g: &Gazetteer, text: &str) -> Vec<String> {
        g.mentions(text)
            .iter()
            .map(|m| g.country(m.country).slug.clone())
            .collect()
    }

    #[test]
    fn embedded_gazetteer_covers_the_world() {
        let g = gazetteer();
        assert!(g.len() >= 195, "only {} countries", g.len());
        let regions = [
            "middle-east",
            "gulf",
            "north-africa",
            "africa",
            "europe",
            "americas",
            "asia",
            "world",
        ];
        for c in &g.countries {
            assert!(
                regions.contains(&c.region.as_str()),
                "{} has region {}",
                c.name,
                c.region
            );
            assert_eq!(c.slug, slugify(&c.name), "slug of {}", c.name);
        }
    }

    #[test]
    fn default_regions_follow_design() {
        let g = gazetteer();
        let cases = [
            ("Iraq", "middle-east"),
            ("Syria", "middle-east"),
            ("Lebanon", "middle-east"),
            ("Jordan", "middle-east"),
            ("Israel", "middle-east"),
            ("Gaza", "middle-east"),
            ("West Bank", "middle-east"),
            ("Iran", "middle-east"),
            ("Turkey", "middle-east"),
            ("Saudi Arabia", "gulf"),
            ("UAE", "gulf"),
            ("Qatar", "gulf"),
            ("Kuwait", "gulf"),
            ("Bahrain", "gulf"),
            ("Oman", "gulf"),
            ("Yemen", "gulf"),
            ("Egypt", "north-africa"),
            ("Libya", "north-africa"),
            ("Tunisia", "north-africa"),
            ("Algeria", "north-africa"),
            ("Morocco", "north-africa"),
            ("Mauritania", "north-africa"),
            ("Sudan", "north-africa"),
            ("South Sudan", "africa"),
            ("Nigeria", "africa"),
            ("Kenya", "africa"),
            ("Russia", "europe"),
            ("Ukraine", "europe"),
            ("France", "europe"),
            ("Brazil", "americas"),
            ("Canada", "americas"),
            ("US", "americas"),
            ("China", "asia"),
            ("Australia", "asia"),
            ("Fiji", "asia"),
        ];
        for (name, region) in cases {
            let m = g.mentions(name);
            assert_eq!(m.len(), 1, "{name}");
            assert_eq!(g.country(m[0].country).region, region, "{name}");
        }
    }

    #[test]
    fn mentions_table() {
        let g = gazetteer();
        let cases: &[(&str, &[&str])] = &[
            (
                "Iraq and US Need to Return to Dialogue",
                &["iraq", "united-states"],
            ),
            (
                "let us talk about the U.S. and the U.S.-led coalition",
                &["united-states", "united-states"],
            ),
            ("Washington said Baghdad", &["united-states", "iraq"]),
            ("an Iraqi official and Iraqis", &["iraq", "iraq"]),
            ("the Syrian-Jordanian border", &["syria", "jordan"]),
            ("Iran-backed groups and Iran's Guard", &["iran", "iran"]),
            ("a woman in Romania", &["romania"]),
            ("South Sudan and Sudan", &["south-sudan", "sudan"]),
            (
                "Papua New Guinea, Guinea-Bissau, Equatorial Guinea, Guinea",
                &[
                    "papua-new-guinea",
                    "guinea-bissau",
                    "equatorial-guinea",
                    "guinea",
                ],
            ),
            ("Nigeria and Niger", &["nigeria", "niger"]),
            ("Latin America and the Indian Ocean", &[]),
            ("IRAQ FM SAYS US TALKS", &["iraq", "united-states"]),
            (
                "the United Arab Emirates and the UAE",
                &["united-arab-emirates", "united-arab-emirates"],
            ),
            (
                "Côte d’Ivoire and Cote d'Ivoire",
                &["ivory-coast", "ivory-coast"],
            ),
            (
                "Democratic Republic Of The Congo",
                &["democratic-republic-of-the-congo"],
            ),
            (
                "العراق يطالب بالحوار مع الولايات المتحدة",
                &["iraq", "united-states"],
            ),
            (
                "وزير الخارجية العراقي في واشنطن",
                &["iraq", "united-states"],
            ),
            ("للعراق ولمصر والسعودية", &["iraq", "egypt", "saudi-arabia"]),
            ("Tunisian authorities in Tunis", &["tunisia", "tunisia"]),
            ("the Dutch minister", &["netherlands"]),
            (
                "Gaza and the West Bank",
                &["palestinian-territories", "palestinian-territories"],
            ),
            ("in Sub-Saharan Africa and Europe", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(&named(&g, text), expected, "mentions({text:?})");
        }
    }

    #[test]
    fn arabic_forms_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "العراق",
                &["العراق", "العراقي", "عراقي", "العراقية", "عراقيين"],
            ),
            ("سوريا", &["سوري", "السورية"]),
            ("السعودية", &["السعودي", "سعودية"]),
            ("الولايات المتحدة", &["الولايات المتحدة"]),
        ];
        for (name, expected) in cases {
            let forms = arabic_forms(name);
            for form in *expected {
                assert!(
                    forms.contains(&fold_arabic(form)),
                    "{name} → {form} missing from {forms:?}"
                );
            }
        }
    }

    fn tag(slug: &str, words: &[&str]) -> TagDef {
        TagDef {
            slug: slug.into(),
            name: slug.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            names: Default::default(),
        }
    }

    #[test]
    fn vocabulary_matches_words_not_substrings() {
        let vocab = Vocabulary::new(&[
            tag("diplomacy", &["foreign minister", "talks"]),
            tag("energy", &["oil", "gas"]),
            tag("health", &["who", "hospital"]),
            tag("finance", &["bank"]),
        ]);
        let cases: &[(&str, &[&str])] = &[
            ("Iraqi Foreign Minister Fuad Hussein", &["diplomacy"]),
            ("Talks between the two", &["diplomacy"]),
            ("boiling spoils of gasoline", &[]),
            ("those who left", &[]),
            ("the WHO said", &["health"]),
            ("the riverbank and Oil", &["energy"]),
            ("banks", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(&vocab.tags(&[text]), expected, "tags({text:?})");
        }
    }

    #[test]
    fn region_rule() {
        let g = gazetteer();
        let vocab = Vocabulary::default();
        let cases: &[(&str, &[&str], &str)] = &[
            ("Iraq and US Need to Return to Dialogue", &[], "middle-east"),
            (
                "Talks Resume",
                &[
                    "Egypt hosted talks.",
                    "Egyptian and Qatari mediators, with Qatar.",
                    "Qatar said.",
                ],
                "gulf",
            ),
            (
                "Talks Resume",
                &["Egypt hosted talks with Qatar."],
                "north-africa",
            ),
            ("Markets Fall", &["Global markets fell on Monday."], "world"),
            (
                "Markets Fall",
                &["Fourth paragraph ignored.", "x", "y", "Iraq"],
                "world",
            ),
        ];
        for (title, lead, region) in cases {
            assert_eq!(
                classify(&g, &vocab, title, lead).region,
                *region,
                "{title} / {lead:?}"
            );
        }
    }

    #[test]
    fn site_regions_override_and_validate() {
        let mut g = gazetteer();
        let region = |slug: &str, countries: &[&str]| Region {
            names: Default::default(),
            slug: slug.into(),
            name: slug.into(),
            countries: countries.iter().map(|c| c.to_string()).collect(),
        };
        let mut regions: Vec<Region> = [
            "middle-east",
            "gulf",
            "north-africa",
            "africa",
            "europe",
            "americas",
            "asia",
            "world",
        ]
        .iter()
        .map(|s| region(s, &[]))
        .collect();
        regions[1].countries = vec!["Iraq".into(), "Atlantis".into()];
        let warnings = g.apply_site_regions(&regions).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("Atlantis"));
        let iraq = g.mentions("Iraq")[0].country;
        assert_eq!(g.country(iraq).region, "gulf");

        let mut g = gazetteer();
        let err = g.apply_site_regions(&regions[..3]).unwrap_err();
        assert!(
            err.contains(EMBEDDED_GAZETTEER_NAME) && err.contains("unknown region \"africa\""),
            "{err}"
        );
    }

    #[test]
    fn bad_gazetteer_names_its_file() {
        let err =
            Gazetteer::parse("countries:\n  - {slug: x, name: X}\n", "my/gaz.yaml").unwrap_err();
        assert!(err.starts_with("my/gaz.yaml"), "{err}");
        let err = Gazetteer::parse(
            "countries:\n  - {slug: X Y, name: X, region: asia}\n",
            "g.yaml",
        )
        .unwrap_err();
        assert!(err.contains("not a safe URL segment"), "{err}");
    }
}

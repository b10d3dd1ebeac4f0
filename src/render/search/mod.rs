//! The client-side search index: every published article's words, normalised (lowercase,
//! accents folded, Arabic letter forms unified, a light Arabic prefix stemmer), as an
//! inverted index split into small files so that a browser loads only what a query needs.
//! `words` owns the normalisation rules; themes/default/static/js/search.js applies the same ones
//! to queries, reading the tables from the index itself so the two cannot drift apart.
//! The site index in, files written to the sink as each is made.
//!
//! Files (all under `search/`, JSON wrapped in a call so that a `<script>` tag can load
//! them, which also works from `file://` where `fetch` does not):
//! - `index.js`: `gazetteSearch.add("meta", "", {...})`: counts, shard keys and the tables;
//! - `docs-K.js`: `gazetteSearch.add("docs", "K", [[path, title, date, date_display,
//!   region, lang, rtl, snippet], ...])`: documents K*chunk.. of the id order;
//! - `terms-HEX.js`: `gazetteSearch.add("terms", "co", {"term": [postings], ...})`: the
//!   terms whose longest shard-key prefix is the key (one shard keyed `""` on a small
//!   site; a shard over `SHARD_MAX` is split by one more character). Postings are
//!   ascending doc ids, delta-coded, each value `delta * 2 + strong` (strong: the term is
//!   in the title, region or a tag).
//!
//! Doc ids count from the oldest article, so a new article appends to the last docs file
//! and leaves the others byte-identical.

mod words;

pub use words::{
    for_each_term, html_text, normalise_word, snippet, term_of, terms, MAX_TERM_CHARS,
    MIN_TERM_CHARS,
};
use words::{is_word_char, ARABIC_PREFIXES, FOLDS, STOP_WORDS};

use super::{OutputFile, RenderContext, Sink, SEARCH_DIR};
use crate::content::Article;
use crate::index::SiteIndex;
use rayon::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Documents per docs file: a page of results loads a few of these.
pub const DOCS_PER_FILE: usize = 200;
/// Snippet length in characters (the card summary, cut at a word).
pub const SNIPPET_CHARS: usize = 180;
/// Index format version, for the JS to refuse a format it does not know.
pub const FORMAT_VERSION: u32 = 1;

/// Largest term file before it is split by one more character of its terms: a small
/// site has one term file, a large one a file per `co`, `cou`… as their size needs.
pub const SHARD_MAX: usize = 256 * 1024;

/// Postings of one term in the merged index, kept as the JSON text the file will hold.
#[derive(Debug, Default)]
struct Postings {
    last: u32,
    count: u32,
    text: String,
}

impl Postings {
    /// `entry` is `id * 2 + strong`; ids arrive ascending.
    fn push(&mut self, entry: u32) {
        let id = entry >> 1;
        let delta = if self.count == 0 {
            id
        } else {
            id.saturating_sub(self.last)
        };
        if self.count > 0 {
            self.text.push(',');
        }
        push_number(&mut self.text, u64::from(delta) * 2 + u64::from(entry & 1));
        self.last = id;
        self.count += 1;
    }
}

fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// A fast hash for short terms (FxHash's multiply-rotate): the term maps see one lookup
/// per word of every article, where SipHash's DoS resistance buys nothing.
#[derive(Default, Clone, Copy)]
struct TermHasher(u64);

impl Hasher for TermHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type TermMap<V> = HashMap<Box<str>, V, BuildHasherDefault<TermHasher>>;

/// Terms of a run of documents with their `id * 2 + strong` entries, ids ascending.
type LocalPostings = Vec<(Box<str>, Vec<u32>)>;

/// Tokenises a run of documents into `LocalPostings`, reusing its buffers.
struct Tokeniser<'a> {
    index: &'a SiteIndex,
    /// Raw word as written → its term's slot in `postings` (None: not searchable). Words
    /// repeat (Zipf), so most cost this one lookup instead of being normalised again.
    seen: TermMap<Option<u32>>,
    /// Term → slot in `postings`.
    slots: TermMap<u32>,
    postings: LocalPostings,
    word: String,
    text: String,
}

impl<'a> Tokeniser<'a> {
    fn new(index: &'a SiteIndex) -> Self {
        Tokeniser {
            index,
            seen: TermMap::default(),
            slots: TermMap::default(),
            postings: LocalPostings::new(),
            word: String::new(),
            text: String::new(),
        }
    }

    /// Add the words of `text` for one document; `entry` is `id * 2 + strong`. A term
    /// already seen in a strong field of the same document keeps the flag.
    fn add_words(&mut self, text: &str, entry: u32) {
        for word in text.split(|c: char| !is_word_char(c)) {
            if word.is_empty() {
                continue;
            }
            let slot = match self.seen.get(word) {
                Some(&slot) => slot,
                None => {
                    normalise_word(word, &mut self.word);
                    let slot = term_of(&self.word).map(|term| {
                        let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                        *self.slots.entry(term.into()).or_insert_with(|| {
                            self.postings.push((term.into(), Vec::new()));
                            next
                        })
                    });
                    self.seen.insert(word.into(), slot);
                    slot
                }
            };
            let Some(list) = slot.and_then(|s| self.postings.get_mut(s as usize)) else {
                continue;
            };
            match list.1.last_mut() {
                Some(last) if *last >> 1 == entry >> 1 => *last |= entry & 1,
                _ => list.1.push(entry),
            }
        }
    }

    /// Add one document: the strong fields (title, region, tags), then the text.
    fn add_document(&mut self, id: u32, article: &Article) -> anyhow::Result<()> {
        let index = self.index;
        self.add_words(&article.title, id * 2 + 1);
        self.add_words(region_name(index, &article.region), id * 2 + 1);
        for tag in &article.tags {
            self.add_words(tag_name(index, tag), id * 2 + 1);
        }
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        for field in [
            Some(&*article.summary),
            article.author.as_deref(),
            article.source.as_deref(),
            article.image_caption.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            text.push_str(field);
            text.push(' ');
        }
        html_text(&article.body_html()?, &mut text);
        self.add_words(&text, id * 2);
        self.text = text;
        Ok(())
    }
}

fn region_name<'a>(index: &'a SiteIndex, slug: &'a str) -> &'a str {
    index.region(slug).map_or(slug, |r| r.name.as_str())
}

fn tag_name<'a>(index: &'a SiteIndex, slug: &'a str) -> &'a str {
    index
        .tags
        .binary_search_by(|t| t.slug.as_str().cmp(slug))
        .map_or(slug, |i| index.tags[i].name.as_str())
}

/// Cut the sorted `terms[range]` (all sharing their first `depth` characters) into
/// shards of at most `SHARD_MAX` bytes where possible: an oversized range is split by its
/// terms' next character; a term exactly `depth` characters long keeps the range's key.
/// Pushes (key, range) in term order. A term lives in the shard with the longest key
/// that is a prefix of it, so a query word needs the shards whose key is a prefix of the
/// word or starts with it.
fn split_shards(
    terms: &[&str],
    sizes: &[usize],
    range: std::ops::Range<usize>,
    depth: usize,
    out: &mut Vec<(String, std::ops::Range<usize>)>,
) {
    let Some(first) = terms.get(range.start) else {
        return;
    };
    let key: String = first.chars().take(depth).collect();
    let size: usize = sizes[range.clone()].iter().sum();
    if size <= SHARD_MAX || depth >= MAX_TERM_CHARS {
        out.push((key, range));
        return;
    }
    let mut start = range.start;
    // The term that is the key itself sorts first.
    if first.chars().count() == depth {
        out.push((key, start..start + 1));
        start += 1;
    }
    while start < range.end {
        let child: String = terms[start].chars().take(depth + 1).collect();
        let end = start + terms[start..range.end].partition_point(|t| t.starts_with(&child));
        split_shards(terms, sizes, start..end, depth + 1, out);
        start = end;
    }
}

/// File name of a shard key: its code points in hex (`zu` → `7a-75`), `all` for the
/// single shard of a small site.
pub fn shard_file(key: &str) -> String {
    if key.is_empty() {
        return format!("{SEARCH_DIR}terms-all.js");
    }
    let hex: Vec<String> = key.chars().map(|c| format!("{:x}", u32::from(c))).collect();
    format!("{SEARCH_DIR}terms-{}.js", hex.join("-"))
}

fn script(kind: &str, key: &str, data: &str) -> Vec<u8> {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    // Escaped like JSON-LD: titles may hold `</script>`, and these files are scripts.
    let text = format!(
        "gazetteSearch.add({}, {}, {data});\n",
        quote(kind),
        quote(key)
    );
    super::view::escape_json_text(&text).into_bytes()
}

/// Documents per parallel task and per merge wave (bounds the memory of unmerged terms).
const TASK_DOCS: usize = 256;
const WAVE_DOCS: usize = TASK_DOCS * 16;

/// Write the index files of a site into `sink` as each is made (a million articles'
/// documents and postings are never held twice); returns their paths. Work is linear
/// in the text; tokenising runs in parallel. Doc id = position from the oldest article.
pub fn search_files(ctx: &RenderContext<'_>, sink: &dyn Sink) -> anyhow::Result<Vec<String>> {
    let index = ctx.index;
    let date_display = |date: &chrono::DateTime<chrono::FixedOffset>| ctx.date_display(date);
    let n = index.articles.len();
    // Doc id order: oldest first.
    let order: Vec<usize> = (0..n).rev().collect();

    let mut merged: TermMap<Postings> = TermMap::default();
    for (wave_no, wave) in order.chunks(WAVE_DOCS).enumerate() {
        let locals: Vec<LocalPostings> = wave
            .par_chunks(TASK_DOCS)
            .enumerate()
            .map(|(task_no, docs)| {
                let first_id = wave_no * WAVE_DOCS + task_no * TASK_DOCS;
                let mut tokeniser = Tokeniser::new(index);
                for (k, &i) in docs.iter().enumerate() {
                    // Ids past 2^31 cannot be flagged; no site is that big.
                    let id = u32::try_from(first_id + k)
                        .map_or(u32::MAX >> 1, |id| id.min(u32::MAX >> 1));
                    tokeniser.add_document(id, &index.articles[i])?;
                }
                Ok(tokeniser.postings)
            })
            .collect::<anyhow::Result<_>>()?;
        for local in locals {
            for (term, entries) in local {
                let postings = merged.entry(term).or_default();
                for entry in entries {
                    postings.push(entry);
                }
            }
        }
    }

    let mut sorted: Vec<(Box<str>, Postings)> = merged.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let sizes: Vec<usize> = sorted
        .iter()
        .map(|(t, p)| t.len() + p.text.len() + 6)
        .collect();
    let terms: Vec<&str> = sorted.iter().map(|(t, _)| &**t).collect();
    let mut ranges = Vec::new();
    split_shards(&terms, &sizes, 0..terms.len(), 0, &mut ranges);

    let mut paths = Vec::new();
    let mut put = |file: OutputFile| -> anyhow::Result<()> {
        paths.push(file.path.clone());
        sink.put(file)
    };
    let folds: BTreeMap<String, &str> = FOLDS.iter().map(|(c, s)| (c.to_string(), *s)).collect();
    let meta = json!({
        "version": FORMAT_VERSION,
        "docs": n,
        "docs_per_file": DOCS_PER_FILE,
        "min": MIN_TERM_CHARS,
        "max": MAX_TERM_CHARS,
        "stop": STOP_WORDS,
        "arabic_prefixes": ARABIC_PREFIXES,
        "folds": folds,
        "shards": ranges.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
    });
    put(OutputFile::new(
        format!("{SEARCH_DIR}index.js"),
        script("meta", "", &meta.to_string()),
    ))?;

    for (file_no, ids) in order.chunks(DOCS_PER_FILE).enumerate() {
        let docs: Vec<_> = ids
            .iter()
            .map(|&i| {
                let a = &index.articles[i];
                json!([
                    a.path,
                    a.title,
                    a.date.format("%Y-%m-%d").to_string(),
                    date_display(&a.date),
                    region_name(index, &a.region),
                    a.lang,
                    u8::from(a.rtl),
                    snippet(&a.summary, SNIPPET_CHARS),
                ])
            })
            .collect();
        let data = serde_json::Value::Array(docs).to_string();
        put(OutputFile::new(
            format!("{SEARCH_DIR}docs-{file_no}.js"),
            script("docs", &file_no.to_string(), &data),
        ))?;
    }
    // Ranges are in term order: each shard takes its terms off the front of the list.
    let mut sorted = sorted.into_iter();
    for (key, range) in ranges {
        let mut body = String::with_capacity(sizes[range.clone()].iter().sum::<usize>() + 2);
        body.push('{');
        for (term, postings) in sorted.by_ref().take(range.len()) {
            if body.len() > 1 {
                body.push(',');
            }
            body.push_str(&serde_json::to_string(&*term).unwrap_or_default());
            body.push_str(":[");
            body.push_str(&postings.text);
            body.push(']');
        }
        body.push('}');
        put(OutputFile::new(
            shard_file(&key),
            script("terms", &key, &body),
        ))?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use words::is_stop_word;

    fn norm(word: &str) -> String {
        let mut out = String::new();
        normalise_word(word, &mut out);
        out
    }

    #[test]
    fn words_are_normalised() {
        for (word, expected) in [
            ("Zürich", "zurich"),
            ("GENÈVE", "geneve"),
            ("São", "sao"),
            ("Straße", "strasse"),
            ("Øresund", "oresund"),
            ("Côte", "cote"),
            ("İstanbul", "istanbul"),
            ("Ελλάδα", "ελλαδα"),
            // Arabic: tashkeel stripped, hamza forms of alef unified, teh marbuta, tatweel.
            ("مَدْرَسَة", "مدرسه"),
            ("أحمد", "احمد"),
            ("إسلام", "اسلام"),
            ("آمن", "امن"),
            ("ٱلله", "الله"),
            ("مـسـقـط", "مسقط"),
            ("مستشفى", "مستشفي"),
            ("٢٠٢٤", "2024"),
        ] {
            assert_eq!(norm(word), expected, "{word}");
        }
    }

    #[test]
    fn terms_drop_stop_words_and_strip_arabic_prefixes() {
        assert_eq!(
            terms("The Zürich airport's passengers, in 2023: a record!"),
            ["zurich", "airport", "passengers", "2023", "record"]
        );
        assert_eq!(
            terms("المعرض والنسيج للحرفيين معرض في"),
            ["معرض", "نسيج", "حرفيين", "معرض"]
        );
        // Stripping never leaves fewer than two letters.
        assert_eq!(terms("الم"), ["الم"]);
        assert!(terms("a b c").is_empty());
    }

    #[test]
    fn every_stop_word_is_found() {
        for word in STOP_WORDS {
            assert!(is_stop_word(word), "{word}");
            let mut normalised = String::new();
            normalise_word(word, &mut normalised);
            assert_eq!(&normalised, word, "stop words are listed normalised");
        }
        assert!(!is_stop_word("zurich"));
    }

    #[test]
    fn html_becomes_text() {
        let mut out = String::new();
        html_text(
            "<p>Tom &amp; Jerry&#39;s <em>caf&eacute;</em> &#x41;&#66; &broken x&lt;y</p>",
            &mut out,
        );
        assert_eq!(out, " Tom & Jerry's  caf&eacute;  AB &broken x<y ");
        let mut out = String::new();
        html_text("unclosed <a href", &mut out);
        assert_eq!(out, "unclosed  ");
    }

    #[test]
    fn snippets_cut_at_words() {
        assert_eq!(snippet("short", 10), "short");
        assert_eq!(snippet("one two three four", 10), "one two…");
        assert_eq!(snippet("مسقط تستضيف معرضاً", 12), "مسقط تستضيف…");
    }

    #[test]
    fn postings_are_delta_coded() {
        let mut p = Postings::default();
        for entry in [3 * 2 + 1, 5 * 2, 6 * 2 + 1] {
            p.push(entry);
        }
        assert_eq!(p.text, "7,4,3");
    }

    #[test]
    fn big_shards_split_by_one_more_character() {
        let terms = ["co", "coal", "cold", "could", "country", "zebra"];
        // Sizes: everything under "co" is too big together; "cou" too; the rest is small.
        let sizes = [10, SHARD_MAX / 2, SHARD_MAX / 2, SHARD_MAX, SHARD_MAX, 10];
        let mut out = Vec::new();
        split_shards(&terms, &sizes, 0..terms.len(), 0, &mut out);
        let keys: Vec<(&str, Vec<&str>)> = out
            .iter()
            .map(|(k, r)| (k.as_str(), terms[r.clone()].to_vec()))
            .collect();
        assert_eq!(
            keys,
            [
                ("co", vec!["co"]),
                ("coa", vec!["coal"]),
                ("col", vec!["cold"]),
                ("coul", vec!["could"]),
                ("coun", vec!["country"]),
                ("z", vec!["zebra"]),
            ]
        );
        let mut small = Vec::new();
        split_shards(&terms, &[1; 6], 0..6, 0, &mut small);
        assert_eq!(small, [(String::new(), 0..6)]);
        let mut none = Vec::new();
        split_shards(&[], &[], 0..0, 0, &mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn shard_files_are_safe_names() {
        assert_eq!(shard_file(""), "search/terms-all.js");
        assert_eq!(shard_file("zu"), "search/terms-7a-75.js");
        assert_eq!(shard_file("مس"), "search/terms-645-633.js");
    }
}

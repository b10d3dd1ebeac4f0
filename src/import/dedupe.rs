//! Near-duplicate stories: the same wire story from two agencies, or an article imported
//! twice from different files. Bodies become sets of word shingles; MinHash signatures
//! with LSH banding find candidates quickly, and the exact Jaccard similarity of the
//! shingle sets decides (≥ 0.8 is a near-duplicate). Knows nothing of files or front matter.

use super::text::is_word_char;
use std::collections::HashMap;

/// Jaccard similarity at or above which two bodies are the same story.
pub const THRESHOLD: f64 = 0.8;
/// Words per shingle: three keeps a story recognisable after an agency rewrites a few
/// words, and is still rare enough across different stories.
const SHINGLE: usize = 3;
/// MinHash signature length (a power of two) and LSH banding: 16 bands of 4 rows find
/// pairs at J = 0.8 with probability 1 - (1 - 0.8^4)^16 ≈ 0.9998, and rarely propose
/// pairs below 0.5.
const HASHES: usize = 64;
const ROWS: usize = 4;

/// A body reduced to what comparison needs.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Sorted, distinct shingle hashes.
    shingles: Vec<u64>,
    signature: [u64; HASHES],
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a: stable across runs and platforms (std's hasher is randomly seeded).
fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// splitmix64 finaliser: turns one shingle hash into independent-looking hash functions.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl Fingerprint {
    /// Fingerprint of a body (paragraphs joined). Case, punctuation and markdown escapes
    /// are ignored: only the words count.
    pub fn new(text: &str) -> Fingerprint {
        // Word hashes in one pass, lowercased on the fly (no token list, no strings).
        let mut words: Vec<u64> = Vec::with_capacity(text.len() / 5);
        let mut hash = FNV_OFFSET;
        let mut in_word = false;
        for c in text.chars() {
            let word_char = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                is_word_char(c)
            };
            if !word_char {
                if in_word {
                    words.push(hash);
                    hash = FNV_OFFSET;
                    in_word = false;
                }
                continue;
            }
            in_word = true;
            if c.is_ascii() {
                hash = fnv1a(&[c.to_ascii_lowercase() as u8], hash);
            } else {
                let mut buf = [0u8; 4];
                for lower in c.to_lowercase() {
                    hash = fnv1a(lower.encode_utf8(&mut buf).as_bytes(), hash);
                }
            }
        }
        if in_word {
            words.push(hash);
        }
        let mut shingles: Vec<u64> = if words.len() < SHINGLE {
            words.clone()
        } else {
            words
                .windows(SHINGLE)
                .map(|w| w.iter().fold(0u64, |h, &x| mix(h ^ x).rotate_left(17)))
                .collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        // One-permutation MinHash: each shingle is hashed once and lands in one of HASHES
        // bins by its top bits; a bin keeps its minimum. Empty bins borrow from the next
        // full bin (densification), so short bodies still fill every band. Equal sets give
        // equal signatures; similar sets agree bin by bin with probability ≈ Jaccard.
        let bits = HASHES.trailing_zeros();
        let mut signature = [u64::MAX; HASHES];
        for &s in &shingles {
            let h = mix(s);
            let bin = (h >> (64 - bits)) as usize;
            let value = h & (u64::MAX >> bits);
            if value < signature[bin] {
                signature[bin] = value;
            }
        }
        if !shingles.is_empty() {
            let filled = signature;
            for (i, slot) in signature.iter_mut().enumerate() {
                let step = (0..HASHES)
                    .find(|&step| filled[(i + step) % HASHES] != u64::MAX)
                    .unwrap_or(0);
                if step > 0 {
                    *slot = mix(filled[(i + step) % HASHES] ^ step as u64);
                }
            }
        }
        Fingerprint {
            shingles,
            signature,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }

    /// Exact Jaccard similarity of the shingle sets.
    pub fn jaccard(&self, other: &Fingerprint) -> f64 {
        if self.shingles.is_empty() && other.shingles.is_empty() {
            return 0.0;
        }
        let (mut i, mut j, mut both) = (0, 0, 0usize);
        let (a, b) = (&self.shingles, &other.shingles);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    both += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        both as f64 / (a.len() + b.len() - both) as f64
    }

    fn band_keys(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.signature
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| (band, rows.iter().fold(0u64, |h, &x| mix(h ^ x))))
    }
}

/// Every known body, indexed for near-duplicate queries. `T` names a body (a slug).
#[derive(Debug, Default)]
pub struct Index<T> {
    items: Vec<(T, Fingerprint)>,
    bands: HashMap<(usize, u64), Vec<usize>>,
}

impl<T> Index<T> {
    pub fn new() -> Index<T> {
        Index {
            items: Vec::new(),
            bands: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn insert(&mut self, name: T, fingerprint: Fingerprint) {
        if fingerprint.is_empty() {
            return;
        }
        let id = self.items.len();
        for key in fingerprint.band_keys() {
            self.bands.entry(key).or_default().push(id);
        }
        self.items.push((name, fingerprint));
    }

    /// The most similar known body at or above the threshold, and its similarity.
    pub fn nearest(&self, fingerprint: &Fingerprint) -> Option<(&T, f64)> {
        if fingerprint.is_empty() {
            return None;
        }
        let mut candidates: Vec<usize> = fingerprint
            .band_keys()
            .filter_map(|key| self.bands.get(&key))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|id| (id, self.items[id].1.jaccard(fingerprint)))
            .filter(|&(_, j)| j >= THRESHOLD)
            // Highest similarity; the earliest known body wins a tie.
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(id, j)| (&self.items[id].0, j))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AP: &str = "Iraqi Foreign Minister Fuad Hussein, in a phone call with US Secretary of State Antony Blinken on Tuesday, \
        stressed the need to return to the negotiating table over the future of the US-led international military coalition in Iraq, \
        the foreign ministry said in a statement. Talks between the two countries began in January, but less than 24 hours later \
        three US service members were killed in an attack near the Syrian-Jordanian border that the United States said was carried \
        out by Iran-backed militant groups in Syria and Iraq. The talks have since paused. The US military launched airstrikes on \
        Friday in both Iraq and Syria against more than 85 targets linked to Iran's Revolutionary Guard and the militias it backs, \
        in retaliation for the attack in Jordan.";

    #[test]
    fn same_story_from_two_agencies() {
        let reuters = AP
            .replace("in a phone call", "in a telephone call")
            .replace(
                "the foreign ministry said in a statement",
                "the ministry said",
            )
            .replace(
                "The talks have since paused.",
                "The talks have been on hold since.",
            );
        let a = Fingerprint::new(AP);
        let b = Fingerprint::new(&reuters);
        let j = a.jaccard(&b);
        assert!(j >= THRESHOLD, "similarity {j}");
        let mut index = Index::new();
        index.insert("ap-story", a);
        assert_eq!(index.nearest(&b).map(|(n, _)| *n), Some("ap-story"));
    }

    #[test]
    fn different_stories_are_not_duplicates() {
        let other = "Tunisian authorities have dismantled makeshift camps housing 7,000 undocumented sub-Saharan African migrants \
            and begun forcibly deporting some of them, a senior official told Reuters on Saturday.";
        let mut index = Index::new();
        index.insert("iraq", Fingerprint::new(AP));
        assert!(index.nearest(&Fingerprint::new(other)).is_none());
        // Half of a story is not the story.
        let half = &AP[..AP.len() / 2];
        assert!(index.nearest(&Fingerprint::new(half)).is_none());
    }

    #[test]
    fn identical_text_is_similarity_one() {
        let a = Fingerprint::new("One two three four five.");
        let b = Fingerprint::new("one, two — three four five");
        assert_eq!(a.jaccard(&b), 1.0);
        assert_eq!(Fingerprint::new("").jaccard(&Fingerprint::new("")), 0.0);
        let mut index: Index<&str> = Index::new();
        index.insert("empty", Fingerprint::new(""));
        assert!(index.is_empty());
    }

    #[test]
    fn banding_finds_nearly_every_pair_above_the_threshold() {
        // Deterministic pseudo-random stories and rewrites of them (a few words changed).
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut next = move || {
            state = mix(state);
            state
        };
        let (mut above, mut found) = (0, 0);
        for story in 0..200 {
            let words: Vec<String> = (0..150).map(|_| format!("w{}", next() % 3000)).collect();
            let mut rewrite = words.clone();
            for _ in 0..(next() % 5) {
                let i = (next() % 150) as usize;
                rewrite[i] = format!("x{}", next() % 3000);
            }
            let a = Fingerprint::new(&words.join(" "));
            let b = Fingerprint::new(&rewrite.join(" "));
            if a.jaccard(&b) >= THRESHOLD {
                above += 1;
                let mut index = Index::new();
                index.insert(story, a);
                found += usize::from(index.nearest(&b).is_some());
            }
        }
        assert!(above > 150, "{above}");
        assert!(found * 100 >= above * 98, "found {found} of {above}");
    }

    #[test]
    fn short_bodies_use_words() {
        let a = Fingerprint::new("Hello world");
        assert_eq!(a.jaccard(&Fingerprint::new("hello WORLD")), 1.0);
    }
}

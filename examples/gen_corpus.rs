//! A deterministic generator of realistic gazette sites for benchmarks:
//! `cargo run --release --example gen_corpus -- N DIR [SEED]`.
//! N articles of 400-900 words, 8 regions, 150 tags with a Zipf-like spread (1-5 per
//! article), dates over 3 years (2022-2024). Same N and SEED → byte-identical files.

use std::fmt::Write as _;
use std::path::Path;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const REGIONS: &[(&str, &str, &[&str])] = &[
    (
        "middle-east",
        "Middle East",
        &["Iraq", "Syria", "Lebanon", "Jordan", "Iran", "Turkey"],
    ),
    (
        "gulf",
        "Gulf",
        &[
            "Saudi Arabia",
            "Qatar",
            "Kuwait",
            "Oman",
            "Bahrain",
            "Yemen",
        ],
    ),
    (
        "north-africa",
        "North Africa",
        &["Egypt", "Libya", "Tunisia", "Algeria", "Morocco", "Sudan"],
    ),
    (
        "africa",
        "Africa",
        &[
            "Kenya", "Nigeria", "Ethiopia", "Ghana", "Senegal", "Somalia",
        ],
    ),
    (
        "europe",
        "Europe",
        &["France", "Germany", "Italy", "Greece", "Ukraine", "Spain"],
    ),
    (
        "americas",
        "Americas",
        &["Brazil", "Mexico", "Chile", "Canada", "Peru", "Colombia"],
    ),
    (
        "asia",
        "Asia",
        &[
            "India",
            "Indonesia",
            "Japan",
            "Pakistan",
            "Vietnam",
            "Mongolia",
        ],
    ),
    (
        "world",
        "World",
        &["the United Nations", "the G20", "the IMF", "the WHO"],
    ),
];

const SUBJECTS: &[&str] = &[
    "Government",
    "Parliament",
    "Central Bank",
    "Foreign Minister",
    "Opposition",
    "Energy Ministry",
    "Court",
    "Army",
    "Farmers",
    "Port Authority",
];
const VERBS: &[&str] = &[
    "Approves",
    "Rejects",
    "Announces",
    "Delays",
    "Expands",
    "Suspends",
    "Reviews",
    "Backs",
    "Cuts",
    "Unveils",
];
const OBJECTS: &[&str] = &[
    "Budget",
    "Grain Exports",
    "Fuel Subsidies",
    "Water Plan",
    "Border Talks",
    "Power Deal",
    "Migration Rules",
    "Election Date",
    "Trade Pact",
    "Reconstruction Fund",
];
const WORDS: &[&str] = &[
    "officials",
    "said",
    "the",
    "ministry",
    "on",
    "Monday",
    "that",
    "talks",
    "would",
    "continue",
    "despite",
    "pressure",
    "from",
    "regional",
    "partners",
    "analysts",
    "warned",
    "economy",
    "remains",
    "fragile",
    "after",
    "months",
    "of",
    "drought",
    "and",
    "rising",
    "prices",
    "government",
    "plans",
    "to",
    "expand",
    "investment",
    "in",
    "energy",
    "infrastructure",
    "while",
    "residents",
    "reported",
    "long",
    "queues",
    "at",
    "fuel",
    "stations",
    "parliament",
    "is",
    "expected",
    "vote",
    "next",
    "week",
    "agreement",
    "could",
    "reshape",
    "trade",
    "across",
    "region",
    "according",
    "a",
    "statement",
    "issued",
    "late",
    "Tuesday",
];

fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cap = true;
    for c in text.chars() {
        if cap {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        cap = c == ' ';
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .expect("usage: gen_corpus N DIR [SEED]");
    let dir = args.next().expect("usage: gen_corpus N DIR [SEED]");
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let root = Path::new(&dir);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);

    let tags: Vec<String> = (0..150).map(|i| format!("topic-{i:03}")).collect();
    // Zipf-like: tag i has weight 1/(i+1); precompute the cumulative weights.
    let weights: Vec<f64> = (0..tags.len()).map(|i| 1.0 / (i as f64 + 1.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut acc = 0.0;
    for w in &weights {
        acc += w / total;
        cumulative.push(acc);
    }

    let mut site = String::from("title: Benchmark Gazette\nbase_url: https://example.org/\nlang: en\npaginate: 20\nfeeds:\n  limit: 20\nregions:\n");
    for (slug, name, countries) in REGIONS {
        let _ = writeln!(
            site,
            "  - slug: {slug}\n    name: {name}\n    countries: [{}]",
            countries.join(", ")
        );
    }
    site.push_str("tags:\n");
    for tag in &tags {
        let _ = writeln!(site, "  - slug: {tag}\n    name: Topic {}", &tag[6..]);
    }
    std::fs::create_dir_all(root.join("content")).expect("create DIR/content");
    std::fs::write(root.join("site.yaml"), site).expect("write site.yaml");

    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).expect("valid date");
    for i in 0..n {
        let (region, _, countries) = REGIONS[rng.below(REGIONS.len())];
        let country = rng.pick(countries);
        let title = format!(
            "{country} {} {} {}",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        );
        let date = start + chrono::Duration::days(rng.below(3 * 365) as i64);
        let (hour, minute) = (rng.below(24), rng.below(60));
        let mut article_tags: Vec<&str> = Vec::new();
        for _ in 0..1 + rng.below(5) {
            let x = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
            let tag = &tags[cumulative.partition_point(|&c| c < x).min(tags.len() - 1)];
            if !article_tags.contains(&tag.as_str()) {
                article_tags.push(tag);
            }
        }
        let words = 400 + rng.below(501);
        let mut body = String::with_capacity(words * 8);
        let mut first_paragraph = String::new();
        let mut in_sentence = 0;
        let mut in_paragraph = 0;
        for w in 0..words {
            let word = rng.pick(WORDS);
            if in_sentence == 0 {
                body.push_str(&title_case(word));
            } else {
                body.push_str(word);
            }
            in_sentence += 1;
            in_paragraph += 1;
            if in_sentence > 12 + rng.below(10) || w + 1 == words {
                body.push('.');
                in_sentence = 0;
            }
            if in_paragraph > 80 && in_sentence == 0 && w + 1 != words {
                if first_paragraph.is_empty() {
                    first_paragraph = body.clone();
                }
                body.push_str("\n\n");
                in_paragraph = 0;
            } else if w + 1 != words {
                body.push(' ');
            }
        }
        let summary: String = first_paragraph.split('.').next().unwrap_or("").to_string();
        let slug = format!("{}-{i}", gazette::slug::slugify(&title));
        let text = format!(
            "---\ntitle: \"{title}\"\ndate: \"{date}T{hour:02}:{minute:02}:00Z\"\nregion: {region}\ntags: [{}]\nsummary: \"{summary}.\"\nslug: {slug}\nsource: AP\n---\n\n{body}\n",
            article_tags.join(", ")
        );
        let folder = root.join("content").join(date.format("%Y/%m").to_string());
        std::fs::create_dir_all(&folder).expect("create content folder");
        std::fs::write(folder.join(format!("{slug}.md")), text).expect("write article");
    }
    println!("wrote {n} articles to {}", root.display());
}

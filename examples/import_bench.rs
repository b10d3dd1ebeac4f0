//! Import speed, on one core: `cargo run --release --example import_bench -- [N]`.
//! Generates N raw articles in the seed's format (title, caption twice, noise, the repeat
//! block, 6-12 body paragraphs naming countries), 100 per raw file, into a temp site with
//! the repository's site.yaml, then times `gazette::import::run` end to end (reading,
//! splitting, classifying, dating, near-duplicate checks, rendering and writing every
//! file) and, separately, the in-memory part alone. The goal is ≥ 5,000 articles/s.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const COUNTRIES: &[&str] = &[
    "Iraq",
    "Syria",
    "Lebanon",
    "Jordan",
    "Iran",
    "Turkey",
    "Saudi Arabia",
    "the UAE",
    "Qatar",
    "Kuwait",
    "Oman",
    "Yemen",
    "Egypt",
    "Libya",
    "Tunisia",
    "Algeria",
    "Morocco",
    "Sudan",
    "Kenya",
    "Nigeria",
    "France",
    "Russia",
    "Ukraine",
    "the United States",
    "Brazil",
    "China",
    "India",
    "Japan",
    "Washington",
    "Baghdad",
    "Cairo",
];
const DEMONYMS: &[&str] = &[
    "Iraqi", "Syrian", "Egyptian", "Saudi", "Emirati", "Tunisian", "Moroccan", "US", "Turkish",
    "Iranian",
];
const WORDS: &[&str] = &[
    "officials",
    "said",
    "talks",
    "government",
    "minister",
    "on",
    "the",
    "of",
    "a",
    "new",
    "agreement",
    "over",
    "border",
    "security",
    "economy",
    "oil",
    "prices",
    "rose",
    "after",
    "week",
    "meeting",
    "with",
    "regional",
    "leaders",
    "and",
    "plans",
    "water",
    "trade",
    "investment",
    "farmers",
    "harvest",
    "election",
    "parliament",
    "vote",
    "migrants",
    "camps",
    "aid",
    "agencies",
    "warned",
    "drought",
    "energy",
    "solar",
    "project",
    "budget",
    "banks",
    "sanctions",
    "militia",
];
const MONTHS: &[&str] = &[
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    let _ = write!(s, "{} {}", rng.pick(DEMONYMS), rng.pick(WORDS));
    for i in 0..n {
        s.push(' ');
        if i % 9 == 4 {
            s.push_str(rng.pick(COUNTRIES));
        } else {
            s.push_str(rng.pick(WORDS));
        }
    }
    s.push('.');
    s
}

fn article(rng: &mut Rng, i: usize) -> String {
    let title = format!(
        "{} {} {} Story {i}",
        rng.pick(COUNTRIES).trim_start_matches("the "),
        rng.pick(&["Says", "Plans", "Opens", "Warns"]),
        rng.pick(WORDS)
    );
    let what = sentence(rng, 8);
    let caption = format!(
        "{} in {}, {} {}, 2024. {}",
        what.trim_end_matches('.'),
        rng.pick(COUNTRIES),
        rng.pick(MONTHS),
        1 + rng.next() % 28,
        rng.pick(&["(AP)", "Fethi Beland, AFP", "(Reuters)", "(SPA)"])
    );
    let mut out = format!("{title}\u{a0} \n\n{caption}\n{caption}\nTT\n{}\n\n{title}\u{a0} \n\n{caption}\n{caption}\n\n", rng.next() % 500);
    let paragraphs = 6 + (rng.next() % 7) as usize;
    for p in 0..paragraphs {
        let words = 25 + (rng.next() % 30) as usize;
        out.push_str(&sentence(rng, words));
        out.push_str(if p % 2 == 0 { "\n\n" } else { "\n" });
    }
    out
}

/// (user, system) CPU seconds used by this process so far, from /proc on Linux: on a
/// shared machine wall time measures the neighbours, CPU time measures the import, and
/// system time is mostly the kernel creating files.
fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user / 100.0, system / 100.0)) // USER_HZ is 100 on Linux
}

fn since(start: Option<(f64, f64)>) -> Option<(f64, f64)> {
    let (start, end) = (start?, cpu_seconds()?);
    Some((end.0 - start.0, end.1 - start.1))
}

fn rate(label: &str, n: usize, wall: f64, cpu: Option<(f64, f64)>) {
    let per = |s: f64| n as f64 / s.max(0.01);
    let cpu = cpu
        .map(|(user, system)| {
            format!(
                "; CPU {user:.2}s user + {system:.2}s system = {:.0} articles per CPU second ({:.0} per user-CPU second)",
                per(user + system),
                per(user)
            )
        })
        .unwrap_or_default();
    println!(
        "{label}: {n} articles in {wall:.3}s wall = {:.0} articles/s{cpu}",
        per(wall)
    );
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5_000);
    let root: PathBuf =
        std::env::temp_dir().join(format!("gazette-import-bench-{}", std::process::id()));
    let raw_dir = root.join("raw");
    std::fs::create_dir_all(&raw_dir)?;
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("site.yaml"),
        root.join("site.yaml"),
    )?;

    let mut rng = Rng(0x5EED_0F6A_2E77_E001);
    let mut texts = Vec::new();
    for file in 0..n.div_ceil(100) {
        let mut text = String::new();
        for i in 0..100.min(n - file * 100) {
            text.push_str(&article(&mut rng, file * 100 + i));
            text.push_str("\n\n\n");
        }
        std::fs::write(raw_dir.join(format!("{file:04}.txt")), &text)?;
        texts.push(text);
    }

    // In memory: split, classify, date and fingerprint every article (no disk).
    let config = gazette::config::SiteConfig::load(&root).map_err(|d| anyhow::anyhow!("{d:?}"))?;
    let mut gazetteer =
        gazette::import::classify::Gazetteer::embedded().map_err(anyhow::Error::msg)?;
    gazetteer
        .apply_site_regions(&config.regions)
        .map_err(anyhow::Error::msg)?;
    let vocabulary = gazette::import::classify::Vocabulary::new(&config.tags);
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut articles = 0;
    let mut index = gazette::import::dedupe::Index::new();
    for text in &texts {
        for a in gazette::import::source::plain::split(text).articles {
            let paragraphs: Vec<&str> = a.body.iter().map(|l| l.text.as_str()).collect();
            let class = gazette::import::classify::classify(
                &gazetteer,
                &vocabulary,
                &a.title.text,
                &paragraphs[..3.min(paragraphs.len())],
            );
            let _date = paragraphs
                .iter()
                .take(3)
                .find_map(|p| gazette::import::dates::first_date(p));
            let fingerprint = gazette::import::dedupe::Fingerprint::new(&paragraphs.join("\n"));
            let _ = index.nearest(&fingerprint);
            index.insert(class.region, fingerprint);
            articles += 1;
        }
    }
    let memory = start.elapsed().as_secs_f64();
    let cpu = since(cpu_start);
    rate(
        "in memory (split, classify, dates, near-duplicates)",
        articles,
        memory,
        cpu,
    );

    // End to end: gazette::import::run, writing every file.
    let options = gazette::import::ImportOptions {
        progress: false,
        lang: None,
        root: root.clone(),
        into: None,
        date: None,
        dry_run: false,
        force: false,
        json_report: false,
        paths: vec![raw_dir.clone()],
    };
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let report = gazette::import::run(&options)?;
    let total = start.elapsed().as_secs_f64();
    let cpu = since(cpu_start);
    let written = report
        .articles()
        .filter(|a| a.status == gazette::import::Status::Written)
        .count();
    let drafts = report.articles().filter(|a| a.draft).count();
    rate(
        "end to end (gazette::import::run, files written)",
        written,
        total,
        cpu,
    );
    if drafts > 0 {
        println!("({drafts} near-duplicate drafts)");
    }
    if report.has_errors() {
        eprintln!("{}", report.render_text());
    }
    std::fs::remove_dir_all(&root)?;

    // Each reader alone, on the test fixtures of its kind read over and over: saved HTML
    // pages and wire copy are larger and richer than the seed's format.
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/raw");
    for (label, dir, prefix) in [
        (
            "reader alone: agency wire copy (tests/fixtures/raw/wire_*)",
            fixtures.clone(),
            "wire_",
        ),
        (
            "reader alone: saved HTML pages (tests/fixtures/raw/html)",
            fixtures.join("html"),
            "",
        ),
    ] {
        let mut pages = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if name.starts_with(prefix) && path.is_file() {
                let text = std::fs::read_to_string(&path)?;
                // Only the pages that are articles (the others are refused fast).
                if gazette::import::source::read(&text).is_ok() {
                    pages.push(text);
                }
            }
        }
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let mut read = 0;
        while read < n {
            for page in &pages {
                let (_, file) = gazette::import::source::read(page).map_err(anyhow::Error::msg)?;
                read += file.articles.len();
            }
        }
        rate(label, read, start.elapsed().as_secs_f64(), since(cpu_start));
    }
    Ok(())
}

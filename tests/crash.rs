//! Crash safety (issue 8): `gazette build` and `gazette import` SIGKILLed at random
//! points of their progress (once so many files are written, polled; never a timed
//! delay, so a busy machine makes the test slower, not red, issue 12). A killed build leaves public/ exactly as a complete build made it (the
//! previous one, or the new one if the swap had already happened), never a mix; the next
//! build succeeds and removes the killed builds' staging folders. A killed import leaves
//! no partial markdown file: every `.md` present is complete and loads.
#![cfg(unix)]

mod common;

use common::snapshot;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, RandomState};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SITE_YAML: &str = "title: Crash Gazette
base_url: https://example.org/
timezone: UTC
regions:
  - slug: gulf
    name: Gulf
    countries: [Qatar, Oman, Saudi Arabia]
  - slug: europe
    name: Europe
    countries: [France, Germany]
  - slug: north-africa
    name: North Africa
    countries: [Egypt, Tunisia]
  - slug: world
    name: World
  - slug: middle-east
    name: Middle East
  - slug: africa
    name: Africa
  - slug: americas
    name: Americas
  - slug: asia
    name: Asia
tags:
  - slug: energy
    name: Energy
    words: [oil, gas]
";

const REGIONS: [&str; 4] = ["gulf", "europe", "north-africa", "world"];
const TAGS: [&str; 6] = ["energy", "trade", "oman", "egypt", "france", "elections"];

/// A small deterministic generator, seeded at random and printed, so that a failing
/// sequence of kill moments can be replayed with CRASH_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| RandomState::new().hash_one(Instant::now()));
        eprintln!("CRASH_SEED={seed}");
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [lo, hi).
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
}

fn article_text(i: usize, edition: usize) -> String {
    let region = REGIONS[i % REGIONS.len()];
    let tags: Vec<&str> = (0..i % 3).map(|k| TAGS[(i + k) % TAGS.len()]).collect();
    format!(
        "---\ntitle: \"Story {i}: talks on trade and oil, edition {edition}\"\ndate: 2024-{:02}-{:02}T{:02}:00:00Z\nregion: {region}\ntags: [{}]\n---\n\nParagraph one of story {i}, edition {edition}, with some words about the economy.\n\nParagraph two of story {i} names [another story](@/{}/{:05}.md).\n",
        i % 12 + 1,
        i % 28 + 1,
        i % 24,
        tags.join(", "),
        REGIONS[(i / 2) % REGIONS.len()],
        i / 2,
    )
}

fn article_path(i: usize) -> String {
    format!("content/{}/{i:05}.md", REGIONS[i % REGIONS.len()])
}

/// A site of `n` articles; every internal link points at an existing article.
fn generate_site(root: &Path, n: usize) {
    std::fs::write(root.join("site.yaml"), SITE_YAML).unwrap();
    for region in REGIONS {
        std::fs::create_dir_all(root.join("content").join(region)).unwrap();
    }
    for i in 0..n {
        std::fs::write(root.join(article_path(i)), article_text(i, 0)).unwrap();
    }
}

fn gazette(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
    command
        .args(args)
        .env_remove("RAYON_NUM_THREADS")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn build_args(root: &Path) -> Vec<String> {
    vec![
        "build".into(),
        "--root".into(),
        root.display().to_string(),
        "--now".into(),
        "2025-01-01T00:00:00Z".into(),
    ]
}

/// Run a build to the end; it must succeed.
fn complete_build(root: &Path) {
    let args = build_args(root);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = gazette(&args).output().unwrap();
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Files under `dir` (0 when it does not exist); entries that vanish during the walk, as
/// when a build swaps its staging folder away, are skipped.
fn count_files(dir: &Path, keep: impl Fn(&str) -> bool) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && keep(&e.file_name().to_string_lossy()))
        .count()
}

/// How long a child may take to reach its kill point before the test gives up: only a
/// hung child gets near it, however busy the machine is.
const DEADLINE: Duration = Duration::from_secs(300);

/// SIGKILL `child` as soon as `reached` holds (polled), or let it finish first; true if it
/// was killed. The kill moment is a point in the child's progress (so many files written),
/// not a time, so a busy machine slows the child and the test alike.
fn kill_when(mut child: Child, mut reached: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if reached() {
            break;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("the child did not reach its kill point within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // `Child::kill` is SIGKILL on Unix.
    let _ = child.kill();
    let status = child.wait().unwrap();
    status.code().is_none()
}

/// Folders a killed build leaves beside the output (`.public.staging-PID`, `.public.old-PID`).
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The build fingerprint is meant to stay; staging and old folders are not.
        .filter(|name| name.starts_with(".public.") && name != ".public.fingerprint")
        .collect()
}

fn describe_difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).take(5).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).take(5).collect();
    let changed: Vec<_> = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .take(5)
        .collect();
    format!(
        "{} vs {} files; only in the first: {only_a:?}; only in the second: {only_b:?}; changed: {changed:?}",
        a.len(),
        b.len()
    )
}

#[test]
fn killed_build_leaves_the_previous_or_the_new_complete_output() {
    // Large enough that a debug build takes seconds, small enough for CI.
    const ARTICLES: usize = 1_500;
    const KILLS: usize = 10;
    let mut rng = Rng::new();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    generate_site(root, ARTICLES);
    complete_build(root);
    let mut previous = snapshot(&root.join("public"));
    assert!(previous.len() > ARTICLES, "{} files", previous.len());

    let args = build_args(root);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut killed = 0;
    for round in 0..KILLS {
        // Every round changes the site, so the old and the new output differ.
        let changed = (round * 7 + 1) % ARTICLES;
        std::fs::write(
            root.join(article_path(changed)),
            article_text(changed, round + 1),
        )
        .unwrap();
        std::fs::write(
            root.join(format!("content/world/new-{round}.md")),
            format!(
                "---\ntitle: New story {round}\ndate: 2024-12-{:02}\nregion: world\n---\n\nNew.\n",
                round + 1
            ),
        )
        .unwrap();
        // Kill moments spread over the whole write: round k kills the build once its
        // staging folder holds a number of files in the k-th tenth of a complete output
        // (0: as soon as the folder exists). The staging folder is only swapped in after
        // the last file, so each kill lands mid-build however slow the machine is.
        let share = (round as f64 + rng.between(0.0, 1.0)) / KILLS as f64;
        let files = ((previous.len() as f64 * share) as usize).min(previous.len() - 1);
        let child = gazette(&args).spawn().unwrap();
        let staging = root.join(format!(".public.staging-{}", child.id()));
        let was_killed = kill_when(child, || {
            staging.is_dir() && count_files(&staging, |_| true) >= files
        });
        killed += usize::from(was_killed);
        let after = snapshot(&root.join("public"));
        let unchanged = after == previous;
        eprintln!(
            "round {round}: killed={was_killed} at {files} staged files, public/ unchanged={unchanged}"
        );
        if unchanged {
            continue;
        }
        // Not the previous output: it must be the complete new one, exactly what a full
        // build of the same content makes.
        let reference = tempfile::tempdir().unwrap();
        let mut reference_args = args.clone();
        let out = reference.path().join("public");
        let out = out.to_str().unwrap();
        reference_args.extend(["--output", out]);
        let status = gazette(&reference_args).status().unwrap();
        assert!(status.success());
        let expected = snapshot(&reference.path().join("public"));
        assert!(
            after == expected,
            "round {round} (killed at {files} staged files): public/ is neither the previous nor the new complete build\nvs previous: {}\nvs new: {}",
            describe_difference(&after, &previous),
            describe_difference(&after, &expected)
        );
        previous = after;
    }
    assert!(
        killed >= KILLS / 2,
        "only {killed} of {KILLS} builds were killed mid-run"
    );

    // A normal build succeeds and cleans up what the killed ones left.
    complete_build(root);
    let last = snapshot(&root.join("public"));
    assert!(
        last.keys().any(|k| k.starts_with("2024/12/new-story-9")),
        "the last change is built"
    );
    assert_eq!(
        leftovers(root),
        Vec::<String>::new(),
        "staging folders left behind"
    );
}

/// Raw wire text: `per_file` articles, each ending with a marker line.
fn raw_file(file: usize, per_file: usize) -> String {
    let mut text = String::new();
    for a in 0..per_file {
        let n = file * per_file + a;
        let country = ["Oman", "Egypt", "France", "Qatar", "Tunisia"][n % 5];
        text.push_str(&format!(
            "{country} Story Number {n} on Trade Talks\n\n{country} and its partners agreed on Tuesday, March 5, 2024, to expand trade talks in story {n}, officials said in a statement.\n\nThe second paragraph of story {n} adds detail about oil and gas.\n\nThe third paragraph of story {n} quotes a minister at length about the budget.\n\nEND OF STORY {n}.\n\n\n"
        ));
    }
    text
}

/// Every `.md` under content/: it must load, and end with its story's marker.
fn check_markdown_complete(root: &Path) -> usize {
    let config = gazette::config::SiteConfig::parse(root, SITE_YAML).unwrap();
    let mut count = 0;
    // A kill before the first file was written leaves no content/ at all.
    if !root.join("content").exists() {
        return 0;
    }
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().is_file() {
            continue;
        }
        assert!(
            name.starts_with('.') || name.ends_with(".md"),
            "a visible non-markdown file in content/: {}",
            entry.path().display()
        );
        if name.starts_with('.') {
            // A killed import's temporary file: hidden and not markdown, so never content.
            assert!(!name.ends_with(".md"), "{name}");
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let split = gazette::content::front_matter::split(&text)
            .unwrap_or_else(|e| panic!("{name}: {e:?}\n{text}"));
        let front = gazette::content::front_matter::parse(entry.path(), &split, &config)
            .unwrap_or_else(|e| panic!("{name}: {e:?}\n{text}"));
        let n: usize = front
            .title
            .split(' ')
            .nth(3)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{name}: title {:?}", front.title));
        assert!(
            text.ends_with(&format!("END OF STORY {n}.\n")),
            "{name} is incomplete:\n{text}"
        );
        count += 1;
    }
    count
}

#[test]
fn killed_import_leaves_no_partial_markdown_file() {
    const FILES: usize = 150;
    const PER_FILE: usize = 4;
    const KILLS: usize = 6;
    let mut rng = Rng::new();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(root.join("site.yaml"), SITE_YAML).unwrap();
    std::fs::create_dir_all(root.join("raw")).unwrap();
    for f in 0..FILES {
        std::fs::write(root.join(format!("raw/{f:04}.txt")), raw_file(f, PER_FILE)).unwrap();
    }
    let root_arg = root.display().to_string();
    let raw_arg = root.join("raw").display().to_string();
    let args = [
        "import",
        "--root",
        &root_arg,
        "--date",
        "2024-03-05",
        &raw_arg,
    ];

    // A full import into a scratch copy: how many articles a complete one writes.
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(scratch.path().join("site.yaml"), SITE_YAML).unwrap();
    let scratch_arg = scratch.path().display().to_string();
    let status = gazette(&[
        "import",
        "--root",
        &scratch_arg,
        "--date",
        "2024-03-05",
        &raw_arg,
    ])
    .status()
    .unwrap();
    assert!(status.success(), "reference import failed");
    let expected = check_markdown_complete(scratch.path());
    assert_eq!(expected, FILES * PER_FILE);

    let content = root.join("content");
    let visible_md = |name: &str| !name.starts_with('.') && name.ends_with(".md");
    let mut killed_midway = 0;
    for round in 0..KILLS {
        // Each rerun skips what is already imported, so the kills move through the set:
        // round k kills the import once content/ holds a number of articles in the k-th
        // sixth of the whole (and at least one more than before, so every run progresses).
        let before = count_files(&content, visible_md);
        let share = (round as f64 + rng.between(0.0, 1.0)) / KILLS as f64;
        let target = ((expected as f64 * share * 0.95) as usize)
            .max(before + 1)
            .min(expected - 1);
        let child = gazette(&args).spawn().unwrap();
        let killed = kill_when(child, || count_files(&content, visible_md) >= target);
        // Every file present is whole.
        let present = check_markdown_complete(root);
        eprintln!("round {round}: killed={killed} at {target} articles, {present} files");
        if killed && present > 0 && present < expected {
            killed_midway += 1;
        }
    }
    assert!(killed_midway >= 1, "no import was killed midway");
    let output = gazette(&args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(check_markdown_complete(root), FILES * PER_FILE);
    let output = gazette(&["check", "--root", &root_arg]).output().unwrap();
    assert!(
        output.status.success(),
        "check after the killed imports: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

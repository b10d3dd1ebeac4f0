//! `gazette import` (issue 3): the seed file's two articles exactly as the issue states
//! them, every raw-format variation in tests/fixtures/raw/, bad input, never overwriting,
//! near-duplicates, the report, and a property test that no non-noise raw line is lost.
//! Library-level tests call `import::run_with_today` (a fixed import day); the end-to-end
//! ones run the real binary on a temp copy of the repository's site.

use chrono::NaiveDate;
use gazette::import::raw::{self, UnplacedReason};
use gazette::import::source::plain;
use gazette::import::{run_with_today, DateSource, ImportOptions, ImportReport, Status};
use gazette::yaml::{Mapping, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "raw/000_4f5add8575dba016.txt";
const IRAQ_TITLE: &str =
    "Iraq and US Need to Return to Dialogue Over Future of Coalition Force, Says Iraq FM";
const TUNISIA_TITLE: &str =
    "Tunisia Dismantles Makeshift Camp Housing Thousands of Sub-Saharan Migrants";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/raw").join(name)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

/// A temp site: the repository's site.yaml and themes, no content.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn options(root: &Path, paths: &[PathBuf]) -> ImportOptions {
    ImportOptions {
        progress: false,
        lang: None,
        root: root.to_path_buf(),
        into: None,
        date: None,
        dry_run: false,
        force: false,
        json_report: false,
        paths: paths.to_vec(),
    }
}

fn import(root: &Path, paths: &[PathBuf]) -> ImportReport {
    run_with_today(&options(root, paths), Some(today())).unwrap()
}

/// A written article: its front matter and body.
struct Written {
    text: String,
    front: Mapping,
    body: String,
}

impl Written {
    fn read(root: &Path, rel: &str) -> Written {
        let text = fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let rest = text.strip_prefix("---\n").expect("front matter fence");
        let end = rest.find("\n---\n").expect("closing fence");
        let front = gazette::yaml::mapping_from_str(&rest[..end + 1]).unwrap();
        let body = rest[end + 5..].to_string();
        Written { text, front, body }
    }

    fn str(&self, key: &str) -> Option<&str> {
        self.front.get(key).and_then(Value::as_str)
    }

    fn tags(&self) -> Vec<String> {
        match self.front.get("tags") {
            Some(Value::Sequence(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => vec![],
        }
    }

    fn paragraphs(&self) -> Vec<&str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    }
}

fn only_file(report: &ImportReport) -> &gazette::import::FileReport {
    assert_eq!(report.files.len(), 1, "{}", report.render_text());
    &report.files[0]
}

#[test]
fn seed_file_gives_the_two_articles_of_the_issue() {
    let site = site();
    let report = import(site.path(), &[repo().join(SEED)]);
    assert!(!report.has_errors(), "{}", report.render_text());
    let file = only_file(&report);
    assert_eq!(file.articles.len(), 2, "{}", report.render_text());

    let iraq = &file.articles[0];
    assert_eq!(iraq.title, IRAQ_TITLE);
    assert_eq!(iraq.status, Status::Written);
    assert_eq!(iraq.region, "middle-east");
    assert_eq!(iraq.date, "2024-02-06");
    let path = iraq.path.as_deref().unwrap();
    assert!(
        path.starts_with("content/middle-east/2024-02-06-iraq-and-us-"),
        "{path}"
    );
    let a = Written::read(site.path(), path);
    assert_eq!(a.str("title"), Some(IRAQ_TITLE));
    assert_eq!(a.str("date"), Some("2024-02-06"));
    assert_eq!(a.str("region"), Some("middle-east"));
    let tags = a.tags();
    assert!(
        tags.contains(&"iraq".to_string()) && tags.contains(&"united-states".to_string()),
        "{tags:?}"
    );
    assert_eq!(a.str("image_credit"), Some("AP"));
    let caption =
        "Iraqi Foreign Minister Fuad Hussein addresses journalists during a joint news conference";
    assert_eq!(
        a.text.matches(caption).count(),
        1,
        "caption once:\n{}",
        a.text
    );
    assert!(a.str("image_caption").unwrap().starts_with(caption));
    assert!(!a.body.contains(caption));
    assert!(
        !a.body.contains(IRAQ_TITLE),
        "title not repeated in the body"
    );
    let paragraphs = a.paragraphs();
    assert!(paragraphs[0].starts_with(
        "Iraqi Foreign Minister Fuad Hussein, in a phone call with US Secretary of State Antony Blinken"
    ));
    assert!(paragraphs
        .last()
        .unwrap()
        .ends_with("as part of a wider crackdown on the illicit use of dollars."));
    assert_eq!(paragraphs.len(), 9);
    assert!(!a.text.contains("\nTT\n") && !a.body.contains("\n20\n"));
    assert_eq!(a.str("imported_from"), Some("000_4f5add8575dba016.txt#1"));
    assert!(
        a.front.get("draft").is_none(),
        "a caption date is not a draft"
    );

    let tunisia = &file.articles[1];
    assert_eq!(tunisia.title, TUNISIA_TITLE);
    assert_eq!(tunisia.region, "north-africa");
    assert_eq!(tunisia.date, "2025-02-02");
    assert_eq!(tunisia.date_source, DateSource::Caption);
    let t = Written::read(site.path(), tunisia.path.as_deref().unwrap());
    assert_eq!(t.str("region"), Some("north-africa"));
    assert_eq!(t.str("date"), Some("2025-02-02"));
    assert!(t.tags().contains(&"tunisia".to_string()));
    let credit = t.str("image_credit").unwrap();
    assert!(
        credit.contains("AFP") && credit.contains("Fethi Beland"),
        "{credit}"
    );
    let paragraphs = t.paragraphs();
    assert!(paragraphs[0].starts_with("Tunisian authorities have dismantled makeshift camps"));
    assert!(paragraphs
        .last()
        .unwrap()
        .ends_with("trying to reach Europe in boats."));
    assert_eq!(
        paragraphs.len(),
        10,
        "single-newline paragraphs are paragraphs too"
    );
    assert_eq!(
        t.text
            .matches("Migrants from sub-Saharan Africa sit at a house in Tunis")
            .count(),
        1
    );

    // The report says where each date came from, and lists noise and repeats by line.
    let text = report.render_text();
    assert!(
        text.contains("date:   2025-02-02 (from the photo caption, line 35)"),
        "{text}"
    );
    assert!(
        text.contains("removed noise: line 5 \"TT\", line 6 \"20\""),
        "{text}"
    );
    assert!(
        text.contains("dropped repeated title/caption: lines 4, 8, 10, 11"),
        "{text}"
    );
}

#[test]
fn crlf_bom_and_nbsp_are_normalised() {
    let site = site();
    let report = import(site.path(), &[fixture("crlf_bom.txt")]);
    let a = &only_file(&report).articles[0];
    assert_eq!(a.title, "Qatar Hosts Talks on Sudan Ceasefire");
    assert_eq!((a.region.as_str(), a.date.as_str()), ("gulf", "2024-03-11"));
    assert_eq!(a.image_credit.as_deref(), Some("Reuters"));
    let w = Written::read(site.path(), a.path.as_deref().unwrap());
    assert!(!w.text.contains('\r') && !w.text.contains('\u{FEFF}') && !w.text.contains('\u{A0}'));
    assert_eq!(w.paragraphs().len(), 3);
    assert!(w
        .tags()
        .starts_with(&["qatar".to_string(), "sudan".to_string()]));
}

#[test]
fn curly_quotes_and_nbsp_inside_titles() {
    let site = site();
    let report = import(site.path(), &[fixture("curly_quotes.txt")]);
    let a = &only_file(&report).articles[0];
    assert_eq!(
        a.title,
        "Lebanon’s Parliament Fails Again to Elect a “Consensus” President"
    );
    assert_eq!(a.region, "middle-east");
    assert_eq!(a.image_credit.as_deref(), Some("Hussein Malla/AP"));
    let w = Written::read(site.path(), a.path.as_deref().unwrap());
    assert_eq!(w.str("title"), Some(a.title.as_str()));
    assert!(a
        .path
        .as_deref()
        .unwrap()
        .ends_with("-lebanons-parliament-fails-again-to-elect-a-consensus-president.md"));
    assert_eq!(
        w.paragraphs()[1],
        "“We will keep trying,” Speaker Nabih Berri told reporters in Beirut."
    );
}

#[test]
fn arabic_title_gets_an_ascii_slug_and_lang() {
    let site = site();
    let report = import(site.path(), &[fixture("arabic_title.txt")]);
    let a = &only_file(&report).articles[0];
    assert_eq!(
        a.title,
        "العراق يطالب بالعودة إلى الحوار مع الولايات المتحدة"
    );
    assert_eq!(a.region, "middle-east");
    assert!(
        a.tags
            .starts_with(&["iraq".to_string(), "united-states".to_string()]),
        "{:?}",
        a.tags
    );
    assert_eq!(a.date, "2024-02-06");
    assert_eq!(a.image_credit.as_deref(), Some("AFP"));
    let path = a.path.as_deref().unwrap();
    assert!(path.is_ascii() && path.contains("-alaraq-"), "{path}");
    let w = Written::read(site.path(), path);
    assert_eq!(w.str("lang"), Some("ar"));
}

#[test]
fn article_without_caption() {
    let site = site();
    let report = import(site.path(), &[fixture("no_caption.txt")]);
    let a = &only_file(&report).articles[0];
    assert_eq!(a.region, "north-africa");
    assert_eq!(
        (a.date.as_str(), a.date_source),
        ("2024-04-04", DateSource::Lead)
    );
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    let w = Written::read(site.path(), a.path.as_deref().unwrap());
    assert!(w.front.get("image_caption").is_none() && w.front.get("image_credit").is_none());
    assert_eq!(w.str("source"), Some("Reuters"));
    assert!(w.paragraphs()[0].starts_with("RABAT (Reuters) - Morocco will extend"));
    assert_eq!(a.noise_removed.len(), 2);
}

#[test]
fn several_articles_in_one_file() {
    let site = site();
    let report = import(site.path(), &[fixture("several_articles.txt")]);
    let got: Vec<(&str, &str, &str)> = only_file(&report)
        .articles
        .iter()
        .map(|a| (a.title.as_str(), a.region.as_str(), a.date.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Egypt and IMF Agree to Expand Loan Programme",
                "north-africa",
                "2024-03-06"
            ),
            (
                "Kenya Deploys Police Officers to Haiti",
                "africa",
                "2024-06-24"
            ),
            (
                "Japan and South Korea Hold Talks on Security",
                "asia",
                "2023-09-12"
            ),
        ]
    );
    let numbers: Vec<usize> = only_file(&report)
        .articles
        .iter()
        .map(|a| a.number)
        .collect();
    assert_eq!(numbers, vec![1, 2, 3]);
    assert_eq!(
        only_file(&report).articles[1].image_credit.as_deref(),
        Some("Simon Maina/AFP")
    );
}

#[test]
fn dates_in_each_format_and_from_each_place() {
    let site = site();
    let report = import(site.path(), &[fixture("date_formats.txt")]);
    let dates: Vec<&str> = only_file(&report)
        .articles
        .iter()
        .map(|a| a.date.as_str())
        .collect();
    // The caption says 2020 (a file photo): the lead's date wins.
    assert_eq!(
        dates,
        vec!["2024-02-06", "2025-02-02", "2024-02-06", "2024-03-11"]
    );

    let cases = [
        ("caption_date.txt", "2024-05-14", DateSource::Caption, false),
        ("no_date.txt", "2025-06-01", DateSource::ImportDay, true),
        (
            "history_dates.txt",
            "2025-06-01",
            DateSource::ImportDay,
            true,
        ),
        (
            "bare_weekday.txt",
            "2025-06-01",
            DateSource::ImportDay,
            true,
        ),
        (
            "markdown_lines.txt",
            "2024-05-02",
            DateSource::Dateline,
            false,
        ),
    ];
    for (name, date, source, draft) in cases {
        let report = import(site.path(), &[fixture(name)]);
        let a = &only_file(&report).articles[0];
        assert_eq!(
            (a.date.as_str(), a.date_source, a.draft),
            (date, source, draft),
            "{name}"
        );
        let w = Written::read(site.path(), a.path.as_deref().unwrap());
        assert_eq!(w.str("date"), Some(date), "{name}");
        assert_eq!(
            w.front.get("draft").and_then(Value::as_bool),
            draft.then_some(true),
            "{name}"
        );
        if draft {
            assert!(
                report.render_text().contains("confirm the date"),
                "{name}: {}",
                report.render_text()
            );
        }
    }
}

#[test]
fn date_option_overrides_the_text() {
    let site = site();
    let mut opts = options(site.path(), &[fixture("no_date.txt"), repo().join(SEED)]);
    opts.date = NaiveDate::from_ymd_opt(2024, 12, 31);
    let report = run_with_today(&opts, Some(today())).unwrap();
    for a in report.articles() {
        assert_eq!(
            (a.date.as_str(), a.date_source, a.draft),
            ("2024-12-31", DateSource::Option, false),
            "{}",
            a.title
        );
    }
    assert_eq!(report.articles().count(), 3);
}

#[test]
fn markdown_lines_stay_paragraphs() {
    let site = site();
    let report = import(site.path(), &[fixture("markdown_lines.txt")]);
    let a = &only_file(&report).articles[0];
    let w = Written::read(site.path(), a.path.as_deref().unwrap());
    let html = {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(&w.body));
        out
    };
    assert_eq!(html.matches("<p>").count(), 7, "{html}");
    for tag in ["<ol", "<ul", "<h1", "<blockquote"] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    assert!(
        html.contains("<p>1. A ceasefire along the front lines.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p>2024. That is the year the talks began.</p>"),
        "{html}"
    );
}

#[test]
fn bad_files_are_errors_and_the_others_are_imported() {
    let site = site();
    let missing = fixture("does_not_exist.txt");
    let report = import(
        site.path(),
        &[
            fixture("empty.txt"),
            fixture("whitespace_only.txt"),
            fixture("latin1.txt"),
            fixture("only_noise.txt"),
            fixture("notes.txt"),
            missing,
            repo().join(SEED),
        ],
    );
    assert!(report.has_errors());
    let errors: Vec<&str> = report
        .files
        .iter()
        .map(|f| f.error.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(errors[0], "the file is empty");
    assert_eq!(errors[1], "the file is empty");
    assert!(
        errors[2].contains("not UTF-8") && errors[2].contains("byte offset 13"),
        "{}",
        errors[2]
    );
    assert!(errors[3].starts_with("no article found"), "{}", errors[3]);
    assert!(errors[4].starts_with("no article found"), "{}", errors[4]);
    assert!(errors[5].starts_with("cannot read"), "{}", errors[5]);
    assert_eq!(errors[6], "");
    assert_eq!(
        report.files[6]
            .articles
            .iter()
            .filter(|a| a.status == Status::Written)
            .count(),
        2
    );
    // The notes file's lines are listed, not silently dropped.
    assert_eq!(report.files[4].unplaced[0].lines.len(), 2);
    let text = report.render_text();
    assert!(
        text.contains("latin1.txt: not UTF-8: invalid byte at byte offset 13"),
        "{text}"
    );
    // Nothing half-written: only the two seed articles exist.
    let written: Vec<_> = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(written.len(), 2);
}

#[test]
fn stray_lines_and_bodiless_titles_are_reported() {
    let site = site();
    let report = import(site.path(), &[fixture("stray_lines.txt")]);
    let file = only_file(&report);
    assert!(report.has_errors());
    assert_eq!(file.articles.len(), 1);
    assert_eq!(
        file.articles[0].title,
        "Libya Reopens Oil Field After Blockade"
    );
    assert_eq!(file.unplaced.len(), 2);
    assert_eq!(file.unplaced[0].lines[0].line, 1);
    assert!(
        file.unplaced[1].message.starts_with("article #2"),
        "{}",
        file.unplaced[1].message
    );
}

#[test]
fn near_duplicate_wire_story_is_a_draft_pointing_at_the_first() {
    let site = site();
    let report = import(
        site.path(),
        &[fixture("wire_ap.txt"), fixture("wire_reuters.txt")],
    );
    let first = &report.files[0].articles[0];
    let second = &report.files[1].articles[0];
    assert!(!first.draft && first.near_duplicate.is_none());
    let near = second
        .near_duplicate
        .as_ref()
        .expect("near duplicate found");
    assert_eq!(near.of, first.slug);
    assert!(near.similarity >= 0.8, "{}", near.similarity);
    assert!(second.draft);
    assert_eq!(
        second.status,
        Status::Written,
        "a near-duplicate is written, not dropped"
    );
    let w = Written::read(site.path(), second.path.as_deref().unwrap());
    assert_eq!(w.str("duplicate_of"), Some(first.slug.as_str()));
    assert_eq!(w.front.get("draft").and_then(Value::as_bool), Some(true));
    assert!(report.render_text().contains("near-duplicate of"));

    // Against content already on disk too.
    let again = import(site.path(), &[fixture("wire_reuters.txt")]);
    assert_eq!(
        again.articles().next().unwrap().status,
        Status::AlreadyImported
    );
}

#[test]
fn importing_twice_writes_nothing_and_never_overwrites() {
    let site = site();
    let first = import(site.path(), &[repo().join(SEED)]);
    let path = site
        .path()
        .join(first.articles().next().unwrap().path.as_deref().unwrap());
    fs::write(
        &path,
        fs::read_to_string(&path).unwrap() + "\nEditor's note.\n",
    )
    .unwrap();
    let edited = fs::read_to_string(&path).unwrap();

    let second = import(site.path(), &[repo().join(SEED)]);
    assert!(!second.has_errors(), "{}", second.render_text());
    assert!(second
        .articles()
        .all(|a| a.status == Status::AlreadyImported));
    assert!(second.render_text().contains("already imported"));
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);

    // --force re-imports in place.
    let mut opts = options(site.path(), &[repo().join(SEED)]);
    opts.force = true;
    let forced = run_with_today(&opts, Some(today())).unwrap();
    assert!(
        forced.articles().all(|a| a.status == Status::Written),
        "{}",
        forced.render_text()
    );
    assert!(!fs::read_to_string(&path)
        .unwrap()
        .contains("Editor's note."));
    let files = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    assert_eq!(files, 2);
}

#[test]
fn an_existing_file_is_an_error_without_force() {
    let site = site();
    let dry = run_with_today(
        &ImportOptions {
            progress: false,
            dry_run: true,
            ..options(site.path(), &[repo().join(SEED)])
        },
        Some(today()),
    )
    .unwrap();
    let rel = dry.articles().next().unwrap().path.clone().unwrap();
    let target = site.path().join(&rel);
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    // An editor's own file with the same name (another title, so not "already imported").
    fs::write(
        &target,
        "---\ntitle: Something else\ndate: 2024-02-06\nregion: middle-east\n---\n\nMine.\n",
    )
    .unwrap();
    let report = import(site.path(), &[repo().join(SEED)]);
    assert!(report.has_errors());
    let a = report.articles().next().unwrap();
    assert_eq!(a.status, Status::Failed);
    assert!(
        a.error.as_deref().unwrap().contains("--force"),
        "{:?}",
        a.error
    );
    assert!(fs::read_to_string(&target).unwrap().contains("Mine."));
    assert_eq!(
        report.articles().nth(1).unwrap().status,
        Status::Written,
        "the other article is still imported"
    );
}

#[test]
fn dry_run_writes_nothing() {
    let site = site();
    let report = run_with_today(
        &ImportOptions {
            progress: false,
            dry_run: true,
            ..options(site.path(), &[repo().join(SEED)])
        },
        Some(today()),
    )
    .unwrap();
    assert!(report.articles().all(|a| a.status == Status::WouldWrite));
    assert!(!site.path().join("content").exists());
    assert!(report.render_text().contains("dry run: nothing written"));
}

#[test]
fn folders_and_into() {
    let site = site();
    let into = site.path().join("elsewhere");
    let raw_dir = site.path().join("inbox");
    fs::create_dir_all(raw_dir.join("sub")).unwrap();
    fs::copy(repo().join(SEED), raw_dir.join("a.txt")).unwrap();
    fs::copy(fixture("no_caption.txt"), raw_dir.join("sub/b.TXT")).unwrap();
    fs::write(raw_dir.join("notes.md"), "not imported").unwrap();
    let report = run_with_today(
        &ImportOptions {
            progress: false,
            into: Some(into.clone()),
            ..options(site.path(), &[raw_dir])
        },
        Some(today()),
    )
    .unwrap();
    assert_eq!(report.files.len(), 2, "{}", report.render_text());
    assert_eq!(report.articles().count(), 3);
    assert!(into.join("north-africa").is_dir() && into.join("middle-east").is_dir());
    assert!(!site.path().join("content").exists());
}

#[test]
fn gazetteer_from_site_yaml_and_region_overrides() {
    let site = site();
    let yaml = fs::read_to_string(site.path().join("site.yaml")).unwrap();
    // Move Iraq to the Gulf region through site.yaml's lists.
    let moved = yaml.replace(
        "countries: [Saudi Arabia,",
        "countries: [Iraq, Saudi Arabia,",
    );
    fs::write(site.path().join("site.yaml"), &moved).unwrap();
    let report = import(site.path(), &[repo().join(SEED)]);
    assert_eq!(report.articles().next().unwrap().region, "gulf");

    // A gazetteer file with an unknown region is an error naming that file.
    let other = crate::site();
    let own = "countries:\n  - {slug: iraq, name: Iraq, region: middle-east}\n  - {slug: chad, name: Chad, region: sahel}\n";
    fs::write(other.path().join("my-gazetteer.yaml"), own).unwrap();
    fs::write(
        other.path().join("site.yaml"),
        format!("{yaml}\ngazetteer: my-gazetteer.yaml\n"),
    )
    .unwrap();
    let err =
        run_with_today(&options(other.path(), &[repo().join(SEED)]), Some(today())).unwrap_err();
    let message = format!("{err:#}");
    assert!(
        message.contains("my-gazetteer.yaml") && message.contains("unknown region \"sahel\""),
        "{message}"
    );
    assert!(!other.path().join("content").exists());
}

#[test]
fn json_report() {
    let site = site();
    let report = import(site.path(), &[repo().join(SEED), fixture("empty.txt")]);
    let json: serde_json::Value = serde_json::from_str(&report.render_json()).unwrap();
    let articles = json["files"][0]["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1]["date_source"], "caption");
    assert_eq!(articles[1]["status"], "written");
    assert_eq!(articles[0]["noise_removed"][0]["line"], 5);
    assert_eq!(json["files"][1]["error"], "the file is empty");
}

// ---------------------------------------------------------------------------------------
// End to end, through the binary.

fn gazette(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write as _;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.stdin(if stdin.is_some() {
        std::process::Stdio::piped()
    } else {
        std::process::Stdio::null()
    });
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn binary_imports_the_seed_and_the_site_builds() {
    let site = site();
    let root = site.path().to_str().unwrap();
    let seed = repo().join(SEED);
    let (code, stdout, stderr) = gazette(&["import", "--root", root, seed.to_str().unwrap()], None);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("wrote content/middle-east/2024-02-06-iraq-and-us-"),
        "{stdout}"
    );
    assert!(
        stdout.contains("wrote content/north-africa/2025-02-02-tunisia-dismantles-"),
        "{stdout}"
    );
    let (code, stdout, stderr) = gazette(&["build", "--root", root], None);
    assert_eq!(code, 0, "build failed:\n{stdout}\n{stderr}");

    // Twice: already imported, exit 0, nothing written.
    let (code, stdout, _) = gazette(&["import", "--root", root, seed.to_str().unwrap()], None);
    assert_eq!(code, 0);
    assert!(stdout.contains("0 written, 2 already imported"), "{stdout}");
}

#[test]
fn binary_every_fixture_imports_into_a_buildable_site() {
    let site = site();
    let root = site.path().to_str().unwrap();
    let dir = repo().join("tests/fixtures/raw");
    let (code, stdout, stderr) = gazette(
        &[
            "import",
            "--root",
            root,
            "--report",
            "json",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        code, 1,
        "bad fixtures make the exit code 1:\n{stdout}\n{stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let written = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["articles"].as_array().unwrap().iter())
        .filter(|a| a["status"] == "written")
        .count();
    assert!(written >= 19, "{written} written");
    let (code, stdout, stderr) = gazette(&["build", "--root", root, "--drafts"], None);
    assert_eq!(
        code, 0,
        "every imported file must load in a build:\n{stdout}\n{stderr}"
    );
    let (code, stdout, stderr) = gazette(&["build", "--root", root], None);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
}

#[test]
fn binary_reads_stdin_and_takes_date() {
    let site = site();
    let root = site.path().to_str().unwrap();
    let raw = fs::read_to_string(fixture("no_date.txt")).unwrap();
    let (code, stdout, stderr) = gazette(
        &["import", "--root", root, "--date", "2024-07-01", "-"],
        Some(&raw),
    );
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("wrote content/gulf/2024-07-01-bahrain-announces-new-cabinet.md"),
        "{stdout}"
    );
    let w = Written::read(
        site.path(),
        "content/gulf/2024-07-01-bahrain-announces-new-cabinet.md",
    );
    assert_eq!(w.str("imported_from"), Some("stdin#1"));
    let (code, _, stderr) = gazette(
        &["import", "--root", root, "--date", "July 1", "-"],
        Some(&raw),
    );
    assert_ne!(code, 0);
    assert!(stderr.contains("--date"), "{stderr}");
}

#[test]
fn binary_bad_file_exit_code_1_others_written() {
    let site = site();
    let root = site.path().to_str().unwrap();
    let (code, stdout, _) = gazette(
        &[
            "import",
            "--root",
            root,
            fixture("latin1.txt").to_str().unwrap(),
            fixture("crlf_bom.txt").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("not UTF-8"), "{stdout}");
    assert!(site
        .path()
        .join("content/gulf/2024-03-11-qatar-hosts-talks-on-sudan-ceasefire.md")
        .is_file());
}

// ---------------------------------------------------------------------------------------
// Nothing lost: every non-blank raw line is a title, caption, date stamp or body
// paragraph of an article, or is reported (noise, repeat, unplaced) with its line number.

mod nothing_lost {
    use super::*;
    use proptest::prelude::*;

    fn title() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Z][a-z]{2,9}( [A-Z][a-z]{1,9}){1,8}",
            "[A-Z][a-z]{2,9} (Says|Plans|Wins) [A-Z][a-z]{2,9}[\u{a0}]?",
            Just("العراق يطالب بالحوار مع الولايات المتحدة".to_string()),
            Just("Iraq and US Need to Return to Dialogue Over Future of Coalition Force, Says Iraq FM\u{a0} ".to_string()),
        ]
    }

    fn sentence() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Z][a-z]{1,8}( [a-z]{1,8}){3,25}\\.",
            "[A-Z][a-z]{1,8}( [a-z]{1,8}){3,12}, said on (Feb\\. 6, 2024|Tuesday|6 February 2024)\\.",
            "[#>*+-] [a-z]{1,8}( [a-z]{1,8}){1,6}",
            "[0-9]{1,4}\\. [a-z ]{1,30}",
            "“[A-Z][a-z ]{5,40}”, he said\\.",
        ]
    }

    fn caption() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Z][a-z]{2,8}( [a-z]{2,8}){2,10} in Baghdad, Iraq, Feb\\. 6, 2024\\. \\(AP\\)",
            "[A-Z][a-z]{2,8}( [a-z]{2,8}){2,10} on February 2, 2025\\. Fethi Beland, AFP",
        ]
    }

    /// One article in the seed's shape, with optional parts.
    fn article() -> impl Strategy<Value = Vec<String>> {
        (
            title(),
            proptest::option::of(caption()),
            any::<bool>(),
            any::<bool>(),
            prop::collection::vec(sentence(), 1..6),
            any::<bool>(),
        )
            .prop_map(|(title, caption, noise, repeat, body, blank_between)| {
                let mut lines = vec![title.clone(), String::new()];
                if let Some(c) = &caption {
                    lines.extend([c.clone(), c.clone()]);
                }
                if noise {
                    lines.extend(["TT".to_string(), "20".to_string()]);
                }
                lines.push(String::new());
                if repeat {
                    lines.extend([title, String::new()]);
                    if let Some(c) = &caption {
                        lines.extend([c.clone(), c.clone(), String::new()]);
                    }
                }
                for s in body {
                    lines.push(s);
                    if blank_between {
                        lines.push(String::new());
                    }
                }
                lines
            })
    }

    /// Whole files: articles separated by blank lines, with stray lines and noise mixed in.
    fn raw_file() -> impl Strategy<Value = (String, bool)> {
        let piece = prop_oneof![
            4 => article(),
            1 => sentence().prop_map(|s| vec![s]),
            1 => Just(vec!["TT".to_string(), "1.2K".to_string()]),
            1 => title().prop_map(|t| vec![t]),
        ];
        (prop::collection::vec(piece, 0..6), any::<bool>(), 1usize..4).prop_map(
            |(pieces, crlf, gap)| {
                let mut lines: Vec<String> = Vec::new();
                for p in pieces {
                    lines.extend(p);
                    lines.extend(std::iter::repeat_n(String::new(), gap));
                }
                let eol = if crlf { "\r\n" } else { "\n" };
                (lines.join(eol), crlf)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn no_non_noise_raw_line_is_lost((text, _crlf) in raw_file()) {
            let file = plain::split(&text);
            let lines = gazette::import::text::lines(&text);
            let mut placed = std::collections::HashMap::new();
            for a in &file.articles {
                placed.insert(a.title.line, "title");
                prop_assert_eq!(&lines[a.title.line - 1].text, &a.title.text);
                if let Some(c) = &a.caption {
                    for &l in &c.lines {
                        prop_assert!(c.raw.contains(lines[l - 1].text.as_ref()));
                        placed.insert(l, "caption");
                    }
                }
                if let Some((l, _)) = &a.stamp {
                    placed.insert(l.line, "stamp");
                }
                for p in &a.body {
                    prop_assert_eq!(&lines[p.line - 1].text, &p.text);
                    placed.insert(p.line, "body");
                }
                for n in &a.noise {
                    prop_assert!(plain::is_noise(&n.text), "{:?} reported as noise", n.text);
                    placed.insert(n.line, "noise");
                }
                let originals: Vec<&str> = std::iter::once(a.title.text.as_str())
                    .chain(a.caption.iter().flat_map(|c| c.lines.iter().map(|&l| lines[l - 1].text.as_ref())))
                    .chain(a.stamp.iter().map(|(l, _)| l.text.as_str()))
                    .collect();
                for d in &a.duplicates {
                    prop_assert!(originals.contains(&d.text.as_str()), "{:?} dropped as a repeat of nothing", d.text);
                    placed.insert(d.line, "duplicate");
                }
                // The markdown keeps every paragraph (escapes aside).
                let paragraphs: Vec<&str> = a.body.iter().map(|p| p.text.as_str()).collect();
                let front = gazette::import::write::FrontMatter {
                    title: a.title.text.clone(), date: "2024-01-01".into(), region: "world".into(),
                    imported_from: "x#1".into(), ..Default::default()
                };
                let blocks: Vec<_> = paragraphs.iter().map(|p| gazette::import::write::Block::Paragraph(p)).collect();
                let md = gazette::import::write::render(&front, &blocks).unwrap();
                for p in &paragraphs {
                    prop_assert!(md.contains(gazette::import::write::escape_paragraph(p).as_ref()));
                }
            }
            for u in &file.unplaced {
                prop_assert!(u.reason != UnplacedReason::NoBody || u.lines.iter().any(|l| !l.text.is_empty()));
                for l in &u.lines {
                    placed.entry(l.line).or_insert("unplaced");
                }
            }
            for line in &lines {
                if !line.is_blank() {
                    prop_assert!(placed.contains_key(&line.number), "line {} {:?} lost in\n{}", line.number, line.text, text);
                }
            }
            // Nothing is placed twice in a way that contradicts: body lines are unique.
            let body_lines: Vec<usize> = file.articles.iter().flat_map(|a| a.body.iter().map(|p| p.line)).collect();
            let mut dedup = body_lines.clone();
            dedup.sort_unstable();
            dedup.dedup();
            prop_assert_eq!(dedup.len(), body_lines.len());
        }

        #[test]
        fn text_functions_never_panic(text in "(\\PC|\n|\u{a0}|[().,:;\u{2014}-]|U\\.S\\.|AFP|Feb\\. 6, 2024|٦ فبراير ٢٠٢٤){0,60}") {
            let _ = gazette::import::dates::find_dates(&text);
            let _ = gazette::import::dates::date_stamp_line(&text);
            let _ = gazette::import::credit::split_credit(&text, true);
            let _ = gazette::import::credit::dateline_agency(&text);
            let _ = gazette::import::write::escape_paragraph(&text);
            static GAZETTEER: std::sync::OnceLock<gazette::import::classify::Gazetteer> = std::sync::OnceLock::new();
            let gazetteer = GAZETTEER.get_or_init(|| gazette::import::classify::Gazetteer::embedded().unwrap());
            for m in gazetteer.mentions(&text) {
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }

        #[test]
        fn any_bytes_are_decoded_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            if let Ok(text) = raw::decode(&bytes) {
                let _ = plain::split(text);
            }
        }

        #[test]
        fn split_never_panics(text in "(\\PC|\n|\r|\u{a0}|\u{feff}){0,400}") {
            let file = plain::split(&text);
            for a in &file.articles {
                prop_assert!(!a.body.is_empty());
            }
        }
    }
}

//! Import: raw wire/scraped article text → markdown content files with front matter
//! (region, date, tags, caption and credit), and the report of what was done. Owns the
//! `gazette import` pipeline: read → `raw::split` → `classify` → `dates` → `dedupe` →
//! `write`. Knows nothing of tera, rendering or the build; reads site.yaml only through
//! `SiteConfig`.

pub mod classify;
pub mod credit;
pub mod dates;
pub mod dating;
pub mod dedupe;
pub mod raw;
pub mod source;
pub mod text;
pub mod write;

use crate::config::SiteConfig;
use crate::diagnostics::{display_path, ContentErrors};
use crate::slug::slugify;
use anyhow::Context;
use chrono::NaiveDate;
use classify::{classify, Gazetteer, RegionReason, Vocabulary, LEAD_PARAGRAPHS};
use dating::choose_date;
pub use dating::DateSource;
use raw::{RawArticle, RawLine};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// What `gazette import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub root: PathBuf,
    pub into: Option<PathBuf>,
    pub date: Option<chrono::NaiveDate>,
    pub dry_run: bool,
    pub force: bool,
    pub json_report: bool,
    pub paths: Vec<PathBuf>,
    /// Show a progress bar over the input files (long imports on a terminal).
    pub progress: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Written,
    WouldWrite,
    AlreadyImported,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearDuplicate {
    /// Slug of the article this one nearly repeats (written as `duplicate_of`).
    pub of: String,
    pub path: String,
    pub similarity: f64,
}

/// One article of a raw file and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    pub number: usize,
    /// First and last raw line of the article.
    pub lines: [usize; 2],
    pub title: String,
    pub status: Status,
    /// The file written (or that would be, or that holds the earlier import).
    pub path: Option<String>,
    pub slug: String,
    pub region: String,
    pub region_reason: String,
    pub date: String,
    pub date_source: DateSource,
    /// Raw line the date was read from, when it came from the text.
    pub date_line: Option<usize>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub image_credit: Option<String>,
    pub source: Option<String>,
    pub noise_removed: Vec<RawLine>,
    pub duplicates_dropped: Vec<RawLine>,
    pub near_duplicate: Option<NearDuplicate>,
    /// Things the editor should check.
    pub notes: Vec<String>,
    pub error: Option<String>,
}

/// Lines of a raw file that are in no article, with the reason (an error).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnplacedReport {
    pub message: String,
    pub lines: Vec<RawLine>,
}

/// One input file (or stdin) and its articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    pub path: String,
    /// Why the whole file could not be imported.
    pub error: Option<String>,
    pub articles: Vec<ArticleReport>,
    pub unplaced: Vec<UnplacedReport>,
}

/// Everything `gazette import` did, for the terminal (`render_text`) or tools (`render_json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    pub warnings: Vec<String>,
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// Any per-file or per-article error: the exit code is 1 (other files were still imported).
    pub fn has_errors(&self) -> bool {
        self.files.iter().any(|f| {
            f.error.is_some()
                || !f.unplaced.is_empty()
                || f.articles.iter().any(|a| a.status == Status::Failed)
        })
    }

    pub fn articles(&self) -> impl Iterator<Item = &ArticleReport> {
        self.files.iter().flat_map(|f| &f.articles)
    }

    pub fn render_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise the report: {e}\"}}"))
            + "\n"
    }

    pub fn render_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for warning in &self.warnings {
            let _ = writeln!(out, "warning: {warning}");
        }
        for file in &self.files {
            let n = file.articles.len();
            match &file.error {
                Some(error) => {
                    let _ = writeln!(out, "error: {}: {error}", file.path);
                }
                None => {
                    let s = if n == 1 { "" } else { "s" };
                    let _ = writeln!(out, "{}: {n} article{s}", file.path);
                }
            }
            for a in &file.articles {
                let verb = match a.status {
                    Status::Written => "wrote",
                    Status::WouldWrite => "would write",
                    Status::AlreadyImported => "already imported, nothing written:",
                    Status::Failed => "error:",
                };
                let target = match (&a.status, &a.error, &a.path) {
                    (Status::Failed, Some(e), Some(p)) => format!("{p}: {e}"),
                    (Status::Failed, Some(e), None) => e.clone(),
                    (_, _, Some(p)) => p.clone(),
                    _ => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  #{} (lines {}-{}) {verb} {target}",
                    a.number, a.lines[0], a.lines[1]
                );
                let _ = writeln!(out, "     title:  {}", a.title);
                let _ = writeln!(out, "     region: {} ({})", a.region, a.region_reason);
                let from = match a.date_line {
                    Some(line) => format!("{}, line {line}", a.date_source.describe()),
                    None => a.date_source.describe().to_string(),
                };
                let _ = writeln!(
                    out,
                    "     date:   {} ({from}){}",
                    a.date,
                    if a.draft { "  [draft]" } else { "" }
                );
                if !a.tags.is_empty() {
                    let _ = writeln!(out, "     tags:   {}", a.tags.join(", "));
                }
                if let Some(credit) = &a.image_credit {
                    let _ = writeln!(out, "     credit: {credit}");
                }
                if let Some(source) = &a.source {
                    let _ = writeln!(out, "     source: {source}");
                }
                if !a.noise_removed.is_empty() {
                    let list: Vec<String> = a
                        .noise_removed
                        .iter()
                        .map(|l| format!("line {} {:?}", l.line, l.text))
                        .collect();
                    let _ = writeln!(out, "     removed noise: {}", list.join(", "));
                }
                if !a.duplicates_dropped.is_empty() {
                    let list: Vec<String> = a
                        .duplicates_dropped
                        .iter()
                        .map(|l| l.line.to_string())
                        .collect();
                    let _ = writeln!(
                        out,
                        "     dropped repeated title/caption: line{} {}",
                        if list.len() == 1 { "" } else { "s" },
                        list.join(", ")
                    );
                }
                for note in &a.notes {
                    let _ = writeln!(out, "     note: {note}");
                }
            }
            for u in &file.unplaced {
                let lines: Vec<String> = u.lines.iter().map(|l| l.line.to_string()).collect();
                let _ = writeln!(
                    out,
                    "  error: {} (line{} {})",
                    u.message,
                    if lines.len() == 1 { "" } else { "s" },
                    lines.join(", ")
                );
                for l in u.lines.iter().take(5) {
                    let _ = writeln!(out, "     {}: {}", l.line, shorten(&l.text, 100));
                }
                if u.lines.len() > 5 {
                    let _ = writeln!(out, "     … {} more line(s)", u.lines.len() - 5);
                }
            }
        }
        let count = |s: Status| self.articles().filter(|a| a.status == s).count();
        let drafts = self
            .articles()
            .filter(|a| a.draft && matches!(a.status, Status::Written | Status::WouldWrite))
            .count();
        let errors = self
            .files
            .iter()
            // A file that failed as a whole counts once, however many lines it lists.
            .map(|f| {
                if f.error.is_some() {
                    1
                } else {
                    f.unplaced.len()
                }
            })
            .sum::<usize>()
            + count(Status::Failed);
        let written = if self.dry_run {
            format!(
                "{} would be written (dry run: nothing written)",
                count(Status::WouldWrite)
            )
        } else {
            format!("{} written", count(Status::Written))
        };
        let _ = writeln!(
            out,
            "{written}, {} already imported, {drafts} draft{} to review, {errors} error{}",
            count(Status::AlreadyImported),
            if drafts == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" }
        );
        out
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

/// Import the raw files named in `options`.
pub fn run(options: &ImportOptions) -> anyhow::Result<ImportReport> {
    run_with_today(options, None)
}

/// `run`, with the import day fixed (for tests); `None` is today in the site's timezone.
pub fn run_with_today(
    options: &ImportOptions,
    today: Option<NaiveDate>,
) -> anyhow::Result<ImportReport> {
    let config =
        SiteConfig::load(&options.root).map_err(|d| anyhow::Error::new(ContentErrors(d)))?;
    let today = today.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&config.timezone)
            .date_naive()
    });
    let mut warnings = Vec::new();
    let gazetteer = load_gazetteer(&config, &mut warnings)?;
    let vocabulary = Vocabulary::new(&config.tags);
    let content_dir = options
        .into
        .clone()
        .unwrap_or_else(|| options.root.join("content"));
    let mut known = Known::scan(&content_dir);
    let mut importer = Importer {
        options,
        config: &config,
        gazetteer: &gazetteer,
        vocabulary: &vocabulary,
        content_dir,
        today,
        known: &mut known,
    };

    let mut files = Vec::new();
    let mut stdin_read = false;
    let inputs = expand_inputs(&options.paths);
    let count = inputs.len() as u64;
    let progress =
        crate::progress::Progress::new(options.progress, "importing", Some(count), count);
    for input in inputs {
        progress.inc(1);
        let report = match input {
            Input::Missing(path, error) => FileReport {
                path: importer.show(&path),
                error: Some(error),
                articles: vec![],
                unplaced: vec![],
            },
            Input::Stdin if stdin_read => continue,
            Input::Stdin => {
                stdin_read = true;
                let mut bytes = Vec::new();
                match std::io::stdin()
                    .lock()
                    .take(config.max_file_size + 1)
                    .read_to_end(&mut bytes)
                {
                    Ok(_) => importer.import_bytes("<stdin>", "stdin", &bytes),
                    Err(e) => FileReport {
                        path: "<stdin>".into(),
                        error: Some(format!("cannot read standard input: {e}")),
                        articles: vec![],
                        unplaced: vec![],
                    },
                }
            }
            Input::File(path) => importer.import_file(&path),
        };
        files.push(report);
    }
    Ok(ImportReport {
        dry_run: options.dry_run,
        warnings,
        files,
    })
}

/// The site's gazetteer (site.yaml `gazetteer:`, relative to the root) or the built-in
/// one, with site.yaml's region lists applied.
fn load_gazetteer(config: &SiteConfig, warnings: &mut Vec<String>) -> anyhow::Result<Gazetteer> {
    let mut gazetteer = match &config.gazetteer {
        Some(rel) => {
            let path = config.root.join(rel);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the gazetteer {}", path.display()))?;
            Gazetteer::parse(&text, &rel.display().to_string()).map_err(anyhow::Error::msg)?
        }
        None => Gazetteer::embedded().map_err(anyhow::Error::msg)?,
    };
    warnings.extend(
        gazetteer
            .apply_site_regions(&config.regions)
            .map_err(anyhow::Error::msg)?,
    );
    Ok(gazetteer)
}

enum Input {
    File(PathBuf),
    Stdin,
    Missing(PathBuf, String),
}

/// File names a folder is searched for: text, saved pages and feeds. A file given by name
/// is read whatever its name; its content decides how (`source::detect`).
const RAW_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "xml", "rss", "atom", "json",
];

/// Files as given; folders as every raw file inside (`RAW_EXTENSIONS`, recursively,
/// sorted, hidden skipped); `-` as standard input.
fn expand_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => inputs.push(Input::Missing(path.clone(), format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => {
                let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                    })
                    .filter_map(Result::ok)
                    .filter(|e| {
                        e.file_type().is_file()
                            && e.path().extension().is_some_and(|x| {
                                RAW_EXTENSIONS.iter().any(|r| x.eq_ignore_ascii_case(r))
                            })
                    })
                    .map(|e| e.into_path())
                    .collect();
                if found.is_empty() {
                    inputs.push(Input::Missing(
                        path.clone(),
                        "no raw files in this folder (.txt, .html, .htm, .xml, .rss, .atom, .json)"
                            .into(),
                    ));
                }
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(path.clone())),
        }
    }
    inputs
}

/// What is already in content/ (and what this run has written so far).
struct Known {
    slugs: HashSet<String>,
    /// `imported_from` → indices into `articles`.
    imported: HashMap<String, Vec<usize>>,
    articles: Vec<KnownArticle>,
    index: dedupe::Index<usize>,
}

struct KnownArticle {
    path: PathBuf,
    slug: String,
    title: String,
    fingerprint: dedupe::Fingerprint,
}

impl Known {
    fn scan(content_dir: &Path) -> Known {
        let mut known = Known {
            slugs: HashSet::new(),
            imported: HashMap::new(),
            articles: Vec::new(),
            index: dedupe::Index::new(),
        };
        for existing in write::scan_existing(content_dir) {
            let fingerprint = dedupe::Fingerprint::new(&existing.body);
            known.add(
                existing.path,
                existing.slug,
                existing.title,
                existing.imported_from,
                fingerprint,
            );
        }
        known
    }

    fn add(
        &mut self,
        path: PathBuf,
        slug: String,
        title: String,
        imported_from: Option<String>,
        fingerprint: dedupe::Fingerprint,
    ) {
        let id = self.articles.len();
        self.slugs.insert(slug.clone());
        if let Some(key) = imported_from {
            self.imported.entry(key).or_default().push(id);
        }
        self.index.insert(id, fingerprint.clone());
        self.articles.push(KnownArticle {
            path,
            slug,
            title,
            fingerprint,
        });
    }

    /// The earlier import of the same raw article: same `imported_from` and the same title
    /// or a near-identical body (a reused raw file name with new stories is not "already
    /// imported").
    fn earlier_import(
        &self,
        key: &str,
        title: &str,
        fingerprint: &dedupe::Fingerprint,
    ) -> Option<usize> {
        self.imported.get(key)?.iter().copied().find(|&id| {
            let a = &self.articles[id];
            a.title == title || a.fingerprint.jaccard(fingerprint) >= dedupe::THRESHOLD
        })
    }
}

struct Importer<'a> {
    options: &'a ImportOptions,
    config: &'a SiteConfig,
    gazetteer: &'a Gazetteer,
    vocabulary: &'a Vocabulary,
    content_dir: PathBuf,
    today: NaiveDate,
    known: &'a mut Known,
}

/// An article's date and where it came from.
/// The language of an article written mostly in Arabic script.
fn arabic_script(title: &str, body: &[RawLine]) -> bool {
    let mut arabic = 0usize;
    let mut letters = 0usize;
    for text in std::iter::once(title).chain(body.iter().take(3).map(|l| l.text.as_str())) {
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            arabic += usize::from(text::is_arabic(c));
        }
    }
    letters > 0 && arabic * 2 > letters
}

impl Importer<'_> {
    fn show(&self, path: &Path) -> String {
        display_path(&self.options.root, path).display().to_string()
    }

    fn import_file(&mut self, path: &Path) -> FileReport {
        let shown = self.show(path);
        let fail = |error: String| FileReport {
            path: shown.clone(),
            error: Some(error),
            articles: vec![],
            unplaced: vec![],
        };
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() > self.config.max_file_size => {
                return fail(format!(
                    "the file is {} bytes, more than max_file_size ({} bytes in site.yaml)",
                    meta.len(),
                    self.config.max_file_size
                ));
            }
            Err(e) => return fail(format!("cannot read: {e}")),
            Ok(_) => {}
        }
        // Read at most one byte past the limit: a device or a growing file (`/dev/zero`)
        // reports a small length but never ends.
        let mut bytes = Vec::new();
        if let Err(e) = std::fs::File::open(path).and_then(|f| {
            f.take(self.config.max_file_size + 1)
                .read_to_end(&mut bytes)
        }) {
            return fail(format!("cannot read: {e}"));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        self.import_bytes(&shown, &name, &bytes)
    }

    /// Import one raw file's bytes; `name` is what `imported_from` records.
    fn import_bytes(&mut self, shown: &str, name: &str, bytes: &[u8]) -> FileReport {
        let mut report = FileReport {
            path: shown.to_string(),
            error: None,
            articles: vec![],
            unplaced: vec![],
        };
        if bytes.len() as u64 > self.config.max_file_size {
            report.error = Some(format!(
                "more than max_file_size ({} bytes in site.yaml)",
                self.config.max_file_size
            ));
            return report;
        }
        let text = match raw::decode(bytes) {
            Ok(text) => text,
            Err(e) => {
                report.error = Some(e.to_string());
                return report;
            }
        };
        let file = match source::read(text) {
            Ok((_, file)) => file,
            Err(e) => {
                report.error = Some(e);
                return report;
            }
        };
        if file.articles.is_empty() {
            report.error = Some(match file.unplaced.iter().map(|u| u.reason).next() {
                Some(raw::UnplacedReason::OnlyNoise) => {
                    "no article found: only page noise (share counts, \"TT\")".to_string()
                }
                Some(raw::UnplacedReason::NoBody) => {
                    "no article found: a title with no body text after it".to_string()
                }
                _ => "no article found: no title line followed by body text".to_string(),
            });
        }
        for unplaced in &file.unplaced {
            let message = match unplaced.number {
                Some(n) => format!(
                    "article #{n}: {}; nothing written for it",
                    unplaced.reason.describe()
                ),
                None => format!(
                    "{}; these lines were not imported",
                    unplaced.reason.describe()
                ),
            };
            report.unplaced.push(UnplacedReport {
                message,
                lines: unplaced.lines.clone(),
            });
        }
        for article in &file.articles {
            report.articles.push(self.import_article(name, article));
        }
        report
    }

    fn import_article(&mut self, name: &str, article: &RawArticle) -> ArticleReport {
        let title = article.title.text.as_str();
        let paragraphs: Vec<&str> = article.body.iter().map(|l| l.text.as_str()).collect();
        let class = classify(
            self.gazetteer,
            self.vocabulary,
            title,
            &paragraphs[..paragraphs.len().min(LEAD_PARAGRAPHS)],
        );
        let dated = choose_date(
            article,
            self.options.date,
            self.today,
            &self.config.timezone,
        );
        let caption = article.caption.as_ref();
        let credit = caption
            .and_then(|c| c.credit.as_ref())
            .map(credit::Credit::display);
        let facts = &article.facts;
        let source = facts.source.clone().or_else(|| {
            paragraphs
                .first()
                .and_then(|p| credit::dateline_agency(p))
                .map(str::to_string)
        });
        let key = format!("{name}#{}", article.number);
        let fingerprint = dedupe::Fingerprint::new(&paragraphs.join("\n"));
        let mut notes = Vec::new();
        let mut report = ArticleReport {
            number: article.number,
            lines: [article.first_line(), article.last_line()],
            title: title.to_string(),
            status: Status::Failed,
            path: None,
            slug: String::new(),
            region: class.region.clone(),
            region_reason: match &class.reason {
                RegionReason::Title(c) => format!("the title names {c}"),
                RegionReason::Lead(c) => format!("the lead names {c} most"),
                RegionReason::NoCountry => "no country named in the title or lead".into(),
            },
            date: dated.date.to_string(),
            date_source: dated.source,
            date_line: dated.line,
            draft: false,
            tags: class.tags(),
            image_credit: credit.clone(),
            source: source.clone(),
            noise_removed: article.noise.clone(),
            duplicates_dropped: article.duplicates.clone(),
            near_duplicate: None,
            notes: vec![],
            error: None,
        };
        if self.config.region(&class.region).is_none() {
            report.error = Some(format!(
                "region {:?} is not in site.yaml (expected one of: {}); add it or name the country in the gazetteer",
                class.region,
                self.config.region_slugs().join(", ")
            ));
            return report;
        }

        // Already imported: report where, write nothing (unless --force, in place).
        let earlier = self.known.earlier_import(&key, title, &fingerprint);
        if let Some(id) = earlier.filter(|_| !self.options.force) {
            let a = &self.known.articles[id];
            report.status = Status::AlreadyImported;
            report.path = Some(self.show(&a.path));
            report.slug = a.slug.clone();
            return report;
        }
        let replacing = earlier.map(|id| {
            (
                self.known.articles[id].path.clone(),
                self.known.articles[id].slug.clone(),
            )
        });

        let mut draft = false;
        match dated.source {
            DateSource::ImportDay => {
                draft = true;
                notes.push(format!(
                    "no date found in the text: dated {} (the import day) and marked draft: true; confirm the date, then remove draft",
                    dated.date
                ));
            }
            DateSource::Caption => notes.push(format!(
                "the date {} comes from the photo caption (line {}); the photo may be older than the story: check it",
                dated.date,
                dated.line.unwrap_or(0)
            )),
            _ => {}
        }

        // Near-duplicate of something known (not of the file this import replaces).
        let near = self
            .known
            .index
            .nearest(&fingerprint)
            .filter(|(id, _)| {
                replacing
                    .as_ref()
                    .is_none_or(|(path, _)| self.known.articles[**id].path != *path)
            })
            .map(|(id, similarity)| {
                let a = &self.known.articles[*id];
                NearDuplicate {
                    of: a.slug.clone(),
                    path: self.show(&a.path),
                    similarity: (similarity * 100.0).round() / 100.0,
                }
            });
        if let Some(near) = &near {
            draft = true;
            notes.push(format!(
                "near-duplicate of {} ({}, similarity {:.2}): written as a draft with duplicate_of; publish or delete it",
                near.of, near.path, near.similarity
            ));
        }

        // A slug no other article has; the file name follows it.
        let base = {
            let s = slugify(title);
            if s.is_empty() {
                slugify(&format!("{name} {}", article.number))
            } else {
                s
            }
        };
        let base = if base.is_empty() {
            format!("article-{}", article.number)
        } else {
            base
        };
        let mut slug = base.clone();
        let free = |s: &str| {
            !self.known.slugs.contains(s) || replacing.as_ref().is_some_and(|(_, r)| r == s)
        };
        if !free(&slug) {
            slug = std::iter::once(format!("{base}-{}", dated.date))
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|s| free(s))
                .unwrap_or_else(|| base.clone());
        }
        let path = match &replacing {
            Some((path, _)) => path.clone(),
            None => self
                .content_dir
                .join(&class.region)
                .join(format!("{}-{slug}.md", dated.date)),
        };

        let lang = facts
            .lang
            .clone()
            .or_else(|| arabic_script(title, &article.body).then(|| "ar".to_string()))
            .filter(|l| *l != self.config.lang);
        let summary = article
            .body
            .iter()
            .filter(|p| !p.heading)
            .map(|p| p.text.as_str())
            .find(|p| !credit::is_dateline_only(p))
            .map(str::to_string);
        let front = write::FrontMatter {
            title: title.to_string(),
            date: dated.date.to_string(),
            region: class.region.clone(),
            tags: report.tags.clone(),
            summary,
            image_caption: caption.map(|c| c.text.clone()).filter(|t| !t.is_empty()),
            image_credit: credit,
            source,
            source_url: facts.source_url.clone(),
            author: facts.author.clone(),
            image: facts.image.clone(),
            lang,
            draft,
            slug: (slug != slugify(title)).then(|| slug.clone()),
            duplicate_of: near.as_ref().map(|n| n.of.clone()),
            imported_from: key.clone(),
        };
        report.slug = slug.clone();
        report.path = Some(self.show(&path));
        report.draft = draft;
        report.near_duplicate = near;
        report.notes = notes;

        let blocks: Vec<write::Block> = article
            .body
            .iter()
            .map(|l| {
                if l.heading {
                    write::Block::Heading(&l.text)
                } else {
                    write::Block::Paragraph(&l.text)
                }
            })
            .collect();
        let contents = match write::render(&front, &blocks) {
            Ok(contents) => contents,
            Err(e) => {
                report.error = Some(format!("cannot write front matter: {e}"));
                return report;
            }
        };
        // The summary repeats the lead, so a raw file under the limit can make a markdown
        // file over it: never write a file the build would refuse.
        if contents.len() as u64 > self.config.max_file_size {
            report.error = Some(format!(
                "the markdown file would be {} bytes, more than max_file_size ({} bytes in site.yaml); split the article",
                contents.len(),
                self.config.max_file_size
            ));
            return report;
        }
        if self.options.dry_run {
            if path.exists() && !self.options.force {
                report.error = Some(write::WriteError::Exists.to_string());
                return report;
            }
            report.status = Status::WouldWrite;
        } else {
            match write::write_atomic(&path, &contents, self.options.force) {
                Ok(()) => report.status = Status::Written,
                Err(e) => {
                    report.error = Some(e.to_string());
                    return report;
                }
            }
        }
        self.known
            .add(path, slug, title.to_string(), Some(key), fingerprint);
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_detection() {
        assert!(arabic_script("العراق يطالب بالحوار", &[]));
        assert!(!arabic_script("Iraq FM", &[]));
    }
}

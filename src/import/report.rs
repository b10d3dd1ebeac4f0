//! The import report: what became of every file and article, for the terminal
//! (`render_text`) and for tools (`render_json`).

use super::raw::RawLine;
use super::DateSource;
use serde::Serialize;

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

impl FileReport {
    /// A file that could not be imported at all, and why.
    pub fn failed(path: String, error: String) -> FileReport {
        FileReport {
            path,
            error: Some(error),
            articles: vec![],
            unplaced: vec![],
        }
    }
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

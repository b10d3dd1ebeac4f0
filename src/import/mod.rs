//! Import: raw wire/scraped article text → markdown content files with front matter.
//! (Being written; see issue 3.)

use std::path::PathBuf;

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
}

// --- Temporary stub so main.rs compiles; the import work replaces everything below. ---

/// What an import did (stub).
#[derive(Debug, Default)]
pub struct ImportReport;

impl ImportReport {
    pub fn render_text(&self) -> String {
        String::new()
    }
    pub fn render_json(&self) -> String {
        "{}".into()
    }
    pub fn has_errors(&self) -> bool {
        true
    }
}

/// Stub entry point (see above).
pub fn run(_options: &ImportOptions) -> anyhow::Result<ImportReport> {
    anyhow::bail!("import is not implemented yet")
}

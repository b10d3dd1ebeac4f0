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

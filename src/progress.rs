//! Progress on stderr for long runs (build, import, check), only when stderr is a
//! terminal and the caller asked for it (not `--quiet`), so CI logs stay clean. A thin
//! wrapper over indicatif that is a no-op when hidden; it never sits in a hot loop
//! beyond one atomic increment.

use std::io::IsTerminal;
use std::time::Duration;

/// Work smaller than this finishes too fast for a bar to help.
pub const MIN_ITEMS: u64 = 500;

pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// A bar of `total` items (a spinner when unknown), shown only when `wanted`, stderr
    /// is a terminal and there is enough work.
    pub fn new(wanted: bool, label: &str, total: Option<u64>, work: u64) -> Progress {
        if !wanted || work < MIN_ITEMS || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let (bar, template) = match total {
            Some(total) => (
                indicatif::ProgressBar::new(total),
                "{prefix} [{bar:30}] {pos}/{len} {msg} ({elapsed})",
            ),
            None => (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {prefix}: {pos} {msg} ({elapsed})",
            ),
        };
        bar.set_prefix(label.to_string());
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// A hidden bar.
    pub fn hidden() -> Progress {
        Progress(None)
    }

    pub fn stage(&self, message: &'static str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message);
        }
    }

    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(n);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

//! Progress on stderr for long runs (build, import, check), only when stderr is a
//! terminal and the caller asked for it (not `--quiet`), so CI logs stay clean. A thin
//! wrapper over indicatif that is a no-op when hidden; it never sits in a hot loop
//! beyond one atomic increment. `Timings` records where a build's time went
//! (`--timings`).

use std::fmt;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

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

/// Where the time went (`--timings`).
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    /// Per template: total render time summed over threads, and pages rendered.
    pub templates: Vec<(String, Duration, usize)>,
    /// What the image pipeline did (sources, encoded, from cache).
    pub images: Option<crate::images::Stats>,
}

impl Timings {
    pub fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.stages.push((stage, start.elapsed()));
        value
    }
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        for (stage, duration) in &self.stages {
            let share = if total.is_zero() {
                0.0
            } else {
                duration.as_secs_f64() / total.as_secs_f64() * 100.0
            };
            writeln!(
                f,
                "  {stage:<12} {:>9.1} ms  {share:>5.1}%",
                duration.as_secs_f64() * 1000.0
            )?;
        }
        if let Some(images) = &self.images {
            writeln!(f, "  {images}")?;
        }
        if !self.templates.is_empty() {
            writeln!(f, "  templates (tera time summed over all threads):")?;
            for (name, duration, count) in &self.templates {
                writeln!(
                    f,
                    "    {name:<16} {:>9.1} ms  {count:>7} pages  {:>7.3} ms/page",
                    duration.as_secs_f64() * 1000.0,
                    duration.as_secs_f64() * 1000.0 / (*count).max(1) as f64
                )?;
            }
        }
        Ok(())
    }
}

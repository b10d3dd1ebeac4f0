//! Build fingerprints, so that a rebuild with nothing changed costs almost nothing:
//! a hash of every input's path, size and modification time (site.yaml, content/,
//! templates/, static/, themes/), the gazette version and the build options, stored
//! beside the output with the time until which that output stays right (the next
//! scheduled article, expiry, or article leaving the 2-day news sitemap). Like make and
//! cargo, it trusts modification times.

use chrono::{DateTime, FixedOffset};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The folders and files whose changes change the output.
const INPUTS: &[&str] = &[
    "site.yaml",
    "content",
    "templates",
    "static",
    "themes",
    "i18n",
];

/// `ROOT/.public.fingerprint` for output `ROOT/public`.
pub fn file_for(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.fingerprint"))
}

/// The hash of the site's inputs under `root` and of the build `settings` that change
/// the output, or `None` when an input cannot be read (then the build simply runs).
pub fn inputs_hash(root: &Path, settings: &impl Hash) -> Option<u64> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    crate::VERSION.hash(&mut hasher);
    settings.hash(&mut hasher);
    for input in INPUTS {
        let path = root.join(input);
        if !path.exists() {
            (input, "absent").hash(&mut hasher);
            continue;
        }
        // Siblings share their parent's path, so comparing whole paths as bytes orders
        // them by name: the same order as `sort_by_file_name`, without taking every
        // path apart into components on each comparison (a 1M-article site compares
        // ~20M times). The path is hashed as bytes for the same reason.
        let by_name = |a: &walkdir::DirEntry, b: &walkdir::DirEntry| {
            a.path().as_os_str().cmp(b.path().as_os_str())
        };
        for entry in walkdir::WalkDir::new(&path).sort_by(by_name) {
            let entry = entry.ok()?;
            let meta = entry.metadata().ok()?;
            entry
                .path()
                .as_os_str()
                .as_encoded_bytes()
                .hash(&mut hasher);
            meta.len().hash(&mut hasher);
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            modified.as_nanos().hash(&mut hasher);
        }
    }
    Some(hasher.finish())
}

fn output_stamp(output: &Path) -> Option<u128> {
    let modified = std::fs::metadata(output).ok()?.modified().ok()?;
    Some(
        modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos(),
    )
}

/// Whether the output is already what a build with `hash` would write at `now`.
pub fn is_fresh(output: &Path, hash: u64, now: DateTime<FixedOffset>) -> bool {
    let Ok(text) = std::fs::read_to_string(file_for(output)) else {
        return false;
    };
    let mut fields = text.split_whitespace();
    let (Some(stored), Some(until), Some(stamp)) = (fields.next(), fields.next(), fields.next())
    else {
        return false;
    };
    let until_ok =
        until == "never" || DateTime::parse_from_rfc3339(until).is_ok_and(|until| now < until);
    stored == format!("{hash:016x}")
        && until_ok
        && output_stamp(output).is_some_and(|s| s.to_string() == stamp)
}

/// Record a finished build. Best effort: without the file the next build just runs.
pub fn record(output: &Path, hash: u64, valid_until: Option<DateTime<FixedOffset>>) {
    let Some(stamp) = output_stamp(output) else {
        return;
    };
    let until = valid_until.map_or_else(|| "never".to_string(), |t| t.to_rfc3339());
    let _ = std::fs::write(file_for(output), format!("{hash:016x} {until} {stamp}\n"));
}

/// Forget a build (before writing a new one), so a failed build is never taken as fresh.
pub fn forget(output: &Path) {
    let _ = std::fs::remove_file(file_for(output));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_only_with_the_same_hash_before_the_deadline_and_an_untouched_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        let now = DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z").unwrap();
        let later = DateTime::parse_from_rfc3339("2024-06-02T00:00:00Z").unwrap();
        assert!(!is_fresh(&out, 7, now));
        record(&out, 7, Some(later));
        assert!(is_fresh(&out, 7, now));
        assert!(!is_fresh(&out, 8, now), "other inputs");
        assert!(!is_fresh(&out, 7, later), "past the deadline");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("x"), "touched").unwrap();
        assert!(!is_fresh(&out, 7, now), "output changed by hand");
        record(&out, 7, None);
        forget(&out);
        assert!(!is_fresh(&out, 7, now));
    }
}

//! Output: write the rendered files and static files into a staging folder beside the
//! output, then swap it in atomically, so a failed or killed build never leaves a half
//! site. Files identical to the previous build's are hard-linked rather than rewritten.
//! Refuses output folders that would destroy the site's own sources.

use crate::render::{OutputFile, Sink};
use crate::theme_files::Source;
use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What a write did, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub files: usize,
    /// Files identical to the previous output (linked, not rewritten).
    pub unchanged: usize,
}

/// An absolute, normalised path, also for paths that do not exist yet.
fn absolute(path: &Path) -> Result<PathBuf> {
    let path =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    // Resolve symlinks in the part that exists, keep the rest as is.
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Refuse an output folder that is the site root, a parent of it, or inside content/,
/// themes/, templates/ or static/.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let root = absolute(root)?;
    let output_abs = absolute(output)?;
    if output_abs == root || root.starts_with(&output_abs) {
        bail!("refusing to build into {}: it is the site root or one of its parents, and the build replaces the whole folder", output.display());
    }
    for protected in ["content", "themes", "templates", "static", "raw", ".git"] {
        if output_abs.starts_with(root.join(protected)) {
            bail!(
                "refusing to build into {}: it is inside the site's {protected}/ folder",
                output.display()
            );
        }
    }
    Ok(())
}

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Remove staging/old folders left by builds that were killed.
fn remove_leftovers(output: &Path) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return;
    };
    let prefix_staging = format!(".{}.staging-", name.to_string_lossy());
    let prefix_old = format!(".{}.old-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    }) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix_staging) || file_name.starts_with(&prefix_old) {
            // Only remove our own leftovers when no build of that pid is still running.
            let pid = file_name
                .rsplit('-')
                .next()
                .and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|pid| {
                pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
            }) {
                continue;
            }
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Write `bytes` at `dest`, or hard-link the previous build's identical file.
fn write_one(dest: &Path, bytes: &[u8], previous: Option<&Path>) -> Result<bool> {
    if let Some(previous) = previous {
        if let Ok(meta) = std::fs::symlink_metadata(previous) {
            if meta.is_file() && meta.len() == bytes.len() as u64 {
                if let Ok(old) = std::fs::read(previous) {
                    if old == bytes && std::fs::hard_link(previous, dest).is_ok() {
                        return Ok(true);
                    }
                }
            }
        }
    }
    std::fs::write(dest, bytes).with_context(|| format!("cannot write {}", dest.display()))?;
    Ok(false)
}

/// A staging folder beside the output: rendered files are written into it as they are
/// made (it is the render `Sink`), then `commit` swaps it into place. Dropped without a
/// commit (an error anywhere), it removes itself and the output is untouched.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    previous_exists: bool,
    /// Folders already created, so each `mkdir` happens once, by `path_key`.
    created: Mutex<HashSet<u128>>,
    /// Paths written so far (a static file never replaces a rendered one), by `path_key`.
    written: Mutex<HashSet<u128>>,
    unchanged: AtomicUsize,
    committed: bool,
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging> {
        remove_leftovers(output);
        let dir = sibling(output, "staging");
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            output: output.to_path_buf(),
            previous_exists: output.is_dir(),
            dir,
            created: Mutex::new(HashSet::new()),
            written: Mutex::new(HashSet::new()),
            unchanged: AtomicUsize::new(0),
            committed: false,
        })
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let dest = self.dir.join(rel);
        if let Some(parent) = dest.parent() {
            // The lock is held while the folder is made: a thread that finds the folder
            // in the set must also find it on disk (many image variants share `img/`).
            let mut created = lock(&self.created);
            if created.insert(path_key(parent)) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
        }
        let previous = self.previous_exists.then(|| self.output.join(rel));
        if write_one(&dest, bytes, previous.as_deref())? {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Copy the theme's and site's static files, except where a page was rendered.
    pub fn put_statics(&self, statics: &BTreeMap<String, Source>) -> Result<()> {
        let rendered = lock(&self.written).clone();
        let todo: Vec<(&String, &Source)> = statics
            .iter()
            .filter(|(p, _)| !rendered.contains(&path_key(p.as_str())))
            .collect();
        todo.par_iter().try_for_each(|(path, source)| {
            self.write(path, &source.read()?)?;
            lock(&self.written).insert(path_key(path.as_str()));
            Ok(())
        })
    }

    /// Swap the staged site into place.
    pub fn commit(mut self) -> Result<WriteStats> {
        swap_in(&self.dir, &self.output)?;
        self.committed = true;
        Ok(WriteStats {
            files: lock(&self.written).len(),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        })
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<()> {
        if !lock(&self.written).insert(path_key(file.path.as_str())) {
            anyhow::bail!("two pages would be written at {}", file.path);
        }
        self.write(&file.path, &file.bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A path as 128 bits: the staging folder remembers every file and folder it wrote (a
/// million-article site has two million), and the paths themselves took ~100 bytes
/// each. Two paths share a key with odds of about 1 in 10^26 for such a site.
fn path_key(path: impl Hash) -> u128 {
    let half = |salt: u8| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut hasher);
        path.hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes files straight into an existing output folder, each through a temporary file
/// and a rename, skipping files whose bytes did not change: `serve`'s incremental
/// updates, where a few pages change and the rest of the site stays.
pub struct InPlace {
    dir: PathBuf,
}

impl InPlace {
    pub fn new(dir: &Path) -> InPlace {
        InPlace {
            dir: dir.to_path_buf(),
        }
    }
}

impl Sink for InPlace {
    fn put(&self, file: OutputFile) -> Result<()> {
        let dest = self.dir.join(&file.path);
        if std::fs::read(&dest).is_ok_and(|old| old == file.bytes) {
            return Ok(());
        }
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let temp = dest.with_file_name(format!(
            ".{}.tmp-{}",
            dest.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            std::process::id()
        ));
        std::fs::write(&temp, &file.bytes)
            .with_context(|| format!("cannot write {}", temp.display()))?;
        std::fs::rename(&temp, &dest).with_context(|| format!("cannot write {}", dest.display()))
    }
}

/// Put `staging` at `output`. On Linux the two folders are exchanged in one atomic
/// rename (RENAME_EXCHANGE), so there is no moment without a complete output folder.
fn swap_in(staging: &Path, output: &Path) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous site.
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
    }
    let old = sibling(output, "old");
    std::fs::rename(output, &old)
        .with_context(|| format!("cannot move the previous site out of {}", output.display()))?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(e)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("themes/x"),
            root.parent().unwrap().to_path_buf(),
            root.join("content/../.."),
        ] {
            assert!(check_output_dir(root, &bad).is_err(), "{}", bad.display());
        }
        assert!(check_output_dir(root, &root.join("public")).is_ok());
        assert!(check_output_dir(root, &root.join("../elsewhere")).is_ok());
    }

    /// A whole write: stage every file, then swap.
    fn write_site(output: &Path, rendered: Vec<OutputFile>) -> Result<WriteStats> {
        let staging = Staging::new(output)?;
        for file in rendered {
            staging.put(file)?;
        }
        staging.commit()
    }

    #[test]
    fn parallel_writes_into_one_new_folder() {
        // Image variants: many threads at once into `img/`, which none has made yet.
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("public");
            let staging = Staging::new(&out).unwrap();
            (0..64).into_par_iter().for_each(|i| {
                staging
                    .put(OutputFile::new(format!("img/x-{i}.jpg"), vec![1, 2, 3]))
                    .unwrap();
            });
            assert_eq!(staging.commit().unwrap().files, 64);
            assert_eq!(std::fs::read_dir(out.join("img")).unwrap().count(), 64);
        }
    }

    #[test]
    fn swap_replaces_and_links_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = |text: &str| {
            vec![
                OutputFile::new("a/index.html", "same"),
                OutputFile::new("b.txt", text.to_string()),
            ]
        };
        let first = write_site(&out, files("one")).unwrap();
        assert_eq!((first.files, first.unchanged), (2, 0));
        let second = write_site(&out, files("two")).unwrap();
        assert_eq!((second.files, second.unchanged), (2, 1));
        assert_eq!(std::fs::read_to_string(out.join("b.txt")).unwrap(), "two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }
}

//! The variant cache under `.gazette/cache/images/`: its key (the source's SHA-256 with
//! the pipeline's settings), manifests and atomic writes.

use super::photo::Format;
use super::{CACHE_SALT, JPEG_QUALITY, WEBP_QUALITY, WIDTHS};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A source that cannot be read or decoded: a problem of the content (a diagnostic), as
/// opposed to an output that cannot be written (an error of the build).
#[derive(Debug)]
pub(super) struct Unreadable(pub(super) String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct CacheEntry {
    pub(super) file: String,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) format: Format,
    pub(super) bytes: u64,
}

pub(super) fn read_manifest(cache: &Path, key: &str) -> Option<Vec<CacheEntry>> {
    let text = std::fs::read(cache.join(format!("{key}.json"))).ok()?;
    let entries: Vec<CacheEntry> = serde_json::from_slice(&text).ok()?;
    (!entries.is_empty()).then_some(entries)
}

/// Write through a temporary file and a rename, so that a concurrent build (serve and
/// build on one site) never reads half a file.
pub(super) fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let temp = path.with_extension(format!(
        "tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&temp, data)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// The cache key of a source: SHA-256 of the pipeline's settings and the bytes, as hex.
pub fn cache_key(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(CACHE_SALT.as_bytes());
    hasher.update(format!("{WIDTHS:?} {WEBP_QUALITY} {JPEG_QUALITY}").as_bytes());
    hasher.update(bytes);
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

//! What `gazette import` reads: files as given, folders searched for raw files, `-` as
//! standard input, each read up to the site's size limit.

use std::io::Read;
use std::path::{Path, PathBuf};

pub(super) enum Input {
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
pub(super) fn expand_inputs(paths: &[PathBuf]) -> Vec<Input> {
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

/// A file's bytes, refused past `max_file_size` (site.yaml). Reads at most one byte past
/// the limit: a device or a growing file (`/dev/zero`) reports a small length but never
/// ends.
pub(super) fn read_file(path: &Path, max_file_size: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > max_file_size {
        return Err(format!(
            "the file is {} bytes, more than max_file_size ({max_file_size} bytes in site.yaml)",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max_file_size + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    Ok(bytes)
}

/// Standard input's bytes, up to one past `max_file_size` (the caller refuses more).
pub(super) fn read_stdin(max_file_size: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_file_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(bytes)
}

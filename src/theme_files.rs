//! A theme's files, layered file by file: the default theme is embedded in the binary
//! (from the repository's own themes/default, no second copy); a site's themes/<name>/
//! overrides it, and a site's root templates/, static/ and i18n/ override the theme
//! (Zola's lookup order). Below everything that reads theme files (templates, UI
//! strings, static files, photos), so none of them imports another to find its files.

use crate::config::SiteConfig;
use anyhow::{bail, Context as _, Result};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
pub const DEFAULT_THEME_NAME: &str = "default";

/// Where a theme file comes from, for error messages and copying.
#[derive(Debug, Clone)]
pub enum Source {
    Embedded(&'static [u8], &'static str),
    Disk(PathBuf),
}

impl Source {
    /// A name for messages: the site-relative path, or `(embedded)/templates/x.html`.
    pub fn describe(&self, root: &Path) -> String {
        match self {
            Source::Embedded(_, path) => format!("(built-in theme)/{path}"),
            Source::Disk(path) => crate::diagnostics::display_path(root, path)
                .display()
                .to_string(),
        }
    }

    pub fn read(&self) -> Result<Vec<u8>> {
        match self {
            Source::Embedded(bytes, _) => Ok(bytes.to_vec()),
            Source::Disk(path) => {
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
            }
        }
    }
}

/// The files of one layer folder (`templates/` or `static/`), by relative path.
fn disk_layer(dir: &Path, into: &mut BTreeMap<String, Source>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir yields children");
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        into.insert(rel, Source::Disk(entry.path().to_path_buf()));
    }
    Ok(())
}

fn embedded_layer(sub: &str, into: &mut BTreeMap<String, Source>) {
    fn walk(dir: &'static Dir<'static>, prefix: &str, into: &mut BTreeMap<String, Source>) {
        for file in dir.files() {
            let path = file.path().to_str().unwrap_or_default();
            if let Some(rel) = path.strip_prefix(prefix) {
                into.insert(rel.to_string(), Source::Embedded(file.contents(), path));
            }
        }
        for sub in dir.dirs() {
            walk(sub, prefix, into);
        }
    }
    if let Some(dir) = DEFAULT_THEME.get_dir(sub) {
        walk(dir, &format!("{sub}/"), into);
    }
}

/// The theme's folder on disk, if the site has one; an error for an unknown theme.
fn theme_dir(config: &SiteConfig) -> Result<Option<PathBuf>> {
    let dir = config.root.join("themes").join(&config.theme);
    if dir.is_dir() {
        Ok(Some(dir))
    } else if config.theme == DEFAULT_THEME_NAME {
        Ok(None)
    } else {
        let mut available = vec![DEFAULT_THEME_NAME.to_string()];
        if let Ok(entries) = std::fs::read_dir(config.root.join("themes")) {
            available.extend(
                entries
                    .flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned()),
            );
        }
        available.sort();
        available.dedup();
        bail!(
            "site.yaml{}: theme \"{}\" not found: there is no themes/{}/ folder (available: {})",
            crate::yaml::key_line(
                &std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE))
                    .unwrap_or_default(),
                "theme"
            )
            .map(|l| format!(":{l}"))
            .unwrap_or_default(),
            config.theme,
            config.theme,
            available.join(", ")
        )
    }
}

/// Layered files of one kind (`templates` or `static`): built-in default theme (only when
/// the site uses the default theme), then themes/<name>/<kind>/, then the site's <kind>/.
pub fn layered(config: &SiteConfig, kind: &str) -> Result<BTreeMap<String, Source>> {
    let mut files = BTreeMap::new();
    let theme_dir = theme_dir(config)?;
    if config.theme == DEFAULT_THEME_NAME {
        embedded_layer(kind, &mut files);
    }
    if let Some(dir) = theme_dir {
        disk_layer(&dir.join(kind), &mut files)?;
    }
    disk_layer(&config.root.join(kind), &mut files)?;
    Ok(files)
}

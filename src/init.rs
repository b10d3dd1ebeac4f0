//! `gazette init DIR`: scaffold a new site that builds and passes `check` as is:
//! site.yaml (every key commented), content/ with one example article, an empty raw/
//! inbox, .gitignore and the GitHub Pages workflow. The theme is not copied: the
//! default one is built into the binary.

use anyhow::{bail, Context as _, Result};
use std::path::{Path, PathBuf};

const SITE_YAML: &str = include_str!("init/site.yaml");
const EXAMPLE: &str = include_str!("init/example.md");
const GITIGNORE: &str = include_str!("init/gitignore");
const PAGES_WORKFLOW: &str = include_str!("init/pages.yml");

#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    pub title: String,
    pub base_url: String,
    pub force: bool,
    /// Date of the example article (YYYY-MM-DD).
    pub date: String,
}

/// YAML double-quoted string content: escape `\` and `"`.
fn yaml_quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The files of a new site, by relative path.
pub fn scaffold(options: &InitOptions) -> Vec<(&'static str, String)> {
    let title = yaml_quoted(&options.title);
    let fill = |text: &str| {
        text.replace("{{TITLE}}", &title)
            .replace("{{BASE_URL}}", &yaml_quoted(&options.base_url))
            .replace("{{DATE}}", &options.date)
            .replace("{{REPOSITORY}}", env!("CARGO_PKG_REPOSITORY"))
            .replace("{{VERSION_TAG}}", concat!("v", env!("CARGO_PKG_VERSION")))
    };
    vec![
        ("site.yaml", fill(SITE_YAML)),
        ("content/world/example.md", fill(EXAMPLE)),
        ("raw/.gitkeep", String::new()),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/pages.yml", fill(PAGES_WORKFLOW)),
    ]
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", dir.display())),
    }
}

/// Write the scaffold; refuses a non-empty folder unless `force` (then only the
/// scaffold's own files are overwritten). Returns the paths written.
pub fn init(options: &InitOptions) -> Result<Vec<PathBuf>> {
    crate::url::BaseUrl::parse(&options.base_url)
        .map_err(|e| anyhow::anyhow!("--base-url: {e}"))?;
    if !options.force && !is_empty_dir(&options.dir)? {
        bail!("{} is not empty; use --force to scaffold into it anyway (existing site.yaml, example article, .gitignore and workflow are overwritten)", options.dir.display());
    }
    let mut written = Vec::new();
    for (rel, text) in scaffold(options) {
        let path = options.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dir: &Path) -> InitOptions {
        InitOptions {
            dir: dir.to_path_buf(),
            title: "Tunis \"Daily\"".into(),
            base_url: "https://u.github.io/news/".into(),
            force: false,
            date: "2024-02-06".into(),
        }
    }

    #[test]
    fn scaffold_is_a_valid_site() {
        let dir = tempfile::tempdir().unwrap();
        init(&options(dir.path())).unwrap();
        let config = crate::config::SiteConfig::load(dir.path()).unwrap();
        assert_eq!(config.title, "Tunis \"Daily\"");
        assert_eq!(config.base_url.as_str(), "https://u.github.io/news/");
        assert!(dir.path().join("raw").is_dir());
        assert!(
            std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml"))
                .unwrap()
                .contains("deploy-pages")
        );
    }

    #[test]
    fn refuses_a_non_empty_folder_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
        let err = init(&options(dir.path())).unwrap_err().to_string();
        assert!(err.contains("is not empty"), "{err}");
        init(&InitOptions {
            force: true,
            ..options(dir.path())
        })
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "keep me"
        );
    }
}

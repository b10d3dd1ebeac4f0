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

impl InitOptions {
    /// The options of `gazette init DIR`: the title defaults to DIR's name in words
    /// (`my-news` → "My News"), the base URL to `https://example.github.io/<dir-name>/`,
    /// and the example article is dated today in UTC, the scaffold's timezone (a local
    /// date ahead of UTC would make it a scheduled article, left out of the first build).
    pub fn new(dir: PathBuf, title: Option<String>, base_url: Option<String>, force: bool) -> Self {
        let name = dir_name(&dir);
        InitOptions {
            title: title.unwrap_or_else(|| title_from_name(&name)),
            base_url: base_url.unwrap_or_else(|| {
                let slug = crate::slug::slugify(&name);
                let slug = if slug.is_empty() { "site".into() } else { slug };
                format!("https://example.github.io/{slug}/")
            }),
            date: chrono::Utc::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string(),
            dir,
            force,
        }
    }
}

/// The last component of DIR made absolute (so `.` names the current folder).
fn dir_name(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `my-news_site` → "My News Site"; an empty name → "My Gazette".
fn title_from_name(name: &str) -> String {
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "My Gazette".into()
    } else {
        words.join(" ")
    }
}

/// What `init` wrote; displays as the list of files and the next steps.
#[derive(Debug, Clone)]
pub struct InitSummary {
    pub dir: PathBuf,
    pub written: Vec<PathBuf>,
}

impl std::fmt::Display for InitSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Created a gazette site in {}:", self.dir.display())?;
        for path in &self.written {
            writeln!(f, "  {}", path.display())?;
        }
        writeln!(f)?;
        writeln!(f, "Next steps:")?;
        if self.dir != Path::new(".") {
            writeln!(f, "  cd {}", self.dir.display())?;
        }
        writeln!(
            f,
            "  gazette serve                      preview at http://127.0.0.1:1111/"
        )?;
        writeln!(
            f,
            "  gazette new \"A headline\" --region gulf --tags economy"
        )?;
        writeln!(
            f,
            "  gazette check && gazette build     validate, then build into public/"
        )?;
        writeln!(
            f,
            "  edit base_url in site.yaml; push to GitHub and set Settings > Pages > Source"
        )?;
        write!(
            f,
            "  to \"GitHub Actions\": .github/workflows/pages.yml publishes the site"
        )
    }
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
            // The Pages workflow installs the very release that wrote it, from the
            // repository named in Cargo.toml (its one place).
            .replace("{{REPOSITORY}}", env!("CARGO_PKG_REPOSITORY"))
            .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
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
/// scaffold's own files are overwritten). Returns the paths written, for the summary.
pub fn init(options: &InitOptions) -> Result<InitSummary> {
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
    Ok(InitSummary {
        dir: options.dir.clone(),
        written,
    })
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
    fn defaults_come_from_the_folder_name() {
        let options = InitOptions::new(PathBuf::from("/tmp/x/my-news_desk"), None, None, false);
        assert_eq!(options.title, "My News Desk");
        assert_eq!(options.base_url, "https://example.github.io/my-news-desk/");
        assert!(chrono::NaiveDate::parse_from_str(&options.date, "%Y-%m-%d").is_ok());
        let given = InitOptions::new(
            PathBuf::from("x"),
            Some("T".into()),
            Some("https://n.example/".into()),
            true,
        );
        assert_eq!(
            (given.title.as_str(), given.base_url.as_str()),
            ("T", "https://n.example/")
        );
        assert!(given.force);
        for (name, title) in [("", "My Gazette"), ("tunis", "Tunis"), ("--", "My Gazette")] {
            assert_eq!(title_from_name(name), title, "{name:?}");
        }
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

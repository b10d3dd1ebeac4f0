//! `gazette new`: scaffold one content file with valid front matter for an editor.
//! Checks the region, tags, date and language against site.yaml before writing, proves the
//! text parses with the same front-matter checker the build uses, and never overwrites.
//! Knows nothing of rendering or the output folder.

use crate::config::SiteConfig;
use crate::content::front_matter;
use crate::content::load::CONTENT_DIR;
use crate::diagnostics::ContentErrors;
use crate::slug::{is_safe_segment, slugify};
use anyhow::{bail, Context as _, Result};
use chrono::NaiveDate;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub title: String,
    pub region: String,
    pub tags: Vec<String>,
    /// Default: today in the site's timezone.
    pub date: Option<NaiveDate>,
    pub lang: Option<String>,
    pub draft: bool,
}

/// `--date`: `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("--date: {text:?} is not a date like 2024-02-06 (YYYY-MM-DD)"))
}

/// One front-matter line `key: value`, the value quoted by the YAML writer when it needs it
/// (`title: "Gulf: talks"`, `tags: ["null"]`).
fn yaml_scalar(value: &str) -> Result<String> {
    let text = crate::yaml::to_string(&value).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(text.trim_end().to_string())
}

/// The whole file: front matter in the fixture order (title, date, region, tags, …) and a
/// placeholder body.
fn render_file(options: &NewOptions, date: NaiveDate) -> Result<String> {
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", yaml_scalar(options.title.trim())?));
    text.push_str(&format!("date: {}\n", date.format("%Y-%m-%d")));
    text.push_str(&format!("region: {}\n", yaml_scalar(&options.region)?));
    if !options.tags.is_empty() {
        let tags = options
            .tags
            .iter()
            .map(|t| yaml_scalar(t))
            .collect::<Result<Vec<_>>>()?;
        text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if let Some(lang) = &options.lang {
        text.push_str(&format!("lang: {}\n", yaml_scalar(lang)?));
    }
    if options.draft {
        text.push_str("draft: true\n");
    }
    text.push_str("---\n\n");
    text.push_str(crate::content::BODY_PLACEHOLDER);
    text.push('\n');
    Ok(text)
}

/// Problems with the arguments, all at once, before anything is written.
fn check_arguments(options: &NewOptions, config: &SiteConfig) -> Vec<String> {
    let mut problems = Vec::new();
    let title = options.title.trim();
    if title.is_empty() {
        problems.push("the title is empty".to_string());
    } else if title.chars().any(char::is_control) {
        problems.push("the title must be one line of text".to_string());
    } else if slugify(title).is_empty() {
        problems.push(format!(
            "cannot make a file name from the title {title:?}: use some letters or digits"
        ));
    }
    if config.region(&options.region).is_none() {
        problems.push(format!(
            "unknown region \"{}\" (expected one of: {})",
            options.region,
            config.region_slugs().join(", ")
        ));
    }
    for tag in &options.tags {
        if !is_safe_segment(tag) {
            problems.push(format!(
                "tag \"{tag}\" is not a slug (use lowercase letters, digits and -, e.g. \"{}\")",
                slugify(tag)
            ));
        } else if config.strict_tags && config.tag_def(tag).is_none() {
            let known: Vec<&str> = config.tags.iter().map(|t| t.slug.as_str()).collect();
            problems.push(format!(
                "tag \"{tag}\" is not in the site.yaml vocabulary (strict_tags is on; known tags: {})",
                known.join(", ")
            ));
        }
    }
    if let Some(lang) = &options.lang {
        if !crate::lang::is_language_tag(lang) {
            problems.push(crate::lang::not_a_language_tag(lang));
        }
    }
    problems
}

/// Write the new article; returns its path (ROOT joined with `content/<region>/<file>`).
pub fn run(options: &NewOptions) -> Result<PathBuf> {
    let config = SiteConfig::load(&options.root).map_err(ContentErrors)?;
    let problems = check_arguments(options, &config);
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    let date = options.date.unwrap_or_else(|| config.now().date_naive());
    let slug = slugify(options.title.trim());
    let rel = Path::new(CONTENT_DIR)
        .join(&options.region)
        .join(format!("{}-{slug}.md", date.format("%Y-%m-%d")));
    let text = render_file(options, date)?;

    // The same checker as `build`: what we write must load (a bad --lang fails here).
    let split = front_matter::split(&text).map_err(|(_, message)| anyhow::anyhow!(message))?;
    if let Err(errors) = front_matter::parse(&rel, &split, &config) {
        let messages: Vec<String> = errors.into_iter().map(|d| d.message).collect();
        bail!("{}", messages.join("\n"));
    }

    let path = options.root.join(&rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    // create_new: an existing file is an error, never overwritten, even in a race.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; edit it, or choose another title or --date",
            shown(&path).display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(shown(&path).to_path_buf())
}

/// `./content/x.md` → `content/x.md`, as an editor would type it.
fn shown(path: &Path) -> &Path {
    path.strip_prefix(".").unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(strict: bool) -> SiteConfig {
        let text = format!(
            "title: T\nbase_url: https://example.org/\nstrict_tags: {strict}\nregions:\n  - slug: gulf\n    name: Gulf\n  - slug: europe\n    name: Europe\ntags:\n  - slug: economy\n    name: Economy\n"
        );
        SiteConfig::parse(Path::new("."), &text).unwrap()
    }

    fn options(title: &str) -> NewOptions {
        NewOptions {
            root: PathBuf::from("."),
            title: title.into(),
            region: "gulf".into(),
            tags: vec!["economy".into(), "null".into()],
            date: NaiveDate::from_ymd_opt(2024, 2, 6),
            lang: Some("ar".into()),
            draft: false,
        }
    }

    #[test]
    fn awkward_titles_round_trip_through_the_checker() {
        let date = NaiveDate::from_ymd_opt(2024, 2, 6).unwrap();
        for title in [
            "Gulf: talks resume",
            "\"Quoted\" # not a comment",
            "- starts like a list",
            "1984",
            "yes",
            "قمة الخليج",
            "{braces} and [brackets] & *stars*",
        ] {
            let text = render_file(&options(title), date).unwrap();
            let split = front_matter::split(&text).unwrap();
            let front = front_matter::parse(Path::new("x.md"), &split, &config(false))
                .unwrap_or_else(|e| panic!("{title}: {e:?}\n{text}"));
            assert_eq!(front.title, title);
            assert_eq!(front.tags, ["economy", "null"]);
            assert_eq!(front.region, "gulf");
            assert_eq!(front.lang.as_deref(), Some("ar"));
        }
    }

    #[test]
    fn argument_problems_are_all_listed() {
        let mut bad = options("  ");
        bad.region = "mideast".into();
        bad.tags = vec!["Bad Tag".into(), "sport".into()];
        bad.lang = Some("e n".into());
        let problems = check_arguments(&bad, &config(true));
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert_eq!(problems[0], "the title is empty");
        assert_eq!(
            problems[1],
            "unknown region \"mideast\" (expected one of: gulf, europe)"
        );
        assert!(problems[2].contains("\"bad-tag\""), "{}", problems[2]);
        assert!(problems[3].contains("strict_tags"), "{}", problems[3]);
        assert!(problems[4].starts_with("lang \"e n\""), "{}", problems[4]);
    }

    #[test]
    fn titles_without_letters_are_refused() {
        let problems = check_arguments(&options("!!!"), &config(false));
        assert!(problems[0].contains("file name"), "{problems:?}");
        let problems = check_arguments(&options("a\nb"), &config(false));
        assert!(problems[0].contains("one line"), "{problems:?}");
    }
}

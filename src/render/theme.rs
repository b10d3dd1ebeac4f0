//! Theme lookup: templates and static files, layered file by file. The default theme is
//! embedded in the binary (from the repository's own themes/default, no second copy);
//! a site's themes/<name>/ overrides it, and a site's root templates/ and static/
//! override the theme (Zola's lookup order).

use crate::config::SiteConfig;
use anyhow::{anyhow, bail, Context as _, Result};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
pub const DEFAULT_THEME_NAME: &str = "default";

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "article.html",
    "region.html",
    "regions.html",
    "tag.html",
    "tags.html",
    "404.html",
];

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

/// Parse every template once into one tera instance (tera needs them together to
/// resolve `extends`), and tell whether any prints the build time (`now`): such a site
/// changes at every build, so it is never taken as up to date. A syntax error names the
/// template file and line.
pub fn load_templates(config: &SiteConfig) -> Result<(tera::Tera, bool)> {
    let sources = layered(config, "templates")?;
    let mut texts = Vec::with_capacity(sources.len());
    for (name, source) in &sources {
        let bytes = source.read()?;
        let text = String::from_utf8(bytes).map_err(|_| {
            anyhow!(
                "{}: template is not valid UTF-8",
                source.describe(&config.root)
            )
        })?;
        texts.push((name.clone(), text));
    }
    let uses_now = texts.iter().any(|(_, text)| prints_now(text));
    let mut tera = tera::Tera::default();
    // Autoescape every template, whatever its extension: content text is untrusted.
    tera.autoescape_on(vec![""]);
    // Escape & < > " ' but not `/`: tera's default turns every URL's slashes into
    // `&#x2F;`, which grew pages by ~10% and is not needed in quoted attributes or text.
    tera.set_escape_fn(escape_text);
    // `t(key=…, count=…)`: the theme's UI strings (registered before parsing: tera
    // checks that every function a template calls exists).
    let i18n = crate::i18n::load(config)?;
    tera.register_function(
        "t",
        crate::i18n::TranslateFn {
            i18n,
            lang: config.default_language().to_string(),
        },
    );
    tera.add_raw_templates(texts)
        .map_err(|e| template_error(config, &sources, &e))?;
    for required in REQUIRED_TEMPLATES {
        if !sources.contains_key(*required) {
            bail!("theme \"{}\" has no template {required} (looked in themes/{}/templates/ and templates/)", config.theme, config.theme);
        }
    }
    Ok((tera, uses_now))
}

/// The templates with `t()` speaking `lang`: a copy of the parsed set (no re-parse).
pub fn for_language(
    tera: &tera::Tera,
    i18n: std::sync::Arc<crate::i18n::I18n>,
    lang: &str,
) -> tera::Tera {
    let mut tera = tera.clone();
    tera.register_function(
        "t",
        crate::i18n::TranslateFn {
            i18n,
            lang: lang.to_string(),
        },
    );
    tera
}

fn escape_text(text: &str) -> String {
    crate::content::markdown::escape_html(text)
}

/// Whether a template's text prints the build time: every `now` inside a `{{ }}` or
/// `{% %}` tag counts.
fn prints_now(text: &str) -> bool {
    let tags = text.split("{{").skip(1).chain(text.split("{%").skip(1));
    tags.into_iter().any(|tail| {
        let tag = tail.split(['}', '%']).next().unwrap_or("");
        tag.split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|word| word == "now")
    })
}

/// Turn a tera error chain into `path:line: message`.
pub fn template_error(
    config: &SiteConfig,
    sources: &BTreeMap<String, Source>,
    error: &tera::Error,
) -> anyhow::Error {
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    let full = chain.join(": ");
    // tera says "Failed to parse 'name.html'"; pest's message holds " --> LINE:COL".
    let name = full.split('\'').nth(1).unwrap_or("");
    let file = sources
        .get(name)
        .map(|s| s.describe(&config.root))
        .unwrap_or_else(|| name.to_string());
    let line = full
        .split("--> ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|l| l.trim().parse::<usize>().ok());
    // pest's report is a code frame ending in "= <what was expected>"; lead with that.
    let detail = full
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map(str::to_string)
        .unwrap_or_else(|| chain.last().cloned().unwrap_or_default());
    let frame = full
        .lines()
        .skip_while(|l| !l.contains("--> "))
        .map(|l| l.trim_end())
        .map(|l| l.find("--> ").map_or(l, |i| &l[i..]))
        .collect::<Vec<_>>()
        .join("\n");
    match line {
        Some(line) => anyhow!("{file}:{line}: template syntax error: {detail}\n{frame}"),
        None if !name.is_empty() => anyhow!("{file}: template error: {full}"),
        None => anyhow!("template error: {full}"),
    }
}

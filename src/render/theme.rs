//! The theme's templates: parsed once into tera, with gazette's escaping and `t()`.
//! Which file is the theme's and which the site's own is `crate::theme_files`.

use crate::config::SiteConfig;
use crate::theme_files::{layered, Source};
use anyhow::{anyhow, bail, Result};
use std::collections::BTreeMap;

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

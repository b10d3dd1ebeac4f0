//! Walk content/, read every `.md` file in parallel, check its front matter, resolve
//! internal links and render markdown. Returns the articles that belong in this build and
//! every diagnostic found, across all files (keep-going, like ripgrep's parse_reader).

use super::article::{url_path, Article};
use super::front_matter::{self, FrontMatter};
use super::markdown;
use crate::config::SiteConfig;
use crate::diagnostics::{self, ContentErrors, Diagnostic};
use crate::spill::Spill;
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const CONTENT_DIR: &str = "content";

/// Which articles a build publishes.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub drafts: bool,
    pub future: bool,
    pub now: DateTime<FixedOffset>,
}

/// Why a valid article is left out of this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Draft,
    Scheduled,
    Expired,
}

impl Held {
    pub fn describe(self) -> &'static str {
        match self {
            Held::Draft => "a draft",
            Held::Scheduled => "scheduled for a future date",
            Held::Expired => "expired",
        }
    }
}

#[derive(Debug, Default)]
pub struct LoadedContent {
    /// Articles to publish, in content-path order (the index sorts them).
    pub articles: Vec<Article>,
    /// Valid articles left out: drafts, scheduled (future date), expired.
    pub held: Vec<(PathBuf, Held, DateTime<FixedOffset>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many `.md` files were read.
    pub files: usize,
}

impl LoadedContent {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What a more lenient build (`preview`, e.g. `--drafts --future`) would publish beyond
/// this one, rendered as that build would render it: `check` reports the problems of
/// drafts and scheduled articles before they go live, from the same read of content/.
#[derive(Debug, Default)]
pub struct Previewed {
    /// In content-path order.
    pub articles: Vec<Article>,
    /// Their problems (their bodies and links), sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// A file whose front matter is valid, waiting for links to be resolvable.
struct Parsed {
    source_path: PathBuf,
    content_key: String,
    /// Boxed: every file's front matter waits here until its body is rendered, when it
    /// moves into its `Article`; unboxed, the list of all files and the list of all
    /// articles would both be full-size at the end of loading.
    front: Box<FrontMatter>,
    /// The file, read again when its body is rendered: holding every file's text until
    /// then would double the peak memory of large sites.
    path: PathBuf,
    /// Its length when first read, to notice an edit made during the build.
    len: usize,
    body_offset: usize,
    body_line: usize,
}

/// Every `.md` file under content/, sorted, with problems met while walking.
fn find_files(config: &SiteConfig) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let root = &config.root;
    let content = root.join(CONTENT_DIR);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !content.is_dir() {
        return (files, problems);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    for entry in walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| diagnostics::display_path(root, p))
                    .unwrap_or_else(|| CONTENT_DIR.into());
                problems.push(Diagnostic::error(path, None, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let is_markdown = path.extension().is_some_and(|ext| ext == "md");
        if entry.path_is_symlink() {
            // Followed only when it resolves to a file inside the site root; folders never
            // (walkdir does not descend into them), so loops cannot trap the walk.
            let shown = diagnostics::display_path(root, path);
            match path.canonicalize() {
                Ok(target) if target.is_dir() => {
                    problems.push(Diagnostic::warning(
                        shown,
                        None,
                        "symlinked folder not followed",
                    ));
                    continue;
                }
                Ok(target) if !target.starts_with(&canonical_root) => {
                    if is_markdown {
                        problems.push(Diagnostic::warning(
                            shown,
                            None,
                            "symlink not followed: it points outside the site root",
                        ));
                    }
                    continue;
                }
                Ok(_) if is_markdown => {}
                Ok(_) => continue,
                Err(e) => {
                    if is_markdown {
                        problems.push(Diagnostic::error(
                            shown,
                            None,
                            format!("broken or looping symlink: {e}"),
                        ));
                    }
                    continue;
                }
            }
        } else if !is_markdown || !entry.file_type().is_file() {
            continue;
        }
        files.push(path.to_path_buf());
    }
    (files, problems)
}

/// Read one file: size limit, UTF-8 (naming the byte offset), fences, front matter.
fn parse_file(config: &SiteConfig, path: &Path) -> Result<Parsed, Vec<Diagnostic>> {
    let root = &config.root;
    let shown = diagnostics::display_path(root, path);
    let fail = |line: Option<usize>, message: String| {
        vec![Diagnostic::error(shown.clone(), line, message)]
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(None, format!("cannot read: {e}")))?
        .len();
    if size > config.max_file_size {
        return Err(fail(
            None,
            format!(
                "file is {size} bytes, over the {} byte limit (site.yaml max_file_size)",
                config.max_file_size
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(None, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        fail(
            Some(line),
            format!("not valid UTF-8 (invalid byte at offset {offset}); save the file as UTF-8"),
        )
    })?;
    if text.contains('\0') {
        let line = text[..text.find('\0').unwrap_or(0)].matches('\n').count() + 1;
        return Err(fail(
            Some(line),
            "contains a NUL byte; this looks like a binary file".into(),
        ));
    }
    let split = front_matter::split(&text).map_err(|(line, message)| fail(Some(line), message))?;
    let front = front_matter::parse(&shown, &split, config)?;
    let body_offset = text.len() - split.body.len();
    let body_line = split.body_line;
    let content_key = content_key(config, path);
    Ok(Parsed {
        source_path: shown,
        content_key,
        front: Box::new(front),
        path: path.to_path_buf(),
        len: text.len(),
        body_offset,
        body_line,
    })
}

/// The markdown body of a parsed file, read again from disk.
fn read_body(file: &Parsed) -> Result<String, Diagnostic> {
    let fail = |message: String| Diagnostic::error(file.source_path.clone(), None, message);
    let text =
        std::fs::read_to_string(&file.path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if text.len() != file.len || !text.is_char_boundary(file.body_offset) {
        return Err(fail(
            "the file changed during the build; build again".into(),
        ));
    }
    Ok(text[file.body_offset..].to_string())
}

/// Path relative to content/ with `/` separators: what `@/` links name.
fn content_key(config: &SiteConfig, path: &Path) -> String {
    path.strip_prefix(config.root.join(CONTENT_DIR))
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why an article is held back from this build, if it is.
fn held(front: &FrontMatter, options: &LoadOptions) -> Option<Held> {
    if front.draft && !options.drafts {
        Some(Held::Draft)
    } else if front.date > options.now && !options.future {
        Some(Held::Scheduled)
    } else if front.expires.is_some_and(|expires| expires <= options.now) {
        Some(Held::Expired)
    } else {
        None
    }
}

/// Load, check and render all content of the site.
pub fn load_site_content(config: &SiteConfig, options: &LoadOptions) -> LoadedContent {
    load_content(config, options, None).0
}

/// `load_site_content`, and what `preview` would publish beyond it (`Previewed`).
pub fn load_site_content_previewing(
    config: &SiteConfig,
    options: &LoadOptions,
    preview: &LoadOptions,
) -> (LoadedContent, Previewed) {
    load_content(config, options, Some(preview))
}

fn load_content(
    config: &SiteConfig,
    options: &LoadOptions,
    preview: Option<&LoadOptions>,
) -> (LoadedContent, Previewed) {
    let (files, mut diagnostics) = find_files(config);
    let results: Vec<Result<Parsed, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|path| parse_file(config, path))
        .collect();
    // Files that exist but failed to load: a link to one is reported as such.
    let mut broken_keys = std::collections::HashSet::new();
    // Collected into `results`' own storage (see `render_files`).
    let parsed: Vec<Parsed> = results
        .into_iter()
        .zip(&files)
        .filter_map(|(result, path)| match result {
            Ok(file) => Some(file),
            Err(errors) => {
                broken_keys.insert(content_key(config, path));
                diagnostics.extend(errors);
                None
            }
        })
        .collect();

    duplicate_urls(config, &parsed, &mut diagnostics);

    let (published, held_files) = partition_held(parsed, options);
    let held_back = held_files
        .iter()
        .map(|(file, reason)| (file.source_path.clone(), *reason, file.front.date))
        .collect();
    let unpublished_keys = unpublished(&held_files);

    let mut previewed = Previewed::default();
    if let Some(preview) = preview {
        // As the preview build would see them: its targets are ours and the held files
        // it publishes; what it still holds back, it holds for its own reason.
        let (shown, still_held) =
            partition_held(held_files.into_iter().map(|(file, _)| file), preview);
        let mut preview_targets = link_targets(config, &published);
        preview_targets.extend(link_targets(config, &shown));
        let (articles, mut diagnostics) = render_files(
            config,
            shown,
            &preview_targets,
            &unpublished(&still_held),
            &broken_keys,
        );
        diagnostics::sort(&mut diagnostics);
        previewed = Previewed {
            articles,
            diagnostics,
        };
    }

    let targets = link_targets(config, &published);
    let (articles, errors) =
        render_files(config, published, &targets, &unpublished_keys, &broken_keys);
    diagnostics.extend(errors);
    diagnostics::sort(&mut diagnostics);
    let loaded = LoadedContent {
        articles,
        held: held_back,
        diagnostics,
        files: files.len(),
    };
    (loaded, previewed)
}

/// Two files, one URL: an error naming both, at the line that made the slug.
fn duplicate_urls(config: &SiteConfig, parsed: &[Parsed], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_url: HashMap<String, usize> = HashMap::with_capacity(parsed.len());
    for (i, file) in parsed.iter().enumerate() {
        let mut url = url_path(&file.front.date, &file.front.slug);
        // Each language edition has its own URLs (`/ar/…`): the same slug in two
        // languages is one story's versions, not a clash.
        if config.multilingual() {
            let lang = file.front.lang.as_deref().unwrap_or(&config.lang);
            let edition = crate::render::languages::edition_of(config, lang);
            if edition != config.default_language() {
                url = format!("{}/{url}", edition.to_ascii_lowercase());
            }
        }
        if let Some(&first) = by_url.get(&url) {
            let other = &parsed[first];
            let lines = &file.front.key_lines;
            diagnostics.push(Diagnostic::error(
                file.source_path.clone(),
                lines.get("slug").or(lines.get("title")),
                format!(
                    "duplicate URL /{url}: {} has the same slug \"{}\" and month",
                    other.source_path.display(),
                    file.front.slug
                ),
            ));
        } else {
            by_url.insert(url, i);
        }
    }
}

/// Content key → (edition folder, page path): see `link_targets`.
type LinkTargets = HashMap<String, (String, String)>;

/// The files `options` publishes, and those it holds back with the reason, in order.
fn partition_held(
    files: impl IntoIterator<Item = Parsed>,
    options: &LoadOptions,
) -> (Vec<Parsed>, Vec<(Parsed, Held)>) {
    let mut published = Vec::new();
    let mut held_back = Vec::new();
    for file in files {
        match held(&file.front, options) {
            Some(reason) => held_back.push((file, reason)),
            None => published.push(file),
        }
    }
    (published, held_back)
}

/// Why each held file is not published, by content key (a link to one says so).
fn unpublished(held_back: &[(Parsed, Held)]) -> HashMap<String, Held> {
    held_back
        .iter()
        .map(|(file, reason)| (file.content_key.clone(), *reason))
        .collect()
}

/// Where each file's page is: the folder of its language's edition and its path there.
/// Article pages all live at `<year>/<month>/<slug>/`, three levels below the root of
/// their edition, so a link between articles is relative (works under any base_url and
/// from file://).
fn link_targets(config: &SiteConfig, published: &[Parsed]) -> LinkTargets {
    published
        .iter()
        .map(|f| {
            (
                f.content_key.clone(),
                (
                    edition_folder(config, f.front.lang.as_deref()),
                    url_path(&f.front.date, &f.front.slug),
                ),
            )
        })
        .collect()
}

/// Render the bodies of `published`, resolving internal links to `link_targets`; a link
/// to one of `unpublished_keys` or `broken_keys` is an error that says why.
fn render_files(
    config: &SiteConfig,
    published: Vec<Parsed>,
    link_targets: &LinkTargets,
    unpublished_keys: &HashMap<String, Held>,
    broken_keys: &std::collections::HashSet<String>,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let resolve = |key: &str| {
        let key = key.trim_start_matches('/');
        match (link_targets.get(key), unpublished_keys.get(key)) {
            (Some(target), _) => Ok(target.clone()),
            (None, Some(reason)) => Err(format!(
                "that article is {} and not published in this build",
                reason.describe()
            )),
            (None, None) if broken_keys.contains(key) => {
                Err("that file has errors of its own (see its messages)".to_string())
            }
            (None, None) => Err("no such file in content/".to_string()),
        }
    };

    // Consumed one file at a time: each body is read, rendered and set aside in turn.
    let spill = Spill::new();
    let (rendered, errors): (Vec<Option<Article>>, Vec<Vec<Diagnostic>>) = published
        .into_par_iter()
        .map(|file| {
            let body = match read_body(&file) {
                Ok(body) => body,
                Err(error) => return (None, vec![error]),
            };
            let from = edition_folder(config, file.front.lang.as_deref());
            let resolve_here =
                |key: &str| resolve(key).map(|(to, path)| article_link(&from, &to, &path));
            let (rendered, body_errors) = markdown::render_in(
                &body,
                file.body_line,
                &resolve_here,
                config.unsafe_html,
                quotes_of(config, &file.front),
            );
            let errors = body_errors
                .into_iter()
                .map(|(line, message)| {
                    Diagnostic::error(file.source_path.clone(), Some(line), message)
                })
                .collect();
            let mut article = Article::new(
                file.source_path,
                file.content_key,
                *file.front,
                rendered,
                &config.lang,
                &spill,
            );
            // site.yaml `languages:` may set a language's direction.
            article.rtl = config.is_rtl(&article.lang);
            (Some(article), errors)
        })
        .unzip();
    // `filter_map` collects into the list's own storage (`flatten` would build a second
    // list of every article, and grow it by doubling).
    #[allow(clippy::filter_map_identity)]
    let articles = rendered.into_iter().filter_map(|article| article).collect();
    let diagnostics = errors.into_iter().flatten().collect();
    (articles, diagnostics)
}

/// The folder of the language edition an article of language `lang` (else the site's) is
/// published in: `""` for the root site, `ar/` for the Arabic edition (issue 16).
fn edition_folder(config: &SiteConfig, lang: Option<&str>) -> String {
    if !config.multilingual() {
        return String::new();
    }
    let edition = crate::render::languages::edition_of(config, lang.unwrap_or(&config.lang));
    crate::render::languages::edition_prefix(config, edition)
}

/// The relative link from an article page of the edition in folder `from` to the article
/// page `path` of the edition in folder `to` (both three levels below their edition).
fn article_link(from: &str, to: &str, path: &str) -> String {
    if from == to {
        return format!("../../../{path}");
    }
    let up = if from.is_empty() { "" } else { "../" };
    format!("../../../{up}{to}{path}")
}

/// The quotation marks of an article's language (its `lang`, else the site's).
fn quotes_of(config: &SiteConfig, front: &FrontMatter) -> markdown::Quotes {
    markdown::Quotes::of(front.lang.as_deref().unwrap_or(&config.lang))
}

/// Where the bodies of articles loaded one at a time go: one scratch file for the whole
/// `serve` session (a file each would hold a descriptor each, for as long as the article
/// is shown); it grows by one body per edit.
static RELOADS: std::sync::LazyLock<Spill> = std::sync::LazyLock::new(Spill::new);

/// Load one article again (serve's incremental update), resolving its internal links
/// against `published`. `Err` carries its diagnostics (it does not load); `Ok(Err(why))`
/// means it loads but is no longer published as it was (a draft now, scheduled…), which
/// only a full build can handle.
pub fn load_one(
    config: &SiteConfig,
    options: &LoadOptions,
    published: &[Article],
    path: &Path,
) -> Result<Result<Article, String>, ContentErrors> {
    let file = parse_file(config, path).map_err(ContentErrors)?;
    if let Some(reason) = held(&file.front, options) {
        return Ok(Err(format!(
            "{} is now {}",
            file.source_path.display(),
            reason.describe()
        )));
    }
    let targets: HashMap<&str, &Article> = published.iter().map(|a| (&*a.content_key, a)).collect();
    let from = edition_folder(config, file.front.lang.as_deref());
    // A link to an article that `published` does not have (a new one, or one of another
    // language edition, which serve's session does not keep): a full build decides.
    let unknown = std::cell::Cell::new(false);
    let resolve = |key: &str| {
        let found = targets
            .get(key.trim_start_matches('/'))
            .map(|a| article_link(&from, &edition_folder(config, Some(&a.lang)), &a.path));
        unknown.set(unknown.get() || found.is_none());
        found.ok_or_else(|| "no published article at that path".to_string())
    };
    let body = read_body(&file).map_err(|d| ContentErrors(vec![d]))?;
    let (rendered, errors) = markdown::render_in(
        &body,
        file.body_line,
        &resolve,
        config.unsafe_html,
        quotes_of(config, &file.front),
    );
    if unknown.get() {
        return Ok(Err(format!(
            "{} links to an article the last build did not publish in its edition",
            file.source_path.display()
        )));
    }
    if !errors.is_empty() {
        let diagnostics = errors
            .into_iter()
            .map(|(line, message)| Diagnostic::error(file.source_path.clone(), Some(line), message))
            .collect();
        return Err(ContentErrors(diagnostics));
    }
    let mut article = Article::new(
        file.source_path,
        file.content_key,
        *file.front,
        rendered,
        &config.lang,
        &RELOADS,
    );
    // site.yaml `languages:` may set a language's direction.
    article.rtl = config.is_rtl(&article.lang);
    Ok(Ok(article))
}

//! Import: raw material (wire copy, text copied from pages, saved HTML pages, feeds) →
//! markdown content files with front matter, and the report of what was done. This file
//! is the orchestrator of `gazette import`: `inputs` (files, folders, stdin, size limit)
//! → `raw::decode` → `source::read` (the reader for the file's kind) → per article
//! `classify` (region, tags) → `dating` → `dedupe` against `known` content → `write`,
//! all recorded in the `report`. Knows nothing of tera, rendering or the build; reads
//! site.yaml only through `SiteConfig`.

pub mod classify;
pub mod credit;
pub mod dates;
pub mod dating;
pub mod dedupe;
mod inputs;
mod known;
pub mod raw;
mod report;
pub mod source;
pub mod text;
pub mod write;

use crate::config::SiteConfig;
use crate::diagnostics::{display_path, ContentErrors};
use crate::slug::slugify;
use anyhow::Context;
use chrono::NaiveDate;
use classify::{classify, Gazetteer, RegionReason, Vocabulary, LEAD_PARAGRAPHS};
use dating::choose_date;
pub use dating::DateSource;
use inputs::{expand_inputs, Input};
use known::Known;
use raw::{RawArticle, RawLine};
pub use report::{ArticleReport, FileReport, ImportReport, NearDuplicate, Status, UnplacedReport};
use std::path::{Path, PathBuf};

/// What `gazette import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub root: PathBuf,
    pub into: Option<PathBuf>,
    pub date: Option<chrono::NaiveDate>,
    pub dry_run: bool,
    pub force: bool,
    pub json_report: bool,
    pub paths: Vec<PathBuf>,
    /// Show a progress bar over the input files (long imports on a terminal).
    pub progress: bool,
    /// `--lang`: the language of every imported article, written as `lang:`; `None`
    /// takes the one the source declares or, for Arabic script, `ar`.
    pub lang: Option<String>,
}

/// Import the raw files named in `options`.
pub fn run(options: &ImportOptions) -> anyhow::Result<ImportReport> {
    run_with_today(options, None)
}

/// `run`, with the import day fixed (for tests); `None` is today in the site's timezone.
pub fn run_with_today(
    options: &ImportOptions,
    today: Option<NaiveDate>,
) -> anyhow::Result<ImportReport> {
    let config =
        SiteConfig::load(&options.root).map_err(|d| anyhow::Error::new(ContentErrors(d)))?;
    let today = today.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&config.timezone)
            .date_naive()
    });
    if let Some(lang) = &options.lang {
        if !crate::lang::is_language_tag(lang) {
            anyhow::bail!("--lang: {}", crate::lang::not_a_language_tag(lang));
        }
        if config.multilingual() && config.language(lang).is_none() {
            let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            anyhow::bail!(
                "--lang {lang} is not one of site.yaml languages: ({})",
                codes.join(", ")
            );
        }
    }
    let mut warnings = Vec::new();
    let gazetteer = load_gazetteer(&config, &mut warnings)?;
    let vocabulary = Vocabulary::new(&config.tags);
    let content_dir = options
        .into
        .clone()
        .unwrap_or_else(|| options.root.join("content"));
    let mut known = Known::scan(&content_dir);
    let mut importer = Importer {
        options,
        config: &config,
        gazetteer: &gazetteer,
        vocabulary: &vocabulary,
        content_dir,
        today,
        known: &mut known,
    };

    let mut files = Vec::new();
    let mut stdin_read = false;
    let inputs = expand_inputs(&options.paths);
    let count = inputs.len() as u64;
    let progress =
        crate::progress::Progress::new(options.progress, "importing", Some(count), count);
    for input in inputs {
        progress.inc(1);
        let report = match input {
            Input::Missing(path, error) => FileReport::failed(importer.show(&path), error),
            Input::Stdin if stdin_read => continue,
            Input::Stdin => {
                stdin_read = true;
                match inputs::read_stdin(config.max_file_size) {
                    Ok(bytes) => importer.import_bytes("<stdin>", "stdin", &bytes),
                    Err(error) => FileReport::failed("<stdin>".into(), error),
                }
            }
            Input::File(path) => importer.import_file(&path),
        };
        files.push(report);
    }
    Ok(ImportReport {
        dry_run: options.dry_run,
        warnings,
        files,
    })
}

/// The site's gazetteer (site.yaml `gazetteer:`, relative to the root) or the built-in
/// one, with site.yaml's region lists applied.
fn load_gazetteer(config: &SiteConfig, warnings: &mut Vec<String>) -> anyhow::Result<Gazetteer> {
    let mut gazetteer = match &config.gazetteer {
        Some(rel) => {
            let path = config.root.join(rel);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the gazetteer {}", path.display()))?;
            Gazetteer::parse(&text, &rel.display().to_string()).map_err(anyhow::Error::msg)?
        }
        None => Gazetteer::embedded().map_err(anyhow::Error::msg)?,
    };
    warnings.extend(
        gazetteer
            .apply_site_regions(&config.regions)
            .map_err(anyhow::Error::msg)?,
    );
    Ok(gazetteer)
}

struct Importer<'a> {
    options: &'a ImportOptions,
    config: &'a SiteConfig,
    gazetteer: &'a Gazetteer,
    vocabulary: &'a Vocabulary,
    content_dir: PathBuf,
    today: NaiveDate,
    known: &'a mut Known,
}

/// The language of an article written mostly in Arabic script.
fn arabic_script(title: &str, body: &[RawLine]) -> bool {
    let mut arabic = 0usize;
    let mut letters = 0usize;
    for text in std::iter::once(title).chain(body.iter().take(3).map(|l| l.text.as_str())) {
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            arabic += usize::from(text::is_arabic(c));
        }
    }
    letters > 0 && arabic * 2 > letters
}

impl Importer<'_> {
    /// The title's slug (else one from the file name and article number), made unique
    /// against known content with the date, then a counter. The slug of the file being
    /// replaced (`--force`) counts as free.
    fn free_slug(
        &self,
        title: &str,
        name: &str,
        number: usize,
        date: NaiveDate,
        replacing: Option<&(PathBuf, String)>,
    ) -> String {
        let base = Some(slugify(title))
            .filter(|s| !s.is_empty())
            .or_else(|| Some(slugify(&format!("{name} {number}"))).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| format!("article-{number}"));
        let free =
            |s: &str| !self.known.slugs.contains(s) || replacing.is_some_and(|(_, r)| r == s);
        if free(&base) {
            return base;
        }
        std::iter::once(format!("{base}-{date}"))
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|s| free(s))
            .unwrap_or(base)
    }

    fn show(&self, path: &Path) -> String {
        display_path(&self.options.root, path).display().to_string()
    }

    fn import_file(&mut self, path: &Path) -> FileReport {
        let shown = self.show(path);
        match inputs::read_file(path, self.config.max_file_size) {
            Ok(bytes) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| shown.clone());
                self.import_bytes(&shown, &name, &bytes)
            }
            Err(error) => FileReport::failed(shown, error),
        }
    }

    /// Import one raw file's bytes; `name` is what `imported_from` records.
    fn import_bytes(&mut self, shown: &str, name: &str, bytes: &[u8]) -> FileReport {
        let mut report = FileReport {
            path: shown.to_string(),
            error: None,
            articles: vec![],
            unplaced: vec![],
        };
        if bytes.len() as u64 > self.config.max_file_size {
            report.error = Some(format!(
                "more than max_file_size ({} bytes in site.yaml)",
                self.config.max_file_size
            ));
            return report;
        }
        let text = match raw::decode(bytes) {
            Ok(text) => text,
            Err(e) => {
                report.error = Some(e.to_string());
                return report;
            }
        };
        let file = match source::read(text) {
            Ok((_, file)) => file,
            Err(e) => {
                report.error = Some(e);
                return report;
            }
        };
        if file.articles.is_empty() {
            report.error = Some(match file.unplaced.iter().map(|u| u.reason).next() {
                Some(raw::UnplacedReason::OnlyNoise) => {
                    "no article found: only page noise (share counts, \"TT\")".to_string()
                }
                Some(raw::UnplacedReason::NoBody) => {
                    "no article found: a title with no body text after it".to_string()
                }
                _ => "no article found: no title line followed by body text".to_string(),
            });
        }
        for unplaced in &file.unplaced {
            let message = match unplaced.number {
                Some(n) => format!(
                    "article #{n}: {}; nothing written for it",
                    unplaced.reason.describe()
                ),
                None => format!(
                    "{}; these lines were not imported",
                    unplaced.reason.describe()
                ),
            };
            report.unplaced.push(UnplacedReport {
                message,
                lines: unplaced.lines.clone(),
            });
        }
        for article in &file.articles {
            report.articles.push(self.import_article(name, article));
        }
        report
    }

    fn import_article(&mut self, name: &str, article: &RawArticle) -> ArticleReport {
        let title = article.title.text.as_str();
        let paragraphs: Vec<&str> = article.body.iter().map(|l| l.text.as_str()).collect();
        let class = classify(
            self.gazetteer,
            self.vocabulary,
            title,
            &paragraphs[..paragraphs.len().min(LEAD_PARAGRAPHS)],
        );
        let dated = choose_date(
            article,
            self.options.date,
            self.today,
            &self.config.timezone,
        );
        let caption = article.caption.as_ref();
        let credit = caption
            .and_then(|c| c.credit.as_ref())
            .map(credit::Credit::display);
        let facts = &article.facts;
        let source = facts.source.clone().or_else(|| {
            paragraphs
                .first()
                .and_then(|p| credit::dateline_agency(p))
                .map(str::to_string)
        });
        let key = format!("{name}#{}", article.number);
        let fingerprint = dedupe::Fingerprint::new(&paragraphs.join("\n"));
        let mut notes = Vec::new();
        let mut report = ArticleReport {
            number: article.number,
            lines: [article.first_line(), article.last_line()],
            title: title.to_string(),
            status: Status::Failed,
            path: None,
            slug: String::new(),
            region: class.region.clone(),
            region_reason: match &class.reason {
                RegionReason::Title(c) => format!("the title names {c}"),
                RegionReason::Lead(c) => format!("the lead names {c} most"),
                RegionReason::NoCountry => "no country named in the title or lead".into(),
            },
            date: dated.date.to_string(),
            date_source: dated.source,
            date_line: dated.line,
            draft: false,
            tags: class.tags(),
            image_credit: credit.clone(),
            source: source.clone(),
            noise_removed: article.noise.clone(),
            duplicates_dropped: article.duplicates.clone(),
            near_duplicate: None,
            notes: vec![],
            error: None,
        };
        if self.config.region(&class.region).is_none() {
            report.error = Some(format!(
                "region {:?} is not in site.yaml (expected one of: {}); add it or name the country in the gazetteer",
                class.region,
                self.config.region_slugs().join(", ")
            ));
            return report;
        }

        // Already imported: report where, write nothing (unless --force, in place).
        let earlier = self.known.earlier_import(&key, title, &fingerprint);
        if let Some(id) = earlier.filter(|_| !self.options.force) {
            let a = &self.known.articles[id];
            report.status = Status::AlreadyImported;
            report.path = Some(self.show(&a.path));
            report.slug = a.slug.clone();
            return report;
        }
        let replacing = earlier.map(|id| {
            (
                self.known.articles[id].path.clone(),
                self.known.articles[id].slug.clone(),
            )
        });

        let mut draft = false;
        match dated.source {
            DateSource::ImportDay => {
                draft = true;
                notes.push(format!(
                    "no date found in the text: dated {} (the import day) and marked draft: true; confirm the date, then remove draft",
                    dated.date
                ));
            }
            DateSource::Caption => notes.push(format!(
                "the date {} comes from the photo caption (line {}); the photo may be older than the story: check it",
                dated.date,
                dated.line.unwrap_or(0)
            )),
            _ => {}
        }
        if class.reason == RegionReason::NoCountry {
            notes.push(format!(
                "no country named in the title or lead: filed under {} with no country tags; check the region",
                class.region
            ));
        }

        // Near-duplicate of something known (not of the file this import replaces).
        let near = self
            .known
            .index
            .nearest(&fingerprint)
            .filter(|(id, _)| {
                replacing
                    .as_ref()
                    .is_none_or(|(path, _)| self.known.articles[**id].path != *path)
            })
            .map(|(id, similarity)| {
                let a = &self.known.articles[*id];
                NearDuplicate {
                    of: a.slug.clone(),
                    path: self.show(&a.path),
                    similarity: (similarity * 100.0).round() / 100.0,
                }
            });
        if let Some(near) = &near {
            draft = true;
            notes.push(format!(
                "near-duplicate of {} ({}, similarity {:.2}): written as a draft with duplicate_of; publish or delete it",
                near.of, near.path, near.similarity
            ));
        }

        // A slug no other article has; the file name follows it.
        let slug = self.free_slug(title, name, article.number, dated.date, replacing.as_ref());
        let path = match &replacing {
            Some((path, _)) => path.clone(),
            None => self
                .content_dir
                .join(&class.region)
                .join(format!("{}-{slug}.md", dated.date)),
        };

        // `--lang` as given; else the declared or detected language, unless it is the
        // site's default, or (on a site with editions) not one of its languages, which
        // `check` would refuse.
        let lang = match &self.options.lang {
            Some(lang) => Some(lang.clone()),
            None => facts
                .lang
                .clone()
                .or_else(|| arabic_script(title, &article.body).then(|| "ar".to_string()))
                .filter(|l| *l != self.config.lang)
                .filter(|l| !self.config.multilingual() || self.config.language(l).is_some()),
        };
        let summary = article
            .body
            .iter()
            .filter(|p| !p.heading)
            .map(|p| p.text.as_str())
            .find(|p| !credit::is_dateline_only(p))
            .map(str::to_string);
        let front = write::FrontMatter {
            title: title.to_string(),
            date: dated.date.to_string(),
            region: class.region.clone(),
            tags: report.tags.clone(),
            summary,
            image_caption: caption.map(|c| c.text.clone()).filter(|t| !t.is_empty()),
            image_credit: credit,
            source,
            source_url: facts.source_url.clone(),
            author: facts.author.clone(),
            image: facts.image.clone(),
            lang,
            draft,
            slug: (slug != slugify(title)).then(|| slug.clone()),
            duplicate_of: near.as_ref().map(|n| n.of.clone()),
            imported_from: key.clone(),
        };
        report.slug = slug.clone();
        report.path = Some(self.show(&path));
        report.draft = draft;
        report.near_duplicate = near;
        report.notes = notes;

        let blocks: Vec<write::Block> = article
            .body
            .iter()
            .map(|l| {
                if l.heading {
                    write::Block::Heading(&l.text)
                } else {
                    write::Block::Paragraph(&l.text)
                }
            })
            .collect();
        let contents = match write::render(&front, &blocks) {
            Ok(contents) => contents,
            Err(e) => {
                report.error = Some(format!("cannot write front matter: {e}"));
                return report;
            }
        };
        // The summary repeats the lead, so a raw file under the limit can make a markdown
        // file over it: never write a file the build would refuse.
        if contents.len() as u64 > self.config.max_file_size {
            report.error = Some(format!(
                "the markdown file would be {} bytes, more than max_file_size ({} bytes in site.yaml); split the article",
                contents.len(),
                self.config.max_file_size
            ));
            return report;
        }
        if self.options.dry_run {
            if path.exists() && !self.options.force {
                report.error = Some(write::WriteError::Exists.to_string());
                return report;
            }
            report.status = Status::WouldWrite;
        } else {
            match write::write_atomic(&path, &contents, self.options.force) {
                Ok(()) => report.status = Status::Written,
                Err(e) => {
                    report.error = Some(e.to_string());
                    return report;
                }
            }
        }
        self.known
            .add(path, slug, title.to_string(), Some(key), fingerprint);
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_detection() {
        assert!(arabic_script("العراق يطالب بالحوار", &[]));
        assert!(!arabic_script("Iraq FM", &[]));
    }
}

//! `serve`'s incremental updates: a `Session` keeps the site of the last full build
//! (config, templates, index) and its output folder, so that an edit to one article
//! builds a new index with it and re-renders only the pages that show it, in place
//! (`Session::update`), and then the search index, feeds and sitemaps
//! (`Session::finish_update`).

use super::load::Site;
use super::publish::{publish, render_context, BuildOptions, BuildSummary};
use crate::config::SiteConfig;
use crate::output;
use crate::progress::Timings;
use crate::render::{self, RenderContext};
use anyhow::Result;
use std::path::PathBuf;
use std::time::Instant;

/// What a full build leaves behind for `serve`, so that an edit to one article
/// re-renders only the pages that show it (see `Session::update`).
pub struct Session {
    options: BuildOptions,
    site: Site,
    output_dir: PathBuf,
    /// Every page path of the last full build (the sitemap lists them).
    paths: Vec<String>,
    /// Article index by source path (as shown: `content/gulf/x.md`).
    by_source: std::collections::HashMap<PathBuf, usize>,
    /// The image pipeline, for photos of edited articles.
    pipeline: crate::images::Pipeline,
}

/// The outcome of `Session::update`.
#[derive(Debug)]
pub enum Update {
    /// These pages were rendered again; search index, feeds and sitemaps are next
    /// (`Session::finish_update`).
    Pages(Vec<String>),
    /// The change reaches beyond the edited articles' own pages (a new, moved, renamed
    /// or re-dated article, other tags…): only a full build is right.
    NeedsFullBuild(String),
}

impl Session {
    /// A full build that keeps its state for later updates.
    pub fn build(options: &BuildOptions) -> Result<(Session, BuildSummary)> {
        Session::build_from(options, None)
    }

    /// The same with site.yaml already read (`options.base_url` applied).
    pub fn build_from(
        options: &BuildOptions,
        config: Option<SiteConfig>,
    ) -> Result<(Session, BuildSummary)> {
        let super::publish::Published {
            site,
            paths,
            pipeline,
            summary,
        } = publish(options, config, Timings::default(), Instant::now())?;
        let by_source = site
            .index
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source_path.clone(), i))
            .collect();
        let session = Session {
            options: options.clone(),
            site,
            output_dir: options.output_dir(),
            paths,
            by_source,
            pipeline,
        };
        Ok((session, summary))
    }

    fn render_context(&self) -> Result<RenderContext<'_>> {
        render_context(&self.site, &self.options)
    }

    /// After content files changed: when each is a published article that keeps its URL,
    /// date, region, tags and status, render again only the pages that show it (its own
    /// page; if its card changed, the listings, editions and related lists that show it)
    /// and write them in place. Anything else asks for a full build.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update> {
        let root = &self.options.root;
        let site = &self.site;
        let mut replacements = Vec::new();
        let mut edits = Vec::new();
        for path in changed {
            let shown = crate::diagnostics::display_path(root, path);
            let Some(&i) = self.by_source.get(&shown) else {
                return Ok(Update::NeedsFullBuild(format!(
                    "{} is not a published article of the root edition (new, held, or in another language's edition)",
                    shown.display()
                )));
            };
            if !path.is_file() {
                return Ok(Update::NeedsFullBuild(format!(
                    "{} was removed",
                    shown.display()
                )));
            }
            let mut article = match crate::content::load::load_one(
                &site.config,
                &site.options,
                &site.index.articles,
                path,
            )? {
                Ok(article) => article,
                Err(reason) => return Ok(Update::NeedsFullBuild(reason)),
            };
            let (_, problems) = self.pipeline.process(
                std::slice::from_mut(&mut article),
                &output::InPlace::new(&self.output_dir),
            )?;
            if let Some(problem) = problems.first() {
                return Ok(Update::NeedsFullBuild(problem.to_string()));
            }
            let old = &site.index.articles[i];
            let same_place = article.path == old.path
                && article.date == old.date
                && article.region == old.region
                && article.tags == old.tags
                && article.featured == old.featured
                && article.lang == old.lang
                && article.translation_key == old.translation_key;
            if !same_place {
                return Ok(Update::NeedsFullBuild(format!(
                    "{} changed its URL, date, region, tags, featured flag, language or translation_key",
                    shown.display()
                )));
            }
            // Its versions in other languages (issue 16) are those of the full build.
            article.alternates = old.alternates.clone();
            let card = |a: &crate::content::Article| {
                serde_json::to_value(crate::render::view::card(&site.config, &site.index, a)).ok()
            };
            let card_changed = card(old) != card(&article);
            replacements.push((i, article));
            edits.push((i, card_changed));
        }
        // The edited articles keep their place (`same_place`), hence their positions and
        // every grouping: the new index carries the groupings over, and `by_source` and
        // the positions below hold in it.
        let old = std::mem::take(&mut self.site.index);
        self.site.index = old.with_replaced(&self.site.config, replacements);
        let showings: Vec<render::Showing> = edits
            .into_iter()
            .map(|(i, card_changed)| render::Showing {
                article: i,
                card_changed,
                related_on: if card_changed {
                    crate::index::related::shown_on(&self.site.index, i)
                } else {
                    Default::default()
                },
            })
            .collect();
        let context = self.render_context()?;
        let sink = output::InPlace::new(&self.output_dir);
        let mut pages = Vec::new();
        for showing in &showings {
            pages.extend(render::render_html(
                &context,
                &sink,
                render::Selection::Showing(showing),
            )?);
        }
        pages.sort();
        pages.dedup();
        Ok(Update::Pages(pages))
    }

    /// The second half of an update: search index, feeds and sitemaps, which read every
    /// article. Unchanged files are left alone.
    pub fn finish_update(&self) -> Result<()> {
        let context = self.render_context()?;
        render::render_extras(
            &context,
            &output::InPlace::new(&self.output_dir),
            &render::languages::root_paths(&self.site.config, &self.paths),
        )?;
        Ok(())
    }
}

//! The HTML pages: home (paginated), regions, one region (paginated), tags, one tag
//! (paginated), one page per article, and 404. Each page is a job rendered in parallel;
//! the order of the returned files is the job order, so output is deterministic.

use super::view::CardView;
use super::view::{self, TaxonomyView};
use super::{FeedLink, OutputFile, RenderContext};
use crate::index::{paginate, Pager};
use anyhow::Result;
use serde::Serialize;

enum Job<'a> {
    Home(Pager<'a>),
    Regions,
    Region(usize, Pager<'a>),
    Tags,
    Tag(usize, Pager<'a>),
    Article(usize),
    NotFound,
}

/// Stories per region on the front page.
pub const FRONT_PER_REGION: usize = 3;

/// `front` on the home page: the lead story, then each region's newest stories.
#[derive(Debug, Clone, Serialize)]
pub(super) struct FrontView<'a> {
    /// The latest edition's first featured story, else the newest story.
    lead: Option<&'a CardView<'a>>,
    /// site.yaml order, only regions with stories besides the lead.
    sections: Vec<FrontSection<'a>>,
}

#[derive(Debug, Clone, Serialize)]
struct FrontSection<'a> {
    slug: &'a str,
    name: &'a str,
    path: String,
    /// Every story of the region (the section shows the newest few).
    count: usize,
    articles: Vec<&'a CardView<'a>>,
}

/// Index of the front page's lead story: the latest edition's first featured story (an
/// editor's choice that is still news), else the newest story.
pub fn lead_story(index: &crate::index::SiteIndex, featured: Option<usize>) -> Option<usize> {
    featured.or_else(|| (!index.articles.is_empty()).then_some(0))
}

fn front_page<'v>(
    ctx: &'v RenderContext<'_>,
    edition: Option<&super::reader::LatestEditionView>,
) -> FrontView<'v> {
    let index = ctx.index;
    let lead = lead_story(index, edition.and_then(|e| e.first_featured));
    FrontView {
        lead: lead.map(|i| ctx.card(i)),
        sections: index
            .regions
            .iter()
            .filter_map(|r| {
                let articles: Vec<&CardView> = r
                    .articles
                    .iter()
                    .filter(|&&i| Some(i) != lead)
                    .take(FRONT_PER_REGION)
                    .map(|&i| ctx.card(i))
                    .collect();
                (!articles.is_empty()).then(|| FrontSection {
                    slug: &r.slug,
                    name: &r.name,
                    path: view::region_path(&r.slug),
                    count: r.articles.len(),
                    articles,
                })
            })
            .collect(),
    }
}

fn taxonomy_view<'a>(slug: &'a str, name: &'a str, path: String, count: usize) -> TaxonomyView<'a> {
    TaxonomyView {
        slug,
        name,
        feed_path: format!("{path}atom.xml"),
        path,
        count,
    }
}

fn render_job(ctx: &RenderContext<'_>, job: &Job<'_>) -> Result<OutputFile> {
    let config = ctx.config;
    let index = ctx.index;
    match job {
        Job::Home(pager) => {
            let path = pager.path();
            let mut context = ctx.context_for(&path);
            let heading = if pager.number > 1 {
                format!(
                    "{}{}",
                    ctx.tr("latest"),
                    ctx.page_suffix(pager.number, pager.total)
                )
            } else {
                config.title.clone()
            };
            let mut page = ctx.page_meta("index", &heading, "", &path, Vec::new());
            // The front page shows the lead and the regions, not the first page of the
            // list: its cards are not made (pages 2… list the rest).
            let pagination = ctx.pagination(pager, pager.number > 1)?;
            if pager.number == 1 {
                let has_search = ctx.tera.get_template_names().any(|n| n == "search.html");
                page.json_ld = view::home_json_ld(config, has_search);
                page.alternates = super::languages::alternates_everywhere(&ctx.languages, "");
                let edition = super::reader::latest_edition(ctx);
                context.insert("front", &front_page(ctx, edition.as_ref()));
                context.insert("edition", &edition);
            }
            context.insert("page", &page);
            context.insert("pagination", &pagination);
            ctx.render("index.html", context, format!("{path}index.html"))
        }
        Job::Regions => {
            let path = "regions/".to_string();
            let mut context = ctx.context_for(&path);
            context.insert(
                "page",
                &ctx.page_meta(
                    "regions",
                    &ctx.tr("regions"),
                    &ctx.tr("regions_description"),
                    &path,
                    Vec::new(),
                ),
            );
            let regions: Vec<_> = index
                .regions
                .iter()
                .map(|r| {
                    let latest: Vec<&CardView> = r.articles.iter().take(3).map(|&i| ctx.card(i)).collect();
                    (taxonomy_view(&r.slug, &r.name, view::region_path(&r.slug), r.articles.len()), latest)
                })
                .map(|(region, latest)| serde_json::json!({ "slug": region.slug, "name": region.name, "path": region.path, "feed_path": region.feed_path, "count": region.count, "latest": latest }))
                .collect();
            context.insert("regions", &regions);
            ctx.render("regions.html", context, format!("{path}index.html"))
        }
        Job::Region(i, pager) => {
            let region = &index.regions[*i];
            let path = pager.path();
            let mut context = ctx.context_for(&path);
            let view = taxonomy_view(
                &region.slug,
                &region.name,
                view::region_path(&region.slug),
                region.articles.len(),
            );
            let feed = FeedLink {
                title: format!("{} — {} (Atom)", region.name, config.title),
                path: view.feed_path.clone(),
                mime: "application/atom+xml",
            };
            let description = ctx.tr_with(
                "region_description",
                None,
                &[
                    ("name", region.name.clone()),
                    ("site", config.title.clone()),
                ],
            );
            context.insert(
                "page",
                &ctx.page_meta(
                    "region",
                    &format!(
                        "{}{}",
                        region.name,
                        ctx.page_suffix(pager.number, pager.total)
                    ),
                    &description,
                    &path,
                    vec![feed],
                ),
            );
            context.insert("region", &view);
            context.insert("pagination", &ctx.pagination(pager, true)?);
            ctx.render("region.html", context, format!("{path}index.html"))
        }
        Job::Tags => {
            let path = "tags/".to_string();
            let mut context = ctx.context_for(&path);
            context.insert(
                "page",
                &ctx.page_meta(
                    "tags",
                    &ctx.tr("tags"),
                    &ctx.tr("tags_description"),
                    &path,
                    Vec::new(),
                ),
            );
            let tags: Vec<_> = index
                .tags
                .iter()
                .map(|t| taxonomy_view(&t.slug, &t.name, view::tag_path(&t.slug), t.articles.len()))
                .collect();
            context.insert("tags", &tags);
            ctx.render("tags.html", context, format!("{path}index.html"))
        }
        Job::Tag(i, pager) => {
            let tag = &index.tags[*i];
            let path = pager.path();
            let mut context = ctx.context_for(&path);
            let view = taxonomy_view(
                &tag.slug,
                &tag.name,
                view::tag_path(&tag.slug),
                tag.articles.len(),
            );
            let feed = FeedLink {
                title: format!("{} — {} (Atom)", tag.name, config.title),
                path: view.feed_path.clone(),
                mime: "application/atom+xml",
            };
            let description = ctx.tr_with(
                "tag_description",
                None,
                &[("name", tag.name.clone()), ("site", config.title.clone())],
            );
            context.insert(
                "page",
                &ctx.page_meta(
                    "tag",
                    &format!("{}{}", tag.name, ctx.page_suffix(pager.number, pager.total)),
                    &description,
                    &path,
                    vec![feed],
                ),
            );
            context.insert("tag", &view);
            context.insert("pagination", &ctx.pagination(pager, true)?);
            ctx.render("tag.html", context, format!("{path}index.html"))
        }
        Job::Article(i) => {
            let article = &index.articles[*i];
            let path = article.path.clone();
            let mut context = ctx.context_for(&path);
            // The page keeps the site's lang (its navigation is in it); the article
            // container carries the article's own lang and dir.
            let mut page = ctx.page_meta(
                "article",
                &article.title,
                &article.summary,
                &path,
                Vec::new(),
            );
            page.og_type = "article";
            page.locale = crate::lang::og_locale(&article.lang);
            if let Some(image) = view::shared_image(config.static_base(), article) {
                page.image = Some(image);
                page.image_alt = Some(view::image_meta_alt(article));
                if let Some(photo) = &article.photo {
                    page.image_width = Some(photo.width);
                    page.image_height = Some(photo.height);
                    page.image_type = Some(photo.mime);
                }
                page.twitter_card = "summary_large_image";
            }
            page.article = Some(view::article_meta(index, article));
            page.json_ld = view::article_json_ld(config, index, article);
            page.alternates = article
                .alternates
                .iter()
                .map(|(hreflang, href)| super::languages::Alternate {
                    hreflang: hreflang.clone(),
                    href: href.clone(),
                })
                .collect();
            page.languages = super::languages::article_links(&ctx.languages, article);
            context.insert("page", &page);
            let mut view = view::article_view(config, index, article)?;
            view.card.date_display = ctx.date_display(&article.date);
            view.updated_display = article.updated.as_ref().map(|d| ctx.date_display(d));
            context.insert("article", &view);
            super::context::insert_related(ctx, &mut context, *i, &path)?;
            ctx.render("article.html", context, format!("{path}index.html"))
        }
        Job::NotFound => {
            let mut context = ctx.context_for("");
            // Served at any depth by GitHub Pages, so links go from the absolute base path.
            context.insert("root", config.base_url.path());
            context.insert(
                "assets",
                &format!("{}{}", config.base_url.path(), ctx.assets_up),
            );
            context.insert(
                "page",
                &ctx.page_meta("404", &ctx.tr("not_found"), "", "404.html", Vec::new()),
            );
            ctx.render("404.html", context, "404.html".to_string())
        }
    }
}

/// Every HTML page, rendered in parallel into `sink`; their paths in a fixed order.
pub fn render_pages(
    ctx: &RenderContext<'_>,
    sink: &dyn super::Sink,
    selection: super::Selection<'_>,
) -> Result<Vec<String>> {
    let index = ctx.index;
    let per_page = ctx.config.paginate;
    let all: Vec<usize> = (0..index.articles.len()).collect();
    let region_roots: Vec<String> = index
        .regions
        .iter()
        .map(|r| view::region_path(&r.slug))
        .collect();
    let tag_roots: Vec<String> = index.tags.iter().map(|t| view::tag_path(&t.slug)).collect();

    let mut jobs: Vec<Job<'_>> = Vec::new();
    jobs.extend(paginate("", &all, per_page).into_iter().map(Job::Home));
    jobs.push(Job::Regions);
    for (i, region) in index.regions.iter().enumerate() {
        jobs.extend(
            paginate(&region_roots[i], &region.articles, per_page)
                .into_iter()
                .map(|p| Job::Region(i, p)),
        );
    }
    jobs.push(Job::Tags);
    for (i, tag) in index.tags.iter().enumerate() {
        jobs.extend(
            paginate(&tag_roots[i], &tag.articles, per_page)
                .into_iter()
                .map(|p| Job::Tag(i, p)),
        );
    }
    jobs.extend((0..index.articles.len()).map(Job::Article));
    jobs.push(Job::NotFound);
    jobs.retain(|job| match job {
        Job::Home(p) => selection.lists(p.items) || (p.number == 1 && selection.lists(&all)),
        Job::Region(_, p) | Job::Tag(_, p) => selection.lists(p.items),
        Job::Regions => index
            .regions
            .iter()
            .any(|r| selection.lists(&r.articles[..r.articles.len().min(3)])),
        Job::Article(j) => selection.article_page(*j),
        Job::Tags | Job::NotFound => selection.is_all(),
    });

    super::emit_all(&jobs, sink, |job| render_job(ctx, job))
}

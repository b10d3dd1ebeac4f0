//! Reader pages: the search page, the digest editions (`digest/`, `digest/<key>/`) and the
//! archives (`archive/`, `<year>/`, `<year>/<month>/`, paginated), plus what the home and
//! article pages add for readers: the latest edition block and the related coverage list.
//! Shapes views from `editions` and `related`, renders in parallel in a fixed job order.
//! The search index files themselves are `search`'s.

use super::view;
use super::view::CardView;
use super::SEARCH_DIR;
use super::{OutputFile, RenderContext};
use crate::index::archive::{ArchiveMonth, ArchiveYear};
use crate::index::editions::{self, Edition};
use crate::index::{paginate, Pager};
use anyhow::Result;
use chrono::Datelike;
use serde::Serialize;

pub const ARCHIVE_DIR: &str = "archive/";

pub fn year_path(year: i32) -> String {
    format!("{year:04}/")
}

pub fn month_path(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

#[derive(Debug, Clone, Serialize)]
struct MonthView {
    year: i32,
    month: u32,
    /// "February".
    name: String,
    /// "February 2024".
    title: String,
    path: String,
    year_path: String,
    count: usize,
}

#[derive(Debug, Clone, Serialize)]
struct YearView {
    year: i32,
    path: String,
    count: usize,
    months: Vec<MonthView>,
}

fn month_view(ctx: &RenderContext<'_>, m: &ArchiveMonth) -> MonthView {
    MonthView {
        year: m.year,
        month: m.month,
        name: ctx.i18n.month_name(&ctx.ui_lang, m.month),
        title: ctx.i18n.month_year(&ctx.ui_lang, m.year, m.month),
        path: month_path(m.year, m.month),
        year_path: year_path(m.year),
        count: m.articles.len(),
    }
}

fn year_view(ctx: &RenderContext<'_>, y: &ArchiveYear) -> YearView {
    YearView {
        year: y.year,
        path: year_path(y.year),
        count: y.articles.len(),
        months: y.months.iter().map(|m| month_view(ctx, m)).collect(),
    }
}

/// An edition as lists and prev/next links show it.
#[derive(Debug, Clone, Serialize)]
struct EditionLink {
    key: String,
    /// The year the edition is filed under (the ISO week-numbering year for weeks).
    year: i32,
    /// "Week 6, 2024".
    title: String,
    /// "5–11 February 2024".
    range: String,
    path: String,
    count: usize,
    featured_count: usize,
}

fn edition_link(ctx: &RenderContext<'_>, edition: &Edition) -> EditionLink {
    EditionLink {
        key: edition.key.clone(),
        year: match edition.kind {
            crate::config::Edition::Weekly => edition.start.iso_week().year(),
            crate::config::Edition::Daily => edition.start.year(),
        },
        title: ctx.edition_title(edition),
        range: ctx.edition_range(edition),
        path: edition.path(),
        count: edition.len(),
        featured_count: edition.featured.len(),
    }
}

#[derive(Debug, Clone, Serialize)]
struct EditionYear<'a> {
    year: i32,
    editions: Vec<&'a EditionLink>,
}

#[derive(Debug, Clone, Serialize)]
struct RegionGroupView<'a> {
    slug: &'a str,
    name: &'a str,
    path: String,
    count: usize,
    // Owned, made for the page: an edition's cards are shown on its page alone, and
    // cards kept for the whole build would grow with the archive.
    articles: Vec<CardView<'a>>,
}

/// `edition` on a digest page.
#[derive(Debug, Clone, Serialize)]
struct EditionView<'a> {
    #[serde(flatten)]
    link: EditionLink,
    /// `weekly` or `daily`.
    kind: &'static str,
    start: String,
    end: String,
    featured: Vec<CardView<'a>>,
    regions: Vec<RegionGroupView<'a>>,
    /// The older edition, and the newer one.
    prev: Option<EditionLink>,
    next: Option<EditionLink>,
}

/// `edition` on the home page: the latest edition, linked once (its stories are on the
/// front page already).
#[derive(Debug, Clone, Serialize)]
pub struct LatestEditionView {
    #[serde(flatten)]
    link: EditionLink,
    kind: &'static str,
    /// Regions with articles in the edition.
    region_count: usize,
    /// Its first featured story (the front page's lead), if any.
    #[serde(skip)]
    pub first_featured: Option<usize>,
}

fn kind_name(kind: crate::config::Edition) -> &'static str {
    match kind {
        crate::config::Edition::Weekly => "weekly",
        crate::config::Edition::Daily => "daily",
    }
}

/// The latest edition for the home page (None on an empty site).
pub fn latest_edition(ctx: &RenderContext<'_>) -> Option<LatestEditionView> {
    let latest = ctx.index.editions.first()?;
    let mut regions: Vec<&str> = latest
        .articles()
        .map(|i| ctx.index.articles[i].region.as_ref())
        .collect();
    regions.sort_unstable();
    regions.dedup();
    Some(LatestEditionView {
        link: edition_link(ctx, latest),
        kind: kind_name(latest.kind),
        region_count: regions.len(),
        first_featured: latest.featured.first().copied(),
    })
}

enum Job<'a> {
    Search,
    Digests,
    Digest(usize),
    Archive,
    Year(usize, Pager<'a>),
    Month(usize, usize, Pager<'a>),
}

/// What the jobs share: computed once per build.
struct Reader<'a> {
    editions: &'a [Edition],
    years: &'a [ArchiveYear],
}

fn render_job(ctx: &RenderContext<'_>, reader: &Reader, job: &Job<'_>) -> Result<OutputFile> {
    let index = ctx.index;
    match job {
        Job::Search => {
            let path = SEARCH_DIR.to_string();
            let mut context = ctx.context_for(&path);
            context.insert(
                "page",
                &ctx.page_meta(
                    "search",
                    &ctx.tr("search"),
                    &ctx.tr_with(
                        "search_description",
                        None,
                        &[("site", ctx.config.title.clone())],
                    ),
                    &path,
                    Vec::new(),
                ),
            );
            context.insert("search_index", &format!("{SEARCH_DIR}index.js"));
            // How search.js writes the result count: the language's digits.
            let numerals = match ctx.i18n.digits(&ctx.ui_lang) {
                crate::lang::Digits::ArabicIndic => "arab",
                crate::lang::Digits::Latin => "latn",
            };
            context.insert("numerals", numerals);
            ctx.render("search.html", context, format!("{path}index.html"))
        }
        Job::Digests => {
            let path = editions::DIGEST_DIR.to_string();
            let mut context = ctx.context_for(&path);
            let kind = kind_name(ctx.config.edition);
            context.insert(
                "page",
                &ctx.page_meta(
                    "digests",
                    &ctx.tr("digest_editions"),
                    &ctx.tr_with(
                        &format!("digests_description_{kind}"),
                        None,
                        &[("site", ctx.config.title.clone())],
                    ),
                    &path,
                    Vec::new(),
                ),
            );
            let list: Vec<EditionLink> = reader
                .editions
                .iter()
                .map(|e| edition_link(ctx, e))
                .collect();
            // The same links grouped by year, newest first (the list is in that order).
            let mut years: Vec<EditionYear<'_>> = Vec::new();
            for link in &list {
                match years.last_mut() {
                    Some(y) if y.year == link.year => y.editions.push(link),
                    _ => years.push(EditionYear {
                        year: link.year,
                        editions: vec![link],
                    }),
                }
            }
            context.insert("editions", &list);
            context.insert("edition_years", &years);
            context.insert("edition_kind", kind);
            ctx.render("digests.html", context, format!("{path}index.html"))
        }
        Job::Digest(e) => {
            let edition = &reader.editions[*e];
            let path = edition.path();
            let mut context = ctx.context_for(&path);
            let link = edition_link(ctx, edition);
            let description = ctx.tr_with(
                "digest_description",
                None,
                &[
                    ("edition", link.title.clone()),
                    ("site", ctx.config.title.clone()),
                    (
                        "articles",
                        ctx.tr_with("articles", Some(link.count as i64), &[]),
                    ),
                    ("range", link.range.clone()),
                ],
            );
            context.insert(
                "page",
                &ctx.page_meta("digest", &link.title, &description, &path, Vec::new()),
            );
            let view = EditionView {
                kind: kind_name(edition.kind),
                start: edition.start.format("%Y-%m-%d").to_string(),
                end: edition.end.format("%Y-%m-%d").to_string(),
                featured: edition.featured.iter().map(|&i| ctx.new_card(i)).collect(),
                regions: edition
                    .groups
                    .iter()
                    .map(|g| RegionGroupView {
                        slug: &g.region,
                        name: index
                            .region(&g.region)
                            .map_or(g.region.as_str(), |r| r.name.as_str()),
                        path: view::region_path(&g.region),
                        count: g.articles.len(),
                        articles: g.articles.iter().map(|&i| ctx.new_card(i)).collect(),
                    })
                    .collect(),
                // Editions are newest first: the previous one is the next in the list.
                prev: reader.editions.get(e + 1).map(|e| edition_link(ctx, e)),
                next: e
                    .checked_sub(1)
                    .and_then(|n| reader.editions.get(n))
                    .map(|e| edition_link(ctx, e)),
                link,
            };
            context.insert("edition", &view);
            ctx.render("digest.html", context, format!("{path}index.html"))
        }
        Job::Archive => {
            let path = ARCHIVE_DIR.to_string();
            let mut context = ctx.context_for(&path);
            context.insert(
                "page",
                &ctx.page_meta(
                    "archive",
                    &ctx.tr("archive"),
                    &ctx.tr_with(
                        "archive_description",
                        None,
                        &[("site", ctx.config.title.clone())],
                    ),
                    &path,
                    Vec::new(),
                ),
            );
            let years: Vec<YearView> = reader.years.iter().map(|y| year_view(ctx, y)).collect();
            context.insert("years", &years);
            context.insert("total", &index.articles.len());
            ctx.render("archive.html", context, format!("{path}index.html"))
        }
        Job::Year(y, pager) => {
            let year = year_view(ctx, &reader.years[*y]);
            let path = pager.path();
            let mut context = ctx.context_for(&path);
            context.insert(
                "page",
                &ctx.page_meta(
                    "year",
                    &format!(
                        "{}{}",
                        year.year,
                        ctx.page_suffix(pager.number, pager.total)
                    ),
                    &ctx.tr_with(
                        "year_description",
                        None,
                        &[
                            ("site", ctx.config.title.clone()),
                            ("year", year.year.to_string()),
                        ],
                    ),
                    &path,
                    Vec::new(),
                ),
            );
            context.insert("year", &year);
            context.insert("pagination", &ctx.pagination(pager, true)?);
            ctx.render("year.html", context, format!("{path}index.html"))
        }
        Job::Month(y, m, pager) => {
            let month = month_view(ctx, &reader.years[*y].months[*m]);
            let path = pager.path();
            let mut context = ctx.context_for(&path);
            context.insert(
                "page",
                &ctx.page_meta(
                    "month",
                    &format!(
                        "{}{}",
                        month.title,
                        ctx.page_suffix(pager.number, pager.total)
                    ),
                    &ctx.tr_with(
                        "month_description",
                        None,
                        &[
                            ("site", ctx.config.title.clone()),
                            ("month", month.title.clone()),
                        ],
                    ),
                    &path,
                    Vec::new(),
                ),
            );
            context.insert("month", &month);
            context.insert("pagination", &ctx.pagination(pager, true)?);
            ctx.render("month.html", context, format!("{path}index.html"))
        }
    }
}

/// Every reader page, rendered in parallel into `sink`; their paths in a fixed order.
pub fn render_reader_pages(
    ctx: &RenderContext<'_>,
    sink: &dyn super::Sink,
    selection: super::Selection<'_>,
) -> Result<Vec<String>> {
    let reader = Reader {
        editions: &ctx.index.editions,
        years: &ctx.index.archive,
    };
    let per_page = ctx.config.paginate;
    let year_roots: Vec<String> = reader.years.iter().map(|y| year_path(y.year)).collect();
    let month_roots: Vec<Vec<String>> = reader
        .years
        .iter()
        .map(|y| {
            y.months
                .iter()
                .map(|m| month_path(m.year, m.month))
                .collect()
        })
        .collect();

    // Reader templates are optional: a theme written before them (or without them)
    // simply has no such pages.
    let has = |name: &str| ctx.tera.get_template_names().any(|n| n == name);
    let mut jobs: Vec<Job<'_>> = Vec::new();
    if has("search.html") {
        jobs.push(Job::Search);
    }
    if has("digests.html") {
        jobs.push(Job::Digests);
    }
    if has("digest.html") {
        jobs.extend((0..reader.editions.len()).map(Job::Digest));
    }
    if has("archive.html") {
        jobs.push(Job::Archive);
    }
    let (years, months) = (has("year.html"), has("month.html"));
    for (y, year) in reader.years.iter().enumerate() {
        if years {
            jobs.extend(
                paginate(&year_roots[y], &year.articles, per_page)
                    .into_iter()
                    .map(|p| Job::Year(y, p)),
            );
        }
        if months {
            for (m, month) in year.months.iter().enumerate() {
                jobs.extend(
                    paginate(&month_roots[y][m], &month.articles, per_page)
                        .into_iter()
                        .map(|p| Job::Month(y, m, p)),
                );
            }
        }
    }
    jobs.retain(|job| match job {
        Job::Digest(e) => {
            let edition = &reader.editions[*e];
            selection.lists(&edition.featured)
                || edition.groups.iter().any(|g| selection.lists(&g.articles))
        }
        Job::Year(_, p) | Job::Month(_, _, p) => selection.lists(p.items),
        // Counts and links only: an edit to one article does not change them.
        Job::Search | Job::Digests | Job::Archive => selection.is_all(),
    });
    super::emit_all(&jobs, sink, |job| render_job(ctx, &reader, job))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::related::tests::site;

    #[test]
    fn archive_groups_years_and_months_newest_first() {
        let index = site(&[
            ("a", "2024-02-06", "gulf", &[]),
            ("b", "2024-02-01", "gulf", &[]),
            ("c", "2024-01-31T23:30:00-05:00", "gulf", &[]),
            ("d", "2023-12-31", "europe", &[]),
        ]);
        let years = &index.archive;
        let shape: Vec<String> = years
            .iter()
            .map(|y| {
                let months: Vec<String> = y
                    .months
                    .iter()
                    .map(|m| format!("{}:{}", m.month, m.articles.len()))
                    .collect();
                format!("{}:{} [{}]", y.year, y.articles.len(), months.join(" "))
            })
            .collect();
        // c is 1 February in UTC but 31 January where it was written: its URL says 01.
        assert_eq!(shape, ["2024:3 [2:2 1:1]", "2023:1 [12:1]"]);
        let total: usize = years.iter().map(|y| y.articles.len()).sum();
        assert_eq!(total, index.articles.len());
        assert_eq!(month_path(2024, 2), "2024/02/");
        assert_eq!(year_path(2024), "2024/");
    }
}

//! `SiteIndex`: the published articles in their one canonical order (newest first, ties
//! broken by slug, then source path) and every grouping built from it, once: by region,
//! by tag, the archive's years and months (`archive`), the digest's editions
//! (`editions`); related coverage is computed from it on demand (`related`). Plus
//! `paginate` and the `Pager` every listing uses. Immutable once built: serve's
//! incremental update builds a new index with the edited articles
//! (`SiteIndex::with_replaced`).

pub mod archive;
pub mod editions;
pub mod related;

use crate::config::SiteConfig;
use crate::content::Article;
use archive::ArchiveYear;
use editions::Edition;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct RegionEntry {
    pub slug: String,
    pub name: String,
    /// Indexes into `SiteIndex::articles`, newest first.
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct TagEntry {
    pub slug: String,
    pub name: String,
    pub articles: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct SiteIndex {
    pub articles: Vec<Article>,
    /// In site.yaml order; regions without articles are kept (their page says so).
    pub regions: Vec<RegionEntry>,
    /// Sorted by slug.
    pub tags: Vec<TagEntry>,
    /// The archive: years and months, newest first.
    pub archive: Vec<ArchiveYear>,
    /// The digest's editions (site.yaml `edition:`), newest first.
    pub editions: Vec<Edition>,
    /// Each article's date in Unix seconds, in `articles` order. Related coverage
    /// compares the dates of ~100 candidates per article: read from this list they stay
    /// in cache, where reading each from its 528-byte `Article` missed it on big sites.
    pub timestamps: Vec<i64>,
}

impl SiteIndex {
    pub fn build(config: &SiteConfig, mut articles: Vec<Article>) -> SiteIndex {
        articles.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.slug.cmp(&b.slug))
                .then_with(|| a.source_path.cmp(&b.source_path))
        });
        let mut regions: Vec<RegionEntry> = config
            .regions
            .iter()
            .map(|r| RegionEntry {
                slug: r.slug.clone(),
                name: r.name.clone(),
                articles: Vec::new(),
            })
            .collect();
        let region_pos: HashMap<&str, usize> = config
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.as_str(), i))
            .collect();
        let mut tags: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, article) in articles.iter().enumerate() {
            if let Some(&pos) = region_pos.get(&*article.region) {
                regions[pos].articles.push(i);
            }
            for tag in &article.tags {
                tags.entry(tag.as_str()).or_default().push(i);
            }
        }
        let mut tags: Vec<TagEntry> = tags
            .into_iter()
            .map(|(slug, articles)| TagEntry {
                slug: slug.to_string(),
                name: config.tag_name(slug),
                articles,
            })
            .collect();
        tags.sort_by(|a, b| a.slug.cmp(&b.slug));
        let archive = archive::archive(&articles);
        let editions = editions::editions(&articles, &regions, config.edition);
        let timestamps = articles.iter().map(|a| a.date.timestamp()).collect();
        SiteIndex {
            timestamps,
            articles,
            regions,
            tags,
            archive,
            editions,
        }
    }

    /// A new index: this one's articles with `replacements` (position, new article) in
    /// their places. Every grouping holds positions only, made from the articles' date,
    /// slug, source path, region, tags and featured flag: when the replacements keep
    /// those, the groupings are carried over as they are (and positions stay valid);
    /// otherwise the index is built again.
    pub fn with_replaced(
        self,
        config: &SiteConfig,
        replacements: Vec<(usize, Article)>,
    ) -> SiteIndex {
        let same_groupings = replacements.iter().all(|(i, new)| {
            let old = &self.articles[*i];
            new.date == old.date
                && new.slug == old.slug
                && new.source_path == old.source_path
                && new.region == old.region
                && new.tags == old.tags
                && new.featured == old.featured
        });
        let mut articles = self.articles;
        for (i, article) in replacements {
            articles[i] = article;
        }
        if !same_groupings {
            return SiteIndex::build(config, articles);
        }
        SiteIndex { articles, ..self }
    }

    pub fn region(&self, slug: &str) -> Option<&RegionEntry> {
        self.regions.iter().find(|r| r.slug == slug)
    }
}

/// One page of a paginated listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager<'a> {
    /// 1-based.
    pub number: usize,
    pub total: usize,
    pub items: &'a [usize],
    /// Site-relative path of the listing's first page (`regions/gulf/`, or `` for home).
    pub root: &'a str,
}

impl Pager<'_> {
    /// Site-relative path of page `n` of this listing: page 1 is the listing root itself.
    pub fn path_of(&self, n: usize) -> String {
        if n <= 1 {
            self.root.to_string()
        } else {
            format!("{}page/{n}/", self.root)
        }
    }

    pub fn path(&self) -> String {
        self.path_of(self.number)
    }

    pub fn prev(&self) -> Option<String> {
        (self.number > 1).then(|| self.path_of(self.number - 1))
    }

    pub fn next(&self) -> Option<String> {
        (self.number < self.total).then(|| self.path_of(self.number + 1))
    }
}

/// Split a listing into pages of `per_page`; an empty listing still has one (empty) page.
pub fn paginate<'a>(root: &'a str, items: &'a [usize], per_page: usize) -> Vec<Pager<'a>> {
    let per_page = per_page.max(1);
    let total = items.len().div_ceil(per_page).max(1);
    (0..total)
        .map(|i| Pager {
            number: i + 1,
            total,
            items: &items[(i * per_page).min(items.len())..((i + 1) * per_page).min(items.len())],
            root,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_table() {
        let items: Vec<usize> = (0..45).collect();
        let pages = paginate("regions/gulf/", &items, 20);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].path(), "regions/gulf/");
        assert_eq!(pages[1].path(), "regions/gulf/page/2/");
        assert_eq!(pages[2].items, &items[40..]);
        assert_eq!(pages[0].prev(), None);
        assert_eq!(pages[0].next().as_deref(), Some("regions/gulf/page/2/"));
        assert_eq!(pages[2].next(), None);
        assert_eq!(pages[1].prev().as_deref(), Some("regions/gulf/"));

        let empty = paginate("", &[], 20);
        assert_eq!(empty.len(), 1);
        assert!(empty[0].items.is_empty());

        let exact: Vec<usize> = (0..40).collect();
        assert_eq!(paginate("", &exact, 20).len(), 2);
    }

    /// The groupings of an index with replaced articles, as positions.
    fn groupings(index: &SiteIndex) -> Vec<String> {
        let mut out: Vec<String> = index
            .regions
            .iter()
            .map(|r| format!("region {} {:?}", r.slug, r.articles))
            .chain(
                index
                    .tags
                    .iter()
                    .map(|t| format!("tag {} {:?}", t.slug, t.articles)),
            )
            .collect();
        out.push(format!("{:?}", index.archive));
        out.push(format!("{:?}", index.editions));
        out
    }

    #[test]
    fn with_replaced_is_a_new_index_like_a_fresh_build() {
        use related::tests::{site, test_article};
        let specs: &[(&str, &str, &str, &[&str])] = &[
            ("a", "2024-06-03", "gulf", &["oil"]),
            ("b", "2024-06-02", "europe", &["oil", "gas"]),
            ("c", "2024-05-01", "gulf", &["gas"]),
        ];
        let config = related::tests::config();
        let fresh = |articles: Vec<Article>| SiteIndex::build(&config, articles);
        // A new title keeps every grouping.
        let mut retitled = test_article("b", "2024-06-02", "europe", &["oil", "gas"]);
        retitled.title = "B, retold".into();
        let index = site(specs).with_replaced(&config, vec![(1, retitled)]);
        assert_eq!(&*index.articles[1].title, "B, retold");
        assert_eq!(groupings(&index), groupings(&fresh(index.articles.clone())));
        // New tags are new groupings.
        let retagged = test_article("b", "2024-06-02", "europe", &["water"]);
        let index = site(specs).with_replaced(&config, vec![(1, retagged)]);
        assert_eq!(
            index
                .tags
                .iter()
                .map(|t| t.slug.as_str())
                .collect::<Vec<_>>(),
            ["gas", "oil", "water"]
        );
        assert_eq!(groupings(&index), groupings(&fresh(index.articles.clone())));
    }
}

//! Digest editions: the articles of one ISO week (`2024-w06`) or one day (`2024-02-06`,
//! with site.yaml `edition: daily`), grouped by region in site.yaml order with the
//! featured articles leading. Built once with the `SiteIndex`, one pass over the articles;
//! knows nothing of templates or paths beyond the edition's own.

use super::RegionEntry;
use crate::config::Edition as EditionKind;
use crate::content::Article;
use chrono::{Datelike, Days, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// One edition of the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub kind: EditionKind,
    /// `2024-w06` (ISO week-numbering year and week) or `2024-02-06`.
    pub key: String,
    /// First and last day the edition covers.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// `featured: true` articles, newest first: they lead the edition.
    pub featured: Vec<usize>,
    /// The other articles by region, in site.yaml order, newest first within a region.
    pub groups: Vec<RegionGroup>,
}

/// The (non-featured) articles of one region in an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionGroup {
    pub region: String,
    pub articles: Vec<usize>,
}

impl Edition {
    /// Site-relative path of the edition's page.
    pub fn path(&self) -> String {
        format!("{DIGEST_DIR}{}/", self.key)
    }

    /// Number of articles in the edition.
    pub fn len(&self) -> usize {
        self.featured.len() + self.groups.iter().map(|g| g.articles.len()).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every article in page order: featured, then region by region.
    pub fn articles(&self) -> impl Iterator<Item = usize> + '_ {
        self.featured
            .iter()
            .chain(self.groups.iter().flat_map(|g| g.articles.iter()))
            .copied()
    }

    /// The lead stories: the featured ones, or else the first `fill` in page order.
    pub fn lead(&self, fill: usize) -> Vec<usize> {
        if self.featured.is_empty() {
            self.articles().take(fill).collect()
        } else {
            self.featured.clone()
        }
    }

    /// "Week 6, 2024" or "Tuesday 6 February 2024".
    pub fn title(&self) -> String {
        match self.kind {
            EditionKind::Weekly => {
                let week = self.start.iso_week();
                format!("Week {}, {}", week.week(), week.year())
            }
            EditionKind::Daily => self.start.format("%A %-d %B %Y").to_string(),
        }
    }

    /// The days covered: "5–11 February 2024", "29 January – 4 February 2024",
    /// "30 December 2024 – 5 January 2025", or one day.
    pub fn range(&self) -> String {
        let (s, e) = (self.start, self.end);
        if s == e {
            s.format("%-d %B %Y").to_string()
        } else if s.year() != e.year() {
            format!("{} – {}", s.format("%-d %B %Y"), e.format("%-d %B %Y"))
        } else if s.month() != e.month() {
            format!("{} – {}", s.format("%-d %B"), e.format("%-d %B %Y"))
        } else {
            format!("{}–{}", s.format("%-d"), e.format("%-d %B %Y"))
        }
    }
}

/// Folder of the edition pages.
pub const DIGEST_DIR: &str = "digest/";

/// The edition a day belongs to: key, first and last day.
pub fn edition_of(kind: EditionKind, day: NaiveDate) -> (String, NaiveDate, NaiveDate) {
    match kind {
        EditionKind::Weekly => {
            let week = day.iso_week();
            let monday = day
                .checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
                .unwrap_or(day);
            let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
            (
                format!("{:04}-w{:02}", week.year(), week.week()),
                monday,
                sunday,
            )
        }
        EditionKind::Daily => (day.format("%Y-%m-%d").to_string(), day, day),
    }
}

/// Every edition with at least one article, newest first. An article's day is its own
/// local date (as in its URL). O(n log e) for n articles in e editions.
pub fn editions(articles: &[Article], regions: &[RegionEntry], kind: EditionKind) -> Vec<Edition> {
    let region_pos: HashMap<&str, usize> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.slug.as_str(), i))
        .collect();
    // Key → (start, end, articles newest first); keys sort by date.
    let mut by_key: BTreeMap<String, (NaiveDate, NaiveDate, Vec<usize>)> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        let (key, start, end) = edition_of(kind, article.date.date_naive());
        by_key
            .entry(key)
            .or_insert_with(|| (start, end, Vec::new()))
            .2
            .push(i);
    }
    by_key
        .into_iter()
        .rev()
        .map(|(key, (start, end, members))| {
            let mut featured = Vec::new();
            // Site.yaml regions first, in order; an unknown region (cannot happen after
            // loading, but costs nothing to keep) after them by slug.
            let mut groups: Vec<RegionGroup> = regions
                .iter()
                .map(|r| RegionGroup {
                    region: r.slug.clone(),
                    articles: Vec::new(),
                })
                .collect();
            let mut unknown: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for i in members {
                let article = &articles[i];
                if article.featured {
                    featured.push(i);
                } else if let Some(&pos) = region_pos.get(&*article.region) {
                    groups[pos].articles.push(i);
                } else {
                    unknown.entry(&*article.region).or_default().push(i);
                }
            }
            groups.extend(unknown.into_iter().map(|(region, articles)| RegionGroup {
                region: region.to_string(),
                articles,
            }));
            groups.retain(|g| !g.articles.is_empty());
            Edition {
                kind,
                key,
                start,
                end,
                featured,
                groups,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::related::tests::{site, test_article};
    use crate::index::SiteIndex;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn iso_weeks_and_days() {
        for (date, key, start, end) in [
            ("2024-02-06", "2024-w06", "2024-02-05", "2024-02-11"),
            ("2024-02-11", "2024-w06", "2024-02-05", "2024-02-11"),
            ("2024-02-12", "2024-w07", "2024-02-12", "2024-02-18"),
            // ISO years: 30 December 2024 is in week 1 of 2025; 1 January 2021 in 2020-w53.
            ("2024-12-30", "2025-w01", "2024-12-30", "2025-01-05"),
            ("2021-01-01", "2020-w53", "2020-12-28", "2021-01-03"),
        ] {
            assert_eq!(
                edition_of(EditionKind::Weekly, day(date)),
                (key.to_string(), day(start), day(end)),
                "{date}"
            );
        }
        assert_eq!(
            edition_of(EditionKind::Daily, day("2024-02-06")),
            (
                "2024-02-06".to_string(),
                day("2024-02-06"),
                day("2024-02-06")
            )
        );
    }

    #[test]
    fn titles_and_ranges() {
        let edition = |kind, date: &str| {
            let (key, start, end) = edition_of(kind, day(date));
            Edition {
                kind,
                key,
                start,
                end,
                featured: vec![],
                groups: vec![],
            }
        };
        let w = edition(EditionKind::Weekly, "2024-02-06");
        assert_eq!(
            (w.title(), w.range()),
            ("Week 6, 2024".into(), "5–11 February 2024".into())
        );
        assert_eq!(w.path(), "digest/2024-w06/");
        assert_eq!(
            edition(EditionKind::Weekly, "2024-02-01").range(),
            "29 January – 4 February 2024"
        );
        assert_eq!(
            edition(EditionKind::Weekly, "2024-12-31").range(),
            "30 December 2024 – 5 January 2025"
        );
        let d = edition(EditionKind::Daily, "2024-02-06");
        assert_eq!(
            (d.title(), d.range()),
            ("Tuesday 6 February 2024".into(), "6 February 2024".into())
        );
    }

    #[test]
    fn editions_group_by_region_with_featured_first() {
        let mut articles = vec![
            test_article("gulf-old", "2024-02-05", "gulf", &[]),
            test_article("europe-1", "2024-02-07", "europe", &[]),
            test_article("gulf-new", "2024-02-11T23:00:00+04:00", "gulf", &[]),
            test_article("lead", "2024-02-06", "europe", &[]),
            test_article("next-week", "2024-02-12", "gulf", &[]),
            test_article("last-year", "2023-02-07", "gulf", &[]),
        ];
        articles[3].featured = true;
        let config = crate::config::SiteConfig::parse(
            std::path::Path::new("."),
            "title: T\nbase_url: https://example.org/\nregions:\n  - slug: gulf\n    name: Gulf\n  - slug: europe\n    name: Europe\n",
        )
        .unwrap();
        let index = SiteIndex::build(&config, articles);
        let slugs = |list: &[usize]| -> Vec<&str> {
            list.iter()
                .map(|&i| index.articles[i].slug.as_ref())
                .collect()
        };
        let weekly = editions(&index.articles, &index.regions, EditionKind::Weekly);
        let keys: Vec<&str> = weekly.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["2024-w07", "2024-w06", "2023-w06"]);
        let w06 = &weekly[1];
        assert_eq!(slugs(&w06.featured), ["lead"]);
        let groups: Vec<(&str, Vec<&str>)> = w06
            .groups
            .iter()
            .map(|g| (g.region.as_str(), slugs(&g.articles)))
            .collect();
        assert_eq!(
            groups,
            [
                ("gulf", vec!["gulf-new", "gulf-old"]),
                ("europe", vec!["europe-1"])
            ]
        );
        assert_eq!(w06.len(), 4);
        assert_eq!(slugs(&w06.lead(3)), ["lead"]);
        assert_eq!(slugs(&weekly[0].lead(3)), ["next-week"]);
        // Every article is in exactly one edition.
        let total: usize = weekly.iter().map(Edition::len).sum();
        assert_eq!(total, index.articles.len());

        let daily = editions(&index.articles, &index.regions, EditionKind::Daily);
        assert_eq!(daily.len(), 6);
        assert_eq!(daily[1].key, "2024-02-11");
    }

    #[test]
    fn an_empty_site_has_no_editions() {
        let empty = site(&[]);
        assert!(editions(&empty.articles, &empty.regions, EditionKind::Weekly).is_empty());
    }
}

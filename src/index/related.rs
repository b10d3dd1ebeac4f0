//! Related coverage: for one article, up to N other articles that share its tags (rare
//! tags weigh more, by inverse tag frequency), its region, and are close to it in date.
//! Pure over the `SiteIndex`; knows nothing of templates.
//!
//! Near-linear: candidates come only from the posting lists of the article's own tags and
//! region, and from each list only the `WINDOW` articles nearest in date (found by binary
//! search on the date-sorted list and a two-pointer walk outwards), so one article costs
//! O((tags + 1) · (log n + WINDOW)) whatever the size of the site. Never all pairs.

use super::SiteIndex;
use std::cmp::Ordering;

/// Related articles shown on an article page.
pub const MAX_RELATED: usize = 5;
/// Candidates taken from each posting list: the nearest in date.
pub const WINDOW: usize = 24;
/// Score of sharing the region (a shared tag scores 1 + ln(N / df)).
const REGION_WEIGHT: f64 = 1.0;
/// Closeness in date scores 1 / (1 + days / DAYS_SCALE): 1 on the same day, 0.5 a week apart.
const DAYS_SCALE: f64 = 7.0;

/// One scored candidate (exposed for tests and tuning).
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Index into `SiteIndex::articles`.
    pub article: usize,
    pub score: f64,
    /// Distance in seconds between the two articles' dates.
    pub distance: i64,
}

/// Up to `max` articles related to `articles[i]`, best first. Deterministic: ties go to
/// the nearer in date, then to the newer (lower index).
pub fn related(index: &SiteIndex, i: usize, max: usize) -> Vec<usize> {
    scored(index, i, max)
        .into_iter()
        .map(|s| s.article)
        .collect()
}

/// The articles whose related list shows `articles[i]`: only those within `WINDOW` of it
/// in a posting list it shares can have taken it as a candidate, so only they are scored.
pub fn shown_on(index: &SiteIndex, i: usize) -> std::collections::HashSet<usize> {
    let Some(article) = index.articles.get(i) else {
        return Default::default();
    };
    let mut lists: Vec<&[usize]> = article
        .tags
        .iter()
        .filter_map(|slug| {
            let pos = index
                .tags
                .binary_search_by(|t| t.slug.as_str().cmp(slug))
                .ok()?;
            Some(index.tags[pos].articles.as_slice())
        })
        .collect();
    lists.extend(index.region(&article.region).map(|r| r.articles.as_slice()));
    let mut candidates = std::collections::BTreeSet::new();
    for list in lists {
        let pos = list.partition_point(|&x| x < i);
        let from = pos.saturating_sub(WINDOW + 1);
        let to = (pos + WINDOW + 2).min(list.len());
        candidates.extend(list[from..to].iter().copied().filter(|&j| j != i));
    }
    candidates
        .into_iter()
        .filter(|&j| related(index, j, MAX_RELATED).contains(&i))
        .collect()
}

/// As `related`, with the scores.
pub fn scored(index: &SiteIndex, i: usize, max: usize) -> Vec<Scored> {
    let Some(article) = index.articles.get(i) else {
        return Vec::new();
    };
    if max == 0 {
        return Vec::new();
    }
    let total = index.articles.len() as f64;
    // The posting lists of this article's tags (sorted by slug, so binary search).
    let tag_lists: Vec<&[usize]> = article
        .tags
        .iter()
        .filter_map(|slug| {
            index
                .tags
                .binary_search_by(|t| t.slug.as_str().cmp(slug))
                .ok()
                .map(|pos| index.tags[pos].articles.as_slice())
        })
        .collect();
    let region_list = index
        .region(&article.region)
        .map_or(&[][..], |r| r.articles.as_slice());

    let mut candidates: Vec<usize> = Vec::new();
    for list in &tag_lists {
        nearest_in_date(&index.timestamps, list, i, WINDOW, &mut candidates);
    }
    nearest_in_date(&index.timestamps, region_list, i, WINDOW, &mut candidates);
    candidates.sort_unstable();
    candidates.dedup();

    // A shared tag scores 1 + ln(N / df): once per tag, not per candidate.
    let tag_weights: Vec<f64> = tag_lists
        .iter()
        .map(|list| 1.0 + (total / list.len().max(1) as f64).ln())
        .collect();
    let when = index.timestamps[i];
    let mut scored: Vec<Scored> = candidates
        .into_iter()
        .filter(|&c| c != i)
        .map(|c| {
            // Membership by binary search in the (ascending) posting lists: integer
            // compares, where comparing tag slugs was a tenth of a build's CPU.
            let mut score = 0.0;
            for (list, weight) in tag_lists.iter().zip(&tag_weights) {
                if list.binary_search(&c).is_ok() {
                    score += weight;
                }
            }
            if region_list.binary_search(&c).is_ok() {
                score += REGION_WEIGHT;
            }
            let distance = (index.timestamps[c] - when).abs();
            score += 1.0 / (1.0 + distance as f64 / 86_400.0 / DAYS_SCALE);
            Scored {
                article: c,
                score,
                distance,
            }
        })
        .collect();
    // A total order (the index breaks every tie), so the best `max` can be picked
    // without sorting every candidate.
    let order = |a: &Scored, b: &Scored| {
        b.score
            .total_cmp(&a.score)
            .then(a.distance.cmp(&b.distance))
            .then(a.article.cmp(&b.article))
    };
    if scored.len() > max {
        scored.select_nth_unstable_by(max - 1, order);
        scored.truncate(max);
    }
    scored.sort_unstable_by(order);
    scored
}

/// Push the `k` entries of `list` nearest in date to article `i` (excluding `i`), by
/// the articles' `timestamps`. `list` holds article indexes ascending, i.e. newest
/// first, as every posting list does.
fn nearest_in_date(timestamps: &[i64], list: &[usize], i: usize, k: usize, out: &mut Vec<usize>) {
    let Some(&target) = timestamps.get(i) else {
        return;
    };
    // Where `i` is, or would be, in the list.
    let pos = list.partition_point(|&x| x < i);
    // Walk outwards: `before` goes to newer articles, `after` to older ones.
    let mut before = pos;
    let mut after = if list.get(pos) == Some(&i) {
        pos + 1
    } else {
        pos
    };
    let distance = |x: usize| timestamps.get(x).map_or(i64::MAX, |t| (t - target).abs());
    for _ in 0..k {
        let newer = before.checked_sub(1).map(|b| (b, distance(list[b])));
        let older = list.get(after).map(|&x| (after, distance(x)));
        match (newer, older) {
            (Some((b, dn)), Some((_, d_old))) if dn.cmp(&d_old) != Ordering::Greater => {
                out.push(list[b]);
                before = b;
            }
            (_, Some((a, _))) => {
                out.push(list[a]);
                after = a + 1;
            }
            (Some((b, _)), None) => {
                out.push(list[b]);
                before = b;
            }
            (None, None) => break,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::content::front_matter::FrontMatter;
    use crate::content::Article;
    use std::path::Path;

    pub(crate) fn config() -> SiteConfig {
        SiteConfig::parse(
            Path::new("."),
            "title: T\nbase_url: https://example.org/\nregions:\n  - slug: gulf\n    name: Gulf\n  - slug: europe\n    name: Europe\n",
        )
        .unwrap()
    }

    /// An index of (slug, date, region, tags) articles.
    pub(crate) fn site(specs: &[(&str, &str, &str, &[&str])]) -> SiteIndex {
        let config = config();
        let articles = specs
            .iter()
            .map(|(slug, date, region, tags)| test_article(slug, date, region, tags))
            .collect();
        SiteIndex::build(&config, articles)
    }

    /// A published article; `date` is `YYYY-MM-DD` (noon UTC) or RFC 3339.
    pub(crate) fn test_article(slug: &str, date: &str, region: &str, tags: &[&str]) -> Article {
        let date = chrono::DateTime::parse_from_rfc3339(date)
            .or_else(|_| chrono::DateTime::parse_from_rfc3339(&format!("{date}T12:00:00Z")))
            .unwrap();
        let front = FrontMatter {
            title: slug.to_string(),
            date,
            region: region.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            summary: None,
            image: None,
            image_caption: None,
            image_credit: None,
            image_alt: None,
            source: None,
            source_url: None,
            lang: None,
            draft: false,
            slug: slug.to_string(),
            featured: false,
            expires: None,
            updated: None,
            duplicate_of: None,
            imported_from: None,
            author: None,
            author_url: None,
            translation_key: None,
            key_lines: Default::default(),
        };
        Article::new(
            format!("content/{slug}.md").into(),
            format!("{slug}.md"),
            front,
            Default::default(),
            "en",
            &SPILL,
        )
    }

    /// One scratch file for every test article (a file each would hold a descriptor each).
    static SPILL: std::sync::LazyLock<crate::spill::Spill> =
        std::sync::LazyLock::new(crate::spill::Spill::new);

    fn slugs(index: &SiteIndex, list: &[usize]) -> Vec<String> {
        list.iter()
            .map(|&i| index.articles[i].slug.to_string())
            .collect()
    }

    fn position(index: &SiteIndex, slug: &str) -> usize {
        index
            .articles
            .iter()
            .position(|a| &*a.slug == slug)
            .unwrap()
    }

    #[test]
    fn rare_shared_tags_beat_common_ones_and_self_is_excluded() {
        let index = site(&[
            ("a", "2024-02-06", "gulf", &["oman", "culture"]),
            ("b", "2024-02-05", "europe", &["culture"]),
            ("c", "2024-01-10", "europe", &["oman"]),
            ("d", "2024-02-06", "europe", &["economy"]),
            ("e", "2024-02-04", "europe", &["culture"]),
            ("f", "2024-02-03", "europe", &["culture"]),
        ]);
        let a = position(&index, "a");
        let related = related(&index, a, 5);
        // c shares the rare tag (oman: 2 articles) and comes first although a month away;
        // d shares nothing and is not a candidate.
        assert_eq!(slugs(&index, &related), ["c", "b", "e", "f"]);
        assert!(!related.contains(&a));
    }

    #[test]
    fn region_and_date_break_ties_deterministically() {
        let index = site(&[
            ("x", "2024-02-10", "gulf", &["energy"]),
            ("near", "2024-02-09", "europe", &["energy"]),
            ("far", "2024-01-01", "europe", &["energy"]),
            ("same-region", "2024-01-01", "gulf", &["energy"]),
            ("twin-b", "2024-02-11", "europe", &["energy"]),
            ("twin-a", "2024-02-11", "europe", &["energy"]),
        ]);
        let x = position(&index, "x");
        let first = related(&index, x, 5);
        // The same region outweighs a few weeks; same-day twins are ordered by slug.
        assert_eq!(
            slugs(&index, &first),
            ["same-region", "twin-a", "twin-b", "near", "far"]
        );
        for _ in 0..3 {
            assert_eq!(related(&index, x, 5), first);
        }
        assert_eq!(related(&index, x, 2).len(), 2);
        assert!(related(&index, x, 0).is_empty());
        assert!(related(&index, 99, 5).is_empty());
    }

    #[test]
    fn windows_take_the_nearest_in_date() {
        // 200 articles on one tag, one per day: the candidates are the nearest ones only.
        let dates: Vec<String> = (0..200)
            .map(|d| {
                (chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new(d))
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .collect();
        let names: Vec<String> = (0..200).map(|d| format!("day-{d:03}")).collect();
        let specs: Vec<(&str, &str, &str, &[&str])> = names
            .iter()
            .zip(&dates)
            .map(|(n, d)| (n.as_str(), d.as_str(), "europe", &["energy"][..]))
            .collect();
        let index = site(&specs);
        let middle = position(&index, "day-100");
        let mut found = Vec::new();
        nearest_in_date(
            &index.timestamps,
            &index.tags[0].articles,
            middle,
            4,
            &mut found,
        );
        let mut found = slugs(&index, &found);
        found.sort();
        assert_eq!(found, ["day-098", "day-099", "day-101", "day-102"]);
        let related = related(&index, middle, 5);
        assert_eq!(
            slugs(&index, &related),
            // Equal distances go to the newer article.
            ["day-101", "day-099", "day-102", "day-098", "day-103"]
        );
        // At the edge of the list the window fills from the one side there is.
        let newest = position(&index, "day-199");
        let mut found = Vec::new();
        nearest_in_date(
            &index.timestamps,
            &index.tags[0].articles,
            newest,
            3,
            &mut found,
        );
        assert_eq!(slugs(&index, &found), ["day-198", "day-197", "day-196"]);
    }
}

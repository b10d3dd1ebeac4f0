//! The archive's groupings: years and their months, newest first, of the articles in
//! index order (built once with the `SiteIndex`).

use crate::content::Article;
use chrono::Datelike;
use std::collections::BTreeMap;

/// One year of the archive, newest first, with its months (newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveYear {
    pub year: i32,
    /// Indexes into `SiteIndex::articles`, in index order (newest first).
    pub articles: Vec<usize>,
    pub months: Vec<ArchiveMonth>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveMonth {
    pub year: i32,
    pub month: u32,
    pub articles: Vec<usize>,
}

/// Years and months of the archive, from each article's own date (as its URL has it).
/// One pass; articles near midnight in other time zones may interleave months in the
/// newest-first order, so months are keyed, not grouped as they come.
pub fn archive(articles: &[Article]) -> Vec<ArchiveYear> {
    let mut months: BTreeMap<(i32, u32), Vec<usize>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        months
            .entry((article.date.year(), article.date.month()))
            .or_default()
            .push(i);
    }
    let mut years: Vec<ArchiveYear> = Vec::new();
    for ((year, month), articles) in months.into_iter().rev() {
        if years.last().is_none_or(|y| y.year != year) {
            years.push(ArchiveYear {
                year,
                articles: Vec::new(),
                months: Vec::new(),
            });
        }
        if let Some(entry) = years.last_mut() {
            entry.articles.extend_from_slice(&articles);
            entry.months.push(ArchiveMonth {
                year,
                month,
                articles,
            });
        }
    }
    for year in &mut years {
        // Months are newest first already; keep the year's list in index order too.
        year.articles.sort_unstable();
    }
    years
}

//! What is already in content/ (and what this run has written so far): slugs, earlier
//! imports of the same raw article, and the near-duplicate index.

use super::{dedupe, write};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What is already in content/ (and what this run has written so far).
pub(super) struct Known {
    pub(super) slugs: HashSet<String>,
    /// `imported_from` → indices into `articles`.
    pub(super) imported: HashMap<String, Vec<usize>>,
    pub(super) articles: Vec<KnownArticle>,
    pub(super) index: dedupe::Index<usize>,
}

pub(super) struct KnownArticle {
    pub(super) path: PathBuf,
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) fingerprint: dedupe::Fingerprint,
}

impl Known {
    pub(super) fn scan(content_dir: &Path) -> Known {
        let mut known = Known {
            slugs: HashSet::new(),
            imported: HashMap::new(),
            articles: Vec::new(),
            index: dedupe::Index::new(),
        };
        for existing in write::scan_existing(content_dir) {
            let fingerprint = dedupe::Fingerprint::new(&existing.body);
            known.add(
                existing.path,
                existing.slug,
                existing.title,
                existing.imported_from,
                fingerprint,
            );
        }
        known
    }

    pub(super) fn add(
        &mut self,
        path: PathBuf,
        slug: String,
        title: String,
        imported_from: Option<String>,
        fingerprint: dedupe::Fingerprint,
    ) {
        let id = self.articles.len();
        self.slugs.insert(slug.clone());
        if let Some(key) = imported_from {
            self.imported.entry(key).or_default().push(id);
        }
        self.index.insert(id, fingerprint.clone());
        self.articles.push(KnownArticle {
            path,
            slug,
            title,
            fingerprint,
        });
    }

    /// The earlier import of the same raw article: same `imported_from` and the same title
    /// or a near-identical body (a reused raw file name with new stories is not "already
    /// imported").
    pub(super) fn earlier_import(
        &self,
        key: &str,
        title: &str,
        fingerprint: &dedupe::Fingerprint,
    ) -> Option<usize> {
        self.imported.get(key)?.iter().copied().find(|&id| {
            let a = &self.articles[id];
            a.title == title || a.fingerprint.jaccard(fingerprint) >= dedupe::THRESHOLD
        })
    }
}

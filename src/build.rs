//! `gazette build`: load the `Site` (config → content → index), render it into a staging
//! folder and swap it into place (`crate::site::publish`), with timings and the summary
//! line. Stops before writing anything when content has errors, so the previous output
//! stays as it was. With nothing changed since the last build, leaves the output alone
//! (`crate::fingerprint`).

use crate::progress::Timings;
use crate::site::{load_config, publish};
use anyhow::Result;
use std::time::Instant;

pub use crate::site::{BuildOptions, BuildSummary};

/// Build the site. Content errors come back as `ContentErrors` with every diagnostic.
/// With nothing changed since the last build (same inputs, options and version, and no
/// article due to appear, expire or leave the news sitemap yet), the output is left as
/// it is and the summary says so.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let start = Instant::now();
    let output_dir = options.output_dir();
    let settings = (
        &options.base_url,
        options.drafts,
        options.future,
        &options.inject_html,
        options.file_links,
        options.now.map(|now| now.to_rfc3339()),
    );
    let hash = crate::fingerprint::inputs_hash(&options.root, &settings);
    let mut timings = Timings::default();
    let mut config = None;
    if let Some(hash) = hash {
        // site.yaml's timezone tells `now`; the build goes on with what was read here.
        let loaded = timings.time("config", || {
            load_config(&options.root, options.base_url.as_deref())
        })?;
        let now = options.now.unwrap_or_else(|| loaded.now());
        if crate::fingerprint::is_fresh(&output_dir, hash, now) {
            return Ok(BuildSummary::unchanged(output_dir, start.elapsed()));
        }
        config = Some(loaded);
    }
    crate::fingerprint::forget(&output_dir);
    let summary = publish::publish(options, config, timings, start)?.summary;
    if let Some(hash) = hash {
        crate::fingerprint::record(&output_dir, hash, summary.next_change);
    }
    Ok(summary)
}

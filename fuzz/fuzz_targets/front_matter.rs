//! Fuzz the front-matter path of the content loader: split a file at its `---` fences and
//! parse and check the YAML block against a fixed site.yaml. Any input must give `Ok` or
//! diagnostics, never a panic, an abort or a hang; a parsed article's slug, region and tags
//! must be safe URL segments (they become folder names in the output).
#![no_main]

use gazette::config::SiteConfig;
use gazette::content::front_matter;
use gazette::slug::is_safe_segment;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

const SITE_YAML: &str = "title: Fuzz Gazette
base_url: https://example.org/sub/
timezone: Asia/Baghdad
strict_tags: false
regions:
  - slug: gulf
    name: Gulf
    countries: [Qatar, Oman]
  - slug: middle-east
    name: Middle East
tags:
  - slug: energy
    name: Energy
    words: [oil, gas]
";

fn config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    CONFIG.get_or_init(|| SiteConfig::parse(Path::new("."), SITE_YAML).expect("fixed site.yaml"))
}

fuzz_target!(|data: &[u8]| {
    // The loader refuses invalid UTF-8 before it gets here.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(split) = front_matter::split(text) else {
        return;
    };
    assert!(split.body_line >= 3);
    let path = Path::new("content/gulf/fuzz.md");
    match front_matter::parse(path, &split, config()) {
        Ok(front) => {
            assert!(is_safe_segment(&front.slug), "unsafe slug {:?}", front.slug);
            assert!(config().region(&front.region).is_some());
            assert!(front.tags.len() <= front_matter::MAX_TAGS);
            for tag in &front.tags {
                assert!(is_safe_segment(tag), "unsafe tag {tag:?}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                // Every diagnostic renders (`file:line: message`) without panicking.
                let _ = d.to_string();
            }
        }
    }
});

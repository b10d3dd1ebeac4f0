//! gazette: a static site generator for a curated regional news digest.
//!
//! The pipeline, one module per stage: `import` (raw wire text → markdown) →
//! `content` (markdown + front matter → `Article`) → `index` (regions, tags, archive, editions) →
//! `render` (tera → `OutputFile`s) → `output` (staging folder, atomic swap). `site` loads
//! site.yaml, the theme, the content and the index once into a `Site`, publishes it
//! (photos through `images` and every language edition rendered into staging, check
//! links, swap) and keeps it for serve's incremental updates.
//! `build`, `check`, `serve`, `email`, `new`, `init` and `import` are the commands that
//! drive it; no command imports another.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod countries;
pub mod diagnostics;
pub mod email;
pub mod fingerprint;
pub mod i18n;
pub mod images;
pub mod import;
pub mod index;
pub mod init;
pub mod lang;
pub mod new;
pub mod output;
pub mod progress;
pub mod render;
pub mod serve;
pub mod site;
pub mod slug;
pub mod spill;
pub mod theme_files;
pub mod url;
pub mod yaml;

/// Version and the commit it was built from (set by build.rs when git is available).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("GAZETTE_COMMIT"), ")");

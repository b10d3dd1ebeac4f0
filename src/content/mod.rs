//! Content: markdown files with YAML front matter under content/ → `Article`s.
//! `front_matter` splits and checks the YAML block, `markdown` renders bodies,
//! `article` is the finished article, `load` walks the folder and collects diagnostics.
//! Nothing here knows about templates or the output folder.

pub mod article;
pub mod front_matter;
pub mod load;
pub mod markdown;

pub use article::Article;
pub use load::{load_site_content, LoadOptions, LoadedContent};

/// The body `new` writes. `check` warns while it is still in a file, so a placeholder
/// is not published by accident.
pub const BODY_PLACEHOLDER: &str =
    "Write the article here. The first paragraph becomes the summary on listing pages.";

//! The site, loaded once and shared by every command: `load` reads site.yaml (with a
//! `--base-url` override), the theme's templates and static files, the content and the
//! index into a `Site`, with problems as diagnostics; `links` checks local links and
//! images against what a build publishes; `publish` renders a `Site` into a staging
//! folder and swaps it into place; `session` keeps the last full build for `serve`'s
//! incremental updates. The commands (build, check, serve, email) drive it and never
//! import each other.

pub mod links;
pub mod load;
pub mod publish;
pub mod session;

pub use load::{load_config, Site};
pub use publish::{BuildOptions, BuildSummary};
pub use session::{Session, Update};

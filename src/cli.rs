//! The command line (clap derive). Turns flags into plain option structs for the library;
//! holds no logic of its own, except rendering its own definition as shell completions
//! and man pages (`completions`, `man`), so they never drift from the real flags.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "gazette", version = crate::VERSION, about = "A static site generator for a curated regional news digest")]
pub struct Cli {
    /// Print nothing but errors (for CI).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Per-file detail.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into DIR/public (or --output).
    Build(BuildArgs),
    /// Turn raw wire/scraped article text into content files.
    Import(ImportArgs),
    /// Validate site.yaml and every content file without writing output.
    Check(CheckArgs),
    /// Scaffold a new article with valid front matter.
    New(NewArgs),
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser.
    Serve(ServeArgs),
    /// Write one digest edition as an email message (text and HTML) to standard output, for sendmail or a mail service.
    Email(EmailArgs),
    /// Scaffold a new site in DIR: site.yaml, an example article, raw/, the Pages workflow.
    Init(InitArgs),
    /// Print a shell completion script (e.g. `gazette completions bash > ~/.local/share/bash-completion/completions/gazette`).
    Completions(CompletionsArgs),
    /// Print a man page in roff (e.g. `gazette man | man -l -`).
    Man(ManArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Site root (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder (default: ROOT/public).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override site.yaml base_url (e.g. the GitHub Pages URL).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    pub future: bool,
    /// The build's clock (RFC 3339 or YYYY-MM-DD), for reproducible builds and tests.
    #[arg(long)]
    pub now: Option<String>,
    /// Print where the time went.
    #[arg(long)]
    pub timings: bool,
    /// Links to folders end in index.html, so that the built site can be browsed straight
    /// from the file system (file://) without a web server.
    #[arg(long)]
    pub relative: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Site root (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the markdown files (default: ROOT/content).
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// Date for every imported article (YYYY-MM-DD), overriding dates found in the text.
    #[arg(long)]
    pub date: Option<String>,
    /// Show what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub report: ReportFormat,
    /// Language of every imported article (BCP 47, e.g. ar), written as `lang:`; default:
    /// the one the source declares, or ar for Arabic text.
    #[arg(long)]
    pub lang: Option<String>,
    /// Raw files, folders (all .txt inside) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Github,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Site root (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// text: `path:line: message` lines; json: an array; github: Actions annotations.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Check as `build --base-url URL` would build: a root-absolute link that includes the
    /// base URL's path (`/repo/images/x.jpg`) resolves only under that base URL.
    #[arg(long)]
    pub base_url: Option<String>,
    /// The clock for future-date checks (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    pub now: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The article's title.
    pub title: String,
    #[arg(long)]
    pub region: String,
    /// Comma-separated tag slugs.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// YYYY-MM-DD (default: today in the site's timezone).
    #[arg(long)]
    pub date: Option<String>,
    /// Language of the article (BCP 47, e.g. ar); default: the site's.
    #[arg(long)]
    pub lang: Option<String>,
    /// Mark the article `draft: true` (left out of builds without --drafts).
    #[arg(long)]
    pub draft: bool,
    /// Site root (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Site root (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Interface to listen on; anything but 127.0.0.1 exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future (scheduled).
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder of the new site (created if missing; must be empty unless --force).
    pub dir: PathBuf,
    /// The site's title (default: from the folder's name, `my-news` → "My News").
    #[arg(long)]
    pub title: Option<String>,
    /// Where the site is published (default: https://example.github.io/<folder>/).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Scaffold into a non-empty folder; only the scaffold's own files are overwritten.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct EmailArgs {
    /// The edition: its key as in its URL (2024-w06, 2024-02-06) or `latest`.
    #[arg(default_value = "latest")]
    pub edition: String,
    /// Site root (holds site.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The recipient (default: site.yaml newsletter.to), e.g. a mailing list's address.
    #[arg(long)]
    pub to: Option<String>,
    /// The sender (default: site.yaml newsletter.from), e.g. "Digest <digest@example.org>".
    #[arg(long)]
    pub from: Option<String>,
    /// Override site.yaml base_url (every link in the email is absolute).
    #[arg(long)]
    pub base_url: Option<String>,
    /// The clock (RFC 3339 or YYYY-MM-DD): what is published, and the message's Date.
    #[arg(long)]
    pub now: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand's own page (gazette-build(1) …) instead of gazette(1).
    pub command: Option<String>,
}

/// The binary's name, for generated scripts and pages.
const BIN: &str = "gazette";

/// The completion script for `shell`, from the clap definition.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut script);
    script
}

/// The man page (roff) of gazette, or of one of its subcommands (`build` →
/// gazette-build(1)); an unknown subcommand is an error naming the known ones.
pub fn man(subcommand: Option<&str>) -> anyhow::Result<Vec<u8>> {
    let mut command = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => command.find_subcommand(name).cloned().ok_or_else(|| {
            let known: Vec<_> = command.get_subcommands().map(|c| c.get_name()).collect();
            anyhow::anyhow!(
                "no subcommand {name:?} (expected one of: {})",
                known.join(", ")
            )
        })?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("{BIN} {}", crate::VERSION))
        .manual("gazette manual")
        .render(&mut roff)
        .expect("writing to a Vec cannot fail");
    Ok(roff)
}

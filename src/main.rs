//! The `gazette` binary: parse the command line, call one library function per command,
//! print diagnostics and pick the exit code (0 ok, 1 any error). No logic lives here.

use anyhow::{Context as _, Result};
use clap::Parser;
use gazette::cli::{Cli, Command};
use gazette::diagnostics::ContentErrors;
use std::process::ExitCode;

fn parse_now(text: Option<&str>) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>> {
    text.map(|t| {
        gazette::content::front_matter::parse_date(t, chrono_tz::UTC)
            .with_context(|| format!("--now: cannot read {t:?} (expected YYYY-MM-DD or RFC 3339)"))
    })
    .transpose()
}

fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Build(args) => {
            let mut options = gazette::build::BuildOptions::new(args.root);
            options.output = args.output;
            options.base_url = args.base_url;
            options.drafts = args.drafts;
            options.future = args.future;
            options.now = parse_now(args.now.as_deref())?;
            let summary = gazette::build::build(&options)?;
            for warning in &summary.warnings {
                eprintln!("{warning}");
            }
            if args.timings {
                eprint!("{}", summary.timings);
            }
            if !cli.quiet {
                println!("{summary}");
            }
            Ok(true)
        }
        Command::Import(args) => {
            let date = args
                .date
                .as_deref()
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .with_context(|| format!("--date: {d:?} is not YYYY-MM-DD"))
                })
                .transpose()?;
            let options = gazette::import::ImportOptions {
                root: args.root,
                into: args.into,
                date,
                dry_run: args.dry_run,
                force: args.force,
                json_report: args.report == gazette::cli::ReportFormat::Json,
                paths: args.paths,
            };
            let report = gazette::import::run(&options)?;
            if options.json_report {
                println!("{}", report.render_json());
            } else if !cli.quiet || report.has_errors() {
                print!("{}", report.render_text());
            }
            Ok(!report.has_errors())
        }
        Command::Check(_) | Command::New(_) | Command::Serve(_) => {
            anyhow::bail!("not implemented yet")
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            if let Some(content) = error.downcast_ref::<ContentErrors>() {
                eprintln!("{content}");
            } else {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}

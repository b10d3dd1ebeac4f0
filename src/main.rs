//! The `gazette` binary: parse the command line, call one library function per command,
//! print diagnostics and pick the exit code (0 ok, 1 any error). No logic lives here.

use anyhow::{Context as _, Result};
use clap::Parser;
use gazette::cli::{CheckFormat, Cli, Command};
use gazette::diagnostics::ContentErrors;
use std::process::ExitCode;

/// mimalloc: rendering is allocation-heavy (template contexts, strings); glibc malloc
/// spent ~15% of build CPU in malloc/free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
            options.progress = !cli.quiet;
            options.file_links = args.relative;
            let summary = gazette::build::build(&options)?;
            for warning in &summary.warnings {
                eprintln!("{warning}");
            }
            if args.timings {
                eprint!("{}", summary.timings);
            }
            if !cli.quiet {
                println!("{summary}");
                if let Some(note) = summary.robots_note() {
                    println!("{note}");
                }
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
                progress: !cli.quiet,
                root: args.root,
                into: args.into,
                date,
                dry_run: args.dry_run,
                force: args.force,
                json_report: args.report == gazette::cli::ReportFormat::Json,
                paths: args.paths,
                lang: args.lang,
            };
            let report = gazette::import::run(&options)?;
            if options.json_report {
                println!("{}", report.render_json());
            } else if !cli.quiet || report.has_errors() {
                print!("{}", report.render_text());
            }
            Ok(!report.has_errors())
        }
        Command::Check(args) => {
            let report = gazette::check::run(&gazette::check::CheckOptions {
                root: args.root,
                base_url: args.base_url,
                now: parse_now(args.now.as_deref())?,
                progress: !cli.quiet,
            });
            match args.format {
                CheckFormat::Text => print!("{}", report.render_text(cli.quiet)),
                CheckFormat::Json => println!("{}", report.render_json()),
                CheckFormat::Github => print!("{}", report.render_github()),
            }
            if cli.verbose {
                report.details.iter().for_each(|d| eprintln!("{d}"));
            }
            Ok(!report.has_errors())
        }
        Command::New(args) => {
            let path = gazette::new::run(&gazette::new::NewOptions {
                root: args.root,
                title: args.title,
                region: args.region,
                tags: args.tags,
                date: args
                    .date
                    .as_deref()
                    .map(gazette::new::parse_day)
                    .transpose()?,
                lang: args.lang,
                draft: args.draft,
            })?;
            if !cli.quiet {
                println!("{}", path.display());
            }
            Ok(true)
        }
        Command::Serve(args) => {
            gazette::serve::serve(&gazette::serve::ServeOptions {
                root: args.root,
                port: args.port,
                bind: args.bind,
                drafts: args.drafts,
                future: args.future,
                quiet: cli.quiet,
                verbose: cli.verbose,
            })?;
            Ok(true)
        }
        Command::Init(args) => {
            let summary = gazette::init::init(&gazette::init::InitOptions::new(
                args.dir,
                args.title,
                args.base_url,
                args.force,
            ))?;
            if !cli.quiet {
                println!("{summary}");
            }
            Ok(true)
        }
        Command::Email(args) => {
            let message = gazette::email::run(&gazette::email::EmailOptions {
                root: args.root,
                edition: args.edition,
                to: args.to,
                from: args.from,
                base_url: args.base_url,
                now: parse_now(args.now.as_deref())?,
            })?;
            write_stdout(&message.bytes)?;
            if !cli.quiet {
                eprintln!(
                    "{}: \"{}\" ({} bytes of HTML, {} bytes in all)",
                    message.edition,
                    message.subject,
                    message.html_size,
                    message.bytes.len()
                );
            }
            Ok(true)
        }
        Command::Completions(args) => {
            write_stdout(&gazette::cli::completions(args.shell))?;
            Ok(true)
        }
        Command::Man(args) => {
            write_stdout(&gazette::cli::man(args.command.as_deref())?)?;
            Ok(true)
        }
    }
}

/// Generated scripts and pages go to standard output (an error there, such as a closed
/// pipe, is reported rather than a panic).
fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

fn main() -> ExitCode {
    // clap exits with 2 on a bad flag; gazette's contract is 1 for every error.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 1 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
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

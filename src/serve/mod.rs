//! `gazette serve`: build into ROOT/.gazette-serve/site (never the publish output), serve it
//! over HTTP, rebuild when the sources change and reload open pages through Server-Sent
//! Events. A failed rebuild keeps the last good site and shows the error in the terminal
//! and as an overlay in the page. Requests can never leave the served folder. Builds and
//! incremental updates after content edits go through `crate::site::Session`.

use crate::config::{SiteConfig, CONFIG_FILE};
use crate::diagnostics::ContentErrors;
use crate::site::{self, BuildOptions, Session, Update};
use anyhow::{anyhow, Context as _, Result};
use notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, DebouncedEventKind};
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

mod http;
mod watch;
pub use http::request_path;
use http::{handle, reload_script};
use watch::Watch;
pub use watch::{classify_change, Rebuild};

/// Served folder, under the site root and git-ignored; builds swap `site/` inside it.
pub const SERVE_DIR: &str = ".gazette-serve";
/// The event stream every served page listens to.
pub const EVENTS_PATH: &str = "/__gazette/events";
/// Folders whose changes trigger a rebuild (site.yaml too).
const WATCHED_DIRS: &[&str] = &["content", "themes", "templates", "static", "i18n"];
const HTTP_WORKERS: usize = 4;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: String,
    pub drafts: bool,
    pub future: bool,
    pub quiet: bool,
    pub verbose: bool,
}

/// The state the builder publishes and the event streams wait on.
#[derive(Debug, Clone, Default)]
struct Status {
    generation: u64,
    /// The last good build (pages carry it in their script).
    build: String,
    error: Option<String>,
    base_path: String,
}

#[derive(Default)]
struct Live {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Live {
    fn publish(&self, update: impl FnOnce(&mut Status)) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        update(&mut status);
        status.generation += 1;
        self.changed.notify_all();
    }

    fn current(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The status once its generation differs from `seen`, or `None` after `timeout`.
    fn wait_change(&self, seen: Option<u64>, timeout: Duration) -> Option<Status> {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, _) = self
            .changed
            .wait_timeout_while(status, timeout, |s| Some(s.generation) == seen)
            .unwrap_or_else(|e| e.into_inner());
        (Some(status.generation) != seen).then(|| status.clone())
    }
}

/// Builds the served copy; one per `serve`.
struct Builder {
    options: ServeOptions,
    root: PathBuf,
    out: PathBuf,
    origin: String,
    builds: u64,
    /// Distinguishes this server's builds from a previous run's, for open pages.
    run: u128,
    /// The last good full build's state, for incremental updates after content edits.
    session: Option<Session>,
}

impl Builder {
    /// After a content-only change: re-render just the pages that show the edited
    /// articles, tell open pages to reload, then refresh the search index, feeds and
    /// sitemaps. Returns false when the change needs a full build instead.
    fn update(&mut self, live: &Live, paths: &[PathBuf]) -> bool {
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        let md: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .cloned()
            .collect();
        match session.update(&md) {
            Ok(Update::Pages(pages)) => {
                self.builds += 1;
                let id = format!("{}-{}", self.run, self.builds);
                live.publish(|s| {
                    s.build = id;
                    s.error = None;
                });
                if let Err(error) = session.finish_update() {
                    eprintln!("error: {error:#}");
                }
                if self.options.verbose {
                    eprintln!("re-rendered {} pages: {}", pages.len(), pages.join(", "));
                }
                true
            }
            Ok(Update::NeedsFullBuild(reason)) => {
                if self.options.verbose {
                    eprintln!("full rebuild: {reason}");
                }
                false
            }
            Err(error) => {
                let text = match error.downcast_ref::<ContentErrors>() {
                    Some(content) => content.to_string(),
                    None => format!("error: {error:#}"),
                };
                eprintln!("{text}\n(still serving the last good build)");
                live.publish(|s| s.error = Some(text));
                true
            }
        }
    }

    fn build(&mut self, live: &Live) {
        self.builds += 1;
        let id = format!("{}-{}", self.run, self.builds);
        let config = SiteConfig::load(&self.root).ok();
        let base = config
            .as_ref()
            .map(|c| c.base_url.with_origin(&self.origin));
        let mut options = BuildOptions::new(&self.root);
        options.output = Some(self.out.clone());
        options.base_url = base.as_ref().map(ToString::to_string);
        options.drafts = self.options.drafts;
        options.future = self.options.future;
        options.inject_html = reload_script();
        let base_path = base.map_or("/".into(), |b| b.path().to_string());
        // The build goes on with the site.yaml read here; unreadable, the build reports why.
        let config = config
            .map(|c| site::load::with_base_url(c, options.base_url.as_deref()))
            .transpose();
        match config.and_then(|config| Session::build_from(&options, config)) {
            Ok((session, summary)) => {
                self.session = Some(session);
                for warning in &summary.warnings {
                    eprintln!("{warning}");
                }
                if !self.options.quiet {
                    println!("{summary}");
                }
                live.publish(|s| {
                    s.build = id;
                    s.error = None;
                    s.base_path = base_path;
                });
            }
            Err(error) => {
                let text = match error.downcast_ref::<ContentErrors>() {
                    Some(content) => content.to_string(),
                    None => format!("error: {error:#}"),
                };
                eprintln!("{text}\n(still serving the last good build)");
                live.publish(|s| {
                    s.error = Some(text);
                    // Keep the last good site's path; before any, use site.yaml's.
                    if s.base_path.is_empty() {
                        s.base_path = base_path;
                    }
                });
            }
        }
    }
}

/// How long the watcher waits for an editor's burst of events (write, rename, chmod) to
/// settle. Short: an incremental update of one article takes ~20 ms, and the whole
/// edit-to-served budget is 100 ms.
const WATCH_DEBOUNCE: Duration = Duration::from_millis(30);

/// Build, serve and rebuild on change until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site root {}", options.root.display()))?;
    let ip: IpAddr = options.bind.parse().with_context(|| {
        format!(
            "--bind {:?} is not an IP address (e.g. 127.0.0.1)",
            options.bind
        )
    })?;
    let server = tiny_http::Server::http(SocketAddr::new(ip, options.port)).map_err(|e| {
        anyhow!(
            "cannot listen on {ip}:{}: {e} (another preview running? try --port {})",
            options.port,
            options.port.wrapping_add(1).max(1024)
        )
    })?;
    let addr = server.server_addr().to_ip().context("not an IP listener")?;
    if !ip.is_loopback() {
        eprintln!(
            "warning: listening on {ip}: other computers on the network can see this preview"
        );
    }
    // Pages name this origin in canonical links and feeds; 0.0.0.0 is not browsable.
    let shown = match addr.ip().is_unspecified() {
        true => SocketAddr::new(IpAddr::from([127, 0, 0, 1]), addr.port()),
        false => addr,
    };
    let out = root.join(SERVE_DIR).join("site");
    let live = Arc::new(Live::default());
    let mut builder = Builder {
        options: options.clone(),
        root: root.clone(),
        out: out.clone(),
        origin: format!("http://{shown}"),
        builds: 0,
        session: None,
        run: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis()),
    };
    // Watch before the first build, so an edit saved while it runs is not missed.
    let watch = Watch::start(&root)?;
    builder.build(&live);
    if !options.quiet {
        let base = live.current().base_path;
        println!("Serving http://{shown}{base} (Ctrl-C to stop)");
    }

    let server = Arc::new(server);
    for _ in 0..HTTP_WORKERS {
        let (server, live, out) = (server.clone(), live.clone(), out.clone());
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &out, &live);
            }
        });
    }
    watch.run(&mut builder, &live);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::http::{content_type, stamp};
    use super::*;

    #[test]
    fn changes_are_classified() {
        let root = Path::new("/site");
        let classify = |paths: &[&str]| {
            classify_change(
                root,
                &paths.iter().map(|p| root.join(p)).collect::<Vec<_>>(),
            )
        };
        let only = |f: fn(&mut Rebuild)| {
            let mut r = Rebuild::default();
            f(&mut r);
            r
        };
        assert_eq!(classify(&["site.yaml"]), only(|r| r.config = true));
        assert_eq!(classify(&["content/gulf/a.md"]), only(|r| r.content = true));
        assert_eq!(classify(&["content/gulf"]), only(|r| r.content = true));
        assert_eq!(
            classify(&["content/gulf/a.JPG"]),
            only(|r| r.content = true)
        );
        assert_eq!(classify(&["content/gulf/notes.txt"]), Rebuild::default());
        assert_eq!(
            classify(&["templates/base.html"]),
            only(|r| r.templates = true)
        );
        assert_eq!(
            classify(&["themes/x/templates/a.html"]),
            only(|r| r.templates = true)
        );
        assert_eq!(
            classify(&["themes/x/static/a.css"]),
            only(|r| r.statics = true)
        );
        assert_eq!(classify(&["static/img/a.png"]), only(|r| r.statics = true));
        for nothing in [
            "content/gulf/.a.md.swp",
            "content/gulf/a.md~",
            "content/gulf/notes.txt",
            ".gazette-serve/site/index.html",
            "public/index.html",
            "README.md",
            "../elsewhere/site.yaml",
        ] {
            assert!(!classify(&[nothing]).is_needed(), "{nothing}");
        }
        let both = classify(&["content/a.md", "static/a.css"]);
        assert!(both.content && both.statics && !both.config);
        assert!(!classify(&["/other/site.yaml"]).is_needed());
    }

    #[test]
    fn requests_cannot_leave_the_site() {
        for (url, base, expected) in [
            ("/", "/", Some("")),
            ("/regions/gulf/", "/", Some("regions/gulf/")),
            ("/css/gazette.css?v=1", "/", Some("css/gazette.css")),
            ("/a%20b.pdf", "/", Some("a b.pdf")),
            ("/repo/tags/", "/repo/", Some("tags/")),
            ("/tags/", "/repo/", None),
            ("/../Cargo.toml", "/", None),
            ("/%2e%2e/site.yaml", "/", None),
            ("/%2E%2E/%2E%2E/etc/passwd", "/", None),
            ("/css/%2e%2e%2f%2e%2e%2fsite.yaml", "/", None),
            ("/..%2fsite.yaml", "/", None),
            ("/..%5csite.yaml", "/", None),
            ("/..\\site.yaml", "/", None),
            ("//etc/passwd", "/", None),
            ("/regions/./gulf/", "/", None),
            ("/a%00.html", "/", None),
            ("/%zz", "/", None),
            ("http://evil/", "/", None),
            ("*", "/", None),
        ] {
            assert_eq!(request_path(url, base).as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn pages_are_stamped_with_their_build() {
        let page = format!("<p>const built = x</p>{}</body>", reload_script());
        let stamped = stamp(page.clone(), "17-3");
        assert!(stamped.contains("const built = \"17-3\";"), "{stamped}");
        assert!(!stamped.contains("__gazette_build__"));
        assert_eq!(stamp("<p>no script</p>".into(), "1"), "<p>no script</p>");
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("atom.xml")), "application/xml");
        assert_eq!(
            content_type(Path::new("x.unknown")),
            "application/octet-stream"
        );
    }
}

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

/// What a change needs: edits to content files alone are applied incrementally to the
/// last build's `site::Session`; site.yaml, templates and static files rebuild in full
/// (unchanged output files are linked, not rewritten).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rebuild {
    pub config: bool,
    pub templates: bool,
    pub statics: bool,
    pub content: bool,
}

impl Rebuild {
    pub fn is_needed(&self) -> bool {
        self.config || self.templates || self.statics || self.content
    }

    fn describe(&self) -> String {
        let flags = [
            (self.config, "site.yaml"),
            (self.templates, "templates"),
            (self.statics, "static files"),
            (self.content, "content"),
        ];
        let names: Vec<&str> = flags.iter().filter(|f| f.0).map(|f| f.1).collect();
        names.join(", ")
    }
}

/// Classify changed paths (absolute, under `root`). Editor droppings (`.x.swp`, `x~`, hidden
/// files) and anything outside the watched sources need nothing.
pub fn classify_change(root: &Path, paths: &[PathBuf]) -> Rebuild {
    let mut rebuild = Rebuild::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let name = parts.last().copied().unwrap_or("");
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            continue;
        }
        match parts.as_slice() {
            [CONFIG_FILE] => rebuild.config = true,
            ["content", ..] if name.ends_with(".md") || !name.contains('.') => {
                rebuild.content = true // a file, or a folder moved or removed
            }
            // A photo beside an article: the image pipeline publishes it (src/images.rs).
            ["content", ..] if crate::images::Format::from_name(name).is_some() => {
                rebuild.content = true
            }
            // The UI strings are read with the templates (the `t()` function).
            ["templates", ..] | ["themes", _, "templates", ..] | ["i18n", ..] => {
                rebuild.templates = true
            }
            ["static", ..] | ["themes", _, "static", ..] => rebuild.statics = true,
            ["themes", ..] => rebuild.templates = true,
            _ => {}
        }
    }
    rebuild
}

/// The site-relative path a request names (`regions/gulf/`, `css/x.css`), or `None` to
/// refuse it: no `.`/`..`/empty segments, no backslashes, no encoded slashes or NULs,
/// nothing outside `base_path`.
pub fn request_path(url: &str, base_path: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/')
        || path.contains('\\')
        || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e))
    {
        return None;
    }
    let rest = crate::url::percent_decode(path)?
        .strip_prefix(base_path)?
        .to_string();
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    let bad = |(i, s): (usize, &&str)| {
        (s.is_empty() && i != last) || matches!(*s, "." | "..") || s.contains(['\\', '\0'])
    };
    if segments.iter().enumerate().any(bad) {
        return None;
    }
    Some(rest)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Stands for the build id in the injected script until a page is served: pages stay the
/// same from build to build (so unchanged ones are linked, not rewritten), and each served
/// page still knows its build, so one opened just before a rebuild reloads too.
const BUILD_MARK: &str = "const built = \"__gazette_build__\";";

/// The live-reload script injected into every served page.
fn reload_script() -> String {
    format!(
        r#"<script>(() => {{
  {BUILD_MARK}
  const events = new EventSource("{EVENTS_PATH}");
  events.onmessage = (message) => {{
    const state = JSON.parse(message.data);
    let box = document.getElementById("gazette-build-error");
    if (state.error) {{
      if (!box) {{
        box = document.createElement("pre");
        box.id = "gazette-build-error";
        box.style.cssText = "position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5em;overflow:auto;white-space:pre-wrap;background:rgba(30,0,0,.94);color:#fff;font:14px/1.5 monospace";
        document.body.appendChild(box);
      }}
      box.textContent = "gazette: the last change does not build; this is the previous version.\n\n" + state.error;
    }} else if (state.build !== built) {{
      events.close();
      location.reload();
    }} else if (box) {{
      box.remove();
    }}
  }};
}})();</script>
"#
    )
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

/// The platform watcher minus access events: inotify reports every file the build opens,
/// and passing those on would make each rebuild trigger the next.
struct ChangesOnly(notify::RecommendedWatcher);

impl notify::Watcher for ChangesOnly {
    fn new<F: notify::EventHandler>(
        mut handler: F,
        config: notify::Config,
    ) -> notify::Result<Self> {
        let filter = move |event: notify::Result<notify::Event>| {
            if !matches!(&event, Ok(e) if e.kind.is_access()) {
                handler.handle_event(event);
            }
        };
        notify::RecommendedWatcher::new(filter, config).map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> notify::WatcherKind {
        notify::RecommendedWatcher::kind()
    }
}

/// The watched sources and the debounced batches of their changes.
struct Watch {
    debouncer: notify_debouncer_mini::Debouncer<ChangesOnly>,
    batches: std::sync::mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
}

impl Watch {
    fn start(root: &Path) -> Result<Watch> {
        let (tx, batches) = std::sync::mpsc::channel();
        let config = notify_debouncer_mini::Config::default().with_timeout(WATCH_DEBOUNCE);
        let mut debouncer = notify_debouncer_mini::new_debouncer_opt(config, tx)
            .context("cannot watch the site for changes")?;
        // The root itself non-recursively: site.yaml (even when saved by rename) and the
        // watched folders appearing later.
        debouncer
            .watcher()
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        let mut watch = Watch {
            debouncer,
            batches,
            root: root.to_path_buf(),
        };
        for dir in WATCHED_DIRS {
            watch.add(&root.join(dir));
        }
        Ok(watch)
    }

    fn add(&mut self, dir: &Path) {
        if dir.is_dir() {
            if let Err(e) = self
                .debouncer
                .watcher()
                .watch(dir, RecursiveMode::Recursive)
            {
                eprintln!("warning: cannot watch {}: {e}", dir.display());
            }
        }
    }

    /// Rebuild on every debounced batch of relevant changes, until the process stops.
    fn run(mut self, builder: &mut Builder, live: &Live) {
        while let Ok(batch) = self.batches.recv() {
            // Batches that queued up while the last rebuild ran are one change: a second
            // rebuild for each would only hold back the next edit.
            let batches = std::iter::once(batch).chain(self.batches.try_iter());
            let paths = settled_paths(batches);
            if paths.is_empty() {
                continue;
            }
            for dir in WATCHED_DIRS {
                let dir = self.root.join(dir);
                if paths.contains(&dir) {
                    self.add(&dir);
                }
            }
            let change = classify_change(&self.root, &paths);
            if !change.is_needed() {
                continue;
            }
            if builder.options.verbose {
                for path in &paths {
                    let shown = path.strip_prefix(&self.root).unwrap_or(path);
                    eprintln!("changed: {}", shown.display());
                }
            }
            let start = Instant::now();
            let content_only = !(change.config || change.templates || change.statics);
            if !(content_only && builder.update(live, &paths)) {
                builder.build(live);
            }
            if !builder.options.quiet {
                println!(
                    "Rebuilt after a change to {} in {} ms",
                    change.describe(),
                    start.elapsed().as_millis()
                );
            }
        }
    }
}

/// The paths of debounced batches whose changes have settled, each once. The debouncer
/// reports a path still changing when its timeout passed (an editor's save spans a few
/// events, the last ones arriving after the first tick) as `AnyContinuous`, then the same
/// path again as `Any` once it has been quiet for the timeout. Acting on both rendered
/// every such save twice, and the second update (with its search index, feeds and
/// sitemaps, ~0.5 s on 10,000 articles with a core busy) held back the next edit; only
/// the settled `Any` is acted on.
fn settled_paths(batches: impl IntoIterator<Item = DebounceEventResult>) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for batch in batches {
        match batch {
            Ok(events) => paths.extend(
                events
                    .into_iter()
                    .filter(|e| e.kind == DebouncedEventKind::Any)
                    .map(|e| e.path),
            ),
            Err(e) => eprintln!("warning: watching: {e}"),
        }
    }
    paths.sort();
    paths.dedup();
    paths
}

type Reply = tiny_http::Response<Box<dyn std::io::Read + Send>>;

fn reply(
    status: u16,
    content_type: &str,
    body: Box<dyn std::io::Read + Send>,
    len: Option<usize>,
) -> Reply {
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
    };
    tiny_http::Response::new(
        status.into(),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
        ],
        body,
        len,
        None,
    )
}

fn html_reply(status: u16, html: String) -> Reply {
    let len = html.len();
    reply(
        status,
        "text/html; charset=utf-8",
        Box::new(std::io::Cursor::new(html)),
        Some(len),
    )
}

fn handle(request: tiny_http::Request, out: &Path, live: &Arc<Live>) {
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) {
        let live = live.clone();
        std::thread::spawn(move || stream_events(request, &live));
        return;
    }
    let status = live.current();
    let response = if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        html_reply(405, "method not allowed\n".into())
    } else if url.split('?').next() == Some("/") && status.base_path != "/" {
        redirect(&status.base_path)
    } else {
        match request_path(&url, &status.base_path).and_then(|rel| find_file(out, &rel)) {
            Some(Found::File(path)) if path.extension().is_some_and(|e| e == "html") => {
                match std::fs::read_to_string(&path) {
                    Ok(html) => html_reply(200, stamp(html, &status.build)),
                    Err(_) => not_found(out, &status),
                }
            }
            Some(Found::File(path)) => match std::fs::File::open(&path) {
                Ok(file) => {
                    let len = file.metadata().ok().map(|m| m.len() as usize);
                    reply(200, content_type(&path), Box::new(file), len)
                }
                Err(_) => not_found(out, &status),
            },
            Some(Found::Folder) => redirect(&format!("{}/", url.split('?').next().unwrap_or(""))),
            None => not_found(out, &status),
        }
    };
    let _ = request.respond(response);
}

enum Found {
    File(PathBuf),
    /// A folder asked for without its trailing `/`: relative links need it.
    Folder,
}

fn find_file(out: &Path, rel: &str) -> Option<Found> {
    let mut path = out.join(rel);
    if path.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return Some(Found::Folder);
        }
        path.push("index.html");
    }
    // Belt and braces: whatever the path says, the real file must be inside `out`.
    let real = path.canonicalize().ok()?;
    (real.starts_with(out.canonicalize().ok()?) && real.is_file()).then_some(Found::File(real))
}

/// A temporary redirect (307): a browser keeps a 301 for good, and would go on sending
/// `/` to this site's sub-path after another site is served on the same port.
fn redirect(location: &str) -> Reply {
    let mut response = html_reply(307, String::new());
    if let Ok(header) = tiny_http::Header::from_bytes(&b"Location"[..], location.as_bytes()) {
        response.add_header(header);
    }
    response
}

/// The site's own 404 page; before any good build, a bare page that still live-reloads.
fn not_found(out: &Path, status: &Status) -> Reply {
    let html = std::fs::read_to_string(out.join("404.html")).unwrap_or_else(|_| {
        format!(
            "<!DOCTYPE html><title>Not found</title><body><p>Not found.</p>{}</body>",
            reload_script()
        )
    });
    html_reply(404, stamp(html, &status.build))
}

/// Put the build the page belongs to into its reload script. `build` is read before the
/// file, so at worst a page is stamped older than it is and reloads once more.
fn stamp(mut html: String, build: &str) -> String {
    if let Some(at) = html.rfind(BUILD_MARK) {
        let id = format!("const built = {};", serde_json::Value::from(build));
        html.replace_range(at..at + BUILD_MARK.len(), &id);
    }
    html
}

/// One Server-Sent Events stream: the current state at once, then every change, with a
/// comment every 15 s so a closed tab is noticed and its thread ends.
fn stream_events(request: tiny_http::Request, live: &Live) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut seen = None;
    let mut message = head.to_string();
    loop {
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        message = match live.wait_change(seen, Duration::from_secs(15)) {
            Some(status) => {
                seen = Some(status.generation);
                let data = serde_json::json!({ "build": status.build, "error": status.error });
                format!("data: {data}\n\n")
            }
            None => ": keep-alive\n\n".to_string(),
        };
    }
}

#[cfg(test)]
mod tests {
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

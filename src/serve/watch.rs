//! Watching the site: what a batch of changed paths asks for (an incremental update or a
//! full rebuild), the platform watcher without access events, and settled paths.

use super::*;

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

    pub(super) fn describe(&self) -> String {
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
            // A photo beside an article: the image pipeline publishes it (src/images/).
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

/// The platform watcher minus access events: inotify reports every file the build opens,
/// and passing those on would make each rebuild trigger the next.
pub(super) struct ChangesOnly(notify::RecommendedWatcher);

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
pub(super) struct Watch {
    pub(super) debouncer: notify_debouncer_mini::Debouncer<ChangesOnly>,
    pub(super) batches: std::sync::mpsc::Receiver<DebounceEventResult>,
    pub(super) root: PathBuf,
}

impl Watch {
    pub(super) fn start(root: &Path) -> Result<Watch> {
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

    pub(super) fn add(&mut self, dir: &Path) {
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
    pub(super) fn run(mut self, builder: &mut Builder, live: &Live) {
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
pub(super) fn settled_paths(
    batches: impl IntoIterator<Item = DebounceEventResult>,
) -> Vec<PathBuf> {
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

//! `gazette serve` over real HTTP: pages and static files with their content types, a
//! rebuild after an edit within a bounded wait, traversal attempts refused with 404, and a
//! broken edit that keeps the last good page while the error reaches the event stream.

mod common;

use common::SiteTest;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long any wait polls before failing: generous, so that a loaded machine only makes
/// the tests slower, never red. Waits end as soon as their condition holds.
const WAIT: Duration = Duration::from_secs(60);
const ARTICLE: &str = "content/gulf/2024-02-06-oman-budget.md";
const ARTICLE_URL: &str = "/2024/02/oman-approves-budget-for-2024/";

/// A running `gazette serve`, killed when dropped (also when a test panics).
pub struct Server {
    child: Child,
    pub port: u16,
    pub site: SiteTest,
    /// Lines the server printed (stdout and stderr), read on their own threads.
    output: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    pub fn start(site: SiteTest, extra: &[&str]) -> Server {
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(site.root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gazette serve");
        let (tx, output) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        for stream in [
            Box::new(stdout) as Box<dyn std::io::Read + Send>,
            Box::new(stderr),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let server = Server {
            child,
            port,
            site,
            output,
        };
        server.wait_for("the server to answer", || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        server
    }

    /// Poll `ready` until it holds, failing after `WAIT` with what the server printed.
    #[track_caller]
    pub fn wait_for(&self, what: &str, mut ready: impl FnMut() -> bool) {
        let start = Instant::now();
        while !ready() {
            if start.elapsed() > WAIT {
                let printed: Vec<String> = self.output.try_iter().collect();
                panic!(
                    "timed out after {WAIT:?} waiting for {what}; server said:\n{}",
                    printed.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A raw HTTP/1.0 GET (no chunking, connection closed after): the path is sent exactly as
/// given, so traversal attempts reach the server unnormalised.
pub fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read response");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// Read `/__gazette/events` on a thread; every `data:` payload comes out of the channel.
fn events(port: u16) -> mpsc::Receiver<serde_json::Value> {
    let (tx, rx) = mpsc::channel();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                if tx.send(serde_json::from_str(data).unwrap()).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

#[test]
fn serves_pages_and_rebuilds_after_an_edit() {
    let server = Server::start(SiteTest::fixture("minimal"), &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200, "{home:?}");
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("Oman approves budget for 2024"));
    assert!(home.body.contains("/__gazette/events"), "no reload script");

    let article = server.get(ARTICLE_URL);
    assert_eq!(article.status, 200);
    // Canonical links name the served origin, not site.yaml's.
    let origin = format!("http://127.0.0.1:{}/", server.port);
    // (tera escapes `/` in attributes as `&#x2F;`)
    let unescaped = article.body.replace("&#x2F;", "/");
    assert!(
        unescaped.contains(&format!("href=\"{origin}")),
        "{unescaped}"
    );

    let css = server.get("/css/gazette.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));

    // Temporary redirects only: a browser would keep a 301 after the preview is gone.
    let folder = server.get("/regions/gulf");
    assert_eq!(folder.status, 307);
    assert_eq!(folder.header("location"), Some("/regions/gulf/"));

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("</html>"), "not the site's 404 page");

    // Edit the article; the new title is served within the bounded wait (the slug comes
    // from the title, so the article moves; the home page lists it).
    let text = server.site.read(ARTICLE);
    let start = Instant::now();
    server.site.save(
        ARTICLE,
        &text.replace(
            "title: Oman approves budget for 2024",
            "title: Oman budget revised",
        ),
    );
    server.wait_for("the edited title", || {
        server.get("/").body.contains("Oman budget revised")
    });
    eprintln!("edit served after {} ms", start.elapsed().as_millis());
    assert_eq!(server.get("/2024/02/oman-budget-revised/").status, 200);
    assert_eq!(server.get(ARTICLE_URL).status, 404);
    let mut printed = Vec::new();
    server.wait_for("the rebuild message", || {
        printed.extend(server.output.try_iter());
        printed
            .iter()
            .any(|l| l.starts_with("Rebuilt after a change to content in "))
    });

    // serve never writes the publish output.
    assert!(!server.site.root().join("public").exists());
}

#[test]
fn an_edit_to_an_arabic_article_rebuilds_the_arabic_edition() {
    let site = SiteTest::fixture("rtl_arabic");
    site.add_languages(&[("en", "English"), ("ar", "العربية")]);
    // The English story links to the Arabic one, across editions.
    let english = "content/middle-east/2024-02-06-jordan-water.md";
    let text = site.read(english);
    site.write(
        english,
        &format!("{text}\nSee [Muscat](@/gulf/2024-02-06-muscat-crafts.md).\n"),
    );
    let server = Server::start(site, &[]);
    let page = server.get("/ar/2024/02/muscat-crafts/");
    assert_eq!(page.status, 200, "{page:?}");
    assert!(page.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(server.get("/ar/").body.contains("مسقط تستضيف معرضاً"));
    // The Arabic article is in the Arabic edition only.
    assert_eq!(server.get("/2024/02/muscat-crafts/").status, 404);

    let arabic = "content/gulf/2024-02-06-muscat-crafts.md";
    let text = server.site.read(arabic);
    server.site.save(
        arabic,
        &text
            .replace("مسقط تستضيف معرضاً", "مسقط تفتتح معرضاً")
            .replace("والنسيج والفضيات", "والنسيج والفضيات والخناجر"),
    );
    server.wait_for("the edited Arabic title on /ar/", || {
        server.get("/ar/").body.contains("مسقط تفتتح معرضاً")
    });
    let page = server.get("/ar/2024/02/muscat-crafts/");
    assert!(page.body.contains("والخناجر"), "{}", page.body);
    let feed = server.get("/ar/atom.xml");
    assert!(feed.body.contains("مسقط تفتتح معرضاً"), "{}", feed.body);
    // The English root is untouched by it.
    assert!(!server.get("/").body.contains("مسقط"));

    // An edit to the English story keeps its link to the Arabic edition's page.
    let url = "/2024/02/jordan-launches-campaign-to-cut-water-losses/";
    let text = server.site.read(english);
    server.site.save(
        english,
        &text.replace("See [Muscat]", "Read about [Muscat]"),
    );
    server.wait_for("the edited English story", || {
        server.get(url).body.contains("Read about")
    });
    let page = server.get(url).body;
    assert!(
        page.contains("href=\"../../../ar/2024/02/muscat-crafts/\">Muscat</a>"),
        "{page}"
    );
    assert_eq!(server.get("/ar/2024/02/muscat-crafts/").status, 200);
}

#[test]
fn requests_outside_the_site_get_404() {
    let server = Server::start(SiteTest::fixture("minimal"), &[]);
    for path in [
        "/../Cargo.toml",
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/css/../../site.yaml",
        "/css/%2e%2e/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/..%5csite.yaml",
        "/..\\site.yaml",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/.gazette-serve/site/index.html",
        "/content/gulf/2024-02-06-oman-budget.md",
        "/site.yaml",
        "/index.html%00.css",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}: {}", response.head);
        assert!(
            !response.body.contains("base_url"),
            "{path} leaked site.yaml"
        );
        assert!(
            !response.body.contains("region: gulf"),
            "{path} leaked content"
        );
    }
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_reports_the_error() {
    let server = Server::start(SiteTest::fixture("minimal"), &[]);
    let stream = events(server.port);
    let first = stream
        .recv_timeout(WAIT)
        .expect("the current state on connect");
    assert!(first["error"].is_null(), "{first}");
    let good_build = first["build"].as_str().unwrap().to_string();

    let text = server.site.read(ARTICLE);
    server.site.save(
        ARTICLE,
        &text.replace("date: 2024-02-06", "date: 2024-13-45"),
    );
    let broken = stream
        .recv_timeout(WAIT)
        .expect("an event after the broken edit");
    let error = broken["error"].as_str().expect("an error message");
    assert!(
        error.starts_with("content/gulf/2024-02-06-oman-budget.md:3: invalid date \"2024-13-45\""),
        "{error}"
    );
    // The page of the last good build is still served, and says which build it is.
    let page = server.get(ARTICLE_URL);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Oman approves budget for 2024"));
    assert!(page.body.contains(&good_build));
    assert_eq!(broken["build"], good_build.as_str());

    // Fixing it clears the error with a new build.
    server.site.save(ARTICLE, &text);
    let fixed = stream.recv_timeout(WAIT).expect("an event after the fix");
    assert!(fixed["error"].is_null(), "{fixed}");
    assert_ne!(fixed["build"], good_build.as_str());
}

/// One save is one update, even when the editor's save spans several file-system events a
/// few milliseconds apart (issue 12: the debouncer reported such a file twice, still
/// changing and then settled, and serve rendered it twice; on a large site the second
/// update held back the next edit by ~0.5 s).
#[test]
fn one_save_is_one_update() {
    let server = Server::start(SiteTest::fixture("minimal"), &[]);
    let stream = events(server.port);
    stream
        .recv_timeout(WAIT)
        .expect("the current state on connect");
    let text = server.site.read(ARTICLE);
    let path = server.site.root().join(ARTICLE);
    for attempt in 0..5 {
        // A body edit (the page stays where it is: an incremental update), written in
        // place twice, 10 ms apart, as some editors do.
        let edited = format!("{text}\nA closing paragraph, version {attempt}.\n");
        let start = Instant::now();
        std::fs::write(&path, &edited).unwrap();
        std::thread::sleep(Duration::from_millis(10));
        std::fs::write(&path, &edited).unwrap();
        let span = start.elapsed();
        let first = stream.recv_timeout(WAIT).expect("an event after the save");
        assert!(first["error"].is_null(), "{first}");
        if span > Duration::from_millis(25) {
            // Kept off the CPU between the writes for about the debounce time: two saves
            // as far as any watcher can tell. Let them settle and try again.
            eprintln!("attempt {attempt}: the writes took {span:?}, again");
            while stream.recv_timeout(Duration::from_secs(2)).is_ok() {}
            continue;
        }
        // Nothing else changes, so no further event may come.
        if let Ok(second) = stream.recv_timeout(Duration::from_secs(2)) {
            panic!("one save was rendered twice: {first} then {second}");
        }
        return;
    }
    panic!("the machine was too busy to write a file twice within 25 ms, 5 times");
}

#[test]
fn sub_path_sites_are_served_under_their_path() {
    let server = Server::start(SiteTest::fixture("sub_path_base_url"), &[]);
    // A temporary redirect: browsers keep a 301 for good, and would still send `/` to
    // /digest/ after another site is served on this port.
    let root = server.get("/");
    assert_eq!(root.status, 307, "{root:?}");
    assert_eq!(root.header("cache-control"), Some("no-store"));
    assert_eq!(root.header("location"), Some("/digest/"));
    let home = server.get("/digest/");
    assert_eq!(home.status, 200);
    let canonical = format!("http://127.0.0.1:{}/digest/", server.port);
    let unescaped = home.body.replace("&#x2F;", "/");
    assert!(unescaped.contains(&canonical), "{unescaped}");
    assert_eq!(server.get("/regions/").status, 404);
    assert_eq!(server.get("/digest/regions/").status, 200);
}

/// A minimal WebDriver client (chromedriver speaks JSON over HTTP).
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: tempfile::TempDir,
}

impl Browser {
    /// Chromium under chromedriver, headless; `None` (with a message) when either is absent
    /// and `CI` is not set, a failure when it is.
    fn start() -> Option<Browser> {
        let find = |names: &[&str]| {
            names.iter().find_map(|name| {
                std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                    .map(|dir| dir.join(name))
                    .find(|path| path.is_file())
            })
        };
        let chromium = find(&["chromium", "chromium-browser", "google-chrome"]);
        let driver = find(&["chromedriver"]);
        let (Some(chromium), Some(driver)) = (chromium.clone(), driver.clone()) else {
            // Skips locally; fails under CI, which must install them.
            common::tool_present(
                &format!(
                    "chromium and chromedriver on PATH (Debian packages chromium and \
                     chromium-driver; found chromium={chromium:?} chromedriver={driver:?})"
                ),
                false,
            );
            return None;
        };
        let port = free_port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            profile,
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < WAIT, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", browser.profile.path().display()),
        ];
        let capabilities = serde_json::json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": { "binary": chromium, "args": args }
            }}
        });
        let session = browser.call("POST", "/session", Some(capabilities));
        browser.session = session["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {session}"))
            .to_string();
        Some(browser)
    }

    /// One WebDriver command; returns its `value`.
    fn call(&self, method: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("chromedriver");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        // chromedriver wants HTTP/1.1; it answers with a Content-Length.
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut length = 0;
        let mut text = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("chromedriver reply");
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap();
                }
            }
            text.push_str(&line);
            if line.trim().is_empty() {
                break;
            }
        }
        let mut json = vec![0; length];
        reader.read_exact(&mut json).expect("chromedriver body");
        let json = String::from_utf8(json).unwrap();
        let reply: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"));
        if reply["value"]["error"].is_string() {
            panic!("{method} {path}: {}", reply["value"]);
        }
        reply["value"].clone()
    }

    fn session_call(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn script(&self, script: &str) -> serde_json::Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(serde_json::json!({ "script": script, "args": [] })),
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            // Closes Chromium; killing chromedriver alone could leave it running.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.call("DELETE", &format!("/session/{}", self.session), None)
            }));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn browser_page_reloads_itself_after_an_edit() {
    let site = SiteTest::fixture("minimal");
    // A fixed slug, so a new title keeps the page at the same URL.
    let text = site.read(ARTICLE).replace(
        "tags: [economy, oman]\n",
        "tags: [economy, oman]\nslug: oman-budget\n",
    );
    site.write(ARTICLE, &text);
    let server = Server::start(site, &[]);
    let Some(browser) = Browser::start() else {
        return;
    };
    let url = format!("http://127.0.0.1:{}/2024/02/oman-budget/", server.port);
    browser.session_call("POST", "/url", Some(serde_json::json!({ "url": url })));
    let title = || browser.session_call("GET", "/title", None);
    assert_eq!(title(), "Oman approves budget for 2024 — Fixture Gazette");
    // Survives only as long as this page is not reloaded.
    browser.script("window.__gazetteTestMarker = 1;");
    let marker = || browser.script("return window.__gazetteTestMarker === 1;");
    let overlay = || {
        browser.script(
            "const box = document.getElementById('gazette-build-error'); return box ? box.textContent : null;",
        )
    };
    // No need to wait for the page's event stream: on connecting it gets the current
    // state, and the page knows its own build, so an early edit is not missed.
    // A broken edit: the error appears over the page, which is not reloaded.
    server.site.save(
        ARTICLE,
        &text.replace("date: 2024-02-06", "date: 2024-13-45"),
    );
    server.wait_for("the error overlay", || overlay().is_string());
    let shown = overlay();
    assert!(
        shown
            .as_str()
            .unwrap()
            .contains("content/gulf/2024-02-06-oman-budget.md:3: invalid date"),
        "{shown}"
    );
    assert_eq!(marker(), true, "the page reloaded on a failed build");

    // The fix with a new title: the page reloads by itself and shows it.
    let start = Instant::now();
    server.site.save(
        ARTICLE,
        &text.replace(
            "title: Oman approves budget for 2024",
            "title: Oman budget revised",
        ),
    );
    server.wait_for("the new title in the browser", || {
        title() == "Oman budget revised — Fixture Gazette"
    });
    eprintln!(
        "browser showed the edit after {} ms",
        start.elapsed().as_millis()
    );
    assert_eq!(marker(), false, "the page was not reloaded");
    assert!(overlay().is_null(), "the overlay stayed after the fix");
}

/// Under CI (`CI` set, as `.ci/run` does) the browser test must fail, not skip, when
/// chromium or chromedriver is missing: run it in a child test process whose PATH holds
/// neither.
#[test]
fn browser_test_fails_under_ci_without_a_browser() {
    let empty = tempfile::tempdir().unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "browser_page_reloads_itself_after_an_edit",
            "--test-threads=1",
        ])
        .env("CI", "true")
        .env("PATH", empty.path())
        .output()
        .expect("run the test binary");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !output.status.success(),
        "passed without a browser under CI:\n{printed}"
    );
    assert!(printed.contains("missing under CI"), "{printed}");
}

//! Distribution (issue 9), as a new user meets it: `cargo install` the binary, `gazette
//! init` a site in an empty folder far from this repository (no themes/, no gazetteer
//! file), then `check`, `build` and `import` with the installed binary; theme overrides
//! on top of the embedded default theme; `init` refusing a non-empty folder; shell
//! completions, the man page and `--version`.
//!
//! The binary is really installed, once per run: `cargo install --path <repo> --root
//! <target tmp>/install-root --offline --locked --debug --force` with CARGO_TARGET_DIR set
//! to this build's own target folder, so it reuses the artifacts `cargo test` has just
//! built (a second or two: at most a relink) and needs no network. Every test runs that
//! installed copy with a scrubbed environment and its working directory in the site.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The target folder that `cargo test` built into (…/target from …/target/debug/gazette).
fn target_dir() -> PathBuf {
    let exe = Path::new(env!("CARGO_BIN_EXE_gazette"));
    exe.parent()
        .and_then(Path::parent)
        .expect("the test binary lives in <target>/<profile>/")
        .to_path_buf()
}

/// `cargo install` the crate once into a root under the target's tmp folder; returns the
/// installed binary.
fn installed() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("install-root");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .args(["install", "--path", env!("CARGO_MANIFEST_DIR"), "--root"])
            .arg(&root)
            .args(["--offline", "--locked", "--debug", "--force", "--quiet"])
            .env_clear()
            .env("CARGO_TARGET_DIR", target_dir());
        // Only what cargo needs to find itself and its registry cache (and the same
        // flags as this build, so its artifacts stay fresh).
        for key in [
            "PATH",
            "HOME",
            "CARGO_HOME",
            "RUSTUP_HOME",
            "RUSTUP_TOOLCHAIN",
            "RUSTFLAGS",
        ] {
            if let Some(value) = std::env::var_os(key) {
                command.env(key, value);
            }
        }
        let output = command.output().expect("cannot run cargo install");
        assert!(
            output.status.success(),
            "cargo install failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let binary = root
            .join("bin")
            .join(format!("gazette{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.is_file(), "{} was not installed", binary.display());
        binary
    })
}

struct Run {
    output: Output,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    #[track_caller]
    fn success(self) -> Self {
        assert!(
            self.output.status.success(),
            "expected success, got {:?}\nstdout:\n{}\nstderr:\n{}",
            self.output.status.code(),
            self.stdout(),
            self.stderr()
        );
        self
    }
    #[track_caller]
    fn failure(self) -> Self {
        assert_eq!(
            self.output.status.code(),
            Some(1),
            "expected exit 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// Run the installed gazette in `cwd` with nothing from this environment but a PATH
/// (bat's tests scrub it the same way): no CARGO_* variables, no HOME with our config.
fn gazette(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(installed())
        .args(args)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", cwd)
        .output()
        .expect("cannot run the installed gazette");
    Run { output }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fresh empty folder outside the repository, with a site-like name.
fn empty_parent() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("gazette-distribution-")
        .tempdir()
        .unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .unwrap();
    assert!(
        !dir.path().canonicalize().unwrap().starts_with(&repo),
        "the temp folder must be outside the repository"
    );
    dir
}

/// `gazette init harbour-news` in a new temp folder; returns (parent, site).
fn init_site(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let parent = empty_parent();
    let mut args = vec!["init", "harbour-news"];
    args.extend_from_slice(extra);
    let run = gazette(parent.path(), &args).success();
    let site = parent.path().join("harbour-news");
    // It names what it wrote and what to do next.
    let out = run.stdout();
    for expected in [
        "site.yaml",
        "example.md",
        ".gitignore",
        "pages.yml",
        "Next steps",
        "gazette serve",
    ] {
        assert!(out.contains(expected), "{expected:?} not in:\n{out}");
    }
    assert!(
        !site.join("themes").exists(),
        "init must not copy the theme"
    );
    (parent, site)
}

/// Every `index.html` of an article page (`<year>/<month>/<slug>/index.html`).
fn article_pages(public: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| {
            let rel = p.strip_prefix(public).unwrap();
            let parts: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
            parts.len() == 4
                && parts[0].len() == 4
                && parts[0].chars().all(|c| c.is_ascii_digit())
                && parts[1].chars().all(|c| c.is_ascii_digit())
                && parts[3] == "index.html"
        })
        .collect()
}

fn select<'a>(html: &'a scraper::Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&scraper::Selector::parse(selector).unwrap())
        .collect()
}

#[test]
fn installed_binary_inits_checks_and_builds_a_site_anywhere() {
    let (_parent, site) = init_site(&[]);
    let base = "https://example.github.io/harbour-news/";
    assert!(read(&site.join("site.yaml")).contains(&format!("base_url: \"{base}\"")));
    assert!(read(&site.join("site.yaml")).contains("title: \"Harbour News\""));
    let today = chrono::Utc::now().date_naive();
    let example = read(&site.join("content/world/example.md"));
    // Today, or yesterday if the test straddled midnight UTC.
    assert!(
        example.contains(&format!("date: {today}"))
            || example.contains(&format!("date: {}", today.pred_opt().unwrap())),
        "{example}"
    );

    let check = gazette(&site, &["check"]).success();
    assert!(check.stdout().contains("no problems"), "{}", check.stdout());
    gazette(&site, &["build"]).success();
    let public = site.join("public");

    // The example article has its page, with the embedded theme's layout and assets.
    let pages = article_pages(&public);
    assert_eq!(pages.len(), 1, "{pages:?}");
    let article = scraper::Html::parse_document(&read(&pages[0]));
    let h1: Vec<String> = select(&article, "h1")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert!(
        h1.iter().any(|t| t.contains("Welcome to Harbour News")),
        "{h1:?}"
    );
    let slug_dir = pages[0].parent().unwrap();
    let rel = slug_dir.strip_prefix(&public).unwrap();
    let rel = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let permalink = format!("{base}{rel}/");
    let canonical = select(&article, r#"link[rel="canonical"]"#);
    assert_eq!(canonical[0].value().attr("href"), Some(permalink.as_str()));
    for stylesheet in select(&article, r#"link[rel="stylesheet"]"#) {
        let href = stylesheet.value().attr("href").unwrap();
        let file = slug_dir.join(href.split(['?', '#']).next().unwrap());
        assert!(
            file.is_file(),
            "stylesheet {href} is missing from the output"
        );
    }
    assert!(public.join("favicon.svg").is_file());

    // The home page links to it.
    let index = scraper::Html::parse_document(&read(&public.join("index.html")));
    let title: String = select(&index, "title")[0].text().collect();
    assert!(title.contains("Harbour News"), "{title}");
    assert!(
        select(&index, "a[href]").iter().any(|a| a
            .value()
            .attr("href")
            .unwrap()
            .ends_with(&format!("{rel}/"))),
        "index.html does not link to {rel}/"
    );

    // The feed and the sitemap name it by its absolute URL.
    let feed = feed_rs::parser::parse(read(&public.join("atom.xml")).as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 1);
    let entry = &feed.entries[0];
    assert_eq!(
        entry.title.as_ref().unwrap().content,
        "Welcome to Harbour News"
    );
    assert!(entry.links.iter().any(|l| l.href == permalink));
    let sitemap_text = read(&public.join("sitemap.xml"));
    let sitemap = roxmltree::Document::parse(&sitemap_text).unwrap();
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&base), "{locs:?}");
    assert!(locs.contains(&permalink.as_str()), "{locs:?}");
    assert!(locs.iter().all(|l| l.starts_with(base)), "{locs:?}");
}

#[test]
fn installed_binary_imports_with_the_embedded_gazetteer() {
    let (_parent, site) = init_site(&[]);
    // Test input only: the binary itself reads nothing from the repository.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("raw/000_4f5add8575dba016.txt");
    std::fs::copy(&seed, site.join("raw/iraq.txt")).unwrap();
    let run = gazette(&site, &["import", "raw/"]).success();
    // The seed holds two stories: regions and country tags come from the gazetteer.
    assert!(run.stdout().contains("2 written"), "{}", run.stdout());
    for (region, country) in [("middle-east", "iraq"), ("north-africa", "tunisia")] {
        let written: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content").join(region))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        assert_eq!(written.len(), 1, "{region}:\n{}", run.stdout());
        let text = read(&written[0]);
        assert!(text.contains(&format!("region: {region}")), "{text}");
        assert!(text.contains(country), "{text}");
    }
    gazette(&site, &["check"]).success();
    gazette(&site, &["build"]).success();
    assert_eq!(article_pages(&site.join("public")).len(), 3);
}

#[test]
fn init_takes_title_and_base_url() {
    let (_parent, site) = init_site(&[
        "--title",
        "Le \"Quotidien\" de Tunis",
        "--base-url",
        "https://desk.github.io/tunis/",
    ]);
    let yaml = read(&site.join("site.yaml"));
    assert!(
        yaml.contains(r#"title: "Le \"Quotidien\" de Tunis""#),
        "{yaml}"
    );
    assert!(yaml.contains(r#"base_url: "https://desk.github.io/tunis/""#));
    gazette(&site, &["build"]).success();
    let index = scraper::Html::parse_document(&read(&site.join("public/index.html")));
    let title: String = select(&index, "title")[0].text().collect();
    assert!(title.contains("Le \"Quotidien\" de Tunis"), "{title}");
    let canonical = select(&index, r#"link[rel="canonical"]"#);
    assert_eq!(
        canonical[0].value().attr("href"),
        Some("https://desk.github.io/tunis/")
    );
    // A bad base URL is refused before anything is written.
    let parent = empty_parent();
    let run = gazette(parent.path(), &["init", "x", "--base-url", "not a url"]).failure();
    assert!(run.stderr().contains("--base-url"), "{}", run.stderr());
    assert!(!parent.path().join("x/site.yaml").exists());
}

#[test]
fn init_refuses_a_non_empty_folder_unless_forced() {
    let parent = empty_parent();
    let dir = parent.path().join("desk");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "keep me").unwrap();

    let run = gazette(parent.path(), &["init", "desk"]).failure();
    let err = run.stderr();
    assert!(
        err.contains("desk is not empty") && err.contains("--force"),
        "{err}"
    );
    assert!(!dir.join("site.yaml").exists(), "nothing may be written");

    gazette(parent.path(), &["init", "desk", "--force"]).success();
    assert_eq!(read(&dir.join("notes.txt")), "keep me");
    assert!(dir.join("site.yaml").is_file());
    gazette(&dir, &["check"]).success();

    // `.` is the current folder, and its name gives the defaults.
    let here = parent.path().join("gulf-wire");
    std::fs::create_dir(&here).unwrap();
    gazette(&here, &["init", "."]).success();
    let yaml = read(&here.join("site.yaml"));
    assert!(yaml.contains("title: \"Gulf Wire\""), "{yaml}");
    assert!(
        yaml.contains("https://example.github.io/gulf-wire/"),
        "{yaml}"
    );
}

#[test]
fn a_site_template_overrides_the_embedded_one_file_by_file() {
    let (_parent, site) = init_site(&[]);
    std::fs::create_dir(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/article.html"),
        "{% extends \"base.html\" %}{% block content %}<p id=\"site-override\">{{ article.title }}</p>{% endblock content %}",
    )
    .unwrap();
    gazette(&site, &["build"]).success();
    let public = site.join("public");
    let page = read(&article_pages(&public)[0]);
    assert!(
        page.contains(r#"<p id="site-override">Welcome to Harbour News</p>"#),
        "{page}"
    );
    // Everything else still comes from the embedded theme: base.html around the
    // override, the other pages and the static files.
    let html = scraper::Html::parse_document(&page);
    assert!(!select(&html, r#"link[rel="stylesheet"]"#).is_empty());
    assert!(!select(&html, "header").is_empty(), "base.html is embedded");
    let index = read(&public.join("index.html"));
    assert!(index.contains("Welcome to Harbour News"));
    assert!(!index.contains("site-override"));
    assert!(public.join("favicon.svg").is_file());
}

#[test]
fn a_partial_theme_folder_is_an_error_but_a_partial_default_falls_back() {
    // A named theme must be complete: it is never silently mixed with the built-in one.
    let (_parent, site) = init_site(&[]);
    let theme = site.join("themes/plain/templates");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("base.html"),
        "<html><body>{% block content %}{% endblock content %}</body></html>",
    )
    .unwrap();
    std::fs::write(
        theme.join("article.html"),
        "{% extends \"base.html\" %}{% block content %}plain{% endblock content %}",
    )
    .unwrap();
    let yaml = read(&site.join("site.yaml")).replace("theme: default", "theme: plain");
    std::fs::write(site.join("site.yaml"), yaml).unwrap();
    let run = gazette(&site, &["build"]).failure();
    let err = run.stderr();
    assert!(
        err.contains("theme \"plain\" has no template") && err.contains("themes/plain/templates/"),
        "{err}"
    );
    assert!(!site.join("public").exists(), "nothing is written");

    // themes/default/ on disk overrides the built-in default theme file by file.
    let (_parent, site) = init_site(&[]);
    let theme = site.join("themes/default/templates");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("article.html"),
        "{% extends \"base.html\" %}{% block content %}<p id=\"theme-override\"></p>{% endblock content %}",
    )
    .unwrap();
    gazette(&site, &["build"]).success();
    let public = site.join("public");
    assert!(read(&article_pages(&public)[0]).contains("theme-override"));
    assert!(read(&public.join("index.html")).contains("Welcome to Harbour News"));
}

#[test]
fn completions_name_every_subcommand() {
    let dir = empty_parent();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = gazette(dir.path(), &["completions", shell])
            .success()
            .stdout();
        assert!(script.len() > 500, "{shell}: {script}");
        for sub in [
            "build",
            "import",
            "check",
            "new",
            "serve",
            "init",
            "completions",
            "man",
        ] {
            assert!(script.contains(sub), "{shell} completions lack {sub}");
        }
        // fish spells a long flag `-l base-url`.
        assert!(
            script.contains("base-url"),
            "{shell} completions lack flags"
        );
    }
    let run = gazette(dir.path(), &["completions", "tcsh"]);
    // A usage error exits 1 like every other error (not clap's default 2).
    assert_eq!(run.output.status.code(), Some(1), "usage error");
}

#[test]
fn man_page_is_roff() {
    let dir = empty_parent();
    let page = gazette(dir.path(), &["man"]).success().stdout();
    assert!(page.contains(".TH gazette 1"), "{page}");
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    for sub in ["build", "import", "init", "completions"] {
        assert!(page.contains(sub), "gazette(1) lacks {sub}");
    }
    let build = gazette(dir.path(), &["man", "build"]).success().stdout();
    assert!(build.contains(".TH gazette\\-build 1") || build.contains(".TH gazette-build 1"));
    assert!(build.contains("base\\-url") || build.contains("base-url"));
    let run = gazette(dir.path(), &["man", "nope"]).failure();
    assert!(run.stderr().contains("expected one of"), "{}", run.stderr());
}

#[test]
fn version_names_the_commit() {
    let dir = empty_parent();
    let version = gazette(dir.path(), &["--version"]).success().stdout();
    let rest = version
        .trim()
        .strip_prefix(concat!("gazette ", env!("CARGO_PKG_VERSION"), " ("))
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("unexpected --version: {version}"));
    // Built from a git clone (as here and in CI): the abbreviated commit hash.
    if Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() {
        assert!(
            rest.len() >= 7 && rest.chars().all(|c| c.is_ascii_hexdigit()),
            "not a commit: {rest:?}"
        );
    }
}

//! `SiteTest`: copy a fixture site into a temp dir, run the real `gazette` binary on it
//! with a scrubbed environment, and read the output back (after mdBook's `BookTest`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }
    #[track_caller]
    pub fn expect_success(&self) -> &Self {
        assert!(
            self.output.status.success(),
            "expected success, got {:?}\nstdout:\n{}\nstderr:\n{}",
            self.code(),
            self.stdout(),
            self.stderr()
        );
        self
    }
    #[track_caller]
    pub fn expect_failure(&self) -> &Self {
        assert_eq!(
            self.code(),
            Some(1),
            "expected exit 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

impl SiteTest {
    /// A temp copy of `tests/fixtures/sites/<case>`.
    pub fn fixture(case: &str) -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(case), dir.path());
        SiteTest { dir }
    }

    /// A temp copy of the repository's own site (site.yaml, content/, themes/).
    pub fn bundled() -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
        for sub in ["content", "themes"] {
            copy_dir(&repo.join(sub), &dir.path().join(sub));
        }
        SiteTest { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Run `gazette ARGS` with `--root` pointing at the site for commands that take it.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in env {
            command.env(k, v);
        }
        command.args(args);
        if matches!(args.first(), Some(&"build") | Some(&"check")) && !args.contains(&"--root") {
            command.arg("--root").arg(self.root());
        }
        Run {
            output: command.output().expect("run gazette"),
        }
    }

    pub fn build(&self) -> Run {
        let run = self.run(&["build", "--now", "2024-06-01T00:00:00Z"]);
        run.expect_success();
        run
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.root().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Append a `languages:` list to site.yaml, one entry per `(code, name)`, the
    /// default language first.
    pub fn add_languages(&self, languages: &[(&str, &str)]) {
        let mut yaml = self.read("site.yaml");
        yaml.push_str("languages:\n");
        for (code, name) in languages {
            yaml.push_str(&format!("  - code: {code}\n    name: {name}\n"));
        }
        self.write("site.yaml", &yaml);
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replace `rel` as many editors save: write a hidden temporary file beside it, then
    /// rename it over the old one. A watcher (serve) never sees the file empty or half
    /// written, however long the writer is kept off the CPU between its writes.
    pub fn save(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let temp = path.with_file_name(format!(".{name}.saving"));
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, &path).unwrap();
    }
}

/// Every file under `dir` with its bytes, by relative path: for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A static file server (python's) on a free loopback port, killed when dropped: the
/// browser tests use it rather than gazette's own `serve`.
pub struct StaticServer(std::process::Child);

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Serve `dir` on 127.0.0.1; returns the server and its port once it answers.
pub fn serve_static(dir: &Path) -> (StaticServer, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("python3")
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (StaticServer(child), port)
}

/// Whether an external tool the test needs is here. Locally its absence skips the test
/// with a message; under CI (`CI` set, as `.ci/run` does) it is a failure.
pub fn tool_present(what: &str, present: bool) -> bool {
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} missing under CI: .ci/run must install it"
        );
        eprintln!("SKIPPED: {what} not installed (run .ci/run or `npm ci --prefix tests/browser`)");
    }
    present
}

/// Whether `program arg` runs and succeeds (e.g. `node --version`).
pub fn command_works(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// tests/browser: the npm tools (axe-core, playwright-core, vnu-jar) and scripts.
pub fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Run `node tests/browser/SCRIPT ARGS…`, which prints one JSON document; fails the test
/// with node's stderr when the script fails.
pub fn node_json<I, A>(script: &str, args: I) -> serde_json::Value
where
    I: IntoIterator<Item = A>,
    A: AsRef<std::ffi::OsStr>,
{
    let output = Command::new("node")
        .arg(browser_dir().join(script))
        .args(args)
        .output()
        .expect("node");
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{script} printed no JSON: {e}"))
}

//! Publishing (docs/publishing.md). What `gazette build` tells the person publishing: on
//! a site under a sub-path (`https://user.github.io/repo/`), robots.txt is still written,
//! and the summary says that crawlers will not read it there.
//!
//! And the workflows that publish (issue 18): the Pages workflow that `gazette init`
//! writes installs exactly the gazette release that wrote it (its binary, checked against
//! the release's SHA256SUMS, cached by version), from the repository named in Cargo.toml;
//! it and the repository's own workflows pin every action to a full commit, keep no
//! credentials, grant each job only its permissions and expand no `${{ }}` inside a
//! shell; actionlint and zizmor find nothing in the written workflow, and shellcheck
//! nothing in action.yml's scripts. The linters come from PyPI (.ci/run installs them):
//! without them these tests print SKIPPED, and fail under CI.

mod common;

use common::{command_works, copy_dir, snapshot, tool_present, SiteTest};
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn a_sub_path_build_says_where_robots_txt_goes() {
    let site = SiteTest::fixture("sub_path_base_url");
    let stdout = site.build().stdout();
    let notes: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("robots.txt"))
        .collect();
    assert_eq!(notes.len(), 1, "{stdout}");
    let note = notes[0];
    assert!(
        note.starts_with("note: robots.txt is at /digest/robots.txt"),
        "{note}"
    );
    assert!(
        note.contains("crawlers read it only at the host's root"),
        "{note}"
    );
    assert!(note.contains("sitemap.xml"), "{note}");
    // The file is still written, naming the absolute sitemaps.
    let robots = site.read("public/robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.github.io/digest/sitemap.xml"),
        "{robots}"
    );

    // Built at the host's root instead, there is nothing to say.
    let run = site.run(&[
        "build",
        "--now",
        "2024-06-01T00:00:00Z",
        "--base-url",
        "https://news.example.org/",
    ]);
    run.expect_success();
    assert!(!run.stdout().contains("robots.txt"), "{}", run.stdout());
    // --quiet prints nothing at all.
    let run = site.run(&["build", "--quiet", "--now", "2024-06-02T00:00:00Z"]);
    run.expect_success();
    assert_eq!(run.stdout(), "");
}

/// `gazette init harbour-news` in a new temp folder; returns the folder and the site.
fn init_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("harbour-news");
    let output = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (dir, site)
}

const INIT_WORKFLOW: &str = ".github/workflows/pages.yml";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The repository's workflows, then action.yml.
fn repository_workflows() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "{paths:?}");
    paths.push(repo().join("action.yml"));
    paths
}

/// Every step of every job (of a workflow) or of `runs` (of an action).
fn steps(doc: &serde_yaml::Value) -> Vec<&serde_yaml::Value> {
    let mut all = Vec::new();
    if let Some(jobs) = doc["jobs"].as_mapping() {
        for job in jobs.values() {
            all.extend(job["steps"].as_sequence().into_iter().flatten());
        }
    }
    all.extend(doc["runs"]["steps"].as_sequence().into_iter().flatten());
    all
}

/// Run a linter in `dir`: whether it succeeded, and all it printed.
fn lint(program: &str, args: &[&str], dir: &Path) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn the_init_workflow_passes_actionlint_and_zizmor() {
    let (_dir, site) = init_site();
    if tool_present("actionlint", command_works("actionlint", "--version")) {
        // With shellcheck on the PATH, actionlint also checks every `run:` script.
        let (ok, out) = lint("actionlint", &["-no-color", INIT_WORKFLOW], &site);
        assert!(ok && out.trim().is_empty(), "actionlint:\n{out}");
    }
    if tool_present("zizmor", command_works("zizmor", "--version")) {
        let (ok, out) = lint("zizmor", &["--offline", INIT_WORKFLOW], &site);
        assert!(ok && out.contains("No findings"), "zizmor:\n{out}");
    }
}

#[test]
fn the_init_workflow_installs_the_gazette_that_wrote_it() {
    let (_dir, site) = init_site();
    let path = site.join(INIT_WORKFLOW);
    let text = read(&path);
    let workflow = yaml(&path);
    let version = env!("CARGO_PKG_VERSION");
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert_eq!(workflow["env"]["GAZETTE_VERSION"], version, "{text}");
    assert_eq!(workflow["env"]["GAZETTE_REPOSITORY"], repository, "{text}");
    assert!(text.contains(&format!("gazette {version} wrote this file")));
    // Nothing is left to fill in, and the only address is the project's own repository.
    assert!(!text.replace("${{", "").contains("{{"), "{text}");
    for (at, _) in text.match_indices("://") {
        let start = text[..at].rfind(['"', ' ']).map_or(0, |i| i + 1);
        assert!(
            text[start..].starts_with(repository),
            "an address that is not {repository}: {}",
            &text[start..text[at..].find(['"', '\n']).map_or(text.len(), |e| at + e)]
        );
    }
    assert!(!text.contains("cargo install"), "{text}");

    // Cached by version: an hourly run restores the binary and installs nothing.
    let steps = steps(&workflow);
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("an actions/cache step");
    let key = cache["with"]["key"].as_str().unwrap();
    assert!(key.contains("${{ env.GAZETTE_VERSION }}"), "{key}");
    assert_eq!(cache["with"]["path"], "~/.gazette/bin");
    let install = steps
        .iter()
        .find(|s| s["name"] == "Install gazette")
        .unwrap();
    assert_eq!(install["if"], "steps.cache.outputs.cache-hit != 'true'");
    let script = install["run"].as_str().unwrap();
    assert!(script.contains("sha256sum --check"), "{script}");
}

/// The workflow's install and version steps, run by bash as a runner would, with `curl`
/// replaced by a stand-in that serves a local copy of a release (this build's gazette in
/// the archive the release workflow makes, and its SHA256SUMS). A checksum that does not
/// match stops the install and leaves nothing installed.
#[cfg(unix)]
#[test]
fn the_init_workflow_install_step_verifies_and_installs_the_release() {
    if !tool_present(
        "sha256sum and tar",
        command_works("sha256sum", "--version") && command_works("tar", "--version"),
    ) {
        return;
    }
    let (dir, site) = init_site();
    let workflow = yaml(&site.join(INIT_WORKFLOW));
    let steps = steps(&workflow);
    let script = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .and_then(|s| s["run"].as_str())
            .unwrap_or_else(|| panic!("no step {name:?}"))
            .to_string()
    };
    let install = script("Install gazette");
    let check_version = script("The gazette that wrote this workflow");

    let version = env!("CARGO_PKG_VERSION");
    let repository = env!("CARGO_PKG_REPOSITORY");
    let root = dir.path();
    let releases = root.join("releases");
    let release = releases.join(format!("v{version}"));
    std::fs::create_dir_all(&release).unwrap();
    let staging = root.join("staging");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_gazette"), staging.join("gazette")).unwrap();
    let archive = format!("gazette-v{version}-x86_64-unknown-linux-gnu.tar.gz");
    let sh = |command: &str, cwd: &Path| {
        let output = Command::new("bash")
            .args(["-c", command])
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    // As the release workflow packages and sums it.
    sh(
        &format!(
            "tar -czf '{}/{archive}' -C '{}' gazette && cd '{}' && sha256sum gazette-* > SHA256SUMS",
            release.display(),
            staging.display(),
            release.display()
        ),
        root,
    );
    let bin = root.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let curl = bin.join("curl");
    std::fs::write(
        &curl,
        r#"#!/bin/bash
# Stands in for curl: every --remote-name URL under $FAKE_PREFIX is copied from $FAKE_RELEASES.
set -euo pipefail
while [ $# -gt 0 ]; do
  if [ "$1" = --remote-name ]; then
    url="$2"
    shift
    rel="${url#"$FAKE_PREFIX"}"
    if [ "$rel" = "$url" ]; then echo "curl: unexpected address $url" >&2; exit 22; fi
    cp "$FAKE_RELEASES/$rel" "./${url##*/}" || exit 22
  fi
  shift
done
"#,
    )
    .unwrap();
    sh(&format!("chmod +x '{}'", curl.display()), root);

    let run = |script: &str, home: &Path| {
        let runner_temp = root.join("runner-temp");
        std::fs::create_dir_all(&runner_temp).unwrap();
        std::fs::create_dir_all(home).unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(&site)
            .env_clear()
            .env("PATH", path)
            .env("HOME", home)
            .env("RUNNER_TEMP", &runner_temp)
            .env("RUNNER_ARCH", "X64")
            .env("GAZETTE_VERSION", version)
            .env("GAZETTE_REPOSITORY", repository)
            .env("FAKE_PREFIX", format!("{repository}/releases/download/"))
            .env("FAKE_RELEASES", &releases)
            .output()
            .unwrap()
    };
    let home = root.join("home");
    let output = run(&install, &home);
    assert!(
        output.status.success(),
        "install failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(home.join(".gazette/bin/gazette").is_file());
    let output = run(&check_version, &home);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // A corrupted download: the sums no longer match, nothing is installed.
    let sums = release.join("SHA256SUMS");
    let corrupted = read(&sums).replacen(|c: char| c.is_ascii_hexdigit(), "x", 1);
    std::fs::write(&sums, corrupted).unwrap();
    let home = root.join("home-2");
    let output = run(&install, &home);
    assert!(!output.status.success());
    assert!(!home.join(".gazette/bin/gazette").exists());
}

/// Every `uses:` of the repository's workflows, action.yml and the `init` workflow: a
/// full commit and its release in a comment (`@<40 hex> # v1.2.3`), so that a moved tag
/// changes nothing and Dependabot can propose updates.
#[test]
fn every_action_is_pinned_to_a_commit_with_its_version() {
    let (_dir, site) = init_site();
    let mut files = repository_workflows();
    files.push(site.join(INIT_WORKFLOW));
    let mut count = 0;
    for path in &files {
        for (number, line) in read(path).lines().enumerate() {
            let line = line.trim_start().trim_start_matches("- ");
            let Some(reference) = line.strip_prefix("uses:") else {
                continue;
            };
            let reference = reference.trim();
            let (action, rest) = reference.split_once('@').unwrap_or((reference, ""));
            let (commit, comment) = rest.split_once(" # ").unwrap_or((rest, ""));
            let where_ = format!("{}:{}: {line}", path.display(), number + 1);
            assert!(
                action.contains('/') && !action.starts_with("./"),
                "{where_}"
            );
            assert!(
                commit.len() == 40 && commit.chars().all(|c| c.is_ascii_hexdigit()),
                "not pinned to a commit: {where_}"
            );
            let version = comment.trim().strip_prefix('v').unwrap_or("");
            assert!(
                version.split('.').count() == 3
                    && version.split('.').all(|n| n.parse::<u32>().is_ok()),
                "no `# vX.Y.Z` after the commit: {where_}"
            );
            count += 1;
        }
    }
    assert!(count >= 15, "{count} actions");
}

/// Checkouts keep no token; permissions are none at the top and named per job; no
/// `${{ }}` inside a shell script (values reach it through `env:`).
#[test]
fn workflows_keep_no_credentials_and_expand_nothing_in_scripts() {
    let (_dir, site) = init_site();
    let mut files = repository_workflows();
    files.push(site.join(INIT_WORKFLOW));
    for path in &files {
        let doc = yaml(path);
        let name = path.display();
        if let Some(jobs) = doc["jobs"].as_mapping() {
            assert!(
                doc["permissions"]
                    .as_mapping()
                    .is_some_and(|m| m.is_empty()),
                "{name}: top-level permissions must be {{}}"
            );
            for (job, body) in jobs {
                assert!(
                    body["permissions"].as_mapping().is_some(),
                    "{name}: job {job:?} names no permissions"
                );
            }
        }
        for step in steps(&doc) {
            if let Some(script) = step["run"].as_str() {
                assert!(
                    !script.contains("${{"),
                    "{name}: expansion in run: {script}"
                );
            }
            if step["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
            {
                assert_eq!(
                    step["with"]["persist-credentials"], false,
                    "{name}: checkout without persist-credentials: false"
                );
            }
        }
    }
    // action.yml writes only to $GITHUB_OUTPUT, never to $GITHUB_ENV or $GITHUB_PATH.
    let action = read(&repo().join("action.yml"));
    assert!(!action.contains(">> \"$GITHUB_ENV\"") && !action.contains(">> \"$GITHUB_PATH\""));
}

/// actionlint reads workflows only; action.yml's scripts get shellcheck directly, as
/// actionlint would run it (bash, with the runner's variables defined).
#[test]
fn action_yml_scripts_pass_shellcheck() {
    if !tool_present("shellcheck", command_works("shellcheck", "--version")) {
        return;
    }
    let action = yaml(&repo().join("action.yml"));
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for (i, step) in steps(&action).into_iter().enumerate() {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        assert_eq!(step["shell"], "bash", "{step:?}");
        let file = dir.path().join(format!("step-{i}.bash"));
        std::fs::write(&file, script).unwrap();
        let (ok, out) = lint(
            "shellcheck",
            &[
                "--shell=bash",
                "--norc",
                "--exclude=SC2153",
                file.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert!(ok, "step {i} of action.yml:\n{out}");
        checked += 1;
    }
    assert_eq!(checked, 3);
}

/// `(action, commit, version)` of every `uses: owner/name@<40 hex> # vX.Y.Z` line in
/// `text`, comments included (action.yml's header holds a complete example workflow), with
/// the line number.
fn pinned_uses(text: &str) -> Vec<(usize, String, String, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line
            .trim_start()
            .trim_start_matches('#')
            .trim_start()
            .trim_start_matches("- ");
        let Some(reference) = line.strip_prefix("uses:") else {
            continue;
        };
        let reference = reference.trim();
        let Some((action, rest)) = reference.split_once('@') else {
            continue;
        };
        let (commit, comment) = rest.split_once(" # ").unwrap_or((rest, ""));
        found.push((
            number + 1,
            action.to_string(),
            commit.trim().to_string(),
            comment.trim().to_string(),
        ));
    }
    found
}

/// Dependabot (.github/dependabot.yml) updates the actions of .github/workflows and
/// action.yml only. Every other place that names an action — the workflow that `gazette
/// init` writes, the example workflow in action.yml's header, README.md and
/// docs/publishing.md — names it at the same commit and version as the workflows do, so a
/// Dependabot bump fails this test until they follow. The workflows agree among
/// themselves too (one commit per action). An action that no workflow here uses is
/// invisible to Dependabot: only those listed below, each bumped by hand.
#[test]
fn every_pinned_action_matches_the_commit_dependabot_updates() {
    // Actions that only the `init` workflow uses, bumped by hand (none today: the
    // repository's Pages workflow caches its output with actions/cache too).
    const NOT_SEEN_BY_DEPENDABOT: &[&str] = &[];

    let mut pinned = std::collections::BTreeMap::<String, (String, String, String)>::new();
    for path in repository_workflows() {
        if path.ends_with("action.yml") {
            continue;
        }
        for (line, action, commit, version) in pinned_uses(&read(&path)) {
            let here = format!("{}:{line}", path.display());
            let (first_commit, first_version, first) = pinned.entry(action.clone()).or_insert((
                commit.clone(),
                version.clone(),
                here.clone(),
            ));
            assert_eq!(
                (&commit, &version),
                (&*first_commit, &*first_version),
                "{action} at {here} is not at the commit of {first}"
            );
        }
    }
    assert!(pinned.len() >= 6, "{pinned:?}");

    let mut unseen = std::collections::BTreeSet::new();
    let mut checked = 0;
    for rel in [
        "src/init/pages.yml",
        "action.yml",
        "README.md",
        "docs/publishing.md",
    ] {
        let text = read(&repo().join(rel));
        for (line, action, commit, version) in pinned_uses(&text) {
            let here = format!("{rel}:{line}");
            if action.contains("OWNER/") || action.contains("{{") {
                // gazette's own action, at the commit of the release a site chooses.
                continue;
            }
            match pinned.get(&action) {
                Some((want_commit, want_version, at)) => assert_eq!(
                    (&commit, &version),
                    (want_commit, want_version),
                    "{action} at {here}: not the commit and version of {at}"
                ),
                None => {
                    assert!(
                        NOT_SEEN_BY_DEPENDABOT.contains(&action.as_str()),
                        "{here}: {action} is used by no workflow in .github/workflows, so \
                         Dependabot never updates it"
                    );
                    assert!(
                        commit.len() == 40 && commit.chars().all(|c| c.is_ascii_hexdigit()),
                        "{here}: {action} not pinned to a commit"
                    );
                    unseen.insert(action.clone());
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 12, "{checked} references checked");
    // The list above stays exact: an action that workflows use again leaves it.
    assert_eq!(
        unseen.into_iter().collect::<Vec<_>>(),
        NOT_SEEN_BY_DEPENDABOT.to_vec(),
        "update NOT_SEEN_BY_DEPENDABOT"
    );
}

/// README.md, docs/publishing.md and action.yml name no action by a moved tag (`@v4`)
/// and no GitHub repository at all: gazette's own is Cargo.toml's `repository`, the one
/// line to change (`init` writes it from there), and an address in an example is copied
/// into real workflows.
#[test]
fn docs_pin_their_example_actions_and_name_no_repository() {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let own = repository.trim_start_matches("https://github.com/");
    for rel in ["README.md", "docs/publishing.md", "action.yml"] {
        let text = read(&repo().join(rel));
        for (number, line) in text.lines().enumerate() {
            let here = format!("{rel}:{}: {line}", number + 1);
            let stripped = line
                .trim_start()
                .trim_start_matches('#')
                .trim_start()
                .trim_start_matches("- ");
            if let Some(reference) = stripped.strip_prefix("uses:") {
                let reference = reference.trim();
                let (action, rest) = reference.split_once('@').unwrap_or((reference, ""));
                let commit = rest.split(' ').next().unwrap_or("");
                assert!(
                    action.starts_with("OWNER/")
                        || (commit.len() == 40 && commit.chars().all(|c| c.is_ascii_hexdigit())),
                    "an example action not pinned to a commit: {here}"
                );
            }
            assert!(
                !line.contains("github.com/") && !line.contains(own),
                "a repository address (gazette's is Cargo.toml's `repository`): {here}"
            );
        }
    }
}

/// The Pages workflows (the repository's and the one `init` writes) restore the last
/// output and its fingerprint from the Actions cache before they build, after check has
/// read the site at its published address.
#[test]
fn the_pages_workflows_restore_the_previous_output_and_check_the_published_address() {
    let init = SiteTest::fixture("minimal");
    let site = init.root().join("new-site");
    init.run(&["init", site.to_str().unwrap(), "--title", "T"])
        .expect_success();
    for (name, text) in [
        ("init", read(&site.join(".github/workflows/pages.yml"))),
        (
            "repository",
            read(&repo().join(".github/workflows/pages.yml")),
        ),
    ] {
        let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let steps = steps(&workflow);
        let position = |what: &dyn Fn(&serde_yaml::Value) -> bool| {
            steps
                .iter()
                .position(|s| what(s))
                .unwrap_or_else(|| panic!("{name}: no such step"))
        };
        let restore = position(&|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
                && s["with"]["path"]
                    .as_str()
                    .is_some_and(|p| p.contains("public"))
        });
        let paths = steps[restore]["with"]["path"].as_str().unwrap();
        assert!(paths.contains(".public.fingerprint"), "{name}: {paths}");
        let key = steps[restore]["with"]["key"].as_str().unwrap();
        assert!(
            key.contains("github.run_id"),
            "{name}: a new entry per run: {key}"
        );
        let build = position(&|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("gazette build"))
        });
        let check = position(&|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("gazette check"))
        });
        let pages = position(&|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/configure-pages@"))
        });
        assert!(
            pages < check && check < restore && restore < build,
            "{name}: step order"
        );
        assert!(
            steps[check]["run"]
                .as_str()
                .unwrap()
                .contains("--base-url \"$BASE_URL\""),
            "{name}: check reads the site at its published address"
        );
    }
}

/// What the cache gives the next run: the previous output and fingerprint with new
/// modification times, and (after checkout) every input with a new one too. Built over
/// that with one new article, the output is byte-identical to a cold build of the same
/// content, and most files are linked as they were rather than written again.
#[test]
fn a_restored_output_updated_with_one_article_equals_a_cold_build() {
    const NOW: &str = "2024-06-01T00:00:00Z";
    let previous = SiteTest::bundled();
    previous
        .run(&["build", "--now", NOW, "--quiet"])
        .expect_success();

    let article = "---\ntitle: Oman opens a new desalination plant in Sohar\ndate: 2024-05-30\nregion: gulf\ntags: [oman, water]\n---\n\nOman opened a desalination plant in Sohar on Thursday that will supply 250,000 people, the water authority said.\n";
    // The next run: a fresh checkout with one more article, and the restored output.
    let restored = SiteTest::bundled();
    restored.write("content/gulf/2024-05-30-sohar-desalination.md", article);
    copy_dir(&previous.public(), &restored.public());
    std::fs::copy(
        previous.root().join(".public.fingerprint"),
        restored.root().join(".public.fingerprint"),
    )
    .unwrap();
    let run = restored.run(&["build", "--now", NOW]);
    run.expect_success();
    // "… pages (N files, M unchanged) …"
    let summary = run.stdout();
    let figures = summary.split_once(" files, ").and_then(|(before, after)| {
        let files: usize = before.rsplit('(').next()?.parse().ok()?;
        let unchanged: usize = after.split(' ').next()?.parse().ok()?;
        Some((files, unchanged))
    });
    let (files, unchanged) = figures.unwrap_or_else(|| panic!("no figures in {summary}"));
    assert!(
        unchanged * 2 > files,
        "only {unchanged} of {files} files kept: {summary}"
    );

    let cold = SiteTest::bundled();
    cold.write("content/gulf/2024-05-30-sohar-desalination.md", article);
    cold.run(&["build", "--now", NOW, "--quiet"])
        .expect_success();
    let (updated, fresh) = (snapshot(&restored.public()), snapshot(&cold.public()));
    let differing: Vec<&String> = fresh
        .keys()
        .chain(updated.keys())
        .filter(|k| updated.get(*k) != fresh.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "differ from a cold build: {differing:?}"
    );
    println!(
        "one new article over a restored output: {} of {files} files written",
        files - unchanged
    );
}

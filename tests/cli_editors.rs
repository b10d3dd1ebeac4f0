//! The editors' commands through the real binary: `new` scaffolds a file that builds,
//! `check` reports every problem of the `check_problems` fixture with its line in all three
//! formats and picks the exit code, and the Pages extras (.nojekyll, 404.html, CNAME).

mod common;

use common::SiteTest;

const NOW: &str = "2024-06-01";

fn new_in(site: &SiteTest, args: &[&str]) -> common::Run {
    let root = site.root().to_str().unwrap().to_string();
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", &root]);
    site.run(&all)
}

#[test]
fn new_writes_a_file_that_builds() {
    let site = SiteTest::fixture("minimal");
    let run = new_in(
        &site,
        &[
            "Gulf: talks resume in Doha",
            "--region",
            "gulf",
            "--tags",
            "diplomacy,qatar",
            "--date",
            "2024-02-09",
        ],
    );
    run.expect_success();
    let path = site
        .root()
        .join("content/gulf/2024-02-09-gulf-talks-resume-in-doha.md");
    assert_eq!(run.stdout().trim(), path.display().to_string());
    let text = site.read("content/gulf/2024-02-09-gulf-talks-resume-in-doha.md");
    assert!(text.starts_with(
        "---\ntitle: 'Gulf: talks resume in Doha'\ndate: 2024-02-09\nregion: gulf\ntags: [diplomacy, qatar]\n---\n"
    ), "{text}");

    // The new file builds, and lands at its URL with its title.
    site.build();
    let page = site.read("public/2024/02/gulf-talks-resume-in-doha/index.html");
    assert!(page.contains("Gulf: talks resume in Doha"));

    // `check` passes, with one warning: the placeholder body is still there.
    let check = site.run(&["check", "--now", NOW]);
    check.expect_success();
    assert_eq!(
        check.stdout(),
        "content/gulf/2024-02-09-gulf-talks-resume-in-doha.md:8: warning: the body is still the placeholder written by `gazette new`\n\
         checked 2 content files: 0 errors, 1 warning\n"
    );
}

#[test]
fn new_defaults_to_today_and_honours_lang_and_draft() {
    let site = SiteTest::fixture("minimal");
    let run = new_in(
        &site,
        &["قمة الخليج", "--region", "gulf", "--lang", "ar", "--draft"],
    );
    run.expect_success();
    let written = std::path::PathBuf::from(run.stdout().trim());
    let name = written.file_name().unwrap().to_str().unwrap().to_string();
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(name, format!("{today}-qma-alkhlyj.md"), "{name}");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("\nlang: ar\ndraft: true\n"), "{text}");
    // A draft is left out of a normal build, but the build still passes.
    site.run(&["build"]).expect_success();
}

#[test]
fn new_rejects_an_unknown_region_listing_the_valid_ones() {
    let site = SiteTest::fixture("regions");
    let run = new_in(&site, &["Anything", "--region", "mideast"]);
    run.expect_failure();
    assert_eq!(
        run.stderr().trim(),
        "error: unknown region \"mideast\" (expected one of: middle-east, gulf, north-africa, europe)"
    );
    assert!(run.stdout().is_empty());
    assert!(!site.root().join("content/mideast").exists());
}

#[test]
fn new_rejects_bad_tags_and_lang_all_at_once() {
    let site = SiteTest::fixture("minimal");
    let run = new_in(
        &site,
        &[
            "X",
            "--region",
            "gulf",
            "--tags",
            "Oil Prices",
            "--lang",
            "en gb",
        ],
    );
    run.expect_failure();
    assert_eq!(
        run.stderr().trim(),
        "error: tag \"Oil Prices\" is not a slug (use lowercase letters, digits and -, e.g. \"oil-prices\")\n\
         lang \"en gb\" is not a BCP 47 language tag (e.g. en, ar, fr-CA)"
    );
}

#[test]
fn new_never_overwrites() {
    let site = SiteTest::fixture("minimal");
    let args = [
        "Oman approves budget",
        "--region",
        "gulf",
        "--date",
        "2024-02-06",
    ];
    let path = "content/gulf/2024-02-06-oman-approves-budget.md";
    site.write(path, "precious\n");
    let run = new_in(&site, &args);
    run.expect_failure();
    assert!(
        run.stderr()
            .contains("2024-02-06-oman-approves-budget.md already exists"),
        "{}",
        run.stderr()
    );
    assert_eq!(site.read(path), "precious\n");
}

#[test]
fn new_rejects_a_bad_date() {
    let site = SiteTest::fixture("minimal");
    let run = new_in(&site, &["X", "--region", "gulf", "--date", "6/2/2024"]);
    run.expect_failure();
    assert!(run.stderr().contains("--date"), "{}", run.stderr());
}

/// Every problem of the check_problems fixture (see its README), in file and line order.
const EXPECTED: &[(&str, usize, &str, &str)] = &[
    (
        "content/europe/2024-02-08-strict-tag.md",
        5,
        "error",
        "tag \"sport\" is not in the site.yaml vocabulary (strict_tags is on)",
    ),
    (
        "content/europe/2024-02-09-bad-date.md",
        3,
        "error",
        "invalid date \"2024-02-30\"",
    ),
    (
        "content/gulf/2024-02-07-broken-links.md",
        6,
        "error",
        "image `/images/missing-cover.jpg` not found",
    ),
    (
        "content/gulf/2024-02-07-broken-links.md",
        11,
        "error",
        "broken internal link `@/gulf/2024-01-01-no-such-article.md`",
    ),
    (
        "content/gulf/2024-02-07-broken-links.md",
        13,
        "error",
        "missing image `/images/missing-chart.png`",
    ),
    (
        "content/gulf/2024-02-07-broken-links.md",
        15,
        "error",
        "broken link `/files/missing-data.csv`",
    ),
    (
        "content/gulf/2030-01-01-future-budget.md",
        3,
        "warning",
        "scheduled: dated 2030-01-01",
    ),
    (
        "content/gulf/2030-01-01-future-budget.md",
        10,
        "error",
        "broken internal link `@/gulf/2029-01-01-missing-plan.md`: no such file in content/ (in a scheduled article)",
    ),
];

#[test]
fn check_text_lists_every_problem_with_its_line() {
    let site = SiteTest::fixture("check_problems");
    let run = site.run(&["check", "--now", NOW]);
    run.expect_failure();
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), EXPECTED.len() + 1, "{stdout}");
    for (line, (path, number, severity, message)) in lines.iter().zip(EXPECTED) {
        let prefix = if *severity == "warning" {
            format!("{path}:{number}: warning: {message}")
        } else {
            format!("{path}:{number}: {message}")
        };
        assert!(line.starts_with(&prefix), "{line}\n  expected {prefix}");
    }
    assert_eq!(
        lines.last().unwrap(),
        &"checked 5 content files: 7 errors, 1 warning"
    );
    assert!(!site.root().join("public").exists(), "check wrote output");
    assert!(
        !stdout.contains("good-links"),
        "a good link was reported:\n{stdout}"
    );
}

#[test]
fn check_json_is_an_array_of_problems() {
    let site = SiteTest::fixture("check_problems");
    let run = site.run(&["check", "--now", NOW, "--format", "json"]);
    run.expect_failure();
    let problems: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout()).expect("valid JSON array");
    assert_eq!(problems.len(), EXPECTED.len());
    for (problem, (path, line, severity, message)) in problems.iter().zip(EXPECTED) {
        assert_eq!(problem["path"], *path);
        assert_eq!(problem["line"], *line);
        assert_eq!(problem["severity"], *severity);
        let text = problem["message"].as_str().unwrap();
        assert!(text.starts_with(message), "{text}");
    }
}

#[test]
fn check_github_prints_annotations() {
    let site = SiteTest::fixture("check_problems");
    let run = site.run(&["check", "--now", NOW, "--format", "github"]);
    run.expect_failure();
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    for (line, (path, number, severity, message)) in lines.iter().zip(EXPECTED) {
        let prefix = format!("::{severity} file={path},line={number}::{message}");
        assert!(line.starts_with(&prefix), "{line}\n  expected {prefix}");
    }
    assert_eq!(lines.len(), EXPECTED.len() + 1);
}

#[test]
fn check_exit_codes() {
    // Clean site: 0 and a one-line summary.
    let site = SiteTest::fixture("regions");
    let run = site.run(&["check", "--now", NOW]);
    run.expect_success();
    assert_eq!(run.stdout(), "checked 9 content files: no problems found\n");
    // --quiet: nothing at all on a clean site.
    let quiet = site.run(&["--quiet", "check", "--now", NOW]);
    quiet.expect_success();
    assert_eq!(quiet.stdout(), "");

    // Warnings alone: still 0. A scheduled article is a warning until its date.
    site.write(
        "content/gulf/2030-05-01-later.md",
        "---\ntitle: Later\ndate: 2030-05-01\nregion: gulf\n---\n\nSoon.\n",
    );
    let run = site.run(&["check", "--now", NOW]);
    run.expect_success();
    assert!(run
        .stdout()
        .starts_with("content/gulf/2030-05-01-later.md:3: warning: scheduled"));
    // After its date it is published and the warning is gone.
    let run = site.run(&["check", "--now", "2030-06-01"]);
    run.expect_success();
    assert_eq!(
        run.stdout(),
        "checked 10 content files: no problems found\n"
    );
    // --quiet drops warnings too.
    let quiet = site.run(&["-q", "check", "--now", NOW]);
    assert_eq!(quiet.stdout(), "");
}

#[test]
fn check_reports_template_and_config_errors() {
    let site = SiteTest::fixture("bad_template_syntax");
    let run = site.run(&["check"]);
    run.expect_failure();
    assert!(
        run.stdout()
            .starts_with("templates/article.html:3: template syntax error"),
        "{}",
        run.stdout()
    );

    let site = SiteTest::fixture("bad_site_yaml");
    let run = site.run(&["check", "--format", "github"]);
    run.expect_failure();
    assert!(
        run.stdout()
            .starts_with("::error file=site.yaml,line=4::unknown field `paginte`"),
        "{}",
        run.stdout()
    );

    let site = SiteTest::fixture("bad_missing_theme");
    let run = site.run(&["check"]);
    run.expect_failure();
    assert!(
        run.stdout()
            .starts_with("site.yaml:4: theme \"nonexistent\" not found"),
        "{}",
        run.stdout()
    );
}

#[test]
fn check_reports_every_error_of_a_two_error_file() {
    let site = SiteTest::fixture("bad_two_errors");
    let run = site.run(&["check"]);
    run.expect_failure();
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("content/gulf/2024-02-08-two-errors.md:3: invalid date"));
    assert!(lines[1].starts_with("content/gulf/2024-02-08-two-errors.md:4: unknown region"));
    assert_eq!(lines[2], "checked 2 content files: 2 errors, 0 warnings");
}

#[test]
fn pages_extras_are_in_the_output() {
    let site = SiteTest::fixture("minimal");
    site.build();
    assert!(site.public().join(".nojekyll").is_file());
    assert!(site.read("public/404.html").contains("</html>"));
    assert!(!site.public().join("CNAME").exists());

    let yaml = site.read("site.yaml") + "cname: news.example.org\n";
    site.write("site.yaml", &yaml);
    site.build();
    assert_eq!(site.read("public/CNAME"), "news.example.org\n");
}

fn workflow(name: &str) -> serde_yaml::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".github/workflows")
        .join(name);
    serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Every `run:` and `uses:` of a job, in order.
fn steps(workflow: &serde_yaml::Value, job: &str) -> Vec<String> {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|step| {
            let field = |key: &str| step[key].as_str().map(str::to_string);
            field("uses").or_else(|| field("run")).unwrap()
        })
        .collect()
}

#[test]
fn pages_workflow_checks_builds_with_the_pages_url_and_deploys() {
    let pages = workflow("pages.yml");
    let on = &pages["on"];
    assert_eq!(on["push"]["branches"][0], "main");
    assert!(on["workflow_dispatch"].is_null() && on.get("workflow_dispatch").is_some());
    let cron = on["schedule"][0]["cron"].as_str().unwrap();
    assert_eq!(cron.split(' ').nth(1), Some("*"), "not hourly: {cron}");
    // Nothing at the top; only the deploy job may write to Pages (issue 18).
    assert!(pages["permissions"].as_mapping().unwrap().is_empty());
    assert_eq!(pages["jobs"]["deploy"]["permissions"]["pages"], "write");
    assert_eq!(pages["jobs"]["deploy"]["permissions"]["id-token"], "write");
    assert_eq!(pages["concurrency"]["cancel-in-progress"], false);

    let build = steps(&pages, "build");
    let position = |needle: &str| {
        build
            .iter()
            .position(|s| s.contains(needle))
            .unwrap_or_else(|| panic!("no step with {needle}: {build:?}"))
    };
    let order = [
        position("actions/checkout@"),
        position("rust-cache@"),
        position("cargo build --release"),
        // The Pages address first: check reads links and images at it, as build does.
        position("actions/configure-pages@"),
        position("gazette check --format github --base-url \"$BASE_URL\""),
        position("actions/cache@"),
        position("gazette build --base-url \"$BASE_URL\""),
        position("actions/upload-pages-artifact@"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{build:?}");
    // The Pages URL reaches the shell through env:, never expanded inside run: (issue 18).
    let build_site = &pages["jobs"]["build"]["steps"][order[6]];
    assert_eq!(
        build_site["env"]["BASE_URL"],
        "${{ steps.pages.outputs.base_url }}/"
    );
    let upload = &pages["jobs"]["build"]["steps"][order[7]];
    assert_eq!(upload["with"]["path"], "public");

    let deploy = &pages["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(steps(&pages, "deploy")[0].starts_with("actions/deploy-pages@"));
}

#[test]
fn pull_requests_touching_content_are_checked_with_annotations() {
    let check = workflow("check-content.yml");
    let paths: Vec<&str> = check["on"]["pull_request"]["paths"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"content/**") && paths.contains(&"site.yaml"),
        "{paths:?}"
    );
    let run = steps(&check, "check");
    assert!(
        run.iter()
            .any(|s| s.ends_with("gazette check --format github")),
        "{run:?}"
    );
}

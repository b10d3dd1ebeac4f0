//! What `gazette build` tells the person publishing (docs/publishing.md): on a site under
//! a sub-path (`https://user.github.io/repo/`), robots.txt is still written, and the
//! summary says that crawlers will not read it there.

mod common;

use common::SiteTest;

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

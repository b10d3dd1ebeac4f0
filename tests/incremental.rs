//! `serve`'s incremental updates (issue 7): after an edit to one article, re-rendering only
//! the pages that show it must give exactly the site a full build gives.

mod common;

use common::{snapshot, SiteTest};
use gazette::site::{BuildOptions, Session, Update};

fn options(site: &SiteTest, out: &str) -> BuildOptions {
    let mut options = BuildOptions::new(site.root());
    options.output = Some(site.root().join(out));
    options.now =
        gazette::content::front_matter::parse_date("2024-06-01T00:00:00Z", chrono_tz::UTC);
    options
}

/// Edit `rel` with `edit`, update the session, and compare with a fresh full build.
fn assert_update_matches_full_build(
    site: &SiteTest,
    session: &mut Session,
    rel: &str,
    edit: impl Fn(String) -> String,
) -> Vec<String> {
    let text = site.read(rel);
    site.write(rel, &edit(text));
    let pages = match session.update(&[site.root().join(rel)]).unwrap() {
        Update::Pages(pages) => pages,
        Update::NeedsFullBuild(why) => panic!("expected an incremental update: {why}"),
    };
    session.finish_update().unwrap();
    Session::build(&options(site, "full")).unwrap();
    let incremental = snapshot(&site.root().join("served"));
    let full = snapshot(&site.root().join("full"));
    let differing: Vec<_> = full
        .keys()
        .filter(|k| incremental.get(*k) != full.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "incremental output differs from a full build in {differing:?}"
    );
    assert_eq!(incremental.len(), full.len());
    pages
}

#[test]
fn body_and_card_edits_update_exactly_the_pages_that_show_them() {
    let site = SiteTest::bundled();
    let (mut session, _) = Session::build(&options(&site, "served")).unwrap();
    let rel = "content/africa/2024-01-16-kenya-geothermal-tender.md";

    // A body edit: new text on the article page; a new word count on every card of it.
    let pages = assert_update_matches_full_build(&site, &mut session, rel, |t| {
        t + "\nA new closing paragraph with several more words in it.\n"
    });
    assert!(
        pages.iter().any(|p| p.starts_with("2024/01/kenya")),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"regions/africa/index.html".to_string()),
        "{pages:?}"
    );
    assert!(pages.len() < 40, "re-rendered {} pages", pages.len());

    // A summary edit (card text) and a second body edit in a row.
    assert_update_matches_full_build(&site, &mut session, rel, |t| {
        t.lines()
            .map(|l| {
                if l.starts_with("summary:") {
                    "summary: \"A different summary for the cards.\""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert_update_matches_full_build(&site, &mut session, rel, |t| {
        // Body only: the title (hence the URL) stays.
        let (front, body) = t.split_at(t.find("\n---\n").unwrap() + 5);
        format!(
            "{front}{}",
            body.replace("geothermal", "geothermal (steam)")
        )
    });
}

#[test]
fn changes_beyond_the_article_ask_for_a_full_build() {
    let site = SiteTest::fixture("regions");
    let (mut session, _) = Session::build(&options(&site, "served")).unwrap();
    let rel = "content/gulf/2024-02-20-qatar-trade-surplus.md";
    let text = site.read(rel);
    site.write(rel, &text.replace("region: gulf", "region: europe"));
    assert!(matches!(
        session.update(&[site.root().join(rel)]).unwrap(),
        Update::NeedsFullBuild(_)
    ));
    site.write(
        "content/gulf/2024-02-21-new.md",
        "---\ntitle: New\ndate: 2024-02-21\nregion: gulf\n---\nNew.\n",
    );
    assert!(matches!(
        session
            .update(&[site.root().join("content/gulf/2024-02-21-new.md")])
            .unwrap(),
        Update::NeedsFullBuild(_)
    ));
    // A broken edit is an error naming the file, and the served site is untouched.
    let before = snapshot(&site.root().join("served"));
    site.write(rel, &text.replace("region: gulf", "region: atlantis"));
    let error = session.update(&[site.root().join(rel)]).unwrap_err();
    let content = error
        .downcast_ref::<gazette::diagnostics::ContentErrors>()
        .expect("content errors");
    assert!(
        content
            .to_string()
            .contains("qatar-trade-surplus.md:4: unknown region \"atlantis\""),
        "{content}"
    );
    assert_eq!(snapshot(&site.root().join("served")), before);
}

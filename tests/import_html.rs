//! `gazette import` of saved HTML pages (issue 13, source 3), through the binary: a news
//! site's `<article>` with JSON-LD, Open Graph tags, a credited lead figure, subheadings
//! and page furniture all around; a WordPress post made of divs with a "By" paragraph
//! and `<time datetime>`; an Arabic right-to-left page with an agency dateline and
//! photo credit; a page whose only date is `article:published_time` and whose `<h1>` sits
//! outside `<main>`. Each article is checked field by field (every front-matter key and
//! the exact body). Pages without an article (a section front, navigation and a cookie
//! banner only, an empty page) exit 1 naming the file and the reason and write nothing,
//! while the other files of the same run are imported. Fixtures:
//! tests/fixtures/raw/html/.

use gazette::yaml::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
#[path = "common/imported.rs"]
mod imported;
use imported::{check, front_matter, written_files, Expected};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/raw/html").join(name)
}

/// A temp site: the repository's site.yaml (in the given time zone) and themes, no
/// content.
fn site_in(timezone: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let yaml = fs::read_to_string(repo().join("site.yaml")).unwrap();
    assert!(
        yaml.contains("\ntimezone: UTC\n"),
        "site.yaml's timezone line"
    );
    fs::write(
        dir.path().join("site.yaml"),
        yaml.replace("\ntimezone: UTC\n", &format!("\ntimezone: {timezone}\n")),
    )
    .unwrap();
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

fn site() -> tempfile::TempDir {
    site_in("UTC")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Run the gazette binary: (exit code, stdout, stderr).
fn gazette(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `gazette import --root SITE FILES…`, which must succeed.
fn import_ok(root: &Path, names: &[&str]) -> String {
    let (code, stdout, stderr) = import(root, names);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    stdout
}

fn import(root: &Path, names: &[&str]) -> (i32, String, String) {
    let paths: Vec<String> = names
        .iter()
        .map(|n| fixture(n).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["import", "--root", root.to_str().unwrap()];
    args.extend(paths.iter().map(String::as_str));
    gazette(&args, None)
}

const NILE: Expected<'static> = Expected {
    path: "content/north-africa/2024-06-12-egypt-and-sudan-agree-to-share-nile-flood-data-daily.md",
    // The h1 inside the article, not "… | The Delta Courier".
    title: "Egypt and Sudan agree to share Nile flood data daily",
    // 08:15 at +02:00.
    date: "2024-06-12",
    region: "north-africa",
    tags: &["egypt", "sudan", "climate", "agriculture"],
    summary: "CAIRO — Egypt and Sudan agreed on Wednesday to exchange readings from gauges along the Nile every day during the flood season, after heavy rains upstream last summer caught farmers in both countries off guard.",
    // og:image (the 1200 px rendition), not the figure's 800 px one.
    image: Some("https://cdn.deltacourier.example/photos/2024/06/aswan-dam-spillway-1200.jpg"),
    image_caption: Some("Water flows through a spillway of the Aswan High Dam in southern Egypt, June 10, 2024."),
    image_credit: Some("Karim Adel/AFP"),
    // JSON-LD publisher.name.
    source: "The Delta Courier",
    source_url: "https://www.deltacourier.example/world/2024/06/12/egypt-sudan-nile-flood-data",
    // JSON-LD author, not <meta name=author> (the site's name).
    author: Some("Salma Nour"),
    // en-GB: the site's language.
    lang: None,
    imported_from: "news_article.html#1",
    body: &[
        "CAIRO — Egypt and Sudan agreed on Wednesday to exchange readings from gauges along the Nile every day during the flood season, after heavy rains upstream last summer caught farmers in both countries off guard.",
        "The irrigation ministers of the two countries signed the agreement in Cairo. Engineers will share water levels and flow rates from stations between Khartoum and Aswan each morning from July to October.",
        "## Warnings came too late",
        "Last August, water rose by more than two metres in a few days near the Sudanese town of Shendi, destroying homes and drowning livestock. Officials said at the time that warnings had reached villages too late.",
        "“Every hour of warning counts for a farmer who has to move his animals,” the Sudanese minister told reporters after the signing.",
        "## A model for the region",
        "Hydrologists have long called for closer cooperation between the countries that share the river, where data on water flows is often treated as a state secret.",
        "The agreement does not cover Ethiopia, whose large dam upstream remains a source of tension with Cairo.",
    ],
};

#[test]
fn news_site_article_with_json_ld_open_graph_and_furniture() {
    let site = site();
    let stdout = import_ok(site.path(), &["news_article.html"]);
    check(site.path(), &NILE);
    assert_eq!(written_files(site.path()).len(), 1);
    // The ad label, the inline cross-link, the related list, the newsletter box and the
    // share buttons are reported as removed noise; nothing of the site's header, menu,
    // search form, topics footer or page footer reaches the body.
    for removed in [
        "\"Advertisement\"",
        "\"Read more: Floods sweep villages along the Blue Nile\"",
        "\"Related stories\"",
        "\"Dam talks stall again in Addis Ababa\"",
        "\"Sign up for our free newsletter, delivered every weekday morning.\"",
    ] {
        assert!(stdout.contains(removed), "{removed} in:\n{stdout}");
    }
    assert!(stdout.contains("credit: Karim Adel/AFP"), "{stdout}");
    assert!(
        stdout.contains("from the source's published time"),
        "{stdout}"
    );
}

#[test]
fn wordpress_post_of_divs_with_a_by_line_and_time() {
    let site = site();
    import_ok(site.path(), &["wordpress_post.html"]);
    check(
        site.path(),
        &Expected {
            path: "content/north-africa/2024-06-14-tunisia-reopens-roman-amphitheatre-at-el-jem-after-restoration.md",
            title: "Tunisia reopens Roman amphitheatre at El Jem after restoration",
            // <time class="published" datetime="2024-06-14T17:20:00+01:00">.
            date: "2024-06-14",
            region: "north-africa",
            tags: &["tunisia", "culture"],
            summary: "The Roman amphitheatre at El Jem in eastern Tunisia reopened to visitors on Friday after two years of restoration work on its outer wall and underground passages.",
            // Relative to the page's address.
            image: Some("https://maghrebnotebook.example.net/wp-content/uploads/2024/06/el-jem-arena.jpg"),
            image_caption: Some("Visitors walk through the arena of the amphitheatre at El Jem, Tunisia, June 13, 2024."),
            image_credit: Some("Hassene Dridi/AP"),
            source: "Maghreb Notebook",
            // The relative canonical link, resolved against og:url.
            source_url: "https://maghrebnotebook.example.net/2024/06/tunisia-el-jem-amphitheatre-reopens/",
            // The "By" paragraph, set aside from the body.
            author: Some("Amira Ben Salem"),
            lang: None,
            imported_from: "wordpress_post.html#1",
            body: &[
                "The Roman amphitheatre at El Jem in eastern Tunisia reopened to visitors on Friday after two years of restoration work on its outer wall and underground passages.",
                "The culture ministry said engineers had replaced eroded stone blocks with stone cut from the same quarries used by Roman builders in the third century.",
                // A short all-bold paragraph is a subheading.
                "## A festival returns",
                "The amphitheatre, which once held about 35,000 spectators, will host its summer music festival again in July for the first time since 2021.",
                "Local traders hope the reopening will bring back tour groups that had skipped the town during the works.",
            ],
        },
    );
}

#[test]
fn arabic_right_to_left_page() {
    let site = site();
    let stdout = import_ok(site.path(), &["arabic_rtl.html"]);
    check(
        site.path(),
        &Expected {
            path: "content/middle-east/2024-06-11-lbnan-ybda-islah-mhta-khrba-alzhrany-btmwyl-awrwby.md",
            title: "لبنان يبدأ إصلاح محطة كهرباء الزهراني بتمويل أوروبي",
            date: "2024-06-11",
            region: "middle-east",
            tags: &["lebanon"],
            summary: "بيروت (رويترز) - بدأت وزارة الطاقة اللبنانية يوم الثلاثاء أعمال إصلاح محطة الزهراني لتوليد الكهرباء في الجنوب، بتمويل من الاتحاد الأوروبي يبلغ نحو 40 مليون يورو.",
            image: Some("https://sada-mashreq.example/media/zahrani-plant.jpg"),
            image_caption: Some("عمال في محطة الزهراني لتوليد الكهرباء جنوب لبنان"),
            // "(أ ف ب)".
            image_credit: Some("AFP"),
            // The dateline's agency beats the site's name.
            source: "Reuters",
            source_url: "https://sada-mashreq.example/news/2024/06/11/zahrani-power-plant",
            // "بقلم: ريم حداد" in the author element.
            author: Some("ريم حداد"),
            lang: Some("ar"),
            imported_from: "arabic_rtl.html#1",
            body: &[
                "بيروت (رويترز) - بدأت وزارة الطاقة اللبنانية يوم الثلاثاء أعمال إصلاح محطة الزهراني لتوليد الكهرباء في الجنوب، بتمويل من الاتحاد الأوروبي يبلغ نحو 40 مليون يورو.",
                "وقال وزير الطاقة إن الأعمال ستستغرق ثمانية أشهر، وستسمح للمحطة برفع إنتاجها بنحو الثلث قبل حلول الصيف المقبل.",
                "## ساعات تقنين طويلة",
                "ويعاني اللبنانيون منذ سنوات من انقطاع الكهرباء لساعات طويلة يوميا، ويعتمد كثيرون على مولدات خاصة مرتفعة الكلفة.",
                "وأكد مسؤول في مؤسسة كهرباء لبنان أن الإصلاحات تشمل تركيب أنظمة تحكم جديدة وصيانة التوربينات.",
            ],
        },
    );
    // The ad label and the cross-link are noise.
    assert!(stdout.contains("\"إعلان\""), "{stdout}");
    assert!(
        stdout.contains("أسعار المولدات ترتفع مع موجة الحر"),
        "{stdout}"
    );
}

fn ibri(date: &str) -> Expected<'static> {
    Expected {
        path: Box::leak(
            format!("content/gulf/{date}-oman-opens-bids-for-solar-plant-near-ibri.md")
                .into_boxed_str(),
        ),
        // The page's h1 (outside <main>), the same as <title> without " - Gulf Energy Desk".
        title: "Oman Opens Bids for Solar Plant Near Ibri",
        date: Box::leak(date.to_string().into_boxed_str()),
        region: "gulf",
        tags: &["oman", "energy"],
        summary: "MUSCAT, June 18 (Reuters) - Oman invited companies on Tuesday to bid to build and run a 500-megawatt solar power plant near the town of Ibri, the state power procurer said, its second large solar project in the interior.",
        image: None,
        image_caption: None,
        image_credit: None,
        source: "Reuters",
        // No canonical link: og:url.
        source_url: "https://gulfenergydesk.example.com/news/oman-ibri-solar-bids",
        author: None,
        lang: None,
        imported_from: "h1_outside_main.html#1",
        body: &[
            "MUSCAT, June 18 (Reuters) - Oman invited companies on Tuesday to bid to build and run a 500-megawatt solar power plant near the town of Ibri, the state power procurer said, its second large solar project in the interior.",
            "Bids are due by the end of October, and the plant is expected to start supplying the grid in 2027.",
            "Oman aims to generate 30% of its electricity from renewable sources by 2030, up from less than 5% today.",
            // "(Reporting by …; Editing by …)" is set aside.
        ],
    }
}

/// article:published_time "2024-06-18T21:30:00-04:00" is 01:30 UTC on June 19: each
/// site dates it in its own time zone.
#[test]
fn published_time_meta_only_and_a_headline_outside_main() {
    let utc = site();
    import_ok(utc.path(), &["h1_outside_main.html"]);
    check(utc.path(), &ibri("2024-06-19"));
    let new_york = site_in("America/New_York");
    import_ok(new_york.path(), &["h1_outside_main.html"]);
    check(new_york.path(), &ibri("2024-06-18"));
}

#[test]
fn pages_without_an_article_exit_1_and_write_nothing() {
    for (name, why) in [
        (
            "section_front.html",
            "no article found: the page is a list of 9 links with no body text",
        ),
        (
            "navigation_only.html",
            "no article found: the page is only navigation and a cookie notice (8 links) with no body text",
        ),
        (
            "empty.html",
            "no article found: the page is empty (its body has no text)",
        ),
    ] {
        let site = site();
        let (code, stdout, stderr) = import(site.path(), &[name]);
        assert_eq!(code, 1, "{name}:\n{stdout}\n{stderr}");
        let all = format!("{stdout}{stderr}");
        assert!(all.contains(&format!("{name}: {why}")), "{name}:\n{all}");
        assert!(all.contains("0 written"), "{all}");
        assert!(written_files(site.path()).is_empty(), "{name}");
    }
}

#[test]
fn other_pages_of_the_same_run_are_still_imported() {
    let site = site();
    let (code, stdout, stderr) = import(
        site.path(),
        &[
            "section_front.html",
            "news_article.html",
            "empty.html",
            "wordpress_post.html",
        ],
    );
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("section_front.html: no article found"),
        "{all}"
    );
    assert!(all.contains("empty.html: no article found"), "{all}");
    assert!(all.contains("2 written"), "{all}");
    check(site.path(), &NILE);
    assert_eq!(written_files(site.path()).len(), 2);
}

#[test]
fn html_on_stdin_and_under_another_name_and_the_site_builds() {
    let site = site();
    let root = site.path().to_str().unwrap();
    let page = fs::read_to_string(fixture("news_article.html")).unwrap();
    let (code, stdout, stderr) = gazette(&["import", "--root", root, "-"], Some(&page));
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let written = written_files(site.path());
    assert_eq!(
        written,
        ["content/north-africa/2024-06-12-egypt-and-sudan-agree-to-share-nile-flood-data-daily.md"]
    );
    let (front, _) = front_matter(site.path(), &written[0]);
    assert_eq!(
        front.get("imported_from").and_then(Value::as_str),
        Some("stdin#1")
    );
    // Known by its content: a saved page named .txt is still a page.
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("saved-page.txt");
    fs::copy(fixture("arabic_rtl.html"), &renamed).unwrap();
    let (code, stdout, stderr) =
        gazette(&["import", "--root", root, renamed.to_str().unwrap()], None);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("source: Reuters"), "{stdout}");
    let (code, stdout, stderr) = gazette(&["build", "--root", root], None);
    assert_eq!(
        code, 0,
        "every imported page must build:\n{stdout}\n{stderr}"
    );
}

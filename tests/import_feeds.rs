//! `gazette import` of feeds (issue 13, source 4): RSS 2.0 with media and
//! `content:encoded`, RSS with only description HTML, Atom, JSON Feed 1.1 and an Arabic
//! feed, each item checked field by field (every front-matter key and the exact body);
//! dates converted into the site's time zone; untitled and empty items reported; empty
//! and malformed feeds refused with exit code 1 and nothing written. Fixtures:
//! tests/fixtures/raw/feeds/.

use chrono::NaiveDate;
use gazette::import::{run_with_today, DateSource, ImportOptions, ImportReport, Status};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
#[path = "common/imported.rs"]
mod imported;
use imported::{check, written_files, Expected};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/raw/feeds").join(name)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
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

fn import(root: &Path, paths: &[PathBuf]) -> ImportReport {
    let options = ImportOptions {
        progress: false,
        lang: None,
        root: root.to_path_buf(),
        into: None,
        date: None,
        dry_run: false,
        force: false,
        json_report: false,
        paths: paths.to_vec(),
    };
    run_with_today(&options, Some(today())).unwrap()
}

fn only_file(report: &ImportReport) -> &gazette::import::FileReport {
    assert_eq!(report.files.len(), 1, "{}", report.render_text());
    &report.files[0]
}

#[test]
fn agency_rss_with_media_and_content_encoded() {
    let site = site();
    let report = import(site.path(), &[fixture("agency_rss.xml")]);
    assert!(!report.has_errors(), "{}", report.render_text());
    let file = only_file(&report);
    assert_eq!(file.articles.len(), 3, "{}", report.render_text());
    for a in &file.articles {
        assert_eq!(a.status, Status::Written, "{}", report.render_text());
        assert_eq!(a.date_source, DateSource::Published);
    }
    // The feed trailer, the tracking pixel's paragraph and the read-more link are noise.
    let noise: Vec<&str> = file.articles[0]
        .noise_removed
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        noise,
        ["The post Jordan Signs Deal for Red Sea Desalination Plant to Ease Water Shortage appeared first on Crescent Wire."]
    );
    assert_eq!(file.articles[2].noise_removed[0].text, "Continue reading →");

    check(
        site.path(),
        &Expected {
            path: "content/middle-east/2024-06-04-jordan-signs-deal-for-red-sea-desalination-plant-to-ease-water-shortage.md",
            title: "Jordan Signs Deal for Red Sea Desalination Plant to Ease Water Shortage",
            date: "2024-06-04",
            region: "middle-east",
            tags: &["jordan", "energy"],
            summary: "AMMAN, June 4 (Crescent Wire) - Jordan signed a contract on Tuesday for a desalination plant on the Red Sea coast at Aqaba that is meant to supply Amman with drinking water by 2029, the water ministry said.",
            // The widest of the two renditions.
            image: Some("https://img.crescent.example/2024/06/aqaba-coast-1600.jpg"),
            image_caption: Some("Cargo ships wait off the coast of Aqaba, where the desalination plant is to be built, June 3, 2024."),
            image_credit: Some("Lina Haddad/Crescent Wire"),
            source: "Crescent Wire",
            source_url: "https://wire.crescent.example/mena/2024/06/04/jordan-desalination-deal",
            author: Some("Lina Haddad"),
            lang: None, // en-us: the site's language
            imported_from: "agency_rss.xml#1",
            body: &[
                "AMMAN, June 4 (Crescent Wire) - Jordan signed a contract on Tuesday for a desalination plant on the Red Sea coast at Aqaba that is meant to supply Amman with drinking water by 2029, the water ministry said.",
                "The plant will pump about 300 million cubic metres a year through a pipeline of more than 400 km to the capital, where many households receive piped water only once a week.",
                "## A country running dry",
                "Jordan is among the most water-scarce countries in the world, and officials say demand has grown with the arrival of refugees from neighbouring Syria over the past decade.",
                "“This is the largest project in the history of the water sector,” the minister told reporters after the signing.",
                "The contract is worth about $3 billion and will be financed in part by loans from development banks, the ministry said, without naming them.",
            ],
        },
    );
    check(
        site.path(),
        &Expected {
            path: "content/gulf/2024-06-04-oman-raises-fuel-subsidy-budget-as-oil-revenue-climbs.md",
            // The wire kicker ("UPDATE 1-") leaves the title, as in wire copy.
            title: "Oman Raises Fuel Subsidy Budget as Oil Revenue Climbs",
            date: "2024-06-04",
            region: "gulf",
            tags: &["oman", "economy", "energy", "politics"],
            summary: "MUSCAT, June 4 (Reuters) - Oman will spend more on fuel subsidies this year after higher oil prices lifted state revenue, the finance ministry said on Tuesday, as the government tries to shield households from rising costs.",
            image: Some("https://img.crescent.example/2024/06/muscat-fuel-station.jpg"),
            image_caption: Some("A worker refuels a car at a petrol station in Muscat, Oman, May 28, 2024."),
            image_credit: Some("Hamad al-Busaidi/Reuters"),
            // The item names the agency (dateline and dc:creator): it beats the feed.
            source: "Reuters",
            source_url: "https://wire.crescent.example/mena/2024/06/04/oman-fuel-subsidy",
            author: None, // an agency is not a byline
            lang: None,
            imported_from: "agency_rss.xml#2",
            body: &[
                "MUSCAT, June 4 (Reuters) - Oman will spend more on fuel subsidies this year after higher oil prices lifted state revenue, the finance ministry said on Tuesday, as the government tries to shield households from rising costs.",
                "The ministry said subsidies for petrol and diesel would rise by about 15% compared with the budget approved in January.",
                "Revenue from oil and gas rose 9% in the first quarter.",
                "The deficit is expected to narrow to 1.2% of GDP.",
                // "(Adds comment from ministry in paragraph 2)" is set aside.
            ],
        },
    );
    check(
        site.path(),
        &Expected {
            path: "content/north-africa/2024-06-04-morocco-opens-tender-for-green-hydrogen-projects-on-atlantic-coast.md",
            title: "Morocco Opens Tender for Green Hydrogen Projects on Atlantic Coast",
            date: "2024-06-04",
            region: "north-africa",
            tags: &["morocco", "economy", "energy"],
            summary: "RABAT, June 4 (Crescent Wire) - Morocco invited investors on Tuesday to bid for land on its Atlantic coast to build green hydrogen plants powered by wind and solar farms, the energy ministry said.",
            // The enclosure, not the thumbnail.
            image: Some("https://img.crescent.example/2024/06/tarfaya-wind-farm.jpg"),
            // No media:description: the figure's caption, its credit split off.
            image_caption: Some("Wind turbines near Tarfaya in southern Morocco, May 15, 2024."),
            image_credit: Some("Youssef Benali/Crescent Wire"),
            source: "Crescent Wire",
            source_url: "https://wire.crescent.example/mena/2024/06/04/morocco-hydrogen-tender",
            author: Some("Youssef Benali"),
            lang: None,
            imported_from: "agency_rss.xml#3",
            body: &[
                "RABAT, June 4 (Crescent Wire) - Morocco invited investors on Tuesday to bid for land on its Atlantic coast to build green hydrogen plants powered by wind and solar farms, the energy ministry said.",
                "The first phase offers about 300,000 hectares in the south of the country. Bids will be judged on:",
                "the size of the planned investment;",
                "the share of local industry in building the plants;",
                "the use of desalinated rather than ground water.",
                "Officials expect the first projects to export ammonia to Europe before the end of the decade.",
            ],
        },
    );
    assert_eq!(written_files(site.path()).len(), 3);
}

fn kuwait(date: &str, path: &str) -> Expected<'static> {
    Expected {
        path: Box::leak(path.to_string().into_boxed_str()),
        title: "Kuwait’s Parliament Approves Budget After Months of Delay",
        date: Box::leak(date.to_string().into_boxed_str()),
        region: "gulf",
        tags: &["kuwait", "economy", "energy", "politics"],
        summary: "Kuwait’s National Assembly approved the state budget late on Tuesday, ending a standoff with the cabinet that had held up spending on housing and roads since the start of the fiscal year.",
        image: None,
        image_caption: None,
        image_credit: None,
        source: "Gulf & Levant Monitor",
        source_url: "https://monitor.example.com/gulf/kuwait-parliament-budget",
        author: Some("Sara Malik"),
        lang: None,
        imported_from: "description_rss.xml#1",
        body: &[
            "Kuwait’s National Assembly approved the state budget late on Tuesday, ending a standoff with the cabinet that had held up spending on housing and roads since the start of the fiscal year.",
            "Lawmakers voted 38 to 12 for the spending plan, which projects a deficit for the tenth year in a row.",
            "The finance minister said the government would present a plan to reduce reliance on oil within six months.",
        ],
    }
}

fn iraq(date: &str, path: &str) -> Expected<'static> {
    Expected {
        path: Box::leak(path.to_string().into_boxed_str()),
        title: "Iraq Reopens Baghdad Road Closed Since 2003",
        date: Box::leak(date.to_string().into_boxed_str()),
        region: "middle-east",
        tags: &["iraq", "politics"],
        summary: "Iraqi authorities reopened a main road through central Baghdad on Wednesday that had been closed to traffic for more than two decades behind concrete blast walls.",
        image: None,
        image_caption: None,
        image_credit: None,
        source: "Gulf & Levant Monitor",
        source_url: "https://monitor.example.com/levant/iraq-baghdad-road-reopens",
        author: Some("Karim Aziz"),
        lang: None,
        imported_from: "description_rss.xml#2",
        body: &[
            "Iraqi authorities reopened a main road through central Baghdad on Wednesday that had been closed to traffic for more than two decades behind concrete blast walls.",
            "Drivers sounded their horns as the first cars passed the former checkpoint near the river, and shop owners said they hoped customers would return.",
            "The prime minister's office said more roads would reopen this year as part of a plan to ease congestion in the capital.",
        ],
    }
}

/// RFC 822 dates at -04:00: "Tue, 04 Jun 2024 21:40:00 -0400" is 01:40 UTC and 04:40
/// in Riyadh on June 5; "Wed, 05 Jun 2024 17:05:00 -0400" is 21:05 UTC on June 5 and
/// 00:05 in Riyadh on June 6. Each site dates them in its own time zone.
#[test]
fn description_only_rss_dates_in_the_site_time_zone() {
    let riyadh = site_in("Asia/Riyadh");
    let report = import(riyadh.path(), &[fixture("description_rss.xml")]);
    assert!(!report.has_errors(), "{}", report.render_text());
    let dates: Vec<&str> = only_file(&report)
        .articles
        .iter()
        .map(|a| a.date.as_str())
        .collect();
    assert_eq!(dates, ["2024-06-05", "2024-06-06"]);
    check(
        riyadh.path(),
        &kuwait(
            "2024-06-05",
            "content/gulf/2024-06-05-kuwaits-parliament-approves-budget-after-months-of-delay.md",
        ),
    );
    check(
        riyadh.path(),
        &iraq(
            "2024-06-06",
            "content/middle-east/2024-06-06-iraq-reopens-baghdad-road-closed-since-2003.md",
        ),
    );
    assert_eq!(
        only_file(&report).articles[0].noise_removed[0].text,
        "Read more"
    );

    let utc = site();
    let report = import(utc.path(), &[fixture("description_rss.xml")]);
    let dates: Vec<&str> = only_file(&report)
        .articles
        .iter()
        .map(|a| a.date.as_str())
        .collect();
    assert_eq!(dates, ["2024-06-05", "2024-06-05"]);
    check(
        utc.path(),
        &iraq(
            "2024-06-05",
            "content/middle-east/2024-06-05-iraq-reopens-baghdad-road-closed-since-2003.md",
        ),
    );

    // Los Angeles is behind both offsets: the first item is still June 4 there.
    let la = site_in("America/Los_Angeles");
    let report = import(la.path(), &[fixture("description_rss.xml")]);
    let dates: Vec<&str> = only_file(&report)
        .articles
        .iter()
        .map(|a| a.date.as_str())
        .collect();
    assert_eq!(dates, ["2024-06-04", "2024-06-05"]);
}

#[test]
fn atom_entries_with_content_and_with_summary_only() {
    let site = site();
    let report = import(site.path(), &[fixture("atom.xml")]);
    assert!(!report.has_errors(), "{}", report.render_text());
    assert_eq!(only_file(&report).articles.len(), 2);
    check(
        site.path(),
        &Expected {
            path: "content/north-africa/2024-06-05-egypts-central-bank-holds-rates-as-inflation-eases.md",
            // type="html": entities decoded, <em> stripped.
            title: "Egypt’s Central Bank Holds Rates as Inflation Eases",
            date: "2024-06-05",
            region: "north-africa",
            tags: &["egypt", "economy", "finance", "energy"],
            summary: "CAIRO - Egypt’s central bank kept its main interest rate unchanged on Wednesday for a second meeting in a row, saying inflation had slowed faster than expected since the currency was allowed to float in March.",
            image: Some("https://nilecedar.example.net/media/cairo-bank-district.jpg"),
            image_caption: None,
            image_credit: None,
            source: "Nile & Cedar Review",
            source_url: "https://nilecedar.example.net/2024/06/egypt-central-bank-holds-rates",
            author: Some("Mona Farid"),
            lang: None,
            imported_from: "atom.xml#1",
            body: &[
                "CAIRO - Egypt’s central bank kept its main interest rate unchanged on Wednesday for a second meeting in a row, saying inflation had slowed faster than expected since the currency was allowed to float in March.",
                "## Prices still high",
                "Annual urban inflation fell to 28.1% in May from 32.5% in April, official data showed, although bread and cooking oil remain far more expensive than a year ago.",
                "Economists polled before the decision had mostly expected no change.",
            ],
        },
    );
    check(
        site.path(),
        &Expected {
            path: "content/middle-east/2024-06-05-lebanon-extends-deadline-for-bids-to-run-beirut-port-container-terminal.md",
            title: "Lebanon Extends Deadline for Bids to Run Beirut Port Container Terminal",
            // Only <updated>: 23:45 at +03:00 is 20:45 UTC, still June 5.
            date: "2024-06-05",
            region: "middle-east",
            tags: &["lebanon"],
            summary: "BEIRUT - Lebanon extended the deadline for companies to bid for a ten-year contract to run the container terminal at Beirut port, the transport ministry said on Wednesday.",
            image: None,
            image_caption: None,
            image_credit: None,
            source: "Nile & Cedar Review",
            source_url: "https://nilecedar.example.net/2024/06/lebanon-beirut-port-bids",
            author: Some("Rami Khoury"),
            lang: None,
            imported_from: "atom.xml#2",
            body: &[
                "BEIRUT - Lebanon extended the deadline for companies to bid for a ten-year contract to run the container terminal at Beirut port, the transport ministry said on Wednesday.",
                "Three international operators have asked for more time to study the offer, a ministry official said.",
            ],
        },
    );
    // In Beirut's own time zone (+03:00 in summer) the summary-only entry is June 5 too,
    // and in Riyadh it stays June 5 (23:45).
    let riyadh = site_in("Asia/Riyadh");
    let report = import(riyadh.path(), &[fixture("atom.xml")]);
    assert_eq!(only_file(&report).articles[1].date, "2024-06-05");
}

#[test]
fn json_feed_with_html_and_text_items() {
    let site = site();
    let report = import(site.path(), &[fixture("feed.json")]);
    assert!(!report.has_errors(), "{}", report.render_text());
    assert_eq!(only_file(&report).articles.len(), 2);
    check(
        site.path(),
        &Expected {
            path: "content/gulf/2024-06-07-qatar-awards-contracts-for-second-phase-of-lng-expansion.md",
            title: "Qatar Awards Contracts for Second Phase of LNG Expansion",
            date: "2024-06-07",
            region: "gulf",
            tags: &["qatar", "energy"],
            summary: "DOHA - Qatar awarded construction contracts on Friday for the second phase of its liquefied natural gas expansion, which the state energy company says will raise output by nearly two thirds by 2030.",
            image: Some("https://brief.example.org/images/ras-laffan.jpg"),
            image_caption: None,
            image_credit: None,
            source: "Peninsula Brief",
            source_url: "https://brief.example.org/2024/06/07/qatar-lng-expansion",
            author: Some("Huda Al-Mannai and Tom Wright"),
            lang: None, // en-GB: the site's language
            imported_from: "feed.json#1",
            body: &[
                "DOHA - Qatar awarded construction contracts on Friday for the second phase of its liquefied natural gas expansion, which the state energy company says will raise output by nearly two thirds by 2030.",
                "The contracts cover two processing trains and a new export jetty at Ras Laffan, the company said.",
                "## Buyers in Asia and Europe",
                "Long-term supply deals have already been signed with buyers in China, Germany and India.",
            ],
        },
    );
    check(
        site.path(),
        &Expected {
            path: "content/north-africa/2024-06-07-tunisias-olive-oil-exports-reach-record-value.md",
            title: "Tunisia's Olive Oil Exports Reach Record Value",
            // 00:30 at +01:00 on June 8 is 23:30 UTC on June 7.
            date: "2024-06-07",
            region: "north-africa",
            tags: &[
                "tunisia",
                "spain",
                "italy",
                "economy",
                "energy",
                "climate",
                "agriculture",
            ],
            summary: "Tunisia earned more from olive oil exports in the first seven months of the season than in any full season before, the agriculture ministry said on Saturday.",
            image: None,
            image_caption: None,
            image_credit: None,
            source: "Peninsula Brief",
            source_url: "https://brief.example.org/2024/06/08/tunisia-olive-oil-exports",
            // The feed's author stands for items without their own.
            author: Some("Peninsula Brief desk"),
            lang: None,
            imported_from: "feed.json#2",
            body: &[
                "Tunisia earned more from olive oil exports in the first seven months of the season than in any full season before, the agriculture ministry said on Saturday.",
                "Prices rose sharply after drought cut harvests in Spain and Italy, although Tunisian farmers also gathered a smaller crop than usual.",
                "The ministry said it would help producers sell more bottled oil under Tunisian brands instead of in bulk.",
            ],
        },
    );
    let riyadh = site_in("Asia/Riyadh");
    let report = import(riyadh.path(), &[fixture("feed.json")]);
    assert_eq!(only_file(&report).articles[1].date, "2024-06-08");
}

#[test]
fn arabic_feed_items_are_arabic() {
    let site = site();
    let report = import(site.path(), &[fixture("arabic_rss.xml")]);
    assert!(!report.has_errors(), "{}", report.render_text());
    let file = only_file(&report);
    assert_eq!(file.articles.len(), 2);
    assert_eq!(
        file.articles[0].noise_removed[0].text,
        "اقرأ أيضاً: ارتفاع أسعار الوقود في الأردن للشهر الثالث"
    );
    assert_eq!(file.articles[1].noise_removed[0].text, "اقرأ المزيد");
    check(
        site.path(),
        &Expected {
            path: "content/middle-east/2024-06-09-alardn-ytlq-khta-ltwsya-shbka-alnql-alaam-fy-alaasma.md",
            title: "الأردن يطلق خطة لتوسيع شبكة النقل العام في العاصمة",
            date: "2024-06-09",
            region: "middle-east",
            tags: &["jordan"],
            summary: "أعلنت الحكومة الأردنية يوم الأحد خطة لتوسيع شبكة النقل العام في العاصمة، تشمل خطوط حافلات جديدة تربط الأحياء الشرقية بوسط المدينة.",
            image: Some("https://ar.hilal.example/img/amman-bus.jpg"),
            image_caption: Some("حافلة للنقل السريع في أحد شوارع عمّان"),
            image_credit: Some("AFP"),
            source: "الهلال الإخباري",
            source_url: "https://ar.hilal.example/news/2024/06/09/amman-transport",
            author: Some("نور الخطيب"),
            lang: Some("ar"),
            imported_from: "arabic_rss.xml#1",
            body: &[
                "أعلنت الحكومة الأردنية يوم الأحد خطة لتوسيع شبكة النقل العام في العاصمة، تشمل خطوط حافلات جديدة تربط الأحياء الشرقية بوسط المدينة.",
                "وقال وزير النقل إن الخطة تهدف إلى تخفيف الازدحام وخفض كلفة التنقل على الموظفين والطلاب.",
                "ومن المتوقع أن يبدأ تشغيل الخطوط الأولى قبل نهاية العام الجاري.",
            ],
        },
    );
    check(
        site.path(),
        &Expected {
            path: "content/north-africa/2024-06-09-almghrb-yftth-akbr-mhta-lthlya-myah-albhr-fy-aldar-albyda.md",
            title: "المغرب يفتتح أكبر محطة لتحلية مياه البحر في الدار البيضاء",
            date: "2024-06-09",
            region: "north-africa",
            tags: &["morocco"],
            summary: "افتتح المغرب يوم الأحد محطة لتحلية مياه البحر قرب الدار البيضاء، في إطار جهود مواجهة الجفاف الذي يضرب البلاد منذ ست سنوات.",
            image: None,
            image_caption: None,
            image_credit: None,
            source: "الهلال الإخباري",
            source_url: "https://ar.hilal.example/news/2024/06/09/casablanca-desalination",
            author: Some("سمير العلوي"),
            lang: Some("ar"),
            imported_from: "arabic_rss.xml#2",
            body: &[
                "افتتح المغرب يوم الأحد محطة لتحلية مياه البحر قرب الدار البيضاء، في إطار جهود مواجهة الجفاف الذي يضرب البلاد منذ ست سنوات.",
                "## مياه لملايين السكان",
                "وتوفر المحطة مياه الشرب لنحو سبعة ملايين نسمة، كما تزود المزارعين بجزء من مياه الري.",
            ],
        },
    );
}

#[test]
fn untitled_and_bodiless_items_are_reported_and_the_others_imported() {
    let site = site();
    let report = import(site.path(), &[fixture("partial_rss.xml")]);
    assert!(report.has_errors());
    let file = only_file(&report);
    assert_eq!(file.error, None);
    assert_eq!(file.articles.len(), 1);
    check(
        site.path(),
        &Expected {
            path: "content/north-africa/2024-06-10-sudan-reopens-port-sudan-airport-to-commercial-flights.md",
            title: "Sudan Reopens Port Sudan Airport to Commercial Flights",
            // 07:20 at +03:00 is 04:20 UTC.
            date: "2024-06-10",
            region: "north-africa",
            tags: &["sudan"],
            summary: "Sudan reopened the airport in Port Sudan to commercial flights on Monday after repairs to the runway, the civil aviation authority said.",
            image: None,
            image_caption: None,
            image_credit: None,
            source: "Red Sea Notes",
            source_url: "https://redsea.example.org/sudan-airport-reopens",
            author: None,
            lang: None,
            imported_from: "partial_rss.xml#1",
            body: &["Sudan reopened the airport in Port Sudan to commercial flights on Monday after repairs to the runway, the civil aviation authority said."],
        },
    );
    let messages: Vec<&str> = file.unplaced.iter().map(|u| u.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "article #2: a feed item with no title; nothing written for it",
            "article #3: an article title with no body; nothing written for it",
        ]
    );
    assert_eq!(
        file.unplaced[0].lines[0].text,
        "Fishermen in Suakin say catches have fallen since the winter."
    );
    assert_eq!(
        file.unplaced[1].lines[0].text,
        "Yemen Talks Set to Resume in Muscat"
    );
    assert_eq!(written_files(site.path()).len(), 1);
}

#[test]
fn empty_and_malformed_feeds_are_errors_and_nothing_is_written() {
    let site = site();
    let report = import(
        site.path(),
        &[
            fixture("empty_rss.xml"),
            fixture("malformed.xml"),
            fixture("atom.xml"),
        ],
    );
    assert!(report.has_errors());
    assert_eq!(
        report.files[0].error.as_deref(),
        Some("an empty RSS 2.0 feed: it has no items, so there is no article to import")
    );
    assert_eq!(
        report.files[1].error.as_deref(),
        Some("not a readable feed: the XML is malformed (line 7: </titel> where </title> (opened on line 7) should close); nothing imported from it")
    );
    assert!(report.files[0].articles.is_empty() && report.files[1].articles.is_empty());
    // The good file of the same run is still imported, and only it.
    assert_eq!(report.files[2].error, None);
    assert_eq!(written_files(site.path()).len(), 2);
    let text = report.render_text();
    assert!(
        text.contains("empty_rss.xml: an empty RSS 2.0 feed"),
        "{text}"
    );
    assert!(
        text.contains("malformed.xml: not a readable feed: the XML is malformed"),
        "{text}"
    );
}

#[test]
fn a_feed_is_known_by_its_content_not_its_name() {
    let site = site();
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("wire-copy.txt");
    fs::copy(fixture("atom.xml"), &renamed).unwrap();
    let report = import(site.path(), std::slice::from_ref(&renamed));
    assert!(!report.has_errors(), "{}", report.render_text());
    let titles: Vec<&str> = only_file(&report)
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Egypt’s Central Bank Holds Rates as Inflation Eases",
            "Lebanon Extends Deadline for Bids to Run Beirut Port Container Terminal"
        ]
    );
    // Twice: already imported, nothing written again.
    let again = import(site.path(), &[renamed]);
    for a in &only_file(&again).articles {
        assert_eq!(a.status, Status::AlreadyImported, "{}", again.render_text());
    }
}

// ---------------------------------------------------------------------------------------
// End to end, through the binary.

fn gazette(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write as _;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(if stdin.is_some() {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
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

#[test]
fn binary_refuses_empty_and_malformed_feeds_with_exit_code_1() {
    for name in ["empty_rss.xml", "malformed.xml"] {
        let site = site();
        let root = site.path().to_str().unwrap();
        let path = fixture(name);
        let (code, stdout, stderr) =
            gazette(&["import", "--root", root, path.to_str().unwrap()], None);
        assert_eq!(code, 1, "{name}:\n{stdout}\n{stderr}");
        let all = format!("{stdout}{stderr}");
        assert!(
            all.contains(&format!("{name}: ")),
            "the error names the file:\n{all}"
        );
        let why = if name == "empty_rss.xml" {
            "an empty RSS 2.0 feed"
        } else {
            "the XML is malformed"
        };
        assert!(all.contains(why), "{all}");
        assert!(all.contains("0 written"), "{all}");
        assert!(written_files(site.path()).is_empty(), "{name}");
        assert!(!site.path().join("content").exists() || written_files(site.path()).is_empty());
    }
}

#[test]
fn binary_imports_every_good_feed_and_stdin_and_the_site_builds() {
    let site = site();
    let root = site.path().to_str().unwrap();
    let paths: Vec<String> = [
        "agency_rss.xml",
        "description_rss.xml",
        "atom.xml",
        "arabic_rss.xml",
    ]
    .iter()
    .map(|n| fixture(n).to_string_lossy().into_owned())
    .collect();
    let mut args = vec!["import", "--root", root];
    args.extend(paths.iter().map(String::as_str));
    let (code, stdout, stderr) = gazette(&args, None);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("9 written"), "{stdout}");
    // A JSON Feed on standard input.
    let json = fs::read_to_string(fixture("feed.json")).unwrap();
    let (code, stdout, stderr) = gazette(&["import", "--root", root, "-"], Some(&json));
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("wrote content/gulf/2024-06-07-qatar-awards-contracts-for-second-phase-of-lng-expansion.md"),
        "{stdout}"
    );
    assert_eq!(written_files(site.path()).len(), 11);
    let (code, stdout, stderr) = gazette(&["build", "--root", root], None);
    assert_eq!(
        code, 0,
        "every imported item must build:\n{stdout}\n{stderr}"
    );
}

/// An item whose photo address has a script scheme is imported without the photo (the
/// HTML reader already dropped such addresses; `check` refuses them).
#[test]
fn an_items_image_with_a_script_scheme_is_left_out() {
    let site = site();
    let feed = site.path().join("hostile_rss.xml");
    fs::write(
        &feed,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Desk wire</title><link>https://wire.example.org/</link><description>Wire</description>
<item>
  <title>Port of Aqaba extends its night shifts for grain ships</title>
  <link>https://wire.example.org/aqaba-night-shifts</link>
  <pubDate>Tue, 27 May 2025 08:00:00 GMT</pubDate>
  <media:content url="javascript:alert(1)" medium="image" type="image/jpeg"/>
  <description>&lt;p&gt;The port of Aqaba will keep its grain berths open through the night until the end of the summer, its operator said on Tuesday.&lt;/p&gt;&lt;p&gt;Shipping agents had asked for the change after queues of bulk carriers grew to nine days.&lt;/p&gt;</description>
</item>
<item>
  <title>Amman opens a second bus rapid transit line</title>
  <link>https://wire.example.org/amman-brt</link>
  <pubDate>Tue, 27 May 2025 09:00:00 GMT</pubDate>
  <media:content url="https://img.wire.example.org/brt.jpg" medium="image" type="image/jpeg"/>
  <description>&lt;p&gt;Amman opened the second line of its bus rapid transit network on Tuesday, linking the city centre with the eastern suburbs.&lt;/p&gt;&lt;p&gt;The line carries up to 40,000 passengers a day, the municipality said.&lt;/p&gt;</description>
</item>
</channel></rss>
"#,
    )
    .unwrap();
    let report = import(site.path(), &[feed]);
    assert!(!report.has_errors(), "{}", report.render_text());
    let written = written_files(site.path());
    assert_eq!(written.len(), 2, "{written:?}");
    let texts: Vec<String> = written
        .iter()
        .map(|f| fs::read_to_string(site.path().join(f)).unwrap())
        .collect();
    let aqaba = texts.iter().find(|t| t.contains("Aqaba")).unwrap();
    assert!(!aqaba.contains("javascript"), "{aqaba}");
    assert!(!aqaba.contains("\nimage:"), "{aqaba}");
    let amman = texts.iter().find(|t| t.contains("Amman")).unwrap();
    assert!(
        amman.contains("image: https://img.wire.example.org/brt.jpg"),
        "{amman}"
    );
}

//! Feed import speed, on one core: `cargo run --release --example feed_bench -- [N]`.
//! Generates N items as RSS 2.0 (content:encoded HTML with a subheading, a list, a
//! blockquote, a figure, a tracking pixel and a feed trailer; media:content with
//! description and credit) and as JSON Feed 1.1, 100 items per feed file, then times
//! the feed reader alone (parse + HTML to paragraphs) and `gazette::import::run` end to
//! end on the RSS files (reading, classifying, dating, near-duplicate checks, writing).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const COUNTRIES: &[&str] = &[
    "Iraq", "Syria", "Lebanon", "Jordan", "Iran", "Turkey", "Qatar", "Kuwait", "Oman", "Yemen",
    "Egypt", "Libya", "Tunisia", "Algeria", "Morocco", "Sudan", "Kenya", "France", "Brazil",
    "India",
];
const WORDS: &[&str] = &[
    "officials",
    "said",
    "talks",
    "government",
    "minister",
    "on",
    "the",
    "of",
    "a",
    "new",
    "agreement",
    "over",
    "border",
    "security",
    "economy",
    "oil",
    "prices",
    "rose",
    "after",
    "week",
    "meeting",
    "with",
    "regional",
    "leaders",
    "and",
    "plans",
    "water",
    "trade",
    "investment",
    "farmers",
    "harvest",
    "election",
    "parliament",
    "vote",
    "aid",
    "drought",
    "energy",
    "solar",
    "project",
    "budget",
    "banks",
    "sanctions",
];

fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = String::from("Officials");
    for i in 0..n {
        s.push(' ');
        s.push_str(if i % 9 == 4 {
            rng.pick(COUNTRIES)
        } else {
            rng.pick(WORDS)
        });
    }
    s.push('.');
    s
}

fn paragraphs(rng: &mut Rng) -> Vec<String> {
    let n = 6 + (rng.next() % 7) as usize;
    (0..n)
        .map(|_| {
            let words = 25 + (rng.next() % 30) as usize;
            sentence(rng, words)
        })
        .collect()
}

fn title(rng: &mut Rng, i: usize) -> String {
    format!(
        "{} {} {} Story {i}",
        rng.pick(COUNTRIES),
        rng.pick(&["Says", "Plans", "Opens", "Warns"]),
        rng.pick(WORDS)
    )
}

fn rss_item(rng: &mut Rng, i: usize) -> String {
    let title = title(rng, i);
    let body = paragraphs(rng);
    let mut html = String::new();
    let _ = write!(
        html,
        "<figure><img src=\"https://img.example.org/{i}.jpg\"/><figcaption>A view, June 3, 2024. (AFP)</figcaption></figure>"
    );
    for (k, p) in body.iter().enumerate() {
        match k {
            2 => {
                let _ = write!(html, "<h2>Section {k}</h2><p>{p}</p>");
            }
            3 => {
                let _ = write!(html, "<blockquote><p>&ldquo;{p}&rdquo;</p></blockquote>");
            }
            4 => {
                let _ = write!(html, "<ul><li>{p}</li><li>Second point.</li></ul>");
            }
            _ => {
                let _ = writeln!(html, "<p>{p}</p>");
            }
        }
    }
    html.push_str(
        "<p><img src=\"https://stats.example.org/pixel.gif\" width=\"1\" height=\"1\"/></p>",
    );
    let _ = write!(
        html,
        "<p>The post <a href=\"#\">{title}</a> appeared first on <a href=\"#\">Bench Wire</a>.</p>"
    );
    format!(
        "<item><title>{title}</title><link>https://wire.example.org/{i}</link>\
         <guid isPermaLink=\"false\">bench-{i}</guid><dc:creator>Desk {}</dc:creator>\
         <pubDate>Tue, 04 Jun 2024 {:02}:{:02}:00 +0300</pubDate>\
         <media:content url=\"https://img.example.org/{i}.jpg\" type=\"image/jpeg\" width=\"1200\">\
         <media:description>Delegates arrive for talks, June 3, 2024.</media:description>\
         <media:credit>Jane Roe/Reuters</media:credit></media:content>\
         <description><![CDATA[{}]]></description>\
         <content:encoded><![CDATA[{html}]]></content:encoded></item>\n",
        i % 7,
        i % 24,
        i % 60,
        body[0]
    )
}

fn rss_feed(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\">\
         <channel><title>Bench Wire - World</title><link>https://wire.example.org/</link>\
         <language>en</language>\n{}</channel></rss>\n",
        items.concat()
    )
}

fn json_feed(rng: &mut Rng, from: usize, count: usize) -> String {
    let items: Vec<serde_json::Value> = (from..from + count)
        .map(|i| {
            let title = title(rng, i);
            let html: String = paragraphs(rng)
                .iter()
                .map(|p| format!("<p>{p}</p>"))
                .collect();
            serde_json::json!({
                "id": format!("https://brief.example.org/{i}"),
                "url": format!("https://brief.example.org/{i}"),
                "title": title,
                "content_html": html,
                "image": format!("https://brief.example.org/{i}.jpg"),
                "date_published": "2024-06-07T14:20:00+03:00",
                "authors": [{"name": "Desk"}],
            })
        })
        .collect();
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Bench Brief",
        "items": items,
    })
    .to_string()
}

fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

fn report(label: &str, n: usize, wall: f64, cpu: Option<f64>) {
    let per = |s: f64| n as f64 / s.max(0.001);
    let cpu = cpu
        .map(|c| format!("; {c:.2}s CPU = {:.0} items per CPU second", per(c)))
        .unwrap_or_default();
    println!(
        "{label}: {n} items in {wall:.3}s wall = {:.0} items/s{cpu}",
        per(wall)
    );
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5_000);
    let root: PathBuf =
        std::env::temp_dir().join(format!("gazette-feed-bench-{}", std::process::id()));
    let raw_dir = root.join("raw");
    std::fs::create_dir_all(&raw_dir)?;
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("site.yaml"),
        root.join("site.yaml"),
    )?;
    let mut rng = Rng(0x5EED_F00D_2E77_E001);
    let mut rss = Vec::new();
    let mut json = Vec::new();
    for file in 0..n.div_ceil(100) {
        let count = 100.min(n - file * 100);
        let items: Vec<String> = (0..count)
            .map(|i| rss_item(&mut rng, file * 100 + i))
            .collect();
        let text = rss_feed(&items);
        std::fs::write(raw_dir.join(format!("{file:04}.xml")), &text)?;
        rss.push(text);
        json.push(json_feed(&mut rng, file * 100, count));
    }

    for (label, feeds) in [
        ("feed reader, RSS 2.0 (parse + HTML)", &rss),
        ("feed reader, JSON Feed (parse + HTML)", &json),
    ] {
        let start = Instant::now();
        let cpu = cpu_seconds();
        let mut items = 0;
        for text in feeds {
            let file = gazette::import::source::feed::read(text).map_err(anyhow::Error::msg)?;
            items += file.articles.len();
        }
        let cpu = cpu.and_then(|c| Some(cpu_seconds()? - c));
        report(label, items, start.elapsed().as_secs_f64(), cpu);
    }

    let options = gazette::import::ImportOptions {
        progress: false,
        lang: None,
        root: root.clone(),
        into: None,
        date: None,
        dry_run: false,
        force: false,
        json_report: false,
        paths: vec![raw_dir.clone()],
    };
    let start = Instant::now();
    let cpu = cpu_seconds();
    let result = gazette::import::run(&options)?;
    let cpu = cpu.and_then(|c| Some(cpu_seconds()? - c));
    let written = result
        .articles()
        .filter(|a| a.status == gazette::import::Status::Written)
        .count();
    report(
        "end to end, RSS 2.0 (gazette::import::run, files written)",
        written,
        start.elapsed().as_secs_f64(),
        cpu,
    );
    if result.has_errors() {
        eprintln!("{}", result.render_text());
    }
    std::fs::remove_dir_all(&root)?;
    Ok(())
}

//! Source readers: each turns one kind of raw material into the same `RawArticle`s, so
//! that classification, dating and writing are shared and a new source is one new
//! reader. The kind is judged by the content, not the file name: a saved page named
//! `.txt` is still HTML, and a CSV named `.txt` is still not an article.
//!
//! - `plain`: agency wire copy and text copied from a news web page;
//! - `html`: saved HTML pages (the article, not the page around it);
//! - `feed`: RSS 2.0, Atom and JSON Feed, one article per item.

pub mod feed;
pub mod html;
mod markup;
pub mod plain;

use super::raw::RawFile;

/// The kinds of raw material a reader exists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Html,
    Feed,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Plain => "text",
            Kind::Html => "HTML page",
            Kind::Feed => "feed",
        }
    }
}

/// How much of the start of a file is looked at to tell its kind.
const SNIFF: usize = 4096;

/// What decoded text holds, from its content. An error names what the file is instead
/// (a table, JSON or XML that is not a feed) when that is not an article in any form.
pub fn detect(text: &str) -> Result<Kind, String> {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let mut end = start.len().min(SNIFF);
    while !start.is_char_boundary(end) {
        end -= 1;
    }
    let head = start[..end].to_ascii_lowercase();
    if head.starts_with('{') || head.starts_with('[') {
        return if head.contains("jsonfeed.org/version") {
            Ok(Kind::Feed)
        } else {
            Err("JSON that is not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\"); not an article".into())
        };
    }
    if head.starts_with('<') {
        let after_prolog = skip_xml_prolog(&head);
        if ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .any(|tag| after_prolog.starts_with(tag))
        {
            return Ok(Kind::Feed);
        }
        if html_start(after_prolog) {
            return Ok(Kind::Html);
        }
        if head.starts_with("<?xml") {
            let root: String = after_prolog
                .chars()
                .skip(1)
                .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
                .collect();
            return Err(format!(
                "XML with root element <{root}>, not an RSS, Atom or HTML document; not an article"
            ));
        }
    }
    if let Some(shape) = table_shape(start) {
        return Err(format!(
            "a table ({shape}), not article text; nothing imported from it"
        ));
    }
    Ok(Kind::Plain)
}

/// Skip `<?xml …?>`, comments, `<!DOCTYPE rss…>` and whitespace before the root element.
fn skip_xml_prolog(head: &str) -> &str {
    let mut rest = head.trim_start();
    loop {
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|i| &rest[i + 2..])
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| &rest[i + 3..])
        } else if rest.starts_with("<!doctype") && !rest.starts_with("<!doctype html") {
            rest.find('>').map(|i| &rest[i + 1..])
        } else {
            None
        };
        match skipped {
            Some(next) => rest = next.trim_start(),
            None => return rest,
        }
    }
}

/// A document that opens like an HTML page (or a fragment of one saved from a browser).
fn html_start(head: &str) -> bool {
    const OPENERS: &[&str] = &[
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<article",
        "<main",
    ];
    OPENERS.iter().any(|o| {
        head.starts_with(o)
            && head[o.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '>')
    })
}

/// Rows of delimited fields: at least three non-blank lines, every one with the same
/// number (two or more) of one delimiter outside quotes. Prose never keeps its comma count that steady.
fn table_shape(text: &str) -> Option<String> {
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    if rows.len() < 3 {
        return None;
    }
    for (delimiter, name) in [
        (',', "CSV"),
        ('\t', "tab-separated"),
        (';', "semicolon-separated"),
        ('|', "pipe-separated"),
    ] {
        // Delimiters inside a quoted field ("Egypt, IMF agree") do not count.
        let count = |row: &str| {
            let mut quoted = false;
            row.chars()
                .filter(|&c| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    c == delimiter && !quoted
                })
                .count()
        };
        let first = count(rows[0]);
        if first >= 2 && rows.iter().all(|r| count(r) == first) {
            return Some(format!("{name}, {} fields per row", first + 1));
        }
    }
    None
}

/// Read decoded text into articles with the reader for its kind. `Err` means the file is
/// not an article in any form gazette reads (why, in words for the editor); nothing is
/// written for it.
pub fn read(text: &str) -> Result<(Kind, RawFile), String> {
    let kind = detect(text)?;
    let mut file = match kind {
        Kind::Plain => plain::split(text),
        Kind::Html => html::read(text)?,
        Kind::Feed => feed::read(text)?,
    };
    if kind != Kind::Plain {
        strip_kickers(&mut file);
    }
    Ok((kind, file))
}

/// Wire kickers off the titles of feed items and pages ("UPDATE 2-", "EXCLUSIVE-",
/// "Analysis: "), as the text reader does while it reads; the title as written is kept
/// aside for the report.
fn strip_kickers(file: &mut RawFile) {
    for article in &mut file.articles {
        let (title, kicker) = plain::strip_kicker(&article.title.text);
        if kicker.is_some() && !title.trim().is_empty() {
            let title = title.trim().to_string();
            article.facts.set_aside.push(article.title.clone());
            article.title.text = title;
        }
    }
}

/// Whether an image address may go into front matter: a web address or a path; never
/// `javascript:`, `data:` or another scheme (`check` would refuse the article).
fn usable_image_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || !lower.split('/').next().unwrap_or_default().contains(':')
}

/// Move the body lines that repeat `caption` (a photo's caption printed again as text)
/// to `duplicates`: the HTML and feed readers take the caption from markup first.
fn drop_caption_repeats(
    body: Vec<crate::import::raw::RawLine>,
    caption: Option<&crate::import::raw::Caption>,
    duplicates: &mut Vec<crate::import::raw::RawLine>,
) -> Vec<crate::import::raw::RawLine> {
    let Some(c) = caption else {
        return body;
    };
    let (kept, repeats): (Vec<_>, Vec<_>) = body
        .into_iter()
        .partition(|b| !plain::same_line(&b.text, &c.text) && !plain::same_line(&b.text, &c.raw));
    duplicates.extend(repeats);
    kept
}

/// Move trailing headings with nothing under them ("Related", "More on this", an empty
/// section) from the body to `noise`.
fn drop_trailing_headings(
    body: &mut Vec<crate::import::raw::RawLine>,
    noise: &mut Vec<crate::import::raw::RawLine>,
) {
    while body.last().is_some_and(|b| b.heading) {
        noise.extend(body.pop());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kickers_leave_feed_and_page_titles() {
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title>\
            <item><title>UPDATE 2-Lebanon's central bank caps dollar withdrawals</title>\
            <description>The bank said on Tuesday it would cap withdrawals.</description></item>\
            <item><title>Jordan orders water rationing</title>\
            <description>The government approved a plan on Wednesday.</description></item>\
            </channel></rss>";
        let (_, file) = read(rss).unwrap();
        let titles: Vec<&str> = file
            .articles
            .iter()
            .map(|a| a.title.text.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Lebanon's central bank caps dollar withdrawals",
                "Jordan orders water rationing"
            ]
        );
        assert_eq!(
            file.articles[0].facts.set_aside[0].text,
            "UPDATE 2-Lebanon's central bank caps dollar withdrawals"
        );
        let page = "<!DOCTYPE html><html><body><article><h1>EXCLUSIVE-Qatar weighs new LNG deal</h1>\
            <p>Qatar is in talks with buyers in Asia over a new long-term supply deal, sources said.</p>\
            <p>The talks could conclude before the end of the year, two of the sources said.</p>\
            </article></body></html>";
        let (_, file) = read(page).unwrap();
        assert_eq!(file.articles[0].title.text, "Qatar weighs new LNG deal");
    }

    #[test]
    fn kinds_by_content() {
        let cases: &[(&str, Result<Kind, &str>)] = &[
            ("Title\n\nBEIRUT (Reuters) - Body text.\n", Ok(Kind::Plain)),
            ("<!DOCTYPE html>\n<html lang=en><body><h1>T</h1></body></html>", Ok(Kind::Html)),
            ("  <html><head><title>x</title></head></html>", Ok(Kind::Html)),
            ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>", Ok(Kind::Feed)),
            ("<?xml version=\"1.0\"?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\"/>", Ok(Kind::Feed)),
            ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", Ok(Kind::Feed)),
            ("{\"name\": \"not a feed\"}", Err("JSON that is not a JSON Feed")),
            ("<?xml version=\"1.0\"?><catalog><book/></catalog>", Err("root element <catalog>")),
            ("id,title,date\n1,Floods,2024-06-04\n2,Talks,2024-06-05\n", Err("CSV, 3 fields per row")),
            ("id,title,n\n1,\"Egypt, IMF agree\",3\n2,Talks,4\n", Err("CSV, 3 fields per row")),
            // A raw article whose first line is markup-like text stays text.
            ("<img src=x onerror=alert(1)> in a title\n\nBody line one.\n", Ok(Kind::Plain)),
            // Prose with commas is not a table.
            ("Talks resume\n\nIn Amman, Jordan, officials met.\nThey said, once more, talks go on.\nA third, final, line.\n", Ok(Kind::Plain)),
        ];
        for (text, want) in cases {
            match (detect(text), want) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{text}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{got:?} for {text}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn html_pages_go_to_the_page_reader() {
        let page = "<!DOCTYPE html><html lang=en><head><title>Talks resume in Doha | Gulf Desk</title></head>\
            <body><nav><a href=/>Home</a></nav><article><h1>Talks resume in Doha</h1>\
            <p>DOHA - Negotiators returned to the Qatari capital on Monday for a new round of talks, officials said.</p>\
            </article></body></html>";
        let (kind, file) = read(page).unwrap();
        assert_eq!(kind, Kind::Html);
        assert_eq!(file.articles.len(), 1);
        assert_eq!(file.articles[0].title.text, "Talks resume in Doha");
        let err = read("<html><body><nav><a href=/>Home</a></nav></body></html>").unwrap_err();
        assert!(err.starts_with("no article found: "), "{err}");
    }
}

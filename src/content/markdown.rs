//! Markdown → HTML with pulldown-cmark (tables, footnotes, strikethrough, smart
//! punctuation). Resolves Zola-style internal links (`@/region/file.md`), sanitises raw
//! HTML unless the site opts out, and extracts what lists need: the first paragraph as
//! plain text and a word count. Pure: text in, text out.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::sync::OnceLock;

/// What one rendered body gives the rest of the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text (the default summary).
    pub first_paragraph: String,
    pub word_count: usize,
    /// Links and images to local files (not `@/` links, not URLs), for `check`.
    pub local_links: Vec<LocalLink>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLink {
    pub target: String,
    /// 1-based file line.
    pub line: usize,
    pub is_image: bool,
}

/// A body problem: 1-based file line and message.
pub type BodyError = (usize, String);

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The sanitiser for raw HTML: ammonia's safe defaults (no script, no event handlers,
/// no javascript: URLs, no iframes), plus the class/id attributes pulldown-cmark itself
/// emits for footnotes, so sanitising does not break them.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder.add_generic_attributes(["class", "id", "dir", "lang"]);
        builder
    })
}

/// Escape text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    // Every template value goes through here: copy runs of plain text in one go.
    let mut out = String::with_capacity(text.len() + 16);
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out
}

/// 1-based line of a byte offset, given the offsets where lines start.
fn line_of(line_starts: &[usize], offset: usize) -> usize {
    line_starts.partition_point(|&start| start <= offset)
}

fn is_external(target: &str) -> bool {
    target.starts_with('#')
        || target.starts_with("//")
        || target.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        })
}

/// pulldown-cmark writes link and image URLs as given, `javascript:` included, so a
/// body whose links use any scheme but the everyday ones goes through the sanitiser too
/// (which drops URLs with schemes outside its allow-list).
fn needs_sanitising(dest: &str) -> bool {
    let lower = dest.trim_start().to_ascii_lowercase();
    lower.contains(':')
        && !["http://", "https://", "mailto:", "//", "#", "@/"]
            .iter()
            .any(|safe| lower.starts_with(safe))
}

/// The double quotation marks smart punctuation writes, per language (issue 16): “ ”
/// by default; « » for French, with a narrow no-break space (U+202F) inside as French
/// typography has it; « » for Arabic, without spaces. Single quotes and apostrophes
/// (‘ ’) stay as they are: in French and Arabic text `’` is mostly an apostrophe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    English,
    French,
    Arabic,
}

impl Quotes {
    /// The quotes of a language tag (by its primary subtag).
    pub fn of(lang: &str) -> Quotes {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Quotes::French
        } else if primary.eq_ignore_ascii_case("ar") {
            Quotes::Arabic
        } else {
            Quotes::English
        }
    }

    /// The replacement of a smart quote pulldown-cmark synthesised (its own text event),
    /// or `None` to keep it.
    fn replace(self, text: &str) -> Option<&'static str> {
        match (self, text) {
            (Quotes::French, "\u{201c}") => Some("«\u{202f}"),
            (Quotes::French, "\u{201d}") => Some("\u{202f}»"),
            (Quotes::Arabic, "\u{201c}") => Some("«"),
            (Quotes::Arabic, "\u{201d}") => Some("»"),
            _ => None,
        }
    }
}

/// Render a body with English quotes; see `render_in`.
pub fn render(
    markdown: &str,
    body_line: usize,
    resolve: &dyn Fn(&str) -> Result<String, String>,
    unsafe_html: bool,
) -> (Rendered, Vec<BodyError>) {
    render_in(markdown, body_line, resolve, unsafe_html, Quotes::English)
}

/// Render a body. `body_line` is the file line of the body's first line; `resolve` maps an
/// internal link target (`region/file.md`, after `@/`) to its URL, or says why it cannot;
/// `quotes` are the language's quotation marks for smart punctuation (text only: code,
/// image alt text, link URLs and titles and raw HTML keep theirs).
pub fn render_in(
    markdown: &str,
    body_line: usize,
    resolve: &dyn Fn(&str) -> Result<String, String>,
    unsafe_html: bool,
    quotes: Quotes,
) -> (Rendered, Vec<BodyError>) {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let file_line = |offset: usize| body_line + line_of(&line_starts, offset) - 1;

    let mut errors = Vec::new();
    let mut rendered = Rendered::default();
    let mut has_raw_html = false;
    let mut paragraph_depth = 0usize;
    let mut first_paragraph_done = false;
    let mut events = Vec::new();
    let mut words = WordCounter::default();
    // Inside a code block or an image (whose text becomes its alt attribute).
    let mut verbatim = 0usize;

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::CodeBlock(_)) => {
                verbatim += 1;
                event
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => {
                verbatim = verbatim.saturating_sub(1);
                event
            }
            Event::Text(ref text) if verbatim == 0 && quotes.replace(text).is_some() => {
                let mark = quotes.replace(text).unwrap_or_default();
                if paragraph_depth > 0 && !first_paragraph_done {
                    rendered.first_paragraph.push_str(mark);
                }
                Event::Text(CowStr::Borrowed(mark))
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                verbatim += usize::from(matches!(tag, Tag::Image { .. }));
                let line = file_line(range.start);
                Event::Start(with_destination(tag, |dest_url, is_image| {
                    has_raw_html |= needs_sanitising(&dest_url);
                    resolve_link(
                        dest_url,
                        line,
                        is_image,
                        resolve,
                        &mut errors,
                        &mut rendered,
                    )
                }))
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                event
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                event
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if !rendered.first_paragraph.trim().is_empty() {
                    first_paragraph_done = true;
                }
                event
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                words.feed(text);
                if paragraph_depth > 0 && !first_paragraph_done {
                    rendered.first_paragraph.push_str(text);
                }
                event
            }
            Event::SoftBreak | Event::HardBreak if paragraph_depth > 0 && !first_paragraph_done => {
                rendered.first_paragraph.push(' ');
                event
            }
            other => other,
        };
        if matches!(
            event,
            Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Start(_)
        ) && !is_inline(&event)
        {
            words.boundary();
        }
        events.push(event);
    }

    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && !unsafe_html {
        html = sanitizer().clean(&html).to_string();
    }
    rendered.html = html;
    rendered.word_count = words.count;
    rendered.first_paragraph = collapse_spaces(&rendered.first_paragraph);
    (rendered, errors)
}

/// Runs of white space as one space, trimmed; the narrow no-break space inside French
/// quotes (U+202F) is kept.
fn collapse_spaces(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() && c != '\u{202f}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A link or image tag with its destination rewritten by `f(destination, is_image)`.
fn with_destination<'a>(tag: Tag<'a>, f: impl FnOnce(CowStr<'a>, bool) -> CowStr<'a>) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: f(dest_url, false),
            title,
            id,
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: f(dest_url, true),
            title,
            id,
        },
        other => other,
    }
}

/// Counts words across text events: a word is a run of non-space characters with at
/// least one letter or digit, so a curly quote split off by smart punctuation (its own
/// event) is not a word, and any script that separates words by spaces counts right.
#[derive(Default)]
struct WordCounter {
    count: usize,
    in_word: bool,
    counted: bool,
}

impl WordCounter {
    fn feed(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.boundary();
            } else {
                self.in_word = true;
                if !self.counted && c.is_alphanumeric() {
                    self.count += 1;
                    self.counted = true;
                }
            }
        }
    }

    fn boundary(&mut self) {
        self.in_word = false;
        self.counted = false;
    }
}

/// Inline markup (emphasis, links…) does not end a word; blocks and breaks do.
fn is_inline(event: &Event<'_>) -> bool {
    use pulldown_cmark::TagEnd as E;
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(end) => matches!(
            end,
            E::Emphasis | E::Strong | E::Strikethrough | E::Link | E::Image
        ),
        _ => false,
    }
}

fn resolve_link<'a>(
    dest: CowStr<'a>,
    line: usize,
    is_image: bool,
    resolve: &dyn Fn(&str) -> Result<String, String>,
    errors: &mut Vec<BodyError>,
    rendered: &mut Rendered,
) -> CowStr<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (file, anchor) = match target.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor)),
            None => (target, None),
        };
        return match resolve(file) {
            Ok(url) => match anchor {
                Some(anchor) => format!("{url}#{anchor}").into(),
                None => url.into(),
            },
            Err(reason) => {
                errors.push((line, format!("broken internal link `@/{target}`: {reason}")));
                dest
            }
        };
    }
    // Local links are kept as written and collected for `check` and `build`. A
    // root-absolute one (`/images/x.jpg`) means the site root, which under a base_url
    // sub-path is not the server root: the page and the feeds rewrite it through
    // `crate::url::root_link`, which knows the base URL.
    if !is_external(&dest) && !dest.is_empty() {
        rendered.local_links.push(LocalLink {
            target: dest.to_string(),
            line,
            is_image,
        });
    }
    dest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &str) -> Result<String, String> {
        Err("no such article in content/".into())
    }

    #[test]
    fn extensions_are_on() {
        let md = "a \"quote\" -- x\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and a note[^1]\n\n[^1]: The note.\n";
        let (r, errors) = render(md, 1, &no_links, false);
        assert!(errors.is_empty());
        assert!(r.html.contains("“quote” –"), "{}", r.html);
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>gone</del>"));
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
        assert_eq!(r.first_paragraph, "a “quote” – x");
    }

    #[test]
    fn french_and_arabic_quotes_in_text_only() {
        let md = "Le maire a dit \"nous reprenons\" hier, l'air las.\n\n\
                  Voir `\"code\"` et [le \"lien\"](https://x.org/?q=\"a\" \"titre\") \
                  ![une \"photo\"](p.jpg) <span title=\"brut\">x</span>\n\n\
                  ```\nlet s = \"bloc\";\n```\n";
        let (fr, _) = render_in(md, 1, &no_links, false, Quotes::French);
        assert!(
            fr.html
                .contains("dit «\u{202f}nous reprenons\u{202f}» hier, l’air las."),
            "{}",
            fr.html
        );
        assert!(fr.html.contains("le «\u{202f}lien\u{202f}»"), "{}", fr.html);
        assert_eq!(
            fr.first_paragraph,
            "Le maire a dit «\u{202f}nous reprenons\u{202f}» hier, l’air las."
        );
        // Code, URLs, link titles, alt text and raw HTML attributes keep their quotes.
        for kept in [
            "<code>\"code\"</code>",
            "q=%22a%22\" title=\"titre\"",
            "alt=\"une “photo”\"",
            "<span title=\"brut\">",
            "let s = \"bloc\";",
        ] {
            assert!(fr.html.contains(kept), "{kept} in {}", fr.html);
        }
        assert!(!fr.html.contains("q=«"), "{}", fr.html);

        let md = "قال المتحدث \"سنعود قريبا\" ثم غادر.\n\n`\"x\"`\n";
        let (ar, _) = render_in(md, 1, &no_links, false, Quotes::Arabic);
        assert!(ar.html.contains("المتحدث «سنعود قريبا» ثم"), "{}", ar.html);
        assert!(ar.html.contains("<code>\"x\"</code>"), "{}", ar.html);
        assert_eq!(ar.first_paragraph, "قال المتحدث «سنعود قريبا» ثم غادر.");
        // English keeps “ ”, and the language picks the marks by primary subtag.
        let (en, _) = render("He said \"soon\".\n", 1, &no_links, false);
        assert!(en.html.contains("“soon”"), "{}", en.html);
        assert_eq!(Quotes::of("fr-CA"), Quotes::French);
        assert_eq!(Quotes::of("ar-EG"), Quotes::Arabic);
        assert_eq!(Quotes::of("en"), Quotes::English);
        assert_eq!(Quotes::of("de"), Quotes::English);
    }

    #[test]
    fn internal_links_resolve_or_report_their_line() {
        let resolve = |file: &str| {
            if file == "gulf/a.md" {
                Ok("/2024/01/a/".to_string())
            } else {
                no_links(file)
            }
        };
        let md = "Intro.\n\nSee [a](@/gulf/a.md#x) and [b](@/gulf/missing.md).\n";
        let (r, errors) = render(md, 5, &resolve, false);
        assert!(r.html.contains("href=\"/2024/01/a/#x\""));
        assert_eq!(
            errors,
            [(
                7,
                "broken internal link `@/gulf/missing.md`: no such article in content/".to_string()
            )]
        );
    }

    #[test]
    fn raw_html_is_sanitised_unless_opted_in() {
        let md = "Hi <script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))\n\n<iframe src=\"https://evil\"></iframe>\n";
        let (safe, _) = render(md, 1, &no_links, false);
        for bad in ["<script", "onerror", "javascript:", "<iframe"] {
            assert!(!safe.html.contains(bad), "{bad} in {}", safe.html);
        }
        let (raw, _) = render(md, 1, &no_links, true);
        assert!(raw.html.contains("<script>"));
    }

    /// Found by fuzzing (issue 8): without raw HTML in the body the sanitiser did not run,
    /// and pulldown-cmark wrote `javascript:` link and image URLs as given.
    #[test]
    fn script_urls_in_markdown_links_are_dropped() {
        for md in [
            "[x](javascript:alert(1))\n",
            "[x](JaVaScRiPt:alert(1))\n",
            "<javascript:alert(1)>\n",
            "![i](javascript:alert(1))\n",
            "[x](vbscript:msgbox(1)) [y](data:text/html,<script>alert(1)</script>)\n",
            "[x][r]\n\n[r]: javascript:alert(1)\n",
        ] {
            let (r, _) = render(md, 1, &no_links, false);
            let lower = r.html.to_ascii_lowercase();
            for bad in [
                "href=\"javascript:",
                "src=\"javascript:",
                "vbscript:",
                "href=\"data:",
            ] {
                assert!(!lower.contains(bad), "{md:?} → {}", r.html);
            }
        }
        let (r, _) = render(
            "[w](https://x.org) [m](mailto:a@b) [a](#top) [f](files/x.pdf)\n",
            1,
            &no_links,
            false,
        );
        for ok in ["https://x.org", "mailto:a@b", "#top", "files/x.pdf"] {
            assert!(r.html.contains(&format!("href=\"{ok}\"")), "{}", r.html);
        }
    }

    #[test]
    fn local_links_are_collected() {
        let md =
            "![p](/images/a.jpg) [f](files/x.pdf) [w](https://x.org) [m](mailto:a@b) [h](#top)\n";
        let (r, _) = render(md, 3, &no_links, false);
        let targets: Vec<_> = r
            .local_links
            .iter()
            .map(|l| (l.target.as_str(), l.is_image, l.line))
            .collect();
        assert_eq!(
            targets,
            [("/images/a.jpg", true, 3), ("files/x.pdf", false, 3)]
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain – text"), "plain – text");
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn root_relative_links_are_kept_for_the_page_to_rewrite() {
        let (r, _) = render(
            "![p](/images/a.jpg) [x](//cdn.example/x)\n",
            1,
            &no_links,
            false,
        );
        assert!(r.html.contains("src=\"/images/a.jpg\""), "{}", r.html);
        assert!(r.html.contains("href=\"//cdn.example/x\""), "{}", r.html);
    }

    #[test]
    fn words_are_counted_in_any_script() {
        let (r, _) = render(
            "قال وزير الخارجية العراقي\n\nTwo words.\n",
            1,
            &no_links,
            false,
        );
        assert_eq!(r.word_count, 6);
        let (r, _) = render(
            "He said \"no\" -- twice, *really*ly.\n",
            1,
            &no_links,
            false,
        );
        assert_eq!(r.word_count, 5, "quotes and dashes are not words");
    }

    #[test]
    fn words_split_at_every_kind_of_space() {
        // Vertical tab, no-break and em spaces split words; a dash alone is not one.
        let text = "a\u{0B}b\u{a0}c — d,e 東京 ٣٠\u{2003}x😀y";
        let mut counter = WordCounter::default();
        counter.feed(text);
        assert_eq!(counter.count, 7);
    }
}

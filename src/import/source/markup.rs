//! HTML markup → article blocks, shared by the readers that meet HTML: the feed reader
//! (an item's content) and the saved-page reader (the article element of a page). A
//! tree walk turns paragraphs, list items, quotes, table rows and `br`-separated runs of
//! text into paragraphs and `h1`–`h6` (or short all-bold paragraphs) into subheadings,
//! and drops scripts, styles, embeds, images and figures (the first figure's caption and
//! image are kept aside), share, related-story, advertising and newsletter widgets;
//! "Read more" links, feed trailers and cross-links are noise. In page mode the walk also
//! drops page furniture (`header`, `footer`, hidden elements, cookie banners, comment
//! threads) and lets the page reader set elements aside or skip them. Also the text
//! helpers both readers need: plain text of a fragment, a caption credit, a language
//! tag's primary language, a link resolved against a base address.

use crate::import::credit::{split_credit, Credit};
use crate::import::raw::RawLine;
use crate::import::source::plain;
use crate::import::text::{char_len, normalize_space};
use scraper::{ElementRef, Html, Node};

/// A language tag's primary language, as gazette writes it (`en-US` → `en`, `ar_SA` →
/// `ar`); `None` for something that is not a language tag.
pub fn language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some(primary)
}

/// A link made absolute against the feed's home page: "/news/x" →
/// "https://example.org/news/x". Absolute links, and any link when the feed gives no
/// home page, are kept as they are.
pub fn resolve(url: &str, home: Option<&str>) -> String {
    let url = url.trim();
    home.and_then(|home| crate::url::resolve_url(url, home))
        .unwrap_or_else(|| url.to_string())
}

/// A `media:credit` as a credit: "Jane Roe/Reuters", "AP Photo/Hadi Mizban", or a name.
pub fn credit_from(text: &str) -> Credit {
    split_credit(&format!("Photo ({text})"), false)
        .map(|(_, c)| c)
        .unwrap_or_else(|| Credit {
            photographer: Some(text.to_string()),
            agencies: vec![],
        })
}

/// A feed's text or an HTML fragment, as one plain line: markup stripped, entities
/// decoded, spacing normalised.
pub fn plain_text(text: &str) -> String {
    if !text.contains(['<', '&']) {
        return normalize_space(text).into_owned();
    }
    let fragment = Html::parse_fragment(text);
    let joined: String = fragment.root_element().text().collect();
    normalize_space(&joined).into_owned()
}

/// The body of an item, converted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Paragraphs and subheadings, in order.
    pub blocks: Vec<RawLine>,
    /// Lines set aside: "Read more", "The post … appeared first on …", share lines.
    pub noise: Vec<RawLine>,
    /// The caption of the first figure, if any.
    pub figcaption: Option<String>,
    /// The first real image (not a tracking pixel) in the content.
    pub image: Option<String>,
    /// Lines of elements the page reader set aside (`Verdict::Aside`): kept for what
    /// they say, not body text. Always empty for a feed item.
    pub aside: Vec<RawLine>,
}

/// Plain text: one paragraph per non-blank line.
pub fn text_to_blocks(text: &str) -> Converted {
    let mut out = Converted::default();
    for line in text.lines() {
        push_paragraph(&mut out, &normalize_space(line), false);
    }
    out
}

/// Elements whose content is never article text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "template"
            | "video"
            | "audio"
            | "canvas"
            | "nav"
            | "aside"
            | "img"
            | "picture"
            | "source"
            | "map"
            | "head"
            | "title"
            | "meta"
            | "link"
    )
}

/// Elements that end the paragraph before and after them.
fn block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "caption"
            | "body"
            | "html"
    )
}

fn heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Widgets by class or id: share buttons, related-story lists, ads, newsletter boxes.
fn widget(element: &scraper::node::Element) -> bool {
    const WORDS: &[&str] = &[
        "sharedaddy",
        "share",
        "social",
        "related",
        "feedflare",
        "advert",
        "newsletter",
        "subscribe",
    ];
    let matches = |value: &str| {
        let value = value.to_ascii_lowercase();
        WORDS.iter().any(|w| value.contains(w))
    };
    element.attr("class").is_some_and(matches) || element.attr("id").is_some_and(matches)
}

/// An image that only counts a view: 1×1, or a known statistics host.
fn tracking_pixel(element: &scraper::node::Element) -> bool {
    let tiny = |a: &str| {
        element.attr(a).is_some_and(|v| {
            v.trim()
                .trim_end_matches("px")
                .parse::<u32>()
                .is_ok_and(|n| n <= 2)
        })
    };
    let src = element.attr("src").unwrap_or_default().to_ascii_lowercase();
    tiny("width")
        || tiny("height")
        || [
            "pixel",
            "/~r/",
            "/~ff/",
            "stats.wordpress.com",
            "feedburner",
            "beacon",
            "1x1",
            "spacer",
            "tracking",
        ]
        .iter()
        .any(|p| src.contains(p))
}

/// An HTML fragment (a feed item's content) → paragraphs and subheadings.
///
/// `p`, `li`, `blockquote`, table rows and `br`-separated runs of text are paragraphs,
/// `h1`–`h6` subheadings; a paragraph that is all bold and short is a subheading too.
/// Scripts, styles, images, figures (their caption is kept aside), embeds and share or
/// related-story widgets are dropped; "Read more" links and feed trailers are noise.
/// Walks the tree without recursion, so deep nesting cannot exhaust the stack.
pub fn html_to_blocks(html: &str) -> Converted {
    let fragment = Html::parse_fragment(html);
    walk(fragment.root_element(), None)
}

/// What the page reader makes of an element before the walk looks at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Walk it as article markup (the fragment rules still apply).
    Walk,
    /// Drop it and its text without a trace (hidden text, scripts).
    Skip,
    /// Page furniture: its text goes to `noise` (widgets, menus, footers).
    Noise,
    /// Not body text, but what it says is kept: its lines go to `aside` (a page
    /// header with the headline and byline, a dateline, an author box).
    Aside,
}

/// The page reader's judgement of an element (see `Verdict`).
pub type Judge<'j> = dyn Fn(ElementRef<'_>) -> Verdict + 'j;

/// The children of `root` → paragraphs and subheadings, by the rules of `html_to_blocks`;
/// `judge` (a saved page's rules) sees every element first and may skip it, or set its
/// lines aside as noise or as lines to keep.
pub fn walk(root: ElementRef<'_>, judge: Option<&Judge<'_>>) -> Converted {
    let mut walker = Walker {
        judge,
        ..Walker::default()
    };
    let mut current = root.first_child();
    while let Some(node) = current {
        let mut descend = false;
        match node.value() {
            Node::Text(text) => walker.text(text),
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(node) {
                    descend = walker.open(element);
                }
            }
            _ => {}
        }
        if descend {
            if let Some(child) = node.first_child() {
                current = Some(child);
                continue;
            }
        }
        // Close this node and every ancestor whose children are done.
        let mut done = node;
        current = None;
        loop {
            if descend || done.id() != node.id() {
                if let Some(element) = ElementRef::wrap(done) {
                    walker.close(element);
                }
            }
            if let Some(next) = done.next_sibling() {
                current = Some(next);
                break;
            }
            match done.parent() {
                Some(parent) if parent.id() != root.id() => done = parent,
                _ => break,
            }
        }
    }
    walker.flush();
    walker.out
}

#[derive(Default)]
struct Walker<'j> {
    out: Converted,
    /// The page reader's rules, when walking a saved page.
    judge: Option<&'j Judge<'j>>,
    buffer: String,
    /// A blank line was seen in text: the next text starts a new paragraph.
    pending_break: bool,
    /// Inside `strong`/`b`.
    bold: usize,
    /// Inside a heading element.
    in_heading: usize,
    /// The buffer holds text inside bold, and text outside it.
    bold_text: bool,
    plain_text: bool,
}

impl Walker<'_> {
    fn text(&mut self, text: &str) {
        let mut lines = text.split('\n');
        if let Some(first) = lines.next() {
            self.push(first);
        }
        for line in lines {
            if line.trim().is_empty() {
                if !self.buffer.trim().is_empty() {
                    self.pending_break = true;
                }
                self.buffer.push(' ');
            } else {
                self.buffer.push(' ');
                self.push(line);
            }
        }
    }

    fn push(&mut self, text: &str) {
        if text.trim().is_empty() {
            self.buffer.push_str(text);
            return;
        }
        if self.pending_break {
            self.flush();
        }
        if self.bold > 0 {
            self.bold_text = true;
        } else {
            self.plain_text = true;
        }
        self.buffer.push_str(text);
    }

    /// Enter an element; `true` to walk its children.
    fn open(&mut self, element: ElementRef<'_>) -> bool {
        if let Some(judge) = self.judge {
            match judge(element) {
                Verdict::Walk => {}
                Verdict::Skip => return false,
                verdict => {
                    self.flush();
                    // Inside, only skipping counts: the whole element goes to one place,
                    // and the walk never nests deeper than this.
                    let within = |e: ElementRef<'_>| match judge(e) {
                        Verdict::Skip => Verdict::Skip,
                        _ => Verdict::Walk,
                    };
                    let inner = walk(element, Some(&within));
                    let lines = inner.blocks.into_iter().chain(inner.aside);
                    if verdict == Verdict::Aside {
                        self.out
                            .aside
                            .extend(lines.map(|l| RawLine::at(l.line, l.text)));
                    } else {
                        self.out
                            .noise
                            .extend(lines.map(|l| RawLine::at(l.line, l.text)));
                    }
                    self.out.noise.extend(inner.noise);
                    return false;
                }
            }
        }
        let value = element.value();
        let name = value.name();
        if name == "img" {
            if self.out.image.is_none() && !tracking_pixel(value) {
                self.out.image = value
                    .attr("src")
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && !s.starts_with("data:"))
                    .map(str::to_string);
            }
            return false;
        }
        if name == "figure" || name == "figcaption" {
            self.flush();
            self.figure(element);
            return false;
        }
        if skipped(name) || widget(value) {
            return false;
        }
        if name == "a" {
            let text = normalize_space(&element.text().collect::<String>()).into_owned();
            if read_more(&text) {
                self.out.noise.push(RawLine::at(0, text));
                return false;
            }
        }
        if name == "br" {
            self.flush();
            return false;
        }
        if name == "td" || name == "th" {
            self.buffer.push(' ');
        }
        if block(name) {
            self.flush();
        }
        if heading(name) {
            self.flush();
            self.in_heading += 1;
        }
        if matches!(name, "strong" | "b") {
            self.bold += 1;
        }
        true
    }

    fn close(&mut self, element: ElementRef<'_>) {
        let name = element.value().name();
        if matches!(name, "strong" | "b") {
            self.bold = self.bold.saturating_sub(1);
        }
        if heading(name) {
            let text = normalize_space(&self.buffer).into_owned();
            self.clear();
            self.in_heading = self.in_heading.saturating_sub(1);
            if !text.is_empty() {
                if read_more(&text) || feed_trailer(&text) || related_label(&text) {
                    self.out.noise.push(RawLine::at(0, text));
                } else {
                    self.out.blocks.push(RawLine::heading(0, text));
                }
            }
        } else if block(name) {
            self.flush();
        }
    }

    /// A figure: its caption (the first one) and its image, if the content has no other.
    fn figure(&mut self, element: ElementRef<'_>) {
        let is_caption = element.value().name() == "figcaption";
        for descendant in std::iter::once(element).chain(element.descendent_elements()) {
            let value = descendant.value();
            if value.name() == "img" && self.out.image.is_none() && !tracking_pixel(value) {
                self.out.image = value
                    .attr("src")
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && !s.starts_with("data:"))
                    .map(str::to_string);
            }
            if value.name() == "figcaption" && self.out.figcaption.is_none() {
                let text = normalize_space(&descendant.text().collect::<String>()).into_owned();
                if !text.is_empty() {
                    self.out.figcaption = Some(text);
                }
            }
            if is_caption {
                break;
            }
        }
    }

    fn clear(&mut self) {
        self.buffer.clear();
        self.pending_break = false;
        self.bold_text = false;
        self.plain_text = false;
    }

    /// End the paragraph being collected.
    fn flush(&mut self) {
        if self.in_heading > 0 {
            // A heading's text runs until the heading closes (a `br` inside is a space).
            self.buffer.push(' ');
            self.pending_break = false;
            return;
        }
        let text = normalize_space(&self.buffer).into_owned();
        let bold_only = self.bold_text && !self.plain_text;
        self.clear();
        if text.is_empty() {
            return;
        }
        let subheading = bold_only
            && char_len(&text) <= 80
            && !text.ends_with(['.', ':', ',', ';', '!', '?', '"', '”', '»'])
            && !text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
        push_paragraph(&mut self.out, &text, subheading);
    }
}

/// Add a paragraph (or subheading), unless it is noise.
fn push_paragraph(out: &mut Converted, text: &str, subheading: bool) {
    if text.is_empty() {
        return;
    }
    if read_more(text) || feed_trailer(text) || related_label(text) || plain::is_noise(text) {
        out.noise.push(RawLine::at(0, text));
        return;
    }
    let text = strip_excerpt_mark(text);
    out.blocks.push(if subheading {
        RawLine::heading(0, text)
    } else {
        RawLine::at(0, text)
    });
}

/// "The excerpt goes on […]" → "The excerpt goes on…": the mark of a cut excerpt.
fn strip_excerpt_mark(text: &str) -> String {
    for mark in [" […]", " [...]", " [&hellip;]", "[…]", "[...]"] {
        if let Some(head) = text.strip_suffix(mark) {
            return format!("{}…", head.trim_end());
        }
    }
    text.to_string()
}

/// The words of a line, lowercased, without trailing arrows, ellipses and punctuation.
fn bare(text: &str) -> String {
    text.trim()
        .trim_end_matches(|c: char| {
            matches!(
                c,
                '…' | '»' | '›' | '→' | '>' | '.' | ' ' | '[' | ']' | ':' | '!'
            )
        })
        .trim_start_matches(['[', '(', ' '])
        .trim_end_matches(')')
        .to_lowercase()
}

/// "Read more", "Continue reading →", "Continue reading "Title"", "اقرأ المزيد".
fn read_more(text: &str) -> bool {
    if char_len(text) > 120 {
        return false;
    }
    let b = bare(text);
    matches!(
        b.as_str(),
        "read more"
            | "read more here"
            | "more"
            | "continue reading"
            | "keep reading"
            | "read the full story"
            | "read full story"
            | "read the full article"
            | "read full article"
            | "read the rest"
            | "read the rest of this entry"
            | "full story"
            | "view article"
            | "click here to read more"
            | "click here"
            | "اقرأ المزيد"
            | "تابع القراءة"
            | "المزيد"
            | "التفاصيل"
    ) || b.starts_with("continue reading ")
        || b.starts_with("read more at ")
        || b.starts_with("read the full story at ")
        || b.starts_with("read the full article at ")
}

/// "The post … appeared first on …", "This article originally appeared on …".
fn feed_trailer(text: &str) -> bool {
    let lower = text.to_lowercase();
    (lower.starts_with("the post ") && lower.contains(" appeared first on "))
        || (char_len(text) <= 200
            && (lower.starts_with("this article ")
                || lower.starts_with("this story ")
                || lower.starts_with("this post "))
            && (lower.contains("originally appeared on")
                || lower.contains("originally published on")
                || lower.contains("first appeared on")
                || lower.contains("appeared first on")))
}

/// Cross-links and calls to follow: "Read more: …", "Related: …", "Read also: …",
/// "اقرأ أيضاً: …", "Follow us on X", "Sign up for our newsletter".
fn related_label(text: &str) -> bool {
    if char_len(text) > 200 {
        return false;
    }
    let lower = text.trim().to_lowercase();
    let labels = [
        "read more:",
        "read also:",
        "also read:",
        "related:",
        "related stories",
        "related articles",
        "related coverage",
        "see also:",
        "more on this story",
        "اقرأ أيضاً",
        "اقرأ أيضا",
        "إقرأ أيضاً",
        "إقرأ أيضا",
        "اقرأ ايضا",
        "اقرأ المزيد:",
        "follow us on ",
        "follow the latest",
        "sign up for ",
        "subscribe to our ",
        "subscribe to the ",
        "share this:",
        "share this article",
        "like this:",
    ];
    labels.iter().any(|l| lower.starts_with(l))
}

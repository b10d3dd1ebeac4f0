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

mod elements;
mod lines;
mod walker;
use elements::{block, heading, skipped, tracking_pixel, widget};
use lines::{feed_trailer, push_paragraph, read_more, related_label};
use walker::Walker;

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

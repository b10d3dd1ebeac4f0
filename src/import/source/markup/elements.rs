//! What an element is to the walk: skipped (scripts, embeds, figures…), a block, a
//! heading, a widget (share, related, advertising, newsletter) or a tracking pixel.

/// Elements whose content is never article text.
pub(super) fn skipped(name: &str) -> bool {
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
pub(super) fn block(name: &str) -> bool {
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

pub(super) fn heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Widgets by class or id: share buttons, related-story lists, ads, newsletter boxes.
pub(super) fn widget(element: &scraper::node::Element) -> bool {
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
pub(super) fn tracking_pixel(element: &scraper::node::Element) -> bool {
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

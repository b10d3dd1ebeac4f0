//! Paragraph-level judgements: excerpt marks stripped, "Read more" links, feed trailers
//! ("The post … appeared first on …") and related-story labels told apart from the story.

use super::*;

/// Add a paragraph (or subheading), unless it is noise.
pub(super) fn push_paragraph(out: &mut Converted, text: &str, subheading: bool) {
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
pub(super) fn strip_excerpt_mark(text: &str) -> String {
    for mark in [" […]", " [...]", " [&hellip;]", "[…]", "[...]"] {
        if let Some(head) = text.strip_suffix(mark) {
            return format!("{}…", head.trim_end());
        }
    }
    text.to_string()
}

/// The words of a line, lowercased, without trailing arrows, ellipses and punctuation.
pub(super) fn bare(text: &str) -> String {
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
pub(super) fn read_more(text: &str) -> bool {
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
pub(super) fn feed_trailer(text: &str) -> bool {
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
pub(super) fn related_label(text: &str) -> bool {
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

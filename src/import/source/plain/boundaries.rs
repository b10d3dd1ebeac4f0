//! Where an article starts: a title and its repeat, the next start, and the lines that
//! can only stand in a header.

use super::*;

/// If the title at `k` is repeated within a few lines with only header material between
/// (blank lines, noise, date stamps, captions, lines that are themselves repeated), the
/// line number of the repeat.
pub(super) fn title_repeat(lines: &[Line<'_>], k: usize) -> Option<usize> {
    let title = lines[k].text.as_ref();
    if title.is_empty() {
        return None;
    }
    let limit = (k + REPEAT_WINDOW).min(lines.len().saturating_sub(1));
    let m = (k + 1..=limit).find(|&m| same_line(&lines[m].text, title))?;
    if !title_like(title, true) || (m == k + 1 && !title_like(title, false)) {
        return None;
    }
    let window_end = (m + 8).min(lines.len());
    let headerish = |b: usize| {
        let t = lines[b].text.as_ref();
        t.is_empty()
            || is_noise(t)
            || date_stamp_line(t).is_some()
            || caption_like(t)
            || (k + 1..window_end).any(|o| o != b && same_line(&lines[o].text, t))
    };
    (k + 1..m).all(headerish).then_some(m)
}

/// Does a new article start at `k`? `blanks` is the number of blank lines just before it.
pub(super) fn starts_article(
    lines: &[Line<'_>],
    k: usize,
    blanks: usize,
    clear_break: usize,
    first_in_body: bool,
) -> bool {
    if !(first_in_body || blanks >= 1) {
        return false;
    }
    if title_repeat(lines, k).is_some() {
        return true;
    }
    // An unrepeated title: only after a clear break (more blank lines than the body puts
    // between its paragraphs, and at least one), and only if it reads as a headline with
    // text after it.
    blanks >= clear_break
        && title_like(&lines[k].text, false)
        && lines[k + 1..]
            .iter()
            .filter(|l| !l.is_blank())
            .take(3)
            .any(|l| {
                !is_noise(&l.text) && !says_about_story(&l.text) && sign_off(&l.text).is_none()
            })
}

/// The index of the first line at or after `from` that starts a new article.
pub(super) fn next_start(lines: &[Line<'_>], from: usize) -> usize {
    let mut blanks = 0;
    // The widest run of blank lines between this body's paragraphs so far: a body written
    // one paragraph per line (the seed's second article) is broken by one blank line, one
    // with blank lines between paragraphs (the first) needs two.
    // Until two paragraphs have shown the spacing, two blank lines are the break.
    let mut widest_gap: Option<usize> = None;
    for k in from..lines.len() {
        if lines[k].is_blank() {
            blanks += 1;
            continue;
        }
        let clear_break = widest_gap.map_or(2, |gap| gap + 1);
        if starts_article(lines, k, blanks, clear_break, k == from) {
            return k;
        }
        if k > from {
            widest_gap = Some(widest_gap.unwrap_or(0).max(blanks));
        }
        blanks = 0;
    }
    lines.len()
}

/// The next non-blank line after `k`, if any.
pub(super) fn next_text<'a>(lines: &'a [Line<'a>], k: usize) -> Option<&'a str> {
    lines[k + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .map(|l| l.text.as_ref())
}

/// Is the next non-blank line after `k` the scraped layout's widget ("TT", a count)?
pub(super) fn followed_by_widget(lines: &[Line<'_>], k: usize) -> bool {
    next_text(lines, k).is_some_and(widget)
}

/// A header line that only web pages and wire copy put between a title and the story:
/// a stamp, a byline, a button. What comes before it (and after the title) is a
/// standfirst, not the story's first paragraph.
pub(super) fn header_only(t: &str) -> bool {
    date_stamp_line(t).is_some()
        || time_stamp_line(t)
        || credit::byline(t).is_some()
        || (is_noise(t) && !widget(t))
        || byline_stamp(t).is_some()
}

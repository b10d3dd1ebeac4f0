//! The tree walk: paragraphs, list items, quotes, table rows and `br`-separated runs
//! become paragraphs, headings and short all-bold paragraphs subheadings; the first
//! figure's caption and image are kept aside.

use super::*;

#[derive(Default)]
pub(super) struct Walker<'j> {
    pub(super) out: Converted,
    /// The page reader's rules, when walking a saved page.
    pub(super) judge: Option<&'j Judge<'j>>,
    pub(super) buffer: String,
    /// A blank line was seen in text: the next text starts a new paragraph.
    pub(super) pending_break: bool,
    /// Inside `strong`/`b`.
    pub(super) bold: usize,
    /// Inside a heading element.
    pub(super) in_heading: usize,
    /// The buffer holds text inside bold, and text outside it.
    pub(super) bold_text: bool,
    pub(super) plain_text: bool,
}

impl Walker<'_> {
    pub(super) fn text(&mut self, text: &str) {
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

    pub(super) fn push(&mut self, text: &str) {
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
    pub(super) fn open(&mut self, element: ElementRef<'_>) -> bool {
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

    pub(super) fn close(&mut self, element: ElementRef<'_>) {
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
    pub(super) fn figure(&mut self, element: ElementRef<'_>) {
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

    pub(super) fn clear(&mut self) {
        self.buffer.clear();
        self.pending_break = false;
        self.bold_text = false;
        self.plain_text = false;
    }

    /// End the paragraph being collected.
    pub(super) fn flush(&mut self) {
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

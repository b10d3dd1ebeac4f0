//! Minimal XML writing for the feeds, sitemaps and the editions feed: escaping text and
//! attribute values, dropping the characters XML 1.0 forbids. Hand-written rather than
//! quick-xml because they need only these two escapes and a handful of flat elements; a
//! writer API would add a dependency and more code than it saves.

/// Characters XML 1.0 allows (§2.2): a stray control character in a title must not
/// make the whole feed unparseable.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Append `text` escaped for element content or a double-quoted attribute value.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

/// `<name>text</name>` on its own line at `indent`.
pub fn element(out: &mut String, indent: &str, name: &str, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_escaped(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// Percent-encode what a URL in a sitemap may not hold raw (non-ASCII, spaces,
/// controls); everything else, including existing `%XX`, is kept.
pub fn uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

//! Why a feed cannot be read: the XML well-formedness check, and feed-rs's error said in
//! words.

/// Check that XML is well formed as far as its structure goes: every tag closed by
/// the same name in order, one root element, comments, CDATA sections, processing
/// instructions and the doctype closed, no stray `<`. Entity references are left to
/// the parser. The error names the line.
pub(super) fn well_formed(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    let line_at = |i: usize| bytes[..i].iter().filter(|&&b| b == b'\n').count() + 1;
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut roots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') else {
            if open.is_empty() && roots > 0 && !text[i..].trim().is_empty() {
                return Err(format!("line {}: text after the root element", line_at(i)));
            }
            break;
        };
        let text_run = &text[i..i + offset];
        if open.is_empty()
            && !text_run
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
                .is_empty()
        {
            return Err(format!(
                "line {}: text outside the root element",
                line_at(i)
            ));
        }
        let start = i + offset;
        let rest = &text[start..];
        let closing = |marker: &str, what: &str| {
            rest.find(marker)
                .map(|end| start + end + marker.len())
                .ok_or_else(|| format!("line {}: {what} never closed", line_at(start)))
        };
        if rest.starts_with("<!--") {
            i = closing("-->", "a comment")?;
        } else if rest.starts_with("<![CDATA[") {
            if open.is_empty() {
                return Err(format!(
                    "line {}: CDATA outside the root element",
                    line_at(start)
                ));
            }
            i = closing("]]>", "a CDATA section")?;
        } else if rest.starts_with("<?") {
            i = closing("?>", "a processing instruction")?;
        } else if rest.starts_with("<!") {
            // <!DOCTYPE …> with an optional internal subset in brackets.
            let mut depth = 0i32;
            let end = rest.char_indices().skip(2).find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    '>' if depth <= 0 => return true,
                    _ => {}
                }
                false
            });
            match end {
                Some((e, _)) => i = start + e + 1,
                None => {
                    return Err(format!(
                        "line {}: a declaration never closed",
                        line_at(start)
                    ))
                }
            }
        } else {
            let end_tag = rest.starts_with("</");
            let name_start = if end_tag { 2 } else { 1 };
            let name_len = rest[name_start..]
                .find(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | '<' | '"' | '\''))
                .unwrap_or(rest.len() - name_start);
            let name = &rest[name_start..name_start + name_len];
            if name.is_empty() {
                return Err(format!("line {}: a '<' that opens no tag", line_at(start)));
            }
            // The end of the tag: the first '>' outside quoted attribute values.
            let mut quote: Option<u8> = None;
            let mut end = None;
            for (k, &b) in bytes[start + name_start + name_len..].iter().enumerate() {
                match (quote, b) {
                    (Some(q), b) if b == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => quote = Some(b),
                    (None, b'<') => break,
                    (None, b'>') => {
                        end = Some(start + name_start + name_len + k);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                return Err(format!(
                    "line {}: the tag <{name}> never closed",
                    line_at(start)
                ));
            };
            if end_tag {
                match open.pop() {
                    Some((expected, _)) if expected == name => {}
                    Some((expected, opened)) => {
                        return Err(format!(
                        "line {}: </{name}> where </{expected}> (opened on line {}) should close",
                        line_at(start),
                        line_at(opened)
                    ))
                    }
                    None => {
                        return Err(format!("line {}: </{name}> closes nothing", line_at(start)))
                    }
                }
            } else {
                let empty = bytes[end - 1] == b'/';
                if open.is_empty() {
                    roots += 1;
                    if roots > 1 {
                        return Err(format!(
                            "line {}: a second root element <{name}>",
                            line_at(start)
                        ));
                    }
                }
                if !empty {
                    open.push((name, start));
                }
            }
            i = end + 1;
        }
    }
    match open.last() {
        Some((name, opened)) => Err(format!(
            "<{name}> opened on line {} is never closed",
            line_at(*opened)
        )),
        None if roots == 0 => Err("no root element".to_string()),
        None => Ok(()),
    }
}

/// Why feed-rs could not read the file, in words for the editor.
pub(super) fn unreadable(text: &str, error: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let json = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .starts_with('{');
    match error {
        ParseFeedError::XmlReader(e) => {
            format!("not a readable feed: the XML is malformed ({e}); nothing imported from it")
        }
        ParseFeedError::JsonSerde(e) => {
            format!("not a readable JSON Feed: {e}; nothing imported from it")
        }
        ParseFeedError::JsonUnsupportedVersion(v) => {
            format!("a JSON Feed of unsupported version {v:?}; nothing imported from it")
        }
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) if !json => {
            "not a readable feed: no <rss version=\"2.0\">, <feed> or <rdf:RDF> root with a channel; nothing imported from it".to_string()
        }
        other => format!("not a readable feed ({other}); nothing imported from it"),
    }
}

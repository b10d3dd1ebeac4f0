//! The one place serde_yaml is used (it is archived upstream; swapping it means touching
//! only this file). Parses YAML with errors that carry a line, refuses alias bombs, and
//! finds the line of a top-level key for semantic errors found after parsing.

use serde::de::DeserializeOwned;

/// A YAML problem with the 1-based line inside the parsed text (when the parser knows it).
#[derive(Debug, Clone)]
pub struct YamlError {
    pub line: Option<usize>,
    pub message: String,
}

/// Aliases (`*name`) are rare in front matter and config, and a few nested ones can expand
/// to billions of nodes ("billion laughs"); cap them before handing text to the parser.
const MAX_ALIASES: usize = 64;

pub type Mapping = serde_yaml::Mapping;
pub type Value = serde_yaml::Value;

fn check_aliases(text: &str) -> Result<(), YamlError> {
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        // `*` after space/colon/dash/bracket starts an alias; inside quoted strings it is
        // harmless, so this over-counts only in odd text and never under-counts.
        let bytes = line.as_bytes();
        for (j, &b) in bytes.iter().enumerate() {
            if b == b'*' && (j == 0 || matches!(bytes[j - 1], b' ' | b'[' | b',' | b':' | b'-')) {
                count += 1;
                if count > MAX_ALIASES {
                    return Err(YamlError {
                        line: Some(i + 1),
                        message: format!(
                            "too many YAML aliases (more than {MAX_ALIASES}); refusing to expand"
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}

fn convert(err: serde_yaml::Error) -> YamlError {
    let line = err.location().map(|l| l.line());
    // serde_yaml appends " at line N column M" to its Display; we report the line ourselves.
    let mut message = err.to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    YamlError { line, message }
}

/// Parse typed YAML (used by site.yaml, whose structs deny unknown fields).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_aliases(text)?;
    serde_yaml::from_str(text).map_err(convert)
}

/// Parse a YAML mapping (front matter). An empty document is an empty mapping.
pub fn mapping_from_str(text: &str) -> Result<Mapping, YamlError> {
    check_aliases(text)?;
    if text.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match serde_yaml::from_str::<Value>(text).map_err(convert)? {
        Value::Mapping(m) => Ok(m),
        Value::Null => Ok(Mapping::new()),
        _ => Err(YamlError {
            line: Some(1),
            message: "expected `key: value` pairs".into(),
        }),
    }
}

/// Serialize a value (used to write front matter on import and `new`).
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

/// 1-based line of a top-level `key:` in a YAML block, for errors found after parsing.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// 1-based line of the `index`th item of a top-level list `key:` (`- slug: x` entries).
pub fn list_item_line(text: &str, key: &str, index: usize) -> Option<usize> {
    let start = key_line(text, key)?;
    let mut seen = 0;
    for (i, line) in text.lines().enumerate().skip(start) {
        let trimmed = line.trim_start();
        if !line.starts_with([' ', '-', '\t']) && !trimmed.is_empty() && !trimmed.starts_with('#') {
            break; // next top-level key
        }
        // Only items at the list's own indentation count, not nested lists.
        if trimmed.starts_with("- ") && line.len() - trimmed.len() <= 2 {
            if seen == index {
                return Some(i + 1);
            }
            seen += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines() {
        let text = "title: x\ndate: 2024-01-01\n  region: nested\nregion : gulf\n";
        assert_eq!(key_line(text, "title"), Some(1));
        assert_eq!(key_line(text, "region"), Some(4));
        assert_eq!(key_line(text, "tags"), None);
    }

    #[test]
    fn list_items() {
        let text =
            "a: 1\nregions:\n  - slug: x\n    countries:\n      - Iraq\n  - slug: y\ntags: []\n";
        assert_eq!(list_item_line(text, "regions", 0), Some(3));
        assert_eq!(list_item_line(text, "regions", 1), Some(6));
        assert_eq!(list_item_line(text, "regions", 2), None);
    }

    #[test]
    fn alias_bomb_refused() {
        let mut text = String::from("a: &a [x, x]\n");
        for i in 0..10 {
            text.push_str(&format!("b{i}: &b{i} [*a, *a, *a, *a, *a, *a, *a, *a]\n"));
        }
        let err = mapping_from_str(&text).unwrap_err();
        assert!(err.message.contains("aliases"), "{}", err.message);
    }

    #[test]
    fn syntax_error_has_line() {
        let err = mapping_from_str("title: ok\ndate: [unclosed\nregion: x\n").unwrap_err();
        assert!(err.line.is_some());
    }
}

//! Content problems as data: a `Diagnostic` names a file, a line and what is wrong.
//! Loaders collect them instead of stopping at the first, so `check` and `build`
//! can report every problem at once. Nothing here prints or decides exit codes.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path as the user knows it: relative to the site root when possible.
    #[serde(serialize_with = "serialize_lossy")]
    pub path: PathBuf,
    /// 1-based line; `None` when the problem is about the whole file.
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

/// Paths as JSON text even when a file name is not UTF-8 (serde refuses those paths,
/// and `check --format json` must report them, not fail).
fn serialize_lossy<S: serde::Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.to_string_lossy())
}

impl Diagnostic {
    pub fn error(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `::error file=…,line=…::…` for GitHub Actions annotations.
    pub fn github_annotation(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // GitHub's workflow-command escaping: %, CR and LF in the message; also , and : in properties.
        let escape_data = |s: &str| {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let escape_prop = |s: &str| escape_data(s).replace(':', "%3A").replace(',', "%2C");
        let file = escape_prop(&self.path.to_string_lossy());
        match self.line {
            Some(line) => format!(
                "::{kind} file={file},line={line}::{}",
                escape_data(&self.message)
            ),
            None => format!("::{kind} file={file}::{}", escape_data(&self.message)),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        let prefix = if self.severity == Severity::Warning {
            "warning: "
        } else {
            ""
        };
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {prefix}{}", self.message),
            None => write!(f, "{path}: {prefix}{}", self.message),
        }
    }
}

/// Sort by path, then line, then message, so reports are stable run to run.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.severity, &a.message).cmp(&(&b.path, b.line, b.severity, &b.message))
    });
}

/// `path` relative to `root` for messages, or unchanged when it is outside.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The error a command returns when content diagnostics stopped it.
#[derive(Debug)]
pub struct ContentErrors(pub Vec<Diagnostic>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "{errors} error{} found; nothing was written",
            if errors == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for ContentErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the exit-code audit (issue 8): `check --format json` panicked on a content
    /// file whose name is not UTF-8.
    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_serialise() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"content/bad\xff.md"));
        let json = serde_json::to_string(&Diagnostic::error(path, Some(1), "x")).unwrap();
        assert!(
            json.contains("\"path\":\"content/bad\u{FFFD}.md\""),
            "{json}"
        );
    }
}

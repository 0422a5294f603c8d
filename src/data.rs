//! The legal knowledge in `checks/`: shipped inside the binary, extended or overridden by
//! folders of the user's own. Every data file is validated like code: unknown keys and bad
//! values are [`DataError`]s with file:line:col, all reported at once.

use include_dir::{include_dir, Dir};
use std::fmt;

/// The shipped `checks/` folder, built into the binary so it works from any folder.
pub static SHIPPED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/checks");

/// The text of a shipped data file (`rel` is relative to `checks/`). The shipped data is
/// tested, so a missing or non-UTF-8 file is a build mistake and panics.
pub fn shipped_text(rel: &str) -> &'static str {
    SHIPPED
        .get_file(rel)
        .and_then(|f| f.contents_utf8())
        .unwrap_or_else(|| panic!("checks/{rel} is shipped as UTF-8 text"))
}

/// A problem in a data or configuration file, with its place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DataError {
    pub file: String,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.col, self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl DataError {
    /// An error at a byte offset of `text`.
    pub fn at_offset(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(text, offset);
        DataError {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    /// Converts a `toml` parse/deserialize error, keeping its span.
    pub fn from_toml(file: &str, text: &str, err: &toml::de::Error) -> Self {
        let offset = err.span().map(|s| s.start).unwrap_or(0);
        let mut e = DataError::at_offset(file, text, offset, err.message().trim().to_string());
        if err.span().is_none() {
            e.line = 0;
            e.col = 0;
        }
        e
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Parses a TOML data file into `T` (which should `#[serde(deny_unknown_fields)]`).
pub fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| DataError::from_toml(file, text, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u32,
    }

    #[test]
    fn unknown_key_has_place() {
        let text = "a = 1\nbogus = 2\n";
        let e = parse_toml::<T>("x.toml", text).unwrap_err();
        assert_eq!((e.line, e.col), (2, 1), "{e}");
        assert!(e.message.contains("bogus"), "{e}");
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\n中文x", 9), (2, 3));
    }
}

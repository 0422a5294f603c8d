//! What a reader says about a file it could not fully read: a typed diagnostic (kind, place,
//! subject, message). The rules layer (F001–F006) turns each into a finding; readers know no rules.

use crate::finding::Place;

/// What went wrong while reading; each kind is one file rule (F001–F006).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// F001: the file cannot be opened or read.
    Unreadable,
    /// F002: the XML is not well-formed.
    MalformedXml,
    /// F003: the bytes are not in the encoding the file declares.
    Encoding,
    /// F004: a sheet has no header row.
    NoHeaderRow,
    /// F005: a field or column the reader does not know.
    UnknownField,
    /// F006: a value that cannot be parsed.
    UnparseableValue,
}

/// One diagnostic; the message is already in the run's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub place: Place,
    pub subject: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        kind: DiagnosticKind,
        place: Place,
        subject: impl Into<String>,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            kind,
            place,
            subject: subject.into(),
            message,
        }
    }
}

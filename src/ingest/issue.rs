//! Validation issues: owned values naming file position, JSON path, rule, level and message.

use crate::model::Str;
use std::fmt;

/// How serious an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// Which check an issue comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Required,
    Type,
    Enum,
    Length,
    Range,
    ListLength,
    Timestamp,
    UnknownField,
    AddedLater,
    Duplicate,
    Conflict,
}

impl Rule {
    pub const ALL: [Rule; 11] = [
        Rule::Required,
        Rule::Type,
        Rule::Enum,
        Rule::Length,
        Rule::Range,
        Rule::ListLength,
        Rule::Timestamp,
        Rule::UnknownField,
        Rule::AddedLater,
        Rule::Duplicate,
        Rule::Conflict,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::Type => "type",
            Rule::Enum => "enum",
            Rule::Length => "length",
            Rule::Range => "range",
            Rule::ListLength => "list-length",
            Rule::Timestamp => "timestamp",
            Rule::UnknownField => "unknown-field",
            Rule::AddedLater => "added-later",
            Rule::Duplicate => "duplicate",
            Rule::Conflict => "conflict",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding of the validator, located in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub level: Level,
    pub rule: Rule,
    /// From the document root: `findings[12].severity`, `[4].findings[2].arn`, `[7].severity`.
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// What was expected and what was found.
    pub message: String,
    /// ARN of the record the issue is in, when it has one (to open that record).
    pub record_arn: Option<Str>,
}

/// An issue before its position is resolved to line:column.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingIssue {
    pub pos: usize,
    pub level: Level,
    pub rule: Rule,
    pub path: String,
    pub message: String,
}

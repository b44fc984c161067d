//! Typed Inspector Classic records, as read from exports: nothing a file said is dropped.
//!
//! Members the typed fields cannot hold (unknown members, or known members of the wrong JSON
//! type) are kept verbatim in each record's `extra`, so raw views and JSON exports lose nothing.

pub mod catalog;
mod decimal;
mod intern;
mod iot;
mod json;
mod node;
mod records;
mod severity;
pub mod sort;
mod timestamp;

pub use decimal::{shortest, tenths};
pub use intern::{Interner, Str};
pub use iot::{AuditCheck, AuditCheckDetails, AuditTask, TaskStatistics};
pub use json::{write_str, Json};
pub use node::{Member, Node, Spanned};
pub use records::*;
pub use severity::Severity;
pub use timestamp::{format_naive, TimePrecision, Timestamp, TimestampError};

//! Bytes → validated records → one merged dataset.
//!
//! [`FileJob`] reads one file resumably; [`Dataset::merge`] dedupes records across files by ARN.

mod context;
mod dataset;
mod decode;
mod detect;
mod file;
mod issue;
pub mod lexer;
mod locate;
mod validate;
mod walk;

pub use context::{Context, Shared};
pub use dataset::{Dataset, MergeIssue, Merged, Source};
pub use decode::{decode, DecodeError, Decoded};
pub use detect::{recognise, Recognised};
pub use file::{FailedItem, FileReport, Layout, LoadError, LoadedFile, Located, Records};
pub use issue::{Issue, Level, PendingIssue, Rule};
pub use locate::Locator;
pub use validate::Checker;
pub use walk::{read_file, FileJob, Options, Progress};

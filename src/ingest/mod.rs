//! Bytes → validated records → one merged dataset.
//!
//! [`FileJob`] reads one file resumably; [`Dataset::merge`] dedupes records across files by ARN.

mod audits;
mod context;
mod dataset;
mod decode;
mod detect;
mod file;
mod issue;
pub mod lexer;
mod locate;
mod memo;
mod swar;
mod validate;
mod walk;

pub use audits::Audits;
pub use context::{Context, Shared};
pub use dataset::{Dataset, MergeIssue, MergeJob, Merged, Source};
pub use decode::{decode, DecodeError, Decoded};
pub use detect::{recognise, Recognised};
pub use file::{FailedItem, FileReport, Layout, LoadError, LoadedFile, Located, Records};
pub use issue::{Issue, Level, PendingIssue, Rule};
pub use locate::Locator;
pub use memo::{BlockMemo, PREFIX as BLOCK_PREFIX};
pub use validate::Checker;
/// Parses a small JSON document (a sidecar, an index) into an owned value, with the same lexer
/// as the exports; the error names the line and column.
pub fn parse_json(text: &str) -> Result<crate::model::Json, String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lx = lexer::Lexer::new(body.as_bytes(), 0);
    let at = |pos: usize| Locator::default().locate(body.as_bytes(), pos);
    let v = lx.value().map_err(|e| {
        let (l, c) = at(e.pos);
        format!("line {l}, column {c}: {}", e.message)
    })?;
    if !lx.at_end() {
        let (l, c) = at(lx.pos);
        return Err(format!("line {l}, column {c}: unexpected text after the JSON value"));
    }
    Ok(v.node.to_json(&mut crate::model::Interner::new()))
}

pub use walk::{read_file, FileJob, Options, Progress};

//! Filters, facets, search, sort and grouping over a dataset's findings, fast at 100k rows.
//!
//! [`FindingIndex`] is built once per dataset: every column becomes small integer ids (facet
//! values, sort ordinals, shared lower-cased search texts), so a query is integer work.

mod exec;
mod index;
mod issues;
mod runs;
mod urlcodec;

pub use exec::{Facet, FacetValue, Filters, Group, GroupBy, QueryResult, Sort};
pub use index::{Column, Dim, FindingIndex, Row};
pub use issues::{
    group_issues, issue_at, FileGroup, IssueAt, IssueFilter, IssueGroups, IssueItem, LevelCounts, RecordLink,
    RuleGroup, LEVELS,
};
pub use runs::{
    agents_of_run, arn_tail, duration_text, loaded_counts, loaded_counts_of, run_row, run_rows, seconds_between,
    sort_rows, state_tone, summarize, telemetry_messages, timeline, LoadedCounts, RunColumn, RunRow, RunSort,
    RunsSummary, TimelineEntry,
};
pub use urlcodec::{digest, ViewCodec};

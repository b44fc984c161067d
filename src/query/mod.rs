//! Filters, facets, search, sort and grouping over a dataset's findings, fast at 100k rows.
//!
//! [`FindingIndex`] is built once per dataset: every column becomes small integer ids (facet
//! values, sort ordinals, shared lower-cased search texts), so a query is integer work.

pub mod audit; // IoT Device Defender audit tasks and checks
mod compare;
mod exec;
mod export;
mod index;
mod issues;
pub mod report;
mod runs;
pub mod triage;
mod urlcodec;

pub use compare::{
    compare, default_pair, diff_csv, filter_rows, run_choices, side_findings, Comparison, DiffCounts, DiffRow,
    FindingKey, RunChoice, Side, Status, DIFF_CSV_HEADER,
};
pub use exec::{Facet, FacetValue, Filters, Group, GroupBy, QueryResult, RowOrder, Sort};
pub use export::{csv, csv_cell, describe_findings_json, is_formula_like, push_csv_line, Field, BOM};
pub use index::{natural_cmp, natural_key, Column, Dim, FindingIndex, IndexBuilder, Row, SortKeys, Values};
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
// Findings report and triage marks (the rest of their API: `query::report::…`, `query::triage::…`).
pub use report::{build_report, FindingsReport};
pub use triage::{Status as TriageStatus, TriageMatches, TriageStore};

/// Present values in the asked direction; missing values always last (for table sorts).
pub(crate) fn cmp_opt<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(x), Some(y)) if descending => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

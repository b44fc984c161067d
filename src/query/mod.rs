//! Filters, facets, search, sort and grouping over a dataset's findings, fast at 100k rows.
//!
//! [`FindingIndex`] is built once per dataset: every column becomes small integer ids (facet
//! values, sort ordinals, shared lower-cased search texts), so a query is integer work.

mod index;
mod query;
mod urlcodec;

pub use index::{Column, Dim, FindingIndex, Row};
pub use query::{Facet, FacetValue, Filters, Group, GroupBy, QueryResult, Sort};
pub use urlcodec::{digest, ViewCodec};

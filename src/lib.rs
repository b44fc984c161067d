//! Inspector Viewer: read, validate, merge and explore Amazon Inspector Classic
//! (API 2016-02-16) JSON exports, entirely in the browser.
//!
//! Layers point one way; each may use only the layers to its left:
//!
//! ```text
//! model ← schema ← ingest ← query ← chart ← state ← ui
//! ```
//!
//! * [`model`]  — typed records (Finding, AssessmentRun, …), timestamps, interned strings.
//! * [`schema`] — the API's output shapes written once, as data; validation and docs come from it.
//! * [`ingest`] — bytes → documents: lexer with positions, kind/layout detection, validation,
//!   record building, merge/dedupe into a [`ingest::Dataset`]. Resumable, so the UI can slice it.
//! * [`query`]  — filters, facets, search, sort, grouping over a dataset.
//! * [`chart`]  — `fn draw<DB: DrawingBackend>` charts (SVG natively, canvas in the browser).
//! * [`state`]  — the app's single store: `fn apply(&mut self, Action)`, tested natively.
//! * [`ui`]     — yew components; the only layer that touches yew, web-sys, gloo or a canvas.
//!
//! [`cli`] is the `inspector-validate` command over the same core (no web APIs).
//! [`generate`] sits beside the stack: a deterministic generator of realistic exports, used for
//! the bundled sample data, tests and benchmarks.

pub mod chart;
pub mod cli;
pub mod generate;
pub mod ingest;
pub mod model;
pub mod query;
pub mod schema;
pub mod state;
pub mod ui;

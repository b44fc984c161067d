//! Deterministic generator of realistic Amazon Inspector Classic (API 2016-02-16) exports.
//!
//! Used for the bundled sample data (`static/samples/`, written by `gen-data samples`), by
//! tests, and by benchmarks (10k / 100k / 1M findings). It writes wire-shaped JSON text
//! itself with serde_json and private serialisation structs — it never uses the app's model
//! types, so parsing its output is a meaningful round-trip test.
//!
//! # What it produces
//!
//! A [`Dataset`] is an account (or several) with EC2 instances, resource groups, assessment
//! targets and templates, and assessment runs over a few months; every completed run has
//! findings from the five classic rules packages (CVE, CIS, Security Best Practices, Runtime
//! Behavior Analysis, Network Reachability) with the title/id/attribute shapes documented in
//! real exports. Later runs of a template re-find most issues of the previous run (same rule
//! id + instance + package), fix some, add some, and re-score a few. `findingCounts` of each
//! run equals what its findings say.
//!
//! Everything is a pure function of the seed: a finding is derived from
//! `(seed, run, index)` without generating the ones before it, so findings are streamed to
//! any [`std::io::Write`] one at a time (1M findings never sit in memory) and any slice can be
//! regenerated on its own.
//!
//! # Output shapes
//!
//! * [`TimestampStyle`]: CLI v1 numbers, CLI v2 `isoformat()` with offset, boto3 `str()`,
//!   JS `toISOString()`, epoch strings.
//! * pretty (4-space indent, like the AWS CLI) or compact.
//! * [`Layout`]: one response per file, many files of N records, an array of responses, a
//!   bare array of findings, JSON Lines.
//! * Object members are in the service model's member order (what botocore and the CLI
//!   print); `findingCounts` keys are alphabetical as in AWS's example.

mod catalog;
mod emit;
mod finding;
mod json;
mod rng;
mod samples;
mod time;
mod world;

#[cfg(test)]
mod tests;

pub use catalog::{region_packages, RegionPackages, RulesPackage, Severity, REGIONS};
pub use emit::OutputFile;
pub use samples::{sample_dataset, write_samples, SAMPLE_SEED};
pub use time::{epoch_ms_utc, format_timestamp, TimestampStyle};
pub use world::{Dataset, RunInfo, RunState};

use std::io;

/// How records are grouped into files / top-level JSON values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// One `DescribeFindings` response object holding every finding (a merged export).
    Single,
    /// Many files, each one `DescribeFindings` response with at most `per_file` findings
    /// (like one `describe-findings` call per file). Files never mix runs.
    Split {
        /// Findings per file (the API returns at most 100 per call).
        per_file: usize,
    },
    /// One file holding a JSON array of `DescribeFindings` responses of at most
    /// `per_response` findings each (never mixing runs).
    Responses {
        /// Findings per response.
        per_response: usize,
    },
    /// One file holding a bare JSON array of findings.
    Bare,
    /// One finding per line (always compact).
    JsonLines,
}

impl Layout {
    /// Parse `single`, `split:N`, `responses`, `responses:N`, `bare`, `jsonl`.
    pub fn parse(s: &str) -> Option<Layout> {
        let (name, arg) = match s.split_once(':') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        let n = |d: usize| -> Option<usize> {
            match arg {
                None => Some(d),
                Some(v) => v.parse::<usize>().ok().filter(|&x| x > 0),
            }
        };
        match name {
            "single" if arg.is_none() => Some(Layout::Single),
            "split" => n(100).map(|per_file| Layout::Split { per_file }),
            "responses" => n(100).map(|per_response| Layout::Responses { per_response }),
            "bare" if arg.is_none() => Some(Layout::Bare),
            "jsonl" | "ndjson" if arg.is_none() => Some(Layout::JsonLines),
            _ => None,
        }
    }

    /// Whether the layout writes a directory of files rather than one stream.
    pub const fn is_multi_file(self) -> bool {
        matches!(self, Layout::Split { .. })
    }
}

/// Text formatting of one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Format {
    /// Timestamp rendering.
    pub style: TimestampStyle,
    /// Local offset for [`TimestampStyle::CliV2`] / [`TimestampStyle::Boto3Str`], minutes
    /// east of UTC (e.g. `120` → `+02:00`, `-300` → `-05:00`).
    pub utc_offset_minutes: i32,
    /// 4-space indented (AWS CLI) or compact.
    pub pretty: bool,
}

impl Default for Format {
    fn default() -> Self {
        Format {
            style: TimestampStyle::CliV1,
            utc_offset_minutes: 0,
            pretty: true,
        }
    }
}

impl Format {
    /// A format with `style`, pretty, UTC.
    pub const fn new(style: TimestampStyle) -> Format {
        Format {
            style,
            utc_offset_minutes: 0,
            pretty: true,
        }
    }
    /// Same with another offset.
    pub const fn with_offset(self, minutes: i32) -> Format {
        Format {
            utc_offset_minutes: minutes,
            ..self
        }
    }
    /// Same, pretty or compact.
    pub const fn with_pretty(self, pretty: bool) -> Format {
        Format { pretty, ..self }
    }
}

/// What to generate. Start from [`GenConfig::default()`] and chain the `with_*` methods.
///
/// ```
/// use inspector_viewer::generate::{Dataset, GenConfig, Layout, TimestampStyle};
/// let cfg = GenConfig::default()
///     .with_findings(250)
///     .with_runs(3)
///     .with_seed(7)
///     .with_style(TimestampStyle::CliV2)
///     .with_layout(Layout::Bare);
/// let ds = Dataset::new(&cfg).unwrap();
/// let mut out = Vec::new();
/// ds.write_findings(&mut out, cfg.layout, cfg.format).unwrap();
/// assert_eq!(ds.total_findings(), 250);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GenConfig {
    /// Seed: same seed and options → same bytes.
    pub seed: u64,
    /// Total findings over all runs (distributed over the completed runs roughly by target
    /// size; failed/canceled runs have none). Ignored when `findings_per_run` is set.
    pub findings: u64,
    /// Explicit findings per run (length must equal `runs`; failed/canceled runs must be 0).
    pub findings_per_run: Option<Vec<u64>>,
    /// Number of assessment runs (run `i` belongs to template `i % templates`, runs are
    /// `run_spacing_hours` apart).
    pub runs: usize,
    /// Number of assessment templates (each with its own target); at least one per account.
    pub templates: usize,
    /// Number of EC2 instances; `None` = about one per 40 findings per run (8 … 20000).
    pub instances: Option<usize>,
    /// Region code (must have published rules-package ARNs, see [`REGIONS`]).
    pub region: String,
    /// 12-digit account IDs; `None` = one account derived from the seed.
    pub account_ids: Option<Vec<String>>,
    /// Creation time of the first run, epoch milliseconds UTC.
    pub start_ms: i64,
    /// Hours between consecutive runs.
    pub run_spacing_hours: u32,
    /// One run COMPLETED_WITH_ERRORS (≥ 3 runs), one FAILED (≥ 4) and one CANCELED (≥ 8);
    /// otherwise every run is COMPLETED.
    pub mixed_states: bool,
    /// Output text format.
    pub format: Format,
    /// Output layout.
    pub layout: Layout,
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            seed: 0x1A5E_C70B,
            findings: 1500,
            findings_per_run: None,
            runs: 6,
            templates: 3,
            instances: None,
            region: "us-east-1".to_string(),
            account_ids: None,
            start_ms: epoch_ms_utc(2019, 3, 4, 14, 0, 0),
            run_spacing_hours: 72,
            mixed_states: true,
            format: Format::default(),
            layout: Layout::Single,
        }
    }
}

impl GenConfig {
    /// Set the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Set the total number of findings.
    pub fn with_findings(mut self, n: u64) -> Self {
        self.findings = n;
        self
    }
    /// Set findings per run explicitly (also sets `runs`).
    pub fn with_findings_per_run(mut self, counts: Vec<u64>) -> Self {
        self.runs = counts.len();
        self.findings = counts.iter().sum();
        self.findings_per_run = Some(counts);
        self
    }
    /// Set the number of runs.
    pub fn with_runs(mut self, n: usize) -> Self {
        self.runs = n;
        self
    }
    /// Set the number of templates.
    pub fn with_templates(mut self, n: usize) -> Self {
        self.templates = n;
        self
    }
    /// Set the number of instances.
    pub fn with_instances(mut self, n: usize) -> Self {
        self.instances = Some(n);
        self
    }
    /// Set the region.
    pub fn with_region(mut self, region: &str) -> Self {
        self.region = region.to_string();
        self
    }
    /// Set the account IDs.
    pub fn with_accounts<S: AsRef<str>>(mut self, ids: &[S]) -> Self {
        self.account_ids = Some(ids.iter().map(|s| s.as_ref().to_string()).collect());
        self
    }
    /// Set the first run's creation time (epoch ms).
    pub fn with_start_ms(mut self, ms: i64) -> Self {
        self.start_ms = ms;
        self
    }
    /// Set the spacing between runs.
    pub fn with_run_spacing_hours(mut self, h: u32) -> Self {
        self.run_spacing_hours = h;
        self
    }
    /// Mixed run states on/off.
    pub fn with_mixed_states(mut self, on: bool) -> Self {
        self.mixed_states = on;
        self
    }
    /// Set the timestamp style.
    pub fn with_style(mut self, style: TimestampStyle) -> Self {
        self.format.style = style;
        self
    }
    /// Set the local offset (minutes east of UTC) for CLI v2 / boto3 styles.
    pub fn with_utc_offset_minutes(mut self, m: i32) -> Self {
        self.format.utc_offset_minutes = m;
        self
    }
    /// Pretty or compact.
    pub fn with_pretty(mut self, pretty: bool) -> Self {
        self.format.pretty = pretty;
        self
    }
    /// Set the whole format.
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }
    /// Set the layout.
    pub fn with_layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// Build the dataset (shorthand for [`Dataset::new`]).
    pub fn build(&self) -> io::Result<Dataset> {
        Dataset::new(self)
    }
}

pub(crate) fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.into())
}

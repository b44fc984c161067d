//! What reading one file produced: its report (kind, layout, issues, error) and its records.

use super::issue::{Issue, Level, Rule};
use crate::model::{
    AssessmentRun, AssessmentRunAgent, AssessmentTarget, AssessmentTemplate, AuditCheck, AuditTask, FailedItemDetails,
    Finding, ResourceGroup, RulesPackage, Str, TelemetryMetadata,
};
use crate::schema::DocKind;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A record and where it stood in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub rec: Rc<T>,
    pub line: u32,
    pub column: u32,
    /// JSON path of the record from the document root (`findings[3]`, `[2].findings[0]`).
    pub path: Box<str>,
}

/// An entry of a Describe* response's `failedItems` map.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedItem {
    pub arn: Str,
    pub details: FailedItemDetails,
    /// The operation whose response listed it.
    pub operation: DocKind,
}

/// Every record a file held, by kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    pub findings: Vec<Located<Finding>>,
    pub runs: Vec<Located<AssessmentRun>>,
    pub templates: Vec<Located<AssessmentTemplate>>,
    pub targets: Vec<Located<AssessmentTarget>>,
    pub resource_groups: Vec<Located<ResourceGroup>>,
    pub rules_packages: Vec<Located<RulesPackage>>,
    pub agents: Vec<Located<AssessmentRunAgent>>,
    pub telemetry: Vec<Located<TelemetryMetadata>>,
    pub finding_arns: Vec<Located<Str>>,
    pub run_arns: Vec<Located<Str>>,
    /// Not records: the items a Describe* call could not describe.
    pub failed_items: Vec<Located<FailedItem>>,
    /// IoT Device Defender audit checks (DescribeAuditTask), one per `auditDetails` entry.
    pub audit_checks: Vec<Located<AuditCheck>>,
    /// Not records: the audit tasks the checks belong to (also a task without checks).
    pub audit_tasks: Vec<Located<AuditTask>>,
}

impl Records {
    /// Number of records of `kind`.
    pub fn count(&self, kind: DocKind) -> usize {
        match kind {
            DocKind::DescribeFindings => self.findings.len(),
            DocKind::DescribeAssessmentRuns => self.runs.len(),
            DocKind::DescribeAssessmentTemplates => self.templates.len(),
            DocKind::DescribeAssessmentTargets => self.targets.len(),
            DocKind::DescribeResourceGroups => self.resource_groups.len(),
            DocKind::DescribeRulesPackages => self.rules_packages.len(),
            DocKind::ListFindings => self.finding_arns.len(),
            DocKind::ListAssessmentRuns => self.run_arns.len(),
            DocKind::ListAssessmentRunAgents => self.agents.len(),
            DocKind::GetTelemetryMetadata => self.telemetry.len(),
            DocKind::DescribeAuditTask => self.audit_checks.len(),
        }
    }

    pub fn total(&self) -> usize {
        DocKind::ALL.iter().map(|k| self.count(*k)).sum()
    }
}

/// How a file's JSON is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One response object, as one CLI call prints it.
    Response,
    /// A JSON array of response objects (paginated or merged dumps).
    ResponseArray,
    /// A JSON array of records, without the response envelope.
    BareArray,
    /// One JSON value per line.
    JsonLines,
    /// A single record object.
    SingleRecord,
    /// Nothing usable was read.
    Unknown,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Response => "response object",
            Layout::ResponseArray => "array of responses",
            Layout::BareArray => "array of records",
            Layout::JsonLines => "JSON Lines",
            Layout::SingleRecord => "single record",
            Layout::Unknown => "unknown",
        }
    }
}

/// Why a file (or the rest of it) could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

/// Everything said about one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub name: String,
    /// Bytes (u64: a file refused before reading may be larger than a wasm32 `usize`).
    pub size: u64,
    pub encoding: &'static str,
    pub layout: Layout,
    /// The kind recognised first (also for a file with zero records).
    pub detected: Option<DocKind>,
    pub error: Option<LoadError>,
    /// Issues kept for display (at most the configured cap); `counts` counts all.
    pub issues: Vec<Issue>,
    pub counts: BTreeMap<(Level, Rule), usize>,
    pub issues_not_kept: usize,
    /// A `nextToken` was present: the file holds one page of a longer listing.
    pub next_token: bool,
    /// boto3's `ResponseMetadata` was present (and ignored).
    pub response_metadata: bool,
}

impl FileReport {
    pub fn new(name: &str, size: usize) -> Self {
        FileReport {
            name: name.to_owned(),
            size: size as u64,
            encoding: "UTF-8",
            layout: Layout::Unknown,
            detected: None,
            error: None,
            issues: Vec::new(),
            counts: BTreeMap::new(),
            issues_not_kept: 0,
            next_token: false,
            response_metadata: false,
        }
    }

    pub fn count_level(&self, level: Level) -> usize {
        self.counts
            .iter()
            .filter(|((l, _), _)| *l == level)
            .map(|(_, n)| n)
            .sum()
    }

    pub fn errors(&self) -> usize {
        self.count_level(Level::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count_level(Level::Warning)
    }

    pub fn add_issue(&mut self, issue: Issue, cap: usize) {
        *self.counts.entry((issue.level, issue.rule)).or_default() += 1;
        if self.issues.len() < cap {
            self.issues.push(issue);
        } else {
            self.issues_not_kept += 1;
        }
    }
}

/// One file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub report: FileReport,
    pub records: Records,
}

impl LoadedFile {
    /// The file's kind: its only record kind, `Mixed`, or the kind detected for an empty file.
    pub fn kind_label(&self) -> &'static str {
        let kinds: Vec<DocKind> = DocKind::ALL
            .into_iter()
            .filter(|k| self.records.count(*k) > 0)
            .collect();
        match kinds.as_slice() {
            [one] => one.name(),
            [] => self.report.detected.map_or("Unknown", DocKind::name),
            _ => "Mixed",
        }
    }

    /// Records of the file's kind (all records for a mixed file).
    pub fn record_count(&self) -> usize {
        self.records.total()
    }

    pub fn usable(&self) -> bool {
        self.report.error.is_none()
    }

    /// A file that was not read at all (too large, unreadable), with the reason.
    pub fn unusable(name: &str, size: u64, message: impl Into<String>) -> LoadedFile {
        let mut report = FileReport::new(name, 0);
        report.size = size;
        report.error = Some(LoadError {
            message: message.into(),
            line: 0,
            column: 0,
        });
        LoadedFile {
            report,
            records: Records::default(),
        }
    }
}

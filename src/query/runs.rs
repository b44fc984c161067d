//! Assessment runs as table rows: template/target joins, finding counts as the run reported them
//! (`findingCounts`) next to the findings actually loaded for it, sorting, durations, the
//! state-change timeline and the run's agents. Pure: the runs view only renders these.

use super::cmp_opt;
use super::index::natural_cmp;
use crate::ingest::{Dataset, Merged};
use crate::model::sort::SharedSort as _;
use crate::model::{AssessmentRun, AssessmentRunAgent, Severity, Str, Timestamp};
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Findings loaded for one run, by severity in [`Severity::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadedCounts {
    pub by_severity: [usize; 5],
    /// Findings whose `severity` is missing or not a model value.
    pub other: usize,
}

impl LoadedCounts {
    pub fn get(&self, s: Severity) -> usize {
        self.by_severity[usize::from(s.rank())]
    }

    pub fn total(&self) -> usize {
        self.by_severity.iter().sum::<usize>() + self.other
    }
}

/// Loaded findings per `serviceAttributes.assessmentRunArn`, counted once per merged finding.
pub fn loaded_counts(data: &Dataset) -> HashMap<Str, LoadedCounts> {
    let mut out: HashMap<Str, LoadedCounts> = HashMap::default();
    for m in &data.findings {
        let Some(run) = m.rec.run_arn() else { continue };
        let c = out.entry(run.clone()).or_default();
        match m.rec.severity_level() {
            Some(s) => c.by_severity[usize::from(s.rank())] += 1,
            None => c.other += 1,
        }
    }
    out
}

/// Loaded findings of one run (one pass over the findings).
pub fn loaded_counts_of(data: &Dataset, run_arn: &str) -> LoadedCounts {
    let mut c = LoadedCounts::default();
    for m in data
        .findings
        .iter()
        .filter(|m| m.rec.run_arn().map(|a| &**a) == Some(run_arn))
    {
        match m.rec.severity_level() {
            Some(s) => c.by_severity[usize::from(s.rank())] += 1,
            None => c.other += 1,
        }
    }
    c
}

/// One row of the runs table.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    /// Index into [`Dataset::runs`].
    pub index: usize,
    pub arn: Option<Str>,
    pub name: Option<Str>,
    pub state: Option<Str>,
    pub template_arn: Option<Str>,
    /// The template's name; its ARN's tail when no loaded file describes the template.
    pub template: Option<String>,
    /// A loaded file describes the template.
    pub template_known: bool,
    pub target_arn: Option<Str>,
    /// The target's name; its ARN's tail when no loaded file describes the target.
    pub target: Option<String>,
    pub target_known: bool,
    /// `durationInSeconds`: how long the run was set to collect data.
    pub duration: Option<i64>,
    /// `completedAt − startedAt`, in whole seconds.
    pub actual: Option<i64>,
    pub created_at: Option<Timestamp>,
    pub started_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    /// `findingCounts` by severity ([`Severity::ALL`] order), when the run has it.
    pub reported: Option<[i64; 5]>,
    /// Sum of every `findingCounts` entry (also keys that are not severities).
    pub reported_total: Option<i64>,
    pub loaded: LoadedCounts,
}

impl RunRow {
    /// Reported count for one severity (`None` without `findingCounts`).
    pub fn reported(&self, s: Severity) -> Option<i64> {
        self.reported.map(|r| r[usize::from(s.rank())])
    }

    /// The loaded findings of one severity differ from what the run reported.
    pub fn gap(&self, s: Severity) -> bool {
        self.reported(s).is_some_and(|r| r != to_i64(self.loaded.get(s)))
    }

    /// The loaded findings differ in total from what the run reported.
    pub fn total_gap(&self) -> bool {
        self.reported_total.is_some_and(|r| r != to_i64(self.loaded.total()))
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The part of an ARN after its last `/` (the whole text when it has none).
pub fn arn_tail(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// Seconds from `from` to `to`, to the nearest second (negative when `to` is earlier).
pub fn seconds_between(from: Timestamp, to: Timestamp) -> i64 {
    let d = to.micros.saturating_sub(from.micros);
    let half = if d < 0 { -500_000 } else { 500_000 };
    d.saturating_add(half) / 1_000_000
}

/// Builds the row of one run, with loaded counts from [`loaded_counts`].
pub fn run_row(data: &Dataset, index: usize, counts: &HashMap<Str, LoadedCounts>) -> Option<RunRow> {
    let m = data.runs.get(index)?;
    let r: &AssessmentRun = &m.rec;
    let template = data.template_of_run(r);
    let template_arn = r.assessment_template_arn.clone();
    let template_name = match (template.and_then(|t| t.rec.name.as_deref()), template_arn.as_deref()) {
        (Some(n), _) => Some(n.to_owned()),
        (None, Some(a)) => Some(arn_tail(a).to_owned()),
        (None, None) => None,
    };
    let target_arn = template.and_then(|t| t.rec.assessment_target_arn.clone());
    let target = template.and_then(|t| data.target_of_template(&t.rec));
    let target_name = match (target.and_then(|t| t.rec.name.as_deref()), target_arn.as_deref()) {
        (Some(n), _) => Some(n.to_owned()),
        (None, Some(a)) => Some(arn_tail(a).to_owned()),
        (None, None) => None,
    };
    let reported = r.finding_counts.as_ref().map(|c| Severity::ALL.map(|s| c.get(s)));
    Some(RunRow {
        index,
        arn: r.arn.clone(),
        name: r.name.clone(),
        state: r.state.clone(),
        template_arn,
        template: template_name,
        template_known: template.is_some(),
        target_arn,
        target: target_name,
        target_known: target.is_some(),
        duration: r.duration_in_seconds,
        actual: r.started_at.zip(r.completed_at).map(|(s, c)| seconds_between(s, c)),
        created_at: r.created_at,
        started_at: r.started_at,
        completed_at: r.completed_at,
        reported,
        reported_total: r.finding_counts.as_ref().map(crate::model::FindingCounts::total),
        loaded: r.arn.as_ref().and_then(|a| counts.get(a)).copied().unwrap_or_default(),
    })
}

/// Every run of the dataset as a row, in dataset order.
pub fn run_rows(data: &Dataset) -> Vec<RunRow> {
    let counts = loaded_counts(data);
    (0..data.runs.len()).filter_map(|i| run_row(data, i, &counts)).collect()
}

/// A column of the runs table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunColumn {
    Name,
    State,
    Template,
    Target,
    Duration,
    Created,
    Started,
    Completed,
    /// Reported and loaded findings of one severity (sorted by reported, then loaded).
    Severity(Severity),
    /// All findings: reported in `findingCounts`, and loaded (sorted by reported, then loaded).
    Total,
}

impl RunColumn {
    pub const ALL: [RunColumn; 14] = [
        RunColumn::Name,
        RunColumn::State,
        RunColumn::Template,
        RunColumn::Target,
        RunColumn::Duration,
        RunColumn::Created,
        RunColumn::Started,
        RunColumn::Completed,
        RunColumn::Severity(Severity::High),
        RunColumn::Severity(Severity::Medium),
        RunColumn::Severity(Severity::Low),
        RunColumn::Severity(Severity::Informational),
        RunColumn::Severity(Severity::Undefined),
        RunColumn::Total,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RunColumn::Name => "name",
            RunColumn::State => "state",
            RunColumn::Template => "template",
            RunColumn::Target => "target",
            RunColumn::Duration => "duration",
            RunColumn::Created => "created",
            RunColumn::Started => "started",
            RunColumn::Completed => "completed",
            RunColumn::Severity(Severity::High) => "high",
            RunColumn::Severity(Severity::Medium) => "medium",
            RunColumn::Severity(Severity::Low) => "low",
            RunColumn::Severity(Severity::Informational) => "informational",
            RunColumn::Severity(Severity::Undefined) => "undefined",
            RunColumn::Total => "total",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RunColumn::Name => "Name",
            RunColumn::State => "State",
            RunColumn::Template => "Template",
            RunColumn::Target => "Target",
            RunColumn::Duration => "Duration",
            RunColumn::Created => "Created",
            RunColumn::Started => "Started",
            RunColumn::Completed => "Completed",
            RunColumn::Severity(s) => s.as_str(),
            RunColumn::Total => "Total",
        }
    }

    /// Numbers and dates read best largest/newest first; text A→Z.
    pub fn default_descending(self) -> bool {
        !matches!(
            self,
            RunColumn::Name | RunColumn::State | RunColumn::Template | RunColumn::Target
        )
    }
}

/// How the runs table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSort {
    pub column: RunColumn,
    pub descending: bool,
}

impl Default for RunSort {
    /// Newest first.
    fn default() -> Self {
        RunSort {
            column: RunColumn::Created,
            descending: true,
        }
    }
}

impl RunSort {
    /// Sorting by `column`: the same column again flips the direction.
    pub fn toggled(self, column: RunColumn) -> RunSort {
        if self.column == column {
            RunSort {
                column,
                descending: !self.descending,
            }
        } else {
            RunSort {
                column,
                descending: column.default_descending(),
            }
        }
    }
}

/// Text in natural order (`run 9` before `run 10`); missing or empty text always last.
fn cmp_text(a: Option<&str>, b: Option<&str>, descending: bool) -> Ordering {
    let (a, b) = (a.filter(|s| !s.is_empty()), b.filter(|s| !s.is_empty()));
    match (a, b) {
        (Some(x), Some(y)) if descending => natural_cmp(y, x),
        (Some(x), Some(y)) => natural_cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Compares two rows by `sort`; ties by name, then ARN, then dataset order (a total order).
pub fn compare_rows(a: &RunRow, b: &RunRow, sort: RunSort) -> Ordering {
    let d = sort.descending;
    let primary = match sort.column {
        RunColumn::Name => cmp_text(a.name.as_deref(), b.name.as_deref(), d),
        RunColumn::State => cmp_text(a.state.as_deref(), b.state.as_deref(), d),
        RunColumn::Template => cmp_text(a.template.as_deref(), b.template.as_deref(), d),
        RunColumn::Target => cmp_text(a.target.as_deref(), b.target.as_deref(), d),
        RunColumn::Duration => cmp_opt(a.duration, b.duration, d).then_with(|| cmp_opt(a.actual, b.actual, d)),
        RunColumn::Created => cmp_opt(a.created_at, b.created_at, d),
        RunColumn::Started => cmp_opt(a.started_at, b.started_at, d),
        RunColumn::Completed => cmp_opt(a.completed_at, b.completed_at, d),
        RunColumn::Severity(s) => cmp_opt(a.reported(s), b.reported(s), d)
            .then_with(|| cmp_opt(Some(a.loaded.get(s)), Some(b.loaded.get(s)), d)),
        RunColumn::Total => cmp_opt(a.reported_total, b.reported_total, d)
            .then_with(|| cmp_opt(Some(a.loaded.total()), Some(b.loaded.total()), d)),
    };
    primary
        .then_with(|| cmp_text(a.name.as_deref(), b.name.as_deref(), false))
        .then_with(|| cmp_text(a.arn.as_deref(), b.arn.as_deref(), false))
        .then_with(|| a.index.cmp(&b.index))
}

pub fn sort_rows(rows: &mut [RunRow], sort: RunSort) {
    rows.shared_sort_by(|a, b| compare_rows(a, b, sort));
}

/// `45s`, `2m 5s`, `1h`, `1h 1m 1s`, `2d 3h 4m`: the nonzero parts, at most three, largest first.
pub fn duration_text(secs: i64) -> String {
    if secs < 0 {
        return format!("−{}", unsigned_duration_text(secs.unsigned_abs()));
    }
    unsigned_duration_text(secs.unsigned_abs())
}

fn unsigned_duration_text(secs: u64) -> String {
    if secs == 0 {
        return "0s".to_owned();
    }
    let parts = [
        (secs / 86_400, "d"),
        ((secs % 86_400) / 3600, "h"),
        ((secs % 3600) / 60, "m"),
        (secs % 60, "s"),
    ];
    let Some(first) = parts.iter().position(|(n, _)| *n > 0) else {
        return "0s".to_owned();
    };
    parts[first..]
        .iter()
        .take(3)
        .filter(|(n, _)| *n > 0)
        .map(|(n, u)| format!("{n}{u}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a run state reads at a glance (a CSS class suffix for its badge).
pub fn state_tone(state: &str) -> &'static str {
    let s = state.to_ascii_uppercase();
    if s.contains("FAIL") || s.contains("ERROR") {
        "bad"
    } else if s == "COMPLETED" {
        "good"
    } else if s.contains("CANCEL") {
        "muted"
    } else if s.is_empty() {
        "unknown"
    } else {
        "active"
    }
}

/// One state of a run's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub state: String,
    pub at: Option<Timestamp>,
    /// Seconds until the next change (`None` for the last state and untimed states).
    pub lasted: Option<i64>,
}

/// The run's `stateChanges` in time order (changes without a time last, in file order), with
/// how long each state lasted.
pub fn timeline(run: &AssessmentRun) -> Vec<TimelineEntry> {
    let changes = run.state_changes.as_deref().unwrap_or_default();
    let mut items: Vec<(Option<Timestamp>, String)> = changes
        .iter()
        .map(|c| {
            (
                c.state_changed_at,
                c.state.as_deref().unwrap_or("(no state)").to_owned(),
            )
        })
        .collect();
    // Stable: equal times keep their file order; untimed go last.
    items.shared_sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    items
        .iter()
        .enumerate()
        .map(|(i, (at, state))| TimelineEntry {
            state: state.clone(),
            at: *at,
            lasted: match (at, items.get(i + 1).and_then(|n| n.0)) {
                (Some(a), Some(b)) => Some(seconds_between(*a, b)),
                _ => None,
            },
        })
        .collect()
}

/// The agents listed for run `arn` (ListAssessmentRunAgents), in dataset order.
pub fn agents_of_run<'a>(data: &'a Dataset, arn: &str) -> Vec<&'a Merged<AssessmentRunAgent>> {
    data.agents
        .iter()
        .filter(|a| a.rec.assessment_run_arn.as_deref() == Some(arn))
        .collect()
}

/// Total telemetry messages an agent reported (`None` without telemetry metadata).
pub fn telemetry_messages(agent: &AssessmentRunAgent) -> Option<i64> {
    let t = agent.telemetry_metadata.as_deref()?;
    let counts: Vec<i64> = t.iter().filter_map(|m| m.count).collect();
    if counts.is_empty() {
        None
    } else {
        Some(counts.iter().fold(0i64, |a, c| a.saturating_add(*c)))
    }
}

/// What the runs view says in one line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunsSummary {
    pub runs: usize,
    /// Runs per state, most frequent first (ties A→Z); `(no state)` for runs without one.
    pub states: Vec<(String, usize)>,
    /// Sum of `findingCounts` over runs that have it.
    pub reported: i64,
    /// Loaded findings that belong to a described run.
    pub loaded: usize,
    /// Runs whose loaded findings differ from their `findingCounts`.
    pub with_gap: usize,
    pub without_counts: usize,
    /// Run ARNs that findings, agents or ListAssessmentRuns name, but no loaded file describes.
    pub undescribed: Vec<Str>,
    pub failed_items: usize,
}

impl RunsSummary {
    pub fn text(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![plural(self.runs, "run", "runs")];
        if !self.states.is_empty() {
            let states: Vec<String> = self.states.iter().map(|(s, n)| format!("{n} {s}")).collect();
            parts.push(states.join(", "));
        }
        if self.runs > 0 && self.without_counts == self.runs {
            parts.push(format!("findings loaded {} (no run has findingCounts)", self.loaded));
        } else {
            parts.push(format!("findings reported {}, loaded {}", self.reported, self.loaded));
        }
        if self.with_gap > 0 {
            parts.push(format!(
                "{} whose loaded findings differ from findingCounts",
                plural(self.with_gap, "run", "runs")
            ));
        }
        if self.without_counts > 0 {
            parts.push(format!(
                "{} without findingCounts",
                plural(self.without_counts, "run", "runs")
            ));
        }
        if !self.undescribed.is_empty() {
            parts.push(format!(
                "{} referenced but not described",
                plural(self.undescribed.len(), "run", "runs")
            ));
        }
        if self.failed_items > 0 {
            parts.push(plural(self.failed_items, "failed item", "failed items"));
        }
        parts.join(" · ")
    }
}

pub fn summarize(data: &Dataset, rows: &[RunRow]) -> RunsSummary {
    let mut states: BTreeMap<String, usize> = BTreeMap::new();
    for r in rows {
        *states
            .entry(r.state.as_deref().unwrap_or("(no state)").to_owned())
            .or_default() += 1;
    }
    let mut states: Vec<(String, usize)> = states.into_iter().collect();
    states.shared_sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut undescribed: BTreeSet<Str> = BTreeSet::new();
    let referenced = data
        .findings
        .iter()
        .filter_map(|m| m.rec.run_arn())
        .chain(data.agents.iter().filter_map(|a| a.rec.assessment_run_arn.as_ref()))
        .chain(data.run_arns.iter().map(|m| &*m.rec));
    for arn in referenced {
        if data.run(arn).is_none() {
            undescribed.insert(arn.clone());
        }
    }
    RunsSummary {
        runs: rows.len(),
        states,
        reported: rows
            .iter()
            .filter_map(|r| r.reported_total)
            .fold(0i64, i64::saturating_add),
        loaded: rows.iter().map(|r| r.loaded.total()).sum(),
        with_gap: rows.iter().filter(|r| r.total_gap()).count(),
        without_counts: rows.iter().filter(|r| r.reported_total.is_none()).count(),
        undescribed: undescribed.into_iter().collect(),
        failed_items: data.failed_items.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Context, LoadedFile, Options};
    use std::rc::Rc;

    fn file(name: &str, doc: &str) -> LoadedFile {
        read_file(
            name,
            doc.as_bytes().to_vec(),
            &mut Context::default(),
            Options::default(),
        )
    }

    fn dataset(files: &[(&str, &str)]) -> Dataset {
        Dataset::merge(files.iter().map(|(n, d)| Rc::new(file(n, d))).collect())
    }

    const R: &str = "arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p/run/";

    fn run_json(id: &str, name: &str, state: &str, created: i64, counts: Option<&str>) -> String {
        let counts = counts.map(|c| format!(r#","findingCounts":{c}"#)).unwrap_or_default();
        format!(
            r#"{{"arn":"{R}{id}","name":"{name}","assessmentTemplateArn":"arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p",
            "state":"{state}","durationInSeconds":3600,"rulesPackageArns":[],"userAttributesForFindings":[],
            "createdAt":{created},"startedAt":{},"completedAt":{},"stateChangedAt":{},"dataCollected":true,
            "stateChanges":[],"notifications":[]{counts}}}"#,
            created + 10,
            created + 3610,
            created + 3610
        )
    }

    fn runs_doc(runs: &[String]) -> String {
        format!(r#"{{"assessmentRuns":[{}],"failedItems":{{}}}}"#, runs.join(","))
    }

    fn finding(n: u32, run: &str, severity: Option<&str>) -> String {
        let sev = severity.map(|s| format!(r#","severity":"{s}""#)).unwrap_or_default();
        format!(
            r#"{{"arn":"arn:f/{n}","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1{sev},
            "serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"{R}{run}"}},
            "assetAttributes":{{"schemaVersion":1,"agentId":"i-1"}}}}"#
        )
    }

    fn findings_doc(f: &[String]) -> String {
        format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, f.join(","))
    }

    const TEMPLATES: &str = r#"{"assessmentTemplates":[{"arn":"arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p",
        "name":"Weekly scan","assessmentTargetArn":"arn:aws:inspector:us-west-2:123456789012:target/0-t","durationInSeconds":3600,
        "rulesPackageArns":[],"userAttributesForFindings":[],"assessmentRunCount":2,"createdAt":1}],"failedItems":{}}"#;
    const TARGETS: &str = r#"{"assessmentTargets":[{"arn":"arn:aws:inspector:us-west-2:123456789012:target/0-t",
        "name":"Web servers","createdAt":1,"updatedAt":1}],"failedItems":{}}"#;

    fn sample() -> Dataset {
        let runs = runs_doc(&[
            run_json(
                "0-a",
                "run 10",
                "COMPLETED",
                1_458_680_170,
                Some(r#"{"High":2,"Medium":1,"Low":0}"#),
            ),
            run_json("0-b", "run 9", "FAILED", 1_458_690_000, None),
            run_json("0-c", "Run 11", "COMPLETED", 1_458_600_000, Some(r#"{"High":1}"#)),
        ]);
        let findings = findings_doc(&[
            finding(1, "0-a", Some("High")),
            finding(2, "0-a", Some("Medium")),
            finding(3, "0-a", Some("HIGH")),
            finding(4, "0-c", Some("High")),
            finding(5, "0-zz", Some("Low")),
        ]);
        dataset(&[("runs.json", &runs), ("findings.json", &findings)])
    }

    #[test]
    fn rows_join_counts_reported_and_loaded() {
        let data = sample();
        let rows = run_rows(&data);
        assert_eq!(rows.len(), 3);
        let a = &rows[0];
        assert_eq!(a.name.as_deref(), Some("run 10"));
        assert_eq!(a.reported, Some([2, 1, 0, 0, 0]));
        assert_eq!(a.reported_total, Some(3));
        assert_eq!(a.loaded.by_severity, [1, 1, 0, 0, 0]);
        assert_eq!(a.loaded.other, 1, "`HIGH` is not a model severity");
        assert_eq!(a.loaded.total(), 3);
        assert!(a.gap(Severity::High) && !a.gap(Severity::Medium) && !a.gap(Severity::Low));
        assert!(!a.total_gap());
        assert_eq!(a.duration, Some(3600));
        assert_eq!(a.actual, Some(3600));
        let b = &rows[1];
        assert_eq!((b.reported, b.reported_total, b.loaded.total()), (None, None, 0));
        assert!(
            !b.gap(Severity::High) && !b.total_gap(),
            "no findingCounts: nothing to compare"
        );
        let c = &rows[2];
        assert!(!c.gap(Severity::High) && !c.total_gap());
        for r in &rows {
            let arn = r.arn.as_deref().unwrap_or("");
            assert_eq!(loaded_counts_of(&data, arn), r.loaded, "{arn}");
        }
        assert_eq!(loaded_counts_of(&data, &format!("{R}0-zz")).get(Severity::Low), 1);
    }

    #[test]
    fn template_and_target_join_by_name_or_fall_back_to_the_arn_tail() {
        let runs = runs_doc(&[run_json("0-a", "r", "COMPLETED", 1, None)]);
        let data = dataset(&[("runs.json", &runs)]);
        let row = &run_rows(&data)[0];
        assert_eq!(row.template.as_deref(), Some("0-p"));
        assert!(!row.template_known);
        assert_eq!((row.target.as_deref(), row.target_known), (None, false));

        let data = dataset(&[("runs.json", &runs), ("t.json", TEMPLATES)]);
        let row = &run_rows(&data)[0];
        assert_eq!(
            (row.template.as_deref(), row.template_known),
            (Some("Weekly scan"), true)
        );
        assert_eq!((row.target.as_deref(), row.target_known), (Some("0-t"), false));

        let data = dataset(&[("runs.json", &runs), ("t.json", TEMPLATES), ("g.json", TARGETS)]);
        let row = &run_rows(&data)[0];
        assert_eq!((row.target.as_deref(), row.target_known), (Some("Web servers"), true));
    }

    fn names(rows: &[RunRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_deref().unwrap_or("")).collect()
    }

    #[test]
    fn sorting_by_each_kind_of_column() {
        let data = sample();
        let mut rows = run_rows(&data);
        sort_rows(&mut rows, RunSort::default());
        assert_eq!(names(&rows), ["run 9", "run 10", "Run 11"], "newest first");
        let by_name = RunSort::default().toggled(RunColumn::Name);
        assert!(!by_name.descending);
        sort_rows(&mut rows, by_name);
        assert_eq!(names(&rows), ["run 9", "run 10", "Run 11"], "natural, case-insensitive");
        sort_rows(&mut rows, by_name.toggled(RunColumn::Name));
        assert_eq!(names(&rows), ["Run 11", "run 10", "run 9"]);
        // Missing findingCounts sort last in both directions.
        let high = RunSort::default().toggled(RunColumn::Severity(Severity::High));
        assert!(high.descending);
        sort_rows(&mut rows, high);
        assert_eq!(names(&rows), ["run 10", "Run 11", "run 9"]);
        sort_rows(&mut rows, high.toggled(RunColumn::Severity(Severity::High)));
        assert_eq!(names(&rows), ["Run 11", "run 10", "run 9"]);
        sort_rows(
            &mut rows,
            RunSort {
                column: RunColumn::Total,
                descending: true,
            },
        );
        assert_eq!(names(&rows), ["run 10", "Run 11", "run 9"]);
        sort_rows(
            &mut rows,
            RunSort {
                column: RunColumn::State,
                descending: false,
            },
        );
        assert_eq!(names(&rows), ["run 10", "Run 11", "run 9"], "ties by name");
    }

    #[test]
    fn sorting_is_a_total_order_with_missing_values_last() {
        let data = sample();
        let rows = run_rows(&data);
        for column in RunColumn::ALL {
            for descending in [false, true] {
                let sort = RunSort { column, descending };
                for a in &rows {
                    assert_eq!(compare_rows(a, a, sort), Ordering::Equal);
                    for b in &rows {
                        assert_eq!(
                            compare_rows(a, b, sort),
                            compare_rows(b, a, sort).reverse(),
                            "{column:?}"
                        );
                    }
                }
            }
        }
        assert_eq!(cmp_opt(Some(1), None, true), Ordering::Less);
        assert_eq!(cmp_opt(Some(1), None, false), Ordering::Less);
        assert_eq!(cmp_text(Some(""), Some("a"), false), Ordering::Greater);
        let keys: BTreeSet<&str> = RunColumn::ALL.iter().map(|c| c.key()).collect();
        assert_eq!(keys.len(), RunColumn::ALL.len());
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(0), "0s");
        assert_eq!(duration_text(45), "45s");
        assert_eq!(duration_text(125), "2m 5s");
        assert_eq!(duration_text(3600), "1h");
        assert_eq!(duration_text(3661), "1h 1m 1s");
        assert_eq!(duration_text(3605), "1h 5s");
        assert_eq!(duration_text(90_061), "1d 1h 1m");
        assert_eq!(duration_text(-90), "−1m 30s");
        assert!(!duration_text(i64::MIN).is_empty());
        let t = |s: i64| Timestamp::from_micros(s);
        assert_eq!(seconds_between(t(1_000_000), t(3_400_000)), 2);
        assert_eq!(seconds_between(t(1_000_000), t(3_500_000)), 3, "rounds half up");
        assert_eq!(seconds_between(t(3_000_000), t(1_000_000)), -2);
        assert_eq!(seconds_between(t(3_600_000), t(1_000_000)), -3);
        assert_eq!(seconds_between(t(i64::MIN), t(i64::MAX)), i64::MAX / 1_000_000);
    }

    #[test]
    fn state_tones() {
        assert_eq!(state_tone("COMPLETED"), "good");
        assert_eq!(state_tone("COMPLETED_WITH_ERRORS"), "bad");
        assert_eq!(state_tone("FAILED"), "bad");
        assert_eq!(state_tone("CANCELED"), "muted");
        assert_eq!(state_tone("COLLECTING_DATA"), "active");
        assert_eq!(state_tone(""), "unknown");
    }

    #[test]
    fn timeline_orders_states_and_lays_them_out() {
        let doc = r#"{"assessmentRuns":[{"arn":"arn:r","stateChanges":[
            {"stateChangedAt":1000,"state":"CREATED"},
            {"stateChangedAt":4600,"state":"COMPLETED"},
            {"state":"UNTIMED"},
            {"stateChangedAt":1001,"state":"COLLECTING_DATA"}]}],"failedItems":{}}"#;
        let data = dataset(&[("r.json", doc)]);
        let t = timeline(&data.runs[0].rec);
        let states: Vec<&str> = t.iter().map(|e| e.state.as_str()).collect();
        assert_eq!(states, ["CREATED", "COLLECTING_DATA", "COMPLETED", "UNTIMED"]);
        let lasted: Vec<Option<i64>> = t.iter().map(|e| e.lasted).collect();
        assert_eq!(lasted, [Some(1), Some(3599), None, None]);
        let at: Vec<Option<f64>> = t.iter().map(|e| e.at.map(Timestamp::as_secs_f64)).collect();
        assert_eq!(at, [Some(1000.0), Some(1001.0), Some(4600.0), None]);
        let none = timeline(&crate::model::AssessmentRun::default());
        assert!(none.is_empty());
    }

    #[test]
    fn agents_telemetry_and_summary() {
        let agents = format!(
            r#"{{"assessmentRunAgents":[
            {{"agentId":"i-1","assessmentRunArn":"{R}0-a","agentHealth":"HEALTHY","agentHealthCode":"RUNNING",
              "telemetryMetadata":[{{"messageType":"A","count":2}},{{"messageType":"B","count":3}}]}},
            {{"agentId":"i-2","assessmentRunArn":"{R}0-q","agentHealth":"UNHEALTHY","agentHealthCode":"IDLE","telemetryMetadata":[]}}]}}"#
        );
        let runs = runs_doc(&[
            run_json("0-a", "a", "COMPLETED", 1, Some(r#"{"High":5}"#)),
            run_json("0-b", "b", "FAILED", 2, None),
            run_json("0-c", "c", "COMPLETED", 3, Some(r#"{"Low":0}"#)),
        ]);
        let findings = findings_doc(&[finding(1, "0-a", Some("High")), finding(2, "0-zz", None)]);
        let failed = format!(
            r#"{{"assessmentRuns":[],"failedItems":{{"{R}0-gone":{{"failureCode":"ITEM_DOES_NOT_EXIST","retryable":false}}}}}}"#
        );
        let data = dataset(&[
            ("a.json", &agents),
            ("r.json", &runs),
            ("f.json", &findings),
            ("x.json", &failed),
        ]);
        let mine = agents_of_run(&data, &format!("{R}0-a"));
        assert_eq!(mine.len(), 1);
        assert_eq!(telemetry_messages(&mine[0].rec), Some(5));
        let other = agents_of_run(&data, &format!("{R}0-q"));
        assert_eq!(telemetry_messages(&other[0].rec), None);

        let rows = run_rows(&data);
        let s = summarize(&data, &rows);
        assert_eq!(s.runs, 3);
        assert_eq!(s.states, vec![("COMPLETED".to_owned(), 2), ("FAILED".to_owned(), 1)]);
        assert_eq!((s.reported, s.loaded), (5, 1));
        assert_eq!((s.with_gap, s.without_counts, s.failed_items), (1, 1, 1));
        let undescribed: Vec<&str> = s.undescribed.iter().map(|a| arn_tail(a)).collect();
        assert_eq!(undescribed, ["0-q", "0-zz"]);
        let text = s.text();
        assert!(
            text.starts_with("3 runs · 2 COMPLETED, 1 FAILED · findings reported 5, loaded 1"),
            "{text}"
        );
        assert!(text.contains("1 run whose loaded findings differ"), "{text}");
        assert!(text.contains("2 runs referenced but not described"), "{text}");
        assert!(text.ends_with("1 failed item"), "{text}");
        assert_eq!(
            summarize(&Dataset::default(), &[]).text(),
            "0 runs · findings reported 0, loaded 0"
        );
        let only_b = vec![rows[1].clone()];
        let text = summarize(&data, &only_b).text();
        assert!(
            text.starts_with("1 run · 1 FAILED · findings loaded 0 (no run has findingCounts) · 1 run without"),
            "{text}"
        );
    }
}

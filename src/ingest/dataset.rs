//! Many files → one dataset: records deduped by ARN with every source kept, conflicts flagged.

use super::audits::Audits;
use super::file::{FailedItem, LoadedFile, Located, Records};
use super::issue::{Issue, Level, Rule};
use crate::model::catalog;
use crate::model::{
    AssessmentRun, AssessmentRunAgent, AssessmentTarget, AssessmentTemplate, FieldValue, Finding, Json, ResourceGroup,
    RulesPackage, Str, TelemetryMetadata, Timestamp,
};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// Where a copy of a record was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Index into [`Dataset::files`].
    pub file: usize,
    pub line: u32,
}

/// One record of the dataset, and every file copy of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    pub rec: Rc<T>,
    /// The shown copy's source first, then the others in load order.
    pub sources: Vec<Source>,
    /// JSON path of the shown copy in its file.
    pub path: Box<str>,
}

/// An issue found by merging (conflicting or repeated copies), belonging to one file.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeIssue {
    pub file: usize,
    pub issue: Issue,
}

/// Every file's records merged into one explorable set.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub files: Vec<Rc<LoadedFile>>,
    pub findings: Vec<Merged<Finding>>,
    pub runs: Vec<Merged<AssessmentRun>>,
    pub templates: Vec<Merged<AssessmentTemplate>>,
    pub targets: Vec<Merged<AssessmentTarget>>,
    pub resource_groups: Vec<Merged<ResourceGroup>>,
    pub rules_packages: Vec<Merged<RulesPackage>>,
    pub agents: Vec<Merged<AssessmentRunAgent>>,
    pub telemetry: Vec<Merged<TelemetryMetadata>>,
    pub finding_arns: Vec<Merged<Str>>,
    pub run_arns: Vec<Merged<Str>>,
    pub failed_items: Vec<Merged<FailedItem>>,
    /// IoT Device Defender audit tasks and their checks (DescribeAuditTask files).
    pub audits: Audits,
    pub merge_issues: Vec<MergeIssue>,
    /// Identical copies folded into one record.
    pub collapsed: usize,
    /// Conflicting copies not shown (the newer copy is).
    pub superseded: usize,
    run_index: HashMap<Str, usize>,
    template_index: HashMap<Str, usize>,
    target_index: HashMap<Str, usize>,
    package_names: HashMap<Str, Str>,
}

#[derive(Debug)]
struct KindMerge<T> {
    out: Vec<Merged<T>>,
    index: HashMap<Str, usize>,
    issues: Vec<MergeIssue>,
    collapsed: usize,
    superseded: usize,
    names: Rc<[String]>,
}

impl<T: PartialEq + FieldValue> KindMerge<T> {
    fn new(names: Rc<[String]>) -> Self {
        KindMerge {
            out: Vec::new(),
            index: HashMap::default(),
            issues: Vec::new(),
            collapsed: 0,
            superseded: 0,
            names,
        }
    }

    fn add(
        &mut self,
        file: usize,
        loc: &Located<T>,
        key: Option<Str>,
        newer: &dyn Fn(&T, &T) -> Option<bool>,
        basis: &str,
    ) {
        let source = Source { file, line: loc.line };
        // An empty ARN identifies nothing: such records are kept apart, never merged.
        let key = key.filter(|k| !k.is_empty());
        let Some(key) = key else {
            self.out.push(Merged {
                rec: loc.rec.clone(),
                sources: vec![source],
                path: loc.path.clone(),
            });
            return;
        };
        let Some(&i) = self.index.get(&key) else {
            self.index.insert(key, self.out.len());
            self.out.push(Merged {
                rec: loc.rec.clone(),
                sources: vec![source],
                path: loc.path.clone(),
            });
            return;
        };
        let existing = &mut self.out[i];
        let first = existing.sources[0];
        let at = Place {
            file,
            path: &loc.path,
            line: loc.line,
            column: loc.column,
        };
        if Rc::ptr_eq(&existing.rec, &loc.rec) || *existing.rec == *loc.rec {
            self.collapsed += 1;
            existing.sources.push(source);
            if first.file == file {
                self.issues.push(copy_issue(&self.names, &at, first, None, key));
            }
            return;
        }
        self.superseded += 1;
        let differs = differing_members(&existing.rec.write(), &loc.rec.write());
        let take_new = newer(&loc.rec, &existing.rec).unwrap_or(true);
        self.issues.push(copy_issue(
            &self.names,
            &at,
            first,
            Some((differs, take_new, basis)),
            key,
        ));
        if take_new {
            existing.rec = loc.rec.clone();
            existing.path = loc.path.clone();
            existing.sources.insert(0, source);
        } else {
            existing.sources.push(source);
        }
    }
}

/// Where a record being merged stands.
struct Place<'a> {
    file: usize,
    path: &'a str,
    line: u32,
    column: u32,
}

/// The issue for a second copy of a record (`first` is where the first stands): identical
/// (`conflict` is `None`), or conflicting with the differing members, which copy is shown and
/// why. Not generic over the record type, so it is compiled once (wasm size).
#[inline(never)]
fn copy_issue(
    names: &[String],
    at: &Place<'_>,
    first: Source,
    conflict: Option<(String, bool, &str)>,
    key: Str,
) -> MergeIssue {
    let where_ = format!(
        "`{}` line {}",
        names.get(first.file).map_or("?", String::as_str),
        first.line
    );
    let (level, rule, message) = match conflict {
        None => (
            Level::Info,
            Rule::Duplicate,
            format!("an identical copy of this record stands at {where_}; shown once"),
        ),
        Some((differs, take_new, basis)) => {
            let verdict = if take_new {
                "this copy is shown"
            } else {
                "that copy is shown"
            };
            (
                Level::Warning,
                Rule::Conflict,
                format!("same ARN as the record at {where_}, but {differs} differ; {verdict} ({basis})"),
            )
        }
    };
    MergeIssue {
        file: at.file,
        issue: Issue {
            level,
            rule,
            path: at.path.to_owned(),
            line: at.line,
            column: at.column,
            message,
            record_arn: Some(key),
        },
    }
}

fn differing_members(a: &Json, b: &Json) -> String {
    let (Json::Obj(a), Json::Obj(b)) = (a, b) else {
        return "the values".to_owned();
    };
    let mut names: Vec<&str> = Vec::new();
    for (k, v) in a {
        if b.iter().find(|(k2, _)| k2 == k).map(|(_, v2)| v2) != Some(v) {
            names.push(k);
        }
    }
    for (k, _) in b {
        if !a.iter().any(|(k2, _)| k2 == k) {
            names.push(k);
        }
    }
    let list: Vec<String> = names.iter().take(5).map(|n| format!("`{n}`")).collect();
    let more = if names.len() > 5 {
        format!(" and {} more", names.len() - 5)
    } else {
        String::new()
    };
    format!("{}{more}", list.join(", "))
}

fn newer_by(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<bool> {
    match (a, b) {
        (Some(a), Some(b)) if a != b => Some(a > b),
        _ => None,
    }
}

macro_rules! merge_all {
    ($files:expr, $names:expr, $issues:expr, $collapsed:expr, $superseded:expr, $field:ident, $key:expr, $newer:expr, $basis:expr) => {{
        let mut m = KindMerge::new($names.clone());
        for (fi, f) in $files.iter().enumerate() {
            for loc in &f.records.$field {
                m.add(fi, loc, $key(&*loc.rec), &$newer, $basis);
            }
        }
        $issues.extend(m.issues);
        *$collapsed += m.collapsed;
        *$superseded += m.superseded;
        (m.out, m.index)
    }};
}

impl Dataset {
    /// Merges files (in load order: on a tie, the later file's copy wins).
    pub fn merge(files: Vec<Rc<LoadedFile>>) -> Dataset {
        let mut job = MergeJob::new(files);
        while !job.step(usize::MAX) {}
        job.finish()
    }

    /// Everything but the findings, which a [`MergeJob`] adds in slices.
    fn merge_all_but_findings(files: Vec<Rc<LoadedFile>>, names: &Rc<[String]>) -> Dataset {
        let mut issues = Vec::new();
        let (mut collapsed, mut superseded) = (0usize, 0usize);
        let (c, s) = (&mut collapsed, &mut superseded);
        let findings = Vec::new();
        let (runs, run_index) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            runs,
            |r: &AssessmentRun| r.arn.clone(),
            |a: &AssessmentRun, b: &AssessmentRun| newer_by(a.state_changed_at, b.state_changed_at),
            "newest `stateChangedAt` wins"
        );
        let (templates, template_index) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            templates,
            |r: &AssessmentTemplate| r.arn.clone(),
            |a: &AssessmentTemplate, b: &AssessmentTemplate| a
                .assessment_run_count
                .zip(b.assessment_run_count)
                .and_then(|(x, y)| (x != y).then_some(x > y)),
            "higher `assessmentRunCount` wins"
        );
        let (targets, target_index) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            targets,
            |r: &AssessmentTarget| r.arn.clone(),
            |a: &AssessmentTarget, b: &AssessmentTarget| newer_by(a.updated_at, b.updated_at),
            "newest `updatedAt` wins"
        );
        let (resource_groups, _) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            resource_groups,
            |r: &ResourceGroup| r.arn.clone(),
            |_: &ResourceGroup, _: &ResourceGroup| None,
            "the later file wins"
        );
        let (rules_packages, _) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            rules_packages,
            |r: &RulesPackage| r.arn.clone(),
            |_: &RulesPackage, _: &RulesPackage| None,
            "the later file wins"
        );
        let (agents, _) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            agents,
            |r: &AssessmentRunAgent| match (&r.assessment_run_arn, &r.agent_id) {
                (Some(run), Some(agent)) => Some(Str::from(format!("{run}|{agent}"))),
                _ => None,
            },
            |_: &AssessmentRunAgent, _: &AssessmentRunAgent| None,
            "the later file wins"
        );
        let (telemetry, _) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            telemetry,
            |_: &TelemetryMetadata| None,
            |_: &TelemetryMetadata, _: &TelemetryMetadata| None,
            ""
        );
        let (finding_arns, _) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            finding_arns,
            |r: &Str| Some(r.clone()),
            |_: &Str, _: &Str| None,
            ""
        );
        let (run_arns, _) = merge_all!(
            files,
            names,
            &mut issues,
            c,
            s,
            run_arns,
            |r: &Str| Some(r.clone()),
            |_: &Str, _: &Str| None,
            ""
        );
        // Failed items are not records: keep each listing once per operation and ARN.
        let mut failed_items: Vec<Merged<FailedItem>> = Vec::new();
        let mut seen: HashMap<(Str, &'static str), usize> = HashMap::default();
        for (fi, f) in files.iter().enumerate() {
            for loc in &f.records.failed_items {
                let source = Source {
                    file: fi,
                    line: loc.line,
                };
                match seen.get(&(loc.rec.arn.clone(), loc.rec.operation.name())) {
                    Some(&i) => failed_items[i].sources.push(source),
                    None => {
                        seen.insert((loc.rec.arn.clone(), loc.rec.operation.name()), failed_items.len());
                        failed_items.push(Merged {
                            rec: loc.rec.clone(),
                            sources: vec![source],
                            path: loc.path.clone(),
                        });
                    }
                }
            }
        }
        let audits = Audits::merge(&files, names, &mut issues, c, s);
        let mut package_names = HashMap::default();
        for p in &rules_packages {
            if let (Some(arn), Some(name)) = (&p.rec.arn, &p.rec.name) {
                package_names.insert(arn.clone(), name.clone());
            }
        }
        Dataset {
            files,
            findings,
            runs,
            templates,
            targets,
            resource_groups,
            rules_packages,
            agents,
            telemetry,
            finding_arns,
            run_arns,
            failed_items,
            audits,
            merge_issues: issues,
            collapsed,
            superseded,
            run_index,
            template_index,
            target_index,
            package_names,
        }
    }

    pub fn run(&self, arn: &str) -> Option<&Merged<AssessmentRun>> {
        self.run_index.get(arn).and_then(|&i| self.runs.get(i))
    }

    pub fn template(&self, arn: &str) -> Option<&Merged<AssessmentTemplate>> {
        self.template_index.get(arn).and_then(|&i| self.templates.get(i))
    }

    pub fn target(&self, arn: &str) -> Option<&Merged<AssessmentTarget>> {
        self.target_index.get(arn).and_then(|&i| self.targets.get(i))
    }

    /// The run's template, through `assessmentTemplateArn`.
    pub fn template_of_run(&self, run: &AssessmentRun) -> Option<&Merged<AssessmentTemplate>> {
        self.template(run.assessment_template_arn.as_deref()?)
    }

    /// The template's target, through `assessmentTargetArn`.
    pub fn target_of_template(&self, t: &AssessmentTemplate) -> Option<&Merged<AssessmentTarget>> {
        self.target(t.assessment_target_arn.as_deref()?)
    }

    /// A rules package's name: from loaded DescribeRulesPackages files, else the published table.
    pub fn package_name(&self, arn: &str) -> Option<Str> {
        self.package_names
            .get(arn)
            .cloned()
            .or_else(|| catalog::package_of(arn).map(|p| Str::from(p.name())))
    }

    /// Issues about the record with `arn`, in every file it was read from, with the file name.
    pub fn record_issues(&self, sources: &[Source], arn: &str) -> Vec<(String, Issue)> {
        let mut out = Vec::new();
        for s in sources {
            let name = self
                .files
                .get(s.file)
                .map(|f| f.report.name.clone())
                .unwrap_or_default();
            for i in self
                .file_issues(s.file)
                .filter(|i| i.record_arn.as_deref() == Some(arn))
            {
                out.push((name.clone(), i.clone()));
            }
        }
        out
    }

    /// Issues of file `i`: its own plus those found by merging.
    pub fn file_issues(&self, i: usize) -> impl Iterator<Item = &Issue> {
        let own = self.files.get(i).map(|f| f.report.issues.iter()).into_iter().flatten();
        own.chain(self.merge_issues.iter().filter(move |m| m.file == i).map(|m| &m.issue))
    }

    /// (errors, warnings) of file `i`, including merge issues.
    pub fn file_counts(&self, i: usize) -> (usize, usize) {
        let Some(f) = self.files.get(i) else {
            return (0, 0);
        };
        let merged = |l: Level| {
            self.merge_issues
                .iter()
                .filter(|m| m.file == i && m.issue.level == l)
                .count()
        };
        (
            f.report.errors() + merged(Level::Error),
            f.report.warnings() + merged(Level::Warning),
        )
    }

    /// Records read from all files (each copy counted).
    pub fn records_read(&self) -> usize {
        self.files.iter().map(|f| f.records.total()).sum()
    }

    /// Records the dataset shows, one per ARN.
    pub fn records_shown(&self) -> usize {
        self.findings.len()
            + self.runs.len()
            + self.templates.len()
            + self.targets.len()
            + self.resource_groups.len()
            + self.rules_packages.len()
            + self.agents.len()
            + self.telemetry.len()
            + self.finding_arns.len()
            + self.run_arns.len()
            + self.audits.checks.len()
    }

    /// Records of one file kind, for tests of the accounting identity.
    pub fn records_of(files: &[Rc<LoadedFile>], f: impl Fn(&Records) -> usize) -> usize {
        files.iter().map(|x| f(&x.records)).sum()
    }
}

/// A merge that adds the findings in slices, so the UI can yield between them.
#[derive(Debug)]
pub struct MergeJob {
    data: Dataset,
    findings: KindMerge<Finding>,
    file: usize,
    record: usize,
}

impl MergeJob {
    /// Merges everything but the findings now (a few records), and prepares the findings.
    pub fn new(files: Vec<Rc<LoadedFile>>) -> MergeJob {
        let names: Rc<[String]> = files.iter().map(|f| f.report.name.clone()).collect();
        let data = Dataset::merge_all_but_findings(files, &names);
        let mut findings = KindMerge::new(names);
        // The ARN index (dropped when the merge is done) holds at most one entry per finding
        // read: sized once, not rehashed (every ARN hashed again) as it doubles. The merged
        // list is kept, so it is sized for the largest file only: overlapping exports merge
        // into far fewer findings than they hold.
        let counts = data.files.iter().map(|f| f.records.findings.len());
        findings.index.reserve(counts.clone().sum());
        findings.out.reserve(counts.max().unwrap_or(0));
        MergeJob {
            data,
            findings,
            file: 0,
            record: 0,
        }
    }

    /// Adds up to `budget` findings; true when all are in.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut left = budget;
        while let Some(f) = self.data.files.get(self.file) {
            let list = &f.records.findings;
            while self.record < list.len() {
                if left == 0 {
                    return false;
                }
                let loc = &list[self.record];
                self.findings.add(
                    self.file,
                    loc,
                    loc.rec.arn.clone(),
                    &|a: &Finding, b: &Finding| newer_by(a.updated_at, b.updated_at),
                    "newest `updatedAt` wins",
                );
                self.record += 1;
                left -= 1;
            }
            self.file += 1;
            self.record = 0;
        }
        true
    }

    /// Findings merged so far, of how many.
    pub fn progress(&self) -> (usize, usize) {
        let total: usize = self.data.files.iter().map(|f| f.records.findings.len()).sum();
        let done: usize = self
            .data
            .files
            .iter()
            .take(self.file)
            .map(|f| f.records.findings.len())
            .sum::<usize>()
            + self.record;
        (done, total)
    }

    pub fn finish(self) -> Dataset {
        let mut data = self.data;
        let km = self.findings;
        data.findings = km.out;
        // Finding issues first, as files list their findings first.
        let mut issues = km.issues;
        issues.append(&mut data.merge_issues);
        data.merge_issues = issues;
        data.collapsed += km.collapsed;
        data.superseded += km.superseded;
        data
    }
}

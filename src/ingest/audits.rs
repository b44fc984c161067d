//! IoT Device Defender audit tasks and their checks from many files, merged like the Inspector
//! records: a task read twice (same start time, type and scheduled audit name) is shown once,
//! identical check copies collapse, and conflicting ones are flagged with the shown copy named.

use super::dataset::{MergeIssue, Merged, Source};
use super::file::{LoadedFile, Located};
use super::issue::{Issue, Level, Rule};
use crate::model::{AuditCheck, AuditTask, FieldValue, Json};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// The audit tasks and checks of a dataset.
#[derive(Debug, Clone, Default)]
pub struct Audits {
    /// Every task once (also a task without checks), in load order.
    pub tasks: Vec<Merged<AuditTask>>,
    /// Every check once: the records of the DescribeAuditTask files.
    pub checks: Vec<Merged<AuditCheck>>,
}

/// Whether copy `a` is newer than copy `b`: a finished task beats one still in progress.
fn newer(a: &AuditTask, b: &AuditTask) -> Option<bool> {
    match (a.finished(), b.finished()) {
        (Some(x), Some(y)) if x != y => Some(x),
        _ => None,
    }
}

const BASIS: &str = "a finished task's copy wins, else the later file's";

impl Audits {
    /// Merges the audits of `files` (named `names`), adding merge issues and the collapsed and
    /// superseded check copies to the dataset's counts.
    pub fn merge(
        files: &[Rc<LoadedFile>],
        names: &[String],
        issues: &mut Vec<MergeIssue>,
        collapsed: &mut usize,
        superseded: &mut usize,
    ) -> Audits {
        let mut out = Audits::default();
        let mut task_index: HashMap<String, usize> = HashMap::default();
        let mut check_index: HashMap<String, usize> = HashMap::default();
        for (fi, f) in files.iter().enumerate() {
            for loc in &f.records.audit_tasks {
                merge_task(&mut out.tasks, &mut task_index, fi, loc);
            }
            for loc in &f.records.audit_checks {
                let source = Source {
                    file: fi,
                    line: loc.line,
                };
                let fresh = Merged {
                    rec: loc.rec.clone(),
                    sources: vec![source],
                    path: loc.path.clone(),
                };
                let Some(key) = loc.rec.identity() else {
                    out.checks.push(fresh);
                    continue;
                };
                let Some(&i) = check_index.get(&key) else {
                    check_index.insert(key, out.checks.len());
                    out.checks.push(fresh);
                    continue;
                };
                let existing = &mut out.checks[i];
                let first = existing.sources[0];
                let where_ = format!(
                    "`{}` line {}",
                    names.get(first.file).map_or("?", String::as_str),
                    first.line
                );
                if *existing.rec == *loc.rec {
                    *collapsed += 1;
                    existing.sources.push(source);
                    if first.file == fi {
                        issues.push(issue(
                            fi,
                            loc,
                            Level::Info,
                            Rule::Duplicate,
                            format!("an identical copy of this audit check stands at {where_}; shown once"),
                        ));
                    }
                    continue;
                }
                *superseded += 1;
                let differs = differing_members(&existing.rec.write(), &loc.rec.write());
                let take_new = newer(&loc.rec.task, &existing.rec.task).unwrap_or(true);
                let verdict = if take_new {
                    "this copy is shown"
                } else {
                    "that copy is shown"
                };
                issues.push(issue(
                    fi,
                    loc,
                    Level::Warning,
                    Rule::Conflict,
                    format!("same audit task and check as at {where_}, but {differs} differ; {verdict} ({BASIS})"),
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
        out
    }

    /// The checks of `task` (the same task by identity, or this very copy), in load order.
    pub fn checks_of<'a>(&'a self, task: &'a Rc<AuditTask>) -> impl Iterator<Item = &'a Merged<AuditCheck>> + 'a {
        let id = task.identity();
        self.checks.iter().filter(move |c| match &id {
            Some(id) => c.rec.task.identity().as_ref() == Some(id),
            None => Rc::ptr_eq(&c.rec.task, task),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }
}

/// Tasks are not records (their checks are): each is kept once, the newer copy shown.
fn merge_task(
    tasks: &mut Vec<Merged<AuditTask>>,
    index: &mut HashMap<String, usize>,
    fi: usize,
    loc: &Located<AuditTask>,
) {
    let source = Source {
        file: fi,
        line: loc.line,
    };
    let fresh = Merged {
        rec: loc.rec.clone(),
        sources: vec![source],
        path: loc.path.clone(),
    };
    let Some(key) = loc.rec.identity() else {
        tasks.push(fresh);
        return;
    };
    let Some(&i) = index.get(&key) else {
        index.insert(key, tasks.len());
        tasks.push(fresh);
        return;
    };
    let existing = &mut tasks[i];
    let take_new = *existing.rec != *loc.rec && newer(&loc.rec, &existing.rec).unwrap_or(true);
    if take_new {
        existing.rec = loc.rec.clone();
        existing.path = loc.path.clone();
        existing.sources.insert(0, source);
    } else {
        existing.sources.push(source);
    }
}

fn issue(file: usize, loc: &Located<AuditCheck>, level: Level, rule: Rule, message: String) -> MergeIssue {
    MergeIssue {
        file,
        issue: Issue {
            level,
            rule,
            path: loc.path.to_string(),
            line: loc.line,
            column: loc.column,
            message,
            record_arn: None,
        },
    }
}

/// The members whose values differ between two written copies, for messages.
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
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

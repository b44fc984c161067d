//! IoT Device Defender audits: each task with its checks, the checks' sort, badge tones and the
//! numbers the Audits view and its chart show. The UI renders these; nothing here is yew.

use super::cmp_opt;
use crate::ingest::{Dataset, Merged};
use crate::model::sort::SharedSort as _;
use crate::model::{AuditCheck, AuditTask, Str, Timestamp};

/// One audit task and its checks (in file order).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditGroup {
    pub task: Merged<AuditTask>,
    pub checks: Vec<Merged<AuditCheck>>,
}

impl AuditGroup {
    /// Non-compliant resources over all checks (suppressed ones included, as the API counts).
    pub fn non_compliant_resources(&self) -> i64 {
        self.checks
            .iter()
            .filter_map(|c| c.rec.details.non_compliant_resources_count)
            .fold(0i64, i64::saturating_add)
    }

    /// Checks that found non-compliant resources.
    pub fn non_compliant_checks(&self) -> usize {
        self.checks.iter().filter(|c| c.rec.compliant() == Some(false)).count()
    }

    /// The task's start time.
    pub fn started(&self) -> Option<Timestamp> {
        self.task.rec.task_start_time
    }
}

/// Every audit task of the dataset with its checks: newest start first (tasks without a start
/// time last), ties in load order.
pub fn audit_groups(data: &Dataset) -> Vec<AuditGroup> {
    let mut groups: Vec<AuditGroup> = data
        .audits
        .tasks
        .iter()
        .map(|t| AuditGroup {
            task: t.clone(),
            checks: data.audits.checks_of(&t.rec).cloned().collect(),
        })
        .collect();
    groups.shared_sort_by(|a, b| cmp_opt(a.started(), b.started(), true));
    groups
}

/// The columns of the checks table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditColumn {
    Check,
    Compliant,
    RunStatus,
    Resources,
    NonCompliant,
    Suppressed,
    Error,
}

impl AuditColumn {
    pub const ALL: [AuditColumn; 7] = [
        AuditColumn::Check,
        AuditColumn::Compliant,
        AuditColumn::RunStatus,
        AuditColumn::Resources,
        AuditColumn::NonCompliant,
        AuditColumn::Suppressed,
        AuditColumn::Error,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AuditColumn::Check => "check",
            AuditColumn::Compliant => "compliant",
            AuditColumn::RunStatus => "status",
            AuditColumn::Resources => "resources",
            AuditColumn::NonCompliant => "non-compliant",
            AuditColumn::Suppressed => "suppressed",
            AuditColumn::Error => "error",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuditColumn::Check => "Check",
            AuditColumn::Compliant => "Compliance",
            AuditColumn::RunStatus => "Run status",
            AuditColumn::Resources => "Resources",
            AuditColumn::NonCompliant => "Non-compliant",
            AuditColumn::Suppressed => "Suppressed",
            AuditColumn::Error => "Error",
        }
    }

    /// Counts and compliance read best worst-first; names and codes A→Z.
    fn default_descending(self) -> bool {
        matches!(
            self,
            AuditColumn::Compliant | AuditColumn::Resources | AuditColumn::NonCompliant | AuditColumn::Suppressed
        )
    }
}

/// How the checks table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AuditSort {
    pub column: AuditColumn,
    pub descending: bool,
}

impl Default for AuditSort {
    /// Most non-compliant resources first.
    fn default() -> Self {
        AuditSort {
            column: AuditColumn::NonCompliant,
            descending: true,
        }
    }
}

impl AuditSort {
    /// Sorting by `column`: the same column again flips the direction.
    pub fn toggled(self, column: AuditColumn) -> AuditSort {
        if self.column == column {
            AuditSort {
                column,
                descending: !self.descending,
            }
        } else {
            AuditSort {
                column,
                descending: column.default_descending(),
            }
        }
    }
}

/// Non-compliant sorts as "more" than compliant, so descending puts problems first.
fn compliance_rank(c: &AuditCheck) -> Option<u8> {
    c.compliant().map(|ok| if ok { 0 } else { 1 })
}

fn text(s: Option<&Str>) -> Option<&str> {
    s.map(|s| &**s).filter(|s| !s.is_empty())
}

/// Sorts checks by `sort`; ties by check name, then file order (the sort is stable).
pub fn sort_checks(checks: &mut [Merged<AuditCheck>], sort: AuditSort) {
    let d = sort.descending;
    checks.shared_sort_by(|a, b| {
        let (x, y) = (&a.rec, &b.rec);
        let (p, q) = (&x.details, &y.details);
        let primary = match sort.column {
            AuditColumn::Check if d => y.name.cmp(&x.name),
            AuditColumn::Check => x.name.cmp(&y.name),
            AuditColumn::Compliant => cmp_opt(compliance_rank(x), compliance_rank(y), d),
            AuditColumn::RunStatus => cmp_opt(text(p.check_run_status.as_ref()), text(q.check_run_status.as_ref()), d),
            AuditColumn::Resources => cmp_opt(p.total_resources_count, q.total_resources_count, d),
            AuditColumn::NonCompliant => cmp_opt(p.non_compliant_resources_count, q.non_compliant_resources_count, d),
            AuditColumn::Suppressed => cmp_opt(
                p.suppressed_non_compliant_resources_count,
                q.suppressed_non_compliant_resources_count,
                d,
            ),
            AuditColumn::Error => cmp_opt(
                text(p.error_code.as_ref()).or(text(p.message.as_ref())),
                text(q.error_code.as_ref()).or(text(q.message.as_ref())),
                d,
            ),
        };
        primary.then_with(|| x.name.cmp(&y.name))
    });
}

/// `data-compliant` and the badge text of a check: `true`, `false`, or `unknown`.
pub fn compliance_key(c: &AuditCheck) -> &'static str {
    match c.compliant() {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    }
}

/// Badge tone (`good`, `bad`, `active`, `muted`, `unknown`) of a task status or check run status.
pub fn audit_tone(status: &str) -> &'static str {
    match status {
        "COMPLETED" | "COMPLETED_COMPLIANT" => "good",
        "COMPLETED_NON_COMPLIANT" | "FAILED" => "bad",
        "IN_PROGRESS" | "WAITING_FOR_DATA_COLLECTION" => "active",
        "CANCELED" => "muted",
        _ => "unknown",
    }
}

/// The checks to chart: (check name, non-compliant resources), most first, ties by name.
pub fn non_compliant_by_check(checks: &[Merged<AuditCheck>]) -> Vec<(Str, u64)> {
    let mut out: Vec<(Str, u64)> = checks
        .iter()
        .map(|c| {
            let n = c.rec.details.non_compliant_resources_count.unwrap_or(0);
            (c.rec.name.clone(), u64::try_from(n).unwrap_or(0))
        })
        .collect();
    out.shared_sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// A one-line label of a task: its scheduled audit name, else its type, and its start time.
pub fn task_label(task: &AuditTask) -> String {
    let what = task
        .scheduled_audit_name
        .as_deref()
        .filter(|s| !s.is_empty())
        .or(task.task_type.as_deref())
        .unwrap_or("Audit task");
    match task.task_start_time {
        Some(t) => format!("{what}, {}", t.display_utc()),
        None => what.to_owned(),
    }
}

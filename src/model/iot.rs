//! AWS IoT Device Defender audit tasks, from `aws iot describe-audit-task`: the task (status,
//! type, start time, statistics, scheduled audit name) and its checks, one record per entry of
//! `auditDetails`. Read leniently like every record: what does not fit is kept in `extra`.

use super::records::record;
use super::{FieldValue, Interner, Json, Member, Node, Str, Timestamp};
use std::rc::Rc;

record!(
    /// `TaskStatistics`: how many of the task's checks are in each state.
    #[derive(Eq, Hash)]
    TaskStatistics {
        "totalChecks" total_checks: i64,
        "inProgressChecks" in_progress_checks: i64,
        "waitingForDataCollectionChecks" waiting_for_data_collection_checks: i64,
        "compliantChecks" compliant_checks: i64,
        "nonCompliantChecks" non_compliant_checks: i64,
        "failedChecks" failed_checks: i64,
        "canceledChecks" canceled_checks: i64,
    }
);

record!(
    /// `AuditCheckDetails`: the result of one check of an audit task.
    #[derive(Eq, Hash)]
    AuditCheckDetails {
        "checkRunStatus" check_run_status: Str,
        "checkCompliant" check_compliant: bool,
        "totalResourcesCount" total_resources_count: i64,
        "nonCompliantResourcesCount" non_compliant_resources_count: i64,
        "suppressedNonCompliantResourcesCount" suppressed_non_compliant_resources_count: i64,
        "errorCode" error_code: Str,
        "message" message: Str,
    }
);

record!(
    /// A `describe-audit-task` output without its `auditDetails` (those are the checks).
    AuditTask {
        "taskStatus" task_status: Str,
        "taskType" task_type: Str,
        "taskStartTime" task_start_time: Timestamp,
        "taskStatistics" task_statistics: TaskStatistics,
        "scheduledAuditName" scheduled_audit_name: Str,
    }
);

/// Response members that are not the task's: its checks, and boto3's call metadata.
const NOT_TASK_MEMBERS: [&str; 2] = ["auditDetails", "ResponseMetadata"];

impl AuditTask {
    /// The task-level members of a response object (`auditDetails` is left to the checks).
    pub fn read_task(v: &Node<'_>, cx: &mut Interner) -> Option<AuditTask> {
        let Node::Obj(members) = v else { return None };
        let own: Vec<Member<'_>> = members
            .iter()
            .filter(|m| !NOT_TASK_MEMBERS.contains(&m.key.as_ref()))
            .cloned()
            .collect();
        AuditTask::read(&Node::Obj(own), cx)
    }

    /// What identifies one audit task across files: start time, type and scheduled audit name
    /// (the output does not carry the task id). None without a start time.
    pub fn identity(&self) -> Option<String> {
        let start = self.task_start_time?;
        Some(format!(
            "{}|{}|{}",
            start.micros,
            self.task_type.as_deref().unwrap_or(""),
            self.scheduled_audit_name.as_deref().unwrap_or("")
        ))
    }

    /// Whether the task has ended (any status but `IN_PROGRESS`); None without a status.
    pub fn finished(&self) -> Option<bool> {
        self.task_status.as_deref().map(|s| s != "IN_PROGRESS")
    }
}

/// One check of an audit task: a record of the viewer.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditCheck {
    /// The `auditDetails` key, e.g. `LOGGING_DISABLED_CHECK`.
    pub name: Str,
    pub details: AuditCheckDetails,
    /// The task the check belongs to (shared by all its checks).
    pub task: Rc<AuditTask>,
}

impl AuditCheck {
    /// `checkCompliant`, else what a completed `checkRunStatus` says; None when unknown.
    pub fn compliant(&self) -> Option<bool> {
        self.details
            .check_compliant
            .or(match self.details.check_run_status.as_deref() {
                Some("COMPLETED_COMPLIANT") => Some(true),
                Some("COMPLETED_NON_COMPLIANT") => Some(false),
                _ => None,
            })
    }

    /// What identifies this check across files: its task's identity and its name.
    pub fn identity(&self) -> Option<String> {
        Some(format!("{}|{}", self.task.identity()?, self.name))
    }
}

/// Written as the check's members plus `checkName` and the `task` it belongs to; read back from
/// the same shape (a check always comes from a task, so this is for round trips and diffs).
impl FieldValue for AuditCheck {
    fn read(v: &Node<'_>, cx: &mut Interner) -> Option<Self> {
        let Node::Obj(members) = v else { return None };
        let name = v.get("checkName").and_then(|n| n.node.as_str()).map(|s| cx.intern(s))?;
        let task = match v.get("task") {
            Some(t) => AuditTask::read(&t.node, cx)?,
            None => AuditTask::default(),
        };
        let own: Vec<Member<'_>> = members
            .iter()
            .filter(|m| m.key != "checkName" && m.key != "task")
            .cloned()
            .collect();
        Some(AuditCheck {
            name,
            details: AuditCheckDetails::read(&Node::Obj(own), cx)?,
            task: Rc::new(task),
        })
    }

    fn write(&self) -> Json {
        let mut members = vec![(Str::from("checkName"), Json::Str(self.name.clone()))];
        if let Json::Obj(details) = self.details.write() {
            members.extend(details);
        }
        members.push((Str::from("task"), self.task.write()));
        Json::Obj(members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn member(k: &str, v: Node<'static>) -> Member<'static> {
        Member {
            key: Cow::Owned(k.to_owned()),
            key_pos: 0,
            value: super::super::Spanned { pos: 0, node: v },
        }
    }

    #[test]
    fn the_task_leaves_audit_details_to_the_checks_and_keeps_unknown_members() {
        let mut cx = Interner::new();
        let node = Node::Obj(vec![
            member("taskStatus", Node::Str(Cow::Borrowed("COMPLETED"))),
            member("taskStartTime", Node::Num("1560356923.434")),
            member("auditDetails", Node::Obj(Vec::new())),
            member("taskId", Node::Str(Cow::Borrowed("a3ae"))),
        ]);
        let t = AuditTask::read_task(&node, &mut cx).unwrap_or_default();
        assert_eq!(t.task_status.as_deref(), Some("COMPLETED"));
        assert_eq!(t.task_start_time, Some(Timestamp::from_micros(1_560_356_923_434_000)));
        let extra: Vec<&str> = t.extra.iter().map(|(k, _)| &**k).collect();
        assert_eq!(extra, ["taskId"]);
        assert_eq!(t.finished(), Some(true));
        assert_eq!(t.identity().as_deref(), Some("1560356923434000||"));
    }

    #[test]
    fn a_check_round_trips_and_knows_its_compliance() {
        let mut cx = Interner::new();
        let check = AuditCheck {
            name: Str::from("LOGGING_DISABLED_CHECK"),
            details: AuditCheckDetails {
                check_run_status: Some(Str::from("COMPLETED_NON_COMPLIANT")),
                non_compliant_resources_count: Some(2),
                ..AuditCheckDetails::default()
            },
            task: Rc::new(AuditTask {
                task_status: Some(Str::from("COMPLETED")),
                ..AuditTask::default()
            }),
        };
        assert_eq!(check.compliant(), Some(false));
        assert_eq!(check.identity(), None, "no start time: no identity");
        let text = check.write().to_text();
        assert_eq!(
            text,
            r#"{"checkName":"LOGGING_DISABLED_CHECK","checkRunStatus":"COMPLETED_NON_COMPLIANT","nonCompliantResourcesCount":2,"task":{"taskStatus":"COMPLETED"}}"#
        );
        let node = Node::Obj(vec![
            member("checkName", Node::Str(Cow::Borrowed("LOGGING_DISABLED_CHECK"))),
            member("checkRunStatus", Node::Str(Cow::Borrowed("COMPLETED_NON_COMPLIANT"))),
            member("nonCompliantResourcesCount", Node::Num("2")),
            member(
                "task",
                Node::Obj(vec![member("taskStatus", Node::Str(Cow::Borrowed("COMPLETED")))]),
            ),
        ]);
        assert_eq!(AuditCheck::read(&node, &mut cx), Some(check));
    }
}

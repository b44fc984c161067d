//! AWS IoT Device Defender `describe-audit-task` (IoT API 2015-05-28): its output shape, as data.
//!
//! Source: the AWS CLI reference page of `aws iot describe-audit-task` (output members, their
//! types and the values each enumeration may take) and the IoT model's shapes for the names and
//! bounds (`ScheduledAuditName` 1..128 characters, `ErrorMessage` at most 2048). The model marks
//! no member of the response or of a check as required, so none is here: a task still in
//! progress may lack its statistics and checks.
//!
//! Counts: the task statistics are `integer`s, the per-check resource counts `long`s.
//! `suppressedNonCompliantResourcesCount` came with audit finding suppressions (2021), so older
//! exports lack it. `errorCode` is documented as `INSUFFICIENT_PERMISSIONS` or
//! `AUDIT_CHECK_DISABLED` but typed as a plain string by the model, so other codes are accepted.

use super::{Kind, MemberDef, Required, Shape, BOOL, TIMESTAMP};

use super::shapes::{enumeration, string};

/// Every member here is optional (see above).
const fn m(name: &'static str, shape: &'static Shape) -> MemberDef {
    super::shapes::m(name, shape, Required::No)
}

const fn integer(name: &'static str) -> Shape {
    Shape {
        name,
        kind: Kind::Integer { min: None, max: None },
    }
}

const fn long(name: &'static str) -> Shape {
    Shape { name, kind: Kind::Long }
}

// ---- enums (values as the CLI page lists them) -------------------------------------------------

/// `taskStatus`: "IN_PROGRESS", "COMPLETED", "FAILED", or "CANCELED".
pub static AUDIT_TASK_STATUS: Shape =
    enumeration("AuditTaskStatus", &["IN_PROGRESS", "COMPLETED", "FAILED", "CANCELED"]);
/// `taskType`: "ON_DEMAND_AUDIT_TASK" or "SCHEDULED_AUDIT_TASK".
pub static AUDIT_TASK_TYPE: Shape = enumeration("AuditTaskType", &["ON_DEMAND_AUDIT_TASK", "SCHEDULED_AUDIT_TASK"]);
/// `checkRunStatus` of one check.
pub static AUDIT_CHECK_RUN_STATUS: Shape = enumeration(
    "AuditCheckRunStatus",
    &[
        "IN_PROGRESS",
        "WAITING_FOR_DATA_COLLECTION",
        "CANCELED",
        "COMPLETED_COMPLIANT",
        "COMPLETED_NON_COMPLIANT",
        "FAILED",
    ],
);

// ---- scalars ---------------------------------------------------------------------------------

pub static SCHEDULED_AUDIT_NAME: Shape = string("ScheduledAuditName", 1, Some(128));
pub static AUDIT_CHECK_NAME: Shape = string("AuditCheckName", 0, None);
pub static AUDIT_ERROR_CODE: Shape = string("ErrorCode", 0, None);
pub static AUDIT_ERROR_MESSAGE: Shape = string("ErrorMessage", 0, Some(2048));

pub static TOTAL_CHECKS_COUNT: Shape = integer("TotalChecksCount");
pub static IN_PROGRESS_CHECKS_COUNT: Shape = integer("InProgressChecksCount");
pub static WAITING_FOR_DATA_COLLECTION_CHECKS_COUNT: Shape = integer("WaitingForDataCollectionChecksCount");
pub static COMPLIANT_CHECKS_COUNT: Shape = integer("CompliantChecksCount");
pub static NON_COMPLIANT_CHECKS_COUNT: Shape = integer("NonCompliantChecksCount");
pub static FAILED_CHECKS_COUNT: Shape = integer("FailedChecksCount");
pub static CANCELED_CHECKS_COUNT: Shape = integer("CanceledChecksCount");

pub static TOTAL_RESOURCES_COUNT: Shape = long("TotalResourcesCount");
pub static NON_COMPLIANT_RESOURCES_COUNT: Shape = long("NonCompliantResourcesCount");
pub static SUPPRESSED_NON_COMPLIANT_RESOURCES_COUNT: Shape = long("SuppressedNonCompliantResourcesCount");

// ---- structures ------------------------------------------------------------------------------

/// `taskStatistics`: how many checks are in each state.
pub static TASK_STATISTICS: Shape = Shape {
    name: "TaskStatistics",
    kind: Kind::Structure(&[
        m("totalChecks", &TOTAL_CHECKS_COUNT),
        m("inProgressChecks", &IN_PROGRESS_CHECKS_COUNT),
        m(
            "waitingForDataCollectionChecks",
            &WAITING_FOR_DATA_COLLECTION_CHECKS_COUNT,
        ),
        m("compliantChecks", &COMPLIANT_CHECKS_COUNT),
        m("nonCompliantChecks", &NON_COMPLIANT_CHECKS_COUNT),
        m("failedChecks", &FAILED_CHECKS_COUNT),
        m("canceledChecks", &CANCELED_CHECKS_COUNT),
    ]),
};

/// One check's result: a record of the viewer (one per `auditDetails` entry).
pub static AUDIT_CHECK_DETAILS: Shape = Shape {
    name: "AuditCheckDetails",
    kind: Kind::Structure(&[
        m("checkRunStatus", &AUDIT_CHECK_RUN_STATUS),
        m("checkCompliant", &BOOL),
        m("totalResourcesCount", &TOTAL_RESOURCES_COUNT),
        m("nonCompliantResourcesCount", &NON_COMPLIANT_RESOURCES_COUNT),
        m(
            "suppressedNonCompliantResourcesCount",
            &SUPPRESSED_NON_COMPLIANT_RESOURCES_COUNT,
        ),
        m("errorCode", &AUDIT_ERROR_CODE),
        m("message", &AUDIT_ERROR_MESSAGE),
    ]),
};

/// `auditDetails`: check name → its result.
pub static AUDIT_DETAILS: Shape = Shape {
    name: "AuditDetails",
    kind: Kind::Map {
        key: &AUDIT_CHECK_NAME,
        value: &AUDIT_CHECK_DETAILS,
    },
};

/// The output of `aws iot describe-audit-task`.
pub static DESCRIBE_AUDIT_TASK_RESPONSE: Shape = Shape {
    name: "DescribeAuditTaskResponse",
    kind: Kind::Structure(&[
        m("taskStatus", &AUDIT_TASK_STATUS),
        m("taskType", &AUDIT_TASK_TYPE),
        m("taskStartTime", &TIMESTAMP),
        m("taskStatistics", &TASK_STATISTICS),
        m("scheduledAuditName", &SCHEDULED_AUDIT_NAME),
        m("auditDetails", &AUDIT_DETAILS),
    ]),
};

//! AWS IoT Device Defender `aws iot describe-audit-task` output: recognised from its content as
//! kind `DescribeAuditTask`, validated against the shape written in `src/schema/iot.rs` (the
//! enumerations of the AWS CLI reference page), one record per `auditDetails` check, in every
//! layout, merged across files, reported by `inspector-validate`, and grouped for the Audits view.
//!
//! Fixtures: `tests/fixtures/iot/` (`describe-audit-task.json` is the CLI page's example as
//! printed there). Positions are 1-based line:column, columns in characters, counted by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::ingest::lexer::Lexer;
use inspector_viewer::ingest::{
    read_file, recognise, Context, Dataset, Issue, Layout, Level, LoadedFile, Options, Recognised, Rule,
};
use inspector_viewer::model::{AuditCheck, FieldValue, Interner, Timestamp};
use inspector_viewer::query::audit::{
    audit_groups, audit_tone, compliance_key, non_compliant_by_check, sort_checks, task_label, AuditColumn, AuditSort,
};
use inspector_viewer::schema::{markdown, DocKind, Kind};
use inspector_viewer::state::{Tab, View};
use std::path::Path;
use std::rc::Rc;

/// The example output of the CLI reference page of `aws iot describe-audit-task`, verbatim.
const CLI_EXAMPLE: &str = r#" {
    "taskStatus": "COMPLETED",
    "taskType": "ON_DEMAND_AUDIT_TASK",
    "taskStartTime": 1560356923.434,
    "taskStatistics": {
        "totalChecks": 3,
        "inProgressChecks": 0,
        "waitingForDataCollectionChecks": 0,
        "compliantChecks": 3,
        "nonCompliantChecks": 0,
        "failedChecks": 0,
        "canceledChecks": 0
    },
    "auditDetails": {
        "CA_CERTIFICATE_EXPIRING_CHECK": {
            "checkRunStatus": "COMPLETED_COMPLIANT",
            "checkCompliant": true,
            "totalResourcesCount": 0,
            "nonCompliantResourcesCount": 0
        },
        "DEVICE_CERTIFICATE_EXPIRING_CHECK": {
            "checkRunStatus": "COMPLETED_COMPLIANT",
            "checkCompliant": true,
            "totalResourcesCount": 6,
            "nonCompliantResourcesCount": 0
        },
        "REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK": {
            "checkRunStatus": "COMPLETED_COMPLIANT",
            "checkCompliant": true,
            "totalResourcesCount": 0,
            "nonCompliantResourcesCount": 0
        }
    }
}
"#;

/// 2019-06-12T16:28:43.434Z, the example's `taskStartTime`.
const EXAMPLE_START: i64 = 1_560_356_923_434_000;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/iot")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> LoadedFile {
    read_file(name, fixture(name), &mut Context::default(), Options::default())
}

fn load_text(name: &str, text: &str) -> LoadedFile {
    read_file(
        name,
        text.as_bytes().to_vec(),
        &mut Context::default(),
        Options::default(),
    )
}

fn listing(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| {
            format!(
                "  {:?} {:?} {} {}:{} {}",
                i.level, i.rule, i.path, i.line, i.column, i.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_clean(f: &LoadedFile) {
    assert!(f.report.error.is_none(), "{}: {:?}", f.report.name, f.report.error);
    assert!(
        f.report.issues.is_empty(),
        "{}:\n{}",
        f.report.name,
        listing(&f.report.issues)
    );
}

fn check_names(f: &LoadedFile) -> Vec<String> {
    f.records.audit_checks.iter().map(|c| c.rec.name.to_string()).collect()
}

fn merge(files: Vec<LoadedFile>) -> Dataset {
    Dataset::merge(files.into_iter().map(Rc::new).collect())
}

// ---- the CLI page's example ---------------------------------------------------------------------

#[test]
fn the_cli_pages_example_loads_with_zero_issues() {
    let fixture_text = String::from_utf8(fixture("describe-audit-task.json")).unwrap();
    assert_eq!(
        fixture_text.trim(),
        CLI_EXAMPLE.trim(),
        "the fixture is the page's example"
    );
    for f in [load("describe-audit-task.json"), load_text("page.json", CLI_EXAMPLE)] {
        assert_clean(&f);
        assert_eq!(f.report.detected, Some(DocKind::DescribeAuditTask));
        assert_eq!(f.kind_label(), "DescribeAuditTask");
        assert_eq!(f.report.layout, Layout::Response);
        assert_eq!(f.record_count(), 3, "one record per check");
        assert_eq!(f.records.count(DocKind::DescribeAuditTask), 3);
        assert_eq!(
            check_names(&f),
            [
                "CA_CERTIFICATE_EXPIRING_CHECK",
                "DEVICE_CERTIFICATE_EXPIRING_CHECK",
                "REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK"
            ]
        );
        assert_eq!(f.records.audit_tasks.len(), 1);
        let task = &f.records.audit_tasks[0].rec;
        assert_eq!(task.task_status.as_deref(), Some("COMPLETED"));
        assert_eq!(task.task_type.as_deref(), Some("ON_DEMAND_AUDIT_TASK"));
        assert_eq!(task.task_start_time, Some(Timestamp::from_micros(EXAMPLE_START)));
        assert_eq!(task.scheduled_audit_name, None);
        assert!(
            task.extra.is_empty(),
            "auditDetails is the checks, not an unknown member"
        );
        let stats = task.task_statistics.clone().unwrap_or_default();
        assert_eq!(
            [
                stats.total_checks,
                stats.in_progress_checks,
                stats.waiting_for_data_collection_checks,
                stats.compliant_checks,
                stats.non_compliant_checks,
                stats.failed_checks,
                stats.canceled_checks
            ],
            [Some(3), Some(0), Some(0), Some(3), Some(0), Some(0), Some(0)]
        );
        let device = &f.records.audit_checks[1];
        assert_eq!(&*device.path, "auditDetails.DEVICE_CERTIFICATE_EXPIRING_CHECK");
        assert_eq!(
            device.rec.details.check_run_status.as_deref(),
            Some("COMPLETED_COMPLIANT")
        );
        assert_eq!(device.rec.details.check_compliant, Some(true));
        assert_eq!(device.rec.details.total_resources_count, Some(6));
        assert_eq!(device.rec.details.non_compliant_resources_count, Some(0));
        assert!(
            Rc::ptr_eq(&device.rec.task, &f.records.audit_tasks[0].rec),
            "checks share their task"
        );
        assert!(f.records.audit_checks.iter().all(|c| c.rec.compliant() == Some(true)));
    }
    let f = load("describe-audit-task.json");
    // Records stand where their check names do.
    let lines: Vec<u32> = f.records.audit_checks.iter().map(|c| c.line).collect();
    assert_eq!(lines, [15, 21, 27]);
    assert_eq!(
        (f.records.audit_checks[0].line, f.records.audit_checks[0].column),
        (15, 9)
    );
}

#[test]
fn other_clean_exports_load_with_zero_issues() {
    let f = load("scheduled-audit-task.json");
    assert_clean(&f);
    assert_eq!(f.kind_label(), "DescribeAuditTask");
    assert_eq!(f.record_count(), 4);
    let task = &f.records.audit_tasks[0].rec;
    assert_eq!(task.task_type.as_deref(), Some("SCHEDULED_AUDIT_TASK"));
    assert_eq!(
        task.scheduled_audit_name.as_deref(),
        Some("AWSIoTDeviceDefenderDailyAudit")
    );
    assert_eq!(
        task.task_start_time,
        Some(Timestamp::from_micros(1_596_168_096_157_000))
    );
    let by_name = |n: &str| {
        f.records
            .audit_checks
            .iter()
            .find(|c| &*c.rec.name == n)
            .map(|c| c.rec.clone())
            .unwrap()
    };
    let shared = by_name("DEVICE_CERTIFICATE_SHARED_CHECK");
    assert_eq!(shared.details.suppressed_non_compliant_resources_count, Some(2));
    assert_eq!(shared.details.non_compliant_resources_count, Some(7));
    assert_eq!(shared.compliant(), Some(false));
    let failed = by_name("IOT_POLICY_OVERLY_PERMISSIVE_CHECK");
    assert_eq!(failed.details.error_code.as_deref(), Some("INSUFFICIENT_PERMISSIONS"));
    assert!(failed.details.message.as_deref().unwrap().contains("cannot read"));
    assert_eq!(failed.compliant(), None, "a failed check is neither");
}

// ---- recognition, schema ------------------------------------------------------------------------

fn recognised(json: &str) -> Recognised {
    let mut l = Lexer::new(json.as_bytes(), 0);
    recognise(&l.value().unwrap().node)
}

#[test]
fn recognised_by_content_not_by_name() {
    let audit = Recognised::Response(DocKind::DescribeAuditTask);
    assert_eq!(recognised(r#"{"taskStatus":"COMPLETED","auditDetails":{}}"#), audit);
    assert_eq!(recognised(r#"{"taskStatus":"COMPLETED","taskStatistics":{}}"#), audit);
    assert_eq!(
        recognised(r#"{"taskStatus":"IN_PROGRESS","taskType":"ON_DEMAND_AUDIT_TASK","taskStartTime":1}"#),
        audit
    );
    // A ListAuditTasks item (it has a taskId) is not a describe-audit-task output.
    assert_eq!(
        recognised(r#"{"taskId":"a3ae","taskStatus":"COMPLETED","taskType":"ON_DEMAND_AUDIT_TASK"}"#),
        Recognised::Unknown
    );
    // The file's name plays no part.
    let f = load_text("findings.json", CLI_EXAMPLE);
    assert_eq!(f.kind_label(), "DescribeAuditTask");
}

#[test]
fn the_schema_holds_the_cli_pages_enumerations_and_types() {
    assert!(DocKind::ALL.contains(&DocKind::DescribeAuditTask));
    assert_eq!(DocKind::DescribeAuditTask.name(), "DescribeAuditTask");
    assert_eq!(DocKind::DescribeAuditTask.records_member(), "auditDetails");
    assert_eq!(DocKind::DescribeAuditTask.record_noun(), "audit check");
    assert_eq!(DocKind::DescribeAuditTask.response().name, "DescribeAuditTaskResponse");
    let check = DocKind::DescribeAuditTask.record();
    assert_eq!(check.name, "AuditCheckDetails");
    let values = |shape: &inspector_viewer::schema::Shape| match &shape.kind {
        Kind::String { values: Some(v), .. } => v.to_vec(),
        other => panic!("{other:?}"),
    };
    let response = DocKind::DescribeAuditTask.response();
    let member = |s: &'static inspector_viewer::schema::Shape, n: &str| s.member(n).map(|m| m.shape).unwrap();
    assert_eq!(
        values(member(response, "taskStatus")),
        ["IN_PROGRESS", "COMPLETED", "FAILED", "CANCELED"]
    );
    assert_eq!(
        values(member(response, "taskType")),
        ["ON_DEMAND_AUDIT_TASK", "SCHEDULED_AUDIT_TASK"]
    );
    assert_eq!(
        values(member(check, "checkRunStatus")),
        [
            "IN_PROGRESS",
            "WAITING_FOR_DATA_COLLECTION",
            "CANCELED",
            "COMPLETED_COMPLIANT",
            "COMPLETED_NON_COMPLIANT",
            "FAILED"
        ]
    );
    assert!(matches!(member(response, "taskStartTime").kind, Kind::Timestamp));
    assert!(matches!(member(check, "checkCompliant").kind, Kind::Boolean));
    for n in [
        "totalResourcesCount",
        "nonCompliantResourcesCount",
        "suppressedNonCompliantResourcesCount",
    ] {
        assert!(matches!(member(check, n).kind, Kind::Long), "{n}");
    }
    let stats = member(response, "taskStatistics");
    for n in [
        "totalChecks",
        "inProgressChecks",
        "waitingForDataCollectionChecks",
        "compliantChecks",
        "nonCompliantChecks",
        "failedChecks",
        "canceledChecks",
    ] {
        assert!(matches!(member(stats, n).kind, Kind::Integer { .. }), "{n}");
    }
    let md = markdown();
    for section in [
        "\n## DescribeAuditTaskResponse\n",
        "\n## TaskStatistics\n",
        "\n## AuditCheckDetails\n",
    ] {
        assert!(md.contains(section), "{section}");
    }
    assert!(md.contains("Output of `DescribeAuditTask`."));
}

// ---- planted defects, one per rule --------------------------------------------------------------

/// An expected issue: level, rule, path, line:column, words of the message.
type Want = (Level, Rule, &'static str, (u32, u32), &'static str);

#[test]
fn planted_defects_each_raise_their_rule_at_their_path_and_position() {
    let f = load("defects.json");
    assert!(f.usable());
    let want: &[Want] = &[
        (Level::Error, Rule::Enum, "taskStatus", (2, 19), "found \"DONE\""),
        (
            Level::Error,
            Rule::Enum,
            "taskType",
            (3, 17),
            "the model spells it `ON_DEMAND_AUDIT_TASK`",
        ),
        (
            Level::Error,
            Rule::Timestamp,
            "taskStartTime",
            (4, 22),
            "`last tuesday` is not a timestamp",
        ),
        (
            Level::Error,
            Rule::Type,
            "taskStatistics.totalChecks",
            (6, 24),
            "expected an integer",
        ),
        (
            Level::Error,
            Rule::Type,
            "taskStatistics.inProgressChecks",
            (7, 29),
            "found 0.5",
        ),
        (
            Level::Warning,
            Rule::Duplicate,
            "taskStatistics.compliantChecks",
            (9, 9),
            "more than once",
        ),
        (
            Level::Info,
            Rule::UnknownField,
            "taskStatistics.skippedChecks",
            (10, 9),
            "kept as is",
        ),
        (
            Level::Error,
            Rule::Length,
            "scheduledAuditName",
            (12, 27),
            "expected 1..128 characters",
        ),
        (
            Level::Error,
            Rule::Enum,
            "auditDetails.LOGGING_DISABLED_CHECK.checkRunStatus",
            (15, 31),
            "found \"PASSED\"",
        ),
        (
            Level::Error,
            Rule::Type,
            "auditDetails.LOGGING_DISABLED_CHECK.checkCompliant",
            (16, 31),
            "expected a boolean",
        ),
        (
            Level::Error,
            Rule::Range,
            "auditDetails.LOGGING_DISABLED_CHECK.totalResourcesCount",
            (17, 36),
            "out of range for a 64-bit integer",
        ),
        (
            Level::Warning,
            Rule::Type,
            "auditDetails.LOGGING_DISABLED_CHECK.suppressedNonCompliantResourcesCount",
            (19, 53),
            "(read as 2)",
        ),
        (
            Level::Error,
            Rule::Type,
            "auditDetails.LOGGING_DISABLED_CHECK.errorCode",
            (20, 26),
            "expected a string",
        ),
        (
            Level::Info,
            Rule::UnknownField,
            "auditDetails.LOGGING_DISABLED_CHECK.reviewer",
            (21, 13),
            "not in the model's `AuditCheckDetails`",
        ),
        (
            Level::Error,
            Rule::Type,
            "auditDetails.CA_CERTIFICATE_EXPIRING_CHECK",
            (23, 42),
            "expected an object (`AuditCheckDetails`), found an array",
        ),
        (
            Level::Info,
            Rule::UnknownField,
            "taskId",
            (29, 5),
            "not in the model's `DescribeAuditTaskResponse`",
        ),
    ];
    let got = &f.report.issues;
    for (level, rule, path, at, says) in want {
        assert!(
            got.iter().any(|i| i.level == *level
                && i.rule == *rule
                && i.path == *path
                && (i.line, i.column) == *at
                && i.message.contains(says)),
            "missing {level:?} {rule:?} {path} {at:?} \"{says}\" in:\n{}",
            listing(got)
        );
    }
    assert_eq!(got.len(), want.len(), "exactly the planted issues:\n{}", listing(got));
    assert_eq!((f.report.errors(), f.report.warnings()), (11, 2));
    assert!(got.iter().all(|i| i.record_arn.is_none()));

    // Records: the two object checks (the array one is a type error and no record).
    assert_eq!(
        check_names(&f),
        ["LOGGING_DISABLED_CHECK", "DEVICE_CERTIFICATE_EXPIRING_CHECK"]
    );
    // Nothing lost: values of the wrong type and unknown members are kept verbatim.
    let logging = &f.records.audit_checks[0].rec;
    let extra: Vec<(&str, String)> = logging.details.extra.iter().map(|(k, v)| (&**k, v.to_text())).collect();
    assert_eq!(
        extra,
        [
            ("checkCompliant", "\"yes\"".to_owned()),
            ("totalResourcesCount", "99999999999999999999".to_owned()),
            ("errorCode", "403".to_owned()),
            ("reviewer", "\"ops\"".to_owned()),
        ]
    );
    assert_eq!(
        logging.details.check_run_status.as_deref(),
        Some("PASSED"),
        "kept as written"
    );
    assert_eq!(logging.details.suppressed_non_compliant_resources_count, Some(2));
    let task = &f.records.audit_tasks[0].rec;
    let task_extra: Vec<&str> = task.extra.iter().map(|(k, _)| &**k).collect();
    assert_eq!(task_extra, ["taskStartTime", "taskId"]);
    let stats = task.task_statistics.clone().unwrap_or_default();
    let stats_extra: Vec<&str> = stats.extra.iter().map(|(k, _)| &**k).collect();
    assert_eq!(stats_extra, ["totalChecks", "inProgressChecks", "skippedChecks"]);
    assert_eq!(stats.compliant_checks, Some(1));
}

#[test]
fn duplicates_lengths_and_nulls_in_a_task() {
    let long = "x".repeat(2049);
    let doc = format!(
        r#"{{"taskStatus":"COMPLETED","taskStatus":"COMPLETED","taskType":null,
"auditDetails":{{"A_CHECK":{{"checkRunStatus":"FAILED","message":"{long}"}},"A_CHECK":{{"checkRunStatus":"CANCELED"}},"NULL_CHECK":null}}}}"#
    );
    let f = load_text("dup.json", &doc);
    let got: Vec<(Level, Rule, &str, (u32, u32))> = f
        .report
        .issues
        .iter()
        .map(|i| (i.level, i.rule, i.path.as_str(), (i.line, i.column)))
        .collect();
    assert_eq!(
        got,
        [
            (Level::Warning, Rule::Duplicate, "taskStatus", (1, 27)),
            (Level::Error, Rule::Length, "auditDetails.A_CHECK.message", (2, 64)),
            (Level::Warning, Rule::Duplicate, "auditDetails.A_CHECK", (2, 2117)),
            (Level::Error, Rule::Type, "auditDetails.NULL_CHECK", (2, 2170)),
        ],
        "{}",
        listing(&f.report.issues)
    );
    assert!(f.report.issues[1]
        .message
        .contains("expected 0..2048 characters for `ErrorMessage`, found 2049"));
    // Both copies of a repeated check are records (nothing dropped); a null check is none.
    assert_eq!(check_names(&f), ["A_CHECK", "A_CHECK"]);
}

// ---- timestamps ---------------------------------------------------------------------------------

#[test]
fn every_timestamp_shape_reads_the_start_time() {
    let task = |start: &str| {
        format!(
            r#"{{"taskStatus":"COMPLETED","taskType":"ON_DEMAND_AUDIT_TASK","taskStartTime":{start},"auditDetails":{{}}}}"#
        )
    };
    // Clean: epoch seconds (number, numeric string, exponent), ISO 8601 with `T`, `t` or a space,
    // `Z`/`z` or an offset (`±HH:MM`, `±HHMM`), any fraction.
    for shape in [
        "1560356923.434",
        "1560356923.434000",
        "1.560356923434e9",
        r#""1560356923.434""#,
        r#""2019-06-12T16:28:43.434000+00:00""#,
        r#""2019-06-12 16:28:43.434000+00:00""#,
        r#""2019-06-12T16:28:43.434Z""#,
        r#""2019-06-12t16:28:43.434z""#,
        r#""2019-06-12T18:28:43.434+02:00""#,
        r#""2019-06-12T09:28:43.434-07:00""#,
        r#""2019-06-12T21:58:43.434+0530""#,
    ] {
        let f = load_text("t.json", &task(shape));
        assert_clean(&f);
        assert_eq!(
            f.records.audit_tasks[0].rec.task_start_time,
            Some(Timestamp::from_micros(EXAMPLE_START)),
            "{shape}"
        );
    }
    // Whole seconds.
    for shape in ["1560356923", r#""1560356923""#, r#""2019-06-12T16:28:43+00:00""#] {
        let f = load_text("t.json", &task(shape));
        assert_clean(&f);
        assert_eq!(
            f.records.audit_tasks[0].rec.task_start_time,
            Some(Timestamp::from_micros(1_560_356_923_000_000)),
            "{shape}"
        );
    }
    // Read, with a warning: no UTC offset (read as UTC), and epoch milliseconds.
    for (shape, note) in [
        (r#""2019-06-12T16:28:43.434""#, "no UTC offset"),
        ("1560356923434", "milliseconds"),
    ] {
        let f = load_text("t.json", &task(shape));
        assert_eq!(f.report.issues.len(), 1, "{shape}");
        let i = &f.report.issues[0];
        assert_eq!(
            (i.level, i.rule, i.path.as_str()),
            (Level::Warning, Rule::Timestamp, "taskStartTime")
        );
        assert!(i.message.contains(note), "{}", i.message);
        assert_eq!(
            f.records.audit_tasks[0].rec.task_start_time,
            Some(Timestamp::from_micros(EXAMPLE_START)),
            "{shape}"
        );
    }
    // Not a timestamp: an error, and the value kept verbatim.
    for shape in [r#""yesterday""#, "true", r#""2019-13-45T00:00:00Z""#] {
        let f = load_text("t.json", &task(shape));
        assert_eq!(f.report.errors(), 1, "{shape}");
        let task = &f.records.audit_tasks[0].rec;
        assert_eq!(task.task_start_time, None);
        assert_eq!(
            task.extra.iter().map(|(k, _)| &**k).collect::<Vec<_>>(),
            ["taskStartTime"]
        );
    }
}

// ---- layouts ------------------------------------------------------------------------------------

#[test]
fn json_lines_of_several_tasks() {
    let f = load("audit-tasks.jsonl");
    assert_clean(&f);
    assert_eq!(f.report.layout, Layout::JsonLines);
    assert_eq!(f.kind_label(), "DescribeAuditTask");
    assert_eq!(f.record_count(), 5);
    assert_eq!(f.records.audit_tasks.len(), 3);
    let paths: Vec<&str> = f.records.audit_checks.iter().map(|c| &*c.path).collect();
    assert_eq!(
        paths,
        [
            "[0].auditDetails.LOGGING_DISABLED_CHECK",
            "[0].auditDetails.CA_CERTIFICATE_EXPIRING_CHECK",
            "[1].auditDetails.DEVICE_CERTIFICATE_EXPIRING_CHECK",
            "[1].auditDetails.UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK",
            "[2].auditDetails.REVOKED_DEVICE_CERTIFICATE_STILL_ACTIVE_CHECK",
        ]
    );
    let lines: Vec<u32> = f.records.audit_checks.iter().map(|c| c.line).collect();
    assert_eq!(lines, [1, 1, 2, 2, 3]);
    let statuses: Vec<&str> = f
        .records
        .audit_tasks
        .iter()
        .map(|t| t.rec.task_status.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(statuses, ["COMPLETED", "IN_PROGRESS", "CANCELED"]);
    // Each check points to its own task.
    for c in &f.records.audit_checks {
        let task_index: usize = c.path[1..2].parse().unwrap();
        assert!(Rc::ptr_eq(&c.rec.task, &f.records.audit_tasks[task_index].rec));
    }
    // A defect on line 2 has the line's index in its path.
    let text = String::from_utf8(fixture("audit-tasks.jsonl")).unwrap().replace(
        r#""checkRunStatus":"WAITING_FOR_DATA_COLLECTION""#,
        r#""checkRunStatus":"WAITING""#,
    );
    let f = load_text("bad.jsonl", &text);
    assert_eq!(f.report.issues.len(), 1);
    let i = &f.report.issues[0];
    assert_eq!(
        (i.rule, i.path.as_str(), i.line),
        (
            Rule::Enum,
            "[1].auditDetails.UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK.checkRunStatus",
            2
        )
    );
    let line2 = text.lines().nth(1).unwrap();
    let col = line2.find(r#""WAITING""#).unwrap() + 1;
    assert_eq!(i.column as usize, col);
}

#[test]
fn an_array_of_tasks_and_a_mixed_array() {
    let f = load("audit-tasks-array.json");
    assert_clean(&f);
    assert_eq!(f.report.layout, Layout::ResponseArray);
    assert_eq!(f.kind_label(), "DescribeAuditTask");
    assert_eq!(f.record_count(), 3);
    assert_eq!(f.records.audit_tasks.len(), 2);
    assert_eq!(
        &*f.records.audit_checks[1].path,
        "[1].auditDetails.DEVICE_CERTIFICATE_KEY_QUALITY_CHECK"
    );

    // An audit task beside an Inspector response in one array: both read, the file is Mixed.
    let mixed = format!(
        r#"[{{"findings":[{{"arn":"arn:aws:inspector:us-west-2:123456789012:target/0-a/template/0-b/run/0-c/finding/0-d",
            "attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1}}],"failedItems":{{}}}},
           {}]"#,
        CLI_EXAMPLE
    );
    let f = load_text("mixed.json", &mixed);
    assert_clean(&f);
    assert_eq!(f.kind_label(), "Mixed");
    assert_eq!((f.records.findings.len(), f.records.audit_checks.len()), (1, 3));
    assert_eq!(
        &*f.records.audit_checks[0].path,
        "[1].auditDetails.CA_CERTIFICATE_EXPIRING_CHECK"
    );
}

#[test]
fn a_task_without_checks_is_kept_and_named() {
    let f = load_text(
        "running.json",
        r#"{"taskStatus":"IN_PROGRESS","taskType":"SCHEDULED_AUDIT_TASK","taskStartTime":"2024-03-01T06:00:00Z","scheduledAuditName":"weekly"}"#,
    );
    assert_clean(&f);
    assert_eq!(f.record_count(), 0);
    assert_eq!(f.kind_label(), "DescribeAuditTask", "named by its detected kind");
    assert_eq!(f.records.audit_tasks.len(), 1);
    let d = merge(vec![f]);
    assert_eq!(d.audits.tasks.len(), 1);
    let groups = audit_groups(&d);
    assert_eq!(groups.len(), 1);
    assert!(groups[0].checks.is_empty());
    assert_eq!(task_label(&groups[0].task.rec), "weekly, 2024-03-01 06:00:00 UTC");
}

#[test]
fn a_bom_and_crlf_line_ends_change_nothing() {
    let text = format!("\u{feff}{}", CLI_EXAMPLE.replace('\n', "\r\n"));
    let f = load_text("bom.json", &text);
    assert_clean(&f);
    assert_eq!(f.record_count(), 3);
    let bad = text.replace("\"ON_DEMAND_AUDIT_TASK\"", "\"ON_DEMAND\"");
    let f = load_text("bom-bad.json", &bad);
    let i = &f.report.issues[0];
    assert_eq!((i.path.as_str(), i.line, i.column), ("taskType", 3, 17));
}

// ---- merging, next to Inspector files -----------------------------------------------------------

#[test]
fn loaded_next_to_inspector_files_and_merged() {
    let inspector = load_text(
        "findings.json",
        r#"{"findings":[{"arn":"arn:aws:inspector:us-west-2:123456789012:target/0-a/template/0-b/run/0-c/finding/0-d",
            "attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1,"severity":"High"}],"failedItems":{}}"#,
    );
    let d = merge(vec![
        inspector,
        load("describe-audit-task.json"),
        load("scheduled-audit-task.json"),
        load("audit-tasks.jsonl"),
    ]);
    assert_eq!(d.findings.len(), 1);
    assert_eq!(d.audits.tasks.len(), 5);
    assert_eq!(d.audits.checks.len(), 3 + 4 + 5);
    assert_eq!(d.records_read(), 1 + 12);
    assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);
    assert!(d.merge_issues.is_empty());

    // The same file twice: one task, its checks shown once each (identical copies collapse).
    let d = merge(vec![load("describe-audit-task.json"), load("describe-audit-task.json")]);
    assert_eq!((d.audits.tasks.len(), d.audits.checks.len(), d.collapsed), (1, 3, 3));
    assert_eq!(d.audits.tasks[0].sources.len(), 2);
    assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);

    // The same task exported while running and when done: the finished copy is shown, in
    // either order, with a conflict warning per differing check.
    let running = CLI_EXAMPLE
        .replace(r#""taskStatus": "COMPLETED""#, r#""taskStatus": "IN_PROGRESS""#)
        .replace(
            r#""checkRunStatus": "COMPLETED_COMPLIANT",
            "checkCompliant": true,
            "totalResourcesCount": 6"#,
            r#""checkRunStatus": "IN_PROGRESS",
            "totalResourcesCount": 6"#,
        );
    for reverse in [false, true] {
        let mut files = vec![load_text("running.json", &running), load("describe-audit-task.json")];
        if reverse {
            files.reverse();
        }
        let d = merge(files);
        assert_eq!(d.audits.tasks.len(), 1);
        assert_eq!(
            d.audits.tasks[0].rec.task_status.as_deref(),
            Some("COMPLETED"),
            "reverse={reverse}"
        );
        assert_eq!(d.audits.checks.len(), 3);
        assert!(d
            .audits
            .checks
            .iter()
            .all(|c| c.rec.task.task_status.as_deref() == Some("COMPLETED")));
        assert_eq!((d.collapsed, d.superseded), (0, 3), "every check's task differs");
        assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);
        let conflicts: Vec<&Issue> = d.merge_issues.iter().map(|m| &m.issue).collect();
        assert_eq!(conflicts.len(), 3);
        assert!(conflicts
            .iter()
            .all(|i| i.level == Level::Warning && i.rule == Rule::Conflict));
        let device = conflicts
            .iter()
            .find(|i| i.path == "auditDetails.DEVICE_CERTIFICATE_EXPIRING_CHECK")
            .unwrap();
        for member in ["`checkRunStatus`", "`checkCompliant`", "`task`"] {
            assert!(device.message.contains(member), "{}", device.message);
        }
        assert!(device.message.contains("a finished task's copy wins"));
    }
}

// ---- the Audits view's numbers ------------------------------------------------------------------

#[test]
fn groups_sorts_and_the_chart_data() {
    let d = merge(vec![
        load("describe-audit-task.json"),
        load("scheduled-audit-task.json"),
        load("audit-tasks.jsonl"),
    ]);
    let groups = audit_groups(&d);
    // Newest start first.
    let starts: Vec<String> = groups
        .iter()
        .map(|g| g.started().map(|t| t.to_iso_utc()).unwrap_or_default())
        .collect();
    assert_eq!(
        starts,
        [
            "2024-03-01T06:00:00.000Z",
            "2024-03-01T06:00:00.000Z",
            "2020-07-31T04:01:36.157Z",
            "2019-06-13T16:28:43.434Z",
            "2019-06-12T16:28:43.434Z"
        ]
    );
    // Each task keeps its own checks; two tasks starting at the same second differ by type.
    let counts: Vec<usize> = groups.iter().map(|g| g.checks.len()).collect();
    assert_eq!(counts, [2, 1, 4, 2, 3]);
    assert_eq!(groups[0].task.rec.scheduled_audit_name.as_deref(), Some("weekly"));
    assert_eq!(groups[1].task.rec.task_status.as_deref(), Some("CANCELED"));
    let scheduled = groups
        .iter()
        .find(|g| g.task.rec.scheduled_audit_name.as_deref() == Some("AWSIoTDeviceDefenderDailyAudit"))
        .unwrap();
    assert_eq!(scheduled.checks.len(), 4);
    assert_eq!(scheduled.non_compliant_resources(), 8);
    assert_eq!(scheduled.non_compliant_checks(), 2);

    let names = |checks: &[inspector_viewer::ingest::Merged<AuditCheck>]| {
        checks.iter().map(|c| c.rec.name.to_string()).collect::<Vec<_>>()
    };
    let mut checks = scheduled.checks.clone();
    sort_checks(&mut checks, AuditSort::default());
    assert_eq!(
        names(&checks),
        [
            "DEVICE_CERTIFICATE_SHARED_CHECK",
            "LOGGING_DISABLED_CHECK",
            "CA_CERTIFICATE_EXPIRING_CHECK",
            "IOT_POLICY_OVERLY_PERMISSIVE_CHECK"
        ],
        "most non-compliant first, missing counts last"
    );
    let by_name = AuditSort::default().toggled(AuditColumn::Check);
    assert!(!by_name.descending);
    sort_checks(&mut checks, by_name);
    assert_eq!(
        names(&checks),
        [
            "CA_CERTIFICATE_EXPIRING_CHECK",
            "DEVICE_CERTIFICATE_SHARED_CHECK",
            "IOT_POLICY_OVERLY_PERMISSIVE_CHECK",
            "LOGGING_DISABLED_CHECK"
        ]
    );
    sort_checks(&mut checks, by_name.toggled(AuditColumn::Check));
    assert_eq!(names(&checks)[0], "LOGGING_DISABLED_CHECK");
    let compliance = AuditSort::default().toggled(AuditColumn::Compliant);
    assert!(compliance.descending);
    sort_checks(&mut checks, compliance);
    assert_eq!(
        checks.iter().map(|c| compliance_key(&c.rec)).collect::<Vec<_>>(),
        ["false", "false", "true", "unknown"]
    );
    sort_checks(&mut checks, AuditSort::default().toggled(AuditColumn::Error));
    assert_eq!(names(&checks)[0], "IOT_POLICY_OVERLY_PERMISSIVE_CHECK");
    sort_checks(&mut checks, AuditSort::default().toggled(AuditColumn::Suppressed));
    assert_eq!(names(&checks)[0], "DEVICE_CERTIFICATE_SHARED_CHECK");

    let bars = non_compliant_by_check(&scheduled.checks);
    assert_eq!(
        bars.iter().map(|(n, v)| (n.to_string(), *v)).collect::<Vec<_>>(),
        [
            ("DEVICE_CERTIFICATE_SHARED_CHECK".to_owned(), 7),
            ("LOGGING_DISABLED_CHECK".to_owned(), 1),
            ("CA_CERTIFICATE_EXPIRING_CHECK".to_owned(), 0),
            ("IOT_POLICY_OVERLY_PERMISSIVE_CHECK".to_owned(), 0),
        ]
    );
    assert_eq!(audit_tone("COMPLETED_NON_COMPLIANT"), "bad");
    assert_eq!(audit_tone("COMPLETED_COMPLIANT"), "good");
    assert_eq!(audit_tone("COMPLETED"), "good");
    assert_eq!(audit_tone("WAITING_FOR_DATA_COLLECTION"), "active");
    assert_eq!(audit_tone("CANCELED"), "muted");
    assert_eq!(audit_tone(""), "unknown");
}

#[test]
fn the_audits_tab_round_trips_in_the_url() {
    assert_eq!(Tab::from_key("audits"), Some(Tab::Audits));
    assert_eq!(Tab::Audits.label(), "Audits");
    let view = View {
        tab: Tab::Audits,
        ..View::default()
    };
    let hash = view.to_hash();
    assert!(hash.contains("tab=audits"), "{hash}");
    assert_eq!(View::from_hash(&hash).tab, Tab::Audits);
}

#[test]
fn a_check_is_written_and_read_back_whole() {
    let f = load("defects.json");
    let check = f.records.audit_checks[0].rec.clone();
    let text = check.write().to_text();
    let mut l = Lexer::new(text.as_bytes(), 0);
    let v = l.value().unwrap();
    let back = AuditCheck::read(&v.node, &mut Interner::new()).unwrap();
    assert_eq!(back.name, check.name);
    assert_eq!(back.details, check.details, "extra members included");
    assert_eq!(back.task.task_status, check.task.task_status);
}

// ---- inspector-validate -------------------------------------------------------------------------

fn validate(args: &[&str]) -> inspector_viewer::cli::Outcome {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/iot");
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    inspector_viewer::cli::run(&args, |p| {
        if p.starts_with("--") {
            Ok(Vec::new())
        } else {
            std::fs::read(dir.join(p))
        }
    })
}

#[test]
fn inspector_validate_reports_audit_files_like_the_others() {
    let o = validate(&["describe-audit-task.json", "audit-tasks.jsonl"]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(
        o.stdout
            .contains("describe-audit-task.json: DescribeAuditTask (response object), 3 records, 0 errors, 0 warnings"),
        "{}",
        o.stdout
    );
    assert!(o
        .stdout
        .contains("audit-tasks.jsonl: DescribeAuditTask (JSON Lines), 5 records, 0 errors, 0 warnings"));
    assert!(o.stdout.contains("2 files, 8 records read, 8 shown after merging"));

    let o = validate(&["defects.json"]);
    assert_eq!(o.code, 1, "errors: exit 1");
    assert!(o
        .stdout
        .contains("defects.json: DescribeAuditTask (response object), 2 records, 11 errors, 2 warnings"));
    assert!(o.stdout.contains(
        "  15:31: error [enum] auditDetails.LOGGING_DISABLED_CHECK.checkRunStatus: expected one of `IN_PROGRESS`, `WAITING_FOR_DATA_COLLECTION`, `CANCELED`, `COMPLETED_COMPLIANT`, `COMPLETED_NON_COMPLIANT`, `FAILED` for `AuditCheckRunStatus`, found \"PASSED\""
    ), "{}", o.stdout);

    let o = validate(&["--json", "defects.json"]);
    assert!(o.stdout.contains("\"kind\": \"DescribeAuditTask\""), "{}", o.stdout);
    assert!(o.stdout.contains("\"records\": 2"));
    assert!(o
        .stdout
        .contains("\"path\": \"auditDetails.CA_CERTIFICATE_EXPIRING_CHECK\""));
    assert!(o.stdout.contains("\"rule\": \"timestamp\""));
}

//! The API's output shapes, written once as data: validation and docs both read from here.
//!
//! Source: botocore `inspector/2016-02-16/service-2.json` (newest: last shape change 2019-04-25),
//! with the model's history (members made required later) so old exports get warnings, not errors.
//! Beside it, AWS IoT Device Defender's `describe-audit-task` output ([`DocKind::DescribeAuditTask`],
//! in `iot.rs`).

mod doc;
mod iot;
mod shapes;

pub use doc::markdown;
pub use iot::*;
pub use shapes::*;

/// What a shape is, with its constraints.
#[derive(Debug)]
pub enum Kind {
    Structure(&'static [MemberDef]),
    List {
        member: &'static Shape,
        min: u32,
        max: Option<u32>,
        /// A per-call API cap (e.g. 100 findings per DescribeFindings): merged exports exceed it,
        /// so exceeding it is `info`, not an error.
        per_call: bool,
    },
    Map {
        key: &'static Shape,
        value: &'static Shape,
    },
    String {
        min: u32,
        max: Option<u32>,
        values: Option<&'static [&'static str]>,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Long,
    Double {
        min: f64,
        max: f64,
    },
    Boolean,
    Timestamp,
}

/// A named shape of the model.
#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    pub kind: Kind,
}

/// One member of a structure.
#[derive(Debug)]
pub struct MemberDef {
    pub name: &'static str,
    pub shape: &'static Shape,
    pub required: Required,
}

/// Whether a member must be present, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    No,
    /// Required since the first 2016-02-16 model.
    Yes,
    /// Added or made required by a later model revision: absent in older exports, so a
    /// missing value is a warning (`added-later`) naming the revision.
    Since(&'static Revision),
}

/// A botocore revision of the model.
#[derive(Debug, PartialEq, Eq)]
pub struct Revision {
    pub date: &'static str,
    pub commit: &'static str,
}

impl Shape {
    /// The structure's member named `name`.
    pub fn member(&self, name: &str) -> Option<&'static MemberDef> {
        match self.kind {
            Kind::Structure(members) => members.iter().find(|m| m.name == name),
            _ => None,
        }
    }
}

/// The API operations whose outputs the viewer reads, named as in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    DescribeFindings,
    DescribeAssessmentRuns,
    DescribeAssessmentTemplates,
    DescribeAssessmentTargets,
    DescribeResourceGroups,
    DescribeRulesPackages,
    ListFindings,
    ListAssessmentRuns,
    ListAssessmentRunAgents,
    GetTelemetryMetadata,
    /// AWS IoT Device Defender `describe-audit-task`: one record per check of `auditDetails`.
    DescribeAuditTask,
}

impl DocKind {
    pub const ALL: [DocKind; 11] = [
        DocKind::DescribeFindings,
        DocKind::DescribeAssessmentRuns,
        DocKind::DescribeAssessmentTemplates,
        DocKind::DescribeAssessmentTargets,
        DocKind::DescribeResourceGroups,
        DocKind::DescribeRulesPackages,
        DocKind::ListFindings,
        DocKind::ListAssessmentRuns,
        DocKind::ListAssessmentRunAgents,
        DocKind::GetTelemetryMetadata,
        DocKind::DescribeAuditTask,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DocKind::DescribeFindings => "DescribeFindings",
            DocKind::DescribeAssessmentRuns => "DescribeAssessmentRuns",
            DocKind::DescribeAssessmentTemplates => "DescribeAssessmentTemplates",
            DocKind::DescribeAssessmentTargets => "DescribeAssessmentTargets",
            DocKind::DescribeResourceGroups => "DescribeResourceGroups",
            DocKind::DescribeRulesPackages => "DescribeRulesPackages",
            DocKind::ListFindings => "ListFindings",
            DocKind::ListAssessmentRuns => "ListAssessmentRuns",
            DocKind::ListAssessmentRunAgents => "ListAssessmentRunAgents",
            DocKind::GetTelemetryMetadata => "GetTelemetryMetadata",
            DocKind::DescribeAuditTask => "DescribeAuditTask",
        }
    }

    /// The response shape.
    pub fn response(self) -> &'static Shape {
        match self {
            DocKind::DescribeFindings => &DESCRIBE_FINDINGS_RESPONSE,
            DocKind::DescribeAssessmentRuns => &DESCRIBE_ASSESSMENT_RUNS_RESPONSE,
            DocKind::DescribeAssessmentTemplates => &DESCRIBE_ASSESSMENT_TEMPLATES_RESPONSE,
            DocKind::DescribeAssessmentTargets => &DESCRIBE_ASSESSMENT_TARGETS_RESPONSE,
            DocKind::DescribeResourceGroups => &DESCRIBE_RESOURCE_GROUPS_RESPONSE,
            DocKind::DescribeRulesPackages => &DESCRIBE_RULES_PACKAGES_RESPONSE,
            DocKind::ListFindings => &LIST_FINDINGS_RESPONSE,
            DocKind::ListAssessmentRuns => &LIST_ASSESSMENT_RUNS_RESPONSE,
            DocKind::ListAssessmentRunAgents => &LIST_ASSESSMENT_RUN_AGENTS_RESPONSE,
            DocKind::GetTelemetryMetadata => &GET_TELEMETRY_METADATA_RESPONSE,
            DocKind::DescribeAuditTask => &DESCRIBE_AUDIT_TASK_RESPONSE,
        }
    }

    /// The response member that holds the records (`findings`, `assessmentRuns`, …).
    pub fn records_member(self) -> &'static str {
        match self {
            DocKind::DescribeFindings => "findings",
            DocKind::DescribeAssessmentRuns => "assessmentRuns",
            DocKind::DescribeAssessmentTemplates => "assessmentTemplates",
            DocKind::DescribeAssessmentTargets => "assessmentTargets",
            DocKind::DescribeResourceGroups => "resourceGroups",
            DocKind::DescribeRulesPackages => "rulesPackages",
            DocKind::ListFindings => "findingArns",
            DocKind::ListAssessmentRuns => "assessmentRunArns",
            DocKind::ListAssessmentRunAgents => "assessmentRunAgents",
            DocKind::GetTelemetryMetadata => "telemetryMetadata",
            DocKind::DescribeAuditTask => "auditDetails",
        }
    }

    /// The shape of one record (of a map's value for a map of records, e.g. `auditDetails`).
    pub fn record(self) -> &'static Shape {
        match self.response().member(self.records_member()).map(|m| &m.shape.kind) {
            Some(Kind::List { member, .. }) => member,
            Some(Kind::Map { value, .. }) => value,
            _ => &ARN,
        }
    }

    /// The kind whose records live under `member` in a response object.
    pub fn from_records_member(member: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.records_member() == member)
    }

    /// A human label for one record of this kind.
    pub fn record_noun(self) -> &'static str {
        match self {
            DocKind::DescribeFindings => "finding",
            DocKind::DescribeAssessmentRuns => "assessment run",
            DocKind::DescribeAssessmentTemplates => "assessment template",
            DocKind::DescribeAssessmentTargets => "assessment target",
            DocKind::DescribeResourceGroups => "resource group",
            DocKind::DescribeRulesPackages => "rules package",
            DocKind::ListFindings => "finding ARN",
            DocKind::ListAssessmentRuns => "assessment run ARN",
            DocKind::ListAssessmentRunAgents => "agent",
            DocKind::GetTelemetryMetadata => "telemetry entry",
            DocKind::DescribeAuditTask => "audit check",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(shape: &'static Shape, seen: &mut Vec<&'static str>) {
        if seen.contains(&shape.name) {
            return;
        }
        seen.push(shape.name);
        match &shape.kind {
            Kind::Structure(ms) => ms.iter().for_each(|m| walk(m.shape, seen)),
            Kind::List { member, .. } => walk(member, seen),
            Kind::Map { key, value } => {
                walk(key, seen);
                walk(value, seen);
            }
            _ => {}
        }
    }

    #[test]
    fn every_reachable_shape_is_named_once_and_records_resolve() {
        let mut seen = Vec::new();
        for k in DocKind::ALL {
            walk(k.response(), &mut seen);
            assert!(k.response().member(k.records_member()).is_some(), "{k:?}");
            assert_eq!(DocKind::from_records_member(k.records_member()), Some(k));
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), seen.len());
        assert!(seen.contains(&"NetworkInterface"));
        assert_eq!(DocKind::DescribeFindings.record().name, "Finding");
        assert_eq!(DocKind::ListFindings.record().name, "Arn");
    }

    #[test]
    fn model_history_is_recorded() {
        let run = DocKind::DescribeAssessmentRuns.record();
        assert!(
            matches!(run.member("findingCounts").map(|m| m.required), Some(Required::Since(r)) if r.date == "2017-05-16")
        );
        let tpl = DocKind::DescribeAssessmentTemplates.record();
        assert!(
            matches!(tpl.member("assessmentRunCount").map(|m| m.required), Some(Required::Since(r)) if r.date == "2018-01-05")
        );
        let target = DocKind::DescribeAssessmentTargets.record();
        assert_eq!(
            target.member("resourceGroupArn").map(|m| m.required),
            Some(Required::No)
        );
    }
}

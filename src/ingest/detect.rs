//! Recognises what a JSON object or array is from its content, never from the file name.

use crate::model::Node;
use crate::schema::DocKind;

/// What a record-like object looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognised {
    Record(DocKind),
    /// A whole response held in memory (GetTelemetryMetadata has no big list to stream).
    Response(DocKind),
    /// The 2015-08-18 preview API: not supported.
    Preview2015,
    /// Amazon Inspector (v2), a different service.
    InspectorV2,
    /// AWS Security Hub's ASFF, e.g. Inspector findings forwarded to Security Hub.
    Asff,
    Unknown,
}

/// Response members whose arrays may be huge, so they are streamed record by record.
/// (An audit task's `auditDetails` is a small map, read with the whole response.)
pub fn streamed_kind(member: &str) -> Option<DocKind> {
    DocKind::from_records_member(member)
        .filter(|k| !matches!(k, DocKind::GetTelemetryMetadata | DocKind::DescribeAuditTask))
}

/// Members characteristic of each record kind (beyond `arn`), for scoring.
const SIGNS: &[(DocKind, &[&str])] = &[
    (
        DocKind::DescribeFindings,
        &[
            "attributes",
            "userAttributes",
            "severity",
            "numericSeverity",
            "assetAttributes",
            "serviceAttributes",
            "recommendation",
            "indicatorOfCompromise",
            "assetType",
        ],
    ),
    (
        DocKind::DescribeAssessmentRuns,
        &[
            "assessmentTemplateArn",
            "stateChanges",
            "findingCounts",
            "notifications",
            "dataCollected",
            "stateChangedAt",
            "completedAt",
        ],
    ),
    (
        DocKind::DescribeAssessmentTemplates,
        &["assessmentTargetArn", "assessmentRunCount", "lastAssessmentRunArn"],
    ),
    (DocKind::DescribeAssessmentTargets, &["resourceGroupArn"]),
    (DocKind::DescribeRulesPackages, &["provider", "version"]),
    (
        DocKind::ListAssessmentRunAgents,
        &[
            "agentId",
            "agentHealth",
            "agentHealthCode",
            "agentHealthDetails",
            "telemetryMetadata",
        ],
    ),
    (DocKind::GetTelemetryMetadata, &["messageType", "count", "dataSize"]),
];

const PREVIEW_KEYS: &[&str] = &[
    "findingArn",
    "runArn",
    "ruleName",
    "runName",
    "assessmentArn",
    "applicationArn",
    "rulesPackageArnList",
    "findingArnList",
    "runArnList",
    "assessmentArnList",
    "applicationArnList",
    "runState",
    "assessmentState",
];

/// Classifies an object that is not a streamed response.
pub fn recognise(node: &Node<'_>) -> Recognised {
    let Node::Obj(members) = node else {
        return Recognised::Unknown;
    };
    let has = |k: &str| members.iter().any(|m| m.key == k);
    if has("Findings") && members.len() <= 3 || has("SchemaVersion") && has("ProductArn") {
        return Recognised::Asff;
    }
    if has("findingArn") && (has("awsAccountId") || has("packageVulnerabilityDetails") || has("inspectorScore")) {
        return Recognised::InspectorV2;
    }
    // AWS IoT Device Defender `describe-audit-task` (ListAuditTasks items carry a `taskId`).
    if has("taskStatus") && (has("auditDetails") || has("taskStatistics") || has("taskType") && !has("taskId")) {
        return Recognised::Response(DocKind::DescribeAuditTask);
    }
    if has("telemetryMetadata") && !has("agentId") && !has("agentHealth") {
        return Recognised::Response(DocKind::GetTelemetryMetadata);
    }
    let preview = members
        .iter()
        .filter(|m| PREVIEW_KEYS.contains(&m.key.as_ref()))
        .count();
    let mut best: Option<(DocKind, usize)> = None;
    for (kind, signs) in SIGNS {
        let score = members.iter().filter(|m| signs.contains(&m.key.as_ref())).count();
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((*kind, score));
        }
    }
    if preview > 0 && best.is_none_or(|(_, s)| preview >= s) {
        return Recognised::Preview2015;
    }
    if let Some((kind, _)) = best {
        return Recognised::Record(kind);
    }
    // Only common members: decide by the ARN's resource type.
    let arn = node.get("arn").and_then(|v| v.node.as_str()).unwrap_or("");
    if arn.contains("/finding/") {
        Recognised::Record(DocKind::DescribeFindings)
    } else if arn.contains("/run/") {
        Recognised::Record(DocKind::DescribeAssessmentRuns)
    } else if arn.contains("/template/") {
        Recognised::Record(DocKind::DescribeAssessmentTemplates)
    } else if arn.contains(":resourcegroup/") || has("tags") && has("arn") {
        Recognised::Record(DocKind::DescribeResourceGroups)
    } else if arn.contains(":rulespackage/") {
        Recognised::Record(DocKind::DescribeRulesPackages)
    } else if arn.contains(":target/") {
        Recognised::Record(DocKind::DescribeAssessmentTargets)
    } else {
        Recognised::Unknown
    }
}

/// The list kind of a bare ARN string.
pub fn arn_kind(arn: &str) -> Option<DocKind> {
    if !arn.starts_with("arn:") {
        None
    } else if arn.contains("/finding/") {
        Some(DocKind::ListFindings)
    } else if arn.contains("/run/") {
        Some(DocKind::ListAssessmentRuns)
    } else {
        None
    }
}

/// A sentence for a file that is recognisably something else.
pub fn unsupported_message(r: Recognised, keys: &str) -> String {
    match r {
        Recognised::Preview2015 => format!(
            "this looks like an export of the 2015-08-18 preview Inspector API (members {keys}); only the 2016-02-16 API (Inspector Classic) is supported"
        ),
        Recognised::InspectorV2 => "this is an Amazon Inspector (v2) export (findingArn, awsAccountId…), not Inspector Classic (2016-02-16)".to_owned(),
        Recognised::Asff => "this is AWS Security Hub ASFF (SchemaVersion, ProductArn…), not an Inspector Classic API export".to_owned(),
        _ => format!("not an Inspector Classic export: found an object with members {keys}"),
    }
}

/// Up to six member names of an object, for messages.
pub fn key_list(node: &Node<'_>) -> String {
    match node {
        Node::Obj(members) if members.is_empty() => "(none)".to_owned(),
        Node::Obj(members) => {
            let mut v: Vec<String> = members.iter().take(6).map(|m| format!("`{}`", m.key)).collect();
            if members.len() > 6 {
                v.push("…".to_owned());
            }
            v.join(", ")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lexer::Lexer;

    fn rec(json: &str) -> Recognised {
        let mut l = Lexer::new(json.as_bytes(), 0);
        l.value().map(|v| recognise(&v.node)).unwrap_or(Recognised::Unknown)
    }

    #[test]
    fn recognises_each_record_kind_by_content() {
        assert_eq!(
            rec(r#"{"arn":"x","severity":"High","attributes":[]}"#),
            Recognised::Record(DocKind::DescribeFindings)
        );
        assert_eq!(
            rec(r#"{"arn":"x","stateChanges":[],"findingCounts":{}}"#),
            Recognised::Record(DocKind::DescribeAssessmentRuns)
        );
        assert_eq!(
            rec(r#"{"arn":"x","assessmentTargetArn":"t"}"#),
            Recognised::Record(DocKind::DescribeAssessmentTemplates)
        );
        assert_eq!(
            rec(r#"{"arn":"x","resourceGroupArn":"t"}"#),
            Recognised::Record(DocKind::DescribeAssessmentTargets)
        );
        assert_eq!(
            rec(r#"{"arn":"x","provider":"AWS","version":"1.1"}"#),
            Recognised::Record(DocKind::DescribeRulesPackages)
        );
        assert_eq!(
            rec(r#"{"agentId":"i-1","agentHealth":"HEALTHY","telemetryMetadata":[]}"#),
            Recognised::Record(DocKind::ListAssessmentRunAgents)
        );
        assert_eq!(
            rec(r#"{"messageType":"m","count":1}"#),
            Recognised::Record(DocKind::GetTelemetryMetadata)
        );
        assert_eq!(
            rec(r#"{"telemetryMetadata":[]}"#),
            Recognised::Response(DocKind::GetTelemetryMetadata)
        );
        assert_eq!(
            rec(r#"{"arn":"arn:aws:inspector:r:1:resourcegroup/0-x","tags":[]}"#),
            Recognised::Record(DocKind::DescribeResourceGroups)
        );
        assert_eq!(
            rec(r#"{"arn":"arn:aws:inspector:us-west-2:1:target/0-a/template/0-b/run/0-c/finding/0-d"}"#),
            Recognised::Record(DocKind::DescribeFindings)
        );
    }

    #[test]
    fn recognises_look_alikes_it_does_not_read() {
        assert_eq!(
            rec(r#"{"findingArn":"x","runArn":"y","ruleName":"z","finding":{}}"#),
            Recognised::Preview2015
        );
        assert_eq!(rec(r#"{"runArnList":[]}"#), Recognised::Preview2015);
        assert_eq!(
            rec(r#"{"findingArn":"x","awsAccountId":"1","severity":"HIGH"}"#),
            Recognised::InspectorV2
        );
        assert_eq!(rec(r#"{"Findings":[]}"#), Recognised::Asff);
        assert_eq!(rec(r#"{"hello":"world"}"#), Recognised::Unknown);
    }
}

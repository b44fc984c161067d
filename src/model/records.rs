//! The record types of the 2016-02-16 API outputs, each readable leniently and writable back.

use super::{Interner, Json, Node, Severity, Str, Timestamp};
use std::rc::Rc;

/// A value that a record member can hold: read leniently (None = wrong JSON type), written back.
pub trait FieldValue: Sized {
    fn read(v: &Node<'_>, cx: &mut Interner) -> Option<Self>;
    fn write(&self) -> Json;
}

impl FieldValue for Str {
    fn read(v: &Node<'_>, cx: &mut Interner) -> Option<Self> {
        v.as_str().map(|s| cx.intern(s))
    }
    fn write(&self) -> Json {
        Json::Str(self.clone())
    }
}

impl FieldValue for i64 {
    /// An integer; also an integral number written with a fraction or exponent (`3600.0`,
    /// `1e3`), which the validator warns about as "read as 3600": so it must be read.
    fn read(v: &Node<'_>, _: &mut Interner) -> Option<Self> {
        match v {
            Node::Num(n) => n.parse().ok().or_else(|| {
                let x: f64 = n.parse().ok()?;
                #[allow(clippy::cast_possible_truncation)]
                (x.is_finite() && x.fract() == 0.0 && x.abs() < 9.2e18).then_some(x as i64)
            }),
            _ => None,
        }
    }
    fn write(&self) -> Json {
        Json::Num(Str::from(self.to_string()))
    }
}

impl FieldValue for f64 {
    fn read(v: &Node<'_>, _: &mut Interner) -> Option<Self> {
        match v {
            Node::Num(n) => n.parse().ok().filter(|x: &f64| x.is_finite()),
            _ => None,
        }
    }
    fn write(&self) -> Json {
        Json::Num(Str::from(super::shortest(*self)))
    }
}

impl FieldValue for bool {
    fn read(v: &Node<'_>, _: &mut Interner) -> Option<Self> {
        match v {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn write(&self) -> Json {
        Json::Bool(*self)
    }
}

impl FieldValue for Timestamp {
    fn read(v: &Node<'_>, _: &mut Interner) -> Option<Self> {
        let parsed = match v {
            Node::Num(n) => Timestamp::parse_epoch(n),
            Node::Str(s) => Timestamp::parse_text(s),
            _ => return None,
        };
        parsed.ok().map(|(t, _)| t)
    }
    fn write(&self) -> Json {
        Json::Str(Str::from(self.to_iso_utc()))
    }
}

impl<T: FieldValue> FieldValue for Vec<T> {
    fn read(v: &Node<'_>, cx: &mut Interner) -> Option<Self> {
        match v {
            Node::Arr(items) => items.iter().map(|i| T::read(&i.node, cx)).collect(),
            _ => None,
        }
    }
    fn write(&self) -> Json {
        Json::Arr(self.iter().map(FieldValue::write).collect())
    }
}

impl<T: FieldValue> FieldValue for Rc<T> {
    fn read(v: &Node<'_>, cx: &mut Interner) -> Option<Self> {
        T::read(v, cx).map(Rc::new)
    }
    fn write(&self) -> Json {
        T::write(self)
    }
}

/// `AssessmentRun.findingCounts`: a map from severity name to count, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FindingCounts(pub Vec<(Str, i64)>);

impl FindingCounts {
    /// The count for one severity (0 when absent).
    pub fn get(&self, s: Severity) -> i64 {
        self.0.iter().filter(|(k, _)| &**k == s.as_str()).map(|(_, v)| *v).sum()
    }

    pub fn total(&self) -> i64 {
        self.0.iter().map(|(_, v)| *v).sum()
    }
}

impl FieldValue for FindingCounts {
    fn read(v: &Node<'_>, cx: &mut Interner) -> Option<Self> {
        match v {
            Node::Obj(members) => members
                .iter()
                .map(|m| i64::read(&m.value.node, cx).map(|n| (cx.intern(&m.key), n)))
                .collect::<Option<Vec<_>>>()
                .map(FindingCounts),
            _ => None,
        }
    }
    fn write(&self) -> Json {
        Json::Obj(self.0.iter().map(|(k, v)| (k.clone(), v.write())).collect())
    }
}

/// A string member that names its record alone (a finding's ARN): read as a string of its own,
/// not worth a slot in the string table.
fn read_unique(v: &Node<'_>, cx: &mut Interner) -> Option<Str> {
    v.as_str().map(|s| cx.unique(s))
}

/// Declares a record struct whose members are all optional (a record with errors is still
/// kept), plus its lenient reader and its writer. Members that are unknown, or of the wrong
/// JSON type, land in `extra` verbatim. A member is read with its type's [`FieldValue::read`],
/// or with the function after `=` (same signature).
macro_rules! record {
    (@reader $ty:ty) => { <$ty as FieldValue>::read };
    (@reader $ty:ty, $reader:path) => { $reader };
    ($(#[$meta:meta])* $name:ident { $($wire:literal $field:ident : $ty:ty $(= $reader:path)?,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct $name {
            $(pub $field: Option<$ty>,)*
            /// Members kept verbatim: unknown to the model, or not of the model's type.
            pub extra: Vec<(Str, Json)>,
        }

        impl $name {
            /// Wire names of the members, in model order.
            pub const MEMBERS: &'static [&'static str] = &[$($wire),*];
        }

        impl FieldValue for $name {
            fn read(v: &Node<'_>, cx: &mut Interner) -> Option<Self> {
                let Node::Obj(members) = v else { return None };
                let mut r = Self::default();
                for m in members {
                    match m.key.as_ref() {
                        $($wire => {
                            // A repeated member: the last copy wins (as `JSON.parse` does), so an
                            // earlier copy is dropped from the typed field and from `extra`.
                            r.extra.retain(|(k, _)| &**k != $wire);
                            if let Some(x) = record!(@reader $ty $(, $reader)?)(&m.value.node, cx) {
                                r.$field = Some(x);
                                continue;
                            }
                            r.$field = None;
                        })*
                        _ => {}
                    }
                    let key = cx.intern(&m.key);
                    let value = m.value.node.to_json(cx);
                    r.extra.push((key, value));
                }
                Some(r)
            }

            fn write(&self) -> Json {
                let mut m: Vec<(Str, Json)> = Vec::new();
                $(if let Some(v) = &self.$field {
                    m.push((Str::from($wire), FieldValue::write(v)));
                })*
                m.extend(self.extra.iter().cloned());
                Json::Obj(m)
            }
        }
    };
}

/// Sibling modules (e.g. `iot.rs`) declare their records with the same macro.
pub(super) use record;

record!(
    /// `Attribute`: a key/value pair (system or user attributes).
    #[derive(Eq, Hash)]
    Attribute { "key" key: Str, "value" value: Str, }
);

record!(
    /// `Tag` of an asset, and `ResourceGroupTag`.
    #[derive(Eq, Hash)]
    Tag { "key" key: Str, "value" value: Str, }
);

record!(
    /// `PrivateIp` of a network interface.
    #[derive(Eq, Hash)]
    PrivateIp { "privateDnsName" private_dns_name: Str, "privateIpAddress" private_ip_address: Str, }
);

record!(
    /// `SecurityGroup` of a network interface.
    #[derive(Eq, Hash)]
    SecurityGroup { "groupName" group_name: Str, "groupId" group_id: Str, }
);

record!(
    /// `NetworkInterface` (added to the model 2018-10-22).
    #[derive(Eq, Hash)]
    NetworkInterface {
        "networkInterfaceId" network_interface_id: Str,
        "subnetId" subnet_id: Str,
        "vpcId" vpc_id: Str,
        "privateDnsName" private_dns_name: Str,
        "privateIpAddress" private_ip_address: Str,
        "privateIpAddresses" private_ip_addresses: Vec<PrivateIp>,
        "publicDnsName" public_dns_name: Str,
        "publicIp" public_ip: Str,
        "ipv6Addresses" ipv6_addresses: Vec<Str>,
        "securityGroups" security_groups: Vec<SecurityGroup>,
    }
);

record!(
    /// `AssetAttributes`: the host a finding is on. Identical per instance, so shared.
    #[derive(Eq, Hash)]
    AssetAttributes {
        "schemaVersion" schema_version: i64,
        "agentId" agent_id: Str,
        "autoScalingGroup" auto_scaling_group: Str,
        "amiId" ami_id: Str,
        "hostname" hostname: Str,
        "ipv4Addresses" ipv4_addresses: Vec<Str>,
        "tags" tags: Vec<Tag>,
        "networkInterfaces" network_interfaces: Vec<NetworkInterface>,
    }
);

record!(
    /// `InspectorServiceAttributes`: the run and rules package that produced a finding.
    #[derive(Eq, Hash)]
    ServiceAttributes {
        "schemaVersion" schema_version: i64,
        "assessmentRunArn" assessment_run_arn: Str,
        "rulesPackageArn" rules_package_arn: Str,
    }
);

record!(
    /// `Finding`, from DescribeFindings.
    Finding {
        "arn" arn: Str = read_unique,
        "schemaVersion" schema_version: i64,
        "service" service: Str,
        "serviceAttributes" service_attributes: Rc<ServiceAttributes>,
        "assetType" asset_type: Str,
        "assetAttributes" asset_attributes: Rc<AssetAttributes>,
        "id" id: Str,
        "title" title: Str,
        "description" description: Str,
        "recommendation" recommendation: Str,
        "severity" severity: Str,
        "numericSeverity" numeric_severity: f64,
        "confidence" confidence: i64,
        "indicatorOfCompromise" indicator_of_compromise: bool,
        "attributes" attributes: Vec<Attribute>,
        "userAttributes" user_attributes: Vec<Attribute>,
        "createdAt" created_at: Timestamp,
        "updatedAt" updated_at: Timestamp,
    }
);

record!(
    /// `AssessmentRunStateChange`.
    StateChange { "stateChangedAt" state_changed_at: Timestamp, "state" state: Str, }
);

record!(
    /// `AssessmentRunNotification`.
    Notification {
        "date" date: Timestamp,
        "event" event: Str,
        "message" message: Str,
        "error" error: bool,
        "snsTopicArn" sns_topic_arn: Str,
        "snsPublishStatusCode" sns_publish_status_code: Str,
    }
);

record!(
    /// `AssessmentRun`, from DescribeAssessmentRuns.
    AssessmentRun {
        "arn" arn: Str,
        "name" name: Str,
        "assessmentTemplateArn" assessment_template_arn: Str,
        "state" state: Str,
        "durationInSeconds" duration_in_seconds: i64,
        "rulesPackageArns" rules_package_arns: Vec<Str>,
        "userAttributesForFindings" user_attributes_for_findings: Vec<Attribute>,
        "createdAt" created_at: Timestamp,
        "startedAt" started_at: Timestamp,
        "completedAt" completed_at: Timestamp,
        "stateChangedAt" state_changed_at: Timestamp,
        "dataCollected" data_collected: bool,
        "stateChanges" state_changes: Vec<StateChange>,
        "notifications" notifications: Vec<Notification>,
        "findingCounts" finding_counts: FindingCounts,
    }
);

record!(
    /// `AssessmentTemplate`, from DescribeAssessmentTemplates.
    AssessmentTemplate {
        "arn" arn: Str,
        "name" name: Str,
        "assessmentTargetArn" assessment_target_arn: Str,
        "durationInSeconds" duration_in_seconds: i64,
        "rulesPackageArns" rules_package_arns: Vec<Str>,
        "userAttributesForFindings" user_attributes_for_findings: Vec<Attribute>,
        "lastAssessmentRunArn" last_assessment_run_arn: Str,
        "assessmentRunCount" assessment_run_count: i64,
        "createdAt" created_at: Timestamp,
    }
);

record!(
    /// `AssessmentTarget`, from DescribeAssessmentTargets.
    AssessmentTarget {
        "arn" arn: Str,
        "name" name: Str,
        "resourceGroupArn" resource_group_arn: Str,
        "createdAt" created_at: Timestamp,
        "updatedAt" updated_at: Timestamp,
    }
);

record!(
    /// `ResourceGroup`, from DescribeResourceGroups.
    ResourceGroup { "arn" arn: Str, "tags" tags: Vec<Tag>, "createdAt" created_at: Timestamp, }
);

record!(
    /// `RulesPackage`, from DescribeRulesPackages.
    RulesPackage {
        "arn" arn: Str,
        "name" name: Str,
        "version" version: Str,
        "provider" provider: Str,
        "description" description: Str,
    }
);

record!(
    /// `TelemetryMetadata`, from GetTelemetryMetadata or inside an agent.
    TelemetryMetadata { "messageType" message_type: Str, "count" count: i64, "dataSize" data_size: i64, }
);

record!(
    /// `AssessmentRunAgent`, from ListAssessmentRunAgents.
    AssessmentRunAgent {
        "agentId" agent_id: Str,
        "assessmentRunArn" assessment_run_arn: Str,
        "agentHealth" agent_health: Str,
        "agentHealthCode" agent_health_code: Str,
        "agentHealthDetails" agent_health_details: Str,
        "autoScalingGroup" auto_scaling_group: Str,
        "telemetryMetadata" telemetry_metadata: Vec<TelemetryMetadata>,
    }
);

record!(
    /// `FailedItemDetails` of a Describe* response's `failedItems` map.
    FailedItemDetails { "failureCode" failure_code: Str, "retryable" retryable: bool, }
);

impl Finding {
    /// The model severity, if the file's value is one (exact case).
    pub fn severity_level(&self) -> Option<Severity> {
        self.severity.as_deref().and_then(Severity::parse)
    }

    /// The value of a system attribute (`INSTANCE_ID`, `CVE_ID`, …).
    pub fn attribute(&self, key: &str) -> Option<&Str> {
        self.attributes
            .as_deref()?
            .iter()
            .find(|a| a.key.as_deref() == Some(key))
            .and_then(|a| a.value.as_ref())
    }

    pub fn run_arn(&self) -> Option<&Str> {
        self.service_attributes.as_ref()?.assessment_run_arn.as_ref()
    }

    pub fn rules_package_arn(&self) -> Option<&Str> {
        self.service_attributes.as_ref()?.rules_package_arn.as_ref()
    }

    /// The instance: agentId, else the INSTANCE_ID attribute.
    pub fn instance_id(&self) -> Option<&Str> {
        self.asset_attributes
            .as_ref()
            .and_then(|a| a.agent_id.as_ref())
            .or_else(|| self.attribute("INSTANCE_ID"))
    }

    /// The instance's `Name` tag, if any.
    pub fn instance_name(&self) -> Option<&Str> {
        self.asset_attributes
            .as_ref()?
            .tags
            .as_deref()?
            .iter()
            .find(|t| t.key.as_deref() == Some("Name"))
            .and_then(|t| t.value.as_ref())
    }

    /// The instance's first IPv4 address: `ipv4Addresses`, else a network interface's.
    pub fn first_ip(&self) -> Option<&Str> {
        let aa = self.asset_attributes.as_ref()?;
        aa.ipv4_addresses.as_deref().and_then(<[Str]>::first).or_else(|| {
            aa.network_interfaces
                .as_deref()?
                .iter()
                .find_map(|n| n.private_ip_address.as_ref().or(n.public_ip.as_ref()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn s(v: &str) -> Node<'static> {
        Node::Str(Cow::Owned(v.to_owned()))
    }

    fn member(k: &str, v: Node<'static>) -> super::super::Member<'static> {
        super::super::Member {
            key: Cow::Owned(k.to_owned()),
            key_pos: 0,
            value: super::super::Spanned { pos: 0, node: v },
        }
    }

    #[test]
    fn wrong_types_and_unknown_members_are_kept_verbatim() {
        let mut cx = Interner::new();
        let node = Node::Obj(vec![
            member("arn", s("arn:x")),
            member("severity", s("High")),
            member("numericSeverity", s("nine")),
            member("customerNote", Node::Bool(true)),
            member("createdAt", Node::Num("1458680301.4")),
        ]);
        let f = Finding::read(&node, &mut cx).unwrap_or_default();
        assert_eq!(f.arn.as_deref(), Some("arn:x"));
        assert_eq!(f.severity_level(), Some(Severity::High));
        assert_eq!(f.numeric_severity, None);
        assert_eq!(f.created_at, Some(Timestamp::from_micros(1_458_680_301_400_000)));
        let extra: Vec<&str> = f.extra.iter().map(|(k, _)| &**k).collect();
        assert_eq!(extra, ["numericSeverity", "customerNote"]);
        let text = f.write().to_text();
        assert!(text.contains(r#""numericSeverity":"nine""#), "{text}");
        assert!(text.contains(r#""customerNote":true"#));
        assert!(text.contains(r#""createdAt":"2016-03-22T20:58:21.400Z""#));
    }

    #[test]
    fn a_repeated_member_keeps_only_its_last_copy() {
        let mut cx = Interner::new();
        let node = Node::Obj(vec![member("severity", s("High")), member("severity", Node::Num("3"))]);
        let f = Finding::read(&node, &mut cx).unwrap_or_default();
        assert_eq!(
            f.severity, None,
            "the last copy is not a string: not in the typed field"
        );
        assert_eq!(
            f.write().to_text(),
            r#"{"severity":3}"#,
            "written once, as the last copy"
        );
        let node = Node::Obj(vec![member("severity", Node::Num("3")), member("severity", s("Low"))]);
        let f = Finding::read(&node, &mut cx).unwrap_or_default();
        assert_eq!(f.write().to_text(), r#"{"severity":"Low"}"#);
    }

    #[test]
    fn finding_counts_by_severity() {
        let mut cx = Interner::new();
        let node = Node::Obj(vec![member("High", Node::Num("14")), member("Medium", Node::Num("2"))]);
        let c = FindingCounts::read(&node, &mut cx).unwrap_or_default();
        assert_eq!(c.get(Severity::High), 14);
        assert_eq!(c.get(Severity::Low), 0);
        assert_eq!(c.total(), 16);
    }
}

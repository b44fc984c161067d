//! Every shape reachable from the outputs the viewer reads, from the newest botocore model.

use super::{Kind, MemberDef, Required, Revision, Shape};
use Required::{No, Yes};

pub(super) const fn m(name: &'static str, shape: &'static Shape, required: Required) -> MemberDef {
    MemberDef { name, shape, required }
}

pub(super) const fn string(name: &'static str, min: u32, max: Option<u32>) -> Shape {
    Shape {
        name,
        kind: Kind::String { min, max, values: None },
    }
}

pub(super) const fn enumeration(name: &'static str, values: &'static [&'static str]) -> Shape {
    Shape {
        name,
        kind: Kind::String {
            min: 0,
            max: None,
            values: Some(values),
        },
    }
}

const fn list(name: &'static str, member: &'static Shape, min: u32, max: Option<u32>) -> Shape {
    Shape {
        name,
        kind: Kind::List {
            member,
            min,
            max,
            per_call: false,
        },
    }
}

/// A response-level list whose maximum is a per-call cap that merged exports exceed.
const fn response_list(name: &'static str, member: &'static Shape, max: u32) -> Shape {
    Shape {
        name,
        kind: Kind::List {
            member,
            min: 0,
            max: Some(max),
            per_call: true,
        },
    }
}

const fn structure(name: &'static str, members: &'static [MemberDef]) -> Shape {
    Shape {
        name,
        kind: Kind::Structure(members),
    }
}

// ---- model revisions that made members required --------------------------------------------

/// `AssessmentRun.findingCounts` added and required; `START_EVALUATING_RULES_PENDING`, `ERROR`.
pub static REV_2017_05_16: Revision = Revision {
    date: "2017-05-16",
    commit: "1caf73a3c",
};
/// `AssessmentTemplate.assessmentRunCount` added and required.
pub static REV_2018_01_05: Revision = Revision {
    date: "2018-01-05",
    commit: "d88129089",
};

// ---- scalars ---------------------------------------------------------------------------------

pub static ARN: Shape = string("Arn", 1, Some(300));
pub static ASSESSMENT_RUN_NAME: Shape = string("AssessmentRunName", 1, Some(140));
pub static ASSESSMENT_TEMPLATE_NAME: Shape = string("AssessmentTemplateName", 1, Some(140));
pub static ASSESSMENT_TARGET_NAME: Shape = string("AssessmentTargetName", 1, Some(140));
pub static ATTRIBUTE_KEY: Shape = string("AttributeKey", 1, Some(128));
pub static ATTRIBUTE_VALUE: Shape = string("AttributeValue", 1, Some(256));
pub static TAG_KEY: Shape = string("TagKey", 1, Some(128));
pub static TAG_VALUE: Shape = string("TagValue", 1, Some(256));
pub static MESSAGE: Shape = string("Message", 0, Some(1000));
pub static TEXT: Shape = string("Text", 0, Some(20000));
pub static FINDING_ID: Shape = string("FindingId", 0, Some(128));
pub static SERVICE_NAME: Shape = string("ServiceName", 0, Some(128));
pub static AGENT_ID: Shape = string("AgentId", 1, Some(128));
pub static AUTO_SCALING_GROUP: Shape = string("AutoScalingGroup", 1, Some(256));
pub static AMI_ID: Shape = string("AmiId", 0, Some(256));
pub static HOSTNAME: Shape = string("Hostname", 0, Some(256));
pub static IPV4_ADDRESS: Shape = string("Ipv4Address", 7, Some(15));
pub static PAGINATION_TOKEN: Shape = string("PaginationToken", 1, Some(300));
pub static RULES_PACKAGE_NAME: Shape = string("RulesPackageName", 0, Some(1000));
pub static VERSION: Shape = string("Version", 0, Some(1000));
pub static PROVIDER_NAME: Shape = string("ProviderName", 0, Some(1000));
pub static MESSAGE_TYPE: Shape = string("MessageType", 1, Some(300));

pub static TIMESTAMP: Shape = Shape {
    name: "Timestamp",
    kind: Kind::Timestamp,
};
pub static BOOL: Shape = Shape {
    name: "Bool",
    kind: Kind::Boolean,
};
pub static LONG: Shape = Shape {
    name: "Long",
    kind: Kind::Long,
};
pub static ASSESSMENT_RUN_DURATION: Shape = Shape {
    name: "AssessmentRunDuration",
    kind: Kind::Integer {
        min: Some(180),
        max: Some(86400),
    },
};
pub static NUMERIC_VERSION: Shape = Shape {
    name: "NumericVersion",
    kind: Kind::Integer {
        min: Some(0),
        max: None,
    },
};
pub static NUMERIC_SEVERITY: Shape = Shape {
    name: "NumericSeverity",
    kind: Kind::Double { min: 0.0, max: 10.0 },
};
pub static IOC_CONFIDENCE: Shape = Shape {
    name: "IocConfidence",
    kind: Kind::Integer {
        min: Some(0),
        max: Some(10),
    },
};
pub static FINDING_COUNT: Shape = Shape {
    name: "FindingCount",
    kind: Kind::Integer { min: None, max: None },
};
pub static ARN_COUNT: Shape = Shape {
    name: "ArnCount",
    kind: Kind::Integer { min: None, max: None },
};

// ---- enums -----------------------------------------------------------------------------------

/// `AssessmentRunState`; `START_EVALUATING_RULES_PENDING` and `ERROR` since 2017-05-16,
/// `CANCELED` since 2017-07-31.
pub static ASSESSMENT_RUN_STATE: Shape = enumeration(
    "AssessmentRunState",
    &[
        "CREATED",
        "START_DATA_COLLECTION_PENDING",
        "START_DATA_COLLECTION_IN_PROGRESS",
        "COLLECTING_DATA",
        "STOP_DATA_COLLECTION_PENDING",
        "DATA_COLLECTED",
        "START_EVALUATING_RULES_PENDING",
        "EVALUATING_RULES",
        "FAILED",
        "ERROR",
        "COMPLETED",
        "COMPLETED_WITH_ERRORS",
        "CANCELED",
    ],
);
pub static INSPECTOR_EVENT: Shape = enumeration(
    "InspectorEvent",
    &[
        "ASSESSMENT_RUN_STARTED",
        "ASSESSMENT_RUN_COMPLETED",
        "ASSESSMENT_RUN_STATE_CHANGED",
        "FINDING_REPORTED",
        "OTHER",
    ],
);
pub static SNS_STATUS_CODE: Shape = enumeration(
    "AssessmentRunNotificationSnsStatusCode",
    &["SUCCESS", "TOPIC_DOES_NOT_EXIST", "ACCESS_DENIED", "INTERNAL_ERROR"],
);
pub static SEVERITY: Shape = enumeration("Severity", &["Low", "Medium", "High", "Informational", "Undefined"]);
pub static FAILED_ITEM_ERROR_CODE: Shape = enumeration(
    "FailedItemErrorCode",
    &[
        "INVALID_ARN",
        "DUPLICATE_ARN",
        "ITEM_DOES_NOT_EXIST",
        "ACCESS_DENIED",
        "LIMIT_EXCEEDED",
        "INTERNAL_ERROR",
    ],
);
pub static ASSET_TYPE: Shape = enumeration("AssetType", &["ec2-instance"]);
/// `AgentHealth`; `UNKNOWN` since 2017-12-22.
pub static AGENT_HEALTH: Shape = enumeration("AgentHealth", &["HEALTHY", "UNHEALTHY", "UNKNOWN"]);
pub static AGENT_HEALTH_CODE: Shape = enumeration(
    "AgentHealthCode",
    &["IDLE", "RUNNING", "SHUTDOWN", "UNHEALTHY", "THROTTLED", "UNKNOWN"],
);

// ---- shared structures -----------------------------------------------------------------------

pub static ATTRIBUTE: Shape = structure(
    "Attribute",
    &[m("key", &ATTRIBUTE_KEY, Yes), m("value", &ATTRIBUTE_VALUE, No)],
);
pub static USER_ATTRIBUTE_LIST: Shape = list("UserAttributeList", &ATTRIBUTE, 0, Some(10));
pub static ATTRIBUTE_LIST: Shape = list("AttributeList", &ATTRIBUTE, 0, Some(50));
pub static TAG: Shape = structure("Tag", &[m("key", &TAG_KEY, Yes), m("value", &TAG_VALUE, No)]);
pub static TAGS: Shape = list("Tags", &TAG, 0, None);
pub static FAILED_ITEM_DETAILS: Shape = structure(
    "FailedItemDetails",
    &[
        m("failureCode", &FAILED_ITEM_ERROR_CODE, Yes),
        m("retryable", &BOOL, Yes),
    ],
);
pub static FAILED_ITEMS: Shape = Shape {
    name: "FailedItems",
    kind: Kind::Map {
        key: &ARN,
        value: &FAILED_ITEM_DETAILS,
    },
};

// ---- AssessmentRun ---------------------------------------------------------------------------

pub static ASSESSMENT_RUN_STATE_CHANGE: Shape = structure(
    "AssessmentRunStateChange",
    &[
        m("stateChangedAt", &TIMESTAMP, Yes),
        m("state", &ASSESSMENT_RUN_STATE, Yes),
    ],
);
pub static ASSESSMENT_RUN_NOTIFICATION: Shape = structure(
    "AssessmentRunNotification",
    &[
        m("date", &TIMESTAMP, Yes),
        m("event", &INSPECTOR_EVENT, Yes),
        m("message", &MESSAGE, No),
        m("error", &BOOL, Yes),
        m("snsTopicArn", &ARN, No),
        m("snsPublishStatusCode", &SNS_STATUS_CODE, No),
    ],
);
pub static ASSESSMENT_RUN_FINDING_COUNTS: Shape = Shape {
    name: "AssessmentRunFindingCounts",
    kind: Kind::Map {
        key: &SEVERITY,
        value: &FINDING_COUNT,
    },
};
pub static ASSESSMENT_RULES_PACKAGE_ARN_LIST: Shape = list("AssessmentRulesPackageArnList", &ARN, 1, Some(50));
pub static ASSESSMENT_RUN_STATE_CHANGE_LIST: Shape = list(
    "AssessmentRunStateChangeList",
    &ASSESSMENT_RUN_STATE_CHANGE,
    0,
    Some(50),
);
pub static ASSESSMENT_RUN_NOTIFICATION_LIST: Shape = list(
    "AssessmentRunNotificationList",
    &ASSESSMENT_RUN_NOTIFICATION,
    0,
    Some(50),
);
pub static ASSESSMENT_RUN: Shape = structure(
    "AssessmentRun",
    &[
        m("arn", &ARN, Yes),
        m("name", &ASSESSMENT_RUN_NAME, Yes),
        m("assessmentTemplateArn", &ARN, Yes),
        m("state", &ASSESSMENT_RUN_STATE, Yes),
        m("durationInSeconds", &ASSESSMENT_RUN_DURATION, Yes),
        m("rulesPackageArns", &ASSESSMENT_RULES_PACKAGE_ARN_LIST, Yes),
        m("userAttributesForFindings", &USER_ATTRIBUTE_LIST, Yes),
        m("createdAt", &TIMESTAMP, Yes),
        m("startedAt", &TIMESTAMP, No),
        m("completedAt", &TIMESTAMP, No),
        m("stateChangedAt", &TIMESTAMP, Yes),
        m("dataCollected", &BOOL, Yes),
        m("stateChanges", &ASSESSMENT_RUN_STATE_CHANGE_LIST, Yes),
        m("notifications", &ASSESSMENT_RUN_NOTIFICATION_LIST, Yes),
        m(
            "findingCounts",
            &ASSESSMENT_RUN_FINDING_COUNTS,
            Required::Since(&REV_2017_05_16),
        ),
    ],
);
pub static ASSESSMENT_RUN_LIST: Shape = response_list("AssessmentRunList", &ASSESSMENT_RUN, 10);
pub static DESCRIBE_ASSESSMENT_RUNS_RESPONSE: Shape = structure(
    "DescribeAssessmentRunsResponse",
    &[
        m("assessmentRuns", &ASSESSMENT_RUN_LIST, Yes),
        m("failedItems", &FAILED_ITEMS, Yes),
    ],
);

// ---- Finding ---------------------------------------------------------------------------------

pub static INSPECTOR_SERVICE_ATTRIBUTES: Shape = structure(
    "InspectorServiceAttributes",
    &[
        m("schemaVersion", &NUMERIC_VERSION, Yes),
        m("assessmentRunArn", &ARN, No),
        m("rulesPackageArn", &ARN, No),
    ],
);
pub static IPV4_ADDRESS_LIST: Shape = list("Ipv4AddressList", &IPV4_ADDRESS, 0, Some(50));
pub static PRIVATE_IP: Shape = structure(
    "PrivateIp",
    &[m("privateDnsName", &TEXT, No), m("privateIpAddress", &TEXT, No)],
);
pub static PRIVATE_IP_ADDRESSES: Shape = list("PrivateIpAddresses", &PRIVATE_IP, 0, None);
pub static IPV6_ADDRESSES: Shape = list("Ipv6Addresses", &TEXT, 0, None);
pub static SECURITY_GROUP: Shape = structure("SecurityGroup", &[m("groupName", &TEXT, No), m("groupId", &TEXT, No)]);
pub static SECURITY_GROUPS: Shape = list("SecurityGroups", &SECURITY_GROUP, 0, None);
pub static NETWORK_INTERFACE: Shape = structure(
    "NetworkInterface",
    &[
        m("networkInterfaceId", &TEXT, No),
        m("subnetId", &TEXT, No),
        m("vpcId", &TEXT, No),
        m("privateDnsName", &TEXT, No),
        m("privateIpAddress", &TEXT, No),
        m("privateIpAddresses", &PRIVATE_IP_ADDRESSES, No),
        m("publicDnsName", &TEXT, No),
        m("publicIp", &TEXT, No),
        m("ipv6Addresses", &IPV6_ADDRESSES, No),
        m("securityGroups", &SECURITY_GROUPS, No),
    ],
);
pub static NETWORK_INTERFACES: Shape = list("NetworkInterfaces", &NETWORK_INTERFACE, 0, None);
pub static ASSET_ATTRIBUTES: Shape = structure(
    "AssetAttributes",
    &[
        m("schemaVersion", &NUMERIC_VERSION, Yes),
        m("agentId", &AGENT_ID, No),
        m("autoScalingGroup", &AUTO_SCALING_GROUP, No),
        m("amiId", &AMI_ID, No),
        m("hostname", &HOSTNAME, No),
        m("ipv4Addresses", &IPV4_ADDRESS_LIST, No),
        m("tags", &TAGS, No),
        m("networkInterfaces", &NETWORK_INTERFACES, No),
    ],
);
pub static FINDING: Shape = structure(
    "Finding",
    &[
        m("arn", &ARN, Yes),
        m("schemaVersion", &NUMERIC_VERSION, No),
        m("service", &SERVICE_NAME, No),
        m("serviceAttributes", &INSPECTOR_SERVICE_ATTRIBUTES, No),
        m("assetType", &ASSET_TYPE, No),
        m("assetAttributes", &ASSET_ATTRIBUTES, No),
        m("id", &FINDING_ID, No),
        m("title", &TEXT, No),
        m("description", &TEXT, No),
        m("recommendation", &TEXT, No),
        m("severity", &SEVERITY, No),
        m("numericSeverity", &NUMERIC_SEVERITY, No),
        m("confidence", &IOC_CONFIDENCE, No),
        m("indicatorOfCompromise", &BOOL, No),
        m("attributes", &ATTRIBUTE_LIST, Yes),
        m("userAttributes", &USER_ATTRIBUTE_LIST, Yes),
        m("createdAt", &TIMESTAMP, Yes),
        m("updatedAt", &TIMESTAMP, Yes),
    ],
);
/// 10 per call until 2017-05-16, 100 since.
pub static FINDING_LIST: Shape = response_list("FindingList", &FINDING, 100);
pub static DESCRIBE_FINDINGS_RESPONSE: Shape = structure(
    "DescribeFindingsResponse",
    &[m("findings", &FINDING_LIST, Yes), m("failedItems", &FAILED_ITEMS, Yes)],
);

// ---- List* -----------------------------------------------------------------------------------

pub static LIST_RETURNED_ARN_LIST: Shape = response_list("ListReturnedArnList", &ARN, 100);
pub static LIST_FINDINGS_RESPONSE: Shape = structure(
    "ListFindingsResponse",
    &[
        m("findingArns", &LIST_RETURNED_ARN_LIST, Yes),
        m("nextToken", &PAGINATION_TOKEN, No),
    ],
);
pub static LIST_ASSESSMENT_RUNS_RESPONSE: Shape = structure(
    "ListAssessmentRunsResponse",
    &[
        m("assessmentRunArns", &LIST_RETURNED_ARN_LIST, Yes),
        m("nextToken", &PAGINATION_TOKEN, No),
    ],
);

// ---- rules packages, templates, targets, resource groups -------------------------------------

pub static RULES_PACKAGE: Shape = structure(
    "RulesPackage",
    &[
        m("arn", &ARN, Yes),
        m("name", &RULES_PACKAGE_NAME, Yes),
        m("version", &VERSION, Yes),
        m("provider", &PROVIDER_NAME, Yes),
        m("description", &TEXT, No),
    ],
);
pub static RULES_PACKAGE_LIST: Shape = response_list("RulesPackageList", &RULES_PACKAGE, 10);
pub static DESCRIBE_RULES_PACKAGES_RESPONSE: Shape = structure(
    "DescribeRulesPackagesResponse",
    &[
        m("rulesPackages", &RULES_PACKAGE_LIST, Yes),
        m("failedItems", &FAILED_ITEMS, Yes),
    ],
);

pub static ASSESSMENT_TEMPLATE_RULES_PACKAGE_ARN_LIST: Shape =
    list("AssessmentTemplateRulesPackageArnList", &ARN, 0, Some(50));
pub static ASSESSMENT_TEMPLATE: Shape = structure(
    "AssessmentTemplate",
    &[
        m("arn", &ARN, Yes),
        m("name", &ASSESSMENT_TEMPLATE_NAME, Yes),
        m("assessmentTargetArn", &ARN, Yes),
        m("durationInSeconds", &ASSESSMENT_RUN_DURATION, Yes),
        m("rulesPackageArns", &ASSESSMENT_TEMPLATE_RULES_PACKAGE_ARN_LIST, Yes),
        m("userAttributesForFindings", &USER_ATTRIBUTE_LIST, Yes),
        m("lastAssessmentRunArn", &ARN, No),
        m("assessmentRunCount", &ARN_COUNT, Required::Since(&REV_2018_01_05)),
        m("createdAt", &TIMESTAMP, Yes),
    ],
);
pub static ASSESSMENT_TEMPLATE_LIST: Shape = response_list("AssessmentTemplateList", &ASSESSMENT_TEMPLATE, 10);
pub static DESCRIBE_ASSESSMENT_TEMPLATES_RESPONSE: Shape = structure(
    "DescribeAssessmentTemplatesResponse",
    &[
        m("assessmentTemplates", &ASSESSMENT_TEMPLATE_LIST, Yes),
        m("failedItems", &FAILED_ITEMS, Yes),
    ],
);

/// `resourceGroupArn` was required until 2018-05-22 and is optional since.
pub static ASSESSMENT_TARGET: Shape = structure(
    "AssessmentTarget",
    &[
        m("arn", &ARN, Yes),
        m("name", &ASSESSMENT_TARGET_NAME, Yes),
        m("resourceGroupArn", &ARN, No),
        m("createdAt", &TIMESTAMP, Yes),
        m("updatedAt", &TIMESTAMP, Yes),
    ],
);
pub static ASSESSMENT_TARGET_LIST: Shape = response_list("AssessmentTargetList", &ASSESSMENT_TARGET, 10);
pub static DESCRIBE_ASSESSMENT_TARGETS_RESPONSE: Shape = structure(
    "DescribeAssessmentTargetsResponse",
    &[
        m("assessmentTargets", &ASSESSMENT_TARGET_LIST, Yes),
        m("failedItems", &FAILED_ITEMS, Yes),
    ],
);

pub static RESOURCE_GROUP_TAG: Shape = structure(
    "ResourceGroupTag",
    &[m("key", &TAG_KEY, Yes), m("value", &TAG_VALUE, No)],
);
pub static RESOURCE_GROUP_TAGS: Shape = list("ResourceGroupTags", &RESOURCE_GROUP_TAG, 1, Some(10));
pub static RESOURCE_GROUP: Shape = structure(
    "ResourceGroup",
    &[
        m("arn", &ARN, Yes),
        m("tags", &RESOURCE_GROUP_TAGS, Yes),
        m("createdAt", &TIMESTAMP, Yes),
    ],
);
pub static RESOURCE_GROUP_LIST: Shape = response_list("ResourceGroupList", &RESOURCE_GROUP, 10);
pub static DESCRIBE_RESOURCE_GROUPS_RESPONSE: Shape = structure(
    "DescribeResourceGroupsResponse",
    &[
        m("resourceGroups", &RESOURCE_GROUP_LIST, Yes),
        m("failedItems", &FAILED_ITEMS, Yes),
    ],
);

// ---- agents and telemetry --------------------------------------------------------------------

pub static TELEMETRY_METADATA: Shape = structure(
    "TelemetryMetadata",
    &[
        m("messageType", &MESSAGE_TYPE, Yes),
        m("count", &LONG, Yes),
        m("dataSize", &LONG, No),
    ],
);
pub static TELEMETRY_METADATA_LIST: Shape = list("TelemetryMetadataList", &TELEMETRY_METADATA, 0, Some(5000));
pub static ASSESSMENT_RUN_AGENT: Shape = structure(
    "AssessmentRunAgent",
    &[
        m("agentId", &AGENT_ID, Yes),
        m("assessmentRunArn", &ARN, Yes),
        m("agentHealth", &AGENT_HEALTH, Yes),
        m("agentHealthCode", &AGENT_HEALTH_CODE, Yes),
        m("agentHealthDetails", &MESSAGE, No),
        m("autoScalingGroup", &AUTO_SCALING_GROUP, No),
        m("telemetryMetadata", &TELEMETRY_METADATA_LIST, Yes),
    ],
);
pub static ASSESSMENT_RUN_AGENT_LIST: Shape = response_list("AssessmentRunAgentList", &ASSESSMENT_RUN_AGENT, 500);
pub static LIST_ASSESSMENT_RUN_AGENTS_RESPONSE: Shape = structure(
    "ListAssessmentRunAgentsResponse",
    &[
        m("assessmentRunAgents", &ASSESSMENT_RUN_AGENT_LIST, Yes),
        m("nextToken", &PAGINATION_TOKEN, No),
    ],
);
pub static GET_TELEMETRY_METADATA_RESPONSE: Shape = structure(
    "GetTelemetryMetadataResponse",
    &[m("telemetryMetadata", &TELEMETRY_METADATA_LIST, Yes)],
);

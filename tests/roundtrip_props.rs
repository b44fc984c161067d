//! Property tests of ingest.
//!
//! * Arbitrary valid findings and assessment runs (every member within the model's lengths,
//!   enums and ranges; optional members absent, null or present; timestamps in every accepted
//!   shape; strings with any Unicode, quotes, backslashes and control characters) are serialised,
//!   read with no issue, hold the generated values, and the typed record's `write()` reads back
//!   to an equal record with no issue (serialise → validate → write → validate).
//! * Arbitrary bytes, arbitrary JSON and damaged valid documents never make `read_file` panic,
//!   and always satisfy: every issue's (and the error's) line:column lies inside the file;
//!   reading in one-record slices equals reading at once; issue counters agree with the list;
//!   after a merge, records read = shown + collapsed + superseded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset};
use inspector_viewer::ingest::{read_file, Context, Dataset, FileJob, LoadedFile, Options, Progress};
use inspector_viewer::model::{AssessmentRun, FieldValue, Finding};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};
use std::rc::Rc;

// ---- strings ---------------------------------------------------------------------------------

/// Any character, with JSON's troublemakers and multi-byte characters over-represented.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => any::<char>(),
        2 => select(vec!['"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{c}', '\u{1f}', '\u{7f}',
                         '\u{2028}', '\u{2029}', '\u{feff}', 'é', 'ß', '中', '😀', '\u{10ffff}']),
    ]
}

/// A string of `min..=max` characters (lengths are in characters, as the model counts them);
/// the longest allowed length is generated now and then, to sit on the boundary.
fn text(min: usize, max: usize) -> BoxedStrategy<String> {
    let short = min..=max.min(min + 24);
    let s = proptest::collection::vec(any_char(), short).prop_map(String::from_iter);
    if max > min + 24 {
        prop_oneof![
            12 => s,
            // Exactly the longest length; built by repeating a short string (a 20 000-element
            // vector strategy would dominate the run time).
            1 => proptest::collection::vec(any_char(), 1..6)
                .prop_map(move |seed| seed.into_iter().cycle().take(max).collect::<String>()),
        ]
        .boxed()
    } else {
        s.boxed()
    }
}

/// An optional member: absent, `null`, or a value.
#[derive(Debug, Clone)]
enum Opt<T> {
    Absent,
    Null,
    Some(T),
}

fn opt<T: std::fmt::Debug + Clone + 'static>(s: impl Strategy<Value = T> + 'static) -> BoxedStrategy<Opt<T>> {
    prop_oneof![1 => Just(Opt::Absent), 1 => Just(Opt::Null), 3 => s.prop_map(Opt::Some)].boxed()
}

impl<T> Opt<T> {
    fn get(&self) -> Option<&T> {
        match self {
            Opt::Some(v) => Some(v),
            _ => None,
        }
    }
}

// ---- timestamps ------------------------------------------------------------------------------

/// A timestamp as some producer writes it, and the instant it denotes.
#[derive(Debug, Clone)]
struct Ts {
    token: String,
    micros: i64,
}

/// Epoch seconds (number or string, 0–6 decimals, negative too), as `-abs` when negative.
fn epoch_ts() -> impl Strategy<Value = Ts> {
    (
        -2_208_988_800_000_000i64..=99_999_999_999_000_000,
        0u32..=6,
        any::<bool>(),
    )
        .prop_map(|(m, d, quoted)| {
            let abs = m.unsigned_abs();
            let unit = 10u64.pow(6 - d);
            let abs = abs - abs % unit;
            let (secs, frac) = (abs / 1_000_000, abs % 1_000_000);
            let sign = if m < 0 && abs > 0 { "-" } else { "" };
            let digits = format!("{frac:06}");
            let body = if d == 0 {
                format!("{sign}{secs}")
            } else {
                format!("{sign}{secs}.{}", &digits[..d as usize])
            };
            let micros = i64::try_from(abs).unwrap() * if sign.is_empty() { 1 } else { -1 };
            Ts {
                token: if quoted { format!("\"{body}\"") } else { body },
                micros,
            }
        })
}

/// ISO 8601: `T`, `t` or space; no fraction, 3 or 6 digits; `Z`, `z`, `±HH:MM` or `±HHMM`.
fn iso_ts() -> impl Strategy<Value = Ts> {
    (
        -30_000_000_000_000_000i64..=220_000_000_000_000_000, // years 1019..8941
        select(vec!['T', 't', ' ']),
        select(vec![0u32, 3, 6]),
        prop_oneof![Just(None), (-48i32..=56).prop_map(|q| Some(q * 15))],
        any::<bool>(),
    )
        .prop_map(|(m, sep, digits, offset_min, colon)| {
            let unit = 10i64.pow(6 - digits);
            let m = m - m.rem_euclid(unit);
            let utc = DateTime::from_timestamp_micros(m).unwrap();
            let frac = match digits {
                0 => String::new(),
                3 => "%.3f".to_owned(),
                _ => "%.6f".to_owned(),
            };
            let token = match offset_min {
                None => {
                    let z = if sep == 't' { "z" } else { "Z" };
                    utc.format(&format!("%Y-%m-%d{sep}%H:%M:%S{frac}{z}")).to_string()
                }
                Some(off) => {
                    let local = utc.with_timezone(&FixedOffset::east_opt(off * 60).unwrap());
                    let z = if colon { "%:z" } else { "%z" };
                    local.format(&format!("%Y-%m-%d{sep}%H:%M:%S{frac}{z}")).to_string()
                }
            };
            Ts {
                token: format!("\"{token}\""),
                micros: m,
            }
        })
}

fn ts() -> BoxedStrategy<Ts> {
    prop_oneof![epoch_ts(), iso_ts()].boxed()
}

// ---- documents with timestamps written verbatim ---------------------------------------------

/// Builds a JSON value whose timestamps are placeholders, then the text with their exact tokens.
#[derive(Debug, Default, Clone)]
struct Doc {
    stamps: Vec<String>,
}

impl Doc {
    fn ts(&mut self, t: &Ts) -> Value {
        self.stamps.push(t.token.clone());
        Value::String(format!("@@{}@@", self.stamps.len() - 1))
    }

    fn text(&self, v: &Value, pretty: bool) -> String {
        let mut s = if pretty {
            serde_json::to_string_pretty(v).unwrap()
        } else {
            serde_json::to_string(v).unwrap()
        };
        for (i, t) in self.stamps.iter().enumerate().rev() {
            s = s.replace(&format!("\"@@{i}@@\""), t);
        }
        s
    }
}

fn put<T: Clone>(m: &mut Map<String, Value>, key: &str, o: &Opt<T>, f: impl Fn(&T) -> Value) {
    match o {
        Opt::Absent => {}
        Opt::Null => {
            m.insert(key.into(), Value::Null);
        }
        Opt::Some(v) => {
            m.insert(key.into(), f(v));
        }
    }
}

// ---- findings --------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Attr {
    key: String,
    value: Opt<String>,
}

fn attr() -> impl Strategy<Value = Attr> {
    (text(1, 128), opt(text(1, 256))).prop_map(|(key, value)| Attr { key, value })
}

fn attr_json(a: &Attr) -> Value {
    let mut m = Map::new();
    m.insert("key".into(), json!(a.key));
    put(&mut m, "value", &a.value, |v| json!(v));
    Value::Object(m)
}

#[derive(Debug, Clone)]
struct NetworkInterface {
    strings: Vec<(&'static str, Opt<String>)>,
    private_ips: Opt<Vec<(Opt<String>, Opt<String>)>>,
    ipv6: Opt<Vec<String>>,
    groups: Opt<Vec<(Opt<String>, Opt<String>)>>,
}

fn network_interface() -> impl Strategy<Value = NetworkInterface> {
    let names = [
        "networkInterfaceId",
        "subnetId",
        "vpcId",
        "privateDnsName",
        "privateIpAddress",
        "publicDnsName",
        "publicIp",
    ];
    let pair = || (opt(text(0, 30)), opt(text(0, 30)));
    (
        proptest::collection::vec(opt(text(0, 30)), 7),
        opt(proptest::collection::vec(pair(), 0..3)),
        opt(proptest::collection::vec(text(0, 40), 0..3)),
        opt(proptest::collection::vec(pair(), 0..3)),
    )
        .prop_map(move |(vals, private_ips, ipv6, groups)| NetworkInterface {
            strings: names.iter().copied().zip(vals).collect(),
            private_ips,
            ipv6,
            groups,
        })
}

fn network_interface_json(n: &NetworkInterface) -> Value {
    let pair = |k1: &str, k2: &str, (a, b): &(Opt<String>, Opt<String>)| {
        let mut m = Map::new();
        put(&mut m, k1, a, |v| json!(v));
        put(&mut m, k2, b, |v| json!(v));
        Value::Object(m)
    };
    let mut m = Map::new();
    for (k, v) in &n.strings[..5] {
        put(&mut m, k, v, |v| json!(v));
    }
    put(&mut m, "privateIpAddresses", &n.private_ips, |v| {
        Value::Array(
            v.iter()
                .map(|p| pair("privateDnsName", "privateIpAddress", p))
                .collect(),
        )
    });
    for (k, v) in &n.strings[5..] {
        put(&mut m, k, v, |v| json!(v));
    }
    put(&mut m, "ipv6Addresses", &n.ipv6, |v| json!(v));
    put(&mut m, "securityGroups", &n.groups, |v| {
        Value::Array(v.iter().map(|p| pair("groupName", "groupId", p)).collect())
    });
    Value::Object(m)
}

#[derive(Debug, Clone)]
struct Asset {
    schema_version: u32,
    agent_id: Opt<String>,
    auto_scaling_group: Opt<String>,
    ami_id: Opt<String>,
    hostname: Opt<String>,
    ipv4: Opt<Vec<String>>,
    tags: Opt<Vec<Attr>>,
    interfaces: Opt<Vec<NetworkInterface>>,
}

fn asset() -> impl Strategy<Value = Asset> {
    (
        0u32..=5,
        opt(text(1, 128)),
        opt(text(1, 256)),
        opt(text(0, 256)),
        opt(text(0, 256)),
        opt(proptest::collection::vec(text(7, 15), 0..4)),
        opt(proptest::collection::vec(attr(), 0..4)),
        opt(proptest::collection::vec(network_interface(), 0..3)),
    )
        .prop_map(
            |(schema_version, agent_id, auto_scaling_group, ami_id, hostname, ipv4, tags, interfaces)| Asset {
                schema_version,
                agent_id,
                auto_scaling_group,
                ami_id,
                hostname,
                ipv4,
                tags,
                interfaces,
            },
        )
}

fn asset_json(a: &Asset) -> Value {
    let mut m = Map::new();
    m.insert("schemaVersion".into(), json!(a.schema_version));
    put(&mut m, "agentId", &a.agent_id, |v| json!(v));
    put(&mut m, "autoScalingGroup", &a.auto_scaling_group, |v| json!(v));
    put(&mut m, "amiId", &a.ami_id, |v| json!(v));
    put(&mut m, "hostname", &a.hostname, |v| json!(v));
    put(&mut m, "ipv4Addresses", &a.ipv4, |v| json!(v));
    put(&mut m, "tags", &a.tags, |v| {
        Value::Array(v.iter().map(attr_json).collect())
    });
    put(&mut m, "networkInterfaces", &a.interfaces, |v| {
        Value::Array(v.iter().map(network_interface_json).collect())
    });
    Value::Object(m)
}

#[derive(Debug, Clone)]
struct GenFinding {
    arn: String,
    schema_version: Opt<i64>,
    service: Opt<String>,
    service_attributes: Opt<(u32, Opt<String>, Opt<String>)>,
    asset_type: Opt<&'static str>,
    asset: Opt<Asset>,
    id: Opt<String>,
    texts: [Opt<String>; 3],
    severity: Opt<&'static str>,
    numeric_severity: Opt<f64>,
    confidence: Opt<i64>,
    ioc: Opt<bool>,
    attributes: Vec<Attr>,
    user_attributes: Vec<Attr>,
    created: Ts,
    updated: Ts,
    /// Member order as written (a permutation of the members present).
    order: Vec<usize>,
}

const SEVERITIES: [&str; 5] = ["Low", "Medium", "High", "Informational", "Undefined"];

fn finding() -> impl Strategy<Value = GenFinding> {
    let head = (
        text(1, 300),
        opt(0i64..=i64::from(i32::MAX)),
        opt(text(0, 128)),
        opt((0u32..=3, opt(text(1, 300)), opt(text(1, 300)))),
        opt(Just("ec2-instance")),
        opt(asset()),
        opt(text(0, 128)),
    );
    let tail = (
        [opt(text(0, 20_000)), opt(text(0, 20_000)), opt(text(0, 20_000))],
        opt(select(SEVERITIES.to_vec())),
        opt(prop_oneof![Just(0.0), Just(10.0), 0.0f64..=10.0]),
        opt(0i64..=10),
        opt(any::<bool>()),
        prop_oneof![4 => proptest::collection::vec(attr(), 0..5), 1 => proptest::collection::vec(attr(), 50..=50)],
        proptest::collection::vec(attr(), 0..=10),
        ts(),
        ts(),
        Just((0..18).collect::<Vec<usize>>()).prop_shuffle(),
    );
    (head, tail).prop_map(
        |(
            (arn, schema_version, service, service_attributes, asset_type, asset, id),
            (texts, severity, numeric_severity, confidence, ioc, attributes, user_attributes, created, updated, order),
        )| GenFinding {
            arn,
            schema_version,
            service,
            service_attributes,
            asset_type,
            asset,
            id,
            texts,
            severity,
            numeric_severity,
            confidence,
            ioc,
            attributes,
            user_attributes,
            created,
            updated,
            order,
        },
    )
}

fn finding_json(f: &GenFinding, doc: &mut Doc) -> Value {
    let mut m = Map::new();
    for &i in &f.order {
        match i {
            0 => {
                m.insert("arn".into(), json!(f.arn));
            }
            1 => put(&mut m, "schemaVersion", &f.schema_version, |v| json!(v)),
            2 => put(&mut m, "service", &f.service, |v| json!(v)),
            3 => put(&mut m, "serviceAttributes", &f.service_attributes, |(v, run, pkg)| {
                let mut s = Map::new();
                s.insert("schemaVersion".into(), json!(v));
                put(&mut s, "assessmentRunArn", run, |v| json!(v));
                put(&mut s, "rulesPackageArn", pkg, |v| json!(v));
                Value::Object(s)
            }),
            4 => put(&mut m, "assetType", &f.asset_type, |v| json!(v)),
            5 => put(&mut m, "assetAttributes", &f.asset, asset_json),
            6 => put(&mut m, "id", &f.id, |v| json!(v)),
            7 => put(&mut m, "title", &f.texts[0], |v| json!(v)),
            8 => put(&mut m, "description", &f.texts[1], |v| json!(v)),
            9 => put(&mut m, "recommendation", &f.texts[2], |v| json!(v)),
            10 => put(&mut m, "severity", &f.severity, |v| json!(v)),
            11 => put(&mut m, "numericSeverity", &f.numeric_severity, |v| json!(v)),
            12 => put(&mut m, "confidence", &f.confidence, |v| json!(v)),
            13 => put(&mut m, "indicatorOfCompromise", &f.ioc, |v| json!(v)),
            14 => {
                m.insert(
                    "attributes".into(),
                    Value::Array(f.attributes.iter().map(attr_json).collect()),
                );
            }
            15 => {
                m.insert(
                    "userAttributes".into(),
                    Value::Array(f.user_attributes.iter().map(attr_json).collect()),
                );
            }
            16 => {
                let v = doc.ts(&f.created);
                m.insert("createdAt".into(), v);
            }
            _ => {
                let v = doc.ts(&f.updated);
                m.insert("updatedAt".into(), v);
            }
        }
    }
    Value::Object(m)
}

// ---- assessment runs -------------------------------------------------------------------------

const STATES: [&str; 13] = [
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
];
const EVENTS: [&str; 5] = [
    "ASSESSMENT_RUN_STARTED",
    "ASSESSMENT_RUN_COMPLETED",
    "ASSESSMENT_RUN_STATE_CHANGED",
    "FINDING_REPORTED",
    "OTHER",
];
const SNS: [&str; 4] = ["SUCCESS", "TOPIC_DOES_NOT_EXIST", "ACCESS_DENIED", "INTERNAL_ERROR"];

#[derive(Debug, Clone)]
struct Notification {
    date: Ts,
    event: &'static str,
    message: Opt<String>,
    error: bool,
    topic: Opt<String>,
    status: Opt<&'static str>,
}

fn notification() -> impl Strategy<Value = Notification> {
    (
        ts(),
        select(EVENTS.to_vec()),
        opt(text(0, 1000)),
        any::<bool>(),
        opt(text(1, 300)),
        opt(select(SNS.to_vec())),
    )
        .prop_map(|(date, event, message, error, topic, status)| Notification {
            date,
            event,
            message,
            error,
            topic,
            status,
        })
}

#[derive(Debug, Clone)]
struct GenRun {
    arn: String,
    name: String,
    template: String,
    state: &'static str,
    duration: i64,
    packages: Vec<String>,
    user_attributes: Vec<Attr>,
    created: Ts,
    started: Opt<Ts>,
    completed: Opt<Ts>,
    changed: Ts,
    data_collected: bool,
    changes: Vec<(Ts, &'static str)>,
    notifications: Vec<Notification>,
    counts: Vec<(&'static str, i32)>,
}

fn run() -> impl Strategy<Value = GenRun> {
    let head = (
        text(1, 300),
        text(1, 140),
        text(1, 300),
        select(STATES.to_vec()),
        prop_oneof![Just(180i64), Just(86_400), 180i64..=86_400],
        proptest::collection::vec(text(1, 300), 1..=4),
        proptest::collection::vec(attr(), 0..=3),
        ts(),
    );
    let tail = (
        opt(ts()),
        opt(ts()),
        ts(),
        any::<bool>(),
        proptest::collection::vec((ts(), select(STATES.to_vec())), 0..=5),
        proptest::collection::vec(notification(), 0..=3),
        proptest::sample::subsequence(SEVERITIES.to_vec(), 0..=5)
            .prop_flat_map(|keys| {
                let n = keys.len();
                (Just(keys), proptest::collection::vec(any::<i32>(), n))
            })
            .prop_map(|(keys, counts)| keys.into_iter().zip(counts).collect::<Vec<_>>()),
    );
    (head, tail).prop_map(
        |(
            (arn, name, template, state, duration, packages, user_attributes, created),
            (started, completed, changed, data_collected, changes, notifications, counts),
        )| GenRun {
            arn,
            name,
            template,
            state,
            duration,
            packages,
            user_attributes,
            created,
            started,
            completed,
            changed,
            data_collected,
            changes,
            notifications,
            counts,
        },
    )
}

fn run_json(r: &GenRun, doc: &mut Doc) -> Value {
    let mut m = Map::new();
    m.insert("arn".into(), json!(r.arn));
    m.insert("name".into(), json!(r.name));
    m.insert("assessmentTemplateArn".into(), json!(r.template));
    m.insert("state".into(), json!(r.state));
    m.insert("durationInSeconds".into(), json!(r.duration));
    m.insert("rulesPackageArns".into(), json!(r.packages));
    m.insert(
        "userAttributesForFindings".into(),
        Value::Array(r.user_attributes.iter().map(attr_json).collect()),
    );
    let v = doc.ts(&r.created);
    m.insert("createdAt".into(), v);
    put(&mut m, "startedAt", &r.started, |_| Value::Null);
    if let Opt::Some(t) = &r.started {
        let v = doc.ts(t);
        m.insert("startedAt".into(), v);
    }
    put(&mut m, "completedAt", &r.completed, |_| Value::Null);
    if let Opt::Some(t) = &r.completed {
        let v = doc.ts(t);
        m.insert("completedAt".into(), v);
    }
    let v = doc.ts(&r.changed);
    m.insert("stateChangedAt".into(), v);
    m.insert("dataCollected".into(), json!(r.data_collected));
    let changes: Vec<Value> = r
        .changes
        .iter()
        .map(|(t, s)| json!({"stateChangedAt": doc.ts(t), "state": s}))
        .collect();
    m.insert("stateChanges".into(), Value::Array(changes));
    let notes: Vec<Value> = r
        .notifications
        .iter()
        .map(|n| {
            let mut o = Map::new();
            o.insert("date".into(), doc.ts(&n.date));
            o.insert("event".into(), json!(n.event));
            put(&mut o, "message", &n.message, |v| json!(v));
            o.insert("error".into(), json!(n.error));
            put(&mut o, "snsTopicArn", &n.topic, |v| json!(v));
            put(&mut o, "snsPublishStatusCode", &n.status, |v| json!(v));
            Value::Object(o)
        })
        .collect();
    m.insert("notifications".into(), Value::Array(notes));
    let counts: Map<String, Value> = r.counts.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
    m.insert("findingCounts".into(), Value::Object(counts));
    Value::Object(m)
}

// ---- reading ---------------------------------------------------------------------------------

fn read(name: &str, text: &str) -> LoadedFile {
    read_file(
        name,
        text.as_bytes().to_vec(),
        &mut Context::default(),
        Options::default(),
    )
}

fn issues_of(f: &LoadedFile) -> String {
    format!("{:?} {:#?}", f.report.error, f.report.issues)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn valid_findings_read_without_issues_and_write_back_equal(f in finding(), pretty in any::<bool>()) {
        let mut doc = Doc::default();
        let v = json!({"findings": [finding_json(&f, &mut doc)], "failedItems": {}});
        let text = doc.text(&v, pretty);
        let file = read("gen.json", &text);
        prop_assert!(file.usable() && file.report.issues.is_empty(), "{}\n{}", text, issues_of(&file));
        prop_assert_eq!(file.records.findings.len(), 1);
        let rec: &Finding = &file.records.findings[0].rec;

        // The generated values, as generated.
        prop_assert_eq!(rec.arn.as_deref(), Some(f.arn.as_str()));
        prop_assert_eq!(rec.created_at.map(|t| t.micros), Some(f.created.micros), "{}", f.created.token);
        prop_assert_eq!(rec.updated_at.map(|t| t.micros), Some(f.updated.micros), "{}", f.updated.token);
        prop_assert_eq!(rec.title.as_deref(), f.texts[0].get().map(String::as_str));
        prop_assert_eq!(rec.description.as_deref(), f.texts[1].get().map(String::as_str));
        prop_assert_eq!(rec.severity.as_deref(), f.severity.get().copied());
        prop_assert_eq!(rec.numeric_severity, f.numeric_severity.get().copied());
        prop_assert_eq!(rec.confidence, f.confidence.get().copied());
        prop_assert_eq!(rec.indicator_of_compromise, f.ioc.get().copied());
        let attrs: Vec<(Option<&str>, Option<&str>)> = rec.attributes.iter().flatten()
            .map(|a| (a.key.as_deref(), a.value.as_deref())).collect();
        let want: Vec<(Option<&str>, Option<&str>)> = f.attributes.iter()
            .map(|a| (Some(a.key.as_str()), a.value.get().map(String::as_str))).collect();
        prop_assert_eq!(attrs, want);
        if let Opt::Some(a) = &f.asset {
            let got = rec.asset_attributes.as_ref().unwrap();
            prop_assert_eq!(got.agent_id.as_deref(), a.agent_id.get().map(String::as_str));
            prop_assert_eq!(got.ipv4_addresses.clone().map(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>()), a.ipv4.get().cloned());
        }
        // Only nulls are left over (kept verbatim, as a file said them).
        prop_assert!(rec.extra.iter().all(|(_, v)| v.to_text() == "null"), "{:?}", rec.extra);

        // write → read: equal, and still valid.
        let written = rec.write().to_text();
        let again = read("again.json", &format!("{{\"findings\":[{written}],\"failedItems\":{{}}}}"));
        prop_assert!(again.usable() && again.report.issues.is_empty(), "{}\n{}", written, issues_of(&again));
        prop_assert_eq!(&*again.records.findings[0].rec, rec);
        // And the written text is JSON that serde reads.
        prop_assert!(serde_json::from_str::<Value>(&written).is_ok(), "{}", written);
    }

    #[test]
    fn valid_runs_read_without_issues_and_write_back_equal(r in run(), pretty in any::<bool>()) {
        let mut doc = Doc::default();
        let v = json!({"assessmentRuns": [run_json(&r, &mut doc)], "failedItems": {}});
        let text = doc.text(&v, pretty);
        let file = read("gen.json", &text);
        prop_assert!(file.usable() && file.report.issues.is_empty(), "{}\n{}", text, issues_of(&file));
        prop_assert_eq!(file.records.runs.len(), 1);
        let rec: &AssessmentRun = &file.records.runs[0].rec;
        prop_assert_eq!(rec.arn.as_deref(), Some(r.arn.as_str()));
        prop_assert_eq!(rec.name.as_deref(), Some(r.name.as_str()));
        prop_assert_eq!(rec.state.as_deref(), Some(r.state));
        prop_assert_eq!(rec.duration_in_seconds, Some(r.duration));
        prop_assert_eq!(rec.created_at.map(|t| t.micros), Some(r.created.micros), "{}", r.created.token);
        prop_assert_eq!(rec.started_at.map(|t| t.micros), r.started.get().map(|t| t.micros));
        prop_assert_eq!(rec.completed_at.map(|t| t.micros), r.completed.get().map(|t| t.micros));
        prop_assert_eq!(rec.state_changed_at.map(|t| t.micros), Some(r.changed.micros));
        let changes: Vec<(Option<i64>, Option<&str>)> = rec.state_changes.iter().flatten()
            .map(|c| (c.state_changed_at.map(|t| t.micros), c.state.as_deref())).collect();
        let want: Vec<(Option<i64>, Option<&str>)> = r.changes.iter().map(|(t, s)| (Some(t.micros), Some(*s))).collect();
        prop_assert_eq!(changes, want);
        let dates: Vec<Option<i64>> = rec.notifications.iter().flatten().map(|n| n.date.map(|t| t.micros)).collect();
        prop_assert_eq!(dates, r.notifications.iter().map(|n| Some(n.date.micros)).collect::<Vec<_>>());
        let counts = rec.finding_counts.as_ref().unwrap();
        prop_assert_eq!(counts.total(), r.counts.iter().map(|(_, n)| i64::from(*n)).sum::<i64>());

        let written = rec.write().to_text();
        let again = read("again.json", &format!("{{\"assessmentRuns\":[{written}],\"failedItems\":{{}}}}"));
        prop_assert!(again.usable() && again.report.issues.is_empty(), "{}\n{}", written, issues_of(&again));
        prop_assert_eq!(&*again.records.runs[0].rec, rec);
    }
}

// ---- robustness --------------------------------------------------------------------------------

/// Readings of the bytes a reader may choose; a position must fit at least one of them.
fn readings(bytes: &[u8]) -> Vec<String> {
    let utf16 = |b: &[u8], le: bool| {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut out = vec![String::from_utf8_lossy(bytes).into_owned()];
    for skip in [0, 2] {
        if bytes.len() > skip {
            out.push(utf16(&bytes[skip..], true));
            out.push(utf16(&bytes[skip..], false));
        }
    }
    out
}

/// Characters per line, for each reading.
fn widths(texts: &[String]) -> Vec<Vec<usize>> {
    texts
        .iter()
        .map(|t| t.split('\n').map(|l| l.chars().count()).collect())
        .collect()
}

fn inside(widths: &[Vec<usize>], line: u32, column: u32) -> bool {
    line >= 1
        && column >= 1
        && widths
            .iter()
            .any(|w| w.get(line as usize - 1).is_some_and(|&n| column as usize <= n + 1))
}

/// The invariants every input must satisfy, whatever it holds.
fn invariants(bytes: &[u8]) -> Result<(), TestCaseError> {
    let options = Options {
        max_issues: 50,
        ..Options::default()
    };
    let whole = read_file("x.json", bytes.to_vec(), &mut Context::default(), options);
    let texts = widths(&readings(bytes));
    if let Some(e) = &whole.report.error {
        prop_assert!(inside(&texts, e.line, e.column), "error outside the file: {:?}", e);
        prop_assert!(!e.message.is_empty());
    }
    for i in &whole.report.issues {
        prop_assert!(inside(&texts, i.line, i.column), "issue outside the file: {:?}", i);
    }
    prop_assert!(whole.report.issues.len() <= 50);
    prop_assert_eq!(
        whole.report.issues.len() + whole.report.issues_not_kept,
        whole.report.counts.values().sum::<usize>()
    );

    let mut job = FileJob::new("x.json", bytes.to_vec(), options);
    let mut cx = Context::default();
    let mut steps = 0;
    while job.step(&mut cx, 1) != Progress::Done {
        steps += 1;
        prop_assert!(steps <= bytes.len() + 2, "no progress");
    }
    prop_assert_eq!(&job.finish(), &whole, "slices differ from one read");

    let mut cx = Context::default();
    let a = Rc::new(read_file("a.json", bytes.to_vec(), &mut cx, options));
    let b = Rc::new(read_file("b.json", bytes.to_vec(), &mut cx, options));
    let d = Dataset::merge(vec![a, b]);
    prop_assert_eq!(d.records_read(), 2 * whole.records.total());
    prop_assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);
    Ok(())
}

/// Member names of the model (and of look-alikes), so arbitrary JSON reaches the validator.
const VOCABULARY: &[&str] = &[
    "findings",
    "failedItems",
    "arn",
    "severity",
    "numericSeverity",
    "confidence",
    "attributes",
    "userAttributes",
    "key",
    "value",
    "createdAt",
    "updatedAt",
    "assetAttributes",
    "schemaVersion",
    "ipv4Addresses",
    "tags",
    "networkInterfaces",
    "assessmentRuns",
    "stateChanges",
    "state",
    "stateChangedAt",
    "notifications",
    "date",
    "findingCounts",
    "durationInSeconds",
    "rulesPackageArns",
    "findingArns",
    "assessmentRunArns",
    "assessmentRunAgents",
    "agentId",
    "agentHealth",
    "telemetryMetadata",
    "messageType",
    "count",
    "nextToken",
    "ResponseMetadata",
    "assessmentTemplates",
    "assessmentTargets",
    "resourceGroups",
    "rulesPackages",
    "provider",
    "version",
    "findingArn",
    "awsAccountId",
    "runArnList",
    "Findings",
    "failureCode",
    "retryable",
];

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e12f64..1e12).prop_map(|x| json!(x)),
        select(vec![
            "High",
            "HIGH",
            "COMPLETED",
            "1458680301.4",
            "2016-03-22T20:58:21Z",
            "",
            "arn:aws:inspector:r:1:target/0-a/template/0-b/run/0-c/finding/0-d"
        ])
        .prop_map(|s| json!(s)),
        text(0, 12).prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        let key = prop_oneof![3 => select(VOCABULARY.to_vec()).prop_map(str::to_owned), 1 => text(0, 8)];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// How to lay a value out as bytes.
fn encode(text: &str, how: u8) -> Vec<u8> {
    match how % 4 {
        0 => text.as_bytes().to_vec(),
        1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        2 => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        _ => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    }
}

/// A damaging edit of a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let token = select(vec![
        b"{".to_vec(),
        b"}".to_vec(),
        b"[".to_vec(),
        b"]".to_vec(),
        b",".to_vec(),
        b":".to_vec(),
        b"\"".to_vec(),
        b"\\".to_vec(),
        b"null".to_vec(),
        b"1e999".to_vec(),
        b"\n".to_vec(),
        b"\xff".to_vec(),
        b"\xef\xbb\xbf".to_vec(),
        b"\"findings\":[".to_vec(),
        b"\xe2\x80".to_vec(),
        b"\x00".to_vec(),
    ]);
    prop_oneof![
        (any::<usize>(), 1usize..20).prop_map(|(a, n)| Edit::Delete(a, n)),
        (
            any::<usize>(),
            prop_oneof![token, proptest::collection::vec(any::<u8>(), 1..4)]
        )
            .prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Replace(a, b)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len();
        match e {
            Edit::Delete(a, k) if n > 0 => {
                let at = a % n;
                bytes.drain(at..(at + k).min(n));
            }
            Edit::Insert(a, b) => {
                let at = a % (n + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Edit::Replace(a, b) if n > 0 => bytes[a % n] = *b,
            Edit::Truncate(a) => bytes.truncate(a % (n + 1)),
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_break_the_reader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        invariants(&bytes)?;
    }

    #[test]
    fn arbitrary_json_never_breaks_the_reader(
        values in proptest::collection::vec(arbitrary_json(), 1..4),
        pretty in any::<bool>(),
        how in any::<u8>(),
    ) {
        // One value, or several as JSON Lines.
        let texts: Vec<String> = values
            .iter()
            .map(|v| if pretty && values.len() == 1 { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) }.unwrap())
            .collect();
        let bytes = encode(&texts.join("\n"), how);
        invariants(&bytes)?;
    }

}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn damaged_valid_documents_never_break_the_reader(
        fs in proptest::collection::vec(finding(), 1..3),
        r in run(),
        edits in proptest::collection::vec(edit(), 1..6),
        layout in 0u8..3,
    ) {
        let mut doc = Doc::default();
        let findings: Vec<Value> = fs.iter().map(|f| finding_json(f, &mut doc)).collect();
        let run = run_json(&r, &mut doc);
        let v = match layout {
            0 => json!({"findings": findings, "failedItems": {}}),
            1 => json!([{"findings": findings, "failedItems": {}}, {"assessmentRuns": [run], "failedItems": {}}]),
            _ => Value::Array(findings),
        };
        let text = doc.text(&v, layout == 1);
        // Undamaged, it is valid with every record.
        let clean = read("clean.json", &text);
        prop_assert!(clean.usable() && clean.report.issues.is_empty(), "{}", issues_of(&clean));
        prop_assert_eq!(clean.records.total(), fs.len() + usize::from(layout == 1));
        invariants(&apply(text.into_bytes(), &edits))?;
    }
}

/// Numeric text as producers (and typos) write it: long digit runs, fractions, exponents, signs.
fn numeric_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        proptest::collection::vec(proptest::char::range('0', '9'), 1..26),
        proptest::option::of(proptest::collection::vec(proptest::char::range('0', '9'), 1..10)),
        proptest::option::of((select(vec!["e", "E", "e+", "e-", "E-"]), 0u32..400)),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            // A JSON number has no leading zeros.
            let int: String = int.into_iter().collect();
            let trimmed = int.trim_start_matches('0');
            s.push_str(if trimmed.is_empty() { "0" } else { trimmed });
            if let Some(f) = frac {
                s.push('.');
                s.extend(f);
            }
            if let Some((e, n)) = exp {
                s.push_str(e);
                s.push_str(&n.to_string());
            }
            s
        })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn any_numeric_timestamp_is_read_within_range_or_rejected(text in numeric_text(), quoted in any::<bool>()) {
        use inspector_viewer::model::Timestamp;
        // Year 9999 is the limit both ways, whatever the digits.
        for (t, _) in [Timestamp::parse_epoch(&text), Timestamp::parse_text(&text)].into_iter().flatten() {
            prop_assert!(t.micros.abs() <= 253_402_300_799_000_000, "{} → {}", text, t.micros);
        }
        // In a document, it is a value or one timestamp issue; never a panic.
        let token = if quoted { format!("\"{text}\"") } else { text.clone() };
        let doc = format!(
            "{{\"findings\":[{{\"arn\":\"a\",\"attributes\":[],\"userAttributes\":[],\"createdAt\":{token},\"updatedAt\":1}}],\"failedItems\":{{}}}}"
        );
        let f = read("t.json", &doc);
        prop_assert!(f.usable());
        prop_assert!(f.report.issues.len() <= 1, "{:?}", f.report.issues);
        let rec = &f.records.findings[0].rec;
        match f.report.issues.first() {
            Some(i) if i.level == inspector_viewer::ingest::Level::Error => prop_assert_eq!(rec.created_at, None),
            _ => prop_assert!(rec.created_at.is_some()),
        }
    }
}

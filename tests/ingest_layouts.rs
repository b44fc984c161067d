//! Every file layout × every encoding × every timestamp shape real exports use, generated from
//! one canonical finding and one canonical assessment run.
//!
//! Each document is built with serde_json; timestamps are written as placeholders and then
//! replaced by their exact text (so `1458680301.4` stays `1458680301.4`, not a re-rendered float).
//! The expected instant of each text is the instant it was rendered from, truncated to the digits
//! the shape carries: the reader must give it back to the microsecond, with zero issues.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset};
use inspector_viewer::ingest::{read_file, Context, Layout, LoadedFile, Options};
use inspector_viewer::model::Timestamp;
use inspector_viewer::schema::DocKind;
use serde_json::{json, Value};

// ---- timestamp shapes ------------------------------------------------------------------------

/// A way a producer writes an instant.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// JSON number of epoch seconds with `d` decimals (0 = integer): CLI v1 / console export.
    EpochNumber(u32),
    /// The same, in a JSON string: botocore's examples.
    EpochString(u32),
    /// `isoformat()`: separator `T` or ` `, 6 fraction digits or none, `±HH:MM` offset (minutes).
    Iso { sep: char, fraction: bool, offset_min: i32 },
    /// `toISOString()`: `…T…` with 3 fraction digits and `Z`.
    IsoZ3,
}

const SHAPES: &[Shape] = &[
    Shape::EpochNumber(0),
    Shape::EpochNumber(1),
    Shape::EpochNumber(2),
    Shape::EpochNumber(3),
    Shape::EpochString(0),
    Shape::EpochString(1),
    Shape::EpochString(3),
    Shape::Iso {
        sep: 'T',
        fraction: true,
        offset_min: 0,
    },
    Shape::Iso {
        sep: 'T',
        fraction: false,
        offset_min: 0,
    },
    Shape::Iso {
        sep: 'T',
        fraction: true,
        offset_min: -7 * 60,
    },
    Shape::Iso {
        sep: 'T',
        fraction: true,
        offset_min: 5 * 60 + 30,
    },
    Shape::Iso {
        sep: 'T',
        fraction: false,
        offset_min: -7 * 60,
    },
    Shape::Iso {
        sep: ' ',
        fraction: true,
        offset_min: 0,
    },
    Shape::Iso {
        sep: ' ',
        fraction: false,
        offset_min: 5 * 60 + 30,
    },
    Shape::IsoZ3,
];

impl Shape {
    /// The exact JSON token (number, or quoted string) for `micros`.
    fn render(self, micros: i64) -> String {
        let secs = micros.div_euclid(1_000_000);
        let frac = micros.rem_euclid(1_000_000);
        let epoch = |d: u32| {
            if d == 0 {
                secs.to_string()
            } else {
                let digits = format!("{frac:06}");
                format!("{secs}.{}", &digits[..d as usize])
            }
        };
        let utc = DateTime::from_timestamp_micros(micros).unwrap();
        match self {
            Shape::EpochNumber(d) => epoch(d),
            Shape::EpochString(d) => format!("\"{}\"", epoch(d)),
            Shape::Iso {
                sep,
                fraction,
                offset_min,
            } => {
                let local = utc.with_timezone(&FixedOffset::east_opt(offset_min * 60).unwrap());
                let pattern = if fraction {
                    format!("%Y-%m-%d{sep}%H:%M:%S%.6f%:z")
                } else {
                    format!("%Y-%m-%d{sep}%H:%M:%S%:z")
                };
                format!("\"{}\"", local.format(&pattern))
            }
            Shape::IsoZ3 => format!("\"{}\"", utc.format("%Y-%m-%dT%H:%M:%S%.3fZ")),
        }
    }

    /// The instant the text carries: `micros` cut to the shape's precision.
    fn expected(self, micros: i64) -> i64 {
        let unit = match self {
            Shape::EpochNumber(d) | Shape::EpochString(d) => 10i64.pow(6 - d),
            Shape::Iso { fraction: true, .. } => 1,
            Shape::Iso { fraction: false, .. } => 1_000_000,
            Shape::IsoZ3 => 1_000,
        };
        micros - micros.rem_euclid(unit)
    }
}

// ---- canonical records -----------------------------------------------------------------------

/// 2016-03-22T20:58:21.423456Z: the doc examples' instant, with every sub-second digit non-zero.
const BASE: i64 = 1_458_680_301_423_456;
/// Distinct instants per member, so a mix-up of members is caught.
const CREATED: i64 = BASE;
const UPDATED: i64 = BASE + 86_400_000_000 + 123_457;
const STARTED: i64 = BASE + 1_789_012;
const COMPLETED: i64 = BASE + 3_600_000_000 + 987_654;
const CHANGE: [i64; 3] = [BASE + 11_001, BASE + 1_234_567, BASE + 3_600_000_000 + 987_654];
const NOTIFIED: i64 = BASE + 2_000_000_321;

fn placeholder(micros: i64) -> Value {
    Value::String(format!("@@{micros}@@"))
}

fn finding_arn(i: usize) -> String {
    format!("arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p/run/0-r/finding/0-{i:04}")
}

fn run_arn(i: usize) -> String {
    format!("arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p/run/0-{i:04}")
}

fn finding(i: usize) -> Value {
    json!({
        "arn": finding_arn(i),
        "schemaVersion": 1,
        "service": "Inspector",
        "serviceAttributes": {
            "schemaVersion": 1,
            "assessmentRunArn": run_arn(0),
            "rulesPackageArn": "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-9hgA516p"
        },
        "assetType": "ec2-instance",
        "assetAttributes": {
            "schemaVersion": 1,
            "agentId": "i-0123456789abcdef0",
            "hostname": "ip-10-0-0-1.ec2.internal",
            "ipv4Addresses": ["10.0.0.1"],
            "tags": [{"key": "Name", "value": "web, «café» \"1\""}],
            "networkInterfaces": []
        },
        "id": "CVE-2016-0800",
        "title": "Instance is vulnerable to CVE-2016-0800 ✓",
        "description": "line one\nline two\ttabbed",
        "recommendation": "Update the package.",
        "severity": "High",
        "numericSeverity": 9.0,
        "confidence": 10,
        "indicatorOfCompromise": false,
        "attributes": [{"key": "CVE_ID", "value": "CVE-2016-0800"}],
        "userAttributes": [],
        "createdAt": placeholder(CREATED),
        "updatedAt": placeholder(UPDATED)
    })
}

fn run(i: usize) -> Value {
    json!({
        "arn": run_arn(i),
        "name": format!("Run {i} for template"),
        "assessmentTemplateArn": "arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p",
        "state": "COMPLETED",
        "durationInSeconds": 3600,
        "rulesPackageArns": ["arn:aws:inspector:us-west-2:758058086616:rulespackage/0-9hgA516p"],
        "userAttributesForFindings": [],
        "createdAt": placeholder(CREATED),
        "startedAt": placeholder(STARTED),
        "completedAt": placeholder(COMPLETED),
        "stateChangedAt": placeholder(COMPLETED),
        "dataCollected": true,
        "stateChanges": [
            {"stateChangedAt": placeholder(CHANGE[0]), "state": "CREATED"},
            {"stateChangedAt": placeholder(CHANGE[1]), "state": "COLLECTING_DATA"},
            {"stateChangedAt": placeholder(CHANGE[2]), "state": "COMPLETED"}
        ],
        "notifications": [{
            "date": placeholder(NOTIFIED),
            "event": "ASSESSMENT_RUN_COMPLETED",
            "error": false,
            "snsTopicArn": "arn:aws:sns:us-west-2:123456789012:inspector",
            "snsPublishStatusCode": "SUCCESS"
        }],
        "findingCounts": {"High": 14, "Medium": 2, "Low": 0, "Informational": 0, "Undefined": 0}
    })
}

fn response_metadata() -> Value {
    json!({
        "RequestId": "0a9c3c1b-5c6d-4f3e-9d7c-2b6a1f8e4d21",
        "HTTPStatusCode": 200,
        "HTTPHeaders": {
            "x-amzn-requestid": "0a9c3c1b-5c6d-4f3e-9d7c-2b6a1f8e4d21",
            "content-type": "application/x-amz-json-1.1",
            "content-length": "2345",
            "date": "Tue, 22 Mar 2016 20:58:21 GMT"
        },
        "RetryAttempts": 0
    })
}

// ---- layouts and encodings -------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Build {
    Response,
    ResponseArray,
    BareArray,
    JsonLinesResponses,
    JsonLinesRecords,
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
}

const RECORDS: usize = 3;

#[derive(Debug, Clone, Copy)]
struct Kind {
    doc: DocKind,
    member: &'static str,
    make: fn(usize) -> Value,
}

const FINDINGS: Kind = Kind {
    doc: DocKind::DescribeFindings,
    member: "findings",
    make: finding,
};
const RUNS: Kind = Kind {
    doc: DocKind::DescribeAssessmentRuns,
    member: "assessmentRuns",
    make: run,
};

/// A response object; `meta_first` puts boto3's `ResponseMetadata` before the records.
fn response(kind: Kind, records: Vec<Value>, meta: Option<bool>) -> Value {
    let mut m = serde_json::Map::new();
    if meta == Some(true) {
        m.insert("ResponseMetadata".into(), response_metadata());
    }
    m.insert(kind.member.into(), Value::Array(records));
    m.insert("failedItems".into(), json!({}));
    if meta == Some(false) {
        m.insert("ResponseMetadata".into(), response_metadata());
    }
    Value::Object(m)
}

/// The document text and each record's expected JSON path.
fn document(kind: Kind, build: Build, meta: Option<bool>) -> (String, Vec<String>) {
    let recs: Vec<Value> = (0..RECORDS).map(kind.make).collect();
    let member = kind.member;
    match build {
        Build::Response => (
            serde_json::to_string_pretty(&response(kind, recs, meta)).unwrap(),
            (0..RECORDS).map(|i| format!("{member}[{i}]")).collect(),
        ),
        Build::ResponseArray => {
            // Two pages: records 0..2, then the rest.
            let mut it = recs.into_iter();
            let first: Vec<Value> = it.by_ref().take(2).collect();
            let rest: Vec<Value> = it.collect();
            let doc = Value::Array(vec![response(kind, first, meta), response(kind, rest, meta)]);
            let paths = (0..RECORDS)
                .map(|i| {
                    if i < 2 {
                        format!("[0].{member}[{i}]")
                    } else {
                        format!("[1].{member}[{}]", i - 2)
                    }
                })
                .collect();
            (serde_json::to_string_pretty(&doc).unwrap(), paths)
        }
        Build::BareArray => (
            serde_json::to_string_pretty(&Value::Array(recs)).unwrap(),
            (0..RECORDS).map(|i| format!("[{i}]")).collect(),
        ),
        Build::JsonLinesResponses => {
            let lines: Vec<String> = recs
                .into_iter()
                .map(|r| serde_json::to_string(&response(kind, vec![r], meta)).unwrap())
                .collect();
            (
                lines.join("\n") + "\n",
                (0..RECORDS).map(|i| format!("[{i}].{member}[0]")).collect(),
            )
        }
        Build::JsonLinesRecords => {
            let lines: Vec<String> = recs.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
            (
                lines.join("\n") + "\n",
                (0..RECORDS).map(|i| format!("[{i}]")).collect(),
            )
        }
    }
}

fn fill(template: &str, shape: Shape) -> String {
    let mut text = template.to_owned();
    for m in [
        CREATED, UPDATED, STARTED, COMPLETED, CHANGE[0], CHANGE[1], CHANGE[2], NOTIFIED,
    ] {
        text = text.replace(&format!("\"@@{m}@@\""), &shape.render(m));
    }
    assert!(!text.contains("@@"), "unfilled placeholder");
    text
}

fn encode(text: &str, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Utf16LeBom => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
    }
}

fn encoding_label(enc: Encoding) -> &'static str {
    match enc {
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf8Bom => "UTF-8 with BOM",
        Encoding::Utf16LeBom => "UTF-16LE",
    }
}

fn layout_of(build: Build) -> Layout {
    match build {
        Build::Response => Layout::Response,
        Build::ResponseArray => Layout::ResponseArray,
        Build::BareArray => Layout::BareArray,
        Build::JsonLinesResponses | Build::JsonLinesRecords => Layout::JsonLines,
    }
}

fn micros(t: Option<Timestamp>) -> Option<i64> {
    t.map(|t| t.micros)
}

/// Every check for one generated file; returns what went wrong (empty = fine).
fn check(kind: Kind, build: Build, meta: Option<bool>, enc: Encoding, shape: Shape) -> Vec<String> {
    let (template, paths) = document(kind, build, meta);
    let text = fill(&template, shape);
    // The generated text is valid JSON (per line for JSON Lines): the matrix tests the reader,
    // not the generator.
    if matches!(build, Build::JsonLinesRecords | Build::JsonLinesResponses) {
        for line in text.lines() {
            serde_json::from_str::<Value>(line).unwrap();
        }
    } else {
        serde_json::from_str::<Value>(&text).unwrap();
    }
    let f: LoadedFile = read_file(
        "gen.json",
        encode(&text, enc),
        &mut Context::default(),
        Options::default(),
    );
    let mut bad = Vec::new();
    let mut expect = |what: &str, ok: bool, detail: String| {
        if !ok {
            bad.push(format!("{what}: {detail}"));
        }
    };
    expect("usable", f.usable(), format!("{:?}", f.report.error));
    expect(
        "no issues",
        f.report.issues.is_empty() && f.report.counts.is_empty(),
        format!("{:?}", f.report.issues),
    );
    expect(
        "encoding",
        f.report.encoding == encoding_label(enc),
        f.report.encoding.to_owned(),
    );
    expect(
        "layout",
        f.report.layout == layout_of(build),
        format!("{:?}", f.report.layout),
    );
    expect(
        "kind",
        f.report.detected == Some(kind.doc),
        format!("{:?}", f.report.detected),
    );
    expect("label", f.kind_label() == kind.doc.name(), f.kind_label().to_owned());
    expect(
        "records",
        f.records.count(kind.doc) == RECORDS && f.records.total() == RECORDS,
        format!("{}", f.records.total()),
    );
    expect(
        "ResponseMetadata noticed",
        f.report.response_metadata == meta.is_some(),
        format!("{}", f.report.response_metadata),
    );
    let e = |m: i64| Some(shape.expected(m));
    if kind.doc == DocKind::DescribeFindings {
        let got_paths: Vec<String> = f.records.findings.iter().map(|l| l.path.to_string()).collect();
        expect("paths", got_paths == paths, format!("{got_paths:?}"));
        for (i, l) in f.records.findings.iter().enumerate() {
            let r = &l.rec;
            expect(
                "arn",
                r.arn.as_deref() == Some(&*finding_arn(i)),
                format!("{:?}", r.arn),
            );
            expect(
                "createdAt",
                micros(r.created_at) == e(CREATED),
                format!("{:?}", r.created_at),
            );
            expect(
                "updatedAt",
                micros(r.updated_at) == e(UPDATED),
                format!("{:?}", r.updated_at),
            );
            expect("no member left over", r.extra.is_empty(), format!("{:?}", r.extra));
        }
    } else {
        let got_paths: Vec<String> = f.records.runs.iter().map(|l| l.path.to_string()).collect();
        expect("paths", got_paths == paths, format!("{got_paths:?}"));
        for (i, l) in f.records.runs.iter().enumerate() {
            let r = &l.rec;
            expect("arn", r.arn.as_deref() == Some(&*run_arn(i)), format!("{:?}", r.arn));
            expect(
                "createdAt",
                micros(r.created_at) == e(CREATED),
                format!("{:?}", r.created_at),
            );
            expect(
                "startedAt",
                micros(r.started_at) == e(STARTED),
                format!("{:?}", r.started_at),
            );
            expect(
                "completedAt",
                micros(r.completed_at) == e(COMPLETED),
                format!("{:?}", r.completed_at),
            );
            expect(
                "stateChangedAt",
                micros(r.state_changed_at) == e(COMPLETED),
                format!("{:?}", r.state_changed_at),
            );
            let changes: Vec<Option<i64>> = r
                .state_changes
                .iter()
                .flatten()
                .map(|c| micros(c.state_changed_at))
                .collect();
            let want: Vec<Option<i64>> = CHANGE.iter().map(|m| e(*m)).collect();
            expect("stateChanges", changes == want, format!("{changes:?}"));
            let dates: Vec<Option<i64>> = r.notifications.iter().flatten().map(|n| micros(n.date)).collect();
            expect("notification date", dates == [e(NOTIFIED)], format!("{dates:?}"));
            expect("no member left over", r.extra.is_empty(), format!("{:?}", r.extra));
        }
    }
    bad.into_iter()
        .map(|b| format!("{:?} {build:?} meta={meta:?} {enc:?} {shape:?}: {b}", kind.doc))
        .collect()
}

fn matrix(kind: Kind) {
    let mut failures = Vec::new();
    let mut cases = 0;
    for build in [
        Build::Response,
        Build::ResponseArray,
        Build::BareArray,
        Build::JsonLinesResponses,
        Build::JsonLinesRecords,
    ] {
        let metas: &[Option<bool>] = match build {
            Build::BareArray | Build::JsonLinesRecords => &[None],
            _ => &[None, Some(true), Some(false)],
        };
        for &meta in metas {
            for enc in [Encoding::Utf8, Encoding::Utf8Bom, Encoding::Utf16LeBom] {
                for &shape in SHAPES {
                    cases += 1;
                    failures.extend(check(kind, build, meta, enc, shape));
                }
            }
        }
    }
    assert_eq!(cases, (3 * 3 + 2) * 3 * SHAPES.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn findings_in_every_layout_encoding_and_timestamp_shape() {
    matrix(FINDINGS);
}

#[test]
fn runs_in_every_layout_encoding_and_timestamp_shape() {
    matrix(RUNS);
}

#[test]
fn rendered_shapes_are_the_ones_real_exports_use() {
    // The generator itself, pinned to the worked example of the reference notes
    // (wire 1458680301.4 = 2016-03-22T20:58:21.400Z), so the matrix cannot drift.
    let m = 1_458_680_301_400_000;
    let texts: Vec<String> = SHAPES.iter().map(|s| s.render(m)).collect();
    assert_eq!(
        texts,
        [
            "1458680301",
            "1458680301.4",
            "1458680301.40",
            "1458680301.400",
            "\"1458680301\"",
            "\"1458680301.4\"",
            "\"1458680301.400\"",
            "\"2016-03-22T20:58:21.400000+00:00\"",
            "\"2016-03-22T20:58:21+00:00\"",
            "\"2016-03-22T13:58:21.400000-07:00\"",
            "\"2016-03-23T02:28:21.400000+05:30\"",
            "\"2016-03-22T13:58:21-07:00\"",
            "\"2016-03-22 20:58:21.400000+00:00\"",
            "\"2016-03-23 02:28:21+05:30\"",
            "\"2016-03-22T20:58:21.400Z\"",
        ]
    );
}

#[test]
fn a_single_record_object_is_read_as_one_record() {
    for &shape in SHAPES {
        let text = fill(&serde_json::to_string_pretty(&finding(7)).unwrap(), shape);
        let f = read_file(
            "one.json",
            text.into_bytes(),
            &mut Context::default(),
            Options::default(),
        );
        assert!(
            f.usable() && f.report.issues.is_empty(),
            "{shape:?}: {:?}",
            f.report.issues
        );
        assert_eq!(f.report.layout, Layout::SingleRecord);
        assert_eq!(f.records.findings.len(), 1);
        assert_eq!(&*f.records.findings[0].path, "");
        assert_eq!(
            micros(f.records.findings[0].rec.updated_at),
            Some(shape.expected(UPDATED))
        );
    }
}

#[test]
fn json_lines_with_crlf_and_blank_lines() {
    let lines: Vec<String> = (0..RECORDS)
        .map(|i| fill(&serde_json::to_string(&finding(i)).unwrap(), Shape::IsoZ3))
        .collect();
    let text = format!("{}\r\n\r\n{}\r\n{}\r\n", lines[0], lines[1], lines[2]);
    let f = read_file(
        "crlf.jsonl",
        text.into_bytes(),
        &mut Context::default(),
        Options::default(),
    );
    assert!(f.usable(), "{:?}", f.report.error);
    assert!(f.report.issues.is_empty(), "{:?}", f.report.issues);
    assert_eq!(f.report.layout, Layout::JsonLines);
    assert_eq!(f.records.findings.len(), RECORDS);
    let lines_of: Vec<u32> = f.records.findings.iter().map(|l| l.line).collect();
    assert_eq!(lines_of, [1, 3, 4]);
}

#[test]
fn positions_do_not_depend_on_the_encoding_or_a_bom() {
    // An issue on line 1 and a syntax error on line 2: a BOM is not a character of line 1.
    let text = "{\"findings\": [{\"arn\": \"\", \"attributes\": [], \"userAttributes\": [], \"createdAt\": 1, \"updatedAt\": 1}],\n \"failedItems\": {}, }";
    let issue_at = (1, 23); // the `""` after `"arn": ` (counted by hand)
    let error_at = (2, 21); // the `}` after the trailing comma
    let variants: [(&str, Vec<u8>); 5] = [
        ("UTF-8", text.as_bytes().to_vec()),
        ("UTF-8 with BOM", [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()),
        ("UTF-16LE", encode(text, Encoding::Utf16LeBom)),
        ("UTF-16LE", text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        ("UTF-16BE", text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
    ];
    for (label, bytes) in variants {
        let f = read_file("pos.json", bytes, &mut Context::default(), Options::default());
        assert_eq!(f.report.encoding, label);
        assert_eq!(f.report.issues.len(), 1, "{label}: {:?}", f.report.issues);
        assert_eq!(f.report.issues[0].path, "findings[0].arn");
        assert_eq!(
            (f.report.issues[0].line, f.report.issues[0].column),
            issue_at,
            "{label}"
        );
        assert_eq!(
            (f.records.findings[0].line, f.records.findings[0].column),
            (1, 15),
            "{label}"
        );
        let e = f.report.error.as_ref().unwrap();
        assert_eq!((e.line, e.column), error_at, "{label}: {}", e.message);
    }
    // Invalid UTF-8 after a BOM: the column is counted after the BOM too; the byte offset is the file's.
    let bad = [&[0xEF, 0xBB, 0xBF][..], b"{\"a\": \xff}"].concat();
    let f = read_file("bad.json", bad, &mut Context::default(), Options::default());
    let e = f.report.error.as_ref().unwrap();
    assert_eq!((e.line, e.column), (1, 7));
    assert!(e.message.contains("at byte 9"), "{}", e.message);
}

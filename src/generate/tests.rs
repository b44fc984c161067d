#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The whole file is test code (`#[cfg(test)] mod tests;` in generate/mod.rs).
#[cfg(test)]
use super::catalog::REGIONS;
use super::time::format_timestamp;
use super::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

// ------------------------------------------------------------------------------------------
// helpers

static DIRS: AtomicUsize = AtomicUsize::new(0);

struct TempDir(PathBuf);
impl TempDir {
    fn new(tag: &str) -> TempDir {
        let n = DIRS.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("inspgen-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn cfg() -> GenConfig {
    GenConfig::default()
        .with_findings(900)
        .with_runs(6)
        .with_seed(42)
        .with_instances(14)
}

/// A smaller estate for the combinatorial tests (debug builds parse slowly).
fn small() -> GenConfig {
    cfg().with_findings(240).with_instances(8)
}

fn bytes(ds: &Dataset, layout: Layout, fmt: Format) -> Vec<u8> {
    let mut v = Vec::new();
    ds.write_findings(&mut v, layout, fmt).unwrap();
    v
}

fn parse(b: &[u8]) -> Value {
    serde_json::from_slice(b).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}",
            String::from_utf8_lossy(&b[..b.len().min(300)])
        )
    })
}

fn all_findings(ds: &Dataset, fmt: Format) -> Vec<Value> {
    let v = parse(&bytes(ds, Layout::Bare, fmt));
    v.as_array().unwrap().clone()
}

fn meta(ds: &Dataset, fmt: Format) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let mut w = |name: &'static str, f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<u64>| {
        let mut b = Vec::new();
        f(&mut b).unwrap();
        out.push((name, parse(&b)));
    };
    w("DescribeAssessmentRuns", &|b| ds.write_describe_assessment_runs(b, fmt));
    w("DescribeAssessmentTemplates", &|b| {
        ds.write_describe_assessment_templates(b, fmt)
    });
    w("DescribeAssessmentTargets", &|b| {
        ds.write_describe_assessment_targets(b, fmt)
    });
    w("DescribeResourceGroups", &|b| ds.write_describe_resource_groups(b, fmt));
    w("DescribeRulesPackages", &|b| ds.write_describe_rules_packages(b, fmt));
    w("ListAssessmentRuns", &|b| ds.write_list_assessment_runs(b, fmt));
    for r in 0..ds.run_count() {
        w("ListAssessmentRunAgents", &|b| {
            ds.write_list_assessment_run_agents(b, r, fmt)
        });
        w("ListFindings", &|b| ds.write_list_findings(b, r, fmt));
        w("DescribeFindings", &|b| ds.write_describe_findings(b, r, 0..100, fmt));
    }
    out
}

const TS_KEYS: &[&str] = &[
    "createdAt",
    "updatedAt",
    "startedAt",
    "completedAt",
    "stateChangedAt",
    "date",
];

fn walk<'a>(v: &'a Value, f: &mut dyn FnMut(&str, &'a Value)) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                f(k, x);
                walk(x, f);
            }
        }
        Value::Array(a) => {
            for x in a {
                walk(x, f);
            }
        }
        _ => {}
    }
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("missing string {k} in {v}"))
}

fn attr<'a>(f: &'a Value, key: &str) -> Option<&'a str> {
    f["attributes"]
        .as_array()?
        .iter()
        .find(|a| a["key"] == key)
        .and_then(|a| a["value"].as_str())
}

fn package_of(arn: &str) -> RulesPackage {
    for r in REGIONS {
        for p in RulesPackage::ALL {
            if r.arn(p).as_deref() == Some(arn) {
                return p;
            }
        }
    }
    panic!("not a published rules package ARN: {arn}")
}

/// (id, instance, package, port): the identity a compare-runs view would use.
type IssueKey = (String, String, RulesPackage, String);

fn issue_key(f: &Value) -> IssueKey {
    (
        s(f, "id").to_string(),
        s(&f["assetAttributes"], "agentId").to_string(),
        package_of(s(&f["serviceAttributes"], "rulesPackageArn")),
        attr(f, "PORT").unwrap_or("").to_string(),
    )
}

/// Epoch ms of a timestamp value in any generated style (independent parser via chrono).
fn instant(v: &Value) -> i64 {
    match v {
        Value::Number(n) => (n.as_f64().unwrap() * 1000.0).round() as i64,
        Value::String(t) => {
            if let Ok(x) = t.parse::<f64>() {
                return (x * 1000.0).round() as i64;
            }
            let iso = t.replacen(' ', "T", 1).replace('Z', "+00:00");
            chrono::DateTime::parse_from_rfc3339(&iso)
                .unwrap_or_else(|e| panic!("{t}: {e}"))
                .timestamp_millis()
        }
        other => panic!("not a timestamp: {other}"),
    }
}

// ------------------------------------------------------------------------------------------
// timestamps

#[test]
fn timestamp_worked_values() {
    let ms = 1_458_680_301_400; // the AWS doc example's 1458680301.4
    assert_eq!(format_timestamp(ms, TimestampStyle::CliV1, 0), "1458680301.4");
    assert_eq!(
        format_timestamp(ms, TimestampStyle::CliV2, 0),
        "2016-03-22T20:58:21.400000+00:00"
    );
    assert_eq!(
        format_timestamp(ms, TimestampStyle::Boto3Str, 0),
        "2016-03-22 20:58:21.400000+00:00"
    );
    assert_eq!(format_timestamp(ms, TimestampStyle::JsZ, 0), "2016-03-22T20:58:21.400Z");
    assert_eq!(format_timestamp(ms, TimestampStyle::EpochString, 0), "1458680301.4");
    assert_eq!(
        format_timestamp(ms, TimestampStyle::CliV2, 120),
        "2016-03-22T22:58:21.400000+02:00"
    );
    assert_eq!(
        format_timestamp(ms, TimestampStyle::Boto3Str, -300),
        "2016-03-22 15:58:21.400000-05:00"
    );
    assert_eq!(
        format_timestamp(ms, TimestampStyle::CliV2, 330),
        "2016-03-23T02:28:21.400000+05:30"
    );
    assert_eq!(
        format_timestamp(ms, TimestampStyle::JsZ, 330),
        "2016-03-22T20:58:21.400Z",
        "JS is always UTC"
    );
    // whole seconds: fraction dropped in isoformat, `.0` in repr, `.000` in toISOString
    let whole = 1_458_680_170_000;
    assert_eq!(
        format_timestamp(whole, TimestampStyle::CliV2, 0),
        "2016-03-22T20:56:10+00:00"
    );
    assert_eq!(
        format_timestamp(whole, TimestampStyle::Boto3Str, -420),
        "2016-03-22 13:56:10-07:00"
    );
    assert_eq!(format_timestamp(whole, TimestampStyle::CliV1, 0), "1458680170.0");
    assert_eq!(
        format_timestamp(whole, TimestampStyle::JsZ, 0),
        "2016-03-22T20:56:10.000Z"
    );
    assert_eq!(
        format_timestamp(1_458_680_170_035, TimestampStyle::CliV1, 0),
        "1458680170.035"
    );
    assert_eq!(
        format_timestamp(1_458_680_301_370, TimestampStyle::EpochString, 0),
        "1458680301.37"
    );
    // day/month/year rollover with a negative offset
    assert_eq!(
        format_timestamp(epoch_ms_utc(2019, 1, 1, 0, 30, 0), TimestampStyle::CliV2, -60),
        "2018-12-31T23:30:00-01:00"
    );
    assert_eq!(epoch_ms_utc(2016, 3, 22, 20, 58, 21) + 400, ms);
}

#[test]
fn timestamps_agree_with_chrono_and_ryu() {
    use chrono::{FixedOffset, TimeZone};
    let mut x = 0x1234_5678_9abc_def0u64;
    for i in 0..20_000 {
        x = super::rng::mix64(x);
        let ms = 946_684_800_000 + (x % 1_600_000_000_000) as i64; // 2000 … 2050
        let ms = if i % 7 == 0 { ms - ms % 1000 } else { ms };
        let off = [0, 60, 120, -240, -300, 330, 345, -570][i % 8];
        let tz = FixedOffset::east_opt(off * 60).unwrap();
        let dt = tz.timestamp_millis_opt(ms).unwrap();
        let frac = if ms % 1000 == 0 {
            String::new()
        } else {
            format!(".{:06}", (ms % 1000) * 1000)
        };
        let expect = format!("{}{frac}{}", dt.format("%Y-%m-%dT%H:%M:%S"), dt.format("%:z"));
        assert_eq!(format_timestamp(ms, TimestampStyle::CliV2, off), expect);
        assert_eq!(
            format_timestamp(ms, TimestampStyle::Boto3Str, off),
            expect.replacen('T', " ", 1)
        );
        let z = chrono::Utc
            .timestamp_millis_opt(ms)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string();
        assert_eq!(format_timestamp(ms, TimestampStyle::JsZ, off), z);
        // CLI v1 numbers go through serde_json (ryu); must equal Python repr text.
        let ryu = serde_json::to_string(&(ms as f64 / 1000.0)).unwrap();
        assert_eq!(format_timestamp(ms, TimestampStyle::CliV1, 0), ryu, "ms = {ms}");
    }
}

fn shape_ok(style: TimestampStyle, off: i32, v: &Value) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let epoch = |t: &str| match t.split_once('.') {
        Some((a, b)) => {
            a.len() == 10 && digits(a) && (1..=3).contains(&b.len()) && digits(b) && (b == "0" || !b.ends_with('0'))
        }
        None => false,
    };
    let date_time = |t: &str, sep: u8| {
        let b = t.as_bytes();
        b.len() >= 19
            && digits(&t[0..4])
            && b[4] == b'-'
            && digits(&t[5..7])
            && b[7] == b'-'
            && digits(&t[8..10])
            && b[10] == sep
            && digits(&t[11..13])
            && b[13] == b':'
            && digits(&t[14..16])
            && b[16] == b':'
            && digits(&t[17..19])
    };
    match (style, v) {
        (TimestampStyle::CliV1, Value::Number(n)) => epoch(&n.to_string()),
        (TimestampStyle::EpochString, Value::String(t)) => epoch(t),
        (TimestampStyle::JsZ, Value::String(t)) => {
            t.len() == 24 && date_time(t, b'T') && &t[19..20] == "." && digits(&t[20..23]) && t.ends_with('Z')
        }
        (TimestampStyle::CliV2 | TimestampStyle::Boto3Str, Value::String(t)) => {
            let sep = if style == TimestampStyle::CliV2 { b'T' } else { b' ' };
            let a = off.unsigned_abs();
            let suffix = format!("{}{:02}:{:02}", if off < 0 { '-' } else { '+' }, a / 60, a % 60);
            let rest = &t[19.min(t.len())..];
            date_time(t, sep)
                && t.ends_with(&suffix)
                && match rest.len() {
                    6 => true,
                    13 => rest.starts_with('.') && digits(&rest[1..7]) && &rest[1..7] != "000000",
                    _ => false,
                }
        }
        _ => false,
    }
}

#[test]
fn every_timestamp_has_its_style_shape() {
    let ds = small().build().unwrap();
    for style in TimestampStyle::ALL {
        for off in [0, -240, 330] {
            let fmt = Format::new(style).with_offset(off).with_pretty(off == 0);
            let mut docs: Vec<Value> = meta(&ds, fmt).into_iter().map(|(_, v)| v).collect();
            docs.push(parse(&bytes(&ds, Layout::Single, fmt)));
            let mut n = 0;
            for d in &docs {
                walk(d, &mut |k, v| {
                    if TS_KEYS.contains(&k) {
                        n += 1;
                        assert!(shape_ok(style, off, v), "{style:?} {off}: bad {k} = {v}");
                    }
                });
            }
            assert!(n > 500, "only {n} timestamps checked");
        }
    }
}

#[test]
fn styles_encode_the_same_instants() {
    let ds = cfg().build().unwrap();
    let base: Vec<i64> = all_findings(&ds, Format::new(TimestampStyle::CliV1))
        .iter()
        .flat_map(|f| [instant(&f["createdAt"]), instant(&f["updatedAt"])])
        .collect();
    for style in [
        TimestampStyle::CliV2,
        TimestampStyle::Boto3Str,
        TimestampStyle::JsZ,
        TimestampStyle::EpochString,
    ] {
        let other: Vec<i64> = all_findings(&ds, Format::new(style).with_offset(-300))
            .iter()
            .flat_map(|f| [instant(&f["createdAt"]), instant(&f["updatedAt"])])
            .collect();
        assert_eq!(base, other, "{style:?}");
    }
    // timestamps fall inside the run's evaluation window, in order
    let runs = meta(&ds, Format::default()).remove(0).1;
    let by_arn: HashMap<&str, &Value> = runs["assessmentRuns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (s(r, "arn"), r))
        .collect();
    for f in all_findings(&ds, Format::default()) {
        let r = by_arn[s(&f["serviceAttributes"], "assessmentRunArn")];
        let c = instant(&f["createdAt"]);
        assert!(c >= instant(&r["startedAt"]) && c <= instant(&r["completedAt"]));
        assert!(instant(&f["updatedAt"]) >= c);
    }
}

// ------------------------------------------------------------------------------------------
// determinism, layouts, JSON text

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = small().build().unwrap();
    let b = small().build().unwrap();
    let c = small().with_seed(43).build().unwrap();
    for layout in [
        Layout::Single,
        Layout::Bare,
        Layout::JsonLines,
        Layout::Responses { per_response: 40 },
    ] {
        for style in TimestampStyle::ALL {
            let fmt = Format::new(style).with_offset(90);
            let x = bytes(&a, layout, fmt);
            assert_eq!(x, bytes(&b, layout, fmt), "{layout:?} {style:?}");
            assert_ne!(x, bytes(&c, layout, fmt), "{layout:?} {style:?}");
        }
    }
    let fmt = Format::default();
    let mut m1 = Vec::new();
    let mut m2 = Vec::new();
    a.write_describe_assessment_runs(&mut m1, fmt).unwrap();
    b.write_describe_assessment_runs(&mut m2, fmt).unwrap();
    assert_eq!(m1, m2);
    // split files too
    let (d1, d2) = (TempDir::new("det1"), TempDir::new("det2"));
    let f1 = a.write_findings_to(&d1.0, Layout::Split { per_file: 64 }, fmt).unwrap();
    let f2 = b.write_findings_to(&d2.0, Layout::Split { per_file: 64 }, fmt).unwrap();
    assert_eq!(f1.len(), f2.len());
    for (x, y) in f1.iter().zip(&f2) {
        assert_eq!(x.path.file_name(), y.path.file_name());
        assert_eq!(std::fs::read(&x.path).unwrap(), std::fs::read(&y.path).unwrap());
    }
}

#[test]
fn counts_per_layout() {
    let ds = cfg().build().unwrap();
    let total = ds.total_findings();
    assert_eq!(total, 900);
    let fmt = Format::default();
    let runs = ds.runs();
    let arn_of = |f: &Value| s(&f["serviceAttributes"], "assessmentRunArn").to_string();

    let single = parse(&bytes(&ds, Layout::Single, fmt));
    assert_eq!(single["findings"].as_array().unwrap().len() as u64, total);
    assert_eq!(single["failedItems"], serde_json::json!({}));

    let bare = parse(&bytes(&ds, Layout::Bare, fmt.with_pretty(false)));
    assert_eq!(bare.as_array().unwrap().len() as u64, total);
    assert_eq!(bare, single["findings"], "bare == single's findings");

    let jl = bytes(&ds, Layout::JsonLines, fmt);
    let lines: Vec<&[u8]> = jl.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len() as u64, total);
    assert!(!jl.windows(2).any(|w| w == b"\n\n"));
    for (l, f) in lines.iter().zip(bare.as_array().unwrap()) {
        assert_eq!(&parse(l), f);
    }

    let per = 37;
    let resp = parse(&bytes(&ds, Layout::Responses { per_response: per }, fmt));
    let resp = resp.as_array().unwrap();
    let expect: u64 = runs.iter().map(|r| r.findings.div_ceil(per as u64)).sum();
    assert_eq!(resp.len() as u64, expect);
    let mut sum = 0;
    for r in resp {
        let fs = r["findings"].as_array().unwrap();
        assert!(!fs.is_empty() && fs.len() <= per);
        let arns: HashSet<String> = fs.iter().map(arn_of).collect();
        assert_eq!(arns.len(), 1, "a response mixes runs");
        sum += fs.len() as u64;
    }
    assert_eq!(sum, total);

    let dir = TempDir::new("split");
    let files = ds
        .write_findings_to(&dir.0, Layout::Split { per_file: 100 }, fmt)
        .unwrap();
    assert_eq!(
        files.len() as u64,
        runs.iter().map(|r| r.findings.div_ceil(100)).sum::<u64>()
    );
    let on_disk = std::fs::read_dir(&dir.0).unwrap().count();
    assert_eq!(on_disk, files.len());
    let mut seen = Vec::new();
    for f in &files {
        let b = std::fs::read(&f.path).unwrap();
        assert_eq!(b.len() as u64, f.bytes);
        let v = parse(&b);
        let fs = v["findings"].as_array().unwrap();
        assert_eq!(fs.len() as u64, f.records);
        assert!(fs.len() <= 100);
        seen.extend(fs.iter().cloned());
    }
    assert_eq!(
        Value::Array(seen),
        single["findings"],
        "split files concatenate to the single layout"
    );

    assert!(ds
        .write_findings(&mut Vec::new(), Layout::Split { per_file: 10 }, fmt)
        .is_err());
}

#[test]
fn random_access_slices_equal_the_stream() {
    let ds = cfg().build().unwrap();
    let fmt = Format::new(TimestampStyle::CliV2).with_offset(60);
    let all = all_findings(&ds, fmt);
    let mut offset = 0usize;
    for (ri, r) in ds.runs().iter().enumerate() {
        if r.findings >= 30 {
            let mut b = Vec::new();
            assert_eq!(ds.write_describe_findings(&mut b, ri, 10..30, fmt).unwrap(), 20);
            let v = parse(&b);
            assert_eq!(v["findings"].as_array().unwrap()[..], all[offset + 10..offset + 30]);
        }
        offset += r.findings as usize;
    }
}

#[test]
fn formatter_matches_python_indent4_and_compact() {
    let v: Value = serde_json::json!({
        "a": [], "b": {}, "c": [1, 2.5, {"d": "é\"\\/\n", "e": [[]], "f": null}],
        "g": {"h": true, "i": [{"j": {}}]}, "k": 1458680301.4
    });
    let mut pretty = Vec::new();
    super::json::write_value(&mut pretty, &v, 0, true).unwrap();
    let mut reference = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut reference, serde_json::ser::PrettyFormatter::with_indent(b"    "));
    serde::Serialize::serialize(&v, &mut ser).unwrap();
    assert_eq!(
        String::from_utf8(pretty).unwrap(),
        String::from_utf8(reference).unwrap()
    );
    let mut compact = Vec::new();
    super::json::write_value(&mut compact, &v, 3, false).unwrap();
    assert_eq!(String::from_utf8(compact).unwrap(), serde_json::to_string(&v).unwrap());

    // embedded at depth: the Responses layout re-indents records correctly
    let ds = GenConfig::default().with_findings(30).with_runs(1).build().unwrap();
    let text = String::from_utf8(bytes(&ds, Layout::Responses { per_response: 100 }, Format::default())).unwrap();
    assert!(text.starts_with(
        "[\n    {\n        \"findings\": [\n            {\n                \"arn\": \"arn:aws:inspector:"
    ));
    assert!(text.ends_with("\n        ],\n        \"failedItems\": {}\n    }\n]\n"));
    assert!(
        !text.contains('\t') && !text.contains(" \n"),
        "no tabs or trailing spaces"
    );
}

#[test]
fn every_output_parses() {
    // (the bundled samples are parsed file by file in bundled_samples_are_in_sync_and_modest)
    let small = small().with_findings(120).build().unwrap();
    for ds in [&small] {
        for style in TimestampStyle::ALL {
            for pretty in [true, false] {
                let fmt = Format::new(style).with_pretty(pretty).with_offset(-180);
                let docs = meta(ds, fmt);
                assert!(docs.len() >= 6 + 3 * ds.run_count());
                for layout in [
                    Layout::Single,
                    Layout::Bare,
                    Layout::JsonLines,
                    Layout::Responses { per_response: 100 },
                ] {
                    let b = bytes(ds, layout, fmt);
                    if layout == Layout::JsonLines {
                        for l in b.split(|&c| c == b'\n').filter(|l| !l.is_empty()) {
                            parse(l);
                        }
                    } else {
                        parse(&b);
                    }
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// consistency with the model

#[test]
fn finding_counts_equal_the_findings() {
    for ds in [
        cfg().build().unwrap(),
        sample_dataset().unwrap(),
        cfg().with_runs(9).with_findings(700).build().unwrap(),
    ] {
        let fmt = Format::default();
        let runs = meta(&ds, fmt).remove(0).1;
        let runs = runs["assessmentRuns"].as_array().unwrap().clone();
        let mut counted: HashMap<String, BTreeMap<String, u64>> = HashMap::new();
        for f in all_findings(&ds, fmt) {
            *counted
                .entry(s(&f["serviceAttributes"], "assessmentRunArn").to_string())
                .or_default()
                .entry(s(&f, "severity").to_string())
                .or_default() += 1;
        }
        let mut states = HashSet::new();
        for r in &runs {
            let arn = s(r, "arn");
            let fc = r["findingCounts"].as_object().unwrap();
            assert_eq!(
                fc.keys().map(String::as_str).collect::<Vec<_>>(),
                ["High", "Informational", "Low", "Medium", "Undefined"]
            );
            let got = counted.remove(arn).unwrap_or_default();
            for (sev, n) in fc {
                assert_eq!(got.get(sev).copied().unwrap_or(0), n.as_u64().unwrap(), "{arn} {sev}");
            }
            let state = s(r, "state");
            states.insert(state.to_string());
            let total: u64 = fc.values().map(|n| n.as_u64().unwrap()).sum();
            match state {
                "FAILED" | "CANCELED" => {
                    assert_eq!(total, 0);
                    assert_eq!(r["dataCollected"], false);
                }
                _ => assert_eq!(r["dataCollected"], true),
            }
            let changes = r["stateChanges"].as_array().unwrap();
            assert_eq!(changes.first().map(|c| s(c, "state")), Some("CREATED"));
            assert_eq!(changes.last().map(|c| s(c, "state")), Some(state));
            assert_eq!(changes.last().map(|c| &c["stateChangedAt"]), Some(&r["stateChangedAt"]));
            let times: Vec<i64> = changes.iter().map(|c| instant(&c["stateChangedAt"])).collect();
            assert!(times.windows(2).all(|w| w[0] < w[1]), "state changes not increasing");
        }
        assert!(counted.is_empty(), "findings of unknown runs");
        assert!(states.contains("COMPLETED"));
        if ds.run_count() >= 4 {
            assert!(
                states.contains("COMPLETED_WITH_ERRORS") && states.contains("FAILED"),
                "{states:?}"
            );
        }
        for info in ds.runs() {
            assert_eq!(info.finding_counts.iter().sum::<u64>(), info.findings);
        }
    }
}

const REQUIRED: &[(&str, &[&str])] = &[
    (
        "Finding",
        &["arn", "attributes", "userAttributes", "createdAt", "updatedAt"],
    ),
    ("AssetAttributes", &["schemaVersion"]),
    ("InspectorServiceAttributes", &["schemaVersion"]),
    ("Attribute", &["key"]),
    ("Tag", &["key"]),
    (
        "AssessmentRun",
        &[
            "arn",
            "name",
            "assessmentTemplateArn",
            "state",
            "durationInSeconds",
            "rulesPackageArns",
            "userAttributesForFindings",
            "createdAt",
            "stateChangedAt",
            "dataCollected",
            "stateChanges",
            "notifications",
            "findingCounts",
        ],
    ),
    ("AssessmentRunStateChange", &["stateChangedAt", "state"]),
    ("AssessmentRunNotification", &["date", "event", "error"]),
    (
        "AssessmentTemplate",
        &[
            "arn",
            "name",
            "assessmentTargetArn",
            "durationInSeconds",
            "rulesPackageArns",
            "userAttributesForFindings",
            "assessmentRunCount",
            "createdAt",
        ],
    ),
    ("AssessmentTarget", &["arn", "name", "createdAt", "updatedAt"]),
    ("ResourceGroup", &["arn", "tags", "createdAt"]),
    ("ResourceGroupTag", &["key"]),
    ("RulesPackage", &["arn", "name", "version", "provider"]),
    (
        "AssessmentRunAgent",
        &[
            "agentId",
            "assessmentRunArn",
            "agentHealth",
            "agentHealthCode",
            "telemetryMetadata",
        ],
    ),
    ("TelemetryMetadata", &["messageType", "count"]),
    ("DescribeFindingsResponse", &["findings", "failedItems"]),
    ("DescribeAssessmentRunsResponse", &["assessmentRuns", "failedItems"]),
    (
        "DescribeAssessmentTemplatesResponse",
        &["assessmentTemplates", "failedItems"],
    ),
    (
        "DescribeAssessmentTargetsResponse",
        &["assessmentTargets", "failedItems"],
    ),
    ("DescribeResourceGroupsResponse", &["resourceGroups", "failedItems"]),
    ("DescribeRulesPackagesResponse", &["rulesPackages", "failedItems"]),
    ("ListAssessmentRunsResponse", &["assessmentRunArns"]),
    ("ListFindingsResponse", &["findingArns"]),
    ("ListAssessmentRunAgentsResponse", &["assessmentRunAgents"]),
];

fn required(shape: &str) -> &'static [&'static str] {
    REQUIRED.iter().find(|(n, _)| *n == shape).map(|(_, r)| *r).unwrap()
}

fn need(shape: &str, v: &Value, checked: &mut HashMap<String, u64>) {
    let obj = v.as_object().unwrap_or_else(|| panic!("{shape} is not an object: {v}"));
    for m in required(shape) {
        assert!(obj.contains_key(*m), "{shape} lacks required {m}: {v}");
    }
    *checked.entry(shape.to_string()).or_default() += 1;
}

fn len_in(v: &Value, lo: usize, hi: usize, what: &str) {
    let t = v.as_str().unwrap_or_else(|| panic!("{what} not a string"));
    let n = t.chars().count();
    assert!(n >= lo && n <= hi, "{what} length {n} outside {lo}..{hi}: {t}");
}

fn items<'a>(v: &'a Value, lo: usize, hi: usize, what: &str) -> &'a Vec<Value> {
    let a = v.as_array().unwrap_or_else(|| panic!("{what} not a list"));
    assert!(
        a.len() >= lo && a.len() <= hi,
        "{what} has {} items, outside {lo}..{hi}",
        a.len()
    );
    a
}

fn check_attr_list(v: &Value, hi: usize, what: &str, checked: &mut HashMap<String, u64>) {
    for a in items(v, 0, hi, what) {
        need("Attribute", a, checked);
        len_in(&a["key"], 1, 128, "Attribute.key");
        len_in(&a["value"], 1, 256, "Attribute.value");
    }
}

fn check_finding(f: &Value, checked: &mut HashMap<String, u64>) {
    need("Finding", f, checked);
    len_in(&f["arn"], 1, 300, "Finding.arn");
    assert_eq!(f["schemaVersion"], 1);
    assert_eq!(f["service"], "Inspector");
    need("InspectorServiceAttributes", &f["serviceAttributes"], checked);
    len_in(&f["serviceAttributes"]["assessmentRunArn"], 1, 300, "assessmentRunArn");
    len_in(&f["serviceAttributes"]["rulesPackageArn"], 1, 300, "rulesPackageArn");
    assert_eq!(f["assetType"], "ec2-instance");
    let aa = &f["assetAttributes"];
    need("AssetAttributes", aa, checked);
    len_in(&aa["agentId"], 1, 128, "agentId");
    len_in(&aa["amiId"], 0, 256, "amiId");
    len_in(&aa["hostname"], 0, 256, "hostname");
    if let Some(g) = aa.get("autoScalingGroup") {
        len_in(g, 1, 256, "autoScalingGroup");
    }
    for ip in items(&aa["ipv4Addresses"], 0, 50, "ipv4Addresses") {
        len_in(ip, 7, 15, "Ipv4Address");
    }
    for t in aa["tags"].as_array().unwrap() {
        need("Tag", t, checked);
        len_in(&t["key"], 1, 128, "Tag.key");
        len_in(&t["value"], 1, 256, "Tag.value");
    }
    for n in aa["networkInterfaces"].as_array().unwrap() {
        for k in [
            "networkInterfaceId",
            "subnetId",
            "vpcId",
            "privateDnsName",
            "privateIpAddress",
        ] {
            len_in(&n[k], 1, 20000, k);
        }
    }
    len_in(&f["id"], 1, 128, "Finding.id");
    for k in ["title", "description", "recommendation"] {
        len_in(&f[k], 1, 20000, k);
    }
    let sev = s(f, "severity");
    let num = f["numericSeverity"].as_f64().unwrap();
    let expect = match sev {
        "High" => 9.0,
        "Medium" => 6.0,
        "Low" => 3.0,
        "Informational" => 0.0,
        other => panic!("severity {other} not generated"),
    };
    assert_eq!(num, expect, "{sev} ↔ numericSeverity");
    assert!(f["numericSeverity"].is_f64(), "numericSeverity is a double");
    assert_eq!(f["confidence"], 10);
    assert_eq!(f["indicatorOfCompromise"], false);
    check_attr_list(&f["attributes"], 50, "attributes", checked);
    check_attr_list(&f["userAttributes"], 10, "userAttributes", checked);
}

#[test]
fn required_members_and_constraints() {
    const STATES: &[&str] = &[
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
    const EVENTS: &[&str] = &[
        "ASSESSMENT_RUN_STARTED",
        "ASSESSMENT_RUN_COMPLETED",
        "ASSESSMENT_RUN_STATE_CHANGED",
        "FINDING_REPORTED",
        "OTHER",
    ];
    const SNS: &[&str] = &["SUCCESS", "TOPIC_DOES_NOT_EXIST", "ACCESS_DENIED", "INTERNAL_ERROR"];
    const HEALTH: &[&str] = &["HEALTHY", "UNHEALTHY", "UNKNOWN"];
    const CODES: &[&str] = &["IDLE", "RUNNING", "SHUTDOWN", "UNHEALTHY", "THROTTLED", "UNKNOWN"];
    let mut checked: HashMap<String, u64> = HashMap::new();
    for ds in [cfg().with_runs(9).build().unwrap(), sample_dataset().unwrap()] {
        let fmt = Format::default();
        for f in all_findings(&ds, fmt) {
            check_finding(&f, &mut checked);
        }
        for (op, doc) in meta(&ds, fmt) {
            need(&format!("{op}Response"), &doc, &mut checked);
            match op {
                "DescribeAssessmentRuns" => {
                    for r in items(&doc["assessmentRuns"], 1, 1000, "assessmentRuns") {
                        need("AssessmentRun", r, &mut checked);
                        len_in(&r["arn"], 1, 300, "run arn");
                        len_in(&r["name"], 1, 140, "run name");
                        assert!(STATES.contains(&s(r, "state")));
                        let d = r["durationInSeconds"].as_u64().unwrap();
                        assert!((180..=86400).contains(&d));
                        for a in items(&r["rulesPackageArns"], 1, 50, "rulesPackageArns") {
                            len_in(a, 1, 300, "rulesPackageArn");
                        }
                        check_attr_list(
                            &r["userAttributesForFindings"],
                            10,
                            "userAttributesForFindings",
                            &mut checked,
                        );
                        for c in items(&r["stateChanges"], 0, 50, "stateChanges") {
                            need("AssessmentRunStateChange", c, &mut checked);
                            assert!(STATES.contains(&s(c, "state")));
                        }
                        for n in items(&r["notifications"], 0, 50, "notifications") {
                            need("AssessmentRunNotification", n, &mut checked);
                            assert!(EVENTS.contains(&s(n, "event")));
                            assert!(n["error"].is_boolean());
                            assert!(SNS.contains(&s(n, "snsPublishStatusCode")));
                            len_in(&n["snsTopicArn"], 1, 300, "snsTopicArn");
                        }
                    }
                }
                "DescribeAssessmentTemplates" => {
                    for t in items(&doc["assessmentTemplates"], 1, 1000, "templates") {
                        need("AssessmentTemplate", t, &mut checked);
                        len_in(&t["name"], 1, 140, "template name");
                        items(&t["rulesPackageArns"], 0, 50, "template rulesPackageArns");
                        let count = t["assessmentRunCount"].as_u64().unwrap();
                        assert_eq!(t.get("lastAssessmentRunArn").is_some(), count > 0);
                    }
                }
                "DescribeAssessmentTargets" => {
                    for t in items(&doc["assessmentTargets"], 1, 1000, "targets") {
                        need("AssessmentTarget", t, &mut checked);
                        len_in(&t["name"], 1, 140, "target name");
                    }
                }
                "DescribeResourceGroups" => {
                    for g in items(&doc["resourceGroups"], 1, 10, "resourceGroups") {
                        need("ResourceGroup", g, &mut checked);
                        for t in items(&g["tags"], 1, 10, "ResourceGroupTags") {
                            need("ResourceGroupTag", t, &mut checked);
                            len_in(&t["key"], 1, 128, "tag key");
                            len_in(&t["value"], 1, 256, "tag value");
                        }
                    }
                }
                "DescribeRulesPackages" => {
                    for p in items(&doc["rulesPackages"], 1, 10, "rulesPackages") {
                        need("RulesPackage", p, &mut checked);
                        package_of(s(p, "arn"));
                    }
                }
                "ListAssessmentRunAgents" => {
                    for a in items(&doc["assessmentRunAgents"], 0, 500, "agents") {
                        need("AssessmentRunAgent", a, &mut checked);
                        len_in(&a["agentId"], 1, 128, "agentId");
                        assert!(HEALTH.contains(&s(a, "agentHealth")));
                        assert!(CODES.contains(&s(a, "agentHealthCode")));
                        if let Some(d) = a.get("agentHealthDetails") {
                            len_in(d, 0, 1000, "agentHealthDetails");
                        }
                        let tm = items(&a["telemetryMetadata"], 0, 5000, "telemetryMetadata");
                        for t in tm {
                            need("TelemetryMetadata", t, &mut checked);
                            len_in(&t["messageType"], 1, 300, "messageType");
                        }
                        if let Some(total) = tm.iter().find(|t| t["messageType"] == "Total") {
                            let sum: u64 = tm
                                .iter()
                                .filter(|t| t["messageType"] != "Total")
                                .map(|t| t["count"].as_u64().unwrap())
                                .sum();
                            assert_eq!(total["count"].as_u64().unwrap(), sum);
                        }
                    }
                }
                "DescribeFindings" => {
                    for f in items(&doc["findings"], 0, 100, "findings") {
                        check_finding(f, &mut checked);
                    }
                }
                "ListFindings" | "ListAssessmentRuns" => {}
                other => panic!("unchecked {other}"),
            }
        }
    }
    for (shape, _) in REQUIRED {
        assert!(checked.get(*shape).copied().unwrap_or(0) > 0, "no {shape} was checked");
    }
}

fn is_id62(t: &str) -> bool {
    t.len() == 10 && t.starts_with("0-") && t[2..].bytes().all(|b| b.is_ascii_alphanumeric())
}

#[test]
fn arns_and_ids_have_the_documented_shapes() {
    let ds = cfg()
        .with_accounts(&["111122223333", "444455556666"])
        .with_templates(4)
        .build()
        .unwrap();
    let mut finding_arns = HashSet::new();
    let mut accounts = HashSet::new();
    for f in all_findings(&ds, Format::default()) {
        let arn = s(&f, "arn");
        let parts: Vec<&str> = arn.split(':').collect();
        assert_eq!(&parts[..4], ["arn", "aws", "inspector", "us-east-1"]);
        assert!(parts[4].len() == 12 && parts[4].bytes().all(|b| b.is_ascii_digit()));
        accounts.insert(parts[4].to_string());
        let path: Vec<&str> = parts[5].split('/').collect();
        assert_eq!(path.len(), 8, "{arn}");
        assert_eq!(
            [path[0], path[2], path[4], path[6]],
            ["target", "template", "run", "finding"]
        );
        assert!([path[1], path[3], path[5], path[7]].iter().all(|x| is_id62(x)), "{arn}");
        assert_eq!(
            format!("{}/finding/{}", s(&f["serviceAttributes"], "assessmentRunArn"), path[7]),
            arn
        );
        let pkg = s(&f["serviceAttributes"], "rulesPackageArn");
        assert!(pkg.starts_with("arn:aws:inspector:us-east-1:316112463485:rulespackage/0-"));
        package_of(pkg);
        assert!(finding_arns.insert(arn.to_string()), "duplicate finding ARN {arn}");
        let agent = s(&f["assetAttributes"], "agentId");
        let hex = agent.strip_prefix("i-").unwrap();
        assert!(
            (hex.len() == 17 || hex.len() == 8)
                && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_eq!(attr(&f, "INSTANCE_ID"), Some(agent));
        let host = s(&f["assetAttributes"], "hostname");
        assert!(
            host.ends_with(".ec2.internal") || host.ends_with(".compute-1.amazonaws.com"),
            "{host}"
        );
    }
    assert_eq!(accounts.len(), 2);
    // ListFindings lists exactly the ARNs of DescribeFindings
    let mut listed = HashSet::new();
    for r in 0..ds.run_count() {
        let mut b = Vec::new();
        ds.write_list_findings(&mut b, r, Format::default()).unwrap();
        for a in parse(&b)["findingArns"].as_array().unwrap() {
            listed.insert(a.as_str().unwrap().to_string());
        }
    }
    assert_eq!(listed, finding_arns);
}

#[test]
fn package_specific_shapes() {
    let ds = sample_dataset().unwrap();
    let mut per_pkg: HashMap<RulesPackage, u64> = HashMap::new();
    for f in all_findings(&ds, Format::default()) {
        let p = package_of(s(&f["serviceAttributes"], "rulesPackageArn"));
        *per_pkg.entry(p).or_default() += 1;
        let title = s(&f, "title");
        let id = s(&f, "id");
        match p {
            RulesPackage::Cve if id == "Unsupported Operating System or Version" => {
                assert_eq!(s(&f, "severity"), "Informational");
            }
            RulesPackage::Cve => {
                assert!(id.starts_with("CVE-") && id[4..8].bytes().all(|b| b.is_ascii_digit()));
                assert!(title.starts_with("Instance ") && title.ends_with(&format!(" is vulnerable to {id}")));
                assert_eq!(attr(&f, "CVE_ID"), Some(id));
                assert!(attr(&f, "CVSS2_SCORE").unwrap().parse::<f64>().is_ok());
                assert!(attr(&f, "package_name").is_some());
                assert!(s(&f, "recommendation")
                    .starts_with("Use your Operating System's update feature to update package "));
            }
            RulesPackage::Cis => {
                let rule = attr(&f, "BENCHMARK_RULE_ID").unwrap();
                assert!(
                    title.contains(&format!(" is not compliant with rule {rule} ")),
                    "{title}"
                );
                assert!(attr(&f, "BENCHMARK_ID").unwrap().starts_with("CIS Benchmark for "));
                assert!(attr(&f, "CIS_BENCHMARK_PROFILE").unwrap().starts_with("Level "));
            }
            RulesPackage::Sbp => {
                let documented = [
                    ("Disable root login over SSH", "Medium"),
                    ("Support SSH version 2 only", "Medium"),
                    ("Disable password authentication over SSH", "Medium"),
                    ("Configure password maximum age", "Medium"),
                    ("Configure password minimum length", "Medium"),
                    ("Configure password complexity", "Medium"),
                    ("Enable ASLR", "Medium"),
                    ("Enable DEP", "Medium"),
                    ("Configure permissions for system directories", "High"),
                ];
                assert!(documented.iter().any(|(n, _)| *n == id), "{id}");
                assert!(title.starts_with("Instance "));
            }
            RulesPackage::Rba => {
                let documented = [
                    "Non-Secure Client Protocols (Login)",
                    "Non-Secure Client Protocols (General)",
                    "Unused Listening TCP Ports",
                    "Non-Secure Server Protocols",
                    "Software Without DEP",
                    "Root Process with Non-Secure Permissions",
                ];
                assert!(documented.contains(&id), "{id}");
                if id == "Unused Listening TCP Ports" {
                    assert!(
                        title.contains(" was listening on TCP port(s) ")
                            && title
                                .ends_with(" but no connections to these port(s) were seen during the assessment run.")
                    );
                }
            }
            RulesPackage::Nr => {
                let rt = attr(&f, "RULE_TYPE").unwrap();
                assert!([
                    "RecognizedPortNoAgent",
                    "RecognizedPortWithListener",
                    "RecognizedPortNoListener",
                    "UnrecognizedPortWithListener",
                    "NetworkExposure"
                ]
                .contains(&rt));
                assert!(["Internet", "PeeredVPC"].contains(&attr(&f, "REACHABILITY_TYPE").unwrap()));
                let inst = s(&f["assetAttributes"], "agentId");
                assert!(title.starts_with(&format!("On instance {inst}, ")), "{title}");
                if rt == "NetworkExposure" {
                    assert!(attr(&f, "TCP_PORTS").unwrap().starts_with("[["));
                    assert_eq!(s(&f, "severity"), "Informational");
                } else {
                    for k in ["PROTOCOL", "PORT", "VPC", "ENI", "ACL", "SECURITY_GROUP"] {
                        assert!(attr(&f, k).is_some(), "{k} missing");
                    }
                    let port = attr(&f, "PORT").unwrap();
                    assert!(title.contains(&format!(" port {port} ")));
                    if rt == "RecognizedPortNoAgent" && attr(&f, "REACHABILITY_TYPE") == Some("Internet") {
                        let g = attr(&f, "PORT_GROUP_NAME").unwrap();
                        assert_eq!(title, format!("On instance {inst}, TCP port {port} which is associated with '{g}' is reachable from the internet"));
                        assert!(attr(&f, "IGW").is_some());
                    }
                }
            }
        }
    }
    for p in RulesPackage::ALL {
        assert!(
            per_pkg.get(&p).copied().unwrap_or(0) >= 20,
            "too few {p:?}: {per_pkg:?}"
        );
    }
}

#[test]
fn later_runs_refind_most_issues() {
    let ds = cfg()
        .with_runs(9)
        .with_findings(2400)
        .with_mixed_states(false)
        .build()
        .unwrap();
    let fmt = Format::default();
    let runs = ds.runs();
    let mut by_run: HashMap<String, HashMap<IssueKey, String>> = HashMap::new();
    for f in all_findings(&ds, fmt) {
        let prev = by_run
            .entry(s(&f["serviceAttributes"], "assessmentRunArn").to_string())
            .or_default()
            .insert(issue_key(&f), s(&f, "severity").to_string());
        assert!(prev.is_none(), "same issue twice in one run: {:?}", issue_key(&f));
    }
    let (mut new, mut fixed, mut changed, mut pairs) = (0, 0, 0, 0);
    let mut last: HashMap<&str, &HashMap<_, String>> = HashMap::new();
    for r in &runs {
        let cur = &by_run[&r.arn];
        if let Some(prev) = last.get(r.template_arn.as_str()) {
            pairs += 1;
            let common = cur.keys().filter(|k| prev.contains_key(*k)).count();
            assert!(
                common * 10 >= prev.len() * 7,
                "only {common} of {} re-found",
                prev.len()
            );
            new += cur.len() - common;
            fixed += prev.len() - common;
            changed += cur
                .iter()
                .filter(|(k, v)| prev.get(*k).is_some_and(|p| p != *v))
                .count();
        }
        last.insert(r.template_arn.as_str(), cur);
    }
    assert!(
        pairs >= 5 && new > 0 && fixed > 0 && changed > 0,
        "pairs {pairs} new {new} fixed {fixed} changed {changed}"
    );
}

// ------------------------------------------------------------------------------------------
// config, regions, samples

#[test]
fn config_validation_and_parsing() {
    use std::io::ErrorKind::InvalidInput;
    let bad = |c: GenConfig| c.build().map(|_| ()).unwrap_err().kind();
    assert_eq!(bad(cfg().with_region("mars-1")), InvalidInput);
    assert_eq!(bad(cfg().with_accounts(&["12345"])), InvalidInput);
    assert_eq!(bad(cfg().with_runs(0)), InvalidInput);
    assert_eq!(
        bad(cfg().with_accounts(&["111122223333", "444455556666"]).with_templates(1)),
        InvalidInput
    );
    assert_eq!(
        bad(cfg().with_findings_per_run(vec![5, 5, 5, 5, 5])),
        InvalidInput,
        "run 4 of 5 is FAILED"
    );
    let ok = cfg().with_findings_per_run(vec![7, 0, 9, 0, 3]).build().unwrap();
    assert_eq!(
        ok.runs().iter().map(|r| r.findings).collect::<Vec<_>>(),
        [7, 0, 9, 0, 3]
    );
    assert_eq!(cfg().with_findings(0).build().unwrap().total_findings(), 0);

    assert_eq!(Layout::parse("single"), Some(Layout::Single));
    assert_eq!(Layout::parse("split:25"), Some(Layout::Split { per_file: 25 }));
    assert_eq!(Layout::parse("split"), Some(Layout::Split { per_file: 100 }));
    assert_eq!(
        Layout::parse("responses:7"),
        Some(Layout::Responses { per_response: 7 })
    );
    assert_eq!(Layout::parse("bare"), Some(Layout::Bare));
    assert_eq!(Layout::parse("jsonl"), Some(Layout::JsonLines));
    for bad in ["split:0", "split:x", "single:3", "lines", ""] {
        assert_eq!(Layout::parse(bad), None, "{bad}");
    }
    for st in TimestampStyle::ALL {
        assert_eq!(TimestampStyle::parse(st.name()), Some(st));
    }
    assert_eq!(TimestampStyle::parse("nope"), None);
}

#[test]
fn regions_follow_the_published_tables() {
    // eu-west-2 never had Runtime Behavior Analysis; GovCloud never had Network Reachability.
    for (region, missing, partition) in [
        ("eu-west-2", RulesPackage::Rba, "aws"),
        ("us-gov-west-1", RulesPackage::Nr, "aws-us-gov"),
    ] {
        let ds = cfg().with_region(region).build().unwrap();
        let table = region_packages(region).unwrap();
        let mut seen = HashSet::new();
        for f in all_findings(&ds, Format::default()) {
            assert!(s(&f, "arn").starts_with(&format!("arn:{partition}:inspector:{region}:")));
            let p = package_of(s(&f["serviceAttributes"], "rulesPackageArn"));
            assert_eq!(
                table.arn(p).as_deref(),
                Some(s(&f["serviceAttributes"], "rulesPackageArn"))
            );
            seen.insert(p);
        }
        assert!(!seen.contains(&missing));
        assert!(seen.contains(&RulesPackage::Cve));
        let host_ok = |h: &str| {
            h.ends_with(&format!(".{region}.compute.internal"))
                || h.ends_with(&format!(".{region}.compute.amazonaws.com"))
        };
        for f in all_findings(&ds, Format::default()).iter().take(50) {
            assert!(host_ok(s(&f["assetAttributes"], "hostname")));
        }
    }
}

#[test]
fn large_counts_stream_in_constant_memory_shape() {
    let ds = GenConfig::default().with_findings(12_000).with_seed(9).build().unwrap();
    let mut sink = std::io::sink();
    assert_eq!(
        ds.write_findings(&mut sink, Layout::JsonLines, Format::default())
            .unwrap(),
        12_000
    );
    assert!(
        ds.instance_count() > 40 && ds.instance_count() < 80,
        "{}",
        ds.instance_count()
    );
}

#[test]
fn bundled_samples_are_in_sync_and_modest() {
    let dir = TempDir::new("samples");
    let files = write_samples(&dir.0).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.last().map(String::as_str), Some("index.json"));
    let index = parse(&std::fs::read(dir.0.join("index.json")).unwrap());
    let listed: Vec<&str> = index["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        names[..names.len() - 1].iter().map(String::as_str).collect::<Vec<_>>()
    );

    let mut findings = 0;
    let mut styles = HashSet::new();
    for f in &files {
        let v = parse(&std::fs::read(&f.path).unwrap());
        if let Some(fs) = v.get("findings").and_then(Value::as_array) {
            assert!(fs.len() <= 100);
            findings += fs.len();
            let t = &fs[0]["createdAt"];
            styles.insert(match t {
                Value::Number(_) => "number",
                Value::String(x) if x.as_bytes()[10] == b' ' => "boto3",
                Value::String(_) => "iso",
                _ => "other",
            });
        }
    }
    assert!((1300..=1700).contains(&findings), "{findings} findings");
    assert_eq!(styles, HashSet::from(["number", "boto3", "iso"]));
    let total: u64 = files.iter().map(|f| f.bytes).sum();
    assert!(total < 8_000_000, "samples grew to {total} bytes");

    // The committed copy must be exactly what the generator writes.
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("static/samples");
    if committed.join("index.json").exists() {
        for f in &files {
            let name = f.path.file_name().unwrap();
            let want = std::fs::read(&f.path).unwrap();
            let have = std::fs::read(committed.join(name)).unwrap_or_default();
            assert!(
                have == want,
                "static/samples/{} is stale: run `cargo run --bin gen-data -- samples static/samples`",
                name.to_string_lossy()
            );
        }
        let extra: Vec<String> = std::fs::read_dir(&committed)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") && !names.contains(n))
            .collect();
        assert!(extra.is_empty(), "unexpected files in static/samples: {extra:?}");
    }
}

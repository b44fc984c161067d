//! Files that cannot be used give one clear error (with line:column where there is one), keep
//! what was read before the damage, and leave the other files of a merge untouched.
//!
//! Also the accounting invariant over every fixture in `tests/fixtures/**`: the records a file
//! holds (counted here independently, with serde) are the records read, and after merging,
//! records read = records shown + identical copies collapsed + conflicting copies superseded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::ingest::{read_file, Context, Dataset, Layout, Level, LoadedFile, Options, Rule};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn bytes(rel: &str) -> Vec<u8> {
    let path = fixtures().join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str, data: Vec<u8>) -> LoadedFile {
    read_file(name, data, &mut Context::default(), Options::default())
}

/// Line and column (1-based, characters) of byte `i` of `text`, counted here, not by the reader.
fn line_col(text: &[u8], i: usize) -> (u32, u32) {
    let pre = &text[..i];
    let line = pre.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = pre.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&pre[start..]).chars().count() + 1;
    (u32::try_from(line).unwrap(), u32::try_from(col).unwrap())
}

fn find(text: &[u8], needle: &str) -> usize {
    text.windows(needle.len())
        .position(|w| w == needle.as_bytes())
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
}

fn rfind(text: &[u8], needle: &str) -> usize {
    text.windows(needle.len())
        .rposition(|w| w == needle.as_bytes())
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
}

/// One error, naming what is wrong, at `at`; no issue flood; `records` records kept.
fn assert_unusable(f: &LoadedFile, says: &[&str], at: (u32, u32), records: usize) {
    let name = &f.report.name;
    let e = f
        .report
        .error
        .as_ref()
        .unwrap_or_else(|| panic!("{name}: no error; issues {:?}", f.report.issues));
    for word in says {
        assert!(e.message.contains(word), "{name}: error lacks {word:?}: {}", e.message);
    }
    assert_eq!((e.line, e.column), at, "{name}: error position ({})", e.message);
    assert!(!f.usable());
    assert!(
        f.report.issues.is_empty(),
        "{name}: one error, not a flood: {:?}",
        f.report.issues
    );
    assert_eq!(f.records.total(), records, "{name}: records kept");
}

/// The good files of every merge test: two exports of different kinds.
const GOOD: [&str; 2] = [
    "aws/awscli-describe-findings.json",
    "aws/botocore-describe-assessment-runs.json",
];

/// Reads `bad` between the good files with one shared context: the good files come out exactly as
/// when read alone, and the dataset holds their records plus whatever `bad` kept.
fn assert_does_not_disturb(bad_name: &str, bad: Vec<u8>) {
    let alone: Vec<LoadedFile> = GOOD.iter().map(|g| read(g, bytes(g))).collect();
    let mut cx = Context::default();
    let first = Rc::new(read_file(GOOD[0], bytes(GOOD[0]), &mut cx, Options::default()));
    let broken = Rc::new(read_file(bad_name, bad, &mut cx, Options::default()));
    let last = Rc::new(read_file(GOOD[1], bytes(GOOD[1]), &mut cx, Options::default()));
    assert_eq!(*first, alone[0], "{bad_name} disturbed {}", GOOD[0]);
    assert_eq!(*last, alone[1], "{bad_name} disturbed {}", GOOD[1]);
    let kept = broken.records.total();
    let d = Dataset::merge(vec![first, broken, last]);
    assert_eq!(d.findings.len(), 1 + d.files[1].records.findings.len());
    assert_eq!(d.runs.len(), 1);
    assert_eq!(d.records_read(), 2 + kept);
    assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);
    assert!(
        d.merge_issues.iter().all(|m| m.file == 1),
        "{bad_name}: {:?}",
        d.merge_issues
    );
    assert_eq!(d.file_counts(0), (0, 0));
    assert_eq!(d.file_counts(2), (0, 0));
    assert!(d.files[0].usable() && d.files[2].usable());
}

fn unusable_fixture(name: &str, says: &[&str], at: (u32, u32), records: usize) -> LoadedFile {
    let rel = format!("unusable/{name}");
    let f = read(name, bytes(&rel));
    assert_unusable(&f, says, at, records);
    assert_does_not_disturb(name, bytes(&rel));
    f
}

#[test]
fn an_empty_file() {
    unusable_fixture("empty.json", &["empty", "0 bytes"], (1, 1), 0);
}

#[test]
fn a_file_of_white_space() {
    unusable_fixture("whitespace.json", &["only white space"], (1, 1), 0);
}

#[test]
fn truncated_inside_a_string_keeps_the_records_before_the_cut() {
    let text = bytes("unusable/truncated-mid-string.json");
    // The third finding's title string opens and never closes.
    let at = line_col(&text, rfind(&text, "\"Title of"));
    assert_eq!(at, (5, 225));
    let f = unusable_fixture(
        "truncated-mid-string.json",
        &[
            "unterminated string",
            "truncated",
            "the 2 records before this point were read",
        ],
        at,
        2,
    );
    let arns: Vec<&str> = f
        .records
        .findings
        .iter()
        .map(|l| l.rec.arn.as_deref().unwrap())
        .collect();
    assert!(arns[0].ends_with("/finding/0-x0") && arns[1].ends_with("/finding/0-x1"));
}

#[test]
fn truncated_inside_an_object_keeps_the_records_before_the_cut() {
    let text = bytes("unusable/truncated-mid-object.json");
    let at = line_col(&text, text.len());
    assert_eq!(at, (5, 216));
    unusable_fixture(
        "truncated-mid-object.json",
        &["the end of the file", "the 2 records before this point were read"],
        at,
        2,
    );
}

#[test]
fn an_html_error_page_saved_as_json() {
    unusable_fixture("html-error-page.json", &["HTML page", "not JSON"], (1, 1), 0);
}

#[test]
fn binary_data() {
    // The first byte that is not UTF-8 is 0xff at byte 20 (column 21); NULs make it "binary".
    unusable_fixture(
        "binary.json",
        &["binary data", "not JSON text", "0xff", "byte 20"],
        (1, 21),
        0,
    );
}

#[test]
fn a_json_string_number_or_null_as_the_document() {
    unusable_fixture(
        "string-root.json",
        &["a string (\"findings\")", "not an object or array"],
        (1, 1),
        0,
    );
    unusable_fixture(
        "number-root.json",
        &["a number (42)", "not an object or array"],
        (1, 1),
        0,
    );
    unusable_fixture("null-root.json", &["is null", "not an object or array"], (1, 1), 0);
}

const STACK: usize = 512 * 1024;

#[test]
fn nesting_100_000_deep_is_an_error_not_a_stack_overflow() {
    for (what, text) in [
        ("arrays", "[".repeat(100_000) + &"]".repeat(100_000)),
        ("objects", "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000)),
        (
            "records",
            format!(
                "{{\"findings\": [{{\"arn\": \"x\", \"attributes\": {}}}]}}",
                "[".repeat(100_000)
            ),
        ),
    ] {
        // A thread with a small stack: recursion proportional to depth would overflow it.
        let (error, issues, records) = std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(move || {
                let f = read(what, text.into_bytes());
                (f.report.error.clone(), f.report.issues.len(), f.records.total())
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{what}: reader panicked"));
        let e = error.unwrap_or_else(|| panic!("{what}: accepted"));
        assert!(
            e.message.contains("nested deeper than 128 levels"),
            "{what}: {}",
            e.message
        );
        // It points where the nesting passed the limit, not at the end of a 100 000-byte line.
        assert_eq!(e.line, 1, "{what}");
        assert!(e.column < 1_000, "{what}: column {}", e.column);
        assert_eq!((issues, records), (0, 0), "{what}");
    }
}

#[test]
fn invalid_utf8_names_the_byte_and_its_position() {
    let text = bytes("unusable/invalid-utf8.json");
    let i = text.iter().position(|&b| b == 0xE9).unwrap();
    let at = line_col(&text, i);
    assert_eq!(at, (3, 253));
    unusable_fixture(
        "invalid-utf8.json",
        &["not UTF-8", "0xe9", &format!("at byte {i}")],
        at,
        0,
    );
}

#[test]
fn invalid_utf8_past_the_first_64_kib_is_found_where_it_stands() {
    // 400 valid findings (about 85 KiB), then one whose title holds a Latin-1 `é` (0xE9).
    let finding = |i: usize, title: &[u8]| {
        [
            format!(
                "    {{\"arn\": \"arn:aws:inspector:us-west-2:1:target/0-t/template/0-p/run/0-r/finding/0-{i:04}\", \"attributes\": [], \"userAttributes\": [], \"createdAt\": 1458680301.4, \"updatedAt\": 1458680301.4, \"title\": \""
            )
            .into_bytes(),
            title.to_vec(),
            b"\"}".to_vec(),
        ]
        .concat()
    };
    let mut doc = b"{\n  \"findings\": [\n".to_vec();
    for i in 0..400 {
        doc.extend(finding(i, "caf\u{e9} ok".as_bytes()));
        doc.extend(b",\n");
    }
    doc.extend(finding(400, b"caf\xe9"));
    doc.extend(b"\n  ],\n  \"failedItems\": {}\n}\n");
    assert!(doc.len() > 80 * 1024);
    let bad = doc.iter().rposition(|&b| b == 0xE9).unwrap();
    let at = line_col(&doc, bad);
    assert_eq!(at.0, 403);
    let f = read("late-latin1.json", doc.clone());
    let e = f.report.error.as_ref().expect("rejected");
    assert!(e.message.contains("invalid UTF-8 byte 0xe9"), "{}", e.message);
    assert!(e.message.contains(&format!("at byte {bad}")), "{}", e.message);
    assert!(
        e.message.contains("the 400 records before this point were read"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), at);
    assert_eq!(f.records.findings.len(), 400);
    assert_eq!(f.records.findings[399].rec.title.as_deref(), Some("caf\u{e9} ok"));
    // Outside a string literal, a stray byte is a syntax error at that byte.
    let mut stray = doc[..doc.len() - 2].to_vec();
    stray.retain(|&b| b != 0xE9);
    stray.extend(b" \xff\n");
    let f = read("stray.json", stray.clone());
    let e = f.report.error.as_ref().expect("rejected");
    assert_eq!((e.line, e.column), line_col(&stray, stray.len() - 2), "{}", e.message);
    assert_eq!(f.records.findings.len(), 401);
}

#[test]
fn gzip_data_says_to_decompress_it() {
    unusable_fixture("describe-findings.json.gz", &["gzip", "gunzip"], (1, 1), 0);
}

#[test]
fn the_2015_preview_api_is_named_and_rejected() {
    let text = bytes("unusable/preview-2015-findings.json");
    let at = line_col(&text, find(&text, "{"));
    unusable_fixture(
        "preview-2015-findings.json",
        &["2015-08-18 preview", "`findingArn`", "only the 2016-02-16 API"],
        at,
        0,
    );
    unusable_fixture(
        "preview-2015-list-runs.json",
        &["2015-08-18 preview", "`runArnList`"],
        (1, 1),
        0,
    );
}

#[test]
fn an_inspector_v2_export_is_named_and_rejected() {
    unusable_fixture(
        "inspector-v2-finding.json",
        &["Amazon Inspector (v2)", "not Inspector Classic"],
        (1, 1),
        0,
    );
    // Inside a `findings` list, the first record gives it away.
    let text = bytes("unusable/inspector-v2-findings.json");
    let at = line_col(&text, find(&text, "{\n      \"findingArn\""));
    assert_eq!(at, (3, 5));
    unusable_fixture("inspector-v2-findings.json", &["Amazon Inspector (v2)"], at, 0);
}

#[test]
fn an_unknown_object_names_its_members() {
    unusable_fixture(
        "unknown-object.json",
        &["not an Inspector Classic export", "`Reservations`"],
        (1, 1),
        0,
    );
}

#[test]
fn trailing_garbage_after_a_valid_document() {
    let text = bytes("unusable/trailing-garbage.json");
    let at = line_col(&text, find(&text, "Request ID"));
    assert_eq!(at, (9, 1));
    unusable_fixture(
        "trailing-garbage.json",
        &[
            "unexpected text after the end of the JSON value",
            "the 3 records before this point were read",
        ],
        at,
        3,
    );
}

#[test]
fn numbers_beyond_any_machine_type_are_range_errors() {
    let text = bytes("defects/out-of-range-finding.json");
    let f = read("out-of-range-finding.json", text.clone());
    assert!(f.usable(), "{:?}", f.report.error);
    assert_eq!(f.records.findings.len(), 1);
    let i = &f.report.issues;
    assert_eq!(i.len(), 1, "{i:?}");
    assert_eq!((i[0].level, i[0].rule), (Level::Error, Rule::Range));
    assert_eq!(i[0].path, "findings[0].numericSeverity");
    assert_eq!((i[0].line, i[0].column), line_col(&text, find(&text, "1e999")));
    assert!(i[0].message.contains("1e999") && i[0].message.contains("`NumericSeverity`"));
    // Not read as infinity: kept verbatim instead.
    let rec = &f.records.findings[0].rec;
    assert_eq!(rec.numeric_severity, None);
    assert_eq!(
        rec.extra.iter().map(|(k, v)| (&**k, v.to_text())).collect::<Vec<_>>(),
        [("numericSeverity", "1e999".to_owned())]
    );

    let text = bytes("defects/out-of-range-run.json");
    let f = read("out-of-range-run.json", text.clone());
    assert!(f.usable(), "{:?}", f.report.error);
    let i = &f.report.issues;
    assert_eq!(i.len(), 1, "{i:?}");
    assert_eq!((i[0].level, i[0].rule), (Level::Error, Rule::Range));
    assert_eq!(i[0].path, "assessmentRuns[0].durationInSeconds");
    assert_eq!((i[0].line, i[0].column), (8, 28));
    assert_eq!(
        (i[0].line, i[0].column),
        line_col(&text, find(&text, "99999999999999999999"))
    );
    assert!(i[0].message.contains("99999999999999999999") && i[0].message.contains("64-bit integer"));
    assert_eq!(f.records.runs[0].rec.duration_in_seconds, None);
}

#[test]
fn a_records_list_named_twice_is_a_warning_and_both_are_read() {
    let text = bytes("defects/duplicate-key-envelope.json");
    let f = read("duplicate-key-envelope.json", text.clone());
    assert!(f.usable(), "{:?}", f.report.error);
    assert_eq!(f.records.findings.len(), 2, "no record is dropped");
    let i = &f.report.issues;
    assert_eq!(i.len(), 1, "{i:?}");
    assert_eq!(
        (i[0].level, i[0].rule, i[0].path.as_str()),
        (Level::Warning, Rule::Duplicate, "findings")
    );
    assert_eq!((i[0].line, i[0].column), line_col(&text, rfind(&text, "\"findings\"")));
    assert_eq!((i[0].line, i[0].column), (6, 3));
    assert!(
        i[0].message.contains("`findings` appears more than once"),
        "{}",
        i[0].message
    );
    // The same inside an array of responses read whole (after a bare record).
    let body = String::from_utf8(text).unwrap();
    let arr = format!(
        "[{{\"arn\": \"a\", \"attributes\": [], \"userAttributes\": [], \"createdAt\": 1, \"updatedAt\": 1}},\n{body}]"
    );
    let g = read("arr.json", arr.into_bytes());
    assert_eq!(g.records.findings.len(), 3);
    let dup: Vec<_> = g.report.issues.iter().filter(|i| i.rule == Rule::Duplicate).collect();
    assert_eq!(dup.len(), 1, "{:?}", g.report.issues);
    assert_eq!(
        (dup[0].path.as_str(), dup[0].line, dup[0].column),
        ("[1].findings", 7, 3)
    );
}

#[test]
fn non_records_in_a_records_list_are_type_errors_in_streamed_and_whole_responses_alike() {
    let finding = r#"{"arn": "arn:aws:inspector:us-west-2:1:target/0-t/template/0-p/run/0-r/finding/0-a", "attributes": [], "userAttributes": [], "createdAt": 1, "updatedAt": 1}"#;
    let arn = "\"arn:aws:inspector:us-west-2:1:target/0-t/template/0-p/run/0-r/finding/0-b\"";
    for (list, items, records, errors) in [
        ("findings", format!("[1, null, \"s\", [], {finding}]"), 1, 4),
        ("findingArns", format!("[1, {{}}, {arn}, null]"), 1, 3),
        ("assessmentRunArns", "[true, \"arn:x/run/0-1\"]".to_owned(), 1, 1),
    ] {
        let response = format!("{{\"{list}\": {items}}}");
        // Streamed: the response is the document.
        let streamed = read("streamed.json", response.clone().into_bytes());
        // Read whole: the same response after a bare record in one array.
        let first = if list == "findings" {
            finding.to_owned()
        } else {
            arn.to_owned()
        };
        let whole = read("whole.json", format!("[{first}, {response}]").into_bytes());
        for (how, f, extra) in [("streamed", &streamed, 0), ("whole", &whole, 1)] {
            assert!(f.usable(), "{how} {list}: {:?}", f.report.error);
            assert_eq!(
                f.records.total(),
                records + extra,
                "{how} {list}: only objects (or ARN strings) are records"
            );
            let type_errors = f
                .report
                .issues
                .iter()
                .filter(|i| i.rule == Rule::Type && i.level == Level::Error)
                .count();
            assert_eq!(type_errors, errors, "{how} {list}: {:?}", f.report.issues);
        }
        let strip = |p: &str| p.strip_prefix("[1].").unwrap_or(p).to_owned();
        let paths = |f: &LoadedFile| {
            f.report
                .issues
                .iter()
                .filter(|i| i.rule == Rule::Type)
                .map(|i| strip(&i.path))
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(&streamed), paths(&whole), "{list}");
    }
}

// ---- the accounting invariant over every fixture ----------------------------------------------

/// A JSON value that keeps duplicate keys (serde_json's `Value` keeps only the last).
enum Raw {
    Scalar,
    Str,
    Arr(Vec<Raw>),
    Obj(Vec<(String, Raw)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
                Ok(Raw::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
                Ok(Raw::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
                Ok(Raw::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
                Ok(Raw::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Raw, E> {
                Ok(Raw::Str)
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Scalar)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Raw::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut v = Vec::new();
                while let Some(kv) = a.next_entry()? {
                    v.push(kv);
                }
                Ok(Raw::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// Response members that hold records, and whether their records are objects (else ARN strings).
const RECORD_LISTS: &[(&str, bool)] = &[
    ("findings", true),
    ("assessmentRuns", true),
    ("assessmentTemplates", true),
    ("assessmentTargets", true),
    ("resourceGroups", true),
    ("rulesPackages", true),
    ("assessmentRunAgents", true),
    ("findingArns", false),
    ("assessmentRunArns", false),
];

/// Records in a document, counted from the JSON alone.
fn count(v: &Raw) -> usize {
    match v {
        Raw::Obj(members) => {
            let has = |k: &str| members.iter().any(|(m, _)| m == k);
            // An IoT Device Defender audit task: its records are the `auditDetails` entries
            // (the checks), one per object entry; the task itself is not a record.
            if has("taskStatus") && (has("auditDetails") || has("taskStatistics")) {
                return members
                    .iter()
                    .filter(|(k, _)| k == "auditDetails")
                    .map(|(_, v)| match v {
                        Raw::Obj(checks) => checks.iter().filter(|(_, c)| matches!(c, Raw::Obj(_))).count(),
                        _ => 0,
                    })
                    .sum();
            }
            let mut lists: Vec<(&Raw, bool)> = members
                .iter()
                .filter_map(|(k, v)| {
                    RECORD_LISTS
                        .iter()
                        .find(|(n, _)| n == k)
                        .map(|(_, objects)| (v, *objects))
                })
                .filter(|(v, _)| matches!(v, Raw::Arr(_)))
                .collect();
            if lists.is_empty() && !has("agentId") && !has("agentHealth") {
                if let Some((_, v @ Raw::Arr(_))) = members.iter().find(|(k, _)| k == "telemetryMetadata") {
                    lists.push((v, true));
                }
            }
            if lists.is_empty() {
                return 1; // a record
            }
            lists
                .iter()
                .map(|(list, objects)| match list {
                    Raw::Arr(items) => items
                        .iter()
                        .filter(|i| {
                            if *objects {
                                matches!(i, Raw::Obj(_))
                            } else {
                                matches!(i, Raw::Str)
                            }
                        })
                        .count(),
                    _ => 0,
                })
                .sum()
        }
        Raw::Arr(items) => items
            .iter()
            .map(|i| match i {
                Raw::Str => 1,
                Raw::Scalar => 0,
                other => count(other),
            })
            .sum(),
        _ => 0,
    }
}

/// The text of a fixture as a JSON tool would read it (BOM, UTF-16LE); None if it is not text.
fn text_of(data: &[u8]) -> Option<String> {
    if let Some(rest) = data.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        return String::from_utf16(&units).ok();
    }
    let data = data.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(data);
    String::from_utf8(data.to_vec()).ok()
}

/// The document's records, if the document parses (as one value, or as JSON Lines).
fn independent_count(data: &[u8]) -> Option<usize> {
    let text = text_of(data)?;
    if let Ok(v) = serde_json::from_str::<Raw>(&text) {
        return Some(count(&v));
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() < 2 {
        return None;
    }
    let values: Result<Vec<Raw>, _> = lines.iter().map(|l| serde_json::from_str::<Raw>(l)).collect();
    values.ok().map(|vs| vs.iter().map(count).sum())
}

fn all_fixture_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x != "md") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixtures(), &mut out);
    out.sort();
    out
}

#[test]
fn every_fixture_keeps_every_record_it_holds() {
    let files = all_fixture_files();
    assert!(files.len() >= 60, "fixtures went missing: {}", files.len());
    let mut checked = 0;
    for p in &files {
        let data = std::fs::read(p).unwrap();
        let name = p.strip_prefix(fixtures()).unwrap().display().to_string();
        let f = read(&name, data.clone());
        match independent_count(&data) {
            Some(n) if f.usable() => {
                assert_eq!(f.records.total(), n, "{name}: records read ≠ records in the document");
                checked += 1;
            }
            // A well-formed document that is rejected (another API, another service) keeps nothing.
            Some(_) => assert_eq!(f.records.total(), 0, "{name}: {:?}", f.report.error),
            None => {}
        }
        // Any issue or error is placed inside the file.
        let text = text_of(&data).unwrap_or_else(|| String::from_utf8_lossy(&data).into_owned());
        let lines: Vec<&str> = text.split('\n').collect();
        let inside = |line: u32, col: u32| {
            line >= 1
                && col >= 1
                && lines
                    .get(line as usize - 1)
                    .is_some_and(|l| col as usize <= l.chars().count() + 1)
        };
        for i in &f.report.issues {
            assert!(inside(i.line, i.column), "{name}: {i:?}");
        }
        if let Some(e) = &f.report.error {
            assert!(inside(e.line, e.column), "{name}: {e:?}");
        }
    }
    assert!(checked >= 40, "only {checked} fixtures were counted");
}

#[test]
fn after_merging_every_fixture_records_read_are_shown_collapsed_or_superseded() {
    let files = all_fixture_files();
    for order in [false, true] {
        let mut cx = Context::default();
        let mut loaded: Vec<Rc<LoadedFile>> = Vec::new();
        let mut ps = files.clone();
        if order {
            ps.reverse();
        }
        for p in &ps {
            let name = p.display().to_string();
            loaded.push(Rc::new(read_file(
                &name,
                std::fs::read(p).unwrap(),
                &mut cx,
                Options::default(),
            )));
        }
        let read_total: usize = loaded.iter().map(|f| f.records.total()).sum();
        let d = Dataset::merge(loaded);
        assert_eq!(d.records_read(), read_total);
        assert_eq!(
            d.records_read(),
            d.records_shown() + d.collapsed + d.superseded,
            "reverse={order}: shown {} collapsed {} superseded {}",
            d.records_shown(),
            d.collapsed,
            d.superseded
        );
        assert!(
            d.collapsed > 0 && d.superseded > 0,
            "the fixtures include both kinds of copy"
        );
        // Every shown record names where it came from, and every copy is somewhere.
        let sources: usize = d.findings.iter().map(|m| m.sources.len()).sum::<usize>()
            + d.runs.iter().map(|m| m.sources.len()).sum::<usize>();
        assert_eq!(
            sources,
            d.files
                .iter()
                .map(|f| f.records.findings.len() + f.records.runs.len())
                .sum::<usize>()
        );
    }
}

#[test]
fn the_layout_fixtures_read_as_their_layout() {
    for (name, layout, records) in [
        ("layouts/jsonl-records.json", Layout::JsonLines, 3),
        ("layouts/jsonl-responses.json", Layout::JsonLines, 3),
        ("layouts/utf16le-bom.json", Layout::Response, 2),
        ("layouts/utf8-bom.json", Layout::ResponseArray, 3),
        ("layouts/boto3-response-metadata.json", Layout::Response, 2),
    ] {
        let f = read(name, bytes(name));
        assert!(f.usable(), "{name}: {:?}", f.report.error);
        assert!(f.report.issues.is_empty(), "{name}: {:?}", f.report.issues);
        assert_eq!((f.report.layout, f.records.total()), (layout, records), "{name}");
    }
}

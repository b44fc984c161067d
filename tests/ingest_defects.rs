//! A planted defect for every validation rule, in `tests/fixtures/defects/`.
//!
//! Each test names the level, the rule, the exact JSON path, the exact line:column (counted by
//! hand in the fixture: 1-based, columns in characters) and words of the message that name what
//! was expected and what was found. Each file's issue list must be exactly the planted ones: a
//! spurious extra issue fails as surely as a missing one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::ingest::{read_file, Context, Dataset, Issue, Layout, Level, LoadedFile, Options, Rule};
use inspector_viewer::schema::DocKind;
use std::collections::BTreeSet;
use std::path::Path;
use std::rc::Rc;

fn bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/defects")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> LoadedFile {
    read_file(name, bytes(name), &mut Context::default(), Options::default())
}

/// One expected issue.
struct Want {
    level: Level,
    rule: Rule,
    path: &'static str,
    at: (u32, u32),
    /// Words the message must contain (what was expected, what was found).
    says: &'static [&'static str],
}

const fn want(level: Level, rule: Rule, path: &'static str, at: (u32, u32), says: &'static [&'static str]) -> Want {
    Want {
        level,
        rule,
        path,
        at,
        says,
    }
}

/// `issues` are exactly `wants` (in any order), each with its level, rule, path, position, words.
fn assert_issues<'a>(what: &str, issues: impl IntoIterator<Item = &'a Issue>, wants: &[Want]) {
    let issues: Vec<&Issue> = issues.into_iter().collect();
    let listing = || {
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
    };
    assert_eq!(issues.len(), wants.len(), "{what}: issue count\n{}", listing());
    for w in wants {
        let hits: Vec<&&Issue> = issues.iter().filter(|i| i.path == w.path && i.rule == w.rule).collect();
        assert_eq!(
            hits.len(),
            1,
            "{what}: want one {:?} at `{}`\n{}",
            w.rule,
            w.path,
            listing()
        );
        let i = hits[0];
        assert_eq!(i.level, w.level, "{what}: level of {:?} at {}", w.rule, w.path);
        assert_eq!(
            (i.line, i.column),
            w.at,
            "{what}: line:column of {:?} at {}",
            w.rule,
            w.path
        );
        for word in w.says {
            assert!(
                i.message.contains(word),
                "{what}: message of {:?} at {} lacks {word:?}: {}",
                w.rule,
                w.path,
                i.message
            );
        }
    }
}

/// The file was read whole (an issue never drops a record) and its counters agree with its list.
fn assert_usable(f: &LoadedFile, layout: Layout, kind: DocKind, records: usize) {
    assert!(f.usable(), "{}: {:?}", f.report.name, f.report.error);
    assert_eq!(f.report.layout, layout, "{}", f.report.name);
    assert_eq!(f.report.detected, Some(kind), "{}", f.report.name);
    assert_eq!(f.records.count(kind), records, "{}", f.report.name);
    assert_eq!(f.records.total(), records, "{}", f.report.name);
    let counted: usize = f.report.counts.values().sum();
    assert_eq!(
        counted,
        f.report.issues.len(),
        "{}: counts vs kept issues",
        f.report.name
    );
    for i in &f.report.issues {
        assert!(f.report.counts.get(&(i.level, i.rule)).is_some_and(|n| *n > 0));
    }
}

#[test]
fn required_members_missing_or_null_are_errors_at_the_object() {
    let f = load("required.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 3);
    assert_issues(
        "required.json",
        &f.report.issues,
        &[
            want(
                Level::Error,
                Rule::Required,
                "findings[0].createdAt",
                (3, 5),
                &["`createdAt`", "`Finding`", "is missing"],
            ),
            want(
                Level::Error,
                Rule::Required,
                "findings[1].updatedAt",
                (4, 5),
                &["`updatedAt`", "`Finding`", "is null"],
            ),
            want(
                Level::Error,
                Rule::Required,
                "findings[2].attributes[0].key",
                (5, 117),
                &["`key`", "`Attribute`", "is missing"],
            ),
        ],
    );
    // The records are kept, with what they do hold.
    assert_eq!(f.records.findings[0].rec.created_at, None);
    assert!(f.records.findings[0].rec.updated_at.is_some());
}

#[test]
fn a_response_envelope_without_failed_items_is_a_warning() {
    let f = load("required-envelope.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 1);
    assert_issues(
        "required-envelope.json",
        &f.report.issues,
        &[want(
            Level::Warning,
            Rule::Required,
            "failedItems",
            (5, 1),
            &["`DescribeFindings`", "lacks required member `failedItems`"],
        )],
    );
}

#[test]
fn wrong_json_types_are_errors_and_integral_floats_are_warnings() {
    let f = load("type.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 3);
    assert_issues(
        "type.json",
        &f.report.issues,
        &[
            want(
                Level::Error,
                Rule::Type,
                "findings[0].userAttributes",
                (3, 138),
                &["expected an array", "found an object"],
            ),
            want(
                Level::Error,
                Rule::Type,
                "findings[1].confidence",
                (4, 210),
                &["expected an integer", "`IocConfidence`", "found 1.5"],
            ),
            want(
                Level::Warning,
                Rule::Type,
                "findings[2].schemaVersion",
                (5, 213),
                &["expected an integer", "`NumericVersion`", "found 1.0", "read as 1"],
            ),
        ],
    );
    // "read as 1" holds: the integral float is the typed value.
    assert_eq!(f.records.findings[2].rec.schema_version, Some(1));
    assert!(f.records.findings[2].rec.extra.is_empty());
    // A value of the wrong type is kept verbatim, not lost.
    let extra = &f.records.findings[0].rec.extra;
    assert_eq!(extra.len(), 1);
    assert_eq!(&*extra[0].0, "userAttributes");
    assert_eq!(extra[0].1.to_text(), "{}");
}

#[test]
fn enum_in_a_response_object_names_the_record_index_path() {
    let f = load("enum-response.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 13);
    assert_issues(
        "enum-response.json",
        &f.report.issues,
        &[want(
            Level::Error,
            Rule::Enum,
            "findings[12].severity",
            (15, 209),
            &[
                "`High`",
                "`Informational`",
                "`Severity`",
                "found \"HIGH\"",
                "the model spells it `High`",
            ],
        )],
    );
    let issue = &f.report.issues[0];
    assert_eq!(
        issue.record_arn.as_deref(),
        Some("arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p/run/0-r/finding/0-e12")
    );
    assert_eq!(&*f.records.findings[12].path, "findings[12]");
    assert_eq!((f.records.findings[12].line, f.records.findings[12].column), (15, 5));
}

#[test]
fn enum_in_a_bare_array_of_records_has_no_envelope_in_its_path() {
    let f = load("enum-bare-array.json");
    assert_usable(&f, Layout::BareArray, DocKind::DescribeFindings, 8);
    assert_issues(
        "enum-bare-array.json",
        &f.report.issues,
        &[want(
            Level::Error,
            Rule::Enum,
            "[7].severity",
            (9, 207),
            &[
                "one of `Low`, `Medium`, `High`, `Informational`, `Undefined`",
                "found \"Critical\"",
            ],
        )],
    );
    assert!(
        !f.report.issues[0].message.contains("spells it"),
        "no case-insensitive match exists"
    );
}

#[test]
fn length_in_an_array_of_responses_names_the_response_index() {
    let f = load("length-response-array.json");
    assert_usable(&f, Layout::ResponseArray, DocKind::DescribeFindings, 7);
    assert_issues(
        "length-response-array.json",
        &f.report.issues,
        &[
            want(
                Level::Error,
                Rule::Length,
                "[4].findings[2].arn",
                (6, 521),
                &["expected 1..300 characters", "`Arn`", "found 0"],
            ),
            want(
                Level::Error,
                Rule::Length,
                "[4].findings[1].assetAttributes.ipv4Addresses[0]",
                (6, 500),
                &["expected 7..15 characters", "`Ipv4Address`", "found 6"],
            ),
        ],
    );
    let paths: Vec<&str> = f.records.findings.iter().map(|l| &*l.path).collect();
    assert_eq!(
        paths,
        [
            "[0].findings[0]",
            "[1].findings[0]",
            "[2].findings[0]",
            "[3].findings[0]",
            "[4].findings[0]",
            "[4].findings[1]",
            "[4].findings[2]"
        ]
    );
}

#[test]
fn enum_inside_a_nested_list_of_a_run() {
    let f = load("enum-run-state.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeAssessmentRuns, 1);
    assert_issues(
        "enum-run-state.json",
        &f.report.issues,
        &[want(
            Level::Error,
            Rule::Enum,
            "assessmentRuns[0].stateChanges[3].state",
            (33, 20),
            &[
                "`COLLECTING_DATA`",
                "`CANCELED`",
                "`AssessmentRunState`",
                "found \"STARTED\"",
            ],
        )],
    );
    let run = &f.records.runs[0].rec;
    let changes = run.state_changes.as_ref().unwrap();
    assert_eq!(changes.len(), 5);
    assert_eq!(
        changes[3].state.as_deref(),
        Some("STARTED"),
        "the bad value is kept, not dropped"
    );
}

#[test]
fn numbers_outside_the_model_range() {
    let f = load("range.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 2);
    assert_issues(
        "range.json",
        &f.report.issues,
        &[
            want(
                Level::Error,
                Rule::Range,
                "findings[0].numericSeverity",
                (3, 215),
                &["expected 0.0..10.0", "`NumericSeverity`", "found 10.5"],
            ),
            want(
                Level::Error,
                Rule::Range,
                "findings[1].confidence",
                (4, 230),
                &["expected 0..10", "`IocConfidence`", "found -1"],
            ),
        ],
    );
}

#[test]
fn list_length_below_the_minimum_is_an_error() {
    let f = load("list-length.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeAssessmentRuns, 1);
    assert_issues(
        "list-length.json",
        &f.report.issues,
        &[want(
            Level::Error,
            Rule::ListLength,
            "assessmentRuns[0].rulesPackageArns",
            (9, 27),
            &["expected 1..50 items", "`AssessmentRulesPackageArnList`", "found 0"],
        )],
    );
}

#[test]
fn list_length_above_a_per_call_cap_is_info_at_the_list() {
    let f = load("list-length-merged.json");
    assert_usable(&f, Layout::Response, DocKind::ListFindings, 101);
    assert_issues(
        "list-length-merged.json",
        &f.report.issues,
        &[want(
            Level::Info,
            Rule::ListLength,
            "findingArns",
            (1, 17),
            &["101 items", "at most 100", "merged export"],
        )],
    );
    // The same response after a bare ARN in one array is read whole, not streamed: its issue
    // points to the same `[` (line 2 here).
    let text = String::from_utf8(bytes("list-length-merged.json")).unwrap();
    let arn = "arn:aws:inspector:us-west-2:123456789012:target/0-t/template/0-p/run/0-r/finding/0-x";
    let wrapped = format!("[\"{arn}\",\n{}]", text.trim_end());
    let g = read_file(
        "wrapped.json",
        wrapped.into_bytes(),
        &mut Context::default(),
        Options::default(),
    );
    assert_eq!(g.records.total(), 102);
    assert_issues(
        "wrapped",
        &g.report.issues,
        &[want(
            Level::Info,
            Rule::ListLength,
            "[1].findingArns",
            (2, 17),
            &["101 items"],
        )],
    );
}

#[test]
fn timestamps_that_are_not_instants_are_errors_and_doubtful_ones_warnings() {
    let f = load("timestamp.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 4);
    assert_issues(
        "timestamp.json",
        &f.report.issues,
        &[
            want(
                Level::Error,
                Rule::Timestamp,
                "findings[0].createdAt",
                (3, 155),
                &["`yesterday`", "expected epoch seconds or ISO 8601"],
            ),
            want(
                Level::Warning,
                Rule::Timestamp,
                "findings[1].updatedAt",
                (4, 182),
                &["no UTC offset", "read as UTC"],
            ),
            want(
                Level::Warning,
                Rule::Timestamp,
                "findings[2].createdAt",
                (5, 155),
                &["milliseconds, not seconds"],
            ),
            want(
                Level::Error,
                Rule::Timestamp,
                "findings[3].createdAt",
                (6, 155),
                &["`2016-02-30T00:00:00Z`", "no such date"],
            ),
        ],
    );
    let recs = &f.records.findings;
    // Warned values are still read, as the warning says; 2016-03-22T20:58:21Z = 1458680301 s.
    assert_eq!(recs[1].rec.updated_at.map(|t| t.micros), Some(1_458_680_301_000_000));
    assert_eq!(recs[2].rec.created_at.map(|t| t.micros), Some(1_458_680_301_400_000));
    assert_eq!(recs[0].rec.created_at, None);
    assert_eq!(recs[3].rec.created_at, None);
}

#[test]
fn unknown_members_are_info_and_kept() {
    let f = load("unknown-field.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 1);
    assert_issues(
        "unknown-field.json",
        &f.report.issues,
        &[
            want(
                Level::Info,
                Rule::UnknownField,
                "findings[0].customerNote",
                (3, 216),
                &["`customerNote`", "not in the model's `Finding`"],
            ),
            want(
                Level::Info,
                Rule::UnknownField,
                "NextMarker",
                (6, 3),
                &["`NextMarker`", "not in the model's `DescribeFindingsResponse`"],
            ),
        ],
    );
    let extra = &f.records.findings[0].rec.extra;
    assert_eq!(extra.len(), 1);
    assert_eq!(
        (&*extra[0].0, extra[0].1.to_text().as_str()),
        ("customerNote", "\"kept\"")
    );
}

#[test]
fn members_the_model_added_later_are_warnings_naming_the_revision() {
    let f = load("added-later.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeAssessmentRuns, 1);
    assert_issues(
        "added-later.json",
        &f.report.issues,
        &[want(
            Level::Warning,
            Rule::AddedLater,
            "assessmentRuns[0].findingCounts",
            (3, 5),
            &[
                "`findingCounts`",
                "`AssessmentRun`",
                "is missing",
                "2017-05-16",
                "1caf73a3c",
            ],
        )],
    );
    let t = load("added-later-template.json");
    assert_usable(&t, Layout::Response, DocKind::DescribeAssessmentTemplates, 1);
    assert_issues(
        "added-later-template.json",
        &t.report.issues,
        &[want(
            Level::Warning,
            Rule::AddedLater,
            "assessmentTemplates[0].assessmentRunCount",
            (3, 5),
            &[
                "`assessmentRunCount`",
                "`AssessmentTemplate`",
                "2018-01-05",
                "d88129089",
            ],
        )],
    );
}

#[test]
fn a_duplicate_key_is_a_warning_and_the_last_value_is_used() {
    let f = load("duplicate-key.json");
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 1);
    assert_issues(
        "duplicate-key.json",
        &f.report.issues,
        &[want(
            Level::Warning,
            Rule::Duplicate,
            "findings[0].severity",
            (3, 215),
            &["`severity`", "more than once", "last value is used"],
        )],
    );
    // As the message says (and as JSON.parse does): the second `severity` ("High") counts.
    assert_eq!(f.records.findings[0].rec.severity.as_deref(), Some("High"));
}

#[test]
fn an_identical_record_twice_in_one_file_is_shown_once_with_an_info() {
    let f = Rc::new(load("duplicate-record.json"));
    assert_usable(&f, Layout::Response, DocKind::DescribeFindings, 3);
    assert_issues("duplicate-record.json (read)", &f.report.issues, &[]);
    let d = Dataset::merge(vec![f]);
    assert_eq!((d.findings.len(), d.collapsed, d.superseded), (2, 1, 0));
    assert_issues(
        "duplicate-record.json (merged)",
        d.merge_issues.iter().map(|m| &m.issue),
        &[want(
            Level::Info,
            Rule::Duplicate,
            "findings[2]",
            (5, 5),
            &["identical copy", "`duplicate-record.json` line 3", "shown once"],
        )],
    );
    assert_eq!(d.merge_issues[0].file, 0);
    let d1 = d
        .findings
        .iter()
        .find(|m| m.rec.arn.as_deref().is_some_and(|a| a.ends_with("/finding/0-d1")))
        .unwrap();
    let sources: Vec<(usize, u32)> = d1.sources.iter().map(|s| (s.file, s.line)).collect();
    assert_eq!(sources, [(0, 3), (0, 5)], "both copies are remembered");
    assert_eq!(d.file_issues(0).count(), 1, "the merge issue is listed with the file");
}

#[test]
fn identical_copies_in_two_files_collapse_without_an_issue() {
    let mut cx = Context::default();
    let a = Rc::new(read_file(
        "a.json",
        bytes("duplicate-record.json"),
        &mut cx,
        Options::default(),
    ));
    let b = Rc::new(read_file(
        "b.json",
        bytes("enum-response.json"),
        &mut cx,
        Options::default(),
    ));
    let c = Rc::new(read_file(
        "c.json",
        bytes("enum-response.json"),
        &mut cx,
        Options::default(),
    ));
    let d = Dataset::merge(vec![a, b, c]);
    assert_eq!(d.findings.len(), 2 + 13);
    assert_eq!((d.collapsed, d.superseded), (1 + 13, 0));
    // Only the in-file duplicate of a.json is an issue; the copies across b and c are expected.
    let files: Vec<usize> = d.merge_issues.iter().map(|m| m.file).collect();
    assert_eq!(files, [0]);
    assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);
}

const OLD_C0: &str = "findings[0]";
const NEW_C0: &str = "findings[1]";
/// 2016-04-01T10:00:00.250Z, the newer copy's `updatedAt`.
const NEWER: i64 = 1_459_504_800_250_000;

fn c0(d: &Dataset) -> &inspector_viewer::ingest::Merged<inspector_viewer::model::Finding> {
    d.findings
        .iter()
        .find(|m| m.rec.arn.as_deref().is_some_and(|a| a.ends_with("/finding/0-c0")))
        .unwrap()
}

#[test]
fn a_conflict_shows_the_newest_updated_at_when_it_is_read_last() {
    let mut cx = Context::default();
    let old = Rc::new(read_file(
        "conflict-old.json",
        bytes("conflict-old.json"),
        &mut cx,
        Options::default(),
    ));
    let new = Rc::new(read_file(
        "conflict-new.json",
        bytes("conflict-new.json"),
        &mut cx,
        Options::default(),
    ));
    assert!(old.report.issues.is_empty() && new.report.issues.is_empty());
    let d = Dataset::merge(vec![old, new]);
    let shown = c0(&d);
    assert_eq!(shown.rec.severity.as_deref(), Some("High"));
    assert_eq!(shown.rec.updated_at.map(|t| t.micros), Some(NEWER));
    assert_eq!(&*shown.path, NEW_C0);
    let sources: Vec<(usize, u32)> = shown.sources.iter().map(|s| (s.file, s.line)).collect();
    assert_eq!(sources, [(1, 4), (0, 3)], "shown copy first, and both sources kept");
    assert_eq!((d.findings.len(), d.collapsed, d.superseded), (2, 1, 1));
    assert_issues(
        "merge old,new",
        d.merge_issues.iter().map(|m| &m.issue),
        &[want(
            Level::Warning,
            Rule::Conflict,
            NEW_C0,
            (4, 5),
            &[
                "same ARN",
                "`conflict-old.json` line 3",
                "`severity`",
                "`numericSeverity`",
                "`updatedAt`",
                "this copy is shown",
                "newest `updatedAt` wins",
            ],
        )],
    );
    assert_eq!(d.merge_issues[0].file, 1);
    assert_eq!(d.file_counts(1), (0, 1));
    assert_eq!(d.file_counts(0), (0, 0));
}

#[test]
fn a_conflict_shows_the_newest_updated_at_when_it_is_read_first() {
    let mut cx = Context::default();
    let new = Rc::new(read_file(
        "conflict-new.json",
        bytes("conflict-new.json"),
        &mut cx,
        Options::default(),
    ));
    let old = Rc::new(read_file(
        "conflict-old.json",
        bytes("conflict-old.json"),
        &mut cx,
        Options::default(),
    ));
    let d = Dataset::merge(vec![new, old]);
    let shown = c0(&d);
    assert_eq!(shown.rec.severity.as_deref(), Some("High"), "not simply the later file");
    assert_eq!(shown.rec.updated_at.map(|t| t.micros), Some(NEWER));
    assert_eq!(&*shown.path, NEW_C0);
    let sources: Vec<(usize, u32)> = shown.sources.iter().map(|s| (s.file, s.line)).collect();
    assert_eq!(sources, [(0, 4), (1, 3)]);
    assert_issues(
        "merge new,old",
        d.merge_issues.iter().map(|m| &m.issue),
        &[want(
            Level::Warning,
            Rule::Conflict,
            OLD_C0,
            (3, 5),
            &[
                "`conflict-new.json` line 4",
                "`severity`",
                "that copy is shown",
                "newest `updatedAt` wins",
            ],
        )],
    );
    assert_eq!(d.merge_issues[0].file, 1);
}

#[test]
fn every_rule_and_every_level_has_a_planted_defect() {
    let mut rules = BTreeSet::new();
    let mut levels = BTreeSet::new();
    let mut files = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/defects");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut cx = Context::default();
    for n in &names {
        let f = read_file(n, bytes(n), &mut cx, Options::default());
        assert!(f.usable(), "{n}: every defect fixture is usable: {:?}", f.report.error);
        files.push(Rc::new(f));
    }
    let d = Dataset::merge(files);
    for (i, _) in d.files.iter().enumerate() {
        for issue in d.file_issues(i) {
            rules.insert(issue.rule);
            levels.insert(issue.level);
        }
    }
    let all: BTreeSet<Rule> = Rule::ALL.into_iter().collect();
    assert_eq!(rules, all);
    assert_eq!(
        levels,
        [Level::Error, Level::Warning, Level::Info].into_iter().collect()
    );
    assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);
}

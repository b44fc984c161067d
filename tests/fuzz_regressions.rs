//! Inputs the fuzzer (`fuzz/`, see docs/fuzzing.md) found crashing, replayed natively with the
//! fuzz target's invariants, plus a pinned test of each underlying bug.
//!
//! To add one: copy `fuzz/artifacts/ingest/crash-*` to `tests/fixtures/fuzz-regressions/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::ingest::{read_file, Context, Dataset, FileJob, Level, LoadedFile, Options, Progress, Rule};
use inspector_viewer::model::Timestamp;
use std::path::Path;
use std::rc::Rc;

/// The fuzz target's checks (fuzz/fuzz_targets/ingest.rs), minus libFuzzer.
fn replay(name: &str, data: &[u8]) -> LoadedFile {
    let options = Options::default();
    let whole = read_file(name, data.to_vec(), &mut Context::default(), options);
    let lossy = String::from_utf8_lossy(data);
    let lines: Vec<&str> = lossy.split('\n').collect();
    for (line, column) in whole
        .report
        .issues
        .iter()
        .map(|i| (i.line, i.column))
        .chain(whole.report.error.iter().map(|e| (e.line, e.column)))
    {
        let l = lines
            .get(line as usize - 1)
            .unwrap_or_else(|| panic!("{name}: line {line}"));
        assert!(
            column >= 1 && column as usize <= l.chars().count() + 1,
            "{name}: {line}:{column}"
        );
    }
    let mut job = FileJob::new(name, data.to_vec(), options);
    let mut cx = Context::default();
    while job.step(&mut cx, 1) != Progress::Done {}
    assert_eq!(job.finish(), whole, "{name}: slices differ");
    let mut cx = Context::default();
    let a = Rc::new(read_file("a", data.to_vec(), &mut cx, options));
    let b = Rc::new(read_file("b", data.to_vec(), &mut cx, options));
    let d = Dataset::merge(vec![a, b]);
    assert_eq!(
        d.records_read(),
        d.records_shown() + d.collapsed + d.superseded,
        "{name}"
    );
    whole
}

#[test]
fn every_saved_crash_replays_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            continue;
        }
        replay(&p.display().to_string(), &std::fs::read(&p).unwrap());
        n += 1;
    }
    assert!(n >= 1);
}

/// crash-7cc39b90: `"stateChangedAt": 14586801701161` (14 digits) overflowed i64 while scaling
/// seconds to microseconds (a panic in debug builds, a silently wrong date in release builds).
#[test]
fn long_epoch_values_do_not_overflow() {
    let f = replay(
        "crash-7cc39b90",
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/fuzz-regressions/crash-7cc39b90-epoch-overflow.json"),
        )
        .unwrap(),
    );
    assert!(f.report.issues.iter().any(|i| i.rule == Rule::Timestamp));
    // 14 digits: milliseconds, 2432-03-27T17:21:41.161Z, with the milliseconds warning.
    let (t, note) = Timestamp::parse_epoch("14586801701161").unwrap();
    assert_eq!(t.micros, 14_586_801_701_161_000);
    assert!(note.is_some());
    assert_eq!(t.to_iso_utc(), "2432-03-27T17:21:41.161Z");
    // 15 digits as milliseconds is past the year 9999: an error, not a wrapped number.
    for text in [
        "999999999999999",
        "-999999999999999",
        "999999999999999.999999",
        "\"999999999999999\"",
    ] {
        let doc = format!(
            "{{\"findings\":[{{\"arn\":\"a\",\"attributes\":[],\"userAttributes\":[],\"createdAt\":{text},\"updatedAt\":1}}],\"failedItems\":{{}}}}"
        );
        let f = read_file("x.json", doc.into_bytes(), &mut Context::default(), Options::default());
        let i = &f.report.issues;
        assert_eq!(i.len(), 1, "{text}: {i:?}");
        assert_eq!(
            (i[0].level, i[0].rule, i[0].path.as_str()),
            (Level::Error, Rule::Timestamp, "findings[0].createdAt")
        );
        assert!(i[0].message.contains("past the year 9999"), "{}", i[0].message);
        assert_eq!(f.records.findings[0].rec.created_at, None);
    }
}

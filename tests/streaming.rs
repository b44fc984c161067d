//! A file read while its bytes arrive ([`FileJob::streaming`]) gives exactly what reading it
//! whole gives: the same records, issues, positions and errors, whatever the slice sizes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::ingest::{read_file, Context, FileJob, LoadedFile, Options, Progress};
use std::path::Path;

mod common;

/// Reads `data` fed in slices of the given lengths (cycled), stepping `budget` records
/// between slices, as the loader does.
fn streamed(name: &str, data: &[u8], slices: &[usize], budget: usize) -> LoadedFile {
    // Read bytes are dropped as soon as allowed: nothing may depend on them.
    let options = Options {
        drop_read_after: 1,
        ..Options::default()
    };
    let mut cx = Context::default();
    let first = slices[0].clamp(1, data.len().max(1)).min(data.len());
    let mut job = FileJob::streaming(name, data[..first].to_vec(), data.len(), options);
    let mut at = first;
    let mut k = 1;
    while at < data.len() {
        let n = slices[k % slices.len()].max(1).min(data.len() - at);
        job.feed(&data[at..at + n]);
        at += n;
        k += 1;
        let mut steps = 0;
        while job.has_work() {
            // A job waiting for bytes says so: it finishes before the input ends only when
            // the file cannot be decoded at all.
            if job.step(&mut cx, budget) == Progress::Done {
                let f = job.finish();
                assert!(f.report.error.is_some(), "{name}: done before its end");
                return f;
            }
            steps += 1;
            assert!(steps < 10_000_000, "{name}: stuck");
        }
    }
    job.end_of_input();
    while job.step(&mut cx, budget) != Progress::Done {}
    job.finish()
}

fn whole(name: &str, data: &[u8]) -> LoadedFile {
    read_file(name, data.to_vec(), &mut Context::default(), Options::default())
}

fn assert_same(name: &str, data: &[u8], slices: &[usize], budget: usize) {
    let expected = whole(name, data);
    let got = streamed(name, data, slices, budget);
    assert_eq!(
        got.report, expected.report,
        "{name}: reports differ with slices {slices:?}"
    );
    assert!(
        got.records == expected.records,
        "{name}: records differ with slices {slices:?}"
    );
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![
        Path::new("tests/fixtures").to_path_buf(),
        Path::new("static/samples").to_path_buf(),
    ];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("json" | "jsonl")) {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    assert!(out.len() > 50, "fixtures found: {}", out.len());
    out
}

#[test]
fn every_fixture_reads_the_same_in_slices() {
    for (name, data) in fixtures() {
        for slices in [&[1][..], &[7, 1, 3], &[64], &[4096, 10]] {
            assert_same(&name, &data, slices, 1);
        }
        assert_same(&name, &data, &[data.len() / 2 + 1], usize::MAX);
    }
}

/// Files under 64 KiB are read whole once they have arrived, so they never drop read bytes:
/// every fixture is also read many times over in one file past that size (as an array of
/// copies, and as lines), streamed with drops, against a whole read.
#[test]
fn every_fixture_many_times_over_reads_the_same_with_drops() {
    for (name, data) in fixtures() {
        let copies = 70_000 / data.len().max(1) + 2;
        let array = [&b"[\n"[..], &vec![&data[..]; copies].join(&b",\n"[..]), b"\n]\n"].concat();
        let lines = vec![&data[..]; copies].join(&b"\n"[..]);
        for (what, big) in [("array", &array), ("lines", &lines)] {
            assert!(big.len() > 65_536);
            for slices in [&[4096][..], &[70_001, 333]] {
                assert_same(&format!("{name} ({what})"), big, slices, 7);
            }
        }
    }
}

#[test]
fn generated_exports_read_the_same_in_slices() {
    for pretty in [true, false] {
        let data = common::generated_findings(400, pretty);
        for slices in [&[8192][..], &[1000, 37], &[100_000], &[3]] {
            assert_same("gen.json", &data, slices, 250);
        }
    }
}

/// Broken files: the error (message, line, column) and the records before it are the same,
/// and a file cut short waits for its end rather than reporting an error early.
#[test]
fn broken_files_read_the_same_in_slices() {
    let data = common::generated_findings(60, true);
    let mid = data.len() / 2 + data[data.len() / 2..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut garbage = data.clone();
    garbage.splice(mid..mid, b"}}]".iter().copied());
    let cut = data[..mid].to_vec();
    let mut trailing = data.clone();
    trailing.extend_from_slice(b"\n{\"findings\": [], \"failedItems\": {}}\nx");
    let mut utf16 = vec![0xFF, 0xFE];
    for c in String::from_utf8(common::generated_findings(5, true))
        .unwrap()
        .encode_utf16()
    {
        utf16.extend_from_slice(&c.to_le_bytes());
    }
    let blank_then_json = [vec![b' '; 5000], data.clone()].concat();
    // Not UTF-8 late in a large file, after bytes were dropped: the error names the byte in
    // the file, as a whole read does.
    let mut latin1 = common::generated_findings(400, true);
    let late = latin1.len() * 3 / 4;
    let at = late + memchr::memmem::find(&latin1[late..], b"\"title\": \"").unwrap() + 12;
    latin1.insert(at, 0xe9);
    for (name, bytes) in [
        ("garbage", &garbage),
        ("cut", &cut),
        ("trailing", &trailing),
        ("utf16", &utf16),
        ("blank-first", &blank_then_json),
        ("latin1", &latin1),
    ] {
        for slices in [&[1000][..], &[17, 4000]] {
            assert_same(name, bytes, slices, 40);
        }
        let got = streamed(name, bytes, &[1000], 40);
        if name != "utf16" && name != "blank-first" {
            assert!(got.report.error.is_some(), "{name}: an error is reported");
        }
    }
}

/// A streamed job drops what it has read: it never holds the whole file, and what it gives is
/// still exactly a whole read's (lines and columns after the drops, the list-length issue at
/// the list's `[` long dropped, small responses of an array read whole after drops).
#[test]
fn a_streamed_job_holds_only_what_it_still_needs() {
    // An issue late in the file, far past the first drops.
    let plant = |mut data: Vec<u8>| {
        let late = data.len() * 9 / 10;
        let at = late + memchr::memmem::find(&data[late..], b"\"title\"").unwrap();
        data.splice(at..at, b"\"customerNote\": 1, ".iter().copied());
        data
    };
    let single = plant(common::generated_findings(2500, true));
    let layout = inspector_viewer::generate::Layout::Responses { per_response: 7 };
    let responses = plant(common::generated_in(2500, true, layout));
    // A list longer than one call returns: its issue stands at the `[`, dropped long before.
    let arns: Vec<String> = (0..30_000)
        .map(|i| {
            format!(
                "        \"arn:aws:inspector:us-east-1:123456789012:target/0-t/template/0-p/run/0-r/finding/0-{i}\""
            )
        })
        .collect();
    let list = format!("{{\n    \"findingArns\": [\n{}\n    ]\n}}\n", arns.join(",\n")).into_bytes();
    for (name, data) in [("single", &single), ("responses", &responses), ("arns", &list)] {
        let expected = whole(name, data);
        assert!(!expected.report.issues.is_empty(), "{name}: issues to place");
        if name == "arns" {
            assert_eq!(
                (expected.report.issues[0].line, expected.report.issues[0].column),
                (2, 20)
            );
        }
        let mut cx = Context::default();
        let slice = 64 * 1024;
        let mut job = FileJob::streaming(name, data[..slice].to_vec(), data.len(), Options::default());
        let mut held = 0;
        for chunk in data[slice..].chunks(slice) {
            while job.has_work() && job.step(&mut cx, 50) != Progress::Done {}
            job.feed(chunk);
            held = held.max(job.held_bytes());
        }
        job.end_of_input();
        while job.step(&mut cx, 50) != Progress::Done {}
        assert!(held < data.len() / 8, "{name}: held {held} of {} bytes", data.len());
        let got = job.finish();
        assert_eq!(got.report, expected.report, "{name}");
        assert!(got.records == expected.records, "{name}: records differ");
    }
}

#[test]
fn a_streamed_job_reports_progress_against_the_whole_size() {
    let data = common::generated_findings(200, true);
    let half = data.len() / 2;
    let mut job = FileJob::streaming("f.json", data[..half].to_vec(), data.len(), Options::default());
    let mut cx = Context::default();
    let mut last = 0.0;
    while job.has_work() {
        match job.step(&mut cx, 10) {
            Progress::Reading(f) => {
                assert!(f >= last && f <= 0.5, "progress {f} after {last}");
                last = f;
            }
            Progress::Done => panic!("done with half of the bytes"),
        }
    }
    assert!(last > 0.4, "read most of what arrived: {last}");
    assert!(job.records_so_far() > 80, "records so far: {}", job.records_so_far());
    job.feed(&data[half..]);
    job.end_of_input();
    while job.step(&mut cx, 10) != Progress::Done {}
    assert_eq!(job.finish().records.findings.len(), 200);
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any slicing of an export with planted defects reads as the whole file does.
        #[test]
        fn any_slicing_reads_the_same(
            slices in proptest::collection::vec(1usize..6000, 1..8),
            budget in 1usize..300,
            defect in 0usize..4,
        ) {
            let mut data = common::generated_findings(80, defect % 2 == 0);
            let at = data.len() / 3;
            match defect {
                1 => data.splice(at..at, b"\"x\": 1, ".iter().copied()).for_each(drop),
                2 => data.truncate(at),
                3 => data.splice(at..at, b"\\u00".iter().copied()).for_each(drop),
                _ => {}
            }
            assert_same("prop.json", &data, &slices, budget);
        }
    }
}

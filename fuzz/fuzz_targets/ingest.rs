//! Arbitrary bytes → `read_file` (at once, and resumed in one-record slices) → `Dataset::merge`.
//!
//! Invariants checked on every input (a failed assertion is a crash to libFuzzer):
//! * reading never panics, whatever the bytes;
//! * every issue's and the error's line:column lies inside the file's text;
//! * reading in slices of one record gives exactly what one read gives;
//! * after merging the file with itself and with a valid file:
//!   records read = records shown + collapsed + superseded, and the valid file is undisturbed.
#![no_main]

use inspector_viewer::ingest::{read_file, Context, Dataset, FileJob, LoadedFile, Options, Progress};
use libfuzzer_sys::fuzz_target;
use std::rc::Rc;

const GOOD: &str = r#"{"findings":[{"arn":"arn:aws:inspector:us-west-2:123456789012:target/0-a/template/0-b/run/0-c/finding/0-d",
"attributes":[],"userAttributes":[],"createdAt":1458680301.4,"updatedAt":"2016-03-22T20:58:21.400Z","severity":"High"}],
"failedItems":{}}"#;

/// The text as the viewer sees it, for bounding positions (lossy: never fewer characters).
fn text_of(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Characters per line of one reading of the file.
fn line_widths(text: &str) -> Vec<usize> {
    text.split('\n').map(|l| l.chars().count()).collect()
}

fn within(widths: &[usize], line: u32, column: u32) -> bool {
    line >= 1 && column >= 1 && widths.get(line as usize - 1).is_some_and(|w| column as usize <= w + 1)
}

fn check_positions(bytes: &[u8], f: &LoadedFile) {
    // Every reading the reader may pick (UTF-8, UTF-16 with or without a BOM): a position must
    // fit at least one of them. Computed once per input (issues may number in the thousands).
    let mut readings = vec![line_widths(&text_of(bytes))];
    if bytes.len() >= 4 && bytes.len().is_multiple_of(2) {
        let le: Vec<u16> = bytes.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let be: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        readings.push(line_widths(&String::from_utf16_lossy(&le)));
        readings.push(line_widths(&String::from_utf16_lossy(&be)));
    }
    let ok = |line: u32, column: u32| readings.iter().any(|w| within(w, line, column));
    if let Some(e) = &f.report.error {
        assert!(ok(e.line, e.column), "error outside the file: {e:?}");
    }
    for i in &f.report.issues {
        assert!(ok(i.line, i.column), "issue outside the file: {i:?}");
    }
}

/// `data` fed to a streamed job `piece` bytes at a time, stepping between pieces, with read
/// bytes dropped as early as allowed.
fn streamed(data: &[u8], piece: usize, options: Options) -> LoadedFile {
    let options = Options {
        drop_read_after: 1,
        ..options
    };
    let first = piece.min(data.len());
    let mut job = FileJob::streaming("fuzz.json", data[..first].to_vec(), data.len(), options);
    let mut cx = Context::default();
    for more in data[first..].chunks(piece) {
        job.feed(more);
        let mut steps = 0usize;
        while job.has_work() && job.step(&mut cx, 3) != Progress::Done {
            steps += 1;
            assert!(steps <= data.len() + 2, "the streamed reader does not make progress");
        }
    }
    job.end_of_input();
    while job.step(&mut cx, 3) != Progress::Done {}
    job.finish()
}

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let whole = read_file("fuzz.json", data.to_vec(), &mut Context::default(), options);
    check_positions(data, &whole);
    assert_eq!(
        whole.report.issues.len() + whole.report.issues_not_kept,
        whole.report.counts.values().sum::<usize>()
    );

    let mut job = FileJob::new("fuzz.json", data.to_vec(), options);
    let mut cx = Context::default();
    let mut steps = 0usize;
    while job.step(&mut cx, 1) != Progress::Done {
        steps += 1;
        assert!(steps <= data.len() + 2, "the reader does not make progress");
    }
    assert_eq!(job.finish(), whole, "reading in slices differs from reading at once");

    // Bytes arriving in pieces (as the page reads a file), read bytes dropped as early as
    // allowed (positions must not depend on them): the same result.
    let piece = 1 + data.first().map_or(0, |&b| usize::from(b)) * 7;
    assert_eq!(
        streamed(data, piece, options),
        whole,
        "reading as bytes arrive differs from reading at once"
    );

    // Many copies in one file past 64 KiB (smaller files are read whole once in, and never
    // drop read bytes): the same check.
    if data.len() >= 16 {
        let copies = 66_000 / data.len() + 2;
        let big = [&b"["[..], &vec![data; copies].join(&b","[..]), b"]"].concat();
        let whole = read_file("fuzz.json", big.clone(), &mut Context::default(), options);
        assert_eq!(
            streamed(&big, piece.max(4093), options),
            whole,
            "a large file read as bytes arrive differs from reading at once"
        );
    }

    let mut cx = Context::default();
    let good = Rc::new(read_file("good.json", GOOD.as_bytes().to_vec(), &mut cx, options));
    let a = Rc::new(read_file("a.json", data.to_vec(), &mut cx, options));
    let b = Rc::new(read_file("b.json", data.to_vec(), &mut cx, options));
    let d = Dataset::merge(vec![a, good.clone(), b]);
    assert_eq!(d.records_read(), d.records_shown() + d.collapsed + d.superseded);
    assert!(good.usable() && good.report.issues.is_empty());
    assert!(d.files[1].report.issues.is_empty());
});

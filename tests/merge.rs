//! Merging across files: identity by ARN, and records without a usable ARN kept apart.

use inspector_viewer::ingest::{read_file, Context, Dataset, Options};
use std::rc::Rc;

fn finding(arn: &str, title: &str) -> String {
    format!(r#"{{"arn":"{arn}","title":"{title}","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1}}"#)
}

#[test]
fn empty_or_missing_arns_never_merge_records() {
    let a = format!(
        r#"{{"findings":[{},{}],"failedItems":{{}}}}"#,
        finding("", "one"),
        finding("", "two")
    );
    let b = r#"{"findings":[{"title":"three","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1}],"failedItems":{}}"#;
    let mut cx = Context::default();
    let fa = read_file("a.json", a.into_bytes(), &mut cx, Options::default());
    let fb = read_file("b.json", b.as_bytes().to_vec(), &mut cx, Options::default());
    let data = Dataset::merge(vec![Rc::new(fa), Rc::new(fb)]);
    let titles: Vec<&str> = data.findings.iter().filter_map(|m| m.rec.title.as_deref()).collect();
    assert_eq!(titles, ["one", "two", "three"]);
    assert_eq!((data.collapsed, data.superseded), (0, 0));
    assert!(data.merge_issues.is_empty(), "{:?}", data.merge_issues);
}

#[test]
fn the_same_arn_in_two_files_is_one_record_with_both_sources() {
    let doc = format!(
        r#"{{"findings":[{}],"failedItems":{{}}}}"#,
        finding("arn:x/finding/0-1", "same")
    );
    let mut cx = Context::default();
    let f1 = read_file("a.json", doc.clone().into_bytes(), &mut cx, Options::default());
    let f2 = read_file("b.json", doc.into_bytes(), &mut cx, Options::default());
    let data = Dataset::merge(vec![Rc::new(f1), Rc::new(f2)]);
    assert_eq!(data.findings.len(), 1);
    let files: Vec<usize> = data.findings[0].sources.iter().map(|s| s.file).collect();
    assert_eq!(files, [0, 1]);
    assert_eq!(data.collapsed, 1);
    assert_eq!(
        data.records_read(),
        data.records_shown() + data.collapsed + data.superseded
    );
}

#[test]
fn a_records_issues_are_collected_from_every_file_it_came_from() {
    let bad = r#"{"findings":[{"arn":"arn:x/finding/0-9","severity":"HIGH","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1}],"failedItems":{}}"#;
    let other = format!(
        r#"{{"findings":[{}],"failedItems":{{}}}}"#,
        finding("arn:x/finding/0-8", "fine")
    );
    let mut cx = Context::default();
    let f1 = read_file("a.json", bad.as_bytes().to_vec(), &mut cx, Options::default());
    let f2 = read_file("b.json", bad.as_bytes().to_vec(), &mut cx, Options::default());
    let f3 = read_file("c.json", other.into_bytes(), &mut cx, Options::default());
    let data = Dataset::merge(vec![Rc::new(f1), Rc::new(f2), Rc::new(f3)]);
    let m = data
        .findings
        .iter()
        .find(|m| m.rec.arn.as_deref() == Some("arn:x/finding/0-9"))
        .unwrap_or_else(|| panic!("merged"));
    let issues = data.record_issues(&m.sources, "arn:x/finding/0-9");
    let got: Vec<(&str, &str)> = issues.iter().map(|(f, i)| (f.as_str(), i.rule.as_str())).collect();
    assert_eq!(got, [("a.json", "enum"), ("b.json", "enum")]);
    assert!(data.record_issues(&m.sources, "arn:x/finding/0-8").is_empty());
}

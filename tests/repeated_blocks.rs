//! Shortcuts of the finding reader give what the plain read gives: repeated asset attribute
//! blocks are checked and typed once (records, issues and positions as when every block is read
//! afresh, with defects in some blocks), and a finding's ARN is a string of its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::ingest::{read_file, Context, LoadedFile, Options};
use serde_json::Value;
use std::rc::Rc;

mod common;

/// Generated findings (many per instance, so blocks repeat), with planted defects in the asset
/// blocks of some findings: a wrong type, an unknown member, a value too long.
fn export() -> (Value, usize) {
    let bytes = common::generated_findings(900, true);
    let mut doc: Value = serde_json::from_slice(&bytes).unwrap();
    let findings = doc["findings"].as_array_mut().unwrap();
    let n = findings.len();
    for (i, f) in findings.iter_mut().enumerate() {
        let a = f["assetAttributes"].as_object_mut().unwrap();
        match i % 13 {
            3 => {
                a.insert("schemaVersion".into(), Value::from("1"));
            }
            5 => {
                a.insert("plantedMember".into(), Value::from(true));
            }
            8 => {
                a.insert("hostname".into(), Value::from("h".repeat(300)));
            }
            _ => {}
        }
    }
    (doc, n)
}

/// Equal lists; on a difference, the first differing entry (not two lists of hundreds).
fn same_lists<T: PartialEq + std::fmt::Debug>(a: &[T], b: &[T], what: &str) {
    if let Some(i) = (0..a.len().min(b.len())).find(|&i| a[i] != b[i]) {
        panic!("{what} differ first at {i}:\n{:?}\n{:?}", a[i], b[i]);
    }
    assert_eq!(a.len(), b.len(), "{what}: lengths");
}

fn read(text: String) -> (LoadedFile, Context) {
    let mut cx = Context::default();
    let f = read_file("f.json", text.into_bytes(), &mut cx, Options::default());
    (f, cx)
}

#[test]
fn a_repeated_block_reads_as_if_it_were_read_afresh() {
    let (doc, n) = export();
    let text = serde_json::to_string_pretty(&doc).unwrap();
    // The same document where no two asset blocks have the same bytes: trailing spaces (a
    // different number per finding) after each block's opening brace, on a line of its own,
    // so every later line and column stays the same.
    let mut k = 0;
    let unique = text
        .split_inclusive('\n')
        .map(|line| {
            if line.trim_end().ends_with("\"assetAttributes\": {") {
                k += 1;
                format!("{}{}\n", line.trim_end_matches('\n'), " ".repeat(k))
            } else {
                line.to_owned()
            }
        })
        .collect::<String>();
    assert_eq!(k, n);

    let (shared, cx_shared) = read(text);
    let (fresh, cx_fresh) = read(unique);
    assert!(shared.usable() && fresh.usable());
    assert_eq!(shared.records.findings.len(), n);
    // Blocks were stepped over in the shared read, and never in the read where every block
    // is different.
    let unique_blocks = cx_shared.asset_blocks.len();
    assert!(
        unique_blocks > 0 && unique_blocks * 5 < n,
        "{unique_blocks} blocks remembered"
    );
    assert!(
        cx_shared.asset_blocks.hits() >= n / 2,
        "{} hits",
        cx_shared.asset_blocks.hits()
    );
    assert_eq!(cx_fresh.asset_blocks.hits(), 0);

    // Records: equal field by field, at the same line, column and path.
    same_lists(&shared.records.findings, &fresh.records.findings, "findings");
    // Issues: the same, in the same order, each at the same line and column.
    same_lists(&shared.report.issues, &fresh.report.issues, "issues");
    assert_eq!(shared.report.counts, fresh.report.counts);
    // Every planted defect is reported, on every finding that carries it.
    for (i, rule_word) in [(3usize, "schemaVersion"), (5, "plantedMember"), (8, "hostname")] {
        let with = (0..n).filter(|j| j % 13 == i).count();
        let reported = shared
            .report
            .issues
            .iter()
            .filter(|x| x.path.contains("assetAttributes") && x.path.contains(rule_word))
            .count();
        assert_eq!(reported, with, "{rule_word}: {reported} of {with}");
    }
    // Findings of one instance share one value.
    let a = &shared.records.findings;
    let same = a
        .iter()
        .skip(1)
        .filter(|f| match (&f.rec.asset_attributes, &a[0].rec.asset_attributes) {
            (Some(x), Some(y)) => Rc::ptr_eq(x, y),
            _ => false,
        })
        .count();
    assert!(same > 0);
}

#[test]
fn a_repeated_member_still_reads_its_last_copy_and_compact_text_is_stepped_over_too() {
    let block = r#"{"schemaVersion":1,"agentId":"i-0123456789abcdef0","amiId":"ami-0123456789abcdef0","hostname":"ip-10-0-0-1.ec2.internal","ipv4Addresses":["10.0.0.1"]}"#;
    let other = r#"{"schemaVersion":1,"agentId":"i-0fedcba9876543210","ipv4Addresses":["10.0.0.2"]}"#;
    assert!(block.len() > inspector_viewer::ingest::BLOCK_PREFIX);
    let finding = |n: u32, assets: &str| {
        format!(
            r#"{{"arn":"arn:aws:inspector:us-east-1:111122223333:target/0-a/template/0-b/run/0-c/finding/0-{n}","assetAttributes":{assets},"title":"t{n}","severity":"High","createdAt":1500000000,"updatedAt":1500000000}}"#
        )
    };
    let doc = |pad: &dyn Fn(u32) -> String| {
        let b = |n: u32| block.replacen('{', &format!("{{{}", pad(n)), 1);
        let f1 = finding(1, &b(1));
        let f2 = finding(2, &b(2));
        // The block, then a second copy of the member: the last copy wins.
        let f3 = finding(3, &format!(r#"{},"assetAttributes":{other}"#, b(3)));
        format!(r#"{{"findings":[{f1},{f2},{f3}],"failedItems":{{}}}}"#)
    };
    let (shared, cx) = read(doc(&|_| String::new()));
    let (fresh, _) = read(doc(&|n| " ".repeat(n as usize)));
    assert_eq!(cx.asset_blocks.hits(), 2);
    let recs = |f: &LoadedFile| f.records.findings.iter().map(|l| l.rec.clone()).collect::<Vec<_>>();
    same_lists(&recs(&shared), &recs(&fresh), "findings");
    let agent = |f: &LoadedFile, i: usize| {
        f.records.findings[i]
            .rec
            .asset_attributes
            .as_ref()
            .and_then(|a| a.agent_id.as_deref().map(str::to_owned))
    };
    assert_eq!(agent(&shared, 1).as_deref(), Some("i-0123456789abcdef0"));
    assert_eq!(agent(&shared, 2).as_deref(), Some("i-0fedcba9876543210"));
    // The same issues (columns move with the padding on this one line).
    let said = |f: &LoadedFile| {
        f.report
            .issues
            .iter()
            .map(|i| (i.level, i.rule, i.path.clone(), i.message.clone(), i.line))
            .collect::<Vec<_>>()
    };
    same_lists(&said(&shared), &said(&fresh), "issues");
    assert!(
        said(&shared)
            .iter()
            .any(|i| i.2 == "findings[2].assetAttributes" && i.3.contains("more than once")),
        "{:?}",
        said(&shared)
    );
}

#[test]
fn a_findings_arn_is_its_own_string_and_odd_arns_read_as_before() {
    let arn =
        |n: u32| format!("arn:aws:inspector:us-east-1:111122223333:target/0-a/template/0-b/run/0-c/finding/0-{n}");
    let doc = format!(
        r#"{{"findings":[{{"arn":"{}","title":"a"}},{{"arn":"{}","title":"b","arn":"{}"}},{{"arn":7,"title":"c"}}],"failedItems":{{}}}}"#,
        arn(1),
        arn(2),
        arn(3)
    );
    let (f, cx) = read(doc);
    let recs = &f.records.findings;
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0].rec.arn.as_deref(), Some(arn(1).as_str()));
    // A repeated member: the last copy wins, and the repetition is reported.
    assert_eq!(recs[1].rec.arn.as_deref(), Some(arn(3).as_str()));
    assert!(f
        .report
        .issues
        .iter()
        .any(|i| i.path == "findings[1].arn" && i.message.contains("more than once")));
    // Not a string: kept as written, and reported.
    assert!(recs[2].rec.arn.is_none());
    assert!(recs[2]
        .rec
        .extra
        .iter()
        .any(|(k, v)| &**k == "arn" && *v == inspector_viewer::model::Json::Num("7".into())));
    assert!(f.report.issues.iter().any(|i| i.path == "findings[2].arn"));
    // The plain ARN was not interned (no other record shares it).
    let mut strings = cx.strings;
    let before = strings.len();
    let _ = strings.intern(&arn(1));
    assert_eq!(strings.len(), before + 1, "the ARN was not in the string table");
}

/// Asset blocks to draw from: clean ones (long enough to be remembered), one with a wrong
/// type, one with an unknown member, one too short to be remembered, one with a repeated member,
/// and values that are not objects.
const BLOCKS: [&str; 9] = [
    r#"{"schemaVersion":1,"agentId":"i-0aaaaaaaaaaaaaaa1","amiId":"ami-0aaaaaaaaaaaaaaa1","hostname":"ip-10-0-0-1.ec2.internal","ipv4Addresses":["10.0.0.1"]}"#,
    r#"{"schemaVersion":1,"agentId":"i-0aaaaaaaaaaaaaaa1","amiId":"ami-0aaaaaaaaaaaaaaa1","hostname":"ip-10-0-0-1.ec2.internal","ipv4Addresses":["10.0.0.2"]}"#,
    r#"{"schemaVersion":1,"agentId":"i-0bbbbbbbbbbbbbbb2","amiId":"ami-0bbbbbbbbbbbbbbb2","hostname":"ip-10-0-0-2.ec2.internal","ipv4Addresses":[7]}"#,
    r#"{"schemaVersion":1,"agentId":"i-0ccccccccccccccc3","amiId":"ami-0ccccccccccccccc3","hostname":"ip-10-0-0-3.ec2.internal","planted":true}"#,
    r#"{"schemaVersion":1,"agentId":"i-0ddd4"}"#,
    r#"{"schemaVersion":1,"agentId":"i-0eeeeeeeeeeeeeee5","amiId":"ami-0eeeeeeeeeeeeeee5","hostname":"ip-10-0-0-5.ec2.internal","hostname":"ip-10-0-0-6.ec2.internal"}"#,
    r#"{"schemaVersion":1,"agentId":"i-0fffffffffffffff6","amiId":"ami-0fffffffffffffff6","hostname":"ip-10-0-0-6.ec2.internal","tags":[{"key":"Name","value":"web"}]}"#,
    "null",
    r#""{\"schemaVersion\":1,\"agentId\":\"i-0aaaaaaaaaaaaaaa1\",\"amiId\":\"ami-0aaaaaaaaaaaaaaa1\",\"hostname\":\"ip-10-0-0-1.ec2.internal\"}""#,
];

/// One finding: its asset block (an index into BLOCKS), where the member stands (3 = last), and
/// whether a second copy of the member follows.
#[derive(Debug, Clone)]
struct Drawn {
    block: usize,
    place: usize,
    repeated: Option<usize>,
}

fn drawn() -> impl proptest::strategy::Strategy<Value = Drawn> {
    use proptest::prelude::*;
    (0..BLOCKS.len(), 0..4usize, proptest::option::of(0..BLOCKS.len())).prop_map(|(block, place, repeated)| Drawn {
        block,
        place,
        repeated,
    })
}

/// The export, with `pad(i)` after each asset object's `{` (before any other value).
fn export_of(findings: &[Drawn], pretty: bool, pad: &dyn Fn(usize) -> String) -> String {
    let sep = if pretty { ",\n        " } else { "," };
    let docs: Vec<String> = findings
        .iter()
        .enumerate()
        .map(|(i, d)| {
            // Inside an object, so the block's bytes differ; before any other value.
            let b = BLOCKS[d.block];
            let block = match b.strip_prefix('{') {
                Some(rest) => format!("{{{}{rest}", pad(i)),
                None => format!("{}{b}", pad(i)),
            };
            let mut asset = format!(r#""assetAttributes":{block}"#);
            if let Some(r) = d.repeated {
                asset = format!(r#"{asset}{sep}"assetAttributes":{}"#, BLOCKS[r]);
            }
            let mut members = vec![
                format!(
                    r#""arn":"arn:aws:inspector:us-east-1:111122223333:target/0-a/template/0-b/run/0-c/finding/0-{i}""#
                ),
                r#""title":"t","severity":"High""#.to_owned(),
                r#""createdAt":1500000000"#.to_owned(),
            ];
            members.insert(d.place, asset);
            format!("{{{}}}", members.join(sep))
        })
        .collect();
    format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, docs.join(sep))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// Any mix of clean, defective, short and repeated blocks, anywhere in the finding, pretty
    /// or compact: the read equals the read where no block can be reused.
    #[test]
    fn any_mix_of_blocks_reads_as_if_each_were_read_afresh(
        findings in proptest::collection::vec(drawn(), 1..40),
        pretty in proptest::bool::ANY,
    ) {
        let (shared, _) = read(export_of(&findings, pretty, &|_| String::new()));
        let (fresh, cx) = read(export_of(&findings, pretty, &|i| " ".repeat(i + 1)));
        proptest::prop_assert_eq!(cx.asset_blocks.hits(), 0);
        let recs = |f: &LoadedFile| f.records.findings.iter().map(|l| (l.rec.clone(), l.line, l.path.clone())).collect::<Vec<_>>();
        proptest::prop_assert_eq!(recs(&shared), recs(&fresh));
        // Columns move with the padding on a line; everything else is the same.
        let said = |f: &LoadedFile| {
            f.report.issues.iter().map(|i| (i.level, i.rule, i.path.clone(), i.message.clone(), i.line)).collect::<Vec<_>>()
        };
        proptest::prop_assert_eq!(said(&shared), said(&fresh));
        proptest::prop_assert_eq!(&shared.report.counts, &fresh.report.counts);
    }
}

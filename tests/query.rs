//! Query layer: facets (OR within, AND across), search, sort by rank, groups, URL tokens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::ingest::{read_file, Context, Dataset, Options};
use inspector_viewer::query::{Column, Dim, Filters, FindingIndex, GroupBy, Sort, ViewCodec};
use std::rc::Rc;

mod common;

const RUN1: &str = "arn:aws:inspector:us-east-1:111122223333:target/0-aaaaaaaa/template/0-bbbbbbbb/run/0-cccccccc";
const CVE: &str = "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7";
const NR: &str = "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-PmNV0Tcd";

fn finding(n: usize, sev: &str, id: &str, pkg: &str, instance: &str, title: &str, created: u64) -> String {
    format!(
        r#"{{"arn":"{RUN1}/finding/0-{n:08}","id":"{id}","title":"{title}","severity":"{sev}","description":"desc of {id}",
        "serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"{RUN1}","rulesPackageArn":"{pkg}"}},
        "assetAttributes":{{"schemaVersion":1,"agentId":"{instance}","ipv4Addresses":["10.0.0.{n}"]}},
        "attributes":[{{"key":"INSTANCE_ID","value":"{instance}"}}],"userAttributes":[],
        "createdAt":{created},"updatedAt":{created}}}"#
    )
}

fn index() -> (Dataset, FindingIndex) {
    let findings = [
        finding(
            1,
            "High",
            "CVE-2018-10",
            CVE,
            "i-1",
            "Instance i-1 is vulnerable to CVE-2018-10",
            1_500_000_001,
        ),
        finding(
            2,
            "Medium",
            "CVE-2018-9",
            CVE,
            "i-2",
            "Instance i-2 is vulnerable to CVE-2018-9",
            1_500_000_002,
        ),
        finding(
            3,
            "Low",
            "Recognized port reachable from internet",
            NR,
            "i-1",
            "On instance i-1, TCP port 22 (SSH)",
            1_500_000_003,
        ),
        finding(
            4,
            "Informational",
            "CVE-2018-9",
            CVE,
            "i-3",
            "Instance i-3 is vulnerable to CVE-2018-9",
            1_500_000_004,
        ),
        finding(
            5,
            "High",
            "CVE-2018-9",
            CVE,
            "i-1",
            "Instance i-1 is vulnerable to CVE-2018-9",
            1_500_000_005,
        ),
    ];
    let doc = format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, findings.join(","));
    let f = read_file("f.json", doc.into_bytes(), &mut Context::default(), Options::default());
    assert!(f.usable());
    let data = Dataset::merge(vec![Rc::new(f)]);
    let ix = FindingIndex::build(&data);
    (data, ix)
}

fn ids(data: &Dataset, rows: &[u32]) -> Vec<String> {
    rows.iter()
        .map(|&i| {
            data.findings[i as usize]
                .rec
                .arn
                .as_deref()
                .unwrap_or("")
                .rsplit('-')
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

#[test]
fn severity_sorts_by_rank_not_alphabet() {
    let (data, ix) = index();
    let r = ix.query(&Filters::default(), Sort::default());
    // High (newest first), Medium, Low, Informational.
    assert_eq!(
        ids(&data, &r.rows),
        ["00000005", "00000001", "00000002", "00000003", "00000004"]
    );
    let asc = ix.query(
        &Filters::default(),
        Sort {
            column: Column::Severity,
            descending: false,
        },
    );
    assert_eq!(ids(&data, &asc.rows)[0], "00000004");
    let by_rule = ix.query(
        &Filters::default(),
        Sort {
            column: Column::RuleId,
            descending: false,
        },
    );
    // Natural order: CVE-2018-9 before CVE-2018-10; "Recognized…" last.
    let rules: Vec<String> = by_rule
        .rows
        .iter()
        .map(|&i| data.findings[i as usize].rec.id.as_deref().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        rules,
        [
            "CVE-2018-9",
            "CVE-2018-9",
            "CVE-2018-9",
            "CVE-2018-10",
            "Recognized port reachable from internet"
        ]
    );
}

#[test]
fn facets_or_within_and_across_with_counts_excluding_own_filter() {
    let (data, ix) = index();
    let mut f = Filters::default();
    f.toggle(Dim::Severity, "High");
    f.toggle(Dim::Severity, "Low");
    let r = ix.query(&f, Sort::default());
    assert_eq!(r.total, 3);
    f.toggle(Dim::Instance, "i-1");
    f.toggle(Dim::Package, "Common Vulnerabilities and Exposures");
    let r = ix.query(&f, Sort::default());
    assert_eq!(ids(&data, &r.rows), ["00000005", "00000001"]);
    let sev = r.facets.iter().find(|x| x.dim == Dim::Severity).unwrap();
    // Severity counts ignore the severity filter itself: i-1 & CVE has High ×2 only.
    let counts: Vec<(&str, usize, bool)> = sev
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count, v.selected))
        .collect();
    assert_eq!(counts, [("High", 2, true), ("Low", 0, true)]);
    let pkg = r.facets.iter().find(|x| x.dim == Dim::Package).unwrap();
    let names: Vec<(&str, usize)> = pkg.values.iter().map(|v| (v.label.as_str(), v.count)).collect();
    assert_eq!(
        names,
        [("Common Vulnerabilities and Exposures", 2), ("Network Reachability", 1)]
    );
    assert_eq!(r.by_severity, [2, 0, 0, 0, 0, 0]);
}

#[test]
fn search_covers_title_description_id_and_arn_case_insensitively() {
    let (data, ix) = index();
    let q = |s: &str| {
        let f = Filters {
            search: s.to_owned(),
            ..Filters::default()
        };
        let mut v = ids(&data, &ix.query(&f, Sort::default()).rows);
        v.sort();
        v
    };
    assert_eq!(q("ssh"), ["00000003"]);
    assert_eq!(q("DESC OF cve-2018-10"), ["00000001"]);
    assert_eq!(q("0-00000004"), ["00000004"]);
    assert_eq!(q("CVE-2018-9"), ["00000002", "00000004", "00000005"]);
    assert!(q("no such text").is_empty());
    // The asset too: IP addresses, instance ids.
    assert_eq!(q("10.0.0.4"), ["00000004"]);
    assert_eq!(q("  ").len(), 5);
}

#[test]
fn groups_count_by_rule_and_instance() {
    let (_, ix) = index();
    let r = ix.query(&Filters::default(), Sort::default());
    let g = ix.groups(&r.rows, GroupBy::RuleId);
    let got: Vec<(&str, usize)> = g.iter().map(|g| (g.label.as_str(), g.count)).collect();
    assert_eq!(
        got,
        [
            ("CVE-2018-9", 3),
            ("CVE-2018-10", 1),
            ("Recognized port reachable from internet", 1)
        ]
    );
    assert_eq!(g[0].by_severity, [1, 1, 0, 1, 0, 0]);
    let inst = ix.groups(&r.rows, GroupBy::Instance);
    assert_eq!((inst[0].label.as_str(), inst[0].count), ("i-1", 3));
}

#[test]
fn url_tokens_resolve_back_to_values_without_exposing_them() {
    let (_, ix) = index();
    let token = ViewCodec::value_token(Dim::Instance, "i-2");
    assert!(!token.contains("i-2"));
    assert_eq!(ix.resolve_token(Dim::Instance, &token).as_deref(), Some("i-2"));
    assert_eq!(ix.resolve_token(Dim::Instance, "h:0000000000000000"), None);
    // A filter on a value absent from the data matches nothing.
    let mut f = Filters::default();
    f.toggle(Dim::Instance, "i-404");
    assert_eq!(ix.query(&f, Sort::default()).total, 0);
}

#[test]
fn sort_tables_rank_values_in_natural_order_whether_prepared_or_lazy() {
    let (_, lazy) = index();
    let (_, prepared) = index();
    for t in prepared.sort_tables() {
        // In slices of two values, as the loader does (in larger ones).
        let mut keys = inspector_viewer::query::SortKeys::default();
        while !t.add_sort_keys(&mut keys, 2) {}
        t.prepare_sort(keys);
        // Ranked now: no key is asked for any more.
        assert!(t.is_empty() || t.add_sort_keys(&mut inspector_viewer::query::SortKeys::default(), 0));
    }
    for (l, p) in lazy.sort_tables().into_iter().zip(prepared.sort_tables()) {
        assert!(!l.is_empty());
        let ids: Vec<u32> = (0..u32::try_from(l.len()).unwrap()).collect();
        for &a in &ids {
            assert_eq!(l.ord(a), p.ord(a));
            for &b in &ids {
                let (na, nb) = (l.name(a).unwrap(), l.name(b).unwrap());
                let expected = inspector_viewer::query::natural_cmp(na, nb);
                assert_eq!(l.ord(a).cmp(&l.ord(b)), expected, "{na} vs {nb}");
            }
        }
    }
}

#[test]
fn long_facets_show_the_top_fifty_in_count_then_natural_order_and_keep_selected_values() {
    // 70 instances: i-1 … i-70; i-k has one finding, plus extra findings for i-3 (×3) and i-7.
    let mut findings: Vec<String> = (1..=70)
        .map(|k| finding(k, "Low", "CVE-1", CVE, &format!("i-{k}"), "t", 1_500_000_000))
        .collect();
    for (n, inst) in [(71, "i-3"), (72, "i-3"), (73, "i-7")] {
        findings.push(finding(n, "Low", "CVE-1", CVE, inst, "t", 1_500_000_000));
    }
    let doc = format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, findings.join(","));
    let f = read_file("f.json", doc.into_bytes(), &mut Context::default(), Options::default());
    let data = Dataset::merge(vec![Rc::new(f)]);
    let ix = FindingIndex::build(&data);
    let labels = |filters: &Filters| -> (Vec<String>, usize, Vec<String>) {
        let r = ix.query(filters, Sort::default());
        let facet = r.facets.iter().find(|f| f.dim == Dim::Instance).unwrap().clone();
        let selected = facet
            .values
            .iter()
            .filter(|v| v.selected)
            .map(|v| v.value.clone())
            .collect();
        (
            facet.values.into_iter().map(|v| v.label).collect(),
            facet.more,
            selected,
        )
    };
    let (shown, more, _) = labels(&Filters::default());
    assert_eq!(shown.len(), 50);
    assert_eq!(more, 20);
    // Most findings first, then natural order (i-9 before i-10).
    assert_eq!(&shown[..6], ["i-3", "i-7", "i-1", "i-2", "i-4", "i-5"]);
    assert_eq!(shown[49], "i-50");
    // A selected value beyond the top fifty is still shown, and marked.
    let mut filters = Filters::default();
    filters.toggle(Dim::Instance, "i-70");
    let (shown, more, selected) = labels(&filters);
    assert_eq!(shown.len(), 51);
    assert_eq!(more, 19);
    assert_eq!(shown.last().map(String::as_str), Some("i-70"));
    assert_eq!(selected, ["i-70"]);
    // Charts take the top values the same way.
    let all: Vec<u32> = (0..u32::try_from(ix.rows.len()).unwrap()).collect();
    let top: Vec<(String, usize)> = ix
        .counts_by(&all, Dim::Instance, 3)
        .into_iter()
        .map(|(_, l, c)| (l, c))
        .collect();
    assert_eq!(
        top,
        [("i-3".to_owned(), 3), ("i-7".to_owned(), 2), ("i-1".to_owned(), 1)]
    );
}

/// Generated findings, indexed.
fn generated() -> (Dataset, FindingIndex) {
    let bytes = common::generated_findings(1200, false);
    let f = read_file("gen.json", bytes, &mut Context::default(), Options::default());
    assert!(f.usable());
    let data = Dataset::merge(vec![Rc::new(f)]);
    let ix = FindingIndex::build(&data);
    (data, ix)
}

#[test]
fn a_kept_order_filtered_equals_filtering_then_sorting() {
    let (data, ix) = generated();
    let n = data.findings.len();
    assert_eq!(n, 1200);
    let first_instance = ix.label(Dim::Instance, 0);
    let mut filter_sets = vec![Filters::default()];
    for (search, facets) in [
        ("ssh", vec![]),
        ("", vec![(Dim::Severity, "High"), (Dim::Severity, "Low")]),
        ("cve", vec![(Dim::Instance, first_instance.as_str())]),
        ("zz-no-match", vec![]),
    ] {
        let mut f = Filters {
            search: search.to_owned(),
            ..Filters::default()
        };
        for (dim, v) in facets {
            f.toggle(dim, v);
        }
        filter_sets.push(f);
    }
    // The filters pick some rows, not none or all (the last one picks none).
    for f in &filter_sets[1..4] {
        let t = ix.query(f, Sort::default()).total;
        assert!(t > 0 && t < n, "{f:?} matched {t}");
    }
    let created = |i: u32| data.findings[i as usize].rec.created_at.map(|t| t.micros);
    for column in Column::ALL {
        for descending in [false, true] {
            let sort = Sort { column, descending };
            let order = ix.order(sort);
            assert_eq!(order.rows.len(), n);
            let mut all: Vec<u32> = order.rows.to_vec();
            all.sort_unstable();
            assert!(
                all.iter().enumerate().all(|(k, &i)| k == i as usize),
                "{sort:?}: a permutation"
            );
            for filters in &filter_sets {
                let r = ix.query_in_order(filters, &order, &[]);
                // The same rows as under any other sort…
                let matching: std::collections::BTreeSet<u32> =
                    ix.query(filters, Sort::default()).rows.iter().copied().collect();
                let got: std::collections::BTreeSet<u32> = r.rows.iter().copied().collect();
                assert_eq!(got, matching, "{sort:?} {filters:?}");
                assert_eq!(r.total, matching.len());
                // …in the kept order, which is what sorting the matches gives.
                let expected: Vec<u32> = order.rows.iter().copied().filter(|i| matching.contains(i)).collect();
                assert_eq!(&*r.rows, &expected[..], "{sort:?} {filters:?}");
                assert_eq!(ix.query(filters, sort).rows, r.rows);
                if column == Column::Created {
                    // Missing dates last, the others ascending or descending.
                    let times: Vec<Option<i64>> = r.rows.iter().map(|&i| created(i)).collect();
                    let present: Vec<i64> = times.iter().map_while(|t| *t).collect();
                    assert!(times[present.len()..].iter().all(Option::is_none));
                    assert!(present
                        .windows(2)
                        .all(|w| if descending { w[0] >= w[1] } else { w[0] <= w[1] }));
                }
            }
        }
    }
    // An order made for other data is not trusted: the query orders again.
    let (_, small) = index();
    let stale = small.order(Sort::default());
    let r = ix.query_in_order(&Filters::default(), &stale, &[]);
    assert_eq!(r.rows, ix.query(&Filters::default(), Sort::default()).rows);
    assert_eq!(r.total, n);
    // Orders compare by identity: the same order is equal, a remade one is not.
    let a = ix.order(Sort::default());
    assert_eq!(a, a.clone());
    assert_ne!(a, ix.order(Sort::default()));
    // A prepared order is kept and shared; other sorts are made as before.
    ix.prepare_order(Sort::default());
    let kept = ix.order(Sort::default());
    assert_eq!(kept, ix.order(Sort::default()));
    assert_eq!(kept.rows, a.rows);
    let by_title = Sort {
        column: Column::Title,
        descending: false,
    };
    ix.prepare_order(by_title);
    assert_eq!(ix.order(Sort::default()), kept, "only the first prepared order is kept");
    assert_ne!(ix.order(by_title), ix.order(by_title));
    assert_eq!(ix.order(by_title).sort, by_title);
}

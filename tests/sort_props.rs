//! Property test of the natural sort key: byte order of `natural_key`, tie-broken by the
//! strings, is exactly `natural_cmp` (the order the table's text columns sort in).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::query::{natural_cmp, natural_key};
use proptest::prelude::*;

/// Strings rich in what the order cares about: digit runs with leading zeros, case, the bytes
/// just below and above the digits (`/`, `:`), and multi-byte characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,4}",
        "0{1,3}[0-9]{0,2}",
        "[a-cA-C]{1,2}",
        proptest::sample::select(vec!["-", "/", ":", " ", "é", "Ω", "\u{1F600}", "_", "."]).prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn key_order_is_natural_order(a in text(), b in text()) {
        let by_key = natural_key(&a).cmp(&natural_key(&b)).then_with(|| a.cmp(&b));
        prop_assert_eq!(by_key, natural_cmp(&a, &b), "{:?} vs {:?}", a, b);
    }
}

#[test]
fn key_examples() {
    let mut v = vec![
        "CVE-2018-10",
        "cve-2018-9",
        "CVE-2017-100",
        "b",
        "A",
        "x007",
        "x7",
        "x10",
        "x:1",
        "x/1",
    ];
    v.sort_by(|a, b| natural_key(a).cmp(&natural_key(b)).then_with(|| a.cmp(b)));
    assert_eq!(
        v,
        [
            "A",
            "b",
            "CVE-2017-100",
            "cve-2018-9",
            "CVE-2018-10",
            "x/1",
            "x007",
            "x7",
            "x10",
            "x:1"
        ]
    );
}

#[test]
fn long_digit_runs_order_by_value_and_keys_stay_small() {
    let long = |n: usize, last: char| format!("x{}{last}", "9".repeat(n - 1));
    let mut v = [
        long(300, '1'),
        long(254, '9'),
        long(255, '0'),
        long(256, '5'),
        "x7".to_owned(),
        long(300, '0'),
    ];
    v.sort_by(|a, b| natural_key(a).cmp(&natural_key(b)).then_with(|| a.cmp(b)));
    let lens: Vec<usize> = v.iter().map(String::len).collect();
    assert_eq!(lens, [2, 255, 256, 257, 301, 301]);
    assert!(v[4].ends_with('0') && v[5].ends_with('1'));
    for w in v.windows(2) {
        assert_eq!(natural_cmp(&w[0], &w[1]), std::cmp::Ordering::Less);
    }
    // "1a1a…": a key is at most about twice its text, never five times.
    let text = "1a".repeat(1000);
    assert!(natural_key(&text).len() <= 2 * text.len());
}

//! The size-saving replacements behave exactly as what they replace: the shared sort as the
//! standard stable sort, `format_naive` and the timestamp displays as chrono's `format`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::cast_possible_truncation)]
#![allow(clippy::unnecessary_sort_by)] // `sort_by` is what the shared sort is compared with

use chrono::{DateTime, Local, Utc};
use inspector_viewer::model::sort::SharedSort;
use inspector_viewer::model::{format_naive, TimePrecision, Timestamp};

/// `n` Unix times spread over ±250 000 years (an LCG from `seed`, so runs repeat).
fn random_instants(seed: i64, n: usize) -> Vec<i64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 20) % 8_000_000_000_000
        })
        .collect()
}

#[test]
fn format_naive_and_displays_match_chrono() {
    let mut secs: Vec<i64> = vec![
        DateTime::<Utc>::MAX_UTC.timestamp(),
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp() - 1,
        DateTime::<Utc>::MIN_UTC.timestamp() + 1,
        DateTime::<Utc>::MIN_UTC.timestamp() + 86_400,
        DateTime::<Utc>::MAX_UTC.timestamp() - 40_000,
        0,
        -1,
        1,
        86_399,
        951_782_400,
        4_102_444_800,
        -62_135_596_800,
        -62_135_596_801,
        -62_167_219_200,
        -62_198_755_200,
        253_402_300_799,
        253_402_300_800,
        -8_334_632_851_200,
        8_210_266_876_799,
    ];
    secs.extend(random_instants(12_345, 20_000));
    for &s in &secs {
        for us in [0i64, 400_000, 123_456, 999_999, 1_000] {
            let Some(dt) = DateTime::from_timestamp_micros(s.saturating_mul(1_000_000) + us) else {
                continue;
            };
            let n = dt.naive_utc();
            assert_eq!(
                format_naive(&n, ' ', TimePrecision::Day),
                dt.format("%Y-%m-%d").to_string()
            );
            assert_eq!(
                format_naive(&n, ' ', TimePrecision::Minute),
                dt.format("%Y-%m-%d %H:%M").to_string()
            );
            assert_eq!(
                format_naive(&n, ' ', TimePrecision::Second),
                dt.format("%Y-%m-%d %H:%M:%S").to_string()
            );
            let t = Timestamp {
                micros: s.saturating_mul(1_000_000) + us,
            };
            let iso = if t.micros % 1000 == 0 {
                dt.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
            } else {
                dt.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
            };
            assert_eq!(t.to_iso_utc(), iso);
            assert_eq!(t.display_utc(), dt.format("%Y-%m-%d %H:%M:%S UTC").to_string());
            assert_eq!(
                t.display_local(),
                dt.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S %:z").to_string()
            );
        }
    }
}

#[test]
fn displays_at_any_offset_match_chrono_including_the_range_edges() {
    // West and east extremes, half and three-quarter hours, and offsets with seconds.
    let offsets = [
        -12 * 3600,
        -9 * 3600 - 1800,
        -30 * 60,
        -1,
        0,
        1,
        17 * 60 + 30,
        5 * 3600 + 45 * 60,
        14 * 3600,
        86_399,
        -86_399,
    ];
    let mut secs = vec![
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
        DateTime::<Utc>::MIN_UTC.timestamp() + 3600,
        DateTime::<Utc>::MAX_UTC.timestamp() - 3600,
        -62_135_596_800,
        0,
        1_458_680_301,
    ];
    secs.extend(random_instants(5, 2000));
    for &off in &offsets {
        let zone = chrono::FixedOffset::east_opt(off).unwrap();
        for &s in &secs {
            let Some(dt) = DateTime::from_timestamp(s, 0) else {
                continue;
            };
            let t = Timestamp { micros: s * 1_000_000 };
            assert_eq!(
                t.display_at_offset(off),
                dt.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S %:z").to_string(),
                "{s} at {off}"
            );
        }
    }
}

#[test]
fn shared_sort_is_the_standard_stable_sort() {
    let mut x: u64 = 7;
    for len in 0..300usize {
        let mut v: Vec<(u8, usize)> = (0..len)
            .map(|i| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                (((x >> 33) % 5) as u8, i)
            })
            .collect();
        let mut w = v.clone();
        v.sort_by(|a, b| b.0.cmp(&a.0));
        w.shared_sort_by(|a, b| b.0.cmp(&a.0));
        assert_eq!(v, w);
        let mut s: Vec<String> = v.iter().map(|p| format!("{}{}", p.0, p.1 % 7)).collect();
        let mut t = s.clone();
        s.sort();
        t.shared_sort();
        assert_eq!(s, t);
        s.sort_by_key(|k| std::cmp::Reverse(k.len()));
        t.shared_sort_by_key(|k| std::cmp::Reverse(k.len()));
        assert_eq!(s, t);
    }
}

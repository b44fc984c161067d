//! Text measuring (estimated, backend-independent), ellipsis truncation, and number / date
//! formatting for labels.

use crate::model::{format_naive, TimePrecision};
use chrono::{DateTime, Utc};

const ELLIPSIS: char = '…';

/// Approximate advance width of `c` in ems for a proportional sans-serif face. Deliberately
/// on the wide side, so estimated labels rarely overflow what a real font draws.
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '`' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '-' | '/' | '\\' | '"' => 0.4,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.9,
        '0'..='9' => 0.58,
        'A'..='Z' | '&' | '#' | '_' => 0.7,
        ELLIPSIS => 1.0,
        c if c.is_ascii() => 0.58,
        // CJK, Hangul, full-width forms, emoji: about one em.
        c if ('\u{1100}'..='\u{115F}').contains(&c)
            || ('\u{2E80}'..='\u{A4CF}').contains(&c)
            || ('\u{AC00}'..='\u{D7A3}').contains(&c)
            || ('\u{F900}'..='\u{FAFF}').contains(&c)
            || ('\u{FE30}'..='\u{FE4F}').contains(&c)
            || ('\u{FF00}'..='\u{FF60}').contains(&c)
            || ('\u{FFE0}'..='\u{FFE6}').contains(&c)
            || ('\u{1F300}'..='\u{1FAFF}').contains(&c)
            || ('\u{20000}'..='\u{3FFFD}').contains(&c) =>
        {
            1.0
        }
        // Combining marks take no room of their own.
        c if ('\u{0300}'..='\u{036F}').contains(&c) => 0.0,
        _ => 0.65,
    }
}

/// Estimated width in pixels of `text` drawn at `font_px`.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font_px
}

/// Replaces control characters (newlines, tabs) with spaces: labels are drawn on one line.
fn single_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// `text` on one line if it fits in `max_px`, else as many leading characters as fit followed by
/// `…`; `None` if not even one character and the ellipsis fit.
pub fn fit_text(text: &str, max_px: f64, font_px: f64) -> Option<String> {
    let text = single_line(text);
    let text = text.trim();
    if text.is_empty() || max_px.is_nan() || max_px <= 0.0 {
        return None;
    }
    // A hair of tolerance: callers often pass exactly the width they measured.
    let max_px = max_px + 1e-6;
    if text_width(text, font_px) <= max_px {
        return Some(text.to_owned());
    }
    let budget = max_px - char_em(ELLIPSIS) * font_px;
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let w = char_em(c) * font_px;
        if used + w > budget {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let head = text[..end].trim_end();
    if head.is_empty() {
        return None;
    }
    Some(format!("{head}{ELLIPSIS}"))
}

/// `1234567` → `"1,234,567"`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Compact axis tick labels: `950`, `12k`, `1.5M`.
pub(crate) fn format_compact(n: u64) -> String {
    const UNITS: [(u64, &str); 5] = [
        (1_000_000_000_000_000_000, "E"),
        (1_000_000_000_000_000, "P"),
        (1_000_000_000_000, "T"),
        (1_000_000_000, "G"),
        (1_000_000, "M"),
    ];
    let fmt = |n: u64, unit: u64, suffix: &str| {
        if n % unit == 0 {
            format!("{}{suffix}", n / unit)
        } else {
            let v = n as f64 / unit as f64;
            let s = crate::model::tenths(v);
            format!("{}{suffix}", s.trim_end_matches('0').trim_end_matches('.'))
        }
    };
    for (unit, suffix) in UNITS {
        if n >= unit {
            return fmt(n, unit, suffix);
        }
    }
    if n >= 10_000 {
        return fmt(n, 1000, "k");
    }
    format_count(n)
}

fn utc(secs: f64) -> Option<DateTime<Utc>> {
    if !secs.is_finite() || secs.abs() > 1.0e14 {
        return None;
    }
    let whole = secs.floor();
    let nanos = ((secs - whole) * 1e9).round().clamp(0.0, 999_999_999.0) as u32;
    DateTime::from_timestamp(whole as i64, nanos)
}

/// `YYYY-MM-DD` (UTC) of Unix seconds; `"?"` if not a representable time.
pub fn format_date(secs: f64) -> String {
    format_time(secs, TimePrecision::Day)
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) of Unix seconds; `"?"` if not a representable time.
pub fn format_datetime(secs: f64) -> String {
    format_time(secs, TimePrecision::Second)
}

/// Unix seconds (UTC) at `unit`'s precision; `"?"` if not a representable time.
pub(crate) fn format_time(secs: f64, unit: TimePrecision) -> String {
    utc(secs).map_or_else(|| "?".to_owned(), |t| format_naive(&t.naive_utc(), ' ', unit))
}

/// `"2d 3h"`, `"1h 5m"`, `"4m 10s"`, `"42s"`.
pub(crate) fn format_duration(secs: f64) -> String {
    if !secs.is_finite() || secs < 0.0 {
        return "?".to_owned();
    }
    let s = secs.round().min(9.0e15) as u64;
    let (d, h, m, s) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    if d > 0 {
        format!("{d}d {h}h")
    } else if h > 0 {
        format!("{h}h {m}m")
    } else if m > 0 {
        format!("{m}m {s}s")
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        assert_eq!(text_width("", 12.0), 0.0);
        assert!(text_width("WWW", 12.0) > text_width("iii", 12.0));
        assert!((text_width("abc", 24.0) - 2.0 * text_width("abc", 12.0)).abs() < 1e-9);
        assert!(text_width("漢字", 12.0) >= 24.0);
    }

    #[test]
    fn fit_text_keeps_short_text_and_truncates_long_text_with_an_ellipsis() {
        assert_eq!(fit_text("High", 200.0, 12.0).as_deref(), Some("High"));
        let long = "Instance is configured to allow users to log in with root credentials over SSH";
        let max = 120.0;
        let fitted = fit_text(long, max, 12.0).unwrap_or_default();
        assert!(fitted.ends_with('…'), "{fitted}");
        assert!(long.starts_with(fitted.trim_end_matches('…')));
        assert!(text_width(&fitted, 12.0) <= max, "{fitted} too wide");
        assert!(fitted.chars().count() > 5);
        assert_eq!(fit_text(long, 5.0, 12.0), None);
        assert_eq!(fit_text("   ", 100.0, 12.0), None);
        assert_eq!(fit_text("x", f64::NAN, 12.0), None);
        assert_eq!(fit_text("two\nlines", 500.0, 12.0).as_deref(), Some("two lines"));
        // Never splits a multi-byte character.
        let fitted = fit_text("ééééééééééééééééééééé", 60.0, 12.0).unwrap_or_default();
        assert!(fitted.ends_with('…') && fitted.starts_with('é'));
    }

    #[test]
    fn counts_and_compact_ticks() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
        assert_eq!(format_count(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(format_compact(9_999), "9,999");
        assert_eq!(format_compact(10_000), "10k");
        assert_eq!(format_compact(12_500), "12.5k");
        assert_eq!(format_compact(1_500_000), "1.5M");
        assert_eq!(format_compact(u64::MAX), "18.4E");
    }

    #[test]
    fn dates_are_utc_and_bad_times_do_not_panic() {
        // 2016-02-16T00:00:00Z
        assert_eq!(format_date(1_455_580_800.0), "2016-02-16");
        assert_eq!(format_date(1_455_580_799.5), "2016-02-15");
        assert_eq!(format_datetime(1_455_584_405.0), "2016-02-16 01:00:05");
        assert_eq!(format_time(1_455_584_405.0, TimePrecision::Minute), "2016-02-16 01:00");
        assert_eq!(format_date(0.0), "1970-01-01");
        assert_eq!(format_date(-86_400.0), "1969-12-31");
        assert_eq!(format_date(f64::NAN), "?");
        assert_eq!(format_date(f64::INFINITY), "?");
        assert_eq!(format_date(1e300), "?");
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(42.0), "42s");
        assert_eq!(format_duration(250.0), "4m 10s");
        assert_eq!(format_duration(3900.0), "1h 5m");
        assert_eq!(format_duration(2.0 * 86_400.0 + 3.0 * 3600.0), "2d 3h");
        assert_eq!(format_duration(-1.0), "?");
    }
}

//! Timestamp rendering in the shapes real exports use (see the module docs of
//! [`crate::generate`]). Times are carried as epoch milliseconds (`i64`, UTC).

use std::fmt::Write as _;

/// How timestamp members are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimestampStyle {
    /// AWS CLI v1 / wire / console export: a JSON number of epoch seconds with up to three
    /// decimals, printed like Python's `repr(float)` (`1458680301.4`, `1458680170.035`,
    /// whole seconds as `1458680170.0`).
    CliV1,
    /// AWS CLI v2 default: `datetime.isoformat()` of local time, `T` separator, 6-digit
    /// fraction (omitted when zero), `±HH:MM` offset (`2016-03-22T20:58:21.400000+00:00`).
    CliV2,
    /// boto3 + `json.dumps(default=str)`: `str(datetime)`, i.e. isoformat with a space
    /// (`2016-03-22 20:58:21.400000+00:00`).
    Boto3Str,
    /// JavaScript SDK + `JSON.stringify`: `toISOString()`, always UTC, 3-digit fraction
    /// (`2016-03-22T20:58:21.400Z`).
    JsZ,
    /// Epoch seconds as a JSON *string* (botocore `examples-1.json`): `"1458680301.4"`.
    EpochString,
}

impl TimestampStyle {
    /// All styles, for tests and CLI help.
    pub const ALL: [TimestampStyle; 5] = [
        TimestampStyle::CliV1,
        TimestampStyle::CliV2,
        TimestampStyle::Boto3Str,
        TimestampStyle::JsZ,
        TimestampStyle::EpochString,
    ];

    /// The CLI name (`cli-v1`, `cli-v2`, `boto3-str`, `js-z`, `epoch-string`).
    pub const fn name(self) -> &'static str {
        match self {
            TimestampStyle::CliV1 => "cli-v1",
            TimestampStyle::CliV2 => "cli-v2",
            TimestampStyle::Boto3Str => "boto3-str",
            TimestampStyle::JsZ => "js-z",
            TimestampStyle::EpochString => "epoch-string",
        }
    }

    /// Parse a CLI name (also accepts a few obvious aliases).
    pub fn parse(s: &str) -> Option<TimestampStyle> {
        match s.to_ascii_lowercase().as_str() {
            "cli-v1" | "cliv1" | "v1" | "wire" | "epoch" => Some(TimestampStyle::CliV1),
            "cli-v2" | "cliv2" | "v2" | "iso" | "iso8601" => Some(TimestampStyle::CliV2),
            "boto3-str" | "boto3" | "str" => Some(TimestampStyle::Boto3Str),
            "js-z" | "js" | "z" => Some(TimestampStyle::JsZ),
            "epoch-string" | "epoch-str" => Some(TimestampStyle::EpochString),
            _ => None,
        }
    }

    /// Whether the JSON value is a number (unquoted) rather than a string.
    pub const fn is_number(self) -> bool {
        matches!(self, TimestampStyle::CliV1)
    }
}

/// Render `epoch_ms` in `style`. `utc_offset_minutes` applies to [`TimestampStyle::CliV2`] and
/// [`TimestampStyle::Boto3Str`] only. The result is the JSON value's *text without quotes*
/// (for [`TimestampStyle::CliV1`] it is the number literal).
pub fn format_timestamp(epoch_ms: i64, style: TimestampStyle, utc_offset_minutes: i32) -> String {
    let mut s = String::with_capacity(32);
    push_timestamp(&mut s, epoch_ms, style, utc_offset_minutes);
    s
}

/// Like [`format_timestamp`], appending to `out`.
pub(crate) fn push_timestamp(out: &mut String, epoch_ms: i64, style: TimestampStyle, off: i32) {
    match style {
        TimestampStyle::CliV1 | TimestampStyle::EpochString => push_epoch_repr(out, epoch_ms),
        TimestampStyle::CliV2 => push_iso(out, epoch_ms, off, 'T'),
        TimestampStyle::Boto3Str => push_iso(out, epoch_ms, off, ' '),
        TimestampStyle::JsZ => {
            let (date, ms) = civil(epoch_ms);
            push_date_time(out, date, 'T');
            let _ = write!(out, ".{ms:03}Z");
        }
    }
}

/// Python `repr(float(ms) / 1000)` for epoch values: shortest round-trip digits, which for
/// 10-digit seconds with millisecond precision is exactly the decimal with trailing zeros
/// removed, and `.0` for whole seconds.
fn push_epoch_repr(out: &mut String, ms: i64) {
    let secs = ms.div_euclid(1000);
    let frac = ms.rem_euclid(1000);
    let _ = write!(out, "{secs}.");
    if frac == 0 {
        out.push('0');
    } else {
        let mut digits = format!("{frac:03}");
        while digits.ends_with('0') {
            digits.pop();
        }
        out.push_str(&digits);
    }
}

fn push_iso(out: &mut String, epoch_ms: i64, off: i32, sep: char) {
    let local = epoch_ms + i64::from(off) * 60_000;
    let (date, ms) = civil(local);
    push_date_time(out, date, sep);
    if ms != 0 {
        let _ = write!(out, ".{:06}", ms * 1000);
    }
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.unsigned_abs();
    let _ = write!(out, "{sign}{:02}:{:02}", a / 60, a % 60);
}

#[derive(Debug, Clone, Copy)]
struct Civil {
    y: i64,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
}

fn push_date_time(out: &mut String, c: Civil, sep: char) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}:{:02}",
        c.y, c.mo, c.d, c.h, c.mi, c.s
    );
}

/// Split epoch milliseconds into a civil UTC date-time and the millisecond remainder.
fn civil(ms: i64) -> (Civil, i64) {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, mo, d) = civil_from_days(days);
    let secs = rem / 1000;
    (
        Civil {
            y,
            mo,
            d,
            h: (secs / 3600) as u32,
            mi: ((secs / 60) % 60) as u32,
            s: (secs % 60) as u32,
        },
        rem % 1000,
    )
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Epoch milliseconds of a UTC civil time (no validation beyond arithmetic).
pub fn epoch_ms_utc(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> i64 {
    days_from_civil(year, month, day) * 86_400_000
        + i64::from(hour) * 3_600_000
        + i64::from(minute) * 60_000
        + i64::from(second) * 1000
}

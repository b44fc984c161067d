//! Timestamps in every shape real exports use, kept to the microsecond.
//!
//! Accepted: epoch seconds as a JSON number or numeric string (CLI v1, console export, botocore
//! examples), ISO 8601 with `T`, `t` or a space (CLI v2 `isoformat()`, boto3 `str(datetime)`),
//! with or without a fraction, with `Z` or a `±HH:MM` / `±HHMM` / `±HH` offset.

use chrono::{DateTime, Datelike, Local, NaiveDateTime, Offset, Timelike, Utc};
use std::fmt;
use std::fmt::Write as _;

/// How much of a date-time [`format_naive`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimePrecision {
    /// `YYYY-MM-DD`
    Day,
    /// `YYYY-MM-DD HH:MM`
    Minute,
    /// `YYYY-MM-DD HH:MM:SS`
    Second,
}

/// Writes `YYYY-MM-DD` as chrono's `%Y-%m-%d` does: four digits, zero-padded, with a sign
/// outside 0..=9999.
fn write_date(s: &mut String, y: i64, m: i64, d: i64) {
    let _ = if (0..10_000).contains(&y) {
        write!(s, "{y:04}")
    } else {
        write!(s, "{y:+05}")
    };
    let _ = write!(s, "-{m:02}-{d:02}");
}

/// `format_naive(.., ' ', TimePrecision::Second)` of Unix seconds outside chrono's range
/// (proleptic Gregorian).
fn format_civil(secs: i64) -> String {
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let mut s = String::with_capacity(32);
    write_date(&mut s, y, m, d);
    let _ = write!(s, " {:02}:{:02}:{:02}", sod / 3600, sod / 60 % 60, sod % 60);
    s
}

/// What chrono's `%Y-%m-%d`, then `{sep}%H:%M` and `:%S` as `precision` asks, writes; without
/// chrono's strftime machinery (several KB of wasm).
pub fn format_naive(t: &NaiveDateTime, sep: char, precision: TimePrecision) -> String {
    let mut s = String::with_capacity(32);
    write_date(&mut s, i64::from(t.year()), i64::from(t.month()), i64::from(t.day()));
    if precision != TimePrecision::Day {
        let _ = write!(s, "{sep}{:02}:{:02}", t.hour(), t.minute());
    }
    if precision == TimePrecision::Second {
        let _ = write!(s, ":{:02}", t.second());
    }
    s
}

/// Days from 1970-01-01 to a proleptic Gregorian date, if the date exists (what chrono's
/// `NaiveDate::from_ymd_opt(..)?.and_hms_opt(0, 0, 0)?.and_utc().timestamp() / 86_400` gives,
/// without its tables).
fn days_from_civil(year: u32, month: u32, day: u32) -> Option<i64> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > month_days {
        return None;
    }
    // Howard Hinnant's `days_from_civil`: years start in March, eras are 400 years.
    let (y, m, d) = (
        i64::from(year) - i64::from(month <= 2),
        i64::from(month),
        i64::from(day),
    );
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// An exact instant: microseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    pub micros: i64,
}

/// Why a value is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError(pub String);

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Epoch values above this (year 5138 in seconds) are taken to be milliseconds.
const MILLIS_THRESHOLD: i64 = 100_000_000_000;

/// A parse result that is valid but worth a warning (e.g. an ISO time without an offset).
pub type Parsed = (Timestamp, Option<&'static str>);

impl Timestamp {
    pub fn from_micros(micros: i64) -> Self {
        Timestamp { micros }
    }

    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        let micros = (secs * 1_000_000.0).round();
        if micros.is_finite() && micros.abs() < 9.0e18 {
            #[allow(clippy::cast_possible_truncation)]
            Some(Timestamp { micros: micros as i64 })
        } else {
            None
        }
    }

    /// Epoch seconds written as decimal text (`1458680301.4`, `1458680170`, `-5`, `1.4e9`).
    pub fn parse_epoch(text: &str) -> Result<Parsed, TimestampError> {
        let t = text.trim();
        let bad = || TimestampError(format!("`{text}` is not epoch seconds"));
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        if digits.is_empty() {
            return Err(bad());
        }
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        let exact = !int_part.is_empty()
            && int_part.bytes().all(|b| b.is_ascii_digit())
            && frac_part.bytes().all(|b| b.is_ascii_digit())
            && int_part.len() <= 15;
        // i128: 15 digits of seconds (or of milliseconds, divided below) times 10^6 overflow i64.
        let (mut micros, mut note) = if exact {
            let secs: i128 = int_part.parse().map_err(|_| bad())?;
            let mut frac = 0i128;
            for (i, b) in frac_part.bytes().take(6).enumerate() {
                frac += i128::from(b - b'0') * 10i128.pow(5 - u32::try_from(i).unwrap_or(5));
            }
            (secs * 1_000_000 + frac, None)
        } else {
            // Exponent forms and other valid JSON numbers: go through f64.
            let v: f64 = digits.parse().map_err(|_| bad())?;
            let ts = Timestamp::from_secs_f64(v).ok_or_else(bad)?;
            (i128::from(ts.micros), None)
        };
        if micros / 1_000_000 > i128::from(MILLIS_THRESHOLD) {
            micros /= 1000;
            note = Some("epoch value looks like milliseconds, not seconds; read as milliseconds");
        }
        if neg {
            micros = -micros;
        }
        match i64::try_from(micros) {
            Ok(micros) if micros.abs() <= 253_402_300_799_000_000 => Ok((Timestamp { micros }, note)),
            _ => Err(TimestampError(format!("`{text}` is past the year 9999"))),
        }
    }

    /// ISO 8601 / RFC 3339 text, `T`/`t`/space separator, optional fraction and offset.
    pub fn parse_iso(text: &str) -> Result<Parsed, TimestampError> {
        let bad = |why: &str| TimestampError(format!("`{text}` is not an ISO 8601 timestamp: {why}"));
        let b = text.as_bytes();
        // Fixed-width decimal fields, read digit by digit (every finding has two timestamps,
        // each read by the validator and by the typed record: `str::parse` showed in profiles).
        let num = |from: usize, len: usize| -> Option<u32> {
            b.get(from..from + len)?
                .iter()
                .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        let year = num(0, 4).ok_or_else(|| bad("year"))?;
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return Err(bad("date must be YYYY-MM-DD"));
        }
        let month = num(5, 2).ok_or_else(|| bad("month"))?;
        let day = num(8, 2).ok_or_else(|| bad("day"))?;
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
            return Err(bad("expected `T` or a space after the date"));
        }
        let hour = num(11, 2).ok_or_else(|| bad("hour"))?;
        let minute = num(14, 2).ok_or_else(|| bad("minute"))?;
        if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return Err(bad("time must be HH:MM:SS"));
        }
        let second = num(17, 2).ok_or_else(|| bad("second"))?;
        let mut i = 19;
        let mut frac_micros = 0i64;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                if i - start < 6 {
                    frac_micros += i64::from(b[i] - b'0') * 10i64.pow(5 - u32::try_from(i - start).unwrap_or(5));
                }
                i += 1;
            }
            if i == start {
                return Err(bad("empty fraction"));
            }
        }
        let (offset_secs, note) = match b.get(i) {
            None => (0i64, Some("timestamp has no UTC offset; read as UTC")),
            Some(b'Z' | b'z') => {
                i += 1;
                (0, None)
            }
            Some(&sign @ (b'+' | b'-')) => {
                let oh = num(i + 1, 2).ok_or_else(|| bad("offset hours"))?;
                let mut om = 0;
                let mut end = i + 3;
                if b.get(end) == Some(&b':') {
                    om = num(end + 1, 2).ok_or_else(|| bad("offset minutes"))?;
                    end += 3;
                } else if let Some(m) = num(end, 2) {
                    om = m;
                    end += 2;
                }
                if oh > 23 || om > 59 {
                    return Err(bad("offset out of range"));
                }
                i = end;
                let s = i64::from(oh * 3600 + om * 60);
                (if sign == b'-' { -s } else { s }, None)
            }
            Some(_) => return Err(bad("unexpected text after the time")),
        };
        if i != b.len() {
            return Err(bad("unexpected text after the offset"));
        }
        let days = days_from_civil(year, month, day).ok_or_else(|| bad("no such date"))?;
        // A leap second (:60) is accepted and folded into the next second, as Python would reject it.
        if hour > 23 || minute > 59 || second > 60 {
            return Err(bad("time out of range"));
        }
        let secs = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_secs;
        Ok((
            Timestamp {
                micros: secs * 1_000_000 + frac_micros,
            },
            note,
        ))
    }

    /// Text in any accepted shape: ISO, or epoch seconds in a string.
    pub fn parse_text(text: &str) -> Result<Parsed, TimestampError> {
        let t = text.trim();
        if t.len() >= 10 && t.as_bytes().get(4) == Some(&b'-') {
            Timestamp::parse_iso(t)
        } else if !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'e' | b'E' | b'+'))
        {
            Timestamp::parse_epoch(t)
        } else {
            Err(TimestampError(format!(
                "`{text}` is not a timestamp (expected epoch seconds or ISO 8601)"
            )))
        }
    }

    fn utc(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_micros(self.micros)
    }

    /// `2016-03-22T20:58:21.400Z`: milliseconds unless the value has finer digits.
    pub fn to_iso_utc(self) -> String {
        match self.utc() {
            Some(dt) => {
                let mut s = format_naive(&dt.naive_utc(), 'T', TimePrecision::Second);
                let micros = dt.nanosecond() / 1_000 % 1_000_000;
                let _ = if micros % 1000 == 0 {
                    write!(s, ".{:03}Z", micros / 1000)
                } else {
                    write!(s, ".{micros:06}Z")
                };
                s
            }
            None => format!("{}µs", self.micros),
        }
    }

    /// Human display in UTC: `2016-03-22 20:58:21 UTC`.
    pub fn display_utc(self) -> String {
        match self.utc() {
            Some(dt) => format_naive(&dt.naive_utc(), ' ', TimePrecision::Second) + " UTC",
            None => self.to_iso_utc(),
        }
    }

    /// Human display in the viewer's local time zone, with its offset.
    pub fn display_local(self) -> String {
        match self.utc() {
            Some(dt) => self.display_at_offset(dt.with_timezone(&Local).offset().fix().local_minus_utc()),
            None => self.to_iso_utc(),
        }
    }

    /// Human display at a UTC offset of `off` seconds, as chrono's
    /// `format("%Y-%m-%d %H:%M:%S %:z")` writes it (for [`Timestamp::display_local`]).
    pub fn display_at_offset(self, off: i32) -> String {
        let Some(dt) = self.utc() else {
            return self.to_iso_utc();
        };
        let mut s = match dt
            .naive_utc()
            .checked_add_signed(chrono::TimeDelta::seconds(i64::from(off)))
        {
            Some(local) => format_naive(&local, ' ', TimePrecision::Second),
            // Beyond chrono's last (or first) day, which its `format` still writes.
            None => format_civil(dt.timestamp() + i64::from(off)),
        };
        // chrono's `%:z`: `+HH:MM`, seconds rounded to the nearest minute.
        let (sign, off) = if off < 0 { ('-', -off) } else { ('+', off) };
        let minutes = (off + 30) / 60;
        let _ = write!(s, " {sign}{:02}:{:02}", minutes / 60, minutes % 60);
        s
    }

    /// Epoch seconds as f64 (for chart axes).
    #[allow(clippy::cast_precision_loss)]
    pub fn as_secs_f64(self) -> f64 {
        self.micros as f64 / 1_000_000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The worked value of the reference notes: wire 1458680301.4 = 2016-03-22T20:58:21.400Z.
    const WORKED: i64 = 1_458_680_301_400_000;

    fn iso(s: &str) -> i64 {
        match Timestamp::parse_text(s) {
            Ok((t, _)) => t.micros,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn every_real_export_shape_reads_to_the_same_instant() {
        for s in [
            "1458680301.4",
            "1458680301.400",
            "2016-03-22T20:58:21.400000+00:00",
            "2016-03-22 20:58:21.400000+00:00",
            "2016-03-22T22:58:21.400000+02:00",
            "2016-03-22T13:58:21.400000-07:00",
            "2016-03-22T20:58:21.400Z",
            "2016-03-22T20:58:21.4Z",
            "2016-03-22t20:58:21.4z",
            "2016-03-23T02:28:21.4+0530",
        ] {
            assert_eq!(iso(s), WORKED, "{s}");
        }
    }

    #[test]
    fn dates_agree_with_chrono_on_every_day_and_non_day() {
        use chrono::NaiveDate;
        for year in (0..=40).chain(1890..=2110).chain([2400, 4000, 9600, 9999]) {
            for month in 0..=13 {
                for day in 0..=32 {
                    let ours = days_from_civil(year, month, day);
                    let theirs = NaiveDate::from_ymd_opt(i32::try_from(year).unwrap_or(0), month, day)
                        .map(|d| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp() / 86_400));
                    assert_eq!(ours, theirs.flatten(), "{year:04}-{month:02}-{day:02}");
                }
            }
        }
        // And through the parser: a day that does not exist is an error, not the next month.
        assert!(Timestamp::parse_text("2023-02-29T00:00:00Z").is_err());
        assert_eq!(iso("2024-02-29T00:00:00Z"), 1_709_164_800_000_000);
        assert_eq!(iso("0000-01-01T00:00:00Z"), -62_167_219_200_000_000);
        assert_eq!(iso("9999-12-31T23:59:59Z"), 253_402_300_799_000_000);
        // A leap second folds into the next day and year; offsets move across midnight and years.
        assert_eq!(iso("2016-12-31T23:59:60Z"), iso("2017-01-01T00:00:00Z"));
        assert_eq!(iso("2017-01-01T01:30:00+02:00"), iso("2016-12-31T23:30:00Z"));
        assert_eq!(iso("2016-12-31T22:00:00-05:00"), iso("2017-01-01T03:00:00Z"));
        assert_eq!(
            iso("0000-01-01T00:30:00+01:00"),
            iso("0000-01-01T00:00:00Z") - 1_800_000_000
        );
        assert_eq!(iso("2024-02-28T23:00:00-01:00"), iso("2024-02-29T00:00:00Z"));
        assert!(Timestamp::parse_text("2016-03-22T20:5a:21Z").is_err());
        assert!(Timestamp::parse_text("2016-03-22T20:58:+1Z").is_err());
    }

    #[test]
    fn whole_seconds_and_integers() {
        assert_eq!(iso("1458680170"), 1_458_680_170_000_000);
        assert_eq!(iso("2016-03-22T20:56:10+00:00"), 1_458_680_170_000_000);
        assert_eq!(iso("1458680170.035"), 1_458_680_170_035_000);
        assert_eq!(iso("1.4586801700e9"), 1_458_680_170_000_000);
    }

    #[test]
    fn missing_offset_and_milliseconds_are_read_with_a_note() {
        let (t, note) = Timestamp::parse_text("2016-03-22T20:58:21.4").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.micros, WORKED);
        assert!(note.is_some());
        let (t, note) = Timestamp::parse_epoch("1458680301400").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.micros, WORKED);
        assert!(note.is_some());
    }

    #[test]
    fn garbage_is_rejected() {
        for s in [
            "",
            "yesterday",
            "2016-13-01T00:00:00Z",
            "2016-02-30 00:00:00Z",
            "2016-03-22T20:58",
            "2016-03-22T20:58:21+25:00",
            "2016-03-22T20:58:21Zjunk",
            "1.2.3",
        ] {
            assert!(Timestamp::parse_text(s).is_err(), "{s}");
        }
    }

    #[test]
    fn formats_back_to_iso_utc() {
        assert_eq!(Timestamp::from_micros(WORKED).to_iso_utc(), "2016-03-22T20:58:21.400Z");
        assert_eq!(
            Timestamp::from_micros(WORKED + 7).to_iso_utc(),
            "2016-03-22T20:58:21.400007Z"
        );
        assert_eq!(Timestamp::from_micros(WORKED).display_utc(), "2016-03-22 20:58:21 UTC");
    }
}

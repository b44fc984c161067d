//! Axis scales: "nice" integer count ticks and calendar-aware time ticks.

use chrono::{DateTime, Datelike, NaiveDate};

use crate::model::TimePrecision;

/// A count axis from 0 to `max` with a tick every `step` (`step` divides `max`, both ≥ 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CountScale {
    pub max: u64,
    pub step: u64,
}

impl CountScale {
    /// The smallest 1/2/5×10ⁿ step giving at most `max_ticks` intervals up to `max_value`.
    pub fn new(max_value: u64, max_ticks: usize) -> Self {
        let max_ticks = max_ticks.max(1) as u128;
        let max_value = u128::from(max_value.max(1));
        let raw = max_value.div_ceil(max_ticks).max(1);
        let mut magnitude: u128 = 1;
        while magnitude.saturating_mul(10) <= raw {
            magnitude *= 10;
        }
        let step = [1u128, 2, 5, 10]
            .iter()
            .map(|m| m.saturating_mul(magnitude))
            .find(|&s| s >= raw)
            .unwrap_or(raw);
        let max = max_value.div_ceil(step).saturating_mul(step);
        // Domain above u64::MAX (only for counts near it): fall back to the value itself.
        match (u64::try_from(max), u64::try_from(step)) {
            (Ok(max), Ok(step)) => CountScale { max, step },
            _ => CountScale {
                max: u64::MAX,
                step: u64::MAX,
            },
        }
    }

    /// Tick values 0, step, …, max.
    pub fn ticks(&self) -> Vec<u64> {
        let step = self.step.max(1);
        let n = self.max / step;
        (0..=n.min(1000)).map(|i| i * step).collect()
    }

    /// Fraction of the axis length for `v` (0..=1 for values within the domain).
    pub fn frac(&self, v: u64) -> f64 {
        v as f64 / self.max.max(1) as f64
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Secs(f64),
    Months(i64),
}

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;
const MONTH: f64 = 30.44 * DAY;

const STEPS: [Step; 27] = [
    Step::Secs(1.0),
    Step::Secs(2.0),
    Step::Secs(5.0),
    Step::Secs(10.0),
    Step::Secs(15.0),
    Step::Secs(30.0),
    Step::Secs(MINUTE),
    Step::Secs(2.0 * MINUTE),
    Step::Secs(5.0 * MINUTE),
    Step::Secs(10.0 * MINUTE),
    Step::Secs(15.0 * MINUTE),
    Step::Secs(30.0 * MINUTE),
    Step::Secs(HOUR),
    Step::Secs(2.0 * HOUR),
    Step::Secs(3.0 * HOUR),
    Step::Secs(6.0 * HOUR),
    Step::Secs(12.0 * HOUR),
    Step::Secs(DAY),
    Step::Secs(2.0 * DAY),
    Step::Secs(7.0 * DAY),
    Step::Secs(14.0 * DAY),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Months(12),
    Step::Months(24),
];

fn approx_secs(step: Step) -> f64 {
    match step {
        Step::Secs(s) => s,
        Step::Months(m) => m as f64 * MONTH,
    }
}

/// Month index (months since year 0) of the first month starting at or after `secs`.
fn first_month_at_or_after(secs: f64) -> Option<i64> {
    let t = DateTime::from_timestamp(secs.floor() as i64, 0)?;
    let index = i64::from(t.year()) * 12 + i64::from(t.month0());
    let start = month_start(index)?;
    Some(if start < secs { index + 1 } else { index })
}

fn month_start(index: i64) -> Option<f64> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let date = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp() as f64)
}

/// Tick positions (Unix seconds) within `[t0, t1]`, at most `max_ticks` of them, at round
/// times (whole minutes/hours, UTC midnights, first days of months/years), and the label
/// precision that suits the step.
pub(crate) fn time_ticks(t0: f64, t1: f64, max_ticks: usize) -> (Vec<f64>, TimePrecision) {
    let max_ticks = max_ticks.max(1);
    if !(t0.is_finite() && t1.is_finite()) || t1 < t0 {
        return (Vec::new(), TimePrecision::Day);
    }
    let range = t1 - t0;
    let fits = |step: Step| range / approx_secs(step) < max_ticks as f64;
    let step = STEPS.iter().copied().find(|&s| fits(s)).unwrap_or_else(|| {
        // Decades and longer: 12 × 1/2/5×10ⁿ months.
        let mut years = 5.0_f64;
        let mut i = 0;
        while !fits(Step::Months((years * 12.0).min(1e15) as i64)) && years < 1e12 {
            years *= [2.0, 2.0, 2.5][i % 3]; // 5, 10, 20, 50, 100, 200, 500, …
            i += 1;
        }
        Step::Months((years * 12.0).min(1e15) as i64)
    });
    let unit = match approx_secs(step) {
        s if s >= DAY => TimePrecision::Day,
        s if s >= MINUTE => TimePrecision::Minute,
        _ => TimePrecision::Second,
    };
    let mut ticks = Vec::new();
    match step {
        Step::Secs(s) => {
            let mut t = (t0 / s).ceil() * s;
            while t <= t1 && ticks.len() <= max_ticks {
                ticks.push(t);
                t += s;
            }
        }
        Step::Months(m) => {
            let m = m.max(1);
            if let Some(first) = first_month_at_or_after(t0) {
                let mut index = first.div_euclid(m) * m;
                if index < first {
                    index += m;
                }
                while let Some(t) = month_start(index) {
                    if t > t1 || ticks.len() > max_ticks {
                        break;
                    }
                    ticks.push(t);
                    index = index.saturating_add(m);
                }
            }
        }
    }
    (ticks, unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::text::{format_date, format_time};

    #[test]
    fn count_scale_is_nice_and_covers_the_max() {
        assert_eq!(CountScale::new(0, 5), CountScale { max: 1, step: 1 });
        assert_eq!(CountScale::new(7, 5), CountScale { max: 8, step: 2 });
        assert_eq!(CountScale::new(10, 5), CountScale { max: 10, step: 2 });
        assert_eq!(CountScale::new(42, 5), CountScale { max: 50, step: 10 });
        assert_eq!(CountScale::new(1234, 4), CountScale { max: 1500, step: 500 });
        assert_eq!(CountScale::new(3, 10), CountScale { max: 3, step: 1 });
        assert_eq!(CountScale::new(42, 5).ticks(), vec![0, 10, 20, 30, 40, 50]);
        let huge = CountScale::new(u64::MAX, 5);
        assert!(huge.max >= u64::MAX / 2 && huge.ticks().len() <= 1001);
        for v in [1u64, 9, 99, 101, 5555, 1_000_001] {
            for n in 1..12 {
                let s = CountScale::new(v, n);
                assert!(s.max >= v && s.max % s.step == 0, "{v} {n} {s:?}");
                assert!((s.max / s.step) as usize <= n.max(1) * 2, "{v} {n} {s:?}");
            }
        }
    }

    #[test]
    fn daily_ticks_fall_on_utc_midnight() {
        let t0 = 1_455_580_800.0 + 5000.0; // 2016-02-16 01:23
        let (ticks, unit) = time_ticks(t0, t0 + 5.0 * DAY, 10);
        assert_eq!(unit, TimePrecision::Day);
        assert_eq!(ticks.len(), 5);
        assert_eq!(format_date(ticks[0]), "2016-02-17");
        assert!(ticks.iter().all(|t| t.rem_euclid(DAY) == 0.0));
    }

    #[test]
    fn monthly_ticks_fall_on_first_days() {
        let t0 = 1_455_580_800.0; // 2016-02-16
        let (ticks, unit) = time_ticks(t0, t0 + 300.0 * DAY, 6);
        assert_eq!(unit, TimePrecision::Day);
        assert!(!ticks.is_empty() && ticks.len() <= 6);
        for t in &ticks {
            assert!(format_date(*t).ends_with("-01"), "{}", format_date(*t));
        }
    }

    #[test]
    fn short_ranges_get_times_of_day() {
        let t0 = 1_455_580_800.0 + 30.0;
        let (ticks, unit) = time_ticks(t0, t0 + 2.0 * HOUR, 5);
        assert_eq!(unit, TimePrecision::Minute);
        assert_eq!(format_time(ticks[0], unit), "2016-02-16 00:30");
        let (_, unit) = time_ticks(t0, t0 + 20.0, 5);
        assert_eq!(unit, TimePrecision::Second);
    }

    #[test]
    fn odd_ranges_are_bounded() {
        assert!(time_ticks(f64::NAN, 1.0, 5).0.is_empty());
        assert!(time_ticks(5.0, 1.0, 5).0.is_empty());
        assert!(time_ticks(0.0, 1e13, 5).0.len() <= 6);
        assert!(time_ticks(-1e300, 1e300, 5).0.len() <= 6);
        assert!(time_ticks(0.0, 0.0, 5).0.len() <= 1);
    }
}

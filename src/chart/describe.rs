//! Text alternatives for charts: a one-sentence summary (for `aria-label`) and a table with
//! every number (for a visually hidden `<table>`), so nothing is only available as pixels.

use super::text::{format_count, format_datetime, format_duration};
use super::{format_date, ChartSpec, TimePoint, TimelineStep};
use crate::model::sort::SharedSort as _;
use crate::model::Severity;

/// Items named in a summary before "and N more".
const SUMMARY_ITEMS: usize = 12;

/// A chart's numbers as a table: `caption`, column `headers`, and `rows` of cells (each row
/// has `headers.len()` cells).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn sorted_points(points: &[TimePoint]) -> Vec<&TimePoint> {
    let mut v: Vec<&TimePoint> = points.iter().collect();
    // Untimed points last, otherwise by time; stable for ties.
    v.shared_sort_by(|a, b| {
        (!a.at_secs.is_finite())
            .cmp(&!b.at_secs.is_finite())
            .then(a.at_secs.total_cmp(&b.at_secs))
    });
    v
}

fn sorted_steps(steps: &[TimelineStep]) -> Vec<&TimelineStep> {
    let mut v: Vec<&TimelineStep> = steps.iter().collect();
    v.shared_sort_by(|a, b| {
        (!a.at_secs.is_finite())
            .cmp(&!b.at_secs.is_finite())
            .then(a.at_secs.total_cmp(&b.at_secs))
    });
    v
}

fn join_limited(items: Vec<String>) -> String {
    let extra = items.len().saturating_sub(SUMMARY_ITEMS);
    let mut out = items.into_iter().take(SUMMARY_ITEMS).collect::<Vec<_>>().join(", ");
    if extra > 0 {
        out.push_str(&format!(", and {} more", format_count(extra as u64)));
    }
    out
}

fn severity_breakdown(counts: &[u64; 5]) -> String {
    Severity::ALL
        .iter()
        .zip(counts)
        .map(|(s, &c)| format!("{} {}", s.as_str(), format_count(c)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ChartSpec {
    pub fn title(&self) -> &str {
        match self {
            ChartSpec::Bars(c) => &c.title,
            ChartSpec::TimeSeries(c) => &c.title,
            ChartSpec::Timeline(c) => &c.title,
        }
    }

    /// True when the chart draws "No data".
    pub fn is_empty(&self) -> bool {
        match self {
            ChartSpec::Bars(c) => c.bars.is_empty(),
            ChartSpec::TimeSeries(c) => !c.points.iter().any(|p| p.at_secs.is_finite()),
            ChartSpec::Timeline(c) => !c.steps.iter().any(|s| s.at_secs.is_finite()),
        }
    }

    /// One sentence for screen readers, e.g. `"Findings by severity: High 12, Medium 30, …"`.
    pub fn summary(&self) -> String {
        let title = match self.title().trim() {
            "" => match self {
                ChartSpec::Bars(_) => "Bar chart",
                ChartSpec::TimeSeries(_) => "Findings over time",
                ChartSpec::Timeline(_) => "State timeline",
            },
            t => t,
        };
        if self.is_empty() {
            return format!("{title}: no data");
        }
        match self {
            ChartSpec::Bars(c) => {
                let items = c
                    .bars
                    .iter()
                    .map(|b| format!("{} {}", b.label.trim(), format_count(b.value)))
                    .collect();
                format!("{title}: {}", join_limited(items))
            }
            ChartSpec::TimeSeries(c) => {
                let timed: Vec<&TimePoint> = sorted_points(&c.points)
                    .into_iter()
                    .filter(|p| p.at_secs.is_finite())
                    .collect();
                let (Some(first), Some(last)) = (timed.first(), timed.last()) else {
                    return format!("{title}: no data");
                };
                let runs = if timed.len() == 1 {
                    "1 run".to_owned()
                } else {
                    format!("{} runs", timed.len())
                };
                format!(
                    "{title}: {runs} from {} to {}. Latest, {} on {}: {} (total {}).",
                    format_date(first.at_secs),
                    format_date(last.at_secs),
                    last.label.trim(),
                    format_date(last.at_secs),
                    severity_breakdown(&last.counts),
                    format_count(last.total()),
                )
            }
            ChartSpec::Timeline(c) => {
                let timed: Vec<&TimelineStep> = sorted_steps(&c.steps)
                    .into_iter()
                    .filter(|s| s.at_secs.is_finite())
                    .collect();
                let (Some(first), Some(last)) = (timed.first(), timed.last()) else {
                    return format!("{title}: no data");
                };
                let items = timed
                    .iter()
                    .map(|s| format!("{} at {}", s.state.trim(), format_datetime(s.at_secs)))
                    .collect();
                format!(
                    "{title}: {}; {} from first to last change.",
                    join_limited(items),
                    format_duration(last.at_secs - first.at_secs)
                )
            }
        }
    }

    /// Every number of the chart, in the order it is drawn (time order for time charts;
    /// entries without a time last).
    pub fn table(&self) -> DataTable {
        let caption = self.title().trim().to_owned();
        let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        match self {
            ChartSpec::Bars(c) => DataTable {
                caption,
                headers: strings(&["Label", "Count"]),
                rows: c
                    .bars
                    .iter()
                    .map(|b| vec![b.label.clone(), format_count(b.value)])
                    .collect(),
            },
            ChartSpec::TimeSeries(c) => {
                let mut headers = strings(&["Time (UTC)", "Run"]);
                headers.extend(Severity::ALL.iter().map(|s| s.as_str().to_owned()));
                headers.push("Total".to_owned());
                let rows = sorted_points(&c.points)
                    .into_iter()
                    .map(|p| {
                        let mut row = vec![format_datetime(p.at_secs), p.label.clone()];
                        row.extend(p.counts.iter().map(|&n| format_count(n)));
                        row.push(format_count(p.total()));
                        row
                    })
                    .collect();
                DataTable { caption, headers, rows }
            }
            ChartSpec::Timeline(c) => {
                let steps = sorted_steps(&c.steps);
                let rows = steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let duration = match steps.get(i + 1) {
                            Some(next) if s.at_secs.is_finite() && next.at_secs.is_finite() => {
                                format_duration(next.at_secs - s.at_secs)
                            }
                            _ => "—".to_owned(),
                        };
                        vec![format_datetime(s.at_secs), s.state.clone(), duration]
                    })
                    .collect();
                DataTable {
                    caption,
                    headers: strings(&["Time (UTC)", "State", "Duration"]),
                    rows,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{Bar, BarChart, TimeSeries, Timeline};
    use super::*;

    #[test]
    fn bar_summary_lists_labels_and_counts() {
        let spec = ChartSpec::Bars(sample_bars(false));
        assert_eq!(
            spec.summary(),
            "Findings by severity: High 12, Medium 30, Low 7, Informational 3, Undefined 0"
        );
        let table = spec.table();
        assert_eq!(table.caption, "Findings by severity");
        assert_eq!(table.headers, vec!["Label", "Count"]);
        assert_eq!(table.rows[1], vec!["Medium", "30"]);
        assert_eq!(table.rows.len(), 5);
    }

    #[test]
    fn long_summaries_are_shortened_but_tables_are_complete() {
        let bars = (0..40)
            .map(|i| Bar::new(format!("r{i}"), 1000 + i, format!("k{i}")))
            .collect();
        let spec = ChartSpec::Bars(BarChart {
            title: String::new(),
            bars,
            horizontal: true,
        });
        let summary = spec.summary();
        assert!(summary.starts_with("Bar chart: r0 1,000, r1 1,001"), "{summary}");
        assert!(summary.ends_with(", and 28 more"), "{summary}");
        assert_eq!(spec.table().rows.len(), 40);
    }

    #[test]
    fn series_summary_and_table() {
        let mut series = sample_series();
        series.points.swap(0, 3);
        let spec = ChartSpec::TimeSeries(series);
        assert_eq!(
            spec.summary(),
            "Findings per run: 4 runs from 2016-02-16 to 2016-03-08. Latest, run-4 on 2016-03-08: \
             High 1, Medium 3, Low 2, Informational 2, Undefined 2 (total 10)."
        );
        let table = spec.table();
        assert_eq!(table.headers.len(), 8);
        assert_eq!(
            table.rows[0],
            vec!["2016-02-16 01:00:00", "run-1", "5", "10", "3", "1", "0", "19"]
        );
        assert!(table.rows.iter().all(|r| r.len() == table.headers.len()));
    }

    #[test]
    fn timeline_summary_and_table() {
        let spec = ChartSpec::Timeline(sample_timeline());
        let summary = spec.summary();
        assert!(summary.starts_with("Run states: CREATED at 2016-02-16 10:00:00, START_DATA_COLLECTION_PENDING at"));
        assert!(summary.ends_with("; 1h 10m from first to last change."), "{summary}");
        let table = spec.table();
        assert_eq!(table.rows[0], vec!["2016-02-16 10:00:00", "CREATED", "5s"]);
        assert_eq!(table.rows[3][1..], ["COLLECTING_DATA".to_owned(), "30m 0s".to_owned()]);
        assert_eq!(table.rows[7][2], "—");
    }

    #[test]
    fn empty_charts_say_no_data() {
        let specs = [
            ChartSpec::Bars(BarChart {
                title: "Top".into(),
                ..BarChart::default()
            }),
            ChartSpec::TimeSeries(TimeSeries::default()),
            ChartSpec::Timeline(Timeline::default()),
        ];
        assert_eq!(specs[0].summary(), "Top: no data");
        assert_eq!(specs[1].summary(), "Findings over time: no data");
        assert_eq!(specs[2].summary(), "State timeline: no data");
        assert!(specs.iter().all(|s| s.is_empty() && s.table().rows.is_empty()));
    }
}

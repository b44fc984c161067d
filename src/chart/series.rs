//! Finding counts per run over time: one column per run on a proportional UTC time axis,
//! stacked by severity (High at the bottom), with the total above each column when it fits.

use crate::model::sort::SharedSort as _;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::paint::{px, spread, Painter};
use super::scale::{time_ticks, CountScale};
use super::text::{format_compact, format_count, format_time, text_width};
use super::{ChartError, HitBox, Theme, TimePoint, TimeSeries};
use crate::model::Severity;
use crate::model::TimePrecision;

/// Draws `chart` on `root`; returns one hit box per drawn column, in time order (the input
/// may be in any order). A column's hit box spans the plot's full height.
///
/// Columns keep their time positions unless they would touch, in which case neighbours are
/// nudged apart just enough. Points without a finite time are skipped, and when there are more
/// runs than columns fit, the most recent ones are shown; a note says what was left out.
pub fn draw_time_series<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &TimeSeries,
    theme: &Theme,
) -> Result<Vec<HitBox>, ChartError> {
    let p = Painter::new(root, theme)?;
    let top = p.title(&chart.title)?;
    let mut points: Vec<&TimePoint> = chart.points.iter().filter(|pt| pt.at_secs.is_finite()).collect();
    let untimed = chart.points.len() - points.len();
    if points.is_empty() {
        p.no_data(top)?;
        return Ok(Vec::new());
    }
    points.shared_sort_by(|a, b| a.at_secs.total_cmp(&b.at_secs));

    let m = p.m;
    let legend: Vec<(String, _)> = Severity::ALL
        .iter()
        .filter(|&&s| points.iter().any(|pt| pt.counts[usize::from(s.rank())] > 0))
        .map(|&s| (s.as_str().to_owned(), theme.severity_color(s)))
        .collect();
    let min_slot = (3.0 * m.s).max(2.0);
    let rough_cap = ((p.width - 2.0 * m.pad) / min_slot).floor().max(0.0) as usize;
    let needs_note = untimed > 0 || points.len() > rough_cap;
    let note_h = if needs_note { p.note_height() } else { 0.0 };
    let value_h = m.small * 1.5;
    let axis_h = 4.0 * m.s + m.small * 1.6;
    // The legend only when the columns keep a usable height (the colours are also in the
    // accessible table); a short chart shows the columns rather than a legend.
    let room = p.height - m.pad - axis_h - note_h - value_h - top;
    let top = if room - p.legend_height(&legend) >= (16.0 * m.s).min(room * 0.5) {
        p.legend(&legend, top)?
    } else {
        top
    };
    let plot_top = top + value_h;
    let plot_bottom = p.height - m.pad - axis_h - note_h;
    let plot_h = plot_bottom - plot_top;
    if plot_h < 1.0 {
        p.note(&format!(
            "{} runs not shown (chart too small)",
            format_count(chart.points.len() as u64)
        ))?;
        return Ok(Vec::new());
    }

    let max_ticks = (plot_h / (m.small * 2.5)).floor().max(1.0) as usize;
    // Scale to the tallest column among those that may be shown (an upper bound is fine).
    let max_total = points.iter().map(|pt| pt.total()).max().unwrap_or(0);
    let scale = CountScale::new(max_total, max_ticks);
    let ticks = scale.ticks();
    let tick_gap = 4.0 * m.s;
    let tick_w = ticks
        .iter()
        .map(|&t| text_width(&format_compact(t), m.small))
        .fold(0.0, f64::max);
    let plot_left = m.pad + tick_w + tick_gap;
    let plot_right = p.width - m.pad;
    let plot_w = plot_right - plot_left;
    if plot_w < 2.0 {
        return Ok(Vec::new());
    }

    // Most recent runs first when they do not all fit.
    let capacity = (plot_w / min_slot).floor() as usize;
    let hidden = points.len().saturating_sub(capacity);
    let points = &points[hidden..];
    let n = points.len();
    let (x0, x1, y1) = (px(plot_left), px(plot_right), px(plot_bottom));
    let bar_y = |v: u64| px(plot_bottom - scale.frac(v) * plot_h);

    p.count_axis(&ticks, bar_y, (x0, x1), plot_left - tick_gap)?;

    let mut boxes = Vec::with_capacity(n);
    if n > 0 {
        let gap = px(m.s).max(1);
        let n_i = i32::try_from(n).unwrap_or(i32::MAX);
        let span = x1 - x0;
        let mut w = px((plot_w / n as f64 * 0.6).min(24.0 * m.s)).max(1);
        if n_i.saturating_mul(w + gap) - gap > span {
            w = ((span - (n_i - 1) * gap) / n_i).max(1);
        }
        // Domain with a little room so the first and last columns are not glued to the edges;
        // a single instant gets a day around it.
        let (first, last) = (points[0].at_secs, points[n - 1].at_secs);
        let (d0, d1) = if last - first < 1.0 {
            (first - 43_200.0, last + 43_200.0)
        } else {
            let margin = (last - first) * 0.03;
            (first - margin, last + margin)
        };
        let (c0, c1) = (plot_left + f64::from(w) / 2.0, plot_right - f64::from(w) / 2.0);
        let to_x = |t: f64| c0 + (t - d0) / (d1 - d0) * (c1 - c0);
        let ideal: Vec<i32> = points.iter().map(|pt| px(to_x(pt.at_secs)) - w / 2).collect();
        let lefts = spread(&ideal, w, gap, x0, x1);

        // Each column gets its own date when they are all different and fit side by side;
        // otherwise a regular time axis.
        let dates: Vec<String> = points
            .iter()
            .map(|pt| format_time(pt.at_secs, TimePrecision::Day))
            .collect();
        let centers: Vec<f64> = lefts.iter().map(|&l| f64::from(l) + f64::from(w) / 2.0).collect();
        let date_w = dates.iter().map(|d| text_width(d, m.small)).fold(0.0, f64::max) + 8.0 * m.s;
        let distinct = dates.windows(2).all(|d| d[0] != d[1]);
        if distinct && centers.windows(2).all(|c| c[1] - c[0] >= date_w) && date_w <= p.width - 2.0 * m.pad {
            for (date, &x) in dates.iter().zip(&centers) {
                axis_label(&p, x, plot_bottom, date)?;
            }
        } else {
            time_axis(&p, (d0, d1), (c0, c1), plot_bottom, TimePrecision::Day)?;
        }

        for (i, (pt, &left)) in points.iter().zip(&lefts).enumerate() {
            let mut below = 0u64;
            for (k, &count) in pt.counts.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let above = below.saturating_add(count);
                let (ya, yb) = (bar_y(above), bar_y(below));
                // A count too small for a pixel of its own still shows as one.
                let ya = if ya >= yb { yb - 1 } else { ya };
                p.rect(left, ya, left + w, yb, theme.severity[k])?;
                below = above;
            }
            let total = pt.total();
            let column_top = if total > 0 { bar_y(total).min(y1 - 1) } else { y1 };
            let center = f64::from(left) + f64::from(w) / 2.0;
            let room_left = if i == 0 {
                2.0 * (center - plot_left)
            } else {
                center - centre_of(&lefts, i - 1, w)
            };
            let room_right = match lefts.get(i + 1) {
                Some(_) => centre_of(&lefts, i + 1, w) - center,
                None => 2.0 * (plot_right - center),
            };
            let label = format_count(total);
            if text_width(&label, m.small) + 2.0 * m.s <= room_left.min(room_right) {
                let y = f64::from(column_top) - 2.0 * m.s;
                p.text(
                    &label,
                    center,
                    y,
                    m.small,
                    theme.text,
                    (HPos::Center, VPos::Bottom),
                    false,
                )?;
            }
            boxes.push(p.hit(left, px(plot_top - value_h), left + w, y1, &pt.key));
        }
    }
    p.hrule(x0, x1, y1, theme.axis)?;

    let mut notes = Vec::new();
    if hidden > 0 {
        notes.push(format!("{} earlier runs not shown", format_count(hidden as u64)));
    }
    if untimed > 0 {
        notes.push(format!("{} without a time not shown", format_count(untimed as u64)));
    }
    if !notes.is_empty() {
        p.note(&notes.join("; "))?;
    }
    Ok(boxes)
}

fn centre_of(lefts: &[i32], i: usize, w: i32) -> f64 {
    lefts.get(i).map_or(0.0, |&l| f64::from(l) + f64::from(w) / 2.0)
}

/// Draws tick marks and UTC date labels under a horizontal time axis at `y`, mapping time `t0`
/// to pixel `x0` and `t1` to `x1`. Labels are `YYYY-MM-DD`, or with the time of day when the
/// ticks are less than a day apart, and never run off the area. When `t0 == t1` there is one
/// label, for `t0` at `x0`, with the precision `instant_unit`.
pub(crate) fn time_axis<DB: DrawingBackend>(
    p: &Painter<'_, DB>,
    (t0, t1): (f64, f64),
    (x0, x1): (f64, f64),
    y: f64,
    instant_unit: TimePrecision,
) -> Result<(), ChartError> {
    let m = p.m;
    let sample = |unit: TimePrecision| text_width(&format_time(1_455_580_800.0, unit), m.small);
    let width = x1 - x0;
    let (ticks, unit) = if t1 - t0 < 1e-9 {
        (vec![t0], instant_unit)
    } else {
        // Longer labels need wider spacing, which may in turn allow a coarser unit.
        let mut chosen = (Vec::new(), TimePrecision::Day);
        for guess in [TimePrecision::Day, TimePrecision::Minute, TimePrecision::Second] {
            let max_ticks = (width / (sample(guess) + 16.0 * m.s)).floor().max(1.0) as usize;
            let (ticks, unit) = time_ticks(t0, t1, max_ticks);
            let fits = sample(unit) <= sample(guess);
            chosen = (ticks, unit);
            if fits {
                break;
            }
        }
        chosen
    };
    for t in ticks {
        let x = if t1 - t0 < 1e-9 {
            x0
        } else {
            x0 + (t - t0) / (t1 - t0) * width
        };
        axis_label(p, x, y, &format_time(t, unit))?;
    }
    Ok(())
}

/// A tick mark at `x` hanging from the axis at `y`, and its label centred under it (moved in
/// as needed to stay inside the area).
fn axis_label<DB: DrawingBackend>(p: &Painter<'_, DB>, x: f64, y: f64, label: &str) -> Result<(), ChartError> {
    let m = p.m;
    let tick_len = px(4.0 * m.s).max(1);
    p.vrule(px(x), px(y), px(y) + tick_len, p.theme.axis)?;
    let half = text_width(label, m.small) / 2.0;
    // Not `f64::clamp`: its bounds check panics on NaN (and links float formatting for the message).
    let cx = x.min(p.width - m.pad - half).max(m.pad + half);
    let ty = y + f64::from(tick_len) + 1.0 * m.s;
    p.text(label, cx, ty, m.small, p.theme.muted, (HPos::Center, VPos::Top), false)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{hit_test, ChartSpec, NO_DATA};
    use super::*;
    use crate::chart::format_date;

    fn draw(chart: &TimeSeries, w: u32, h: u32) -> (String, Vec<HitBox>) {
        render(&ChartSpec::TimeSeries(chart.clone()), w, h, &Theme::light())
    }

    #[test]
    fn columns_are_in_time_order_with_totals_dates_and_legend() {
        let mut chart = sample_series();
        chart.points.reverse(); // input order must not matter
        let (svg, boxes) = draw(&chart, 720, 320);
        assert_eq!(keys(&boxes), vec!["run:run-1", "run:run-2", "run:run-3", "run:run-4"]);
        assert_well_formed(&boxes, 720, 320);
        assert!(boxes.windows(2).all(|w| w[0].x1 <= w[1].x0));
        for total in ["19", "19", "20", "10"] {
            assert!(has_text(&svg, total), "total {total} missing");
        }
        for s in Severity::ALL {
            assert!(has_text(&svg, s.as_str()), "legend {s} missing");
        }
        // Weekly runs over three weeks: each column is labelled with its date.
        let dates: Vec<String> = texts(&svg).into_iter().filter(|t| t.starts_with("2016-")).collect();
        assert_eq!(dates, vec!["2016-02-16", "2016-02-23", "2016-03-01", "2016-03-08"]);
    }

    #[test]
    fn crowded_columns_get_a_regular_date_axis() {
        let points: Vec<TimePoint> = (0..60)
            .map(|i| TimePoint {
                at_secs: T0 + f64::from(i) * DAY,
                counts: [1, 0, 0, 0, 0],
                label: format!("r{i}"),
                key: format!("k{i}"),
            })
            .collect();
        let (svg, boxes) = draw(
            &TimeSeries {
                title: String::new(),
                points,
            },
            600,
            240,
        );
        assert_eq!(boxes.len(), 60);
        let dates: Vec<String> = texts(&svg).into_iter().filter(|t| t.starts_with("2016-")).collect();
        assert!((2..=8).contains(&dates.len()), "{dates:?}");
        assert!(dates
            .iter()
            .all(|d| d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-'));
        assert!(dates.windows(2).all(|d| d[0] < d[1]), "{dates:?}");
    }

    #[test]
    fn columns_are_stacked_high_at_the_bottom_with_proportional_heights() {
        let chart = TimeSeries {
            title: String::new(),
            points: vec![TimePoint {
                at_secs: T0,
                counts: [10, 20, 0, 0, 5],
                label: "r".into(),
                key: "r".into(),
            }],
        };
        let (svg, boxes) = draw(&chart, 400, 300);
        let theme = Theme::light();
        let rects = rects(&svg);
        // The column's segments (the legend's swatches have the same colours but lie outside).
        let b = &boxes[0];
        let find = |s: Severity| {
            let fill = hex(theme.severity_color(s));
            rects
                .iter()
                .find(|r| r.fill == fill && r.x >= b.x0 && r.x + r.w <= b.x1 && r.y >= b.y0)
                .cloned()
        };
        let (Some(high), Some(medium), Some(undefined)) =
            (find(Severity::High), find(Severity::Medium), find(Severity::Undefined))
        else {
            panic!("segments missing: {rects:?}");
        };
        assert!(find(Severity::Low).is_none());
        assert_eq!(high.y, medium.y + medium.h, "medium sits on high");
        assert_eq!(medium.y, undefined.y + undefined.h, "undefined sits on medium");
        assert!((f64::from(medium.h) / f64::from(high.h) - 2.0).abs() < 0.1);
        // Only present severities are in the legend.
        assert!(has_text(&svg, "High") && !has_text(&svg, "Low"));
    }

    #[test]
    fn positions_follow_time_and_close_runs_are_nudged_apart() {
        let base = sample_series();
        let mut chart = base.clone();
        // One run, then ten days later two at the same instant and one a minute after them.
        let times = [T0, T0 + 10.0 * DAY, T0 + 10.0 * DAY, T0 + 10.0 * DAY + 60.0];
        for (pt, t) in chart.points.iter_mut().zip(times) {
            pt.at_secs = t;
        }
        let (_, boxes) = draw(&chart, 600, 300);
        assert_eq!(boxes.len(), 4);
        assert_well_formed(&boxes, 600, 300);
        // The first run is far from the others; the last three are packed together at the right.
        let gap01 = boxes[1].x0 - boxes[0].x1;
        let gap12 = boxes[2].x0 - boxes[1].x1;
        assert!(gap01 > 10 * gap12.max(1), "{boxes:?}");
        // Evenly spaced runs get evenly spaced columns.
        let (_, even) = draw(&base, 600, 300);
        let steps: Vec<i32> = even.windows(2).map(|w| w[1].x0 - w[0].x0).collect();
        assert!(steps.iter().all(|s| (s - steps[0]).abs() <= 1), "{steps:?}");
    }

    #[test]
    fn click_maps_to_the_run() {
        let chart = sample_series();
        let (_, boxes) = draw(&chart, 500, 260);
        let (x, y) = boxes[2].center();
        assert_eq!(hit_test(&boxes, x, y).map(|b| b.key.as_str()), Some("run:run-3"));
        assert_eq!(hit_test(&boxes, 1.0, 1.0), None);
    }

    #[test]
    fn a_single_run_shows_its_date() {
        let chart = TimeSeries {
            title: "One".into(),
            points: vec![sample_series().points[0].clone()],
        };
        let (svg, boxes) = draw(&chart, 400, 240);
        assert_eq!(boxes.len(), 1);
        assert!(has_text(&svg, &format_date(T0)), "{:?}", texts(&svg));
    }

    #[test]
    fn short_spans_label_times_of_day() {
        let mut chart = sample_series();
        for (i, pt) in chart.points.iter_mut().enumerate() {
            pt.at_secs = T0 + 3600.0 * i as f64;
        }
        let (svg, _) = draw(&chart, 700, 260);
        assert!(
            texts(&svg)
                .iter()
                .any(|t| t.starts_with("2016-02-16 0") && t.len() == 16),
            "{:?}",
            texts(&svg)
        );
    }

    #[test]
    fn empty_or_untimed_series_says_no_data() {
        let (svg, boxes) = draw(
            &TimeSeries {
                title: "t".into(),
                points: vec![],
            },
            300,
            200,
        );
        assert!(has_text(&svg, NO_DATA) && boxes.is_empty());
        let mut chart = sample_series();
        for pt in &mut chart.points {
            pt.at_secs = f64::NAN;
        }
        let (svg, boxes) = draw(&chart, 300, 200);
        assert!(has_text(&svg, NO_DATA) && boxes.is_empty());
        // Some untimed: drawn, with a note.
        let mut chart = sample_series();
        chart.points[1].at_secs = f64::INFINITY;
        let (svg, boxes) = draw(&chart, 500, 260);
        assert_eq!(boxes.len(), 3);
        assert!(has_text(&svg, "1 without a time not shown"), "{:?}", texts(&svg));
    }

    #[test]
    fn many_runs_keep_the_most_recent() {
        let points: Vec<TimePoint> = (0..1000)
            .map(|i| TimePoint {
                at_secs: T0 + f64::from(i) * DAY,
                counts: [1, 2, 3, 4, 5],
                label: format!("r{i}"),
                key: format!("k{i}"),
            })
            .collect();
        let (svg, boxes) = draw(
            &TimeSeries {
                title: "many".into(),
                points,
            },
            400,
            240,
        );
        assert!(!boxes.is_empty() && boxes.len() < 1000);
        assert_eq!(boxes.last().map(|b| b.key.as_str()), Some("k999"));
        assert_well_formed(&boxes, 400, 240);
        assert!(texts(&svg).iter().any(|t| t.ends_with("earlier runs not shown")));
    }
}

//! A run's state-change timeline: one lane of coloured segments, each state lasting until the
//! next change, the state names above (staggered over up to three rows, each tied to its
//! segment by a leader in the segment's colour) and a UTC time axis below.

use crate::model::sort::SharedSort as _;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

use super::paint::{px, spread, Painter};
use super::series::time_axis;
use super::text::{fit_text, format_count, text_width};
use super::{ChartError, HitBox, Theme, Timeline, TimelineStep};
use crate::model::TimePrecision;

/// Draws `chart` on `root`; returns one hit box per drawn segment (key: the state name), in
/// time order. The last state, which has no end, gets a short fixed-width segment.
///
/// Segments keep a minimum width, so states that lasted a second stay visible and clickable;
/// steps without a finite time are skipped, and steps beyond what fits are left out with a note.
pub fn draw_timeline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Timeline,
    theme: &Theme,
) -> Result<Vec<HitBox>, ChartError> {
    let p = Painter::new(root, theme)?;
    let top = p.title(&chart.title)?;
    let mut steps: Vec<&TimelineStep> = chart.steps.iter().filter(|s| s.at_secs.is_finite()).collect();
    let untimed = chart.steps.len() - steps.len();
    if steps.is_empty() {
        p.no_data(top)?;
        return Ok(Vec::new());
    }
    steps.shared_sort_by(|a, b| a.at_secs.total_cmp(&b.at_secs));

    let m = p.m;
    let plot_left = m.pad;
    let plot_right = p.width - m.pad;
    let plot_w = plot_right - plot_left;
    let min_seg = (4.0 * m.s).max(3.0);
    let end_w = (plot_w * 0.08).min(48.0 * m.s).max(min_seg);
    let (x0, x1) = (px(plot_left), px(plot_right));
    let body_end = px(plot_right - end_w);
    let seg = px(min_seg).max(1);
    if body_end < x0 {
        return Ok(Vec::new());
    }
    // Every segment but the last needs `seg` pixels before body_end.
    let capacity = usize::try_from((body_end - x0) / seg).unwrap_or(0) + 1;
    let hidden = steps.len().saturating_sub(capacity);
    let steps = &steps[..steps.len() - hidden];
    let n = steps.len();

    let note_h = if hidden > 0 || untimed > 0 {
        p.note_height()
    } else {
        0.0
    };
    // Up to three rows of labels above the lane; fewer (down to none, the states stay in the
    // accessible table) when the chart is too short for them and a lane.
    let row_h = m.font * 1.5;
    let labels_top = top;
    let leader_gap = 4.0 * m.s;
    let axis_h = 4.0 * m.s + m.small * 1.6;
    let layout = |rows: usize| {
        let lane_top = labels_top + rows as f64 * row_h + leader_gap;
        let room = p.height - m.pad - note_h - axis_h - lane_top;
        (lane_top, (room * 0.6).min(32.0 * m.s))
    };
    let rows = (0..=n.min(3))
        .rev()
        .find(|&r| layout(r).1 >= (6.0 * m.s).min(12.0))
        .unwrap_or(0);
    let (lane_top, lane_h) = layout(rows);
    if lane_h < 2.0 {
        // Too small to draw a lane: say so rather than draw nothing silently.
        p.note(&format!(
            "{} state changes not shown (chart too small)",
            format_count((n + untimed) as u64)
        ))?;
        return Ok(Vec::new());
    }
    let lane_bottom = lane_top + lane_h;
    let (ly0, ly1) = (px(lane_top), px(lane_bottom));

    // Segment boundaries: time-proportional, then nudged to keep every segment min_seg wide.
    let (t0, t_last) = (steps[0].at_secs, steps[n - 1].at_secs);
    let body_w = plot_w - end_w;
    let to_x = |t: f64| {
        if t_last - t0 < 1e-9 {
            plot_left
        } else {
            plot_left + (t - t0) / (t_last - t0) * body_w
        }
    };
    let ideal: Vec<i32> = steps.iter().map(|s| px(to_x(s.at_secs))).collect();
    let starts = spread(&ideal, seg, 0, x0, body_end + seg);
    let ends: Vec<i32> = starts.iter().skip(1).copied().chain(std::iter::once(x1)).collect();

    let sep = px(m.s).max(1);
    let label_gap = 6.0 * m.s;
    // Where the last label drawn in each row ends.
    let mut row_end = [f64::NEG_INFINITY; 3];
    // Preferred label starts: at the leader, except that the last label of each row moves left
    // as far as it needs to fit (the final state matters most), and claims that room first.
    let desired: Vec<f64> = steps
        .iter()
        .zip(&starts)
        .enumerate()
        .map(|(i, (step, &a))| {
            let at_leader = f64::from(a) + 3.0 * m.s;
            if i + rows >= n {
                at_leader.min(p.width - m.pad - text_width(&step.state, m.font))
            } else {
                at_leader
            }
        })
        .collect();
    let mut boxes = Vec::with_capacity(n);
    for (i, (step, (&a, &b))) in steps.iter().zip(starts.iter().zip(&ends)).enumerate() {
        let color = state_color(&step.state, theme);
        // A background-coloured separator between segments, when there is room for one.
        let right = if i + 1 < n && b - a > sep + 1 { b - sep } else { b };
        p.rect(a, ly0, right, ly1, color)?;

        boxes.push(p.hit(a, ly0, b, ly1, &step.state));
        if rows == 0 {
            continue;
        }
        let row = i % rows;
        // Row 0 is nearest the lane.
        let row_bottom = lane_top - leader_gap - row as f64 * row_h;
        p.vrule(a, px(row_bottom - row_h * 0.5), ly0, color)?;
        let right = desired.get(i + rows).map_or(p.width - m.pad, |&x| x - label_gap);
        let x = desired[i].max(row_end[row] + label_gap).max(m.pad);
        if let Some(label) = fit_text(&step.state, right - x, m.font) {
            let y = row_bottom - row_h / 2.0;
            p.text(&label, x, y, m.font, theme.text, (HPos::Left, VPos::Center), false)?;
            row_end[row] = x + text_width(&label, m.font);
        }
    }
    let t_axis_end = if t_last - t0 < 1e-9 { t0 } else { t_last };
    let axis_y = lane_bottom + 2.0 * m.s;
    time_axis(
        &p,
        (t0, t_axis_end),
        (plot_left, plot_left + body_w),
        axis_y,
        TimePrecision::Second,
    )?;

    let mut notes = Vec::new();
    if hidden > 0 {
        notes.push(format!("{} later changes not shown", format_count(hidden as u64)));
    }
    if untimed > 0 {
        notes.push(format!("{} without a time not shown", format_count(untimed as u64)));
    }
    if !notes.is_empty() {
        p.note(&notes.join("; "))?;
    }
    Ok(boxes)
}

/// A state's colour: failures vermillion, completion green, cancellation grey, everything
/// else a stable palette colour derived from the name (so a state looks the same everywhere).
pub(crate) fn state_color(state: &str, theme: &Theme) -> RGBColor {
    let upper = state.to_ascii_uppercase();
    if upper.contains("FAIL") || upper.contains("ERROR") {
        theme.palette[5]
    } else if upper.contains("COMPLETED") {
        theme.palette[2]
    } else if upper.contains("CANCEL") {
        theme.palette[7]
    } else {
        // FNV-1a: stable across runs and platforms.
        let hash = upper
            .bytes()
            .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        const OTHERS: [usize; 4] = [0, 1, 3, 4];
        theme.palette[OTHERS[hash as usize % OTHERS.len()]]
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{hit_test, ChartSpec, NO_DATA};
    use super::*;

    fn draw(chart: &Timeline, w: u32, h: u32) -> (String, Vec<HitBox>) {
        render(&ChartSpec::Timeline(chart.clone()), w, h, &Theme::light())
    }

    #[test]
    fn segments_follow_the_states_in_time_order() {
        let mut chart = sample_timeline();
        chart.steps.swap(0, 5); // input order must not matter
        let (svg, boxes) = draw(&chart, 800, 220);
        let original = sample_timeline();
        let expected: Vec<&str> = original.steps.iter().map(|s| s.state.as_str()).collect();
        assert_eq!(keys(&boxes), expected);
        assert_well_formed(&boxes, 800, 220);
        assert!(boxes.windows(2).all(|w| w[0].x1 <= w[1].x0));
        // Every segment is clickable, even the five-second ones.
        assert!(boxes.iter().all(|b| b.width() >= 4), "{boxes:?}");
        // The long COLLECTING_DATA state (30 min of 70) is the widest.
        let widest = boxes.iter().max_by_key(|b| b.width()).map(|b| b.key.as_str());
        assert_eq!(widest, Some("COLLECTING_DATA"));
        // Labels (some truncated) and a time axis with the date and time of day.
        assert!(has_text(&svg, "COLLECTING_DATA"));
        assert!(has_text(&svg, "COMPLETED"));
        assert!(
            texts(&svg).iter().any(|t| t.starts_with("2016-02-16 1")),
            "{:?}",
            texts(&svg)
        );
        assert!(svg.contains(&hex(Theme::light().palette[2])), "COMPLETED is green");
    }

    #[test]
    fn click_maps_to_the_state() {
        let chart = sample_timeline();
        let (_, boxes) = draw(&chart, 640, 200);
        let target = boxes.iter().find(|b| b.key == "EVALUATING_RULES").cloned();
        let Some(target) = target else {
            panic!("no EVALUATING_RULES box")
        };
        let (x, y) = target.center();
        assert_eq!(hit_test(&boxes, x, y).map(|b| b.key.as_str()), Some("EVALUATING_RULES"));
    }

    #[test]
    fn a_single_state_and_simultaneous_states_draw() {
        let one = Timeline {
            title: "t".into(),
            steps: vec![TimelineStep::new(T0, "CREATED")],
        };
        let (svg, boxes) = draw(&one, 400, 160);
        assert_eq!(keys(&boxes), vec!["CREATED"]);
        assert!(has_text(&svg, "CREATED"));
        assert!(has_text(&svg, "2016-02-16 00:00:00"), "{:?}", texts(&svg));

        let same = Timeline {
            title: "t".into(),
            steps: vec![
                TimelineStep::new(T0, "A"),
                TimelineStep::new(T0, "B"),
                TimelineStep::new(T0, "C"),
            ],
        };
        let (_, boxes) = draw(&same, 400, 160);
        assert_eq!(keys(&boxes), vec!["A", "B", "C"]);
        assert_well_formed(&boxes, 400, 160);
    }

    #[test]
    fn empty_timeline_says_no_data() {
        let (svg, boxes) = draw(
            &Timeline {
                title: "t".into(),
                steps: vec![],
            },
            300,
            150,
        );
        assert!(has_text(&svg, NO_DATA) && boxes.is_empty());
        let nan = Timeline {
            title: "t".into(),
            steps: vec![TimelineStep::new(f64::NAN, "X")],
        };
        let (svg, boxes) = draw(&nan, 300, 150);
        assert!(has_text(&svg, NO_DATA) && boxes.is_empty());
    }

    #[test]
    fn too_many_steps_are_capped_with_a_note() {
        let steps: Vec<TimelineStep> = (0..2000)
            .map(|i| TimelineStep::new(T0 + f64::from(i), format!("S{i}")))
            .collect();
        let (svg, boxes) = draw(
            &Timeline {
                title: "t".into(),
                steps,
            },
            300,
            160,
        );
        assert!(!boxes.is_empty() && boxes.len() < 2000);
        assert_eq!(boxes[0].key, "S0");
        assert_well_formed(&boxes, 300, 160);
        assert!(texts(&svg).iter().any(|t| t.ends_with("later changes not shown")));
    }

    #[test]
    fn state_colours_are_semantic_and_stable() {
        let t = Theme::light();
        assert_eq!(state_color("FAILED", &t), t.palette[5]);
        assert_eq!(state_color("COMPLETED_WITH_ERRORS", &t), t.palette[5]);
        assert_eq!(state_color("COMPLETED", &t), t.palette[2]);
        assert_eq!(state_color("CANCELED", &t), t.palette[7]);
        assert_eq!(state_color("CREATED", &t), state_color("created", &t));
    }
}

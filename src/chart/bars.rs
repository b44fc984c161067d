//! Bar charts: columns (labels underneath) or horizontal bars (labels on the left), a count
//! axis with gridlines, and each count printed at the end of its bar.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::paint::{band, px, slots, Painter};
use super::scale::CountScale;
use super::text::{fit_text, format_compact, format_count, text_width};
use super::{BarChart, ChartError, HitBox, Theme};

/// Draws `chart` on `root` and returns one hit box per drawn bar, in bar order.
///
/// A bar's hit box spans its thickness and the whole length of the chart along the bar,
/// label included, so short bars and their labels are as easy to click as long ones. Bars
/// that cannot get at least ~3 CSS pixels each are left out (a note says how many); the query
/// layer is expected to send a top-N.
pub fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &BarChart,
    theme: &Theme,
) -> Result<Vec<HitBox>, ChartError> {
    let p = Painter::new(root, theme)?;
    let top = p.title(&chart.title)?;
    if chart.bars.is_empty() {
        p.no_data(top)?;
        return Ok(Vec::new());
    }
    if chart.horizontal {
        horizontal(&p, chart, top)
    } else {
        vertical(&p, chart, top)
    }
}

/// Minimum slot per bar, in device pixels.
fn min_slot<DB: DrawingBackend>(p: &Painter<'_, DB>) -> f64 {
    (3.0 * p.m.s).max(2.0)
}

/// How many bars fit in `len` pixels, and the note for the rest.
fn capacity<DB: DrawingBackend>(p: &Painter<'_, DB>, len: f64, n: usize) -> (usize, Option<String>) {
    let fit = if len > 0.0 {
        (len / min_slot(p)).floor() as usize
    } else {
        0
    };
    if n <= fit {
        (n, None)
    } else {
        (fit, Some(format!("{} more not shown", format_count((n - fit) as u64))))
    }
}

fn vertical<DB: DrawingBackend>(p: &Painter<'_, DB>, chart: &BarChart, top: f64) -> Result<Vec<HitBox>, ChartError> {
    let (m, theme) = (p.m, p.theme);
    let lw = p.line_width();
    let value_h = m.small * 1.5;
    let label_h = m.font * 1.7;
    let tick_gap = 4.0 * m.s;

    // Reserve the note line only if the bars will not fit.
    let rough_len = p.width - 2.0 * m.pad;
    let note_h = if capacity(p, rough_len, chart.bars.len()).1.is_some() {
        p.note_height()
    } else {
        0.0
    };
    let plot_top = top + value_h;
    let plot_bottom = p.height - m.pad - label_h - note_h;
    let plot_h = plot_bottom - plot_top;

    let max_value = chart.bars.iter().map(|b| b.value).max().unwrap_or(0);
    let max_ticks = (plot_h / (m.small * 2.5)).floor().max(1.0) as usize;
    let scale = CountScale::new(max_value, max_ticks);
    let ticks = scale.ticks();
    let tick_w = ticks
        .iter()
        .map(|&t| text_width(&format_compact(t), m.small))
        .fold(0.0, f64::max);
    let plot_left = m.pad + tick_w + tick_gap;
    let plot_right = p.width - m.pad;
    if plot_h < 1.0 || plot_right - plot_left < 1.0 {
        return Ok(Vec::new());
    }
    let (shown, note) = capacity(p, plot_right - plot_left, chart.bars.len());
    let (x0, x1, y0, y1) = (px(plot_left), px(plot_right), px(plot_top), px(plot_bottom));
    let bar_y = |v: u64| px(plot_bottom - scale.frac(v) * plot_h);

    p.count_axis(&ticks, bar_y, (x0, x1), plot_left - tick_gap)?;

    let mut boxes = Vec::with_capacity(shown);
    for (bar, slot) in chart.bars.iter().zip(slots(x0, x1, shown)) {
        let (bx0, bx1) = band(slot, 0.7, 64.0 * m.s);
        let mut by0 = bar_y(bar.value);
        if bar.value > 0 && by0 >= y1 {
            by0 = y1 - 1; // every non-zero count stays visible
        }
        p.rect(bx0, by0, bx1, y1, theme.bar_color(bar.color))?;

        let slot_w = f64::from(slot.1 - slot.0);
        let center = (f64::from(bx0) + f64::from(bx1)) / 2.0;
        let value = format_count(bar.value);
        if text_width(&value, m.small) <= slot_w {
            let y = f64::from(by0) - 2.0 * m.s;
            p.text(
                &value,
                center,
                y,
                m.small,
                theme.text,
                (HPos::Center, VPos::Bottom),
                false,
            )?;
        }
        if let Some(label) = fit_text(&bar.label, slot_w - 2.0 * m.s, m.font) {
            let y = plot_bottom + 4.0 * m.s;
            p.text(&label, center, y, m.font, theme.text, (HPos::Center, VPos::Top), false)?;
        }
        boxes.push(p.hit(bx0, px(top), bx1, px(plot_bottom + label_h), &bar.key));
    }
    p.hrule(x0, x1, y1, theme.axis)?;
    if y1 - lw > y0 {
        p.vrule(x0 - lw, y0, y1 + lw, theme.axis)?;
    }
    if let Some(note) = note {
        p.note(&note)?;
    }
    Ok(boxes)
}

fn horizontal<DB: DrawingBackend>(p: &Painter<'_, DB>, chart: &BarChart, top: f64) -> Result<Vec<HitBox>, ChartError> {
    let (m, theme) = (p.m, p.theme);
    let gap = 6.0 * m.s;
    let inner_w = p.width - 2.0 * m.pad;

    let value_w = chart
        .bars
        .iter()
        .map(|b| text_width(&format_count(b.value), m.small))
        .fold(0.0, f64::max)
        + 4.0 * m.s;
    let natural_label_w = chart
        .bars
        .iter()
        .map(|b| text_width(&b.label, m.font))
        .fold(0.0, f64::max);
    let mut label_w = natural_label_w.min(inner_w * 0.4);
    // Keep at least 30% of the width for the bars themselves.
    let plot_w = inner_w - label_w - gap - value_w;
    if plot_w < inner_w * 0.3 {
        label_w = (label_w - (inner_w * 0.3 - plot_w)).max(0.0);
    }
    let plot_left = m.pad + label_w + gap;
    let plot_right = p.width - m.pad - value_w;

    let tick_h = m.small * 1.7;
    let rough_len = p.height - top - m.pad - tick_h;
    let note_h = if capacity(p, rough_len, chart.bars.len()).1.is_some() {
        p.note_height()
    } else {
        0.0
    };
    let plot_top = top;
    let plot_bottom = p.height - m.pad - tick_h - note_h;
    let plot_w = plot_right - plot_left;
    if plot_w < 1.0 || plot_bottom - plot_top < 1.0 {
        return Ok(Vec::new());
    }

    let max_value = chart.bars.iter().map(|b| b.value).max().unwrap_or(0);
    let tick_label_w = text_width(&format_compact(max_value.max(10)), m.small) + 12.0 * m.s;
    let max_ticks = (plot_w / tick_label_w).floor().max(1.0) as usize;
    let scale = CountScale::new(max_value, max_ticks);
    let (shown, note) = capacity(p, plot_bottom - plot_top, chart.bars.len());
    let (x0, x1, y0, y1) = (px(plot_left), px(plot_right), px(plot_top), px(plot_bottom));
    let bar_x = |v: u64| px(plot_left + scale.frac(v) * plot_w);

    for t in scale.ticks() {
        let x = bar_x(t);
        if t > 0 {
            p.vrule(x, y0, y1, theme.grid)?;
        }
        let y = plot_bottom + 3.0 * m.s;
        p.text(
            &format_compact(t),
            f64::from(x),
            y,
            m.small,
            theme.muted,
            (HPos::Center, VPos::Top),
            false,
        )?;
    }

    let mut boxes = Vec::with_capacity(shown);
    for (bar, slot) in chart.bars.iter().zip(slots(y0, y1, shown)) {
        let (by0, by1) = band(slot, 0.7, 28.0 * m.s);
        let mut bx1 = bar_x(bar.value);
        if bar.value > 0 && bx1 <= x0 {
            bx1 = x0 + 1;
        }
        p.rect(x0, by0, bx1, by1, theme.bar_color(bar.color))?;

        let slot_h = f64::from(slot.1 - slot.0);
        let cy = (f64::from(by0) + f64::from(by1)) / 2.0;
        if slot_h >= m.small * 0.9 {
            let x = f64::from(bx1) + 4.0 * m.s;
            let value = format_count(bar.value);
            p.text(&value, x, cy, m.small, theme.text, (HPos::Left, VPos::Center), false)?;
        }
        if slot_h >= m.font * 0.9 {
            if let Some(label) = fit_text(&bar.label, label_w, m.font) {
                p.text(
                    &label,
                    plot_left - gap,
                    cy,
                    m.font,
                    theme.text,
                    (HPos::Right, VPos::Center),
                    false,
                )?;
            }
        }
        boxes.push(p.hit(px(m.pad), by0, px(p.width - m.pad), by1, &bar.key));
    }
    p.vrule(x0, y0, y1, theme.axis)?;
    p.hrule(x0, x1, y1, theme.axis)?;
    if let Some(note) = note {
        p.note(&note)?;
    }
    Ok(boxes)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::super::{Bar, BarColor, ChartSpec, NO_DATA};
    use super::*;
    use crate::model::Severity;

    fn draw(chart: &BarChart, w: u32, h: u32) -> (String, Vec<HitBox>) {
        render(&ChartSpec::Bars(chart.clone()), w, h, &Theme::light())
    }

    #[test]
    fn columns_show_labels_values_and_map_keys_in_order() {
        let chart = sample_bars(false);
        let (svg, boxes) = draw(&chart, 640, 320);
        for bar in &chart.bars {
            assert!(has_text(&svg, &bar.label), "label {} missing", bar.label);
            assert!(has_text(&svg, &format_count(bar.value)), "value of {}", bar.label);
        }
        assert_eq!(
            keys(&boxes),
            chart.bars.iter().map(|b| b.key.as_str()).collect::<Vec<_>>()
        );
        assert_well_formed(&boxes, 640, 320);
        // Columns left to right in bar order.
        assert!(boxes.windows(2).all(|w| w[0].x1 <= w[1].x0));
        assert!(svg.contains("Findings by severity"));
    }

    #[test]
    fn horizontal_bars_go_top_to_bottom_in_order() {
        let chart = sample_bars(true);
        let (svg, boxes) = draw(&chart, 640, 320);
        assert_eq!(
            keys(&boxes),
            chart.bars.iter().map(|b| b.key.as_str()).collect::<Vec<_>>()
        );
        assert_well_formed(&boxes, 640, 320);
        assert!(boxes.windows(2).all(|w| w[0].y1 <= w[1].y0));
        for bar in &chart.bars {
            assert!(has_text(&svg, &bar.label));
            assert!(has_text(&svg, &format_count(bar.value)));
        }
    }

    #[test]
    fn bar_lengths_are_proportional_to_values() {
        let chart = sample_bars(false); // High 12, Medium 30, Low 7, Informational 3, Undefined 0
        let (svg, boxes) = draw(&chart, 640, 320);
        let rects = rects(&svg);
        let color = |s: Severity| hex(Theme::light().severity_color(s));
        let height = |s: Severity| {
            rects
                .iter()
                .filter(|r| r.fill == color(s))
                .map(|r| r.h)
                .max()
                .unwrap_or_default()
        };
        let (high, medium, low) = (height(Severity::High), height(Severity::Medium), height(Severity::Low));
        assert!(medium > high && high > low && low > 0, "{high} {medium} {low}");
        let ratio = f64::from(medium) / f64::from(high);
        assert!((ratio - 30.0 / 12.0).abs() < 0.1, "ratio {ratio}");
        // Each bar's rectangle lies inside its own hit box.
        for (bar, b) in chart.bars.iter().zip(&boxes) {
            if bar.value == 0 {
                continue;
            }
            let fill = hex(Theme::light().bar_color(bar.color));
            let r = rects
                .iter()
                .find(|r| r.fill == fill)
                .unwrap_or_else(|| panic!("no rect for {}", bar.label));
            assert!(
                r.x >= b.x0 && r.x + r.w <= b.x1 && r.y >= b.y0 && r.y + r.h <= b.y1,
                "{r:?} vs {b:?}"
            );
        }
    }

    #[test]
    fn a_click_in_the_middle_of_a_bar_finds_its_key() {
        let chart = sample_bars(true);
        let (_, boxes) = draw(&chart, 500, 300);
        for (bar, b) in chart.bars.iter().zip(&boxes) {
            let (x, y) = b.center();
            assert_eq!(
                super::super::hit_test(&boxes, x, y).map(|h| h.key.as_str()),
                Some(bar.key.as_str())
            );
        }
    }

    #[test]
    fn long_labels_are_truncated_with_an_ellipsis() {
        let long = "Instance i-0123456789abcdef0 is configured to allow users to log in with root credentials";
        for horizontal in [false, true] {
            let chart = BarChart {
                title: "Top rules".into(),
                bars: vec![Bar::new(long, 5, "rule:a"), Bar::new("short", 3, "rule:b")],
                horizontal,
            };
            let (svg, _) = draw(&chart, 400, 240);
            assert!(!svg.contains(long), "full label drawn (horizontal={horizontal})");
            let truncated: Vec<String> = texts(&svg).into_iter().filter(|t| t.ends_with('…')).collect();
            assert_eq!(truncated.len(), 1, "no ellipsis (horizontal={horizontal})");
            assert!(truncated[0].starts_with("Instance"), "{truncated:?}");
            assert!(has_text(&svg, "short"));
        }
    }

    #[test]
    fn labels_are_escaped_in_svg() {
        let chart = BarChart {
            title: "<script>".into(),
            bars: vec![Bar::new("a<b & c", 1, "k")],
            horizontal: true,
        };
        let (svg, boxes) = draw(&chart, 400, 200);
        assert!(!svg.contains("<script>"));
        assert!(has_text(&svg, "a&lt;b &amp; c"));
        assert_eq!(keys(&boxes), vec!["k"]);
    }

    #[test]
    fn empty_chart_says_no_data() {
        for horizontal in [false, true] {
            let chart = BarChart {
                title: "Nothing".into(),
                bars: vec![],
                horizontal,
            };
            let (svg, boxes) = draw(&chart, 300, 200);
            assert!(has_text(&svg, NO_DATA));
            assert!(boxes.is_empty());
        }
    }

    #[test]
    fn all_zero_values_still_draw_and_are_clickable() {
        let chart = BarChart {
            title: String::new(),
            bars: vec![Bar::new("a", 0, "a"), Bar::new("b", 0, "b")],
            horizontal: false,
        };
        let (svg, boxes) = draw(&chart, 300, 200);
        assert!(!svg.contains(NO_DATA));
        assert_eq!(keys(&boxes), vec!["a", "b"]);
        assert_well_formed(&boxes, 300, 200);
    }

    #[test]
    fn too_many_bars_are_capped_with_a_note() {
        let bars: Vec<Bar> = (0..500)
            .map(|i| Bar::new(format!("r{i}"), i, format!("k{i}")))
            .collect();
        for horizontal in [false, true] {
            let chart = BarChart {
                title: "Many".into(),
                bars: bars.clone(),
                horizontal,
            };
            let (svg, boxes) = draw(&chart, 400, 300);
            assert!(!boxes.is_empty() && boxes.len() < 500);
            assert!(
                texts(&svg).iter().any(|t| t.ends_with("more not shown")),
                "no note (horizontal={horizontal})"
            );
            assert_eq!(boxes[0].key, "k0");
            assert_well_formed(&boxes, 400, 300);
        }
    }

    #[test]
    fn explicit_colours_are_used() {
        let chart = BarChart {
            title: String::new(),
            bars: vec![
                Bar::new("x", 4, "x").with_color(BarColor::Rgb(0x12, 0x34, 0x56)),
                Bar::new("y", 4, "y").with_color(BarColor::Palette(2)),
            ],
            horizontal: false,
        };
        let (svg, _) = draw(&chart, 300, 200);
        assert!(svg.contains("#123456"));
        assert!(svg.contains(&hex(Theme::light().palette[2])));
    }

    #[test]
    fn dark_theme_paints_a_dark_background_and_scales() {
        let chart = ChartSpec::Bars(sample_bars(false));
        let (svg, boxes) = render(&chart, 640, 320, &Theme::dark());
        assert!(svg.contains(&hex(Theme::dark().background)));
        assert!(!svg.contains(&hex(Theme::light().background)));
        let (_, boxes2) = render(&chart, 1280, 640, &Theme::dark().with_scale(2.0));
        assert_eq!(keys(&boxes), keys(&boxes2));
        for (a, b) in boxes.iter().zip(&boxes2) {
            // Twice the pixels, same layout (within rounding).
            assert!(
                (b.x0 - 2 * a.x0).abs() <= 2 && (b.x1 - 2 * a.x1).abs() <= 2,
                "{a:?} {b:?}"
            );
        }
    }
}

//! A thin painter over a plotters drawing area: pixel rectangles and anchored text only (no
//! plotters chart builder, which would ask the backend to measure text), plus the pieces every
//! chart shares (title, "No data", notes, legend swatches, layout helpers).

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Rectangle, Text};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, IntoFont, RGBColor};

use super::text::{fit_text, text_width};
use super::theme::{Metrics, Theme};
use super::{ChartError, HitBox, NO_DATA};

/// Rounds to the nearest pixel; NaN becomes 0 and huge values saturate (never panics).
pub(crate) fn px(v: f64) -> i32 {
    v.round().clamp(-1.0e9, 1.0e9) as i32
}

pub(crate) struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    pub theme: &'a Theme,
    pub m: Metrics,
    pub width: f64,
    pub height: f64,
    base: (i32, i32),
}

fn backend_error(e: impl std::fmt::Display) -> ChartError {
    ChartError::Backend(e.to_string())
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    /// Clears the area to the theme's background.
    pub fn new(area: &'a DrawingArea<DB, Shift>, theme: &'a Theme) -> Result<Self, ChartError> {
        area.fill(&theme.background).map_err(backend_error)?;
        let (w, h) = area.dim_in_pixel();
        Ok(Painter {
            area,
            theme,
            m: theme.metrics(),
            width: f64::from(w),
            height: f64::from(h),
            base: area.get_base_pixel(),
        })
    }

    /// Fills `[x0, x1) × [y0, y1)` (area pixels). Empty rectangles draw nothing.
    pub fn rect(&self, x0: i32, y0: i32, x1: i32, y1: i32, color: RGBColor) -> Result<(), ChartError> {
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        // The SVG and canvas backends fill `width = x1 - x0` from `x0`: exactly [x0, x1).
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()))
            .map_err(backend_error)
    }

    /// A horizontal rule `lw` pixels thick starting at `y`.
    pub fn hrule(&self, x0: i32, x1: i32, y: i32, color: RGBColor) -> Result<(), ChartError> {
        self.rect(x0, y, x1, y + self.line_width(), color)
    }

    /// A vertical rule `lw` pixels thick starting at `x`.
    pub fn vrule(&self, x: i32, y0: i32, y1: i32, color: RGBColor) -> Result<(), ChartError> {
        self.rect(x, y0, x + self.line_width(), y1, color)
    }

    pub fn line_width(&self) -> i32 {
        px(self.m.s).max(1)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &self,
        text: &str,
        x: f64,
        y: f64,
        size: f64,
        color: RGBColor,
        anchor: (HPos, VPos),
        bold: bool,
    ) -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        let weight = if bold { FontStyle::Bold } else { FontStyle::Normal };
        let style = (self.theme.font_family, size, weight)
            .into_font()
            .color(&color)
            .pos(Pos::new(anchor.0, anchor.1));
        self.area
            .draw(&Text::new(text, (px(x), px(y)), style))
            .map_err(backend_error)
    }

    /// A hit box for area-relative pixels, in absolute backend pixels.
    pub fn hit(&self, x0: i32, y0: i32, x1: i32, y1: i32, key: &str) -> HitBox {
        HitBox {
            x0: x0.saturating_add(self.base.0),
            y0: y0.saturating_add(self.base.1),
            x1: x1.saturating_add(self.base.0),
            y1: y1.saturating_add(self.base.1),
            key: key.to_owned(),
        }
    }

    /// Draws the title (if any) at the top left; returns the y where the chart body starts.
    pub fn title(&self, title: &str) -> Result<f64, ChartError> {
        let m = self.m;
        let Some(fitted) = fit_text(title, self.width - 2.0 * m.pad, m.title) else {
            return Ok(m.pad);
        };
        self.text(
            &fitted,
            m.pad,
            m.pad,
            m.title,
            self.theme.text,
            (HPos::Left, VPos::Top),
            true,
        )?;
        Ok(m.pad + m.title * 1.6)
    }

    /// The "No data" message, centred in the space below `top`.
    pub fn no_data(&self, top: f64) -> Result<(), ChartError> {
        let y = (top + self.height) / 2.0;
        let size = self.m.font * 1.25;
        self.text(
            NO_DATA,
            self.width / 2.0,
            y,
            size,
            self.theme.muted,
            (HPos::Center, VPos::Center),
            false,
        )
    }

    /// Height to reserve at the bottom for a [`Painter::note`].
    pub fn note_height(&self) -> f64 {
        self.m.small * 1.6
    }

    /// A small muted note at the bottom right (e.g. "12 more not shown").
    pub fn note(&self, text: &str) -> Result<(), ChartError> {
        let m = self.m;
        let Some(fitted) = fit_text(text, self.width - 2.0 * m.pad, m.small) else {
            return Ok(());
        };
        let (x, y) = (self.width - m.pad, self.height - m.pad);
        self.text(
            &fitted,
            x,
            y,
            m.small,
            self.theme.muted,
            (HPos::Right, VPos::Bottom),
            false,
        )
    }

    /// A legend of coloured swatches flowing left to right from `top`, wrapping as needed;
    /// returns the y below it.
    /// A count axis: a grid line at each tick above zero, and its label right-aligned at `label_right`.
    pub fn count_axis(
        &self,
        ticks: &[u64],
        y_of: impl Fn(u64) -> i32,
        (x0, x1): (i32, i32),
        label_right: f64,
    ) -> Result<(), ChartError> {
        let m = self.m;
        for &t in ticks {
            let y = y_of(t);
            if t > 0 {
                self.hrule(x0, x1, y, self.theme.grid)?;
            }
            let label = super::text::format_compact(t);
            self.text(
                &label,
                label_right,
                f64::from(y),
                m.small,
                self.theme.muted,
                (HPos::Right, VPos::Center),
                false,
            )?;
        }
        Ok(())
    }

    /// The height [`Painter::legend`] would take, without drawing.
    pub fn legend_height(&self, items: &[(String, RGBColor)]) -> f64 {
        let m = self.m;
        if items.is_empty() {
            return 0.0;
        }
        let row_h = m.small * 1.7;
        let gap = m.small * 1.2;
        let swatch = (m.small * 0.85).round().max(1.0);
        let (left, right) = (m.pad, self.width - m.pad);
        let (mut x, mut rows) = (left, 1.0);
        for (label, _) in items {
            let natural = swatch + 4.0 * m.s + text_width(label, m.small);
            if x > left && x + natural > right {
                x = left;
                rows += 1.0;
            }
            x += natural + gap;
        }
        rows * row_h
    }

    pub fn legend(&self, items: &[(String, RGBColor)], top: f64) -> Result<f64, ChartError> {
        let m = self.m;
        if items.is_empty() {
            return Ok(top);
        }
        let row_h = m.small * 1.7;
        let swatch = (m.small * 0.85).round().max(1.0);
        let gap = m.small * 1.2;
        let (left, right) = (m.pad, self.width - m.pad);
        let (mut x, mut y) = (left, top);
        for (label, color) in items {
            let natural = swatch + 4.0 * m.s + text_width(label, m.small);
            if x > left && x + natural > right {
                x = left;
                y += row_h;
            }
            let label_room = right - x - swatch - 4.0 * m.s;
            let cy = y + row_h / 2.0;
            let sy = px(cy - swatch / 2.0);
            self.rect(px(x), sy, px(x + swatch), sy + px(swatch), *color)?;
            if let Some(fitted) = fit_text(label, label_room, m.small) {
                let tx = x + swatch + 4.0 * m.s;
                self.text(
                    &fitted,
                    tx,
                    cy,
                    m.small,
                    self.theme.text,
                    (HPos::Left, VPos::Center),
                    false,
                )?;
            }
            x += natural + gap;
        }
        Ok(y + row_h)
    }
}

/// Splits `[start, end)` into `n` slots of (nearly) equal integer size that tile it exactly.
pub(crate) fn slots(start: i32, end: i32, n: usize) -> Vec<(i32, i32)> {
    let len = f64::from(end.saturating_sub(start).max(0));
    let n_f = n as f64;
    (0..n)
        .map(|i| {
            let a = start + px(len * i as f64 / n_f);
            let b = start + px(len * (i + 1) as f64 / n_f);
            (a, b)
        })
        .collect()
}

/// A bar's span centred in its slot: `frac` of the slot, at most `max_thickness`, at least one
/// pixel, and leaving at least a one-pixel gap when the slot has room for one.
pub(crate) fn band((a, b): (i32, i32), frac: f64, max_thickness: f64) -> (i32, i32) {
    let len = b - a;
    if len <= 0 {
        return (a, a);
    }
    let limit = if len >= 2 { len - 1 } else { len };
    let thickness = px((f64::from(len) * frac).min(max_thickness)).clamp(1, limit);
    let start = a + (len - thickness) / 2;
    (start, start + thickness)
}

/// Places `n` items of width `w` (with `gap` between them) as near as possible to their ideal
/// left edges, in order, without overlap and within `[lo, hi)`. Requires
/// `n * w + (n - 1) * gap <= hi - lo` (the caller caps `n`); `ideal` must be sorted.
pub(crate) fn spread(ideal: &[i32], w: i32, gap: i32, lo: i32, hi: i32) -> Vec<i32> {
    let mut lefts: Vec<i32> = Vec::with_capacity(ideal.len());
    for &x in ideal {
        let min = lefts.last().map_or(lo, |&prev| prev + w + gap);
        lefts.push(x.max(min));
    }
    let mut max = hi - w;
    for left in lefts.iter_mut().rev() {
        *left = (*left).min(max);
        max = *left - w - gap;
    }
    lefts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_tile_the_range() {
        let s = slots(10, 110, 3);
        assert_eq!(s, vec![(10, 43), (43, 77), (77, 110)]);
        assert!(slots(0, 0, 4).iter().all(|(a, b)| a == b));
        assert!(slots(0, 10, 0).is_empty());
    }

    #[test]
    fn bands_stay_inside_their_slot_with_a_gap() {
        assert_eq!(band((0, 10), 0.7, 100.0), (1, 8));
        assert_eq!(band((0, 100), 0.7, 20.0), (40, 60));
        assert_eq!(band((0, 2), 0.1, 100.0), (0, 1));
        assert_eq!(band((5, 6), 0.7, 100.0), (5, 6));
        assert_eq!(band((5, 5), 0.7, 100.0), (5, 5));
    }

    #[test]
    fn spread_keeps_order_and_spacing_within_bounds() {
        // Three items wanting the same spot, near the right edge.
        let lefts = spread(&[95, 95, 95], 4, 1, 0, 100);
        assert_eq!(lefts, vec![86, 91, 96]);
        // Items that already fit stay where they are.
        assert_eq!(spread(&[0, 50], 10, 2, 0, 100), vec![0, 50]);
        // Crowded at the left edge.
        assert_eq!(spread(&[-5, 0, 0], 3, 1, 0, 100), vec![0, 4, 8]);
    }

    #[test]
    fn px_never_panics() {
        assert_eq!(px(f64::NAN), 0);
        assert_eq!(px(1e300), 1_000_000_000);
        assert_eq!(px(-2.5), -3);
    }
}

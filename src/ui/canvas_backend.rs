//! A plotters drawing backend over a `<canvas>` 2D context, for the two primitives the charts
//! use: filled rectangles and anchored text.
//!
//! It replaces the `plotters-canvas` crate, which wrote every colour as `rgba(r,g,b,alpha)` and
//! every font size with `{}` on an `f64`: those two lines linked core's float formatting
//! (Grisu and Dragon4, shortest and exact) into the wasm. Here colours are `#rrggbbaa` and font
//! sizes have one decimal, written with integer arithmetic.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws on one canvas, in its bitmap's pixels.
pub struct CanvasBackend {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

/// A call on the 2D context threw.
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

fn thrown(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(super::loader::js_err(e)))
}

impl CanvasBackend {
    /// The backend for `canvas`, or `None` when it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(CanvasBackend { canvas, context })
    }

    fn set_fill(&self, color: BackendColor) {
        self.context.set_fill_style_str(&css_color(color));
    }
}

/// `#rrggbbaa`: the canvas keeps 8 bits of alpha, so nothing is lost against `rgba(…, 0.5)`.
pub fn css_color(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let a = (color.alpha.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{r:02x}{g:02x}{b:02x}{a:02x}")
}

impl DrawingBackend for CanvasBackend {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.draw_rect(point, (point.0 + 1, point.1 + 1), &color, true)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (f64::from(bottom_right.0) - x, f64::from(bottom_right.1) - y);
        if fill {
            self.set_fill(color);
            self.context.fill_rect(x, y, w, h);
        } else {
            self.context.set_stroke_style_str(&css_color(color));
            self.context.set_line_width(f64::from(style.stroke_width()));
            self.context.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let quarter_turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        let ctx = &self.context;
        if quarter_turns != 0.0 {
            ctx.save();
            ctx.translate(x, y).map_err(thrown)?;
            ctx.rotate(quarter_turns * std::f64::consts::FRAC_PI_2)
                .map_err(thrown)?;
            (x, y) = (0.0, 0.0);
        }
        ctx.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        ctx.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        self.set_fill(color);
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            crate::model::tenths(style.size()),
            style.family().as_str()
        );
        ctx.set_font(&font);
        let drawn = ctx.fill_text(text, x, y).map_err(thrown);
        if quarter_turns != 0.0 {
            ctx.restore();
        }
        drawn
    }
}

#[cfg(test)]
mod tests {
    use super::css_color;
    use plotters_backend::BackendColor;

    #[test]
    fn colours_are_hex_with_alpha() {
        let c = |rgb, alpha| css_color(BackendColor { alpha, rgb });
        assert_eq!(c((255, 0, 16), 1.0), "#ff0010ff");
        assert_eq!(c((1, 2, 3), 0.5), "#01020380");
        assert_eq!(c((0, 0, 0), 0.0), "#00000000");
        // Out-of-range alpha is clamped rather than wrapped.
        assert_eq!(c((0, 0, 0), 2.0), "#000000ff");
        assert_eq!(c((0, 0, 0), -1.0), "#00000000");
    }
}

//! Colours and sizes. Severity colours are fixed per theme so every chart agrees; they differ
//! in lightness as well as hue, so they stay distinguishable with the common colour-vision
//! deficiencies (and the categorical palette is Okabe–Ito's).

use plotters::style::RGBColor;

use super::BarColor;
use crate::model::Severity;

/// Number of entries in [`Theme::palette`].
pub const PALETTE_LEN: usize = 8;

/// Light or dark appearance, plus the pixel scale everything is drawn at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    /// Secondary text: axis tick labels, notes.
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// Bars without a colour of their own.
    pub accent: RGBColor,
    /// Indexed by [`Severity::rank`]: High, Medium, Low, Informational, Undefined.
    pub severity: [RGBColor; 5],
    pub palette: [RGBColor; PALETTE_LEN],
    pub font_family: &'static str,
    /// Body text size in CSS pixels (before `scale`).
    pub font_px: f64,
    /// Device pixels per CSS pixel (`devicePixelRatio`); multiplies every size.
    pub scale: f64,
}

const OKABE_ITO: [RGBColor; PALETTE_LEN] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x99, 0x99, 0x99), // grey (instead of black, which vanishes on dark)
];

impl Theme {
    /// Matches the page's light colours (static/style.css).
    pub fn light() -> Self {
        Theme {
            background: RGBColor(0xFF, 0xFF, 0xFF),
            text: RGBColor(0x1D, 0x23, 0x30),
            muted: RGBColor(0x5B, 0x64, 0x75),
            grid: RGBColor(0xE6, 0xE9, 0xEF),
            axis: RGBColor(0x9A, 0xA3, 0xB2),
            accent: RGBColor(0x25, 0x63, 0xEB),
            severity: [
                RGBColor(0xA5, 0x0F, 0x15), // High: dark red
                RGBColor(0xE6, 0x61, 0x01), // Medium: orange
                RGBColor(0xF2, 0xB7, 0x01), // Low: amber
                RGBColor(0x21, 0x66, 0xAC), // Informational: blue
                RGBColor(0x8C, 0x8C, 0x8C), // Undefined: grey
            ],
            palette: OKABE_ITO,
            font_family: "sans-serif",
            font_px: 12.0,
            scale: 1.0,
        }
    }

    /// Matches the page's dark colours; severity hues as in light, lifted for contrast.
    pub fn dark() -> Self {
        Theme {
            background: RGBColor(0x14, 0x17, 0x1D),
            text: RGBColor(0xE6, 0xE9, 0xEF),
            muted: RGBColor(0x9A, 0xA3, 0xB2),
            grid: RGBColor(0x2C, 0x32, 0x3D),
            axis: RGBColor(0x5B, 0x64, 0x75),
            accent: RGBColor(0x6E, 0xA8, 0xFF),
            severity: [
                RGBColor(0xC8, 0x32, 0x3C), // High: dark red
                RGBColor(0xF0, 0x80, 0x2D), // Medium: orange
                RGBColor(0xF5, 0xC3, 0x42), // Low: amber
                RGBColor(0x5A, 0xA0, 0xE0), // Informational: blue
                RGBColor(0x9A, 0xA0, 0xA6), // Undefined: grey
            ],
            palette: OKABE_ITO,
            font_family: "sans-serif",
            font_px: 12.0,
            scale: 1.0,
        }
    }

    pub fn for_dark(dark: bool) -> Self {
        if dark {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    /// The same theme drawn at `scale` device pixels per CSS pixel (clamped to 0.25..=8;
    /// anything non-finite means 1).
    pub fn with_scale(mut self, scale: f64) -> Self {
        self.scale = if scale.is_finite() { scale.clamp(0.25, 8.0) } else { 1.0 };
        self
    }

    pub fn severity_color(&self, severity: Severity) -> RGBColor {
        self.severity[usize::from(severity.rank()).min(4)]
    }

    pub fn palette_color(&self, index: usize) -> RGBColor {
        self.palette[index % PALETTE_LEN]
    }

    pub fn bar_color(&self, color: Option<BarColor>) -> RGBColor {
        match color {
            None => self.accent,
            Some(BarColor::Severity(s)) => self.severity_color(s),
            Some(BarColor::Palette(i)) => self.palette_color(usize::from(i)),
            Some(BarColor::Rgb(r, g, b)) => RGBColor(r, g, b),
        }
    }

    /// Sizes derived from `font_px` and `scale`, in device pixels.
    pub(crate) fn metrics(&self) -> Metrics {
        let s = if self.scale.is_finite() && self.scale > 0.0 {
            self.scale
        } else {
            1.0
        };
        let font = if self.font_px.is_finite() && self.font_px > 0.0 {
            self.font_px.min(200.0)
        } else {
            12.0
        } * s;
        Metrics {
            s,
            font,
            small: font * 11.0 / 12.0,
            title: font * 14.0 / 12.0,
            pad: 8.0 * s,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::light()
    }
}

/// Device-pixel sizes used by the layouts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Metrics {
    /// The scale itself, for sizes not tied to the font (line widths, minimum bar widths).
    pub s: f64,
    pub font: f64,
    pub small: f64,
    pub title: f64,
    pub pad: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: RGBColor) -> f64 {
        let f = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn severity_colours_are_distinct_and_ordered_by_lightness_for_the_warm_ones() {
        for theme in [Theme::light(), Theme::dark()] {
            let l: Vec<f64> = theme.severity.iter().map(|&c| luminance(c)).collect();
            // High < Medium < Low in lightness: readable without hue (deuteranopia, print).
            assert!(l[0] < l[1] && l[1] < l[2], "{l:?}");
            for i in 0..5 {
                for j in i + 1..5 {
                    assert_ne!(theme.severity[i], theme.severity[j]);
                }
            }
            // High is red-dominant, Informational blue-dominant, Undefined grey.
            let high = theme.severity_color(Severity::High);
            assert!(high.0 > high.1 && high.0 > high.2);
            let info = theme.severity_color(Severity::Informational);
            assert!(info.2 > info.0 && info.2 > info.1);
            let undef = theme.severity_color(Severity::Undefined);
            let channels = [undef.0, undef.1, undef.2];
            let spread = channels.iter().max().copied().unwrap_or(0) - channels.iter().min().copied().unwrap_or(0);
            assert!(spread < 16, "{undef:?} is not grey");
        }
    }

    #[test]
    fn text_is_readable_on_the_background() {
        for theme in [Theme::light(), Theme::dark()] {
            assert!(contrast(theme.text, theme.background) >= 7.0);
            assert!(contrast(theme.muted, theme.background) >= 4.5);
        }
    }

    #[test]
    fn scale_is_clamped_and_sanitised() {
        assert_eq!(Theme::light().with_scale(2.0).scale, 2.0);
        assert_eq!(Theme::light().with_scale(f64::NAN).scale, 1.0);
        assert_eq!(Theme::light().with_scale(100.0).scale, 8.0);
        let m = Theme::light().with_scale(2.0).metrics();
        assert_eq!(m.font, 24.0);
        let mut odd = Theme::dark();
        odd.font_px = f64::INFINITY;
        odd.scale = -1.0;
        assert_eq!(odd.metrics().font, 12.0);
    }

    #[test]
    fn bar_colours_resolve() {
        let t = Theme::light();
        assert_eq!(t.bar_color(None), t.accent);
        assert_eq!(t.bar_color(Some(BarColor::Severity(Severity::Low))), t.severity[2]);
        assert_eq!(t.bar_color(Some(BarColor::Palette(9))), t.palette[1]);
        assert_eq!(t.bar_color(Some(BarColor::Rgb(1, 2, 3))), RGBColor(1, 2, 3));
    }
}

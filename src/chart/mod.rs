//! Charts as pure functions of plain data: `fn draw_*<DB: DrawingBackend>(area, chart, theme)`.
//!
//! The query layer computes the numbers; this layer lays them out and paints them on any
//! plotters backend (SVG natively and in tests, `ui::canvas_backend` in the
//! browser). Every draw function returns the [`HitBox`]es of what it drew, so the UI can map a
//! click to the filter key of the bar, column or segment under the pointer ([`hit_test`]).
//!
//! Layout never asks the backend to measure text: widths are estimated from the characters
//! ([`text_width`]). That keeps the result identical on every backend (a canvas draws exactly
//! what the SVG tests checked, hit boxes included) and avoids plotters' browser font probe,
//! which sets an inline `style` attribute that the app's Content-Security-Policy forbids.
//!
//! All sizes in [`Theme`] are CSS pixels times [`Theme::scale`]; the canvas component passes
//! `devicePixelRatio` as the scale and draws at device resolution, so hit boxes are in the
//! backend's (device) pixels.
//!
//! Nothing here fails on odd data: empty charts draw "No data", non-finite times are skipped,
//! counts saturate, labels that do not fit are shortened with an ellipsis or left out (the UI's
//! accessible table, [`ChartSpec::table`], always has every value).

mod bars;
mod describe;
mod paint;
mod scale;
mod series;
mod text;
mod theme;
mod timeline;

use std::fmt;

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;

use crate::model::Severity;

pub use bars::draw_bars;
pub use describe::DataTable;
pub use series::draw_time_series;
pub use text::{fit_text, format_count, format_date, format_datetime, text_width};
pub use theme::{Theme, PALETTE_LEN};
pub use timeline::draw_timeline;

/// Text of the message drawn in place of an empty chart.
pub const NO_DATA: &str = "No data";

/// How a bar is coloured. `None` on a [`Bar`] means the theme's accent colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BarColor {
    /// The severity's colour from the theme (consistent across all charts).
    Severity(Severity),
    /// An entry of the theme's colour-blind-safe categorical palette (wraps around).
    Palette(u8),
    /// An explicit colour.
    Rgb(u8, u8, u8),
}

/// One bar: a label, its count, and the filter key the UI applies when it is clicked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub key: String,
    pub color: Option<BarColor>,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: u64, key: impl Into<String>) -> Self {
        Bar {
            label: label.into(),
            value,
            key: key.into(),
            color: None,
        }
    }

    pub fn with_color(mut self, color: BarColor) -> Self {
        self.color = Some(color);
        self
    }
}

/// A bar chart, drawn in the order given. `horizontal`: bars grow to the right with the labels
/// on the left (best for long labels); otherwise columns with the labels underneath.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
    pub horizontal: bool,
}

/// Finding counts of one assessment run, by severity in [`Severity::ALL`] order
/// (High, Medium, Low, Informational, Undefined).
#[derive(Clone, Debug, PartialEq)]
pub struct TimePoint {
    /// When (Unix seconds, UTC), e.g. the run's completion time.
    pub at_secs: f64,
    pub counts: [u64; 5],
    /// Shown in the accessible table (e.g. the run name).
    pub label: String,
    pub key: String,
}

impl TimePoint {
    /// Sum of the five counts (saturating).
    pub fn total(&self) -> u64 {
        self.counts.iter().fold(0u64, |a, &c| a.saturating_add(c))
    }
}

/// Finding counts per run over time, one column per run stacked by severity, on a time axis.
/// Points may come in any order; columns that would collide are nudged apart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimeSeries {
    pub title: String,
    pub points: Vec<TimePoint>,
}

/// One state change of a run: from `at_secs` the run is in `state`.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineStep {
    pub at_secs: f64,
    pub state: String,
}

impl TimelineStep {
    pub fn new(at_secs: f64, state: impl Into<String>) -> Self {
        TimelineStep {
            at_secs,
            state: state.into(),
        }
    }
}

/// A run's state-change timeline: one lane of segments, each state lasting until the next
/// change. A segment's hit-box key is its state name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub title: String,
    pub steps: Vec<TimelineStep>,
}

/// Any chart, for components that take "a chart" as one prop.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartSpec {
    Bars(BarChart),
    TimeSeries(TimeSeries),
    Timeline(Timeline),
}

impl From<BarChart> for ChartSpec {
    fn from(c: BarChart) -> Self {
        ChartSpec::Bars(c)
    }
}

impl From<TimeSeries> for ChartSpec {
    fn from(c: TimeSeries) -> Self {
        ChartSpec::TimeSeries(c)
    }
}

impl From<Timeline> for ChartSpec {
    fn from(c: Timeline) -> Self {
        ChartSpec::Timeline(c)
    }
}

/// A clickable pixel rectangle, half-open: `x0 <= x < x1`, `y0 <= y < y1`, in the backend's
/// pixels (absolute, i.e. including the drawing area's offset within the backend).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HitBox {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
    pub key: String,
}

impl HitBox {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= f64::from(self.x0) && x < f64::from(self.x1) && y >= f64::from(self.y0) && y < f64::from(self.y1)
    }

    pub fn overlaps(&self, other: &HitBox) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    pub fn width(&self) -> i32 {
        self.x1.saturating_sub(self.x0)
    }

    pub fn height(&self) -> i32 {
        self.y1.saturating_sub(self.y0)
    }

    /// Centre point, handy for synthetic clicks.
    pub fn center(&self) -> (f64, f64) {
        (
            (f64::from(self.x0) + f64::from(self.x1)) / 2.0,
            (f64::from(self.y0) + f64::from(self.y1)) / 2.0,
        )
    }
}

/// The hit box under `(x, y)` (backend pixels), if any. Boxes never overlap, so at most one
/// matches.
pub fn hit_test(boxes: &[HitBox], x: f64, y: f64) -> Option<&HitBox> {
    boxes.iter().find(|b| b.contains(x, y))
}

/// Drawing failed in the backend (the data itself never makes a chart fail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartError {
    Backend(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::Backend(msg) => write!(f, "chart drawing failed: {msg}"),
        }
    }
}

impl std::error::Error for ChartError {}

/// Draws any chart; see [`draw_bars`], [`draw_time_series`], [`draw_timeline`].
pub fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartSpec,
    theme: &Theme,
) -> Result<Vec<HitBox>, ChartError> {
    match chart {
        ChartSpec::Bars(c) => draw_bars(root, c, theme),
        ChartSpec::TimeSeries(c) => draw_time_series(root, c, theme),
        ChartSpec::Timeline(c) => draw_timeline(root, c, theme),
    }
}

#[cfg(test)]
mod test_util;

#[cfg(test)]
mod tests {
    use super::test_util::*;
    use super::*;

    #[test]
    fn hit_test_finds_the_box_and_is_half_open() {
        let boxes = vec![
            HitBox {
                x0: 0,
                y0: 0,
                x1: 10,
                y1: 10,
                key: "a".into(),
            },
            HitBox {
                x0: 10,
                y0: 0,
                x1: 20,
                y1: 10,
                key: "b".into(),
            },
        ];
        assert_eq!(hit_test(&boxes, 9.9, 5.0).map(|b| b.key.as_str()), Some("a"));
        assert_eq!(hit_test(&boxes, 10.0, 5.0).map(|b| b.key.as_str()), Some("b"));
        assert_eq!(hit_test(&boxes, 20.0, 5.0), None);
        assert_eq!(hit_test(&boxes, 5.0, -0.1), None);
        assert!(!boxes[0].overlaps(&boxes[1]));
        assert!(boxes[0].overlaps(&HitBox {
            x0: 9,
            y0: 9,
            x1: 30,
            y1: 30,
            key: String::new()
        }));
        assert_eq!(boxes[1].center(), (15.0, 5.0));
    }

    #[test]
    fn draw_chart_dispatches_to_each_kind() {
        let specs: Vec<ChartSpec> = vec![
            sample_bars(false).into(),
            sample_series().into(),
            sample_timeline().into(),
        ];
        for spec in &specs {
            let (svg, boxes) = render(spec, 640, 320, &Theme::light());
            assert!(!boxes.is_empty(), "{spec:?} drew no hit boxes");
            assert!(svg.contains(spec.title()), "title missing for {spec:?}");
        }
    }

    #[test]
    fn a_sub_area_reports_absolute_hit_boxes() {
        use plotters::prelude::*;
        let chart = sample_bars(true);
        let mut svg = String::new();
        let boxes = {
            let root = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
            let (_, right) = root.split_horizontally(300);
            draw_bars(&right, &chart, &Theme::light())
        };
        let boxes = boxes.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(boxes.len(), chart.bars.len());
        for b in &boxes {
            assert!(b.x0 >= 300 && b.x1 <= 800, "{b:?} not inside the right half");
        }
    }

    mod properties {
        use super::super::test_util::*;
        use super::super::*;
        use proptest::prelude::*;

        fn any_time() -> impl Strategy<Value = f64> {
            prop_oneof![
                8 => 0.0..4.0e9f64,
                1 => (0.0..4.0e9f64).prop_map(|t| t.floor()), // ties are likely
                1 => prop_oneof![
                    Just(f64::NAN),
                    Just(f64::INFINITY),
                    Just(f64::NEG_INFINITY),
                    Just(-1.0e300),
                    Just(1.0e300),
                    Just(0.0),
                ],
            ]
        }

        fn any_count() -> impl Strategy<Value = u64> {
            prop_oneof![4 => 0u64..100, 2 => 0u64..1_000_000, 1 => any::<u64>()]
        }

        fn any_label() -> impl Strategy<Value = String> {
            prop_oneof![".{0,80}", "[A-Za-z_ ]{0,12}", Just(String::new())]
        }

        fn any_spec() -> impl Strategy<Value = ChartSpec> {
            let bars = (
                any_label(),
                proptest::collection::vec((any_label(), any_count()), 0..60),
                any::<bool>(),
            )
                .prop_map(|(title, bars, horizontal)| {
                    let bars = bars
                        .into_iter()
                        .enumerate()
                        .map(|(i, (label, value))| {
                            let bar = Bar::new(label, value, format!("k{i}"));
                            match i % 4 {
                                0 => bar,
                                1 => bar.with_color(BarColor::Palette(i as u8)),
                                2 => bar.with_color(BarColor::Severity(Severity::ALL[i % 5])),
                                _ => bar.with_color(BarColor::Rgb(i as u8, 0, 0)),
                            }
                        })
                        .collect();
                    ChartSpec::Bars(BarChart {
                        title,
                        bars,
                        horizontal,
                    })
                });
            let series = (
                any_label(),
                proptest::collection::vec((any_time(), proptest::array::uniform5(any_count())), 0..80),
            )
                .prop_map(|(title, points)| {
                    let points = points
                        .into_iter()
                        .enumerate()
                        .map(|(i, (at_secs, counts))| TimePoint {
                            at_secs,
                            counts,
                            label: format!("run {i}"),
                            key: format!("k{i}"),
                        })
                        .collect();
                    ChartSpec::TimeSeries(TimeSeries { title, points })
                });
            let timeline = (any_label(), proptest::collection::vec((any_time(), any_label()), 0..40)).prop_map(
                |(title, steps)| {
                    let steps = steps.into_iter().map(|(t, s)| TimelineStep::new(t, s)).collect();
                    ChartSpec::Timeline(Timeline { title, steps })
                },
            );
            prop_oneof![bars, series, timeline]
        }

        /// Keys of the drawn boxes, in the order the chart promises.
        fn expected_order(spec: &ChartSpec) -> Vec<String> {
            match spec {
                ChartSpec::Bars(c) => c.bars.iter().map(|b| b.key.clone()).collect(),
                ChartSpec::TimeSeries(c) => {
                    let mut v: Vec<&TimePoint> = c.points.iter().filter(|p| p.at_secs.is_finite()).collect();
                    v.sort_by(|a, b| a.at_secs.total_cmp(&b.at_secs));
                    v.into_iter().map(|p| p.key.clone()).collect()
                }
                ChartSpec::Timeline(c) => {
                    let mut v: Vec<&TimelineStep> = c.steps.iter().filter(|s| s.at_secs.is_finite()).collect();
                    v.sort_by(|a, b| a.at_secs.total_cmp(&b.at_secs));
                    v.into_iter().map(|s| s.state.clone()).collect()
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

            #[test]
            fn any_data_at_any_size_draws_well_formed_hit_boxes(
                spec in any_spec(),
                w in prop_oneof![1u32..120, 120u32..1600],
                h in prop_oneof![1u32..80, 80u32..900],
                dark in any::<bool>(),
                scale in 0.5f64..3.0,
            ) {
                let theme = Theme::for_dark(dark).with_scale(scale);
                let (svg, boxes) = render(&spec, w, h, &theme);
                assert_well_formed(&boxes, w, h);
                let expected = expected_order(&spec);
                let got: Vec<String> = boxes.iter().map(|b| b.key.clone()).collect();
                // Bars and timeline steps may be cut at the end, series at the start (the most
                // recent runs are kept); what is drawn is always in order.
                let ok = match &spec {
                    ChartSpec::TimeSeries(_) => expected.ends_with(&got),
                    _ => expected.starts_with(&got),
                };
                prop_assert!(ok, "keys {:?} not in order of {:?}", got, expected);
                if spec.is_empty() {
                    prop_assert!(boxes.is_empty());
                    prop_assert!(has_text(&svg, NO_DATA) || w < 80 || h < 60);
                } else if w >= 400 && h >= 200 && scale <= 2.0 {
                    // Room enough: everything that exists gets a box unless capped with a note.
                    let noted = texts(&svg).iter().any(|t| t.contains("not shown"));
                    prop_assert!(noted || got.len() == expected.len(), "{} of {}", got.len(), expected.len());
                    prop_assert!(!got.is_empty());
                }
                // The accessible text exists for every chart.
                prop_assert!(!spec.summary().is_empty());
                let table = spec.table();
                prop_assert!(table.rows.iter().all(|r| r.len() == table.headers.len()));
            }
        }
    }
}

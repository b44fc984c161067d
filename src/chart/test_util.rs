//! Shared helpers for the chart tests: render to an SVG string, pick the SVG apart, and check
//! hit boxes.

use plotters::prelude::*;

use super::*;

/// Renders `spec` to an SVG string of `w`×`h`; panics (failing the test) on a drawing error.
pub fn render(spec: &ChartSpec, w: u32, h: u32, theme: &Theme) -> (String, Vec<HitBox>) {
    let mut svg = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let result = draw_chart(&root, spec, theme);
        root.present()
            .map_err(|e| ChartError::Backend(e.to_string()))
            .and(result)
    };
    match result {
        Ok(boxes) => (svg, boxes),
        Err(e) => panic!("drawing {spec:?} at {w}x{h} failed: {e}"),
    }
}

pub fn keys(boxes: &[HitBox]) -> Vec<&str> {
    boxes.iter().map(|b| b.key.as_str()).collect()
}

/// Every box is non-empty, inside `w`×`h`, and no two overlap.
pub fn assert_well_formed(boxes: &[HitBox], w: u32, h: u32) {
    let (w, h) = (
        i32::try_from(w).unwrap_or(i32::MAX),
        i32::try_from(h).unwrap_or(i32::MAX),
    );
    for b in boxes {
        assert!(b.x0 < b.x1 && b.y0 < b.y1, "empty hit box {b:?}");
        assert!(
            b.x0 >= 0 && b.y0 >= 0 && b.x1 <= w && b.y1 <= h,
            "{b:?} outside {w}x{h}"
        );
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
}

/// The (still XML-escaped) contents of every `<text>` element.
pub fn texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else { break };
        let Some(close) = rest.find("</text>") else { break };
        out.push(rest[open_end + 1..close].trim().to_owned());
        rest = &rest[close + "</text>".len()..];
    }
    out
}

pub fn has_text(svg: &str, text: &str) -> bool {
    texts(svg).iter().any(|t| t == text)
}

#[derive(Debug, Clone, PartialEq)]
pub struct SvgRect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub fill: String,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Every filled `<rect>`.
pub fn rects(svg: &str) -> Vec<SvgRect> {
    svg.split("<rect ")
        .skip(1)
        .filter_map(|tag| {
            let tag = format!(" {}", &tag[..tag.find("/>")?]);
            let tag = tag.as_str();
            let num = |n: &str| attr(tag, n).and_then(|v| v.parse::<i32>().ok());
            Some(SvgRect {
                x: num("x")?,
                y: num("y")?,
                w: num("width")?,
                h: num("height")?,
                fill: attr(tag, "fill")?.to_owned(),
            })
        })
        .collect()
}

pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

pub fn sample_bars(horizontal: bool) -> BarChart {
    let colors = Severity::ALL.map(BarColor::Severity);
    let values = [12, 30, 7, 3, 0];
    BarChart {
        title: "Findings by severity".into(),
        bars: Severity::ALL
            .iter()
            .zip(values)
            .zip(colors)
            .map(|((s, v), c)| Bar::new(s.as_str(), v, format!("severity:{}", s.as_str())).with_color(c))
            .collect(),
        horizontal,
    }
}

/// 2016-02-16T00:00:00Z
pub const T0: f64 = 1_455_580_800.0;
pub const DAY: f64 = 86_400.0;

pub fn sample_series() -> TimeSeries {
    let point = |day: f64, counts: [u64; 5], name: &str| TimePoint {
        at_secs: T0 + day * DAY + 3600.0,
        counts,
        label: name.to_owned(),
        key: format!("run:{name}"),
    };
    TimeSeries {
        title: "Findings per run".into(),
        points: vec![
            point(0.0, [5, 10, 3, 1, 0], "run-1"),
            point(7.0, [4, 12, 2, 0, 1], "run-2"),
            point(14.0, [2, 8, 6, 4, 0], "run-3"),
            point(21.0, [1, 3, 2, 2, 2], "run-4"),
        ],
    }
}

pub fn sample_timeline() -> Timeline {
    let states = [
        (0.0, "CREATED"),
        (5.0, "START_DATA_COLLECTION_PENDING"),
        (20.0, "START_DATA_COLLECTION_IN_PROGRESS"),
        (1800.0, "COLLECTING_DATA"),
        (3600.0, "STOP_DATA_COLLECTION_PENDING"),
        (3610.0, "DATA_COLLECTED"),
        (3620.0, "EVALUATING_RULES"),
        (4200.0, "COMPLETED"),
    ];
    Timeline {
        title: "Run states".into(),
        steps: states
            .iter()
            .map(|&(dt, s)| TimelineStep::new(T0 + 36_000.0 + dt, s))
            .collect(),
    }
}

//! Browser tests for `ui::chart_canvas::ChartCanvas`: it mounts, draws real pixels where the
//! bars are, exposes its data to assistive technology, and turns a click on a bar into that
//! bar's key. Runs in headless Chromium (`make test`, stage test-wasm).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::rc::Rc;

use inspector_viewer::chart::{draw_chart, Bar, BarChart, BarColor, ChartSpec, HitBox, Theme};
use inspector_viewer::model::Severity;
use inspector_viewer::ui::chart_canvas::{ChartCanvas, ChartCanvasProps};
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters::style::RGBColor;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlCanvasElement};
use yew::{AppHandle, Callback, Renderer};

wasm_bindgen_test_configure!(run_in_browser);

const WIDTH: u32 = 480;
const HEIGHT: u32 = 260;

fn severity_chart() -> ChartSpec {
    let values = [12, 30, 7, 3, 0];
    ChartSpec::Bars(BarChart {
        title: "Findings by severity".into(),
        bars: Severity::ALL
            .iter()
            .zip(values)
            .map(|(&s, v)| {
                Bar::new(s.as_str(), v, format!("severity:{}", s.as_str())).with_color(BarColor::Severity(s))
            })
            .collect(),
        horizontal: false,
    })
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("no document")
}

/// The same ratio the component uses.
fn ratio() -> f64 {
    let r = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0);
    if r.is_finite() && r > 0.0 {
        r.clamp(1.0, 4.0)
    } else {
        1.0
    }
}

struct Mounted {
    root: Element,
    handle: AppHandle<ChartCanvas>,
    selected: Rc<RefCell<Vec<String>>>,
}

impl Mounted {
    fn canvas(&self) -> HtmlCanvasElement {
        self.root
            .query_selector("canvas[data-testid=chart]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            .expect("no canvas[data-testid=chart]")
    }

    /// Waits until the component has drawn (its effect sets `data-drawn`), up to ~3 s.
    async fn drawn(&self) -> HtmlCanvasElement {
        for _ in 0..150 {
            sleep(20).await;
            if let Some(canvas) = self
                .root
                .query_selector("canvas[data-testid=chart][data-drawn]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            {
                return canvas;
            }
        }
        panic!("the chart never drew");
    }
}

fn props(chart: ChartSpec, dark: bool, selected: &Rc<RefCell<Vec<String>>>) -> ChartCanvasProps {
    let selected = selected.clone();
    ChartCanvasProps {
        chart,
        name: "severity".into(),
        width: WIDTH,
        height: HEIGHT,
        dark,
        on_select: Callback::from(move |key: String| selected.borrow_mut().push(key)),
    }
}

fn mount(chart: ChartSpec) -> Mounted {
    let root = document().create_element("div").expect("create div");
    document().body().expect("no body").append_child(&root).expect("append");
    let selected = Rc::new(RefCell::new(Vec::new()));
    let handle = Renderer::<ChartCanvas>::with_root_and_props(root.clone(), props(chart, false, &selected)).render();
    Mounted { root, handle, selected }
}

async fn sleep(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

/// Hit boxes of the same chart laid out for the same pixel size (layout is backend-independent).
fn expected_boxes(chart: &ChartSpec, canvas: &HtmlCanvasElement, dark: bool) -> Vec<HitBox> {
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (canvas.width(), canvas.height())).into_drawing_area();
    draw_chart(&root, chart, &Theme::for_dark(dark).with_scale(ratio())).expect("svg layout")
}

/// RGBA bytes of a canvas region (via `getImageData`, called reflectively: no extra web-sys
/// features needed).
fn pixels(canvas: &HtmlCanvasElement, x: i32, y: i32, w: i32, h: i32) -> Vec<u8> {
    let ctx: JsValue = canvas.get_context("2d").ok().flatten().expect("2d context").into();
    let get = js_sys::Reflect::get(&ctx, &"getImageData".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .expect("getImageData");
    let args = js_sys::Array::of4(&x.into(), &y.into(), &w.into(), &h.into());
    let image = js_sys::Reflect::apply(&get, &ctx, &args).expect("getImageData failed");
    let data = js_sys::Reflect::get(&image, &"data".into()).expect("ImageData.data");
    js_sys::Uint8ClampedArray::from(data).to_vec()
}

fn count_near(rgba: &[u8], c: RGBColor) -> usize {
    rgba.chunks_exact(4)
        .filter(|p| p[0].abs_diff(c.0) <= 8 && p[1].abs_diff(c.1) <= 8 && p[2].abs_diff(c.2) <= 8 && p[3] > 200)
        .count()
}

/// Dispatches a synthetic click at canvas-pixel `(x, y)` (converted to client coordinates).
fn click_at(canvas: &HtmlCanvasElement, (x, y): (f64, f64)) {
    let rect = canvas.get_bounding_client_rect();
    let client_x = rect.left() + x * rect.width() / f64::from(canvas.width());
    let client_y = rect.top() + y * rect.height() / f64::from(canvas.height());
    let init = js_sys::Object::new();
    for (k, v) in [
        ("clientX", JsValue::from(client_x.round())),
        ("clientY", JsValue::from(client_y.round())),
        ("bubbles", JsValue::TRUE),
        ("cancelable", JsValue::TRUE),
    ] {
        js_sys::Reflect::set(&init, &k.into(), &v).expect("init");
    }
    let window: JsValue = web_sys::window().expect("window").into();
    let ctor = js_sys::Reflect::get(&window, &"MouseEvent".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .expect("MouseEvent constructor");
    let event = js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&"click".into(), &init)).expect("new MouseEvent");
    let event: web_sys::Event = event.dyn_into().expect("an Event");
    canvas.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn canvas_is_named_labelled_and_has_a_data_table() {
    let m = mount(severity_chart());
    let canvas = m.drawn().await;
    assert_eq!(canvas.get_attribute("data-chart").as_deref(), Some("severity"));
    assert_eq!(canvas.get_attribute("data-drawn").as_deref(), Some("ok"));
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("Findings by severity: High 12, Medium 30, Low 7, Informational 3, Undefined 0")
    );
    // Crisp: the bitmap is the CSS size times devicePixelRatio.
    assert_eq!(canvas.width(), (f64::from(WIDTH) * ratio()).round() as u32);
    assert_eq!(canvas.height(), (f64::from(HEIGHT) * ratio()).round() as u32);
    let rect = canvas.get_bounding_client_rect();
    assert!(
        (rect.width() - f64::from(WIDTH)).abs() < 1.0,
        "displayed width {}",
        rect.width()
    );

    let table = m
        .root
        .query_selector("table[data-testid=chart-table]")
        .ok()
        .flatten()
        .expect("no fallback table");
    let rows = table.query_selector_all("tbody tr").expect("rows");
    assert_eq!(rows.length(), 5);
    let text = table.text_content().unwrap_or_default();
    assert!(
        text.contains("Medium") && text.contains("30") && text.contains("Findings by severity"),
        "{text}"
    );
    // Visually hidden (inside a 1px clipped box) but present for screen readers.
    let wrapper = table.parent_element().expect("table wrapper");
    let hidden = wrapper.get_bounding_client_rect();
    assert!(
        hidden.width() <= 1.0 && hidden.height() <= 1.0,
        "table is visible: {}x{}",
        hidden.width(),
        hidden.height()
    );
    m.handle.destroy();
    m.root.remove();
}

#[wasm_bindgen_test]
async fn bars_are_painted_where_their_hit_boxes_are() {
    let chart = severity_chart();
    let m = mount(chart.clone());
    let canvas = m.drawn().await;
    let boxes = expected_boxes(&chart, &canvas, false);
    assert_eq!(boxes.len(), 5);
    let theme = Theme::light();

    for (severity, b) in Severity::ALL.iter().zip(&boxes).take(4) {
        let rgba = pixels(&canvas, b.x0, b.y0, b.width(), b.height());
        let colored = count_near(&rgba, theme.severity_color(*severity));
        assert!(colored > 20, "{severity}: only {colored} bar-coloured pixels in {b:?}");
    }
    // The Medium bar (30) is taller than the High one (12).
    let medium = &boxes[1];
    let high = &boxes[0];
    let tall = count_near(
        &pixels(&canvas, medium.x0, medium.y0, medium.width(), medium.height()),
        theme.severity[1],
    );
    let short = count_near(
        &pixels(&canvas, high.x0, high.y0, high.width(), high.height()),
        theme.severity[0],
    );
    assert!(tall > 2 * short, "medium {tall} vs high {short}");
    // The background is the light theme's white.
    let corner = pixels(&canvas, i32::try_from(canvas.width()).unwrap_or(1) - 2, 1, 1, 1);
    assert_eq!(&corner[..3], &[0xFF, 0xFF, 0xFF]);
    m.handle.destroy();
    m.root.remove();
}

#[wasm_bindgen_test]
async fn clicking_a_bar_emits_its_key_and_clicking_elsewhere_does_not() {
    let chart = severity_chart();
    let m = mount(chart.clone());
    let canvas = m.drawn().await;
    let boxes = expected_boxes(&chart, &canvas, false);

    click_at(&canvas, boxes[0].center());
    click_at(&canvas, boxes[3].center());
    // Near the bottom of the Low bar (inside the painted bar itself).
    click_at(&canvas, (boxes[2].center().0, f64::from(boxes[2].y1) - 30.0 * ratio()));
    // The title area is not a bar.
    click_at(&canvas, (2.0, 2.0));
    sleep(10).await;
    assert_eq!(
        *m.selected.borrow(),
        vec![
            "severity:High".to_owned(),
            "severity:Informational".to_owned(),
            "severity:Low".to_owned()
        ]
    );
    m.handle.destroy();
    m.root.remove();
}

#[wasm_bindgen_test]
async fn new_props_redraw_in_the_dark_theme_and_empty_data_says_so() {
    let chart = severity_chart();
    let mut m = mount(chart.clone());
    let canvas = m.drawn().await;
    m.handle.update(props(chart, true, &m.selected));
    sleep(60).await;
    let corner = pixels(&canvas, 1, 1, 1, 1);
    let bg = Theme::dark().background;
    assert_eq!(&corner[..3], &[bg.0, bg.1, bg.2], "not redrawn dark");

    let empty = ChartSpec::Bars(BarChart {
        title: "Top rules".into(),
        bars: vec![],
        horizontal: true,
    });
    m.handle.update(props(empty, true, &m.selected));
    sleep(60).await;
    let canvas = m.canvas();
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("Top rules: no data")
    );
    assert_eq!(canvas.get_attribute("data-drawn").as_deref(), Some("ok"));
    // Clicking an empty chart selects nothing.
    click_at(
        &canvas,
        (f64::from(canvas.width()) / 2.0, f64::from(canvas.height()) / 2.0),
    );
    sleep(10).await;
    assert!(m.selected.borrow().is_empty());
    m.handle.destroy();
    m.root.remove();
}

#[wasm_bindgen_test]
async fn high_dpi_draws_at_device_resolution_and_still_maps_clicks() {
    let window: JsValue = web_sys::window().expect("window").into();
    let original = js_sys::Reflect::get(&window, &"devicePixelRatio".into()).expect("devicePixelRatio");
    // `devicePixelRatio` is [Replaceable]: assigning it shadows the real value for this page.
    js_sys::Reflect::set(&window, &"devicePixelRatio".into(), &JsValue::from(2.0)).expect("set ratio");
    assert_eq!(ratio(), 2.0);

    let chart = severity_chart();
    let m = mount(chart.clone());
    let canvas = m.drawn().await;
    let bitmap = (canvas.width(), canvas.height());
    let displayed = canvas.get_bounding_client_rect().width();
    let boxes = expected_boxes(&chart, &canvas, false);
    let medium = boxes[1].clone();
    let painted = count_near(
        &pixels(&canvas, medium.x0, medium.y0, medium.width(), medium.height()),
        Theme::light().severity[1],
    );
    click_at(&canvas, medium.center());
    sleep(10).await;
    let selected = m.selected.borrow().clone();
    // Restore before asserting: a failed test must not leave later tests at 2x (no unwinding).
    js_sys::Reflect::set(&window, &"devicePixelRatio".into(), &original).expect("restore ratio");

    assert_eq!(bitmap, (2 * WIDTH, 2 * HEIGHT));
    assert!(
        (displayed - f64::from(WIDTH)).abs() < 1.0,
        "displayed at {displayed} CSS px"
    );
    // A 30-of-30 bar fills a good part of its (device-pixel) hit box.
    assert!(
        painted > medium.width() as usize * medium.height() as usize / 4,
        "{painted}"
    );
    assert_eq!(selected, vec!["severity:Medium".to_owned()]);
    m.handle.destroy();
    m.root.remove();
}

//! `ChartCanvas`: draws a [`ChartSpec`] on a `<canvas>` with a plotters backend over the canvas, crisp at
//! any `devicePixelRatio`, and turns a click on a bar, column or segment into its filter key.
//!
//! Accessibility: the canvas is `role="img"` with an `aria-label` summarising the data, and a
//! visually hidden `<table>` next to it carries every number (also handy for tests).
//!
//! Content-Security-Policy: no `style` attributes. Sizes, the cursor and the hidden table's
//! clipping are set through the CSSOM (`element.style.setProperty`), which `style-src 'self'`
//! allows. The chart layer never asks plotters to measure text, so plotters' own inline-style
//! font probe is never used either.
//!
//! ```ignore
//! html! {
//!     <ChartCanvas
//!         chart={ChartSpec::Bars(bars)}
//!         name="severity"
//!         width={480} height={260}
//!         dark={dark}
//!         on_select={ctx.link().callback(Msg::FilterBy)}
//!     />
//! }
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlCanvasElement, MouseEvent};
use yew::prelude::*;

use super::canvas_backend::CanvasBackend;
use crate::chart::{draw_chart, hit_test, ChartSpec, HitBox, Theme};

/// Class of the wrapper around the fallback table. The hiding itself is applied through the
/// CSSOM (a table ignores `width: 1px`, hence the wrapper), so the class is only a hook, e.g.
/// for a print stylesheet.
pub const HIDDEN_CLASS: &str = "visually-hidden";

#[derive(Properties, PartialEq, Clone)]
pub struct ChartCanvasProps {
    pub chart: ChartSpec,
    /// Identifies the chart to tests and styles: rendered as `data-chart`.
    pub name: AttrValue,
    /// CSS pixels.
    #[prop_or(640)]
    pub width: u32,
    /// CSS pixels.
    #[prop_or(320)]
    pub height: u32,
    #[prop_or_default]
    pub dark: bool,
    /// Called with the key of the clicked bar / column / segment.
    #[prop_or_default]
    pub on_select: Callback<String>,
}

/// Device pixels per CSS pixel, clamped to 1..=4 (1 when unknown).
fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .map_or(1.0, |r| r.clamp(1.0, 4.0))
}

/// `element.style.setProperty(name, value)` through the CSSOM (allowed by the page's CSP,
/// unlike a `style` attribute). Best effort: failures are ignored.
fn set_css(element: &Element, name: &str, value: &str) {
    let Ok(style) = js_sys::Reflect::get(element, &JsValue::from_str("style")) else {
        return;
    };
    let Ok(set_property) = js_sys::Reflect::get(&style, &JsValue::from_str("setProperty")) else {
        return;
    };
    if let Ok(set_property) = set_property.dyn_into::<js_sys::Function>() {
        let _ = set_property.call2(&style, &JsValue::from_str(name), &JsValue::from_str(value));
    }
}

/// Sizes the canvas for the device and draws `chart`; returns the hit boxes in canvas pixels.
fn draw(
    canvas: &HtmlCanvasElement,
    chart: &ChartSpec,
    width: u32,
    height: u32,
    dark: bool,
) -> Result<Vec<HitBox>, String> {
    let ratio = device_pixel_ratio();
    let device = |css: u32| (f64::from(css) * ratio).round().clamp(1.0, 16_384.0) as u32;
    // Setting the bitmap size also clears it and resets the context state.
    canvas.set_width(device(width));
    canvas.set_height(device(height));
    // Displayed at the CSS size; `height: auto` keeps the aspect ratio if `max-width` shrinks it.
    set_css(canvas, "width", &format!("{width}px"));
    set_css(canvas, "height", "auto");

    let backend = CanvasBackend::new(canvas.clone()).ok_or("no 2d canvas context")?;
    let root = backend.into_drawing_area();
    let theme = Theme::for_dark(dark).with_scale(ratio);
    let boxes = draw_chart(&root, chart, &theme).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())?;
    Ok(boxes)
}

/// Client (CSS) coordinates → canvas bitmap pixels, whatever size the canvas is displayed at.
fn to_canvas_pixels(canvas: &HtmlCanvasElement, client_x: i32, client_y: i32) -> Option<(f64, f64)> {
    let rect = canvas.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    let x = (f64::from(client_x) - rect.left()) * f64::from(canvas.width()) / rect.width();
    let y = (f64::from(client_y) - rect.top()) * f64::from(canvas.height()) / rect.height();
    Some((x, y))
}

fn key_at(canvas_ref: &NodeRef, boxes: &RefCell<Vec<HitBox>>, e: &MouseEvent) -> Option<String> {
    let canvas = canvas_ref.cast::<HtmlCanvasElement>()?;
    let (x, y) = to_canvas_pixels(&canvas, e.client_x(), e.client_y())?;
    hit_test(&boxes.borrow(), x, y).map(|b| b.key.clone())
}

#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let hidden_ref = use_node_ref();
    let boxes: Rc<RefCell<Vec<HitBox>>> = use_mut_ref(Vec::new);
    let pointer_state = use_mut_ref(|| false);

    // Redraw only when what is drawn changes (not when the parent passes a new callback), in a
    // task of its own right after this render's: the render that brought new data (a filter,
    // or the first view of 100k findings) shows its rows without waiting for four charts. A
    // newer change cancels a pending draw.
    {
        let canvas_ref = canvas_ref.clone();
        let boxes = boxes.clone();
        let name = props.name.clone();
        use_effect_with(
            (props.chart.clone(), props.width, props.height, props.dark),
            move |deps| {
                let (chart, width, height, dark) = deps.clone();
                let pending = gloo::timers::callback::Timeout::new(0, move || {
                    if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                        let (drawn, state) = match draw(&canvas, &chart, width, height, dark) {
                            Ok(drawn) => (drawn, "ok"),
                            Err(e) => {
                                web_sys::console::warn_1(&format!("chart {name}: {e}").into());
                                (Vec::new(), "error")
                            }
                        };
                        *boxes.borrow_mut() = drawn;
                        let _ = canvas.set_attribute("data-drawn", state);
                    }
                });
                move || drop(pending)
            },
        );
    }

    // Hide the fallback table visually (kept for screen readers), via the CSSOM.
    {
        let hidden_ref = hidden_ref.clone();
        use_effect_with((), move |_| {
            if let Some(wrapper) = hidden_ref.cast::<Element>() {
                for (name, value) in [
                    ("position", "absolute"),
                    ("width", "1px"),
                    ("height", "1px"),
                    ("margin", "-1px"),
                    ("padding", "0"),
                    ("border", "0"),
                    ("overflow", "hidden"),
                    ("clip", "rect(0 0 0 0)"),
                    ("clip-path", "inset(50%)"),
                    ("white-space", "nowrap"),
                ] {
                    set_css(&wrapper, name, value);
                }
            }
        });
    }

    let onclick = {
        let canvas_ref = canvas_ref.clone();
        let boxes = boxes.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            // The borrow ends before the callback runs.
            let key = key_at(&canvas_ref, &boxes, &e);
            if let Some(key) = key {
                on_select.emit(key);
            }
        })
    };

    let onmousemove = {
        let canvas_ref = canvas_ref.clone();
        let boxes = boxes.clone();
        let pointer_state = pointer_state.clone();
        Callback::from(move |e: MouseEvent| {
            let over = key_at(&canvas_ref, &boxes, &e).is_some();
            if over != *pointer_state.borrow() {
                *pointer_state.borrow_mut() = over;
                if let Some(canvas) = canvas_ref.cast::<Element>() {
                    set_css(&canvas, "cursor", if over { "pointer" } else { "default" });
                }
            }
        })
    };

    let table = props.chart.table();
    html! {
        <div class="chart-canvas">
            <canvas
                ref={canvas_ref}
                data-testid="chart"
                data-chart={props.name.clone()}
                role="img"
                aria-label={props.chart.summary()}
                width={props.width.to_string()}
                height={props.height.to_string()}
                {onclick}
                {onmousemove}
            />
            <div ref={hidden_ref} class={HIDDEN_CLASS}>
            <table data-testid="chart-table" data-chart-table={props.name.clone()}>
                if !table.caption.is_empty() {
                    <caption>{ table.caption.clone() }</caption>
                }
                <thead>
                    <tr>{ for table.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr>
                </thead>
                <tbody>
                    { for table.rows.iter().map(|row| html! {
                        <tr>
                            { for row.iter().enumerate().map(|(i, cell)| if i == 0 {
                                html! { <th scope="row">{ cell.clone() }</th> }
                            } else {
                                html! { <td>{ cell.clone() }</td> }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </div>
    }
}

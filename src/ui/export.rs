//! Export of the current view: CSV (every field, or the visible columns), DescribeFindings JSON,
//! and the charts as PNG. The text comes from `query::export`; this file only downloads it.
//!
//! Downloads are a `Blob` + `URL.createObjectURL` + a temporary `<a download>` click: nothing
//! leaves the page, and the CSP (`img-src 'self' data: blob:`, no inline script) is respected.

use super::app::Store;
use crate::query::{csv, describe_findings_json, Field, QueryResult};
use crate::state::Action;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use yew::prelude::*;

/// The findings charts (`data-chart` names) and their button labels.
pub const CHARTS: [(&str, &str); 4] = [
    ("severity", "Severity chart"),
    ("package", "Rules package chart"),
    ("instance", "Top instances chart"),
    ("runs", "Runs over time chart"),
];

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// `20190423-140137`: the current UTC time for file names.
pub fn stamp() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    let digits: String = iso.chars().take(19).filter(char::is_ascii_digit).collect();
    if digits.len() == 14 {
        format!("{}-{}", &digits[..8], &digits[8..])
    } else {
        "export".to_owned()
    }
}

/// Clicks a temporary `<a href download>`.
fn click_link(href: &str, name: &str) -> Result<(), String> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_owned())?;
    a.set_href(href);
    a.set_download(name);
    a.set_hidden(true);
    let body = doc.body().ok_or("no body")?;
    body.append_child(&a).map_err(js_err)?;
    a.click();
    a.remove();
    Ok(())
}

/// Downloads a blob as `name`; the object URL is revoked a minute later.
pub fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_err)?;
    let result = click_link(&url, name);
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    result
}

/// Downloads `text` (UTF-8) as `name` with MIME type `mime`.
pub fn download_text(text: &str, name: &str, mime: &str) -> Result<(), String> {
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    let parts = js_sys::Array::of1(&bytes);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(js_err)?;
    download_blob(&blob, name)
}

/// Downloads the canvas `[data-chart=name]` as a PNG. `Err` when it is not on the page.
pub fn download_chart_png(name: &str, file: String) -> Result<(), String> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = doc
        .query_selector(&format!("canvas[data-chart=\"{name}\"]"))
        .map_err(js_err)?
        .ok_or_else(|| "the chart is not shown: use “Show charts” first".to_owned())?
        .dyn_into()
        .map_err(|_| "not a canvas".to_owned())?;
    let done = Closure::once_into_js(move |blob: JsValue| {
        let outcome = match blob.dyn_into::<web_sys::Blob>() {
            Ok(blob) => download_blob(&blob, &file),
            Err(_) => Err("the browser could not encode the chart".to_owned()),
        };
        if let Err(e) = outcome {
            web_sys::console::warn_1(&format!("PNG export: {e}").into());
        }
    });
    canvas
        .to_blob_with_type(done.unchecked_ref(), "image/png")
        .map_err(js_err)
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The current view (filtered and sorted findings).
    pub result: Rc<QueryResult>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    CsvAll,
    CsvVisible,
    Json,
}

/// The "Export" menu of the findings toolbar.
#[function_component(ExportMenu)]
pub fn export_menu(p: &ExportProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let menu = use_node_ref();
    let close = {
        let menu = menu.clone();
        move || {
            if let Some(d) = menu.cast::<web_sys::Element>() {
                let _ = d.remove_attribute("open");
            }
        }
    };
    let n = p.result.total;
    let export = |kind: Kind| {
        let store = store.clone();
        let rows = p.result.rows.clone();
        let close = close.clone();
        Callback::from(move |_: MouseEvent| {
            let (text, name, mime) = match kind {
                Kind::CsvAll => (
                    csv(&store.data, &rows, &Field::ALL),
                    format!("inspector-findings-{}.csv", stamp()),
                    "text/csv;charset=utf-8",
                ),
                Kind::CsvVisible => (
                    csv(&store.data, &rows, &Field::of_columns(&store.view.columns)),
                    format!("inspector-findings-columns-{}.csv", stamp()),
                    "text/csv;charset=utf-8",
                ),
                Kind::Json => (
                    describe_findings_json(&store.data, &rows),
                    format!("inspector-findings-{}.json", stamp()),
                    "application/json",
                ),
            };
            if let Err(e) = download_text(&text, &name, mime) {
                store.dispatch(Action::Notice(Some(format!("The export could not be saved: {e}"))));
            }
            close();
        })
    };
    let pngs = CHARTS.iter().map(|(name, label)| {
        let store = store.clone();
        let close = close.clone();
        let name = *name;
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Err(e) = download_chart_png(name, format!("inspector-chart-{name}-{}.png", stamp())) {
                store.dispatch(Action::Notice(Some(format!("The chart could not be exported: {e}"))));
            }
            close();
        });
        html! {
            <button class="button small" data-testid="export-png" data-chart={name} {onclick}>{ *label }{ " (PNG)" }</button>
        }
    });
    let visible = store.view.columns.len();
    html! {
        <details class="export-menu" data-testid="export-menu" ref={menu}>
            <summary class="button small" data-testid="export-toggle">{ "Export" }</summary>
            <div class="export-menu-body" role="group" aria-label="Export the current view">
                <p class="export-menu-note">{ format!("The {n} findings shown, in table order:") }</p>
                <button class="button small" data-testid="export-csv" data-rows={n.to_string()} onclick={export(Kind::CsvAll)}
                    title="Every field of each finding, for a spreadsheet (UTF-8, formula-safe)">
                    { "CSV, all fields" }
                </button>
                <button class="button small" data-testid="export-csv-visible" data-rows={n.to_string()} onclick={export(Kind::CsvVisible)}
                    title="Only the table's visible columns">
                    { format!("CSV, visible columns ({visible})") }
                </button>
                <button class="button small" data-testid="export-json" data-rows={n.to_string()} onclick={export(Kind::Json)}
                    title="A DescribeFindings response that this app and inspector-validate read back">
                    { "JSON (DescribeFindings)" }
                </button>
                <p class="export-menu-note">{ "Charts:" }</p>
                { for pngs }
            </div>
        </details>
    }
}

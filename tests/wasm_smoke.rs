//! Browser smoke test for the wasm-bindgen-test harness (runs in headless Chromium via
//! `make test`, stage test-wasm). Convention: every wasm test file is `tests/wasm_*.rs`, starts
//! with the `cfg` below (so native `cargo test` compiles it to nothing) and configures
//! `run_in_browser`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runs_in_a_browser_with_a_dom() {
    let window = web_sys::window();
    assert!(window.is_some(), "no window: not running in a browser");
    let document = window.and_then(|w| w.document());
    assert!(document.is_some(), "no document");
}

#[wasm_bindgen_test]
fn canvas_2d_context_is_available() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        panic!("no document");
    };
    let canvas = document
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
    let Some(canvas) = canvas else {
        panic!("could not create a canvas element");
    };
    let ctx = canvas.get_context("2d").ok().flatten();
    assert!(ctx.is_some(), "no 2d context");
}

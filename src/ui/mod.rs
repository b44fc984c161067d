//! The yew UI: the only layer that touches yew, web-sys, gloo or a canvas.

mod app;
mod audit; // IoT Device Defender audit tasks
mod canvas_backend;
pub mod chart_canvas;
mod charts;
mod compare; // compare two runs / sets of files
mod detail;
mod export; // CSV / JSON / PNG export of the current view
mod files;
mod findings;
mod format;
mod keys;
mod loader;
mod report;
mod runs;
mod theme;
mod triage;
mod validation;

pub use app::App;

/// Shows any panic as a visible message instead of a blank page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("{info}");
        web_sys::console::error_1(&message.clone().into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = doc.body() else { return };
        if let Ok(div) = doc.create_element("div") {
            div.set_attribute("role", "alert").ok();
            div.set_attribute("data-testid", "fatal-error").ok();
            div.set_class_name("fatal-error");
            // Text only: the message may quote file content.
            div.set_text_content(Some(&format!(
                "Inspector Viewer hit an internal error and stopped: {message}. Nothing was sent anywhere; reload the page to start again, and please report this with the file's shape (not its content)."
            )));
            body.prepend_with_node_1(&div).ok();
        }
    }));
}

/// Mounts the app on the page.
pub fn run() {
    install_panic_hook();
    yew::Renderer::<App>::new().render();
}

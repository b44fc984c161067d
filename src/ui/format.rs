//! Small display helpers shared by the views.

use crate::model::Timestamp;
use crate::state::TimeZone;

/// A timestamp in the app-wide zone.
pub fn time(t: Option<Timestamp>, tz: TimeZone) -> String {
    match (t, tz) {
        (None, _) => "—".to_owned(),
        (Some(t), TimeZone::Utc) => t.display_utc(),
        (Some(t), TimeZone::Local) => t.display_local(),
    }
}

/// `1.2 MB`-style size.
pub fn bytes(n: usize) -> String {
    #[allow(clippy::cast_precision_loss)]
    bytes_f64(n as f64)
}

/// `1.2 MB`-style size of a byte count that may exceed a wasm32 `usize`.
pub fn bytes_f64(f: f64) -> String {
    let n = f;
    if f >= 1e9 {
        format!("{:.1} GB", f / 1e9)
    } else if f >= 1e6 {
        format!("{:.1} MB", f / 1e6)
    } else if f >= 1e3 {
        format!("{:.1} kB", f / 1e3)
    } else {
        format!("{n:.0} B")
    }
}

/// CSS class for a severity label.
pub fn severity_class(label: &str) -> &'static str {
    match label {
        "High" => "sev sev-high",
        "Medium" => "sev sev-medium",
        "Low" => "sev sev-low",
        "Informational" => "sev sev-info",
        "Undefined" => "sev sev-undefined",
        _ => "sev sev-missing",
    }
}

/// Sets a CSS property on the referenced element after render (CSSOM writes are allowed by the
/// page's CSP, `style` attributes are not).
#[yew::hook]
pub fn use_css_property(node: &yew::NodeRef, property: &'static str, value: String) {
    let node = node.clone();
    yew::use_effect_with(value, move |value| {
        if let Some(el) = node.cast::<web_sys::HtmlElement>() {
            let _ = el.style().set_property(property, value);
        }
    });
}

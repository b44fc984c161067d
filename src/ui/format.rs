//! Small display helpers shared by the views.

use crate::model::{tenths, Timestamp};
use crate::state::TimeZone;

/// A timestamp in the app-wide zone.
pub fn time(t: Option<Timestamp>, tz: TimeZone) -> String {
    match (t, tz) {
        (None, _) => "—".to_owned(),
        (Some(t), TimeZone::Utc) => t.display_utc(),
        (Some(t), TimeZone::Local) => t.display_local(),
    }
}

/// A number as people write it: `9`, `7.8`, `0.25` (the shortest text that reads back exactly,
/// without the `.0` that JSON exports keep on whole numbers).
pub fn number(x: f64) -> String {
    let text = crate::model::shortest(x);
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// `1.2 MB`-style size of a byte count that may exceed a wasm32 `usize`.
pub fn bytes_f64(f: f64) -> String {
    if f >= 1e9 {
        format!("{} GB", tenths(f / 1e9))
    } else if f >= 1e6 {
        format!("{} MB", tenths(f / 1e6))
    } else if f >= 1e3 {
        format!("{} kB", tenths(f / 1e3))
    } else {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = f.round() as u64;
        format!("{n} B")
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

/// The referenced element's client height in CSS pixels (`initial` until it is known), kept
/// current by a `ResizeObserver`. The observer reports after the browser's own layout, so the
/// first render of a large view is not lengthened by a forced layout, and a window made taller
/// is filled at once.
#[yew::hook]
pub fn use_client_height(node: &yew::NodeRef, initial: f64) -> f64 {
    use wasm_bindgen::JsCast;
    let height = yew::use_state_eq(|| initial);
    {
        let node = node.clone();
        let height = height.clone();
        yew::use_effect_with((), move |()| {
            let el = node.cast::<web_sys::Element>();
            let report = move |el: &web_sys::Element| height.set(f64::from(el.client_height()));
            let observer = el.as_ref().and_then(|el| {
                let report = report.clone();
                let on_resize =
                    wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        if let Some(el) = entries
                            .get(0)
                            .dyn_into::<web_sys::ResizeObserverEntry>()
                            .ok()
                            .map(|e| e.target())
                        {
                            report(&el);
                        }
                    });
                let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(el);
                Some((observer, on_resize))
            });
            if let (None, Some(el)) = (&observer, &el) {
                // No observer (an old browser): measure once, now.
                report(el);
            }
            move || {
                if let Some((observer, on_resize)) = observer {
                    observer.disconnect();
                    drop(on_resize);
                }
            }
        });
    }
    *height
}

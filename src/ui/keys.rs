//! Keyboard shortcuts: `/` search, `j`/`k` move, `Enter` open, `Esc` close, `?` help.

use super::app::Store;
use crate::state::Action;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The shortcuts, for the help overlay.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("/", "Search findings"),
    ("j / ↓", "Next finding"),
    ("k / ↑", "Previous finding"),
    ("Enter", "Open the finding under the cursor"),
    ("Esc", "Close the detail or this help; leave the search box"),
    ("?", "Show or hide this help"),
];

fn by_test_id(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("[data-testid={id}]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

fn typing(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || e.has_attribute("contenteditable")
        })
}

/// Installs the global shortcuts; `help` shows or hides the overlay.
#[hook]
pub fn use_shortcuts(store: Store, help: UseStateHandle<bool>) {
    // The listener lives across renders: it reads the current value through this mirror
    // (a state handle captured once would keep its first value; its setter stays valid).
    let open = use_mut_ref(|| false);
    *open.borrow_mut() = *help;
    use_effect_with((), move |()| {
        let listener = web_sys::window().map(|w| {
            // Not passive: `/` must not also type itself into the search box it focuses.
            let opts = gloo::events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&w, "keydown", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let key = e.key();
                if typing(e.target()) {
                    if key == "Escape" {
                        if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                            let _ = el.blur();
                        }
                    }
                    return;
                }
                match key.as_str() {
                    "/" => {
                        if let Some(s) = by_test_id("search") {
                            e.prevent_default();
                            let _ = s.focus();
                        }
                    }
                    "?" => {
                        let now = *open.borrow();
                        help.set(!now);
                    }
                    "Escape" => {
                        if *open.borrow() {
                            help.set(false);
                        } else {
                            store.dispatch(Action::Select(None));
                        }
                    }
                    "j" | "k" | "Enter" => {
                        // Hand the key to the findings table, which owns the cursor.
                        let Some(table) = by_test_id("findings-table") else {
                            return;
                        };
                        let inside = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                            .is_some_and(|n| table.contains(Some(&n)));
                        if inside {
                            return;
                        }
                        e.prevent_default();
                        let _ = table.focus();
                        // On the next task: the event bubbles back to this listener, which must
                        // not be re-entered while it runs.
                        gloo::timers::callback::Timeout::new(0, move || {
                            let init = web_sys::KeyboardEventInit::new();
                            init.set_key(&key);
                            init.set_bubbles(true);
                            if let Ok(ev) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                            {
                                let _ = table.dispatch_event(&ev);
                            }
                        })
                        .forget();
                    }
                    _ => {}
                }
            })
        });
        move || drop(listener)
    });
}

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<MouseEvent>,
}

/// The shortcut list.
#[function_component(ShortcutHelp)]
pub fn shortcut_help(p: &HelpProps) -> Html {
    html! {
        <div class="help" role="dialog" aria-modal="false" aria-label="Keyboard shortcuts" data-testid="shortcut-help">
            <h2>{ "Keyboard shortcuts" }</h2>
            <table class="kv">
                { for SHORTCUTS.iter().map(|(k, v)| html! { <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *v }</td></tr> }) }
            </table>
            <button class="button small" onclick={p.on_close.clone()}>{ "Close" }</button>
        </div>
    }
}

//! Light/dark theme: follows the system until the user picks one; the choice persists.

use yew::prelude::*;

const KEY: &str = "inspector-viewer.theme";

/// The user's choice: `None` = follow the system. Stored as a JSON string (`"dark"`), as
/// earlier versions wrote it through gloo's serde-based API; read and written here without
/// serde_json, which would otherwise be linked into the wasm for this one value.
fn stored() -> Option<String> {
    let v = storage()?.get_item(KEY).ok().flatten()?;
    let v = v.trim_matches('"');
    (v == "light" || v == "dark").then(|| v.to_owned())
}

/// The page's localStorage; `None` where the browser blocks it (the choice is then not kept).
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn store(choice: Option<&str>) {
    let Some(storage) = storage() else { return };
    let _ = match choice {
        Some(v) => storage.set_item(KEY, &format!("\"{v}\"")),
        None => storage.remove_item(KEY),
    };
}

fn system_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Whether the page is dark now (for canvases, which cannot read CSS variables).
pub fn is_dark() -> bool {
    let attr = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-theme"));
    match attr.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => system_dark(),
    }
}

fn apply(choice: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    match choice {
        Some(c) => {
            let _ = root.set_attribute("data-theme", c);
        }
        None => {
            let _ = root.remove_attribute("data-theme");
        }
    }
}

/// A button cycling system → dark → light → system; the page applies it at once.
#[function_component(ThemeToggle)]
pub fn theme_toggle() -> Html {
    let choice = use_state(stored);
    {
        let c = (*choice).clone();
        use_effect_with(c, |c| apply(c.as_deref()));
    }
    let onclick = {
        let choice = choice.clone();
        Callback::from(move |_: MouseEvent| {
            let next = match choice.as_deref() {
                None => Some("dark".to_owned()),
                Some("dark") => Some("light".to_owned()),
                _ => None,
            };
            store(next.as_deref());
            choice.set(next);
        })
    };
    let label = match choice.as_deref() {
        Some("dark") => "Theme: dark",
        Some("light") => "Theme: light",
        _ => "Theme: system",
    };
    html! {
        <button class="button" data-testid="theme-toggle" data-theme={choice.as_deref().unwrap_or("system").to_owned()}
            title="Switch between the system theme, dark and light" {onclick}>{ label }</button>
    }
}

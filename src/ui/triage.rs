//! Triage in the UI: the marks' home in `localStorage`, the sidecar export/import, the controls
//! in the finding detail, and the status badge of the findings table.
//!
//! The store and its rules are pure (`query::triage`, `state`); the side effects live here.

use super::app::Store;
use super::format;
use crate::model::Timestamp;
use crate::query::triage::{self, MatchKind, STORAGE_KEY};
use crate::query::TriageStatus;
use crate::state::Action;
use gloo::storage::Storage;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The browser's `localStorage`, when the page may use it (it throws in some privacy modes).
fn storage_available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

fn read_saved() -> Result<Option<String>, String> {
    if !storage_available() {
        return Err("this browser does not let the page use its storage".to_owned());
    }
    gloo::storage::LocalStorage::raw()
        .get_item(STORAGE_KEY)
        .map_err(|e| format!("{e:?}"))
}

fn save(text: &str) -> Result<(), String> {
    if !storage_available() {
        return Err("this browser does not let the page use its storage".to_owned());
    }
    gloo::storage::LocalStorage::raw()
        .set_item(STORAGE_KEY, text)
        .map_err(|_| "the browser refused to store them (storage full or disabled)".to_owned())
}

/// Restores the saved marks at start, and saves them whenever they change.
#[hook]
pub fn use_triage_storage(store: &Store) {
    {
        let store = store.clone();
        use_effect_with((), move |()| match read_saved() {
            Ok(Some(text)) => store.dispatch(Action::TriageRestore(text)),
            Ok(None) => {}
            Err(e) => store.dispatch(Action::Notice(Some(format!(
                "Triage marks cannot be kept between visits: {e}."
            )))),
        });
    }
    {
        let store = store.clone();
        use_effect_with(store.triage_version, move |version| {
            // Version 0: nothing restored or changed yet; do not overwrite what is saved.
            if *version > 0 {
                if let Err(e) = save(&store.triage.to_sidecar()) {
                    store.dispatch(Action::Notice(Some(format!("Triage marks were not saved: {e}."))));
                }
            }
        });
    }
}

/// The current time from the browser's clock.
pub fn now() -> Timestamp {
    #[allow(clippy::cast_possible_truncation)]
    Timestamp::from_micros((js_sys::Date::now() * 1000.0) as i64)
}

/// Offers `text` as a file download (a blob URL on a temporary link).
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke once the browser has started the download.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Export and import of the marks (topbar).
#[function_component(TriageMenu)]
pub fn triage_menu() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let on_export = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let day = now().to_iso_utc().get(..10).unwrap_or("marks").to_owned();
            if let Err(e) = download(
                &format!("inspector-triage-{day}.json"),
                &store.triage.to_sidecar(),
                "application/json",
            ) {
                store.dispatch(Action::Notice(Some(format!("Triage marks could not be exported: {e}"))));
            }
        })
    };
    let on_import = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            let Some(file) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            input.set_value("");
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let blob = gloo::file::Blob::from(file);
                match gloo::file::futures::read_as_text(&blob).await {
                    Ok(text) => store.dispatch(Action::TriageImport { name, text }),
                    Err(e) => store.dispatch(Action::Notice(Some(format!("{name} could not be read: {e}")))),
                }
            });
        })
    };
    let n = store.triage.len();
    html! {
        <div class="triage-menu" role="group" aria-label="Triage marks">
            <button class="button" data-testid="triage-export" onclick={on_export}
                title="Save every triage mark as a small JSON file (a sidecar to the exports)">
                { "Export marks" }<span class="badge" data-testid="triage-mark-count">{ n }</span>
            </button>
            <label class="button" title="Merge triage marks from a sidecar file (the newer copy of a mark wins)">
                { "Import marks…" }
                <input type="file" accept=".json,application/json" class="visually-hidden"
                    data-testid="triage-import" onchange={on_import} />
            </label>
        </div>
    }
}

/// The status badge of a finding (nothing when untriaged).
pub fn badge(code: u8) -> Html {
    match TriageStatus::from_code(code) {
        Some(s) => html! {
            <span class={classes!("triage-badge", format!("triage-{}", s.key()))} data-testid="triage-badge"
                data-status={s.key()} title={format!("Triage: {}", s.label())}>{ s.label() }</span>
        },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Index of the finding in the dataset.
    pub index: usize,
}

/// Status, note and save, in the finding detail; says which mark matched and how.
#[function_component(TriageControls)]
pub fn triage_controls(p: &ControlsProps) -> Html {
    let store = use_context::<Store>();
    let current = store
        .as_ref()
        .and_then(|s| s.triage_of(p.index))
        .map(|(m, mark)| (m, mark.clone()));
    let initial = current.as_ref().map_or((String::new(), String::new()), |(_, m)| {
        (m.status.key().to_owned(), m.note.clone())
    });
    let status = use_state(|| initial.0.clone());
    let note = use_state(|| initial.1.clone());
    {
        // A mark changed elsewhere (import, restore): show it.
        let (status, note) = (status.clone(), note.clone());
        let version = store.as_ref().map_or(0, |s| s.triage_version);
        use_effect_with((p.index, version), move |_| {
            status.set(initial.0);
            note.set(initial.1);
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let Some(m) = store.data.findings.get(p.index) else {
        return html! {};
    };
    let arn = m.rec.arn.as_deref().unwrap_or("").to_owned();
    if arn.is_empty() {
        return html! {
            <section class="triage" aria-label="Triage" data-testid="triage">
                <h4>{ "Triage" }</h4>
                <p class="muted">{ "This finding has no ARN, so it cannot be marked." }</p>
            </section>
        };
    }
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                status.set(s.value());
            }
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                note.set(t.value());
            }
        })
    };
    let own = matches!(current, Some((ref m, _)) if m.kind == MatchKind::Arn);
    let on_save = {
        let store = store.clone();
        let (status, note, arn) = (status.clone(), note.clone(), arn.clone());
        Callback::from(move |_: MouseEvent| match TriageStatus::parse(&status) {
            Some(s) => store.dispatch(Action::TriageSet {
                arn: arn.clone(),
                status: s,
                note: (*note).clone(),
                at: now(),
            }),
            None if own => store.dispatch(Action::TriageClear(arn.clone())),
            None => {}
        })
    };
    let tz = store.view.time_zone;
    let (kind, explain) = match &current {
        None => ("none", html! { { "Not triaged." } }),
        Some((m, mark)) if m.kind == MatchKind::Arn => (
            "arn",
            html! { <>{ format!("Marked on this finding (matched by ARN), {}.", format::time(Some(mark.updated_at), tz)) }</> },
        ),
        Some((_, mark)) => {
            let from = mark
                .arn
                .as_deref()
                .map_or_else(String::new, |a| format!(" {}", crate::query::arn_tail(a)));
            let parts: Vec<String> = mark
                .key
                .as_deref()
                .map(triage::key_parts)
                .unwrap_or_default()
                .into_iter()
                .filter(|(k, v)| k != "package" && !v.is_empty())
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let reappeared = if mark.status == TriageStatus::Fixed {
                " It was marked fixed, yet this finding reports the issue again."
            } else {
                ""
            };
            (
                "key",
                html! { <>
                    { format!(
                        "Carried over from the mark on finding{from} (matched by content key: same {}, rules package), {}.{reappeared} Saving gives this finding a mark of its own.",
                        parts.join(", "),
                        format::time(Some(mark.updated_at), tz),
                    ) }
                </> },
            )
        }
    };
    let options = std::iter::once(("", "Untriaged"))
        .chain(TriageStatus::ALL.iter().map(|s| (s.key(), s.label())))
        .map(|(k, l)| html! { <option value={k} selected={*status == k}>{ l }</option> });
    let save_label = if status.is_empty() && own {
        "Remove mark"
    } else {
        "Save"
    };
    html! {
        <section class="triage" aria-label="Triage" data-testid="triage">
            <h4>{ "Triage" }</h4>
            <div class="triage-row">
                <label class="inline">{ "Status " }
                    <select data-testid="triage-status" onchange={on_status}>{ for options }</select>
                </label>
                <button class="button small primary" data-testid="triage-save" onclick={on_save}
                    disabled={status.is_empty() && !own}>{ save_label }</button>
            </div>
            <label class="triage-note-label" for="triage-note">{ "Note" }</label>
            <textarea id="triage-note" class="triage-note" data-testid="triage-note" rows="3" value={(*note).clone()}
                oninput={on_note} placeholder="Why: compensating control, ticket, owner…" />
            <p class="triage-match muted" data-testid="triage-match" data-match={kind}>{ explain }</p>
        </section>
    }
}

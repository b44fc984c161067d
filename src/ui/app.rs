//! The root component: the store, URL sync, drop/paste/pick entry points, tabs.

use super::loader::{load, sample_inputs, Input, LoaderState};
use crate::state::{Action, AppState, Tab, TimeZone};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// The store handle every component reads through context.
pub type Store = UseReducerHandle<AppState>;

/// Starts loading `inputs` in the background.
pub fn spawn_load(inputs: Vec<Input>, store: &Store, loader: &Rc<LoaderState>) {
    let dispatch = store.dispatcher();
    let loader = loader.clone();
    let base = (store.files.clone(), store.version);
    wasm_bindgen_futures::spawn_local(load(inputs, dispatch, loader, base));
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<Input> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(Input::File)
        .collect()
}

/// The search text kept in the current history entry's state.
fn history_search() -> String {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.state().ok())
        .and_then(|st| js_sys::Reflect::get(&st, &"q".into()).ok())
        .and_then(|q| q.as_string())
        .unwrap_or_default()
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(AppState::default);
    let loader = use_memo((), |()| LoaderState::default());
    let dragging = use_state(|| false);
    let paste_open = use_state(|| false);
    let help = use_state(|| false);
    super::keys::use_shortcuts(store.clone(), help.clone());
    let last_hash = use_mut_ref(String::new);
    // Triage marks: restored from and saved to the browser's storage.
    super::triage::use_triage_storage(&store);

    // Restore the view from the URL on start, and on back/forward; the search text comes from
    // the history entry's state (it is never put in the URL).
    {
        let store = store.clone();
        let last_hash = last_hash.clone();
        use_effect_with((), move |()| {
            let restore = move || {
                let h = current_hash();
                *last_hash.borrow_mut() = h.clone();
                Action::Restore {
                    hash: h,
                    search: history_search(),
                }
            };
            let first = restore();
            if !matches!(&first, Action::Restore { hash, search } if hash.is_empty() && search.is_empty()) {
                store.dispatch(first);
            }
            let listener =
                web_sys::window().map(|w| EventListener::new(&w, "popstate", move |_| store.dispatch(restore())));
            move || drop(listener)
        });
    }
    // Write the view to the URL: a new history entry when the hash changes, the same entry
    // (with the search text in its state) when only the search changes. Not on the first
    // render, which shows the default view before the URL's view is restored.
    {
        let view = store.view.clone();
        let last_hash = last_hash.clone();
        let mounted = use_mut_ref(|| false);
        use_effect_with(view, move |view| {
            if !std::mem::replace(&mut *mounted.borrow_mut(), true) {
                return;
            }
            let h = view.to_hash();
            let h = if h == "#" { String::new() } else { h };
            let prev = last_hash.borrow().clone();
            let Some(window) = web_sys::window() else { return };
            let Ok(history) = window.history() else { return };
            let state = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&state, &"q".into(), &view.filters.search.as_str().into());
            let url = if h.is_empty() {
                window.location().pathname().unwrap_or_default()
            } else {
                h.clone()
            };
            let _ = if h == prev {
                history.replace_state_with_url(&state, "", Some(&url))
            } else {
                history.push_state_with_url(&state, "", Some(&url))
            };
            *last_hash.borrow_mut() = h;
        });
    }
    // The worker that reads a dropped file's slices starts now, before any file comes.
    use_effect_with((), |()| super::loader::warm_reader());
    // The whole window accepts dropped files.
    {
        let store = store.clone();
        let loader = loader.clone();
        let dragging = dragging.clone();
        use_effect_with((), move |()| {
            let mut listeners = Vec::new();
            if let Some(w) = web_sys::window() {
                let opts = EventListenerOptions::enable_prevent_default();
                for name in ["dragenter", "dragover"] {
                    let dragging = dragging.clone();
                    listeners.push(EventListener::new_with_options(&w, name, opts, move |e| {
                        e.prevent_default();
                        dragging.set(true);
                    }));
                }
                {
                    let dragging = dragging.clone();
                    listeners.push(EventListener::new_with_options(&w, "dragleave", opts, move |e| {
                        let outside = e
                            .dyn_ref::<web_sys::DragEvent>()
                            .is_some_and(|d| d.client_x() <= 0 && d.client_y() <= 0);
                        if outside {
                            dragging.set(false);
                        }
                    }));
                }
                listeners.push(EventListener::new_with_options(&w, "drop", opts, move |e| {
                    e.prevent_default();
                    dragging.set(false);
                    let files = e
                        .dyn_ref::<web_sys::DragEvent>()
                        .and_then(|d| d.data_transfer())
                        .and_then(|dt| dt.files());
                    spawn_load(files_of(files), &store, &loader);
                }));
            }
            move || drop(listeners)
        });
    }

    let on_pick = {
        let store = store.clone();
        let loader = loader.clone();
        Callback::from(move |e: Event| {
            let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                spawn_load(files_of(input.files()), &store, &loader);
                input.set_value("");
            }
        })
    };
    let on_samples = {
        let store = store.clone();
        let loader = loader.clone();
        Callback::from(move |_: MouseEvent| {
            let store = store.clone();
            let loader = loader.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match sample_inputs().await {
                    Ok(inputs) => {
                        let base = (store.files.clone(), store.version);
                        load(inputs, store.dispatcher(), loader, base).await;
                    }
                    Err(e) => store.dispatch(Action::Notice(Some(format!("Sample data could not be loaded: {e}")))),
                }
            });
        })
    };
    let on_cancel = {
        let loader = loader.clone();
        Callback::from(move |_: MouseEvent| loader.cancel.set(true))
    };
    let on_tz = {
        let store = store.clone();
        let tz = store.view.time_zone;
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::TimeZone(if tz == TimeZone::Utc {
                TimeZone::Local
            } else {
                TimeZone::Utc
            }))
        })
    };
    let toggle_paste = {
        let paste_open = paste_open.clone();
        Callback::from(move |_: MouseEvent| paste_open.set(!*paste_open))
    };
    let on_paste_load = {
        let store = store.clone();
        let loader = loader.clone();
        let paste_open = paste_open.clone();
        Callback::from(move |text: String| {
            if text.trim().is_empty() {
                store.dispatch(Action::Notice(Some(
                    "Nothing to load: the pasted text is empty.".to_owned(),
                )));
                return;
            }
            let n = store
                .files
                .iter()
                .filter(|f| f.report.name.starts_with("pasted"))
                .count()
                + 1;
            spawn_load(
                vec![Input::Text {
                    name: format!("pasted-{n}.json"),
                    text,
                }],
                &store,
                &loader,
            );
            paste_open.set(false);
        })
    };

    let s = &*store;
    let tab = s.view.tab;
    let tab_button = |t: Tab, count: Option<(usize, &'static str)>| {
        let store = store.clone();
        let onclick = Callback::from(move |_: MouseEvent| store.dispatch(Action::Tab(t)));
        let selected = tab == t;
        html! {
            <button role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("active"))}
                data-testid={format!("tab-{}", t.key())} {onclick}>
                { t.label() }
                if let Some((n, id)) = count { <span class="badge" data-testid={id}>{ n }</span> }
            </button>
        }
    };
    let has_data = !s.files.is_empty();
    let tz_label = if s.view.time_zone == TimeZone::Utc {
        "UTC"
    } else {
        "Local time"
    };
    let content = match tab {
        Tab::Findings => html! { <super::findings::FindingsView /> },
        Tab::Runs => html! { <super::runs::RunsView /> },
        Tab::Validation => html! { <super::validation::ValidationView /> },
        Tab::Report => html! { <super::report::ReportView /> },
        Tab::Compare => html! { <super::compare::CompareView /> },
        Tab::Audits => html! { <super::audit::AuditView /> },
    };

    html! {
        <ContextProvider<Store> context={store.clone()}>
            <div class={classes!("app", dragging.then_some("dragging"))}>
                <header class="topbar">
                    <h1 class="brand">{ "Inspector Viewer" }</h1>
                    <label class="button primary" title="Open one or more exported JSON files">
                        { "Open files…" }
                        <input type="file" multiple=true accept=".json,.jsonl,.ndjson,.txt,application/json"
                            data-testid="file-input" class="visually-hidden" onchange={on_pick} />
                    </label>
                    <button class="button" data-testid="open-samples" onclick={on_samples}>{ "Open sample data" }</button>
                    <button class="button" data-testid="paste-toggle" onclick={toggle_paste}>{ "Paste JSON" }</button>
                    <super::triage::TriageMenu />
                    <span class="spacer" />
                    <super::theme::ThemeToggle />
                    <button class="button" data-testid="help-toggle" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
                        onclick={{ let help = help.clone(); Callback::from(move |_: MouseEvent| help.set(!*help)) }}>{ "?" }</button>
                    <button class="button" data-testid="tz-toggle" onclick={on_tz} title="Show times in UTC or in this computer's time zone">
                        { "Times: " }{ tz_label }
                    </button>
                </header>
                if *paste_open { <PasteBox on_load={on_paste_load} /> }
                if *help { <super::keys::ShortcutHelp on_close={{ let help = help.clone(); Callback::from(move |_: MouseEvent| help.set(false)) }} /> }
                if !s.loading.is_empty() { <ProgressBar loading={s.loading.clone()} on_cancel={on_cancel} /> }
                if let Some(n) = &s.notice { <p class="notice" role="status">{ n }</p> }
                if has_data {
                    <super::files::FilesView />
                    <nav class="tabs" role="tablist">
                        { tab_button(Tab::Findings, Some((s.data.findings.len(), "tab-finding-total"))) }
                        { tab_button(Tab::Runs, Some((s.data.runs.len(), "run-count"))) }
                        { tab_button(Tab::Validation, Some((validation_total(s), "issue-total"))) }
                        <super::report::ReportButton />
                        <super::compare::CompareButton />
                        <super::audit::AuditButton />
                    </nav>
                    <main class="content">{ content }</main>
                } else {
                    <Welcome />
                }
                <div class="drop-overlay" aria-hidden="true"><p>{ "Drop Inspector Classic JSON files to open them" }</p></div>
            </div>
        </ContextProvider<Store>>
    }
}

fn validation_total(s: &AppState) -> usize {
    (0..s.data.files.len()).map(|i| s.data.file_issues(i).count()).sum()
}

/// Whether this is the single-file offline page (it has no sample data next to it).
fn offline_page() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .and_then(|b| b.get_attribute("data-offline"))
        .as_deref()
        == Some("true")
}

#[function_component(Welcome)]
fn welcome() -> Html {
    let how = if offline_page() {
        "Drop JSON files anywhere on this page, pick them with “Open files…”, or paste JSON. Output of "
    } else {
        "Drop JSON files anywhere on this page, pick them with “Open files…”, paste JSON, or try the bundled sample data. Output of "
    };
    html! {
        <section class="welcome">
            <h2>{ "Open your Amazon Inspector Classic exports" }</h2>
            <p>{ how }<code>{ "aws inspector describe-findings" }</code>{ ", " }<code>{ "describe-assessment-runs" }</code>
               { ", the other describe-* and list-* calls, from AWS CLI v1 or v2 and boto3 scripts, one response or merged arrays, JSON Lines too." }</p>
            <p class="privacy">{ "Everything stays in this browser tab: files are read locally and nothing is uploaded or sent anywhere." }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProgressProps {
    loading: Vec<crate::state::Loading>,
    on_cancel: Callback<MouseEvent>,
}

#[function_component(ProgressBar)]
fn progress_bar(p: &ProgressProps) -> Html {
    let n = p.loading.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let fraction: f64 = p.loading.iter().map(|l| l.fraction).sum::<f64>() / n as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let percent = (fraction * 100.0).round().clamp(0.0, 100.0) as u32;
    let records: usize = p.loading.iter().map(|l| l.records).sum();
    let current = p
        .loading
        .iter()
        .find(|l| l.fraction < 1.0)
        .map_or("", |l| l.name.as_str());
    html! {
        <div class="progress" data-testid="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
            aria-valuenow={percent.to_string()} data-percent={percent.to_string()}>
            <progress class="progress-track" max="100" value={percent.to_string()}>{ format!("{percent}%") }</progress>
            <span class="progress-text">{ format!("Reading {} file(s): {percent}% · {records} records · {current}", p.loading.len()) }</span>
            <button class="button" data-testid="cancel-load" onclick={p.on_cancel.clone()}>{ "Cancel" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PasteProps {
    on_load: Callback<String>,
}

#[function_component(PasteBox)]
fn paste_box(p: &PasteProps) -> Html {
    let area = use_node_ref();
    let onclick = {
        let area = area.clone();
        let on_load = p.on_load.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = area.cast::<web_sys::HtmlTextAreaElement>() {
                on_load.emit(t.value());
            }
        })
    };
    html! {
        <div class="paste-box">
            <label for="paste-area">{ "Paste JSON (a whole response, an array, or JSON Lines):" }</label>
            <textarea id="paste-area" data-testid="paste-area" ref={area} rows="8" spellcheck="false" />
            <button class="button primary" data-testid="paste-load" {onclick}>{ "Load pasted JSON" }</button>
        </div>
    }
}

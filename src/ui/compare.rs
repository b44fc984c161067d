//! Compare two runs (or two sets of files): new, fixed, unchanged and re-scored findings, as a
//! summary, a bar chart and a filterable table with a CSV export. The logic is
//! `query::compare`; this file renders it.

use super::app::Store;
use super::chart_canvas::ChartCanvas;
use super::export::{download_text, stamp};
use super::format;
use crate::chart::{Bar, BarChart, BarColor, ChartSpec};
use crate::model::Str;
use crate::query::{
    compare, default_pair, diff_csv, filter_rows, run_choices, side_findings, Comparison, Side, Status,
};
use crate::state::{Action, Tab};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Rows rendered at most (the CSV export has them all).
const ROW_LIMIT: usize = 2000;

/// The tab button that opens the comparison.
#[function_component(CompareButton)]
pub fn compare_button() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let selected = store.view.tab == Tab::Compare;
    let onclick = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Tab(Tab::Compare)))
    };
    html! {
        <button role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("active"))}
            data-testid="compare" title="Compare two runs, or two sets of files" {onclick}>
            { "Compare" }
        </button>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Runs,
    Files,
}

fn status_color(s: Status) -> BarColor {
    match s {
        Status::New => BarColor::Rgb(0xc2, 0x41, 0x0c),
        Status::Fixed => BarColor::Rgb(0x1a, 0x7f, 0x37),
        Status::Changed => BarColor::Rgb(0x8a, 0x6d, 0x00),
        Status::Unchanged => BarColor::Rgb(0x6b, 0x72, 0x80),
    }
}

fn chart(c: &Comparison) -> ChartSpec {
    ChartSpec::Bars(BarChart {
        title: "Findings from A to B".to_owned(),
        bars: Status::ALL
            .iter()
            .map(|s| {
                Bar::new(s.label(), c.counts.get(*s) as u64, format!("status:{}", s.key())).with_color(status_color(*s))
            })
            .collect(),
        horizontal: false,
    })
}

fn dark_mode() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
        || web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("data-theme"))
            .as_deref()
            == Some("dark")
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

#[function_component(CompareView)]
pub fn compare_view() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let mode = use_state(|| Mode::Runs);
    let run_a = use_state(|| None::<Str>);
    let run_b = use_state(|| None::<Str>);
    let files_a = use_state(BTreeSet::<usize>::new);
    let files_b = use_state(BTreeSet::<usize>::new);
    let status = use_state(|| None::<Status>);
    let search = use_state(String::new);

    let choices = {
        let data = store.data.clone();
        use_memo(store.version, move |_| run_choices(&data))
    };
    let default = default_pair(&choices);
    let known = |arn: &Option<Str>| arn.clone().filter(|a| choices.iter().any(|c| c.arn == *a));
    let pick_a = known(&run_a).or_else(|| default.as_ref().map(|d| d.0.clone()));
    let pick_b = known(&run_b).or_else(|| default.as_ref().map(|d| d.1.clone()));
    let sides: Option<(Side, Side)> = match *mode {
        Mode::Runs => pick_a
            .clone()
            .zip(pick_b.clone())
            .map(|(a, b)| (Side::Run(a), Side::Run(b))),
        Mode::Files => Some((Side::Files((*files_a).clone()), Side::Files((*files_b).clone()))),
    };
    let comparison = {
        let data = store.data.clone();
        use_memo((store.version, sides.clone()), move |(_, sides)| {
            sides
                .as_ref()
                .map(|(a, b)| compare(&data, &side_findings(&data, a), &side_findings(&data, b)))
        })
    };
    let mut statuses: BTreeSet<Status> = BTreeSet::new();
    statuses.extend(status.iter().copied());
    let shown: Vec<usize> = comparison
        .as_ref()
        .as_ref()
        .map(|c| filter_rows(c, &statuses, &search))
        .unwrap_or_default();

    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                mode.set(if v.value() == "files" { Mode::Files } else { Mode::Runs });
            }
        })
    };
    let on_run = |which: UseStateHandle<Option<Str>>| {
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e) {
                which.set(Some(Str::from(v)));
            }
        })
    };
    let on_swap = {
        let (run_a, run_b, files_a, files_b) = (run_a.clone(), run_b.clone(), files_a.clone(), files_b.clone());
        let (pa, pb) = (pick_a.clone(), pick_b.clone());
        Callback::from(move |_: MouseEvent| {
            run_a.set(pb.clone());
            run_b.set(pa.clone());
            let fa = (*files_a).clone();
            files_a.set((*files_b).clone());
            files_b.set(fa);
        })
    };
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e) {
                status.set(Status::from_key(&v));
            }
        })
    };
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                search.set(i.value());
            }
        })
    };
    let on_bar = {
        let status = status.clone();
        Callback::from(move |key: String| {
            let picked = key.strip_prefix("status:").and_then(Status::from_key);
            status.set(if *status == picked { None } else { picked });
        })
    };
    let on_export = {
        let store = store.clone();
        let comparison = comparison.clone();
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = comparison.as_ref() {
                let text = diff_csv(&store.data, c, &shown);
                let name = format!("inspector-compare-{}.csv", stamp());
                if let Err(e) = download_text(&text, &name, "text/csv;charset=utf-8") {
                    store.dispatch(Action::Notice(Some(format!("The comparison could not be saved: {e}"))));
                }
            }
        })
    };

    let tz = store.view.time_zone;
    let run_select = |id: &'static str, picked: &Option<Str>, onchange: Callback<Event>| {
        let options = choices.iter().map(|c| {
            let selected = picked.as_ref() == Some(&c.arn);
            let when = c.at.map(|t| format::time(Some(t), tz)).unwrap_or_default();
            let text = format!("{} · {} · {} findings", c.label, when, c.findings);
            html! { <option value={c.arn.to_string()} {selected}>{ text }</option> }
        });
        // Keyed by the pick: a new element shows a new pick even after the user touched it.
        let key = format!("{id}:{}", picked.as_deref().unwrap_or(""));
        html! { <select key={key} data-testid={id} {onchange}>{ for options }</select> }
    };
    let controls = match *mode {
        Mode::Runs => html! {
            <div class="compare-pick">
                <label class="inline">{ "A (before) " }{ run_select("compare-run-a", &pick_a, on_run(run_a.clone())) }</label>
                <button class="button small" data-testid="compare-swap" onclick={on_swap.clone()} title="Swap A and B">{ "⇄" }</button>
                <label class="inline">{ "B (after) " }{ run_select("compare-run-b", &pick_b, on_run(run_b.clone())) }</label>
            </div>
        },
        Mode::Files => {
            let toggle = |set: UseStateHandle<BTreeSet<usize>>, i: usize| {
                Callback::from(move |_: Event| {
                    let mut next = (*set).clone();
                    if !next.remove(&i) {
                        next.insert(i);
                    }
                    set.set(next);
                })
            };
            let rows = store.files.iter().enumerate().filter(|(_, f)| !f.records.findings.is_empty()).map(|(i, f)| {
                let name = f.report.name.clone();
                html! {
                    <tr>
                        <td><input type="checkbox" data-testid="compare-file-a" data-file={name.clone()} aria-label={format!("{name} in set A")}
                            checked={files_a.contains(&i)} onchange={toggle(files_a.clone(), i)} /></td>
                        <td><input type="checkbox" data-testid="compare-file-b" data-file={name.clone()} aria-label={format!("{name} in set B")}
                            checked={files_b.contains(&i)} onchange={toggle(files_b.clone(), i)} /></td>
                        <td class="compare-file-name">{ name }</td>
                        <td class="num">{ f.records.findings.len() }</td>
                    </tr>
                }
            });
            html! {
                <div class="compare-pick">
                    <table class="compare-files">
                        <thead><tr><th>{ "A" }</th><th>{ "B" }</th><th>{ "File" }</th><th>{ "Findings" }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                    <button class="button small" data-testid="compare-swap" onclick={on_swap.clone()} title="Swap A and B">{ "⇄ Swap" }</button>
                </div>
            }
        }
    };

    let body = match comparison.as_ref() {
        None => html! {
            <p class="empty" data-testid="compare-empty">
                { "Load the findings of at least two assessment runs to compare them, or compare sets of files." }
            </p>
        },
        Some(c) => {
            let k = c.counts;
            let chips = Status::ALL.iter().map(|s| {
                let n = k.get(*s);
                let status = status.clone();
                let s = *s;
                let selected = *status == Some(s);
                let onclick = Callback::from(move |_: MouseEvent| status.set(if *status == Some(s) { None } else { Some(s) }));
                html! {
                    <button class={classes!("chip", "compare-chip", format!("status-{}", s.key()), selected.then_some("selected"))}
                        aria-pressed={selected.to_string()} data-status={s.key()} {onclick}>
                        <span class="chip-label">{ s.label() }</span><span class="chip-count">{ n }</span>
                    </button>
                }
            });
            let status_options = std::iter::once(("", "All statuses".to_owned()))
                .chain(
                    Status::ALL
                        .iter()
                        .map(|s| (s.key(), format!("{} ({})", s.label(), k.get(*s)))),
                )
                .map(|(key, label)| {
                    let selected = status.map_or("", Status::key) == key;
                    html! { <option value={key} {selected}>{ label }</option> }
                });
            let data = &store.data;
            let rows = shown.iter().take(ROW_LIMIT).filter_map(|&i| c.rows.get(i)).map(|r| {
                let sev = |v: &Option<Str>| v.as_deref().unwrap_or("(missing)").to_owned();
                let severity = match r.status {
                    Status::Changed => html! {
                        <><span class={format::severity_class(&sev(&r.from))}>{ sev(&r.from) }</span>
                          { " → " }<span class={format::severity_class(&sev(&r.to))}>{ sev(&r.to) }</span></>
                    },
                    _ => {
                        let s = r.severity().map_or_else(|| "(missing)".to_owned(), ToString::to_string);
                        html! { <span class={format::severity_class(&s)}>{ s }</span> }
                    }
                };
                let arn = |i: Option<u32>| {
                    i.and_then(|i| data.findings.get(i as usize))
                        .and_then(|m| m.rec.arn.as_deref())
                        .unwrap_or("")
                        .to_owned()
                };
                html! {
                    <tr data-testid="compare-row" data-status={r.status.key()} data-arn-a={arn(r.a)} data-arn-b={arn(r.b)}>
                        <td><span class={classes!("compare-status", format!("status-{}", r.status.key()))}>{ r.status.label() }</span></td>
                        <td>{ severity }</td>
                        <td class="compare-rule">{ r.key.rule_id.to_string() }</td>
                        <td class="compare-title">{ r.title.as_deref().unwrap_or("").to_owned() }</td>
                        <td>{ r.package_name.to_string() }</td>
                        <td>{ r.instance_label() }</td>
                        <td class="num">{ r.key.port.to_string() }</td>
                    </tr>
                }
            });
            html! {
                <>
                    <div class="compare-summary" data-testid="compare-summary" data-new={k.new.to_string()} data-fixed={k.fixed.to_string()}
                        data-unchanged={k.unchanged.to_string()} data-changed={k.changed.to_string()}
                        data-a={k.a.to_string()} data-b={k.b.to_string()}>
                        <p class="compare-sides">{ format!("A has {} findings, B has {}.", k.a, k.b) }</p>
                        <div class="severity-chips">{ for chips }</div>
                    </div>
                    <div class="chart-card compare-chart">
                        <ChartCanvas chart={chart(c)} name="compare" width={460} height={220} dark={dark_mode()} on_select={on_bar} />
                    </div>
                    <div class="toolbar compare-toolbar">
                        <input type="search" class="search" placeholder="Search title, rule ID, instance, rules package, port, ARN…"
                            aria-label="Search the comparison" data-testid="compare-search" value={(*search).clone()} oninput={on_search} />
                        <label class="inline">{ "Status " }
                            <select key={format!("status:{}", status.map_or("", Status::key))} data-testid="compare-status"
                                onchange={on_status}>{ for status_options }</select>
                        </label>
                        <span class="count"><strong data-testid="compare-row-count">{ shown.len() }</strong>{ format!(" of {} rows", c.rows.len()) }</span>
                        <button class="button small" data-testid="export-compare-csv" data-rows={shown.len().to_string()} onclick={on_export}
                            title="The rows shown, as CSV (UTF-8, formula-safe)">{ "Export CSV" }</button>
                    </div>
                    <div class="table-wrap" tabindex="0">
                        <table class="compare-table" data-testid="compare-table">
                            <thead><tr><th>{ "Status" }</th><th>{ "Severity" }</th><th>{ "Rule ID" }</th><th>{ "Title" }</th>
                                <th>{ "Rules package" }</th><th>{ "Instance" }</th><th>{ "Port" }</th></tr></thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                        if shown.is_empty() { <p class="empty">{ "No rows match." }</p> }
                        if shown.len() > ROW_LIMIT {
                            <p class="facet-more">{ format!("{} more rows not shown: narrow the list, or export it as CSV.", shown.len() - ROW_LIMIT) }</p>
                        }
                    </div>
                </>
            }
        }
    };

    html! {
        <section class="compare" data-testid="compare-view" aria-label="Compare">
            <div class="compare-controls">
                <fieldset class="compare-mode">
                    <legend>{ "Compare" }</legend>
                    <label><input type="radio" name="compare-mode" value="runs" data-testid="compare-mode" checked={*mode == Mode::Runs}
                        onchange={on_mode.clone()} />{ " two runs" }</label>
                    <label><input type="radio" name="compare-mode" value="files" data-testid="compare-mode" checked={*mode == Mode::Files}
                        onchange={on_mode} />{ " two sets of files" }</label>
                </fieldset>
                { controls }
            </div>
            <p class="compare-help muted">
                { "Findings match across runs by rule ID, instance and rules package (and port, for Network Reachability): \
                   new = only in B, fixed = only in A." }
            </p>
            { body }
        </section>
    }
}

//! The findings view: facets, search, severity counts, charts, a virtualised table, groups.

use super::app::Store;
use super::format;
use crate::query::{Column, Dim, Facet, GroupBy, QueryResult};
use crate::state::{Action, Selection};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Row height in CSS pixels (fixed, so only visible rows need to exist in the DOM): an integer
/// for style text, a float for scroll arithmetic.
const ROW_HEIGHT_PX: u64 = 34;
#[allow(clippy::cast_precision_loss)]
pub const ROW_HEIGHT: f64 = ROW_HEIGHT_PX as f64;
const OVERSCAN: usize = 8;

/// The current query, recomputed only when the data, filters or sort change. The sorted order
/// of every finding is kept apart, so a new search or filter only filters it.
#[hook]
pub fn use_query(store: &Store) -> Rc<QueryResult> {
    let order = {
        let index = store.index.clone();
        use_memo((store.version, store.view.sort), move |(_, sort)| index.order(*sort))
    };
    let index = store.index.clone();
    // Triage status is a facet too: its column comes with the marks.
    let triage = store.triage_matches.codes.clone();
    use_memo(
        (
            store.version,
            store.triage_version,
            store.view.filters.clone(),
            (*order).clone(),
        ),
        move |(_, _, filters, order)| index.query_in_order(filters, order, &triage),
    )
}

#[function_component(FindingsView)]
pub fn findings_view() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let result = use_query(&store);
    let view = &store.view;
    let total = store.data.findings.len();
    let on_search = {
        let store = store.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                store.dispatch(Action::Search(i.value()));
            }
        })
    };
    let on_group = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                store.dispatch(Action::Group(GroupBy::from_key(&s.value())));
            }
        })
    };
    let clear = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::ClearFilters))
    };
    let severity_chips = crate::model::Severity::ALL.iter().enumerate().map(|(rank, sev)| {
        let n = result.by_severity[rank];
        let store = store.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::ToggleFacet(Dim::Severity, sev.as_str().to_owned()))
        });
        let selected = view.filters.is_selected(Dim::Severity, sev.as_str());
        html! {
            <button class={classes!("chip", format::severity_class(sev.as_str()), selected.then_some("selected"))}
                data-testid="severity-count" data-severity={sev.as_str()} data-count={n.to_string()} {onclick}
                aria-pressed={selected.to_string()}>
                <span class="chip-label">{ sev.as_str() }</span><span class="chip-count">{ n }</span>
            </button>
        }
    });
    let group_options = std::iter::once(("", "No grouping"))
        .chain(GroupBy::ALL.iter().map(|g| (g.key(), g.label())))
        .map(|(k, l)| {
            let selected = view.group.map_or("", GroupBy::key) == k;
            html! { <option value={k} {selected}>{ l }</option> }
        });
    let selected_finding = store.selected_finding();
    html! {
        <div class={classes!("findings-layout", selected_finding.is_some().then_some("with-detail"))}>
            <aside class="facets" aria-label="Filters">
                { for result.facets.iter().filter(|f| f.dim != Dim::Severity).map(|f| html! { <FacetBox facet={f.clone()} /> }) }
            </aside>
            <section class="findings-main">
                <div class="toolbar">
                    <input type="search" class="search" placeholder="Search title, description, recommendation, rule ID, ARN…"
                        aria-label="Search findings" data-testid="search" value={view.filters.search.clone()} oninput={on_search} />
                    <label class="inline">{ "Group by " }
                        <select data-testid="group-by" onchange={on_group}>{ for group_options }</select>
                    </label>
                    <ColumnChooser />
                    <super::export::ExportMenu result={result.clone()} />
                    <span class="count">
                        <strong data-testid="finding-count" data-total={total.to_string()} data-view={format!("{}|{}", view.to_hash(), view.filters.search)}>{ result.total }</strong>
                        { format!(" of {total} findings") }
                    </span>
                    if !view.filters.is_empty() {
                        <button class="button small" data-testid="clear-filters" onclick={clear}>{ "Clear filters" }</button>
                    }
                </div>
                <div class="severity-chips">{ for severity_chips }</div>
                <super::charts::FindingCharts result={result.clone()} />
                if let Some(by) = view.group {
                    <GroupTable result={result.clone()} by={by} />
                } else {
                    <FindingsTable result={result.clone()} />
                }
            </section>
            if let Some(i) = selected_finding {
                <super::detail::FindingDetail index={i} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FacetProps {
    facet: Facet,
}

#[function_component(FacetBox)]
fn facet_box(p: &FacetProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let dim = p.facet.dim;
    if p.facet.values.is_empty() {
        return html! {};
    }
    let items = p.facet.values.iter().map(|v| {
        let store = store.clone();
        let value = v.value.clone();
        let onchange = Callback::from(move |_: Event| store.dispatch(Action::ToggleFacet(dim, value.clone())));
        html! {
            <li>
                <label class="facet-value" title={v.label.clone()}>
                    <input type="checkbox" checked={v.selected} {onchange} data-testid="facet-value"
                        data-dim={dim.key()} data-value={v.value.clone()} />
                    <span class="facet-label">{ v.label.clone() }</span>
                    <span class="facet-count">{ v.count }</span>
                </label>
            </li>
        }
    });
    html! {
        <details class="facet" open={!matches!(dim, Dim::Attribute | Dim::UserAttribute | Dim::RuleId)} data-testid="facet" data-dim={dim.key()}>
            <summary>{ dim.label() }</summary>
            <ul>{ for items }</ul>
            if p.facet.more > 0 { <p class="facet-more">{ format!("+{} more values (use search)", p.facet.more) }</p> }
        </details>
    }
}

#[function_component(ColumnChooser)]
fn column_chooser() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let items = Column::ALL.iter().map(|c| {
        let c = *c;
        let store = store.clone();
        let checked = store.view.columns.contains(&c);
        let onchange = Callback::from(move |_: Event| store.dispatch(Action::ToggleColumn(c)));
        html! { <label class="menu-item"><input type="checkbox" {checked} {onchange} data-testid="column-toggle" data-column={c.key()} />{ c.label() }</label> }
    });
    html! {
        <details class="menu">
            <summary class="button small">{ "Columns" }</summary>
            <div class="menu-body">{ for items }</div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct ResultProps {
    result: Rc<QueryResult>,
}

#[function_component(FindingsTable)]
fn findings_table(p: &ResultProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let body = use_node_ref();
    let grid = use_node_ref();
    let space = use_node_ref();
    let window = use_node_ref();
    let scroll_top = use_state(|| 0.0f64);
    let viewport = format::use_client_height(&body, 600.0).max(200.0);
    // The cursor is read by key handlers created at an earlier render: keep it in a cell that is
    // always current (two quick keys before a re-render must both count), and re-render by hand.
    let cursor = use_mut_ref(|| 0usize);
    let redraw = use_force_update();
    let rows = p.result.rows.clone();
    let n = rows.len();
    let columns = store.view.columns.clone();

    let onscroll = {
        let scroll_top = scroll_top.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                scroll_top.set(f64::from(el.scroll_top()));
            }
        })
    };
    let select = {
        let store = store.clone();
        Callback::from(move |i: usize| {
            let arn = store
                .data
                .findings
                .get(i)
                .and_then(|m| m.rec.arn.as_deref().map(ToOwned::to_owned));
            store.dispatch(Action::Select(arn.map(Selection::Finding)));
        })
    };
    let onkeydown = {
        let cursor = cursor.clone();
        let redraw = redraw.clone();
        let rows = rows.clone();
        let body = body.clone();
        let select = select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let cur = (*cursor.borrow()).min(n.saturating_sub(1));
            let next = match key.as_str() {
                "ArrowDown" | "j" => Some((cur + 1).min(n.saturating_sub(1))),
                "ArrowUp" | "k" => Some(cur.saturating_sub(1)),
                "PageDown" => Some((cur + 20).min(n.saturating_sub(1))),
                "PageUp" => Some(cur.saturating_sub(20)),
                "Home" => Some(0),
                "End" => Some(n.saturating_sub(1)),
                "Enter" => {
                    if let Some(&i) = rows.get(cur) {
                        select.emit(i as usize);
                    }
                    e.prevent_default();
                    None
                }
                _ => None,
            };
            if let Some(next) = next {
                e.prevent_default();
                *cursor.borrow_mut() = next;
                redraw.force_update();
                if let Some(el) = body.cast::<web_sys::Element>() {
                    #[allow(clippy::cast_precision_loss)]
                    let top = next as f64 * ROW_HEIGHT;
                    let st = f64::from(el.scroll_top());
                    let h = f64::from(el.client_height());
                    if top < st {
                        el.set_scroll_top(top as i32);
                    } else if top + ROW_HEIGHT > st + h {
                        el.set_scroll_top((top + ROW_HEIGHT - h) as i32);
                    }
                }
            }
        })
    };

    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let first = ((*scroll_top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(n);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let count = (viewport / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
    let last = (first + count).min(n);
    let tz = store.view.time_zone;
    let ix = store.index.clone();
    let data = store.data.clone();
    let selected = store.selected_finding();
    let sort = store.view.sort;
    let header = columns.iter().map(|c| {
        let c = *c;
        let store = store.clone();
        let onclick = Callback::from(move |_: MouseEvent| store.dispatch(Action::SortBy(c)));
        let aria = if sort.column == c {
            if sort.descending {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        let arrow = if sort.column == c {
            if sort.descending {
                " ▼"
            } else {
                " ▲"
            }
        } else {
            ""
        };
        html! {
            <div role="columnheader" class={classes!("cell", format!("col-{}", c.key()))} aria-sort={aria}>
                <button class="sort" data-testid="sort" data-column={c.key()} {onclick}>{ c.label() }{ arrow }</button>
            </div>
        }
    });
    let current = *cursor.borrow();
    let visible = (first..last).map(|pos| {
        let i = rows[pos] as usize;
        let Some(m) = data.findings.get(i) else { return html! {} };
        let f = &m.rec;
        let row = &ix.rows[i];
        let arn = f.arn.as_deref().unwrap_or("").to_owned();
        let onclick = {
            let select = select.clone();
            let cursor = cursor.clone();
            Callback::from(move |_: MouseEvent| {
                *cursor.borrow_mut() = pos;
                select.emit(i);
            })
        };
        let triage_code = store.triage_matches.code(i);
        let cells = columns.iter().map(|c| {
            let text = match c {
                Column::Severity => f.severity.as_deref().unwrap_or("(missing)").to_owned(),
                Column::Title => f.title.as_deref().unwrap_or("").to_owned(),
                Column::RuleId => f.id.as_deref().unwrap_or("").to_owned(),
                Column::Package => ix.label(Dim::Package, row.package),
                Column::Instance => match (f.instance_id(), f.instance_name()) {
                    (Some(id), Some(name)) => format!("{id} ({name})"),
                    (Some(id), None) => id.to_string(),
                    (None, _) => f.asset_attributes.as_ref().and_then(|a| a.hostname.as_deref()).unwrap_or("").to_owned(),
                },
                Column::Ip => f.first_ip().map(ToString::to_string).unwrap_or_default(),
                Column::Run => ix.label(Dim::Run, row.run),
                Column::Created => format::time(f.created_at, tz),
            };
            let class = if *c == Column::Severity { format::severity_class(&text) } else { "" };
            let triage_badge = if *c == Column::Title { super::triage::badge(triage_code) } else { html! {} };
            html! { <div role="gridcell" class={classes!("cell", format!("col-{}", c.key()))} title={text.clone()}>{ triage_badge }<span class={class}>{ text }</span></div> }
        });
        // Keyed by position: scrolling keeps the rows still in view, and a new filter or sort
        // rewrites the rows' text in place instead of replacing every row element.
        html! {
            <div role="row" key={pos} data-testid="finding-row" data-arn={arn} data-triage={crate::query::triage::code_key(triage_code)}
                aria-selected={(selected == Some(i)).to_string()}
                class={classes!("row", (pos == current).then_some("cursor"), (selected == Some(i)).then_some("selected"))}
                {onclick}>
                { for cells }
            </div>
        }
    });
    // Integers: a float in style text would link core's float formatting into the wasm.
    let height = n as u64 * ROW_HEIGHT_PX;
    let offset = first as u64 * ROW_HEIGHT_PX;
    let template = columns
        .iter()
        .map(|c| match c {
            Column::Severity => "8.5em",
            Column::Title => "minmax(16em, 3fr)",
            Column::RuleId => "minmax(8em, 1fr)",
            Column::Package => "minmax(8em, 1fr)",
            Column::Instance => "minmax(9em, 1fr)",
            Column::Ip => "8em",
            Column::Run => "minmax(8em, 1fr)",
            Column::Created => "11.5em",
        })
        .collect::<Vec<_>>()
        .join(" ");
    format::use_css_property(&grid, "--cols", template);
    format::use_css_property(&space, "height", format!("{height}px"));
    format::use_css_property(&window, "transform", format!("translateY({offset}px)"));
    html! {
        <div class="grid" role="grid" aria-rowcount={n.to_string()} ref={grid}>
            <div role="row" class="row header">{ for header }</div>
            <div class="grid-body" role="rowgroup" ref={body} tabindex="0" data-testid="findings-table" {onscroll} {onkeydown}
                aria-label="Findings (arrow keys move, Enter opens)">
                <div class="grid-space" ref={space}><div class="grid-window" ref={window}>{ for visible }</div></div>
                if n == 0 { <p class="empty">{ "No findings match." }</p> }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    result: Rc<QueryResult>,
    by: GroupBy,
}

#[function_component(GroupTable)]
fn group_table(p: &GroupProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let groups = store.index.groups(&p.result.rows, p.by);
    let dim = match p.by {
        GroupBy::RuleId => Dim::RuleId,
        GroupBy::Instance => Dim::Instance,
        GroupBy::Package => Dim::Package,
    };
    let rows = groups.iter().take(2000).map(|g| {
        let store = store.clone();
        let value = g.value.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Group(None));
            store.dispatch(Action::OnlyFacet(dim, value.clone()));
        });
        let sev = g.by_severity.iter().take(5).enumerate().map(|(rank, n)| {
            let label = crate::model::Severity::ALL[rank].as_str();
            html! { <td class="num"><span class={format::severity_class(label)}>{ if *n > 0 { n.to_string() } else { String::new() } }</span></td> }
        });
        html! {
            <tr data-testid="group-row" data-value={g.value.clone()} data-count={g.count.to_string()}>
                <td><button class="link" {onclick}>{ g.label.clone() }</button></td>
                <td class="num">{ g.count }</td>
                { for sev }
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <table class="groups" data-testid="group-table">
                <thead><tr><th>{ p.by.label() }</th><th>{ "Findings" }</th>
                    { for crate::model::Severity::ALL.iter().map(|s| html! { <th>{ s.as_str() }</th> }) }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if groups.len() > 2000 { <p class="facet-more">{ format!("{} more groups not shown", groups.len() - 2000) }</p> }
        </div>
    }
}

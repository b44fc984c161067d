//! The Audits view: AWS IoT Device Defender audit tasks (`aws iot describe-audit-task`) — a
//! list of the loaded tasks, and the chosen task's status, type, start time, scheduled audit
//! name, statistics, a chart of non-compliant resources per check and a sortable checks table.
//! The numbers come from [`crate::query::audit`]; this file renders them.

use super::app::Store;
use super::chart_canvas::ChartCanvas;
use super::format;
use crate::chart::{Bar, BarChart, BarColor, ChartSpec};
use crate::ingest::{Dataset, Merged};
use crate::model::{AuditCheck, AuditTask};
use crate::query::audit::{
    audit_groups, audit_tone, compliance_key, non_compliant_by_check, sort_checks, task_label, AuditColumn, AuditGroup,
    AuditSort,
};
use crate::state::{Action, Tab, TimeZone};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// The tab button, shown when audit files are loaded (or the Audits tab is open).
#[function_component(AuditButton)]
pub fn audit_button() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let selected = store.view.tab == Tab::Audits;
    let tasks = store.data.audits.tasks.len();
    if tasks == 0 && !selected {
        return html! {};
    }
    let onclick = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Tab(Tab::Audits)))
    };
    html! {
        <button role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("active"))}
            data-testid="tab-audits" title="AWS IoT Device Defender audit tasks" {onclick}>
            { Tab::Audits.label() }
            <span class="badge" data-testid="audit-task-count">{ tasks }</span>
        </button>
    }
}

#[function_component(AuditView)]
pub fn audit_view() -> Html {
    let store = use_context::<Store>();
    let chosen = use_state(|| 0usize);
    let version = store.as_ref().map_or(0, |s| s.version);
    let data = store.as_ref().map(|s| s.data.clone()).unwrap_or_default();
    let groups: Rc<Vec<AuditGroup>> = use_memo(version, move |_| audit_groups(&data));
    let Some(store) = store else { return html! {} };
    let tz = store.view.time_zone;
    let checks: usize = groups.iter().map(|g| g.checks.len()).sum();

    if groups.is_empty() {
        return html! {
            <section class="audit-view" data-testid="audit-view" data-tasks="0" data-checks="0">
                <p class="empty" data-testid="audits-empty">
                    { "No AWS IoT Device Defender audit tasks in the loaded files. Open the output of " }
                    <code>{ "aws iot describe-audit-task" }</code>{ " to see its checks here." }
                </p>
            </section>
        };
    }
    let current = (*chosen).min(groups.len() - 1);
    let rows = groups.iter().enumerate().map(|(i, g)| {
        let t = &g.task.rec;
        let status = t.task_status.as_deref().unwrap_or("").to_owned();
        let pick = {
            let chosen = chosen.clone();
            Callback::from(move |_: MouseEvent| chosen.set(i))
        };
        let onkeydown = {
            let chosen = chosen.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    chosen.set(i);
                }
            })
        };
        let selected = i == current;
        html! {
            <tr data-testid="audit-task-row" data-index={i.to_string()} data-status={status.clone()}
                class={classes!(selected.then_some("selected"))} aria-selected={selected.to_string()} tabindex="0"
                onclick={pick} {onkeydown}>
                <td class="col-started">{ format::time(t.task_start_time, tz) }</td>
                <td>{ badge(&status, "(no status)") }</td>
                <td>{ t.task_type.as_deref().unwrap_or("—").to_owned() }</td>
                <td>{ t.scheduled_audit_name.as_deref().unwrap_or("—").to_owned() }</td>
                <td class="num">{ g.checks.len() }</td>
                <td class="num">{ g.non_compliant_checks() }</td>
                <td class="num">{ g.non_compliant_resources() }</td>
                <td class="muted">{ sources_text(&store.data, &g.task) }</td>
            </tr>
        }
    });
    html! {
        <section class="audit-view" data-testid="audit-view" data-tasks={groups.len().to_string()}
            data-checks={checks.to_string()} aria-label="IoT Device Defender audits">
            <p class="audit-summary" data-testid="audit-summary">
                { format!("{} audit task(s) · {checks} check(s) · from AWS IoT Device Defender (describe-audit-task)", groups.len()) }
            </p>
            <div class="table-wrap">
                <table class="audit-tasks small" data-testid="audit-tasks">
                    <thead><tr>
                        <th scope="col">{ "Started" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Type" }</th>
                        <th scope="col">{ "Scheduled audit" }</th><th scope="col" class="num">{ "Checks" }</th>
                        <th scope="col" class="num">{ "Non-compliant checks" }</th>
                        <th scope="col" class="num">{ "Non-compliant resources" }</th><th scope="col">{ "Source" }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if let Some(g) = groups.get(current) {
                <TaskDetail key={current} group={GroupData(g.clone())} {tz} />
            }
        </section>
    }
}

fn badge(status: &str, empty: &str) -> Html {
    let text = if status.is_empty() { empty } else { status };
    html! { <span class={format!("state-badge tone-{}", audit_tone(status))} data-state={status.to_owned()}>{ text.to_owned() }</span> }
}

fn sources_text<T>(data: &Dataset, m: &Merged<T>) -> String {
    m.sources
        .iter()
        .map(|s| {
            let name = data.files.get(s.file).map_or("?", |f| f.report.name.as_str());
            format!("{name}:{}", s.line)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A group, compared by value (rebuilt only when the data changes).
#[derive(Clone, PartialEq)]
struct GroupData(AuditGroup);

#[derive(Properties, PartialEq)]
struct DetailProps {
    group: GroupData,
    tz: TimeZone,
}

/// Count of a statistic, for `data-value` and the cell.
fn count_text(n: Option<i64>) -> String {
    n.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

/// The chart of non-compliant resources per check.
fn chart(checks: &[Merged<AuditCheck>]) -> BarChart {
    BarChart {
        title: "Non-compliant resources per check".to_owned(),
        bars: non_compliant_by_check(checks)
            .into_iter()
            .map(|(name, n)| {
                let color = if n > 0 {
                    BarColor::Rgb(0xc2, 0x41, 0x0c)
                } else {
                    BarColor::Rgb(0x6b, 0x72, 0x80)
                };
                Bar::new(name.to_string(), n, name.to_string()).with_color(color)
            })
            .collect(),
        horizontal: true,
    }
}

/// One task: its fields and statistics, the chart, and the checks table.
#[function_component(TaskDetail)]
fn task_detail(p: &DetailProps) -> Html {
    let store = use_context::<Store>();
    let sort = use_state(AuditSort::default);
    let marked = use_state_eq(|| None::<String>);
    let wrap = use_node_ref();
    let width = use_state_eq(|| 720u32);
    {
        let wrap = wrap.clone();
        let width = width.clone();
        use_effect_with((), move |()| {
            let measure = move || {
                if let Some(el) = wrap.cast::<web_sys::Element>() {
                    if let Ok(w) = u32::try_from(el.client_width()) {
                        if w >= 160 {
                            width.set(w);
                        }
                    }
                }
            };
            measure();
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    let Some(store) = store else { return html! {} };
    let g = &p.group.0;
    let t: &AuditTask = &g.task.rec;
    let status = t.task_status.as_deref().unwrap_or("").to_owned();
    let field =
        |label: &str, value: Html| html! { <div class="field"><dt>{ label.to_owned() }</dt><dd>{ value }</dd></div> };
    let text = |s: Option<&str>| -> Html {
        html! { { s.filter(|s| !s.is_empty()).unwrap_or("—").to_owned() } }
    };

    let stats = t.task_statistics.clone().unwrap_or_default();
    let stat_rows = [
        ("totalChecks", "Total checks", stats.total_checks),
        ("inProgressChecks", "In progress", stats.in_progress_checks),
        (
            "waitingForDataCollectionChecks",
            "Waiting for data collection",
            stats.waiting_for_data_collection_checks,
        ),
        ("compliantChecks", "Compliant", stats.compliant_checks),
        ("nonCompliantChecks", "Non-compliant", stats.non_compliant_checks),
        ("failedChecks", "Failed", stats.failed_checks),
        ("canceledChecks", "Canceled", stats.canceled_checks),
    ]
    .into_iter()
    .map(|(key, label, n)| {
        html! {
            <tr data-testid="audit-stat" data-stat={key} data-value={n.map(|n| n.to_string()).unwrap_or_default()}>
                <th scope="row">{ label }</th><td class="num">{ count_text(n) }</td>
            </tr>
        }
    });

    let mut checks = g.checks.clone();
    sort_checks(&mut checks, *sort);
    let header = AuditColumn::ALL.iter().map(|&c| {
        let sort = sort.clone();
        let current = *sort;
        let onclick = Callback::from(move |_: MouseEvent| sort.set(current.toggled(c)));
        let active = current.column == c;
        let (aria, arrow) = match (active, current.descending) {
            (false, _) => ("none", ""),
            (true, true) => ("descending", " ▼"),
            (true, false) => ("ascending", " ▲"),
        };
        html! {
            <th scope="col" class={classes!("col", format!("col-{}", c.key()))} aria-sort={aria}>
                <button class="sort" data-testid="audit-sort" data-column={c.key()} {onclick}>{ c.label() }{ arrow }</button>
            </th>
        }
    });
    let body = checks.iter().map(|m| {
        let c = &m.rec;
        let d = &c.details;
        let name = c.name.to_string();
        let compliant = compliance_key(c);
        let run_status = d.check_run_status.as_deref().unwrap_or("").to_owned();
        let is_marked = marked.as_deref() == Some(name.as_str());
        let compliance_text = match compliant {
            "true" => "Compliant",
            "false" => "Non-compliant",
            _ => "—",
        };
        let extra = c
            .details
            .extra
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.summary()))
            .collect::<Vec<_>>();
        html! {
            <tr data-testid="audit-check" data-check={name.clone()} data-compliant={compliant}
                data-status={run_status.clone()}
                data-resources={d.total_resources_count.map(|n| n.to_string()).unwrap_or_default()}
                data-non-compliant={d.non_compliant_resources_count.map(|n| n.to_string()).unwrap_or_default()}
                data-suppressed={d.suppressed_non_compliant_resources_count.map(|n| n.to_string()).unwrap_or_default()}
                data-marked={is_marked.to_string()}
                class={classes!("audit-check", is_marked.then_some("marked"), (compliant == "false").then_some("non-compliant"))}>
                <th scope="row" class="col col-check" title={sources_text(&store.data, m)}><code>{ name.clone() }</code></th>
                <td class="col col-compliant"><span class={format!("compliance compliance-{compliant}")}>{ compliance_text }</span></td>
                <td class="col col-status">{ badge(&run_status, "—") }</td>
                <td class="col col-resources num">{ count_text(d.total_resources_count) }</td>
                <td class="col col-non-compliant num">{ count_text(d.non_compliant_resources_count) }</td>
                <td class="col col-suppressed num">{ count_text(d.suppressed_non_compliant_resources_count) }</td>
                <td class="col col-error">
                    if let Some(code) = d.error_code.as_deref() { <code class="error-code">{ code.to_owned() }</code>{ " " } }
                    if let Some(msg) = d.message.as_deref() { <span class="error-message">{ msg.to_owned() }</span> }
                    if d.error_code.is_none() && d.message.is_none() { <span class="muted">{ "—" }</span> }
                    if !extra.is_empty() {
                        <span class="sub muted" title="Members kept as written (unknown to the model, or of another type)">
                            { format!("Also: {}", extra.join("; ")) }
                        </span>
                    }
                </td>
            </tr>
        }
    });

    let bar_chart = chart(&g.checks);
    #[allow(clippy::cast_possible_truncation)]
    let height = (70 + 26 * bar_chart.bars.len().min(40)) as u32;
    let on_select = {
        let marked = marked.clone();
        Callback::from(move |key: String| marked.set(Some(key)))
    };
    let start_iso = t.task_start_time.map(|s| s.to_iso_utc()).unwrap_or_default();

    html! {
        <section class="audit-task" data-testid="audit-task" data-status={status.clone()}
            data-type={t.task_type.as_deref().unwrap_or("").to_owned()} data-start={start_iso}
            data-scheduled={t.scheduled_audit_name.as_deref().unwrap_or("").to_owned()} aria-label="Audit task">
            <div class="detail-head">
                { badge(&status, "(no status)") }
                <h3>{ task_label(t) }</h3>
            </div>
            <div class="audit-task-grid">
                <dl class="fields">
                    { field("Status", text(t.task_status.as_deref())) }
                    { field("Type", text(t.task_type.as_deref())) }
                    { field("Started", html! { <span data-testid="audit-start">{ format::time(t.task_start_time, p.tz) }</span> }) }
                    { field("Scheduled audit", text(t.scheduled_audit_name.as_deref())) }
                    { field("Checks loaded", html! { { g.checks.len() } }) }
                    { field("Read from", html! { { sources_text(&store.data, &g.task) } }) }
                    { for t.extra.iter().map(|(k, v)| field(k, html! { <code>{ v.summary() }</code> })) }
                </dl>
                <div>
                    <h4>{ "Statistics" }</h4>
                    if t.task_statistics.is_none() {
                        <p class="muted">{ "The task has no taskStatistics." }</p>
                    } else {
                        <table class="small counts-table" data-testid="audit-stats"><tbody>{ for stat_rows }</tbody></table>
                    }
                </div>
            </div>
            <h4>{ format!("Checks ({})", g.checks.len()) }</h4>
            if g.checks.is_empty() {
                <p class="muted" data-testid="audit-no-checks">{ "The task lists no checks (auditDetails) yet." }</p>
            } else {
                <div class="audit-chart" ref={wrap}>
                    <ChartCanvas chart={ChartSpec::Bars(bar_chart)} name="audit" width={*width} {height}
                        dark={super::theme::is_dark()} {on_select} />
                </div>
                <div class="table-wrap">
                    <table class="audit-checks" data-testid="audit-checks" aria-rowcount={g.checks.len().to_string()}>
                        <thead><tr>{ for header }</tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}

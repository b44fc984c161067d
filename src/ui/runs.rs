//! Assessment runs: a sortable table, the selected run's detail (timeline, notifications,
//! rules packages, agents, template and target), runs that are referenced but not described,
//! and every file's `failedItems`. The numbers come from [`crate::query`]'s run helpers.

use super::app::Store;
use super::chart_canvas::ChartCanvas;
use super::format;
use crate::chart::{ChartSpec, Timeline, TimelineStep};
use crate::ingest::{Dataset, Merged};
use crate::model::{Attribute, FieldValue, Severity, Timestamp};
use crate::query::{
    agents_of_run, duration_text, loaded_counts_of, run_rows, seconds_between, sort_rows, state_tone, summarize,
    telemetry_messages, timeline, Dim, RunColumn, RunRow, RunSort, RunsSummary, TimelineEntry,
};
use crate::state::{Action, Selection, TimeZone};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// Rows rendered before "show more" (runs are few; this only bounds pathological inputs).
const ROW_PAGE: usize = 500;

#[function_component(RunsView)]
pub fn runs_view() -> Html {
    let store = use_context::<Store>();
    let sort = use_state(RunSort::default);
    let limit = use_state(|| ROW_PAGE);
    let version = store.as_ref().map_or(0, |s| s.version);
    let data = store.as_ref().map(|s| s.data.clone()).unwrap_or_default();
    let rows: Rc<(Vec<RunRow>, RunsSummary)> = {
        let data = data.clone();
        use_memo((version, *sort), move |(_, sort)| {
            let mut rows = run_rows(&data);
            let summary = summarize(&data, &rows);
            sort_rows(&mut rows, *sort);
            (rows, summary)
        })
    };
    let Some(store) = store else { return html! {} };
    let (rows, summary) = (&rows.0, &rows.1);
    let tz = store.view.time_zone;
    let selected_arn = match &store.view.selected {
        Some(Selection::Run(arn)) => Some(arn.clone()),
        _ => None,
    };

    let header = RunColumn::ALL.iter().map(|&c| {
        let sort = sort.clone();
        let current = *sort;
        let onclick = Callback::from(move |_: MouseEvent| sort.set(current.toggled(c)));
        let active = current.column == c;
        let aria = match (active, current.descending) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        };
        let arrow = match (active, current.descending) {
            (false, _) => "",
            (true, true) => " ▼",
            (true, false) => " ▲",
        };
        let title = match c {
            RunColumn::Severity(s) => format!("{s} findings: reported by the run (findingCounts) / loaded from files"),
            RunColumn::Total => "All findings: reported by the run (findingCounts) / loaded from files".to_owned(),
            RunColumn::Duration => "durationInSeconds (set), and completedAt − startedAt (actual)".to_owned(),
            _ => String::new(),
        };
        html! {
            <th scope="col" class={classes!("col", format!("col-{}", c.key()))} aria-sort={aria}>
                <button class="sort" data-testid="run-sort" data-column={c.key()} title={title} {onclick}>
                    { c.label() }{ arrow }
                </button>
            </th>
        }
    });
    let select = {
        let store = store.clone();
        Callback::from(move |arn: String| store.dispatch(Action::Select(Some(Selection::Run(arn)))))
    };
    let body = rows.iter().take(*limit).map(|r| {
        let arn = r.arn.as_deref().unwrap_or("").to_owned();
        let selected = selected_arn.as_deref() == Some(arn.as_str()) && !arn.is_empty();
        html! { <RunRowView row={RunRowData(r.clone())} {selected} {tz} select={select.clone()} /> }
    });
    let more = rows.len().saturating_sub(*limit);
    let show_more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + ROW_PAGE))
    };

    html! {
        <div class="runs-view">
            <p class="runs-summary" data-testid="runs-summary" data-runs={summary.runs.to_string()}
                data-reported={summary.reported.to_string()} data-loaded={summary.loaded.to_string()}
                data-gaps={summary.with_gap.to_string()} data-failed-items={summary.failed_items.to_string()}>
                { summary.text() }
            </p>
            if rows.is_empty() {
                <p class="empty" data-testid="runs-empty">
                    { "No assessment runs in the loaded files. Open the output of " }
                    <code>{ "aws inspector describe-assessment-runs" }</code>{ " to see runs here." }
                </p>
            } else {
                <p class="runs-legend muted">
                    { "Finding counts read " }<strong>{ "reported / loaded" }</strong>
                    { ": what the run's findingCounts says, and how many of its findings the loaded files hold. Differences are highlighted." }
                </p>
                <div class="table-wrap runs-table-wrap">
                    <table class="runs-table" data-testid="runs-table" aria-rowcount={rows.len().to_string()}>
                        <thead><tr>{ for header }</tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                </div>
                if more > 0 {
                    <button class="button small" data-testid="runs-show-more" onclick={show_more}>
                        { format!("Show {} more ({more} runs not shown)", more.min(ROW_PAGE)) }
                    </button>
                }
            }
            if let Some(arn) = selected_arn {
                <RunDetail key={arn.clone()} arn={arn.clone()} />
            }
            <UndescribedRuns arns={summary.undescribed.iter().map(ToString::to_string).collect::<Vec<_>>()} />
            <FailedItems />
        </div>
    }
}

/// A row, compared by value (rows are rebuilt only when the data or the sort changes).
#[derive(Clone, PartialEq)]
struct RunRowData(RunRow);

#[derive(Properties, PartialEq)]
struct RowProps {
    row: RunRowData,
    selected: bool,
    tz: TimeZone,
    select: Callback<String>,
}

#[function_component(RunRowView)]
fn run_row_view(p: &RowProps) -> Html {
    let r = &p.row.0;
    let arn = r.arn.as_deref().unwrap_or("").to_owned();
    let onclick = {
        let select = p.select.clone();
        let arn = arn.clone();
        Callback::from(move |_: MouseEvent| {
            if !arn.is_empty() {
                select.emit(arn.clone());
            }
        })
    };
    let onkeydown = {
        let select = p.select.clone();
        let arn = arn.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.key() == "Enter" || e.key() == " ") && !arn.is_empty() {
                e.prevent_default();
                select.emit(arn.clone());
            }
        })
    };
    let state = r.state.as_deref().unwrap_or("").to_owned();
    let name = r.name.as_deref().map_or_else(
        || format!("(no name) {}", crate::query::arn_tail(&arn)),
        ToOwned::to_owned,
    );
    let joined = |text: &Option<String>, known: bool, arn: Option<&str>| {
        let title = match (known, arn) {
            (true, Some(a)) => a.to_owned(),
            (false, Some(a)) => format!("Not described in a loaded file: {a}"),
            _ => String::new(),
        };
        html! { <span class={classes!((!known).then_some("muted"))} {title}>{ text.clone().unwrap_or_else(|| "—".to_owned()) }</span> }
    };
    let counts = Severity::ALL.iter().map(|&s| {
        let rep = r.reported(s);
        let loaded = r.loaded.get(s);
        count_cell(
            &format!("col-{}", RunColumn::Severity(s).key()),
            rep,
            loaded,
            r.gap(s),
            Some(s),
        )
    });
    let duration = r.duration.map(duration_text);
    let actual = r.actual.map(duration_text);
    html! {
        <tr data-testid="run-row" data-arn={arn.clone()} data-state={state.clone()}
            data-reported={r.reported_total.map(|n| n.to_string()).unwrap_or_default()}
            data-loaded={r.loaded.total().to_string()}
            class={classes!("run-row", p.selected.then_some("selected"), r.total_gap().then_some("has-gap"))}
            aria-selected={p.selected.to_string()} tabindex="0" {onclick} {onkeydown}>
            <th scope="row" class="col col-name" title={arn.clone()}>{ name }</th>
            <td class="col col-state">{ state_badge(&state) }</td>
            <td class="col col-template">{ joined(&r.template, r.template_known, r.template_arn.as_deref()) }</td>
            <td class="col col-target">{ joined(&r.target, r.target_known, r.target_arn.as_deref()) }</td>
            <td class="col col-duration">
                { duration.unwrap_or_else(|| "—".to_owned()) }
                if let Some(a) = actual { <span class="sub muted">{ format!("actual {a}") }</span> }
            </td>
            <td class="col col-created">{ format::time(r.created_at, p.tz) }</td>
            <td class="col col-started">{ format::time(r.started_at, p.tz) }</td>
            <td class="col col-completed">{ format::time(r.completed_at, p.tz) }</td>
            { for counts }
            { count_cell("col-total", r.reported_total, r.loaded.total(), r.total_gap(), None) }
        </tr>
    }
}

/// `reported / loaded`, highlighted when they differ.
fn count_cell(class: &str, reported: Option<i64>, loaded: usize, gap: bool, severity: Option<Severity>) -> Html {
    let rep = reported.map_or_else(|| "—".to_owned(), |n| n.to_string());
    let title = match reported {
        Some(n) => format!("{n} reported in findingCounts, {loaded} loaded"),
        None => format!("no findingCounts; {loaded} loaded"),
    };
    html! {
        <td class={classes!("col", "num", "counts", class.to_owned(), gap.then_some("gap"))} {title}
            data-severity={severity.map(Severity::as_str)} data-reported={reported.map(|n| n.to_string())}
            data-loaded={loaded.to_string()}>
            <span class="reported">{ rep }</span><span class="sep">{ " / " }</span><span class="loaded">{ loaded }</span>
        </td>
    }
}

fn state_badge(state: &str) -> Html {
    let tone = state_tone(state);
    let text = if state.is_empty() { "(no state)" } else { state };
    html! { <span class={format!("state-badge tone-{tone}")} data-state={state.to_owned()}>{ text.to_owned() }</span> }
}

/// The name of a rules package, or say it is unknown.
fn package_label(data: &Dataset, arn: &str) -> String {
    data.package_name(arn)
        .map_or_else(|| format!("Unknown package ({arn})"), |n| n.to_string())
}

fn file_line(data: &Dataset, file: usize, line: u32) -> String {
    let name = data.files.get(file).map_or("?", |f| f.report.name.as_str());
    format!("{name}:{line}")
}

fn sources_text<T>(data: &Dataset, m: &Merged<T>) -> String {
    m.sources
        .iter()
        .map(|s| file_line(data, s.file, s.line))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    arn: String,
}

/// Everything about one run (also one that is only referenced, with what is known of it).
#[function_component(RunDetail)]
fn run_detail(p: &DetailProps) -> Html {
    let store = use_context::<Store>();
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(p.arn.clone(), move |_| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    }
    let Some(store) = store else { return html! {} };
    let data = store.data.clone();
    let tz = store.view.time_zone;
    let arn = p.arn.clone();
    let merged = data.run(&arn);
    let loaded = loaded_counts_of(&data, &arn);

    let close = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Select(None)))
    };
    let show_findings = {
        let store = store.clone();
        let arn = arn.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::OnlyFacet(Dim::Run, arn.clone())))
    };
    let field =
        |label: &str, value: Html| html! { <div class="field"><dt>{ label.to_owned() }</dt><dd>{ value }</dd></div> };
    let text = |s: Option<&str>| -> Html {
        html! { { s.unwrap_or("—").to_owned() } }
    };
    let time = |t: Option<Timestamp>| -> Html {
        html! { { format::time(t, tz) } }
    };

    let agents = agents_of_run(&data, &arn);
    let agents_html = agents_table(&data, &agents);
    let findings_button = html! {
        <button class="button small primary" data-testid="run-findings" onclick={show_findings}
            title="Show the Findings tab filtered to this run">
            { format!("Show this run's findings ({})", loaded.total()) }
        </button>
    };

    let Some(m) = merged else {
        return html! {
            <section class="run-detail" data-testid="run-detail" data-arn={arn.clone()} data-described="false" ref={node}
                aria-label="Assessment run">
                <div class="detail-head">
                    <h3>{ crate::query::arn_tail(&arn).to_owned() }</h3>
                    <button class="icon-button" aria-label="Close run detail" data-testid="close-run-detail" onclick={close}>{ "×" }</button>
                </div>
                <p class="notice">{ "No loaded file describes this run (DescribeAssessmentRuns). What the other files say about it:" }</p>
                <div class="detail-actions">{ findings_button }</div>
                <dl class="fields">
                    { field("ARN", html! { <code>{ arn.clone() }</code> }) }
                    { field("Findings loaded", html! { { loaded.total() } }) }
                </dl>
                <h4>{ format!("Agents ({})", agents.len()) }</h4>
                { agents_html }
            </section>
        };
    };
    let r = &m.rec;
    let state = r.state.as_deref().unwrap_or("").to_owned();
    let template = data.template_of_run(r);
    let target = template.and_then(|t| data.target_of_template(&t.rec));
    let steps = timeline(r);

    // Findings: reported vs loaded, per severity.
    let reported = |s: Severity| r.finding_counts.as_ref().map(|c| c.get(s));
    let count_rows = Severity::ALL.iter().map(|&s| {
        let rep = reported(s);
        let got = loaded.get(s);
        let gap = rep.is_some_and(|n| usize::try_from(n).ok() != Some(got));
        html! {
            <tr class={classes!(gap.then_some("gap"))} data-testid="run-severity-count" data-severity={s.as_str()}
                data-reported={rep.map(|n| n.to_string())} data-loaded={got.to_string()}>
                <th scope="row"><span class={format::severity_class(s.as_str())}>{ s.as_str() }</span></th>
                <td class="num">{ rep.map_or_else(|| "—".to_owned(), |n| n.to_string()) }</td>
                <td class="num">{ got }</td>
            </tr>
        }
    });
    let other_keys: Vec<String> = r
        .finding_counts
        .as_ref()
        .map(|c| {
            c.0.iter()
                .filter(|(k, _)| Severity::parse(k).is_none())
                .map(|(k, v)| format!("{k}: {v}"))
                .collect()
        })
        .unwrap_or_default();

    let packages = r.rules_package_arns.as_deref().unwrap_or_default().iter().map(|a| {
        let known = data.package_name(a).is_some();
        html! {
            <li data-testid="run-package" data-arn={a.to_string()} class={classes!((!known).then_some("muted"))} title={a.to_string()}>
                { package_label(&data, a) }
            </li>
        }
    });
    let user_attrs = attr_rows(r.user_attributes_for_findings.as_deref().unwrap_or_default());

    let notifications = r.notifications.as_deref().unwrap_or_default().iter().map(|n| {
        let error = n.error.map_or("—", |e| if e { "yes" } else { "no" });
        html! {
            <tr data-testid="run-notification" data-event={n.event.as_deref().unwrap_or("").to_owned()}
                class={classes!(n.error.unwrap_or(false).then_some("gap"))}>
                <td>{ format::time(n.date, tz) }</td>
                <td>{ n.event.as_deref().unwrap_or("—").to_owned() }</td>
                <td>{ error }</td>
                <td class="break">{ n.sns_topic_arn.as_deref().unwrap_or("—").to_owned() }</td>
                <td>{ n.sns_publish_status_code.as_deref().unwrap_or("—").to_owned() }</td>
                <td class="break">{ n.message.as_deref().unwrap_or("").to_owned() }</td>
            </tr>
        }
    });
    let n_notifications = r.notifications.as_ref().map_or(0, Vec::len);

    let template_html = match template {
        Some(t) => {
            let t = &t.rec;
            html! {
                <dl class="fields" data-testid="run-template">
                    { field("Name", text(t.name.as_deref())) }
                    { field("ARN", html! { <code class="break">{ text(t.arn.as_deref()) }</code> }) }
                    { field("Duration", html! { { t.duration_in_seconds.map_or_else(|| "—".to_owned(), duration_text) } }) }
                    { field("Rules packages", html! { { t.rules_package_arns.as_deref().unwrap_or_default().iter().map(|a| package_label(&data, a)).collect::<Vec<_>>().join(", ") } }) }
                    { field("Runs", html! { { t.assessment_run_count.map_or_else(|| "—".to_owned(), |n| n.to_string()) } }) }
                    { field("Last run", html! { <code class="break">{ text(t.last_assessment_run_arn.as_deref()) }</code> }) }
                    { field("Created", time(t.created_at)) }
                </dl>
            }
        }
        None => html! {
            <p class="muted" data-testid="run-template">
                { "Not described in a loaded file (DescribeAssessmentTemplates)" }
                { r.assessment_template_arn.as_deref().map(|a| format!(": {a}")).unwrap_or_default() }
            </p>
        },
    };
    let target_arn = template.and_then(|t| t.rec.assessment_target_arn.clone());
    let target_html = match target {
        Some(t) => {
            let t = &t.rec;
            let group = t
                .resource_group_arn
                .as_deref()
                .and_then(|g| data.resource_groups.iter().find(|x| x.rec.arn.as_deref() == Some(g)));
            let tags = group
                .and_then(|g| g.rec.tags.as_deref())
                .unwrap_or_default()
                .iter()
                .map(|t| {
                    format!(
                        "{}={}",
                        t.key.as_deref().unwrap_or(""),
                        t.value.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            html! {
                <dl class="fields" data-testid="run-target">
                    { field("Name", text(t.name.as_deref())) }
                    { field("ARN", html! { <code class="break">{ text(t.arn.as_deref()) }</code> }) }
                    { field("Resource group", html! { <code class="break">{ text(t.resource_group_arn.as_deref()) }</code> }) }
                    if !tags.is_empty() { { field("Resource group tags", html! { { tags } }) } }
                    { field("Created", time(t.created_at)) }
                    { field("Updated", time(t.updated_at)) }
                </dl>
            }
        }
        None => html! {
            <p class="muted" data-testid="run-target">
                { "Not described in a loaded file (DescribeAssessmentTargets)" }
                { target_arn.as_deref().map(|a| format!(": {a}")).unwrap_or_default() }
            </p>
        },
    };

    let issues = data.record_issues(&m.sources, &arn);
    let raw = r.write().to_pretty(2);
    let name = r
        .name
        .as_deref()
        .map_or_else(|| crate::query::arn_tail(&arn).to_owned(), ToOwned::to_owned);
    let actual = r.started_at.zip(r.completed_at).map(|(s, c)| seconds_between(s, c));

    html! {
        <section class="run-detail" data-testid="run-detail" data-arn={arn.clone()} data-described="true"
            data-state={state.clone()} ref={node} aria-label="Assessment run">
            <div class="detail-head">
                { state_badge(&state) }
                <h3>{ name }</h3>
                <button class="icon-button" aria-label="Close run detail" data-testid="close-run-detail" onclick={close}>{ "×" }</button>
            </div>
            <div class="detail-actions">{ findings_button }</div>
            <div class="run-detail-grid">
                <div>
                    <dl class="fields">
                        { field("ARN", html! { <code class="break">{ arn.clone() }</code> }) }
                        { field("Name", text(r.name.as_deref())) }
                        { field("State", text(r.state.as_deref())) }
                        { field("Template", text(template.and_then(|t| t.rec.name.as_deref()).or(r.assessment_template_arn.as_deref()))) }
                        { field("Target", text(target.and_then(|t| t.rec.name.as_deref()).or(target_arn.as_deref()))) }
                        { field("Duration (set)", html! { { r.duration_in_seconds.map_or_else(|| "—".to_owned(), duration_text) } }) }
                        { field("Duration (actual)", html! { { actual.map_or_else(|| "—".to_owned(), duration_text) } }) }
                        { field("Created", time(r.created_at)) }
                        { field("Started", time(r.started_at)) }
                        { field("Completed", time(r.completed_at)) }
                        { field("State changed", time(r.state_changed_at)) }
                        { field("Data collected", html! { { r.data_collected.map_or("—", |d| if d { "yes" } else { "no" }) } }) }
                        { field("Read from", html! { { sources_text(&data, m) } }) }
                    </dl>
                </div>
                <div>
                    <h4>{ "Findings: reported / loaded" }</h4>
                    <table class="small counts-table" data-testid="run-counts">
                        <thead><tr><th scope="col">{ "Severity" }</th><th scope="col">{ "Reported" }</th><th scope="col">{ "Loaded" }</th></tr></thead>
                        <tbody>
                            { for count_rows }
                            if loaded.other > 0 {
                                <tr class="gap"><th scope="row">{ "Other / missing severity" }</th><td class="num">{ "—" }</td><td class="num">{ loaded.other }</td></tr>
                            }
                            <tr class="total">
                                <th scope="row">{ "Total" }</th>
                                <td class="num">{ r.finding_counts.as_ref().map_or_else(|| "—".to_owned(), |c| c.total().to_string()) }</td>
                                <td class="num">{ loaded.total() }</td>
                            </tr>
                        </tbody>
                    </table>
                    if r.finding_counts.is_none() { <p class="muted">{ "The run has no findingCounts." }</p> }
                    if !other_keys.is_empty() { <p class="muted">{ format!("Other findingCounts keys: {}", other_keys.join(", ")) }</p> }
                </div>
            </div>

            <h4>{ format!("State changes ({})", steps.len()) }</h4>
            <StateTimeline steps={steps.clone()} {tz} />

            <h4>{ format!("Notifications ({n_notifications})") }</h4>
            if n_notifications == 0 {
                <p class="muted">{ "None" }</p>
            } else {
                <div class="table-wrap" tabindex="0"><table class="small" data-testid="run-notifications">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Event" }</th><th scope="col">{ "Error" }</th>
                        <th scope="col">{ "SNS topic" }</th><th scope="col">{ "SNS status" }</th><th scope="col">{ "Message" }</th>
                    </tr></thead>
                    <tbody>{ for notifications }</tbody>
                </table></div>
            }

            <h4>{ format!("Rules packages ({})", r.rules_package_arns.as_ref().map_or(0, Vec::len)) }</h4>
            <ul class="packages">{ for packages }</ul>

            <h4>{ "User attributes for findings" }</h4>
            { user_attrs }

            <h4>{ "Template" }</h4>
            { template_html }
            <h4>{ "Target" }</h4>
            { target_html }

            <h4>{ format!("Agents ({})", agents.len()) }</h4>
            { agents_html }

            if !r.extra.is_empty() {
                <h4>{ "Members kept as written (unknown to the model, or of another type)" }</h4>
                <table class="kv">{ for r.extra.iter().map(|(k, v)| html! { <tr><th scope="row">{ k.to_string() }</th><td><code>{ v.summary() }</code></td></tr> }) }</table>
            }
            <h4>{ format!("Validation issues ({})", issues.len()) }</h4>
            <ul class="issues">{ for issues.iter().map(|(file, i)| html! {
                <li class={format!("issue level-{}", i.level.as_str())}>
                    <span class="level">{ i.level.as_str() }</span>{ " " }<code>{ i.rule.as_str() }</code>{ " " }
                    <code>{ i.path.clone() }</code>{ format!(" ({file} {}:{}) ", i.line, i.column) }{ i.message.clone() }
                </li>
            }) }</ul>
            <details class="raw">
                <summary>{ "Raw JSON (as read, re-serialised)" }</summary>
                <pre data-testid="run-raw-json">{ raw }</pre>
            </details>
        </section>
    }
}

fn attr_rows(attrs: &[Attribute]) -> Html {
    if attrs.is_empty() {
        return html! { <p class="muted">{ "None" }</p> };
    }
    let rows = attrs.iter().map(|a| {
        html! {
            <tr data-testid="run-user-attribute">
                <th scope="row">{ a.key.as_deref().unwrap_or("").to_owned() }</th>
                <td>{ a.value.as_deref().unwrap_or("").to_owned() }</td>
            </tr>
        }
    });
    html! { <table class="kv">{ for rows }</table> }
}

fn agents_table(data: &Dataset, agents: &[&Merged<crate::model::AssessmentRunAgent>]) -> Html {
    if agents.is_empty() {
        return html! { <p class="muted">{ "No agents listed for this run (ListAssessmentRunAgents)." }</p> };
    }
    let rows = agents.iter().map(|m| {
        let a = &m.rec;
        let health = a.agent_health.as_deref().unwrap_or("").to_owned();
        let tone = match health.as_str() {
            "HEALTHY" => "good",
            "UNHEALTHY" => "bad",
            "" => "unknown",
            _ => "active",
        };
        let telemetry = a.telemetry_metadata.as_deref().unwrap_or_default();
        let by_type = telemetry
            .iter()
            .map(|t| format!("{}: {}", t.message_type.as_deref().unwrap_or("?"), t.count.map_or_else(|| "?".to_owned(), |c| c.to_string())))
            .collect::<Vec<_>>()
            .join(", ");
        html! {
            <tr data-testid="run-agent" data-agent={a.agent_id.as_deref().unwrap_or("").to_owned()} data-health={health.clone()}>
                <td><code>{ a.agent_id.as_deref().unwrap_or("—").to_owned() }</code></td>
                <td><span class={format!("state-badge tone-{tone}")}>{ if health.is_empty() { "—".to_owned() } else { health.clone() } }</span></td>
                <td>{ a.agent_health_code.as_deref().unwrap_or("—").to_owned() }</td>
                <td class="break">{ a.agent_health_details.as_deref().unwrap_or("").to_owned() }</td>
                <td>{ a.auto_scaling_group.as_deref().unwrap_or("—").to_owned() }</td>
                <td class="num" title={by_type}>{ telemetry_messages(a).map_or_else(|| "—".to_owned(), |n| n.to_string()) }</td>
                <td class="muted">{ sources_text(data, m) }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap" tabindex="0"><table class="small" data-testid="run-agents">
            <thead><tr>
                <th scope="col">{ "Agent" }</th><th scope="col">{ "Health" }</th><th scope="col">{ "Health code" }</th>
                <th scope="col">{ "Details" }</th><th scope="col">{ "Auto Scaling group" }</th>
                <th scope="col">{ "Telemetry messages" }</th><th scope="col">{ "Source" }</th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table></div>
    }
}

#[derive(Properties, PartialEq)]
struct TimelineProps {
    steps: Vec<TimelineEntry>,
    tz: TimeZone,
}

/// The timed state changes as a [`Timeline`] chart.
fn timeline_chart(entries: &[TimelineEntry]) -> Timeline {
    Timeline {
        title: "State changes (UTC)".to_owned(),
        steps: entries
            .iter()
            .filter_map(|e| e.at.map(|t| TimelineStep::new(t.as_secs_f64(), e.state.clone())))
            .collect(),
    }
}

/// The state changes: a timeline chart (click a segment to mark its state in the list) and an
/// ordered list with every time (in the app's time zone) and how long each state lasted.
#[function_component(StateTimeline)]
fn state_timeline(p: &TimelineProps) -> Html {
    let wrap = use_node_ref();
    let width = use_state_eq(|| 720u32);
    let marked = use_state_eq(|| None::<String>);
    {
        let wrap = wrap.clone();
        let width = width.clone();
        use_effect_with((), move |()| {
            let measure = move || {
                if let Some(el) = wrap.cast::<web_sys::Element>() {
                    if let Ok(w) = u32::try_from(el.client_width()) {
                        if w >= 120 {
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
    if p.steps.is_empty() {
        return html! { <p class="muted" data-testid="run-timeline-empty">{ "The run has no stateChanges." }</p> };
    }
    let chart = timeline_chart(&p.steps);
    let on_select = {
        let marked = marked.clone();
        Callback::from(move |state: String| marked.set(Some(state)))
    };
    let items = p.steps.iter().enumerate().map(|(i, e)| {
        let tone = state_tone(&e.state);
        let mark = marked.as_deref() == Some(e.state.as_str());
        let lasted = match e.lasted {
            Some(s) => format!("for {}", duration_text(s)),
            None if i + 1 == p.steps.len() => "final state".to_owned(),
            None => String::new(),
        };
        html! {
            <li data-testid="run-state-change" data-state={e.state.clone()} class={classes!(mark.then_some("marked"))}
                data-at={e.at.map(|t| t.to_iso_utc()).unwrap_or_default()}>
                <span class="when">{ format::time(e.at, p.tz) }</span>
                <span class={format!("state-badge tone-{tone}")}>{ e.state.clone() }</span>
                <span class="lasted muted">{ lasted }</span>
            </li>
        }
    });
    html! {
        <div class="state-timeline" data-testid="run-timeline" ref={wrap}>
            if !chart.steps.is_empty() {
                <ChartCanvas chart={ChartSpec::Timeline(chart)} name="run-timeline" width={*width} height={170}
                    dark={super::theme::is_dark()} {on_select} />
            }
            <ol class="timeline-list">{ for items }</ol>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct UndescribedProps {
    arns: Vec<String>,
}

/// Runs that findings, agents or ListAssessmentRuns name, but no DescribeAssessmentRuns file describes.
#[function_component(UndescribedRuns)]
fn undescribed_runs(p: &UndescribedProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    if p.arns.is_empty() {
        return html! {};
    }
    let items = p.arns.iter().map(|arn| {
        let open = {
            let store = store.clone();
            let arn = arn.clone();
            Callback::from(move |_: MouseEvent| store.dispatch(Action::Select(Some(Selection::Run(arn.clone())))))
        };
        html! {
            <li data-testid="undescribed-run" data-arn={arn.clone()}>
                <button class="link" onclick={open} title="Show what is known of this run">{ crate::query::arn_tail(arn).to_owned() }</button>
                <code class="muted break">{ arn.clone() }</code>
            </li>
        }
    });
    html! {
        <details class="undescribed-runs" data-testid="undescribed-runs">
            <summary>{ format!("{} runs referenced but not described", p.arns.len()) }</summary>
            <p class="muted">{ "Findings, agents or ListAssessmentRuns output name these runs, but no loaded DescribeAssessmentRuns output describes them." }</p>
            <ul>{ for items }</ul>
        </details>
    }
}

/// `failedItems` of every file's Describe* responses (each listing once, with every source).
#[function_component(FailedItems)]
fn failed_items() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let data = store.data.clone();
    let n = data.failed_items.len();
    let rows = data.failed_items.iter().map(|m| {
        let f = &m.rec;
        let code = f.details.failure_code.as_deref().unwrap_or("").to_owned();
        let retryable = f.details.retryable.map_or("—", |r| if r { "yes" } else { "no" });
        html! {
            <tr data-testid="failed-item" data-arn={f.arn.to_string()} data-code={code.clone()}
                data-operation={f.operation.name()}>
                <td class="break"><code>{ f.arn.to_string() }</code></td>
                <td>{ if code.is_empty() { "—".to_owned() } else { code.clone() } }</td>
                <td>{ retryable }</td>
                <td>{ f.operation.name() }</td>
                <td>{ sources_text(&data, m) }</td>
            </tr>
        }
    });
    html! {
        <section class="failed-items" data-testid="failed-items" data-count={n.to_string()}>
            <h3>{ format!("Failed items ({n})") }</h3>
            if n == 0 {
                <p class="muted">{ "No failedItems in the loaded files." }</p>
            } else {
                <p class="muted">{ "Items that a Describe* call could not describe, from the failedItems of every loaded file." }</p>
                <div class="table-wrap" tabindex="0"><table class="small">
                    <thead><tr>
                        <th scope="col">{ "ARN" }</th><th scope="col">{ "Failure code" }</th><th scope="col">{ "Retryable" }</th>
                        <th scope="col">{ "Operation" }</th><th scope="col">{ "Source (file:line)" }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table></div>
            }
        </section>
    }
}

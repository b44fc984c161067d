//! The findings report: a printable page rebuilt from the data (`query::report`), in the spirit
//! of Inspector Classic's "findings report": runs in scope, instances evaluated, then every rule
//! with each instance that has it.
//!
//! Printing: the app's chrome is hidden by the print stylesheet (`static/report-triage.css`);
//! "Landscape" adds a class to the report root that a print rule turns into a named landscape
//! `@page` (an `@page` size cannot be set from an element's style).

use super::app::Store;
use super::format;
use crate::model::Severity;
use crate::query::report::{FindingsReport, ReportRule};
use crate::query::{build_report, duration_text, Dim};
use crate::state::{Action, Tab, TimeZone};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// Rules rendered before "Show all" (a report of 100k findings is not for the screen).
const RULES_SHOWN: usize = 400;

/// The entry to the report, next to the tabs.
#[function_component(ReportButton)]
pub fn report_button() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let active = store.view.tab == Tab::Report;
    let onclick = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Tab(Tab::Report)))
    };
    html! {
        <button role="tab" aria-selected={active.to_string()} class={classes!("tab", "report-entry", active.then_some("active"))}
            data-testid="findings-report" title="A printable report of the findings in view, grouped by rule" {onclick}>
            { "Report" }
        </button>
    }
}

#[function_component(ReportView)]
pub fn report_view() -> Html {
    let store = use_context::<Store>();
    let landscape = use_state(|| false);
    let use_filters = use_state(|| true);
    let show_all = use_state(|| false);
    let Some(store) = store else {
        return html! {};
    };
    let result = super::findings::use_query(&store);
    let report: Rc<FindingsReport> = {
        let data = store.data.clone();
        let runs = store.view.filters.selected.get(&Dim::Run).cloned();
        use_memo(
            (store.version, store.triage_version, result.clone(), runs, *use_filters),
            move |(_, _, result, runs, use_filters)| {
                if *use_filters {
                    build_report(&data, &result.rows, runs.as_ref())
                } else {
                    let all: Vec<u32> = (0..u32::try_from(data.findings.len()).unwrap_or(u32::MAX)).collect();
                    build_report(&data, &all, None)
                }
            },
        )
    };
    let tz = store.view.time_zone;
    let total = store.data.findings.len();
    let filtered = *use_filters && !store.view.filters.is_empty();

    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let on_landscape = {
        let landscape = landscape.clone();
        Callback::from(move |_: Event| landscape.set(!*landscape))
    };
    let on_filters = {
        let use_filters = use_filters.clone();
        Callback::from(move |_: Event| use_filters.set(!*use_filters))
    };
    let on_back = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Tab(Tab::Findings)))
    };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    let now = super::triage::now();
    let scope = if filtered {
        format!(
            "Findings matching the findings view's filters: {} of {total}.",
            report.findings
        )
    } else {
        format!("All {total} loaded findings.")
    };
    let rules_shown = if *show_all {
        report.rules.len()
    } else {
        report.rules.len().min(RULES_SHOWN)
    };
    html! {
        <article class={classes!("report", landscape.then_some("landscape"))} data-testid="report"
            data-findings={report.findings.to_string()} aria-label="Findings report">
            <div class="report-toolbar" role="toolbar" aria-label="Report">
                <button class="button primary" data-testid="report-print" onclick={on_print}>{ "Print…" }</button>
                <label class="inline"><input type="checkbox" data-testid="report-landscape" checked={*landscape} onchange={on_landscape} />{ " Landscape" }</label>
                <label class="inline" title="Off: every loaded finding and run">
                    <input type="checkbox" data-testid="report-use-filters" checked={*use_filters} onchange={on_filters} />
                    { " Only what the findings view's filters match" }
                </label>
                <span class="spacer" />
                <button class="button" data-testid="report-close" onclick={on_back}>{ "Back to findings" }</button>
            </div>
            <header class="report-head">
                <h2>{ "Amazon Inspector findings report" }</h2>
                <p class="muted">
                    { format!("Rebuilt from {} loaded file(s) on {}. ", store.files.len(), format::time(Some(now), tz)) }
                    <span data-testid="report-scope">{ scope }</span>
                </p>
            </header>
            <Summary report={report.clone()} />
            <Runs report={report.clone()} tz={tz} />
            <Instances report={report.clone()} />
            <section class="report-section major" data-testid="report-section" data-section="findings">
                <h3>{ format!("Findings by rule ({} rules, {} findings)", report.rules.len(), report.findings) }</h3>
                if report.rules.is_empty() { <p class="muted">{ "No findings in scope." }</p> }
                { for report.rules.iter().take(rules_shown).map(|r| html! { <RuleBlock rule={Rc::new(r.clone())} /> }) }
                if rules_shown < report.rules.len() {
                    <p class="report-more">
                        { format!("{} more rules are not shown. ", report.rules.len() - rules_shown) }
                        <button class="button small" data-testid="report-show-all" onclick={on_show_all}>{ "Show all" }</button>
                    </p>
                }
            </section>
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct ReportProps {
    report: Rc<FindingsReport>,
}

const SEVERITY_LABELS: [&str; 6] = ["High", "Medium", "Low", "Informational", "Undefined", "(missing)"];

#[function_component(Summary)]
fn summary(p: &ReportProps) -> Html {
    let r = &p.report;
    let shown: Vec<usize> = (0..6).filter(|&i| i < 5 || r.by_severity[i] > 0).collect();
    let rules_with_instances = r.rules.iter().filter(|x| !x.instances.is_empty()).count();
    let with_findings = r.instances.iter().filter(|i| i.findings > 0).count();
    html! {
        <section class="report-section" data-testid="report-section" data-section="summary">
            <h3>{ "Summary" }</h3>
            <table class="report-table report-severities">
                <thead><tr>
                    { for shown.iter().map(|&i| html! { <th scope="col">{ SEVERITY_LABELS[i] }</th> }) }
                    <th scope="col">{ "Total" }</th>
                </tr></thead>
                <tbody><tr>
                    { for shown.iter().map(|&i| html! {
                        <td class="num" data-testid="report-severity" data-severity={SEVERITY_LABELS[i]} data-count={r.by_severity[i].to_string()}>
                            <span class={format::severity_class(SEVERITY_LABELS[i])}>{ r.by_severity[i] }</span>
                        </td>
                    }) }
                    <td class="num" data-testid="report-total" data-count={r.findings.to_string()}><strong>{ r.findings }</strong></td>
                </tr></tbody>
            </table>
            <ul class="report-facts">
                <li data-testid="report-fact" data-fact="runs" data-count={r.runs.len().to_string()}>
                    { format!("{} assessment run(s){}", r.runs.len(), if r.runs_selected { " (selected by the run filter)" } else { "" }) }
                </li>
                <li data-testid="report-fact" data-fact="instances" data-count={r.instances.len().to_string()}>
                    { format!("{} instance(s) evaluated, {with_findings} with findings", r.instances.len()) }
                </li>
                <li data-testid="report-fact" data-fact="rules" data-count={r.rules.len().to_string()}>
                    { format!("{} rule(s) with findings ({rules_with_instances} on named instances)", r.rules.len()) }
                </li>
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RunsProps {
    report: Rc<FindingsReport>,
    tz: TimeZone,
}

#[function_component(Runs)]
fn runs(p: &RunsProps) -> Html {
    let tz = p.tz;
    let rows = p.report.runs.iter().map(|r| {
        let opt = |s: Option<&str>| s.unwrap_or("—").to_owned();
        let duration = match (r.duration, r.actual) {
            (Some(d), Some(a)) => format!("{} set · {} actual", duration_text(d), duration_text(a)),
            (Some(d), None) => format!("{} set", duration_text(d)),
            (None, Some(a)) => format!("{} actual", duration_text(a)),
            (None, None) => "—".to_owned(),
        };
        let counts = Severity::ALL.iter().map(|s| {
            let i = usize::from(s.rank());
            let reported = r.reported.map(|x| x[i]);
            let text = match reported {
                Some(rep) if usize::try_from(rep).ok() != Some(r.in_report[i]) => format!("{} (run: {rep})", r.in_report[i]),
                _ => r.in_report[i].to_string(),
            };
            html! { <td class="num" data-severity={s.as_str()} data-count={r.in_report[i].to_string()}>{ text }</td> }
        });
        html! {
            <tr data-testid="report-run" data-arn={r.arn.to_string()} data-described={r.described.to_string()}>
                <th scope="row" class="report-wrap">{ r.label() }
                    if !r.described { <span class="muted">{ " (not described by a loaded file)" }</span> }</th>
                <td class="report-wrap">{ opt(r.template.as_deref()) }<br /><span class="muted">{ opt(r.target.as_deref()) }</span></td>
                <td>{ opt(r.state.as_deref()) }</td>
                <td>{ format::time(r.started_at.or(r.created_at), tz) }<br /><span class="muted">{ format::time(r.completed_at, tz) }</span></td>
                <td>{ duration }</td>
                <td class="report-wrap"><ul class="report-list">{ for r.packages.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul></td>
                <td class="num">{ r.agents }</td>
                { for counts }
            </tr>
        }
    });
    html! {
        <section class="report-section major" data-testid="report-section" data-section="runs">
            <h3>{ format!("Assessment runs ({})", p.report.runs.len()) }</h3>
            <table class="report-table">
                <thead><tr>
                    <th scope="col">{ "Run" }</th><th scope="col">{ "Template / target" }</th><th scope="col">{ "State" }</th>
                    <th scope="col">{ "Started / completed" }</th><th scope="col">{ "Duration" }</th><th scope="col">{ "Rules packages" }</th>
                    <th scope="col">{ "Agents" }</th>
                    { for Severity::ALL.iter().map(|s| html! { <th scope="col">{ s.as_str() }</th> }) }
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="muted report-note">{ "Finding counts are the findings in this report; “run:” shows the run's own findingCounts where they differ." }</p>
        </section>
    }
}

#[function_component(Instances)]
fn instances(p: &ReportProps) -> Html {
    let rows = p.report.instances.iter().map(|i| {
        let opt = |s: Option<&str>| s.unwrap_or("—").to_owned();
        let ips: Vec<&str> = i.ips.iter().map(|s| &**s).collect();
        html! {
            <tr data-testid="report-instance" data-instance={i.id.to_string()} data-findings={i.findings.to_string()}>
                <th scope="row"><code>{ i.id.to_string() }</code></th>
                <td>{ opt(i.name.as_deref()) }</td>
                <td class="report-wrap">{ opt(i.hostname.as_deref()) }</td>
                <td>{ if ips.is_empty() { "—".to_owned() } else { ips.join(", ") } }</td>
                <td>{ opt(i.ami.as_deref()) }</td>
                <td>{ opt(i.asg.as_deref()) }</td>
                <td>{ if i.health.is_empty() { "—".to_owned() } else { i.health.join(", ") } }</td>
                <td class="num">{ i.findings }</td>
            </tr>
        }
    });
    html! {
        <section class="report-section major" data-testid="report-section" data-section="instances">
            <h3>{ format!("Instances evaluated ({})", p.report.instances.len()) }</h3>
            <table class="report-table">
                <thead><tr>
                    <th scope="col">{ "Instance" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Hostname" }</th>
                    <th scope="col">{ "IP" }</th><th scope="col">{ "AMI" }</th><th scope="col">{ "Auto Scaling group" }</th>
                    <th scope="col">{ "Agent health" }</th><th scope="col">{ "Findings" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="muted report-note">{ "From the findings' asset attributes and, where loaded, ListAssessmentRunAgents of the runs in scope." }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RuleProps {
    rule: Rc<ReportRule>,
}

#[function_component(RuleBlock)]
fn rule_block(p: &RuleProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let r = &p.rule;
    let severity = r.severity.map_or("(missing)", Severity::as_str);
    let mixed: Vec<String> = (0..6)
        .filter(|&i| r.by_severity[i] > 0)
        .map(|i| format!("{} {}", r.by_severity[i], SEVERITY_LABELS[i]))
        .collect();
    let variants = |n: usize| {
        if n > 1 {
            html! { <span class="muted">{ format!(" (the most common of {n} variants; each finding's own text is in its detail)") }</span> }
        } else {
            html! {}
        }
    };
    let rows = r.instances.iter().map(|i| {
        let mut statuses: BTreeSet<u8> = BTreeSet::new();
        statuses.extend(i.findings.iter().map(|&f| store.triage_matches.code(f as usize)));
        let id = if i.id.is_empty() { "(no instance id)".to_owned() } else { i.id.to_string() };
        html! {
            <tr data-testid="report-rule-instance" data-instance={i.id.to_string()} data-findings={i.findings.len().to_string()}>
                <th scope="row"><code>{ id }</code></th>
                <td>{ i.name.as_deref().unwrap_or("—") }</td>
                <td class="report-wrap">{ i.hostname.as_deref().unwrap_or("—") }</td>
                <td>{ i.ip.as_deref().unwrap_or("—") }</td>
                <td class="report-wrap">{ i.runs.join(", ") }</td>
                <td>{ i.ports.join(", ") }</td>
                <td>{ for statuses.into_iter().map(super::triage::badge) }</td>
            </tr>
        }
    });
    html! {
        <article class="report-rule" data-testid="report-rule" data-rule={r.rule_id.as_deref().unwrap_or("").to_owned()}
            data-package={r.package_arn.as_deref().unwrap_or("").to_owned()} data-severity={severity}
            data-count={r.findings.to_string()} data-instances={r.instances.len().to_string()}>
            <header class="report-rule-head">
                <span class={format::severity_class(severity)}>{ severity }</span>
                <h4>{ if r.title.is_empty() { "(no title)".to_owned() } else { r.title.clone() } }</h4>
                <p class="report-rule-meta muted">
                    { "Rule " }<code>{ r.rule_id.as_deref().unwrap_or("(no rule id)") }</code>
                    { format!(" · {} · {} finding(s) on {} instance(s)", if r.package.is_empty() { "(no rules package)" } else { &r.package }, r.findings, r.instances.len()) }
                    if mixed.len() > 1 { { format!(" · {}", mixed.join(", ")) } }
                </p>
            </header>
            <dl class="report-text">
                <dt>{ "Description" }</dt>
                <dd>{ r.description.as_deref().unwrap_or("—") }{ variants(r.description_variants) }</dd>
                <dt>{ "Recommendation" }</dt>
                <dd>{ r.recommendation.as_deref().unwrap_or("—") }{ variants(r.recommendation_variants) }</dd>
            </dl>
            <table class="report-table report-rule-instances">
                <thead><tr>
                    <th scope="col">{ "Instance" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Hostname" }</th>
                    <th scope="col">{ "IP" }</th><th scope="col">{ "Run(s)" }</th><th scope="col">{ "Port" }</th><th scope="col">{ "Triage" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </article>
    }
}

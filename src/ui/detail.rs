//! The finding detail: every field, its issues, its sources, raw JSON, copy and filter actions.

use super::app::Store;
use super::format;
use crate::model::{Attribute, FieldValue, Finding, Timestamp};
use crate::query::Dim;
use crate::state::{Action, Selection, Tab};
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Copies text with the asynchronous clipboard API (no permission prompt for a click).
pub fn copy_text(text: &str) {
    let Some(w) = web_sys::window() else { return };
    let clipboard = js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).ok();
    let write = clipboard
        .as_ref()
        .and_then(|c| js_sys::Reflect::get(c, &JsValue::from_str("writeText")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let (Some(c), Some(f)) = (clipboard, write) {
        let _ = f.call1(&c, &JsValue::from_str(text));
    }
}

use wasm_bindgen::JsCast;

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub index: usize,
}

#[function_component(FindingDetail)]
pub fn finding_detail(p: &DetailProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let data = store.data.clone();
    let Some(m) = data.findings.get(p.index) else {
        return html! {};
    };
    let f: &Finding = &m.rec;
    let tz = store.view.time_zone;
    let arn = f.arn.as_deref().unwrap_or("").to_owned();
    let close = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Select(None)))
    };
    let copy = {
        let arn = arn.clone();
        Callback::from(move |_: MouseEvent| copy_text(&arn))
    };
    let filter = |dim: Dim, value: String| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::OnlyFacet(dim, value.clone())))
    };
    let search = |value: String| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Search(value.clone())))
    };
    let filter_button = |cb: Callback<MouseEvent>| html! { <button class="icon-button filter" title="Show only findings with this value" onclick={cb}>{ "filter" }</button> };
    let field = |label: &str, value: Option<String>, action: Option<Callback<MouseEvent>>| match value {
        Some(v) if !v.is_empty() => html! {
            <div class="field"><dt>{ label }</dt><dd><span class="value">{ v }</span>{ for action.map(filter_button) }</dd></div>
        },
        _ => html! {},
    };
    let time_field = |label: &str, t: Option<Timestamp>| match t {
        Some(t) => html! {
            <div class="field"><dt>{ label }</dt><dd>
                <span class="value">{ t.display_utc() }</span><br />
                <span class="value muted">{ t.display_local() }{ " (local)" }</span>
                <span class="visually-hidden">{ if tz == crate::state::TimeZone::Local { "local time shown first in tables" } else { "" } }</span>
            </dd></div>
        },
        None => html! {},
    };
    let attr_table = |title: &str, attrs: Option<&Vec<Attribute>>, dim: Dim| {
        let attrs = attrs.map(Vec::as_slice).unwrap_or_default();
        if attrs.is_empty() {
            return html! { <p class="muted">{ format!("{title}: none") }</p> };
        }
        let rows = attrs.iter().map(|a| {
            let k = a.key.as_deref().unwrap_or("").to_owned();
            let v = a.value.as_deref().unwrap_or("").to_owned();
            let pair = if a.value.is_some() {
                format!("{k}={v}")
            } else {
                k.clone()
            };
            html! { <tr><th scope="row">{ k }</th><td>{ v }</td><td>{ filter_button(filter(dim, pair)) }</td></tr> }
        });
        html! { <><h4>{ title }</h4><table class="kv">{ for rows }</table></> }
    };
    let severity = f.severity.as_deref().unwrap_or("(missing)").to_owned();
    let package_arn = f.rules_package_arn().map(ToString::to_string);
    let package = package_arn.as_deref().map(|a| {
        data.package_name(a)
            .map_or_else(|| format!("Unknown package ({a})"), |n| n.to_string())
    });
    let run_arn = f.run_arn().map(ToString::to_string);
    let run = run_arn.as_deref().and_then(|a| data.run(a));
    let run_label = run_arn.as_deref().map(|a| {
        run.and_then(|r| r.rec.name.as_deref().map(ToOwned::to_owned))
            .unwrap_or_else(|| a.to_owned())
    });
    let aa = f.asset_attributes.as_deref();
    let instance = f.instance_id().map(ToString::to_string);
    let tags = aa.and_then(|a| a.tags.as_deref()).unwrap_or_default().iter().map(|t| {
        html! { <tr><th scope="row">{ t.key.as_deref().unwrap_or("") }</th><td>{ t.value.as_deref().unwrap_or("") }</td></tr> }
    });
    let nics = aa.and_then(|a| a.network_interfaces.as_deref()).unwrap_or_default().iter().map(|n| {
        let sgs: Vec<String> = n.security_groups.as_deref().unwrap_or_default().iter()
            .map(|g| format!("{} {}", g.group_id.as_deref().unwrap_or(""), g.group_name.as_deref().unwrap_or("")).trim().to_owned()).collect();
        let private: Vec<String> = n.private_ip_addresses.as_deref().unwrap_or_default().iter()
            .filter_map(|p| p.private_ip_address.as_deref().map(ToOwned::to_owned)).collect();
        html! {
            <tr>
                <td>{ n.network_interface_id.as_deref().unwrap_or("") }</td>
                <td>{ n.vpc_id.as_deref().unwrap_or("") }<br />{ n.subnet_id.as_deref().unwrap_or("") }</td>
                <td>{ n.private_ip_address.as_deref().unwrap_or("") }{ if private.len() > 1 { format!(" (+{})", private.len() - 1) } else { String::new() } }<br />{ n.private_dns_name.as_deref().unwrap_or("") }</td>
                <td>{ n.public_ip.as_deref().unwrap_or("") }<br />{ n.public_dns_name.as_deref().unwrap_or("") }</td>
                <td>{ sgs.join(", ") }</td>
                <td>{ n.ipv6_addresses.as_deref().unwrap_or_default().iter().map(ToString::to_string).collect::<Vec<_>>().join(", ") }</td>
            </tr>
        }
    });
    let issues = f
        .arn
        .as_deref()
        .map_or_else(Vec::new, |a| data.record_issues(&m.sources, a));
    let sources = m.sources.iter().map(|s| {
        let name = data
            .files
            .get(s.file)
            .map(|f| f.report.name.clone())
            .unwrap_or_default();
        html! { <li data-testid="detail-source">{ format!("{name}, line {}", s.line) }</li> }
    });
    let raw = f.write().to_pretty(2);
    let open_run = {
        let store = store.clone();
        let run_arn = run_arn.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = &run_arn {
                store.dispatch(Action::Select(Some(Selection::Run(a.clone()))));
                store.dispatch(Action::Tab(Tab::Runs));
            }
        })
    };
    html! {
        <aside class="detail" data-testid="finding-detail" data-arn={arn.clone()} aria-label="Finding detail">
            <div class="detail-head">
                <span class={format::severity_class(&severity)}>{ severity.clone() }</span>
                <h3>{ f.title.as_deref().unwrap_or("(no title)") }</h3>
                <button class="icon-button" aria-label="Close detail" data-testid="close-detail" onclick={close}>{ "×" }</button>
            </div>
            <div class="detail-actions">
                <button class="button small" data-testid="copy-arn" onclick={copy}>{ "Copy ARN" }</button>
                if run_arn.is_some() { <button class="button small" onclick={open_run}>{ "Open run" }</button> }
            </div>
            <super::triage::TriageControls key={arn.clone()} index={p.index} />
            <dl class="fields">
                { field("ARN", Some(arn.clone()), None) }
                { field("Severity", Some(severity.clone()), Some(filter(Dim::Severity, severity.clone()))) }
                { field("Numeric severity", f.numeric_severity.map(format::number), None) }
                { field("Rule ID", f.id.as_deref().map(ToOwned::to_owned), f.id.as_deref().map(|v| filter(Dim::RuleId, v.to_owned()))) }
                { field("Rules package", package, package_arn.clone().map(|_| filter(Dim::Package, store.index.package_labels.iter().find(|l| Some(l.to_string()) == package_arn.as_deref().map(|a| data.package_name(a).map_or_else(|| a.to_owned(), |n| n.to_string()))).map(ToString::to_string).unwrap_or_default()))) }
                { field("Assessment run", run_label, run_arn.clone().map(|a| filter(Dim::Run, a))) }
                { field("Instance", instance.clone(), instance.clone().map(|v| filter(Dim::Instance, v))) }
                { field("Hostname", aa.and_then(|a| a.hostname.as_deref().map(ToOwned::to_owned)), aa.and_then(|a| a.hostname.as_deref()).map(|h| search(h.to_owned()))) }
                { field("AMI", aa.and_then(|a| a.ami_id.as_deref().map(ToOwned::to_owned)), aa.and_then(|a| a.ami_id.as_deref()).map(|h| search(h.to_owned()))) }
                { field("Auto Scaling group", aa.and_then(|a| a.auto_scaling_group.as_deref().map(ToOwned::to_owned)), aa.and_then(|a| a.auto_scaling_group.as_deref()).map(|v| filter(Dim::AutoScalingGroup, v.to_owned()))) }
                { field("IPv4 addresses", aa.and_then(|a| a.ipv4_addresses.as_ref()).map(|v| v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")), None) }
                { field("Asset type", f.asset_type.as_deref().map(ToOwned::to_owned), None) }
                { field("Service", f.service.as_deref().map(ToOwned::to_owned), None) }
                { field("Confidence", f.confidence.map(|c| c.to_string()), None) }
                { field("Indicator of compromise", f.indicator_of_compromise.map(|c| c.to_string()), None) }
                { field("Schema version", f.schema_version.map(|c| c.to_string()), None) }
                { time_field("Created", f.created_at) }
                { time_field("Updated", f.updated_at) }
            </dl>
            <h4>{ "Description" }</h4>
            <p class="prose">{ f.description.as_deref().unwrap_or("—") }</p>
            <h4>{ "Recommendation" }</h4>
            <p class="prose">{ f.recommendation.as_deref().unwrap_or("—") }</p>
            { attr_table("Attributes", f.attributes.as_ref(), Dim::Attribute) }
            { attr_table("User attributes", f.user_attributes.as_ref(), Dim::UserAttribute) }
            <h4>{ "Tags" }</h4>
            <table class="kv">{ for tags }</table>
            if aa.and_then(|a| a.network_interfaces.as_ref()).is_some_and(|n| !n.is_empty()) {
                <h4>{ "Network interfaces" }</h4>
                <div class="table-wrap" tabindex="0"><table class="small">
                    <thead><tr><th>{ "ENI" }</th><th>{ "VPC / subnet" }</th><th>{ "Private" }</th><th>{ "Public" }</th><th>{ "Security groups" }</th><th>{ "IPv6" }</th></tr></thead>
                    <tbody>{ for nics }</tbody>
                </table></div>
            }
            if !f.extra.is_empty() {
                <h4>{ "Members kept as written (unknown to the model, or of another type)" }</h4>
                <table class="kv">{ for f.extra.iter().map(|(k, v)| html! { <tr><th scope="row">{ k.to_string() }</th><td><code>{ v.summary() }</code></td></tr> }) }</table>
            }
            <h4>{ format!("Validation issues ({})", issues.len()) }</h4>
            <ul class="issues">{ for issues.iter().map(|(file, i)| html! {
                <li class={format!("issue level-{}", i.level.as_str())}>
                    <span class="level">{ i.level.as_str() }</span>{ " " }<code>{ i.rule.as_str() }</code>{ " " }
                    <code>{ i.path.clone() }</code>{ format!(" ({file} {}:{}) ", i.line, i.column) }{ i.message.clone() }
                </li>
            }) }</ul>
            <h4>{ "Source files" }</h4>
            <ul>{ for sources }</ul>
            <details class="raw">
                <summary>{ "Raw JSON (as read, re-serialised)" }</summary>
                <pre data-testid="raw-json">{ raw }</pre>
            </details>
        </aside>
    }
}

//! Charts of the findings that follow the active filters; clicking a bar filters by it.

use super::app::Store;
use super::chart_canvas::ChartCanvas;
use crate::chart::{Bar, BarChart, BarColor, ChartSpec, TimePoint, TimeSeries};
use crate::model::sort::SharedSort as _;
use crate::model::Severity;
use crate::query::{Dim, QueryResult};
use crate::state::Action;
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub result: Rc<QueryResult>,
}

/// The data of the four findings charts, computed from the query result.
fn chart_data(store: &Store, result: &QueryResult) -> [ChartSpec; 4] {
    let ix = &store.index;
    let severity = BarChart {
        title: "Findings by severity".to_owned(),
        bars: Severity::ALL
            .iter()
            .enumerate()
            .map(|(rank, s)| {
                Bar::new(
                    s.as_str(),
                    result.by_severity[rank] as u64,
                    format!("sev:{}", s.as_str()),
                )
                .with_color(BarColor::Severity(*s))
            })
            .collect(),
        horizontal: false,
    };
    let top = |dim: Dim, n: usize, prefix: &str| -> Vec<Bar> {
        ix.counts_by(&result.rows, dim, n)
            .into_iter()
            .enumerate()
            .map(|(i, (value, label, count))| {
                Bar::new(label, count as u64, format!("{prefix}:{value}"))
                    .with_color(BarColor::Palette(u8::try_from(i % 8).unwrap_or(0)))
            })
            .collect()
    };
    let packages = BarChart {
        title: "Findings by rules package".to_owned(),
        bars: top(Dim::Package, 8, "pkg"),
        horizontal: true,
    };
    let instances = BarChart {
        title: "Top instances".to_owned(),
        bars: top(Dim::Instance, 10, "inst"),
        horizontal: true,
    };
    // Findings per run over time, stacked by severity.
    let mut per_run: HashMap<u32, [u64; 5]> = HashMap::default();
    for &i in result.rows.iter() {
        let row = &ix.rows[i as usize];
        if let Some(slot) = per_run.entry(row.run).or_default().get_mut(usize::from(row.severity)) {
            *slot += 1;
        }
    }
    let mut points: Vec<TimePoint> = per_run
        .into_iter()
        .filter_map(|(run_id, counts)| {
            let arn = ix.runs.name(run_id)?;
            let run = store.data.run(arn);
            let at = run
                .and_then(|r| r.rec.completed_at.or(r.rec.started_at).or(r.rec.created_at))
                .map(crate::model::Timestamp::as_secs_f64)?;
            Some(TimePoint {
                at_secs: at,
                counts,
                label: ix.label(Dim::Run, run_id),
                key: format!("run:{arn}"),
            })
        })
        .collect();
    points.shared_sort_by(|a, b| a.at_secs.total_cmp(&b.at_secs));
    let runs = TimeSeries {
        title: "Findings per run over time".to_owned(),
        points,
    };
    [
        ChartSpec::Bars(severity),
        ChartSpec::Bars(packages),
        ChartSpec::Bars(instances),
        ChartSpec::TimeSeries(runs),
    ]
}

#[function_component(FindingCharts)]
pub fn finding_charts(p: &ChartsProps) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let shown = use_state(|| true);
    let specs = {
        let store = store.clone();
        use_memo((store.version, p.result.clone()), move |(_, result)| {
            chart_data(&store, result)
        })
    };
    let on_select = {
        let store = store.clone();
        use_callback((), move |key: String, ()| {
            let Some((kind, value)) = key.split_once(':') else {
                return;
            };
            let dim = match kind {
                "sev" => Dim::Severity,
                "pkg" => Dim::Package,
                "inst" => Dim::Instance,
                "run" => Dim::Run,
                _ => return,
            };
            store.dispatch(Action::ToggleFacet(dim, value.to_owned()));
        })
    };
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let dark = super::theme::is_dark();
    let names = ["severity", "package", "instance", "runs"];
    html! {
        <section class="charts-section" aria-label="Charts">
            <button class="button small" data-testid="charts-toggle" aria-expanded={shown.to_string()} onclick={toggle}>
                { if *shown { "Hide charts" } else { "Show charts" } }
            </button>
            if *shown {
                <div class="charts">
                    { for specs.iter().zip(names).map(|(spec, name)| html! {
                        <div class="chart-card">
                            <ChartCanvas chart={spec.clone()} name={name} width={460} height={240} {dark} on_select={on_select.clone()} />
                        </div>
                    }) }
                </div>
            }
        </section>
    }
}

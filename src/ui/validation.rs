//! The validation panel: unusable files first, then every file's issues (merge issues included)
//! grouped by rule, with level counts, level/rule filters, and a page of issues per group.
//! Grouping and counting live in [`crate::query::group_issues`].

use super::app::Store;
use crate::ingest::{Dataset, Level, Rule};
use crate::model::sort::SharedSort as _;
use crate::query::{
    group_issues, issue_at, FileGroup, IssueFilter, IssueGroups, IssueItem, RecordLink, RuleGroup, LEVELS,
};
use crate::state::{Action, Selection, Tab};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Issues rendered per group before "show more" (a file can hold 100k warnings).
pub const ISSUE_PAGE: usize = 500;

/// What each rule checks, for the group headings.
fn rule_help(rule: Rule) -> &'static str {
    match rule {
        Rule::Required => "a member the API always returns is missing",
        Rule::Type => "a value has the wrong JSON type",
        Rule::Enum => "a value is not one the API defines",
        Rule::Length => "a string is shorter or longer than the API allows",
        Rule::Range => "a number is outside the API's range",
        Rule::ListLength => "a list has fewer or more items than the API allows",
        Rule::Timestamp => "a timestamp cannot be read, or is read with a caveat",
        Rule::UnknownField => "a member the API does not define (kept as written)",
        Rule::AddedLater => "a member added to the API after 2016-02-16",
        Rule::Duplicate => "an identical copy of a record (shown once)",
        Rule::Conflict => "a record with the same ARN but different content",
    }
}

fn level_label(level: Level, n: usize) -> String {
    match (level, n) {
        (Level::Error, 1) => "1 error".to_owned(),
        (Level::Error, _) => format!("{n} errors"),
        (Level::Warning, 1) => "1 warning".to_owned(),
        (Level::Warning, _) => format!("{n} warnings"),
        (Level::Info, _) => format!("{n} info"),
    }
}

#[function_component(ValidationView)]
pub fn validation_view() -> Html {
    let store = use_context::<Store>();
    let filter = use_state(IssueFilter::default);
    // Issues shown per (file, rule) group, beyond the first page.
    let limits = use_state(HashMap::<(usize, Rule), usize>::default);
    let version = store.as_ref().map_or(0, |s| s.version);
    let data = store.as_ref().map(|s| s.data.clone()).unwrap_or_default();
    let groups: Rc<IssueGroups> = {
        let data = data.clone();
        use_memo((version, *filter), move |(_, f)| group_issues(&data, f))
    };
    // Stable callbacks, so that file sections re-render only when their content changes.
    let open = {
        let dispatcher = store.as_ref().map(|s| s.dispatcher());
        use_callback((), move |link: RecordLink, ()| {
            let Some(d) = &dispatcher else { return };
            match link {
                RecordLink::Finding(arn) => {
                    d.dispatch(Action::Select(Some(Selection::Finding(arn.to_string()))));
                    d.dispatch(Action::Tab(Tab::Findings));
                }
                RecordLink::Run(arn) => {
                    d.dispatch(Action::Select(Some(Selection::Run(arn.to_string()))));
                    d.dispatch(Action::Tab(Tab::Runs));
                }
            }
        })
    };
    let more = {
        let handle = limits.clone();
        use_callback((*limits).clone(), move |key: (usize, Rule), current| {
            let mut next = current.clone();
            let n = next.get(&key).copied().unwrap_or(ISSUE_PAGE);
            next.insert(key, n.saturating_add(ISSUE_PAGE));
            handle.set(next);
        })
    };
    if store.is_none() {
        return html! {};
    }

    let level_buttons = LEVELS.iter().map(|&level| {
        let on = filter.shows_level(level);
        let filter = filter.clone();
        let onclick = Callback::from(move |_: MouseEvent| filter.set(filter.toggled(level)));
        html! {
            <button class={classes!("chip", "level-toggle", format!("level-{}", level.as_str()), on.then_some("selected"))}
                data-testid="level-toggle" data-level={level.as_str()} aria-pressed={on.to_string()}
                data-count={groups.all.get(level).to_string()} {onclick}>
                <span class="chip-label">{ level.as_str() }</span>
                <span class="chip-count">{ groups.all.get(level) }</span>
            </button>
        }
    });
    let on_rule = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                let value = s.value();
                let rule = Rule::ALL.into_iter().find(|r| r.as_str() == value);
                filter.set(IssueFilter { rule, ..*filter });
            }
        })
    };
    let current_rule = filter.rule;
    let mut rule_options: Vec<(Rule, usize)> = groups.rules.clone();
    if let Some(r) = current_rule {
        if !rule_options.iter().any(|(x, _)| *x == r) {
            rule_options.push((r, 0));
            rule_options.shared_sort();
        }
    }
    let rule_options = rule_options.into_iter().map(|(rule, n)| {
        html! { <option value={rule.as_str()} selected={current_rule == Some(rule)}>{ format!("{rule} ({n})") }</option> }
    });
    let reset = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(IssueFilter::default()))
    };

    let not_kept: usize = groups.files.iter().map(|f| f.not_kept).sum();
    let shown_total = groups.counts.total();
    let summary = format!(
        "{} issues in {} files: {}{}{}",
        groups.all.total(),
        groups.files.len(),
        groups.all.text(),
        if *filter == IssueFilter::default() {
            String::new()
        } else {
            format!(" · {shown_total} match the filters")
        },
        if not_kept > 0 {
            format!(" · {not_kept} counted but not kept for display")
        } else {
            String::new()
        },
    );

    let unusable = groups.unusable.iter().filter_map(|&i| groups.files.get(i)).map(|f| {
        let (message, line, column) = f.error.as_ref().map_or((String::new(), 0, 0), |e| (e.message.clone(), e.line, e.column));
        html! {
            <li data-testid="unusable-file" data-file={f.name.clone()} data-line={line.to_string()} data-column={column.to_string()}>
                <strong>{ f.name.clone() }</strong>
                if line > 0 { <span class="where">{ format!(" line {line}, column {column}") }</span> }
                { ": " }{ message }
            </li>
        }
    });
    let files = (0..groups.files.len()).map(|index| {
        html! { <FileIssues data={data.clone()} groups={groups.clone()} {index} limits={(*limits).clone()}
        filtered={*filter != IssueFilter::default()} open={open.clone()} more={more.clone()} /> }
    });

    html! {
        <div class="validation-view">
            if !groups.unusable.is_empty() {
                <section class="unusable-files" data-testid="unusable-files" role="alert">
                    <h3>{ match groups.unusable.len() { 1 => "1 file could not be used".to_owned(), n => format!("{n} files could not be used") } }</h3>
                    <ul>{ for unusable }</ul>
                </section>
            }
            <p class="validation-summary" data-testid="validation-summary" data-total={groups.all.total().to_string()}
                data-errors={groups.all.error.to_string()} data-warnings={groups.all.warning.to_string()}
                data-infos={groups.all.info.to_string()} data-shown={shown_total.to_string()} data-not-kept={not_kept.to_string()}>
                { summary }
            </p>
            <div class="toolbar validation-toolbar">
                <span class="inline" role="group" aria-label="Levels">{ for level_buttons }</span>
                <label class="inline">{ "Rule " }
                    <select data-testid="rule-filter" onchange={on_rule}>
                        <option value="" selected={current_rule.is_none()}>{ "All rules" }</option>
                        { for rule_options }
                    </select>
                </label>
                if *filter != IssueFilter::default() {
                    <button class="button small" data-testid="reset-issue-filters" onclick={reset}>{ "Show all" }</button>
                }
            </div>
            { for files }
        </div>
    }
}

#[derive(Properties)]
struct FileProps {
    data: Rc<Dataset>,
    /// The grouping, and which of its files this is.
    groups: Rc<IssueGroups>,
    index: usize,
    limits: HashMap<(usize, Rule), usize>,
    filtered: bool,
    open: Callback<RecordLink>,
    more: Callback<(usize, Rule)>,
}

impl PartialEq for FileProps {
    /// Cheap: the grouping is rebuilt (a new `Rc`) whenever the data or the filter change.
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.data, &o.data)
            && Rc::ptr_eq(&self.groups, &o.groups)
            && self.index == o.index
            && self.limits == o.limits
            && self.filtered == o.filtered
            && self.open == o.open
            && self.more == o.more
    }
}

#[function_component(FileIssues)]
fn file_issues(p: &FileProps) -> Html {
    let Some(f) = p.groups.files.get(p.index) else {
        return html! {};
    };
    let shown = f.counts.total();
    let counts = LEVELS
        .iter()
        .map(|&l| html! { <span class={classes!("count", format!("level-{}", l.as_str()), (f.all.get(l) > 0).then_some("has"))}>{ level_label(l, f.all.get(l)) }</span> });
    let rules = f.rules.iter().map(|g| {
        let limit = p.limits.get(&(f.file, g.rule)).copied().unwrap_or(ISSUE_PAGE);
        rule_group(&p.data, f, g, limit, &p.open, &p.more)
    });
    // A file without matching issues is one quiet line (a dataset can have hundreds of files).
    let quiet = f.rules.is_empty() && f.not_kept == 0;
    let note = if f.all.total() == 0 {
        if f.error.is_some() {
            "no issues besides the error above"
        } else {
            "no issues"
        }
    } else if shown == 0 && p.filtered {
        "no issues match the filters"
    } else {
        ""
    };
    html! {
        <section class={classes!("issue-file", f.error.is_some().then_some("unusable"), quiet.then_some("quiet"))}
            data-testid="issue-file" data-file={f.name.clone()} data-errors={f.all.error.to_string()}
            data-warnings={f.all.warning.to_string()} data-infos={f.all.info.to_string()}
            data-not-kept={f.not_kept.to_string()}>
            <h3 class="issue-file-head">
                <span class="file-name">{ f.name.clone() }</span>
                <span class="counts">{ for counts }</span>
                if !note.is_empty() { <span class="note muted">{ note }</span> }
            </h3>
            if f.not_kept > 0 {
                <p class="muted not-kept">
                    { format!("{} more issues were counted while reading but not kept, to bound memory; the counts include them.", f.not_kept) }
                </p>
            }
            { for rules }
        </section>
    }
}

fn rule_group(
    data: &Dataset,
    f: &FileGroup,
    g: &RuleGroup,
    limit: usize,
    open: &Callback<RecordLink>,
    more: &Callback<(usize, Rule)>,
) -> Html {
    let levels: Vec<String> = LEVELS
        .iter()
        .filter(|&&l| g.counts.get(l) > 0)
        .map(|&l| level_label(l, g.counts.get(l)))
        .collect();
    let items = g.items.iter().take(limit).map(|it| issue_item(data, f, it, open));
    let unrendered = g.items.len().saturating_sub(limit);
    let not_kept = g.not_kept();
    let on_more = {
        let more = more.clone();
        let key = (f.file, g.rule);
        Callback::from(move |_: MouseEvent| more.emit(key))
    };
    html! {
        <details class="issue-group" open=true data-testid="issue-group" data-file={f.name.clone()} data-rule={g.rule.as_str()}
            data-count={g.counts.total().to_string()} data-kept={g.items.len().to_string()}>
            <summary>
                <code class="rule">{ g.rule.as_str() }</code>
                <span class="group-count">{ g.counts.total() }</span>
                <span class="muted">{ format!("({}) — {}", levels.join(", "), rule_help(g.rule)) }</span>
            </summary>
            <ul class="issue-list">{ for items }</ul>
            if unrendered > 0 {
                <button class="button small" data-testid="show-more" data-file={f.name.clone()} data-rule={g.rule.as_str()}
                    data-remaining={unrendered.to_string()} onclick={on_more}>
                    { format!("Show {} more ({unrendered} not shown)", unrendered.min(ISSUE_PAGE)) }
                </button>
            }
            if not_kept > 0 {
                <p class="muted not-kept" data-testid="not-kept" data-count={not_kept.to_string()}>
                    { format!("{not_kept} more {} issues were counted but not kept.", g.rule.as_str()) }
                </p>
            }
        </details>
    }
}

fn issue_item(data: &Dataset, f: &FileGroup, it: &IssueItem, open: &Callback<RecordLink>) -> Html {
    let Some(issue) = issue_at(data, f.file, it.at) else {
        return html! {};
    };
    let level = issue.level.as_str();
    let link = it.link.clone();
    let (onclick, onkeydown, hint) = match &link {
        Some(l) => {
            let hint = match l {
                RecordLink::Finding(_) => "Open this finding",
                RecordLink::Run(_) => "Open this run",
            };
            let click = {
                let open = open.clone();
                let l = l.clone();
                Callback::from(move |_: MouseEvent| open.emit(l.clone()))
            };
            let key = {
                let open = open.clone();
                let l = l.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" || e.key() == " " {
                        e.prevent_default();
                        open.emit(l.clone());
                    }
                })
            };
            (Some(click), Some(key), Some(hint))
        }
        None => (None, None, None),
    };
    let record = issue.record_arn.as_deref().map(ToOwned::to_owned);
    html! {
        // A list item holds the (optionally interactive) issue: `role="button"` may not sit on
        // the `<li>` itself without breaking the list's semantics.
        <li class="issue-item" data-testid="validation-issue" data-file={f.name.clone()} data-path={issue.path.clone()}
            data-rule={issue.rule.as_str()} data-level={level} data-line={issue.line.to_string()}
            data-column={issue.column.to_string()} data-record={record.clone()}>
            <div class={classes!("issue", format!("level-{level}"), link.is_some().then_some("linked"))}
                role={link.is_some().then_some("button")} tabindex={link.is_some().then_some("0")}
                title={hint.map(|h| format!("{h}: {}", record.as_deref().unwrap_or("")))} {onclick} {onkeydown}>
                <span class={format!("level-badge level-{level}")}>{ level }</span>
                <code class="rule">{ issue.rule.as_str() }</code>
                <code class="path">{ issue.path.clone() }</code>
                <span class="where">{ format!("{}:{}", issue.line, issue.column) }</span>
                <span class="message">{ issue.message.clone() }</span>
                if let Some(h) = hint { <span class="open-hint">{ h }{ " →" }</span> }
            </div>
        </li>
    }
}

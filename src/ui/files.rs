//! The list of loaded files: kind, layout, records, errors, warnings; remove a file.

use super::app::Store;
use super::format;
use crate::state::Action;
use yew::prelude::*;

#[function_component(FilesView)]
pub fn files_view() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let data = store.data.clone();
    let total_records = data.records_read();
    let rows = data.files.iter().enumerate().map(|(i, f)| {
        let (errors, warnings) = data.file_counts(i);
        let remove = {
            let store = store.clone();
            Callback::from(move |_: MouseEvent| store.dispatch(Action::RemoveFile(i)))
        };
        let name = f.report.name.clone();
        let kind = f.kind_label();
        let records = f.record_count();
        let detail = format!("{} · {} · {}", f.report.layout.as_str(), f.report.encoding, format::bytes_f64(f.report.size as f64));
        html! {
            <li class={classes!("file", (!f.usable()).then_some("unusable"))} data-testid="loaded-file"
                data-file={name.clone()} data-kind={kind} data-records={records.to_string()}
                data-errors={errors.to_string()} data-warnings={warnings.to_string()}>
                <span class="file-name" title={name.clone()}>{ name.clone() }</span>
                <span class="file-kind">{ kind }</span>
                <span class="file-records">{ format!("{records} records") }</span>
                <span class={classes!("file-errors", (errors > 0).then_some("has"))}>{ format!("{errors} errors") }</span>
                <span class={classes!("file-warnings", (warnings > 0).then_some("has"))}>{ format!("{warnings} warnings") }</span>
                <span class="file-detail">{ detail }</span>
                if f.report.next_token {
                    <span class="file-note" title="The file has a nextToken: it holds one page of a longer listing">{ "partial page" }</span>
                }
                <button class="icon-button" aria-label={format!("Remove {name}")} data-testid="remove-file" onclick={remove}>{ "×" }</button>
                if let Some(e) = &f.report.error {
                    <p class="load-error" data-testid="load-error" data-file={name.clone()} role="alert">
                        <strong>{ name.clone() }</strong>
                        { if e.line > 0 { format!(" (line {}, column {})", e.line, e.column) } else { String::new() } }
                        { ": " }{ e.message.clone() }
                    </p>
                }
            </li>
        }
    });
    let summary = format!(
        "{} files · {} records read · {} shown{}{}",
        data.files.len(),
        total_records,
        data.records_shown(),
        if data.collapsed > 0 {
            format!(" · {} identical copies merged", data.collapsed)
        } else {
            String::new()
        },
        if data.superseded > 0 {
            format!(" · {} conflicting copies superseded", data.superseded)
        } else {
            String::new()
        },
    );
    let clear = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::ClearAll))
    };
    let memory = super::loader::wasm_memory_bytes();
    // Whole bytes as an integer: a float in text would link core's float formatting.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let memory_bytes = memory as u64;
    html! {
        <details class="files" open={data.files.len() <= 8}>
            <summary data-testid="files-summary">{ summary }
                <span class="memory" data-testid="memory" data-bytes={memory_bytes.to_string()}
                    title="Memory this app's WebAssembly holds (a tab can give it at most 4 GB)">
                    { format!(" · memory {}", format::bytes_f64(memory)) }
                </span>
            </summary>
            <ul class="file-list">{ for rows }</ul>
            <button class="button small" data-testid="clear-all" onclick={clear}>{ "Remove all files" }</button>
        </details>
    }
}

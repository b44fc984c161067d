//! Side effects of loading: reading files and sample data, then reading them in slices.
//!
//! Reading runs as a task that yields to the browser every ~25 ms, so the page keeps
//! painting the progress bar and answering clicks (cancel) while a large file is read.

use crate::ingest::MergeJob;
use crate::ingest::{Context, FileJob, LoadedFile, Options, Progress};
use crate::query::IndexBuilder;
use crate::state::{Action, AppState, Loading, Prepared};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::UseReducerDispatcher;

/// Larger files are refused before reading: a browser tab cannot hold them and their records.
pub const MAX_FILE_BYTES: f64 = 1_073_741_824.0;

/// What a wasm32 module may address (4 GiB), less headroom for the UI and allocator slack.
pub const MEMORY_BUDGET_BYTES: f64 = 3.6e9;
/// Measured by `benches/ingest.rs`: records kept ≈ 0.40 × file size; peak while reading ≈ 1.3 ×.
const KEPT_PER_BYTE: f64 = 0.45;
const PEAK_PER_BYTE: f64 = 1.35;

/// Bytes of linear memory the app's wasm instance holds now (its high-water mark).
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |b| f64::from(b.byte_length()))
}

/// Whether a file of `size` bytes fits next to `loaded_bytes` of files already read.
pub fn memory_check(size: f64, loaded_bytes: f64) -> Result<(), String> {
    let needed = loaded_bytes * KEPT_PER_BYTE + size * PEAK_PER_BYTE;
    if needed > MEMORY_BUDGET_BYTES {
        return Err(format!(
            "not read: reading {} next to the {} already loaded would need about {} of memory, more than a browser tab gives this app ({}). Remove some files, or open fewer at once",
            super::format::bytes_f64(size),
            super::format::bytes_f64(loaded_bytes),
            super::format::bytes_f64(needed),
            super::format::bytes_f64(MEMORY_BUDGET_BYTES),
        ));
    }
    Ok(())
}

/// One thing to load.
pub enum Input {
    File(web_sys::File),
    Text { name: String, text: String },
    Url { name: String, url: String },
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::File(f) => f.name(),
            Input::Text { name, .. } | Input::Url { name, .. } => name.clone(),
        }
    }
}

/// Shared between loads: the interner and shared attribute blocks, plus a cancel flag.
#[derive(Default)]
pub struct LoaderState {
    pub context: RefCell<Context>,
    pub cancel: Cell<bool>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

fn js_err(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        // An Error or DOMException (e.g. NotReadableError when the file changed on disk).
        .or_else(|| {
            js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Fetches a same-origin URL's bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url)).await.map_err(js_err)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(js_err)?;
    if !resp.ok() {
        return Err(format!("HTTP {} for {url}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The bundled sample files, from `samples/index.json`.
pub async fn sample_inputs() -> Result<Vec<Input>, String> {
    let index = fetch_bytes("samples/index.json").await?;
    let text = String::from_utf8_lossy(&index);
    let v = crate::ingest::parse_json(&text).map_err(|e| format!("samples/index.json: {e}"))?;
    let Some(crate::model::Json::Arr(files)) = v.get("files") else {
        return Err("samples/index.json has no `files` list".to_owned());
    };
    Ok(files
        .iter()
        .filter_map(|f| match f {
            crate::model::Json::Str(s) => Some(&**s),
            _ => None,
        })
        .map(|name| Input::Url {
            name: name.to_owned(),
            url: format!("samples/{name}"),
        })
        .collect())
}

/// Bytes read per slice: copying a slice into wasm memory stays well under a frame.
const CHUNK: f64 = 8.0 * 1024.0 * 1024.0;
/// Slices requested ahead of the one being copied: the browser reads them off the main
/// thread meanwhile (measured for a 425 MB file: 0.5–0.6 s one at a time, 0.3–0.35 s with 4).
const READS_IN_FLIGHT: usize = 4;

/// Reads a file in slices (yielding between them), so the copy into wasm memory never blocks.
async fn read_in_chunks(
    f: web_sys::File,
    progress: &mut [Loading],
    i: usize,
    dispatch: &UseReducerDispatcher<AppState>,
    shared: &LoaderState,
) -> Result<Vec<u8>, String> {
    let size = f.size();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut out: Vec<u8> = Vec::with_capacity(size as usize);
    let mut requested = 0.0;
    let mut pending = std::collections::VecDeque::with_capacity(READS_IN_FLIGHT);
    loop {
        while pending.len() < READS_IN_FLIGHT && requested < size {
            let end = (requested + CHUNK).min(size);
            let part = f.slice_with_f64_and_f64(requested, end).map_err(js_err)?;
            pending.push_back(JsFuture::from(part.array_buffer()));
            requested = end;
        }
        let Some(next) = pending.pop_front() else {
            break;
        };
        let buf = next.await.map_err(js_err)?;
        // Two copies (into a slice-sized buffer, then onto the end) measured faster than one
        // copy into the zeroed tail (`resize` or `vec![0; n]` write every byte once more).
        out.extend_from_slice(&js_sys::Uint8Array::new(&buf).to_vec());
        // Reading is the first tenth of the bar; parsing the rest.
        #[allow(clippy::cast_precision_loss)]
        let read = out.len() as f64;
        if let Some(p) = progress.get_mut(i) {
            p.fraction = 0.1 * (read / size.max(1.0)).min(1.0);
        }
        dispatch.dispatch(Action::Progress(progress.to_vec()));
        if shared.cancel.get() {
            return Err("cancelled".to_owned());
        }
    }
    Ok(out)
}

/// Reads every input, slice by slice, then dispatches [`Action::Loaded`] once.
pub async fn load(
    inputs: Vec<Input>,
    dispatch: UseReducerDispatcher<AppState>,
    shared: Rc<LoaderState>,
    base: (Vec<Rc<LoadedFile>>, u64),
) {
    #[allow(clippy::cast_precision_loss)]
    // Files refused before reading hold no memory: count only those with data.
    let loaded_bytes: f64 = base
        .0
        .iter()
        .filter(|f| f.usable() || f.record_count() > 0)
        .map(|f| f.report.size as f64)
        .sum();
    if inputs.is_empty() {
        return;
    }
    shared.cancel.set(false);
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let mut progress: Vec<Loading> = names
        .iter()
        .map(|n| Loading {
            name: n.clone(),
            fraction: 0.0,
            records: 0,
        })
        .collect();
    dispatch.dispatch(Action::Progress(progress.clone()));
    let mut done: Vec<LoadedFile> = Vec::new();
    let mut budget_used = loaded_bytes;
    for (i, input) in inputs.into_iter().enumerate() {
        let name = names[i].clone();
        // Sizes stay f64: a wasm32 usize cannot hold 4 GiB or more.
        let file_size = match &input {
            Input::File(f) => Some(f.size()),
            _ => None,
        };
        if let Some(size) = file_size {
            let refusal = if size > MAX_FILE_BYTES {
                Some(format!(
                    "{} is too large for a browser tab (the limit is 1 GiB per file): split it into smaller files, e.g. with `jq -c '.findings[]'` into JSON Lines chunks, and drop those",
                    super::format::bytes_f64(size),
                ))
            } else {
                memory_check(size, budget_used).err()
            };
            if let Some(message) = refusal {
                done.push(LoadedFile::unusable(&name, size as u64, message));
                continue;
            }
        }
        let bytes = match input {
            Input::File(f) => read_in_chunks(f, &mut progress, i, &dispatch, &shared).await,
            Input::Text { text, .. } => Ok(text.into_bytes()),
            Input::Url { url, .. } => fetch_bytes(&url).await,
        };
        let bytes = match bytes {
            Ok(b) => {
                // Only what was actually read counts against the memory budget.
                #[allow(clippy::cast_precision_loss)]
                let read = b.len() as f64;
                budget_used += read;
                b
            }
            Err(e) => {
                done.push(LoadedFile::unusable(
                    &name,
                    0,
                    format!("the file could not be read: {e}"),
                ));
                continue;
            }
        };
        let mut job = FileJob::new(&name, bytes, Options::default());
        let mut last_progress = now_ms();
        loop {
            let start = now_ms();
            let mut finished = false;
            while now_ms() - start < 25.0 {
                let step = {
                    let mut cx = shared.context.borrow_mut();
                    job.step(&mut cx, 250)
                };
                match step {
                    Progress::Done => {
                        finished = true;
                        break;
                    }
                    Progress::Reading(f) => {
                        progress[i].fraction = 0.1 + 0.9 * f;
                    }
                }
            }
            progress[i].records = job.records_so_far();
            if finished {
                progress[i].fraction = 1.0;
                break;
            }
            // The progress bar re-renders the app: about ten times a second is enough.
            if now_ms() - last_progress > 100.0 {
                last_progress = now_ms();
                dispatch.dispatch(Action::Progress(progress.clone()));
            }
            if yield_now(&shared).await {
                break;
            }
        }
        if shared.cancel.get() {
            break;
        }
        done.push(job.finish());
        dispatch.dispatch(Action::Progress(progress.clone()));
    }
    if shared.cancel.get() {
        return cancelled(&dispatch);
    }
    // Merge and index in slices too, then hand the finished dataset to the store.
    let new_files: Vec<Rc<LoadedFile>> = done.into_iter().map(Rc::new).collect();
    let mut all = base.0;
    all.extend(new_files.iter().cloned());
    let mut merge = MergeJob::new(all);
    while !merge.step(SLICE_RECORDS) {
        if yield_now(&shared).await {
            return cancelled(&dispatch);
        }
    }
    let data = merge.finish();
    let mut builder = IndexBuilder::new(&data);
    while !builder.step(&data, SLICE_RECORDS) {
        if yield_now(&shared).await {
            return cancelled(&dispatch);
        }
    }
    let index = Rc::new(builder.finish());
    // Facets list values by count, then in natural order: rank the values of every facet
    // now, in slices, so the first query (when the store installs the data) does not.
    let weak = Rc::downgrade(&index);
    for dim in crate::query::Dim::ALL {
        if rank_in_slices(&weak, |ix| ix.values(dim), &shared).await == Ranked::Cancelled {
            return cancelled(&dispatch);
        }
    }
    // The first view's order too (the default sort), in a task of its own.
    if yield_now(&shared).await {
        return cancelled(&dispatch);
    }
    index.prepare_order(crate::query::Sort::default());
    if yield_now(&shared).await {
        return cancelled(&dispatch);
    }
    dispatch.dispatch(Action::Install(Rc::new(Prepared {
        new_files,
        based_on: base.1,
        data: Rc::new(data),
        index,
    })));
    // After the first rows have painted, the other text columns, so the first click on a
    // column header only sorts integers.
    for t in 0..6 {
        if rank_in_slices(&weak, |ix| ix.sort_tables().get(t).copied(), &shared).await != Ranked::Done {
            return;
        }
    }
}

/// How [`rank_in_slices`] ended.
#[derive(PartialEq)]
enum Ranked {
    Done,
    Cancelled,
    /// A later load or a reset replaced the data: nothing holds the index any more.
    Replaced,
}

/// Ranks one value table of `index`, chosen by `pick` ([`crate::query::Values::prepare_sort`]),
/// in slices between yields. The index is held only during a slice, so data replaced
/// meanwhile is let go rather than worked on.
async fn rank_in_slices(
    index: &std::rc::Weak<crate::query::FindingIndex>,
    pick: impl Fn(&crate::query::FindingIndex) -> Option<&crate::query::Values>,
    shared: &LoaderState,
) -> Ranked {
    let mut keys = crate::query::SortKeys::default();
    let mut all_in = false;
    loop {
        if yield_now(shared).await {
            return Ranked::Cancelled;
        }
        let Some(ix) = index.upgrade() else {
            return Ranked::Replaced;
        };
        let Some(table) = pick(&ix) else {
            return Ranked::Done;
        };
        if all_in {
            let _ = table.prepare_sort(keys);
            return Ranked::Done;
        }
        all_in = table.add_sort_keys(&mut keys, SLICE_RECORDS);
    }
}

/// Records merged or indexed between yields.
const SLICE_RECORDS: usize = 4000;

/// Lets the browser paint and handle input; true if the user cancelled meanwhile. Uses
/// `scheduler.yield()` where the browser has it (Chromium): `setTimeout(0)` is clamped to
/// ≥ 4 ms once nested, which adds up over thousands of slices.
async fn yield_now(shared: &LoaderState) -> bool {
    let scheduled = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"scheduler".into()).ok())
        .filter(|s| s.is_object())
        .and_then(|s| {
            let f = js_sys::Reflect::get(&s, &"yield".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
        });
    match scheduled {
        Some(p) => {
            let _ = JsFuture::from(p).await;
        }
        None => gloo::timers::future::TimeoutFuture::new(0).await,
    }
    shared.cancel.get()
}

fn cancelled(dispatch: &UseReducerDispatcher<AppState>) {
    dispatch.dispatch(Action::Progress(Vec::new()));
    dispatch.dispatch(Action::Notice(Some(
        "Loading cancelled: nothing from that batch was added.".to_owned(),
    )));
}

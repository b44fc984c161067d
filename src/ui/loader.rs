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
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
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

/// What a rejected promise or a throwing web API said, as text.
pub(super) fn js_err(e: wasm_bindgen::JsValue) -> String {
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

/// Bytes read per slice at most (the first slices are smaller, see `static/read-worker.js`):
/// copying a slice into wasm memory stays well under a frame.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
/// Slices the reading worker reads ahead of the page (it reads several at once: measured for
/// a 425 MB file on the main thread, 0.5–0.6 s one at a time, 0.3–0.35 s with 4 in flight).
const READS_IN_FLIGHT: usize = 8;

/// A file's slices, in order. A worker (`static/read-worker.js`) reads them off the main
/// thread, so the page reads records from the slices already in while the next ones are read;
/// where no worker can start, the page reads the whole file at once.
struct Slices {
    file: web_sys::File,
    size: f64,
    /// Bytes handed out so far.
    taken: f64,
    worker: Option<WorkerReads>,
}

impl Slices {
    fn new(file: web_sys::File) -> Self {
        Slices {
            size: file.size(),
            worker: WorkerReads::start(&file),
            file,
            taken: 0.0,
        }
    }

    /// Every slice has been handed out.
    fn done(&self) -> bool {
        self.taken >= self.size
    }

    /// The next slice's bytes: at once if it has arrived, else `None` unless `wait`.
    async fn next(&mut self, wait: bool) -> Result<Option<Vec<u8>>, String> {
        if self.done() {
            return Ok(None);
        }
        let got = match &mut self.worker {
            Some(w) => match w.next(wait).await {
                // A worker that could not start (no script, a policy): the page reads instead.
                Err(_) if self.taken == 0.0 => {
                    self.worker = None;
                    self.whole().await
                }
                other => other,
            },
            None => self.whole().await,
        };
        #[allow(clippy::cast_precision_loss)]
        if let Ok(Some(bytes)) = &got {
            self.taken += bytes.len() as f64;
        }
        got
    }

    /// The whole file, read by the page.
    async fn whole(&self) -> Result<Option<Vec<u8>>, String> {
        let buf = JsFuture::from(self.file.array_buffer()).await.map_err(js_err)?;
        Ok(Some(copy_in(&buf)))
    }
}

/// A slice's bytes in wasm memory. Two copies (into a slice-sized buffer, then onto the end of
/// the file's) measured faster than one into a zeroed tail, which writes every byte once more.
fn copy_in(buf: &JsValue) -> Vec<u8> {
    js_sys::Uint8Array::new(buf).to_vec()
}

/// Slices read by `static/read-worker.js`, which reads `READS_IN_FLIGHT` ahead and one more
/// for each slice taken here. One is started ahead of need (a worker takes 40–70 ms to fetch
/// and start its script, which a file's first slice would otherwise wait for) and waits as
/// the spare until a file comes.
struct WorkerReads {
    worker: web_sys::Worker,
    /// Slices (or what went wrong) in the order they came.
    arrived: Rc<RefCell<std::collections::VecDeque<JsValue>>>,
    /// Resolves the promise [`WorkerReads::next`] waits on, when a message comes.
    wake: Rc<RefCell<Option<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static SPARE_READER: RefCell<Option<WorkerReads>> = const { RefCell::new(None) };
    /// A reading worker could not be created or its script failed: workers are not tried
    /// again (each file is then read by the page).
    static NO_WORKERS: Cell<bool> = const { Cell::new(false) };
}

/// Starts the spare reading worker if there is none (at app start, and as each file takes it).
pub fn warm_reader() {
    SPARE_READER.with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.is_none() {
            *spare = WorkerReads::spawn();
        }
    });
}

impl WorkerReads {
    /// A reading worker, started and waiting for a file; `None` where workers do not work.
    fn spawn() -> Option<Self> {
        if NO_WORKERS.with(Cell::get) {
            return None;
        }
        let Ok(worker) = web_sys::Worker::new("read-worker.js") else {
            NO_WORKERS.with(|no| no.set(true));
            return None;
        };
        let arrived = Rc::new(RefCell::new(std::collections::VecDeque::new()));
        let wake: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
        let deliver = {
            let (arrived, wake) = (arrived.clone(), wake.clone());
            move |v: JsValue| {
                arrived.borrow_mut().push_back(v);
                if let Some(resolve) = wake.borrow_mut().take() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
        };
        let on_message = {
            let deliver = deliver.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| deliver(e.data()))
        };
        // The script failed (before or after a file came): handled here, so not reported as
        // uncaught, and the page reads the file itself (see [`Slices::next`]).
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            NO_WORKERS.with(|no| no.set(true));
            deliver(JsValue::from_str("the reading worker failed"));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(WorkerReads {
            worker,
            arrived,
            wake,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Reads `file`: on the spare worker if there is one, and a new spare starts for the next.
    fn start(file: &web_sys::File) -> Option<Self> {
        let reads = SPARE_READER
            .with(|spare| spare.borrow_mut().take())
            .or_else(Self::spawn)?;
        warm_reader();
        let start = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&start, &k.into(), v).is_ok();
        #[allow(clippy::cast_precision_loss)]
        let ok = set("file", file) && set("chunk", &CHUNK.into()) && set("ahead", &(READS_IN_FLIGHT as f64).into());
        (ok && reads.worker.post_message(&start).is_ok()).then_some(reads)
    }

    async fn next(&mut self, wait: bool) -> Result<Option<Vec<u8>>, String> {
        if self.arrived.borrow().is_empty() {
            if !wait {
                return Ok(None);
            }
            let wake = self.wake.clone();
            let arrival = js_sys::Promise::new(&mut |resolve, _| {
                *wake.borrow_mut() = Some(resolve);
            });
            JsFuture::from(arrival).await.map_err(js_err)?;
        }
        let Some(v) = self.arrived.borrow_mut().pop_front() else {
            return Ok(None);
        };
        let buf = match v.dyn_into::<js_sys::ArrayBuffer>() {
            Ok(buf) => buf,
            // `{ error }` from the worker (e.g. the file changed on disk), or a worker failure.
            Err(v) => {
                let said = js_sys::Reflect::get(&v, &"error".into())
                    .ok()
                    .and_then(|e| e.as_string());
                return Err(said.or_else(|| v.as_string()).unwrap_or_else(|| js_err(v)));
            }
        };
        let _ = self.worker.post_message(&JsValue::from(1));
        Ok(Some(copy_in(&buf)))
    }
}

impl Drop for WorkerReads {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// How reading one input ended.
enum Read {
    Done(Box<FileJob>),
    Failed(String),
    Cancelled,
}

/// Reads a job's records in ~25 ms slices between yields. With `slices`, the job is fed the
/// file's bytes as they arrive and reads what is in while the browser reads the rest.
async fn read_records(
    mut job: FileJob,
    mut slices: Option<Slices>,
    progress: &mut [Loading],
    i: usize,
    dispatch: &UseReducerDispatcher<AppState>,
    shared: &LoaderState,
) -> Read {
    let mut last_progress = now_ms();
    loop {
        // Copying a slice counts against the task's 25 ms too (a wait for one shortens it).
        let start = now_ms();
        if let Some(s) = &mut slices {
            // Take one slice if it has arrived (copying more would lengthen this task), and
            // wait for slices only when nothing is left to read meanwhile.
            let mut took = false;
            while !took || !job.has_work() {
                match s.next(!job.has_work()).await {
                    Ok(Some(bytes)) => job.feed(&bytes),
                    Ok(None) => break,
                    Err(e) => return Read::Failed(e),
                }
                took = true;
                if shared.cancel.get() {
                    return Read::Cancelled;
                }
            }
            if s.done() {
                job.end_of_input();
                slices = None;
            }
        }
        let mut finished = false;
        while now_ms() - start < 25.0 && job.has_work() {
            let step = {
                let mut cx = shared.context.borrow_mut();
                job.step(&mut cx, 100)
            };
            match step {
                Progress::Done => {
                    finished = true;
                    break;
                }
                Progress::Reading(f) => progress[i].fraction = f,
            }
        }
        progress[i].records = job.records_so_far();
        if finished {
            progress[i].fraction = 1.0;
            return Read::Done(Box::new(job));
        }
        // The progress bar re-renders the app: about ten times a second is enough.
        if now_ms() - last_progress > 100.0 {
            last_progress = now_ms();
            dispatch.dispatch(Action::Progress(progress.to_vec()));
        }
        if yield_now(shared).await {
            return Read::Cancelled;
        }
    }
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
        let options = Options::default();
        let (job, slices) = match input {
            Input::File(f) => {
                let mut slices = Slices::new(f);
                match slices.next(true).await {
                    Ok(first) => {
                        let first = first.unwrap_or_default();
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        let total = slices.size as usize;
                        (Ok(FileJob::streaming(&name, first, total, options)), Some(slices))
                    }
                    Err(e) => (Err(e), None),
                }
            }
            Input::Text { text, .. } => (Ok(FileJob::new(&name, text.into_bytes(), options)), None),
            Input::Url { url, .. } => (fetch_bytes(&url).await.map(|b| FileJob::new(&name, b, options)), None),
        };
        let read = match job {
            Ok(job) => read_records(job, slices, &mut progress, i, &dispatch, &shared).await,
            Err(e) => Read::Failed(e),
        };
        let job = match read {
            Read::Done(job) => *job,
            Read::Failed(e) => {
                done.push(LoadedFile::unusable(
                    &name,
                    0,
                    format!("the file could not be read: {e}"),
                ));
                continue;
            }
            Read::Cancelled => break,
        };
        // Only what was actually read counts against the memory budget.
        #[allow(clippy::cast_precision_loss)]
        let read_bytes = job.size() as f64;
        budget_used += read_bytes;
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

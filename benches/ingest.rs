//! Native benchmark of the core: read + validate + type + merge + index, against a baseline
//! (serde_json parsing the same bytes into a `Value` tree), measured in the same run.
//!
//! `cargo bench --bench ingest [-- --sizes 10000,100000] [--markdown] [--phases]` (`--phases`: read,
//! merge and index times, and allocations per finding, on stderr). Peak memory comes from
//! a counting global allocator (heap bytes, not RSS), so it is exact and repeatable.
#![allow(unsafe_code)] // the counting allocator; the crate itself denies unsafe code

use inspector_viewer::generate::{Format, GenConfig, Layout, TimestampStyle};
use inspector_viewer::ingest::{read_file, Context, Dataset, Options};
use inspector_viewer::query::{Column, Filters, FindingIndex, Sort};
use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Allocation and reallocation calls (for `--phases`).
static CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: AllocLayout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        CALLS.fetch_add(1, Relaxed);
        if !p.is_null() {
            let now = CURRENT.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: AllocLayout) {
        unsafe { System.dealloc(p, l) };
        CURRENT.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: AllocLayout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        CALLS.fetch_add(1, Relaxed);
        if !q.is_null() {
            if new > l.size() {
                let now = CURRENT.fetch_add(new - l.size(), Relaxed) + (new - l.size());
                PEAK.fetch_max(now, Relaxed);
            } else {
                CURRENT.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f`, returning its value, seconds, and peak heap above the level at the start.
fn measure<T>(f: impl FnOnce() -> T) -> (T, f64, usize) {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let t = Instant::now();
    let v = f();
    let secs = t.elapsed().as_secs_f64();
    (v, secs, PEAK.load(Relaxed).saturating_sub(base))
}

fn mb(n: usize) -> f64 {
    n as f64 / 1e6
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sizes: Vec<u64> = args
        .iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let reps = if args.iter().any(|a| a == "--quick") { 1 } else { 3 };
    let phases = args.iter().any(|a| a == "--phases");
    println!("| findings | file (CLI v2, pretty) | baseline: serde_json → Value | ours: read+validate+type | ours: + merge + index | sort (every row) | search (every row, sorted order kept) | peak heap: baseline | peak heap: ours (input + records) | kept after load (records, no input) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let cfg = GenConfig::default()
            .with_findings(n)
            .with_format(Format::new(TimestampStyle::CliV2).with_offset(120).with_pretty(true))
            .with_layout(Layout::Single);
        let data = match cfg.build() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("generator: {e}");
                std::process::exit(1);
            }
        };
        let mut bytes = Vec::new();
        if let Err(e) = data.write_findings(&mut bytes, Layout::Single, cfg.format) {
            eprintln!("generator: {e}");
            std::process::exit(1);
        }
        let size = bytes.len();
        let mut base_t = Vec::new();
        let mut base_peak = 0;
        for _ in 0..reps {
            let (v, t, peak) = measure(|| serde_json::from_slice::<serde_json::Value>(&bytes).map(|v| v.is_object()));
            assert!(matches!(v, Ok(true)));
            base_t.push(t);
            base_peak = peak;
        }
        let mut read_t = Vec::new();
        let mut all_t = Vec::new();
        let mut our_peak = 0;
        let mut kept = 0;
        let mut query_t = Vec::new();
        let mut sort_t = Vec::new();
        for _ in 0..reps {
            let input = bytes.clone();
            let before = CURRENT.load(Relaxed).saturating_sub(size); // level without the input
            let ((ds, ix, t_read), t_all, peak) = measure(move || {
                let t = Instant::now();
                let calls = CALLS.load(Relaxed);
                let mut cx = Context::default();
                let f = read_file("bench.json", input, &mut cx, Options::default());
                let t_read = t.elapsed().as_secs_f64();
                if phases {
                    #[allow(clippy::cast_precision_loss)]
                    let per = (CALLS.load(Relaxed) - calls) as f64 / n as f64;
                    eprintln!("read {t_read:.3}s, {per:.1} allocations per finding");
                }
                assert!(f.usable(), "{:?}", f.report.error);
                let t1 = Instant::now();
                let ds = Dataset::merge(vec![Rc::new(f)]);
                let t2 = Instant::now();
                let ix = FindingIndex::build(&ds);
                if phases {
                    eprintln!(
                        "merge {:.3}s index {:.3}s",
                        (t2 - t1).as_secs_f64(),
                        t2.elapsed().as_secs_f64()
                    );
                }
                (ds, ix, t_read)
            });
            assert_eq!(ds.findings.len() as u64, n);
            read_t.push(t_read);
            all_t.push(t_all);
            our_peak = peak + size; // the input buffer was allocated before measuring
            kept = CURRENT.load(Relaxed).saturating_sub(before);
            let filters = Filters {
                search: "openssl".to_owned(),
                ..Filters::default()
            };
            // The UI ranks every facet's values while loading (Values::prepare_sort) and keeps
            // the sorted order of every row between keystrokes (FindingIndex::order): time a
            // new sort, then a keystroke's query in the kept order.
            let _ = ix.query(&Filters::default(), Sort::default());
            let sort = Sort {
                column: Column::Title,
                descending: false,
            };
            // Titles are ranked in idle slices after the first rows are shown; here the first
            // order ranks them.
            let _ = ix.order(sort);
            let (order, ts, _) = measure(|| ix.order(sort));
            sort_t.push(ts);
            let (_, tq, _) = measure(|| ix.query_in_order(&filters, &order, &[]).total);
            query_t.push(tq);
            drop((ds, ix));
        }
        let (b, r, a) = (median(base_t), median(read_t), median(all_t));
        println!(
            "| {n} | {:.1} MB | {:.3} s ({:.0} MB/s) | {:.3} s ({:.0} MB/s) | {:.3} s ({:.0} MB/s) | {:.1} ms | {:.1} ms | {:.0} MB ({:.2}× file) | {:.0} MB ({:.2}× file) | {:.0} MB ({:.2}× file) |",
            mb(size),
            b, mb(size) / b,
            r, mb(size) / r,
            a, mb(size) / a,
            median(sort_t) * 1e3,
            median(query_t) * 1e3,
            mb(base_peak), base_peak as f64 / size as f64,
            mb(our_peak), our_peak as f64 / size as f64,
            mb(kept), kept as f64 / size as f64,
        );
    }
}

// Browser benchmark: one run, same bytes, real headless Chromium on 127.0.0.1.
//
//   node tests/bench/browser-bench.mjs --out docs/bench-browser.md FILE[:label] ...
//
// Per file: Chromium's bare JSON.parse of the file's text (the baseline); drop → first rows
// visible with the right count; the longest main-thread task during the load (Long Tasks API);
// search / filter / sort latency (keystroke → updated count and rows, p50/p95); memory after
// load (JS heap + the app's wasm memory). Once: wasm size gzipped, first contentful paint.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { startServer } from '../e2e/server.mjs';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args.splice(outIdx, 2)[1] : null;
const files = args.map((a) => {
  const [file, label] = a.split(':');
  return { file: path.resolve(file), label: label ?? path.basename(file) };
});
if (!files.length) {
  console.error('usage: browser-bench.mjs [--out FILE.md] FILE[:label] ...');
  process.exit(2);
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const mb = (b) => (b / 1e6).toFixed(0) + ' MB';

function initScript() {
  window.__bench = { longTasks: [], fcp: null };
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__bench.longTasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch (e) {
    window.__bench.error = String(e);
  }
}

const server = await startServer(process.env.E2E_DIST ? { root: process.env.E2E_DIST } : {});
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const results = [];
let fcp = null;

for (const { file, label } of files) {
  const size = fs.statSync(file).size;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(initScript);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=file-input]');
  if (fcp == null) {
    // The paint entry can arrive a moment after the first element does.
    await page.waitForFunction(() => window.__bench.fcp != null, null, { timeout: 5000 }).catch(() => {});
    fcp = await page.evaluate(() => window.__bench.fcp);
  }

  // Baseline: the browser's own parser on the same bytes.
  await page.evaluate(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.id = 'bench-baseline';
    document.body.append(i);
  });
  await page.setInputFiles('#bench-baseline', file);
  const baseline = await page.evaluate(async () => {
    const f = document.getElementById('bench-baseline').files[0];
    // Reading the file is not part of the baseline (the app's load includes it): timed apart.
    const r0 = performance.now();
    const text = await f.text();
    const readMs = performance.now() - r0;
    gc?.();
    const heap0 = performance.memory.usedJSHeapSize;
    const t0 = performance.now();
    let v = JSON.parse(text);
    const ms = performance.now() - t0;
    const heap = performance.memory.usedJSHeapSize - heap0;
    const n = Array.isArray(v) ? v.length : (v.findings ?? []).length;
    v = null;
    document.getElementById('bench-baseline').remove();
    return { ms, heap, n, readMs };
  });
  // The Long Tasks API must be seen to work, or "no long task" would mean nothing: a task of
  // 80 ms on purpose has to be reported.
  await page.evaluate(() => { const t = performance.now(); while (performance.now() - t < 80); });
  const probe = await page.waitForFunction(() => window.__bench.longTasks.some((t) => t.dur >= 80), null, { timeout: 5000 }).then(() => true, () => false);
  if (!probe) throw new Error('the Long Tasks API reported no task for an 80 ms busy loop: long-task figures would be meaningless');
  await page.evaluate(() => { gc?.(); window.__bench.longTasks = []; });

  // The app: pick the file, wait for the right count and the first row.
  const t0 = Date.now();
  const loadStart = await page.evaluate(() => performance.now());
  await page.setInputFiles('[data-testid=file-input]', file);
  const sawProgress = await page.waitForSelector('[data-testid=progress]', { timeout: 10000 }).then(() => true, () => false);
  await page.waitForFunction(
    (n) => {
      const c = document.querySelector('[data-testid=finding-count]');
      return c && Number(c.dataset.total) === n && document.querySelector('[data-testid=finding-row]');
    },
    baseline.n,
    { timeout: 600000, polling: 50 },
  );
  const loadMs = Date.now() - t0;
  const longest = await page.evaluate((s) => {
    const tasks = window.__bench.longTasks.filter((t) => t.start >= s);
    const top = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 3).map((t) => `${t.dur.toFixed(0)} ms at +${(t.start - s).toFixed(0)}`);
    return { max: Math.max(0, ...tasks.map((t) => t.dur)), count: tasks.length, over100: tasks.filter((t) => t.dur > 100).length, top };
  }, loadStart);

  // Interaction latency: keystroke → updated count and rows, measured in the page.
  const measure = async (action) =>
    page.evaluate(async (action) => {
      // The count element carries the view (filters, sort) it was rendered for: done when it
      // shows a new view and the next frame has painted.
      const view = () => document.querySelector('[data-testid=finding-count]').dataset.view;
      const before = view();
      const t = performance.now();
      if (action.type === 'search') {
        const i = document.querySelector('[data-testid=search]');
        i.value = action.value;
        i.dispatchEvent(new InputEvent('input', { bubbles: true }));
      } else if (action.type === 'sort') {
        document.querySelector(`[data-testid=sort][data-column=${action.column}]`).click();
      } else if (action.type === 'facet') {
        document.querySelector(`[data-testid=severity-count][data-severity=${action.value}]`).click();
      }
      while (view() === before && performance.now() - t < 5000) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t;
    }, action);
  const words = ['openssl', 'ssh', 'kernel', 'CVE-2018', 'port 22', 'password', 'i-0', 'zz-no-match', 'prod', 'cis'];
  const search = [];
  for (const w of words) {
    search.push(await measure({ type: 'search', value: w }));
    search.push(await measure({ type: 'search', value: '' }));
  }
  const sort = [];
  for (const c of ['title', 'created', 'rule', 'instance', 'severity', 'package']) sort.push(await measure({ type: 'sort', column: c }));
  const facet = [];
  for (const s of ['High', 'High', 'Low', 'Low', 'Medium', 'Medium']) facet.push(await measure({ type: 'facet', value: s }));

  const memory = await page.evaluate(async () => {
    // What the page retains: V8 frees ArrayBuffer backing stores (the file's slices) in a
    // concurrent sweep after a collection, so one gc() right away can still count up to
    // ~160 MB of garbage. Collect, let the sweep finish, collect again.
    gc?.();
    await new Promise((r) => setTimeout(r, 500));
    gc?.();
    const wasm = Number(document.querySelector('[data-testid=memory]')?.dataset.bytes ?? 0);
    return { js: performance.memory.usedJSHeapSize, wasm };
  });
  results.push({ label, size, findings: baseline.n, baseline, loadMs, sawProgress, longest, search, sort, facet, memory });
  console.error(`${label}: load ${loadMs} ms (JSON.parse ${baseline.ms.toFixed(0)} ms, file.text() ${baseline.readMs.toFixed(0)} ms), longest task ${longest.max.toFixed(0)} ms, search p95 ${pct(search, 95).toFixed(1)} ms; longest tasks ${longest.top.join(', ')}; search ${search.map((x) => x.toFixed(0)).join(' ')}; sort ${sort.map((x) => x.toFixed(0)).join(' ')}; facet ${facet.map((x) => x.toFixed(0)).join(' ')}`);
  await context.close();
}
await browser.close();
await server.close();

const distDir = process.env.E2E_DIST ?? 'dist';
const wasmFile = fs.readdirSync(distDir).find((f) => f.endsWith('.wasm'));
const wasmGz = zlib.gzipSync(fs.readFileSync(path.join(distDir, wasmFile)), { level: 9 }).length;

const lines = [];
lines.push('| file | findings | size | JSON.parse (baseline) | file.text() (not in the baseline) | drop → rows shown | ratio | longest task (>100 ms count; the API reports tasks over 50 ms) | search p50 / p95 | sort p95 | facet p95 | JS heap + wasm after load | × file | JSON.parse heap |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const mem = r.memory.js + r.memory.wasm;
  lines.push(
    `| ${r.label} | ${r.findings} | ${mb(r.size)} | ${r.baseline.ms.toFixed(0)} ms | ${r.baseline.readMs.toFixed(0)} ms | ${r.loadMs} ms | ${(r.loadMs / r.baseline.ms).toFixed(2)}× | ${r.longest.count === 0 ? 'none over 50 ms' : `${r.longest.max.toFixed(0)} ms (${r.longest.over100})`} | ${pct(r.search, 50).toFixed(1)} / ${pct(r.search, 95).toFixed(1)} ms | ${pct(r.sort, 95).toFixed(1)} ms | ${pct(r.facet, 95).toFixed(1)} ms | ${mb(r.memory.js)} + ${mb(r.memory.wasm)} | ${(mem / r.size).toFixed(2)}× | ${mb(r.baseline.heap)} (${(r.baseline.heap / r.size).toFixed(2)}×) |`,
  );
}
lines.push('');
lines.push(`Wasm: ${wasmGz.toLocaleString('en-US')} bytes gzipped (zlib level 9) = ${(wasmGz / 1024).toFixed(1)} KiB (${wasmFile}). First contentful paint on 127.0.0.1: ${fcp == null ? 'n/a' : fcp.toFixed(0) + ' ms'}.`);
const text = lines.join('\n') + '\n';
if (out) fs.writeFileSync(out, text);
process.stdout.write(text);

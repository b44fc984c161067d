// Browser benchmark of many large files dropped at once (issue #5: "1M findings across 10 files
// load in one tab without crashing"): real headless Chromium on 127.0.0.1, all the files of a
// directory given to the file input in one go.
//
//   node tests/bench/many-files.mjs DIR EXPECTED_FINDINGS [--out FILE.md]
//
// Measures: pick → every finding shown (the count's total equals EXPECTED_FINDINGS and the
// progress bar is gone), the longest main-thread task meanwhile (Long Tasks API), the app's wasm
// memory and JS heap after the load, and whether the app reported an internal error or refused a
// file. Prints a Markdown table (and writes it to --out).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { startServer } from '../e2e/server.mjs';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args.splice(outIdx, 2)[1] : null;
const [dir, expectedArg] = args;
const expected = Number(expectedArg);
if (!dir || !Number.isInteger(expected) || expected <= 0) {
  console.error('usage: many-files.mjs DIR EXPECTED_FINDINGS [--out FILE.md]');
  process.exit(2);
}
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => path.resolve(dir, f));
const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);

const server = await startServer(process.env.E2E_DIST ? { root: process.env.E2E_DIST } : {});
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
});
await page.goto(server.url);
await page.waitForSelector('[data-testid=file-input]');
const t0 = Date.now();
await page.setInputFiles('[data-testid=file-input]', files);
// Done: every finding counted and no progress bar, or the app gave up (internal error panel).
await page.waitForFunction(
  (n) =>
    document.querySelector('[data-testid=fatal-error]') ||
    (Number(document.querySelector('[data-testid=finding-count]')?.dataset.total) === n &&
      !document.querySelector('[data-testid=progress]')),
  expected,
  { timeout: 1800000, polling: 200 },
);
const loadMs = Date.now() - t0;
const state = await page.evaluate(async () => {
  gc?.();
  await new Promise((r) => setTimeout(r, 500));
  gc?.();
  return {
    fatal: document.querySelector('[data-testid=fatal-error]')?.textContent ?? null,
    shown: Number(document.querySelector('[data-testid=finding-count]')?.dataset.total ?? 0),
    wasm: Number(document.querySelector('[data-testid=memory]')?.dataset.bytes ?? 0),
    js: performance.memory.usedJSHeapSize,
    longest: Math.max(0, ...window.__longTasks),
    over100: window.__longTasks.filter((d) => d > 100).length,
  };
});
await browser.close();
await server.close();

const gb = (b) => (b / 1e9).toFixed(2) + ' GB';
const table = [
  '| files | JSON | findings shown | pick → all shown | longest task (> 100 ms count) | wasm memory after | JS heap after | internal error |',
  '|---:|---:|---:|---:|---:|---:|---:|---|',
  `| ${files.length} | ${gb(bytes)} | ${state.shown.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} | ${(loadMs / 1000).toFixed(1)} s | ${state.longest.toFixed(0)} ms (${state.over100}) | ${gb(state.wasm)} (${(state.wasm / bytes).toFixed(2)}× the JSON) | ${(state.js / 1e6).toFixed(0)} MB | ${state.fatal ? 'yes: ' + state.fatal.slice(0, 120) : 'none'} |`,
].join('\n');
console.log(table);
if (out) fs.writeFileSync(out, table + '\n');
process.exit(state.fatal || state.shown !== expected ? 1 : 0);

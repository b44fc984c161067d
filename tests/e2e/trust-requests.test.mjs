// No requests: a full session (files, sample data, filters, sort, detail, runs, validation,
// every export, compare, report, triage, theme, time zone, paste) makes no request to another
// origin and no request other than GET, and only asks the server for files dist/ holds. The CSP
// in dist/index.html allows only the page's own origin, and the browser really enforces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openViewer } from './lib-viewer.mjs';
import { DIST } from './harness.mjs';
import { describeFindings } from './fixtures.mjs';

const T = 240_000;

/** The CSP meta of an HTML file as {directive: [sources]}. */
function cspOf(html) {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP meta');
  return Object.fromEntries(
    metas[0][1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k.toLowerCase(), v]),
  );
}

/** Every file under dir, as URL paths relative to it. */
function listFiles(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

test('the CSP in dist/index.html allows only this origin; no remote script, style, font or image anywhere in dist/', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = cspOf(html);
  assert.deepEqual(csp['default-src'], ["'self'"]);
  assert.deepEqual(csp['script-src'], ["'self'", "'wasm-unsafe-eval'"], 'no unsafe-inline / unsafe-eval / hosts');
  assert.deepEqual(csp['style-src'], ["'self'"], 'no inline styles, no hosts');
  assert.deepEqual(csp['connect-src'], ["'self'"]);
  assert.deepEqual(csp['object-src'], ["'none'"]);
  assert.deepEqual(csp['base-uri'], ["'none'"]);
  assert.deepEqual(csp['form-action'], ["'none'"]);
  assert.deepEqual(csp['img-src'], ["'self'", 'data:', 'blob:']);
  for (const [d, sources] of Object.entries(csp)) {
    for (const s of sources) {
      assert.ok(/^'(self|none|wasm-unsafe-eval)'$|^(data|blob):$/.test(s), `${d} allows ${s}`);
    }
  }
  // font-src and the rest fall back to default-src 'self': no remote fonts.
  assert.equal(csp['font-src'], undefined);
  // No reference to another origin in the page or its styles.
  const markup = html.replace(/<meta\s+http-equiv[^>]*>/i, '');
  const refs = [...markup.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
  for (const r of refs) assert.ok(/^(\.\/|data:)/.test(r) && !r.startsWith('.//'), `relative or data: reference only: ${r}`);
  for (const css of fs.readdirSync(DIST).filter((f) => f.endsWith('.css'))) {
    const text = fs.readFileSync(path.join(DIST, css), 'utf8');
    assert.doesNotMatch(text, /@import|url\(\s*['"]?(https?:)?\/\//i, `${css}: no remote imports, fonts or images`);
  }
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline script in index.html');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute in index.html');
});

test('the browser enforces that CSP: other origins, inline script and eval are refused', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const out = await app.page.evaluate(async () => {
    const r = {};
    r.fetch = await fetch('https://example.com/beacon').then(() => 'sent', (e) => `refused ${e.name}`);
    // Code from a string, run by the page itself (DevTools' own evaluation is exempt from CSP).
    setTimeout('window.__evaled = 1', 0);
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    r.inline = window.__inline === 1 ? 'ran' : 'refused';
    s.remove();
    navigator.sendBeacon('https://example.com/beacon', 'x'); // returns true (queued); the CSP stops it
    await new Promise((res) => setTimeout(res, 300));
    r.eval = window.__evaled === 1 ? 'ran' : 'refused';
    return r;
  });
  assert.deepEqual(out, { fetch: 'refused TypeError', inline: 'refused', eval: 'refused' });
  const v = (await app.cspViolations()).map((x) => x.directive).sort();
  assert.deepEqual(v, ['connect-src', 'connect-src', 'script-src', 'script-src-elem'], 'the CSP reported each');
  assert.deepEqual(app.offOriginRequests(), [], 'nothing reached the network');
});

test('a full session makes no request to another origin and no non-GET request', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const page = app.page;
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  const downloads = [];
  const dl = async (locator) => {
    const [d] = await Promise.all([page.waitForEvent('download'), locator.click()]);
    assert.equal(await d.failure(), null);
    downloads.push(d.suggestedFilename());
  };

  // Own files (picker and drop), then the sample data.
  const fx = describeFindings();
  await app.load([{ name: 'own.json', text: fx.text }]);
  await app.waitForCount(fx.count);
  await app.byTestId('open-samples').click();
  const samples = JSON.parse(fs.readFileSync(path.join(DIST, 'samples', 'index.json'), 'utf8')).files;
  await app.waitForFiles(['own.json', ...samples], 60_000);

  // Filter, search, sort, group, detail (copy ARN), open the run from it.
  await app.byTestId('severity-count', { 'data-severity': 'High' }).click();
  await app.byTestId('search').fill('openssl');
  await app.byTestId('search').fill('');
  for (const s of (await app.byTestId('sort').all()).slice(0, 3)) await s.click();
  await app.byTestId('group-by').selectOption({ index: 1 });
  await app.byTestId('group-by').selectOption({ index: 0 });
  await app.byTestId('finding-row').first().click();
  await app.byTestId('finding-detail').waitFor();
  await app.byTestId('copy-arn').click();
  await page.locator('details.raw summary').click();

  // Triage: mark, note, save, export, import.
  await app.byTestId('triage-status').selectOption('accepted-risk');
  await app.byTestId('triage-note').fill('reviewed');
  await app.byTestId('triage-save').click();
  await dl(app.byTestId('triage-export'));

  // Every export of the findings view.
  if ((await app.byTestId('charts-toggle').getAttribute('aria-expanded')) === 'false') await app.byTestId('charts-toggle').click();
  await app.waitForCanvasInk(app.byTestId('chart', { 'data-chart': 'severity' }));
  for (const [id, attrs] of [
    ['export-csv', {}],
    ['export-csv-visible', {}],
    ['export-json', {}],
    ['export-png', { 'data-chart': 'severity' }],
    ['export-png', { 'data-chart': 'runs' }],
  ]) {
    await app.byTestId('export-toggle').click();
    await dl(app.byTestId(id, attrs));
  }

  // Runs, a run's detail; validation; report; compare (runs and CSV).
  await app.byTestId('tab-runs').click();
  await app.byTestId('run-row').first().click();
  await app.byTestId('run-detail').first().waitFor();
  await app.byTestId('tab-validation').click();
  await app.byTestId('validation-summary').waitFor();
  await app.byTestId('findings-report').click();
  await app.byTestId('report').waitFor();
  await app.byTestId('report-landscape').check();
  await app.byTestId('report-close').click();
  await app.byTestId('compare').click();
  await app.byTestId('compare-view').waitFor();
  await dl(app.byTestId('export-compare-csv'));

  // Theme, time zone, shortcut help, paste.
  await app.byTestId('theme-toggle').click();
  await app.byTestId('theme-toggle').click();
  await app.byTestId('tz-toggle').click();
  await app.byTestId('help-toggle').click();
  await app.byTestId('help-toggle').click();
  await app.byTestId('tab-findings').click();
  await app.byTestId('paste-toggle').click();
  await app.byTestId('paste-area').fill(JSON.stringify(describeFindings({ severities: ['Low'] }).doc));
  await app.byTestId('paste-load').click();
  await app.waitForFiles(['pasted-1.json']);
  // Back and forward through the URL history, and a reload (marks restored from storage).
  await page.goBack();
  await page.goForward();
  await page.reload();
  await app.waitForStart();
  assert.equal(downloads.length, 7, `downloads: ${downloads}`);

  // Browser side: nothing off-origin, nothing but GET.
  assert.deepEqual(app.offOriginRequests(), [], 'requests to other origins');
  assert.deepEqual(
    app.requests.filter((r) => r.method !== 'GET'),
    [],
    'non-GET requests',
  );
  // Server side: only GETs of files that dist/ holds, all found.
  const files = new Set(['', ...listFiles(DIST)]);
  const bad = app.server.requests.filter((r) => {
    const p = decodeURIComponent(new URL(r.url, 'http://x').pathname.slice(1));
    return r.method !== 'GET' || r.status !== 200 || !files.has(p);
  });
  assert.deepEqual(bad, [], 'the server only served files of dist/');
  t.diagnostic(
    `${app.requests.length} requests, by type: ${JSON.stringify(
      app.requests.reduce((m, r) => ({ ...m, [r.type]: (m[r.type] ?? 0) + 1 }), {}),
    )}`,
  );
  await app.assertClean();
});

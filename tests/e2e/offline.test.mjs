// The single-file offline build (dist/inspector-viewer-offline.html, written by scripts/offline.mjs
// from scripts/build.sh): opened straight from disk (file://, no server) in headless Chromium, it
// starts, loads a findings file through the file input, draws the charts, and makes no request
// at all. Its CSP allows only its own two inline blocks (by hash) and wasm compilation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launchBrowser, testIdSelector } from './harness.mjs';
import { describeFindings, writeTemp } from './fixtures.mjs';

const OFFLINE = path.join(DIST, 'inspector-viewer-offline.html');
const T = 90_000;

function readOffline() {
  assert.ok(fs.existsSync(OFFLINE), `${OFFLINE} is missing: scripts/build.sh (make build) must write it`);
  return fs.readFileSync(OFFLINE, 'utf8');
}

/** The CSP meta of `html` as {directive: [values]}. */
function cspOf(html) {
  const m = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
  assert.ok(m, 'the offline file has a CSP meta');
  return Object.fromEntries(
    m[1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v]),
  );
}

const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('the offline file is self-contained and its CSP allows exactly its own inline script and style', () => {
  const html = readOffline();
  const csp = cspOf(html);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)];
  assert.equal(scripts.length, 1, 'one inline script');
  assert.equal(styles.length, 1, 'one inline style');
  assert.match(scripts[0][1], /type="module"/);
  assert.doesNotMatch(scripts[0][1], /\bsrc=/, 'the script is inline');
  assert.deepEqual(csp['default-src'], ["'none'"]);
  assert.deepEqual(csp['script-src'], [sha(scripts[0][2]), "'wasm-unsafe-eval'"], 'script-src = the script hash + wasm');
  assert.deepEqual(csp['style-src'], [sha(styles[0][2])], 'style-src = the style hash');
  assert.deepEqual(csp['connect-src'], ["'none'"]);
  assert.deepEqual(csp['object-src'], ["'none'"]);
  assert.deepEqual(csp['base-uri'], ["'none'"]);
  assert.deepEqual(csp['img-src'], ['data:', 'blob:']);
  // Outside the inline blocks, nothing refers to another file or origin.
  const markup = html.replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<style\b[\s\S]*?<\/style>/g, '');
  const refs = [...markup.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(refs.filter((r) => !r.startsWith('data:')), [], 'only data: references in the markup');
  assert.doesNotMatch(styles[0][2], /@import|url\(\s*['"]?(?:https?:|\/\/)/i, 'no remote CSS');
  assert.doesNotMatch(scripts[0][2], /^\s*import\s/m, 'no static imports in the inline module');
});

test('opened from file:// with no server: loads a findings file, draws charts, no request, no error', { timeout: T }, async (t) => {
  readOffline();
  const browser = await launchBrowser();
  t.after(() => browser.close().catch(() => {}));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const requests = [];
  const consoleErrors = [];
  const pageErrors = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  page.on('websocket', (ws) => requests.push({ url: ws.url(), type: 'websocket' }));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => pageErrors.push(String(e?.stack ?? e)));
  // Anything that is not this very file is aborted (and recorded above).
  const self = pathToFileURL(OFFLINE).href;
  await context.route(
    (url) => url.href.split('#')[0] !== self && !/^(data|blob):/.test(url.protocol),
    (route) => route.abort('blockedbyclient'),
  );
  await page.addInitScript(() => {
    window.__e2e = { started: false, cspViolations: [] };
    addEventListener('TrunkApplicationStarted', () => (window.__e2e.started = true));
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__e2e.cspViolations.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample }),
    );
  });

  const started = Date.now();
  await page.goto(self, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__e2e?.started || document.body?.dataset.bootError, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.bootError), undefined, 'the app started');
  const bootMs = Date.now() - started;
  t.diagnostic(`offline file ${(fs.statSync(OFFLINE).size / 1024 / 1024).toFixed(2)} MiB, started in ${bootMs} ms`);
  assert.equal(await page.locator(testIdSelector('open-samples')).isVisible(), false, 'no sample button offline');

  const fx = describeFindings({ severities: ['High', 'High', 'Medium', 'Low', 'Informational', 'Medium', 'High'] });
  await page.locator(testIdSelector('file-input')).setInputFiles(writeTemp('offline-findings.json', fx.text));
  const row = page.locator(testIdSelector('loaded-file', { 'data-file': 'offline-findings.json' }));
  await row.waitFor();
  assert.equal(await row.getAttribute('data-kind'), 'DescribeFindings');
  assert.equal(await row.getAttribute('data-records'), String(fx.count));
  assert.equal(await row.getAttribute('data-errors'), '0');
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="finding-count"]')?.textContent.replace(/[^0-9]/g, '') === String(n),
    fx.count,
  );
  const sev = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="severity-count"]')].map((e) => [e.dataset.severity, Number(e.dataset.count)]),
    ),
  );
  for (const [s, n] of Object.entries(fx.bySeverity)) assert.equal(sev[s], n, `${s} findings`);

  // The severity chart is drawn (pixels on the canvas).
  const chart = page.locator(testIdSelector('chart', { 'data-chart': 'severity' }));
  await chart.waitFor();
  let ink = 0;
  for (let i = 0; i < 100 && ink < 200; i++) {
    ink = await chart.evaluate((c) => {
      const s = document.createElement('canvas');
      s.width = c.width;
      s.height = c.height;
      const x = s.getContext('2d', { willReadFrequently: true });
      x.drawImage(c, 0, 0);
      const d = x.getImageData(0, 0, s.width, s.height).data;
      let n = 0;
      for (let j = 0; j < d.length; j += 4) if (d[j] !== d[0] || d[j + 1] !== d[1] || d[j + 2] !== d[2] || d[j + 3] !== d[3]) n++;
      return n;
    });
    if (ink < 200) await page.waitForTimeout(100);
  }
  assert.ok(ink >= 200, `severity chart drawn (${ink} px)`);

  // A finding's detail, and a CSV export (a blob: download, no request).
  await page.locator(testIdSelector('finding-row')).first().click();
  await page.locator(testIdSelector('finding-detail')).waitFor();
  await page.locator(testIdSelector('export-toggle')).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(testIdSelector('export-csv')).click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(csv.trim().split('\n').length, fx.count + 1, 'CSV: header + one line per finding');

  assert.deepEqual(await page.evaluate(() => window.__e2e.cspViolations), [], 'CSP violations');
  assert.deepEqual(consoleErrors, [], 'console errors');
  assert.deepEqual(pageErrors, [], 'page errors');
  const network = requests.filter((r) => r.url.split('#')[0] !== self && !/^(data|blob):/.test(r.url));
  assert.deepEqual(network, [], 'no request other than the file itself (and data:/blob:)');

  // The CSP is enforced from file:// too: a fetch anywhere is refused by connect-src 'none'.
  const blocked = await page.evaluate(() =>
    fetch('https://example.invalid/x').then(
      () => 'fetched',
      (e) => `refused: ${e.message}`,
    ),
  );
  assert.match(blocked, /^refused/);
  // The violation event is a separate task that may come after the fetch's rejection.
  await page.waitForFunction(() => window.__e2e.cspViolations.length > 0, null, { timeout: 5000 }).catch(() => {});
  const v = await page.evaluate(() => window.__e2e.cspViolations);
  assert.deepEqual(v.map((x) => x.directive), ['connect-src'], 'the fetch was stopped by the CSP');
});

// E2E harness: serves dist/ on 127.0.0.1 (random port), drives Debian's Chromium through
// playwright-core, and records everything the page does that a test may want to assert on.
//
//   import { openApp } from './harness.mjs';
//   test('x', async (t) => {
//     const app = await openApp(t);          // closed automatically when the test ends
//     await app.byTestId('file-input').setInputFiles(path);
//     app.assertClean();                      // no CSP violation, console error, page error, off-origin request
//   });
//
// Env: CHROMIUM_BIN (default /usr/bin/chromium), E2E_DIST (default <repo>/dist),
//      E2E_SLOWMO (ms, for debugging), E2E_BOOT_TIMEOUT (ms, default 30000).
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(process.env.E2E_DIST ?? path.join(HERE, '..', '..', 'dist'));
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const BOOT_TIMEOUT = Number(process.env.E2E_BOOT_TIMEOUT ?? 30000);

/** Launch Chromium (a fresh temporary profile every time). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    slowMo: Number(process.env.E2E_SLOWMO ?? 0) || undefined,
  });
}

// Runs in every page before any of the page's own scripts. Injected over CDP, so the page's
// CSP does not apply to it.
function initScript() {
  window.__e2e = { started: false, cspViolations: [] };
  addEventListener('TrunkApplicationStarted', () => {
    window.__e2e.started = true;
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__e2e.cspViolations.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blockedURI: e.blockedURI,
      sample: e.sample,
      sourceFile: e.sourceFile,
      line: e.lineNumber,
    });
  });
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome-error:']);

/**
 * Serve dist/, open it in a new browser page, and wait until the wasm app has started
 * (Trunk's `TrunkApplicationStarted` event, fired by static/boot.js).
 *
 * @param {import('node:test').TestContext} [t]  when given, everything is closed after the test
 * @param {object} [opts]
 * @param {string} [opts.mount]     serve the site under this path (default '/')
 * @param {string} [opts.path]      page path relative to the site, e.g. '?demo' (default '')
 * @param {boolean} [opts.waitForStart]  default true
 * @param {(page: import('playwright-core').Page) => Promise<void>} [opts.beforeGoto]  run before the first page load
 */
export async function openApp(t, opts = {}) {
  const server = await startServer({ root: DIST, mount: opts.mount ?? '/' });
  const browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  const requests = []; // every request the page (or its workers) made, as seen by the browser
  const consoleMessages = [];
  const pageErrors = [];
  const origin = server.origin;
  const isOffOrigin = (u) => {
    let url;
    try {
      url = new URL(u);
    } catch {
      return true;
    }
    if (LOCAL_SCHEMES.has(url.protocol)) return false;
    return url.origin !== origin;
  };

  // Nothing may leave the origin: record and abort anything that tries.
  await context.route(
    (url) => isOffOrigin(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  page.on('websocket', (ws) => requests.push({ url: ws.url(), method: 'GET', type: 'websocket' }));
  page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text(), location: m.location() }));
  page.on('pageerror', (e) => pageErrors.push(String(e?.stack ?? e)));
  await page.addInitScript(initScript);

  const app = {
    server,
    browser,
    context,
    page,
    origin,
    url: server.url + (opts.path ?? ''),
    requests,
    consoleMessages,
    pageErrors,
    /** Requests (browser side) to any origin other than the served one. */
    offOriginRequests: () => requests.filter((r) => isOffOrigin(r.url)),
    consoleErrors: () => consoleMessages.filter((m) => m.type === 'error'),
    cspViolations: () => page.evaluate(() => window.__e2e?.cspViolations ?? []),
    /** Locator for `[data-testid=id]`, optionally with more attribute filters: {'data-chart': 'severity'}. */
    byTestId: (id, attrs = {}) => page.locator(testIdSelector(id, attrs)),
    /** Wait until the wasm app has started; throws with the boot error if it failed. */
    waitForStart: async () => {
      await page.waitForFunction(() => window.__e2e?.started || document.body?.dataset.bootError, null, {
        timeout: BOOT_TIMEOUT,
      });
      const bootError = await page.evaluate(() => document.body.dataset.bootError);
      assert.equal(bootError, undefined, `app failed to start: ${bootError}`);
    },
    /** Set files on the app's file input: paths, or {name, text} objects. */
    setFiles: (files) => app.byTestId('file-input').setInputFiles(files.map(toInputFile)),
    /** Drop files ({name, text, type?}) onto `selector` (default body) via synthetic drag events. */
    dropFiles: (files, selector = 'body') => dropFiles(page, files, selector),
    /** Count the pixels of a canvas that differ from its top-left pixel. */
    canvasInk: (locator) => canvasInk(locator),
    /** Wait until a canvas has at least `min` non-background pixels; returns the count. */
    waitForCanvasInk: (locator, min = 200, timeout = 15000) => waitForCanvasInk(page, locator, min, timeout),
    /** Assert no CSP violation, console error, uncaught page error or off-origin request so far. */
    assertClean: async () => {
      assert.deepEqual(await app.cspViolations(), [], 'CSP violations');
      assert.deepEqual(app.consoleErrors(), [], 'console errors');
      assert.deepEqual(app.pageErrors, [], 'uncaught page errors');
      assert.deepEqual(app.offOriginRequests(), [], 'requests to other origins');
    },
    close: async () => {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
  if (t) t.after(() => app.close());

  try {
    // e.g. routes that must be in place before the app's first request
    if (opts.beforeGoto) await opts.beforeGoto(page);
    await page.goto(app.url, { waitUntil: 'load' });
    if (opts.waitForStart ?? true) await app.waitForStart();
  } catch (err) {
    if (!t) await app.close();
    throw err;
  }
  return app;
}

export function testIdSelector(id, attrs = {}) {
  const esc = (s) => String(s).replace(/["\\]/g, '\\$&');
  return (
    `[data-testid="${esc(id)}"]` +
    Object.entries(attrs)
      .map(([k, v]) => `[${k}="${esc(v)}"]`)
      .join('')
  );
}

function toInputFile(f) {
  if (typeof f === 'string') return f;
  return { name: f.name, mimeType: f.type ?? 'application/json', buffer: Buffer.from(f.text) };
}

async function dropFiles(page, files, selector) {
  await page.evaluate(
    ({ files, selector }) => {
      const target = document.querySelector(selector);
      if (!target) throw new Error(`drop target ${selector} not found`);
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name, { type: f.type ?? 'application/json' }));
      const rect = target.getBoundingClientRect();
      const at = { clientX: rect.left + rect.width / 2, clientY: rect.top + Math.min(rect.height / 2, 200) };
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt, ...at }));
      }
    },
    { files, selector },
  );
}

async function canvasInk(locator) {
  return locator.evaluate((canvas) => {
    const w = canvas.width;
    const h = canvas.height;
    if (!w || !h) return 0;
    // Copy onto a scratch canvas: works whatever context the app's canvas uses.
    const scratch = document.createElement('canvas');
    scratch.width = w;
    scratch.height = h;
    const ctx = scratch.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(canvas, 0, 0);
    const px = ctx.getImageData(0, 0, w, h).data;
    const [r0, g0, b0, a0] = px;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] !== r0 || px[i + 1] !== g0 || px[i + 2] !== b0 || px[i + 3] !== a0) n++;
    }
    return n;
  });
}

async function waitForCanvasInk(page, locator, min, timeout) {
  const deadline = Date.now() + timeout;
  let n = 0;
  while (Date.now() < deadline) {
    n = await canvasInk(locator);
    if (n >= min) return n;
    await page.waitForTimeout(100);
  }
  assert.fail(`canvas has only ${n} non-background pixels after ${timeout} ms (wanted >= ${min})`);
}

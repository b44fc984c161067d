// Helpers for the viewer e2e tests (viewer-*.test.mjs): an `openApp` that accepts browser
// context options (time zone, permissions), and small readers of the app's DOM.
import assert from 'node:assert/strict';
import { openApp as harnessOpenApp, launchBrowser, testIdSelector, DIST } from './harness.mjs';
import { startServer } from './server.mjs';
import { PACKAGES, SEVERITY_RANK } from './lib-viewer-data.mjs';

export const T = 90_000; // per-test timeout

/**
 * Like harness.openApp, plus `contextOptions` for `browser.newContext` (e.g. timezoneId,
 * permissions). Without contextOptions it is harness.openApp itself. The returned object has
 * the same shape (byTestId, setFiles, dropFiles, assertClean, …).
 */
export async function openViewer(t, opts = {}) {
  if (!opts.contextOptions) {
    const app = await harnessOpenApp(t, opts);
    return decorate(app);
  }
  // Same recorder as the harness, on a context created with the extra options.
  const server = await startServer({ root: DIST, mount: '/' });
  const browser = await launchBrowser();
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    ...opts.contextOptions,
  });
  const page = await context.newPage();
  const requests = [];
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
    if (['data:', 'blob:', 'about:', 'chrome-error:'].includes(url.protocol)) return false;
    return url.origin !== origin;
  };
  await context.route((url) => isOffOrigin(url.href), (route) => route.abort('blockedbyclient'));
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text(), location: m.location() }));
  page.on('pageerror', (e) => pageErrors.push(String(e?.stack ?? e)));
  await page.addInitScript(() => {
    window.__e2e = { started: false, cspViolations: [] };
    addEventListener('TrunkApplicationStarted', () => {
      window.__e2e.started = true;
    });
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__e2e.cspViolations.push({ directive: e.effectiveDirective || e.violatedDirective, blockedURI: e.blockedURI });
    });
  });
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
    offOriginRequests: () => requests.filter((r) => isOffOrigin(r.url)),
    consoleErrors: () => consoleMessages.filter((m) => m.type === 'error'),
    cspViolations: () => page.evaluate(() => window.__e2e?.cspViolations ?? []),
    byTestId: (id, attrs = {}) => page.locator(testIdSelector(id, attrs)),
    waitForStart: async () => {
      await page.waitForFunction(() => window.__e2e?.started || document.body?.dataset.bootError, null, { timeout: 30000 });
      const bootError = await page.evaluate(() => document.body.dataset.bootError);
      assert.equal(bootError, undefined, `app failed to start: ${bootError}`);
    },
    setFiles: (files) =>
      app.byTestId('file-input').setInputFiles(
        files.map((f) => (typeof f === 'string' ? f : { name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })),
      ),
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
  if (opts.beforeGoto) await opts.beforeGoto(page);
  await page.goto(app.url, { waitUntil: 'load' });
  await app.waitForStart();
  return decorate(app);
}

/** Adds the viewer-specific readers to an app object. */
function decorate(app) {
  const page = app.page;
  page.setDefaultTimeout(15_000);
  Object.assign(app, {
    /** The number `finding-count` shows (matching findings). */
    findingCount: async () => Number((await app.byTestId('finding-count').textContent()).replace(/[^0-9]/g, '')),
    /** Waits until `finding-count` shows `n`. */
    waitForCount: async (n, timeout = 10_000) => {
      try {
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="finding-count"]')?.textContent.replace(/[^0-9]/g, '') === String(n),
          n,
          { timeout },
        );
      } catch {
        const now = await page.evaluate(() => document.querySelector('[data-testid="finding-count"]')?.textContent ?? '(none)');
        assert.fail(`finding-count should become ${n}, shows ${now}`);
      }
    },
    /** Waits until every named file is listed (loaded or unusable). */
    waitForFiles: async (names, timeout = 30_000) => {
      await page.waitForFunction(
        (names) => {
          const have = new Set([...document.querySelectorAll('[data-testid="loaded-file"]')].map((e) => e.dataset.file));
          return names.every((n) => have.has(n)) && !document.querySelector('[data-testid="progress"]');
        },
        names,
        { timeout },
      );
    },
    /** data-* of every `loaded-file` row, by file name. */
    loadedFiles: () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('[data-testid="loaded-file"]')].map((e) => [
            e.dataset.file,
            { kind: e.dataset.kind, records: Number(e.dataset.records), errors: Number(e.dataset.errors), warnings: Number(e.dataset.warnings) },
          ]),
        ),
      ),
    /** data-arn of the rendered finding rows, in display order. */
    rowArns: () => page.evaluate(() => [...document.querySelectorAll('[data-testid="finding-row"]')].map((e) => e.dataset.arn)),
    /** Text of one column's cells of the rendered rows. */
    columnTexts: (column) =>
      page.evaluate(
        (c) => [...document.querySelectorAll('[data-testid="finding-row"]')].map((e) => e.querySelector(`.col-${c}`)?.textContent ?? null),
        column,
      ),
    /** Every row of the (virtualised) table: scrolls it top to bottom, collecting data-arn. */
    allRowArns: async () => {
      return page.evaluate(async () => {
        const body = document.querySelector('[data-testid="findings-table"]');
        const seen = [];
        const have = new Set();
        const collect = () => {
          for (const e of document.querySelectorAll('[data-testid="finding-row"]')) {
            if (!have.has(e.dataset.arn)) {
              have.add(e.dataset.arn);
              seen.push(e.dataset.arn);
            }
          }
        };
        body.scrollTop = 0;
        body.dispatchEvent(new Event('scroll'));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
        collect();
        while (body.scrollTop + body.clientHeight < body.scrollHeight - 1) {
          body.scrollTop += Math.max(100, body.clientHeight - 60);
          body.dispatchEvent(new Event('scroll'));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
          collect();
        }
        body.scrollTop = 0;
        body.dispatchEvent(new Event('scroll'));
        return seen;
      });
    },
    /** The chart's hidden data table as [[label, count], …]. */
    chartTable: (name) =>
      page.evaluate(
        (name) =>
          [...document.querySelectorAll(`[data-chart-table="${name}"] tbody tr`)].map((tr) =>
            [...tr.children].map((c) => c.textContent),
          ),
        name,
      ),
    /** location.hash, decoded. */
    hash: () => page.evaluate(() => location.hash),
    severityCounts: () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('[data-testid="severity-count"]')].map((e) => [e.dataset.severity, Number(e.dataset.count)]),
        ),
      ),
    /** {value: count} of a facet, read from the DOM. */
    facetCounts: (dim) =>
      page.evaluate(
        (dim) =>
          Object.fromEntries(
            [...document.querySelectorAll(`[data-testid="facet-value"][data-dim="${dim}"]`)].map((e) => [
              e.dataset.value,
              Number(e.closest('label').querySelector('.facet-count').textContent),
            ]),
          ),
        dim,
      ),
    /** Opens a facet's <details> (some start closed) and toggles one value. */
    toggleFacet: async (dim, value) => {
      const box = app.byTestId('facet', { 'data-dim': dim });
      if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
      await app.byTestId('facet-value', { 'data-dim': dim, 'data-value': value }).click();
    },
    /** Loads `files` ({name, text} or paths) with the file picker and waits for them. */
    load: async (files, names) => {
      await app.setFiles(files);
      await app.waitForFiles(names ?? files.map((f) => (typeof f === 'string' ? f.split('/').pop() : f.name)));
    },
  });
  return app;
}

/** Counts of `items` by `key(item)`. */
export function countBy(items, key) {
  const out = {};
  for (const x of items) {
    const k = key(x);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Severity counts (all five, zero included) of findings `xs` ({f}). */
export function severityCounts(xs) {
  const out = { High: 0, Medium: 0, Low: 0, Informational: 0, Undefined: 0 };
  for (const x of xs) out[x.f.severity] += 1;
  return out;
}

/** Thousands separators like the chart tables (`1,234`). */
export const fmtCount = (n) => n.toLocaleString('en-US');

/** The app's natural order: case-insensitive, digit runs compared as numbers (ASCII data). */
export function naturalCmp(a, b) {
  const digit = (c) => c >= '0' && c <= '9';
  let i = 0;
  let j = 0;
  for (;;) {
    if (i >= a.length && j >= b.length) return a < b ? -1 : a > b ? 1 : 0;
    if (i >= a.length) return -1;
    if (j >= b.length) return 1;
    if (digit(a[i]) && digit(b[j])) {
      let ni = i;
      while (ni < a.length && digit(a[ni])) ni++;
      let nj = j;
      while (nj < b.length && digit(b[nj])) nj++;
      const x = a.slice(i, ni).replace(/^0+/, '');
      const y = b.slice(j, nj).replace(/^0+/, '');
      if (x.length !== y.length) return x.length - y.length;
      if (x !== y) return x < y ? -1 : 1;
      i = ni;
      j = nj;
    } else {
      const c = a[i].toLowerCase();
      const d = b[j].toLowerCase();
      if (c !== d) return c < d ? -1 : 1;
      i++;
      j++;
    }
  }
}

/** `2019-01-15 14:05:00 UTC` for epoch seconds (the app's UTC display). */
export function utcDisplay(secs) {
  return new Date(secs * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** What a findings-table cell shows for dataset entry `x`, per column key. */
export function cellText(x, column) {
  const f = x.f;
  switch (column) {
    case 'severity':
      return f.severity;
    case 'title':
      return f.title;
    case 'rule':
      return f.id;
    case 'package':
      return PACKAGE_NAMES[f.serviceAttributes.rulesPackageArn] ?? f.serviceAttributes.rulesPackageArn;
    case 'instance':
      return `${x.instance.id} (${x.instance.name})`;
    case 'ip':
      return f.assetAttributes.ipv4Addresses[0];
    case 'run':
      return x.run.name;
    case 'created':
      return utcDisplay(x.created);
    default:
      throw new Error(column);
  }
}
const PACKAGE_NAMES = Object.fromEntries(Object.values(PACKAGES).map((p) => [p.arn, p.name]));

/**
 * The app's table order for `column` (ascending or not): severity by rank (High first when
 * descending), created by time, text columns in natural order; ties newest first.
 */
export function sortFindings(xs, column, descending) {
  const primary = (a, b) => {
    switch (column) {
      case 'severity':
        return SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity]; // ascending = least severe first
      case 'created':
        return a.created - b.created;
      case 'instance':
        return naturalCmp(a.instance.id, b.instance.id);
      default:
        return naturalCmp(cellText(a, column), cellText(b, column));
    }
  };
  return [...xs].sort((a, b) => (descending ? -primary(a, b) : primary(a, b)) || b.created - a.created);
}

/** The app's free-text search: title, description, recommendation, id or ARN contain `q`. */
export function searchMatches(x, q) {
  const n = q.trim().toLowerCase();
  const f = x.f;
  return [f.title, f.description, f.recommendation, f.id, f.arn].some((s) => (s ?? '').toLowerCase().includes(n));
}

// No execution from data: exports with markup, script and `javascript:` payloads in every rendered
// field, in member names and in the file NAMES (tests/fixtures/hostile/), opened in every view.
// After each step: no payload ran (`window.__pwned`, dialogs), no element was made from data
// (now or transiently: a MutationObserver watches the whole session), no event-handler
// attribute or `javascript:` URL anywhere, no CSP violation. The payloads must also be visible
// as text (so the test proves they were rendered, not dropped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openViewer } from './lib-viewer.mjs';
import { hostileFiles, HOSTILE_NAMES, FORMULA, payload, text as docText } from '../fixtures/hostile/hostile.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, '..', 'fixtures', 'hostile');
const T = 180_000;

// Elements no data may create. The app's own page has exactly one <script>, with a src.
const DANGEROUS = 'script:not([src]), img, svg, iframe, frame, object, embed, style, base, form, math, audio, video, meta[http-equiv], link:not([rel="stylesheet"]):not([rel="icon"]):not([rel="modulepreload"]):not([rel="preload"])';

/** Installs the watchers in the page (dialogs are recorded on the Node side). */
async function arm(app) {
  app.dialogs = [];
  app.page.on('dialog', (d) => {
    app.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await app.page.evaluate((dangerous) => {
    window.__created = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          for (const e of [n, ...n.querySelectorAll('*')]) {
            if (e.matches(dangerous)) window.__created.push(e.outerHTML.slice(0, 200));
            for (const a of e.attributes) if (/^on/i.test(a.name)) window.__created.push(`${e.tagName} ${a.name}=${a.value.slice(0, 80)}`);
          }
        }
        if (r.type === 'attributes' && /^on/i.test(r.attributeName)) window.__created.push(`${r.target.tagName} ${r.attributeName} set`);
      }
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  }, DANGEROUS);
}

/** Everything that would show that data became markup or code; [] when clean. */
async function problems(app, where) {
  const found = await app.page.evaluate((dangerous) => {
    const out = [];
    if (window.__pwned !== undefined) out.push(`payload ran: ${JSON.stringify(window.__pwned)}`);
    // The page's own <head> (CSP meta, stylesheets, boot script) is not data; new nodes in it
    // are caught by the MutationObserver.
    for (const e of document.body.querySelectorAll(dangerous)) out.push(`element from data: ${e.outerHTML.slice(0, 160)}`);
    if (document.head.querySelector('script:not([src]), style, base')) out.push('inline script, style or base in <head>');
    for (const e of document.querySelectorAll('*')) {
      for (const a of e.attributes) {
        if (/^on/i.test(a.name)) out.push(`event-handler attribute: <${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}">`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(a.name) && /^\s*javascript:/i.test(a.value)) {
          out.push(`javascript: URL: <${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}">`);
        }
      }
    }
    for (const c of window.__created ?? []) out.push(`created during the session: ${c}`);
    for (const v of window.__e2e?.cspViolations ?? []) out.push(`CSP violation: ${v.directive} ${v.sample ?? ''} ${v.blockedURI}`);
    return out;
  }, DANGEROUS);
  found.push(...app.dialogs.map((d) => `dialog: ${d}`));
  return found.map((p) => `${where}: ${p}`);
}

async function assertNoExecution(app, where) {
  assert.deepEqual(await problems(app, where), [], `data became code or markup (${where})`);
}

/** Tags (XSS-…) shown as text in the page now. */
const visibleTags = (app) =>
  app.page.evaluate(() => [...new Set((document.body.innerText.match(/XSS-[a-z0-9-]+/g) ?? []).map((t) => t.replace(/filter$/, '')))]);

/** Opens every closed <details> in the page (facets, raw JSON, issue groups…). */
const openAllDetails = (app) =>
  app.page.evaluate(() => {
    for (const d of document.querySelectorAll('details:not([open])')) if (!d.closest('.export-menu')) d.open = true;
  });

test('the hostile fixture files are current (tests/fixtures/hostile/hostile.mjs writes them)', () => {
  for (const f of hostileFiles()) {
    assert.equal(fs.readFileSync(path.join(FIXTURES, f.name), 'utf8'), docText(f.doc), `${f.name}: run node tests/fixtures/hostile/hostile.mjs`);
  }
});

test('the detectors work: markup injected on purpose is reported (so a clean run means something)', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  await arm(app);
  await assertNoExecution(app, 'fresh page');
  await app.page.evaluate((html) => document.querySelector('main, body').insertAdjacentHTML('beforeend', html), payload('XSS-selftest', 1));
  await app.page.waitForTimeout(300);
  const found = (await problems(app, 'self-test')).join('\n');
  assert.match(found, /element from data: <img/);
  assert.match(found, /element from data: <svg/);
  assert.match(found, /event-handler attribute: <img onerror=/);
  assert.match(found, /created during the session/);
  assert.match(found, /CSP violation: script-src-attr/, 'the CSP blocked the inline handler, and the test saw it');
});

test('payloads in every field, member name and file name: nothing runs in any view', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  await arm(app);
  const page = app.page;
  const seen = new Set();
  const step = async (where) => {
    await page.waitForTimeout(150); // let effects and canvases run
    for (const tag of await visibleTags(app)) seen.add(tag);
    await assertNoExecution(app, where);
  };

  // Load: the fixture files, plus the findings file again under four hostile names.
  const files = hostileFiles().map((f) => ({ name: f.name, text: docText(f.doc) }));
  const findingsText = files[0].text;
  const renamed = HOSTILE_NAMES.map((name) => ({ name, text: findingsText }));
  await app.dropFiles([...files, ...renamed]);
  await app.waitForFiles([...files, ...renamed].map((f) => f.name));
  await step('file list');
  await app.waitForCount(4);

  // Findings: facets open, every sort, every grouping, a payload search.
  await openAllDetails(app);
  await step('findings table with facets');
  for (const s of await app.byTestId('sort').all()) await s.click();
  await step('sorted');
  const groups = await app.byTestId('group-by').locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (const g of groups) {
    await app.byTestId('group-by').selectOption(g);
    await step(`grouped by ${g || 'nothing'}`);
  }
  await app.byTestId('group-by').selectOption(groups[0]);
  await app.byTestId('search').fill('<img src=x onerror=alert(1)> XSS-title');
  await step('payload search');
  await app.byTestId('search').fill('');
  await app.waitForCount(4);

  // Every finding's detail with its raw JSON; filter buttons in the detail.
  const arns = await app.rowArns();
  assert.equal(arns.length, 4);
  for (const arn of arns) {
    await app.byTestId('finding-row', { 'data-arn': arn }).click();
    await app.byTestId('finding-detail', { 'data-arn': arn }).waitFor();
    await openAllDetails(app);
    await step(`detail of ${arn.slice(-30)}`);
  }
  const filters = app.byTestId('finding-detail').locator('button.filter');
  if ((await filters.count()) > 0) {
    await filters.nth(0).click();
    await step('filter from the detail');
    await app.byTestId('clear-filters').click().catch(() => {});
  }

  // Triage: a mark with a hostile note from an imported sidecar; it shows in the detail.
  const sidecar = {
    version: 1,
    marks: [{ arn: arns[0], key: null, status: 'accepted-risk', note: payload('XSS-triage-note', 2), updatedAt: '2020-01-01T00:00:00Z' }],
  };
  await app.byTestId('triage-import').setInputFiles({ name: HOSTILE_NAMES[0], mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sidecar)) });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="triage-mark-count"]')?.textContent) >= 1);
  await app.byTestId('finding-row', { 'data-arn': arns[0] }).click();
  await step('triage note');
  assert.equal(await app.byTestId('triage-note').inputValue(), sidecar.marks[0].note, 'the imported note is shown verbatim');

  // Charts: open and hover/click bars (their labels are data).
  const toggle = app.byTestId('charts-toggle');
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  for (const c of await app.byTestId('chart').all()) {
    const box = await c.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  }
  await step('charts');

  // Runs: every run's detail (timeline, notifications, agents, raw JSON), failed items.
  await app.byTestId('tab-runs').click();
  await openAllDetails(app);
  await step('runs table');
  for (const row of await app.byTestId('run-row').all()) {
    await row.click();
    await app.byTestId('run-detail').first().waitFor();
    await openAllDetails(app);
    await step('run detail');
  }
  for (const b of await app.byTestId('undescribed-run').locator('button').all()) {
    await b.click();
    await step('undescribed run');
  }

  // Validation: everything, every group expanded.
  await app.byTestId('tab-validation').click();
  await openAllDetails(app);
  for (let i = 0; i < 20; i++) {
    const more = app.byTestId('show-more');
    if ((await more.count()) === 0) break;
    await more.first().click();
  }
  await step('validation');

  // Report, all rules.
  await app.byTestId('findings-report').click();
  await app.byTestId('report').waitFor();
  if ((await app.byTestId('report-show-all').count()) > 0) await app.byTestId('report-show-all').click();
  await step('report');
  await app.byTestId('report-close').click();

  // Compare: by runs (both orders), then by files with the hostile names.
  await app.byTestId('compare').click();
  await app.byTestId('compare-view').waitFor();
  assert.ok((await app.byTestId('compare-row').count()) > 0, 'the two hostile runs are compared');
  await step('compare runs');
  await app.byTestId('compare-swap').click();
  await step('compare swapped');
  await page.locator('input[data-testid="compare-mode"][value="files"]').check();
  const sets = await app.byTestId('compare-file-a').all();
  assert.ok(sets.length >= 5, 'the files (hostile names too) are offered');
  for (const cb of sets.slice(0, 2)) await cb.check();
  for (const cb of (await app.byTestId('compare-file-b').all()).slice(2)) await cb.check();
  await step('compare files');
  await app.byTestId('compare-search').fill('"><svg onload=alert(1)>');
  await step('compare search');

  // Shortcut help, theme, time zone: re-render everything with the data loaded.
  await app.byTestId('tab-findings').click();
  await app.byTestId('theme-toggle').click();
  await app.byTestId('tz-toggle').click();
  await app.byTestId('help-toggle').click();
  await step('theme, time zone, help');

  // The CSV export neutralises formulas in data (title of finding 1 starts with "=").
  await app.byTestId('export-toggle').click();
  const [download] = await Promise.all([page.waitForEvent('download'), app.byTestId('export-csv').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(csv.includes(`'${FORMULA.replaceAll('"', '""')}`), 'the formula is prefixed with a quote in the CSV');
  assert.ok(!/(^|,)"?=HYPERLINK/m.test(csv), 'no cell starts with =HYPERLINK');
  await step('export');

  // Which payloads were on screen at some point (as text).
  const required = [
    'XSS-filename', 'XSS-title', 'XSS-description', 'XSS-recommendation', 'XSS-rule-id', 'XSS-severity',
    'XSS-attr-key', 'XSS-attr-value', 'XSS-user-attr-key', 'XSS-user-attr-value', 'XSS-hostname', 'XSS-ami',
    'XSS-asg', 'XSS-agent-id', 'XSS-tag-key', 'XSS-tag-value', 'XSS-eni', 'XSS-vpc', 'XSS-subnet', 'XSS-public-dns',
    'XSS-sg-name', 'XSS-member-name', 'XSS-member-value', 'XSS-package-name', 'XSS-run-name-1', 'XSS-run-name-2',
    'XSS-notification-message', 'XSS-failed-key', 'XSS-template-name', 'XSS-target-name', 'XSS-agent-health-details',
  ];
  const missing = required.filter((tag) => !seen.has(tag));
  t.diagnostic(`payload tags shown as text: ${[...seen].sort().join(' ')}`);
  assert.deepEqual(missing, [], 'these payloads were never shown, so the test did not exercise them');
  await app.assertClean();
});

test('a hostile search in the URL (#q=…) is shown as text and does not run', { timeout: T }, async (t) => {
  const evil = payload('XSS-url-hash', 0);
  const app = await openViewer(t, { path: `#q=${encodeURIComponent(evil)}&tab=findings` });
  await arm(app);
  const f = hostileFiles()[0];
  await app.load([{ name: f.name, text: docText(f.doc) }]);
  await app.byTestId('search').waitFor();
  assert.equal(await app.byTestId('search').inputValue(), evil, 'the search box holds the hash text verbatim');
  await assertNoExecution(app, 'hash search');
  await app.assertClean();
});

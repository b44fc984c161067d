// Accessibility: axe-core (node_modules/axe-core, pinned in package.json) on the main views —
// empty state, findings with a detail open, runs with a run detail, validation, the report, the
// dark theme — at 1280×800 and at a phone-sized 390×844. Fails on any serious or critical
// violation (WCAG 2.x A/AA and axe best practices); lesser ones are listed as diagnostics.
//
// axe is injected with page.evaluate (DevTools evaluation, which the page's CSP does not
// govern). page.addScriptTag({content}) does NOT work here: it inserts an inline <script>, and
// the CSP (script-src 'self') blocks it — the first test checks exactly that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { openViewer } from './lib-viewer.mjs';
import { describeFindings } from './fixtures.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SAMPLES = path.join(HERE, '..', '..', 'static', 'samples');
const T = 240_000;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function injectAxe(page) {
  await page.evaluate(AXE);
  assert.equal(typeof (await page.evaluate(() => window.axe?.version)), 'string', 'axe is loaded');
}

/** Runs axe on the page; returns the violations as plain data. */
async function axe(page) {
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`),
    }));
  }, TAGS);
}

test('page.addScriptTag cannot inject axe under the page CSP (so the suite uses page.evaluate)', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  await assert.rejects(app.page.addScriptTag({ content: 'window.__injected = 1' }), /Content Security Policy/);
  assert.equal(await app.page.evaluate(() => window.__injected), undefined);
  const v = await app.cspViolations();
  assert.deepEqual(v.map((x) => x.directive), ['script-src-elem']);
  await injectAxe(app.page);
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  const size = `${viewport.width}×${viewport.height}`;
  test(`axe: no serious or critical violations in the main views at ${size}`, { timeout: T }, async (t) => {
    const app = await openViewer(t, { contextOptions: { viewport } });
    const page = app.page;
    const serious = [];
    const minor = [];
    const check = async (view) => {
      await page.waitForTimeout(200);
      await injectAxe(page); // again after reloads; cheap when already there
      for (const v of await axe(page)) {
        (['serious', 'critical'].includes(v.impact) ? serious : minor).push({ view, ...v });
      }
    };

    await check('empty state');

    // Findings: the sample data plus a file with validation issues; a detail open.
    const index = JSON.parse(fs.readFileSync(path.join(SAMPLES, 'index.json'), 'utf8')).files;
    await app.byTestId('open-samples').click();
    await app.waitForFiles(index, 60_000);
    const bad = describeFindings({ severities: ['High', 'Low'] });
    bad.doc.findings[0].severity = 'Critical';
    delete bad.doc.findings[1].updatedAt;
    await app.load([{ name: 'with-issues.json', text: JSON.stringify(bad.doc, null, 2) }]);
    await app.byTestId('finding-row').first().click();
    await app.byTestId('finding-detail').waitFor();
    await check('findings with detail');

    await app.byTestId('tab-runs').click();
    await app.byTestId('run-row').first().click();
    await app.byTestId('run-detail').first().waitFor();
    await check('runs with run detail');

    await app.byTestId('tab-validation').click();
    await app.byTestId('validation-summary').waitFor();
    await check('validation');

    await app.byTestId('findings-report').click();
    await app.byTestId('report').waitFor();
    await check('report');
    await app.byTestId('report-close').click();

    await app.byTestId('compare').click();
    await app.byTestId('compare-view').waitFor();
    await check('compare');

    // Dark theme: the toggle cycles system → dark → light.
    await app.byTestId('tab-findings').click();
    for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark'; i++) {
      await app.byTestId('theme-toggle').click();
    }
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await app.byTestId('finding-row').first().click();
    await app.byTestId('finding-detail').waitFor();
    await check('dark: findings with detail');
    await app.byTestId('tab-runs').click();
    await app.byTestId('run-row').first().click();
    await check('dark: runs');
    await app.byTestId('tab-validation').click();
    await check('dark: validation');

    for (const v of minor) t.diagnostic(`${v.impact} ${v.id} (${v.view}, ${v.nodes} nodes): ${v.help}`);
    const report = serious.map((v) => `${v.impact} ${v.id} in "${v.view}" (${v.nodes} nodes): ${v.help}\n    ${v.targets.join('\n    ')}`);
    assert.deepEqual(report, [], `serious/critical accessibility violations at ${size}`);
  });
}

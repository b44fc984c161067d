// End-to-end skeleton: load a DescribeFindings export by file picker and by drag-and-drop, and
// check that the page never talks to another origin. Uses the stable test ids documented in
// docs/setup.md. Fails until the UI exists; the harness itself is covered by harness.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';
import { describeFindings, writeTemp } from './fixtures.mjs';

const TIMEOUT = 90_000;
const FILE_NAME = 'describe-findings-e2e.json';

async function expectLoaded(app, fixture) {
  const loaded = app.byTestId('loaded-file', { 'data-file': FILE_NAME });
  await loaded.waitFor({ state: 'attached', timeout: 20_000 });
  assert.equal(await loaded.getAttribute('data-kind'), 'DescribeFindings');
  assert.equal(Number(await loaded.getAttribute('data-records')), fixture.count, 'data-records');
  assert.equal(Number(await loaded.getAttribute('data-errors')), 0, 'data-errors');

  const count = app.byTestId('finding-count');
  await count.waitFor({ state: 'visible', timeout: 10_000 });
  await assert.doesNotReject(
    app.page.waitForFunction(
      ([sel, n]) => document.querySelector(sel)?.textContent.replace(/[^0-9]/g, '') === String(n),
      ['[data-testid="finding-count"]', fixture.count],
      { timeout: 10_000 },
    ),
    `finding-count should show ${fixture.count}, has "${await count.textContent()}"`,
  );

  const chart = app.byTestId('chart', { 'data-chart': 'severity' });
  await chart.waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await chart.evaluate((el) => el.tagName), 'CANVAS');
  await app.waitForCanvasInk(chart, 200);
}

test('file input: a DescribeFindings export loads, is counted and charted', { timeout: TIMEOUT }, async (t) => {
  const fixture = describeFindings();
  const file = writeTemp(FILE_NAME, fixture.text);
  const app = await openApp(t);
  await app.setFiles([file]);
  await expectLoaded(app, fixture);
  await app.assertClean();
});

test('drag and drop onto the page loads the same export', { timeout: TIMEOUT }, async (t) => {
  const fixture = describeFindings();
  const app = await openApp(t);
  await app.dropFiles([{ name: FILE_NAME, text: fixture.text }], 'body');
  await expectLoaded(app, fixture);
  await app.assertClean();
});

test('no request leaves the served origin', { timeout: TIMEOUT }, async (t) => {
  const fixture = describeFindings();
  const app = await openApp(t);
  await app.setFiles([{ name: FILE_NAME, text: fixture.text }]);
  await app.byTestId('loaded-file').first().waitFor({ state: 'attached', timeout: 20_000 });
  // Let any lazy work (charts, fonts, workers) happen.
  await app.page.waitForLoadState('networkidle');
  assert.ok(app.requests.length > 0, 'the recorder saw the page load');
  assert.deepEqual(app.offOriginRequests(), [], 'requests to other origins');
  assert.deepEqual(await app.cspViolations(), [], 'CSP violations');
  // Everything the server was asked for came from the page itself.
  for (const r of app.server.requests) assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
});

// Viewer spec 5 — runs: the runs tab and its badge, one row per run, the run detail (state
// timeline chart, notifications, rules packages by name, reported/loaded counts), failed items,
// and "show this run's findings".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openViewer, T, severityCounts, utcDisplay } from './lib-viewer.mjs';
import { buildDataset, lineCol, SEVERITIES } from './lib-viewer-data.mjs';

const ds = buildDataset();
const toSecs = (v) => (typeof v === 'number' ? v : Date.parse(v) / 1000);
const chartTime = (secs) => utcDisplay(secs).replace(' UTC', '');

async function openRuns(t) {
  const app = await openViewer(t);
  await app.load(ds.files);
  await app.waitForCount(ds.findings.length);
  await app.byTestId('tab-runs').click();
  await app.byTestId('runs-table').waitFor();
  return app;
}

test('runs tab: badge, one row per run with state and reported/loaded counts, failed items from failedItems', { timeout: T }, async (t) => {
  const app = await openRuns(t);
  assert.equal(await app.byTestId('tab-runs').locator('.badge').textContent(), String(ds.runs.length));
  const rows = await app.page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="run-row"]')].map((r) => [r.dataset.arn, [r.dataset.state, r.dataset.reported, r.dataset.loaded, r.querySelector('.col-name').textContent]]),
    ),
  );
  assert.deepEqual(
    rows,
    Object.fromEntries(
      ds.runs.map((r) => [
        r.arn,
        ['COMPLETED', r.oldExport ? '' : String(r.findings.length), String(r.findings.length), r.name],
      ]),
    ),
  );

  // failedItems of the batch run's DescribeFindings response.
  const failed = app.byTestId('failed-items');
  assert.equal(await failed.getAttribute('data-count'), String(Object.keys(ds.failedItems).length));
  const file = ds.byName('describe-findings-batch-run1.json');
  const items = await app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="failed-item"]')].map((r) => ({ arn: r.dataset.arn, code: r.dataset.code, op: r.dataset.operation, cells: [...r.children].map((c) => c.textContent) })),
  );
  assert.deepEqual(
    items,
    Object.entries(ds.failedItems).map(([arn, d]) => ({
      arn,
      code: d.failureCode,
      op: 'DescribeFindings',
      cells: [arn, d.failureCode, d.retryable ? 'yes' : 'no', 'DescribeFindings', `${file.name}:${lineCol(file.text, `"${arn}"`).line}`],
    })),
  );
  assert.equal(await app.byTestId('runs-summary').getAttribute('data-failed-items'), '2');
  await app.assertClean();
});

test('run detail: state-change timeline chart, notifications, rules packages by name, counts; "show findings" filters the table to the run', { timeout: T }, async (t) => {
  const app = await openRuns(t);
  for (const run of [ds.runs[0], ds.runs[2]]) {
    const rec = run.record;
    await app.byTestId('tab-runs').click();
    await app.byTestId('run-row', { 'data-arn': run.arn }).click();
    const detail = app.byTestId('run-detail', { 'data-arn': run.arn });
    await detail.waitFor();
    assert.equal(await detail.locator('h3').textContent(), run.name);

    // Timeline: the chart draws, its table lists every state change in order.
    const chart = detail.locator('[data-testid="chart"][data-chart="run-timeline"]');
    await chart.waitFor();
    await app.waitForCanvasInk(chart, 300);
    const table = await app.chartTable('run-timeline');
    assert.deepEqual(
      table.map((r) => [r[0], r[1]]),
      rec.stateChanges.map((s) => [chartTime(toSecs(s.stateChangedAt)), s.state]),
      `${run.name} timeline table`,
    );
    assert.deepEqual(
      await detail.locator('[data-testid="run-state-change"]').evaluateAll((els) => els.map((e) => [e.dataset.state, e.dataset.at])),
      rec.stateChanges.map((s) => [s.state, new Date(toSecs(s.stateChangedAt) * 1000).toISOString()]),
    );

    // Notifications.
    assert.deepEqual(
      await detail.locator('[data-testid="run-notification"]').evaluateAll((els) =>
        els.map((e) => [e.dataset.event, ...[...e.children].slice(1, 5).map((c) => c.textContent)]),
      ),
      rec.notifications.map((n) => [n.event, n.event, n.error ? 'yes' : 'no', n.snsTopicArn, n.snsPublishStatusCode]),
    );

    // Rules packages by name.
    assert.deepEqual(
      await detail.locator('[data-testid="run-package"]').evaluateAll((els) => els.map((e) => [e.dataset.arn, e.textContent])),
      run.packages.map((k) => [ds.packages[k].arn, ds.packages[k].name]),
    );

    // Reported (findingCounts) / loaded per severity.
    const loaded = severityCounts(run.findings);
    assert.deepEqual(
      await detail.locator('[data-severity]').evaluateAll((els) =>
        els.filter((e) => e.tagName === 'TR').map((e) => [e.dataset.severity, e.dataset.reported ?? null, e.dataset.loaded]),
      ),
      SEVERITIES.map((s) => [s, rec.findingCounts ? String(rec.findingCounts[s]) : null, String(loaded[s])]),
    );
    if (run.oldExport) assert.equal(await detail.getByText('The run has no findingCounts.').count(), 1);

    // Show this run's findings.
    const button = detail.getByTestId('run-findings');
    assert.match(await button.textContent(), new RegExp(`\\(${run.findings.length}\\)`));
    await button.click();
    await app.waitForCount(run.findings.length);
    assert.equal(await app.byTestId('tab-findings').getAttribute('aria-selected'), 'true');
    assert.equal(await app.byTestId('facet-value', { 'data-dim': 'run', 'data-value': run.arn }).isChecked(), true);
    assert.deepEqual(new Set(await app.allRowArns()), new Set(run.findings.map((x) => x.f.arn)));
    await app.byTestId('clear-filters').click();
    await app.waitForCount(ds.findings.length);
  }
  await app.assertClean();
});

test('the run-count test id names only the Runs tab badge', { timeout: T }, async (t) => {
  const app = await openRuns(t);
  await app.byTestId('run-row', { 'data-arn': ds.runs[1].arn }).click();
  await app.byTestId('run-detail').waitFor();
  // The badge is found by its test id alone (the detail's per-severity rows must not reuse it).
  assert.equal(await app.byTestId('run-count').count(), 1, 'elements with data-testid="run-count" while a run is open');
  assert.equal(await app.byTestId('run-count').textContent(), String(ds.runs.length));
});

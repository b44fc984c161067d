// AWS IoT Device Defender `aws iot describe-audit-task` output next to Inspector files: the file
// list names it DescribeAuditTask with one record per check, the Audits tab shows the tasks,
// the chosen task's status, type, start time (app time zone), statistics, a chart of
// non-compliant resources per check and a sortable checks table; defects reach the Validation
// tab with their paths.
//
//   E2E_DIST=/tmp/iv-dist-iot node --test tests/e2e/iot-audit.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openViewer, T, utcDisplay } from './lib-viewer.mjs';
import { describeFindings } from './fixtures.mjs';

// The example output of the AWS CLI reference page of `aws iot describe-audit-task`.
const EXAMPLE = {
  taskStatus: 'COMPLETED',
  taskType: 'ON_DEMAND_AUDIT_TASK',
  taskStartTime: 1560356923.434,
  taskStatistics: {
    totalChecks: 3,
    inProgressChecks: 0,
    waitingForDataCollectionChecks: 0,
    compliantChecks: 3,
    nonCompliantChecks: 0,
    failedChecks: 0,
    canceledChecks: 0,
  },
  auditDetails: {
    CA_CERTIFICATE_EXPIRING_CHECK: { checkRunStatus: 'COMPLETED_COMPLIANT', checkCompliant: true, totalResourcesCount: 0, nonCompliantResourcesCount: 0 },
    DEVICE_CERTIFICATE_EXPIRING_CHECK: { checkRunStatus: 'COMPLETED_COMPLIANT', checkCompliant: true, totalResourcesCount: 6, nonCompliantResourcesCount: 0 },
    REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK: { checkRunStatus: 'COMPLETED_COMPLIANT', checkCompliant: true, totalResourcesCount: 0, nonCompliantResourcesCount: 0 },
  },
};

// A scheduled audit with findings, as CLI v2 prints it (ISO time).
const SCHEDULED_START = Date.UTC(2020, 6, 31, 4, 1, 36, 157) / 1000;
const SCHEDULED = {
  taskStatus: 'COMPLETED',
  taskType: 'SCHEDULED_AUDIT_TASK',
  taskStartTime: '2020-07-31T04:01:36.157000+00:00',
  taskStatistics: {
    totalChecks: 4,
    inProgressChecks: 0,
    waitingForDataCollectionChecks: 0,
    compliantChecks: 1,
    nonCompliantChecks: 2,
    failedChecks: 1,
    canceledChecks: 0,
  },
  scheduledAuditName: 'AWSIoTDeviceDefenderDailyAudit',
  auditDetails: {
    LOGGING_DISABLED_CHECK: { checkRunStatus: 'COMPLETED_NON_COMPLIANT', checkCompliant: false, totalResourcesCount: 1, nonCompliantResourcesCount: 1, suppressedNonCompliantResourcesCount: 0 },
    DEVICE_CERTIFICATE_SHARED_CHECK: { checkRunStatus: 'COMPLETED_NON_COMPLIANT', checkCompliant: false, totalResourcesCount: 12, nonCompliantResourcesCount: 7, suppressedNonCompliantResourcesCount: 2 },
    IOT_POLICY_OVERLY_PERMISSIVE_CHECK: { checkRunStatus: 'FAILED', errorCode: 'INSUFFICIENT_PERMISSIONS', message: "The audit role cannot read the account's IoT policies." },
    CA_CERTIFICATE_EXPIRING_CHECK: { checkRunStatus: 'COMPLETED_COMPLIANT', checkCompliant: true, totalResourcesCount: 2, nonCompliantResourcesCount: 0, suppressedNonCompliantResourcesCount: 0 },
  },
};

const findings = describeFindings();
const FILES = [
  { name: 'describe-findings.json', text: findings.text },
  { name: 'audit-example.json', text: JSON.stringify(EXAMPLE, null, 4) + '\n' },
  { name: 'audit-scheduled.json', text: JSON.stringify(SCHEDULED, null, 2) + '\n' },
];

async function openAudits(t, opts) {
  const app = await openViewer(t, opts);
  await app.load(FILES);
  await app.byTestId('tab-audits').click();
  await app.byTestId('audit-view').waitFor();
  return app;
}

/** data-* and cell texts of the rendered check rows, in display order. */
const checkRows = (app) =>
  app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="audit-check"]')].map((r) => ({
      check: r.dataset.check,
      compliant: r.dataset.compliant,
      status: r.dataset.status,
      nonCompliant: r.dataset.nonCompliant,
      cells: [...r.children].map((c) => c.textContent.trim()),
    })),
  );

const checkNames = async (app) => (await checkRows(app)).map((r) => r.check);

test('an audit file next to Inspector files: file list, Audits tab, task fields, statistics, checks table and chart', { timeout: T }, async (t) => {
  const app = await openAudits(t);

  // The file list: one record per check, no issues; the Inspector file as before.
  assert.deepEqual(await app.loadedFiles(), {
    'describe-findings.json': { kind: 'DescribeFindings', records: findings.count, errors: 0, warnings: 0 },
    'audit-example.json': { kind: 'DescribeAuditTask', records: 3, errors: 0, warnings: 0 },
    'audit-scheduled.json': { kind: 'DescribeAuditTask', records: 4, errors: 0, warnings: 0 },
  });
  assert.equal(await app.byTestId('tab-finding-total').textContent(), String(findings.count), 'findings unaffected');
  assert.equal(await app.byTestId('audit-task-count').textContent(), '2');
  assert.equal(await app.byTestId('tab-audits').getAttribute('aria-selected'), 'true');
  assert.ok((await app.hash()).includes('tab=audits'));

  const view = app.byTestId('audit-view');
  assert.equal(await view.getAttribute('data-tasks'), '2');
  assert.equal(await view.getAttribute('data-checks'), '7');

  // Tasks, newest first; the newest is shown.
  const tasks = await app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="audit-task-row"]')].map((r) => [r.dataset.status, r.getAttribute('aria-selected'), [...r.children].slice(0, 7).map((c) => c.textContent)]),
  );
  assert.deepEqual(tasks, [
    ['COMPLETED', 'true', [utcDisplay(SCHEDULED_START), 'COMPLETED', 'SCHEDULED_AUDIT_TASK', 'AWSIoTDeviceDefenderDailyAudit', '4', '2', '8']],
    ['COMPLETED', 'false', [utcDisplay(EXAMPLE.taskStartTime), 'COMPLETED', 'ON_DEMAND_AUDIT_TASK', '—', '3', '0', '0']],
  ]);
  const task = app.byTestId('audit-task');
  assert.equal(await task.getAttribute('data-status'), 'COMPLETED');
  assert.equal(await task.getAttribute('data-type'), 'SCHEDULED_AUDIT_TASK');
  assert.equal(await task.getAttribute('data-scheduled'), 'AWSIoTDeviceDefenderDailyAudit');
  assert.equal(await task.getAttribute('data-start'), '2020-07-31T04:01:36.157Z');
  assert.equal(await app.byTestId('audit-start').textContent(), utcDisplay(SCHEDULED_START));

  // Statistics, as in the file.
  const stats = await app.page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-testid="audit-stat"]')].map((r) => [r.dataset.stat, Number(r.dataset.value)])),
  );
  assert.deepEqual(stats, SCHEDULED.taskStatistics);

  // Checks: most non-compliant resources first; compliance, status, counts, error and message.
  assert.deepEqual(await checkRows(app), [
    {
      check: 'DEVICE_CERTIFICATE_SHARED_CHECK',
      compliant: 'false',
      status: 'COMPLETED_NON_COMPLIANT',
      nonCompliant: '7',
      cells: ['DEVICE_CERTIFICATE_SHARED_CHECK', 'Non-compliant', 'COMPLETED_NON_COMPLIANT', '12', '7', '2', '—'],
    },
    {
      check: 'LOGGING_DISABLED_CHECK',
      compliant: 'false',
      status: 'COMPLETED_NON_COMPLIANT',
      nonCompliant: '1',
      cells: ['LOGGING_DISABLED_CHECK', 'Non-compliant', 'COMPLETED_NON_COMPLIANT', '1', '1', '0', '—'],
    },
    {
      check: 'CA_CERTIFICATE_EXPIRING_CHECK',
      compliant: 'true',
      status: 'COMPLETED_COMPLIANT',
      nonCompliant: '0',
      cells: ['CA_CERTIFICATE_EXPIRING_CHECK', 'Compliant', 'COMPLETED_COMPLIANT', '2', '0', '0', '—'],
    },
    {
      check: 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
      compliant: 'unknown',
      status: 'FAILED',
      nonCompliant: '',
      cells: ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK', '—', 'FAILED', '—', '—', '—', "INSUFFICIENT_PERMISSIONS The audit role cannot read the account's IoT policies."],
    },
  ]);
  // The check's source (file:line) is in its name cell's title.
  assert.match(await app.byTestId('audit-check', { 'data-check': 'LOGGING_DISABLED_CHECK' }).locator('th').getAttribute('title'), /^audit-scheduled\.json:\d+$/);

  // The chart: drawn, and its data table is non-compliant resources per check.
  const chart = app.byTestId('chart', { 'data-chart': 'audit' });
  await app.waitForCanvasInk(chart, 300);
  assert.match(await chart.getAttribute('aria-label'), /\S/);
  assert.deepEqual(await app.chartTable('audit'), [
    ['DEVICE_CERTIFICATE_SHARED_CHECK', '7'],
    ['LOGGING_DISABLED_CHECK', '1'],
    ['CA_CERTIFICATE_EXPIRING_CHECK', '0'],
    ['IOT_POLICY_OVERLY_PERMISSIVE_CHECK', '0'],
  ]);
  // The chart fits the view.
  const fits = await chart.evaluate((c) => {
    const r = c.getBoundingClientRect();
    const v = c.closest('[data-testid="audit-view"]').getBoundingClientRect();
    return r.width > 100 && r.left >= v.left - 0.5 && r.right <= v.right + 0.5;
  });
  assert.ok(fits, 'the audit chart fits its view');

  // The other task: the CLI page's example, all compliant.
  await app.byTestId('audit-task-row', { 'data-index': '1' }).click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="audit-task"]')?.dataset.type === 'ON_DEMAND_AUDIT_TASK');
  assert.equal(await app.byTestId('audit-task').getAttribute('data-start'), '2019-06-12T16:28:43.434Z');
  const rows = await checkRows(app);
  assert.deepEqual(
    rows.map((r) => [r.check, r.compliant, r.cells[3]]),
    [
      ['CA_CERTIFICATE_EXPIRING_CHECK', 'true', '0'],
      ['DEVICE_CERTIFICATE_EXPIRING_CHECK', 'true', '6'],
      ['REVOKED_CA_CERTIFICATE_STILL_ACTIVE_CHECK', 'true', '0'],
    ],
  );
  assert.deepEqual(
    (await app.chartTable('audit')).map((r) => r[1]),
    ['0', '0', '0'],
  );
  await app.assertClean();
});

test('the checks table sorts by each column; clicking a bar marks its check', { timeout: T }, async (t) => {
  const app = await openAudits(t);
  const sortBy = (column) => app.byTestId('audit-sort', { 'data-column': column }).click();
  const header = (column) => app.page.locator(`[data-testid="audit-checks"] thead th.col-${column}`).getAttribute('aria-sort');
  assert.equal(await header('non-compliant'), 'descending', 'default sort');

  await sortBy('check');
  assert.equal(await header('check'), 'ascending');
  assert.deepEqual(await checkNames(app), [
    'CA_CERTIFICATE_EXPIRING_CHECK',
    'DEVICE_CERTIFICATE_SHARED_CHECK',
    'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
    'LOGGING_DISABLED_CHECK',
  ]);
  await sortBy('check');
  assert.equal(await header('check'), 'descending');
  assert.equal((await checkNames(app))[0], 'LOGGING_DISABLED_CHECK');

  await sortBy('compliant');
  assert.deepEqual((await checkRows(app)).map((r) => r.compliant), ['false', 'false', 'true', 'unknown']);
  await sortBy('resources');
  assert.deepEqual(await checkNames(app), [
    'DEVICE_CERTIFICATE_SHARED_CHECK',
    'CA_CERTIFICATE_EXPIRING_CHECK',
    'LOGGING_DISABLED_CHECK',
    'IOT_POLICY_OVERLY_PERMISSIVE_CHECK',
  ]);
  await sortBy('resources');
  assert.deepEqual((await checkNames(app)).slice(0, 3), ['LOGGING_DISABLED_CHECK', 'CA_CERTIFICATE_EXPIRING_CHECK', 'DEVICE_CERTIFICATE_SHARED_CHECK'], 'ascending, missing last');
  await sortBy('suppressed');
  assert.equal((await checkNames(app))[0], 'DEVICE_CERTIFICATE_SHARED_CHECK');
  await sortBy('status');
  assert.deepEqual((await checkRows(app)).map((r) => r.status), ['COMPLETED_COMPLIANT', 'COMPLETED_NON_COMPLIANT', 'COMPLETED_NON_COMPLIANT', 'FAILED']);
  await sortBy('error');
  assert.equal((await checkNames(app))[0], 'IOT_POLICY_OVERLY_PERMISSIVE_CHECK');

  // Horizontal bars, top to bottom in the chart table's order: click the first one.
  const canvas = app.byTestId('chart', { 'data-chart': 'audit' });
  await app.waitForCanvasInk(canvas, 300);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  let clicked = false;
  for (let y = box.y + 2; y < box.y + box.height - 2 && !clicked; y += 2) {
    await app.page.mouse.move(box.x + box.width * 0.75, y);
    if ((await canvas.evaluate((c) => c.style.cursor)) === 'pointer') {
      await app.page.mouse.click(box.x + box.width * 0.75, y + 4);
      clicked = true;
    }
  }
  assert.ok(clicked, 'found a bar under the pointer');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="audit-check"][data-marked="true"]'));
  const marked = await app.page.evaluate(() => [...document.querySelectorAll('[data-testid="audit-check"][data-marked="true"]')].map((r) => r.dataset.check));
  assert.deepEqual(marked, ['DEVICE_CERTIFICATE_SHARED_CHECK']);
  await app.assertClean();
});

test('the start time follows the app time zone; defects reach the file list and the Validation tab', { timeout: T }, async (t) => {
  const TZ = 'Asia/Kolkata'; // +05:30 all year
  const app = await openViewer(t, { contextOptions: { timezoneId: TZ } });
  const bad = structuredClone(SCHEDULED);
  bad.auditDetails.LOGGING_DISABLED_CHECK.checkRunStatus = 'PASSED';
  bad.auditDetails.LOGGING_DISABLED_CHECK.reviewer = 'ops';
  await app.load([...FILES.slice(0, 2), { name: 'audit-bad.json', text: JSON.stringify(bad, null, 2) }]);
  const files = await app.loadedFiles();
  assert.deepEqual(files['audit-bad.json'], { kind: 'DescribeAuditTask', records: 4, errors: 1, warnings: 0 });

  await app.byTestId('tab-audits').click();
  await app.byTestId('audit-view').waitFor();
  assert.equal(await app.byTestId('audit-start').textContent(), utcDisplay(SCHEDULED_START));
  await app.byTestId('tz-toggle').click();
  assert.equal(await app.byTestId('audit-start').textContent(), '2020-07-31 09:31:36 +05:30');
  const firstRow = app.byTestId('audit-task-row', { 'data-index': '0' });
  assert.equal(await firstRow.locator('td').first().textContent(), '2020-07-31 09:31:36 +05:30');
  // The check is still a record, its value kept as written.
  assert.equal(await app.byTestId('audit-check', { 'data-check': 'LOGGING_DISABLED_CHECK' }).getAttribute('data-status'), 'PASSED');
  assert.match(await app.byTestId('audit-check', { 'data-check': 'LOGGING_DISABLED_CHECK' }).locator('.col-error').textContent(), /reviewer: "ops"/);

  await app.byTestId('tab-validation').click();
  const issue = app.byTestId('validation-issue', { 'data-file': 'audit-bad.json', 'data-path': 'auditDetails.LOGGING_DISABLED_CHECK.checkRunStatus' });
  await issue.waitFor();
  assert.match(await issue.textContent(), /PASSED/);
  await app.assertClean();
});

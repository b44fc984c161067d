// Viewer spec 7 — URL state: filters, sort, grouping, tab and the selected record live in the
// hash; back/forward and reload (after re-opening the same files) restore the view; no finding
// data ever appears in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openViewer, T, sortFindings } from './lib-viewer.mjs';
import { buildDataset, ACCOUNT } from './lib-viewer-data.mjs';

const ds = buildDataset();

/** Every data value that must never reach the URL. */
function forbidden() {
  const out = new Set([ACCOUNT, 'arn:aws', 'arn%3Aaws']);
  for (const i of ds.instances) for (const v of [i.id, i.hostname, i.ip, i.name, i.asg, i.ami, i.eni, i.pub]) if (v) out.add(v);
  for (const x of ds.findings) {
    out.add(x.f.arn);
    out.add(x.f.title);
    out.add(x.f.id);
    for (const a of [...x.f.attributes, ...x.f.userAttributes]) out.add(a.value);
  }
  for (const r of ds.runs) {
    out.add(r.arn);
    out.add(r.name);
  }
  // Short generic values (ports, protocols: `22`, `TCP`) are not identifying data.
  return [...out].filter((v) => v.length >= 6);
}
const FORBIDDEN = forbidden();

async function assertNoData(app, what) {
  const url = await app.page.evaluate(() => location.href);
  const decoded = decodeURIComponent(url);
  const leaks = FORBIDDEN.filter((v) => url.includes(v) || decoded.includes(v) || decoded.includes(encodeURIComponent(v)));
  assert.deepEqual(leaks, [], `${what}: finding data in the URL ${url}`);
}

async function loaded(t) {
  const app = await openViewer(t);
  await app.load(ds.files);
  await app.waitForCount(ds.findings.length);
  return app;
}

const ariaSort = (app, c) => app.byTestId('sort', { 'data-column': c }).evaluate((b) => b.parentElement.getAttribute('aria-sort'));
const pressed = (app, s) => app.byTestId('severity-count', { 'data-severity': s }).getAttribute('aria-pressed');
const detailArn = (app) => app.page.evaluate(() => document.querySelector('[data-testid="finding-detail"]')?.dataset.arn ?? null);
const selectedTab = (app) => app.page.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')?.dataset.testid);

test('filters, sort, grouping, tab and selection are in the hash; back and forward restore each step', { timeout: T }, async (t) => {
  const app = await loaded(t);
  assert.equal(await app.hash(), '');
  const inst = ds.instances.find((i) => i.name === 'prod-web-02');
  const inInst = ds.findings.filter((x) => x.instance === inst);
  const high = inInst.filter((x) => x.f.severity === 'High');
  const target = sortFindings(high, 'title', false)[0];

  const steps = [];
  const record = async (name, check) => {
    steps.push({ name, hash: await app.hash(), check });
    await check();
  };
  await record('start', async () => {
    await app.waitForCount(ds.findings.length);
  });
  await app.toggleFacet('inst', inst.id);
  await record('instance', async () => {
    await app.waitForCount(inInst.length);
    assert.equal(await app.byTestId('facet-value', { 'data-dim': 'inst', 'data-value': inst.id }).isChecked(), true);
  });
  await app.byTestId('severity-count', { 'data-severity': 'High' }).click();
  await record('High', async () => {
    await app.waitForCount(high.length);
    assert.equal(await pressed(app, 'High'), 'true');
  });
  await app.byTestId('sort', { 'data-column': 'title' }).click();
  await record('sort title', async () => {
    await app.page.waitForFunction(() => document.querySelector('[data-testid="sort"][data-column="title"]').parentElement.getAttribute('aria-sort') === 'ascending');
    assert.deepEqual(await app.rowArns(), sortFindings(high, 'title', false).map((x) => x.f.arn));
  });
  await app.byTestId('finding-row', { 'data-arn': target.f.arn }).click();
  await record('selected', async () => {
    await app.byTestId('finding-detail', { 'data-arn': target.f.arn }).waitFor();
  });
  await app.byTestId('group-by').selectOption('rule');
  await record('grouped', async () => {
    await app.byTestId('group-table').waitFor();
    assert.equal(await app.byTestId('group-by').inputValue(), 'rule');
  });
  await app.byTestId('tab-runs').click();
  await record('runs tab', async () => {
    await app.byTestId('runs-table').waitFor();
    assert.equal(await selectedTab(app), 'tab-runs');
  });

  // The hash names each piece (data values only as digests).
  const last = steps.at(-1).hash;
  for (const part of ['tab=runs', 'sev=High', 'inst=h:', 'sort=title:asc', 'group=rule', 'sel=h:']) assert.ok(last.includes(part), `${part} in ${last}`);
  assert.equal(new Set(steps.map((s) => s.hash)).size, steps.length, 'each step has its own URL');

  // Back through every step, then forward again.
  for (let i = steps.length - 2; i >= 0; i--) {
    await app.page.goBack();
    assert.equal(await app.hash(), steps[i].hash, `back to ${steps[i].name}`);
    await steps[i].check();
    if (i < 4) assert.equal(await detailArn(app), null, `no detail at ${steps[i].name}`);
    if (i === 0) {
      assert.equal(await pressed(app, 'High'), 'false');
      assert.equal(await ariaSort(app, 'severity'), 'descending');
    }
  }
  for (let i = 1; i < steps.length; i++) {
    await app.page.goForward();
    assert.equal(await app.hash(), steps[i].hash, `forward to ${steps[i].name}`);
    await steps[i].check();
  }
  await assertNoData(app, 'after back/forward');
  await app.assertClean();
});

test('typing a search replaces the history entry instead of adding one per keystroke', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const before = await app.page.evaluate(() => history.length);
  await app.byTestId('search').pressSequentially('password');
  await app.waitForCount(ds.findings.filter((x) => [x.f.title, x.f.description, x.f.recommendation, x.f.id].some((s) => s.toLowerCase().includes('password'))).length);
  // The typed text may be copied from the data: it lives in the history entry's state, not the URL.
  assert.ok(!(await app.hash()).includes('password'), 'search text is not in the URL');
  assert.equal(await app.page.evaluate(() => history.state?.q), 'password');
  assert.equal(await app.page.evaluate(() => history.length), before);
  await app.page.reload();
  await app.waitForStart();
  await app.load(ds.files); // data is not persisted: open the same files again
  assert.equal(await app.byTestId('search').inputValue(), 'password', 'the search survives a reload');
  await app.assertClean();
});

test('reload restores the view once the same files are opened again: filters, search, sort, selection, columns, time zone', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const run = ds.runs[0];
  const medium = run.findings.filter((x) => x.f.severity === 'Medium');
  const order = sortFindings(medium, 'created', false);
  const target = order[2];

  await app.toggleFacet('run', run.arn);
  await app.byTestId('severity-count', { 'data-severity': 'Medium' }).click();
  await app.byTestId('sort', { 'data-column': 'created' }).click();
  await app.byTestId('sort', { 'data-column': 'created' }).click(); // oldest first
  await app.page.locator('details.menu', { has: app.byTestId('column-toggle') }).locator('summary').click();
  await app.byTestId('column-toggle', { 'data-column': 'ip' }).uncheck();
  await app.page.locator('details.menu', { has: app.byTestId('column-toggle') }).locator('summary').click();
  await app.byTestId('tz-toggle').click();
  await app.byTestId('finding-row', { 'data-arn': target.f.arn }).click();
  await app.byTestId('finding-detail', { 'data-arn': target.f.arn }).waitFor();
  const hash = await app.hash();
  for (const part of ['run=h:', 'sev=Medium', 'sort=created:asc', 'sel=h:', 'tz=local', 'cols=']) assert.ok(hash.includes(part), `${part} in ${hash}`);
  await assertNoData(app, 'before reload');

  await app.page.reload();
  await app.waitForStart();
  assert.equal(await app.hash(), hash, 'the hash survives the reload');
  assert.equal(await app.byTestId('loaded-file').count(), 0, 'no data is persisted');
  assert.match(await app.byTestId('tz-toggle').textContent(), /Local time/);

  await app.load(ds.files);
  await app.waitForCount(medium.length);
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'run', 'data-value': run.arn }).isChecked(), true);
  assert.equal(await pressed(app, 'Medium'), 'true');
  assert.equal(await ariaSort(app, 'created'), 'ascending');
  assert.deepEqual(await app.rowArns(), order.map((x) => x.f.arn));
  assert.equal(await app.byTestId('sort', { 'data-column': 'ip' }).count(), 0, 'the IP column stays hidden');
  assert.equal(await detailArn(app), target.f.arn, 'the selected finding is open again');
  assert.match(await app.byTestId('finding-row', { 'data-arn': target.f.arn }).locator('.col-created').textContent(), /[+-]\d\d:\d\d$/, 'local time');
  assert.equal(await app.hash(), hash);
  await assertNoData(app, 'after reload');
  await app.assertClean();
});

test('no finding data in the URL: instance, run, ASG, attribute, user attribute, rule and package filters, a selected finding and run, grouping', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const x = ds.findings.find((y) => y.instance.asg && y.pkg === 'cve');
  await app.toggleFacet('inst', x.instance.id);
  await assertNoData(app, 'instance filter');
  await app.toggleFacet('asg', x.instance.asg);
  await assertNoData(app, 'ASG filter');
  await app.toggleFacet('run', x.run.arn);
  await assertNoData(app, 'run filter');
  await app.toggleFacet('attr', `CVE_ID=${x.f.id}`);
  await assertNoData(app, 'attribute filter');
  await app.toggleFacet('uattr', 'Owner=web-platform');
  await assertNoData(app, 'user attribute filter');
  await app.toggleFacet('rule', x.f.id);
  await assertNoData(app, 'rule filter');
  await app.toggleFacet('pkg', ds.packages.cve.name);
  await assertNoData(app, 'package filter');
  await app.waitForCount(1);
  await app.byTestId('finding-row', { 'data-arn': x.f.arn }).click();
  await app.byTestId('finding-detail').waitFor();
  await assertNoData(app, 'selected finding');
  // The detail's filter buttons for data values.
  const detail = app.byTestId('finding-detail');
  for (const name of ['Instance', 'Assessment run', 'Auto Scaling group', 'Rule ID']) {
    await detail.locator('dl.fields > .field').filter({ has: app.page.locator(`dt:text-is("${name}")`) }).locator('button.filter').click();
    await assertNoData(app, `detail filter ${name}`);
  }
  await app.byTestId('group-by').selectOption('instance');
  await assertNoData(app, 'grouped by instance');
  await app.byTestId('tab-runs').click();
  await app.byTestId('run-row', { 'data-arn': x.run.arn }).click();
  await app.byTestId('run-detail').waitFor();
  await assertNoData(app, 'selected run');
  await app.byTestId('tab-validation').click();
  await assertNoData(app, 'validation tab');
  await app.assertClean();
});

test('no finding data in the URL: the detail\'s Hostname and AMI filter buttons', { timeout: T }, async (t) => {
  const app = await loaded(t);
  await app.byTestId('finding-row').first().click();
  const detail = app.byTestId('finding-detail');
  await detail.waitFor();
  const leaks = [];
  for (const name of ['Hostname', 'AMI']) {
    await detail.locator('dl.fields > .field').filter({ has: app.page.locator(`dt:text-is("${name}")`) }).locator('button.filter').click();
    await app.page.waitForTimeout(100);
    await assertNoData(app, `detail filter ${name}`).catch((e) => leaks.push(e.message.split('\n')[0]));
  }
  assert.deepEqual(leaks, []);
});

test('no finding data in the URL: a filter on a rules package the viewer has no name for', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  // The batch run's findings, from a rules package that neither a loaded DescribeRulesPackages
  // file nor the built-in catalog names: the facet offers its ARN.
  const unknown = 'arn:aws:inspector:us-west-2:758058086616:rulespackage/0-UnKnwn01';
  const file = ds.byName('describe-findings-batch-run1.json');
  const doc = JSON.parse(file.text);
  for (const f of doc.findings) f.serviceAttributes.rulesPackageArn = unknown;
  await app.load([{ name: file.name, text: JSON.stringify(doc, null, 4) }]);
  await app.waitForCount(doc.findings.length);
  await app.toggleFacet('pkg', unknown);
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'pkg', 'data-value': unknown }).isChecked(), true);
  await app.page.waitForTimeout(100);
  const url = await app.page.evaluate(() => location.href);
  assert.ok(!decodeURIComponent(url).includes(unknown), `the package ARN is in the URL: ${url}`);
});

// Viewer spec 4 — the finding detail: fields, attributes, user attributes, tags, network
// interfaces, service attributes, UTC and local times, issues, sources, raw JSON, copy ARN,
// and "filter by this value" buttons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openViewer, T, utcDisplay } from './lib-viewer.mjs';
import { buildDataset } from './lib-viewer-data.mjs';

const ds = buildDataset();
// A finding with everything: CVE package (extra attributes), an ASG, a public IP.
const x = ds.findings.find((y) => y.run.key === 'web1' && y.pkg === 'cve' && y.instance.pub && y.instance.asg);
const TZ = 'Asia/Kolkata'; // +05:30 all year
const kolkata = (secs) => `${utcDisplay(secs + 5.5 * 3600).replace(' UTC', '')} +05:30`;

async function openDetail(t, extra = {}) {
  const app = await openViewer(t, extra);
  await app.load(ds.files);
  await app.waitForCount(ds.findings.length);
  // Open it from the table: find its row by scrolling (no filter that would stay in the view).
  await app.byTestId('search').fill(x.f.arn.split('/').pop());
  await app.waitForCount(1);
  await app.byTestId('finding-row', { 'data-arn': x.f.arn }).click();
  await app.byTestId('search').fill('');
  await app.waitForCount(ds.findings.length);
  const detail = app.byTestId('finding-detail', { 'data-arn': x.f.arn });
  await detail.waitFor();
  return { app, detail };
}

const kvRows = (detail, title) =>
  detail.locator(`h4:text-is("${title}") + table tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()).filter((s, i) => i < 2)),
  );

test('detail shows every field, attributes, user attributes, tags, network interfaces, times in UTC and local, sources, raw JSON', { timeout: T }, async (t) => {
  const { app, detail } = await openDetail(t, { contextOptions: { timezoneId: TZ } });
  const f = x.f;
  const fields = await detail.locator('dl.fields > .field').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.querySelector('dt').textContent, [...e.querySelectorAll('dd .value')].map((v) => v.textContent)])),
  );
  assert.deepEqual(fields, {
    ARN: [f.arn],
    Severity: [f.severity],
    'Numeric severity': [String(f.numericSeverity)],
    'Rule ID': [f.id],
    'Rules package': [ds.packages.cve.name],
    'Assessment run': [x.run.name],
    Instance: [x.instance.id],
    Hostname: [x.instance.hostname],
    AMI: [x.instance.ami],
    'Auto Scaling group': [x.instance.asg],
    'IPv4 addresses': [x.instance.ip],
    'Asset type': ['ec2-instance'],
    Service: ['Inspector'],
    Confidence: ['10'],
    'Indicator of compromise': ['false'],
    'Schema version': ['1'],
    Created: [utcDisplay(x.created), `${kolkata(x.created)} (local)`],
    Updated: [utcDisplay(x.created + 45), `${kolkata(x.created + 45)} (local)`],
  });
  assert.equal(await detail.locator('h3').textContent(), f.title);
  const prose = await detail.locator('p.prose').allTextContents();
  assert.deepEqual(prose, [f.description, f.recommendation]);

  assert.deepEqual(await kvRows(detail, 'Attributes'), f.attributes.map((a) => [a.key, a.value]));
  assert.deepEqual(await kvRows(detail, 'User attributes'), f.userAttributes.map((a) => [a.key, a.value]));
  assert.deepEqual(await kvRows(detail, 'Tags'), f.assetAttributes.tags.map((a) => [a.key, a.value]));

  const nic = f.assetAttributes.networkInterfaces[0];
  const nicCells = await detail.locator('h4:text-is("Network interfaces") + .table-wrap tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.innerText.split('\n').map((s) => s.trim()).filter(Boolean))),
  );
  assert.deepEqual(nicCells, [
    [
      [nic.networkInterfaceId],
      [nic.vpcId, nic.subnetId],
      [nic.privateIpAddress, nic.privateDnsName],
      [nic.publicIp, nic.publicDnsName],
      [`${nic.securityGroups[0].groupId} ${nic.securityGroups[0].groupName}`],
      [],
    ],
  ]);

  assert.equal(await detail.locator('h4', { hasText: 'Validation issues' }).textContent(), 'Validation issues (0)');
  assert.deepEqual(await app.byTestId('detail-source').allTextContents(), [`${x.file}, line ${x.line}`]);

  // Raw JSON: the record as read (timestamps normalised to ISO UTC).
  await detail.locator('details.raw > summary').click();
  const raw = JSON.parse(await app.byTestId('raw-json').textContent());
  const norm = (r) => ({ ...r, createdAt: Date.parse(r.createdAt), updatedAt: Date.parse(r.updatedAt) });
  assert.deepEqual(norm(raw), norm(f));
  assert.equal(raw.serviceAttributes.rulesPackageArn, ds.packages.cve.arn, 'service attributes are in the raw JSON');
  await app.assertClean();
});

test('copy ARN puts the ARN on the clipboard', { timeout: T }, async (t) => {
  const { app } = await openDetail(t);
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await app.page.evaluate(() => navigator.clipboard.writeText('(before)'));
  await app.byTestId('copy-arn').click();
  await app.page.waitForFunction(async (arn) => (await navigator.clipboard.readText()) === arn, x.f.arn);
  assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), x.f.arn);
  await app.assertClean();
});

/** Clicks the "filter" button of a field and checks the table shows exactly `want`. */
async function filterBy(app, button, want, what) {
  if (await app.byTestId('clear-filters').count()) await app.byTestId('clear-filters').click();
  await app.waitForCount(ds.findings.length);
  await button.click();
  await app.waitForCount(want.length, 3000);
  assert.deepEqual(new Set(await app.allRowArns()), new Set(want.map((y) => y.f.arn)), what);
  // The detail stays open on the same finding.
  assert.equal(await app.byTestId('finding-detail').getAttribute('data-arn'), x.f.arn);
}

test('"filter by this value" buttons narrow the table: severity, rule, package, run, instance, ASG, attribute, user attribute', { timeout: T }, async (t) => {
  const { app, detail } = await openDetail(t);
  const field = (name) => detail.locator('dl.fields > .field').filter({ has: app.page.locator(`dt:text-is("${name}")`) }).locator('button.filter');
  const kv = (title, key) => detail.locator(`h4:text-is("${title}") + table tr`).filter({ has: app.page.locator(`th:text-is("${key}")`) }).locator('button.filter');
  const where = (pred) => ds.findings.filter(pred);

  await filterBy(app, field('Severity'), where((y) => y.f.severity === x.f.severity), 'severity');
  await filterBy(app, field('Rule ID'), where((y) => y.f.id === x.f.id), 'rule id');
  await filterBy(app, field('Rules package'), where((y) => y.pkg === x.pkg), 'rules package');
  await filterBy(app, field('Assessment run'), where((y) => y.run === x.run), 'run');
  await filterBy(app, field('Instance'), where((y) => y.instance === x.instance), 'instance');
  await filterBy(app, field('Auto Scaling group'), where((y) => y.instance.asg === x.instance.asg), 'auto scaling group');
  const pkgAttr = x.f.attributes.find((a) => a.key === 'package_name');
  await filterBy(app, kv('Attributes', 'package_name'), where((y) => y.f.attributes.some((a) => a.key === 'package_name' && a.value === pkgAttr.value)), 'attribute');
  await filterBy(app, kv('User attributes', 'Owner'), where((y) => y.f.userAttributes.some((a) => a.key === 'Owner' && a.value === 'web-platform')), 'user attribute');
  // The filter shows up in the facet list too.
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'uattr', 'data-value': 'Owner=web-platform' }).isChecked(), true);
  await app.assertClean();
});

test('"filter by this value" on Hostname and AMI narrows the table to that host / image', { timeout: T }, async (t) => {
  const { app, detail } = await openDetail(t);
  const field = (name) => detail.locator('dl.fields > .field').filter({ has: app.page.locator(`dt:text-is("${name}")`) }).locator('button.filter');
  await filterBy(app, field('Hostname'), ds.findings.filter((y) => y.instance.hostname === x.instance.hostname), 'hostname');
  await filterBy(app, field('AMI'), ds.findings.filter((y) => y.instance.ami === x.instance.ami), 'AMI');
  await app.assertClean();
});

// The findings report (sections, counts, every rule with every instance, print media, landscape
// pages, print button) and triage (marks in the detail, the triage facet, marks kept across a
// reload, sidecar export / import). Every expectation is computed here from the bundled sample
// files (static/samples), never read back from the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openViewer } from './lib-viewer.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.join(HERE, '..', '..', 'static', 'samples');
const read = (name) => JSON.parse(fs.readFileSync(path.join(SAMPLES, name), 'utf8'));
const INDEX = read('index.json').files;

// ---- Expectations from the sample files ----
const findings = new Map(); // arn -> finding (merged by ARN, as the viewer does)
const agents = [];
const runs = new Map(); // arn -> run
for (const name of INDEX) {
  const doc = read(name);
  for (const f of doc.findings ?? []) findings.set(f.arn, f);
  for (const a of doc.assessmentRunAgents ?? []) agents.push(a);
  for (const r of doc.assessmentRuns ?? []) runs.set(r.arn, r);
}
const ALL = [...findings.values()];
const instanceOf = (f) => f.assetAttributes?.agentId ?? f.attributes?.find((a) => a.key === 'INSTANCE_ID')?.value ?? '';
const attr = (f, k) => f.attributes?.find((a) => a.key === k)?.value;
const SEVERITIES = ['High', 'Medium', 'Low', 'Informational', 'Undefined'];
const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, ALL.filter((f) => f.severity === s).length]));
const runArns = new Set([...runs.keys(), ...ALL.map((f) => f.serviceAttributes.assessmentRunArn)]);
const instanceIds = new Set([...ALL.map(instanceOf).filter(Boolean), ...agents.map((a) => a.agentId)]);
// rule id + package -> {count, instances}
const rules = new Map();
for (const f of ALL) {
  const k = `${f.id}\n${f.serviceAttributes.rulesPackageArn}`;
  const r = rules.get(k) ?? { count: 0, instances: new Set() };
  r.count += 1;
  r.instances.add(instanceOf(f));
  rules.set(k, r);
}
// The content key a triage mark follows into other runs: rule id, instance, package, PORT.
const esc = (s) => String(s ?? '').replaceAll('%', '%25').replaceAll('|', '%7C');
const contentKey = (f) =>
  `rule=${esc(f.id)}|instance=${esc(instanceOf(f))}|package=${esc(f.serviceAttributes.rulesPackageArn)}|port=${esc(attr(f, 'PORT'))}`;
const keyed = new Map();
for (const f of ALL) keyed.set(contentKey(f), [...(keyed.get(contentKey(f)) ?? []), f]);
// A network finding with a PORT whose issue recurs in other runs (so a mark follows it).
const TARGET = ALL.filter((f) => attr(f, 'PORT') && keyed.get(contentKey(f)).length >= 2).sort((a, b) =>
  a.arn < b.arn ? -1 : 1,
)[0];
const SIBLINGS = keyed.get(contentKey(TARGET));
const NOTE = 'Behind the corporate VPN — accepted by security (ticket SEC-42)';

async function openSamples(app) {
  await app.byTestId('open-samples').click();
  await app.waitForFiles(INDEX, 60_000);
  await app.waitForCount(ALL.length);
}

/** Opens the detail of finding `f` from the table (search by its ARN's last part). */
async function openFinding(app, f) {
  await app.byTestId('search').fill(f.arn.split('/').pop());
  await app.byTestId('finding-row', { 'data-arn': f.arn }).click();
  await app.byTestId('finding-detail', { 'data-arn': f.arn }).waitFor();
  return app.byTestId('finding-detail', { 'data-arn': f.arn });
}

const pdfPageSize = (buf) => {
  const m = buf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(m, 'the PDF has a MediaBox');
  return { w: Number(m[1]), h: Number(m[2]) };
};

test('sample data meets the test assumptions', () => {
  assert.ok(ALL.length > 1000 && rules.size > 100 && runs.size >= 2 && agents.length > 0);
  assert.ok(TARGET && SIBLINGS.length >= 2, 'a recurring network finding');
  assert.ok(SIBLINGS.some((f) => f.serviceAttributes.assessmentRunArn !== TARGET.serviceAttributes.assessmentRunArn));
});

test('findings report: sections, counts, every rule with its instances, print media and landscape pages', { timeout: 180_000 }, async (t) => {
  const app = await openViewer(t);
  const page = app.page;
  await openSamples(app);
  await app.byTestId('findings-report').click();
  const report = app.byTestId('report');
  await report.waitFor();
  assert.equal(await report.getAttribute('data-findings'), String(ALL.length));
  assert.match(await page.evaluate(() => location.hash), /tab=report/);

  const sections = await report.locator('[data-testid="report-section"]').evaluateAll((els) => els.map((e) => e.dataset.section));
  assert.deepEqual(sections, ['summary', 'runs', 'instances', 'findings']);

  // Summary: findings per severity.
  const sev = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-testid="report-severity"]')].map((e) => [e.dataset.severity, Number(e.dataset.count)])),
  );
  assert.deepEqual(sev, bySeverity);
  assert.equal(await app.byTestId('report-total').getAttribute('data-count'), String(ALL.length));

  // Runs: every run described or named by a finding; findings per run.
  const reportRuns = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="report-run"]')].map((e) => ({
      arn: e.dataset.arn,
      high: Number(e.querySelector('td[data-severity="High"]').dataset.count),
      text: e.textContent,
    })),
  );
  assert.deepEqual(new Set(reportRuns.map((r) => r.arn)), runArns);
  for (const r of reportRuns) {
    const mine = ALL.filter((f) => f.serviceAttributes.assessmentRunArn === r.arn && f.severity === 'High').length;
    assert.equal(r.high, mine, `High findings of ${r.arn}`);
    const run = runs.get(r.arn);
    if (run) {
      assert.ok(r.text.includes(run.name), `run name ${run.name}`);
      assert.ok(r.text.includes(run.state), `run state ${run.state}`);
    }
  }
  // Rules packages by name (the bundled describe-rules-packages file names them).
  const pkgNames = read('describe-rules-packages.json').rulesPackages.map((p) => p.name);
  const runsText = await report.locator('[data-section="runs"]').textContent();
  for (const n of pkgNames) assert.ok(runsText.includes(n), `package ${n} named`);

  // Instances evaluated: from the findings and ListAssessmentRunAgents.
  const inst = await page.evaluate(() => [...document.querySelectorAll('[data-testid="report-instance"]')].map((e) => e.dataset.instance));
  assert.equal(inst.length, instanceIds.size);
  assert.deepEqual(new Set(inst), instanceIds);
  const health = await app.byTestId('report-instance', { 'data-instance': agents[0].agentId }).textContent();
  assert.ok(health.includes(agents[0].agentHealth), 'agent health shown');

  // Every rule (rule id + package), with exactly the instances that have it.
  const got = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="report-rule"]')].map((e) => ({
      key: `${e.dataset.rule}\n${e.dataset.package}`,
      count: Number(e.dataset.count),
      instances: [...e.querySelectorAll('[data-testid="report-rule-instance"]')].map((r) => r.dataset.instance),
    })),
  );
  assert.equal(got.length, rules.size, 'one block per rule');
  for (const g of got) {
    const want = rules.get(g.key);
    assert.ok(want, `rule ${g.key} exists in the samples`);
    assert.equal(g.count, want.count, `findings of ${g.key}`);
    assert.equal(g.instances.length, want.instances.size, `no instance twice in ${g.key}`);
    assert.deepEqual(new Set(g.instances), want.instances, `instances of ${g.key}`);
  }
  // Most severe rules first.
  const order = await page.evaluate(() => [...document.querySelectorAll('[data-testid="report-rule"]')].map((e) => e.dataset.severity));
  const rank = (s) => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : 5);
  assert.deepEqual(order, [...order].sort((a, b) => rank(a) - rank(b)));

  // Sticky table headers on screen.
  assert.equal(await report.locator('.report-table thead th').first().evaluate((th) => getComputedStyle(th).position), 'sticky');

  // Print media: the app's chrome is hidden, the report is not; major sections start a page.
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.topbar', 'nav.tabs', '.files', '.report-toolbar']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} hidden in print`);
  }
  assert.equal(await report.isVisible(), true);
  assert.equal(await report.locator('[data-section="runs"]').evaluate((e) => getComputedStyle(e).breakBefore), 'page');
  assert.equal(await report.locator('.report-rule').first().evaluate((e) => getComputedStyle(e).breakInside), 'avoid');

  // Landscape: a class on the report root, and the printed pages turn (PDFs under print media).
  const portrait = pdfPageSize(await page.pdf({ preferCSSPageSize: true }));
  assert.ok(portrait.h > portrait.w, `portrait by default: ${JSON.stringify(portrait)}`);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.topbar').isVisible(), true);
  await app.byTestId('report-landscape').check();
  assert.match(await report.getAttribute('class'), /\blandscape\b/);
  await page.emulateMedia({ media: 'print' });
  const landscape = pdfPageSize(await page.pdf({ preferCSSPageSize: true }));
  assert.ok(landscape.w > landscape.h, `landscape pages: ${JSON.stringify(landscape)}`);
  await page.emulateMedia({ media: 'screen' });

  // The Print button calls window.print().
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
  });
  await app.byTestId('report-print').click();
  assert.equal(await page.evaluate(() => window.__printed), 1);

  // The report follows the findings view's filters (a run filter scopes its runs too).
  const run = TARGET.serviceAttributes.assessmentRunArn;
  await app.byTestId('report-close').click();
  await app.toggleFacet('run', run);
  const inRun = ALL.filter((f) => f.serviceAttributes.assessmentRunArn === run);
  await app.waitForCount(inRun.length);
  await app.byTestId('findings-report').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="report"]')?.dataset.findings === String(n), inRun.length);
  assert.equal(await app.byTestId('report-run').count(), 1);
  assert.equal(await app.byTestId('report-run').getAttribute('data-arn'), run);
  await app.byTestId('report-use-filters').uncheck();
  await page.waitForFunction((n) => document.querySelector('[data-testid="report"]')?.dataset.findings === String(n), ALL.length);
  await app.assertClean();
});

test('triage: mark in the detail, facet, kept across a reload, sidecar export and import', { timeout: 240_000 }, async (t) => {
  const app = await openViewer(t);
  const page = app.page;
  await openSamples(app);

  // Mark the target finding.
  let detail = await openFinding(app, TARGET);
  assert.equal(await detail.locator('[data-testid="triage-match"]').getAttribute('data-match'), 'none');
  await detail.locator('[data-testid="triage-status"]').selectOption('accepted-risk');
  await detail.locator('[data-testid="triage-note"]').fill(NOTE);
  await detail.locator('[data-testid="triage-save"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="triage-match"]')?.dataset.match === 'arn');
  assert.equal(await app.byTestId('finding-row', { 'data-arn': TARGET.arn }).getAttribute('data-triage'), 'accepted-risk');
  assert.equal(await app.byTestId('triage-badge', { 'data-status': 'accepted-risk' }).first().isVisible(), true);
  assert.equal(await app.byTestId('triage-mark-count').textContent(), '1');

  // The facet: the mark and the same issue in other runs (matched by content key).
  await app.byTestId('search').fill('');
  await app.waitForCount(ALL.length);
  await app.toggleFacet('triage', 'accepted-risk');
  await app.waitForCount(SIBLINGS.length);
  assert.deepEqual(new Set(await app.rowArns()), new Set(SIBLINGS.map((f) => f.arn)));
  const facet = await app.facetCounts('triage');
  assert.equal(facet['accepted-risk'], SIBLINGS.length);
  assert.equal(facet.untriaged, ALL.length - SIBLINGS.length);
  // It combines with the other facets.
  await app.toggleFacet('run', TARGET.serviceAttributes.assessmentRunArn);
  await app.waitForCount(1);
  await app.toggleFacet('run', TARGET.serviceAttributes.assessmentRunArn);
  await app.waitForCount(SIBLINGS.length);
  // A sibling from another run shows which match carried the mark.
  const sibling = SIBLINGS.find((f) => f.arn !== TARGET.arn);
  await app.byTestId('finding-row', { 'data-arn': sibling.arn }).click();
  detail = app.byTestId('finding-detail', { 'data-arn': sibling.arn });
  await detail.waitFor();
  assert.equal(await detail.locator('[data-testid="triage-match"]').getAttribute('data-match'), 'key');
  assert.equal(await detail.locator('[data-testid="triage-status"]').inputValue(), 'accepted-risk');
  await app.byTestId('close-detail').click();

  // The report lists the status too.
  await app.byTestId('findings-report').click();
  const ruleBlock = page.locator(`[data-testid="report-rule"][data-rule="${TARGET.id}"][data-package="${TARGET.serviceAttributes.rulesPackageArn}"]`);
  const row = ruleBlock.locator(`[data-testid="report-rule-instance"][data-instance="${instanceOf(TARGET)}"]`);
  assert.equal(await row.locator('[data-testid="triage-badge"]').first().getAttribute('data-status'), 'accepted-risk');
  await app.byTestId('report-close').click();

  // Reload, reopen the same files: the mark is back (and the URL still filters by it).
  await page.reload({ waitUntil: 'load' });
  await app.waitForStart();
  await app.byTestId('open-samples').click();
  await app.waitForFiles(INDEX, 60_000);
  await app.waitForCount(SIBLINGS.length);
  assert.equal(await app.byTestId('triage-mark-count').textContent(), '1');
  await app.byTestId('clear-filters').click();
  await app.waitForCount(ALL.length);
  detail = await openFinding(app, TARGET);
  assert.equal(await detail.locator('[data-testid="triage-status"]').inputValue(), 'accepted-risk');
  assert.equal(await detail.locator('[data-testid="triage-note"]').inputValue(), NOTE);
  assert.equal(await detail.locator('[data-testid="triage-match"]').getAttribute('data-match'), 'arn');

  // Export the sidecar.
  const [download] = await Promise.all([page.waitForEvent('download'), app.byTestId('triage-export').click()]);
  assert.match(download.suggestedFilename(), /^inspector-triage-\d{4}-\d{2}-\d{2}\.json$/);
  const sidecarPath = await download.path();
  const sidecar = JSON.parse(fs.readFileSync(sidecarPath, 'utf8'));
  assert.equal(sidecar.version, 1);
  assert.equal(sidecar.marks.length, 1);
  const [mark] = sidecar.marks;
  assert.deepEqual(
    { arn: mark.arn, key: mark.key, status: mark.status, note: mark.note },
    { arn: TARGET.arn, key: contentKey(TARGET), status: 'accepted-risk', note: NOTE },
  );
  assert.ok(Math.abs(Date.parse(mark.updatedAt) - Date.now()) < 10 * 60_000, `updatedAt ${mark.updatedAt}`);

  // Clear the browser's storage: the mark is gone after a reload…
  await page.evaluate(() => localStorage.clear());
  await page.goto(app.url, { waitUntil: 'load' });
  await app.waitForStart();
  await openSamples(app);
  assert.equal(await app.byTestId('triage-mark-count').textContent(), '0');
  detail = await openFinding(app, TARGET);
  assert.equal(await detail.locator('[data-testid="triage-match"]').getAttribute('data-match'), 'none');

  // …a bad sidecar is refused with a message…
  await app.byTestId('triage-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":2,"marks":[]}') });
  await page.locator('.notice', { hasText: 'bad.json was not imported' }).waitFor();
  assert.equal(await app.byTestId('triage-mark-count').textContent(), '0');

  // …and importing the exported one restores it.
  await app.byTestId('triage-import').setInputFiles(sidecarPath);
  await page.locator('.notice', { hasText: '1 added' }).waitFor();
  assert.equal(await app.byTestId('triage-mark-count').textContent(), '1');
  await page.waitForFunction(() => document.querySelector('[data-testid="triage-match"]')?.dataset.match === 'arn');
  assert.equal(await detail.locator('[data-testid="triage-status"]').inputValue(), 'accepted-risk');
  assert.equal(await detail.locator('[data-testid="triage-note"]').inputValue(), NOTE);
  assert.equal(await app.byTestId('finding-row', { 'data-arn': TARGET.arn }).getAttribute('data-triage'), 'accepted-risk');
  // Saved again in storage.
  const stored = await page.evaluate(() => localStorage.getItem('inspector-viewer.triage.v1'));
  assert.equal(JSON.parse(stored).marks[0].arn, TARGET.arn);

  // Removing the mark: "Untriaged" + save.
  await detail.locator('[data-testid="triage-status"]').selectOption('');
  await detail.locator('[data-testid="triage-save"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="triage-match"]')?.dataset.match === 'none');
  assert.equal(await app.byTestId('triage-mark-count').textContent(), '0');
  await app.assertClean();
});

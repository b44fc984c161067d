// Viewer spec 3 — the findings table: columns and the column chooser, sorting by every column
// (severity by rank), facets with counts, free-text search, grouping, virtualised rows with 20k
// findings, and the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openViewer, T, cellText, countBy, naturalCmp, searchMatches, severityCounts, sortFindings } from './lib-viewer.mjs';
import { buildDataset, generateFindings, SEVERITIES, SEVERITY_RANK } from './lib-viewer-data.mjs';

const ds = buildDataset();
const COLUMNS = ['severity', 'title', 'rule', 'package', 'instance', 'ip', 'run', 'created'];
const LABELS = ['Severity', 'Title', 'Rule ID', 'Rules package', 'Instance', 'IP', 'Run', 'Created'];

async function loaded(t) {
  const app = await openViewer(t);
  await app.load(ds.files);
  await app.waitForCount(ds.findings.length);
  return app;
}

const headerColumns = (app) =>
  app.page.evaluate(() => [...document.querySelectorAll('[data-testid="sort"]')].map((b) => b.dataset.column));

test('columns: every column is shown with the right cell text; the column chooser hides and restores columns', { timeout: T }, async (t) => {
  const app = await loaded(t);
  assert.deepEqual(await headerColumns(app), COLUMNS);
  assert.deepEqual(
    (await app.byTestId('sort').allTextContents()).map((s) => s.replace(/[▲▼]/g, '').trim()),
    LABELS,
  );
  // One known finding, cell by cell.
  const x = ds.findings.find((y) => y.run.key === 'web2' && y.pkg === 'cve');
  await app.byTestId('search').fill(x.f.arn.split('/').pop());
  await app.waitForCount(1);
  const row = app.byTestId('finding-row', { 'data-arn': x.f.arn });
  for (const c of COLUMNS) {
    assert.equal(await row.locator(`.col-${c}`).textContent(), cellText(x, c), `cell ${c}`);
  }

  // Hide IP and Run.
  await app.page.locator('details.menu', { has: app.byTestId('column-toggle') }).locator('summary').click();
  await app.byTestId('column-toggle', { 'data-column': 'ip' }).uncheck();
  await app.byTestId('column-toggle', { 'data-column': 'run' }).uncheck();
  assert.deepEqual(await headerColumns(app), COLUMNS.filter((c) => c !== 'ip' && c !== 'run'));
  assert.equal(await row.locator('[role="gridcell"]').count(), COLUMNS.length - 2);
  assert.equal(await row.locator('.col-ip, .col-run').count(), 0);
  // Restore IP: it comes back in its place.
  await app.byTestId('column-toggle', { 'data-column': 'ip' }).check();
  assert.deepEqual(await headerColumns(app), COLUMNS.filter((c) => c !== 'run'));
  assert.equal(await row.locator('.col-ip').textContent(), cellText(x, 'ip'));
  await app.assertClean();
});

test('sorting by every column: severity by rank (not alphabetically), dates by time, text in natural order, both directions', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const arns = (xs) => xs.map((x) => x.f.arn);

  // Default: most severe first.
  assert.equal(await app.byTestId('sort', { 'data-column': 'severity' }).evaluate((b) => b.parentElement.getAttribute('aria-sort')), 'descending');
  let got = await app.allRowArns();
  assert.deepEqual(got, arns(sortFindings(ds.findings, 'severity', true)), 'default order: severity rank, High first');
  const bySeverity = got.map((a) => ds.findings.find((x) => x.f.arn === a).f.severity);
  const ranks = bySeverity.map((s) => SEVERITY_RANK[s]);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'High > Medium > Low > Informational > Undefined');
  assert.notDeepEqual(bySeverity, [...bySeverity].sort(), 'not alphabetical');
  assert.equal(bySeverity[0], 'High');
  assert.equal(bySeverity.at(-1), 'Undefined');

  // Severity again: least severe first.
  await app.byTestId('sort', { 'data-column': 'severity' }).click();
  got = await app.allRowArns();
  assert.deepEqual(got, arns(sortFindings(ds.findings, 'severity', false)));
  assert.equal((await app.columnTexts('severity'))[0], 'Undefined');

  // Every other column: first click (created: newest first; text: A→Z), second click reverses.
  for (const c of COLUMNS.filter((c) => c !== 'severity')) {
    const firstDesc = c === 'created';
    await app.byTestId('sort', { 'data-column': c }).click();
    assert.equal(
      await app.byTestId('sort', { 'data-column': c }).evaluate((b) => b.parentElement.getAttribute('aria-sort')),
      firstDesc ? 'descending' : 'ascending',
      `${c} aria-sort`,
    );
    assert.deepEqual(await app.allRowArns(), arns(sortFindings(ds.findings, c, firstDesc)), `sorted by ${c}`);
    await app.byTestId('sort', { 'data-column': c }).click();
    assert.deepEqual(await app.allRowArns(), arns(sortFindings(ds.findings, c, !firstDesc)), `sorted by ${c}, reversed`);
  }
  // Natural order: CVE-2018-999 before CVE-2018-1000 would need both; check the rule column reads in natural order.
  await app.byTestId('sort', { 'data-column': 'rule' }).click();
  const rules = (await app.allRowArns()).map((a) => ds.findings.find((x) => x.f.arn === a).f.id);
  for (let i = 1; i < rules.length; i++) assert.ok(naturalCmp(rules[i - 1], rules[i]) <= 0, `${rules[i - 1]} <= ${rules[i]}`);
  await app.assertClean();
});

/** Expected facet counts: for each value, findings matching every other active filter. */
function facetExpect(xs, dim, filters) {
  const valuesOf = {
    pkg: (x) => [ds.packages[x.pkg].name],
    run: (x) => [x.run.arn],
    inst: (x) => [x.instance.id],
    asg: (x) => [x.instance.asg ?? ''],
    attr: (x) => x.f.attributes.map((a) => `${a.key}=${a.value}`),
    uattr: (x) => x.f.userAttributes.map((a) => `${a.key}=${a.value}`),
    rule: (x) => [x.f.id],
    sev: (x) => [x.f.severity],
  };
  const passes = (x, except) =>
    Object.entries(filters).every(([d, vals]) => d === except || vals.some((v) => valuesOf[d](x).includes(v)));
  const out = {};
  for (const x of xs) if (passes(x, dim)) for (const v of valuesOf[dim](x)) out[v] = (out[v] ?? 0) + 1;
  const all = { ...out };
  for (const v of filters[dim] ?? []) all[v] ??= 0;
  return { counts: all, total: xs.filter((x) => passes(x, null)).length, valuesOf };
}

test('facets: counts per value for rules package, run, instance, auto scaling group, attributes, user attributes, rule; severity chips; selecting narrows', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const DIMS = ['pkg', 'run', 'inst', 'asg', 'attr', 'uattr', 'rule'];
  const check = async (filters, what) => {
    for (const dim of DIMS) {
      const want = facetExpect(ds.findings, dim, filters).counts;
      assert.ok(Object.keys(want).length <= 50, 'fixture: facet fits the 50-value list');
      assert.deepEqual(await app.facetCounts(dim), want, `${what}: facet ${dim}`);
    }
    const { total, valuesOf } = facetExpect(ds.findings, 'sev', filters);
    await app.waitForCount(total);
    const matching = ds.findings.filter((x) => Object.entries(filters).every(([d, vals]) => vals.some((v) => valuesOf[d](x).includes(v))));
    assert.deepEqual(await app.severityCounts(), severityCounts(matching), `${what}: severity chips`);
  };
  await check({}, 'no filter');
  // Labels: runs by name, findings without an ASG as "(none)".
  const labels = (dim) =>
    app.page.evaluate((dim) => Object.fromEntries([...document.querySelectorAll(`[data-testid="facet-value"][data-dim="${dim}"]`)].map((e) => [e.dataset.value, e.closest('label').querySelector('.facet-label').textContent])), dim);
  assert.deepEqual(await labels('run'), Object.fromEntries(ds.runs.map((r) => [r.arn, r.name])));
  assert.equal((await labels('asg'))[''], '(none)');
  assert.equal(await app.byTestId('facet', { 'data-dim': 'asg' }).locator('.facet-label', { hasText: '(none)' }).count(), 1, 'findings without an ASG are a facet value');

  const [web1, web2] = ds.runs;
  await app.toggleFacet('run', web1.arn);
  await check({ run: [web1.arn] }, 'run web1');
  await app.toggleFacet('asg', 'prod-web-asg');
  await check({ run: [web1.arn], asg: ['prod-web-asg'] }, 'run web1 + asg');
  await app.toggleFacet('run', web2.arn); // OR within a facet
  await check({ run: [web1.arn, web2.arn], asg: ['prod-web-asg'] }, 'run web1|web2 + asg');
  await app.byTestId('severity-count', { 'data-severity': 'High' }).click();
  await check({ run: [web1.arn, web2.arn], asg: ['prod-web-asg'], sev: ['High'] }, '+ High');
  assert.equal(await app.byTestId('severity-count', { 'data-severity': 'High' }).getAttribute('aria-pressed'), 'true');
  await app.byTestId('clear-filters').click();
  await check({}, 'cleared');

  await app.toggleFacet('attr', 'PORT=22');
  await check({ attr: ['PORT=22'] }, 'attribute PORT=22');
  // A value with no match under the other filters is not offered.
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'uattr', 'data-value': 'CostCenter=cc-4242' }).count(), 0);
  await app.toggleFacet('attr', 'PORT=22');
  await app.toggleFacet('uattr', 'CostCenter=cc-4242');
  await check({ uattr: ['CostCenter=cc-4242'] }, 'user attribute');
  const worker = ds.instances.find((i) => i.name === 'batch-worker-01');
  await app.toggleFacet('inst', worker.id);
  await check({ uattr: ['CostCenter=cc-4242'], inst: [worker.id] }, 'user attribute + instance');
  await app.byTestId('clear-filters').click();
  const inst = ds.instances.find((i) => i.name === 'prod-db-01');
  await app.toggleFacet('inst', inst.id);
  await app.toggleFacet('pkg', ds.packages.net.name);
  await app.toggleFacet('rule', 'RecognizedPortWithListener');
  await check({ inst: [inst.id], pkg: [ds.packages.net.name], rule: ['RecognizedPortWithListener'] }, 'instance + package + rule');
  for (const a of await app.rowArns()) {
    const x = ds.findings.find((y) => y.f.arn === a);
    assert.equal(x.instance.id, inst.id);
    assert.equal(x.f.id, 'RecognizedPortWithListener');
  }
  await app.assertClean();
});

test('free-text search covers title, description, recommendation, rule id and ARN, case-insensitively, and combines with facets', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const cve = ds.findings.find((x) => x.pkg === 'cve').f.id;
  const arnTail = ds.findings[17].f.arn.split('/').pop();
  const queries = [
    ['zebrafish', 'description'],
    ['PANGOLIN', 'recommendation'],
    ['quokka', 'title'],
    [cve, 'rule id'],
    [arnTail.toLowerCase(), 'ARN'],
    ['0-Cc33Dd44', 'run part of the ARN'],
    ['Unused listening TCP ports', 'id and description'],
    ['no-such-text-anywhere', 'nothing'],
  ];
  for (const [q, what] of queries) {
    const want = ds.findings.filter((x) => searchMatches(x, q));
    await app.byTestId('search').fill(q);
    await app.waitForCount(want.length);
    assert.deepEqual(new Set(await app.allRowArns()), new Set(want.map((x) => x.f.arn)), `search ${what}: ${q}`);
  }
  // Fixture sanity: each needle hits only its own field.
  assert.equal(ds.findings.filter((x) => x.f.description.includes('zebrafish')).length, 2);
  assert.equal(ds.findings.filter((x) => searchMatches(x, 'pangolin')).length, 1);

  // Search AND a facet.
  await app.byTestId('search').fill('ssh');
  const ssh = ds.findings.filter((x) => searchMatches(x, 'ssh'));
  await app.waitForCount(ssh.length);
  await app.byTestId('severity-count', { 'data-severity': 'High' }).click();
  await app.waitForCount(ssh.filter((x) => x.f.severity === 'High').length);
  assert.ok(ssh.filter((x) => x.f.severity === 'High').length > 0 && ssh.length > ssh.filter((x) => x.f.severity === 'High').length, 'fixture: the facet narrows');
  await app.assertClean();
});

test('group by rule, instance and package: group rows with counts; clicking a group filters to it', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const groups = (app) =>
    app.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="group-row"]')].map((r) => [r.dataset.value, Number(r.dataset.count)]),
    );
  const expectGroups = (key) =>
    Object.entries(countBy(ds.findings, key)).sort((a, b) => b[1] - a[1] || naturalCmp(a[0], b[0]));

  await app.byTestId('group-by').selectOption('instance');
  await app.byTestId('group-table').waitFor();
  assert.equal(await app.byTestId('finding-row').count(), 0, 'grouped: no flat rows');
  assert.deepEqual(await groups(app), expectGroups((x) => x.instance.id));
  await app.byTestId('group-by').selectOption('package');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="group-row"]')?.dataset.value.length > 25);
  assert.deepEqual(await groups(app), expectGroups((x) => ds.packages[x.pkg].name));
  await app.byTestId('group-by').selectOption('rule');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="group-row"]').length > 10);
  assert.deepEqual(await groups(app), expectGroups((x) => x.f.id));

  // Grouping follows filters.
  await app.byTestId('severity-count', { 'data-severity': 'Low' }).click();
  const low = ds.findings.filter((x) => x.f.severity === 'Low');
  await app.waitForCount(low.length);
  await app.page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="group-row"]')].reduce((s, r) => s + Number(r.dataset.count), 0) === n, low.length);
  await app.byTestId('severity-count', { 'data-severity': 'Low' }).click();

  // Click an instance group: back to rows, filtered to it.
  await app.byTestId('group-by').selectOption('instance');
  const inst = ds.instances.find((i) => i.name === 'batch-worker-02');
  const n = ds.findings.filter((x) => x.instance.id === inst.id).length;
  const row = app.byTestId('group-row', { 'data-value': inst.id });
  assert.equal(await row.getAttribute('data-count'), String(n));
  await row.locator('button').click();
  await app.waitForCount(n);
  assert.equal(await app.byTestId('group-table').count(), 0, 'grouping is off');
  assert.equal(await app.byTestId('group-by').inputValue(), '');
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'inst', 'data-value': inst.id }).isChecked(), true);
  const rows = await app.allRowArns();
  assert.equal(rows.length, n);
  assert.ok(rows.every((a) => ds.findings.find((x) => x.f.arn === a).instance.id === inst.id));
  await app.assertClean();
});

test('keyboard: focus the table, ArrowDown/ArrowUp move the cursor, Enter opens the detail', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const order = sortFindings(ds.findings, 'severity', true).map((x) => x.f.arn);
  const cursor = () => app.page.evaluate(() => document.querySelector('[data-testid="finding-row"].cursor')?.dataset.arn);
  const table = app.byTestId('findings-table');
  await table.focus();
  assert.equal(await cursor(), order[0], 'the cursor starts on the first row');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowUp');
  await app.page.waitForFunction((a) => document.querySelector('[data-testid="finding-row"].cursor')?.dataset.arn === a, order[2]);
  assert.equal(await app.byTestId('finding-detail').count(), 0);
  await app.page.keyboard.press('Enter');
  await app.byTestId('finding-detail', { 'data-arn': order[2] }).waitFor();
  assert.equal(await app.byTestId('finding-row', { 'data-arn': order[2] }).getAttribute('aria-selected'), 'true');

  // Moving far down scrolls the cursor row into view.
  await table.focus();
  for (let i = 0; i < 30; i++) await app.page.keyboard.press('ArrowDown');
  await app.page.waitForFunction((a) => document.querySelector('[data-testid="finding-row"].cursor')?.dataset.arn === a, order[32]);
  const inView = await app.page.evaluate(() => {
    const r = document.querySelector('[data-testid="finding-row"].cursor').getBoundingClientRect();
    const b = document.querySelector('[data-testid="findings-table"]').getBoundingClientRect();
    return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  });
  assert.ok(inView, 'cursor row visible');
  await app.page.keyboard.press('Enter');
  await app.byTestId('finding-detail', { 'data-arn': order[32] }).waitFor();
  await app.assertClean();
});

test('20k findings: few rows in the DOM, scrolling renders later rows in order', { timeout: T }, async (t) => {
  const file = generateFindings(20_000, { name: 'describe-findings-20k.json', seed: 11 });
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const n = new Set(doc.findings.map((f) => f.arn)).size;
  // Sorted by severity (default), row k's severity follows from the counts alone.
  const counts = countBy(doc.findings, (f) => f.severity);
  const ranges = [];
  let at = 0;
  for (const s of SEVERITIES) {
    if (counts[s]) ranges.push([at, at + counts[s], s]);
    at += counts[s] ?? 0;
  }
  const severityAt = (k) => ranges.find(([a, b]) => k >= a && k < b)[2];

  const app = await openViewer(t);
  await app.load([file]);
  await app.waitForCount(n);
  const table = app.byTestId('findings-table');
  const domRows = () => app.byTestId('finding-row').count();
  assert.ok((await domRows()) > 5 && (await domRows()) < 200, `rows in the DOM: ${await domRows()}`);
  assert.equal(await app.page.locator('[role="grid"]').getAttribute('aria-rowcount'), String(n));
  const rowHeight = await app.byTestId('finding-row').first().evaluate((r) => r.getBoundingClientRect().height);
  const first = await app.rowArns();

  for (const k of [Math.floor(n / 2), ranges.at(-1)[0] + 1, n - 1]) {
    await table.evaluate((el, top) => {
      el.scrollTop = top;
      el.dispatchEvent(new Event('scroll'));
    }, k * rowHeight);
    // Wait until the rows under the viewport's top edge are rendered.
    await app.page.waitForFunction(() => {
      const body = document.querySelector('[data-testid="findings-table"]');
      const top = body.getBoundingClientRect().top;
      return [...document.querySelectorAll('[data-testid="finding-row"]')].some((r) => {
        const b = r.getBoundingClientRect();
        return b.top <= top + 1 && b.bottom > top + 1;
      });
    });
    // Each visible row's index follows from its position in the scrolled content.
    const { visible, scrollTop } = await app.page.evaluate(() => {
      const el = document.querySelector('[data-testid="findings-table"]');
      const body = el.getBoundingClientRect();
      const visible = [...document.querySelectorAll('[data-testid="finding-row"]')]
        .filter((r) => {
          const b = r.getBoundingClientRect();
          return b.bottom > body.top + 1 && b.top < body.bottom - 1;
        })
        .map((r) => ({ arn: r.dataset.arn, severity: r.querySelector('.col-severity').textContent, top: r.getBoundingClientRect().top - body.top }));
      return { visible, scrollTop: el.scrollTop };
    });
    assert.ok(visible.length > 5, `rows visible at row ${k}`);
    assert.ok((await domRows()) < 200, `rows in the DOM at row ${k}: ${await domRows()}`);
    for (const v of visible) {
      const index = Math.round((scrollTop + v.top) / rowHeight);
      assert.ok(index < n);
      assert.equal(v.severity, severityAt(index), `row ${index} severity`);
    }
    assert.ok(!visible.some((v) => first.includes(v.arn)), `rows at ${k} are not the first rows`);
  }
  // At the very bottom the last row is rendered, with the least severe severity.
  const last = await app.page.evaluate(() => [...document.querySelectorAll('[data-testid="finding-row"]')].at(-1).querySelector('.col-severity').textContent);
  assert.equal(last, ranges.at(-1)[2]);
  await app.assertClean();
});

test('a window made taller is filled with rows at once, without a scroll', { timeout: T }, async (t) => {
  const file = generateFindings(2_000, { name: 'describe-findings-2k.json', seed: 12 });
  const app = await openViewer(t);
  await app.load([file]);
  await app.waitForCount(2000);
  // Rows cover the table's visible height: the last row rendered ends at or below its bottom.
  const covered = () =>
    app.page.evaluate(() => {
      const body = document.querySelector('[data-testid="findings-table"]').getBoundingClientRect();
      const last = [...document.querySelectorAll('[data-testid="finding-row"]')].at(-1).getBoundingClientRect();
      return { rowsEnd: Math.round(last.bottom), tableEnd: Math.round(body.bottom), tableHeight: Math.round(body.height) };
    });
  const before = await covered();
  assert.ok(before.rowsEnd >= before.tableEnd, `rows cover the table: ${JSON.stringify(before)}`);
  await app.page.setViewportSize({ width: 1280, height: 2200 });
  await app.page.waitForFunction((h) => document.querySelector('[data-testid="findings-table"]').getBoundingClientRect().height > h + 1000, before.tableHeight);
  // No scroll event: the table learns its new height from the resize alone.
  await app.page.waitForFunction(() => {
    const body = document.querySelector('[data-testid="findings-table"]').getBoundingClientRect();
    const last = [...document.querySelectorAll('[data-testid="finding-row"]')].at(-1).getBoundingClientRect();
    return last.bottom >= body.bottom;
  }, null, { timeout: 5000 }).catch(() => {});
  const after = await covered();
  assert.ok(after.tableHeight > before.tableHeight + 1000, `the table grew: ${JSON.stringify(after)}`);
  assert.ok(after.rowsEnd >= after.tableEnd, `rows cover the taller table: ${JSON.stringify(after)}`);
  await app.assertClean();
});

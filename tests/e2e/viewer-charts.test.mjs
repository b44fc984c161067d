// Viewer spec 6 — charts: severity / package / instance / runs canvases that follow the active
// filters (checked through their hidden data tables), and clicking a bar filters the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openViewer, T, countBy, fmtCount, naturalCmp, severityCounts, utcDisplay } from './lib-viewer.mjs';
import { buildDataset, SEVERITIES } from './lib-viewer-data.mjs';

const ds = buildDataset();
const CHARTS = ['severity', 'package', 'instance', 'runs'];

/** The four hidden tables, computed from the findings `xs`. */
function expectedTables(xs) {
  const top = (key, n) =>
    Object.entries(countBy(xs, key))
      .sort((a, b) => b[1] - a[1] || naturalCmp(a[0], b[0]))
      .slice(0, n)
      .map(([label, c]) => [label, fmtCount(c)]);
  const sev = severityCounts(xs);
  const runs = ds.runs
    .filter((r) => xs.some((x) => x.run === r))
    .map((r) => {
      const mine = xs.filter((x) => x.run === r);
      const c = severityCounts(mine);
      const completed = typeof r.record.completedAt === 'number' ? r.record.completedAt : Date.parse(r.record.completedAt) / 1000;
      return { completed, row: [utcDisplay(completed).replace(' UTC', ''), r.name, ...SEVERITIES.map((s) => fmtCount(c[s])), fmtCount(mine.length)] };
    })
    .sort((a, b) => a.completed - b.completed)
    .map((p) => p.row);
  return {
    severity: SEVERITIES.map((s) => [s, fmtCount(sev[s])]),
    package: top((x) => ds.packages[x.pkg].name, 8),
    instance: top((x) => x.instance.id, 10),
    runs,
  };
}

async function assertTables(app, xs, what) {
  const want = expectedTables(xs);
  for (const name of CHARTS) {
    await app.page
      .waitForFunction(
        ([name, rows]) =>
          JSON.stringify([...document.querySelectorAll(`[data-chart-table="${name}"] tbody tr`)].map((tr) => [...tr.children].map((c) => c.textContent))) ===
          JSON.stringify(rows),
        [name, want[name]],
        { timeout: 5000 },
      )
      .catch(() => {});
    assert.deepEqual(await app.chartTable(name), want[name], `${what}: ${name} chart table`);
  }
}

async function loaded(t) {
  const app = await openViewer(t);
  await app.load(ds.files);
  await app.waitForCount(ds.findings.length);
  return app;
}

/**
 * The hit regions of a chart's bars, in drawing order, found by moving the mouse across the
 * canvas along a line (the app sets `cursor: pointer` over a bar): [{from, to}] in page pixels.
 */
async function barRegions(app, name, { along, at }) {
  const canvas = app.byTestId('chart', { 'data-chart': name });
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const regions = [];
  let inside = null;
  const len = along === 'x' ? box.width : box.height;
  for (let d = 1; d < len - 1; d += 2) {
    const x = along === 'x' ? box.x + d : box.x + box.width * at;
    const y = along === 'x' ? box.y + box.height * at : box.y + d;
    await app.page.mouse.move(x, y);
    const pointer = (await canvas.evaluate((c) => c.style.cursor)) === 'pointer';
    if (pointer && inside === null) inside = along === 'x' ? x : y;
    if (!pointer && inside !== null) {
      regions.push({ from: inside, to: along === 'x' ? x : y });
      inside = null;
    }
  }
  if (inside !== null) regions.push({ from: inside, to: along === 'x' ? box.x + len : box.y + len });
  return { regions, box };
}

test('four charts are drawn, fit their cards, and their data tables hold the dataset\'s numbers', { timeout: T }, async (t) => {
  const app = await loaded(t);
  for (const name of CHARTS) {
    const canvas = app.byTestId('chart', { 'data-chart': name });
    assert.equal(await canvas.evaluate((e) => e.tagName), 'CANVAS');
    await app.waitForCanvasInk(canvas, 500);
    assert.match(await canvas.getAttribute('aria-label'), /\S/);
  }
  await assertTables(app, ds.findings, 'all findings');
  // Every chart is fully visible: inside its card, not covered by a neighbour.
  const layout = await app.page.evaluate(() =>
    [...document.querySelectorAll('canvas[data-testid="chart"]')].map((c) => {
      c.scrollIntoView({ block: 'center' });
      const r = c.getBoundingClientRect();
      const card = c.closest('.chart-card').getBoundingClientRect();
      const probes = [
        [r.left + 3, r.top + 3],
        [r.right - 3, r.top + r.height / 2],
        [r.left + r.width / 2, r.bottom - 3],
      ];
      const visible = probes.every(([x, y]) => document.elementFromPoint(x, y) === c);
      return { chart: c.dataset.chart, inside: r.left >= card.left - 0.5 && r.right <= card.right + 0.5, visible, width: r.width, card: card.width };
    }),
  );
  for (const l of layout) {
    assert.ok(l.inside, `${l.chart} canvas (${l.width}px) overflows its card (${l.card}px)`);
    assert.ok(l.visible, `${l.chart} canvas is partly covered`);
  }
  await app.assertClean();
});

test('charts follow the active filters', { timeout: T }, async (t) => {
  const app = await loaded(t);
  const [web1] = ds.runs;
  await app.toggleFacet('run', web1.arn);
  await app.waitForCount(web1.findings.length);
  await assertTables(app, web1.findings, 'run web1');
  await app.byTestId('severity-count', { 'data-severity': 'Medium' }).click();
  const med = web1.findings.filter((x) => x.f.severity === 'Medium');
  await app.waitForCount(med.length);
  await assertTables(app, med, 'run web1, Medium');
  await app.byTestId('clear-filters').click();
  await app.byTestId('search').fill('ssh');
  const ssh = ds.findings.filter((x) => [x.f.title, x.f.description, x.f.recommendation, x.f.id, x.f.arn].some((s) => s.toLowerCase().includes('ssh')));
  await app.waitForCount(ssh.length);
  await assertTables(app, ssh, 'search ssh');
  await app.assertClean();
});

test('clicking a bar filters by it: severity column, instance bar, package bar, run point', { timeout: T }, async (t) => {
  const app = await loaded(t);

  // Severity: one column per severity, in table order.
  const sev = await barRegions(app, 'severity', { along: 'x', at: 0.6 });
  assert.equal(sev.regions.length, SEVERITIES.length, `severity bars found: ${JSON.stringify(sev.regions)}`);
  const medium = sev.regions[SEVERITIES.indexOf('Medium')];
  await app.page.mouse.click((medium.from + medium.to) / 2, sev.box.y + sev.box.height * 0.6);
  const nMedium = ds.findings.filter((x) => x.f.severity === 'Medium').length;
  await app.waitForCount(nMedium);
  assert.equal(await app.byTestId('severity-count', { 'data-severity': 'Medium' }).getAttribute('aria-pressed'), 'true');
  // Clicking it again removes the filter.
  await app.page.mouse.click((medium.from + medium.to) / 2, sev.box.y + sev.box.height * 0.6);
  await app.waitForCount(ds.findings.length);

  // Instances: horizontal bars, top to bottom in table order.
  const table = await app.chartTable('instance');
  const inst = await barRegions(app, 'instance', { along: 'y', at: 0.75 });
  assert.equal(inst.regions.length, table.length, `instance bars found: ${JSON.stringify(inst.regions)}`);
  const second = inst.regions[1];
  await app.page.mouse.click(inst.box.x + inst.box.width * 0.75, (second.from + second.to) / 2);
  await app.waitForCount(Number(table[1][1]));
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'inst', 'data-value': table[1][0] }).isChecked(), true);
  await app.byTestId('clear-filters').click();
  await app.waitForCount(ds.findings.length);

  // Package: the first (largest) bar.
  const ptable = await app.chartTable('package');
  const pkg = await barRegions(app, 'package', { along: 'y', at: 0.75 });
  assert.equal(pkg.regions.length, ptable.length);
  await app.page.mouse.click(pkg.box.x + pkg.box.width * 0.75, (pkg.regions[0].from + pkg.regions[0].to) / 2);
  await app.waitForCount(Number(ptable[0][1]));
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'pkg', 'data-value': ptable[0][0] }).isChecked(), true);
  await app.byTestId('clear-filters').click();
  await app.waitForCount(ds.findings.length);

  // Runs over time: the latest run's column.
  const rtable = await app.chartTable('runs');
  const runs = await barRegions(app, 'runs', { along: 'x', at: 0.8 });
  assert.equal(runs.regions.length, rtable.length, `run columns found: ${JSON.stringify(runs.regions)}`);
  const last = runs.regions.at(-1);
  await app.page.mouse.click((last.from + last.to) / 2, runs.box.y + runs.box.height * 0.8);
  const latest = ds.runs.find((r) => r.name === rtable.at(-1)[1]);
  await app.waitForCount(latest.findings.length);
  assert.equal(await app.byTestId('facet-value', { 'data-dim': 'run', 'data-value': latest.arn }).isChecked(), true);
  await app.assertClean();
});

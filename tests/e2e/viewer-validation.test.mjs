// Viewer spec 2 — the validation panel: issues grouped by file and rule with counts, each with
// file, path, rule, level, line:column and message; an issue of a record opens that record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openViewer, T } from './lib-viewer.mjs';
import { buildDataset, brokenFile, defectsFile, lineCol } from './lib-viewer-data.mjs';

const ds = buildDataset();
const defects = defectsFile(ds);
const broken = brokenFile();
const OLD_RUNS = 'describe-assessment-runs-2017.json';
const oldRun = ds.runs.find((r) => r.oldExport);

// Every issue the files hold, computed from the files themselves.
const oldRunsText = ds.byName(OLD_RUNS).text;
const expected = [
  {
    file: OLD_RUNS,
    path: 'assessmentRuns[0].findingCounts',
    rule: 'added-later',
    level: 'warning',
    arn: oldRun.arn,
    // Reported where the run object opens.
    ...lineCol(oldRunsText, '        {'),
    column: 9,
    message: /findingCounts.*2017-05-16/,
  },
  { ...defects.issues[0], file: defects.name, message: /"Critical"/ },
  { ...defects.issues[1], file: defects.name, message: /`updatedAt`.*missing/ },
  { ...defects.issues[2], file: defects.name, message: /`region`/ },
  {
    file: defects.name,
    path: 'findings[4]',
    rule: 'conflict',
    level: 'warning',
    arn: defects.conflict.newer.arn,
    line: defects.conflict.line,
    column: defects.conflict.column,
    message: new RegExp(`describe-findings-prod-web-run2\\.json\` line ${defects.conflict.original.line}.*updatedAt.*this copy is shown`),
  },
].map(({ pos, ...x }) => x);

async function openWithDefects(t) {
  const app = await openViewer(t);
  await app.load([...ds.files, defects, broken]);
  await app.byTestId('tab-validation').click();
  await app.byTestId('validation-summary').waitFor();
  return app;
}

const readIssues = (app) =>
  app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="validation-issue"]')].map((e) => ({
      file: e.dataset.file,
      path: e.dataset.path,
      rule: e.dataset.rule,
      level: e.dataset.level,
      record: e.dataset.record ?? null,
      where: e.querySelector('.where')?.textContent,
      message: e.querySelector('.message')?.textContent,
      group: e.closest('[data-testid="issue-group"]')?.dataset.rule,
      section: e.closest('[data-testid="issue-file"]')?.dataset.file,
    })),
  );

test('issues are grouped by file and rule with counts, each with path, rule, level, line:column and message', { timeout: T }, async (t) => {
  const app = await openWithDefects(t);
  const count = (pred) => expected.filter(pred).length;

  const summary = app.byTestId('validation-summary');
  assert.deepEqual(
    await summary.evaluate((e) => ({ ...e.dataset })),
    {
      testid: 'validation-summary',
      total: String(expected.length),
      errors: String(count((i) => i.level === 'error')),
      warnings: String(count((i) => i.level === 'warning')),
      infos: String(count((i) => i.level === 'info')),
      shown: String(expected.length),
      notKept: '0',
    },
  );
  assert.equal(await app.byTestId('issue-total').textContent(), String(expected.length), 'tab badge');

  // Groups: one per (file, rule), with the count shown.
  const groups = await app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="issue-group"]')].map((g) => ({
      file: g.dataset.file,
      rule: g.dataset.rule,
      count: Number(g.dataset.count),
      shown: g.querySelector('summary .group-count')?.textContent,
      items: g.querySelectorAll('[data-testid="validation-issue"]').length,
    })),
  );
  const wantGroups = {};
  for (const i of expected) {
    const k = `${i.file}|${i.rule}`;
    wantGroups[k] = (wantGroups[k] ?? 0) + 1;
  }
  assert.deepEqual(
    Object.fromEntries(groups.map((g) => [`${g.file}|${g.rule}`, g.count])),
    wantGroups,
    'issue groups by file and rule',
  );
  for (const g of groups) {
    assert.equal(g.shown, String(g.count), `${g.file} ${g.rule}: count shown`);
    assert.equal(g.items, g.count, `${g.file} ${g.rule}: items listed`);
  }

  // Per-file level counts.
  for (const file of [OLD_RUNS, defects.name]) {
    const mine = expected.filter((i) => i.file === file);
    const sec = app.byTestId('issue-file', { 'data-file': file });
    assert.deepEqual(
      await sec.evaluate((e) => [e.dataset.errors, e.dataset.warnings, e.dataset.infos]),
      ['error', 'warning', 'info'].map((l) => String(mine.filter((i) => i.level === l).length)),
      `${file} level counts`,
    );
  }
  // Clean files are listed with no issues.
  for (const f of ds.files.filter((f) => f.name !== OLD_RUNS)) {
    const sec = app.byTestId('issue-file', { 'data-file': f.name });
    assert.equal(await sec.count(), 1, `${f.name} listed`);
    assert.equal(await sec.locator('[data-testid="validation-issue"]').count(), 0, `${f.name} has no issues`);
  }

  // Every issue, exactly.
  const got = await readIssues(app);
  assert.equal(got.length, expected.length, JSON.stringify(got, null, 1));
  for (const want of expected) {
    const hit = got.find((g) => g.file === want.file && g.path === want.path && g.rule === want.rule);
    assert.ok(hit, `issue ${want.file} ${want.path} ${want.rule} listed: ${JSON.stringify(got, null, 1)}`);
    assert.equal(hit.level, want.level, `${want.path} level`);
    assert.equal(hit.where, `${want.line}:${want.column}`, `${want.path} line:column`);
    assert.match(hit.message, want.message, `${want.path} message`);
    assert.equal(hit.record, want.arn, `${want.path} record`);
    assert.equal(hit.group, want.rule, `${want.path} sits in its rule group`);
    assert.equal(hit.section, want.file, `${want.path} sits in its file section`);
  }

  // The unusable file is called out with where it breaks.
  const unusable = app.byTestId('unusable-file', { 'data-file': broken.name });
  assert.deepEqual(await unusable.evaluate((e) => [e.dataset.line, e.dataset.column]), [String(broken.text.split('\n').length), '1']);

  // The file list agrees (the conflict is a warning of the later file).
  const files = await app.loadedFiles();
  assert.deepEqual(files[defects.name], { kind: 'DescribeFindings', records: defects.records, errors: 2, warnings: 1 });
  assert.deepEqual(files[OLD_RUNS], { kind: 'DescribeAssessmentRuns', records: 1, errors: 0, warnings: 1 });
  await app.assertClean();
});

test('level and rule filters narrow the issue list', { timeout: T }, async (t) => {
  const app = await openWithDefects(t);
  await app.byTestId('rule-filter').selectOption('enum');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="validation-issue"]').length === 1);
  assert.deepEqual((await readIssues(app)).map((i) => i.path), ['findings[0].severity']);
  await app.byTestId('reset-issue-filters').click();
  await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="validation-issue"]').length === n, expected.length);
  // Hide errors: warnings and infos remain.
  await app.byTestId('level-toggle', { 'data-level': 'error' }).click();
  const left = expected.filter((i) => i.level !== 'error').length;
  await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="validation-issue"]').length === n, left);
  assert.ok((await readIssues(app)).every((i) => i.level !== 'error'));
  await app.assertClean();
});

test('clicking an issue opens its record: a finding in the findings detail, a run in the runs detail', { timeout: T }, async (t) => {
  const app = await openWithDefects(t);
  const enumIssue = expected.find((i) => i.rule === 'enum');
  await app.byTestId('validation-issue', { 'data-rule': 'enum', 'data-file': defects.name }).click();
  const detail = app.byTestId('finding-detail');
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-arn'), enumIssue.arn);
  assert.equal(await app.byTestId('tab-findings').getAttribute('aria-selected'), 'true');
  // The detail lists that record's issues.
  const issueTexts = await detail.locator('ul.issues li').allTextContents();
  assert.equal(issueTexts.length, 1, issueTexts.join('\n'));
  assert.match(issueTexts[0], new RegExp(`enum.*findings\\[0\\]\\.severity.*\\(${defects.name} ${enumIssue.line}:${enumIssue.column}\\)`));

  // The conflicting copy: the newer one is shown, and the detail names both sources.
  await app.byTestId('tab-validation').click();
  await app.byTestId('validation-issue', { 'data-rule': 'conflict' }).click();
  await app.byTestId('finding-detail', { 'data-arn': defects.conflict.newer.arn }).waitFor();
  const sev = await app.byTestId('finding-detail').locator('.detail-head .sev').textContent();
  assert.equal(sev, defects.conflict.newer.severity, 'the newer copy is shown');
  assert.deepEqual(await app.byTestId('detail-source').allTextContents(), [
    `${defects.name}, line ${defects.conflict.line}`,
    `${defects.conflict.original.file}, line ${defects.conflict.original.line}`,
  ]);

  // A run's issue opens the run.
  await app.byTestId('tab-validation').click();
  await app.byTestId('validation-issue', { 'data-rule': 'added-later' }).click();
  const run = app.byTestId('run-detail');
  await run.waitFor();
  assert.equal(await run.getAttribute('data-arn'), oldRun.arn);
  assert.equal(await app.byTestId('tab-runs').getAttribute('aria-selected'), 'true');
  await app.assertClean();
});

test('removing a file re-checks the merge: the conflict warning goes with the file it conflicted with', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const run2 = ds.byName('describe-findings-prod-web-run2.json');
  await app.load([run2, defects]);
  const files = await app.loadedFiles();
  assert.equal(files[defects.name].warnings, 1, 'conflict warning while both files are loaded');
  assert.equal(await app.byTestId('issue-total').textContent(), String(defects.issues.length + 1));
  await app.byTestId('loaded-file', { 'data-file': run2.name }).getByTestId('remove-file').click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="loaded-file"]').length === 1);
  assert.deepEqual((await app.loadedFiles())[defects.name], { kind: 'DescribeFindings', records: defects.records, errors: 2, warnings: 0 });
  assert.equal(await app.byTestId('issue-total').textContent(), String(defects.issues.length));
  await app.byTestId('tab-validation').click();
  await app.byTestId('validation-issue').first().waitFor();
  assert.equal(await app.byTestId('validation-issue', { 'data-rule': 'conflict' }).count(), 0);
  await app.byTestId('tab-findings').click();
  await app.waitForCount(defects.records);
  await app.assertClean();
});

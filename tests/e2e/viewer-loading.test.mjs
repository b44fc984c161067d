// Viewer spec 1 — loading: drop anywhere (many files), the file picker, paste, sample data,
// the file list (kind, records, errors, warnings, load errors), removing, merging (dedupe by
// ARN), progress on a large file, and cancel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openViewer, T } from './lib-viewer.mjs';
import { DIST } from './harness.mjs';
import { buildDataset, brokenFile, defectsFile, generateFindings, writeFiles } from './lib-viewer-data.mjs';

const ds = buildDataset();
const findingFiles = ds.files.filter((f) => f.kind === 'DescribeFindings');

/** The file list matches `files` exactly (name → kind, records, errors, warnings). */
async function assertFileList(app, files) {
  const got = await app.loadedFiles();
  const want = Object.fromEntries(
    files.map((f) => [f.name, { kind: f.kind, records: f.records, errors: f.errors, warnings: f.warnings }]),
  );
  assert.deepEqual(got, want, 'loaded-file rows');
}

test('dropping many files anywhere on the window loads them all, with an error in the unusable file row', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const broken = brokenFile();
  const dropped = [...ds.files, broken];
  // Drag over a deep element (the welcome text), not a dedicated drop zone.
  const events = await app.page.evaluate(async (files) => {
    const target = document.querySelector('.welcome p') ?? document.body;
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    const at = { clientX: 400, clientY: 300, bubbles: true, cancelable: true, composed: true, dataTransfer: dt };
    const enter = target.dispatchEvent(new DragEvent('dragenter', at));
    const over = target.dispatchEvent(new DragEvent('dragover', at));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    const overlay = document.querySelector('.app').classList.contains('dragging');
    const drop = target.dispatchEvent(new DragEvent('drop', at));
    // dispatchEvent returns false when the app called preventDefault (so the browser does not
    // navigate to the dropped file).
    return { enterPrevented: !enter, overPrevented: !over, dropPrevented: !drop, overlay };
  }, dropped);
  assert.deepEqual(events, { enterPrevented: true, overPrevented: true, dropPrevented: true, overlay: true });

  await app.waitForFiles(dropped.map((f) => f.name));
  await assertFileList(app, [...ds.files, { name: broken.name, kind: 'DescribeFindings', records: 0, errors: 0, warnings: 0 }]);
  assert.equal(await app.page.locator('.app.dragging').count(), 0, 'the drop overlay is gone after the drop');

  // The load error sits inside the unusable file's row, and says where the file breaks.
  const row = app.byTestId('loaded-file', { 'data-file': broken.name });
  const err = row.locator(`[data-testid="load-error"][data-file="${broken.name}"]`);
  assert.equal(await err.count(), 1, 'load-error inside the broken file row');
  const lines = broken.text.split('\n').length; // the text ends with a newline: EOF is on the last line
  assert.match(await err.textContent(), new RegExp(`line ${lines}, column 1\\b`));
  assert.equal(await app.byTestId('load-error').count(), 1, 'only the broken file has a load error');

  await app.waitForCount(ds.findings.length);
  assert.equal(await app.byTestId('tab-finding-total').textContent(), String(ds.findings.length));
  assert.equal(await app.byTestId('run-count').textContent(), String(ds.runs.length));
  await app.assertClean();
});

test('file picker (multiple): loading more merges, the same file twice dedupes by ARN and keeps both sources, removing updates counts', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  assert.equal(await app.byTestId('file-input').evaluate((e) => e.multiple), true, 'file input takes many files');
  const [p1, p2, run2, batch, packages] = writeFiles([
    ds.byName('describe-findings-prod-web-run1-part1.json'),
    ds.byName('describe-findings-prod-web-run1-part2.json'),
    ds.byName('describe-findings-prod-web-run2.json'),
    ds.byName('describe-findings-batch-run1.json'),
    ds.byName('describe-rules-packages.json'),
  ]);
  const n = (pred) => ds.findings.filter(pred).length;
  const run1 = n((x) => x.run.key === 'web1');
  const part1 = n((x) => x.file === 'describe-findings-prod-web-run1-part1.json');

  await app.load([p1, p2]);
  await app.waitForCount(run1);

  // A second pick adds to what is loaded.
  await app.load([run2, batch, packages]);
  const all = ds.findings.length;
  await app.waitForCount(all);
  assert.equal(await app.byTestId('finding-count').getAttribute('data-total'), String(all));
  await assertFileList(app, [
    'describe-findings-prod-web-run1-part1.json',
    'describe-findings-prod-web-run1-part2.json',
    'describe-findings-prod-web-run2.json',
    'describe-findings-batch-run1.json',
    'describe-rules-packages.json',
  ].map((name) => ds.byName(name)));

  // The same file again: listed twice, the findings once.
  await app.setFiles([p1]);
  await app.page.waitForFunction(
    (name) => document.querySelectorAll(`[data-testid="loaded-file"][data-file="${name}"]`).length === 2,
    'describe-findings-prod-web-run1-part1.json',
  );
  await app.waitForCount(all);
  assert.match(await app.byTestId('files-summary').textContent(), new RegExp(`\\b${part1} identical copies merged`));
  // Both copies are sources of a finding of that file.
  const x = ds.findings.find((y) => y.file === 'describe-findings-prod-web-run1-part1.json');
  await app.byTestId('search').fill(x.f.arn.split('/').pop());
  await app.waitForCount(1);
  await app.byTestId('finding-row').first().click();
  await app.byTestId('finding-detail', { 'data-arn': x.f.arn }).waitFor();
  assert.deepEqual(await app.byTestId('detail-source').allTextContents(), [
    `${x.file}, line ${x.line}`,
    `${x.file}, line ${x.line}`,
  ]);
  await app.byTestId('search').fill('');
  await app.waitForCount(all);

  // Remove run 2's file: its findings go.
  const remove = (name, nth = 0) =>
    app.byTestId('loaded-file', { 'data-file': name }).nth(nth).getByTestId('remove-file').click();
  await remove('describe-findings-prod-web-run2.json');
  await app.waitForCount(all - n((x) => x.run.key === 'web2'));
  assert.equal(await app.byTestId('tab-finding-total').textContent(), String(all - n((x) => x.run.key === 'web2')));
  // Remove one copy of part 1: the other copy still holds its findings.
  await remove('describe-findings-prod-web-run1-part1.json', 1);
  await app.waitForCount(all - n((x) => x.run.key === 'web2'));
  await remove('describe-findings-prod-web-run1-part1.json');
  await app.waitForCount(all - n((x) => x.run.key === 'web2') - part1);
  assert.equal(await app.byTestId('loaded-file').count(), 3);
  await app.assertClean();
});

test('paste JSON: a whole response and JSON Lines load as pasted-N.json; an empty paste says so and the notice does not outlive a good load', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  // A real paste: the text goes through the clipboard and Ctrl+V into the box.
  const paste = async (text) => {
    await app.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await app.byTestId('paste-area').focus();
    await app.page.keyboard.press('Control+V');
    assert.equal(await app.byTestId('paste-area').inputValue(), text);
  };
  const run2 = ds.byName('describe-findings-prod-web-run2.json');
  const run2Findings = JSON.parse(run2.text).findings;
  const jsonl = ds.findings.filter((x) => x.run.key === 'batch1').slice(0, 7).map((x) => JSON.stringify(x.f)).join('\n') + '\n';

  assert.equal(await app.byTestId('paste-area').count(), 0, 'the paste box starts closed');
  await app.byTestId('paste-toggle').click();
  await app.byTestId('paste-load').click(); // nothing typed
  await app.page.getByRole('status').filter({ hasText: 'pasted text is empty' }).waitFor();
  assert.equal(await app.byTestId('loaded-file').count(), 0);

  await paste(run2.text);
  await app.byTestId('paste-load').click();
  await app.waitForFiles(['pasted-1.json']);
  await app.waitForCount(run2Findings.length);
  assert.equal(await app.byTestId('paste-area').count(), 0, 'the paste box closes after loading');

  await app.byTestId('paste-toggle').click();
  await paste(jsonl);
  await app.byTestId('paste-load').click();
  await app.waitForFiles(['pasted-1.json', 'pasted-2.json']);
  await assertFileList(app, [
    { name: 'pasted-1.json', kind: 'DescribeFindings', records: run2Findings.length, errors: 0, warnings: 0 },
    { name: 'pasted-2.json', kind: 'DescribeFindings', records: 7, errors: 0, warnings: 0 },
  ]);
  await app.waitForCount(run2Findings.length + 7);
  await app.assertClean();
  // Checked last so the rest runs even while this fails.
  assert.equal(
    await app.page.getByRole('status').filter({ hasText: 'pasted text is empty' }).count(),
    0,
    'the "pasted text is empty" notice is stale: it is still shown after two successful pastes',
  );
});

test('"Open sample data" loads every bundled file with the right kind and record count', { timeout: T }, async (t) => {
  // Expectations from the files the site serves, read independently of the app.
  const dir = path.join(DIST, 'samples');
  const names = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')).files;
  const KINDS = {
    findings: 'DescribeFindings',
    assessmentRuns: 'DescribeAssessmentRuns',
    assessmentTemplates: 'DescribeAssessmentTemplates',
    assessmentTargets: 'DescribeAssessmentTargets',
    resourceGroups: 'DescribeResourceGroups',
    rulesPackages: 'DescribeRulesPackages',
    findingArns: 'ListFindings',
    assessmentRunArns: 'ListAssessmentRuns',
    assessmentRunAgents: 'ListAssessmentRunAgents',
  };
  const arns = new Set();
  let runs = 0;
  const want = {};
  for (const name of names) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    const key = Object.keys(doc).find((k) => KINDS[k]);
    assert.ok(key, `${name}: unknown kind`);
    want[name] = { kind: KINDS[key], records: doc[key].length, errors: 0, warnings: 0 };
    if (key === 'findings') for (const f of doc.findings) arns.add(f.arn);
    if (key === 'assessmentRuns') runs += doc.assessmentRuns.length;
  }

  const app = await openViewer(t);
  await app.byTestId('open-samples').click();
  await app.waitForFiles(names);
  assert.deepEqual(await app.loadedFiles(), want);
  await app.waitForCount(arns.size);
  assert.equal(await app.byTestId('run-count').textContent(), String(runs));
  for (const name of names) {
    assert.ok(app.server.requests.some((r) => r.url.endsWith(`/samples/${name}`) && r.status === 200), `fetched ${name}`);
  }
  await app.assertClean();
});

test('a 20k-finding file shows progress with a percentage and ends with the right count; cancel leaves the dataset unchanged', { timeout: T }, async (t) => {
  const big = generateFindings(20_000, { name: 'describe-findings-20k.json', seed: 7 });
  const bigArns = new Set(JSON.parse(fs.readFileSync(big, 'utf8')).findings.map((f) => f.arn));
  const other = generateFindings(20_000, { name: 'describe-findings-20k-other.json', seed: 8 });
  const run2 = ds.byName('describe-findings-prod-web-run2.json');
  const small = JSON.parse(run2.text).findings.length;

  const app = await openViewer(t);
  await app.load([run2]);
  await app.waitForCount(small);

  // Record every state of the progress bar while the big file loads.
  await app.page.evaluate(() => {
    window.__progress = [];
    const seen = () => {
      const p = document.querySelector('[data-testid="progress"]');
      const cancel = p?.querySelector('[data-testid="cancel-load"]');
      if (p) window.__progress.push({ percent: Number(p.dataset.percent), text: p.textContent, cancel: !!cancel, cancelAt: cancel && JSON.stringify(cancel.getBoundingClientRect()) });
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await app.setFiles([big]);
  await app.waitForFiles(['describe-findings-prod-web-run2.json', 'describe-findings-20k.json'], 60_000);
  await app.waitForCount(small + bigArns.size);
  const states = await app.page.evaluate(() => window.__progress);
  assert.ok(states.length > 0, 'a progress bar was shown');
  const mid = states.filter((s) => s.percent > 0 && s.percent < 100);
  assert.ok(mid.length > 0, `progress passed through intermediate percentages: ${states.map((s) => s.percent)}`);
  for (const s of states) assert.match(s.text, new RegExp(`${s.percent}%`), 'the bar shows its percentage');
  assert.ok(states.every((s) => s.cancel), 'cancel is offered while loading');
  // A moving button is hard to hit: it stays where it is while the numbers change.
  assert.deepEqual([...new Set(states.map((s) => s.cancelAt))].length, 1, `cancel stays in place: ${[...new Set(states.map((s) => s.cancelAt))].join(' ')}`);
  const percents = states.map((s) => s.percent);
  assert.deepEqual(percents, [...percents].sort((a, b) => a - b), 'percentages never go back');
  // Read off the main thread, by the reading worker (same origin, from the app's own files):
  // the app starts a spare at once, and another as a file takes it.
  const workerStarts = app.server.requests.filter((r) => r.url.endsWith('/read-worker.js') && r.status === 200);
  assert.ok(workerStarts.length >= 2, `the reading worker was taken and another started: ${workerStarts.length} starts`);
  assert.deepEqual(
    (await app.loadedFiles())['describe-findings-20k.json'],
    { kind: 'DescribeFindings', records: bigArns.size, errors: 0, warnings: 0 },
  );

  // Cancel a second large load midway: nothing of it is added.
  const before = await app.loadedFiles();
  const count = await app.findingCount();
  await app.setFiles([other]);
  // Clicked from inside the page as soon as the bar shows progress: Playwright's own click
  // takes several round trips, and reading is fast enough now that the load could end first.
  await app.page.waitForFunction(() => {
    const p = document.querySelector('[data-testid="progress"]');
    if (!(Number(p?.dataset.percent) >= 1)) return false;
    p.querySelector('[data-testid="cancel-load"]').click();
    return true;
  }, null, { timeout: 30_000, polling: 'raf' });
  await app.byTestId('progress').waitFor({ state: 'detached' });
  await app.page.getByRole('status').filter({ hasText: 'cancelled' }).waitFor();
  await app.page.waitForTimeout(300); // nothing arrives late
  assert.deepEqual(await app.loadedFiles(), before, 'file list unchanged');
  assert.equal(await app.findingCount(), count, 'finding count unchanged');
  assert.equal(await app.byTestId('finding-count').getAttribute('data-total'), String(count));
  await app.assertClean();
});

test('where the reading worker cannot start, the page reads the file itself, with the same result', { timeout: T }, async (t) => {
  const file = generateFindings(5_000, { name: 'describe-findings-5k.json', seed: 12 });
  const arns = new Set(JSON.parse(fs.readFileSync(file, 'utf8')).findings.map((f) => f.arn));
  // In place before the app starts: it starts a spare reading worker at once.
  const app = await openViewer(t, {
    beforeGoto: (page) =>
      page.route('**/read-worker.js', (r) =>
        r.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("no worker in this test");' }),
      ),
  });
  await app.setFiles([file]);
  await app.waitForFiles(['describe-findings-5k.json'], 60_000);
  await app.waitForCount(arns.size);
  assert.deepEqual(
    (await app.loadedFiles())['describe-findings-5k.json'],
    { kind: 'DescribeFindings', records: arns.size, errors: 0, warnings: 0 },
  );
  assert.ok(!app.server.requests.some((r) => r.url.endsWith('/read-worker.js')), 'the worker script was replaced by the failing one');
  await app.assertClean();
});

test('a spare reading worker whose script fails only after a file took it: the page reads the file itself', { timeout: T }, async (t) => {
  const file = generateFindings(3_000, { name: 'describe-findings-3k.json', seed: 13 });
  const arns = new Set(JSON.parse(fs.readFileSync(file, 'utf8')).findings.map((f) => f.arn));
  let release;
  const gate = new Promise((r) => {
    release = r;
  });
  const app = await openViewer(t, {
    beforeGoto: (page) =>
      page.route('**/read-worker.js', async (r) => {
        await gate; // held until the file has taken the spare
        await r.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("late worker failure");' });
      }),
  });
  await app.setFiles([file]);
  await app.byTestId('progress').waitFor(); // the load has begun, with the spare still starting
  release();
  await app.waitForFiles(['describe-findings-3k.json'], 60_000);
  await app.waitForCount(arns.size);
  assert.deepEqual(
    (await app.loadedFiles())['describe-findings-3k.json'],
    { kind: 'DescribeFindings', records: arns.size, errors: 0, warnings: 0 },
  );
  await app.assertClean();
});

test('defects and broken files are listed with exact error and warning counts', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const defects = defectsFile(ds);
  const broken = brokenFile();
  const files = [ds.byName('describe-assessment-runs-2017.json'), defects, broken];
  await app.load(files);
  await assertFileList(app, [
    ds.byName('describe-assessment-runs-2017.json'),
    { name: defects.name, kind: 'DescribeFindings', records: defects.records, errors: defects.errors, warnings: defects.warnings },
    { name: broken.name, kind: 'DescribeFindings', records: 0, errors: 0, warnings: 0 },
  ]);
  assert.equal(await app.byTestId('loaded-file', { 'data-file': broken.name }).evaluate((e) => e.classList.contains('unusable')), true);
  await app.waitForCount(defects.records);
  await app.assertClean();
});

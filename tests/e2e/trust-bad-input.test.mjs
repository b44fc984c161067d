// Bad input: every kind of file that is not a usable export gets one clear message that names
// the file and says what is wrong (with the line and column where there is one); the files
// dropped with it still load with the right counts, and the app keeps working. Encodings that
// exports really use (UTF-8 BOM, UTF-16 from PowerShell) load. Files over 1 GiB are refused
// before they are read (a sparse 2 GiB file: nothing is written to disk).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { openViewer } from './lib-viewer.mjs';
import { describeFindings } from './fixtures.mjs';
import { tempDir } from './lib-viewer-data.mjs';

const T = 120_000;

/** A DescribeFindings export whose ARNs carry `tag` (so files do not merge with each other). */
function findingsFile(name, tag, severities) {
  const fx = describeFindings({ severities });
  for (const f of fx.doc.findings) f.arn = f.arn.replace(/finding\/0-/, `finding/0-${tag}`);
  const text = JSON.stringify(fx.doc, null, 4) + '\n';
  return { name, text, buffer: Buffer.from(text), count: fx.count, bySeverity: fx.bySeverity, doc: fx.doc };
}

/** Line and column (1-based, in characters) of offset `i` of `text`. */
function lineCol(text, i) {
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Writes {name, buffer} files to a temp dir and returns their paths. */
function write(files) {
  const dir = tempDir();
  return files.map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.buffer ?? Buffer.from(f.text));
    return p;
  });
}

/** The load error shown for `name`: its text and the position it names. */
async function loadError(app, name) {
  const el = app.byTestId('load-error', { 'data-file': name });
  assert.equal(await el.count(), 1, `exactly one load error for ${name}`);
  const text = (await el.textContent()).trim();
  const m = text.match(/\(line (\d+), column (\d+)\)/);
  return { text, line: m ? Number(m[1]) : null, column: m ? Number(m[2]) : null };
}

// ---- the unusable files -------------------------------------------------------------------
const good = findingsFile('good-findings.json', 'g', ['High', 'Medium', 'Low']);
// Its own ARNs (tag t), so the two whole findings before the cut do not merge with the good file's.
const truncatedSource = findingsFile('t.json', 't', ['High', 'Medium', 'Low']).text;
const truncatedAt = (() => {
  // Cut right after the first member line of the third finding: two whole findings precede it.
  const nth = (n) => {
    let i = -1;
    for (let k = 0; k < n; k++) i = truncatedSource.indexOf('"arn"', i + 1);
    return i;
  };
  return truncatedSource.indexOf('\n', truncatedSource.indexOf(',', nth(3))) + 1;
})();
const truncatedText = truncatedSource.slice(0, truncatedAt);
const DEPTH = 100_000;
const gz = zlib.gzipSync(Buffer.from(good.text));
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
// Text that goes wrong in the middle: the position must point at the bad byte, not the start.
const midBinaryPrefix = '{\n  "findings": [\n    ';
const midBinary = Buffer.concat([Buffer.from(midBinaryPrefix), Buffer.from([0xff, 0xfe, 0x00, 0x01]), Buffer.from(']}\n')]);

const BAD = [
  { name: 'empty.json', buffer: Buffer.alloc(0), message: /empty/i, at: { line: 1, column: 1 } },
  {
    name: 'truncated.json',
    text: truncatedText,
    message: /end of the file|truncated/i,
    at: lineCol(truncatedText, truncatedText.length),
    records: 2,
  },
  {
    name: 'error-page.json',
    text: '<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n<body><h1>Access Denied</h1></body></html>\n',
    message: /HTML/,
    at: { line: 1, column: 1 },
  },
  { name: 'picture.json', buffer: png, message: /binary|not UTF-8/i, at: { line: 1, column: 1 } },
  {
    name: 'mid-binary.json',
    buffer: midBinary,
    message: /binary|UTF-8/i,
    at: lineCol(midBinaryPrefix, midBinaryPrefix.length),
  },
  { name: 'string-root.json', text: '"findings"\n', message: /string/i, at: { line: 1, column: 1 } },
  { name: 'number-root.json', text: '42\n', message: /number/i, at: { line: 1, column: 1 } },
  {
    name: 'deep.json',
    text: '['.repeat(DEPTH) + ']'.repeat(DEPTH),
    message: /nested deeper than 128/,
    // Refused as soon as it is too deep (not at the end of 200 000 characters).
    at: { line: 1, columnAtMost: 200 },
  },
  {
    name: 'describe-findings.json.gz',
    buffer: gz,
    message: /gzip.*(decompress|gunzip)/i,
    at: { line: 1, column: 1 },
  },
];

test('each unusable file: one message naming the file, what is wrong and where; the good file beside them loads', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const files = [...BAD, good];
  const paths = write(files);
  const started = Date.now();
  await app.load(paths, files.map((f) => f.name));
  t.diagnostic(`${files.length} files (one 200 000-deep) listed in ${Date.now() - started} ms`);

  for (const bad of BAD) {
    const e = await loadError(app, bad.name);
    assert.ok(e.text.startsWith(bad.name), `${bad.name}: the message starts with the file name: ${e.text}`);
    assert.match(e.text, bad.message, `${bad.name}: says what is wrong`);
    assert.equal(e.line, bad.at.line, `${bad.name}: line (${e.text})`);
    if (bad.at.column !== undefined) assert.equal(e.column, bad.at.column, `${bad.name}: column (${e.text})`);
    if (bad.at.columnAtMost !== undefined) assert.ok(e.column > 0 && e.column <= bad.at.columnAtMost, `${bad.name}: column ${e.column}`);
    const row = app.byTestId('loaded-file', { 'data-file': bad.name });
    assert.equal(await row.evaluate((e) => e.classList.contains('unusable')), true, `${bad.name} is marked unusable`);
    assert.equal(await row.getAttribute('data-records'), String(bad.records ?? 0), `${bad.name}: records kept`);
  }
  // The good file: no error, every record.
  assert.equal(await app.byTestId('load-error', { 'data-file': good.name }).count(), 0);
  assert.deepEqual((await app.loadedFiles())[good.name], { kind: 'DescribeFindings', records: good.count, errors: 0, warnings: 0 });
  // The two whole findings before the truncation are kept next to the good file's three.
  await app.waitForCount(good.count + 2);

  // The validation tab lists every unusable file, with the same positions.
  await app.byTestId('tab-validation').click();
  const unusable = await app.page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="unusable-file"]')].map((e) => [e.dataset.file, [Number(e.dataset.line), Number(e.dataset.column)]]),
    ),
  );
  for (const bad of BAD) {
    const e = await loadError(app, bad.name).catch(() => null);
    assert.ok(unusable[bad.name], `${bad.name} listed as unusable in the validation tab`);
    if (e?.line) assert.deepEqual(unusable[bad.name], [e.line, e.column], `${bad.name}: same position in both places`);
  }
  await app.assertClean();
});

test('encodings that exports use load: UTF-8 with BOM, UTF-16 LE and BE with BOM (PowerShell)', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const base = [
    findingsFile('utf8-bom.json', 'u8', ['High', 'Low']),
    findingsFile('utf16le.json', 'le', ['Medium', 'Medium', 'Informational']),
    findingsFile('utf16be.json', 'be', ['High']),
  ];
  const le = (s) => Buffer.from(s, 'utf16le');
  const be = (s) => le(s).swap16();
  // CRLF too, as PowerShell writes it.
  base[0].buffer = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base[0].text)]);
  base[1].buffer = Buffer.concat([Buffer.from([0xff, 0xfe]), le(base[1].text.replaceAll('\n', '\r\n'))]);
  base[2].buffer = Buffer.concat([Buffer.from([0xfe, 0xff]), be(base[2].text)]);
  await app.load(write(base), base.map((f) => f.name));
  assert.equal(await app.byTestId('load-error').count(), 0, 'no load error');
  const got = await app.loadedFiles();
  for (const f of base) assert.deepEqual(got[f.name], { kind: 'DescribeFindings', records: f.count, errors: 0, warnings: 0 }, f.name);
  await app.waitForCount(base.reduce((n, f) => n + f.count, 0));
  // The text came through intact (no BOM or NUL bytes in the values).
  await app.byTestId('search').fill('is vulnerable to CVE-2018-1000');
  await app.waitForCount(3); // finding 0 of each file is the CVE-2018-1000 one
  await app.assertClean();
});

test('duplicate keys and out-of-range numbers: the record is kept and the issue is reported with its path and position', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  // Duplicate: severity Low then High (the last one is used, as JSON parsers do).
  const dup = findingsFile('duplicate-keys.json', 'd', ['High']);
  const dupText = dup.text.replace('"severity": "High",', '"severity": "Low",\n            "severity": "High",');
  assert.notEqual(dupText, dup.text);
  // Out of range: a double that overflows, an integer beyond 64 bits, a timestamp in year 3e22.
  const big = findingsFile('out-of-range.json', 'r', ['Medium']);
  const bigText = big.text
    .replace('"numericSeverity": 6', '"numericSeverity": 1e400')
    .replace('"confidence": 10', '"confidence": 99999999999999999999999')
    .replace(/"createdAt": "[^"]*"/, '"createdAt": 1e30');
  assert.equal((bigText.match(/1e400|99999999999999999999999|1e30/g) ?? []).length, 3);
  const files = [
    { name: dup.name, text: dupText },
    { name: big.name, text: bigText },
  ];
  await app.load(write(files), files.map((f) => f.name));
  assert.equal(await app.byTestId('load-error').count(), 0, 'both files are usable');
  const got = await app.loadedFiles();
  assert.equal(got[dup.name].records, 1);
  assert.equal(got[dup.name].warnings, 1, 'one warning: the duplicate');
  assert.equal(got[big.name].records, 1);
  assert.equal(got[big.name].errors, 3, 'three errors: the three numbers');
  await app.waitForCount(2);
  const sev = await app.severityCounts();
  assert.equal(sev.High, 1, 'the duplicate severity: the last value (High) is used');
  assert.equal(sev.Low, 0);

  await app.byTestId('tab-validation').click();
  const issues = await app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="validation-issue"]')].map((e) => ({
      file: e.dataset.file,
      path: e.dataset.path,
      rule: e.dataset.rule,
      level: e.dataset.level,
      line: Number(e.dataset.line),
      column: Number(e.dataset.column),
      text: e.textContent,
    })),
  );
  const find = (file, p) => issues.find((i) => i.file === file && i.path === p);
  const d = find(dup.name, 'findings[0].severity');
  assert.ok(d, `duplicate reported: ${JSON.stringify(issues)}`);
  assert.equal(d.rule, 'duplicate');
  assert.deepEqual([d.line, d.column], [lineCol(dupText, dupText.indexOf('"severity": "High"')).line, 13]);
  for (const [p, needle] of [
    ['findings[0].numericSeverity', '1e400'],
    ['findings[0].confidence', '99999999999999999999999'],
    ['findings[0].createdAt', '1e30'],
  ]) {
    const i = find(big.name, p);
    assert.ok(i, `${p} reported`);
    assert.equal(i.level, 'error', p);
    assert.ok(i.text.includes(needle), `${p}: the message quotes the value as written: ${i.text}`);
    assert.equal(i.line, lineCol(bigText, bigText.indexOf(needle)).line, `${p}: line`);
  }
  // The record with bad numbers is shown; its raw JSON keeps the number as written.
  await app.byTestId('tab-findings').click();
  await app.byTestId('finding-row', { 'data-arn': big.doc.findings[0].arn }).click();
  const raw = await app.byTestId('raw-json').textContent();
  assert.ok(raw.includes('99999999999999999999999'), 'the out-of-range integer is kept verbatim');
  await app.assertClean();
});

test('a mix of good and bad files dropped together: the good ones load with exact counts, each bad one has its own message', { timeout: T }, async (t) => {
  const app = await openViewer(t);
  const a = findingsFile('good-a.json', 'a', ['High', 'High', 'Low']);
  const b = findingsFile('good-b.json', 'b', ['Medium', 'Informational']);
  const c = findingsFile('good-c-bom.json', 'c', ['Undefined', 'High']);
  const dropped = [
    { name: 'broken.json', text: '{"findings": [ {"arn": ' },
    { name: a.name, text: a.text },
    { name: 'login-page.json', text: '<html><body>Sign in</body></html>' },
    { name: b.name, text: b.text },
    { name: 'empty.json', text: '' },
    { name: c.name, text: '\ufeff' + c.text },
  ];
  await app.dropFiles(dropped);
  await app.waitForFiles(dropped.map((f) => f.name));
  const got = await app.loadedFiles();
  for (const f of [a, b, c]) assert.deepEqual(got[f.name], { kind: 'DescribeFindings', records: f.count, errors: 0, warnings: 0 }, f.name);
  assert.equal(await app.byTestId('load-error').count(), 3, 'one message per bad file');
  for (const name of ['broken.json', 'login-page.json', 'empty.json']) {
    const e = await loadError(app, name);
    assert.ok(e.text.startsWith(name), e.text);
  }
  const total = a.count + b.count + c.count;
  await app.waitForCount(total);
  const sev = await app.severityCounts();
  assert.deepEqual(sev, { High: 3, Medium: 1, Low: 1, Informational: 1, Undefined: 1 });
  // Still working: search, then a detail.
  await app.byTestId('search').fill('Synthetic e2e finding 1 with severity Informational');
  await app.waitForCount(1);
  await app.byTestId('finding-row').first().click();
  await app.byTestId('finding-detail', { 'data-arn': b.doc.findings[1].arn }).waitFor();
  // Removing a bad file leaves the good ones untouched.
  await app.byTestId('loaded-file', { 'data-file': 'broken.json' }).getByTestId('remove-file').click();
  await app.byTestId('search').fill('');
  await app.waitForCount(total);
  await app.assertClean();
});

/** A sparse file of `bytes` (no disk space used): `fs.truncateSync` only sets the length. */
function sparse(dir, name, bytes) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, '');
  fs.truncateSync(p, bytes);
  return p;
}

test('a 2 GiB file is refused before it is read: a "too large" message, the page stays responsive', { timeout: T }, async (t) => {
  const dir = tempDir();
  const huge = sparse(dir, 'huge-2GiB.json', 2 * 1024 ** 3);
  assert.ok(fs.statSync(huge).blocks * 512 < 1024 ** 2, 'the test file is sparse');
  const app = await openViewer(t);
  const started = Date.now();
  await app.load([huge]);
  const ms = Date.now() - started;
  t.diagnostic(`2 GiB file refused in ${ms} ms`);
  const e = await loadError(app, 'huge-2GiB.json');
  t.diagnostic(e.text);
  assert.match(e.text, /too large/i);
  // How large the file is and what the limit is (the app writes decimal units: 2.1 GB, 1.1 GB).
  assert.match(e.text, /\b(2\.1 GB|2(\.0)? GiB)\b/, 'says how large the file is');
  assert.match(e.text, /limit is (1\.1 GB|1(\.0)? GiB)\b/, 'says what the limit is');
  // Not read: reading 2 GiB (even of zeros) into wasm memory takes far longer and needs > 2 GiB.
  assert.ok(ms < 10_000, `refused quickly (${ms} ms)`);
  const memory = Number(await app.byTestId('memory').getAttribute('data-bytes'));
  assert.ok(memory < 256 * 1024 ** 2, `wasm memory stayed small (${memory} bytes)`);
  // Responsive: a normal file loads right after.
  const ok = findingsFile('after-huge.json', 'h', ['High', 'Low']);
  const started2 = Date.now();
  await app.load(write([ok]));
  await app.waitForCount(ok.count);
  assert.ok(Date.now() - started2 < 10_000);
  assert.equal(await app.page.evaluate(() => 1 + 1), 2);
  await app.assertClean();
});

test('a 10 GiB file: refused as too large, with its real size', { timeout: T }, async (t) => {
  const dir = tempDir();
  const p = sparse(dir, 'huge-10GiB.json', 10 * 1024 ** 3);
  const app = await openViewer(t);
  await app.load([p]);
  const e = await loadError(app, 'huge-10GiB.json');
  t.diagnostic(e.text);
  const problems = [];
  if (!/too large/i.test(e.text)) problems.push(`not the "too large" message: ${e.text}`);
  if (!/\b(10\.7 GB|10(\.0)? GiB)\b/.test(e.text)) problems.push(`does not give the real size (10.7 GB): ${e.text}`);
  const listed = await app.byTestId('loaded-file', { 'data-file': 'huge-10GiB.json' }).locator('.file-detail').textContent();
  if (!/10\.7 GB|10(\.0)? GiB/.test(listed)) problems.push(`the file list gives its size as: ${listed}`);
  assert.deepEqual(problems, []);
  await app.assertClean();
});

test('files refused before reading do not use up the memory budget (same batch, later loads)', { timeout: T }, async (t) => {
  // Four 2 GiB files dropped at once are each too large, and none of them is read: each should
  // get the "too large" message, and a 1 KB file loaded afterwards must load.
  const dir = tempDir();
  const names = [1, 2, 3, 4].map((i) => `huge-${i}.json`);
  const huge = names.map((n) => sparse(dir, n, 2 * 1024 ** 3));
  const app = await openViewer(t);
  await app.load(huge);
  const problems = [];
  for (const n of names) {
    const e = await loadError(app, n);
    if (!/too large/i.test(e.text)) problems.push(`${n} is refused for memory although nothing was read: ${e.text}`);
  }
  const small = findingsFile('small-after.json', 's', ['High']);
  await app.load(write([small]));
  const el = app.byTestId('load-error', { 'data-file': small.name });
  if ((await el.count()) > 0) {
    problems.push(`a ${small.buffer.length}-byte file loaded later was refused: ${await el.textContent()}`);
  } else {
    await app.waitForCount(small.count);
  }
  assert.deepEqual(problems, [], 'files that were never read count as loaded (src/ui/loader.rs load(), src/ui/app.rs spawn_load())');
});

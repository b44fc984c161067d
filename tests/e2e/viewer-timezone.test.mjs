// Viewer spec 8 — timestamps: `tz-toggle` switches every table time between UTC and the
// browser's zone. The browser runs in America/New_York, so a January time moves by -5 h and a
// July time by -4 h (daylight saving).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openViewer, T, utcDisplay } from './lib-viewer.mjs';
import { buildDataset } from './lib-viewer-data.mjs';

const ds = buildDataset();
const TZ = 'America/New_York';

/** `2019-01-15 09:30:52 -05:00` for epoch seconds in `tz`, computed with Intl (not the app's code). */
function zoned(secs, tz) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(secs * 1000))
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName.replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

test('tz-toggle switches displayed times between UTC and local (America/New_York) by the right offset, winter and summer', { timeout: T }, async (t) => {
  const app = await openViewer(t, { contextOptions: { timezoneId: TZ } });
  assert.equal(await app.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), TZ);
  await app.load(ds.files);
  await app.waitForCount(ds.findings.length);
  const winter = ds.runs.find((r) => r.key === 'web1').findings[0];
  const summer = ds.runs.find((r) => r.key === 'web2').findings[0];
  assert.equal(zoned(winter.created, TZ).slice(-6), '-05:00', 'fixture: January is EST');
  assert.equal(zoned(summer.created, TZ).slice(-6), '-04:00', 'fixture: July is EDT');

  const createdCell = async (x) => {
    await app.byTestId('search').fill(x.f.arn.split('/').pop());
    await app.waitForCount(1);
    return app.byTestId('finding-row', { 'data-arn': x.f.arn }).locator('.col-created').textContent();
  };
  const toggle = app.byTestId('tz-toggle');
  assert.match(await toggle.textContent(), /UTC/);
  assert.equal(await createdCell(winter), utcDisplay(winter.created));
  assert.equal(await createdCell(summer), utcDisplay(summer.created));

  await toggle.click();
  assert.match(await toggle.textContent(), /Local time/);
  assert.ok((await app.hash()).includes('tz=local'));
  for (const x of [winter, summer]) {
    const shown = await createdCell(x);
    assert.equal(shown, zoned(x.created, TZ));
    // Same instant, just another zone.
    const [d, time, off] = shown.split(' ');
    assert.equal(Date.parse(`${d}T${time}${off}`), x.created * 1000);
  }

  // The runs tab follows too: run rows and the state-change list.
  await app.byTestId('search').fill('');
  await app.byTestId('tab-runs').click();
  const run = ds.runs.find((r) => r.key === 'web2');
  const row = app.byTestId('run-row', { 'data-arn': run.arn });
  const created = Date.parse(run.record.createdAt) / 1000;
  assert.equal(await row.locator('.col-created').textContent(), zoned(created, TZ));
  await row.click();
  const changes = app.byTestId('run-detail').locator('[data-testid="run-state-change"] .when');
  assert.deepEqual(await changes.allTextContents(), run.record.stateChanges.map((s) => zoned(Date.parse(s.stateChangedAt) / 1000, TZ)));

  // Back to UTC everywhere.
  await toggle.click();
  assert.match(await toggle.textContent(), /UTC/);
  assert.equal(await row.locator('.col-created').textContent(), utcDisplay(created));
  assert.deepEqual(await changes.allTextContents(), run.record.stateChanges.map((s) => utcDisplay(Date.parse(s.stateChangedAt) / 1000)));
  await app.byTestId('tab-findings').click();
  assert.equal(await createdCell(summer), utcDisplay(summer.created));

  // The detail shows both, whatever the toggle says.
  await app.byTestId('finding-row', { 'data-arn': summer.f.arn }).click();
  const value = app.byTestId('finding-detail').locator('dl.fields > .field').filter({ has: app.page.locator('dt:text-is("Created")') }).locator('.value');
  assert.deepEqual(await value.allTextContents(), [utcDisplay(summer.created), `${zoned(summer.created, TZ)} (local)`]);
  await app.assertClean();
});

// Comfort: keyboard shortcuts (/ search, j/k move, Enter open, Esc close, ? help) and the theme
// toggle (system → dark → light, persisted across reloads, applied to <html data-theme>).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';
import { describeFindings, writeTemp } from './fixtures.mjs';

const T = 90_000;

async function loaded(t) {
  const fixture = describeFindings({ severities: ['High', 'Medium', 'Low', 'High', 'Informational', 'Medium'] });
  const app = await openApp(t);
  await app.setFiles([writeTemp('comfort.json', fixture.text)]);
  await app.page.waitForFunction(
    (n) => document.querySelector('[data-testid=finding-count]')?.textContent === String(n),
    fixture.count,
  );
  return { app, fixture };
}

const rows = (app) => app.page.locator('[data-testid=finding-row]').evaluateAll((els) => els.map((e) => e.dataset.arn));
// Rendering is asynchronous: wait (briefly) for the cursor to reach the expected row.
async function cursorArn(app, expected) {
  await app.page
    .waitForFunction((a) => document.querySelector('[data-testid=finding-row].cursor')?.dataset.arn === a, expected, { timeout: 3000 })
    .catch(() => {});
  return app.page.locator('[data-testid=finding-row].cursor').getAttribute('data-arn');
}

test('shortcuts: / focuses search, j/k move the cursor, Enter opens, Esc closes, ? toggles help', { timeout: T }, async (t) => {
  const { app } = await loaded(t);
  const page = app.page;
  const order = await rows(app);
  assert.ok(order.length >= 6);
  await page.locator('h1.brand').click(); // focus outside any input

  await page.keyboard.press('j');
  await page.keyboard.press('j');
  assert.equal(await cursorArn(app, order[2]), order[2], 'two j presses from the first row');
  await page.keyboard.press('k');
  assert.equal(await cursorArn(app, order[1]), order[1], 'k moves back');
  await page.keyboard.press('Enter');
  await app.byTestId('finding-detail', { 'data-arn': order[1] }).waitFor();

  await page.locator('h1.brand').click();
  await page.keyboard.press('Escape');
  await app.byTestId('finding-detail').waitFor({ state: 'detached' });

  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search', '/ focuses the search box');
  await page.keyboard.type('j');
  assert.equal(await app.byTestId('search').inputValue(), 'j', 'letters typed into search are not shortcuts');
  await page.keyboard.press('Escape');
  assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'search', 'Esc leaves the search box');

  await page.keyboard.press('?');
  await app.byTestId('shortcut-help').waitFor();
  for (const k of ['/', 'Enter', 'Esc', '?']) {
    assert.ok((await app.byTestId('shortcut-help').textContent()).includes(k), `help lists ${k}`);
  }
  await page.keyboard.press('Escape');
  await app.byTestId('shortcut-help').waitFor({ state: 'detached' });
  await page.keyboard.press('?');
  await app.byTestId('shortcut-help').waitFor();
  await page.keyboard.press('?');
  await app.byTestId('shortcut-help').waitFor({ state: 'detached' });
  await app.assertClean();
});

test('theme toggle: system → dark → light → system, applied to <html> and kept across reloads', { timeout: T }, async (t) => {
  const app = await openApp(t);
  const page = app.page;
  const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await theme(), null, 'follows the system at first');
  const light = await bg();

  await app.byTestId('theme-toggle').click();
  assert.equal(await theme(), 'dark');
  assert.notEqual(await bg(), light, 'dark colours applied');
  // Stored as a JSON string, as earlier versions stored it (and still read it).
  assert.equal(await page.evaluate(() => localStorage.getItem('inspector-viewer.theme')), '"dark"');
  await page.reload();
  await app.byTestId('theme-toggle').waitFor();
  assert.equal(await theme(), 'dark', 'the choice survives a reload');
  assert.equal(await app.byTestId('theme-toggle').getAttribute('data-theme'), 'dark');

  await app.byTestId('theme-toggle').click();
  assert.equal(await theme(), 'light');
  assert.equal(await bg(), light);
  await app.byTestId('theme-toggle').click();
  assert.equal(await theme(), null, 'back to the system theme');
  assert.equal(await page.evaluate(() => localStorage.getItem('inspector-viewer.theme')), null);
  // A bare value (hand-edited storage) is read too.
  await page.evaluate(() => localStorage.setItem('inspector-viewer.theme', 'light'));
  await page.reload();
  await app.byTestId('theme-toggle').waitFor();
  assert.equal(await theme(), 'light');
  await app.assertClean();
});

test('a narrow window keeps the findings usable: no horizontal page scroll, rows and search visible', { timeout: T }, async (t) => {
  const { app } = await loaded(t);
  await app.page.setViewportSize({ width: 390, height: 844 });
  await app.byTestId('search').waitFor({ state: 'visible' });
  await app.page.locator('[data-testid=finding-row]').first().waitFor({ state: 'visible' });
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px at 390px`);
  await app.assertClean();
});

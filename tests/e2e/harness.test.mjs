// Self-tests of the e2e harness and of the built site's loading/CSP setup. These do not depend
// on any UI feature: they hold for any build of src/main.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';

const TIMEOUT = 60_000;

test('dist/ is served and the wasm app starts without CSP violations or errors', { timeout: TIMEOUT }, async (t) => {
  const app = await openApp(t);
  await app.page.waitForLoadState('networkidle');
  const served = app.server.requests.map((r) => `${r.status} ${r.url}`);
  const ok = (re) => app.server.requests.some((r) => r.status === 200 && re.test(r.url));
  assert.ok(ok(/^\/$/), `index.html served: ${served}`);
  assert.ok(ok(/^\/boot\.js$/), `boot.js served: ${served}`);
  assert.ok(ok(/^\/inspector-viewer-[0-9a-f]+\.js$/), `wasm-bindgen js served: ${served}`);
  assert.ok(ok(/^\/inspector-viewer-[0-9a-f]+_bg\.wasm$/), `wasm served: ${served}`);
  assert.ok(ok(/^\/style-[0-9a-f]+\.css$/), `css served: ${served}`);
  assert.deepEqual(app.server.requests.filter((r) => r.status !== 200), [], 'no failed requests');
  assert.equal(await app.page.title(), 'Inspector Viewer');
  await app.assertClean();
});

test('the CSP meta is enforced (inline styles and other origins are blocked)', { timeout: TIMEOUT }, async (t) => {
  const app = await openApp(t);
  const result = await app.page.evaluate(async () => {
    const el = document.createElement('div');
    document.body.append(el);
    el.style.color = 'rgb(1, 2, 3)'; // CSSOM: allowed
    const cssom = getComputedStyle(el).color;
    el.setAttribute('style', 'color: rgb(4, 5, 6)'); // style attribute: blocked
    const attr = getComputedStyle(el).color;
    let fetchBlocked = false;
    try {
      await fetch('https://example.com/');
    } catch {
      fetchBlocked = true;
    }
    // Inline event handler attribute: blocked. (eval cannot be probed from here: code that
    // Playwright evaluates over CDP is exempt from the page's CSP.)
    window.__inlineRan = false;
    el.setAttribute('onclick', 'window.__inlineRan = true');
    el.click();
    const inlineBlocked = window.__inlineRan === false;
    el.remove();
    return { cssom, attr, fetchBlocked, inlineBlocked };
  });
  assert.equal(result.cssom, 'rgb(1, 2, 3)', 'element.style.* works');
  assert.notEqual(result.attr, 'rgb(4, 5, 6)', 'style="" attributes must be blocked');
  assert.ok(result.fetchBlocked, 'fetch to another origin must fail');
  assert.ok(result.inlineBlocked, 'inline event handlers must be blocked');
  await app.page.waitForTimeout(200);
  const directives = (await app.cspViolations()).map((v) => v.directive).sort();
  assert.deepEqual(directives, ['connect-src', 'script-src-attr', 'style-src-attr']);
  assert.deepEqual(app.offOriginRequests(), [], 'CSP stopped the fetch before it left the page');
});

test('the request recorder catches and aborts off-origin requests', { timeout: TIMEOUT }, async (t) => {
  // A same-origin page without the app's CSP (the server's 404 body), so the request really
  // reaches the browser's network layer, where the harness must catch it.
  const app = await openApp(t, { path: 'no-such-page', waitForStart: false });
  const failed = await app.page.evaluate(() =>
    fetch('http://192.0.2.1:9/probe').then(
      () => false,
      () => true,
    ),
  );
  assert.ok(failed, 'the off-origin fetch was aborted');
  assert.deepEqual(
    app.offOriginRequests().map((r) => r.url),
    ['http://192.0.2.1:9/probe'],
  );
});

test('the site works from a sub-path (relative URLs)', { timeout: TIMEOUT }, async (t) => {
  const app = await openApp(t, { mount: '/some/sub/dir/' });
  assert.ok(
    app.server.requests.some((r) => /^\/some\/sub\/dir\/inspector-viewer-[0-9a-f]+_bg\.wasm$/.test(r.url)),
    'wasm loaded from the sub-path',
  );
  await app.assertClean();
});

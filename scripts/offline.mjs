#!/usr/bin/env node
// Writes dist/inspector-viewer-offline.html: the whole app in ONE self-contained HTML file that
// works when opened from disk (file://), for air-gapped teams. Run by scripts/build.sh after
// `trunk build`; reads what Trunk wrote to dist/.
//
//   node scripts/offline.mjs [dist-dir]      # default: <repo>/dist
//
// What goes in:
//   * every stylesheet index.html links, in order, as one <style> (plus one rule that hides
//     "Open sample data": the samples are separate files the page cannot fetch from file://);
//   * the wasm-bindgen JS module and a loader, as one inline <script type="module">; the loader
//     instantiates the wasm from a base64 string (no fetch) and then does what static/boot.js
//     does (window.wasmBindings, the TrunkApplicationStarted event, body[data-boot-error]);
//   * a Content-Security-Policy that allows exactly those two inline blocks, by SHA-256 hash,
//     plus 'wasm-unsafe-eval', and nothing else: default-src 'none', connect-src 'none'.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const OFFLINE_NAME = 'inspector-viewer-offline.html';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function fail(msg) {
  throw new Error(`offline.mjs: ${msg}`);
}

const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`));
  return m ? m[1] : undefined;
};

/** Resolves a relative asset URL of index.html (`./x.css`) to a file inside `dist`. */
function distFile(dist, href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) fail(`absolute URL in index.html: ${href}`);
  const file = path.resolve(dist, href.split(/[?#]/)[0]);
  if (!file.startsWith(dist + path.sep)) fail(`asset outside dist/: ${href}`);
  if (!fs.existsSync(file)) fail(`${href} not found in ${dist}`);
  return file;
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Text that would end or confuse the HTML element it is inlined into. */
function assertInlineable(text, what, tag) {
  for (const bad of [`</${tag}`, '<!--', `<${tag}`]) {
    if (text.toLowerCase().includes(bad)) fail(`${what} contains "${bad}": cannot inline it safely`);
  }
}

/**
 * Builds the offline page from `dist`. Returns {html, file, bytes, scriptHash, styleHash}.
 * @param {string} dist
 */
export function buildOffline(dist) {
  dist = path.resolve(dist);
  const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

  // ---- the app's module and wasm (from the boot script tag Trunk.toml's pattern_script writes)
  const boot = index.match(/<script\b[^>]*\bdata-trunk-boot\b[^>]*>/);
  if (!boot) fail('no <script data-trunk-boot> in index.html (Trunk.toml pattern_script changed?)');
  const jsHref = attr(boot[0], 'data-js');
  const wasmHref = attr(boot[0], 'data-wasm');
  if (!jsHref || !wasmHref) fail('the boot script tag lacks data-js / data-wasm');
  let js = fs.readFileSync(distFile(dist, jsHref), 'utf8');
  const wasm = fs.readFileSync(distFile(dist, wasmHref));

  // wasm-bindgen's module must stand alone (no `import` of snippets) to be inlined.
  if (/^\s*import\s/m.test(js)) fail(`${jsHref} imports other modules; inline those too before using this script`);
  // Its export list names the local init functions: `export { initSync, __wbg_init as default };`
  const exp = js.match(/^export\s*\{([^}]*)\}\s*;?\s*$/m);
  if (!exp) fail(`cannot find the export list of ${jsHref}`);
  const exported = Object.fromEntries(
    exp[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [local, as] = s.split(/\s+as\s+/);
        return [as ?? local, local];
      }),
  );
  const init = exported.default;
  if (!init) fail(`${jsHref} has no default export (the wasm-bindgen init function)`);
  // An inline module cannot be imported, so its exports are useless: drop the export list.
  js = js.replace(exp[0], '');
  if (/^\s*export\s/m.test(js)) fail(`${jsHref} has other export statements; update scripts/offline.mjs`);
  const bindings = `{ ${Object.entries(exported)
    .map(([name, local]) => (name === local ? name : `${JSON.stringify(name)}: ${local}`))
    .join(', ')} }`;

  const loader = `
// ---- offline loader (scripts/offline.mjs): the wasm is inlined, nothing is fetched ----
{
  const b64 = ${JSON.stringify(wasm.toString('base64'))};
  try {
    const raw = atob(b64);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    const wasm = await ${init}({ module_or_path: bytes });
    window.wasmBindings = ${bindings};
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (err) {
    console.error('Inspector Viewer failed to start:', err);
    document.body.dataset.bootError = String((err && err.message) || err);
  }
}
`;
  const script = `${js}\n${loader}`;
  assertInlineable(script, jsHref, 'script');

  // ---- styles, in index.html's order
  const sheets = [...index.matchAll(/<link\b[^>]*\brel\s*=\s*"stylesheet"[^>]*>/g)].map((m) => attr(m[0], 'href'));
  if (sheets.length === 0) fail('no stylesheets in index.html');
  let style = sheets
    .map((href) => {
      const css = fs.readFileSync(distFile(dist, href), 'utf8');
      if (/@import\b/i.test(css)) fail(`${href} uses @import; cannot inline it`);
      if (/url\(\s*['"]?(?!data:|#)/i.test(css)) fail(`${href} refers to another file with url(…); inline it first`);
      return `/* ${path.basename(href)} */\n${css}`;
    })
    .join('\n');
  // The bundled sample data is 20+ separate files: not in this page, so do not offer it.
  style += '\n/* offline file: no bundled samples */\n[data-testid="open-samples"] { display: none !important; }\n';
  assertInlineable(style, 'the stylesheets', 'style');

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'img-src data: blob:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  // Everything else of index.html's <head> that matters, rebuilt (no external references left).
  const title = (index.match(/<title>([^<]*)<\/title>/) ?? [, 'Inspector Viewer'])[1];
  const noscript = (index.match(/<noscript>[\s\S]*?<\/noscript>/) ?? [''])[0];
  const lang = (index.match(/<html\b[^>]*\blang="([^"]*)"/) ?? [, 'en'])[1];
  const html = `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <!-- Inspector Viewer, single-file offline build (${path.basename(jsHref)}): open it from disk, nothing is fetched. -->
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="referrer" content="no-referrer">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <style>${style}</style>
  <script type="module">${script}</script>
</head>
<body data-offline="true">
  ${noscript}
</body>
</html>
`;
  const file = path.join(dist, OFFLINE_NAME);
  fs.writeFileSync(file, html);
  return { html, file, bytes: Buffer.byteLength(html), scriptHash: sha256(script), styleHash: sha256(style), csp };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? path.join(HERE, '..', 'dist');
  try {
    const out = buildOffline(dist);
    console.log(`${path.relative(process.cwd(), out.file) || out.file}: ${(out.bytes / 1024 / 1024).toFixed(2)} MiB (single file, works from file://)`);
  } catch (err) {
    console.error(String(err.message ?? err));
    process.exit(1);
  }
}

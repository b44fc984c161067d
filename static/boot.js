// Starts the wasm app. Replaces Trunk's inline loader (see Trunk.toml `pattern_script`) so the
// page needs no inline script under its Content-Security-Policy. Trunk fills data-js / data-wasm
// with the hashed, relative file names of this build.
const el = document.querySelector('script[data-trunk-boot]');
const jsUrl = new URL(el.dataset.js, document.baseURI);
const wasmUrl = new URL(el.dataset.wasm, document.baseURI);
try {
  const bindings = await import(jsUrl.href);
  const wasm = await bindings.default({ module_or_path: wasmUrl });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (err) {
  console.error('Inspector Viewer failed to start:', err);
  document.body.dataset.bootError = String(err && err.message || err);
}

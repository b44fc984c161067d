#!/usr/bin/env bash
# Release build of the static site into dist/ (relative URLs: Trunk.toml public_url = "./").
# Assumes scripts/setup.sh has run (the Makefile does that).
#   scripts/build.sh            # release (wasm-opt -Oz), what `make build` / `make serve` use
#   scripts/build.sh --dev      # debug build, no wasm-opt: faster for local UI work
# Both also write dist/inspector-viewer-offline.html (scripts/offline.mjs): the whole app in one
# file, for opening from disk.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

mode=(--release)
[ "${1:-}" = "--dev" ] && mode=()

command -v trunk >/dev/null || die "trunk not found; run scripts/setup.sh (or make setup)"
mkdir -p static/samples
# Trunk.toml has offline = true (no tool downloads, cargo --offline): fetch crates first.
cargo fetch --locked
start=$(date +%s)
if ! trunk build "${mode[@]}"; then
  # Trunk can swallow rustc's diagnostics (its second cargo call uses JSON output): show them.
  log "trunk build failed; re-running cargo to show the compiler's messages"
  cargo build "${mode[@]}" --offline --locked --target wasm32-unknown-unknown --bin inspector-viewer || true
  exit 1
fi
# The same app as one self-contained HTML file that works from file:// (air-gapped use).
node scripts/offline.mjs dist || die "could not write dist/inspector-viewer-offline.html"
log "dist/ built in $(( $(date +%s) - start ))s: $(du -sh dist | cut -f1) total, wasm $(du -ch dist/*.wasm 2>/dev/null | tail -n 1 | cut -f1)"

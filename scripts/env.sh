# shellcheck shell=bash
# Common environment for the project's scripts. Source it; do not execute it.
#
# Pinned tool versions live here (or are derived from a file that already pins them), so
# there is exactly one place to bump each one:
#   trunk ............ TRUNK_VERSION below
#   wasm-bindgen-cli . Cargo.lock's `wasm-bindgen` package (must match the crate exactly)
#   wasm-opt ......... package.json devDependencies.binaryen (Trunk.toml [tools].wasm_opt must agree;
#                      scripts/setup.sh checks it)
#   playwright-core .. package.json devDependencies (exact version; package-lock.json is committed)
#   chromium ......... Debian's `chromium` + `chromium-driver` (security-updated by Debian; not pinnable)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

TRUNK_VERSION="0.21.14"
# webpki-roots version that exists on crates.io and satisfies wasm-bindgen-cli's ureq (see setup.sh)
WEBPKI_ROOTS_PRECISE="1.0.10"

CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
CHROMEDRIVER_BIN="${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}"
export CHROMIUM_BIN CHROMEDRIVER_BIN

# cargo-installed tools first, then the project's npm tools (binaryen's wasm-opt must win over
# any system wasm-opt: Debian's binaryen 108 cannot read today's wasm).
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) PATH="$CARGO_BIN:$PATH" ;; esac
PATH="$ROOT/node_modules/.bin:$PATH"
export PATH

export TRUNK_SKIP_VERSION_CHECK=true
# A CI run builds once from a clean clone: incremental caches only cost disk there (GBs).
# `.ci/run` sets CI; a CARGO_INCREMENTAL of the caller's own wins.
if [ -n "${CI:-}" ] && [ "${CI}" != false ]; then
  export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
fi
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Version of the wasm-bindgen crate locked in Cargo.lock (the CLI must be this exact version).
wasm_bindgen_lock_version() {
  awk '
    /^\[\[package\]\]/ { name = "" }
    /^name = / { name = $3; gsub(/"/, "", name) }
    /^version = / && name == "wasm-bindgen" { v = $3; gsub(/"/, "", v); print v; exit }
  ' "$ROOT/Cargo.lock"
}

# Value of a `key = "value"` line in Trunk.toml (first match).
trunk_toml_value() {
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" "$ROOT/Trunk.toml" | head -n 1
}

# Exact devDependency version from package.json.
package_json_version() {
  node -e 'const p=require(process.argv[1]);process.stdout.write(String((p.devDependencies||{})[process.argv[2]]||""))' \
    "$ROOT/package.json" "$1"
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

#!/usr/bin/env bash
# Install whatever is missing to build (and, with --browsers, to test) Inspector Viewer.
#
#   scripts/setup.sh              # build/serve tools: rust wasm target, trunk, wasm-bindgen, npm deps
#   scripts/setup.sh --browsers   # ... plus Debian chromium + chromium-driver for the test suites
#
# Idempotent: every step first checks the installed version and does nothing when it matches,
# so a second run takes about a second. Everything is pinned (see scripts/env.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

WANT_BROWSERS=0
for arg in "$@"; do
  case "$arg" in
    --browsers) WANT_BROWSERS=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "need to install $* but apt-get is not available; install it by hand"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- Rust toolchain ---------------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs), then re-run"
command -v rustup >/dev/null || die "rustup not found: the wasm32 target is managed with rustup"
installed_targets="$(rustup target list --installed)"
if ! grep -qx 'wasm32-unknown-unknown' <<<"$installed_targets"; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
missing_components=()
for c in rustfmt clippy; do
  grep -q "^$c" <<<"$installed_components" || missing_components+=("$c")
done
if [ "${#missing_components[@]}" -gt 0 ]; then
  log "rustup component add ${missing_components[*]}"
  rustup component add "${missing_components[@]}"
fi

# A C compiler is needed to build trunk's dependencies (ring) the first time.
if ! command -v cc >/dev/null; then
  apt_install build-essential pkg-config
fi

# --- trunk ------------------------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}); takes a few minutes"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# --- wasm-bindgen-cli (wasm-bindgen + wasm-bindgen-test-runner) --------------------------------
WB_VERSION="$(wasm_bindgen_lock_version)"
[ -n "$WB_VERSION" ] || die "could not read wasm-bindgen's version from Cargo.lock"
trunk_wb="$(trunk_toml_value wasm_bindgen)"
if [ -n "$trunk_wb" ] && [ "$trunk_wb" != "$WB_VERSION" ]; then
  die "Trunk.toml [tools].wasm_bindgen = $trunk_wb but Cargo.lock has wasm-bindgen $WB_VERSION; make them equal"
fi
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_wbtr="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" != "$WB_VERSION" ] || [ "$have_wbtr" != "$WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION (found: wasm-bindgen ${have_wb:-none}, test-runner ${have_wbtr:-none}); takes a few minutes"
  # `cargo install --locked wasm-bindgen-cli` fails: the crate's own Cargo.lock pins a
  # webpki-roots release that is no longer on crates.io. That attempt still leaves the .crate in
  # cargo's registry cache, so: unpack it, re-pin only webpki-roots, install from the path.
  find_crate() { ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"wasm-bindgen-cli-$WB_VERSION.crate" 2>/dev/null | head -n 1; }
  crate="$(find_crate || true)"
  if [ -z "$crate" ]; then
    log "fetching wasm-bindgen-cli-$WB_VERSION.crate (a lock-resolution error here is expected)"
    (cd /tmp && cargo install --locked wasm-bindgen-cli --version "$WB_VERSION" 2>&1 | tail -n 3) || true
    crate="$(find_crate || true)"
  fi
  # If the plain install had worked after all (e.g. a future registry state), we are done.
  have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  have_wbtr="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have_wb" != "$WB_VERSION" ] || [ "$have_wbtr" != "$WB_VERSION" ]; then
    [ -n "$crate" ] || die "could not obtain wasm-bindgen-cli-$WB_VERSION.crate from crates.io"
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    tar -xzf "$crate" -C "$work"
    src="$work/wasm-bindgen-cli-$WB_VERSION"
    if grep -q '^name = "webpki-roots"$' "$src/Cargo.lock"; then
      (cd "$src" && cargo update -p webpki-roots --precise "$WEBPKI_ROOTS_PRECISE")
    fi
    cargo install --locked --force --path "$src"
    rm -rf "$work"
    trap - EXIT
  fi
  have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  [ "$have_wb" = "$WB_VERSION" ] || die "wasm-bindgen $WB_VERSION still not on PATH after install (found: ${have_wb:-none})"
fi

# --- Node.js + npm dev dependencies (binaryen's wasm-opt, playwright-core) ----------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || log "WARNING: Node $(node --version) found; Node >= 20 is expected (node --test, fetch)"
# Re-run `npm ci` only when package-lock.json changed since the last successful install.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.setup-stamp"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  log "npm ci (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi
want_opt="version_$(package_json_version binaryen | cut -d. -f1)"
have_opt="$(wasm-opt --version 2>/dev/null | awk '{print "version_" $3}' || true)"
trunk_opt="$(trunk_toml_value wasm_opt)"
[ "$have_opt" = "$want_opt" ] || die "wasm-opt on PATH is ${have_opt:-missing}, expected $want_opt (from package.json binaryen)"
[ "$trunk_opt" = "$want_opt" ] || die "Trunk.toml [tools].wasm_opt = $trunk_opt but package.json pins binaryen $want_opt; make them agree"

# --- Browsers (tests only) --------------------------------------------------------------------
if [ "$WANT_BROWSERS" -eq 1 ]; then
  if [ ! -x "$CHROMIUM_BIN" ] || [ ! -x "$CHROMEDRIVER_BIN" ]; then
    apt_install chromium chromium-driver
  fi
  [ -x "$CHROMIUM_BIN" ] || die "chromium not found at $CHROMIUM_BIN"
  [ -x "$CHROMEDRIVER_BIN" ] || die "chromedriver not found at $CHROMEDRIVER_BIN"
  c_major="$("$CHROMIUM_BIN" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -n 1 | cut -d. -f1)"
  d_major="$("$CHROMEDRIVER_BIN" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -n 1 | cut -d. -f1)"
  [ "$c_major" = "$d_major" ] || die "chromium ($c_major) and chromedriver ($d_major) major versions differ"
fi

log "setup ok: $(rustc --version | cut -d' ' -f1-2), trunk $TRUNK_VERSION, wasm-bindgen $WB_VERSION, wasm-opt $want_opt, node $(node --version)$([ "$WANT_BROWSERS" -eq 1 ] && echo ", chromium $c_major")"

# Inspector Viewer — developer entry points. The logic lives in scripts/; see docs/setup.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help setup setup-browsers build build-dev serve test e2e bench clean

help: ## list targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

setup: ## install what is missing to build and serve (rust target, trunk, wasm-bindgen, npm deps)
	@scripts/setup.sh

setup-browsers: ## setup + Debian chromium/chromedriver for the test suites
	@scripts/setup.sh --browsers

build: setup ## release static site in dist/ (relative URLs)
	@scripts/build.sh

build-dev: setup ## debug build in dist/ (no wasm-opt), quicker
	@scripts/build.sh --dev

serve: setup ## build and serve dist/ on http://127.0.0.1:8080 (PORT=... to change)
	@scripts/serve.sh

test: ## every check (fmt, clippy, native+wasm tests, release build, e2e, fuzz smoke); last line "N passed, N failed"
	@scripts/test-all.sh

e2e: setup-browsers ## only the Playwright suite against the current dist/ (run make build first)
	@SKIP_SETUP=1 STAGES=e2e scripts/test-all.sh

bench: setup ## benchmarks (scripts/bench.sh), not part of make test
	@if [ -f scripts/bench.sh ]; then bash scripts/bench.sh; else echo "no scripts/bench.sh yet"; fi

clean: ## remove build outputs (keeps installed tools and node_modules)
	rm -rf dist test-results
	cargo clean

#!/usr/bin/env bash
# Every gate and every test, as CI runs it (`.ci/run` calls this). Installs what is missing first, so it
# passes on a fresh machine; on a prepared one the installs take seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# scripts/split first: its wasm-bindgen splits pages off the first load before calling the real one.
export PATH="$PWD/scripts/split:$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# Disk: a CI machine once ran out of space while linking the wasm test binaries. On a fresh clone incremental
# compilation only writes what no later build reads, and the wasm test binaries are not needed once their
# tests have run. Free space is printed before and after each stage that writes much, so a full disk is seen.
ci=false
[ "${CI:-}" = "true" ] && ci=true
if $ci; then export CARGO_INCREMENTAL=0; fi
disk() { printf '[disk] %s free; target/ %s\n' "$(df -h --output=avail . | tail -1 | tr -d ' ')" \
  "$(du -sh target 2>/dev/null | cut -f1)"; }
disk

step "format"
cargo fmt --all --check

step "clippy, native (API types, development backend, app)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy, wasm32 (app and component tests)"
cargo clippy -p integration-console --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "clippy, wasm32 with the split feature (the release build's split points, src/lazy.rs)"
cargo clippy -p integration-console --target wasm32-unknown-unknown --features split --locked -- -D warnings

step "native tests: API contract, model logic, development backend"
cargo test --workspace --locked
disk

step "component tests in headless Chromium (wasm-bindgen-test)"
# The runner's default limit is 20 s for a whole test file; the job page's six tests take about 19 s on an
# idle machine, so a loaded one timed out. A hung test still fails, after 180 s.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=180 \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p integration-console --target wasm32-unknown-unknown --locked
disk
if $ci; then rm -rf target/wasm32-unknown-unknown/debug target/wasm-bindgen-test; disk; fi

step "build scripts: the wasm import renaming the post-build hook does (scripts/wasm-imports.mjs)"
node --test scripts/wasm-imports.test.mjs

step "release build (trunk, wasm-opt): at / and under /console/ (for the nginx run)"
trunk build --release --offline
trunk build --release --offline --public-url /console/ --dist dist-console

step "first-load budget (end2end/bench/bundle-size.mjs)"
(cd end2end && node bench/bundle-size.mjs ../dist --check)
disk

step "end-to-end flows (Playwright: release build against the development backend, and through nginx)"
cargo build -p dev-backend --locked
(cd end2end && npx playwright test)

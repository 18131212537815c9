#!/usr/bin/env bash
# Every gate and every test, as CI runs it (`.ci/run` calls this). Installs what is missing first, so it
# passes on a fresh machine; on a prepared one the installs take seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all --check

step "clippy, native (API types, development backend, app)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy, wasm32 (app and component tests)"
cargo clippy -p integration-console --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests: API contract, model logic, development backend"
cargo test --workspace --locked

step "component tests in headless Chromium (wasm-bindgen-test)"
# The runner's default limit is 20 s for a whole test file; the job page's six tests take about 19 s on an
# idle machine, so a loaded one timed out. A hung test still fails, after 180 s.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=180 \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p integration-console --target wasm32-unknown-unknown --locked

step "release build (trunk, wasm-opt): at / and under /console/ (for the nginx run)"
trunk build --release --offline
trunk build --release --offline --public-url /console/ --dist dist-console

step "first-load budget (end2end/bench/bundle-size.mjs)"
(cd end2end && node bench/bundle-size.mjs ../dist --check)

step "end-to-end flows (Playwright: release build against the development backend, and through nginx)"
cargo build -p dev-backend --locked
(cd end2end && npx playwright test)

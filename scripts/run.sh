#!/usr/bin/env bash
# Builds the console and serves it with the demo backend; prints the URL to open and the demo tokens.
# Extra arguments go to the backend (`scripts/run.sh --port 9000 --jobs 10000`; `--help` lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-browser
# scripts/split first: its wasm-bindgen splits pages off the first load before calling the real one.
export PATH="$PWD/scripts/split:$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --offline
cargo build -p dev-backend --release --locked
# The demo is served with the production security headers (the nginx snippet), as the tests are.
exec target/release/dev-backend --dist dist --security-headers deploy/nginx/snippets/console-headers.conf "$@"

#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently: each step checks first,
# so a second run on a prepared machine takes seconds. Used by scripts/test.sh and scripts/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=..."` pin in Cargo.toml
TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than this machine has
WASM_SPLIT_VERSION=0.2.4       # crates.io wasm_split_cli_support: the splitter for Leptos's split points

# --no-browser: skip Chromium (only the tests need it).
with_browser=true
[ "${1:-}" = "--no-browser" ] && with_browser=false

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # No --locked: its lockfile names a crate version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 4 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# wasm-split-cli: the release build splits pages off the first load with it (scripts/split/wasm-bindgen).
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# Chromium for the tests; nginx (with its brotli_static module) for the end-to-end run through the
# deploy/nginx configuration.
apt_packages=()
if $with_browser && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  apt_packages+=(chromium chromium-driver)
fi
if $with_browser && [ ! -x /usr/sbin/nginx ]; then
  apt_packages+=(nginx-light)
fi
if $with_browser && [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  apt_packages+=(libnginx-mod-http-brotli-static)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  log "installing Debian packages: ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d: the tests start their own nginx on 127.0.0.1; the package must not start a system one.
  had_policy=false
  [ -e /usr/sbin/policy-rc.d ] && had_policy=true
  $had_policy || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d; }
  apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  $had_policy || rm -f /usr/sbin/policy-rc.d
fi

# Playwright (driving the system chromium, never its own download) and binaryen's wasm-opt
# (npm's build: Debian's binaryen 108 writes modules that fail to load).
if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -x end2end/node_modules/.bin/wasm-opt ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.install-stamp ]; then
  log "installing end2end npm packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error \
    && touch node_modules/.install-stamp)
fi
log "tools ready"

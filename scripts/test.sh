#!/usr/bin/env bash
# Every check and every test: formatting, lints, unit and command tests, then the end-to-end tests on the
# real app window in a headless desktop session. Installs what is missing first; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --test
cargo fmt --check
cargo clippy --all-targets -- -D warnings
# Domain and command tests (mock runtime): fast, in parallel.
cargo test --lib
# End-to-end: the real binary through WebDriver, one app at a time.
bash scripts/headless.sh cargo test --test e2e -- --test-threads=1

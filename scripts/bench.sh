#!/usr/bin/env bash
# Builds Rebound and an empty Tauri window in release mode and measures both under Xvfb (scripts/bench.py).
# Not part of the test command: it takes several minutes of building and prints numbers, it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --test
cargo build --release --features custom-protocol
cargo build --release --features custom-protocol \
  --manifest-path tests/bench/empty-window/Cargo.toml --target-dir target/bench-empty-window
exec bash scripts/headless.sh python3 scripts/bench.py "$PWD/target/release/rebound" \
  "$PWD/target/bench-empty-window/release/empty-window"

#!/usr/bin/env bash
# Measures Rebound beside an empty Tauri window built the same way and prints one table with the goals, written to
# BENCHMARKS.md (scripts/bench.py). Not part of the test command: it builds release binaries and the installers
# and takes about a quarter of an hour; it prints numbers and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --test
# The release binary and the .deb whose size is reported.
bash scripts/package.sh
cargo build --release --features custom-protocol \
  --manifest-path tests/bench/empty-window/Cargo.toml --target-dir target/bench-empty-window
# The journal of a year that Rebound is measured with, written through the domain (rebound_core::sample).
cargo build --release -p rebound-core --example seed_year
# Render and tone-check medians.
cargo bench --bench messages | tee target/bench-messages.txt
exec bash scripts/headless.sh python3 scripts/bench.py "$PWD/target/release/rebound" \
  "$PWD/target/bench-empty-window/release/empty-window" "$PWD/target/bench-messages.txt"

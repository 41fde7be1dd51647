#!/usr/bin/env bash
# Builds and runs Rebound. Installs what is missing first; safe to run again.
# With no display (a bare server), it runs inside a headless session instead, so the command still works.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  bash scripts/setup.sh
  cargo build
  exec ./target/debug/rebound "$@"
else
  echo "run.sh: no display found; running Rebound in a headless session (Xvfb)." >&2
  bash scripts/setup.sh --test
  cargo build
  exec bash scripts/headless.sh ./target/debug/rebound "$@"
fi

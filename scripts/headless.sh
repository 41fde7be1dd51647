#!/usr/bin/env bash
# Runs a command inside a private desktop session: Xvfb, a private D-Bus session bus, the dunst notification
# daemon and a StatusNotifierWatcher for the tray. XDG folders point into a per-run folder so nothing is
# written to $HOME.
set -euo pipefail
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/rebound-session.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT
export XDG_DATA_HOME="$run_dir/data" XDG_CACHE_HOME="$run_dir/cache" XDG_CONFIG_HOME="$run_dir/config"
export XDG_RUNTIME_DIR="$run_dir/runtime"
# HOME too: some libraries ignore the XDG variables (the autostart entry goes to ~/.config/autostart). Cargo
# and rustup keep using the real ones.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"
export HOME="$run_dir/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# Under Xvfb, WebKit's accelerated compositing runs on Mesa's software GL, and its compositor thread crashed
# there (segfault in swrast_dri.so, seen in dmesg) twice in about a dozen full e2e runs, taking the page down
# mid-test. The tests are about Rebound, not Mesa: render without GL compositing in this session. (Desktop
# sessions keep WebKit's default; the same variable is the usual fix for blank windows on software GL.)
export WEBKIT_DISABLE_COMPOSITING_MODE=1
here=$(cd "$(dirname "$0")" && pwd)
exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  dbus-run-session -- bash "$here/session-inner.sh" "$@"

#!/usr/bin/env bash
# Installs what building, running and testing Rebound needs on Debian/Ubuntu.
# Safe to run again: it installs only what is missing.
set -euo pipefail

BUILD_PKGS="build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev
libsoup-3.0-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev"
TEST_PKGS="xvfb xauth libgl1-mesa-dri webkit2gtk-driver dbus dbus-bin libglib2.0-bin dunst xclip sqlite3
haskell-status-notifier-item-utils python3-icalendar
radicale python3-caldav openssl gnome-keyring libsecret-tools
appstream desktop-file-utils lintian x11-utils xdotool
gcc-mingw-w64-x86-64 wine wine64"

want="$BUILD_PKGS"
[ "${1:-}" = "--test" ] && want="$want $TEST_PKGS"

missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The Tauri CLI that builds the installers comes from npm (scripts/package.sh).
if [ "${1:-}" = "--test" ] && ! command -v npm >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing nodejs and npm"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

# The Windows build, its lints and the domain's tests under Wine (scripts/windows.sh).
if [ "${1:-}" = "--test" ] && ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "setup: adding the Rust target x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi

# axe-core, the accessibility checker the end-to-end tests run inside the window (tests/e2e/looks.rs), pinned.
AXE_VERSION=4.11.0
axe_dir="$(cd "$(dirname "$0")/.." && pwd)/target/e2e-npm"
if [ "${1:-}" = "--test" ] && ! grep -qs "\"version\": \"$AXE_VERSION\"" "$axe_dir/node_modules/axe-core/package.json"; then
  echo "setup: installing axe-core $AXE_VERSION for the e2e tests"
  npm install --prefix "$axe_dir" --no-audit --no-fund --no-save --silent "axe-core@$AXE_VERSION"
fi

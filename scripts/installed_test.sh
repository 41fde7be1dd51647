#!/usr/bin/env bash
# The installed-package test, run inside scripts/headless.sh after scripts/package.sh: installs the .deb as a
# user would, checks that /usr/bin/rebound answers --version, starts it and sees its window, stops it, removes
# the package, and checks that the user's data folder is still there. Needs root or sudo (it installs a package).
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

deb=$(ls "$PWD"/target/release/bundle/deb/*.deb)
data=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

# Polls `cond` every 0.1 s until it holds, for at most `secs` seconds.
wait_for() {
  local what=$1 secs=$2; shift 2
  local end=$((SECONDS + secs))
  until "$@"; do
    if [ "$SECONDS" -ge "$end" ]; then echo "installed_test: timed out waiting for $what" >&2; exit 1; fi
    sleep 0.1
  done
}

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
test -x /usr/bin/rebound
want="Rebound $(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
version=$(/usr/bin/rebound --version)
[ "$version" = "$want" ] || { echo "installed_test: --version said \"$version\", not \"$want\"" >&2; exit 1; }
/usr/bin/rebound --help | grep -q -- '--hidden'
test -f /usr/share/applications/Rebound.desktop
test -f /usr/share/metainfo/org.rebound.Rebound.metainfo.xml

REBOUND_DATA_DIR="$data" LANG=en_US.UTF-8 /usr/bin/rebound >/dev/null 2>&1 &
pid=$!
window() { xwininfo -root -tree 2>/dev/null | grep -q '"Rebound"'; }
wait_for "the window of the installed app" 30 window
wait_for "the journal in the data folder" 30 test -f "$data/rebound.sqlite3"
kill -TERM "$pid"
wait_for "the app to end" 30 bash -c "! kill -0 $pid 2>/dev/null"
pid=""

DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq rebound >/dev/null
if [ -e /usr/bin/rebound ]; then echo "installed_test: /usr/bin/rebound left after removal" >&2; exit 1; fi
test -f "$data/rebound.sqlite3" || { echo "installed_test: the user's journal went with the package" >&2; exit 1; }
echo "installed_test: installed, started with its window, removed; the data folder stayed"

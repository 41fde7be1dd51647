#!/usr/bin/env bash
# The Windows half of the test command: Rebound built for Windows (x86_64-pc-windows-gnu, with Debian's
# mingw-w64), clippy clean for that target, the domain's tests run under Wine, and rebound.exe answering
# --version and --help under Wine. The window itself cannot run under Wine (no WebView2): what a Windows user
# gets beyond this is reviewed, not run (README, "Other platforms"). `scripts/setup.sh --test` installs
# mingw-w64, Wine and the Rust target. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
target=x86_64-pc-windows-gnu

cargo clippy --target "$target" --workspace --all-targets -- -D warnings

# Wine 8 lacks ProcessPrng, which every Rust program asks for at start-up: a small DLL of ours provides it, in a
# folder only Wine is pointed at (scripts/windows/processprng.c says more).
shim="$PWD/target/wine-shim"
mkdir -p "$shim"
if [ ! -f "$shim/bcryptprimitives.dll" ] || [ scripts/windows/processprng.c -nt "$shim/bcryptprimitives.dll" ]; then
  x86_64-w64-mingw32-gcc -O2 -shared -o "$shim/bcryptprimitives.dll" scripts/windows/processprng.c -ladvapi32
fi
# A Wine prefix of our own, without the Mono and Gecko installers it would otherwise offer to run.
export WINEPREFIX="$PWD/target/wine-prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINEPATH="$(winepath -w "$shim")"
export WINEPATH
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine

cargo test -p rebound-core --target "$target" --lib
cargo test -p rebound-core --target "$target" --test '*'

cargo build --target "$target"
exe="target/$target/debug/rebound.exe"
version="$(wine "$exe" --version | tr -d '\r')"
want="Rebound $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
[ "$version" = "$want" ] || { echo "windows: --version printed '$version', not '$want'" >&2; exit 1; }
wine "$exe" --help | tr -d '\r' | grep -- '--hidden' >/dev/null || { echo "windows: --help does not list --hidden" >&2; exit 1; }
echo "windows: $exe ($(du -m "$exe" | cut -f1) MB, debug) answers --version and --help under $(wine --version)"

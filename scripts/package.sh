#!/usr/bin/env bash
# Builds the Linux installers (.deb and .rpm) with the Tauri CLI from a pinned npm package, then checks the .deb
# with lintian (no error, no warning). AppImage is not built: its tools are downloaded at build time, which this
# machine cannot do. Safe to run again; the CLI is kept in target/tauri-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CLI_VERSION=2.12.5
cli=target/tauri-cli/node_modules/.bin/tauri
if [ ! -x "$cli" ] || [ "$("$cli" --version 2>/dev/null)" != "tauri-cli $CLI_VERSION" ]; then
  mkdir -p target/tauri-cli
  npm install --prefix target/tauri-cli --no-audit --no-fund --silent "@tauri-apps/cli@$CLI_VERSION"
fi

# Files made from the sources at packaging time: Debian wants the changelog and the man page compressed (-n: no
# time stamp inside, so the same sources give the same bytes).
out=target/packaging
mkdir -p "$out"
gzip -9nc packaging/linux/changelog > "$out/changelog.gz"
gzip -9nc packaging/linux/rebound.1 > "$out/rebound.1.gz"

# The release binary first, so that its libc dependency can be read from it through the shlibs files, as
# dpkg-shlibdeps does for a Debian package.
cargo build --release --features custom-protocol
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
printf 'Source: rebound\n\nPackage: rebound\nArchitecture: any\n' > "$work/debian/control"
bin="$PWD/target/release/rebound"
libc=$(cd "$work" && dpkg-shlibdeps -O -e"$bin" 2>/dev/null | sed -n 's/^shlibs:Depends=//p' | tr ',' '\n' \
  | sed 's/^ *//' | grep '^libc6 ' | head -1)
[ -n "$libc" ] || { echo "package.sh: could not read the libc dependency of $bin" >&2; exit 1; }

config=$(cat <<JSON
{"bundle": {"linux": {
  "deb": {"depends": ["$libc"], "files": {
    "/usr/share/doc/rebound/changelog.gz": "$out/changelog.gz",
    "/usr/share/man/man1/rebound.1.gz": "$out/rebound.1.gz"}},
  "rpm": {"files": {"/usr/share/man/man1/rebound.1.gz": "$out/rebound.1.gz"}}}}}
JSON
)
"$cli" build --bundles deb rpm --config "$config"

deb=$(ls target/release/bundle/deb/*.deb)
# Every error and warning fails; informational tags are shown (French words in the binary read as misspellings).
# (As root, lintian also prints "running with root privileges is not recommended": no finding about the package.)
lintian --fail-on error,warning --info "$deb" || { echo "package.sh: lintian found problems in $deb" >&2; exit 1; }
ls -l "$deb" target/release/bundle/rpm/*.rpm

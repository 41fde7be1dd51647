#!/usr/bin/env bash
# Every check and every test: formatting, lints, unit and command tests, then the end-to-end tests on the
# real app window in a headless desktop session. Installs what is missing first; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --test
cargo fmt --all --check
# Both crates of the workspace: the app (shell) and rebound-core (the domain, no Tauri).
cargo clippy --workspace --all-targets -- -D warnings
# Packaging metadata (installed by the .deb and .rpm): the desktop entry and the AppStream file pass their validators.
desktop-file-validate packaging/linux/rebound.desktop
appstreamcli validate --no-net packaging/linux/org.rebound.Rebound.metainfo.xml
# Domain tests (rebound-core, no WebKit needed) and command tests (mock runtime): fast, in parallel.
cargo test --workspace --lib
# The domain's corpus tests that read files of the repository (the e-mail corpus of tests/mail).
cargo test -p rebound-core --test '*'
# Windows: the build, its lints, the domain's tests and --version/--help, under Wine (scripts/windows.sh).
bash scripts/windows.sh
# End-to-end: the real binary through WebDriver, one app at a time.
bash scripts/headless.sh cargo test --test e2e -- --test-threads=1
# The installers: built with the pinned Tauri CLI and checked by lintian, then installed, started and removed.
bash scripts/package.sh
bash scripts/headless.sh bash scripts/installed_test.sh

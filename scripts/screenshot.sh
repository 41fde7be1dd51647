#!/usr/bin/env bash
# Remakes tests/screenshots/*.png (shown in the README) from the real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --test
mkdir -p tests/screenshots
REBOUND_SCREENSHOTS="$PWD/tests/screenshots" \
  bash scripts/headless.sh cargo test --test e2e -- --test-threads=1 --exact screenshot::screenshot_of_a_journal_in_use \
  calendar::the_plan_goes_to_the_users_calendar_follows_every_change_and_waits_out_a_server_away

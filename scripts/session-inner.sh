#!/usr/bin/env bash
# Inside the headless session (see headless.sh): start the desktop services, run the command, stop them.
set -uo pipefail
dunst >/dev/null 2>&1 &
dunst_pid=$!
status-notifier-watcher >/dev/null 2>&1 &
watcher_pid=$!
# Wait (bounded) until dunst owns the notification name, so the first notification is not lost.
for _ in $(seq 1 250); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null | grep -q true && break
  sleep 0.02
done
"$@"
status=$?
kill "$dunst_pid" "$watcher_pid" 2>/dev/null
exit $status

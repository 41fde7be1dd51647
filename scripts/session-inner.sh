#!/usr/bin/env bash
# Inside the headless session (see headless.sh): start the desktop services, run the command, stop them.
set -uo pipefail
dunst >/dev/null 2>&1 &
dunst_pid=$!
status-notifier-watcher >/dev/null 2>&1 &
watcher_pid=$!
# A Secret Service (the keyring the calendar's password goes to), its login keyring created and unlocked with a
# throwaway password in this session's own XDG_DATA_HOME.
printf 'rebound-session' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
keyring_pid=$!
# Wait (bounded) until dunst and the keyring own their names, so the first notification is not lost.
for name in org.freedesktop.Notifications org.freedesktop.secrets; do
  for _ in $(seq 1 250); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner "$name" 2>/dev/null | grep -q true && break
    sleep 0.02
  done
done
"$@"
status=$?
kill "$dunst_pid" "$watcher_pid" "$keyring_pid" 2>/dev/null
exit $status

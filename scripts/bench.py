#!/usr/bin/env python3
"""Start-up time and idle memory of Rebound's release build, beside an empty Tauri window built the same way.

Run through scripts/bench.sh (it builds both and provides the headless session). For each app and each run:
  - Rebound gets a fresh data folder seeded with N applications (the schema comes from the app's own
    migrations, so the seed always matches);
  - tauri-driver starts the app; the time from the app process's start (from /proc) to the first painted
    frame of its first view (body[data-ready-at], wall clock) is the start-up time; for Rebound the script
    also checks the first row of the list is on screen;
  - after the app has been idle for IDLE seconds, RSS and PSS are summed over the app process and its WebKit
    child processes (/proc/PID/smaps_rollup), and their CPU clock ticks over the idle period are counted.
Prints one line per run and the medians. Uses only the Python standard library.
"""
import json, os, socket, sqlite3, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTLE = int(os.environ.get("SETTLE", 15))
TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wd(port, method, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")


def seed(data_dir, n, steps=0, due_today=0, tag="Company"):
    """Adds n applications to a journal the app has already created (so the schema is the binary's own), with
    `steps` pending check-ins due next year and `due_today` due today."""
    db = sqlite3.connect(data_dir / "rebound.sqlite3")
    now = "2026-11-26T09:00:00Z"
    today = time.strftime("%Y-%m-%d")
    with db:
        for i in range(n):
            cid = db.execute("INSERT INTO companies (name, folded, created_at) VALUES (?, ?, ?)",
                             (f"{tag} {i}", f"{tag.lower()} {i}", now)).lastrowid
            day = f"2026-{1 + i % 10:02d}-{1 + i % 28:02d}"
            aid = db.execute("INSERT INTO applications (company_id, role, applied_on, lang, created_at, updated_at)"
                             " VALUES (?, ?, ?, 'en', ?, ?)", (cid, f"Role {i}", day, now, now)).lastrowid
            db.execute("INSERT INTO events (application_id, kind, occurred_on, created_at) VALUES (?, 'applied', ?, ?)",
                       (aid, day, now))
            if i % 3 == 0:
                ev = db.execute("INSERT INTO events (application_id, kind, occurred_on, details, created_at)"
                                " VALUES (?, 'rejected', ?, '{\"channel\":\"email\"}', ?)", (aid, day, now)).lastrowid
                k = i // 3
                if k < steps + due_today:
                    due = today if k < due_today else f"2027-{1 + k % 12:02d}-{1 + k % 28:02d}"
                    db.execute("INSERT INTO plan_steps (application_id, outcome_event_id, kind, due_on, created_at,"
                               " updated_at) VALUES (?, ?, 'check_in', ?, ?, ?)", (aid, ev, due, now, now))
    db.close()


def boot_time():
    for line in open("/proc/stat"):
        if line.startswith("btime "):
            return int(line.split()[1])


def stat_fields(pid):
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2:].split()  # fields from the 3rd on


def find_app(binary, data_dir):
    binary = os.path.realpath(binary)
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if os.path.realpath(p / "exe") != binary:
                continue
            env = (p / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"REBOUND_DATA_DIR={data_dir}".encode() in env:
            return int(p.name)
    return None


def family(pid):
    children = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                children.setdefault(int(stat_fields(p.name)[1]), []).append(int(p.name))
            except OSError:
                pass
    out, todo = [], [pid]
    while todo:
        q = todo.pop()
        out.append(q)
        todo.extend(children.get(q, []))
    return out


def memory(pids):
    rss = pss = 0
    names = []
    for pid in pids:
        try:
            names.append(Path(f"/proc/{pid}/comm").read_text().strip())
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key == "Rss":
                    rss += int(rest.split()[0])
                elif key == "Pss":
                    pss += int(rest.split()[0])
        except OSError:
            pass
    return rss / 1024, pss / 1024, names


def ticks(pids):
    total = 0
    for pid in pids:
        try:
            f = stat_fields(pid)
            total += int(f[11]) + int(f[12])  # utime + stime
        except OSError:
            pass
    return total


def measure(binary, rows, idle, is_rebound):
    data = Path(tempfile.mkdtemp(prefix="rebound-bench-"))
    if is_rebound:
        session(binary, data, 0, lambda *_: None)  # the app creates its database, then quits
        seed(data, rows)
    return session(binary, data, idle, sample)


def sample(binary, data, port, sid, idle):
    """The start-up time, then memory and CPU after `idle` seconds, of the app running in session `sid`."""
    script = ("return [document.body.dataset.readyAt || null,"
              " document.querySelectorAll('.app-row').length]")
    deadline = time.time() + 60
    while True:
        ready_at, shown = wd(port, "POST", f"/session/{sid}/execute/sync", {"script": script, "args": []})["value"]
        if ready_at and shown:
            break
        if time.time() > deadline:
            raise RuntimeError("the app never showed its first row")
        time.sleep(0.02)
    pid = find_app(binary, data)
    start = boot_time() + int(stat_fields(pid)[19]) / TICK
    startup_ms = int(ready_at) - start * 1000
    if idle:
        time.sleep(SETTLE)  # start-up work (first paint of the page's tiles) is not idle time
    procs = family(pid)
    before = ticks(procs)
    time.sleep(idle)  # the idle period being measured, not a wait for a condition
    procs = family(pid)
    idle_ticks = ticks(procs) - before
    rss, pss, names = memory(procs)
    return startup_ms, rss, pss, idle_ticks, names, shown


def session(binary, data, idle, body):
    """Runs `body` on a WebDriver session of the app with its data in `data`, then ends the session."""
    port, native = free_port(), free_port()
    env = dict(os.environ, REBOUND_DATA_DIR=str(data))
    driver = subprocess.Popen(["tauri-driver", "--port", str(port), "--native-port", str(native)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        for p in (port, native):  # tauri-driver, then the WebKitWebDriver it proxies to
            while True:
                try:
                    socket.create_connection(("127.0.0.1", p), timeout=1).close()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.02)
        sid = wd(port, "POST", "/session", {"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": str(binary)}}}})["value"]["sessionId"]
        result = body(binary, data, port, sid, idle)
        try:
            wd(port, "DELETE", f"/session/{sid}")
        except OSError:
            pass  # the body may have ended the app already
        return result
    finally:
        driver.terminate()
        driver.wait(timeout=10)


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def web_alive(pid):
    return any(n.startswith("WebKitWebProces") for n in memory(family(pid))[2])


def tray_phase(binary, rows, steps, idle):
    """Rebound with `rows` applications and `steps` pending steps: CPU and memory with the window open, then
    after it was closed to the tray; then a process started with --hidden, which never builds a window."""
    data = Path(tempfile.mkdtemp(prefix="rebound-bench-"))
    session(binary, data, 0, lambda *_: None)
    seed(data, rows, steps=steps)
    out = {}

    def body(binary, data, port, sid, idle):
        sample(binary, data, port, sid, 0)
        pid = find_app(binary, data)
        time.sleep(SETTLE)
        procs = family(pid)
        t0 = ticks(procs)
        time.sleep(idle)
        out["open"] = (ticks(family(pid)) - t0, *memory(family(pid)))
        # Ctrl+W's command, from the page itself
        wd(port, "POST", f"/session/{sid}/execute/sync",
           {"script": "window.__TAURI__.core.invoke('close_window'); return 1", "args": []})
        deadline = time.time() + 20
        while web_alive(pid) and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(5)  # let the freed memory settle before reading it
        t0 = ticks(family(pid))
        time.sleep(idle)
        out["closed"] = (ticks(family(pid)) - t0, *memory(family(pid)))
        os.kill(pid, 15)
    session(binary, data, idle, body)

    env = dict(os.environ, REBOUND_DATA_DIR=str(data))
    proc = subprocess.Popen([str(binary), "--hidden"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(10)
    t0 = ticks(family(proc.pid))
    time.sleep(idle)
    out["hidden"] = (ticks(family(proc.pid)) - t0, *memory(family(proc.pid)))
    proc.terminate()
    proc.wait(timeout=10)
    return out


def shown_about(tag):
    """Whether dunst has shown a notification mentioning `tag` (displayed now or in its history)."""
    subprocess.run(["dunstctl", "close-all"])
    history = json.loads(subprocess.run(["dunstctl", "history"], capture_output=True, text=True).stdout)
    return any(tag in n["summary"]["data"] for n in history["data"][0])


def notification_delay(binary):
    """Seconds from a step's due instant (today at the next whole minute) to its notification in dunst."""
    data = Path(tempfile.mkdtemp(prefix="rebound-bench-"))
    session(binary, data, 0, lambda *_: None)
    tag = f"Delay{int(time.time())}"
    seed(data, 10, due_today=1, tag=tag)
    t = time.time()
    due = (int(t // 60) + 1) * 60
    if due - t < 15:  # leave time to start
        due += 60
    (data / "settings.json").write_text(json.dumps({"reminderTime": time.strftime("%H:%M", time.localtime(due))}))
    env = dict(os.environ, REBOUND_DATA_DIR=str(data))
    proc = subprocess.Popen([str(binary), "--hidden"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not shown_about(tag) and time.time() < due + 120:
        time.sleep(0.01)
    seen = time.time()
    proc.terminate()
    proc.wait(timeout=10)
    return seen - due


def main():
    rebound, empty = Path(sys.argv[1]), Path(sys.argv[2])
    runs, rows, idle = int(os.environ.get("RUNS", 5)), int(os.environ.get("ROWS", 1000)), int(os.environ.get("IDLE", 10))
    print(f"{runs} runs each; Rebound seeded with {rows} applications; memory and CPU after {idle} s idle")
    for label, binary, is_rebound in (("rebound", rebound, True), ("empty tauri window", empty, False)):
        results = [measure(binary, rows, idle, is_rebound) for _ in range(runs)]
        for s, rss, pss, t, names, shown in results:
            print(f"  {label}: first row painted {s:.0f} ms after process start ({shown} rows in the DOM);"
                  f" RSS {rss:.0f} MB, PSS {pss:.0f} MB over {len(names)} processes ({', '.join(names)});"
                  f" {t} CPU ticks in {idle} s idle")
        print(f"{label}: median start-up {median([r[0] for r in results]):.0f} ms, "
              f"RSS {median([r[1] for r in results]):.0f} MB, PSS {median([r[2] for r in results]):.0f} MB, "
              f"idle CPU {median([r[3] for r in results])} ticks / {idle} s (1 tick = {1000 // TICK} ms)")
    long_idle = int(os.environ.get("LONG_IDLE", 60))
    tray = tray_phase(rebound, rows, 100, long_idle)
    for phase, what in (("open", "window open"), ("closed", "window closed to the tray"),
                        ("hidden", "started --hidden, no window ever")):
        t, rss, pss, names = tray[phase]
        print(f"rebound, {rows} applications, 100 pending steps, {what}: {t} CPU ticks in {long_idle} s;"
              f" RSS {rss:.0f} MB, PSS {pss:.0f} MB over {len(names)} processes ({', '.join(names)})")
    delays = [notification_delay(rebound) for _ in range(int(os.environ.get("DELAY_RUNS", 2)))]
    print("delay from a step's due time to its notification in dunst: "
          + ", ".join(f"{d * 1000:.0f} ms" for d in delays))


if __name__ == "__main__":
    main()

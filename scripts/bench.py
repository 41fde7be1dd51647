#!/usr/bin/env python3
"""Rebound's figures beside an empty Tauri window built the same way, with the goal for each, as one table.

Run through scripts/bench.sh (it builds both, the installers and the message benchmark, and provides the
headless session). Prints the table and writes it to BENCHMARKS.md with the date and the machine.
  - start-up: for RUNS pairs (empty window, then Rebound with a year of ROWS applications, each from a fresh data
    folder), with WebKit's compositing on (the default) and then off,
    the time from the process start (from /proc) to the first painted frame of its first view
    (body[data-ready-at], wall clock; for Rebound, with the first row of the list on screen);
  - CPU: clock ticks of the app and its WebKit processes in the AFTER seconds right after that first paint,
    then in the IDLE seconds after those;
  - memory: PSS summed over the app process and its WebKit children (/proc/PID/smaps_rollup) at the end,
    window open; then for Rebound closed to the tray, and started --hidden;
  - the delay from a step's due time to its notification in dunst;
  - the .deb's size, and the render and tone-check medians printed by `cargo bench --bench messages`.
Uses only the Python standard library. Asserts nothing: it measures.
"""
import json, os, socket, sqlite3, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDER = ROOT / "target" / "release" / "examples" / "seed_year"
SETTLE = int(os.environ.get("SETTLE", 15))
AFTER = int(os.environ.get("AFTER", 20))  # seconds right after the first paint
IDLE = int(os.environ.get("IDLE", 30))  # seconds of idle after those
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


def seed(data_dir, n, due_today=0, tag="Company"):
    """Adds n applications to a journal the app has already created (so the schema is the binary's own), with
    `due_today` check-ins due today (for the notification delay)."""
    db = sqlite3.connect(data_dir / "rebound.sqlite3")
    # The search index's triggers call concat_ws (SQLite 3.44), which Python's own SQLite may not have.
    db.create_function("concat_ws", -1, lambda sep, *parts: sep.join(str(p) for p in parts if p is not None))
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
            if i < due_today:
                ev = db.execute("INSERT INTO events (application_id, kind, occurred_on, details, created_at)"
                                " VALUES (?, 'rejected', ?, '{\"channel\":\"email\"}', ?)", (aid, day, now)).lastrowid
                db.execute("INSERT INTO plan_steps (application_id, outcome_event_id, kind, due_on, created_at,"
                           " updated_at) VALUES (?, ?, 'check_in', ?, ?, ?)", (aid, ev, today, now, now))
    db.close()


def seed_year(data_dir, n):
    """Writes n applications of a year of job search through Rebound's own domain (`rebound_core::sample`, via
    the `seed_year` example): a third rejected at days spread over the year, a tenth without an answer. This is
    the journal the e2e test of what a person sees uses too; the figures stand for a year of real use."""
    subprocess.run([str(SEEDER), str(data_dir), str(n)], check=True, stdout=subprocess.DEVNULL)


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


def webkit_gone(timeout=3):
    """Waits until no WebKit process is left from an app that was ended: a new start while the last one's network
    process still holds the web storage waits for it (half a second, in about one start in three)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        alive = []
        for p in Path("/proc").iterdir():
            try:
                if p.name.isdigit() and (p / "comm").read_text().startswith(("WebKitWebProces", "WebKitNetworkPr")):
                    alive.append(p.name)
            except OSError:
                pass
        if not alive:
            return
        time.sleep(0.05)


def measure(binary, rows, is_rebound):
    data = Path(tempfile.mkdtemp(prefix="rebound-bench-"))
    if is_rebound:
        seed_year(data, rows)
    webkit_gone()
    return session(binary, data, 0, sample)


def sample(binary, data, port, sid, _idle):
    """Start-up time, CPU ticks right after the first paint and then idle, and PSS, of the app in session `sid`."""
    script = ("return [document.body.dataset.readyAt || null,"
              " document.querySelectorAll('.app-row').length, document.querySelectorAll('#view li').length]")
    deadline = time.time() + 60
    while True:
        ready_at, shown, dom_rows = wd(port, "POST", f"/session/{sid}/execute/sync", {"script": script, "args": []})["value"]
        if ready_at and shown:
            break
        if time.time() > deadline:
            raise RuntimeError("the app never showed its first row")
        time.sleep(0.02)
    pid = find_app(binary, data)
    start = boot_time() + int(stat_fields(pid)[19]) / TICK
    startup_ms = int(ready_at) - start * 1000
    # The periods being measured, not waits for a condition.
    after = ticks(family(pid))
    time.sleep(AFTER)
    idle = ticks(family(pid))
    after = idle - after
    time.sleep(IDLE)
    procs = family(pid)
    idle = ticks(procs) - idle
    rss, pss, names = memory(procs)
    return {"start": startup_ms, "after": after, "idle": idle, "rss": rss, "pss": pss, "names": names,
            "shown": shown, "dom_rows": dom_rows}


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


def tray_phase(binary, rows, idle):
    """Rebound with a year of `rows` applications: CPU and memory with the window open, then
    after it was closed to the tray; then a process started with --hidden, which never builds a window."""
    data = Path(tempfile.mkdtemp(prefix="rebound-bench-"))
    seed_year(data, rows)
    out = {}

    def body(binary, data, port, sid, idle):
        first = sample(binary, data, port, sid, 0)
        pid = find_app(binary, data)
        out["open"] = (first["idle"], first["rss"], first["pss"], first["names"])
        # Ctrl+W's command, from the page itself
        try:
            wd(port, "POST", f"/session/{sid}/execute/sync",
               {"script": "window.__TAURI_INTERNALS__.invoke('close_window'); return 1", "args": []})
        except OSError:
            pass  # the window (and with it the WebDriver session) may be gone before the answer
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


def deb_size():
    debs = sorted((ROOT / "target/release/bundle/deb").glob("*.deb"))
    return debs[-1].stat().st_size / 1e6 if debs else None


def message_times(path):
    """From `cargo bench --bench messages` output: the slowest render median, and the tone-check medians of a
    2,000-character message in each language, in microseconds."""
    render, tone = [], {}
    if path and Path(path).exists():
        for line in Path(path).read_text().splitlines():
            if line.startswith("render ") and "median" in line:
                render.append(float(line.split("median ")[1].split()[0]))
            elif line.startswith("tone check, ") and " 2000 characters" in line:
                tone[line.split()[2].rstrip(",")] = float(line.split("median ")[1].split()[0])
    return (max(render) if render else None), tone


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release")
                   if l.startswith("PRETTY_NAME=")), "Linux")
    return f"{os.cpu_count()} × {cpu}, {mem} MiB RAM, {osname}, Xvfb (software rendering)"


def main():
    rebound, empty = Path(sys.argv[1]), Path(sys.argv[2])
    bench_out = sys.argv[3] if len(sys.argv) > 3 else None
    runs, rows = int(os.environ.get("RUNS", 3)), int(os.environ.get("ROWS", 1000))
    print(f"{runs} pairs of runs; Rebound seeded with {rows} applications; CPU {AFTER} s after the first paint,"
          f" then {IDLE} s idle")
    # WebKit's accelerated compositing is what a user gets by default; the e2e session turns it off (a Mesa crash
    # under Xvfb). Both are measured: the start-up and memory of each mode, alternated pairs of runs in each.
    modes = {}
    for mode in ("on", "off"):
        if mode == "on":
            os.environ.pop("WEBKIT_DISABLE_COMPOSITING_MODE", None)
        else:
            os.environ["WEBKIT_DISABLE_COMPOSITING_MODE"] = "1"
        pairs = []
        for _ in range(runs):  # alternated, so that a slower minute of the machine costs both alike
            e, r = measure(empty, rows, False), measure(rebound, rows, True)
            pairs.append((e, r))
            for label, m in (("empty window", e), ("rebound", r)):
                print(f"  compositing {mode}, {label}: first paint {m['start']:.0f} ms after process start"
                      f" ({m['shown']} rows, {m['dom_rows']} list items); {m['after']} ticks in {AFTER} s after it,"
                      f" {m['idle']} in {IDLE} s idle; PSS {m['pss']:.0f} MB over {', '.join(m['names'])}")
        modes[mode] = pairs
    os.environ.pop("WEBKIT_DISABLE_COMPOSITING_MODE", None)
    pairs = modes["on"]
    med = lambda key, i, mode="on": median([p[i][key] for p in modes[mode]])
    # Best run of each: about one start in three, for the empty window as for Rebound, waits half a second
    # before its page even starts loading (WebKit under Xvfb, outside either app), which a median of pairs
    # turns into noise in either direction.
    ratio = lambda mode: min(p[1]["start"] for p in modes[mode]) / min(p[0]["start"] for p in modes[mode])
    long_idle = int(os.environ.get("LONG_IDLE", 30))
    tray = tray_phase(rebound, rows, long_idle)
    for phase in ("open", "closed", "hidden"):
        t, rss, pss, names = tray[phase]
        print(f"  rebound {phase}: {t} ticks in {long_idle} s; PSS {pss:.0f} MB over {', '.join(names)}")
    delays = [notification_delay(rebound) for _ in range(int(os.environ.get("DELAY_RUNS", 2)))]
    deb = deb_size()
    render, tone = message_times(bench_out)

    def row(figure, ours, theirs, goal, met):
        return (figure, ours, theirs, goal, "—" if met is None else ("yes" if met else "**no**"))
    table = [
        row("start-up to the first painted rows (median, compositing on)", f"{med('start', 1):.0f} ms",
            f"{med('start', 0):.0f} ms", "", None),
        row("start-up ratio (best run of each, compositing on)", f"{ratio('on'):.2f}×", "1×", "≤ 1.10×",
            ratio("on") <= 1.10),
        row("start-up ratio (best run of each, compositing off)", f"{ratio('off'):.2f}×", "1×", "≤ 1.10×",
            ratio("off") <= 1.10),
        row(f"CPU ticks in the {AFTER} s after the first paint", str(med("after", 1)), str(med("after", 0)),
            "≤ 10", med("after", 1) <= 10),
        row(f"CPU ticks in {IDLE} s idle, window open", str(med("idle", 1)), str(med("idle", 0)),
            "≤ empty + 2", med("idle", 1) <= med("idle", 0) + 2),
    ]
    for mode in ("on", "off"):
        e_pss, r_pss = med("pss", 0, mode), med("pss", 1, mode)
        table.append(row(f"PSS, window open, a year ({rows} applications), compositing {mode}", f"{r_pss:.0f} MB",
                         f"{e_pss:.0f} MB", "≤ empty + 15 MB", r_pss <= e_pss + 15))
    dom_rows = max(p[1]["dom_rows"] for mode in modes for p in modes[mode])
    table += [
        row("list items on the first screen (Today + the first page)", str(dom_rows), "—", "≤ 150", dom_rows <= 150),
        row("PSS, window closed to the tray", f"{tray['closed'][2]:.0f} MB", "—", "≤ 90 MB",
            tray["closed"][2] <= 90),
        row("PSS, started --hidden (no window yet)", f"{tray['hidden'][2]:.0f} MB", "—", "≤ 90 MB",
            tray["hidden"][2] <= 90),
        row(f"CPU ticks in {long_idle} s in the tray", str(tray["closed"][0]), "—", "≤ 2", tray["closed"][0] <= 2),
        row("due time → notification shown (worst of runs)", f"{max(delays) * 1000:.0f} ms", "—", "≤ 2,000 ms",
            max(delays) <= 2),
        row(".deb size", f"{deb:.2f} MB" if deb else "not built", "—", "≤ 6 MB", deb <= 6 if deb else None),
        row("render a built-in message (slowest median)", f"{render:.0f} µs" if render else "not run", "—",
            "≤ 1,000 µs", render <= 1000 if render else None),
    ]
    for lang in ("en", "fr"):
        us = tone.get(lang)
        table.append(row(f"tone check, 2,000 characters, {lang} (rules and models)", f"{us:.0f} µs" if us else "not run", "—",
                         "≤ 16,000 µs (one frame)", us <= 16000 if us else None))
    head = ("figure", "Rebound", "empty Tauri window", "goal", "met")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in table]
    print("\n".join(lines))
    stamp = time.strftime("%Y-%m-%d %H:%M %Z")
    (ROOT / "BENCHMARKS.md").write_text(
        "# Benchmarks\n\n"
        f"Measured {stamp} by `bash scripts/bench.sh` on {machine()}: release builds of Rebound and of an empty\n"
        f"Tauri window (`tests/bench/empty-window`), {runs} alternated pairs of runs in each compositing mode, Rebound\n"
        f"seeded with a year of job search: {rows} applications over the past year, a third rejected at days spread over\n"
        "it, a tenth without an answer (`rebound_core::sample`, the e2e looks test's journal). WebKit's accelerated\n"
        "compositing is on by default for users; both modes are measured. Memory is PSS summed over the app and its\n"
        "WebKit processes. Not a test: the figures move from machine to machine; run the command again to compare.\n\n"
        + "\n".join(lines) + "\n")
    print(f"written to {ROOT / 'BENCHMARKS.md'}")


if __name__ == "__main__":
    main()

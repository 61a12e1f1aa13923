#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The table of issue 12, measured in one run; called by bench/run-table.sh,
which makes the inputs (bench-data.sh) and the display first.

Every comparison runs its commands ALTERNATED (A B A B ...), whole process,
and reports the median wall time, the median CPU time (user + system, from
the kernel's rusage of the finished process) and the median peak RSS
(`/usr/bin/time -v`: "Maximum resident set size").  Ratios are ours / peer
for times that must stay under a multiple of the peer, peer / ours for
"N times faster" targets.  The machine is shared: the CPU-time ratio is the
one to trust when the load is high.

Usage: run-table.py BIN BARE CACHE WORKDIR README [ONLY]
  ONLY: a comma-separated subset of version,import,stats,export,startup,filter
Environment: RUNS (rounds per comparison, default 5; 10M imports: RUNS_10M,
default 2; --version: RUNS_VERSION, default 30; IMPORT_SIZES, default
"74k,1M,10M": which imports to time).
"""
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

BIN, BARE, CACHE, WORK, README = sys.argv[1:6]
ONLY = set(sys.argv[6].split(",")) if len(sys.argv) > 6 and sys.argv[6] else None
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")
AIJOBS = os.path.join(DATA, "aijobs-salaries-2025-01-19.csv")
PYTHON = "/usr/bin/python3"   # Debian's pandas and matplotlib
RUNS = int(os.environ.get("RUNS", "5"))
RUNS_10M = int(os.environ.get("RUNS_10M", "2"))
RUNS_VERSION = int(os.environ.get("RUNS_VERSION", "30"))
IMPORT_SIZES = set(os.environ.get("IMPORT_SIZES", "74k,1M,10M").split(","))

rows = []      # Markdown rows of the table
notes = []


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def once(argv, env=None, prepare=None, stdout=subprocess.DEVNULL, timed=False):
    """One run: (wall s, cpu s, peak RSS MiB or None).  The CPU time is the
    rusage of the process that wait4() reaps.  Its maxrss would include the
    memory of the forked Python before exec(), so the peak RSS comes from
    `/usr/bin/time -v` (timed=True), whose own CPU time (about 1 ms) then counts
    in the CPU time too: long commands only."""
    if prepare:
        prepare()
    rss_file = os.path.join(WORK, "rss")
    if timed:
        argv = ["/usr/bin/time", "-v", "-o", rss_file] + argv
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE,
                            env=dict(os.environ, **(env or {})))
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({status}): {err[-2000:]}")
    rss = None
    if timed:
        report = open(rss_file).read()
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024
    return wall, usage.ru_utime + usage.ru_stime, rss


def alternate(commands, runs, warmup=1, long=False):
    """commands: list of (name, argv, env, prepare), run in alternated
    rounds.  Short commands: each round times a run of each command
    directly, then takes its peak RSS in a run under /usr/bin/time; long
    ones (long=True): one run under /usr/bin/time per round for both."""
    times = {name: [] for name, *_ in commands}
    for _ in range(warmup):
        for name, argv, env, prepare in commands:
            once(argv, env, prepare)
    for _ in range(runs):
        for name, argv, env, prepare in commands:
            wall, cpu, rss = once(argv, env, prepare, timed=long)
            if not long:
                rss = once(argv, env, prepare, timed=True)[2]
            times[name].append((wall, cpu, rss))
    return {name: {"wall": statistics.median(t[0] for t in v),
                   "cpu": statistics.median(t[1] for t in v),
                   "rss": statistics.median(t[2] for t in v),
                   "n": len(v)} for name, v in times.items()}


def ms(s):
    return f"{s * 1000:,.0f} ms" if s < 10 else f"{s:,.1f} s"


def fig(r):
    return f"{ms(r['wall'])} (CPU {ms(r['cpu'])}), {r['rss']:.0f} MiB"


def row(work, ours, peer, ratio, target, met):
    verdict = "—" if met is None else "**met**" if met else "not met"
    rows.append(f"| {work} | {ours} | {peer} | {ratio} | {target} | {verdict} |")
    print(rows[-1], flush=True)


def want(part):
    return ONLY is None or part in ONLY


def rm(*paths):
    for p in paths:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(p + suffix)
            except FileNotFoundError:
                pass


started = load()
begin = datetime.datetime.now(datetime.timezone.utc)
db74k = os.path.join(CACHE, "atlas-74k.db")
db1m = os.path.join(CACHE, "atlas-1M.db")
db10m = os.path.join(CACHE, "atlas-10M.db")
csv1m = os.path.join(CACHE, "aijobs-1M.csv")
csv10m = os.path.join(CACHE, "aijobs-10M.csv")

if not os.path.exists(db74k):
    rm(db74k + ".part")
    once([BIN, "import", "--db", db74k + ".part", AIJOBS])
    once([BIN, "sources", "--db", db74k + ".part"])
    os.rename(db74k + ".part", db74k)
# A database made by an older build is migrated once here, not in a timing.
for db in (db74k, db1m, db10m):
    if os.path.exists(db):
        once([BIN, "sources", "--db", db])

# --- salary-atlas --version vs sqlite3 -version -----------------------------
if want("version"):
    r = alternate([("ours", [BIN, "--version"], None, None),
                   ("sqlite3", ["sqlite3", "-version"], None, None)], RUNS_VERSION, warmup=3)
    ratio_w, ratio_c = r["ours"]["wall"] / r["sqlite3"]["wall"], r["ours"]["cpu"] / r["sqlite3"]["cpu"]
    row("`salary-atlas --version`", fig(r["ours"]), "`sqlite3 -version` " + fig(r["sqlite3"]),
        f"{ratio_w:.2f}× wall, {ratio_c:.2f}× CPU", "≤ 1.5×", ratio_c <= 1.5 and ratio_w <= 1.5)

# --- import vs sqlite3 .import ------------------------------------------------
if want("import"):
    template = os.path.join(WORK, "template.db")
    rm(template)
    once([BIN, "sources", "--db", template])
    ours_db, sq_db = os.path.join(WORK, "import.db"), os.path.join(WORK, "sqlite.db")

    def fresh_ours():
        rm(ours_db)
        shutil.copyfile(template, ours_db)

    import_rss = {}
    for label, csv, runs in (("74k", AIJOBS, RUNS), ("1M", csv1m, RUNS), ("10M", csv10m, RUNS_10M)):
        if label not in IMPORT_SIZES:
            continue
        r = alternate([("ours", [BIN, "import", "--db", ours_db, csv], None, fresh_ours),
                       ("sqlite3", ["sqlite3", sq_db, f".import --csv {csv} t"], None,
                        lambda: rm(sq_db))], runs, warmup=1 if label == "74k" else 0,
                      long=label != "74k")
        ratio_w, ratio_c = r["ours"]["wall"] / r["sqlite3"]["wall"], r["ours"]["cpu"] / r["sqlite3"]["cpu"]
        import_rss[label] = r["ours"]["rss"]
        row(f"import {label} rows (aijobs ×{ {'74k': 1, '1M': 14, '10M': 135}[label]})",
            fig(r["ours"]), "`sqlite3 .import` " + fig(r["sqlite3"]),
            f"{ratio_c:.2f}× CPU ({ratio_w:.2f}× wall)", "≤ 1.5× CPU", ratio_c <= 1.5)
        if label == "10M":
            row("import peak RSS, 10M rows (`/usr/bin/time -v`, median of the timed runs)",
                f"{r['ours']['rss']:.0f} MiB (74k: {import_rss['74k']:.0f}, 1M: {import_rss['1M']:.0f} MiB)",
                f"sqlite3 {r['sqlite3']['rss']:.0f} MiB", "—", "≤ 64 MiB, flat", r["ours"]["rss"] <= 64)
    rm(ours_db, sq_db, template)

# --- stats vs pandas ----------------------------------------------------------
if want("stats"):
    pickle = os.path.join(CACHE, "aijobs-1M-3-columns.pickle")
    if not os.path.exists(pickle):
        once([PYTHON, os.path.join(HERE, "stats-pandas.py"), "--make-pickle", csv1m, pickle])
    pandas = os.path.join(HERE, "stats-pandas.py")
    r = alternate([("ours", [BIN, "stats", "--db", db1m, "--by", "experience", "--region", "US,IN"],
                    None, None),
                   ("csv", [PYTHON, pandas, csv1m], None, None),
                   ("pickle", [PYTHON, pandas, "--pickle", pickle], None, None)], RUNS)
    for peer, label, target in (("csv", "pandas `read_csv` + groupby", 10),
                                ("pickle", "pandas `read_pickle` (3 columns) + groupby", 5)):
        ratio_w = r[peer]["wall"] / r["ours"]["wall"]
        ratio_c = r[peer]["cpu"] / r["ours"]["cpu"]
        row(f"`stats --by experience --region US,IN`, 1M", fig(r["ours"]), f"{label} {fig(r[peer])}",
            f"{ratio_w:.1f}× faster wall, {ratio_c:.1f}× CPU", f"≥ {target}× faster",
            ratio_w >= target and ratio_c >= target)

# --- export --chart compare vs matplotlib ------------------------------------
if want("export"):
    mpl = os.path.join(HERE, "compare-matplotlib.py")
    for label, db, csv in (("74k", db74k, AIJOBS), ("1M", db1m, csv1m)):
        for ext in ("png", "svg"):
            out_ours, out_mpl = os.path.join(WORK, "ours." + ext), os.path.join(WORK, "mpl." + ext)
            r = alternate([("ours", [BIN, "export", "--db", db, "--chart", "compare", "--region", "US,IN",
                                     "--width", "1000", "--height", "625", "-o", out_ours], None, None),
                           ("mpl", [PYTHON, mpl, csv, out_mpl, "1000", "625"], None, None)], RUNS)
            ratio_w = r["mpl"]["wall"] / r["ours"]["wall"]
            ratio_c = r["mpl"]["cpu"] / r["ours"]["cpu"]
            row(f"`export --chart compare` {ext.upper()}, {label}", fig(r["ours"]),
                f"matplotlib {fig(r['mpl'])}", f"{ratio_w:.1f}× faster wall, {ratio_c:.1f}× CPU",
                "≥ 10× faster", ratio_w >= 10 and ratio_c >= 10)

# --- first frame with data, 1M, vs a bare window -------------------------------
if want("startup") and os.environ.get("DISPLAY"):
    schema_dir = os.path.join(os.path.dirname(BIN), "..", "data", "desktop")
    env_app = {"SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME": "1", "SALARY_ATLAS_DB": db1m,
               "GSETTINGS_BACKEND": "memory", "GSETTINGS_SCHEMA_DIR": schema_dir}
    bare_env = {"SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME": "1"}
    commands = [("ours", [BIN], env_app, None), ("bare", [BARE], bare_env, None)]
    # A bare libadwaita window, when built beside the bare GTK one: the part of
    # the ratio that any libadwaita application pays (context, not the target).
    bare_adw = os.path.join(os.path.dirname(BARE), "bare-adw-window")
    if os.access(bare_adw, os.X_OK):
        commands.append(("adw", [bare_adw], bare_env, None))
    r = alternate(commands, RUNS * 2)
    ratio_w, ratio_c = r["ours"]["wall"] / r["bare"]["wall"], r["ours"]["cpu"] / r["bare"]["cpu"]
    # Met only when both wall and CPU time are: with an idle second core the
    # wall time alone hides work done on other threads.
    row("first frame with data, 1M", fig(r["ours"]), "bench/bare-window " + fig(r["bare"]),
        f"{ratio_w:.2f}× wall, {ratio_c:.2f}× CPU", "≤ 1.5× (wall and CPU)",
        ratio_w <= 1.5 and ratio_c <= 1.5)
    if "adw" in r:
        row("context: first frame of a bare libadwaita window (`bench/bare-adw-window`)",
            fig(r["adw"]), "bench/bare-window " + fig(r["bare"]),
            f"{r['adw']['wall'] / r['bare']['wall']:.2f}× wall, "
            f"{r['adw']['cpu'] / r['bare']['cpu']:.2f}× CPU; Salary Atlas is "
            f"{r['ours']['wall'] / r['adw']['wall']:.2f}× / {r['ours']['cpu'] / r['adw']['cpu']:.2f}× it",
            "—", None)

# --- filter change → painted chart, 1M and 10M -------------------------------
if want("filter"):
    for label, db in (("1M", db1m), ("10M", db10m)):
        out = subprocess.run([os.path.join(HERE, "bench-filter.sh"), BIN], capture_output=True,
                             text=True, env=dict(os.environ, DB=db))
        found = re.findall(r"^(\w+)\s+n=(\d+)\s+median\s+([0-9.]+) ms\s+p90\s+([0-9.]+) ms", out.stdout, re.M)
        if out.returncode != 0 or not found:
            row(f"filter change → chart painted, {label}", "failed: " +
                (out.stderr.strip().splitlines() or ["?"])[-1][:200], "—", "—", "—", False)
            continue
        limit = 50 if label == "1M" else 100
        for page, n, median, p90 in found:
            median, p90 = float(median), float(p90)
            row(f"filter change → chart painted, {label}, {page} (`bench-filter.sh`, n = {n})",
                f"median {median:.0f} ms, p90 {p90:.0f} ms", "—", "—",
                f"≤ {limit} ms median, p90 ≤ 2× median", median <= limit and p90 <= 2 * median)

ended = load()
end = datetime.datetime.now(datetime.timezone.utc)
buildtype = "?"
try:
    intro = os.path.join(os.path.dirname(BIN), "..", "meson-info", "intro-buildoptions.json")
    buildtype = next(o["value"] for o in json.load(open(intro)) if o["name"] == "buildtype")
except (OSError, StopIteration, ValueError):
    pass
commit = subprocess.run(["git", "-C", HERE, "describe", "--always", "--dirty"],
                        capture_output=True, text=True).stdout.strip()

section = [
    "<!-- run-table: the section below is written by bench/run-table.sh -->",
    "## The table of issue 12 (`bench/run-table.sh`)",
    "",
    f"{begin:%Y-%m-%d %H:%M}–{end:%H:%M} UTC, `{buildtype}` build of `{commit}`, "
    f"load average (1, 5, 15 min) {started} at the start, {ended} at the end, on a VM with "
    f"{os.cpu_count()} cores shared with other people's builds and tests.  Commands alternated "
    f"(A B A B …), medians of {RUNS} rounds ({RUNS_10M} for 10M imports, {RUNS_VERSION} for "
    "`--version`); CPU = user + system time of the whole process; RSS = peak resident set "
    "size.  Inputs: `bench/bench-data.sh` (real rows only, repeated under distinct names).",
    "",
    "| work | ours | peer | ratio | target | |",
    "|---|---|---|---|---|---|",
] + rows + [""] + notes + ["<!-- run-table end -->"]

text = open(README).read()
start_mark, end_mark = "<!-- run-table:", "<!-- run-table end -->"
if start_mark in text and end_mark in text:
    text = (text[:text.index(start_mark)] + "\n".join(section) +
            text[text.index(end_mark) + len(end_mark):])
else:
    text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
if ONLY is None:
    open(README, "w").write(text)
    print(f"\nwritten to {README}")
else:
    print("\n".join(section))

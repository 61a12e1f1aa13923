#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety (issue 13): SIGKILL an import and a refresh at random moments.

Each round starts the real binary on a database that holds one of two
snapshots of the same source and kills it after a random delay (seeded, so a
failure can be replayed).  After every kill the database must pass
PRAGMA integrity_check, the source must hold exactly the old or the new
snapshot (its record count, row_count and content hash agree with one of
them), and for the refresh its ETag must be the one of the snapshot it holds.
The record counts of the two snapshots come from Python's csv module.

A new feed (`refresh --url … --name …`) is killed too: while its download
stalls, and at random moments of downloads that fail (404) or succeed.  The
feed must then be absent, or present with the whole snapshot: never a
source that its failed first refresh left behind (issue 13, item 6).
"""

import csv
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BINARY = sys.argv[1]
SERVER = sys.argv[2]
DATA = os.environ.get("ATLAS_SHARED_DATA", "")
OLD = os.path.join(DATA, "aijobs-salaries-2024-12-22.csv")
NEW = os.path.join(DATA, "aijobs-salaries-2025-01-19.csv")
KILLS = int(os.environ.get("ATLAS_KILLS", "20"))
SEED = int(os.environ.get("ATLAS_KILL_SEED", "13"))


def rows(path):
    with open(path, newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def etag(path):
    # tests/feed-server.py: the first 32 hex digits of the sha256, quoted.
    return '"%s"' % sha256(path)[:32]


def state(db, name):
    con = sqlite3.connect(db, timeout=30)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = con.execute("SELECT id, row_count, content_sha256, etag FROM sources WHERE name = ?",
                          (name,)).fetchone()
        if row is None:
            return None
        n = con.execute("SELECT count(*) FROM records WHERE source_id = ?", (row[0],)).fetchone()[0]
        facets = con.execute("SELECT coalesce(sum(n), 0) FROM record_facets WHERE source_id = ?"
                             " AND facet = 0", (row[0],)).fetchone()[0]
        return {"records": n, "row_count": row[1], "sha": row[2], "etag": row[3],
                "facets": facets}
    finally:
        con.close()


def run(*args, env=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, env=env, timeout=600)


def kill_rounds(name, command, snapshots, check, rng):
    """command(target) -> argv; snapshots: {path: expected records}."""
    durations = []
    for i in range(KILLS):
        before = state(*check)
        target = OLD if before and before["records"] == snapshots[NEW] else NEW
        delay = rng.uniform(0.05, max(0.2, (sum(durations) / len(durations)) if durations else 3.0))
        start = time.monotonic()
        proc = subprocess.Popen(command(target), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=delay)
            durations.append(time.monotonic() - start)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        after = state(*check)
        assert after is not None, f"{name} round {i}: the source vanished"
        assert after["records"] in (snapshots[OLD], snapshots[NEW]), (name, i, after)
        assert after["records"] == after["row_count"] == after["facets"], (name, i, after)
        held = OLD if after["records"] == snapshots[OLD] else NEW
        assert after["sha"] == sha256(held), (name, i, "content hash of the other snapshot")
        yield held, after


def new_feed_rounds(db, base, rng):
    """Yields a description of each round that failed its check."""
    def source(name):
        con = sqlite3.connect(db, timeout=30)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            row = con.execute("SELECT id, row_count FROM sources WHERE name = ?",
                              (name,)).fetchone()
            if row is None:
                return None
            n = con.execute("SELECT count(*) FROM records WHERE source_id = ?",
                            (row[0],)).fetchone()[0]
            return (n, row[1])
        finally:
            con.close()

    def server_log():
        import json
        import urllib.request
        with urllib.request.urlopen(base + "/_log") as r:
            return json.load(r)

    def control(query):
        import urllib.request
        urllib.request.urlopen(base + "/_control?" + query).read()

    old_rows = rows(OLD)
    # A low-speed limit that a stall would trip only after a minute: the
    # kill comes first, while the feed's row would be committed already if
    # adding it were a transaction of its own.
    env = dict(os.environ, SALARY_ATLAS_FEED_LOW_SPEED_TIME="60",
               SALARY_ATLAS_FEED_TRIES="1")
    file_url = base + "/files/" + os.path.basename(OLD)
    rounds = [("stall", file_url + "?fault=stall")]
    for i in range(KILLS):
        rounds.append(("404" if i % 2 == 0 else "ok", file_url + ("?fault=404" if i % 2 == 0 else "")))
    durations = {"404": [], "ok": []}
    for i, (kind, url) in enumerate(rounds):
        name = f"new-{i}"
        control("log=clear")
        proc = subprocess.Popen([BINARY, "refresh", "--db", db, "--quiet", "--name", name,
                                 "--url", url, "--format", "aijobs"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        start = time.monotonic()
        if kind == "stall":
            # Killed once the server has sent the stalled response's first bytes.
            while not any(e["status"] == 200 for e in server_log()):
                assert proc.poll() is None and time.monotonic() - start < 60, "no request"
                time.sleep(0.05)
            time.sleep(0.5)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        else:
            past = durations[kind]
            # The first round of each kind runs to its end and sets the scale.
            delay = rng.uniform(0.0, 1.2 * sum(past) / len(past)) if past else 600
            try:
                proc.wait(timeout=delay)
                past.append(time.monotonic() - start)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
        held = source(name)
        if held is not None and held != (old_rows, old_rows):
            yield f"round {i} ({kind}): the new feed holds {held} (records, row_count)"
        if kind != "ok" and held is not None:
            yield f"round {i} ({kind}): the new feed survived a failed first refresh"


def main():
    if not (os.path.isfile(OLD) and os.path.isfile(NEW)):
        print("1..0 # SKIP the aijobs snapshots are not in ATLAS_SHARED_DATA")
        return 0
    snapshots = {OLD: rows(OLD), NEW: rows(NEW)}
    rng = random.Random(SEED)
    print("1..3")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        # Import: the file is named by --name, so both snapshots are one source.
        db = os.path.join(tmp, "import.db")
        p = run("import", "--db", db, "--name", "kill", OLD)
        assert p.returncode == 0, p.stderr
        try:
            for _ in kill_rounds("import",
                                 lambda t: [BINARY, "import", "--db", db, "--name", "kill", t],
                                 snapshots, (db, "kill"), rng):
                pass
            print(f"ok 1 import killed {KILLS} times: always the old or the new snapshot")
        except AssertionError as e:
            failed += 1
            print(f"not ok 1 import\n# {e!r}")

        # Refresh from tests/feed-server.py, the alias pointing at one snapshot.
        root = os.path.join(tmp, "root")
        os.mkdir(root)
        for path in (OLD, NEW):
            os.symlink(path, os.path.join(root, os.path.basename(path)))
        server = subprocess.Popen([sys.executable, SERVER, "--root", root,
                                   "--alias", "s.csv=" + os.path.basename(OLD)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            port = int(server.stdout.readline())
            base = f"http://127.0.0.1:{port}"
            db = os.path.join(tmp, "refresh.db")
            p = run("refresh", "--db", db, "--name", "feed", "--url", base + "/alias/s.csv",
                    "--format", "aijobs")
            assert p.returncode == 0, p.stdout + p.stderr

            def command(target):
                with open(os.devnull, "w"):
                    import urllib.request
                    urllib.request.urlopen(f"{base}/_control?alias=s.csv&file="
                                           + os.path.basename(target)).read()
                return [BINARY, "refresh", "--db", db, "feed"]

            for held, after in kill_rounds("refresh", command, snapshots, (db, "feed"), rng):
                assert after["etag"] == etag(held), ("refresh", after, "validators of the other snapshot")
            print(f"ok 2 refresh killed {KILLS} times: records and validators agree")
        except AssertionError as e:
            failed += 1
            print(f"not ok 2 refresh\n# {e!r}")
        try:
            problems = list(new_feed_rounds(db, base, rng))
            if problems:
                failed += 1
                print("not ok 3 new feed\n" + "".join(f"# {p}\n" for p in problems), end="")
            else:
                print(f"ok 3 new feed killed while stalled and up to {KILLS} times at random:"
                      " absent or whole")
        except AssertionError as e:
            failed += 1
            print(f"not ok 3 new feed\n# {e!r}")
        finally:
            server.stdin.close()
            server.wait(timeout=10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

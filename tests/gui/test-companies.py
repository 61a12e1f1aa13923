#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Merging two spellings of one employer in the window, through the
accessibility tree as a person would: open Companies… from the Records
page's menu, search, check "Uber" and "Uber Technologies", Merge Into…
"Uber"; `salary-atlas stats --by company` then counts them as one company
with the US rows of both; Undo from the toast splits them again.

The expected numbers come from the files themselves: the US rows of the
levels.fyi file whose company is "Uber" (any case; a US location is
"City, ST") and the rows of the H-1B data-jobs file whose employer is
"UBER TECHNOLOGIES INC" (all US), not from the application.

Usage: test-companies.py SALARY_ATLAS_BINARY   (prints TAP)"""

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time

TESTS = [
    "the command line counts each spelling as its file has it",
    "Companies… opens from the Records page and lists the search's companies",
    "merging the two counts them as one company with the rows of both",
    "undo from the toast counts them apart again",
]

LEVELS = "levels-fyi-stem-salaries-2017-2021.csv"
H1B = "h1b-data-jobs-2015-2019.csv"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atlas_gui_session import (activate, activate_until, ancestors, enter_session,  # noqa: E402
                               find_app, find_by, find_near, finish, launch, skip_all,
                               stop, wait_until)

tap = enter_session()

binary = sys.argv[1]
shared_data = os.environ.get("ATLAS_SHARED_DATA", "")
paths = [os.path.join(shared_data, name) for name in (LEVELS, H1B)]
if not all(os.path.exists(p) for p in paths):
    skip_all(f"ATLAS_SHARED_DATA does not hold {LEVELS} and {H1B}")
workdir = tempfile.mkdtemp(prefix="atlas-companies-")
results = []
app_process = None


def report(ok, message):
    print(f"# {'ok' if ok else 'FAILED'}: {message}", file=sys.stderr)
    results.append((ok, message))


def expected():
    with open(paths[0], newline="", encoding="utf-8") as f:
        uber = sum(1 for r in csv.DictReader(f, delimiter=";")
                   if r["companyd"].strip().lower() == "uber" and
                   len(r["location"].split(",")) == 2)
    with open(paths[1], newline="", encoding="utf-8") as f:
        technologies = sum(1 for r in csv.DictReader(f) if r["company"] == "UBER TECHNOLOGIES INC")
    return uber, technologies


def bfs(node, predicate, timeout=20.0, depth=30):
    """A search level by level that does not go into lists and tables: the
    Records page's cells make dogtail's depth-first search slow."""
    def search():
        level = [node]
        for _ in range(depth):
            following = []
            for n in level:
                for child in n:
                    if child is None:
                        continue
                    if predicate(child):
                        return child
                    if child.roleName not in ("table", "tree table", "list", "tree", "grid"):
                        following.append(child)
            level = following
        return None
    return wait_until(search, timeout=timeout)


def us_companies(db):
    """The n of each US company group, as `stats --by company` says."""
    p = subprocess.run([binary, "stats", "--db", db, "--by", "company", "--region", "US",
                        "--min-n", "1", "--format", "csv"],
                       check=True, capture_output=True, text=True)
    return {r["group"]: int(r["n"]) for r in csv.DictReader(io.StringIO(p.stdout))}


def main():
    global app_process
    db = os.path.join(workdir, "atlas.db")
    uber, technologies = expected()
    print(f"# Uber: {uber} US rows, Uber Technologies: {technologies}", file=sys.stderr)

    subprocess.run([binary, "import", "--db", db, *paths], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    before = us_companies(db)
    report(before.get("Uber") == uber and before.get("Uber Technologies") == technologies,
           TESTS[0])

    app_process = launch(binary, db, workdir, "last-view='records'\n",
                         {"LC_ALL": "C.UTF-8", "LANGUAGE": ""})
    from dogtail import rawinput

    app = wait_until(lambda: find_app(app_process.pid), timeout=30)
    window = app and find_by(app, lambda n: n.roleName == "frame", timeout=60)
    if window is None:
        return
    menu = find_by(window, lambda n: n.name == "More records options", timeout=60)
    # The page's ancestors: the main window's toast overlay is one of them.
    chain = ancestors(menu, window) if menu is not None else []
    item = menu and activate_until(menu, lambda: app.findChild(
        lambda n: n.name == "Companies…", retry=False, requireResult=False))

    def companies_dialog():
        return app.findChild(
            lambda n: n.roleName in ("frame", "dialog", "window") and n.name == "Companies",
            retry=False, requireResult=False)
    dialog = None
    if item is not None:
        # A menu item is insensitive over AT-SPI until its menu is shown.
        wait_until(lambda: item.sensitive, timeout=30)
        dialog = activate_until(item, companies_dialog)
    search = dialog and find_by(dialog, lambda n: n.name == "Search companies", timeout=20)
    checks = None
    if search is not None:
        search.click()  # GTK 4.8 offers no editable text over AT-SPI
        time.sleep(0.3)
        rawinput.typeText("uber")

        def both():
            a = dialog.findChild(lambda n: n.name == "Select Uber", retry=False,
                                 requireResult=False)
            b = dialog.findChild(lambda n: n.name == "Select Uber Technologies", retry=False,
                                 requireResult=False)
            # The search left only companies whose names or spellings say it.
            other = dialog.findChild(lambda n: (n.name or "").startswith("Select ") and
                                     "uber" not in n.name.lower(),
                                     retry=False, requireResult=False)
            return (a, b) if a is not None and b is not None and other is None else None
        checks = wait_until(both, timeout=30)
    report(checks is not None, TESTS[1])
    if checks is None:
        return

    for check in checks:
        activate(check)
    # GTK 4.8 names a button with a mnemonic "_Merge Into… Merge Into…".
    merge = find_by(dialog, lambda n: n.roleName == "push button" and
                    "Merge Into…" in (n.name or ""))
    if merge is None:
        names = [(n.roleName, n.name) for n in dialog.findChildren(
            lambda n: n.roleName in ("push button", "button", "toggle button"))]
        print(f"# buttons: {names[:20]}", file=sys.stderr)
    print(f"# checks: {[c.roleName for c in checks]}, merge: {merge is not None}", file=sys.stderr)
    name = None
    if merge is not None:
        print(f"# merge sensitive: {bool(wait_until(lambda: merge.sensitive, timeout=10))}",
              file=sys.stderr)
        name = activate_until(merge, lambda: app.findChild(
            lambda n: n.name == "Name to merge into", retry=False, requireResult=False))
    print(f"# name entry: {name is not None}", file=sys.stderr)
    if name is not None:
        # The company with the most records is offered: the name is typed over it.
        name.click()
        rawinput.keyCombo("<Control>a")
        rawinput.typeText("Uber")
        time.sleep(0.3)
        button = wait_until(lambda: app.findChild(
            lambda n: n.roleName == "push button" and
            (n.name or "").replace("_", "").split() in (["Merge"], ["Merge", "Merge"]),
            retry=False, requireResult=False), timeout=10)
        print(f"# Merge button: {button is not None}", file=sys.stderr)
        if button is not None:
            activate(button)
    # The toast is in the main window, under the dialog (GTK 4.8 names it
    # "_Undo Undo"), for 10 s from when the merge has committed: looked for
    # among the page's ancestors' children, where the overlay puts it.
    def is_undo(n):
        return n.roleName == "push button" and \
            (n.name or "").replace("_", "").split()[:1] == ["Undo"]
    started = time.monotonic()
    undo = find_near(chain, is_undo, timeout=60) if chain else None
    if undo is None:
        undo = bfs(window, is_undo, timeout=8)
    print(f"# Undo button: {undo is not None} after {time.monotonic() - started:.1f} s",
          file=sys.stderr)
    if undo is not None:
        # The pointer over a toast holds it (libadwaita stops its timeout
        # while hovered): the command line below is slow when sanitized.
        try:
            (x, y), (w, h) = undo.position, undo.size
            rawinput.absoluteMotion(x + w // 2, y + h // 2)
        except Exception as error:
            print(f"# no pointer over Undo: {error}", file=sys.stderr)

    def is_merged():
        counts = us_companies(db)
        return counts.get("Uber") == uber + technologies and "Uber Technologies" not in counts
    # The toast comes once the merge has committed: one look then.
    merged = is_merged() if undo is not None else wait_until(is_merged, timeout=30)
    print(f"# merged before Undo: {merged}", file=sys.stderr)
    report(bool(merged), TESTS[2])

    if undo is not None:
        activate(undo)
    back = wait_until(lambda: us_companies(db) == before, timeout=30)
    report(bool(back), TESTS[3])


try:
    main()
finally:
    stop(app_process)
    shutil.rmtree(workdir, ignore_errors=True)

finish(tap, TESTS, results)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Curation in the window through the accessibility tree, as a person would
do it: read the Compare chart's n, open Records, search, sort by pay (the
highest first), open the top record's detail, exclude it as an outlier, see
the Compare chart's n drop by exactly one, undo, and see it back.

The expected numbers come from the aijobs.net CSV itself (rows whose title
contains the word, working in the US or India; the highest salary_in_usd
among them), not from the application.

Usage: test-curation.py SALARY_ATLAS_BINARY   (prints TAP)

Needs a display (xvfb-run) and Debian's python3-dogtail; runs itself in a
private D-Bus session so that the AT-SPI bus is its own."""

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TESTS = [
    "the window appears in the accessibility tree",
    "the Compare chart says how many records it counts",
    "a search on the Records page shows as many records as the file has",
    "sorting by pay puts the file's highest salary first",
    "the detail of the top record shows its pay and where it comes from",
    "excluding it drops the Compare chart's n by exactly one and says so",
    "undo brings the Compare chart's n back",
]

WORD = "Robotics"
FILE = "aijobs-salaries-2025-01-19.csv"
REGIONS = ("US", "IN")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atlas_gui_session import (activate, activate_until, enter_session, find,  # noqa: E402
                               find_app, find_by, finish, launch, skip_all, stop,
                               wait_until)

tap = enter_session()

binary = sys.argv[1]
shared_data = os.environ.get("ATLAS_SHARED_DATA", "")
csv_path = os.path.join(shared_data, FILE)
if not os.path.exists(csv_path):
    skip_all(f"ATLAS_SHARED_DATA does not hold {FILE}")
workdir = tempfile.mkdtemp(prefix="atlas-curation-")
results = []
app_process = None


def report(ok, message):
    print(f"# {'ok' if ok else 'FAILED'}: {message}", file=sys.stderr)
    results.append((ok, message))


def showing(n):
    """GTK 4.8 does not keep AT-SPI's showing state: every node counts."""
    return True


def expected():
    """Rows matching WORD in the regions, and the highest USD salary."""
    word = WORD.lower()
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f)
                if word in r["job_title"].lower() and r["employee_residence"] in REGIONS]
    top = max(int(r["salary_in_usd"]) for r in rows)
    return len(rows), top


def digits(text):
    return int(re.sub(r"\D", "", text))


def compare_n(app):
    """The n of the Compare chart's caption ("n = 12,345 records"), read
    from its accessible description, with the excluded note if any."""
    # The overview's compare chart shows the same result as the Compare page's.
    chart = find_by(app, lambda n: re.search(r"n = [\d,]+ records?", n.description or ""),
                    timeout=30)
    if chart is None:
        return None, ""
    match = re.search(r"n = ([\d,]+) records?", chart.description)
    return digits(match.group(1)), chart.description


def shown_count(window):
    def count_of(node):
        m = re.fullmatch(r"([\d,]+) records?", (node.name or "").strip())
        return digits(m.group(1)) if m else None
    label = window.findChild(lambda n: n.roleName == "label" and count_of(n) is not None,
                             retry=False, requireResult=False)
    return count_of(label) if label is not None else None


def open_page(window, name):
    button = find(window, name=name, timeout=20)
    if button is not None:
        activate(button)
    return button


def wait_compare_n(app, wanted, timeout=30):
    return wait_until(lambda: compare_n(app)[0] == wanted, timeout=timeout)


def main():
    global app_process
    db = os.path.join(workdir, "atlas.db")
    n_rows, top_usd = expected()
    top_text = f"${top_usd:,}"
    print(f"# {n_rows} rows for {WORD}, highest {top_text}", file=sys.stderr)

    subprocess.run([binary, "import", "--db", db, csv_path],
                   check=True, stdout=subprocess.DEVNULL)
    app_process = launch(binary, db, workdir, "default-role=''\nlast-view='compare'\n",
                         {"LC_ALL": "C.UTF-8", "LANGUAGE": ""})
    from dogtail import rawinput

    app = wait_until(lambda: find_app(app_process.pid), timeout=30)
    print(f"# application: {app}", file=sys.stderr)
    window = app and find(app, roleName="frame", timeout=60)
    report(window is not None, TESTS[0])
    if window is None:
        return

    open_page(window, "Compare")
    before, _ = compare_n(app)
    report(before is not None and before > 0, TESTS[1])
    if before is None:
        return

    open_page(window, "Records")
    search = find_by(window, lambda n: (n.name or "").startswith("Search titles and companies"))
    if search is None:
        return
    search.click()  # GTK 4.8 offers no editable text over AT-SPI
    time.sleep(0.3)
    rawinput.typeText(WORD)
    shown = wait_until(lambda: shown_count(window) == n_rows, timeout=30)
    report(bool(shown), TESTS[2])

    # The header sorts ascending first, then descending. GTK 4.8 shows the
    # column header to AT-SPI as its label only: a click on the label is a
    # click on the header. The window sits at the origin of the bare X
    # server, so positions are screen positions.
    header = find_by(window, lambda n: n.name == "Pay" and n.roleName == "label")
    count_label = find_by(window, lambda n: n.roleName == "label" and
                          re.fullmatch(r"[\d,]+ records?", n.name or ""))
    # The list itself (the view switcher's tab has the same name): its cells
    # are searched, not the whole window, which is slow over AT-SPI.
    table = find_by(window, lambda n: n.name == "Records" and
                    n.roleName in ("tree table", "table", "list", "tree", "grid"))
    print(f"# list: {table and table.roleName}", file=sys.stderr)

    # The next column, the pay in the chosen mode (US dollars here), shows
    # dollars too: the Pay column's cells end before its header.
    converted = find_by(window, lambda n: n.name == "In USD" and n.roleName == "label")

    def visible_pay_cells():
        """The pay cells between the header and the count, top to bottom."""
        top = header.position[1] + header.size[1]
        bottom = count_label.position[1]
        right = converted.position[0] if converted is not None else 1 << 30
        cells = (table or window).findChildren(lambda n: n.roleName == "label" and
                                               re.fullmatch(r"\$[\d,]+", n.name or "") is not None)
        cells = [c for c in cells
                 if c.size[1] > 0 and top <= c.position[1] < bottom - c.size[1] // 2 and
                 c.position[0] + c.size[0] <= right]
        return sorted(cells, key=lambda c: c.position[1])

    def sorted_descending():
        cells = visible_pay_cells()
        return cells if cells and cells[0].name == top_text else None

    top_cell = None
    for _ in range(2):
        if header is None or count_label is None:
            break
        header.click()
        cells = wait_until(sorted_descending, timeout=15, step=1.0)
        if cells:
            top_cell = cells[0]
            amounts = [digits(c.name) for c in cells]
            print(f"# visible pay, top down: {amounts}", file=sys.stderr)
            if len(amounts) < 5 or amounts != sorted(amounts, reverse=True):
                top_cell = None
            break
    report(top_cell is not None, TESTS[3])
    if top_cell is None:
        return

    # Select the row, open its detail.
    top_cell.click()
    time.sleep(0.5)
    details = find_by(window, lambda n: n.roleName == "push button" and n.name == "Details")
    detail = details and activate_until(details, lambda: app.findChild(
        lambda n: n.roleName in ("frame", "dialog", "window") and n.name == "Record",
        retry=False, requireResult=False))
    ok = detail is not None
    if ok:
        ok = (find_by(detail, lambda n: top_text in (n.name or "") or top_text in
                      (n.description or ""), timeout=10) is not None and
              find_by(detail, lambda n: (n.name or "").startswith(FILE) or
                      (n.description or "").startswith(FILE), timeout=5) is not None)
    report(ok, TESTS[4])
    if detail is None:
        return

    exclude = find_by(detail, lambda n: n.name == "Exclude" and n.roleName != "label")
    outlier = exclude and activate_until(exclude, lambda: app.findChild(
        lambda n: n.name == "Outlier" and showing(n), retry=False, requireResult=False))
    print(f"# Outlier item: {outlier and outlier.roleName}", file=sys.stderr)
    if outlier is not None:
        activate(outlier)
    # The detail now offers Restore: the record is excluded.
    restored = find_by(detail, lambda n: n.name == "Restore" and showing(n), timeout=20)
    rawinput.pressKey("Escape")

    open_page(window, "Compare")
    dropped = wait_compare_n(app, before - 1)
    _, description = compare_n(app)
    report(bool(dropped) and restored is not None and
           "1 matching record excluded by you" in description, TESTS[5])

    # Undo from the toast if it is still there, else from the Records page.
    undo = find_by(window, lambda n: n.name == "Undo" and n.roleName == "push button" and
                   showing(n), timeout=2)
    if undo is None:
        open_page(window, "Records")
        menu = find_by(window, lambda n: n.name == "More records options")
        undo = menu and activate_until(menu, lambda: app.findChild(
            lambda n: n.name == "Undo Last Curation" and showing(n),
            retry=False, requireResult=False))
    if undo is not None:
        # A menu item is insensitive over AT-SPI until its menu is shown.
        wait_until(lambda: undo.sensitive, timeout=10)
        print(f"# undo: {undo.roleName} sensitive={undo.sensitive}", file=sys.stderr)
        activate(undo)
    open_page(window, "Compare")
    back = wait_compare_n(app, before)
    _, description = compare_n(app)
    report(bool(back) and "excluded by you" not in description, TESTS[6])


try:
    main()
finally:
    stop(app_process)
    shutil.rmtree(workdir, ignore_errors=True)

finish(tap, TESTS, results)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Records page through the accessibility tree: open it from the view
switcher, search for one employer, and read the count and a cell. The
expected count is derived from the CSV file itself (rows whose company or
title contains the word), not from the application.

Usage: test-records.py SALARY_ATLAS_BINARY   (prints TAP)

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
    "the Records page opens with a count of records",
    "a search for one employer shows as many records as the file has",
    "a cell shows that employer",
]

WORD = "Sasken"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atlas_gui_session import (activate_until, enter_session, find, find_app,  # noqa: E402
                               find_prefix, finish, launch, skip_all, stop,
                               wait_until)

tap = enter_session()

binary = sys.argv[1]
shared_data = os.environ.get("ATLAS_SHARED_DATA", "")
if not os.path.exists(os.path.join(shared_data, "india-software-salaries-2022-glassdoor.csv")):
    skip_all("ATLAS_SHARED_DATA does not hold the Glassdoor India file")
workdir = tempfile.mkdtemp(prefix="atlas-flow-")
results = []
app_process = None


def report(ok, message):
    results.append((ok, message))


def expected_count(path):
    """Rows of the file whose company or title contains WORD, any case."""
    word = WORD.lower()
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for row in csv.DictReader(f)
                   if word in row["Company Name"].lower() or word in row["Job Title"].lower())


def count_of(label):
    match = re.fullmatch(r"([\d,.\u202f\u00a0]+) records?", (label.name or "").strip())
    return int(re.sub(r"\D", "", match.group(1))) if match else None


def shown_count(window):
    """The number in the page's "N records" label, or None."""
    label = window.findChild(lambda n: n.roleName == "label" and count_of(n) is not None,
                             retry=False, requireResult=False)
    return count_of(label) if label is not None else None


def main():
    global app_process
    db = os.path.join(workdir, "atlas.db")
    csv_path = os.path.join(shared_data, "india-software-salaries-2022-glassdoor.csv")
    subprocess.run([binary, "import", "--db", db, csv_path],
                   check=True, stdout=subprocess.DEVNULL)
    # All roles, so that every row of the file counts.
    app_process = launch(binary, db, workdir, "default-role=''\nlast-view='overview'\n",
                         {"LC_ALL": "C.UTF-8", "LANGUAGE": ""})
    from dogtail import rawinput

    app = wait_until(lambda: find_app(app_process.pid), timeout=30)
    window = app and find(app, roleName="frame", timeout=20)
    report(window is not None, TESTS[0])
    if window is None:
        return

    # The page is built when first shown: in a sanitized window on a loaded
    # machine its count came after more than 20 s (the fifth whole run).
    records = find(window, name="Records", timeout=20)
    total = records and activate_until(records, lambda: shown_count(window), timeout=60)
    report(bool(total) and total > 0, TESTS[1])

    search = find_prefix(window, None, "Search titles and companies", timeout=60)
    print(f"# search field: {search and search.roleName}", file=sys.stderr)
    if search is None:
        return
    # GTK 4.8 implements neither grabFocus nor editable text over AT-SPI:
    # a click puts the focus in the field.
    try:
        search.text = WORD
    except Exception:
        search.click()
        time.sleep(0.3)
        rawinput.typeText(WORD)
    expected = expected_count(csv_path)
    shown = wait_until(lambda: shown_count(window) == expected, timeout=60)
    print(f"# expected {expected} records for {WORD}", file=sys.stderr)
    report(bool(shown) and expected > 0, TESTS[2])

    cell = find_prefix(window, "label", WORD, timeout=60)
    report(cell is not None, TESTS[3])


try:
    main()
finally:
    stop(app_process)
    shutil.rmtree(workdir, ignore_errors=True)

finish(tap, TESTS, results)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A complete flow through the accessibility tree, as a screen-reader or
keyboard user would take it: open Companies, keep only India, export the
chart as SVG into a temporary folder and check the file.

Usage: test-flow.py SALARY_ATLAS_BINARY   (prints TAP)

Needs a display (xvfb-run) and Debian's python3-dogtail; runs itself in a
private D-Bus session so that the AT-SPI bus is its own."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

TESTS = [
    "the window appears in the accessibility tree",
    "the Companies page opens",
    "India alone is selected",
    "the export dialog opens",
    "the SVG file is written and parses",
]


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atlas_gui_session import (activate, activate_until, enter_session, find,  # noqa: E402
                               find_app, find_prefix, finish, launch, skip_all, stop,
                               wait_until)

tap = enter_session()

binary = sys.argv[1]
shared_data = os.environ.get("ATLAS_SHARED_DATA", "")
if not os.path.exists(os.path.join(shared_data, "india-software-salaries-2022-glassdoor.csv")):
    skip_all("ATLAS_SHARED_DATA does not hold the Glassdoor India file")
workdir = tempfile.mkdtemp(prefix="atlas-flow-")
out_svg = os.path.join(workdir, "companies-india.svg")
results = []
app_process = None


def report(ok, message):
    results.append((ok, message))


def main():
    global app_process
    db = os.path.join(workdir, "atlas.db")
    # Employer names for India come from the Glassdoor India file.
    subprocess.run([binary, "import", "--db", db,
                    os.path.join(shared_data, "india-software-salaries-2022-glassdoor.csv")],
                   check=True, stdout=subprocess.DEVNULL)
    # All roles, so that India's companies show.
    app_process = launch(binary, db, workdir, "default-role=''\nlast-view='overview'\n")
    from dogtail import rawinput
    from dogtail.predicate import GenericPredicate

    app = wait_until(lambda: find_app(app_process.pid), timeout=30)
    window = app and find(app, roleName="frame", timeout=20)
    report(window is not None, TESTS[0])
    if window is None:
        return

    # The pages are the view switcher's buttons.
    companies = find(window, name="Companies", timeout=20)
    if companies is not None:
        activate(companies)
    # The companies chart is labelled with its title once it has data.
    chart = find_prefix(window, "image", "Median pay by company", timeout=20)
    report(companies is not None and chart is not None, TESTS[1])

    us = find_prefix(window, "check box", "United States (US)")
    india = find_prefix(window, "check box", "India (IN)")
    if us is not None and us.checked:
        activate(us)
    if india is not None and not india.checked:
        activate(india)
    ok = (us is not None and india is not None and
          wait_until(lambda: not us.checked and india.checked, timeout=20))
    report(bool(ok), TESTS[2])
    time.sleep(1.5)  # let the query for India alone land

    export = find(window, name="Export chart")
    dialog = export and activate_until(export, lambda: app.findChild(
        GenericPredicate(name="Export Chart"), retry=False, requireResult=False))
    report(dialog is not None, TESTS[3])
    if dialog is None:
        return

    # The button has a mnemonic (_Export…) and one name, as a screen reader says it.
    export_button = wait_until(lambda: dialog.findChild(
        lambda n: n.roleName == "push button" and n.name == "Export…",
        retry=False, requireResult=False), timeout=10)

    # The save dialog (a second "Export Chart" window): its name field has
    # the focus; type the full path over the suggested name.
    def chooser_shown():
        return len([w for w in app.children if w.name == "Export Chart"]) >= 2
    chooser = export_button and activate_until(export_button, chooser_shown)
    time.sleep(1.0)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(out_svg)
    time.sleep(0.3)
    rawinput.pressKey("Return")

    written = wait_until(lambda: os.path.exists(out_svg) and os.path.getsize(out_svg) > 0, timeout=15)
    ok = False
    if written:
        try:
            root = ET.parse(out_svg).getroot()
            text = ET.tostring(root, encoding="unicode")
            ok = root.tag.endswith("svg") and "IN" in text
        except ET.ParseError:
            ok = False
    report(ok and chooser is not None, TESTS[4])


try:
    main()
finally:
    stop(app_process)
    shutil.rmtree(workdir, ignore_errors=True)

finish(tap, TESTS, results)

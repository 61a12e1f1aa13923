#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 10, done-when: on a fresh database (the embedded default data) every
chart kind draws both the United States and India.

Cairo writes an SVG's text as glyph outlines, so the test reads what the
export says in words: the <desc> (the chart's caption, which counts n per
region and names a region the filter asks for that has no data) and, for
the company chart, the companies drawn in both regions.
"""

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BINARY = sys.argv[1]
SVG = "{http://www.w3.org/2000/svg}"
KINDS = ["compare", "experience", "distribution", "trend", "career", "company-regions"]
# The window's default filter: every page must show India under it too (the
# curated data keeps India's small machine learning engineer groups,
# aijobs.net n >= 3 and levels.fyi n >= 5, flagged as small samples).
WINDOW_FILTER = ("--role", "Machine Learning Engineer", "--region", "US,IN",
                 "--years", "2020-2025")
FILTERED_KINDS = KINDS + ["companies"]
SHARED = os.environ.get("ATLAS_SHARED_DATA")


def levels_ml_companies(min_n=5):
    """Companies with at least @min_n levels.fyi machine learning engineers
    (software engineers tagged ML / AI) in both the US ('City, ST') and
    India (a location ending in India), from the file itself; company names
    folded by case and spaces only, which is enough for the large employers
    this finds.  None when the shared data is missing."""
    path = os.path.join(SHARED or "", "levels-fyi-stem-salaries-2017-2021.csv")
    if not SHARED or not os.path.exists(path):
        return None
    counts = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["title"] != "Software Engineer" or row["tag"].replace(" ", "").lower() != "ml/ai":
                continue
            parts = [p.strip() for p in row["location"].split(",")]
            if len(parts) == 2 and len(parts[1]) == 2:
                country = "US"
            elif len(parts) >= 3 and parts[-1] == "India":
                country = "IN"
            else:
                continue
            key = " ".join(row["companyd"].lower().split())
            counts.setdefault(key, {"US": 0, "IN": 0})[country] += 1
    return {k for k, c in counts.items() if c["US"] >= min_n and c["IN"] >= min_n}


def run(*args):
    env = dict(os.environ)
    env.pop("SALARY_ATLAS_DB", None)
    p = subprocess.run([BINARY, *args], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p


def description(path):
    root = ET.parse(path).getroot()
    desc = root.find(SVG + "desc")
    title = root.find(SVG + "title")
    return (title.text or "") + "\n" + (desc.text or "")


def draws_both(tmp, kind, extra=()):
    db = os.path.join(tmp, "fresh.db")
    out = os.path.join(tmp, kind + ".svg")
    run("export", "--db", db, "--chart", kind, *extra, "-o", out)
    text = description(out)
    # Both regions have groups: the caption's n names each with a count.
    for name in ("United States", "India"):
        assert re.search(name + r" [0-9][0-9,]*", text), (kind, name, text)
        assert f"No data for {name}" not in text, (kind, text)
    if kind == "company-regions":
        m = re.search(r"Companies shown in both United States and India: ([^.]*)\.", text)
        assert m, text
        expected = levels_ml_companies() if extra else None
        if expected is not None:
            shown = {name.strip().lower() for name in m.group(1).split(",")}
            # The default data's levels.fyi groups of one family reach down
            # to n = 5: each such company is set beside itself.
            assert expected and expected <= shown, (expected, shown)
    return text


def main():
    cases = [(kind, ()) for kind in KINDS] + [(kind, WINDOW_FILTER) for kind in FILTERED_KINDS]
    print(f"1..{len(cases)}")
    failed = 0
    for i, (kind, extra) in enumerate(cases, 1):
        what = "under the window's default filter" if extra else "on the default data"
        tmp = tempfile.mkdtemp(prefix="atlas-cli-charts-")
        try:
            draws_both(tmp, kind, extra)
            print(f"ok {i} {kind} draws the United States and India {what}")
        except Exception as e:  # noqa: BLE001 - report every failure as TAP
            failed += 1
            print(f"not ok {i} {kind} {what}")
            for line in repr(e).splitlines():
                print(f"# {line}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

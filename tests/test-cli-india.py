#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Command-line tests of the US/India axes: years of experience, companies,
published Indian figures and snapshots of one publication.

Expected figures are computed here from the files in ../shared/data with
Python's own parsing and pandas' default quantile (linear interpolation
between closest ranks, written out), never taken from the program.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

BINARY = sys.argv[1]
DATA = os.environ.get("ATLAS_SHARED_DATA", "")
LEVELS = os.path.join(DATA, "levels-fyi-stem-salaries-2017-2021.csv")
AMBITIONBOX = os.path.join(DATA, "india-data-science-salaries-ambitionbox-style.csv")
H1B_DATA_JOBS = os.path.join(DATA, "h1b-data-jobs-2015-2019.csv")
AIJOBS = os.path.join(DATA, "aijobs-salaries-2025-01-19.csv")
AIJOBS_OLD = os.path.join(DATA, "aijobs-salaries-2024-12-22.csv")

results = []


class SkipTest(Exception):
    pass


def test(fn):
    results.append(fn)
    return fn


def need(*paths):
    for path in paths:
        if not os.path.exists(path):
            raise SkipTest(f"{os.path.basename(path)} is not available")


def run(*args, check=True):
    env = dict(os.environ)
    env.pop("SALARY_ATLAS_DB", None)
    p = subprocess.run([BINARY, *args], capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p


def quantile(values, q):
    """pandas' Series.quantile(q), interpolation='linear'."""
    v = sorted(values)
    h = (len(v) - 1) * q
    lo = int(h)
    if lo >= len(v) - 1:
        return v[-1]
    return v[lo] + (h - lo) * (v[lo + 1] - v[lo])


def levels_rows():
    with open(LEVELS, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f, delimiter=";")


def levels_country(location):
    parts = [p.strip() for p in location.split(",")]
    if len(parts) == 2 and len(parts[1]) == 2:
        return "US"
    if location.endswith("India"):
        return "IN"
    return None


BANDS = [(0, 2), (2, 5), (5, 10), (10, 15), (15, None)]


def band_key(lo, hi):
    return f"{lo}+" if hi is None else f"{lo}-{hi}"


def stats_csv(*args):
    out = run("stats", *args, "--format", "csv").stdout
    return list(csv.DictReader(out.splitlines()))


@test
def levels_experience_years_equal_pandas_quantiles(tmp):
    need(LEVELS)
    db = os.path.join(tmp, "l.db")
    run("import", "--db", db, LEVELS)
    rows = stats_csv("--db", db, "--by", "experience-years", "--region", "US,IN")
    got = {(r["region"], r["group"]): r for r in rows}

    expected = {}
    for row in levels_rows():
        country = levels_country(row["location"])
        if country is None:
            continue
        years = float(row["yearsofexperience"])
        for lo, hi in BANDS:
            if years >= lo and (hi is None or years < hi):
                expected.setdefault((country, band_key(lo, hi)), []).append(
                    float(row["totalyearlycompensation"]))
    assert len(expected) == 10, expected.keys()
    assert set(got) == set(expected), (sorted(got), sorted(expected))
    for key, values in expected.items():
        r = got[key]
        assert int(r["n"]) == len(values), (key, r["n"], len(values))
        for column, q in (("p25", 0.25), ("median", 0.5), ("p75", 0.75)):
            assert abs(float(r[column]) - quantile(values, q)) < 1e-6, (key, column, r[column])
        assert r["currency"] == "USD"
    # India's 1,864 rows and the US's 23,962 all have years.
    assert sum(int(r["n"]) for r in rows if r["region"] == "IN") == 1864
    assert sum(int(r["n"]) for r in rows if r["region"] == "US") == 23962


@test
def levels_rows_carry_basis_period_and_ml_family(tmp):
    need(LEVELS)
    db = os.path.join(tmp, "l.db")
    p = run("import", "--db", db, LEVELS)
    # Countries the app does not know are rejected, each with FILE:LINE.
    unknown = [i for i, row in enumerate(levels_rows(), 2)
               if levels_country(row["location"]) is None and
               row["location"].split(",")[-1].strip() in ("Belarus", "Kazakhstan")]
    for line in unknown[:3]:
        assert f"levels-fyi-stem-salaries-2017-2021.csv:{line}: " in p.stderr, (line, p.stderr)
    out = json.loads(run("stats", "--db", db, "--by", "region", "--region", "IN",
                         "--format", "json").stdout)
    assert out[0]["basis"] == "total" and out[0]["period"] == "2017–2021", out
    # The ML / AI tag makes engineers machine-learning engineers.
    ml = sum(1 for row in levels_rows()
             if levels_country(row["location"]) == "IN"
             and row["tag"].replace(" ", "").lower() == "ml/ai"
             and row["title"] == "Software Engineer")
    out = json.loads(run("stats", "--db", db, "--by", "region", "--region", "IN",
                         "--role", "Machine Learning Engineer", "--format", "json").stdout)
    assert out[0]["n"] == ml, (out, ml)
    # No calendar year: any year filter overlapping 2017-2021 keeps them,
    # one outside leaves them out.
    assert run("stats", "--db", db, "--by", "region", "--region", "IN", "--years", "2018").returncode == 0
    p = run("stats", "--db", db, "--by", "region", "--region", "IN", "--years", "2023-2024", check=False)
    assert "2017" not in p.stdout, p.stdout


@test
def experience_years_filter_is_half_open(tmp):
    need(LEVELS)
    db = os.path.join(tmp, "l.db")
    run("import", "--db", db, LEVELS)
    values = [float(r["totalyearlycompensation"]) for r in levels_rows()
              if levels_country(r["location"]) == "IN" and 5 <= float(r["yearsofexperience"]) < 10]
    out = stats_csv("--db", db, "--by", "region", "--region", "IN", "--experience-years", "5-10")
    assert int(out[0]["n"]) == len(values)
    assert abs(float(out[0]["median"]) - quantile(values, 0.5)) < 1e-6
    out = stats_csv("--db", db, "--by", "experience-years", "--region", "US",
                    "--experience-bands", "0,10")
    assert [r["group"] for r in out] == ["0-10", "10+"], out
    p = run("stats", "--db", db, "--by", "region", "--experience-years", "ten", check=False)
    assert p.returncode != 0 and "--experience-years" in p.stderr


@test
def salesforce_is_one_company_across_sources(tmp):
    need(LEVELS, H1B_DATA_JOBS)
    db = os.path.join(tmp, "s.db")
    run("import", "--db", db, LEVELS)
    run("import", "--db", db, H1B_DATA_JOBS)
    expected = {"US": 0, "IN": 0}
    for row in levels_rows():
        if row["companyd"].strip().lower() == "salesforce":
            country = levels_country(row["location"])
            if country:
                expected[country] += 1
    with open(H1B_DATA_JOBS, newline="", encoding="utf-8") as f:
        h1b = sum(1 for row in csv.DictReader(f) if row["company"].startswith("SALESFORCECOM"))
    assert h1b > 0
    expected["US"] += h1b
    rows = stats_csv("--db", db, "--by", "company", "--company", "Salesforce", "--region", "US,IN")
    got = {r["region"]: int(r["n"]) for r in rows}
    assert got == expected, (got, expected)
    assert {r["group"] for r in rows} == {"Salesforce"}, rows
    # Pooling base wages with total compensation is said, not silent.
    out = json.loads(run("stats", "--db", db, "--by", "company", "--company", "Salesforce",
                         "--region", "US", "--format", "json").stdout)
    assert out[0]["basis"] == "base+total", out


@test
def company_matches_exactly_and_suggests(tmp):
    need(LEVELS)
    db = os.path.join(tmp, "c.db")
    run("import", "--db", db, LEVELS)
    p = run("stats", "--db", db, "--by", "company", "--company", "Sales", check=False)
    assert p.returncode != 0, p.stdout
    assert "Salesforce" in p.stderr, p.stderr
    # Lists leave out companies below the minimum n, and say so.
    p = run("stats", "--db", db, "--by", "company", "--region", "IN")
    rows = stats_csv("--db", db, "--by", "company", "--region", "IN")
    assert rows and all(int(r["n"]) >= 5 for r in rows), rows
    assert "at least 5 observations" in p.stderr, p.stderr
    rows1 = stats_csv("--db", db, "--by", "company", "--region", "IN", "--min-n", "1")
    assert len(rows1) > len(rows)


@test
def ambitionbox_figures_by_company(tmp):
    need(AMBITIONBOX)
    db = os.path.join(tmp, "a.db")
    p = run("import", "--db", db, AMBITIONBOX)
    with open(AMBITIONBOX, newline="") as f:
        row = next(r for r in csv.DictReader(f)
                   if r["company_name"] == "Cognizant" and r["job_title"] == "Machine Learning Engineer")
    lakh = lambda text: round(float(text.rstrip("L")) * 100000)
    out = json.loads(run("stats", "--db", db, "--by", "company", "--region", "IN",
                         "--role", "Machine Learning Engineer", "--currency", "local",
                         "--format", "json").stdout)
    cognizant = [g for g in out if g["group"] == "Cognizant"]
    assert len(cognizant) == 1, out
    g = cognizant[0]
    assert g["n"] == int(row["num_of_salaries"]) == 28, g
    assert g["currency"] == "INR" and g["origin"] == "figure", g
    assert round(g["mean"]) == lakh(row["avg_salary"]) == 800000, g
    assert round(g["min"]) == lakh(row["min_salary"]) and round(g["max"]) == lakh(row["max_salary"]), g
    assert g["years_min"] == float(row["min_experience"]), g
    table = run("stats", "--db", db, "--by", "company", "--region", "IN",
                "--role", "Machine Learning Engineer", "--currency", "local").stdout
    line = next(l for l in table.splitlines() if l.startswith("IN") and "Cognizant" in l)
    assert "₹8,00,000" in line and "₹4,00,000–₹15,20,000" in line, line


@test
def aijobs_snapshots_are_not_double_counted(tmp):
    need(AIJOBS, AIJOBS_OLD)
    db = os.path.join(tmp, "j.db")
    with open(AIJOBS, newline="") as f:
        expected = sum(1 for r in csv.DictReader(f) if r["employee_residence"] == "US")
    assert expected == 67008
    run("import", "--db", db, AIJOBS_OLD)
    run("import", "--db", db, AIJOBS)
    p = run("stats", "--db", db, "--by", "region", "--region", "US", "--format", "csv")
    rows = list(csv.DictReader(p.stdout.splitlines()))
    assert int(rows[0]["n"]) == expected, rows
    assert "aijobs-salaries-2024-12-22.csv" in p.stderr, p.stderr
    # The other order gives the same answer: the newer snapshot wins.
    db2 = os.path.join(tmp, "k.db")
    run("import", "--db", db2, AIJOBS)
    run("import", "--db", db2, AIJOBS_OLD)
    rows = stats_csv("--db", db2, "--by", "region", "--region", "US")
    assert int(rows[0]["n"]) == expected, rows


@test
def fresh_database_answers_experience_years_for_both(tmp):
    db = os.path.join(tmp, "f.db")
    rows = stats_csv("--db", db, "--by", "experience-years", "--region", "US,IN")
    regions = {r["region"] for r in rows}
    assert regions == {"US", "IN"}, rows
    # The two countries are compared on one source, basis and period where
    # one source has both: levels.fyi, whose n per country the test counts.
    need(LEVELS)
    counts = {"US": 0, "IN": 0}
    for row in levels_rows():
        country = levels_country(row["location"])
        if country:
            counts[country] += 1
    out = json.loads(run("stats", "--db", db, "--by", "region", "--region", "US,IN",
                         "--format", "json").stdout)
    assert {g["region"]: g["n"] for g in out} == counts, (out, counts)
    assert len({g["sources"] for g in out}) == 1 and {g["basis"] for g in out} == {"total"}, out
    assert {g["period"] for g in out} == {"2017–2021"}, out
    # A year filter leaves out figures of other years and says so.
    p = run("stats", "--db", db, "--by", "region", "--region", "US,IN", "--years", "2024")
    assert "2017" not in p.stdout and "period is outside" in p.stderr, (p.stdout, p.stderr)


def main():
    print(f"1..{len(results)}")
    failed = 0
    for i, fn in enumerate(results, 1):
        tmp = tempfile.mkdtemp(prefix="atlas-cli-india-")
        try:
            fn(tmp)
            print(f"ok {i} {fn.__name__}")
        except SkipTest as e:
            print(f"ok {i} {fn.__name__} # SKIP {e}")
        except Exception as e:  # noqa: BLE001 - report every failure as TAP
            failed += 1
            print(f"not ok {i} {fn.__name__}")
            for line in repr(e).splitlines():
                print(f"# {line}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

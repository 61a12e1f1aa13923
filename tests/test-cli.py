#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Command-line tests: run the real salary-atlas binary on temporary databases.

Expected statistics are computed independently here, with Python's csv module
and numpy's default percentile definition written out (linear interpolation
between closest ranks), straight from the CSV files in ../shared/data.
"""

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

BINARY = sys.argv[1]
DATA = os.environ.get("ATLAS_SHARED_DATA", "")
AIJOBS = os.path.join(DATA, "aijobs-salaries-2025-01-19.csv")
AIJOBS_OLD = os.path.join(DATA, "aijobs-salaries-2024-12-22.csv")

results = []


def test(fn):
    results.append(fn)
    return fn


def run(*args, check=True, env=None):
    e = dict(os.environ)
    e.pop("SALARY_ATLAS_DB", None)
    if env:
        e.update(env)
    p = subprocess.run([BINARY, *args], capture_output=True, text=True, env=e)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr}")
    return p


def percentile(sorted_values, p):
    n = len(sorted_values)
    h = (n - 1) * p
    lo = int(h)
    if lo >= n - 1:
        return sorted_values[-1]
    return sorted_values[lo] + (h - lo) * (sorted_values[lo + 1] - sorted_values[lo])


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def need_data():
    if not os.path.exists(AIJOBS):
        raise SkipTest("../shared/data is not available")


class SkipTest(Exception):
    pass


@test
def fresh_database_gets_embedded_default(tmp):
    db = os.path.join(tmp, "new.db")
    out = run("sources", "--db", db, "--format", "json").stdout
    sources = json.loads(out)
    assert len(sources) >= 1, out
    assert all(s["licence"] for s in sources), "every embedded source names a licence"
    assert all(s["kind"] == "embedded" for s in sources if s["kind"] != "feed"), out
    # The built-in aijobs.net feed is listed but not fetched until "refresh".
    feeds = [s for s in sources if s["kind"] == "feed"]
    assert [f["name"] for f in feeds] == ["aijobs.net"], feeds
    assert feeds[0]["records"] == 0 and feeds[0]["url"].startswith("https://"), feeds
    # SALARY_ATLAS_DB names the database too.
    env_db = os.path.join(tmp, "env.db")
    run("sources", env={"SALARY_ATLAS_DB": env_db})
    assert os.path.exists(env_db)


@test
def stats_on_embedded_figures(tmp):
    db = os.path.join(tmp, "e.db")
    p = run("stats", "--db", db, "--by", "experience", "--region", "US,IN",
            "--role", "Machine Learning Engineer", "--format", "csv")
    lines = p.stdout.strip().splitlines()
    assert lines[0] == "region,group,n,p25,median,p75,mean,currency", lines[0]
    assert len(lines) > 1, p.stdout
    assert "curated figures" in p.stderr, p.stderr


@test
def import_aijobs_and_check_medians(tmp):
    need_data()
    db = os.path.join(tmp, "a.db")
    p = run("import", "--db", db, AIJOBS)
    assert "imported 74,301, rejected 0" in p.stdout, p.stdout

    # Independent medians: US and IN (employee_residence) by level, salary_in_usd.
    groups = {}
    with open(AIJOBS, newline="") as f:
        for row in csv.DictReader(f):
            if row["employee_residence"] in ("US", "IN"):
                key = (row["employee_residence"], row["experience_level"])
                groups.setdefault(key, []).append(float(row["salary_in_usd"]))

    out = run("stats", "--db", db, "--by", "experience", "--region", "US,IN",
              "--format", "csv").stdout
    rows = list(csv.DictReader(out.splitlines()))
    assert len(rows) == len(groups), (rows, groups.keys())
    assert [r["region"] for r in rows[:4]] == ["US"] * 4
    assert [r["group"] for r in rows[:4]] == ["EN", "MI", "SE", "EX"]
    for r in rows:
        values = sorted(groups[(r["region"], r["group"])])
        assert int(r["n"]) == len(values)
        for col, p in (("p25", 0.25), ("median", 0.5), ("p75", 0.75)):
            expected = percentile(values, p)
            assert abs(float(r[col]) - expected) < 1e-6, (r, col, expected)
        assert abs(float(r["mean"]) - sum(values) / len(values)) < 1e-6
        assert r["currency"] == "USD"

    # JSON carries the confidence interval and the small-sample flag.
    js = json.loads(run("stats", "--db", db, "--by", "experience", "--region", "IN",
                        "--format", "json").stdout)
    assert all("median_ci_low" in g and "small_sample" in g for g in js)
    assert any(g["small_sample"] for g in js), "IN groups are small (139 rows)"
    for g in js:
        if g["median_ci_low"] is not None:
            assert g["median_ci_low"] <= g["median"] <= g["median_ci_high"]


@test
def reimport_is_a_noop(tmp):
    need_data()
    db = os.path.join(tmp, "b.db")
    run("import", "--db", db, AIJOBS)
    before = run("stats", "--db", db, "--by", "region", "--format", "csv").stdout
    p = run("import", "--db", db, AIJOBS)
    assert "unchanged" in p.stdout, p.stdout
    after = run("stats", "--db", db, "--by", "region", "--format", "csv").stdout
    assert before == after


@test
def new_snapshot_replaces_old(tmp):
    need_data()
    db = os.path.join(tmp, "s.db")
    run("import", "--db", db, "--name", "aijobs", AIJOBS_OLD)
    p = run("import", "--db", db, "--name", "aijobs", AIJOBS)
    assert "imported 74,301" in p.stdout and "+2745" in p.stdout, p.stdout
    total = sum(int(r["n"]) for r in csv.DictReader(
        run("stats", "--db", db, "--by", "region", "--format", "csv").stdout.splitlines()))
    assert total == 74301, total


@test
def strict_import_of_broken_file_changes_nothing(tmp):
    need_data()
    db = os.path.join(tmp, "c.db")
    run("import", "--db", db, AIJOBS_OLD)
    broken = os.path.join(tmp, "broken.csv")
    with open(AIJOBS, newline="") as src, open(broken, "w", newline="") as dst:
        for i, line in enumerate(src):
            if i == 5000:
                line = line.replace(",USD,", ",XYZ,", 1)
            dst.write(line)
    # Checkpoint the WAL so that the main file holds everything, then compare bytes.
    run("sources", "--db", db)
    digest = file_digest(db)
    p = run("import", "--db", db, "--strict", broken, check=False)
    assert p.returncode != 0
    assert "broken.csv:5001" in p.stderr and "XYZ" in p.stderr, p.stderr
    run("sources", "--db", db)
    assert file_digest(db) == digest, "strict import must leave the database as it was"
    # Without --strict the bad row is reported and skipped.
    p = run("import", "--db", db, broken)
    assert "rejected 1" in p.stdout, p.stdout


@test
def errors_are_clear(tmp):
    db = os.path.join(tmp, "d.db")
    p = run("stats", "--db", db, "--by", "colour", check=False)
    assert p.returncode != 0 and "colour" in p.stderr
    p = run("stats", "--db", db, "--by", "region", "--region", "XX", check=False)
    assert p.returncode != 0 and "XX" in p.stderr
    p = run("stats", "--db", db, "--by", "region", "--years", "2025-2020", check=False)
    assert p.returncode != 0 and "--years" in p.stderr
    p = run("import", "--db", db, os.path.join(tmp, "missing.csv"), check=False)
    assert p.returncode != 0 and "missing.csv" in p.stderr
    p = run("frobnicate", check=False)
    assert p.returncode != 0 and "frobnicate" in p.stderr


@test
def readers_go_ahead_while_an_import_writes(tmp):
    """Issue 13, item 3: opening a database for a read-only command does not
    write (the built-in feed is registered once), so it does not wait for a
    running import; a second writer says that another import is running."""
    import sqlite3
    db = os.path.join(tmp, "w.db")
    run("sources", "--db", db)  # creates it, with the seed and the built-in feed
    writer = sqlite3.connect(db, isolation_level=None, timeout=1)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE sources SET attribution = attribution || ' ' WHERE id = "
                   "(SELECT min(id) FROM sources)")
    try:
        p = run("stats", "--db", db, "--by", "region", check=False)
        assert p.returncode == 0, p.stderr
        p = run("sources", "--db", db, check=False)
        assert p.returncode == 0, p.stderr
        other = os.path.join(tmp, "other.csv")
        with open(other, "w") as f:
            f.write("work_year,experience_level,employment_type,job_title,salary,salary_currency,"
                    "salary_in_usd,employee_residence,remote_ratio,company_location,company_size\n"
                    "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\n")
        p = run("import", "--db", db, other, check=False)
        assert p.returncode == 1, (p.returncode, p.stderr)
        assert "Another import or refresh is writing to" in p.stderr, p.stderr
    finally:
        writer.execute("ROLLBACK")
        writer.close()



COMMANDS = {"import", "stats", "sources", "export", "refresh", "records", "curate", "help"}


def listed_commands(text):
    """The subcommands of a usage text: lines "  salary-atlas NAME  summary"."""
    found = {}
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "salary-atlas" and not words[1].startswith("["):
            found[words[1]] = " ".join(words[2:])
    return found


@test
def help_lists_every_command_with_one_line(tmp):
    p = run("--help")
    listed = listed_commands(p.stdout)
    assert set(listed) == COMMANDS, sorted(listed)
    assert all(summary for summary in listed.values()), listed
    assert "0" in p.stdout and "1" in p.stdout and "2" in p.stdout, "exit statuses are named"
    # "help" alone prints the same list, and nothing goes to stderr.
    q = run("help")
    assert q.stdout == p.stdout and p.stderr == "" and q.stderr == ""


@test
def help_command_prints_that_commands_options(tmp):
    for command, option in [("stats", "--by"), ("export", "--chart"), ("import", "--strict"),
                            ("refresh", "--url"), ("sources", "--format")]:
        p = run("help", command)
        assert option in p.stdout, (command, p.stdout)
        # The same text as "COMMAND --help".
        assert p.stdout == run(command, "--help").stdout
    p = run("help", "frobnicate", check=False)
    assert p.returncode == 2 and "frobnicate" in p.stderr, (p.returncode, p.stderr)


@test
def exit_status_two_for_usage_errors(tmp):
    db = os.path.join(tmp, "d.db")
    usage = [
        ("frobnicate",),
        ("stats", "--db", db, "--bogus"),
        ("stats", "--db", db),
        ("stats", "--db", db, "--by", "colour"),
        ("stats", "--db", db, "--by", "region", "--region", "XX"),
        ("stats", "--db", db, "--by", "region", "--years", "2025-2020"),
        ("stats", "--db", db, "--by", "region", "--format", "yaml"),
        ("import", "--db", db),
        ("import", "--db", db, "--format", "nope", "x.csv"),
        ("export", "--db", db, "-o", os.path.join(tmp, "x.png")),
        ("export", "--db", db, "--chart", "pie", "-o", os.path.join(tmp, "x.png")),
        ("refresh", "--db", db, "--map", "m.map"),
    ]
    for args in usage:
        p = run(*args, check=False)
        assert p.returncode == 2, (args, p.returncode, p.stderr)
        assert p.stderr.startswith("salary-atlas: "), (args, p.stderr)
    # Nothing was written: a usage error stops before the database is opened.
    assert not os.path.exists(db), "usage errors must not create the database"


@test
def exit_status_one_for_runtime_errors(tmp):
    db = os.path.join(tmp, "d.db")
    failures = [
        ("import", "--db", db, os.path.join(tmp, "missing.csv")),
        # A well-formed command that finds nothing to count.
        ("stats", "--db", db, "--by", "region", "--company", "No Such Company 4711"),
        ("export", "--db", db, "--chart", "compare", "-o",
         os.path.join(tmp, "no-such-folder", "x.png")),
    ]
    for args in failures:
        p = run(*args, check=False)
        assert p.returncode == 1, (args, p.returncode, p.stderr)
    p = run("sources", "--db", db)
    assert p.returncode == 0


@test
def man_page_documents_every_command_and_status(tmp):
    root = os.environ.get("ATLAS_SOURCE_ROOT")
    if not root:
        raise SkipTest("ATLAS_SOURCE_ROOT is not set")
    with open(os.path.join(root, "docs", "salary-atlas.1.scd"), encoding="utf-8") as f:
        page = f.read()
    for command in COMMANDS:
        assert f"*{command}*" in page, f"salary-atlas(1) does not describe {command}"
    assert "# EXIT STATUS" in page
    for status in ("*0*", "*1*", "*2*"):
        assert status in page, status


def complete(root, *words):
    """What the bash completion offers after "salary-atlas WORDS" (the last
    word is the one being completed), with bash-completion's helpers stubbed."""
    script = os.path.join(root, "data", "completions", "salary-atlas")
    line = " ".join(["salary-atlas", *words])
    shell = f"""
_init_completion() {{ words=("${{COMP_WORDS[@]}}"); cword=$COMP_CWORD;
  cur=${{COMP_WORDS[COMP_CWORD]}}; prev=${{COMP_WORDS[COMP_CWORD-1]}}; }}
_filedir() {{ COMPREPLY=(FILE); }}
source "$1"
read -r -a COMP_WORDS <<< "$2"
[ "${{2: -1}}" = " " ] && COMP_WORDS+=("")
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_salary_atlas
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    p = subprocess.run(["bash", "-c", shell, "complete", script, line],
                       capture_output=True, text=True, check=True)
    return set(p.stdout.split())


def long_options(help_text):
    """The options a --help-all text defines: the first word of each line."""
    options = set()
    for line in help_text.splitlines():
        for word in line.split()[:2]:
            if word.startswith("--") and not word.startswith("--help"):
                options.add(word.split("=")[0])
    return options


@test
def bash_completion_offers_every_option(tmp):
    root = os.environ.get("ATLAS_SOURCE_ROOT")
    if not root:
        raise SkipTest("ATLAS_SOURCE_ROOT is not set")
    assert complete(root, "") >= COMMANDS, complete(root, "")
    assert complete(root, "st") == {"stats"}
    for command in ("import", "stats", "sources", "export", "refresh"):
        options = long_options(run(command, "--help-all").stdout)
        offered = complete(root, command, "--")
        assert options and options <= offered, (command, sorted(options - offered))
    assert complete(root, "stats", "--by", "") == {"experience", "experience-years", "company",
                                                   "region", "year", "role"}
    assert complete(root, "export", "--chart", "co") == {"compare", "companies", "company-regions"}
    assert complete(root, "import", "--format", "") == {"aijobs", "h1b", "dol-lca",
                                                         "glassdoor-in", "levels-fyi",
                                                         "in-figures", "csv"}


def have_locale(name):
    p = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    wanted = name.lower().replace("utf-8", "utf8")
    return any(l.lower() == wanted for l in p.stdout.split())


@test
def csv_and_json_do_not_depend_on_the_locale(tmp):
    if not have_locale("de_DE.UTF-8"):
        raise SkipTest("de_DE.UTF-8 is not generated (build-aux/deps.sh)")
    db = os.path.join(tmp, "l.db")
    run("sources", "--db", db)
    german = {"LC_ALL": "de_DE.UTF-8"}
    for fmt in ("csv", "json"):
        for args in (("stats", "--by", "region"), ("stats", "--by", "year"), ("sources",)):
            c = run(*args, "--db", db, "--format", fmt).stdout
            de = run(*args, "--db", db, "--format", fmt, env=german).stdout
            assert c == de, (fmt, args)
    # The numbers in CSV read back with a "." decimal mark and no grouping.
    # (the same regions as the table below: figures come from the source
    # that best covers the regions asked for)
    rows = list(csv.DictReader(run("stats", "--db", db, "--by", "region", "--region", "US",
                                   "--format", "csv", env=german).stdout.splitlines()))
    assert rows and all(float(r["median"]) > 0 for r in rows), rows
    # The table is for people: there the German locale groups with ".".
    table = run("stats", "--db", db, "--by", "region", "--region", "US", env=german).stdout
    us = next(r for r in rows if r["region"] == "US")
    median = round(float(us["median"]))
    assert median >= 1000
    assert "${:,}".format(median).replace(",", ".") in table, table


# The command line never loads the window module: the dynamic loader's own
# report (LD_DEBUG=libs, on stderr) names every library a process maps.
GUI_LIBRARIES = ("libgtk-4.so", "libadwaita-1.so", "libatlas-gui.so")


def loaded_libraries(*args, check=True):
    p = run(*args, check=check, env={"LD_DEBUG": "libs"})
    return p, [line for line in p.stderr.splitlines() if "calling init:" in line]


def gui_libraries(lines):
    return [line for line in lines if any(name in line for name in GUI_LIBRARIES)]


@test
def version_is_the_command_lines(tmp):
    p, libs = loaded_libraries("--version")
    assert p.stdout.startswith("salary-atlas "), p.stdout
    assert libs, "LD_DEBUG=libs reported nothing: the check below would prove nothing"
    assert not gui_libraries(libs), gui_libraries(libs)


@test
def version_maps_only_the_c_library(tmp):
    # The executable is a launcher: `--version` is answered before it loads
    # libatlas-main.so, so neither GLib nor SQLite is mapped.
    p, libs = loaded_libraries("--version")
    assert not [line for line in libs if "libglib-2.0.so" in line or "libsqlite3.so" in line
                or "libatlas-main.so" in line], libs


@test
def a_missing_core_module_is_an_error_naming_it(tmp):
    missing = os.path.join(tmp, "no-such-dir", "libatlas-main.so")
    p = run("--help", check=False, env={"SALARY_ATLAS_MAIN_MODULE": missing})
    assert p.returncode == 1, (p.returncode, p.stdout, p.stderr)
    assert p.stdout == "", p.stdout
    assert "cannot load" in p.stderr and missing in p.stderr, p.stderr
    # `--version` still answers without it.
    p = run("--version", env={"SALARY_ATLAS_MAIN_MODULE": missing})
    assert p.stdout.startswith("salary-atlas "), p.stdout


@test
def stats_and_export_do_not_map_gtk(tmp):
    db = os.path.join(tmp, "a.db")
    rows = os.path.join(tmp, "rows.csv")
    # The first 200 rows of the real aijobs.net file (CC0) are enough for
    # the loader's report.
    with open(AIJOBS, encoding="utf-8") as src, open(rows, "w", encoding="utf-8") as f:
        for _, line in zip(range(201), src):
            f.write(line)
    run("import", "--db", db, rows)
    for args in (("stats", "--db", db, "--by", "region", "--format", "csv"),
                 ("export", "--db", db, "--chart", "experience", "--region", "US", "-o",
                  os.path.join(tmp, "chart.svg")),
                 ("sources", "--db", db),
                 ("--help",)):
        p, libs = loaded_libraries(*args)
        assert libs and not gui_libraries(libs), (args, gui_libraries(libs))
    assert os.path.getsize(os.path.join(tmp, "chart.svg")) > 1000


@test
def the_window_path_does_map_gtk(tmp):
    # The control: an option of the window's goes to the window module, and
    # the same check sees GTK there.
    db = os.path.join(tmp, "a.db")
    p, libs = loaded_libraries("--db", db, "--version", check=False)
    assert p.stdout.startswith("salary-atlas "), (p.returncode, p.stdout, p.stderr[-500:])
    assert any("libgtk-4.so" in line for line in gui_libraries(libs)), libs[-5:]


def main():
    print(f"1..{len(results)}")
    failed = 0
    for i, fn in enumerate(results, 1):
        tmp = tempfile.mkdtemp(prefix="atlas-cli-")
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

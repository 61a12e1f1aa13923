#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every language in po/LINGUAS translates every message of the current
sources: the strings are extracted afresh (xgettext, as meson's glib preset
does), merged into a copy of po/LANG.po, and `msgfmt --check --statistics`
must report neither fuzzy nor untranslated messages. Passes with nothing to
check while po/LINGUAS lists no language."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, "po")


def languages():
    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f if not line.lstrip().startswith("#") for w in line.split()]


def extract(pot):
    # The keywords and flags of meson's i18n.gettext(preset: 'glib').
    args = ["xgettext", "--package-name=salary-atlas", "--from-code=UTF-8",
            "--add-comments", "-D", root, "-f", os.path.join(po_dir, "POTFILES.in"),
            "-o", pot, "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
            "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
            "--keyword=g_dpgettext2:2c,3", "--keyword=ngettext:1,2",
            "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
            "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
            "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
            "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
            "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
            "--flag=g_log:3:c-format", "--flag=g_print:1:c-format",
            "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
            "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
            "--flag=g_snprintf:3:c-format"]
    subprocess.run(args, check=True, capture_output=True, text=True)


def statistics(text):
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", text):
        counts[kind] = int(number)
    return counts


langs = languages()
if not langs:
    print("1..0 # SKIP po/LINGUAS lists no language yet")
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="atlas-po-")
status = 0
try:
    pot = os.path.join(tmp, "salary-atlas.pot")
    extract(pot)
    print(f"1..{2 * len(langs)}")
    n = 0
    for lang in langs:
        po = os.path.join(po_dir, f"{lang}.po")
        n += 1
        check = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                               capture_output=True, text=True)
        ok = check.returncode == 0
        print(f"{'ok' if ok else 'not ok'} {n} {lang}.po passes msgfmt --check")
        if not ok:
            status = 1
            for line in check.stderr.splitlines():
                print(f"# {line}")
        # Messages the sources have but the translation lacks show as
        # untranslated once merged; changed ones as fuzzy.
        merged = os.path.join(tmp, f"{lang}.po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot],
                       check=True)
        stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                               capture_output=True, text=True)
        counts = statistics(stats.stderr)
        n += 1
        ok = counts["fuzzy"] == 0 and counts["untranslated"] == 0 and counts["translated"] > 0
        print(f"{'ok' if ok else 'not ok'} {n} {lang} translates every message: "
              f"{stats.stderr.strip()}")
        if not ok:
            status = 1
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status)

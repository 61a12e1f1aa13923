#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every file with translatable strings is listed in po/POTFILES.in, and every
listed file exists: otherwise its strings silently never reach translators."""

import os
import re
import sys

root = sys.argv[1]
marked = re.compile(r'\b(?:N_|C_|NC_|g_dngettext|ngettext|_)\s*\(\s*"')
tests = 0
failed = 0


def check(ok, what):
    global tests, failed
    tests += 1
    print(f"{'ok' if ok else 'not ok'} {tests} {what}")
    if not ok:
        failed += 1


with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}

wanted = set()
for folder, _dirs, files in os.walk(os.path.join(root, "app")):
    for name in files:
        if name.endswith(".c"):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                if marked.search(f.read()):
                    wanted.add(os.path.relpath(path, root))
for folder in ("ui", os.path.join("data", "desktop")):
    for name in sorted(os.listdir(os.path.join(root, folder))):
        path = os.path.join(root, folder, name)
        if os.path.isfile(path) and name.endswith((".ui", ".in", ".gschema.xml")):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if 'translatable="yes"' in text or name.endswith((".desktop.in", ".metainfo.xml.in")):
                wanted.add(os.path.relpath(path, root))

print(f"1..{len(wanted) + len(listed)}")
for path in sorted(wanted):
    check(path in listed, f"{path} is in po/POTFILES.in")
for path in sorted(listed):
    check(os.path.exists(os.path.join(root, path)), f"{path} (listed) exists")
sys.exit(1 if failed else 0)

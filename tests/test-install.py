#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`meson install --destdir` puts everything a distribution needs in place:
the binary and its window module, desktop file, metainfo, schema, icons, the
.mo file of every language in po/LINGUAS, the man page (when scdoc built it),
bash completion and the user help."""

import os
import subprocess
import sys
import tempfile

meson, build_root, source_root, app_id, man = sys.argv[1:6]


def linguas(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [w for line in f if not line.lstrip().startswith("#") for w in line.split()]


wanted = [
    ("binary", "bin/salary-atlas"),
    ("command line and core", "salary-atlas/libatlas-main.so"),
    ("window module", "salary-atlas/libatlas-gui.so"),
    ("desktop file", f"share/applications/{app_id}.desktop"),
    ("metainfo", f"share/metainfo/{app_id}.metainfo.xml"),
    ("schema", "share/glib-2.0/schemas/org.salaryatlas.SalaryAtlas.gschema.xml"),
    ("app icon", f"share/icons/hicolor/scalable/apps/{app_id}.svg"),
    ("symbolic icon", f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg"),
    ("bash completion", "share/bash-completion/completions/salary-atlas"),
    ("help index", "share/help/C/salary-atlas/index.page"),
    ("help on box plots", "share/help/C/salary-atlas/box-plots.page"),
    ("help on the career curve", "share/help/C/salary-atlas/career-curve.page"),
    ("help on US vs India by company", "share/help/C/salary-atlas/same-employer.page"),
]
if man == "true":
    wanted.append(("man page", "share/man/man1/salary-atlas.1"))
for lang in linguas(os.path.join(source_root, "po", "LINGUAS")):
    wanted.append((f"{lang} messages", f"share/locale/{lang}/LC_MESSAGES/salary-atlas.mo"))
for lang in linguas(os.path.join(source_root, "help", "LINGUAS")):
    wanted.append((f"{lang} help", f"share/help/{lang}/salary-atlas/index.page"))

with tempfile.TemporaryDirectory(prefix="atlas-install-") as destdir:
    subprocess.run([meson, "install", "-C", build_root, "--no-rebuild", "--quiet",
                    "--destdir", destdir], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, DESTDIR=destdir))
    installed = []
    for folder, _dirs, files in os.walk(destdir):
        installed += [os.path.join(folder, name) for name in files]

    print(f"1..{len(wanted)}")
    status = 0
    for i, (what, suffix) in enumerate(wanted, 1):
        hits = [p for p in installed if p.endswith("/" + suffix)]
        ok = len(hits) == 1 and os.path.getsize(hits[0]) > 0
        print(f"{'ok' if ok else 'not ok'} {i} {what}: {suffix}")
        status |= not ok
sys.exit(status)

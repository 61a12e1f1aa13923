#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the window in each language of po/LINGUAS and reads translated
labels through the accessibility tree: the page switcher's "Companies" and
the "Main menu" button must carry the translation that the built .mo file
holds for them (looked up here with Python's gettext, independently of the
app), and that translation must differ from the English text.

Usage: test-language.py SALARY_ATLAS_BINARY BUILD_PO_DIR LINGUAS [LANG...]
(prints TAP). BUILD_PO_DIR is <build>/po, where meson writes
LANG/LC_MESSAGES/salary-atlas.mo; the app is pointed there with
SALARY_ATLAS_LOCALEDIR. Skips while po/LINGUAS is empty, and a language
whose locale is not generated (build-aux/deps.sh generates de_DE and hi_IN).

Needs a display (xvfb-run) and Debian's python3-dogtail; runs itself in a
private D-Bus session so that the AT-SPI bus is its own."""

import gettext
import os
import shutil
import subprocess
import sys
import tempfile

# English labels whose translations are read back from the window.
LABELS = [("push button", "Main menu"), (None, "Companies")]


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atlas_gui_session import (enter_session, find_app, import_dogtail,  # noqa: E402
                               skip_all, stop, wait_until)


binary, po_build_dir, linguas = sys.argv[1:4]
with open(linguas, encoding="utf-8") as f:
    langs = sys.argv[4:] or [w for line in f if not line.lstrip().startswith("#")
                             for w in line.split()]
if not langs:
    skip_all("po/LINGUAS lists no language yet")
tap = enter_session()

try:
    import pyatspi  # noqa: F401 - skips the test without it
    from dogtail.config import config
except ImportError as error:  # pragma: no cover
    skip_all(f"python3-dogtail is not installed ({error})")
config.checkForA11y = False
config.logDebugToFile = False


def locale_for(lang):
    """A generated UTF-8 locale of @lang (de -> de_DE.utf8), or None."""
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    for name in available:
        base = name.split(".")[0]
        if (base == lang or base.startswith(lang + "_")) and name.lower().endswith(("utf8", "utf-8")):
            return name
    return None


def find_named(node, role, name):
    return node.findChild(lambda n: n.name == name and (role is None or n.roleName == role),
                          retry=False, requireResult=False)


def check_language(lang, report):
    locale = locale_for(lang)
    if locale is None:
        for _role, english in LABELS:
            report(None, f"{lang}: “{english}” (locale for {lang} not generated)")
        return
    translation = gettext.translation("salary-atlas", localedir=po_build_dir,
                                      languages=[lang], fallback=True)
    workdir = tempfile.mkdtemp(prefix=f"atlas-lang-{lang}-")
    env = dict(os.environ, LANGUAGE=lang, LC_ALL=locale, GTK_A11Y="atspi",
               SALARY_ATLAS_LOCALEDIR=po_build_dir, GSETTINGS_BACKEND="memory")
    env.pop("NO_AT_BRIDGE", None)
    process = subprocess.Popen([binary, "--db", os.path.join(workdir, "atlas.db")], env=env)
    try:
        # The AT-SPI timeouts of the other window tests, and waits long
        # enough for a sanitized window, where the overview's "Companies"
        # heading came after 20 s.
        import_dogtail()
        app = wait_until(lambda: find_app(process.pid), timeout=60)
        window = app and wait_until(lambda: app.findChild(
            lambda n: n.roleName == "frame", retry=False, requireResult=False), timeout=60)
        for role, english in LABELS:
            translated = translation.gettext(english)
            found = window and wait_until(lambda: find_named(window, role, translated),
                                          timeout=90)
            ok = translated != english and found is not None
            report(ok, f"{lang}: “{english}” reads “{translated}”")
    finally:
        stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


results = []
for lang in langs:
    check_language(lang, lambda ok, message: results.append((ok, message)))

print(f"1..{len(results)}", file=tap)
for number, (ok, message) in enumerate(results, start=1):
    if ok is None:
        print(f"ok {number} - {message} # SKIP", file=tap)
    else:
        print(f"{'ok' if ok else 'not ok'} {number} - {message}", file=tap)
tap.flush()
sys.exit(0 if all(ok is not False for ok, _ in results) else 1)

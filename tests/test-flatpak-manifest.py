#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest parses and names the app ID, runtime and command this
build produces, and asks for no more sandbox holes than the app needs."""

import sys

import yaml

MANIFEST, APP_ID, COMMAND = sys.argv[1:4]

checks = []


def check(name):
    def wrap(fn):
        checks.append((name, fn))
        return fn
    return wrap


with open(MANIFEST, encoding="utf-8") as f:
    manifest = yaml.safe_load(f)


@check("names the app ID of the build")
def _():
    # The development build has its own ID; the manifest builds the release.
    assert manifest["id"] == APP_ID.removesuffix(".Devel"), manifest["id"]


@check("builds on the GNOME runtime with its SDK")
def _():
    assert manifest["runtime"] == "org.gnome.Platform", manifest["runtime"]
    assert manifest["sdk"] == "org.gnome.Sdk", manifest["sdk"]
    version = str(manifest["runtime-version"])
    # A numbered stable branch (49, 50, ...), not "master" or a GNOME 3.x.
    assert version.isdigit() and int(version) >= 49, version


@check("runs the installed command")
def _():
    assert manifest["command"] == COMMAND, manifest["command"]


@check("minimal finish-args: display, IPC, DRI and network for refresh only")
def _():
    allowed = {"--socket=wayland", "--socket=fallback-x11", "--share=ipc",
               "--device=dri", "--share=network"}
    args = set(manifest["finish-args"])
    assert args == allowed, sorted(args ^ allowed)
    assert "--socket=x11" not in args and "--filesystem=home" not in args


@check("the last module is this tree, built with meson")
def _():
    app = manifest["modules"][-1]
    assert app["buildsystem"] == "meson", app
    assert any(s["type"] == "dir" and s["path"] == "../.." for s in app["sources"]), app


print(f"1..{len(checks)}")
status = 0
for i, (name, fn) in enumerate(checks, 1):
    try:
        fn()
        print(f"ok {i} {name}")
    except Exception as e:  # noqa: BLE001 - reported as a TAP failure
        print(f"not ok {i} {name}: {e!r}")
        status = 1
sys.exit(status)

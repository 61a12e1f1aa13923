#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and runs the whole test suite; window
# tests get a virtual display (Xvfb) and their own session bus.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

exec xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- meson test -C _build --print-errorlogs --num-processes 2 "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds with AddressSanitizer and UndefinedBehaviorSanitizer (gcc) into
# _build-asan and runs the test suite there: the whole suite by default,
# window tests under Xvfb with their own session bus as in build-aux/test.sh.
# Any report makes the test that caused it fail (halt_on_error, and UBSan
# without recovery).
#
#   build-aux/sanitize.sh                 the whole suite
#   build-aux/sanitize.sh --suite core    a subset (any meson test arguments)
#
# Leaks are checked too, except for build-aux/lsan.supp (process-lifetime
# caches of fontconfig and GLib's type system, one libadwaita 1.2 leak).
# Timeouts are raised threefold: instrumented code runs two to four times
# slower.  For whole stacks in a leak report (GLib has no frame pointers),
# add fast_unwind_on_malloc=0 to ASAN_OPTIONS.
#
# The first whole run (2026-12-07, 2 cores shared with other builds, load
# 20-30; the build alone took 60 min): 49 tests, 39 passed.  Findings: no
# ASan or UBSan report from our code.  One leak in libadwaita (suppressed,
# see lsan.supp) failed gui-help; a 6-byte leak failed gui (its stack was
# cut by the fast unwinder); catalog, seed and chart-india ran out of their
# threefold time (360 s) under that load; gui-accessibility and gui-language
# did not see the instrumented window appear over AT-SPI within their time;
# the rest were the run's own half-edited tree.  A subset that finishes in
# a few minutes and covers the hostile input paths (what CI could run):
#   build-aux/sanitize.sh quote bounds money csv hostile store sources \
#     feed-json feed network
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh
build=_build-asan
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=undefined -Dc_link_args=-fno-sanitize-recover=undefined
fi
meson compile -C "$build"

export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

status=0
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- meson test -C "$build" --print-errorlogs --num-processes 2 \
  --timeout-multiplier 3 "$@" || status=$?

python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
with open(sys.argv[1]) as log:
    for line in log:
        result = json.loads(line)["result"]
        key = {"OK": "passed", "EXPECTEDFAIL": "passed", "SKIP": "skipped"}.get(result, "failed")
        counts[key] += 1
print(f"Sanitized tests: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
PY
exit $status

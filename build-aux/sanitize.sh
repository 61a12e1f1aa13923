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
# caches of fontconfig and GLib's type system).  Timeouts are raised
# threefold: instrumented code runs two to four times slower.
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

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds with AddressSanitizer and UndefinedBehaviorSanitizer (gcc) into
# _build-asan (or $ATLAS_ASAN_BUILD) and runs tests there, window tests
# under Xvfb with their own session bus as in build-aux/test.sh.  Any
# report makes the test that caused it fail (halt_on_error, and UBSan
# without recovery).
#
#   build-aux/sanitize.sh               the whole suite
#   build-aux/sanitize.sh --hostile     what CI runs: the tests of hostile
#                                       input, building only their programs
#   build-aux/sanitize.sh gui-sources   any meson test arguments
#
# Leaks are checked too, except for build-aux/lsan.supp (process-lifetime
# caches of fontconfig and GLib's type system, one libadwaita 1.2 leak).
# ASAN_OPTIONS and LSAN_OPTIONS from the environment are added after ours;
# for whole stacks in a leak report (GLib has no frame pointers):
#   ASAN_OPTIONS=fast_unwind_on_malloc=0 build-aux/sanitize.sh gui
# Timeouts are raised tenfold (ATLAS_ASAN_TIMEOUT_MULTIPLIER): instrumented
# code runs two to four times slower, the window tests wait for an
# instrumented window over AT-SPI, and seed and catalog wait mostly on
# fsync, on a disk that other builds share (seed: 7.6 s uninstrumented,
# 599 s of its 600 s sanitized at load 13, while one seed took 0.7 s of
# CPU in 4-7 s).
#
# The seventh whole run (2026-12-07 22:12-22:29 UTC, a new machine, after
# an incremental build; main acb0c72, load 0.3-2): 61 tests, 61 passed, no
# ASan, UBSan or LSan report.  Slowest: catalog 210 s, query-cells 161 s,
# seed 104 s, records 98 s, curation-companies 83 s.
# The sixth whole run (2026-12-07 16:46-17:10 UTC, 24 min of tests after an
# incremental build; main 757d368, beside the uninstrumented suite for the
# first 10 min, load 0.5-4, tenfold timeouts): 60 tests, 60 passed, no
# ASan, UBSan or LSan report.  Slowest: catalog 318 s, query-cells 254 s,
# records 155 s, chart-india 151 s, seed 141 s.  The fifth (f61b5c5,
# 16:01-16:31 UTC): 57 of 58, no report; gui-records had not seen the
# lazily built Records page's count within 20 s (it now waits with
# activate_until, e33e4e4).  Between the fourth and the fifth, each window
# test got an XDG_RUNTIME_DIR of its own (f61b5c5): the at-spi launcher's
# socket is bus_N for display N under ~/.cache, and the launcher of the
# test before removed the next one's as it went away.
#
# The fourth whole run (2026-12-07 14:47-15:45 UTC, 58 min of tests after a
# 5.5 min build; main e7d8d56 with harden8's first test changes, 2 cores
# shared with four other helpers and this branch's suites, load 6-14,
# tenfold timeouts): 58 tests, 55 passed, 3 failed, no ASan, UBSan or LSan
# report in any test.  All three failures are the window tests' AT-SPI, not
# the app: gui-accessibility found no accessibility bus at its start (the
# socket /root/.cache/at-spi/bus_99 was missing); gui-language did not find
# the Hindi "Companies" label (it passes uninstrumented: 58 of 58 at the
# same time, and in the third run); gui-companies got past the toast's
# Undo problem of the third run but a click on the menu's Companies... got
# no reply within libatspi's 800 ms, and the pointer click tried after it
# found the item gone.  Since: tests/gui/atlas_gui_session.py raises that
# timeout to 15 s and takes an action without a reply as sent, waiting on
# its effect (activate_until).  Slowest: catalog 560 s, query-cells 543 s,
# gui-curation 409 s, records 294 s, seed 274 s.
# --hostile from a clean build directory (/work/tmp-harden8/asan-hostile,
# 2026-12-07 15:11-15:36, load 8-13): 12 of 12 passed on the second pass
# (build about 10 min; tests 9.7 min, kill 305 s with 20 kills per case);
# the first pass failed csv only because the core was compiled while
# atlas-csv.c was reverted for a check of the new test.
#
# The third whole run (2026-12-07 11:53-13:10 UTC, 77 min: build 6 min,
# tests 71; main 2251bbc, 2 cores shared with three other helpers' builds
# and suites, load 9-17, tenfold timeouts): 58 tests, 57 passed, 1 failed.
# No ASan, UBSan or LSan report in any test: the ODR, gui leak, gui-help
# race and About-window fixes below hold (gui 178 s, gui-help 82 s).  The
# failure, gui-companies (a new test), is AT-SPI timing in a slow window,
# not a report: the click on the menu's Companies... got no reply in time;
# alone at load 14 (7 min) it got past that and then lost Undo, whose toast
# had timed out before the slow accessibility walk reached it.  Slowest:
# catalog 1,033 s, query-cells 925 s, seed 448 s, curation-companies 388 s,
# gui-curation 378 s, records 364 s.  The count at the end failed then: a
# --wrapper names meson's log testlog-sanitize.sh.json (now found).
#
# The second whole run (2026-12-07 03:19-04:24 UTC, 64 min, on this branch
# at main c0d0225, 2 cores shared with four other helpers' builds and
# tests, load 14-23, threefold timeouts then; the build alone took 20 min):
# 54 tests, 41 passed, 13 failed.  No UBSan report.  Findings:
# - an ASan odr-violation (26 reports) in every process that loads a
#   module: `export` (cli, cli-charts, gui-export) and the window
#   (gui-accessibility, gui-language, gui-records, gui-import,
#   gui-curation): libatlas-charts.a pulled a second copy of the core into
#   the export module and the window's.  A real defect of our build, fixed
#   in app/charts/meson.build (the export module 5.5 -> 0.5 MB, the
#   window's 7.1 -> 1.9 MB); those 8 tests pass uninstrumented with the fix,
#   not yet re-run sanitized;
# - the 6-byte leak in gui again, from g_malloc (the fast unwinder cut the
#   stack; a run with fast_unwind_on_malloc=0 had not finished the first
#   of test-gui's 12 tests after 15 min: still to trace);
# - gui-help: a SEGV (a NULL+8 read in g_resource_lookup_data()) on the
#   catalog's load thread (atlas_catalog_load -> atlas_seed_ensure ->
#   seed_table_load), after the last test had ended: the process exits, and
#   GIO's destructor unregisters the core's resource, while a window's
#   catalog load still runs.  Seen in both whole runs; a shutdown race in
#   our code (a load thread that outlives its window).  Fixed since: the
#   application's shutdown and the window fixtures wait for the loads
#   (atlas_catalog_load_wait()).  gui-help alone, 2026-12-07 04:45-04:58
#   UTC, load 4-7: the SEGV in 7 of 10 runs before the fix, in 0 of 16
#   after.  gui-help still fails here, on a leak the SEGV hid: the 331
#   bytes of libadwaita's About window that lsan.supp suppresses, which the
#   fast unwinder cannot attribute (the stack stops at g_malloc); with
#   ASAN_OPTIONS=fast_unwind_on_malloc=0 it passes (5 of 5, 16-20 s);
# - catalog, seed and chart-india ran out of 360 s (catalog takes 64-85 s
#   uninstrumented under that load): now fivefold.
# The hostile subset (--hostile, 12 tests) from a clean build directory:
# 18 min 26 s at load 20 (setup and 95 build steps about 10 min, the tests
# 8 min; 183 s user + 57 s system CPU), 12 passed.
set -euo pipefail

# Leak reports need whole stacks for lsan.supp to match a leak that a
# library makes inside libraries built without frame pointers: the fast
# unwinder stops at g_malloc, and a suppression of such a cut stack would
# hide our own leaks too.  The slow unwinder makes window tests many times
# slower (test-gui did not finish its first case in 15 min), so only the
# programs named here get it: test-gui-help opens the About window, whose
# libadwaita 1.2 leak lsan.supp suppresses (16-20 s with it).  meson test
# runs every test through this script (--wrapper), which picks them out.
full_stacks="test-gui-help"
if [ "${1:-}" = --run-test ]; then
  shift
  case " $full_stacks " in
    *" $(basename "$1") "*) export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" ;;
  esac
  exec "$@"
fi

cd "$(dirname "$0")/.."

# The tests of hostile input: bad files and fields, amounts and bounds,
# quoting, the store's transactions, a server's faults, JSON feeds, proxies,
# and SIGKILLs during imports and refreshes.
hostile=(quote bounds money csv hostile store sources feed-json feed network import kill)

build-aux/deps.sh
build=${ATLAS_ASAN_BUILD:-_build-asan}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=undefined -Dc_link_args=-fno-sanitize-recover=undefined
fi

if [ "${1:-}" = --hostile ]; then
  shift
  # The programs those tests run, with what they declare they need (the
  # command line and its modules: tests/meson.build's cli_depends), not
  # the window, which is most of the build.
  mapfile -t targets < <(python3 - "$build" "${hostile[@]}" <<'PY'
import json, os, subprocess, sys
build, names = sys.argv[1], set(sys.argv[2:])
def introspect(what):
    return json.loads(subprocess.check_output(["meson", "introspect", what, build]))
targets = {t["id"]: t for t in introspect("--targets")}
ids = {dep for test in introspect("--tests") if test["name"] in names for dep in test["depends"]}
for i in sorted(ids):
    subdir = os.path.relpath(os.path.dirname(targets[i]["defined_in"]), os.getcwd())
    print(f"{subdir}/{targets[i]['name']}")
PY
)
  meson compile -C "$build" "${targets[@]}"
  set -- --no-rebuild "${hostile[@]}" "$@"
else
  meson compile -C "$build"
fi

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

status=0
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- meson test -C "$build" --print-errorlogs --num-processes 2 \
  --wrapper "$PWD/build-aux/sanitize.sh --run-test" --timeout-multiplier "${ATLAS_ASAN_TIMEOUT_MULTIPLIER:-10}" "$@" || status=$?

# With a --wrapper meson names its log after it (testlog-sanitize.sh.json;
# --logbase only changes the part before it): the newest log is this run's.
python3 - "$build/meson-logs" <<'PY'
import glob, json, os, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
with open(max(glob.glob(os.path.join(sys.argv[1], "testlog*.json")), key=os.path.getmtime)) as log:
    for line in log:
        result = json.loads(line)["result"]
        key = {"OK": "passed", "EXPECTEDFAIL": "passed", "SKIP": "skipped"}.get(result, "failed")
        counts[key] += 1
print(f"Sanitized tests: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
PY
exit $status

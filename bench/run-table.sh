#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole table of issue 12 in one run, written as Markdown into
# bench/README.md (between the "run-table" markers) with the date, the load
# average and the build type:
#
#  - filter change -> chart painted at 1M and 10M records (bench-filter.sh
#    with DB=, overview and Compare);
#  - `stats --by experience --region US,IN` at 1M vs pandas read_csv +
#    groupby and vs pandas read_pickle of the three columns + groupby
#    (bench/stats-pandas.py);
#  - `export --chart compare` PNG and SVG at 74k and 1M vs matplotlib
#    (bench/compare-matplotlib.py);
#  - `--version` vs `sqlite3 -version`;
#  - import of 74k, 1M and 10M rows vs `sqlite3 .import`, in CPU time, and
#    the peak RSS of the 10M import (/usr/bin/time -v) vs sqlite3's;
#  - the first frame with data at 1M vs bench/bare-window.
#
# Each comparison alternates its commands (A B A B ...) and reports medians
# of wall time, CPU time (user + system) and peak RSS (bench/run-table.py).
# The inputs are real rows only, made once and cached by bench-data.sh.
#
# Usage: bench/run-table.sh [SALARY_ATLAS_BINARY] [BARE_WINDOW_BINARY]
# Environment: BENCH_CACHE (see bench-data.sh), RUNS (default 5), RUNS_10M
# (default 2), RUNS_VERSION (default 30), ONLY (e.g. "import,version": those
# rows only, printed and not written into the README), IMPORT_SIZES (default
# "74k,1M,10M").  It takes 30-60 min
# on a loaded machine.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../build-aux/headless-session.sh"
bin=$(realpath "${1:-$here/../_build/app/salary-atlas}")
bare=$(realpath "${2:-$(dirname "$bin")/../bench/bare-window}")
cache=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/salary-atlas-bench}
export BENCH_CACHE=$cache

for tool in Xvfb dbus-daemon gdbus sqlite3 /usr/bin/python3 /usr/bin/time "$bin" "$bare"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-table: $tool not found" >&2; exit 1; }
done
/usr/bin/python3 -c 'import pandas, matplotlib' ||
  { echo "run-table: needs Debian's python3-pandas and python3-matplotlib" >&2; exit 1; }

"$here/bench-data.sh" "$bin"

work=$(mktemp -d)
xvfb=
bus=
cleanup () {
  [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
  [ -z "$bus" ] || kill "$bus" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
export LC_ALL=C.UTF-8

# The display of the start-up row (bench-filter.sh starts its own).
start_headless_session "$work" 1920x1080x24

/usr/bin/python3 "$here/run-table.py" "$bin" "$bare" "$cache" "$work" "$here/README.md" "${ONLY:-}"

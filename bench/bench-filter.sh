#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Filter-change latency of the window against issue 4 ("a filter change on
# the 74k-row aijobs data updates the chart within 100 ms"), in the real
# application on a display.
#
# The window runs with SALARY_ATLAS_TRACE_LATENCY=1, which adds the window
# action "bench-filter" and prints "filter→paint N ms" to stderr for each
# change made through it: from the start of the action (before the filter
# pane changes) to the "after-paint" of the frame clock after the visible
# page has the results of all its queries, that is to the frame that shows
# the new chart. This script changes the filters through that action over
# D-Bus (org.gtk.Actions.Activate on the window's object path, as gdbus
# does it), one change at a time: it waits for each change's line, then
# lets the background queries of the other pages finish (PAUSE seconds)
# before the next change, as a person clicking would.
#
# Changes: regions toggled on and off (United Kingdom, Canada, Germany,
# India, ...) and the currency mode (USD, local, PPP), 24 in all, on two
# pages: the overview (cards, compare chart, ratios, top companies: four
# queries) and Compare (the chart page: three queries).
#
# Own Xvfb (free display, -displayfd) and D-Bus session bus; GSettings in a
# keyfile in a temporary folder, which selects the page.
#
# Usage: bench/bench-filter.sh [SALARY_ATLAS_BINARY] [CSV]
# Environment: PAUSE (seconds between changes, default 0.5); TIMEOUT (seconds
# to wait for a change, default 10); DB (an existing
# database instead of one made from CSV, e.g. the 1M and 10M ones of
# bench-data.sh; the window only reads it); LOGDIR (a folder to keep the
# window's logs in, PAGE.log); PAGES (the pages to measure, default
# "overview compare").
#
# Besides the wall time of each change, the window reports when the page
# had its results, the frames painted and the CPU time of its main thread
# and of the whole process during the change: the script prints their
# medians too (on a loaded machine the CPU times are the steadier figures).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../build-aux/headless-session.sh"
bin=${1:-$here/../_build/app/salary-atlas}
csv=${2:-$here/../../shared/data/aijobs-salaries-2025-01-19.csv}
schema_dir=$(cd "$(dirname "$bin")/../data/desktop" && pwd)
pause=${PAUSE:-0.5}

for tool in Xvfb dbus-daemon gdbus python3 sqlite3 "$bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-filter: $tool not found" >&2; exit 1; }
done
[ -r "$csv" ] || { echo "bench-filter: cannot read $csv" >&2; exit 1; }

work=$(mktemp -d)
xvfb=
bus=
app=
cleanup () {
  [ -z "$app" ] || kill "$app" 2>/dev/null || true
  [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
  [ -z "$bus" ] || kill "$bus" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

export LC_ALL=C.UTF-8

if [ -n "${DB:-}" ]; then
  db=$DB
else
  db=$work/atlas.db
  "$bin" import --db "$db" --name "aijobs.net salaries" --licence CC0-1.0 "$csv" >/dev/null
fi
records=$(sqlite3 "$db" "SELECT count(*) FROM records")

start_headless_session "$work" 1920x1080x24

export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config" GSETTINGS_SCHEMA_DIR="$schema_dir"
export SALARY_ATLAS_DB="$db" SALARY_ATLAS_TRACE_LATENCY=1
mkdir -p "$work/config/glib-2.0/settings"

# Waits until $1 has at least $2 lines matching $3 (timeout TIMEOUT s, 10).
wait_lines () {
  for _ in $(seq $((${TIMEOUT:-10} * 100))); do
    [ "$(grep -c "$3" "$1" 2>/dev/null || true)" -ge "$2" ] && return 0
    sleep 0.01
  done
  echo "bench-filter: timed out waiting for \"$3\" in $1" >&2
  cat "$1" >&2
  return 1
}

app_id=$(sed -n 's/^#define APP_ID "\(.*\)"/\1/p' "$(dirname "$bin")/../config.h")
app_path=/$(echo "$app_id" | tr . /)

changes="region:GB region:GB region:CA region:CA mode:ppp mode:usd region:DE region:DE
region:IN region:IN region:FR region:FR mode:local mode:usd region:GB region:CA
region:GB region:CA region:AU region:AU mode:ppp mode:usd region:IN region:IN"

echo "== filter change → painted chart, $records records (display $DISPLAY)"
for page in ${PAGES:-overview compare}; do
  printf "[org/salaryatlas/SalaryAtlas]\nlast-view='%s'\n" "$page" \
    >"$work/config/glib-2.0/settings/keyfile"
  log=$work/$page.log
  "$bin" 2>"$log" &
  app=$!
  wait_lines "$log" 1 "first frame with data painted"
  sleep 1
  echo "   $page page, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

  n=0
  for change in $changes; do
    n=$((n + 1))
    gdbus call --session --dest "$app_id" --object-path "$app_path/window/1" \
      --method org.gtk.Actions.Activate bench-filter "[<'$change'>]" '{}' >/dev/null
    wait_lines "$log" "$n" "filter→paint"
    sleep "$pause"
  done

  echo "   $page page, load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  gdbus call --session --dest "$app_id" --object-path "$app_path" \
    --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null
  wait "$app" || true
  app=
  [ -z "${LOGDIR:-}" ] || cp "$log" "$LOGDIR/"
done

logs=
for page in ${PAGES:-overview compare}; do logs="$logs $work/$page.log"; done
# shellcheck disable=SC2086
python3 - $logs <<'PY'
import re, statistics, sys
for path in sys.argv[1:]:
    ms = [float(m.group(1)) for m in re.finditer(r"filter→paint ([0-9.]+) ms \(page (\w+)\)", open(path).read())]
    page = re.search(r"\(page (\w+)\)", open(path).read()).group(1)
    ms_sorted = sorted(ms)
    p90 = ms_sorted[max(0, -(-9 * len(ms) // 10) - 1)]
    print(f"{page:9} n={len(ms)}  median {statistics.median(ms):6.1f} ms  p90 {p90:6.1f} ms  "
          f"min {ms_sorted[0]:6.1f}  max {ms_sorted[-1]:6.1f}  "
          f"(target <= 100 ms: {'met' if p90 <= 100 else 'median met, p90 not' if statistics.median(ms) <= 100 else 'NOT met'})")
    extra = re.findall(r"filter→paint [0-9.]+ ms \(page \w+\) results ([0-9.-]+) ms frames (\d+)"
                       r" cpu main ([0-9.]+) ms, process ([0-9.]+) ms", open(path).read())
    if extra:
        col = lambda i: statistics.median(float(e[i]) for e in extra)
        print(f"{'':9} medians: results at {col(0):6.1f} ms, frames {col(1):.0f}, "
              f"CPU main thread {col(2):6.1f} ms, process {col(3):6.1f} ms")
PY

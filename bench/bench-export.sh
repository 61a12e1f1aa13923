#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `salary-atlas export --chart compare` against the matplotlib script
# drawing the same box chart from the same CSV, whole process, PNG and SVG,
# side by side in one hyperfine run.
#
# Usage: bench/bench-export.sh [SALARY_ATLAS_BINARY] [CSV]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../_build/app/salary-atlas}
csv=${2:-$here/../../shared/data/aijobs-salaries-2025-01-19.csv}
python=/usr/bin/python3   # Debian's python3-matplotlib lives here

for tool in hyperfine "$python" "$bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-export: $tool not found" >&2; exit 1; }
done
[ -r "$csv" ] || { echo "bench-export: cannot read $csv" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

export LC_ALL=C.UTF-8
"$bin" import --db "$work/atlas.db" --name "aijobs.net salaries" --licence CC0-1.0 "$csv" >/dev/null

export_cmd="$bin export --db $work/atlas.db --chart compare --region US,IN --width 1000 --height 625"
mpl_cmd="$python $here/compare-matplotlib.py $csv"

hyperfine --warmup 2 --min-runs 10 --export-markdown "$work/results.md" \
  -n "salary-atlas PNG" "$export_cmd -o $work/atlas.png" \
  -n "matplotlib PNG" "$mpl_cmd $work/mpl.png 1000 625" \
  -n "salary-atlas SVG" "$export_cmd -o $work/atlas.svg" \
  -n "matplotlib SVG" "$mpl_cmd $work/mpl.svg 1000 625"

cat "$work/results.md"

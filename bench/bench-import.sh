#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `salary-atlas import` of the 74,301-row aijobs file against
# `sqlite3 DB ".import --csv FILE t"` on the same file, whole process, side by
# side in one hyperfine run (issue 2 asks for at most 1.5x).
#
# Each run starts from the same state: salary-atlas from a database that
# already holds the embedded default data (so first-start seeding is not
# counted), sqlite3 from no database at all.  Both write a real file in the
# same temporary folder.
#
# Usage: bench/bench-import.sh [SALARY_ATLAS_BINARY] [CSV]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../_build/app/salary-atlas}
csv=${2:-$here/../../shared/data/aijobs-salaries-2025-01-19.csv}

for tool in hyperfine sqlite3 python3 "$bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-import: $tool not found" >&2; exit 1; }
done
[ -r "$csv" ] || { echo "bench-import: cannot read $csv" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

export LC_ALL=C.UTF-8

# A seeded database to start every salary-atlas run from.
"$bin" sources --db "$work/template.db" >/dev/null
[ ! -e "$work/template.db-wal" ] || { echo "bench-import: template left a WAL" >&2; exit 1; }

hyperfine --warmup 2 --min-runs 10 \
  --export-json "$work/results.json" --export-markdown "$work/results.md" \
  -n "salary-atlas import" \
  --prepare "rm -f $work/atlas.db $work/atlas.db-wal $work/atlas.db-shm; cp $work/template.db $work/atlas.db" \
  "$bin import --db $work/atlas.db $csv" \
  -n "sqlite3 .import" \
  --prepare "rm -f $work/sqlite.db $work/sqlite.db-journal" \
  "sqlite3 $work/sqlite.db '.import --csv $csv t'"

cat "$work/results.md"

python3 - "$work/results.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
atlas, sqlite = r["salary-atlas import"], r["sqlite3 .import"]
ratio = atlas["mean"] / sqlite["mean"]
print(f"\nsalary-atlas / sqlite3 = {ratio:.2f}x (target <= 1.5x): "
      f"{'met' if ratio <= 1.5 else 'NOT met'}")
PY

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Records (issue 11) on a database of at least 1,000,000 records:
#
#  1. the first page (100 rows) of every sort, both directions, under a few
#     filters, and the count, in-process (bench/bench-records; target: the
#     first rows in under 100 ms);
#  2. "salary-atlas records --format csv" of every record: wall time and peak
#     RSS (/usr/bin/time -v; target: under 64 MiB), and the same for JSON.
#
# The database is made of REAL rows only: the aijobs.net file (74,301 rows,
# CC0 1.0) imported again and again under distinct source names until there
# are at least 1,000,000 records, as in bench-startup.sh.  With DB=FILE an
# existing database is used instead (it is not changed).
#
# Usage: bench/bench-records.sh [SALARY_ATLAS_BINARY] [CSV]
# Environment: DB (an existing database), RUNS (default 7).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../_build/app/salary-atlas}
bench=$(dirname "$bin")/../bench/bench-records
csv=${2:-$here/../../shared/data/aijobs-salaries-2025-01-19.csv}
runs=${RUNS:-7}

for tool in python3 /usr/bin/time "$bin" "$bench"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-records: $tool not found" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8

if [ -n "${DB:-}" ]; then
  db=$DB
else
  [ -r "$csv" ] || { echo "bench-records: cannot read $csv" >&2; exit 1; }
  db=$work/big.db
  echo "== building a database of at least 1,000,000 real records"
  per_file=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$csv")
  copies=$(( (1000000 + per_file - 1) / per_file ))
  i=1
  while [ "$i" -le "$copies" ]; do
    "$bin" import --db "$db" --name "aijobs.net salaries, copy $i of $copies" \
      --licence CC0-1.0 "$csv" >/dev/null
    i=$((i + 1))
  done
fi

echo "== first pages and counts (load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$bench" "$db" "$runs"

for format in csv json; do
  echo "== salary-atlas records --format $format (every record)"
  /usr/bin/time -v "$bin" records --db "$db" --format "$format" -o "$work/out.$format" \
    2>"$work/time.$format"
  rows=$(grep -E '^[0-9]+ rows' "$work/time.$format" || true)
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.$format")
  kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.$format")
  printf '   %s, %s bytes, wall %s, peak RSS %d KiB (%d MiB; target: under 64 MiB)\n' \
    "$rows" "$(stat -c %s "$work/out.$format")" "$wall" "$kib" $((kib / 1024))
  rm -f "$work/out.$format"
done

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The large inputs of the benchmarks, made of REAL rows only and cached
# outside the repository, so that reruns are quick:
#
#   aijobs-1M.csv    the aijobs.net file (74,301 rows, CC0 1.0): its header,
#                    then its rows 14 times (1,040,214 rows)
#   aijobs-10M.csv   the same, 135 times (10,030,635 rows, 566 MB)
#   atlas-1M.db      the aijobs.net file imported 14 times under distinct
#                    source names ("aijobs.net salaries, copy 1 of 14", ...),
#                    as bench-startup.sh does: 1,040,214 records
#   atlas-10M.db     the aijobs.net file 122 times and the levels.fyi file
#                    (29,880 rows, with employers) 32 times, each under a
#                    distinct name: about 10,000,000 records, 1.3 GB
#
# No row is invented or altered: a repeated row is a copy of a real one.
# Within one CSV the copies of a row are distinct records by their
# occurrence number (the row uid's "-N"), as for any repeated row.
#
# Usage: bench/bench-data.sh [SALARY_ATLAS_BINARY]
# Environment: BENCH_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/salary-atlas-bench).
# Prints nothing but progress; the files are in $BENCH_CACHE.  Delete a file
# to have it made again (e.g. after a change of the importer's output).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../_build/app/salary-atlas}
data=$here/../../shared/data
aijobs=$data/aijobs-salaries-2025-01-19.csv
levels=$data/levels-fyi-stem-salaries-2017-2021.csv
cache=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/salary-atlas-bench}

for f in "$aijobs" "$levels"; do
  [ -r "$f" ] || { echo "bench-data: cannot read $f" >&2; exit 1; }
done
mkdir -p "$cache"
export LC_ALL=C.UTF-8

# 10M rows need about 0.6 GB of CSV and 1.3 GB of database, plus the
# database's WAL while it is written.
need_mb=3000
free_mb=$(df -Pm "$cache" | awk 'NR == 2 { print $4 }')
if [ ! -e "$cache/atlas-10M.db" ] && [ "$free_mb" -lt "$need_mb" ]; then
  echo "bench-data: $cache has $free_mb MB free, $need_mb MB needed" >&2
  exit 1
fi

# $1 copies of $2's rows after its header, into $3.
repeat_csv () {
  [ -s "$3" ] && return 0
  echo "== $3: the header and $1 copies of the rows of $(basename "$2")" >&2
  {
    head -n 1 "$2"
    i=0
    while [ "$i" -lt "$1" ]; do
      tail -n +2 "$2"
      i=$((i + 1))
    done
  } >"$3.part"
  mv "$3.part" "$3"
}

# Imports $2 copies of file $3 named "$4, copy I of $2" into database $1.
import_copies () {
  i=1
  while [ "$i" -le "$2" ]; do
    "$bin" import --db "$1" --name "$4, copy $i of $2" "$3" >/dev/null
    i=$((i + 1))
  done
}

repeat_csv 14 "$aijobs" "$cache/aijobs-1M.csv"
repeat_csv 135 "$aijobs" "$cache/aijobs-10M.csv"

if [ ! -s "$cache/atlas-1M.db" ]; then
  echo "== $cache/atlas-1M.db: aijobs.net x 14" >&2
  rm -f "$cache/part-1M.db" "$cache/part-1M.db-wal" "$cache/part-1M.db-shm"
  import_copies "$cache/part-1M.db" 14 "$aijobs" "aijobs.net salaries"
  "$bin" sources --db "$cache/part-1M.db" >/dev/null   # checkpoints the WAL
  mv "$cache/part-1M.db" "$cache/atlas-1M.db"
fi

if [ ! -s "$cache/atlas-10M.db" ]; then
  echo "== $cache/atlas-10M.db: aijobs.net x 122, levels.fyi x 32" >&2
  rm -f "$cache/part-10M.db" "$cache/part-10M.db-wal" "$cache/part-10M.db-shm"
  import_copies "$cache/part-10M.db" 122 "$aijobs" "aijobs.net salaries"
  import_copies "$cache/part-10M.db" 32 "$levels" "levels.fyi salaries"
  "$bin" sources --db "$cache/part-10M.db" >/dev/null
  mv "$cache/part-10M.db" "$cache/atlas-10M.db"
fi

for db in "$cache/atlas-1M.db" "$cache/atlas-10M.db"; do
  echo "   $(basename "$db"): $(sqlite3 "$db" "SELECT count(*) FROM records") records," \
       "$(du -m "$db" | cut -f1) MB" >&2
done

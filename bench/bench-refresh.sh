#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Refresh over HTTP against the targets of issue 5, whole process, with the
# feed served by tests/feed-server.py on 127.0.0.1 (gzip on, as a real
# server would):
#
#  1. refreshing the 74,301-row aijobs file from the loopback server takes at
#     most 1.3x importing the same file from disk (hyperfine, side by side,
#     both starting from the same seeded database);
#  2. a 304 refresh, whole process, takes under 100 ms;
#  3. peak memory while refreshing a 1M-row feed (the real rows repeated,
#     about 55 MB, built in a temporary folder and never kept) stays within
#     40 MiB of an idle refresh (the 304 one: same binary, libcurl, database).
#
# Usage: bench/bench-refresh.sh [SALARY_ATLAS_BINARY] [CSV]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../_build/app/salary-atlas}
csv=${2:-$here/../../shared/data/aijobs-salaries-2025-01-19.csv}
server_script=$here/../tests/feed-server.py

for tool in hyperfine python3 /usr/bin/time "$bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-refresh: $tool not found" >&2; exit 1; }
done
[ -r "$csv" ] || { echo "bench-refresh: cannot read $csv" >&2; exit 1; }

work=$(mktemp -d)
server=
cleanup () {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

export LC_ALL=C.UTF-8
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

mkdir "$work/www"
ln -s "$(cd "$(dirname "$csv")" && pwd)/$(basename "$csv")" "$work/www/salaries.csv"

# About 1,000,000 rows: the header, then the real rows over and over.
python3 - "$csv" "$work/www/big.csv" <<'EOF'
import sys
lines = open(sys.argv[1], "rb").read().splitlines(keepends=True)
header, rows = lines[0], lines[1:]
with open(sys.argv[2], "wb") as out:
    out.write(header)
    n = 0
    while n < 1_000_000:
        chunk = rows[: 1_000_000 - n]
        out.writelines(chunk)
        n += len(chunk)
EOF

python3 "$server_script" --root "$work/www" --ignore-stdin >"$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -n 1 "$work/port")
base=http://127.0.0.1:$port/files

# A seeded database to start every run from, so first-start seeding is not counted.
"$bin" sources --db "$work/template.db" >/dev/null
reset_db="rm -f $work/atlas.db $work/atlas.db-wal $work/atlas.db-shm; cp $work/template.db $work/atlas.db"

echo "== 1. refresh from loopback vs import from disk (74,301 rows)"
hyperfine --warmup 1 --min-runs 10 --export-markdown "$work/speed.md" \
  -n "import from disk" --prepare "$reset_db" \
  "$bin import --db $work/atlas.db --name bench $csv" \
  -n "refresh from loopback" --prepare "$reset_db" \
  "$bin refresh --db $work/atlas.db --quiet --url $base/salaries.csv --format aijobs --name bench"
cat "$work/speed.md"

echo
echo "== 2. refresh that gets 304 Not Modified, whole process"
cp "$work/template.db" "$work/304.db"
"$bin" refresh --db "$work/304.db" --quiet --url "$base/salaries.csv" --format aijobs --name bench
"$bin" refresh --db "$work/304.db" --quiet bench
hyperfine --warmup 3 --min-runs 30 --export-markdown "$work/304.md" \
  -n "refresh (304)" "$bin refresh --db $work/304.db --quiet bench"
cat "$work/304.md"

echo
echo "== 3. peak memory (maximum resident set size)"
idle_kib=$(/usr/bin/time -f %M "$bin" refresh --db "$work/304.db" --quiet bench 2>&1 >/dev/null | tail -n 1)
cp "$work/template.db" "$work/big.db"
big_kib=$(/usr/bin/time -f %M "$bin" refresh --db "$work/big.db" --quiet \
            --url "$base/big.csv" --format aijobs --name big 2>&1 >"$work/big.out" | tail -n 1)
cat "$work/big.out"
cp "$work/template.db" "$work/big-disk.db"
disk_kib=$(/usr/bin/time -f %M "$bin" import --db "$work/big-disk.db" --name big \
             "$work/www/big.csv" 2>&1 >/dev/null | tail -n 1)
size=$(stat -c %s "$work/www/big.csv")

printf 'feed: 1,000,000 rows, %s bytes\n' "$size"
printf 'idle refresh (304):        %6d KiB\n' "$idle_kib"
printf 'refresh of the 1M feed:    %6d KiB  (+%d MiB over idle; target: at most +40 MiB)\n' \
  "$big_kib" $(( (big_kib - idle_kib) / 1024 ))
printf 'import of it from disk:    %6d KiB  (+%d MiB over idle, for comparison)\n' \
  "$disk_kib" $(( (disk_kib - idle_kib) / 1024 ))

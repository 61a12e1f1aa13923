#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets of tests/fuzz with clang (-Dfuzzing=true: ASan,
# UBSan and coverage on the whole core), writes their seed corpora from small
# real excerpts and runs each target for a while.
#
#   build-aux/fuzz.sh            25 s per target (what CI runs, about 2.5 min)
#   build-aux/fuzz.sh 3600       an hour per target (a long run; the corpora
#                                in _build-fuzz/corpus grow between runs)
#   FUZZ_TARGETS="csv" build-aux/fuzz.sh 600
#
# A crash or a failed check stops the run with the input that caused it in
# _build-fuzz/artifacts/ and a non-zero exit; replay it with
#   _build-fuzz/tests/fuzz/fuzz-NAME _build-fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-25}
build=_build-fuzz
targets=${FUZZ_TARGETS:-csv import-rows mapping feed-json in-figures}
data=${ATLAS_SHARED_DATA:-../shared/data}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true
fi
# Regenerated first where meson.build changed: a new target is unknown before.
ninja -C "$build" build.ninja >/dev/null
meson compile -C "$build" $(for t in $targets; do echo "tests/fuzz/fuzz-$t"; done)

corpus=$build/corpus
mkdir -p "$corpus" "$build/artifacts"
# The seeds below go to every target's corpus, also those FUZZ_TARGETS leaves
# out (FUZZ_TARGETS=import-rows stopped here on the missing corpus/csv).
for t in csv import-rows mapping feed-json in-figures $targets; do mkdir -p "$corpus/$t"; done

# Seeds: the header and first rows of each real file (never copied into the
# repository; the corpora live in the build directory).  fuzz-csv reads its
# first byte as the chunk size, so its seeds get one in front.
if [ -d "$data" ]; then
  n=0
  for f in "$data"/*.csv; do
    n=$((n + 1))
    head -n 12 "$f" > "$corpus/import-rows/seed-$n.csv"
    { printf '\001'; head -n 6 "$f"; } > "$corpus/csv/seed-$n.csv"
  done
  # Published Indian figures: the real file's header and rows with lakh
  # amounts, a row refused as inconsistent, and one in crore.
  figures="$data/india-data-science-salaries-ambitionbox-style.csv"
  if [ -f "$figures" ]; then
    head -n 12 "$figures" > "$corpus/in-figures/seed-head.csv"
    { head -n 3 "$figures"; sed -n '3p' "$figures" | sed 's/,\([0-9.]*L\),\([0-9.]*L\),/,\2,\1,/'
      sed -n '4p' "$figures" | sed 's/L,/Cr,/g'; } > "$corpus/in-figures/seed-edited.csv"
  fi
fi
printf '\003a,"b ""q""",c\r\n1,"x\ny",3\n' > "$corpus/csv/seed-quotes.csv"
printf 'title,company,country,amount,currency,year,date,experience,remote,kind\n%s\n%s\n' \
  'Data Scientist,Acme,IN,"1,20,000",INR,2023,2023-04-01,senior,50,survey' \
  'ML Engineer,,US,$9000,USD,2024,,EN,,posting' > "$corpus/import-rows/seed-mapped.csv"
cp docs/example-feed.json "$corpus/feed-json/seed-example.json"
printf '[columns]\ntitle=Job Title\namount=Pay\ncurrency=Cur\ncountry=Where\ndate=When\n[constants]\nkind=report\nyear=2023\n[options]\namount-unit=hour\n[source]\nname=x\nlicence=CC0-1.0\n' \
  > "$corpus/mapping/seed-1.map"
printf '[columns]\ntitle=t\namount=a\n[constants]\ncountry=IN\ncurrency=INR\nyear=2022\n' \
  > "$corpus/mapping/seed-2.map"

status=0
for t in $targets; do
  echo "fuzz-$t: $seconds s"
  rm -f "$build/artifacts/$t-"*
  "$build/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
    "$corpus/$t" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|ERROR|INFO: Seed)|Done [0-9]+ runs" || true
  if ls "$build/artifacts/$t-"* >/dev/null 2>&1; then
    echo "fuzz-$t FOUND A PROBLEM: $(ls "$build/artifacts/$t-"*)"
    status=1
  fi
done
exit $status

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Start-up of the command line: `salary-atlas --version` against
# `sqlite3 -version`, whole process.  Issue 9: the command line never loads
# the window module (GTK 4, libadwaita); before, --version went through it.
#
# Two measures, both whole-process wall time:
#  1. hyperfine, the two commands side by side (in blocks);
#  2. the commands alternating, run by run (PAIRS rounds, default 100), and
#     the median of the per-round ratios, which a machine whose speed drifts
#     during the run (other people's work on two cores) moves less.  The
#     rounds also time `salary-atlas --db FILE --version`, which the window
#     module answers: what every --version cost before.
#
# Usage: bench/bench-version.sh [SALARY_ATLAS_BINARY]
# Environment: PAIRS (default 100).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../_build/app/salary-atlas}
pairs=${PAIRS:-100}

for tool in hyperfine sqlite3 python3 "$bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-version: $tool not found" >&2; exit 1; }
done

export LC_ALL=C.UTF-8

hyperfine --warmup 5 --min-runs 50 -N \
  -n "salary-atlas --version" "$bin --version" \
  -n "sqlite3 -version" "sqlite3 -version"

python3 - "$bin" "$pairs" <<'PY'
import statistics, subprocess, sys, tempfile, time

binary, pairs = sys.argv[1], int(sys.argv[2])
db = tempfile.mkdtemp(prefix="bench-version-") + "/atlas.db"
commands = {"salary-atlas --version": [binary, "--version"],
            "sqlite3 -version": ["sqlite3", "-version"],
            "salary-atlas --db FILE --version (window module)": [binary, "--db", db, "--version"]}

def once(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000

for argv in commands.values():      # warm-up
    once(argv)
times = {name: [] for name in commands}
for _ in range(pairs):
    for name, argv in commands.items():
        times[name].append(once(argv))

names = list(commands)
ratios = [a / b for a, b in zip(times[names[0]], times[names[1]])]
window = [w / a for a, w in zip(times[names[0]], times[names[2]])]
for name, values in times.items():
    print(f"{name}: median {statistics.median(values):.2f} ms "
          f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)")
print(f"salary-atlas / sqlite3, median of {pairs} alternating rounds: "
      f"{statistics.median(ratios):.2f}x")
print(f"through the window module / command line, median of {pairs} rounds: "
      f"{statistics.median(window):.2f}x")
PY

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The matplotlib baseline for bench-export.sh: the same box chart as
`salary-atlas export --chart compare --region US,IN` (p25-p75 boxes, median,
whiskers to p10/p90, one box per region per experience level), drawn from
the aijobs CSV with Debian's python3-matplotlib.

Usage: compare-matplotlib.py CSV OUTPUT.png|OUTPUT.svg [WIDTH HEIGHT]
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

LEVELS = ["EN", "MI", "SE", "EX"]
LEVEL_NAMES = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive"}
REGIONS = [("US", "United States", "#0072B2"), ("IN", "India", "#E69F00")]


def main():
    path, output = sys.argv[1], sys.argv[2]
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    height = int(sys.argv[4]) if len(sys.argv) > 4 else 625

    values = {(r, lvl): [] for r, _, _ in REGIONS for lvl in LEVELS}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["company_location"], row["experience_level"])
            if key in values:
                values[key].append(float(row["salary_in_usd"]))

    dpi = 100
    fig, ax = plt.subplots(figsize=(width / dpi, height / dpi), dpi=dpi)
    n_regions = len(REGIONS)
    for i, (region, name, colour) in enumerate(REGIONS):
        stats = []
        positions = []
        for j, lvl in enumerate(LEVELS):
            v = np.asarray(values[(region, lvl)])
            if v.size == 0:
                continue
            p10, p25, med, p75, p90 = np.percentile(v, [10, 25, 50, 75, 90])
            stats.append({"med": med, "q1": p25, "q3": p75, "whislo": p10,
                          "whishi": p90, "fliers": [], "label": f"n={v.size}"})
            positions.append(j + (i - (n_regions - 1) / 2) * 0.35)
        ax.bxp(stats, positions=positions, widths=0.28, patch_artist=True,
               boxprops={"facecolor": colour, "edgecolor": colour},
               medianprops={"color": "black", "linewidth": 2},
               whiskerprops={"color": colour}, capprops={"color": colour},
               showfliers=False, manage_ticks=False)
        ax.plot([], [], "s", color=colour, label=name)

    ax.set_xticks(range(len(LEVELS)), [LEVEL_NAMES[lvl] for lvl in LEVELS])
    ax.yaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda v, _: f"${v / 1000:.0f}K"))
    ax.set_title("Pay by experience level", loc="left", fontweight="bold")
    ax.legend(loc="upper left", frameon=False, ncol=2)
    ax.grid(axis="y", alpha=0.3)
    fig.text(0.01, 0.01, "Source: aijobs.net salaries (CC0 1.0). Boxes: 25th-75th "
             "percentile, whiskers: 10th-90th percentile.", fontsize=8)
    fig.savefig(output)


if __name__ == "__main__":
    main()

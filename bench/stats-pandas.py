#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pandas baselines of `salary-atlas stats --by experience --region US,IN`
(bench/run-table.sh): per region (aijobs' employee_residence, the records'
country) and experience level, n, mean and the 10th, 25th, 50th, 75th and
90th percentiles of salary_in_usd, with pandas' default (linear) quantiles.

  stats-pandas.py CSV              read_csv of the whole file, then groupby
  stats-pandas.py --pickle PICKLE  read_pickle of the three columns, then groupby
  stats-pandas.py --make-pickle CSV PICKLE   writes PICKLE (not timed)
"""
import sys

import pandas as pd

COLUMNS = ["employee_residence", "experience_level", "salary_in_usd"]


def stats(df):
    df = df[df["employee_residence"].isin(["US", "IN"])]
    grouped = df.groupby(["employee_residence", "experience_level"])["salary_in_usd"]
    out = grouped.describe(percentiles=[0.1, 0.25, 0.5, 0.75, 0.9])
    print(out[["count", "mean", "10%", "25%", "50%", "75%", "90%"]].to_string())


def main():
    if sys.argv[1] == "--make-pickle":
        pd.read_csv(sys.argv[2], usecols=COLUMNS).to_pickle(sys.argv[3])
    elif sys.argv[1] == "--pickle":
        stats(pd.read_pickle(sys.argv[2]))
    else:
        stats(pd.read_csv(sys.argv[1]))


if __name__ == "__main__":
    main()

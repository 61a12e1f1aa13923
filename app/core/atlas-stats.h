/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-stats.h: order statistics with honest sample-size reporting. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The default below which a group is flagged as a small sample. */
#define ATLAS_STATS_DEFAULT_SMALL_SAMPLE 30

typedef struct
{
  gsize    n;
  double   mean;
  double   min;
  double   max;
  double   p10;
  double   p25;
  double   median;
  double   p75;
  double   p90;
  /* 95 % confidence interval of the median (order-statistic method);
   * NAN when n is too small to give one. */
  double   median_ci_low;
  double   median_ci_high;
} AtlasSummary;

/* Linear interpolation between closest ranks (numpy's default, pandas'
 * quantile): h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 * @sorted must be ascending; @p in [0, 1]. NAN for n == 0. */
double   atlas_stats_percentile_sorted (const double *sorted,
                                        gsize         n,
                                        double        p);

/* Distribution-free confidence interval for the median: the ranks (0-based,
 * inclusive) j and k such that P(X(j) <= median <= X(k)) >= @level, from the
 * Binomial(n, 1/2) distribution (exact).
 * Returns FALSE when no such interval exists (n < 6 at 95 %). */
gboolean atlas_stats_median_ci_ranks   (gsize         n,
                                        double        level,
                                        gsize        *low_rank,
                                        gsize        *high_rank);

/* Sorts @values in place and fills @out. */
void     atlas_stats_summarise         (double       *values,
                                        gsize         n,
                                        AtlasSummary *out);

/* The same for @values already in ascending order (not changed). */
void     atlas_stats_summarise_sorted  (const double *values,
                                        gsize         n,
                                        AtlasSummary *out);

void     atlas_stats_sort              (double       *values,
                                        gsize         n);

/* n equal values. */
typedef struct
{
  double value;
  gint64 n;
} AtlasStatsRun;

/* Sorts @runs in place by value (equal values stay apart). */
void     atlas_stats_sort_runs         (AtlasStatsRun *runs,
                                        gsize          n_runs);

/* What atlas_stats_summarise_sorted() gives for the values of @runs
 * (ascending by value; each value written n times), bit for bit, without
 * writing them out: the mean adds the values in the same order, and each
 * order statistic is read at its rank. */
void     atlas_stats_summarise_runs    (const AtlasStatsRun *runs,
                                        gsize                n_runs,
                                        AtlasSummary        *out);

G_END_DECLS

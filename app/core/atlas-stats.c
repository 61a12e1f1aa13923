/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-stats.c: percentiles, summaries and the confidence interval of the median. */

#include <math.h>

#include "atlas-stats.h"

/* An introsort-free quicksort specialised for an element type: the generic
 * qsort() with a comparison callback is most of the time of a large group.
 * Median of three pivots, insertion sort below 16 elements, recursion on the
 * smaller side so the stack stays logarithmic.  KEY(x) is the double that
 * orders an element; one definition for values and for runs of values. */
#define DEFINE_QUICKSORT(name, Type, KEY)                                      \
static void                                                                   \
name##_insertion (Type  *v,                                                   \
                  gsize  n)                                                   \
{                                                                             \
  for (gsize i = 1; i < n; i++)                                               \
    {                                                                         \
      Type x = v[i];                                                          \
      gsize j = i;                                                            \
                                                                              \
      for (; j > 0 && KEY (v[j - 1]) > KEY (x); j--)                          \
        v[j] = v[j - 1];                                                      \
      v[j] = x;                                                               \
    }                                                                         \
}                                                                             \
                                                                              \
static inline void                                                            \
name##_swap (Type *a,                                                         \
             Type *b)                                                         \
{                                                                             \
  Type t = *a;                                                                \
  *a = *b;                                                                    \
  *b = t;                                                                     \
}                                                                             \
                                                                              \
static void                                                                   \
name (Type  *values,                                                          \
      gsize  n)                                                               \
{                                                                             \
  while (n > 16)                                                              \
    {                                                                         \
      gsize mid = n / 2, i = 0, j = n - 1;                                    \
      double pivot;                                                           \
                                                                              \
      if (KEY (values[mid]) < KEY (values[0]))                                \
        name##_swap (&values[mid], &values[0]);                               \
      if (KEY (values[n - 1]) < KEY (values[0]))                              \
        name##_swap (&values[n - 1], &values[0]);                             \
      if (KEY (values[n - 1]) < KEY (values[mid]))                            \
        name##_swap (&values[n - 1], &values[mid]);                           \
      pivot = KEY (values[mid]);                                              \
                                                                              \
      /* Hoare partition: [0, j] <= pivot <= [j + 1, n). */                   \
      for (;;)                                                                \
        {                                                                     \
          while (KEY (values[i]) < pivot)                                     \
            i++;                                                              \
          while (KEY (values[j]) > pivot)                                     \
            j--;                                                              \
          if (i >= j)                                                         \
            break;                                                            \
          name##_swap (&values[i], &values[j]);                               \
          i++;                                                                \
          j--;                                                                \
        }                                                                     \
                                                                              \
      if (j + 1 < n - j - 1)                                                  \
        {                                                                     \
          name (values, j + 1);                                               \
          values += j + 1;                                                    \
          n -= j + 1;                                                         \
        }                                                                     \
      else                                                                    \
        {                                                                     \
          name (values + j + 1, n - j - 1);                                   \
          n = j + 1;                                                          \
        }                                                                     \
    }                                                                         \
                                                                              \
  name##_insertion (values, n);                                               \
}

#define VALUE_KEY(x) (x)
#define RUN_KEY(x) ((x).value)

DEFINE_QUICKSORT (sort_doubles, double, VALUE_KEY)
DEFINE_QUICKSORT (sort_runs, AtlasStatsRun, RUN_KEY)

void
atlas_stats_sort (double *values,
                  gsize   n)
{
  sort_doubles (values, n);
}

void
atlas_stats_sort_runs (AtlasStatsRun *runs,
                       gsize          n_runs)
{
  sort_runs (runs, n_runs);
}

double
atlas_stats_percentile_sorted (const double *sorted,
                               gsize         n,
                               double        p)
{
  double h;
  gsize lo;

  g_return_val_if_fail (p >= 0.0 && p <= 1.0, NAN);

  if (n == 0)
    return NAN;
  if (n == 1)
    return sorted[0];

  h = (n - 1) * p;
  lo = (gsize) floor (h);
  if (lo >= n - 1)
    return sorted[n - 1];

  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/* log of the Binomial(n, 1/2) probability mass at k. */
static double
log_binomial_half (gsize n,
                   gsize k)
{
  return lgamma (n + 1.0) - lgamma (k + 1.0) - lgamma (n - k + 1.0) - n * G_LN2;
}

gboolean
atlas_stats_median_ci_ranks (gsize   n,
                             double  level,
                             gsize  *low_rank,
                             gsize  *high_rank)
{
  double alpha = 1.0 - level;
  gsize j;

  g_return_val_if_fail (level > 0.0 && level < 1.0, FALSE);

  if (n == 0)
    return FALSE;

  /* Largest j (1-based) with P(B <= j - 1) <= alpha / 2, where B counts
   * observations below the median; the interval is [X(j), X(n - j + 1)]
   * and covers the median with probability 1 - 2 P(B <= j - 1). The sum
   * stops near n/2 - sqrt(n), so this stays cheap for large groups. */
  double cdf = 0.0;
  gsize start = 0;

  /* Below n/2 - 6 sd (sd = sqrt(n)/2) the mass is under 1e-9: start there. */
  if (n > 400)
    start = (gsize) floor (n / 2.0 - 3.0 * sqrt ((double) n));

  j = start;
  for (gsize k = start; k < n; k++)
    {
      cdf += exp (log_binomial_half (n, k));
      if (cdf > alpha / 2.0)
        break;
      j = k + 1;
    }

  if (j == 0)
    return FALSE;

  *low_rank = j - 1;
  *high_rank = n - j;

  return TRUE;
}

void
atlas_stats_summarise (double       *values,
                       gsize         n,
                       AtlasSummary *out)
{
  atlas_stats_sort (values, n);
  atlas_stats_summarise_sorted (values, n, out);
}

void
atlas_stats_summarise_sorted (const double *values,
                              gsize         n,
                              AtlasSummary *out)
{
  double sum = 0.0;
  gsize lo, hi;

  g_return_if_fail (out != NULL);

  *out = (AtlasSummary) {
    .n = n,
    .mean = NAN, .min = NAN, .max = NAN,
    .p10 = NAN, .p25 = NAN, .median = NAN, .p75 = NAN, .p90 = NAN,
    .median_ci_low = NAN, .median_ci_high = NAN,
  };

  if (n == 0)
    return;

  for (gsize i = 0; i < n; i++)
    sum += values[i];

  out->mean = sum / n;
  out->min = values[0];
  out->max = values[n - 1];
  out->p10 = atlas_stats_percentile_sorted (values, n, 0.10);
  out->p25 = atlas_stats_percentile_sorted (values, n, 0.25);
  out->median = atlas_stats_percentile_sorted (values, n, 0.50);
  out->p75 = atlas_stats_percentile_sorted (values, n, 0.75);
  out->p90 = atlas_stats_percentile_sorted (values, n, 0.90);

  if (atlas_stats_median_ci_ranks (n, 0.95, &lo, &hi))
    {
      out->median_ci_low = values[lo];
      out->median_ci_high = values[hi];
    }
}

/* A position in ascending runs: the run holding a rank, found by walking
 * from the rank asked before (the summary asks a dozen, mostly ascending). */
typedef struct
{
  const AtlasStatsRun *runs;
  gsize                i;       /* the run */
  gsize                start;   /* the rank of its first value */
} RunCursor;

/* The value at the 0-based @rank (below the runs' total). */
static double
run_cursor_value (RunCursor *c,
                  gsize      rank)
{
  while (rank < c->start)
    {
      c->i--;
      c->start -= (gsize) c->runs[c->i].n;
    }
  while (rank >= c->start + (gsize) c->runs[c->i].n)
    {
      c->start += (gsize) c->runs[c->i].n;
      c->i++;
    }

  return c->runs[c->i].value;
}

/* atlas_stats_percentile_sorted() over runs of @n values in all. */
static double
runs_percentile (RunCursor *c,
                 gsize      n,
                 double     p)
{
  double h, x;
  gsize lo;

  if (n == 1)
    return run_cursor_value (c, 0);

  h = (n - 1) * p;
  lo = (gsize) floor (h);
  if (lo >= n - 1)
    return run_cursor_value (c, n - 1);

  x = run_cursor_value (c, lo);
  return x + (h - lo) * (run_cursor_value (c, lo + 1) - x);
}

void
atlas_stats_summarise_runs (const AtlasStatsRun *runs,
                            gsize                n_runs,
                            AtlasSummary        *out)
{
  RunCursor c = { runs, 0, 0 };
  double sum = 0.0;
  gsize n = 0, lo, hi;

  g_return_if_fail (out != NULL);

  for (gsize r = 0; r < n_runs; r++)
    {
      double value = runs[r].value;

      g_return_if_fail (runs[r].n >= 0);
      n += (gsize) runs[r].n;
      /* One addition per value, as over the written-out values: the same
       * rounding, so the same mean. */
      for (gint64 k = 0; k < runs[r].n; k++)
        sum += value;
    }

  *out = (AtlasSummary) {
    .n = n,
    .mean = NAN, .min = NAN, .max = NAN,
    .p10 = NAN, .p25 = NAN, .median = NAN, .p75 = NAN, .p90 = NAN,
    .median_ci_low = NAN, .median_ci_high = NAN,
  };

  if (n == 0)
    return;

  out->mean = sum / n;
  out->min = run_cursor_value (&c, 0);
  out->p10 = runs_percentile (&c, n, 0.10);
  out->p25 = runs_percentile (&c, n, 0.25);
  out->median = runs_percentile (&c, n, 0.50);
  out->p75 = runs_percentile (&c, n, 0.75);
  out->p90 = runs_percentile (&c, n, 0.90);
  out->max = run_cursor_value (&c, n - 1);

  if (atlas_stats_median_ci_ranks (n, 0.95, &lo, &hi))
    {
      out->median_ci_low = run_cursor_value (&c, lo);
      out->median_ci_high = run_cursor_value (&c, hi);
    }
}

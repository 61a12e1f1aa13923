/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-stats.c: percentiles, summaries and the confidence interval of the median. */

#include <math.h>

#include "atlas-stats.h"

/* An introsort-free quicksort specialised for doubles: the generic qsort()
 * with a comparison callback is most of the time of a large group. Median of
 * three pivots, insertion sort below 16 elements, recursion on the smaller
 * side so the stack stays logarithmic. */
static void
insertion_sort (double *v,
                gsize   n)
{
  for (gsize i = 1; i < n; i++)
    {
      double x = v[i];
      gsize j = i;

      for (; j > 0 && v[j - 1] > x; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
}

static void
swap_doubles (double *a,
              double *b)
{
  double t = *a;
  *a = *b;
  *b = t;
}

void
atlas_stats_sort (double *values,
                  gsize   n)
{
  while (n > 16)
    {
      gsize mid = n / 2, i = 0, j = n - 1;
      double pivot;

      if (values[mid] < values[0])
        swap_doubles (&values[mid], &values[0]);
      if (values[n - 1] < values[0])
        swap_doubles (&values[n - 1], &values[0]);
      if (values[n - 1] < values[mid])
        swap_doubles (&values[n - 1], &values[mid]);
      pivot = values[mid];

      /* Hoare partition: [0, j] <= pivot <= [j + 1, n). */
      for (;;)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i >= j)
            break;
          swap_doubles (&values[i], &values[j]);
          i++;
          j--;
        }

      if (j + 1 < n - j - 1)
        {
          atlas_stats_sort (values, j + 1);
          values += j + 1;
          n -= j + 1;
        }
      else
        {
          atlas_stats_sort (values + j + 1, n - j - 1);
          n = j + 1;
        }
    }

  insertion_sort (values, n);
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

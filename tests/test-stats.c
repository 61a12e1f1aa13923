/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Percentiles follow numpy's default (linear); expected values below were
 * computed with numpy.percentile and scipy's binomial by hand. */

#include <math.h>
#include <stdlib.h>

#include "atlas-stats.h"

static void
test_percentile_linear (void)
{
  double v[] = { 1, 2, 3, 4 };
  double w[] = { 15, 20, 35, 40, 50 };

  g_assert_cmpfloat_with_epsilon (atlas_stats_percentile_sorted (v, 4, 0.25), 1.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_stats_percentile_sorted (v, 4, 0.50), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_stats_percentile_sorted (v, 4, 0.75), 3.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_stats_percentile_sorted (v, 4, 0.0), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_stats_percentile_sorted (v, 4, 1.0), 4, 1e-12);
  /* numpy.percentile([15, 20, 35, 40, 50], 40) == 29.0 */
  g_assert_cmpfloat_with_epsilon (atlas_stats_percentile_sorted (w, 5, 0.40), 29.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_stats_percentile_sorted (w, 5, 0.10), 17.0, 1e-12);
}

static void
test_percentile_edges (void)
{
  double one[] = { 42 };
  double same[] = { 7, 7, 7 };

  g_assert_true (isnan (atlas_stats_percentile_sorted (one, 0, 0.5)));
  g_assert_cmpfloat (atlas_stats_percentile_sorted (one, 1, 0.9), ==, 42);
  g_assert_cmpfloat (atlas_stats_percentile_sorted (same, 3, 0.25), ==, 7);
}

static void
test_median_ci_ranks (void)
{
  struct { gsize n; gboolean ok; gsize lo, hi; } cases[] = {
    { 5, FALSE, 0, 0 },
    { 6, TRUE, 0, 5 },
    { 10, TRUE, 1, 8 },
    { 100, TRUE, 39, 60 },
    { 1000, TRUE, 468, 531 },
    { 1001, TRUE, 469, 531 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize lo = 999, hi = 999;
      gboolean ok = atlas_stats_median_ci_ranks (cases[i].n, 0.95, &lo, &hi);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpuint (lo, ==, cases[i].lo);
          g_assert_cmpuint (hi, ==, cases[i].hi);
        }
    }
}

static void
test_summarise (void)
{
  double v[] = { 50, 10, 40, 20, 30, 60, 70, 80, 90, 100 };
  AtlasSummary s;

  atlas_stats_summarise (v, G_N_ELEMENTS (v), &s);
  g_assert_cmpuint (s.n, ==, 10);
  g_assert_cmpfloat (s.min, ==, 10);
  g_assert_cmpfloat (s.max, ==, 100);
  g_assert_cmpfloat_with_epsilon (s.mean, 55, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.median, 55, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.p25, 32.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.p75, 77.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.p10, 19, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.p90, 91, 1e-12);
  /* n = 10: the interval runs from the 2nd to the 9th value. */
  g_assert_cmpfloat (s.median_ci_low, ==, 20);
  g_assert_cmpfloat (s.median_ci_high, ==, 90);
  /* Sorted in place. */
  g_assert_cmpfloat (v[0], ==, 10);
  g_assert_cmpfloat (v[9], ==, 100);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The specialised sort against the C library's, on random, sorted,
 * reversed and heavily duplicated inputs of many sizes. */
static void
test_sort (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint n = 0; n < 3000; n = n * 2 + 1)
    for (guint shape = 0; shape < 4; shape++)
      {
        g_autofree double *a = g_new (double, n + 1);
        g_autofree double *b = g_new (double, n + 1);

        for (guint i = 0; i < n; i++)
          {
            switch (shape)
              {
              case 0: a[i] = g_rand_double_range (rand, -1e6, 1e6); break;
              case 1: a[i] = i; break;
              case 2: a[i] = n - i; break;
              default: a[i] = g_rand_int_range (rand, 0, 3); break;
              }
            b[i] = a[i];
          }

        atlas_stats_sort (a, n);
        qsort (b, n, sizeof (double), compare_doubles);
        for (guint i = 0; i < n; i++)
          g_assert_cmpfloat (a[i], ==, b[i]);
      }

  g_rand_free (rand);
}

static void
assert_same_double (double a,
                    double b)
{
  /* Bit for bit; NAN equals NAN. */
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

/* Runs (as cells give them: unsorted, duplicated values in separate runs,
 * runs of one and of thousands) sorted and summarised without writing
 * the values out, against the values written out and summarised: the
 * same summary, bit for bit. */
static void
test_summarise_runs (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint n_runs = 0; n_runs < 5000; n_runs = n_runs * 3 + 1)
    for (guint shape = 0; shape < 3; shape++)
      {
        g_autofree AtlasStatsRun *runs = g_new (AtlasStatsRun, n_runs + 1);
        g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
        AtlasSummary a, b;

        for (guint i = 0; i < n_runs; i++)
          {
            /* Salaries with cents; few distinct values; long runs. */
            runs[i].value = shape == 1 ? g_rand_int_range (rand, 0, 5) * 1000.0
                                       : g_rand_int_range (rand, 1000000, 40000000) / 100.0;
            runs[i].n = shape == 2 ? g_rand_int_range (rand, 1, 3000) : g_rand_int_range (rand, 1, 4);
            for (gint64 k = 0; k < runs[i].n; k++)
              g_array_append_val (values, runs[i].value);
          }

        atlas_stats_sort_runs (runs, n_runs);
        for (guint i = 1; i < n_runs; i++)
          g_assert_cmpfloat (runs[i - 1].value, <=, runs[i].value);
        atlas_stats_summarise_runs (runs, n_runs, &a);
        atlas_stats_summarise ((double *) (void *) values->data, values->len, &b);

        g_assert_cmpuint (a.n, ==, values->len);
        assert_same_double (a.mean, b.mean);
        assert_same_double (a.min, b.min);
        assert_same_double (a.max, b.max);
        assert_same_double (a.p10, b.p10);
        assert_same_double (a.p25, b.p25);
        assert_same_double (a.median, b.median);
        assert_same_double (a.p75, b.p75);
        assert_same_double (a.p90, b.p90);
        assert_same_double (a.median_ci_low, b.median_ci_low);
        assert_same_double (a.median_ci_high, b.median_ci_high);
      }

  g_rand_free (rand);
}

static void
test_summarise_empty (void)
{
  AtlasSummary s;

  atlas_stats_summarise (NULL, 0, &s);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_true (isnan (s.median));
  g_assert_true (isnan (s.median_ci_low));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/stats/percentile-linear", test_percentile_linear);
  g_test_add_func ("/atlas/stats/percentile-edges", test_percentile_edges);
  g_test_add_func ("/atlas/stats/median-ci-ranks", test_median_ci_ranks);
  g_test_add_func ("/atlas/stats/summarise", test_summarise);
  g_test_add_func ("/atlas/stats/summarise-empty", test_summarise_empty);
  g_test_add_func ("/atlas/stats/sort", test_sort);
  g_test_add_func ("/atlas/stats/summarise-runs", test_summarise_runs);

  return g_test_run ();
}

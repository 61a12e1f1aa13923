/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-stats: time atlas_query_run in-process, as the window and `stats` call it.
 *
 *   bench-stats DB [RUNS]
 *
 * Runs `--by experience --region US,IN` in USD, local and PPP modes and prints
 * the median and best wall time of RUNS runs each. */

#include <stdio.h>
#include <stdlib.h>

#include "atlas-query.h"
#include "atlas-stats.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  const AtlasCurrencyMode modes[] = {
    ATLAS_CURRENCY_MODE_USD, ATLAS_CURRENCY_MODE_LOCAL, ATLAS_CURRENCY_MODE_PPP,
  };
  int runs = argc > 2 ? atoi (argv[2]) : 20;

  if (argc < 2 || runs < 1)
    {
      fprintf (stderr, "usage: %s DB [RUNS]\n", argv[0]);
      return 2;
    }

  store = atlas_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  filter->regions = g_strsplit ("US,IN", ",", -1);
  printf ("records in %s: %" G_GINT64_FORMAT "\n", argv[1], atlas_store_count_records (store));

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree double *ms = g_new (double, runs);
      guint64 n = 0;

      for (int i = 0; i < runs; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(AtlasQueryResult) result =
            atlas_query_run (store, filter, ATLAS_GROUP_EXPERIENCE, modes[m],
                             ATLAS_STATS_DEFAULT_SMALL_SAMPLE, NULL, &error);

          if (result == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          ms[i] = (g_get_monotonic_time () - start) / 1000.0;
          n = result->n_records;
        }

      qsort (ms, runs, sizeof (double), compare_doubles);
      printf ("stats --by experience --region US,IN --currency %-5s  records %" G_GUINT64_FORMAT
              "  median %.1f ms  best %.1f ms  (%d runs)\n",
              atlas_currency_mode_to_string (modes[m]), n, ms[runs / 2], ms[0], runs);
    }

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-overview: the queries behind the window's overview, in-process, as
 * the window's query workers run them (bench/README.md, "perf-window").
 *
 *   bench-overview DB [RUNS] [REGIONS] [pool]
 *
 * With the window's default filter (Machine Learning Engineer; REGIONS,
 * default US,IN), runs each query of the overview (region in USD,
 * experience, region in PPP, companies; all in USD mode) RUNS times and
 * prints the median and best wall time and the median CPU time of the
 * thread: the CPU time is the steadier figure on a loaded machine.  With
 * "pool", the queries run on the query pool's workers as in the window
 * (which keep the cells they read: the first run reads the database, the
 * others mostly not), and the CPU time is that of the process. */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "atlas-query.h"
#include "atlas-query-async.h"
#include "atlas-stats.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gboolean use_pool;

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (use_pool ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  gboolean          done;
  AtlasQueryResult *result;
  GError           *error;
} Answer;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Answer *answer = user_data;

  answer->result = atlas_query_run_finish (result, &answer->error);
  answer->done = TRUE;
}

static AtlasQueryResult *
run_query (AtlasStore         *store,
           const char         *path,
           const AtlasFilter  *filter,
           AtlasGroupBy        by,
           AtlasCurrencyMode   mode,
           GError            **error)
{
  Answer answer = { 0 };

  if (!use_pool)
    return atlas_query_run (store, filter, by, mode, ATLAS_STATS_DEFAULT_SMALL_SAMPLE, NULL, error);

  atlas_query_run_async (path, filter, by, mode, ATLAS_STATS_DEFAULT_SMALL_SAMPLE, NULL,
                         done_cb, &answer);
  while (!answer.done)
    g_main_context_iteration (NULL, TRUE);
  if (answer.error != NULL)
    g_propagate_error (error, answer.error);
  return answer.result;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  const struct
  {
    AtlasGroupBy by;
    AtlasCurrencyMode mode;
  } queries[] = {
    { ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD },
    { ATLAS_GROUP_EXPERIENCE, ATLAS_CURRENCY_MODE_USD },
    { ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_PPP },
    { ATLAS_GROUP_COMPANY, ATLAS_CURRENCY_MODE_USD },
  };
  int runs = argc > 2 ? atoi (argv[2]) : 10;
  double total_wall = 0, total_cpu = 0;

  if (argc < 2 || runs < 1)
    {
      fprintf (stderr, "usage: %s DB [RUNS] [REGIONS]\n", argv[0]);
      return 2;
    }

  store = atlas_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  filter->regions = g_strsplit (argc > 3 ? argv[3] : "US,IN", ",", -1);
  use_pool = argc > 4 && g_str_equal (argv[4], "pool");
  filter->role = g_strdup ("Machine Learning Engineer");

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree double *wall = g_new (double, runs);
      g_autofree double *cpu = g_new (double, runs);
      double first_cpu = 0;
      guint64 n = 0;
      guint n_groups = 0;

      for (int i = 0; i < runs; i++)
        {
          gint64 start = g_get_monotonic_time ();
          double cpu_start = thread_cpu_ms ();
          g_autoptr(AtlasQueryResult) result =
            run_query (store, argv[1], filter, queries[q].by, queries[q].mode, &error);

          if (result == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          wall[i] = (g_get_monotonic_time () - start) / 1000.0;
          cpu[i] = thread_cpu_ms () - cpu_start;
          if (i == 0)
            first_cpu = cpu[i];
          n = result->n_records;
          n_groups = result->groups->len;
        }

      qsort (wall, runs, sizeof (double), compare_doubles);
      qsort (cpu, runs, sizeof (double), compare_doubles);
      total_wall += wall[runs / 2];
      total_cpu += cpu[runs / 2];
      printf ("by %-10s %-4s records %8" G_GUINT64_FORMAT " groups %3u  wall median %7.1f best %7.1f ms"
              "  CPU median %7.1f ms, first %7.1f ms  (%d runs)\n",
              atlas_group_by_to_string (queries[q].by), atlas_currency_mode_to_string (queries[q].mode),
              n, n_groups, wall[runs / 2], wall[0], cpu[runs / 2], first_cpu, runs);
    }
  printf ("overview (4 queries, one after another): wall %.1f ms, CPU %.1f ms\n", total_wall, total_cpu);

  return 0;
}

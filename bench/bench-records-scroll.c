/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-records-scroll: the Records page's list model scrolled as a list
 * view asks for its items, on a real database:
 *
 *   bench-records-scroll DB [SORT [desc]]
 *
 * 1. the first rows after a new query (before and after the count);
 * 2. scrolling down a screen (40 rows) at a time through 100 screens: the
 *    time until every row of the screen has its values (the pages come
 *    from the query pool's workers; from the row before them, by keyset,
 *    where the sort allows it);
 * 3. jumps (a drag of the scroll bar) to 10 %, 50 %, 90 % and the end,
 *    by offset.
 * Also the main thread's CPU time for each (the model's own work there:
 * placeholders, jobs, filling the items; what a frame would wait for).  The model asks for
 * the sort's index on its first query: give it a copy of the database, or
 * one whose indexes are made (bench-records --make-indexes). */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "atlas-records-model.h"

#define SCREEN 40

static double worst_main_cpu_ms;

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gboolean
screen_ready (AtlasRecordsModel *model,
              guint              first,
              guint              n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(AtlasRecordItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (item == NULL || atlas_record_item_get_row (item) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Shows rows @first … @first + SCREEN - 1 and waits for their values. */
static double
show (AtlasRecordsModel *model,
      guint              first)
{
  double start = now_ms ();
  double cpu = thread_cpu_ms ();
  guint n = MIN (SCREEN, g_list_model_get_n_items (G_LIST_MODEL (model)) - first);

  while (!screen_ready (model, first, n))
    {
      g_main_context_iteration (NULL, TRUE);
      if (now_ms () - start > 120000)
        {
          fprintf (stderr, "rows %u… not read after 2 minutes\n", first);
          exit (1);
        }
    }
  worst_main_cpu_ms = MAX (worst_main_cpu_ms, thread_cpu_ms () - cpu);
  return now_ms () - start;
}

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
  g_autoptr(AtlasRecordsModel) model = NULL;
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
  double start, steps[100];
  guint n;

  if (argc < 2 || (argc > 2 && !atlas_records_sort_from_string (argv[2], &query->sort)))
    {
      fprintf (stderr, "usage: %s DB [SORT [desc]]\n", argv[0]);
      return 2;
    }
  query->descending = argc > 3 && g_str_equal (argv[3], "desc");
  model = atlas_records_model_new (argv[1]);

  start = now_ms ();
  atlas_records_model_set_query (model, query);
  while (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    g_main_context_iteration (NULL, TRUE);
  show (model, 0);
  printf ("sort %s%s: first screen with values after %.1f ms (%s)\n",
          atlas_records_sort_to_string (query->sort), query->descending ? " descending" : "",
          now_ms () - start,
          atlas_records_model_get_counting (model) ? "before the count" : "after the count");
  while (atlas_records_model_get_counting (model))
    g_main_context_iteration (NULL, TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  printf ("  counted %u rows after %.1f ms\n", n, now_ms () - start);

  worst_main_cpu_ms = 0;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    steps[i] = show (model, MIN ((i + 1) * SCREEN, n - SCREEN));
  qsort (steps, G_N_ELEMENTS (steps), sizeof *steps, compare_doubles);
  printf ("  scrolling a screen (%d rows) at a time, 100 screens: median %.2f ms, p90 %.1f ms,"
          " worst %.1f ms until the screen has its values\n", SCREEN, steps[50], steps[90], steps[99]);

  for (guint i = 0; i < 4; i++)
    {
      static const double at[] = { 0.1, 0.5, 0.9, 1.0 };
      guint first = MIN ((guint) (n * at[i]), n - SCREEN);

      printf ("  jump to row %u: %.1f ms\n", first, show (model, first));
    }
  printf ("  most main-thread CPU for one screen or jump: %.2f ms; pages read: %u\n", worst_main_cpu_ms,
          atlas_records_model_get_n_pages_read (model));

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-records: the first page of the Records page, in-process, as the
 * window's worker asks for it: atlas_records_page (100 rows) and
 * atlas_records_count, for every sort in both directions under a few
 * filters; then a page deep in the list by offset and by keyset.
 *
 *   bench-records DB [RUNS] [--make-indexes]
 *
 * With --make-indexes (which writes: give it a copy of the database) it
 * first makes the index of every sort, as the window does the first time
 * it sorts by a column, and prints what each took.  DEEP=0 in the
 * environment leaves out the deep pages (minutes at 10M records);
 * SORTS=title,converted only those sorts (first and deep pages);
 * MODE=usd|local|ppp the currency mode of the converted-pay sort (default
 * usd).
 *
 * Prints the median and the worst of RUNS for each (after one run that is
 * not counted: the file is then in the OS cache, as on a second look), in
 * wall time and in the thread's CPU time (which a loaded machine inflates
 * less). */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "atlas-records.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

typedef struct
{
  const char *name;
  const char *regions;
  const char *title;
  const char *search;
  int         year_from;
  int         year_to;
} Filter;

static const Filter filters[] = {
  { "no filter", NULL, NULL, NULL },
  { "region IN", "IN", NULL, NULL },
  { "region US, title “data”", "US", "data", NULL },
  { "search “engineer”", NULL, NULL, "engineer" },
  { "years 2022–2023", NULL, NULL, NULL, 2022, 2023 },
  { "years 2019–2020", NULL, NULL, NULL, 2019, 2020 },
};

static double cpu_ms[64];
static double last_cpu;

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
time_page (AtlasStore              *store,
           const AtlasRecordsQuery *query,
           gint64                   offset,
           const AtlasRecordRow    *after)
{
  g_autoptr(GError) error = NULL;
  double cpu = thread_cpu_ms ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) page = atlas_records_page (store, query, offset, 100, after, &error);

  if (page == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  last_cpu = thread_cpu_ms () - cpu;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_count (AtlasStore              *store,
            const AtlasRecordsQuery *query)
{
  g_autoptr(GError) error = NULL;
  double cpu = thread_cpu_ms ();
  gint64 start = g_get_monotonic_time ();
  gint64 n;

  if (!atlas_records_count (store, query, &n, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  last_cpu = thread_cpu_ms () - cpu;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const char *what,
        double     *ms,
        int         runs)
{
  qsort (ms, runs, sizeof *ms, compare_doubles);
  qsort (cpu_ms, runs, sizeof *cpu_ms, compare_doubles);
  printf ("  %-34s median %7.1f ms (CPU %6.1f)   worst %7.1f ms (CPU %6.1f)\n", what,
          ms[runs / 2], cpu_ms[runs / 2], ms[runs - 1], cpu_ms[runs - 1]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 7;
  gboolean make_indexes = argc > 3 && g_str_equal (argv[3], "--make-indexes");
  g_autofree double *ms = NULL;
  gint64 n_records, deep;
  AtlasCurrencyMode mode = ATLAS_CURRENCY_MODE_USD;
  g_auto(GStrv) sorts = g_getenv ("SORTS") ? g_strsplit (g_getenv ("SORTS"), ",", -1) : NULL;

  if (argc < 2 || runs < 1 || runs > 64)
    {
      fprintf (stderr, "usage: %s DB [RUNS] [--make-indexes]\n", argv[0]);
      return 2;
    }

  store = atlas_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  /* Line by line: a run at 10M records takes a while. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  n_records = atlas_store_count_records (store);
  printf ("%s: %" G_GINT64_FORMAT " records\n", argv[1], n_records);
  ms = g_new (double, runs);

  for (guint s = 0; make_indexes && s < ATLAS_RECORDS_N_SORTS; s++)
    {
      double cpu = thread_cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      gboolean had = atlas_records_sort_has_index (store, s);

      if (!atlas_records_sort_make_index (store, s, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("  index for %-25s %s %7.1f ms (CPU %6.1f)\n", atlas_records_sort_to_string (s),
              had ? "there already" : "made in", (g_get_monotonic_time () - start) / 1000.0,
              thread_cpu_ms () - cpu);
    }
  if (g_getenv ("MODE") != NULL && !atlas_currency_mode_from_string (g_getenv ("MODE"), &mode))
    {
      fprintf (stderr, "MODE is one of usd, local, ppp\n");
      return 2;
    }
  for (guint s = 0; s < ATLAS_RECORDS_N_SORTS; s++)
    printf ("  sort %-10s %s\n", atlas_records_sort_to_string (s),
            atlas_records_sort_has_index (store, s) ? "indexed" : "scans");

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(AtlasFilter) filter = atlas_filter_new ();
      g_autoptr(AtlasRecordsQuery) query = NULL;

      filter->regions = filters[f].regions ? g_strsplit (filters[f].regions, ",", -1) : NULL;
      filter->title = g_strdup (filters[f].title);
      filter->year_from = filters[f].year_from;
      filter->year_to = filters[f].year_to;
      query = atlas_records_query_new (filter);
      query->search = g_strdup (filters[f].search);
      query->mode = mode;
      printf ("%s\n", filters[f].name);

      time_count (store, query);
      for (int i = 0; i < runs; i++)
        { ms[i] = time_count (store, query); cpu_ms[i] = last_cpu; }
      report ("count", ms, runs);

      for (guint s = 0; s < ATLAS_RECORDS_N_SORTS; s++)
        for (guint d = 0; d < 2; d++)
          {
            g_autofree char *what = NULL;

            if (sorts != NULL && !g_strv_contains ((const char * const *) sorts,
                                                   atlas_records_sort_to_string (s)))
              continue;
            what = g_strdup_printf ("first page, %s%s", atlas_records_sort_to_string (s),
                                    d ? " descending" : "");
            query->sort = s;
            query->descending = d;
            time_page (store, query, 0, NULL);
            for (int i = 0; i < runs; i++)
              { ms[i] = time_page (store, query, 0, NULL); cpu_ms[i] = last_cpu; }
            report (what, ms, runs);
          }
    }

  /* Deep in the list: the middle row by offset, and the page after it by
   * keyset (the row before it known, as when scrolling). */
  deep = n_records / 2;
  if (g_strcmp0 (g_getenv ("DEEP"), "0") != 0)
  {
    g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
    g_autoptr(GPtrArray) before = NULL;

    printf ("row %" G_GINT64_FORMAT "\n", deep);
    for (guint s = 0; s < ATLAS_RECORDS_N_SORTS; s++)
      {
        g_autofree char *what = NULL;

        if (sorts != NULL && !g_strv_contains ((const char * const *) sorts,
                                               atlas_records_sort_to_string (s)))
          continue;
        query->sort = s;
        query->mode = mode;
        for (int i = 0; i < runs; i++)
          { ms[i] = time_page (store, query, deep, NULL); cpu_ms[i] = last_cpu; }
        what = g_strdup_printf ("by offset, %s", atlas_records_sort_to_string (s));
        report (what, ms, runs);

        before = atlas_records_page (store, query, deep - 1, 1, NULL, &error);
        if (before == NULL || before->len == 0)
          continue;
        for (int i = 0; i < runs; i++)
          { ms[i] = time_page (store, query, deep, g_ptr_array_index (before, 0)); cpu_ms[i] = last_cpu; }
        g_free (what);
        what = g_strdup_printf ("by keyset, %s", atlas_records_sort_to_string (s));
        report (what, ms, runs);
        g_clear_pointer (&before, g_ptr_array_unref);
      }
  }

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-catalog: time atlas_catalog_load in-process, as the window calls it
 * on its catalog thread (without the seeding: the database exists).
 *
 *   bench-catalog DB [RUNS]
 *
 * Prints the time of the first load in this process (a new connection with
 * an empty page cache, the window's case; the file itself is in the OS
 * cache after the first run) and the median and best of RUNS loads after
 * it.  Opening the database (and any migration) is timed apart. */

#include <stdio.h>
#include <stdlib.h>

#include "atlas-catalog.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
load_ms (AtlasStore   *store,
         AtlasCatalog **out)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  AtlasCatalog *catalog = atlas_catalog_load (store, FALSE, &error);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  if (catalog == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  if (out != NULL)
    *out = catalog;
  else
    atlas_catalog_free (catalog);

  return ms;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasCatalog) catalog = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 20;
  g_autofree double *ms = NULL;
  gint64 start;
  double open_ms, first_ms;

  if (argc < 2 || runs < 1)
    {
      fprintf (stderr, "usage: %s DB [RUNS]\n", argv[0]);
      return 2;
    }

  start = g_get_monotonic_time ();
  store = atlas_store_open (argv[1], &error);
  open_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  first_ms = load_ms (store, &catalog);
  printf ("%s: schema %d, %" G_GINT64_FORMAT " records, %u families, %u countries, "
          "%u companies, years %d-%d\n",
          argv[1], atlas_store_get_schema_version (store), catalog->n_records,
          g_strv_length (catalog->families), catalog->countries->len,
          g_strv_length (catalog->companies), catalog->year_min, catalog->year_max);

  ms = g_new (double, runs);
  for (int i = 0; i < runs; i++)
    ms[i] = load_ms (store, NULL);
  qsort (ms, runs, sizeof *ms, compare_doubles);

  printf ("open %.1f ms, first load %.1f ms, then median %.1f ms, best %.1f ms (%d runs)\n",
          open_ms, first_ms, ms[runs / 2], ms[0], runs);

  return 0;
}

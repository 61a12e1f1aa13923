/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-in-figures.c: the importer of published Indian figures
 * (atlas-import-in-figures.c) on any bytes, into a database in memory.
 *
 * Each input is imported leniently and then strictly under one source name.
 * A lenient import that succeeds leaves the source with exactly the figures
 * it counts, each finite with 0 <= minimum <= average <= maximum and n >= 1;
 * every message (a rejection or the error) names the file and is printable.
 * An import that fails changes nothing: the figures and sources are as they
 * were (one transaction).  Whether the file looks like one of figures (the
 * detection that atlas-import.c uses) must answer on any bytes too. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-import-private.h"
#include "atlas-store-private.h"

#define NAME   "fuzz.csv"
#define SOURCE "fuzz figures"

static void
check_message (const char *message)
{
  g_assert (g_str_has_prefix (message, NAME));
  g_assert (g_utf8_validate (message, -1, NULL));
  for (const char *p = message; *p != '\0'; p++)
    g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
}

/* count(*) and a checksum of everything the importer writes. */
static char *
snapshot (AtlasStore *store)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store,
      "SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM sources),"
      " (SELECT count(*) FROM source_history),"
      " ifnull((SELECT group_concat(uid || '|' || mean || '|' || min || '|' || max || '|' || n, ';')"
      "  FROM (SELECT * FROM figures ORDER BY uid)), ''),"
      " ifnull((SELECT group_concat(name || '|' || ifnull(row_count, '') || '|' ||"
      "  ifnull(content_sha256, ''), ';') FROM (SELECT * FROM sources ORDER BY id)), '')",
      NULL);
  char *text;

  g_assert (stmt != NULL);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  text = g_strdup_printf ("%lld %lld %lld %s %s", sqlite3_column_int64 (stmt, 0),
                          sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3),
                          (const char *) sqlite3_column_text (stmt, 4));
  sqlite3_finalize (stmt);
  return text;
}

static void
check_figures (AtlasStore *store,
               guint64     imported)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store,
      "SELECT f.mean, f.min, f.max, f.n FROM figures f JOIN sources s ON s.id = f.source_id"
      " WHERE s.name = '" SOURCE "'", NULL);
  guint64 n = 0;

  g_assert (stmt != NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double mean = sqlite3_column_double (stmt, 0);
      double min = sqlite3_column_double (stmt, 1);
      double max = sqlite3_column_double (stmt, 2);

      g_assert (isfinite (mean) && isfinite (min) && isfinite (max));
      g_assert (0 <= min && min <= mean && mean <= max);
      g_assert (sqlite3_column_int64 (stmt, 3) >= 1);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, imported);
}

static void
import (AtlasStore   *store,
        const char   *data,
        gsize         size,
        gboolean      strict)
{
  AtlasImportOptions options = { 0 };
  AtlasImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (store);

  options.strict = strict;
  if (_atlas_import_in_figures (store, NAME, SOURCE, data, size, &options, &result, &error))
    {
      g_assert (error == NULL);
      g_assert (!strict || result.rejected == 0);
      for (guint i = 0; result.rejections != NULL && i < result.rejections->len; i++)
        check_message (g_ptr_array_index (result.rejections, i));
      check_figures (store, result.imported);
    }
  else
    {
      g_autofree char *after = snapshot (store);

      g_assert (error != NULL);
      check_message (error->message);
      g_assert_cmpstr (before, ==, after);
    }
  atlas_import_result_clear (&result);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static AtlasStore *store;

  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;

      store = atlas_store_open (":memory:", &error);
      g_assert (store != NULL);
    }

  (void) _atlas_import_in_figures_detect ((const char *) data, size);
  import (store, (const char *) data, size, FALSE);
  import (store, (const char *) data, size, TRUE);

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-seed.c: the embedded default dataset loads completely, honestly
 * cited, and reloads without duplicating anything. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-catalog.h"
#include "atlas-csv.h"
#include "atlas-roles.h"
#include "atlas-seed.h"
#include "atlas-store.h"
#include "store-test-util.h"
#include "data/atlas-core-resources.h"
#include "atlas-store-private.h"

#define FIGURES_RESOURCE "/org/salaryatlas/SalaryAtlas/data/default-figures.csv"

typedef struct
{
  char       *dir;
  AtlasStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-seed-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "atlas.db", NULL);
  fixture->store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&fixture->store, atlas_store_free);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static double
query_double (AtlasStore *store,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
load_default (AtlasStore *store)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = atlas_seed_load_default (store, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gboolean
count_row_cb (const AtlasCsvRow  *row,
              gpointer            user_data,
              GError            **error)
{
  guint *count = user_data;

  if (row->index > 0)
    (*count)++;

  return TRUE;
}

/* The number of data rows of the bundled CSV, counted by the CSV reader. */
static guint
bundled_figure_rows (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len;
  guint count = 0;

  bytes = g_resource_lookup_data (atlas_core_get_resource (), FIGURES_RESOURCE, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (atlas_csv_parse_buffer (data, len, count_row_cb, &count, &error));
  g_assert_no_error (error);

  return count;
}

static void
test_seed_counts (Fixture       *fixture,
                  gconstpointer  data)
{
  guint rows = bundled_figure_rows ();

  load_default (fixture->store);

  /* More than the two quoted figures, and every row made it in. */
  g_assert_cmpuint (rows, >, 100);
  g_assert_cmpint (atlas_store_count_figures (fixture->store), ==, rows);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT sum(row_count) FROM sources WHERE kind = 'embedded'"
                              " AND format <> 'fx-ppp'"), ==, rows);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM sources WHERE kind <> 'embedded'"), ==, 0);
  g_assert_false (atlas_store_is_empty (fixture->store));
  g_assert_cmpint (atlas_store_count_records (fixture->store), ==, 0);
}

static void
test_seed_headline (Fixture       *fixture,
                    gconstpointer  data)
{
  load_default (fixture->store);

  g_assert_cmpfloat (query_double (fixture->store,
                                   "SELECT mean FROM figures WHERE country = 'US' AND currency = 'USD'"
                                   " AND role_family = 'Machine Learning Engineer'"
                                   " AND statistic = 'mean' AND citation LIKE '%Simplilearn%'"
                                   " AND citation LIKE '%Glassdoor%'"
                                   " AND citation LIKE '%How to become a machine learning engineer in 2024%'"),
                     ==, 140000.0);
  g_assert_cmpfloat (query_double (fixture->store,
                                   "SELECT mean FROM figures WHERE country = 'IN' AND currency = 'INR'"
                                   " AND role_family = 'Machine Learning Engineer'"
                                   " AND statistic = 'mean' AND citation LIKE '%Simplilearn%'"
                                   " AND citation LIKE '%Glassdoor%'"),
                     ==, 1200000.0);
  /* A quoted average has no sample size: it must not pretend to one. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures WHERE citation LIKE '%Simplilearn%'"
                              " AND n IS NULL AND median IS NULL"), ==, 2);
}

static void
test_seed_citations (Fixture       *fixture,
                     gconstpointer  data)
{
  load_default (fixture->store);

  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures WHERE trim(citation) = ''"
                              " OR trim(licence) = ''"), ==, 0);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM sources WHERE trim(licence) = ''"
                              " OR trim(attribution) = ''"), ==, 0);
  /* Every source behind a figure is described. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures f LEFT JOIN sources s"
                              " ON s.id = f.source_id WHERE s.id IS NULL"), ==, 0);
  /* Company figures kept their company. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures WHERE company_id IS NOT NULL"), >, 100);
  /* The script groups employers by the app's company key: two figures of
   * one source for the same company and group would mean the two
   * normalisations drifted apart.  A group is also its title (published
   * figures are per title), year and band of years; an employer with two
   * pages of published figures ("EXL Service", "Exl India") is the one
   * exception, kept as two figures under distinct uids. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM (SELECT 1 FROM figures f"
                              " JOIN sources s ON s.id = f.source_id WHERE s.format <> 'in-figures'"
                              " GROUP BY source_id, country, company_id, role_family, job_title,"
                              " experience, year, years_min, currency, statistic HAVING count(*) > 1)"),
                   ==, 0);
}

static void
test_seed_quartiles (Fixture       *fixture,
                     gconstpointer  data)
{
  load_default (fixture->store);

  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures WHERE median IS NOT NULL"), >, 100);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures WHERE median IS NOT NULL"
                              " AND (p25 IS NULL OR p75 IS NULL OR n IS NULL OR p25 > median"
                              " OR median > p75 OR p25 <= 0 OR n < 3"
                              " OR (n < 10 AND uid NOT LIKE 'aijobs:%'"
                              "     AND NOT (uid LIKE 'levels:%' AND coalesce (role_family, '') <> ''"
                              "              AND n >= 5)))"), ==, 0);
  /* All roles per level for India, from the aijobs.net full-time rows with
   * employee_residence = IN (counted with awk over the CSV: EN 30, MI 43,
   * SE 51, EX 2 -- below the floor of 3, so left out). */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT n FROM figures WHERE uid = 'aijobs:IN:*:EN:USD'"), ==, 30);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT n FROM figures WHERE uid = 'aijobs:IN:*:MI:USD'"), ==, 43);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT n FROM figures WHERE uid = 'aijobs:IN:*:SE:USD'"), ==, 51);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures WHERE uid LIKE 'aijobs:IN:*:EX:%'"), ==, 0);
  /* India's pooled aijobs.net figures carry no year, so the PPP mode needs
   * them converted per row by the script: one in international dollars. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figures WHERE uid LIKE 'aijobs:%'"
                              " AND country = 'IN' AND currency = 'intl$'"
                              " AND role_family = 'Machine Learning Engineer'"
                              " AND n >= 10 AND p25 > 0 AND p25 <= median AND median <= p75"),
                   >=, 1);
}

static void
test_seed_rates (Fixture       *fixture,
                 gconstpointer  data)
{
  load_default (fixture->store);

  g_assert_cmpfloat_with_epsilon (query_double (fixture->store,
                                                "SELECT lcu_per_usd FROM fx_rates"
                                                " WHERE currency = 'INR' AND year = 2024"),
                                  83.669, 1e-9);
  g_assert_cmpfloat_with_epsilon (query_double (fixture->store,
                                                "SELECT lcu_per_intl_dollar FROM ppp_factors"
                                                " WHERE country = 'IN' AND year = 2024"),
                                  19.9, 1e-9);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM fx_rates"), ==, 10);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM ppp_factors"), ==, 10);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM fx_rates WHERE licence = '' OR source = ''"), ==, 0);
}

static void
test_seed_reload (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *counts =
    "SELECT (SELECT count(*) FROM figures) || '/' || (SELECT count(*) FROM sources)"
    " || '/' || (SELECT count(*) FROM companies) || '/' || (SELECT count(*) FROM fx_rates)"
    " || '/' || (SELECT count(*) FROM ppp_factors)";
  sqlite3 *db = atlas_store_get_db (fixture->store);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  load_default (fixture->store);

  /* Data that is not embedded: an imported source with a figure, and a
   * user's exchange rate for a year the seed also covers. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO sources (name, kind, format, licence) VALUES ('mine', 'file', 'csv', 'CC0-1.0');"
                                 "INSERT INTO figures (uid, source_id, country, currency, median, citation, licence)"
                                 " VALUES ('mine:1', (SELECT id FROM sources WHERE name = 'mine'), 'IN', 'INR', 5, 'me', 'CC0-1.0');"
                                 "UPDATE fx_rates SET lcu_per_usd = 84.5, source = 'my bank' WHERE currency = 'INR' AND year = 2023;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, counts, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  before = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  load_default (fixture->store);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  after = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM figures WHERE uid = 'mine:1'"), ==, 1);
  g_assert_cmpfloat (query_double (fixture->store,
                                   "SELECT lcu_per_usd FROM fx_rates WHERE currency = 'INR' AND year = 2023"),
                     ==, 84.5);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM figures WHERE uid LIKE 'simplilearn:%'"), ==, 2);
}

static void
test_seed_ensure (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 figures;

  g_assert_true (atlas_store_is_empty (fixture->store));
  g_assert_true (atlas_seed_ensure (fixture->store, &error));
  g_assert_no_error (error);
  figures = atlas_store_count_figures (fixture->store);
  g_assert_cmpint (figures, >, 0);

  /* A database with data is left as it is. */
  g_assert_cmpint (sqlite3_exec (atlas_store_get_db (fixture->store),
                                 "DELETE FROM figures WHERE uid LIKE 'simplilearn:%'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (atlas_seed_ensure (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (atlas_store_count_figures (fixture->store), ==, figures - 2);
}

/* The rows of data/default-bins.csv, counted from the file (one range a
 * line after the header), for the embedded source named in each. */
static gint64
default_bins_in_file (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "data",
                                            "default-bins.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      n++;
  return n;
}

/* A database seeded before schema 7 is upgraded with an empty figure_bins
 * table: opening it brings the built-in histograms, without "Load default
 * data"; a database that has them is only read. */
static void
test_seed_upgrade_bins (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = atlas_store_get_db (fixture->store);
  gint64 bins = default_bins_in_file ();
  int changes;

  g_assert_cmpint (bins, >, 100);
  g_assert_true (atlas_seed_ensure (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM figure_bins"), ==, bins);

  /* Up to date: nothing written. */
  changes = sqlite3_total_changes (db);
  g_assert_true (atlas_seed_ensure (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_total_changes (db), ==, changes);

  /* As the migration to schema 7 leaves an older database: no ranges. A
   * user's own source is kept through the reload. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM figure_bins;"
                                 " INSERT INTO sources (name, kind, format, licence)"
                                 " VALUES ('mine', 'file', 'csv', 'x')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (atlas_seed_ensure (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM figure_bins"), ==, bins);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM sources WHERE name = 'mine'"), ==, 1);

  /* A built-in source an older build did not ship comes too. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sources WHERE name LIKE 'levels.fyi%'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM figure_bins"), ==, 0);
  g_assert_true (atlas_seed_ensure (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM figure_bins"), ==, bins);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM sources WHERE name LIKE 'levels.fyi%'"), ==, 1);
}

static void
test_seed_conflict (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* An imported source that happens to use an embedded source's name is
   * not taken over, and the failed load leaves nothing behind. */
  g_assert_cmpint (sqlite3_exec (atlas_store_get_db (fixture->store),
                                 "INSERT INTO sources (name, kind, format, licence)"
                                 " VALUES ('Glassdoor figures quoted by Simplilearn (2024)', 'file', 'csv', 'x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (atlas_seed_load_default (fixture->store, &error));
  g_assert_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_CONFLICT);
  g_assert_cmpint (atlas_store_count_figures (fixture->store), ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM fx_rates"), ==, 0);
}

/* What the cancel test sees of every connection the process opens: the
 * figures inserted, and rows changed after the cancellation. */
static struct
{
  GCancellable *cancellable;
  guint         cancel_at;     /* the figure whose insert cancels; 0: none */
  guint         figures;
  guint         figures_after; /* figures inserted after the cancellation */
} seed_hook;

static void
seed_hook_update_cb (void          *data,
                     int            op,
                     const char    *db,
                     const char    *table,
                     sqlite3_int64  rowid)
{
  if (op != SQLITE_INSERT || g_strcmp0 (table, "figures") != 0)
    return;

  seed_hook.figures++;
  if (g_cancellable_is_cancelled (seed_hook.cancellable))
    seed_hook.figures_after++;
  else if (seed_hook.figures == seed_hook.cancel_at)
    g_cancellable_cancel (seed_hook.cancellable);
}

/* An SQLite auto-extension: runs on every connection opened after it is
 * registered, so also on the catalog load thread's own. */
static int
seed_hook_connection (sqlite3                           *db,
                      char                             **message,
                      const struct sqlite3_api_routines *api)
{
  sqlite3_update_hook (db, seed_hook_update_cb, NULL);
  return SQLITE_OK;
}

static void
catalog_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The window's catalog load of a new database, on its thread. */
static AtlasCatalog *
load_catalog_async (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  atlas_catalog_load_async (path, TRUE, cancellable, catalog_loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return atlas_catalog_load_finish (result, error);
}

/* Quitting the window cancels its catalog load, which seeds a new
 * database: the seed stops within a batch of rows (SEED_BATCH_ROWS, 256,
 * in atlas-seed.c), the load thread ends, and the rolled-back database is
 * seeded whole by the next start. */
static void
test_seed_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.db", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AtlasCatalog) catalog = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = bundled_figure_rows ();

  g_assert_cmpuint (rows, >, 1000 + 256);
  seed_hook.cancellable = cancellable;
  seed_hook.cancel_at = 1000;
  seed_hook.figures = seed_hook.figures_after = 0;
  g_assert_cmpint (sqlite3_auto_extension ((void (*) (void)) seed_hook_connection), ==, SQLITE_OK);

  catalog = load_catalog_async (path, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (catalog);
  g_clear_error (&error);
  /* The thread has ended (it may end after its callback is queued). */
  g_assert_true (atlas_catalog_load_wait (60 * G_USEC_PER_SEC));
  g_assert_cmpuint (seed_hook.figures, >=, 1000);
  g_assert_cmpuint (seed_hook.figures_after, <, 256);

  /* As it was: a new database, nothing of the seed kept. */
  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_is_empty (store));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sources"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM figures"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM figure_bins"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM fx_rates"), ==, 0);
  g_clear_pointer (&store, atlas_store_free);

  /* The next start seeds it whole. */
  seed_hook.cancel_at = 0;
  g_assert_true (sqlite3_cancel_auto_extension ((void (*) (void)) seed_hook_connection));
  catalog = load_catalog_async (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_true (atlas_catalog_load_wait (60 * G_USEC_PER_SEC));
  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atlas_store_count_figures (store), ==, rows);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM figure_bins"), ==, default_bins_in_file ());
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM fx_rates"), ==, 10);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Linear interpolation between closest ranks, written out again here so
 * that the test does not trust the code it checks. */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  double h = (n - 1) * p;
  guint lo = (guint) floor (h);
  guint hi = MIN (lo + 1, n - 1);

  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/* Recomputes one committed figure from the raw file: US, full-time,
 * senior-level machine learning engineers in the aijobs.net snapshot.  The
 * file has no quoted fields (see the data README), so splitting lines at
 * commas is a complete parse of it. */
static void
test_seed_recompute (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *shared = g_getenv ("ATLAS_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  AtlasRoles *roles = atlas_roles_get_default ();
  const double *v;

  if (shared == NULL)
    {
      g_test_skip ("ATLAS_SHARED_DATA is not set");
      return;
    }
  path = g_build_filename (shared, "aijobs-salaries-2025-01-19.csv", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the aijobs.net snapshot is not in ATLAS_SHARED_DATA");
      return;
    }

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (g_strchomp (lines[0]), ==,
                   "work_year,experience_level,employment_type,job_title,salary,salary_currency,"
                   "salary_in_usd,employee_residence,remote_ratio,company_location,company_size");

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      double usd;

      g_strchomp (lines[i]);
      if (*lines[i] == '\0')
        continue;
      f = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 11);

      if (g_str_equal (f[1], "SE") && g_str_equal (f[2], "FT") && g_str_equal (f[7], "US") &&
          g_str_equal (atlas_roles_classify (roles, f[3]), "Machine Learning Engineer"))
        {
          usd = g_ascii_strtod (f[6], NULL);
          g_array_append_val (values, usd);
        }
    }

  g_assert_cmpuint (values->len, >, 1000);
  g_array_sort (values, compare_doubles);
  v = (const double *) values->data;

  load_default (fixture->store);

  g_assert_cmpint (query_int (fixture->store,
                              "SELECT n FROM figures WHERE uid = 'aijobs:US:Machine Learning Engineer:SE:USD'"),
                   ==, values->len);
  /* The CSV holds two decimals. */
  g_assert_cmpfloat_with_epsilon (query_double (fixture->store,
                                                "SELECT median FROM figures"
                                                " WHERE uid = 'aijobs:US:Machine Learning Engineer:SE:USD'"),
                                  percentile (v, values->len, 0.5), 0.006);
  g_assert_cmpfloat_with_epsilon (query_double (fixture->store,
                                                "SELECT p25 FROM figures"
                                                " WHERE uid = 'aijobs:US:Machine Learning Engineer:SE:USD'"),
                                  percentile (v, values->len, 0.25), 0.006);
  g_assert_cmpfloat_with_epsilon (query_double (fixture->store,
                                                "SELECT p75 FROM figures"
                                                " WHERE uid = 'aijobs:US:Machine Learning Engineer:SE:USD'"),
                                  percentile (v, values->len, 0.75), 0.006);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/atlas/seed/counts", test_seed_counts);
  ADD ("/atlas/seed/headline", test_seed_headline);
  ADD ("/atlas/seed/citations", test_seed_citations);
  ADD ("/atlas/seed/quartiles", test_seed_quartiles);
  ADD ("/atlas/seed/rates", test_seed_rates);
  ADD ("/atlas/seed/reload", test_seed_reload);
  ADD ("/atlas/seed/ensure", test_seed_ensure);
  ADD ("/atlas/seed/upgrade-bins", test_seed_upgrade_bins);
  ADD ("/atlas/seed/conflict", test_seed_conflict);
  ADD ("/atlas/seed/cancel", test_seed_cancel);
  ADD ("/atlas/seed/recompute-aijobs", test_seed_recompute);

#undef ADD

  return g_test_run ();
}

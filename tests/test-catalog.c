/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The catalog of a new database: what the window shows before any query. */

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atlas-catalog.h"
#include "atlas-feed.h"
#include "atlas-import.h"
#include "atlas-money.h"
#include "atlas-seed.h"
#include "atlas-sources.h"
#include "store-test-util.h"
#include "atlas-store-private.h"
#include "atlas-import-writer.h"

static AtlasStore *
open_temp_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-catalog-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  AtlasStore *store = atlas_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* The export's light load finds the same years and factors as the whole
 * catalog, which reads them row by row. */
static void
assert_years_and_rates_match (AtlasStore   *store,
                              AtlasCatalog *catalog)
{
  g_autoptr(AtlasCatalog) light = NULL;
  g_autoptr(GError) error = NULL;
  int year_full, year_light;
  double factor_full, factor_light;

  light = atlas_catalog_load_years_and_rates (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (light->year_min, ==, catalog->year_min);
  g_assert_cmpint (light->year_max, ==, catalog->year_max);
  /* Without rates (a database never seeded) neither finds a factor. */
  if (atlas_catalog_find_factor (catalog, ATLAS_CURRENCY_MODE_PPP, "IN", 0,
                                 &year_full, &factor_full))
    {
      g_assert_true (atlas_catalog_find_factor (light, ATLAS_CURRENCY_MODE_PPP, "IN", 0,
                                                &year_light, &factor_light));
      g_assert_cmpint (year_light, ==, year_full);
      g_assert_cmpfloat (factor_light, ==, factor_full);
    }
  else
    g_assert_false (atlas_catalog_find_factor (light, ATLAS_CURRENCY_MODE_PPP, "IN", 0,
                                               &year_light, &factor_light));
}

static void
test_seeded_catalog (void)
{
  g_autoptr(AtlasStore) store = open_temp_store ();
  g_autoptr(AtlasCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  const AtlasFigure *us, *in;
  int year;
  double factor;

  g_assert_true (atlas_store_is_empty (store));
  catalog = atlas_catalog_load (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (atlas_catalog_is_empty (catalog));
  g_assert_cmpint (catalog->n_records, ==, 0);
  g_assert_cmpint (catalog->n_figures, >, 0);
  g_assert_true (atlas_catalog_has_country (catalog, "US"));
  g_assert_true (atlas_catalog_has_country (catalog, "IN"));
  g_assert_true (g_strv_contains ((const char * const *) catalog->families, "Machine Learning Engineer"));

  /* The two quoted headline figures, the US first, as published. */
  g_assert_cmpuint (catalog->headlines->len, ==, 2);
  us = g_ptr_array_index (catalog->headlines, 0);
  in = g_ptr_array_index (catalog->headlines, 1);
  g_assert_cmpstr (us->country, ==, "US");
  g_assert_cmpfloat (us->mean, ==, 140000);
  g_assert_cmpstr (us->currency, ==, "USD");
  g_assert_cmpstr (in->country, ==, "IN");
  g_assert_cmpfloat (in->mean, ==, 1200000);
  g_assert_cmpstr (in->currency, ==, "INR");
  g_assert_cmpint (us->n, ==, 0);
  g_assert_nonnull (us->uid);
  g_assert_cmpstr (us->uid, !=, in->uid);
  g_assert_nonnull (strstr (us->citation, "Simplilearn"));

  /* fx-ppp.csv: 2024, 19.9 rupees per international dollar. */
  g_assert_true (atlas_catalog_find_factor (catalog, ATLAS_CURRENCY_MODE_PPP, "IN", 2024, &year, &factor));
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpfloat_with_epsilon (factor, 19.9, 1e-9);

  /* Figures only: their years. */
  g_assert_cmpint (catalog->year_max, >, 0);
  assert_years_and_rates_match (store, catalog);
}

static void
test_unseeded_catalog_is_empty (void)
{
  g_autoptr(AtlasStore) store = open_temp_store ();
  g_autoptr(AtlasCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  catalog = atlas_catalog_load (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_catalog_is_empty (catalog));
  g_assert_cmpuint (catalog->headlines->len, ==, 0);
}

/* A small hand-made database whose lists have ties, figures that change
 * the order, a figure-only country, a code that is no country and a company
 * without records. */
static AtlasStore *
make_store (void)
{
  g_autoptr(GError) error = NULL;
  AtlasStore *store = open_temp_store ();
  static const struct
  {
    const char *country;
    const char *family;
    int         company;  /* 0: none */
    int         year;
  } records[] = {
    { "US", "Machine Learning Engineer", 1, 2021 },
    { "IN", "Data Scientist", 2, 2022 },
    { "DE", "Data Analyst", 0, 2023 },
    { "US", "Data Scientist", 3, 2022 },
    { "ZZ", "Other", 0, 2022 },
    { "US", "Machine Learning Engineer", 1, 2023 },
    { "IN", "Data Analyst", 3, 2021 },
    { "DE", "Data Engineer", 1, 2022 },
    { "US", "Data Scientist", 2, 2021 },
  };
  GString *sql = g_string_new (
    "INSERT INTO sources (id, name, format, licence) VALUES (1, 'test', 'aijobs', 'CC0-1.0');"
    /* Ids against name order: ties must be broken by name. */
    "INSERT INTO companies (id, key, display_name) VALUES"
    " (1, 'zeta', 'Zeta'), (2, 'bolt', 'Bolt'), (3, 'acme', 'Acme'), (4, 'unused', 'Unused');"
    "INSERT INTO figures (uid, source_id, role_family, country, year, currency, median, n, citation, licence) VALUES"
    " ('f1', 1, 'Data Engineer', 'IN', NULL, 'INR', 1500000, 10, 'Test figure', 'CC0-1.0'),"
    " ('f2', 1, 'Machine Learning Engineer', 'GB', 2019, 'GBP', 70000, 10, 'Test figure', 'CC0-1.0'),"
    " ('f3', 1, 'Machine Learning Engineer', 'GB', 2020, 'GBP', 80000, 10, 'Test figure', 'CC0-1.0'),"
    " ('f4', 1, NULL, 'GB', 2020, 'GBP', 75000, 10, 'Test figure', 'CC0-1.0');");

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autofree char *company = records[i].company != 0 ? g_strdup_printf ("%d", records[i].company)
                                                         : g_strdup ("NULL");

      g_string_append_printf (sql,
        "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, company_id,"
        " country, amount, currency, year)"
        " VALUES ('r%u', 1, %u, 'survey', '%s', '%s', %s, '%s', 100000, 'USD', %d);",
        i, i + 2, records[i].family, records[i].family, company, records[i].country, records[i].year);
    }

  g_assert_true (atlas_store_exec (store, sql->str, &error));
  g_assert_no_error (error);
  g_string_free (sql, TRUE);

  /* Records written by hand need their counts, as from the importer. */
  g_assert_true (atlas_store_recount_facets (store, 1, &error));
  g_assert_no_error (error);

  return store;
}

static void
assert_country (AtlasCatalog *catalog,
                guint         i,
                const char   *code,
                gint64        n,
                gint64        n_figures)
{
  const AtlasCatalogCountry *country;

  g_assert_cmpuint (i, <, catalog->countries->len);
  country = g_ptr_array_index (catalog->countries, i);
  g_assert_cmpstr (country->code, ==, code);
  g_assert_cmpint (country->n, ==, n);
  g_assert_cmpint (country->n_figures, ==, n_figures);
}

static void
test_lists (void)
{
  g_autoptr(AtlasStore) store = make_store ();
  g_autoptr(AtlasCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  /* Records and figures together: 2 + 2, 3, 2, 1 + 1, 1; ties by name. */
  const char * const families[] = {
    "Machine Learning Engineer", "Data Scientist", "Data Analyst", "Data Engineer", "Other", NULL
  };
  /* Records per company: 3, 2, 2; "Unused" has none. */
  const char * const companies[] = { "Zeta", "Acme", "Bolt", NULL };

  catalog = atlas_catalog_load (store, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpint (catalog->n_records, ==, 9);
  g_assert_cmpint (catalog->n_figures, ==, 4);
  g_assert_cmpstrv (catalog->families, families);
  g_assert_cmpstrv (catalog->companies, companies);

  /* Records first, then figures (rows), then the code; "ZZ" is no country. */
  g_assert_cmpuint (catalog->countries->len, ==, 4);
  assert_country (catalog, 0, "US", 4, 0);
  assert_country (catalog, 1, "IN", 2, 1);
  assert_country (catalog, 2, "DE", 2, 0);
  assert_country (catalog, 3, "GB", 0, 3);
  g_assert_false (atlas_catalog_has_country (catalog, "ZZ"));

  /* Records span 2021-2023; a figure goes back to 2019; NULL is no year. */
  g_assert_cmpint (catalog->year_min, ==, 2019);
  g_assert_cmpint (catalog->year_max, ==, 2023);

  /* Figures with n are not quoted headline figures. */
  g_assert_cmpuint (catalog->headlines->len, ==, 0);
  g_assert_cmpuint (catalog->sources->len, ==, 1);
}

/* Record counts on real data.  The catalog reads record_facets, which every
 * write path keeps; these tests check, after each kind of write, that the
 * counts equal a GROUP BY over the records and that the catalog equals the
 * lists computed by scanning records and figures (here in SQL, apart from
 * the catalog's own code). */

/* The rows of @sql, as "a|b|c;" per row. */
static char *
query_rows (AtlasStore *store,
            const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, ';');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* record_facets as stored, with each value's type. */
static char *
stored_facets (AtlasStore *store)
{
  return query_rows (store, "SELECT source_id, facet, typeof (value), value, n"
                            " FROM record_facets ORDER BY 1, 2, 4");
}

/* The counts are those of the records, and nothing else is in the table. */
static void
assert_facets_match_records (AtlasStore *store)
{
  g_autofree char *stored = stored_facets (store);
  g_autofree char *expected =
    query_rows (store,
                "SELECT source_id, 0, 'text', role_family, count(*) FROM records GROUP BY 1, 4 UNION ALL "
                "SELECT source_id, 1, 'text', country, count(*) FROM records GROUP BY 1, 4 UNION ALL "
                "SELECT source_id, 2, 'integer', year, count(*) FROM records GROUP BY 1, 4 UNION ALL "
                "SELECT source_id, 3, 'integer', company_id, count(*) FROM records"
                " WHERE company_id IS NOT NULL GROUP BY 1, 4 ORDER BY 1, 2, 4");
  g_auto(GStrv) stored_rows = g_strsplit (stored, ";", -1);
  g_auto(GStrv) expected_rows = g_strsplit (expected, ";", -1);

  /* The first row that differs, rather than thousands of them. */
  for (guint i = 0; stored_rows[i] != NULL || expected_rows[i] != NULL; i++)
    {
      g_assert_nonnull (stored_rows[i]);
      g_assert_nonnull (expected_rows[i]);
      g_assert_cmpstr (stored_rows[i], ==, expected_rows[i]);
    }
}

/* The catalog's lists against the same lists scanned from the records and
 * figures with SQL: families by records + figures (rows) then name;
 * countries by records, then figures, then code, real countries only;
 * companies by records then name, at most 5000; years of both. */
static void
assert_catalog_matches_scan (AtlasStore *store)
{
  g_autoptr(AtlasCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) families = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) companies = g_strv_builder_new ();
  g_auto(GStrv) expected_families = NULL;
  g_auto(GStrv) expected_companies = NULL;
  sqlite3 *db = atlas_store_get_db (store);
  sqlite3_stmt *stmt;
  guint n_countries = 0;

  catalog = atlas_catalog_load (store, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpint (catalog->n_records, ==, query_int (store, "SELECT count(*) FROM records"));
  g_assert_cmpint (catalog->n_figures, ==, query_int (store, "SELECT count(*) FROM figures"));

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT k FROM (SELECT role_family AS k FROM records UNION ALL"
                                       " SELECT role_family FROM figures WHERE role_family IS NOT NULL)"
                                       " WHERE k <> '' GROUP BY k ORDER BY count(*) DESC, k",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (families, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  expected_families = g_strv_builder_end (families);
  g_assert_cmpstrv (catalog->families, expected_families);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT k, sum(r), sum(f) FROM (SELECT country AS k, 1 AS r, 0 AS f"
                                       " FROM records UNION ALL SELECT country, 0, 1 FROM figures)"
                                       " GROUP BY k ORDER BY 2 DESC, 3 DESC, k",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const AtlasCatalogCountry *country;

      if (!atlas_money_is_country (code))
        continue;
      g_assert_cmpuint (n_countries, <, catalog->countries->len);
      country = g_ptr_array_index (catalog->countries, n_countries++);
      g_assert_cmpstr (country->code, ==, code);
      g_assert_cmpint (country->n, ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpint (country->n_figures, ==, sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_countries, ==, catalog->countries->len);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT c.display_name FROM records r JOIN companies c"
                                       " ON c.id = r.company_id GROUP BY r.company_id"
                                       " ORDER BY count(*) DESC, c.display_name LIMIT 5000",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (*sqlite3_column_text (stmt, 0) != '\0')
      g_strv_builder_add (companies, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  expected_companies = g_strv_builder_end (companies);
  g_assert_cmpstrv (catalog->companies, expected_companies);

  g_assert_cmpint (catalog->year_min, ==,
                   query_int (store, "SELECT coalesce (min (y), 0) FROM (SELECT year AS y FROM records"
                                     " UNION ALL SELECT year FROM figures WHERE year IS NOT NULL)"));
  g_assert_cmpint (catalog->year_max, ==,
                   query_int (store, "SELECT coalesce (max (y), 0) FROM (SELECT year AS y FROM records"
                                     " UNION ALL SELECT year FROM figures WHERE year IS NOT NULL)"));
}

static void
assert_consistent (AtlasStore *store)
{
  assert_facets_match_records (store);
  assert_catalog_matches_scan (store);
}

static void
import_ok (AtlasStore        *store,
           const char        *path,
           const char        *name,
           AtlasImportResult *result)
{
  g_autoptr(GError) error = NULL;
  AtlasImportOptions options = { .source_name = name };

  g_assert_true (atlas_import_file (store, path, &options, result, &error));
  g_assert_no_error (error);
  g_assert_false (result->unchanged);
}

/* A copy of a real file (one record per line) in @dir: the header and the
 * lines up to @limit (0: all) but every @every-th one (0: none left out),
 * with line @broken (if > 0) replaced by @broken_line. */
static char *
write_copy (const char  *dir,
            const char  *name,
            const char  *original,
            guint        every,
            guint        limit,
            guint        broken,
            const char  *broken_line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (original, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && (limit == 0 || i <= limit); i++)
    {
      if (i == broken && broken > 0)
        g_string_append_printf (out, "%s\n", broken_line);
      else if (i == 0 || every <= 1 || i % every != 0)
        {
          if (*lines[i] != '\0')
            g_string_append_printf (out, "%s\n", lines[i]);
        }
    }
  g_assert_true (g_file_set_contents (path, out->str, out->len, &error));
  g_assert_no_error (error);

  return path;
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("atlas-facets-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Imports of each real file, with companies (H-1B, Glassdoor) and without
 * (aijobs), on top of the embedded default's figures. */
static void
test_facets_imports (void)
{
  g_autofree char *aijobs = shared_file ("aijobs-salaries-2025-01-19.csv");
  g_autofree char *h1b = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *h1b_sample = shared_file ("h1b-2012-2016-sample.csv");
  g_autofree char *glassdoor = shared_file ("india-software-salaries-2022-glassdoor.csv");
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[4];

  if (aijobs == NULL || h1b == NULL || h1b_sample == NULL || glassdoor == NULL)
    return;

  store = open_temp_store ();
  g_assert_true (atlas_seed_ensure (store, &error));
  g_assert_no_error (error);
  assert_consistent (store);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM record_facets"), ==, 0);

  files[0] = aijobs;
  files[1] = h1b;
  files[2] = glassdoor;
  files[3] = h1b_sample;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      AtlasImportResult result = { 0 };

      import_ok (store, files[i], NULL, &result);
      /* All the rows the source holds are counted once per facet. */
      g_assert_cmpint (query_int (store,
                                  "SELECT sum(n) FROM record_facets f JOIN sources s ON s.id = f.source_id"
                                  " WHERE f.facet = 0 AND s.id = (SELECT max(id) FROM sources)"), ==,
                       (gint64) result.imported);
      atlas_import_result_clear (&result);
      assert_consistent (store);
    }

  /* Companies are counted: H-1B and Glassdoor name employers. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM record_facets WHERE facet = 3"), >, 1000);
}

/* Re-imports under the same name: a newer snapshot of the same data (rows
 * added), a copy without every third row (rows removed), the same content
 * again (nothing written), with and without companies. */
static void
test_facets_reimport (void)
{
  g_autofree char *old = shared_file ("aijobs-salaries-2024-12-22.csv");
  g_autofree char *new = shared_file ("aijobs-salaries-2025-01-19.csv");
  g_autofree char *h1b = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *dir = NULL;
  g_autofree char *thinned = NULL;
  g_autofree char *h1b_thinned = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(AtlasStore) store = NULL;
  AtlasImportResult result = { 0 };

  if (old == NULL || new == NULL || h1b == NULL)
    return;

  dir = temp_dir ();
  thinned = write_copy (dir, "aijobs-thinned.csv", new, 3, 0, 0, NULL);
  h1b_thinned = write_copy (dir, "h1b-thinned.csv", h1b, 2, 0, 0, NULL);
  store = open_temp_store ();

  import_ok (store, old, "aijobs", &result);
  atlas_import_result_clear (&result);
  import_ok (store, h1b, "h1b", &result);
  atlas_import_result_clear (&result);
  assert_consistent (store);
  before = stored_facets (store);

  import_ok (store, new, "aijobs", &result);
  g_assert_cmpint (result.added, ==, 2745);
  atlas_import_result_clear (&result);
  assert_consistent (store);
  after = stored_facets (store);
  g_assert_cmpstr (before, !=, after);

  import_ok (store, thinned, "aijobs", &result);
  g_assert_cmpint (result.added, <, -20000);
  atlas_import_result_clear (&result);
  assert_consistent (store);

  import_ok (store, h1b_thinned, "h1b", &result);
  g_assert_cmpint (result.added, <, -10000);
  atlas_import_result_clear (&result);
  assert_consistent (store);

  /* The same content again writes nothing, counts included. */
  g_clear_pointer (&before, g_free);
  before = stored_facets (store);
  {
    g_autoptr(GError) error = NULL;
    AtlasImportOptions options = { .source_name = "h1b" };

    g_assert_true (atlas_import_file (store, h1b_thinned, &options, &result, &error));
    g_assert_no_error (error);
    g_assert_true (result.unchanged);
    atlas_import_result_clear (&result);
  }
  g_clear_pointer (&after, g_free);
  after = stored_facets (store);
  g_assert_cmpstr (before, ==, after);
  assert_consistent (store);

  test_dir_remove (dir);
}

/* Both aijobs.net snapshots imported as two sources: the older one holds
 * the same people as the newer (the data README: the older file is an exact
 * suffix of the newer), so the lists count only the newer one and the older
 * one's entry says what superseded it.  Issue 10: US n stays 67,008
 * (employee_residence = US in the newer file, as its README counts). */
static void
test_superseded (void)
{
  g_autofree char *old = shared_file ("aijobs-salaries-2024-12-22.csv");
  g_autofree char *new = shared_file ("aijobs-salaries-2025-01-19.csv");
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };
  gboolean found_old = FALSE, found_new = FALSE;

  if (old == NULL || new == NULL)
    return;

  store = open_temp_store ();
  import_ok (store, new, "aijobs-2025", &result);
  atlas_import_result_clear (&result);
  import_ok (store, old, "aijobs-2024", &result);
  atlas_import_result_clear (&result);
  assert_facets_match_records (store);

  catalog = atlas_catalog_load (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM records"), ==, 74301 + 71556);
  g_assert_cmpint (catalog->n_records, ==, 74301);
  for (guint i = 0; i < catalog->countries->len; i++)
    {
      const AtlasCatalogCountry *country = g_ptr_array_index (catalog->countries, i);

      if (g_strcmp0 (country->code, "US") == 0)
        g_assert_cmpint (country->n, ==, 67008);
      if (g_strcmp0 (country->code, "IN") == 0)
        g_assert_cmpint (country->n, ==, 139);
    }
  /* The newer file adds 2025; the year range is the newer one's. */
  g_assert_cmpint (catalog->year_max, >=, 2025);
  assert_years_and_rates_match (store, catalog);
  for (guint i = 0; i < catalog->sources->len; i++)
    {
      const AtlasCatalogSource *source = g_ptr_array_index (catalog->sources, i);

      if (g_strcmp0 (source->name, "aijobs-2024") == 0)
        {
          found_old = TRUE;
          g_assert_cmpstr (source->superseded_by, ==, "aijobs-2025");
        }
      else if (g_strcmp0 (source->name, "aijobs-2025") == 0)
        {
          found_new = TRUE;
          g_assert_null (source->superseded_by);
        }
    }
  g_assert_true (found_old && found_new);
}

/* Imports that fail: --strict on a bad row long after the writer started,
 * into an existing source and into a new one; an import dropped half-way
 * (a cancelled download); a refresh without a single usable row.  The
 * counts stay as they were. */
static void
test_facets_failures (void)
{
  g_autofree char *h1b = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *aijobs = shared_file ("aijobs-salaries-2025-01-19.csv");
  g_autofree char *dir = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *unusable = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportOptions strict = { .strict = TRUE, .source_name = "h1b" };
  AtlasImportResult result = { 0 };
  AtlasImport *import;
  gsize len = 0;

  if (h1b == NULL || aijobs == NULL)
    return;

  dir = temp_dir ();
  broken = write_copy (dir, "h1b-broken.csv", h1b, 4, 0, 20001,
                       "99999,DS,BROKEN CORP,DATA SCIENTIST,-5.0,\"NEW YORK, NY\",2019-01-01,2019");
  store = open_temp_store ();

  import_ok (store, h1b, "h1b", &result);
  atlas_import_result_clear (&result);
  import_ok (store, aijobs, "aijobs", &result);
  atlas_import_result_clear (&result);
  assert_consistent (store);
  before = stored_facets (store);

  g_assert_false (atlas_import_file (store, broken, &strict, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_ROW);
  g_clear_error (&error);
  after = stored_facets (store);
  g_assert_cmpstr (before, ==, after);

  strict.source_name = "h1b, new";
  g_assert_false (atlas_import_file (store, broken, &strict, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_ROW);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = stored_facets (store);
  g_assert_cmpstr (before, ==, after);

  /* Dropped while the writer has most of the rows, as a new source and as
   * a refresh of an existing one. */
  g_assert_true (g_file_get_contents (aijobs, &contents, &len, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      AtlasImportOptions options = { .source_name = i == 0 ? "aijobs, new" : "h1b",
                                     .format = ATLAS_FORMAT_AIJOBS };

      import = atlas_import_begin (store, "https://example.org/salaries.csv", &options, &error);
      g_assert_no_error (error);
      for (gsize off = 0; off < len * 3 / 4; off += 65536)
        g_assert_true (atlas_import_feed (import, contents + off, MIN (65536, len - off), &error));
      g_assert_no_error (error);
      atlas_import_free (import);
      g_clear_pointer (&after, g_free);
      after = stored_facets (store);
      g_assert_cmpstr (before, ==, after);
    }

  /* A refresh in which every row is rejected fails and wipes nothing. */
  unusable = write_copy (dir, "h1b-unusable.csv", h1b, 0, 1, 1, "x,y,z");
  {
    AtlasImportOptions options = { .source_name = "h1b" };

    g_assert_false (atlas_import_file (store, unusable, &options, &result, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_clear_pointer (&after, g_free);
  after = stored_facets (store);
  g_assert_cmpstr (before, ==, after);
  assert_consistent (store);

  test_dir_remove (dir);
}

/* Removing a source removes its counts (by cascade). */
static void
test_facets_remove_source (void)
{
  g_autofree char *h1b = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *glassdoor = shared_file ("india-software-salaries-2022-glassdoor.csv");
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };

  if (h1b == NULL || glassdoor == NULL)
    return;

  store = open_temp_store ();
  g_assert_true (atlas_seed_ensure (store, &error));
  g_assert_no_error (error);
  import_ok (store, h1b, "h1b", &result);
  atlas_import_result_clear (&result);
  import_ok (store, glassdoor, "glassdoor", &result);
  atlas_import_result_clear (&result);
  assert_consistent (store);

  g_assert_true (atlas_sources_remove (store, "h1b", &error));
  g_assert_no_error (error);
  assert_consistent (store);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT source_id) FROM record_facets"), ==, 1);

  g_assert_true (atlas_sources_remove (store, "glassdoor", &error));
  g_assert_no_error (error);
  assert_consistent (store);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM record_facets"), ==, 0);
}

/* A database from before record_facets (schema 3) gets them from its
 * records when it is opened. */
static void
test_facets_migration (void)
{
  g_autofree char *h1b = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *aijobs = shared_file ("aijobs-salaries-2025-01-19.csv");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };
  AtlasStore *store;

  if (h1b == NULL || aijobs == NULL)
    return;

  dir = temp_dir ();
  path = g_build_filename (dir, "v3.db", NULL);
  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  import_ok (store, h1b, "h1b", &result);
  atlas_import_result_clear (&result);
  import_ok (store, aijobs, "aijobs", &result);
  atlas_import_result_clear (&result);
  before = stored_facets (store);

  /* What a schema-3 build leaves: the same records, no counts. */
  g_assert_true (atlas_store_exec (store, "DROP TABLE record_facets;"
                                        /* and what schema 5 added */
                                        "ALTER TABLE figures DROP COLUMN pay_basis;"
                                        "ALTER TABLE figures DROP COLUMN min;"
                                        "ALTER TABLE figures DROP COLUMN max;"
                                        "ALTER TABLE figures DROP COLUMN years_min;"
                                        "ALTER TABLE figures DROP COLUMN years_max;"
                                        "ALTER TABLE figures DROP COLUMN year_from;"
                                        "PRAGMA user_version = 3", &error));
  g_assert_no_error (error);
  atlas_store_free (store);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);
  after = stored_facets (store);
  g_assert_cmpstr (before, ==, after);
  assert_consistent (store);
  atlas_store_free (store);

  test_dir_remove (dir);
}

/* Issue 13, item 3: the window opening mid-import loads its catalog (the
 * seed and the built-in feeds, then the reads) without writing, so an
 * import that holds the write lock neither blocks nor fails it; it sees
 * the state before that import. */
static void
test_load_beside_writer (void)
{
  g_autoptr(AtlasStore) writer = open_temp_store ();
  g_autoptr(AtlasStore) reader = NULL;
  g_autoptr(AtlasCatalog) first = NULL;
  g_autoptr(AtlasCatalog) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sources;

  first = atlas_catalog_load (writer, TRUE, &error);
  g_assert_no_error (error);
  sources = query_int (writer, "SELECT count(*) FROM sources");
  g_assert_cmpint (sources, >, 0);

  g_assert_true (atlas_store_begin (writer, &error));
  g_assert_true (atlas_store_exec (writer, "INSERT INTO sources (name, format)"
                                           " VALUES ('importing', 'aijobs')", &error));
  g_assert_no_error (error);

  reader = atlas_store_open (atlas_store_get_path (writer), &error);
  g_assert_no_error (error);
  second = atlas_catalog_load (reader, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpint (second->n_figures, ==, first->n_figures);
  g_assert_cmpint (query_int (reader, "SELECT count(*) FROM sources"), ==, sources);

  atlas_store_rollback (writer);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The writer thread from the first full chunk of rows (1,024) on, not
   * only from about a hundred thousand: the failures below happen while
   * it writes. */
  _atlas_import_writer_set_thread_after (0);

  g_test_add_func ("/atlas/catalog/seeded", test_seeded_catalog);
  g_test_add_func ("/atlas/catalog/unseeded-is-empty", test_unseeded_catalog_is_empty);
  g_test_add_func ("/atlas/catalog/lists", test_lists);
  g_test_add_func ("/atlas/catalog/facets/imports", test_facets_imports);
  g_test_add_func ("/atlas/catalog/facets/reimport", test_facets_reimport);
  g_test_add_func ("/atlas/catalog/facets/failures", test_facets_failures);
  g_test_add_func ("/atlas/catalog/facets/remove-source", test_facets_remove_source);
  g_test_add_func ("/atlas/catalog/facets/migration", test_facets_migration);
  g_test_add_func ("/atlas/catalog/superseded", test_superseded);
  g_test_add_func ("/atlas/catalog/load-beside-writer", test_load_beside_writer);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The catalog of a new database: what the window shows before any query. */

#include <math.h>
#include <string.h>

#include "atlas-catalog.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/catalog/seeded", test_seeded_catalog);
  g_test_add_func ("/atlas/catalog/unseeded-is-empty", test_unseeded_catalog_is_empty);
  g_test_add_func ("/atlas/catalog/lists", test_lists);

  return g_test_run ();
}

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/catalog/seeded", test_seeded_catalog);
  g_test_add_func ("/atlas/catalog/unseeded-is-empty", test_unseeded_catalog_is_empty);

  return g_test_run ();
}

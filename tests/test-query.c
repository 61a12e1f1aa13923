/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The query layer on a small hand-made database: grouping, ordering,
 * currency modes, filters and the fall-back to figures. */

#include <math.h>
#include <string.h>

#include "atlas-query.h"
#include "atlas-query-compare.h"
#include "atlas-seed.h"
#include "atlas-store-private.h"

static AtlasStore *
make_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-query-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "q.db", NULL);
  AtlasStore *store = atlas_store_open (path, &error);
  GString *sql = g_string_new (NULL);
  gint64 amazon;

  g_assert_no_error (error);
  g_assert_true (atlas_store_exec (store,
    "INSERT INTO sources (id, name, format, licence) VALUES (1, 'test', 'aijobs', 'CC0-1.0');"
    "INSERT INTO fx_rates VALUES ('INR', 2024, 83.669, 'World Bank', 'CC-BY-4.0');"
    "INSERT INTO ppp_factors VALUES ('IN', 2024, 19.9, 'World Bank', 'CC-BY-4.0');",
    &error));
  g_assert_no_error (error);

  g_assert_true (atlas_store_begin (store, &error));
  amazon = atlas_store_ensure_company (store, "Amazon", &error);
  g_assert_true (atlas_store_commit (store, &error));

  /* US senior MLEs: 100k..140k in 10k steps (n = 5, median 120k). */
  for (int i = 0; i < 5; i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, company_id,"
      " country, experience, amount, currency, amount_usd, year)"
      " VALUES ('us%d', 1, %d, 'survey', 'Senior Machine Learning Engineer', 'Machine Learning Engineer',"
      " %" G_GINT64_FORMAT ", 'US', 'SE', %d, 'USD', %d, 2024);",
      i, i + 2, amazon, 100000 + 10000 * i, 100000 + 10000 * i);
  /* US entry-level data analyst with a % in the title. */
  g_string_append (sql,
    "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country, experience,"
    " amount, currency, amount_usd, year)"
    " VALUES ('us9', 1, 9, 'survey', 'Analyst 100%', 'Data Analyst', 'US', 'EN', 60000, 'USD', 60000, 2024);");
  /* Indian MLEs paid in rupees: 2024 rows convert, a 2025 row has no factor. */
  g_string_append (sql,
    "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country, experience,"
    " amount, currency, year) VALUES"
    " ('in1', 1, 10, 'survey', 'Machine Learning Engineer', 'Machine Learning Engineer', 'IN', 'SE', 1200000, 'INR', 2024),"
    " ('in2', 1, 11, 'survey', 'Machine Learning Engineer', 'Machine Learning Engineer', 'IN', 'SE', 2400000, 'INR', 2024),"
    " ('in3', 1, 12, 'survey', 'Machine Learning Engineer', 'Machine Learning Engineer', 'IN', 'SE', 3000000, 'INR', 2025);");
  /* A figure, for the fall-back. */
  g_string_append (sql,
    "INSERT INTO figures (uid, source_id, role_family, country, experience, year, currency, p25, median, p75, n, citation, licence)"
    " VALUES ('f1', 1, 'Research Scientist', 'US', 'SE', 2024, 'USD', 150000, 180000, 220000, 40, 'Test figure', 'CC0-1.0');");
  g_assert_true (atlas_store_exec (store, sql->str, &error));
  /* As every writer of records does: the counts and the statistics' cells. */
  g_assert_true (atlas_store_recount_facets (store, 0, &error));
  g_assert_no_error (error);
  g_string_free (sql, TRUE);

  return store;
}

static const AtlasGroup *
group_at (AtlasQueryResult *result,
          guint             i)
{
  g_assert_cmpuint (i, <, result->groups->len);
  return g_ptr_array_index (result->groups, i);
}

static void
test_by_experience_usd (void)
{
  g_autoptr(AtlasStore) store = make_store ();
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasQueryResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const AtlasGroup *g;

  filter->regions = g_strsplit ("US,IN", ",", -1);
  result = atlas_query_run (store, filter, ATLAS_GROUP_EXPERIENCE, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->from_figures);
  g_assert_cmpuint (result->n_records, ==, 9);

  /* US first (filter order), levels in EN..EX order; then IN. */
  g_assert_cmpuint (result->groups->len, ==, 3);
  g = group_at (result, 0);
  g_assert_cmpstr (g->region, ==, "US");
  g_assert_cmpstr (g->key, ==, "EN");
  g = group_at (result, 1);
  g_assert_cmpstr (g->key, ==, "SE");
  g_assert_cmpuint (g->summary.n, ==, 5);
  g_assert_cmpfloat (g->summary.median, ==, 120000);
  g_assert_cmpfloat (g->summary.p25, ==, 110000);
  g_assert_true (g->small_sample);
  g_assert_cmpstr (g->currency, ==, "USD");
  g_assert_cmpuint (g->n_values, ==, 5);

  /* In USD, the 2025 rupee row has no exchange rate and is left out, said so. */
  g = group_at (result, 2);
  g_assert_cmpstr (g->region, ==, "IN");
  g_assert_cmpuint (g->summary.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (g->summary.median, 1800000 / 83.669, 1e-6);
  g_assert_cmpuint (result->n_without_factor, ==, 1);
  g_assert_cmpstr (result->missing_factors, ==, "FX INR 2025");
  g_assert_cmpuint (result->n_without_group, ==, 0);
  atlas_query_result_free (g_steal_pointer (&result));

  /* By company, the rows without an employer are counted, not grouped. */
  result = atlas_query_run (store, filter, ATLAS_GROUP_COMPANY, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->groups->len, ==, 1);
  g_assert_cmpuint (result->n_without_group, ==, 4);
}

static void
test_local_and_ppp (void)
{
  g_autoptr(AtlasStore) store = make_store ();
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasQueryResult) local = NULL;
  g_autoptr(AtlasQueryResult) ppp = NULL;
  g_autoptr(GError) error = NULL;
  const AtlasGroup *g;

  filter->regions = g_strsplit ("IN", ",", -1);
  local = atlas_query_run (store, filter, ATLAS_GROUP_EXPERIENCE, ATLAS_CURRENCY_MODE_LOCAL, 2, NULL, &error);
  g_assert_no_error (error);
  g = group_at (local, 0);
  g_assert_cmpstr (g->currency, ==, "INR");
  /* Rupee rows need no factor in rupees: all three count. */
  g_assert_cmpuint (g->summary.n, ==, 3);
  g_assert_cmpfloat (g->summary.median, ==, 2400000);
  g_assert_false (g->small_sample);

  ppp = atlas_query_run (store, filter, ATLAS_GROUP_EXPERIENCE, ATLAS_CURRENCY_MODE_PPP, 30, NULL, &error);
  g_assert_no_error (error);
  g = group_at (ppp, 0);
  g_assert_cmpstr (g->currency, ==, "intl$");
  g_assert_cmpuint (g->summary.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (g->summary.median, 1800000 / 19.9, 1e-6);
  g_assert_cmpstr (ppp->missing_factors, ==, "PPP IN 2025");
}

static void
test_filters (void)
{
  g_autoptr(AtlasStore) store = make_store ();
  g_autoptr(GError) error = NULL;
  AtlasQueryResult *result;
  AtlasFilter *filter;

  /* Title: case-insensitive substring, with LIKE wildcards taken literally. */
  filter = atlas_filter_new ();
  filter->title = g_strdup ("senior machine");
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_records, ==, 5);
  atlas_query_result_free (result);
  g_free (filter->title);
  filter->title = g_strdup ("0%");
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (result->n_records, ==, 1);
  atlas_query_result_free (result);
  g_free (filter->title);
  filter->title = g_strdup ("_");
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (result->n_records, ==, 0);
  atlas_query_result_free (result);
  atlas_filter_free (filter);

  /* Company through its normalised key: another spelling finds it. */
  filter = atlas_filter_new ();
  filter->company = g_strdup ("AMAZON.COM SERVICES LLC");
  result = atlas_query_run (store, filter, ATLAS_GROUP_COMPANY, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_records, ==, 5);
  g_assert_cmpuint (result->n_without_group, ==, 0);
  g_assert_cmpuint (result->groups->len, ==, 1);
  g_assert_cmpstr (group_at (result, 0)->key, ==, "Amazon");
  atlas_query_result_free (result);
  atlas_filter_free (filter);

  /* A company is matched exactly, never by a part of its name ("Dice" is
   * not "Windice OPC"); suggestions name the companies that contain it. */
  filter = atlas_filter_new ();
  filter->company = g_strdup ("maz");
  result = atlas_query_run (store, filter, ATLAS_GROUP_COMPANY, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_records, ==, 0);
  atlas_query_result_free (result);
  {
    g_auto(GStrv) names = atlas_query_suggest_companies (store, "maz", 5, &error);

    g_assert_no_error (error);
    g_assert_nonnull (names);
    g_assert_true (g_strv_contains ((const char * const *) names, "Amazon"));
  }
  g_free (filter->company);
  filter->company = g_strdup ("Zoho");
  result = atlas_query_run (store, filter, ATLAS_GROUP_COMPANY, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (result->n_records, ==, 0);
  atlas_query_result_free (result);
  atlas_filter_free (filter);

  /* Years and levels. */
  filter = atlas_filter_new ();
  filter->year_from = filter->year_to = 2025;
  filter->experience = g_strsplit ("SE", ",", -1);
  result = atlas_query_run (store, filter, ATLAS_GROUP_YEAR, ATLAS_CURRENCY_MODE_LOCAL, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_records, ==, 1);
  g_assert_cmpstr (group_at (result, 0)->key, ==, "2025");
  atlas_query_result_free (result);
  atlas_filter_free (filter);
}

static void
test_figures_fallback (void)
{
  g_autoptr(AtlasStore) store = make_store ();
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasQueryResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const AtlasGroup *g;

  filter->role = g_strdup ("research scientist");
  result = atlas_query_run (store, filter, ATLAS_GROUP_EXPERIENCE, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->from_figures);
  g_assert_cmpuint (result->groups->len, ==, 1);
  g = group_at (result, 0);
  g_assert_cmpint (g->origin, ==, ATLAS_GROUP_FROM_FIGURE);
  g_assert_cmpfloat (g->summary.median, ==, 180000);
  g_assert_cmpuint (g->summary.n, ==, 40);
  g_assert_false (g->small_sample);
  g_assert_cmpstr (g->citation, ==, "Test figure");
  g_assert_cmpuint (result->sources->len, ==, 1);
}

static void
test_describe (void)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autofree char *words = NULL;

  filter->role = g_strdup ("Machine Learning Engineer");
  filter->regions = g_strsplit ("US,IN", ",", -1);
  filter->year_from = 2023;
  filter->year_to = 2025;
  words = atlas_filter_describe (filter);
  g_assert_cmpstr (words, ==, "Machine Learning Engineer · US, IN · 2023–2025");
}

static AtlasStore *
make_empty_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-query-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "e.db", NULL);
  AtlasStore *store = atlas_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static const AtlasGroup *
find_group (AtlasQueryResult *result,
            const char       *region,
            const char       *key)
{
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (g_str_equal (g->region, region) && g_str_equal (g->key, key))
        return g;
    }
  return NULL;
}

/* Half-open bands: 2 years is in [2,5), not [0,2); a record without years
 * is in no band. */
static void
test_experience_years_bands (void)
{
  g_autoptr(AtlasStore) store = make_empty_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(GString) sql = g_string_new (
    "INSERT INTO sources (id, name, format, licence) VALUES (1, 'lv', 'levels-fyi', 'x');");
  const char *years[] = { "0", "1.9", "2", "4.99", "5", "15", "40", "NULL" };
  AtlasQueryResult *result;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country,"
      " years_experience, amount, currency, amount_usd, year)"
      " VALUES ('r%u', 1, %u, 'survey', 'Software Engineer', 'Software Engineer', 'US', %s,"
      " %u, 'USD', %u, 2021);", i, i + 2, years[i], 100000 + i, 100000 + i);
  g_assert_true (atlas_store_exec (store, sql->str, &error));
  /* As every writer of records does: the counts and the statistics' cells. */
  g_assert_true (atlas_store_recount_facets (store, 0, &error));

  result = atlas_query_run (store, filter, ATLAS_GROUP_EXPERIENCE_YEARS, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_records, ==, 8);
  g_assert_cmpuint (result->n_without_group, ==, 1);
  g_assert_cmpuint (find_group (result, "US", "0-2")->summary.n, ==, 2);
  g_assert_cmpuint (find_group (result, "US", "2-5")->summary.n, ==, 2);
  g_assert_cmpuint (find_group (result, "US", "5-10")->summary.n, ==, 1);
  g_assert_null (find_group (result, "US", "10-15"));
  g_assert_cmpuint (find_group (result, "US", "15+")->summary.n, ==, 2);
  /* In band order, with the basis and period of the format. */
  g_assert_cmpstr (((AtlasGroup *) g_ptr_array_index (result->groups, 0))->key, ==, "0-2");
  g_assert_cmpstr (((AtlasGroup *) g_ptr_array_index (result->groups, 3))->key, ==, "15+");
  g_assert_cmpint (find_group (result, "US", "15+")->pay_basis, ==, ATLAS_PAY_BASIS_TOTAL);
  g_assert_cmpint (find_group (result, "US", "15+")->year_from, ==, 2017);
  g_assert_cmpint (find_group (result, "US", "15+")->year_to, ==, 2021);
  atlas_query_result_free (result);

  g_assert_true (atlas_filter_set_experience_years (filter, "2-5"));
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (result->n_records, ==, 2);
  atlas_query_result_free (result);
  g_assert_true (atlas_filter_set_experience_years (filter, "15+"));
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (result->n_records, ==, 2);
  atlas_query_result_free (result);
  g_assert_false (atlas_filter_set_experience_years (filter, "5-2"));
  g_assert_false (atlas_filter_set_experience_years (filter, "five"));

  filter->experience_years_min = filter->experience_years_max = 0;
  g_assert_true (atlas_filter_set_experience_bands (filter, "0,10"));
  g_assert_false (atlas_filter_set_experience_bands (filter, "5,2"));
  result = atlas_query_run (store, filter, ATLAS_GROUP_EXPERIENCE_YEARS, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (find_group (result, "US", "0-10")->summary.n, ==, 5);
  g_assert_cmpuint (find_group (result, "US", "10+")->summary.n, ==, 2);
  atlas_query_result_free (result);

  /* The period 2017-2021 overlaps 2019; 2022 does not. */
  filter->n_experience_bands = 0;
  filter->year_from = filter->year_to = 2019;
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (result->n_records, ==, 8);
  atlas_query_result_free (result);
  filter->year_from = filter->year_to = 2022;
  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (result->n_records, ==, 0);
  atlas_query_result_free (result);
}

/* Base wages and total compensation in one group are flagged; of two
 * snapshots of one publication only the newer (larger) one counts. */
static void
test_bases_and_snapshots (void)
{
  g_autoptr(AtlasStore) store = make_empty_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(GString) sql = g_string_new (
    "INSERT INTO sources (id, name, format, licence, row_count) VALUES"
    " (1, 'h1b', 'h1b', 'x', 1), (2, 'lv', 'levels-fyi', 'x', 1),"
    " (3, 'old.csv', 'aijobs', 'x', 2), (4, 'new.csv', 'aijobs', 'x', 3);");
  const int source_of[] = { 1, 2, 3, 3, 4, 4, 4 };
  AtlasQueryResult *result;

  for (guint i = 0; i < G_N_ELEMENTS (source_of); i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country,"
      " amount, currency, amount_usd, year)"
      " VALUES ('b%u', %d, %u, 'survey', 'Engineer', 'Software Engineer', '%s',"
      " 100000, 'USD', 100000, 2021);", i, source_of[i], i + 2, source_of[i] <= 2 ? "US" : "GB");
  g_assert_true (atlas_store_exec (store, sql->str, &error));
  /* As every writer of records does: the counts and the statistics' cells. */
  g_assert_true (atlas_store_recount_facets (store, 0, &error));

  result = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (find_group (result, "US", "US")->pooled_bases);
  g_assert_cmpstr (find_group (result, "US", "US")->bases, ==, "base+total");
  g_assert_true (result->pooled_bases);
  g_assert_false (find_group (result, "GB", "GB")->pooled_bases);
  g_assert_cmpuint (find_group (result, "GB", "GB")->summary.n, ==, 3);
  g_assert_nonnull (strstr (result->superseded, "old.csv (superseded by new.csv)"));
  atlas_query_result_free (result);
}

/* On the default data, the US and India compare on the one source with
 * both: levels.fyi, total compensation, 2017-2021. */
static void
test_compare_regions (void)
{
  g_autoptr(AtlasStore) store = make_empty_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasComparison) cmp = NULL;
  sqlite3_stmt *stmt;

  g_assert_true (atlas_seed_ensure (store, &error));
  g_assert_no_error (error);
  cmp = atlas_query_compare_regions (store, filter, "IN", "US", ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cmp);
  g_assert_cmpstr (cmp->source, ==, "levels.fyi salary submissions 2017-2021 (aggregates)");
  g_assert_cmpint (cmp->pay_basis, ==, ATLAS_PAY_BASIS_TOTAL);
  g_assert_cmpint (cmp->year_from, ==, 2017);
  g_assert_cmpint (cmp->year_to, ==, 2021);
  g_assert_cmpstr (cmp->a->region, ==, "IN");
  g_assert_true (cmp->from_figures);

  /* n as the levels.fyi figures for all roles state them. */
  stmt = atlas_store_prepare (store,
                              "SELECT f.country, f.n FROM figures f JOIN sources s ON s.id = f.source_id"
                              " WHERE s.format = 'levels-fyi' AND f.role_family IS NULL"
                              " AND f.company_id IS NULL AND f.years_min IS NULL", &error);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const AtlasGroup *g = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "IN") ? cmp->a : cmp->b;

      g_assert_cmpint (g->summary.n, ==, sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (cmp->a->summary.n, <, cmp->b->summary.n);

  /* A region no source has: no comparison, no error. */
  g_clear_pointer (&cmp, atlas_comparison_free);
  cmp = atlas_query_compare_regions (store, filter, "IN", "ZA", ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/query/by-experience-usd", test_by_experience_usd);
  g_test_add_func ("/atlas/query/local-and-ppp", test_local_and_ppp);
  g_test_add_func ("/atlas/query/filters", test_filters);
  g_test_add_func ("/atlas/query/figures-fallback", test_figures_fallback);
  g_test_add_func ("/atlas/query/describe", test_describe);
  g_test_add_func ("/atlas/query/experience-years", test_experience_years_bands);
  g_test_add_func ("/atlas/query/bases-and-snapshots", test_bases_and_snapshots);
  g_test_add_func ("/atlas/query/compare-regions", test_compare_regions);

  return g_test_run ();
}

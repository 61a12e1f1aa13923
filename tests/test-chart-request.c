/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-request.c: what each chart kind queries, and the spec a
 * request builds from the results: the filter in words, the conversion
 * factor its caption quotes, and India's median over the US median pooled
 * over every record of the filter (also those without an experience level,
 * which the compare chart's boxes leave out). Expected figures are worked
 * out by hand from the rows in request-test-db.h. */

#include "config.h"

#include <math.h>

#include "atlas-chart-request.h"
#include "request-test-db.h"

typedef struct
{
  char         *dir;
  char         *path;
  AtlasStore   *store;
  AtlasCatalog *catalog;
  AtlasFilter  *filter;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-request-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = test_db_create (fixture->dir);
  fixture->store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->catalog = atlas_catalog_load (fixture->store, FALSE, &error);
  g_assert_no_error (error);

  fixture->filter = atlas_filter_new ();
  fixture->filter->regions = g_strsplit ("US,IN", ",", -1);
  fixture->filter->role = g_strdup ("Machine Learning Engineer");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->filter, atlas_filter_free);
  g_clear_pointer (&fixture->catalog, atlas_catalog_free);
  g_clear_pointer (&fixture->store, atlas_store_free);
  test_db_remove (fixture->dir, fixture->path);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_queries (void)
{
  static const struct {
    AtlasChartKind kind;
    AtlasGroupBy   by;
  } drawn[] = {
    { ATLAS_CHART_COMPARE, ATLAS_GROUP_EXPERIENCE },
    { ATLAS_CHART_COMPANIES, ATLAS_GROUP_COMPANY },
    { ATLAS_CHART_EXPERIENCE, ATLAS_GROUP_EXPERIENCE },
    { ATLAS_CHART_DISTRIBUTION, ATLAS_GROUP_REGION },
    { ATLAS_CHART_TREND, ATLAS_GROUP_YEAR },
  };
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();

  for (guint i = 0; i < G_N_ELEMENTS (drawn); i++)
    {
      g_autoptr(AtlasChartRequest) request =
        atlas_chart_request_new (drawn[i].kind, filter, ATLAS_CURRENCY_MODE_LOCAL, 30);
      const AtlasChartQuery *query = atlas_chart_request_get_query (request, 0);

      /* The drawn result comes first, grouped as the engine draws it and in
       * the chosen mode. */
      g_assert_cmpint (query->group_by, ==, drawn[i].by);
      g_assert_cmpint (query->group_by, ==, atlas_chart_kind_group_by (drawn[i].kind));
      g_assert_cmpint (query->mode, ==, ATLAS_CURRENCY_MODE_LOCAL);
      g_assert_true (query->chosen_mode);
      g_assert_cmpuint (atlas_chart_request_get_n_queries (request), ==,
                        drawn[i].kind == ATLAS_CHART_COMPARE ? 3 : 1);
    }

  /* The compare chart's ratios: by region, in USD and in PPP whatever the
   * chosen mode. */
  {
    g_autoptr(AtlasChartRequest) request =
      atlas_chart_request_new (ATLAS_CHART_COMPARE, filter, ATLAS_CURRENCY_MODE_LOCAL, 30);

    g_assert_cmpint (atlas_chart_request_get_query (request, 1)->group_by, ==, ATLAS_GROUP_REGION);
    g_assert_cmpint (atlas_chart_request_get_query (request, 1)->mode, ==, ATLAS_CURRENCY_MODE_USD);
    g_assert_false (atlas_chart_request_get_query (request, 1)->chosen_mode);
    g_assert_cmpint (atlas_chart_request_get_query (request, 2)->group_by, ==, ATLAS_GROUP_REGION);
    g_assert_cmpint (atlas_chart_request_get_query (request, 2)->mode, ==, ATLAS_CURRENCY_MODE_PPP);
  }
}

static void
test_ratio_keeps_every_record (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(AtlasChartRequest) request =
    atlas_chart_request_new (ATLAS_CHART_COMPARE, fixture->filter, ATLAS_CURRENCY_MODE_LOCAL, 30);
  g_autoptr(AtlasChartSpec) spec = NULL;
  g_autoptr(AtlasChartSpec) partial = NULL;
  g_autoptr(GError) error = NULL;
  double with_level_only = (1800000 / TEST_DB_INR_PER_USD) / 120000.0;

  g_assert_false (atlas_chart_request_is_complete (request));
  partial = atlas_chart_request_build_spec (request, fixture->catalog);
  /* Without results there is no ratio to draw. */
  g_assert_true (isnan (partial->ratio_nominal));
  g_assert_true (isnan (partial->ratio_ppp));

  g_assert_true (atlas_chart_request_run (request, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (atlas_chart_request_is_complete (request));
  g_assert_cmpint (atlas_chart_request_get_result (request)->by, ==, ATLAS_GROUP_EXPERIENCE);

  spec = atlas_chart_request_build_spec (request, fixture->catalog);
  /* 21 lakh over 120,000 $: the Indian record without a level counts. */
  g_assert_cmpfloat_with_epsilon (spec->ratio_nominal, (2100000 / TEST_DB_INR_PER_USD) / 120000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (spec->ratio_ppp, (2100000 / TEST_DB_INR_PER_INTL) / 120000.0, 1e-9);
  /* What the experience-grouped result would have said. */
  g_assert_cmpfloat (fabs (spec->ratio_nominal - with_level_only), >, 0.01);
  /* By region, the ratio comes from the groups' medians: the same number
   * as pooling the values. */
  for (guint i = 1; i <= 2; i++)
    {
      const AtlasChartQuery *query = atlas_chart_request_get_query (request, i);
      g_autoptr(AtlasQueryResult) by_region = NULL;

      by_region = atlas_query_run (fixture->store, fixture->filter, query->group_by, query->mode,
                                   30, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (by_region->by, ==, ATLAS_GROUP_REGION);
      g_assert_true (atlas_chart_india_us_ratio (by_region) ==
                     atlas_chart_median_ratio (by_region, "IN", "US"));
    }

  {
    g_autoptr(AtlasQueryResult) by_level = atlas_query_run (fixture->store, fixture->filter,
                                                            ATLAS_GROUP_EXPERIENCE,
                                                            ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (atlas_chart_india_us_ratio (by_level), with_level_only, 1e-9);
  }
}

static void
test_caption_basis (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    AtlasCurrencyMode  mode;
    const char        *basis;
  } cases[] = {
    { ATLAS_CURRENCY_MODE_USD, "USD: World Bank official exchange rate, 2024: 83.67 ₹ per $" },
    { ATLAS_CURRENCY_MODE_PPP, "PPP: World Bank private consumption factor, 2024: 19.9 ₹ per intl $" },
    { ATLAS_CURRENCY_MODE_LOCAL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (AtlasChartKind kind = 0; kind < ATLAS_CHART_N_KINDS; kind++)
      {
        g_autoptr(AtlasChartRequest) request =
          atlas_chart_request_new (kind, fixture->filter, cases[i].mode, 30);
        g_autoptr(AtlasChartSpec) spec = atlas_chart_request_build_spec (request, fixture->catalog);
        g_autoptr(AtlasChartSpec) bare = atlas_chart_request_build_spec (request, NULL);
        g_autofree char *words = atlas_filter_describe (fixture->filter);

        g_assert_cmpint (spec->kind, ==, kind);
        g_assert_cmpint (spec->currency_mode, ==, cases[i].mode);
        g_assert_cmpstr (spec->subtitle, ==, words);
        /* India is the first selected region other than the US. */
        g_assert_cmpstr (spec->currency_basis, ==, cases[i].basis);
        /* Without a catalog the engine's generic basis stands. */
        g_assert_null (bare->currency_basis);
      }
}

/* Results handed in one by one (as the window does) build the same spec as
 * a request that runs its own queries (as the command line does). */
static void
test_same_spec_from_results (Fixture       *fixture,
                             gconstpointer  data)
{
  for (AtlasChartKind kind = 0; kind < ATLAS_CHART_N_KINDS; kind++)
    {
      g_autoptr(AtlasChartRequest) ran =
        atlas_chart_request_new (kind, fixture->filter, ATLAS_CURRENCY_MODE_PPP, 30);
      g_autoptr(AtlasChartRequest) given =
        atlas_chart_request_new (kind, fixture->filter, ATLAS_CURRENCY_MODE_PPP, 30);
      g_autoptr(AtlasChartSpec) a = NULL;
      g_autoptr(AtlasChartSpec) b = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (atlas_chart_request_run (ran, fixture->store, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < atlas_chart_request_get_n_queries (given); i++)
        {
          const AtlasChartQuery *query = atlas_chart_request_get_query (given, i);
          AtlasQueryResult *result = atlas_query_run (fixture->store, fixture->filter, query->group_by,
                                                      query->mode, 30, NULL, &error);

          g_assert_no_error (error);
          atlas_chart_request_set_result (given, i, result, result, (GDestroyNotify) atlas_query_result_free);
        }

      a = atlas_chart_request_build_spec (ran, fixture->catalog);
      b = atlas_chart_request_build_spec (given, fixture->catalog);
      g_assert_cmpstr (a->subtitle, ==, b->subtitle);
      g_assert_cmpstr (a->currency_basis, ==, b->currency_basis);
      g_assert_true (a->ratio_nominal == b->ratio_nominal ||
                     (isnan (a->ratio_nominal) && isnan (b->ratio_nominal)));
      g_assert_true (a->ratio_ppp == b->ratio_ppp || (isnan (a->ratio_ppp) && isnan (b->ratio_ppp)));
      g_assert_cmpuint (atlas_chart_request_get_result (ran)->groups->len, ==,
                        atlas_chart_request_get_result (given)->groups->len);
      if (kind == ATLAS_CHART_COMPARE)
        g_assert_false (isnan (a->ratio_ppp));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/chart-request/queries", test_queries);
#define ADD(path, func) \
  g_test_add ("/atlas/chart-request/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ratio-keeps-every-record", test_ratio_keeps_every_record);
  ADD ("caption-basis", test_caption_basis);
  ADD ("same-spec-from-results", test_same_spec_from_results);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-distribution-bins.c: the histograms of the default data (issue 10,
 * item 7).  Their counts per region add up to the rows of the levels.fyi
 * file, counted here from ../shared/data with this file's own parsing; and
 * on a fresh database the distribution chart draws both the US and India
 * from them, in every currency mode, while a database with records still
 * bins its records. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-request.h"
#include "atlas-seed.h"
#include "store-test-util.h"

#define LEVELS_FILE "levels-fyi-stem-salaries-2017-2021.csv"

typedef struct
{
  char       *dir;
  char       *path;
  AtlasStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-bins-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "fresh.db", NULL);
  fixture->store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_seed_ensure (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->store, atlas_store_free);
  for (const char *suffix = ""; suffix != NULL;
       suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffix, NULL);

      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* US for "City, ST", IN for a location ending in "India", as the file's
 * README describes them; NULL for the rest. */
static const char *
levels_region (const char *location)
{
  g_auto(GStrv) parts = g_strsplit (location, ",", -1);
  guint n = g_strv_length (parts);

  if (n == 2 && strlen (g_strstrip (parts[1])) == 2)
    return "US";
  if (g_str_has_suffix (location, "India"))
    return "IN";
  return NULL;
}

static void
test_counts_match_the_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = shared_file (LEVELS_FILE);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint64 us = 0, in = 0;

  if (path == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "companyd;title;totalyearlycompensation;location;"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strchomp (lines[i]), ";", -1);
      const char *region;

      if (g_strv_length (fields) < 4)
        continue;
      region = levels_region (fields[3]);
      if (g_strcmp0 (region, "US") == 0)
        us++;
      else if (g_strcmp0 (region, "IN") == 0)
        in++;
    }
  /* The README's counts, so the parsing above is the file's. */
  g_assert_cmpuint (us, ==, 23962);
  g_assert_cmpuint (in, ==, 1864);

  g_assert_cmpint (query_int (fixture->store,
                              "SELECT sum (n) FROM figure_bins WHERE region = 'US' AND role_family = ''"),
                   ==, us);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT sum (n) FROM figure_bins WHERE region = 'IN' AND role_family = ''"),
                   ==, in);
  /* Aggregates: no range is a few people, and ranges do not overlap. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM figure_bins WHERE n < 10"), ==, 0);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM figure_bins a JOIN figure_bins b"
                              " ON a.source_id = b.source_id AND a.region = b.region"
                              " AND a.role_family = b.role_family AND b.lo > a.lo"
                              " WHERE a.hi IS NULL OR b.lo < a.hi"),
                   ==, 0);
}

/* The fresh database's distribution of @role in @mode: marks of both
 * regions, and a caption that says they are binned aggregates. */
static void
check_distribution (AtlasStore        *store,
                    const char        *role,
                    AtlasCurrencyMode  mode)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(GError) error = NULL;
  AtlasChartRequest *request;
  AtlasChartSpec *spec;
  AtlasChartLayout *layout;
  const AtlasQueryResult *result;
  guint64 bins_us = 0, bins_in = 0, count_us = 0;
  guint64 n_us = 0;

  filter->regions = g_strsplit ("US,IN", ",", -1);
  filter->role = g_strdup (role);
  request = atlas_chart_request_new (ATLAS_CHART_DISTRIBUTION, filter, mode, 30);
  g_assert_true (atlas_chart_request_run (request, store, &error));
  g_assert_no_error (error);
  result = atlas_chart_request_get_result (request);
  g_assert_true (result->from_figures);
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      g_assert_cmpuint (g->n_bins, >, 0);
      if (g_str_equal (g->region, "US"))
        n_us = g->summary.n;
    }

  spec = atlas_chart_request_build_spec (request, NULL);
  layout = atlas_chart_render (spec, result, NULL, 900, 560);
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
    {
      const AtlasChartMark *mark = atlas_chart_layout_get_mark (layout, i);

      g_assert_cmpint (mark->kind, ==, ATLAS_CHART_MARK_BIN);
      g_assert_true (mark->bin_low < mark->bin_high);
      if (g_str_equal (mark->region, "US"))
        {
          bins_us++;
          count_us += mark->bin_count;
        }
      else if (g_str_equal (mark->region, "IN"))
        bins_in++;
    }
  g_assert_cmpuint (bins_us, >, 1);
  g_assert_cmpuint (bins_in, >, 1);
  /* Every US person is in a bar (the ends folded in), none twice. */
  g_assert_cmpuint (count_us, ==, n_us);
  g_assert_nonnull (strstr (atlas_chart_layout_get_caption (layout), "binned aggregates"));
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NO_DATA, "No individual"));

  atlas_chart_layout_unref (layout);
  atlas_chart_spec_free (spec);
  atlas_chart_request_free (request);
}

static void
test_fresh_database_draws_both (Fixture       *fixture,
                                gconstpointer  data)
{
  check_distribution (fixture->store, "Machine Learning Engineer", ATLAS_CURRENCY_MODE_USD);
  check_distribution (fixture->store, "Machine Learning Engineer", ATLAS_CURRENCY_MODE_LOCAL);
  check_distribution (fixture->store, "Machine Learning Engineer", ATLAS_CURRENCY_MODE_PPP);
  check_distribution (fixture->store, NULL, ATLAS_CURRENCY_MODE_USD);
}

/* In local currency the Indian edges are the USD edges at the 2021 rate:
 * converted edge by edge with the rates the figures use. */
static void
test_edges_convert_like_figures (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasQueryResult) usd = NULL;
  g_autoptr(AtlasQueryResult) local = NULL;
  g_autoptr(GError) error = NULL;
  double rate = NAN;
  const AtlasGroup *a = NULL, *b = NULL;
  sqlite3_stmt *stmt;

  /* Both regions: the source that covers both (levels.fyi) answers. */
  filter->regions = g_strsplit ("US,IN", ",", -1);
  usd = atlas_query_run (fixture->store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);
  local = atlas_query_run (fixture->store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_LOCAL, 30, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < usd->groups->len; i++)
    if (g_str_equal (((AtlasGroup *) g_ptr_array_index (usd->groups, i))->region, "IN"))
      a = g_ptr_array_index (usd->groups, i);
  for (guint i = 0; i < local->groups->len; i++)
    if (g_str_equal (((AtlasGroup *) g_ptr_array_index (local->groups, i))->region, "IN"))
      b = g_ptr_array_index (local->groups, i);
  g_assert (a != NULL && b != NULL);
  g_assert_cmpstr (b->currency, ==, "INR");
  g_assert_cmpuint (a->n_bins, >, 1);
  g_assert_cmpuint (a->n_bins, ==, b->n_bins);

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (fixture->store),
                                       "SELECT lcu_per_usd FROM fx_rates WHERE currency = 'INR' AND year = 2021",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rate = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpfloat (rate, >, 50);

  for (guint i = 0; i < a->n_bins; i++)
    {
      g_assert_cmpfloat_with_epsilon (b->bin_lo[i], a->bin_lo[i] * rate, 1e-6 * MAX (1, b->bin_lo[i]));
      g_assert_cmpuint (b->bin_n[i], ==, a->bin_n[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bins/counts-match-the-file", Fixture, NULL,
              fixture_set_up, test_counts_match_the_file, fixture_tear_down);
  g_test_add ("/bins/fresh-database-draws-both", Fixture, NULL,
              fixture_set_up, test_fresh_database_draws_both, fixture_tear_down);
  g_test_add ("/bins/edges-convert-like-figures", Fixture, NULL,
              fixture_set_up, test_edges_convert_like_figures, fixture_tear_down);

  return g_test_run ();
}

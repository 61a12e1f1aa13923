/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-query-cells.c: the statistics read from the pre-aggregated cells
 * (schema 8) equal, value for value, the statistics read from the records
 * themselves, on the real files of ../shared/data: both aijobs.net
 * snapshots (one supersedes the other), levels.fyi, H-1B and Glassdoor
 * India, with exclusions, a company merge, an undo and a restore, under
 * filters of every kind, every grouping and every currency mode; the same
 * through the query pool, whose workers keep the cells they read
 * (atlas-query-cache.c) and must forget them when the data change; and the
 * cells follow every writer (import, curation, SQL of its own through
 * atlas_store_recount_facets(), the migration). */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-curation.h"
#include "atlas-import.h"
#include "atlas-query.h"
#include "atlas-query-async.h"
#include "atlas-query-pool.h"
#include "atlas-query-private.h"
#include "atlas-seed.h"
#include "atlas-store-cells.h"
#include "store-test-util.h"

static char *db_dir;
static char *db_path;
static AtlasStore *store;

static const char * const files[] = {
  "aijobs-salaries-2024-12-22.csv",
  "aijobs-salaries-2025-01-19.csv",
  "levels-fyi-stem-salaries-2017-2021.csv",
  "h1b-data-jobs-2015-2019.csv",
  "india-software-salaries-2022-glassdoor.csv",
};

static gboolean
ensure_store (void)
{
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = shared_file (files[i]);

      if (path == NULL)
        return FALSE;
    }

  db_dir = g_dir_make_tmp ("atlas-cells-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (db_dir, "cells.db", NULL);
  store = atlas_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_seed_load_default (store, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = shared_file (files[i]);
      AtlasImportOptions options = { 0 };
      AtlasImportResult result = { 0 };

      gboolean ok = atlas_import_file (store, path, &options, &result, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
      atlas_import_result_clear (&result);
    }

  return TRUE;
}

static gint64
count (const char *sql)
{
  return query_int (store, sql);
}

static void
assert_double_equal (double a,
                     double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_summary_equal (const AtlasSummary *a,
                      const AtlasSummary *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  assert_double_equal (a->mean, b->mean);
  assert_double_equal (a->min, b->min);
  assert_double_equal (a->max, b->max);
  assert_double_equal (a->p10, b->p10);
  assert_double_equal (a->p25, b->p25);
  assert_double_equal (a->median, b->median);
  assert_double_equal (a->p75, b->p75);
  assert_double_equal (a->p90, b->p90);
  assert_double_equal (a->median_ci_low, b->median_ci_low);
  assert_double_equal (a->median_ci_high, b->median_ci_high);
}

/* With @with_values FALSE, @fast ran without values (and has none). */
static void
assert_results_equal_full (const AtlasQueryResult *fast,
                           const AtlasQueryResult *exact,
                           gboolean                with_values)
{
  g_assert_cmpuint (fast->n_records, ==, exact->n_records);
  g_assert_cmpuint (fast->n_excluded, ==, exact->n_excluded);
  g_assert_cmpuint (fast->n_without_group, ==, exact->n_without_group);
  g_assert_cmpuint (fast->n_without_factor, ==, exact->n_without_factor);
  g_assert_cmpstr (fast->missing_factors, ==, exact->missing_factors);
  g_assert_cmpint (fast->from_figures, ==, exact->from_figures);
  g_assert_cmpuint (fast->n_groups_below_min, ==, exact->n_groups_below_min);
  g_assert_cmpint (fast->pooled_bases, ==, exact->pooled_bases);
  g_assert_cmpstr (fast->superseded, ==, exact->superseded);
  g_assert_cmpuint (fast->sources->len, ==, exact->sources->len);
  g_assert_cmpuint (fast->groups->len, ==, exact->groups->len);

  for (guint i = 0; i < fast->groups->len; i++)
    {
      const AtlasGroup *f = g_ptr_array_index (fast->groups, i);
      const AtlasGroup *e = g_ptr_array_index (exact->groups, i);

      g_assert_cmpstr (f->region, ==, e->region);
      g_assert_cmpstr (f->key, ==, e->key);
      g_assert_cmpstr (f->label, ==, e->label);
      g_assert_cmpstr (f->currency, ==, e->currency);
      g_assert_cmpstr (f->sources, ==, e->sources);
      g_assert_cmpstr (f->bases, ==, e->bases);
      g_assert_cmpint (f->pay_basis, ==, e->pay_basis);
      g_assert_cmpint (f->year_from, ==, e->year_from);
      g_assert_cmpint (f->year_to, ==, e->year_to);
      g_assert_cmpuint (f->weight, ==, e->weight);
      g_assert_cmpint (f->small_sample, ==, e->small_sample);
      assert_summary_equal (&f->summary, &e->summary);
      if (!with_values)
        {
          g_assert_null (f->values);
          g_assert_cmpuint (f->n_values, ==, 0);
          continue;
        }
      g_assert_cmpuint (f->n_values, ==, e->n_values);
      if (f->n_values > 0)
        g_assert_cmpmem (f->values, f->n_values * sizeof (double),
                         e->values, e->n_values * sizeof (double));
    }
}

static void
assert_results_equal (const AtlasQueryResult *fast,
                      const AtlasQueryResult *exact)
{
  assert_results_equal_full (fast, exact, TRUE);
}

typedef struct
{
  gboolean          done;
  AtlasQueryResult *result;
  GError           *error;
} Answer;

static void
pool_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Answer *answer = user_data;

  answer->result = atlas_query_run_finish (result, &answer->error);
  answer->done = TRUE;
}

typedef struct
{
  gboolean  done;
  gpointer  result;
  GError   *error;
} JobAnswer;

static void
pool_job_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  JobAnswer *answer = user_data;

  answer->result = atlas_query_pool_run_finish (result, &answer->error);
  answer->done = TRUE;
}

/* The query on the pool's workers, as the window runs it. */
static AtlasQueryResult *
run_on_pool (const AtlasFilter *filter,
             AtlasGroupBy       by,
             AtlasCurrencyMode  mode)
{
  Answer answer = { 0 };

  atlas_query_run_async (db_path, filter, by, mode, 30, NULL, pool_done_cb, &answer);
  while (!answer.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (answer.error);

  return answer.result;
}

/* The result with the records path, then with the cells; asserts the
 * cells were read, and that both say the same; with @pool, also three
 * times on the query pool (two workers: at least one run answers from the
 * cells a worker kept). Returns the cells' result. */
static AtlasQueryResult *
run_both (const AtlasFilter *filter,
          AtlasGroupBy       by,
          AtlasCurrencyMode  mode,
          gboolean           pool)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasQueryResult) exact = NULL;
  g_autoptr(AtlasQueryResult) fast = NULL;

  _atlas_query_set_use_cells (FALSE);
  g_assert_cmpint (_atlas_query_choose_read (store, filter, by), ==, ATLAS_QUERY_READ_RECORDS);
  exact = atlas_query_run (store, filter, by, mode, 30, NULL, &error);
  g_assert_no_error (error);
  _atlas_query_set_use_cells (TRUE);
  g_assert_cmpint (_atlas_query_choose_read (store, filter, by), !=, ATLAS_QUERY_READ_RECORDS);
  fast = atlas_query_run (store, filter, by, mode, 30, NULL, &error);
  g_assert_no_error (error);

  assert_results_equal (fast, exact);
  for (guint i = 0; pool && i < 3; i++)
    {
      g_autoptr(AtlasQueryResult) pooled = run_on_pool (filter, by, mode);

      assert_results_equal (pooled, exact);
    }

  return g_steal_pointer (&fast);
}

/* The filters the window and the command line use, of every kind. */
static GPtrArray *
make_filters (void)
{
  GPtrArray *filters = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_filter_free);
  AtlasFilter *f;

  g_ptr_array_add (filters, atlas_filter_new ());

  f = atlas_filter_new ();
  f->regions = g_strsplit ("US,IN", ",", -1);
  g_ptr_array_add (filters, f);

  /* As typed: in any case, twice (the pool reads region by region). */
  f = atlas_filter_new ();
  f->regions = g_strsplit ("us,IN,US", ",", -1);
  g_ptr_array_add (filters, f);

  f = atlas_filter_new ();
  f->regions = g_strsplit ("IN", ",", -1);
  f->experience = g_strsplit ("SE,MI", ",", -1);
  g_ptr_array_add (filters, f);

  f = atlas_filter_new ();
  f->regions = g_strsplit ("US,IN,GB", ",", -1);
  f->role = g_strdup ("Data Scientist");
  g_ptr_array_add (filters, f);

  f = atlas_filter_new ();
  f->year_from = 2020;
  f->year_to = 2022;
  g_ptr_array_add (filters, f);

  f = atlas_filter_new ();
  f->regions = g_strsplit ("US", ",", -1);
  f->company = g_strdup ("Amazon");
  g_ptr_array_add (filters, f);

  f = atlas_filter_new ();
  f->regions = g_strsplit ("US,IN", ",", -1);
  g_assert_true (atlas_filter_set_experience_years (f, "2-5"));
  g_ptr_array_add (filters, f);

  f = atlas_filter_new ();
  f->source = g_strdup ("levels-fyi-stem-salaries-2017-2021.csv");
  g_ptr_array_add (filters, f);

  f = atlas_filter_new ();
  f->regions = g_strsplit ("US", ",", -1);
  f->year_from = 2024;
  f->company_min_n = 3;
  g_ptr_array_add (filters, f);

  return filters;
}

/* Every filter, grouping and mode (@thorough), or every filter in a few
 * groupings with the mode changing from one to the next; returns how many
 * records all the results counted as excluded, so that callers can say
 * the exclusions were seen. */
static guint64
compare_all (gboolean thorough)
{
  g_autoptr(GPtrArray) filters = make_filters ();
  const AtlasCurrencyMode modes[] = {
    ATLAS_CURRENCY_MODE_USD, ATLAS_CURRENCY_MODE_LOCAL, ATLAS_CURRENCY_MODE_PPP,
  };
  guint64 excluded = 0;
  guint n_groups = 0;

  for (guint i = 0; i < filters->len; i++)
    for (AtlasGroupBy by = ATLAS_GROUP_EXPERIENCE; by <= ATLAS_GROUP_EXPERIENCE_YEARS; by++)
      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        {
          g_autoptr(AtlasQueryResult) result = NULL;

          if (!thorough && (m != (i + by) % G_N_ELEMENTS (modes) ||
                            (by != ATLAS_GROUP_REGION && by != ATLAS_GROUP_COMPANY &&
                             by != ATLAS_GROUP_EXPERIENCE_YEARS)))
            continue;
          /* Through the pool too, for the window's heaviest query (by
           * company) and by region; when thorough, in USD only (time). */
          result = run_both (g_ptr_array_index (filters, i), by, modes[m],
                             (by == ATLAS_GROUP_COMPANY || by == ATLAS_GROUP_REGION) &&
                             (!thorough || m == 0));

          excluded += result->n_excluded;
          n_groups += result->groups->len;
        }
  /* Not a comparison of empty results. */
  g_assert_cmpuint (n_groups, >, thorough ? 500 : 100);

  return excluded;
}

static void
test_imported (void)
{
  if (!ensure_store ())
    return;

  g_assert_true (_atlas_store_cells_current (store));
  /* The cells hold every record once, and fewer rows than the records. */
  g_assert_cmpint (count ("SELECT sum(n) FROM record_cells"), ==, count ("SELECT count(*) FROM records"));
  g_assert_cmpint (count ("SELECT sum(n) FROM record_cells_coarse"), ==, count ("SELECT count(*) FROM records"));
  g_assert_cmpint (count ("SELECT count(*) FROM record_cells_coarse"), <, count ("SELECT count(*) FROM records") / 2);
  /* Both aijobs.net snapshots are stored; the older is superseded. */
  g_assert_cmpint (count ("SELECT count(DISTINCT source_id) FROM record_cells"), ==, G_N_ELEMENTS (files));
  compare_all (TRUE);
}

static void
test_curated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  sqlite3_stmt *stmt;
  gint64 n;

  if (!ensure_store ())
    return;

  /* Single records of India and the US in the newer aijobs.net file and
   * in levels.fyi, one by one. */
  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store),
                                       "SELECT uid FROM records WHERE country IN ('IN', 'US')"
                                       " AND source_id IN (SELECT id FROM sources WHERE name IN"
                                       " ('aijobs-salaries-2025-01-19.csv',"
                                       "  'levels-fyi-stem-salaries-2017-2021.csv'))"
                                       " AND id % 97 = 0 LIMIT 6",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  {
    g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    g_assert_cmpuint (uids->len, ==, 6);
    for (guint i = 0; i < uids->len; i++)
      {
        g_assert_true (atlas_curation_exclude (store, g_ptr_array_index (uids, i),
                                               ATLAS_EXCLUSION_OUTLIER, NULL, &error));
        g_assert_no_error (error);
      }
    /* One comes back. */
    g_assert_true (atlas_curation_restore (store, g_ptr_array_index (uids, 3), &error));
    g_assert_no_error (error);
  }

  /* Every Indian Data Analyst of Glassdoor at once. */
  filter->regions = g_strsplit ("IN", ",", -1);
  filter->role = g_strdup ("Data Analyst");
  filter->source = g_strdup ("india-software-salaries-2022-glassdoor.csv");
  n = atlas_curation_exclude_filter (store, filter, NULL, ATLAS_EXCLUSION_NOT_THIS_ROLE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 10);

  /* Microsoft counted as Amazon. */
  g_assert_true (atlas_curation_merge (store, "Microsoft", "Amazon", &error));
  g_assert_no_error (error);

  g_assert_true (_atlas_store_cells_current (store));
  g_assert_cmpint (count ("SELECT sum(n) FROM record_cells WHERE excluded"), ==, 5 + n);
  g_assert_cmpint (compare_all (FALSE), >, 0);

  /* The newest action (the merge) undone, then the one before (the
   * excluded Data Analysts) too. */
  g_assert_true (atlas_curation_undo (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (atlas_curation_undo (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_atlas_store_cells_current (store));
  g_assert_cmpint (count ("SELECT sum(n) FROM record_cells WHERE excluded"), ==, 5);
  g_assert_cmpint (compare_all (FALSE), >, 0);
}

/* Queries of one filter run together (atlas_query_run_many(): one pass
 * over the rows they share, as `export --chart compare` runs its three)
 * say what each says alone, with its values or only its summaries (from
 * the runs of equal values, never written out): every grouping and mode,
 * over the cells and over the records, with the exclusions of
 * test_curated() in place. */
static void
test_run_many (void)
{
  g_autoptr(GPtrArray) filters = make_filters ();
  const AtlasCurrencyMode modes[] = {
    ATLAS_CURRENCY_MODE_USD, ATLAS_CURRENCY_MODE_LOCAL, ATLAS_CURRENCY_MODE_PPP,
  };
  guint n_groups = 0, n_summaries_only = 0;

  if (!ensure_store ())
    return;

  for (guint i = 0; i < filters->len; i++)
    for (guint cells = 0; cells < 2; cells++)
      {
        const AtlasFilter *filter = g_ptr_array_index (filters, i);
        AtlasQuerySpec specs[ATLAS_GROUP_EXPERIENCE_YEARS + 2];
        AtlasQueryResult *results[G_N_ELEMENTS (specs)];
        g_autoptr(GError) error = NULL;
        guint n = 0;

        /* The records path (slow) for every third filter. */
        if (!cells && i % 3 != 0)
          continue;
        _atlas_query_set_use_cells (cells);
        for (AtlasGroupBy by = ATLAS_GROUP_EXPERIENCE; by <= ATLAS_GROUP_EXPERIENCE_YEARS; by++)
          specs[n++] = (AtlasQuerySpec) { by, modes[(i + by) % G_N_ELEMENTS (modes)], (i + by) % 2 == 0 };
        /* The same query twice, with and without values. */
        specs[n] = specs[0];
        specs[n++].with_values = !specs[0].with_values;

        g_assert_true (atlas_query_run_many (store, filter, specs, n, 30, results, NULL, &error));
        g_assert_no_error (error);
        for (guint k = 0; k < n; k++)
          {
            g_autoptr(AtlasQueryResult) alone = atlas_query_run (store, filter, specs[k].by,
                                                                 specs[k].mode, 30, NULL, &error);

            g_assert_no_error (error);
            g_assert_cmpint (results[k]->by, ==, specs[k].by);
            g_assert_cmpint (results[k]->mode, ==, specs[k].mode);
            assert_results_equal_full (results[k], alone, specs[k].with_values);
            n_groups += alone->groups->len;
            if (!specs[k].with_values)
              n_summaries_only += alone->groups->len;
            atlas_query_result_free (results[k]);
          }
      }
  _atlas_query_set_use_cells (TRUE);

  /* Not a comparison of empty results. */
  g_assert_cmpuint (n_groups, >, 100);
  g_assert_cmpuint (n_summaries_only, >, 50);
}

/* The cells of both tables, without their numbers, and the cells a full
 * rebuild would make from the records (the GROUP BY of migration 8,
 * written out again here): the same rows, both ways; in the sources whose
 * records test_incremental() excludes (the others' cells it keeps
 * unchanged, see cells_changed()). */
#define CHANGED "source_id = (SELECT id FROM sources WHERE name = 'india-software-salaries-2022-glassdoor.csv')"
#define FINE_COLUMNS "source_id, country, experience, role_family, year, currency, company_id," \
  " years_experience, excluded, amount, amount_usd, n, weight"
#define FINE_FROM_RECORDS \
  "SELECT source_id, country, experience, role_family, year, currency, company_id," \
  " years_experience, uid IN (SELECT uid FROM curation_exclusions) AS x, amount, amount_usd," \
  " count(*), sum(weight) FROM records WHERE " CHANGED " GROUP BY source_id, country, experience," \
  " role_family, year, currency, company_id, years_experience, x, amount, amount_usd"
#define COARSE_COLUMNS "source_id, country, experience, role_family, year, currency, excluded," \
  " amount, amount_usd, n, weight"
#define COARSE_FROM_RECORDS \
  "SELECT source_id, country, experience, role_family, year, currency," \
  " uid IN (SELECT uid FROM curation_exclusions) AS x, amount, amount_usd," \
  " count(*), sum(weight) FROM records WHERE " CHANGED " GROUP BY source_id, country, experience," \
  " role_family, year, currency, x, amount, amount_usd"

static void
assert_cells_rebuilt (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_atlas_store_cells_current (store));
  g_assert_true (atlas_store_exec (store,
                                   "DROP TABLE IF EXISTS temp.rebuilt_fine;"
                                   "DROP TABLE IF EXISTS temp.rebuilt_coarse;"
                                   "CREATE TEMP TABLE rebuilt_fine AS " FINE_FROM_RECORDS ";"
                                   "CREATE TEMP TABLE rebuilt_coarse AS " COARSE_FROM_RECORDS ";",
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (count ("SELECT count(*) FROM (SELECT " FINE_COLUMNS " FROM record_cells"
                          " WHERE " CHANGED " EXCEPT SELECT * FROM rebuilt_fine)"), ==, 0);
  g_assert_cmpint (count ("SELECT count(*) FROM (SELECT * FROM rebuilt_fine EXCEPT SELECT " FINE_COLUMNS
                          " FROM record_cells WHERE " CHANGED ")"), ==, 0);
  g_assert_cmpint (count ("SELECT count(*) FROM (SELECT " COARSE_COLUMNS " FROM record_cells_coarse"
                          " WHERE " CHANGED " EXCEPT SELECT * FROM rebuilt_coarse)"), ==, 0);
  g_assert_cmpint (count ("SELECT count(*) FROM (SELECT * FROM rebuilt_coarse EXCEPT SELECT " COARSE_COLUMNS
                          " FROM record_cells_coarse WHERE " CHANGED ")"), ==, 0);
  /* No cell twice (the EXCEPTs compare sets), none empty. */
  g_assert_cmpint (count ("SELECT count(*) FROM record_cells WHERE " CHANGED), ==,
                   count ("SELECT count(*) FROM rebuilt_fine"));
  g_assert_cmpint (count ("SELECT count(*) FROM record_cells_coarse WHERE " CHANGED), ==,
                   count ("SELECT count(*) FROM rebuilt_coarse"));
  g_assert_cmpint (count ("SELECT count(*) FROM record_cells WHERE n <= 0 OR weight <= 0"), ==, 0);
}

/* Keeps the cells as they are now, numbers included. */
static void
snapshot_cells (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_store_exec (store,
                                   "DROP TABLE IF EXISTS temp.snap_fine;"
                                   "DROP TABLE IF EXISTS temp.snap_coarse;"
                                   "CREATE TEMP TABLE snap_fine AS SELECT * FROM record_cells WHERE " CHANGED ";"
                                   "CREATE TEMP TABLE snap_coarse AS SELECT * FROM record_cells_coarse"
                                   " WHERE " CHANGED ";",
                                   &error));
  g_assert_no_error (error);
}

/* How many cells (with their numbers) differ from the snapshot, at most
 * of the two directions and tables. */
static gint64
cells_changed (void)
{
  return MAX (MAX (count ("SELECT count(*) FROM (SELECT * FROM record_cells WHERE " CHANGED
                          " EXCEPT SELECT * FROM snap_fine)"),
                   count ("SELECT count(*) FROM (SELECT * FROM snap_fine EXCEPT SELECT * FROM record_cells"
                          " WHERE " CHANGED ")")),
              MAX (count ("SELECT count(*) FROM (SELECT * FROM record_cells_coarse WHERE " CHANGED
                          " EXCEPT SELECT * FROM snap_coarse)"),
                   count ("SELECT count(*) FROM (SELECT * FROM snap_coarse EXCEPT SELECT * FROM"
                          " record_cells_coarse WHERE " CHANGED ")")));
}

static char *
pick_uid (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *uid;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return uid;
}

/* An exclusion, a restore and their undo move one record between two
 * cells and touch no other (a rebuild of the source would renumber its
 * cells); after every step the cells equal a full rebuild, and the
 * statistics the exact path. */
static void
test_incremental (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autofree char *shared = NULL;
  g_autofree char *single = NULL;
  g_autofree char *outside = NULL;
  sqlite3 *other = NULL;
  gint64 changed;
  gint64 n;

  if (!ensure_store ())
    return;

  /* A record of Glassdoor India whose cell holds others (it stays, one
   * fewer) and one alone in its fine cell (it goes, and a new excluded
   * one comes), both among the source's other cells. */
  shared = pick_uid ("SELECT r.uid FROM (SELECT * FROM record_cells WHERE country = 'IN' AND n >= 3"
                     " AND NOT excluded AND " CHANGED " ORDER BY cell LIMIT 1 OFFSET 200) c"
                     " CROSS JOIN records r ON r.source_id = c.source_id AND r.country = c.country"
                     " AND r.role_family = c.role_family AND r.year = c.year AND r.currency = c.currency"
                     " AND r.amount = c.amount AND r.amount_usd IS c.amount_usd"
                     " AND r.experience IS c.experience AND r.company_id IS c.company_id"
                     " AND r.years_experience IS c.years_experience LIMIT 1");
  single = pick_uid ("SELECT r.uid FROM (SELECT * FROM record_cells WHERE country = 'IN' AND n = 1"
                     " AND NOT excluded AND company_id IS NOT NULL AND " CHANGED
                     " ORDER BY cell LIMIT 1 OFFSET 1000) c"
                     " CROSS JOIN records r ON r.source_id = c.source_id AND r.country = c.country"
                     " AND r.role_family = c.role_family AND r.year = c.year AND r.currency = c.currency"
                     " AND r.amount = c.amount AND r.amount_usd IS c.amount_usd"
                     " AND r.experience IS c.experience AND r.company_id IS c.company_id"
                     " AND r.years_experience IS c.years_experience LIMIT 1");
  assert_cells_rebuilt ();

  for (guint i = 0; i < 2; i++)
    {
      const char *uid = i == 0 ? shared : single;

      snapshot_cells ();
      g_assert_true (atlas_curation_exclude (store, uid, ATLAS_EXCLUSION_OUTLIER, NULL, &error));
      g_assert_no_error (error);
      /* Fine and coarse: the cell it left, the cell it joined. */
      changed = cells_changed ();
      g_assert_cmpint (changed, >=, 1);
      g_assert_cmpint (changed, <=, 2);
      assert_cells_rebuilt ();

      /* Excluded again, for another reason: no change of state. */
      snapshot_cells ();
      g_assert_true (atlas_curation_exclude (store, uid, ATLAS_EXCLUSION_DUPLICATE, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cells_changed (), ==, 0);
      g_assert_true (atlas_curation_undo (store, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cells_changed (), ==, 0);
    }

  snapshot_cells ();
  g_assert_true (atlas_curation_restore (store, single, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cells_changed (), <=, 2);
  assert_cells_rebuilt ();
  snapshot_cells ();
  g_assert_true (atlas_curation_undo (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cells_changed (), <=, 2);
  assert_cells_rebuilt ();
  g_assert_true (atlas_curation_undo (store, NULL, &error));   /* the exclusion of single */
  g_assert_no_error (error);
  g_assert_true (atlas_curation_undo (store, NULL, &error));   /* the exclusion of shared */
  g_assert_no_error (error);
  g_assert_false (atlas_curation_is_excluded (store, shared, NULL, NULL));
  g_assert_false (atlas_curation_is_excluded (store, single, NULL, NULL));
  assert_cells_rebuilt ();

  /* Many records of one source at once: its cells are rebuilt. */
  filter->regions = g_strsplit ("IN", ",", -1);
  filter->source = g_strdup ("india-software-salaries-2022-glassdoor.csv");
  n = atlas_curation_exclude_filter (store, filter, NULL, ATLAS_EXCLUSION_OTHER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 32);
  assert_cells_rebuilt ();
  g_assert_true (atlas_curation_undo (store, NULL, &error));
  g_assert_no_error (error);
  assert_cells_rebuilt ();

  /* An exclusion written by another program (no state before noted on
   * this connection): the next action rebuilds its source. */
  outside = pick_uid ("SELECT uid FROM records WHERE country = 'IN' AND " CHANGED " AND uid NOT IN"
                      " (SELECT uid FROM curation_exclusions) ORDER BY id LIMIT 1 OFFSET 100");
  g_assert_cmpint (sqlite3_open (db_path, &other), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO curation_exclusions (uid, target, reason,"
                                            " summary, created_at) VALUES ('%s', 'record', 'other',"
                                            " 'x', '2026-12-07T00:00:00Z')", outside);

    g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (other);
  g_assert_false (_atlas_store_cells_current (store));
  g_assert_true (atlas_curation_exclude (store, shared, ATLAS_EXCLUSION_OUTLIER, NULL, &error));
  g_assert_no_error (error);
  assert_cells_rebuilt ();
  g_assert_true (atlas_curation_restore (store, outside, &error));
  g_assert_no_error (error);
  g_assert_true (atlas_curation_restore (store, shared, &error));
  g_assert_no_error (error);
  assert_cells_rebuilt ();
  /* The statistics from the cells equal the exact path's. */
  g_assert_cmpint (compare_all (FALSE), >=, 0);
}

/* Code that writes records with SQL of its own calls
 * atlas_store_recount_facets(), which rebuilds the source's cells too. */
static void
test_written_elsewhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFilter) title = atlas_filter_new ();
  gint64 source_id;
  gint64 before;

  if (!ensure_store ())
    return;

  source_id = count ("SELECT id FROM sources WHERE name = 'h1b-data-jobs-2015-2019.csv'");
  before = count ("SELECT sum(amount * n) FROM record_cells WHERE country = 'US'");
  g_assert_true (atlas_store_exec (store,
                                   "UPDATE records SET amount = amount * 2 WHERE id IN"
                                   " (SELECT id FROM records WHERE country = 'US' AND source_id ="
                                   "  (SELECT id FROM sources WHERE name = 'h1b-data-jobs-2015-2019.csv')"
                                   "  LIMIT 50)",
                                   &error));
  g_assert_no_error (error);
  g_assert_true (atlas_store_recount_facets (store, source_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count ("SELECT sum(amount * n) FROM record_cells WHERE country = 'US'"), >, before);
  g_assert_cmpint (count ("SELECT sum(n) FROM record_cells_coarse"), ==, count ("SELECT count(*) FROM records"));
  compare_all (FALSE);

  /* Titles are not in the cells. */
  title->title = g_strdup ("machine learning");
  g_assert_cmpint (_atlas_query_choose_read (store, title, ATLAS_GROUP_REGION), ==, ATLAS_QUERY_READ_RECORDS);
}

/* A worker that writes through its own connection (the window's curation
 * runs on the pool) must forget the cells it kept: SQLite's data_version
 * counts only other connections' commits. */
static gpointer
own_write_job (AtlasStore    *worker,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  const char *uid = data;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasQueryResult) before = NULL;
  g_autoptr(AtlasQueryResult) again = NULL;
  g_autoptr(AtlasQueryResult) after = NULL;
  g_autoptr(AtlasQueryResult) restored = NULL;
  gint64 *drop = g_new0 (gint64, 2);

  filter->regions = g_strsplit ("US,IN", ",", -1);
  before = atlas_query_run (worker, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, error);
  /* The second run of the same selection answers from the kept cells. */
  again = atlas_query_run (worker, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, error);
  g_assert_nonnull (again);
  g_assert_true (atlas_curation_exclude (worker, uid, ATLAS_EXCLUSION_OUTLIER, NULL, error));
  after = atlas_query_run (worker, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, error);
  g_assert_true (atlas_curation_restore (worker, uid, error));
  restored = atlas_query_run (worker, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, error);
  g_assert_nonnull (before);
  g_assert_nonnull (after);
  g_assert_nonnull (restored);
  drop[0] = (gint64) before->n_records - (gint64) after->n_records;
  drop[1] = (gint64) restored->n_records - (gint64) before->n_records;

  return drop;
}

static void
test_pool_own_write (void)
{
  g_autofree char *uid = NULL;
  g_autofree gint64 *drop = NULL;
  sqlite3_stmt *stmt = NULL;
  JobAnswer answer = { 0 };

  if (!ensure_store ())
    return;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store),
                                       "SELECT uid FROM records WHERE country = 'US'"
                                       " AND source_id = (SELECT id FROM sources WHERE name ="
                                       " 'levels-fyi-stem-salaries-2017-2021.csv')"
                                       " AND uid NOT IN (SELECT uid FROM curation_exclusions)"
                                       " LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  /* Both workers, so that each has kept the cells when it writes. */
  for (guint i = 0; i < 2; i++)
    {
      atlas_query_pool_run_async (db_path, own_write_job, g_strdup (uid), g_free, g_free, NULL,
                                  pool_job_done_cb, &answer);
      while (!answer.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (answer.error);
      drop = answer.result;
      g_assert_cmpint (drop[0], ==, 1);
      g_assert_cmpint (drop[1], ==, 0);
      g_clear_pointer (&drop, g_free);
      answer.done = FALSE;
      answer.result = NULL;
    }
}

/* A database of schema 7 gets its cells from the migration. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 cells;

  if (!ensure_store ())
    return;

  cells = count ("SELECT count(*) FROM record_cells");
  g_clear_pointer (&store, atlas_store_free);

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "DROP TABLE record_cells; DROP TABLE record_cells_coarse;"
                                 "DROP TABLE record_cells_pending;"
                                 "PRAGMA user_version = 7;"
                                 "COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = atlas_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);
  g_assert_true (_atlas_store_cells_current (store));
  g_assert_cmpint (count ("SELECT count(*) FROM record_cells"), ==, cells);
  compare_all (FALSE);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/query-cells/imported", test_imported);
  g_test_add_func ("/query-cells/curated", test_curated);
  g_test_add_func ("/query-cells/run-many", test_run_many);
  g_test_add_func ("/query-cells/incremental", test_incremental);
  g_test_add_func ("/query-cells/written-elsewhere", test_written_elsewhere);
  g_test_add_func ("/query-cells/pool-own-write", test_pool_own_write);
  g_test_add_func ("/query-cells/migration", test_migration);

  rc = g_test_run ();

  g_clear_pointer (&store, atlas_store_free);
  if (db_dir != NULL)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (db_path);
      g_rmdir (db_dir);
    }
  g_free (db_path);
  g_free (db_dir);

  return rc;
}

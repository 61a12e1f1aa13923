/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-records.c: pages of records against SQL written here, the streamed
 * export, and the rows behind a statistics group; on the real files of
 * ../shared/data. */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-curation.h"
#include "atlas-import.h"
#include "atlas-records.h"
#include "atlas-records-async.h"
#include "atlas-seed.h"
#include "store-test-util.h"
#include "atlas-store-private.h"

static char *db_dir;
static AtlasStore *store;

static gboolean
ensure_store (void)
{
  if (store == NULL)
    store = records_store_new ("atlas-records-XXXXXX", &db_dir);
  return store != NULL;
}

/* The uids @sql returns, in its order. */
static GPtrArray *
sql_uids (const char *sql)
{
  return query_strings (store, sql);
}

typedef struct
{
  const char       *name;
  const char       *regions;     /* comma-separated */
  const char       *experience;
  const char       *role;
  const char       *title;
  const char       *company;
  int               year;
  const char       *search;
  AtlasRecordsSort  sort;
  gboolean          descending;
  gboolean          with_figures;
  /* The same rows, written independently: uid in order. */
  const char       *sql;
  /* The SQL orders ties as the page does (company: by name, then id). */
  gboolean          in_order;
  /* With @year: the years @year to this. */
  int               year_to;
} Case;

#define PAY_USD_SQL \
  "coalesce (amount_usd, CASE currency WHEN 'USD' THEN amount ELSE amount /" \
  " (SELECT lcu_per_usd FROM fx_rates x WHERE x.currency = r.currency AND x.year = r.year) END)"
#define COMPANY_NAME_SQL \
  "SELECT r.uid FROM records r LEFT JOIN companies a ON a.id = r.company_id" \
  " LEFT JOIN curation_merges m ON m.alias_key = a.key LEFT JOIN companies b ON b.key = m.into_key"

static const Case cases[] = {
  { "all, import order", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_DEFAULT, FALSE, FALSE,
    "SELECT uid FROM records ORDER BY id" },
  { "IN by title", "IN", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_TITLE, FALSE, FALSE,
    "SELECT uid FROM records WHERE country = 'IN' ORDER BY job_title, id" },
  { "US SE by year, newest first", "US", "SE", NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_YEAR, TRUE, FALSE,
    "SELECT uid FROM records WHERE country = 'US' AND experience = 'SE' ORDER BY year DESC, id DESC" },
  { "titles with data, by country descending", NULL, NULL, NULL, "data", NULL, 0, NULL,
    ATLAS_RECORDS_SORT_COUNTRY, TRUE, FALSE,
    "SELECT uid FROM records WHERE lower (job_title) LIKE '%data%' ORDER BY country DESC, id DESC" },
  { "search tata, by source", NULL, NULL, NULL, NULL, NULL, 0, "tata", ATLAS_RECORDS_SORT_SOURCE, FALSE, FALSE,
    "SELECT r.uid FROM records r LEFT JOIN companies c ON c.id = r.company_id"
    " WHERE lower (r.job_title) LIKE '%tata%' OR lower (c.display_name) LIKE '%tata%'"
    " ORDER BY r.source_id, r.id" },
  { "company Infosys by company", NULL, NULL, NULL, NULL, "Infosys", 0, NULL, ATLAS_RECORDS_SORT_COMPANY, FALSE, FALSE,
    "SELECT r.uid FROM records r JOIN companies c ON c.id = r.company_id WHERE c.key = 'infosys'"
    " ORDER BY r.id" },
  { "role Data Scientist 2024 by level", NULL, NULL, "Data Scientist", NULL, NULL, 2024, NULL,
    ATLAS_RECORDS_SORT_LEVEL, FALSE, FALSE,
    "SELECT uid FROM records WHERE role_family = 'Data Scientist' AND year = 2024 ORDER BY"
    " CASE experience WHEN 'EN' THEN 0 WHEN 'MI' THEN 1 WHEN 'SE' THEN 2 WHEN 'EX' THEN 3 ELSE 4 END, id" },
  { "IN with figures", "IN", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_DEFAULT, FALSE, TRUE,
    "SELECT uid FROM (SELECT uid, 0 AS t, id FROM records WHERE country = 'IN'"
    " UNION ALL SELECT uid, 1, id FROM figures WHERE country = 'IN') ORDER BY t, id" },
  /* Every sort in both directions over all records: rows in USD and in
   * rupees (whose USD value needs a rate), with and without a company. */
  { "all by pay", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_PAY, FALSE, FALSE,
    "SELECT uid FROM records r ORDER BY " PAY_USD_SQL " NULLS LAST, id" },
  { "all by pay, descending", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_PAY, TRUE, FALSE,
    "SELECT uid FROM records r ORDER BY " PAY_USD_SQL " DESC NULLS LAST, id DESC" },
  { "IN by pay", "IN", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_PAY, FALSE, FALSE,
    "SELECT uid FROM records r WHERE country = 'IN' ORDER BY " PAY_USD_SQL " NULLS LAST, id" },
  { "all by company", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_COMPANY, FALSE, FALSE,
    COMPANY_NAME_SQL " ORDER BY coalesce (b.display_name, a.display_name) NULLS LAST, r.id", TRUE },
  { "US by company, descending", "US", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_COMPANY, TRUE, FALSE,
    COMPANY_NAME_SQL " WHERE r.country = 'US'"
    " ORDER BY coalesce (b.display_name, a.display_name) DESC NULLS LAST, r.id DESC", TRUE },
  /* A few regions: each walked apart through the indexes led by the
   * country (pay, company), with rows of both kinds in each. */
  { "IN and US by pay, descending", "IN,US", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_PAY,
    TRUE, FALSE,
    "SELECT uid FROM records r WHERE country IN ('IN', 'US') ORDER BY " PAY_USD_SQL " DESC NULLS LAST,"
    " id DESC" },
  { "IN by company, descending", "IN", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_COMPANY,
    TRUE, FALSE,
    COMPANY_NAME_SQL " WHERE r.country = 'IN'"
    " ORDER BY coalesce (b.display_name, a.display_name) DESC NULLS LAST, r.id DESC", TRUE },
  { "IN and GB by company", "IN,GB", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_COMPANY,
    FALSE, FALSE,
    COMPANY_NAME_SQL " WHERE r.country IN ('IN', 'GB')"
    " ORDER BY coalesce (b.display_name, a.display_name) NULLS LAST, r.id", TRUE },
  { "all by basis", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_BASIS, FALSE, FALSE,
    "SELECT uid FROM records ORDER BY kind, id" },
  { "IN with figures by basis, descending", "IN", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_BASIS,
    TRUE, TRUE,
    "SELECT uid FROM (SELECT uid, 0 AS t, kind AS k, NULL AS n, id FROM records WHERE country = 'IN'"
    " UNION ALL SELECT uid, 1, NULL, n, id FROM figures WHERE country = 'IN')"
    " ORDER BY t, k DESC, n DESC NULLS LAST, id DESC" },
  { "all by title, descending", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_TITLE, TRUE, FALSE,
    "SELECT uid FROM records ORDER BY job_title DESC, id DESC" },
  { "all by years", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_YEARS, FALSE, FALSE,
    "SELECT uid FROM records ORDER BY years_experience IS NULL, years_experience, id" },
  { "IN by years, descending", "IN", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_YEARS, TRUE, FALSE,
    "SELECT uid FROM records WHERE country = 'IN'"
    " ORDER BY years_experience IS NULL, years_experience DESC, id DESC" },
  { "all by level, descending", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_LEVEL, TRUE, FALSE,
    "SELECT uid FROM records ORDER BY experience IS NULL,"
    " CASE experience WHEN 'EN' THEN 0 WHEN 'MI' THEN 1 WHEN 'SE' THEN 2 ELSE 3 END DESC, id DESC" },
  /* Title and level under a few regions: walked region by region too. */
  { "IN and US by title", "IN,US", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_TITLE, FALSE,
    FALSE, "SELECT uid FROM records WHERE country IN ('IN', 'US') ORDER BY job_title, id" },
  { "IN by level, descending", "IN", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_LEVEL, TRUE, FALSE,
    "SELECT uid FROM records WHERE country = 'IN' ORDER BY experience IS NULL,"
    " CASE experience WHEN 'EN' THEN 0 WHEN 'MI' THEN 1 WHEN 'SE' THEN 2 ELSE 3 END DESC, id DESC" },
  { "US by year", "US", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_YEAR, FALSE, FALSE,
    "SELECT uid FROM records WHERE country = 'US' ORDER BY year, id" },
  { "all by country", NULL, NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_COUNTRY, FALSE, FALSE,
    "SELECT uid FROM records ORDER BY country, id" },
  { "US by source, descending", "US", NULL, NULL, NULL, NULL, 0, NULL, ATLAS_RECORDS_SORT_SOURCE, TRUE, FALSE,
    "SELECT uid FROM records WHERE country = 'US' ORDER BY source_id DESC, id DESC" },
  /* A few years: each walked apart through the indexes led by the year;
   * the first rows of the sorts' own indexes are of other years. */
  { "2022-2023 by title, descending", NULL, NULL, NULL, NULL, NULL, 2022, NULL, ATLAS_RECORDS_SORT_TITLE,
    TRUE, FALSE, "SELECT uid FROM records WHERE year BETWEEN 2022 AND 2023 ORDER BY job_title DESC, id DESC",
    FALSE, 2023 },
  { "2022-2023 by company", NULL, NULL, NULL, NULL, NULL, 2022, NULL, ATLAS_RECORDS_SORT_COMPANY, FALSE,
    FALSE, COMPANY_NAME_SQL " WHERE r.year BETWEEN 2022 AND 2023"
    " ORDER BY coalesce (b.display_name, a.display_name) NULLS LAST, r.id", TRUE, 2023 },
  { "2022-2023 by company, descending", NULL, NULL, NULL, NULL, NULL, 2022, NULL,
    ATLAS_RECORDS_SORT_COMPANY, TRUE, FALSE, COMPANY_NAME_SQL " WHERE r.year BETWEEN 2022 AND 2023"
    " ORDER BY coalesce (b.display_name, a.display_name) DESC NULLS LAST, r.id DESC", TRUE, 2023 },
  { "2022-2023 by years, descending", NULL, NULL, NULL, NULL, NULL, 2022, NULL, ATLAS_RECORDS_SORT_YEARS,
    TRUE, FALSE, "SELECT uid FROM records WHERE year BETWEEN 2022 AND 2023"
    " ORDER BY years_experience IS NULL, years_experience DESC, id DESC", FALSE, 2023 },
  { "2022-2023 by level", NULL, NULL, NULL, NULL, NULL, 2022, NULL, ATLAS_RECORDS_SORT_LEVEL, FALSE, FALSE,
    "SELECT uid FROM records WHERE year BETWEEN 2022 AND 2023 ORDER BY"
    " CASE experience WHEN 'EN' THEN 0 WHEN 'MI' THEN 1 WHEN 'SE' THEN 2 WHEN 'EX' THEN 3 ELSE 4 END, id",
    FALSE, 2023 },
};

static AtlasRecordsQuery *
case_query (const Case *c)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  AtlasRecordsQuery *query;

  filter->regions = c->regions ? g_strsplit (c->regions, ",", -1) : NULL;
  filter->experience = c->experience ? g_strsplit (c->experience, ",", -1) : NULL;
  filter->role = g_strdup (c->role);
  filter->title = g_strdup (c->title);
  filter->company = g_strdup (c->company);
  filter->year_from = filter->year_to = c->year;
  if (c->year_to != 0)
    filter->year_to = c->year_to;

  query = atlas_records_query_new (filter);
  query->search = g_strdup (c->search);
  query->sort = c->sort;
  query->descending = c->descending;
  query->with_figures = c->with_figures;
  return query;
}

/* Sorts by company and level have ties whose order the SQL above does not
 * fix the same way (company: by name, then id): compare those as sets per
 * key, everything else in order. */
static void
assert_same_rows (const Case *c,
                  GPtrArray  *expected,
                  GPtrArray  *got)
{
  g_assert_cmpuint (got->len, ==, expected->len);

  if (c->sort == ATLAS_RECORDS_SORT_COMPANY && !c->in_order)
    {
      g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < expected->len; i++)
        g_hash_table_add (set, g_ptr_array_index (expected, i));
      for (guint i = 0; i < got->len; i++)
        g_assert_true (g_hash_table_contains (set, g_ptr_array_index (got, i)));
      return;
    }

  for (guint i = 0; i < expected->len; i++)
    if (!g_str_equal (g_ptr_array_index (expected, i), g_ptr_array_index (got, i)))
      g_error ("%s: row %u is %s, SQL says %s", c->name, i,
               (char *) g_ptr_array_index (got, i), (char *) g_ptr_array_index (expected, i));
}

static void
test_pages_equal_sql (void)
{
  if (!ensure_store ())
    return;

  /* As stored (no sort index: SQLite sorts what it scans), then with the
   * index of every sort, which the window makes on demand. */
  for (guint pass = 0; pass < 2; pass++)
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const Case *c = &cases[k];
      g_autoptr(AtlasRecordsQuery) query = case_query (c);
      g_autoptr(GPtrArray) expected = sql_uids (c->sql);
      gint64 n_records = -1, n_figures = -1;
      g_autoptr(GError) error = NULL;

      if (pass == 0 && k == 0)
        g_assert_false (atlas_records_sort_has_index (store, ATLAS_RECORDS_SORT_TITLE));
      if (pass == 1 && k == 0)
        for (guint sort = 0; sort < ATLAS_RECORDS_N_SORTS; sort++)
          {
            g_assert_true (atlas_records_sort_make_index (store, sort, &error));
            g_assert_no_error (error);
            g_assert_true (atlas_records_sort_has_index (store, sort));
          }
      g_test_message ("%s%s: %u rows", c->name, pass == 1 ? " (indexed)" : "", expected->len);
      g_assert_cmpuint (expected->len, >, 0);

      g_assert_true (atlas_records_count (store, query, &n_records, &n_figures, &error));
      g_assert_no_error (error);
      g_assert_cmpint (n_records + n_figures, ==, expected->len);
      if (!c->with_figures)
        g_assert_cmpint (n_figures, ==, 0);

      /* Through offsets, then through the row before each page, with a
       * page size that does not divide the count. */
      for (guint mode = 0; mode < 2; mode++)
        {
          g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(AtlasRecordRow) last = NULL;
          /* Five pages or so: a sort without an index reads every row for
           * each page. */
          guint limit = MAX (2999, expected->len / 5 + 1);

          if (expected->len % limit == 0)
            limit++;

          for (gint64 offset = 0;; offset += limit)
            {
              g_autoptr(GPtrArray) page = atlas_records_page (store, query, offset, limit,
                                                              mode == 1 ? last : NULL, &error);

              g_assert_no_error (error);
              g_assert_nonnull (page);
              for (guint i = 0; i < page->len; i++)
                {
                  AtlasRecordRow *row = g_ptr_array_index (page, i);

                  g_ptr_array_add (got, g_strdup (row->uid));
                  g_assert_cmpint (row->is_figure, ==, g_str_has_prefix (c->sql, "SELECT uid FROM (")
                                   && (gint64) got->len > n_records);
                  if (row->is_figure)
                    g_assert_nonnull (row->citation);
                }
              if (page->len < limit)
                break;
              g_clear_pointer (&last, atlas_record_row_free);
              last = g_ptr_array_steal_index (page, page->len - 1);
            }
          assert_same_rows (c, expected, got);
        }
    }
}

/* An import drops the sort indexes in its transaction (it would maintain
 * them row by row); a rolled-back import keeps them. */
static void
test_sort_index_dropped_by_import (void)
{
  g_autofree char *glassdoor = shared_file ("india-software-salaries-2022-glassdoor.csv");
  g_autofree char *aijobs = shared_file ("aijobs-salaries-2025-01-19.csv");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AtlasStore) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { glassdoor, glassdoor, aijobs };

  if (glassdoor == NULL || aijobs == NULL)
    return;

  dir = g_dir_make_tmp ("atlas-records-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "sort.db", NULL);
  db = atlas_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      AtlasImportOptions options = { 0 };
      AtlasImportResult result = { 0 };

      g_assert_true (atlas_import_file (db, files[i], &options, &result, &error));
      g_assert_no_error (error);
      /* The second import of the same file changes nothing: rolled back. */
      g_assert_cmpint (atlas_records_sort_has_index (db, ATLAS_RECORDS_SORT_YEAR), ==, i == 1);
      g_assert_cmpint (result.unchanged, ==, i == 1);
      atlas_import_result_clear (&result);
      g_assert_true (atlas_records_sort_make_index (db, ATLAS_RECORDS_SORT_YEAR, &error));
      g_assert_no_error (error);
      g_assert_true (atlas_records_sort_has_index (db, ATLAS_RECORDS_SORT_YEAR));
    }

  g_clear_pointer (&db, atlas_store_free);
  test_dir_remove (dir);
}

typedef struct
{
  AtlasStore *builder;
  gint        started;
} IndexBuild;

/* Slows the index build down (a few seconds at 10M records, here a
 * fraction of one) and says that it holds the database. */
static int
slow_build_cb (void *data)
{
  IndexBuild *build = data;

  g_atomic_int_set (&build->started, 1);
  g_usleep (1000);
  return 0;
}

static gpointer
build_index_thread (gpointer data)
{
  IndexBuild *build = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = atlas_records_sort_make_index (build->builder, ATLAS_RECORDS_SORT_TITLE, &error);

  g_assert_no_error (error);
  return GINT_TO_POINTER (ok);
}

/* A curation action while another connection of the process makes a
 * sort's index (which holds the database for longer than the busy
 * timeout at 10M records) waits for it and succeeds; behind any other
 * writer it still fails as busy after the timeout. */
static void
test_write_during_index_build (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) writer = NULL;
  g_autoptr(AtlasStore) builder = NULL;
  g_autofree char *uid = NULL;
  IndexBuild build = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *other = NULL;
  gboolean had_index;
  GThread *thread;

  if (!ensure_store ())
    return;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store),
                                       "SELECT uid FROM records WHERE uid NOT IN"
                                       " (SELECT uid FROM curation_exclusions)"
                                       " ORDER BY id LIMIT 1 OFFSET 300", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  had_index = atlas_records_sort_has_index (store, ATLAS_RECORDS_SORT_TITLE);
  g_assert_true (atlas_store_exec (store, "DROP INDEX IF EXISTS records_sort_title", &error));
  g_assert_no_error (error);
  writer = atlas_store_open (atlas_store_get_path (store), &error);
  g_assert_no_error (error);
  builder = atlas_store_open (atlas_store_get_path (store), &error);
  g_assert_no_error (error);
  /* The writer would give up after 50 ms. */
  sqlite3_busy_timeout (atlas_store_get_db (writer), 50);

  /* Behind a write that is not an index build: busy. */
  g_assert_cmpint (sqlite3_open (atlas_store_get_path (store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (atlas_curation_exclude (writer, uid, ATLAS_EXCLUSION_OUTLIER, NULL, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_false (atlas_records_sort_has_index (builder, ATLAS_RECORDS_SORT_TITLE));
  build.builder = builder;
  sqlite3_progress_handler (atlas_store_get_db (builder), 1000, slow_build_cb, &build);
  thread = g_thread_new ("index", build_index_thread, &build);
  while (!g_atomic_int_get (&build.started))
    g_usleep (1000);

  g_assert_true (atlas_curation_exclude (writer, uid, ATLAS_EXCLUSION_OUTLIER, NULL, &error));
  g_assert_no_error (error);
  /* It waited for the index, which is there when it has written. */
  g_assert_true (atlas_records_sort_has_index (writer, ATLAS_RECORDS_SORT_TITLE));
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  g_assert_true (atlas_curation_is_excluded (store, uid, NULL, NULL));

  /* As it was, for the other tests. */
  g_assert_true (atlas_curation_restore (writer, uid, &error));
  g_assert_no_error (error);
  if (!had_index)
    {
      g_assert_true (atlas_store_exec (writer, "DROP INDEX records_sort_title", &error));
      g_assert_no_error (error);
    }
}

/* Pay sorts by the USD value the statistics use. */
static void
test_pay_order (void)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasRecordsQuery) query = NULL;
  g_autoptr(AtlasRates) rates = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  double previous = INFINITY;

  if (!ensure_store ())
    return;

  rates = atlas_rates_load (store, &error);
  g_assert_no_error (error);
  filter->regions = g_strsplit ("IN,DE", ",", -1);
  query = atlas_records_query_new (filter);
  query->sort = ATLAS_RECORDS_SORT_PAY;
  query->descending = TRUE;
  page = atlas_records_page (store, query, 0, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 5000);
  for (guint i = 0; i < page->len; i++)
    {
      double usd;

      g_assert_true (atlas_record_row_convert (g_ptr_array_index (page, i), rates,
                                               ATLAS_CURRENCY_MODE_USD, &usd));
      g_assert_cmpfloat (usd, <=, previous * (1 + 1e-12));
      previous = usd;
    }
}

/* The uids of every page of @query, @limit rows a page. */
static GPtrArray *
page_uids (AtlasRecordsQuery *query,
           guint              limit)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (gint64 offset = 0;; offset += limit)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = atlas_records_page (store, query, offset, limit, NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (uids, g_strdup (((AtlasRecordRow *) g_ptr_array_index (page, i))->uid));
      if (page->len < limit)
        return uids;
    }
}

/* The company sort walks the companies in the order of their names, kept
 * per connection: a merge moves a company's rows under its new name at
 * once, and a split moves them back. */
static void
test_company_order_follows_merges (void)
{
  static const char *sql =
    COMPANY_NAME_SQL " WHERE r.country IN ('IN', 'GB')"
    " ORDER BY coalesce (b.display_name, a.display_name) NULLS LAST, r.id";
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasRecordsQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  const Case c = { "IN and GB by company", .sort = ATLAS_RECORDS_SORT_COMPANY, .in_order = TRUE };

  if (!ensure_store ())
    return;

  filter->regions = g_strsplit ("IN,GB", ",", -1);
  query = atlas_records_query_new (filter);
  query->sort = ATLAS_RECORDS_SORT_COMPANY;
  /* Without and with the index led by the country. */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(GPtrArray) merged = NULL;
      g_autoptr(GPtrArray) split = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      guint moved;

      if (pass == 1)
        {
          g_assert_true (atlas_records_sort_make_index (store, ATLAS_RECORDS_SORT_COMPANY, &error));
          g_assert_no_error (error);
        }
      else
        g_assert_true (atlas_store_exec (store, "DROP INDEX IF EXISTS records_sort_company_country",
                                         NULL));

      before = page_uids (query, 7001);
      expected = sql_uids (sql);
      assert_same_rows (&c, expected, before);

      /* Accenture (near the top) under Wipro (near the end). */
      g_assert_true (atlas_curation_merge (store, "Accenture", "Wipro", &error));
      g_assert_no_error (error);
      merged = page_uids (query, 7001);
      g_clear_pointer (&expected, g_ptr_array_unref);
      expected = sql_uids (sql);
      assert_same_rows (&c, expected, merged);
      g_assert_cmpuint (merged->len, ==, before->len);
      for (moved = 0; moved < merged->len; moved++)
        if (!g_str_equal (g_ptr_array_index (merged, moved), g_ptr_array_index (before, moved)))
          break;
      g_assert_cmpuint (moved, <, merged->len);

      g_assert_true (atlas_curation_split (store, "Accenture", &error));
      g_assert_no_error (error);
      split = page_uids (query, 7001);
      assert_same_rows (&c, before, split);
    }
}

/* Every group's n equals the count of the records behind it. */
static void
test_group_rows (void)
{
  static const AtlasGroupBy bys[] = { ATLAS_GROUP_EXPERIENCE, ATLAS_GROUP_COMPANY, ATLAS_GROUP_YEAR,
                                      ATLAS_GROUP_ROLE, ATLAS_GROUP_REGION };

  if (!ensure_store ())
    return;

  for (guint b = 0; b < G_N_ELEMENTS (bys); b++)
    {
      g_autoptr(AtlasFilter) filter = atlas_filter_new ();
      g_autoptr(AtlasQueryResult) result = NULL;
      g_autoptr(GError) error = NULL;

      filter->regions = g_strsplit ("US,IN", ",", -1);
      result = atlas_query_run (store, filter, bys[b], ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->groups->len, >, 0);
      g_assert_cmpuint (result->n_without_factor, ==, 0);

      for (guint i = 0; i < MIN (result->groups->len, 12); i++)
        {
          const AtlasGroup *g = g_ptr_array_index (result->groups, i);
          g_autoptr(AtlasFilter) narrowed = atlas_filter_for_group (filter, bys[b], g->region, g->key);
          g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (narrowed);
          gint64 n = -1;

          g_assert_true (atlas_records_count (store, query, &n, NULL, &error));
          g_assert_no_error (error);
          if ((gsize) n != g->summary.n)
            g_error ("group %s %s by %s: n %zu, records %" G_GINT64_FORMAT, g->region, g->key,
                     atlas_group_by_to_string (bys[b]), g->summary.n, n);
        }
    }
}

static void
test_exclusions (void)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasRecordsQuery) query = NULL;
  g_autoptr(AtlasQueryResult) before = NULL, after = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  AtlasRecordRow *row;
  gint64 n_all, n, n_only, n_with;

  if (!ensure_store ())
    return;

  filter->regions = g_strsplit ("IN", ",", -1);
  query = atlas_records_query_new (filter);
  g_assert_true (atlas_records_count (store, query, &n_all, NULL, &error));
  before = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_no_error (error);

  query->sort = ATLAS_RECORDS_SORT_PAY;
  query->descending = TRUE;
  page = atlas_records_page (store, query, 0, 1, NULL, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (page, 0);
  g_assert_true (atlas_curation_exclude (store, row->uid, ATLAS_EXCLUSION_OUTLIER, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (atlas_records_count (store, query, &n, NULL, &error));
  query->excluded = ATLAS_RECORDS_ONLY_EXCLUDED;
  g_assert_true (atlas_records_count (store, query, &n_only, NULL, &error));
  query->excluded = ATLAS_RECORDS_WITH_EXCLUDED;
  g_assert_true (atlas_records_count (store, query, &n_with, NULL, &error));
  g_assert_cmpint (n, ==, n_all - 1);
  g_assert_cmpint (n_only, ==, 1);
  g_assert_cmpint (n_with, ==, n_all);

  {
    g_autoptr(GPtrArray) marked = atlas_records_page (store, query, 0, 1, NULL, &error);
    g_autoptr(AtlasRecordRow) again = atlas_records_get (store, row->uid, &error);

    g_assert_cmpstr (((AtlasRecordRow *) g_ptr_array_index (marked, 0))->excluded_reason, ==, "outlier");
    g_assert_cmpstr (again->excluded_reason, ==, "outlier");
    g_assert_cmpstr (again->source, ==, row->source);
    g_assert_cmpint (again->source_line, ==, row->source_line);
  }

  after = atlas_query_run (store, filter, ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD, 30, NULL, &error);
  g_assert_cmpuint (after->n_records, ==, before->n_records - 1);
  g_assert_cmpuint (after->n_excluded, ==, 1);
  g_assert_cmpuint (before->n_excluded, ==, 0);
  g_assert_cmpuint (((AtlasGroup *) g_ptr_array_index (after->groups, 0))->summary.n, ==,
                    ((AtlasGroup *) g_ptr_array_index (before->groups, 0))->summary.n - 1);

  g_assert_true (atlas_curation_undo (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (atlas_curation_count_exclusions (store), ==, 0);
}

/* A figure excluded by the user stays excluded when the default data is
 * loaded again (the figures are re-written). */
static void
test_figure_exclusion_survives_rebuild (void)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(GPtrArray) figures = NULL, after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  gint64 n_before;

  if (!ensure_store ())
    return;

  figures = atlas_query_figures (store, filter, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, >, 1);
  uid = g_strdup (((AtlasFigure *) g_ptr_array_index (figures, 0))->uid);
  n_before = query_int (store, "SELECT count(*) FROM figures");

  g_assert_true (atlas_curation_exclude (store, uid, ATLAS_EXCLUSION_DUPLICATE, "seen twice", &error));
  g_assert_no_error (error);
  g_assert_true (atlas_seed_load_default (store, &error));
  g_assert_no_error (error);
  /* Re-written from the bundled files: as many figures as before. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM figures"), ==, n_before);

  after = atlas_query_figures (store, filter, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, figures->len - 1);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((AtlasFigure *) g_ptr_array_index (after, i))->uid, !=, uid);

  entries = atlas_curation_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_false (((AtlasCurationEntry *) g_ptr_array_index (entries, 0))->orphaned);
  g_assert_cmpstr (((AtlasCurationEntry *) g_ptr_array_index (entries, 0))->reason, ==, "duplicate");

  g_assert_true (atlas_curation_restore (store, uid, &error));
  g_assert_no_error (error);
  g_assert_false (atlas_curation_restore (store, uid, &error));
  g_assert_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_NOT_FOUND);
}

static void
test_validation (void)
{
  g_autoptr(AtlasAddition) a = atlas_addition_new ();
  g_autoptr(AtlasRates) rates = NULL;
  g_autoptr(GError) error = NULL;

  if (!ensure_store ())
    return;

  rates = atlas_rates_load (store, &error);
  a->kind = ATLAS_ADDITION_FIGURE;
  a->title = g_strdup ("Data Scientist");
  a->country = g_strdup ("IN");
  a->currency = g_strdup ("INR");
  a->amount = 1500000;
  a->year = 2023;
  a->publisher = g_strdup ("A company’s careers page");
  a->reference = g_strdup ("https://example.org/jobs/1");
  a->cited_on = g_strdup ("2023-05-02");
  for (guint f = 0; f < ATLAS_ADDITION_N_FIELDS; f++)
    g_assert_null (atlas_addition_check_field (a, f, rates));

#define EXPECT_ERROR(field, change, restore) \
  G_STMT_START { \
    g_autofree char *message = NULL; \
    change; \
    message = atlas_addition_check_field (a, field, rates); \
    g_assert_nonnull (message); \
    restore; \
    g_assert_null (atlas_addition_check_field (a, field, rates)); \
  } G_STMT_END

  EXPECT_ERROR (ATLAS_ADDITION_FIELD_CURRENCY, g_free (a->currency); a->currency = g_strdup ("ZZZ"),
                g_free (a->currency); a->currency = g_strdup ("INR"));
  /* ₹15,000 a year is a monthly salary; ₹90 crore a misplaced digit. */
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_AMOUNT, a->amount = 15000, a->amount = 1500000);
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_AMOUNT, a->amount = 900000000, a->amount = 1500000);
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_AMOUNT, a->amount = -5, a->amount = 1500000);
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_RANGE, a->amount_low = 2000000, a->amount_low = 1200000);
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_YEAR, a->year = 1850, a->year = 2023);
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_COUNTRY, g_free (a->country); a->country = g_strdup ("XX"),
                g_free (a->country); a->country = g_strdup ("IN"));
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_PUBLISHER, g_free (a->publisher); a->publisher = g_strdup (" "),
                g_free (a->publisher); a->publisher = g_strdup ("Naukri"));
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_REFERENCE, g_clear_pointer (&a->reference, g_free),
                a->reference = g_strdup ("Posting 42, seen in print"));
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_CITED_ON, g_free (a->cited_on); a->cited_on = g_strdup ("2023-02-30"),
                g_free (a->cited_on); a->cited_on = g_strdup ("2023-02-28"));
  EXPECT_ERROR (ATLAS_ADDITION_FIELD_CITED_ON, g_free (a->cited_on); a->cited_on = g_strdup ("2999-01-01"),
                g_free (a->cited_on); a->cited_on = g_strdup ("2023-02-28"));
#undef EXPECT_ERROR

  /* A figure with its range and n: listed among the figures, with its citation. */
  a->amount_low = 1200000;
  a->amount_high = 1900000;
  a->n = 40;
  g_assert_cmpint (atlas_curation_add (store, a, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(AtlasFilter) filter = atlas_filter_new ();
    g_autoptr(AtlasRecordsQuery) query = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    AtlasRecordRow *row;

    filter->source = g_strdup (ATLAS_CURATION_SOURCE_NAME);
    query = atlas_records_query_new (filter);
    query->with_figures = TRUE;
    rows = atlas_records_page (store, query, 0, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    row = g_ptr_array_index (rows, 0);
    g_assert_true (row->is_figure);
    g_assert_cmpint (row->n, ==, 40);
    g_assert_cmpfloat (row->low, ==, 1200000);
    g_assert_cmpfloat (row->high, ==, 1900000);
    g_assert_nonnull (strstr (row->citation, "Naukri"));
    g_assert_nonnull (strstr (row->citation, "2023-02-28"));
  }
  g_assert_true (atlas_curation_undo (store, NULL, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM figures f JOIN sources s ON s.id = f.source_id"
                                     " WHERE s.name = 'Hand-entered'"), ==, 0);
}

static void
test_export (void)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasRecordsQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expected;

  if (!ensure_store ())
    return;

  filter->regions = g_strsplit ("IN", ",", -1);
  filter->title = g_strdup ("data");
  query = atlas_records_query_new (filter);
  query->with_figures = TRUE;
  expected = query_int (store, "SELECT (SELECT count(*) FROM records WHERE country = 'IN'"
                               " AND lower (job_title) LIKE '%data%') + (SELECT count(*) FROM figures"
                               " WHERE country = 'IN' AND lower (job_title) LIKE '%data%')");

  for (guint format = 0; format < 2; format++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autofree char *text = NULL;
      gint64 n;

      n = atlas_records_write (store, query, format, -1, out, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, expected);
      g_assert_true (g_output_stream_close (out, NULL, NULL));
      text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                        g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));

      if (format == ATLAS_RECORDS_FORMAT_JSON)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *root;

          g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
          g_assert_no_error (error);
          root = json_node_get_object (json_parser_get_root (parser));
          g_assert_cmpint (json_object_get_int_member (root, "count"), ==, expected);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "records")), ==, expected);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "filter"), "title"),
                           ==, "data");
        }
      else
        {
          g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

          /* Header, rows, and the empty string after the last CRLF; no
           * field in these rows has a line break. */
          g_assert_cmpint (g_strv_length (lines), ==, expected + 2);
          g_assert_true (g_str_has_prefix (lines[0], "uid,kind,title,"));
          g_assert_true (g_str_has_suffix (lines[1], ",All roles · titles with “data” · IN"));
        }
    }

  /* At most --limit rows. */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    g_assert_cmpint (atlas_records_write (store, query, ATLAS_RECORDS_FORMAT_CSV, 5, out, NULL, &error), ==, 5);
  }
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The window's calls through the query pool give what the direct calls
 * give, and the exclusion they make is undone by the undo they make. */
static void
test_async (void)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  g_autoptr(AtlasRecordsQuery) query = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GPtrArray) pooled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  GAsyncResult *result = NULL;
  gint64 n = 0, n_figures = 0, n_direct = 0;
  const char *path;

  if (!ensure_store ())
    return;
  path = atlas_store_get_path (store);

  filter->regions = g_strsplit ("IN", ",", -1);
  query = atlas_records_query_new (filter);
  query->sort = ATLAS_RECORDS_SORT_TITLE;
  query->with_figures = TRUE;

  atlas_records_count_async (path, query, NULL, store_result_cb, &result);
  g_assert_true (atlas_records_count_finish (wait_result (&result), &n, &n_figures, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (atlas_records_count (store, query, &n_direct, NULL, &error));
  g_assert_cmpint (n, ==, n_direct);
  g_assert_cmpint (n_figures, >, 0);

  atlas_records_page_async (path, query, 100, 50, NULL, store_result_cb, &result);
  pooled = atlas_records_page_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  direct = atlas_records_page (store, query, 100, 50, NULL, &error);
  g_assert_cmpuint (pooled->len, ==, 50);
  for (guint i = 0; i < pooled->len; i++)
    g_assert_cmpstr (((AtlasRecordRow *) g_ptr_array_index (pooled, i))->uid, ==,
                     ((AtlasRecordRow *) g_ptr_array_index (direct, i))->uid);

  atlas_curation_exclude_async (path, ((AtlasRecordRow *) g_ptr_array_index (pooled, 0))->uid,
                                ATLAS_EXCLUSION_NOT_THIS_ROLE, NULL, store_result_cb, &result);
  g_assert_true (atlas_curation_action_finish (wait_result (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (atlas_curation_count_exclusions (store), ==, 1);

  atlas_curation_undo_async (path, NULL, store_result_cb, &result);
  g_assert_true (atlas_curation_action_finish (wait_result (&result), &description, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_nonnull (strstr (description, ((AtlasRecordRow *) g_ptr_array_index (pooled, 0))->title));
  g_assert_cmpint (atlas_curation_count_exclusions (store), ==, 0);

  /* A cancelled job fails as cancelled. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GPtrArray) none = NULL;

    g_cancellable_cancel (cancellable);
    atlas_records_page_async (path, query, 0, 50, cancellable, store_result_cb, &result);
    none = atlas_records_page_finish (wait_result (&result), &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (none);
    g_clear_object (&result);
  }
}

/* A published aggregate has no title of its own: the list calls it by the
 * role family it stands for, and a row with a title by its title. */
static void
test_row_label (void)
{
  AtlasRecordRow row = { 0 };

  g_assert_cmpstr (atlas_record_row_get_label (&row), ==, "");
  row.role_family = (char *) "Data Analyst";
  g_assert_cmpstr (atlas_record_row_get_label (&row), ==, "Data Analyst");
  row.title = (char *) "";
  g_assert_cmpstr (atlas_record_row_get_label (&row), ==, "Data Analyst");
  row.title = (char *) "Machine Learning Engineer II";
  g_assert_cmpstr (atlas_record_row_get_label (&row), ==, "Machine Learning Engineer II");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/records/row-label", test_row_label);
  g_test_add_func ("/atlas/records/pages-equal-sql", test_pages_equal_sql);
  g_test_add_func ("/atlas/records/pay-order", test_pay_order);
  g_test_add_func ("/atlas/records/company-order-follows-merges", test_company_order_follows_merges);
  g_test_add_func ("/atlas/records/sort-index-dropped-by-import", test_sort_index_dropped_by_import);
  g_test_add_func ("/atlas/records/group-rows", test_group_rows);
  g_test_add_func ("/atlas/records/exclusions", test_exclusions);
  g_test_add_func ("/atlas/records/figure-exclusion-survives-rebuild", test_figure_exclusion_survives_rebuild);
  g_test_add_func ("/atlas/records/addition-validation", test_validation);
  g_test_add_func ("/atlas/records/export", test_export);
  g_test_add_func ("/atlas/records/async", test_async);
  g_test_add_func ("/atlas/records/write-during-index-build", test_write_during_index_build);

  status = g_test_run ();

  g_clear_pointer (&store, atlas_store_free);
  if (db_dir != NULL)
    test_dir_remove (db_dir);
  g_free (db_dir);

  return status;
}

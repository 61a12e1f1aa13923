/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-records-converted.c: the sort by the pay in the chosen currency
 * mode (ATLAS_RECORDS_SORT_CONVERTED) against an ORDER BY written here in
 * plain SQL from the stored rates and PPP factors, on the real files of
 * ../shared/data (Indian rupees without a USD value, US dollars with one)
 * and the built-in figures; with and without filters, both directions;
 * sorted whole by SQLite, then merged from walks of their groups, from the
 * first row or (scrolling) from the row before the page. */

#include <glib/gstdio.h>
#include <math.h>

#include "atlas-import.h"
#include "atlas-money.h"
#include "atlas-records.h"
#include "atlas-records-private.h"
#include "atlas-seed.h"
#include "store-test-util.h"

static char *db_dir;
static AtlasStore *store;

static gboolean
ensure_store (void)
{
  if (store == NULL)
    store = records_store_new ("atlas-records-converted-XXXXXX", &db_dir);
  return store != NULL;
}

/* temp.test_local (country, currency): each stored country's own currency
 * (NULL: none known), from the table that formats amounts. */
static void
make_local_currencies (void)
{
  sqlite3 *db = atlas_store_get_db (store);
  sqlite3_stmt *select = NULL, *insert = NULL;

  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TABLE IF NOT EXISTS test_local"
                                 " (country TEXT PRIMARY KEY, currency TEXT)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT country FROM records WHERE country IS NOT NULL"
                                       " UNION SELECT country FROM figures WHERE country IS NOT NULL",
                                       -1, &select, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO test_local VALUES (?, ?)",
                                       -1, &insert, NULL), ==, SQLITE_OK);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      const char *country = (const char *) sqlite3_column_text (select, 0);

      sqlite3_bind_text (insert, 1, country, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, atlas_money_currency_for_country (country), -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
}

/* Local currency units per dollar of currency C in year Y; the dollar's is 1. */
#define FX(c, y) \
  "(CASE WHEN " c " = 'USD' THEN 1.0 ELSE (SELECT lcu_per_usd FROM fx_rates" \
  " WHERE currency = " c " AND year = " y ") END)"
/* The pay in currency T: as paid when it is, else its USD value (the
 * source's own, else through the year's rate) at T's rate of the year. */
#define IN_CURRENCY(t, amount, usd) \
  "(CASE WHEN x.currency = " t " THEN " amount " ELSE coalesce (" usd ", " amount " / " \
  FX ("x.currency", "x.year") ") * " FX (t, "x.year") " END)"
#define PPP_FACTOR \
  "(CASE WHEN x.country = 'US' THEN 1.0 ELSE (SELECT lcu_per_intl_dollar FROM ppp_factors" \
  " WHERE country = x.country AND year = x.year) END)"
#define LOCAL "coalesce ((SELECT currency FROM test_local WHERE country = x.country), 'USD')"
#define OWN_LOCAL "(SELECT currency FROM test_local WHERE country = x.country)"

/* The key of each mode: for records (amount, amount_usd), for figures
 * (their median; their own amount when it is in dollars, and as it is
 * when published in the mode's currency). */
static const char * const record_keys[] = {
  [ATLAS_CURRENCY_MODE_LOCAL] = "CASE WHEN x.amount IS NULL THEN NULL ELSE "
    IN_CURRENCY (LOCAL, "x.amount", "x.amount_usd") " END",
  [ATLAS_CURRENCY_MODE_PPP] = "CASE WHEN x.amount IS NULL OR " OWN_LOCAL " IS NULL THEN NULL ELSE "
    IN_CURRENCY (OWN_LOCAL, "x.amount", "x.amount_usd") " / " PPP_FACTOR " END",
};
#define FIGURE_USD "(CASE x.currency WHEN 'USD' THEN x.amount END)"
static const char * const figure_keys[] = {
  [ATLAS_CURRENCY_MODE_LOCAL] = "CASE WHEN x.amount IS NULL THEN NULL WHEN x.currency = " LOCAL
    " THEN x.amount ELSE " IN_CURRENCY (LOCAL, "x.amount", FIGURE_USD) " END",
  [ATLAS_CURRENCY_MODE_PPP] = "CASE WHEN x.amount IS NULL THEN NULL WHEN x.currency = 'intl$'"
    " THEN x.amount WHEN " OWN_LOCAL " IS NULL THEN NULL ELSE "
    IN_CURRENCY (OWN_LOCAL, "x.amount", FIGURE_USD) " / " PPP_FACTOR " END",
};

typedef struct
{
  const char *name;
  const char *where;     /* on records and figures alike */
  const char *regions;   /* the same filter for the query */
  const char *search;
  gboolean    figures;
  int         year_from; /* the same as x.year in where */
  int         year_to;
} Case;

static const Case cases[] = {
  { "everything", "1", NULL, NULL, FALSE },
  { "India, with figures", "x.country = 'IN'", "IN", NULL, TRUE },
  { "India and Germany", "x.country IN ('IN', 'DE')", "IN,DE", NULL, FALSE },
  { "search engineer", "(x.title LIKE '%engineer%' OR x.company_id IN (SELECT id FROM companies"
    " WHERE display_name LIKE '%engineer%'))", NULL, "engineer", FALSE },
  /* Glassdoor's rupees of 2022 among aijobs.net's dollars. */
  { "2022 to 2023", "x.year BETWEEN 2022 AND 2023", NULL, NULL, FALSE, 2022, 2023 },
};

/* The uids of the case in the mode's order, records then figures. */
static GPtrArray *
expected_uids (const Case        *c,
               AtlasCurrencyMode  mode,
               gboolean           descending)
{
  const char *dir = descending ? "DESC" : "ASC";
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT uid FROM (SELECT uid, 0 AS part, id, %s AS key FROM"
                         " (SELECT id, uid, country, year, amount, currency, amount_usd,"
                         " job_title AS title, company_id FROM records) x WHERE %s"
                         " UNION ALL SELECT uid, 1, id, %s FROM"
                         " (SELECT id, uid, country, year, coalesce (median, mean) AS amount,"
                         " currency, job_title AS title, company_id FROM figures) x WHERE %s AND %d)"
                         " ORDER BY part, key %s NULLS LAST, id %s",
                         record_keys[mode], c->where, figure_keys[mode], c->where, c->figures,
                         dir, dir);

  return query_strings (store, sql);
}

static AtlasRecordsQuery *
case_query (const Case        *c,
            AtlasCurrencyMode  mode,
            gboolean           descending)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  AtlasRecordsQuery *query;

  filter->regions = c->regions ? g_strsplit (c->regions, ",", -1) : NULL;
  filter->year_from = c->year_from;
  filter->year_to = c->year_to;
  query = atlas_records_query_new (filter);
  query->search = g_strdup (c->search);
  query->sort = ATLAS_RECORDS_SORT_CONVERTED;
  query->mode = mode;
  query->descending = descending;
  query->with_figures = c->figures;

  return query;
}

/* Pages of @limit rows of the case against SQL, up to @max_rows (-1: all);
 * the number of rows whose value equals the previous row's from another
 * (country, year, currency): ties between groups, broken by id. */
static guint
check_pages (const Case        *c,
             AtlasCurrencyMode  mode,
             gboolean           descending,
             guint              limit,
             gint64             max_rows,
             AtlasRates        *rates)
{
  g_autoptr(AtlasRecordsQuery) query = case_query (c, mode, descending);
  g_autoptr(GPtrArray) expected = expected_uids (c, mode, descending);
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AtlasRecordRow) previous = NULL;
  double previous_value = NAN;
  guint n_keyed = 0, n_group_ties = 0;

  for (gint64 offset = 0; max_rows < 0 || offset < max_rows; offset += limit)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = atlas_records_page (store, query, offset, limit, NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        {
          AtlasRecordRow *row = g_ptr_array_index (page, i);
          double value = NAN;

          g_ptr_array_add (got, g_strdup (row->uid));
          if (!row->is_figure && atlas_record_row_convert (row, rates, mode, &value))
            n_keyed++;
          if (previous != NULL && !row->is_figure && !previous->is_figure &&
              value == previous_value && row->year != previous->year)
            n_group_ties++;
          g_clear_pointer (&previous, atlas_record_row_free);
          previous = atlas_record_row_copy (row);
          previous_value = value;
        }
      if (page->len < limit)
        break;
    }
  if (max_rows >= 0 && got->len > max_rows)
    g_ptr_array_set_size (got, max_rows);

  g_test_message ("%s, %s%s, pages of %u: %u of %u rows, %u converted, %u ties between years",
                  c->name, atlas_currency_mode_to_string (mode), descending ? ", descending" : "",
                  limit, got->len, expected->len, n_keyed, n_group_ties);
  /* Rows of both currencies are converted, so the order mixes them. */
  g_assert_cmpuint (n_keyed, >, 100);
  if (max_rows < 0)
    g_assert_cmpuint (got->len, ==, expected->len);
  else
    g_assert_cmpuint (got->len, ==, MIN ((guint) max_rows, expected->len));
  for (guint i = 0; i < got->len; i++)
    if (!g_str_equal (g_ptr_array_index (expected, i), g_ptr_array_index (got, i)))
      g_error ("%s, mode %d: row %u is %s, SQL says %s", c->name, mode, i,
               (char *) g_ptr_array_index (got, i), (char *) g_ptr_array_index (expected, i));

  return n_group_ties;
}

static const AtlasCurrencyMode modes[] = { ATLAS_CURRENCY_MODE_LOCAL, ATLAS_CURRENCY_MODE_PPP };

/* Without the indexes of the merge: SQLite sorts every matching row. */
static void
test_pages_equal_sql (void)
{
  g_autoptr(AtlasRates) rates = NULL;

  if (!ensure_store ())
    return;
  g_assert_false (atlas_records_sort_has_index (store, ATLAS_RECORDS_SORT_CONVERTED));
  rates = atlas_rates_load (store, NULL);
  g_assert_nonnull (rates);
  make_local_currencies ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      for (guint descending = 0; descending < 2; descending++)
        {
          g_autoptr(GPtrArray) expected = expected_uids (&cases[k], modes[m], descending);

          check_pages (&cases[k], modes[m], descending, MAX (997, expected->len / 4 + 1), -1, rates);
        }
}

/* With them: the first pages merge walks of each (country, year, currency)
 * (atlas-records-merge.c), the deeper ones sort; small pages start inside
 * groups and cross from one to the next, and equal values of different
 * groups follow their ids. */
static void
test_merged_pages_equal_sql (void)
{
  g_autoptr(AtlasRates) rates = NULL;
  g_autoptr(GError) error = NULL;

  if (!ensure_store ())
    return;
  g_assert_true (atlas_records_sort_make_index (store, ATLAS_RECORDS_SORT_CONVERTED, &error));
  g_assert_no_error (error);
  g_assert_true (atlas_records_sort_has_index (store, ATLAS_RECORDS_SORT_CONVERTED));
  rates = atlas_rates_load (store, NULL);
  g_assert_nonnull (rates);
  make_local_currencies ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      for (guint descending = 0; descending < 2; descending++)
        {
          g_autoptr(AtlasRecordsQuery) query = case_query (&cases[k], modes[m], descending);
          g_autofree char *merged = _atlas_records_converted_merge (store, query, NULL, 1000);
          guint ties;

          /* The merge, not the sort, gives these pages. */
          g_assert_nonnull (merged);
          ties = check_pages (&cases[k], modes[m], descending, 37, 600, rates);
          /* US dollars of 2023 and 2024 give equal values in local currency. */
          if (k == 0 && modes[m] == ATLAS_CURRENCY_MODE_LOCAL)
            g_assert_cmpuint (ties, >, 0);
          /* Merged pages, then sorted ones past MAX_MERGED_ROWS (and the
           * figures after the records). */
          if (descending && k < 2)
            check_pages (&cases[k], modes[m], descending, 4999, -1, rates);
        }
}

/* Pages of @limit rows from the row before each (as the list asks when
 * it scrolls), from row @first on, @n_pages of them (0: to the end),
 * against SQL; how many of them the merge gave from beyond
 * MAX_MERGED_ROWS (20,000). */
static guint
check_keyset_pages (const Case        *c,
                    AtlasCurrencyMode  mode,
                    gboolean           descending,
                    GPtrArray         *expected,
                    guint              limit,
                    guint              first,
                    guint              n_pages)
{
  g_autoptr(AtlasRecordsQuery) query = case_query (c, mode, descending);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  AtlasRecordRow *after;
  guint row = first, n_deep_merged = 0;

  g_assert_cmpuint (first, >, 0);
  /* The row before the first page, by offset. */
  before = atlas_records_page (store, query, first - 1, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpstr (((AtlasRecordRow *) g_ptr_array_index (before, 0))->uid, ==,
                   g_ptr_array_index (expected, first - 1));
  after = g_ptr_array_index (before, 0);

  for (guint p = 0; n_pages == 0 || p < n_pages; p++)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autofree char *merged = _atlas_records_converted_merge (store, query, after, limit);

      if (merged != NULL && row > 20000)
        n_deep_merged++;
      /* The offset is the page's, as the list passes it; the row before
       * says where it starts. */
      page = atlas_records_page (store, query, row, limit, after, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++, row++)
        {
          const char *uid = ((AtlasRecordRow *) g_ptr_array_index (page, i))->uid;

          g_assert_cmpuint (row, <, expected->len);
          if (!g_str_equal (uid, g_ptr_array_index (expected, row)))
            g_error ("%s, mode %d%s, pages of %u after row %u: row %u is %s, SQL says %s", c->name,
                     mode, descending ? ", descending" : "", limit, first, row, uid,
                     (char *) g_ptr_array_index (expected, row));
        }
      if (page->len < limit)
        break;
      g_ptr_array_unref (before);
      before = g_steal_pointer (&page);
      after = g_ptr_array_index (before, before->len - 1);
    }
  if (n_pages == 0)
    g_assert_cmpuint (row, ==, expected->len);
  else
    g_assert_cmpuint (row, ==, MIN (first + n_pages * limit, expected->len));

  g_test_message ("%s, %s%s, pages of %u from row %u by the row before: %u rows, %u merged"
                  " past row 20,000", c->name, atlas_currency_mode_to_string (mode),
                  descending ? ", descending" : "", limit, first, row - first, n_deep_merged);
  return n_deep_merged;
}

/* Scrolling: every page from the row before it, deep pages included,
 * which the merge gives from that row's value instead of sorting. */
static void
test_keyset_pages_equal_sql (void)
{
  g_autoptr(GError) error = NULL;

  if (!ensure_store ())
    return;
  g_assert_true (atlas_records_sort_make_index (store, ATLAS_RECORDS_SORT_CONVERTED, &error));
  g_assert_no_error (error);
  make_local_currencies ();

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint descending = 0; descending < 2; descending++)
      {
        g_autoptr(GPtrArray) everything = expected_uids (&cases[0], modes[m], descending);
        g_autoptr(GPtrArray) years = expected_uids (&cases[4], modes[m], descending);
        g_autoptr(GPtrArray) search = expected_uids (&cases[3], modes[m], descending);

        /* Everything, to the end (the rows without a value sort). */
        g_assert_cmpuint (check_keyset_pages (&cases[0], modes[m], descending, everything, 2999, 1, 0),
                          >, 0);
        /* Small pages deep in the list, across groups. */
        g_assert_cmpuint (check_keyset_pages (&cases[0], modes[m], descending, everything, 37, 30011, 40),
                          ==, 40);
        /* A filter of years (and the search) from early rows. */
        check_keyset_pages (&cases[4], modes[m], descending, years, 53, 101, 60);
        check_keyset_pages (&cases[3], modes[m], descending, search, 53, 7, 60);
      }
}

/* In US dollars the converted pay is the pay sort, which walks its index. */
static void
test_usd_is_the_pay_sort (void)
{
  g_autoptr(AtlasRecordsQuery) query = atlas_records_query_new (NULL);
  g_autoptr(GPtrArray) converted = NULL, pay = NULL;
  g_autoptr(GError) error = NULL;

  if (!ensure_store ())
    return;

  query->sort = ATLAS_RECORDS_SORT_CONVERTED;
  query->mode = ATLAS_CURRENCY_MODE_USD;
  query->descending = TRUE;
  g_assert_cmpint (atlas_records_query_walked_sort (query), ==, ATLAS_RECORDS_SORT_PAY);
  converted = atlas_records_page (store, query, 0, 500, NULL, &error);
  g_assert_no_error (error);
  query->sort = ATLAS_RECORDS_SORT_PAY;
  pay = atlas_records_page (store, query, 0, 500, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (converted->len, ==, 500);
  g_assert_cmpuint (pay->len, ==, 500);
  for (guint i = 0; i < converted->len; i++)
    g_assert_cmpstr (((AtlasRecordRow *) g_ptr_array_index (converted, i))->uid, ==,
                     ((AtlasRecordRow *) g_ptr_array_index (pay, i))->uid);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/records-converted/pages-equal-sql", test_pages_equal_sql);
  g_test_add_func ("/atlas/records-converted/merged-pages-equal-sql", test_merged_pages_equal_sql);
  g_test_add_func ("/atlas/records-converted/keyset-pages-equal-sql", test_keyset_pages_equal_sql);
  g_test_add_func ("/atlas/records-converted/usd-is-the-pay-sort", test_usd_is_the_pay_sort);

  status = g_test_run ();

  g_clear_pointer (&store, atlas_store_free);
  if (db_dir != NULL)
    test_dir_remove (db_dir);
  g_free (db_dir);

  return status;
}

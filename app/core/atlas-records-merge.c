/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-merge.c: the first pages of the converted-pay sort in
 * local currency and PPP without sorting every row.
 *
 * A record's converted pay (atlas_record_row_convert()) is its amount, or
 * its USD value, times factors of its (country, year, currency): the rates
 * and the PPP factor of the year.  So within one such group the order of
 * the amount (or of the USD value) is the order of the converted pay, and
 * the order of all rows is a merge of the groups walked through an index
 * each (a few hundred groups at 1M records): a page of 100 rows reads
 * about 100 rows plus one per group, where the sort of every row took
 * 0.26–0.47 s of CPU at 1M (bench/README.md, records12 and records13).
 *
 * The walk is in the amount's order, the page in the converted value's;
 * they are the same only while the factors are positive and no two
 * amounts round to one value.  So every row is checked against the row
 * its group gave before it (a smaller value, or the same value from
 * another amount: the order by id could differ), and any doubt returns
 * NULL: the caller then sorts every row, as before.  So do pages that
 * reach the rows without a value (no rate: they sort last by id), pages
 * deep in the list by offset and filters that select few rows (their sort
 * is cheap).
 *
 * A page after a known row (scrolling: the last row of the page before)
 * starts each group at that row's value instead of merging every row
 * before it: within a group the converted pay is a function of the walked
 * column made of products and quotients by the group's factors, so it
 * never decreases along the walk when it is positive at 1.  Each walk
 * starts a hair before the column whose value is the known row's (the
 * value there is checked to be smaller: every row before it is too), and
 * the rows up to the known one are skipped by their values and ids. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-money.h"
#include "atlas-query-private.h"
#include "atlas-records-private.h"
#include "atlas-store-private.h"

/* Deeper pages cost a merge of all the rows before them. */
#define MAX_MERGED_ROWS 20000
/* More groups cost more look-ups than a sort saves. */
#define MAX_GROUPS 2000

/* The walks: rows without a USD value by amount; rows with one, paid in
 * their country's currency (the value is the amount as paid), by amount;
 * the other rows with one (the value is the USD value at the year's rate),
 * by the USD value.  Indexes of atlas-records-sort.c. */
enum { WALK_LOCAL, WALK_OWN, WALK_USD, N_WALKS };

static const struct
{
  const char *index;
  const char *condition;
  const char *column;
} walks[N_WALKS] = {
  [WALK_LOCAL] = { ATLAS_RECORDS_CONVERTED_LOCAL_INDEX, "r.amount_usd IS NULL", "r.amount" },
  [WALK_OWN] = { ATLAS_RECORDS_CONVERTED_OWN_INDEX, "r.amount_usd IS NOT NULL", "r.amount" },
  [WALK_USD] = { ATLAS_RECORDS_CONVERTED_USD_INDEX, "r.amount_usd IS NOT NULL", "r.amount_usd" },
};

typedef struct
{
  guint   walk;
  char   *country;
  char   *currency;
  int     year;
  /* The rows read and not yet merged, in the walk's order. */
  GArray *ids;
  GArray *columns;
  GArray *values;
  guint   pos;
  guint   batch;
  gboolean done;
  /* Where the first read starts: after (column, id). */
  double   start_column;
  gint64   start_id;
  /* The last row merged. */
  gboolean has_last;
  double   last_value;
  double   last_column;
} Group;

typedef struct
{
  AtlasStore              *store;
  const AtlasRecordsQuery *query;
  AtlasRates              *rates;
  sqlite3_stmt            *stmts[N_WALKS];
  int                      first_param;
  gboolean                 failed;
  /* The row before the page and its value, or NULL. */
  const AtlasRecordRow    *after;
  double                   after_value;
} Merge;

static void
group_free (Group *group)
{
  g_free (group->country);
  g_free (group->currency);
  g_array_unref (group->ids);
  g_array_unref (group->columns);
  g_array_unref (group->values);
  g_free (group);
}

static Group *
group_new (gboolean    descending,
           guint       walk,
           const char *country,
           int         year,
           const char *currency)
{
  Group *group = g_new0 (Group, 1);

  group->start_column = descending ? INFINITY : -INFINITY;
  group->start_id = descending ? G_MAXINT64 : G_MININT64;
  group->walk = walk;
  group->country = g_strdup (country);
  group->year = year;
  group->currency = g_strdup (currency);
  group->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  group->columns = g_array_new (FALSE, FALSE, sizeof (double));
  group->values = g_array_new (FALSE, FALSE, sizeof (double));
  /* Small at first: most groups give no row to the first page. */
  group->batch = 1;

  return group;
}

static sqlite3_stmt *
walk_statement (Merge *merge,
                guint  walk)
{
  const char *dir = merge->query->descending ? "DESC" : "ASC";
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(AtlasRecordsQuery) unyeared = NULL;
  sqlite3_stmt *stmt;

  if (merge->stmts[walk] != NULL)
    return merge->stmts[walk];

  sql = g_string_new (NULL);
  params = g_ptr_array_new_with_free_func (g_free);
  g_string_append_printf (sql, "SELECT r.id, r.amount, r.amount_usd, %s FROM records r INDEXED BY %s",
                          walks[walk].column, walks[walk].index);
  /* The group's year is in the filter's years (find_groups()): with
   * their range in the statement too SQLite reads the index by it and
   * sorts every row of the country's years. */
  unyeared = atlas_records_query_copy (merge->query);
  unyeared->filter->year_from = unyeared->filter->year_to = 0;
  /* Run once per batch of each group: the search's companies are found
   * once, not at every run. */
  _atlas_records_append_where_with (merge->store, sql, params, unyeared, "r",
                                    ATLAS_RECORDS_SEARCH_COMPANIES);
  g_string_append_printf (sql, " AND %s AND r.country = ? AND r.year = ? AND r.currency = ?"
                          " AND (%s, r.id) %s (?, ?) ORDER BY %s %s, r.id %s LIMIT ?",
                          walks[walk].condition, walks[walk].column,
                          merge->query->descending ? "<" : ">", walks[walk].column, dir, dir);
  stmt = atlas_store_prepare (merge->store, sql->str, NULL);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_TRANSIENT);
  merge->first_param = params->len + 1;
  merge->stmts[walk] = stmt;

  return stmt;
}

/* Reads the group's next rows after the last one read, with their values
 * (NAN: none). */
static gboolean
group_fill (Merge *merge,
            Group *group)
{
  sqlite3_stmt *stmt = walk_statement (merge, group->walk);
  int p = merge->first_param;
  double after_column = group->start_column;
  gint64 after_id = group->start_id;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (group->ids->len > 0)
    {
      after_column = g_array_index (group->columns, double, group->ids->len - 1);
      after_id = g_array_index (group->ids, gint64, group->ids->len - 1);
    }
  g_array_set_size (group->ids, 0);
  g_array_set_size (group->columns, 0);
  g_array_set_size (group->values, 0);
  group->pos = 0;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, p, group->country, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, p + 1, group->year);
  sqlite3_bind_text (stmt, p + 2, group->currency, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, p + 3, after_column);
  sqlite3_bind_int64 (stmt, p + 4, after_id);
  sqlite3_bind_int (stmt, p + 5, group->batch);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AtlasRecordRow row = { 0 };
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double column = sqlite3_column_double (stmt, 3);
      double value;

      row.country = group->country;
      row.year = group->year;
      row.currency = group->currency;
      row.amount = sqlite3_column_double (stmt, 1);
      row.amount_usd = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                       ? NAN : sqlite3_column_double (stmt, 2);
      /* The very conversion the column shows and the full sort compares. */
      if (!atlas_record_row_convert (&row, merge->rates, merge->query->mode, &value))
        value = NAN;
      g_array_append_val (group->ids, id);
      g_array_append_val (group->columns, column);
      g_array_append_val (group->values, value);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  group->done = group->ids->len < group->batch;
  group->batch = MIN (group->batch * 4, 1024);

  return TRUE;
}

/* The value of a row of @group whose walked column is @column. */
static gboolean
group_value_at (const Merge *merge,
                const Group *group,
                double       column,
                double      *value)
{
  AtlasRecordRow row = { 0 };

  row.country = group->country;
  row.year = group->year;
  row.currency = group->currency;
  /* The USD walk's value is its USD value's; the amount only has to be
   * there. */
  row.amount = group->walk == WALK_USD ? 1.0 : column;
  row.amount_usd = group->walk == WALK_LOCAL ? NAN : column;
  return atlas_record_row_convert (&row, merge->rates, merge->query->mode, value) &&
         !isnan (*value);
}

/* Starts @group's walk just before the rows of the value of the row
 * before the page; FALSE if that cannot be sure. */
static gboolean
group_start_after (const Merge *merge,
                   Group       *group)
{
  gboolean descending = merge->query->descending;
  double factor, column, margin, bound, value;

  /* No rate: none of the group's rows has a value (they come last, by
   * id), whatever its amount. */
  if (!group_value_at (merge, group, 1.0, &factor))
    return TRUE;
  /* A product of the group's factors: positive, so the value never
   * decreases as the column grows. */
  if (!isfinite (factor) || factor <= 0)
    return FALSE;
  column = merge->after_value / factor;
  margin = fabs (column) * 1e-9 + 1e-300;
  bound = descending ? column + margin : column - margin;
  if (!isfinite (bound) || !group_value_at (merge, group, bound, &value) ||
      (descending ? !(value > merge->after_value) : !(value < merge->after_value)))
    return FALSE;
  group->start_column = bound;
  return TRUE;
}

/* Whether the group's next row comes after the row before the page (rows
 * without a value come after every row with one). */
static gboolean
group_head_after (const Merge *merge,
                  const Group *group)
{
  double value = g_array_index (group->values, double, group->pos);
  gint64 id = g_array_index (group->ids, gint64, group->pos);

  if (merge->after == NULL || isnan (value))
    return TRUE;
  if (value != merge->after_value)
    return merge->query->descending ? value < merge->after_value : value > merge->after_value;
  return merge->query->descending ? id < merge->after->id : id > merge->after->id;
}

/* Whether group @a's next row comes before group @b's in the page. */
static gboolean
group_before (const Merge *merge,
              const Group *a,
              const Group *b)
{
  double va = g_array_index (a->values, double, a->pos);
  double vb = g_array_index (b->values, double, b->pos);
  gint64 ia = g_array_index (a->ids, gint64, a->pos);
  gint64 ib = g_array_index (b->ids, gint64, b->pos);

  if (va != vb)
    return merge->query->descending ? va > vb : va < vb;
  return merge->query->descending ? ia > ib : ia < ib;
}

/* Whether the group's next row follows its last merged row in the page's
 * order: a value (every row of a group has one, or none has), not before
 * the last, and if equal to it then from the same amount, whose rows the
 * walk gives by id. */
static gboolean
group_head_in_order (const Merge *merge,
                     const Group *group)
{
  double value = g_array_index (group->values, double, group->pos);
  double column = g_array_index (group->columns, double, group->pos);

  if (isnan (value))
    return FALSE;
  if (!group->has_last)
    return TRUE;
  if (value == group->last_value)
    return column == group->last_column;
  return merge->query->descending ? value < group->last_value : value > group->last_value;
}

static void
heap_down (const Merge *merge,
           GPtrArray   *heap,
           guint        i)
{
  for (;;)
    {
      guint best = i, l = 2 * i + 1, r = 2 * i + 2;

      if (l < heap->len && group_before (merge, heap->pdata[l], heap->pdata[best]))
        best = l;
      if (r < heap->len && group_before (merge, heap->pdata[r], heap->pdata[best]))
        best = r;
      if (best == i)
        return;
      {
        gpointer t = heap->pdata[i];

        heap->pdata[i] = heap->pdata[best];
        heap->pdata[best] = t;
      }
      i = best;
    }
}

/* The groups of records of one walk's index, found by a seek each: those
 * of the filter's regions when it has some. */
static gboolean
find_groups (Merge     *merge,
             guint      walk,
             GPtrArray *groups)
{
  GStrv regions = merge->query->filter->regions;
  g_autofree char *sql = NULL;
  g_autofree char *country = g_strdup ("");
  g_autofree char *currency = g_strdup ("");
  gint64 year = G_MININT64;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  /* The amount makes it a seek past the group's rows: with three
   * columns SQLite reads them (a group of 790,000 rows at 1M). */
  sql = g_strdup_printf ("SELECT r.country, r.year, r.currency FROM records r INDEXED BY %s"
                         " WHERE %s AND (r.country, r.year, r.currency, r.amount) > (?, ?, ?, ?)"
                         " ORDER BY r.country, r.year, r.currency, r.amount LIMIT 1",
                         walks[walk].index, walks[walk].condition);
  stmt = atlas_store_prepare (merge->store, sql, NULL);
  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, country, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, year);
      sqlite3_bind_text (stmt, 3, currency, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 4, INFINITY);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          ok = rc == SQLITE_DONE;
          break;
        }
      g_free (country);
      g_free (currency);
      country = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      year = sqlite3_column_int64 (stmt, 1);
      currency = g_strdup ((const char *) sqlite3_column_text (stmt, 2));

      if (_atlas_strv_is_set (regions) && !g_strv_contains ((const char * const *) regions, country))
        continue;
      if (groups->len >= MAX_GROUPS)
        {
          ok = FALSE;
          break;
        }
      if ((merge->query->filter->year_from != 0 && year < merge->query->filter->year_from) ||
          (merge->query->filter->year_to != 0 && year > merge->query->filter->year_to))
        continue;
      if (walk == WALK_LOCAL)
        g_ptr_array_add (groups, group_new (merge->query->descending, WALK_LOCAL, country, year,
                                            currency));
      else
        {
          /* Paid in the country's own currency (the target of both modes):
           * the value is the amount; else the USD value. */
          const char *own = atlas_money_currency_for_country (country);

          g_ptr_array_add (groups, group_new (merge->query->descending,
                                              g_strcmp0 (currency, own != NULL ? own : "USD") == 0
                                              ? WALK_OWN : WALK_USD, country, year, currency));
        }
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
merge_possible (AtlasStore              *store,
                const AtlasRecordsQuery *query,
                const AtlasRecordRow    *after,
                gint64                   n)
{
  return query->sort == ATLAS_RECORDS_SORT_CONVERTED && query->mode != ATLAS_CURRENCY_MODE_USD &&
         n <= MAX_MERGED_ROWS && (after == NULL || !after->is_figure) &&
         atlas_records_sort_has_index (store, ATLAS_RECORDS_SORT_CONVERTED) &&
         _atlas_records_sort_selects_many (store, query);
}

/* Moves @group past the rows up to the row before the page. */
static gboolean
group_skip_to_after (Merge *merge,
                     Group *group)
{
  while (group->pos < group->ids->len && !group_head_after (merge, group))
    {
      group->pos++;
      if (group->pos == group->ids->len && !group->done && !group_fill (merge, group))
        return FALSE;
    }
  return TRUE;
}

char *
_atlas_records_converted_merge (AtlasStore              *store,
                                const AtlasRecordsQuery *query,
                                const AtlasRecordRow    *after,
                                gint64                   n)
{
  g_autoptr(AtlasRates) rates = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) heap = NULL;
  g_autoptr(GString) ids = NULL;
  Merge merge = { store, query };
  double after_value = NAN;
  gboolean any_without_value = FALSE;
  gint64 n_merged = 0;

  g_return_val_if_fail (store != NULL && query != NULL, NULL);

  if (!merge_possible (store, query, after, n))
    return NULL;
  rates = atlas_rates_load (store, NULL);
  if (rates == NULL)
    return NULL;
  merge.rates = rates;
  /* The row before the page has no value: the page is among the rows
   * without one, which sort by id. */
  if (after != NULL && !atlas_record_row_convert (after, rates, query->mode, &after_value))
    return NULL;
  merge.after = after;
  merge.after_value = after_value;

  if (!_atlas_records_make_search_companies (store, query->search))
    return NULL;
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  if (!find_groups (&merge, WALK_LOCAL, groups) || !find_groups (&merge, WALK_OWN, groups))
    return NULL;

  heap = g_ptr_array_new ();
  for (guint i = 0; i < groups->len && !merge.failed; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      if (after != NULL && !group_start_after (&merge, group))
        merge.failed = TRUE;
      else if (!group_fill (&merge, group) || !group_skip_to_after (&merge, group))
        merge.failed = TRUE;
      else if (group->pos == group->ids->len)
        continue;
      else if (isnan (g_array_index (group->values, double, group->pos)))
        /* No rate: all of the group's rows sort after those with one. */
        any_without_value = TRUE;
      else
        g_ptr_array_add (heap, group);
    }
  for (guint i = heap->len / 2; i-- > 0;)
    heap_down (&merge, heap, i);

  ids = g_string_new ("[");
  while (!merge.failed && n_merged < n && heap->len > 0)
    {
      Group *group = heap->pdata[0];

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, n_merged > 0 ? "," : "",
                              g_array_index (group->ids, gint64, group->pos));
      n_merged++;
      group->has_last = TRUE;
      group->last_value = g_array_index (group->values, double, group->pos);
      group->last_column = g_array_index (group->columns, double, group->pos);
      group->pos++;

      if (group->pos == group->ids->len && !group->done && !group_fill (&merge, group))
        merge.failed = TRUE;
      else if (group->pos == group->ids->len)
        {
          /* The group has no more rows. */
          heap->pdata[0] = heap->pdata[heap->len - 1];
          g_ptr_array_set_size (heap, heap->len - 1);
        }
      else if (!group_head_in_order (&merge, group))
        merge.failed = TRUE;
      heap_down (&merge, heap, 0);
    }
  g_string_append_c (ids, ']');

  for (guint i = 0; i < N_WALKS; i++)
    sqlite3_finalize (merge.stmts[i]);

  /* The page reaches the rows without a value, which sort by id. */
  if (merge.failed || (n_merged < n && any_without_value))
    return NULL;
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-walk.c: the parts a page of records sorted by a column
 * walks, in the sort's order, one per group of its filter: each region of
 * a filter of a few regions through the sort's index led by the country,
 * or each year of a filter of a few years through its index led by the
 * year (atlas-records-sort.c).  The sort's own index, walked for such a
 * filter, reads every row of the other regions or years that comes first
 * in the order: for the years 2022–2023, every row with a company or a
 * number of years (levels.fyi's and H-1B's, none of those years), 3.7 s
 * of CPU by company at 10M records (bench/README.md, records14). */

#include "config.h"

#include <stdlib.h>

#include "atlas-pay-basis.h"
#include "atlas-records-private.h"
#include "atlas-store-private.h"

/* A filter of more regions or years than this walks the sort's own
 * index. */
#define MAX_WALKED_GROUPS 8

struct _AtlasRecordsWalk
{
  const char *index;
  const char *column;  /* "r.country" or "r.year" */
  const char *value;   /* the placeholder of a value of the column */
  GPtrArray  *values;  /* of char * */
};

void
_atlas_records_walk_free (AtlasRecordsWalk *walk)
{
  if (walk == NULL)
    return;
  g_ptr_array_unref (walk->values);
  g_free (walk);
}

const char *
_atlas_records_walk_get_index (const AtlasRecordsWalk *walk)
{
  return walk->index;
}

/* Whether a source whose records all match a filter of years that
 * overlaps its period (levels.fyi, 2017–2021: atlas_format_get_period())
 * overlaps [@from, @to]: its rows of other years then match too, and no
 * walk of the filter's years would find them. */
static gboolean
any_period_overlaps (AtlasStore *store,
                     int         from,
                     int         to)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, "SELECT DISTINCT format FROM sources", NULL);
  gboolean overlaps = FALSE;

  if (stmt == NULL)
    return TRUE;
  while (!overlaps && sqlite3_step (stmt) == SQLITE_ROW)
    {
      int period_from = 0, period_to = 0;

      if (atlas_format_get_period ((const char *) sqlite3_column_text (stmt, 0), &period_from,
                                   &period_to))
        overlaps = period_to >= from && period_from <= to;
    }
  sqlite3_finalize (stmt);

  return overlaps;
}

AtlasRecordsWalk *
_atlas_records_walk_new (AtlasStore              *store,
                         const AtlasRecordsQuery *query)
{
  const AtlasFilter *filter = query->filter;
  guint n_regions = filter->regions != NULL ? g_strv_length (filter->regions) : 0;
  const char *index;
  AtlasRecordsWalk *walk;

  if (n_regions > 0)
    {
      if (n_regions > MAX_WALKED_GROUPS ||
          (index = _atlas_records_sort_region_index (store, query->sort)) == NULL)
        return NULL;
      walk = g_new0 (AtlasRecordsWalk, 1);
      walk->index = index;
      walk->column = "r.country";
      walk->value = "?";
      walk->values = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n_regions; i++)
        g_ptr_array_add (walk->values, g_strdup (filter->regions[i]));
      return walk;
    }

  /* Each year of a closed range of a few years. */
  if (filter->year_from <= 0 || filter->year_to < filter->year_from ||
      filter->year_to - filter->year_from >= MAX_WALKED_GROUPS ||
      (index = _atlas_records_sort_year_index (store, query->sort)) == NULL ||
      any_period_overlaps (store, filter->year_from, filter->year_to))
    return NULL;
  walk = g_new0 (AtlasRecordsWalk, 1);
  walk->index = index;
  walk->column = "r.year";
  walk->value = "CAST (? AS INTEGER)";
  walk->values = g_ptr_array_new_with_free_func (g_free);
  for (int year = filter->year_from; year <= filter->year_to; year++)
    g_ptr_array_add (walk->values, g_strdup_printf ("%d", year));
  return walk;
}

void
_atlas_records_walk_append_in (const AtlasRecordsWalk *walk,
                               GString                *sql,
                               GPtrArray              *params)
{
  g_string_append_printf (sql, " AND %s IN (", walk->column);
  for (guint i = 0; i < walk->values->len; i++)
    {
      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", walk->value);
      g_ptr_array_add (params, g_strdup (g_ptr_array_index (walk->values, i)));
    }
  g_string_append_c (sql, ')');
}

/* One part of a split page: its ids and keys in the page's order, cut
 * after @n rows; only in the group @value of @walk if not NULL. */
void
_atlas_records_append_walked_part (AtlasStore              *store,
                                   GString                 *sql,
                                   GPtrArray               *params,
                                   const AtlasRecordsQuery *query,
                                   const char              *from,
                                   const char              *key,
                                   const char              *condition,
                                   const char              *order,
                                   const AtlasRecordsWalk  *walk,
                                   const char              *value,
                                   gint64                   n)
{
  g_string_append_printf (sql, "SELECT * FROM (SELECT r.id AS page_id, %s AS page_key FROM %s",
                          key, from);
  _atlas_records_append_where (store, sql, params, query, "r");
  if (walk != NULL)
    {
      g_string_append_printf (sql, " AND %s = %s", walk->column, walk->value);
      g_ptr_array_add (params, g_strdup (value));
    }
  g_string_append_printf (sql, " AND %s ORDER BY %s LIMIT CAST (? AS INTEGER))", condition, order);
  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, n));
}

void
_atlas_records_append_walked_groups (AtlasStore              *store,
                                     GString                 *sql,
                                     GPtrArray               *params,
                                     const AtlasRecordsQuery *query,
                                     const AtlasRecordsWalk  *walk,
                                     const char              *from,
                                     const char              *key,
                                     const char              *condition,
                                     const char              *order,
                                     gint64                   n)
{
  for (guint i = 0; i < walk->values->len; i++)
    {
      if (i > 0)
        g_string_append (sql, " UNION ALL ");
      _atlas_records_append_walked_part (store, sql, params, query, from, key, condition, order,
                                         walk, g_ptr_array_index (walk->values, i), n);
    }
}

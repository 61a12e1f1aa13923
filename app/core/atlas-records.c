/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records.c: pages of records and figures, and their streamed export.
 *
 * A page is one statement with ORDER BY … LIMIT: SQLite walks the sort's
 * index and stops after the page, or keeps the best LIMIT + OFFSET rows
 * while it scans (bench/README.md).  Records, then the matching figures. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-query-private.h"
#include "atlas-records-private.h"
#include "atlas-store-private.h"

static const char * const sort_names[ATLAS_RECORDS_N_SORTS] = {
  "default", "title", "company", "country", "level", "years", "pay", "year", "source", "basis",
  "converted",
};

/* The sort key of a record, and of a figure (whose amount is its median).
 * The CASE spares the two look-ups for rows without a company: sorting 1M
 * aijobs records by company took twice the CPU time of sorting by title. */
#define COMPANY_SQL(t) \
  "(CASE WHEN " t ".company_id IS NULL THEN NULL ELSE" \
  " (SELECT display_name FROM companies WHERE id =" \
  " (SELECT canonical_id FROM company_canonical WHERE company_id = " t ".company_id)) END)"
#define LEVEL_SQL(t) ATLAS_RECORDS_LEVEL_SQL (t ".")
#define LABEL_SQL(t) ATLAS_RECORDS_LABEL_SQL (t ".")

static const char * const record_keys[ATLAS_RECORDS_N_SORTS] = {
  "r.id", "r.job_title", COMPANY_SQL ("r"), "r.country", LEVEL_SQL ("r"), "r.years_experience",
  "coalesce (" ATLAS_RECORDS_PAY_OWN_SQL ("r.") ", " ATLAS_RECORDS_PAY_RATE_SQL ("r.") ")",
  "r.year", "r.source_id", "r.kind", ATLAS_RECORDS_CONVERTED_SQL ("r."),
};

static const char * const figure_keys[ATLAS_RECORDS_N_SORTS] = {
  "f.id", LABEL_SQL ("f"), COMPANY_SQL ("f"), "f.country", LEVEL_SQL ("f"), "NULL",
  "CASE f.currency WHEN 'USD' THEN coalesce (f.median, f.mean) ELSE coalesce (f.median, f.mean) /"
  " (SELECT lcu_per_usd FROM fx_rates x WHERE x.currency = f.currency AND x.year = f.year) END",
  "f.year", "f.source_id", "f.n", ATLAS_RECORDS_CONVERTED_FIGURE_SQL ("f."),
};

const char *
atlas_records_sort_to_string (AtlasRecordsSort sort)
{
  g_return_val_if_fail (sort < ATLAS_RECORDS_N_SORTS, NULL);
  return sort_names[sort];
}

gboolean
atlas_records_sort_from_string (const char       *str,
                                AtlasRecordsSort *sort)
{
  for (guint i = 0; str != NULL && i < ATLAS_RECORDS_N_SORTS; i++)
    if (g_ascii_strcasecmp (str, sort_names[i]) == 0)
      {
        *sort = i;
        return TRUE;
      }
  return FALSE;
}

AtlasRecordsQuery *
atlas_records_query_new (const AtlasFilter *filter)
{
  AtlasRecordsQuery *self = g_new0 (AtlasRecordsQuery, 1);

  self->filter = filter != NULL ? atlas_filter_copy (filter) : atlas_filter_new ();
  return self;
}

AtlasRecordsQuery *
atlas_records_query_copy (const AtlasRecordsQuery *query)
{
  AtlasRecordsQuery *self;

  g_return_val_if_fail (query != NULL, NULL);

  self = g_memdup2 (query, sizeof *query);
  self->filter = atlas_filter_copy (query->filter);
  self->search = g_strdup (query->search);
  return self;
}

void
atlas_records_query_free (AtlasRecordsQuery *query)
{
  if (query == NULL)
    return;

  atlas_filter_free (query->filter);
  g_free (query->search);
  g_free (query);
}

AtlasFilter *
atlas_filter_for_group (const AtlasFilter *filter,
                        AtlasGroupBy       by,
                        const char        *region,
                        const char        *key)
{
  g_autoptr(AtlasFilter) narrowed = NULL;

  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  narrowed = atlas_filter_copy (filter);
  g_strfreev (narrowed->regions);
  narrowed->regions = g_strdupv ((char *[]) { (char *) region, NULL });

  switch (by)
    {
    case ATLAS_GROUP_EXPERIENCE:
      g_strfreev (narrowed->experience);
      narrowed->experience = g_strdupv ((char *[]) { (char *) key, NULL });
      break;
    case ATLAS_GROUP_COMPANY:
      g_free (narrowed->company);
      narrowed->company = g_strdup (key);
      break;
    case ATLAS_GROUP_YEAR:
      narrowed->year_from = narrowed->year_to = atoi (key);
      break;
    case ATLAS_GROUP_ROLE:
      g_free (narrowed->role);
      narrowed->role = g_strdup (key);
      break;
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      /* A band's key ("5-10", "15+") is the filter's own range syntax. */
      if (!atlas_filter_set_experience_years (narrowed, key))
        return NULL;
      break;
    case ATLAS_GROUP_REGION:
    default:
      break;
    }

  return g_steal_pointer (&narrowed);
}

/* SQL */

static char *
escape_like (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* @companies: a table of the ids of the companies whose name matches, or
 * NULL: a subquery, which SQLite runs again at every run of the statement. */
static void
append_search (GString    *sql,
               GPtrArray  *params,
               const char *prefix,
               const char *search,
               const char *companies)
{
  /* A record's label is its title; the figures' test costs a search of 1M
   * records half again as much CPU. */
  const char *label = g_str_equal (prefix, "f") ? LABEL_SQL ("f") : "r.job_title";

  if (search == NULL || *search == '\0')
    return;

  g_string_append_printf (sql, " AND (%s LIKE '%%' || ? || '%%' ESCAPE '\\'", label);
  g_ptr_array_add (params, escape_like (search));
  if (companies != NULL)
    {
      g_string_append_printf (sql, " OR %s.company_id IN %s)", prefix, companies);
      return;
    }
  g_string_append_printf (sql, " OR %s.company_id IN (SELECT id FROM companies"
                          " WHERE display_name LIKE '%%' || ? || '%%' ESCAPE '\\'))", prefix);
  g_ptr_array_add (params, escape_like (search));
}

gboolean
_atlas_records_make_search_companies (AtlasStore *store,
                                      const char *search)
{
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!atlas_store_exec (store, "CREATE TEMP TABLE IF NOT EXISTS " ATLAS_RECORDS_SEARCH_COMPANIES
                         " (id INTEGER PRIMARY KEY); DELETE FROM " ATLAS_RECORDS_SEARCH_COMPANIES,
                         NULL))
    return FALSE;
  if (search == NULL || *search == '\0')
    return TRUE;
  stmt = atlas_store_prepare (store, "INSERT INTO " ATLAS_RECORDS_SEARCH_COMPANIES " SELECT id"
                              " FROM companies WHERE display_name LIKE '%' || ? || '%' ESCAPE '\\'",
                              NULL);
  if (stmt == NULL)
    return FALSE;
  pattern = escape_like (search);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

void
_atlas_records_append_conditions (GString           *sql,
                                  GPtrArray         *params,
                                  const AtlasFilter *filter,
                                  const char        *search)
{
  _atlas_query_append_filter (sql, params, filter, "r");
  append_search (sql, params, "r", search, NULL);
}

void
_atlas_records_append_where_with (AtlasStore              *store,
                                  GString                 *sql,
                                  GPtrArray               *params,
                                  const AtlasRecordsQuery *query,
                                  const char              *prefix,
                                  const char              *companies)
{
  g_string_append (sql, " WHERE 1");
  _atlas_query_append_filter (sql, params, query->filter, prefix);
  append_search (sql, params, prefix, query->search, companies);
  if (query->excluded == ATLAS_RECORDS_WITHOUT_EXCLUDED && _atlas_records_any_exclusions (store))
    g_string_append_printf (sql, " AND %s.uid NOT IN (SELECT uid FROM curation_exclusions)", prefix);
  else if (query->excluded == ATLAS_RECORDS_ONLY_EXCLUDED)
    g_string_append_printf (sql, " AND %s.uid IN (SELECT uid FROM curation_exclusions)", prefix);
}

void
_atlas_records_append_where (AtlasStore              *store,
                             GString                 *sql,
                             GPtrArray               *params,
                             const AtlasRecordsQuery *query,
                             const char              *prefix)
{
  _atlas_records_append_where_with (store, sql, params, query, prefix, NULL);
}

#define RECORD_COLUMNS \
  "r.id, r.uid, r.kind, r.job_title, r.role_family, " COMPANY_SQL ("r") "," \
  " (SELECT display_name FROM companies WHERE id = r.company_id), r.country, r.city, r.state," \
  " r.experience, r.years_experience, r.amount, r.currency, r.amount_usd, NULL, NULL, 1, r.year," \
  " r.date, r.source_id, NULL, r.source_line, NULL," \
  " (SELECT reason FROM curation_exclusions e WHERE e.uid = r.uid), NULL," \
  " r.employment_type, r.remote_ratio, r.company_size, r.case_status, r.weight, r.company_country"

#define FIGURE_COLUMNS \
  "f.id, f.uid, 'figure', f.job_title, f.role_family, " COMPANY_SQL ("f") "," \
  " (SELECT display_name FROM companies WHERE id = f.company_id), f.country, NULL, NULL," \
  " f.experience, NULL, coalesce (f.median, f.mean), f.currency, NULL, f.p25, f.p75, f.n, f.year," \
  " f.retrieved, f.source_id, f.url, NULL, f.citation," \
  " (SELECT reason FROM curation_exclusions e WHERE e.uid = f.uid), f.licence," \
  " NULL, NULL, NULL, NULL, 1, NULL"

enum {
  COL_ID, COL_UID, COL_KIND, COL_TITLE, COL_FAMILY, COL_COMPANY, COL_COMPANY_OWN, COL_COUNTRY,
  COL_CITY, COL_STATE, COL_EXPERIENCE, COL_YEARS, COL_AMOUNT, COL_CURRENCY, COL_AMOUNT_USD,
  COL_LOW, COL_HIGH, COL_N, COL_YEAR, COL_DATE, COL_SOURCE_ID, COL_URL, COL_LINE, COL_CITATION,
  COL_REASON, COL_LICENCE, COL_EMPLOYMENT, COL_REMOTE, COL_SIZE, COL_STATUS, COL_WEIGHT,
  COL_COMPANY_COUNTRY,
};

typedef struct
{
  char *name;
  char *licence;
  char *url;
} SourceInfo;

static void
source_info_free (gpointer data)
{
  SourceInfo *info = data;

  g_free (info->name);
  g_free (info->licence);
  g_free (info->url);
  g_free (info);
}

/* Source names, licences and URLs by id: a handful per database, read once
 * per page or export rather than joined into every row.  Three columns of
 * a small table: atlas_sources_list() also counts each source's figures
 * (a scan of the figures per source, 20–70 ms a page with 163 sources). */
static GHashTable *
load_sources (AtlasStore  *store,
              GError     **error)
{
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         source_info_free);
  sqlite3_stmt *stmt = atlas_store_prepare (store, "SELECT id, name, licence, url FROM sources",
                                            error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      SourceInfo *info = g_new0 (SourceInfo, 1);

      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->licence = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->url = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_hash_table_insert (sources, g_memdup2 (&id, sizeof id), info);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading records"));
      return NULL;
    }

  return g_steal_pointer (&sources);
}

static char *
text_or_null (sqlite3_stmt *stmt,
              int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static double
double_or_nan (sqlite3_stmt *stmt,
               int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

static AtlasRecordRow *
read_row (sqlite3_stmt *stmt,
          GHashTable   *sources)
{
  AtlasRecordRow *row = g_new0 (AtlasRecordRow, 1);
  gint64 source_id = sqlite3_column_int64 (stmt, COL_SOURCE_ID);
  SourceInfo *info = g_hash_table_lookup (sources, &source_id);

  row->id = sqlite3_column_int64 (stmt, COL_ID);
  row->uid = text_or_null (stmt, COL_UID);
  row->kind = text_or_null (stmt, COL_KIND);
  row->is_figure = g_strcmp0 (row->kind, "figure") == 0;
  row->title = text_or_null (stmt, COL_TITLE);
  row->role_family = text_or_null (stmt, COL_FAMILY);
  row->company = text_or_null (stmt, COL_COMPANY);
  row->company_own = text_or_null (stmt, COL_COMPANY_OWN);
  row->country = text_or_null (stmt, COL_COUNTRY);
  row->city = text_or_null (stmt, COL_CITY);
  row->state = text_or_null (stmt, COL_STATE);
  row->experience = text_or_null (stmt, COL_EXPERIENCE);
  row->years_experience = double_or_nan (stmt, COL_YEARS);
  row->amount = double_or_nan (stmt, COL_AMOUNT);
  row->currency = text_or_null (stmt, COL_CURRENCY);
  row->amount_usd = double_or_nan (stmt, COL_AMOUNT_USD);
  row->low = double_or_nan (stmt, COL_LOW);
  row->high = double_or_nan (stmt, COL_HIGH);
  row->n = sqlite3_column_int64 (stmt, COL_N);
  row->year = sqlite3_column_int (stmt, COL_YEAR);
  row->date = text_or_null (stmt, COL_DATE);
  row->source_id = source_id;
  row->source = g_strdup (info ? info->name : NULL);
  row->licence = sqlite3_column_type (stmt, COL_LICENCE) != SQLITE_NULL
    ? text_or_null (stmt, COL_LICENCE) : g_strdup (info ? info->licence : NULL);
  row->url = sqlite3_column_type (stmt, COL_URL) != SQLITE_NULL
    ? text_or_null (stmt, COL_URL) : g_strdup (info ? info->url : NULL);
  row->source_line = sqlite3_column_int64 (stmt, COL_LINE);
  row->citation = text_or_null (stmt, COL_CITATION);
  row->excluded_reason = text_or_null (stmt, COL_REASON);
  row->employment_type = text_or_null (stmt, COL_EMPLOYMENT);
  row->remote_ratio = sqlite3_column_type (stmt, COL_REMOTE) == SQLITE_NULL
    ? -1 : sqlite3_column_int (stmt, COL_REMOTE);
  row->company_size = text_or_null (stmt, COL_SIZE);
  row->case_status = text_or_null (stmt, COL_STATUS);
  row->weight = sqlite3_column_int64 (stmt, COL_WEIGHT);
  row->company_country = text_or_null (stmt, COL_COMPANY_COUNTRY);

  return row;
}

static sqlite3_stmt *
prepare (AtlasStore  *store,
         GString     *sql,
         GPtrArray   *params,
         GError     **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql->str, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_TRANSIENT);
  return stmt;
}

static gint64
count_table (AtlasStore              *store,
             const AtlasRecordsQuery *query,
             gboolean                 figures,
             GError                 **error)
{
  g_autoptr(GString) sql = g_string_new (figures ? "SELECT count(*) FROM figures f"
                                                 : "SELECT count(*) FROM records r");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  AtlasQueryRead read = ATLAS_QUERY_READ_RECORDS;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  /* Without a search, the statistics' cells count the records: a sum over
   * the cells of the filter's regions instead of a scan of every record. */
  if (!figures && (query->search == NULL || *query->search == '\0'))
    read = _atlas_query_choose_read (store, query->filter, ATLAS_GROUP_REGION);
  if (read != ATLAS_QUERY_READ_RECORDS)
    {
      g_string_assign (sql, read == ATLAS_QUERY_READ_CELLS ? "SELECT coalesce (sum (n), 0) FROM record_cells r"
                                                           : "SELECT coalesce (sum (n), 0) FROM record_cells_coarse r");
      g_string_append (sql, " WHERE 1");
      _atlas_query_append_filter (sql, params, query->filter, "r");
      if (query->excluded == ATLAS_RECORDS_WITHOUT_EXCLUDED)
        g_string_append (sql, " AND NOT r.excluded");
      else if (query->excluded == ATLAS_RECORDS_ONLY_EXCLUDED)
        g_string_append (sql, " AND r.excluded");
    }
  else if (!figures && _atlas_records_scan_is_cheaper (store, query))
    g_string_append (sql, " NOT INDEXED");
  if (read == ATLAS_QUERY_READ_RECORDS)
    _atlas_records_append_where (store, sql, params, query, figures ? "f" : "r");
  stmt = prepare (store, sql, params, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    atlas_store_set_error (store, error, _("counting records"));
  sqlite3_finalize (stmt);

  return n;
}

gboolean
atlas_records_count (AtlasStore              *store,
                     const AtlasRecordsQuery *query,
                     gint64                  *n_records,
                     gint64                  *n_figures,
                     GError                 **error)
{
  gint64 records, figures = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  records = count_table (store, query, FALSE, error);
  if (records < 0)
    return FALSE;
  if (query->with_figures && (figures = count_table (store, query, TRUE, error)) < 0)
    return FALSE;

  if (n_records != NULL)
    *n_records = records;
  if (n_figures != NULL)
    *n_figures = figures;
  return TRUE;
}

/* The sort keys that come from a NOT NULL column of the row, so that the
 * row before a page says where the page starts. */
static gboolean
keyset_possible (AtlasRecordsSort sort)
{
  return sort == ATLAS_RECORDS_SORT_DEFAULT || sort == ATLAS_RECORDS_SORT_TITLE ||
         sort == ATLAS_RECORDS_SORT_COUNTRY || sort == ATLAS_RECORDS_SORT_YEAR ||
         sort == ATLAS_RECORDS_SORT_SOURCE || sort == ATLAS_RECORDS_SORT_BASIS;
}

static char *
keyset_value (AtlasRecordsSort      sort,
              const AtlasRecordRow *after)
{
  switch (sort)
    {
    case ATLAS_RECORDS_SORT_DEFAULT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, after->id);
    case ATLAS_RECORDS_SORT_TITLE:
      return g_strdup (after->title);
    case ATLAS_RECORDS_SORT_COUNTRY:
      return g_strdup (after->country);
    case ATLAS_RECORDS_SORT_YEAR:
      return g_strdup_printf ("%d", after->year);
    case ATLAS_RECORDS_SORT_SOURCE:
      return g_strdup_printf ("%" G_GINT64_FORMAT, after->source_id);
    case ATLAS_RECORDS_SORT_BASIS:
      return g_strdup (after->kind);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Whether a page of @query sorted by a column walks each of its few
 * regions or years apart through the sort's index led by the country or
 * the year (atlas-records-walk.c): the sort's own index, walked from its
 * end, reads the rows of every other country first where the regions'
 * rows are rare (level descending for India at 10M records: 161 ms of
 * CPU), or of every other year (title descending for 2022–2023 at 1M:
 * 167–188 ms). */
static gboolean
walks_groups (AtlasStore              *store,
              const AtlasRecordsQuery *query)
{
  g_autoptr(AtlasRecordsWalk) walk = NULL;

  if (query->sort != ATLAS_RECORDS_SORT_TITLE && query->sort != ATLAS_RECORDS_SORT_LEVEL &&
      query->sort != ATLAS_RECORDS_SORT_YEARS)
    return FALSE;
  walk = _atlas_records_walk_new (store, query);
  return walk != NULL && _atlas_records_sort_selects_many (store, query);
}

/* The ids and keys of a page of records sorted by pay or company, whose
 * keys no plain index holds, as parts walked in their order and cut after
 * @offset + @limit rows, and (pay) one read whole and sorted with them.
 * Pay: the rows that carry their own USD value, by its index (in each
 * region of the filter apart, by the index led by the country); then
 * those that need the year's rate (none in the aijobs.net file).  Company:
 * the rows with a company, company by company in the order of their names
 * (temp.records_company_order) through the index of company ids (or of
 * country and company: then only the filter's regions' rows); then those
 * without one (all of the aijobs.net file) by rowid.  Either way the page
 * costs the rows before it (and the pay part that needs a rate), not a
 * sort of every row. */
static void
append_split_page (AtlasStore              *store,
                   GString                 *sql,
                   GPtrArray               *params,
                   const AtlasRecordsQuery *query,
                   gint64                   offset,
                   gint64                   limit)
{
  const char *dir = query->descending ? "DESC" : "ASC";
  g_autofree char *order = g_strdup_printf ("r.id %s", dir);
  gboolean many = _atlas_records_sort_selects_many (store, query);
  g_autoptr(AtlasRecordsWalk) walk = many ? _atlas_records_walk_new (store, query) : NULL;
  const char *by_group = walk != NULL ? _atlas_records_walk_get_index (walk) : NULL;
  gint64 n = offset + limit;

  if (query->sort != ATLAS_RECORDS_SORT_PAY && query->sort != ATLAS_RECORDS_SORT_COMPANY)
    {
      /* A column's sort under a few regions or years (walks_groups()). */
      g_autofree char *from = g_strdup_printf ("records r INDEXED BY %s", by_group);
      g_autofree char *key_order = g_strdup_printf ("%s %s NULLS LAST, r.id %s",
                                                    record_keys[query->sort], dir, dir);

      _atlas_records_append_walked_groups (store, sql, params, query, walk, from,
                                           record_keys[query->sort], "1", key_order, n);
    }
  else if (query->sort == ATLAS_RECORDS_SORT_PAY)
    {
      g_autofree char *pay_order = g_strdup_printf ("%s %s, r.id %s", ATLAS_RECORDS_PAY_OWN_SQL ("r."),
                                                    dir, dir);
      const char *own = _atlas_records_sort_walk_index (store, query);
      g_autofree char *from = g_strdup_printf ("records r INDEXED BY %s", by_group);

      /* (Pay has no index led by the year: only regions.) */
      if (by_group != NULL)
        _atlas_records_append_walked_groups (store, sql, params, query, walk, from,
                                             ATLAS_RECORDS_PAY_OWN_SQL ("r."),
                                             ATLAS_RECORDS_PAY_OWN_SQL ("r.") " IS NOT NULL",
                                             pay_order, n);
      else
        /* The planner, left alone, reads both parts through a filter's
         * index. */
        _atlas_records_append_walked_part (store, sql, params, query,
                                           own != NULL ? "records r INDEXED BY records_sort_pay"
                                           : "records r",
                                           ATLAS_RECORDS_PAY_OWN_SQL ("r."),
                                           ATLAS_RECORDS_PAY_OWN_SQL ("r.") " IS NOT NULL",
                                           pay_order, NULL, NULL, n);
      g_string_append_printf (sql, " UNION ALL SELECT r.id, %s FROM records r%s",
                              ATLAS_RECORDS_PAY_RATE_SQL ("r."),
                              by_group != NULL ? from + strlen ("records r")
                              : own != NULL ? " INDEXED BY records_sort_pay" : "");
      _atlas_records_append_where (store, sql, params, query, "r");
      g_string_append (sql, " AND " ATLAS_RECORDS_PAY_OWN_SQL ("r.") " IS NULL");
    }
  else if (many && _atlas_records_company_order (store))
    {
      g_autoptr(GString) from = g_string_new (NULL);
      g_autofree char *rank_order = g_strdup_printf ("o.rank %s, r.id %s", dir, dir);

      /* Each company's rows of the filter's regions or years: the index's
       * first column by IN, its second by the company, which a range of
       * years would not let SQLite do. */
      g_string_printf (from, "temp.records_company_order o CROSS JOIN records r INDEXED BY %s"
                       " ON r.company_id = o.company_id",
                       by_group != NULL ? by_group : "records_by_company");
      if (walk != NULL)
        _atlas_records_walk_append_in (walk, from, params);
      _atlas_records_append_walked_part (store, sql, params, query, from->str, "o.rank", "1",
                                         rank_order, NULL, NULL, n);
      g_string_append (sql, " UNION ALL ");
      if (walk != NULL)
        {
          g_string_printf (from, "records r INDEXED BY %s", by_group);
          _atlas_records_append_walked_groups (store, sql, params, query, walk, from->str, "NULL",
                                               "r.company_id IS NULL", order, n);
        }
      else
        _atlas_records_append_walked_part (store, sql, params, query, "records r NOT INDEXED",
                                           "NULL", "r.company_id IS NULL", order, NULL, NULL, n);
    }
  else
    {
      /* Few rows: SQLite reads them through the filter's index and sorts
       * those with a company by name. */
      _atlas_records_append_walked_part (store, sql, params, query, "records r", "NULL",
                                         "r.company_id IS NULL", order, NULL, NULL, n);
      g_string_append_printf (sql, " UNION ALL SELECT r.id, %s FROM records r", COMPANY_SQL ("r"));
      _atlas_records_append_where (store, sql, params, query, "r");
      g_string_append (sql, " AND r.company_id IS NOT NULL");
    }

  g_string_append_printf (sql, " ORDER BY page_key %s NULLS LAST, page_id %s"
                          " LIMIT CAST (? AS INTEGER) OFFSET CAST (? AS INTEGER)", dir, dir);
  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, limit));
  g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, offset));
}

/* One table's statement: @offset rows skipped, or those up to @after.
 * A page picks its ids and sort keys first and computes the columns (a few
 * look-ups each) only for its own rows: SQLite's sorter would otherwise
 * compute them for every row it considers. */
static sqlite3_stmt *
prepare_rows (AtlasStore              *store,
              const AtlasRecordsQuery *query,
              gboolean                 figures,
              gint64                   offset,
              gint64                   limit,
              const AtlasRecordRow    *after,
              GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AtlasRecordsQuery) walked = NULL;
  const char *prefix = figures ? "f" : "r";
  const char *table = figures ? "figures" : "records";
  const char *walk = NULL;
  g_autofree char *merged = NULL;
  const char *key;
  const char *dir = query->descending ? "DESC" : "ASC";
  gboolean numeric_key = query->sort == ATLAS_RECORDS_SORT_DEFAULT ||
                         query->sort == ATLAS_RECORDS_SORT_YEAR ||
                         query->sort == ATLAS_RECORDS_SORT_SOURCE;

  /* The converted pay in USD is the pay sort; in the other modes a key
   * of this connection's (atlas-records-convert.c). */
  if (atlas_records_query_walked_sort (query) != query->sort)
    {
      walked = atlas_records_query_copy (query);
      walked->sort = atlas_records_query_walked_sort (query);
      query = walked;
    }
  else if (query->sort == ATLAS_RECORDS_SORT_CONVERTED &&
           !_atlas_records_convert_prepare (store, query->mode, error))
    return NULL;
  key = figures ? figure_keys[query->sort] : record_keys[query->sort];
  /* In local currency and PPP, a merge of walks (atlas-records-merge.c):
   * from the row before the page, else from the first row. */
  if (limit >= 0 && !figures && query->sort == ATLAS_RECORDS_SORT_CONVERTED &&
      (merged = _atlas_records_converted_merge (store, query, after,
                                                after != NULL ? limit : offset + limit)) != NULL)
    {
      g_string_append_printf (sql, "%s FROM json_each (?) j CROSS JOIN records r ON r.id = j.value"
                              " ORDER BY j.key LIMIT -1 OFFSET CAST (? AS INTEGER)", RECORD_COLUMNS);
      g_ptr_array_add (params, g_steal_pointer (&merged));
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, after != NULL ? 0 : offset));
      return prepare (store, sql, params, error);
    }
  /* Otherwise only keys that are columns start from the row before. */
  if (after != NULL && !keyset_possible (query->sort))
    after = NULL;
  if (after != NULL)
    offset = 0;

  /* Rows without a key go last in either direction; the id breaks ties so
   * that pages neither repeat nor skip rows. */
  if (query->sort == ATLAS_RECORDS_SORT_DEFAULT)
    g_string_append_printf (order, " ORDER BY %s.id %s", prefix, dir);
  else
    g_string_append_printf (order, " ORDER BY %s %s NULLS LAST, %s.id %s", key, dir, prefix, dir);

  if (limit >= 0 && !figures && after == NULL &&
      (query->sort == ATLAS_RECORDS_SORT_PAY || query->sort == ATLAS_RECORDS_SORT_COMPANY ||
       walks_groups (store, query)))
    {
      g_string_append_printf (sql, "%s FROM (", RECORD_COLUMNS);
      append_split_page (store, sql, params, query, offset, limit);
      g_string_append_printf (sql, ") page JOIN records r ON r.id = page.page_id"
                              " ORDER BY page.page_key %s NULLS LAST, r.id %s", dir, dir);
      return prepare (store, sql, params, error);
    }

  if (limit >= 0)
    {
      walk = figures ? NULL : _atlas_records_sort_walk_index (store, query);
      g_string_append_printf (sql, "%s FROM (SELECT %s.id AS page_id, %s AS page_key FROM %s %s",
                              figures ? FIGURE_COLUMNS : RECORD_COLUMNS, prefix, key, table, prefix);
      if (walk != NULL)
        g_string_append_printf (sql, " INDEXED BY %s", walk);
    }
  else
    g_string_append_printf (sql, "%s FROM %s %s", figures ? FIGURE_COLUMNS : RECORD_COLUMNS,
                            table, prefix);
  if (walk == NULL && !figures && _atlas_records_scan_is_cheaper (store, query))
    g_string_append (sql, " NOT INDEXED");
  _atlas_records_append_where (store, sql, params, query, prefix);

  if (after != NULL)
    {
      const char *cmp = query->descending ? "<" : ">";
      const char *cast = numeric_key ? "CAST (? AS INTEGER)" : "?";

      /* A row value, which SQLite compares through the index; an OR of
       * the two cases is not a range and scans.  The import order is the
       * rowid alone. */
      if (query->sort == ATLAS_RECORDS_SORT_DEFAULT)
        g_string_append_printf (sql, " AND %s.id %s CAST (? AS INTEGER)", prefix, cmp);
      else
        {
          g_string_append_printf (sql, " AND (%s, %s.id) %s (%s, CAST (? AS INTEGER))",
                                  key, prefix, cmp, cast);
          g_ptr_array_add (params, keyset_value (query->sort, after));
        }
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, after->id));
    }

  g_string_append (sql, order->str);

  if (limit >= 0)
    {
      g_string_append (sql, " LIMIT CAST (? AS INTEGER) OFFSET CAST (? AS INTEGER)");
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, limit));
      g_ptr_array_add (params, g_strdup_printf ("%" G_GINT64_FORMAT, offset));
      /* The page's rows, in the page's order. */
      g_string_append_printf (sql, ") page JOIN %s %s ON %s.id = page.page_id"
                              " ORDER BY page.page_key %s NULLS LAST, %s.id %s",
                              table, prefix, prefix, dir, prefix, dir);
    }

  return prepare (store, sql, params, error);
}

static gboolean
read_rows (AtlasStore    *store,
           sqlite3_stmt  *stmt,
           GHashTable    *sources,
           GPtrArray     *rows,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt, sources));
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading records"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
atlas_records_page (AtlasStore              *store,
                    const AtlasRecordsQuery *query,
                    gint64                   offset,
                    guint                    limit,
                    const AtlasRecordRow    *after,
                    GError                 **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_record_row_free);
  g_autoptr(GHashTable) sources = NULL;
  sqlite3_stmt *stmt;
  gint64 n_records = -1;
  gboolean ok;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (offset >= 0, NULL);

  sources = load_sources (store, error);
  if (sources == NULL)
    return NULL;

  /* The keyset start only applies within one table and to keys that are
   * columns or merged (the converted pay); otherwise the offset. */
  if (after != NULL && (after->is_figure || !(keyset_possible (query->sort) ||
                                              query->sort == ATLAS_RECORDS_SORT_CONVERTED)))
    after = NULL;

  stmt = prepare_rows (store, query, FALSE, offset, limit, after, error);
  if (stmt == NULL)
    return NULL;
  ok = read_rows (store, stmt, sources, rows, error);
  sqlite3_finalize (stmt);
  if (!ok)
    return NULL;

  if (!query->with_figures || rows->len == limit)
    return g_steal_pointer (&rows);

  /* The page reaches past the records: the figures follow. */
  n_records = count_table (store, query, FALSE, error);
  if (n_records < 0)
    return NULL;

  stmt = prepare_rows (store, query, TRUE, MAX (0, offset - n_records), limit - rows->len, NULL,
                       error);
  if (stmt == NULL)
    return NULL;
  ok = read_rows (store, stmt, sources, rows, error);
  sqlite3_finalize (stmt);

  return ok ? g_steal_pointer (&rows) : NULL;
}

AtlasRecordRow *
atlas_records_get (AtlasStore  *store,
                   const char  *uid,
                   GError     **error)
{
  g_autoptr(GHashTable) sources = NULL;
  static const char * const sql[] = {
    "SELECT " FIGURE_COLUMNS " FROM figures f WHERE f.uid = ?",
    "SELECT " RECORD_COLUMNS " FROM records r WHERE r.uid = ?",
  };

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  sources = load_sources (store, error);
  if (sources == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = atlas_store_prepare (store, sql[i], error);
      AtlasRecordRow *row = NULL;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        row = read_row (stmt, sources);
      sqlite3_finalize (stmt);
      if (row != NULL)
        return row;
    }

  return NULL;
}

gint64
atlas_records_foreach (AtlasStore              *store,
                       const AtlasRecordsQuery *query,
                       gint64                   limit,
                       AtlasRecordsFunc         func,
                       gpointer                 user_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(GHashTable) sources = NULL;
  gint64 n = 0;

  g_return_val_if_fail (store != NULL, -1);
  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail (func != NULL, -1);

  sources = load_sources (store, error);
  if (sources == NULL)
    return -1;

  for (guint table = 0; table < (query->with_figures ? 2 : 1); table++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (limit >= 0 && n >= limit)
        break;
      stmt = prepare_rows (store, query, table == 1, 0, limit >= 0 ? limit - n : -1, NULL, error);
      if (stmt == NULL)
        return -1;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(AtlasRecordRow) row = read_row (stmt, sources);

          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !func (row, user_data, error))
            {
              sqlite3_finalize (stmt);
              return -1;
            }
          n++;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          atlas_store_set_error (store, error, _("reading records"));
          return -1;
        }
    }

  return n;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-sort.c: the indexes the sorts of the Records page walk.
 *
 * With an index in its order, the first page of a sort reads its 100 rows
 * and stops; without one SQLite reads every matching row (0.1–0.3 s of CPU
 * at 1M records, bench/README.md).  But every index costs every import a
 * B-tree insertion per row (+56 % CPU for the title and year indexes), so
 * these are made on demand, the first time the window sorts by a column
 * (on a worker: a few seconds at 10M records), and every import drops them
 * in its transaction, so that no import maintains them.  They are indexes
 * by name, made with IF NOT EXISTS: no migration, and an older build just
 * ignores them.  SQLite keeps them up to date through every other write. */

#include "config.h"

#include "atlas-records-private.h"
#include "atlas-store-private.h"

/* Rows without a key sort last in either direction: an index holds NULLs
 * first, and SQLite walks it as the non-NULL range and then the NULLs for
 * ASC NULLS LAST.  Pay and company have a second index led by the country,
 * for a filter of a few regions: walking the sort's own index from its
 * top reads every row of the other countries first when the region's rows
 * sit at the other end (Indian pay, descending, at 10M records: 2.7 s of
 * CPU); walking each region's part of it reads the page's rows.  So do
 * title, level and years (India by level descending at 10M: 161 ms). */
static const struct
{
  const char *name;
  const char *columns;
  const char *region_name;
  const char *region_columns;
  /* Led by the year, for a filter of a few years (records15): the rows
   * with a company or years of experience are levels.fyi's and H-1B's,
   * none of 2022–2023, so the sort's own index, walked for that filter,
   * read all of them first (by company at 10M records: 3.7 s of CPU). */
  const char *year_name;
  const char *year_columns;
} sort_indexes[ATLAS_RECORDS_N_SORTS] = {
  [ATLAS_RECORDS_SORT_TITLE] = { "records_sort_title", "job_title",
                                 "records_sort_title_country", "country, job_title",
                                 "records_sort_title_year", "year, job_title" },
  /* By name after merges: the rows of each company in the order of its
   * name (_atlas_records_company_order()), through this index of the
   * schema; rows without a company (all of the aijobs.net file) come last
   * by rowid. */
  [ATLAS_RECORDS_SORT_COMPANY] = { "records_by_company", NULL,
                                   "records_sort_company_country", "country, company_id",
                                   "records_sort_company_year", "year, company_id" },
  [ATLAS_RECORDS_SORT_COUNTRY] = { "records_sort_country", "country" },
  [ATLAS_RECORDS_SORT_LEVEL] = { "records_sort_level", ATLAS_RECORDS_LEVEL_SQL (""),
                                 "records_sort_level_country", "country, " ATLAS_RECORDS_LEVEL_SQL (""),
                                 "records_sort_level_year", "year, " ATLAS_RECORDS_LEVEL_SQL ("") },
  [ATLAS_RECORDS_SORT_YEARS] = { "records_sort_years", "years_experience",
                                 "records_sort_years_country", "country, years_experience",
                                 "records_sort_years_year", "year, years_experience" },
  /* The rows whose USD value needs a rate have NULL here and are sorted
   * apart (atlas-records.c). */
  [ATLAS_RECORDS_SORT_PAY] = { "records_sort_pay", ATLAS_RECORDS_PAY_OWN_SQL (""),
                               "records_sort_pay_country", "country, " ATLAS_RECORDS_PAY_OWN_SQL ("") },
  [ATLAS_RECORDS_SORT_YEAR] = { "records_sort_year", "year" },
  [ATLAS_RECORDS_SORT_SOURCE] = { "records_by_source", NULL },
  [ATLAS_RECORDS_SORT_BASIS] = { "records_sort_basis", "kind" },
};

/* The converted-pay sort in local currency and PPP merges walks of each
 * (country, year, currency) of records (atlas-records-merge.c), by amount
 * or by USD value: three partial indexes, together the size of two. */
static const struct
{
  const char *name;
  const char *definition;
} converted_indexes[] = {
  { ATLAS_RECORDS_CONVERTED_LOCAL_INDEX, "(country, year, currency, amount) WHERE amount_usd IS NULL" },
  { ATLAS_RECORDS_CONVERTED_OWN_INDEX,
    "(country, year, currency, amount) WHERE amount_usd IS NOT NULL" },
  { ATLAS_RECORDS_CONVERTED_USD_INDEX,
    "(country, year, currency, amount_usd) WHERE amount_usd IS NOT NULL" },
};

const char *
_atlas_records_sort_index_name (AtlasRecordsSort sort)
{
  g_return_val_if_fail (sort < ATLAS_RECORDS_N_SORTS, NULL);

  return sort_indexes[sort].name;
}

gboolean
_atlas_records_index_exists (AtlasStore *store,
                             const char *name)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = atlas_store_prepare (store, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                              NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

const char *
_atlas_records_sort_region_index (AtlasStore       *store,
                                  AtlasRecordsSort  sort)
{
  const char *name = sort_indexes[sort].region_name;

  return name != NULL && _atlas_records_index_exists (store, name) ? name : NULL;
}

const char *
_atlas_records_sort_year_index (AtlasStore       *store,
                                AtlasRecordsSort  sort)
{
  const char *name = sort_indexes[sort].year_name;

  return name != NULL && _atlas_records_index_exists (store, name) ? name : NULL;
}

gboolean
atlas_records_sort_has_index (AtlasStore       *store,
                              AtlasRecordsSort  sort)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (sort < ATLAS_RECORDS_N_SORTS, FALSE);

  if (sort_indexes[sort].columns != NULL &&
      !_atlas_records_index_exists (store, sort_indexes[sort].name))
    return FALSE;
  if (sort == ATLAS_RECORDS_SORT_CONVERTED)
    for (guint i = 0; i < G_N_ELEMENTS (converted_indexes); i++)
      if (!_atlas_records_index_exists (store, converted_indexes[i].name))
        return FALSE;
  return (sort_indexes[sort].region_columns == NULL ||
          _atlas_records_index_exists (store, sort_indexes[sort].region_name)) &&
         (sort_indexes[sort].year_columns == NULL ||
          _atlas_records_index_exists (store, sort_indexes[sort].year_name));
}

/* @definition: "(columns) [WHERE …]". */
static gboolean
make_index_sql (AtlasStore  *store,
                const char  *name,
                const char  *definition,
                GError     **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  sql = g_strdup_printf ("CREATE INDEX IF NOT EXISTS %s ON records %s", name, definition);
  /* It holds the database for seconds at 10M records: a curation action
   * meanwhile waits for it instead of failing as busy. */
  _atlas_store_long_write_begin ();
  ok = atlas_store_exec (store, sql, error);
  _atlas_store_long_write_end ();

  return ok;
}

static gboolean
make_index (AtlasStore  *store,
            const char  *name,
            const char  *columns,
            GError     **error)
{
  g_autofree char *definition = NULL;

  /* The import order and the indexes of the schema need nothing. */
  if (columns == NULL)
    return TRUE;
  definition = g_strdup_printf ("(%s)", columns);
  return make_index_sql (store, name, definition, error);
}

gboolean
atlas_records_sort_make_index (AtlasStore        *store,
                               AtlasRecordsSort   sort,
                               GError           **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (sort < ATLAS_RECORDS_N_SORTS, FALSE);

  if (sort == ATLAS_RECORDS_SORT_CONVERTED)
    for (guint i = 0; i < G_N_ELEMENTS (converted_indexes); i++)
      if (!make_index_sql (store, converted_indexes[i].name, converted_indexes[i].definition, error))
        return FALSE;
  return make_index (store, sort_indexes[sort].name, sort_indexes[sort].columns, error) &&
         make_index (store, sort_indexes[sort].region_name, sort_indexes[sort].region_columns,
                     error) &&
         make_index (store, sort_indexes[sort].year_name, sort_indexes[sort].year_columns, error);
}

gboolean
_atlas_records_sort_drop_indexes (AtlasStore  *store,
                                  GError     **error)
{
  for (guint i = 0; i < 3 * ATLAS_RECORDS_N_SORTS; i++)
    {
      guint sort = i / 3;
      const char *name = i % 3 == 0 ? sort_indexes[sort].name
                         : i % 3 == 1 ? sort_indexes[sort].region_name : sort_indexes[sort].year_name;
      const char *columns = i % 3 == 0 ? sort_indexes[sort].columns
                            : i % 3 == 1 ? sort_indexes[sort].region_columns
                            : sort_indexes[sort].year_columns;
      g_autofree char *sql = NULL;

      if (columns == NULL)
        continue;
      sql = g_strdup_printf ("DROP INDEX IF EXISTS %s", name);
      if (!atlas_store_exec (store, sql, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (converted_indexes); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX IF EXISTS %s", converted_indexes[i].name);

      if (!atlas_store_exec (store, sql, error))
        return FALSE;
    }

  return TRUE;
}

/* Whether the user excluded anything: the test of every row against the
 * exclusions needs the row's uid, which no sort index holds, so without
 * exclusions a page deep in a sort walks only its index (by title at row
 * 520,000 of 1M: 0.53 s of CPU with the test, bench/README.md). */
gboolean
_atlas_records_any_exclusions (AtlasStore *store)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM curation_exclusions)",
                                            NULL);
  gboolean any = TRUE;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return any;
}


/* An upper bound of the records @query selects, and the number of all
 * records, from the per-source counts of record_facets (a few hundred rows):
 * the least of the counts of its regions, its role family and its years. */
static gboolean
estimate_rows (AtlasStore              *store,
               const AtlasRecordsQuery *query,
               gint64                  *selected,
               gint64                  *total)
{
  const AtlasFilter *filter = query->filter;
  g_autoptr(GString) sql = g_string_new ("SELECT (SELECT sum (n) FROM record_facets WHERE facet = 1)");
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  gboolean ok;

  if (filter->regions != NULL && filter->regions[0] != NULL)
    {
      g_string_append (sql, ", (SELECT sum (n) FROM record_facets WHERE facet = 1 AND value IN (");
      for (guint i = 0; filter->regions[i] != NULL; i++)
        {
          g_string_append (sql, i > 0 ? ", ?" : "?");
          g_ptr_array_add (params, filter->regions[i]);
        }
      g_string_append (sql, "))");
    }
  if (filter->role != NULL)
    {
      g_string_append (sql, ", (SELECT sum (n) FROM record_facets WHERE facet = 0 AND value = ?)");
      g_ptr_array_add (params, filter->role);
    }
  if (filter->year_from > 0 || filter->year_to > 0)
    g_string_append_printf (sql, ", (SELECT sum (n) FROM record_facets WHERE facet = 2"
                            " AND value BETWEEN %d AND %d)",
                            filter->year_from, filter->year_to > 0 ? filter->year_to : G_MAXINT);

  stmt = atlas_store_prepare (store, sql->str, NULL);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      *total = *selected = sqlite3_column_int64 (stmt, 0);
      for (int i = 1; i < sqlite3_column_count (stmt); i++)
        *selected = MIN (*selected, sqlite3_column_int64 (stmt, i));
    }
  sqlite3_finalize (stmt);

  return ok;
}

gboolean
_atlas_records_sort_selects_many (AtlasStore              *store,
                                  const AtlasRecordsQuery *query)
{
  gint64 selected = 0, total = 0;

  if (!estimate_rows (store, query, &selected, &total))
    return FALSE;

  /* Walking an index in the sort order until a page of matching rows is
   * found reads about 100 × total / selected rows; the other plan reads the
   * selected rows (through an index of the filter, at best) and sorts
   * them.  SQLite itself, without statistics, takes any index of an
   * equality (a country index for "region US", 80 % of the rows) and
   * sorts: 0.2 s at 1M. */
  return selected * selected >= 100 * total;
}

gboolean
_atlas_records_scan_is_cheaper (AtlasStore              *store,
                                const AtlasRecordsQuery *query)
{
  const AtlasFilter *filter = query->filter;
  gint64 selected = 0, total = 0;

  if ((filter->regions == NULL || filter->regions[0] == NULL) && filter->role == NULL &&
      filter->year_from <= 0 && filter->year_to <= 0)
    return FALSE;
  if (!estimate_rows (store, query, &selected, &total))
    return FALSE;

  /* A row found through an index costs a look-up in the table, about 25
   * times a row read in order: "region US" (80 % of 1M records) with a
   * title took 4.6 s of CPU through an index led by the country, 0.2 s
   * as a scan (bench/README.md, records12). */
  return selected * 25 >= total;
}

const char *
_atlas_records_sort_walk_index (AtlasStore              *store,
                                const AtlasRecordsQuery *query)
{
  const char *name = sort_indexes[query->sort].name;

  /* The company index holds ids, not names. */
  if (name == NULL || query->sort == ATLAS_RECORDS_SORT_COMPANY ||
      !atlas_records_sort_has_index (store, query->sort) ||
      !_atlas_records_sort_selects_many (store, query))
    return NULL;
  return name;
}

/* The fingerprint of what the order was made from: PRAGMA data_version
 * moves with every commit of another connection, the total of changes
 * with every write of this one (the order's own included). */
static gboolean
read_versions (sqlite3 *db,
               gint64  *data_version)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
company_order_is_current (sqlite3 *db,
                          gint64   data_version)
{
  sqlite3_stmt *stmt = NULL;
  gboolean current;

  /* No table yet: a first sort by company on this connection. */
  if (sqlite3_prepare_v2 (db, "SELECT data_version, changes FROM temp.records_company_order_made",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  current = sqlite3_step (stmt) == SQLITE_ROW &&
            sqlite3_column_int64 (stmt, 0) == data_version &&
            sqlite3_column_int64 (stmt, 1) == sqlite3_total_changes64 (db);
  sqlite3_finalize (stmt);
  return current;
}

gboolean
_atlas_records_company_order (AtlasStore *store)
{
  sqlite3 *db = atlas_store_get_db (store);
  sqlite3_stmt *stmt;
  gint64 data_version = 0;
  gboolean ok;

  if (!read_versions (db, &data_version))
    return FALSE;
  if (company_order_is_current (db, data_version))
    return TRUE;

  /* A rank per name, as the sort compares names: companies merged into
   * one, or two with the same name, share it, and their rows then follow
   * their rowids.  In memory (temp_store), a few milliseconds for 2,000
   * companies. */
  if (!atlas_store_exec (store,
                         "CREATE TEMP TABLE IF NOT EXISTS records_company_order ("
                         " rank INTEGER NOT NULL, company_id INTEGER NOT NULL,"
                         " PRIMARY KEY (rank, company_id)) WITHOUT ROWID;"
                         "CREATE TEMP TABLE IF NOT EXISTS records_company_order_made ("
                         " data_version INTEGER NOT NULL, changes INTEGER NOT NULL);"
                         "DELETE FROM temp.records_company_order;"
                         "DELETE FROM temp.records_company_order_made;"
                         "INSERT INTO temp.records_company_order"
                         " SELECT dense_rank () OVER (ORDER BY c.display_name), cc.company_id"
                         " FROM company_canonical cc JOIN companies c ON c.id = cc.canonical_id",
                         NULL))
    return FALSE;

  stmt = atlas_store_prepare (store, "INSERT INTO temp.records_company_order_made VALUES (?, ?)",
                              NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data_version);
  /* This insert is one change more. */
  sqlite3_bind_int64 (stmt, 2, sqlite3_total_changes64 (db) + 1);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);

  return ok;
}

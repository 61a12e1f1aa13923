/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-private.h: sort keys shared by the pages (atlas-records.c)
 * and the indexes made for them (atlas-records-sort.c).  An expression
 * index serves a query only when the query writes the same expression, so
 * both take it from here. */
#pragma once

#include "atlas-records.h"

G_BEGIN_DECLS

#define ATLAS_RECORDS_LEVEL_SQL(t) \
  "(CASE " t "experience WHEN 'EN' THEN 0 WHEN 'MI' THEN 1 WHEN 'SE' THEN 2 WHEN 'EX' THEN 3 END)"

/* What a row is called (atlas_record_row_get_label()): its title, else the
 * role family a published aggregate stands for.  Records always have a
 * title (the column is NOT NULL and the import validator requires one), so
 * their title sort walks the index of titles. */
#define ATLAS_RECORDS_LABEL_SQL(t) "coalesce (nullif (" t "job_title, ''), " t "role_family)"

/* Pay in USD where the row itself says it (its source's own USD value, or
 * an amount in USD): indexable, no rate needed.  NULL for the other rows,
 * whose key needs the year's rate (ATLAS_RECORDS_PAY_RATE_SQL). */
#define ATLAS_RECORDS_PAY_OWN_SQL(t) \
  "(coalesce (" t "amount_usd, CASE " t "currency WHEN 'USD' THEN " t "amount END))"
#define ATLAS_RECORDS_PAY_RATE_SQL(t) \
  "(" t "amount / (SELECT lcu_per_usd FROM fx_rates x WHERE x.currency = " t "currency" \
  " AND x.year = " t "year))"

/* The key of the converted-pay sort in modes other than USD: the SQL
 * function atlas_pay_in_mode() of the connection, made current for @mode
 * by _atlas_records_convert_prepare() before each statement that uses it. */
#define ATLAS_RECORDS_CONVERTED_SQL(t) \
  "atlas_pay_in_mode (" t "country, " t "year, " t "amount, " t "currency, " t "amount_usd, 0)"
#define ATLAS_RECORDS_CONVERTED_FIGURE_SQL(t) \
  "atlas_pay_in_mode (" t "country, " t "year, coalesce (" t "median, " t "mean), " t "currency," \
  " NULL, 1)"

/* The indexes the converted-pay sort walks in local currency and PPP
 * (made with atlas_records_sort_make_index()). */
#define ATLAS_RECORDS_CONVERTED_LOCAL_INDEX "records_sort_converted_local"
#define ATLAS_RECORDS_CONVERTED_OWN_INDEX "records_sort_converted_own"
#define ATLAS_RECORDS_CONVERTED_USD_INDEX "records_sort_converted_usd"

/* The ids of the first @n records of @query (sorted by converted pay in
 * local currency or PPP) after the record @after (NULL: from the first),
 * as a JSON array, merged from walks of their groups; or NULL when a merge
 * cannot give them for sure or would cost more than a sort
 * (atlas-records-merge.c). */
char       *_atlas_records_converted_merge (AtlasStore              *store,
                                            const AtlasRecordsQuery *query,
                                            const AtlasRecordRow    *after,
                                            gint64                   n);

/* " WHERE …" of @query's filter, search and exclusions on table @prefix. */
void        _atlas_records_append_where    (AtlasStore              *store,
                                            GString                 *sql,
                                            GPtrArray               *params,
                                            const AtlasRecordsQuery *query,
                                            const char              *prefix);

/* The same, with the search's companies in @companies (a table of ids,
 * see _atlas_records_make_search_companies()) for a statement run many
 * times. */
void        _atlas_records_append_where_with (AtlasStore              *store,
                                              GString                 *sql,
                                              GPtrArray               *params,
                                              const AtlasRecordsQuery *query,
                                              const char              *prefix,
                                              const char              *companies);

/* Fills ATLAS_RECORDS_SEARCH_COMPANIES, a temporary table of this
 * connection, with the ids of the companies whose name matches @search. */
#define ATLAS_RECORDS_SEARCH_COMPANIES "temp.records_search_companies"
gboolean    _atlas_records_make_search_companies (AtlasStore *store,
                                                  const char *search);

/* Whether the user excluded anything: the test of every row against the
 * exclusions needs the row's uid, which no sort index holds. */
gboolean    _atlas_records_any_exclusions  (AtlasStore *store);

gboolean    _atlas_records_convert_prepare (AtlasStore         *store,
                                            AtlasCurrencyMode   mode,
                                            GError            **error);

/* The name of the index a sort of records walks in its order, or NULL (the
 * import order walks the rowid). */
const char *_atlas_records_sort_index_name (AtlasRecordsSort sort);

/* Whether @query selects so many records that a page is found sooner by
 * walking an index in the sort order than by the filter's own indexes. */
gboolean    _atlas_records_sort_selects_many (AtlasStore              *store,
                                              const AtlasRecordsQuery *query);

/* Whether reading every record is cheaper than finding @query's through
 * an index of its filter (regions, role, years): when they are most of
 * the records.  SQLite, without statistics, takes any such index. */
gboolean    _atlas_records_scan_is_cheaper (AtlasStore              *store,
                                            const AtlasRecordsQuery *query);

/* The index a page of @query (records) should walk in its sort order,
 * or NULL: let SQLite choose.  Estimated from how many records the filter
 * selects at most (record_facets). */
const char *_atlas_records_sort_walk_index (AtlasStore              *store,
                                            const AtlasRecordsQuery *query);

gboolean    _atlas_records_index_exists (AtlasStore *store,
                                         const char *name);

/* The index led by the country that a sort walks region by region for a
 * filter of a few regions, if it exists (made with the sort's own index),
 * or NULL. */
const char *_atlas_records_sort_region_index (AtlasStore       *store,
                                              AtlasRecordsSort  sort);

/* The index led by the year that a sort walks year by year for a filter
 * of a few years, if it exists (made with the sort's own index), or NULL. */
const char *_atlas_records_sort_year_index (AtlasStore       *store,
                                            AtlasRecordsSort  sort);

/* How a page of a sort by a column walks each group of its filter apart
 * (atlas-records-walk.c): each of a few regions, or each of a few years,
 * through the sort's index led by the country or the year. */
typedef struct _AtlasRecordsWalk AtlasRecordsWalk;

/* NULL if @query's filter has no few regions or years, or the index is
 * missing. */
AtlasRecordsWalk *_atlas_records_walk_new (AtlasStore              *store,
                                           const AtlasRecordsQuery *query);
void        _atlas_records_walk_free       (AtlasRecordsWalk *walk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasRecordsWalk, _atlas_records_walk_free)
const char *_atlas_records_walk_get_index  (const AtlasRecordsWalk *walk);

/* " AND column IN (the groups)". */
void        _atlas_records_walk_append_in  (const AtlasRecordsWalk *walk,
                                            GString                *sql,
                                            GPtrArray              *params);

/* One part of a split page: "SELECT * FROM (SELECT r.id AS page_id, @key
 * AS page_key FROM @from WHERE … AND @condition ORDER BY @order LIMIT @n)",
 * only in the group @value of @walk if not NULL. */
void        _atlas_records_append_walked_part (AtlasStore              *store,
                                               GString                 *sql,
                                               GPtrArray               *params,
                                               const AtlasRecordsQuery *query,
                                               const char              *from,
                                               const char              *key,
                                               const char              *condition,
                                               const char              *order,
                                               const AtlasRecordsWalk  *walk,
                                               const char              *value,
                                               gint64                   n);

/* That part for each group of @walk, joined by UNION ALL. */
void        _atlas_records_append_walked_groups (AtlasStore              *store,
                                                 GString                 *sql,
                                                 GPtrArray               *params,
                                                 const AtlasRecordsQuery *query,
                                                 const AtlasRecordsWalk  *walk,
                                                 const char              *from,
                                                 const char              *key,
                                                 const char              *condition,
                                                 const char              *order,
                                                 gint64                   n);

/* Makes temp.records_company_order (rank, company_id) current on this
 * connection: the companies ranked by the name the company sort compares
 * (after the user's merges), walked in that order by the pages sorted by
 * company.  Made again after any write, of this connection or another.
 * FALSE if it could not be made (the page then sorts by name). */
gboolean    _atlas_records_company_order (AtlasStore *store);

/* Drops the indexes made for sorts: for an import, in its transaction, so
 * that it does not maintain them row by row (the next sort makes its index
 * again, see atlas_records_sort_make_index()). */
gboolean _atlas_records_sort_drop_indexes (AtlasStore  *store,
                                           GError     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-private.h: the seams between the parts of a query, and what
 * other core modules share with them.
 *
 *   atlas-filter.c         the filter, its bands of years of experience
 *   atlas-query-sql.c      the SQL of a filter; which sources count
 *   atlas-query-records.c  groups from records; the order of groups
 *   atlas-query-figures.c  groups from curated figures
 *   atlas-query.c          runs the two paths; the result type
 *
 * The records and figures paths each fill one AtlasQueryResult; neither
 * calls the other, and only atlas-query.c decides which one answers. */
#pragma once

#include <sqlite3.h>

#include "atlas-query.h"
#include "atlas-rates.h"

G_BEGIN_DECLS

static inline gboolean
_atlas_strv_is_set (GStrv strv)
{
  return strv != NULL && strv[0] != NULL;
}

/* Filter (atlas-filter.c) */

/* The rank of a level code (EN 0 … EX 3), -1 for any other. */
int               _atlas_experience_rank     (const char        *code);
/* The band starts in effect: the filter's, or the defaults. */
const double     *_atlas_filter_bands        (const AtlasFilter *filter,
                                              guint             *n);
/* The band of @years: its index, or -1 below the first band. */
int               _atlas_filter_band_index   (const double      *bands,
                                              guint              n,
                                              double             years);
/* "0-2", "15+": the key of band @i. */
void              _atlas_filter_band_key     (const double      *bands,
                                              guint              n,
                                              int                i,
                                              char              *buf,
                                              gsize              len);
/* "2–5 years", "15+ years" for a band key. */
char             *_atlas_filter_band_label   (const char        *key);
/* Sort rank of a band key (by its start). */
int               _atlas_filter_band_rank    (const char        *key);

/* SQL (atlas-query-sql.c): every value is a bound parameter. */

typedef struct
{
  GString   *sql;
  GPtrArray *params;   /* strings; integers are written as text and bound as such */
} QueryBuilder;

/* What the query needs to know of each source: records take their pay
 * basis and, when undated, their period from the source's format; older
 * snapshots of a publication are not counted. */
typedef struct
{
  gint64         id;
  char          *name;
  char          *format;
  AtlasPayBasis  basis;
  int            period_from;   /* 0: the records are dated */
  int            period_to;
  gint64         row_count;
  gboolean       snapshot;      /* a snapshot of a publication, with records */
  char          *superseded_by; /* the newer snapshot's name, or NULL */
} QuerySourceInfo;

char             *_atlas_query_escape_like         (const char        *text);
/* Every source by id (gint64* -> QuerySourceInfo*), superseded snapshots marked. */
GHashTable       *_atlas_query_load_source_infos   (AtlasStore        *store,
                                                    GError           **error);
/* Appends the filter's conditions, each " AND …", for the table aliased
 * @prefix; @with_title is TRUE for records, FALSE for figures, which have
 * no free title.  Records with @infos take the years by source (see
 * atlas-query-sql.c); figures match by overlap of [year_from, year] unless
 * @with_years is FALSE (the caller then counts what falls outside). */
void              _atlas_query_builder_add_filter  (QueryBuilder      *b,
                                                    const AtlasFilter *filter,
                                                    const char        *prefix,
                                                    gboolean           with_title,
                                                    GHashTable        *infos,
                                                    gboolean           with_years);
sqlite3_stmt     *_atlas_query_builder_prepare     (QueryBuilder      *b,
                                                    AtlasStore        *store,
                                                    GError           **error);
void              _atlas_query_builder_clear       (QueryBuilder      *b);
/* Adds the citation (name, licence, url, date) of each source id (keys of
 * @source_ids, GSIZE_TO_POINTER) to result->sources. */
gboolean          _atlas_query_load_sources        (AtlasStore        *store,
                                                    AtlasQueryResult  *result,
                                                    GHashTable        *source_ids,
                                                    GError           **error);

/* Appends the filter's conditions, each " AND …", for the table aliased
 * @prefix, and their parameters (strings, bound as text) to @params: the
 * same conditions the statistics use, for the records page and bulk
 * curation. */
void _atlas_query_append_filter (GString           *sql,
                                 GPtrArray         *params,
                                 const AtlasFilter *filter,
                                 const char        *prefix);

/* Result (atlas-query.c) */

void              _atlas_query_group_free          (gpointer           data);
/* Notes that no factor converts @what ("PPP"/"FX" @mode_name) in @year. */
void              _atlas_query_add_missing_factor  (GHashTable        *missing,
                                                    const char        *mode_name,
                                                    const char        *what,
                                                    int                year);
/* "PPP for GB 2024, FX for INR 2025", or NULL when nothing is missing. */
char             *_atlas_query_describe_missing    (GHashTable        *missing);

/* Records (atlas-query-records.c) */

/* What a query reads: the records, or their cells (record_cells, all
 * columns; record_cells_coarse, without company and years of experience). */
typedef enum
{
  ATLAS_QUERY_READ_RECORDS,
  ATLAS_QUERY_READ_CELLS,
  ATLAS_QUERY_READ_CELLS_COARSE,
} AtlasQueryRead;

/* The smallest table that answers @filter grouped @by exactly. */
AtlasQueryRead    _atlas_query_choose_read         (AtlasStore        *store,
                                                    const AtlasFilter *filter,
                                                    AtlasGroupBy       by);
/* FALSE: every query reads the records (tests compare the two paths;
 * benchmarks time the one before). Process-wide; TRUE by default. */
void              _atlas_query_set_use_cells       (gboolean           use);
/* Fills each of @results (its grouping and mode set) with groups from the
 * records @filter matches, reading each table they need once for all of
 * them; a result whose @with_values is FALSE gets its groups' summaries
 * but no values (@with_values NULL: all of them get values). */
gboolean          _atlas_query_records             (AtlasStore         *store,
                                                    AtlasRates         *rates,
                                                    const AtlasFilter  *filter,
                                                    GHashTable         *infos,
                                                    AtlasQueryResult  **results,
                                                    const gboolean     *with_values,
                                                    guint               n_results,
                                                    GError            **error);
char             *_atlas_query_group_label         (AtlasGroupBy       by,
                                                    const char        *key);
/* Regions in the filter's order; within one, the grouping's own order
 * (levels, bands, years, roles) or highest median first. */
void              _atlas_query_sort_groups         (AtlasQueryResult  *result,
                                                    const AtlasFilter *filter);

/* Figures (atlas-query-figures.c) */

/* Fills @result with groups from the curated figures @filter matches. */
gboolean          _atlas_query_figure_groups       (AtlasStore        *store,
                                                    AtlasRates        *rates,
                                                    const AtlasFilter *filter,
                                                    AtlasQueryResult  *result,
                                                    GError           **error);

G_END_DECLS

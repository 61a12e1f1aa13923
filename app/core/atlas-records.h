/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records.h: the rows behind the statistics, a page at a time —
 * records, then the published figures that match the same filter — read by
 * SQLite in the order asked for, never all at once; and a streaming writer
 * of them to CSV or JSON. */
#pragma once

#include <gio/gio.h>

#include "atlas-query.h"
#include "atlas-rates.h"
#include "atlas-store.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_RECORDS_SORT_DEFAULT,   /* the order of import */
  ATLAS_RECORDS_SORT_TITLE,
  ATLAS_RECORDS_SORT_COMPANY,
  ATLAS_RECORDS_SORT_COUNTRY,
  ATLAS_RECORDS_SORT_LEVEL,
  ATLAS_RECORDS_SORT_YEARS,
  ATLAS_RECORDS_SORT_PAY,       /* in USD: the source's own, else the year's rate */
  ATLAS_RECORDS_SORT_YEAR,
  ATLAS_RECORDS_SORT_SOURCE,
  ATLAS_RECORDS_SORT_BASIS,     /* what stands behind a row: its kind; a figure's n */
  ATLAS_RECORDS_SORT_CONVERTED, /* the pay in the query's currency mode, as shown */
  ATLAS_RECORDS_N_SORTS
} AtlasRecordsSort;

const char *atlas_records_sort_to_string   (AtlasRecordsSort  sort);
gboolean    atlas_records_sort_from_string (const char       *str,
                                            AtlasRecordsSort *sort);

/* Whether the index that @sort walks in its order exists: a first page
 * then reads about its own rows, not every matching row.  Imports drop
 * these indexes (they would cost every imported row), so a sort makes its
 * index when it is first asked for: atlas_records_sort_make_index() (a
 * write: seconds at 10M records; call it off the main thread).  Pages are
 * the same with or without the index. */
gboolean    atlas_records_sort_has_index   (AtlasStore        *store,
                                            AtlasRecordsSort   sort);
gboolean    atlas_records_sort_make_index  (AtlasStore        *store,
                                            AtlasRecordsSort   sort,
                                            GError           **error);

typedef enum
{
  ATLAS_RECORDS_WITHOUT_EXCLUDED,   /* what the statistics count */
  ATLAS_RECORDS_WITH_EXCLUDED,      /* marked, for the page that restores them */
  ATLAS_RECORDS_ONLY_EXCLUDED,
} AtlasRecordsExcluded;

typedef struct
{
  AtlasFilter          *filter;
  char                 *search;        /* in the title or the company name, any case */
  AtlasRecordsSort      sort;
  gboolean              descending;
  AtlasRecordsExcluded  excluded;
  gboolean              with_figures;  /* the matching figures after the records */
  AtlasCurrencyMode     mode;          /* of ATLAS_RECORDS_SORT_CONVERTED */
} AtlasRecordsQuery;

AtlasRecordsQuery *atlas_records_query_new  (const AtlasFilter *filter);
/* The sort whose index a page of @query walks: the converted pay in USD
 * is the pay sort (the same order); otherwise @query's own sort. */
AtlasRecordsSort   atlas_records_query_walked_sort (const AtlasRecordsQuery *query);
AtlasRecordsQuery *atlas_records_query_copy (const AtlasRecordsQuery *query);
void               atlas_records_query_free (AtlasRecordsQuery *query);

typedef struct
{
  gint64    id;               /* rowid: valid until the next import of its source */
  char     *uid;              /* stable identity (curation) */
  gboolean  is_figure;        /* a published figure, not one observation */
  char     *kind;             /* survey, posting, filing, report; "figure" */
  char     *title;
  char     *role_family;
  char     *company;          /* as counted (after the user's merges) */
  char     *company_own;      /* the company's own name */
  char     *country;
  char     *city;
  char     *state;
  char     *experience;       /* EN MI SE EX or NULL */
  double    years_experience; /* NAN: not given */
  double    amount;           /* annual, in currency; a figure's median */
  char     *currency;
  double    amount_usd;       /* the source's own USD value, NAN */
  double    low, high;        /* figures: p25 and p75, NAN */
  gint64    n;                /* 1 for a record; a figure's n (0: not given) */
  int       year;
  char     *date;
  gint64    source_id;
  char     *source;
  char     *licence;
  char     *url;              /* the source's (or the figure's) URL */
  gint64    source_line;      /* records: line in the file, or the feed's row */
  char     *citation;         /* figures */
  char     *excluded_reason;  /* NULL unless excluded by the user */
  char     *employment_type;
  int       remote_ratio;     /* -1: not given */
  char     *company_size;
  char     *case_status;
  gint64    weight;           /* reports behind the row */
  char     *company_country;
} AtlasRecordRow;

void      atlas_record_row_free    (AtlasRecordRow *row);
AtlasRecordRow *atlas_record_row_copy (const AtlasRecordRow *row);
/* What to call the row: its title, else (a published aggregate) the role
 * family it stands for, else "". */
const char *atlas_record_row_get_label (const AtlasRecordRow *row);
/* The row's pay in @mode for its own country, as the statistics convert it. */
gboolean  atlas_record_row_convert (const AtlasRecordRow *row,
                                    AtlasRates           *rates,
                                    AtlasCurrencyMode     mode,
                                    double               *out);

/* @filter narrowed to one group of a statistics result (a chart's mark):
 * its region and its key under @by.  The records of the new filter are the
 * observations behind the group (those that convert in the currency mode;
 * figures are not records); NULL if @key is not a key of @by. */
AtlasFilter *atlas_filter_for_group (const AtlasFilter *filter,
                                     AtlasGroupBy       by,
                                     const char        *region,
                                     const char        *key);

/* How many rows @query has: records and, with with_figures, figures. */
gboolean  atlas_records_count (AtlasStore              *store,
                               const AtlasRecordsQuery *query,
                               gint64                  *n_records,
                               gint64                  *n_figures,
                               GError                 **error);

/* Rows @offset … @offset + @limit - 1 of @query (records first, then
 * figures), as AtlasRecordRow*. @after (may be NULL) is the row just
 * before @offset when the caller has it: the page then starts from its
 * sort key through the index instead of stepping over @offset rows. */
GPtrArray *atlas_records_page (AtlasStore              *store,
                               const AtlasRecordsQuery *query,
                               gint64                   offset,
                               guint                    limit,
                               const AtlasRecordRow    *after,
                               GError                 **error);

/* One record or figure by uid (a scan for records), or NULL. */
AtlasRecordRow *atlas_records_get (AtlasStore  *store,
                                   const char  *uid,
                                   GError     **error);

/* Calls @func with each row of @query (at most @limit, -1: all), read one
 * at a time; a FALSE return (with @error set) stops it.  Returns the number
 * of rows, or -1. */
typedef gboolean (*AtlasRecordsFunc) (const AtlasRecordRow  *row,
                                      gpointer               user_data,
                                      GError               **error);

gint64 atlas_records_foreach (AtlasStore              *store,
                              const AtlasRecordsQuery *query,
                              gint64                   limit,
                              AtlasRecordsFunc         func,
                              gpointer                 user_data,
                              GCancellable            *cancellable,
                              GError                 **error);

typedef enum
{
  ATLAS_RECORDS_FORMAT_CSV,
  ATLAS_RECORDS_FORMAT_JSON,
} AtlasRecordsFormat;

/* Writes the rows of @query (at most @limit, -1: all) to @out as it reads
 * them (flat memory whatever the number of rows), with the filter written
 * into the file: a "filter" column in CSV, a "filter" member in JSON.
 * @cancellable stops it between rows.  Returns the number of rows written,
 * or -1. */
gint64 atlas_records_write (AtlasStore              *store,
                            const AtlasRecordsQuery *query,
                            AtlasRecordsFormat       format,
                            gint64                   limit,
                            GOutputStream           *out,
                            GCancellable            *cancellable,
                            GError                 **error);

/* Called from the writing thread with the rows written so far. */
typedef void (*AtlasRecordsProgressFunc) (gint64   rows,
                                          gpointer user_data);

/* atlas_records_write() that reports its progress every thousand rows. */
gint64 atlas_records_write_full (AtlasStore               *store,
                                 const AtlasRecordsQuery  *query,
                                 AtlasRecordsFormat        format,
                                 gint64                    limit,
                                 GOutputStream            *out,
                                 AtlasRecordsProgressFunc  progress,
                                 gpointer                  progress_data,
                                 GCancellable             *cancellable,
                                 GError                  **error);

/* For atlas-curation.c: the filter's and the search's conditions on
 * records aliased "r", each " AND …", with text parameters. */
void _atlas_records_append_conditions (GString           *sql,
                                       GPtrArray         *params,
                                       const AtlasFilter *filter,
                                       const char        *search);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasRecordsQuery, atlas_records_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasRecordRow, atlas_record_row_free)

G_END_DECLS

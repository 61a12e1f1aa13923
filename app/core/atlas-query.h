/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query.h: filters, grouping and per-group statistics. Groups come
 * from records when the filter matches any, otherwise from curated figures. */
#pragma once

#include <gio/gio.h>

#include "atlas-figure.h"
#include "atlas-filter.h"
#include "atlas-money.h"
#include "atlas-pay-basis.h"
#include "atlas-stats.h"
#include "atlas-store.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_GROUP_EXPERIENCE,
  ATLAS_GROUP_COMPANY,
  ATLAS_GROUP_REGION,
  ATLAS_GROUP_YEAR,
  ATLAS_GROUP_ROLE,
  ATLAS_GROUP_EXPERIENCE_YEARS, /* half-open bands of years of experience */
} AtlasGroupBy;

const char *atlas_group_by_to_string   (AtlasGroupBy  by);
gboolean    atlas_group_by_from_string (const char   *str,
                                        AtlasGroupBy *by);

typedef enum
{
  ATLAS_GROUP_FROM_RECORDS,
  ATLAS_GROUP_FROM_FIGURE,
} AtlasGroupOrigin;

typedef struct
{
  char            *region;       /* ISO 3166 alpha-2 */
  char            *key;          /* EN, "Amazon", "2024", "Data Scientist", region */
  char            *label;        /* for display */
  char            *currency;     /* display currency: USD, INR, intl$ */
  AtlasSummary     summary;      /* n = observations (records) or the figure's n */
  gboolean         small_sample; /* n < threshold */
  AtlasGroupOrigin origin;
  double          *values;       /* sorted converted values (records only; NULL
                                  * when the query left them out) */
  gsize            n_values;
  guint64          weight;       /* sum of record weights (reports) */
  char            *citation;     /* figures: citation text */
  char            *sources;      /* comma-separated source names */
  /* What the amounts count.  When a group pools records of different
   * bases, pooled_bases is TRUE, pay_basis UNKNOWN and bases names them
   * ("base+total"); otherwise bases is the one basis's name. */
  AtlasPayBasis    pay_basis;
  gboolean         pooled_bases;
  char            *bases;
  int              year_from;    /* years the group's data covers */
  int              year_to;
  double           years_min;    /* figures: minimum years of experience; NAN */
  /* Figures grouped by region: the histogram the group's source published
   * (counts per pay range [bin_lo, bin_hi), bin_hi INFINITY for an open
   * range), in the display currency, when its counts add up to n; else
   * n_bins 0.  Aggregates only: no individual values. */
  guint            n_bins;
  double          *bin_lo;
  double          *bin_hi;
  guint64         *bin_n;
} AtlasGroup;

typedef struct
{
  AtlasGroupBy       by;
  AtlasCurrencyMode  mode;
  guint              small_sample_threshold;
  GPtrArray         *groups;            /* AtlasGroup*, region then group order */
  guint64            n_records;         /* records matched */
  guint64            n_excluded;        /* matched, but excluded by the user (curation):
                                         * in no group and not in n_records */
  guint64            n_without_group;   /* matched, but without a value to group by
                                         * (no level, no employer): in no group */
  guint64            n_without_factor;  /* matched but not convertible in mode */
  char              *missing_factors;   /* "PPP for GB 2024, FX for INR 2025" or NULL */
  GPtrArray         *sources;           /* AtlasQuerySource* used */
  gboolean           from_figures;
  /* Grouped by company: the minimum n applied, and how many companies
   * were left out below it. */
  guint              company_min_n;
  guint              n_groups_below_min;
  /* Some group pools different pay bases (see AtlasGroup). */
  gboolean           pooled_bases;
  /* Figures that match but whose period does not overlap the years asked for. */
  guint              n_figures_outside_years;
  /* Older snapshots of a publication not counted, in words
   * ("aijobs-2024.csv (superseded by aijobs-2025.csv)"), or NULL. */
  char              *superseded;
} AtlasQueryResult;

typedef struct
{
  char *name;
  char *licence;
  char *url;
  char *retrieved_at;
} AtlasQuerySource;

/* A cancellation of @cancellable interrupts the running statement; the
 * query then fails with G_IO_ERROR_CANCELLED. */
AtlasQueryResult *atlas_query_run     (AtlasStore         *store,
                                       const AtlasFilter  *filter,
                                       AtlasGroupBy        by,
                                       AtlasCurrencyMode   mode,
                                       guint               small_sample_threshold,
                                       GCancellable       *cancellable,
                                       GError            **error);
void              atlas_query_result_free (AtlasQueryResult *result);

/* One query of atlas_query_run_many(). */
typedef struct
{
  AtlasGroupBy       by;
  AtlasCurrencyMode  mode;
  /* FALSE: the groups carry their summaries but no values (values NULL,
   * n_values 0), for a chart drawn from summaries: a large group's values
   * are megabytes written out only to be summarised. */
  gboolean           with_values;
} AtlasQuerySpec;

/* Several queries of one filter, each result what atlas_query_run() gives
 * (but for the values a spec leaves out), reading the rows they share once
 * for all of them.  On success @results holds @n_specs results; on failure
 * none. */
gboolean          atlas_query_run_many    (AtlasStore            *store,
                                           const AtlasFilter     *filter,
                                           const AtlasQuerySpec  *specs,
                                           guint                  n_specs,
                                           guint                  small_sample_threshold,
                                           AtlasQueryResult     **results,
                                           GCancellable          *cancellable,
                                           GError               **error);

/* Which rows a query of @by under @filter reads, as a number: queries of
 * one filter with the same number read the same rows, which
 * atlas_query_run_many() reads once for all of them (those with different
 * numbers it reads apart). */
guint             atlas_query_read_key    (const AtlasFilter     *filter,
                                           AtlasGroupBy           by);

/* Figures matching @filter (regions, experience, role, company, years,
 * source); with @quoted_only, only figures without n (quoted headline
 * figures). Returns a GPtrArray of AtlasFigure*. */
GPtrArray        *atlas_query_figures     (AtlasStore         *store,
                                           const AtlasFilter  *filter,
                                           gboolean            quoted_only,
                                           GError            **error);

/* Companies whose name resembles @text (for "did you mean"), most
 * observations first, at most @max display names. */
GStrv             atlas_query_suggest_companies (AtlasStore  *store,
                                                 const char  *text,
                                                 guint        max,
                                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasQueryResult, atlas_query_result_free)

G_END_DECLS

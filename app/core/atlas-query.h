/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query.h: filters, grouping and per-group statistics. Groups come
 * from records when the filter matches any, otherwise from curated figures. */
#pragma once

#include <gio/gio.h>

#include "atlas-figure.h"
#include "atlas-money.h"
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
} AtlasGroupBy;

const char *atlas_group_by_to_string   (AtlasGroupBy  by);
gboolean    atlas_group_by_from_string (const char   *str,
                                        AtlasGroupBy *by);

typedef struct
{
  GStrv  regions;       /* ISO 3166 alpha-2; NULL or empty: all */
  GStrv  experience;    /* EN MI SE EX; NULL: all */
  char  *role;          /* role family, exact */
  char  *title;         /* case-insensitive substring of the job title */
  char  *company;       /* company name: matched through its normalised key */
  int    year_from;     /* 0: open */
  int    year_to;       /* 0: open */
  char  *source;        /* source name */
} AtlasFilter;

AtlasFilter *atlas_filter_new   (void);
AtlasFilter *atlas_filter_copy  (const AtlasFilter *filter);
void         atlas_filter_free  (AtlasFilter       *filter);
/* The filter in words for subtitles: "Machine Learning Engineer · US, IN · 2023–2025". */
char        *atlas_filter_describe (const AtlasFilter *filter);

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
  double          *values;       /* sorted converted values (records only) */
  gsize            n_values;
  guint64          weight;       /* sum of record weights (reports) */
  char            *citation;     /* figures: citation text */
  char            *sources;      /* comma-separated source names */
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


/* Figures matching @filter (regions, experience, role, company, years,
 * source); with @quoted_only, only figures without n (quoted headline
 * figures). Returns a GPtrArray of AtlasFigure*. */
GPtrArray        *atlas_query_figures     (AtlasStore         *store,
                                           const AtlasFilter  *filter,
                                           gboolean            quoted_only,
                                           GError            **error);

/* The label shown for an experience code: EN -> "Entry", … */
const char       *atlas_experience_label  (const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFilter, atlas_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasQueryResult, atlas_query_result_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-request.h: one chart as a user asks for it — a kind, a filter,
 * a currency mode and the small-sample threshold. The request says which
 * queries it needs; given their results it builds the complete spec (the
 * filter in words, the caption's currency basis, the India/US ratios) and
 * names the result to draw. The window and `salary-atlas export` both go
 * through it, so the same request draws the same chart in both.
 *
 *   g_autoptr(AtlasChartRequest) request =
 *     atlas_chart_request_new (ATLAS_CHART_COMPARE, filter, mode, 30);
 *   atlas_chart_request_run (request, store, &error);    // or set_result() each query
 *   spec = atlas_chart_request_build_spec (request, catalog);
 *   atlas_chart_export_to_file (spec, atlas_chart_request_get_result (request), …);
 *
 * Adding a chart kind is one entry in the table of atlas-chart-request.c
 * (its queries) and, if its spec needs more than the common parts, a
 * builder. */
#pragma once

#include "atlas-catalog.h"
#include "atlas-chart.h"

G_BEGIN_DECLS

/* A query a chart needs: its grouping and the currency mode of its values. */
typedef struct
{
  AtlasGroupBy      group_by;
  AtlasCurrencyMode mode;
  gboolean          chosen_mode;   /* @mode is the one the user chose, not a fixed one */
} AtlasChartQuery;

typedef struct _AtlasChartRequest AtlasChartRequest;

AtlasChartRequest      *atlas_chart_request_new         (AtlasChartKind           kind,
                                                         const AtlasFilter       *filter,
                                                         AtlasCurrencyMode        mode,
                                                         guint                    small_sample);
void                    atlas_chart_request_free        (AtlasChartRequest       *self);

AtlasChartKind          atlas_chart_request_get_kind    (const AtlasChartRequest *self);
const AtlasFilter      *atlas_chart_request_get_filter  (const AtlasChartRequest *self);
AtlasCurrencyMode       atlas_chart_request_get_mode    (const AtlasChartRequest *self);
guint                   atlas_chart_request_get_small_sample (const AtlasChartRequest *self);

/* The queries, the one whose result is drawn first. */
guint                   atlas_chart_request_get_n_queries (const AtlasChartRequest *self);
const AtlasChartQuery  *atlas_chart_request_get_query   (const AtlasChartRequest *self,
                                                         guint                    index);
/* The queries @kind needs in @mode, without making a request. */
guint                   atlas_chart_kind_get_queries    (AtlasChartKind           kind,
                                                         AtlasCurrencyMode        mode,
                                                         AtlasChartQuery         *queries,
                                                         guint                    max_queries);

/* Gives query @index its result. The request does not copy it: @owner
 * keeps @result alive and is released with @owner_free when the request no
 * longer needs it (NULL for a result the caller keeps longer). */
void                    atlas_chart_request_set_result  (AtlasChartRequest       *self,
                                                         guint                    index,
                                                         const AtlasQueryResult  *result,
                                                         gpointer                 owner,
                                                         GDestroyNotify           owner_free);
/* Runs the queries that have no result yet on @store, in order. */
gboolean                atlas_chart_request_run         (AtlasChartRequest       *self,
                                                         AtlasStore              *store,
                                                         GError                 **error);
/* TRUE when every query has its result. */
gboolean                atlas_chart_request_is_complete (const AtlasChartRequest *self);
/* The result the chart draws (query 0's), or NULL before it came. */
const AtlasQueryResult *atlas_chart_request_get_result  (const AtlasChartRequest *self);

/* The spec (light theme, default options) for what the request has: the
 * parts whose query has no result yet are left out (a ratio is NAN).
 * @catalog gives the factor the caption quotes; NULL: the engine's generic
 * basis. */
AtlasChartSpec         *atlas_chart_request_build_spec  (const AtlasChartRequest *self,
                                                         AtlasCatalog            *catalog);

/* The sentence that says which conversion factor the amounts of @filter go
 * through in @mode ("USD: World Bank official exchange rate, 2024: 83.67 ₹
 * per $"): the factor of the first selected region other than the US (or
 * India), for the filter's last year or the data's. NULL in local mode or
 * when there is no factor. */
char                   *atlas_chart_describe_basis      (AtlasCatalog            *catalog,
                                                         const AtlasFilter       *filter,
                                                         AtlasCurrencyMode        mode);

/* India's median over the US median in @result, grouped any way: pooled
 * over the records when the result has records; a result made of published
 * figures compares the one figure each region has. NAN when either is
 * missing. */
double                  atlas_chart_india_us_ratio      (const AtlasQueryResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChartRequest, atlas_chart_request_free)

G_END_DECLS

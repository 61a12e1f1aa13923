/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-view.h: a widget that draws one chart with the chart engine.
 * It caches the rendered node and renders again only when the data, the
 * size, the scale or the style change; tooltips, clicks and keyboard focus
 * use the layout's mark geometry. */
#pragma once

#include <gtk/gtk.h>

#include "atlas-chart.h"
#include "atlas-query-runner.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CHART_VIEW (atlas_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (AtlasChartView, atlas_chart_view, ATLAS, CHART_VIEW, GtkWidget)

GtkWidget         *atlas_chart_view_new               (AtlasChartKind     kind);
AtlasChartKind     atlas_chart_view_get_kind          (AtlasChartView    *self);
void               atlas_chart_view_set_kind          (AtlasChartView    *self,
                                                       AtlasChartKind     kind);
AtlasSharedResult *atlas_chart_view_get_result        (AtlasChartView    *self);
void               atlas_chart_view_set_result        (AtlasChartView    *self,
                                                       AtlasSharedResult *result);
/* Takes what the chart request decided — title, subtitle, currency mode
 * and basis, ratios, notes — from @spec (atlas_chart_request_build_spec());
 * the view's own options (log axis, hidden regions, focus, colours) stay. */
void               atlas_chart_view_set_spec          (AtlasChartView       *self,
                                                       const AtlasChartSpec *spec);
gboolean           atlas_chart_view_get_log_axis      (AtlasChartView    *self);
void               atlas_chart_view_set_log_axis      (AtlasChartView    *self,
                                                       gboolean           log_axis);
/* A copy of the spec as drawn, with @theme (for export). */
AtlasChartSpec    *atlas_chart_view_dup_spec          (AtlasChartView    *self,
                                                       AtlasChartTheme    theme);
/* The layout of the last render, or NULL before the first. */
AtlasChartLayout  *atlas_chart_view_get_layout        (AtlasChartView    *self);
/* The mark with keyboard focus, -1 for none. */
int                atlas_chart_view_get_focus_mark    (AtlasChartView    *self);
void               atlas_chart_view_set_focus_mark    (AtlasChartView    *self,
                                                       int                index);
/* A one-line description of a mark, for tooltips and screen readers. */
char              *atlas_chart_view_describe_mark     (AtlasChartView        *self,
                                                       const AtlasChartMark  *mark,
                                                       gboolean               markup);
/* Regions toggled off in the legend: not drawn, still listed in the legend
 * (hollow), the others keep their colours. A click on a legend entry
 * toggles its region; the last region shown cannot be hidden. */
gboolean           atlas_chart_view_get_region_hidden (AtlasChartView   *self,
                                                       const char       *region);
void               atlas_chart_view_set_region_hidden (AtlasChartView   *self,
                                                       const char       *region,
                                                       gboolean          hidden);
/* Returns FALSE (and rings the bell) when @region is the last one shown. */
gboolean           atlas_chart_view_toggle_region     (AtlasChartView   *self,
                                                       const char       *region);
/* How many times the chart was rendered (the cache is working when this
 * does not grow on a redraw that changed nothing). */
guint              atlas_chart_view_get_n_renders     (AtlasChartView    *self);

G_END_DECLS

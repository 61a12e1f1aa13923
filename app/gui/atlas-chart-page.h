/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-page.h: one page of the window: a chart with its toolbar, the
 * same numbers as a table, and the empty state. */
#pragma once

#include <gtk/gtk.h>

#include "atlas-chart-view.h"
#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CHART_PAGE (atlas_chart_page_get_type ())

G_DECLARE_FINAL_TYPE (AtlasChartPage, atlas_chart_page, ATLAS, CHART_PAGE, GtkWidget)

GtkWidget      *atlas_chart_page_new            (AtlasChartKind     kind);
AtlasChartView *atlas_chart_page_get_chart_view (AtlasChartPage    *self);
void            atlas_chart_page_set_result     (AtlasChartPage    *self,
                                                 AtlasSharedResult *result);
/* Shows what @session has for the page's chart, and follows it. */
void            atlas_chart_page_set_session    (AtlasChartPage    *self,
                                                 AtlasSession      *session);
void            atlas_chart_page_set_loading    (AtlasChartPage    *self,
                                                 gboolean           loading);
gboolean        atlas_chart_page_get_show_table (AtlasChartPage    *self);
void            atlas_chart_page_set_show_table (AtlasChartPage    *self,
                                                 gboolean           show_table);
/* "chart", "table" or "empty". */
const char     *atlas_chart_page_get_state      (AtlasChartPage    *self);

/* Fills @grid with one row per group of @result (shared with the overview). */
void            atlas_chart_page_fill_table     (GtkGrid                *grid,
                                                 const AtlasQueryResult *result,
                                                 guint                   max_rows);

G_END_DECLS

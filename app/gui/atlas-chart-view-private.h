/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-view-private.h: what atlas-chart-view.c and
 * atlas-chart-view-input.c (pointer, keyboard, tooltips) share. */
#pragma once

#include "atlas-chart-view.h"

G_BEGIN_DECLS

struct _AtlasChartView
{
  GtkWidget          parent_instance;

  AtlasChartSpec    *spec;
  AtlasSharedResult *result;

  /* The cache: the node drawn for this size, scale and style. */
  GskRenderNode     *node;
  AtlasChartLayout  *layout;
  int                node_width;
  int                node_height;
  int                node_scale;
  gboolean           node_dark;

  int                focus_mark;
  int                hover_mark;
  guint              n_renders;
};

/* atlas-chart-view.c */
gboolean _atlas_chart_view_is_last_shown         (AtlasChartView *self,
                                                  const char     *region);
void     _atlas_chart_view_emit_mark_activated   (AtlasChartView *self,
                                                  guint           index);
void     _atlas_chart_view_emit_legend_activated (AtlasChartView *self,
                                                  const char     *text);

/* atlas-chart-view-input.c */
void     _atlas_chart_view_add_controllers       (AtlasChartView *self);
gboolean _atlas_chart_view_query_tooltip         (GtkWidget      *widget,
                                                  int             x,
                                                  int             y,
                                                  gboolean        keyboard_mode,
                                                  GtkTooltip     *tooltip);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window-private.h: what atlas-window.c and atlas-window-actions.c share. */
#pragma once

#include "atlas-catalog.h"
#include "atlas-chart-page.h"
#include "atlas-filter-pane.h"
#include "atlas-overview-page.h"
#include "atlas-query-runner.h"
#include "atlas-window.h"

G_BEGIN_DECLS

struct _AtlasWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkToggleButton      *filter_button;
  GtkButton            *export_button;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  AtlasFilterPane      *filter_pane;
  GtkRevealer          *drill_revealer;
  GtkButton            *drill_button;
  GtkLabel             *drill_label;
  AdwViewStack         *view_stack;
  AtlasOverviewPage    *overview_page;
  AtlasChartPage       *chart_pages[ATLAS_CHART_N_KINDS];
  AdwStatusPage        *error_page;
  AdwViewSwitcherBar   *switcher_bar;

  GSettings            *settings;
  char                 *db_path;
  AtlasCatalog         *catalog;
  GCancellable         *catalog_cancellable;

  /* The current filter and the results for it. */
  AtlasFilter          *filter;
  AtlasCurrencyMode     mode;
  guint                 threshold;
  GCancellable         *query_cancellable;
  AtlasSharedResult    *results[ATLAS_N_SLOTS];
  gboolean              pending[ATLAS_N_SLOTS];
  gint64                query_started;

  /* A click on a mark narrows the filter; this is what it was before. */
  AtlasFilter          *before_drill;

  /* Benchmarks (see atlas-window.c): when the last "bench-filter" action
   * started, and whether a frame showing results was painted. */
  gint64                bench_started;
  gboolean              bench_painted;
};

void  _atlas_window_class_actions_init (GtkWidgetClass *widget_class);
void  _atlas_window_update_actions     (AtlasWindow    *self);
void  _atlas_window_reload             (AtlasWindow    *self);
void  _atlas_window_reset_filters      (AtlasWindow    *self);
void  _atlas_window_clear_drill        (AtlasWindow    *self);
void  _atlas_window_toast              (AtlasWindow    *self,
                                        const char     *message);
/* The chart page shown, or the overview's compare chart; NULL elsewhere. */
AtlasChartView    *_atlas_window_get_current_chart  (AtlasWindow *self);
AtlasSharedResult *_atlas_window_get_current_result (AtlasWindow *self);

G_END_DECLS

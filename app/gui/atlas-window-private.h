/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window-private.h: what atlas-window.c and atlas-window-actions.c share. */
#pragma once

#include "atlas-catalog.h"
#include "atlas-feed.h"
#include "atlas-chart-page.h"
#include "atlas-filter-pane.h"
#include "atlas-overview-page.h"
#include "atlas-query-runner.h"
#include "atlas-session.h"
#include "atlas-records-page.h"
#include "atlas-sources-page.h"
#include "atlas-window.h"

G_BEGIN_DECLS

struct _AtlasWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkOverlay           *title_overlay;
  GtkToggleButton      *filter_button;
  GtkButton            *export_button;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  /* The filter pane and the overview page are made when the content is
   * first shown, or asked for (atlas_window_ensure_content): until then
   * these are NULL and the bins below are empty. */
  AdwBin               *filter_bin;
  AtlasFilterPane      *filter_pane;
  GtkRevealer          *drill_revealer;
  GtkButton            *drill_button;
  GtkLabel             *drill_label;
  AdwViewStack         *view_stack;
  AdwBin               *overview_bin;
  AtlasOverviewPage    *overview_page;
  /* The chart pages and the sources page are built when first shown (or
   * asked for): until then the view stack holds an empty AdwBin for each,
   * with its title and icon, and these are NULL. */
  AtlasChartPage       *chart_pages[ATLAS_CHART_N_KINDS];
  AdwBin               *chart_bins[ATLAS_CHART_N_KINDS];
  AdwBin               *sources_bin;
  AdwBin               *records_bin;
  /* The shortcuts window, built the first time it is asked for. */
  GtkWindow            *help_overlay;
  AdwStatusPage        *error_page;
  GtkRevealer          *refresh_revealer;
  GtkLabel             *refresh_label;
  GtkProgressBar       *refresh_progress;
  GtkButton            *refresh_cancel_button;
  AtlasSourcesPage     *sources_page;
  GtkWidget            *records_page;

  GSettings            *settings;
  char                 *db_path;
  /* The catalog was applied once: the sources page may read the database. */
  gboolean              sources_ready;
  GCancellable         *catalog_cancellable;

  /* The filter, the currency mode, the results, the drill state: what the
   * pages show. The window wires widgets to it. */
  AtlasSession         *session;

  /* Benchmarks (see atlas-window-bench.c): when the last "bench-filter" action
   * started, and whether a frame showing results was painted. */
  gint64                bench_started;
  gboolean              bench_painted;

  /* The first frame shows the loading state; a catalog that comes before
   * it is painted waits here (see catalog_loaded_cb). */
  gboolean              first_frame_painted;
  AtlasCatalog         *early_catalog;
  GError               *early_error;

  /* Refreshing sources (atlas-window-refresh.c): one source at a time. */
  GCancellable         *refresh_cancellable;
  GStrv                 refresh_queue;
  guint                 refresh_index;
  GPtrArray            *refresh_outcomes;   /* "aijobs.net: +2,745 records" */
  gboolean              refresh_imported;
  gboolean              refresh_failed;
  gboolean              refresh_automatic;
  AtlasFeedSpec        *refresh_new_feed;   /* added by its first refresh */
  guint                 auto_refresh_id;
  char                 *last_toast;
};

void  _atlas_window_class_actions_init (GtkWidgetClass *widget_class);
void  _atlas_window_update_actions     (AtlasWindow    *self);
void  _atlas_window_reload             (AtlasWindow    *self);
void  _atlas_window_reset_filters      (AtlasWindow    *self);
void  _atlas_window_clear_drill        (AtlasWindow    *self);
void  _atlas_window_toast              (AtlasWindow    *self,
                                        const char     *message);
/* A toast with a button that activates @action_name(@target). */
void  _atlas_window_toast_with_action  (AtlasWindow    *self,
                                        const char     *message,
                                        const char     *button_label,
                                        const char     *action_name,
                                        GVariant       *target);

/* atlas-window-import.c: Import… and Export Records… */
void  _atlas_window_class_import_init     (GtkWidgetClass *widget_class);
void  _atlas_window_import_init           (AtlasWindow    *self);
void  _atlas_window_import_update_actions (AtlasWindow    *self);
void  _atlas_window_import_file           (AtlasWindow    *self,
                                           GFile          *file);

/* atlas-window-bench.c */
void      _atlas_window_bench_init        (AtlasWindow    *self);
/* Quits after the first frame when a benchmark asks; TRUE if it did. */
gboolean  _atlas_window_bench_first_frame (AtlasWindow    *self);

/* atlas-window-refresh.c */
void  _atlas_window_refresh_init       (AtlasWindow    *self);
void  _atlas_window_refresh_dispose    (AtlasWindow    *self);
/* Refreshes @names one after the other; NULL: every refreshable source. */
void  _atlas_window_refresh_sources    (AtlasWindow        *self,
                                        const char * const *names,
                                        gboolean            automatic);
void  _atlas_window_cancel_refresh     (AtlasWindow    *self);
/* Adds the new feed @spec and refreshes it in one transaction: it is kept
 * only when that refresh succeeds. */
void  _atlas_window_add_and_refresh    (AtlasWindow         *self,
                                        const AtlasFeedSpec *spec);
/* Reloads what the window shows from the database: catalog and sources. */
void  _atlas_window_reload_all         (AtlasWindow    *self);
/* Makes the filter pane and the overview page if they were not yet. */
void               _atlas_window_ensure_content      (AtlasWindow    *self);
/* The pages built on demand (see chart_bins above). */
AtlasChartPage    *_atlas_window_ensure_chart_page   (AtlasWindow    *self,
                                                      AtlasChartKind  kind);
AtlasSourcesPage  *_atlas_window_ensure_sources_page (AtlasWindow    *self);
/* The page shown, built if it was not yet. */
GtkWidget         *_atlas_window_get_visible_page    (AtlasWindow    *self);
/* The chart page shown, or the overview's compare chart; NULL elsewhere. */
AtlasChartView    *_atlas_window_get_current_chart  (AtlasWindow *self);
AtlasSharedResult *_atlas_window_get_current_result (AtlasWindow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window.h: the main window: filter pane, view stack of pages,
 * export, and the queries behind them. */
#pragma once

#include <adwaita.h>

#include "atlas-application.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_WINDOW (atlas_window_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWindow, atlas_window, ATLAS, WINDOW, AdwApplicationWindow)

AtlasWindow *atlas_window_new                (AtlasApplication *application);
/* A window on @db_path with @settings, without an application (tests). */
AtlasWindow *atlas_window_new_for_path       (GtkApplication   *application,
                                              GSettings        *settings,
                                              const char       *db_path);
const char  *atlas_window_get_db_path        (AtlasWindow      *self);
/* TRUE while the catalog or a query is loading. */
gboolean     atlas_window_get_busy           (AtlasWindow      *self);
/* "loading", "content", "empty" or "error". */
const char  *atlas_window_get_state          (AtlasWindow      *self);
const char  *atlas_window_get_page           (AtlasWindow      *self);
void         atlas_window_set_page           (AtlasWindow      *self,
                                              const char       *name);
GtkWidget   *atlas_window_get_page_widget    (AtlasWindow      *self,
                                              const char       *name);
GtkWidget   *atlas_window_get_filter_pane    (AtlasWindow      *self);
/* TRUE while online sources are being refreshed. */
gboolean     atlas_window_get_refreshing     (AtlasWindow      *self);
/* What the bar under the header says while refreshing: the source, bytes, rows. */
const char  *atlas_window_get_refresh_text   (AtlasWindow      *self);
/* The text of the last toast shown, or NULL (for tests). */
const char  *atlas_window_get_last_toast     (AtlasWindow      *self);

G_END_DECLS

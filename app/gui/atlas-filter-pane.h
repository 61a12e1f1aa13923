/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-filter-pane.h: the filters shared by every page: role family,
 * job title, regions, experience levels, years, company and the currency
 * mode (whose buttons drive the window's win.currency-mode action). */
#pragma once

#include <gtk/gtk.h>

#include "atlas-catalog.h"
#include "atlas-query.h"
#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_FILTER_PANE (atlas_filter_pane_get_type ())

G_DECLARE_FINAL_TYPE (AtlasFilterPane, atlas_filter_pane, ATLAS, FILTER_PANE, GtkWidget)

GtkWidget   *atlas_filter_pane_new             (void);
/* Rebuilds the lists from @catalog (borrowed: it must outlive the pane's use
 * of it, until the next call). Keeps what is selected where it still exists. */
void         atlas_filter_pane_set_catalog     (AtlasFilterPane    *self,
                                                AtlasCatalog       *catalog);
/* The filter the controls describe (transfer full). */
AtlasFilter *atlas_filter_pane_get_filter      (AtlasFilterPane    *self);
/* Sets every control from @filter; emits ::changed once. */
void         atlas_filter_pane_set_filter      (AtlasFilterPane    *self,
                                                const AtlasFilter  *filter);
void         atlas_filter_pane_set_region      (AtlasFilterPane    *self,
                                                const char         *code,
                                                gboolean            selected);
gboolean     atlas_filter_pane_get_region      (AtlasFilterPane    *self,
                                                const char         *code);
void         atlas_filter_pane_set_factor_text (AtlasFilterPane    *self,
                                                const char         *text);
/* Shows @session's catalog, filter and conversion factor, and sends the
 * user's edits to it. */
void         atlas_filter_pane_set_session     (AtlasFilterPane    *self,
                                                AtlasSession       *session);
void         atlas_filter_pane_focus_search    (AtlasFilterPane    *self);

G_END_DECLS

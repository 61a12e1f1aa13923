/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-region-toggles.h: a "Regions" menu button whose popover has a check
 * button per region of a chart: the keyboard's way to what a click on a
 * legend entry does (show or hide that region in the chart). */
#pragma once

#include <gtk/gtk.h>

#include "atlas-chart-view.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_REGION_TOGGLES (atlas_region_toggles_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRegionToggles, atlas_region_toggles, ATLAS, REGION_TOGGLES, GtkWidget)

GtkWidget      *atlas_region_toggles_new            (AtlasChartView     *view);
AtlasChartView *atlas_region_toggles_get_chart_view (AtlasRegionToggles *self);
void            atlas_region_toggles_set_chart_view (AtlasRegionToggles *self,
                                                     AtlasChartView     *view);

G_END_DECLS

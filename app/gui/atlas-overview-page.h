/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-overview-page.h: the first page: one card per region, the
 * India-vs-US ratio, quoted headline figures, the compare chart, the top
 * companies and the sources with their last update. */
#pragma once

#include <gtk/gtk.h>

#include "atlas-catalog.h"
#include "atlas-chart-view.h"
#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_OVERVIEW_PAGE (atlas_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (AtlasOverviewPage, atlas_overview_page, ATLAS, OVERVIEW_PAGE, GtkWidget)

GtkWidget      *atlas_overview_page_new               (void);
AtlasChartView *atlas_overview_page_get_compare_view  (AtlasOverviewPage *self);
void            atlas_overview_page_set_regions       (AtlasOverviewPage *self,
                                                       AtlasSharedResult *result);
/* India as a share of the US median, nominal and at PPP; NAN hides. */
void            atlas_overview_page_set_ratios        (AtlasOverviewPage *self,
                                                       double             nominal,
                                                       double             ppp);
void            atlas_overview_page_set_companies     (AtlasOverviewPage *self,
                                                       AtlasSharedResult *result);
void            atlas_overview_page_set_experience    (AtlasOverviewPage *self,
                                                       AtlasSharedResult *result);
/* Sources, and the quoted headline figures that match @filter. */
void            atlas_overview_page_set_catalog       (AtlasOverviewPage *self,
                                                       AtlasCatalog      *catalog,
                                                       const AtlasFilter *filter);
/* Shows what @session has for the overview, and follows it. */
void            atlas_overview_page_set_session       (AtlasOverviewPage *self,
                                                       AtlasSession      *session);
/* The median shown on @region's card ("$140,000"), or NULL (for tests). */
const char     *atlas_overview_page_get_card_median   (AtlasOverviewPage *self,
                                                       const char        *region);
const char     *atlas_overview_page_get_headline_text (AtlasOverviewPage *self);

G_END_DECLS

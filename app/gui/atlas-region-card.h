/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-region-card.h: the overview's card of one region (its median, middle
 * half, n and small-sample warning), updated in place when its figures
 * change, so that a toggled region makes one card and not all of them. */
#pragma once

#include <gtk/gtk.h>

#include "atlas-query.h"

G_BEGIN_DECLS

typedef struct _AtlasRegionCard AtlasRegionCard;

AtlasRegionCard *atlas_region_card_new        (const AtlasGroup *group);
gboolean         atlas_region_card_update     (AtlasRegionCard  *card,
                                               const AtlasGroup *group);
GtkWidget       *atlas_region_card_get_widget (AtlasRegionCard  *card);
const char      *atlas_region_card_get_amount (AtlasRegionCard  *card);
void             atlas_region_card_free       (AtlasRegionCard  *card);

G_END_DECLS

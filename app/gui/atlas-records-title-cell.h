/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-title-cell.h: the Records list's title cell — a badge
 * ("Figure", "Excluded") before the title and, in a narrow page, the
 * company (or, without one, the source) dimmed beneath it, as a phone's
 * list shows it. What is cut short shows whole on hover; a company's own
 * spelling in the source is in the tooltip and the accessible
 * description. The helpers below do the same for the page's other text
 * cells. */
#pragma once

#include <gtk/gtk.h>

#include "atlas-records-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORDS_TITLE_CELL (atlas_records_title_cell_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordsTitleCell, atlas_records_title_cell, ATLAS,
                      RECORDS_TITLE_CELL, GtkBox)

GtkWidget *atlas_records_title_cell_new        (void);
/* Follows @item (a placeholder fills in when its page arrives); NULL lets
 * go of the one it followed. */
void       atlas_records_title_cell_bind       (AtlasRecordsTitleCell *self,
                                                AtlasRecordItem       *item);
/* Whether the company or source shows beneath the title ("narrow"). */
void       atlas_records_title_cell_set_narrow (AtlasRecordsTitleCell *self,
                                                gboolean               narrow);
gboolean   atlas_records_title_cell_get_narrow (AtlasRecordsTitleCell *self);

/* A "query-tooltip" answer for a cell's @label showing @item: the whole
 * text when it is cut, and with @company the company's own spelling in
 * the source. FALSE when there is nothing to show. */
gboolean   atlas_records_cell_query_tooltip    (GtkLabel              *label,
                                                GtkTooltip            *tooltip,
                                                AtlasRecordItem       *item,
                                                gboolean               company);
/* @label's accessible description: the company's own spelling in the
 * source, for a screen reader (the tooltip shows only on hover). */
void       atlas_records_cell_describe_company (GtkWidget             *label,
                                                AtlasRecordItem       *item);

G_END_DECLS

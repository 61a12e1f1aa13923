/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-page.h: the Records page — the rows behind the statistics
 * in a column view over an AtlasRecordsModel, for the session's filter, a
 * search in titles and companies, and a sort chosen by a column header and
 * done by SQLite. */
#pragma once

#include <gtk/gtk.h>

#include "atlas-records-model.h"
#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORDS_PAGE (atlas_records_page_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordsPage, atlas_records_page, ATLAS, RECORDS_PAGE, GtkWidget)

GtkWidget         *atlas_records_page_new       (AtlasSession     *session);
AtlasRecordsModel *atlas_records_page_get_model (AtlasRecordsPage *self);
/* Queries anew (the data changed). */
void               atlas_records_page_reload    (AtlasRecordsPage *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-record-detail.h: one record's or figure's detail: every field, the
 * line of the source it came from, the source's licence and URL, the role
 * family and band it counts in and its curation state, with Exclude (a
 * reason) and Restore. */
#pragma once

#include <adwaita.h>

#include "atlas-records-model.h"
#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORD_DETAIL (atlas_record_detail_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordDetail, atlas_record_detail, ATLAS, RECORD_DETAIL, AdwWindow)

/* Shows the row of @item (not a placeholder); after a curation action it
 * reads the row again. */
GtkWidget *atlas_record_detail_new (GtkWindow       *parent,
                                    AtlasSession    *session,
                                    AtlasRecordItem *item);
/* The row shown (for tests). */
const AtlasRecordRow *atlas_record_detail_get_row (AtlasRecordDetail *self);

G_END_DECLS

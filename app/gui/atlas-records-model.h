/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-model.h: the rows of a records query as a GListModel that
 * never holds them all: its length comes from an async count, and a page
 * of rows is read (a query-pool job) the first time one of its items is
 * asked for. Until then the items are placeholders, filled in place (their
 * properties notify) when the page arrives. */
#pragma once

#include <gio/gio.h>

#include "atlas-records.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORD_ITEM (atlas_record_item_get_type ())
G_DECLARE_FINAL_TYPE (AtlasRecordItem, atlas_record_item, ATLAS, RECORD_ITEM, GObject)

/* NULL while the item is a placeholder. */
const AtlasRecordRow *atlas_record_item_get_row (AtlasRecordItem *self);

#define ATLAS_TYPE_RECORDS_MODEL (atlas_records_model_get_type ())
G_DECLARE_FINAL_TYPE (AtlasRecordsModel, atlas_records_model, ATLAS, RECORDS_MODEL, GObject)

#define ATLAS_RECORDS_MODEL_PAGE_SIZE 100

AtlasRecordsModel *atlas_records_model_new       (const char              *db_path);
/* Forgets the rows and counts @query anew (cancelling what was running). */
void               atlas_records_model_set_query (AtlasRecordsModel       *self,
                                                  const AtlasRecordsQuery *query);
/* Reads the same query again in place (after a curation action): the
 * rows keep their positions, so the view keeps its scroll position and
 * selection; a shorter or longer list changes at its end. */
void               atlas_records_model_refresh   (AtlasRecordsModel       *self);
const AtlasRecordsQuery *atlas_records_model_get_query (AtlasRecordsModel *self);
/* TRUE until the count of the current query arrived. */
gboolean           atlas_records_model_get_counting (AtlasRecordsModel    *self);
/* Whether the first rows of a new order are still being read (the list
 * shows none of them meanwhile). */
gboolean           atlas_records_model_get_sorting (AtlasRecordsModel     *self);
/* The count of the current query: records and figures (0 while counting). */
void               atlas_records_model_get_counts (AtlasRecordsModel *self,
                                                   gint64            *n_records,
                                                   gint64            *n_figures);
/* How many pages were read so far (for tests). */
guint              atlas_records_model_get_n_pages_read (AtlasRecordsModel *self);

G_END_DECLS

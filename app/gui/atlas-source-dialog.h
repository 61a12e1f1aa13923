/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-source-dialog.h: add an online feed, or edit one: name, address,
 * format (with a mapping file for generic CSV), licence and attribution.
 * Saving goes through atlas_feed_add_source() on a worker thread; a new
 * feed is only checked there, and added by its first refresh. */
#pragma once

#include <adwaita.h>

#include "atlas-feed.h"
#include "atlas-sources-page.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SOURCE_DIALOG (atlas_source_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSourceDialog, atlas_source_dialog, ATLAS, SOURCE_DIALOG, AdwWindow)

/* @existing NULL: a dialog that adds a feed; otherwise it edits that one. */
AtlasSourceDialog *atlas_source_dialog_new              (GtkWindow             *parent,
                                                         const char            *db_path,
                                                         const AtlasSourceInfo *existing);
gboolean           atlas_source_dialog_get_editing      (AtlasSourceDialog     *self);
/* The format name selected: "salary-atlas-json", "aijobs", …, "csv". */
const char        *atlas_source_dialog_get_format       (AtlasSourceDialog     *self);
gboolean           atlas_source_dialog_set_format       (AtlasSourceDialog     *self,
                                                         const char            *format);
/* The mapping file for the generic CSV format (what the file chooser sets). */
void               atlas_source_dialog_set_mapping_file (AtlasSourceDialog     *self,
                                                         GFile                 *file);
/* TRUE while the feed is being saved. */
gboolean           atlas_source_dialog_get_saving       (AtlasSourceDialog     *self);
/* In the "saved" handler of a new feed: the feed, checked but not yet
 * added (atlas_feed_add_and_refresh_async() adds it); otherwise NULL. */
const AtlasFeedSpec *atlas_source_dialog_get_new_feed (AtlasSourceDialog *self);
/* The last error shown, or NULL. */
const char        *atlas_source_dialog_get_error        (AtlasSourceDialog     *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-dialog.h: imports one file into the window's database: shows
 * the format the importer detects, or maps the columns of a file no format
 * claims (AtlasMappingEditor), then imports it on the query pool with
 * progress and Cancel.  A failed or cancelled import changes nothing (the
 * core's transaction). */
#pragma once

#include <adwaita.h>

#include "atlas-import.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_IMPORT_DIALOG (atlas_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ATLAS, IMPORT_DIALOG, AdwWindow)

/* Signals: "imported" (const AtlasImportResult *result, as a pointer),
 * emitted once the import committed, before the dialog closes;
 * "cancelled", after a cancelled import rolled back. */
AtlasImportDialog *atlas_import_dialog_new (GtkWindow  *parent,
                                            const char *db_path,
                                            GFile      *file);

/* An import runs (the dialog shows its progress). */
gboolean           atlas_import_dialog_get_importing    (AtlasImportDialog *self);
/* Imports as soon as the file is read (the Import button), for tests. */
void               atlas_import_dialog_start_when_ready (AtlasImportDialog *self);

G_END_DECLS

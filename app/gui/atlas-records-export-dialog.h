/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-export-dialog.h: the records of the window's filter written
 * to CSV or JSON, streamed on the query pool (atlas_records_write_full())
 * with progress and Cancel; the file says which filter chose them. */
#pragma once

#include <adwaita.h>

#include "atlas-records.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORDS_EXPORT_DIALOG (atlas_records_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordsExportDialog, atlas_records_export_dialog,
                      ATLAS, RECORDS_EXPORT_DIALOG, AdwWindow)

/* Signal "exported" (GFile *file, gint64 rows): the file is complete; the
 * dialog closes after it. */
AtlasRecordsExportDialog *atlas_records_export_dialog_new       (GtkWindow               *parent,
                                                                 const char              *db_path,
                                                                 const AtlasRecordsQuery *query);
/* Starts the export to @file with the dialog's format (what Export… does
 * once a file is chosen). */
void                      atlas_records_export_dialog_export_to (AtlasRecordsExportDialog *self,
                                                                 GFile                    *file);
void                      atlas_records_export_dialog_set_format (AtlasRecordsExportDialog *self,
                                                                  AtlasRecordsFormat        format);

G_END_DECLS

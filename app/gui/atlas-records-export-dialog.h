/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-export-dialog.h: the records of the window's filter written
 * to CSV or JSON, streamed on the query pool (atlas_records_write_full())
 * with progress and Cancel; or the table behind a chart (one line per
 * group, atlas_chart_table_write()). The file says which filter chose them. */
#pragma once

#include <adwaita.h>

#include "atlas-chart-request.h"
#include "atlas-records.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_RECORDS_EXPORT_DIALOG (atlas_records_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasRecordsExportDialog, atlas_records_export_dialog,
                      ATLAS, RECORDS_EXPORT_DIALOG, AdwWindow)

typedef enum
{
  ATLAS_RECORDS_EXPORT_ROWS,
  ATLAS_RECORDS_EXPORT_CHART_TABLE,
} AtlasRecordsExportContents;

/* Signal "exported" (GFile *file, gint64 rows): the file is complete (rows:
 * records, or the table's lines); the dialog closes after it. */
AtlasRecordsExportDialog *atlas_records_export_dialog_new       (GtkWindow               *parent,
                                                                 const char              *db_path,
                                                                 const AtlasRecordsQuery *query);
/* Starts the export to @file with the dialog's format (what Export… does
 * once a file is chosen). */
void                      atlas_records_export_dialog_export_to (AtlasRecordsExportDialog *self,
                                                                 GFile                    *file);
void                      atlas_records_export_dialog_set_format (AtlasRecordsExportDialog *self,
                                                                  AtlasRecordsFormat        format);
/* Offers the table behind the chart of @request (transfer full) beside the
 * rows; the queries it has no result for run when it is exported. */
void                      atlas_records_export_dialog_set_chart (AtlasRecordsExportDialog *self,
                                                                 AtlasChartRequest        *request);
void                      atlas_records_export_dialog_set_contents (AtlasRecordsExportDialog  *self,
                                                                    AtlasRecordsExportContents contents);
AtlasRecordsExportContents atlas_records_export_dialog_get_contents (AtlasRecordsExportDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-export-dialog.h: export the shown chart to PNG, SVG or PDF (size,
 * scale, light or dark), through the same engine call as the command line. */
#pragma once

#include <adwaita.h>

#include "atlas-chart-view.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EXPORT_DIALOG (atlas_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ATLAS, EXPORT_DIALOG, AdwWindow)

AtlasExportDialog *atlas_export_dialog_new       (GtkWindow          *parent,
                                                  GSettings          *settings,
                                                  AtlasChartView     *view);
/* Writes the chart to @file with the dialog's options; the format comes
 * from the file's extension, or from the Format row when it has none. */
gboolean           atlas_export_dialog_export_to (AtlasExportDialog  *self,
                                                  GFile              *file,
                                                  GError            **error);

/* Renders @view's chart as PNG (export size, scale and style from
 * @settings) and puts it on @clipboard. */
gboolean           atlas_export_copy_chart       (AtlasChartView     *view,
                                                  GSettings          *settings,
                                                  GdkClipboard       *clipboard,
                                                  GError            **error);

G_END_DECLS

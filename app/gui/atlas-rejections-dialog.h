/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-rejections-dialog.h: the lines an import rejected, "FILE:LINE:
 * reason" each, as the importer wrote them (input quoted safely there). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* @lines: the reported rejections; @n_rejected: all of them (more than
 * reported when the importer stopped listing). */
GtkWindow *atlas_rejections_dialog_new (GtkWindow          *parent,
                                        const char         *source_name,
                                        const char * const *lines,
                                        guint64             n_rejected);

G_END_DECLS

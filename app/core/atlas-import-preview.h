/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-preview.h: a look at a file before it is imported: which
 * format claims it, its header and its first rows, for the window's import
 * dialog to show and to map columns from. */
#pragma once

#include <glib.h>

#include "atlas-import.h"

G_BEGIN_DECLS

typedef struct
{
  /* The format whose detection claims the file (ATLAS_FORMAT_IN_FIGURES for
   * published figures); ATLAS_FORMAT_AUTO when none does and the file needs
   * a mapping (ATLAS_FORMAT_CSV). */
  AtlasFormat  format;
  char         separator;     /* ',' or ';' */
  /* The header's columns and the first rows, as text safe to show: control
   * characters escaped and long cells cut (atlas-quote.h). */
  GStrv        header;
  GPtrArray   *rows;          /* GStrv each */
  /* The header as written (trimmed only), for a mapping to name. */
  GStrv        columns;
} AtlasImportPreview;

/* Reads the first @max_rows rows of @path (at most the first MiB). Fails
 * with ATLAS_IMPORT_ERROR_IO when the file cannot be read and with
 * ATLAS_IMPORT_ERROR_EMPTY when it has no header. */
AtlasImportPreview *atlas_import_preview_file (const char  *path,
                                               guint        max_rows,
                                               GError     **error);
void                atlas_import_preview_free (AtlasImportPreview *preview);

/* The mapping key a column's name suggests ("Job Title" -> "title",
 * "Salary" -> "amount"), or NULL; keys as in atlas_mapping_load(). */
const char         *atlas_import_guess_key    (const char *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasImportPreview, atlas_import_preview_free)

G_END_DECLS

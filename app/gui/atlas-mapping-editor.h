/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-mapping-editor.h: the columns of a file no format claims, mapped
 * to what the generic importer reads (title, company, pay, currency…), with
 * a preview of its first rows; the result is a mapping file's text for
 * atlas_mapping_new_from_data(). */
#pragma once

#include <adwaita.h>

#include "atlas-import-preview.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_MAPPING_EDITOR (atlas_mapping_editor_get_type ())

G_DECLARE_FINAL_TYPE (AtlasMappingEditor, atlas_mapping_editor, ATLAS, MAPPING_EDITOR, AdwBin)

GtkWidget *atlas_mapping_editor_new         (void);
/* Shows @preview's rows and offers its columns, guessing from their names. */
void       atlas_mapping_editor_set_preview (AtlasMappingEditor       *self,
                                             const AtlasImportPreview *preview);
void       atlas_mapping_editor_focus_first (AtlasMappingEditor       *self);
/* The mapping as a mapping file's text, or NULL with a message that says
 * what is missing. */
char      *atlas_mapping_editor_build       (AtlasMappingEditor       *self,
                                             GError                  **error);

G_END_DECLS

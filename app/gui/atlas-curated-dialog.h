/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curated-dialog.h: every exclusion, addition and merge of the
 * user's curation with its reason and date, orphaned entries marked (their
 * row is gone for now), with Restore, Split and Undo Last Action. */
#pragma once

#include <adwaita.h>

#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CURATED_DIALOG (atlas_curated_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasCuratedDialog, atlas_curated_dialog, ATLAS, CURATED_DIALOG, AdwWindow)

GtkWidget *atlas_curated_dialog_new (GtkWindow    *parent,
                                     AtlasSession *session);
/* How many entries it lists, -1 while it reads them (for tests). */
int        atlas_curated_dialog_get_n_entries (AtlasCuratedDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-companies-dialog.h: the companies as the statistics count them,
 * with their record and figure counts and the spellings merged into each;
 * a search over names and spellings; select two or more and merge them
 * into one name, or split a merge. Each action is one curation action
 * (atlas-curation-ui.h: a toast with Undo, every page counts again). */
#pragma once

#include <adwaita.h>

#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_COMPANIES_DIALOG (atlas_companies_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasCompaniesDialog, atlas_companies_dialog, ATLAS, COMPANIES_DIALOG, AdwWindow)

GtkWidget *atlas_companies_dialog_new           (GtkWindow            *parent,
                                                 AtlasSession         *session);
/* How many companies the search shows, -1 while it reads them (for tests). */
int        atlas_companies_dialog_get_n_shown   (AtlasCompaniesDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-add-figure-dialog.h: the form that adds a published figure or a
 * job posting by hand, with its required citation. Each field's error
 * (atlas_addition_check_field()) shows beside it once Add was pressed;
 * the plausibility of the amount is judged on the query pool with the
 * database's rates, like `salary-atlas curate add`. */
#pragma once

#include <adwaita.h>

#include "atlas-curation.h"
#include "atlas-session.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_ADD_FIGURE_DIALOG (atlas_add_figure_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasAddFigureDialog, atlas_add_figure_dialog, ATLAS, ADD_FIGURE_DIALOG,
                      AdwWindow)

GtkWidget   *atlas_add_figure_dialog_new        (GtkWindow            *parent,
                                                 AtlasSession         *session);

/* For tests: the entry of @field (NULL for the experience, a choice, and
 * for the number of reports, which the form does not ask), the error shown
 * beside it (NULL when none), pressing Add, and whether it is adding. */
GtkEditable *atlas_add_figure_dialog_get_entry  (AtlasAddFigureDialog *self,
                                                 AtlasAdditionField    field);
const char  *atlas_add_figure_dialog_get_error  (AtlasAddFigureDialog *self,
                                                 AtlasAdditionField    field);
void         atlas_add_figure_dialog_submit     (AtlasAddFigureDialog *self);
gboolean     atlas_add_figure_dialog_get_busy   (AtlasAddFigureDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-accessible.h: accessibility fixes shared by the window's widgets. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names a button with a mnemonic after both its raw label and the
 * label widget that points at it, so screen readers say "_Export… Export…".
 * This names every such button in @root's tree once, by its label without
 * the underscores, keeping the mnemonic itself. Call it after building a
 * widget's template and after changing a button's label. */
void  atlas_accessible_fix_mnemonics (GtkWidget *root);

/* "_Export…" → "Export…"; "__" stands for one underscore. */
char *atlas_accessible_strip_mnemonic (const char *label);

G_END_DECLS

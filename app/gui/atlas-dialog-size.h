/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-dialog-size.h: dialogs open no wider than the window they belong
 * to, so that on a phone's 360 px nothing is cut off. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Presents @dialog with its default width cut to its transient parent's
 * width. Screenshots look at the dialogs on a phone's width too:
 * ATLAS_TEST_DIALOG_WIDTH (pixels) sets the width instead. */
void atlas_dialog_present (GtkWindow *dialog);

G_END_DECLS

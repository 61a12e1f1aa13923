/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-file-chooser.h: asks for a file to save or open, with GtkFileDialog
 * on GTK 4.10 and later and GtkFileChooserNative on 4.8 (Debian 12). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the file chosen; never when the choice is cancelled or
 * @parent was destroyed first. */
typedef void (*AtlasFileChosenFunc) (GtkWindow *parent,
                                     GFile     *file);

/* A save dialog when @initial_name is set, an open dialog otherwise. */
void atlas_file_chooser_run (GtkWindow           *parent,
                             const char          *title,
                             const char          *accept_label,
                             const char          *initial_name,
                             AtlasFileChosenFunc  chosen);

G_END_DECLS

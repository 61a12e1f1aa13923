/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-wrap-labels.h: libadwaita's rows and groups wrap their titles,
 * subtitles and descriptions between any two characters; measured without
 * a width of their own, GTK lays such a text out one character a line. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void atlas_wrap_labels_limit (GtkWidget *widget);

G_END_DECLS

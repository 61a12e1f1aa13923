/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-about.h: the About window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A new About window over @parent: version, website, issue tracker,
 * copyright, credits, and each data source with its licence. */
GtkWindow *atlas_about_window_new (GtkWindow *parent);

G_END_DECLS

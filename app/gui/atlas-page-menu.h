/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-page-menu.h: the page switcher of a narrow window, a menu button
 * in the header that names the current page and lists them all. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A menu button for the view stack of @title (which must have one). It is
 * visible while @title shows its title instead of its view switcher, that
 * is while the switcher's buttons do not fit; it lists the stack's pages as
 * they are when it is opened. Put it over @title (a GtkOverlay). */
GtkWidget *atlas_page_menu_new (AdwViewSwitcherTitle *title);

G_END_DECLS

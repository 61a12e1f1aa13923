/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-help.h: opening the user help (the Mallard pages in help/C, installed for yelp). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The help URI of @page ("help:salary-atlas/PAGE"), or of the index when
 * @page is NULL. */
char *atlas_help_uri  (const char *page);
/* Opens the help at @page (NULL: the index) in the help viewer. */
void  atlas_help_show (GtkWindow  *parent,
                       const char *page);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-help.c: F1 and the main menu's Help open the user help in the help
 * viewer (yelp) through a help: URI. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-help.h"

char *
atlas_help_uri (const char *page)
{
  if (page == NULL || *page == '\0')
    return g_strdup ("help:" GETTEXT_PACKAGE);

  return g_strconcat ("help:" GETTEXT_PACKAGE "/", page, NULL);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Cannot open the help: %s", error->message);
}
#endif

void
atlas_help_show (GtkWindow  *parent,
                 const char *page)
{
  g_autofree char *uri = atlas_help_uri (page);

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, NULL, launch_cb, NULL);
  }
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

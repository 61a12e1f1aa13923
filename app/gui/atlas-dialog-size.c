/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-dialog-size.c: see the header. */

#include "config.h"

#include "atlas-dialog-size.h"

void
atlas_dialog_present (GtkWindow *dialog)
{
  const char *test_width = g_getenv ("ATLAS_TEST_DIALOG_WIDTH");
  GtkWindow *parent;
  int width, height;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  /* GTK 4.8 takes no NULL here. */
  gtk_window_get_default_size (dialog, &width, &height);
  parent = gtk_window_get_transient_for (dialog);
  if (test_width != NULL && g_ascii_strtoll (test_width, NULL, 10) > 0)
    width = (int) g_ascii_strtoll (test_width, NULL, 10);
  else if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    width = MIN (width, gtk_widget_get_width (GTK_WIDGET (parent)));
  gtk_window_set_default_size (dialog, width, height);
  gtk_window_present (dialog);
}

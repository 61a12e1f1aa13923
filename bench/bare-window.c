/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-window: the baseline of bench-startup.sh, a bare GTK4 window
 * (GtkApplication, GtkWindow, one label) of the size Salary Atlas opens at.
 *
 * With SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME=1 or =any it quits at the "after-paint" of
 * its frame clock after the first frame, the same mechanism as Salary Atlas
 * (app/gui/atlas-window-bench.c), so both measure process start to a painted frame. */

#include <gtk/gtk.h>

static void
after_paint_cb (GdkFrameClock  *clock,
                GtkApplication *app)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_application_quit (G_APPLICATION (app));
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  /* The default size of Salary Atlas (its GSettings schema). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello, world"));
  gtk_window_present (GTK_WINDOW (window));

  /* "1" (first frame with data) and "any" (first frame) are the same here. */
  if (g_strcmp0 (g_getenv ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"), "1") == 0 ||
      g_strcmp0 (g_getenv ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"), "any") == 0)
    g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                      G_CALLBACK (after_paint_cb), app);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("org.salaryatlas.BareWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

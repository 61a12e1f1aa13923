/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-adw-window: what a minimal libadwaita application costs to start, as
 * context for bench/bare-window (the peer of issue 12's start-up row): an
 * AdwApplication with an AdwApplicationWindow holding a header bar and one
 * label, of the size Salary Atlas opens at. Its ratio to the bare GTK window
 * is the part of our start-up that any libadwaita window pays (libadwaita's
 * style sheet and style manager, the header bar, the window's rounded
 * corners drawn by the renderer).
 *
 * With SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME=1 or =any it quits at the
 * "after-paint" of its frame clock after its first frame, as bare-window does. */

#include <adwaita.h>

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
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), "Bare libadwaita window");
  /* The default size of Salary Atlas (its GSettings schema). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello, world"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  if (g_strcmp0 (g_getenv ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"), "1") == 0 ||
      g_strcmp0 (g_getenv ("SALARY_ATLAS_EXIT_AFTER_FIRST_FRAME"), "any") == 0)
    g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                      G_CALLBACK (after_paint_cb), app);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.salaryatlas.BareAdwWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-help.c: the About window names the same website and issue
 * tracker as the metainfo, F1 and the main menu reach the help, and the
 * help URI names the installed help. */

#include "config.h"

#include <adwaita.h>

#include "atlas-about.h"
#include "atlas-application.h"
#include "atlas-help.h"
#include "gui-fixture.h"

/* The text of <url type="@type">…</url> in the metainfo source. */
static char *
metainfo_url (const char *type)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "data", "desktop",
                                            "org.salaryatlas.SalaryAtlas.metainfo.xml.in", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *open_tag = g_strdup_printf ("<url type=\"%s\">", type);
  const char *start;
  const char *end;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  start = strstr (contents, open_tag);
  g_assert_nonnull (start);
  start += strlen (open_tag);
  end = strstr (start, "</url>");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static void
test_about (void)
{
  GtkWindow *about = atlas_about_window_new (NULL);
  AdwAboutWindow *window = ADW_ABOUT_WINDOW (about);
  g_autofree char *homepage = metainfo_url ("homepage");
  g_autofree char *bugtracker = metainfo_url ("bugtracker");

  g_assert_cmpstr (adw_about_window_get_website (window), ==, homepage);
  g_assert_cmpstr (adw_about_window_get_issue_url (window), ==, bugtracker);
  g_assert_nonnull (strstr (adw_about_window_get_copyright (window), "©"));
  g_assert_cmpint (adw_about_window_get_license_type (window), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_version (window), ==, PACKAGE_VERSION);
  g_assert_nonnull (adw_about_window_get_developers (window));
  g_assert_cmpstr (adw_about_window_get_application_icon (window), ==, APP_ID);

  gtk_window_destroy (about);
}

static void
test_help_uri (void)
{
  g_autofree char *index = atlas_help_uri (NULL);
  g_autofree char *page = atlas_help_uri ("box-plots");
  g_autofree char *path = NULL;

  g_assert_cmpstr (index, ==, "help:salary-atlas");
  g_assert_cmpstr (page, ==, "help:salary-atlas/box-plots");

  /* The page it names is one meson installs. */
  path = g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "help", "C", "box-plots.page", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_help_action_and_f1 (void)
{
  g_autoptr(GApplication) app = g_object_new (ATLAS_TYPE_APPLICATION,
                                              "application-id", "org.salaryatlas.SalaryAtlas.Test",
                                              "flags", G_APPLICATION_NON_UNIQUE,
                                              NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;

  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));
}

/* Quitting as soon as the window opens, while its first catalog load (which
 * seeds the new database) runs: the application's shutdown waits for the load, as the
 * process may exit right after it and GIO then frees the seed's resource
 * the load reads (a crash under AddressSanitizer before the wait). */
static void
test_quit_while_loading (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-gui-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  /* In a process of its own: the application's startup runs once per
   * process, and the test above has started one. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_rmdir (dir);
      return;
    }

  g_assert_no_error (error);
  db = g_build_filename (dir, "atlas.db", NULL);
  app = g_object_new (ATLAS_TYPE_APPLICATION,
                      "application-id", "org.salaryatlas.SalaryAtlas.Test",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "db-path", db,
                      NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (g_application_quit), NULL);

  g_assert_cmpint (g_application_run (app, 0, NULL), ==, 0);
  g_assert_true (atlas_catalog_load_wait (0));

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static GMenuModel *
find_primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *model = find_primary_menu (child);
      if (model != NULL)
        return model;
    }
  return NULL;
}

static void
test_menu_has_help (Fixture       *fixture,
                    gconstpointer  data)
{
  GMenuModel *menu;

  fixture_open_window (fixture, "overview");
  menu = find_primary_menu (GTK_WIDGET (fixture->window));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "app.help"));
  g_assert_true (menu_has_action (menu, "app.about"));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run the tests under xvfb-run\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/atlas/gui/help/about", test_about);
  g_test_add_func ("/atlas/gui/help/uri", test_help_uri);
  g_test_add_func ("/atlas/gui/help/action-and-f1", test_help_action_and_f1);
  g_test_add_func ("/atlas/gui/help/quit-while-loading", test_quit_while_loading);
  g_test_add ("/atlas/gui/help/menu", Fixture, NULL, NULL, test_menu_has_help, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-fixture.h: the real window on a new database in a temporary folder,
 * shared by the window tests. */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "atlas-application.h"
#include "atlas-catalog.h"
#include "atlas-window.h"

typedef struct
{
  char        *dir;
  GSettings   *settings;
  AtlasWindow *window;
} Fixture;

/* Spins the main loop until @done returns TRUE; fails after 60 s. */
static inline void
wait_for (gboolean (*done) (Fixture *),
          Fixture   *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the window");
      g_usleep (1000);
    }
}

/* The window shows its data and runs no query. */
static inline gboolean
fixture_window_ready (Fixture *fixture)
{
  return g_strcmp0 (atlas_window_get_state (fixture->window), "content") == 0 &&
         !atlas_window_get_busy (fixture->window);
}

/* Runs the build's salary-atlas with @args (NULL-terminated, without the
 * program) and fails the test unless it exits with 0. */
static inline void
fixture_run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("ATLAS_BUILD_ROOT"), "app", "salary-atlas",
                                           NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("salary-atlas %s failed: %s", args[0], err);
}

/* Fails the test unless the files @a and @b hold the same bytes. */
static inline void
fixture_assert_same_file (const char *a,
                          const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  if (la != lb || memcmp (ca, cb, la) != 0)
    g_error ("%s and %s differ (%" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT " bytes)", a, b, la, lb);
}

/* The application's style sheet, which AdwApplication loads from its
 * resource base path on start-up: the window tests make the window without
 * the application, and without it their windows (and gui-adaptive's
 * screenshots) lacked the padding, badges and sizes a user sees. */
static inline void
fixture_load_style (void)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/salaryatlas/SalaryAtlas/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Opens and shows the window on @db, on @last_view. */
static inline void
fixture_present_window (Fixture    *fixture,
                        const char *db,
                        const char *last_view)
{
  fixture_load_style ();
  fixture->settings = g_settings_new (ATLAS_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "last-view", last_view);

  fixture->window = atlas_window_new_for_path (NULL, fixture->settings, db);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* Opens a window on a new database, on @last_view; GSETTINGS_BACKEND=memory
 * makes every test start from the defaults. */
static inline void
fixture_open_window (Fixture    *fixture,
                     const char *last_view)
{
  g_autofree char *db = NULL;
  GError *error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-gui-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "atlas.db", NULL);
  fixture_present_window (fixture, db, last_view);
}

/* The window on the overview of a new database (in a folder made from
 * @dir_template) that holds @files (NULL-terminated), imported by the
 * command line before the window opens it; returns once it shows them. */
static inline void
fixture_open_imported (Fixture            *fixture,
                       const char         *dir_template,
                       const char * const *files)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *db = NULL;
  GError *error = NULL;

  fixture->dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "atlas.db", NULL);
  g_ptr_array_add (args, g_strdup ("import"));
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, g_strdup (db));
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (files[i]));
  g_ptr_array_add (args, NULL);
  fixture_run_cli ((const char * const *) args->pdata);

  fixture_present_window (fixture, db, "overview");
  wait_for (fixture_window_ready, fixture);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  /* As the application's shutdown does: a catalog load left running when
   * the test program exits reads the seed's resource while GIO frees it. */
  g_assert_true (atlas_catalog_load_wait (60 * G_USEC_PER_SEC));

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

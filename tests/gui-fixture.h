/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-fixture.h: the real window on a new database in a temporary folder,
 * shared by the window tests. */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "atlas-application.h"
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

  fixture->settings = g_settings_new (ATLAS_SETTINGS_SCHEMA);
  g_settings_set_string (fixture->settings, "last-view", last_view);

  fixture->window = atlas_window_new_for_path (NULL, fixture->settings, db);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
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

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-sources.c: the Sources page and the refresh button of the real
 * window, against tests/feed-server.py on 127.0.0.1 serving the real
 * aijobs.net snapshots from ATLAS_SHARED_DATA. Everything goes through the
 * window's actions and the dialogs' actions, as a click would. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <unistd.h>

#include "atlas-chart-view.h"
#include "atlas-feed.h"
#include "atlas-overview-page.h"
#include "atlas-source-dialog.h"
#include "atlas-sources-page.h"
#include "atlas-sources.h"
#include "atlas-store.h"
#include "atlas-window.h"
#include "gui-fixture.h"
#include "fake-network.h"

#define OLD_SNAPSHOT "aijobs-salaries-2024-12-22.csv"
#define NEW_SNAPSHOT "aijobs-salaries-2025-01-19.csv"

/* The server lives as long as the test program. */
static struct
{
  char        *skip_reason;
  char        *root;
  GSubprocess *server;
  char        *base;   /* http://127.0.0.1:PORT */
} server;

static gboolean
window_ready (Fixture *fixture)
{
  return g_strcmp0 (atlas_window_get_state (fixture->window), "content") == 0 &&
         !atlas_window_get_busy (fixture->window) &&
         !atlas_window_get_refreshing (fixture->window);
}

static gboolean
refreshing (Fixture *fixture)
{
  return atlas_window_get_refreshing (fixture->window);
}

static AtlasSourcesPage *
sources_page (Fixture *fixture)
{
  return ATLAS_SOURCES_PAGE (atlas_window_get_page_widget (fixture->window, "sources"));
}

/* A tiny client for the server's control path, through GIO. */
static void
control (const char *query)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autofree char *host = NULL;
  char buffer[4096];
  guint16 port;

  g_assert_cmpint (sscanf (server.base, "http://127.0.0.1:%hu", &port), ==, 1);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf ("GET /_control?%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Connection: close\r\n\r\n", query);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  /* Read the answer so that the change is made before we go on. */
  while (g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                              buffer, sizeof buffer, NULL, &error) > 0)
    ;
  g_assert_no_error (error);
}

static void
server_start (void)
{
  const char *shared = g_getenv ("ATLAS_SHARED_DATA");
  const char *source_root = g_getenv ("ATLAS_SOURCE_ROOT");
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  if (shared == NULL || source_root == NULL)
    {
      server.skip_reason = g_strdup ("ATLAS_SHARED_DATA or ATLAS_SOURCE_ROOT is not set");
      return;
    }
  old_path = g_build_filename (shared, OLD_SNAPSHOT, NULL);
  new_path = g_build_filename (shared, NEW_SNAPSHOT, NULL);
  if (!g_file_test (old_path, G_FILE_TEST_EXISTS) || !g_file_test (new_path, G_FILE_TEST_EXISTS))
    {
      server.skip_reason = g_strdup_printf ("the aijobs.net snapshots are missing from %s", shared);
      return;
    }
  if (python == NULL)
    {
      server.skip_reason = g_strdup ("python3 is not installed");
      return;
    }

  /* Loopback never goes through a proxy from the environment. */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_setenv ("NO_PROXY", "127.0.0.1,localhost", TRUE);
  /* Quick retries, so that the fault tests stay short. */
  g_setenv ("SALARY_ATLAS_FEED_RETRY_DELAY_MS", "20", TRUE);

  server.root = g_dir_make_tmp ("atlas-gui-www-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *old_link = g_build_filename (server.root, OLD_SNAPSHOT, NULL);
    g_autofree char *new_link = g_build_filename (server.root, NEW_SNAPSHOT, NULL);

    g_assert_cmpint (symlink (old_path, old_link), ==, 0);
    g_assert_cmpint (symlink (new_path, new_link), ==, 0);
  }

  script = g_build_filename (source_root, "tests", "feed-server.py", NULL);
  server.server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, python, script, "--root", server.root,
                                    "--alias", "salaries.csv=" OLD_SNAPSHOT, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server.server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  server.base = g_strdup_printf ("http://127.0.0.1:%s", line);
}

static void
server_stop (void)
{
  if (server.server != NULL)
    {
      g_subprocess_force_exit (server.server);
      g_subprocess_wait (server.server, NULL, NULL);
      g_clear_object (&server.server);
    }
  if (server.root != NULL)
    {
      g_autofree char *old_link = g_build_filename (server.root, OLD_SNAPSHOT, NULL);
      g_autofree char *new_link = g_build_filename (server.root, NEW_SNAPSHOT, NULL);

      g_unlink (old_link);
      g_unlink (new_link);
      g_rmdir (server.root);
    }
  g_clear_pointer (&server.root, g_free);
  g_clear_pointer (&server.base, g_free);
  g_clear_pointer (&server.skip_reason, g_free);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_open_window (fixture, "sources");
  wait_for (window_ready, fixture);
}

/* The toplevel of @type that is shown, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
set_row_text (AtlasSourceDialog *dialog,
              const char        *row,
              const char        *text)
{
  GObject *editable = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                     ATLAS_TYPE_SOURCE_DIALOG, row);

  g_assert_nonnull (editable);
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Adds a feed named @name for @path of the server through the dialog. */
static AtlasSourceDialog *
open_add_dialog (Fixture    *fixture,
                 const char *name,
                 const char *path)
{
  AtlasSourceDialog *dialog;
  g_autofree char *url = g_strconcat (server.base, path, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-source", NULL));
  dialog = ATLAS_SOURCE_DIALOG (find_toplevel (ATLAS_TYPE_SOURCE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (atlas_source_dialog_get_editing (dialog));

  set_row_text (dialog, "name_row", name);
  set_row_text (dialog, "url_row", url);
  g_assert_true (atlas_source_dialog_set_format (dialog, "aijobs"));
  set_row_text (dialog, "licence_row", "CC0-1.0");
  set_row_text (dialog, "attribution_row", "aijobs.net salary survey, served from loopback");

  return dialog;
}

static gboolean
source_dialog_gone (Fixture *fixture)
{
  return find_toplevel (ATLAS_TYPE_SOURCE_DIALOG) == NULL;
}

static const char *
toast (Fixture *fixture)
{
  return atlas_window_get_last_toast (fixture->window);
}

static gint64
source_records (Fixture    *fixture,
                const char *name)
{
  const AtlasSourceInfo *info = atlas_sources_page_lookup (sources_page (fixture), name);

  g_assert_nonnull (info);
  return info->records;
}

static void
test_builtin_listed (Fixture       *fixture,
                     gconstpointer  data)
{
  AtlasSourcesPage *page = sources_page (fixture);
  const AtlasSourceInfo *aijobs;
  guint n_embedded = 0;

  g_assert_cmpstr (atlas_window_get_page (fixture->window), ==, "sources");

  /* Opening the database registered the built-in feed, not yet fetched. */
  aijobs = atlas_sources_page_lookup (page, ATLAS_FEED_AIJOBS_NAME);
  g_assert_nonnull (aijobs);
  g_assert_cmpstr (aijobs->url, ==, ATLAS_FEED_AIJOBS_URL);
  g_assert_true (atlas_source_info_is_refreshable (aijobs));
  g_assert_cmpint (aijobs->records, ==, 0);
  g_assert_nonnull (atlas_sources_page_get_row (page, ATLAS_FEED_AIJOBS_NAME));

  /* The embedded default is listed after the feeds, and cannot be
   * refreshed. */
  g_assert_cmpuint (atlas_sources_page_get_n_sources (page), >, 1);
  {
    GtkWidget *row;

    for (row = atlas_sources_page_get_row (page, ATLAS_FEED_AIJOBS_NAME); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        const char *name = g_object_get_data (G_OBJECT (row), "atlas-source");
        const AtlasSourceInfo *info = name ? atlas_sources_page_lookup (page, name) : NULL;

        if (info != NULL && g_strcmp0 (info->kind, "embedded") == 0)
          {
            n_embedded++;
            g_assert_false (atlas_source_info_is_refreshable (info));
          }
      }
  }
  g_assert_cmpuint (n_embedded, >, 0);

  /* On this page the filters do not apply, and are hidden. */
  g_assert_false (gtk_widget_get_visible (atlas_window_get_filter_pane (fixture->window)));
}

static void
test_add_and_refresh (Fixture       *fixture,
                      gconstpointer  data)
{
  AtlasSourceDialog *dialog;
  AtlasOverviewPage *overview;
  AtlasSharedResult *result;

  if (server.skip_reason != NULL)
    {
      g_test_skip (server.skip_reason);
      return;
    }

  control ("alias=salaries.csv&file=" OLD_SNAPSHOT);

  /* Adding a feed fetches it at once: the first snapshot. */
  dialog = open_add_dialog (fixture, "loopback", "/alias/salaries.csv");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  wait_for (refreshing, fixture);
  g_assert_null (find_toplevel (ATLAS_TYPE_SOURCE_DIALOG));
  wait_for (window_ready, fixture);

  g_assert_cmpstr (toast (fixture), ==, "loopback: +71,556 records");
  g_assert_cmpint (source_records (fixture, "loopback"), ==, 71556);
  g_assert_cmpstr (atlas_sources_page_lookup (sources_page (fixture), "loopback")->licence,
                   ==, "CC0-1.0");

  /* The data pages reloaded: the overview now pools records, not figures. */
  overview = ATLAS_OVERVIEW_PAGE (atlas_window_get_page_widget (fixture->window, "overview"));
  result = atlas_chart_view_get_result (atlas_overview_page_get_compare_view (overview));
  g_assert_nonnull (result);
  g_assert_false (atlas_shared_result_get (result)->from_figures);

  /* The server moves on to the next snapshot: +2,745. */
  control ("alias=salaries.csv&file=" NEW_SNAPSHOT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.refresh-source", "s", "loopback"));
  g_assert_true (atlas_window_get_refreshing (fixture->window));
  wait_for (window_ready, fixture);
  g_assert_cmpstr (toast (fixture), ==, "loopback: +2,745 records");
  g_assert_cmpint (source_records (fixture, "loopback"), ==, 74301);
  {
    const AtlasSourceInfo *info = atlas_sources_page_lookup (sources_page (fixture), "loopback");
    g_autofree char *status = atlas_source_info_describe_status (info);

    g_assert_nonnull (info->etag);
    g_assert_nonnull (info->last_modified);
    g_assert_cmpstr (status, ==, "imported: 74,301 records (+2,745)");
  }

  /* Nothing new: a 304, and the toast says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.refresh-source", "s", "loopback"));
  wait_for (window_ready, fixture);
  g_assert_cmpstr (toast (fixture), ==, "loopback: unchanged");
  g_assert_cmpint (source_records (fixture, "loopback"), ==, 74301);
}

/* The header button refreshes every feed; here the built-in one is pointed
 * at the loopback server through the edit dialog, and a failing feed is
 * reported next to it. */
static void
test_refresh_all (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasSourceDialog *dialog;
  g_autofree char *url = NULL;

  if (server.skip_reason != NULL)
    {
      g_test_skip (server.skip_reason);
      return;
    }

  control ("alias=salaries.csv&file=" OLD_SNAPSHOT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.edit-source", "s", ATLAS_FEED_AIJOBS_NAME));
  dialog = ATLAS_SOURCE_DIALOG (find_toplevel (ATLAS_TYPE_SOURCE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (atlas_source_dialog_get_editing (dialog));
  g_assert_cmpstr (atlas_source_dialog_get_format (dialog), ==, "aijobs");
  url = g_strconcat (server.base, "/alias/salaries.csv", NULL);
  set_row_text (dialog, "url_row", url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  g_assert_true (atlas_source_dialog_get_saving (dialog));
  wait_for (source_dialog_gone, fixture);
  wait_for (window_ready, fixture);
  /* Editing does not download; the toast offers to. */
  g_assert_cmpint (source_records (fixture, ATLAS_FEED_AIJOBS_NAME), ==, 0);
  g_assert_nonnull (strstr (toast (fixture), "refresh it"));

  /* A second feed that the server does not have.  Added through the
   * window, its failed first refresh would not keep it (see
   * test_add_fails): it is added as the command line's `sources add`
   * would, without a download. */
  {
    g_autofree char *db = g_build_filename (fixture->dir, "atlas.db", NULL);
    g_autofree char *gone_url = g_strconcat (server.base, "/files/no-such-file.csv", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(AtlasStore) store = atlas_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_true (atlas_feed_add_source (store, "gone", gone_url, "aijobs", NULL, "CC0-1.0",
                                          NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (atlas_window_get_refreshing (fixture->window));
  wait_for (window_ready, fixture);

  /* One outcome per feed, in name order. */
  g_test_message ("toast: %s", toast (fixture));
  g_assert_true (g_str_has_prefix (toast (fixture), "aijobs.net: +71,556 records · gone: "));
  g_assert_cmpint (source_records (fixture, ATLAS_FEED_AIJOBS_NAME), ==, 71556);
  {
    const AtlasSourceInfo *gone = atlas_sources_page_lookup (sources_page (fixture), "gone");

    g_assert_true (g_str_has_prefix (gone->last_status, "failed: "));
    g_assert_cmpint (gone->records, ==, 0);
  }

  /* A refresh of everything is what the automatic refresh counts from. */
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "last-auto-refresh"), >, 0);
}

/* A new feed whose first refresh fails is not kept: the dialog's add and
 * that refresh are one transaction, as in `salary-atlas refresh --url`. */
static void
test_add_fails (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasSourceDialog *dialog;
  g_autofree char *db = g_build_filename (fixture->dir, "atlas.db", NULL);
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (server.skip_reason != NULL)
    {
      g_test_skip (server.skip_reason);
      return;
    }

  n = atlas_sources_page_get_n_sources (sources_page (fixture));
  dialog = open_add_dialog (fixture, "gone", "/files/no-such-file.csv");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  wait_for (refreshing, fixture);
  wait_for (window_ready, fixture);
  g_assert_nonnull (strstr (toast (fixture), "gone: "));
  g_assert_nonnull (strstr (toast (fixture), "404"));

  g_assert_null (atlas_sources_page_lookup (sources_page (fixture), "gone"));
  g_assert_cmpuint (atlas_sources_page_get_n_sources (sources_page (fixture)), ==, n);
  store = atlas_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atlas_sources_find_id (store, "gone"), ==, 0);

  /* The same feed served: added, and its records with it. */
  control ("alias=salaries.csv&file=" OLD_SNAPSHOT);
  dialog = open_add_dialog (fixture, "gone", "/alias/salaries.csv");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  wait_for (refreshing, fixture);
  wait_for (window_ready, fixture);
  g_assert_cmpstr (toast (fixture), ==, "gone: +71,556 records");
  g_assert_cmpint (source_records (fixture, "gone"), ==, 71556);
  g_assert_cmpint (atlas_sources_find_id (store, "gone"), >, 0);
}

static gboolean
dialog_gone (Fixture *fixture)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *confirm;
  guint n;

  n = atlas_sources_page_get_n_sources (sources_page (fixture));

  /* Embedded data cannot be removed: the action does nothing. */
  {
    AtlasSourcesPage *page = sources_page (fixture);
    GtkWidget *row;

    for (row = atlas_sources_page_get_row (page, ATLAS_FEED_AIJOBS_NAME); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        const char *name = g_object_get_data (G_OBJECT (row), "atlas-source");
        const AtlasSourceInfo *info = name ? atlas_sources_page_lookup (page, name) : NULL;

        if (info != NULL && g_strcmp0 (info->kind, "embedded") == 0)
          {
            gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-source", "s", name);
            g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
            break;
          }
      }
  }

  /* A feed asks first; Cancel keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-source",
                                             "s", ATLAS_FEED_AIJOBS_NAME));
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (confirm), ATLAS_FEED_AIJOBS_NAME));
  adw_message_dialog_response (confirm, "cancel");
  gtk_window_destroy (GTK_WINDOW (confirm));
  wait_for (dialog_gone, fixture);
  g_assert_cmpuint (atlas_sources_page_get_n_sources (sources_page (fixture)), ==, n);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-source",
                                             "s", ATLAS_FEED_AIJOBS_NAME));
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "remove");
  gtk_window_destroy (GTK_WINDOW (confirm));
  wait_for (dialog_gone, fixture);

  /* The removal runs on a thread; the window reloads after it. */
  while (atlas_sources_page_lookup (sources_page (fixture), ATLAS_FEED_AIJOBS_NAME) != NULL)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  wait_for (window_ready, fixture);
  g_assert_cmpuint (atlas_sources_page_get_n_sources (sources_page (fixture)), ==, n - 1);
  g_assert_cmpstr (toast (fixture), ==, "“aijobs.net” removed with its records");
}

/* Cancel mid-download: the toast says so and the feed keeps its records. */

static gboolean
downloading (Fixture *fixture)
{
  /* The bar under the header counts bytes and rows once the body arrives. */
  return atlas_window_get_refreshing (fixture->window) &&
         strstr (atlas_window_get_refresh_text (fixture->window), " rows") != NULL;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasSourceDialog *dialog;

  if (server.skip_reason != NULL)
    {
      g_test_skip (server.skip_reason);
      return;
    }

  control ("alias=salaries.csv&file=" OLD_SNAPSHOT);
  dialog = open_add_dialog (fixture, "loopback", "/alias/salaries.csv");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  wait_for (refreshing, fixture);
  wait_for (window_ready, fixture);
  g_assert_cmpint (source_records (fixture, "loopback"), ==, 71556);

  /* The next snapshot, served slowly; cancel once rows are arriving. */
  control ("alias=salaries.csv&file=" NEW_SNAPSHOT);
  control ("fault=slow");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.refresh-source", "s", "loopback"));
  wait_for (downloading, fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel-refresh", NULL));
  wait_for (window_ready, fixture);
  control ("fault=none");

  g_assert_cmpstr (toast (fixture), ==, "loopback: cancelled, nothing changed");
  g_assert_cmpint (source_records (fixture, "loopback"), ==, 71556);
}

/* The automatic refresh: off by default; on, it runs when the interval has
 * passed since the last one, and not again before. */
static void
test_auto_refresh (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 before;

  g_assert_false (g_settings_get_boolean (fixture->settings, "auto-refresh"));
  g_assert_false (atlas_window_get_refreshing (fixture->window));

  if (server.skip_reason != NULL)
    {
      g_test_skip (server.skip_reason);
      return;
    }

  /* Only a loopback feed: the built-in one would go to the internet. */
  control ("alias=salaries.csv&file=" OLD_SNAPSHOT);
  {
    AdwMessageDialog *confirm;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-source",
                                               "s", ATLAS_FEED_AIJOBS_NAME));
    confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    adw_message_dialog_response (confirm, "remove");
    gtk_window_destroy (GTK_WINDOW (confirm));
    while (atlas_sources_page_lookup (sources_page (fixture), ATLAS_FEED_AIJOBS_NAME) != NULL)
      g_main_context_iteration (NULL, TRUE);
    wait_for (window_ready, fixture);
  }
  {
    AtlasSourceDialog *dialog = open_add_dialog (fixture, "loopback", "/alias/salaries.csv");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
    wait_for (refreshing, fixture);
    wait_for (window_ready, fixture);
  }
  g_assert_cmpint (source_records (fixture, "loopback"), ==, 71556);

  /* Last checked an interval ago, but on a metered connection: switching
   * it on waits... */
  control ("alias=salaries.csv&file=" NEW_SNAPSHOT);
  fake_monitor_set (FAKE_MONITOR (g_network_monitor_get_default ()), TRUE, TRUE);
  g_settings_set_uint (fixture->settings, "auto-refresh-interval", 24);
  g_settings_set_int64 (fixture->settings, "last-auto-refresh",
                        g_get_real_time () / G_USEC_PER_SEC - 25 * 3600);
  g_settings_set_boolean (fixture->settings, "auto-refresh", TRUE);
  g_assert_false (atlas_window_get_refreshing (fixture->window));
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "last-auto-refresh"), <,
                   g_get_real_time () / G_USEC_PER_SEC - 24 * 3600);
  /* ...and so does losing the network; leaving the hotspot refreshes at once. */
  fake_monitor_set (FAKE_MONITOR (g_network_monitor_get_default ()), FALSE, FALSE);
  g_assert_false (atlas_window_get_refreshing (fixture->window));
  fake_monitor_set (FAKE_MONITOR (g_network_monitor_get_default ()), TRUE, FALSE);
  g_assert_true (atlas_window_get_refreshing (fixture->window));
  wait_for (window_ready, fixture);
  g_assert_cmpint (source_records (fixture, "loopback"), ==, 74301);
  g_assert_cmpstr (toast (fixture), ==, "loopback: +2,745 records");
  before = g_settings_get_int64 (fixture->settings, "last-auto-refresh");
  g_assert_cmpint (before, >, g_get_real_time () / G_USEC_PER_SEC - 60);

  /* Within the interval nothing runs, even when the setting is touched. */
  g_settings_set_uint (fixture->settings, "auto-refresh-interval", 12);
  g_assert_false (atlas_window_get_refreshing (fixture->window));
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "last-auto-refresh"), ==, before);

  g_settings_set_boolean (fixture->settings, "auto-refresh", FALSE);
}

/* The generic CSV format needs a mapping file: Add waits for one, and a
 * mapping that does not name the amount column is refused with the reason,
 * the dialog staying open. */
static void
test_csv_mapping (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasSourceDialog *dialog;
  g_autofree char *path = g_build_filename (fixture->dir, "bad.map", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-source", NULL));
  dialog = ATLAS_SOURCE_DIALOG (find_toplevel (ATLAS_TYPE_SOURCE_DIALOG));
  g_assert_nonnull (dialog);
  set_row_text (dialog, "name_row", "team csv");
  set_row_text (dialog, "url_row", "https://example.org/salaries.csv");
  g_assert_true (atlas_source_dialog_set_format (dialog, "csv"));
  /* No mapping yet: saving is not possible. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL);
  g_assert_false (atlas_source_dialog_get_saving (dialog));

  g_file_set_contents (path, "[columns]\ntitle=Job Title\n", -1, &error);
  g_assert_no_error (error);
  atlas_source_dialog_set_mapping_file (dialog, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  while (atlas_source_dialog_get_saving (dialog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (atlas_source_dialog_get_error (dialog));
  g_assert_nonnull (strstr (atlas_source_dialog_get_error (dialog), "amount"));
  g_assert_true (find_toplevel (ATLAS_TYPE_SOURCE_DIALOG) == GTK_WINDOW (dialog));
  g_assert_null (atlas_sources_page_lookup (sources_page (fixture), "team csv"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run the tests under xvfb-run\n");
      return 0;
    }

  /* The default network monitor is a fake that the auto-refresh test sets
   * metered; registered before anything asks GIO for the default. */
  g_io_extension_point_register (G_NETWORK_MONITOR_EXTENSION_POINT_NAME);
  g_io_extension_point_implement (G_NETWORK_MONITOR_EXTENSION_POINT_NAME, FAKE_TYPE_MONITOR,
                                  "atlas-fake", G_MAXINT);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/salaryatlas/SalaryAtlas/icons");

  server_start ();

#define ADD(path, func) \
  g_test_add ("/atlas/gui/sources/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("builtin-listed", test_builtin_listed);
  ADD ("add-and-refresh", test_add_and_refresh);
  ADD ("refresh-all", test_refresh_all);
  ADD ("add-fails", test_add_fails);
  ADD ("remove", test_remove);
  ADD ("cancel", test_cancel);
  ADD ("auto-refresh", test_auto_refresh);
  ADD ("csv-mapping", test_csv_mapping);
#undef ADD

  status = g_test_run ();
  server_stop ();

  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-import.c: Import… and Export Records… in the window (issue 11).
 *
 * - Export Records… writes the same bytes as `salary-atlas records` with
 *   the window's filter, in CSV and in JSON: both stream the rows of one
 *   query through atlas_records_write(); its other choice, the table
 *   behind the chart, the same bytes as `salary-atlas export --format`.
 * - An import cancelled half-way (after its first piece of the file) and an
 *   import cancelled from the dialog leave the database as it was: the same
 *   sources with the same record counts (the core's transaction).
 * On real data from ../shared/data; skipped without it. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "atlas-filter-pane.h"
#include "atlas-import-dialog.h"
#include "atlas-records-export-dialog.h"
#include "atlas-sources.h"
#include "atlas-store.h"
#include "atlas-window.h"
#include "gui-fixture.h"

#define AIJOBS "aijobs-salaries-2025-01-19.csv"
#define GLASSDOOR "india-software-salaries-2022-glassdoor.csv"
#define LEVELS "levels-fyi-stem-salaries-2017-2021.csv"

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), name, NULL);
}

static char *
db_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "atlas.db", NULL);
}

/* The window on a database holding the aijobs.net and Glassdoor India
 * files, imported by the command line before it opens. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *aijobs = data_path (AIJOBS);
  g_autofree char *glassdoor = data_path (GLASSDOOR);

  fixture_open_imported (fixture, "atlas-gui-import-XXXXXX",
                         (const char *[]) { aijobs, glassdoor, NULL });
}

/* The toplevel of @type that the window opened, or NULL. */
static GtkWindow *
find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static void
exported_cb (AtlasRecordsExportDialog *dialog,
             GFile                    *file,
             gint64                    rows,
             gint64                   *out)
{
  *out = rows;
}

static void
spin_until (gboolean *done)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!*done)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
    }
}

/* Runs `salary-atlas COMMAND --db DB EXTRA… --region … [--role …]
 * --format FORMAT -o OUTPUT`: the command line given the window's @filter. */
static void
run_cli_with_filter (const char         *command,
                     const char         *db,
                     const char * const *extra,
                     AtlasFilter        *filter,
                     const char         *format,
                     const char         *output)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup (command));
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, g_strdup (db));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, g_strdup ("--region"));
  g_ptr_array_add (args, g_strjoinv (",", filter->regions));
  if (filter->role != NULL)
    {
      g_ptr_array_add (args, g_strdup ("--role"));
      g_ptr_array_add (args, g_strdup (filter->role));
    }
  g_ptr_array_add (args, g_strdup ("--format"));
  g_ptr_array_add (args, g_strdup (format));
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup (output));
  g_ptr_array_add (args, NULL);
  fixture_run_cli ((const char * const *) args->pdata);
}

static gboolean exported_flag;

static void
flag_cb (void)
{
  exported_flag = TRUE;
}

static void
test_export_same_as_cli (Fixture       *fixture,
                         gconstpointer  data)
{
  static const AtlasRecordsFormat formats[] = { ATLAS_RECORDS_FORMAT_CSV, ATLAS_RECORDS_FORMAT_JSON };
  static const char *names[] = { "csv", "json" };
  g_autofree char *db = db_path (fixture);
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  g_autoptr(AtlasFilter) filter = atlas_filter_pane_get_filter (pane);

  /* The window's default filter: regions and a role family, nothing else
   * (what the command line is given below). */
  g_assert_nonnull (filter->regions);
  g_assert_null (filter->experience);
  g_assert_null (filter->title);
  g_assert_null (filter->company);
  g_assert_null (filter->source);
  g_assert_cmpint (filter->year_from, ==, 0);
  g_assert_cmpint (filter->year_to, ==, 0);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *window_path = g_strdup_printf ("%s/window.%s", fixture->dir, names[f]);
      g_autofree char *cli_path = g_strdup_printf ("%s/cli.%s", fixture->dir, names[f]);
      g_autoptr(GFile) file = g_file_new_for_path (window_path);
      AtlasRecordsExportDialog *dialog;
      gint64 rows = -1;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.export-records", NULL));
      dialog = ATLAS_RECORDS_EXPORT_DIALOG (find_dialog (ATLAS_TYPE_RECORDS_EXPORT_DIALOG));
      g_assert_nonnull (dialog);
      atlas_records_export_dialog_set_format (dialog, formats[f]);
      exported_flag = FALSE;
      g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &rows);
      g_signal_connect_swapped (dialog, "exported", G_CALLBACK (flag_cb), NULL);
      atlas_records_export_dialog_export_to (dialog, file);
      spin_until (&exported_flag);
      /* Something was written: the filter matches Indian and US rows. */
      g_assert_cmpint (rows, >, 0);

      run_cli_with_filter ("records", db, NULL, filter, names[f], cli_path);

      fixture_assert_same_file (window_path, cli_path);
      g_unlink (window_path);
      g_unlink (cli_path);
    }
}

/* The dialog's other choice, the table behind the chart shown (the
 * overview's Compare chart), is the file `export --chart compare --format`
 * writes for the same filter and currency mode. */
static void
test_chart_table_same_as_cli (Fixture       *fixture,
                              gconstpointer  data)
{
  static const AtlasRecordsFormat formats[] = { ATLAS_RECORDS_FORMAT_CSV, ATLAS_RECORDS_FORMAT_JSON };
  static const char *names[] = { "csv", "json" };
  g_autofree char *db = db_path (fixture);
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  g_autoptr(AtlasFilter) filter = atlas_filter_pane_get_filter (pane);
  g_autofree char *mode = NULL;

  g_object_get (fixture->window, "currency-mode", &mode, NULL);
  g_assert_nonnull (filter->regions);
  g_assert_null (filter->experience);
  g_assert_null (filter->company);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *window_path = g_strdup_printf ("%s/window-table.%s", fixture->dir, names[f]);
      g_autofree char *cli_path = g_strdup_printf ("%s/cli-table.%s", fixture->dir, names[f]);
      g_autoptr(GFile) file = g_file_new_for_path (window_path);
      g_autofree char *contents = NULL;
      AtlasRecordsExportDialog *dialog;
      gint64 lines = -1;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.export-records", NULL));
      dialog = ATLAS_RECORDS_EXPORT_DIALOG (find_dialog (ATLAS_TYPE_RECORDS_EXPORT_DIALOG));
      g_assert_nonnull (dialog);
      atlas_records_export_dialog_set_contents (dialog, ATLAS_RECORDS_EXPORT_CHART_TABLE);
      g_assert_cmpint (atlas_records_export_dialog_get_contents (dialog), ==,
                       ATLAS_RECORDS_EXPORT_CHART_TABLE);
      atlas_records_export_dialog_set_format (dialog, formats[f]);
      exported_flag = FALSE;
      g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &lines);
      g_signal_connect_swapped (dialog, "exported", G_CALLBACK (flag_cb), NULL);
      atlas_records_export_dialog_export_to (dialog, file);
      spin_until (&exported_flag);
      /* A line per level and region: US and India each have several. */
      g_assert_cmpint (lines, >=, 2);
      g_assert_true (g_file_get_contents (window_path, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "compare"));

      run_cli_with_filter ("export", db,
                           (const char * const[]) { "--chart", "compare", "--currency", mode, NULL },
                           filter, names[f], cli_path);

      fixture_assert_same_file (window_path, cli_path);
      g_unlink (window_path);
      g_unlink (cli_path);
    }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* "name=records" of every source, sorted: what "as it was" compares. */
static char *
describe_sources (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (db, &error);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  sources = atlas_sources_list (store, ATLAS_SOURCES_LIST_COUNT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    {
      const AtlasSource *info = g_ptr_array_index (sources, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s=%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                               info->name, info->records, info->figures));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (",", (char **) lines->pdata);
}

static void
cancel_after_first_piece (guint64  done,
                          guint64  total,
                          gpointer user_data)
{
  g_assert_cmpuint (done, <, total);  /* cancelled before the end */
  g_cancellable_cancel (user_data);
}

static void
test_cancel_rolls_back (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *db = db_path (fixture);
  g_autofree char *levels = data_path (LEVELS);
  g_autofree char *glassdoor = data_path (GLASSDOOR);
  g_autofree char *before = describe_sources (db);
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (db, &error);
  AtlasImportResult result = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (strstr (before, GLASSDOOR "="));

  /* A new source: nothing of it may remain. */
  g_assert_false (atlas_import_file_full (store, levels, NULL, cancel_after_first_piece,
                                          cancellable, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&store, atlas_store_free);
  after = describe_sources (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (strstr (after, LEVELS));
}

static gboolean cancelled_flag;

static void
dialog_cancelled_cb (void)
{
  cancelled_flag = TRUE;
}

static void
test_dialog_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *db = db_path (fixture);
  g_autofree char *levels = data_path (LEVELS);
  g_autofree char *before = describe_sources (db);
  g_autofree char *after = NULL;
  AtlasImportDialog *dialog;

  /* The file a chooser would give (see atlas-window-import.c). */
  g_setenv ("ATLAS_TEST_IMPORT_FILE", levels, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import", NULL));
  g_unsetenv ("ATLAS_TEST_IMPORT_FILE");
  dialog = ATLAS_IMPORT_DIALOG (find_dialog (ATLAS_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  cancelled_flag = FALSE;
  g_signal_connect_swapped (dialog, "cancelled", G_CALLBACK (dialog_cancelled_cb), NULL);
  atlas_import_dialog_start_when_ready (dialog);
  /* Cancel as soon as the import runs: the dialog's Cancel button. */
  while (!atlas_import_dialog_get_importing (dialog))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_close (GTK_WINDOW (dialog));
  spin_until (&cancelled_flag);

  after = describe_sources (db);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  const char *shared = g_getenv ("ATLAS_SHARED_DATA");
  g_autofree char *probe = shared ? g_build_filename (shared, LEVELS, NULL) : NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (probe == NULL || !g_file_test (probe, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("ATLAS_SHARED_DATA does not hold the data files");
      return g_test_run ();
    }

  g_test_add ("/gui-import/export-same-as-cli", Fixture, NULL, fixture_set_up,
              test_export_same_as_cli, fixture_tear_down);
  g_test_add ("/gui-import/chart-table-same-as-cli", Fixture, NULL, fixture_set_up,
              test_chart_table_same_as_cli, fixture_tear_down);
  g_test_add ("/gui-import/cancel-rolls-back", Fixture, NULL, fixture_set_up,
              test_cancel_rolls_back, fixture_tear_down);
  g_test_add ("/gui-import/dialog-cancel", Fixture, NULL, fixture_set_up,
              test_dialog_cancel, fixture_tear_down);

  return g_test_run ();
}

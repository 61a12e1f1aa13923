/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-export.c: the same chart exported from the window (its Export
 * dialog, on the page's chart) and by `salary-atlas export` with the same
 * filter, currency mode, size and theme is the same file, byte for byte:
 * both go through one chart request. On real data (the aijobs.net file and
 * the H-1B data jobs, whose employers fill the companies chart, from
 * ../shared/data), for every chart kind and every currency mode. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "atlas-chart-page.h"
#include "atlas-export-dialog.h"
#include "atlas-filter-pane.h"
#include "atlas-overview-page.h"
#include "atlas-window.h"
#include "gui-fixture.h"

#define AIJOBS "aijobs-salaries-2025-01-19.csv"
#define H1B "h1b-data-jobs-2015-2019.csv"
#define LEVELS "levels-fyi-stem-salaries-2017-2021.csv"

/* The window on a database that holds the aijobs.net file, imported by the
 * command line before the window opens it. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), AIJOBS, NULL);
  g_autofree char *h1b = g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), H1B, NULL);
  /* levels.fyi has years of experience (the career curve) and employers
   * with both US and Indian rows (the company-regions chart). */
  g_autofree char *levels = g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), LEVELS, NULL);

  fixture_open_imported (fixture, "atlas-gui-export-XXXXXX",
                         (const char *[]) { csv, h1b, levels, NULL });
}

static AtlasChartView *
page_chart (Fixture    *fixture,
            const char *page)
{
  GtkWidget *widget = atlas_window_get_page_widget (fixture->window, page);

  g_assert_nonnull (widget);
  if (ATLAS_IS_OVERVIEW_PAGE (widget))
    return atlas_overview_page_get_compare_view (ATLAS_OVERVIEW_PAGE (widget));

  return atlas_chart_page_get_chart_view (ATLAS_CHART_PAGE (widget));
}

/* The command-line options that say what the window's filter says. */
static void
add_filter_args (GPtrArray         *args,
                 const AtlasFilter *filter)
{
  /* The window opens on the default filter: regions and a role family. */
  g_assert_nonnull (filter->regions);
  g_assert_null (filter->experience);
  g_assert_null (filter->title);
  g_assert_null (filter->company);
  g_assert_null (filter->source);
  g_assert_cmpint (filter->year_from, ==, 0);
  g_assert_cmpint (filter->year_to, ==, 0);

  g_ptr_array_add (args, g_strdup ("--region"));
  g_ptr_array_add (args, g_strjoinv (",", filter->regions));
  if (filter->role != NULL)
    {
      g_ptr_array_add (args, g_strdup ("--role"));
      g_ptr_array_add (args, g_strdup (filter->role));
    }
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *ca = NULL;

  g_assert_true (g_file_get_contents (a, &ca, NULL, NULL));
  g_assert_nonnull (strstr (ca, "<svg"));
  fixture_assert_same_file (a, b);
}

static void
test_same_as_cli (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *pages[] = { "compare", "companies", "experience", "distribution", "trend",
                                 "career", "company-regions" };
  static const char *modes[] = { "usd", "local", "ppp" };
  g_autofree char *db = g_build_filename (fixture->dir, "atlas.db", NULL);
  AtlasFilterPane *pane = ATLAS_FILTER_PANE (atlas_window_get_filter_pane (fixture->window));
  g_autoptr(AtlasFilter) filter = atlas_filter_pane_get_filter (pane);
  guint n_compared = 0;

  /* The file has Indian records: the compare chart carries both ratios. */
  g_assert_true (g_strv_contains ((const char * const *) filter->regions, "IN"));

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.currency-mode", "s", modes[m]));
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          gboolean dark = (m + p) % 2 == 1;
          g_autofree char *name = g_strdup_printf ("%s-%s-%s", pages[p], modes[m], dark ? "dark" : "light");
          g_autofree char *window_path = g_strdup_printf ("%s/window-%s.svg", fixture->dir, name);
          g_autofree char *cli_path = g_strdup_printf ("%s/cli-%s.svg", fixture->dir, name);
          g_autoptr(GFile) file = g_file_new_for_path (window_path);
          g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GError) error = NULL;
          AtlasExportDialog *dialog;

          atlas_window_set_page (fixture->window, pages[p]);
          wait_for (fixture_window_ready, fixture);
          /* Something to draw: the command line refuses an empty chart. */
          g_assert_cmpuint (atlas_shared_result_get (atlas_chart_view_get_result (page_chart (fixture, pages[p])))->groups->len,
                            >, 0);

          /* The window's Export, as a person would set it up. */
          g_settings_set_boolean (fixture->settings, "export-dark", dark);
          dialog = atlas_export_dialog_new (GTK_WINDOW (fixture->window), fixture->settings,
                                            page_chart (fixture, pages[p]));
          g_assert_true (atlas_export_dialog_export_to (dialog, file, &error));
          g_assert_no_error (error);
          gtk_window_destroy (GTK_WINDOW (dialog));

          g_ptr_array_add (args, g_strdup ("export"));
          g_ptr_array_add (args, g_strdup ("--db"));
          g_ptr_array_add (args, g_strdup (db));
          g_ptr_array_add (args, g_strdup ("--chart"));
          g_ptr_array_add (args, g_strdup (pages[p]));
          g_ptr_array_add (args, g_strdup ("--currency"));
          g_ptr_array_add (args, g_strdup (modes[m]));
          g_ptr_array_add (args, g_strdup ("--theme"));
          g_ptr_array_add (args, g_strdup (dark ? "dark" : "light"));
          g_ptr_array_add (args, g_strdup_printf ("--width=%u", g_settings_get_uint (fixture->settings, "export-width")));
          g_ptr_array_add (args, g_strdup_printf ("--height=%u", g_settings_get_uint (fixture->settings, "export-height")));
          add_filter_args (args, filter);
          g_ptr_array_add (args, g_strdup ("-o"));
          g_ptr_array_add (args, g_strdup (cli_path));
          g_ptr_array_add (args, NULL);
          fixture_run_cli ((const char * const *) args->pdata);

          assert_same_file (window_path, cli_path);
          n_compared++;
        }
    }

  g_assert_cmpuint (n_compared, ==, G_N_ELEMENTS (pages) * G_N_ELEMENTS (modes));
}

int
main (int    argc,
      char **argv)
{
  const char *data = g_getenv ("ATLAS_SHARED_DATA") ? g_getenv ("ATLAS_SHARED_DATA") : "";
  g_autofree char *csv = g_build_filename (data, AIJOBS, NULL);
  g_autofree char *h1b = g_build_filename (data, H1B, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run the tests under xvfb-run\n");
      return 0;
    }
  if (!g_file_test (csv, G_FILE_TEST_EXISTS) || !g_file_test (h1b, G_FILE_TEST_EXISTS))
    {
      g_print ("1..0 # SKIP %s or %s not found (ATLAS_SHARED_DATA)\n", AIJOBS, H1B);
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/atlas/gui/export/same-as-cli", Fixture, NULL, fixture_set_up, test_same_as_cli,
              fixture_tear_down);

  return g_test_run ();
}

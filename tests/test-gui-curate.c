/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-curate.c: the Add Figure form of the window, opened from the
 * Records page's menu as a person would. A form with wrong fields shows
 * each error beside its field and adds nothing; an amount that is no
 * annual salary is refused by the check with the database's rates, beside
 * the amount; a right form adds exactly one entry to the curation.
 *
 * The figure added is a row of the Glassdoor file in ../shared/data
 * (Infosys, Senior Android Developer, ₹6,00,000 a year, 2022), cited as
 * that file; skipped without it. */

#include "config.h"

#include "atlas-add-figure-dialog.h"
#include "atlas-curation.h"
#include "gui-fixture.h"

#define GLASSDOOR "india-software-salaries-2022-glassdoor.csv"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), GLASSDOOR, NULL);

  fixture_open_imported (fixture, "atlas-gui-curate-XXXXXX", (const char *[]) { csv, NULL });
}

/* The curation entries, read from the database as the command line would. */
static GPtrArray *
list_entries (Fixture *fixture)
{
  g_autofree char *db = g_build_filename (fixture->dir, "atlas.db", NULL);
  g_autoptr(GError) error = NULL;
  AtlasStore *store = atlas_store_open (db, &error);
  GPtrArray *entries;

  g_assert_no_error (error);
  entries = atlas_curation_list (store, &error);
  g_assert_no_error (error);
  atlas_store_free (store);
  return entries;
}

static AtlasAddFigureDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ATLAS_IS_ADD_FIGURE_DIALOG (window))
        return ATLAS_ADD_FIGURE_DIALOG (window);
    }
  return NULL;
}

static void
set (AtlasAddFigureDialog *dialog,
     AtlasAdditionField    field,
     const char           *text)
{
  gtk_editable_set_text (atlas_add_figure_dialog_get_entry (dialog, field), text);
}

static void
spin (void)
{
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_add_figure (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list_entries (fixture);
  g_autoptr(GPtrArray) after = NULL;
  GtkWidget *records = atlas_window_get_page_widget (fixture->window, "records");
  AtlasAddFigureDialog *dialog;
  AtlasCurationEntry *entry;
  gint64 deadline;
  int min_width = 0;

  g_assert_nonnull (records);
  g_assert_true (gtk_widget_activate_action (records, "records.add-figure", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* It fits a phone's 360 px: its page scrolls, its rows wrap. */
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  /* Wrong: no title, an unknown currency, no number, no publisher. */
  set (dialog, ATLAS_ADDITION_FIELD_COUNTRY, "IN");
  set (dialog, ATLAS_ADDITION_FIELD_CURRENCY, "XYZ");
  set (dialog, ATLAS_ADDITION_FIELD_AMOUNT, "six lakh");
  set (dialog, ATLAS_ADDITION_FIELD_YEAR, "2022");
  set (dialog, ATLAS_ADDITION_FIELD_REFERENCE, GLASSDOOR);
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_TITLE));
  atlas_add_figure_dialog_submit (dialog);
  g_assert_false (atlas_add_figure_dialog_get_busy (dialog));
  g_assert_nonnull (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_TITLE));
  g_assert_nonnull (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_CURRENCY));
  g_assert_nonnull (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_AMOUNT));
  g_assert_nonnull (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_PUBLISHER));
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_COUNTRY));
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_YEAR));
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_REFERENCE));
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_CITED_ON));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (atlas_add_figure_dialog_get_entry (dialog, ATLAS_ADDITION_FIELD_CURRENCY)),
                                           "error"));

  /* Fixing a field clears its error at once. */
  set (dialog, ATLAS_ADDITION_FIELD_TITLE, "Senior Android Developer");
  set (dialog, ATLAS_ADDITION_FIELD_COMPANY, "Infosys");
  set (dialog, ATLAS_ADDITION_FIELD_CURRENCY, "inr");
  set (dialog, ATLAS_ADDITION_FIELD_PUBLISHER, "Glassdoor");
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_TITLE));
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_CURRENCY));
  g_assert_nonnull (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_AMOUNT));

  /* ₹15,000 is a month's pay, not a year's: only the rates know, on the pool. */
  set (dialog, ATLAS_ADDITION_FIELD_AMOUNT, "15,000");
  g_assert_null (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_AMOUNT));
  atlas_add_figure_dialog_submit (dialog);
  g_assert_true (atlas_add_figure_dialog_get_busy (dialog));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (atlas_add_figure_dialog_get_busy (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (atlas_add_figure_dialog_get_busy (dialog));
  g_assert_nonnull (strstr (atlas_add_figure_dialog_get_error (dialog, ATLAS_ADDITION_FIELD_AMOUNT),
                            "monthly"));
  spin ();
  after = list_entries (fixture);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* Right: the dialog adds it, closes, and the curation lists one more. */
  set (dialog, ATLAS_ADDITION_FIELD_AMOUNT, "6,00,000");
  atlas_add_figure_dialog_submit (dialog);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (dialog != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (dialog);
  wait_for (fixture_window_ready, fixture);

  after = list_entries (fixture);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  entry = NULL;
  for (guint i = 0; i < after->len; i++)
    {
      AtlasCurationEntry *e = g_ptr_array_index (after, i);

      if (e->kind == ATLAS_CURATION_ADDITION)
        {
          g_assert_null (entry);
          entry = e;
        }
    }
  g_assert_nonnull (entry);
  g_assert_nonnull (strstr (entry->description, "Glassdoor"));
}

int
main (int   argc,
      char *argv[])
{
  const char *shared = g_getenv ("ATLAS_SHARED_DATA");
  g_autofree char *probe = shared ? g_build_filename (shared, GLASSDOOR, NULL) : NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (probe == NULL || !g_file_test (probe, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("ATLAS_SHARED_DATA does not hold the data files");
      return g_test_run ();
    }

  g_test_add ("/gui-curate/add-figure", Fixture, NULL, fixture_set_up, test_add_figure,
              fixture_tear_down);

  return g_test_run ();
}

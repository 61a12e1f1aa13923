/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-window-import.c: Import… (primary menu, Ctrl+O, a file dropped on
 * the window) and Export Records… in the window: the actions, the drop
 * target, and the toast that sums up an import, with a button to the lines
 * it rejected.  The dialogs do the work (atlas-import-dialog.c,
 * atlas-records-export-dialog.c); an import reloads every page. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "atlas-dialog-size.h"
#include "atlas-file-chooser.h"
#include "atlas-import-dialog.h"
#include "atlas-money.h"
#include "atlas-quote.h"
#include "atlas-records-export-dialog.h"
#include "atlas-rejections-dialog.h"
#include "atlas-window-private.h"

/* What the last import rejected, for the toast's button. */
typedef struct
{
  char    *source_name;
  GStrv    lines;
  guint64  rejected;
} Rejections;

static void
rejections_free (gpointer data)
{
  Rejections *rejections = data;

  g_free (rejections->source_name);
  g_strfreev (rejections->lines);
  g_free (rejections);
}

#define REJECTIONS_KEY "atlas-import-rejections"

static void
imported_cb (AtlasWindow             *self,
             const AtlasImportResult *result,
             AtlasImportDialog       *dialog)
{
  g_autofree char *name = atlas_quote (result->source_name);
  g_autofree char *count = atlas_money_group_digits (result->imported, FALSE);
  g_autofree char *message = NULL;
  Rejections *rejections;

  if (result->unchanged)
    /* Translators: a toast; %s is a file name, then a number of records */
    message = g_strdup_printf (_("“%s” is already imported, unchanged: %s records"), name, count);
  else if (result->rejected > 0)
    {
      g_autofree char *rejected = atlas_money_group_digits (result->rejected, FALSE);

      /* Translators: a toast: "1,234 records imported from “x.csv”, 12 lines rejected" */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s records imported from “%s”, %s line rejected",
                                              "%s records imported from “%s”, %s lines rejected",
                                              result->rejected),
                                 count, name, rejected);
    }
  else
    /* Translators: a toast: "1,234 records imported from “x.csv”" */
    message = g_strdup_printf (_("%s records imported from “%s”"), count, name);

  rejections = g_new0 (Rejections, 1);
  rejections->source_name = g_strdup (name);
  rejections->rejected = result->rejected;
  if (result->rejections != NULL)
    {
      rejections->lines = g_new0 (char *, result->rejections->len + 1);
      for (guint i = 0; i < result->rejections->len; i++)
        rejections->lines[i] = g_strdup (g_ptr_array_index (result->rejections, i));
    }
  g_object_set_data_full (G_OBJECT (self), REJECTIONS_KEY, rejections, rejections_free);

  if (result->rejected > 0 && !result->unchanged)
    _atlas_window_toast_with_action (self, message, _("_Rejected Lines"),
                                     "win.show-rejections", NULL);
  else
    _atlas_window_toast (self, message);
  if (g_strcmp0 (g_getenv ("ATLAS_TEST_DIALOG"), "rejections") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-rejections", NULL);

  /* New records change every page: the session queries them anew. */
  if (!result->unchanged)
    _atlas_window_reload (self);
}

static void
import_cancelled_cb (AtlasWindow       *self,
                     AtlasImportDialog *dialog)
{
  _atlas_window_toast (self, _("Import cancelled: nothing changed"));
}

void
_atlas_window_import_file (AtlasWindow *self,
                           GFile       *file)
{
  AtlasImportDialog *dialog;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  dialog = atlas_import_dialog_new (GTK_WINDOW (self), self->db_path, file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "cancelled", G_CALLBACK (import_cancelled_cb), self,
                           G_CONNECT_SWAPPED);
  atlas_dialog_present (GTK_WINDOW (dialog));
  if (g_strcmp0 (g_getenv ("ATLAS_TEST_DIALOG"), "rejections") == 0)
    atlas_import_dialog_start_when_ready (dialog);
}

static void
import_chosen_cb (GtkWindow *parent,
                  GFile     *file)
{
  _atlas_window_import_file (ATLAS_WINDOW (parent), file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  const char *test_file = g_getenv ("ATLAS_TEST_IMPORT_FILE");

  /* Window tests cannot drive a native file chooser: they name the file. */
  if (test_file != NULL && *test_file != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (test_file);

      _atlas_window_import_file (self, file);
      return;
    }

  atlas_file_chooser_run (GTK_WINDOW (self), _("Import"), _("_Import"), NULL, import_chosen_cb);
}

static void
show_rejections_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  Rejections *rejections = g_object_get_data (G_OBJECT (widget), REJECTIONS_KEY);

  if (rejections == NULL)
    return;

  atlas_dialog_present (atlas_rejections_dialog_new (GTK_WINDOW (widget), rejections->source_name,
                                              (const char * const *) rejections->lines,
                                              rejections->rejected));
}

static void
exported_cb (AtlasWindow              *self,
             GFile                    *file,
             gint64                    rows,
             AtlasRecordsExportDialog *dialog)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = atlas_quote (basename);
  g_autofree char *count = atlas_money_group_digits (rows, FALSE);
  g_autofree char *message = NULL;

  if (atlas_records_export_dialog_get_contents (dialog) == ATLAS_RECORDS_EXPORT_CHART_TABLE)
    /* Translators: a toast after Export Records… wrote a chart's table */
    message = g_strdup_printf (_("Chart table exported to “%s”"), name);
  else
    /* Translators: a toast: "1,234 records exported to “records.csv”" */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record exported to “%s”",
                                            "%s records exported to “%s”", rows),
                               count, name);

  _atlas_window_toast (self, message);
}

static void
export_records_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(AtlasRecordsQuery) query = NULL;
  AtlasRecordsExportDialog *dialog;
  AtlasChartKind kind;

  /* The Records page's rows (its search and sort) when it is built; else
   * the session's filter, in the order of import. */
  if (self->records_page != NULL && ATLAS_IS_RECORDS_PAGE (self->records_page))
    {
      AtlasRecordsModel *model = atlas_records_page_get_model (ATLAS_RECORDS_PAGE (self->records_page));
      const AtlasRecordsQuery *shown = atlas_records_model_get_query (model);

      if (shown != NULL)
        query = atlas_records_query_copy (shown);
    }
  if (query == NULL)
    query = atlas_records_query_new (atlas_session_get_filter (self->session));

  dialog = atlas_records_export_dialog_new (GTK_WINDOW (self), self->db_path, query);
  /* The table behind the chart shown; from a page without one, Compare's. */
  if (!atlas_session_page_get_chart (atlas_session_get_page (self->session), &kind))
    kind = ATLAS_CHART_COMPARE;
  atlas_records_export_dialog_set_chart (dialog, atlas_session_dup_request (self->session, kind));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, G_CONNECT_SWAPPED);
  atlas_dialog_present (GTK_WINDOW (dialog));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AtlasWindow   *self)
{
  GFile *file = NULL;

  if (atlas_window_get_refreshing (self) ||
      g_strcmp0 (atlas_window_get_state (self), "error") == 0)
    return FALSE;

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  else if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      /* One import at a time: the first file. */
      file = files != NULL ? files->data : NULL;
    }
  if (file == NULL)
    return FALSE;

  _atlas_window_import_file (self, file);
  return TRUE;
}

/* Screenshots and window tests open a dialog without a pointer:
 * ATLAS_TEST_DIALOG=import|export-records|companies opens it once the window shows
 * its content (the import's file from ATLAS_TEST_IMPORT_FILE); with
 * "rejections", the import starts at once and its rejected lines show. */
static gboolean
test_dialog_cb (gpointer user_data)
{
  AtlasWindow *self = user_data;
  const char *dialog = g_getenv ("ATLAS_TEST_DIALOG");

  if (g_strcmp0 (atlas_window_get_state (self), "content") != 0 ||
      atlas_window_get_busy (self))
    return G_SOURCE_CONTINUE;

  if (g_strcmp0 (dialog, "export-records") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export-records", NULL);
  else if (g_strcmp0 (dialog, "import") == 0 || g_strcmp0 (dialog, "rejections") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.import", NULL);
  else if (g_strcmp0 (dialog, "companies") == 0)
    gtk_widget_activate_action (atlas_window_get_page_widget (self, "records"), "records.companies",
                                NULL);

  return G_SOURCE_REMOVE;
}

void
_atlas_window_import_init (AtlasWindow *self)
{
  const char *test_dialog = g_getenv ("ATLAS_TEST_DIALOG");

  if (test_dialog != NULL && *test_dialog != '\0')
    g_timeout_add_full (G_PRIORITY_DEFAULT, 200, test_dialog_cb, g_object_ref (self),
                        g_object_unref);

  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
_atlas_window_import_update_actions (AtlasWindow *self)
{
  gboolean content = g_strcmp0 (atlas_window_get_state (self), "content") == 0;
  gboolean usable = g_strcmp0 (atlas_window_get_state (self), "error") != 0;

  /* An import writes while a refresh holds a write transaction: one at a time. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 usable && !atlas_window_get_refreshing (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-records", content);
}

void
_atlas_window_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-records", NULL,
                                   export_records_action);
  gtk_widget_class_install_action (widget_class, "win.show-rejections", NULL,
                                   show_rejections_action);
}

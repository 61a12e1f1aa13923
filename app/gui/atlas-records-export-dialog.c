/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-export-dialog.c: Export Records…
 *
 * The dialog counts the rows of its query first (one pool job), so that the
 * progress can say "n of N".  The export is another pool job: the core
 * writes row by row into a GFileOutputStream from g_file_replace(), which
 * puts the file in place only when it is closed, so a cancelled or failed
 * export leaves no half file behind (nor harms an older one of that name).
 * The worker reports the rows written every thousand rows into a counter
 * that a timeout shows.  The table behind a chart is a few hundred lines:
 * it is written at once, from the chart's request, as the command line's
 * `export --format csv|json` writes it. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-chart-table.h"
#include "atlas-file-chooser.h"
#include "atlas-job-progress.h"
#include "atlas-money.h"
#include "atlas-query-pool.h"
#include "atlas-records-async.h"
#include "atlas-records-export-dialog.h"

struct _AtlasRecordsExportDialog
{
  AdwWindow           parent_instance;

  GtkButton          *cancel_button;
  GtkButton          *export_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkStack           *stack;
  AdwComboRow        *contents_row;
  AdwActionRow       *records_row;
  AdwComboRow        *format_row;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;

  char               *db_path;
  AtlasRecordsQuery  *query;
  char               *description;
  AtlasChartRequest  *request;       /* the chart whose table is offered, or NULL */
  gint64              n_rows;        /* -1 until counted */
  GCancellable       *cancellable;   /* the count, then the export */
  AtlasJobProgress   *progress;
  guint               progress_id;
  gboolean            exporting;
  gboolean            close_when_done;
};

G_DEFINE_FINAL_TYPE (AtlasRecordsExportDialog, atlas_records_export_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_EXPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static AtlasRecordsFormat
selected_format (AtlasRecordsExportDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == 1 ? ATLAS_RECORDS_FORMAT_JSON
                                                            : ATLAS_RECORDS_FORMAT_CSV;
}

static gboolean
table_selected (AtlasRecordsExportDialog *self)
{
  return self->request != NULL && adw_combo_row_get_selected (self->contents_row) == 1;
}

static void
show_error (AtlasRecordsExportDialog *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* The count */

static void
update_records_row (AtlasRecordsExportDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (self->description == NULL)   /* still being built */
    return;
  if (table_selected (self))
    {
      /* Translators: what the chart's table holds: "One line per box, bar
       * or point: United States, India · ML engineer" */
      subtitle = g_strdup_printf (_("One line per box, bar or point: %s"), self->description);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->records_row), _("Chart table"));
      adw_action_row_set_subtitle (self->records_row, subtitle);
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->records_row), _("Records"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->n_rows != 0);
  if (self->n_rows < 0)
    /* Translators: while the records of the filter are counted */
    subtitle = g_strdup_printf (_("Counting… (%s)"), self->description);
  else
    {
      g_autofree char *count = atlas_money_group_digits (self->n_rows, FALSE);

      /* Translators: "12,345 records: United States, India · ML engineer" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record: %s",
                                               "%s records: %s", self->n_rows),
                                  count, self->description);
    }
  adw_action_row_set_subtitle (self->records_row, subtitle);
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AtlasRecordsExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n_records = 0, n_figures = 0;

  if (!atlas_records_count_finish (result, &n_records, &n_figures, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  if (self->exporting)
    return;
  g_clear_object (&self->cancellable);
  self->n_rows = n_records + n_figures;
  /* Nothing to write: a file of headers only helps nobody. */
  update_records_row (self);
}

/* The export */

typedef struct
{
  AtlasRecordsQuery  *query;         /* NULL: the chart's table */
  AtlasChartRequest  *request;       /* the dialog's: it outlives the job */
  AtlasRecordsFormat  format;
  GFile              *file;
  AtlasJobProgress   *progress;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_pointer (&job->query, atlas_records_query_free);
  g_object_unref (job->file);
  atlas_job_progress_unref (job->progress);
  g_free (job);
}

static gpointer
export_func (AtlasStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportJob *job = data;
  g_autoptr(GFileOutputStream) out = NULL;
  gint64 n;

  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return NULL;

  if (job->query != NULL)
    n = atlas_records_write_full (store, job->query, job->format, -1, G_OUTPUT_STREAM (out),
                                  atlas_job_progress_rows_cb, job->progress, cancellable, error);
  else
    n = atlas_chart_table_write (job->request, store, job->format, G_OUTPUT_STREAM (out),
                                 cancellable, error);
  if (n < 0)
    {
      /* A close cancelled at once leaves the file as it was. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      return NULL;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return NULL;

  return g_memdup2 (&n, sizeof n);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  AtlasRecordsExportDialog *self = user_data;
  g_autofree char *done_text = NULL;
  g_autofree char *text = NULL;
  guint64 done;
  gint64 rows;

  atlas_job_progress_get (self->progress, &done, NULL);
  rows = (gint64) done;

  if (table_selected (self))
    {
      gtk_label_set_text (self->progress_label, _("Writing the chart table…"));
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }

  done_text = atlas_money_group_digits (rows, FALSE);
  if (self->n_rows > 0)
    {
      g_autofree char *total_text = atlas_money_group_digits (self->n_rows, FALSE);

      /* Translators: "Writing 4,000 of 12,345 records" */
      text = g_strdup_printf (_("Writing %s of %s records"), done_text, total_text);
      gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) rows / self->n_rows));
    }
  else
    {
      /* Translators: "Writing 4,000 records" (the total is not known yet) */
      text = g_strdup_printf (_("Writing %s records"), done_text);
      gtk_progress_bar_pulse (self->progress_bar);
    }
  gtk_label_set_text (self->progress_label, text);

  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AtlasRecordsExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *n = atlas_query_pool_run_finish (result, &error);
  GFile *file = g_object_get_data (G_OBJECT (self), "atlas-export-file");

  self->exporting = FALSE;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);

  if (n != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file, *n);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->close_when_done || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "options");
  show_error (self, error->message);
}

void
atlas_records_export_dialog_export_to (AtlasRecordsExportDialog *self,
                                       GFile                    *file)
{
  ExportJob *job;

  g_return_if_fail (ATLAS_IS_RECORDS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->exporting)
    return;

  /* A count still running gives way: the total is then not shown. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_error (self, NULL);

  g_clear_pointer (&self->progress, atlas_job_progress_unref);
  self->progress = atlas_job_progress_new ();
  job = g_new0 (ExportJob, 1);
  if (table_selected (self))
    job->request = self->request;
  else
    job->query = atlas_records_query_copy (self->query);
  job->format = selected_format (self);
  job->file = g_object_ref (file);
  job->progress = atlas_job_progress_ref (self->progress);
  g_object_set_data_full (G_OBJECT (self), "atlas-export-file", g_object_ref (file),
                          g_object_unref);

  self->exporting = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  progress_tick_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->progress_id = atlas_job_progress_watch (progress_tick_cb, self);

  atlas_query_pool_run_async (self->db_path, export_func, job, export_job_free, g_free,
                              self->cancellable, export_done_cb, g_object_ref (self));
}

static void
file_chosen_cb (GtkWindow *parent,
                GFile     *file)
{
  atlas_records_export_dialog_export_to (ATLAS_RECORDS_EXPORT_DIALOG (parent), file);
}

static void
export_clicked_cb (AtlasRecordsExportDialog *self)
{
  const char *test_file = g_getenv ("ATLAS_TEST_EXPORT_RECORDS_FILE");
  gboolean json = selected_format (self) == ATLAS_RECORDS_FORMAT_JSON;
  const char *name;

  /* Window tests cannot drive a native file chooser: they name the file. */
  if (test_file != NULL && *test_file != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (test_file);

      atlas_records_export_dialog_export_to (self, file);
      return;
    }

  if (table_selected (self))
    name = json ? "salary-atlas-chart-table.json" : "salary-atlas-chart-table.csv";
  else
    name = json ? "salary-atlas-records.json" : "salary-atlas-records.csv";
  atlas_file_chooser_run (GTK_WINDOW (self), _("Export Records"), _("_Export"), name,
                          file_chosen_cb);
}

static void
cancel_clicked_cb (AtlasRecordsExportDialog *self)
{
  if (!self->exporting)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  atlas_job_progress_cancel (self->progress_label, self->cancel_button, self->cancellable);
}

void
atlas_records_export_dialog_set_format (AtlasRecordsExportDialog *self,
                                        AtlasRecordsFormat        format)
{
  g_return_if_fail (ATLAS_IS_RECORDS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->format_row, format == ATLAS_RECORDS_FORMAT_JSON ? 1 : 0);
}

void
atlas_records_export_dialog_set_chart (AtlasRecordsExportDialog *self,
                                       AtlasChartRequest        *request)
{
  g_autoptr(GtkStringList) items = NULL;
  g_autofree char *table = NULL;

  g_return_if_fail (ATLAS_IS_RECORDS_EXPORT_DIALOG (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!self->exporting);

  g_clear_pointer (&self->request, atlas_chart_request_free);
  self->request = request;

  /* Translators: what Export Records… writes: the filtered rows */
  items = gtk_string_list_new ((const char * const[]) { _("The records"), NULL });
  /* Translators: what Export Records… writes: "The table of “Pay by
   * experience level”" (the chart's title) */
  table = g_strdup_printf (_("The table of “%s”"),
                           atlas_chart_kind_get_title (atlas_chart_request_get_kind (request)));
  gtk_string_list_append (items, table);
  adw_combo_row_set_model (self->contents_row, G_LIST_MODEL (items));
  gtk_widget_set_visible (GTK_WIDGET (self->contents_row), TRUE);
  update_records_row (self);
}

void
atlas_records_export_dialog_set_contents (AtlasRecordsExportDialog   *self,
                                          AtlasRecordsExportContents  contents)
{
  g_return_if_fail (ATLAS_IS_RECORDS_EXPORT_DIALOG (self));
  g_return_if_fail (contents == ATLAS_RECORDS_EXPORT_ROWS || self->request != NULL);

  adw_combo_row_set_selected (self->contents_row,
                              contents == ATLAS_RECORDS_EXPORT_CHART_TABLE ? 1 : 0);
}

AtlasRecordsExportContents
atlas_records_export_dialog_get_contents (AtlasRecordsExportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_RECORDS_EXPORT_DIALOG (self), ATLAS_RECORDS_EXPORT_ROWS);

  return table_selected (self) ? ATLAS_RECORDS_EXPORT_CHART_TABLE : ATLAS_RECORDS_EXPORT_ROWS;
}

static gboolean
atlas_records_export_dialog_close_request (GtkWindow *window)
{
  AtlasRecordsExportDialog *self = ATLAS_RECORDS_EXPORT_DIALOG (window);

  if (self->exporting)
    {
      self->close_when_done = TRUE;
      cancel_clicked_cb (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (atlas_records_export_dialog_parent_class)->close_request (window);
}

static void
atlas_records_export_dialog_dispose (GObject *object)
{
  AtlasRecordsExportDialog *self = ATLAS_RECORDS_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_RECORDS_EXPORT_DIALOG);

  G_OBJECT_CLASS (atlas_records_export_dialog_parent_class)->dispose (object);
}

static void
atlas_records_export_dialog_finalize (GObject *object)
{
  AtlasRecordsExportDialog *self = ATLAS_RECORDS_EXPORT_DIALOG (object);

  g_free (self->db_path);
  g_clear_pointer (&self->query, atlas_records_query_free);
  g_free (self->description);
  g_clear_pointer (&self->request, atlas_chart_request_free);
  g_clear_pointer (&self->progress, atlas_job_progress_unref);

  G_OBJECT_CLASS (atlas_records_export_dialog_parent_class)->finalize (object);
}

static void
atlas_records_export_dialog_class_init (AtlasRecordsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = atlas_records_export_dialog_dispose;
  object_class->finalize = atlas_records_export_dialog_finalize;
  window_class->close_request = atlas_records_export_dialog_close_request;

  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-records-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, contents_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, records_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasRecordsExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_records_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_records_export_dialog_init (AtlasRecordsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));
  self->n_rows = -1;
}

AtlasRecordsExportDialog *
atlas_records_export_dialog_new (GtkWindow               *parent,
                                 const char              *db_path,
                                 const AtlasRecordsQuery *query)
{
  AtlasRecordsExportDialog *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_RECORDS_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->query = atlas_records_query_copy (query);
  /* What the export leaves out is what the statistics leave out. */
  self->query->excluded = ATLAS_RECORDS_WITHOUT_EXCLUDED;
  self->description = atlas_filter_describe (query->filter);
  if (query->search != NULL && *query->search != '\0')
    {
      g_autofree char *with_search = g_strdup_printf ("%s · “%s”", self->description, query->search);

      g_free (self->description);
      self->description = g_steal_pointer (&with_search);
    }
  update_records_row (self);

  self->cancellable = g_cancellable_new ();
  atlas_records_count_async (db_path, self->query, self->cancellable, count_done_cb,
                             g_object_ref (self));
  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-dialog.c: a file's way into the database from the window.
 *
 * The dialog reads the file's first rows off the main thread
 * (atlas_import_preview_file(), the importer's own detection), then either
 * names the detected format or shows the mapping editor.  The import is a
 * job of the query pool (atlas_import_file_full() on the worker's
 * connection): the worker stores the bytes read in a shared counter that a
 * timeout shows, and Cancel cancels the job, which the core rolls back. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-import-dialog.h"
#include "atlas-import-preview.h"
#include "atlas-job-progress.h"
#include "atlas-mapping-editor.h"
#include "atlas-quote.h"
#include "atlas-query-pool.h"

/* Rows read for the preview. */
#define PREVIEW_ROWS 5
/* Rejected lines the window can list. */
#define MAX_REJECTIONS 1000

struct _AtlasImportDialog
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkButton          *cancel_button;
  GtkButton          *import_button;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkStack           *stack;
  AdwActionRow       *file_row;
  AdwActionRow       *format_row;
  AtlasMappingEditor *mapping_editor;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;

  char               *db_path;
  GFile              *file;
  char               *path;
  char               *display_name;    /* the basename, quoted safely */
  AtlasFormat         format;          /* AUTO: a mapping is needed */
  GCancellable       *cancellable;     /* the preview or the import */
  AtlasJobProgress   *progress;        /* shared with the worker */
  guint               progress_id;
  gboolean            importing;
  gboolean            close_when_done;
  gboolean            start_when_ready;
};

G_DEFINE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORTED, SIGNAL_CANCELLED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A format's name for people. */
static const char *
format_label (AtlasFormat format)
{
  switch (format)
    {
    case ATLAS_FORMAT_AIJOBS:
      return _("aijobs.net salary index");
    case ATLAS_FORMAT_H1B:
      return _("H-1B salary data");
    case ATLAS_FORMAT_DOL_LCA:
      return _("US DOL LCA disclosure data");
    case ATLAS_FORMAT_GLASSDOOR_IN:
      return _("Glassdoor India salaries");
    case ATLAS_FORMAT_LEVELS_FYI:
      return _("levels.fyi salaries");
    case ATLAS_FORMAT_IN_FIGURES:
      return _("Published Indian salary figures");
    case ATLAS_FORMAT_CSV:
    case ATLAS_FORMAT_AUTO:
    default:
      return _("CSV with mapped columns");
    }
}

static void
show_error (AtlasImportDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* The preview */

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  AtlasImportPreview *preview = atlas_import_preview_file (task_data, PREVIEW_ROWS, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) atlas_import_preview_free);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (object);
  g_autoptr(AtlasImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_object (&self->cancellable);
  if (preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_stack_set_visible_child_name (self->stack, "detected");
          adw_action_row_set_subtitle (self->format_row, _("Cannot be read"));
          show_error (self, error->message);
        }
      return;
    }

  self->format = preview->format;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  if (self->format == ATLAS_FORMAT_AUTO)
    {
      /* Translators: the title of the import dialog when the columns must be mapped */
      adw_window_title_set_title (self->window_title, _("Map Columns"));
      atlas_mapping_editor_set_preview (self->mapping_editor, preview);
      gtk_stack_set_visible_child_name (self->stack, "mapping");
      /* The first thing to do is to choose the job title's column. */
      atlas_mapping_editor_focus_first (self->mapping_editor);
    }
  else
    {
      adw_action_row_set_subtitle (self->format_row, format_label (self->format));
      gtk_stack_set_visible_child_name (self->stack, "detected");
      gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
    }
  if (self->start_when_ready)
    gtk_widget_activate (GTK_WIDGET (self->import_button));
}

gboolean
atlas_import_dialog_get_importing (AtlasImportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_IMPORT_DIALOG (self), FALSE);

  return self->importing;
}

void
atlas_import_dialog_start_when_ready (AtlasImportDialog *self)
{
  g_return_if_fail (ATLAS_IS_IMPORT_DIALOG (self));

  self->start_when_ready = TRUE;
}

/* The import */

typedef struct
{
  char         *path;
  char         *mapping_text;  /* NULL: the detected format */
  AtlasFormat   format;
  AtlasJobProgress *progress;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->path);
  g_free (job->mapping_text);
  atlas_job_progress_unref (job->progress);
  g_free (job);
}

static void
import_result_free (gpointer data)
{
  atlas_import_result_clear (data);
  g_free (data);
}

static gpointer
import_func (AtlasStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportJob *job = data;
  g_autoptr(AtlasMapping) mapping = NULL;
  AtlasImportOptions options = { 0 };
  AtlasImportResult *result;

  if (job->mapping_text != NULL)
    {
      /* Translators: names the mapping in the importer's messages */
      mapping = atlas_mapping_new_from_data (job->mapping_text, strlen (job->mapping_text),
                                             _("the column mapping"), error);
      if (mapping == NULL)
        return NULL;
      options.format = ATLAS_FORMAT_CSV;
      options.mapping = mapping;
    }
  else
    options.format = job->format;
  options.max_reported_rejections = MAX_REJECTIONS;

  result = g_new0 (AtlasImportResult, 1);
  if (!atlas_import_file_full (store, job->path, &options, atlas_job_progress_bytes_cb,
                               job->progress,
                               cancellable, result, error))
    {
      import_result_free (result);
      return NULL;
    }

  return result;
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  AtlasImportDialog *self = user_data;
  guint64 done, total;

  atlas_job_progress_get (self->progress, &done, &total);

  if (total > 0)
    {
      g_autofree char *done_text = g_format_size (done);
      g_autofree char *total_text = g_format_size (total);
      /* Translators: "Importing salaries.csv: 3.2 MB of 6.1 MB" */
      g_autofree char *text = g_strdup_printf (_("Importing %s: %s of %s"), self->display_name,
                                               done_text, total_text);

      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      gtk_label_set_text (self->progress_label, text);
    }
  else
    gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
import_ended (AtlasImportDialog *self)
{
  self->importing = FALSE;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(AtlasImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  AtlasImportResult *result = atlas_query_pool_run_finish (res, &error);

  import_ended (self);

  if (result != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, result);
      import_result_free (result);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* Back where the user can change something and try again. */
  gtk_stack_set_visible_child_name (self->stack,
                                    self->format == ATLAS_FORMAT_AUTO ? "mapping" : "detected");
  show_error (self, error->message);
}

static void
import_clicked_cb (AtlasImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mapping_text = NULL;
  g_autofree char *text = NULL;
  ImportJob *job;

  if (self->importing)
    return;

  if (self->format == ATLAS_FORMAT_AUTO)
    {
      mapping_text = atlas_mapping_editor_build (self->mapping_editor, &error);
      if (mapping_text == NULL)
        {
          show_error (self, error->message);
          return;
        }
    }
  show_error (self, NULL);

  g_clear_pointer (&self->progress, atlas_job_progress_unref);
  self->progress = atlas_job_progress_new ();
  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (self->path);
  job->mapping_text = g_steal_pointer (&mapping_text);
  job->format = self->format;
  job->progress = atlas_job_progress_ref (self->progress);

  self->importing = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  /* Translators: shown until the first bytes are read */
  text = g_strdup_printf (_("Importing %s…"), self->display_name);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->progress_id = atlas_job_progress_watch (progress_tick_cb, self);

  atlas_query_pool_run_async (self->db_path, import_func, job, import_job_free,
                              import_result_free, self->cancellable, import_done_cb,
                              g_object_ref (self));
}

static void
cancel_clicked_cb (AtlasImportDialog *self)
{
  if (!self->importing)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* The job rolls back; the dialog closes when it has. */
  atlas_job_progress_cancel (self->progress_label, self->cancel_button, self->cancellable);
}

static gboolean
atlas_import_dialog_close_request (GtkWindow *window)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (window);

  if (self->importing)
    {
      /* Closed while it imports: cancelled, and closed once rolled back. */
      self->close_when_done = TRUE;
      cancel_clicked_cb (self);
      return TRUE;
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (atlas_import_dialog_parent_class)->close_request (window);
}

static void
atlas_import_dialog_dispose (GObject *object)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (atlas_import_dialog_parent_class)->dispose (object);
}

static void
atlas_import_dialog_finalize (GObject *object)
{
  AtlasImportDialog *self = ATLAS_IMPORT_DIALOG (object);

  g_free (self->db_path);
  g_clear_object (&self->file);
  g_free (self->path);
  g_free (self->display_name);
  g_clear_pointer (&self->progress, atlas_job_progress_unref);

  G_OBJECT_CLASS (atlas_import_dialog_parent_class)->finalize (object);
}

static void
atlas_import_dialog_class_init (AtlasImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = atlas_import_dialog_dispose;
  object_class->finalize = atlas_import_dialog_finalize;
  window_class->close_request = atlas_import_dialog_close_request;

  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (ATLAS_TYPE_MAPPING_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/salaryatlas/SalaryAtlas/atlas-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, mapping_editor);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_import_dialog_init (AtlasImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_fix_mnemonics (GTK_WIDGET (self));
}

AtlasImportDialog *
atlas_import_dialog_new (GtkWindow  *parent,
                         const char *db_path,
                         GFile      *file)
{
  AtlasImportDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ATLAS_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  basename = g_file_get_basename (file);
  self->display_name = atlas_quote (basename);
  self->format = ATLAS_FORMAT_AUTO;
  adw_action_row_set_subtitle (self->file_row, self->display_name);
  adw_window_title_set_subtitle (self->window_title, self->display_name);

  if (self->path == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "detected");
      show_error (self, _("Only files on this computer can be imported"));
      return self;
    }

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, preview_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, preview_thread);

  return self;
}

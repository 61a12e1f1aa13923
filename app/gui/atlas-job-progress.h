/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-job-progress.h: the progress of a long job of the query pool
 * (an import, an export of records) as its dialog shows it.  The worker
 * stores how far it got in a counter that both threads hold; a timeout on
 * the main thread reads it and updates the dialog's label and bar; Cancel
 * says "Cancelling…" until the job has rolled back. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _AtlasJobProgress AtlasJobProgress;

/* The counter: written by the worker, read by the main thread. */
AtlasJobProgress *atlas_job_progress_new   (void);
AtlasJobProgress *atlas_job_progress_ref   (AtlasJobProgress *self);
void              atlas_job_progress_unref (AtlasJobProgress *self);
void              atlas_job_progress_set   (AtlasJobProgress *self,
                                            guint64           done,
                                            guint64           total);
void              atlas_job_progress_get   (AtlasJobProgress *self,
                                            guint64          *done,
                                            guint64          *total);

/* Progress callbacks of the core that store into the counter (user_data):
 * atlas_import_file_full()'s bytes, atlas_records_write_full()'s rows
 * (done; the total stays 0). */
void              atlas_job_progress_bytes_cb (guint64  done,
                                               guint64  total,
                                               gpointer user_data);
void              atlas_job_progress_rows_cb  (gint64   rows,
                                               gpointer user_data);

/* The dialog's side: calls tick (a GSourceFunc returning G_SOURCE_CONTINUE)
 * ten times a second; the id is for g_source_remove(). */
guint             atlas_job_progress_watch    (GSourceFunc tick,
                                               gpointer    user_data);
/* Cancel pressed while the job runs: says so, disables the button until
 * the job ends and cancels it. */
void              atlas_job_progress_cancel   (GtkLabel     *label,
                                               GtkButton    *cancel_button,
                                               GCancellable *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasJobProgress, atlas_job_progress_unref)

G_END_DECLS

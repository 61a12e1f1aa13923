/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-job-progress.c: a counter the pool's worker writes and the main
 * thread reads (an atomic reference-counted box, so a job that outlives its
 * dialog still writes into valid memory), and the few lines of progress and
 * Cancel that the import and records-export dialogs share. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-job-progress.h"

/* How often the dialog shows the counter: smooth enough, and cheap. */
#define TICK_INTERVAL_MS 100

struct _AtlasJobProgress
{
  GMutex  lock;
  guint64 done;
  guint64 total;
};

AtlasJobProgress *
atlas_job_progress_new (void)
{
  AtlasJobProgress *self = g_atomic_rc_box_new0 (AtlasJobProgress);

  g_mutex_init (&self->lock);
  return self;
}

AtlasJobProgress *
atlas_job_progress_ref (AtlasJobProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
atlas_job_progress_clear (gpointer data)
{
  g_mutex_clear (&((AtlasJobProgress *) data)->lock);
}

void
atlas_job_progress_unref (AtlasJobProgress *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, atlas_job_progress_clear);
}

void
atlas_job_progress_set (AtlasJobProgress *self,
                        guint64           done,
                        guint64           total)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->done = done;
  self->total = total;
  g_mutex_unlock (&self->lock);
}

void
atlas_job_progress_get (AtlasJobProgress *self,
                        guint64          *done,
                        guint64          *total)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  if (done != NULL)
    *done = self->done;
  if (total != NULL)
    *total = self->total;
  g_mutex_unlock (&self->lock);
}

void
atlas_job_progress_bytes_cb (guint64  done,
                             guint64  total,
                             gpointer user_data)
{
  atlas_job_progress_set (user_data, done, total);
}

void
atlas_job_progress_rows_cb (gint64   rows,
                            gpointer user_data)
{
  atlas_job_progress_set (user_data, (guint64) MAX (rows, 0), 0);
}

guint
atlas_job_progress_watch (GSourceFunc tick,
                          gpointer    user_data)
{
  g_return_val_if_fail (tick != NULL, 0);

  return g_timeout_add (TICK_INTERVAL_MS, tick, user_data);
}

void
atlas_job_progress_cancel (GtkLabel     *label,
                           GtkButton    *cancel_button,
                           GCancellable *cancellable)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (GTK_IS_BUTTON (cancel_button));

  /* The job rolls back; its dialog says what happened once it has. */
  gtk_label_set_text (label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (cancel_button), FALSE);
  g_cancellable_cancel (cancellable);
}

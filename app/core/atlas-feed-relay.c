/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-relay.c: progress from a refresh's worker thread to the main
 * context of its caller.  The worker only stores the latest progress and
 * schedules one idle call when none is pending, so a fast download costs
 * the caller at most one call per main-loop iteration.  The relay is
 * reference-counted: the worker's task data and each pending call hold it. */

#include "config.h"

#include "atlas-feed-private.h"

struct _AtlasFeedRelay
{
  GMainContext          *context;
  AtlasFeedProgressFunc  func;
  gpointer               data;
  GDestroyNotify         notify;
  GMutex                 mutex;
  AtlasFeedProgress      latest;
  gboolean               pending;
  gboolean               done;       /* main context only */
};

/* Not g_main_context_invoke(): it runs the function at once, in the calling
 * (worker) thread, whenever nobody owns the context at that moment. */
static void
relay_schedule (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[salary-atlas] feed progress");
  g_source_attach (source, context);
}

AtlasFeedRelay *
_atlas_feed_relay_new (AtlasFeedProgressFunc func,
                       gpointer              data,
                       GDestroyNotify        notify)
{
  AtlasFeedRelay *self = g_atomic_rc_box_new0 (AtlasFeedRelay);

  self->context = g_main_context_ref_thread_default ();
  self->func = func;
  self->data = data;
  self->notify = notify;
  g_mutex_init (&self->mutex);

  return self;
}

static gboolean
relay_call_notify_cb (gpointer user_data)
{
  AtlasFeedRelay *copy = user_data;

  copy->notify (copy->data);
  g_main_context_unref (copy->context);
  g_free (copy);
  return G_SOURCE_REMOVE;
}

static void
relay_clear (gpointer data)
{
  AtlasFeedRelay *self = data;
  AtlasFeedRelay *copy;

  g_mutex_clear (&self->mutex);

  /* The notify must run where the caller lives, not in the worker. */
  copy = g_memdup2 (self, sizeof *self);
  if (copy->notify != NULL)
    relay_schedule (copy->context, relay_call_notify_cb, copy, NULL);
  else
    {
      g_main_context_unref (copy->context);
      g_free (copy);
    }
}

void
_atlas_feed_relay_release (AtlasFeedRelay *self)
{
  g_atomic_rc_box_release_full (self, relay_clear);
}

static void
relay_release_cb (gpointer self)
{
  _atlas_feed_relay_release (self);
}

static gboolean
relay_dispatch_cb (gpointer user_data)
{
  AtlasFeedRelay *self = user_data;
  AtlasFeedProgress progress;

  g_mutex_lock (&self->mutex);
  progress = self->latest;
  self->pending = FALSE;
  g_mutex_unlock (&self->mutex);

  /* Nothing after the caller was told that the refresh is over. */
  if (!self->done)
    self->func (&progress, self->data);
  return G_SOURCE_REMOVE;
}

void
_atlas_feed_relay_push (const AtlasFeedProgress *progress,
                        gpointer                 relay)
{
  AtlasFeedRelay *self = relay;
  gboolean schedule;

  g_mutex_lock (&self->mutex);
  self->latest = *progress;
  schedule = !self->pending;
  self->pending = TRUE;
  g_mutex_unlock (&self->mutex);

  if (schedule)
    relay_schedule (self->context, relay_dispatch_cb, g_atomic_rc_box_acquire (self),
                    relay_release_cb);
}

void
_atlas_feed_relay_done (AtlasFeedRelay *self)
{
  self->done = TRUE;
}

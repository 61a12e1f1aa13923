/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-runner.c: queries off the main thread. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-query-runner.h"

struct _AtlasSharedResult
{
  AtlasQueryResult *result;
};

G_DEFINE_BOXED_TYPE (AtlasSharedResult, atlas_shared_result,
                     atlas_shared_result_ref, atlas_shared_result_unref)

AtlasSharedResult *
atlas_shared_result_new (AtlasQueryResult *result)
{
  AtlasSharedResult *self;

  g_return_val_if_fail (result != NULL, NULL);

  self = g_atomic_rc_box_new0 (AtlasSharedResult);
  self->result = result;

  return self;
}

AtlasSharedResult *
atlas_shared_result_ref (AtlasSharedResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
shared_result_clear (gpointer data)
{
  AtlasSharedResult *self = data;

  g_clear_pointer (&self->result, atlas_query_result_free);
}

void
atlas_shared_result_unref (AtlasSharedResult *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, shared_result_clear);
}

const AtlasQueryResult *
atlas_shared_result_get (AtlasSharedResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->result;
}

AtlasGroupBy
atlas_slot_get_group_by (AtlasSlot slot)
{
  switch (slot)
    {
    case ATLAS_SLOT_REGION:
    case ATLAS_SLOT_REGION_USD:
    case ATLAS_SLOT_REGION_PPP:
      return ATLAS_GROUP_REGION;
    case ATLAS_SLOT_EXPERIENCE:
      return ATLAS_GROUP_EXPERIENCE;
    case ATLAS_SLOT_COMPANY:
      return ATLAS_GROUP_COMPANY;
    case ATLAS_SLOT_YEAR:
      return ATLAS_GROUP_YEAR;
    case ATLAS_N_SLOTS:
    default:
      g_assert_not_reached ();
    }
}

AtlasCurrencyMode
atlas_slot_get_mode (AtlasSlot         slot,
                     AtlasCurrencyMode chosen)
{
  if (slot == ATLAS_SLOT_REGION_USD)
    return ATLAS_CURRENCY_MODE_USD;
  if (slot == ATLAS_SLOT_REGION_PPP)
    return ATLAS_CURRENCY_MODE_PPP;
  return chosen;
}

typedef struct
{
  char               *db_path;
  AtlasFilter        *filter;
  AtlasCurrencyMode   mode;
  guint               threshold;
  AtlasSlot           slots[ATLAS_N_SLOTS];
  guint               n_slots;
  GCancellable       *cancellable;
  GMainContext       *context;
  AtlasSlotReadyFunc  ready;
  gpointer            user_data;
  GDestroyNotify      user_data_free;
} Job;

typedef struct
{
  Job               *job;
  AtlasSlot          slot;
  AtlasSharedResult *result;
  GError            *error;
  gboolean           last;
} Delivery;

static void
job_free (Job *job)
{
  if (job->user_data_free != NULL)
    job->user_data_free (job->user_data);
  g_free (job->db_path);
  atlas_filter_free (job->filter);
  g_clear_object (&job->cancellable);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
deliver_cb (gpointer data)
{
  Delivery *delivery = data;
  Job *job = delivery->job;

  if (!g_cancellable_is_cancelled (job->cancellable))
    job->ready (delivery->slot, delivery->result, delivery->error, job->user_data);

  g_clear_pointer (&delivery->result, atlas_shared_result_unref);
  g_clear_error (&delivery->error);
  if (delivery->last)
    job_free (job);
  g_free (delivery);

  return G_SOURCE_REMOVE;
}

static void
deliver (Job               *job,
         AtlasSlot          slot,
         AtlasSharedResult *result,
         GError            *error,
         gboolean           last)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  GSource *source;

  delivery->job = job;
  delivery->slot = slot;
  delivery->result = result;
  delivery->error = error;
  delivery->last = last;
  /* Not g_main_context_invoke(): from a worker thread it would run the
   * callback right here whenever the main thread is not iterating. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, delivery, NULL);
  g_source_set_static_name (source, "[atlas] query result");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

/* SQLite calls this every few thousand virtual machine steps: a non-zero
 * return interrupts the statement, which is how a newer filter stops an
 * older query that is still running. */
static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static gpointer
job_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(AtlasStore) store = NULL;
  AtlasSharedResult *done[ATLAS_N_SLOTS] = { NULL, };
  /* The last delivery frees @job on the main thread: read nothing from it
   * after that. */
  guint n_slots = job->n_slots;
  GError *error = NULL;
  guint i = 0;

  store = atlas_store_open (job->db_path, &error);
  if (store == NULL)
    {
      deliver (job, job->slots[0], NULL, error, TRUE);
      return NULL;
    }

  sqlite3_progress_handler (atlas_store_get_db (store), 4000, progress_cb, job->cancellable);

  for (i = 0; i < n_slots; i++)
    {
      AtlasSlot slot = job->slots[i];
      AtlasSharedResult *shared = NULL;
      gboolean last = i + 1 == n_slots;
      gint64 started = g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (job->cancellable))
        break;

      /* In USD mode the region result is also the USD one (and likewise for
       * PPP): query it once. */
      for (guint j = 0; j < i && shared == NULL; j++)
        if (done[j] != NULL &&
            atlas_slot_get_group_by (job->slots[j]) == atlas_slot_get_group_by (slot) &&
            atlas_slot_get_mode (job->slots[j], job->mode) == atlas_slot_get_mode (slot, job->mode))
          shared = atlas_shared_result_ref (done[j]);

      if (shared == NULL)
        {
          AtlasQueryResult *result = atlas_query_run (store, job->filter,
                                                      atlas_slot_get_group_by (slot),
                                                      atlas_slot_get_mode (slot, job->mode),
                                                      job->threshold, &error);

          if (result != NULL)
            shared = atlas_shared_result_new (result);
          g_debug ("Query by %s in %s: %.1f ms",
                   atlas_group_by_to_string (atlas_slot_get_group_by (slot)),
                   atlas_currency_mode_to_string (atlas_slot_get_mode (slot, job->mode)),
                   (g_get_monotonic_time () - started) / 1000.0);
        }

      done[i] = shared ? atlas_shared_result_ref (shared) : NULL;
      deliver (job, slot, shared, error, last);
      error = NULL;
      if (last)
        {
          i = n_slots;
          break;
        }
    }

  for (guint j = 0; j < ATLAS_N_SLOTS; j++)
    g_clear_pointer (&done[j], atlas_shared_result_unref);

  if (i < n_slots)
    /* Cancelled: let the main thread free the job. */
    deliver (job, ATLAS_SLOT_REGION, NULL, NULL, TRUE);

  return NULL;
}

void
atlas_query_runner_run (const char         *db_path,
                        const AtlasFilter  *filter,
                        AtlasCurrencyMode   mode,
                        guint               small_sample_threshold,
                        const AtlasSlot    *slots,
                        guint               n_slots,
                        GCancellable       *cancellable,
                        AtlasSlotReadyFunc  ready,
                        gpointer            user_data,
                        GDestroyNotify      user_data_free)
{
  Job *job;
  g_autoptr(GThread) thread = NULL;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (filter != NULL);
  g_return_if_fail (n_slots > 0 && n_slots <= ATLAS_N_SLOTS);
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (ready != NULL);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (db_path);
  job->filter = atlas_filter_copy (filter);
  job->mode = mode;
  job->threshold = small_sample_threshold;
  memcpy (job->slots, slots, n_slots * sizeof *slots);
  job->n_slots = n_slots;
  job->cancellable = g_object_ref (cancellable);
  job->context = g_main_context_ref_thread_default ();
  job->ready = ready;
  job->user_data = user_data;
  job->user_data_free = user_data_free;

  /* A cancelled job may still finish its current statement; a plain thread
   * (not the GTask pool) keeps a slow old query from delaying a new one. */
  thread = g_thread_new ("atlas-query", job_thread, job);
}

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

/* A job is one filter: its slots, reduced to distinct queries (in USD mode
 * the region query in the chosen mode is also the USD one, and likewise for
 * PPP), which both workers of the pool take one at a time, in order. */
typedef struct
{
  AtlasGroupBy      by;
  AtlasCurrencyMode mode;
  AtlasSlot         slots[ATLAS_N_SLOTS];   /* the slots this query serves */
  guint             n_slots;
} Query;

typedef struct
{
  gatomicrefcount     ref_count;
  char               *db_path;
  AtlasFilter        *filter;
  guint               threshold;
  Query               queries[ATLAS_N_SLOTS];
  guint               n_queries;
  int                 next_query;            /* atomic: the next query to take */
  int                 open_failed;           /* atomic: an error was reported */
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
} Delivery;

/* Two workers: the machine this must be fast on has two cores, and a third
 * query in parallel would only take time from the two others and from
 * rendering. */
#define N_WORKERS 2

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

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static gboolean
job_free_cb (gpointer data)
{
  job_free (data);
  return G_SOURCE_REMOVE;
}

/* The user data (the window) is released on the caller's main context,
 * whichever thread drops the last reference. */
static void
job_unref (Job *job)
{
  GSource *source;

  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_free_cb, job, NULL);
  g_source_set_static_name (source, "[atlas] query job done");
  g_source_attach (source, job->context);
  g_source_unref (source);
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
  job_unref (job);
  g_free (delivery);

  return G_SOURCE_REMOVE;
}

/* Takes @result and @error. */
static void
deliver (Job               *job,
         AtlasSlot          slot,
         AtlasSharedResult *result,
         GError            *error)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  GSource *source;

  delivery->job = job_ref (job);
  delivery->slot = slot;
  delivery->result = result;
  delivery->error = error;
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

/* One worker's share of a job: it opens its own connection and takes the
 * job's queries one after another until none is left. Owns a reference to
 * @data. */
static void
worker_func (gpointer data,
             gpointer pool_data)
{
  Job *job = data;
  g_autoptr(AtlasStore) store = NULL;
  GError *error = NULL;
  guint i;

  if (g_cancellable_is_cancelled (job->cancellable) ||
      (guint) g_atomic_int_get (&job->next_query) >= job->n_queries)
    {
      job_unref (job);
      return;
    }

  store = atlas_store_open (job->db_path, &error);
  if (store == NULL)
    {
      /* Reported once, on the first slot, and the job stops there. */
      g_atomic_int_set (&job->next_query, (int) job->n_queries);
      if (g_atomic_int_compare_and_exchange (&job->open_failed, FALSE, TRUE))
        deliver (job, job->queries[0].slots[0], NULL, error);
      else
        g_clear_error (&error);
      job_unref (job);
      return;
    }

  sqlite3_progress_handler (atlas_store_get_db (store), 4000, progress_cb, job->cancellable);

  while ((i = (guint) g_atomic_int_add (&job->next_query, 1)) < job->n_queries &&
         !g_cancellable_is_cancelled (job->cancellable))
    {
      const Query *query = &job->queries[i];
      gint64 started = g_get_monotonic_time ();
      AtlasQueryResult *result;
      AtlasSharedResult *shared = NULL;

      result = atlas_query_run (store, job->filter, query->by, query->mode, job->threshold, &error);
      if (result != NULL)
        shared = atlas_shared_result_new (result);
      g_debug ("Query by %s in %s: %.1f ms",
               atlas_group_by_to_string (query->by),
               atlas_currency_mode_to_string (query->mode),
               (g_get_monotonic_time () - started) / 1000.0);

      if (shared == NULL)
        {
          deliver (job, query->slots[0], NULL, g_steal_pointer (&error));
          continue;
        }

      for (guint s = 0; s < query->n_slots; s++)
        deliver (job, query->slots[s], atlas_shared_result_ref (shared), NULL);
      atlas_shared_result_unref (shared);
    }

  job_unref (job);
}

static GThreadPool *
get_pool (void)
{
  static gsize pool = 0;

  if (g_once_init_enter (&pool))
    {
      g_autoptr(GError) error = NULL;
      GThreadPool *new_pool = g_thread_pool_new (worker_func, NULL, N_WORKERS, FALSE, &error);

      /* Non-exclusive pools do not start threads here, so this cannot fail. */
      g_assert_no_error (error);
      g_once_init_leave (&pool, (gsize) new_pool);
    }

  return (GThreadPool *) pool;
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
  guint n_workers;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (filter != NULL);
  g_return_if_fail (n_slots > 0 && n_slots <= ATLAS_N_SLOTS);
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (ready != NULL);

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref_count);
  job->db_path = g_strdup (db_path);
  job->filter = atlas_filter_copy (filter);
  job->threshold = small_sample_threshold;
  job->cancellable = g_object_ref (cancellable);
  job->context = g_main_context_ref_thread_default ();
  job->ready = ready;
  job->user_data = user_data;
  job->user_data_free = user_data_free;

  for (guint i = 0; i < n_slots; i++)
    {
      AtlasGroupBy by = atlas_slot_get_group_by (slots[i]);
      AtlasCurrencyMode slot_mode = atlas_slot_get_mode (slots[i], mode);
      Query *query = NULL;

      for (guint q = 0; q < job->n_queries && query == NULL; q++)
        if (job->queries[q].by == by && job->queries[q].mode == slot_mode)
          query = &job->queries[q];
      if (query == NULL)
        {
          query = &job->queries[job->n_queries++];
          query->by = by;
          query->mode = slot_mode;
        }
      query->slots[query->n_slots++] = slots[i];
    }

  /* A worker of an older, cancelled job stops at SQLite's next progress
   * callback, so the new job waits for it a fraction of a millisecond. */
  n_workers = MIN (N_WORKERS, job->n_queries);
  for (guint w = 0; w < n_workers; w++)
    g_thread_pool_push (get_pool (), job_ref (job), NULL);
  job_unref (job);
}

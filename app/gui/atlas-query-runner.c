/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-runner.c: the window's queries, on the core's query pool. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-query-async.h"
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
    case ATLAS_SLOT_EXPERIENCE_YEARS:
      return ATLAS_GROUP_EXPERIENCE_YEARS;
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
 * PPP), which go to the core's query pool in order. */
typedef struct
{
  AtlasGroupBy      by;
  AtlasCurrencyMode mode;
  AtlasSlot         slots[ATLAS_N_SLOTS];   /* the slots this query serves */
  guint             n_slots;
} Query;

typedef struct
{
  guint               ref_count;             /* main context only */
  Query               queries[ATLAS_N_SLOTS];
  guint               n_queries;
  gboolean            open_failed;           /* the database error was reported */
  GCancellable       *cancellable;
  AtlasSlotReadyFunc  ready;
  gpointer            user_data;
  GDestroyNotify      user_data_free;
} Job;

/* The queries of a job that read the same rows: one job of the pool, which
 * reads them once for all (atlas_query_run_many()). */
typedef struct
{
  Job   *job;
  guint  indices[ATLAS_N_SLOTS];   /* into job->queries */
  guint  n_indices;
} Pending;

static void
job_unref (Job *job)
{
  if (--job->ref_count > 0)
    return;

  if (job->user_data_free != NULL)
    job->user_data_free (job->user_data);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* The result (or error) of one query of @job. */
static void
query_done (Job              *job,
            const Query      *query,
            AtlasQueryResult *query_result,
            const GError     *error)
{
  if (g_cancellable_is_cancelled (job->cancellable))
    g_clear_pointer (&query_result, atlas_query_result_free);
  else if (query_result == NULL)
    {
      /* A database that cannot be opened fails every query: it is
       * reported once, on the first slot of the job. */
      if (g_error_matches (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_OPEN))
        {
          if (!job->open_failed)
            job->ready (job->queries[0].slots[0], NULL, error, job->user_data);
          job->open_failed = TRUE;
        }
      else
        job->ready (query->slots[0], NULL, error, job->user_data);
    }
  else
    {
      g_autoptr(AtlasSharedResult) shared = atlas_shared_result_new (query_result);

      for (guint s = 0; s < query->n_slots; s++)
        job->ready (query->slots[s], shared, NULL, job->user_data);
    }
}

/* Called in the caller's main context as each pool job finishes. */
static void
pending_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  Job *job = pending->job;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = atlas_query_run_many_finish (result, &error);

  for (guint i = 0; i < pending->n_indices; i++)
    {
      AtlasQueryResult *query_result = NULL;

      if (results != NULL)
        query_result = g_steal_pointer (&g_ptr_array_index (results, i));
      query_done (job, &job->queries[pending->indices[i]], query_result, error);
    }

  g_free (pending);
  job_unref (job);
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
  gboolean grouped[ATLAS_N_SLOTS] = { FALSE };
  Job *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (filter != NULL);
  g_return_if_fail (n_slots > 0 && n_slots <= ATLAS_N_SLOTS);
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (ready != NULL);

  job = g_new0 (Job, 1);
  job->ref_count = 1;
  job->cancellable = g_object_ref (cancellable);
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

  /* The queries that read the same rows go to the pool together, which
   * reads those rows once for them all: on the 1M-record bench database
   * the overview's four queries read the US and India cells in three
   * passes of about 4 ms each (by region, by level, by company), now in
   * two, one on each worker (12.8 -> 7.9 ms of CPU).  The pool starts
   * the groups in the order of their first query, two at a time; a query of
   * an older, cancelled job stops at SQLite's next progress callback. */
  for (guint q = 0; q < job->n_queries; q++)
    {
      guint key = atlas_query_read_key (filter, job->queries[q].by);
      AtlasQuerySpec specs[ATLAS_N_SLOTS];
      Pending *pending;

      if (grouped[q])
        continue;
      pending = g_new0 (Pending, 1);
      pending->job = job;
      for (guint r = q; r < job->n_queries; r++)
        if (!grouped[r] && atlas_query_read_key (filter, job->queries[r].by) == key)
          {
            specs[pending->n_indices].by = job->queries[r].by;
            specs[pending->n_indices].mode = job->queries[r].mode;
            specs[pending->n_indices].with_values = TRUE;
            pending->indices[pending->n_indices++] = r;
            grouped[r] = TRUE;
          }
      job->ref_count++;
      atlas_query_run_many_async (db_path, filter, specs, pending->n_indices,
                                  small_sample_threshold, cancellable, pending_done_cb, pending);
    }
  job_unref (job);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-async.c: see the header. Each call is one query-pool job;
 * the curation functions themselves make each action one transaction. */

#include "config.h"

#include "atlas-curation-async.h"
#include "atlas-query-pool.h"
#include "atlas-records-async.h"

typedef struct
{
  AtlasRecordsQuery    *query;
  AtlasExclusionReason  reason;
  char                 *name;
  AtlasAddition        *addition;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->query, atlas_records_query_free);
  g_free (job->name);
  g_clear_pointer (&job->addition, atlas_addition_free);
  g_free (job);
}

static gpointer
exclude_filter_func (AtlasStore    *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Job *job = data;
  gint64 n = atlas_curation_exclude_filter (store, job->query->filter, job->query->search,
                                            job->reason, NULL, error);

  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

void
atlas_curation_exclude_filter_async (const char              *db_path,
                                     const AtlasRecordsQuery *query,
                                     AtlasExclusionReason     reason,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && query != NULL);

  job = g_new0 (Job, 1);
  job->query = atlas_records_query_copy (query);
  job->reason = reason;
  atlas_query_pool_run_async (db_path, exclude_filter_func, job, job_free, g_free,
                              cancellable, callback, user_data);
}

gint64
atlas_curation_exclude_filter_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_autofree gint64 *n = atlas_query_pool_run_finish (result, error);

  return n != NULL ? *n : -1;
}

static gpointer
list_func (AtlasStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return atlas_curation_list (store, error);
}

void
atlas_curation_list_async (const char          *db_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (db_path != NULL);

  atlas_query_pool_run_async (db_path, list_func, g_new0 (Job, 1), job_free,
                              (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
atlas_curation_list_finish (GAsyncResult  *result,
                            GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

static gpointer
split_func (AtlasStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;

  return atlas_curation_split (store, job->name, error) ? g_strdup ("") : NULL;
}

void
atlas_curation_split_async (const char          *db_path,
                            const char          *name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && name != NULL);

  job = g_new0 (Job, 1);
  job->name = g_strdup (name);
  atlas_query_pool_run_async (db_path, split_func, job, job_free, g_free,
                              cancellable, callback, user_data);
}

/* Adding: the field checks run here, on the pool, because the plausibility
 * of an amount needs the database's exchange rates. */

typedef struct
{
  gint64              id;
  AtlasAdditionField  field;
  char               *message;
} AddResult;

static void
add_result_free (gpointer data)
{
  AddResult *result = data;

  g_free (result->message);
  g_free (result);
}

static gpointer
add_func (AtlasStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;
  g_autoptr(AtlasRates) rates = atlas_rates_load (store, NULL);
  AddResult *result = g_new0 (AddResult, 1);

  result->field = ATLAS_ADDITION_N_FIELDS;
  for (guint f = 0; f < ATLAS_ADDITION_N_FIELDS; f++)
    {
      char *message = atlas_addition_check_field (job->addition, f, rates);

      if (message != NULL)
        {
          result->field = f;
          result->message = message;
          return result;
        }
    }
  result->id = atlas_curation_add (store, job->addition, error);
  if (result->id <= 0)
    {
      add_result_free (result);
      return NULL;
    }
  return result;
}

void
atlas_curation_add_async (const char          *db_path,
                          AtlasAddition       *addition,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && addition != NULL);

  job = g_new0 (Job, 1);
  job->addition = addition;
  atlas_query_pool_run_async (db_path, add_func, job, job_free, add_result_free,
                              cancellable, callback, user_data);
}

gint64
atlas_curation_add_finish (GAsyncResult        *result,
                           AtlasAdditionField  *field,
                           GError             **error)
{
  AddResult *added = atlas_query_pool_run_finish (result, error);
  gint64 id = 0;

  if (field != NULL)
    *field = added != NULL ? added->field : ATLAS_ADDITION_N_FIELDS;
  if (added == NULL)
    return 0;
  if (added->message != NULL)
    g_set_error_literal (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_INVALID,
                         added->message);
  else
    id = added->id;
  add_result_free (added);
  return id;
}

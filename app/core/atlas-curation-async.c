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
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->query, atlas_records_query_free);
  g_free (job->name);
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

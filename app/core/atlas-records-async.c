/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-async.c: records and curation as jobs of the query pool
 * (atlas-query-pool.h), which owns the worker threads and their
 * connections and interrupts a cancelled statement. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-query-pool.h"
#include "atlas-records-async.h"

typedef struct
{
  AtlasRecordsQuery    *query;
  gint64                offset;
  guint                 limit;
  char                 *uid;
  AtlasExclusionReason  reason;
  AtlasRecordsFormat    format;
  GFile                *file;
  AtlasRecordRow       *after;
  AtlasRecordsSort      sort;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->query, atlas_records_query_free);
  g_free (job->uid);
  g_clear_object (&job->file);
  g_clear_pointer (&job->after, atlas_record_row_free);
  g_free (job);
}

static Job *
job_new (const AtlasRecordsQuery *query)
{
  Job *job = g_new0 (Job, 1);

  job->query = query != NULL ? atlas_records_query_copy (query) : NULL;
  return job;
}

/* Count: two numbers in one allocation. */
static gpointer
count_func (AtlasStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  gint64 *counts = g_new0 (gint64, 2);

  if (!atlas_records_count (store, job->query, &counts[0], &counts[1], error))
    g_clear_pointer (&counts, g_free);
  return counts;
}

void
atlas_records_count_async (const char              *db_path,
                           const AtlasRecordsQuery *query,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_return_if_fail (db_path != NULL && query != NULL);

  atlas_query_pool_run_async (db_path, count_func, job_new (query), job_free, g_free,
                              cancellable, callback, user_data);
}

gboolean
atlas_records_count_finish (GAsyncResult  *result,
                            gint64        *n_records,
                            gint64        *n_figures,
                            GError       **error)
{
  g_autofree gint64 *counts = atlas_query_pool_run_finish (result, error);

  if (counts == NULL)
    return FALSE;
  if (n_records != NULL)
    *n_records = counts[0];
  if (n_figures != NULL)
    *n_figures = counts[1];
  return TRUE;
}

static gpointer
page_func (AtlasStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  return atlas_records_page (store, job->query, job->offset, job->limit, job->after, error);
}

void
atlas_records_page_async (const char              *db_path,
                          const AtlasRecordsQuery *query,
                          gint64                   offset,
                          guint                    limit,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && query != NULL && offset >= 0);

  job = job_new (query);
  job->offset = offset;
  job->limit = limit;
  atlas_query_pool_run_async (db_path, page_func, job, job_free,
                              (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

void
atlas_records_page_after_async (const char              *db_path,
                                const AtlasRecordsQuery *query,
                                gint64                   offset,
                                guint                    limit,
                                const AtlasRecordRow    *after,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && query != NULL && offset >= 0);

  job = job_new (query);
  job->offset = offset;
  job->limit = limit;
  job->after = after != NULL ? atlas_record_row_copy (after) : NULL;
  atlas_query_pool_run_async (db_path, page_func, job, job_free,
                              (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

static gpointer
sort_index_func (AtlasStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Job *job = data;

  if (atlas_records_sort_has_index (store, job->sort) ||
      atlas_records_sort_make_index (store, job->sort, error))
    return GINT_TO_POINTER (TRUE);
  return NULL;
}

void
atlas_records_sort_index_async (const char          *db_path,
                                AtlasRecordsSort     sort,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && sort < ATLAS_RECORDS_N_SORTS);

  job = job_new (NULL);
  job->sort = sort;
  atlas_query_pool_run_async (db_path, sort_index_func, job, job_free, NULL, cancellable,
                              callback, user_data);
}

gboolean
atlas_records_sort_index_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return atlas_query_pool_run_finish (result, error) != NULL;
}

GPtrArray *
atlas_records_page_finish (GAsyncResult  *result,
                           GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

static gpointer
get_func (AtlasStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;
  g_autoptr(GError) local_error = NULL;
  AtlasRecordRow *row = atlas_records_get (store, job->uid, &local_error);

  if (row == NULL && local_error == NULL)
    g_set_error (&local_error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_NOT_FOUND,
                 _("The record is no longer in the database"));
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return row;
}

void
atlas_records_get_async (const char          *db_path,
                         const char          *uid,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && uid != NULL);

  job = job_new (NULL);
  job->uid = g_strdup (uid);
  atlas_query_pool_run_async (db_path, get_func, job, job_free,
                              (GDestroyNotify) atlas_record_row_free, cancellable, callback,
                              user_data);
}

AtlasRecordRow *
atlas_records_get_finish (GAsyncResult  *result,
                          GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

static gpointer
write_func (AtlasStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  g_autoptr(GFileOutputStream) out = NULL;
  gint64 n;

  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return NULL;

  n = atlas_records_write (store, job->query, job->format, -1, G_OUTPUT_STREAM (out),
                           cancellable, error);
  if (n < 0)
    {
      /* A cancelled close leaves the file as it was. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      return NULL;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return NULL;

  return g_memdup2 (&n, sizeof n);
}

void
atlas_records_write_async (const char              *db_path,
                           const AtlasRecordsQuery *query,
                           AtlasRecordsFormat       format,
                           GFile                   *file,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && query != NULL && G_IS_FILE (file));

  job = job_new (query);
  job->format = format;
  job->file = g_object_ref (file);
  atlas_query_pool_run_async (db_path, write_func, job, job_free, g_free, cancellable, callback,
                              user_data);
}

gint64
atlas_records_write_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autofree gint64 *n = atlas_query_pool_run_finish (result, error);

  return n != NULL ? *n : -1;
}

/* Curation actions return a description (empty but for undo). */
static gpointer
exclude_func (AtlasStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Job *job = data;

  return atlas_curation_exclude (store, job->uid, job->reason, NULL, error) ? g_strdup ("") : NULL;
}

static gpointer
restore_func (AtlasStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Job *job = data;

  return atlas_curation_restore (store, job->uid, error) ? g_strdup ("") : NULL;
}

static gpointer
undo_func (AtlasStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  char *description = NULL;

  return atlas_curation_undo (store, &description, error) ? description : NULL;
}

void
atlas_curation_exclude_async (const char            *db_path,
                              const char            *uid,
                              AtlasExclusionReason   reason,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && uid != NULL);

  job = job_new (NULL);
  job->uid = g_strdup (uid);
  job->reason = reason;
  atlas_query_pool_run_async (db_path, exclude_func, job, job_free, g_free, cancellable, callback,
                              user_data);
}

void
atlas_curation_restore_async (const char          *db_path,
                              const char          *uid,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && uid != NULL);

  job = job_new (NULL);
  job->uid = g_strdup (uid);
  atlas_query_pool_run_async (db_path, restore_func, job, job_free, g_free, cancellable, callback,
                              user_data);
}

void
atlas_curation_undo_async (const char          *db_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (db_path != NULL);

  atlas_query_pool_run_async (db_path, undo_func, job_new (NULL), job_free, g_free, cancellable,
                              callback, user_data);
}

gboolean
atlas_curation_action_finish (GAsyncResult  *result,
                              char         **description,
                              GError       **error)
{
  g_autofree char *text = atlas_query_pool_run_finish (result, error);

  if (text == NULL)
    return FALSE;
  if (description != NULL)
    *description = g_steal_pointer (&text);
  return TRUE;
}

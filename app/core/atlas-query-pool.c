/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-pool.c: two workers with a connection each (atlas-query-pool.h).
 *
 * A job is a GTask pushed to a GThreadPool of its own (exclusive, so that
 * its two threads, and their connections, serve nothing else).  A worker
 * keeps its connection in a thread-private slot; a job for another
 * database, or for a file that was replaced since (a new inode at the same
 * path), opens a new one. */

#define G_LOG_DOMAIN "atlas-core"

#include "config.h"

#include <glib/gstdio.h>

#include "atlas-query-cache.h"
#include "atlas-query-pool.h"
#include "atlas-store-private.h"

#define N_WORKERS 2

typedef struct
{
  char               *db_path;
  AtlasQueryPoolFunc  func;
  gpointer            data;
  GDestroyNotify      data_free;
  GDestroyNotify      result_free;
} PoolJob;

/* A worker's connection. */
typedef struct
{
  AtlasStore      *store;
  char            *path;
  dev_t            dev;
  ino_t            ino;
  AtlasQueryCache *cache;   /* what its queries read (atlas-query-cache.c) */
} Connection;

static void
connection_free (gpointer data)
{
  Connection *connection = data;

  g_clear_pointer (&connection->cache, _atlas_query_cache_free);
  g_clear_pointer (&connection->store, atlas_store_free);
  g_free (connection->path);
  g_free (connection);
}

static GPrivate worker_connection = G_PRIVATE_INIT (connection_free);

/* Jobs submitted and not yet returned (atlas_query_pool_wait_idle()). */
static GMutex busy_lock;
static GCond busy_cond;
static guint n_busy;

static void
pool_job_free (gpointer data)
{
  PoolJob *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job->db_path);
  g_free (job);
}

AtlasQueryCache *
_atlas_query_cache_for_store (AtlasStore *store)
{
  Connection *connection = g_private_get (&worker_connection);

  if (connection == NULL || connection->store != store)
    return NULL;
  if (connection->cache == NULL)
    connection->cache = _atlas_query_cache_new ();
  _atlas_query_cache_check (connection->cache, store);

  return connection->cache;
}

/* The worker's connection to @path, (re)opened as needed. */
static AtlasStore *
worker_store (const char  *path,
              GError     **error)
{
  Connection *connection = g_private_get (&worker_connection);
  GStatBuf st;
  gboolean exists = g_stat (path, &st) == 0;

  if (connection != NULL &&
      (g_strcmp0 (connection->path, path) != 0 || !exists ||
       st.st_dev != connection->dev || st.st_ino != connection->ino))
    {
      g_private_replace (&worker_connection, NULL);
      connection = NULL;
    }

  if (connection == NULL)
    {
      AtlasStore *store = atlas_store_open (path, error);

      if (store == NULL)
        return NULL;

      connection = g_new0 (Connection, 1);
      connection->store = store;
      connection->path = g_strdup (path);
      /* The file exists now, whether or not it did before the open. */
      if (g_stat (path, &st) == 0)
        {
          connection->dev = st.st_dev;
          connection->ino = st.st_ino;
        }
      g_private_set (&worker_connection, connection);
    }

  return connection->store;
}

static void
worker_run (GTask *task)
{
  PoolJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  AtlasStore *store;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = worker_store (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  atlas_store_set_cancellable (store, cancellable);
  result = job->func (store, job->data, cancellable, &error);
  atlas_store_set_cancellable (store, NULL);

  if (result == NULL && g_cancellable_is_cancelled (cancellable))
    {
      /* An interrupted statement fails with "interrupted": say why. */
      g_clear_error (&error);
      g_task_return_error_if_cancelled (task);
    }
  else if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

static void
worker_func (gpointer data,
             gpointer pool_data)
{
  g_autoptr(GTask) task = data;

  worker_run (task);

  /* The task's callback is queued in the caller's context by now. */
  g_mutex_lock (&busy_lock);
  if (--n_busy == 0)
    g_cond_broadcast (&busy_cond);
  g_mutex_unlock (&busy_lock);
}

static GThreadPool *
get_pool (void)
{
  static gsize pool = 0;

  if (g_once_init_enter (&pool))
    {
      g_autoptr(GError) error = NULL;
      GThreadPool *new_pool = g_thread_pool_new (worker_func, NULL, N_WORKERS, TRUE, &error);

      /* Two threads cannot fail to start but on a broken system. */
      if (new_pool == NULL)
        g_error ("Cannot start the query workers: %s", error->message);
      g_once_init_leave (&pool, (gsize) new_pool);
    }

  return (GThreadPool *) pool;
}

void
atlas_query_pool_run_async (const char          *db_path,
                            AtlasQueryPoolFunc   func,
                            gpointer             data,
                            GDestroyNotify       data_free,
                            GDestroyNotify       result_free,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  PoolJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (PoolJob, 1);
  job->db_path = g_strdup (db_path);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_query_pool_run_async);
  g_task_set_name (task, "[salary-atlas] query pool job");
  g_task_set_task_data (task, job, pool_job_free);

  g_mutex_lock (&busy_lock);
  n_busy++;
  g_mutex_unlock (&busy_lock);
  g_thread_pool_push (get_pool (), task, NULL);
}

gboolean
atlas_query_pool_wait_idle (gint64 timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;
  gboolean idle;

  g_mutex_lock (&busy_lock);
  while (n_busy > 0)
    if (!g_cond_wait_until (&busy_cond, &busy_lock, end))
      break;
  idle = n_busy == 0;
  g_mutex_unlock (&busy_lock);

  return idle;
}

gpointer
atlas_query_pool_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

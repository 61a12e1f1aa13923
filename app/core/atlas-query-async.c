/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-async.c: atlas_query_run() and atlas_query_run_many() on the
 * query pool. */

#define G_LOG_DOMAIN "atlas-core"

#include "config.h"

#include "atlas-query-async.h"
#include "atlas-query-pool.h"

typedef struct
{
  AtlasFilter       *filter;
  AtlasGroupBy       by;
  AtlasCurrencyMode  mode;
  guint              threshold;
} QueryData;

static void
query_data_free (gpointer data)
{
  QueryData *query = data;

  atlas_filter_free (query->filter);
  g_free (query);
}

static gpointer
query_func (AtlasStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  QueryData *query = data;
  gint64 started = g_get_monotonic_time ();
  AtlasQueryResult *result;

  result = atlas_query_run (store, query->filter, query->by, query->mode, query->threshold,
                            cancellable, error);
  g_debug ("Query by %s in %s: %.1f ms",
           atlas_group_by_to_string (query->by), atlas_currency_mode_to_string (query->mode),
           (g_get_monotonic_time () - started) / 1000.0);

  return result;
}

void
atlas_query_run_async (const char          *db_path,
                              const AtlasFilter   *filter,
                              AtlasGroupBy         by,
                              AtlasCurrencyMode    mode,
                              guint                small_sample_threshold,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  QueryData *query;

  g_return_if_fail (filter != NULL);

  query = g_new0 (QueryData, 1);
  query->filter = atlas_filter_copy (filter);
  query->by = by;
  query->mode = mode;
  query->threshold = small_sample_threshold;

  atlas_query_pool_run_async (db_path, query_func, query, query_data_free,
                              (GDestroyNotify) atlas_query_result_free,
                              cancellable, callback, user_data);
}

AtlasQueryResult *
atlas_query_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

typedef struct
{
  AtlasFilter    *filter;
  AtlasQuerySpec *specs;
  guint           n_specs;
  guint           threshold;
} ManyData;

static void
many_data_free (gpointer data)
{
  ManyData *many = data;

  atlas_filter_free (many->filter);
  g_free (many->specs);
  g_free (many);
}

static gpointer
many_func (AtlasStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ManyData *many = data;
  g_autofree AtlasQueryResult **results = g_new0 (AtlasQueryResult *, many->n_specs);
  GPtrArray *array;
  gint64 started = g_get_monotonic_time ();

  if (!atlas_query_run_many (store, many->filter, many->specs, many->n_specs, many->threshold,
                             results, cancellable, error))
    return NULL;
  g_debug ("%u queries, by %s first, in %s: %.1f ms", many->n_specs,
           atlas_group_by_to_string (many->specs[0].by),
           atlas_currency_mode_to_string (many->specs[0].mode),
           (g_get_monotonic_time () - started) / 1000.0);

  array = g_ptr_array_new_full (many->n_specs, (GDestroyNotify) atlas_query_result_free);
  for (guint i = 0; i < many->n_specs; i++)
    g_ptr_array_add (array, results[i]);

  return array;
}

void
atlas_query_run_many_async (const char            *db_path,
                            const AtlasFilter     *filter,
                            const AtlasQuerySpec  *specs,
                            guint                  n_specs,
                            guint                  small_sample_threshold,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  ManyData *many;

  g_return_if_fail (filter != NULL);
  g_return_if_fail (specs != NULL && n_specs > 0);

  many = g_new0 (ManyData, 1);
  many->filter = atlas_filter_copy (filter);
  many->specs = g_memdup2 (specs, n_specs * sizeof *specs);
  many->n_specs = n_specs;
  many->threshold = small_sample_threshold;

  atlas_query_pool_run_async (db_path, many_func, many, many_data_free,
                              (GDestroyNotify) g_ptr_array_unref,
                              cancellable, callback, user_data);
}

GPtrArray *
atlas_query_run_many_finish (GAsyncResult  *result,
                             GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

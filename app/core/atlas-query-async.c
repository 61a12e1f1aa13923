/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-async.c: atlas_query_run() on the query pool. */

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

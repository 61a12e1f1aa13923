/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-async.h: atlas_query_run() off the calling thread, on the
 * query pool (atlas-query-pool.h): a worker's connection, the caller's
 * GCancellable interrupting the statement, the result in the caller's
 * thread-default main context. */
#pragma once

#include "atlas-query.h"

G_BEGIN_DECLS

void              atlas_query_run_async  (const char          *db_path,
                                          const AtlasFilter   *filter,
                                          AtlasGroupBy         by,
                                          AtlasCurrencyMode    mode,
                                          guint                small_sample_threshold,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
AtlasQueryResult *atlas_query_run_finish (GAsyncResult        *result,
                                          GError             **error);

/* atlas_query_run_many() likewise, in one job of the pool: the result is
 * an array of the @n_specs results, in the order of @specs. */
void              atlas_query_run_many_async  (const char            *db_path,
                                               const AtlasFilter     *filter,
                                               const AtlasQuerySpec  *specs,
                                               guint                  n_specs,
                                               guint                  small_sample_threshold,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
GPtrArray        *atlas_query_run_many_finish (GAsyncResult          *result,
                                               GError               **error);

G_END_DECLS

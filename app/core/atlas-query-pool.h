/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-pool.h: work on the database off the calling thread.
 *
 * Two worker threads (the machine this must be fast on has two cores), each
 * with a connection of its own to the database a job names, opened on first
 * use and kept.  Jobs start in the order they were submitted.  A job whose
 * cancellable is cancelled before it starts never runs; one cancelled while
 * a statement runs is interrupted at SQLite's next progress callback (see
 * atlas_store_set_cancellable()).  Either way it fails with
 * G_IO_ERROR_CANCELLED.  The callback runs in the thread-default main
 * context of the caller, as with any GTask. */
#pragma once

#include <gio/gio.h>

#include "atlas-store.h"

G_BEGIN_DECLS

/* A job: runs in a worker with @store, the worker's connection, and
 * returns its result, or NULL with @error. */
typedef gpointer (*AtlasQueryPoolFunc) (AtlasStore    *store,
                                        gpointer       data,
                                        GCancellable  *cancellable,
                                        GError       **error);

void              atlas_query_pool_run_async    (const char          *db_path,
                                                 AtlasQueryPoolFunc   func,
                                                 gpointer             data,
                                                 GDestroyNotify       data_free,
                                                 GDestroyNotify       result_free,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gpointer          atlas_query_pool_run_finish   (GAsyncResult        *result,
                                                 GError             **error);
/* Blocks the calling thread until every job submitted so far has returned
 * (its callback is then queued in its main context) or @timeout_us
 * microseconds have passed; TRUE if they all returned. */
gboolean          atlas_query_pool_wait_idle    (gint64               timeout_us);

G_END_DECLS

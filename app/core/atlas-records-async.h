/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-async.h: the records and curation calls the window makes,
 * as _async/_finish pairs: jobs of the query pool (atlas-query-pool.h),
 * whose workers have their own connections to @db_path; cancelling
 * @cancellable interrupts a running statement. */
#pragma once

#include <gio/gio.h>

#include "atlas-curation.h"
#include "atlas-records.h"

G_BEGIN_DECLS

void       atlas_records_count_async  (const char              *db_path,
                                       const AtlasRecordsQuery *query,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
gboolean   atlas_records_count_finish (GAsyncResult            *result,
                                       gint64                  *n_records,
                                       gint64                  *n_figures,
                                       GError                 **error);

/* A page by offset (atlas_records_page without the row before). */
void       atlas_records_page_async   (const char              *db_path,
                                       const AtlasRecordsQuery *query,
                                       gint64                   offset,
                                       guint                    limit,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
GPtrArray *atlas_records_page_finish  (GAsyncResult            *result,
                                       GError                 **error);
/* The same with the row before the page when the caller has it (copied):
 * a page while scrolling starts from its key instead of an offset. */
void       atlas_records_page_after_async (const char              *db_path,
                                           const AtlasRecordsQuery *query,
                                           gint64                   offset,
                                           guint                    limit,
                                           const AtlasRecordRow    *after,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);

/* atlas_records_sort_make_index() on a worker; nothing when the index is
 * there.  A write of seconds at 10M records: the Records page asks for it
 * the first time it sorts by a column, and shows the scanned pages
 * meanwhile. */
void       atlas_records_sort_index_async  (const char          *db_path,
                                            AtlasRecordsSort     sort,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   atlas_records_sort_index_finish (GAsyncResult        *result,
                                            GError             **error);

void            atlas_records_get_async  (const char          *db_path,
                                          const char          *uid,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
AtlasRecordRow *atlas_records_get_finish (GAsyncResult        *result,
                                          GError             **error);

/* Writes to @file through a temporary file that replaces it only when the
 * export is complete. */
void       atlas_records_write_async  (const char              *db_path,
                                       const AtlasRecordsQuery *query,
                                       AtlasRecordsFormat       format,
                                       GFile                   *file,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
gint64     atlas_records_write_finish (GAsyncResult            *result,
                                       GError                 **error);

/* Exclude (@reason) or restore (@restore) @uid; undo the last action.
 * _finish returns the undone action's description for undo. */
void       atlas_curation_exclude_async  (const char            *db_path,
                                          const char            *uid,
                                          AtlasExclusionReason   reason,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
void       atlas_curation_restore_async  (const char            *db_path,
                                          const char            *uid,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
void       atlas_curation_undo_async     (const char            *db_path,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
/* For all three; @description (may be NULL) gets undo's. */
gboolean   atlas_curation_action_finish  (GAsyncResult          *result,
                                          char                 **description,
                                          GError               **error);

G_END_DECLS

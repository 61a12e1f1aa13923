/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-async.h: the curation calls of the window that
 * atlas-records-async.h does not have — excluding what a filter shows,
 * listing the entries, splitting a merge — as jobs of the query pool. */
#pragma once

#include <gio/gio.h>

#include "atlas-curation.h"
#include "atlas-records.h"

G_BEGIN_DECLS

/* atlas_curation_exclude_filter() with @query's filter and search. */
void       atlas_curation_exclude_filter_async  (const char              *db_path,
                                                 const AtlasRecordsQuery *query,
                                                 AtlasExclusionReason     reason,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
/* How many records were excluded, or -1. */
gint64     atlas_curation_exclude_filter_finish (GAsyncResult            *result,
                                                 GError                 **error);

/* atlas_curation_list(): AtlasCurationEntry*. */
void       atlas_curation_list_async            (const char              *db_path,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
GPtrArray *atlas_curation_list_finish           (GAsyncResult            *result,
                                                 GError                 **error);

/* atlas_curation_split() of the company whose key or name is @name; its
 * _finish is atlas_curation_action_finish(). */
void       atlas_curation_split_async           (const char              *db_path,
                                                 const char              *name,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);

/* atlas_curation_add() of @addition (taken over); every field is checked
 * first with the database's rates, as atlas_curation_add() does. */
void       atlas_curation_add_async             (const char              *db_path,
                                                 AtlasAddition           *addition,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
/* The new entry's id, or 0; when a field is wrong, @field (may be NULL)
 * gets it and the error is its translated message alone, to show beside
 * it; otherwise @field gets ATLAS_ADDITION_N_FIELDS. */
gint64     atlas_curation_add_finish            (GAsyncResult            *result,
                                                 AtlasAdditionField      *field,
                                                 GError                 **error);

G_END_DECLS

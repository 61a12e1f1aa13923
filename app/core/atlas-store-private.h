/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store-private.h: the SQLite handle and statements, for the files
 * of app/core only.  Nothing outside the core includes <sqlite3.h>: the
 * window and the command line reach the database through the core's
 * modules (sources, queries, imports, feeds, the query pool). */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "atlas-store.h"

G_BEGIN_DECLS

sqlite3      *atlas_store_get_db           (AtlasStore    *self);
sqlite3_stmt *atlas_store_prepare          (AtlasStore    *self,
                                            const char    *sql,
                                            GError       **error);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
gint64        atlas_store_changes          (AtlasStore    *self);
/* Until set again to NULL, a cancellation of @cancellable interrupts the
 * statement that runs (SQLite's progress handler, every few thousand
 * virtual-machine steps), which then fails with SQLITE_INTERRUPT. */
void          atlas_store_set_cancellable  (AtlasStore    *self,
                                            GCancellable  *cancellable);

/* Around a write that may hold the database longer than the busy timeout
 * (seconds): until it ends, atlas_store_begin() of any store of this
 * process waits for the database instead of failing as busy. */
void          _atlas_store_long_write_begin (void);
void          _atlas_store_long_write_end   (void);

G_END_DECLS

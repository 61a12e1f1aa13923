/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store-cells.h: the pre-aggregated cells of the records (schema 8),
 * which the statistics read instead of the records (atlas-query-records.c).
 *
 * Every writer of records keeps them in its own transaction: the importer
 * rebuilds its source's cells before the commit, atlas_store_recount_facets()
 * (which every other writer of records calls) rebuilds them with the
 * facets, and a curation action applies the exclusions it changed before
 * it commits.  Internal to the core. */
#pragma once

#include "atlas-store.h"

G_BEGIN_DECLS

/* Replaces the cells of @source_id (0: of every source) with cells built
 * from its records. */
gboolean _atlas_store_cells_rebuild        (AtlasStore  *store,
                                            gint64       source_id,
                                            GError     **error);
/* Brings the cells in line with the exclusions changed since the last
 * call (the triggers on curation_exclusions note them): moves each record
 * whose state changed from its cell of the old state to the one of the new
 * state, or rebuilds the cells of its source when the state before is not
 * known (no _atlas_store_cells_watch() on this connection) or the source
 * has many such records. */
gboolean _atlas_store_cells_apply_pending  (AtlasStore  *store,
                                            GError     **error);
/* Makes this connection note the state of an exclusion before a change
 * (TEMP triggers): call before the transaction of a curation action. */
gboolean _atlas_store_cells_watch          (AtlasStore  *store,
                                            GError     **error);
/* Tells which record (its rowid; 0: none, a figure) the changed exclusion
 * of @uid names, when the action found it: the cells are then brought in
 * line without looking for @uid among the records. */
gboolean _atlas_store_cells_note_record    (AtlasStore  *store,
                                            const char  *uid,
                                            gint64       record_id,
                                            GError     **error);
/* TRUE when no change of an exclusion waits to be applied (the triggers
 * on curation_exclusions note them): the cells say what the records and
 * the exclusions say, as long as every writer of records keeps them. */
gboolean _atlas_store_cells_current        (AtlasStore  *store);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-runner.h: runs the window's queries on the core's query pool
 * (atlas-query-pool.h: two workers, a connection each) and hands each result
 * back to the main thread as soon as it is ready. Cancelling interrupts a
 * running SQL statement. */
#pragma once

#include <gio/gio.h>

#include "atlas-query.h"

G_BEGIN_DECLS

/* The queries a window needs for one filter. */
typedef enum
{
  ATLAS_SLOT_REGION,       /* by region, in the chosen mode: cards, distribution */
  ATLAS_SLOT_REGION_USD,   /* by region in USD: the nominal ratio */
  ATLAS_SLOT_REGION_PPP,   /* by region in PPP: the PPP ratio */
  ATLAS_SLOT_EXPERIENCE,   /* compare and experience charts */
  ATLAS_SLOT_COMPANY,      /* companies chart, top companies */
  ATLAS_SLOT_YEAR,         /* trend chart */
  ATLAS_SLOT_EXPERIENCE_YEARS, /* career curve (bands of years of experience) */
  ATLAS_N_SLOTS
} AtlasSlot;

/* A query result shared by the widgets that show it (reference counted,
 * immutable). */
typedef struct _AtlasSharedResult AtlasSharedResult;

GType                   atlas_shared_result_get_type (void) G_GNUC_CONST;
#define ATLAS_TYPE_SHARED_RESULT (atlas_shared_result_get_type ())

AtlasSharedResult      *atlas_shared_result_new   (AtlasQueryResult  *result);
AtlasSharedResult      *atlas_shared_result_ref   (AtlasSharedResult *self);
void                    atlas_shared_result_unref (AtlasSharedResult *self);
const AtlasQueryResult *atlas_shared_result_get   (AtlasSharedResult *self);

/* Called on the thread-default main context of the caller of
 * atlas_query_runner_run(), once per slot as its result is ready, unless the
 * cancellable was cancelled. Queries start in @slots order, two at a time,
 * so results may come in another order; queries that read the same rows run
 * together and their results come together. Slots that need the same query (the
 * region slot in USD mode and the USD one, say) share one result. A failed
 * query is reported once, on the first of its slots: @result is NULL when
 * @error is set. Queries that run together fail together: an error in one
 * is reported for each of them. */
typedef void (*AtlasSlotReadyFunc) (AtlasSlot          slot,
                                    AtlasSharedResult *result,
                                    const GError      *error,
                                    gpointer           user_data);

void atlas_query_runner_run (const char         *db_path,
                             const AtlasFilter  *filter,
                             AtlasCurrencyMode   mode,
                             guint               small_sample_threshold,
                             const AtlasSlot    *slots,
                             guint               n_slots,
                             GCancellable       *cancellable,
                             AtlasSlotReadyFunc  ready,
                             gpointer            user_data,
                             GDestroyNotify      user_data_free);

/* What a slot queries: the grouping and the currency mode. */
AtlasGroupBy      atlas_slot_get_group_by (AtlasSlot          slot);
AtlasCurrencyMode atlas_slot_get_mode     (AtlasSlot          slot,
                                           AtlasCurrencyMode  chosen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSharedResult, atlas_shared_result_unref)

G_END_DECLS

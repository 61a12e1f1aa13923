/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-cells.h: the statistics' cells of an import (schema 8),
 * counted while it writes.
 *
 * Every row written is added to its cell (country, level, role family,
 * year, currency, company, years of experience, exclusion, amount, USD
 * amount) by the thread that writes the rows; before the commit the cells
 * replace the source's record_cells and record_cells_coarse.  Counting in
 * C costs a hash look-up per row, where rebuilding them with GROUP BY from
 * the records cost more than half of an aijobs import again (measured). */
#pragma once

#include "atlas-store.h"

G_BEGIN_DECLS

typedef struct _AtlasCellCounts AtlasCellCounts;

/* Reads the uids the user excluded (curation), to mark their rows. */
AtlasCellCounts *_atlas_cell_counts_new   (AtlasStore       *store,
                                           GError          **error);
void             _atlas_cell_counts_free  (AtlasCellCounts  *self);
/* Counts a row; @company_id 0 for none; NAN @years or @amount_usd for
 * NULL. */
void             _atlas_cell_counts_add   (AtlasCellCounts  *self,
                                           const char       *uid,
                                           const char       *country,
                                           const char       *experience,
                                           const char       *role_family,
                                           gint64            year,
                                           const char       *currency,
                                           gint64            company_id,
                                           double            years,
                                           double            amount,
                                           double            amount_usd,
                                           gint64            weight);
/* Replaces @source_id's cells with the ones counted. */
gboolean         _atlas_cell_counts_store (AtlasCellCounts  *self,
                                           AtlasStore       *store,
                                           gint64            source_id,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCellCounts, _atlas_cell_counts_free)

G_END_DECLS

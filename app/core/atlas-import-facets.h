/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-facets.h: what an import counts while it writes.
 *
 * How many of the rows written have each role family, country, year and
 * company, kept by the thread that writes the rows and stored as the
 * source's record_facets before the commit: the catalog reads those instead
 * of scanning the records.  The company of a row is resolved here too
 * (atlas_store_ensure_company(), remembered per raw name), since that is
 * where it is counted. */
#pragma once

#include "atlas-store.h"

G_BEGIN_DECLS

typedef struct _AtlasFacetCounts AtlasFacetCounts;

AtlasFacetCounts *_atlas_facet_counts_new     (void);
void              _atlas_facet_counts_free    (AtlasFacetCounts  *self);
/* Counts a row; @family is one of the rules' own strings (a pointer
 * identifies it), @country is not NULL, @year is in the importer's range. */
void              _atlas_facet_counts_add     (AtlasFacetCounts  *self,
                                               const char        *family,
                                               const char        *country,
                                               gint64             year);
/* The company id of a row's raw employer name (0: not an employer); counts
 * the row for it. */
gboolean          _atlas_facet_counts_company (AtlasFacetCounts  *self,
                                               AtlasStore        *store,
                                               const char        *name,
                                               gint64            *id,
                                               GError           **error);
/* Stores the counts as all of @source_id's record_facets, replacing the old
 * ones when @replace. */
gboolean          _atlas_facet_counts_store   (AtlasFacetCounts  *self,
                                               AtlasStore        *store,
                                               gint64             source_id,
                                               gboolean           replace,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFacetCounts, _atlas_facet_counts_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-seed.h: the embedded default dataset (curated figures, exchange
 * rates and PPP factors) that a new database starts with. */
#pragma once

#include <gio/gio.h>

#include "atlas-store.h"

G_BEGIN_DECLS

#define ATLAS_SEED_ERROR (atlas_seed_error_quark ())

typedef enum
{
  ATLAS_SEED_ERROR_MISSING,   /* a bundled file is not in the build */
  ATLAS_SEED_ERROR_INVALID,   /* a bundled file is malformed */
  ATLAS_SEED_ERROR_CONFLICT,  /* a non-embedded source has an embedded source's name */
} AtlasSeedError;

GQuark   atlas_seed_error_quark  (void);

/* Loads the embedded dataset into @store in one transaction: the sources
 * with their licences, the figures, fx_rates and ppp_factors. Loading it
 * again replaces the embedded sources' rows and nothing else. */
gboolean atlas_seed_load_default (AtlasStore  *store,
                                  GError     **error);
/* The same on the query pool (atlas-query-pool.h); a cancellation rolls
 * it back, as in atlas_seed_ensure(). */
void     atlas_seed_load_default_async  (const char          *db_path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean atlas_seed_load_default_finish (GAsyncResult        *result,
                                         GError             **error);

/* Loads when the database has no source at all, or when it holds the
 * built-in data of an older build: a built-in source of this build, or
 * histogram ranges of one (schema 7), missing.  Otherwise only reads. */
gboolean atlas_seed_ensure       (AtlasStore    *store,
                                  GError       **error);
/* The same, cancellable: a cancellation of @cancellable, noticed between
 * tables and every few hundred rows, fails with G_IO_ERROR_CANCELLED and
 * rolls the load back, so the database stays as it was and the next call
 * seeds it whole. */
gboolean atlas_seed_ensure_full  (AtlasStore    *store,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS

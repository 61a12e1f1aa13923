/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-cache.h: the cells a query read, kept by a query worker's
 * connection for the next query of the same selection (see
 * atlas-query-cache.c). Private to the query modules. */
#pragma once

#include <sqlite3.h>

#include "atlas-store.h"

G_BEGIN_DECLS

/* One row read: a cell (n records with the same values) or a record
 * (n = 1). Strings belong to the row's reader: the statement while it
 * steps, or the cache's pool of strings. NAN stands for NULL. */
typedef struct
{
  const char *country;
  const char *experience;     /* NULL: no level */
  const char *role_family;
  const char *currency;
  double      amount;
  double      amount_usd;
  double      years_experience;
  gint64      company_id;     /* 0: none */
  gint64      weight;
  gint64      n;
  gint64      source_id;
  int         year;
  gboolean    excluded;
} AtlasCellRow;

typedef struct _AtlasQueryCache AtlasQueryCache;

AtlasQueryCache    *_atlas_query_cache_new         (void);
void                _atlas_query_cache_free        (AtlasQueryCache *cache);
/* The cache of @store when @store is a query worker's connection, NULL
 * otherwise (atlas-query-pool.c); emptied first when another connection
 * changed the database since its last use. */
AtlasQueryCache    *_atlas_query_cache_for_store   (AtlasStore      *store);
/* Empties @cache if the database changed since the last call (SQLite's
 * data_version of @store's connection). */
void                _atlas_query_cache_check       (AtlasQueryCache *cache,
                                                    AtlasStore      *store);
/* TRUE, with the rows kept under @key (none, for an empty selection). */
gboolean            _atlas_query_cache_lookup      (AtlasQueryCache     *cache,
                                                    const char          *key,
                                                    const AtlasCellRow **rows,
                                                    gsize               *n_rows);
/* Filling an entry: begin, add each row read (copied), then commit (kept,
 * unless larger than the cache) or abandon (a failed read). */
void                _atlas_query_cache_begin       (AtlasQueryCache *cache,
                                                    const char      *key);
void                _atlas_query_cache_add         (AtlasQueryCache    *cache,
                                                    const AtlasCellRow *row);
void                _atlas_query_cache_commit      (AtlasQueryCache *cache);
void                _atlas_query_cache_abandon     (AtlasQueryCache *cache);

G_END_DECLS

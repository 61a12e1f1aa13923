/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-cache.c: the cells a query worker read, by selection.
 *
 * A filter change in the window mostly adds or removes one region or
 * switches the currency; the cells of the regions it keeps are the same.
 * A query worker therefore keeps the rows it read for one region under the
 * SQL and parameters that selected them (atlas-query-records.c), and the
 * next query of the same selection converts and counts them from memory
 * instead of stepping through the table again: at 10M records the
 * company query read 764,441 cells to find 33,815.  Values are the rows
 * as stored, so statistics from them are exactly those from the table.
 *
 * The cache is emptied whenever the database changed (another connection's
 * commit: SQLite's data_version; the worker's own: its total changes), and holds at most MAX_ROWS rows (oldest
 * selections go first; a larger one is not kept). */

#include "config.h"

#include <string.h>

#include "atlas-query-cache.h"
#include "atlas-store-private.h"

/* At most about 18 MiB per worker (96 bytes a row). */
#define MAX_ROWS 200000

typedef struct
{
  char   *key;
  GArray *rows;   /* AtlasCellRow */
} Entry;

struct _AtlasQueryCache
{
  GHashTable   *entries;     /* key -> Entry (owned by order) */
  GQueue        order;       /* Entry, oldest first */
  gsize         n_rows;
  GStringChunk *strings;
  GHashTable   *interned;    /* string -> the same in strings */
  gint64        data_version;
  gint64        total_changes;
  Entry        *filling;
};

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_array_unref (entry->rows);
  g_free (entry);
}

AtlasQueryCache *
_atlas_query_cache_new (void)
{
  AtlasQueryCache *cache = g_new0 (AtlasQueryCache, 1);

  cache->entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&cache->order);
  cache->data_version = -1;
  cache->total_changes = -1;

  return cache;
}

static void
cache_clear (AtlasQueryCache *cache)
{
  Entry *entry;

  g_hash_table_remove_all (cache->entries);
  while ((entry = g_queue_pop_head (&cache->order)) != NULL)
    entry_free (entry);
  cache->n_rows = 0;
  g_clear_pointer (&cache->filling, entry_free);
  g_clear_pointer (&cache->interned, g_hash_table_unref);
  g_clear_pointer (&cache->strings, g_string_chunk_free);
}

void
_atlas_query_cache_free (AtlasQueryCache *cache)
{
  if (cache == NULL)
    return;

  cache_clear (cache);
  g_hash_table_unref (cache->entries);
  g_free (cache);
}

void
_atlas_query_cache_check (AtlasQueryCache *cache,
                          AtlasStore      *store)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, "PRAGMA data_version", NULL);
  gint64 version = -1;
  gint64 changes;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  /* data_version counts the commits of other connections only; the
   * worker's own writes (curation runs on the pool) show in its total
   * of changed rows.  Unknown (an error): keep nothing. */
  changes = sqlite3_total_changes64 (atlas_store_get_db (store));
  if (version != cache->data_version || version < 0 || changes != cache->total_changes)
    cache_clear (cache);
  cache->data_version = version;
  cache->total_changes = changes;
}

gboolean
_atlas_query_cache_lookup (AtlasQueryCache     *cache,
                           const char          *key,
                           const AtlasCellRow **rows,
                           gsize               *n_rows)
{
  Entry *entry = g_hash_table_lookup (cache->entries, key);

  if (entry == NULL)
    return FALSE;
  *rows = (const AtlasCellRow *) entry->rows->data;
  *n_rows = entry->rows->len;
  return TRUE;
}

void
_atlas_query_cache_begin (AtlasQueryCache *cache,
                          const char      *key)
{
  g_clear_pointer (&cache->filling, entry_free);
  cache->filling = g_new0 (Entry, 1);
  cache->filling->key = g_strdup (key);
  cache->filling->rows = g_array_new (FALSE, FALSE, sizeof (AtlasCellRow));
}

static const char *
intern (AtlasQueryCache *cache,
        const char      *str)
{
  const char *kept;

  if (str == NULL)
    return NULL;
  if (cache->strings == NULL)
    {
      cache->strings = g_string_chunk_new (4096);
      cache->interned = g_hash_table_new (g_str_hash, g_str_equal);
    }
  kept = g_hash_table_lookup (cache->interned, str);
  if (kept == NULL)
    {
      kept = g_string_chunk_insert_const (cache->strings, str);
      g_hash_table_add (cache->interned, (gpointer) kept);
    }

  return kept;
}

/* The string kept for @str, trying the previous row's first: rows come in
 * key order, so consecutive ones mostly share their strings. */
static const char *
intern_like (AtlasQueryCache *cache,
             const char      *previous,
             const char      *str)
{
  if (str != NULL && previous != NULL && strcmp (previous, str) == 0)
    return previous;

  return intern (cache, str);
}

void
_atlas_query_cache_add (AtlasQueryCache    *cache,
                        const AtlasCellRow *row)
{
  GArray *rows;
  const AtlasCellRow *prev;
  AtlasCellRow copy = *row;

  if (cache->filling == NULL)
    return;
  rows = cache->filling->rows;
  /* Too large to keep: stop copying. */
  if (rows->len >= MAX_ROWS)
    {
      g_clear_pointer (&cache->filling, entry_free);
      return;
    }

  prev = rows->len > 0 ? &g_array_index (rows, AtlasCellRow, rows->len - 1) : NULL;
  copy.country = intern_like (cache, prev ? prev->country : NULL, row->country);
  copy.experience = intern_like (cache, prev ? prev->experience : NULL, row->experience);
  copy.role_family = intern_like (cache, prev ? prev->role_family : NULL, row->role_family);
  copy.currency = intern_like (cache, prev ? prev->currency : NULL, row->currency);
  g_array_append_val (rows, copy);
}

void
_atlas_query_cache_commit (AtlasQueryCache *cache)
{
  Entry *entry = g_steal_pointer (&cache->filling);

  if (entry == NULL)
    return;

  if (g_hash_table_contains (cache->entries, entry->key))
    {
      entry_free (entry);
      return;
    }
  while (cache->n_rows + entry->rows->len > MAX_ROWS && !g_queue_is_empty (&cache->order))
    {
      Entry *oldest = g_queue_pop_head (&cache->order);

      g_hash_table_remove (cache->entries, oldest->key);
      cache->n_rows -= oldest->rows->len;
      entry_free (oldest);
    }

  g_hash_table_insert (cache->entries, entry->key, entry);
  g_queue_push_tail (&cache->order, entry);
  cache->n_rows += entry->rows->len;
}

void
_atlas_query_cache_abandon (AtlasQueryCache *cache)
{
  g_clear_pointer (&cache->filling, entry_free);
}

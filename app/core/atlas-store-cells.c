/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store-cells.c: keeps the pre-aggregated cells of the records
 * (record_cells, record_cells_coarse; see migration 8) in line with the
 * records and the user's exclusions.  A source's cells are rebuilt whole
 * from its records with two GROUP BYs (through records_by_source, then
 * from the fine cells to the coarse ones): simpler than counting row by
 * row, and a small part of an import's work.  An exclusion or a restore
 * instead moves its records from one cell to the other (excluded or not)
 * of the same values: rebuilding their source cost 0.64 s of CPU at 1M
 * records for one record (bench/README.md, records10m). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-store-cells.h"
#include "atlas-store-private.h"
#include "atlas-store-schema.h"

static gboolean
run_with_source (AtlasStore  *store,
                 const char  *sql,
                 gint64       source_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    atlas_store_set_error (store, error, _("counting records"));
  sqlite3_finalize (stmt);

  return ok;
}

gboolean
_atlas_store_cells_rebuild (AtlasStore  *store,
                            gint64       source_id,
                            GError     **error)
{
#define CELLS_SQL(WHERE) {                                                                         \
    "DELETE FROM record_cells_coarse WHERE " WHERE,                                               \
    "DELETE FROM record_cells WHERE " WHERE,                                                      \
    ATLAS_STORE_CELLS_FILL_FINE_SQL (WHERE),                                                      \
    ATLAS_STORE_CELLS_FILL_COARSE_SQL (WHERE),                                                    \
  }
  static const char * const one_source[] = CELLS_SQL ("source_id = ?1");
  static const char * const all_sources[] = CELLS_SQL ("?1 = 0");
#undef CELLS_SQL
  const char * const *sql = source_id != 0 ? one_source : all_sources;

  g_return_val_if_fail (store != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (one_source); i++)
    if (!run_with_source (store, sql[i], source_id, error))
      return FALSE;

  return TRUE;
}

/* The exclusion state of every uid before the transaction first changed
 * it (excluded), and the record it names when the curation action knows it
 * (record_id; 0: no record).  Kept by TEMP triggers, which only this
 * connection has: the triggers of migration 8 (record_cells_pending) say
 * which uids changed, these say from what.  A uid noted there but not
 * here (another program wrote it) has its source rebuilt. */
static const char watch_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS record_cells_was ("
  "  uid TEXT PRIMARY KEY,"
  "  excluded INTEGER NOT NULL,"
  "  record_id INTEGER"
  ") WITHOUT ROWID;"
  /* BEFORE: the row is not yet there; WHERE NOT EXISTS rather than OR
   * IGNORE, which the statement that fires them (INSERT OR REPLACE)
   * would turn into a REPLACE of the first state. */
  "CREATE TEMP TRIGGER IF NOT EXISTS record_cells_was_insert"
  "  BEFORE INSERT ON main.curation_exclusions"
  "  BEGIN INSERT INTO record_cells_was (uid, excluded) SELECT NEW.uid,"
  "  EXISTS (SELECT 1 FROM main.curation_exclusions WHERE uid = NEW.uid)"
  "  WHERE NOT EXISTS (SELECT 1 FROM record_cells_was WHERE uid = NEW.uid); END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS record_cells_was_delete"
  "  BEFORE DELETE ON main.curation_exclusions"
  "  BEGIN INSERT INTO record_cells_was (uid, excluded) SELECT OLD.uid, 1"
  "  WHERE NOT EXISTS (SELECT 1 FROM record_cells_was WHERE uid = OLD.uid); END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS record_cells_was_rename"
  "  BEFORE UPDATE OF uid ON main.curation_exclusions"
  "  BEGIN INSERT INTO record_cells_was (uid, excluded) SELECT OLD.uid, 1"
  "  WHERE NOT EXISTS (SELECT 1 FROM record_cells_was WHERE uid = OLD.uid);"
  "  INSERT INTO record_cells_was (uid, excluded) SELECT NEW.uid,"
  "  EXISTS (SELECT 1 FROM main.curation_exclusions WHERE uid = NEW.uid)"
  "  WHERE NOT EXISTS (SELECT 1 FROM record_cells_was WHERE uid = NEW.uid); END;";

gboolean
_atlas_store_cells_watch (AtlasStore  *store,
                          GError     **error)
{
  g_return_val_if_fail (store != NULL, FALSE);

  if (sqlite3_table_column_metadata (atlas_store_get_db (store), "temp", "record_cells_was",
                                     "record_id", NULL, NULL, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  return atlas_store_exec (store, watch_sql, error);
}

static gboolean
watched (AtlasStore *store)
{
  return sqlite3_table_column_metadata (atlas_store_get_db (store), "temp", "record_cells_was",
                                        "record_id", NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
}

gboolean
_atlas_store_cells_note_record (AtlasStore  *store,
                                const char  *uid,
                                gint64       record_id,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!watched (store))
    return TRUE;
  stmt = atlas_store_prepare (store, "UPDATE temp.record_cells_was SET record_id = ?2 WHERE uid = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, record_id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    atlas_store_set_error (store, error, _("counting records"));
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
query_flag (AtlasStore  *store,
            const char  *sql,
            gboolean    *flag,
            GError     **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *flag = sqlite3_column_int (stmt, 0) != 0;
  else
    atlas_store_set_error (store, error, _("counting records"));
  sqlite3_finalize (stmt);

  return ok;
}

/* The sources of the records @sql selects (one column, source_id) into
 * @sources, once each. */
static gboolean
collect_sources (AtlasStore  *store,
                 const char  *sql,
                 GHashTable  *sources,
                 GError     **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (sources, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("counting records"));
      return FALSE;
    }

  return TRUE;
}

/* What a record contributes to its cells, in the order of the statements
 * below: source_id, country, experience, role_family, year, currency,
 * amount, amount_usd, company_id, years_experience (the last two in the
 * fine cells only); then its weight, its state before and its state now. */
enum { KEY_FINE = 10, KEY_COARSE = 8 };
#define RECORD_KEY_SQL \
  "r.source_id, r.country, r.experience, r.role_family, r.year, r.currency, r.amount," \
  " r.amount_usd, r.company_id, r.years_experience, r.weight, w.excluded," \
  " EXISTS (SELECT 1 FROM curation_exclusions e WHERE e.uid = r.uid)"

typedef struct
{
  sqlite3_value *key[KEY_FINE];
  gint64         weight;
  gboolean       excluded;   /* now */
} Move;

static void
move_free (gpointer data)
{
  Move *move = data;

  for (guint i = 0; i < KEY_FINE; i++)
    sqlite3_value_free (move->key[i]);
  g_free (move);
}

/* The statements that move one record between two cells of a table. */
typedef struct
{
  sqlite3_stmt *find;     /* cell, n of the cell of a key and state */
  sqlite3_stmt *change;   /* n and weight of a cell += ?4, ?5 */
  sqlite3_stmt *drop;     /* a cell that counts no record any more */
  sqlite3_stmt *insert;   /* a new cell, numbered after the source's last */
  guint         n_key;
} CellTable;

static void
cell_table_clear (CellTable *t)
{
  g_clear_pointer (&t->find, sqlite3_finalize);
  g_clear_pointer (&t->change, sqlite3_finalize);
  g_clear_pointer (&t->drop, sqlite3_finalize);
  g_clear_pointer (&t->insert, sqlite3_finalize);
}

static gboolean
cell_table_prepare (AtlasStore  *store,
                    CellTable   *t,
                    gboolean     fine,
                    GError     **error)
{
  const char *table = fine ? "record_cells" : "record_cells_coarse";
  g_autofree char *find = NULL, *change = NULL, *drop = NULL, *insert = NULL;

  /* The key (country, source_id, …) narrows the search to the cells of
   * one source in one country; IS: NULL equals NULL, as in GROUP BY. */
  find = g_strdup_printf ("SELECT cell, n FROM %s WHERE source_id = ?1 AND country = ?2"
                          " AND experience IS ?3 AND role_family = ?4 AND year = ?5"
                          " AND currency = ?6 AND amount = ?7 AND amount_usd IS ?8"
                          " AND excluded = ?%u%s LIMIT 1",
                          table, fine ? 11 : 9,
                          fine ? " AND company_id IS ?9 AND years_experience IS ?10" : "");
  change = g_strdup_printf ("UPDATE %s SET n = n + ?4, weight = weight + ?5"
                            " WHERE country = ?1 AND source_id = ?2 AND cell = ?3", table);
  drop = g_strdup_printf ("DELETE FROM %s WHERE country = ?1 AND source_id = ?2 AND cell = ?3",
                          table);
  insert = g_strdup_printf ("INSERT INTO %s (source_id, country, experience, role_family, year,"
                            " currency, amount, amount_usd, %sexcluded, n, weight, cell)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, %s?11, 1, ?12,"
                            " (SELECT coalesce (max (cell), 0) + 1 FROM %s WHERE source_id = ?1))",
                            table, fine ? "company_id, years_experience, " : "",
                            fine ? "?9, ?10, " : "", table);
  t->n_key = fine ? KEY_FINE : KEY_COARSE;

  return (t->find = atlas_store_prepare (store, find, error)) != NULL &&
         (t->change = atlas_store_prepare (store, change, error)) != NULL &&
         (t->drop = atlas_store_prepare (store, drop, error)) != NULL &&
         (t->insert = atlas_store_prepare (store, insert, error)) != NULL;
}

static void
bind_key (sqlite3_stmt *stmt,
          const Move   *move,
          guint         n_key)
{
  for (guint i = 0; i < n_key; i++)
    sqlite3_bind_value (stmt, i + 1, move->key[i]);
}

/* Runs @stmt (reset after); TRUE when done. */
static gboolean
run_reset (sqlite3_stmt *stmt)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

/* Adds @n (1 or -1) records of @weight to the cell of @move's key in
 * state @excluded.  FALSE with *@missing when a record should leave a
 * cell that is not there: the cells did not say what the records say. */
static gboolean
cell_table_add (AtlasStore  *store,
                CellTable   *t,
                const Move  *move,
                gboolean     excluded,
                int          n,
                gboolean    *missing,
                GError     **error)
{
  gint64 cell = 0, cell_n = 0;
  int rc;

  bind_key (t->find, move, t->n_key);
  sqlite3_bind_int (t->find, t->n_key + 1, excluded);
  rc = sqlite3_step (t->find);
  if (rc == SQLITE_ROW)
    {
      cell = sqlite3_column_int64 (t->find, 0);
      cell_n = sqlite3_column_int64 (t->find, 1);
    }
  sqlite3_reset (t->find);
  sqlite3_clear_bindings (t->find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("counting records"));
      return FALSE;
    }

  if (rc == SQLITE_DONE && n < 0)
    {
      *missing = TRUE;
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      bind_key (t->insert, move, KEY_FINE);
      sqlite3_bind_int (t->insert, 11, excluded);
      sqlite3_bind_int64 (t->insert, 12, move->weight);
      if (run_reset (t->insert))
        return TRUE;
    }
  else
    {
      sqlite3_stmt *stmt = cell_n + n == 0 ? t->drop : t->change;

      sqlite3_bind_value (stmt, 1, move->key[1]);
      sqlite3_bind_value (stmt, 2, move->key[0]);
      sqlite3_bind_int64 (stmt, 3, cell);
      if (stmt == t->change)
        {
          sqlite3_bind_int (stmt, 4, n);
          sqlite3_bind_int64 (stmt, 5, n * move->weight);
        }
      if (run_reset (stmt))
        return TRUE;
    }
  atlas_store_set_error (store, error, _("counting records"));
  return FALSE;
}

/* More changed records than this in one source: rebuilding its cells
 * costs less than finding each record's cells (a search among the
 * source's cells of one country, up to 20,000 at 10M records). */
#define MAX_MOVES_PER_SOURCE 32

/* Moves the records whose state changed to their cells of the new state,
 * through @sql (RECORD_KEY_SQL of the changed uids); the sources with many
 * (or cells that do not match) go into @rebuild instead. */
static gboolean
move_records (AtlasStore  *store,
              const char  *sql,
              GHashTable  *rebuild,
              GError     **error)
{
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func (move_free);
  g_autoptr(GHashTable) per_source = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  CellTable tables[2] = { { 0 } };
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  gboolean ok = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean before = sqlite3_column_int (stmt, KEY_FINE + 1) != 0;
      gboolean now = sqlite3_column_int (stmt, KEY_FINE + 2) != 0;
      gint64 source_id = sqlite3_column_int64 (stmt, 0);
      gint64 *count;
      Move *move;

      if (before == now)
        continue;
      count = g_hash_table_lookup (per_source, &source_id);
      if (count == NULL)
        {
          count = g_new0 (gint64, 2);
          count[0] = source_id;
          g_hash_table_insert (per_source, count, count);
        }
      count[1]++;

      move = g_new0 (Move, 1);
      for (guint i = 0; i < KEY_FINE; i++)
        move->key[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
      move->weight = sqlite3_column_int64 (stmt, KEY_FINE);
      move->excluded = now;
      g_ptr_array_add (moves, move);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("counting records"));
      return FALSE;
    }
  if (moves->len == 0)
    return TRUE;

  ok = cell_table_prepare (store, &tables[0], TRUE, error) &&
       cell_table_prepare (store, &tables[1], FALSE, error);
  for (guint i = 0; ok && i < moves->len; i++)
    {
      const Move *move = g_ptr_array_index (moves, i);
      gint64 source_id = sqlite3_value_int64 (move->key[0]);
      const gint64 *count = g_hash_table_lookup (per_source, &source_id);
      gboolean missing = FALSE;

      if (g_hash_table_contains (rebuild, &source_id))
        continue;
      if (count[1] <= MAX_MOVES_PER_SOURCE)
        for (guint t = 0; ok && !missing && t < G_N_ELEMENTS (tables); t++)
          ok = (cell_table_add (store, &tables[t], move, !move->excluded, -1, &missing, error) &&
                cell_table_add (store, &tables[t], move, move->excluded, 1, &missing, error)) ||
               missing;
      if (ok && (missing || count[1] > MAX_MOVES_PER_SOURCE))
        {
          gint64 *id = g_new (gint64, 1);

          *id = source_id;
          g_hash_table_add (rebuild, id);
        }
    }
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    cell_table_clear (&tables[t]);

  return ok;
}

gboolean
_atlas_store_cells_apply_pending (AtlasStore  *store,
                                  GError     **error)
{
  g_autoptr(GHashTable) rebuild = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean was_known = FALSE, ids_known = FALSE;
  GHashTableIter iter;
  gpointer key;

  if (_atlas_store_cells_current (store))
    return !watched (store) || atlas_store_exec (store, "DELETE FROM temp.record_cells_was", error);

  if (watched (store) &&
      !query_flag (store, "SELECT NOT EXISTS (SELECT 1 FROM record_cells_pending p"
                   " WHERE p.uid NOT IN (SELECT uid FROM temp.record_cells_was))",
                   &was_known, error))
    return FALSE;

  if (!was_known)
    {
      /* records has no index on uid: one scan finds every source concerned. */
      if (!collect_sources (store,
                            "SELECT DISTINCT source_id FROM records"
                            " WHERE uid IN (SELECT uid FROM record_cells_pending)",
                            rebuild, error))
        return FALSE;
    }
  else
    {
      if (!query_flag (store, "SELECT NOT EXISTS (SELECT 1 FROM temp.record_cells_was"
                       " WHERE record_id IS NULL)", &ids_known, error))
        return FALSE;
      /* The records by their ids when the action named them all, else one
       * scan (records have no index on uid), the records outside. */
      if (!move_records (store,
                         ids_known ?
                         "SELECT " RECORD_KEY_SQL " FROM temp.record_cells_was w"
                         " JOIN records r ON r.id = w.record_id AND r.uid = w.uid" :
                         "SELECT " RECORD_KEY_SQL " FROM records r"
                         " CROSS JOIN temp.record_cells_was w ON w.uid = r.uid",
                         rebuild, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, rebuild);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!_atlas_store_cells_rebuild (store, *(gint64 *) key, error))
      return FALSE;

  return atlas_store_exec (store, "DELETE FROM record_cells_pending", error) &&
         (!watched (store) || atlas_store_exec (store, "DELETE FROM temp.record_cells_was", error));
}

gboolean
_atlas_store_cells_current (AtlasStore *store)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store,
                                            "SELECT EXISTS (SELECT 1 FROM record_cells_pending)",
                                            NULL);
  gboolean current;

  if (stmt == NULL)
    return FALSE;
  current = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_finalize (stmt);

  return current;
}

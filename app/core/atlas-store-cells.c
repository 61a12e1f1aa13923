/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-store-cells.c: keeps the pre-aggregated cells of the records
 * (record_cells, record_cells_coarse; see migration 8) in line with the
 * records and the user's exclusions.  A source's cells are rebuilt whole
 * from its records with two GROUP BYs (through records_by_source, then
 * from the fine cells to the coarse ones): simpler than counting row by
 * row, and a small part of an import's work. */

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

gboolean
_atlas_store_cells_apply_pending (AtlasStore  *store,
                                  GError     **error)
{
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (_atlas_store_cells_current (store))
    return TRUE;

  /* records has no index on uid: one scan finds every source concerned. */
  stmt = atlas_store_prepare (store,
                              "SELECT DISTINCT source_id FROM records"
                              " WHERE uid IN (SELECT uid FROM record_cells_pending)",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (sources, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("counting records"));
      return FALSE;
    }

  for (guint i = 0; i < sources->len; i++)
    if (!_atlas_store_cells_rebuild (store, g_array_index (sources, gint64, i), error))
      return FALSE;

  return atlas_store_exec (store, "DELETE FROM record_cells_pending", error);
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

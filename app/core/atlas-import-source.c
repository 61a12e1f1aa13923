/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-source.c: an import's rows in sources and source_history. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-import-source.h"

char *
_atlas_import_source_name (const char               *display_name,
                           const AtlasImportOptions *options)
{
  const char *name = NULL;
  g_autofree char *base = NULL;
  const char *q;

  if (options->source_name != NULL && *options->source_name != '\0')
    return g_strdup (options->source_name);

  if (options->mapping != NULL)
    name = _atlas_mapping_get_source (options->mapping, "name");
  if (name != NULL && *name != '\0')
    return g_strdup (name);

  /* A URL's query string is not part of its name. */
  q = strpbrk (display_name, "?#");
  if (q != NULL && strstr (display_name, "://") != NULL)
    {
      g_autofree char *path = g_strndup (display_name, q - display_name);
      base = g_path_get_basename (path);
    }
  else
    base = g_path_get_basename (display_name);

  return g_steal_pointer (&base);
}

static gboolean
step_done (AtlasStore    *store,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      atlas_store_set_error (store, error, what);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static inline void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
_atlas_import_source_open (AtlasStore                  *store,
                           const AtlasImportSourceInfo *info,
                           AtlasImportSource           *source,
                           GError                     **error)
{
  sqlite3_stmt *stmt;

  memset (source, 0, sizeof *source);

  stmt = atlas_store_prepare (store,
                              "SELECT id, content_sha256, rejected_count FROM sources WHERE name = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      source->existed = TRUE;
      source->id = sqlite3_column_int64 (stmt, 0);
      source->old_sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      source->old_rejected = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);

  if (!source->existed)
    {
      stmt = atlas_store_prepare (store,
                                  "INSERT INTO sources (name, kind, format, url, licence, attribution) "
                                  "VALUES (?, ?, ?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, info->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, info->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, info->format, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, info->url, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, info->licence ? info->licence : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, info->attribution ? info->attribution : "", -1, SQLITE_STATIC);
      if (!step_done (store, stmt, _("adding a source"), error))
        return FALSE;
      source->id = sqlite3_last_insert_rowid (atlas_store_get_db (store));
      return TRUE;
    }

  stmt = atlas_store_prepare (store, "SELECT count(*) FROM records WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    source->previous = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (source->previous == 0)
    return TRUE;

  /* Old uids are kept aside to count what was added and removed. */
  if (!atlas_store_exec (store,
                         "CREATE TEMP TABLE IF NOT EXISTS atlas_import_old_uids "
                         "(uid TEXT PRIMARY KEY) WITHOUT ROWID;"
                         "DELETE FROM atlas_import_old_uids;",
                         error))
    return FALSE;

  stmt = atlas_store_prepare (store,
                              "INSERT INTO atlas_import_old_uids SELECT uid FROM records WHERE source_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->id);
  if (!step_done (store, stmt, _("reading a source’s records"), error))
    return FALSE;

  stmt = atlas_store_prepare (store, "DELETE FROM records WHERE source_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->id);
  return step_done (store, stmt, _("removing a source’s old records"), error);
}

gboolean
_atlas_import_source_record (AtlasStore                  *store,
                             const AtlasImportSource     *source,
                             const AtlasImportSourceInfo *info,
                             const char                  *sha256,
                             guint64                      imported,
                             guint64                      rejected,
                             GError                     **error)
{
  g_autofree char *now = now_iso8601 ();
  g_autofree char *message = NULL;
  sqlite3_stmt *stmt;
  gint64 added = (gint64) imported;
  gint64 removed = 0;

  if (source->previous > 0)
    {
      stmt = atlas_store_prepare (store,
                                  "SELECT count(*) FROM records WHERE source_id = ? "
                                  "AND uid NOT IN (SELECT uid FROM atlas_import_old_uids)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        added = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      removed = source->previous - ((gint64) imported - added);

      if (!atlas_store_exec (store, "DELETE FROM atlas_import_old_uids", error))
        return FALSE;
    }

  stmt = atlas_store_prepare (store,
                              "UPDATE sources SET kind = ?, format = ?, url = ?, licence = ?, "
                              "attribution = ?, retrieved_at = ?, content_sha256 = ?, row_count = ?, "
                              "rejected_count = ?, last_attempt_at = ?, last_status = 'imported' "
                              "WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, info->format, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, info->url);
  sqlite3_bind_text (stmt, 4, info->licence ? info->licence : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, info->attribution ? info->attribution : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, (gint64) imported);
  sqlite3_bind_int64 (stmt, 9, (gint64) rejected);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, source->id);
  if (!step_done (store, stmt, _("updating a source"), error))
    return FALSE;

  message = g_strdup_printf ("imported %" G_GUINT64_FORMAT ", rejected %" G_GUINT64_FORMAT,
                             imported, rejected);
  stmt = atlas_store_prepare (store,
                              "INSERT INTO source_history (source_id, at, outcome, content_sha256, "
                              "rows_before, rows_after, added, removed, message) "
                              "VALUES (?, ?, 'imported', ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source->id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, source->previous);
  sqlite3_bind_int64 (stmt, 5, (gint64) imported);
  sqlite3_bind_int64 (stmt, 6, added);
  sqlite3_bind_int64 (stmt, 7, removed);
  sqlite3_bind_text (stmt, 8, message, -1, SQLITE_STATIC);
  return step_done (store, stmt, _("recording a source’s history"), error);
}

void
_atlas_import_source_clear (AtlasImportSource *source)
{
  g_clear_pointer (&source->old_sha256, g_free);
}

gboolean
_atlas_import_source_unchanged (AtlasStore         *store,
                                const char         *name,
                                const char         *data,
                                gsize               len,
                                AtlasFormat         format,
                                char              **sha256,
                                AtlasImportResult  *result)
{
  sqlite3_stmt *stmt;
  gboolean unchanged = FALSE;

  *sha256 = NULL;

  stmt = atlas_store_prepare (store,
                              "SELECT content_sha256, row_count, rejected_count, format "
                              "FROM sources WHERE name = ?",
                              NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (*sha256 != NULL && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), *sha256) == 0)
    {
      unchanged = TRUE;
      if (result != NULL)
        {
          memset (result, 0, sizeof *result);
          result->source_name = g_strdup (name);
          if (!atlas_format_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                         &result->format))
            result->format = format;
          result->imported = sqlite3_column_int64 (stmt, 1);
          result->previous = result->imported;
          result->rejected = sqlite3_column_int64 (stmt, 2);
          result->unchanged = TRUE;
          result->sha256 = g_strdup (*sha256);
          result->rejections = g_ptr_array_new_with_free_func (g_free);
        }
    }
  sqlite3_finalize (stmt);

  return unchanged;
}

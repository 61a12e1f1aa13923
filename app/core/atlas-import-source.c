/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-source.c: an import's rows in sources and source_history. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-import-source.h"
#include "atlas-sources-private.h"
#include "atlas-store-private.h"

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

/* The source row that @info describes. */
static AtlasSource
description (const AtlasImportSourceInfo *info)
{
  AtlasSource source = {
    .name = (char *) info->name,
    .kind = (char *) info->kind,
    .format = (char *) info->format,
    .url = (char *) info->url,
    .licence = (char *) info->licence,
    .attribution = (char *) info->attribution,
  };

  return source;
}

gboolean
_atlas_import_source_open (AtlasStore                  *store,
                           const AtlasImportSourceInfo *info,
                           AtlasImportSource           *source,
                           GError                     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(AtlasSource) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  memset (source, 0, sizeof *source);

  stored = atlas_sources_find (store, info->name, &local_error);
  if (stored == NULL && !g_error_matches (local_error, ATLAS_SOURCES_ERROR,
                                          ATLAS_SOURCES_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (stored == NULL)
    {
      AtlasSource row = description (info);

      source->id = atlas_sources_add (store, &row, ATLAS_SOURCES_ADD_DEFAULT, error);
      return source->id > 0;
    }

  source->existed = TRUE;
  source->id = stored->id;
  source->old_sha256 = g_steal_pointer (&stored->content_sha256);
  source->old_rejected = stored->rejected;

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
  g_autofree char *message = NULL;
  AtlasSourceEvent event = { 0 };
  AtlasSource row;
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

  row = description (info);
  event.outcome = (char *) "imported";
  event.http_status = -1;
  event.content_sha256 = (char *) sha256;
  event.rows_before = source->previous;
  event.rows_after = (gint64) imported;
  event.added = added;
  event.removed = removed;
  event.message = message = g_strdup_printf ("imported %" G_GUINT64_FORMAT
                                             ", rejected %" G_GUINT64_FORMAT,
                                             imported, rejected);

  /* A refresh's validators commit with the records they describe. */
  if (info->set_validators &&
      !_atlas_sources_set_attempt (store, source->id, "imported", TRUE, info->etag,
                                   info->last_modified, info->format, error))
    return FALSE;

  return _atlas_sources_set_imported (store, source->id, &row, sha256, (gint64) imported,
                                      (gint64) rejected, error) &&
         _atlas_sources_append_history (store, source->id, &event, error);
}

void
_atlas_import_source_clear (AtlasImportSource *source)
{
  g_clear_pointer (&source->old_sha256, g_free);
}

gboolean
_atlas_import_source_unchanged (AtlasStore         *store,
                                const char         *name,
                                AtlasImportHashFunc hash_func,
                                gpointer            hash_data,
                                AtlasFormat         format,
                                char              **sha256,
                                AtlasImportResult  *result,
                                GError            **error)
{
  g_autoptr(AtlasSource) stored = atlas_sources_find (store, name, NULL);

  *sha256 = NULL;
  if (stored == NULL)
    return FALSE;

  *sha256 = hash_func (hash_data, error);
  if (*sha256 == NULL || g_strcmp0 (stored->content_sha256, *sha256) != 0)
    return FALSE;

  if (result != NULL)
    {
      memset (result, 0, sizeof *result);
      result->source_name = g_strdup (name);
      if (!atlas_format_from_string (stored->format, &result->format))
        result->format = format;
      result->imported = stored->row_count;
      result->previous = result->imported;
      result->rejected = stored->rejected;
      result->unchanged = TRUE;
      result->sha256 = g_strdup (*sha256);
      result->rejections = g_ptr_array_new_with_free_func (g_free);
    }

  return TRUE;
}

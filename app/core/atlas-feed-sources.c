/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-sources.c: the feeds' rows in the sources table: adding,
 * removing and listing feeds, reading one to refresh it, and recording how
 * each refresh went (source_history, sources.last_status). */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-feed-private.h"

/* The registry. */

gboolean
atlas_feed_add_source (AtlasStore  *store,
                       const char  *name,
                       const char  *url,
                       const char  *format,
                       const char  *mapping,
                       const char  *licence,
                       const char  *attribution,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  AtlasFormat import_format;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL,
                   _("“%s” is not an http or https URL"), url);
      return FALSE;
    }

  if (!g_str_equal (format, ATLAS_FEED_FORMAT_JSON) &&
      (!atlas_format_from_string (format, &import_format) || import_format == ATLAS_FORMAT_AUTO))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                   _("Unknown feed format “%s” (aijobs, h1b, dol-lca, glassdoor-in, "
                     "csv with a mapping file, or %s)"),
                   format, ATLAS_FEED_FORMAT_JSON);
      return FALSE;
    }

  if (g_str_equal (format, "csv"))
    {
      g_autoptr(AtlasMapping) parsed = NULL;
      g_autofree char *mapping_name = NULL;

      if (mapping == NULL || *mapping == '\0')
        {
          g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                       _("The feed “%s” is in the generic CSV format, which needs a mapping "
                         "file that says which column holds what (--map FILE)"), name);
          return FALSE;
        }
      if (!g_utf8_validate (mapping, -1, NULL))
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                       _("The mapping file of the feed “%s” is not UTF-8 text"), name);
          return FALSE;
        }

      /* Checked now, so that a mistake shows when the feed is added rather
       * than at its first refresh. */
      mapping_name = g_strdup_printf (_("mapping of the feed “%s”"), name);
      parsed = atlas_mapping_new_from_data (mapping, strlen (mapping), mapping_name, error);
      if (parsed == NULL)
        return FALSE;
    }
  else if (mapping != NULL)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                   _("The feed “%s” has the format “%s”, which takes no mapping file; "
                     "a mapping file goes with the generic CSV format (csv)"), name, format);
      return FALSE;
    }

  /* A new URL, format or mapping makes the stored validators and content
   * hash meaningless: the next refresh downloads and imports again, even
   * when the bytes on the server are the same. */
  stmt = atlas_store_prepare (store,
                              "INSERT INTO sources (name, kind, format, url, licence, attribution,"
                              " mapping) VALUES (?1, 'feed', ?2, ?3, ?4, ?5, ?6)"
                              " ON CONFLICT (name) DO UPDATE SET kind = 'feed', format = ?2,"
                              " url = ?3, licence = ?4, attribution = ?5, mapping = ?6,"
                              " etag = CASE WHEN url IS ?3 AND format IS ?2 AND mapping IS ?6"
                              " THEN etag END,"
                              " last_modified = CASE WHEN url IS ?3 AND format IS ?2"
                              " AND mapping IS ?6 THEN last_modified END,"
                              " content_sha256 = CASE WHEN format IS ?2 AND mapping IS ?6"
                              " THEN content_sha256 END",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, format, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, licence ? licence : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, attribution ? attribution : "", -1, SQLITE_STATIC);
  if (mapping != NULL)
    sqlite3_bind_text (stmt, 6, mapping, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    atlas_store_set_error (store, error, _("adding a feed"));
  sqlite3_finalize (stmt);

  return ok;
}

gboolean
atlas_feed_ensure_builtin (AtlasStore  *store,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);

  stmt = atlas_store_prepare (store,
                              "INSERT OR IGNORE INTO sources (name, kind, format, url, licence,"
                              " attribution) VALUES (?, 'feed', 'aijobs', ?, 'CC0-1.0', ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ATLAS_FEED_AIJOBS_NAME, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ATLAS_FEED_AIJOBS_URL, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, "aijobs.net salary survey (https://aijobs.net/salaries/), CC0 1.0",
                     -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    atlas_store_set_error (store, error, _("registering the built-in feeds"));
  sqlite3_finalize (stmt);

  return ok;
}

gboolean
atlas_feed_remove_source (AtlasStore  *store,
                          const char  *name,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = atlas_store_prepare (store, "DELETE FROM sources WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    atlas_store_set_error (store, error, _("removing a source"));
  else if (sqlite3_changes (atlas_store_get_db (store)) == 0)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE,
                   _("There is no source named “%s”"), name);
      ok = FALSE;
    }
  sqlite3_finalize (stmt);

  return ok;
}

GStrv
atlas_feed_list_refreshable (AtlasStore  *store,
                             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = atlas_store_prepare (store,
                              /* Embedded sources keep their citation's address in
                               * url: they are curated, never downloaded. */
                              "SELECT name FROM sources WHERE enabled AND kind = 'feed' AND"
                              " (url LIKE 'http://%' OR url LIKE 'https://%') ORDER BY name",
                              error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("listing the feeds"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  return g_strv_builder_end (builder);
}

gboolean
_atlas_feed_source_load (AtlasStore       *store,
                         const char       *name,
                         AtlasFeedSource  *source,
                         GError          **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *mapping = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  gboolean embedded = FALSE;

  stmt = atlas_store_prepare (store,
                              /* row_count, not count(*): a 304 must not read the records. */
                              "SELECT id, url, format, licence, attribution, etag, last_modified,"
                              " row_count, mapping, kind FROM sources WHERE name = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      source->id = sqlite3_column_int64 (stmt, 0);
      source->name = g_strdup (name);
      source->url = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      source->format_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      source->licence = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      source->attribution = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      source->etag = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      source->last_modified = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      source->row_count = sqlite3_column_int64 (stmt, 7);
      mapping = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      embedded = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 9), "embedded") == 0;
    }
  sqlite3_finalize (stmt);

  if (!found)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE,
                   _("There is no source named “%s” (see “salary-atlas sources”)"), name);
      return FALSE;
    }

  if (embedded)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE,
                   _("The source “%s” is built into Salary Atlas: its curated figures are "
                     "not downloaded, so it cannot be refreshed"), name);
      return FALSE;
    }

  if (source->url == NULL || *source->url == '\0')
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE,
                   _("The source “%s” has no URL to refresh from"), name);
      return FALSE;
    }

  uri = g_uri_parse (source->url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL,
                   _("The source “%s” cannot be refreshed: “%s” is not an http or https URL"),
                   name, source->url);
      return FALSE;
    }

  source->is_json = g_strcmp0 (source->format_name, ATLAS_FEED_FORMAT_JSON) == 0;
  if (!source->is_json &&
      (!atlas_format_from_string (source->format_name, &source->format) ||
       source->format == ATLAS_FORMAT_AUTO))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                   _("The source “%s” has the format “%s”, which cannot be refreshed over HTTP"),
                   name, source->format_name);
      return FALSE;
    }

  if (!source->is_json && source->format == ATLAS_FORMAT_CSV)
    {
      g_autofree char *mapping_name = NULL;

      if (mapping == NULL || *mapping == '\0')
        {
          g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                       _("The source “%s” is in the generic CSV format but has no mapping file; "
                         "add it again with “salary-atlas refresh --url URL --format csv "
                         "--map FILE”"), name);
          return FALSE;
        }

      mapping_name = g_strdup_printf (_("mapping of the feed “%s”"), name);
      source->mapping = atlas_mapping_new_from_data (mapping, strlen (mapping), mapping_name,
                                                     error);
      if (source->mapping == NULL)
        return FALSE;
    }

  return TRUE;
}

void
_atlas_feed_source_clear (AtlasFeedSource *source)
{
  g_clear_pointer (&source->name, g_free);
  g_clear_pointer (&source->url, g_free);
  g_clear_pointer (&source->format_name, g_free);
  g_clear_pointer (&source->licence, g_free);
  g_clear_pointer (&source->attribution, g_free);
  g_clear_pointer (&source->etag, g_free);
  g_clear_pointer (&source->last_modified, g_free);
  g_clear_pointer (&source->mapping, atlas_mapping_free);
}

/* Bookkeeping after a refresh. */

gboolean
_atlas_feed_exec (AtlasStore  *store,
                  const char  *sql,
                  const char  *what,
                  GError     **error,
                  ...)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  va_list args;
  gboolean ok;
  int n;

  if (stmt == NULL)
    return FALSE;

  /* Arguments: a type character per parameter ('s' string or NULL, 'i' gint64). */
  va_start (args, error);
  n = sqlite3_bind_parameter_count (stmt);
  for (int i = 1; i <= n; i++)
    {
      int type = va_arg (args, int);

      if (type == 's')
        {
          const char *value = va_arg (args, const char *);

          if (value != NULL)
            sqlite3_bind_text (stmt, i, value, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (stmt, i);
        }
      else
        sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
    }
  va_end (args);

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    atlas_store_set_error (store, error, what);
  sqlite3_finalize (stmt);

  return ok;
}

void
_atlas_feed_source_record_failure (AtlasStore            *store,
                                   const AtlasFeedSource *source,
                                   guint                  http_status,
                                   const GError          *failure,
                                   guint                  tries)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = _atlas_feed_now_iso8601 ();
  g_autofree char *status = g_strdup_printf ("failed: %s", failure->message);
  g_autofree char *message = tries > 1 ?
    g_strdup_printf ("%s (%u tries)", failure->message, tries) : g_strdup (failure->message);

  if (!atlas_store_begin (store, &error) ||
      !_atlas_feed_exec (store,
                   "INSERT INTO source_history (source_id, at, outcome, http_status, rows_before,"
                   " rows_after, added, removed, message) VALUES (?, ?, 'failed', ?, ?, ?, 0, 0, ?)",
                   _("recording a failed refresh"), &error,
                   'i', source->id, 's', now, 'i', (gint64) http_status,
                   'i', source->row_count, 'i', source->row_count, 's', message) ||
      !_atlas_feed_exec (store,
                   "UPDATE sources SET last_attempt_at = ?, last_status = ? WHERE id = ?",
                   _("recording a failed refresh"), &error,
                   's', now, 's', status, 'i', source->id) ||
      !atlas_store_commit (store, &error))
    {
      atlas_store_rollback (store);
      g_warning ("%s", error->message);
    }
}

gboolean
_atlas_feed_source_record_success (AtlasStore             *store,
                                   const AtlasFeedSource  *source,
                                   const AtlasFeedResult  *result,
                                   GError                **error)
{
  g_autofree char *now = _atlas_feed_now_iso8601 ();
  const char *status;

  status = result->outcome == ATLAS_FEED_OUTCOME_IMPORTED ? "imported" :
           result->outcome == ATLAS_FEED_OUTCOME_NOT_MODIFIED ? "not modified" : "unchanged";

  if (!atlas_store_begin (store, error))
    return FALSE;

  /* A 304 may omit the validators; the stored ones then stay. */
  if (!_atlas_feed_exec (store,
                   "UPDATE sources SET etag = ?, last_modified = ?, last_attempt_at = ?,"
                   " last_status = ?, format = ? WHERE id = ?",
                   _("recording a refresh"), error,
                   's', result->etag, 's', result->last_modified, 's', now, 's', status,
                   's', source->format_name, 'i', source->id))
    goto fail;

  if (result->outcome == ATLAS_FEED_OUTCOME_IMPORTED)
    {
      /* The importer wrote the history row of this snapshot; add what it
       * cannot know about. */
      if (!_atlas_feed_exec (store,
                       "UPDATE source_history SET http_status = ?, etag = ?, last_modified = ?"
                       " WHERE id = (SELECT max(id) FROM source_history WHERE source_id = ?"
                       " AND outcome = 'imported')",
                       _("recording a refresh"), error,
                       'i', (gint64) result->http_status, 's', result->etag,
                       's', result->last_modified, 'i', source->id))
        goto fail;
    }
  else if (!_atlas_feed_exec (store,
                        "INSERT INTO source_history (source_id, at, outcome, http_status, etag,"
                        " last_modified, content_sha256, rows_before, rows_after, added, removed,"
                        " message) VALUES (?, ?, 'unchanged', ?, ?, ?, ?, ?, ?, 0, 0, ?)",
                        _("recording a refresh"), error,
                        'i', source->id, 's', now, 'i', (gint64) result->http_status,
                        's', result->etag, 's', result->last_modified, 's', result->sha256,
                        'i', (gint64) result->records, 'i', (gint64) result->records,
                        's', status))
    goto fail;

  return atlas_store_commit (store, error);

fail:
  atlas_store_rollback (store);
  return FALSE;
}

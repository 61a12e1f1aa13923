/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-sources.c: the sources and source_history tables (atlas-sources.h).
 * Every statement that writes them, and every read of a source's row, is
 * in this file. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-query-pool.h"
#include "atlas-sources-private.h"
#include "atlas-store-private.h"
#include "atlas-quote.h"

G_DEFINE_QUARK (atlas-sources-error-quark, atlas_sources_error)

G_DEFINE_BOXED_TYPE (AtlasSource, atlas_source, atlas_source_copy, atlas_source_free)

AtlasSource *
atlas_source_new (void)
{
  return g_new0 (AtlasSource, 1);
}

AtlasSource *
atlas_source_copy (const AtlasSource *source)
{
  AtlasSource *copy;

  g_return_val_if_fail (source != NULL, NULL);

  copy = g_memdup2 (source, sizeof *source);
  copy->name = g_strdup (source->name);
  copy->kind = g_strdup (source->kind);
  copy->format = g_strdup (source->format);
  copy->url = g_strdup (source->url);
  copy->licence = g_strdup (source->licence);
  copy->attribution = g_strdup (source->attribution);
  copy->mapping = g_strdup (source->mapping);
  copy->retrieved_at = g_strdup (source->retrieved_at);
  copy->content_sha256 = g_strdup (source->content_sha256);
  copy->etag = g_strdup (source->etag);
  copy->last_modified = g_strdup (source->last_modified);
  copy->last_attempt_at = g_strdup (source->last_attempt_at);
  copy->last_status = g_strdup (source->last_status);

  return copy;
}

void
atlas_source_free (AtlasSource *source)
{
  if (source == NULL)
    return;

  g_free (source->name);
  g_free (source->kind);
  g_free (source->format);
  g_free (source->url);
  g_free (source->licence);
  g_free (source->attribution);
  g_free (source->mapping);
  g_free (source->retrieved_at);
  g_free (source->content_sha256);
  g_free (source->etag);
  g_free (source->last_modified);
  g_free (source->last_attempt_at);
  g_free (source->last_status);
  g_free (source);
}

gboolean
atlas_source_is_refreshable (const AtlasSource *source)
{
  g_return_val_if_fail (source != NULL, FALSE);

  /* Embedded sources keep their citation's address in url: they are
   * curated, never downloaded. */
  return g_strcmp0 (source->kind, "feed") == 0 && source->url != NULL &&
         (g_ascii_strncasecmp (source->url, "http://", 7) == 0 ||
          g_ascii_strncasecmp (source->url, "https://", 8) == 0);
}

void
atlas_source_event_free (AtlasSourceEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->at);
  g_free (event->outcome);
  g_free (event->etag);
  g_free (event->last_modified);
  g_free (event->content_sha256);
  g_free (event->message);
  g_free (event);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
bind_text (sqlite3_stmt *stmt,
           int           param,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, param, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, param);
}

/* Steps @stmt to its end and finalizes it; @what names it in an error. */
static gboolean
run (AtlasStore    *store,
     sqlite3_stmt  *stmt,
     const char    *what,
     GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    atlas_store_set_error (store, error, what);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

/* The columns read_source() reads, from "sources s", but the last: the
 * number of figures of the source (FIGURES_OF_ONE or FIGURES_OF_EACH). */
#define SOURCE_COLUMNS                                                                 \
  "s.id, s.name, s.kind, s.format, s.url, s.licence, s.attribution, s.mapping,"       \
  " s.enabled, s.retrieved_at, s.content_sha256, s.etag, s.last_modified,"            \
  " s.last_attempt_at, s.last_status, s.row_count, s.rejected_count,"
/* figures has no index by source: a subquery per source scanned the
 * whole table once for each (23 scans of 3.4 MB on the 1M-record bench
 * database, 7 ms of the window's catalog load); the list counts them all
 * in one scan. */
#define FIGURES_OF_ONE " (SELECT count(*) FROM figures f WHERE f.source_id = s.id)"
#define FIGURES_OF_EACH " coalesce (fc.n, 0)"
#define FIGURES_OF_EACH_JOIN                                                           \
  " LEFT JOIN (SELECT source_id, count(*) AS n FROM figures GROUP BY source_id) fc"   \
  " ON fc.source_id = s.id"
#define COUNTED_COLUMNS                                                                \
  ", (SELECT count(*) FROM records r WHERE r.source_id = s.id),"                      \
  " CASE WHEN s.format = 'fx-ppp' THEN (SELECT count(*) FROM fx_rates)"               \
  "   + (SELECT count(*) FROM ppp_factors) ELSE 0 END,"                               \
  " (SELECT added FROM source_history h WHERE h.source_id = s.id"                     \
  "   AND h.outcome = 'imported' ORDER BY h.id DESC LIMIT 1)"

static AtlasSource *
read_source (sqlite3_stmt *stmt,
             gboolean      counted)
{
  AtlasSource *source = atlas_source_new ();

  source->id = sqlite3_column_int64 (stmt, 0);
  source->name = column_dup (stmt, 1);
  source->kind = column_dup (stmt, 2);
  source->format = column_dup (stmt, 3);
  source->url = column_dup (stmt, 4);
  source->licence = column_dup (stmt, 5);
  source->attribution = column_dup (stmt, 6);
  source->mapping = column_dup (stmt, 7);
  source->enabled = sqlite3_column_int (stmt, 8) != 0;
  source->retrieved_at = column_dup (stmt, 9);
  source->content_sha256 = column_dup (stmt, 10);
  source->etag = column_dup (stmt, 11);
  source->last_modified = column_dup (stmt, 12);
  source->last_attempt_at = column_dup (stmt, 13);
  source->last_status = column_dup (stmt, 14);
  source->row_count = sqlite3_column_int64 (stmt, 15);
  source->rejected = sqlite3_column_int64 (stmt, 16);
  source->figures = sqlite3_column_int64 (stmt, 17);
  if (counted)
    {
      source->records = sqlite3_column_int64 (stmt, 18);
      source->rates = sqlite3_column_int64 (stmt, 19);
      source->last_added = sqlite3_column_int64 (stmt, 20);
    }
  else
    source->records = source->row_count;

  return source;
}

GPtrArray *
atlas_sources_list (AtlasStore             *store,
                    AtlasSourcesListFlags   flags,
                    GError                **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " SOURCE_COLUMNS FIGURES_OF_EACH);
  gboolean counted = (flags & ATLAS_SOURCES_LIST_COUNT) != 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (counted)
    g_string_append (sql, COUNTED_COLUMNS);
  g_string_append (sql, " FROM sources s" FIGURES_OF_EACH_JOIN);
  if (flags & ATLAS_SOURCES_LIST_ENABLED)
    g_string_append (sql, " WHERE s.enabled");
  g_string_append (sql, (flags & ATLAS_SOURCES_LIST_EMBEDDED_LAST) ?
                        " ORDER BY s.kind = 'embedded', s.name" : " ORDER BY s.name");

  stmt = atlas_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, read_source (stmt, counted));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading the list of sources"));
      return NULL;
    }

  return g_steal_pointer (&sources);
}

AtlasSource *
atlas_sources_find (AtlasStore  *store,
                    const char  *name,
                    GError     **error)
{
  AtlasSource *source = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = atlas_store_prepare (store,
                              "SELECT " SOURCE_COLUMNS FIGURES_OF_ONE
                              " FROM sources s WHERE s.name = ?",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    source = read_source (stmt, FALSE);
  else if (rc != SQLITE_DONE)
    atlas_store_set_error (store, error, _("reading a source"));
  else
    {
      g_autofree char *quoted = atlas_quote (name);

      g_set_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND,
                   _("There is no source named “%s”"), quoted);
    }
  sqlite3_finalize (stmt);

  return source;
}

gint64
atlas_sources_find_id (AtlasStore *store,
                       const char *name)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = atlas_store_prepare (store, "SELECT id FROM sources WHERE name = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_INVALID,
                           _("A source needs a name"));
      return FALSE;
    }
  return TRUE;
}

gint64
atlas_sources_add (AtlasStore            *store,
                   const AtlasSource     *source,
                   AtlasSourcesAddFlags   flags,
                   GError               **error)
{
  const char *conflict;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (source != NULL, 0);
  g_return_val_if_fail (source->format != NULL, 0);

  if (!check_name (source->name, error))
    return 0;

  switch (flags)
    {
    case ATLAS_SOURCES_ADD_REPLACE:
      conflict = " ON CONFLICT (name) DO UPDATE SET kind = ?2, format = ?3,"
                 " url = ?4, licence = ?5, attribution = ?6, mapping = ?7,"
                 " etag = CASE WHEN url IS ?4 AND format IS ?3 AND mapping IS ?7"
                 " THEN etag END,"
                 " last_modified = CASE WHEN url IS ?4 AND format IS ?3"
                 " AND mapping IS ?7 THEN last_modified END,"
                 " content_sha256 = CASE WHEN format IS ?3 AND mapping IS ?7"
                 " THEN content_sha256 END";
      break;

    case ATLAS_SOURCES_ADD_IGNORE:
      conflict = " ON CONFLICT (name) DO UPDATE SET name = name";
      break;

    case ATLAS_SOURCES_ADD_DEFAULT:
    default:
      conflict = " ON CONFLICT (name) DO NOTHING";
      break;
    }

  sql = g_strconcat ("INSERT INTO sources (name, kind, format, url, licence, attribution, mapping)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", conflict, " RETURNING id", NULL);
  stmt = atlas_store_prepare (store, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, source->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source->kind ? source->kind : "file", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, source->format, -1, SQLITE_STATIC);
  bind_text (stmt, 4, source->url);
  sqlite3_bind_text (stmt, 5, source->licence ? source->licence : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, source->attribution ? source->attribution : "", -1, SQLITE_STATIC);
  bind_text (stmt, 7, source->mapping);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("adding a source"));
      id = 0;
    }
  else if (id == 0)
    {
      g_autofree char *quoted = atlas_quote (source->name);

      g_set_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_EXISTS,
                   _("A source named “%s” exists already: choose another name, or edit "
                     "that source"), quoted);
    }
  sqlite3_finalize (stmt);

  return id;
}

gboolean
atlas_sources_rename (AtlasStore  *store,
                      const char  *name,
                      const char  *new_name,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_name (new_name, error))
    return FALSE;
  if (g_str_equal (name, new_name))
    return atlas_sources_find_id (store, name) > 0 ||
           (g_set_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND,
                         _("There is no source named “%s”"), name), FALSE);

  if (atlas_sources_find_id (store, new_name) > 0)
    {
      g_set_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_EXISTS,
                   _("A source named “%s” exists already: choose another name, or edit "
                     "that source"), new_name);
      return FALSE;
    }

  stmt = atlas_store_prepare (store, "UPDATE sources SET name = ? WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, new_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("renaming a source"));
      return FALSE;
    }
  if (atlas_store_changes (store) == 0)
    {
      g_set_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND,
                   _("There is no source named “%s”"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_sources_remove (AtlasStore  *store,
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
  else if (atlas_store_changes (store) == 0)
    {
      g_set_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND,
                   _("There is no source named “%s”"), name);
      ok = FALSE;
    }
  sqlite3_finalize (stmt);

  return ok;
}

GPtrArray *
atlas_sources_history (AtlasStore  *store,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  id = atlas_sources_find_id (store, name);
  if (id == 0)
    {
      g_set_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND,
                   _("There is no source named “%s”"), name);
      return NULL;
    }

  stmt = atlas_store_prepare (store,
                              "SELECT at, outcome, http_status, etag, last_modified, content_sha256,"
                              " rows_before, rows_after, added, removed, message"
                              " FROM source_history WHERE source_id = ? ORDER BY id DESC",
                              error);
  if (stmt == NULL)
    return NULL;

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_source_event_free);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AtlasSourceEvent *event = g_new0 (AtlasSourceEvent, 1);

      event->at = column_dup (stmt, 0);
      event->outcome = column_dup (stmt, 1);
      event->http_status = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1
                                                                          : sqlite3_column_int (stmt, 2);
      event->etag = column_dup (stmt, 3);
      event->last_modified = column_dup (stmt, 4);
      event->content_sha256 = column_dup (stmt, 5);
      event->rows_before = sqlite3_column_int64 (stmt, 6);
      event->rows_after = sqlite3_column_int64 (stmt, 7);
      event->added = sqlite3_column_int64 (stmt, 8);
      event->removed = sqlite3_column_int64 (stmt, 9);
      event->message = column_dup (stmt, 10);
      g_ptr_array_add (events, event);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading a source’s history"));
      return NULL;
    }

  return g_steal_pointer (&events);
}

/* Bookkeeping (atlas-sources-private.h). */

gboolean
_atlas_sources_set_imported (AtlasStore         *store,
                             gint64              id,
                             const AtlasSource  *description,
                             const char         *sha256,
                             gint64              row_count,
                             gint64              rejected,
                             GError            **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store,
                              "UPDATE sources SET kind = ?, format = ?, url = ?, licence = ?, "
                              "attribution = ?, retrieved_at = ?, content_sha256 = ?, row_count = ?, "
                              "rejected_count = ?, last_attempt_at = ?, last_status = 'imported' "
                              "WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, description->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, description->format, -1, SQLITE_STATIC);
  /* An empty URL is no URL. */
  bind_text (stmt, 3, description->url && *description->url ? description->url : NULL);
  sqlite3_bind_text (stmt, 4, description->licence ? description->licence : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, description->attribution ? description->attribution : "", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, row_count);
  sqlite3_bind_int64 (stmt, 9, rejected);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, id);

  return run (store, stmt, _("updating a source"), error);
}

gboolean
_atlas_sources_set_snapshot (AtlasStore  *store,
                             gint64       id,
                             const char  *licence,
                             const char  *attribution,
                             const char  *sha256,
                             gint64       row_count,
                             GError     **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store,
                              "UPDATE sources SET licence = ?, attribution = ?, retrieved_at = ?,"
                              " content_sha256 = ?, row_count = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, licence);
  bind_text (stmt, 2, attribution);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  bind_text (stmt, 4, sha256);
  sqlite3_bind_int64 (stmt, 5, row_count);
  sqlite3_bind_int64 (stmt, 6, id);

  return run (store, stmt, _("recording a refresh"), error);
}

gboolean
_atlas_sources_set_attempt (AtlasStore  *store,
                            gint64       id,
                            const char  *status,
                            gboolean     validators,
                            const char  *etag,
                            const char  *last_modified,
                            const char  *format,
                            GError     **error)
{
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;

  if (!validators)
    {
      stmt = atlas_store_prepare (store,
                                  "UPDATE sources SET last_attempt_at = ?, last_status = ? WHERE id = ?",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
      bind_text (stmt, 2, status);
      sqlite3_bind_int64 (stmt, 3, id);
      return run (store, stmt, _("recording a failed refresh"), error);
    }

  stmt = atlas_store_prepare (store,
                              "UPDATE sources SET etag = ?, last_modified = ?, last_attempt_at = ?,"
                              " last_status = ?, format = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, etag);
  bind_text (stmt, 2, last_modified);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  bind_text (stmt, 4, status);
  bind_text (stmt, 5, format);
  sqlite3_bind_int64 (stmt, 6, id);
  return run (store, stmt, _("recording a refresh"), error);
}

gboolean
_atlas_sources_set_counts (AtlasStore  *store,
                           gint64       id,
                           gint64       row_count,
                           gint64       rejected,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store,
                              "UPDATE sources SET row_count = ?1, rejected_count ="
                              " CASE WHEN ?2 < 0 THEN rejected_count ELSE ?2 END WHERE id = ?3",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row_count);
  sqlite3_bind_int64 (stmt, 2, rejected);
  sqlite3_bind_int64 (stmt, 3, id);

  return run (store, stmt, _("counting default figures"), error);
}

gboolean
_atlas_sources_append_history (AtlasStore              *store,
                               gint64                   id,
                               const AtlasSourceEvent  *event,
                               GError                 **error)
{
  g_autofree char *now = event->at ? NULL : now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store,
                              "INSERT INTO source_history (source_id, at, outcome, http_status,"
                              " etag, last_modified, content_sha256, rows_before, rows_after,"
                              " added, removed, message)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, event->at ? event->at : now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, event->outcome, -1, SQLITE_STATIC);
  if (event->http_status >= 0)
    sqlite3_bind_int64 (stmt, 4, event->http_status);
  else
    sqlite3_bind_null (stmt, 4);
  bind_text (stmt, 5, event->etag);
  bind_text (stmt, 6, event->last_modified);
  bind_text (stmt, 7, event->content_sha256);
  sqlite3_bind_int64 (stmt, 8, event->rows_before);
  sqlite3_bind_int64 (stmt, 9, event->rows_after);
  sqlite3_bind_int64 (stmt, 10, event->added);
  sqlite3_bind_int64 (stmt, 11, event->removed);
  bind_text (stmt, 12, event->message);

  return run (store, stmt, _("recording a source’s history"), error);
}

gboolean
_atlas_sources_amend_last_import (AtlasStore  *store,
                                  gint64       id,
                                  guint        http_status,
                                  const char  *etag,
                                  const char  *last_modified,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store,
                              "UPDATE source_history SET http_status = ?, etag = ?, last_modified = ?"
                              " WHERE id = (SELECT max(id) FROM source_history WHERE source_id = ?"
                              " AND outcome = 'imported')",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, http_status);
  bind_text (stmt, 2, etag);
  bind_text (stmt, 3, last_modified);
  sqlite3_bind_int64 (stmt, 4, id);

  return run (store, stmt, _("recording a refresh"), error);
}

gint64
_atlas_sources_put_embedded (AtlasStore         *store,
                             const AtlasSource  *description,
                             GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  /* A source of another kind with an embedded source's name is left alone:
   * RETURNING gives no row when the WHERE refuses the update. */
  stmt = atlas_store_prepare (store,
                              "INSERT INTO sources (name, kind, format, url, licence, attribution,"
                              "                     retrieved_at, content_sha256, enabled)"
                              " VALUES (?1, 'embedded', ?2, ?3, ?4, ?5, ?6, ?7, 1)"
                              " ON CONFLICT (name) DO UPDATE SET"
                              "   format = excluded.format, url = excluded.url,"
                              "   licence = excluded.licence, attribution = excluded.attribution,"
                              "   retrieved_at = excluded.retrieved_at,"
                              "   content_sha256 = excluded.content_sha256, enabled = 1"
                              " WHERE sources.kind = 'embedded'"
                              " RETURNING id",
                              error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, description->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, description->format, -1, SQLITE_STATIC);
  bind_text (stmt, 3, description->url);
  sqlite3_bind_text (stmt, 4, description->licence, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, description->attribution, -1, SQLITE_STATIC);
  bind_text (stmt, 6, description->retrieved_at);
  bind_text (stmt, 7, description->content_sha256);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("adding a default source"));
      id = -1;
    }
  sqlite3_finalize (stmt);

  return id;
}

GArray *
_atlas_sources_ids_of_kind (AtlasStore  *store,
                            const char  *kind,
                            GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = atlas_store_prepare (store, "SELECT id FROM sources WHERE kind = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading the list of sources"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gboolean
_atlas_sources_remove_id (AtlasStore  *store,
                          gint64       id,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store, "DELETE FROM sources WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return run (store, stmt, _("removing an old default source"), error);
}

/* On the query pool. */

static gpointer
list_job (AtlasStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return atlas_sources_list (store, GPOINTER_TO_UINT (data), error);
}

void
atlas_sources_list_async (const char             *db_path,
                          AtlasSourcesListFlags   flags,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  atlas_query_pool_run_async (db_path, list_job, GUINT_TO_POINTER (flags), NULL,
                              (GDestroyNotify) g_ptr_array_unref,
                              cancellable, callback, user_data);
}

GPtrArray *
atlas_sources_list_finish (GAsyncResult  *result,
                           GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

static gpointer
remove_job (AtlasStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return atlas_sources_remove (store, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
atlas_sources_remove_async (const char          *db_path,
                            const char          *name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  atlas_query_pool_run_async (db_path, remove_job, g_strdup (name), g_free, NULL,
                              cancellable, callback, user_data);
}

gboolean
atlas_sources_remove_finish (GAsyncResult  *result,
                             GError       **error)
{
  return atlas_query_pool_run_finish (result, error) != NULL;
}

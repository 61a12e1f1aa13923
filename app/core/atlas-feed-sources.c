/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed-sources.c: the feeds' rows in the sources table: adding,
 * removing and listing feeds, reading one to refresh it, and recording how
 * each refresh went (source_history, sources.last_status). */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-feed-private.h"
#include "atlas-quote.h"
#include "atlas-query-pool.h"
#include "atlas-sources-private.h"
#include "atlas-store-private.h"

/* The registry. */

gboolean
atlas_feed_add_source_full (AtlasStore         *store,
                            const char         *name,
                            const char         *url,
                            const char         *format,
                            const char         *mapping,
                            const char         *licence,
                            const char         *attribution,
                            AtlasFeedAddFlags   flags,
                            GError            **error)
{
  g_autoptr(GUri) uri = NULL;
  AtlasFormat import_format;
  AtlasSource feed = { 0 };
  /* For messages: a name, URL or format may hold control characters. */
  g_autofree char *quoted_name = NULL;
  g_autofree char *quoted_url = NULL;
  g_autofree char *quoted_format = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  quoted_name = atlas_quote (name);
  quoted_url = atlas_quote_name (url);
  quoted_format = atlas_quote (format);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL,
                   _("“%s” is not an http or https URL"), quoted_url);
      return FALSE;
    }

  if (!g_str_equal (format, ATLAS_FEED_FORMAT_JSON) &&
      (!atlas_format_from_string (format, &import_format) || import_format == ATLAS_FORMAT_AUTO))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                   _("Unknown feed format “%s” (aijobs, h1b, dol-lca, glassdoor-in, "
                     "csv with a mapping file, or %s)"),
                   quoted_format, ATLAS_FEED_FORMAT_JSON);
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
                         "file that says which column holds what (--map FILE)"), quoted_name);
          return FALSE;
        }
      if (!g_utf8_validate (mapping, -1, NULL))
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                       _("The mapping file of the feed “%s” is not UTF-8 text"), quoted_name);
          return FALSE;
        }

      /* Checked now, so that a mistake shows when the feed is added rather
       * than at its first refresh. */
      mapping_name = g_strdup_printf (_("mapping of the feed “%s”"), quoted_name);
      parsed = atlas_mapping_new_from_data (mapping, strlen (mapping), mapping_name, error);
      if (parsed == NULL)
        return FALSE;
    }
  else if (mapping != NULL)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                   _("The feed “%s” has the format “%s”, which takes no mapping file; "
                     "a mapping file goes with the generic CSV format (csv)"), quoted_name,
                   quoted_format);
      return FALSE;
    }

  /* A new URL, format or mapping makes the stored validators and content
   * hash meaningless: the next refresh downloads and imports again, even
   * when the bytes on the server are the same (ATLAS_SOURCES_ADD_REPLACE). */
  feed.name = (char *) name;
  feed.kind = (char *) "feed";
  feed.format = (char *) format;
  feed.url = (char *) url;
  feed.licence = (char *) licence;
  feed.attribution = (char *) attribution;
  feed.mapping = (char *) mapping;

  return atlas_sources_add (store, &feed,
                            (flags & ATLAS_FEED_ADD_NEW) ? ATLAS_SOURCES_ADD_DEFAULT
                                                         : ATLAS_SOURCES_ADD_REPLACE,
                            error) > 0;
}

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
  return atlas_feed_add_source_full (store, name, url, format, mapping, licence, attribution,
                                     ATLAS_FEED_ADD_DEFAULT, error);
}

gboolean
atlas_feed_ensure_builtin (AtlasStore  *store,
                           GError     **error)
{
  AtlasSource aijobs = {
    .name = (char *) ATLAS_FEED_AIJOBS_NAME,
    .kind = (char *) "feed",
    .format = (char *) "aijobs",
    .url = (char *) ATLAS_FEED_AIJOBS_URL,
    .licence = (char *) "CC0-1.0",
    .attribution = (char *) "aijobs.net salary survey (https://aijobs.net/salaries/), CC0 1.0",
  };

  g_return_val_if_fail (store != NULL, FALSE);

  /* Opening a database must not write when nothing is missing: a write
   * would wait for a running import (and fail after the busy timeout),
   * where a read goes ahead at once (WAL). */
  if (atlas_sources_find_id (store, ATLAS_FEED_AIJOBS_NAME) != 0)
    return TRUE;

  return atlas_sources_add (store, &aijobs, ATLAS_SOURCES_ADD_IGNORE, error) > 0;
}

GStrv
atlas_feed_list_refreshable (AtlasStore  *store,
                             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) sources = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  sources = atlas_sources_list (store, ATLAS_SOURCES_LIST_ENABLED, error);
  if (sources == NULL)
    return NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);

      if (atlas_source_is_refreshable (source))
        g_strv_builder_add (builder, source->name);
    }

  return g_strv_builder_end (builder);
}

gboolean
_atlas_feed_source_load (AtlasStore       *store,
                         const char       *name,
                         AtlasFeedSource  *source,
                         GError          **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(AtlasSource) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *mapping;
  gboolean embedded;
  /* For messages: what the database holds may hold control characters. */
  g_autofree char *quoted_name = atlas_quote (name);

  /* Not counted: a 304 must not read the records. */
  stored = atlas_sources_find (store, name, &local_error);
  if (stored == NULL)
    {
      if (!g_error_matches (local_error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE,
                     _("There is no source named “%s” (see “salary-atlas sources”)"), quoted_name);
      return FALSE;
    }

  source->id = stored->id;
  source->name = g_strdup (name);
  source->url = g_steal_pointer (&stored->url);
  source->format_name = g_steal_pointer (&stored->format);
  source->licence = g_steal_pointer (&stored->licence);
  source->attribution = g_steal_pointer (&stored->attribution);
  source->etag = g_steal_pointer (&stored->etag);
  source->last_modified = g_steal_pointer (&stored->last_modified);
  source->row_count = stored->row_count;
  mapping = stored->mapping;
  embedded = g_strcmp0 (stored->kind, "embedded") == 0;

  if (embedded)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE,
                   _("The source “%s” is built into Salary Atlas: its curated figures are "
                     "not downloaded, so it cannot be refreshed"), quoted_name);
      return FALSE;
    }

  if (source->url == NULL || *source->url == '\0')
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE,
                   _("The source “%s” has no URL to refresh from"), quoted_name);
      return FALSE;
    }

  uri = g_uri_parse (source->url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0))
    {
      g_autofree char *url = atlas_quote_name (source->url);

      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL,
                   _("The source “%s” cannot be refreshed: “%s” is not an http or https URL"),
                   quoted_name, url);
      return FALSE;
    }

  source->is_json = g_strcmp0 (source->format_name, ATLAS_FEED_FORMAT_JSON) == 0;
  if (!source->is_json &&
      (!atlas_format_from_string (source->format_name, &source->format) ||
       source->format == ATLAS_FORMAT_AUTO))
    {
      g_autofree char *format = atlas_quote (source->format_name);

      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT,
                   _("The source “%s” has the format “%s”, which cannot be refreshed over HTTP"),
                   quoted_name, format);
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
                         "--map FILE”"), quoted_name);
          return FALSE;
        }

      mapping_name = g_strdup_printf (_("mapping of the feed “%s”"), quoted_name);
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
  g_autofree char *status = g_strdup_printf ("failed: %s", failure->message);
  g_autofree char *message = tries > 1 ?
    g_strdup_printf ("%s (%u tries)", failure->message, tries) : g_strdup (failure->message);
  AtlasSourceEvent event = {
    .outcome = (char *) "failed",
    .http_status = (gint) http_status,
    .rows_before = source->row_count,
    .rows_after = source->row_count,
    .message = message,
  };

  if (!atlas_store_begin (store, &error) ||
      !_atlas_sources_append_history (store, source->id, &event, &error) ||
      !_atlas_sources_set_attempt (store, source->id, status, FALSE, NULL, NULL, NULL, &error) ||
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
  const char *status;

  status = result->outcome == ATLAS_FEED_OUTCOME_IMPORTED ? "imported" :
           result->outcome == ATLAS_FEED_OUTCOME_NOT_MODIFIED ? "not modified" : "unchanged";

  if (!atlas_store_begin (store, error))
    return FALSE;

  /* A 304 may omit the validators; the stored ones then stay. */
  if (!_atlas_sources_set_attempt (store, source->id, status, TRUE, result->etag,
                                   result->last_modified, source->format_name, error))
    goto fail;

  if (result->outcome == ATLAS_FEED_OUTCOME_IMPORTED)
    {
      /* The importer wrote the history row of this snapshot; add what it
       * cannot know about. */
      if (!_atlas_sources_amend_last_import (store, source->id, result->http_status,
                                             result->etag, result->last_modified, error))
        goto fail;
    }
  else
    {
      AtlasSourceEvent event = {
        .outcome = (char *) "unchanged",
        .http_status = (gint) result->http_status,
        .etag = result->etag,
        .last_modified = result->last_modified,
        .content_sha256 = result->sha256,
        .rows_before = (gint64) result->records,
        .rows_after = (gint64) result->records,
        .message = (char *) status,
      };

      if (!_atlas_sources_append_history (store, source->id, &event, error))
        goto fail;
    }

  return atlas_store_commit (store, error);

fail:
  atlas_store_rollback (store);
  return FALSE;
}

AtlasFeedSpec *
atlas_feed_spec_copy (const AtlasFeedSpec *spec)
{
  AtlasFeedSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (AtlasFeedSpec, 1);
  copy->name = g_strdup (spec->name);
  copy->url = g_strdup (spec->url);
  copy->format = g_strdup (spec->format);
  copy->mapping = g_strdup (spec->mapping);
  copy->mapping_file = spec->mapping_file ? g_object_ref (spec->mapping_file) : NULL;
  copy->licence = g_strdup (spec->licence);
  copy->attribution = g_strdup (spec->attribution);
  return copy;
}

void
atlas_feed_spec_free (AtlasFeedSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->name);
  g_free (spec->url);
  g_free (spec->format);
  g_free (spec->mapping);
  g_clear_object (&spec->mapping_file);
  g_free (spec->licence);
  g_free (spec->attribution);
  g_free (spec);
}

gboolean
_atlas_feed_spec_add (AtlasStore           *store,
                      const AtlasFeedSpec  *spec,
                      AtlasFeedAddFlags     flags,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autofree char *mapping = NULL;
  gboolean added;

  if (spec->mapping_file != NULL &&
      !g_file_load_contents (spec->mapping_file, cancellable, &mapping, NULL, NULL, error))
    return FALSE;

  if (!(flags & ATLAS_FEED_ADD_CHECK))
    return atlas_feed_add_source_full (store, spec->name, spec->url, spec->format,
                                       mapping ? mapping : spec->mapping, spec->licence,
                                       spec->attribution, flags, error);

  /* The add itself, constraints and all, in a transaction that is rolled
   * back: what a later add will find wrong, and nothing else. */
  if (!atlas_store_begin_outer (store, error))
    return FALSE;
  added = atlas_feed_add_source_full (store, spec->name, spec->url, spec->format,
                                      mapping ? mapping : spec->mapping, spec->licence,
                                      spec->attribution,
                                      (AtlasFeedAddFlags) (flags & ~ATLAS_FEED_ADD_CHECK), error);
  atlas_store_end_outer (store, FALSE, NULL);
  return added;
}

/* On the query pool. */

typedef struct
{
  AtlasFeedSpec     *spec;
  AtlasFeedAddFlags  flags;
} AddData;

static void
add_data_free (gpointer data)
{
  AddData *add = data;

  atlas_feed_spec_free (add->spec);
  g_free (add);
}

static gpointer
add_job (AtlasStore    *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  AddData *add = data;

  return _atlas_feed_spec_add (store, add->spec, add->flags, cancellable, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

void
atlas_feed_add_source_async (const char          *db_path,
                             const char          *name,
                             const char          *url,
                             const char          *format,
                             const char          *mapping,
                             GFile               *mapping_file,
                             const char          *licence,
                             const char          *attribution,
                             AtlasFeedAddFlags    flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  AtlasFeedSpec spec = {
    .name = (char *) name,
    .url = (char *) url,
    .format = (char *) format,
    .mapping = (char *) mapping,
    .mapping_file = mapping_file,
    .licence = (char *) licence,
    .attribution = (char *) attribution,
  };
  AddData *add;

  g_return_if_fail (name != NULL && url != NULL && format != NULL);
  g_return_if_fail (mapping_file == NULL || G_IS_FILE (mapping_file));

  add = g_new0 (AddData, 1);
  add->spec = atlas_feed_spec_copy (&spec);
  add->flags = flags;

  atlas_query_pool_run_async (db_path, add_job, add, add_data_free, NULL,
                              cancellable, callback, user_data);
}

gboolean
atlas_feed_add_source_finish (GAsyncResult  *result,
                              GError       **error)
{
  return atlas_query_pool_run_finish (result, error) != NULL;
}

static gpointer
list_refreshable_job (AtlasStore    *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return atlas_feed_list_refreshable (store, error);
}

void
atlas_feed_list_refreshable_async (const char          *db_path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  atlas_query_pool_run_async (db_path, list_refreshable_job, NULL, NULL,
                              (GDestroyNotify) g_strfreev, cancellable, callback, user_data);
}

GStrv
atlas_feed_list_refreshable_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

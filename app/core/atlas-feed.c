/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-feed.c: refreshing sources over HTTP(S) with libcurl.
 *
 * One refresh is up to max_tries transfers on one easy handle. The write
 * callback sniffs the first bytes of a 200 body, then streams it into the
 * importer, whose transaction commits only in atlas_import_finish(), after
 * the whole body arrived; any failure frees the import, which rolls back.
 * Validators (ETag, Last-Modified) are written after that commit, so a
 * crash in between costs at most one needless download, never a 304 on
 * content that was not stored. */

#include "config.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "atlas-feed.h"
#include "atlas-feed-json.h"
#include "atlas-import.h"
#include "atlas-money.h"

G_DEFINE_QUARK (atlas-feed-error-quark, atlas_feed_error)

#define USER_AGENT "SalaryAtlas/" PACKAGE_VERSION " (libcurl)"
#define SNIFF_BYTES 512
#define MAX_REDIRECTS 5
#define PROGRESS_INTERVAL_US (100 * 1000)
#define MAX_RETRY_AFTER_S 60

/* What the sources table says about the source being refreshed. */
typedef struct
{
  gint64   id;
  char    *name;
  char    *url;
  char    *format_name;
  char    *licence;
  char    *attribution;
  char    *etag;
  char    *last_modified;
  gint64   row_count;
  gboolean is_json;
  AtlasFormat format;
  AtlasMapping *mapping;      /* the stored mapping of a generic CSV feed */
} Source;

/* One refresh: several tries of one transfer. */
typedef struct
{
  AtlasStore            *store;
  Source                 source;
  AtlasFeedOptions       options;
  GCancellable          *cancellable;
  AtlasFeedProgressFunc  progress_func;
  gpointer               progress_data;

  CURL                  *curl;
  char                   errbuf[CURL_ERROR_SIZE];

  /* State of the current try, reset by attempt_reset(). */
  AtlasImport           *import;
  GByteArray            *json_body;
  GByteArray            *sniff;
  gboolean               sniffed;
  guint64                bytes;
  guint64                newlines;
  GError                *error;      /* set by a callback that stopped the transfer */
  long                   status;
  char                  *reason;
  char                  *etag;
  char                  *last_modified;
  char                  *content_type;
  char                  *location;
  AtlasFeedProgress      progress;
  gint64                 last_progress_time;
} Refresh;

static void
source_clear (Source *source)
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

static void
ensure_curl (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialised, 1);
    }
}

/* g_set_str() is GLib 2.76; the floor is 2.74. */
static void
set_str (char       **dest,
         const char  *value)
{
  if (*dest == value)
    return;
  g_free (*dest);
  *dest = g_strdup (value);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static guint64
env_number (const char *name,
            guint64     fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &number, NULL))
    return fallback;

  return number;
}

void
atlas_feed_options_init (AtlasFeedOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->max_size = env_number ("SALARY_ATLAS_FEED_MAX_SIZE", ATLAS_FEED_DEFAULT_MAX_SIZE);
  options->connect_timeout = env_number ("SALARY_ATLAS_FEED_CONNECT_TIMEOUT", 30);
  options->low_speed_time = env_number ("SALARY_ATLAS_FEED_LOW_SPEED_TIME", 60);
  options->low_speed_limit = env_number ("SALARY_ATLAS_FEED_LOW_SPEED_LIMIT", 1);
  options->max_tries = env_number ("SALARY_ATLAS_FEED_TRIES", 3);
  options->retry_delay_ms = env_number ("SALARY_ATLAS_FEED_RETRY_DELAY_MS", 1000);
}

static void
options_fill_defaults (AtlasFeedOptions *options)
{
  if (options->max_size == 0)
    options->max_size = ATLAS_FEED_DEFAULT_MAX_SIZE;
  if (options->connect_timeout == 0)
    options->connect_timeout = 30;
  if (options->low_speed_time == 0)
    options->low_speed_time = 60;
  if (options->low_speed_limit == 0)
    options->low_speed_limit = 1;
  if (options->max_tries == 0)
    options->max_tries = 3;
  if (options->retry_delay_ms == 0)
    options->retry_delay_ms = 1000;
}

/* Results. */

AtlasFeedResult *
atlas_feed_result_copy (const AtlasFeedResult *result)
{
  AtlasFeedResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_memdup2 (result, sizeof *result);
  copy->source_name = g_strdup (result->source_name);
  copy->url = g_strdup (result->url);
  copy->etag = g_strdup (result->etag);
  copy->last_modified = g_strdup (result->last_modified);
  copy->sha256 = g_strdup (result->sha256);
  copy->rejections = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; result->rejections != NULL && i < result->rejections->len; i++)
    g_ptr_array_add (copy->rejections, g_strdup (g_ptr_array_index (result->rejections, i)));

  return copy;
}

void
atlas_feed_result_free (AtlasFeedResult *result)
{
  if (result == NULL)
    return;

  g_free (result->source_name);
  g_free (result->url);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->sha256);
  g_clear_pointer (&result->rejections, g_ptr_array_unref);
  g_free (result);
}

char *
atlas_feed_result_describe (const AtlasFeedResult *result)
{
  g_autofree char *records = NULL;
  g_autofree char *added = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  records = atlas_money_group_digits (result->records, FALSE);
  switch (result->outcome)
    {
    case ATLAS_FEED_OUTCOME_NOT_MODIFIED:
      return g_strdup (_("unchanged (304)"));

    case ATLAS_FEED_OUTCOME_UNCHANGED:
      return g_strdup_printf (_("unchanged, %s records"), records);

    case ATLAS_FEED_OUTCOME_IMPORTED:
    default:
      added = atlas_money_group_digits (ABS (result->added), FALSE);
      if (result->figures > 0 && result->records == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " figure",
                                             "%" PRIu64 " figures", result->figures),
                                result->figures);
      return g_strdup_printf (_("%s records (%s%s)"), records,
                              result->added < 0 ? "−" : "+", added);
    }
}

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

static gboolean
load_source (AtlasStore  *store,
             const char  *name,
             Source      *source,
             GError     **error)
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

/* Transfer callbacks. They run in the thread that called curl_easy_perform(). */

static void
report_progress (Refresh  *self,
                 gboolean  force)
{
  gint64 now;

  if (self->progress_func == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!force && now - self->last_progress_time < PROGRESS_INTERVAL_US)
    return;
  self->last_progress_time = now;

  self->progress.bytes = self->bytes;
  self->progress.rows = self->newlines > 0 ? self->newlines - 1 : 0;
  self->progress_func (&self->progress, self->progress_data);
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Refresh *self = user_data;

  if (g_cancellable_is_cancelled (self->cancellable))
    return 1;

  self->progress.downloaded = dlnow;
  self->progress.total = dltotal;
  report_progress (self, FALSE);

  return 0;
}

static size_t
header_cb (char   *buffer,
           size_t  size,
           size_t  nitems,
           void   *user_data)
{
  Refresh *self = user_data;
  size_t len = size * nitems;
  g_autofree char *line = g_strndup (buffer, len);
  char *colon;

  g_strchomp (line);

  /* A status line starts the headers of each response, redirects included. */
  if (g_str_has_prefix (line, "HTTP/"))
    {
      const char *p = strchr (line, ' ');

      g_clear_pointer (&self->reason, g_free);
      g_clear_pointer (&self->etag, g_free);
      g_clear_pointer (&self->last_modified, g_free);
      g_clear_pointer (&self->content_type, g_free);
      g_clear_pointer (&self->location, g_free);
      self->status = 0;
      if (p != NULL)
        {
          self->status = strtol (p + 1, NULL, 10);
          p = strchr (p + 1, ' ');
          if (p != NULL && p[1] != '\0')
            self->reason = g_strdup (p + 1);
        }
      return len;
    }

  colon = strchr (line, ':');
  if (colon == NULL)
    return len;
  *colon = '\0';

  {
    const char *value = colon + 1;

    while (*value == ' ' || *value == '\t')
      value++;

    if (g_ascii_strcasecmp (line, "ETag") == 0)
      set_str (&self->etag, value);
    else if (g_ascii_strcasecmp (line, "Last-Modified") == 0)
      set_str (&self->last_modified, value);
    else if (g_ascii_strcasecmp (line, "Content-Type") == 0)
      set_str (&self->content_type, value);
    else if (g_ascii_strcasecmp (line, "Location") == 0)
      set_str (&self->location, value);
  }

  return len;
}

static const char *
format_label (Refresh *self)
{
  return self->source.is_json ? _("a Salary Atlas JSON feed") : _("CSV");
}

/* Looks at the first bytes of the body: an HTML error page served with
 * status 200, or binary data, must not reach the importer. */
static gboolean
sniff_body (Refresh  *self,
            GError  **error)
{
  const guchar *p = self->sniff->data;
  const guchar *end = p + self->sniff->len;
  g_autofree char *lower = NULL;

  if (self->sniff->len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;

  if (memchr (self->sniff->data, '\0', self->sniff->len) != NULL)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent binary data, not %s"),
                   self->source.url, format_label (self));
      return FALSE;
    }

  lower = g_ascii_strdown ((const char *) p, end - p);
  if ((p < end && *p == '<') || strstr (lower, "<html") != NULL ||
      strstr (lower, "<!doctype") != NULL)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent a web page (%s), not %s"),
                   self->source.url, self->content_type ? self->content_type : "HTML",
                   format_label (self));
      return FALSE;
    }

  if (self->source.is_json && p < end && *p != '{')
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent something that is not %s"),
                   self->source.url, format_label (self));
      return FALSE;
    }

  if (!self->source.is_json && p < end && (*p == '{' || *p == '['))
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent JSON, not %s"), self->source.url, format_label (self));
      return FALSE;
    }

  return TRUE;
}

static gboolean
deliver (Refresh     *self,
         const char  *data,
         gsize        len,
         GError     **error)
{
  if (len == 0)
    return TRUE;

  if (self->source.is_json)
    {
      g_byte_array_append (self->json_body, (const guint8 *) data, len);
      return TRUE;
    }

  if (self->import == NULL)
    {
      AtlasImportOptions options = { 0 };

      options.source_name = self->source.name;
      options.source_kind = "feed";
      options.url = self->source.url;
      options.licence = self->source.licence && *self->source.licence ? self->source.licence : NULL;
      options.attribution = self->source.attribution && *self->source.attribution ?
                            self->source.attribution : NULL;
      options.format = self->source.format;
      options.mapping = self->source.mapping;
      options.strict = self->options.strict;

      self->import = atlas_import_begin (self->store, self->source.url, &options, error);
      if (self->import == NULL)
        return FALSE;
    }

  return atlas_import_feed (self->import, data, len, error);
}

static gboolean
sniff_and_deliver (Refresh  *self,
                   GError  **error)
{
  self->sniffed = TRUE;
  if (!sniff_body (self, error))
    return FALSE;

  return deliver (self, (const char *) self->sniff->data, self->sniff->len, error);
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Refresh *self = user_data;
  size_t len = size * nmemb;

  if (self->error != NULL)
    return CURL_WRITEFUNC_ERROR;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, &self->error))
    return CURL_WRITEFUNC_ERROR;

  if (self->status != 200)
    {
      /* Only a 200 carries a snapshot; FAILONERROR handles 4xx/5xx. */
      g_set_error (&self->error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_HTTP,
                   _("%s: unexpected HTTP %ld %s"), self->source.url, self->status,
                   self->reason ? self->reason : "");
      return CURL_WRITEFUNC_ERROR;
    }

  /* Counted after decoding, so that a small gzip cannot expand past the limit. */
  self->bytes += len;
  if (self->bytes > self->options.max_size)
    {
      g_autofree char *limit = g_format_size (self->options.max_size);

      g_set_error (&self->error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TOO_LARGE,
                   _("%s: the download is larger than the limit of %s"),
                   self->source.url, limit);
      return CURL_WRITEFUNC_ERROR;
    }

  for (const char *p = data, *end = data + len; (p = memchr (p, '\n', end - p)) != NULL; p++)
    self->newlines++;

  if (!self->sniffed)
    {
      gsize take = MIN (len, SNIFF_BYTES - self->sniff->len);

      g_byte_array_append (self->sniff, (const guint8 *) data, take);
      if (self->sniff->len < SNIFF_BYTES)
        return len;
      if (!sniff_and_deliver (self, &self->error) ||
          !deliver (self, data + take, len - take, &self->error))
        return CURL_WRITEFUNC_ERROR;
    }
  else if (!deliver (self, data, len, &self->error))
    return CURL_WRITEFUNC_ERROR;

  report_progress (self, FALSE);
  return len;
}

static void
attempt_reset (Refresh *self)
{
  g_clear_pointer (&self->import, atlas_import_free);
  g_byte_array_set_size (self->json_body, 0);
  g_byte_array_set_size (self->sniff, 0);
  self->sniffed = FALSE;
  self->bytes = 0;
  self->newlines = 0;
  g_clear_error (&self->error);
  self->status = 0;
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->location, g_free);
  self->errbuf[0] = '\0';
  memset (&self->progress, 0, sizeof self->progress);
}

/* Turns a failed transfer into an error that names the URL and the reason;
 * returns whether another try may help. */
static gboolean
transfer_error (Refresh   *self,
                CURLcode   code,
                GError   **error)
{
  const char *url = self->source.url;
  const char *detail = self->errbuf[0] ? self->errbuf : curl_easy_strerror (code);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  switch ((int) code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      if (!g_cancellable_set_error_if_cancelled (self->cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), url);
      return FALSE;

    case CURLE_HTTP_RETURNED_ERROR:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_HTTP,
                   /* Translators: URL: HTTP 404 Not Found */
                   _("%s: HTTP %ld %s"), url, self->status,
                   self->reason ? self->reason : "");
      return self->status >= 500 || self->status == 408 || self->status == 429;

    case CURLE_UNSUPPORTED_PROTOCOL:
      if (self->location != NULL)
        g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_REDIRECT,
                     _("%s: redirected to “%s”; only http and https are allowed"),
                     url, self->location);
      else
        g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL, "%s: %s", url, detail);
      return FALSE;

    case CURLE_TOO_MANY_REDIRECTS:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_REDIRECT,
                   _("%s: more than %d redirects"), url, MAX_REDIRECTS);
      return FALSE;

    case CURLE_FILESIZE_EXCEEDED:
      {
        g_autofree char *limit = g_format_size (self->options.max_size);

        g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TOO_LARGE,
                     _("%s: the file is larger than the limit of %s"), url, limit);
        return FALSE;
      }

    case CURLE_BAD_CONTENT_ENCODING:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the compressed download does not decompress (%s)"), url, detail);
      return FALSE;

    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TIMEOUT,
                   _("%s: timed out (%s)"), url, detail);
      return TRUE;

    case CURLE_PARTIAL_FILE:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK,
                   _("%s: the connection closed before the whole file arrived (%s)"), url, detail);
      return TRUE;

    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK,
                   _("%s: the connection broke off (%s)"), url, detail);
      return TRUE;

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_TLS,
                   _("%s: secure connection failed (%s)"), url, detail);
      return FALSE;

    default:
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NETWORK, "%s: %s", url, detail);
      return FALSE;
    }
}

/* Sleeps @ms milliseconds unless cancelled first. */
static gboolean
pause_before_retry (Refresh  *self,
                    guint64   ms,
                    GError  **error)
{
  GPollFD pollfd;

  if (self->cancellable != NULL && g_cancellable_make_pollfd (self->cancellable, &pollfd))
    {
      g_poll (&pollfd, 1, (int) MIN (ms, G_MAXINT));
      g_cancellable_release_fd (self->cancellable);
    }
  else
    g_usleep (ms * 1000);

  return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

static CURL *
create_handle (Refresh *self)
{
  CURL *curl = curl_easy_init ();

  if (curl == NULL)
    return NULL;

  curl_easy_setopt (curl, CURLOPT_URL, self->source.url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, self->errbuf);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, USER_AGENT);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (curl, CURLOPT_MAXREDIRS, (long) MAX_REDIRECTS);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (curl, CURLOPT_FAILONERROR, 1L);
  /* "" offers every encoding this libcurl decodes (gzip, deflate, …). */
  curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) self->options.connect_timeout);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, (long) self->options.low_speed_limit);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) self->options.low_speed_time);
  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) self->options.max_size);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, self);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, self);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, self);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  /* Bigger pieces mean fewer trips through the importer's feed function. */
  curl_easy_setopt (curl, CURLOPT_BUFFERSIZE, 128L * 1024);
  /* Proxies come from http_proxy, https_proxy and no_proxy, libcurl's default. */

  return curl;
}

static struct curl_slist *
request_headers (Refresh *self)
{
  struct curl_slist *headers = NULL;

  headers = curl_slist_append (headers, self->source.is_json ?
                               "Accept: application/json, */*;q=0.1" :
                               "Accept: text/csv, text/plain;q=0.9, */*;q=0.1");
  if (!self->options.force && self->source.etag != NULL)
    {
      g_autofree char *line = g_strdup_printf ("If-None-Match: %s", self->source.etag);
      headers = curl_slist_append (headers, line);
    }
  if (!self->options.force && self->source.last_modified != NULL)
    {
      g_autofree char *line = g_strdup_printf ("If-Modified-Since: %s", self->source.last_modified);
      headers = curl_slist_append (headers, line);
    }

  return headers;
}

/* Database bookkeeping after a try. */

static gboolean
exec_bound (AtlasStore  *store,
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

static void
record_failure (Refresh      *self,
                const GError *failure,
                guint         tries)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *status = g_strdup_printf ("failed: %s", failure->message);
  g_autofree char *message = tries > 1 ?
    g_strdup_printf ("%s (%u tries)", failure->message, tries) : g_strdup (failure->message);

  if (!atlas_store_begin (self->store, &error) ||
      !exec_bound (self->store,
                   "INSERT INTO source_history (source_id, at, outcome, http_status, rows_before,"
                   " rows_after, added, removed, message) VALUES (?, ?, 'failed', ?, ?, ?, 0, 0, ?)",
                   _("recording a failed refresh"), &error,
                   'i', self->source.id, 's', now, 'i', (gint64) self->status,
                   'i', self->source.row_count, 'i', self->source.row_count, 's', message) ||
      !exec_bound (self->store,
                   "UPDATE sources SET last_attempt_at = ?, last_status = ? WHERE id = ?",
                   _("recording a failed refresh"), &error,
                   's', now, 's', status, 'i', self->source.id) ||
      !atlas_store_commit (self->store, &error))
    {
      atlas_store_rollback (self->store);
      g_warning ("%s", error->message);
    }
}

static gboolean
record_success (Refresh          *self,
                AtlasFeedResult  *result,
                GError          **error)
{
  g_autofree char *now = now_iso8601 ();
  const char *status;

  status = result->outcome == ATLAS_FEED_OUTCOME_IMPORTED ? "imported" :
           result->outcome == ATLAS_FEED_OUTCOME_NOT_MODIFIED ? "not modified" : "unchanged";

  if (!atlas_store_begin (self->store, error))
    return FALSE;

  /* A 304 may omit the validators; the stored ones then stay. */
  if (!exec_bound (self->store,
                   "UPDATE sources SET etag = ?, last_modified = ?, last_attempt_at = ?,"
                   " last_status = ?, format = ? WHERE id = ?",
                   _("recording a refresh"), error,
                   's', result->etag, 's', result->last_modified, 's', now, 's', status,
                   's', self->source.format_name, 'i', self->source.id))
    goto fail;

  if (result->outcome == ATLAS_FEED_OUTCOME_IMPORTED)
    {
      /* The importer wrote the history row of this snapshot; add what it
       * cannot know about. */
      if (!exec_bound (self->store,
                       "UPDATE source_history SET http_status = ?, etag = ?, last_modified = ?"
                       " WHERE id = (SELECT max(id) FROM source_history WHERE source_id = ?"
                       " AND outcome = 'imported')",
                       _("recording a refresh"), error,
                       'i', (gint64) result->http_status, 's', result->etag,
                       's', result->last_modified, 'i', self->source.id))
        goto fail;
    }
  else if (!exec_bound (self->store,
                        "INSERT INTO source_history (source_id, at, outcome, http_status, etag,"
                        " last_modified, content_sha256, rows_before, rows_after, added, removed,"
                        " message) VALUES (?, ?, 'unchanged', ?, ?, ?, ?, ?, ?, 0, 0, ?)",
                        _("recording a refresh"), error,
                        'i', self->source.id, 's', now, 'i', (gint64) result->http_status,
                        's', result->etag, 's', result->last_modified, 's', result->sha256,
                        'i', (gint64) result->records, 'i', (gint64) result->records,
                        's', status))
    goto fail;

  return atlas_store_commit (self->store, error);

fail:
  atlas_store_rollback (self->store);
  return FALSE;
}

/* Salary Atlas JSON feeds: records through the importer, figures in the
 * same transaction. */

static char *
figures_digest (AtlasStore *store,
                gint64      source_id)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt;

  stmt = atlas_store_prepare (store,
                              "SELECT uid, role_family, job_title, country, company_id, experience,"
                              " year, currency, p25, median, p75, mean, n, statistic, citation, url,"
                              " licence, retrieved, note FROM figures WHERE source_id = ?"
                              " ORDER BY uid",
                              NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, i);

        g_checksum_update (checksum, (const guchar *) (text ? "v" : "n"), 1);
        if (text != NULL)
          g_checksum_update (checksum, (const guchar *) text, strlen (text) + 1);
      }
  sqlite3_finalize (stmt);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
import_json (Refresh          *self,
             AtlasFeedResult  *result,
             GError          **error)
{
  g_autoptr(AtlasFeedJson) feed = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *old_digest = NULL;
  g_autofree char *new_digest = NULL;
  g_autofree char *sha256 = NULL;
  gboolean unchanged;

  feed = atlas_feed_json_parse ((const char *) self->json_body->data, self->json_body->len,
                                self->source.url, error);
  if (feed == NULL)
    return FALSE;

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, self->json_body->data,
                                        self->json_body->len);
  result->figures = atlas_feed_json_get_n_figures (feed);
  csv = atlas_feed_json_records_to_csv (feed);
  old_digest = figures_digest (self->store, self->source.id);

  if (csv != NULL)
    {
      g_autoptr(AtlasMapping) mapping = NULL;
      g_autoptr(AtlasImport) import = NULL;
      AtlasImportOptions options = { 0 };
      AtlasImportResult import_result = { 0 };
      const char *mapping_data = atlas_feed_json_get_mapping_data ();
      gsize len;
      const char *data = g_bytes_get_data (csv, &len);

      mapping = atlas_mapping_new_from_data (mapping_data, strlen (mapping_data),
                                             "salary-atlas-json", error);
      if (mapping == NULL)
        return FALSE;

      options.source_name = self->source.name;
      options.source_kind = "feed";
      options.url = self->source.url;
      options.licence = atlas_feed_json_get_licence (feed);
      options.attribution = atlas_feed_json_get_attribution (feed);
      options.format = ATLAS_FORMAT_CSV;
      options.format_name = ATLAS_FEED_FORMAT_JSON;
      options.mapping = mapping;
      options.strict = self->options.strict;

      /* The importer's transaction is open from begin to finish; the figures
       * are written inside it, so both commit or neither.  They are written
       * before the records: once fed, a large import writes its rows on a
       * thread of its own, which has the connection until finish. */
      import = atlas_import_begin (self->store, self->source.url, &options, error);
      if (import == NULL ||
          !atlas_feed_json_store_figures (feed, self->store, self->source.id,
                                          self->source.name, error))
        return FALSE;
      new_digest = figures_digest (self->store, self->source.id);
      if (!atlas_import_feed (import, data, len, error) ||
          !atlas_import_finish (import, &import_result, error))
        return FALSE;

      unchanged = import_result.unchanged;
      result->outcome = unchanged ? ATLAS_FEED_OUTCOME_UNCHANGED : ATLAS_FEED_OUTCOME_IMPORTED;
      result->records = import_result.imported;
      result->previous = import_result.previous;
      result->added = import_result.added;
      result->rejected = import_result.rejected;
      g_clear_pointer (&result->rejections, g_ptr_array_unref);
      result->rejections = g_steal_pointer (&import_result.rejections);
      set_str (&result->sha256, import_result.sha256);
      atlas_import_result_clear (&import_result);

      /* Same records but other figures: the importer rolled back, so the
       * figures get a transaction of their own. */
      if (!unchanged || g_strcmp0 (old_digest, new_digest) == 0)
        return TRUE;
      g_clear_pointer (&new_digest, g_free);
    }

  /* No records (a figures-only feed), or only the figures changed. */
  if (!atlas_store_begin (self->store, error))
    return FALSE;
  if (csv == NULL &&
      (!exec_bound (self->store, "DELETE FROM records WHERE source_id = ?",
                    _("removing a feed’s records"), error, 'i', self->source.id) ||
       !exec_bound (self->store, "DELETE FROM record_facets WHERE source_id = ?",
                    _("removing a feed’s records"), error, 'i', self->source.id)))
    goto fail;
  if (!atlas_feed_json_store_figures (feed, self->store, self->source.id, self->source.name, error))
    goto fail;
  new_digest = figures_digest (self->store, self->source.id);
  if (g_strcmp0 (old_digest, new_digest) == 0 && self->source.row_count == 0)
    {
      atlas_store_rollback (self->store);
      result->outcome = ATLAS_FEED_OUTCOME_UNCHANGED;
      set_str (&result->sha256, sha256);
      return TRUE;
    }

  {
    g_autofree char *now = now_iso8601 ();
    gint64 records = csv != NULL ? (gint64) result->records : 0;

    if (!exec_bound (self->store,
                     "UPDATE sources SET licence = ?, attribution = ?, retrieved_at = ?,"
                     " content_sha256 = ?, row_count = ? WHERE id = ?",
                     _("recording a refresh"), error,
                     's', atlas_feed_json_get_licence (feed),
                     's', atlas_feed_json_get_attribution (feed), 's', now,
                     's', csv != NULL ? result->sha256 : sha256, 'i', records,
                     'i', self->source.id) ||
        !exec_bound (self->store,
                     "INSERT INTO source_history (source_id, at, outcome, content_sha256,"
                     " rows_before, rows_after, added, removed, message)"
                     " VALUES (?, ?, 'imported', ?, ?, ?, ?, ?, 'figures')",
                     _("recording a refresh"), error,
                     'i', self->source.id, 's', now, 's', sha256,
                     'i', self->source.row_count, 'i', records,
                     'i', MAX (records - self->source.row_count, 0),
                     'i', MAX (self->source.row_count - records, 0)) ||
        !atlas_store_commit (self->store, error))
      goto fail;

    result->outcome = ATLAS_FEED_OUTCOME_IMPORTED;
    if (csv == NULL)
      {
        result->records = 0;
        result->previous = self->source.row_count;
        result->added = -self->source.row_count;
        set_str (&result->sha256, sha256);
      }
  }

  return TRUE;

fail:
  atlas_store_rollback (self->store);
  return FALSE;
}

/* One try; returns TRUE with @result filled, or FALSE with @error and
 * *@retry telling whether another try may succeed. */
static gboolean
attempt (Refresh          *self,
         AtlasFeedResult  *result,
         gboolean         *retry,
         GError          **error)
{
  CURLcode code;
  char *effective_url = NULL;

  *retry = FALSE;
  attempt_reset (self);
  self->progress.attempt = result->tries;

  code = curl_easy_perform (self->curl);
  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &self->status);

  if (code == CURLE_OK && self->error == NULL && self->status == 200 && !self->sniffed)
    sniff_and_deliver (self, &self->error);

  if (code != CURLE_OK || self->error != NULL)
    {
      *retry = transfer_error (self, code, error);
      g_clear_pointer (&self->import, atlas_import_free);
      return FALSE;
    }

  curl_easy_getinfo (self->curl, CURLINFO_EFFECTIVE_URL, &effective_url);
  set_str (&result->url, effective_url);
  result->http_status = self->status;
  result->bytes = self->bytes;
  set_str (&result->etag, self->etag);
  set_str (&result->last_modified, self->last_modified);
  report_progress (self, TRUE);

  if (self->status == 304)
    {
      result->outcome = ATLAS_FEED_OUTCOME_NOT_MODIFIED;
      result->records = self->source.row_count;
      result->previous = self->source.row_count;
      if (result->etag == NULL)
        set_str (&result->etag, self->source.etag);
      if (result->last_modified == NULL)
        set_str (&result->last_modified, self->source.last_modified);
      return TRUE;
    }

  if (self->status != 200)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_HTTP,
                   _("%s: HTTP %ld %s"), self->source.url, self->status,
                   self->reason ? self->reason : "");
      return FALSE;
    }

  if (self->bytes == 0)
    {
      g_set_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT,
                   _("%s: the server sent an empty file"), self->source.url);
      return FALSE;
    }

  if (self->source.is_json)
    return import_json (self, result, error);

  {
    AtlasImportResult import_result = { 0 };
    gboolean ok;

    ok = atlas_import_finish (self->import, &import_result, error);
    g_clear_pointer (&self->import, atlas_import_free);
    if (!ok)
      return FALSE;

    result->outcome = import_result.unchanged ? ATLAS_FEED_OUTCOME_UNCHANGED :
                                                ATLAS_FEED_OUTCOME_IMPORTED;
    result->records = import_result.imported;
    result->previous = import_result.previous;
    result->added = import_result.added;
    result->rejected = import_result.rejected;
    set_str (&result->sha256, import_result.sha256);
    g_clear_pointer (&result->rejections, g_ptr_array_unref);
    result->rejections = g_steal_pointer (&import_result.rejections);
    atlas_import_result_clear (&import_result);
  }

  return TRUE;
}

AtlasFeedResult *
atlas_feed_refresh_sync (AtlasStore              *store,
                         const char              *source_name,
                         const AtlasFeedOptions  *options,
                         GCancellable            *cancellable,
                         AtlasFeedProgressFunc    progress,
                         gpointer                 progress_data,
                         GError                 **error)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  struct curl_slist *headers = NULL;
  Refresh self = { 0 };
  guint64 delay_ms;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  ensure_curl ();

  self.store = store;
  self.cancellable = cancellable;
  self.progress_func = progress;
  self.progress_data = progress_data;
  if (options != NULL)
    self.options = *options;
  else
    atlas_feed_options_init (&self.options);
  options_fill_defaults (&self.options);

  if (!load_source (store, source_name, &self.source, error))
    {
      source_clear (&self.source);
      return NULL;
    }

  self.json_body = g_byte_array_new ();
  self.sniff = g_byte_array_sized_new (SNIFF_BYTES);
  self.curl = create_handle (&self);
  headers = request_headers (&self);
  curl_easy_setopt (self.curl, CURLOPT_HTTPHEADER, headers);

  result = g_new0 (AtlasFeedResult, 1);
  result->source_name = g_strdup (source_name);
  result->rejections = g_ptr_array_new_with_free_func (g_free);

  delay_ms = self.options.retry_delay_ms;
  for (;;)
    {
      gboolean retry;
      curl_off_t retry_after = 0;

      result->tries++;
      g_clear_error (&local_error);
      if (attempt (&self, result, &retry, &local_error))
        break;

      if (!retry || result->tries >= self.options.max_tries)
        break;

      /* A server that says when to come back is believed, within reason. */
      curl_easy_getinfo (self.curl, CURLINFO_RETRY_AFTER, &retry_after);
      if (retry_after > 0 && (guint64) retry_after * 1000 > delay_ms)
        delay_ms = MIN ((guint64) retry_after, MAX_RETRY_AFTER_S) * 1000;

      g_debug ("%s: try %u failed (%s); again in %" G_GUINT64_FORMAT " ms",
               source_name, result->tries, local_error->message, delay_ms);
      if (!pause_before_retry (&self, delay_ms, NULL))
        {
          g_clear_error (&local_error);
          g_cancellable_set_error_if_cancelled (cancellable, &local_error);
          break;
        }
      delay_ms *= 2;
    }

  if (local_error == NULL && !record_success (&self, result, &local_error))
    {
      /* The snapshot is committed; only the validators are missing, which
       * costs one unconditional download next time. */
      g_warning ("%s", local_error->message);
      g_clear_error (&local_error);
    }
  else if (local_error != NULL)
    record_failure (&self, local_error, result->tries);

  attempt_reset (&self);
  curl_slist_free_all (headers);
  curl_easy_cleanup (self.curl);
  g_byte_array_unref (self.json_body);
  g_byte_array_unref (self.sniff);
  source_clear (&self.source);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* The asynchronous version: a GTask thread with its own database connection,
 * progress relayed to the caller's main context. */

typedef struct
{
  GMainContext          *context;
  AtlasFeedProgressFunc  func;
  gpointer               data;
  GDestroyNotify         notify;
  GMutex                 mutex;
  AtlasFeedProgress      latest;
  gboolean               pending;
  gboolean               done;       /* main context only */
} ProgressRelay;

typedef struct
{
  char               *store_path;
  char               *source_name;
  AtlasFeedOptions    options;
  ProgressRelay      *relay;
  GAsyncReadyCallback callback;
  gpointer            user_data;
} RefreshTaskData;

/* Not g_main_context_invoke(): it runs the function at once, in the calling
 * (worker) thread, whenever nobody owns the context at that moment. */
static void
relay_schedule (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[salary-atlas] feed progress");
  g_source_attach (source, context);
}

static gboolean
relay_call_notify_cb (gpointer user_data)
{
  ProgressRelay *relay = user_data;

  relay->notify (relay->data);
  g_main_context_unref (relay->context);
  g_free (relay);
  return G_SOURCE_REMOVE;
}

static void
relay_clear (gpointer data)
{
  ProgressRelay *relay = data;
  ProgressRelay *copy;

  g_mutex_clear (&relay->mutex);

  /* The notify must run where the caller lives, not in the worker. */
  copy = g_memdup2 (relay, sizeof *relay);
  if (copy->notify != NULL)
    relay_schedule (copy->context, relay_call_notify_cb, copy, NULL);
  else
    {
      g_main_context_unref (copy->context);
      g_free (copy);
    }
}

static void
relay_release (gpointer relay)
{
  g_atomic_rc_box_release_full (relay, relay_clear);
}

static gboolean
relay_dispatch_cb (gpointer user_data)
{
  ProgressRelay *relay = user_data;
  AtlasFeedProgress progress;

  g_mutex_lock (&relay->mutex);
  progress = relay->latest;
  relay->pending = FALSE;
  g_mutex_unlock (&relay->mutex);

  /* Nothing after the caller was told that the refresh is over. */
  if (!relay->done)
    relay->func (&progress, relay->data);
  return G_SOURCE_REMOVE;
}

static void
relay_progress_cb (const AtlasFeedProgress *progress,
                   gpointer                 user_data)
{
  ProgressRelay *relay = user_data;
  gboolean schedule;

  g_mutex_lock (&relay->mutex);
  relay->latest = *progress;
  schedule = !relay->pending;
  relay->pending = TRUE;
  g_mutex_unlock (&relay->mutex);

  if (schedule)
    relay_schedule (relay->context, relay_dispatch_cb, g_atomic_rc_box_acquire (relay),
                    relay_release);
}

static void
refresh_task_data_free (gpointer data)
{
  RefreshTaskData *task_data = data;

  g_free (task_data->store_path);
  g_free (task_data->source_name);
  if (task_data->relay != NULL)
    relay_release (task_data->relay);
  g_free (task_data);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      data,
                GCancellable *cancellable)
{
  RefreshTaskData *task_data = data;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AtlasFeedResult *result;

  /* SQLite connections are not shared between threads here. */
  store = atlas_store_open (task_data->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = atlas_feed_refresh_sync (store, task_data->source_name, &task_data->options,
                                    cancellable,
                                    task_data->relay ? relay_progress_cb : NULL,
                                    task_data->relay, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) atlas_feed_result_free);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RefreshTaskData *task_data = g_task_get_task_data (G_TASK (result));

  if (task_data->relay != NULL)
    task_data->relay->done = TRUE;
  if (task_data->callback != NULL)
    task_data->callback (NULL, result, task_data->user_data);
}

void
atlas_feed_refresh_async (const char              *store_path,
                          const char              *source_name,
                          const AtlasFeedOptions  *options,
                          GCancellable            *cancellable,
                          AtlasFeedProgressFunc    progress,
                          gpointer                 progress_data,
                          GDestroyNotify           progress_notify,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshTaskData *task_data;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (source_name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ensure_curl ();

  task_data = g_new0 (RefreshTaskData, 1);
  task_data->store_path = g_strdup (store_path);
  task_data->source_name = g_strdup (source_name);
  if (options != NULL)
    task_data->options = *options;
  else
    atlas_feed_options_init (&task_data->options);

  if (progress != NULL)
    {
      ProgressRelay *relay = g_atomic_rc_box_new0 (ProgressRelay);

      relay->context = g_main_context_ref_thread_default ();
      relay->func = progress;
      relay->data = progress_data;
      relay->notify = progress_notify;
      g_mutex_init (&relay->mutex);
      task_data->relay = relay;
    }
  else if (progress_notify != NULL)
    progress_notify (progress_data);

  task_data->callback = callback;
  task_data->user_data = user_data;

  task = g_task_new (NULL, cancellable, refresh_done_cb, NULL);
  g_task_set_source_tag (task, atlas_feed_refresh_async);
  g_task_set_name (task, "[salary-atlas] feed refresh");
  g_task_set_task_data (task, task_data, refresh_task_data_free);
  /* Not return-on-cancel: the worker must roll back and record the attempt. */
  g_task_run_in_thread (task, refresh_thread);
}

AtlasFeedResult *
atlas_feed_refresh_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atlas_feed_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-feed.c: refreshing feeds from a real HTTP server on 127.0.0.1.
 *
 * The test starts tests/feed-server.py (Python standard library) on an
 * ephemeral port and serves the real aijobs.net snapshots from
 * ATLAS_SHARED_DATA through symbolic links. The tests run in order and share
 * one database: a first snapshot, then every fault (each must leave the
 * database's row set exactly as it was), then the next snapshot and a 304. */

#include "config.h"

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atlas-feed.h"
#include "atlas-import.h"
#include "atlas-store.h"
#include "atlas-store-private.h"

#define OLD_SNAPSHOT "aijobs-salaries-2024-12-22.csv"
#define NEW_SNAPSHOT "aijobs-salaries-2025-01-19.csv"
#define SOURCE       "loopback"

static struct
{
  gboolean     ready;
  char        *skip_reason;
  char        *dir;
  char        *root;
  char        *db_path;
  GSubprocess *server;
  guint        port;
  char        *base;        /* http://127.0.0.1:PORT */
  char        *url;         /* the loopback source's URL */
  AtlasStore  *store;
  GThread     *main_thread;
} env;

/* A tiny HTTP client for the server's control and log paths. */

static size_t
append_cb (char   *data,
           size_t  size,
           size_t  nmemb,
           void   *user_data)
{
  g_string_append_len (user_data, data, size * nmemb);
  return size * nmemb;
}

static char *
http_get (const char *path_and_query)
{
  g_autofree char *url = g_strconcat (env.base, path_and_query, NULL);
  GString *body = g_string_new (NULL);
  CURL *curl = curl_easy_init ();
  CURLcode code;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  code = curl_easy_perform (curl);
  curl_easy_cleanup (curl);
  g_assert_cmpint (code, ==, CURLE_OK);

  return g_string_free (body, FALSE);
}

static void
control (const char *query)
{
  g_autofree char *path = g_strconcat ("/_control?", query, NULL);
  g_free (http_get (path));
}

/* The file requests the server saw since the log was last cleared. */
static JsonArray *
server_log (JsonParser **parser_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = http_get ("/_log");
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  *parser_out = parser;

  return json_node_get_array (json_parser_get_root (parser));
}

static const char *
log_string (JsonArray  *log,
            guint       index,
            const char *member)
{
  JsonObject *entry = json_array_get_object_element (log, index);
  JsonNode *node = json_object_get_member (entry, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node) : NULL;
}

static gint64
log_status (JsonArray *log,
            guint      index)
{
  return json_object_get_int_member (json_array_get_object_element (log, index), "status");
}

/* A checksum of what a refresh may change: records, figures, companies and
 * the sources' content columns. last_attempt_at, last_status and
 * source_history are left out: every attempt is meant to be recorded. */
static char *
db_checksum (void)
{
  static const char * const queries[] = {
    "SELECT * FROM records ORDER BY uid",
    "SELECT * FROM figures ORDER BY uid",
    "SELECT * FROM companies ORDER BY id",
    "SELECT * FROM company_aliases ORDER BY alias",
    "SELECT id, name, kind, format, url, licence, attribution, retrieved_at, content_sha256,"
    " etag, last_modified, row_count, rejected_count, enabled FROM sources ORDER BY id",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = atlas_store_get_db (env.store);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (stmt); i++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, i);

            g_checksum_update (checksum, (const guchar *) (text ? "v" : "n"), 1);
            if (text != NULL)
              g_checksum_update (checksum, (const guchar *) text, strlen (text) + 1);
          }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* The strings live until the end of the test program, so that they can be
 * used right inside assertions. */
static GPtrArray *query_results;

static const char *
query_text (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (query_results == NULL)
    query_results = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (env.store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_ptr_array_add (query_results, value);

  return value;
}

static gint64
query_int (const char *sql)
{
  const char *text = query_text (sql);
  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

/* Short limits, so that timeouts and retries keep the test quick. */
static void
test_options (AtlasFeedOptions *options)
{
  atlas_feed_options_init (options);
  options->connect_timeout = 5;
  options->low_speed_time = 1;
  options->low_speed_limit = 4096;
  options->retry_delay_ms = 20;
  options->max_tries = 3;
}

static gboolean
check_ready (void)
{
  if (!env.ready)
    {
      g_test_skip (env.skip_reason);
      return FALSE;
    }
  return TRUE;
}

/* Set-up: a folder to serve, the server, a database. */

static void
link_into_root (const char *target,
                const char *name)
{
  g_autofree char *link = g_build_filename (env.root, name, NULL);
  g_assert_cmpint (symlink (target, link), ==, 0);
}

/* A strict-mode victim made from the real old snapshot: its header, 1,000
 * rows, then row 1,001 cut in half, then the rest. */
static void
write_malformed_copy (const char *shared)
{
  g_autofree char *source = g_build_filename (shared, OLD_SNAPSHOT, NULL);
  g_autofree char *target = g_build_filename (env.root, "malformed.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GString) out = NULL;
  const char *p;
  gsize len;
  guint line = 0;

  g_file_get_contents (source, &data, &len, &error);
  g_assert_no_error (error);
  out = g_string_sized_new (len);

  for (p = data; p < data + len;)
    {
      const char *end = memchr (p, '\n', data + len - p);
      gsize n = end ? (gsize) (end - p + 1) : (gsize) (data + len - p);

      line++;
      if (line == 1002)
        {
          /* Half the fields; still a CRLF-terminated line. */
          g_string_append_len (out, p, n / 2);
          g_string_append (out, "\r\n");
        }
      else
        g_string_append_len (out, p, n);
      p += n;
    }

  g_file_set_contents (target, out->str, out->len, &error);
  g_assert_no_error (error);
}

static void
setup (void)
{
  const char *shared = g_getenv ("ATLAS_SHARED_DATA");
  const char *source_root = g_getenv ("ATLAS_SOURCE_ROOT");
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *example = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  env.main_thread = g_thread_self ();

  if (shared == NULL || source_root == NULL)
    {
      env.skip_reason = g_strdup ("ATLAS_SHARED_DATA or ATLAS_SOURCE_ROOT is not set");
      return;
    }
  old_path = g_build_filename (shared, OLD_SNAPSHOT, NULL);
  if (!g_file_test (old_path, G_FILE_TEST_EXISTS))
    {
      env.skip_reason = g_strdup_printf ("%s is missing", old_path);
      return;
    }
  if (python == NULL)
    {
      env.skip_reason = g_strdup ("python3 is not installed");
      return;
    }

  /* Loopback never goes through a proxy from the environment. */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_setenv ("NO_PROXY", "127.0.0.1,localhost", TRUE);

  env.dir = g_dir_make_tmp ("atlas-feed-XXXXXX", &error);
  g_assert_no_error (error);
  env.root = g_build_filename (env.dir, "www", NULL);
  g_assert_cmpint (g_mkdir (env.root, 0700), ==, 0);

  {
    g_autofree char *new_path = g_build_filename (shared, NEW_SNAPSHOT, NULL);

    link_into_root (old_path, OLD_SNAPSHOT);
    link_into_root (new_path, NEW_SNAPSHOT);
  }
  example = g_build_filename (source_root, "docs", "example-feed.json", NULL);
  link_into_root (example, "example-feed.json");
  write_malformed_copy (shared);

  script = g_build_filename (source_root, "tests", "feed-server.py", NULL);
  env.server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 &error, python, script, "--root", env.root,
                                 "--alias", "salaries.csv=" OLD_SNAPSHOT, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (env.server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  env.port = (guint) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (env.port, >, 0);
  env.base = g_strdup_printf ("http://127.0.0.1:%u", env.port);
  env.url = g_strconcat (env.base, "/alias/salaries.csv", NULL);

  env.db_path = g_build_filename (env.dir, "atlas.db", NULL);
  env.store = atlas_store_open (env.db_path, &error);
  g_assert_no_error (error);

  env.ready = TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
teardown (void)
{
  g_clear_pointer (&env.store, atlas_store_free);
  if (env.server != NULL)
    {
      g_subprocess_force_exit (env.server);
      g_subprocess_wait (env.server, NULL, NULL);
      g_clear_object (&env.server);
    }
  if (env.dir != NULL)
    remove_tree (env.dir);
  g_free (env.dir);
  g_free (env.root);
  g_free (env.db_path);
  g_free (env.base);
  g_free (env.url);
  g_free (env.skip_reason);
  g_clear_pointer (&query_results, g_ptr_array_unref);
}

/* The registry. */

static void
test_registry (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  if (!check_ready ())
    return;

  /* Registered, never fetched here: there is no internet in the tests. */
  g_assert_true (atlas_feed_ensure_builtin (env.store, &error));
  g_assert_true (atlas_feed_ensure_builtin (env.store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int ("SELECT count(*) FROM sources WHERE name = 'aijobs.net'"
                              " AND url = 'https://aijobs.net/salaries/download/salaries.csv'"
                              " AND licence = 'CC0-1.0' AND format = 'aijobs'"), ==, 1);

  g_assert_false (atlas_feed_add_source (env.store, "bad", "file:///etc/passwd", "aijobs",
                                         NULL, NULL, NULL, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_URL);
  g_assert_nonnull (strstr (error->message, "file:///etc/passwd"));
  g_clear_error (&error);

  g_assert_false (atlas_feed_add_source (env.store, "bad", "https://example.org/x", "xlsx",
                                         NULL, NULL, NULL, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT);
  g_clear_error (&error);

  /* A generic CSV feed needs a mapping, a valid one; no other format takes one. */
  g_assert_false (atlas_feed_add_source (env.store, "bad", "https://example.org/x.csv", "csv",
                                         NULL, NULL, NULL, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "mapping"));
  g_clear_error (&error);
  g_assert_false (atlas_feed_add_source (env.store, "bad", "https://example.org/x.csv", "csv",
                                         "[columns]\ntitle=Job Title\n", NULL, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "amount"));
  g_clear_error (&error);
  g_assert_false (atlas_feed_add_source (env.store, "bad", "https://example.org/x.csv", "aijobs",
                                         "[columns]\namount=Pay\n", NULL, NULL, &error));
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "csv"));
  g_clear_error (&error);

  g_assert_true (atlas_feed_add_source (env.store, SOURCE, env.url, "aijobs", NULL, "CC0-1.0",
                                        "aijobs.net salary survey", &error));
  g_assert_no_error (error);

  names = atlas_feed_list_refreshable (env.store, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) names, "aijobs.net"));
  g_assert_true (g_strv_contains ((const char * const *) names, SOURCE));
  g_assert_false (g_strv_contains ((const char * const *) names, "bad"));

  /* A source that is not a feed cannot be refreshed, with a reason. */
  {
    g_autoptr(AtlasFeedResult) result = atlas_feed_refresh_sync (env.store, "no such source",
                                                                 NULL, NULL, NULL, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_NO_SOURCE);
    g_assert_nonnull (strstr (error->message, "no such source"));
  }
}

/* The first snapshot. */

static void
count_progress_cb (const AtlasFeedProgress *progress,
                   gpointer                 user_data)
{
  AtlasFeedProgress *last = user_data;

  g_assert_true (g_thread_self () == env.main_thread);
  /* Bytes only grow within one try; a retry (on a loaded machine the
   * loopback server can be slow enough to trip a limit) starts again at 0. */
  g_assert_cmpuint (progress->attempt, >=, last->attempt);
  if (progress->attempt == last->attempt)
    g_assert_cmpuint (progress->bytes, >=, last->bytes);
  *last = *progress;
}

static void
test_first_snapshot (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *describe = NULL;
  const char *etag = NULL;
  AtlasFeedProgress last = { 0 };
  AtlasFeedOptions options;
  JsonArray *log;

  if (!check_ready ())
    return;

  test_options (&options);
  /* test_options()'s 4 KiB/s for 1 s is for the faults: a loaded machine can
   * pause the server longer than that, and this test counts the tries (2 of
   * them once at load 9). */
  options.low_speed_time = 30;
  control ("log=clear");
  result = atlas_feed_refresh_sync (env.store, SOURCE, &options, NULL, count_progress_cb, &last,
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->http_status, ==, 200);
  g_assert_cmpuint (result->records, ==, 71556);
  g_assert_cmpuint (result->previous, ==, 0);
  g_assert_cmpint (result->added, ==, 71556);
  g_assert_cmpuint (result->rejected, ==, 0);
  g_assert_cmpuint (result->tries, ==, 1);
  g_assert_cmpuint (result->bytes, ==, 4039347);
  g_assert_cmpstr (result->sha256, ==,
                   "6d6d5824d6287949a0d22c66c9dda6876eeb7a6b3aa420125405fff7357f8c1b");
  g_assert_nonnull (result->etag);
  g_assert_nonnull (result->last_modified);
  describe = atlas_feed_result_describe (result);
  g_assert_cmpstr (describe, ==, "71,556 records (+71,556)");

  /* The last progress report saw the whole body and every row. */
  g_assert_cmpuint (last.bytes, ==, 4039347);
  g_assert_cmpuint (last.rows, ==, 71556);

  g_assert_cmpint (atlas_store_count_records (env.store), ==, 71556);
  etag = query_text ("SELECT etag FROM sources WHERE name = '" SOURCE "'");
  g_assert_cmpstr (etag, ==, result->etag);
  g_assert_cmpint (query_int ("SELECT http_status FROM source_history WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = '" SOURCE "')"
                              " ORDER BY id DESC LIMIT 1"), ==, 200);

  /* One request, unconditional, gzip offered, our User-Agent. */
  log = server_log (&parser);
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
  g_assert_null (log_string (log, 0, "if_none_match"));
  g_assert_nonnull (strstr (log_string (log, 0, "accept_encoding"), "gzip"));
  g_assert_true (g_str_has_prefix (log_string (log, 0, "user_agent"), "SalaryAtlas/"));
}

/* Faults: each one fails with a clear error, changes no row, and ends in
 * bounded time and memory (issue 13). */

/* What a fault may cost beyond its limits: the time to give up and roll
 * back after the deadline (generous: a sanitized build on a loaded machine),
 * and the memory of libcurl, the importer's row and SQLite's cache. */
#define FAULT_GRACE_S     30
#define FAULT_WORKING_SET (G_GUINT64_CONSTANT (32) * 1024 * 1024)
/* libcurl hands decoded bytes over in pieces of at most CURL_MAX_WRITE_SIZE
 * (16 KiB): the write that crosses the limit is the last one. */
#define FAULT_LAST_WRITE  (64 * 1024)

/* A field of /proc/self/status in bytes, or 0. */
static guint64
status_bytes (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10) * 1024;
}

/* Sets the peak resident size (VmHWM) to the current one (Linux 4.0). */
static gboolean
peak_rss_reset (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean done = file != NULL && fputs ("5", file) >= 0;

  if (file != NULL && fclose (file) != 0)
    done = FALSE;
  return done;
}

static void
max_bytes_cb (const AtlasFeedProgress *progress,
              gpointer                 user_data)
{
  guint64 *max = user_data;

  *max = MAX (*max, progress->bytes);
}

typedef struct
{
  const char *fault;        /* server fault mode, or NULL */
  const char *alias_file;   /* serve this file instead, or NULL */
  guint64     max_size;     /* 0: default */
  gboolean    strict;       /* also: the error is the importer's */
  int         code;
  const char *reason;       /* part of the message after the URL */
  guint       requests;     /* how many requests the server must have seen; 0: any */
  gboolean    force;        /* send no validators */
  guint       deadline;     /* seconds for all tries, with 2 s per try and no
                             * low-speed limit to speak of; 0: test_options() */
} Fault;

static void
run_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *status = NULL;
  g_autofree char *query = NULL;
  AtlasFeedOptions options;
  JsonArray *log;
  GQuark domain;
  gboolean measured;
  guint64 rss_before, rss_peak, max_bytes = 0;
  gint64 started;
  double elapsed_s, pauses_s = 0, bound_s;

  if (!check_ready ())
    return;

  test_options (&options);
  if (fault->max_size != 0)
    options.max_size = fault->max_size;
  options.strict = fault->strict;
  /* Without a fault the server would answer 304 to our validators. */
  options.force = fault->fault == NULL || fault->force;
  if (fault->deadline != 0)
    {
      /* The drip: 4 bytes a second never trips a 1 byte/s limit. */
      options.low_speed_limit = 1;
      options.low_speed_time = 60;
      options.attempt_timeout = 2;
      options.deadline = fault->deadline;
    }

  else
    {
      /* Limits that bound every other fault as well, far above what any of
       * them needs (the largest downloads 1 MB). */
      options.attempt_timeout = 60;
      options.deadline = 120;
    }

  before = db_checksum ();
  g_assert_cmpint (atlas_store_count_records (env.store), >, 0);

  query = g_strdup_printf ("log=clear&fault=%s&alias=salaries.csv&file=%s",
                           fault->fault ? fault->fault : "none",
                           fault->alias_file ? fault->alias_file : OLD_SNAPSHOT);
  control (query);
  measured = peak_rss_reset ();
  rss_before = status_bytes ("VmRSS:");
  started = g_get_monotonic_time ();
  result = atlas_feed_refresh_sync (env.store, SOURCE, &options, NULL, max_bytes_cb, &max_bytes,
                                    &error);
  elapsed_s = (g_get_monotonic_time () - started) / 1e6;
  rss_peak = status_bytes ("VmHWM:");
  control ("fault=none&alias=salaries.csv&file=" OLD_SNAPSHOT);

  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  domain = fault->strict ? ATLAS_IMPORT_ERROR : ATLAS_FEED_ERROR;
  g_assert_error (error, domain, fault->code);
  g_assert_true (g_str_has_prefix (error->message, env.url));
  g_assert_nonnull (strstr (error->message, fault->reason));
  /* Whatever the server sent, nothing in the message acts on a terminal. */
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 && (guchar) *p != 0x7f);

  after = db_checksum ();
  g_assert_cmpstr (before, ==, after);

  /* Time: no longer than the limits allow (each try and the pauses between
   * them, all within the deadline), and a grace to give up. */
  for (guint i = 1; i < options.max_tries; i++)
    pauses_s += options.retry_delay_ms / 1000.0 * (1 << (i - 1));
  bound_s = MIN ((double) options.deadline,
                 options.max_tries * (double) options.attempt_timeout + pauses_s) + FAULT_GRACE_S;
  g_test_message ("%.1f s (bound %.0f s), %" G_GUINT64_FORMAT " bytes decoded at most,"
                  " peak RSS +%" G_GUINT64_FORMAT " KiB", elapsed_s, bound_s, max_bytes,
                  rss_peak > rss_before ? (rss_peak - rss_before) / 1024 : 0);
  g_assert_cmpfloat (elapsed_s, <=, bound_s);
  /* Memory: the decoded bytes stop at the size limit (as far as progress
   * reports show them: they come in steps), and the process grows by no
   * more than the bytes decoded, within that limit, and a working set: a
   * 64 MiB gzip bomb held whole grows it by 68 MiB. AddressSanitizer's
   * shadow and quarantine make the resident size meaningless there. */
  g_assert_cmpuint (max_bytes, <=, options.max_size + FAULT_LAST_WRITE);
#if defined(__SANITIZE_ADDRESS__)
  measured = FALSE;
#endif
  if (measured && rss_before != 0 && rss_peak != 0)
    g_assert_cmpuint (rss_peak, <=, rss_before + MIN (max_bytes, options.max_size + FAULT_LAST_WRITE)
                                    + FAULT_WORKING_SET);
  else
    g_test_message ("the peak resident size is not measured here");

  status = query_text ("SELECT last_status FROM sources WHERE name = '" SOURCE "'");
  g_assert_true (g_str_has_prefix (status, "failed: "));
  g_assert_cmpstr (query_text ("SELECT outcome FROM source_history ORDER BY id DESC LIMIT 1"),
                   ==, "failed");

  log = server_log (&parser);
  if (fault->requests != 0)
    g_assert_cmpuint (json_array_get_length (log), ==, fault->requests);
  else
    g_assert_cmpuint (json_array_get_length (log), >=, 1);
}

static const Fault faults[] = {
  { "404", NULL, 0, FALSE, ATLAS_FEED_ERROR_HTTP, ": HTTP 404 Not Found", 1 },
  { "500", NULL, 0, FALSE, ATLAS_FEED_ERROR_HTTP, ": HTTP 500 Internal Server Error", 3 },
  { "reset", NULL, 0, FALSE, ATLAS_FEED_ERROR_NETWORK, "the connection broke off", 3 },
  { "short", NULL, 0, FALSE, ATLAS_FEED_ERROR_NETWORK,
    "the connection closed before the whole file arrived", 3 },
  { "stall", NULL, 0, FALSE, ATLAS_FEED_ERROR_TIMEOUT, "timed out", 3 },
  /* Content-Length (of the gzip body) over the limit: refused up front. */
  { NULL, NULL, 100 * 1000, FALSE, ATLAS_FEED_ERROR_TOO_LARGE,
    "the file is larger than the limit of 100.0", 1 },
  /* No Content-Length: the decoded bytes are counted while streaming. */
  { "chunked", NULL, 1000 * 1000, FALSE, ATLAS_FEED_ERROR_TOO_LARGE,
    "the download is larger than the limit of 1.0", 1 },
  { "redirect-file", NULL, 0, FALSE, ATLAS_FEED_ERROR_REDIRECT,
    "redirected to “file:///etc/passwd”; only http and https are allowed", 1 },
  { "redirect-ftp", NULL, 0, FALSE, ATLAS_FEED_ERROR_REDIRECT,
    "only http and https are allowed", 1 },
  { "redirect-loop", NULL, 0, FALSE, ATLAS_FEED_ERROR_REDIRECT, "more than 5 redirects", 6 },
  { "html", NULL, 0, FALSE, ATLAS_FEED_ERROR_CONTENT,
    "the server sent a web page (text/html; charset=utf-8), not CSV", 1 },
  { "bad-gzip", NULL, 0, FALSE, ATLAS_FEED_ERROR_CONTENT,
    "the compressed download does not decompress", 1 },
  /* Issue 13: a drip never trips the low-speed limit; the deadline ends it
   * (how many tries fit in 5 s depends on the machine's load). */
  { "drip", NULL, 0, FALSE, ATLAS_FEED_ERROR_TIMEOUT, "(SALARY_ATLAS_FEED_DEADLINE)", 0,
    FALSE, 5 },
  /* A 304 to a request without validators claims a copy we do not have. */
  { "not-modified", NULL, 0, FALSE, ATLAS_FEED_ERROR_HTTP,
    ": HTTP 304 Not Modified to a request that had no validators", 1, TRUE },
  /* 64 MiB of text in 64 KiB of gzip: counted after decoding. */
  { "gzip-bomb", NULL, 1000 * 1000, FALSE, ATLAS_FEED_ERROR_TOO_LARGE,
    "the download is larger than the limit of 1.0", 1 },
  /* Issue 13, item 5: the server's reason phrase is quoted, escapes escaped. */
  { "evil-reason", NULL, 0, FALSE, ATLAS_FEED_ERROR_HTTP,
    ": HTTP 403 \\u{001B}]0;owned\\u{0007}Forbidden", 1 },
  /* … and so are its Content-Type and the target of a redirect. */
  { "html-evil", NULL, 0, FALSE, ATLAS_FEED_ERROR_CONTENT,
    "the server sent a web page (text/html\\u{001B}]0;evil\\u{0007}), not CSV", 1 },
  { "redirect-evil", NULL, 0, FALSE, ATLAS_FEED_ERROR_REDIRECT,
    "redirected to “ftp://127.0.0.1/\\u{202E}evil.csv”", 1 },
  /* Issue 13, item 6: a web page that claims to be CSV; "a web page
   * (text/csv)" would contradict itself. */
  { "html-as-csv", NULL, 0, FALSE, ATLAS_FEED_ERROR_CONTENT,
    "the server sent a web page, not CSV (though it said “text/csv”)", 1 },
  /* Issue 13, item 2: a stall that never trips the low-speed limit ends at
   * the time limit of a try; both limits are named in the message. */
  { "stall", NULL, 0, FALSE, ATLAS_FEED_ERROR_TIMEOUT,
    "a try may take 2 s (SALARY_ATLAS_FEED_ATTEMPT_TIMEOUT), all tries 5 s "
    "(SALARY_ATLAS_FEED_DEADLINE)", 0, FALSE, 5 },
  /* 1 MiB of headers: refused at 128 KiB, not retried (libcurl's own limit,
   * 300 KiB, reads like a broken connection). */
  { "huge-headers", NULL, 0, FALSE, ATLAS_FEED_ERROR_TOO_LARGE,
    "the server’s headers are larger than the limit of 131.1", 1 },
  /* Row 1,001 is cut in half: file line 1,002. */
  { NULL, "malformed.csv", 0, TRUE, ATLAS_IMPORT_ERROR_ROW, ":1002: ", 1 },
};

static const char * const fault_paths[] = {
  "/atlas/feed/fault-404",
  "/atlas/feed/fault-500-forever",
  "/atlas/feed/fault-reset-mid-body",
  "/atlas/feed/fault-short-body",
  "/atlas/feed/fault-stall",
  "/atlas/feed/fault-too-large-declared",
  "/atlas/feed/fault-too-large-streamed",
  "/atlas/feed/fault-redirect-file",
  "/atlas/feed/fault-redirect-ftp",
  "/atlas/feed/fault-redirect-loop",
  "/atlas/feed/fault-html-page",
  "/atlas/feed/fault-bad-gzip",
  "/atlas/feed/fault-drip",
  "/atlas/feed/fault-unsolicited-304",
  "/atlas/feed/fault-gzip-bomb",
  "/atlas/feed/fault-evil-reason",
  "/atlas/feed/fault-evil-content-type",
  "/atlas/feed/fault-evil-redirect",
  "/atlas/feed/fault-html-as-csv",
  "/atlas/feed/fault-stall-deadline",
  "/atlas/feed/fault-huge-headers",
  "/atlas/feed/fault-malformed-strict",
};

G_STATIC_ASSERT (G_N_ELEMENTS (faults) == G_N_ELEMENTS (fault_paths));

static void
cancel_progress_cb (const AtlasFeedProgress *progress,
                    gpointer                 user_data)
{
  /* Mid-body: some bytes arrived, far from all. */
  if (progress->bytes > 0)
    {
      g_assert_cmpuint (progress->bytes, <, 4039347);
      g_cancellable_cancel (user_data);
    }
}

static void
test_cancel (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AtlasFeedOptions options;
  JsonArray *log;

  if (!check_ready ())
    return;

  test_options (&options);
  before = db_checksum ();
  control ("log=clear&fault=slow");
  result = atlas_feed_refresh_sync (env.store, SOURCE, &options, cancellable,
                                    cancel_progress_cb, cancellable, &error);
  control ("fault=none");

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = db_checksum ();
  g_assert_cmpstr (before, ==, after);

  /* A cancelled refresh is not retried. */
  log = server_log (&parser);
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
}

/* The next snapshot, behind one 500: the retry gets it. */

static void
test_new_snapshot (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *describe = NULL;
  const char *old_etag = NULL;
  AtlasFeedOptions options;
  JsonArray *log;

  if (!check_ready ())
    return;

  old_etag = query_text ("SELECT etag FROM sources WHERE name = '" SOURCE "'");
  g_assert_nonnull (old_etag);

  test_options (&options);
  control ("log=clear&fault=500-then-ok&alias=salaries.csv&file=" NEW_SNAPSHOT);
  result = atlas_feed_refresh_sync (env.store, SOURCE, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->tries, ==, 2);
  g_assert_cmpuint (result->records, ==, 74301);
  g_assert_cmpuint (result->previous, ==, 71556);
  g_assert_cmpint (result->added, ==, 2745);
  g_assert_cmpstr (result->sha256, ==,
                   "fce1318d2fa6f574cd36ce192bf3c38debcb61892d15255eb8f772a05e4a5aef");
  g_assert_cmpstr (result->etag, !=, old_etag);
  describe = atlas_feed_result_describe (result);
  g_assert_cmpstr (describe, ==, "74,301 records (+2,745)");
  g_assert_cmpint (atlas_store_count_records (env.store), ==, 74301);

  /* The history knows: prepend-only, 2,745 new uids, none removed. */
  g_assert_cmpint (query_int ("SELECT added FROM source_history ORDER BY id DESC LIMIT 1"), ==, 2745);
  g_assert_cmpint (query_int ("SELECT removed FROM source_history ORDER BY id DESC LIMIT 1"), ==, 0);
  g_assert_cmpint (query_int ("SELECT rows_before FROM source_history ORDER BY id DESC LIMIT 1"),
                   ==, 71556);

  /* Both tries were conditional on the old snapshot's ETag. */
  log = server_log (&parser);
  g_assert_cmpuint (json_array_get_length (log), ==, 2);
  g_assert_cmpint (log_status (log, 0), ==, 500);
  g_assert_cmpint (log_status (log, 1), ==, 200);
  g_assert_cmpstr (log_string (log, 0, "if_none_match"), ==, old_etag);
  g_assert_cmpstr (log_string (log, 1, "if_none_match"), ==, old_etag);
}

/* A third refresh: 304, one round trip, nothing changes. */

static void
test_not_modified (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *describe = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *etag = NULL;
  AtlasFeedOptions options;
  JsonArray *log;

  if (!check_ready ())
    return;

  before = db_checksum ();
  etag = query_text ("SELECT etag FROM sources WHERE name = '" SOURCE "'");

  test_options (&options);
  control ("log=clear");
  result = atlas_feed_refresh_sync (env.store, SOURCE, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_NOT_MODIFIED);
  g_assert_cmpuint (result->http_status, ==, 304);
  g_assert_cmpuint (result->records, ==, 74301);
  g_assert_cmpuint (result->bytes, ==, 0);
  describe = atlas_feed_result_describe (result);
  g_assert_cmpstr (describe, ==, "unchanged (304)");

  after = db_checksum ();
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (query_text ("SELECT last_status FROM sources WHERE name = '" SOURCE "'"),
                   ==, "not modified");

  /* The server saw the validators. */
  log = server_log (&parser);
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
  g_assert_cmpstr (log_string (log, 0, "if_none_match"), ==, etag);
  g_assert_nonnull (log_string (log, 0, "if_modified_since"));
  g_assert_cmpint (log_status (log, 0), ==, 304);
}

/* A Salary Atlas JSON feed through the asynchronous API: the worker opens
 * its own connection, progress arrives in the caller's main context. */

typedef struct
{
  GMainLoop       *loop;
  AtlasFeedResult *result;
  GError          *error;
  guint            progress_calls;
  gboolean         notified;
} AsyncState;

static void
async_progress_cb (const AtlasFeedProgress *progress,
                   gpointer                 user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == env.main_thread);
  state->progress_calls++;
}

static void
async_notify_cb (gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == env.main_thread);
  state->notified = TRUE;
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = atlas_feed_refresh_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static AtlasFeedResult *
refresh_async_and_wait (const char  *name,
                        guint       *progress_calls,
                        GError     **error)
{
  AsyncState state = { 0 };
  AtlasFeedOptions options;

  test_options (&options);
  state.loop = g_main_loop_new (NULL, FALSE);
  atlas_feed_refresh_async (env.db_path, name, &options, NULL,
                            async_progress_cb, &state, async_notify_cb,
                            async_done_cb, &state);
  g_main_loop_run (state.loop);
  while (!state.notified)
    g_main_context_iteration (NULL, TRUE);
  g_main_loop_unref (state.loop);

  if (progress_calls != NULL)
    *progress_calls = state.progress_calls;
  if (state.error != NULL)
    g_propagate_error (error, state.error);

  return state.result;
}

static void
test_json_async (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint progress_calls = 0;

  if (!check_ready ())
    return;

  url = g_strconcat (env.base, "/alias/feed.json", NULL);
  control ("alias=feed.json&file=example-feed.json");
  g_assert_true (atlas_feed_add_source (env.store, "team feed", url, ATLAS_FEED_FORMAT_JSON,
                                        NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  result = refresh_async_and_wait ("team feed", &progress_calls, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->records, ==, 2);
  g_assert_cmpuint (result->figures, ==, 2);
  g_assert_cmpuint (progress_calls, >, 0);

  /* The figures carry their citations; the source keeps its JSON format
   * and takes the feed's licence. */
  g_assert_cmpint (query_int ("SELECT mean FROM figures"
                              " WHERE uid = 'feed:team feed:simplilearn-2024-us-ml-engineer-mean'"
                              " AND currency = 'USD' AND country = 'US'"
                              " AND citation LIKE '%Glassdoor%Simplilearn%'"), ==, 140000);
  g_assert_cmpstr (query_text ("SELECT format FROM sources WHERE name = 'team feed'"),
                   ==, ATLAS_FEED_FORMAT_JSON);
  g_assert_cmpstr (query_text ("SELECT licence FROM sources WHERE name = 'team feed'"),
                   ==, "CC0-1.0");
  g_assert_cmpint (query_int ("SELECT count(*) FROM records WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = 'team feed')"
                              " AND amount_usd = 295680 AND country = 'US'"), ==, 1);

  g_clear_pointer (&result, atlas_feed_result_free);
  result = refresh_async_and_wait ("team feed", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_NOT_MODIFIED);
}

/* The same records with one figure less: the records stay, the figures
 * follow the feed. */
static void
test_json_figures_change (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *example = NULL;
  g_autofree char *target = NULL;
  const char *records_before = NULL;
  JsonArray *figures;

  if (!check_ready ())
    return;

  example = g_build_filename (env.root, "example-feed.json", NULL);
  json_parser_load_from_file (parser, example, &error);
  g_assert_no_error (error);
  figures = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "figures");
  json_array_remove_element (figures, 1);
  json_generator_set_root (generator, json_parser_get_root (parser));
  target = g_build_filename (env.root, "fewer-figures.json", NULL);
  json_generator_to_file (generator, target, &error);
  g_assert_no_error (error);

  records_before = query_text ("SELECT group_concat(uid) FROM (SELECT uid FROM records"
                               " WHERE source_id = (SELECT id FROM sources WHERE name = 'team feed')"
                               " ORDER BY uid)");

  control ("alias=feed.json&file=fewer-figures.json");
  result = refresh_async_and_wait ("team feed", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->figures, ==, 1);
  g_assert_cmpuint (result->records, ==, 2);
  g_assert_cmpint (query_int ("SELECT count(*) FROM figures WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = 'team feed')"), ==, 1);
  g_assert_cmpstr (query_text ("SELECT group_concat(uid) FROM (SELECT uid FROM records"
                               " WHERE source_id = (SELECT id FROM sources WHERE name = 'team feed')"
                               " ORDER BY uid)"), ==, records_before);
}

/* The feed drops its records and keeps its figures: the records go, and
 * their counts (record_facets, which the window's catalog reads) with them. */
static void
test_json_records_dropped (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *example = NULL;
  g_autofree char *target = NULL;

  if (!check_ready ())
    return;

  example = g_build_filename (env.root, "example-feed.json", NULL);
  json_parser_load_from_file (parser, example, &error);
  g_assert_no_error (error);
  json_object_remove_member (json_node_get_object (json_parser_get_root (parser)), "records");
  json_generator_set_root (generator, json_parser_get_root (parser));
  target = g_build_filename (env.root, "no-records.json", NULL);
  json_generator_to_file (generator, target, &error);
  g_assert_no_error (error);

  g_assert_cmpint (query_int ("SELECT count(*) FROM record_facets WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = 'team feed')"), >, 0);

  control ("alias=feed.json&file=no-records.json");
  result = refresh_async_and_wait ("team feed", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->records, ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM records WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = 'team feed')"), ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM record_facets WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = 'team feed')"), ==, 0);
}

/* A JSON feed with more records than the importer writes on the calling
 * thread (a chunk of 1,024 rows starts its writer thread) and figures that
 * name companies: the figures are stored on the same connection, which
 * must not happen while the writer thread still uses it. */
static void
test_json_many_records (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *target = NULL;
  g_autofree char *url = NULL;
  const guint n_records = 20000;
  const guint n_figures = 3000;

  if (!check_ready ())
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "salary-atlas-feed");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Test feed with many records");
  json_builder_set_member_name (builder, "licence");
  json_builder_add_string_value (builder, "CC0-1.0");
  json_builder_set_member_name (builder, "attribution");
  json_builder_add_string_value (builder, "Synthetic test data");
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *company = g_strdup_printf ("Record Company %u", i % 5000);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, "Machine Learning Engineer");
      json_builder_set_member_name (builder, "company");
      json_builder_add_string_value (builder, company);
      json_builder_set_member_name (builder, "country");
      json_builder_add_string_value (builder, i % 2 ? "US" : "IN");
      json_builder_set_member_name (builder, "amount");
      json_builder_add_int_value (builder, 50000 + i);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, "USD");
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, 2020 + i % 5);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, "survey");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_figures; i++)
    {
      g_autofree char *id = g_strdup_printf ("figure-%u", i);
      g_autofree char *company = g_strdup_printf ("Figure Company %u", i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "role_family");
      json_builder_add_string_value (builder, "Machine Learning Engineer");
      json_builder_set_member_name (builder, "company");
      json_builder_add_string_value (builder, company);
      json_builder_set_member_name (builder, "country");
      json_builder_add_string_value (builder, "US");
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, 2024);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, "USD");
      json_builder_set_member_name (builder, "median");
      json_builder_add_int_value (builder, 100000 + i);
      json_builder_set_member_name (builder, "statistic");
      json_builder_add_string_value (builder, "median");
      json_builder_set_member_name (builder, "citation");
      json_builder_add_string_value (builder, "Synthetic test figure");
      json_builder_set_member_name (builder, "licence");
      json_builder_add_string_value (builder, "CC0-1.0");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  target = g_build_filename (env.root, "many-records.json", NULL);
  json_generator_to_file (generator, target, &error);
  g_assert_no_error (error);

  url = g_strconcat (env.base, "/files/many-records.json", NULL);
  g_assert_true (atlas_feed_add_source (env.store, "big feed", url, ATLAS_FEED_FORMAT_JSON,
                                        NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  result = refresh_async_and_wait ("big feed", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->records, ==, n_records);
  g_assert_cmpuint (result->figures, ==, n_figures);
  g_assert_cmpint (query_int ("SELECT count(*) FROM records WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = 'big feed')"), ==, n_records);
  g_assert_cmpint (query_int ("SELECT count(*) FROM figures WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = 'big feed')"
                              " AND company_id IS NOT NULL"), ==, n_figures);
  g_assert_cmpint (query_int ("SELECT sum(n) FROM record_facets WHERE facet = 3 AND source_id ="
                              " (SELECT id FROM sources WHERE name = 'big feed')"), ==, n_records);
  g_assert_cmpint (query_int ("SELECT count(*) FROM companies WHERE display_name LIKE '%Company %'"),
                   ==, 5000 + n_figures);
}

/* A JSON feed that serves CSV is refused by sniffing, before any parse. */
static void
test_json_sniff (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!check_ready ())
    return;

  before = db_checksum ();
  control ("alias=feed.json&file=" OLD_SNAPSHOT);
  result = atlas_feed_refresh_sync (env.store, "team feed", NULL, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ATLAS_FEED_ERROR, ATLAS_FEED_ERROR_CONTENT);
  g_assert_nonnull (strstr (error->message, "not a Salary Atlas JSON feed"));
  after = db_checksum ();
  g_assert_cmpstr (before, ==, after);
}

/* Cancelling the asynchronous refresh from the main thread, mid-body. */

typedef struct
{
  GMainLoop       *loop;
  GCancellable    *cancellable;
  AtlasFeedResult *result;
  GError          *error;
} CancelState;

static void
async_cancel_progress_cb (const AtlasFeedProgress *progress,
                          gpointer                 user_data)
{
  CancelState *state = user_data;

  g_assert_true (g_thread_self () == env.main_thread);
  if (progress->bytes > 0)
    g_cancellable_cancel (state->cancellable);
}

static void
async_cancel_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CancelState *state = user_data;

  state->result = atlas_feed_refresh_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CancelState state = { 0 };
  AtlasFeedOptions options;

  if (!check_ready ())
    return;

  before = db_checksum ();
  test_options (&options);
  options.force = TRUE;
  state.loop = g_main_loop_new (NULL, FALSE);
  state.cancellable = cancellable;

  control ("fault=slow");
  atlas_feed_refresh_async (env.db_path, SOURCE, &options, cancellable,
                            async_cancel_progress_cb, &state, NULL,
                            async_cancel_done_cb, &state);
  g_main_loop_run (state.loop);
  control ("fault=none");
  g_main_loop_unref (state.loop);

  g_assert_null (state.result);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  after = db_checksum ();
  g_assert_cmpstr (before, ==, after);
}

/* Issue 13, item 2: the window's Cancel (g_cancellable_cancel() on the
 * cancellable of atlas_feed_refresh_async(), as _atlas_window_cancel_refresh()
 * does) ends a stalled download at once: with the window's limits a stall
 * would last until the server gives up (30 s here) or the low-speed limit
 * (60 s) trips, and then be retried. */

typedef struct
{
  GMainLoop       *loop;
  GCancellable    *cancellable;
  guint            timeout_id;
  gint64           cancelled_at;
  gint64           done_at;
  AtlasFeedResult *result;
  GError          *error;
} StallState;

static gboolean
stall_cancel_cb (gpointer user_data)
{
  StallState *state = user_data;

  state->timeout_id = 0;
  state->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_REMOVE;
}

static void
stall_progress_cb (const AtlasFeedProgress *progress,
                   gpointer                 user_data)
{
  StallState *state = user_data;

  /* The first bytes came; a second later the server has been silent for a
   * second, and libcurl waits in poll(). */
  if (progress->bytes > 0 && state->timeout_id == 0 && state->cancelled_at == 0)
    state->timeout_id = g_timeout_add (1000, stall_cancel_cb, state);
}

static void
stall_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  StallState *state = user_data;

  state->done_at = g_get_monotonic_time ();
  state->result = atlas_feed_refresh_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_cancel_stall (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  StallState state = { 0 };
  AtlasFeedOptions options;
  JsonArray *log;

  if (!check_ready ())
    return;

  before = db_checksum ();
  /* The window's limits (atlas_feed_options_init()), not the short ones. */
  atlas_feed_options_init (&options);
  options.force = TRUE;
  state.loop = g_main_loop_new (NULL, FALSE);
  state.cancellable = cancellable;

  control ("log=clear&fault=stall");
  atlas_feed_refresh_async (env.db_path, SOURCE, &options, cancellable,
                            stall_progress_cb, &state, NULL, stall_done_cb, &state);
  g_main_loop_run (state.loop);
  control ("fault=none");
  g_main_loop_unref (state.loop);

  g_assert_cmpint (state.cancelled_at, >, 0);
  g_assert_null (state.result);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  /* "At once": libcurl looks at the cancellable at least once a second
   * while it waits; far below the 30 s stall and the 60 s low-speed limit. */
  g_test_message ("cancelled after %.1f s", (state.done_at - state.cancelled_at) / 1e6);
  g_assert_cmpint (state.done_at - state.cancelled_at, <, 10 * G_USEC_PER_SEC);

  after = db_checksum ();
  g_assert_cmpstr (before, ==, after);
  /* Not retried. */
  log = server_log (&parser);
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
}

/* The command line: one line per source, non-zero when any failed. */

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *build_root = g_getenv ("ATLAS_BUILD_ROOT");
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_build_filename (build_root, "app", "salary-atlas", NULL));
  g_ptr_array_add (argv, g_strdup ("refresh"));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (env.db_path));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static void
test_cli (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *binary = NULL;

  if (!check_ready ())
    return;

  binary = g_build_filename (g_getenv ("ATLAS_BUILD_ROOT"), "app", "salary-atlas", NULL);
  if (!g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the salary-atlas binary is not built");
      return;
    }

  g_assert_cmpint (run_cli (&out, &err, "--quiet", SOURCE, NULL), ==, 0);
  g_assert_cmpstr (out, ==, SOURCE ": unchanged (304)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --url adds the feed and fetches it; a 404 is reported and fails, and
   * the feed it added is not kept (issue 13, item 6). */
  missing = g_strconcat (env.base, "/files/no-such-file.csv", NULL);
  g_assert_cmpint (run_cli (&out, &err, "--quiet", "--url", missing, "--format", "aijobs",
                            "--name", "gone", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  expected = g_strdup_printf ("salary-atlas: gone: %s: HTTP 404 Not Found\n", missing);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpint (query_int ("SELECT count(*) FROM sources WHERE name = 'gone'"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A feed that existed before stays, with the failure in its status. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (atlas_feed_add_source (env.store, "gone", missing, "aijobs", NULL, NULL, NULL,
                                          &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli (&out, &err, "--quiet", "--url", missing, "--format", "aijobs",
                            "--name", "gone", NULL), ==, 1);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpint (query_int ("SELECT count(*) FROM sources WHERE name = 'gone'"
                              " AND last_status LIKE 'failed: %HTTP 404%'"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Two sources, one failing: both reported, in order; exit status 1. */
  g_assert_cmpint (run_cli (&out, &err, "--quiet", "gone", SOURCE, NULL), ==, 1);
  g_assert_cmpstr (out, ==, SOURCE ": unchanged (304)\n");
  g_assert_nonnull (strstr (err, "HTTP 404 Not Found"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--url", "ftp://127.0.0.1/x.csv", "--format", "aijobs",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“ftp://127.0.0.1/x.csv” is not an http or https URL"));
}

/* A process killed mid-download leaves the previous snapshot: the import's
 * transaction never committed. */
static void
test_crash (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean sending = FALSE;

  if (!check_ready ())
    return;

  binary = g_build_filename (g_getenv ("ATLAS_BUILD_ROOT"), "app", "salary-atlas", NULL);
  if (!g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the salary-atlas binary is not built");
      return;
    }

  before = db_checksum ();
  control ("log=clear&fault=slow");
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, binary, "refresh", "--db", env.db_path, "--quiet",
                              SOURCE, NULL);
  g_assert_no_error (error);

  /* Wait until the server is sending the body, then let some of it arrive. */
  for (guint i = 0; i < 200 && !sending; i++)
    {
      g_autoptr(JsonParser) parser = NULL;
      JsonArray *log = server_log (&parser);

      sending = json_array_get_length (log) > 0 && log_status (log, 0) == 200;
      if (!sending)
        g_usleep (20 * 1000);
    }
  g_assert_true (sending);
  g_usleep (400 * 1000);
  g_assert_nonnull (g_subprocess_get_identifier (process));   /* still running */

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  control ("fault=none");
  g_assert_true (g_subprocess_get_if_signaled (process));

  after = db_checksum ();
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (atlas_store_count_records (env.store), ==, 74301);
}

/* A feed in the generic CSV format, with its mapping stored in the database.
 * The CSV is the header and the first rows of the real Glassdoor India file,
 * copied into the served folder at test time (the file is never in the repo). */

#define INDIA_DATA   "india-software-salaries-2022-glassdoor.csv"
#define INDIA_ROWS   40
#define INDIA_SOURCE "india csv"

/* The columns are the file's own; year and kind come from its README (last
 * updated July 2022, Glassdoor salary reports). */
static const char india_mapping[] =
  "[columns]\n"
  "title=Job Title\n"
  "company=Company Name\n"
  "amount=Salary\n"
  "city=Location\n"
  "employment_type=Employment Status\n"
  "weight=Salaries Reported\n"
  "[constants]\n"
  "country=IN\n"
  "currency=INR\n"
  "year=2022\n"
  "kind=report\n";

/* Writes the header and the first @rows rows of the India file into the
 * served folder; returns the sum of their Salary cells.  Rows below ₹73,918
 * a year (the plausibility bound of atlas-bounds.h: $1,000 at 73.918 INR per
 * USD, the lowest rate of data/fx-ppp.csv) are left out: the importer would
 * reject them (tests/test-import.c checks that). */
static gint64
write_india_head (const char *name,
                  guint       rows)
{
  g_autofree char *source = g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), INDIA_DATA, NULL);
  g_autofree char *target = g_build_filename (env.root, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  gsize len;
  gint64 sum = 0;

  g_file_get_contents (source, &data, &len, &error);
  g_assert_no_error (error);

  p = data;
  for (guint line = 0; line <= rows; line++)
    {
      const char *end = memchr (p, '\n', data + len - p);
      const char *start = p;
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;
      gint64 salary;
      guint n;

      g_assert_nonnull (end);
      text = g_strndup (p, end - p);
      p = end + 1;
      if (line == 0)
        {
          g_string_append_len (out, start, end - start + 1);
          continue;
        }

      /* Salary is the fifth field from the end; these rows have no quotes. */
      g_assert_null (strchr (text, '"'));
      fields = g_strsplit (g_strchomp (text), ",", -1);
      n = g_strv_length (fields);
      g_assert_cmpuint (n, ==, 8);
      salary = g_ascii_strtoll (fields[n - 5], NULL, 10);
      if (salary < 73918)
        {
          line--;
          continue;
        }
      g_string_append_len (out, start, end - start + 1);
      sum += salary;
    }

  g_file_set_contents (target, out->str, out->len, &error);
  g_assert_no_error (error);

  return sum;
}

static void
test_csv_mapping (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *shared_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *expected_sum = NULL;
  g_autofree char *resurveyed = NULL;
  JsonArray *log;
  gint64 sum;

  if (!check_ready ())
    return;

  shared_path = g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), INDIA_DATA, NULL);
  if (!g_file_test (shared_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip (INDIA_DATA " is missing from ATLAS_SHARED_DATA");
      return;
    }

  sum = write_india_head ("india-head.csv", INDIA_ROWS);
  url = g_strconcat (env.base, "/files/india-head.csv", NULL);
  g_assert_true (atlas_feed_add_source (env.store, INDIA_SOURCE, url, "csv", india_mapping,
                                        "unclear (test data only)",
                                        "Glassdoor India via the Kaggle dataset “Software "
                                        "Professional Salaries 2022”", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_text ("SELECT mapping FROM sources WHERE name = '" INDIA_SOURCE "'"),
                   ==, india_mapping);

  control ("log=clear");
  result = atlas_feed_refresh_sync (env.store, INDIA_SOURCE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->records, ==, INDIA_ROWS);
  g_assert_cmpint (result->added, ==, INDIA_ROWS);
  g_assert_cmpuint (result->rejected, ==, 0);
  g_assert_nonnull (result->etag);
  etag = g_strdup (result->etag);

  /* The source keeps its format and its mapping; the rows went through it. */
  g_assert_cmpstr (query_text ("SELECT format FROM sources WHERE name = '" INDIA_SOURCE "'"),
                   ==, "csv");
  g_assert_cmpstr (query_text ("SELECT mapping FROM sources WHERE name = '" INDIA_SOURCE "'"),
                   ==, india_mapping);
  g_assert_cmpint (query_int ("SELECT row_count FROM sources WHERE name = '" INDIA_SOURCE "'"),
                   ==, INDIA_ROWS);
  g_assert_cmpint (query_int ("SELECT count(*) FROM records WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = '" INDIA_SOURCE "')"
                              " AND country = 'IN' AND currency = 'INR' AND year = 2022"
                              " AND kind = 'report'"), ==, INDIA_ROWS);
  expected_sum = g_strdup_printf ("%" G_GINT64_FORMAT, sum);
  g_assert_cmpstr (query_text ("SELECT CAST(sum(amount) AS INTEGER) FROM records WHERE source_id ="
                               " (SELECT id FROM sources WHERE name = '" INDIA_SOURCE "')"),
                   ==, expected_sum);

  /* The second refresh sends the validators and gets a 304. */
  g_clear_pointer (&result, atlas_feed_result_free);
  control ("log=clear");
  result = atlas_feed_refresh_sync (env.store, INDIA_SOURCE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_NOT_MODIFIED);
  g_assert_cmpuint (result->http_status, ==, 304);
  g_assert_cmpuint (result->records, ==, INDIA_ROWS);
  log = server_log (&parser);
  g_assert_cmpuint (json_array_get_length (log), ==, 1);
  g_assert_cmpint (log_status (log, 0), ==, 304);
  g_assert_cmpstr (log_string (log, 0, "if_none_match"), ==, etag);
  g_clear_object (&parser);

  /* Another mapping for the same bytes: the validators no longer apply, so
   * the next refresh downloads and imports through the new mapping. */
  {
    g_auto(GStrv) parts = g_strsplit (india_mapping, "kind=report", 2);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    resurveyed = g_strjoinv ("kind=survey", parts);
  }
  g_assert_true (atlas_feed_add_source (env.store, INDIA_SOURCE, url, "csv", resurveyed,
                                        NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&result, atlas_feed_result_free);
  result = atlas_feed_refresh_sync (env.store, INDIA_SOURCE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpuint (result->http_status, ==, 200);
  g_assert_cmpuint (result->records, ==, INDIA_ROWS);
  g_assert_cmpint (query_int ("SELECT count(*) FROM records WHERE source_id ="
                              " (SELECT id FROM sources WHERE name = '" INDIA_SOURCE "')"
                              " AND kind = 'survey'"), ==, INDIA_ROWS);
}

/* The same from the command line: --map reads the file and stores its text. */
static void
test_csv_mapping_cli (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *shared_path = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *url = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (!check_ready ())
    return;

  binary = g_build_filename (g_getenv ("ATLAS_BUILD_ROOT"), "app", "salary-atlas", NULL);
  shared_path = g_build_filename (g_getenv ("ATLAS_SHARED_DATA"), INDIA_DATA, NULL);
  if (!g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (shared_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the salary-atlas binary is not built, or the India file is missing");
      return;
    }

  write_india_head ("india-head-20.csv", 20);
  url = g_strconcat (env.base, "/files/india-head-20.csv", NULL);
  map_path = g_build_filename (env.dir, "india.map", NULL);
  g_file_set_contents (map_path, india_mapping, -1, &error);
  g_assert_no_error (error);

  /* Without --map, a csv feed is refused before anything is stored, as a
   * mistake on the command line (exit status 2). */
  g_assert_cmpint (run_cli (&out, &err, "--quiet", "--url", url, "--format", "csv",
                            "--name", "india cli", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--map"));
  g_assert_cmpint (query_int ("SELECT count(*) FROM sources WHERE name = 'india cli'"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--quiet", "--url", url, "--format", "csv",
                            "--map", map_path, "--name", "india cli", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "india cli: 20 records (+20)\n");
  g_assert_cmpstr (query_text ("SELECT format FROM sources WHERE name = 'india cli'"), ==, "csv");
  g_assert_cmpstr (query_text ("SELECT mapping FROM sources WHERE name = 'india cli'"),
                   ==, india_mapping);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--quiet", "india cli", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "india cli: unchanged (304)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A mapping file that does not parse is named in the error. */
  g_file_set_contents (map_path, "[columns]\ntitle=Job Title\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (&out, &err, "--quiet", "--url", url, "--format", "csv",
                            "--map", map_path, "--name", "india cli 2", NULL), ==, 1);
  expected = g_strdup_printf ("%s: [columns] must name the amount column", map_path);
  g_assert_nonnull (strstr (err, expected));
}

/* Issue 13, item 4: the records of a refresh and its validators commit in
 * one transaction. Here everything after the import's transaction fails (a
 * trigger on this connection refuses the history's amendment, the first
 * write of the attempt's own transaction): the records of the new snapshot
 * must sit beside that snapshot's ETag, or the next refresh would get a 304
 * for content that is not the stored one. Before the fix the ETag stayed
 * the old one. Runs last: it leaves the old snapshot in place. */
#define SOURCE_RECORDS \
  "SELECT count(*) FROM records WHERE source_id = (SELECT id FROM sources WHERE name = '" SOURCE "')"

static void
test_validators_with_records (void)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_etag = NULL;
  sqlite3 *db;

  if (!check_ready ())
    return;

  db = atlas_store_get_db (env.store);
  new_etag = g_strdup (query_text ("SELECT etag FROM sources WHERE name = '" SOURCE "'"));
  g_assert_cmpint (query_int (SOURCE_RECORDS), ==, 74301);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER fail_after_import"
                                 " BEFORE UPDATE ON main.source_history"
                                 " BEGIN SELECT RAISE (ABORT, 'injected'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  control ("log=clear&fault=none&alias=salaries.csv&file=" OLD_SNAPSHOT);
  {
    AtlasFeedOptions options;

    test_options (&options);
    options.low_speed_time = 30;
    GLogLevelFlags fatal;

    /* The refresh warns that it could not record the attempt (structured
     * logging: g_test_expect_message() cannot catch it). */
    fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
    result = atlas_feed_refresh_sync (env.store, SOURCE, &options, NULL, NULL, NULL, &error);
    g_log_set_always_fatal (fatal);
  }
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->outcome, ==, ATLAS_FEED_OUTCOME_IMPORTED);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER temp.fail_after_import", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  /* The old snapshot's records (71,556; its sha256 in first-snapshot) and
   * the ETag the server gives it: the first 32 hex digits of that sha256,
   * quoted (tests/feed-server.py). */
  g_assert_cmpint (query_int (SOURCE_RECORDS), ==, 71556);
  g_assert_cmpstr (query_text ("SELECT content_sha256 FROM sources WHERE name = '" SOURCE "'"), ==,
                   "6d6d5824d6287949a0d22c66c9dda6876eeb7a6b3aa420125405fff7357f8c1b");
  g_assert_cmpstr (query_text ("SELECT etag FROM sources WHERE name = '" SOURCE "'"), ==,
                   "\"6d6d5824d6287949a0d22c66c9dda687\"");
  g_assert_cmpstr (new_etag, !=, "\"6d6d5824d6287949a0d22c66c9dda687\"");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);
  setup ();

  g_test_add_func ("/atlas/feed/registry", test_registry);
  g_test_add_func ("/atlas/feed/first-snapshot", test_first_snapshot);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    g_test_add_data_func (fault_paths[i], &faults[i], run_fault);
  g_test_add_func ("/atlas/feed/fault-cancel", test_cancel);
  g_test_add_func ("/atlas/feed/new-snapshot-after-500", test_new_snapshot);
  g_test_add_func ("/atlas/feed/not-modified", test_not_modified);
  g_test_add_func ("/atlas/feed/async-cancel", test_async_cancel);
  g_test_add_func ("/atlas/feed/cancel-stall", test_cancel_stall);
  g_test_add_func ("/atlas/feed/cli", test_cli);
  g_test_add_func ("/atlas/feed/crash", test_crash);
  g_test_add_func ("/atlas/feed/json-async", test_json_async);
  g_test_add_func ("/atlas/feed/json-figures-change", test_json_figures_change);
  g_test_add_func ("/atlas/feed/json-sniff", test_json_sniff);
  g_test_add_func ("/atlas/feed/csv-mapping", test_csv_mapping);
  g_test_add_func ("/atlas/feed/csv-mapping-cli", test_csv_mapping_cli);
  g_test_add_func ("/atlas/feed/json-records-dropped", test_json_records_dropped);
  g_test_add_func ("/atlas/feed/json-many-records", test_json_many_records);
  g_test_add_func ("/atlas/feed/validators-with-records", test_validators_with_records);

  status = g_test_run ();
  teardown ();
  curl_global_cleanup ();

  return status;
}

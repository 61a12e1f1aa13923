/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sources module: list (with its flags), find, add (with its three
 * ways of meeting a taken name), rename, remove, history, and the
 * asynchronous list against the synchronous one, on a temporary database. */

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-import.h"
#include "atlas-sources-private.h"
#include "store-test-util.h"

typedef struct
{
  char       *dir;
  char       *path;
  AtlasStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-sources-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "s.db", NULL);
  fixture->store = atlas_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_pointer (&fixture->store, atlas_store_free);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
add (Fixture              *fixture,
     const char           *name,
     const char           *kind,
     const char           *url,
     AtlasSourcesAddFlags  flags,
     GError              **error)
{
  AtlasSource source = {
    .name = (char *) name,
    .kind = (char *) kind,
    .format = (char *) "aijobs",
    .url = (char *) url,
    .licence = (char *) "CC0-1.0",
  };

  return atlas_sources_add (fixture->store, &source, flags, error);
}

static char *
names (GPtrArray *sources)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);

      g_string_append_printf (text, "%s%s", i ? "," : "", source->name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_add_find_list (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasSource) found = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *listed = NULL;
  gint64 b, a;

  b = add (fixture, "b", NULL, NULL, ATLAS_SOURCES_ADD_DEFAULT, &error);
  g_assert_no_error (error);
  a = add (fixture, "a", "feed", "https://example.org/a.csv", ATLAS_SOURCES_ADD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, >, 0);
  g_assert_cmpint (a, !=, b);

  found = atlas_sources_find (fixture->store, "b", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, b);
  g_assert_cmpstr (found->kind, ==, "file");        /* the default kind */
  g_assert_cmpstr (found->format, ==, "aijobs");
  g_assert_null (found->url);
  g_assert_cmpstr (found->licence, ==, "CC0-1.0");
  g_assert_cmpstr (found->attribution, ==, "");
  g_assert_true (found->enabled);
  g_assert_false (atlas_source_is_refreshable (found));
  g_clear_pointer (&found, atlas_source_free);

  found = atlas_sources_find (fixture->store, "a", &error);
  g_assert_no_error (error);
  g_assert_true (atlas_source_is_refreshable (found));

  g_assert_cmpint (atlas_sources_find_id (fixture->store, "a"), ==, a);
  g_assert_cmpint (atlas_sources_find_id (fixture->store, "zz"), ==, 0);
  g_assert_null (atlas_sources_find (fixture->store, "zz", &error));
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = atlas_sources_list (fixture->store, ATLAS_SOURCES_LIST_DEFAULT, &error);
  g_assert_no_error (error);
  listed = names (list);
  g_assert_cmpstr (listed, ==, "a,b");

  /* An empty name is refused before anything is written. */
  g_assert_cmpint (add (fixture, "", NULL, NULL, ATLAS_SOURCES_ADD_DEFAULT, &error), ==, 0);
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_INVALID);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM sources"), ==, 2);
}

static void
test_add_taken_name (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasSource) found = NULL;
  gint64 id;

  id = add (fixture, "feed", "feed", "https://example.org/1.csv", ATLAS_SOURCES_ADD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (_atlas_sources_set_attempt (fixture->store, id, "imported", TRUE, "\"v1\"",
                                             "Sun, 19 Jan 2025 00:00:00 GMT", "aijobs", &error));
  g_assert_no_error (error);

  /* Refused, and the source is as it was. */
  g_assert_cmpint (add (fixture, "feed", "feed", "https://example.org/2.csv",
                        ATLAS_SOURCES_ADD_DEFAULT, &error), ==, 0);
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_EXISTS);
  g_clear_error (&error);
  found = atlas_sources_find (fixture->store, "feed", &error);
  g_assert_cmpstr (found->url, ==, "https://example.org/1.csv");
  g_clear_pointer (&found, atlas_source_free);

  /* Kept as it is, with its id. */
  g_assert_cmpint (add (fixture, "feed", "feed", "https://example.org/2.csv",
                        ATLAS_SOURCES_ADD_IGNORE, &error), ==, id);
  g_assert_no_error (error);
  found = atlas_sources_find (fixture->store, "feed", &error);
  g_assert_cmpstr (found->url, ==, "https://example.org/1.csv");
  g_assert_cmpstr (found->etag, ==, "\"v1\"");
  g_clear_pointer (&found, atlas_source_free);

  /* Replaced with the same URL and format: the validators stay. */
  g_assert_cmpint (add (fixture, "feed", "feed", "https://example.org/1.csv",
                        ATLAS_SOURCES_ADD_REPLACE, &error), ==, id);
  found = atlas_sources_find (fixture->store, "feed", &error);
  g_assert_cmpstr (found->etag, ==, "\"v1\"");
  g_clear_pointer (&found, atlas_source_free);

  /* Replaced with another URL: they go, so the next refresh downloads. */
  g_assert_cmpint (add (fixture, "feed", "feed", "https://example.org/2.csv",
                        ATLAS_SOURCES_ADD_REPLACE, &error), ==, id);
  g_assert_no_error (error);
  found = atlas_sources_find (fixture->store, "feed", &error);
  g_assert_cmpstr (found->url, ==, "https://example.org/2.csv");
  g_assert_null (found->etag);
  g_assert_null (found->last_modified);
}

static void
test_rename_remove (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AtlasSourceEvent event = { .outcome = (char *) "imported", .http_status = 200, .rows_after = 3 };
  gint64 id;

  id = add (fixture, "old", NULL, NULL, ATLAS_SOURCES_ADD_DEFAULT, &error);
  add (fixture, "other", NULL, NULL, ATLAS_SOURCES_ADD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (_atlas_sources_append_history (fixture->store, id, &event, &error));

  g_assert_true (atlas_sources_rename (fixture->store, "old", "new", &error));
  g_assert_no_error (error);
  g_assert_cmpint (atlas_sources_find_id (fixture->store, "new"), ==, id);
  g_assert_cmpint (atlas_sources_find_id (fixture->store, "old"), ==, 0);

  g_assert_false (atlas_sources_rename (fixture->store, "new", "other", &error));
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (atlas_sources_rename (fixture->store, "old", "newer", &error));
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (atlas_sources_rename (fixture->store, "new", "", &error));
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_INVALID);
  g_clear_error (&error);

  /* Removing takes the history with it. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM source_history"), ==, 1);
  g_assert_true (atlas_sources_remove (fixture->store, "new", &error));
  g_assert_no_error (error);
  g_assert_cmpint (atlas_sources_find_id (fixture->store, "new"), ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM source_history"), ==, 0);
  g_assert_false (atlas_sources_remove (fixture->store, "new", &error));
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const AtlasSourceEvent *event;
  AtlasSourceEvent first = {
    .at = (char *) "2025-01-19T10:00:00Z", .outcome = (char *) "imported", .http_status = -1,
    .content_sha256 = (char *) "aa", .rows_after = 3, .added = 3, .message = (char *) "file",
  };
  AtlasSourceEvent second = {
    .at = (char *) "2025-01-20T10:00:00Z", .outcome = (char *) "failed", .http_status = 503,
    .rows_before = 3, .rows_after = 3, .message = (char *) "HTTP 503",
  };
  gint64 id = add (fixture, "h", NULL, NULL, ATLAS_SOURCES_ADD_DEFAULT, &error);

  g_assert_true (_atlas_sources_append_history (fixture->store, id, &first, &error));
  g_assert_true (_atlas_sources_append_history (fixture->store, id, &second, &error));
  g_assert_no_error (error);

  history = atlas_sources_history (fixture->store, "h", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  event = g_ptr_array_index (history, 0);          /* the newest first */
  g_assert_cmpstr (event->outcome, ==, "failed");
  g_assert_cmpint (event->http_status, ==, 503);
  g_assert_cmpstr (event->message, ==, "HTTP 503");
  event = g_ptr_array_index (history, 1);
  g_assert_cmpstr (event->at, ==, "2025-01-19T10:00:00Z");
  g_assert_cmpint (event->http_status, ==, -1);    /* NULL in the table */
  g_assert_cmpstr (event->content_sha256, ==, "aa");
  g_assert_cmpint (event->added, ==, 3);

  g_assert_null (atlas_sources_history (fixture->store, "none", &error));
  g_assert_error (error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND);
}

/* Three rows in the aijobs layout, imported as the file "small". */
static void
import_small (Fixture *fixture)
{
  static const char csv[] =
    "work_year,experience_level,employment_type,job_title,salary,salary_currency,"
    "salary_in_usd,employee_residence,remote_ratio,company_location,company_size\n"
    "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\n"
    "2024,MI,FT,Data Engineer,120000,USD,120000,US,100,US,L\n"
    "2023,EN,FT,ML Engineer,90000,EUR,97000,DE,50,DE,S\n";
  g_autofree char *path = g_build_filename (fixture->dir, "small.csv", NULL);
  g_autoptr(GError) error = NULL;
  AtlasImportOptions options = { .format = ATLAS_FORMAT_AIJOBS };
  AtlasImportResult result = { 0 };

  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_import_file (fixture->store, path, &options, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 3);
  atlas_import_result_clear (&result);
}

static void
test_list_flags (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *listed = NULL;
  const AtlasSource *small;
  AtlasSource embedded = {
    .name = (char *) "0 curated", .format = (char *) "curated",
    .licence = (char *) "CC-BY-4.0", .attribution = (char *) "someone",
  };

  import_small (fixture);
  g_assert_cmpint (_atlas_sources_put_embedded (fixture->store, &embedded, &error), >, 0);
  add (fixture, "z off", NULL, NULL, ATLAS_SOURCES_ADD_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_exec (fixture->store,
                                   "UPDATE sources SET enabled = 0 WHERE name = 'z off'", &error));

  list = atlas_sources_list (fixture->store, ATLAS_SOURCES_LIST_DEFAULT, &error);
  listed = names (list);
  g_assert_cmpstr (listed, ==, "0 curated,small.csv,z off");
  g_clear_pointer (&list, g_ptr_array_unref);
  g_clear_pointer (&listed, g_free);

  list = atlas_sources_list (fixture->store,
                             ATLAS_SOURCES_LIST_ENABLED | ATLAS_SOURCES_LIST_EMBEDDED_LAST, &error);
  listed = names (list);
  g_assert_cmpstr (listed, ==, "small.csv,0 curated");
  small = g_ptr_array_index (list, 0);
  g_assert_cmpint (small->row_count, ==, 3);
  g_assert_cmpint (small->records, ==, 3);       /* row_count, not counted */
  g_assert_cmpint (small->last_added, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Counted: the records in the table, and what the last import added. */
  g_assert_true (atlas_store_exec (fixture->store,
                                   "DELETE FROM records WHERE job_title = 'ML Engineer'", &error));
  list = atlas_sources_list (fixture->store, ATLAS_SOURCES_LIST_COUNT, &error);
  g_assert_no_error (error);
  small = g_ptr_array_index (list, 1);
  g_assert_cmpstr (small->name, ==, "small.csv");
  g_assert_cmpint (small->row_count, ==, 3);
  g_assert_cmpint (small->records, ==, 2);
  g_assert_cmpint (small->last_added, ==, 3);
  g_assert_cmpstr (small->last_status, ==, "imported");
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = atlas_sources_list_finish (result, &error);
  g_assert_no_error (error);
}

static void
remove_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **out = user_data;

  g_assert_false (atlas_sources_remove_finish (result, out));
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sync = NULL;
  GPtrArray *async = NULL;
  GError *remove_error = NULL;

  import_small (fixture);
  add (fixture, "feed", "feed", "https://example.org/f.csv", ATLAS_SOURCES_ADD_DEFAULT, &error);
  g_assert_no_error (error);

  sync = atlas_sources_list (fixture->store, ATLAS_SOURCES_LIST_COUNT, &error);
  atlas_sources_list_async (fixture->path, ATLAS_SOURCES_LIST_COUNT, NULL, list_done_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (async->len, ==, sync->len);
  for (guint i = 0; i < sync->len; i++)
    {
      const AtlasSource *a = g_ptr_array_index (async, i);
      const AtlasSource *s = g_ptr_array_index (sync, i);

      g_assert_cmpint (a->id, ==, s->id);
      g_assert_cmpstr (a->name, ==, s->name);
      g_assert_cmpstr (a->url, ==, s->url);
      g_assert_cmpint (a->records, ==, s->records);
    }
  g_ptr_array_unref (async);

  /* A failure comes back as an error of the module. */
  atlas_sources_remove_async (fixture->path, "missing", NULL, remove_done_cb, &remove_error);
  while (remove_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (remove_error, ATLAS_SOURCES_ERROR, ATLAS_SOURCES_ERROR_NOT_FOUND);
  g_error_free (remove_error);
}

/* Each source's number of figures, which the list counts in one pass over
 * the figures and find() for its one source: a source without any has 0,
 * with every combination of the list's flags. */
static void
test_figure_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  static const AtlasSourcesListFlags flags[] = {
    ATLAS_SOURCES_LIST_DEFAULT,
    ATLAS_SOURCES_LIST_COUNT,
    ATLAS_SOURCES_LIST_ENABLED | ATLAS_SOURCES_LIST_EMBEDDED_LAST,
    ATLAS_SOURCES_LIST_ENABLED | ATLAS_SOURCES_LIST_COUNT,
  };
  static const struct { const char *name; gint64 figures; } want[] = {
    { "a", 3 }, { "b", 0 }, { "c", 1 }, { "off", 2 },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      gint64 id = add (fixture, want[i].name, NULL, NULL, ATLAS_SOURCES_ADD_DEFAULT, &error);

      g_assert_no_error (error);
      for (gint64 j = 0; j < want[i].figures; j++)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO figures (uid, source_id, country,"
                                                  " currency, median, citation, licence)"
                                                  " VALUES ('%s-%" G_GINT64_FORMAT "', %"
                                                  G_GINT64_FORMAT ", 'US', 'USD', 1000, 'c', 'l')",
                                                  want[i].name, j, id);

          g_assert_true (atlas_store_exec (fixture->store, sql, &error));
        }
    }
  g_assert_true (atlas_store_exec (fixture->store,
                                   "UPDATE sources SET enabled = 0 WHERE name = 'off'", &error));

  for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
    {
      g_autoptr(GPtrArray) list = atlas_sources_list (fixture->store, flags[f], &error);
      guint listed = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < list->len; i++)
        {
          const AtlasSource *source = g_ptr_array_index (list, i);

          for (guint k = 0; k < G_N_ELEMENTS (want); k++)
            if (g_strcmp0 (source->name, want[k].name) == 0)
              {
                g_assert_cmpint (source->figures, ==, want[k].figures);
                listed++;
              }
        }
      g_assert_cmpuint (listed, ==, (flags[f] & ATLAS_SOURCES_LIST_ENABLED) ? 3 : 4);
    }

  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      g_autoptr(AtlasSource) found = atlas_sources_find (fixture->store, want[k].name, &error);

      g_assert_no_error (error);
      g_assert_cmpint (found->figures, ==, want[k].figures);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/atlas/sources/add-find-list", Fixture, NULL,
              fixture_set_up, test_add_find_list, fixture_tear_down);
  g_test_add ("/atlas/sources/add-taken-name", Fixture, NULL,
              fixture_set_up, test_add_taken_name, fixture_tear_down);
  g_test_add ("/atlas/sources/rename-remove", Fixture, NULL,
              fixture_set_up, test_rename_remove, fixture_tear_down);
  g_test_add ("/atlas/sources/history", Fixture, NULL,
              fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/atlas/sources/list-flags", Fixture, NULL,
              fixture_set_up, test_list_flags, fixture_tear_down);
  g_test_add ("/atlas/sources/figure-counts", Fixture, NULL,
              fixture_set_up, test_figure_counts, fixture_tear_down);
  g_test_add ("/atlas/sources/async", Fixture, NULL,
              fixture_set_up, test_async, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-sources.h"
#include "atlas-store.h"
#include "atlas-store-schema.h"
#include "atlas-store-private.h"

static char *
temp_db_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-store-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "sub", "atlas.db", NULL);
}

static int
table_exists (sqlite3    *db,
              const char *name)
{
  sqlite3_stmt *stmt;
  int found;

  sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  found = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return found;
}

static int
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_create_empty (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (path, &error);
  const char *tables[] = { "sources", "source_history", "companies", "company_aliases",
                           "records", "figures", "fx_rates", "ppp_factors" };

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_true (table_exists (atlas_store_get_db (store), tables[i]));
  g_assert_true (atlas_store_is_empty (store));
  g_assert_cmpint (atlas_store_count_records (store), ==, 0);
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;
  AtlasStore *store = atlas_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (atlas_store_exec (store, "INSERT INTO sources (name, format) VALUES ('x', 'aijobs')", &error));
  atlas_store_free (store);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (atlas_store_is_empty (store));
  g_assert_cmpint (atlas_sources_find_id (store, "x"), >, 0);
  g_assert_cmpint (atlas_sources_find_id (store, "y"), ==, 0);
  atlas_store_free (store);
}

/* A version-0 database that already holds a conflicting table: migration 1
 * fails and must leave the file exactly at version 0, without half a schema. */
static void
test_failed_migration_is_rolled_back (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AtlasStore *store;
  sqlite3 *db;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE records (legacy TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = atlas_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_false (table_exists (db, "sources"));
  g_assert_true (table_exists (db, "records"));
  sqlite3_close (db);
}

/* An older (version 0, empty) database is upgraded in place. */
static void
test_migrate_from_older (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  sqlite3 *db;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('kept')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);
  g_assert_true (table_exists (atlas_store_get_db (store), "notes"));
}

static int
column_exists (sqlite3    *db,
               const char *table,
               const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s')"
                                          " WHERE name = ?", table);
  sqlite3_stmt *stmt;
  int found;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, column, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  found = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return found;
}

/* A database written by a build of schema version 1 (migration 1 only, with
 * a source in it) is upgraded in place: the new column is there, the row is
 * kept, and a mapping can be stored on it. */
static void
test_migrate_from_version_1 (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_assert_cmpuint (_atlas_store_n_migrations, >=, 2);

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _atlas_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO sources (name, kind, format, url, licence, etag,"
                                 " row_count) VALUES ('team', 'feed', 'aijobs',"
                                 " 'https://example.org/salaries.csv', 'CC0-1.0', '\"abc\"', 42)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (column_exists (db, "sources", "mapping"));
  sqlite3_close (db);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);
  g_assert_true (column_exists (atlas_store_get_db (store), "sources", "mapping"));

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store),
                                       "SELECT kind, format, url, licence, etag, row_count,"
                                       " mapping FROM sources WHERE name = 'team'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "feed");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "aijobs");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==,
                   "https://example.org/salaries.csv");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "CC0-1.0");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "\"abc\"");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, 42);
  g_assert_cmpint (sqlite3_column_type (stmt, 6), ==, SQLITE_NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_true (atlas_store_exec (store,
                                   "UPDATE sources SET mapping = '[columns]' WHERE name = 'team'",
                                   &error));
  g_assert_no_error (error);
}

/* New databases get 16 KiB pages; an existing one keeps its own. */
static void
test_page_size (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *old_path = temp_db_path ();
  g_autofree char *old_dir = g_path_get_dirname (old_path);
  g_autoptr(GError) error = NULL;
  AtlasStore *store;
  sqlite3 *db;

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma_int (atlas_store_get_db (store), "PRAGMA page_size"), ==, 16384);
  g_assert_true (atlas_store_exec (store, "INSERT INTO sources (name, format) VALUES ('x', 'aijobs')", &error));
  atlas_store_free (store);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma_int (atlas_store_get_db (store), "PRAGMA page_size"), ==, 16384);
  atlas_store_free (store);

  /* A version-1 database made with SQLite's default page size. */
  g_mkdir_with_parents (old_dir, 0700);
  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size = 4096", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _atlas_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = atlas_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (atlas_store_get_db (store), "PRAGMA page_size"), ==, 4096);
  atlas_store_free (store);
}

/* A version-2 database (migrations 1 and 2, with records with and without a
 * company) is upgraded in place: the company index covers only records
 * that have a company, answers as before, and queries by company use it. */
static void
test_migrate_from_version_2 (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autofree char *index_sql = NULL;
  g_autofree char *plan = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_assert_cmpuint (_atlas_store_n_migrations, >=, 3);

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _atlas_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _atlas_store_migrations[1], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 2;"
                                 "INSERT INTO sources (id, name, format) VALUES (1, 'team', 'csv');"
                                 "INSERT INTO companies (id, key, display_name) VALUES (7, 'infosys', 'Infosys');"
                                 "INSERT INTO records (uid, source_id, source_line, kind, job_title,"
                                 " role_family, company_id, country, amount, currency, year) VALUES"
                                 " ('a-1', 1, 2, 'survey', 'DS', 'Data Scientist', 7, 'IN', 1, 'INR', 2023),"
                                 " ('b-1', 1, 3, 'survey', 'DS', 'Data Scientist', NULL, 'IN', 2, 'INR', 2023),"
                                 " ('c-1', 1, 4, 'survey', 'DE', 'Data Engineer', 7, 'IN', 3, 'INR', 2023)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  db = atlas_store_get_db (store);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (ATLAS_STORE_SCHEMA_VERSION, >=, 3);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE name = 'records_by_company'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  index_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_nonnull (strstr (index_sql, "WHERE company_id IS NOT NULL"));

  /* The index holds the two records with a company, and a query by company
   * goes through it. */
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM records INDEXED BY records_by_company"
                                   " WHERE company_id = 7"), ==, 2);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM records"), ==, 3);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT count(*) FROM records r"
                                       " WHERE r.company_id IN (SELECT id FROM companies WHERE key = ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (plan == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    if (strstr ((const char *) sqlite3_column_text (stmt, 3), "records_by_company") != NULL)
      plan = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_assert_nonnull (plan);
}

/* The counts of records by facet, as a string "source:facet:value:n;…"
 * in key order, from record_facets or (@from_records) from the records. */
static char *
facets_string (sqlite3  *db,
               gboolean  from_records)
{
  const char *sql = from_records
    ? "SELECT source_id, 0, role_family, count(*) FROM records GROUP BY 1, 3 UNION ALL "
      "SELECT source_id, 1, country, count(*) FROM records GROUP BY 1, 3 UNION ALL "
      "SELECT source_id, 2, year, count(*) FROM records GROUP BY 1, 3 UNION ALL "
      "SELECT source_id, 3, company_id, count(*) FROM records "
      " WHERE company_id IS NOT NULL GROUP BY 1, 3 ORDER BY 1, 2, 3"
    : "SELECT source_id, facet, value, n FROM record_facets ORDER BY 1, 2, 3";
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s:%s:%s:%s;",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* A version-3 database with records of two sources is upgraded in place:
 * record_facets holds their counts by role family, country, year and
 * company (records without a company are not counted there); deleting a
 * source deletes its counts; atlas_store_recount_facets() rebuilds them. */
static void
test_migrate_from_version_3 (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autofree char *facets = NULL;
  g_autofree char *expected = NULL;
  sqlite3 *db;

  g_assert_cmpuint (_atlas_store_n_migrations, >=, 4);

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (sqlite3_exec (db, _atlas_store_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 3;"
                                 "INSERT INTO sources (id, name, format) VALUES (1, 'one', 'csv'), (2, 'two', 'csv');"
                                 "INSERT INTO companies (id, key, display_name) VALUES (7, 'infosys', 'Infosys');"
                                 "INSERT INTO records (uid, source_id, source_line, kind, job_title,"
                                 " role_family, company_id, country, amount, currency, year) VALUES"
                                 " ('a-1', 1, 2, 'survey', 'DS', 'Data Scientist', 7, 'IN', 1, 'INR', 2023),"
                                 " ('b-1', 1, 3, 'survey', 'DS', 'Data Scientist', NULL, 'IN', 2, 'INR', 2023),"
                                 " ('c-1', 1, 4, 'survey', 'DE', 'Data Engineer', 7, 'US', 3, 'USD', 2022),"
                                 " ('d-1', 2, 2, 'survey', 'DE', 'Data Engineer', NULL, 'US', 4, 'USD', 2024)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  db = atlas_store_get_db (store);
  g_assert_cmpint (atlas_store_get_schema_version (store), ==, ATLAS_STORE_SCHEMA_VERSION);

  facets = facets_string (db, FALSE);
  g_assert_cmpstr (facets, ==,
                   "1:0:Data Engineer:1;1:0:Data Scientist:2;1:1:IN:2;1:1:US:1;"
                   "1:2:2022:1;1:2:2023:2;1:3:7:2;"
                   "2:0:Data Engineer:1;2:1:US:1;2:2:2024:1;");
  /* Years and company ids are numbers, as in the records. */
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM record_facets"
                                   " WHERE facet IN (2, 3) AND typeof (value) <> 'integer'"), ==, 0);

  /* Counts follow records changed by hand through a recount, of one
   * source or of all. */
  g_assert_true (atlas_store_exec (store,
                                   "DELETE FROM records WHERE uid = 'a-1';"
                                   "UPDATE records SET country = 'DE' WHERE uid = 'd-1'",
                                   &error));
  g_assert_true (atlas_store_recount_facets (store, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&facets, g_free);
  facets = facets_string (db, FALSE);
  g_assert_cmpstr (facets, ==,
                   "1:0:Data Engineer:1;1:0:Data Scientist:1;1:1:IN:1;1:1:US:1;"
                   "1:2:2022:1;1:2:2023:1;1:3:7:1;"
                   "2:0:Data Engineer:1;2:1:US:1;2:2:2024:1;");
  g_assert_true (atlas_store_recount_facets (store, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&facets, g_free);
  facets = facets_string (db, FALSE);
  expected = facets_string (db, TRUE);
  g_assert_cmpstr (facets, ==, expected);
  g_assert_nonnull (strstr (facets, "2:1:DE:1;"));

  /* Deleting a source deletes its counts. */
  g_assert_true (atlas_store_exec (store, "DELETE FROM sources WHERE id = 1", &error));
  g_clear_pointer (&facets, g_free);
  facets = facets_string (db, FALSE);
  g_assert_cmpstr (facets, ==, "2:0:Data Engineer:1;2:1:DE:1;2:2:2024:1;");
}

static gpointer
open_thread (gpointer data)
{
  GError *error = NULL;
  AtlasStore *store = atlas_store_open (data, &error);

  g_assert_no_error (error);
  atlas_store_free (store);
  return NULL;
}

/* Two connections upgrade one database at the same time (the window's
 * threads each open their own): the one that waits for the write lock
 * finds the step done by the other and must not run it again ("table
 * record_facets already exists").  Here another connection holds the lock
 * while atlas_store_open() reads the version; it upgrades the database and
 * commits while atlas_store_open() waits.  (Should the thread come late, it
 * finds version 4 at once and the test passes without testing anything.) */
static void
test_concurrent_migration (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  GThread *thread;
  sqlite3 *db;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (sqlite3_exec (db, _atlas_store_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("open", open_thread, path);
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpint (sqlite3_exec (db, _atlas_store_migrations[3], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 4; COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_thread_join (thread);

  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, ATLAS_STORE_SCHEMA_VERSION);
  sqlite3_close (db);
}

/* Issue 13, item 3: while one connection writes (an import), another opens
 * the database and reads the committed state without waiting, and a second
 * writer is told plainly that another import is running. */
static void
test_second_writer (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;
  AtlasStore *writer, *other;

  writer = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_exec (writer, "INSERT INTO sources (name, format) VALUES ('a', 'aijobs')",
                                   &error));
  g_assert_true (atlas_store_begin (writer, &error));
  g_assert_true (atlas_store_exec (writer, "INSERT INTO sources (name, format) VALUES ('b', 'aijobs')",
                                   &error));

  other = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
  g_assert_cmpint (pragma_int (atlas_store_get_db (other), "SELECT count(*) FROM sources"), ==, 1);

  g_assert_false (atlas_store_begin (other, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "Another import or refresh is writing to"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_true (atlas_store_commit (writer, &error));
  g_assert_cmpint (pragma_int (atlas_store_get_db (other), "SELECT count(*) FROM sources"), ==, 2);
  g_assert_true (atlas_store_begin (other, &error));
  atlas_store_rollback (other);

  atlas_store_free (other);
  atlas_store_free (writer);
}

static void
test_too_new (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AtlasStore *store;
  sqlite3 *db;

  g_mkdir_with_parents (dir, 0700);
  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL);
  sqlite3_close (db);

  store = atlas_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_TOO_NEW);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  AtlasStore *store;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "this is not a database, just text that is long enough", -1, NULL));
  store = atlas_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_companies (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = atlas_store_open (path, &error);
  gint64 a, b, c, d;

  g_assert_no_error (error);
  g_assert_true (atlas_store_begin (store, &error));
  a = atlas_store_ensure_company (store, "AMAZONCOM SERVICES INC", &error);
  b = atlas_store_ensure_company (store, "amazon corporate llc", &error);
  c = atlas_store_ensure_company (store, "Amazon", &error);
  d = atlas_store_ensure_company (store, "Infosys Limited", &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (a, ==, b);
  g_assert_cmpint (a, ==, c);
  g_assert_cmpint (d, !=, a);
  g_assert_cmpint (atlas_store_ensure_company (store, "", &error), ==, 0);
  g_assert_true (atlas_store_commit (store, &error));
  {
    /* Every spelling is kept as an alias of the one company. */
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2 (atlas_store_get_db (store), "SELECT count(*) FROM company_aliases WHERE company_id = ?", -1, &stmt, NULL);
    sqlite3_bind_int64 (stmt, 1, a);
    sqlite3_step (stmt);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
    sqlite3_finalize (stmt);
  }

  /* A rolled-back company must not linger in the cache. */
  g_assert_true (atlas_store_begin (store, &error));
  a = atlas_store_ensure_company (store, "Zoho Corporation", &error);
  atlas_store_rollback (store);
  g_assert_true (atlas_store_begin (store, &error));
  b = atlas_store_ensure_company (store, "Zoho Corporation", &error);
  g_assert_true (atlas_store_commit (store, &error));
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2 (atlas_store_get_db (store), "SELECT count(*) FROM companies WHERE id = ?", -1, &stmt, NULL);
    sqlite3_bind_int64 (stmt, 1, b);
    sqlite3_step (stmt);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;

  g_setenv ("SALARY_ATLAS_DB", "/tmp/somewhere/x.db", TRUE);
  path = atlas_store_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/somewhere/x.db");
  g_unsetenv ("SALARY_ATLAS_DB");
  g_free (path);
  path = atlas_store_default_path ();
  g_assert_true (g_str_has_suffix (path, "salary-atlas/atlas.db"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/store/create-empty", test_create_empty);
  g_test_add_func ("/atlas/store/reopen", test_reopen_keeps_data);
  g_test_add_func ("/atlas/store/failed-migration-rolls-back", test_failed_migration_is_rolled_back);
  g_test_add_func ("/atlas/store/migrate-from-older", test_migrate_from_older);
  g_test_add_func ("/atlas/store/migrate-from-version-1", test_migrate_from_version_1);
  g_test_add_func ("/atlas/store/migrate-from-version-2", test_migrate_from_version_2);
  g_test_add_func ("/atlas/store/migrate-from-version-3", test_migrate_from_version_3);
  g_test_add_func ("/atlas/store/concurrent-migration", test_concurrent_migration);
  g_test_add_func ("/atlas/store/page-size", test_page_size);
  g_test_add_func ("/atlas/store/second-writer", test_second_writer);
  g_test_add_func ("/atlas/store/too-new", test_too_new);
  g_test_add_func ("/atlas/store/not-a-database", test_not_a_database);
  g_test_add_func ("/atlas/store/companies", test_companies);
  g_test_add_func ("/atlas/store/default-path", test_default_path);

  return g_test_run ();
}

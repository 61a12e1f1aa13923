/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-test-util.h: what the store, import, catalog and records tests
 * share: the real data files, a temporary store on the default data, and
 * one-number SQL answers. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "atlas-import.h"
#include "atlas-seed.h"
#include "atlas-store.h"
#include "atlas-store-private.h"

/* The path of a file in ATLAS_SHARED_DATA (../shared/data), or NULL after
 * g_test_skip() when it is not there. */
static inline char *
shared_file (const char *name)
{
  const char *dir = g_getenv ("ATLAS_SHARED_DATA");
  char *path;

  if (dir == NULL)
    {
      g_test_skip ("ATLAS_SHARED_DATA is not set");
      return NULL;
    }

  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf ("%s is missing", path);

      g_test_skip (message);
      g_free (path);
      return NULL;
    }

  return path;
}

/* The first column of the one row @sql returns. */
static inline gint64
query_int (AtlasStore *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* The first column of every row @sql returns, as strings, in its order. */
static inline GPtrArray *
query_strings (AtlasStore *store,
               const char *sql)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return strings;
}

/* A new store, records.db in a new temporary folder (@dir_template, as
 * g_dir_make_tmp() takes it; returned in @dir, for test_dir_remove()), on
 * the default data: the built-in figures a new user starts with. */
static inline AtlasStore *
default_store_new (const char  *dir_template,
                   char       **dir)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AtlasStore *store;

  *dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "records.db", NULL);
  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_seed_load_default (store, &error));
  g_assert_no_error (error);

  return store;
}

/* Imports each of @files (@n_files paths) into @store, with the default
 * options; fails the test on an error. */
static inline void
store_import_files (AtlasStore         *store,
                    const char * const *files,
                    guint               n_files)
{
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      AtlasImportOptions options = { 0 };
      AtlasImportResult result = { 0 };

      g_assert_true (atlas_import_file (store, files[i], &options, &result, &error));
      g_assert_no_error (error);
      atlas_import_result_clear (&result);
    }
}

/* default_store_new() with the Glassdoor India and aijobs.net files of
 * ../shared/data imported, as the records tests read them; NULL after
 * g_test_skip() when they are not there. */
static inline AtlasStore *
records_store_new (const char  *dir_template,
                   char       **dir)
{
  g_autofree char *glassdoor = shared_file ("india-software-salaries-2022-glassdoor.csv");
  g_autofree char *aijobs = glassdoor ? shared_file ("aijobs-salaries-2025-01-19.csv") : NULL;
  const char *files[2] = { glassdoor, aijobs };
  AtlasStore *store;

  if (aijobs == NULL)
    return NULL;
  store = default_store_new (dir_template, dir);
  store_import_files (store, files, G_N_ELEMENTS (files));

  return store;
}

/* Removes the files of a test's temporary folder (a store's database and
 * its -wal and -shm), then the folder. */
static inline void
test_dir_remove (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

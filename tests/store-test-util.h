/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-test-util.h: what the store, import and catalog tests share: the
 * real data files and one-number SQL answers. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

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

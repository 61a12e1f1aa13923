/* SPDX-License-Identifier: GPL-3.0-or-later */
/* request-test-db.h: a small hand-made database for the chart request and
 * session tests, whose figures are easy to work out by hand:
 * - US Machine Learning Engineers, in USD: 100k, 110k, 120k (SE) and 130k,
 *   140k (MI): median 120,000 $;
 * - Indian ones, in rupees: 12, 18, 24 lakh (SE) and 30 lakh without an
 *   experience level: median of all four 21 lakh, of those with a level
 *   18 lakh;
 * - World Bank factors for 2024: 83.669 ₹ per $, 19.9 ₹ per international $. */
#pragma once

#include <glib/gstdio.h>

#include "atlas-store.h"

#define TEST_DB_INR_PER_USD 83.669
#define TEST_DB_INR_PER_INTL 19.9

static inline char *
test_db_create (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  char *path = g_build_filename (dir, "request.db", NULL);

  store = atlas_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (atlas_store_exec (store,
    "INSERT INTO sources (id, name, format, licence) VALUES (1, 'test', 'aijobs', 'CC0-1.0');"
    "INSERT INTO fx_rates VALUES ('INR', 2024, 83.669, 'World Bank', 'CC-BY-4.0');"
    "INSERT INTO ppp_factors VALUES ('IN', 2024, 19.9, 'World Bank', 'CC-BY-4.0');"
    "INSERT INTO ppp_factors VALUES ('US', 2024, 1.0, 'World Bank', 'CC-BY-4.0');",
    &error));
  g_assert_no_error (error);

  for (int i = 0; i < 5; i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country,"
      " experience, amount, currency, amount_usd, year)"
      " VALUES ('us%d', 1, %d, 'survey', 'Machine Learning Engineer', 'Machine Learning Engineer',"
      " 'US', '%s', %d, 'USD', %d, 2024);",
      i, i + 2, i < 3 ? "SE" : "MI", 100000 + 10000 * i, 100000 + 10000 * i);
  for (int i = 0; i < 4; i++)
    g_string_append_printf (sql,
      "INSERT INTO records (uid, source_id, source_line, kind, job_title, role_family, country,"
      " experience, amount, currency, year)"
      " VALUES ('in%d', 1, %d, 'survey', 'Machine Learning Engineer', 'Machine Learning Engineer',"
      " 'IN', %s, %d, 'INR', 2024);",
      i, i + 10, i < 3 ? "'SE'" : "NULL", 1200000 + 600000 * i);
  g_assert_true (atlas_store_exec (store, sql->str, &error));
  g_assert_no_error (error);
  /* What the importer keeps, and the catalog reads the years from. */
  g_assert_true (atlas_store_recount_facets (store, 1, &error));
  g_assert_no_error (error);

  return path;
}

static inline void
test_db_remove (const char *dir,
                const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (dir);
}

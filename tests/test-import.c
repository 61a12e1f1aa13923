/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c: the importers, on the real files in ../shared/data and on
 * small files written by the tests.
 *
 * Expected counts on real files come from ../shared/data/README.md, where
 * they were computed with an independent CSV parser (Python's csv module);
 * they are not read back from this importer. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atlas-import.h"
#include "atlas-store.h"
#include "store-test-util.h"
#include "atlas-store-private.h"
#include "atlas-import-writer.h"

/* Rows of the Glassdoor India file, and those of them within the
 * plausibility bounds (atlas-bounds.h): 247 rows report ₹2,112 – ₹72,000
 * a year, below $1,000 at any year's rate of data/fx-ppp.csv (the lowest,
 * 73.918 INR per USD in 2021, makes ₹73,918).  Counted with Python's csv
 * module over the file and the table, not by this importer. */
#define INDIA_FILE_ROWS       22770
#define INDIA_IMPLAUSIBLE     247
#define INDIA_PLAUSIBLE_ROWS  (INDIA_FILE_ROWS - INDIA_IMPLAUSIBLE)

typedef struct
{
  char       *dir;
  char       *db_path;
  AtlasStore *store;
} Fixture;

/* The data of a test that runs an import on one thread however large it
 * is; the others start the writer thread with the first full chunk of
 * rows (1,024), so that small made-up inputs exercise it.  Imports of
 * the real files elsewhere take the usual way: one thread up to about a
 * hundred thousand rows. */
static const char one_thread[] = "one thread";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  _atlas_import_writer_set_thread_after (data == one_thread ? G_MAXUINT64 : 0);

  f->dir = g_dir_make_tmp ("atlas-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "atlas.db", NULL);
  f->store = atlas_store_open (f->db_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->store, atlas_store_free);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static void
reopen_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->store, atlas_store_free);
  f->store = atlas_store_open (f->db_path, &error);
  g_assert_no_error (error);
}

static char *
query_text (AtlasStore *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (atlas_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static void
import_ok (Fixture                  *f,
           const char               *path,
           const AtlasImportOptions *options,
           AtlasImportResult        *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_import_file (f->store, path, options, result, &error));
  g_assert_no_error (error);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, &error));
  g_assert_no_error (error);

  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static void
test_aijobs (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = shared_file ("aijobs-salaries-2025-01-19.csv");
  g_autofree char *sha = NULL;
  g_autofree char *licence = NULL;
  g_autofree char *indexes_before = NULL;
  g_autofree char *indexes_after = NULL;
  AtlasImportResult result = { 0 };

  if (path == NULL)
    return;

  indexes_before = query_text (f->store, "SELECT group_concat(sql, ';') FROM "
                                         "(SELECT sql FROM sqlite_master WHERE type = 'index' ORDER BY name)");
  import_ok (f, path, NULL, &result);
  g_assert_cmpint (result.format, ==, ATLAS_FORMAT_AIJOBS);
  g_assert_cmpuint (result.imported, ==, 74301);
  g_assert_cmpuint (result.rejected, ==, 0);
  g_assert_cmpuint (result.previous, ==, 0);
  g_assert_cmpint (result.added, ==, 74301);
  g_assert_false (result.unchanged);
  g_assert_cmpstr (result.sha256, ==, "fce1318d2fa6f574cd36ce192bf3c38debcb61892d15255eb8f772a05e4a5aef");
  g_assert_cmpstr (result.source_name, ==, "aijobs-salaries-2025-01-19.csv");
  atlas_import_result_clear (&result);

  g_assert_cmpint (atlas_store_count_records (f->store), ==, 74301);

  /* country is employee_residence, company_country company_location. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE country = 'US'"), ==, 67008);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE country = 'IN'"), ==, 139);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE company_country = 'US'"), ==, 67062);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE company_country = 'IN'"), ==, 122);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE experience = 'SE'"), ==, 43616);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE experience = 'EX'"), ==, 1529);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE year = 2025"), ==, 1597);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE currency = 'USD'"), ==, 70503);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE currency = 'INR'"), ==, 75);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE employment_type = 'FT'"), ==, 73951);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE job_title LIKE '%Machine Learning%'"), ==, 6850);
  /* salary_in_usd is the USD amount, 15,000 to 800,000 in this file. */
  g_assert_cmpint (query_int (f->store, "SELECT min(amount_usd) FROM records"), ==, 15000);
  g_assert_cmpint (query_int (f->store, "SELECT max(amount_usd) FROM records"), ==, 800000);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE kind <> 'survey' "
                                        "OR company_id IS NOT NULL OR role_family = ''"), ==, 0);
  /* Line 2 is the first data row: 2022,EX,FT,Consultant,120000,USD,…,PL,0,PL,S */
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 2"), ==, 120000);

  licence = query_text (f->store, "SELECT licence FROM sources");
  g_assert_cmpstr (licence, ==, "CC0-1.0");
  sha = query_text (f->store, "SELECT content_sha256 FROM sources");
  g_assert_cmpstr (sha, ==, "fce1318d2fa6f574cd36ce192bf3c38debcb61892d15255eb8f772a05e4a5aef");
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT uid) FROM records"), ==, 74301);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM source_history"), ==, 1);

  /* A bulk load rebuilds the indexes it dropped, exactly as they were. */
  indexes_after = query_text (f->store, "SELECT group_concat(sql, ';') FROM "
                                        "(SELECT sql FROM sqlite_master WHERE type = 'index' ORDER BY name)");
  g_assert_cmpstr (indexes_before, ==, indexes_after);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                        "AND tbl_name = 'records'"), ==, 2);
}

static char *
dump_state (AtlasStore *store)
{
  return query_text (store,
                     "SELECT (SELECT count(*) FROM records) || '/' ||"
                     " (SELECT group_concat(uid) FROM (SELECT uid FROM records ORDER BY id LIMIT 50)) || '/' ||"
                     " (SELECT group_concat(name || retrieved_at || content_sha256 || row_count) FROM sources) || '/' ||"
                     " (SELECT count(*) FROM source_history) || '/' ||"
                     " (SELECT count(*) FROM companies)");
}

static void
test_twice_is_a_no_op (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = shared_file ("india-software-salaries-2022-glassdoor.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_stream = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(AtlasImport) import = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };
  const char *contents;
  gsize len;

  if (path == NULL)
    return;

  import_ok (f, path, NULL, &result);
  g_assert_cmpuint (result.imported, ==, INDIA_PLAUSIBLE_ROWS);
  atlas_import_result_clear (&result);
  before = dump_state (f->store);

  /* Again as a file: recognised by name and hash before any writing. */
  import_ok (f, path, NULL, &result);
  g_assert_true (result.unchanged);
  g_assert_cmpuint (result.imported, ==, INDIA_PLAUSIBLE_ROWS);
  g_assert_cmpint (result.added, ==, 0);
  atlas_import_result_clear (&result);
  after = dump_state (f->store);
  g_assert_cmpstr (before, ==, after);

  /* Again as a pushed stream in odd-sized chunks: parsed, then rolled back. */
  mapped = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  contents = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  import = atlas_import_begin (f->store, "india-software-salaries-2022-glassdoor.csv", NULL, &error);
  g_assert_no_error (error);
  for (gsize off = 0; off < len; off += 4093)
    g_assert_true (atlas_import_feed (import, contents + off, MIN (4093, len - off), &error));
  g_assert_true (atlas_import_finish (import, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.unchanged);
  g_assert_cmpuint (result.imported, ==, INDIA_PLAUSIBLE_ROWS);
  atlas_import_result_clear (&result);

  after_stream = dump_state (f->store);
  g_assert_cmpstr (before, ==, after_stream);
}

static void
test_snapshot_replaces (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *older = shared_file ("aijobs-salaries-2024-12-22.csv");
  g_autofree char *newer = older ? shared_file ("aijobs-salaries-2025-01-19.csv") : NULL;
  g_autofree char *sha = NULL;
  AtlasImportOptions options = { .source_name = "aijobs.net salaries" };
  AtlasImportResult result = { 0 };

  if (newer == NULL)
    return;

  import_ok (f, older, &options, &result);
  g_assert_cmpuint (result.imported, ==, 71556);
  atlas_import_result_clear (&result);

  /* Keep the old uids aside to see that they survive the refresh. */
  g_assert_true (atlas_store_exec (f->store,
                                   "CREATE TEMP TABLE before_uids AS SELECT uid FROM records", NULL));

  import_ok (f, newer, &options, &result);
  g_assert_false (result.unchanged);
  g_assert_cmpuint (result.previous, ==, 71556);
  g_assert_cmpuint (result.imported, ==, 74301);
  g_assert_cmpint (result.added, ==, 2745);
  atlas_import_result_clear (&result);

  /* The README: the old file is an exact suffix of the new one, 2,745 rows
   * were prepended and none removed, so every old uid is still there. */
  g_assert_cmpint (atlas_store_count_records (f->store), ==, 74301);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM before_uids "
                                        "WHERE uid NOT IN (SELECT uid FROM records)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT row_count FROM sources"), ==, 74301);
  sha = query_text (f->store, "SELECT content_sha256 FROM sources");
  g_assert_cmpstr (sha, ==, "fce1318d2fa6f574cd36ce192bf3c38debcb61892d15255eb8f772a05e4a5aef");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM source_history"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT added FROM source_history ORDER BY id DESC LIMIT 1"), ==, 2745);
  g_assert_cmpint (query_int (f->store, "SELECT removed FROM source_history ORDER BY id DESC LIMIT 1"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT rows_before FROM source_history ORDER BY id DESC LIMIT 1"), ==, 71556);
}

static void
test_h1b_sample (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = shared_file ("h1b-2012-2016-sample.csv");
  g_autofree char *date = NULL;
  AtlasImportResult result = { 0 };

  if (path == NULL)
    return;

  import_ok (f, path, NULL, &result);
  g_assert_cmpint (result.format, ==, ATLAS_FORMAT_H1B);
  g_assert_cmpuint (result.imported, ==, 4999);
  g_assert_cmpuint (result.rejected, ==, 0);
  atlas_import_result_clear (&result);

  /* Submit dates: 4,824 in 2012 and 175 in 2013 (README). */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE year = 2012"), ==, 4824);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE year = 2013"), ==, 175);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE case_status = 'certified'"), ==, 4508);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE country <> 'US' "
                                        "OR currency <> 'USD' OR amount_usd <> amount OR kind <> 'filing'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT state) FROM records"), ==, 50);
  g_assert_cmpint (query_int (f->store, "SELECT min(amount) FROM records"), ==, 17530);
  g_assert_cmpint (query_int (f->store, "SELECT max(amount) FROM records"), ==, 800000);
  /* Line 2: mcafee inc,manager,133328,Santa Clara,…,CA,10/25/2012,… */
  date = query_text (f->store, "SELECT date FROM records WHERE source_line = 2");
  g_assert_cmpstr (date, ==, "2012-10-25");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE company_id IS NULL"), ==, 0);
}

static void
test_h1b_data_jobs (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *city = NULL;
  g_autofree char *state = NULL;
  AtlasImportResult result = { 0 };

  if (path == NULL)
    return;

  import_ok (f, path, NULL, &result);
  g_assert_cmpint (result.format, ==, ATLAS_FORMAT_H1B);
  g_assert_cmpuint (result.imported, ==, 28249);
  g_assert_cmpuint (result.rejected, ==, 0);
  atlas_import_result_clear (&result);

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE year = 2015"), ==, 2472);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE year = 2019"), ==, 8853);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records "
                                        "WHERE upper(job_title) LIKE '%MACHINE LEARNING%'"), ==, 987);
  g_assert_cmpint (query_int (f->store, "SELECT min(amount) FROM records"), ==, 29973);
  g_assert_cmpint (query_int (f->store, "SELECT max(amount) FROM records"), ==, 312000);
  /* Line 2: …,"NEW YORK, NY",2015-11-16,2015 */
  city = query_text (f->store, "SELECT city FROM records WHERE source_line = 2");
  state = query_text (f->store, "SELECT state FROM records WHERE source_line = 2");
  g_assert_cmpstr (city, ==, "NEW YORK");
  g_assert_cmpstr (state, ==, "NY");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE state IS NULL OR length(state) <> 2"), ==, 0);
}

static void
test_glassdoor (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = shared_file ("india-software-salaries-2022-glassdoor.csv");
  AtlasImportResult result = { 0 };

  if (path == NULL)
    return;

  import_ok (f, path, NULL, &result);
  g_assert_cmpint (result.format, ==, ATLAS_FORMAT_GLASSDOOR_IN);
  g_assert_cmpuint (result.imported, ==, INDIA_PLAUSIBLE_ROWS);
  /* Issue 13, item 1: the implausible rows are rejected, each with its line. */
  g_assert_cmpuint (result.rejected, ==, INDIA_IMPLAUSIBLE);
  g_assert_nonnull (strstr (g_ptr_array_index (result.rejections, 0),
                            "is outside the plausible range ₹73,918 – "));
  atlas_import_result_clear (&result);

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE country <> 'IN' "
                                        "OR currency <> 'INR' OR amount_usd IS NOT NULL "
                                        "OR year <> 2022 OR kind <> 'report'"), ==, 0);
  /* README: Salaries Reported is 1 for 18,206 rows, at most 361.  The
   * counts below are of the rows within the bounds (see INDIA_PLAUSIBLE_ROWS),
   * counted with Python's csv module. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE weight = 1"), ==, 17991);
  g_assert_cmpint (query_int (f->store, "SELECT max(weight) FROM records"), ==, 361);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE employment_type = 'FT'"), ==, 19994);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE employment_type = 'CT'"), ==, 540);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE city = 'Bangalore'"), ==, 8174);
  /* Two Location values are states, not cities. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE state = 'Madhya Pradesh' "
                                        "AND city IS NULL"), ==, 155);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE state = 'Kerala'"), ==, 106);
  g_assert_cmpint (query_int (f->store, "SELECT min(amount) FROM records"), ==, 82368);
  g_assert_cmpint (query_int (f->store, "SELECT max(amount) FROM records"), ==, 90000000);
  /* "Fresher" (101 rows) is not an employer, nor "I am a fresher"; the job
   * site Freshersworld.com is. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM companies WHERE key = 'fresher' "
                                        "OR key LIKE '%am a fresher%'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM companies WHERE key = 'freshersworldcom'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE company_id IS NULL"), >=, 101);
  /* Top employers by rows (README): TCS 271, Amazon 184, Infosys 169. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records r JOIN companies c "
                                        "ON c.id = r.company_id WHERE c.key = 'tcs'"), >=, 271);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records r JOIN companies c "
                                        "ON c.id = r.company_id WHERE c.key = 'amazon'"), >=, 184);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records r JOIN companies c "
                                        "ON c.id = r.company_id WHERE c.key = 'infosys'"), >=, 169);
}

static void
test_company_across_sources (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *h1b = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *india = h1b ? shared_file ("india-software-salaries-2022-glassdoor.csv") : NULL;
  g_autofree char *display = NULL;
  AtlasImportResult result = { 0 };

  if (india == NULL)
    return;

  import_ok (f, h1b, NULL, &result);
  atlas_import_result_clear (&result);
  import_ok (f, india, NULL, &result);
  atlas_import_result_clear (&result);

  /* "AMAZONCOM SERVICES INC" (H-1B) and "Amazon" (Glassdoor) meet. */
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT r.source_id) FROM records r "
                                        "JOIN companies c ON c.id = r.company_id "
                                        "WHERE c.key = 'amazon'"), ==, 2);
  display = query_text (f->store, "SELECT display_name FROM companies WHERE key = 'amazon'");
  g_assert_cmpstr (display, ==, "Amazon");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM company_aliases a JOIN companies c "
                                        "ON c.id = a.company_id WHERE c.key = 'amazon'"), >=, 1);
}

/* A copy of the H-1B jobs file whose line 28001 has a negative salary. */
static char *
write_broken_copy (Fixture    *f,
                   const char *original)
{
  g_autoptr(GBytes) bytes = read_bytes (original);
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  g_autofree char *joined = NULL;

  g_assert_cmpuint (g_strv_length (lines), >, 28001);
  g_free (lines[28000]);
  lines[28000] = g_strdup ("99999,DS,BROKEN CORP,DATA SCIENTIST,-5.0,\"NEW YORK, NY\",2019-01-01,2019");
  joined = g_strjoinv ("\n", lines);

  return write_file (f, "h1b-data-jobs-2015-2019.csv", joined, -1);
}

static void
test_strict_leaves_db_unchanged (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = shared_file ("h1b-data-jobs-2015-2019.csv");
  g_autofree char *broken = NULL;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *wal_path = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportOptions strict = { .strict = TRUE };
  AtlasImportResult result = { 0 };

  if (path == NULL)
    return;

  broken = write_broken_copy (f, path);

  /* The good file first, under the same source name as the broken copy. */
  import_ok (f, path, NULL, &result);
  g_assert_cmpuint (result.imported, ==, 28249);
  atlas_import_result_clear (&result);

  /* Closing checkpoints the WAL, so the database is all in one file. */
  reopen_store (f);
  g_clear_pointer (&f->store, atlas_store_free);
  wal_path = g_strconcat (f->db_path, "-wal", NULL);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  before = read_bytes (f->db_path);
  reopen_store (f);

  g_assert_false (atlas_import_file (f->store, broken, &strict, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_ROW);
  expected_prefix = g_strdup_printf ("%s:28001: ", broken);
  g_assert_true (g_str_has_prefix (error->message, expected_prefix));
  g_assert_nonnull (strstr (error->message, "negative"));

  g_clear_pointer (&f->store, atlas_store_free);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  after = read_bytes (f->db_path);
  g_assert_true (g_bytes_equal (before, after));

  /* Without --strict the bad row is skipped and reported. */
  reopen_store (f);
  g_clear_error (&error);
  import_ok (f, broken, NULL, &result);
  g_assert_cmpuint (result.imported, ==, 28248);
  g_assert_cmpuint (result.rejected, ==, 1);
  g_assert_cmpuint (result.rejections->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result.rejections, 0), expected_prefix));
  atlas_import_result_clear (&result);
  g_assert_cmpint (query_int (f->store, "SELECT rejected_count FROM sources"), ==, 1);
}

static const char aijobs_header[] =
  "work_year,experience_level,employment_type,job_title,salary,salary_currency,"
  "salary_in_usd,employee_residence,remote_ratio,company_location,company_size\r\n";

static void
test_rejections (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (aijobs_header);
  g_autofree char *path = NULL;
  AtlasImportResult result = { 0 };
  const char * const expected[] = {
    ":3: invalid UTF-8",
    ":4: expected 11 fields, found 10",
    ":5: salary “12k” is not a number",
    ":6: salary “-100” is negative",
    ":7: unknown currency code “XYZ”",
    ":8: unknown country code “ZZ”",
    ":9: unknown experience level “Guru”",
  };

  g_string_append (csv, "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\r\n");     /* 2 */
  g_string_append (csv, "2024,SE,FT,Data Sci\xFF,150000,USD,150000,US,0,US,M\r\n");        /* 3 */
  g_string_append (csv, "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US\r\n");        /* 4 */
  g_string_append (csv, "2024,SE,FT,Data Scientist,12k,USD,150000,US,0,US,M\r\n");         /* 5 */
  g_string_append (csv, "2024,SE,FT,Data Scientist,-100,USD,150000,US,0,US,M\r\n");        /* 6 */
  g_string_append (csv, "2024,SE,FT,Data Scientist,100,XYZ,150000,US,0,US,M\r\n");         /* 7 */
  g_string_append (csv, "2024,SE,FT,Data Scientist,100,USD,100,ZZ,0,US,M\r\n");            /* 8 */
  g_string_append (csv, "2024,Guru,FT,Data Scientist,100,USD,100,US,0,US,M\r\n");          /* 9 */
  g_string_append (csv, "2024,EN,FT,\"ML Engineer, \"\"Vision\"\"\",1200000,INR,14342,IN,0,IN,L\r\n"); /* 10 */
  path = write_file (f, "small-aijobs.csv", csv->str, csv->len);

  import_ok (f, path, NULL, &result);
  g_assert_cmpuint (result.imported, ==, 2);
  g_assert_cmpuint (result.rejected, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (result.rejections->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *want = g_strconcat (path, expected[i], NULL);

      g_assert_cmpstr (g_ptr_array_index (result.rejections, i), ==, want);
    }
  atlas_import_result_clear (&result);

  g_assert_cmpint (query_int (f->store, "SELECT source_line FROM records WHERE currency = 'INR'"), ==, 10);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records "
                                        "WHERE job_title = 'ML Engineer, \"Vision\"'"), ==, 1);
}

static void
test_max_reported_rejections (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (aijobs_header);
  g_autofree char *path = NULL;
  AtlasImportOptions options = { .max_reported_rejections = 3 };
  AtlasImportResult result = { 0 };

  g_string_append (csv, "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\r\n");
  for (guint i = 0; i < 10; i++)
    g_string_append (csv, "2024,SE,FT,Data Scientist,150000,USD,150000,XX,0,US,M\r\n");
  path = write_file (f, "many-bad.csv", csv->str, csv->len);

  import_ok (f, path, &options, &result);
  g_assert_cmpuint (result.imported, ==, 1);
  g_assert_cmpuint (result.rejected, ==, 10);
  g_assert_cmpuint (result.rejections->len, ==, 3);
  atlas_import_result_clear (&result);
}

static const char custom_mapping[] =
  "[source]\n"
  "name=My team survey\n"
  "licence=CC-BY-4.0\n"
  "attribution=Our own 2023 survey\n"
  "[columns]\n"
  "title=Role\n"
  "company=Employer\n"
  "amount=Monthly pay\n"
  "experience=Level\n"
  "city=Office\n"
  "years=Years\n"
  "country=Country\n"
  "[constants]\n"
  "country=IN\n"
  "currency=INR\n"
  "year=2023\n"
  "kind=survey\n"
  "[options]\n"
  "amount-unit=month\n";

static void
test_custom_mapping (Fixture       *f,
                     gconstpointer  data)
{
  const char csv[] =
    "\xEF\xBB\xBF" "Role,Employer,Monthly pay,Level,Office,Years,Country,Notes\n"
    "Machine Learning Engineer,Infosys Limited,\"1,00,000\",Senior,Bengaluru,6,,fine\n"
    "Data Scientist,\"Tata Consultancy Services, Ltd\",80000,junior,Pune,1.5,IN,\n"
    "Data Analyst,Fresher,25000,entry,Chennai,0,IN,\n"
    "Data Engineer,Acme,90000,Wizard,Pune,3,IN,\n"
    "Software Engineer,Acme US,9000,mid,Austin,4,US,usd row but INR constant\n";
  g_autoptr(AtlasMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *licence = NULL;
  g_autofree char *format = NULL;
  g_autofree char *company = NULL;
  AtlasImportOptions options = { .format = ATLAS_FORMAT_CSV };
  AtlasImportResult result = { 0 };

  mapping = atlas_mapping_new_from_data (custom_mapping, strlen (custom_mapping), "team.ini", &error);
  g_assert_no_error (error);
  options.mapping = mapping;
  path = write_file (f, "team.csv", csv, strlen (csv));

  import_ok (f, path, &options, &result);
  g_assert_cmpint (result.format, ==, ATLAS_FORMAT_CSV);
  g_assert_cmpstr (result.source_name, ==, "My team survey");
  g_assert_cmpuint (result.imported, ==, 4);
  g_assert_cmpuint (result.rejected, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result.rejections, 0), ":5: unknown experience level “Wizard”"));
  atlas_import_result_clear (&result);

  /* Monthly amounts become annual; the Indian digit grouping is read. */
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 2"), ==, 1200000);
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 3"), ==, 960000);
  /* The empty Country cell falls back to the constant. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE country = 'IN'"), ==, 3);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE country = 'US'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE experience = 'SE' "
                                        "AND years_experience = 6 AND city = 'Bengaluru'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE experience = 'EN'"), ==, 2);
  /* INR rows have no USD amount of their own. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE amount_usd IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE company_id IS NULL"), ==, 1);
  company = query_text (f->store, "SELECT c.key FROM records r JOIN companies c ON c.id = r.company_id "
                                  "WHERE r.source_line = 3");
  g_assert_cmpstr (company, ==, "tcs");

  licence = query_text (f->store, "SELECT licence FROM sources");
  g_assert_cmpstr (licence, ==, "CC-BY-4.0");
  format = query_text (f->store, "SELECT format FROM sources");
  g_assert_cmpstr (format, ==, "csv");
}

static void
test_mapping_errors (Fixture       *f,
                     gconstpointer  data)
{
  const char unknown_key[] = "[columns]\ntitle=T\namount=A\nsalary=S\n[constants]\ncurrency=USD\ncountry=US\nyear=2024\n";
  const char no_amount[] = "[columns]\ntitle=T\n[constants]\ncurrency=USD\ncountry=US\nyear=2024\n";
  const char no_currency[] = "[columns]\ntitle=T\namount=A\n[constants]\ncountry=US\nyear=2024\n";
  const char bad_unit[] = "[columns]\ntitle=T\namount=A\n[constants]\ncurrency=USD\ncountry=US\nyear=2024\n"
                          "[options]\namount-unit=fortnight\n";
  const char good[] = "[columns]\ntitle=T\namount=Pay\n[constants]\ncurrency=USD\ncountry=US\nyear=2024\n";
  g_autoptr(AtlasMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AtlasImportOptions options = { .format = ATLAS_FORMAT_CSV };
  AtlasImportResult result = { 0 };
  const char * const bad[] = { unknown_key, no_amount, no_currency, bad_unit };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      AtlasMapping *m = atlas_mapping_new_from_data (bad[i], strlen (bad[i]), "m.ini", &error);

      g_assert_null (m);
      g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING);
      g_assert_true (g_str_has_prefix (error->message, "m.ini: "));
      g_clear_error (&error);
    }

  /* Issue 13, item 5 (found by tests/fuzz/fuzz-mapping): GKeyFile's message
   * quotes the bad line; its bytes are escaped, not passed on raw. */
  {
    const char hostile[] = "[columns]\ntitle=T\n[op\x96\x1b]0;owned\x07\n";
    AtlasMapping *m = atlas_mapping_new_from_data (hostile, strlen (hostile), "m.ini", &error);

    g_assert_null (m);
    g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING);
    g_test_message ("%s", error->message);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_assert_null (strchr (error->message, '\x1b'));
    g_assert_null (strchr (error->message, '\x07'));
    g_clear_error (&error);
  }

  /* A mapped column that the file does not have. */
  mapping = atlas_mapping_new_from_data (good, strlen (good), "m.ini", &error);
  g_assert_no_error (error);
  options.mapping = mapping;
  path = write_file (f, "x.csv", "T,Amount\nData Scientist,1\n", -1);
  g_assert_false (atlas_import_file (f->store, path, &options, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "“Pay”"));
  g_assert_true (atlas_store_is_empty (f->store));
  g_clear_error (&error);

  /* --format csv without a mapping. */
  options.mapping = NULL;
  g_assert_false (atlas_import_file (f->store, path, &options, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING);
}

static void
test_dol_lca (Fixture       *f,
              gconstpointer  data)
{
  /* The DOL disclosure layout (a subset of its columns, in DOL's order). */
  const char csv[] =
    "CASE_NUMBER,CASE_STATUS,RECEIVED_DATE,BEGIN_DATE,EMPLOYER_NAME,JOB_TITLE,SOC_CODE,"
    "WORKSITE_CITY,WORKSITE_STATE,WAGE_RATE_OF_PAY_FROM,WAGE_RATE_OF_PAY_TO,WAGE_UNIT_OF_PAY\r\n"
    "I-1,Certified,2024-09-01,2024-10-01,GOOGLE LLC,Machine Learning Engineer,15-1252.00,"
    "Mountain View,CA,50,,Hour\r\n"
    "I-2,Certified,2024-09-01,2024-10-01,Amazon.com Services LLC,Data Scientist,15-2051.00,"
    "Seattle,wa,2000,2500,Week\r\n"
    "I-3,Certified - Withdrawn,2023-09-01,10/01/2023,Infosys Limited,Data Engineer,15-1243.00,"
    "Plano,TX,4000,,Bi-Weekly\r\n"
    "I-4,Denied,2024-09-01,2024-10-01,\"Acme, Inc.\",Data Analyst,15-2041.00,"
    "Austin,TX,8000,,Month\r\n"
    "I-5,Certified,2024-09-01,2024-10-01,Acme Inc,Research Scientist,19-1029.00,"
    "Austin,TX,\"$104,000.00\",\"$120,000.00\",Year\r\n"
    "I-6,Certified,2024-09-01,2024-10-01,Acme Inc,Research Scientist,19-1029.00,"
    "Austin,TX,104000,,Fortnight\r\n"
    "I-7,Certified,2024-09-01,not a date,Acme Inc,Research Scientist,19-1029.00,"
    "Austin,TX,104000,,Year\r\n";
  g_autofree char *path = NULL;
  g_autofree char *status = NULL;
  g_autofree char *date = NULL;
  AtlasImportResult result = { 0 };

  path = write_file (f, "lca.csv", csv, strlen (csv));
  import_ok (f, path, NULL, &result);
  g_assert_cmpint (result.format, ==, ATLAS_FORMAT_DOL_LCA);
  g_assert_cmpuint (result.imported, ==, 5);
  g_assert_cmpuint (result.rejected, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (result.rejections, 0), "lca.csv:7: unknown WAGE_UNIT_OF_PAY “Fortnight”"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.rejections, 1), "lca.csv:8: BEGIN_DATE “not a date”"));
  atlas_import_result_clear (&result);

  /* 50 × 2080, 2000 × 52, 4000 × 26, 8000 × 12, 104,000 × 1. */
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 2"), ==, 104000);
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 3"), ==, 104000);
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 4"), ==, 104000);
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 5"), ==, 96000);
  g_assert_cmpint (query_int (f->store, "SELECT amount FROM records WHERE source_line = 6"), ==, 104000);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE amount_usd = amount "
                                        "AND currency = 'USD' AND country = 'US' AND kind = 'filing'"), ==, 5);
  g_assert_cmpint (query_int (f->store, "SELECT year FROM records WHERE source_line = 4"), ==, 2023);
  date = query_text (f->store, "SELECT date FROM records WHERE source_line = 4");
  g_assert_cmpstr (date, ==, "2023-10-01");
  status = query_text (f->store, "SELECT case_status FROM records WHERE source_line = 4");
  g_assert_cmpstr (status, ==, "Certified - Withdrawn");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE state = 'WA' AND city = 'Seattle'"), ==, 1);
  /* "Acme, Inc." and "Acme Inc" are one employer. */
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT company_id) FROM records "
                                        "WHERE source_line IN (5, 6)"), ==, 1);
}

static void
test_unknown_format (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_file (f, "odd.csv", "foo,bar\n1,2\n", -1);
  g_autoptr(GError) error = NULL;
  AtlasImportOptions forced = { .format = ATLAS_FORMAT_AIJOBS };
  AtlasImportResult result = { 0 };

  g_assert_false (atlas_import_file (f->store, path, NULL, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“foo”"));
  g_clear_error (&error);

  /* A forced format names the first column it misses. */
  g_assert_false (atlas_import_file (f->store, path, &forced, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“work_year”"));

  g_assert_true (atlas_store_is_empty (f->store));
}

static void
test_empty_inputs (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *empty = write_file (f, "empty.csv", "", 0);
  g_autofree char *header_only = write_file (f, "header.csv", aijobs_header, -1);
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };

  g_assert_false (atlas_import_file (f->store, empty, NULL, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (atlas_import_file (f->store, header_only, NULL, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY);
  g_assert_null (strstr (error->message, "first:"));
  g_clear_error (&error);

  /* Rows, none usable: the error names the first bad line and why. */
  {
    g_autofree char *all_bad_csv = g_strconcat (aijobs_header,
                                                "2024,SE,FT,Data Scientist,-100,USD,150000,US,0,US,M\r\n",
                                                NULL);
    g_autofree char *all_bad = write_file (f, "all-bad.csv", all_bad_csv, -1);
    g_autofree char *want = g_strconcat (all_bad, ":2: salary “-100” is negative", NULL);

    g_assert_false (atlas_import_file (f->store, all_bad, NULL, &result, &error));
    g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY);
    g_assert_nonnull (strstr (error->message, "(1 rejected); first: "));
    g_assert_nonnull (strstr (error->message, want));
    atlas_import_result_clear (&result);
  }

  g_assert_true (atlas_store_is_empty (f->store));
}

static void
test_unterminated_quote_fails (Fixture       *f,
                               gconstpointer  data)
{
  const AtlasImportOptions strict = { .strict = TRUE };
  g_autoptr(GString) csv = g_string_new (aijobs_header);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };

  g_string_append (csv, "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\r\n");
  g_string_append (csv, "2024,SE,FT,\"Data Scientist,150000,USD,150000,US,0,US,M\r\n");
  path = write_file (f, "open-quote.csv", csv->str, csv->len);

  /* --strict refuses the file and writes nothing. */
  g_assert_false (atlas_import_file (f->store, path, &strict, &result, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "open-quote.csv:3: a quoted field is not closed"));
  g_assert_true (atlas_store_is_empty (f->store));
  g_clear_error (&error);

  /* Lenient: the record with the open quote is rejected, line 2 is kept. */
  g_assert_true (atlas_import_file (f->store, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 1);
  g_assert_cmpuint (result.rejected, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result.rejections, 0),
                            "open-quote.csv:3: a quoted field is not closed"));
  atlas_import_result_clear (&result);
}

/* Large imports write on a thread of their own (in these tests more than
 * one chunk of rows, 1,024, reaches it; see one_thread).  These inputs are made up for the test: they exercise
 * the importer, they are not salary data. */
static char *
write_synthetic_aijobs (Fixture    *f,
                        const char *name,
                        guint       n_rows)
{
  static const char * const levels[] = { "EN", "MI", "SE", "EX" };
  static const char * const titles[] = { "Machine Learning Engineer", "Data Scientist", "Data Engineer" };
  g_autoptr(GString) csv = g_string_new (aijobs_header);

  /* Every 2,500th row repeats an earlier one: repeated rows get distinct uids. */
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "2024,%s,FT,%s,%u,USD,%u,%s,0,US,M\r\n",
                            levels[i % 4], titles[i % 3], 90000 + (i % 2500) * 10,
                            90000 + (i % 2500) * 10, (i % 2500) % 2 ? "US" : "IN");

  return write_file (f, name, csv->str, csv->len);
}

/* The database file after closing the store (which checkpoints the WAL). */
static GBytes *
closed_db_bytes (Fixture *f)
{
  g_autofree char *wal_path = g_strconcat (f->db_path, "-wal", NULL);
  GBytes *bytes;

  g_clear_pointer (&f->store, atlas_store_free);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  bytes = read_bytes (f->db_path);
  reopen_store (f);

  return bytes;
}

static void
test_writer_failure (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = write_synthetic_aijobs (f, "first.csv", 2000);
  g_autofree char *big = write_synthetic_aijobs (f, "big.csv", 6000);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };
  const char *lines;
  guint from = 0, to = 0;

  import_ok (f, first, NULL, &result);
  g_assert_cmpuint (result.imported, ==, 2000);
  atlas_import_result_clear (&result);
  before = closed_db_bytes (f);

  /* The database refuses line 4,001 (row 4,000), long after the writer
   * started.  A temporary trigger lives in this connection only. */
  g_assert_true (atlas_store_exec (f->store,
                                   "CREATE TEMP TRIGGER refuse BEFORE INSERT ON records "
                                   "WHEN NEW.source_line = 4001 "
                                   "BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                                   &error));
  g_assert_no_error (error);

  g_assert_false (atlas_import_file (f->store, big, NULL, &result, &error));
  g_assert_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, big));
  g_assert_nonnull (strstr (error->message, "disk on fire"));
  /* It names the lines of the statement that failed. */
  lines = strstr (error->message, "storing lines ");
  g_assert_nonnull (lines);
  g_assert_cmpint (sscanf (lines, "storing lines %u\xe2\x80\x93%u", &from, &to), ==, 2);
  g_assert_cmpuint (from, <=, 4001);
  g_assert_cmpuint (to, >=, 4001);
  g_assert_cmpuint (to - from, <, 64);
  g_clear_error (&error);
  /* The import turns foreign keys and CHECK constraints off while it
   * runs, and on again. */
  g_assert_cmpint (query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (f->store, "PRAGMA ignore_check_constraints"), ==, 0);

  /* Nothing of it reached the file: not the rows, not the big source. */
  g_clear_pointer (&f->store, atlas_store_free);
  after = read_bytes (f->db_path);
  g_assert_true (g_bytes_equal (before, after));

  /* The store is usable afterwards, and the same file imports whole. */
  reopen_store (f);
  import_ok (f, big, NULL, &result);
  g_assert_cmpuint (result.imported, ==, 6000);
  atlas_import_result_clear (&result);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==, 8000);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT uid) FROM records"), ==, 8000);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records r JOIN sources s "
                                        "ON s.id = r.source_id WHERE s.name = 'big.csv' "
                                        "AND r.source_line BETWEEN 2 AND 6001"), ==, 6000);
}

static void
test_free_while_writing (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first = write_synthetic_aijobs (f, "first.csv", 1500);
  g_autofree char *big = write_synthetic_aijobs (f, "big.csv", 8000);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  AtlasImportResult result = { 0 };
  AtlasImport *import;
  gsize len = 0;

  import_ok (f, first, NULL, &result);
  atlas_import_result_clear (&result);
  before = closed_db_bytes (f);

  /* Fed as a download is, then dropped before the end, as a cancelled
   * refresh does: most rows are then with the writer or written. */
  g_assert_true (g_file_get_contents (big, &contents, &len, &error));
  import = atlas_import_begin (f->store, "https://example.org/big.csv", NULL, &error);
  g_assert_no_error (error);
  for (gsize off = 0; off < len * 3 / 4; off += 4093)
    g_assert_true (atlas_import_feed (import, contents + off, MIN (4093, len - off), &error));
  g_assert_no_error (error);
  atlas_import_free (import);

  g_clear_pointer (&f->store, atlas_store_free);
  after = read_bytes (f->db_path);
  g_assert_true (g_bytes_equal (before, after));

  reopen_store (f);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==, 1500);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM sources WHERE name = 'big.csv'"), ==, 0);

  /* Dropped with the same store still open: foreign keys are on again. */
  import = atlas_import_begin (f->store, "https://example.org/big.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_import_feed (import, contents, len / 2, &error));
  atlas_import_free (import);
  g_assert_cmpint (query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (f->store, "PRAGMA ignore_check_constraints"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==, 1500);
}

/* The company index is rebuilt after an import with companies, and kept
 * (not rebuilt) through one without. */
static void
test_bulk_indexes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AtlasMapping) mapping = NULL;
  g_autoptr(GString) csv = g_string_new ("Role,Employer,Monthly pay,Level,Office,Years,Country,Notes\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aijobs = write_synthetic_aijobs (f, "aijobs.csv", 3000);
  g_autofree char *check = NULL;
  AtlasImportOptions options = { .format = ATLAS_FORMAT_CSV };
  AtlasImportResult result = { 0 };
  const char *count_indexes = "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                              "AND name IN ('records_by_company', 'records_by_source')";

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "Data Scientist,Employer %u Ltd,%u,mid,Pune,3,IN,\n",
                            (i * 7919) % 97, 50000 + i);
  path = write_file (f, "team.csv", csv->str, csv->len);
  mapping = atlas_mapping_new_from_data (custom_mapping, strlen (custom_mapping), "team.ini", &error);
  g_assert_no_error (error);
  options.mapping = mapping;

  import_ok (f, path, &options, &result);
  g_assert_cmpuint (result.imported, ==, 3000);
  atlas_import_result_clear (&result);
  g_assert_cmpint (query_int (f->store, count_indexes), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT company_id) FROM records"), ==, 97);
  /* The rebuilt index answers like the table. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records INDEXED BY records_by_company "
                                        "WHERE company_id > 0"), ==, 3000);

  import_ok (f, aijobs, NULL, &result);
  g_assert_cmpuint (result.imported, ==, 3000);
  atlas_import_result_clear (&result);
  g_assert_cmpint (query_int (f->store, count_indexes), ==, 2);
  check = query_text (f->store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  /* Foreign keys were not checked during the imports, but hold, and the
   * check is on again, also after an unchanged re-import. */
  g_clear_pointer (&check, g_free);
  check = query_text (f->store, "PRAGMA foreign_key_check");
  g_assert_null (check);
  g_assert_cmpint (query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  import_ok (f, path, &options, &result);
  g_assert_true (result.unchanged);
  atlas_import_result_clear (&result);
  g_assert_cmpint (query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_false (atlas_store_exec (f->store,
                                    "INSERT INTO records (uid, source_id, source_line, kind, job_title,"
                                    " role_family, country, amount, currency, year)"
                                    " VALUES ('x', 999, 1, 'survey', 't', 'Other', 'IN', 1, 'INR', 2024)",
                                    NULL));
  /* The same for the records' CHECK constraints, which the validator
   * stands for during an import. */
  g_assert_cmpint (query_int (f->store, "PRAGMA ignore_check_constraints"), ==, 0);
  g_assert_false (atlas_store_exec (f->store,
                                    "INSERT INTO records (uid, source_id, source_line, kind, job_title,"
                                    " role_family, country, experience, amount, currency, year)"
                                    " VALUES ('x', (SELECT min(id) FROM sources), 1, 'survey', 't',"
                                    " 'Other', 'IN', 'XX', 1, 'INR', 2024)",
                                    NULL));
}

static void
test_formats (void)
{
  AtlasFormat format;

  for (AtlasFormat i = ATLAS_FORMAT_AUTO; i <= ATLAS_FORMAT_CSV; i++)
    {
      g_assert_true (atlas_format_from_string (atlas_format_to_string (i), &format));
      g_assert_cmpint (format, ==, i);
    }
  g_assert_true (atlas_format_from_string ("glassdoor-in", &format));
  g_assert_cmpint (format, ==, ATLAS_FORMAT_GLASSDOOR_IN);
  g_assert_false (atlas_format_from_string ("xlsx", &format));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/atlas/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/atlas/import/formats", test_formats);
  ADD ("rejections", test_rejections);
  ADD ("max-reported-rejections", test_max_reported_rejections);
  ADD ("custom-mapping", test_custom_mapping);
  ADD ("mapping-errors", test_mapping_errors);
  ADD ("dol-lca", test_dol_lca);
  ADD ("unknown-format", test_unknown_format);
  ADD ("empty-inputs", test_empty_inputs);
  ADD ("unterminated-quote", test_unterminated_quote_fails);
  ADD ("writer-failure", test_writer_failure);
  ADD ("free-while-writing", test_free_while_writing);
  g_test_add ("/atlas/import/writer-failure/one-thread", Fixture, one_thread,
              fixture_set_up, test_writer_failure, fixture_tear_down);
  g_test_add ("/atlas/import/free-while-writing/one-thread", Fixture, one_thread,
              fixture_set_up, test_free_while_writing, fixture_tear_down);
  ADD ("bulk-indexes", test_bulk_indexes);
  ADD ("real/aijobs", test_aijobs);
  ADD ("real/twice-is-a-no-op", test_twice_is_a_no_op);
  ADD ("real/snapshot-replaces", test_snapshot_replaces);
  ADD ("real/h1b-sample", test_h1b_sample);
  ADD ("real/h1b-data-jobs", test_h1b_data_jobs);
  ADD ("real/glassdoor", test_glassdoor);
  ADD ("real/company-across-sources", test_company_across_sources);
  ADD ("real/strict-leaves-db-unchanged", test_strict_leaves_db_unchanged);

#undef ADD

  return g_test_run ();
}

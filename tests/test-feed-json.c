/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-feed-json.c: the Salary Atlas JSON feed format (docs/feed-format.md). */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-feed-json.h"
#include "atlas-sources.h"
#include "atlas-store.h"
#include "atlas-store-private.h"

static char *
read_example (gsize *len)
{
  const char *root = g_getenv ("ATLAS_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  if (root == NULL)
    return NULL;

  path = g_build_filename (root, "docs", "example-feed.json", NULL);
  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);

  return data;
}

/* The shipped example parses, and its records come out as the CSV that the
 * mapped importer reads. The first record is aijobs.net 2025-01-19, file
 * line 236 (CC0); the figures are the two quoted Glassdoor figures. */
static void
test_example (void)
{
  g_autoptr(AtlasFeedJson) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;

  data = read_example (&len);
  if (data == NULL)
    {
      g_test_skip ("ATLAS_SOURCE_ROOT is not set");
      return;
    }

  feed = atlas_feed_json_parse (data, len, "example-feed.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_cmpuint (atlas_feed_json_get_version (feed), ==, 1);
  g_assert_cmpuint (atlas_feed_json_get_n_records (feed), ==, 2);
  g_assert_cmpuint (atlas_feed_json_get_n_figures (feed), ==, 2);
  g_assert_cmpstr (atlas_feed_json_get_licence (feed), ==, "CC0-1.0");

  csv = atlas_feed_json_records_to_csv (feed);
  g_assert_nonnull (csv);
  lines = g_strsplit (g_bytes_get_data (csv, NULL), "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, 2 rows, "" */
  g_assert_cmpstr (lines[0], ==,
                   "title,company,country,city,state,experience,years,amount,amount_usd,"
                   "currency,year,date,employment_type,remote_ratio,weight,kind,"
                   "company_country,company_size");
  g_assert_cmpstr (lines[1], ==,
                   "Machine Learning Engineer,,US,,,SE,,295680,295680,USD,2025,,FT,0,,survey,US,M");
  g_assert_cmpstr (lines[3], ==, "");
}

/* A real row with a comma in its title (Glassdoor India 2022 file, line
 * 909; test data only) is quoted in the CSV. */
static void
test_csv_quoting (void)
{
  static const char json[] =
    "{\"format\": \"salary-atlas-feed\", \"version\": 1, \"title\": \"t\","
    " \"licence\": \"test data only\", \"attribution\": \"Glassdoor India 2022, line 909\","
    " \"records\": [{\"title\": \"Senior, Android Developer\", \"company\": \"DreamOrbit Softech\","
    " \"country\": \"IN\", \"city\": \"Bangalore\", \"amount\": 900000, \"currency\": \"INR\","
    " \"year\": 2022, \"employment_type\": \"Full Time\"}]}";
  g_autoptr(AtlasFeedJson) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_auto(GStrv) lines = NULL;

  feed = atlas_feed_json_parse (json, strlen (json), "quoting.json", &error);
  g_assert_no_error (error);
  csv = atlas_feed_json_records_to_csv (feed);
  lines = g_strsplit (g_bytes_get_data (csv, NULL), "\r\n", -1);
  g_assert_cmpstr (lines[1], ==,
                   "\"Senior, Android Developer\",DreamOrbit Softech,IN,Bangalore,,,,900000,,INR,"
                   "2022,,Full Time,,,survey,,");
}

typedef struct
{
  const char *json;
  int         code;
  const char *message;   /* a part of the message */
} BadFeed;

#define HEAD "\"format\": \"salary-atlas-feed\", \"version\": 1, \"title\": \"t\", " \
             "\"licence\": \"CC0-1.0\", \"attribution\": \"a\""
#define FIG(extra) "{" HEAD ", \"figures\": [{\"id\": \"x\", \"country\": \"US\", " \
                   "\"currency\": \"USD\", \"mean\": 140000, \"citation\": \"c\"" extra "}]}"

static void
test_errors (void)
{
  static const BadFeed bad[] = {
    { "not json", ATLAS_FEED_JSON_ERROR_SYNTAX, "bad.json: not valid JSON" },
    { "[1, 2]", ATLAS_FEED_JSON_ERROR_VERSION, "not a Salary Atlas feed" },
    { "{\"format\": \"other\", \"version\": 1}", ATLAS_FEED_JSON_ERROR_VERSION, "“format” must be" },
    { "{\"format\": \"salary-atlas-feed\", \"version\": 2}", ATLAS_FEED_JSON_ERROR_VERSION,
      "version 2 is newer than this Salary Atlas reads (1)" },
    { "{\"format\": \"salary-atlas-feed\"}", ATLAS_FEED_JSON_ERROR_INVALID, "bad.json: version: is missing" },
    { "{" HEAD "}", ATLAS_FEED_JSON_ERROR_EMPTY, "neither records nor figures" },
    { "{" HEAD ", \"records\": {}}", ATLAS_FEED_JSON_ERROR_INVALID, "records: must be an array" },
    { "{" HEAD ", \"figures\": [{\"id\": \"x\", \"country\": \"US\", \"currency\": \"USD\", \"mean\": 1}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "figures[0].citation: is missing" },
    { "{" HEAD ", \"figures\": [{\"id\": \"x\", \"country\": \"US\", \"currency\": \"XYZ\", "
      "\"mean\": 1, \"citation\": \"c\"}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "figures[0].currency: must be an ISO 4217" },
    { "{" HEAD ", \"figures\": [{\"id\": \"x\", \"country\": \"US\", \"currency\": \"USD\", "
      "\"citation\": \"c\"}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "at least one of p25, median, p75, mean" },
    { FIG (", \"statistic\": \"median\""), ATLAS_FEED_JSON_ERROR_INVALID,
      "figures[0].median: is missing, but “statistic” names it" },
    { "{" HEAD ", \"figures\": [{\"id\": \"x\", \"country\": \"US\", \"currency\": \"USD\", "
      "\"mean\": 140000, \"citation\": \"c\"}, {\"id\": \"x\", \"country\": \"IN\", "
      "\"currency\": \"INR\", \"mean\": 1200000, \"citation\": \"c\"}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "figures[1].id: is used by an earlier figure" },
    { FIG (", \"year\": 2024.5"), ATLAS_FEED_JSON_ERROR_INVALID, "figures[0].year: must be a whole number" },
    { "{" HEAD ", \"records\": [{\"title\": \"t\", \"country\": \"US\", \"amount\": -5, "
      "\"currency\": \"USD\", \"year\": 2024}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "records[0].amount: must not be negative" },
    { "{" HEAD ", \"records\": [{\"title\": \"t\", \"country\": \"USA\", \"amount\": 5, "
      "\"currency\": \"USD\", \"year\": 2024}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "records[0].country: must be an ISO 3166" },
    { "{" HEAD ", \"records\": [{\"title\": \"t\", \"country\": \"US\", \"amount\": \"5\", "
      "\"currency\": \"USD\", \"year\": 2024}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "records[0].amount: must be a number" },
    { "{" HEAD ", \"records\": [{\"title\": \"t\", \"country\": \"US\", \"amount\": 5, "
      "\"currency\": \"USD\", \"year\": 2024, \"date\": \"2024-02-30\"}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "records[0].date: must be a date" },
    { "{" HEAD ", \"records\": [{\"title\": \"  \", \"country\": \"US\", \"amount\": 5, "
      "\"currency\": \"USD\", \"year\": 2024}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "records[0].title: must not be empty" },
    { "{" HEAD ", \"records\": [{\"title\": \"t\", \"country\": \"US\", \"amount\": 5, "
      "\"currency\": \"USD\", \"year\": 2024, \"kind\": \"rumour\"}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "records[0].kind: must be one of" },
    { "{" HEAD ", \"records\": [7]}", ATLAS_FEED_JSON_ERROR_INVALID, "records[0]: must be an object" },
    /* Issue 13, item 1: the plausibility bounds (atlas-bounds.h) hold for figures. */
    { "{" HEAD ", \"figures\": [{\"id\": \"x\", \"country\": \"US\", \"currency\": \"USD\", "
      "\"median\": 1e308, \"citation\": \"c\"}]}",
      ATLAS_FEED_JSON_ERROR_INVALID,
      "figures[0].median: annual amount 1e+308 USD is outside the plausible range $1,000 – $10,000,000" },
    { "{" HEAD ", \"figures\": [{\"id\": \"x\", \"country\": \"IN\", \"currency\": \"INR\", "
      "\"median\": 1200000, \"p25\": 500, \"citation\": \"c\"}]}",
      ATLAS_FEED_JSON_ERROR_INVALID, "figures[0].p25: annual amount 500 INR is outside" },
    /* Issue 13, item 5: json-glib's message quotes the bad bytes; they are escaped. */
    { "\x1b]0;owned\x07", ATLAS_FEED_JSON_ERROR_SYNTAX, "bad.json: not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(AtlasFeedJson) feed = NULL;
      g_autoptr(GError) error = NULL;

      feed = atlas_feed_json_parse (bad[i].json, strlen (bad[i].json), "bad.json", &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (feed);
      g_assert_error (error, ATLAS_FEED_JSON_ERROR, bad[i].code);
      g_assert_true (g_str_has_prefix (error->message, "bad.json: "));
      g_assert_nonnull (strstr (error->message, bad[i].message));
      g_assert_null (strchr (error->message, '\x1b'));
      g_assert_null (strchr (error->message, '\x07'));
    }
}

/* Members a newer minor version might add are ignored. */
static void
test_unknown_members (void)
{
  static const char json[] =
    "{" HEAD ", \"publisher\": \"p\", \"future\": {\"x\": [1]}, \"figures\": [{\"id\": \"x\","
    " \"country\": \"US\", \"currency\": \"USD\", \"mean\": 140000, \"citation\": \"c\","
    " \"confidence\": 0.9}]}";
  g_autoptr(AtlasFeedJson) feed = NULL;
  g_autoptr(GError) error = NULL;

  feed = atlas_feed_json_parse (json, strlen (json), "future.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_feed_json_get_n_figures (feed), ==, 1);
  g_assert_null (atlas_feed_json_records_to_csv (feed));
}

/* Figures are stored with their citation under stable uids and replace the
 * source's previous figures. */
static void
test_store_figures (void)
{
  g_autoptr(AtlasFeedJson) feed = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  gint64 source_id;
  gsize len;

  data = read_example (&len);
  if (data == NULL)
    {
      g_test_skip ("ATLAS_SOURCE_ROOT is not set");
      return;
    }

  feed = atlas_feed_json_parse (data, len, "example-feed.json", &error);
  g_assert_no_error (error);

  dir = g_dir_make_tmp ("atlas-feed-json-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "atlas.db", NULL);
  store = atlas_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_store_exec (store, "INSERT INTO sources (name, kind, format, url) VALUES"
                                   " ('team', 'feed', 'salary-atlas-json', 'https://example.org/f')",
                                   &error));
  source_id = atlas_sources_find_id (store, "team");
  g_assert_cmpint (source_id, >, 0);

  /* Twice: the second replaces the first. */
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (atlas_store_begin (store, &error));
      g_assert_true (atlas_feed_json_store_figures (feed, store, source_id, "team", &error));
      g_assert_no_error (error);
      g_assert_true (atlas_store_commit (store, &error));
    }
  g_assert_cmpint (atlas_store_count_figures (store), ==, 2);

  stmt = atlas_store_prepare (store, "SELECT country, currency, mean, statistic, citation, licence"
                              " FROM figures WHERE uid = 'feed:team:simplilearn-2024-in-ml-engineer-mean'",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "IN");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "INR");
  g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 1200000.0);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "mean");
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 4), "Simplilearn"));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "Quoted figure (fair use citation)");
  sqlite3_finalize (stmt);

  g_clear_pointer (&store, atlas_store_free);
  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/feed-json/example", test_example);
  g_test_add_func ("/atlas/feed-json/csv-quoting", test_csv_quoting);
  g_test_add_func ("/atlas/feed-json/errors", test_errors);
  g_test_add_func ("/atlas/feed-json/unknown-members", test_unknown_members);
  g_test_add_func ("/atlas/feed-json/store-figures", test_store_figures);

  return g_test_run ();
}

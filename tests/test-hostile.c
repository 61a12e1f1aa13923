/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hostile.c: bad files, table-driven (issue 13).
 *
 * Every case is imported into a database that already holds another source,
 * in lenient and in strict mode.  The expected outcome is written down per
 * case from the file's construction here (which rows are good), not read
 * back from the importer: the records imported, the line named, and after
 * any failure a database byte-identical to the one before. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "atlas-feed-json.h"
#include "atlas-import.h"
#include "atlas-store.h"
#include "store-test-util.h"

#define HEADER "work_year,experience_level,employment_type,job_title,salary,salary_currency," \
               "salary_in_usd,employee_residence,remote_ratio,company_location,company_size"
#define GOOD   "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M"
#define GOOD2  "2023,MI,FT,ML Engineer,120000,EUR,130000,DE,100,DE,L"

typedef struct
{
  const char *name;
  const char *content;       /* NULL: made by make_content() */
  gssize      len;           /* -1: strlen */
  /* Lenient mode: success and records, or the failure's message part. */
  gboolean    lenient_ok;
  guint64     lenient_imported;
  const char *lenient_says;  /* in the error, or in the first rejection */
  /* Strict mode. */
  gboolean    strict_ok;
  guint64     strict_imported;
  const char *strict_says;
} Case;

static const Case cases[] = {
  { "empty", "", 0, FALSE, 0, "x.csv is empty", FALSE, 0, "x.csv is empty" },
  { "header-only", HEADER "\n", -1, FALSE, 0, "x.csv has no usable rows",
    FALSE, 0, "x.csv has no usable rows" },
  { "html", "<!DOCTYPE html>\n<html><body><p>Not found</p></body></html>\n", -1,
    FALSE, 0, "x.csv:1: the columns", FALSE, 0, "x.csv:1: the columns" },
  { "bom-crlf", "\xef\xbb\xbf" HEADER "\r\n" GOOD "\r\n" GOOD2 "\r\n", -1,
    TRUE, 2, NULL, TRUE, 2, NULL },
  { "bad-utf8", HEADER "\n" GOOD "\n2024,SE,FT,Data \xff\xfe Scientist,1,USD,150000,US,0,US,M\n"
    GOOD2 "\n", -1, TRUE, 2, "x.csv:3: invalid UTF-8", FALSE, 0, "x.csv:3: invalid UTF-8" },
  { "nul-byte", HEADER "\n" GOOD "\n2024,SE,FT,Data\0Scientist,150000,USD,150000,US,0,US,M\n"
    GOOD2 "\n", sizeof (HEADER "\n" GOOD "\n2024,SE,FT,Data\0Scientist,150000,USD,150000,US,0,US,M\n"
    GOOD2 "\n") - 1, TRUE, 2, "x.csv:3: invalid UTF-8", FALSE, 0, "x.csv:3: invalid UTF-8" },
  { "too-few-columns", HEADER "\n" GOOD "\n2024,SE,FT,Data Scientist,150000\n" GOOD2 "\n", -1,
    TRUE, 2, "x.csv:3: expected 11 fields, found 5", FALSE, 0, "x.csv:3: expected 11 fields" },
  { "too-many-columns", HEADER "\n" GOOD "\n" GOOD2 "\n" GOOD ",extra\n", -1,
    TRUE, 2, "x.csv:4: expected 11 fields, found 12", FALSE, 0, "x.csv:4: expected 11 fields" },
  { "negative", HEADER "\n" GOOD "\n2024,SE,FT,Data Scientist,-150000,USD,150000,US,0,US,M\n", -1,
    TRUE, 1, "x.csv:3: salary “-150000” is negative", FALSE, 0, "x.csv:3: salary" },
  { "not-a-number", HEADER "\n2024,SE,FT,Data Scientist,lots,USD,150000,US,0,US,M\n" GOOD "\n", -1,
    TRUE, 1, "x.csv:2: salary “lots” is not a number", FALSE, 0, "x.csv:2: salary" },
  { "unknown-currency", HEADER "\n" GOOD "\n" GOOD2 "\n2024,SE,FT,Data Scientist,150000,XYZ,150000,US,0,US,M\n",
    -1, TRUE, 2, "x.csv:4: unknown currency code “XYZ”", FALSE, 0, "x.csv:4: unknown currency" },
  { "escape-in-field", HEADER "\n2024,\x1b]0;owned\x07,FT,Data Scientist,150000,USD,150000,US,0,US,M\n"
    GOOD "\n", -1, TRUE, 1, "x.csv:2: unknown experience level “\\u{001B}]0;owned\\u{0007}”",
    FALSE, 0, "\\u{001B}]0;owned\\u{0007}" },
  /* Issue 13, item 1: absurd amounts (the issue's own row among them). */
  { "huge-amount", HEADER "\n" GOOD "\n2024,SE,FT,Data Scientist,1e308,USD,"
    "99999999999999999999999,US,0,US,M\n" GOOD2 "\n", -1,
    TRUE, 2, "x.csv:3: annual USD amount 1e+23 USD is outside the plausible range $1,000 – $10,000,000",
    FALSE, 0, "x.csv:3: annual USD amount" },
  { "tiny-amount", HEADER "\n" GOOD "\n2024,SE,FT,Data Scientist,12,USD,12,US,0,US,M\n", -1,
    TRUE, 1, "x.csv:3: annual USD amount 12 USD is outside", FALSE, 0, "x.csv:3:" },
  /* Issue 13, item 6: a CSV syntax error rejects its record in lenient mode;
   * the good rows before and after it stay. */
  { "unterminated-quote", HEADER "\n" GOOD "\n2024,SE,FT,\"Data Scientist,150000,USD,150000,US,0,US,M\n"
    GOOD2 "\n", -1, TRUE, 2, "x.csv:3: a quoted field is not closed",
    FALSE, 0, "x.csv:3: a quoted field is not closed" },
  { "bad-quote", HEADER "\n" GOOD "\n2024,SE,FT,\"Data\" Scientist,150000,USD,150000,US,0,US,M\n"
    GOOD2 "\n", -1, TRUE, 2, "x.csv:3: unexpected text after a closing quote",
    FALSE, 0, "x.csv:3: unexpected text after a closing quote" },
  /* An 8 MiB job title (made by make_content()). */
  { "field-8mib", NULL, -2, TRUE, 2,
    "x.csv:3: job title is 8388608 bytes long, more than the 1024 a field may have",
    FALSE, 0, "x.csv:3: job title is 8388608 bytes long" },
  /* Issue 13, item 5: a binary header is quoted escaped, in short. */
  { "binary", NULL, 1 << 20, FALSE, 0, "x.csv:1: the columns", FALSE, 0, "x.csv:1: the columns" },
  { "random-50mb", NULL, 50 * 1000 * 1000, FALSE, 0, "x.csv:1: the columns",
    FALSE, 0, "x.csv:1: the columns" },
};

typedef struct
{
  char       *dir;
  char       *db_path;
  AtlasStore *store;
} Fixture;

static GBytes *
closed_db_bytes (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal_path = g_strconcat (f->db_path, "-wal", NULL);
  char *contents = NULL;
  gsize len = 0;

  g_clear_pointer (&f->store, atlas_store_free);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (f->db_path, &contents, &len, &error));
  f->store = atlas_store_open (f->db_path, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

/* Bytes no format recognises: random, with a fixed seed, NULs included;
 * or (len -2) a good file with an 8 MiB job title on line 3. */
static char *
make_content (const Case *c,
              gsize      *len)
{
  g_autoptr(GRand) rand = NULL;
  guint32 *words;

  if (c->len == -2)
    {
      GString *s = g_string_new (HEADER "\n" GOOD "\n2024,SE,FT,");

      for (guint i = 0; i < 8 * 1024 * 1024; i++)
        g_string_append_c (s, 'x');
      g_string_append (s, ",150000,USD,150000,US,0,US,M\n" GOOD2 "\n");
      *len = s->len;
      return g_string_free (s, FALSE);
    }

  rand = g_rand_new_with_seed (13);
  *len = c->len;
  words = g_malloc (c->len);
  for (gssize i = 0; i < c->len / 4; i++)
    words[i] = g_rand_int (rand);
  return (char *) words;
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  Fixture fx = { 0 }, *f = &fx;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *made = NULL;
  const char *content = c->content;
  gsize len;

  fx.dir = g_dir_make_tmp ("atlas-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  fx.db_path = g_build_filename (fx.dir, "atlas.db", NULL);
  fx.store = atlas_store_open (fx.db_path, &error);
  g_assert_no_error (error);

  /* Something to keep: another source of two records. */
  base = g_build_filename (fx.dir, "base.csv", NULL);
  g_assert_true (g_file_set_contents (base, HEADER "\n" GOOD "\n" GOOD2 "\n", -1, &error));
  g_assert_true (atlas_import_file (fx.store, base, NULL, NULL, &error));
  g_assert_no_error (error);

  if (content == NULL)
    content = made = make_content (c, &len);
  else
    len = c->len >= 0 ? (gsize) c->len : strlen (content);
  path = g_build_filename (fx.dir, "x.csv", NULL);
  g_assert_true (g_file_set_contents (path, content, len, &error));
  g_clear_pointer (&made, g_free);

  for (int strict = 0; strict <= 1; strict++)
    {
      AtlasImportOptions options = { .strict = strict };
      AtlasImportResult result = { 0 };
      g_autoptr(GBytes) before = closed_db_bytes (f);
      gboolean expect_ok = strict ? c->strict_ok : c->lenient_ok;
      guint64 expect_imported = strict ? c->strict_imported : c->lenient_imported;
      const char *says = strict ? c->strict_says : c->lenient_says;
      gboolean ok;

      ok = atlas_import_file (fx.store, path, &options, &result, &error);
      g_test_message ("%s, %s: %s", c->name, strict ? "strict" : "lenient",
                      error != NULL ? error->message :
                      result.rejections != NULL && result.rejections->len > 0 ?
                      (const char *) result.rejections->pdata[0] : "(no rejection)");
      g_assert_cmpint (ok, ==, expect_ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (result.imported, ==, expect_imported);
          g_assert_cmpint (query_int (fx.store, "SELECT count(*) FROM records r JOIN sources s"
                                      " ON s.id = r.source_id WHERE s.name = 'x.csv'"), ==,
                           (gint64) expect_imported);
          if (says != NULL)
            {
              g_assert_nonnull (result.rejections);
              g_assert_cmpuint (result.rejections->len, >, 0);
              g_assert_nonnull (strstr (result.rejections->pdata[0], says));
            }
          else
            g_assert_cmpuint (result.rejected, ==, 0);
          /* Back to the starting point for the strict run. */
          g_assert_true (atlas_store_exec (fx.store, "DELETE FROM sources WHERE name = 'x.csv'",
                                           &error));
        }
      else
        {
          g_autoptr(GBytes) after = NULL;

          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, says));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          /* Quoted input is capped: the message stays short. */
          g_assert_cmpuint (strlen (error->message), <, 2048);
          for (const char *p = error->message; *p != '\0'; p++)
            g_assert_cmpint ((guchar) *p, >=, 0x20);
          g_clear_error (&error);
          after = closed_db_bytes (f);
          g_assert_true (g_bytes_equal (before, after));
        }
      atlas_import_result_clear (&result);
    }

  g_assert_cmpint (query_int (fx.store, "SELECT count(*) FROM records"), ==, 2);

  g_clear_pointer (&fx.store, atlas_store_free);
  {
    g_autoptr(GDir) dir = g_dir_open (fx.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (fx.dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (fx.dir);
  g_free (fx.db_path);
  g_free (fx.dir);
}

/* Issue 13, item 6: a directory given as input says so (it was "mmap()
 * failed: No such device"). */
static void
test_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-hostile-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "atlas.db", NULL);
  g_autofree char *input = g_build_filename (dir, "input.csv", NULL);
  AtlasStore *store;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (input, 0700), ==, 0);
  store = atlas_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_false (atlas_import_file (store, input, NULL, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "input.csv”: it is a directory"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sources"), ==, 0);
  atlas_store_free (store);
}

/* Issue 13, item 5: a file name is input too; its control characters are
 * escaped in the FILE:LINE of a rejection and of a strict failure. */
static void
test_control_in_file_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-hostile-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "atlas.db", NULL);
  g_autofree char *input = g_build_filename (dir, "x\x1b]0;owned\x07.csv", NULL);
  const AtlasImportOptions strict = { .strict = TRUE };
  AtlasImportResult result = { 0 };
  AtlasStore *store;
  const char *rejection;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (input, HEADER "\n" GOOD "\n2024,SE,FT,Data Scientist,-1,"
                                      "USD,150000,US,0,US,M\n", -1, &error));
  store = atlas_store_open (db, &error);
  g_assert_no_error (error);

  g_assert_false (atlas_import_file (store, input, &strict, NULL, &error));
  g_assert_nonnull (strstr (error->message, "x\\u{001B}]0;owned\\u{0007}.csv:3: "));
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
  g_clear_error (&error);

  g_assert_true (atlas_import_file (store, input, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 1);
  rejection = g_ptr_array_index (result.rejections, 0);
  g_assert_nonnull (strstr (rejection, "x\\u{001B}]0;owned\\u{0007}.csv:3: "));
  for (const char *p = rejection; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
  atlas_import_result_clear (&result);
  atlas_store_free (store);
}

/* The sequence that retitles a terminal, in a file name, a URL or a field. */
#define EVIL         "\x1b]0;evil\x07"
#define EVIL_QUOTED  "\\u{001B}]0;evil\\u{0007}"

/* A message shown on a terminal: the input it quotes is there, escaped, and
 * no control character got through. */
static void
assert_quoted (const char *message)
{
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, EVIL_QUOTED));
  for (const char *p = message; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 && (guchar) *p != 0x7f);
}

/* Issue 13, item 5: the Indian-figures importer names its file in every
 * message (a rejection, a strict failure, no usable rows), escaped. */
static void
test_control_in_figures_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-hostile-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "atlas.db", NULL);
  g_autofree char *input = g_build_filename (dir, "in" EVIL ".csv", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty" EVIL ".csv", NULL);
  const AtlasImportOptions strict = { .strict = TRUE };
  AtlasImportResult result = { 0 };
  AtlasStore *store;

#define FIGURES_HEADER ",company_name,job_title,min_experience,avg_salary,min_salary,max_salary," \
                       "num_of_salaries\n"
  g_assert_no_error (error);
  /* Line 3's average is the escape sequence itself. */
  g_assert_true (g_file_set_contents (input, FIGURES_HEADER
                                      "0,Acme,Data Scientist,2,7.8L,5L,12L,10\n"
                                      "1,Acme,ML Engineer,3," EVIL ",5L,12L,10\n", -1, &error));
  g_assert_true (g_file_set_contents (empty, FIGURES_HEADER
                                      "0,Acme,Data Scientist,2,lots,5L,12L,10\n", -1, &error));
  store = atlas_store_open (db, &error);
  g_assert_no_error (error);

  g_assert_false (atlas_import_file (store, input, &strict, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, "in" EVIL_QUOTED ".csv:3: avg_salary “" EVIL_QUOTED));
  assert_quoted (error->message);
  g_clear_error (&error);

  g_assert_true (atlas_import_file (store, input, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 1);
  g_assert_cmpuint (result.rejections->len, ==, 1);
  assert_quoted (g_ptr_array_index (result.rejections, 0));
  atlas_import_result_clear (&result);

  g_assert_false (atlas_import_file (store, empty, NULL, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY);
  assert_quoted (error->message);
  g_clear_error (&error);
#undef FIGURES_HEADER

  atlas_store_free (store);
}

/* The JSON feed parser names the feed (its URL) in every message. */
static void
test_control_in_feed_name (void)
{
  static const char * const documents[] = {
    "{\"format\": \"salary-atlas-feed\", ",                 /* not valid JSON */
    "[]",                                                  /* not an object */
    "{\"format\": \"something else\", \"version\": 1}",      /* not a feed */
    "{\"format\": \"salary-atlas-feed\", \"version\": 99}",  /* too new */
  };
  const char *name = "https://example.org/feed" EVIL ".json";

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      AtlasFeedJson *feed = atlas_feed_json_parse (documents[i], strlen (documents[i]), name,
                                                   &error);

      int code = i == 0 ? ATLAS_FEED_JSON_ERROR_SYNTAX : ATLAS_FEED_JSON_ERROR_VERSION;

      g_assert_null (feed);
      g_assert_error (error, ATLAS_FEED_JSON_ERROR, code);
      g_assert_true (g_str_has_prefix (error->message,
                                       "https://example.org/feed" EVIL_QUOTED ".json: "));
      assert_quoted (error->message);
    }
}

/* A file that cannot be read, a directory and a mapping file: their names
 * are escaped too. */
static void
test_control_in_unreadable_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-hostile-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "atlas.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing" EVIL ".csv", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder" EVIL ".csv", NULL);
  AtlasMapping *mapping;
  AtlasStore *store;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  store = atlas_store_open (db, &error);
  g_assert_no_error (error);

  g_assert_false (atlas_import_file (store, missing, NULL, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO);
  assert_quoted (error->message);
  g_clear_error (&error);

  g_assert_false (atlas_import_file (store, folder, NULL, NULL, &error));
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO);
  assert_quoted (error->message);
  g_clear_error (&error);

  mapping = atlas_mapping_new_from_data ("[columns]\ntitle=t\n", strlen ("[columns]\ntitle=t\n"),
                                         "map" EVIL ".ini", &error);
  g_assert_null (mapping);
  g_assert_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING);
  assert_quoted (error->message);
  g_clear_error (&error);

  mapping = atlas_mapping_load (missing, &error);
  g_assert_null (mapping);
  assert_quoted (error->message);
  g_clear_error (&error);

  g_rmdir (folder);
  atlas_store_free (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strconcat ("/atlas/hostile/", cases[i].name, NULL);

      g_test_add_data_func (test_path, &cases[i], run_case);
    }

  g_test_add_func ("/atlas/hostile/directory", test_directory);
  g_test_add_func ("/atlas/hostile/control-in-file-name", test_control_in_file_name);
  g_test_add_func ("/atlas/hostile/control-in-figures-name", test_control_in_figures_name);
  g_test_add_func ("/atlas/hostile/control-in-feed-name", test_control_in_feed_name);
  g_test_add_func ("/atlas/hostile/control-in-unreadable-name", test_control_in_unreadable_name);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c: the streaming RFC 4180 reader, on edge cases and real files. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "atlas-csv.h"

typedef struct
{
  GPtrArray *rows;      /* of GStrv */
  GArray    *lines;     /* guint64 physical line of each row */
  GArray    *valid;     /* gboolean valid_utf8 of each row */
  guint      stop_after; /* 0: never stop */
} Collected;

static void
collected_init (Collected *c)
{
  c->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  c->lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  c->valid = g_array_new (FALSE, FALSE, sizeof (gboolean));
  c->stop_after = 0;
}

static void
collected_clear (Collected *c)
{
  g_ptr_array_unref (c->rows);
  g_array_unref (c->lines);
  g_array_unref (c->valid);
}

static gboolean
collect_cb (const AtlasCsvRow  *row,
            gpointer            user_data,
            GError            **error)
{
  Collected *c = user_data;
  char **fields = g_new0 (char *, row->n_fields + 1);

  g_assert_cmpuint (row->index, ==, c->rows->len);

  for (guint i = 0; i < row->n_fields; i++)
    {
      /* Lengths count every byte, even past an embedded NUL. */
      g_assert_cmpuint (row->lengths[i], >=, strlen (row->fields[i]));
      fields[i] = g_strndup (row->fields[i], row->lengths[i]);
    }

  g_ptr_array_add (c->rows, fields);
  g_array_append_val (c->lines, row->line);
  g_array_append_val (c->valid, row->valid_utf8);

  if (c->stop_after != 0 && c->rows->len == c->stop_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
      return FALSE;
    }

  return TRUE;
}

static char **
row_at (Collected *c,
        guint      i)
{
  g_assert_cmpuint (i, <, c->rows->len);
  return g_ptr_array_index (c->rows, i);
}

static void
parse_whole (const char *data,
             gsize       len,
             Collected  *c)
{
  g_autoptr(GError) error = NULL;

  collected_init (c);
  g_assert_true (atlas_csv_parse_buffer (data, len, collect_cb, c, &error));
  g_assert_no_error (error);
}

static void
assert_row (Collected   *c,
            guint        i,
            const char **expected)
{
  char **row = row_at (c, i);

  g_assert_cmpuint (g_strv_length (row), ==, g_strv_length ((char **) expected));
  for (guint j = 0; expected[j] != NULL; j++)
    g_assert_cmpstr (row[j], ==, expected[j]);
}

static void
test_simple (void)
{
  const char data[] = "a,b,c\n1,2,3\n";
  const char *r0[] = { "a", "b", "c", NULL };
  const char *r1[] = { "1", "2", "3", NULL };
  Collected c;

  parse_whole (data, strlen (data), &c);
  g_assert_cmpuint (c.rows->len, ==, 2);
  assert_row (&c, 0, r0);
  assert_row (&c, 1, r1);
  g_assert_cmpuint (g_array_index (c.lines, guint64, 1), ==, 2);
  collected_clear (&c);
}

static void
test_crlf_and_no_final_newline (void)
{
  const char data[] = "h1,h2\r\nx,y\r\nlast,row";
  const char *r1[] = { "x", "y", NULL };
  const char *r2[] = { "last", "row", NULL };
  Collected c;

  parse_whole (data, strlen (data), &c);
  g_assert_cmpuint (c.rows->len, ==, 3);
  assert_row (&c, 1, r1);
  assert_row (&c, 2, r2);
  g_assert_cmpuint (g_array_index (c.lines, guint64, 2), ==, 3);
  collected_clear (&c);
}

static void
test_quoted_comma_and_quote (void)
{
  const char data[] = "\"Tata Consultancy Services, Ltd\",\"say \"\"hi\"\"\",\"\"\n";
  const char *r0[] = { "Tata Consultancy Services, Ltd", "say \"hi\"", "", NULL };
  Collected c;

  parse_whole (data, strlen (data), &c);
  g_assert_cmpuint (c.rows->len, ==, 1);
  assert_row (&c, 0, r0);
  collected_clear (&c);
}

static void
test_quoted_newline (void)
{
  /* The second record starts on physical line 2 and spans three lines;
   * the third starts on line 5. */
  const char data[] = "title,company\n\"Data\nScientist\r\nII\",Acme\nML Engineer,\"A\nB\"\n";
  const char *r1[] = { "Data\nScientist\r\nII", "Acme", NULL };
  const char *r2[] = { "ML Engineer", "A\nB", NULL };
  Collected c;

  parse_whole (data, strlen (data), &c);
  g_assert_cmpuint (c.rows->len, ==, 3);
  assert_row (&c, 1, r1);
  assert_row (&c, 2, r2);
  g_assert_cmpuint (g_array_index (c.lines, guint64, 0), ==, 1);
  g_assert_cmpuint (g_array_index (c.lines, guint64, 1), ==, 2);
  g_assert_cmpuint (g_array_index (c.lines, guint64, 2), ==, 5);
  collected_clear (&c);
}

static void
test_empty_fields_and_blank_lines (void)
{
  const char data[] = "a,b,c\n\n,,\r\n\r\nx,,\n";
  const char *r1[] = { "", "", "", NULL };
  const char *r2[] = { "x", "", "", NULL };
  Collected c;

  parse_whole (data, strlen (data), &c);
  g_assert_cmpuint (c.rows->len, ==, 3);
  assert_row (&c, 1, r1);
  assert_row (&c, 2, r2);
  /* Blank lines are skipped but still counted as lines. */
  g_assert_cmpuint (g_array_index (c.lines, guint64, 1), ==, 3);
  g_assert_cmpuint (g_array_index (c.lines, guint64, 2), ==, 5);
  collected_clear (&c);
}

static void
test_bom (void)
{
  const char data[] = "\xEF\xBB\xBFname,amount\nLakm\xC3\xA9,1\n";
  const char *r0[] = { "name", "amount", NULL };
  g_autoptr(AtlasCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  Collected c;

  parse_whole (data, strlen (data), &c);
  assert_row (&c, 0, r0);
  collected_clear (&c);

  /* The same, fed one byte at a time: the BOM arrives in three pieces. */
  collected_init (&c);
  reader = atlas_csv_reader_new (collect_cb, &c);
  for (gsize i = 0; i < strlen (data); i++)
    g_assert_true (atlas_csv_reader_feed (reader, data + i, 1, &error));
  g_assert_true (atlas_csv_reader_finish (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.rows->len, ==, 2);
  assert_row (&c, 0, r0);
  g_assert_cmpstr (row_at (&c, 1)[0], ==, "Lakm\xC3\xA9");
  collected_clear (&c);
}

static void
test_bom_prefix_is_data (void)
{
  /* Bytes that start like a BOM but are not one stay in the data (and make
   * the row invalid UTF-8, which is the truth). */
  const char data[] = "\xEF\xBBx,y\n";
  Collected c;

  parse_whole (data, strlen (data), &c);
  g_assert_cmpuint (c.rows->len, ==, 1);
  g_assert_cmpstr (row_at (&c, 0)[0], ==, "\xEF\xBBx");
  g_assert_false (g_array_index (c.valid, gboolean, 0));
  collected_clear (&c);
}

static void
test_utf8_validity (void)
{
  const char data[] = "BYJU\xE2\x80\x99S,Lakm\xC3\xA9\nbad\xFF,x\n\"a\0b\",x\nok,\"R\xC3\xBAs\xC3\xA9\"\n";
  Collected c;

  parse_whole (data, sizeof data - 1, &c);
  g_assert_cmpuint (c.rows->len, ==, 4);
  g_assert_true (g_array_index (c.valid, gboolean, 0));
  g_assert_false (g_array_index (c.valid, gboolean, 1));
  g_assert_false (g_array_index (c.valid, gboolean, 2));   /* embedded NUL */
  g_assert_true (g_array_index (c.valid, gboolean, 3));
  g_assert_cmpstr (row_at (&c, 0)[0], ==, "BYJU\xE2\x80\x99S");
  collected_clear (&c);
}

static void
test_chunked_equals_whole (void)
{
  const char data[] =
    "\xEF\xBB\xBF" "a,\"b,\"\"c\"\"\",d\r\n"
    "\"multi\r\nline\",2,\"\"\r\n"
    "x,y,z\n"
    ",,\r\n"
    "\"end\",\"q\"\"\",last";
  Collected whole;

  parse_whole (data, strlen (data), &whole);
  g_assert_cmpuint (whole.rows->len, ==, 5);

  for (gsize chunk = 1; chunk <= 7; chunk++)
    {
      g_autoptr(AtlasCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      Collected c;

      collected_init (&c);
      reader = atlas_csv_reader_new (collect_cb, &c);
      for (gsize i = 0; i < strlen (data); i += chunk)
        g_assert_true (atlas_csv_reader_feed (reader, data + i, MIN (chunk, strlen (data) - i),
                                              &error));
      g_assert_true (atlas_csv_reader_finish (reader, &error));
      g_assert_no_error (error);

      g_assert_cmpuint (c.rows->len, ==, whole.rows->len);
      for (guint r = 0; r < c.rows->len; r++)
        {
          assert_row (&c, r, (const char **) row_at (&whole, r));
          g_assert_cmpuint (g_array_index (c.lines, guint64, r), ==,
                            g_array_index (whole.lines, guint64, r));
        }
      collected_clear (&c);
    }

  g_assert_cmpstr (row_at (&whole, 1)[0], ==, "multi\r\nline");
  g_assert_cmpuint (g_array_index (whole.lines, guint64, 2), ==, 4);
  g_assert_cmpstr (row_at (&whole, 4)[1], ==, "q\"");
  collected_clear (&whole);
}

static void
test_unterminated_quote (void)
{
  const char data[] = "a,b\nx,\"never closed\n\n";
  g_autoptr(GError) error = NULL;
  Collected c;

  collected_init (&c);
  g_assert_false (atlas_csv_parse_buffer (data, strlen (data), collect_cb, &c, &error));
  g_assert_error (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_true (g_str_has_prefix (error->message, "2: "));
  g_assert_cmpuint (c.rows->len, ==, 1);
  collected_clear (&c);
}

/* The limits of one record (DESIGN.md): 100,000 fields and 64 MiB; past
 * them an error with the record's line, after the rows before it. */
static void
test_limits (void)
{
  for (guint n = 100000; n <= 100001; n++)
    {
      g_autoptr(GString) data = g_string_new ("a,b\n1,2\n");
      g_autoptr(GError) error = NULL;
      Collected c;
      gboolean ok;

      for (guint i = 1; i < n; i++)
        g_string_append_c (data, ',');
      g_string_append (data, "\n3,4\n");
      collected_init (&c);
      ok = atlas_csv_parse_buffer (data->str, data->len, collect_cb, &c, &error);
      if (n == 100000)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (c.rows->len, ==, 4);
          g_assert_cmpuint (g_strv_length (g_ptr_array_index (c.rows, 2)), ==, 100000);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_TOO_LARGE);
          g_assert_cmpstr (error->message, ==, "3: more than 100000 fields in one record");
          g_assert_cmpuint (c.rows->len, ==, 2);
        }
      collected_clear (&c);
    }

  {
    gsize big = 64 * 1024 * 1024;
    g_autoptr(GString) data = g_string_sized_new (big + 32);
    g_autoptr(GError) error = NULL;
    Collected c;

    g_string_append (data, "a,b\n1,");
    g_string_set_size (data, data->len + big);
    memset (data->str + data->len - big, 'x', big);
    g_string_append (data, "\n3,4\n");
    collected_init (&c);
    g_assert_false (atlas_csv_parse_buffer (data->str, data->len, collect_cb, &c, &error));
    g_assert_error (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, "2: the record is larger than 64 MiB; is a quote left open?");
    g_assert_cmpuint (c.rows->len, ==, 1);
    collected_clear (&c);
  }
}

static void
test_bad_quote (void)
{
  const char data[] = "a,b\n\"x\"y,z\n";
  g_autoptr(GError) error = NULL;
  Collected c;

  collected_init (&c);
  g_assert_false (atlas_csv_parse_buffer (data, strlen (data), collect_cb, &c, &error));
  g_assert_error (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_BAD_QUOTE);
  g_assert_true (g_str_has_prefix (error->message, "2: "));
  collected_clear (&c);
}

/* Issue 13, item 6: a lenient reader reports the record with a syntax error
 * and reads on from the line after its first. */
static gboolean
syntax_cb (guint64      line,
           const char  *reason,
           gpointer     user_data,
           GError     **error)
{
  GArray *bad_lines = user_data;

  g_assert_nonnull (reason);
  g_assert_null (strstr (reason, "Line"));
  g_array_append_val (bad_lines, line);

  return TRUE;
}

typedef struct
{
  const char *name;
  const char *data;
  const char *rows;       /* expected rows: fields split by '|', rows by ';' */
  guint64     lines[8];   /* expected line of each row, then 0 */
  guint64     bad[8];     /* expected lines reported as bad, then 0 */
} RecoverCase;

static const RecoverCase recover_cases[] = {
  /* A quote opened on line 3 and never closed swallows lines 4 and 5. */
  { "unterminated", "h1,h2\na,1\nb,\"open\nc,3\nd,4\n",
    "h1|h2;a|1;c|3;d|4", { 1, 2, 4, 5, 0 }, { 3, 0 } },
  /* A quote opened on line 2 is closed on line 3 and followed by text; the
   * quote on line 5 is followed by text on the same line. */
  { "bad-quote", "h,x\na,\"open\nb,\"quoted\",2\nc,3\r\n\"d\"x,4\ne,5",
    "h|x;b|quoted|2;c|3;e|5", { 1, 3, 4, 6, 0 }, { 2, 5, 0 } },
  /* Each recovery finds another bad record, then an unterminated one. */
  { "cascade", "h\n\"a\n\"b\n\"c\nz\n", "h;z", { 1, 5, 0 }, { 2, 3, 4, 0 } },
};

static void
check_recovered (const RecoverCase *rc,
                 Collected         *c,
                 GArray            *bad_lines)
{
  g_auto(GStrv) rows = g_strsplit (rc->rows, ";", -1);
  guint n_bad = 0;

  g_assert_cmpuint (c->rows->len, ==, g_strv_length (rows));
  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_auto(GStrv) fields = g_strsplit (rows[r], "|", -1);

      assert_row (c, r, (const char **) fields);
      g_assert_cmpuint (g_array_index (c->lines, guint64, r), ==, rc->lines[r]);
    }

  while (rc->bad[n_bad] != 0)
    n_bad++;
  g_assert_cmpuint (bad_lines->len, ==, n_bad);
  for (guint i = 0; i < n_bad; i++)
    g_assert_cmpuint (g_array_index (bad_lines, guint64, i), ==, rc->bad[i]);
}

static void
test_recover (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (recover_cases); k++)
    {
      const RecoverCase *rc = &recover_cases[k];
      gsize len = strlen (rc->data);

      g_test_message ("case %s", rc->name);

      /* Chunk 0: the whole buffer at once. */
      for (gsize chunk = 0; chunk <= 7; chunk++)
        {
          g_autoptr(AtlasCsvReader) reader = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GArray) bad_lines = g_array_new (FALSE, FALSE, sizeof (guint64));
          gsize step = chunk == 0 ? MAX (len, 1) : chunk;
          Collected c;

          collected_init (&c);
          reader = atlas_csv_reader_new (collect_cb, &c);
          atlas_csv_reader_set_recover (reader, syntax_cb, bad_lines);
          for (gsize i = 0; i < len; i += step)
            {
              g_assert_true (atlas_csv_reader_feed (reader, rc->data + i, MIN (step, len - i),
                                                    &error));
              g_assert_no_error (error);
            }
          g_assert_true (atlas_csv_reader_finish (reader, &error));
          g_assert_no_error (error);

          check_recovered (rc, &c, bad_lines);
          collected_clear (&c);
        }
    }
}

static void
test_quote_inside_unquoted_field (void)
{
  const char data[] = "5\" display,x\n";
  Collected c;

  parse_whole (data, strlen (data), &c);
  g_assert_cmpstr (row_at (&c, 0)[0], ==, "5\" display");
  collected_clear (&c);
}

static void
test_callback_stops (void)
{
  const char data[] = "a\nb\nc\nd\n";
  g_autoptr(AtlasCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  Collected c;

  collected_init (&c);
  c.stop_after = 2;
  reader = atlas_csv_reader_new (collect_cb, &c);
  g_assert_false (atlas_csv_reader_feed (reader, data, strlen (data), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (c.rows->len, ==, 2);

  /* A stopped reader refuses more input. */
  g_clear_error (&error);
  g_assert_false (atlas_csv_reader_feed (reader, "e\n", 2, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (c.rows->len, ==, 2);
  collected_clear (&c);
}

typedef struct
{
  guint64 rows;
  guint   n_fields;
  guint64 wrong_width;
  guint64 invalid;
  guint64 non_ascii;
} Shape;

static gboolean
shape_cb (const AtlasCsvRow  *row,
          gpointer            user_data,
          GError            **error)
{
  Shape *shape = user_data;

  if (row->index == 0)
    shape->n_fields = row->n_fields;
  else
    {
      shape->rows++;
      if (row->n_fields != shape->n_fields)
        shape->wrong_width++;
      if (!row->valid_utf8)
        shape->invalid++;
      for (guint i = 0; i < row->n_fields; i++)
        for (gsize j = 0; j < row->lengths[i]; j++)
          if ((guchar) row->fields[i][j] >= 0x80)
            {
              shape->non_ascii++;
              goto next;
            }
    }
next:
  return TRUE;
}

static void
assert_file_shape (const char *name,
                   guint64     rows,
                   guint       n_fields,
                   guint64     non_ascii_rows)
{
  const char *dir = g_getenv ("ATLAS_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) error = NULL;
  Shape shape = { 0 };

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("ATLAS_SHARED_DATA is not set or missing");
      return;
    }

  path = g_build_filename (dir, name, NULL);
  mapped = g_mapped_file_new (path, FALSE, &error);
  if (mapped == NULL)
    {
      g_test_skip (error->message);
      return;
    }

  g_assert_true (atlas_csv_parse_buffer (g_mapped_file_get_contents (mapped),
                                         g_mapped_file_get_length (mapped),
                                         shape_cb, &shape, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shape.rows, ==, rows);
  g_assert_cmpuint (shape.n_fields, ==, n_fields);
  g_assert_cmpuint (shape.wrong_width, ==, 0);
  g_assert_cmpuint (shape.invalid, ==, 0);
  g_assert_cmpuint (shape.non_ascii, ==, non_ascii_rows);
}

/* Row counts, widths and non-ASCII line counts are those stated in
 * ../shared/data/README.md, which were found with another CSV parser. */
static void
test_real_aijobs (void)
{
  assert_file_shape ("aijobs-salaries-2025-01-19.csv", 74301, 11, 0);
}

static void
test_real_glassdoor (void)
{
  /* Quoted company names with commas; 61 lines with non-ASCII names. */
  assert_file_shape ("india-software-salaries-2022-glassdoor.csv", 22770, 8, 61);
}

static void
test_real_h1b_jobs (void)
{
  /* LF endings, quoted "CITY, ST" locations; 2 rows with non-ASCII. */
  assert_file_shape ("h1b-data-jobs-2015-2019.csv", 28249, 8, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/csv/simple", test_simple);
  g_test_add_func ("/atlas/csv/crlf-no-final-newline", test_crlf_and_no_final_newline);
  g_test_add_func ("/atlas/csv/quoted-comma-quote", test_quoted_comma_and_quote);
  g_test_add_func ("/atlas/csv/quoted-newline", test_quoted_newline);
  g_test_add_func ("/atlas/csv/empty-fields-blank-lines", test_empty_fields_and_blank_lines);
  g_test_add_func ("/atlas/csv/bom", test_bom);
  g_test_add_func ("/atlas/csv/bom-prefix-is-data", test_bom_prefix_is_data);
  g_test_add_func ("/atlas/csv/utf8-validity", test_utf8_validity);
  g_test_add_func ("/atlas/csv/chunked-equals-whole", test_chunked_equals_whole);
  g_test_add_func ("/atlas/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/atlas/csv/bad-quote", test_bad_quote);
  g_test_add_func ("/atlas/csv/limits", test_limits);
  g_test_add_func ("/atlas/csv/recover", test_recover);
  g_test_add_func ("/atlas/csv/quote-inside-unquoted", test_quote_inside_unquoted_field);
  g_test_add_func ("/atlas/csv/callback-stops", test_callback_stops);
  g_test_add_func ("/atlas/csv/real/aijobs", test_real_aijobs);
  g_test_add_func ("/atlas/csv/real/glassdoor", test_real_glassdoor);
  g_test_add_func ("/atlas/csv/real/h1b-jobs", test_real_h1b_jobs);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv.c: the streaming CSV reader must give the same records, the same
 * error and the same lines whether the input arrives in one buffer or in
 * chunks of any size (the first byte of the input picks the chunk sizes and,
 * with its high bit, the lenient reader that recovers from syntax errors). */

#include "config.h"

#include <string.h>

#include "atlas-csv.h"
#include "atlas-quote.h"

typedef struct
{
  GString *log;   /* every record, serialised with its lengths */
} Log;

static gboolean
row_cb (const AtlasCsvRow  *row,
        gpointer            user_data,
        GError            **error)
{
  Log *log = user_data;

  g_string_append_printf (log->log, "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%u:%d|",
                          row->line, row->index, row->n_fields, row->valid_utf8);
  for (guint i = 0; i < row->n_fields; i++)
    {
      /* Fields are NUL-terminated at their length. */
      g_assert (row->fields[i][row->lengths[i]] == '\0');
      g_assert (row->valid_utf8 ? g_utf8_validate (row->fields[i], row->lengths[i], NULL) : TRUE);
      g_string_append_printf (log->log, "%zu:", row->lengths[i]);
      g_string_append_len (log->log, row->fields[i], row->lengths[i]);
    }
  g_string_append_c (log->log, '\n');

  /* Every field may end up quoted in a message: the quote must be safe. */
  if (row->n_fields > 0)
    {
      g_autoptr(GString) quoted = g_string_new (NULL);

      atlas_quote_append_len (quoted, row->fields[0], row->lengths[0], ATLAS_QUOTE_MAX_CHARS);
      g_assert (g_utf8_validate (quoted->str, quoted->len, NULL));
      for (gsize i = 0; i < quoted->len; i++)
        g_assert ((guchar) quoted->str[i] >= 0x20 && quoted->str[i] != 0x7f);
    }

  return TRUE;
}

static gboolean
syntax_cb (guint64      line,
           const char  *reason,
           gpointer     user_data,
           GError     **error)
{
  Log *log = user_data;

  g_string_append_printf (log->log, "BAD %" G_GUINT64_FORMAT " %s\n", line, reason);

  return TRUE;
}

/* Whole buffer (chunk 0) or @chunk bytes at a time. */
static GString *
parse (const guint8 *data,
       size_t        size,
       size_t        chunk,
       gboolean      recover)
{
  Log log = { g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (chunk == 0 && !recover)
    ok = atlas_csv_parse_buffer ((const char *) data, size, row_cb, &log, &error);
  else
    {
      AtlasCsvReader *reader = atlas_csv_reader_new (row_cb, &log);

      if (chunk == 0)
        chunk = MAX (size, 1);
      if (recover)
        atlas_csv_reader_set_recover (reader, syntax_cb, &log);
      ok = TRUE;
      for (size_t off = 0; ok && off < size; off += chunk)
        ok = atlas_csv_reader_feed (reader, (const char *) data + off, MIN (chunk, size - off),
                                    &error);
      if (ok)
        ok = atlas_csv_reader_finish (reader, &error);
      atlas_csv_reader_free (reader);
    }

  if (!ok)
    g_string_append_printf (log.log, "ERROR %s %d %s", g_quark_to_string (error->domain),
                            error->code, error->message);

  return log.log;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const size_t chunks[] = { 1, 2, 3, 7, 64, 4096 };
  g_autoptr(GString) whole = NULL;
  g_autoptr(GString) pieces = NULL;
  size_t chunk;
  gboolean recover;

  if (size == 0)
    return 0;
  chunk = chunks[(data[0] & 0x7f) % G_N_ELEMENTS (chunks)];
  recover = (data[0] & 0x80) != 0;
  data++;
  size--;

  whole = parse (data, size, 0, recover);
  pieces = parse (data, size, chunk, recover);
  if (whole->len != pieces->len || memcmp (whole->str, pieces->str, whole->len) != 0)
    g_error ("chunks of %zu bytes disagree with the whole buffer", chunk);

  return 0;
}

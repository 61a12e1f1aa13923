/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-csv.c: a streaming RFC 4180 reader.
 *
 * Bytes are copied once into a record buffer that is reused for every
 * record; each field ends in a NUL there, and the field pointers are made
 * from offsets only when the record is complete (the buffer may move while
 * it grows).  Runs of ordinary bytes are found with a lookup table and copied
 * with memcpy(), so the common unquoted case costs little more than a scan. */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atlas-csv.h"

/* A record larger than this is almost certainly an unterminated quote. */
#define MAX_RECORD_BYTES (64 * 1024 * 1024)
#define MAX_FIELDS       100000

typedef enum
{
  STATE_FIELD_START,   /* at the start of a field */
  STATE_UNQUOTED,      /* inside an unquoted field */
  STATE_QUOTED,        /* inside a quoted field */
  STATE_QUOTE_IN_QUOTED, /* saw '"' inside a quoted field: escape or end */
  STATE_RECORD_START,  /* at the start of a record (nothing seen yet) */
  STATE_SKIP_LINE,     /* recovering from a syntax error: up to the line's end */
} State;

struct _AtlasCsvReader
{
  AtlasCsvRowFunc func;
  gpointer        user_data;

  State     state;
  gboolean  after_cr;       /* the previous byte ended a record with '\r' */
  gboolean  failed;
  gboolean  finished;
  guint     bom_seen;       /* bytes of a leading BOM matched so far */
  gboolean  bom_done;

  char          separator;  /* ',' or ';' */
  const guchar *special;    /* special_comma or special_semicolon */

  guint64   line;           /* current physical line, 1-based */
  guint64   record_line;    /* where the current record started */
  guint64   index;          /* records emitted so far */

  char     *buf;            /* the current record's bytes, fields NUL-separated */
  gsize     len;
  gsize     cap;
  guchar    high_bits;      /* OR of all bytes of the record: 0x80 set means non-ASCII */
  gboolean  has_nul;        /* a NUL byte inside a field */

  gsize    *offsets;        /* start of each field in buf */
  gsize    *lengths;
  const char **fields;
  guint     n_fields;
  guint     fields_cap;
  gsize     field_start;

  /* Recovery (lenient readers): a record with a syntax error is reported
   * and reading resumes at the next line.  An open quote is only known to
   * be unterminated at the end of the input, when its field has swallowed
   * every later line; so once a quoted field crosses a line break, the raw
   * bytes after the record's first line are kept to be read again. */
  AtlasCsvSyntaxFunc recover_func;
  gpointer           recover_data;
  GByteArray        *raw;
  gboolean           capturing;
};

G_DEFINE_QUARK (atlas-csv-error-quark, atlas_csv_error)

/* "LINE: reason": the caller, who knows the input's name, puts "NAME:"
 * before it, which makes the "FILE:LINE: reason" of every other message
 * about input (DESIGN.md, "The error format"). */
static void G_GNUC_PRINTF (4, 5)
set_line_error (GError        **error,
                AtlasCsvError   code,
                guint64         line,
                const char     *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ATLAS_CSV_ERROR, code, "%" PRIu64 ": %s", line, reason);
}

/* Bytes that end a run of ordinary field content, with a comma and with a
 * semicolon as the separator. */
static guchar special_comma[256];
static guchar special_semicolon[256];

static void
init_special_table (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      guchar *tables[] = { special_comma, special_semicolon };

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        {
          tables[i][(guchar) '"'] = 1;
          tables[i][(guchar) '\r'] = 1;
          tables[i][(guchar) '\n'] = 1;
          tables[i][0] = 1;
        }
      special_comma[(guchar) ','] = 1;
      special_semicolon[(guchar) ';'] = 1;
      g_once_init_leave (&initialised, 1);
    }
}

AtlasCsvReader *
atlas_csv_reader_new (AtlasCsvRowFunc func,
                      gpointer        user_data)
{
  AtlasCsvReader *self;

  g_return_val_if_fail (func != NULL, NULL);

  init_special_table ();

  self = g_new0 (AtlasCsvReader, 1);
  self->func = func;
  self->user_data = user_data;
  self->state = STATE_RECORD_START;
  self->separator = ',';
  self->special = special_comma;
  self->line = 1;
  self->cap = 4096;
  self->buf = g_malloc (self->cap);
  self->fields_cap = 32;
  self->offsets = g_new (gsize, self->fields_cap);
  self->lengths = g_new (gsize, self->fields_cap);
  self->fields = g_new (const char *, self->fields_cap);

  return self;
}

void
atlas_csv_reader_set_separator (AtlasCsvReader *self,
                                char            separator)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (separator == ',' || separator == ';');

  self->separator = separator;
  self->special = separator == ';' ? special_semicolon : special_comma;
}

char
atlas_csv_sniff_separator (const char *data,
                           gsize       len)
{
  const char *eol = memchr (data, '\n', len);
  gsize n = eol != NULL ? (gsize) (eol - data) : len;

  if (memchr (data, ';', n) != NULL && memchr (data, ',', n) == NULL &&
      memchr (data, '"', n) == NULL)
    return ';';
  return ',';
}

void
atlas_csv_reader_set_recover (AtlasCsvReader     *self,
                              AtlasCsvSyntaxFunc  func,
                              gpointer            user_data)
{
  g_return_if_fail (self != NULL);

  self->recover_func = func;
  self->recover_data = user_data;
  if (func != NULL && self->raw == NULL)
    self->raw = g_byte_array_new ();
}

void
atlas_csv_reader_free (AtlasCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->raw, g_byte_array_unref);
  g_free (self->buf);
  g_free (self->offsets);
  g_free (self->lengths);
  g_free (self->fields);
  g_free (self);
}

static gboolean
reserve (AtlasCsvReader  *self,
         gsize            extra,
         GError         **error)
{
  gsize need = self->len + extra + 1;

  if (G_LIKELY (need <= self->cap))
    return TRUE;

  if (need > MAX_RECORD_BYTES)
    {
      set_line_error (error, ATLAS_CSV_ERROR_TOO_LARGE, self->record_line,
                      _("the record is larger than %d MiB; is a quote left open?"),
                      MAX_RECORD_BYTES / (1024 * 1024));
      return FALSE;
    }

  while (self->cap < need)
    self->cap *= 2;
  self->buf = g_realloc (self->buf, self->cap);

  return TRUE;
}

static inline gboolean
append (AtlasCsvReader  *self,
        const char      *data,
        gsize            n,
        GError         **error)
{
  if (!reserve (self, n, error))
    return FALSE;
  memcpy (self->buf + self->len, data, n);
  self->len += n;
  return TRUE;
}

static gboolean
end_field (AtlasCsvReader  *self,
           GError         **error)
{
  /* Counted, not taken from the capacity (which doubles past the limit). */
  if (G_UNLIKELY (self->n_fields == MAX_FIELDS))
    {
      set_line_error (error, ATLAS_CSV_ERROR_TOO_LARGE, self->record_line,
                      _("more than %d fields in one record"), MAX_FIELDS);
      return FALSE;
    }
  if (G_UNLIKELY (self->n_fields == self->fields_cap))
    {
      self->fields_cap *= 2;
      self->offsets = g_renew (gsize, self->offsets, self->fields_cap);
      self->lengths = g_renew (gsize, self->lengths, self->fields_cap);
      self->fields = g_renew (const char *, self->fields, self->fields_cap);
    }

  if (!reserve (self, 0, error))
    return FALSE;

  self->offsets[self->n_fields] = self->field_start;
  self->lengths[self->n_fields] = self->len - self->field_start;
  self->n_fields++;
  self->buf[self->len++] = '\0';
  self->field_start = self->len;

  return TRUE;
}

static gboolean
record_is_valid_utf8 (AtlasCsvReader *self)
{
  if (self->has_nul)
    return FALSE;

  if ((self->high_bits & 0x80) == 0)
    return TRUE;

  for (guint i = 0; i < self->n_fields; i++)
    if (!g_utf8_validate_len (self->fields[i], self->lengths[i], NULL))
      return FALSE;

  return TRUE;
}

static void
reset_record (AtlasCsvReader *self)
{
  self->len = 0;
  self->field_start = 0;
  self->n_fields = 0;
  self->high_bits = 0;
  self->has_nul = FALSE;
  self->state = STATE_RECORD_START;
  self->capturing = FALSE;
  if (self->raw != NULL)
    g_byte_array_set_size (self->raw, 0);
}

static gboolean
end_record (AtlasCsvReader  *self,
            GError         **error)
{
  AtlasCsvRow row;
  gboolean ret = TRUE;

  if (!end_field (self, error))
    return FALSE;

  /* A blank line is not a record with one empty field; skip it. */
  if (self->n_fields == 1 && self->lengths[0] == 0)
    goto reset;

  for (guint i = 0; i < self->n_fields; i++)
    self->fields[i] = self->buf + self->offsets[i];

  row.line = self->record_line;
  row.index = self->index++;
  row.n_fields = self->n_fields;
  row.fields = (const char * const *) self->fields;
  row.lengths = self->lengths;
  row.valid_utf8 = record_is_valid_utf8 (self);

  ret = self->func (&row, self->user_data, error);
  if (!ret)
    self->failed = TRUE;

reset:
  reset_record (self);

  return ret;
}

static inline void
note_bytes (AtlasCsvReader *self,
            const guchar   *p,
            gsize           n)
{
  guchar acc = 0;

  for (gsize i = 0; i < n; i++)
    acc |= p[i];
  self->high_bits |= acc;
}

/* Removes a leading UTF-8 BOM, even when it arrives split over several feeds.
 * Returns the number of bytes of @data consumed. */
static gsize
skip_bom (AtlasCsvReader *self,
          const char     *data,
          gsize           len,
          gboolean       *pending)
{
  static const guchar bom[3] = { 0xEF, 0xBB, 0xBF };
  gsize i = 0;

  *pending = FALSE;

  while (i < len && self->bom_seen < 3)
    {
      if ((guchar) data[i] != bom[self->bom_seen])
        break;
      self->bom_seen++;
      i++;
    }

  if (self->bom_seen == 3)
    {
      self->bom_done = TRUE;
      return i;
    }

  if (i == len)
    {
      /* Everything so far matches a BOM prefix; wait for more. */
      *pending = TRUE;
      return i;
    }

  /* Not a BOM: the bytes matched so far are data after all. */
  self->bom_done = TRUE;
  return 0;
}

static gboolean
feed_bytes (AtlasCsvReader  *self,
            const char      *data,
            gsize            len,
            GError         **error)
{
  g_autoptr(GByteArray) replay = NULL;
  const guchar *p = (const guchar *) data;
  const guchar *end;
  const guchar *cap_from;

  /* Nothing to read; data may be NULL, and NULL + 0 is undefined. */
  if (len == 0)
    return TRUE;
  end = p + len;
  cap_from = self->capturing ? p : NULL;

  while (p < end)
    {
      guchar c = *p;

      if (self->after_cr)
        {
          self->after_cr = FALSE;
          if (c == '\n')
            {
              p++;
              continue;
            }
        }

      switch (self->state)
        {
        case STATE_RECORD_START:
          self->record_line = self->line;
          self->state = STATE_FIELD_START;
          G_GNUC_FALLTHROUGH;

        case STATE_FIELD_START:
          if (c == '"')
            {
              self->state = STATE_QUOTED;
              p++;
              break;
            }
          self->state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          {
            const guchar *run = p;

            while (p < end && !self->special[*p])
              p++;
            if (p > run)
              {
                note_bytes (self, run, p - run);
                if (!append (self, (const char *) run, p - run, error))
                  return FALSE;
              }
            if (p == end)
              break;

            c = *p++;
            if (c == (guchar) self->separator)
              {
                if (!end_field (self, error))
                  return FALSE;
                self->state = STATE_FIELD_START;
              }
            else if (c == '\n' || c == '\r')
              {
                self->line++;
                self->after_cr = (c == '\r');
                if (!end_record (self, error))
                  return FALSE;
              }
            else
              {
                /* A quote inside an unquoted field is taken literally, as
                 * most writers and readers do; a NUL makes the row invalid. */
                if (c == '\0')
                  self->has_nul = TRUE;
                if (!append (self, (const char *) &c, 1, error))
                  return FALSE;
              }
          }
          break;

        case STATE_QUOTED:
          {
            const guchar *run = p;
            const guchar *q = memchr (p, '"', end - p);

            p = q ? q : end;
            if (p > run)
              {
                /* Newlines inside quotes are content, but still lines. */
                for (const guchar *s = run; (s = memchr (s, '\n', p - s)) != NULL; s++)
                  {
                    self->line++;
                    if (self->recover_func != NULL && !self->capturing)
                      {
                        self->capturing = TRUE;
                        g_byte_array_set_size (self->raw, 0);
                        cap_from = s + 1;
                      }
                  }
                note_bytes (self, run, p - run);
                if (memchr (run, '\0', p - run) != NULL)
                  self->has_nul = TRUE;
                if (!append (self, (const char *) run, p - run, error))
                  return FALSE;
              }
            if (q != NULL)
              {
                p++;
                self->state = STATE_QUOTE_IN_QUOTED;
              }
          }
          break;

        case STATE_QUOTE_IN_QUOTED:
          p++;
          if (c == '"')
            {
              if (!append (self, "\"", 1, error))
                return FALSE;
              self->state = STATE_QUOTED;
            }
          else if (c == (guchar) self->separator)
            {
              if (!end_field (self, error))
                return FALSE;
              self->state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              self->line++;
              self->after_cr = (c == '\r');
              if (!end_record (self, error))
                return FALSE;
            }
          else if (self->recover_func != NULL)
            {
              guint64 bad_line = self->record_line;

              if (!self->recover_func (bad_line,
                                       _("unexpected text after a closing quote "
                                         "(a quote inside a quoted field must be doubled)"),
                                       self->recover_data, error))
                return FALSE;

              if (!self->capturing)
                {
                  /* The record is one line: skip the rest of it. */
                  reset_record (self);
                  self->state = STATE_SKIP_LINE;
                  break;
                }

              /* A quote opened on an earlier line may have swallowed good
               * lines: read again from the record's second line, kept in
               * raw (earlier feeds) and this input from cap_from on. */
              if (self->raw->len > 0)
                {
                  GByteArray *again = self->raw;

                  g_byte_array_append (again, cap_from, end - cap_from);
                  self->raw = g_byte_array_new ();
                  g_clear_pointer (&replay, g_byte_array_unref);
                  replay = again;
                  p = replay->data;
                  end = p + replay->len;
                }
              else
                p = cap_from;
              reset_record (self);
              cap_from = NULL;
              self->line = bad_line + 1;
              self->after_cr = FALSE;
            }
          else
            {
              set_line_error (error, ATLAS_CSV_ERROR_BAD_QUOTE, self->line, "%s",
                              _("unexpected text after a closing quote "
                                "(a quote inside a quoted field must be doubled)"));
              return FALSE;
            }
          break;

        case STATE_SKIP_LINE:
          {
            const guchar *q = p;

            while (q < end && *q != '\n' && *q != '\r')
              q++;
            if (q == end)
              {
                p = end;
                break;
              }
            self->line++;
            self->after_cr = (*q == '\r');
            self->state = STATE_RECORD_START;
            p = q + 1;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (self->capturing && cap_from != NULL && cap_from < end)
    g_byte_array_append (self->raw, cap_from, end - cap_from);

  return TRUE;
}

gboolean
atlas_csv_reader_feed (AtlasCsvReader  *self,
                       const char      *data,
                       gsize            len,
                       GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (self->failed)
    {
      g_set_error_literal (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_BAD_QUOTE,
                           _("The CSV reader already stopped on an error"));
      return FALSE;
    }

  if (!self->bom_done)
    {
      guint before = self->bom_seen;
      gboolean pending;
      gsize skipped = skip_bom (self, data, len, &pending);

      if (pending)
        return TRUE;

      if (skipped == 0 && before > 0)
        {
          /* A BOM prefix that did not complete was ordinary data. */
          static const char bom[3] = { (char) 0xEF, (char) 0xBB, (char) 0xBF };

          if (!feed_bytes (self, bom, before, error))
            {
              self->failed = TRUE;
              return FALSE;
            }
        }
      data += skipped;
      len -= skipped;
    }

  if (!feed_bytes (self, data, len, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_csv_reader_finish (AtlasCsvReader  *self,
                         GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  self->finished = TRUE;

  if (self->failed)
    {
      g_set_error_literal (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_BAD_QUOTE,
                           _("The CSV reader already stopped on an error"));
      return FALSE;
    }

  if (!self->bom_done && self->bom_seen > 0)
    {
      static const char bom[3] = { (char) 0xEF, (char) 0xBB, (char) 0xBF };

      self->bom_done = TRUE;
      if (!feed_bytes (self, bom, self->bom_seen, error))
        return FALSE;
    }

  /* Lenient: the record with the open quote is rejected and every line
   * after its first is read again (each round is shorter, so this ends). */
  while (self->state == STATE_QUOTED && self->recover_func != NULL)
    {
      guint64 bad_line = self->record_line;
      g_autoptr(GByteArray) tail = NULL;

      if (self->capturing)
        {
          tail = self->raw;
          self->raw = g_byte_array_new ();
        }
      if (!self->recover_func (bad_line, _("a quoted field is not closed"),
                               self->recover_data, error))
        return FALSE;
      reset_record (self);
      self->line = bad_line + 1;
      self->after_cr = FALSE;
      if (tail != NULL && !feed_bytes (self, (const char *) tail->data, tail->len, error))
        return FALSE;
    }

  switch (self->state)
    {
    case STATE_RECORD_START:
    case STATE_SKIP_LINE:
      return TRUE;

    case STATE_QUOTED:
      set_line_error (error, ATLAS_CSV_ERROR_UNTERMINATED_QUOTE, self->record_line, "%s",
                      _("a quoted field is not closed before the end of the input"));
      return FALSE;

    case STATE_FIELD_START:
    case STATE_UNQUOTED:
    case STATE_QUOTE_IN_QUOTED:
    default:
      /* The last record has no line break after it. */
      return end_record (self, error);
    }
}

gboolean
atlas_csv_parse_buffer (const char       *data,
                        gsize             len,
                        AtlasCsvRowFunc   func,
                        gpointer          user_data,
                        GError          **error)
{
  g_autoptr(AtlasCsvReader) reader = NULL;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  reader = atlas_csv_reader_new (func, user_data);

  return atlas_csv_reader_feed (reader, data, len, error) &&
         atlas_csv_reader_finish (reader, error);
}

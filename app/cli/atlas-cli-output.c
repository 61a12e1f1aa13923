/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-output.c: one table model, three ways to print it. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-cli-output.h"
#include "atlas-quote.h"

typedef enum { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } Format;
typedef enum { CELL_NULL, CELL_STRING, CELL_INT, CELL_DOUBLE, CELL_BOOL } CellType;

typedef struct
{
  CellType type;
  char    *text;     /* display text */
  char    *raw;      /* CSV text */
  gint64   i;
  double   d;
} Cell;

struct _AtlasCliTable
{
  GStrv      columns;
  guint      n_columns;
  guint      n_json_only;
  guint      n_not_csv;    /* before the JSON-only ones: table and JSON only */
  Format     format;
  GPtrArray *rows;   /* GArray of Cell */
};

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_free (cell->text);
  g_free (cell->raw);
}

AtlasCliTable *
atlas_cli_table_new (const char * const *columns,
                     guint               n_columns)
{
  AtlasCliTable *self = g_new0 (AtlasCliTable, 1);

  self->columns = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    self->columns[i] = g_strdup (columns[i]);
  self->n_columns = n_columns;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  return self;
}

void
atlas_cli_table_free (AtlasCliTable *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->columns);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

gboolean
atlas_cli_table_set_format (AtlasCliTable  *self,
                            const char     *format,
                            GError        **error)
{
  if (format == NULL || g_str_equal (format, "table"))
    self->format = FORMAT_TABLE;
  else if (g_str_equal (format, "csv"))
    self->format = FORMAT_CSV;
  else if (g_str_equal (format, "json"))
    self->format = FORMAT_JSON;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--format: “%s” is not one of table, csv, json"), format);
      return FALSE;
    }
  return TRUE;
}

void
atlas_cli_table_set_json_only (AtlasCliTable *self,
                               guint          n)
{
  self->n_json_only = n;
}

void
atlas_cli_table_set_not_csv (AtlasCliTable *self,
                             guint          n)
{
  self->n_not_csv = n;
}

void
atlas_cli_table_begin_row (AtlasCliTable *self)
{
  GArray *row = g_array_new (FALSE, TRUE, sizeof (Cell));

  g_array_set_clear_func (row, cell_clear);
  g_ptr_array_add (self->rows, row);
}

static Cell *
next_cell (AtlasCliTable *self)
{
  GArray *row = g_ptr_array_index (self->rows, self->rows->len - 1);

  g_assert (row->len < self->n_columns);
  g_array_set_size (row, row->len + 1);
  return &g_array_index (row, Cell, row->len - 1);
}

void
atlas_cli_table_add_string (AtlasCliTable *self,
                            const char    *value)
{
  Cell *cell = next_cell (self);

  cell->type = value ? CELL_STRING : CELL_NULL;
  cell->text = g_strdup (value ? value : "");
  cell->raw = g_strdup (value ? value : "");
}

void
atlas_cli_table_add_int (AtlasCliTable *self,
                         gint64         value)
{
  Cell *cell = next_cell (self);

  cell->type = CELL_INT;
  cell->i = value;
  cell->text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  cell->raw = g_strdup (cell->text);
}

void
atlas_cli_table_add_int_display (AtlasCliTable *self,
                                 gint64         value,
                                 const char    *display)
{
  Cell *cell;

  atlas_cli_table_add_int (self, value);
  cell = &g_array_index ((GArray *) g_ptr_array_index (self->rows, self->rows->len - 1), Cell,
                         ((GArray *) g_ptr_array_index (self->rows, self->rows->len - 1))->len - 1);
  g_free (cell->text);
  cell->text = g_strdup (display);
}

void
atlas_cli_table_add_double (AtlasCliTable *self,
                            double         value,
                            const char    *display)
{
  Cell *cell = next_cell (self);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      cell->type = CELL_NULL;
      cell->text = g_strdup (display ? display : "");
      cell->raw = g_strdup ("");
      return;
    }

  cell->type = CELL_DOUBLE;
  cell->d = value;
  /* Shortest text that reads back as the same double: unrounded. */
  cell->raw = g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
  cell->text = g_strdup (display ? display : cell->raw);
}

void
atlas_cli_table_add_bool (AtlasCliTable *self,
                          gboolean       value)
{
  Cell *cell = next_cell (self);

  cell->type = CELL_BOOL;
  cell->i = value;
  cell->text = g_strdup (value ? _("yes") : "");
  cell->raw = g_strdup (value ? "true" : "false");
}

static void
print_csv_field (FILE       *stream,
                 const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      fputs (text, stream);
      return;
    }

  fputc ('"', stream);
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        fputc ('"', stream);
      fputc (*p, stream);
    }
  fputc ('"', stream);
}

static void
print_csv (AtlasCliTable *self,
           FILE          *stream)
{
  guint n = self->n_columns - self->n_json_only - self->n_not_csv;

  for (guint c = 0; c < n; c++)
    {
      if (c > 0)
        fputc (',', stream);
      print_csv_field (stream, self->columns[c]);
    }
  fputc ('\n', stream);

  for (guint r = 0; r < self->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < n && c < row->len; c++)
        {
          if (c > 0)
            fputc (',', stream);
          print_csv_field (stream, g_array_index (row, Cell, c).raw);
        }
      fputc ('\n', stream);
    }
}

static void
print_json (AtlasCliTable *self,
            FILE          *stream)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint r = 0; r < self->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (self->rows, r);

      json_builder_begin_object (builder);
      for (guint c = 0; c < row->len; c++)
        {
          const Cell *cell = &g_array_index (row, Cell, c);

          json_builder_set_member_name (builder, self->columns[c]);
          switch (cell->type)
            {
            case CELL_NULL:
              json_builder_add_null_value (builder);
              break;
            case CELL_STRING:
              json_builder_add_string_value (builder, cell->raw);
              break;
            case CELL_INT:
              json_builder_add_int_value (builder, cell->i);
              break;
            case CELL_DOUBLE:
              json_builder_add_double_value (builder, cell->d);
              break;
            case CELL_BOOL:
              json_builder_add_boolean_value (builder, cell->i);
              break;
            default:
              g_assert_not_reached ();
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fprintf (stream, "%s\n", text);
}

/* A cell as the terminal shows it: names in the table come from imported
 * files, so control characters and invalid UTF-8 are escaped (no cap). */
static char *
terminal_text (const char *text)
{
  GString *out = g_string_new (NULL);

  atlas_quote_append_len (out, text, -1, G_MAXUINT);
  return g_string_free (out, FALSE);
}

static void
print_table (AtlasCliTable *self,
             FILE          *stream)
{
  guint n = self->n_columns - self->n_json_only;
  g_autofree glong *widths = g_new0 (glong, n);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < n; c++)
    widths[c] = g_utf8_strlen (self->columns[c], -1);
  for (guint r = 0; r < self->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < n; c++)
        {
          char *text = terminal_text (c < row->len ? g_array_index (row, Cell, c).text : "");

          widths[c] = MAX (widths[c], g_utf8_strlen (text, -1));
          g_ptr_array_add (shown, text);
        }
    }

  for (guint r = 0; r <= self->rows->len; r++)
    {
      GArray *row = r > 0 ? g_ptr_array_index (self->rows, r - 1) : NULL;

      for (guint c = 0; c < n; c++)
        {
          const Cell *cell = row && c < row->len ? &g_array_index (row, Cell, c) : NULL;
          const char *text = row ? g_ptr_array_index (shown, (r - 1) * n + c) : self->columns[c];
          glong pad = widths[c] - g_utf8_strlen (text, -1);
          gboolean numeric = cell && (cell->type == CELL_INT || cell->type == CELL_DOUBLE);

          if (c > 0)
            fputs ("  ", stream);
          if (numeric)
            fprintf (stream, "%*s%s", (int) pad, "", text);
          else if (c + 1 < n)
            fprintf (stream, "%s%*s", text, (int) pad, "");
          else
            fputs (text, stream);
        }
      fputc ('\n', stream);
    }
}

void
atlas_cli_table_print (AtlasCliTable *self,
                       FILE          *stream)
{
  switch (self->format)
    {
    case FORMAT_CSV:
      print_csv (self, stream);
      break;
    case FORMAT_JSON:
      print_json (self, stream);
      break;
    case FORMAT_TABLE:
    default:
      print_table (self, stream);
      break;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-preview.c: the first rows of a file and the format that
 * would read it, by the importer's own detection (atlas-import-formats.c)
 * and its own CSV reader, so that what the dialog says is what the import
 * does. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-preview.h"
#include "atlas-import-private.h"
#include "atlas-quote.h"

/* A preview reads no more of a file than this. */
#define PREVIEW_BYTES (1024 * 1024)
/* Characters of a cell shown. */
#define PREVIEW_CELL_CHARS 40

typedef struct
{
  AtlasImportPreview *preview;
  guint               max_rows;
} ReadState;

static GStrv
row_to_text (const AtlasCsvRow *row,
             gboolean           raw)
{
  GStrv out = g_new0 (char *, row->n_fields + 1);

  for (guint i = 0; i < row->n_fields; i++)
    {
      if (raw)
        out[i] = g_strstrip (g_utf8_make_valid (row->fields[i], row->lengths[i]));
      else
        {
          GString *cell = g_string_new (NULL);

          atlas_quote_append_len (cell, row->fields[i], row->lengths[i], PREVIEW_CELL_CHARS);
          out[i] = g_string_free (cell, FALSE);
        }
    }

  return out;
}

static gboolean
preview_row_cb (const AtlasCsvRow  *row,
                gpointer            user_data,
                GError            **error)
{
  ReadState *state = user_data;
  AtlasImportPreview *preview = state->preview;

  if (row->index == 0)
    {
      const AtlasImportFormatClass *klass;

      preview->header = row_to_text (row, FALSE);
      preview->columns = row_to_text (row, TRUE);
      if (preview->format == ATLAS_FORMAT_AUTO)
        {
          klass = _atlas_import_format_choose (ATLAS_FORMAT_AUTO, NULL, row, "", NULL);
          preview->format = klass != NULL ? klass->format : ATLAS_FORMAT_AUTO;
        }
    }
  else
    g_ptr_array_add (preview->rows, row_to_text (row, FALSE));

  /* Enough: stop the reader (the caller knows this error). */
  if (preview->rows->len >= state->max_rows)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "enough rows");
      return FALSE;
    }

  return TRUE;
}

static gboolean
preview_syntax_cb (guint64      line,
                   const char  *reason,
                   gpointer     user_data,
                   GError     **error)
{
  return TRUE;  /* the import rejects it; the preview just skips it */
}

void
atlas_import_preview_free (AtlasImportPreview *preview)
{
  if (preview == NULL)
    return;

  g_strfreev (preview->header);
  g_strfreev (preview->columns);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview);
}

AtlasImportPreview *
atlas_import_preview_file (const char  *path,
                           guint        max_rows,
                           GError     **error)
{
  g_autoptr(AtlasImportPreview) preview = g_new0 (AtlasImportPreview, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(AtlasCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = g_malloc (PREVIEW_BYTES);
  ReadState state = { preview, MAX (max_rows, 1) };
  gsize len = 0;
  gboolean stopped = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, &local_error);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), data, PREVIEW_BYTES, &len, NULL,
                                &local_error))
    {
      g_autofree char *quoted = atlas_quote (path);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), quoted, local_error->message);
      return NULL;
    }

  if (_atlas_import_in_figures_detect (data, len))
    preview->format = ATLAS_FORMAT_IN_FIGURES;

  reader = atlas_csv_reader_new (preview_row_cb, &state);
  atlas_csv_reader_set_separator (reader, preview->separator = atlas_csv_sniff_separator (data, len));
  atlas_csv_reader_set_recover (reader, preview_syntax_cb, NULL);

  if (!atlas_csv_reader_feed (reader, data, len, &local_error) ||
      (len < PREVIEW_BYTES && !atlas_csv_reader_finish (reader, &local_error)))
    {
      stopped = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (!stopped && preview->header == NULL)
        {
          g_autofree char *quoted = atlas_quote (path);

          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                       "%s:%s", quoted, local_error->message);
          return NULL;
        }
    }

  if (preview->header == NULL || preview->header[0] == NULL)
    {
      g_autofree char *quoted = atlas_quote (path);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY,
                   _("%s is empty"), quoted);
      return NULL;
    }

  return g_steal_pointer (&preview);
}

/* Column names people give, lower case, to the key they mean. */
static const struct
{
  const char *key;
  const char *names[8];
} guesses[] = {
  { "title", { "title", "job title", "job_title", "position", "role", "designation", NULL } },
  { "company", { "company", "employer", "company name", "company_name", "organisation",
                 "organization", NULL } },
  { "country", { "country", "employee_residence", "country code", NULL } },
  { "city", { "city", "location", NULL } },
  { "state", { "state", "region", NULL } },
  { "experience", { "level", "experience", "experience_level", "seniority", NULL } },
  { "years", { "years", "years of experience", "yearsofexperience", "experience years", NULL } },
  { "amount", { "amount", "salary", "pay", "base salary", "compensation", "wage", NULL } },
  { "amount_usd", { "salary_in_usd", "amount_usd", "salary usd", NULL } },
  { "amount_unit", { "period", "pay period", "unit", "amount_unit", "basis", NULL } },
  { "currency", { "currency", "salary_currency", "currency code", NULL } },
  { "year", { "year", "work_year", NULL } },
  { "date", { "date", "posted", "timestamp", NULL } },
  { "employment_type", { "employment_type", "employment type", "contract", NULL } },
};

const char *
atlas_import_guess_key (const char *column)
{
  g_autofree char *lower = NULL;

  if (column == NULL)
    return NULL;

  lower = g_utf8_strdown (column, -1);
  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    for (guint j = 0; guesses[i].names[j] != NULL; j++)
      if (strcmp (guesses[i].names[j], lower) == 0)
        return guesses[i].key;

  return NULL;
}

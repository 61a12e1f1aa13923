/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import-rows.c: every importer's row conversion on any CSV.
 *
 * The input is a whole CSV file, read with the separator atlas-import.c
 * sniffs (levels.fyi's export is semicolon-separated).  Each format of the
 * registry (atlas-import-formats.c, so a new one is fuzzed too) whose
 * detect() accepts the header (the generic CSV format always, with a fixed
 * mapping) binds its columns and converts every row of the same width.  A converted row must
 * have a finite, non-negative amount and the strings the record promises;
 * a refused row's reason must be printable (input quoted through
 * atlas-quote); the plausibility bounds must answer without crashing. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-bounds.h"
#include "atlas-import-private.h"


static const char mapping_text[] =
  "[columns]\n"
  "title=title\n"
  "company=company\n"
  "country=country\n"
  "amount=amount\n"
  "currency=currency\n"
  "year=year\n"
  "date=date\n"
  "experience=experience\n"
  "remote_ratio=remote\n"
  "kind=kind\n"
  "[options]\n"
  "amount-unit=month\n";

typedef struct
{
  const AtlasImportFormatClass *klass;
  gpointer                      state;
  guint                         n_header;
  AtlasMapping                 *mapping;
  GString                      *reason;
} Run;

static void
check_printable (const GString *reason)
{
  for (gsize i = 0; i < reason->len; i++)
    g_assert ((guchar) reason->str[i] >= 0x20 && reason->str[i] != 0x7f);
}

static gboolean
row_cb (const AtlasCsvRow  *row,
        gpointer            user_data,
        GError            **error)
{
  Run *run = user_data;
  AtlasImportRecord rec = { 0 };

  if (row->index == 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!row->valid_utf8 || (run->klass->detect != NULL &&
                               run->klass->format != ATLAS_FORMAT_CSV &&
                               !run->klass->detect (row)))
        return FALSE;
      run->state = run->klass->bind (row, run->mapping, "fuzz.csv", &local_error);
      run->n_header = row->n_fields;
      return run->state != NULL;
    }

  /* atlas-import.c refuses these before conversion. */
  if (!row->valid_utf8 || row->n_fields != run->n_header)
    return TRUE;

  rec.weight = 1;
  g_string_truncate (run->reason, 0);
  if (run->klass->convert (run->state, row, &rec, run->reason))
    {
      g_autoptr(GString) bounds = g_string_new (NULL);

      g_assert (isfinite (rec.amount) && rec.amount >= 0);
      g_assert (!rec.has_amount_usd || (isfinite (rec.amount_usd) && rec.amount_usd >= 0));
      g_assert (rec.kind != NULL);
      if (rec.currency != NULL)
        {
          if (!atlas_bounds_check_annual (rec.amount, rec.currency,
                                          rec.has_amount_usd ? rec.amount_usd : NAN, bounds))
            check_printable (bounds);
        }
      if (rec.job_title != NULL)
        g_assert (g_utf8_validate (rec.job_title, -1, NULL));
    }
  else
    {
      g_assert (run->reason->len > 0);
      g_assert (g_utf8_validate (run->reason->str, run->reason->len, NULL));
      check_printable (run->reason);
    }

  return TRUE;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static AtlasMapping *mapping;

  if (mapping == NULL)
    mapping = atlas_mapping_new_from_data (mapping_text, strlen (mapping_text), "fuzz.map", NULL);
  g_assert (mapping != NULL);

  /* Every format with a name; those without a row class (in-figures, auto)
   * have none to fuzz here. */
  for (AtlasFormat format = ATLAS_FORMAT_AUTO + 1;
       g_strcmp0 (atlas_format_to_string (format), "auto") != 0; format++)
    {
      Run run = { _atlas_import_format_find (format), NULL, 0, mapping, g_string_new (NULL) };
      AtlasCsvReader *reader;

      if (run.klass != NULL)
        {
          reader = atlas_csv_reader_new (row_cb, &run);
          atlas_csv_reader_set_separator (reader,
                                          atlas_csv_sniff_separator ((const char *) data, size));
          if (atlas_csv_reader_feed (reader, (const char *) data, size, NULL))
            atlas_csv_reader_finish (reader, NULL);
          atlas_csv_reader_free (reader);
        }
      if (run.state != NULL)
        run.klass->free_state (run.state);
      g_string_free (run.reason, TRUE);
    }

  return 0;
}

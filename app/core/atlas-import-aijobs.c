/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-aijobs.c: the aijobs.net salary index (salaries.csv).
 *
 * country is employee_residence, where the person works; company_location
 * is kept as company_country.  The USD amount is the file's own
 * salary_in_usd, the local one salary in salary_currency. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-quote.h"

enum
{
  COL_WORK_YEAR,
  COL_EXPERIENCE,
  COL_EMPLOYMENT,
  COL_TITLE,
  COL_SALARY,
  COL_CURRENCY,
  COL_SALARY_USD,
  COL_RESIDENCE,
  COL_REMOTE,
  COL_COMPANY_LOCATION,
  COL_COMPANY_SIZE,
  N_COLS
};

static const char * const column_names[N_COLS + 1] = {
  "work_year", "experience_level", "employment_type", "job_title", "salary",
  "salary_currency", "salary_in_usd", "employee_residence", "remote_ratio",
  "company_location", "company_size", NULL,
};

typedef struct
{
  int      col[N_COLS];
  GString *title;
  GString *currency;
  GString *country;
  GString *company_country;
} State;

static gboolean
aijobs_detect (const AtlasCsvRow *header)
{
  return _atlas_import_find_column (header, "salary_in_usd") >= 0 &&
         _atlas_import_find_column (header, "employee_residence") >= 0 &&
         _atlas_import_find_column (header, "experience_level") >= 0;
}

static void
aijobs_free_state (gpointer data)
{
  State *state = data;

  g_string_free (state->title, TRUE);
  g_string_free (state->currency, TRUE);
  g_string_free (state->country, TRUE);
  g_string_free (state->company_country, TRUE);
  g_free (state);
}

static gpointer
aijobs_bind (const AtlasCsvRow *header,
             AtlasMapping      *mapping,
             const char        *display_name,
             GError           **error)
{
  State *state = g_new0 (State, 1);

  if (!_atlas_import_find_columns (header, column_names, state->col, display_name,
                                   "aijobs", error))
    {
      g_free (state);
      return NULL;
    }

  state->title = g_string_sized_new (64);
  state->currency = g_string_sized_new (8);
  state->country = g_string_sized_new (8);
  state->company_country = g_string_sized_new (8);

  return state;
}

static gboolean
aijobs_convert (gpointer           data,
                const AtlasCsvRow *row,
                AtlasImportRecord *rec,
                GString           *reason)
{
  State *state = data;
  const char *level = _atlas_import_field (row, state->col[COL_EXPERIENCE]);
  const char *remote = _atlas_import_field (row, state->col[COL_REMOTE]);

  rec->kind = "survey";
  rec->job_title = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_TITLE]),
                                          state->title);

  if (!_atlas_import_parse_int (_atlas_import_field (row, state->col[COL_WORK_YEAR]),
                                "work_year", &rec->year, reason))
    return FALSE;

  rec->experience = _atlas_import_experience (level);
  if (rec->experience == NULL)
    {
      g_autofree char *quoted = atlas_quote (level);

      g_string_printf (reason, _("unknown experience level “%s”"), quoted);
      return FALSE;
    }

  if (!_atlas_import_parse_amount (_atlas_import_field (row, state->col[COL_SALARY]),
                                   FALSE, "salary", &rec->amount, reason))
    return FALSE;
  if (!_atlas_import_parse_amount (_atlas_import_field (row, state->col[COL_SALARY_USD]),
                                   FALSE, "salary_in_usd", &rec->amount_usd, reason))
    return FALSE;
  rec->has_amount_usd = TRUE;

  rec->currency = _atlas_import_upper (_atlas_import_field (row, state->col[COL_CURRENCY]),
                                       state->currency);
  rec->country = _atlas_import_upper (_atlas_import_field (row, state->col[COL_RESIDENCE]),
                                      state->country);
  rec->company_country = _atlas_import_upper (_atlas_import_field (row, state->col[COL_COMPANY_LOCATION]),
                                              state->company_country);
  if (rec->company_country[0] == '\0')
    rec->company_country = NULL;

  rec->employment_type = _atlas_import_employment (_atlas_import_field (row, state->col[COL_EMPLOYMENT]));

  if (remote[0] != '\0')
    {
      if (!_atlas_import_parse_int (remote, "remote_ratio", &rec->remote_ratio, reason))
        return FALSE;
      rec->has_remote_ratio = TRUE;
    }

  rec->company_size = _atlas_import_field (row, state->col[COL_COMPANY_SIZE]);

  return TRUE;
}

const AtlasImportFormatClass _atlas_import_aijobs = {
  .format = ATLAS_FORMAT_AIJOBS,
  .licence = "CC0-1.0",
  .attribution = "aijobs.net salary index",
  .detect = aijobs_detect,
  .bind = aijobs_bind,
  .convert = aijobs_convert,
  .free_state = aijobs_free_state,
};

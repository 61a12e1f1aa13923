/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-dol-lca.c: US DOL OFLC LCA disclosure files (H-1B, H-1B1,
 * E-3), as the Department of Labor publishes them, saved as CSV.
 *
 * The wage is WAGE_RATE_OF_PAY_FROM, the rate the employer attests it will
 * pay at least, in WAGE_UNIT_OF_PAY; it becomes annual with the usual
 * full-time factors (Hour 2080, Week 52, Bi-Weekly 26, Month 12, Year 1).
 * WAGE_RATE_OF_PAY_TO only bounds a range and is not used. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-quote.h"

enum
{
  COL_EMPLOYER,
  COL_TITLE,
  COL_WAGE_FROM,
  COL_WAGE_UNIT,
  N_REQUIRED,
};

static const char * const required_columns[N_REQUIRED + 1] = {
  "EMPLOYER_NAME", "JOB_TITLE", "WAGE_RATE_OF_PAY_FROM", "WAGE_UNIT_OF_PAY", NULL,
};

/* The year comes from the first of these that the file has. */
static const char * const date_columns[] = {
  "BEGIN_DATE", "RECEIVED_DATE", "CASE_SUBMITTED", "DECISION_DATE",
};

typedef struct
{
  int      col[N_REQUIRED];
  int      city;
  int      state;
  int      status;
  int      date;
  const char *date_name;
  GString *title;
  GString *company;
  GString *city_buf;
  GString *state_buf;
  GString *date_buf;
} State;

static gboolean
dol_detect (const AtlasCsvRow *header)
{
  return _atlas_import_find_column (header, "EMPLOYER_NAME") >= 0 &&
         _atlas_import_find_column (header, "WAGE_RATE_OF_PAY_FROM") >= 0 &&
         _atlas_import_find_column (header, "WAGE_UNIT_OF_PAY") >= 0;
}

static void
dol_free_state (gpointer data)
{
  State *state = data;

  g_string_free (state->title, TRUE);
  g_string_free (state->company, TRUE);
  g_string_free (state->city_buf, TRUE);
  g_string_free (state->state_buf, TRUE);
  g_string_free (state->date_buf, TRUE);
  g_free (state);
}

static gpointer
dol_bind (const AtlasCsvRow *header,
          AtlasMapping      *mapping,
          const char        *display_name,
          GError           **error)
{
  State *state = g_new0 (State, 1);

  if (!_atlas_import_find_columns (header, required_columns, state->col, display_name,
                                   "dol-lca", error))
    {
      g_free (state);
      return NULL;
    }

  state->city = _atlas_import_find_column (header, "WORKSITE_CITY");
  state->state = _atlas_import_find_column (header, "WORKSITE_STATE");
  state->status = _atlas_import_find_column (header, "CASE_STATUS");
  state->date = -1;
  for (gsize i = 0; i < G_N_ELEMENTS (date_columns) && state->date < 0; i++)
    {
      state->date = _atlas_import_find_column (header, date_columns[i]);
      state->date_name = date_columns[i];
    }

  if (state->date < 0)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                   _("%s: the header has no column “BEGIN_DATE” (or RECEIVED_DATE), "
                     "which the dol-lca format needs for the year"),
                   display_name);
      g_free (state);
      return NULL;
    }

  state->title = g_string_sized_new (64);
  state->company = g_string_sized_new (64);
  state->city_buf = g_string_sized_new (32);
  state->state_buf = g_string_sized_new (8);
  state->date_buf = g_string_sized_new (16);

  return state;
}

static gboolean
dol_convert (gpointer           data,
             const AtlasCsvRow *row,
             AtlasImportRecord *rec,
             GString           *reason)
{
  State *state = data;
  const char *unit = _atlas_import_field (row, state->col[COL_WAGE_UNIT]);
  const char *date = _atlas_import_field (row, state->date);
  double factor;
  double wage;

  rec->kind = "filing";
  rec->country = "US";
  rec->currency = "USD";
  rec->company = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_EMPLOYER]),
                                        state->company);
  rec->job_title = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_TITLE]),
                                          state->title);

  if (!_atlas_import_parse_amount (_atlas_import_field (row, state->col[COL_WAGE_FROM]),
                                   TRUE, "WAGE_RATE_OF_PAY_FROM", &wage, reason))
    return FALSE;

  if (!_atlas_import_unit_factor (unit, &factor))
    {
      g_autofree char *quoted = atlas_quote (unit);

      g_string_printf (reason, _("unknown WAGE_UNIT_OF_PAY “%s” (expected Hour, Week, "
                                 "Bi-Weekly, Month or Year)"), quoted);
      return FALSE;
    }
  rec->amount = wage * factor;
  rec->amount_usd = rec->amount;
  rec->has_amount_usd = TRUE;

  if (!_atlas_import_parse_date (date, state->date_buf, &rec->year))
    {
      g_autofree char *quoted = atlas_quote (date);

      g_string_printf (reason, _("%s “%s” is not a date"), state->date_name, quoted);
      return FALSE;
    }
  rec->date = state->date_buf->str;

  rec->city = _atlas_import_trimmed (_atlas_import_field (row, state->city), state->city_buf);
  rec->state = _atlas_import_upper (_atlas_import_field (row, state->state), state->state_buf);
  rec->case_status = _atlas_import_field (row, state->status);

  return TRUE;
}

const AtlasImportFormatClass _atlas_import_dol_lca = {
  .format = ATLAS_FORMAT_DOL_LCA,
  .licence = "US DOL OFLC LCA disclosure data (public domain)",
  .attribution = "US Department of Labor, Office of Foreign Labor Certification, "
                 "LCA disclosure data",
  .detect = dol_detect,
  .bind = dol_bind,
  .convert = dol_convert,
  .free_state = dol_free_state,
};

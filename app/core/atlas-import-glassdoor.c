/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-glassdoor.c: the Glassdoor India 2022 layout ("Software
 * Professional Salaries 2022"): Rating, Company Name, Job Title, Salary (INR
 * a year), Salaries Reported, Location, Employment Status, Job Roles.
 *
 * A row aggregates "Salaries Reported" reports, which become the record's
 * weight.  There is no USD amount: the query layer converts with its own,
 * cited exchange rates. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-import-private.h"

enum
{
  COL_COMPANY,
  COL_TITLE,
  COL_SALARY,
  COL_REPORTED,
  COL_LOCATION,
  COL_STATUS,
  N_COLS
};

static const char * const column_names[N_COLS + 1] = {
  "Company Name", "Job Title", "Salary", "Salaries Reported", "Location",
  "Employment Status", NULL,
};

/* Location values that are states, not cities. */
static const char * const indian_states[] = {
  "Andhra Pradesh", "Assam", "Bihar", "Goa", "Gujarat", "Haryana", "Karnataka", "Kerala",
  "Madhya Pradesh", "Maharashtra", "Odisha", "Punjab", "Rajasthan", "Tamil Nadu",
  "Telangana", "Uttar Pradesh", "West Bengal",
};

typedef struct
{
  int      col[N_COLS];
  GString *title;
  GString *company;
  GString *location;
} State;

static gboolean
glassdoor_detect (const AtlasCsvRow *header)
{
  return _atlas_import_find_column (header, "Company Name") >= 0 &&
         _atlas_import_find_column (header, "Salaries Reported") >= 0 &&
         _atlas_import_find_column (header, "Salary") >= 0;
}

static void
glassdoor_free_state (gpointer data)
{
  State *state = data;

  g_string_free (state->title, TRUE);
  g_string_free (state->company, TRUE);
  g_string_free (state->location, TRUE);
  g_free (state);
}

static gpointer
glassdoor_bind (const AtlasCsvRow *header,
                AtlasMapping      *mapping,
                const char        *display_name,
                GError           **error)
{
  State *state = g_new0 (State, 1);

  if (!_atlas_import_find_columns (header, column_names, state->col, display_name,
                                   "glassdoor-in", error))
    {
      g_free (state);
      return NULL;
    }

  state->title = g_string_sized_new (64);
  state->company = g_string_sized_new (64);
  state->location = g_string_sized_new (32);

  return state;
}

static gboolean
glassdoor_convert (gpointer           data,
                   const AtlasCsvRow *row,
                   AtlasImportRecord *rec,
                   GString           *reason)
{
  State *state = data;
  const char *location;

  rec->kind = "report";
  rec->country = "IN";
  rec->currency = "INR";
  rec->year = 2022;
  rec->company = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_COMPANY]),
                                        state->company);
  rec->job_title = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_TITLE]),
                                          state->title);

  if (!_atlas_import_parse_amount (_atlas_import_field (row, state->col[COL_SALARY]),
                                   FALSE, "Salary", &rec->amount, reason))
    return FALSE;

  if (!_atlas_import_parse_int (_atlas_import_field (row, state->col[COL_REPORTED]),
                                "Salaries Reported", &rec->weight, reason))
    return FALSE;

  location = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_LOCATION]),
                                    state->location);
  rec->city = location;
  for (gsize i = 0; location != NULL && i < G_N_ELEMENTS (indian_states); i++)
    if (g_ascii_strcasecmp (indian_states[i], location) == 0)
      {
        rec->city = NULL;
        rec->state = location;
        break;
      }

  rec->employment_type = _atlas_import_employment (_atlas_import_field (row, state->col[COL_STATUS]));

  return TRUE;
}

const AtlasImportFormatClass _atlas_import_glassdoor = {
  .format = ATLAS_FORMAT_GLASSDOOR_IN,
  .licence = "unclear: scraped from Glassdoor India (Kaggle “Software Professional "
             "Salaries 2022”); test data only",
  .attribution = "Glassdoor India salaries, 2022, via Kaggle (Sourav Banerjee)",
  .detect = glassdoor_detect,
  .bind = glassdoor_bind,
  .convert = glassdoor_convert,
  .free_state = glassdoor_free_state,
};

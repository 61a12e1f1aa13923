/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-h1b.c: the two h1bdata.info layouts of H-1B LCA filings.
 *
 * Layout "employer": employer, job title, base salary, city, county, state,
 *   submit date (MM/DD/YYYY), start date, case status, countyID.
 * Layout "company": (index), type, company, title, salary, location
 *   ("CITY, ST"), date (YYYY-MM-DD), year.
 * Both are US worksites with annual wages in USD; the amounts are what the
 * employer attested on the application, not necessarily what was paid. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-quote.h"

typedef enum
{
  LAYOUT_EMPLOYER,
  LAYOUT_COMPANY,
} Layout;

enum
{
  COL_EMPLOYER,
  COL_TITLE,
  COL_SALARY,
  COL_CITY,
  COL_STATE,
  COL_DATE,
  COL_CASE_STATUS,
  N_EMPLOYER_COLS
};

enum
{
  COL_B_COMPANY,
  COL_B_TITLE,
  COL_B_SALARY,
  COL_B_LOCATION,
  COL_B_DATE,
  COL_B_YEAR,
  N_COMPANY_COLS
};

static const char * const employer_columns[N_EMPLOYER_COLS + 1] = {
  "employer", "job title", "base salary", "city", "state", "submit date", "case status", NULL,
};

static const char * const company_columns[N_COMPANY_COLS + 1] = {
  "company", "title", "salary", "location", "date", "year", NULL,
};

typedef struct
{
  Layout   layout;
  int      col[N_EMPLOYER_COLS];
  GString *title;
  GString *company;
  GString *city;
  GString *state;
  GString *date;
} State;

static gboolean
is_employer_layout (const AtlasCsvRow *header)
{
  return _atlas_import_find_column (header, "employer") >= 0 &&
         _atlas_import_find_column (header, "base salary") >= 0 &&
         _atlas_import_find_column (header, "submit date") >= 0;
}

static gboolean
is_company_layout (const AtlasCsvRow *header)
{
  return _atlas_import_find_column (header, "company") >= 0 &&
         _atlas_import_find_column (header, "title") >= 0 &&
         _atlas_import_find_column (header, "salary") >= 0 &&
         _atlas_import_find_column (header, "location") >= 0 &&
         _atlas_import_find_column (header, "date") >= 0 &&
         _atlas_import_find_column (header, "year") >= 0;
}

static gboolean
h1b_detect (const AtlasCsvRow *header)
{
  return is_employer_layout (header) || is_company_layout (header);
}

static void
h1b_free_state (gpointer data)
{
  State *state = data;

  g_string_free (state->title, TRUE);
  g_string_free (state->company, TRUE);
  g_string_free (state->city, TRUE);
  g_string_free (state->state, TRUE);
  g_string_free (state->date, TRUE);
  g_free (state);
}

static gpointer
h1b_bind (const AtlasCsvRow *header,
          AtlasMapping      *mapping,
          const char        *display_name,
          GError           **error)
{
  State *state = g_new0 (State, 1);
  gboolean ok;

  if (is_company_layout (header) && !is_employer_layout (header))
    {
      state->layout = LAYOUT_COMPANY;
      ok = _atlas_import_find_columns (header, company_columns, state->col, display_name,
                                       "h1b", error);
    }
  else
    {
      state->layout = LAYOUT_EMPLOYER;
      ok = _atlas_import_find_columns (header, employer_columns, state->col, display_name,
                                       "h1b", error);
    }

  if (!ok)
    {
      g_free (state);
      return NULL;
    }

  state->title = g_string_sized_new (64);
  state->company = g_string_sized_new (64);
  state->city = g_string_sized_new (32);
  state->state = g_string_sized_new (8);
  state->date = g_string_sized_new (16);

  return state;
}

/* "NEW YORK, NY" -> city "NEW YORK", state "NY". */
static void
split_location (State      *state,
                const char *location,
                AtlasImportRecord *rec)
{
  const char *comma = strrchr (location, ',');

  if (comma == NULL)
    {
      rec->city = _atlas_import_trimmed (location, state->city);
      return;
    }

  g_string_truncate (state->city, 0);
  g_string_append_len (state->city, location, comma - location);
  g_strstrip (state->city->str);
  state->city->len = strlen (state->city->str);
  rec->city = state->city->len ? state->city->str : NULL;
  rec->state = _atlas_import_upper (comma + 1, state->state);
}

static gboolean
h1b_convert (gpointer           data,
             const AtlasCsvRow *row,
             AtlasImportRecord *rec,
             GString           *reason)
{
  State *state = data;

  rec->kind = "filing";
  rec->country = "US";
  rec->currency = "USD";

  if (state->layout == LAYOUT_EMPLOYER)
    {
      const char *date = _atlas_import_field (row, state->col[COL_DATE]);

      rec->company = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_EMPLOYER]),
                                            state->company);
      rec->job_title = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_TITLE]),
                                              state->title);
      if (!_atlas_import_parse_amount (_atlas_import_field (row, state->col[COL_SALARY]),
                                       FALSE, "base salary", &rec->amount, reason))
        return FALSE;
      rec->city = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_CITY]),
                                         state->city);
      rec->state = _atlas_import_upper (_atlas_import_field (row, state->col[COL_STATE]),
                                        state->state);
      if (!_atlas_import_parse_date (date, state->date, &rec->year))
        {
          g_autofree char *quoted = atlas_quote (date);

          g_string_printf (reason, _("submit date “%s” is not a date"), quoted);
          return FALSE;
        }
      rec->date = state->date->str;
      rec->case_status = _atlas_import_field (row, state->col[COL_CASE_STATUS]);
    }
  else
    {
      const char *date = _atlas_import_field (row, state->col[COL_B_DATE]);
      gint64 date_year;

      rec->company = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_B_COMPANY]),
                                            state->company);
      rec->job_title = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_B_TITLE]),
                                              state->title);
      if (!_atlas_import_parse_amount (_atlas_import_field (row, state->col[COL_B_SALARY]),
                                       FALSE, "salary", &rec->amount, reason))
        return FALSE;
      split_location (state, _atlas_import_field (row, state->col[COL_B_LOCATION]), rec);
      if (!_atlas_import_parse_int (_atlas_import_field (row, state->col[COL_B_YEAR]),
                                    "year", &rec->year, reason))
        return FALSE;
      if (date[0] != '\0')
        {
          if (!_atlas_import_parse_date (date, state->date, &date_year))
            {
              g_autofree char *quoted = atlas_quote (date);

              g_string_printf (reason, _("date “%s” is not a date"), quoted);
              return FALSE;
            }
          rec->date = state->date->str;
        }
    }

  rec->amount_usd = rec->amount;
  rec->has_amount_usd = TRUE;

  return TRUE;
}

const AtlasImportFormatClass _atlas_import_h1b = {
  .format = ATLAS_FORMAT_H1B,
  .licence = "US DOL OFLC LCA disclosure data (public domain) via h1bdata.info; "
             "compilation licence unclear",
  .attribution = "US Department of Labor, OFLC H-1B LCA disclosure data, via h1bdata.info",
  .detect = h1b_detect,
  .bind = h1b_bind,
  .convert = h1b_convert,
  .free_state = h1b_free_state,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-levels.c: levels.fyi's public salary submissions as
 * republished in "Data Science and STEM Salaries" (semicolon-separated;
 * companyd (sic), title, totalyearlycompensation, location,
 * yearsofexperience, yearsatcompany, tag, gender, Education).
 *
 * The pay is total yearly compensation (base + stock + bonus) in US dollars
 * for every country: the submitter's tool converted Indian pay already, so
 * the USD amount is the file's own.  The rows carry no date; the
 * submissions span 2017–2021, which the query layer knows as this format's
 * period (atlas-pay-basis.c), and each record's year is the period's last
 * year, the year whose exchange rate and PPP factor convert it.
 *
 * Locations are "City, ST" in the US and "City, ST, Country" elsewhere
 * ("Seoul, KG, Korea, South" too); "Bangalore" and "Bengaluru" are one
 * city.  Software engineers tagged "ML / AI" belong to the
 * machine-learning family; other titles keep the family the role rules
 * give them. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-import-private.h"
#include "atlas-money-tables.h"
#include "atlas-quote.h"

enum
{
  COL_COMPANY,
  COL_TITLE,
  COL_TOTAL,
  COL_LOCATION,
  COL_YEARS,
  COL_YEARS_AT_COMPANY,
  COL_TAG,
  N_COLS
};

static const char * const column_names[N_COLS + 1] = {
  "companyd", "title", "totalyearlycompensation", "location", "yearsofexperience",
  "yearsatcompany", "tag", NULL,
};

/* The year a record is converted in: the last year of the period. */
#define LEVELS_YEAR 2021

/* Country names as levels.fyi writes them where they differ from ours. */
static const struct
{
  const char *name;
  const char *code;
} country_aliases[] = {
  { "Czech Republic", "CZ" },
  { "Hong Kong (SAR)", "HK" },
  { "Korea, South", "KR" },
  { "South Korea", "KR" },
  { "UK", "GB" },
  { "USA", "US" },
};

/* One city spelled two ways. */
static const struct
{
  const char *spelling;
  const char *city;
} city_aliases[] = {
  { "Bangalore", "Bengaluru" },
  { "Gurgaon", "Gurugram" },
  { "Cochin", "Kochi" },
  { "Trivandrum", "Thiruvananthapuram" },
};

typedef struct
{
  int      col[N_COLS];
  GString *title;
  GString *company;
  GString *city;
  GString *state;
  GString *tag;
} State;

/* The header names the columns levels.fyi's export has and no other
 * format has; "companyd" is the mirror's spelling, "company" the original's. */
static gboolean
levels_detect (const AtlasCsvRow *header)
{
  return _atlas_import_find_column (header, "totalyearlycompensation") >= 0 &&
         _atlas_import_find_column (header, "yearsofexperience") >= 0 &&
         (_atlas_import_find_column (header, "companyd") >= 0 ||
          _atlas_import_find_column (header, "company") >= 0);
}

static void
levels_free_state (gpointer data)
{
  State *state = data;

  g_string_free (state->title, TRUE);
  g_string_free (state->company, TRUE);
  g_string_free (state->city, TRUE);
  g_string_free (state->state, TRUE);
  g_string_free (state->tag, TRUE);
  g_free (state);
}

static gpointer
levels_bind (const AtlasCsvRow *header,
             AtlasMapping      *mapping,
             const char        *display_name,
             GError           **error)
{
  State *state = g_new0 (State, 1);
  const char *names[N_COLS + 1];

  memcpy (names, column_names, sizeof names);
  if (_atlas_import_find_column (header, "companyd") < 0)
    names[COL_COMPANY] = "company";

  if (!_atlas_import_find_columns (header, names, state->col, display_name,
                                   "levels-fyi", error))
    {
      g_free (state);
      return NULL;
    }

  state->title = g_string_sized_new (64);
  state->company = g_string_sized_new (64);
  state->city = g_string_sized_new (32);
  state->state = g_string_sized_new (8);
  state->tag = g_string_sized_new (32);

  return state;
}

/* The ISO code of a country written in English, or NULL. */
const char *
_atlas_import_levels_country (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (country_aliases); i++)
    if (g_ascii_strcasecmp (country_aliases[i].name, name) == 0)
      return country_aliases[i].code;

  for (gsize i = 0; i < _atlas_n_countries; i++)
    if (g_ascii_strcasecmp (_atlas_countries[i].name, name) == 0)
      return _atlas_countries[i].code;

  return NULL;
}

/* The canonical spelling of a city. */
const char *
_atlas_import_levels_city (const char *city)
{
  for (gsize i = 0; i < G_N_ELEMENTS (city_aliases); i++)
    if (g_ascii_strcasecmp (city_aliases[i].spelling, city) == 0 ||
        g_ascii_strcasecmp (city_aliases[i].city, city) == 0)
      return city_aliases[i].city;
  return city;
}

/* Splits "City, ST" (US) or "City, ST, Country …" into its parts. */
static gboolean
parse_location (State             *state,
                const char        *location,
                AtlasImportRecord *rec,
                GString           *reason)
{
  g_auto(GStrv) parts = g_strsplit (location, ",", 3);
  g_autofree char *quoted = atlas_quote (location);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    g_strstrip (parts[i]);

  if (n < 2 || parts[0][0] == '\0' || parts[1][0] == '\0')
    {
      g_string_printf (reason, _("location “%s” names no country"), quoted);
      return FALSE;
    }

  if (n == 2)
    {
      /* "City, ST": a two-letter US state. */
      if (strlen (parts[1]) != 2)
        {
          g_string_printf (reason, _("location “%s” names no country"), quoted);
          return FALSE;
        }
      rec->country = "US";
    }
  else
    {
      rec->country = _atlas_import_levels_country (parts[2]);
      if (rec->country == NULL)
        {
          g_autofree char *country = atlas_quote (parts[2]);

          g_string_printf (reason, _("location “%s”: unknown country “%s”"), quoted, country);
          return FALSE;
        }
    }

  g_string_assign (state->city, _atlas_import_levels_city (parts[0]));
  g_string_assign (state->state, parts[1]);
  rec->city = state->city->str;
  rec->state = state->state->str;

  return TRUE;
}

static gboolean
parse_years (const char *text,
             const char *what,
             double     *value,
             GString    *reason)
{
  if (!_atlas_import_parse_amount (text, FALSE, what, value, reason))
    return FALSE;
  if (*value > 70)
    {
      g_autofree char *quoted = atlas_quote (text);

      g_string_printf (reason, _("%s “%s” is not a number of years"), what, quoted);
      return FALSE;
    }
  return TRUE;
}

/* "ML / AI" with or without the blanks, any case. */
static gboolean
is_ml_tag (const char *tag)
{
  char folded[16];
  gsize n = 0;

  for (const char *p = tag; *p != '\0'; p++)
    if (*p != ' ')
      {
        if (n + 1 >= sizeof folded)
          return FALSE;
        folded[n++] = g_ascii_tolower (*p);
      }
  folded[n] = '\0';
  return strcmp (folded, "ml/ai") == 0;
}

static gboolean
levels_convert (gpointer           data,
                const AtlasCsvRow *row,
                AtlasImportRecord *rec,
                GString           *reason)
{
  State *state = data;
  const char *tag;
  const char *location;
  double years_at_company;

  rec->kind = "survey";
  rec->currency = "USD";
  rec->year = LEVELS_YEAR;
  rec->company = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_COMPANY]),
                                        state->company);
  rec->job_title = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_TITLE]),
                                          state->title);
  if (rec->job_title == NULL)
    {
      g_string_assign (reason, _("no title"));
      return FALSE;
    }

  if (!_atlas_import_parse_amount (_atlas_import_field (row, state->col[COL_TOTAL]),
                                   FALSE, "totalyearlycompensation", &rec->amount, reason))
    return FALSE;
  rec->amount_usd = rec->amount;
  rec->has_amount_usd = TRUE;

  location = _atlas_import_field (row, state->col[COL_LOCATION]);
  if (!parse_location (state, location, rec, reason))
    return FALSE;

  if (!parse_years (_atlas_import_field (row, state->col[COL_YEARS]), "yearsofexperience",
                    &rec->years_experience, reason))
    return FALSE;
  rec->has_years_experience = TRUE;

  /* Checked like the years of experience, so that a shifted row is
   * rejected; the import has no column for it yet (see DESIGN.md). */
  if (!parse_years (_atlas_import_field (row, state->col[COL_YEARS_AT_COMPANY]),
                    "yearsatcompany", &years_at_company, reason))
    return FALSE;

  /* A software engineer specialised in ML ("ML / AI", also written
   * "ML/AI"); a data scientist or a manager so tagged stays in their
   * family. */
  tag = _atlas_import_trimmed (_atlas_import_field (row, state->col[COL_TAG]), state->tag);
  if (tag != NULL && is_ml_tag (tag) && g_ascii_strcasecmp (rec->job_title, "Software Engineer") == 0)
    rec->role_family = "Machine Learning Engineer";

  return TRUE;
}

const AtlasImportFormatClass _atlas_import_levels = {
  .format = ATLAS_FORMAT_LEVELS_FYI,
  .licence = "unclear: levels.fyi submissions via Kaggle “Data Science and STEM "
             "Salaries”; aggregates with citation only",
  .attribution = "levels.fyi salary submissions, 2017–2021",
  .detect = levels_detect,
  .bind = levels_bind,
  .convert = levels_convert,
  .free_state = levels_free_state,
};

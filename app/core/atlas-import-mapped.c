/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-mapped.c: any CSV, described by a mapping file.
 *
 *   [source]     name=…  licence=…  attribution=…  url=…      (all optional)
 *   [columns]    title=Job Title  amount=Pay  currency=Currency  …
 *   [constants]  country=IN  currency=INR  year=2023  kind=survey  …
 *   [options]    amount-unit=year|month|week|bi-weekly|hour
 *
 * A column wins over a constant of the same key; the constant fills in where
 * the column's cell is empty. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-quote.h"

typedef enum
{
  KEY_TITLE,
  KEY_COMPANY,
  KEY_COUNTRY,
  KEY_COMPANY_COUNTRY,
  KEY_CITY,
  KEY_STATE,
  KEY_EXPERIENCE,
  KEY_YEARS,
  KEY_AMOUNT,
  KEY_AMOUNT_USD,
  KEY_AMOUNT_UNIT,
  KEY_CURRENCY,
  KEY_YEAR,
  KEY_DATE,
  KEY_EMPLOYMENT_TYPE,
  KEY_REMOTE_RATIO,
  KEY_COMPANY_SIZE,
  KEY_CASE_STATUS,
  KEY_WEIGHT,
  KEY_KIND,
  N_KEYS
} Key;

static const char * const key_names[N_KEYS] = {
  "title", "company", "country", "company_country", "city", "state", "experience",
  "years", "amount", "amount_usd", "amount_unit", "currency", "year", "date",
  "employment_type", "remote_ratio", "company_size", "case_status", "weight", "kind",
};

static const char * const record_kinds[] = { "survey", "posting", "filing", "report" };

struct _AtlasMapping
{
  char   *name;                /* the mapping file, for messages */
  char   *columns[N_KEYS];
  char   *constants[N_KEYS];
  double  unit_factor;
  char   *source[4];           /* name, licence, attribution, url */
};

static const char * const source_keys[] = { "name", "licence", "attribution", "url" };

typedef struct
{
  AtlasMapping *mapping;
  int           col[N_KEYS];
  GString      *buf[N_KEYS];
} State;

void
atlas_mapping_free (AtlasMapping *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < N_KEYS; i++)
    {
      g_free (self->columns[i]);
      g_free (self->constants[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->source); i++)
    g_free (self->source[i]);
  g_free (self->name);
  g_free (self);
}

const char *
_atlas_mapping_get_source (AtlasMapping *mapping,
                           const char   *key)
{
  g_return_val_if_fail (mapping != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (source_keys); i++)
    if (strcmp (source_keys[i], key) == 0)
      return mapping->source[i];

  return NULL;
}

static int
find_key (const char *name)
{
  for (guint i = 0; i < N_KEYS; i++)
    if (strcmp (key_names[i], name) == 0)
      return (int) i;
  return -1;
}

static gboolean
read_group (AtlasMapping *self,
            GKeyFile     *keyfile,
            const char   *group,
            char        **values,
            GError      **error)
{
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_has_group (keyfile, group))
    return TRUE;

  keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      int k = find_key (keys[i]);
      g_autofree char *value = NULL;
      g_autofree char *quoted_key = atlas_quote (keys[i]);

      if (k < 0)
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                       _("%s: unknown key “%s” in [%s]; known keys are title, company, "
                         "country, city, state, experience, years, amount, amount_usd, "
                         "amount_unit, currency, year, date, employment_type, remote_ratio, "
                         "weight, kind"),
                       self->name, quoted_key, group);
          return FALSE;
        }

      value = g_key_file_get_string (keyfile, group, keys[i], NULL);
      if (value != NULL)
        g_strstrip (value);
      if (value == NULL || value[0] == '\0')
        continue;

      g_free (values[k]);
      values[k] = g_steal_pointer (&value);
    }

  return TRUE;
}

static gboolean
has (AtlasMapping *self,
     Key           key)
{
  return self->columns[key] != NULL || self->constants[key] != NULL;
}

AtlasMapping *
atlas_mapping_new_from_data (const char  *data,
                             gsize        len,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(AtlasMapping) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_new0 (AtlasMapping, 1);
  /* Every message names the mapping: a file name may hold control characters. */
  self->name = atlas_quote_name (name ? name : "mapping");
  self->unit_factor = 1;

  if (!g_key_file_load_from_data (keyfile, data, len, G_KEY_FILE_NONE, &local_error))
    {
      /* GKeyFile quotes the offending line, bytes and all: escaped, and
       * capped a little above one quote, since it is a sentence around one. */
      g_autoptr(GString) quoted = g_string_new (NULL);

      atlas_quote_append_len (quoted, local_error->message, -1, 2 * ATLAS_QUOTE_MAX_CHARS);
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: not a mapping file: %s"), self->name, quoted->str);
      return NULL;
    }

  if (!read_group (self, keyfile, "columns", self->columns, error) ||
      !read_group (self, keyfile, "constants", self->constants, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (source_keys); i++)
    {
      char *value = g_key_file_get_string (keyfile, "source", source_keys[i], NULL);

      if (value != NULL && g_strstrip (value)[0] == '\0')
        g_clear_pointer (&value, g_free);
      self->source[i] = value;
    }

  if (g_key_file_has_key (keyfile, "options", "amount-unit", NULL))
    {
      g_autofree char *unit = g_key_file_get_string (keyfile, "options", "amount-unit", NULL);
      g_autofree char *quoted_unit = atlas_quote (unit);

      if (unit == NULL || !_atlas_import_unit_factor (unit, &self->unit_factor))
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                       _("%s: amount-unit “%s” is not one of year, month, bi-weekly, week, hour"),
                       self->name, quoted_unit);
          return NULL;
        }
    }

  if (self->columns[KEY_AMOUNT] == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: [columns] must name the amount column (amount=…)"), self->name);
      return NULL;
    }
  if (!has (self, KEY_TITLE))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: no job title: set title= in [columns] or [constants]"), self->name);
      return NULL;
    }
  if (!has (self, KEY_CURRENCY))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: no currency: set currency= in [columns] or [constants] "
                     "(an ISO 4217 code such as USD or INR)"), self->name);
      return NULL;
    }
  if (!has (self, KEY_COUNTRY))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: no country: set country= in [columns] or [constants] "
                     "(an ISO 3166 code such as US or IN)"), self->name);
      return NULL;
    }
  if (!has (self, KEY_YEAR) && self->columns[KEY_DATE] == NULL)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("%s: no year: set year= in [columns] or [constants], or a date column"),
                   self->name);
      return NULL;
    }
  if (self->constants[KEY_KIND] != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
        known |= strcmp (record_kinds[i], self->constants[KEY_KIND]) == 0;
      if (!known)
        {
          g_autofree char *quoted_kind = atlas_quote (self->constants[KEY_KIND]);

          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                       _("%s: kind “%s” is not one of survey, posting, filing, report"),
                       self->name, quoted_kind);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

AtlasMapping *
atlas_mapping_load (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_autofree char *quoted = atlas_quote_name (path);
      g_autofree char *reason = atlas_quote_name (local_error->message);

      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("Cannot read the mapping file “%s”: %s"), quoted, reason);
      return NULL;
    }

  return atlas_mapping_new_from_data (contents, len, path, error);
}

static void
mapped_free_state (gpointer data)
{
  State *state = data;

  for (guint i = 0; i < N_KEYS; i++)
    g_string_free (state->buf[i], TRUE);
  g_free (state);
}

static gpointer
mapped_bind (const AtlasCsvRow *header,
             AtlasMapping      *mapping,
             const char        *display_name,
             GError           **error)
{
  State *state;

  g_assert (mapping != NULL);

  state = g_new0 (State, 1);
  state->mapping = mapping;

  for (guint i = 0; i < N_KEYS; i++)
    {
      state->col[i] = -1;
      if (mapping->columns[i] == NULL)
        continue;

      state->col[i] = _atlas_import_find_column (header, mapping->columns[i]);
      if (state->col[i] < 0)
        {
          g_autofree char *quoted_column = atlas_quote (mapping->columns[i]);

          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                       _("%s: the header has no column “%s”, which %s maps to %s"),
                       display_name, quoted_column, mapping->name, key_names[i]);
          g_free (state);
          return NULL;
        }
    }

  for (guint i = 0; i < N_KEYS; i++)
    state->buf[i] = g_string_sized_new (32);

  return state;
}

/* The cell for @key, or the constant where the cell is empty; "" if neither. */
static const char *
value_of (State             *state,
          const AtlasCsvRow *row,
          Key                key)
{
  const char *value = _atlas_import_field (row, state->col[key]);
  const char *p = value;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0' && state->mapping->constants[key] != NULL)
    return state->mapping->constants[key];

  return value;
}

static const char *
text_of (State             *state,
         const AtlasCsvRow *row,
         Key                key)
{
  return _atlas_import_trimmed (value_of (state, row, key), state->buf[key]);
}

static const char *
code_of (State             *state,
         const AtlasCsvRow *row,
         Key                key)
{
  const char *code = _atlas_import_upper (value_of (state, row, key), state->buf[key]);

  return code[0] != '\0' ? code : NULL;
}

static gboolean
mapped_convert (gpointer           data,
                const AtlasCsvRow *row,
                AtlasImportRecord *rec,
                GString           *reason)
{
  State *state = data;
  const char *value;
  double factor = state->mapping->unit_factor;

  rec->job_title = text_of (state, row, KEY_TITLE);
  rec->company = text_of (state, row, KEY_COMPANY);
  rec->country = code_of (state, row, KEY_COUNTRY);
  rec->company_country = code_of (state, row, KEY_COMPANY_COUNTRY);
  rec->city = text_of (state, row, KEY_CITY);
  rec->state = text_of (state, row, KEY_STATE);
  rec->currency = code_of (state, row, KEY_CURRENCY);
  rec->company_size = text_of (state, row, KEY_COMPANY_SIZE);
  rec->case_status = text_of (state, row, KEY_CASE_STATUS);

  rec->kind = text_of (state, row, KEY_KIND);
  if (rec->kind == NULL)
    rec->kind = "survey";
  else
    {
      const char *kind = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
        if (g_ascii_strcasecmp (record_kinds[i], rec->kind) == 0)
          kind = record_kinds[i];
      if (kind == NULL)
        {
          g_autofree char *quoted = atlas_quote (rec->kind);

          g_string_printf (reason, _("kind “%s” is not one of survey, posting, filing, report"),
                           quoted);
          return FALSE;
        }
      rec->kind = kind;
    }

  value = value_of (state, row, KEY_AMOUNT_UNIT);
  if (value[0] != '\0' && !_atlas_import_unit_factor (value, &factor))
    {
      g_autofree char *quoted = atlas_quote (value);

      g_string_printf (reason, _("unknown pay unit “%s” (expected year, month, bi-weekly, "
                                 "week or hour)"), quoted);
      return FALSE;
    }

  if (!_atlas_import_parse_amount (value_of (state, row, KEY_AMOUNT), TRUE,
                                   state->mapping->columns[KEY_AMOUNT], &rec->amount, reason))
    return FALSE;
  rec->amount *= factor;

  value = value_of (state, row, KEY_AMOUNT_USD);
  if (value[0] != '\0')
    {
      if (!_atlas_import_parse_amount (value, TRUE, "amount_usd", &rec->amount_usd, reason))
        return FALSE;
      rec->amount_usd *= factor;
      rec->has_amount_usd = TRUE;
    }
  else if (rec->currency != NULL && strcmp (rec->currency, "USD") == 0)
    {
      rec->amount_usd = rec->amount;
      rec->has_amount_usd = TRUE;
    }

  value = value_of (state, row, KEY_DATE);
  if (value[0] != '\0')
    {
      if (!_atlas_import_parse_date (value, state->buf[KEY_DATE], &rec->year))
        {
          g_autofree char *quoted = atlas_quote (value);

          g_string_printf (reason, _("date “%s” is not a date (use YYYY-MM-DD)"), quoted);
          return FALSE;
        }
      rec->date = state->buf[KEY_DATE]->str;
    }

  value = value_of (state, row, KEY_YEAR);
  if (value[0] != '\0')
    {
      if (!_atlas_import_parse_int (value, "year", &rec->year, reason))
        return FALSE;
    }
  else if (rec->date == NULL)
    {
      g_string_assign (reason, _("no year"));
      return FALSE;
    }

  value = value_of (state, row, KEY_EXPERIENCE);
  if (value[0] != '\0')
    {
      rec->experience = _atlas_import_experience (value);
      if (rec->experience == NULL)
        {
          g_autofree char *quoted = atlas_quote (value);

          g_string_printf (reason, _("unknown experience level “%s” (expected EN, MI, SE, EX "
                                     "or entry, mid, senior, executive)"), quoted);
          return FALSE;
        }
    }

  value = value_of (state, row, KEY_YEARS);
  if (value[0] != '\0')
    {
      if (!_atlas_import_parse_amount (value, TRUE, "years", &rec->years_experience, reason))
        return FALSE;
      rec->has_years_experience = TRUE;
    }

  value = text_of (state, row, KEY_EMPLOYMENT_TYPE);
  if (value != NULL)
    rec->employment_type = _atlas_import_employment (value);

  value = value_of (state, row, KEY_REMOTE_RATIO);
  if (value[0] != '\0')
    {
      if (!_atlas_import_parse_int (value, "remote_ratio", &rec->remote_ratio, reason))
        return FALSE;
      rec->has_remote_ratio = TRUE;
    }

  value = value_of (state, row, KEY_WEIGHT);
  if (value[0] != '\0' &&
      !_atlas_import_parse_int (value, "weight", &rec->weight, reason))
    return FALSE;

  return TRUE;
}

const AtlasImportFormatClass _atlas_import_mapped = {
  .format = ATLAS_FORMAT_CSV,
  .licence = "not stated",
  .attribution = "",
  .detect = NULL,
  .bind = mapped_bind,
  .convert = mapped_convert,
  .free_state = mapped_free_state,
};

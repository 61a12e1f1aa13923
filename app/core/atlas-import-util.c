/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-util.c: parsing helpers that the import formats share:
 * columns by name, amounts, dates, pay units, experience and employment codes. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atlas-import-private.h"
#include "atlas-quote.h"

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The part of @text without surrounding blanks: its start, and its length
 * in @len. */
static const char *
trim_span (const char *text,
           gsize      *len)
{
  gsize n;

  while (is_blank (*text))
    text++;
  n = strlen (text);
  while (n > 0 && is_blank (text[n - 1]))
    n--;
  *len = n;

  return text;
}

/* Copies @text without surrounding blanks into @buf; FALSE when too long. */
static gboolean
trim_into (const char *text,
           char       *buf,
           gsize       size)
{
  gsize len;
  const char *p = trim_span (text, &len);

  if (len >= size)
    return FALSE;
  memcpy (buf, p, len);
  buf[len] = '\0';
  return TRUE;
}

int
_atlas_import_find_column (const AtlasCsvRow *header,
                           const char        *name)
{
  gsize name_len = strlen (name);

  for (guint i = 0; i < header->n_fields; i++)
    {
      const char *f = header->fields[i];
      gsize len = header->lengths[i];

      while (len > 0 && is_blank (*f))
        f++, len--;
      while (len > 0 && is_blank (f[len - 1]))
        len--;
      if (len == name_len && g_ascii_strncasecmp (f, name, len) == 0)
        return (int) i;
    }

  return -1;
}

gboolean
_atlas_import_find_columns (const AtlasCsvRow  *header,
                            const char * const *names,
                            int                *columns,
                            const char         *display_name,
                            const char         *format_name,
                            GError            **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      columns[i] = _atlas_import_find_column (header, names[i]);
      if (columns[i] < 0)
        {
          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                       _("%s: the header has no column “%s”, which the %s format needs"),
                       display_name, names[i], format_name);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_atlas_import_parse_amount (const char *text,
                            gboolean    lenient,
                            const char *what,
                            double     *value,
                            GString    *reason)
{
  char buf[64];
  gsize n = 0;
  const char *p = text;
  char *end = NULL;
  double v;

  while (is_blank (*p))
    p++;

  if (*p == '\0')
    {
      g_string_printf (reason, _("no %s"), what);
      return FALSE;
    }

  if (!lenient)
    {
      /* Most amounts are plain whole numbers: no need for strtod. */
      guint64 whole = 0;
      const char *q = p;

      while (g_ascii_isdigit (*q) && q - p < 15)
        whole = whole * 10 + (guint64) (*q++ - '0');
      if (q > p && *q == '\0')
        {
          *value = (double) whole;
          return TRUE;
        }

      v = g_ascii_strtod (p, &end);
      while (end != NULL && is_blank (*end))
        end++;
      if (end == p || end == NULL || *end != '\0')
        goto not_a_number;
    }
  else
    {
      /* "$85,000.00", "85 000", "USD 85000": keep digits, sign, point, exponent. */
      for (const char *q = p; *q != '\0'; q++)
        {
          if (*q == ',' || is_blank (*q) || *q == '$')
            continue;
          if (n == 0 && g_ascii_isalpha (*q) && g_ascii_isalpha (q[1]) && g_ascii_isalpha (q[2]))
            {
              /* A leading three-letter currency code. */
              q += 2;
              continue;
            }
          if (n + 1 >= sizeof buf)
            goto not_a_number;
          buf[n++] = *q;
        }
      buf[n] = '\0';
      if (n == 0)
        goto not_a_number;
      v = g_ascii_strtod (buf, &end);
      if (end == buf || *end != '\0')
        goto not_a_number;
    }

  if (!isfinite (v))
    goto not_a_number;

  if (v < 0)
    {
      g_autofree char *quoted = atlas_quote (text);

      g_string_printf (reason, _("%s “%s” is negative"), what, quoted);
      return FALSE;
    }

  *value = v;
  return TRUE;

not_a_number:
  {
    g_autofree char *quoted = atlas_quote (text);

    g_string_printf (reason, _("%s “%s” is not a number"), what, quoted);
  }
  return FALSE;
}

gboolean
_atlas_import_parse_int (const char *text,
                         const char *what,
                         gint64     *value,
                         GString    *reason)
{
  const char *p = text;
  char *end = NULL;
  gint64 v;

  while (is_blank (*p))
    p++;

  if (*p == '\0')
    {
      g_string_printf (reason, _("no %s"), what);
      return FALSE;
    }

  v = g_ascii_strtoll (p, &end, 10);
  /* "2022.0" as pandas writes it is a whole number too. */
  if (end != NULL && end[0] == '.' )
    {
      const char *z = end + 1;

      while (*z == '0')
        z++;
      end = (char *) z;
    }
  while (end != NULL && is_blank (*end))
    end++;
  if (end == p || end == NULL || *end != '\0')
    {
      g_autofree char *quoted = atlas_quote (text);

      g_string_printf (reason, _("%s “%s” is not a whole number"), what, quoted);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

static gboolean
all_digits (const char *p,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

gboolean
_atlas_import_parse_date (const char *text,
                          GString    *iso,
                          gint64     *year)
{
  const char *p = text;
  int y, m, d;

  while (is_blank (*p))
    p++;

  if (all_digits (p, 4) && (p[4] == '-' || p[4] == '/') &&
      all_digits (p + 5, 2) && p[7] == p[4] && all_digits (p + 8, 2) &&
      (p[10] == '\0' || p[10] == ' ' || p[10] == 'T'))
    {
      y = atoi (p);
      m = (p[5] - '0') * 10 + (p[6] - '0');
      d = (p[8] - '0') * 10 + (p[9] - '0');
    }
  else
    {
      /* MM/DD/YYYY, also with one-digit month or day. */
      char *end;
      long mm = strtol (p, &end, 10);

      if (end == p || *end != '/')
        return FALSE;
      p = end + 1;
      d = (int) strtol (p, &end, 10);
      if (end == p || *end != '/')
        return FALSE;
      p = end + 1;
      if (!all_digits (p, 4) || (p[4] != '\0' && p[4] != ' '))
        return FALSE;
      y = atoi (p);
      m = (int) mm;
    }

  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_string_printf (iso, "%04d-%02d-%02d", y, m, d);
  *year = y;
  return TRUE;
}

gboolean
_atlas_import_unit_factor (const char *unit,
                           double     *factor)
{
  static const struct
  {
    const char *name;
    double      factor;
  } units[] = {
    { "hour", 2080 }, { "hourly", 2080 }, { "hr", 2080 },
    { "week", 52 }, { "weekly", 52 }, { "wk", 52 },
    { "bi-weekly", 26 }, { "biweekly", 26 }, { "bi weekly", 26 },
    { "month", 12 }, { "monthly", 12 }, { "mth", 12 },
    { "year", 1 }, { "yearly", 1 }, { "annual", 1 }, { "annually", 1 }, { "yr", 1 },
  };
  char trimmed[32];

  if (!trim_into (unit, trimmed, sizeof trimmed))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (units[i].name, trimmed) == 0)
      {
        *factor = units[i].factor;
        return TRUE;
      }

  return FALSE;
}

const char *
_atlas_import_upper (const char *text,
                     GString    *out)
{
  gsize len;
  const char *p = trim_span (text, &len);


  g_string_truncate (out, 0);
  for (gsize i = 0; i < len; i++)
    g_string_append_c (out, g_ascii_toupper (p[i]));

  return out->str;
}

const char *
_atlas_import_trimmed (const char *text,
                       GString    *out)
{
  gsize len;
  const char *p = trim_span (text, &len);


  if (len == 0)
    return NULL;

  /* Most values need no trimming: hand them back as they are. */
  if (p == text && text[len] == '\0')
    return text;

  g_string_truncate (out, 0);
  g_string_append_len (out, p, len);
  return out->str;
}

const char *
_atlas_import_experience (const char *text)
{
  static const struct
  {
    const char *word;
    const char *code;
  } levels[] = {
    { "EN", "EN" }, { "MI", "MI" }, { "SE", "SE" }, { "EX", "EX" },
    { "entry", "EN" }, { "entry-level", "EN" }, { "entry level", "EN" }, { "junior", "EN" },
    { "mid", "MI" }, { "mid-level", "MI" }, { "mid level", "MI" }, { "intermediate", "MI" },
    { "senior", "SE" }, { "expert", "SE" }, { "senior-level", "SE" }, { "senior level", "SE" },
    { "executive", "EX" }, { "director", "EX" }, { "executive-level", "EX" },
  };
  char trimmed[32];

  if (!trim_into (text, trimmed, sizeof trimmed))
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_ascii_strcasecmp (levels[i].word, trimmed) == 0)
      return levels[i].code;

  return NULL;
}

const char *
_atlas_import_employment (const char *text)
{
  static const struct
  {
    const char *word;
    const char *code;
  } types[] = {
    { "FT", "FT" }, { "PT", "PT" }, { "CT", "CT" }, { "FL", "FL" },
    { "full time", "FT" }, { "full-time", "FT" }, { "fulltime", "FT" },
    { "part time", "PT" }, { "part-time", "PT" },
    { "contract", "CT" }, { "contractor", "CT" },
    { "freelance", "FL" }, { "freelancer", "FL" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (types[i].word, text) == 0)
      return types[i].code;

  return text[0] != '\0' ? text : NULL;
}

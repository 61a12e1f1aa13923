/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-money.c: country/currency look-ups and amount formatting. */

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-money.h"
#include "atlas-money-tables.h"

#define INTL_DOLLAR "intl$"

/* Past a thousand trillion an amount is an error in the data, not a salary,
 * and its digits would be noise (a double holds 15-16 significant digits):
 * such amounts print as "—" like non-finite ones.  This also keeps llround()
 * and the guint64 cast below inside their range (they overflow past 2^63). */
#define PRINTABLE_LIMIT 1e15

static int
compare_code (const void *key,
              const void *item)
{
  /* Both tables start with the code pointer. */
  return strcmp (key, *(const char * const *) item);
}

static const AtlasCountryInfo *
find_country (const char *iso2)
{
  if (iso2 == NULL)
    return NULL;
  return bsearch (iso2, _atlas_countries, _atlas_n_countries,
                  sizeof (AtlasCountryInfo), compare_code);
}

static const AtlasCurrencyInfo *
find_currency (const char *code)
{
  if (code == NULL)
    return NULL;
  return bsearch (code, _atlas_currencies, _atlas_n_currencies,
                  sizeof (AtlasCurrencyInfo), compare_code);
}

gboolean
atlas_money_is_currency (const char *code)
{
  return find_currency (code) != NULL;
}

gboolean
atlas_money_is_country (const char *iso2)
{
  return find_country (iso2) != NULL;
}

const char *
atlas_money_currency_symbol (const char *code)
{
  const AtlasCurrencyInfo *info = find_currency (code);

  return info != NULL ? info->symbol : "";
}

const char *
atlas_money_currency_for_country (const char *iso2)
{
  const AtlasCountryInfo *info = find_country (iso2);

  return info != NULL ? info->currency : NULL;
}

const char *
atlas_money_country_name (const char *iso2)
{
  const AtlasCountryInfo *info = find_country (iso2);

  return info != NULL ? g_dgettext (GETTEXT_PACKAGE, info->name) : iso2;
}

const char *
atlas_currency_mode_to_string (AtlasCurrencyMode mode)
{
  switch (mode)
    {
    case ATLAS_CURRENCY_MODE_USD:
      return "usd";
    case ATLAS_CURRENCY_MODE_LOCAL:
      return "local";
    case ATLAS_CURRENCY_MODE_PPP:
      return "ppp";
    default:
      g_return_val_if_reached ("usd");
    }
}

gboolean
atlas_currency_mode_from_string (const char        *str,
                                 AtlasCurrencyMode *mode)
{
  static const AtlasCurrencyMode modes[] = {
    ATLAS_CURRENCY_MODE_USD, ATLAS_CURRENCY_MODE_LOCAL, ATLAS_CURRENCY_MODE_PPP,
  };

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (modes); i++)
    if (g_ascii_strcasecmp (str, atlas_currency_mode_to_string (modes[i])) == 0)
      {
        *mode = modes[i];
        return TRUE;
      }

  return FALSE;
}

/* How the user's locale (LC_NUMERIC) writes numbers. */
typedef struct
{
  const char *decimal;    /* "." or "," */
  const char *separator;  /* ",", ".", a (narrow) no-break space, … */
  guint       first;      /* digits in the rightmost group: 3 */
  guint       next;       /* digits in every group left of it: 3, or 2 in India */
} NumberFormat;

static void
number_format_get (NumberFormat *format,
                   gboolean      indian)
{
  /* glibc's localeconv() points into the locale's own data, which only
   * setlocale() (at start-up) changes. */
  const struct lconv *conv = localeconv ();
  const char *grouping = conv->grouping;

  format->decimal = conv->decimal_point;
  format->separator = conv->thousands_sep;
  if (format->decimal == NULL || *format->decimal == '\0')
    format->decimal = ".";

  /* C and POSIX group nothing, and "190000" is hard to read: they keep the
   * English grouping the app always had. */
  if (format->separator == NULL || *format->separator == '\0' ||
      grouping == NULL || grouping[0] <= 0 || grouping[0] == CHAR_MAX)
    {
      format->separator = ",";
      format->first = format->next = 3;
    }
  else
    {
      format->first = (guint) grouping[0];
      /* A 0 (or the end) repeats the last size; CHAR_MAX would end the
       * grouping, which no locale does for the sizes of salaries. */
      format->next = grouping[1] > 0 && grouping[1] != CHAR_MAX ? (guint) grouping[1]
                                                                : format->first;
    }

  /* Rupees are grouped in lakh and crore in every locale: 12,00,000. */
  if (indian)
    {
      format->first = 3;
      format->next = 2;
    }
}

static char *
group_digits (guint64             value,
              const NumberFormat *format)
{
  char digits[32];
  GString *out = g_string_new (NULL);
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < len; i++)
    {
      guint remaining = (guint) (len - i);

      /* A separator before the rightmost group and before every group of
       * format->next digits left of it. */
      if (i > 0 && remaining >= format->first &&
          (remaining - format->first) % format->next == 0)
        g_string_append (out, format->separator);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

char *
atlas_money_group_digits (guint64  value,
                          gboolean indian)
{
  NumberFormat format;

  number_format_get (&format, indian);
  return group_digits (value, &format);
}

/* "12", "12.5", "1.2" with the locale's decimal mark: one decimal only
 * where it carries information. */
static char *
format_scaled (double value)
{
  double rounded = round (value * 10.0) / 10.0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  NumberFormat format;
  g_auto(GStrv) parts = NULL;

  if (rounded >= 100.0 || fabs (rounded - round (rounded)) < 1e-9)
    return g_strdup_printf ("%.0f", round (value));

  /* g_ascii_formatd always writes "."; the locale's mark replaces it. */
  g_ascii_formatd (buf, sizeof buf, "%.1f", rounded);
  number_format_get (&format, FALSE);
  parts = g_strsplit (buf, ".", 2);
  return g_strjoin (format.decimal, parts[0], parts[1], NULL);
}

static char *
format_short_western (double value)
{
  g_autofree char *scaled = NULL;

  if (value < 1000.0)
    return g_strdup_printf ("%.0f", round (value));

  if (round (value / 100.0) < 10000.0)
    {
      scaled = format_scaled (value / 1e3);
      /* Translators: thousands, as in "$24.3K"; %s is the number */
      return g_strdup_printf (C_("short amount", "%sK"), scaled);
    }

  if (round (value / 1e5) < 10000.0)
    {
      scaled = format_scaled (value / 1e6);
      /* Translators: millions, as in "$1.2M"; %s is the number */
      return g_strdup_printf (C_("short amount", "%sM"), scaled);
    }

  scaled = format_scaled (value / 1e9);
  /* Translators: billions (thousand millions), as in "$1.2B"; %s is the number */
  return g_strdup_printf (C_("short amount", "%sB"), scaled);
}

static char *
format_short_indian (double value)
{
  g_autofree char *scaled = NULL;

  if (value < 1e5)
    return format_short_western (value);

  if (round (value / 1e4) < 1000.0)
    {
      scaled = format_scaled (value / 1e5);
      /* Translators: short for lakh (1,00,000), as in "₹12 L" */
      return g_strdup_printf (C_("short amount", "%s L"), scaled);
    }

  scaled = format_scaled (value / 1e7);
  /* Translators: short for crore (1,00,00,000), as in "₹1.2 Cr" */
  return g_strdup_printf (C_("short amount", "%s Cr"), scaled);
}

char *
atlas_money_format (double          amount,
                    const char     *currency,
                    AtlasMoneyStyle style)
{
  g_autofree char *number = NULL;
  gboolean indian;
  gboolean negative;
  const char *symbol;
  double magnitude;

  g_return_val_if_fail (currency != NULL, NULL);

  if (!isfinite (amount) || fabs (amount) >= PRINTABLE_LIMIT)
    return g_strdup ("—");

  negative = amount < 0;
  magnitude = fabs (amount);
  indian = g_strcmp0 (currency, "INR") == 0;

  if (style == ATLAS_MONEY_SHORT)
    number = indian ? format_short_indian (magnitude) : format_short_western (magnitude);
  else
    number = atlas_money_group_digits ((guint64) round (magnitude), indian);

  if (g_strcmp0 (currency, INTL_DOLLAR) == 0)
    /* Translators: an amount in international (PPP) dollars, as in "60K intl $" */
    return g_strdup_printf (_("%s%s intl $"), negative ? "−" : "", number);

  symbol = atlas_money_currency_symbol (currency);
  if (*symbol != '\0')
    return g_strdup_printf ("%s%s%s", negative ? "−" : "", symbol, number);

  return g_strdup_printf ("%s%s %s", negative ? "−" : "", currency, number);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-money.c: country/currency look-ups and amount formatting. */

#include "config.h"

#include <glib/gi18n.h>
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

char *
atlas_money_group_digits (guint64  value,
                          gboolean indian)
{
  char digits[32];
  GString *out = g_string_new (NULL);
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < len; i++)
    {
      int remaining = len - i;

      /* Western: a comma before every group of three. Indian: the last three
       * digits form a group, then groups of two (lakh, crore). */
      if (i > 0)
        {
          gboolean sep = indian
            ? (remaining == 3 || (remaining > 3 && (remaining - 3) % 2 == 0))
            : remaining % 3 == 0;

          if (sep)
            g_string_append_c (out, ',');
        }
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/* "12", "12.5", "1.2": one decimal only where it carries information. */
static char *
format_scaled (double value)
{
  double rounded = round (value * 10.0) / 10.0;

  if (rounded >= 100.0 || fabs (rounded - round (rounded)) < 1e-9)
    return g_strdup_printf ("%.0f", round (value));

  return g_strdup_printf ("%.1f", rounded);
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
      return g_strconcat (scaled, "K", NULL);
    }

  if (round (value / 1e5) < 10000.0)
    {
      scaled = format_scaled (value / 1e6);
      return g_strconcat (scaled, "M", NULL);
    }

  scaled = format_scaled (value / 1e9);
  return g_strconcat (scaled, "B", NULL);
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
      return g_strdup_printf (_("%s L"), scaled);
    }

  scaled = format_scaled (value / 1e7);
  /* Translators: short for crore (1,00,00,000), as in "₹1.2 Cr" */
  return g_strdup_printf (_("%s Cr"), scaled);
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

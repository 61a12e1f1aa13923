/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-money.h: currencies, countries and amount formatting (including
 * Indian lakh/crore grouping, which the C locale cannot be trusted with). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATLAS_CURRENCY_MODE_USD,    /* nominal US dollars, yearly average rate */
  ATLAS_CURRENCY_MODE_LOCAL,  /* the region's own currency */
  ATLAS_CURRENCY_MODE_PPP,    /* international dollars (private consumption PPP) */
} AtlasCurrencyMode;

typedef enum
{
  ATLAS_MONEY_FULL,   /* $140,000   ₹12,00,000 */
  ATLAS_MONEY_SHORT,  /* $140K      ₹12 L   ₹1.2 Cr */
} AtlasMoneyStyle;

gboolean     atlas_money_is_currency            (const char *code);
const char  *atlas_money_currency_symbol        (const char *code);
const char  *atlas_money_currency_for_country   (const char *iso2);
gboolean     atlas_money_is_country             (const char *iso2);
const char  *atlas_money_country_name           (const char *iso2);

const char  *atlas_currency_mode_to_string      (AtlasCurrencyMode  mode);
gboolean     atlas_currency_mode_from_string    (const char        *str,
                                                 AtlasCurrencyMode *mode);

/* Groups digits of a non-negative integer with the separator and group
 * sizes of the locale (LC_NUMERIC): 190,000 in en_US, 190.000 in de_DE,
 * 1,90,000 in en_IN; @indian forces lakh/crore grouping (12,00,000, with
 * the locale's separator). The C locale groups as en_US. */
char        *atlas_money_group_digits           (guint64     value,
                                                 gboolean    indian);

/* Formats @amount in @currency ("USD", "INR", …) or, with @currency
 * "intl$", in international dollars. Never scientific notation. Grouping
 * and decimal mark follow the locale (atlas_money_group_digits()); rupees
 * are always grouped in lakh and crore; K, M, B, L and Cr are translated.
 * For people, not files: CSV and JSON write numbers with g_ascii_dtostr(). */
char        *atlas_money_format                 (double          amount,
                                                 const char     *currency,
                                                 AtlasMoneyStyle style);

G_END_DECLS

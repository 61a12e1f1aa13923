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

/* Groups digits of a non-negative integer: 3-3-3 or Indian 3-2-2. */
char        *atlas_money_group_digits           (guint64     value,
                                                 gboolean    indian);

/* Formats @amount in @currency ("USD", "INR", …) or, with @currency
 * "intl$", in international dollars. Never scientific notation. */
char        *atlas_money_format                 (double          amount,
                                                 const char     *currency,
                                                 AtlasMoneyStyle style);

G_END_DECLS

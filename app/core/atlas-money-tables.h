/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-money-tables.h: the country and currency tables, sorted by code. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;      /* ISO 3166-1 alpha-2 */
  const char *name;      /* English, marked for translation */
  const char *currency;  /* ISO 4217 */
} AtlasCountryInfo;

typedef struct
{
  const char *code;      /* ISO 4217 */
  const char *symbol;    /* "" where the code is clearer than a symbol */
} AtlasCurrencyInfo;

extern const AtlasCountryInfo _atlas_countries[];
extern const gsize _atlas_n_countries;
extern const AtlasCurrencyInfo _atlas_currencies[];
extern const gsize _atlas_n_currencies;

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-rates.h: exchange rates and PPP factors, and conversion between the
 * currency modes. A conversion without a factor fails rather than guesses. */
#pragma once

#include "atlas-money.h"
#include "atlas-store.h"

G_BEGIN_DECLS

typedef struct _AtlasRates AtlasRates;

AtlasRates *atlas_rates_new            (void);
AtlasRates *atlas_rates_load           (AtlasStore   *store,
                                        GError      **error);
void        atlas_rates_free           (AtlasRates   *self);
void        atlas_rates_set_fx         (AtlasRates   *self,
                                        const char   *currency,
                                        int           year,
                                        double        lcu_per_usd);
void        atlas_rates_set_ppp        (AtlasRates   *self,
                                        const char   *country,
                                        int           year,
                                        double        lcu_per_intl_dollar);
gboolean    atlas_rates_get_fx         (AtlasRates   *self,
                                        const char   *currency,
                                        int           year,
                                        double       *lcu_per_usd);
gboolean    atlas_rates_get_ppp        (AtlasRates   *self,
                                        const char   *country,
                                        int           year,
                                        double       *lcu_per_intl_dollar);

/* Converts one observation into @mode for display in @country's terms.
 * @amount is in @currency, @amount_usd is the USD value where the source
 * gives one (NAN otherwise). Returns FALSE when a needed factor is missing. */
gboolean    atlas_rates_convert        (AtlasRates        *self,
                                        AtlasCurrencyMode  mode,
                                        const char        *country,
                                        int                year,
                                        double             amount,
                                        const char        *currency,
                                        double             amount_usd,
                                        double            *out);

/* The currency code shown for @mode in @country: "USD", "INR", "intl$". */
const char *atlas_rates_display_currency (AtlasCurrencyMode mode,
                                          const char       *country);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasRates, atlas_rates_free)

G_END_DECLS

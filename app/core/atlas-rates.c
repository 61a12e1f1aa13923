/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-rates.c: exchange rates and PPP factors by year, and the currency
 * modes built on them. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-rates.h"
#include "atlas-store-private.h"

struct _AtlasRates
{
  GHashTable *fx;    /* "INR:2024" -> double* LCU per USD */
  GHashTable *ppp;   /* "IN:2024" -> double* LCU per international dollar */
};

AtlasRates *
atlas_rates_new (void)
{
  AtlasRates *self = g_new0 (AtlasRates, 1);

  self->fx = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->ppp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
atlas_rates_free (AtlasRates *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->fx, g_hash_table_unref);
  g_clear_pointer (&self->ppp, g_hash_table_unref);
  g_free (self);
}

static void
set_factor (GHashTable *table,
            const char *code,
            int         year,
            double      value)
{
  g_hash_table_insert (table, g_strdup_printf ("%s:%d", code, year), g_memdup2 (&value, sizeof value));
}

static gboolean
get_factor (GHashTable *table,
            const char *code,
            int         year,
            double     *value)
{
  char key[32];
  double *found;

  g_snprintf (key, sizeof key, "%s:%d", code, year);
  found = g_hash_table_lookup (table, key);
  if (found == NULL)
    return FALSE;

  *value = *found;
  return TRUE;
}

void
atlas_rates_set_fx (AtlasRates *self,
                    const char *currency,
                    int         year,
                    double      lcu_per_usd)
{
  g_return_if_fail (self != NULL && currency != NULL && lcu_per_usd > 0);
  set_factor (self->fx, currency, year, lcu_per_usd);
}

void
atlas_rates_set_ppp (AtlasRates *self,
                     const char *country,
                     int         year,
                     double      lcu_per_intl_dollar)
{
  g_return_if_fail (self != NULL && country != NULL && lcu_per_intl_dollar > 0);
  set_factor (self->ppp, country, year, lcu_per_intl_dollar);
}

gboolean
atlas_rates_get_fx (AtlasRates *self,
                    const char *currency,
                    int         year,
                    double     *lcu_per_usd)
{
  g_return_val_if_fail (self != NULL && currency != NULL, FALSE);

  /* The dollar needs no table. */
  if (g_str_equal (currency, "USD"))
    {
      *lcu_per_usd = 1.0;
      return TRUE;
    }

  return get_factor (self->fx, currency, year, lcu_per_usd);
}

gboolean
atlas_rates_get_ppp (AtlasRates *self,
                     const char *country,
                     int         year,
                     double     *lcu_per_intl_dollar)
{
  g_return_val_if_fail (self != NULL && country != NULL, FALSE);

  if (g_str_equal (country, "US"))
    {
      *lcu_per_intl_dollar = 1.0;
      return TRUE;
    }

  return get_factor (self->ppp, country, year, lcu_per_intl_dollar);
}

AtlasRates *
atlas_rates_load (AtlasStore  *store,
                  GError     **error)
{
  g_autoptr(AtlasRates) self = atlas_rates_new ();
  sqlite3 *db = atlas_store_get_db (store);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT currency, year, lcu_per_usd FROM fx_rates", -1, &stmt, NULL) != SQLITE_OK)
    {
      atlas_store_set_error (store, error, _("reading exchange rates"));
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    atlas_rates_set_fx (self, (const char *) sqlite3_column_text (stmt, 0),
                        sqlite3_column_int (stmt, 1), sqlite3_column_double (stmt, 2));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT country, year, lcu_per_intl_dollar FROM ppp_factors", -1, &stmt, NULL) != SQLITE_OK)
    {
      atlas_store_set_error (store, error, _("reading PPP factors"));
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    atlas_rates_set_ppp (self, (const char *) sqlite3_column_text (stmt, 0),
                         sqlite3_column_int (stmt, 1), sqlite3_column_double (stmt, 2));
  sqlite3_finalize (stmt);

  return g_steal_pointer (&self);
}

const char *
atlas_rates_display_currency (AtlasCurrencyMode  mode,
                              const char        *country)
{
  const char *local;

  switch (mode)
    {
    case ATLAS_CURRENCY_MODE_PPP:
      return "intl$";
    case ATLAS_CURRENCY_MODE_LOCAL:
      local = atlas_money_currency_for_country (country);
      return local != NULL ? local : "USD";
    case ATLAS_CURRENCY_MODE_USD:
    default:
      return "USD";
    }
}

/* The amount in USD: the source's own figure where it has one. */
static gboolean
to_usd (AtlasRates *self,
        int         year,
        double      amount,
        const char *currency,
        double      amount_usd,
        double     *out)
{
  double fx;

  if (!isnan (amount_usd))
    {
      *out = amount_usd;
      return TRUE;
    }

  if (!atlas_rates_get_fx (self, currency, year, &fx))
    return FALSE;

  *out = amount / fx;
  return TRUE;
}

/* The amount in @target currency: as paid when it already is, else through USD. */
static gboolean
to_currency (AtlasRates *self,
             const char *target,
             int         year,
             double      amount,
             const char *currency,
             double      amount_usd,
             double     *out)
{
  double usd, fx;

  if (g_strcmp0 (currency, target) == 0)
    {
      *out = amount;
      return TRUE;
    }

  if (!to_usd (self, year, amount, currency, amount_usd, &usd) ||
      !atlas_rates_get_fx (self, target, year, &fx))
    return FALSE;

  *out = usd * fx;
  return TRUE;
}

gboolean
atlas_rates_convert (AtlasRates        *self,
                     AtlasCurrencyMode  mode,
                     const char        *country,
                     int                year,
                     double             amount,
                     const char        *currency,
                     double             amount_usd,
                     double            *out)
{
  const char *local;
  double local_amount, ppp;

  g_return_val_if_fail (self != NULL, FALSE);

  switch (mode)
    {
    case ATLAS_CURRENCY_MODE_USD:
      return to_usd (self, year, amount, currency, amount_usd, out);

    case ATLAS_CURRENCY_MODE_LOCAL:
      return to_currency (self, atlas_rates_display_currency (mode, country),
                          year, amount, currency, amount_usd, out);

    case ATLAS_CURRENCY_MODE_PPP:
      local = atlas_money_currency_for_country (country);
      if (local == NULL ||
          !to_currency (self, local, year, amount, currency, amount_usd, &local_amount) ||
          !atlas_rates_get_ppp (self, country, year, &ppp))
        return FALSE;
      *out = local_amount / ppp;
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

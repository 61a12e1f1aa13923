/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-bounds.c: plausibility bounds for annual pay, in USD and local terms. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-bounds.h"
#include "data/atlas-core-resources.h"
#include "atlas-csv.h"
#include "atlas-money.h"
#include "atlas-quote.h"

/* Wide enough for any currency's real salaries (a year's pay in Iranian
 * rials or Vietnamese dong is below 10^11), narrow enough to keep 1e308 out. */
#define UNRATED_MIN 1.0
#define UNRATED_MAX 1e12

typedef struct
{
  double min_rate;   /* local units per USD, over all years */
  double max_rate;
} RateRange;

typedef struct
{
  int         col_currency;
  int         col_rate;
  GHashTable *ranges;    /* currency -> RateRange */
} LoadState;

static gboolean
rates_row_cb (const AtlasCsvRow  *row,
              gpointer            user_data,
              GError            **error)
{
  LoadState *state = user_data;
  RateRange *range;
  const char *currency;
  char *end = NULL;
  double rate;

  if (row->index == 0)
    {
      state->col_currency = state->col_rate = -1;
      for (guint i = 0; i < row->n_fields; i++)
        {
          if (strcmp (row->fields[i], "currency") == 0)
            state->col_currency = (int) i;
          else if (strcmp (row->fields[i], "fx_lcu_per_usd") == 0)
            state->col_rate = (int) i;
        }
      return TRUE;
    }

  if (state->col_currency < 0 || state->col_rate < 0 ||
      (guint) MAX (state->col_currency, state->col_rate) >= row->n_fields)
    return TRUE;

  currency = row->fields[state->col_currency];
  rate = g_ascii_strtod (row->fields[state->col_rate], &end);
  if (end == row->fields[state->col_rate] || !isfinite (rate) || rate <= 0)
    return TRUE;

  range = g_hash_table_lookup (state->ranges, currency);
  if (range == NULL)
    {
      range = g_new (RateRange, 1);
      range->min_rate = range->max_rate = rate;
      g_hash_table_insert (state->ranges, g_strdup (currency), range);
    }
  range->min_rate = MIN (range->min_rate, rate);
  range->max_rate = MAX (range->max_rate, rate);

  return TRUE;
}

/* The embedded rates (data/fx-ppp.csv, the seed's), read once per process:
 * the bounds must not depend on what a particular database holds. */
static GHashTable *
rate_ranges (void)
{
  static gsize initialised = 0;
  static GHashTable *ranges = NULL;

  if (g_once_init_enter (&initialised))
    {
      LoadState state = { -1, -1, NULL };
      g_autoptr(GBytes) bytes = NULL;

      state.ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      bytes = g_resource_lookup_data (atlas_core_get_resource (),
                                      "/org/salaryatlas/SalaryAtlas/data/fx-ppp.csv",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          gsize len;
          const char *data = g_bytes_get_data (bytes, &len);

          atlas_csv_parse_buffer (data, len, rates_row_cb, &state, NULL);
        }
      /* A dollar is a dollar whatever the table says. */
      if (!g_hash_table_contains (state.ranges, "USD"))
        {
          RateRange *usd = g_new (RateRange, 1);

          usd->min_rate = usd->max_rate = 1.0;
          g_hash_table_insert (state.ranges, g_strdup ("USD"), usd);
        }
      ranges = state.ranges;
      g_once_init_leave (&initialised, 1);
    }

  return ranges;
}

gboolean
atlas_bounds_local_range (const char *currency,
                          double     *min,
                          double     *max)
{
  const RateRange *range;

  g_return_val_if_fail (currency != NULL, FALSE);

  range = g_hash_table_lookup (rate_ranges (), currency);
  if (range == NULL)
    return FALSE;

  *min = ATLAS_BOUNDS_MIN_ANNUAL_USD * range->min_rate;
  *max = ATLAS_BOUNDS_MAX_ANNUAL_USD * range->max_rate;
  return TRUE;
}

static void
describe (GString    *reason,
          const char *what,
          double      amount,
          const char *currency,
          double      min,
          double      max)
{
  g_autofree char *code = NULL;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean plain = strlen (currency) <= 8;

  for (const char *p = currency; plain && *p != '\0'; p++)
    plain = g_ascii_isalnum (*p);

  /* A code read from the file that is not a plain code is quoted (escaped
   * and capped), and the bounds are then given as bare numbers. */
  if (plain)
    {
      code = g_strdup (currency);
      lo = atlas_money_format (min, currency, ATLAS_MONEY_FULL);
      hi = atlas_money_format (max, currency, ATLAS_MONEY_FULL);
    }
  else
    {
      code = atlas_quote (currency);
      lo = g_strdup_printf ("%.0f", min);
      hi = g_strdup_printf ("%.0f", max);
    }

  /* %g keeps 1e308 short; the bounds are printed in full. */
  g_ascii_formatd (number, sizeof number, "%.6g", amount);
  g_string_printf (reason,
                   /* Translators: "annual amount 1e+308 USD is outside the plausible range $1,000 – $10,000,000" */
                   _("%s %s %s is outside the plausible range %s – %s"),
                   what, number, code, lo, hi);
}

gboolean
atlas_bounds_check_annual (double      amount,
                           const char *currency,
                           double      amount_usd,
                           GString    *reason)
{
  double min, max;

  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (!isnan (amount_usd) &&
      !(amount_usd >= ATLAS_BOUNDS_MIN_ANNUAL_USD && amount_usd <= ATLAS_BOUNDS_MAX_ANNUAL_USD))
    {
      describe (reason, _("annual USD amount"), amount_usd, "USD",
                ATLAS_BOUNDS_MIN_ANNUAL_USD, ATLAS_BOUNDS_MAX_ANNUAL_USD);
      return FALSE;
    }

  if (!atlas_bounds_local_range (currency, &min, &max))
    {
      min = UNRATED_MIN;
      max = UNRATED_MAX;
    }

  if (!(amount >= min && amount <= max))
    {
      describe (reason, _("annual amount"), amount, currency, min, max);
      return FALSE;
    }

  return TRUE;
}

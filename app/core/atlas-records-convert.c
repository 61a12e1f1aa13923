/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-convert.c: the sort by the pay in the chosen currency mode.
 *
 * The column shows atlas_record_row_convert() of each row: local currency
 * and PPP need the row's country's currency, the year's exchange rates and
 * the country's PPP factor, which change with every refresh of the rates,
 * so no index can hold the key.  In USD the key is the pay sort's own
 * (atlas_records_query_walked_sort()), which walks its index.  In the other
 * modes SQLite computes the key by a function of this connection that
 * calls the very conversion the column shows, so the order is exactly the
 * shown values' (to the last bit), and sorts the matching rows (keeping
 * only the best offset + limit): a scan of what the filter selects.  The
 * first pages of a filter that selects many rows are merged from walks of
 * indexes instead, where that is sure to give the same order
 * (atlas-records-merge.c). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-records-private.h"
#include "atlas-store-private.h"

typedef struct
{
  AtlasRates        *rates;
  AtlasCurrencyMode  mode;
} ConvertContext;

static void
convert_context_free (void *data)
{
  ConvertContext *context = data;

  atlas_rates_free (context->rates);
  g_free (context);
}

static double
value_or_nan (sqlite3_value *value)
{
  return sqlite3_value_type (value) == SQLITE_NULL ? NAN : sqlite3_value_double (value);
}

/* atlas_pay_in_mode (country, year, amount, currency, amount_usd, is_figure):
 * the row's pay as the column shows it, NULL where it shows "—". */
static void
pay_in_mode_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  ConvertContext *convert = sqlite3_user_data (context);
  AtlasRecordRow row = { 0 };
  double value;

  g_assert (argc == 6);
  row.country = (char *) sqlite3_value_text (argv[0]);
  row.year = sqlite3_value_int (argv[1]);
  row.amount = value_or_nan (argv[2]);
  row.currency = (char *) sqlite3_value_text (argv[3]);
  row.amount_usd = value_or_nan (argv[4]);
  row.is_figure = sqlite3_value_int (argv[5]) != 0;

  if (atlas_record_row_convert (&row, convert->rates, convert->mode, &value))
    sqlite3_result_double (context, value);
  else
    sqlite3_result_null (context);
}

gboolean
_atlas_records_convert_prepare (AtlasStore         *store,
                                AtlasCurrencyMode   mode,
                                GError            **error)
{
  ConvertContext *context;
  AtlasRates *rates;

  /* The rates as they are now: a refresh of them changes the order. */
  rates = atlas_rates_load (store, error);
  if (rates == NULL)
    return FALSE;
  context = g_new0 (ConvertContext, 1);
  context->rates = rates;
  context->mode = mode;

  /* Replaces the function of the previous page (freeing its context). */
  if (sqlite3_create_function_v2 (atlas_store_get_db (store), "atlas_pay_in_mode", 6,
                                  SQLITE_UTF8 | SQLITE_DIRECTONLY, context, pay_in_mode_func, NULL, NULL,
                                  convert_context_free) != SQLITE_OK)
    {
      atlas_store_set_error (store, error, _("reading records"));
      return FALSE;
    }
  return TRUE;
}

AtlasRecordsSort
atlas_records_query_walked_sort (const AtlasRecordsQuery *query)
{
  g_return_val_if_fail (query != NULL, ATLAS_RECORDS_SORT_DEFAULT);

  if (query->sort == ATLAS_RECORDS_SORT_CONVERTED && query->mode == ATLAS_CURRENCY_MODE_USD)
    return ATLAS_RECORDS_SORT_PAY;
  return query->sort;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-pay.c: see the header. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-records-pay.h"

char *
atlas_records_pay_in_mode (const AtlasRecordRow *row,
                           AtlasCatalog         *catalog,
                           AtlasCurrencyMode     mode,
                           char                **why)
{
  double value;

  g_return_val_if_fail (row != NULL, NULL);

  if (why != NULL)
    *why = NULL;
  if (isnan (row->amount))
    return g_strdup ("");

  if (catalog != NULL && catalog->rates != NULL &&
      atlas_record_row_convert (row, catalog->rates, mode, &value))
    return atlas_money_format (value, atlas_rates_display_currency (mode, row->country),
                               ATLAS_MONEY_FULL);

  if (why != NULL)
    {
      const char *currency = row->currency ? row->currency : "USD";
      const char *country = row->country ? row->country : "?";

      if (g_strcmp0 (currency, "intl$") == 0)
        /* Translators: a tooltip of "—" in the Records list: a figure
         * published in international dollars has no exchange rate */
        *why = g_strdup (_("Not converted: published at purchasing-power parity, in international dollars"));
      else if (row->year <= 0)
        /* Translators: a tooltip of "—" in the Records list: the row's pay
         * cannot be converted without knowing its year */
        *why = g_strdup (_("Not converted: the source gives no year, so no year’s exchange rate or PPP factor applies"));
      else if (mode == ATLAS_CURRENCY_MODE_PPP)
        /* Translators: a tooltip of "—": "No PPP factor for IN in 2025" */
        *why = g_strdup_printf (_("Not converted: no PPP factor for %s in %d"), country, row->year);
      else
        /* Translators: a tooltip of "—": "No exchange rate for INR in 2025" */
        *why = g_strdup_printf (_("Not converted: no exchange rate for %s in %d"), currency, row->year);
    }
  return g_strdup ("—");
}

const char *
atlas_records_pay_mode_title (AtlasCurrencyMode mode)
{
  switch (mode)
    {
    case ATLAS_CURRENCY_MODE_PPP:
      /* Translators: a column of the Records list: the pay at purchasing-power parity */
      return C_("records", "At PPP");
    case ATLAS_CURRENCY_MODE_LOCAL:
      /* Translators: a column of the Records list: the pay in the country's currency */
      return C_("records", "Local");
    case ATLAS_CURRENCY_MODE_USD:
    default:
      /* Translators: a column of the Records list: the pay in US dollars */
      return C_("records", "In USD");
    }
}

const char *
atlas_records_pay_mode_label (AtlasCurrencyMode mode)
{
  switch (mode)
    {
    case ATLAS_CURRENCY_MODE_PPP:
      return _("At purchasing-power parity, as the charts count it");
    case ATLAS_CURRENCY_MODE_LOCAL:
      return _("In the country’s currency, as the charts count it");
    case ATLAS_CURRENCY_MODE_USD:
    default:
      return _("In US dollars, as the charts count it");
    }
}

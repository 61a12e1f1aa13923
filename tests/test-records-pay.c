/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-records-pay.c: the Records list's pay in the chosen currency mode
 * (atlas-records-pay.c). The expected amounts are worked out here from the
 * factors the test sets: an amount in rupees over the year's rupees per
 * dollar, or per international dollar; a row without a year, or a figure
 * published in international dollars, has no US-dollar value. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "atlas-records-pay.h"

static AtlasCatalog *
catalog_new (void)
{
  AtlasCatalog *catalog = g_new0 (AtlasCatalog, 1);

  catalog->rates = atlas_rates_new ();
  atlas_rates_set_fx (catalog->rates, "INR", 2024, 80.0);
  atlas_rates_set_ppp (catalog->rates, "IN", 2024, 20.0);
  atlas_rates_set_ppp (catalog->rates, "US", 2024, 1.0);
  return catalog;
}

static AtlasRecordRow *
row_new (double      amount,
         const char *currency,
         const char *country,
         int         year)
{
  AtlasRecordRow *row = g_new0 (AtlasRecordRow, 1);

  row->amount = amount;
  row->currency = g_strdup (currency);
  row->country = g_strdup (country);
  row->year = year;
  row->amount_usd = NAN;
  row->years_experience = NAN;
  row->low = row->high = NAN;
  return row;
}

static void
test_converts_with_the_years_factor (void)
{
  g_autoptr(AtlasCatalog) catalog = catalog_new ();
  g_autoptr(AtlasRecordRow) row = row_new (1600000, "INR", "IN", 2024);
  g_autofree char *usd = NULL, *ppp = NULL, *local = NULL, *why = NULL;
  g_autofree char *want_usd = atlas_money_format (20000, "USD", ATLAS_MONEY_FULL);
  g_autofree char *want_ppp = atlas_money_format (80000, "intl$", ATLAS_MONEY_FULL);
  g_autofree char *want_local = atlas_money_format (1600000, "INR", ATLAS_MONEY_FULL);

  /* ₹16,00,000 at 80 ₹ per $ is $20,000; at 20 ₹ per intl $, 80,000 intl $. */
  usd = atlas_records_pay_in_mode (row, catalog, ATLAS_CURRENCY_MODE_USD, &why);
  g_assert_cmpstr (usd, ==, want_usd);
  g_assert_cmpstr (usd, ==, "$20,000");
  g_assert_null (why);
  ppp = atlas_records_pay_in_mode (row, catalog, ATLAS_CURRENCY_MODE_PPP, &why);
  g_assert_cmpstr (ppp, ==, want_ppp);
  g_assert_null (why);
  local = atlas_records_pay_in_mode (row, catalog, ATLAS_CURRENCY_MODE_LOCAL, &why);
  g_assert_cmpstr (local, ==, want_local);
  g_assert_null (why);
}

static void
test_not_convertible_says_why (void)
{
  g_autoptr(AtlasCatalog) catalog = catalog_new ();
  g_autoptr(AtlasRecordRow) no_year = row_new (1600000, "INR", "IN", 0);
  g_autoptr(AtlasRecordRow) other_year = row_new (1600000, "INR", "IN", 2019);
  g_autoptr(AtlasRecordRow) intl = row_new (251682, "intl$", "IN", 2024);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *why_a = NULL, *why_b = NULL, *why_c = NULL;

  intl->is_figure = TRUE;
  a = atlas_records_pay_in_mode (no_year, catalog, ATLAS_CURRENCY_MODE_USD, &why_a);
  b = atlas_records_pay_in_mode (other_year, catalog, ATLAS_CURRENCY_MODE_USD, &why_b);
  c = atlas_records_pay_in_mode (intl, catalog, ATLAS_CURRENCY_MODE_USD, &why_c);
  g_assert_cmpstr (a, ==, "—");
  g_assert_cmpstr (b, ==, "—");
  g_assert_cmpstr (c, ==, "—");
  g_assert_nonnull (why_a);
  g_assert_nonnull (strstr (why_b, "2019"));
  g_assert_nonnull (strstr (why_b, "INR"));
  g_assert_nonnull (why_c);
  g_assert_cmpstr (why_a, !=, why_b);
  g_assert_cmpstr (why_a, !=, why_c);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/records-pay/converts", test_converts_with_the_years_factor);
  g_test_add_func ("/records-pay/not-convertible", test_not_convertible_says_why);
  return g_test_run ();
}

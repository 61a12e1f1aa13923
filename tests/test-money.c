/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>
#include <math.h>

#include "atlas-money.h"
#include "atlas-rates.h"

static void
check_format (double          amount,
              const char     *currency,
              AtlasMoneyStyle style,
              const char     *expected)
{
  g_autofree char *text = atlas_money_format (amount, currency, style);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_group_digits (void)
{
  struct { guint64 v; gboolean indian; const char *expected; } cases[] = {
    { 0, FALSE, "0" },
    { 999, FALSE, "999" },
    { 1000, FALSE, "1,000" },
    { 140000, FALSE, "140,000" },
    { 1234567, FALSE, "1,234,567" },
    { 999, TRUE, "999" },
    { 1000, TRUE, "1,000" },
    { 100000, TRUE, "1,00,000" },
    { 1200000, TRUE, "12,00,000" },
    { 12345678, TRUE, "1,23,45,678" },
    { 900000000, TRUE, "90,00,00,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = atlas_money_group_digits (cases[i].v, cases[i].indian);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_full (void)
{
  check_format (140000, "USD", ATLAS_MONEY_FULL, "$140,000");
  check_format (1200000, "INR", ATLAS_MONEY_FULL, "₹12,00,000");
  check_format (60302.4, "intl$", ATLAS_MONEY_FULL, "60,302 intl $");
  check_format (52000, "GBP", ATLAS_MONEY_FULL, "£52,000");
  check_format (52000, "AED", ATLAS_MONEY_FULL, "AED 52,000");
  check_format (-1500, "USD", ATLAS_MONEY_FULL, "−$1,500");
  check_format (NAN, "USD", ATLAS_MONEY_FULL, "—");
}

/* Issue 13: llround() of an amount past 2^63 overflowed, and a median of
 * 1e308 printed as $9,223,372,036,854,775,808.  Amounts past a thousand
 * trillion (and non-finite ones) print as "—" in both styles; just below
 * the limit every digit is still printed, 999,999,999,999,999 being exactly
 * representable as a double (< 2^53). */
static void
test_format_huge (void)
{
  const double huge[] = { 1e15, 9.3e18, 1e19, 1e24, 1e308, -1e300, INFINITY, -INFINITY, NAN };

  for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      check_format (huge[i], "USD", ATLAS_MONEY_FULL, "—");
      check_format (huge[i], "USD", ATLAS_MONEY_SHORT, "—");
      check_format (huge[i], "INR", ATLAS_MONEY_FULL, "—");
      check_format (huge[i], "INR", ATLAS_MONEY_SHORT, "—");
      check_format (huge[i], "intl$", ATLAS_MONEY_FULL, "—");
    }

  check_format (999999999999999.0, "USD", ATLAS_MONEY_FULL, "$999,999,999,999,999");
  check_format (-999999999999999.0, "USD", ATLAS_MONEY_FULL, "−$999,999,999,999,999");
  check_format (999999999999999.0, "INR", ATLAS_MONEY_FULL, "₹99,99,99,99,99,99,999");
}

static void
test_format_short (void)
{
  check_format (140000, "USD", ATLAS_MONEY_SHORT, "$140K");
  check_format (15809, "USD", ATLAS_MONEY_SHORT, "$15.8K");
  check_format (800000, "USD", ATLAS_MONEY_SHORT, "$800K");
  check_format (1250000, "USD", ATLAS_MONEY_SHORT, "$1.3M");
  check_format (999999, "USD", ATLAS_MONEY_SHORT, "$1M");
  check_format (0, "USD", ATLAS_MONEY_SHORT, "$0");
  check_format (1200000, "INR", ATLAS_MONEY_SHORT, "₹12 L");
  check_format (200000, "INR", ATLAS_MONEY_SHORT, "₹2 L");
  check_format (1250000, "INR", ATLAS_MONEY_SHORT, "₹12.5 L");
  check_format (12000000, "INR", ATLAS_MONEY_SHORT, "₹1.2 Cr");
  check_format (90000000, "INR", ATLAS_MONEY_SHORT, "₹9 Cr");
  check_format (85000, "INR", ATLAS_MONEY_SHORT, "₹85K");
  check_format (60000, "intl$", ATLAS_MONEY_SHORT, "60K intl $");
}

static void
test_tables (void)
{
  g_assert_true (atlas_money_is_currency ("INR"));
  g_assert_true (atlas_money_is_currency ("USD"));
  g_assert_false (atlas_money_is_currency ("XYZ"));
  g_assert_false (atlas_money_is_currency ("usd"));
  g_assert_true (atlas_money_is_country ("GB"));
  g_assert_false (atlas_money_is_country ("UK"));
  g_assert_cmpstr (atlas_money_currency_for_country ("IN"), ==, "INR");
  g_assert_cmpstr (atlas_money_currency_for_country ("DE"), ==, "EUR");
  g_assert_null (atlas_money_currency_for_country ("ZZ"));
  g_assert_cmpstr (atlas_money_country_name ("IN"), ==, "India");
}

/* fx-ppp.csv, 2024: 83.669 INR per USD, 19.9 INR per international dollar;
 * its README's example: ₹12,00,000 = $14,342 nominal, about 60,302 intl $. */
static void
test_convert (void)
{
  g_autoptr(AtlasRates) rates = atlas_rates_new ();
  double out;

  atlas_rates_set_fx (rates, "INR", 2024, 83.669);
  atlas_rates_set_ppp (rates, "IN", 2024, 19.9);

  g_assert_true (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_USD, "IN", 2024, 1200000, "INR", NAN, &out));
  g_assert_cmpfloat_with_epsilon (out, 14342.2, 0.1);
  g_assert_true (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_PPP, "IN", 2024, 1200000, "INR", NAN, &out));
  g_assert_cmpfloat_with_epsilon (out, 60301.5, 0.1);
  g_assert_true (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_LOCAL, "IN", 2024, 1200000, "INR", NAN, &out));
  g_assert_cmpfloat (out, ==, 1200000);

  /* A USD salary in India shown in rupees goes through the yearly rate. */
  g_assert_true (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_LOCAL, "IN", 2024, 10000, "USD", 10000, &out));
  g_assert_cmpfloat_with_epsilon (out, 836690, 1e-6);

  /* The source's own USD figure wins over our rate. */
  g_assert_true (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_USD, "IN", 2024, 1200000, "INR", 14000, &out));
  g_assert_cmpfloat (out, ==, 14000);

  /* The US is the PPP base: dollars are international dollars. */
  g_assert_true (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_PPP, "US", 2024, 140000, "USD", 140000, &out));
  g_assert_cmpfloat (out, ==, 140000);

  /* Missing factors fail instead of guessing. */
  g_assert_false (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_PPP, "IN", 2025, 1200000, "INR", NAN, &out));
  g_assert_false (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_USD, "IN", 2023, 1200000, "INR", NAN, &out));
  g_assert_false (atlas_rates_convert (rates, ATLAS_CURRENCY_MODE_PPP, "GB", 2024, 50000, "GBP", 63000, &out));
}

static void
test_modes (void)
{
  AtlasCurrencyMode mode;

  g_assert_true (atlas_currency_mode_from_string ("ppp", &mode));
  g_assert_cmpint (mode, ==, ATLAS_CURRENCY_MODE_PPP);
  g_assert_true (atlas_currency_mode_from_string ("LOCAL", &mode));
  g_assert_cmpint (mode, ==, ATLAS_CURRENCY_MODE_LOCAL);
  g_assert_false (atlas_currency_mode_from_string ("eur", &mode));
  g_assert_cmpstr (atlas_rates_display_currency (ATLAS_CURRENCY_MODE_LOCAL, "IN"), ==, "INR");
  g_assert_cmpstr (atlas_rates_display_currency (ATLAS_CURRENCY_MODE_PPP, "IN"), ==, "intl$");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/money/group-digits", test_group_digits);
  g_test_add_func ("/atlas/money/format-full", test_format_full);
  g_test_add_func ("/atlas/money/format-short", test_format_short);
  g_test_add_func ("/atlas/money/format-huge", test_format_huge);
  g_test_add_func ("/atlas/money/tables", test_tables);
  g_test_add_func ("/atlas/money/convert", test_convert);
  g_test_add_func ("/atlas/money/modes", test_modes);

  return g_test_run ();
}

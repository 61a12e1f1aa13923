/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-locale-format.c: amounts and counts written the way each locale
 * writes numbers. The expected strings follow the locales' published
 * conventions (glibc's LC_NUMERIC: en_US "," and ".", groups of 3; de_DE
 * "." and ","; en_IN groups of 3 then 2; hi_IN groups of 3), and rupees
 * always in lakh and crore. A locale that is not generated is skipped
 * (build-aux/deps.sh generates all four). */

#include "config.h"

#include <locale.h>

#include "atlas-money.h"

typedef struct
{
  double          amount;
  const char     *currency;
  AtlasMoneyStyle style;
  const char     *expected;
} Case;

static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not generated", name);
      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static void
check_cases (const Case *cases,
             guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *text = atlas_money_format (cases[i].amount, cases[i].currency,
                                                  cases[i].style);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
check_digits (guint64     value,
              gboolean    indian,
              const char *expected)
{
  g_autofree char *text = atlas_money_group_digits (value, indian);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_en_us (void)
{
  static const Case cases[] = {
    { 190000, "USD", ATLAS_MONEY_FULL, "$190,000" },
    { 24300, "USD", ATLAS_MONEY_SHORT, "$24.3K" },
    { 1200000, "USD", ATLAS_MONEY_SHORT, "$1.2M" },
    { 1200000, "INR", ATLAS_MONEY_FULL, "₹12,00,000" },
    { 1250000, "INR", ATLAS_MONEY_SHORT, "₹12.5 L" },
    { 12000000, "INR", ATLAS_MONEY_SHORT, "₹1.2 Cr" },
  };

  if (!use_locale ("en_US.UTF-8"))
    return;
  check_cases (cases, G_N_ELEMENTS (cases));
  check_digits (1234567, FALSE, "1,234,567");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_de_de (void)
{
  /* The issue this fixes: "$190,000" next to "$24,3K" in one window. */
  static const Case cases[] = {
    { 190000, "USD", ATLAS_MONEY_FULL, "$190.000" },
    { 24300, "USD", ATLAS_MONEY_SHORT, "$24,3K" },
    { 1200000, "USD", ATLAS_MONEY_SHORT, "$1,2M" },
    { 1200000, "INR", ATLAS_MONEY_FULL, "₹12.00.000" },
    { 1250000, "INR", ATLAS_MONEY_SHORT, "₹12,5 L" },
    { 12000000, "INR", ATLAS_MONEY_SHORT, "₹1,2 Cr" },
    { -4500, "EUR", ATLAS_MONEY_FULL, "−€4.500" },
  };

  if (!use_locale ("de_DE.UTF-8"))
    return;
  check_cases (cases, G_N_ELEMENTS (cases));
  check_digits (1234567, FALSE, "1.234.567");
  check_digits (1234567, TRUE, "12.34.567");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_hi_in (void)
{
  /* hi_IN groups in threes (glibc's definition); rupees still in lakh. */
  static const Case cases[] = {
    { 190000, "USD", ATLAS_MONEY_FULL, "$190,000" },
    { 24300, "USD", ATLAS_MONEY_SHORT, "$24.3K" },
    { 1200000, "INR", ATLAS_MONEY_FULL, "₹12,00,000" },
    { 123456789, "INR", ATLAS_MONEY_FULL, "₹12,34,56,789" },
    { 12000000, "INR", ATLAS_MONEY_SHORT, "₹1.2 Cr" },
  };

  if (!use_locale ("hi_IN.UTF-8"))
    return;
  check_cases (cases, G_N_ELEMENTS (cases));
  check_digits (1234567, FALSE, "1,234,567");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_en_in (void)
{
  /* en_IN groups every number in lakh and crore: dollars too. */
  static const Case cases[] = {
    { 190000, "USD", ATLAS_MONEY_FULL, "$1,90,000" },
    { 24300, "USD", ATLAS_MONEY_SHORT, "$24.3K" },
    { 1200000, "INR", ATLAS_MONEY_FULL, "₹12,00,000" },
    { 60000, "intl$", ATLAS_MONEY_FULL, "60,000 intl $" },
  };

  if (!use_locale ("en_IN.UTF-8"))
    return;
  check_cases (cases, G_N_ELEMENTS (cases));
  check_digits (1234567, FALSE, "12,34,567");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_c (void)
{
  /* C groups nothing; the app keeps English grouping rather than 190000. */
  static const Case cases[] = {
    { 190000, "USD", ATLAS_MONEY_FULL, "$190,000" },
    { 24300, "USD", ATLAS_MONEY_SHORT, "$24.3K" },
    { 1200000, "INR", ATLAS_MONEY_FULL, "₹12,00,000" },
  };

  if (!use_locale ("C.UTF-8"))
    return;
  check_cases (cases, G_N_ELEMENTS (cases));
  check_digits (999, FALSE, "999");
  check_digits (1000, FALSE, "1,000");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/locale-format/en_US", test_en_us);
  g_test_add_func ("/atlas/locale-format/de_DE", test_de_de);
  g_test_add_func ("/atlas/locale-format/hi_IN", test_hi_in);
  g_test_add_func ("/atlas/locale-format/en_IN", test_en_in);
  g_test_add_func ("/atlas/locale-format/C", test_c);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 13, item 1: plausibility bounds of annual pay, in USD and in local
 * terms.  The local bounds are derived here from data/fx-ppp.csv (the
 * World Bank rates the core embeds), read with plain string splitting. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-bounds.h"

static gboolean
accepts (double      amount,
         const char *currency,
         double      amount_usd)
{
  g_autoptr(GString) reason = g_string_new (NULL);
  gboolean ok = atlas_bounds_check_annual (amount, currency, amount_usd, reason);

  g_assert_true (ok == (reason->len == 0));
  return ok;
}

/* The lowest and highest INR per USD of any year in the embedded table. */
static void
inr_rates (double *lo,
           double *hi)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATLAS_SOURCE_ROOT"), "data",
                                            "fx-ppp.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  int rate_col = -1;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], ",", -1);

      if (i == 0)
        {
          for (int c = 0; cols[c] != NULL; c++)
            if (strcmp (cols[c], "fx_lcu_per_usd") == 0)
              rate_col = c;
          g_assert_cmpint (rate_col, >, 2);
          continue;
        }
      if (strcmp (cols[2], "INR") == 0)
        {
          double rate = g_ascii_strtod (cols[rate_col], NULL);

          *lo = MIN (*lo, rate);
          *hi = MAX (*hi, rate);
        }
    }
  g_assert_true (isfinite (*lo) && isfinite (*hi));
}

static void
test_usd (void)
{
  g_autoptr(GString) reason = g_string_new (NULL);

  g_assert_true (accepts (1000, "USD", NAN));
  g_assert_true (accepts (140000, "USD", 140000));
  g_assert_true (accepts (10000000, "USD", NAN));
  g_assert_false (accepts (999.99, "USD", NAN));
  g_assert_false (accepts (0, "USD", NAN));
  g_assert_false (accepts (10000001, "USD", NAN));
  g_assert_false (accepts (1e308, "USD", NAN));
  g_assert_false (accepts (INFINITY, "USD", NAN));
  g_assert_false (accepts (NAN, "USD", NAN));

  /* The case of the issue: salary 1e308 with salary_in_usd 1e23. */
  g_assert_false (atlas_bounds_check_annual (1e308, "USD", 99999999999999999999999.0, reason));
  g_assert_nonnull (strstr (reason->str, "1e+23"));
  g_assert_nonnull (strstr (reason->str, "$1,000 – $10,000,000"));

  /* A plausible local amount does not excuse an absurd USD value. */
  g_assert_false (accepts (60000, "GBP", 5));
  g_assert_false (accepts (60000, "GBP", 2e7));
}

static void
test_local (void)
{
  g_autoptr(GString) reason = g_string_new (NULL);
  double lo, hi, min, max;

  inr_rates (&lo, &hi);
  g_assert_true (atlas_bounds_local_range ("INR", &min, &max));
  g_assert_cmpfloat_with_epsilon (min, 1000 * lo, 1e-6);
  g_assert_cmpfloat_with_epsilon (max, 1e7 * hi, 1e-3);

  g_assert_true (accepts (1200000, "INR", NAN));       /* ₹12 L */
  g_assert_true (accepts (1000 * lo, "INR", NAN));
  g_assert_false (accepts (1000 * lo - 1, "INR", NAN));
  g_assert_true (accepts (1e7 * hi, "INR", NAN));
  g_assert_false (accepts (1e7 * hi + 1, "INR", NAN));

  /* ₹5,000 a year is under $1,000 at any year's rate. */
  g_assert_false (atlas_bounds_check_annual (5000, "INR", NAN, reason));
  g_assert_nonnull (strstr (reason->str, "INR"));
  g_assert_nonnull (strstr (reason->str, "₹"));

  /* No embedded rate: only the wide envelope. */
  g_assert_false (atlas_bounds_local_range ("EUR", &min, &max));
  g_assert_true (accepts (55000, "EUR", NAN));
  g_assert_true (accepts (1e12, "JPY", NAN));
  g_assert_false (accepts (1.1e12, "JPY", NAN));
  g_assert_false (accepts (0.5, "EUR", NAN));
  g_assert_false (accepts (1e308, "EUR", NAN));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/bounds/usd", test_usd);
  g_test_add_func ("/atlas/bounds/local", test_local);

  return g_test_run ();
}

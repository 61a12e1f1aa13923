/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scales, nice ticks and axis labels on awkward ranges. */

#include <math.h>
#include <string.h>

#include "atlas-scale.h"

static void
assert_ticks_on_scale (const AtlasScale *scale,
                       const AtlasTicks *ticks)
{
  g_assert_cmpuint (ticks->n, >=, 2);
  g_assert_cmpuint (ticks->n, <=, ATLAS_SCALE_MAX_TICKS);
  g_assert_cmpfloat_with_epsilon (ticks->values[0], scale->min, fabs (scale->max) * 1e-9 + 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks->values[ticks->n - 1], scale->max, fabs (scale->max) * 1e-9);
  for (guint i = 1; i < ticks->n; i++)
    g_assert_cmpfloat (ticks->values[i], >, ticks->values[i - 1]);
}

static void
assert_no_scientific (const AtlasTicks *ticks,
                      const char       *currency)
{
  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *label = atlas_scale_format_money (ticks->values[i], currency);

      g_assert_null (strstr (label, "e+"));
      g_assert_null (strstr (label, "e-"));
      g_assert_null (strstr (label, "E+"));
    }
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat (atlas_scale_nice_step (784191, 5), ==, 200000);
  g_assert_cmpfloat_with_epsilon (atlas_scale_nice_step (1, 5), 0.2, 1e-12);
  g_assert_cmpfloat (atlas_scale_nice_step (100, 4), ==, 25);
  g_assert_cmpfloat (atlas_scale_nice_step (0, 5), ==, 1);
  g_assert_cmpfloat (atlas_scale_nice_step (-5, 5), ==, 1);
  g_assert_cmpfloat (atlas_scale_nice_step (NAN, 5), ==, 1);
}

static void
test_unit_range (void)
{
  AtlasScale s;
  AtlasTicks t;

  atlas_scale_linear (0, 1, 5, FALSE, &s, &t);
  g_assert_cmpfloat (s.min, ==, 0);
  g_assert_cmpfloat (s.max, ==, 1);
  g_assert_cmpuint (t.n, ==, 6);
  /* Snapped, not accumulated: 0.6 is 0.6, not 0.6000000000000001. */
  g_assert_cmpfloat (t.values[3], ==, 0.6);
  assert_ticks_on_scale (&s, &t);
  g_assert_cmpfloat (atlas_scale_map (&s, 0.25), ==, 0.25);
}

static void
test_usd_range (void)
{
  AtlasScale s;
  AtlasTicks t;
  g_autofree char *top = NULL;
  g_autofree char *bottom = NULL;

  /* The aijobs salary_in_usd range. */
  atlas_scale_linear (15809, 800000, 5, FALSE, &s, &t);
  assert_ticks_on_scale (&s, &t);
  g_assert_cmpfloat (s.min, <=, 15809);
  g_assert_cmpfloat (s.max, >=, 800000);
  g_assert_cmpfloat (s.max, ==, 800000);
  g_assert_cmpuint (t.n, ==, 5);
  bottom = atlas_scale_format_money (t.values[0], "USD");
  top = atlas_scale_format_money (t.values[t.n - 1], "USD");
  g_assert_cmpstr (bottom, ==, "$0");
  g_assert_cmpstr (top, ==, "$800K");
  assert_no_scientific (&t, "USD");

  /* More ticks on a taller axis, still nice. */
  atlas_scale_linear (15809, 800000, 10, FALSE, &s, &t);
  assert_ticks_on_scale (&s, &t);
  g_assert_cmpfloat (fmod (t.values[1] - t.values[0], 50000), ==, 0);
}

static void
test_inr_range (void)
{
  AtlasScale s;
  AtlasTicks t;
  gboolean saw_crore = FALSE;

  /* 2 lakh to 9 crore rupees. */
  atlas_scale_linear (200000, 90000000, 5, FALSE, &s, &t);
  assert_ticks_on_scale (&s, &t);
  g_assert_cmpfloat (s.min, <=, 200000);
  g_assert_cmpfloat (s.max, >=, 90000000);
  for (guint i = 0; i < t.n; i++)
    {
      g_autofree char *label = atlas_scale_format_money (t.values[i], "INR");

      g_assert_true (g_str_has_prefix (label, "₹"));
      if (t.values[i] == 20000000)
        {
          g_assert_cmpstr (label, ==, "₹2 Cr");
          saw_crore = TRUE;
        }
    }
  g_assert_true (saw_crore);
  assert_no_scientific (&t, "INR");
}

static void
test_single_value (void)
{
  AtlasScale s;
  AtlasTicks t;
  double m;

  atlas_scale_linear (140000, 140000, 5, FALSE, &s, &t);
  assert_ticks_on_scale (&s, &t);
  m = atlas_scale_map (&s, 140000);
  g_assert_cmpfloat (m, >, 0);
  g_assert_cmpfloat (m, <, 1);

  /* Zero-based, as bars are: the bar still has a length. */
  atlas_scale_linear (140000, 140000, 5, TRUE, &s, &t);
  g_assert_cmpfloat (s.min, ==, 0);
  g_assert_cmpfloat (atlas_scale_map (&s, 140000), >, 0.5);
  g_assert_cmpfloat (atlas_scale_map (&s, 140000), <=, 1);
}

static void
test_all_equal (void)
{
  AtlasScale s;
  AtlasTicks t;

  atlas_scale_linear (0, 0, 5, FALSE, &s, &t);
  assert_ticks_on_scale (&s, &t);
  g_assert_cmpfloat (s.max, >, s.min);

  atlas_scale_linear (-3, -3, 5, FALSE, &s, &t);
  assert_ticks_on_scale (&s, &t);
  g_assert_cmpfloat (s.min, <, -3);
  g_assert_cmpfloat (s.max, >, -3);

  /* Reversed and non-finite input do not break it either. */
  atlas_scale_linear (10, 2, 5, FALSE, &s, &t);
  g_assert_cmpfloat (s.min, <=, 2);
  g_assert_cmpfloat (s.max, >=, 10);
  atlas_scale_linear (NAN, INFINITY, 5, FALSE, &s, &t);
  assert_ticks_on_scale (&s, &t);
}

static void
test_log (void)
{
  AtlasScale s;
  AtlasTicks t;
  gboolean saw_50k = FALSE, saw_crore = FALSE;

  atlas_scale_log (15809, 800000, &s, &t);
  g_assert_true (s.log);
  g_assert_cmpfloat (s.min, ==, 10000);
  g_assert_cmpfloat (s.max, ==, 1000000);
  assert_ticks_on_scale (&s, &t);
  for (guint i = 0; i < t.n; i++)
    if (t.values[i] == 50000)
      saw_50k = TRUE;
  g_assert_true (saw_50k);
  g_assert_cmpfloat_with_epsilon (atlas_scale_map (&s, 100000), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (atlas_scale_unmap (&s, atlas_scale_map (&s, 123456)), 123456, 1e-6);
  assert_no_scientific (&t, "USD");

  atlas_scale_log (200000, 90000000, &s, &t);
  g_assert_cmpfloat (s.min, ==, 200000);
  g_assert_cmpfloat (s.max, ==, 100000000);
  for (guint i = 0; i < t.n; i++)
    {
      g_autofree char *label = atlas_scale_format_money (t.values[i], "INR");
      if (g_str_equal (label, "₹1 Cr"))
        saw_crore = TRUE;
    }
  g_assert_true (saw_crore);

  /* A single value sits inside the axis, and zero does not crash it. */
  atlas_scale_log (140000, 140000, &s, &t);
  g_assert_cmpfloat (s.min, <, 140000);
  g_assert_cmpfloat (s.max, >, 140000);
  atlas_scale_log (0, 0, &s, &t);
  g_assert_cmpfloat (s.min, >, 0);
  g_assert_cmpfloat (s.max, >, s.min);

  /* Many decades: powers of ten only. */
  atlas_scale_log (1, 1e9, &s, &t);
  for (guint i = 0; i < t.n; i++)
    g_assert_cmpfloat_with_epsilon (log10 (t.values[i]), round (log10 (t.values[i])), 1e-9);
}

static void
test_format (void)
{
  g_autofree char *usd = atlas_scale_format_money (140000, "USD");
  g_autofree char *lakh = atlas_scale_format_money (1200000, "INR");
  g_autofree char *crore = atlas_scale_format_money (12000000, "INR");
  g_autofree char *intl = atlas_scale_format_money (60000, "intl$");
  g_autofree char *c0 = atlas_scale_format_count (0);
  g_autofree char *c1 = atlas_scale_format_count (950);
  g_autofree char *c2 = atlas_scale_format_count (1200);
  g_autofree char *c3 = atlas_scale_format_count (15000);
  g_autofree char *c4 = atlas_scale_format_count (2000000);
  g_autofree char *c5 = atlas_scale_format_count (1e12);

  g_assert_cmpstr (usd, ==, "$140K");
  g_assert_cmpstr (lakh, ==, "₹12 L");
  g_assert_cmpstr (crore, ==, "₹1.2 Cr");
  g_assert_cmpstr (intl, ==, "60K intl $");
  g_assert_cmpstr (c0, ==, "0");
  g_assert_cmpstr (c1, ==, "950");
  g_assert_cmpstr (c2, ==, "1.2K");
  g_assert_cmpstr (c3, ==, "15K");
  g_assert_cmpstr (c4, ==, "2M");
  g_assert_null (strchr (c5, 'e'));
}

/* Issue 13: an axis over absurd amounts read "$1000000000000000B".  No
 * label of a tick over such a range has more than six digits in a row;
 * amounts past the printable limit read "—" (money) or "–" (counts). */
static void
test_format_huge (void)
{
  const double tops[] = { 1e16, 1e24, 1e100, 1e308 };

  for (guint k = 0; k < G_N_ELEMENTS (tops); k++)
    {
      AtlasScale s;
      AtlasTicks t;

      atlas_scale_linear (0, tops[k], 5, TRUE, &s, &t);
      g_assert_cmpuint (t.n, >, 1);
      for (guint i = 0; i < t.n; i++)
        {
          g_autofree char *money = atlas_scale_format_money (t.values[i], "USD");
          g_autofree char *count = atlas_scale_format_count (t.values[i]);
          guint run = 0, longest = 0;

          for (const char *p = money; *p != '\0'; p++)
            {
              run = g_ascii_isdigit (*p) ? run + 1 : 0;
              longest = MAX (longest, run);
            }
          for (const char *p = count; *p != '\0'; p++)
            {
              run = g_ascii_isdigit (*p) ? run + 1 : 0;
              longest = MAX (longest, run);
            }
          g_assert_cmpuint (longest, <=, 6);
        }
    }

  {
    g_autofree char *money = atlas_scale_format_money (1e24, "USD");
    g_autofree char *count = atlas_scale_format_count (1e300);

    g_assert_cmpstr (money, ==, "—");
    g_assert_cmpstr (count, ==, "–");
  }
}

static void
test_bins (void)
{
  double edges[64];
  guint n;

  n = atlas_scale_bin_edges (15809, 800000, 40, FALSE, edges, G_N_ELEMENTS (edges));
  g_assert_cmpuint (n, >=, 20);
  g_assert_cmpuint (n, <=, 42);
  g_assert_cmpfloat (edges[0], <=, 15809);
  g_assert_cmpfloat (edges[n - 1], >, 800000);
  for (guint i = 2; i < n; i++)
    g_assert_cmpfloat_with_epsilon (edges[i] - edges[i - 1], edges[1] - edges[0], 1e-6);

  n = atlas_scale_bin_edges (15809, 800000, 20, TRUE, edges, G_N_ELEMENTS (edges));
  g_assert_cmpfloat (edges[0], <=, 15809);
  g_assert_cmpfloat (edges[n - 1], >, 800000);
  for (guint i = 2; i < n; i++)
    g_assert_cmpfloat_with_epsilon (edges[i] / edges[i - 1], edges[1] / edges[0], 1e-9);

  /* All-equal values still give one bin that holds them. */
  n = atlas_scale_bin_edges (5, 5, 10, FALSE, edges, G_N_ELEMENTS (edges));
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (edges[0], <=, 5);
  g_assert_cmpfloat (edges[n - 1], >, 5);

  /* The caller's limit holds. */
  n = atlas_scale_bin_edges (0, 1, 1000, FALSE, edges, 8);
  g_assert_cmpuint (n, <=, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/scale/nice-step", test_nice_step);
  g_test_add_func ("/atlas/scale/unit-range", test_unit_range);
  g_test_add_func ("/atlas/scale/usd-range", test_usd_range);
  g_test_add_func ("/atlas/scale/inr-lakh-crore", test_inr_range);
  g_test_add_func ("/atlas/scale/single-value", test_single_value);
  g_test_add_func ("/atlas/scale/all-equal", test_all_equal);
  g_test_add_func ("/atlas/scale/log", test_log);
  g_test_add_func ("/atlas/scale/format", test_format);
  g_test_add_func ("/atlas/scale/format-huge", test_format_huge);
  g_test_add_func ("/atlas/scale/bins", test_bins);

  return g_test_run ();
}

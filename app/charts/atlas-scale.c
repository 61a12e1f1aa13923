/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-scale.c: value scales, nice ticks and axis label formatting. */
#include "config.h"

#include <math.h>

#include "atlas-money.h"
#include "atlas-scale.h"

double
atlas_scale_nice_step (double span,
                       guint  target)
{
  static const double steps[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double raw, magnitude, norm;

  if (target == 0)
    target = 1;
  if (!isfinite (span) || span <= 0)
    return 1.0;

  raw = span / target;
  magnitude = pow (10.0, floor (log10 (raw)));
  norm = raw / magnitude;

  /* The first nice step at least as large as the raw one keeps the tick
   * count at or under the target. The epsilon absorbs floating error such
   * as 1.9999999 for 2. */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= norm - 1e-9)
      return steps[i] * magnitude;

  return 10.0 * magnitude;
}

static double
snap (double value,
      double step)
{
  /* Rounding to the decimals the step has (plus one, for 2.5 × 10^k)
   * gives 0.6 rather than 3 × 0.2 = 0.6000000000000001. */
  int decimals = MAX (0, 1 - (int) floor (log10 (step)));
  double p = pow (10.0, decimals);
  double v = decimals > 0 ? round (value * p) / p : round (value / step) * step;

  /* Avoid "-0" labels. */
  return fabs (v) < step * 1e-9 ? 0.0 : v;
}

void
atlas_scale_linear (double      lo,
                    double      hi,
                    guint       target,
                    gboolean    zero_based,
                    AtlasScale *scale,
                    AtlasTicks *ticks)
{
  double step, min, max;
  guint n;

  g_return_if_fail (scale != NULL);

  if (!isfinite (lo) && !isfinite (hi))
    lo = 0, hi = 1;
  else if (!isfinite (lo))
    lo = hi;
  else if (!isfinite (hi))
    hi = lo;

  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }

  if (zero_based && lo > 0)
    lo = 0;
  if (zero_based && hi < 0)
    hi = 0;

  if (hi == lo)
    {
      /* A single value or all-equal values: centre it in a small range
       * rather than dividing by zero. */
      if (lo == 0)
        hi = 1;
      else
        {
          double pad = fabs (lo) * 0.1;
          lo = zero_based && lo >= 0 ? 0 : lo - pad;
          hi = hi + pad;
        }
    }

  target = CLAMP (target, 2, ATLAS_SCALE_MAX_TICKS - 2);
  step = atlas_scale_nice_step (hi - lo, target);
  min = floor (lo / step + 1e-9) * step;
  max = ceil (hi / step - 1e-9) * step;
  if (max <= min)
    max = min + step;

  n = (guint) llround ((max - min) / step) + 1;
  while (n > ATLAS_SCALE_MAX_TICKS)
    {
      step *= 2;
      min = floor (lo / step + 1e-9) * step;
      max = ceil (hi / step - 1e-9) * step;
      n = (guint) llround ((max - min) / step) + 1;
    }

  scale->min = snap (min, step);
  scale->max = snap (max, step);
  scale->log = FALSE;

  if (ticks != NULL)
    {
      ticks->n = n;
      for (guint i = 0; i < n; i++)
        ticks->values[i] = snap (min + i * step, step);
    }
}

void
atlas_scale_log (double      lo,
                 double      hi,
                 AtlasScale *scale,
                 AtlasTicks *ticks)
{
  static const double mantissas[] = { 1.0, 2.0, 5.0 };
  double lmin, lmax, min = 0, max = 0;
  gboolean decades_only;

  g_return_if_fail (scale != NULL);

  if (!isfinite (hi) || hi <= 0)
    hi = isfinite (lo) && lo > 0 ? lo : 1.0;
  if (!isfinite (lo) || lo <= 0)
    lo = hi / 1000.0;
  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (hi / lo < 1.5)
    {
      /* A single value: show it between its neighbouring nice numbers. */
      lo /= 1.5;
      hi *= 1.5;
    }

  decades_only = log10 (hi) - log10 (lo) > 3.0;

  /* The largest candidate at or below lo, the smallest at or above hi. */
  lmin = floor (log10 (lo) + 1e-9);
  lmax = ceil (log10 (hi) - 1e-9);
  min = pow (10.0, lmin);
  max = pow (10.0, lmax);
  if (!decades_only)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
        {
          double c = mantissas[i] * pow (10.0, lmin);
          if (c <= lo * (1 + 1e-9))
            min = c;
        }
      for (int i = G_N_ELEMENTS (mantissas) - 1; i >= 0; i--)
        {
          double c = mantissas[i] * pow (10.0, lmax - 1);
          if (c >= hi * (1 - 1e-9))
            max = c;
        }
    }

  scale->min = min;
  scale->max = max;
  scale->log = TRUE;

  if (ticks != NULL)
    {
      ticks->n = 0;
      for (double k = lmin; k <= lmax && ticks->n < ATLAS_SCALE_MAX_TICKS; k++)
        for (guint i = 0; i < (decades_only ? 1 : G_N_ELEMENTS (mantissas)); i++)
          {
            double v = mantissas[i] * pow (10.0, k);

            if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)
                && ticks->n < ATLAS_SCALE_MAX_TICKS)
              ticks->values[ticks->n++] = v;
          }
    }
}

double
atlas_scale_map (const AtlasScale *scale,
                 double            value)
{
  g_return_val_if_fail (scale != NULL, 0);

  if (scale->log)
    {
      double a = log10 (scale->min), b = log10 (scale->max);

      if (value <= 0)
        return -1.0;
      return (log10 (value) - a) / (b - a);
    }

  return (value - scale->min) / (scale->max - scale->min);
}

double
atlas_scale_unmap (const AtlasScale *scale,
                   double            t)
{
  g_return_val_if_fail (scale != NULL, 0);

  if (scale->log)
    {
      double a = log10 (scale->min), b = log10 (scale->max);
      return pow (10.0, a + t * (b - a));
    }

  return scale->min + t * (scale->max - scale->min);
}

char *
atlas_scale_format_money (double      value,
                          const char *currency)
{
  return atlas_money_format (value, currency != NULL ? currency : "USD", ATLAS_MONEY_SHORT);
}

static char *
format_short (double      value,
              const char *suffix)
{
  /* One decimal at most, and none when it would be ".0". */
  if (fabs (value - round (value)) < 0.05 || fabs (value) >= 100)
    return g_strdup_printf ("%.0f%s", round (value), suffix);
  return g_strdup_printf ("%.1f%s", value, suffix);
}

char *
atlas_scale_format_count (double value)
{
  double a = fabs (value);

  /* Beyond a thousand trillion the digits say nothing (see atlas-money.c). */
  if (!isfinite (value) || a >= 1e15)
    return g_strdup ("–");
  if (a >= 999500000.0)
    return format_short (value / 1e9, "B");
  if (a >= 999500.0)
    return format_short (value / 1e6, "M");
  if (a >= 1000.0)
    return format_short (value / 1e3, "K");
  if (a >= 10 || a == 0)
    return g_strdup_printf ("%.0f", round (value));
  if (a >= 1)
    return format_short (value, "");
  return g_strdup_printf ("%.2g", value);
}

guint
atlas_scale_bin_edges (double  lo,
                       double  hi,
                       guint   target,
                       gboolean log,
                       double *edges,
                       guint   max_edges)
{
  guint n = 0;

  g_return_val_if_fail (edges != NULL, 0);
  g_return_val_if_fail (max_edges >= 2, 0);

  if (target == 0)
    target = 1;
  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }

  if (log && lo > 0)
    {
      static const guint per_decade[] = { 1, 2, 4, 5, 10, 20, 40 };
      double decades = log10 (hi) - log10 (lo);
      guint k = per_decade[G_N_ELEMENTS (per_decade) - 1];
      double start;

      if (decades < 0.05)
        decades = 0.05;
      for (guint i = 0; i < G_N_ELEMENTS (per_decade); i++)
        if (per_decade[i] * decades >= target * 0.75)
          {
            k = per_decade[i];
            break;
          }

      start = floor (log10 (lo) * k + 1e-9);
      for (double e = start; n < max_edges; e++)
        {
          edges[n++] = pow (10.0, e / k);
          if (edges[n - 1] > hi * (1 + 1e-12))
            break;
        }
    }
  else
    {
      double step, start;

      if (hi == lo)
        {
          double pad = hi == 0 ? 0.5 : fabs (hi) * 0.05;
          lo -= pad;
          hi += pad;
        }
      step = atlas_scale_nice_step (hi - lo, target);
      start = floor (lo / step + 1e-9) * step;
      for (guint i = 0; n < max_edges; i++)
        {
          edges[n++] = snap (start + i * step, step);
          /* The last edge lies strictly above hi, so that the maximum falls
           * inside the last half-open bin. */
          if (edges[n - 1] > hi)
            break;
        }
    }

  return n;
}

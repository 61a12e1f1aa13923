/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-scale.h: value scales and "nice" ticks. Pure functions, no drawing,
 * so they can be tested on their own with awkward ranges. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double   min;        /* domain, after nicing */
  double   max;
  gboolean log;        /* log10 scale; min > 0 */
} AtlasScale;

#define ATLAS_SCALE_MAX_TICKS 32

typedef struct
{
  guint  n;
  double values[ATLAS_SCALE_MAX_TICKS];
} AtlasTicks;

/* The "nice" step (1, 2, 2.5 or 5 × 10^k) giving about @target steps over
 * @span; never 0 or negative. */
double   atlas_scale_nice_step     (double      span,
                                    guint       target);

/* Builds a linear scale covering [@lo, @hi] whose ends fall on nice ticks,
 * with about @target ticks, and fills @ticks (may be NULL). A degenerate
 * range (@lo == @hi, a single value, all-equal values) is widened around the
 * value; @zero_based starts the domain at 0 when all data is positive. */
void     atlas_scale_linear        (double      lo,
                                    double      hi,
                                    guint       target,
                                    gboolean    zero_based,
                                    AtlasScale *scale,
                                    AtlasTicks *ticks);

/* Builds a log10 scale over [@lo, @hi] (both clamped to > 0) with ticks at
 * 1, 2, 5 × 10^k — or only at powers of ten when the range spans more than
 * three decades. */
void     atlas_scale_log           (double      lo,
                                    double      hi,
                                    AtlasScale *scale,
                                    AtlasTicks *ticks);

/* Maps @value into 0..1 along the scale (outside values go outside 0..1). */
double   atlas_scale_map           (const AtlasScale *scale,
                                    double            value);
/* The inverse of atlas_scale_map(). */
double   atlas_scale_unmap         (const AtlasScale *scale,
                                    double            t);

/* Short axis labels for an amount in @currency ("USD", "INR", "intl$"):
 * $140K, ₹12 L, ₹1.2 Cr, 60K intl $. Uses atlas_money_format(). */
char    *atlas_scale_format_money  (double      value,
                                    const char *currency);

/* Plain count labels: 0, 950, 1.2K, 15K, 2M. Never scientific notation. */
char    *atlas_scale_format_count  (double      value);

/* Histogram bins: about @target equal-width bins (linear) or equal-ratio
 * bins (log) with nice edges covering [@lo, @hi]. Returns the number of
 * edges written to @edges (bins + 1), at most @max_edges. */
guint    atlas_scale_bin_edges     (double      lo,
                                    double      hi,
                                    guint       target,
                                    gboolean    log,
                                    double     *edges,
                                    guint       max_edges);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-career.c: the career curve — median and middle half (p25–p75)
 * by band of years of experience ([0,2) [2,5) … 15+), one line per region,
 * so that the US and India sit side by side on one axis (USD, PPP) or in
 * panels of their own currency (local). The drawing is the category line
 * chart of atlas-chart-experience.c with bands for levels; small samples
 * are hollow points, a region's missing band says "no data". */
#include "config.h"

#include "atlas-chart-private.h"

void
_atlas_chart_draw_career (AtlasChartCtx           *ctx,
                          const cairo_rectangle_t *area)
{
  _atlas_chart_draw_lines (ctx, area, ATLAS_LINE_AXIS_BANDS);
}

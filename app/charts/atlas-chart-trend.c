/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-trend.c: median per year per region. The drawing is the
 * category line chart of atlas-chart-experience.c with years for levels. */
#include "config.h"

#include "atlas-chart-private.h"

void
_atlas_chart_draw_trend (AtlasChartCtx           *ctx,
                         const cairo_rectangle_t *area)
{
  _atlas_chart_draw_lines (ctx, area, ATLAS_LINE_AXIS_YEARS);
}

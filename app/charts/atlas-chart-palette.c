/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-palette.c: the light, dark and print palettes. Series colours
 * are the Okabe–Ito set (Okabe & Ito 2008, "Color Universal Design"), which
 * stays distinguishable for the common forms of colour blindness. */
#include "config.h"

#include "atlas-chart.h"

static void
set_hex (AtlasChartColor *c,
         guint32          rgb,
         double           alpha)
{
  c->red = ((rgb >> 16) & 0xff) / 255.0;
  c->green = ((rgb >> 8) & 0xff) / 255.0;
  c->blue = (rgb & 0xff) / 255.0;
  c->alpha = alpha;
}

void
atlas_chart_palette_init_for_theme (AtlasChartPalette *palette,
                                    AtlasChartTheme    theme)
{
  /* Blue first and orange second: the two regions people compare most
   * (US, IN) get the pair with the strongest contrast in hue and lightness. */
  static const guint32 light_series[ATLAS_CHART_PALETTE_N_SERIES] = {
    0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0x777777,
  };
  static const guint32 dark_series[ATLAS_CHART_PALETTE_N_SERIES] = {
    0x56B4E9, 0xE69F00, 0x009E73, 0xCC79A7, 0xF0E442, 0xD55E00, 0x0072B2, 0xBBBBBB,
  };
  static const guint32 print_series[ATLAS_CHART_PALETTE_N_SERIES] = {
    0x303030, 0x9A9A9A, 0x606060, 0xC8C8C8, 0x000000, 0x808080, 0x484848, 0xB0B0B0,
  };
  const guint32 *series;

  g_return_if_fail (palette != NULL);

  switch (theme)
    {
    case ATLAS_CHART_THEME_DARK:
      /* libadwaita's dark window colours. */
      set_hex (&palette->background, 0x242424, 1.0);
      set_hex (&palette->foreground, 0xFFFFFF, 1.0);
      set_hex (&palette->muted, 0xFFFFFF, 0.72);
      set_hex (&palette->grid, 0xFFFFFF, 0.14);
      set_hex (&palette->accent, 0x78AEED, 1.0);
      series = dark_series;
      palette->patterns = FALSE;
      break;

    case ATLAS_CHART_THEME_PRINT:
      set_hex (&palette->background, 0xFFFFFF, 1.0);
      set_hex (&palette->foreground, 0x000000, 1.0);
      set_hex (&palette->muted, 0x000000, 0.75);
      set_hex (&palette->grid, 0x000000, 0.18);
      set_hex (&palette->accent, 0x000000, 1.0);
      series = print_series;
      palette->patterns = TRUE;
      break;

    case ATLAS_CHART_THEME_LIGHT:
    default:
      set_hex (&palette->background, 0xFFFFFF, 1.0);
      set_hex (&palette->foreground, 0x1E1E1E, 1.0);
      set_hex (&palette->muted, 0x000000, 0.66);
      set_hex (&palette->grid, 0x000000, 0.11);
      set_hex (&palette->accent, 0x3584E4, 1.0);
      series = light_series;
      palette->patterns = FALSE;
      break;
    }

  for (guint i = 0; i < ATLAS_CHART_PALETTE_N_SERIES; i++)
    set_hex (&palette->series[i], series[i], 1.0);
}

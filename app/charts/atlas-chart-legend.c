/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-legend.c: the legend under a chart's title: a swatch per
 * region (hidden ones struck through, missing ones marked), and the key to
 * small samples. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"

gboolean
_atlas_chart_is_hidden (const AtlasChartSpec *spec,
                        const char           *region)
{
  return spec->hidden_regions != NULL && region != NULL &&
         g_strv_contains ((const char * const *) spec->hidden_regions, region);
}

double
_atlas_chart_draw_legend (AtlasChartCtx *ctx,
                          double         x,
                          double         y,
                          double         max_x,
                          gboolean       with_small)
{
  double sw = ctx->font_size * 0.9;
  double gap = ctx->font_size * 1.2;
  double line_h = ctx->font_size * 1.5;
  double cx = x, cy = y;
  /* Line charts mark small samples with hollow points, the others hatch. */
  gboolean hollow = ctx->spec->kind == ATLAS_CHART_EXPERIENCE || ctx->spec->kind == ATLAS_CHART_TREND ||
                    ctx->spec->kind == ATLAS_CHART_CAREER;

  guint n_present = ctx->legend_regions->len;
  guint n_entries = n_present + ctx->missing_regions->len;

  for (guint i = 0; i < n_entries + (with_small ? 1 : 0); i++)
    {
      g_autofree char *text = NULL;
      const char *region = i < n_present ? g_ptr_array_index (ctx->legend_regions, i) : NULL;
      const char *missing = i >= n_present && i < n_entries
                            ? g_ptr_array_index (ctx->missing_regions, i - n_present) : NULL;
      gboolean hidden = region != NULL && _atlas_chart_is_hidden (ctx->spec, region);
      cairo_rectangle_t swatch;
      double w;

      if (region != NULL)
        text = g_strdup (_atlas_chart_region_name (region));
      else if (missing != NULL)
        /* Translators: a legend entry, "India: no data under this filter" */
        text = g_strdup_printf (_("%s: no data under this filter"), _atlas_chart_region_name (missing));
      else if (hollow)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "hollow: fewer than %u observation",
                                             "hollow: fewer than %u observations",
                                             ctx->result->small_sample_threshold),
                                ctx->result->small_sample_threshold);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "hatched: fewer than %u observation",
                                             "hatched: fewer than %u observations",
                                             ctx->result->small_sample_threshold),
                                ctx->result->small_sample_threshold);

      _atlas_chart_measure (ctx, text, 0.9, FALSE, -1, FALSE, &w, NULL);
      if (cx > x && cx + sw + 6 + w > max_x)
        {
          cx = x;
          cy += line_h;
        }

      swatch = (cairo_rectangle_t) { cx, cy + (line_h - sw) / 2 - ctx->font_size * 0.15, sw, sw };
      if (missing != NULL)
        {
          /* A dashed empty swatch: the region is expected and absent. It is
           * a mark too, so keyboard and screen-reader users meet it. */
          double lw = MAX (1.0, ctx->font_size * 0.12);
          double dash[] = { lw * 2, lw * 1.5 };
          AtlasChartMark mark;

          cairo_save (ctx->cr);
          cairo_rectangle (ctx->cr, swatch.x + lw / 2, swatch.y + lw / 2,
                           swatch.width - lw, swatch.height - lw);
          _atlas_chart_set_color (ctx, &ctx->palette->muted, 1.0);
          cairo_set_line_width (ctx->cr, lw);
          cairo_set_dash (ctx->cr, dash, 2, 0);
          cairo_stroke (ctx->cr);
          cairo_restore (ctx->cr);

          _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_EMPTY, NULL, -1);
          mark.region = missing;
          /* Read as "Under this filter · India: no data". */
          mark.label = _("Under this filter");
          mark.rect = (cairo_rectangle_t) { cx, cy, sw + 6 + w, line_h };
          mark.anchor_x = cx + sw / 2;
          mark.anchor_y = cy + line_h / 2;
          /* Added after the chart's own marks, which come first in
           * reading order (the data before what is missing). */
          g_array_append_val (ctx->missing_marks, mark);
        }
      else if (hidden)
        {
          /* Toggled off: an empty swatch in the region's colour. */
          double lw = MAX (1.0, ctx->font_size * 0.12);

          cairo_rectangle (ctx->cr, swatch.x + lw / 2, swatch.y + lw / 2,
                           swatch.width - lw, swatch.height - lw);
          _atlas_chart_set_color (ctx, _atlas_chart_region_color (ctx, region), 1.0);
          cairo_set_line_width (ctx->cr, lw);
          cairo_stroke (ctx->cr);
        }
      else if (region != NULL)
        _atlas_chart_fill_rect (ctx, &swatch, region, FALSE, 1.0);
      else if (hollow)
        {
          cairo_new_path (ctx->cr);
          cairo_arc (ctx->cr, swatch.x + sw / 2, swatch.y + sw / 2, sw * 0.38, 0, 2 * G_PI);
          _atlas_chart_set_color (ctx, &ctx->palette->foreground, 1.0);
          cairo_set_line_width (ctx->cr, MAX (1.0, ctx->font_size * 0.14));
          cairo_stroke (ctx->cr);
        }
      else
        {
          cairo_rectangle (ctx->cr, swatch.x, swatch.y, swatch.width, swatch.height);
          _atlas_chart_set_color (ctx, &ctx->palette->muted, 0.25);
          cairo_fill (ctx->cr);
          _atlas_chart_hatch (ctx, &swatch, &ctx->palette->foreground);
        }

      _atlas_chart_text (ctx, region != NULL ? ATLAS_CHART_TEXT_LEGEND
                              : missing != NULL ? ATLAS_CHART_TEXT_NO_DATA : ATLAS_CHART_TEXT_NOTE,
                         text, cx + sw + 6, cy + line_h / 2 - ctx->font_size * 0.15,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_CENTER, 0.9, FALSE,
                         hidden || missing != NULL ? &ctx->palette->muted : &ctx->palette->foreground,
                         -1, FALSE, NULL);
      cx += sw + 6 + w + gap;
    }

  return cy + line_h - y;
}

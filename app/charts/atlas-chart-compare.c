/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-compare.c: box plots per experience level, one box per region. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-chart-private.h"

static void
whisker_ends (AtlasChartCtx    *ctx,
              const AtlasGroup *g,
              double           *lo,
              double           *hi)
{
  if (ctx->spec->whiskers == ATLAS_CHART_WHISKERS_MIN_MAX)
    {
      *lo = g->summary.min;
      *hi = g->summary.max;
    }
  else
    {
      *lo = g->summary.p10;
      *hi = g->summary.p90;
    }
  if (!isfinite (*lo))
    *lo = isfinite (g->summary.p25) ? g->summary.p25 : g->summary.median;
  if (!isfinite (*hi))
    *hi = isfinite (g->summary.p75) ? g->summary.p75 : g->summary.median;
}

static void
draw_box (AtlasChartCtx           *ctx,
          const AtlasGroup        *g,
          int                      group_index,
          const AtlasScale        *scale,
          const cairo_rectangle_t *plot,
          double                   cx,
          double                   box_w)
{
  const AtlasChartColor *color = _atlas_chart_region_color (ctx, g->region);
  cairo_t *cr = ctx->cr;
  AtlasChartMark mark;
  double wlo, whi, y_lo, y_hi, y_med, cap = box_w * 0.4;
  double line_w = MAX (1.0, ctx->font_size * 0.12);

  whisker_ends (ctx, g, &wlo, &whi);
  y_lo = _atlas_chart_map_y (scale, plot, wlo);
  y_hi = _atlas_chart_map_y (scale, plot, whi);
  y_med = _atlas_chart_map_y (scale, plot, g->summary.median);

  cairo_save (cr);
  cairo_set_line_width (cr, line_w);
  if (g->small_sample)
    {
      double dash[] = { line_w * 3, line_w * 2 };
      cairo_set_dash (cr, dash, 2, 0);
    }

  if (_atlas_chart_has_spread (g))
    {
      double y25 = _atlas_chart_map_y (scale, plot, g->summary.p25);
      double y75 = _atlas_chart_map_y (scale, plot, g->summary.p75);
      cairo_rectangle_t box = { cx - box_w / 2, y75, box_w, MAX (y25 - y75, 1.0) };

      /* Whiskers first, so the box covers their inner ends. */
      _atlas_chart_set_color (ctx, color, 1.0);
      cairo_move_to (cr, cx, y_hi);
      cairo_line_to (cr, cx, y75);
      cairo_move_to (cr, cx, y25);
      cairo_line_to (cr, cx, y_lo);
      cairo_move_to (cr, cx - cap / 2, y_hi);
      cairo_line_to (cr, cx + cap / 2, y_hi);
      cairo_move_to (cr, cx - cap / 2, y_lo);
      cairo_line_to (cr, cx + cap / 2, y_lo);
      cairo_stroke (cr);

      if (ctx->palette->background.alpha > 0)
        {
          /* An opaque base keeps the box colour the same over grid lines. */
          _atlas_chart_set_color (ctx, &ctx->palette->background, 1.0);
          cairo_rectangle (cr, box.x, box.y, box.width, box.height);
          cairo_fill (cr);
        }
      _atlas_chart_fill_rect (ctx, &box, g->region, g->small_sample, 0.85);
      _atlas_chart_set_color (ctx, color, 1.0);
      cairo_rectangle (cr, box.x, box.y, box.width, box.height);
      cairo_stroke (cr);
    }

  /* The median line in the foreground colour reads on every fill. */
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, line_w * 2.2);
  _atlas_chart_set_color (ctx, &ctx->palette->foreground, 1.0);
  cairo_move_to (cr, cx - box_w / 2, y_med);
  cairo_line_to (cr, cx + box_w / 2, y_med);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (g->small_sample)
    ctx->any_small = TRUE;

  _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_BOX, g, group_index);
  mark.rect = (cairo_rectangle_t) { cx - box_w / 2, y_hi, box_w, y_lo - y_hi };
  mark.anchor_x = cx;
  mark.anchor_y = y_med;
  _atlas_chart_layout_add_mark (ctx->layout, &mark);
}

/* The region (US or IN) without a box under this filter, or NULL. */
static const char *
ratio_region_without_boxes (AtlasChartCtx *ctx)
{
  static const char * const pair[] = { "IN", "US" };

  for (guint k = 0; k < G_N_ELEMENTS (pair); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < ctx->result->groups->len && !found; i++)
        {
          const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);

          found = g_strcmp0 (g->region, pair[k]) == 0 && isfinite (g->summary.median);
        }
      if (!found)
        return pair[k];
    }
  return NULL;
}

static gboolean
has_ratio (const AtlasChartSpec *spec)
{
  return isfinite (spec->ratio_nominal) || isfinite (spec->ratio_ppp);
}

static void
draw_ratio (AtlasChartCtx           *ctx,
            const cairo_rectangle_t *plot)
{
  const AtlasChartSpec *spec = ctx->spec;
  g_autoptr(GString) s = g_string_new (NULL);
  const char *without;
  double y = plot->y + ctx->font_size * 0.3;
  cairo_rectangle_t r;

  if (!has_ratio (spec))
    return;

  /* A share of a median the chart does not draw would be read off boxes
   * that are not there: say why there is none instead. */
  without = ratio_region_without_boxes (ctx);
  if (without != NULL)
    /* Translators: %s is a region name ("India"); experience levels are
     * entry, mid, senior and executive */
    g_string_printf (s, _("No India-to-US ratio: %s has no data by experience level under this filter"),
                     _atlas_chart_region_name (without));
  else
    {
      /* Translators: the median pay of India as a share of the US's */
      g_string_append (s, _("India's median ="));
      if (isfinite (spec->ratio_nominal))
        g_string_append_printf (s, _(" %.0f %% of the US's in nominal USD"), spec->ratio_nominal * 100);
      if (isfinite (spec->ratio_nominal) && isfinite (spec->ratio_ppp))
        g_string_append (s, ",");
      if (isfinite (spec->ratio_ppp))
        g_string_append_printf (s, _(" %.0f %% in PPP terms"), spec->ratio_ppp * 100);
    }

  _atlas_chart_text (ctx, ATLAS_CHART_TEXT_ANNOTATION, s->str,
                     plot->x + ctx->font_size * 0.5, y,
                     ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.9, TRUE,
                     &ctx->palette->foreground, plot->width - ctx->font_size, FALSE, &r);
  if (without == NULL && spec->ratio_basis != NULL)
    _atlas_chart_text (ctx, ATLAS_CHART_TEXT_ANNOTATION, spec->ratio_basis,
                       plot->x + ctx->font_size * 0.5, y + r.height,
                       ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.8, FALSE,
                       &ctx->palette->muted, plot->width - ctx->font_size, FALSE, NULL);
}

static void
draw_panel (AtlasChartCtx           *ctx,
            const cairo_rectangle_t *area,
            GPtrArray               *regions,
            GPtrArray               *levels,
            gboolean                 with_title,
            gboolean                 first)
{
  AtlasScale scale;
  AtlasTicks ticks;
  cairo_rectangle_t plot = *area;
  const char *currency = NULL;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  double bottom = ctx->font_size * 3.0;
  double top_pad = ctx->font_size * 0.5;
  double band_w;
  double n_w = 0, n_h = 0, stagger = 0;

  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);
      double wlo, whi;

      if (!g_ptr_array_find_with_equal_func (regions, g->region, g_str_equal, NULL))
        continue;
      if (!isfinite (g->summary.median))
        continue;
      whisker_ends (ctx, g, &wlo, &whi);
      lo = MIN (lo, wlo);
      hi = MAX (hi, whi);
      currency = g->currency;
      {
        g_autofree char *n = _atlas_chart_format_n (g->summary.n);
        double w;

        _atlas_chart_measure (ctx, n, 0.75, FALSE, -1, FALSE, &w, &n_h);
        n_w = MAX (n_w, w);
      }
    }

  /* Where the n under neighbouring boxes would touch (a narrow window,
   * "n=4.103"), every other region's goes one line lower. The value axis
   * is not measured yet: its width is guessed on the generous side. */
  if (regions->len > 1 && levels->len > 0 &&
      n_w + ctx->font_size * 0.4 >
      (area->width - ctx->font_size * 5.0) / levels->len * 0.8 / regions->len)
    {
      stagger = n_h;
      bottom += stagger;
    }

  if (with_title)
    {
      g_autofree char *t = g_strdup_printf ("%s (%s)",
                                            _atlas_chart_region_name (g_ptr_array_index (regions, 0)),
                                            currency != NULL ? currency : "?");
      double h = _atlas_chart_panel_title (ctx, area, t);

      plot.y += h;
      plot.height -= h;
    }

  if (first && has_ratio (ctx->spec))
    top_pad += ctx->font_size * (ctx->spec->ratio_basis != NULL ? 2.7 : 1.6);

  plot.y += top_pad;
  plot.height -= bottom + top_pad;
  if (currency == NULL)
    {
      _atlas_chart_no_data (ctx, &plot, g_ptr_array_index (regions, 0), NULL, NULL);
      return;
    }

  _atlas_chart_make_scale (ctx, lo, hi, plot.height, FALSE, &scale, &ticks);
  {
    double axis_w = _atlas_chart_value_axis_width (ctx, &ticks, currency);
    plot.x += axis_w;
    plot.width -= axis_w;
  }
  _atlas_chart_layout_set_plot_area (ctx->layout, &plot);
  _atlas_chart_value_axis (ctx, &plot, &scale, &ticks, currency, TRUE);

  if (first)
    draw_ratio (ctx, &plot);

  band_w = plot.width / MAX (levels->len, 1);
  for (guint l = 0; l < levels->len; l++)
    {
      const char *key = g_ptr_array_index (levels, l);
      double band_x = plot.x + l * band_w;
      double slot_w = band_w * 0.8 / regions->len;
      double box_w = MIN (slot_w * 0.7, ctx->font_size * 7);

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_CATEGORY, _atlas_chart_level_label (key),
                         band_x + band_w / 2, plot.y + plot.height + ctx->font_size * 1.6 + stagger,
                         ATLAS_ALIGN_CENTER, ATLAS_ALIGN_START, 1.0, TRUE,
                         &ctx->palette->foreground, band_w - ctx->font_size * 0.4, FALSE, NULL);

      for (guint r = 0; r < regions->len; r++)
        {
          const char *region = g_ptr_array_index (regions, r);
          double cx = band_x + band_w * 0.1 + slot_w * (r + 0.5);
          int index;
          const AtlasGroup *g = _atlas_chart_find_group (ctx, region, key, &index);

          if (g == NULL || !isfinite (g->summary.median))
            {
              cairo_rectangle_t slot = { cx - slot_w / 2, plot.y, slot_w, plot.height };

              _atlas_chart_no_data (ctx, &slot, region, key, NULL);
              continue;
            }

          draw_box (ctx, g, index, &scale, &plot, cx, box_w);
          {
            g_autofree char *n = _atlas_chart_format_n (g->summary.n);

            _atlas_chart_text (ctx, ATLAS_CHART_TEXT_N, n, cx,
                               plot.y + plot.height + ctx->font_size * 0.3 + stagger * (r % 2),
                               ATLAS_ALIGN_CENTER, ATLAS_ALIGN_START, 0.75, FALSE,
                               &ctx->palette->muted, -1, FALSE, NULL);
          }
        }
    }
}

void
_atlas_chart_draw_compare (AtlasChartCtx           *ctx,
                           const cairo_rectangle_t *area)
{
  g_autoptr(GPtrArray) panels = _atlas_chart_panels (ctx, FALSE);
  g_autoptr(GPtrArray) levels = _atlas_chart_category_keys (ctx, FALSE);

  for (guint p = 0; p < panels->len; p++)
    {
      cairo_rectangle_t cell;

      _atlas_chart_split (area, panels->len, p, ctx->font_size * 2, FALSE, &cell);
      draw_panel (ctx, &cell, g_ptr_array_index (panels, p), levels, panels->len > 1, p == 0);
    }
}

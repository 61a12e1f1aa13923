/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-distribution-bins.c: the distribution chart from histograms
 * published as aggregates (AtlasGroup.bin_*), when no record matches: the
 * default data ships counts per pay range, never rows.  Bars are each
 * region's share of its own n, as for records, per the source's ranges,
 * converted edge by edge into the display currency, so no shape is
 * invented by re-binning.  Ranges merged in the tails are wider: a bar's
 * height is its share per width of the narrowest range in its panel, so
 * its area, not its height, is its share, and regions compare. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"

/* One region's ranges as drawn: those outside the trimmed axis are counted
 * in the end ranges, as the records' histogram does; an open top range is
 * drawn one range wide. */
typedef struct
{
  const AtlasGroup *group;
  int               index;
  guint             first;    /* drawn ranges [first, last] */
  guint             last;
  guint64          *counts;   /* per range, after folding the ends in */
  double            unit;     /* the narrowest range's width */
} Binned;

static double
bin_high (const AtlasGroup *g,
          guint             i)
{
  if (isfinite (g->bin_hi[i]))
    return g->bin_hi[i];
  /* An open range: as wide as the one before it, or a tenth of its start. */
  return g->bin_lo[i] + (i > 0 ? g->bin_hi[i - 1] - g->bin_lo[i - 1] : g->bin_lo[i] * 0.1);
}

/* The bar height of range @i: its share per @unit of pay. */
static double
bin_height (const Binned *b,
            guint         i,
            double        unit)
{
  const AtlasGroup *g = b->group;

  return (double) b->counts[i] / g->summary.n * unit / (bin_high (g, i) - g->bin_lo[i]);
}

/* The ranges holding the 0.5th and 99.5th percentile; TRUE if some ranges
 * fall outside them. */
static gboolean
trim_range (const AtlasGroup *g,
            guint            *first,
            guint            *last)
{
  guint64 cum = 0;

  *first = 0;
  *last = g->n_bins - 1;
  for (guint i = 0; i < g->n_bins; i++)
    {
      if ((double) (cum + g->bin_n[i]) / g->summary.n <= 0.005)
        *first = i + 1;
      if ((double) cum / g->summary.n < 0.995)
        *last = i;
      cum += g->bin_n[i];
    }
  *first = MIN (*first, *last);
  return *first > 0 || *last + 1 < g->n_bins;
}

gboolean
_atlas_chart_distribution_is_binned (const AtlasQueryResult *result)
{
  if (result == NULL || !result->from_figures)
    return FALSE;
  for (guint i = 0; i < result->groups->len; i++)
    if (((const AtlasGroup *) g_ptr_array_index (result->groups, i))->n_bins > 0)
      return TRUE;
  return FALSE;
}

static void
draw_panel (AtlasChartCtx           *ctx,
            const cairo_rectangle_t *area,
            GArray                  *binned,
            gboolean                 overlaid)
{
  cairo_rectangle_t plot = *area;
  AtlasScale x_scale, y_scale;
  AtlasTicks x_ticks, y_ticks;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, max_share = 0, axis_w, unit = G_MAXDOUBLE;
  const char *currency = g_array_index (binned, Binned, 0).group->currency;

  for (guint h = 0; h < binned->len; h++)
    unit = MIN (unit, g_array_index (binned, Binned, h).unit);

  for (guint h = 0; h < binned->len; h++)
    {
      const Binned *b = &g_array_index (binned, Binned, h);

      lo = MIN (lo, b->group->bin_lo[b->first]);
      hi = MAX (hi, bin_high (b->group, b->last));
      for (guint i = b->first; i <= b->last; i++)
        max_share = MAX (max_share, bin_height (b, i, unit));
    }

  /* Median labels above the bars, one line per region. */
  plot.y += ctx->font_size * 1.4 * binned->len;
  plot.height -= ctx->font_size * 1.4 * binned->len + ctx->font_size * 1.8;

  atlas_scale_linear (0, max_share, (guint) CLAMP (plot.height / (ctx->font_size * 4), 2, 8),
                      TRUE, &y_scale, &y_ticks);
  axis_w = _atlas_chart_value_axis_width (ctx, &y_ticks, "%");
  plot.x += axis_w;
  plot.width -= axis_w;
  _atlas_chart_make_scale (ctx, ctx->spec->log_axis ? MAX (lo, 1.0) : lo, hi, plot.width * 0.6,
                           !ctx->spec->log_axis && lo >= 0 && lo < (hi - lo) * 0.3,
                           &x_scale, &x_ticks);

  _atlas_chart_layout_set_plot_area (ctx->layout, &plot);
  /* The shares start at the baseline, which the axis draws anyway; its
   * "0 %" would sit on the pay axis' first label in a narrow window. */
  if (y_ticks.n > 1 && y_ticks.values[0] == 0)
    {
      memmove (y_ticks.values, y_ticks.values + 1, (y_ticks.n - 1) * sizeof y_ticks.values[0]);
      y_ticks.n--;
    }
  _atlas_chart_value_axis (ctx, &plot, &y_scale, &y_ticks, "%", TRUE);
  _atlas_chart_value_axis (ctx, &plot, &x_scale, &x_ticks, currency, FALSE);

  for (guint h = 0; h < binned->len; h++)
    {
      const Binned *b = &g_array_index (binned, Binned, h);
      const AtlasGroup *g = b->group;
      double bottom = plot.y + plot.height;

      for (guint i = b->first; i <= b->last; i++)
        {
          double share = bin_height (b, i, unit);
          double x0 = _atlas_chart_map_x (&x_scale, &plot, g->bin_lo[i]);
          double x1 = _atlas_chart_map_x (&x_scale, &plot, bin_high (g, i));
          double y = _atlas_chart_map_y (&y_scale, &plot, share);
          cairo_rectangle_t bar = { x0, y, MAX (x1 - x0 - 0.5, 0.5), bottom - y };
          AtlasChartMark mark;

          if (b->counts[i] == 0)
            continue;
          _atlas_chart_fill_rect (ctx, &bar, g->region, g->small_sample, overlaid ? 0.55 : 0.85);

          _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_BIN, g, b->index);
          memset (&mark.summary, 0, sizeof mark.summary);
          mark.summary.n = g->summary.n;
          mark.rect = bar;
          mark.anchor_x = (x0 + x1) / 2;
          mark.anchor_y = y;
          mark.bin_low = g->bin_lo[i];
          mark.bin_high = g->bin_hi[i];
          mark.bin_count = b->counts[i];
          _atlas_chart_layout_add_mark (ctx->layout, &mark);
        }
    }

  /* Dashed medians (the source's published median) with value and n. */
  for (guint h = 0; h < binned->len; h++)
    {
      const AtlasGroup *g = g_array_index (binned, Binned, h).group;
      const AtlasChartColor *color = _atlas_chart_region_color (ctx, g->region);
      double x = _atlas_chart_map_x (&x_scale, &plot, g->summary.median);
      double dash[] = { 5, 3 };
      g_autofree char *value = _atlas_chart_format_value (g->currency, g->summary.median);
      g_autofree char *n = _atlas_chart_format_n (g->summary.n);
      g_autofree char *text = g_strdup_printf (_("%s: median %s, %s%s"),
                                               _atlas_chart_region_name (g->region), value, n,
                                               g->small_sample ? _(" (small sample)") : "");
      double ty = plot.y - ctx->font_size * 1.4 * (binned->len - h) - ctx->font_size * 0.2;

      cairo_save (ctx->cr);
      cairo_set_dash (ctx->cr, dash, 2, 0);
      cairo_set_line_width (ctx->cr, MAX (1.5, ctx->font_size * 0.15));
      _atlas_chart_set_color (ctx, color, 1.0);
      cairo_move_to (ctx->cr, x, plot.y);
      cairo_line_to (ctx->cr, x, plot.y + plot.height);
      cairo_stroke (ctx->cr);
      cairo_restore (ctx->cr);

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_ANNOTATION, text,
                         CLAMP (x, plot.x, plot.x + plot.width), ty,
                         x > plot.x + plot.width * 0.6 ? ATLAS_ALIGN_END : ATLAS_ALIGN_START,
                         ATLAS_ALIGN_START, 0.85, TRUE, color, -1, FALSE, NULL);
    }
}

void
_atlas_chart_draw_distribution_bins (AtlasChartCtx           *ctx,
                                     const cairo_rectangle_t *area)
{
  g_autoptr(GPtrArray) panels = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (Binned));
  g_autoptr(GString) without = g_string_new (NULL);
  gboolean facet = ctx->spec->facet || ctx->mixed_currency;
  gboolean trimmed = FALSE;
  cairo_rectangle_t body = *area;

  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);
      Binned b = { g, (int) i, 0, 0, NULL, G_MAXDOUBLE };

      if (g->n_bins == 0 || g->summary.n == 0)
        {
          g_string_append_printf (without, "%s%s", without->len > 0 ? ", " : "",
                                  _atlas_chart_region_name (g->region));
          continue;
        }
      trimmed |= trim_range (g, &b.first, &b.last);
      b.counts = g_new0 (guint64, g->n_bins);
      for (guint k = 0; k < g->n_bins; k++)
        {
          b.counts[CLAMP (k, b.first, b.last)] += g->bin_n[k];
          b.unit = MIN (b.unit, bin_high (g, k) - g->bin_lo[k]);
        }
      g_array_append_val (all, b);
    }

  if (without->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("No individual records or published histogram for: %s"),
                                               without->str);
      cairo_rectangle_t r;

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NO_DATA, text, body.x, body.y,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.85, FALSE,
                         &ctx->palette->muted, body.width, FALSE, &r);
      body.y += r.height + ctx->font_size * 0.4;
      body.height -= r.height + ctx->font_size * 0.4;
    }

  panels = _atlas_chart_panels (ctx, facet);
  for (guint p = 0; p < panels->len; p++)
    {
      GPtrArray *regions = g_ptr_array_index (panels, p);
      g_autoptr(GArray) binned = g_array_new (FALSE, TRUE, sizeof (Binned));
      cairo_rectangle_t cell;

      _atlas_chart_split (&body, panels->len, p, ctx->font_size * 1.5, TRUE, &cell);
      for (guint h = 0; h < all->len; h++)
        {
          const Binned *b = &g_array_index (all, Binned, h);

          if (g_ptr_array_find_with_equal_func (regions, b->group->region, g_str_equal, NULL))
            g_array_append_val (binned, *b);
        }
      if (binned->len == 0)
        _atlas_chart_no_data (ctx, &cell, g_ptr_array_index (regions, 0), NULL, NULL);
      else
        draw_panel (ctx, &cell, binned, !facet);
    }

  for (guint h = 0; h < all->len; h++)
    g_free (g_array_index (all, Binned, h).counts);

  if (trimmed)
    _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NOTE,
                       _("Axis trimmed to the ranges holding the 0.5th–99.5th percentile; the end bars include the ranges beyond."),
                       body.x + body.width, body.y,
                       ATLAS_ALIGN_END, ATLAS_ALIGN_START, 0.75, FALSE,
                       &ctx->palette->muted, body.width * 0.5, TRUE, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-distribution.c: histograms of pay, regions overlaid or in
 * panels. Bars show each region's share of its own observations, so a
 * region with 100 records compares with one that has 60,000. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"

#define MAX_EDGES 202

typedef struct
{
  const AtlasGroup *group;
  int               index;
  guint             counts[MAX_EDGES];
} Hist;

static void
count_bins (Hist         *h,
            const double *edges,
            guint         n_edges)
{
  guint b = 0;

  for (gsize i = 0; i < h->group->n_values; i++)
    {
      double v = h->group->values[i];

      /* Values are sorted: the bin index only moves forwards. Values
       * beyond the trimmed range count in the end bins (the chart says so). */
      while (b + 2 < n_edges && v >= edges[b + 1])
        b++;
      h->counts[b]++;
    }
}

static void
draw_hists (AtlasChartCtx           *ctx,
            const cairo_rectangle_t *area,
            GArray                  *hists,
            const double            *edges,
            guint                    n_edges,
            const AtlasScale        *x_scale,
            const AtlasTicks        *x_ticks,
            gboolean                 overlaid)
{
  cairo_t *cr = ctx->cr;
  cairo_rectangle_t plot = *area;
  AtlasScale y_scale;
  AtlasTicks y_ticks;
  double max_share = 0, axis_w;
  const char *currency = g_array_index (hists, Hist, 0).group->currency;

  for (guint h = 0; h < hists->len; h++)
    {
      const Hist *hist = &g_array_index (hists, Hist, h);
      for (guint b = 0; b + 1 < n_edges; b++)
        max_share = MAX (max_share, (double) hist->counts[b] / MAX (hist->group->n_values, 1));
    }

  /* Median labels above the bars, one line per region. */
  plot.y += ctx->font_size * 1.4 * hists->len;
  plot.height -= ctx->font_size * 1.4 * hists->len + ctx->font_size * 1.8;

  atlas_scale_linear (0, max_share, (guint) CLAMP (plot.height / (ctx->font_size * 4), 2, 8),
                      TRUE, &y_scale, &y_ticks);
  axis_w = _atlas_chart_value_axis_width (ctx, &y_ticks, "%");
  plot.x += axis_w;
  plot.width -= axis_w;

  _atlas_chart_layout_set_plot_area (ctx->layout, &plot);
  _atlas_chart_value_axis (ctx, &plot, &y_scale, &y_ticks, "%", TRUE);
  _atlas_chart_value_axis (ctx, &plot, x_scale, x_ticks, currency, FALSE);

  for (guint h = 0; h < hists->len; h++)
    {
      const Hist *hist = &g_array_index (hists, Hist, h);
      const AtlasGroup *g = hist->group;
      const AtlasChartColor *color = _atlas_chart_region_color (ctx, g->region);
      double bottom = plot.y + plot.height;

      for (guint b = 0; b + 1 < n_edges; b++)
        {
          double share = (double) hist->counts[b] / MAX (g->n_values, 1);
          double x0 = _atlas_chart_map_x (x_scale, &plot, edges[b]);
          double x1 = _atlas_chart_map_x (x_scale, &plot, edges[b + 1]);
          double y = _atlas_chart_map_y (&y_scale, &plot, share);
          cairo_rectangle_t bar = { x0, y, MAX (x1 - x0 - 0.5, 0.5), bottom - y };
          AtlasChartMark mark;

          if (hist->counts[b] == 0)
            continue;

          _atlas_chart_fill_rect (ctx, &bar, g->region, g->small_sample, overlaid ? 0.55 : 0.85);

          _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_BIN, g, hist->index);
          memset (&mark.summary, 0, sizeof mark.summary);
          mark.summary.n = g->summary.n;
          mark.rect = bar;
          mark.anchor_x = (x0 + x1) / 2;
          mark.anchor_y = y;
          mark.bin_low = edges[b];
          mark.bin_high = edges[b + 1];
          mark.bin_count = hist->counts[b];
          _atlas_chart_layout_add_mark (ctx->layout, &mark);
        }

      /* The outline keeps overlaid histograms readable where they cross. */
      if (overlaid)
        {
          cairo_save (cr);
          cairo_set_line_width (cr, MAX (1.0, ctx->font_size * 0.12));
          _atlas_chart_set_color (ctx, color, 1.0);
          cairo_move_to (cr, _atlas_chart_map_x (x_scale, &plot, edges[0]), bottom);
          for (guint b = 0; b + 1 < n_edges; b++)
            {
              double share = (double) hist->counts[b] / MAX (g->n_values, 1);
              double y = _atlas_chart_map_y (&y_scale, &plot, share);

              cairo_line_to (cr, _atlas_chart_map_x (x_scale, &plot, edges[b]), y);
              cairo_line_to (cr, _atlas_chart_map_x (x_scale, &plot, edges[b + 1]), y);
            }
          cairo_line_to (cr, _atlas_chart_map_x (x_scale, &plot, edges[n_edges - 1]), bottom);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }

  /* Dashed medians on top, with their value and n above the plot. */
  for (guint h = 0; h < hists->len; h++)
    {
      const AtlasGroup *g = g_array_index (hists, Hist, h).group;
      const AtlasChartColor *color = _atlas_chart_region_color (ctx, g->region);
      double x = _atlas_chart_map_x (x_scale, &plot, g->summary.median);
      double dash[] = { 5, 3 };
      g_autofree char *value = _atlas_chart_format_value (g->currency, g->summary.median);
      g_autofree char *n = _atlas_chart_format_n (g->summary.n);
      g_autofree char *text = g_strdup_printf (_("%s: median %s, %s%s"),
                                               _atlas_chart_region_name (g->region), value, n,
                                               g->small_sample ? _(" (small sample)") : "");
      double ty = plot.y - ctx->font_size * 1.4 * (hists->len - h) - ctx->font_size * 0.2;

      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, MAX (1.5, ctx->font_size * 0.15));
      _atlas_chart_set_color (ctx, color, 1.0);
      cairo_move_to (cr, x, plot.y);
      cairo_line_to (cr, x, plot.y + plot.height);
      cairo_stroke (cr);
      cairo_restore (cr);

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_ANNOTATION, text,
                         CLAMP (x, plot.x, plot.x + plot.width), ty,
                         x > plot.x + plot.width * 0.6 ? ATLAS_ALIGN_END : ATLAS_ALIGN_START,
                         ATLAS_ALIGN_START, 0.85, TRUE, color, -1, FALSE, NULL);
    }
}

void
_atlas_chart_draw_distribution (AtlasChartCtx           *ctx,
                                const cairo_rectangle_t *area)
{
  g_autoptr(GPtrArray) panels = NULL;
  g_autoptr(GPtrArray) without = g_ptr_array_new ();
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gsize n_max = 0;
  gboolean facet = ctx->spec->facet || ctx->mixed_currency;
  gboolean trimmed = FALSE;
  cairo_rectangle_t body = *area;

  if (_atlas_chart_distribution_is_binned (ctx->result))
    {
      _atlas_chart_draw_distribution_bins (ctx, area);
      return;
    }

  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);

      if (g->n_values == 0)
        {
          g_ptr_array_add (without, (gpointer) g);
          continue;
        }
      /* A few extreme values (a monthly figure, a typo) would squeeze
       * everything else into one bin: trim to the 0.5th–99.5th percentile. */
      lo = MIN (lo, atlas_stats_percentile_sorted (g->values, g->n_values, 0.005));
      hi = MAX (hi, atlas_stats_percentile_sorted (g->values, g->n_values, 0.995));
      n_max = MAX (n_max, g->n_values);
      if (g->values[0] < lo || g->values[g->n_values - 1] > hi)
        trimmed = TRUE;
    }

  if (without->len > 0)
    {
      /* Published figures carry no individual values to bin: say so rather
       * than draw a fake shape. */
      g_autoptr(GString) s = g_string_new (_("No individual records for: "));
      cairo_rectangle_t r;

      for (guint i = 0; i < without->len; i++)
        {
          const AtlasGroup *g = without->pdata[i];
          g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", _atlas_chart_region_name (g->region));
        }
      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NO_DATA, s->str, body.x, body.y,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.85, FALSE,
                         &ctx->palette->muted, body.width, FALSE, &r);
      body.y += r.height + ctx->font_size * 0.4;
      body.height -= r.height + ctx->font_size * 0.4;
    }

  if (n_max == 0)
    {
      _atlas_chart_no_data (ctx, &body, NULL, NULL, NULL);
      return;
    }

  panels = facet ? _atlas_chart_panels (ctx, TRUE) : _atlas_chart_panels (ctx, FALSE);

  for (guint p = 0; p < panels->len; p++)
    {
      GPtrArray *regions = g_ptr_array_index (panels, p);
      g_autoptr(GArray) hists = g_array_new (FALSE, TRUE, sizeof (Hist));
      double edges[MAX_EDGES];
      double plo = lo, phi = hi;
      guint n_edges, target;
      AtlasScale x_scale;
      AtlasTicks x_ticks;
      cairo_rectangle_t cell;

      _atlas_chart_split (&body, panels->len, p, ctx->font_size * 1.5, TRUE, &cell);

      for (guint i = 0; i < ctx->result->groups->len; i++)
        {
          const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);
          Hist *h;

          if (g->n_values == 0
              || !g_ptr_array_find_with_equal_func (regions, g->region, g_str_equal, NULL))
            continue;
          g_array_set_size (hists, hists->len + 1);
          h = &g_array_index (hists, Hist, hists->len - 1);
          h->group = g;
          h->index = (int) i;
        }

      if (hists->len == 0)
        {
          _atlas_chart_no_data (ctx, &cell, g_ptr_array_index (regions, 0), NULL, NULL);
          continue;
        }

      if (ctx->mixed_currency)
        {
          /* Each currency gets its own x range. */
          plo = G_MAXDOUBLE;
          phi = -G_MAXDOUBLE;
          for (guint h = 0; h < hists->len; h++)
            {
              const AtlasGroup *g = g_array_index (hists, Hist, h).group;
              plo = MIN (plo, atlas_stats_percentile_sorted (g->values, g->n_values, 0.005));
              phi = MAX (phi, atlas_stats_percentile_sorted (g->values, g->n_values, 0.995));
            }
        }

      /* Rice's rule, within reason. */
      target = ctx->spec->bins > 0 ? ctx->spec->bins
                                   : (guint) CLAMP (round (2 * cbrt ((double) n_max)), 8, 40);
      n_edges = atlas_scale_bin_edges (ctx->spec->log_axis ? MAX (plo, 1.0) : plo, phi,
                                       target, ctx->spec->log_axis, edges, MAX_EDGES);
      for (guint h = 0; h < hists->len; h++)
        count_bins (&g_array_index (hists, Hist, h), edges, n_edges);

      _atlas_chart_make_scale (ctx, edges[0], edges[n_edges - 1], cell.width * 0.6,
                               !ctx->spec->log_axis && edges[0] >= 0 && edges[0] < (edges[n_edges - 1] - edges[0]) * 0.3,
                               &x_scale, &x_ticks);

      draw_hists (ctx, &cell, hists, edges, n_edges, &x_scale, &x_ticks, !facet);
    }

  if (trimmed)
    _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NOTE,
                       _("Axis trimmed to the 0.5th–99.5th percentile; the end bars include the values beyond."),
                       body.x + body.width, body.y,
                       ATLAS_ALIGN_END, ATLAS_ALIGN_START, 0.75, FALSE,
                       &ctx->palette->muted, body.width * 0.5, TRUE, NULL);
}

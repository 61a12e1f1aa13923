/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-companies.c: ranked horizontal bars of the median per company,
 * one panel per region. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-chart-private.h"

typedef struct
{
  const AtlasGroup *group;
  int               index;
} Row;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = a, *y = b;
  double mx = x->group->summary.median, my = y->group->summary.median;

  if (mx != my)
    return mx < my ? 1 : -1;
  /* Ties: the larger sample first, then by name, so the order is stable. */
  if (x->group->summary.n != y->group->summary.n)
    return x->group->summary.n < y->group->summary.n ? 1 : -1;
  return g_strcmp0 (x->group->label, y->group->label);
}

static GArray *
ranked_rows (AtlasChartCtx *ctx,
             const char    *region)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));

  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);
      Row row = { g, (int) i };

      if (g_strcmp0 (g->region, region) != 0 || !isfinite (g->summary.median))
        continue;
      if (g->summary.n < ctx->spec->min_n)
        continue;
      g_array_append_val (rows, row);
    }

  g_array_sort (rows, compare_rows);
  if (ctx->spec->top_n > 0 && rows->len > ctx->spec->top_n)
    g_array_set_size (rows, ctx->spec->top_n);
  return rows;
}

static void
row_range (const Row *row,
           double    *lo,
           double    *hi)
{
  const AtlasSummary *s = &row->group->summary;

  *lo = MIN (*lo, isfinite (s->p25) ? s->p25 : s->median);
  *hi = MAX (*hi, isfinite (s->p75) ? s->p75 : s->median);
}

/* Under a panel that shows fewer rows than it has. */
static char *
more_note (guint more)
{
  /* Translators: under a company chart cut short in a small window;
   * "Show as Table" is the main menu's item */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u more company: Show as Table lists all",
                                       "%u more companies: Show as Table lists all",
                                       more),
                          more);
}

static void
draw_panel (AtlasChartCtx           *ctx,
            const cairo_rectangle_t *area,
            const char              *region,
            GArray                  *rows,
            const AtlasScale        *shared_scale,
            const AtlasTicks        *shared_ticks,
            gboolean                 with_title)
{
  cairo_t *cr = ctx->cr;
  cairo_rectangle_t plot = *area;
  AtlasScale scale;
  AtlasTicks ticks;
  double label_w = 0, row_h, bar_h, end_pad = ctx->font_size * 7.5;
  double line_h, note_h = 0;
  guint n_rows;
  const char *currency;

  if (with_title)
    {
      double h = _atlas_chart_panel_title (ctx, area, _atlas_chart_region_name (region));
      plot.y += h;
      plot.height -= h;
    }

  if (rows->len == 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "No company with at least %u observation",
                                                           "No company with at least %u observations",
                                                           ctx->spec->min_n),
                                              ctx->spec->min_n);
      _atlas_chart_no_data (ctx, &plot, region, NULL, msg);
      return;
    }

  currency = g_array_index (rows, Row, 0).group->currency;
  for (guint i = 0; i < rows->len; i++)
    {
      double w;
      _atlas_chart_measure (ctx, g_array_index (rows, Row, i).group->label, 0.9, FALSE,
                            -1, FALSE, &w, NULL);
      label_w = MAX (label_w, w);
    }
  label_w = MIN (label_w, area->width * 0.32) + ctx->font_size * 0.6;

  plot.x += label_w;
  plot.width -= label_w + end_pad;
  plot.height -= ctx->font_size * 1.8;

  if (shared_scale != NULL)
    {
      scale = *shared_scale;
      ticks = *shared_ticks;
    }
  else
    {
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

      for (guint i = 0; i < rows->len; i++)
        row_range (&g_array_index (rows, Row, i), &lo, &hi);
      _atlas_chart_make_scale (ctx, lo, hi, plot.width, TRUE, &scale, &ticks);
    }

  /* A row is no lower than its label. Where the panel is short (a narrow
   * window, a long caption), the last rows give way to a line saying how
   * many; the table view lists them all. */
  n_rows = rows->len;
  _atlas_chart_measure (ctx, "Ag", 0.9, FALSE, -1, FALSE, NULL, &line_h);
  if (plot.height < line_h * n_rows)
    {
      g_autofree char *note = more_note (rows->len);

      _atlas_chart_measure (ctx, note, 0.9, FALSE, area->width, TRUE, NULL, &note_h);
      n_rows = (guint) MAX (1.0, floor ((plot.height - note_h) / line_h));
    }

  /* Few bars should not grow into slabs: cap the row height. */
  row_h = MIN ((plot.height - note_h) / n_rows, ctx->font_size * 2.6);
  bar_h = MIN (row_h * 0.62, ctx->font_size * 1.6);
  plot.height = row_h * n_rows;

  _atlas_chart_layout_set_plot_area (ctx->layout, &plot);
  _atlas_chart_value_axis (ctx, &plot, &scale, &ticks, currency, FALSE);

  if (n_rows < rows->len)
    {
      g_autofree char *note = more_note (rows->len - n_rows);

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NOTE, note, area->x,
                         plot.y + plot.height + ctx->font_size * 1.8, ATLAS_ALIGN_START,
                         ATLAS_ALIGN_START, 0.9, FALSE, &ctx->palette->muted, area->width,
                         TRUE, NULL);
    }

  for (guint i = 0; i < n_rows; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      const AtlasGroup *g = row->group;
      double cy = plot.y + row_h * (i + 0.5);
      double x0 = plot.x;
      double xm = _atlas_chart_map_x (&scale, &plot, g->summary.median);
      double x_end = xm;
      cairo_rectangle_t bar = { x0, cy - bar_h / 2, MAX (xm - x0, 1.0), bar_h };
      g_autofree char *value = _atlas_chart_format_value (g->currency, g->summary.median);
      g_autofree char *n = _atlas_chart_format_n (g->summary.n);
      g_autofree char *annotation = g_strdup_printf ("%s  %s", value, n);
      AtlasChartMark mark;

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_CATEGORY, g->label,
                         plot.x - ctx->font_size * 0.5, cy,
                         ATLAS_ALIGN_END, ATLAS_ALIGN_CENTER, 0.9, FALSE,
                         &ctx->palette->foreground, label_w - ctx->font_size * 0.6, FALSE, NULL);

      _atlas_chart_fill_rect (ctx, &bar, g->region, g->small_sample, 0.9);

      if (_atlas_chart_has_spread (g))
        {
          double x25 = _atlas_chart_map_x (&scale, &plot, g->summary.p25);
          double x75 = _atlas_chart_map_x (&scale, &plot, g->summary.p75);
          double cap = bar_h * 0.35;

          cairo_save (cr);
          cairo_set_line_width (cr, MAX (1.0, ctx->font_size * 0.12));
          _atlas_chart_set_color (ctx, &ctx->palette->foreground, 0.85);
          cairo_move_to (cr, x25, cy);
          cairo_line_to (cr, x75, cy);
          cairo_move_to (cr, x25, cy - cap);
          cairo_line_to (cr, x25, cy + cap);
          cairo_move_to (cr, x75, cy - cap);
          cairo_line_to (cr, x75, cy + cap);
          cairo_stroke (cr);
          cairo_restore (cr);
          x_end = MAX (x_end, x75);
        }

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_N, annotation, x_end + ctx->font_size * 0.5, cy,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_CENTER, 0.78, FALSE,
                         &ctx->palette->muted, -1, FALSE, NULL);

      _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_BAR, g, row->index);
      mark.rect = (cairo_rectangle_t) { x0, cy - bar_h / 2, MAX (x_end - x0, 1.0), bar_h };
      mark.anchor_x = xm;
      mark.anchor_y = cy;
      _atlas_chart_layout_add_mark (ctx->layout, &mark);
    }
}

void
_atlas_chart_draw_companies (AtlasChartCtx           *ctx,
                             const cairo_rectangle_t *area)
{
  g_autoptr(GPtrArray) all_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  AtlasScale scale;
  AtlasTicks ticks;
  gboolean shared = !ctx->mixed_currency && ctx->regions->len > 1;
  guint n = ctx->regions->len;
  /* Side by side where each panel gets room for its labels and bars, one
   * above the other in a narrow chart (a phone: 160 px each otherwise)
   * that is high enough for a title, an axis and a few rows in each. */
  gboolean stacked = n > 1 && area->width / n < ctx->font_size * 22 &&
                     area->height / n >= ctx->font_size * 10;

  for (guint r = 0; r < n; r++)
    g_ptr_array_add (all_rows, ranked_rows (ctx, g_ptr_array_index (ctx->regions, r)));

  if (shared)
    {
      /* One currency: one axis for all panels, so bars compare across them. */
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
      cairo_rectangle_t cell;

      for (guint r = 0; r < n; r++)
        {
          GArray *rows = g_ptr_array_index (all_rows, r);
          for (guint i = 0; i < rows->len; i++)
            row_range (&g_array_index (rows, Row, i), &lo, &hi);
        }
      _atlas_chart_split (area, n, 0, ctx->font_size * 2, stacked, &cell);
      if (lo > hi)
        shared = FALSE;
      else
        _atlas_chart_make_scale (ctx, lo, hi, cell.width * 0.7, TRUE, &scale, &ticks);
    }

  {
    double weights = 0, y = area->y, gap = ctx->font_size * 2;

    /* Stacked, each panel is as high as its rows ask, with six lines for
     * its title, axis and note: twelve US rows do not share half with two. */
    for (guint r = 0; r < n; r++)
      weights += ((GArray *) g_ptr_array_index (all_rows, r))->len + 6;

    for (guint r = 0; r < n; r++)
      {
        cairo_rectangle_t cell;

        _atlas_chart_split (area, n, r, gap, stacked, &cell);
        if (stacked)
          {
            cell.y = y;
            cell.height = (area->height - gap * (n - 1)) *
                          (((GArray *) g_ptr_array_index (all_rows, r))->len + 6) / weights;
            y += cell.height + gap;
          }
        draw_panel (ctx, &cell, g_ptr_array_index (ctx->regions, r),
                    g_ptr_array_index (all_rows, r),
                    shared ? &scale : NULL, shared ? &ticks : NULL, n > 1);
      }
  }
}

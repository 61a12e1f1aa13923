/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-experience.c: the category line chart shared by the pay by
 * experience level (levels, with a p25–p75 band and growth multipliers),
 * the career curve (bands of years of experience, the same) and the trend
 * (years, broken where the source changes). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-chart-private.h"

/* The first and last category of @region with a median: entry and senior
 * for levels, the first and last band for years of experience. */
static double
growth (AtlasChartCtx     *ctx,
        const char        *region,
        GPtrArray         *keys,
        AtlasLineAxis      axis,
        const AtlasGroup **first_out,
        const AtlasGroup **last_out)
{
  const AtlasGroup *first = NULL, *last = NULL;

  if (axis == ATLAS_LINE_AXIS_LEVELS)
    {
      first = _atlas_chart_find_group (ctx, region, "EN", NULL);
      last = _atlas_chart_find_group (ctx, region, "SE", NULL);
    }
  else
    for (guint k = 0; k < keys->len; k++)
      {
        const AtlasGroup *g = _atlas_chart_find_group (ctx, region, keys->pdata[k], NULL);

        if (g == NULL || !isfinite (g->summary.median))
          continue;
        if (first == NULL)
          first = g;
        last = g;
      }

  *first_out = first;
  *last_out = last;
  if (first == NULL || last == NULL || first == last || !(first->summary.median > 0) ||
      !isfinite (last->summary.median))
    return NAN;
  return last->summary.median / first->summary.median;
}

static const char *category_label (AtlasChartCtx *ctx,
                                   const char    *key,
                                   AtlasLineAxis  axis);

static void
draw_growth (AtlasChartCtx           *ctx,
             const cairo_rectangle_t *plot,
             GPtrArray               *regions,
             GPtrArray               *keys,
             AtlasLineAxis            axis)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *span_first = NULL, *span_last = NULL;
  gboolean spans_differ = FALSE;

  /* Bands: a region without data in the last bands has a multiplier over
   * fewer years than another's; then each says which bands it spans. */
  for (guint r = 0; axis == ATLAS_LINE_AXIS_BANDS && r < regions->len; r++)
    {
      const AtlasGroup *first, *last;

      if (!isfinite (growth (ctx, g_ptr_array_index (regions, r), keys, axis, &first, &last)))
        continue;
      if (span_first != NULL &&
          (g_strcmp0 (span_first, first->key) != 0 || g_strcmp0 (span_last, last->key) != 0))
        spans_differ = TRUE;
      span_first = first->key;
      span_last = last->key;
    }

  for (guint r = 0; r < regions->len; r++)
    {
      const char *region = g_ptr_array_index (regions, r);
      const AtlasGroup *first, *last;
      double x = growth (ctx, region, keys, axis, &first, &last);

      if (!isfinite (x))
        continue;
      if (s->len == 0)
        g_string_append (s, axis == ATLAS_LINE_AXIS_LEVELS
                            ? _("Senior ÷ entry median:  ")
                            /* Translators: most experienced band's median over the least's */
                            : _("Last ÷ first band median:  "));
      else
        g_string_append (s, "   ");
      if (spans_differ)
        /* Translators: "India ×2.3 (0–2 years to 5–10 years)" — a growth
         * multiplier and the bands of years of experience it spans */
        g_string_append_printf (s, _("%s ×%.1f (%s to %s)"), _atlas_chart_region_name (region), x,
                                category_label (ctx, first->key, axis),
                                category_label (ctx, last->key, axis));
      else
        /* Translators: "United States ×2.1" — a growth multiplier */
        g_string_append_printf (s, _("%s ×%.1f"), _atlas_chart_region_name (region), x);
    }

  if (s->len > 0)
    _atlas_chart_text (ctx, ATLAS_CHART_TEXT_ANNOTATION, s->str,
                       plot->x + ctx->font_size * 0.5, plot->y - ctx->font_size * 0.3,
                       ATLAS_ALIGN_START, ATLAS_ALIGN_END, 0.9, TRUE,
                       &ctx->palette->foreground, plot->width, FALSE, NULL);
}

/* A band's label ("5–10 years") from any group that has it. */
static const char *
category_label (AtlasChartCtx *ctx,
                const char    *key,
                AtlasLineAxis  axis)
{
  if (axis == ATLAS_LINE_AXIS_LEVELS)
    return _atlas_chart_level_label (key);
  if (axis == ATLAS_LINE_AXIS_BANDS)
    for (guint i = 0; i < ctx->result->groups->len; i++)
      {
        const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);

        if (g_strcmp0 (g->key, key) == 0 && g->label != NULL)
          return g->label;
      }
  return key;
}

/* How much more than one line a category name @text takes when it is too
 * wide for @width and reads whole on two lines broken between words
 * ("0–2 Jahre" in a band of a 360 px window: "0–2 / Jahre", not
 * "0–2 J…"); 0 when it fits on one line or would not read whole on two
 * (a single word, a word wider than the band, three lines), and then it
 * ends in "…" as before. */
static double
category_second_line (AtlasChartCtx *ctx,
                      const char    *text,
                      double         width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double w, one, two;

  _atlas_chart_measure (ctx, text, 1.0, TRUE, -1, FALSE, &w, &one);
  if (w <= width || words[0] == NULL || words[1] == NULL)
    return 0.0;
  for (guint i = 0; words[i] != NULL; i++)
    {
      _atlas_chart_measure (ctx, words[i], 1.0, TRUE, -1, FALSE, &w, NULL);
      if (w > width)
        return 0.0;
    }
  _atlas_chart_measure (ctx, text, 1.0, TRUE, width, TRUE, NULL, &two);
  return two < one * 2.5 ? two - one : 0.0;
}

static void
draw_band (AtlasChartCtx           *ctx,
           const cairo_rectangle_t *plot,
           const AtlasScale        *scale,
           GPtrArray               *keys,
           const char              *region,
           double                   band_w)
{
  cairo_t *cr = ctx->cr;
  guint start = 0;

  /* One polygon per run of consecutive levels that have a spread. */
  while (start < keys->len)
    {
      guint end = start;

      while (end < keys->len)
        {
          const AtlasGroup *g = _atlas_chart_find_group (ctx, region, keys->pdata[end], NULL);
          if (g == NULL || !_atlas_chart_has_spread (g))
            break;
          end++;
        }

      if (end - start >= 2)
        {
          cairo_new_path (cr);
          for (guint i = start; i < end; i++)
            {
              const AtlasGroup *g = _atlas_chart_find_group (ctx, region, keys->pdata[i], NULL);
              cairo_line_to (cr, plot->x + band_w * (i + 0.5),
                             _atlas_chart_map_y (scale, plot, g->summary.p75));
            }
          for (guint i = end; i > start; i--)
            {
              const AtlasGroup *g = _atlas_chart_find_group (ctx, region, keys->pdata[i - 1], NULL);
              cairo_line_to (cr, plot->x + band_w * (i - 0.5),
                             _atlas_chart_map_y (scale, plot, g->summary.p25));
            }
          cairo_close_path (cr);
          _atlas_chart_set_color (ctx, _atlas_chart_region_color (ctx, region), 0.18);
          cairo_fill (cr);
        }
      start = end + 1;
    }
}

/* A dashed vertical line at @x where @region's source changes, labelled
 * once at the top of the plot. */
static void
draw_source_break (AtlasChartCtx           *ctx,
                   const cairo_rectangle_t *plot,
                   double                   x,
                   const char              *region,
                   guint                    region_index)
{
  cairo_t *cr = ctx->cr;
  double lw = MAX (1.0, ctx->font_size * 0.1);
  double dash[] = { lw * 4, lw * 3 };
  g_autofree char *label = NULL;

  cairo_save (cr);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, lw);
  _atlas_chart_set_color (ctx, _atlas_chart_region_color (ctx, region), 0.8);
  cairo_move_to (cr, x, plot->y);
  cairo_line_to (cr, x, plot->y + plot->height);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Translators: marks a break in a trend line: "India: source changes" */
  label = g_strdup_printf (_("%s: source changes"), _atlas_chart_region_name (region));
  _atlas_chart_text (ctx, ATLAS_CHART_TEXT_ANNOTATION, label,
                     x + ctx->font_size * 0.3, plot->y + ctx->font_size * (0.2 + 1.1 * region_index),
                     ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.72, FALSE,
                     _atlas_chart_region_color (ctx, region), -1, FALSE, NULL);
}

static void
draw_panel (AtlasChartCtx           *ctx,
            const cairo_rectangle_t *area,
            GPtrArray               *regions,
            GPtrArray               *keys,
            AtlasLineAxis            axis,
            gboolean                 with_title)
{
  cairo_t *cr = ctx->cr;
  cairo_rectangle_t plot = *area;
  AtlasScale scale;
  AtlasTicks ticks;
  const char *currency = NULL;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, band_w, label_w, radius;
  double second_line = 0.0;   /* room for category names on two lines */
  cairo_rectangle_t top;
  double n_row = ctx->font_size * 1.15;
  double line_w = MAX (1.5, ctx->font_size * 0.2);
  gboolean years = axis == ATLAS_LINE_AXIS_YEARS;

  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);

      if (!g_ptr_array_find_with_equal_func (regions, g->region, g_str_equal, NULL)
          || !isfinite (g->summary.median))
        continue;
      lo = MIN (lo, g->summary.median);
      hi = MAX (hi, g->summary.median);
      if (!years && _atlas_chart_has_spread (g))
        {
          lo = MIN (lo, g->summary.p25);
          hi = MAX (hi, g->summary.p75);
        }
      currency = g->currency;
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

  /* Room for the growth line above, category names and one n row per region below. */
  if (!years)
    {
      plot.y += ctx->font_size * 1.8;
      plot.height -= ctx->font_size * 1.8;
    }
  else
    {
      plot.y += ctx->font_size * 0.5;
      plot.height -= ctx->font_size * 0.5;
    }
  plot.height -= ctx->font_size * 2.0 + n_row * regions->len;

  if (currency == NULL)
    {
      _atlas_chart_no_data (ctx, &plot, g_ptr_array_index (regions, 0), NULL, NULL);
      return;
    }

  /* The bands' width follows from the value axis's, which follows from
   * the plot's height: where a category name needs a second line, the
   * plot gives it up and is laid out once more. */
  top = plot;
  for (int pass = 0; pass < 2; pass++)
    {
      double needed = 0.0;

      plot = top;
      plot.height -= second_line;
      _atlas_chart_make_scale (ctx, lo, hi, plot.height, FALSE, &scale, &ticks);
      {
        double axis_w = _atlas_chart_value_axis_width (ctx, &ticks, currency);
        plot.x += axis_w;
        plot.width -= axis_w;
      }
      band_w = plot.width / MAX (keys->len, 1);
      /* Labels under neighbouring bands keep a gap, even ellipsized. */
      label_w = band_w - ctx->font_size * 0.4;
      if (pass > 0)
        break;
      for (guint k = 0; k < keys->len; k++)
        needed = MAX (needed, category_second_line (ctx, category_label (ctx, keys->pdata[k], axis),
                                                    label_w));
      if (needed == 0.0)
        break;
      second_line = needed;
    }
  _atlas_chart_layout_set_plot_area (ctx->layout, &plot);
  _atlas_chart_value_axis (ctx, &plot, &scale, &ticks, currency, TRUE);
  radius = MAX (3.0, ctx->font_size * 0.38);

  for (guint k = 0; k < keys->len; k++)
    {
      const char *text = category_label (ctx, keys->pdata[k], axis);
      double more = category_second_line (ctx, text, label_w);

      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_CATEGORY, text,
                         plot.x + band_w * (k + 0.5), plot.y + plot.height + ctx->font_size * 0.4,
                         ATLAS_ALIGN_CENTER, ATLAS_ALIGN_START, 1.0, TRUE,
                         &ctx->palette->foreground, label_w,
                         more > 0.0 && more <= second_line + 0.5, NULL);
    }

  if (!years)
    for (guint r = 0; r < regions->len; r++)
      draw_band (ctx, &plot, &scale, keys, g_ptr_array_index (regions, r), band_w);

  for (guint r = 0; r < regions->len; r++)
    {
      const char *region = g_ptr_array_index (regions, r);
      const AtlasChartColor *color = _atlas_chart_region_color (ctx, region);
      gboolean pen_down = FALSE;

      const AtlasGroup *prev = NULL;

      /* The line, broken where a category has no data and, over years,
       * where the source changes: a median of H-1B base wages followed by
       * one of survey answers is not a trend. */
      cairo_save (cr);
      cairo_set_line_width (cr, line_w);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      _atlas_chart_set_color (ctx, color, 1.0);
      for (guint k = 0; k < keys->len; k++)
        {
          const AtlasGroup *g = _atlas_chart_find_group (ctx, region, keys->pdata[k], NULL);
          double x = plot.x + band_w * (k + 0.5);

          if (g == NULL || !isfinite (g->summary.median))
            {
              pen_down = FALSE;
              continue;
            }
          if (years && prev != NULL && g_strcmp0 (prev->sources, g->sources) != 0)
            {
              cairo_stroke (cr);
              draw_source_break (ctx, &plot, x - band_w / 2, region, r);
              cairo_set_line_width (cr, line_w);
              _atlas_chart_set_color (ctx, color, 1.0);
              pen_down = FALSE;
            }
          prev = g;
          if (pen_down)
            cairo_line_to (cr, x, _atlas_chart_map_y (&scale, &plot, g->summary.median));
          else
            cairo_move_to (cr, x, _atlas_chart_map_y (&scale, &plot, g->summary.median));
          pen_down = TRUE;
        }
      cairo_stroke (cr);
      cairo_restore (cr);

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = keys->pdata[k];
          double x = plot.x + band_w * (k + 0.5);
          double n_y = plot.y + plot.height + second_line + ctx->font_size * 1.7 + n_row * r;
          int index;
          const AtlasGroup *g = _atlas_chart_find_group (ctx, region, key, &index);
          AtlasChartMark mark;
          double y;

          if (g == NULL || !isfinite (g->summary.median))
            {
              cairo_rectangle_t text_rect;
              AtlasChartMark empty;

              /* The mark is the "no data" label itself: a whole column
               * would cover the other regions' points. */
              _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NO_DATA, _("no data"), x, n_y,
                                 ATLAS_ALIGN_CENTER, ATLAS_ALIGN_START, 0.75, FALSE,
                                 color, label_w, FALSE, &text_rect);
              _atlas_chart_mark_init (&empty, ATLAS_CHART_MARK_EMPTY, NULL, -1);
              empty.region = region;
              empty.key = key;
              empty.label = key;
              empty.rect = text_rect;
              empty.anchor_x = x;
              empty.anchor_y = text_rect.y + text_rect.height / 2;
              _atlas_chart_layout_add_mark (ctx->layout, &empty);
              continue;
            }

          y = _atlas_chart_map_y (&scale, &plot, g->summary.median);
          cairo_new_path (cr);
          cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
          if (g->small_sample)
            {
              /* Hollow: a small sample is an estimate to read with care. */
              _atlas_chart_set_color (ctx, &ctx->palette->background, 1.0);
              cairo_fill_preserve (cr);
              _atlas_chart_set_color (ctx, color, 1.0);
              cairo_set_line_width (cr, line_w * 0.8);
              cairo_stroke (cr);
              ctx->any_small = TRUE;
            }
          else
            {
              _atlas_chart_set_color (ctx, color, 1.0);
              cairo_fill_preserve (cr);
              _atlas_chart_set_color (ctx, &ctx->palette->background, 1.0);
              cairo_set_line_width (cr, 1.0);
              cairo_stroke (cr);
            }

          {
            g_autofree char *n = _atlas_chart_format_n (g->summary.n);
            g_autofree char *label = g->small_sample
                                     ? g_strdup_printf ("%s %s", n, _("(small)"))
                                     : g_strdup (n);

            _atlas_chart_text (ctx, ATLAS_CHART_TEXT_N, label, x, n_y,
                               ATLAS_ALIGN_CENTER, ATLAS_ALIGN_START, 0.75, FALSE,
                               color, label_w, FALSE, NULL);
          }

          _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_POINT, g, index);
          mark.rect = (cairo_rectangle_t) { x - radius * 2, y - radius * 2, radius * 4, radius * 4 };
          mark.anchor_x = x;
          mark.anchor_y = y;
          _atlas_chart_layout_add_mark (ctx->layout, &mark);
        }
    }

  if (!years)
    draw_growth (ctx, &plot, regions, keys, axis);
}

void
_atlas_chart_draw_lines (AtlasChartCtx           *ctx,
                         const cairo_rectangle_t *area,
                         AtlasLineAxis            axis)
{
  g_autoptr(GPtrArray) panels = _atlas_chart_panels (ctx, FALSE);
  /* Band keys ("0-2", "15+") sort by their first number, as years do. */
  g_autoptr(GPtrArray) keys = _atlas_chart_category_keys (ctx, axis != ATLAS_LINE_AXIS_LEVELS);

  for (guint p = 0; p < panels->len; p++)
    {
      cairo_rectangle_t cell;

      _atlas_chart_split (area, panels->len, p, ctx->font_size * 2, FALSE, &cell);
      draw_panel (ctx, &cell, g_ptr_array_index (panels, p), keys, axis, panels->len > 1);
    }
}

void
_atlas_chart_draw_experience (AtlasChartCtx           *ctx,
                              const cairo_rectangle_t *area)
{
  _atlas_chart_draw_lines (ctx, area, ATLAS_LINE_AXIS_LEVELS);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-company-regions.c: the same employer in two regions (the US
 * and India): one row per company that has enough observations in both,
 * a bar per region to the median with its p25–p75 line. One currency (USD,
 * PPP) shares one axis, and the second region's bar says what share of the
 * first it is; in local currencies each region gets its own column and
 * axis, rows aligned. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-chart-private.h"

typedef struct
{
  const char       *key;
  const char       *label;
  const AtlasGroup *groups[2];
  int               index[2];
} Row;

/* The two regions compared: the US and India when the result has both,
 * else the first two regions in result order (a filter of other regions). */
static guint
choose_pair (AtlasChartCtx *ctx,
             const char    *pair[2])
{
  gboolean has_us = g_ptr_array_find_with_equal_func (ctx->regions, "US", g_str_equal, NULL);
  gboolean has_in = g_ptr_array_find_with_equal_func (ctx->regions, "IN", g_str_equal, NULL);

  if (has_us && has_in)
    {
      pair[0] = "US";
      pair[1] = "IN";
      return 2;
    }
  for (guint i = 0; i < 2; i++)
    pair[i] = i < ctx->regions->len ? g_ptr_array_index (ctx->regions, i) : NULL;
  return MIN (ctx->regions->len, 2);
}

static gboolean
usable (const AtlasGroup *g)
{
  return g != NULL && isfinite (g->summary.median);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = a, *y = b;
  guint64 nx = MIN (x->groups[0]->summary.n, x->groups[1]->summary.n);
  guint64 ny = MIN (y->groups[0]->summary.n, y->groups[1]->summary.n);

  /* The best-observed pairs first: the smaller side's n decides. */
  if (nx != ny)
    return nx < ny ? 1 : -1;
  return g_strcmp0 (x->label, y->label);
}

/* Companies with both regions and at least min_n observations in each;
 * counts the companies left out and why. */
static GArray *
paired_rows (AtlasChartCtx *ctx,
             const char    *pair[2],
             guint         *n_one_region,
             guint         *n_below_min)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  *n_one_region = 0;
  *n_below_min = 0;

  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);
      Row row = { g->key, g->label, { NULL, NULL }, { -1, -1 } };

      if (g_strcmp0 (g->region, pair[0]) != 0 && g_strcmp0 (g->region, pair[1]) != 0)
        continue;
      if (!g_hash_table_add (seen, g->key))
        continue;

      row.groups[0] = _atlas_chart_find_group (ctx, pair[0], g->key, &row.index[0]);
      row.groups[1] = _atlas_chart_find_group (ctx, pair[1], g->key, &row.index[1]);
      if (!usable (row.groups[0]) || !usable (row.groups[1]))
        {
          (*n_one_region)++;
          continue;
        }
      if (row.groups[0]->summary.n < ctx->spec->min_n || row.groups[1]->summary.n < ctx->spec->min_n)
        {
          (*n_below_min)++;
          continue;
        }
      g_array_append_val (rows, row);
    }

  g_array_sort (rows, compare_rows);
  if (ctx->spec->top_n > 0 && rows->len > ctx->spec->top_n)
    g_array_set_size (rows, ctx->spec->top_n);
  return rows;
}

static void
spread (const AtlasGroup *g,
        double           *lo,
        double           *hi)
{
  *lo = MIN (*lo, _atlas_chart_has_spread (g) ? g->summary.p25 : g->summary.median);
  *hi = MAX (*hi, _atlas_chart_has_spread (g) ? g->summary.p75 : g->summary.median);
}

static void
draw_bar (AtlasChartCtx           *ctx,
          const cairo_rectangle_t *plot,
          const AtlasScale        *scale,
          const AtlasGroup        *g,
          int                      index,
          double                   cy,
          double                   bar_h,
          const char              *extra)
{
  cairo_t *cr = ctx->cr;
  double x0 = plot->x;
  double xm = _atlas_chart_map_x (scale, plot, g->summary.median);
  double x_end = xm;
  cairo_rectangle_t bar = { x0, cy - bar_h / 2, MAX (xm - x0, 1.0), bar_h };
  g_autofree char *value = _atlas_chart_format_value (g->currency, g->summary.median);
  g_autofree char *n = _atlas_chart_format_n (g->summary.n);
  g_autofree char *annotation = NULL;
  AtlasChartMark mark;

  _atlas_chart_fill_rect (ctx, &bar, g->region, g->small_sample, 0.9);

  if (_atlas_chart_has_spread (g))
    {
      double x25 = _atlas_chart_map_x (scale, plot, g->summary.p25);
      double x75 = _atlas_chart_map_x (scale, plot, g->summary.p75);
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

  annotation = g_strdup_printf ("%s  %s%s%s%s", value, n,
                                g->small_sample ? " " : "", g->small_sample ? _("(small)") : "",
                                extra != NULL ? extra : "");
  _atlas_chart_text (ctx, ATLAS_CHART_TEXT_N, annotation, x_end + ctx->font_size * 0.4, cy,
                     ATLAS_ALIGN_START, ATLAS_ALIGN_CENTER, 0.74, FALSE,
                     &ctx->palette->muted, -1, FALSE, NULL);

  _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_BAR, g, index);
  mark.rect = (cairo_rectangle_t) { x0, cy - MAX (bar_h, 8) / 2, MAX (x_end - x0, 8.0), MAX (bar_h, 8) };
  mark.anchor_x = xm;
  mark.anchor_y = cy;
  _atlas_chart_layout_add_mark (ctx->layout, &mark);
}

static char *
describe_left_out (AtlasChartCtx *ctx,
                   const char    *pair[2],
                   guint          n_one_region,
                   guint          n_below_min)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (n_below_min > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u company has fewer than %u observations in one region. ",
                                         "%u companies have fewer than %u observations in one region. ",
                                         n_below_min),
                            n_below_min, ctx->spec->min_n);
  if (n_one_region > 0)
    /* Translators: "12 companies have data for only one of United States and India." */
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u company has data for only one of %s and %s.",
                                         "%u companies have data for only one of %s and %s.",
                                         n_one_region),
                            n_one_region, _atlas_chart_region_name (pair[0]),
                            _atlas_chart_region_name (pair[1]));
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

char *
_atlas_chart_company_regions_summary (const AtlasChartSpec   *spec,
                                      const AtlasQueryResult *result)
{
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) s = NULL;
  AtlasChartCtx ctx = { 0 };
  const char *pair[2] = { NULL, NULL };
  guint n_one_region, n_below_min;

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (!g_ptr_array_find_with_equal_func (regions, g->region, g_str_equal, NULL))
        g_ptr_array_add (regions, g->region);
    }
  ctx.spec = spec;
  ctx.result = result;
  ctx.regions = regions;
  if (choose_pair (&ctx, pair) < 2)
    return NULL;

  rows = paired_rows (&ctx, pair, &n_one_region, &n_below_min);
  if (rows->len == 0)
    return NULL;
  s = g_string_new (NULL);
  /* Translators: "Companies shown in both United States and India: Amazon, Google." */
  g_string_append_printf (s, _("Companies shown in both %s and %s: "),
                          _atlas_chart_region_name (pair[0]), _atlas_chart_region_name (pair[1]));
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", g_array_index (rows, Row, i).label);
  g_string_append (s, ". ");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
_atlas_chart_draw_company_regions (AtlasChartCtx           *ctx,
                                   const cairo_rectangle_t *area)
{
  const char *pair[2] = { NULL, NULL };
  g_autoptr(GArray) rows = NULL;
  g_autofree char *left_out = NULL;
  cairo_rectangle_t body = *area;
  guint n_one_region, n_below_min, n_panels;
  double label_w = 0, row_h, note_h = 0;
  gboolean shared;

  if (choose_pair (ctx, pair) < 2)
    {
      g_autofree char *msg = NULL;

      /* Translators: "Only United States has data under this filter: …" */
      msg = g_strdup_printf (_("Only %s has data under this filter: no company to set beside another region"),
                             _atlas_chart_region_name (pair[0]));
      _atlas_chart_no_data (ctx, area, pair[0], NULL, msg);
      return;
    }

  rows = paired_rows (ctx, pair, &n_one_region, &n_below_min);
  left_out = describe_left_out (ctx, pair, n_one_region, n_below_min);

  if (left_out != NULL)
    {
      _atlas_chart_measure (ctx, left_out, 0.8, FALSE, area->width, TRUE, NULL, &note_h);
      _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NOTE, left_out, area->x,
                         area->y + area->height - note_h,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.8, FALSE,
                         &ctx->palette->muted, area->width, TRUE, NULL);
      body.height -= note_h + ctx->font_size * 0.5;
    }

  if (rows->len == 0)
    {
      g_autofree char *msg = NULL;

      /* Translators: "No company has at least 5 observations in both United States and India under this filter" */
      msg = g_strdup_printf (_("No company has at least %u observations in both %s and %s under this filter"),
                             ctx->spec->min_n, _atlas_chart_region_name (pair[0]),
                             _atlas_chart_region_name (pair[1]));
      _atlas_chart_no_data (ctx, &body, NULL, NULL, msg);
      return;
    }

  shared = g_strcmp0 (g_array_index (rows, Row, 0).groups[0]->currency,
                      g_array_index (rows, Row, 0).groups[1]->currency) == 0;
  n_panels = shared ? 1 : 2;

  for (guint i = 0; i < rows->len; i++)
    {
      double w;

      _atlas_chart_measure (ctx, g_array_index (rows, Row, i).label, 0.9, TRUE, -1, FALSE, &w, NULL);
      label_w = MAX (label_w, w);
    }
  label_w = MIN (label_w, body.width * 0.25) + ctx->font_size * 0.6;

  for (guint p = 0; p < n_panels; p++)
    {
      cairo_rectangle_t cell, plot;
      AtlasScale scale;
      AtlasTicks ticks;
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, bar_h;
      double end_pad = ctx->font_size * (shared ? 11.0 : 7.5);
      const char *currency = g_array_index (rows, Row, 0).groups[p]->currency;

      cell = (cairo_rectangle_t) { body.x + label_w, body.y, body.width - label_w, body.height };
      _atlas_chart_split (&cell, n_panels, p, ctx->font_size * 2, FALSE, &plot);
      if (!shared)
        {
          g_autofree char *t = g_strdup_printf ("%s (%s)", _atlas_chart_region_name (pair[p]), currency);
          double h = _atlas_chart_panel_title (ctx, &plot, t);

          plot.y += h;
          plot.height -= h;
        }
      plot.width -= end_pad;
      plot.height -= ctx->font_size * 1.8;

      for (guint i = 0; i < rows->len; i++)
        {
          const Row *row = &g_array_index (rows, Row, i);

          for (guint r = 0; r < 2; r++)
            if (shared || r == p)
              spread (row->groups[r], &lo, &hi);
        }
      _atlas_chart_make_scale (ctx, lo, hi, plot.width, TRUE, &scale, &ticks);

      /* Few rows should not grow into slabs: cap the row height. */
      row_h = MIN (plot.height / rows->len, ctx->font_size * (shared ? 3.6 : 2.6));
      bar_h = shared ? MIN (row_h * 0.34, ctx->font_size * 1.1) : MIN (row_h * 0.62, ctx->font_size * 1.6);
      plot.height = row_h * rows->len;

      if (p == 0)
        _atlas_chart_layout_set_plot_area (ctx->layout, &plot);
      _atlas_chart_value_axis (ctx, &plot, &scale, &ticks, currency, FALSE);

      for (guint i = 0; i < rows->len; i++)
        {
          const Row *row = &g_array_index (rows, Row, i);
          double cy = plot.y + row_h * (i + 0.5);

          if (p == 0)
            _atlas_chart_text (ctx, ATLAS_CHART_TEXT_CATEGORY, row->label,
                               body.x + label_w - ctx->font_size * 0.6, cy,
                               ATLAS_ALIGN_END, ATLAS_ALIGN_CENTER, 0.9, TRUE,
                               &ctx->palette->foreground, label_w - ctx->font_size * 0.6, FALSE, NULL);

          if (shared)
            {
              const AtlasGroup *a = row->groups[0], *b = row->groups[1];
              g_autofree char *share = NULL;

              double offset = MAX (bar_h * 0.6, ctx->font_size * 0.5);

              /* A share only of like with like: amounts of different pay
               * bases (H-1B base wages, levels.fyi total compensation) are
               * not one measure, and a share of another source says so. */
              if (a->pay_basis != b->pay_basis || a->pooled_bases || b->pooled_bases)
                share = g_strdup (_(" · pay bases differ"));
              else if (a->summary.median > 0 && g_strcmp0 (a->sources, b->sources) == 0)
                /* Translators: after the second region's bar: "· 38 % of United States" */
                share = g_strdup_printf (_(" · %.0f %% of %s"), 100.0 * b->summary.median / a->summary.median,
                                         _atlas_chart_region_name (pair[0]));
              else if (a->summary.median > 0)
                /* Translators: "· 38 % of United States (other sources)" */
                share = g_strdup_printf (_(" · %.0f %% of %s (other sources)"),
                                         100.0 * b->summary.median / a->summary.median,
                                         _atlas_chart_region_name (pair[0]));
              draw_bar (ctx, &plot, &scale, a, row->index[0], cy - offset, bar_h, NULL);
              draw_bar (ctx, &plot, &scale, b, row->index[1], cy + offset, bar_h, share);
            }
          else
            draw_bar (ctx, &plot, &scale, row->groups[p], row->index[p], cy, bar_h, NULL);
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-draw.c: text, fills, axes and panels shared by the chart kinds. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"
#include "atlas-money.h"

/* Families tried in order; Pango falls back per character, so ₹ and
 * Devanagari shape even where the first family lacks them. */
#define CHART_FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, Sans"

/* Every text is laid out at the base size, in one of two fonts (regular
 * and bold), and drawn scaled by @scale: Pango makes a set of fonts per
 * size, and each costs fontconfig's substitution and sort (a millisecond
 * or more; the compare chart used eight sizes, a fifth of its drawing).
 * The metrics are unhinted and the glyph positions not rounded
 * (atlas-chart-render.c), so a layout scales linearly: the same lines
 * and extents as at the scaled size, and cairo rasterises the glyphs at
 * the size they are drawn. */
static void
setup_text (AtlasChartCtx *ctx,
            const char    *text,
            double         scale,
            gboolean       bold,
            double         max_width,
            gboolean       wrap)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family_static (desc, CHART_FONT_FAMILY);
  pango_font_description_set_absolute_size (desc, ctx->font_size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (ctx->pango, desc);
  pango_font_description_free (desc);

  pango_layout_set_text (ctx->pango, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (ctx->pango, (int) (max_width / scale * PANGO_SCALE));
      pango_layout_set_wrap (ctx->pango, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (ctx->pango, wrap ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (ctx->pango, -1);
      pango_layout_set_ellipsize (ctx->pango, PANGO_ELLIPSIZE_NONE);
    }
}

/* The size of the layout as drawn at @scale. */
static void
layout_size (AtlasChartCtx *ctx,
             double         scale,
             double        *width,
             double        *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (ctx->pango, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE * scale;
  *height = (double) logical.height / PANGO_SCALE * scale;
}

void
_atlas_chart_measure (AtlasChartCtx *ctx,
                      const char    *text,
                      double         scale,
                      gboolean       bold,
                      double         max_width,
                      gboolean       wrap,
                      double        *width,
                      double        *height)
{
  double w, h;

  setup_text (ctx, text, scale, bold, max_width, wrap);
  layout_size (ctx, scale, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

void
_atlas_chart_text (AtlasChartCtx         *ctx,
                   AtlasChartTextRole     role,
                   const char            *text,
                   double                 x,
                   double                 y,
                   AtlasAlign             halign,
                   AtlasAlign             valign,
                   double                 scale,
                   gboolean               bold,
                   const AtlasChartColor *color,
                   double                 max_width,
                   gboolean               wrap,
                   cairo_rectangle_t     *extents)
{
  cairo_rectangle_t r;
  double w, h, origin_x;

  setup_text (ctx, text, scale, bold, max_width, wrap);
  layout_size (ctx, scale, &w, &h);

  if (wrap && max_width > 0)
    pango_layout_set_alignment (ctx->pango,
                                halign == ATLAS_ALIGN_END ? PANGO_ALIGN_RIGHT
                                : halign == ATLAS_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                : PANGO_ALIGN_LEFT);
  else
    pango_layout_set_alignment (ctx->pango, PANGO_ALIGN_LEFT);

  r.width = w;
  r.height = h;
  r.x = halign == ATLAS_ALIGN_START ? x : halign == ATLAS_ALIGN_CENTER ? x - w / 2 : x - w;
  r.y = valign == ATLAS_ALIGN_START ? y : valign == ATLAS_ALIGN_CENTER ? y - h / 2 : y - h;

  /* A wrapped layout is drawn from its box's edge and its alignment places
   * the lines in the box; what it records (tooltips, hit tests, the tests'
   * overlap checks) is where the text is: r, the widest line's width. */
  origin_x = r.x;
  if (wrap && max_width > 0 && halign != ATLAS_ALIGN_START)
    origin_x = halign == ATLAS_ALIGN_CENTER ? x - max_width / 2 : x - max_width;

  _atlas_chart_set_color (ctx, color, 1.0);
  cairo_save (ctx->cr);
  cairo_translate (ctx->cr, origin_x, r.y);
  cairo_scale (ctx->cr, scale, scale);
  cairo_move_to (ctx->cr, 0, 0);
  pango_cairo_show_layout (ctx->cr, ctx->pango);
  cairo_restore (ctx->cr);
  /* The move_to left a current point; arcs and line_to must not join it. */
  cairo_new_path (ctx->cr);

  _atlas_chart_layout_add_text (ctx->layout, role, text, &r);
  if (extents != NULL)
    *extents = r;
}

void
_atlas_chart_set_color (AtlasChartCtx         *ctx,
                        const AtlasChartColor *color,
                        double                 alpha)
{
  cairo_set_source_rgba (ctx->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* The regions people compare most keep their colour in every chart,
 * whichever of them a result lists first or at all: the US the first series
 * colour, India the second.  The others follow in legend order. */
static int
fixed_region_slot (const char *region)
{
  if (g_strcmp0 (region, "US") == 0)
    return 0;
  if (g_strcmp0 (region, "IN") == 0)
    return 1;
  return -1;
}

int
_atlas_chart_compare_regions (gconstpointer a,
                              gconstpointer b)
{
  int sa = fixed_region_slot (*(const char * const *) a);
  int sb = fixed_region_slot (*(const char * const *) b);

  /* A stable sort keeps the other regions in their order, after US and IN. */
  if (sa < 0)
    sa = G_MAXINT;
  if (sb < 0)
    sb = G_MAXINT;
  return sa < sb ? -1 : sa > sb;
}

guint
_atlas_chart_region_index (AtlasChartCtx *ctx,
                           const char    *region)
{
  /* Hidden regions keep their place, so that the others keep their colour. */
  GPtrArray *regions = ctx->legend_regions ? ctx->legend_regions : ctx->regions;
  int slot = fixed_region_slot (region);
  guint others = 0;

  if (slot >= 0)
    return slot;
  for (guint i = 0; i < regions->len; i++)
    {
      const char *r = g_ptr_array_index (regions, i);

      if (g_strcmp0 (r, region) == 0)
        return 2 + others;
      if (fixed_region_slot (r) < 0)
        others++;
    }
  return 2 + others;
}

const AtlasChartColor *
_atlas_chart_region_color (AtlasChartCtx *ctx,
                           const char    *region)
{
  guint i = _atlas_chart_region_index (ctx, region);

  return &ctx->palette->series[i % ATLAS_CHART_PALETTE_N_SERIES];
}

void
_atlas_chart_hatch (AtlasChartCtx           *ctx,
                    const cairo_rectangle_t *rect,
                    const AtlasChartColor   *color)
{
  double spacing = MAX (4.0, ctx->font_size * 0.45);
  cairo_t *cr = ctx->cr;

  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  _atlas_chart_set_color (ctx, color, 0.9);
  cairo_set_line_width (cr, MAX (1.0, ctx->font_size * 0.08));
  for (double d = -rect->height; d < rect->width; d += spacing)
    {
      cairo_move_to (cr, rect->x + d, rect->y + rect->height);
      cairo_line_to (cr, rect->x + d + rect->height, rect->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
print_pattern (AtlasChartCtx           *ctx,
               const cairo_rectangle_t *rect,
               guint                    series)
{
  double spacing = MAX (3.0, ctx->font_size * 0.35);
  cairo_t *cr = ctx->cr;

  /* Series 0 stays solid; the others get a texture that survives
   * photocopying, on top of their grey. */
  if (series % 3 == 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  _atlas_chart_set_color (ctx, &ctx->palette->foreground, 0.55);
  cairo_set_line_width (cr, 0.8);
  if (series % 3 == 1)
    for (double y = rect->y + spacing / 2; y < rect->y + rect->height; y += spacing)
      {
        cairo_move_to (cr, rect->x, y);
        cairo_line_to (cr, rect->x + rect->width, y);
      }
  else
    for (double x = rect->x + spacing / 2; x < rect->x + rect->width; x += spacing)
      {
        cairo_move_to (cr, x, rect->y);
        cairo_line_to (cr, x, rect->y + rect->height);
      }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_atlas_chart_fill_rect (AtlasChartCtx           *ctx,
                        const cairo_rectangle_t *rect,
                        const char              *region,
                        gboolean                 small_sample,
                        double                   alpha)
{
  const AtlasChartColor *color = _atlas_chart_region_color (ctx, region);
  cairo_t *cr = ctx->cr;

  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  _atlas_chart_set_color (ctx, color, small_sample ? alpha * 0.35 : alpha);
  cairo_fill (cr);

  if (ctx->palette->patterns)
    print_pattern (ctx, rect, _atlas_chart_region_index (ctx, region));

  if (small_sample)
    {
      _atlas_chart_hatch (ctx, rect, color);
      ctx->any_small = TRUE;
    }
}

char *
_atlas_chart_format_value (const char *currency,
                           double      value)
{
  if (currency == NULL)
    return atlas_scale_format_count (value);

  if (strcmp (currency, "%") == 0)
    {
      double pct = value * 100.0;

      if (pct != 0 && fabs (pct) < 10 && fabs (pct - round (pct)) > 0.05)
        return g_strdup_printf ("%.1f %%", pct);
      return g_strdup_printf ("%.0f %%", round (pct));
    }

  return atlas_scale_format_money (value, currency);
}

void
_atlas_chart_make_scale (AtlasChartCtx *ctx,
                         double         lo,
                         double         hi,
                         double         length,
                         gboolean       zero_based,
                         AtlasScale    *scale,
                         AtlasTicks    *ticks)
{
  guint target = (guint) CLAMP (length / (ctx->font_size * 4.5), 2, 10);

  if (ctx->spec->log_axis && hi > 0)
    atlas_scale_log (lo > 0 ? lo : hi / 100.0, hi, scale, ticks);
  else
    atlas_scale_linear (lo, hi, target, zero_based, scale, ticks);
}

double
_atlas_chart_value_axis_width (AtlasChartCtx    *ctx,
                               const AtlasTicks *ticks,
                               const char       *currency)
{
  double max = 0;

  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *label = _atlas_chart_format_value (currency, ticks->values[i]);
      double w;

      _atlas_chart_measure (ctx, label, 0.85, FALSE, -1, FALSE, &w, NULL);
      max = MAX (max, w);
    }

  return max + ctx->font_size * 0.6;
}

void
_atlas_chart_value_axis (AtlasChartCtx           *ctx,
                         const cairo_rectangle_t *plot,
                         const AtlasScale        *scale,
                         const AtlasTicks        *ticks,
                         const char              *currency,
                         gboolean                 vertical)
{
  cairo_t *cr = ctx->cr;
  double pad = ctx->font_size * 0.4;
  double last_end = -G_MAXDOUBLE;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *label = NULL;
      double t = atlas_scale_map (scale, ticks->values[i]);

      if (t < -1e-6 || t > 1 + 1e-6)
        continue;

      label = _atlas_chart_format_value (currency, ticks->values[i]);
      _atlas_chart_set_color (ctx, &ctx->palette->grid, 1.0);

      if (vertical)
        {
          double y = plot->y + plot->height * (1 - t);

          cairo_move_to (cr, plot->x, y);
          cairo_line_to (cr, plot->x + plot->width, y);
          cairo_stroke (cr);
          _atlas_chart_text (ctx, ATLAS_CHART_TEXT_AXIS, label, plot->x - pad, y,
                             ATLAS_ALIGN_END, ATLAS_ALIGN_CENTER, 0.85, FALSE,
                             &ctx->palette->muted, -1, FALSE, NULL);
        }
      else
        {
          double x = plot->x + plot->width * t;
          double w;

          cairo_move_to (cr, x, plot->y);
          cairo_line_to (cr, x, plot->y + plot->height);
          cairo_stroke (cr);

          /* Skip labels that would run into the previous one. */
          _atlas_chart_measure (ctx, label, 0.85, FALSE, -1, FALSE, &w, NULL);
          /* The first label may not run into the value axis' labels left
           * of the plot, nor the last one off the chart's edge. */
          x = MAX (x, plot->x + w / 2);
          x = MIN (x, ctx->width - ctx->margin * 0.3 - w / 2);
          if (x - w / 2 < last_end + pad)
            continue;
          last_end = x + w / 2;
          _atlas_chart_text (ctx, ATLAS_CHART_TEXT_AXIS, label, x, plot->y + plot->height + pad,
                             ATLAS_ALIGN_CENTER, ATLAS_ALIGN_START, 0.85, FALSE,
                             &ctx->palette->muted, -1, FALSE, NULL);
        }
    }

  /* The baseline: the value axis' zero or minimum. */
  _atlas_chart_set_color (ctx, &ctx->palette->muted, 0.6);
  if (vertical)
    {
      cairo_move_to (cr, plot->x, plot->y + plot->height);
      cairo_line_to (cr, plot->x + plot->width, plot->y + plot->height);
    }
  else
    {
      cairo_move_to (cr, plot->x, plot->y);
      cairo_line_to (cr, plot->x, plot->y + plot->height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_atlas_chart_mark_init (AtlasChartMark     *mark,
                        AtlasChartMarkKind  kind,
                        const AtlasGroup   *group,
                        int                 group_index)
{
  memset (mark, 0, sizeof *mark);
  mark->kind = kind;
  mark->group_index = group_index;
  if (group != NULL)
    {
      mark->region = group->region;
      mark->key = group->key;
      mark->label = group->label;
      mark->currency = group->currency;
      mark->summary = group->summary;
      mark->small_sample = group->small_sample;
    }
}

void
_atlas_chart_no_data (AtlasChartCtx           *ctx,
                      const cairo_rectangle_t *area,
                      const char              *region,
                      const char              *key,
                      const char              *message)
{
  AtlasChartMark mark;
  double w, h;

  _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_EMPTY, NULL, -1);
  mark.region = region;
  mark.key = key;
  mark.label = key;
  mark.rect = *area;
  mark.anchor_x = area->x + area->width / 2;
  mark.anchor_y = area->y + area->height / 2;
  _atlas_chart_layout_add_mark (ctx->layout, &mark);

  if (message == NULL)
    message = _("no data");

  _atlas_chart_measure (ctx, message, 0.8, FALSE, -1, FALSE, &w, &h);
  if (w <= area->width * 1.2 || area->height > h * 3)
    _atlas_chart_text (ctx, ATLAS_CHART_TEXT_NO_DATA, message,
                       area->x + area->width / 2, area->y + area->height / 2,
                       ATLAS_ALIGN_CENTER, ATLAS_ALIGN_CENTER, 0.8, FALSE,
                       &ctx->palette->muted, MAX (area->width, ctx->font_size * 5), TRUE, NULL);
}

static const char *
region_currency (AtlasChartCtx *ctx,
                 const char    *region)
{
  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);

      if (g_strcmp0 (g->region, region) == 0)
        return g->currency;
    }
  return NULL;
}

GPtrArray *
_atlas_chart_panels (AtlasChartCtx *ctx,
                     gboolean       force_split)
{
  GPtrArray *panels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < ctx->regions->len; i++)
    {
      const char *region = g_ptr_array_index (ctx->regions, i);
      const char *currency = region_currency (ctx, region);
      GPtrArray *panel = NULL;

      /* Regions sharing a currency share an axis; others may not. */
      if (!force_split)
        for (guint p = 0; p < panels->len && panel == NULL; p++)
          {
            GPtrArray *candidate = g_ptr_array_index (panels, p);
            const char *first = g_ptr_array_index (candidate, 0);

            if (g_strcmp0 (region_currency (ctx, first), currency) == 0)
              panel = candidate;
          }

      if (panel == NULL)
        {
          panel = g_ptr_array_new ();
          g_ptr_array_add (panels, panel);
        }
      g_ptr_array_add (panel, (gpointer) region);
    }

  return panels;
}

void
_atlas_chart_split (const cairo_rectangle_t *area,
                    guint                    n,
                    guint                    i,
                    double                   gap,
                    gboolean                 rows,
                    cairo_rectangle_t       *out)
{
  double length = rows ? area->height : area->width;
  double each = (length - gap * (n - 1)) / MAX (n, 1);

  *out = *area;
  if (rows)
    {
      out->y = area->y + i * (each + gap);
      out->height = each;
    }
  else
    {
      out->x = area->x + i * (each + gap);
      out->width = each;
    }
}

const char *
_atlas_chart_region_name (const char *region)
{
  const char *name = region != NULL ? atlas_money_country_name (region) : NULL;

  return name != NULL ? name : region;
}

const char *
_atlas_chart_level_label (const char *key)
{
  if (g_strcmp0 (key, "EN") == 0)
    return _("Entry");
  if (g_strcmp0 (key, "MI") == 0)
    return _("Mid");
  if (g_strcmp0 (key, "SE") == 0)
    return _("Senior");
  if (g_strcmp0 (key, "EX") == 0)
    return _("Executive");
  return key;
}

const AtlasGroup *
_atlas_chart_find_group (AtlasChartCtx *ctx,
                         const char    *region,
                         const char    *key,
                         int           *index)
{
  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);

      if (g_strcmp0 (g->region, region) == 0 && g_strcmp0 (g->key, key) == 0)
        {
          if (index != NULL)
            *index = (int) i;
          return g;
        }
    }

  if (index != NULL)
    *index = -1;
  return NULL;
}

gboolean
_atlas_chart_has_spread (const AtlasGroup *group)
{
  return group->summary.n >= 2
         && isfinite (group->summary.p25) && isfinite (group->summary.p75);
}

double
_atlas_chart_panel_title (AtlasChartCtx           *ctx,
                          const cairo_rectangle_t *area,
                          const char              *text)
{
  cairo_rectangle_t r;

  _atlas_chart_text (ctx, ATLAS_CHART_TEXT_LEGEND, text, area->x, area->y,
                     ATLAS_ALIGN_START, ATLAS_ALIGN_START, 1.0, TRUE,
                     &ctx->palette->foreground, area->width, FALSE, &r);
  return r.height + ctx->font_size * 0.5;
}

static int
level_rank (const char *key)
{
  static const char * const levels[] = { "EN", "MI", "SE", "EX" };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (key, levels[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (levels);
}

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;

  return level_rank (x) - level_rank (y);
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  gint64 i = g_ascii_strtoll (x, NULL, 10), j = g_ascii_strtoll (y, NULL, 10);

  return (i > j) - (i < j);
}

GPtrArray *
_atlas_chart_category_keys (AtlasChartCtx *ctx,
                            gboolean       years)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < ctx->result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (ctx->result->groups, i);

      if (!g_ptr_array_find_with_equal_func (keys, g->key, g_str_equal, NULL))
        g_ptr_array_add (keys, g->key);
    }

  /* g_ptr_array_sort is not stable before GLib 2.76; both orders are total
   * on the keys that occur, so that does not matter here. */
  g_ptr_array_sort (keys, years ? compare_years : compare_levels);
  return keys;
}

double
_atlas_chart_map_y (const AtlasScale        *scale,
                    const cairo_rectangle_t *plot,
                    double                   value)
{
  double t = CLAMP (atlas_scale_map (scale, value), 0.0, 1.0);

  return plot->y + plot->height * (1 - t);
}

double
_atlas_chart_map_x (const AtlasScale        *scale,
                    const cairo_rectangle_t *plot,
                    double                   value)
{
  double t = CLAMP (atlas_scale_map (scale, value), 0.0, 1.0);

  return plot->x + plot->width * t;
}

char *
_atlas_chart_format_n (gsize n)
{
  g_autofree char *digits = atlas_money_group_digits (n, FALSE);

  /* Translators: sample size under a mark */
  return g_strdup_printf (_("n=%s"), digits);
}

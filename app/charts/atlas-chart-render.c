/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-render.c: the frame every chart shares (background, title,
 * subtitle, legend, caption) around the body its kind draws. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"

static gboolean
result_has_small (const AtlasQueryResult *result)
{
  for (guint i = 0; result != NULL && i < result->groups->len; i++)
    if (((AtlasGroup *) g_ptr_array_index (result->groups, i))->small_sample)
      return TRUE;
  return FALSE;
}

AtlasChartLayout *
atlas_chart_render (const AtlasChartSpec   *spec,
                    const AtlasQueryResult *result,
                    cairo_t                *cr,
                    double                  width,
                    double                  height)
{
  g_autoptr(GPtrArray) empty_groups = NULL;
  g_autoptr(GPtrArray) shown_groups = NULL;
  g_autoptr(GArray) shown_index = NULL;
  AtlasQueryResult empty = { 0 };
  AtlasQueryResult shown = { 0 };
  cairo_surface_t *scratch = NULL;
  cairo_font_options_t *options;
  cairo_rectangle_t r, body;
  g_autofree char *caption = NULL;
  AtlasChartCtx ctx = { 0 };
  const char *title;
  double y, caption_h, note_h, caption_y, gap;
  gboolean has_small;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (result == NULL)
    {
      empty_groups = g_ptr_array_new ();
      empty.groups = empty_groups;
      empty.small_sample_threshold = ATLAS_STATS_DEFAULT_SMALL_SAMPLE;
      result = &empty;
    }

  if (cr == NULL)
    {
      /* Layout only: draw into a throwaway surface, so that the geometry is
       * exactly the one a real render would produce. */
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = cairo_create (scratch);
    }
  else
    cairo_reference (cr);

  /* Groups of hidden regions are left out of what is drawn; the legend
   * still lists their regions. */
  ctx.legend_regions = g_ptr_array_new ();
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (!g_ptr_array_find_with_equal_func (ctx.legend_regions, g->region, g_str_equal, NULL))
        g_ptr_array_add (ctx.legend_regions, g->region);
      if (_atlas_chart_is_hidden (spec, g->region) && shown_groups == NULL)
        {
          shown_groups = g_ptr_array_new ();
          shown_index = g_array_new (FALSE, FALSE, sizeof (int));
          for (guint j = 0; j < i; j++)
            {
              const AtlasGroup *before = g_ptr_array_index (result->groups, j);

              if (!_atlas_chart_is_hidden (spec, before->region))
                {
                  g_ptr_array_add (shown_groups, (gpointer) before);
                  g_array_append_val (shown_index, j);
                }
            }
        }
      else if (shown_groups != NULL && !_atlas_chart_is_hidden (spec, g->region))
        {
          int index = i;

          g_ptr_array_add (shown_groups, (gpointer) g);
          g_array_append_val (shown_index, index);
        }
    }
  /* A fixed order, so that the US and India keep their places and colours
   * whichever the query happened to list first. */
  g_ptr_array_sort (ctx.legend_regions, _atlas_chart_compare_regions);
  ctx.missing_regions = g_ptr_array_new ();
  ctx.missing_marks = g_array_new (FALSE, FALSE, sizeof (AtlasChartMark));
  for (guint i = 0; spec->expected_regions != NULL && spec->expected_regions[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (ctx.legend_regions, spec->expected_regions[i],
                                           g_str_equal, NULL))
      g_ptr_array_add (ctx.missing_regions, spec->expected_regions[i]);

  if (shown_groups != NULL)
    {
      shown = *result;
      shown.groups = shown_groups;
      result = &shown;
    }

  ctx.spec = spec;
  ctx.result = result;
  ctx.palette = &spec->palette;
  ctx.cr = cr;
  ctx.width = width;
  ctx.height = height;
  /* At least 12: the smallest text (0.75 of it, axis and n labels) stays
   * at 9 px, readable in a 360 px wide window. */
  ctx.font_size = CLAMP (MIN (width / 72.0, height / 40.0), 12.0, 16.0);
  ctx.margin = ctx.font_size * 1.5;
  ctx.layout = _atlas_chart_layout_new (width, height);
  ctx.regions = g_ptr_array_new ();
  ctx.pango = pango_cairo_create_layout (cr);

  /* Metrics that do not depend on the surface's resolution, so the PNG,
   * the PDF and the widget get the same layout. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (ctx.pango), options);
  /* Unrounded, so that a layout scales linearly (atlas-chart-draw.c
   * draws every size from one). */
  pango_context_set_round_glyph_positions (pango_layout_get_context (ctx.pango), FALSE);
  pango_layout_context_changed (ctx.pango);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);
      const AtlasGroup *first = g_ptr_array_index (result->groups, 0);

      if (!g_ptr_array_find_with_equal_func (ctx.regions, g->region, g_str_equal, NULL))
        g_ptr_array_add (ctx.regions, g->region);
      if (g_strcmp0 (g->currency, first->currency) != 0)
        ctx.mixed_currency = TRUE;
      if (g->origin == ATLAS_GROUP_FROM_FIGURE)
        ctx.any_figure = TRUE;
    }
  g_ptr_array_sort (ctx.regions, _atlas_chart_compare_regions);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (spec->palette.background.alpha > 0)
    {
      _atlas_chart_set_color (&ctx, &spec->palette.background, 1.0);
      cairo_paint (cr);
    }

  /* Header. */
  gap = ctx.font_size * 0.8;
  title = spec->title != NULL ? spec->title : atlas_chart_kind_get_title (spec->kind);
  y = ctx.margin * 0.8;
  /* Wrapped rather than cut short where it is longer than the chart is
   * wide (a phone). */
  _atlas_chart_text (&ctx, ATLAS_CHART_TEXT_TITLE, title, ctx.margin, y,
                     ATLAS_ALIGN_START, ATLAS_ALIGN_START, 1.5, TRUE,
                     &spec->palette.foreground, width - 2 * ctx.margin, TRUE, &r);
  y += r.height + ctx.font_size * 0.2;
  if (spec->subtitle != NULL && *spec->subtitle != '\0')
    {
      _atlas_chart_text (&ctx, ATLAS_CHART_TEXT_SUBTITLE, spec->subtitle, ctx.margin, y,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_START, 1.05, FALSE,
                         &spec->palette.muted, width - 2 * ctx.margin, FALSE, &r);
      y += r.height;
    }
  y += ctx.font_size * 0.3;
  has_small = result_has_small (result);
  if (ctx.legend_regions->len > 0 || ctx.missing_regions->len > 0)
    y += _atlas_chart_draw_legend (&ctx, ctx.margin, y, width - ctx.margin, has_small);

  /* Caption, measured first so the body gets what is left. */
  caption = _atlas_chart_build_caption (spec, result, ctx.missing_regions);
  _atlas_chart_measure (&ctx, caption, 0.78, FALSE, width - 2 * ctx.margin, TRUE, NULL, &caption_h);
  caption_y = height - ctx.margin * 0.7 - caption_h;
  note_h = 0;

  body = (cairo_rectangle_t) { ctx.margin, y + gap, width - 2 * ctx.margin, 0 };
  body.height = caption_y - gap - note_h - body.y;

  if (body.height < ctx.font_size * 4)
    {
      /* Too small to draw anything readable: keep the frame honest. */
      _atlas_chart_no_data (&ctx, &body, NULL, NULL, _("too small to draw"));
    }
  else if (result->groups->len == 0)
    _atlas_chart_no_data (&ctx, &body, NULL, NULL, _("No data for this filter"));
  else
    {
      switch (spec->kind)
        {
        case ATLAS_CHART_COMPARE:
          _atlas_chart_draw_compare (&ctx, &body);
          break;
        case ATLAS_CHART_COMPANIES:
          _atlas_chart_draw_companies (&ctx, &body);
          break;
        case ATLAS_CHART_EXPERIENCE:
          _atlas_chart_draw_experience (&ctx, &body);
          break;
        case ATLAS_CHART_DISTRIBUTION:
          _atlas_chart_draw_distribution (&ctx, &body);
          break;
        case ATLAS_CHART_COMPANY_REGIONS:
          _atlas_chart_draw_company_regions (&ctx, &body);
          break;
        case ATLAS_CHART_CAREER:
          _atlas_chart_draw_career (&ctx, &body);
          break;
        case ATLAS_CHART_TREND:
        default:
          _atlas_chart_draw_trend (&ctx, &body);
          break;
        }
    }

  for (guint i = 0; i < ctx.missing_marks->len; i++)
    _atlas_chart_layout_add_mark (ctx.layout, &g_array_index (ctx.missing_marks, AtlasChartMark, i));

  /* Keyboard focus ring around the focused mark. */
  if (spec->focus_mark >= 0 && (guint) spec->focus_mark < ctx.layout->marks->len)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (ctx.layout, spec->focus_mark);
      double pad = 3;

      cairo_save (cr);
      _atlas_chart_set_color (&ctx, &spec->palette.accent, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, m->rect.x - pad, m->rect.y - pad,
                       m->rect.width + 2 * pad, m->rect.height + 2 * pad);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  r = (cairo_rectangle_t) { 0 };
  _atlas_chart_text (&ctx, ATLAS_CHART_TEXT_CAPTION, caption, ctx.margin, caption_y,
                     ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.78, FALSE,
                     &spec->palette.muted, width - 2 * ctx.margin, TRUE, &r);

  cairo_restore (cr);

  ctx.layout->title = spec->subtitle != NULL && *spec->subtitle != '\0'
                      ? g_strdup_printf ("%s — %s", title, spec->subtitle)
                      : g_strdup (title);
  ctx.layout->caption = g_steal_pointer (&caption);

  /* Marks index the caller's result, hidden groups included. */
  if (shown_index != NULL)
    for (guint i = 0; i < ctx.layout->marks->len; i++)
      {
        AtlasChartMark *mark = &g_array_index (ctx.layout->marks, AtlasChartMark, i);

        if (mark->group_index >= 0 && (guint) mark->group_index < shown_index->len)
          mark->group_index = g_array_index (shown_index, int, mark->group_index);
      }

  g_ptr_array_unref (ctx.regions);
  g_ptr_array_unref (ctx.legend_regions);
  g_ptr_array_unref (ctx.missing_regions);
  g_array_unref (ctx.missing_marks);
  g_object_unref (ctx.pango);
  cairo_destroy (cr);
  if (scratch != NULL)
    cairo_surface_destroy (scratch);

  return ctx.layout;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every chart kind drawn from a small fixed dataset into an image surface:
 * the mark geometry, the labels and that pixels were drawn at the marks. */

#include "test-chart-fixture.h"

#define W 900
#define H 560

typedef struct
{
  cairo_surface_t  *surface;
  AtlasChartLayout *layout;
} Render;

static void
render_clear (Render *r)
{
  g_clear_pointer (&r->layout, atlas_chart_layout_unref);
  g_clear_pointer (&r->surface, cairo_surface_destroy);
}

static void
render (Render               *r,
        const AtlasChartSpec *spec,
        AtlasQueryResult     *result)
{
  cairo_t *cr;

  r->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (r->surface);
  r->layout = atlas_chart_render (spec, result, cr, W, H);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (r->surface);
  g_assert_nonnull (r->layout);
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int ix = CLAMP ((int) x, 0, cairo_image_surface_get_width (surface) - 1);
  int iy = CLAMP ((int) y, 0, cairo_image_surface_get_height (surface) - 1);

  return *(guint32 *) (data + iy * stride + ix * 4) & 0xffffff;
}

/* Whether anything but @background was drawn inside @rect. */
static gboolean
has_ink (cairo_surface_t         *surface,
         const cairo_rectangle_t *rect,
         guint32                  background)
{
  for (double y = rect->y; y < rect->y + rect->height; y += 1)
    for (double x = rect->x; x < rect->x + rect->width; x += 1)
      if (pixel (surface, x, y) != background)
        return TRUE;
  return FALSE;
}

static guint
count_marks (AtlasChartLayout   *layout,
             AtlasChartMarkKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
    if (atlas_chart_layout_get_mark (layout, i)->kind == kind)
      n++;
  return n;
}

static gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

static void
assert_caption (AtlasChartLayout *layout)
{
  const char *caption = atlas_chart_layout_get_caption (layout);

  g_assert_nonnull (strstr (caption, "Test source"));
  g_assert_nonnull (strstr (caption, "CC0-1.0"));
  g_assert_nonnull (strstr (caption, "2025-01-19"));
  g_assert_nonnull (strstr (caption, "US dollars"));
  g_assert_nonnull (strstr (caption, "n = "));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_CAPTION, "Test source"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_TITLE, ""));
}

/* Every mark's anchor lies in its rectangle, hit-tests back to it and has
 * ink under it (not the background). */
static void
assert_marks_drawn (Render            *r,
                    AtlasChartMarkKind kind)
{
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (r->layout); i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (r->layout, i);
      const AtlasChartMark *hit;

      g_assert_cmpuint (m->index, ==, i);
      if (m->kind != kind)
        continue;
      g_assert_true (rect_contains (&m->rect, m->anchor_x, m->anchor_y));
      g_assert_true (m->rect.x >= 0 && m->rect.x + m->rect.width <= W);
      g_assert_true (m->rect.y >= 0 && m->rect.y + m->rect.height <= H);
      hit = atlas_chart_layout_hit_test (r->layout, m->anchor_x, m->anchor_y);
      g_assert_nonnull (hit);
      g_assert_true (hit->kind == m->kind);
      g_assert_true (has_ink (r->surface, &m->rect, pixel (r->surface, 2, 2)));
    }
}

static void
test_compare (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  Render r = { 0 };
  const char *expected[] = { "EN", "EN", "MI", "MI", "SE", "SE", "EX", "EX" };
  const char *regions[] = { "US", "IN", "US", "IN", "US", "IN", "US", "IN" };
  double last_x = -1;

  spec->subtitle = g_strdup ("Machine Learning · US, IN");
  render (&r, spec, result);

  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_BOX), ==, 7);
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_EMPTY), ==, 1);
  g_assert_cmpuint (atlas_chart_layout_get_n_marks (r.layout), ==, 8);

  /* Level by level, US then IN, left to right. */
  for (guint i = 0; i < 8; i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (r.layout, i);

      g_assert_cmpstr (m->key, ==, expected[i]);
      g_assert_cmpstr (m->region, ==, regions[i]);
      g_assert_cmpfloat (m->anchor_x, >, last_x);
      last_x = m->anchor_x;

      if (m->kind == ATLAS_CHART_MARK_BOX)
        {
          const AtlasGroup *g = g_ptr_array_index (result->groups, m->group_index);

          /* The median line lies inside the box: between the whisker ends
           * and, in value terms, between p25 and p75. */
          g_assert_cmpstr (g->key, ==, m->key);
          g_assert_cmpfloat (m->anchor_y, >, m->rect.y);
          g_assert_cmpfloat (m->anchor_y, <, m->rect.y + m->rect.height);
          g_assert_cmpfloat (m->summary.median, >=, m->summary.p25);
          g_assert_cmpfloat (m->summary.median, <=, m->summary.p75);
        }
      else
        {
          g_assert_cmpint (m->group_index, ==, -1);
          g_assert_cmpstr (m->key, ==, "EX");
        }
    }

  /* Higher pay is higher up: US senior above US entry. */
  g_assert_cmpfloat (atlas_chart_layout_get_mark (r.layout, 4)->anchor_y, <,
                     atlas_chart_layout_get_mark (r.layout, 0)->anchor_y);

  /* IN entry is a small sample and says so. */
  g_assert_true (atlas_chart_layout_get_mark (r.layout, 1)->small_sample);
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_NOTE, "fewer than 30"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_NO_DATA, "no data"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_CATEGORY, "Senior"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_N, "n=800"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_LEGEND, "India"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_AXIS, "$"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_SUBTITLE, "Machine Learning"));
  g_assert_nonnull (strstr (atlas_chart_layout_get_caption (r.layout), "10th–90th"));
  assert_caption (r.layout);
  assert_marks_drawn (&r, ATLAS_CHART_MARK_BOX);

  /* Nothing outside the marks is hit, e.g. the top-left corner. */
  g_assert_null (atlas_chart_layout_hit_test (r.layout, 1, 1));

  /* The background was painted. */
  g_assert_cmpuint (pixel (r.surface, 2, 2), ==, 0xffffff);
  render_clear (&r);
}

static void
test_compare_mixed_currency (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  Render r = { 0 };
  cairo_rectangle_t us = { 0 }, in = { 0 };

  /* Local currency mode: IN in rupees may not share the dollar axis. */
  for (guint i = 0; i < result->groups->len; i++)
    {
      AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (g_str_equal (g->region, "IN"))
        {
          g_free (g->currency);
          g->currency = g_strdup ("INR");
          g->summary.p10 *= 83;
          g->summary.p25 *= 83;
          g->summary.median *= 83;
          g->summary.p75 *= 83;
          g->summary.p90 *= 83;
        }
    }

  render (&r, spec, result);
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_AXIS, "₹"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_AXIS, "$"));
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (r.layout); i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (r.layout, i);

      if (m->kind != ATLAS_CHART_MARK_BOX)
        continue;
      if (g_str_equal (m->region, "US"))
        us = m->rect;
      else
        in = m->rect;
    }
  /* Two panels side by side: every US box left of every IN box. */
  g_assert_cmpfloat (us.x + us.width, <, in.x);
  render_clear (&r);
}

static void
test_companies (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_companies ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPANIES);
  const char *us_order[] = { "Globex", "Hooli", "Umbrella", "Initech" };
  const char *in_order[] = { "Stark", "Acme", "Wayne" };
  Render r = { 0 };

  render (&r, spec, result);

  /* Tiny (n = 3) is below min-n and left out. */
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_BAR), ==, 7);
  for (guint i = 0; i < 4; i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (r.layout, i);

      g_assert_cmpstr (m->label, ==, us_order[i]);
      g_assert_cmpstr (m->region, ==, "US");
      if (i > 0)
        {
          const AtlasChartMark *prev = atlas_chart_layout_get_mark (r.layout, i - 1);

          /* Ranked: top to bottom, longest bar first. */
          g_assert_cmpfloat (m->rect.y, >, prev->rect.y);
          g_assert_cmpfloat (m->anchor_x, <, prev->anchor_x);
        }
    }
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (atlas_chart_layout_get_mark (r.layout, 4 + i)->label, ==, in_order[i]);

  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_CATEGORY, "Globex"));
  g_assert_null (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_CATEGORY, "Tiny"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_N, "n=80"));
  assert_caption (r.layout);
  assert_marks_drawn (&r, ATLAS_CHART_MARK_BAR);

  /* Shared dollar axis: IN's best bar is shorter than US's. */
  {
    const AtlasChartMark *us = atlas_chart_layout_get_mark (r.layout, 0);
    const AtlasChartMark *in = atlas_chart_layout_get_mark (r.layout, 4);

    g_assert_cmpfloat (in->anchor_x - in->rect.x, <, us->anchor_x - us->rect.x);
  }
  render_clear (&r);

  /* Top 2 per region. */
  spec->top_n = 2;
  render (&r, spec, result);
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_BAR), ==, 4);
  render_clear (&r);

  /* Nobody meets min-n: the panel says why. */
  spec->min_n = 1000;
  render (&r, spec, result);
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_BAR), ==, 0);
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_NO_DATA, "1000"));
  render_clear (&r);
}

static void
test_experience (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_EXPERIENCE);
  Render r = { 0 };
  const AtlasChartText *growth;
  const AtlasChartMark *en = NULL, *se = NULL;

  render (&r, spec, result);
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_POINT), ==, 7);
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_EMPTY), ==, 1);

  /* US: SE median 190K over EN 100K. */
  growth = atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_ANNOTATION, "×");
  g_assert_nonnull (growth);
  g_assert_nonnull (strstr (growth->text, "United States ×1.9"));

  for (guint i = 0; i < atlas_chart_layout_get_n_marks (r.layout); i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (r.layout, i);
      if (g_strcmp0 (m->region, "US") == 0 && g_strcmp0 (m->key, "EN") == 0)
        en = m;
      if (g_strcmp0 (m->region, "US") == 0 && g_strcmp0 (m->key, "SE") == 0)
        se = m;
    }
  g_assert_nonnull (en);
  g_assert_nonnull (se);
  g_assert_cmpfloat (se->anchor_x, >, en->anchor_x);
  g_assert_cmpfloat (se->anchor_y, <, en->anchor_y);
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_N, "n=12"));
  assert_caption (r.layout);
  assert_marks_drawn (&r, ATLAS_CHART_MARK_POINT);
  render_clear (&r);
}

static void
test_distribution (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_regions ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_DISTRIBUTION);
  Render r = { 0 };

  for (int facet = 0; facet < 2; facet++)
    for (int log_axis = 0; log_axis < 2; log_axis++)
      {
        guint us = 0, in = 0;
        double last_x = -1;

        spec->facet = facet;
        spec->log_axis = log_axis;
        render (&r, spec, result);
        g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_BIN), >, 8);

        /* Every value lands in exactly one bin. */
        for (guint i = 0; i < atlas_chart_layout_get_n_marks (r.layout); i++)
          {
            const AtlasChartMark *m = atlas_chart_layout_get_mark (r.layout, i);

            g_assert_cmpint (m->kind, ==, ATLAS_CHART_MARK_BIN);
            g_assert_cmpfloat (m->bin_low, <, m->bin_high);
            g_assert_cmpuint (m->bin_count, >, 0);
            if (g_str_equal (m->region, "US"))
              {
                us += m->bin_count;
                /* Bins of one region run left to right. */
                g_assert_cmpfloat (m->anchor_x, >, last_x);
                last_x = m->anchor_x;
              }
            else
              in += m->bin_count;
          }
        g_assert_cmpuint (us, ==, 1000);
        g_assert_cmpuint (in, ==, 100);
        g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_ANNOTATION, "median"));
        g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_AXIS, "%"));
        assert_caption (r.layout);
        assert_marks_drawn (&r, ATLAS_CHART_MARK_BIN);
        render_clear (&r);
      }
}

static void
test_trend (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_years ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_TREND);
  Render r = { 0 };
  const char *years[] = { "2022", "2023", "2024" };

  render (&r, spec, result);
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_POINT), ==, 5);
  g_assert_cmpuint (count_marks (r.layout, ATLAS_CHART_MARK_EMPTY), ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (r.layout, i);

      g_assert_cmpstr (m->region, ==, "US");
      g_assert_cmpstr (m->key, ==, years[i]);
    }
  g_assert_cmpint (atlas_chart_layout_get_mark (r.layout, 3)->kind, ==, ATLAS_CHART_MARK_EMPTY);
  g_assert_cmpstr (atlas_chart_layout_get_mark (r.layout, 3)->key, ==, "2022");
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_CATEGORY, "2024"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_N, "n=900"));
  assert_caption (r.layout);
  assert_marks_drawn (&r, ATLAS_CHART_MARK_POINT);
  render_clear (&r);
}

static void
test_no_data (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_result_new (ATLAS_GROUP_EXPERIENCE);

  for (guint k = 0; k < ATLAS_CHART_N_KINDS; k++)
    {
      g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (k);
      Render r = { 0 };

      render (&r, spec, result);
      for (guint i = 0; i < atlas_chart_layout_get_n_marks (r.layout); i++)
        g_assert_cmpint (atlas_chart_layout_get_mark (r.layout, i)->kind, ==, ATLAS_CHART_MARK_EMPTY);
      g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_NO_DATA, "No data"));
      render_clear (&r);
    }
}

/* The layout is in logical units: a 2× device scale and a layout-only pass
 * give the same geometry as a plain render. */
static void
test_scale_invariance (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  g_autoptr(AtlasChartLayout) plain = NULL;
  g_autoptr(AtlasChartLayout) hidpi = NULL;
  g_autoptr(AtlasChartLayout) dry = NULL;
  cairo_surface_t *s1 = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_surface_t *s2 = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W * 2, H * 2);
  cairo_t *cr;

  cr = cairo_create (s1);
  plain = atlas_chart_render (spec, result, cr, W, H);
  cairo_destroy (cr);
  cr = cairo_create (s2);
  cairo_scale (cr, 2, 2);
  hidpi = atlas_chart_render (spec, result, cr, W, H);
  cairo_destroy (cr);
  dry = atlas_chart_render (spec, result, NULL, W, H);

  g_assert_cmpuint (atlas_chart_layout_get_n_marks (plain), ==, atlas_chart_layout_get_n_marks (hidpi));
  g_assert_cmpuint (atlas_chart_layout_get_n_marks (plain), ==, atlas_chart_layout_get_n_marks (dry));
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (plain); i++)
    {
      const AtlasChartMark *a = atlas_chart_layout_get_mark (plain, i);
      const AtlasChartMark *b = atlas_chart_layout_get_mark (hidpi, i);
      const AtlasChartMark *c = atlas_chart_layout_get_mark (dry, i);

      g_assert_cmpfloat_with_epsilon (a->rect.x, b->rect.x, 1e-6);
      g_assert_cmpfloat_with_epsilon (a->rect.y, b->rect.y, 1e-6);
      g_assert_cmpfloat_with_epsilon (a->rect.height, b->rect.height, 1e-6);
      g_assert_cmpfloat_with_epsilon (a->anchor_y, c->anchor_y, 1e-6);
    }

  cairo_surface_destroy (s1);
  cairo_surface_destroy (s2);
}

static void
test_themes (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  AtlasChartPalette light, dark;
  Render r = { 0 };
  guint32 bg;

  atlas_chart_palette_init_for_theme (&light, ATLAS_CHART_THEME_LIGHT);
  atlas_chart_palette_init_for_theme (&dark, ATLAS_CHART_THEME_DARK);
  /* Okabe–Ito blue and orange for the first two series. */
  g_assert_cmpfloat_with_epsilon (light.series[0].blue, 0xB2 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (light.series[1].red, 0xE6 / 255.0, 1e-9);
  g_assert_cmpfloat (dark.background.red, <, 0.2);

  atlas_chart_spec_set_theme (spec, ATLAS_CHART_THEME_DARK);
  render (&r, spec, result);
  bg = pixel (r.surface, 2, 2);
  g_assert_cmpuint (bg, ==, 0x242424);
  assert_marks_drawn (&r, ATLAS_CHART_MARK_BOX);
  render_clear (&r);

  atlas_chart_spec_set_theme (spec, ATLAS_CHART_THEME_PRINT);
  g_assert_true (spec->palette.patterns);
  render (&r, spec, result);
  g_assert_cmpuint (pixel (r.surface, 2, 2), ==, 0xffffff);
  render_clear (&r);

  /* A widget passes a transparent background: nothing is painted under it. */
  atlas_chart_spec_set_theme (spec, ATLAS_CHART_THEME_LIGHT);
  spec->palette.background.alpha = 0;
  render (&r, spec, result);
  g_assert_cmpuint (cairo_image_surface_get_data (r.surface)[3], ==, 0);
  render_clear (&r);
}

static void
test_spec (void)
{
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPANIES);
  g_autoptr(AtlasChartSpec) copy = NULL;
  AtlasChartKind kind;
  AtlasChartTheme theme;

  g_assert_cmpuint (spec->top_n, ==, 15);
  g_assert_cmpuint (spec->min_n, ==, 5);
  g_assert_true (isnan (spec->ratio_nominal));
  spec->title = g_strdup ("वेतन ₹");
  copy = atlas_chart_spec_copy (spec);
  g_assert_cmpstr (copy->title, ==, spec->title);
  g_assert_true (copy->title != spec->title);

  for (guint k = 0; k < ATLAS_CHART_N_KINDS; k++)
    {
      g_assert_true (atlas_chart_kind_from_string (atlas_chart_kind_to_string (k), &kind));
      g_assert_cmpuint (kind, ==, k);
      g_assert_nonnull (atlas_chart_kind_get_title (k));
    }
  g_assert_false (atlas_chart_kind_from_string ("pie", &kind));
  g_assert_true (atlas_chart_theme_from_string ("dark", &theme));
  g_assert_cmpuint (theme, ==, ATLAS_CHART_THEME_DARK);
  g_assert_false (atlas_chart_theme_from_string ("neon", &theme));
  g_assert_cmpuint (atlas_chart_kind_group_by (ATLAS_CHART_COMPANIES), ==, ATLAS_GROUP_COMPANY);
  g_assert_cmpuint (atlas_chart_kind_group_by (ATLAS_CHART_TREND), ==, ATLAS_GROUP_YEAR);
}

static void
test_ratio (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_regions ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  g_autoptr(AtlasQueryResult) levels = fixture_levels ();
  Render r = { 0 };
  double ratio = atlas_chart_median_ratio (result, "IN", "US");

  /* Medians of the evenly spread fixtures: 47.5K and 220K. */
  g_assert_cmpfloat_with_epsilon (ratio, 47500.0 / 220000.0, 1e-3);
  g_assert_true (isnan (atlas_chart_median_ratio (result, "GB", "US")));

  spec->ratio_nominal = 0.22;
  spec->ratio_ppp = 0.81;
  render (&r, spec, levels);
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_ANNOTATION, "22 %"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_ANNOTATION, "81 %"));
  render_clear (&r);
}

static void
test_focus_ring (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  Render r = { 0 };
  const AtlasChartMark *m;
  guint32 before, after;

  render (&r, spec, result);
  m = atlas_chart_layout_get_mark (r.layout, 0);
  before = pixel (r.surface, m->rect.x - 3, m->anchor_y);
  render_clear (&r);

  spec->focus_mark = 0;
  render (&r, spec, result);
  m = atlas_chart_layout_get_mark (r.layout, 0);
  after = pixel (r.surface, m->rect.x - 3, m->anchor_y);
  g_assert_cmpuint (before, !=, after);
  render_clear (&r);
}

/* A region toggled off in the legend: its marks go, its legend entry stays,
 * the other region keeps its place in the colours and marks still index the
 * whole result. */
static void
test_hidden_region (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  const char *hidden[] = { "US", NULL };
  Render r = { 0 };
  guint n_in = 0;

  spec->hidden_regions = g_strdupv ((char **) hidden);
  render (&r, spec, result);

  for (guint i = 0; i < atlas_chart_layout_get_n_marks (r.layout); i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (r.layout, i);

      g_assert_cmpstr (m->region, !=, "US");
      if (m->group_index >= 0)
        {
          const AtlasGroup *g = g_ptr_array_index (result->groups, m->group_index);

          g_assert_cmpstr (g->region, ==, "IN");
          g_assert_cmpstr (g->key, ==, m->key);
          n_in++;
        }
    }
  g_assert_cmpuint (n_in, >, 0);
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_LEGEND, "United States"));
  g_assert_nonnull (atlas_chart_layout_find_text (r.layout, ATLAS_CHART_TEXT_LEGEND, "India"));

  /* A copy of the spec keeps the hidden regions. */
  {
    g_autoptr(AtlasChartSpec) copy = atlas_chart_spec_copy (spec);

    g_assert_true (g_strv_equal ((const char * const *) copy->hidden_regions, hidden));
  }
  render_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/chart/compare", test_compare);
  g_test_add_func ("/atlas/chart/compare-mixed-currency", test_compare_mixed_currency);
  g_test_add_func ("/atlas/chart/companies", test_companies);
  g_test_add_func ("/atlas/chart/experience", test_experience);
  g_test_add_func ("/atlas/chart/distribution", test_distribution);
  g_test_add_func ("/atlas/chart/trend", test_trend);
  g_test_add_func ("/atlas/chart/no-data", test_no_data);
  g_test_add_func ("/atlas/chart/scale-invariance", test_scale_invariance);
  g_test_add_func ("/atlas/chart/themes", test_themes);
  g_test_add_func ("/atlas/chart/spec", test_spec);
  g_test_add_func ("/atlas/chart/ratio", test_ratio);
  g_test_add_func ("/atlas/chart/focus-ring", test_focus_ring);
  g_test_add_func ("/atlas/chart/hidden-region", test_hidden_region);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The US-vs-India charts: the same employer in both regions
 * (company-regions), a region the filter asks for that has no data (said,
 * never left out silently) and the trend's break where the source changes.
 * Fixture results first; the real levels.fyi file where it is needed. */

#include <glib/gstdio.h>

#include "atlas-chart-request.h"
#include "atlas-headline.h"
#include "atlas-import.h"
#include "atlas-seed.h"
#include "store-test-util.h"
#include "test-chart-fixture.h"

#define W 960
#define H 620

static AtlasChartLayout *
render_at (const AtlasChartSpec   *spec,
           const AtlasQueryResult *result,
           int                     width,
           int                     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  AtlasChartLayout *layout = atlas_chart_render (spec, result, cr, width, height);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_nonnull (layout);
  return layout;
}

static AtlasChartLayout *
render (const AtlasChartSpec   *spec,
        const AtlasQueryResult *result)
{
  return render_at (spec, result, W, H);
}

static guint
count_marks (AtlasChartLayout   *layout,
             AtlasChartMarkKind  kind,
             const char         *region)
{
  guint n = 0;

  for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (layout, i);

      if (m->kind == kind && (region == NULL || g_strcmp0 (m->region, region) == 0))
        n++;
    }
  return n;
}

/* Two companies in both regions, one of them below min-n in India, one
 * only in the US. */
static AtlasQueryResult *
fixture_company_regions (void)
{
  AtlasQueryResult *r = fixture_result_new (ATLAS_GROUP_COMPANY);

  fixture_add (r, fixture_group ("US", "Globex", "Globex", "USD", 150000, 260000, 80));
  fixture_add (r, fixture_group ("US", "Initech", "Initech", "USD", 90000, 150000, 40));
  fixture_add (r, fixture_group ("US", "Hooli", "Hooli", "USD", 120000, 220000, 60));
  fixture_add (r, fixture_group ("US", "Umbrella", "Umbrella", "USD", 100000, 180000, 35));
  fixture_add (r, fixture_group ("IN", "Globex", "Globex", "USD", 20000, 60000, 30));
  fixture_add (r, fixture_group ("IN", "Initech", "Initech", "USD", 15000, 45000, 12));
  fixture_add (r, fixture_group ("IN", "Hooli", "Hooli", "USD", 25000, 70000, 3));
  return r;
}

static void
test_company_regions (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_company_regions ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPANY_REGIONS);
  g_autoptr(AtlasChartLayout) layout = render (spec, result);
  const AtlasChartMark *us, *in;
  const char *caption = atlas_chart_layout_get_caption (layout);

  /* Globex (30 in India) before Initech (12); Hooli (3 in India) is below
   * min-n 5, Umbrella has no India: neither is drawn, both are counted. */
  g_assert_cmpuint (count_marks (layout, ATLAS_CHART_MARK_BAR, NULL), ==, 4);
  g_assert_cmpuint (count_marks (layout, ATLAS_CHART_MARK_BAR, "US"), ==, 2);
  g_assert_cmpuint (count_marks (layout, ATLAS_CHART_MARK_BAR, "IN"), ==, 2);
  us = atlas_chart_layout_get_mark (layout, 0);
  in = atlas_chart_layout_get_mark (layout, 1);
  g_assert_cmpstr (us->key, ==, "Globex");
  g_assert_cmpstr (us->region, ==, "US");
  g_assert_cmpstr (in->key, ==, "Globex");
  g_assert_cmpstr (in->region, ==, "IN");
  g_assert_cmpint (in->group_index, ==, 4);
  /* Paired: India's bar right under the US one, shorter on the shared axis. */
  g_assert_cmpfloat (in->anchor_y, >, us->anchor_y);
  g_assert_cmpfloat (in->anchor_x, <, us->anchor_x);
  g_assert_cmpstr (atlas_chart_layout_get_mark (layout, 2)->key, ==, "Initech");
  g_assert_true (atlas_chart_layout_get_mark (layout, 3)->small_sample);

  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_CATEGORY, "Globex"));
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_CATEGORY, "Hooli"));
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_CATEGORY, "Umbrella"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_N, "n=30"));
  /* India's share of the US median: the fixture's medians are the middle of
   * the ranges, 40,000 / 205,000 = 19.5 %. */
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_N, "20 % of United States"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NOTE,
                                                  "1 company has fewer than 5 observations"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NOTE,
                                                  "1 company has data for only one of United States and India"));
  g_assert_nonnull (strstr (caption, "at least 5 observations in both regions"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_LEGEND, "India"));
}

static void
test_company_regions_none (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_company_regions ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPANY_REGIONS);
  g_autoptr(AtlasChartLayout) layout = NULL;

  spec->min_n = 50;
  layout = render (spec, result);
  g_assert_cmpuint (count_marks (layout, ATLAS_CHART_MARK_BAR, NULL), ==, 0);
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NO_DATA,
                                                  "No company has at least 50 observations in both"));
}

/* Local currencies: a column per region, each with its own axis. */
static void
test_company_regions_local (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_result_new (ATLAS_GROUP_COMPANY);
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPANY_REGIONS);
  g_autoptr(AtlasChartLayout) layout = NULL;
  const AtlasChartMark *us, *in;

  fixture_add (result, fixture_group ("US", "Globex", "Globex", "USD", 150000, 260000, 80));
  fixture_add (result, fixture_group ("IN", "Globex", "Globex", "INR", 1500000, 4500000, 30));
  spec->currency_mode = ATLAS_CURRENCY_MODE_LOCAL;
  layout = render (spec, result);

  g_assert_cmpuint (count_marks (layout, ATLAS_CHART_MARK_BAR, NULL), ==, 2);
  us = atlas_chart_layout_get_mark (layout, 0);
  in = atlas_chart_layout_get_mark (layout, 1);
  g_assert_cmpstr (us->currency, ==, "USD");
  g_assert_cmpstr (in->currency, ==, "INR");
  /* Side by side: same row, India's column to the right. */
  g_assert_cmpfloat (fabs (in->anchor_y - us->anchor_y), <, 1.0);
  g_assert_cmpfloat (in->rect.x, >, us->rect.x + us->rect.width);
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_LEGEND, "India (INR)"));
  /* No share across two currencies. */
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_N, "% of"));
}

/* A region the spec expects but the result lacks is named in the legend,
 * as a mark and in the caption, for every kind. */
static void
test_missing_region (void)
{
  const char *expected[] = { "US", "IN", NULL };

  for (AtlasChartKind kind = 0; kind < ATLAS_CHART_N_KINDS; kind++)
    {
      g_autoptr(AtlasQueryResult) result = fixture_result_new (atlas_chart_kind_group_by (kind));
      g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (kind);
      g_autoptr(AtlasChartLayout) layout = NULL;
      gboolean found = FALSE;

      fixture_add (result, fixture_group ("US", kind == ATLAS_CHART_TREND ? "2024" : "SE", "US",
                                          "USD", 100000, 200000, 100));
      spec->expected_regions = g_strdupv ((char **) expected);
      layout = render (spec, result);

      g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NO_DATA,
                                                      "India: no data under this filter"));
      g_assert_nonnull (strstr (atlas_chart_layout_get_caption (layout),
                                "No data for India under this filter."));
      for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
        {
          const AtlasChartMark *m = atlas_chart_layout_get_mark (layout, i);

          if (m->kind == ATLAS_CHART_MARK_EMPTY && g_strcmp0 (m->region, "IN") == 0)
            found = TRUE;
        }
      g_assert_true (found);
      /* The US is present: not called missing. */
      g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NO_DATA, "United States: no data"));
    }

  /* Both present: nothing said. */
  {
    g_autoptr(AtlasQueryResult) result = fixture_levels ();
    g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
    g_autoptr(AtlasChartLayout) layout = NULL;

    spec->expected_regions = g_strdupv ((char **) expected);
    layout = render (spec, result);
    g_assert_null (strstr (atlas_chart_layout_get_caption (layout), "No data for"));
  }
}

/* The pixel at the middle of the upper half of a region's first box. */
static guint32
box_pixel (AtlasChartLayout *layout,
           cairo_surface_t  *surface,
           const char       *region)
{
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (layout, i);

      if (m->kind == ATLAS_CHART_MARK_BOX && g_strcmp0 (m->region, region) == 0)
        {
          int x = m->rect.x + m->rect.width / 2;
          int y = m->rect.y + m->rect.height / 4;
          unsigned char *data = cairo_image_surface_get_data (surface);

          cairo_surface_flush (surface);
          return *(guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
        }
    }
  g_assert_not_reached ();
}

/* A region keeps its colour and place whichever the result lists first:
 * unfiltered, the query may list India before the US. */
static void
test_region_colours (void)
{
  guint32 us_pixel[2], in_pixel[2];

  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(AtlasQueryResult) levels = fixture_levels ();
      g_autoptr(AtlasQueryResult) result = fixture_result_new (ATLAS_GROUP_EXPERIENCE);
      g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
      g_autoptr(AtlasChartLayout) layout = NULL;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
      cairo_t *cr = cairo_create (surface);
      const AtlasChartText *us_legend, *in_legend;

      /* Order 1 lists India's groups first. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < levels->groups->len; i++)
          {
            AtlasGroup *g = g_ptr_array_index (levels->groups, i);

            if ((g_strcmp0 (g->region, "IN") == 0) != (pass == order))
              fixture_add (result, fixture_group (g->region, g->key, g->label, g->currency,
                                                  g->summary.min, g->summary.max, g->n_values));
          }
      g_assert_cmpstr (((AtlasGroup *) g_ptr_array_index (result->groups, 0))->region, ==,
                       order == 0 ? "US" : "IN");

      layout = atlas_chart_render (spec, result, cr, W, H);
      us_pixel[order] = box_pixel (layout, surface, "US");
      in_pixel[order] = box_pixel (layout, surface, "IN");
      /* The legend lists the US first either way. */
      us_legend = atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_LEGEND, "United States");
      in_legend = atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_LEGEND, "India");
      g_assert_nonnull (us_legend);
      g_assert_nonnull (in_legend);
      g_assert_cmpfloat (us_legend->rect.x, <, in_legend->rect.x);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  g_assert_cmphex (us_pixel[0], !=, in_pixel[0]);
  g_assert_cmphex (us_pixel[1], ==, us_pixel[0]);
  g_assert_cmphex (in_pixel[1], ==, in_pixel[0]);
}

/* The compare chart's India-to-US annotation: never a share when India
 * has no box to read it from; where the share pools figures of another
 * source than the boxes, that source is named. */
static void
test_compare_ratio_note (void)
{
  const char *expected[] = { "US", "IN", NULL };
  g_autoptr(AtlasQueryResult) us_only = fixture_result_new (ATLAS_GROUP_EXPERIENCE);
  g_autoptr(AtlasQueryResult) both = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  g_autoptr(AtlasChartLayout) layout = NULL;

  fixture_add (us_only, fixture_group ("US", "SE", "Senior", "USD", 120000, 260000, 800));
  spec->ratio_nominal = 0.2;
  spec->ratio_ppp = 0.77;
  spec->ratio_basis = g_strdup ("All levels pooled: Test figures, total compensation, 2017–2021");
  spec->expected_regions = g_strdupv ((char **) expected);

  layout = render (spec, us_only);
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION, "20 %"));
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION, "All levels pooled"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION,
                                                  "No India-to-US ratio: India has no data"));
  g_clear_pointer (&layout, atlas_chart_layout_unref);

  layout = render (spec, both);
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION,
                                                  "20 % of the US's in nominal USD, 77 % in PPP"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION,
                                                  "All levels pooled: Test figures"));
}

/* Trend: a region's line breaks, marked, where its source changes. */
static void
test_trend_source_break (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_result_new (ATLAS_GROUP_YEAR);
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_TREND);
  g_autoptr(AtlasChartLayout) layout = NULL;
  AtlasGroup *g;

  fixture_add (result, fixture_group ("US", "2018", "2018", "USD", 90000, 150000, 100));
  fixture_add (result, fixture_group ("US", "2019", "2019", "USD", 95000, 155000, 100));
  g = fixture_group ("US", "2023", "2023", "USD", 120000, 220000, 100);
  g_free (g->sources);
  g->sources = g_strdup ("Another source");
  fixture_add (result, g);
  fixture_add (result, fixture_group ("IN", "2018", "2018", "USD", 10000, 30000, 100));
  fixture_add (result, fixture_group ("IN", "2019", "2019", "USD", 11000, 31000, 100));

  layout = render (spec, result);
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION,
                                                  "United States: source changes"));
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION,
                                               "India: source changes"));
  g_assert_nonnull (strstr (atlas_chart_layout_get_caption (layout), "change of source"));
  g_clear_pointer (&layout, atlas_chart_layout_unref);

  /* One source throughout: no break, no sentence. */
  g_free (g->sources);
  g->sources = g_strdup ("Test source");
  layout = render (spec, result);
  g_assert_null (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION, "source changes"));
  g_assert_null (strstr (atlas_chart_layout_get_caption (layout), "change of source"));
}

static const struct { const char *key, *label; double lo, hi; guint n_us, n_in; } career_bands[] = {
  { "15+", "15+ years", 250000, 500000, 300, 0 },
  { "0-2", "0–2 years", 90000, 160000, 400, 40 },
  { "10-15", "10–15 years", 200000, 420000, 500, 12 },
  { "2-5", "2–5 years", 120000, 220000, 900, 60 },
  { "5-10", "5–10 years", 160000, 300000, 800, 50 },
};

/* US in every band of years, India in all but the last; out of order. */
static AtlasQueryResult *
fixture_career (void)
{
  AtlasQueryResult *result = fixture_result_new (ATLAS_GROUP_EXPERIENCE_YEARS);

  for (guint i = 0; i < G_N_ELEMENTS (career_bands); i++)
    fixture_add (result, fixture_group ("US", career_bands[i].key, career_bands[i].label, "USD",
                                        career_bands[i].lo, career_bands[i].hi,
                                        career_bands[i].n_us));
  for (guint i = 0; i < G_N_ELEMENTS (career_bands); i++)
    if (career_bands[i].n_in > 0)
      fixture_add (result, fixture_group ("IN", career_bands[i].key, career_bands[i].label,
                                          "USD", career_bands[i].lo / 6, career_bands[i].hi / 6,
                                          career_bands[i].n_in));
  return result;
}

/* Career: bands of years in numeric order, their labels, both regions'
 * points, India's missing band said, small samples hollow. */
static void
test_career (void)
{
  static const char *order[] = { "0-2", "2-5", "5-10", "10-15", "15+" };
  g_autoptr(AtlasQueryResult) result = fixture_career ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_CAREER);
  g_autoptr(AtlasChartLayout) layout = NULL;
  guint us = 0;
  double last_x = -1;

  layout = render (spec, result);
  g_assert_cmpuint (count_marks (layout, ATLAS_CHART_MARK_POINT, "US"), ==, 5);
  g_assert_cmpuint (count_marks (layout, ATLAS_CHART_MARK_POINT, "IN"), ==, 4);
  for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (layout, i);

      if (m->kind == ATLAS_CHART_MARK_POINT && g_strcmp0 (m->region, "US") == 0)
        {
          /* Left to right in band order, whatever the result's order. */
          g_assert_cmpstr (m->key, ==, order[us]);
          g_assert_cmpfloat (m->anchor_x, >, last_x);
          last_x = m->anchor_x;
          us++;
        }
      if (m->kind == ATLAS_CHART_MARK_POINT && g_strcmp0 (m->key, "10-15") == 0 &&
          g_strcmp0 (m->region, "IN") == 0)
        g_assert_true (m->small_sample);
      if (m->kind == ATLAS_CHART_MARK_EMPTY && g_strcmp0 (m->region, "IN") == 0)
        g_assert_cmpstr (m->key, ==, "15+");
    }
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_CATEGORY, "0–2 years"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_CATEGORY, "15+ years"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NO_DATA, "no data"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_NOTE, "hollow"));
  /* US: 375,000 / 125,000 from the fixture's range middles. */
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION, "United States ×3.0"));
  /* India has no 15+ band: its multiplier spans fewer years, and each
   * says which (310,000 / 125,000 = 2.48). */
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION,
                                                  "United States ×3.0 (0–2 years to 15+ years)"));
  g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_ANNOTATION,
                                                  "India ×2.5 (0–2 years to 10–15 years)"));
  g_assert_nonnull (strstr (atlas_chart_layout_get_caption (layout), "bands: 25th–75th percentile"));
}

/* Where a band is too narrow for its name on one line (a phone's chart),
 * "0–2 years" goes on two lines, whole, instead of "0–2 y…"; the n rows
 * move down below them; at the full width nothing changes. */
static void
test_career_narrow (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_career ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_CAREER);
  g_autoptr(AtlasChartLayout) wide = render (spec, result);
  g_autoptr(AtlasChartLayout) narrow = render_at (spec, result, 300, H);
  const AtlasChartText *one = atlas_chart_layout_find_text (wide, ATLAS_CHART_TEXT_CATEGORY,
                                                            "0–2 years");
  double bottom = 0;
  guint n_two = 0;

  g_assert_nonnull (one);
  for (guint i = 0; i < atlas_chart_layout_get_n_texts (wide); i++)
    {
      const AtlasChartText *t = atlas_chart_layout_get_text (wide, i);

      /* One line each at 900 px. */
      if (t->role == ATLAS_CHART_TEXT_CATEGORY)
        g_assert_cmpfloat_with_epsilon (t->rect.height, one->rect.height, 0.5);
    }

  for (guint i = 0; i < atlas_chart_layout_get_n_texts (narrow); i++)
    {
      const AtlasChartText *t = atlas_chart_layout_get_text (narrow, i);

      if (t->role != ATLAS_CHART_TEXT_CATEGORY)
        continue;
      /* Two lines, within its band, beside its neighbours. */
      if (t->rect.height > one->rect.height * 1.5)
        n_two++;
      g_assert_cmpfloat (t->rect.height, <, one->rect.height * 2.5);
      g_assert_cmpfloat (t->rect.width, <=, 300.0 / 5);
      bottom = MAX (bottom, t->rect.y + t->rect.height);
      for (guint j = 0; j < atlas_chart_layout_get_n_texts (narrow); j++)
        {
          const AtlasChartText *u = atlas_chart_layout_get_text (narrow, j);

          if (j != i && u->role == ATLAS_CHART_TEXT_CATEGORY)
            g_assert_true (u->rect.x >= t->rect.x + t->rect.width ||
                           t->rect.x >= u->rect.x + u->rect.width);
        }
    }
  /* "0–2 years" needs about 62 px in the bold 12 px font, a band of 300
   * px about 50. */
  g_assert_cmpuint (n_two, ==, G_N_ELEMENTS (career_bands));
  for (guint i = 0; i < atlas_chart_layout_get_n_texts (narrow); i++)
    {
      const AtlasChartText *t = atlas_chart_layout_get_text (narrow, i);

      if (t->role == ATLAS_CHART_TEXT_N || t->role == ATLAS_CHART_TEXT_NO_DATA)
        g_assert_cmpfloat (t->rect.y, >=, bottom);
    }
}

/* Pay bases: one named; different ones per region said; pooled ones said. */
static void
test_pay_basis_caption (void)
{
  g_autoptr(AtlasQueryResult) result = fixture_levels ();
  g_autoptr(AtlasChartSpec) spec = atlas_chart_spec_new (ATLAS_CHART_COMPARE);
  g_autoptr(AtlasChartLayout) layout = NULL;
  const char *caption;

  for (guint i = 0; i < result->groups->len; i++)
    ((AtlasGroup *) g_ptr_array_index (result->groups, i))->pay_basis = ATLAS_PAY_BASIS_TOTAL;
  layout = render (spec, result);
  g_assert_nonnull (strstr (atlas_chart_layout_get_caption (layout), "Pay basis: total compensation."));
  g_clear_pointer (&layout, atlas_chart_layout_unref);

  for (guint i = 0; i < result->groups->len; i++)
    {
      AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (g_str_equal (g->region, "US"))
        g->pay_basis = ATLAS_PAY_BASIS_BASE;
    }
  ((AtlasGroup *) g_ptr_array_index (result->groups, 0))->pooled_bases = TRUE;
  ((AtlasGroup *) g_ptr_array_index (result->groups, 0))->bases = g_strdup ("base+total");
  layout = render (spec, result);
  caption = atlas_chart_layout_get_caption (layout);
  g_assert_nonnull (strstr (caption, "Pay bases differ: United States base salary and total compensation; India total compensation."));
  g_assert_nonnull (strstr (caption, "Some United States groups pool different pay bases."));
  g_free (((AtlasGroup *) g_ptr_array_index (result->groups, 0))->bases);
  ((AtlasGroup *) g_ptr_array_index (result->groups, 0))->bases = NULL;
}

/* The real levels.fyi file: 1,864 people in India, 23,962 in the US. The
 * career curve and the company chart both draw both regions, and India's
 * 5–10 year band counts what the test counts in the file itself. */
static guint
count_india_band (const char *path,
                  double      lo,
                  double      hi)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int loc = -1, years = -1;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  header = g_strsplit (lines[0], ";", -1);
  for (int i = 0; header[i] != NULL; i++)
    {
      if (g_str_equal (header[i], "location"))
        loc = i;
      else if (g_str_equal (header[i], "yearsofexperience"))
        years = i;
    }
  g_assert_cmpint (loc, >=, 0);
  g_assert_cmpint (years, >=, 0);
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) f = g_strsplit (lines[l], ";", -1);
      double y;

      if (g_strv_length (f) <= (guint) MAX (loc, years) || !g_str_has_suffix (f[loc], ", India"))
        continue;
      y = g_ascii_strtod (f[years], NULL);
      if (y >= lo && y < hi)
        n++;
    }
  return n;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of a column of the file for India ("…, India") or the US
 * ("City, ST"), linear between closest ranks as pandas does. */
static double
file_median (const char *path,
             gboolean    india,
             guint      *n)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double pos;
  guint lo;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) f = g_strsplit (lines[l], ";", -1);
      g_auto(GStrv) loc = NULL;
      gboolean match;
      double v;

      /* companyd;title;totalyearlycompensation;location;… */
      if (g_strv_length (f) < 4)
        continue;
      loc = g_strsplit (f[3], ", ", -1);
      if (india)
        match = g_str_has_suffix (f[3], ", India");
      else
        match = g_strv_length (loc) == 2 && strlen (loc[1]) == 2 &&
                g_ascii_isupper (loc[1][0]) && g_ascii_isupper (loc[1][1]);
      if (!match)
        continue;
      v = g_ascii_strtod (f[2], NULL);
      g_array_append_val (values, v);
    }
  g_array_sort (values, compare_doubles);
  *n = values->len;
  pos = 0.5 * (values->len - 1);
  lo = (guint) pos;
  if (lo + 1 >= values->len)
    return g_array_index (values, double, lo);
  return g_array_index (values, double, lo) +
         (pos - lo) * (g_array_index (values, double, lo + 1) - g_array_index (values, double, lo));
}

static void
test_real_levels (void)
{
  g_autofree char *path = shared_file ("levels-fyi-stem-salaries-2017-2021.csv");
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();
  AtlasImportOptions options = { 0 };
  AtlasImportResult imported = { 0 };
  AtlasStore *store;
  const char *regions[] = { "US", "IN", NULL };
  const AtlasChartKind kinds[] = { ATLAS_CHART_CAREER, ATLAS_CHART_COMPANY_REGIONS };

  if (path == NULL)
    return;

  dir = g_dir_make_tmp ("atlas-chart-india-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "atlas.db", NULL);
  store = atlas_store_open (db, &error);
  g_assert_no_error (error);
  /* The exchange rates and PPP factors come with the embedded data. */
  g_assert_true (atlas_seed_ensure (store, &error));
  g_assert_no_error (error);
  g_assert_true (atlas_import_file (store, path, &options, &imported, &error));
  g_assert_no_error (error);
  /* The headline: one source, one basis, both n and the ratio of the
   * medians the test computes from the file (the imported records have
   * more observations in India than the embedded aggregates' source). */
  {
    g_autoptr(AtlasFilter) all = atlas_filter_new ();
    g_autoptr(AtlasHeadline) headline = NULL;
    guint n_in, n_us;
    double in = file_median (path, TRUE, &n_in);
    double us = file_median (path, FALSE, &n_us);

    headline = atlas_headline_compute (store, all, 30, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (headline);
    /* The imported file or the embedded aggregates of the same file: both
     * have every Indian row. */
    g_assert_true (g_str_equal (headline->source, imported.source_name) ||
                   g_str_has_prefix (headline->source, "levels.fyi"));
    g_assert_cmpint (headline->basis, ==, ATLAS_PAY_BASIS_TOTAL);
    g_assert_cmpuint (headline->n_in, ==, n_in);
    g_assert_cmpuint (headline->n_us, ==, n_us);
    g_assert_cmpuint (n_in, ==, 1864);
    g_assert_cmpuint (n_us, ==, 23962);
    g_assert_cmpfloat_with_epsilon (headline->ratio_nominal, in / us, 1e-6);
    g_assert_true (isfinite (headline->ratio_ppp));
    g_assert_false (headline->small_sample);
    g_assert_nonnull (strstr (headline->sentence, "Total compensation, "));
    g_assert_nonnull (strstr (headline->sentence, "n = 1,864 / 23,962 (India / US)"));
    g_assert_true (strstr (headline->sentence, "2017–2021") != NULL ||
                   strstr (headline->sentence, "2017-2021") != NULL);
  }
  atlas_import_result_clear (&imported);
  filter->regions = g_strdupv ((char **) regions);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(AtlasChartRequest) request =
        atlas_chart_request_new (kinds[k], filter, ATLAS_CURRENCY_MODE_USD, 30);
      g_autoptr(AtlasChartSpec) spec = NULL;
      g_autoptr(AtlasChartLayout) layout = NULL;
      g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
      g_autofree char *text = NULL;
      AtlasChartMarkKind kind = kinds[k] == ATLAS_CHART_CAREER ? ATLAS_CHART_MARK_POINT
                                                               : ATLAS_CHART_MARK_BAR;

      g_assert_true (atlas_chart_request_run (request, store, &error));
      g_assert_no_error (error);
      spec = atlas_chart_request_build_spec (request, NULL);
      layout = render (spec, atlas_chart_request_get_result (request));
      g_assert_cmpuint (count_marks (layout, kind, "US"), >, 0);
      g_assert_cmpuint (count_marks (layout, kind, "IN"), >, 0);
      g_assert_null (strstr (atlas_chart_layout_get_caption (layout), "No data for"));
      g_assert_nonnull (strstr (atlas_chart_layout_get_caption (layout), "Pay basis: total compensation."));
      g_assert_nonnull (strstr (atlas_chart_layout_get_caption (layout), "2017–2021"));

      if (kinds[k] == ATLAS_CHART_CAREER)
        {
          guint expected = count_india_band (path, 5, 10);
          gboolean found = FALSE;

          g_assert_cmpuint (expected, >, 0);
          for (guint i = 0; i < atlas_chart_layout_get_n_marks (layout); i++)
            {
              const AtlasChartMark *m = atlas_chart_layout_get_mark (layout, i);

              if (m->kind == kind && g_str_equal (m->region, "IN") && g_str_equal (m->key, "5-10"))
                {
                  g_assert_cmpuint (m->summary.n, ==, expected);
                  found = TRUE;
                }
            }
          g_assert_true (found);
        }
      else
        /* The employers the issue names have both regions in levels.fyi. */
        for (guint i = 0; i < 3; i++)
          {
            const char *names[] = { "Amazon", "Microsoft", "Google" };

            g_assert_nonnull (atlas_chart_layout_find_text (layout, ATLAS_CHART_TEXT_CATEGORY, names[i]));
          }

      /* The exported SVG names both regions in its description. */
      g_assert_true (atlas_chart_export_to_file (spec, atlas_chart_request_get_result (request), svg,
                                                 ATLAS_CHART_FORMAT_SVG, 1000, 640, 1, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "United States"));
      g_assert_nonnull (strstr (text, "India"));
      g_remove (svg);
    }

  atlas_store_free (store);
  g_remove (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atlas/chart-india/company-regions", test_company_regions);
  g_test_add_func ("/atlas/chart-india/company-regions-none", test_company_regions_none);
  g_test_add_func ("/atlas/chart-india/company-regions-local", test_company_regions_local);
  g_test_add_func ("/atlas/chart-india/missing-region", test_missing_region);
  g_test_add_func ("/atlas/chart-india/trend-source-break", test_trend_source_break);
  g_test_add_func ("/atlas/chart-india/career", test_career);
  g_test_add_func ("/atlas/chart-india/career-narrow", test_career_narrow);
  g_test_add_func ("/atlas/chart-india/pay-basis-caption", test_pay_basis_caption);
  g_test_add_func ("/atlas/chart-india/real-levels", test_real_levels);
  g_test_add_func ("/atlas/chart-india/region-colours", test_region_colours);
  g_test_add_func ("/atlas/chart-india/compare-ratio-note", test_compare_ratio_note);

  return g_test_run ();
}

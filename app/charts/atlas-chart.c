/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart.c: chart specs, their kinds and themes, and the median
 * ratio of two regions.  The frame every chart shares is drawn by
 * atlas-chart-render.c, with the legend (atlas-chart-legend.c) and the
 * caption (atlas-chart-caption.c). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"
#include "atlas-money.h"

G_DEFINE_QUARK (atlas-chart-error-quark, atlas_chart_error)

G_DEFINE_BOXED_TYPE (AtlasChartSpec, atlas_chart_spec,
                     atlas_chart_spec_copy, atlas_chart_spec_free)

static const char * const kind_names[ATLAS_CHART_N_KINDS] = {
  "compare", "companies", "experience", "distribution", "trend", "company-regions",
  "career",
};

const char *
atlas_chart_kind_to_string (AtlasChartKind kind)
{
  g_return_val_if_fail (kind < ATLAS_CHART_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
atlas_chart_kind_from_string (const char     *str,
                              AtlasChartKind *kind)
{
  for (guint i = 0; str != NULL && i < ATLAS_CHART_N_KINDS; i++)
    if (g_ascii_strcasecmp (str, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (AtlasChartKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
atlas_chart_kind_get_title (AtlasChartKind kind)
{
  switch (kind)
    {
    case ATLAS_CHART_COMPARE:
      return _("Pay by experience level");
    case ATLAS_CHART_COMPANIES:
      return _("Median pay by company");
    case ATLAS_CHART_EXPERIENCE:
      return _("Median pay by experience level");
    case ATLAS_CHART_DISTRIBUTION:
      return _("Distribution of pay");
    case ATLAS_CHART_TREND:
      return _("Median pay by year");
    case ATLAS_CHART_COMPANY_REGIONS:
      return _("Same employer, United States and India");
    case ATLAS_CHART_CAREER:
      return _("Career curve: pay by years of experience");
    default:
      g_return_val_if_reached (NULL);
    }
}

AtlasGroupBy
atlas_chart_kind_group_by (AtlasChartKind kind)
{
  switch (kind)
    {
    case ATLAS_CHART_COMPANIES:
    case ATLAS_CHART_COMPANY_REGIONS:
      return ATLAS_GROUP_COMPANY;
    case ATLAS_CHART_DISTRIBUTION:
      return ATLAS_GROUP_REGION;
    case ATLAS_CHART_TREND:
      return ATLAS_GROUP_YEAR;
    case ATLAS_CHART_CAREER:
      return ATLAS_GROUP_EXPERIENCE_YEARS;
    case ATLAS_CHART_COMPARE:
    case ATLAS_CHART_EXPERIENCE:
    default:
      return ATLAS_GROUP_EXPERIENCE;
    }
}

static const char * const theme_names[] = { "light", "dark", "print" };

const char *
atlas_chart_theme_to_string (AtlasChartTheme theme)
{
  g_return_val_if_fail (theme < G_N_ELEMENTS (theme_names), NULL);
  return theme_names[theme];
}

gboolean
atlas_chart_theme_from_string (const char      *str,
                               AtlasChartTheme *theme)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (theme_names); i++)
    if (g_ascii_strcasecmp (str, theme_names[i]) == 0)
      {
        if (theme != NULL)
          *theme = (AtlasChartTheme) i;
        return TRUE;
      }
  return FALSE;
}

AtlasChartSpec *
atlas_chart_spec_new (AtlasChartKind kind)
{
  AtlasChartSpec *spec = g_new0 (AtlasChartSpec, 1);

  spec->kind = kind;
  spec->currency_mode = ATLAS_CURRENCY_MODE_USD;
  spec->top_n = 15;
  spec->min_n = 5;
  spec->whiskers = ATLAS_CHART_WHISKERS_P10_P90;
  spec->ratio_nominal = NAN;
  spec->ratio_ppp = NAN;
  spec->focus_mark = -1;
  atlas_chart_spec_set_theme (spec, ATLAS_CHART_THEME_LIGHT);
  return spec;
}

AtlasChartSpec *
atlas_chart_spec_copy (const AtlasChartSpec *spec)
{
  AtlasChartSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_memdup2 (spec, sizeof *spec);
  copy->title = g_strdup (spec->title);
  copy->subtitle = g_strdup (spec->subtitle);
  copy->currency_basis = g_strdup (spec->currency_basis);
  copy->snapshot_date = g_strdup (spec->snapshot_date);
  copy->note = g_strdup (spec->note);
  copy->ratio_basis = g_strdup (spec->ratio_basis);
  copy->hidden_regions = g_strdupv (spec->hidden_regions);
  copy->expected_regions = g_strdupv (spec->expected_regions);
  return copy;
}

void
atlas_chart_spec_free (AtlasChartSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->title);
  g_free (spec->subtitle);
  g_free (spec->currency_basis);
  g_free (spec->snapshot_date);
  g_free (spec->note);
  g_free (spec->ratio_basis);
  g_strfreev (spec->hidden_regions);
  g_strfreev (spec->expected_regions);
  g_free (spec);
}

void
atlas_chart_spec_set_theme (AtlasChartSpec  *spec,
                            AtlasChartTheme  theme)
{
  g_return_if_fail (spec != NULL);
  spec->theme = theme;
  atlas_chart_palette_init_for_theme (&spec->palette, theme);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
pooled_median (const AtlasQueryResult *result,
               const char             *region)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (g_strcmp0 (g->region, region) == 0 && g->values != NULL)
        g_array_append_vals (all, g->values, g->n_values);
    }

  if (all->len == 0)
    return NAN;

  g_array_sort (all, compare_doubles);
  return atlas_stats_percentile_sorted ((double *) all->data, all->len, 0.5);
}

double
atlas_chart_median_ratio (const AtlasQueryResult *result,
                          const char             *region_a,
                          const char             *region_b)
{
  double a, b;

  g_return_val_if_fail (result != NULL, NAN);

  a = pooled_median (result, region_a);
  b = pooled_median (result, region_b);
  if (!isfinite (a) || !isfinite (b) || b <= 0)
    return NAN;
  return a / b;
}

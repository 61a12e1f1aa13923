/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-request.c: which queries a chart needs, and the spec built
 * from their results (see atlas-chart-request.h). */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-chart-request.h"
#include "atlas-money.h"

#define MAX_QUERIES 4
/* In a kind's table entry: the mode the user chose. */
#define CHOSEN_MODE (-1)

typedef struct
{
  const AtlasQueryResult *result;
  gpointer                owner;
  GDestroyNotify          owner_free;
} Slot;

struct _AtlasChartRequest
{
  AtlasChartKind     kind;
  AtlasFilter       *filter;
  AtlasCurrencyMode  mode;
  guint              small_sample;
  guint              n_queries;
  AtlasChartQuery    queries[MAX_QUERIES];
  Slot               slots[MAX_QUERIES];
};

/* What a kind adds to the common parts of the spec. */
typedef void (*BuildFunc) (const AtlasChartRequest *self,
                           AtlasChartSpec          *spec);

static char *
group_years (const AtlasGroup *g)
{
  if (g->year_from <= 0 || g->year_to <= 0)
    return g_strdup ("");
  if (g->year_from == g->year_to)
    return g_strdup_printf (", %d", g->year_to);
  return g_strdup_printf (", %d–%d", g->year_from, g->year_to);
}

/* Published figures: the ratio's medians are each region's all-levels
 * figure, which may come from another source, basis or period than the
 * boxes (levels.fyi's total compensation beside aijobs.net's levels):
 * the annotation says which. */
static char *
ratio_basis (const AtlasQueryResult *result)
{
  const AtlasGroup *in = NULL, *us = NULL;
  g_autofree char *in_years = NULL, *us_years = NULL;

  if (result == NULL || !result->from_figures)
    return NULL;
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (in == NULL && g_strcmp0 (g->region, "IN") == 0)
        in = g;
      else if (us == NULL && g_strcmp0 (g->region, "US") == 0)
        us = g;
    }
  if (in == NULL || us == NULL || in->sources == NULL || us->sources == NULL)
    return NULL;

  in_years = group_years (in);
  us_years = group_years (us);
  if (g_strcmp0 (in->sources, us->sources) == 0 && in->pay_basis == us->pay_basis &&
      g_strcmp0 (in_years, us_years) == 0)
    /* Translators: what the India-to-US ratio compares: "All levels pooled:
     * levels.fyi … (aggregates), total compensation, 2017–2021" */
    return g_strdup_printf (_("All levels pooled: %s, %s%s"), in->sources,
                            atlas_pay_basis_label (in->pay_basis), in_years);
  return g_strdup_printf (_("All levels pooled; India: %s, %s%s; United States: %s, %s%s"),
                          in->sources, atlas_pay_basis_label (in->pay_basis), in_years,
                          us->sources, atlas_pay_basis_label (us->pay_basis), us_years);
}

static void
build_compare (const AtlasChartRequest *self,
               AtlasChartSpec          *spec)
{
  /* The ratios pool every record of the filter, grouped by region: records
   * without an experience level count (the boxes leave them out, the ratio
   * of "India to the US" does not). */
  if (self->slots[1].result != NULL)
    spec->ratio_nominal = atlas_chart_india_us_ratio (self->slots[1].result);
  if (self->slots[2].result != NULL)
    spec->ratio_ppp = atlas_chart_india_us_ratio (self->slots[2].result);
  g_clear_pointer (&spec->ratio_basis, g_free);
  if (isfinite (spec->ratio_nominal) || isfinite (spec->ratio_ppp))
    spec->ratio_basis = ratio_basis (self->slots[1].result != NULL ? self->slots[1].result
                                                                    : self->slots[2].result);
}

/* One entry per kind: the queries, the drawn one first. */
static const struct
{
  AtlasChartKind kind;
  struct
  {
    AtlasGroupBy group_by;
    int          mode;   /* AtlasCurrencyMode or CHOSEN_MODE */
  }              queries[MAX_QUERIES];
  guint          n_queries;
  BuildFunc      build;
  /* The drawing reads the groups' values (a histogram), not only their
   * summaries: atlas_chart_request_run() asks for them. */
  gboolean       values;
} kinds[] = {
  { ATLAS_CHART_COMPARE,
    { { ATLAS_GROUP_EXPERIENCE, CHOSEN_MODE },
      { ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_USD },
      { ATLAS_GROUP_REGION, ATLAS_CURRENCY_MODE_PPP } }, 3, build_compare },
  { ATLAS_CHART_COMPANIES, { { ATLAS_GROUP_COMPANY, CHOSEN_MODE } }, 1, NULL },
  { ATLAS_CHART_EXPERIENCE, { { ATLAS_GROUP_EXPERIENCE, CHOSEN_MODE } }, 1, NULL },
  { ATLAS_CHART_DISTRIBUTION, { { ATLAS_GROUP_REGION, CHOSEN_MODE } }, 1, NULL, TRUE },
  { ATLAS_CHART_TREND, { { ATLAS_GROUP_YEAR, CHOSEN_MODE } }, 1, NULL },
  { ATLAS_CHART_COMPANY_REGIONS, { { ATLAS_GROUP_COMPANY, CHOSEN_MODE } }, 1, NULL },
  { ATLAS_CHART_CAREER, { { ATLAS_GROUP_EXPERIENCE_YEARS, CHOSEN_MODE } }, 1, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == ATLAS_CHART_N_KINDS);

static guint
kind_index (AtlasChartKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return i;

  g_assert_not_reached ();
}

guint
atlas_chart_kind_get_queries (AtlasChartKind     kind,
                              AtlasCurrencyMode  mode,
                              AtlasChartQuery   *queries,
                              guint              max_queries)
{
  guint k = kind_index (kind);
  guint n = MIN (kinds[k].n_queries, max_queries);

  for (guint i = 0; i < n; i++)
    {
      queries[i].group_by = kinds[k].queries[i].group_by;
      queries[i].mode = kinds[k].queries[i].mode == CHOSEN_MODE
                          ? mode : (AtlasCurrencyMode) kinds[k].queries[i].mode;
      queries[i].chosen_mode = kinds[k].queries[i].mode == CHOSEN_MODE;
    }

  return n;
}

AtlasChartRequest *
atlas_chart_request_new (AtlasChartKind     kind,
                         const AtlasFilter *filter,
                         AtlasCurrencyMode  mode,
                         guint              small_sample)
{
  AtlasChartRequest *self;

  g_return_val_if_fail (kind < ATLAS_CHART_N_KINDS, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  self = g_new0 (AtlasChartRequest, 1);
  self->kind = kind;
  self->filter = atlas_filter_copy (filter);
  self->mode = mode;
  self->small_sample = small_sample;
  self->n_queries = atlas_chart_kind_get_queries (kind, mode, self->queries, MAX_QUERIES);

  return self;
}

static void
slot_clear (Slot *slot)
{
  if (slot->owner_free != NULL && slot->owner != NULL)
    slot->owner_free (slot->owner);
  slot->result = NULL;
  slot->owner = NULL;
  slot->owner_free = NULL;
}

void
atlas_chart_request_free (AtlasChartRequest *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_queries; i++)
    slot_clear (&self->slots[i]);
  atlas_filter_free (self->filter);
  g_free (self);
}

AtlasChartKind
atlas_chart_request_get_kind (const AtlasChartRequest *self)
{
  g_return_val_if_fail (self != NULL, ATLAS_CHART_COMPARE);

  return self->kind;
}

const AtlasFilter *
atlas_chart_request_get_filter (const AtlasChartRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->filter;
}

AtlasCurrencyMode
atlas_chart_request_get_mode (const AtlasChartRequest *self)
{
  g_return_val_if_fail (self != NULL, ATLAS_CURRENCY_MODE_USD);

  return self->mode;
}

guint
atlas_chart_request_get_small_sample (const AtlasChartRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->small_sample;
}

guint
atlas_chart_request_get_n_queries (const AtlasChartRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_queries;
}

const AtlasChartQuery *
atlas_chart_request_get_query (const AtlasChartRequest *self,
                               guint                    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_queries, NULL);

  return &self->queries[index];
}

void
atlas_chart_request_set_result (AtlasChartRequest      *self,
                                guint                   index,
                                const AtlasQueryResult *result,
                                gpointer                owner,
                                GDestroyNotify          owner_free)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n_queries);

  slot_clear (&self->slots[index]);
  self->slots[index].result = result;
  self->slots[index].owner = owner;
  self->slots[index].owner_free = owner_free;
}

static void
query_result_free (gpointer data)
{
  atlas_query_result_free (data);
}

gboolean
atlas_chart_request_run (AtlasChartRequest  *self,
                         AtlasStore         *store,
                         GError            **error)
{
  AtlasQuerySpec specs[MAX_QUERIES] = { { 0 } };
  AtlasQueryResult *results[MAX_QUERIES] = { NULL };
  guint index[MAX_QUERIES];
  guint n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  for (guint i = 0; i < self->n_queries; i++)
    if (self->slots[i].result == NULL)
      {
        specs[n].by = self->queries[i].group_by;
        specs[n].mode = self->queries[i].mode;
        specs[n].with_values = kinds[kind_index (self->kind)].values;
        index[n++] = i;
      }

  /* One pass over the rows for all of them (the compare chart's three
   * queries read the same cells). */
  if (!atlas_query_run_many (store, self->filter, specs, n, self->small_sample, results,
                             NULL, error))
    return FALSE;
  for (guint k = 0; k < n; k++)
    atlas_chart_request_set_result (self, index[k], results[k], results[k], query_result_free);

  return TRUE;
}

gboolean
atlas_chart_request_is_complete (const AtlasChartRequest *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_queries; i++)
    if (self->slots[i].result == NULL)
      return FALSE;

  return TRUE;
}

const AtlasQueryResult *
atlas_chart_request_get_result (const AtlasChartRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->slots[0].result;
}

AtlasChartSpec *
atlas_chart_request_build_spec (const AtlasChartRequest *self,
                                AtlasCatalog            *catalog)
{
  AtlasChartSpec *spec;
  BuildFunc build;

  g_return_val_if_fail (self != NULL, NULL);

  spec = atlas_chart_spec_new (self->kind);
  spec->currency_mode = self->mode;
  spec->subtitle = atlas_filter_describe (self->filter);
  if (catalog != NULL)
    spec->currency_basis = atlas_chart_describe_basis (catalog, self->filter, self->mode);

  /* The regions the chart must show or say it cannot: the filter's, or
   * the US and India whenever the data has both. */
  if (self->filter->regions != NULL && self->filter->regions[0] != NULL)
    spec->expected_regions = g_strdupv (self->filter->regions);
  else if (catalog != NULL && atlas_catalog_has_country (catalog, "US") &&
           atlas_catalog_has_country (catalog, "IN"))
    {
      const char *both[] = { "US", "IN", NULL };

      spec->expected_regions = g_strdupv ((char **) both);
    }

  build = kinds[kind_index (self->kind)].build;
  if (build != NULL)
    build (self, spec);

  return spec;
}

char *
atlas_chart_describe_basis (AtlasCatalog      *catalog,
                            const AtlasFilter *filter,
                            AtlasCurrencyMode  mode)
{
  const char *other = NULL;
  const char *currency;
  const char *symbol;
  int year_hint;
  int year;
  double factor;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (mode == ATLAS_CURRENCY_MODE_LOCAL)
    return NULL;

  /* The factor of the first selected region that is not the US, or India. */
  if (filter->regions != NULL)
    for (guint i = 0; filter->regions[i] != NULL && other == NULL; i++)
      if (g_strcmp0 (filter->regions[i], "US") != 0)
        other = filter->regions[i];
  if (other == NULL)
    other = "IN";

  year_hint = filter->year_to > 0 ? filter->year_to : catalog->year_max;
  if (!atlas_catalog_find_factor (catalog, mode, other, year_hint, &year, &factor))
    return NULL;

  currency = atlas_money_currency_for_country (other);
  symbol = currency ? atlas_money_currency_symbol (currency) : NULL;
  if (symbol == NULL)
    symbol = currency ? currency : other;

  if (mode == ATLAS_CURRENCY_MODE_PPP)
    /* Translators: "PPP: World Bank private consumption factor, 2024: 19.9 ₹ per intl $" */
    return g_strdup_printf (_("PPP: World Bank private consumption factor, %d: %.4g %s per intl $"),
                            year, factor, symbol);
  else
    /* Translators: "USD: World Bank official exchange rate, 2024: 83.67 ₹ per $" */
    return g_strdup_printf (_("USD: World Bank official exchange rate, %d: %.4g %s per $"),
                            year, factor, symbol);
}

double
atlas_chart_india_us_ratio (const AtlasQueryResult *result)
{
  double ratio;
  double in = NAN, us = NAN;
  guint n_in = 0, n_us = 0;

  g_return_val_if_fail (result != NULL, NAN);

  /* Grouped by region, a region's one group already has the median of all
   * its values (atlas_stats_summarise() on the same sorted values): the
   * same number as pooling them, without copying and sorting hundreds of
   * thousands of values each time a page rebuilds its spec. */
  if (result->by == ATLAS_GROUP_REGION && !result->from_figures)
    {
      const AtlasGroup *in_group = NULL, *us_group = NULL;
      guint n_in_groups = 0, n_us_groups = 0;

      for (guint i = 0; i < result->groups->len; i++)
        {
          const AtlasGroup *group = g_ptr_array_index (result->groups, i);

          if (g_strcmp0 (group->region, "IN") == 0 && n_in_groups++ == 0)
            in_group = group;
          else if (g_strcmp0 (group->region, "US") == 0 && n_us_groups++ == 0)
            us_group = group;
        }

      /* summary.n: the request may have run without values. */
      if (n_in_groups == 1 && n_us_groups == 1 &&
          in_group->summary.n > 0 && us_group->summary.n > 0)
        {
          double a = in_group->summary.median, b = us_group->summary.median;

          return isfinite (a) && isfinite (b) && b > 0 ? a / b : NAN;
        }
    }

  ratio = atlas_chart_median_ratio (result, "IN", "US");
  if (!isnan (ratio) || !result->from_figures)
    return ratio;

  /* Figures have no values to pool: compare the medians of the one figure
   * per region (none when a region has several). */
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *group = g_ptr_array_index (result->groups, i);

      if (g_strcmp0 (group->region, "IN") == 0 && n_in++ == 0)
        in = group->summary.median;
      else if (g_strcmp0 (group->region, "US") == 0 && n_us++ == 0)
        us = group->summary.median;
    }

  return n_in == 1 && n_us == 1 && us > 0 ? in / us : NAN;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-compare.c: the fairest comparison of two regions.
 *
 * Comparing a US survey of base salaries with Indian total-compensation
 * figures, or 2015 with 2024, says more about the sources than about pay.
 * So each source is asked on its own (filter->source), and the source that
 * has both regions with the largest smaller sample is the answer, with its
 * basis and period.  Superseded snapshots are left out by the query. */

#include "config.h"

#include <string.h>

#include "atlas-query-compare.h"
#include "atlas-store-private.h"

void
atlas_comparison_free (AtlasComparison *comparison)
{
  if (comparison == NULL)
    return;

  g_free (comparison->source);
  g_free (comparison->citation);
  g_free (comparison->licence);
  for (guint i = 0; i < 2; i++)
    {
      AtlasGroup *g = i == 0 ? comparison->a : comparison->b;

      if (g != NULL)
        {
          g_free (g->region);
          g_free (g->currency);
          g_free (g);
        }
    }
  g_free (comparison);
}

/* A copy of @group's numbers, region and currency, which the comparison
 * owns; no values, labels or citations (those are the comparison's). */
static AtlasGroup *
copy_group (const AtlasGroup *group)
{
  AtlasGroup *copy = g_new0 (AtlasGroup, 1);

  *copy = *group;
  copy->region = g_strdup (group->region);
  copy->key = NULL;
  copy->label = NULL;
  copy->currency = g_strdup (group->currency);
  copy->values = NULL;
  copy->n_values = 0;
  copy->citation = NULL;
  copy->sources = NULL;
  copy->bases = NULL;
  return copy;
}

static const AtlasGroup *
find_region (const AtlasQueryResult *result,
             const char             *region)
{
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (g_ascii_strcasecmp (g->region, region) == 0)
        return g;
    }
  return NULL;
}

static GPtrArray *
source_names (AtlasStore  *store,
              GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* The fx-ppp table is a source of rates, not of pay. */
  stmt = atlas_store_prepare (store, "SELECT name FROM sources WHERE format <> 'fx-ppp' ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, "reading sources");
      return NULL;
    }
  return g_steal_pointer (&names);
}

AtlasComparison *
atlas_query_compare_regions (AtlasStore         *store,
                             const AtlasFilter  *filter,
                             const char         *region_a,
                             const char         *region_b,
                             AtlasCurrencyMode   mode,
                             guint               small_sample_threshold,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(AtlasComparison) best = NULL;
  g_autoptr(AtlasFilter) f = NULL;
  g_autoptr(GPtrArray) names = NULL;
  gsize best_min_n = 0;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (region_a != NULL && region_b != NULL, NULL);

  names = source_names (store, error);
  if (names == NULL)
    return NULL;

  f = atlas_filter_copy (filter);
  g_strfreev (f->regions);
  f->regions = g_strdupv ((GStrv) (const char * const[]) { region_a, region_b, NULL });

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(AtlasQueryResult) result = NULL;
      const AtlasGroup *a, *b;
      gsize min_n;

      g_free (f->source);
      f->source = g_strdup (g_ptr_array_index (names, i));
      result = atlas_query_run (store, f, ATLAS_GROUP_REGION, mode, small_sample_threshold,
                                cancellable, error);
      if (result == NULL)
        return NULL;

      a = find_region (result, region_a);
      b = find_region (result, region_b);
      /* One source, but a group could still pool bases (a generic CSV
       * source has one format): such a pair is not comparable. */
      if (a == NULL || b == NULL || a->pooled_bases || b->pooled_bases ||
          a->pay_basis != b->pay_basis)
        continue;

      min_n = MIN (a->summary.n, b->summary.n);
      if (best != NULL && min_n <= best_min_n)
        continue;

      g_clear_pointer (&best, atlas_comparison_free);
      best = g_new0 (AtlasComparison, 1);
      best->source = g_strdup (f->source);
      best->citation = g_strdup (a->citation);
      best->licence = result->sources->len > 0
        ? g_strdup (((AtlasQuerySource *) g_ptr_array_index (result->sources, 0))->licence) : NULL;
      best->pay_basis = a->pay_basis;
      best->year_from = MIN (a->year_from, b->year_from);
      best->year_to = MAX (a->year_to, b->year_to);
      best->from_figures = result->from_figures;
      best->a = copy_group (a);
      best->b = copy_group (b);
      best_min_n = min_n;
    }

  return g_steal_pointer (&best);
}

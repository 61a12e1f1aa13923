/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query.c: runs a query: groups from records, falling back to
 * curated figures when no record matches (atlas-query-records.c,
 * atlas-query-figures.c, over the SQL of atlas-query-sql.c); the result
 * type; company suggestions. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-company.h"
#include "atlas-query.h"
#include "atlas-query-private.h"
#include "atlas-rates.h"
#include "atlas-store-private.h"

static const char * const group_by_names[] = {
  [ATLAS_GROUP_EXPERIENCE] = "experience",
  [ATLAS_GROUP_COMPANY] = "company",
  [ATLAS_GROUP_REGION] = "region",
  [ATLAS_GROUP_YEAR] = "year",
  [ATLAS_GROUP_ROLE] = "role",
  [ATLAS_GROUP_EXPERIENCE_YEARS] = "experience-years",
};

const char *
atlas_group_by_to_string (AtlasGroupBy by)
{
  g_return_val_if_fail (by < G_N_ELEMENTS (group_by_names), NULL);
  return group_by_names[by];
}

gboolean
atlas_group_by_from_string (const char   *str,
                            AtlasGroupBy *by)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (group_by_names); i++)
    if (g_ascii_strcasecmp (str, group_by_names[i]) == 0)
      {
        *by = i;
        return TRUE;
      }
  return FALSE;
}

void
_atlas_query_group_free (gpointer data)
{
  AtlasGroup *group = data;

  g_free (group->region);
  g_free (group->key);
  g_free (group->label);
  g_free (group->currency);
  g_free (group->values);
  g_free (group->citation);
  g_free (group->sources);
  g_free (group->bases);
  g_free (group->bin_lo);
  g_free (group->bin_hi);
  g_free (group->bin_n);
  g_free (group);
}

static void
atlas_query_source_free (gpointer data)
{
  AtlasQuerySource *source = data;

  g_free (source->name);
  g_free (source->licence);
  g_free (source->url);
  g_free (source->retrieved_at);
  g_free (source);
}

void
atlas_query_result_free (AtlasQueryResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->groups, g_ptr_array_unref);
  g_clear_pointer (&result->sources, g_ptr_array_unref);
  g_free (result->missing_factors);
  g_free (result->superseded);
  g_free (result);
}

void
_atlas_query_add_missing_factor (GHashTable *missing,
                    const char *mode_name,
                    const char *what,
                    int         year)
{
  g_hash_table_add (missing, g_strdup_printf ("%s %s %d", mode_name, what, year));
}

static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
_atlas_query_describe_missing (GHashTable *missing)
{
  g_autofree const char **keys = NULL;
  guint n;

  if (g_hash_table_size (missing) == 0)
    return NULL;

  keys = (const char **) g_hash_table_get_keys_as_array (missing, &n);
  g_qsort_with_data (keys, n, sizeof (char *), compare_string_pointers, NULL);
  return g_strjoinv (", ", (GStrv) keys);
}

static char *
describe_superseded (GHashTable *infos)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const QuerySourceInfo *info = value;

      if (info->superseded_by != NULL)
        g_ptr_array_add (parts, g_strdup_printf (_("%s (superseded by %s)"),
                                                 info->name, info->superseded_by));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_sort_with_data (parts, compare_string_pointers, NULL);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (GStrv) parts->pdata);
}

static AtlasQueryResult *
result_new (AtlasGroupBy       by,
            AtlasCurrencyMode  mode,
            guint              small_sample_threshold)
{
  AtlasQueryResult *result = g_new0 (AtlasQueryResult, 1);

  result->by = by;
  result->mode = mode;
  result->small_sample_threshold = small_sample_threshold;
  result->groups = g_ptr_array_new_with_free_func (_atlas_query_group_free);
  result->sources = g_ptr_array_new_with_free_func (atlas_query_source_free);

  return result;
}

/* What follows the records: the figures when no record matched, the
 * companies' minimum, the order of the groups. */
static gboolean
result_complete (AtlasQueryResult   *result,
                 AtlasStore         *store,
                 AtlasRates         *rates,
                 const AtlasFilter  *filter,
                 GError            **error)
{
  if (result->n_records == 0)
    {
      result->from_figures = TRUE;
      g_clear_pointer (&result->missing_factors, g_free);
      if (!_atlas_query_figure_groups (store, rates, filter, result, error))
        return FALSE;
    }

  /* A list of companies is not led by a single row. */
  if (result->by == ATLAS_GROUP_COMPANY && (filter->company == NULL || *filter->company == '\0'))
    {
      result->company_min_n = filter->company_min_n > 0 ? filter->company_min_n
                                                        : ATLAS_COMPANY_MIN_N_DEFAULT;
      for (guint i = result->groups->len; i-- > 0;)
        {
          const AtlasGroup *group = g_ptr_array_index (result->groups, i);

          if (group->summary.n < result->company_min_n)
            {
              result->n_groups_below_min++;
              g_ptr_array_remove_index (result->groups, i);
            }
        }
    }

  _atlas_query_sort_groups (result, filter);

  return TRUE;
}

/* The queries of @specs, their results into @results (all or none). */
static gboolean
query_run_many (AtlasStore            *store,
                const AtlasFilter     *filter,
                const AtlasQuerySpec  *specs,
                guint                  n_specs,
                guint                  small_sample_threshold,
                AtlasQueryResult     **results,
                GError               **error)
{
  g_autoptr(AtlasRates) rates = NULL;
  g_autoptr(GHashTable) infos = NULL;
  g_autofree gboolean *with_values = g_new (gboolean, MAX (n_specs, 1));
  g_autofree char *superseded = NULL;
  gboolean ok;

  rates = atlas_rates_load (store, error);
  if (rates == NULL)
    return FALSE;
  infos = _atlas_query_load_source_infos (store, error);
  if (infos == NULL)
    return FALSE;
  superseded = describe_superseded (infos);

  for (guint i = 0; i < n_specs; i++)
    {
      results[i] = result_new (specs[i].by, specs[i].mode, small_sample_threshold);
      results[i]->superseded = g_strdup (superseded);
      with_values[i] = specs[i].with_values;
    }

  ok = _atlas_query_records (store, rates, filter, infos, results, with_values, n_specs, error);
  for (guint i = 0; i < n_specs && ok; i++)
    ok = result_complete (results[i], store, rates, filter, error);

  if (!ok)
    for (guint i = 0; i < n_specs; i++)
      g_clear_pointer (&results[i], atlas_query_result_free);

  return ok;
}

/* Runs query_run_many() with @cancellable interrupting its statements. */
static gboolean
run_cancellable (AtlasStore            *store,
                 const AtlasFilter     *filter,
                 const AtlasQuerySpec  *specs,
                 guint                  n_specs,
                 guint                  small_sample_threshold,
                 AtlasQueryResult     **results,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (cancellable != NULL)
    atlas_store_set_cancellable (store, cancellable);
  ok = query_run_many (store, filter, specs, n_specs, small_sample_threshold, results,
                       &local_error);
  if (cancellable != NULL)
    atlas_store_set_cancellable (store, NULL);

  /* An interrupted statement says "interrupted": say why instead. */
  if (!ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

AtlasQueryResult *
atlas_query_run (AtlasStore         *store,
                 const AtlasFilter  *filter,
                 AtlasGroupBy        by,
                 AtlasCurrencyMode   mode,
                 guint               small_sample_threshold,
                 GCancellable       *cancellable,
                 GError            **error)
{
  AtlasQuerySpec spec = { by, mode, TRUE };
  AtlasQueryResult *result = NULL;

  if (!run_cancellable (store, filter, &spec, 1, small_sample_threshold, &result,
                        cancellable, error))
    return NULL;

  return result;
}

gboolean
atlas_query_run_many (AtlasStore            *store,
                      const AtlasFilter     *filter,
                      const AtlasQuerySpec  *specs,
                      guint                  n_specs,
                      guint                  small_sample_threshold,
                      AtlasQueryResult     **results,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_return_val_if_fail (specs != NULL || n_specs == 0, FALSE);
  g_return_val_if_fail (results != NULL || n_specs == 0, FALSE);

  for (guint i = 0; i < n_specs; i++)
    results[i] = NULL;
  if (n_specs == 0)
    return TRUE;

  return run_cancellable (store, filter, specs, n_specs, small_sample_threshold, results,
                          cancellable, error);
}

GStrv
atlas_query_suggest_companies (AtlasStore  *store,
                               const char  *text,
                               guint        max,
                               GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *key = NULL;
  g_autofree char *like = NULL;
  g_autofree char *like_text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  key = atlas_company_normalise_key (text);
  like = _atlas_query_escape_like (key != NULL ? key : text);
  like_text = _atlas_query_escape_like (text);
  /* Companies whose key or name contains the text, those with most
   * records (record_facets, facet 3) first. */
  stmt = atlas_store_prepare (store,
                              "SELECT c.display_name FROM companies c"
                              " LEFT JOIN (SELECT value AS id, sum (n) AS n FROM record_facets"
                              "   WHERE facet = 3 GROUP BY value) f ON f.id = c.id"
                              " WHERE c.key LIKE '%' || ?1 || '%' ESCAPE '\\'"
                              "    OR c.display_name LIKE '%' || ?2 || '%' ESCAPE '\\'"
                              " ORDER BY coalesce (f.n, 0) DESC, c.display_name LIMIT ?3",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, like, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, like_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) MIN (max, 100));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading companies"));
      return NULL;
    }

  return g_strv_builder_end (names);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-records.c: groups from records: one pass over the matching
 * pre-aggregated cells (record_cells: n records that share every column a
 * query reads), or over the records themselves for a search in titles,
 * each converted into the currency mode and accumulated by region and group
 * key as runs of equal values, then sorted and summarised; and the order of
 * groups in a result. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "atlas-query-private.h"
#include "atlas-rates.h"
#include "atlas-roles.h"
#include "atlas-sources.h"
#include "atlas-store-cells.h"
#include "atlas-store-private.h"

/* n equal values of a group. */
typedef struct
{
  double value;
  gint64 n;
} Run;

typedef struct
{
  AtlasGroup *group;
  GArray     *runs;       /* Run */
  gint64      n;          /* sum of the runs' n */
  GHashTable *source_ids;
  guint       bases;      /* bit per AtlasPayBasis */
} Accumulator;

static void
accumulator_free (gpointer data)
{
  Accumulator *acc = data;

  if (acc->group != NULL)
    _atlas_query_group_free (acc->group);
  g_clear_pointer (&acc->runs, g_array_unref);
  g_clear_pointer (&acc->source_ids, g_hash_table_unref);
  g_free (acc);
}

static const char *
group_column (AtlasGroupBy by)
{
  switch (by)
    {
    case ATLAS_GROUP_EXPERIENCE:
      return "r.experience";
    case ATLAS_GROUP_COMPANY:
      /* Named in C (CompanyNames): a subquery per cell cost a fifth of
       * the query. */
      return "r.company_id";
    case ATLAS_GROUP_REGION:
      return "r.country";
    case ATLAS_GROUP_YEAR:
      return "CAST (r.year AS TEXT)";
    case ATLAS_GROUP_ROLE:
      return "r.role_family";
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      return "r.years_experience";
    default:
      g_return_val_if_reached ("r.country");
    }
}

char *
_atlas_query_group_label (AtlasGroupBy  by,
             const char   *key)
{
  switch (by)
    {
    case ATLAS_GROUP_EXPERIENCE:
      return g_strdup (atlas_experience_label (key));
    case ATLAS_GROUP_REGION:
      return g_strdup (atlas_money_country_name (key));
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      return _atlas_filter_band_label (key);
    case ATLAS_GROUP_COMPANY:
    case ATLAS_GROUP_YEAR:
    case ATLAS_GROUP_ROLE:
    default:
      return g_strdup (key);
    }
}

/* Records of sort order within a region. */
static int
group_rank (AtlasGroupBy  by,
            const char   *key)
{
  if (by == ATLAS_GROUP_EXPERIENCE)
    {
      int rank = _atlas_experience_rank (key);

      if (rank >= 0)
        return rank;
    }
  else if (by == ATLAS_GROUP_ROLE)
    {
      const char * const *families = atlas_roles_list_families (atlas_roles_get_default ());

      for (guint i = 0; families[i] != NULL; i++)
        if (g_str_equal (key, families[i]))
          return i;
      return 1000;
    }
  else if (by == ATLAS_GROUP_YEAR)
    return atoi (key);
  else if (by == ATLAS_GROUP_EXPERIENCE_YEARS)
    return _atlas_filter_band_rank (key);

  return 0;
}

static int
region_rank (const AtlasFilter *filter,
             const char        *region)
{
  if (_atlas_strv_is_set (filter->regions))
    for (guint i = 0; filter->regions[i] != NULL; i++)
      if (g_ascii_strcasecmp (filter->regions[i], region) == 0)
        return i;
  return G_MAXINT;
}

typedef struct
{
  const AtlasFilter *filter;
  AtlasGroupBy       by;
} SortContext;

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortContext *ctx = user_data;
  const AtlasGroup *x = *(AtlasGroup * const *) a;
  const AtlasGroup *y = *(AtlasGroup * const *) b;
  int rx = region_rank (ctx->filter, x->region);
  int ry = region_rank (ctx->filter, y->region);
  int cmp;

  if (rx != ry)
    return rx < ry ? -1 : 1;
  if ((cmp = g_strcmp0 (x->region, y->region)) != 0)
    return cmp;

  if (ctx->by == ATLAS_GROUP_COMPANY || ctx->by == ATLAS_GROUP_REGION)
    {
      /* Highest median first; ties by name, for stable output. */
      if (x->summary.median != y->summary.median)
        return x->summary.median > y->summary.median ? -1 : 1;
      return g_strcmp0 (x->key, y->key);
    }

  rx = group_rank (ctx->by, x->key);
  ry = group_rank (ctx->by, y->key);
  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

void
_atlas_query_sort_groups (AtlasQueryResult  *result,
                          const AtlasFilter *filter)
{
  SortContext ctx = { filter, result->by };

  g_ptr_array_sort_with_data (result->groups, compare_groups, &ctx);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_source_names (AtlasQueryResult *result,
                   GHashTable       *source_names,
                   GHashTable       *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = g_hash_table_lookup (source_names, key);

      if (name != NULL)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (GStrv) names->pdata);
}

/* "base+total" for a mask of bases. */
static char *
describe_bases (guint mask)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = ATLAS_PAY_BASIS_UNKNOWN; i <= ATLAS_PAY_BASIS_TOTAL; i++)
    if (mask & (1u << i))
      g_ptr_array_add (names, (gpointer) atlas_pay_basis_to_string (i));
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("+", (GStrv) names->pdata);
}

static void
set_group_bases (AtlasGroup *group,
                 guint       mask)
{
  group->bases = describe_bases (mask);
  group->pooled_bases = (mask & (mask - 1)) != 0;
  group->pay_basis = ATLAS_PAY_BASIS_UNKNOWN;
  if (!group->pooled_bases)
    for (guint i = ATLAS_PAY_BASIS_UNKNOWN; i <= ATLAS_PAY_BASIS_TOTAL; i++)
      if (mask == (1u << i))
        group->pay_basis = i;
}

static int
compare_runs (const void *a,
              const void *b)
{
  double x = ((const Run *) a)->value, y = ((const Run *) b)->value;

  return (x > y) - (x < y);
}

/* The sorted values of @runs: sorting runs (fewer than the values when
 * cells pool records) then writing each value n times. */
static double *
expand_runs (GArray *runs,
             gint64  n)
{
  double *values = g_new (double, MAX (n, 1));
  gsize k = 0;

  qsort (runs->data, runs->len, sizeof (Run), compare_runs);
  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);

      for (gint64 j = 0; j < run->n; j++)
        values[k++] = run->value;
    }
  g_assert (k == (gsize) n);

  return values;
}

/* The name a company's records are grouped under: the company the user
 * merged it into, if any (curation).  Looked up once per company id of
 * the rows read, not once per row. */
typedef struct
{
  sqlite3_stmt *stmt;
  GHashTable   *names;   /* gint64* company id -> char* name, or NULL */
} CompanyNames;

static void
company_names_clear (CompanyNames *names)
{
  g_clear_pointer (&names->stmt, sqlite3_finalize);
  g_clear_pointer (&names->names, g_hash_table_unref);
}

static const char *
company_names_lookup (CompanyNames  *names,
                      AtlasStore    *store,
                      gint64         company_id,
                      GError       **error)
{
  gpointer name = NULL;
  gint64 *key;

  if (names->names == NULL)
    names->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  else if (g_hash_table_lookup_extended (names->names, &company_id, NULL, &name))
    return name;

  if (names->stmt == NULL)
    {
      names->stmt = atlas_store_prepare (store,
                                         "SELECT display_name FROM companies WHERE id ="
                                         " (SELECT canonical_id FROM company_canonical"
                                         "  WHERE company_id = ?)",
                                         error);
      if (names->stmt == NULL)
        return NULL;
    }
  sqlite3_reset (names->stmt);
  sqlite3_bind_int64 (names->stmt, 1, company_id);
  switch (sqlite3_step (names->stmt))
    {
    case SQLITE_ROW:
      name = g_strdup ((const char *) sqlite3_column_text (names->stmt, 0));
      break;
    case SQLITE_DONE:
      break;
    default:
      atlas_store_set_error (store, error, _("reading companies"));
      return NULL;
    }

  key = g_new (gint64, 1);
  *key = company_id;
  g_hash_table_insert (names->names, key, name);

  return name;
}

static gboolean use_cells = TRUE;

void
_atlas_query_set_use_cells (gboolean use)
{
  use_cells = use;
}

AtlasQueryRead
_atlas_query_choose_read (AtlasStore        *store,
                          const AtlasFilter *filter,
                          AtlasGroupBy       by)
{
  /* Cells have no titles; and while an exclusion waits to be applied to
   * them (never past a curation action's commit), the records say more. */
  if (!use_cells || (filter->title != NULL && *filter->title != '\0') ||
      !_atlas_store_cells_current (store))
    return ATLAS_QUERY_READ_RECORDS;
  if (by == ATLAS_GROUP_COMPANY || by == ATLAS_GROUP_EXPERIENCE_YEARS ||
      (filter->company != NULL && *filter->company != '\0') ||
      filter->experience_years_min > 0 || filter->experience_years_max > 0)
    return ATLAS_QUERY_READ_CELLS;
  return ATLAS_QUERY_READ_CELLS_COARSE;
}

gboolean
_atlas_query_records (AtlasStore        *store,
               AtlasRates        *rates,
               const AtlasFilter *filter,
               GHashTable        *infos,
               AtlasQueryResult  *result,
               GError           **error)
{
  guint n_bands = 0;
  const double *bands = _atlas_filter_bands (filter, &n_bands);
  const QuerySourceInfo *info = NULL;
  char band_buf[64];
  QueryBuilder b = { g_string_new (NULL), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, accumulator_free);
  g_autoptr(GHashTable) all_source_ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) source_names = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *mode_name = result->mode == ATLAS_CURRENCY_MODE_PPP ? "PPP" : "FX";
  CompanyNames company_names = { NULL, NULL };
  Accumulator *last = NULL;
  Accumulator *last_source_acc = NULL;
  gint64 last_source_id = 0;
  AtlasQueryRead read;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;
  int rc;

  read = _atlas_query_choose_read (store, filter, result->by);
  if (read == ATLAS_QUERY_READ_RECORDS)
    g_string_append_printf (b.sql,
                            "SELECT r.country, %s, r.amount, r.currency, r.amount_usd, r.year,"
                            " r.weight, r.source_id,"
                            " r.uid IN (SELECT uid FROM curation_exclusions), 1"
                            " FROM records r WHERE 1",
                            group_column (result->by));
  else
    g_string_append_printf (b.sql,
                            "SELECT r.country, %s, r.amount, r.currency, r.amount_usd, r.year,"
                            " r.weight, r.source_id, r.excluded, r.n FROM %s r WHERE 1",
                            group_column (result->by),
                            read == ATLAS_QUERY_READ_CELLS ? "record_cells" : "record_cells_coarse");
  _atlas_query_builder_add_filter (&b, filter, "r", TRUE, infos, TRUE);

  stmt = _atlas_query_builder_prepare (&b, store, error);
  _atlas_query_builder_clear (&b);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *country = (const char *) sqlite3_column_text (stmt, 0);
      const char *key;
      const char *currency = (const char *) sqlite3_column_text (stmt, 3);
      int year = sqlite3_column_int (stmt, 5);
      double amount_usd = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4);
      gint64 source_id = sqlite3_column_int64 (stmt, 7);
      gint64 n = sqlite3_column_int64 (stmt, 9);
      char group_key[512];
      Accumulator *acc;
      double converted;

      /* Excluded by the user: counted, so that captions can say so. */
      if (sqlite3_column_int (stmt, 8))
        {
          result->n_excluded += n;
          continue;
        }

      result->n_records += n;

      if (result->by == ATLAS_GROUP_EXPERIENCE_YEARS)
        {
          int band = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 :
            _atlas_filter_band_index (bands, n_bands, sqlite3_column_double (stmt, 1));

          key = NULL;
          if (band >= 0)
            {
              _atlas_filter_band_key (bands, n_bands, band, band_buf, sizeof band_buf);
              key = band_buf;
            }
        }
      else if (result->by == ATLAS_GROUP_COMPANY)
        {
          g_autoptr(GError) local_error = NULL;

          key = NULL;
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            key = company_names_lookup (&company_names, store, sqlite3_column_int64 (stmt, 1),
                                        &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              sqlite3_finalize (stmt);
              company_names_clear (&company_names);
              return FALSE;
            }
        }
      else
        key = (const char *) sqlite3_column_text (stmt, 1);

      /* Rows without a value for the grouping (no level, no employer) do
       * not belong to any group. */
      if (key == NULL)
        {
          result->n_without_group += n;
          continue;
        }

      if (!atlas_rates_convert (rates, result->mode, country, year,
                                sqlite3_column_double (stmt, 2), currency, amount_usd, &converted))
        {
          result->n_without_factor += n;
          _atlas_query_add_missing_factor (missing, mode_name,
                              result->mode == ATLAS_CURRENCY_MODE_PPP ? country : currency, year);
          continue;
        }

      /* Rows come in index order, so most rows fall into the same group as
       * the row before: skip the key formatting and hash look-up for them. */
      if (last != NULL && g_str_equal (country, last->group->region) && g_str_equal (key, last->group->key))
        acc = last;
      else
        {
          g_snprintf (group_key, sizeof group_key, "%s\x1f%s", country, key);
          acc = g_hash_table_lookup (groups, group_key);
        }
      if (acc == NULL)
        {
          acc = g_new0 (Accumulator, 1);
          acc->group = g_new0 (AtlasGroup, 1);
          acc->group->region = g_strdup (country);
          acc->group->key = g_strdup (key);
          acc->group->label = _atlas_query_group_label (result->by, key);
          acc->group->currency = g_strdup (atlas_rates_display_currency (result->mode, country));
          acc->group->origin = ATLAS_GROUP_FROM_RECORDS;
          acc->runs = g_array_new (FALSE, FALSE, sizeof (Run));
          acc->source_ids = g_hash_table_new (NULL, NULL);
          acc->group->year_from = G_MAXINT;
          g_hash_table_insert (groups, g_strdup (group_key), acc);
        }

      if (info == NULL || info->id != source_id)
        info = g_hash_table_lookup (infos, &source_id);
      if (info != NULL)
        {
          int from = info->period_from != 0 ? info->period_from : year;

          acc->bases |= 1u << info->basis;
          acc->group->year_from = MIN (acc->group->year_from, from);
        }
      acc->group->year_to = MAX (acc->group->year_to, year);

      last = acc;
      /* Equal values in a row (cells and rows come in index order) make
       * one run. */
      if (acc->runs->len > 0 && g_array_index (acc->runs, Run, acc->runs->len - 1).value == converted)
        g_array_index (acc->runs, Run, acc->runs->len - 1).n += n;
      else
        {
          Run run = { converted, n };

          g_array_append_val (acc->runs, run);
        }
      acc->n += n;
      acc->group->weight += sqlite3_column_int64 (stmt, 6);
      /* Sources change rarely from one row to the next. */
      if (acc != last_source_acc || source_id != last_source_id)
        {
          g_hash_table_add (acc->source_ids, GSIZE_TO_POINTER (source_id));
          g_hash_table_add (all_source_ids, GSIZE_TO_POINTER (source_id));
          last_source_acc = acc;
          last_source_id = source_id;
        }
    }
  company_names_clear (&company_names);
  if (rc != SQLITE_DONE)
    atlas_store_set_error (store, error, _("reading records"));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  if (!_atlas_query_load_sources (store, result, all_source_ids, error))
    return FALSE;

  for (guint i = 0; i < result->sources->len; i++)
    {
      AtlasQuerySource *source = g_ptr_array_index (result->sources, i);
      g_hash_table_insert (source_names,
                           GSIZE_TO_POINTER (atlas_sources_find_id (store, source->name)),
                           source->name);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Accumulator *acc = value;
      AtlasGroup *group = g_steal_pointer (&acc->group);

      group->n_values = acc->n;
      group->values = expand_runs (acc->runs, acc->n);
      atlas_stats_summarise_sorted (group->values, group->n_values, &group->summary);
      group->small_sample = group->summary.n < result->small_sample_threshold;
      group->sources = join_source_names (result, source_names, acc->source_ids);
      group->years_min = NAN;
      if (group->year_from == G_MAXINT)
        group->year_from = group->year_to;
      set_group_bases (group, acc->bases);
      result->pooled_bases |= group->pooled_bases;
      g_ptr_array_add (result->groups, group);
    }

  result->missing_factors = _atlas_query_describe_missing (missing);

  return TRUE;
}

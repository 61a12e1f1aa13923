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

#include "atlas-query-cache.h"
#include "atlas-query-private.h"
#include "atlas-rates.h"
#include "atlas-roles.h"
#include "atlas-sources.h"
#include "atlas-store-cells.h"
#include "atlas-store-private.h"

typedef struct
{
  AtlasGroup *group;
  GArray     *runs;       /* AtlasStatsRun: n equal values */
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

/* The sorted values of @runs (sorted in place): each value written n
 * times. */
static double *
expand_runs (GArray *runs,
             gint64  n)
{
  double *values = g_new (double, MAX (n, 1));
  gsize k = 0;

  atlas_stats_sort_runs ((AtlasStatsRun *) (void *) runs->data, runs->len);
  for (guint i = 0; i < runs->len; i++)
    {
      const AtlasStatsRun *run = &g_array_index (runs, AtlasStatsRun, i);

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
  /* While an exclusion waits to be applied to the cells (never past a
   * curation action's commit), the records say more. */
  if (!_atlas_store_cells_current (store))
    return ATLAS_QUERY_READ_RECORDS;
  return atlas_query_read_key (filter, by);
}

guint
atlas_query_read_key (const AtlasFilter *filter,
                      AtlasGroupBy       by)
{
  g_return_val_if_fail (filter != NULL, ATLAS_QUERY_READ_RECORDS);

  /* Cells have no titles. */
  if (!use_cells || (filter->title != NULL && *filter->title != '\0'))
    return ATLAS_QUERY_READ_RECORDS;
  if (by == ATLAS_GROUP_COMPANY || by == ATLAS_GROUP_EXPERIENCE_YEARS ||
      (filter->company != NULL && *filter->company != '\0') ||
      filter->experience_years_min > 0 || filter->experience_years_max > 0)
    return ATLAS_QUERY_READ_CELLS;
  return ATLAS_QUERY_READ_CELLS_COARSE;
}

/* What the statistics read of a record or cell, in AtlasCellRow's order;
 * the coarse cells have no company and no years of experience. */
static const char * const read_sql[] = {
  [ATLAS_QUERY_READ_RECORDS] =
    "SELECT r.country, r.experience, r.role_family, r.year, r.currency, r.company_id,"
    " r.years_experience, r.uid IN (SELECT uid FROM curation_exclusions), r.amount,"
    " r.amount_usd, 1, r.weight, r.source_id FROM records r WHERE 1",
  [ATLAS_QUERY_READ_CELLS] =
    "SELECT r.country, r.experience, r.role_family, r.year, r.currency, r.company_id,"
    " r.years_experience, r.excluded, r.amount, r.amount_usd, r.n, r.weight, r.source_id"
    " FROM record_cells r WHERE 1",
  [ATLAS_QUERY_READ_CELLS_COARSE] =
    "SELECT r.country, r.experience, r.role_family, r.year, r.currency, NULL, NULL,"
    " r.excluded, r.amount, r.amount_usd, r.n, r.weight, r.source_id"
    " FROM record_cells_coarse r WHERE 1",
};

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static void
row_from_statement (AtlasCellRow *row,
                    sqlite3_stmt *stmt)
{
  row->country = (const char *) sqlite3_column_text (stmt, 0);
  row->experience = (const char *) sqlite3_column_text (stmt, 1);
  row->role_family = (const char *) sqlite3_column_text (stmt, 2);
  row->year = sqlite3_column_int (stmt, 3);
  row->currency = (const char *) sqlite3_column_text (stmt, 4);
  /* Ids start at 1. */
  row->company_id = sqlite3_column_int64 (stmt, 5);
  row->years_experience = column_double_or_nan (stmt, 6);
  row->excluded = sqlite3_column_int (stmt, 7) != 0;
  row->amount = sqlite3_column_double (stmt, 8);
  row->amount_usd = column_double_or_nan (stmt, 9);
  row->n = sqlite3_column_int64 (stmt, 10);
  row->weight = sqlite3_column_int64 (stmt, 11);
  row->source_id = sqlite3_column_int64 (stmt, 12);
}

/* One query's accumulation, row after row. */
typedef struct
{
  AtlasStore            *store;
  AtlasRates            *rates;
  GHashTable            *infos;
  AtlasQueryResult      *result;
  AtlasQueryRead         read;
  gboolean               with_values;
  const double          *bands;
  guint                  n_bands;
  const char            *mode_name;
  GHashTable            *groups;
  GHashTable            *all_source_ids;
  GHashTable            *missing;
  CompanyNames           company_names;
  Accumulator           *last;
  Accumulator           *last_source_acc;
  gint64                 last_source_id;
  const QuerySourceInfo *info;
} Reader;

static gboolean
reader_add (Reader             *rd,
            const AtlasCellRow *row,
            GError            **error)
{
  AtlasQueryResult *result = rd->result;
  const char *key;
  char key_buf[64];
  char group_key[512];
  Accumulator *acc;
  double converted;

  /* Excluded by the user: counted, so that captions can say so. */
  if (row->excluded)
    {
      result->n_excluded += row->n;
      return TRUE;
    }

  result->n_records += row->n;

  switch (result->by)
    {
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      {
        int band = isnan (row->years_experience) ? -1 :
          _atlas_filter_band_index (rd->bands, rd->n_bands, row->years_experience);

        key = NULL;
        if (band >= 0)
          {
            _atlas_filter_band_key (rd->bands, rd->n_bands, band, key_buf, sizeof key_buf);
            key = key_buf;
          }
      }
      break;
    case ATLAS_GROUP_COMPANY:
      {
        g_autoptr(GError) local_error = NULL;

        key = NULL;
        if (row->company_id != 0)
          key = company_names_lookup (&rd->company_names, rd->store, row->company_id, &local_error);
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
      }
      break;
    case ATLAS_GROUP_REGION:
      key = row->country;
      break;
    case ATLAS_GROUP_YEAR:
      g_snprintf (key_buf, sizeof key_buf, "%d", row->year);
      key = key_buf;
      break;
    case ATLAS_GROUP_ROLE:
      key = row->role_family;
      break;
    case ATLAS_GROUP_EXPERIENCE:
    default:
      key = row->experience;
      break;
    }

  /* Rows without a value for the grouping (no level, no employer) do
   * not belong to any group. */
  if (key == NULL)
    {
      result->n_without_group += row->n;
      return TRUE;
    }

  if (!atlas_rates_convert (rd->rates, result->mode, row->country, row->year,
                            row->amount, row->currency, row->amount_usd, &converted))
    {
      result->n_without_factor += row->n;
      _atlas_query_add_missing_factor (rd->missing, rd->mode_name,
                                       result->mode == ATLAS_CURRENCY_MODE_PPP ? row->country
                                                                               : row->currency,
                                       row->year);
      return TRUE;
    }

  /* Rows come in index order, so most rows fall into the same group as
   * the row before: skip the key formatting and hash look-up for them. */
  acc = NULL;
  if (rd->last != NULL && g_str_equal (row->country, rd->last->group->region) &&
      g_str_equal (key, rd->last->group->key))
    acc = rd->last;
  else
    {
      g_snprintf (group_key, sizeof group_key, "%s\x1f%s", row->country, key);
      acc = g_hash_table_lookup (rd->groups, group_key);
    }
  if (acc == NULL)
    {
      acc = g_new0 (Accumulator, 1);
      acc->group = g_new0 (AtlasGroup, 1);
      acc->group->region = g_strdup (row->country);
      acc->group->key = g_strdup (key);
      acc->group->label = _atlas_query_group_label (result->by, key);
      acc->group->currency = g_strdup (atlas_rates_display_currency (result->mode, row->country));
      acc->group->origin = ATLAS_GROUP_FROM_RECORDS;
      acc->runs = g_array_new (FALSE, FALSE, sizeof (AtlasStatsRun));
      acc->source_ids = g_hash_table_new (NULL, NULL);
      acc->group->year_from = G_MAXINT;
      g_hash_table_insert (rd->groups, g_strdup (group_key), acc);
    }

  if (rd->info == NULL || rd->info->id != row->source_id)
    rd->info = g_hash_table_lookup (rd->infos, &row->source_id);
  if (rd->info != NULL)
    {
      int from = rd->info->period_from != 0 ? rd->info->period_from : row->year;

      acc->bases |= 1u << rd->info->basis;
      acc->group->year_from = MIN (acc->group->year_from, from);
    }
  acc->group->year_to = MAX (acc->group->year_to, row->year);

  rd->last = acc;
  /* Equal values in a row (cells and rows come in index order) make
   * one run. */
  if (acc->runs->len > 0 && g_array_index (acc->runs, AtlasStatsRun, acc->runs->len - 1).value == converted)
    g_array_index (acc->runs, AtlasStatsRun, acc->runs->len - 1).n += row->n;
  else
    {
      AtlasStatsRun run = { converted, row->n };

      g_array_append_val (acc->runs, run);
    }
  acc->n += row->n;
  acc->group->weight += row->weight;
  /* Sources change rarely from one row to the next. */
  if (acc != rd->last_source_acc || row->source_id != rd->last_source_id)
    {
      g_hash_table_add (acc->source_ids, GSIZE_TO_POINTER (row->source_id));
      g_hash_table_add (rd->all_source_ids, GSIZE_TO_POINTER (row->source_id));
      rd->last_source_acc = acc;
      rd->last_source_id = row->source_id;
    }

  return TRUE;
}

/* Reads what @filter selects from the table @read names into each of the
 * @n_readers readers (queries that read the same rows: one pass for all):
 * from @cache when it has the same selection, else from the database (and
 * then into @cache, if any). */
static gboolean
reader_read (Reader             **readers,
             guint                n_readers,
             AtlasQueryRead       read,
             const AtlasFilter   *filter,
             AtlasQueryCache     *cache,
             GError             **error)
{
  AtlasStore *store = readers[0]->store;
  QueryBuilder b = { g_string_new (read_sql[read]), g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  /* The infos are the same for every reader (one query's sources). */
  _atlas_query_builder_add_filter (&b, filter, "r", TRUE, readers[0]->infos, TRUE);

  if (cache != NULL)
    {
      g_autoptr(GString) k = g_string_new (b.sql->str);
      const AtlasCellRow *rows = NULL;
      gsize n_rows = 0;

      for (guint i = 0; i < b.params->len; i++)
        {
          g_string_append_c (k, '\x1f');
          g_string_append (k, g_ptr_array_index (b.params, i));
        }
      key = g_string_free (g_steal_pointer (&k), FALSE);
      if (_atlas_query_cache_lookup (cache, key, &rows, &n_rows))
        {
          _atlas_query_builder_clear (&b);
          for (gsize i = 0; i < n_rows && ok; i++)
            for (guint r = 0; r < n_readers && ok; r++)
              ok = reader_add (readers[r], &rows[i], error);
          return ok;
        }
    }

  stmt = _atlas_query_builder_prepare (&b, store, error);
  _atlas_query_builder_clear (&b);
  if (stmt == NULL)
    return FALSE;

  if (cache != NULL)
    _atlas_query_cache_begin (cache, key);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AtlasCellRow row;

      row_from_statement (&row, stmt);
      if (cache != NULL)
        _atlas_query_cache_add (cache, &row);
      for (guint r = 0; r < n_readers && ok; r++)
        ok = reader_add (readers[r], &row, error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading records"));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);

  if (cache != NULL && ok)
    _atlas_query_cache_commit (cache);
  else if (cache != NULL)
    _atlas_query_cache_abandon (cache);

  return ok;
}

static void
reader_clear (Reader *rd)
{
  company_names_clear (&rd->company_names);
  g_clear_pointer (&rd->groups, g_hash_table_unref);
  g_clear_pointer (&rd->all_source_ids, g_hash_table_unref);
  g_clear_pointer (&rd->missing, g_hash_table_unref);
}

/* The groups of @rd's query, their values sorted (or, without values,
 * their runs) and summarised, into its result. */
static gboolean
reader_finish (Reader  *rd,
               GError **error)
{
  AtlasQueryResult *result = rd->result;
  g_autoptr(GHashTable) source_names = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;

  if (!_atlas_query_load_sources (rd->store, result, rd->all_source_ids, error))
    return FALSE;

  for (guint i = 0; i < result->sources->len; i++)
    {
      AtlasQuerySource *source = g_ptr_array_index (result->sources, i);
      g_hash_table_insert (source_names,
                           GSIZE_TO_POINTER (atlas_sources_find_id (rd->store, source->name)),
                           source->name);
    }

  g_hash_table_iter_init (&iter, rd->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Accumulator *acc = value;
      AtlasGroup *group = g_steal_pointer (&acc->group);

      if (rd->with_values)
        {
          group->n_values = acc->n;
          group->values = expand_runs (acc->runs, acc->n);
          atlas_stats_summarise_sorted (group->values, group->n_values, &group->summary);
        }
      else
        {
          /* The same summary, without writing out (and faulting in) an
           * array of every value. */
          atlas_stats_sort_runs ((AtlasStatsRun *) (void *) acc->runs->data, acc->runs->len);
          atlas_stats_summarise_runs ((const AtlasStatsRun *) (const void *) acc->runs->data,
                                      acc->runs->len, &group->summary);
        }
      group->small_sample = group->summary.n < result->small_sample_threshold;
      group->sources = join_source_names (result, source_names, acc->source_ids);
      group->years_min = NAN;
      if (group->year_from == G_MAXINT)
        group->year_from = group->year_to;
      set_group_bases (group, acc->bases);
      result->pooled_bases |= group->pooled_bases;
      g_ptr_array_add (result->groups, group);
    }

  result->missing_factors = _atlas_query_describe_missing (rd->missing);

  return TRUE;
}

gboolean
_atlas_query_records (AtlasStore         *store,
                      AtlasRates         *rates,
                      const AtlasFilter  *filter,
                      GHashTable         *infos,
                      AtlasQueryResult  **results,
                      const gboolean     *with_values,
                      guint               n_results,
                      GError            **error)
{
  g_autofree Reader *rds = g_new0 (Reader, n_results);
  g_autofree Reader **same = g_new0 (Reader *, n_results);
  g_autofree gboolean *done = g_new0 (gboolean, n_results);
  gboolean ok = TRUE;

  for (guint i = 0; i < n_results; i++)
    {
      Reader *rd = &rds[i];

      rd->store = store;
      rd->rates = rates;
      rd->infos = infos;
      rd->result = results[i];
      rd->with_values = with_values == NULL || with_values[i];
      rd->mode_name = results[i]->mode == ATLAS_CURRENCY_MODE_PPP ? "PPP" : "FX";
      rd->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, accumulator_free);
      rd->all_source_ids = g_hash_table_new (NULL, NULL);
      rd->missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      rd->bands = _atlas_filter_bands (filter, &rd->n_bands);
      rd->read = _atlas_query_choose_read (store, filter, results[i]->by);
    }

  /* The queries that read the same table read it together. */
  for (guint i = 0; i < n_results && ok; i++)
    {
      AtlasQueryCache *cache = NULL;
      guint n_same = 0;

      if (done[i])
        continue;
      for (guint j = i; j < n_results; j++)
        if (!done[j] && rds[j].read == rds[i].read)
          {
            same[n_same++] = &rds[j];
            done[j] = TRUE;
          }

      if (rds[i].read != ATLAS_QUERY_READ_RECORDS)
        cache = _atlas_query_cache_for_store (store);

      if (cache != NULL && _atlas_strv_is_set (filter->regions))
        {
          /* Region by region: the next filter mostly keeps some of them. */
          g_autoptr(AtlasFilter) one = atlas_filter_copy (filter);
          g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          g_strfreev (one->regions);
          one->regions = g_new0 (char *, 2);
          for (guint r = 0; filter->regions[r] != NULL && ok; r++)
            {
              char *region = g_ascii_strup (filter->regions[r], -1);

              if (!g_hash_table_add (seen, region))
                continue;
              g_free (one->regions[0]);
              one->regions[0] = g_strdup (region);
              ok = reader_read (same, n_same, rds[i].read, one, cache, error);
            }
        }
      else
        ok = reader_read (same, n_same, rds[i].read, filter, cache, error);
    }

  for (guint i = 0; i < n_results; i++)
    {
      if (ok)
        ok = reader_finish (&rds[i], error);
      reader_clear (&rds[i]);
    }

  return ok;
}

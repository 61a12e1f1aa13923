/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-figures.c: groups from curated figures when no record
 * matches: which figure answers which group (levels, bands of years,
 * companies, regions, years, roles), which source covers a group best, and
 * the conversion of published values into the currency mode. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-query-private.h"
#include "atlas-rates.h"
#include "atlas-sources.h"
#include "atlas-store-private.h"

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GPtrArray *
query_figures_full (AtlasStore         *store,
                    const AtlasFilter  *filter,
                    gboolean            quoted_only,
                    gboolean            with_years,
                    GError            **error)
{
  QueryBuilder b = { g_string_new (NULL), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_figure_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  g_string_append (b.sql,
                   "SELECT s.name, f.role_family, f.job_title, f.country,"
                   " (SELECT display_name FROM companies WHERE id ="
                   "  (SELECT canonical_id FROM company_canonical WHERE company_id = f.company_id)),"
                   " f.experience, f.year, f.currency, f.p25, f.median, f.p75, f.mean, f.n,"
                   " f.statistic, f.citation, f.url, f.licence, f.retrieved, f.note, f.uid,"
                   " f.pay_basis, f.min, f.max, f.years_min, f.years_max, f.year_from"
                   " FROM figures f JOIN sources s ON s.id = f.source_id"
                   " WHERE f.uid NOT IN (SELECT uid FROM curation_exclusions)");
  _atlas_query_builder_add_filter (&b, filter, "f", FALSE, NULL, with_years);
  if (quoted_only)
    g_string_append (b.sql, " AND f.n IS NULL");
  g_string_append (b.sql, " ORDER BY f.country, f.role_family, f.experience, f.id");

  stmt = _atlas_query_builder_prepare (&b, store, error);
  _atlas_query_builder_clear (&b);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AtlasFigure *f = g_new0 (AtlasFigure, 1);

      f->source = column_strdup (stmt, 0);
      f->role_family = column_strdup (stmt, 1);
      f->job_title = column_strdup (stmt, 2);
      f->country = column_strdup (stmt, 3);
      f->company = column_strdup (stmt, 4);
      f->experience = column_strdup (stmt, 5);
      f->year = sqlite3_column_int (stmt, 6);
      f->currency = column_strdup (stmt, 7);
      f->p25 = column_double_or_nan (stmt, 8);
      f->median = column_double_or_nan (stmt, 9);
      f->p75 = column_double_or_nan (stmt, 10);
      f->mean = column_double_or_nan (stmt, 11);
      f->n = sqlite3_column_int64 (stmt, 12);
      f->statistic = column_strdup (stmt, 13);
      f->citation = column_strdup (stmt, 14);
      f->url = column_strdup (stmt, 15);
      f->licence = column_strdup (stmt, 16);
      f->retrieved = column_strdup (stmt, 17);
      f->note = column_strdup (stmt, 18);
      f->uid = column_strdup (stmt, 19);
      atlas_pay_basis_from_string ((const char *) sqlite3_column_text (stmt, 20), &f->pay_basis);
      f->min = sqlite3_column_double (stmt, 21);
      f->max = sqlite3_column_double (stmt, 22);
      f->has_years = sqlite3_column_type (stmt, 23) != SQLITE_NULL;
      f->years_min = column_double_or_nan (stmt, 23);
      f->years_max = column_double_or_nan (stmt, 24);
      f->year_from = sqlite3_column_int (stmt, 25);
      g_ptr_array_add (figures, f);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading figures"));
      return NULL;
    }

  return g_steal_pointer (&figures);
}

GPtrArray *
atlas_query_figures (AtlasStore         *store,
                     const AtlasFilter  *filter,
                     gboolean            quoted_only,
                     GError            **error)
{
  return query_figures_full (store, filter, quoted_only, TRUE, error);
}

/* A figure for one band of years of experience, without an employer,
 * answers for that band when the bands in effect have it. */
static const char *
figure_band_key (const AtlasFigure *f,
                 const AtlasFilter *filter,
                 char              *buf,
                 gsize              len)
{
  guint n_bands;
  const double *bands = _atlas_filter_bands (filter, &n_bands);
  int band;

  if (!f->has_years || f->company != NULL || f->experience != NULL)
    return NULL;
  band = _atlas_filter_band_index (bands, n_bands, f->years_min);
  if (band < 0 || bands[band] != f->years_min)
    return NULL;
  if ((guint) band + 1 < n_bands ? f->years_max != bands[band + 1] : !isnan (f->years_max))
    return NULL;
  _atlas_filter_band_key (bands, n_bands, band, buf, len);
  return buf;
}

static const char *
figure_group_key (const AtlasFigure *f,
                  const AtlasFilter *filter,
                  AtlasGroupBy       by,
                  char              *buf,
                  gsize              len)
{
  switch (by)
    {
    case ATLAS_GROUP_EXPERIENCE_YEARS:
      return figure_band_key (f, filter, buf, len);
    case ATLAS_GROUP_EXPERIENCE:
      /* Per-level figures of all employers. */
      return f->company == NULL ? f->experience : NULL;
    case ATLAS_GROUP_COMPANY:
      return f->experience == NULL ? f->company : NULL;
    case ATLAS_GROUP_REGION:
      return f->experience == NULL && f->company == NULL && !f->has_years ? f->country : NULL;
    case ATLAS_GROUP_YEAR:
      /* A figure of a period (levels.fyi's 2017–2021) is no year's. */
      if (f->year == 0 || f->company != NULL || f->experience != NULL || f->has_years ||
          (f->year_from != 0 && f->year_from != f->year))
        return NULL;
      g_snprintf (buf, len, "%d", f->year);
      return buf;
    case ATLAS_GROUP_ROLE:
      return f->company == NULL && f->experience == NULL && !f->has_years ? f->role_family : NULL;
    default:
      return NULL;
    }
}

/* Converts a figure's value into the mode; a figure already in the display
 * currency (e.g. curated "intl$" figures for PPP) is taken as it is. */
static gboolean
convert_figure_value (AtlasRates        *rates,
                      AtlasCurrencyMode  mode,
                      const AtlasFigure *f,
                      double             value,
                      double            *out)
{
  if (isnan (value) ||
      g_strcmp0 (f->currency, atlas_rates_display_currency (mode, f->country)) == 0)
    {
      *out = value;
      return TRUE;
    }

  return atlas_rates_convert (rates, mode, f->country, f->year, value, f->currency,
                              g_strcmp0 (f->currency, "USD") == 0 ? value : NAN, out);
}

/* The group a figure answers for this query, or NULL. */
static const char *
figure_query_key (const AtlasFigure *f,
                  const AtlasFilter *filter,
                  AtlasGroupBy       by,
                  char              *buf,
                  gsize              len,
                  char              *group_key,
                  gsize              group_key_len)
{
  const char *key;

  /* Quoted figures (no n) are citations, not groups. */
  if (f->n <= 0)
    return NULL;

  /* A figure with a role family answers a role filter; without a role
   * filter only role-free figures answer, except when grouping by role or
   * listing companies. */
  if ((filter->role == NULL || *filter->role == '\0') && f->role_family != NULL &&
      by != ATLAS_GROUP_ROLE && by != ATLAS_GROUP_COMPANY)
    return NULL;

  key = figure_group_key (f, filter, by, buf, len);
  if (key != NULL)
    g_snprintf (group_key, group_key_len, "%s\x1f%s", f->country, key);

  return key;
}

typedef struct
{
  GHashTable *n_by_region;   /* region -> largest n (GINT_TO_POINTER) */
} Coverage;

static void
coverage_free (gpointer data)
{
  Coverage *c = data;

  g_hash_table_unref (c->n_by_region);
  g_free (c);
}

/* How well a source answers one group across regions: the number of
 * regions it has a figure for, then the smallest n among them. */
static double
coverage_score (const Coverage *c)
{
  GHashTableIter iter;
  gpointer value;
  double min_n = G_MAXDOUBLE;

  g_hash_table_iter_init (&iter, c->n_by_region);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    min_n = MIN (min_n, (double) GPOINTER_TO_INT (value));
  return g_hash_table_size (c->n_by_region) * 1e12 + min_n;
}

/* Keeps, for each group, only the figures of one source: the one that
 * best covers every region of that group (most regions, then the largest
 * smallest n), so that the US and India are compared on one source, basis
 * and period where one has both (levels.fyi), never a US survey against
 * an Indian aggregator without need. */
static void
choose_figure_sources (GPtrArray         *figures,
                       const AtlasFilter *filter,
                       AtlasGroupBy       by)
{
  g_autoptr(GHashTable) coverage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, coverage_free);
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) best_score = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, by, buf, sizeof buf, group_key, sizeof group_key);
      g_autofree char *cover_key = NULL;
      Coverage *c;
      int old;

      if (key == NULL)
        continue;
      /* Grouped by region, the group is the region: one coverage. */
      cover_key = g_strdup_printf ("%s\x1f%s", f->source, by == ATLAS_GROUP_REGION ? "" : key);
      c = g_hash_table_lookup (coverage, cover_key);
      if (c == NULL)
        {
          c = g_new0 (Coverage, 1);
          c->n_by_region = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (coverage, g_steal_pointer (&cover_key), c);
        }
      old = GPOINTER_TO_INT (g_hash_table_lookup (c->n_by_region, f->country));
      g_hash_table_insert (c->n_by_region, g_strdup (f->country),
                           GINT_TO_POINTER (MAX (old, (int) MIN (f->n, G_MAXINT))));
    }

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, by, buf, sizeof buf, group_key, sizeof group_key);
      g_autofree char *cover_key = NULL;
      double score, *old;

      if (key == NULL)
        continue;
      /* Grouped by region, the group is the region: one coverage. */
      cover_key = g_strdup_printf ("%s\x1f%s", f->source, by == ATLAS_GROUP_REGION ? "" : key);
      score = coverage_score (g_hash_table_lookup (coverage, cover_key));
      old = g_hash_table_lookup (best_score, group_key);
      if (old == NULL || score > *old)
        {
          g_hash_table_insert (best_score, g_strdup (group_key), g_memdup2 (&score, sizeof score));
          g_hash_table_insert (best, g_strdup (group_key), f->source);
        }
    }

  for (guint i = figures->len; i-- > 0;)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, by, buf, sizeof buf, group_key, sizeof group_key);

      if (key != NULL && g_strcmp0 (g_hash_table_lookup (best, group_key), f->source) != 0)
        g_ptr_array_remove_index (figures, i);
    }
}

/* A value of a histogram range into the mode, as convert_figure_value(). */
static gboolean
convert_bin_edge (AtlasRates        *rates,
                  AtlasCurrencyMode  mode,
                  const char        *region,
                  const char        *currency,
                  int                year,
                  double             value,
                  double            *out)
{
  if (isinf (value) || g_strcmp0 (currency, atlas_rates_display_currency (mode, region)) == 0)
    {
      *out = value;
      return TRUE;
    }
  return atlas_rates_convert (rates, mode, region, year, value, currency,
                              g_strcmp0 (currency, "USD") == 0 ? value : NAN, out);
}

/* The histogram that @group's source published for its region and the
 * role asked for (figure_bins), each edge converted into the mode with the
 * rates its figures use.  Attached only when its counts add up to the
 * group's n, i.e. when it describes the same people; otherwise, or when an
 * edge does not convert, the group has none. */
static gboolean
load_group_bins (AtlasStore        *store,
                 AtlasRates        *rates,
                 AtlasCurrencyMode  mode,
                 const AtlasFilter *filter,
                 AtlasGroup        *group,
                 GError           **error)
{
  g_autoptr(GArray) lo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hi = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) n = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 total = 0;
  gboolean converted = TRUE;
  sqlite3_stmt *stmt;
  int rc;

  stmt = atlas_store_prepare (store,
                              "SELECT b.lo, b.hi, b.n, b.currency, b.year FROM figure_bins b"
                              " JOIN sources s ON s.id = b.source_id"
                              " WHERE s.name = ?1 AND b.region = ?2"
                              " AND b.role_family = ?3 COLLATE NOCASE ORDER BY b.lo",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group->sources, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, group->region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, filter->role != NULL ? filter->role : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *currency = (const char *) sqlite3_column_text (stmt, 3);
      int year = sqlite3_column_int (stmt, 4);
      double l, h;
      guint64 count = sqlite3_column_int64 (stmt, 2);

      if (!convert_bin_edge (rates, mode, group->region, currency, year,
                             sqlite3_column_double (stmt, 0), &l) ||
          !convert_bin_edge (rates, mode, group->region, currency, year,
                             sqlite3_column_type (stmt, 1) == SQLITE_NULL ? INFINITY
                                                                         : sqlite3_column_double (stmt, 1),
                             &h))
        converted = FALSE;
      g_array_append_val (lo, l);
      g_array_append_val (hi, h);
      g_array_append_val (n, count);
      total += count;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading histograms"));
      return FALSE;
    }

  if (!converted || lo->len == 0 || total != group->summary.n)
    return TRUE;

  group->n_bins = lo->len;
  group->bin_lo = (double *) (void *) g_array_free (g_steal_pointer (&lo), FALSE);
  group->bin_hi = (double *) (void *) g_array_free (g_steal_pointer (&hi), FALSE);
  group->bin_n = (guint64 *) (void *) g_array_free (g_steal_pointer (&n), FALSE);
  return TRUE;
}

/* Groups built from curated figures (with n); quoted figures without n are
 * shown as citations, not as groups. A figure in the display currency wins
 * over one that needs converting; then the one with the largest n. */
gboolean
_atlas_query_figure_groups (AtlasStore        *store,
               AtlasRates        *rates,
               const AtlasFilter *filter,
               AtlasQueryResult  *result,
               GError           **error)
{
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) native = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) source_ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  figures = query_figures_full (store, filter, FALSE, FALSE, error);
  if (figures == NULL)
    return FALSE;

  /* Figures whose period does not overlap the years asked for are left
   * out and counted, so that the result can say so. */
  for (guint i = figures->len; i-- > 0;)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      int from = f->year_from != 0 ? f->year_from : f->year;

      if ((filter->year_from == 0 && filter->year_to == 0) || f->n <= 0)
        continue;
      if (f->year == 0 ||
          (filter->year_from != 0 && f->year < filter->year_from) ||
          (filter->year_to != 0 && from > filter->year_to))
        {
          result->n_figures_outside_years++;
          g_ptr_array_remove_index (figures, i);
        }
    }

  choose_figure_sources (figures, filter, result->by);

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];

      if (figure_query_key (f, filter, result->by, buf, sizeof buf, group_key, sizeof group_key) != NULL &&
          g_strcmp0 (f->currency, atlas_rates_display_currency (result->mode, f->country)) == 0)
        g_hash_table_add (native, g_strdup (group_key));
    }

  for (guint i = 0; i < figures->len; i++)
    {
      const AtlasFigure *f = g_ptr_array_index (figures, i);
      char buf[32], group_key[512];
      const char *key = figure_query_key (f, filter, result->by, buf, sizeof buf, group_key, sizeof group_key);
      gboolean is_native;
      AtlasGroup *group;
      AtlasSummary s = { 0 };

      if (key == NULL)
        continue;

      is_native = g_strcmp0 (f->currency, atlas_rates_display_currency (result->mode, f->country)) == 0;
      if (!is_native && g_hash_table_contains (native, group_key))
        continue;

      s.n = f->n;
      s.min = s.max = s.p10 = s.p90 = s.median_ci_low = s.median_ci_high = NAN;
      /* The range of the reports behind a published figure. */
      if (f->min > 0 && f->max > 0 &&
          (!convert_figure_value (rates, result->mode, f, f->min, &s.min) ||
           !convert_figure_value (rates, result->mode, f, f->max, &s.max)))
        s.min = s.max = NAN;
      if (!convert_figure_value (rates, result->mode, f, f->p25, &s.p25) ||
          !convert_figure_value (rates, result->mode, f, f->median, &s.median) ||
          !convert_figure_value (rates, result->mode, f, f->p75, &s.p75) ||
          !convert_figure_value (rates, result->mode, f, f->mean, &s.mean))
        {
          result->n_without_factor++;
          if (f->year == 0)
            g_hash_table_add (missing, g_strdup_printf (_("a year for the figures of %s"), f->country));
          else
            _atlas_query_add_missing_factor (missing, result->mode == ATLAS_CURRENCY_MODE_PPP ? "PPP" : "FX",
                                result->mode == ATLAS_CURRENCY_MODE_PPP ? f->country : f->currency,
                                f->year);
          continue;
        }

      group = g_hash_table_lookup (groups, group_key);
      if (group != NULL && group->summary.n >= (gsize) f->n)
        continue;

      if (group == NULL)
        {
          group = g_new0 (AtlasGroup, 1);
          g_hash_table_insert (groups, g_strdup (group_key), group);
          g_ptr_array_add (result->groups, group);
        }
      else
        {
          g_clear_pointer (&group->region, g_free);
          g_clear_pointer (&group->key, g_free);
          g_clear_pointer (&group->label, g_free);
          g_clear_pointer (&group->currency, g_free);
          g_clear_pointer (&group->citation, g_free);
          g_clear_pointer (&group->sources, g_free);
          g_clear_pointer (&group->bases, g_free);
        }

      group->region = g_strdup (f->country);
      group->key = g_strdup (key);
      group->label = _atlas_query_group_label (result->by, key);
      group->currency = g_strdup (atlas_rates_display_currency (result->mode, f->country));
      group->origin = ATLAS_GROUP_FROM_FIGURE;
      group->summary = s;
      group->small_sample = s.n < result->small_sample_threshold;
      group->citation = g_strdup (f->citation);
      group->sources = g_strdup (f->source);
      group->pay_basis = f->pay_basis;
      group->bases = g_strdup (atlas_pay_basis_to_string (f->pay_basis));
      group->year_to = f->year;
      group->year_from = f->year_from != 0 ? f->year_from : f->year;
      group->years_min = f->has_years && f->company != NULL ? f->years_min : NAN;
      g_hash_table_add (source_ids, GSIZE_TO_POINTER (atlas_sources_find_id (store, f->source)));
    }

  result->missing_factors = _atlas_query_describe_missing (missing);

  /* Grouped by region, a group may come with its source's histogram, for
   * the distribution chart. */
  if (result->by == ATLAS_GROUP_REGION)
    for (guint i = 0; i < result->groups->len; i++)
      if (!load_group_bins (store, rates, result->mode, filter,
                            g_ptr_array_index (result->groups, i), error))
        return FALSE;

  return _atlas_query_load_sources (store, result, source_ids, error);
}

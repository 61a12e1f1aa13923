/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-catalog.c: reads the lists the filter pane and the overview need. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-catalog.h"
#include "atlas-feed.h"
#include "atlas-money.h"
#include "atlas-seed.h"

static void
source_free (gpointer data)
{
  AtlasCatalogSource *source = data;

  g_free (source->name);
  g_free (source->kind);
  g_free (source->licence);
  g_free (source->url);
  g_free (source->retrieved_at);
  g_free (source);
}

/* The US first, then by country code. */
static int
compare_headlines (gconstpointer a,
                   gconstpointer b)
{
  const AtlasFigure *x = *(AtlasFigure * const *) a;
  const AtlasFigure *y = *(AtlasFigure * const *) b;
  gboolean x_us = g_strcmp0 (x->country, "US") == 0;
  gboolean y_us = g_strcmp0 (y->country, "US") == 0;

  if (x_us != y_us)
    return x_us ? -1 : 1;
  return g_strcmp0 (x->country, y->country);
}

static void
country_free (gpointer data)
{
  AtlasCatalogCountry *country = data;

  g_free (country->code);
  g_free (country);
}

void
atlas_catalog_free (AtlasCatalog *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->families);
  g_strfreev (self->companies);
  g_clear_pointer (&self->countries, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->headlines, g_ptr_array_unref);
  g_clear_pointer (&self->rates, atlas_rates_free);
  g_free (self);
}

gboolean
atlas_catalog_is_empty (AtlasCatalog *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->n_records <= 0 && self->n_figures <= 0;
}

gboolean
atlas_catalog_has_country (AtlasCatalog *self,
                           const char   *code)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->countries->len; i++)
    {
      AtlasCatalogCountry *country = g_ptr_array_index (self->countries, i);

      if (g_strcmp0 (country->code, code) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
atlas_catalog_find_factor (AtlasCatalog *self,
                           int           mode,
                           const char   *country,
                           int           year_hint,
                           int          *year,
                           double       *factor)
{
  const char *currency;
  int from;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->rates == NULL || country == NULL)
    return FALSE;

  currency = atlas_money_currency_for_country (country);
  from = year_hint > 0 ? year_hint : (self->year_max > 0 ? self->year_max : 2100);

  /* Look back first (the factor of the data's own year or earlier), then
   * forward, so that a 2025 filter still shows the latest published factor. */
  for (int pass = 0; pass < 2; pass++)
    for (int y = from, i = 0; i < 40; i++, y += pass == 0 ? -1 : 1)
      {
        gboolean found;

        if (mode == ATLAS_CURRENCY_MODE_PPP)
          found = atlas_rates_get_ppp (self->rates, country, y, factor);
        else if (currency != NULL)
          found = atlas_rates_get_fx (self->rates, currency, y, factor);
        else
          found = FALSE;

        if (found)
          {
            *year = y;
            return TRUE;
          }
      }

  return FALSE;
}

static GStrv
collect_strings (AtlasStore  *store,
                 const char  *sql,
                 GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = atlas_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (text != NULL && *text != '\0')
        g_strv_builder_add (builder, text);
    }

  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading the lists for the filters"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  sqlite3_finalize (stmt);

  return g_strv_builder_end (builder);
}

AtlasCatalog *
atlas_catalog_load (AtlasStore  *store,
                    gboolean     seed,
                    GError     **error)
{
  g_autoptr(AtlasCatalog) self = g_new0 (AtlasCatalog, 1);
  g_autoptr(GError) rates_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, NULL);

  /* The built-in feeds are registered after the seed, which only fills a
   * database without any source. */
  if (seed && (!atlas_seed_ensure (store, error) || !atlas_feed_ensure_builtin (store, error)))
    return NULL;

  self->countries = g_ptr_array_new_with_free_func (country_free);
  self->sources = g_ptr_array_new_with_free_func (source_free);
  self->n_records = atlas_store_count_records (store);
  self->n_figures = atlas_store_count_figures (store);

  self->families = collect_strings (store,
                                    "SELECT role_family FROM ("
                                    "  SELECT role_family, count(*) AS n FROM records GROUP BY 1"
                                    "  UNION ALL"
                                    "  SELECT role_family, count(*) FROM figures"
                                    "   WHERE role_family IS NOT NULL GROUP BY 1)"
                                    " GROUP BY role_family ORDER BY sum(n) DESC, role_family",
                                    error);
  if (self->families == NULL)
    return NULL;

  self->companies = collect_strings (store,
                                     "SELECT c.display_name FROM records r"
                                     " JOIN companies c ON c.id = r.company_id"
                                     " GROUP BY c.id ORDER BY count(*) DESC, c.display_name"
                                     " LIMIT 5000",
                                     error);
  if (self->companies == NULL)
    return NULL;

  /* Records are counted; figures are not: published figures overlap (a
   * survey's median by level and its overall median count the same people),
   * so the sum of their sample sizes means nothing. A country with figures
   * only is listed with how many figures it has. */
  stmt = atlas_store_prepare (store,
                              "SELECT country, sum(r) AS n, sum(f) FROM ("
                              "  SELECT country, count(*) AS r, 0 AS f FROM records GROUP BY 1"
                              "  UNION ALL"
                              "  SELECT country, 0, count(*) FROM figures GROUP BY 1)"
                              " GROUP BY country ORDER BY n DESC, sum(f) DESC, country",
                              error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      AtlasCatalogCountry *country;

      if (code == NULL || !atlas_money_is_country (code))
        continue;

      country = g_new0 (AtlasCatalogCountry, 1);
      country->code = g_strdup (code);
      country->n = sqlite3_column_int64 (stmt, 1);
      country->n_figures = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (self->countries, country);
    }
  sqlite3_finalize (stmt);

  stmt = atlas_store_prepare (store,
                              "SELECT min(y), max(y) FROM ("
                              "  SELECT min(year) AS y FROM records UNION ALL"
                              "  SELECT max(year) FROM records UNION ALL"
                              "  SELECT min(year) FROM figures UNION ALL"
                              "  SELECT max(year) FROM figures)",
                              error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->year_min = sqlite3_column_int (stmt, 0);
      self->year_max = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);

  /* Embedded sources hold figures rather than records: count those. */
  stmt = atlas_store_prepare (store,
                              "SELECT s.name, s.kind, s.licence, s.url, s.retrieved_at,"
                              "  CASE WHEN s.kind = 'embedded'"
                              "    THEN (SELECT count(*) FROM figures f WHERE f.source_id = s.id)"
                              "    ELSE s.row_count END"
                              " FROM sources s WHERE s.enabled ORDER BY s.kind = 'embedded', s.name",
                              error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AtlasCatalogSource *source = g_new0 (AtlasCatalogSource, 1);

      source->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      source->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      source->licence = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      source->url = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      source->retrieved_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      source->row_count = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (self->sources, source);
    }
  sqlite3_finalize (stmt);

  /* Quoted headline figures: a single statistic with its citation. */
  {
    g_autoptr(AtlasFilter) all = atlas_filter_new ();

    self->headlines = atlas_query_figures (store, all, TRUE, error);
    if (self->headlines == NULL)
      return NULL;
    g_ptr_array_sort (self->headlines, compare_headlines);
  }

  /* Without factors the window still works in local currency. */
  self->rates = atlas_rates_load (store, &rates_error);
  if (self->rates == NULL)
    g_warning ("No exchange rates: %s", rates_error->message);

  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(AtlasStore) store = NULL;
  AtlasCatalog *catalog;
  GError *error = NULL;

  store = atlas_store_open (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  catalog = atlas_catalog_load (store, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "atlas-seed")),
                                &error);
  if (catalog == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, catalog, (GDestroyNotify) atlas_catalog_free);
}

void
atlas_catalog_load_async (const char          *db_path,
                          gboolean             seed,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_catalog_load_async);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_object_set_data (G_OBJECT (task), "atlas-seed", GINT_TO_POINTER (!!seed));
  g_task_run_in_thread (task, load_thread);
}

AtlasCatalog *
atlas_catalog_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

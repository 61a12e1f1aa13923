/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-catalog.c: reads the lists the filter pane and the overview need. */

#define G_LOG_DOMAIN "atlas-gui"

#include "config.h"

#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include <glib/gi18n.h>

#include "atlas-catalog.h"
#include "atlas-feed.h"
#include "atlas-money.h"
#include "atlas-query-private.h"
#include "atlas-seed.h"
#include "atlas-sources.h"
#include "atlas-store-private.h"

static void
source_free (gpointer data)
{
  AtlasCatalogSource *source = data;

  g_free (source->name);
  g_free (source->kind);
  g_free (source->licence);
  g_free (source->url);
  g_free (source->retrieved_at);
  g_free (source->superseded_by);
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

/* How many records and figures a role family or a country has. */
typedef struct
{
  char   *key;
  gint64  records;
  gint64  figures;   /* rows, not their sample sizes */
} Tally;

static void
tally_free (gpointer data)
{
  Tally *tally = data;

  g_free (tally->key);
  g_free (tally);
}

static Tally *
tally_lookup (GHashTable *table,
              const char *key)
{
  Tally *tally = g_hash_table_lookup (table, key);

  if (tally == NULL)
    {
      tally = g_new0 (Tally, 1);
      tally->key = g_strdup (key);
      g_hash_table_insert (table, tally->key, tally);
    }

  return tally;
}

/* The tallies of @table, in no order (GLib 2.74 has no
 * g_hash_table_get_values_as_ptr_array). */
static GPtrArray *
tally_list (GHashTable *table)
{
  GPtrArray *list = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);

  return list;
}

/* Role families: records and figures together, most first, then by name
 * (strcmp() is SQLite's BINARY collation, which the lists used before). */
static int
compare_families (gconstpointer a,
                  gconstpointer b)
{
  const Tally *x = *(const Tally * const *) a;
  const Tally *y = *(const Tally * const *) b;
  gint64 nx = x->records + x->figures;
  gint64 ny = y->records + y->figures;

  if (nx != ny)
    return nx > ny ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Countries: most records first, then most figures, then by code. */
static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const Tally *x = *(const Tally * const *) a;
  const Tally *y = *(const Tally * const *) b;

  if (x->records != y->records)
    return x->records > y->records ? -1 : 1;
  if (x->figures != y->figures)
    return x->figures > y->figures ? -1 : 1;
  return strcmp (x->key, y->key);
}

typedef struct
{
  const char *name;
  gint64      records;
} CompanyCount;

static int
compare_companies (gconstpointer a,
                   gconstpointer b)
{
  const CompanyCount *x = a;
  const CompanyCount *y = b;

  if (x->records != y->records)
    return x->records > y->records ? -1 : 1;
  return strcmp (x->name, y->name);
}

static void
add_year (AtlasCatalog *self,
          gboolean     *have_year,
          int           year)
{
  self->year_min = *have_year ? MIN (self->year_min, year) : year;
  self->year_max = *have_year ? MAX (self->year_max, year) : year;
  *have_year = TRUE;
}

/* Older snapshots of a publication (aijobs.net files) hold the same people
 * as the newest one: the statistics count only the newest
 * (atlas-query-sql.c), and so do the lists and counts here.  The
 * condition names at most a few ids, each a bound parameter. */
static char *
not_superseded (GArray *superseded)
{
  GString *clause = g_string_new (NULL);

  for (guint i = 0; i < superseded->len; i++)
    g_string_append (clause, i == 0 ? " AND source_id NOT IN (?" : ", ?");
  if (superseded->len > 0)
    g_string_append_c (clause, ')');
  return g_string_free (clause, FALSE);
}

static void
bind_superseded (sqlite3_stmt *stmt,
                 int           first,
                 GArray       *superseded)
{
  for (guint i = 0; i < superseded->len; i++)
    sqlite3_bind_int64 (stmt, first + i, g_array_index (superseded, gint64, i));
}

/* The companies with records, most records first, at most 5000. */
static GStrv
list_companies (AtlasStore    *store,
                GArray        *superseded,
                GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (CompanyCount));
  g_autoptr(GStringChunk) names = g_string_chunk_new (4096);
  sqlite3_stmt *stmt;
  int rc;

  g_autofree char *clause = not_superseded (superseded);
  g_autofree char *sql = g_strdup_printf ("SELECT c.display_name, f.n FROM"
                                          " (SELECT value, sum(n) AS n FROM record_facets"
                                          "  WHERE facet = ?%s GROUP BY value) f"
                                          " JOIN companies c ON c.id = f.value",
                                          clause);

  stmt = atlas_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, ATLAS_FACET_COMPANY);
  bind_superseded (stmt, 2, superseded);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CompanyCount company;
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      company.records = sqlite3_column_int64 (stmt, 1);
      if (company.records == 0 || name == NULL)
        continue;
      company.name = g_string_chunk_insert (names, name);
      g_array_append_val (counts, company);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading the lists for the filters"));
      return NULL;
    }

  g_array_sort (counts, compare_companies);
  for (guint i = 0; i < MIN (counts->len, 5000); i++)
    {
      const CompanyCount *company = &g_array_index (counts, CompanyCount, i);

      if (*company->name != '\0')
        g_strv_builder_add (builder, company->name);
    }

  return g_strv_builder_end (builder);
}

/* Records per role family (@facet ATLAS_FACET_FAMILY) or per country, from
 * the counts every import keeps; returns the total. */
static gint64
count_records (AtlasStore  *store,
               AtlasFacet   facet,
               GArray      *superseded,
               GHashTable  *tallies,
               GError     **error)
{
  g_autofree char *clause = not_superseded (superseded);
  g_autofree char *sql = g_strdup_printf ("SELECT value, sum(n) FROM record_facets"
                                          " WHERE facet = ?%s GROUP BY value", clause);
  sqlite3_stmt *stmt;
  gint64 total = 0;
  int rc;

  stmt = atlas_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, facet);
  bind_superseded (stmt, 2, superseded);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      total += n;
      if (key != NULL && n > 0)
        tally_lookup (tallies, key)->records += n;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading the lists for the filters"));
      return -1;
    }

  return total;
}

/* The first and last year of the records counted (record_facets). */
static gboolean
load_record_years (AtlasCatalog  *self,
                   AtlasStore    *store,
                   GArray        *superseded,
                   gboolean      *have_year,
                   GError       **error)
{
  g_autofree char *clause = not_superseded (superseded);
  g_autofree char *sql = g_strdup_printf ("SELECT min(value), max(value) FROM record_facets"
                                          " WHERE facet = ?%s", clause);
  sqlite3_stmt *stmt;
  int rc;

  stmt = atlas_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ATLAS_FACET_YEAR);
  bind_superseded (stmt, 2, superseded);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      add_year (self, have_year, sqlite3_column_int (stmt, 0));
      add_year (self, have_year, sqlite3_column_int (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      atlas_store_set_error (store, error, _("reading the lists for the filters"));
      return FALSE;
    }

  return TRUE;
}

/* Role families, countries, companies, years and the number of records.
 * These come from record_facets, the per-source counts that imports keep:
 * a few hundred rows however many records there are.  (Scanning a million
 * records took 150 ms at start-up, on a core the first frame needed.) */
static gboolean
load_lists (AtlasCatalog  *self,
            AtlasStore    *store,
            GArray        *superseded,
            GError       **error)
{
  g_autoptr(GHashTable) families = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, tally_free);
  g_autoptr(GHashTable) countries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, tally_free);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean have_year = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  /* Every record has a role family: their counts add up to all records. */
  self->n_records = count_records (store, ATLAS_FACET_FAMILY, superseded, families, error);
  if (self->n_records < 0 ||
      count_records (store, ATLAS_FACET_COUNTRY, superseded, countries, error) < 0)
    return FALSE;

  if (!load_record_years (self, store, superseded, &have_year, error))
    return FALSE;

  self->companies = list_companies (store, superseded, error);
  if (self->companies == NULL)
    return FALSE;

  stmt = atlas_store_prepare (store, "SELECT role_family, country, year FROM figures", error);
  if (stmt == NULL)
    return FALSE;
  self->n_figures = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *f = (const char *) sqlite3_column_text (stmt, 0);
      const char *c = (const char *) sqlite3_column_text (stmt, 1);

      self->n_figures++;
      if (f != NULL)
        tally_lookup (families, f)->figures++;
      if (c != NULL)
        tally_lookup (countries, c)->figures++;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        add_year (self, &have_year, sqlite3_column_int (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading the lists for the filters"));
      return FALSE;
    }

  sorted = tally_list (families);
  g_ptr_array_sort (sorted, compare_families);
  for (guint i = 0; i < sorted->len; i++)
    {
      const Tally *tally = g_ptr_array_index (sorted, i);

      if (*tally->key != '\0')
        g_strv_builder_add (builder, tally->key);
    }
  self->families = g_strv_builder_end (builder);
  g_clear_pointer (&sorted, g_ptr_array_unref);

  /* Records are counted; figures are not: published figures overlap (a
   * survey's median by level and its overall median count the same people),
   * so the sum of their sample sizes means nothing. A country with figures
   * only is listed with how many figures it has. */
  sorted = tally_list (countries);
  g_ptr_array_sort (sorted, compare_countries);
  for (guint i = 0; i < sorted->len; i++)
    {
      const Tally *tally = g_ptr_array_index (sorted, i);
      AtlasCatalogCountry *entry;

      if (!atlas_money_is_country (tally->key))
        continue;

      entry = g_new0 (AtlasCatalogCountry, 1);
      entry->code = g_strdup (tally->key);
      entry->n = tally->records;
      entry->n_figures = tally->figures;
      g_ptr_array_add (self->countries, entry);
    }

  return TRUE;
}

static const char *
superseded_by (GHashTable *infos,
               const char *name)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const QuerySourceInfo *info = value;

      if (g_strcmp0 (info->name, name) == 0)
        return info->superseded_by;
    }
  return NULL;
}

static gboolean
load_sources (AtlasCatalog  *self,
              AtlasStore    *store,
              GHashTable    *infos,
              GError       **error)
{
  g_autoptr(GPtrArray) sources = atlas_sources_list (store,
                                                     ATLAS_SOURCES_LIST_ENABLED |
                                                     ATLAS_SOURCES_LIST_EMBEDDED_LAST,
                                                     error);

  if (sources == NULL)
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      const AtlasSource *stored = g_ptr_array_index (sources, i);
      AtlasCatalogSource *source = g_new0 (AtlasCatalogSource, 1);

      source->name = g_strdup (stored->name);
      source->kind = g_strdup (stored->kind);
      source->licence = g_strdup (stored->licence);
      source->url = g_strdup (stored->url);
      source->retrieved_at = g_strdup (stored->retrieved_at);
      /* Embedded sources hold figures rather than records: count those. */
      source->row_count = g_strcmp0 (stored->kind, "embedded") == 0 ? stored->figures
                                                                     : stored->row_count;
      source->superseded_by = g_strdup (superseded_by (infos, stored->name));
      g_ptr_array_add (self->sources, source);
    }

  return TRUE;
}

/* The ids of the sources a newer snapshot supersedes: their records are
 * stored but counted nowhere. */
static GArray *
superseded_ids (GHashTable *infos)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const QuerySourceInfo *info = value;

      if (info->superseded_by != NULL)
        g_array_append_val (ids, info->id);
    }

  return ids;
}

static AtlasCatalog *
catalog_read (AtlasStore  *store,
              GError     **error)
{
  g_autoptr(AtlasCatalog) self = g_new0 (AtlasCatalog, 1);
  g_autoptr(AtlasFilter) all = NULL;
  g_autoptr(GError) rates_error = NULL;
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(GArray) superseded = NULL;

  self->countries = g_ptr_array_new_with_free_func (country_free);
  self->sources = g_ptr_array_new_with_free_func (source_free);

  /* One read transaction, so that the lists, the counts and the sources
   * agree even while a refresh writes to the database. */
  if (!atlas_store_exec (store, "BEGIN", error))
    return NULL;

  infos = _atlas_query_load_source_infos (store, error);
  if (infos == NULL)
    {
      atlas_store_rollback (store);
      return NULL;
    }
  superseded = superseded_ids (infos);

  if (!load_lists (self, store, superseded, error) || !load_sources (self, store, infos, error))
    {
      atlas_store_rollback (store);
      return NULL;
    }

  /* Quoted headline figures: a single statistic with its citation. */
  all = atlas_filter_new ();
  self->headlines = atlas_query_figures (store, all, TRUE, error);
  if (self->headlines == NULL)
    {
      atlas_store_rollback (store);
      return NULL;
    }
  g_ptr_array_sort (self->headlines, compare_headlines);

  /* Without factors the window still works in local currency. */
  self->rates = atlas_rates_load (store, &rates_error);
  if (self->rates == NULL)
    g_warning ("No exchange rates: %s", rates_error->message);

  if (!atlas_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&self);
}

AtlasCatalog *
atlas_catalog_load (AtlasStore  *store,
                    gboolean     seed,
                    GError     **error)
{
  return atlas_catalog_load_full (store, seed, NULL, error);
}

AtlasCatalog *
atlas_catalog_load_full (AtlasStore    *store,
                         gboolean       seed,
                         GCancellable  *cancellable,
                         GError       **error)
{
  AtlasCatalog *self = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  /* A cancellation also interrupts the statement that runs (a long read
   * of a large database); either way the load ends with
   * G_IO_ERROR_CANCELLED, and a seed it interrupted is rolled back. */
  if (cancellable != NULL)
    atlas_store_set_cancellable (store, cancellable);

  /* The built-in feeds are registered after the seed, which only fills a
   * database without any source. */
  if (!seed || (atlas_seed_ensure_full (store, cancellable, &local_error) &&
                !g_cancellable_set_error_if_cancelled (cancellable, &local_error) &&
                atlas_feed_ensure_builtin (store, &local_error)))
    self = catalog_read (store, &local_error);

  if (cancellable != NULL)
    atlas_store_set_cancellable (store, NULL);

  if (self != NULL && g_cancellable_is_cancelled (cancellable))
    g_clear_pointer (&self, atlas_catalog_free);
  if (self == NULL && g_cancellable_is_cancelled (cancellable) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&local_error);
      g_cancellable_set_error_if_cancelled (cancellable, &local_error);
    }
  if (self == NULL)
    g_propagate_error (error, local_error);

  return self;
}

AtlasCatalog *
atlas_catalog_load_years_and_rates (AtlasStore  *store,
                                    GError     **error)
{
  g_autoptr(AtlasCatalog) self = g_new0 (AtlasCatalog, 1);
  g_autoptr(GError) rates_error = NULL;
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(GArray) superseded = NULL;
  gboolean have_year = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  self->countries = g_ptr_array_new_with_free_func (country_free);
  self->sources = g_ptr_array_new_with_free_func (source_free);

  if (!atlas_store_exec (store, "BEGIN", error))
    return NULL;

  infos = _atlas_query_load_source_infos (store, error);
  if (infos == NULL)
    {
      atlas_store_rollback (store);
      return NULL;
    }
  superseded = superseded_ids (infos);

  if (!load_record_years (self, store, superseded, &have_year, error))
    {
      atlas_store_rollback (store);
      return NULL;
    }

  /* The same years as load_lists() finds row by row, from the index. */
  stmt = atlas_store_prepare (store, "SELECT min(year), max(year) FROM figures", error);
  if (stmt == NULL)
    {
      atlas_store_rollback (store);
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      add_year (self, &have_year, sqlite3_column_int (stmt, 0));
      add_year (self, &have_year, sqlite3_column_int (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      atlas_store_set_error (store, error, _("reading the lists for the filters"));
      atlas_store_rollback (store);
      return NULL;
    }

  self->rates = atlas_rates_load (store, &rates_error);
  if (self->rates == NULL)
    g_warning ("No exchange rates: %s", rates_error->message);

  if (!atlas_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The catalog is read while the window paints its first frames. On a large
 * database that takes a core from GTK and the GL rasteriser just when the
 * user waits for the window, so it runs at a lower priority, in a thread of
 * its own: a thread of GLib's pool would keep the priority for the queries
 * that come after. Linux gives each thread its own nice value; elsewhere
 * the thread keeps the process's. */
/* Load threads started and not yet ended (atlas_catalog_load_wait()). */
static GMutex loads_lock;
static GCond loads_cond;
static guint n_loads;

static void
load_run (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  const char *path = g_task_get_task_data (task);
  g_autoptr(AtlasStore) store = NULL;
  AtlasCatalog *catalog;
  GError *error = NULL;

#ifdef __linux__
  setpriority (PRIO_PROCESS, 0, 10);
#endif

  if (g_task_return_error_if_cancelled (task))
    return;

  store = atlas_store_open (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* This connection reads the catalog and closes: through a map, the
   * figures table (3.4 MB on the 1M-record bench database, read whole for
   * the lists) is not copied page by page into a cache touched for the
   * first time, a page fault per 4 KiB (1.9 of the thread's 11 ms).  The
   * map ends with the connection, so it adds to the resident memory only
   * while the catalog loads; the query workers keep the copying cache
   * (atlas-store.c).  If the map cannot be set up, SQLite reads as before. */
  atlas_store_exec (store, "PRAGMA mmap_size = 4294967296", NULL);

  catalog = atlas_catalog_load_full (store,
                                     GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "atlas-seed")),
                                     g_task_get_cancellable (task), &error);
  if (catalog == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, catalog, (GDestroyNotify) atlas_catalog_free);
}

static gpointer
load_thread (gpointer data)
{
  /* The task and the store are gone once load_run() returns: from here on
   * the thread touches nothing the process frees at exit. */
  load_run (data);

  g_mutex_lock (&loads_lock);
  n_loads--;
  g_cond_broadcast (&loads_cond);
  g_mutex_unlock (&loads_lock);

  return NULL;
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
  g_mutex_lock (&loads_lock);
  n_loads++;
  g_mutex_unlock (&loads_lock);
  g_thread_unref (g_thread_new ("atlas-catalog", load_thread, g_steal_pointer (&task)));
}

gboolean
atlas_catalog_load_wait (gint64 timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;
  gboolean idle = TRUE;

  g_mutex_lock (&loads_lock);
  while (n_loads > 0)
    if (!g_cond_wait_until (&loads_cond, &loads_lock, end))
      {
        idle = n_loads == 0;
        break;
      }
  g_mutex_unlock (&loads_lock);

  return idle;
}

AtlasCatalog *
atlas_catalog_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

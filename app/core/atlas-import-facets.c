/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-facets.c: the record_facets an import writes.  A few array
 * increments per row. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-import-facets.h"
#include "atlas-import-validate.h"
#include "atlas-store-private.h"

/* A company cache entry. */
typedef struct
{
  gint64 id;                    /* 0 for "not an employer" */
  gint64 n_records;             /* rows written with this raw name */
} CompanyEntry;

struct _AtlasFacetCounts
{
  GHashTable *families;         /* family (not owned) -> gint64* count */
  const char *last_family;
  gint64     *last_family_n;
  gint64      countries[26 * 26];  /* "AA" .. "ZZ" */
  GHashTable *other_countries;  /* any other code -> gint64* (none in practice) */
  gint64      years[ATLAS_IMPORT_YEAR_LAST - ATLAS_IMPORT_YEAR_FIRST + 1];
  GHashTable *companies;        /* raw name -> CompanyEntry */
};

AtlasFacetCounts *
_atlas_facet_counts_new (void)
{
  AtlasFacetCounts *self = g_new0 (AtlasFacetCounts, 1);

  self->families = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->other_countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->companies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
_atlas_facet_counts_free (AtlasFacetCounts *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->families);
  g_hash_table_unref (self->other_countries);
  g_hash_table_unref (self->companies);
  g_free (self);
}

static gint64 *
counter_lookup (GHashTable *table,
                const char *key,
                gboolean    copy_key)
{
  gint64 *count = g_hash_table_lookup (table, key);

  if (count == NULL)
    {
      count = g_new0 (gint64, 1);
      g_hash_table_insert (table, copy_key ? g_strdup (key) : (gpointer) key, count);
    }

  return count;
}

void
_atlas_facet_counts_add (AtlasFacetCounts *self,
                         const char       *family,
                         const char       *country,
                         gint64            year)
{
  g_assert (country != NULL);
  g_assert (year >= ATLAS_IMPORT_YEAR_FIRST && year <= ATLAS_IMPORT_YEAR_LAST);

  if (family != self->last_family)
    {
      self->last_family = family;
      self->last_family_n = counter_lookup (self->families, family, FALSE);
    }
  (*self->last_family_n)++;

  if (country[0] >= 'A' && country[0] <= 'Z' && country[1] >= 'A' && country[1] <= 'Z' &&
      country[2] == '\0')
    self->countries[(country[0] - 'A') * 26 + (country[1] - 'A')]++;
  else
    (*counter_lookup (self->other_countries, country, TRUE))++;

  self->years[year - ATLAS_IMPORT_YEAR_FIRST]++;
}

gboolean
_atlas_facet_counts_company (AtlasFacetCounts  *self,
                             AtlasStore        *store,
                             const char        *name,
                             gint64            *id,
                             GError           **error)
{
  CompanyEntry *cached;

  if (name == NULL || name[0] == '\0')
    {
      *id = 0;
      return TRUE;
    }

  cached = g_hash_table_lookup (self->companies, name);
  if (cached == NULL)
    {
      gint64 value = atlas_store_ensure_company (store, name, error);

      if (value < 0)
        return FALSE;
      cached = g_new0 (CompanyEntry, 1);
      cached->id = value;
      g_hash_table_insert (self->companies, g_strdup (name), cached);
    }

  cached->n_records++;
  *id = cached->id;
  return TRUE;
}

static gboolean
insert_facet (sqlite3_stmt *stmt,
              AtlasFacet    facet,
              const char   *text,
              gint64        number,
              gint64        n)
{
  int rc;

  sqlite3_bind_int (stmt, 2, facet);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 3, number);
  sqlite3_bind_int64 (stmt, 4, n);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

gboolean
_atlas_facet_counts_store (AtlasFacetCounts  *self,
                           AtlasStore        *store,
                           gint64             source_id,
                           gboolean           replace,
                           GError           **error)
{
  /* Two raw names of one company, or two family strings that are equal,
   * add up. */
  static const char sql[] =
    "INSERT INTO record_facets (source_id, facet, value, n) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (facet, value, source_id) DO UPDATE SET n = n + excluded.n";
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok = TRUE;

  if (replace)
    {
      stmt = atlas_store_prepare (store, "DELETE FROM record_facets WHERE source_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source_id);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        atlas_store_set_error (store, error, _("counting records"));
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }

  stmt = atlas_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);

  g_hash_table_iter_init (&iter, self->families);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    ok = insert_facet (stmt, ATLAS_FACET_FAMILY, key, 0, *(gint64 *) value);

  for (guint i = 0; ok && i < G_N_ELEMENTS (self->countries); i++)
    if (self->countries[i] > 0)
      {
        char code[3] = { 'A' + i / 26, 'A' + i % 26, '\0' };

        ok = insert_facet (stmt, ATLAS_FACET_COUNTRY, code, 0, self->countries[i]);
      }
  g_hash_table_iter_init (&iter, self->other_countries);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    ok = insert_facet (stmt, ATLAS_FACET_COUNTRY, key, 0, *(gint64 *) value);

  for (guint i = 0; ok && i < G_N_ELEMENTS (self->years); i++)
    if (self->years[i] > 0)
      ok = insert_facet (stmt, ATLAS_FACET_YEAR, NULL, ATLAS_IMPORT_YEAR_FIRST + i, self->years[i]);

  g_hash_table_iter_init (&iter, self->companies);
  while (ok && g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CompanyEntry *company = value;

      if (company->id > 0 && company->n_records > 0)
        ok = insert_facet (stmt, ATLAS_FACET_COMPANY, NULL, company->id, company->n_records);
    }

  if (!ok)
    atlas_store_set_error (store, error, _("counting records"));
  sqlite3_finalize (stmt);

  return ok;
}

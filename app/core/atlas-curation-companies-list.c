/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-companies-list.c: the companies as counted, with their
 * members and counts (see atlas-curation-companies.h), and the query-pool
 * jobs of the Companies dialog.
 *
 * One statement: every company with the company it is counted under
 * (company_canonical), its records from record_facets (facet 3: per
 * source and company, kept by whoever writes records, so no scan of the
 * records), its figures and its raw spellings; the grouping is done here. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-curation-companies.h"
#include "atlas-query-pool.h"
#include "atlas-store-private.h"

static const char companies_sql[] =
  /* value has no type: as an integer, the join gets an automatic index. */
  "WITH rn (id, n) AS ("
  "  SELECT CAST (value AS INTEGER), sum (n) FROM record_facets WHERE facet = 3 GROUP BY value),"
  " fn (id, n) AS ("
  "  SELECT company_id, count(*) FROM figures WHERE company_id IS NOT NULL GROUP BY company_id),"
  /* company_aliases has no index by company: one pass for all. */
  " al (id, spellings) AS ("
  "  SELECT company_id, group_concat (alias, char (10)) FROM company_aliases GROUP BY company_id),"
  " hit (id) AS ("
  "  SELECT cc.canonical_id FROM company_canonical cc JOIN companies c ON c.id = cc.company_id"
  "  WHERE c.display_name LIKE ?1 ESCAPE '\\' OR c.key LIKE ?1 ESCAPE '\\'"
  "   OR c.id IN (SELECT company_id FROM company_aliases WHERE alias LIKE ?1 ESCAPE '\\'))"
  " SELECT cc.canonical_id, c.id, c.key, c.display_name, coalesce (rn.n, 0), coalesce (fn.n, 0),"
  "  al.spellings"
  " FROM companies c JOIN company_canonical cc ON cc.company_id = c.id"
  " LEFT JOIN rn ON rn.id = c.id LEFT JOIN fn ON fn.id = c.id LEFT JOIN al ON al.id = c.id"
  " WHERE ?1 IS NULL OR cc.canonical_id IN hit";

static void
member_free (AtlasCompanyMember *member)
{
  g_free (member->key);
  g_free (member->name);
  g_strfreev (member->spellings);
  g_free (member);
}

void
atlas_company_group_free (AtlasCompanyGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->key);
  g_free (group->name);
  g_clear_pointer (&group->members, g_ptr_array_unref);
  g_free (group);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const AtlasCompanyMember *x = *(AtlasCompanyMember **) a;
  const AtlasCompanyMember *y = *(AtlasCompanyMember **) b;

  if (x->merged != y->merged)
    return x->merged ? 1 : -1;
  if (x->n_records != y->n_records)
    return x->n_records > y->n_records ? -1 : 1;
  if (x->n_figures != y->n_figures)
    return x->n_figures > y->n_figures ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const AtlasCompanyGroup *x = *(AtlasCompanyGroup **) a;
  const AtlasCompanyGroup *y = *(AtlasCompanyGroup **) b;

  if (x->n_records != y->n_records)
    return x->n_records > y->n_records ? -1 : 1;
  if (x->n_figures != y->n_figures)
    return x->n_figures > y->n_figures ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/* "50%_off" as a LIKE pattern for any text containing it. */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

GPtrArray *
atlas_curation_companies (AtlasStore   *store,
                          const char   *search,
                          GError      **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_company_group_free);
  g_autofree char *pattern = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  trimmed = g_strstrip (g_strdup (search != NULL ? search : ""));
  if (trimmed[0] != '\0')
    pattern = like_pattern (trimmed);

  stmt = atlas_store_prepare (store, companies_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 canonical_id = sqlite3_column_int64 (stmt, 0);
      gint64 id = sqlite3_column_int64 (stmt, 1);
      const char *spellings = (const char *) sqlite3_column_text (stmt, 6);
      AtlasCompanyMember *member = g_new0 (AtlasCompanyMember, 1);
      AtlasCompanyGroup *group = g_hash_table_lookup (by_id, &canonical_id);

      member->key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      member->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      member->n_records = sqlite3_column_int64 (stmt, 4);
      member->n_figures = sqlite3_column_int64 (stmt, 5);
      member->merged = id != canonical_id;
      member->spellings = spellings != NULL ? g_strsplit (spellings, "\n", -1) : g_new0 (char *, 1);

      if (group == NULL)
        {
          group = g_new0 (AtlasCompanyGroup, 1);
          group->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
          g_hash_table_insert (by_id, g_memdup2 (&canonical_id, sizeof canonical_id), group);
          g_ptr_array_add (groups, group);
        }
      if (!member->merged)
        {
          g_free (group->key);
          g_free (group->name);
          group->key = g_strdup (member->key);
          group->name = g_strdup (member->name);
        }
      group->n_records += member->n_records;
      group->n_figures += member->n_figures;
      g_ptr_array_add (group->members, member);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("listing companies"));
      return NULL;
    }

  /* Companies that nothing counts under any more (their records went
   * with their source) are not listed. */
  for (guint i = groups->len; i-- > 0;)
    {
      AtlasCompanyGroup *group = g_ptr_array_index (groups, i);

      if (group->n_records == 0 && group->n_figures == 0)
        {
          g_ptr_array_remove_index_fast (groups, i);
          continue;
        }
      g_ptr_array_sort (group->members, compare_members);
      if (group->name == NULL)
        {
          AtlasCompanyMember *first = g_ptr_array_index (group->members, 0);

          group->key = g_strdup (first->key);
          group->name = g_strdup (first->name);
        }
    }
  g_ptr_array_sort (groups, compare_groups);

  return g_steal_pointer (&groups);
}

/* Query-pool jobs */

typedef struct
{
  char  *search;
  char **names;
  char  *into;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->search);
  g_strfreev (job->names);
  g_free (job->into);
  g_free (job);
}

static gpointer
list_func (AtlasStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  return atlas_curation_companies (store, job->search, error);
}

void
atlas_curation_companies_async (const char          *db_path,
                                const char          *search,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL);

  job = g_new0 (Job, 1);
  job->search = g_strdup (search);
  atlas_query_pool_run_async (db_path, list_func, job, job_free,
                              (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
atlas_curation_companies_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return atlas_query_pool_run_finish (result, error);
}

static gpointer
merge_func (AtlasStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;

  return atlas_curation_merge_companies (store, (const char * const *) job->names, job->into, error)
         ? g_strdup ("") : NULL;
}

void
atlas_curation_merge_companies_async (const char          *db_path,
                                      const char * const  *names,
                                      const char          *into_name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  Job *job;

  g_return_if_fail (db_path != NULL && names != NULL);

  job = g_new0 (Job, 1);
  job->names = g_strdupv ((char **) names);
  job->into = g_strdup (into_name);
  atlas_query_pool_run_async (db_path, merge_func, job, job_free, g_free,
                              cancellable, callback, user_data);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-companies.c: the user's merges and splits of company
 * spellings, on normalised company keys so that they apply to every source,
 * present and future, on top of the built-in alias table.  One transaction
 * per action, logged for undo (atlas-curation.c). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "atlas-company.h"
#include "atlas-curation.h"
#include "atlas-curation-companies.h"
#include "atlas-curation-private.h"
#include "atlas-figure.h"
#include "atlas-money.h"
#include "atlas-records.h"
#include "atlas-roles.h"
#include "atlas-sources-private.h"
#include "atlas-store-private.h"

/* Merges */

static char *
company_key (const char  *name,
             GError     **error)
{
  char *key = name != NULL ? atlas_company_normalise_key (name) : NULL;

  if (key == NULL)
    g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_INVALID,
                 _("“%s” is not an employer’s name"), name ? name : "");
  return key;
}

/* The display name of the company with @key, or @fallback's. */
static char *
company_display (AtlasStore *store,
                 const char *key,
                 const char *fallback)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, "SELECT display_name FROM companies WHERE key = ?", NULL);
  char *name = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }

  return name != NULL ? name : atlas_company_display_name (fallback);
}

/* Logs merge-put items for the merges that @where_sql (with one text
 * parameter) selects, before they change. */
static gboolean
log_merges (AtlasStore  *store,
            gint64       log_id,
            const char  *where_sql,
            const char  *param,
            GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT alias_key, into_key, alias_name, into_name, created_at"
                                      " FROM curation_merges WHERE ", where_sql, NULL);
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *values[5];

      for (guint i = 0; i < 5; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i);
      ok = _atlas_curation_log_item (store, log_id, "merge-put", values, 5, error);
    }
  sqlite3_finalize (stmt);

  return ok;
}

static char *
merge_target (AtlasStore *store,
              const char *key)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, "SELECT into_key FROM curation_merges WHERE alias_key = ?", NULL);
  char *target = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        target = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }

  return target;
}

static gboolean
company_exists (AtlasStore *store,
                const char *key)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, "SELECT 1 FROM companies WHERE key = ?", NULL);
  gboolean found = FALSE;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  return found;
}

/* The key of @name: a company's key as it is (the window passes keys),
 * else its normalisation. */
static char *
resolve_key (AtlasStore  *store,
             const char  *name,
             GError     **error)
{
  if (name != NULL && company_exists (store, name))
    return g_strdup (name);
  return company_key (name, error);
}

/* One merge of @alias_key into @into_key in the caller's transaction,
 * with the undo items of what it changes. */
static gboolean
merge_step (AtlasStore  *store,
            gint64       log_id,
            const char  *alias_key,
            const char  *alias_display,
            const char  *into_key,
            const char  *into_display,
            const char  *now,
            GError     **error)
{
  /* The merge it replaces, and those that went into @alias_key. */
  return log_merges (store, log_id, "alias_key = ?1 OR into_key = ?1", alias_key, error) &&
         _atlas_curation_exec (store,
                               "UPDATE curation_merges SET into_key = ?2, into_name = ?3 WHERE into_key = ?1",
                               (const char *[]) { alias_key, into_key, into_display }, 3, error) &&
         _atlas_curation_exec (store,
                               "INSERT OR REPLACE INTO curation_merges (alias_key, into_key, alias_name,"
                               " into_name, created_at) VALUES (?, ?, ?, ?, ?)",
                               (const char *[]) { alias_key, into_key, alias_display, into_display, now },
                               5, error) &&
         _atlas_curation_log_item (store, log_id, "merge-del", (const char *[]) { alias_key }, 1, error);
}

gboolean
atlas_curation_merge_companies (AtlasStore         *store,
                                const char * const *names,
                                const char         *into_name,
                                GError            **error)
{
  g_autofree char *into = NULL, *into_key = NULL, *target = NULL, *into_display = NULL;
  g_autofree char *description = NULL;
  g_autofree char *now = _atlas_curation_now ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) displays = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) listed = g_string_new (NULL);
  gint64 log_id = 0;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  into = g_strstrip (g_strdup (into_name != NULL ? into_name : ""));
  if ((into_key = resolve_key (store, into, error)) == NULL)
    return FALSE;

  /* Into the company the target is already counted under: no chains. */
  target = merge_target (store, into_key);
  if (target != NULL)
    {
      g_free (into_key);
      into_key = g_steal_pointer (&target);
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *key = resolve_key (store, names[i], error);

      if (key == NULL)
        return FALSE;
      if (g_str_equal (key, into_key) ||
          g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        {
          g_free (key);
          continue;
        }
      g_ptr_array_add (keys, key);
      g_ptr_array_add (displays, company_display (store, key, names[i]));
      g_string_append_printf (listed, "%s%s", listed->len > 0 ? ", " : "",
                              (const char *) g_ptr_array_index (displays, displays->len - 1));
    }

  if (keys->len == 0)
    {
      g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_INVALID,
                   _("“%s” and “%s” are already one company"),
                   names[0] != NULL ? names[0] : "", into);
      return FALSE;
    }

  into_display = company_display (store, into_key, into);
  description = g_strdup_printf (_("Merged %s into %s"), listed->str, into_display);

  if (!atlas_store_begin (store, error))
    return FALSE;

  /* A name no data has used yet still gets a company to count under
   * (company_canonical looks the target up by key); undo leaves it, with
   * nothing counted under it. */
  ok = (log_id = _atlas_curation_log_begin (store, "merge", description, error)) != 0 &&
       _atlas_curation_exec (store, "INSERT OR IGNORE INTO companies (key, display_name) VALUES (?, ?)",
                             (const char *[]) { into_key, into_display }, 2, error);
  for (guint i = 0; ok && i < keys->len; i++)
    ok = merge_step (store, log_id, g_ptr_array_index (keys, i), g_ptr_array_index (displays, i),
                     into_key, into_display, now, error);

  return _atlas_curation_finish (store, ok, error);
}

gboolean
atlas_curation_merge (AtlasStore  *store,
                      const char  *alias_name,
                      const char  *into_name,
                      GError     **error)
{
  g_return_val_if_fail (store != NULL, FALSE);

  return atlas_curation_merge_companies (store, (const char *[]) { alias_name, NULL }, into_name,
                                         error);
}

gboolean
atlas_curation_split (AtlasStore  *store,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *key = NULL, *target = NULL, *display = NULL, *description = NULL;
  gint64 log_id = 0;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);

  if ((key = resolve_key (store, name, error)) == NULL)
    return FALSE;

  target = merge_target (store, key);
  if (target == NULL)
    {
      g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_NOT_FOUND,
                   _("“%s” is not merged into another company; split the companies merged "
                     "into it one by one (see “curate list”)"), name);
      return FALSE;
    }

  display = company_display (store, key, name);
  description = g_strdup_printf (_("Split %s from %s"), display, target);

  if (!atlas_store_begin (store, error))
    return FALSE;

  ok = (log_id = _atlas_curation_log_begin (store, "split", description, error)) != 0 &&
       log_merges (store, log_id, "alias_key = ?1", key, error) &&
       _atlas_curation_exec (store, "DELETE FROM curation_merges WHERE alias_key = ?",
                    (const char *[]) { key }, 1, error);

  return _atlas_curation_finish (store, ok, error);
}

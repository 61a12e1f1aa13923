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

gboolean
atlas_curation_merge (AtlasStore  *store,
                      const char  *alias_name,
                      const char  *into_name,
                      GError     **error)
{
  g_autofree char *alias_key = NULL, *into_key = NULL, *target = NULL;
  g_autofree char *alias_display = NULL, *into_display = NULL;
  g_autofree char *description = NULL;
  g_autofree char *now = _atlas_curation_now ();
  gint64 log_id = 0;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);

  if ((alias_key = company_key (alias_name, error)) == NULL ||
      (into_key = company_key (into_name, error)) == NULL)
    return FALSE;

  /* Into the company the target is already counted under: no chains. */
  target = merge_target (store, into_key);
  if (target != NULL)
    {
      g_free (into_key);
      into_key = g_steal_pointer (&target);
    }

  if (g_str_equal (alias_key, into_key))
    {
      g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_INVALID,
                   _("“%s” and “%s” are already one company"), alias_name, into_name);
      return FALSE;
    }

  alias_display = company_display (store, alias_key, alias_name);
  into_display = company_display (store, into_key, into_name);
  description = g_strdup_printf (_("Merged %s into %s"), alias_display, into_display);

  if (!atlas_store_begin (store, error))
    return FALSE;

  ok = (log_id = _atlas_curation_log_begin (store, "merge", description, error)) != 0 &&
       /* The merge it replaces, and those that went into @alias_key. */
       log_merges (store, log_id, "alias_key = ?1 OR into_key = ?1", alias_key, error) &&
       _atlas_curation_exec (store,
                    "UPDATE curation_merges SET into_key = ?2, into_name = ?3 WHERE into_key = ?1",
                    (const char *[]) { alias_key, into_key, into_display }, 3, error) &&
       _atlas_curation_exec (store,
                    "INSERT OR REPLACE INTO curation_merges (alias_key, into_key, alias_name,"
                    " into_name, created_at) VALUES (?, ?, ?, ?, ?)",
                    (const char *[]) { alias_key, into_key, alias_display, into_display, now }, 5,
                    error) &&
       _atlas_curation_log_item (store, log_id, "merge-del", (const char *[]) { alias_key }, 1, error);

  return _atlas_curation_finish (store, ok, error);
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

  if ((key = company_key (name, error)) == NULL)
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

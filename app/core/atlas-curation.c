/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation.c: exclusions, hand-entered additions, company merges and
 * the undo log, each action one transaction.
 *
 * Undo: every action writes a curation_log row and items that say how to
 * put back what it changed, replayed newest first:
 *   excl-del  a=uid                       delete the exclusion it made
 *   excl-put  a..f=the exclusion's row    put back an exclusion it removed
 *   add-del   a=addition id               delete the addition it made
 *   merge-del a=alias key                 delete the merge it made
 *   merge-put a..e=the merge's row        put back a merge it removed or changed */

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
#include "atlas-store-cells.h"
#include "atlas-store-private.h"

G_DEFINE_QUARK (atlas-curation-error-quark, atlas_curation_error)

static const char * const reason_names[] = {
  [ATLAS_EXCLUSION_OUTLIER] = "outlier",
  [ATLAS_EXCLUSION_DUPLICATE] = "duplicate",
  [ATLAS_EXCLUSION_MONTHLY_AS_ANNUAL] = "monthly-as-annual",
  [ATLAS_EXCLUSION_NOT_THIS_ROLE] = "not-this-role",
  [ATLAS_EXCLUSION_OTHER] = "other",
};

const char *
atlas_exclusion_reason_to_string (AtlasExclusionReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);
  return reason_names[reason];
}

gboolean
atlas_exclusion_reason_from_string (const char           *str,
                                    AtlasExclusionReason *reason)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (reason_names); i++)
    if (g_ascii_strcasecmp (str, reason_names[i]) == 0)
      {
        *reason = i;
        return TRUE;
      }
  return FALSE;
}

const char *
atlas_exclusion_reason_label (AtlasExclusionReason reason)
{
  switch (reason)
    {
    case ATLAS_EXCLUSION_OUTLIER:
      return _("Outlier");
    case ATLAS_EXCLUSION_DUPLICATE:
      return _("Duplicate");
    case ATLAS_EXCLUSION_MONTHLY_AS_ANNUAL:
      return _("Monthly pay entered as annual");
    case ATLAS_EXCLUSION_NOT_THIS_ROLE:
      return _("Not this role");
    case ATLAS_EXCLUSION_OTHER:
    default:
      return _("Other");
    }
}

/* Helpers */

char *
_atlas_curation_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
_atlas_curation_step_done (AtlasStore    *store,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      atlas_store_set_error (store, error, what);
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql with @n_params text parameters (NULL binds NULL). */
gboolean
_atlas_curation_exec (AtlasStore         *store,
             const char         *sql,
             const char * const *params,
             guint               n_params,
             GError            **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_params; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  ok = _atlas_curation_step_done (store, stmt, _("writing curation"), error);
  sqlite3_finalize (stmt);

  return ok;
}

gint64
_atlas_curation_log_begin (AtlasStore  *store,
           const char  *action,
           const char  *description,
           GError     **error)
{
  g_autofree char *now = _atlas_curation_now ();
  const char *params[] = { now, action, description };

  if (!_atlas_curation_exec (store,
                    "INSERT INTO curation_log (at, action, description) VALUES (?, ?, ?)",
                    params, G_N_ELEMENTS (params), error))
    return 0;

  return sqlite3_last_insert_rowid (atlas_store_get_db (store));
}

/* Adds an undo item; @values are up to six texts (a … f). */
gboolean
_atlas_curation_log_item (AtlasStore         *store,
          gint64              log_id,
          const char         *op,
          const char * const *values,
          guint               n_values,
          GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_assert (n_values <= 6);

  stmt = atlas_store_prepare (store,
                              "INSERT INTO curation_log_items (log_id, seq, op, a, b, c, d, e, f)"
                              " VALUES (?1, (SELECT coalesce (max (seq), 0) + 1 FROM curation_log_items"
                              " WHERE log_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, log_id);
  sqlite3_bind_text (stmt, 2, op, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_values; i++)
    sqlite3_bind_text (stmt, 3 + i, values[i], -1, SQLITE_TRANSIENT);
  ok = _atlas_curation_step_done (store, stmt, _("writing the curation log"), error);
  sqlite3_finalize (stmt);

  return ok;
}

/* Logs how to put back the exclusion of @uid, if there is one. */
static gboolean
log_existing_exclusion (AtlasStore  *store,
                        gint64       log_id,
                        const char  *uid,
                        gboolean    *existed,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = atlas_store_prepare (store,
                              "SELECT uid, target, reason, note, summary, created_at"
                              " FROM curation_exclusions WHERE uid = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  *existed = sqlite3_step (stmt) == SQLITE_ROW;
  if (*existed)
    {
      const char *values[6];

      for (guint i = 0; i < 6; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i);
      ok = _atlas_curation_log_item (store, log_id, "excl-put", values, 6, error);
    }
  sqlite3_finalize (stmt);

  return ok;
}

/* Exclusions */

/* What a row is, in one line, kept with its exclusion so that an orphaned
 * one still says what it was about. */
#define RECORD_SUMMARY_SQL \
  "r.job_title || ' · ' || coalesce ((SELECT display_name FROM companies WHERE id = r.company_id)" \
  " || ' · ', '') || r.country || ' · ' || r.amount || ' ' || r.currency || ' · ' || r.year" \
  " || ' · ' || (SELECT name FROM sources WHERE id = r.source_id) || ':' || r.source_line"

#define FIGURE_SUMMARY_SQL \
  "coalesce (f.job_title, f.role_family, '') || ' · ' || f.country || ' · ' ||" \
  " coalesce (f.median, f.mean, '') || ' ' || f.currency || ' · ' || coalesce (f.year, '')" \
  " || ' · ' || f.citation"

/* Finds @uid among the records (a scan: records have no index on uid,
 * which would cost every import more than this look-up) or the figures;
 * *@record_id: the record's rowid, 0 for a figure. */
static gboolean
find_row (AtlasStore  *store,
          const char  *uid,
          const char **target,
          char       **summary,
          gint64      *record_id,
          GError     **error)
{
  static const struct { const char *target; const char *sql; } tables[] = {
    { "figure", "SELECT " FIGURE_SUMMARY_SQL ", 0 FROM figures f WHERE f.uid = ?" },
    { "record", "SELECT " RECORD_SUMMARY_SQL ", r.id FROM records r WHERE r.uid = ?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_stmt *stmt = atlas_store_prepare (store, tables[i].sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *target = tables[i].target;
          *summary = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *record_id = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_ROW)
        return TRUE;
      if (rc != SQLITE_DONE)
        {
          atlas_store_set_error (store, error, _("finding a record"));
          return FALSE;
        }
    }

  g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_NOT_FOUND,
               _("No record or figure has the id “%s”"), uid);
  return FALSE;
}

/* atlas_store_begin() for an action that changes exclusions: the cells
 * then follow them record by record (atlas-store-cells.h). */
static gboolean
begin_watched (AtlasStore  *store,
               GError     **error)
{
  return _atlas_store_cells_watch (store, error) && atlas_store_begin (store, error);
}

gboolean
_atlas_curation_finish (AtlasStore  *store,
        gboolean     ok,
        GError     **error)
{
  /* The statistics' cells follow the exclusions this action changed. */
  if (ok && _atlas_store_cells_apply_pending (store, error) && atlas_store_commit (store, error))
    return TRUE;
  atlas_store_rollback (store);
  return FALSE;
}

gboolean
atlas_curation_exclude (AtlasStore            *store,
                        const char            *uid,
                        AtlasExclusionReason   reason,
                        const char            *note,
                        GError               **error)
{
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *now = _atlas_curation_now ();
  const char *target = NULL;
  gboolean existed = FALSE;
  gint64 record_id = 0;
  gint64 log_id;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), FALSE);

  if (!begin_watched (store, error))
    return FALSE;

  ok = find_row (store, uid, &target, &summary, &record_id, error);
  if (ok)
    {
      description = g_strdup_printf (_("Excluded %s (%s)"), summary,
                                     atlas_exclusion_reason_label (reason));
      ok = (log_id = _atlas_curation_log_begin (store, "exclude", description, error)) != 0 &&
           log_existing_exclusion (store, log_id, uid, &existed, error);
    }
  if (ok)
    {
      const char *params[] = { uid, target, reason_names[reason], note, summary, now };

      ok = _atlas_curation_exec (store,
                        "INSERT OR REPLACE INTO curation_exclusions"
                        " (uid, target, reason, note, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        params, G_N_ELEMENTS (params), error) &&
           _atlas_store_cells_note_record (store, uid, record_id, error);
      /* A replaced exclusion comes back through its excl-put item. */
      if (ok && !existed)
        ok = _atlas_curation_log_item (store, log_id, "excl-del", (const char *[]) { uid }, 1, error);
    }

  return _atlas_curation_finish (store, ok, error);
}

gint64
atlas_curation_exclude_filter (AtlasStore            *store,
                               const AtlasFilter     *filter,
                               const char            *search,
                               AtlasExclusionReason   reason,
                               const char            *note,
                               GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *words = NULL;
  g_autofree char *description = NULL;
  g_autofree char *now = _atlas_curation_now ();
  sqlite3_stmt *stmt = NULL;
  gint64 log_id = 0;
  gint64 n = -1;
  gboolean ok;
  guint first;

  g_return_val_if_fail (store != NULL, -1);
  g_return_val_if_fail (filter != NULL, -1);

  words = atlas_filter_describe (filter);
  description = search != NULL && *search != '\0'
    ? g_strdup_printf (_("Excluded the records of %s matching “%s” (%s)"), words, search,
                       atlas_exclusion_reason_label (reason))
    : g_strdup_printf (_("Excluded the records of %s (%s)"), words,
                       atlas_exclusion_reason_label (reason));

  if (!begin_watched (store, error))
    return -1;

  ok = (log_id = _atlas_curation_log_begin (store, "exclude-filter", description, error)) != 0;

  /* The new exclusions are first written as undo items, then copied. */
  g_string_append (sql,
                   "INSERT INTO curation_log_items (log_id, seq, op, a, b)"
                   " SELECT ?1, row_number () OVER (), 'excl-del', r.uid, " RECORD_SUMMARY_SQL
                   " FROM records r WHERE r.uid NOT IN (SELECT uid FROM curation_exclusions)");
  first = params->len;
  _atlas_records_append_conditions (sql, params, filter, search);
  if (ok)
    ok = (stmt = atlas_store_prepare (store, sql->str, error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, log_id);
      for (guint i = first; i < params->len; i++)
        sqlite3_bind_text (stmt, i + 2, g_ptr_array_index (params, i), -1, SQLITE_STATIC);
      ok = _atlas_curation_step_done (store, stmt, _("excluding records"), error);
      n = sqlite3_changes (atlas_store_get_db (store));
      sqlite3_finalize (stmt);
    }
  if (ok)
    {
      stmt = atlas_store_prepare (store,
                                  "INSERT INTO curation_exclusions (uid, target, reason, note, summary, created_at)"
                                  " SELECT a, 'record', ?2, ?3, b, ?4 FROM curation_log_items WHERE log_id = ?1",
                                  error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, log_id);
      sqlite3_bind_text (stmt, 2, reason_names[reason], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, note, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      ok = _atlas_curation_step_done (store, stmt, _("excluding records"), error);
      sqlite3_finalize (stmt);
    }
  /* The summaries were only needed once. */
  if (ok)
    {
      stmt = atlas_store_prepare (store, "UPDATE curation_log_items SET b = NULL WHERE log_id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, log_id);
          ok = _atlas_curation_step_done (store, stmt, _("excluding records"), error);
          sqlite3_finalize (stmt);
        }
    }

  return _atlas_curation_finish (store, ok, error) ? n : -1;
}

static gboolean
exclusion_summary (AtlasStore  *store,
                   const char  *uid,
                   char       **summary)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store,
                                            "SELECT summary FROM curation_exclusions WHERE uid = ?",
                                            NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && summary != NULL)
    *summary = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return found;
}

gboolean
atlas_curation_restore (AtlasStore  *store,
                        const char  *uid,
                        GError     **error)
{
  g_autofree char *description = NULL;
  g_autofree char *summary = NULL;
  gboolean existed = FALSE;
  gint64 log_id = 0;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  if (!exclusion_summary (store, uid, &summary))
    {
      g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_NOT_FOUND,
                   _("“%s” is not excluded"), uid);
      return FALSE;
    }

  if (!begin_watched (store, error))
    return FALSE;

  description = g_strdup_printf (_("Restored %s"), summary);
  ok = (log_id = _atlas_curation_log_begin (store, "restore", description, error)) != 0 &&
       log_existing_exclusion (store, log_id, uid, &existed, error) &&
       _atlas_curation_exec (store, "DELETE FROM curation_exclusions WHERE uid = ?",
                    (const char *[]) { uid }, 1, error);

  return _atlas_curation_finish (store, ok, error);
}

gboolean
atlas_curation_is_excluded (AtlasStore            *store,
                            const char            *uid,
                            AtlasExclusionReason  *reason,
                            char                 **created_at)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  stmt = atlas_store_prepare (store,
                              "SELECT reason, created_at FROM curation_exclusions WHERE uid = ?",
                              NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && reason != NULL)
    atlas_exclusion_reason_from_string ((const char *) sqlite3_column_text (stmt, 0), reason);
  if (found && created_at != NULL)
    *created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  return found;
}

gint64
atlas_curation_count_exclusions (AtlasStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (store != NULL, 0);

  stmt = atlas_store_prepare (store, "SELECT count(*) FROM curation_exclusions", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* Undo */

gboolean
atlas_curation_undo (AtlasStore  *store,
                     char       **description,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *text = NULL;
  gint64 log_id = 0;
  gboolean resync = FALSE;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!begin_watched (store, error))
    return FALSE;

  stmt = atlas_store_prepare (store,
                              "SELECT id, description FROM curation_log WHERE NOT undone"
                              " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return _atlas_curation_finish (store, FALSE, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      log_id = sqlite3_column_int64 (stmt, 0);
      text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);

  if (log_id == 0)
    {
      atlas_store_rollback (store);
      g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_NOTHING_TO_UNDO,
                   _("There is no curation action to undo"));
      return FALSE;
    }

  stmt = atlas_store_prepare (store,
                              "SELECT op, a, b, c, d, e, f FROM curation_log_items WHERE log_id = ?"
                              " ORDER BY seq DESC", error);
  if (stmt == NULL)
    return _atlas_curation_finish (store, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, log_id);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *op = (const char *) sqlite3_column_text (stmt, 0);
      const char *v[6];

      for (guint i = 0; i < 6; i++)
        v[i] = (const char *) sqlite3_column_text (stmt, 1 + i);

      if (g_str_equal (op, "excl-del"))
        ok = _atlas_curation_exec (store, "DELETE FROM curation_exclusions WHERE uid = ?", v, 1, error);
      else if (g_str_equal (op, "excl-put"))
        ok = _atlas_curation_exec (store,
                          "INSERT OR REPLACE INTO curation_exclusions"
                          " (uid, target, reason, note, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                          v, 6, error);
      else if (g_str_equal (op, "add-del"))
        {
          ok = _atlas_curation_exec (store, "DELETE FROM curation_additions WHERE id = CAST (? AS INTEGER)",
                            v, 1, error);
          resync = TRUE;
        }
      else if (g_str_equal (op, "merge-del"))
        ok = _atlas_curation_exec (store, "DELETE FROM curation_merges WHERE alias_key = ?", v, 1, error);
      else if (g_str_equal (op, "merge-put"))
        ok = _atlas_curation_exec (store,
                          "INSERT OR REPLACE INTO curation_merges (alias_key, into_key, alias_name,"
                          " into_name, created_at) VALUES (?, ?, ?, ?, ?)",
                          v, 5, error);
      else
        g_warning ("Unknown curation undo op “%s”", op);
    }
  if (ok && rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading the curation log"));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);

  if (ok && resync)
    ok = atlas_curation_sync_additions (store, error);
  if (ok)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, log_id);

      ok = _atlas_curation_exec (store, "UPDATE curation_log SET undone = 1 WHERE id = CAST (? AS INTEGER)",
                        (const char *[]) { id }, 1, error) &&
           _atlas_curation_exec (store, "DELETE FROM curation_log_items WHERE log_id = CAST (? AS INTEGER)",
                        (const char *[]) { id }, 1, error);
    }

  if (!_atlas_curation_finish (store, ok, error))
    return FALSE;
  if (description != NULL)
    *description = g_steal_pointer (&text);
  return TRUE;
}

/* The list */

void
atlas_curation_entry_free (AtlasCurationEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->key);
  g_free (entry->reason);
  g_free (entry->description);
  g_free (entry->note);
  g_free (entry->created_at);
  g_free (entry);
}

static gboolean
list_query (AtlasStore         *store,
            GPtrArray          *entries,
            AtlasCurationKind   kind,
            const char         *sql,
            GError            **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AtlasCurationEntry *e = g_new0 (AtlasCurationEntry, 1);

      e->kind = kind;
      e->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->description = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->note = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->orphaned = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (entries, e);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading curation"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
atlas_curation_list (AtlasStore  *store,
                     GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_curation_entry_free);

  g_return_val_if_fail (store != NULL, NULL);

  /* Orphans: one scan of the records for all exclusions, not one per entry. */
  if (!list_query (store, entries, ATLAS_CURATION_EXCLUSION,
                   "SELECT e.uid, e.reason, e.summary, e.note, e.created_at,"
                   " CASE e.target WHEN 'figure' THEN NOT EXISTS (SELECT 1 FROM figures f WHERE f.uid = e.uid)"
                   " ELSE e.uid NOT IN (SELECT r.uid FROM records r"
                   "  WHERE r.uid IN (SELECT uid FROM curation_exclusions)) END"
                   " FROM curation_exclusions e ORDER BY e.created_at, e.uid",
                   error) ||
      !list_query (store, entries, ATLAS_CURATION_ADDITION,
                   "SELECT a.id, a.kind, a.job_title || ' · ' || coalesce (a.company || ' · ', '')"
                   " || a.country || ' · ' || a.amount || ' ' || a.currency || ' · ' || a.year"
                   " || ' · ' || a.publisher || ', ' || a.reference || ' (' || a.cited_on || ')',"
                   " a.note, a.created_at, 0 FROM curation_additions a ORDER BY a.id",
                   error) ||
      !list_query (store, entries, ATLAS_CURATION_MERGE,
                   "SELECT m.alias_key, 'merge', m.alias_name || ' → ' || m.into_name, NULL,"
                   " m.created_at, NOT EXISTS (SELECT 1 FROM companies c WHERE c.key = m.alias_key)"
                   " FROM curation_merges m ORDER BY m.created_at, m.alias_key",
                   error))
    return NULL;

  return g_steal_pointer (&entries);
}

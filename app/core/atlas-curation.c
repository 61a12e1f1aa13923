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
#include "atlas-figure.h"
#include "atlas-money.h"
#include "atlas-records.h"
#include "atlas-roles.h"
#include "atlas-sources-private.h"
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

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
step_done (AtlasStore    *store,
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
static gboolean
exec_params (AtlasStore         *store,
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
  ok = step_done (store, stmt, _("writing curation"), error);
  sqlite3_finalize (stmt);

  return ok;
}

static gint64
log_begin (AtlasStore  *store,
           const char  *action,
           const char  *description,
           GError     **error)
{
  g_autofree char *now = now_iso8601 ();
  const char *params[] = { now, action, description };

  if (!exec_params (store,
                    "INSERT INTO curation_log (at, action, description) VALUES (?, ?, ?)",
                    params, G_N_ELEMENTS (params), error))
    return 0;

  return sqlite3_last_insert_rowid (atlas_store_get_db (store));
}

/* Adds an undo item; @values are up to six texts (a … f). */
static gboolean
log_item (AtlasStore         *store,
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
  ok = step_done (store, stmt, _("writing the curation log"), error);
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
      ok = log_item (store, log_id, "excl-put", values, 6, error);
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
 * which would cost every import more than this look-up) or the figures. */
static gboolean
find_row (AtlasStore  *store,
          const char  *uid,
          const char **target,
          char       **summary,
          GError     **error)
{
  static const struct { const char *target; const char *sql; } tables[] = {
    { "figure", "SELECT " FIGURE_SUMMARY_SQL " FROM figures f WHERE f.uid = ?" },
    { "record", "SELECT " RECORD_SUMMARY_SQL " FROM records r WHERE r.uid = ?" },
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

static gboolean
finish (AtlasStore  *store,
        gboolean     ok,
        GError     **error)
{
  if (ok && atlas_store_commit (store, error))
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
  g_autofree char *now = now_iso8601 ();
  const char *target = NULL;
  gboolean existed = FALSE;
  gint64 log_id;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), FALSE);

  if (!atlas_store_begin (store, error))
    return FALSE;

  ok = find_row (store, uid, &target, &summary, error);
  if (ok)
    {
      description = g_strdup_printf (_("Excluded %s (%s)"), summary,
                                     atlas_exclusion_reason_label (reason));
      ok = (log_id = log_begin (store, "exclude", description, error)) != 0 &&
           log_existing_exclusion (store, log_id, uid, &existed, error);
    }
  if (ok)
    {
      const char *params[] = { uid, target, reason_names[reason], note, summary, now };

      ok = exec_params (store,
                        "INSERT OR REPLACE INTO curation_exclusions"
                        " (uid, target, reason, note, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        params, G_N_ELEMENTS (params), error);
      /* A replaced exclusion comes back through its excl-put item. */
      if (ok && !existed)
        ok = log_item (store, log_id, "excl-del", (const char *[]) { uid }, 1, error);
    }

  return finish (store, ok, error);
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
  g_autofree char *now = now_iso8601 ();
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

  if (!atlas_store_begin (store, error))
    return -1;

  ok = (log_id = log_begin (store, "exclude-filter", description, error)) != 0;

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
      ok = step_done (store, stmt, _("excluding records"), error);
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
      ok = step_done (store, stmt, _("excluding records"), error);
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
          ok = step_done (store, stmt, _("excluding records"), error);
          sqlite3_finalize (stmt);
        }
    }

  return finish (store, ok, error) ? n : -1;
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

  if (!atlas_store_begin (store, error))
    return FALSE;

  description = g_strdup_printf (_("Restored %s"), summary);
  ok = (log_id = log_begin (store, "restore", description, error)) != 0 &&
       log_existing_exclusion (store, log_id, uid, &existed, error) &&
       exec_params (store, "DELETE FROM curation_exclusions WHERE uid = ?",
                    (const char *[]) { uid }, 1, error);

  return finish (store, ok, error);
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

/* Additions */

AtlasAddition *
atlas_addition_new (void)
{
  AtlasAddition *self = g_new0 (AtlasAddition, 1);

  self->amount = NAN;
  self->amount_low = NAN;
  self->amount_high = NAN;
  return self;
}

void
atlas_addition_free (AtlasAddition *addition)
{
  if (addition == NULL)
    return;

  g_free (addition->title);
  g_free (addition->company);
  g_free (addition->country);
  g_free (addition->city);
  g_free (addition->experience);
  g_free (addition->currency);
  g_free (addition->publisher);
  g_free (addition->reference);
  g_free (addition->cited_on);
  g_free (addition->note);
  g_free (addition);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static int
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_get_year (now);
}

/* An annual amount between these (in USD at the year's rate) is plausible
 * for a salary: below is a monthly or hourly figure or a typo, above a
 * misplaced digit.  Generous on purpose; the user can still exclude. */
#define PLAUSIBLE_USD_MIN 300.0
#define PLAUSIBLE_USD_MAX 5000000.0

static char *
check_amount (const AtlasAddition *a,
              double               amount,
              AtlasRates          *rates)
{
  double per_usd = 0;

  if (isnan (amount) || amount <= 0)
    return g_strdup (_("Enter a positive annual amount"));
  if (rates == NULL || a->currency == NULL || !atlas_money_is_currency (a->currency))
    return NULL;

  /* The year's rate, or the nearest earlier one. */
  for (int y = a->year; y > a->year - 10 && per_usd <= 0; y--)
    if (!atlas_rates_get_fx (rates, a->currency, y, &per_usd))
      per_usd = 0;
  if (per_usd <= 0 && g_strcmp0 (a->currency, "USD") == 0)
    per_usd = 1;
  if (per_usd <= 0)
    return NULL;

  if (amount / per_usd < PLAUSIBLE_USD_MIN)
    return g_strdup (_("Too small for an annual salary: is it monthly or hourly?"));
  if (amount / per_usd > PLAUSIBLE_USD_MAX)
    return g_strdup (_("Too large for an annual salary: check the digits"));
  return NULL;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;
  char end;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
atlas_addition_check_field (const AtlasAddition *a,
                            AtlasAdditionField   field,
                            AtlasRates          *rates)
{
  g_return_val_if_fail (a != NULL, NULL);

  switch (field)
    {
    case ATLAS_ADDITION_FIELD_TITLE:
      return is_blank (a->title) ? g_strdup (_("Enter the job title")) : NULL;
    case ATLAS_ADDITION_FIELD_COMPANY:
      if (!is_blank (a->company))
        {
          g_autofree char *key = atlas_company_normalise_key (a->company);

          if (key == NULL)
            return g_strdup (_("Not an employer’s name; leave it empty if there is none"));
        }
      return NULL;
    case ATLAS_ADDITION_FIELD_COUNTRY:
      return a->country == NULL || !atlas_money_is_country (a->country)
        ? g_strdup (_("Enter a country as an ISO 3166 code, such as IN or US")) : NULL;
    case ATLAS_ADDITION_FIELD_EXPERIENCE:
      return a->experience != NULL &&
             !g_strv_contains ((const char * const[]) { "EN", "MI", "SE", "EX", NULL }, a->experience)
        ? g_strdup (_("Experience is one of EN, MI, SE, EX")) : NULL;
    case ATLAS_ADDITION_FIELD_CURRENCY:
      return a->currency == NULL || !atlas_money_is_currency (a->currency)
        ? g_strdup (_("Enter a currency this version knows, as an ISO 4217 code such as INR")) : NULL;
    case ATLAS_ADDITION_FIELD_AMOUNT:
      return check_amount (a, a->amount, rates);
    case ATLAS_ADDITION_FIELD_RANGE:
      if (!isnan (a->amount_low) && (a->amount_low <= 0 || a->amount_low > a->amount))
        return g_strdup (_("The low end of the range is positive and at most the amount"));
      if (!isnan (a->amount_high) && a->amount_high < a->amount)
        return g_strdup (_("The high end of the range is at least the amount"));
      return NULL;
    case ATLAS_ADDITION_FIELD_N:
      if (a->n < 0)
        return g_strdup (_("The number of reports is positive"));
      if (a->kind == ATLAS_ADDITION_POSTING && a->n > 1)
        return g_strdup (_("A posting is one observation; enter a figure for several reports"));
      return NULL;
    case ATLAS_ADDITION_FIELD_YEAR:
      return a->year < 1990 || a->year > current_year () + 1
        ? g_strdup_printf (_("Enter a year from 1990 to %d"), current_year () + 1) : NULL;
    case ATLAS_ADDITION_FIELD_PUBLISHER:
      return is_blank (a->publisher)
        ? g_strdup (_("Say who published it (the citation is required)")) : NULL;
    case ATLAS_ADDITION_FIELD_REFERENCE:
      return is_blank (a->reference)
        ? g_strdup (_("Enter the URL or a reference (the citation is required)")) : NULL;
    case ATLAS_ADDITION_FIELD_CITED_ON:
      {
        GDate date, today;

        if (!parse_date (a->cited_on, &date))
          return g_strdup (_("Enter the date of the citation as YYYY-MM-DD"));
        g_date_clear (&today, 1);
        g_date_set_time_t (&today, time (NULL));
        if (g_date_compare (&date, &today) > 0)
          return g_strdup (_("The date of the citation is in the future"));
        return NULL;
      }
    case ATLAS_ADDITION_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char * const field_names[ATLAS_ADDITION_N_FIELDS] = {
  "title", "company", "country", "experience", "currency", "amount", "range", "n", "year",
  "publisher", "reference", "date",
};

static char *
double_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

gint64
atlas_curation_add (AtlasStore           *store,
                    const AtlasAddition  *a,
                    GError              **error)
{
  g_autoptr(AtlasRates) rates = NULL;
  g_autofree char *description = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *amount = NULL, *low = NULL, *high = NULL, *n = NULL, *year = NULL;
  g_autofree char *id_text = NULL;
  gint64 log_id = 0, id = 0;
  gboolean ok;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (a != NULL, 0);

  rates = atlas_rates_load (store, NULL);
  for (guint f = 0; f < ATLAS_ADDITION_N_FIELDS; f++)
    {
      g_autofree char *message = atlas_addition_check_field (a, f, rates);

      if (message != NULL)
        {
          g_set_error (error, ATLAS_CURATION_ERROR, ATLAS_CURATION_ERROR_INVALID,
                       "%s: %s", field_names[f], message);
          return 0;
        }
    }

  amount = double_text (a->amount);
  low = double_text (a->amount_low);
  high = double_text (a->amount_high);
  n = a->n > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, a->n) : NULL;
  year = g_strdup_printf ("%d", a->year);
  description = g_strdup_printf (_("Added %s %s · %s %s %s · %s"),
                                 a->kind == ATLAS_ADDITION_POSTING ? _("posting") : _("figure"),
                                 a->title, a->country, amount, a->currency, a->publisher);

  if (!atlas_store_begin (store, error))
    return 0;

  ok = (log_id = log_begin (store, "add", description, error)) != 0;
  if (ok)
    {
      const char *params[] = {
        a->kind == ATLAS_ADDITION_POSTING ? "posting" : "figure",
        g_strstrip (g_strdup (a->title)), is_blank (a->company) ? NULL : a->company,
        a->country, is_blank (a->city) ? NULL : a->city, a->experience, a->currency,
        amount, low, high, n, year, a->publisher, a->reference, a->cited_on, a->note, now,
      };

      ok = exec_params (store,
                        "INSERT INTO curation_additions (kind, job_title, company, country, city,"
                        " experience, currency, amount, amount_low, amount_high, n, year, publisher,"
                        " reference, cited_on, note, created_at) VALUES (?, ?, ?, upper (?), ?, ?,"
                        " upper (?), CAST (? AS REAL), CAST (? AS REAL), CAST (? AS REAL),"
                        " CAST (? AS INTEGER), CAST (? AS INTEGER), ?, ?, ?, ?, ?)",
                        params, G_N_ELEMENTS (params), error);
      g_free ((char *) params[1]);
    }
  if (ok)
    {
      id = sqlite3_last_insert_rowid (atlas_store_get_db (store));
      id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      ok = log_item (store, log_id, "add-del", (const char *[]) { id_text }, 1, error) &&
           atlas_curation_sync_additions (store, error);
    }

  return finish (store, ok, error) ? id : 0;
}

static gint64
ensure_curated_source (AtlasStore  *store,
                       GError     **error)
{
  AtlasSource curated = {
    .name = (char *) ATLAS_CURATION_SOURCE_NAME,
    .kind = (char *) "curated",
    .format = (char *) "curation",
    /* The licence of each entry is its publisher's; the citation says which. */
    .licence = (char *) "Entered by hand; each entry cites its publisher",
    .attribution = (char *) "Entered by hand; each entry cites its publisher",
  };

  return atlas_sources_add (store, &curated, ATLAS_SOURCES_ADD_IGNORE, error);
}

static char *
citation_text (sqlite3_stmt *stmt,
               int           publisher,
               int           reference,
               int           cited_on)
{
  return g_strdup_printf ("%s, %s (%s)",
                          (const char *) sqlite3_column_text (stmt, publisher),
                          (const char *) sqlite3_column_text (stmt, reference),
                          (const char *) sqlite3_column_text (stmt, cited_on));
}

gboolean
atlas_curation_sync_additions (AtlasStore  *store,
                               GError     **error)
{
  g_autoptr(AtlasFigureWriter) figures = NULL;
  AtlasRoles *roles = atlas_roles_get_default ();
  sqlite3_stmt *read = NULL, *insert = NULL;
  g_autofree char *source_text = NULL;
  gint64 source_id;
  gboolean ok = TRUE;
  gint64 n_rows = 0;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (store != NULL, FALSE);

  source_id = ensure_curated_source (store, error);
  if (source_id <= 0)
    return FALSE;
  source_text = g_strdup_printf ("%" G_GINT64_FORMAT, source_id);

  if (!exec_params (store, "DELETE FROM records WHERE source_id = CAST (? AS INTEGER)",
                    (const char *[]) { source_text }, 1, error) ||
      !exec_params (store, "DELETE FROM figures WHERE source_id = CAST (? AS INTEGER)",
                    (const char *[]) { source_text }, 1, error))
    return FALSE;

  figures = atlas_figure_writer_new (store, error);
  read = atlas_store_prepare (store,
                              "SELECT id, kind, job_title, company, country, city, experience,"
                              " currency, amount, amount_low, amount_high, n, year, publisher,"
                              " reference, cited_on, note FROM curation_additions ORDER BY id",
                              error);
  insert = atlas_store_prepare (store,
                                "INSERT INTO records (uid, source_id, source_line, kind, job_title,"
                                " role_family, company_id, country, city, experience, amount,"
                                " currency, year, date) VALUES ('hand-' || ?1, ?2, ?1, 'posting', ?3,"
                                " ?4, nullif (?5, 0), ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                error);
  if (figures == NULL || read == NULL || insert == NULL)
    ok = FALSE;

  while (ok && (rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (read, 0);
      const char *kind = (const char *) sqlite3_column_text (read, 1);
      const char *title = (const char *) sqlite3_column_text (read, 2);
      const char *company = (const char *) sqlite3_column_text (read, 3);

      if (g_strcmp0 (kind, "posting") == 0)
        {
          gint64 company_id = atlas_store_ensure_company (store, company, error);

          if (company_id < 0)
            {
              ok = FALSE;
              break;
            }
          sqlite3_reset (insert);
          sqlite3_bind_int64 (insert, 1, id);
          sqlite3_bind_int64 (insert, 2, source_id);
          sqlite3_bind_text (insert, 3, title, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 4, atlas_roles_classify (roles, title), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (insert, 5, company_id);
          sqlite3_bind_value (insert, 6, sqlite3_column_value (read, 4));
          sqlite3_bind_value (insert, 7, sqlite3_column_value (read, 5));
          sqlite3_bind_value (insert, 8, sqlite3_column_value (read, 6));
          sqlite3_bind_value (insert, 9, sqlite3_column_value (read, 8));
          sqlite3_bind_value (insert, 10, sqlite3_column_value (read, 7));
          sqlite3_bind_value (insert, 11, sqlite3_column_value (read, 12));
          sqlite3_bind_value (insert, 12, sqlite3_column_value (read, 15));
          ok = step_done (store, insert, _("writing an addition"), error);
          n_rows++;
        }
      else
        {
          AtlasFigure f = { 0 };
          const char *reference = (const char *) sqlite3_column_text (read, 14);

          f.uid = g_strdup_printf ("hand-figure-%" G_GINT64_FORMAT, id);
          f.role_family = g_strdup (atlas_roles_classify (roles, title));
          f.job_title = g_strdup (title);
          f.country = g_strdup ((const char *) sqlite3_column_text (read, 4));
          f.company = g_strdup (company);
          f.experience = g_strdup ((const char *) sqlite3_column_text (read, 6));
          f.year = sqlite3_column_int (read, 12);
          f.currency = g_strdup ((const char *) sqlite3_column_text (read, 7));
          f.median = sqlite3_column_double (read, 8);
          f.p25 = sqlite3_column_type (read, 9) == SQLITE_NULL ? NAN : sqlite3_column_double (read, 9);
          f.p75 = sqlite3_column_type (read, 10) == SQLITE_NULL ? NAN : sqlite3_column_double (read, 10);
          f.mean = NAN;
          f.n = sqlite3_column_int64 (read, 11);
          f.statistic = g_strdup ("median");
          f.citation = citation_text (read, 13, 14, 15);
          f.url = g_str_has_prefix (reference, "http://") || g_str_has_prefix (reference, "https://")
            ? g_strdup (reference) : NULL;
          f.licence = g_strdup_printf (_("Quoted from %s"), (const char *) sqlite3_column_text (read, 13));
          f.retrieved = g_strdup ((const char *) sqlite3_column_text (read, 15));
          f.note = g_strdup ((const char *) sqlite3_column_text (read, 16));
          ok = atlas_figure_writer_add (figures, source_id, &f, error);
          atlas_figure_clear (&f);
          n_rows++;
        }
    }
  if (ok && rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("reading additions"));
      ok = FALSE;
    }
  g_clear_pointer (&read, sqlite3_finalize);
  g_clear_pointer (&insert, sqlite3_finalize);

  if (ok)
    {
      ok = _atlas_sources_set_counts (store, source_id, n_rows, -1, error) &&
           atlas_store_recount_facets (store, source_id, error);
    }

  return ok;
}

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
      ok = log_item (store, log_id, "merge-put", values, 5, error);
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
  g_autofree char *now = now_iso8601 ();
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

  ok = (log_id = log_begin (store, "merge", description, error)) != 0 &&
       /* The merge it replaces, and those that went into @alias_key. */
       log_merges (store, log_id, "alias_key = ?1 OR into_key = ?1", alias_key, error) &&
       exec_params (store,
                    "UPDATE curation_merges SET into_key = ?2, into_name = ?3 WHERE into_key = ?1",
                    (const char *[]) { alias_key, into_key, into_display }, 3, error) &&
       exec_params (store,
                    "INSERT OR REPLACE INTO curation_merges (alias_key, into_key, alias_name,"
                    " into_name, created_at) VALUES (?, ?, ?, ?, ?)",
                    (const char *[]) { alias_key, into_key, alias_display, into_display, now }, 5,
                    error) &&
       log_item (store, log_id, "merge-del", (const char *[]) { alias_key }, 1, error);

  return finish (store, ok, error);
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

  ok = (log_id = log_begin (store, "split", description, error)) != 0 &&
       log_merges (store, log_id, "alias_key = ?1", key, error) &&
       exec_params (store, "DELETE FROM curation_merges WHERE alias_key = ?",
                    (const char *[]) { key }, 1, error);

  return finish (store, ok, error);
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

  if (!atlas_store_begin (store, error))
    return FALSE;

  stmt = atlas_store_prepare (store,
                              "SELECT id, description FROM curation_log WHERE NOT undone"
                              " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return finish (store, FALSE, error);
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
    return finish (store, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, log_id);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *op = (const char *) sqlite3_column_text (stmt, 0);
      const char *v[6];

      for (guint i = 0; i < 6; i++)
        v[i] = (const char *) sqlite3_column_text (stmt, 1 + i);

      if (g_str_equal (op, "excl-del"))
        ok = exec_params (store, "DELETE FROM curation_exclusions WHERE uid = ?", v, 1, error);
      else if (g_str_equal (op, "excl-put"))
        ok = exec_params (store,
                          "INSERT OR REPLACE INTO curation_exclusions"
                          " (uid, target, reason, note, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                          v, 6, error);
      else if (g_str_equal (op, "add-del"))
        {
          ok = exec_params (store, "DELETE FROM curation_additions WHERE id = CAST (? AS INTEGER)",
                            v, 1, error);
          resync = TRUE;
        }
      else if (g_str_equal (op, "merge-del"))
        ok = exec_params (store, "DELETE FROM curation_merges WHERE alias_key = ?", v, 1, error);
      else if (g_str_equal (op, "merge-put"))
        ok = exec_params (store,
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

      ok = exec_params (store, "UPDATE curation_log SET undone = 1 WHERE id = CAST (? AS INTEGER)",
                        (const char *[]) { id }, 1, error) &&
           exec_params (store, "DELETE FROM curation_log_items WHERE log_id = CAST (? AS INTEGER)",
                        (const char *[]) { id }, 1, error);
    }

  if (!finish (store, ok, error))
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-curation-additions.c: figures and postings entered by hand, each
 * with a citation, checked field by field, and kept as the records and
 * figures of the "Hand-entered" source so that every statistic sees them.
 * One transaction per addition, logged for undo (atlas-curation.c). */

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
  g_autofree char *now = _atlas_curation_now ();
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

  ok = (log_id = _atlas_curation_log_begin (store, "add", description, error)) != 0;
  if (ok)
    {
      const char *params[] = {
        a->kind == ATLAS_ADDITION_POSTING ? "posting" : "figure",
        g_strstrip (g_strdup (a->title)), is_blank (a->company) ? NULL : a->company,
        a->country, is_blank (a->city) ? NULL : a->city, a->experience, a->currency,
        amount, low, high, n, year, a->publisher, a->reference, a->cited_on, a->note, now,
      };

      ok = _atlas_curation_exec (store,
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
      ok = _atlas_curation_log_item (store, log_id, "add-del", (const char *[]) { id_text }, 1, error) &&
           atlas_curation_sync_additions (store, error);
    }

  return _atlas_curation_finish (store, ok, error) ? id : 0;
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

  if (!_atlas_curation_exec (store, "DELETE FROM records WHERE source_id = CAST (? AS INTEGER)",
                    (const char *[]) { source_text }, 1, error) ||
      !_atlas_curation_exec (store, "DELETE FROM figures WHERE source_id = CAST (? AS INTEGER)",
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
          ok = _atlas_curation_step_done (store, insert, _("writing an addition"), error);
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

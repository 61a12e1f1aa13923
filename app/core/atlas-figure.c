/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-figure.c: figures, and writing them to the figures table. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "atlas-figure.h"
#include "atlas-store-private.h"
#include "atlas-quote.h"

struct _AtlasFigureWriter
{
  AtlasStore   *store;
  sqlite3_stmt *insert;
};

void
atlas_figure_clear (AtlasFigure *figure)
{
  g_return_if_fail (figure != NULL);

  g_clear_pointer (&figure->uid, g_free);
  g_clear_pointer (&figure->source, g_free);
  g_clear_pointer (&figure->role_family, g_free);
  g_clear_pointer (&figure->job_title, g_free);
  g_clear_pointer (&figure->country, g_free);
  g_clear_pointer (&figure->company, g_free);
  g_clear_pointer (&figure->experience, g_free);
  g_clear_pointer (&figure->currency, g_free);
  g_clear_pointer (&figure->statistic, g_free);
  g_clear_pointer (&figure->citation, g_free);
  g_clear_pointer (&figure->url, g_free);
  g_clear_pointer (&figure->licence, g_free);
  g_clear_pointer (&figure->retrieved, g_free);
  g_clear_pointer (&figure->note, g_free);
}

void
atlas_figure_free (AtlasFigure *figure)
{
  if (figure == NULL)
    return;

  atlas_figure_clear (figure);
  g_free (figure);
}

const char *
atlas_figure_statistic_label (const char *statistic)
{
  if (g_strcmp0 (statistic, "median") == 0)
    /* Translators: the statistic a quoted figure states, inside
     * "India: ₹12,00,000 a year, median, Data Scientist, 2024" */
    return C_("statistic", "median");
  if (g_strcmp0 (statistic, "mean") == 0)
    /* Translators: the statistic a quoted figure states (the average), inside
     * "India: ₹12,00,000 a year, mean, Data Scientist, 2024" */
    return C_("statistic", "mean");

  return statistic != NULL ? statistic : "";
}

AtlasFigureWriter *
atlas_figure_writer_new (AtlasStore  *store,
                         GError     **error)
{
  g_autoptr(AtlasFigureWriter) self = g_new0 (AtlasFigureWriter, 1);

  g_return_val_if_fail (store != NULL, NULL);

  self->store = store;
  self->insert = atlas_store_prepare (store,
                                      "INSERT INTO figures (uid, source_id, role_family, job_title,"
                                      " country, company_id, experience, year, currency, p25, median,"
                                      " p75, mean, n, statistic, citation, url, licence, retrieved, note,"
                                      " pay_basis, min, max, years_min, years_max, year_from)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                      " ?, ?, ?, ?, ?, ?)",
                                      error);
  if (self->insert == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

void
atlas_figure_writer_free (AtlasFigureWriter *self)
{
  if (self == NULL)
    return;

  sqlite3_finalize (self->insert);
  g_free (self);
}

/* Empty strings count as not given, as in CSV. */
static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_double_or_null (sqlite3_stmt *stmt,
                     int           index,
                     double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

gboolean
atlas_figure_writer_add (AtlasFigureWriter  *self,
                         gint64              source_id,
                         const AtlasFigure  *figure,
                         GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 company_id = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (figure != NULL && figure->uid != NULL, FALSE);

  if (figure->company != NULL && *figure->company != '\0')
    {
      company_id = atlas_store_ensure_company (self->store, figure->company, error);
      if (company_id < 0)
        return FALSE;
      if (company_id == 0)
        {
          /* Both come from a feed's bytes. */
          g_autofree char *uid = atlas_quote (figure->uid);
          g_autofree char *company = atlas_quote (figure->company);

          g_set_error (error, ATLAS_STORE_ERROR, ATLAS_STORE_ERROR_SQL,
                       _("Figure “%s”: “%s” is not accepted as a company name"),
                       uid, company);
          return FALSE;
        }
    }

  stmt = self->insert;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  sqlite3_bind_text (stmt, 1, figure->uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, source_id);
  bind_text_or_null (stmt, 3, figure->role_family);
  bind_text_or_null (stmt, 4, figure->job_title);
  bind_text_or_null (stmt, 5, figure->country);
  if (company_id > 0)
    sqlite3_bind_int64 (stmt, 6, company_id);
  bind_text_or_null (stmt, 7, figure->experience);
  if (figure->year > 0)
    sqlite3_bind_int64 (stmt, 8, figure->year);
  bind_text_or_null (stmt, 9, figure->currency);
  bind_double_or_null (stmt, 10, figure->p25);
  bind_double_or_null (stmt, 11, figure->median);
  bind_double_or_null (stmt, 12, figure->p75);
  bind_double_or_null (stmt, 13, figure->mean);
  if (figure->n > 0)
    sqlite3_bind_int64 (stmt, 14, figure->n);
  bind_text_or_null (stmt, 15, figure->statistic);
  bind_text_or_null (stmt, 16, figure->citation);
  bind_text_or_null (stmt, 17, figure->url);
  bind_text_or_null (stmt, 18, figure->licence);
  bind_text_or_null (stmt, 19, figure->retrieved);
  bind_text_or_null (stmt, 20, figure->note);
  if (figure->pay_basis != ATLAS_PAY_BASIS_UNKNOWN)
    sqlite3_bind_text (stmt, 21, atlas_pay_basis_to_string (figure->pay_basis), -1, SQLITE_STATIC);
  if (figure->min > 0)
    sqlite3_bind_double (stmt, 22, figure->min);
  if (figure->max > 0)
    sqlite3_bind_double (stmt, 23, figure->max);
  if (figure->has_years)
    {
      bind_double_or_null (stmt, 24, figure->years_min);
      bind_double_or_null (stmt, 25, figure->years_max);
    }
  if (figure->year_from > 0)
    sqlite3_bind_int64 (stmt, 26, figure->year_from);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("storing figure “%s”"), figure->uid);

      atlas_store_set_error (self->store, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

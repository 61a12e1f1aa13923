/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-in-figures.c: published salary figures for Indian employers
 * in lakh rupees, one row per company and job title, in the shape of an
 * Indian aggregator's company pages ("Data Science Jobs in India":
 * ,company_name,job_title,min_experience,avg_salary,min_salary,max_salary,
 * num_of_salaries, with amounts such as "7.8L").
 *
 * Each row is already an aggregate, so it becomes a FIGURE, not a record:
 * its average (the statistic it states), the range of the reports behind it
 * (not percentiles), their number and the minimum years of experience.
 * The file says neither the publisher nor the date: the figures carry no
 * year, so they are shown in rupees and left out (and counted) where a
 * conversion would need a year's rate.  One import is one transaction, like
 * the record importers': bad rows are rejected with FILE:LINE: reason, and
 * with --strict the first one rolls everything back. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "atlas-company.h"
#include "atlas-csv.h"
#include "atlas-figure.h"
#include "atlas-import-private.h"
#include "atlas-quote.h"
#include "atlas-roles.h"
#include "atlas-sources.h"
#include "atlas-store-private.h"

enum
{
  COL_COMPANY,
  COL_TITLE,
  COL_MIN_EXPERIENCE,
  COL_AVG,
  COL_MIN,
  COL_MAX,
  COL_N,
  N_COLS
};

static const char * const column_names[N_COLS + 1] = {
  "company_name", "job_title", "min_experience", "avg_salary", "min_salary", "max_salary",
  "num_of_salaries", NULL,
};

#define IN_FIGURES_LICENCE \
  "unclear: publisher not stated (an Indian salary aggregator's company pages, as " \
  "collected in github.com/SANJANA-DHAGE05/Data_Science_Jobs_in_India); aggregates " \
  "with citation only"
#define IN_FIGURES_CITATION \
  "Published salary figures for Indian employers (average, range and number of " \
  "salaries; publisher and date not stated, collected before 2025-12), via " \
  "github.com/SANJANA-DHAGE05/Data_Science_Jobs_in_India"

typedef struct
{
  AtlasStore         *store;
  const char         *display_name;
  const char         *source_name;
  gboolean            strict;
  guint               max_reported;
  int                 col[N_COLS];
  guint               n_columns;
  gint64              source_id;
  AtlasFigureWriter  *writer;
  guint64             imported;
  guint64             rejected;
  GPtrArray          *rejections;
  GString            *reason;
  GHashTable         *uids;
} Import;

static gboolean
header_matches (const AtlasCsvRow *header)
{
  return _atlas_import_find_column (header, "company_name") >= 0 &&
         _atlas_import_find_column (header, "avg_salary") >= 0 &&
         _atlas_import_find_column (header, "num_of_salaries") >= 0;
}

static gboolean
detect_cb (const AtlasCsvRow  *row,
           gpointer            user_data,
           GError            **error)
{
  gboolean *matches = user_data;

  *matches = header_matches (row);
  /* Only the header is wanted. */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "header read");
  return FALSE;
}

gboolean
_atlas_import_in_figures_detect (const char *data,
                                 gsize       len)
{
  const char *eol = memchr (data, '\n', MIN (len, 4096));
  gboolean matches = FALSE;
  g_autoptr(GError) error = NULL;

  if (eol == NULL)
    return FALSE;
  atlas_csv_parse_buffer (data, eol - data + 1, detect_cb, &matches, &error);
  return matches;
}

/* "7.8L" (lakh), "1.2Cr" (crore) or a plain number of rupees. */
gboolean
_atlas_import_parse_lakh (const char *text,
                          double     *rupees)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  double factor = 1;
  char *end = NULL;
  double value;

  if (len > 1 && (copy[len - 1] == 'L' || copy[len - 1] == 'l'))
    {
      factor = 1e5;
      copy[--len] = '\0';
    }
  else if (len > 2 && g_ascii_strcasecmp (copy + len - 2, "cr") == 0)
    {
      factor = 1e7;
      len -= 2;
      copy[len] = '\0';
    }
  g_strchomp (copy);
  if (copy[0] == '\0' || !(g_ascii_isdigit (copy[0]) || copy[0] == '.'))
    return FALSE;

  errno = 0;
  value = g_ascii_strtod (copy, &end);
  if (errno != 0 || end == copy || *end != '\0' || !isfinite (value) || value <= 0)
    return FALSE;

  /* Whole rupees: 7.8 * 1e5 is 779999.99… in binary. */
  *rupees = round (value * factor);
  return TRUE;
}

static gboolean
reject (Import             *self,
        const AtlasCsvRow  *row,
        GError            **error)
{
  self->rejected++;
  if (self->strict)
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_ROW,
                   "%s:%" G_GUINT64_FORMAT ": %s", self->display_name, row->line, self->reason->str);
      return FALSE;
    }
  if (self->rejections->len < self->max_reported)
    g_ptr_array_add (self->rejections,
                     g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s",
                                      self->display_name, row->line, self->reason->str));
  return TRUE;
}

static gboolean
parse_amount (Import     *self,
              const char *text,
              const char *what,
              double     *value)
{
  g_autofree char *quoted = NULL;

  if (_atlas_import_parse_lakh (text, value))
    return TRUE;
  quoted = atlas_quote (text);
  g_string_printf (self->reason, _("%s “%s” is not an amount such as 7.8L"), what, quoted);
  return FALSE;
}

static gboolean
row_cb (const AtlasCsvRow  *row,
        gpointer            user_data,
        GError            **error)
{
  Import *self = user_data;
  AtlasFigure f = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *uid = NULL;
  const char *company, *title, *family;
  gint64 n, years;

  if (row->index == 0)
    {
      if (!_atlas_import_find_columns (row, column_names, self->col, self->display_name,
                                       "in-figures", error))
        return FALSE;
      self->n_columns = row->n_fields;
      return TRUE;
    }

  g_string_truncate (self->reason, 0);
  if (!row->valid_utf8)
    {
      g_string_assign (self->reason, _("invalid UTF-8"));
      return reject (self, row, error);
    }
  if (row->n_fields != self->n_columns)
    {
      g_string_printf (self->reason, _("expected %u fields, found %u"), self->n_columns, row->n_fields);
      return reject (self, row, error);
    }

  company = _atlas_import_field (row, self->col[COL_COMPANY]);
  title = _atlas_import_field (row, self->col[COL_TITLE]);
  key = atlas_company_normalise_key (company);
  if (key == NULL)
    {
      g_autofree char *quoted = atlas_quote (company);

      g_string_printf (self->reason, _("“%s” is not an employer"), quoted);
      return reject (self, row, error);
    }
  if (*title == '\0')
    {
      g_string_assign (self->reason, _("no job title"));
      return reject (self, row, error);
    }

  f.mean = f.p25 = f.median = f.p75 = NAN;
  f.years_max = NAN;
  if (!parse_amount (self, _atlas_import_field (row, self->col[COL_AVG]), "avg_salary", &f.mean) ||
      !parse_amount (self, _atlas_import_field (row, self->col[COL_MIN]), "min_salary", &f.min) ||
      !parse_amount (self, _atlas_import_field (row, self->col[COL_MAX]), "max_salary", &f.max) ||
      !_atlas_import_parse_int (_atlas_import_field (row, self->col[COL_N]), "num_of_salaries",
                                &n, self->reason) ||
      !_atlas_import_parse_int (_atlas_import_field (row, self->col[COL_MIN_EXPERIENCE]),
                                "min_experience", &years, self->reason))
    return reject (self, row, error);
  if (n < 1 || years < 0 || years > 60 || f.min > f.mean || f.mean > f.max)
    {
      /* The fields parsed as numbers: nothing to escape. */
      g_string_printf (self->reason, _("inconsistent figure: minimum %.0f, average %.0f, maximum %.0f, "
                                       "n = %" PRId64 ", %" PRId64 " years"),
                       f.min, f.mean, f.max, n, years);
      return reject (self, row, error);
    }

  /* A title no family claims is kept, as "Other", like the records'. */
  family = atlas_roles_classify (atlas_roles_get_default (), title);

  /* One figure per employer and title; a repeated pair is a second
   * figure of the same page, kept apart by its line. */
  uid = g_strdup_printf ("%s:%s:%s", self->source_name, key, title);
  if (g_hash_table_contains (self->uids, uid))
    {
      g_free (uid);
      uid = g_strdup_printf ("%s:%s:%s:%" G_GUINT64_FORMAT, self->source_name, key, title, row->line);
    }
  g_hash_table_add (self->uids, g_strdup (uid));

  f.uid = uid;
  f.role_family = (char *) (family != NULL ? family : "Other");
  f.job_title = (char *) title;
  f.country = (char *) "IN";
  f.company = (char *) company;
  f.currency = (char *) "INR";
  f.n = n;
  f.statistic = (char *) "mean";
  f.citation = (char *) IN_FIGURES_CITATION;
  f.licence = (char *) IN_FIGURES_LICENCE;
  f.has_years = TRUE;
  f.years_min = years;
  f.pay_basis = ATLAS_PAY_BASIS_UNKNOWN;

  if (!atlas_figure_writer_add (self->writer, self->source_id, &f, error))
    return FALSE;
  self->imported++;

  return TRUE;
}

static gboolean
exec_source (Import      *self,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (self->store, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->source_id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    atlas_store_set_error (self->store, error, _("writing a source"));
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
write_source (Import                   *self,
              const AtlasImportOptions *options,
              const char               *sha256,
              guint64                  *previous,
              GError                  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_stmt *stmt;
  gboolean ok;

  self->source_id = atlas_sources_find_id (self->store, self->source_name);
  if (self->source_id > 0)
    {
      stmt = atlas_store_prepare (self->store, "SELECT count(*) FROM figures WHERE source_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->source_id);
      *previous = sqlite3_step (stmt) == SQLITE_ROW ? (guint64) sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_finalize (stmt);
      /* A source of records becomes one of figures only by being removed
       * first: never mix the two under one name. */
      stmt = atlas_store_prepare (self->store, "SELECT count(*) FROM records WHERE source_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->source_id);
      ok = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == 0;
      sqlite3_finalize (stmt);
      if (!ok)
        {
          g_autofree char *quoted_source = atlas_quote (self->source_name);

          g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_FORMAT,
                       _("%s: the source “%s” holds records; remove it before importing figures under its name"),
                       self->display_name, quoted_source);
          return FALSE;
        }
      if (!exec_source (self, "DELETE FROM figures WHERE source_id = ?", error))
        return FALSE;
    }
  else
    {
      stmt = atlas_store_prepare (self->store,
                                  "INSERT INTO sources (name, kind, format) VALUES (?, 'file', 'in-figures')",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, self->source_name, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_finalize (stmt);
      if (!ok)
        {
          atlas_store_set_error (self->store, error, _("writing a source"));
          return FALSE;
        }
      self->source_id = sqlite3_last_insert_rowid (atlas_store_get_db (self->store));
    }

  stmt = atlas_store_prepare (self->store,
                              "UPDATE sources SET kind = ?, format = 'in-figures', url = ?, licence = ?,"
                              " attribution = ?, retrieved_at = ?, content_sha256 = ?,"
                              " last_attempt_at = ?, last_status = 'imported' WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, options->source_kind ? options->source_kind : "file", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, options->url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, options->licence ? options->licence : IN_FIGURES_LICENCE, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, options->attribution ? options->attribution : IN_FIGURES_CITATION, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, self->source_id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    atlas_store_set_error (self->store, error, _("writing a source"));
  return ok;
}

static gboolean
finish_source (Import      *self,
               const char  *sha256,
               guint64      previous,
               GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = atlas_store_prepare (self->store,
                              "UPDATE sources SET row_count = ?, rejected_count = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->imported);
  sqlite3_bind_int64 (stmt, 2, self->rejected);
  sqlite3_bind_int64 (stmt, 3, self->source_id);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    {
      atlas_store_set_error (self->store, error, _("writing a source"));
      return FALSE;
    }

  stmt = atlas_store_prepare (self->store,
                              "INSERT INTO source_history (source_id, at, outcome, content_sha256,"
                              " rows_before, rows_after, added, removed, message)"
                              " VALUES (?, ?, 'imported', ?, ?, ?, ?, ?, 'figures')",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->source_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, previous);
  sqlite3_bind_int64 (stmt, 5, self->imported);
  sqlite3_bind_int64 (stmt, 6, self->imported > previous ? self->imported - previous : 0);
  sqlite3_bind_int64 (stmt, 7, previous > self->imported ? previous - self->imported : 0);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    atlas_store_set_error (self->store, error, _("writing a source’s history"));
  return ok;
}

gboolean
_atlas_import_in_figures (AtlasStore                *store,
                          const char                *display_name,
                          const char                *source_name,
                          const char                *data,
                          gsize                      len,
                          const AtlasImportOptions  *options,
                          AtlasImportResult         *result,
                          GError                   **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  g_autoptr(GPtrArray) rejections = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) reason = g_string_new (NULL);
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  /* Every message names the file: its name may hold control characters. */
  g_autofree char *quoted_name = atlas_quote_name (display_name);
  guint64 previous = 0;
  Import self = {
    .store = store,
    .display_name = quoted_name,
    .source_name = source_name,
    .strict = options->strict,
    .max_reported = options->max_reported_rejections ? options->max_reported_rejections : 20,
    .rejections = rejections,
    .reason = reason,
    .uids = uids,
  };

  if (!atlas_store_begin (store, error))
    return FALSE;

  if (!write_source (&self, options, sha256, &previous, &local_error) ||
      (self.writer = atlas_figure_writer_new (store, &local_error)) == NULL ||
      !atlas_csv_parse_buffer (data, len, row_cb, &self, &local_error) ||
      !finish_source (&self, sha256, previous, &local_error))
    {
      g_clear_pointer (&self.writer, atlas_figure_writer_free);
      atlas_store_rollback (store);
      if (local_error->domain == ATLAS_CSV_ERROR)
        g_prefix_error (&local_error, "%s:", quoted_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self.writer, atlas_figure_writer_free);

  if (self.imported == 0)
    {
      atlas_store_rollback (store);
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_EMPTY,
                   _("%s: no usable rows"), quoted_name);
      return FALSE;
    }

  if (!atlas_store_commit (store, error))
    {
      atlas_store_rollback (store);
      return FALSE;
    }

  if (result != NULL)
    {
      memset (result, 0, sizeof *result);
      result->source_name = g_strdup (source_name);
      result->format = ATLAS_FORMAT_IN_FIGURES;
      result->imported = self.imported;
      result->rejected = self.rejected;
      result->previous = previous;
      result->added = (gint64) self.imported - (gint64) previous;
      result->sha256 = g_steal_pointer (&sha256);
      result->rejections = g_steal_pointer (&rejections);
    }

  return TRUE;
}

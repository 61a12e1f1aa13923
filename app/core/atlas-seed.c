/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-seed.c: loads the embedded default dataset into a store.
 *
 * The four files are written by build-aux/curate-default-dataset.py (and,
 * for fx-ppp.csv, copied from the shared data) and compiled into the core
 * library as a GResource.  They are parsed completely before the
 * transaction starts, so a malformed file never leaves a half-loaded
 * database behind.  A cancellation is noticed between the tables and every
 * SEED_BATCH_ROWS rows, and rolls the load back like any failure: the
 * window's catalog load seeds a new database, and quitting must not wait
 * for a whole seed of an instrumented or very slow build. */

#include "config.h"

#include <inttypes.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-csv.h"
#include "atlas-figure.h"
#include "atlas-seed.h"
#include "data/atlas-core-resources.h"
#include "atlas-query-pool.h"
#include "atlas-sources-private.h"
#include "atlas-store-private.h"

#define SEED_RESOURCE_DIR "/org/salaryatlas/SalaryAtlas/data/"
#define SEED_KIND         "embedded"
#define SEED_FX_FORMAT    "fx-ppp"
/* Rows between two looks at the cancellable: a few milliseconds' work. */
#define SEED_BATCH_ROWS   256

G_DEFINE_QUARK (atlas-seed-error-quark, atlas_seed_error)

/* One parsed CSV file: its header and its rows, each with its line. */
typedef struct
{
  char       *resource;
  GHashTable *columns;   /* column name -> index + 1 */
  guint       n_columns;
  GPtrArray  *rows;      /* SeedRow */
} SeedTable;

typedef struct
{
  guint64  line;
  GStrv    fields;
} SeedRow;

static void
seed_row_free (gpointer data)
{
  SeedRow *row = data;

  g_strfreev (row->fields);
  g_free (row);
}

static void
seed_table_free (SeedTable *table)
{
  if (table == NULL)
    return;

  g_free (table->resource);
  g_clear_pointer (&table->columns, g_hash_table_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeedTable, seed_table_free)

static gboolean
seed_table_row_cb (const AtlasCsvRow  *row,
                   gpointer            user_data,
                   GError            **error)
{
  SeedTable *table = user_data;
  SeedRow *copy;

  if (!row->valid_utf8)
    {
      g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                   _("Embedded file “%s”, line %" PRIu64 ": not valid UTF-8"),
                   table->resource, row->line);
      return FALSE;
    }

  if (row->index == 0)
    {
      table->n_columns = row->n_fields;
      for (guint i = 0; i < row->n_fields; i++)
        g_hash_table_insert (table->columns, g_strdup (row->fields[i]), GUINT_TO_POINTER (i + 1));
      return TRUE;
    }

  /* A trailing empty line is not a record. */
  if (row->n_fields == 1 && row->lengths[0] == 0)
    return TRUE;

  if (row->n_fields != table->n_columns)
    {
      g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                   _("Embedded file “%s”, line %" PRIu64 ": %u fields where the header has %u"),
                   table->resource, row->line, row->n_fields, table->n_columns);
      return FALSE;
    }

  copy = g_new0 (SeedRow, 1);
  copy->line = row->line;
  copy->fields = g_new0 (char *, row->n_fields + 1);
  for (guint i = 0; i < row->n_fields; i++)
    copy->fields[i] = g_strndup (row->fields[i], row->lengths[i]);
  g_ptr_array_add (table->rows, copy);

  return TRUE;
}

static SeedTable *
seed_table_load (const char  *name,
                 GError     **error)
{
  g_autoptr(SeedTable) table = g_new0 (SeedTable, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;

  table->resource = g_strconcat (SEED_RESOURCE_DIR, name, NULL);
  table->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  table->rows = g_ptr_array_new_with_free_func (seed_row_free);

  bytes = g_resource_lookup_data (atlas_core_get_resource (), table->resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_MISSING,
                   _("The embedded file “%s” is missing from this build: %s"),
                   table->resource, local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &len);
  if (!atlas_csv_parse_buffer (data, len, seed_table_row_cb, table, &local_error))
    {
      if (local_error->domain == ATLAS_SEED_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                     _("Embedded file “%s” is not valid CSV: %s"),
                     table->resource, local_error->message);
      return NULL;
    }

  if (table->n_columns == 0)
    {
      g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                   _("Embedded file “%s” is empty"), table->resource);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/* Resolves @names to column indices in @out; all of them must exist. */
static gboolean
seed_table_columns (SeedTable          *table,
                    const char * const *names,
                    guint              *out,
                    GError            **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (table->columns, names[i]));

      if (index == 0)
        {
          g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                       _("Embedded file “%s” has no column “%s”"), table->resource, names[i]);
          return FALSE;
        }
      out[i] = index - 1;
    }

  return TRUE;
}

static gboolean
seed_parse_double (SeedTable   *table,
                   SeedRow     *row,
                   const char  *column,
                   const char  *text,
                   gboolean    *present,
                   double      *out,
                   GError     **error)
{
  char *end = NULL;

  *present = FALSE;
  *out = 0.0;
  if (text[0] == '\0')
    return TRUE;

  *out = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*out))
    {
      g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                   _("Embedded file “%s”, line %" PRIu64 ": “%s” is not a number in column “%s”"),
                   table->resource, row->line, text, column);
      return FALSE;
    }

  *present = TRUE;
  return TRUE;
}

static gboolean
seed_parse_int (SeedTable   *table,
                SeedRow     *row,
                const char  *column,
                const char  *text,
                gboolean    *present,
                gint64      *out,
                GError     **error)
{
  *present = FALSE;
  *out = 0;
  if (text[0] == '\0')
    return TRUE;

  if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, out, NULL))
    {
      g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                   _("Embedded file “%s”, line %" PRIu64 ": “%s” is not a whole number in column “%s”"),
                   table->resource, row->line, text, column);
      return FALSE;
    }

  *present = TRUE;
  return TRUE;
}

static gboolean
seed_require (SeedTable   *table,
              SeedRow     *row,
              const char  *column,
              const char  *text,
              GError     **error)
{
  if (text[0] != '\0')
    return TRUE;

  g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
               _("Embedded file “%s”, line %" PRIu64 ": column “%s” must not be empty"),
               table->resource, row->line, column);
  return FALSE;
}

/* Everything one load needs; the statements are finalised in one place. */
typedef struct
{
  AtlasStore   *store;
  GCancellable *cancellable;
  GHashTable   *source_ids;     /* name -> gint64 id, for this load */
  GHashTable   *source_rows;    /* gint64 id -> row count */
  char         *fx_licence;
  char         *fx_source_name;
} SeedLoad;

/* FALSE with G_IO_ERROR_CANCELLED once the load is cancelled; looks at
 * the cancellable only at the start of a batch of rows (@row 0,
 * SEED_BATCH_ROWS, …). */
static gboolean
seed_check_cancelled (SeedLoad  *load,
                      guint      row,
                      GError   **error)
{
  return row % SEED_BATCH_ROWS != 0 ||
         !g_cancellable_set_error_if_cancelled (load->cancellable, error);
}

static gboolean
seed_step_done (SeedLoad      *load,
                sqlite3_stmt  *stmt,
                const char    *what,
                GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (load->store, error, what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
seed_load_sources (SeedLoad   *load,
                   SeedTable  *table,
                   GError    **error)
{
  static const char * const names[] = {
    "name", "kind", "format", "url", "licence", "attribution", "retrieved_at",
    "content_sha256", NULL
  };
  enum { NAME, KIND, FORMAT, URL, LICENCE, ATTRIBUTION, RETRIEVED_AT, SHA256 };
  guint col[G_N_ELEMENTS (names) - 1];
  g_autoptr(GArray) embedded = NULL;
  AtlasSource description = { 0 };
  gboolean ok = FALSE;

  if (!seed_table_columns (table, names, col, error))
    return FALSE;

  /* The embedded figures are replaced as a whole; sources keep their ids. */
  if (!atlas_store_exec (load->store,
                         "DELETE FROM figures WHERE source_id IN "
                         "(SELECT id FROM sources WHERE kind = '" SEED_KIND "')",
                         error))
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      SeedRow *row = g_ptr_array_index (table->rows, i);
      char **f = row->fields;
      gint64 id;

      if (!seed_check_cancelled (load, i, error) ||
          !seed_require (table, row, "name", f[col[NAME]], error) ||
          !seed_require (table, row, "format", f[col[FORMAT]], error) ||
          !seed_require (table, row, "licence", f[col[LICENCE]], error))
        goto out;

      if (g_strcmp0 (f[col[KIND]], SEED_KIND) != 0)
        {
          g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                       _("Embedded file “%s”, line %" PRIu64 ": kind is “%s”, expected “%s”"),
                       table->resource, row->line, f[col[KIND]], SEED_KIND);
          goto out;
        }

      /* A source of another kind with an embedded source's name is left
       * alone and reported. */
      description.name = f[col[NAME]];
      description.format = f[col[FORMAT]];
      description.url = f[col[URL]] && *f[col[URL]] ? f[col[URL]] : NULL;
      description.licence = f[col[LICENCE]];
      description.attribution = f[col[ATTRIBUTION]];
      description.retrieved_at = f[col[RETRIEVED_AT]] && *f[col[RETRIEVED_AT]] ?
                                 f[col[RETRIEVED_AT]] : NULL;
      description.content_sha256 = f[col[SHA256]] && *f[col[SHA256]] ? f[col[SHA256]] : NULL;
      id = _atlas_sources_put_embedded (load->store, &description, error);
      if (id < 0)
        goto out;
      if (id == 0)
        {
          g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_CONFLICT,
                       _("The database “%s” already has an imported source named “%s”; "
                         "rename or remove it before loading the default dataset"),
                       atlas_store_get_path (load->store), f[col[NAME]]);
          goto out;
        }

      g_hash_table_insert (load->source_ids, g_strdup (f[col[NAME]]), g_memdup2 (&id, sizeof id));
      g_hash_table_insert (load->source_rows, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (0));

      if (g_str_equal (f[col[FORMAT]], SEED_FX_FORMAT))
        {
          g_free (load->fx_licence);
          load->fx_licence = g_strdup (f[col[LICENCE]]);
          g_free (load->fx_source_name);
          load->fx_source_name = g_strdup (f[col[NAME]]);
        }
    }

  /* Embedded sources that an older build shipped and this one does not. */
  embedded = _atlas_sources_ids_of_kind (load->store, SEED_KIND, error);
  if (embedded == NULL)
    goto out;
  for (guint i = 0; i < embedded->len; i++)
    {
      gint64 id = g_array_index (embedded, gint64, i);

      if (!g_hash_table_contains (load->source_rows, &id) &&
          !_atlas_sources_remove_id (load->store, id, error))
        goto out;
    }

  ok = TRUE;

out:
  return ok;
}

static gboolean
seed_load_figures (SeedLoad   *load,
                   SeedTable  *table,
                   GError    **error)
{
  static const char * const names[] = {
    "uid", "source", "role_family", "job_title", "country", "company", "experience",
    "year", "currency", "n", "p25", "median", "p75", "mean", "statistic", "citation",
    "url", "licence", "retrieved", "note", "pay_basis", "min", "max", "years_min",
    "years_max", "year_from", NULL
  };
  enum {
    UID, SOURCE, ROLE_FAMILY, JOB_TITLE, COUNTRY, COMPANY, EXPERIENCE, YEAR, CURRENCY,
    N, P25, MEDIAN, P75, MEAN, STATISTIC, CITATION, URL, LICENCE, RETRIEVED, NOTE,
    PAY_BASIS, MIN, MAX, YEARS_MIN, YEARS_MAX, YEAR_FROM
  };
  static const int value_cols[] = { P25, MEDIAN, P75, MEAN };
  guint col[G_N_ELEMENTS (names) - 1];
  g_autoptr(AtlasFigureWriter) writer = NULL;

  if (!seed_table_columns (table, names, col, error))
    return FALSE;

  writer = atlas_figure_writer_new (load->store, error);
  if (writer == NULL)
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      SeedRow *row = g_ptr_array_index (table->rows, i);
      char **f = row->fields;
      double *values[G_N_ELEMENTS (value_cols)];
      gint64 *source_id;
      gint64 year, n;
      gboolean has_year, has_n;
      gpointer count;
      /* The strings stay owned by the row. */
      AtlasFigure figure = {
        .uid = f[col[UID]],
        .role_family = f[col[ROLE_FAMILY]],
        .job_title = f[col[JOB_TITLE]],
        .country = f[col[COUNTRY]],
        .company = f[col[COMPANY]],
        .experience = f[col[EXPERIENCE]],
        .currency = f[col[CURRENCY]],
        .statistic = f[col[STATISTIC]],
        .citation = f[col[CITATION]],
        .url = f[col[URL]],
        .licence = f[col[LICENCE]],
        .retrieved = f[col[RETRIEVED]],
        .note = f[col[NOTE]],
      };

      values[0] = &figure.p25;
      values[1] = &figure.median;
      values[2] = &figure.p75;
      values[3] = &figure.mean;

      if (!seed_check_cancelled (load, i, error) ||
          !seed_require (table, row, "uid", f[col[UID]], error) ||
          !seed_require (table, row, "country", f[col[COUNTRY]], error) ||
          !seed_require (table, row, "currency", f[col[CURRENCY]], error) ||
          !seed_require (table, row, "statistic", f[col[STATISTIC]], error) ||
          !seed_require (table, row, "citation", f[col[CITATION]], error) ||
          !seed_require (table, row, "licence", f[col[LICENCE]], error))
        return FALSE;

      source_id = g_hash_table_lookup (load->source_ids, f[col[SOURCE]]);
      if (source_id == NULL)
        {
          g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                       _("Embedded file “%s”, line %" PRIu64 ": source “%s” is not in default-sources.csv"),
                       table->resource, row->line, f[col[SOURCE]]);
          return FALSE;
        }

      if (!seed_parse_int (table, row, "year", f[col[YEAR]], &has_year, &year, error) ||
          !seed_parse_int (table, row, "n", f[col[N]], &has_n, &n, error))
        return FALSE;
      figure.year = has_year ? (int) year : 0;
      figure.n = has_n ? n : 0;

      /* Schema 5: basis, range, years of experience, period. */
      {
        gboolean present, has_from;
        gint64 year_from;

        if (!atlas_pay_basis_from_string (f[col[PAY_BASIS]], &figure.pay_basis))
          {
            g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                         _("Embedded file “%s”, line %" PRIu64 ": pay_basis “%s” is not base, total or empty"),
                         table->resource, row->line, f[col[PAY_BASIS]]);
            return FALSE;
          }
        if (!seed_parse_double (table, row, "min", f[col[MIN]], &present, &figure.min, error) ||
            !seed_parse_double (table, row, "max", f[col[MAX]], &present, &figure.max, error) ||
            !seed_parse_double (table, row, "years_min", f[col[YEARS_MIN]], &figure.has_years,
                                &figure.years_min, error) ||
            !seed_parse_double (table, row, "years_max", f[col[YEARS_MAX]], &present,
                                &figure.years_max, error) ||
            !seed_parse_int (table, row, "year_from", f[col[YEAR_FROM]], &has_from, &year_from, error))
          return FALSE;
        if (!present)
          figure.years_max = NAN;
        figure.year_from = has_from ? (int) year_from : 0;
      }

      for (guint v = 0; v < G_N_ELEMENTS (value_cols); v++)
        {
          gboolean present;

          if (!seed_parse_double (table, row, names[value_cols[v]], f[col[value_cols[v]]],
                                  &present, values[v], error))
            return FALSE;
          if (!present)
            *values[v] = NAN;
        }

      if (!atlas_figure_writer_add (writer, *source_id, &figure, error))
        {
          g_prefix_error (error, _("Embedded file “%s”, line %" PRIu64 ": "),
                          table->resource, row->line);
          return FALSE;
        }

      count = g_hash_table_lookup (load->source_rows, source_id);
      g_hash_table_insert (load->source_rows, g_memdup2 (source_id, sizeof *source_id),
                           GINT_TO_POINTER (GPOINTER_TO_INT (count) + 1));
    }

  return TRUE;
}

/* Histogram counts (schema 7): replaced as a whole, like the figures. */
static gboolean
seed_load_bins (SeedLoad   *load,
                SeedTable  *table,
                GError    **error)
{
  static const char * const names[] = {
    "source", "region", "role_family", "pay_basis", "currency", "year_from", "year",
    "lo", "hi", "n", NULL
  };
  enum { SOURCE, REGION, ROLE_FAMILY, PAY_BASIS, CURRENCY, YEAR_FROM, YEAR, LO, HI, N };
  guint col[G_N_ELEMENTS (names) - 1];
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (!seed_table_columns (table, names, col, error))
    return FALSE;

  if (!atlas_store_exec (load->store,
                         "DELETE FROM figure_bins WHERE source_id IN "
                         "(SELECT id FROM sources WHERE kind = '" SEED_KIND "')",
                         error))
    return FALSE;

  stmt = atlas_store_prepare (load->store,
                              "INSERT INTO figure_bins (source_id, region, role_family, pay_basis,"
                              " currency, year_from, year, lo, hi, n)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                              error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      SeedRow *row = g_ptr_array_index (table->rows, i);
      char **f = row->fields;
      gint64 *source_id, year, year_from, n;
      gboolean has_year, has_from, has_n, has_lo, has_hi;
      double lo, hi;
      AtlasPayBasis basis;

      if (!seed_check_cancelled (load, i, error) ||
          !seed_require (table, row, "region", f[col[REGION]], error) ||
          !seed_require (table, row, "currency", f[col[CURRENCY]], error) ||
          !seed_require (table, row, "year", f[col[YEAR]], error) ||
          !seed_require (table, row, "lo", f[col[LO]], error) ||
          !seed_require (table, row, "n", f[col[N]], error) ||
          !seed_parse_int (table, row, "year", f[col[YEAR]], &has_year, &year, error) ||
          !seed_parse_int (table, row, "year_from", f[col[YEAR_FROM]], &has_from, &year_from, error) ||
          !seed_parse_int (table, row, "n", f[col[N]], &has_n, &n, error) ||
          !seed_parse_double (table, row, "lo", f[col[LO]], &has_lo, &lo, error) ||
          !seed_parse_double (table, row, "hi", f[col[HI]], &has_hi, &hi, error))
        goto out;

      source_id = g_hash_table_lookup (load->source_ids, f[col[SOURCE]]);
      if (source_id == NULL)
        {
          g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                       _("Embedded file “%s”, line %" PRIu64 ": source “%s” is not in default-sources.csv"),
                       table->resource, row->line, f[col[SOURCE]]);
          goto out;
        }
      if (!atlas_pay_basis_from_string (f[col[PAY_BASIS]], &basis))
        {
          g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                       _("Embedded file “%s”, line %" PRIu64 ": pay_basis “%s” is not base, total or empty"),
                       table->resource, row->line, f[col[PAY_BASIS]]);
          goto out;
        }

      sqlite3_bind_int64 (stmt, 1, *source_id);
      sqlite3_bind_text (stmt, 2, f[col[REGION]], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, f[col[ROLE_FAMILY]], -1, SQLITE_STATIC);
      if (basis == ATLAS_PAY_BASIS_UNKNOWN)
        sqlite3_bind_null (stmt, 4);
      else
        sqlite3_bind_text (stmt, 4, atlas_pay_basis_to_string (basis), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, f[col[CURRENCY]], -1, SQLITE_STATIC);
      if (has_from)
        sqlite3_bind_int64 (stmt, 6, year_from);
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_int64 (stmt, 7, year);
      sqlite3_bind_double (stmt, 8, lo);
      if (has_hi)
        sqlite3_bind_double (stmt, 9, hi);
      else
        sqlite3_bind_null (stmt, 9);
      sqlite3_bind_int64 (stmt, 10, n);
      /* A CHECK failure (hi <= lo, n <= 0) names the line. */
      if (!seed_step_done (load, stmt, _("adding a default histogram range"), error))
        {
          g_prefix_error (error, _("Embedded file “%s”, line %" PRIu64 ": "),
                          table->resource, row->line);
          goto out;
        }
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
seed_load_rates (SeedLoad   *load,
                 SeedTable  *table,
                 GError    **error)
{
  static const char * const names[] = {
    "year", "country", "currency", "fx_lcu_per_usd",
    "ppp_private_consumption_lcu_per_intl_dollar", "fx_source", "ppp_source", NULL
  };
  enum { YEAR, COUNTRY, CURRENCY, FX, PPP, FX_SOURCE, PPP_SOURCE };
  guint col[G_N_ELEMENTS (names) - 1];
  sqlite3_stmt *fx = NULL;
  sqlite3_stmt *ppp = NULL;
  gboolean ok = FALSE;
  gint64 *fx_source_id;

  if (!seed_table_columns (table, names, col, error))
    return FALSE;

  if (load->fx_licence == NULL)
    {
      g_set_error (error, ATLAS_SEED_ERROR, ATLAS_SEED_ERROR_INVALID,
                   _("Embedded file “%s” describes no source of format “%s”"),
                   SEED_RESOURCE_DIR "default-sources.csv", SEED_FX_FORMAT);
      return FALSE;
    }

  /* Replaces a rate only where it came from the same source before, so a
   * rate that a feed or the user stored for the same year is kept. */
  fx = atlas_store_prepare (load->store,
                            "INSERT INTO fx_rates (currency, year, lcu_per_usd, source, licence)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (currency, year) DO UPDATE SET"
                            "   lcu_per_usd = excluded.lcu_per_usd, licence = excluded.licence"
                            " WHERE fx_rates.source = excluded.source",
                            error);
  ppp = atlas_store_prepare (load->store,
                             "INSERT INTO ppp_factors (country, year, lcu_per_intl_dollar, source, licence)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)"
                             " ON CONFLICT (country, year) DO UPDATE SET"
                             "   lcu_per_intl_dollar = excluded.lcu_per_intl_dollar,"
                             "   licence = excluded.licence"
                             " WHERE ppp_factors.source = excluded.source",
                             error);
  if (fx == NULL || ppp == NULL)
    goto out;

  for (guint i = 0; i < table->rows->len; i++)
    {
      SeedRow *row = g_ptr_array_index (table->rows, i);
      char **f = row->fields;
      gboolean has_year, has_fx, has_ppp;
      gint64 year;
      double fx_value, ppp_value;

      if (!seed_check_cancelled (load, i, error) ||
          !seed_parse_int (table, row, "year", f[col[YEAR]], &has_year, &year, error) ||
          !seed_require (table, row, "year", f[col[YEAR]], error) ||
          !seed_require (table, row, "country", f[col[COUNTRY]], error) ||
          !seed_require (table, row, "currency", f[col[CURRENCY]], error) ||
          !seed_parse_double (table, row, "fx_lcu_per_usd", f[col[FX]], &has_fx, &fx_value, error) ||
          !seed_parse_double (table, row, "ppp_private_consumption_lcu_per_intl_dollar",
                              f[col[PPP]], &has_ppp, &ppp_value, error))
        goto out;

      if (has_fx)
        {
          if (!seed_require (table, row, "fx_source", f[col[FX_SOURCE]], error))
            goto out;
          sqlite3_bind_text (fx, 1, f[col[CURRENCY]], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (fx, 2, year);
          sqlite3_bind_double (fx, 3, fx_value);
          sqlite3_bind_text (fx, 4, f[col[FX_SOURCE]], -1, SQLITE_STATIC);
          sqlite3_bind_text (fx, 5, load->fx_licence, -1, SQLITE_STATIC);
          if (!seed_step_done (load, fx, _("adding a default exchange rate"), error))
            goto out;
        }

      if (has_ppp)
        {
          if (!seed_require (table, row, "ppp_source", f[col[PPP_SOURCE]], error))
            goto out;
          sqlite3_bind_text (ppp, 1, f[col[COUNTRY]], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (ppp, 2, year);
          sqlite3_bind_double (ppp, 3, ppp_value);
          sqlite3_bind_text (ppp, 4, f[col[PPP_SOURCE]], -1, SQLITE_STATIC);
          sqlite3_bind_text (ppp, 5, load->fx_licence, -1, SQLITE_STATIC);
          if (!seed_step_done (load, ppp, _("adding a default PPP factor"), error))
            goto out;
        }
    }

  fx_source_id = g_hash_table_lookup (load->source_ids, load->fx_source_name);
  g_assert (fx_source_id != NULL);
  g_hash_table_insert (load->source_rows, g_memdup2 (fx_source_id, sizeof *fx_source_id),
                       GINT_TO_POINTER ((int) table->rows->len));

  ok = TRUE;

out:
  sqlite3_finalize (fx);
  sqlite3_finalize (ppp);
  return ok;
}

static gboolean
seed_update_row_counts (SeedLoad  *load,
                        GError   **error)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok = TRUE;

  g_hash_table_iter_init (&iter, load->source_rows);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    ok = _atlas_sources_set_counts (load->store, *(gint64 *) key, GPOINTER_TO_INT (value), 0,
                                    error);

  return ok;
}

static gboolean
seed_load (AtlasStore    *store,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SeedTable) sources = NULL;
  g_autoptr(SeedTable) figures = NULL;
  g_autoptr(SeedTable) bins = NULL;
  g_autoptr(SeedTable) rates = NULL;
  SeedLoad load = { 0 };
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (sources = seed_table_load ("default-sources.csv", error)) == NULL ||
      (figures = seed_table_load ("default-figures.csv", error)) == NULL ||
      (bins = seed_table_load ("default-bins.csv", error)) == NULL ||
      (rates = seed_table_load ("fx-ppp.csv", error)) == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !atlas_store_begin (store, error))
    return FALSE;

  load.store = store;
  load.cancellable = cancellable;
  load.source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  load.source_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  ok = seed_load_sources (&load, sources, error) &&
       seed_load_figures (&load, figures, error) &&
       seed_load_bins (&load, bins, error) &&
       seed_load_rates (&load, rates, error) &&
       seed_update_row_counts (&load, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       atlas_store_commit (store, error);

  if (!ok)
    atlas_store_rollback (store);

  g_hash_table_unref (load.source_ids);
  g_hash_table_unref (load.source_rows);
  g_free (load.fx_licence);
  g_free (load.fx_source_name);

  return ok;
}

gboolean
atlas_seed_load_default (AtlasStore  *store,
                         GError     **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return seed_load (store, NULL, error);
}

/* How the database holds the source @name: 1 embedded, 0 absent, -1 as
 * another kind (an import of that name, which a load would not take over);
 * with its id. */
static int
seed_source_state (AtlasStore  *store,
                   const char  *name,
                   gint64      *id,
                   GError     **error)
{
  sqlite3_stmt *stmt = atlas_store_prepare (store, "SELECT id, kind FROM sources WHERE name = ?1",
                                            error);
  int state, rc;

  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      state = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), SEED_KIND) == 0 ? 1 : -1;
    }
  else if (rc == SQLITE_DONE)
    state = 0;
  else
    {
      atlas_store_set_error (store, error, _("reading the built-in sources"));
      state = -2;
    }
  sqlite3_finalize (stmt);
  return state;
}

/* A database seeded by an older build lacks what this build's default data
 * added since: a source, or the histogram ranges of schema 7 (a database
 * upgraded to it has the table, empty).  Embedded sources cannot be
 * removed by the user, so a missing one or a source with fewer ranges than
 * the embedded file gives it means an older build wrote them. */
static gboolean
seed_is_outdated (AtlasStore  *store,
                  gboolean    *outdated,
                  GError     **error)
{
  g_autoptr(SeedTable) sources = NULL;
  g_autoptr(SeedTable) bins = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const source_names[] = { "name", NULL };
  static const char * const bin_names[] = { "source", NULL };
  GHashTableIter iter;
  gpointer key, value;
  guint scol, bcol;
  gboolean seeded = FALSE, missing = FALSE;

  *outdated = FALSE;
  if ((sources = seed_table_load ("default-sources.csv", error)) == NULL ||
      (bins = seed_table_load ("default-bins.csv", error)) == NULL ||
      !seed_table_columns (sources, source_names, &scol, error) ||
      !seed_table_columns (bins, bin_names, &bcol, error))
    return FALSE;

  for (guint i = 0; i < bins->rows->len; i++)
    {
      const char *name = ((SeedRow *) g_ptr_array_index (bins->rows, i))->fields[bcol];

      g_hash_table_insert (wanted, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (wanted, name)) + 1));
    }

  /* Only a database that holds built-in data is brought up to date. */
  for (guint i = 0; i < sources->rows->len; i++)
    {
      const char *name = ((SeedRow *) g_ptr_array_index (sources->rows, i))->fields[scol];
      gint64 id = 0;
      int state = seed_source_state (store, name, &id, error);

      if (state == -2)
        return FALSE;
      if (state == 0)
        missing = TRUE;
      else if (state == 1)
        seeded = TRUE;
    }
  if (!seeded)
    return TRUE;
  if (missing)
    {
      *outdated = TRUE;
      return TRUE;
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_stmt *stmt;
      gint64 id = 0, have;
      int state = seed_source_state (store, key, &id, error);

      if (state == -2)
        return FALSE;
      if (state != 1)
        continue;
      stmt = atlas_store_prepare (store, "SELECT count(*) FROM figure_bins WHERE source_id = ?1",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      have = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      sqlite3_finalize (stmt);
      if (have < 0)
        {
          atlas_store_set_error (store, error, _("reading the built-in sources"));
          return FALSE;
        }
      if (have < (gint64) GPOINTER_TO_UINT (value))
        {
          *outdated = TRUE;
          return TRUE;
        }
    }

  return TRUE;
}

gboolean
atlas_seed_ensure (AtlasStore  *store,
                   GError     **error)
{
  return atlas_seed_ensure_full (store, NULL, error);
}

gboolean
atlas_seed_ensure_full (AtlasStore    *store,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gboolean outdated = FALSE;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (atlas_store_is_empty (store))
    return seed_load (store, cancellable, error);

  /* Reloading replaces embedded rows and nothing else (curation names
   * rows by uid and applies again). */
  if (!seed_is_outdated (store, &outdated, error))
    return FALSE;
  return !outdated || seed_load (store, cancellable, error);
}

static gpointer
load_default_job (AtlasStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return seed_load (store, cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
atlas_seed_load_default_async (const char          *db_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  atlas_query_pool_run_async (db_path, load_default_job, NULL, NULL, NULL,
                              cancellable, callback, user_data);
}

gboolean
atlas_seed_load_default_finish (GAsyncResult  *result,
                                GError       **error)
{
  return atlas_query_pool_run_finish (result, error) != NULL;
}

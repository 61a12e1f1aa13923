/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-table.c: see atlas-chart-table.h. The table is a few hundred
 * lines at most (one per group), so it is built in memory and written at
 * once; numbers in the C locale, whatever the user's. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-table.h"
#include "atlas-text-out.h"

/* The last four are the same on every line: CSV repeats them so that each
 * line says what produced it; JSON says them once, at the top. */
static const char * const columns[] = {
  "region", "group", "label", "n", "p25", "median", "p75", "mean", "min", "max",
  "currency", "basis", "year_from", "year_to", "small_sample", "origin", "reports",
  "sources", "citation",
  "chart", "currency_mode", "small_sample_below", "filter",
};
#define N_PER_FILE 4

typedef enum { V_NULL, V_TEXT, V_NUMBER, V_LITERAL } ValueType;

typedef struct
{
  ValueType   type;
  const char *text;
  char        number[G_ASCII_DTOSTR_BUF_SIZE];
} Value;

static void
set_text (Value      *v,
          const char *text)
{
  v->type = text != NULL && *text != '\0' ? V_TEXT : V_NULL;
  v->text = text;
}

static void
set_double (Value  *v,
            double  value)
{
  v->type = isfinite (value) ? V_NUMBER : V_NULL;
  if (v->type == V_NUMBER)
    g_ascii_dtostr (v->number, sizeof v->number, value);
}

static void
set_int (Value  *v,
         gint64  value,
         gboolean given)
{
  v->type = given ? V_NUMBER : V_NULL;
  if (given)
    g_snprintf (v->number, sizeof v->number, "%" G_GINT64_FORMAT, value);
}

static void
set_bool (Value    *v,
          gboolean  value)
{
  /* CSV says true/false as JSON does. */
  v->type = V_LITERAL;
  v->text = value ? "true" : "false";
}

static void
group_values (const AtlasGroup *g,
              Value            *v)
{
  guint i = 0;

  set_text (&v[i++], g->region);
  set_text (&v[i++], g->key);
  set_text (&v[i++], g->label);
  set_int (&v[i++], (gint64) g->summary.n, TRUE);
  set_double (&v[i++], g->summary.p25);
  set_double (&v[i++], g->summary.median);
  set_double (&v[i++], g->summary.p75);
  set_double (&v[i++], g->summary.mean);
  set_double (&v[i++], g->summary.min);
  set_double (&v[i++], g->summary.max);
  set_text (&v[i++], g->currency);
  set_text (&v[i++], g->bases);
  set_int (&v[i++], g->year_from, g->year_from > 0);
  set_int (&v[i++], g->year_to, g->year_to > 0);
  set_bool (&v[i++], g->small_sample);
  set_text (&v[i++], g->origin == ATLAS_GROUP_FROM_RECORDS ? "records" : "figure");
  set_int (&v[i++], (gint64) g->weight, g->origin == ATLAS_GROUP_FROM_RECORDS);
  set_text (&v[i++], g->sources);
  set_text (&v[i++], g->citation);
  g_assert (i == G_N_ELEMENTS (columns) - N_PER_FILE);
}

static void
append_value (GString            *out,
              AtlasRecordsFormat  format,
              const Value        *v)
{
  switch (v->type)
    {
    case V_TEXT:
      if (format == ATLAS_RECORDS_FORMAT_CSV)
        atlas_csv_append_field (out, v->text);
      else
        atlas_json_append_string (out, v->text);
      break;
    case V_NUMBER:
      g_string_append (out, v->number);
      break;
    case V_LITERAL:
      g_string_append (out, v->text);
      break;
    case V_NULL:
    default:
      if (format == ATLAS_RECORDS_FORMAT_JSON)
        g_string_append (out, "null");
      break;
    }
}

static void
append_table (GString                 *out,
              AtlasRecordsFormat       format,
              const AtlasChartRequest *request,
              const AtlasQueryResult  *result)
{
  g_autofree char *filter_text = atlas_filter_describe (atlas_chart_request_get_filter (request));
  const char *chart = atlas_chart_kind_to_string (atlas_chart_request_get_kind (request));
  const char *mode = atlas_currency_mode_to_string (atlas_chart_request_get_mode (request));
  guint threshold = atlas_chart_request_get_small_sample (request);
  Value per_file[N_PER_FILE];
  guint n_columns = G_N_ELEMENTS (columns) - N_PER_FILE;

  set_text (&per_file[0], chart);
  set_text (&per_file[1], mode);
  set_int (&per_file[2], threshold, TRUE);
  set_text (&per_file[3], filter_text);

  if (format == ATLAS_RECORDS_FORMAT_CSV)
    {
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        g_string_append_printf (out, i > 0 ? ",%s" : "%s", columns[i]);
      g_string_append (out, "\r\n");
    }
  else
    {
      g_string_append (out, "{\n");
      for (guint i = 0; i < N_PER_FILE; i++)
        {
          g_string_append_printf (out, "  \"%s\": ", columns[n_columns + i]);
          append_value (out, format, &per_file[i]);
          g_string_append (out, ",\n");
        }
      g_string_append_printf (out, "  \"excluded_by_user\": %" G_GUINT64_FORMAT ",\n"
                                   "  \"left_out_not_convertible\": %" G_GUINT64_FORMAT ",\n"
                                   "  \"groups\": [",
                              result->n_excluded, result->n_without_factor);
    }

  for (guint r = 0; r < result->groups->len; r++)
    {
      Value v[G_N_ELEMENTS (columns)];

      group_values (g_ptr_array_index (result->groups, r), v);
      if (format == ATLAS_RECORDS_FORMAT_CSV)
        {
          memcpy (&v[n_columns], per_file, sizeof per_file);
          for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              append_value (out, format, &v[i]);
            }
          g_string_append (out, "\r\n");
          continue;
        }

      g_string_append (out, r == 0 ? "\n    {" : ",\n    {");
      for (guint i = 0; i < n_columns; i++)
        {
          g_string_append_printf (out, i > 0 ? ", \"%s\": " : "\"%s\": ", columns[i]);
          append_value (out, format, &v[i]);
        }
      g_string_append_c (out, '}');
    }

  if (format == ATLAS_RECORDS_FORMAT_JSON)
    g_string_append_printf (out, "%s],\n  \"count\": %u\n}\n",
                            result->groups->len > 0 ? "\n  " : "", result->groups->len);
}

gint64
atlas_chart_table_write (AtlasChartRequest  *request,
                         AtlasStore         *store,
                         AtlasRecordsFormat  format,
                         GOutputStream      *out,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GString) buf = g_string_new (NULL);
  const AtlasQueryResult *result;

  g_return_val_if_fail (request != NULL, -1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), -1);

  if (store != NULL && !atlas_chart_request_run (request, store, error))
    return -1;
  result = atlas_chart_request_get_result (request);
  if (result == NULL || result->groups->len == 0)
    {
      g_autofree char *words = atlas_filter_describe (atlas_chart_request_get_filter (request));

      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                   _("No records or figures match %s"), words);
      return -1;
    }

  append_table (buf, format, request, result);
  if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, cancellable, error) ||
      !g_output_stream_flush (out, cancellable, error))
    return -1;

  return result->groups->len;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-export.c: the records of a query written as CSV or JSON,
 * streamed through atlas_records_foreach() with a small buffer, so that a
 * million rows export in flat memory; the file says which filter made it.
 * Numbers are written in the C locale, whatever the user's. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-records.h"
#include "atlas-text-out.h"

static const char * const export_columns[] = {
  "uid", "kind", "title", "role_family", "company", "company_own", "country", "city", "state",
  "company_country", "experience", "years_experience", "amount", "currency", "amount_usd",
  "low", "high", "n", "weight", "year", "date", "employment_type", "remote_ratio",
  "company_size", "case_status", "source", "source_line", "licence", "url", "citation",
  "excluded", "filter",
};

typedef enum { V_NULL, V_TEXT, V_NUMBER } ValueType;

typedef struct
{
  ValueType  type;
  char      *text;
  char       number[G_ASCII_DTOSTR_BUF_SIZE];
} Value;

static void
set_text (Value      *v,
          const char *text)
{
  v->type = text != NULL ? V_TEXT : V_NULL;
  v->text = (char *) text;
}

static void
set_double (Value  *v,
            double  value)
{
  if (isnan (value))
    {
      v->type = V_NULL;
      return;
    }
  v->type = V_NUMBER;
  g_ascii_dtostr (v->number, sizeof v->number, value);
}

static void
set_int (Value  *v,
         gint64  value,
         gboolean given)
{
  if (!given)
    {
      v->type = V_NULL;
      return;
    }
  v->type = V_NUMBER;
  g_snprintf (v->number, sizeof v->number, "%" G_GINT64_FORMAT, value);
}

static void
row_values (const AtlasRecordRow *row,
            const char           *filter_text,
            Value                *v)
{
  guint i = 0;

  set_text (&v[i++], row->uid);
  set_text (&v[i++], row->kind);
  set_text (&v[i++], row->title);
  set_text (&v[i++], row->role_family);
  set_text (&v[i++], row->company);
  set_text (&v[i++], row->company_own);
  set_text (&v[i++], row->country);
  set_text (&v[i++], row->city);
  set_text (&v[i++], row->state);
  set_text (&v[i++], row->company_country);
  set_text (&v[i++], row->experience);
  set_double (&v[i++], row->years_experience);
  set_double (&v[i++], row->amount);
  set_text (&v[i++], row->currency);
  set_double (&v[i++], row->amount_usd);
  set_double (&v[i++], row->low);
  set_double (&v[i++], row->high);
  set_int (&v[i++], row->n, !row->is_figure || row->n > 0);
  set_int (&v[i++], row->weight, TRUE);
  set_int (&v[i++], row->year, row->year != 0);
  set_text (&v[i++], row->date);
  set_text (&v[i++], row->employment_type);
  set_int (&v[i++], row->remote_ratio, row->remote_ratio >= 0);
  set_text (&v[i++], row->company_size);
  set_text (&v[i++], row->case_status);
  set_text (&v[i++], row->source);
  set_int (&v[i++], row->source_line, !row->is_figure);
  set_text (&v[i++], row->licence);
  set_text (&v[i++], row->url);
  set_text (&v[i++], row->citation);
  set_text (&v[i++], row->excluded_reason);
  set_text (&v[i++], filter_text);
  g_assert (i == G_N_ELEMENTS (export_columns));
}

static void
append_row (GString            *out,
            AtlasRecordsFormat  format,
            const Value        *v,
            gboolean            first)
{
  if (format == ATLAS_RECORDS_FORMAT_CSV)
    {
      for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          if (v[i].type == V_TEXT)
            atlas_csv_append_field (out, v[i].text);
          else if (v[i].type == V_NUMBER)
            g_string_append (out, v[i].number);
        }
      g_string_append (out, "\r\n");
      return;
    }

  g_string_append (out, first ? "\n    {" : ",\n    {");
  /* The filter is said once, at the top of the file. */
  for (guint i = 0; i < G_N_ELEMENTS (export_columns) - 1; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "\"%s\": ", export_columns[i]);
      if (v[i].type == V_TEXT)
        atlas_json_append_string (out, v[i].text);
      else if (v[i].type == V_NUMBER)
        g_string_append (out, v[i].number);
      else
        g_string_append (out, "null");
    }
  g_string_append_c (out, '}');
}

static void
append_json_header (GString                 *out,
                    const AtlasRecordsQuery *query,
                    const char              *description)
{
  const AtlasFilter *f = query->filter;

  g_string_append (out, "{\n  \"filter\": {\"description\": ");
  atlas_json_append_string (out, description);
  if (f->regions != NULL && f->regions[0] != NULL)
    {
      g_string_append (out, ", \"regions\": [");
      for (guint i = 0; f->regions[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          atlas_json_append_string (out, f->regions[i]);
        }
      g_string_append_c (out, ']');
    }
  if (f->experience != NULL && f->experience[0] != NULL)
    {
      g_string_append (out, ", \"experience\": [");
      for (guint i = 0; f->experience[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          atlas_json_append_string (out, f->experience[i]);
        }
      g_string_append_c (out, ']');
    }
#define MEMBER(name, value) \
  if ((value) != NULL) { g_string_append (out, ", \"" name "\": "); atlas_json_append_string (out, value); }
  MEMBER ("role", f->role);
  MEMBER ("title", f->title);
  MEMBER ("company", f->company);
  MEMBER ("source", f->source);
  MEMBER ("search", query->search);
#undef MEMBER
  if (f->year_from != 0)
    g_string_append_printf (out, ", \"year_from\": %d", f->year_from);
  if (f->year_to != 0)
    g_string_append_printf (out, ", \"year_to\": %d", f->year_to);
  g_string_append_printf (out, ", \"sort\": \"%s\", \"descending\": %s, \"excluded\": \"%s\"}",
                          atlas_records_sort_to_string (query->sort), query->descending ? "true" : "false",
                          query->excluded == ATLAS_RECORDS_WITH_EXCLUDED ? "included"
                          : query->excluded == ATLAS_RECORDS_ONLY_EXCLUDED ? "only" : "left out");
  g_string_append (out, ",\n  \"records\": [");
}

/* Flushes @buf to @out once it holds this much. */
#define FLUSH_AT (64 * 1024)

static gboolean
flush (GOutputStream  *out,
       GString        *buf,
       GCancellable   *cancellable,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (out, buf->str, buf->len, NULL, cancellable, error);

  g_string_truncate (buf, 0);
  return ok;
}


typedef struct
{
  AtlasRecordsFormat  format;
  GOutputStream      *out;
  GCancellable       *cancellable;
  GString            *buf;
  const char         *filter_text;
  gint64              n;
  AtlasRecordsProgressFunc progress;
  gpointer            progress_data;
} WriteState;

/* Rows between two progress calls. */
#define PROGRESS_EVERY 1000

static gboolean
write_row_cb (const AtlasRecordRow  *row,
              gpointer               user_data,
              GError               **error)
{
  WriteState *state = user_data;
  Value values[G_N_ELEMENTS (export_columns)];

  row_values (row, state->filter_text, values);
  append_row (state->buf, state->format, values, state->n == 0);
  state->n++;
  if (state->progress != NULL && state->n % PROGRESS_EVERY == 0)
    state->progress (state->n, state->progress_data);

  return state->buf->len < FLUSH_AT || flush (state->out, state->buf, state->cancellable, error);
}

gint64
atlas_records_write (AtlasStore              *store,
                     const AtlasRecordsQuery *query,
                     AtlasRecordsFormat       format,
                     gint64                   limit,
                     GOutputStream           *out,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  return atlas_records_write_full (store, query, format, limit, out, NULL, NULL, cancellable,
                                   error);
}

gint64
atlas_records_write_full (AtlasStore               *store,
                          const AtlasRecordsQuery  *query,
                          AtlasRecordsFormat        format,
                          gint64                    limit,
                          GOutputStream            *out,
                          AtlasRecordsProgressFunc  progress,
                          gpointer                  progress_data,
                          GCancellable             *cancellable,
                          GError                  **error)
{
  g_autoptr(GString) buf = g_string_sized_new (FLUSH_AT + 4096);
  g_autofree char *description = NULL;
  g_autofree char *filter_text = NULL;
  WriteState state = { format, out, cancellable, buf, NULL, 0, progress, progress_data };

  g_return_val_if_fail (store != NULL, -1);
  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), -1);

  description = atlas_filter_describe (query->filter);
  filter_text = query->search != NULL && *query->search != '\0'
    ? g_strdup_printf ("%s · “%s”", description, query->search) : g_strdup (description);
  state.filter_text = filter_text;

  if (format == ATLAS_RECORDS_FORMAT_CSV)
    {
      for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
        g_string_append_printf (buf, i > 0 ? ",%s" : "%s", export_columns[i]);
      g_string_append (buf, "\r\n");
    }
  else
    append_json_header (buf, query, filter_text);

  if (atlas_records_foreach (store, query, limit, write_row_cb, &state, cancellable, error) < 0)
    return -1;

  if (format == ATLAS_RECORDS_FORMAT_JSON)
    g_string_append_printf (buf, "%s],\n  \"count\": %" G_GINT64_FORMAT "\n}\n",
                            state.n > 0 ? "\n  " : "", state.n);

  if (!flush (out, buf, cancellable, error) || !g_output_stream_flush (out, cancellable, error))
    return -1;

  return state.n;
}

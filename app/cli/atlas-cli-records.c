/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-records.c: salary-atlas records [FILTERS] [--search TEXT] [--sort COL]
 *   [--descending] [--limit N] [--figures] [--excluded MODE] [--currency MODE]
 *   [--format table|csv|json] [-o FILE]
 *
 * Rows are written as SQLite reads them, so memory stays flat for any
 * number of records. */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-records.h"

typedef struct
{
  GOutputStream     *out;
  GString           *line;
  AtlasRates        *rates;
  AtlasCurrencyMode  mode;
} TableState;

/* Appends @text cut or padded to @width characters, with control
 * characters shown as "?" so that no data reaches the terminal raw. */
static void
append_cell (GString    *line,
             const char *text,
             guint       width,
             gboolean    right)
{
  g_autoptr(GString) cell = g_string_new (NULL);
  guint n = 0;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = "?";

  for (const char *p = text; *p && n < width; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x1b)
        g_string_append_c (cell, '?');
      else if (n == width - 1 && *g_utf8_next_char (p) != '\0')
        g_string_append (cell, "…");
      else
        g_string_append_unichar (cell, c);
    }

  if (right)
    for (guint i = n; i < width; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, cell->str);
  if (!right)
    for (guint i = n; i < width; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, "  ");
}

static void
append_header (GString *line)
{
  append_cell (line, _("Title"), 30, FALSE);
  append_cell (line, _("Company"), 22, FALSE);
  append_cell (line, _("Where"), 16, FALSE);
  append_cell (line, _("Level"), 5, FALSE);
  append_cell (line, _("Pay"), 14, TRUE);
  append_cell (line, _("Converted"), 14, TRUE);
  append_cell (line, _("Year"), 4, FALSE);
  append_cell (line, _("Source"), 24, FALSE);
  append_cell (line, _("Id"), 22, FALSE);
  g_string_truncate (line, line->len - 2);
  g_string_append_c (line, '\n');
}

static gboolean
table_row_cb (const AtlasRecordRow  *row,
              gpointer               user_data,
              GError               **error)
{
  TableState *state = user_data;
  g_autofree char *where = NULL;
  g_autofree char *pay = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *year = g_strdup_printf ("%d", row->year);
  g_autofree char *source = NULL;
  g_autofree char *title = NULL;
  double value;

  where = row->city != NULL ? g_strdup_printf ("%s, %s", row->city, row->country) : g_strdup (row->country);
  pay = atlas_money_format (row->amount, row->currency, ATLAS_MONEY_FULL);
  if (atlas_record_row_convert (row, state->rates, state->mode, &value))
    converted = atlas_money_format (value, atlas_rates_display_currency (state->mode, row->country),
                                    ATLAS_MONEY_FULL);
  if (row->is_figure)
    {
      /* A published figure: its n and range say what it stands for; a
       * quoted figure whose publisher gave no n says nothing, not "n=0". */
      const char *label = row->title ? row->title : row->role_family;

      if (row->n > 0)
        title = g_strdup_printf (_("[figure, n=%" PRId64 "] %s"), row->n, label);
      else
        title = g_strdup_printf (_("[figure, n not stated] %s"), label);
      source = g_strdup (row->source);
    }
  else
    {
      title = g_strdup (row->title);
      source = g_strdup_printf ("%s:%" G_GINT64_FORMAT, row->source, row->source_line);
    }
  if (row->excluded_reason != NULL)
    {
      g_autofree char *marked = g_strdup_printf (_("[excluded: %s] %s"), row->excluded_reason, title);
      g_free (title);
      title = g_steal_pointer (&marked);
    }

  append_cell (state->line, title, 30, FALSE);
  append_cell (state->line, row->company, 22, FALSE);
  append_cell (state->line, where, 16, FALSE);
  append_cell (state->line, row->experience, 5, FALSE);
  append_cell (state->line, pay, 14, TRUE);
  append_cell (state->line, converted, 14, TRUE);
  append_cell (state->line, row->year ? year : NULL, 4, FALSE);
  append_cell (state->line, source, 24, FALSE);
  append_cell (state->line, row->uid, 22, FALSE);
  g_string_truncate (state->line, state->line->len - 2);
  g_string_append_c (state->line, '\n');

  if (state->line->len < 64 * 1024)
    return TRUE;
  if (!g_output_stream_write_all (state->out, state->line->str, state->line->len, NULL, NULL, error))
    return FALSE;
  g_string_truncate (state->line, 0);
  return TRUE;
}

static gint64
write_table (AtlasStore              *store,
             const AtlasRecordsQuery *query,
             gint64                   limit,
             AtlasCurrencyMode        mode,
             GOutputStream           *out,
             GError                 **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(AtlasRates) rates = atlas_rates_load (store, error);
  TableState state = { out, line, rates, mode };
  gint64 n;

  if (rates == NULL)
    return -1;

  append_header (line);
  n = atlas_records_foreach (store, query, limit, table_row_cb, &state, NULL, error);
  if (n < 0 ||
      !g_output_stream_write_all (out, line->str, line->len, NULL, NULL, error) ||
      !g_output_stream_flush (out, NULL, error))
    return -1;

  return n;
}

int
atlas_cli_records (int    argc,
                   char **argv)
{
  g_auto(AtlasCliCommon) common = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasFilter) filter = NULL;
  g_autoptr(AtlasRecordsQuery) query = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  g_autofree char *search = NULL;
  g_autofree char *sort_name = NULL;
  g_autofree char *excluded_name = NULL;
  g_autofree char *currency_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  gboolean descending = FALSE;
  gboolean figures = FALSE;
  gint64 limit = -1;
  gint64 n;
  AtlasCurrencyMode mode = ATLAS_CURRENCY_MODE_USD;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Text in the title or the company name"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name,
      N_("default, title, company, country, level, years, pay, year, source, basis or converted (the pay in --currency)"),
      N_("COLUMN") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Sort from the highest"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, N_("At most N rows"), N_("N") },
    { "figures", 0, 0, G_OPTION_ARG_NONE, &figures,
      N_("Also the published figures that match, after the records"), NULL },
    { "excluded", 0, 0, G_OPTION_ARG_STRING, &excluded_name,
      N_("Rows excluded by curation: omit (default), include or only"), N_("MODE") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_name,
      N_("The table’s converted pay: usd (default), local or ppp"), N_("MODE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table (default), csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE (replaced only when complete)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("— the records behind the statistics, one per row"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&common, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  filter = atlas_cli_common_get_filter (&common, &error);
  if (filter == NULL)
    return atlas_cli_fail (error);

  query = atlas_records_query_new (filter);
  query->search = g_steal_pointer (&search);
  query->descending = descending;
  query->with_figures = figures;
  if (sort_name != NULL && !atlas_records_sort_from_string (sort_name, &query->sort))
    return atlas_cli_fail_message (_("records: --sort “%s” is not one of default, title, company, "
                                     "country, level, years, pay, year, source, basis, converted"), sort_name);
  if (excluded_name == NULL || g_str_equal (excluded_name, "omit"))
    query->excluded = ATLAS_RECORDS_WITHOUT_EXCLUDED;
  else if (g_str_equal (excluded_name, "include"))
    query->excluded = ATLAS_RECORDS_WITH_EXCLUDED;
  else if (g_str_equal (excluded_name, "only"))
    query->excluded = ATLAS_RECORDS_ONLY_EXCLUDED;
  else
    return atlas_cli_fail_message (_("records: --excluded “%s” is not one of omit, include, only"),
                                   excluded_name);
  if (currency_name != NULL && !atlas_currency_mode_from_string (currency_name, &mode))
    return atlas_cli_fail_message (_("records: --currency “%s” is not one of usd, local, ppp"),
                                   currency_name);
  query->mode = mode;
  if (format != NULL && !g_strv_contains ((const char * const[]) { "table", "csv", "json", NULL }, format))
    return atlas_cli_fail_message (_("records: --format “%s” is not one of table, csv, json"), format);
  if (limit < -1)
    return atlas_cli_fail_message (_("records: --limit must not be negative"));

  store = atlas_cli_common_open_store (&common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);

  if (output != NULL)
    {
      file = g_file_new_for_commandline_arg (output);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        return atlas_cli_fail (error);
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  if (format == NULL || g_str_equal (format, "table"))
    n = write_table (store, query, limit, mode, out, &error);
  else
    n = atlas_records_write (store, query,
                             g_str_equal (format, "csv") ? ATLAS_RECORDS_FORMAT_CSV
                                                         : ATLAS_RECORDS_FORMAT_JSON,
                             limit, out, NULL, &error);

  if (n < 0)
    {
      /* A file is replaced only by a complete export. */
      if (file != NULL)
        {
          g_cancellable_cancel (abandon);
          g_output_stream_close (out, abandon, NULL);
        }
      return atlas_cli_fail (error);
    }
  if (file != NULL && !g_output_stream_close (out, NULL, &error))
    return atlas_cli_fail (error);

  if (file != NULL || (format != NULL && !g_str_equal (format, "table")))
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " row\n",
                                  "%" PRId64 " rows\n", n), n);
  return 0;
}

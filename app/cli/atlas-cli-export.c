/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-export.c: salary-atlas export --chart KIND [FILTERS] -o FILE.png|svg|pdf,
 * or the chart's table: --format csv|json [-o FILE]
 *
 * Built into the module libatlas-export.so with the chart renderer, which
 * atlas-cli-module.c loads when the command runs; the core functions come
 * from libatlas-main.so. */

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <gmodule.h>
#include <unistd.h>
#include <gio/gunixoutputstream.h>

#include "atlas-chart.h"
#include "atlas-chart-request.h"
#include "atlas-chart-table.h"
#include "atlas-cli.h"
#include "atlas-cli-common.h"

G_MODULE_EXPORT int atlas_cli_export_main (int    argc,
                                           char **argv);

/* The table behind the chart, to @output or standard output (NULL or "-");
 * a file is replaced only by a complete table. */
static int
write_table (AtlasChartRequest  *request,
             AtlasStore         *store,
             AtlasRecordsFormat  format,
             const char         *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOutputStream) out = NULL;

  if (output != NULL && !g_str_equal (output, "-"))
    {
      file = g_file_new_for_commandline_arg (output);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        return atlas_cli_fail (error);
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  if (atlas_chart_table_write (request, store, format, out, NULL, &error) < 0)
    {
      if (file != NULL)
        {
          g_autoptr(GCancellable) abandon = g_cancellable_new ();

          g_cancellable_cancel (abandon);
          g_output_stream_close (out, abandon, NULL);
        }
      return atlas_cli_fail (error);
    }
  if (file != NULL && !g_output_stream_close (out, NULL, &error))
    return atlas_cli_fail (error);

  return 0;
}

static gboolean
table_format_from_name (const char         *format_name,
                        const char         *output,
                        AtlasRecordsFormat *format)
{
  if (format_name == NULL && output != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (output, -1);

      format_name = g_str_has_suffix (lower, ".csv") ? "csv"
                    : g_str_has_suffix (lower, ".json") ? "json" : NULL;
    }
  if (g_strcmp0 (format_name, "csv") == 0)
    *format = ATLAS_RECORDS_FORMAT_CSV;
  else if (g_strcmp0 (format_name, "json") == 0)
    *format = ATLAS_RECORDS_FORMAT_JSON;
  else
    return FALSE;

  return TRUE;
}

G_MODULE_EXPORT int
atlas_cli_export_main (int    argc,
                       char **argv)
{
  g_auto(AtlasCliCommon) common = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasFilter) filter = NULL;
  g_autoptr(AtlasChartRequest) request = NULL;
  g_autoptr(AtlasCatalog) catalog = NULL;
  g_autoptr(AtlasChartSpec) spec = NULL;
  const AtlasQueryResult *result;
  g_autofree char *chart_name = NULL;
  g_autofree char *currency_name = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *whiskers_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *output = NULL;
  g_autofree char *dir = NULL;
  int width = 1000, height = 625, top = 15, min_n = 5, bins = 0;
  int small_sample = ATLAS_STATS_DEFAULT_SMALL_SAMPLE;
  double scale = 1.0;
  gboolean log_axis = FALSE, facet = FALSE, ratio = FALSE;
  AtlasChartKind kind;
  AtlasChartTheme theme = ATLAS_CHART_THEME_LIGHT;
  AtlasChartFormat format;
  AtlasRecordsFormat table_format = ATLAS_RECORDS_FORMAT_CSV;
  gboolean table;
  AtlasCurrencyMode mode = ATLAS_CURRENCY_MODE_USD;
  const GOptionEntry entries[] = {
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart_name,
      N_("compare, companies, experience, distribution, trend, company-regions or career"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: .png, .svg, .pdf, or .csv or .json for the chart’s table"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("png, svg or pdf; csv or json: the table behind the chart (default: from the file name)"), N_("FORMAT") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_name,
      N_("usd (default), local or ppp"), N_("MODE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in logical pixels (default 1000)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in logical pixels (default 625)"), N_("PX") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("Pixels per logical pixel in PNG (e.g. 2)"), N_("N") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_name, N_("light (default), dark or print"), N_("THEME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Chart title"), N_("TEXT") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &subtitle,
      N_("Subtitle (default: the filter in words)"), N_("TEXT") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("companies: bars per region (default 15; 0: all)"), N_("N") },
    { "min-n", 0, 0, G_OPTION_ARG_INT, &min_n,
      N_("companies: leave out companies with fewer observations (default 5)"), N_("N") },
    { "small-sample", 0, 0, G_OPTION_ARG_INT, &small_sample,
      N_("Mark groups with fewer observations (default 30)"), N_("N") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log_axis, N_("Logarithmic value axis"), NULL },
    { "whiskers", 0, 0, G_OPTION_ARG_STRING, &whiskers_name,
      N_("compare: p10-p90 (default) or min-max"), N_("RANGE") },
    { "facet", 0, 0, G_OPTION_ARG_NONE, &facet, N_("distribution: one panel per region"), NULL },
    { "bins", 0, 0, G_OPTION_ARG_INT, &bins, N_("distribution: number of bins"), N_("N") },
    { "ratio", 0, 0, G_OPTION_ARG_NONE, &ratio,
      N_("compare: India's median as a share of the US's, nominal and PPP (always drawn)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— export a chart as PNG, SVG or PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&common, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  if (argc > 1)
    return atlas_cli_usage_error (_("export: unexpected argument “%s”"), argv[1]);
  if (chart_name == NULL)
    return atlas_cli_usage_error (_("export: say which chart with --chart compare|companies|experience|distribution|trend|company-regions|career"));
  if (!atlas_chart_kind_from_string (chart_name, &kind))
    return atlas_cli_usage_error (_("export: --chart “%s” is not one of compare, companies, experience, distribution, trend, company-regions, career"),
                                   chart_name);
  table = table_format_from_name (format_name, output, &table_format);
  if (output == NULL && !table)
    return atlas_cli_usage_error (_("export: say where to write with -o FILE.png|FILE.svg|FILE.pdf"));

  if (table)
    format = ATLAS_CHART_FORMAT_PNG;   /* not used */
  else if (format_name != NULL)
    {
      if (!atlas_chart_format_from_string (format_name, &format))
        return atlas_cli_usage_error (_("export: --format “%s” is not one of png, svg, pdf"), format_name);
    }
  else if (!atlas_chart_format_from_path (output, &format))
    return atlas_cli_usage_error (_("export: cannot tell the format of “%s”; name it .png, .svg or .pdf, or pass --format"),
                                   output);

  if (currency_name != NULL && !atlas_currency_mode_from_string (currency_name, &mode))
    return atlas_cli_usage_error (_("export: --currency “%s” is not one of usd, local, ppp"), currency_name);
  if (theme_name != NULL && !atlas_chart_theme_from_string (theme_name, &theme))
    return atlas_cli_usage_error (_("export: --theme “%s” is not one of light, dark, print"), theme_name);
  if (width < 100 || height < 100 || width > 16000 || height > 16000)
    return atlas_cli_usage_error (_("export: --width and --height must be between 100 and 16000"));
  if (!(scale >= 1.0 && scale <= 8.0))
    return atlas_cli_usage_error (_("export: --scale must be between 1 and 8"));
  if (top < 0 || min_n < 1 || small_sample < 1 || bins < 0 || bins > 200)
    return atlas_cli_usage_error (_("export: --top must be 0 or more, --min-n and --small-sample at least 1, --bins at most 200"));
  if (whiskers_name != NULL && !g_str_equal (whiskers_name, "p10-p90")
      && !g_str_equal (whiskers_name, "min-max"))
    return atlas_cli_usage_error (_("export: --whiskers “%s” is not p10-p90 or min-max"), whiskers_name);

  /* Fail before the query when the folder cannot take the file. */
  dir = output != NULL ? g_path_get_dirname (output) : NULL;
  if (dir != NULL && !g_str_equal (output, "-") && g_access (dir, W_OK) != 0)
    {
      int saved = errno;
      return atlas_cli_fail_message (_("export: cannot write into folder “%s”: %s"), dir,
                                     g_strerror (saved));
    }

  filter = atlas_cli_common_get_filter (&common, &error);
  if (filter == NULL)
    return atlas_cli_fail (error);

  store = atlas_cli_common_open_store (&common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);
  atlas_cli_common_map_store (store);

  /* The window's Export goes through the same request: the same filter,
   * mode and threshold give the same spec, and so the same file. */
  request = atlas_chart_request_new (kind, filter, mode, (guint) small_sample);
  if (!atlas_chart_request_run (request, store, &error))
    return atlas_cli_fail (error);
  result = atlas_chart_request_get_result (request);

  if (result->groups->len == 0)
    {
      g_autofree char *words = atlas_filter_describe (filter);
      return atlas_cli_fail_message (_("export: no records or figures match %s"), words);
    }

  /* The request ran: the table needs no store. */
  if (table)
    return write_table (request, NULL, table_format, output);

  /* The caption quotes a conversion factor, found as the window finds it.
   * Only a filter without regions needs the catalog's countries (the chart
   * then expects the US and India if the data has both); otherwise the
   * years and factors will do, without reading the lists, companies and
   * headline figures. */
  if (filter->regions != NULL && filter->regions[0] != NULL)
    catalog = atlas_catalog_load_years_and_rates (store, &error);
  else
    catalog = atlas_catalog_load (store, FALSE, &error);
  if (catalog == NULL)
    return atlas_cli_fail (error);

  spec = atlas_chart_request_build_spec (request, catalog);
  atlas_chart_spec_set_theme (spec, theme);
  g_free (spec->title);
  spec->title = g_steal_pointer (&title);
  if (subtitle != NULL)
    {
      g_free (spec->subtitle);
      spec->subtitle = g_steal_pointer (&subtitle);
    }
  spec->top_n = (guint) top;
  spec->min_n = (guint) min_n;
  spec->log_axis = log_axis;
  spec->facet = facet;
  spec->bins = (guint) bins;
  if (g_strcmp0 (whiskers_name, "min-max") == 0)
    spec->whiskers = ATLAS_CHART_WHISKERS_MIN_MAX;
  /* --ratio is kept for scripts that pass it: the compare chart always
   * carries the ratios now, as in the window. */
  (void) ratio;

  if (!atlas_chart_export_to_file (spec, result, output, format, width, height, scale, &error))
    return atlas_cli_fail (error);

  return 0;
}

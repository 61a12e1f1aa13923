/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-stats.c: salary-atlas stats [FILTERS] --by GROUP [--currency MODE] [--format F] */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-cli-output.h"
#include "atlas-query.h"

/* CSV carries the first eight; JSON all of them. */
static const char * const columns[] = {
  "region", "group", "n", "p25", "median", "p75", "mean", "currency",
  "label", "min", "max", "median_ci_low", "median_ci_high", "small_sample",
  "origin", "reports", "sources", "citation",
};
#define N_JSON_ONLY 10

static void
add_money (AtlasCliTable *table,
           double         value,
           const char    *currency)
{
  g_autofree char *display = atlas_money_format (value, currency, ATLAS_MONEY_FULL);

  atlas_cli_table_add_double (table, value, display);
}

int
atlas_cli_stats (int    argc,
                 char **argv)
{
  g_auto(AtlasCliCommon) common = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasFilter) filter = NULL;
  g_autoptr(AtlasQueryResult) result = NULL;
  g_autoptr(AtlasCliTable) table = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *currency_name = NULL;
  g_autofree char *format = NULL;
  int small_sample = ATLAS_STATS_DEFAULT_SMALL_SAMPLE;
  AtlasGroupBy by;
  AtlasCurrencyMode mode = ATLAS_CURRENCY_MODE_USD;
  gboolean any_small = FALSE;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_name,
      N_("experience, company, region, year or role"), N_("GROUP") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_name,
      N_("usd (default), local or ppp"), N_("MODE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { "small-sample", 0, 0, G_OPTION_ARG_INT, &small_sample,
      N_("Flag groups with fewer observations (default 30)"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("— statistics per region and group"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&common, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  if (by_name == NULL)
    return atlas_cli_usage_error (_("stats: say how to group with --by experience|company|region|year|role"));
  if (!atlas_group_by_from_string (by_name, &by))
    return atlas_cli_usage_error (_("stats: --by “%s” is not one of experience, company, region, year, role"),
                                   by_name);
  if (currency_name != NULL && !atlas_currency_mode_from_string (currency_name, &mode))
    return atlas_cli_usage_error (_("stats: --currency “%s” is not one of usd, local, ppp"), currency_name);
  if (small_sample < 1)
    return atlas_cli_usage_error (_("stats: --small-sample must be at least 1"));

  table = atlas_cli_table_new (columns, G_N_ELEMENTS (columns));
  atlas_cli_table_set_json_only (table, N_JSON_ONLY);
  if (!atlas_cli_table_set_format (table, format, &error))
    return atlas_cli_fail (error);

  filter = atlas_cli_common_get_filter (&common, &error);
  if (filter == NULL)
    return atlas_cli_fail (error);

  store = atlas_cli_common_open_store (&common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);

  result = atlas_query_run (store, filter, by, mode, small_sample, NULL, &error);
  if (result == NULL)
    return atlas_cli_fail (error);

  if (result->groups->len == 0)
    {
      g_autofree char *words = atlas_filter_describe (filter);
      return atlas_cli_fail_message (_("stats: no records or figures match %s"), words);
    }

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);
      g_autofree char *n_display = g_strdup_printf ("%zu%s", g->summary.n, g->small_sample ? "*" : "");

      any_small |= g->small_sample;
      atlas_cli_table_begin_row (table);
      atlas_cli_table_add_string (table, g->region);
      atlas_cli_table_add_string (table, g->key);
      atlas_cli_table_add_int_display (table, g->summary.n, n_display);
      add_money (table, g->summary.p25, g->currency);
      add_money (table, g->summary.median, g->currency);
      add_money (table, g->summary.p75, g->currency);
      add_money (table, g->summary.mean, g->currency);
      atlas_cli_table_add_string (table, g->currency);
      atlas_cli_table_add_string (table, g->label);
      add_money (table, g->summary.min, g->currency);
      add_money (table, g->summary.max, g->currency);
      add_money (table, g->summary.median_ci_low, g->currency);
      add_money (table, g->summary.median_ci_high, g->currency);
      atlas_cli_table_add_bool (table, g->small_sample);
      atlas_cli_table_add_string (table, g->origin == ATLAS_GROUP_FROM_RECORDS ? "records" : "figure");
      atlas_cli_table_add_int (table, g->weight);
      atlas_cli_table_add_string (table, g->sources);
      atlas_cli_table_add_string (table, g->citation);
    }

  atlas_cli_table_print (table, stdout);

  /* Notes go to stderr so that CSV and JSON stay machine-readable. */
  if (any_small)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "* small sample: fewer than %d observation\n",
                                  "* small sample: fewer than %d observations\n", small_sample),
             small_sample);
  if (result->from_figures)
    fprintf (stderr, _("No records match: these are curated figures; see “sources” for citations.\n"));
  if (result->n_without_factor > 0 && result->from_figures)
    fprintf (stderr, _("%" PRIu64 " matching figures left out: no %s\n"),
             result->n_without_factor, result->missing_factors);
  else if (result->n_without_factor > 0)
    fprintf (stderr, _("%" PRIu64 " matching observations left out: no %s\n"),
             result->n_without_factor, result->missing_factors);

  return 0;
}

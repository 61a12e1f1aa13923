/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-stats.c: salary-atlas stats [FILTERS] --by GROUP [--currency MODE] [--format F] */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-cli-output.h"
#include "atlas-query.h"
#include "atlas-quote.h"

/* CSV carries the first eight; the table also the pay basis, the period
 * and a figure's range; JSON all of them. */
static const char * const columns[] = {
  "region", "group", "n", "p25", "median", "p75", "mean", "currency",
  "basis", "period", "range",
  "label", "min", "max", "median_ci_low", "median_ci_high", "small_sample",
  "origin", "reports", "sources", "citation", "years_min",
};
#define N_NOT_CSV 3
#define N_JSON_ONLY 11

static char *
format_period (const AtlasGroup *g)
{
  if (g->year_to == 0)
    return NULL;
  if (g->year_from == g->year_to || g->year_from == 0)
    return g_strdup_printf ("%d", g->year_to);
  return g_strdup_printf ("%d–%d", g->year_from, g->year_to);
}

/* A published figure's range of reports: "₹4,00,000–₹15,20,000". */
static char *
format_range (const AtlasGroup *g)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  if (g->origin != ATLAS_GROUP_FROM_FIGURE || isnan (g->summary.min) || isnan (g->summary.max))
    return NULL;
  lo = atlas_money_format (g->summary.min, g->currency, ATLAS_MONEY_FULL);
  hi = atlas_money_format (g->summary.max, g->currency, ATLAS_MONEY_FULL);
  return g_strdup_printf ("%s–%s", lo, hi);
}

static void
print_suggestions (AtlasStore *store,
                   const char *company)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = atlas_query_suggest_companies (store, company, 8, &error);

  if (names != NULL && names[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", names);
      /* Names from imported files. */
      g_autofree char *list = atlas_quote_name (joined);

      fprintf (stderr, _("Companies with a similar name: %s\n"), list);
    }
}

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
  int min_n = ATLAS_COMPANY_MIN_N_DEFAULT;
  AtlasGroupBy by;
  AtlasCurrencyMode mode = ATLAS_CURRENCY_MODE_USD;
  gboolean any_small = FALSE;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_name,
      N_("experience, experience-years, company, region, year or role"), N_("GROUP") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_name,
      N_("usd (default), local or ppp"), N_("MODE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { "small-sample", 0, 0, G_OPTION_ARG_INT, &small_sample,
      N_("Flag groups with fewer observations (default 30)"), N_("N") },
    { "min-n", 0, 0, G_OPTION_ARG_INT, &min_n,
      N_("List companies with at least N observations (default 5)"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("— statistics per region and group"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&common, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  if (by_name == NULL)
    return atlas_cli_usage_error (_("stats: say how to group with --by experience|experience-years|company|region|year|role"));
  if (!atlas_group_by_from_string (by_name, &by))
    return atlas_cli_usage_error (_("stats: --by “%s” is not one of experience, experience-years, company, region, year, role"),
                                   by_name);
  if (currency_name != NULL && !atlas_currency_mode_from_string (currency_name, &mode))
    return atlas_cli_usage_error (_("stats: --currency “%s” is not one of usd, local, ppp"), currency_name);
  if (small_sample < 1)
    return atlas_cli_usage_error (_("stats: --small-sample must be at least 1"));
  if (min_n < 1)
    return atlas_cli_usage_error (_("stats: --min-n must be at least 1"));

  table = atlas_cli_table_new (columns, G_N_ELEMENTS (columns));
  atlas_cli_table_set_json_only (table, N_JSON_ONLY);
  atlas_cli_table_set_not_csv (table, N_NOT_CSV);
  if (!atlas_cli_table_set_format (table, format, &error))
    return atlas_cli_fail (error);

  filter = atlas_cli_common_get_filter (&common, &error);
  if (filter == NULL)
    return atlas_cli_fail (error);
  filter->company_min_n = min_n;

  store = atlas_cli_common_open_store (&common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);
  atlas_cli_common_map_store (store);

  result = atlas_query_run (store, filter, by, mode, small_sample, NULL, &error);
  if (result == NULL)
    return atlas_cli_fail (error);

  if (result->groups->len == 0)
    {
      g_autofree char *words = atlas_filter_describe (filter);

      if (filter->company != NULL)
        print_suggestions (store, filter->company);
      if (result->n_groups_below_min > 0)
        fprintf (stderr, _("%u companies have fewer than %u observations (--min-n)\n"),
                 result->n_groups_below_min, result->company_min_n);
      return atlas_cli_fail_message (_("stats: no records or figures match %s"), words);
    }

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);
      g_autofree char *n_display = g_strdup_printf ("%zu%s", g->summary.n, g->small_sample ? "*" : "");
      g_autofree char *period = format_period (g);
      g_autofree char *range = format_range (g);

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
      atlas_cli_table_add_string (table, g->bases);
      atlas_cli_table_add_string (table, period);
      atlas_cli_table_add_string (table, range);
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
      atlas_cli_table_add_double (table, g->years_min, NULL);
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
  if (result->company_min_n > 0)
    fprintf (stderr, _("Companies with at least %u observations; %u with fewer left out (--min-n).\n"),
             result->company_min_n, result->n_groups_below_min);
  if (result->pooled_bases)
    fprintf (stderr, _("Some groups pool different pay bases (see “basis”: base salary, total "
                       "compensation, unknown).\n"));
  if (result->superseded != NULL)
    fprintf (stderr, _("Not counted, older snapshots of the same publication: %s\n"),
             result->superseded);
  if (result->n_figures_outside_years > 0)
    fprintf (stderr, _("%u matching figures left out: their period is outside the years asked for\n"),
             result->n_figures_outside_years);
  if (result->n_excluded > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                  "%" PRIu64 " matching observation excluded by you (see “curate list”)\n",
                                  "%" PRIu64 " matching observations excluded by you (see “curate list”)\n",
                                  result->n_excluded),
             result->n_excluded);

  return 0;
}

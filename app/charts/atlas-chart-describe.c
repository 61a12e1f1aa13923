/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-describe.c: a mark in words, for tooltips and screen readers. */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "atlas-chart.h"
#include "atlas-money.h"

char *
atlas_chart_describe_mark (const AtlasQueryResult *result,
                           const AtlasChartMark   *mark,
                           gboolean                markup)
{
  const AtlasGroup *group = NULL;
  const char *region_name;
  g_autofree char *label = NULL;
  g_autofree char *median = NULL;
  g_autofree char *p25 = NULL;
  g_autofree char *p75 = NULL;
  g_autofree char *ci = NULL;
  g_autofree char *n = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (mark != NULL, NULL);

  if (result != NULL && mark->group_index >= 0 && (guint) mark->group_index < result->groups->len)
    group = g_ptr_array_index (result->groups, mark->group_index);

  region_name = mark->region ? atlas_money_country_name (mark->region) : NULL;
  if (region_name == NULL)
    region_name = mark->region ? mark->region : "";

  label = markup ? g_markup_escape_text (mark->label ? mark->label : "", -1)
                 : g_strdup (mark->label ? mark->label : "");

  if (mark->kind == ATLAS_CHART_MARK_EMPTY)
    {
      /* Translators: "Senior · India: no data" */
      g_string_append_printf (text, _("%s · %s: no data"), label, region_name);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (mark->kind == ATLAS_CHART_MARK_BIN)
    {
      g_autofree char *low = atlas_money_format (mark->bin_low, mark->currency, ATLAS_MONEY_FULL);
      g_autofree char *high = atlas_money_format (mark->bin_high, mark->currency, ATLAS_MONEY_FULL);

      /* Translators: a histogram bin: "India: 12 between ₹10,00,000 and ₹12,00,000" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s: %u salary from %s to under %s",
                                                 "%s: %u salaries from %s to under %s",
                                                 mark->bin_count),
                              region_name, mark->bin_count, low, high);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  median = atlas_money_format (mark->summary.median, mark->currency, ATLAS_MONEY_FULL);
  p25 = atlas_money_format (mark->summary.p25, mark->currency, ATLAS_MONEY_FULL);
  p75 = atlas_money_format (mark->summary.p75, mark->currency, ATLAS_MONEY_FULL);
  n = atlas_money_group_digits (mark->summary.n, FALSE);

  if (markup)
    g_string_append_printf (text, "<b>%s · %s</b>\n", label, region_name);
  else
    g_string_append_printf (text, "%s · %s. ", label, region_name);

  if (isnan (mark->summary.p25) || isnan (mark->summary.p75))
    /* Translators: a published figure without quartiles */
    g_string_append_printf (text, _("Median %s, n = %s"), median, n);
  else
    /* Translators: "Median $140,000 (middle half $110,000–$180,000), n = 1,234" */
    g_string_append_printf (text, _("Median %s (middle half %s–%s), n = %s"), median, p25, p75, n);

  if (!isnan (mark->summary.median_ci_low) && !isnan (mark->summary.median_ci_high))
    {
      g_autofree char *low = atlas_money_format (mark->summary.median_ci_low, mark->currency, ATLAS_MONEY_SHORT);
      g_autofree char *high = atlas_money_format (mark->summary.median_ci_high, mark->currency, ATLAS_MONEY_SHORT);

      g_string_append (text, markup ? "\n" : ". ");
      /* Translators: the 95 % confidence interval of the median */
      g_string_append_printf (text, _("95 %% CI of the median: %s–%s"), low, high);
    }

  if (mark->small_sample)
    {
      g_string_append (text, markup ? "\n" : ". ");
      g_string_append (text, _("Small sample: read with care"));
    }

  if (group != NULL && (group->pooled_bases || group->pay_basis != ATLAS_PAY_BASIS_UNKNOWN))
    {
      g_string_append (text, markup ? "\n" : ". ");
      if (group->pooled_bases)
        /* Translators: a group that pools amounts of different pay bases */
        g_string_append (text, _("Pools different pay bases"));
      else
        /* Translators: "Pay basis: total compensation" */
        g_string_append_printf (text, _("Pay basis: %s"), atlas_pay_basis_label (group->pay_basis));
    }

  if (group != NULL && (group->sources != NULL || group->citation != NULL))
    {
      g_autofree char *source = markup
        ? g_markup_escape_text (group->citation ? group->citation : group->sources, -1)
        : g_strdup (group->citation ? group->citation : group->sources);

      g_string_append (text, markup ? "\n<small>" : ". ");
      /* Translators: where a figure comes from */
      g_string_append_printf (text, _("Source: %s"), source);
      if (markup)
        g_string_append (text, "</small>");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

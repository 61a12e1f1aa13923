/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart-caption.c: the caption under every chart: how many records
 * from which sources, the currency and its factor, what the amounts count
 * (pay basis), the data years, and the regions without data. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"
#include "atlas-money.h"

static char *
format_count (guint64 n)
{
  return atlas_money_group_digits (n, FALSE);
}

static const char *
default_basis (AtlasCurrencyMode mode)
{
  switch (mode)
    {
    case ATLAS_CURRENCY_MODE_LOCAL:
      return _("Currency: each region's own currency, as reported");
    case ATLAS_CURRENCY_MODE_PPP:
      return _("Currency: international dollars, World Bank PPP conversion factors for private consumption");
    case ATLAS_CURRENCY_MODE_USD:
    default:
      return _("Currency: nominal US dollars at yearly average exchange rates");
    }
}

/* The bases of @group as a bit mask (1 << AtlasPayBasis). */
static guint
group_bases (const AtlasGroup *group)
{
  g_auto(GStrv) parts = NULL;
  guint mask = 0;

  if (!group->pooled_bases || group->bases == NULL)
    return 1u << group->pay_basis;
  parts = g_strsplit (group->bases, "+", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      AtlasPayBasis basis;

      if (atlas_pay_basis_from_string (parts[i], &basis))
        mask |= 1u << basis;
    }
  return mask;
}

static char *
describe_bases (guint mask)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint b = ATLAS_PAY_BASIS_UNKNOWN; b <= ATLAS_PAY_BASIS_TOTAL; b++)
    if (mask & (1u << b))
      g_ptr_array_add (labels, (gpointer) atlas_pay_basis_label (b));
  g_ptr_array_add (labels, NULL);
  /* Translators: joins pay bases, "base salary and total compensation" */
  return g_strjoinv (_(" and "), (GStrv) labels->pdata);
}

/* What the amounts count, per region: never pooled or mixed silently. */
static void
append_pay_basis (GString                *s,
                  const AtlasQueryResult *result)
{
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GArray) masks = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GPtrArray) pooled = g_ptr_array_new ();
  guint all = 0;

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);
      guint index;

      if (!g_ptr_array_find_with_equal_func (regions, g->region, g_str_equal, &index))
        {
          guint zero = 0;

          index = regions->len;
          g_ptr_array_add (regions, g->region);
          g_array_append_val (masks, zero);
        }
      g_array_index (masks, guint, index) |= group_bases (g);
      all |= group_bases (g);
      if (g->pooled_bases && !g_ptr_array_find_with_equal_func (pooled, g->region, g_str_equal, NULL))
        g_ptr_array_add (pooled, g->region);
    }

  if (regions->len == 0)
    return;

  if (all == 1u << ATLAS_PAY_BASIS_UNKNOWN)
    {
      g_string_append (s, _("Pay basis: not stated by the source. "));
      return;
    }
  if ((all & (all - 1)) == 0)
    {
      g_autofree char *b = describe_bases (all);

      /* Translators: "Pay basis: total compensation." */
      g_string_append_printf (s, _("Pay basis: %s. "), b);
      return;
    }

  g_string_append (s, _("Pay bases differ: "));
  for (guint r = 0; r < regions->len; r++)
    {
      g_autofree char *b = describe_bases (g_array_index (masks, guint, r));

      g_string_append_printf (s, "%s%s %s", r > 0 ? "; " : "",
                              _atlas_chart_region_name (g_ptr_array_index (regions, r)), b);
    }
  g_string_append (s, ". ");
  for (guint r = 0; r < pooled->len; r++)
    /* Translators: "Some United States groups pool different pay bases." */
    g_string_append_printf (s, _("Some %s groups pool different pay bases. "),
                            _atlas_chart_region_name (g_ptr_array_index (pooled, r)));
}

/* "Data years: 2017–2021." over the groups' periods. */
static void
append_period (GString                *s,
               const AtlasQueryResult *result)
{
  int from = G_MAXINT, to = 0;

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (g->year_to <= 0)
        continue;
      from = MIN (from, g->year_from > 0 ? g->year_from : g->year_to);
      to = MAX (to, g->year_to);
    }
  if (to == 0)
    return;
  if (from == to)
    g_string_append_printf (s, _("Data year: %d. "), to);
  else
    g_string_append_printf (s, _("Data years: %d–%d. "), from, to);
}

/* " (United States 23,962; India 1,864)" when there are several regions. */
static void
append_region_n (GString                *s,
                 const AtlasQueryResult *result)
{
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GArray) totals = g_array_new (FALSE, TRUE, sizeof (guint64));

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);
      guint index;

      if (!g_ptr_array_find_with_equal_func (regions, g->region, g_str_equal, &index))
        {
          guint64 zero = 0;

          index = regions->len;
          g_ptr_array_add (regions, g->region);
          g_array_append_val (totals, zero);
        }
      g_array_index (totals, guint64, index) += g->summary.n;
    }
  if (regions->len < 2)
    return;
  g_string_append (s, " (");
  for (guint r = 0; r < regions->len; r++)
    {
      g_autofree char *n = format_count (g_array_index (totals, guint64, r));

      g_string_append_printf (s, "%s%s %s", r > 0 ? "; " : "",
                              _atlas_chart_region_name (g_ptr_array_index (regions, r)), n);
    }
  g_string_append (s, ")");
}

/* Whether a region's median per year comes from different sources in
 * consecutive years (groups are in region, then year order). */
static gboolean
trend_changes_source (const AtlasQueryResult *result)
{
  for (guint i = 1; i < result->groups->len; i++)
    {
      const AtlasGroup *a = g_ptr_array_index (result->groups, i - 1);
      const AtlasGroup *b = g_ptr_array_index (result->groups, i);

      if (g_strcmp0 (a->region, b->region) == 0 && g_strcmp0 (a->sources, b->sources) != 0)
        return TRUE;
    }
  return FALSE;
}

char *
_atlas_chart_build_caption (const AtlasChartSpec   *spec,
                            const AtlasQueryResult *result,
                            GPtrArray              *missing)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) citations = g_ptr_array_new ();
  g_autofree char *n = NULL;
  const char *snapshot = spec->snapshot_date;

  if (result != NULL && result->sources != NULL && result->sources->len > 0)
    {
      g_string_append (s, result->sources->len > 1 ? _("Sources: ") : _("Source: "));
      for (guint i = 0; i < result->sources->len; i++)
        {
          const AtlasQuerySource *src = g_ptr_array_index (result->sources, i);

          if (i > 0)
            g_string_append (s, "; ");
          g_string_append (s, src->name);
          if (src->licence != NULL && src->retrieved_at != NULL)
            /* Translators: licence and retrieval date of a source */
            g_string_append_printf (s, _(" (%s, retrieved %.10s)"), src->licence, src->retrieved_at);
          else if (src->licence != NULL)
            g_string_append_printf (s, " (%s)", src->licence);
          if (snapshot == NULL || g_strcmp0 (src->retrieved_at, snapshot) > 0)
            snapshot = src->retrieved_at;
        }
      g_string_append (s, ". ");
    }

  if (result != NULL)
    for (guint i = 0; i < result->groups->len; i++)
      {
        const AtlasGroup *g = g_ptr_array_index (result->groups, i);

        if (g->origin == ATLAS_GROUP_FROM_FIGURE && g->citation != NULL
            && !g_ptr_array_find_with_equal_func (citations, g->citation, g_str_equal, NULL))
          g_ptr_array_add (citations, g->citation);
      }
  if (citations->len > 0)
    {
      g_string_append (s, _("Published figures: "));
      for (guint i = 0; i < citations->len; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? "; " : "", (char *) citations->pdata[i]);
      g_string_append (s, ". ");
    }

  /* Dates only: "2025-01-19", not the import's timestamp to the second. */
  if (snapshot != NULL)
    g_string_append_printf (s, _("Snapshot %.10s. "), snapshot);

  g_string_append_printf (s, "%s. ",
                          spec->currency_basis != NULL ? spec->currency_basis
                                                       : default_basis (spec->currency_mode));

  if (result != NULL)
    {
      append_pay_basis (s, result);
      append_period (s, result);
    }

  switch (spec->kind)
    {
    case ATLAS_CHART_COMPARE:
      g_string_append (s, spec->whiskers == ATLAS_CHART_WHISKERS_MIN_MAX
                          ? _("Boxes: 25th–75th percentile, line: median, whiskers: minimum–maximum. ")
                          : _("Boxes: 25th–75th percentile, line: median, whiskers: 10th–90th percentile. "));
      break;
    case ATLAS_CHART_COMPANIES:
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                              "Bars: median; lines: 25th–75th percentile; companies with at least %u observation. ",
                                              "Bars: median; lines: 25th–75th percentile; companies with at least %u observations. ",
                                              spec->min_n),
                              spec->min_n);
      break;
    case ATLAS_CHART_EXPERIENCE:
    case ATLAS_CHART_CAREER:
      g_string_append (s, _("Lines: median; bands: 25th–75th percentile. "));
      break;
    case ATLAS_CHART_COMPANY_REGIONS:
      g_string_append_printf (s, _("Bars: median; lines: 25th–75th percentile; companies with at least %u observations in both regions. "),
                              spec->min_n);
      if (result != NULL)
        {
          g_autofree char *shown = _atlas_chart_company_regions_summary (spec, result);

          if (shown != NULL)
            g_string_append (s, shown);
        }
      break;
    case ATLAS_CHART_DISTRIBUTION:
      if (_atlas_chart_distribution_is_binned (result))
        g_string_append (s, _("Bars: share of each region's people per pay range, from histograms "
                              "published as binned aggregates (counts per range, no individual "
                              "records; wider ranges drawn lower, by area); dashed: the published "
                              "median. "));
      else
        g_string_append (s, _("Bars: share of each region's observations per pay range; dashed: median. "));
      break;
    case ATLAS_CHART_TREND:
      if (result != NULL && trend_changes_source (result))
        g_string_append (s, _("Points: median; a dashed line marks a change of source, across which the line is not joined. "));
      break;
    default:
      break;
    }

  if (result != NULL)
    {
      if (result->from_figures)
        {
          guint64 total = 0;

          for (guint i = 0; i < result->groups->len; i++)
            total += ((AtlasGroup *) g_ptr_array_index (result->groups, i))->summary.n;
          n = format_count (total);
          g_string_append_printf (s, _("n = %s"), n);
          append_region_n (s, result);
          g_string_append (s, _(" (as published)."));
        }
      else
        {
          guint64 shown = 0;

          for (guint i = 0; i < result->groups->len; i++)
            shown += ((AtlasGroup *) g_ptr_array_index (result->groups, i))->summary.n;
          n = format_count (shown);
          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "n = %s record",
                                                  "n = %s records", shown), n);
          append_region_n (s, result);
          g_string_append_c (s, '.');
        }

      if (result->n_groups_below_min > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " %u company with fewer than %u observations is not listed.",
                                             " %u companies with fewer than %u observations are not listed.",
                                             result->n_groups_below_min),
                                result->n_groups_below_min, result->company_min_n);
      if (result->n_figures_outside_years > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " %u published figure from outside the years asked for is left out.",
                                             " %u published figures from outside the years asked for are left out.",
                                             result->n_figures_outside_years),
                                result->n_figures_outside_years);
      if (result->superseded != NULL)
        /* Translators: older snapshots of a publication, not counted twice */
        g_string_append_printf (s, _(" Not counted: %s."), result->superseded);

      if (result->n_without_group > 0)
        {
          g_autofree char *m = format_count (result->n_without_group);

          switch (result->by)
            {
            case ATLAS_GROUP_EXPERIENCE:
              g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                      " %s matching record without an experience level is not shown.",
                                                      " %s matching records without an experience level are not shown.",
                                                      result->n_without_group), m);
              break;
            case ATLAS_GROUP_COMPANY:
              g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                      " %s matching record without an employer is not shown.",
                                                      " %s matching records without an employer are not shown.",
                                                      result->n_without_group), m);
              break;
            default:
              g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                      " %s matching record is not shown.",
                                                      " %s matching records are not shown.",
                                                      result->n_without_group), m);
              break;
            }
        }

      if (result->n_without_factor > 0)
        {
          g_autofree char *m = format_count (result->n_without_factor);

          g_string_append_printf (s, _(" %s left out for lack of a conversion factor (%s)."), m,
                                  result->missing_factors != NULL ? result->missing_factors : "?");
        }

      /* The user's own exclusions (curation) are never silent. */
      if (result->n_excluded > 0)
        {
          g_autofree char *m = format_count (result->n_excluded);

          g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                  " %s matching record excluded by you is not counted.",
                                                  " %s matching records excluded by you are not counted.",
                                                  result->n_excluded), m);
        }
    }

  /* A region the filter asked for (or the data has) is never left out
   * without a word. */
  for (guint i = 0; missing != NULL && i < missing->len; i++)
    /* Translators: "No data for India under this filter." */
    g_string_append_printf (s, _(" No data for %s under this filter."),
                            _atlas_chart_region_name (g_ptr_array_index (missing, i)));

  if (spec->note != NULL)
    g_string_append_printf (s, " %s", spec->note);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

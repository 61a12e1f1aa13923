/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-chart.c: chart specs and the frame every chart shares: background,
 * title, subtitle, legend, the small-sample note and the caption. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-private.h"
#include "atlas-money.h"

G_DEFINE_QUARK (atlas-chart-error-quark, atlas_chart_error)

G_DEFINE_BOXED_TYPE (AtlasChartSpec, atlas_chart_spec,
                     atlas_chart_spec_copy, atlas_chart_spec_free)

static const char * const kind_names[ATLAS_CHART_N_KINDS] = {
  "compare", "companies", "experience", "distribution", "trend", "company-regions",
  "career",
};

const char *
atlas_chart_kind_to_string (AtlasChartKind kind)
{
  g_return_val_if_fail (kind < ATLAS_CHART_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
atlas_chart_kind_from_string (const char     *str,
                              AtlasChartKind *kind)
{
  for (guint i = 0; str != NULL && i < ATLAS_CHART_N_KINDS; i++)
    if (g_ascii_strcasecmp (str, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (AtlasChartKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
atlas_chart_kind_get_title (AtlasChartKind kind)
{
  switch (kind)
    {
    case ATLAS_CHART_COMPARE:
      return _("Pay by experience level");
    case ATLAS_CHART_COMPANIES:
      return _("Median pay by company");
    case ATLAS_CHART_EXPERIENCE:
      return _("Median pay by experience level");
    case ATLAS_CHART_DISTRIBUTION:
      return _("Distribution of pay");
    case ATLAS_CHART_TREND:
      return _("Median pay by year");
    case ATLAS_CHART_COMPANY_REGIONS:
      return _("Same employer, United States and India");
    case ATLAS_CHART_CAREER:
      return _("Career curve: pay by years of experience");
    default:
      g_return_val_if_reached (NULL);
    }
}

AtlasGroupBy
atlas_chart_kind_group_by (AtlasChartKind kind)
{
  switch (kind)
    {
    case ATLAS_CHART_COMPANIES:
    case ATLAS_CHART_COMPANY_REGIONS:
      return ATLAS_GROUP_COMPANY;
    case ATLAS_CHART_DISTRIBUTION:
      return ATLAS_GROUP_REGION;
    case ATLAS_CHART_TREND:
      return ATLAS_GROUP_YEAR;
    case ATLAS_CHART_CAREER:
      return ATLAS_GROUP_EXPERIENCE_YEARS;
    case ATLAS_CHART_COMPARE:
    case ATLAS_CHART_EXPERIENCE:
    default:
      return ATLAS_GROUP_EXPERIENCE;
    }
}

static const char * const theme_names[] = { "light", "dark", "print" };

const char *
atlas_chart_theme_to_string (AtlasChartTheme theme)
{
  g_return_val_if_fail (theme < G_N_ELEMENTS (theme_names), NULL);
  return theme_names[theme];
}

gboolean
atlas_chart_theme_from_string (const char      *str,
                               AtlasChartTheme *theme)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (theme_names); i++)
    if (g_ascii_strcasecmp (str, theme_names[i]) == 0)
      {
        if (theme != NULL)
          *theme = (AtlasChartTheme) i;
        return TRUE;
      }
  return FALSE;
}

AtlasChartSpec *
atlas_chart_spec_new (AtlasChartKind kind)
{
  AtlasChartSpec *spec = g_new0 (AtlasChartSpec, 1);

  spec->kind = kind;
  spec->currency_mode = ATLAS_CURRENCY_MODE_USD;
  spec->top_n = 15;
  spec->min_n = 5;
  spec->whiskers = ATLAS_CHART_WHISKERS_P10_P90;
  spec->ratio_nominal = NAN;
  spec->ratio_ppp = NAN;
  spec->focus_mark = -1;
  atlas_chart_spec_set_theme (spec, ATLAS_CHART_THEME_LIGHT);
  return spec;
}

AtlasChartSpec *
atlas_chart_spec_copy (const AtlasChartSpec *spec)
{
  AtlasChartSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_memdup2 (spec, sizeof *spec);
  copy->title = g_strdup (spec->title);
  copy->subtitle = g_strdup (spec->subtitle);
  copy->currency_basis = g_strdup (spec->currency_basis);
  copy->snapshot_date = g_strdup (spec->snapshot_date);
  copy->note = g_strdup (spec->note);
  copy->ratio_basis = g_strdup (spec->ratio_basis);
  copy->hidden_regions = g_strdupv (spec->hidden_regions);
  copy->expected_regions = g_strdupv (spec->expected_regions);
  return copy;
}

void
atlas_chart_spec_free (AtlasChartSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->title);
  g_free (spec->subtitle);
  g_free (spec->currency_basis);
  g_free (spec->snapshot_date);
  g_free (spec->note);
  g_free (spec->ratio_basis);
  g_strfreev (spec->hidden_regions);
  g_strfreev (spec->expected_regions);
  g_free (spec);
}

void
atlas_chart_spec_set_theme (AtlasChartSpec  *spec,
                            AtlasChartTheme  theme)
{
  g_return_if_fail (spec != NULL);
  spec->theme = theme;
  atlas_chart_palette_init_for_theme (&spec->palette, theme);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
pooled_median (const AtlasQueryResult *result,
               const char             *region)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (g_strcmp0 (g->region, region) == 0 && g->values != NULL)
        g_array_append_vals (all, g->values, g->n_values);
    }

  if (all->len == 0)
    return NAN;

  g_array_sort (all, compare_doubles);
  return atlas_stats_percentile_sorted ((double *) all->data, all->len, 0.5);
}

double
atlas_chart_median_ratio (const AtlasQueryResult *result,
                          const char             *region_a,
                          const char             *region_b)
{
  double a, b;

  g_return_val_if_fail (result != NULL, NAN);

  a = pooled_median (result, region_a);
  b = pooled_median (result, region_b);
  if (!isfinite (a) || !isfinite (b) || b <= 0)
    return NAN;
  return a / b;
}

/* ---------------------------------------------------------------- Frame */

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

static char *
build_caption (const AtlasChartSpec   *spec,
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

static gboolean
is_hidden (const AtlasChartSpec *spec,
           const char           *region)
{
  return spec->hidden_regions != NULL && region != NULL &&
         g_strv_contains ((const char * const *) spec->hidden_regions, region);
}

static double
draw_legend (AtlasChartCtx *ctx,
             double         x,
             double         y,
             double         max_x,
             gboolean       with_small)
{
  double sw = ctx->font_size * 0.9;
  double gap = ctx->font_size * 1.2;
  double line_h = ctx->font_size * 1.5;
  double cx = x, cy = y;
  /* Line charts mark small samples with hollow points, the others hatch. */
  gboolean hollow = ctx->spec->kind == ATLAS_CHART_EXPERIENCE || ctx->spec->kind == ATLAS_CHART_TREND ||
                    ctx->spec->kind == ATLAS_CHART_CAREER;

  guint n_present = ctx->legend_regions->len;
  guint n_entries = n_present + ctx->missing_regions->len;

  for (guint i = 0; i < n_entries + (with_small ? 1 : 0); i++)
    {
      g_autofree char *text = NULL;
      const char *region = i < n_present ? g_ptr_array_index (ctx->legend_regions, i) : NULL;
      const char *missing = i >= n_present && i < n_entries
                            ? g_ptr_array_index (ctx->missing_regions, i - n_present) : NULL;
      gboolean hidden = region != NULL && is_hidden (ctx->spec, region);
      cairo_rectangle_t swatch;
      double w;

      if (region != NULL)
        text = g_strdup (_atlas_chart_region_name (region));
      else if (missing != NULL)
        /* Translators: a legend entry, "India: no data under this filter" */
        text = g_strdup_printf (_("%s: no data under this filter"), _atlas_chart_region_name (missing));
      else if (hollow)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "hollow: fewer than %u observation",
                                             "hollow: fewer than %u observations",
                                             ctx->result->small_sample_threshold),
                                ctx->result->small_sample_threshold);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "hatched: fewer than %u observation",
                                             "hatched: fewer than %u observations",
                                             ctx->result->small_sample_threshold),
                                ctx->result->small_sample_threshold);

      _atlas_chart_measure (ctx, text, 0.9, FALSE, -1, FALSE, &w, NULL);
      if (cx > x && cx + sw + 6 + w > max_x)
        {
          cx = x;
          cy += line_h;
        }

      swatch = (cairo_rectangle_t) { cx, cy + (line_h - sw) / 2 - ctx->font_size * 0.15, sw, sw };
      if (missing != NULL)
        {
          /* A dashed empty swatch: the region is expected and absent. It is
           * a mark too, so keyboard and screen-reader users meet it. */
          double lw = MAX (1.0, ctx->font_size * 0.12);
          double dash[] = { lw * 2, lw * 1.5 };
          AtlasChartMark mark;

          cairo_save (ctx->cr);
          cairo_rectangle (ctx->cr, swatch.x + lw / 2, swatch.y + lw / 2,
                           swatch.width - lw, swatch.height - lw);
          _atlas_chart_set_color (ctx, &ctx->palette->muted, 1.0);
          cairo_set_line_width (ctx->cr, lw);
          cairo_set_dash (ctx->cr, dash, 2, 0);
          cairo_stroke (ctx->cr);
          cairo_restore (ctx->cr);

          _atlas_chart_mark_init (&mark, ATLAS_CHART_MARK_EMPTY, NULL, -1);
          mark.region = missing;
          /* Read as "Under this filter · India: no data". */
          mark.label = _("Under this filter");
          mark.rect = (cairo_rectangle_t) { cx, cy, sw + 6 + w, line_h };
          mark.anchor_x = cx + sw / 2;
          mark.anchor_y = cy + line_h / 2;
          /* Added after the chart's own marks, which come first in
           * reading order (the data before what is missing). */
          g_array_append_val (ctx->missing_marks, mark);
        }
      else if (hidden)
        {
          /* Toggled off: an empty swatch in the region's colour. */
          double lw = MAX (1.0, ctx->font_size * 0.12);

          cairo_rectangle (ctx->cr, swatch.x + lw / 2, swatch.y + lw / 2,
                           swatch.width - lw, swatch.height - lw);
          _atlas_chart_set_color (ctx, _atlas_chart_region_color (ctx, region), 1.0);
          cairo_set_line_width (ctx->cr, lw);
          cairo_stroke (ctx->cr);
        }
      else if (region != NULL)
        _atlas_chart_fill_rect (ctx, &swatch, region, FALSE, 1.0);
      else if (hollow)
        {
          cairo_new_path (ctx->cr);
          cairo_arc (ctx->cr, swatch.x + sw / 2, swatch.y + sw / 2, sw * 0.38, 0, 2 * G_PI);
          _atlas_chart_set_color (ctx, &ctx->palette->foreground, 1.0);
          cairo_set_line_width (ctx->cr, MAX (1.0, ctx->font_size * 0.14));
          cairo_stroke (ctx->cr);
        }
      else
        {
          cairo_rectangle (ctx->cr, swatch.x, swatch.y, swatch.width, swatch.height);
          _atlas_chart_set_color (ctx, &ctx->palette->muted, 0.25);
          cairo_fill (ctx->cr);
          _atlas_chart_hatch (ctx, &swatch, &ctx->palette->foreground);
        }

      _atlas_chart_text (ctx, region != NULL ? ATLAS_CHART_TEXT_LEGEND
                              : missing != NULL ? ATLAS_CHART_TEXT_NO_DATA : ATLAS_CHART_TEXT_NOTE,
                         text, cx + sw + 6, cy + line_h / 2 - ctx->font_size * 0.15,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_CENTER, 0.9, FALSE,
                         hidden || missing != NULL ? &ctx->palette->muted : &ctx->palette->foreground,
                         -1, FALSE, NULL);
      cx += sw + 6 + w + gap;
    }

  return cy + line_h - y;
}

static gboolean
result_has_small (const AtlasQueryResult *result)
{
  for (guint i = 0; result != NULL && i < result->groups->len; i++)
    if (((AtlasGroup *) g_ptr_array_index (result->groups, i))->small_sample)
      return TRUE;
  return FALSE;
}

AtlasChartLayout *
atlas_chart_render (const AtlasChartSpec   *spec,
                    const AtlasQueryResult *result,
                    cairo_t                *cr,
                    double                  width,
                    double                  height)
{
  g_autoptr(GPtrArray) empty_groups = NULL;
  g_autoptr(GPtrArray) shown_groups = NULL;
  g_autoptr(GArray) shown_index = NULL;
  AtlasQueryResult empty = { 0 };
  AtlasQueryResult shown = { 0 };
  cairo_surface_t *scratch = NULL;
  cairo_font_options_t *options;
  cairo_rectangle_t r, body;
  g_autofree char *caption = NULL;
  AtlasChartCtx ctx = { 0 };
  const char *title;
  double y, caption_h, note_h, caption_y, gap;
  gboolean has_small;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (result == NULL)
    {
      empty_groups = g_ptr_array_new ();
      empty.groups = empty_groups;
      empty.small_sample_threshold = ATLAS_STATS_DEFAULT_SMALL_SAMPLE;
      result = &empty;
    }

  if (cr == NULL)
    {
      /* Layout only: draw into a throwaway surface, so that the geometry is
       * exactly the one a real render would produce. */
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = cairo_create (scratch);
    }
  else
    cairo_reference (cr);

  /* Groups of hidden regions are left out of what is drawn; the legend
   * still lists their regions. */
  ctx.legend_regions = g_ptr_array_new ();
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);

      if (!g_ptr_array_find_with_equal_func (ctx.legend_regions, g->region, g_str_equal, NULL))
        g_ptr_array_add (ctx.legend_regions, g->region);
      if (is_hidden (spec, g->region) && shown_groups == NULL)
        {
          shown_groups = g_ptr_array_new ();
          shown_index = g_array_new (FALSE, FALSE, sizeof (int));
          for (guint j = 0; j < i; j++)
            {
              const AtlasGroup *before = g_ptr_array_index (result->groups, j);

              if (!is_hidden (spec, before->region))
                {
                  g_ptr_array_add (shown_groups, (gpointer) before);
                  g_array_append_val (shown_index, j);
                }
            }
        }
      else if (shown_groups != NULL && !is_hidden (spec, g->region))
        {
          int index = i;

          g_ptr_array_add (shown_groups, (gpointer) g);
          g_array_append_val (shown_index, index);
        }
    }
  /* A fixed order, so that the US and India keep their places and colours
   * whichever the query happened to list first. */
  g_ptr_array_sort (ctx.legend_regions, _atlas_chart_compare_regions);
  ctx.missing_regions = g_ptr_array_new ();
  ctx.missing_marks = g_array_new (FALSE, FALSE, sizeof (AtlasChartMark));
  for (guint i = 0; spec->expected_regions != NULL && spec->expected_regions[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (ctx.legend_regions, spec->expected_regions[i],
                                           g_str_equal, NULL))
      g_ptr_array_add (ctx.missing_regions, spec->expected_regions[i]);

  if (shown_groups != NULL)
    {
      shown = *result;
      shown.groups = shown_groups;
      result = &shown;
    }

  ctx.spec = spec;
  ctx.result = result;
  ctx.palette = &spec->palette;
  ctx.cr = cr;
  ctx.width = width;
  ctx.height = height;
  /* At least 12: the smallest text (0.75 of it, axis and n labels) stays
   * at 9 px, readable in a 360 px wide window. */
  ctx.font_size = CLAMP (MIN (width / 72.0, height / 40.0), 12.0, 16.0);
  ctx.margin = ctx.font_size * 1.5;
  ctx.layout = _atlas_chart_layout_new (width, height);
  ctx.regions = g_ptr_array_new ();
  ctx.pango = pango_cairo_create_layout (cr);

  /* Metrics that do not depend on the surface's resolution, so the PNG,
   * the PDF and the widget get the same layout. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (ctx.pango), options);
  pango_layout_context_changed (ctx.pango);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AtlasGroup *g = g_ptr_array_index (result->groups, i);
      const AtlasGroup *first = g_ptr_array_index (result->groups, 0);

      if (!g_ptr_array_find_with_equal_func (ctx.regions, g->region, g_str_equal, NULL))
        g_ptr_array_add (ctx.regions, g->region);
      if (g_strcmp0 (g->currency, first->currency) != 0)
        ctx.mixed_currency = TRUE;
      if (g->origin == ATLAS_GROUP_FROM_FIGURE)
        ctx.any_figure = TRUE;
    }
  g_ptr_array_sort (ctx.regions, _atlas_chart_compare_regions);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (spec->palette.background.alpha > 0)
    {
      _atlas_chart_set_color (&ctx, &spec->palette.background, 1.0);
      cairo_paint (cr);
    }

  /* Header. */
  gap = ctx.font_size * 0.8;
  title = spec->title != NULL ? spec->title : atlas_chart_kind_get_title (spec->kind);
  y = ctx.margin * 0.8;
  /* Wrapped rather than cut short where it is longer than the chart is
   * wide (a phone). */
  _atlas_chart_text (&ctx, ATLAS_CHART_TEXT_TITLE, title, ctx.margin, y,
                     ATLAS_ALIGN_START, ATLAS_ALIGN_START, 1.5, TRUE,
                     &spec->palette.foreground, width - 2 * ctx.margin, TRUE, &r);
  y += r.height + ctx.font_size * 0.2;
  if (spec->subtitle != NULL && *spec->subtitle != '\0')
    {
      _atlas_chart_text (&ctx, ATLAS_CHART_TEXT_SUBTITLE, spec->subtitle, ctx.margin, y,
                         ATLAS_ALIGN_START, ATLAS_ALIGN_START, 1.05, FALSE,
                         &spec->palette.muted, width - 2 * ctx.margin, FALSE, &r);
      y += r.height;
    }
  y += ctx.font_size * 0.3;
  has_small = result_has_small (result);
  if (ctx.legend_regions->len > 0 || ctx.missing_regions->len > 0)
    y += draw_legend (&ctx, ctx.margin, y, width - ctx.margin, has_small);

  /* Caption, measured first so the body gets what is left. */
  caption = build_caption (spec, result, ctx.missing_regions);
  _atlas_chart_measure (&ctx, caption, 0.78, FALSE, width - 2 * ctx.margin, TRUE, NULL, &caption_h);
  caption_y = height - ctx.margin * 0.7 - caption_h;
  note_h = 0;

  body = (cairo_rectangle_t) { ctx.margin, y + gap, width - 2 * ctx.margin, 0 };
  body.height = caption_y - gap - note_h - body.y;

  if (body.height < ctx.font_size * 4)
    {
      /* Too small to draw anything readable: keep the frame honest. */
      _atlas_chart_no_data (&ctx, &body, NULL, NULL, _("too small to draw"));
    }
  else if (result->groups->len == 0)
    _atlas_chart_no_data (&ctx, &body, NULL, NULL, _("No data for this filter"));
  else
    {
      switch (spec->kind)
        {
        case ATLAS_CHART_COMPARE:
          _atlas_chart_draw_compare (&ctx, &body);
          break;
        case ATLAS_CHART_COMPANIES:
          _atlas_chart_draw_companies (&ctx, &body);
          break;
        case ATLAS_CHART_EXPERIENCE:
          _atlas_chart_draw_experience (&ctx, &body);
          break;
        case ATLAS_CHART_DISTRIBUTION:
          _atlas_chart_draw_distribution (&ctx, &body);
          break;
        case ATLAS_CHART_COMPANY_REGIONS:
          _atlas_chart_draw_company_regions (&ctx, &body);
          break;
        case ATLAS_CHART_CAREER:
          _atlas_chart_draw_career (&ctx, &body);
          break;
        case ATLAS_CHART_TREND:
        default:
          _atlas_chart_draw_trend (&ctx, &body);
          break;
        }
    }

  for (guint i = 0; i < ctx.missing_marks->len; i++)
    _atlas_chart_layout_add_mark (ctx.layout, &g_array_index (ctx.missing_marks, AtlasChartMark, i));

  /* Keyboard focus ring around the focused mark. */
  if (spec->focus_mark >= 0 && (guint) spec->focus_mark < ctx.layout->marks->len)
    {
      const AtlasChartMark *m = atlas_chart_layout_get_mark (ctx.layout, spec->focus_mark);
      double pad = 3;

      cairo_save (cr);
      _atlas_chart_set_color (&ctx, &spec->palette.accent, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, m->rect.x - pad, m->rect.y - pad,
                       m->rect.width + 2 * pad, m->rect.height + 2 * pad);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  r = (cairo_rectangle_t) { 0 };
  _atlas_chart_text (&ctx, ATLAS_CHART_TEXT_CAPTION, caption, ctx.margin, caption_y,
                     ATLAS_ALIGN_START, ATLAS_ALIGN_START, 0.78, FALSE,
                     &spec->palette.muted, width - 2 * ctx.margin, TRUE, &r);

  cairo_restore (cr);

  ctx.layout->title = spec->subtitle != NULL && *spec->subtitle != '\0'
                      ? g_strdup_printf ("%s — %s", title, spec->subtitle)
                      : g_strdup (title);
  ctx.layout->caption = g_steal_pointer (&caption);

  /* Marks index the caller's result, hidden groups included. */
  if (shown_index != NULL)
    for (guint i = 0; i < ctx.layout->marks->len; i++)
      {
        AtlasChartMark *mark = &g_array_index (ctx.layout->marks, AtlasChartMark, i);

        if (mark->group_index >= 0 && (guint) mark->group_index < shown_index->len)
          mark->group_index = g_array_index (shown_index, int, mark->group_index);
      }

  g_ptr_array_unref (ctx.regions);
  g_ptr_array_unref (ctx.legend_regions);
  g_ptr_array_unref (ctx.missing_regions);
  g_array_unref (ctx.missing_marks);
  g_object_unref (ctx.pango);
  cairo_destroy (cr);
  if (scratch != NULL)
    cairo_surface_destroy (scratch);

  return ctx.layout;
}

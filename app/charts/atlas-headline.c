/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-headline.c: the like-with-like headline (see atlas-headline.h). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "atlas-headline.h"
#include "atlas-query-compare.h"
#include "atlas-money.h"

void
atlas_headline_free (AtlasHeadline *headline)
{
  if (headline == NULL)
    return;
  g_free (headline->source);
  g_free (headline->sentence);
  g_free (headline);
}

static char *
capitalised (const char *text)
{
  char *copy = g_strdup (text);

  if (copy[0] != '\0')
    copy[0] = g_ascii_toupper (copy[0]);
  return copy;
}

static char *
period_text (int from,
             int to)
{
  if (to <= 0)
    return g_strdup ("");
  if (from <= 0 || from == to)
    return g_strdup_printf (" %d", to);
  return g_strdup_printf (" %d–%d", from, to);
}

static char *
build_sentence (const AtlasHeadline *h,
                guint                small_sample)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *basis = capitalised (atlas_pay_basis_label (h->basis));
  g_autofree char *period = NULL;
  g_autofree char *n_in = atlas_money_group_digits (h->n_in, FALSE);
  g_autofree char *n_us = atlas_money_group_digits (h->n_us, FALSE);

  /* A source named for its years ("… 2017-2021") is not followed by them again. */
  {
    g_autofree char *from = g_strdup_printf ("%d", h->year_from);
    g_autofree char *to = g_strdup_printf ("%d", h->year_to);

    period = strstr (h->source, from) != NULL && strstr (h->source, to) != NULL
             ? g_strdup ("") : period_text (h->year_from, h->year_to);
  }
  /* Translators: "Total compensation, levels.fyi 2017–2021, n = 1,864 / 23,962 (India / US): " */
  g_string_append_printf (s, _("%s, %s%s, n = %s / %s (India / US): "),
                          basis, h->source, period, n_in, n_us);
  {
    g_autofree char *in = atlas_money_format (h->median_in, "USD", ATLAS_MONEY_FULL);
    g_autofree char *us = atlas_money_format (h->median_us, "USD", ATLAS_MONEY_FULL);

    /* Translators: "medians $24,300 and $180,000; " */
    g_string_append_printf (s, _("medians %s and %s; "), in, us);
  }
  if (isfinite (h->ratio_nominal) && isfinite (h->ratio_ppp))
    g_string_append_printf (s, _("India’s is %.0f %% of the US median in dollars, %.0f %% at purchasing-power parity."),
                            100 * h->ratio_nominal, 100 * h->ratio_ppp);
  else if (isfinite (h->ratio_nominal))
    g_string_append_printf (s, _("India’s is %.0f %% of the US median in dollars."),
                            100 * h->ratio_nominal);
  if (h->small_sample)
    /* Translators: after a headline that rests on few observations */
    g_string_append_printf (s, _(" Small sample (fewer than %u in a region): read with care."),
                            small_sample);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

AtlasHeadline *
atlas_headline_compute (AtlasStore         *store,
                        const AtlasFilter  *filter,
                        guint               small_sample,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(AtlasComparison) usd = NULL;
  g_autoptr(AtlasComparison) ppp = NULL;
  g_autoptr(AtlasHeadline) h = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  usd = atlas_query_compare_regions (store, filter, "IN", "US", ATLAS_CURRENCY_MODE_USD,
                                     small_sample, cancellable, error);
  if (usd == NULL)
    return NULL;
  if (!(usd->b->summary.median > 0) || !isfinite (usd->a->summary.median))
    return NULL;

  h = g_new0 (AtlasHeadline, 1);
  h->source = g_strdup (usd->source);
  h->basis = usd->pay_basis;
  h->year_from = usd->year_from;
  h->year_to = usd->year_to;
  h->n_in = usd->a->summary.n;
  h->n_us = usd->b->summary.n;
  h->from_figures = usd->from_figures;
  h->median_in = usd->a->summary.median;
  h->median_us = usd->b->summary.median;
  h->ratio_nominal = h->median_in / h->median_us;
  h->ratio_ppp = NAN;
  h->small_sample = usd->a->small_sample || usd->b->small_sample;

  /* The same source at purchasing-power parity (a missing factor leaves
   * the PPP share out, never guessed). */
  ppp = atlas_query_compare_regions (store, filter, "IN", "US", ATLAS_CURRENCY_MODE_PPP,
                                     small_sample, cancellable, error);
  if (ppp == NULL && error != NULL && *error != NULL)
    return NULL;
  if (ppp != NULL && g_strcmp0 (ppp->source, h->source) == 0 &&
      ppp->b->summary.median > 0 && isfinite (ppp->a->summary.median))
    h->ratio_ppp = ppp->a->summary.median / ppp->b->summary.median;

  h->sentence = build_sentence (h, small_sample);
  return g_steal_pointer (&h);
}

char *
atlas_headline_explain_quote (const AtlasHeadline *headline,
                              const AtlasFigure   *quote)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  g_return_val_if_fail (headline != NULL, NULL);
  g_return_val_if_fail (quote != NULL, NULL);

  if (quote->pay_basis != headline->basis)
    g_ptr_array_add (reasons, quote->pay_basis == ATLAS_PAY_BASIS_UNKNOWN
                              ? (gpointer) _("an unstated pay basis") : (gpointer) atlas_pay_basis_label (quote->pay_basis));
  if (g_strcmp0 (quote->statistic, "mean") == 0)
    g_ptr_array_add (reasons, _("an average, not a median"));
  if (quote->n <= 0)
    g_ptr_array_add (reasons, _("an unknown number of people"));
  if (quote->year != 0 && (quote->year < headline->year_from || quote->year > headline->year_to))
    g_ptr_array_add (reasons, _("another year"));
  g_ptr_array_add (reasons, NULL);
  joined = g_strjoinv (", ", (GStrv) reasons->pdata);

  /* Translators: "The quoted figures are Glassdoor … (2024): an average,
   * not a median, an unknown number of people, another year; the computed
   * ones are medians of total compensation from levels.fyi 2017–2021." */
  return g_strdup_printf (_("The quoted figures come from %s%s%s; the computed ones are medians of %s from %s."),
                          quote->source != NULL ? quote->source : _("a quote"),
                          reasons->len > 1 ? ": " : "", joined,
                          atlas_pay_basis_label (headline->basis), headline->source);
}

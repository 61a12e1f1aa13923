/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-headline.h: the overview's headline, comparing like with like.
 * atlas_query_compare_regions() finds the one source (so one pay basis and
 * one period) with both the US and India under a filter; the headline is
 * India's median over the US median in dollars and at PPP on it, with the
 * source, basis, period and both n in the sentence ("Total compensation,
 * levels.fyi … 2017–2021, n = 1,864 / 23,962 (India / US): …"). When no
 * source has both, there is no headline — never one that sets one
 * source's US against another's India. GLib only: the window computes it
 * on a worker thread. */
#pragma once

#include "atlas-query.h"

G_BEGIN_DECLS

typedef struct
{
  char          *source;        /* the one source both regions come from */
  AtlasPayBasis  basis;
  int            year_from;     /* the period both regions' data cover */
  int            year_to;
  guint64        n_us;
  guint64        n_in;
  gboolean       from_figures;  /* published aggregates rather than records */
  double         median_us;     /* USD */
  double         median_in;     /* USD */
  double         ratio_nominal; /* India / US in USD; NAN if unknown */
  double         ratio_ppp;     /* India / US at PPP; NAN if unknown */
  gboolean       small_sample;  /* either region below the threshold */
  char          *sentence;      /* the headline, in words */
} AtlasHeadline;

/* The like-with-like headline for @filter (its regions are replaced by
 * the US and India), or NULL without an error when no source has both. */
AtlasHeadline *atlas_headline_compute (AtlasStore         *store,
                                       const AtlasFilter  *filter,
                                       guint               small_sample,
                                       GCancellable       *cancellable,
                                       GError            **error);
void           atlas_headline_free    (AtlasHeadline      *headline);

/* One line on why a quoted figure (a headline average from the press)
 * differs from the computed one: basis, population and period. */
char          *atlas_headline_explain_quote (const AtlasHeadline *headline,
                                             const AtlasFigure   *quote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasHeadline, atlas_headline_free)

G_END_DECLS

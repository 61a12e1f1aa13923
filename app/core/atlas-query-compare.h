/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-query-compare.h: two regions compared like with like — the same
 * source, pay basis and period for both — for headlines such as "Total
 * compensation, levels.fyi 2017–2021, n = 1,864 / 23,962". */
#pragma once

#include "atlas-query.h"

G_BEGIN_DECLS

typedef struct
{
  char          *source;       /* the one source behind both groups */
  char          *citation;     /* a figure's citation; NULL for records */
  char          *licence;
  AtlasPayBasis  pay_basis;    /* never pooled: one source has one basis */
  int            year_from;    /* the years both groups cover */
  int            year_to;
  gboolean       from_figures;
  /* region_a's and region_b's group (by region) in the currency mode:
   * summary.n, p25, median, p75, mean; small_sample as for any query. */
  AtlasGroup    *a;
  AtlasGroup    *b;
} AtlasComparison;

/* Of the sources that have data for both @region_a and @region_b under
 * @filter (its regions are replaced; role, years, experience, company …
 * apply), the one whose smaller n is largest; NULL without an error when
 * none has both.  Runs one query per source: call it off the main thread
 * in the window; @cancellable stops it as it stops atlas_query_run(). */
AtlasComparison *atlas_query_compare_regions (AtlasStore         *store,
                                              const AtlasFilter  *filter,
                                              const char         *region_a,
                                              const char         *region_b,
                                              AtlasCurrencyMode   mode,
                                              guint               small_sample_threshold,
                                              GCancellable       *cancellable,
                                              GError            **error);
void             atlas_comparison_free       (AtlasComparison    *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasComparison, atlas_comparison_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-pay-basis.h: what an amount counts (base salary or total
 * compensation) and over which years a source's rows were collected, per
 * source format.  Amounts of different bases are never pooled silently. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATLAS_PAY_BASIS_UNKNOWN = 0,  /* the source does not say */
  ATLAS_PAY_BASIS_BASE,         /* base salary or wage (H-1B LCA wages) */
  ATLAS_PAY_BASIS_TOTAL,        /* base + stock + bonus (levels.fyi) */
} AtlasPayBasis;

/* "base", "total", "unknown". */
const char    *atlas_pay_basis_to_string   (AtlasPayBasis  basis);
/* Accepts the strings above and NULL or "" for unknown. */
gboolean       atlas_pay_basis_from_string (const char    *str,
                                            AtlasPayBasis *basis);
/* For people: "base salary", "total compensation", "pay of unstated basis". */
const char    *atlas_pay_basis_label       (AtlasPayBasis  basis);

/* The basis of every record of a source in @format (a source's format
 * name: "aijobs", "levels-fyi", …). */
AtlasPayBasis  atlas_pay_basis_for_format  (const char    *format);

/* The years a source in @format was collected over when its rows carry no
 * year of their own (levels.fyi: 2017–2021): TRUE and the period, whose
 * last year is the records' year.  FALSE for formats whose rows are dated. */
gboolean       atlas_format_get_period     (const char    *format,
                                            int           *year_from,
                                            int           *year_to);

/* Publications whose snapshots are versions of one source: a newer
 * snapshot holds every row of an older one (aijobs.net's index only
 * appends), so only the newest is counted. */
gboolean       atlas_format_is_snapshot_publication (const char *format);

G_END_DECLS

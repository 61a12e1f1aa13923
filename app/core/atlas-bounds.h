/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-bounds.h: which annual pay is plausible at all.
 *
 * A row whose annual amount is outside roughly $1,000 – $10,000,000 is not a
 * salary but an error in the data (a wrong unit, a typo, a hostile file):
 * it is rejected with its line, like any other bad row, so that one absurd
 * value cannot move a median or an axis.  See DESIGN.md, "What we promise". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The plausible annual pay, in US dollars. */
#define ATLAS_BOUNDS_MIN_ANNUAL_USD 1000.0
#define ATLAS_BOUNDS_MAX_ANNUAL_USD 10000000.0

/* Checks an annual @amount in @currency (ISO 4217) and, when @amount_usd is
 * not NAN, the source's own USD value of it.
 *
 * The USD value must lie within the bounds.  The local amount is checked in
 * local terms through the embedded World Bank exchange rates: it must lie
 * within the bounds at the lowest and highest rate of any year of that
 * currency (so a year without a rate of its own is judged by its
 * neighbours).  A currency without any rate is checked against the widest
 * envelope no real salary leaves (1 – 10^12 units).  On failure writes the
 * reason (which names the bound) into @reason and returns FALSE. */
gboolean atlas_bounds_check_annual (double      amount,
                                    const char *currency,
                                    double      amount_usd,
                                    GString    *reason);

/* The bounds for @currency in local units, as used above; FALSE when the
 * embedded rates have no rate for it. */
gboolean atlas_bounds_local_range  (const char *currency,
                                    double     *min,
                                    double     *max);

G_END_DECLS

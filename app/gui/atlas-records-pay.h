/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-records-pay.h: a row's pay in the currency mode the user chose, as
 * the statistics convert it (atlas_record_row_convert(): the year's
 * exchange rate, the country's PPP factor), for the Records list and a
 * row's detail. */
#pragma once

#include "atlas-catalog.h"
#include "atlas-records.h"

G_BEGIN_DECLS

/* "$140,000", "₹12,00,000", "intl$ 41,000"; "—" when @row cannot be
 * converted (no year, no factor for that year), and then @why (may be NULL)
 * says what is missing; else @why is NULL. */
char       *atlas_records_pay_in_mode    (const AtlasRecordRow *row,
                                          AtlasCatalog         *catalog,
                                          AtlasCurrencyMode     mode,
                                          char                **why);
/* The Records list's header of that column: "In USD", "At PPP", "Local". */
const char *atlas_records_pay_mode_title (AtlasCurrencyMode     mode);
/* The detail's name of that value: "Annual pay in US dollars", … */
const char *atlas_records_pay_mode_label (AtlasCurrencyMode     mode);

G_END_DECLS

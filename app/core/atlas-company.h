/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-company.h: employer names to stable keys, so that
 * "AMAZONCOM SERVICES INC", "amazon corporate llc" and "Amazon" meet. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lower-cases, folds accents and punctuation, drops legal suffixes
 * (inc, llc, ltd, pvt, corporation, …) and known qualifiers ("services",
 * "corporate") and maps known aliases; NULL when the name is not an employer
 * (empty, "Fresher"). */
char *atlas_company_normalise_key   (const char *raw_name);

/* A presentable display name for a key's first raw spelling:
 * "AMAZONCOM SERVICES INC" -> "Amazon". */
char *atlas_company_display_name    (const char *raw_name);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-filter.h: what a query asks for: regions, levels, role, title,
 * company, years, source, years of experience and their bands. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Default bands of years of experience: [0,2) [2,5) [5,10) [10,15) [15,∞). */
#define ATLAS_EXPERIENCE_BANDS_DEFAULT { 0, 2, 5, 10, 15 }
#define ATLAS_EXPERIENCE_BANDS_MAX 16
/* Lists of companies leave out companies with fewer observations. */
#define ATLAS_COMPANY_MIN_N_DEFAULT 5

typedef struct
{
  GStrv  regions;       /* ISO 3166 alpha-2; NULL or empty: all */
  GStrv  experience;    /* EN MI SE EX; NULL: all */
  char  *role;          /* role family, exact */
  char  *title;         /* case-insensitive substring of the job title */
  char  *company;       /* company name: matched through its normalised key */
  int    year_from;     /* 0: open */
  int    year_to;       /* 0: open */
  char  *source;        /* source name */
  /* Years of experience, half-open [min, max); 0: open.  When either is
   * set, only records and figures with years match. */
  double experience_years_min;
  double experience_years_max;
  /* Band starts for ATLAS_GROUP_EXPERIENCE_YEARS, ascending; the last band
   * is open.  n_experience_bands 0: ATLAS_EXPERIENCE_BANDS_DEFAULT. */
  double experience_bands[ATLAS_EXPERIENCE_BANDS_MAX];
  guint  n_experience_bands;
  /* Grouped by company without a company filter, groups with fewer
   * observations are left out (counted in the result); 0: the default. */
  guint  company_min_n;
} AtlasFilter;

AtlasFilter *atlas_filter_new   (void);
AtlasFilter *atlas_filter_copy  (const AtlasFilter *filter);
void         atlas_filter_free  (AtlasFilter       *filter);
/* Parses "5-10" (5 ≤ years < 10), "15+" or "15-" into the filter; FALSE
 * on anything else. */
gboolean     atlas_filter_set_experience_years  (AtlasFilter *filter,
                                                 const char  *range);
/* Parses band starts "0,2,5,10,15"; FALSE unless ascending, non-negative
 * and at most ATLAS_EXPERIENCE_BANDS_MAX. */
gboolean     atlas_filter_set_experience_bands  (AtlasFilter *filter,
                                                 const char  *starts);
/* The filter in words for subtitles: "Machine Learning Engineer · US, IN · 2023–2025". */
char        *atlas_filter_describe (const AtlasFilter *filter);

/* The label shown for an experience code: EN -> "Entry", … */
const char  *atlas_experience_label (const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFilter, atlas_filter_free)

G_END_DECLS

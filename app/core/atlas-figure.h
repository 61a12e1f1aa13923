/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-figure.h: a published or curated figure, and the one way figures
 * are written to the store (by the embedded seed and by JSON feeds). */
#pragma once

#include "atlas-pay-basis.h"
#include "atlas-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *uid;            /* stable identity in the figures table */
  char   *source;         /* source name (when read from the store) */
  char   *role_family;
  char   *job_title;
  char   *country;
  char   *company;
  char   *experience;
  int     year;           /* 0: not given */
  char   *currency;
  double  p25, median, p75, mean;   /* NAN where not given */
  gint64  n;              /* 0: not given */
  char   *statistic;      /* what a quoted figure states: "median", "mean" */
  char   *citation;
  char   *url;
  char   *licence;
  char   *retrieved;
  char   *note;
  /* Schema 5.  Zero-initialised figures (the older writers') state none
   * of these. */
  AtlasPayBasis pay_basis;
  double  min, max;       /* range of the reports behind it; 0: not given */
  gboolean has_years;     /* years_min (and years_max unless NAN) given */
  double  years_min;      /* minimum years of experience, or a band's start */
  double  years_max;      /* a band's end (excluded); NAN: open or not a band */
  int     year_from;      /* first year of a period ending in year; 0: one year */
} AtlasFigure;

/* Frees the strings of @figure, not @figure itself. */
void atlas_figure_clear (AtlasFigure *figure);
void atlas_figure_free  (AtlasFigure *figure);

/* The statistic a quoted figure states ("median", "mean") in the user's
 * language, for sentences that name it; another name as it is. */
const char *atlas_figure_statistic_label (const char *statistic);

typedef struct _AtlasFigureWriter AtlasFigureWriter;

/* Inserts figures with one prepared statement; call inside the caller's
 * transaction. A figure naming a company that is not an employer (empty
 * key, "Fresher") is refused rather than turned into a country-wide one. */
AtlasFigureWriter *atlas_figure_writer_new  (AtlasStore         *store,
                                             GError            **error);
gboolean           atlas_figure_writer_add  (AtlasFigureWriter  *self,
                                             gint64              source_id,
                                             const AtlasFigure  *figure,
                                             GError            **error);
void               atlas_figure_writer_free (AtlasFigureWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFigure, atlas_figure_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasFigureWriter, atlas_figure_writer_free)

G_END_DECLS

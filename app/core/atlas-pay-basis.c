/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-pay-basis.c: pay basis and collection period per source format.
 *
 * The basis is a property of the publication, stated in its documentation
 * (../shared/data/README.md for the files the app knows), so it is kept per
 * format rather than per row: every row of a file has the same one. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-pay-basis.h"

static const struct
{
  const char    *format;
  AtlasPayBasis  basis;
  int            year_from;   /* 0: rows are dated */
  int            year_to;
  gboolean       snapshots;
} formats[] = {
  /* LCA filings state the offered base wage. */
  { "h1b", ATLAS_PAY_BASIS_BASE, 0, 0, FALSE },
  { "dol-lca", ATLAS_PAY_BASIS_BASE, 0, 0, FALSE },
  /* "total yearly compensation": base + stock + bonus; no dates, submitted
   * 2017–2021. */
  { "levels-fyi", ATLAS_PAY_BASIS_TOTAL, 2017, 2021, FALSE },
  /* "total gross salary": whether bonus and equity count is not stated. */
  { "aijobs", ATLAS_PAY_BASIS_UNKNOWN, 0, 0, TRUE },
  /* Glassdoor's "Salary" column does not say either. */
  { "glassdoor-in", ATLAS_PAY_BASIS_UNKNOWN, 0, 0, FALSE },
};

static const char * const names[] = {
  [ATLAS_PAY_BASIS_UNKNOWN] = "unknown",
  [ATLAS_PAY_BASIS_BASE] = "base",
  [ATLAS_PAY_BASIS_TOTAL] = "total",
};

const char *
atlas_pay_basis_to_string (AtlasPayBasis basis)
{
  g_return_val_if_fail (basis < G_N_ELEMENTS (names), "unknown");
  return names[basis];
}

gboolean
atlas_pay_basis_from_string (const char    *str,
                             AtlasPayBasis *basis)
{
  if (str == NULL || *str == '\0')
    {
      *basis = ATLAS_PAY_BASIS_UNKNOWN;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (str, names[i]) == 0)
      {
        *basis = i;
        return TRUE;
      }
  return FALSE;
}

const char *
atlas_pay_basis_label (AtlasPayBasis basis)
{
  switch (basis)
    {
    case ATLAS_PAY_BASIS_BASE:
      return _("base salary");
    case ATLAS_PAY_BASIS_TOTAL:
      return _("total compensation");
    case ATLAS_PAY_BASIS_UNKNOWN:
    default:
      return _("pay of unstated basis");
    }
}

AtlasPayBasis
atlas_pay_basis_for_format (const char *format)
{
  for (gsize i = 0; format != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].format, format))
      return formats[i].basis;
  return ATLAS_PAY_BASIS_UNKNOWN;
}

gboolean
atlas_format_get_period (const char *format,
                         int        *year_from,
                         int        *year_to)
{
  for (gsize i = 0; format != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].format, format) && formats[i].year_from != 0)
      {
        *year_from = formats[i].year_from;
        *year_to = formats[i].year_to;
        return TRUE;
      }
  return FALSE;
}

gboolean
atlas_format_is_snapshot_publication (const char *format)
{
  for (gsize i = 0; format != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].format, format))
      return formats[i].snapshots;
  return FALSE;
}

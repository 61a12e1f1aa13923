/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-record-row.c: one row of the Records page (a record or a
 * published figure): its label, its copy and the pay the converted-pay
 * column shows, which the sort of that column compares (in SQL through
 * atlas-records-convert.c, in the merge of atlas-records-merge.c). */

#include "config.h"

#include <math.h>

#include "atlas-records.h"

const char *
atlas_record_row_get_label (const AtlasRecordRow *row)
{
  g_return_val_if_fail (row != NULL, "");

  if (row->title != NULL && *row->title != '\0')
    return row->title;
  return row->role_family != NULL ? row->role_family : "";
}

void
atlas_record_row_free (AtlasRecordRow *row)
{
  if (row == NULL)
    return;

  g_free (row->uid);
  g_free (row->kind);
  g_free (row->title);
  g_free (row->role_family);
  g_free (row->company);
  g_free (row->company_own);
  g_free (row->country);
  g_free (row->city);
  g_free (row->state);
  g_free (row->experience);
  g_free (row->currency);
  g_free (row->date);
  g_free (row->source);
  g_free (row->licence);
  g_free (row->url);
  g_free (row->citation);
  g_free (row->excluded_reason);
  g_free (row->employment_type);
  g_free (row->company_size);
  g_free (row->case_status);
  g_free (row->company_country);
  g_free (row);
}

AtlasRecordRow *
atlas_record_row_copy (const AtlasRecordRow *row)
{
  AtlasRecordRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_memdup2 (row, sizeof *row);
  copy->uid = g_strdup (row->uid);
  copy->kind = g_strdup (row->kind);
  copy->title = g_strdup (row->title);
  copy->role_family = g_strdup (row->role_family);
  copy->company = g_strdup (row->company);
  copy->company_own = g_strdup (row->company_own);
  copy->country = g_strdup (row->country);
  copy->city = g_strdup (row->city);
  copy->state = g_strdup (row->state);
  copy->experience = g_strdup (row->experience);
  copy->currency = g_strdup (row->currency);
  copy->date = g_strdup (row->date);
  copy->source = g_strdup (row->source);
  copy->licence = g_strdup (row->licence);
  copy->url = g_strdup (row->url);
  copy->citation = g_strdup (row->citation);
  copy->excluded_reason = g_strdup (row->excluded_reason);
  copy->employment_type = g_strdup (row->employment_type);
  copy->company_size = g_strdup (row->company_size);
  copy->case_status = g_strdup (row->case_status);
  copy->company_country = g_strdup (row->company_country);
  return copy;
}

gboolean
atlas_record_row_convert (const AtlasRecordRow *row,
                          AtlasRates           *rates,
                          AtlasCurrencyMode     mode,
                          double               *out)
{
  g_return_val_if_fail (row != NULL && rates != NULL && out != NULL, FALSE);

  if (isnan (row->amount))
    return FALSE;
  if (row->is_figure &&
      g_strcmp0 (row->currency, atlas_rates_display_currency (mode, row->country)) == 0)
    {
      *out = row->amount;
      return TRUE;
    }
  return atlas_rates_convert (rates, mode, row->country, row->year, row->amount, row->currency,
                              row->is_figure && g_strcmp0 (row->currency, "USD") == 0
                                ? row->amount : row->amount_usd,
                              out);
}

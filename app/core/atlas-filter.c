/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-filter.c: what a query asks for (AtlasFilter), parsing its ranges of
 * years and bands of years of experience, and the filter in words. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-filter.h"
#include "atlas-query-private.h"

static const char * const experience_codes[] = { "EN", "MI", "SE", "EX" };

int
_atlas_experience_rank (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (experience_codes); i++)
    if (g_strcmp0 (code, experience_codes[i]) == 0)
      return i;
  return -1;
}

const char *
atlas_experience_label (const char *code)
{
  if (g_strcmp0 (code, "EN") == 0)
    return C_("experience", "Entry");
  if (g_strcmp0 (code, "MI") == 0)
    return C_("experience", "Mid");
  if (g_strcmp0 (code, "SE") == 0)
    return C_("experience", "Senior");
  if (g_strcmp0 (code, "EX") == 0)
    return C_("experience", "Executive");
  return code;
}

AtlasFilter *
atlas_filter_new (void)
{
  return g_new0 (AtlasFilter, 1);
}

static gboolean
parse_years_value (const char *text,
                   double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *value >= 0 && *value < 100;
}

gboolean
atlas_filter_set_experience_years (AtlasFilter *filter,
                                   const char  *range)
{
  g_autofree char *copy = NULL;
  char *dash;
  double min = 0, max = 0;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (range == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (range));

  if (g_str_has_suffix (copy, "+") || g_str_has_suffix (copy, "-"))
    {
      copy[strlen (copy) - 1] = '\0';
      if (!parse_years_value (g_strstrip (copy), &min))
        return FALSE;
    }
  else if ((dash = strchr (copy, '-')) != NULL)
    {
      *dash = '\0';
      if (!parse_years_value (g_strstrip (copy), &min) ||
          !parse_years_value (g_strstrip (dash + 1), &max) || max <= min)
        return FALSE;
    }
  else
    return FALSE;

  filter->experience_years_min = min;
  filter->experience_years_max = max;
  return TRUE;
}

gboolean
atlas_filter_set_experience_bands (AtlasFilter *filter,
                                   const char  *starts)
{
  g_auto(GStrv) parts = NULL;
  double bands[ATLAS_EXPERIENCE_BANDS_MAX];
  guint n;

  g_return_val_if_fail (filter != NULL, FALSE);

  if (starts == NULL)
    return FALSE;
  parts = g_strsplit (starts, ",", -1);
  n = g_strv_length (parts);
  if (n == 0 || n > ATLAS_EXPERIENCE_BANDS_MAX)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!parse_years_value (g_strstrip (parts[i]), &bands[i]) ||
        (i > 0 && bands[i] <= bands[i - 1]))
      return FALSE;

  memcpy (filter->experience_bands, bands, n * sizeof bands[0]);
  filter->n_experience_bands = n;
  return TRUE;
}

/* The band starts in effect. */
const double *
_atlas_filter_bands (const AtlasFilter *filter,
              guint             *n)
{
  static const double defaults[] = ATLAS_EXPERIENCE_BANDS_DEFAULT;

  if (filter->n_experience_bands > 0)
    {
      *n = filter->n_experience_bands;
      return filter->experience_bands;
    }
  *n = G_N_ELEMENTS (defaults);
  return defaults;
}

/* The band of @years: its index, or -1 below the first band. */
int
_atlas_filter_band_index (const double *bands,
            guint         n,
            double        years)
{
  int index = -1;

  for (guint i = 0; i < n; i++)
    if (years >= bands[i])
      index = i;
  return index;
}

/* "0-2", "15+": the key of band @i. */
void
_atlas_filter_band_key (const double *bands,
          guint         n,
          int           i,
          char         *buf,
          gsize         len)
{
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lo, sizeof lo, "%g", bands[i]);
  if ((guint) i + 1 < n)
    {
      g_ascii_formatd (hi, sizeof hi, "%g", bands[i + 1]);
      g_snprintf (buf, len, "%s-%s", lo, hi);
    }
  else
    g_snprintf (buf, len, "%s+", lo);
}

char *
_atlas_filter_band_label (const char *key)
{
  g_autofree char *copy = g_strdup (key);
  char *dash = strchr (copy, '-');

  if (g_str_has_suffix (copy, "+"))
    {
      copy[strlen (copy) - 1] = '\0';
      /* TRANSLATORS: a band of years of experience, "15+ years" */
      return g_strdup_printf (_("%s+ years"), copy);
    }
  if (dash == NULL)
    return g_strdup (key);
  *dash = '\0';
  /* TRANSLATORS: a half-open band of years of experience: at least the
   * first number, less than the second */
  return g_strdup_printf (_("%s–%s years"), copy, dash + 1);
}

int
_atlas_filter_band_rank (const char *key)
{
  return (int) (g_ascii_strtod (key, NULL) * 100);
}

AtlasFilter *
atlas_filter_copy (const AtlasFilter *filter)
{
  AtlasFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = atlas_filter_new ();
  copy->regions = g_strdupv (filter->regions);
  copy->experience = g_strdupv (filter->experience);
  copy->role = g_strdup (filter->role);
  copy->title = g_strdup (filter->title);
  copy->company = g_strdup (filter->company);
  copy->year_from = filter->year_from;
  copy->year_to = filter->year_to;
  copy->source = g_strdup (filter->source);
  copy->experience_years_min = filter->experience_years_min;
  copy->experience_years_max = filter->experience_years_max;
  memcpy (copy->experience_bands, filter->experience_bands, sizeof copy->experience_bands);
  copy->n_experience_bands = filter->n_experience_bands;
  copy->company_min_n = filter->company_min_n;

  return copy;
}

void
atlas_filter_free (AtlasFilter *filter)
{
  if (filter == NULL)
    return;

  g_strfreev (filter->regions);
  g_strfreev (filter->experience);
  g_free (filter->role);
  g_free (filter->title);
  g_free (filter->company);
  g_free (filter->source);
  g_free (filter);
}

char *
atlas_filter_describe (const AtlasFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (filter != NULL, NULL);

  g_ptr_array_add (parts, g_strdup (filter->role ? filter->role : _("All roles")));
  if (filter->title != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("titles with “%s”"), filter->title));
  if (_atlas_strv_is_set (filter->regions))
    g_ptr_array_add (parts, g_strjoinv (", ", filter->regions));
  if (_atlas_strv_is_set (filter->experience))
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; filter->experience[i] != NULL; i++)
        g_ptr_array_add (labels, (gpointer) atlas_experience_label (filter->experience[i]));
      g_ptr_array_add (labels, NULL);
      g_ptr_array_add (parts, g_strjoinv (", ", (GStrv) labels->pdata));
    }
  if (filter->experience_years_min > 0 || filter->experience_years_max > 0)
    {
      char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (lo, sizeof lo, "%g", filter->experience_years_min);
      g_ascii_formatd (hi, sizeof hi, "%g", filter->experience_years_max);
      if (filter->experience_years_max > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("%s–%s years of experience"), lo, hi));
      else
        g_ptr_array_add (parts, g_strdup_printf (_("%s+ years of experience"), lo));
    }
  if (filter->company != NULL)
    g_ptr_array_add (parts, g_strdup (filter->company));
  if (filter->year_from != 0 || filter->year_to != 0)
    {
      if (filter->year_from == filter->year_to)
        g_ptr_array_add (parts, g_strdup_printf ("%d", filter->year_from));
      else if (filter->year_to == 0)
        g_ptr_array_add (parts, g_strdup_printf (_("from %d"), filter->year_from));
      else if (filter->year_from == 0)
        g_ptr_array_add (parts, g_strdup_printf (_("until %d"), filter->year_to));
      else
        g_ptr_array_add (parts, g_strdup_printf ("%d–%d", filter->year_from, filter->year_to));
    }
  if (filter->source != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("source %s"), filter->source));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (GStrv) parts->pdata);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-validate.c: the checks every converted row passes. */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include <math.h>

#include "atlas-bounds.h"
#include "atlas-import-validate.h"
#include "atlas-money.h"
#include "atlas-quote.h"

/* FALSE with the reason when a text field is longer than the cap.  @what
 * is untranslated (N_()): it is translated only for a reason, since a
 * gettext() call per field and row was a sixth of an import's CPU time. */
static gboolean
check_length (const char *what,
              const char *value,
              GString    *reason)
{
  gsize len;

  if (value == NULL)
    return TRUE;
  len = strlen (value);
  if (len <= ATLAS_IMPORT_MAX_FIELD_BYTES)
    return TRUE;

  g_string_printf (reason,
                   /* Translators: "job title is 8388608 bytes long, more than the 1024 a field may have" */
                   _("%s is %zu bytes long, more than the %d a field may have"),
                   _(what), len, ATLAS_IMPORT_MAX_FIELD_BYTES);
  return FALSE;
}

void
_atlas_row_validator_init (AtlasRowValidator *self)
{
  memset (self, 0, sizeof *self);
  self->roles = atlas_roles_get_default ();
  self->role_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_atlas_row_validator_clear (AtlasRowValidator *self)
{
  g_clear_pointer (&self->role_cache, g_hash_table_unref);
}

static gboolean
code_is_known (guint8      *cache,
               guint        n_letters,
               const char  *code,
               gboolean   (*check) (const char *))
{
  guint index = 0;

  for (guint i = 0; i < n_letters; i++)
    {
      if (code[i] < 'A' || code[i] > 'Z')
        return check (code);
      index = index * 26 + (guint) (code[i] - 'A');
    }
  if (code[n_letters] != '\0')
    return check (code);

  if (cache[index] == 0)
    cache[index] = check (code) ? 1 : 2;

  return cache[index] == 1;
}

gboolean
_atlas_row_validator_check (AtlasRowValidator       *self,
                            const AtlasImportRecord *rec,
                            GString                 *reason)
{
  if (rec->job_title == NULL || rec->job_title[0] == '\0')
    {
      g_string_assign (reason, _("no job title"));
      return FALSE;
    }
  if (!check_length (N_("job title"), rec->job_title, reason) ||
      !check_length (N_("company"), rec->company, reason) ||
      !check_length (N_("city"), rec->city, reason) ||
      !check_length (N_("state"), rec->state, reason) ||
      !check_length (N_("employment type"), rec->employment_type, reason) ||
      !check_length (N_("company size"), rec->company_size, reason) ||
      !check_length (N_("case status"), rec->case_status, reason))
    return FALSE;
  if (rec->currency == NULL || rec->currency[0] == '\0')
    {
      g_string_assign (reason, _("no currency"));
      return FALSE;
    }
  if (!code_is_known (self->currency_ok, 3, rec->currency, atlas_money_is_currency))
    {
      g_autofree char *quoted = atlas_quote (rec->currency);

      g_string_printf (reason, _("unknown currency code “%s”"), quoted);
      return FALSE;
    }
  if (rec->country == NULL || rec->country[0] == '\0')
    {
      g_string_assign (reason, _("no country"));
      return FALSE;
    }
  if (!code_is_known (self->country_ok, 2, rec->country, atlas_money_is_country))
    {
      g_autofree char *quoted = atlas_quote (rec->country);

      g_string_printf (reason, _("unknown country code “%s”"), quoted);
      return FALSE;
    }
  if (rec->company_country != NULL &&
      !code_is_known (self->country_ok, 2, rec->company_country, atlas_money_is_country))
    {
      g_autofree char *quoted = atlas_quote (rec->company_country);

      g_string_printf (reason, _("unknown country code “%s”"), quoted);
      return FALSE;
    }
  /* The writer leaves the records' CHECK constraints to this function
   * (atlas-import-writer.c): the experience level is one of the four codes
   * and the amount is not negative. */
  if (rec->experience != NULL &&
      strcmp (rec->experience, "EN") != 0 && strcmp (rec->experience, "MI") != 0 &&
      strcmp (rec->experience, "SE") != 0 && strcmp (rec->experience, "EX") != 0)
    {
      g_autofree char *quoted = atlas_quote (rec->experience);

      g_string_printf (reason, _("unknown experience level “%s”"), quoted);
      return FALSE;
    }
  if (!(rec->amount >= 0))
    {
      g_string_printf (reason, _("negative amount %g"), rec->amount);
      return FALSE;
    }
  if (rec->has_amount_usd && !(rec->amount_usd >= 0))
    {
      g_string_printf (reason, _("negative USD amount %g"), rec->amount_usd);
      return FALSE;
    }
  if (!atlas_bounds_check_annual (rec->amount, rec->currency,
                                  rec->has_amount_usd ? rec->amount_usd : NAN, reason))
    return FALSE;
  if (rec->year < ATLAS_IMPORT_YEAR_FIRST || rec->year > ATLAS_IMPORT_YEAR_LAST)
    {
      g_string_printf (reason, _("year %" PRId64 " is not plausible"), rec->year);
      return FALSE;
    }
  if (rec->weight < 1)
    {
      g_string_printf (reason, _("weight %" PRId64 " is not a positive count"), rec->weight);
      return FALSE;
    }

  return TRUE;
}

const char *
_atlas_row_validator_family (AtlasRowValidator *self,
                             const char        *title)
{
  const char *family = g_hash_table_lookup (self->role_cache, title);

  if (family == NULL)
    {
      family = self->roles ? atlas_roles_classify (self->roles, title) : NULL;
      if (family == NULL)
        family = "Other";
      g_hash_table_insert (self->role_cache, g_strdup (title), (gpointer) family);
    }

  return family;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-common.c: options and set-up shared by the subcommands. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "atlas-cli-common.h"
#include "atlas-feed.h"
#include "atlas-seed.h"

void
atlas_cli_common_add_options (AtlasCliCommon *common,
                              GOptionContext *context,
                              gboolean        with_filters)
{
  const GOptionEntry db_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &common->db_path,
      N_("Database file (default: $SALARY_ATLAS_DB or the user data folder)"), N_("FILE") },
    { NULL }
  };
  const GOptionEntry filter_entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &common->regions,
      N_("Countries, ISO 3166 codes (e.g. US,IN)"), N_("CODES") },
    { "experience", 0, 0, G_OPTION_ARG_STRING, &common->experience,
      N_("Experience levels among EN,MI,SE,EX"), N_("LEVELS") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &common->role,
      N_("Role family (e.g. “Machine Learning Engineer”)"), N_("FAMILY") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &common->title,
      N_("Text in the job title (any case)"), N_("TEXT") },
    { "company", 0, 0, G_OPTION_ARG_STRING, &common->company,
      N_("Company name"), N_("NAME") },
    { "years", 0, 0, G_OPTION_ARG_STRING, &common->years,
      N_("A year or a range (e.g. 2023-2025)"), N_("RANGE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &common->source,
      N_("Only records from this source"), N_("NAME") },
    { "experience-years", 0, 0, G_OPTION_ARG_STRING, &common->experience_years,
      N_("Years of experience, at least MIN and less than MAX (e.g. 5-10, 15+)"), N_("MIN-MAX") },
    { "experience-bands", 0, 0, G_OPTION_ARG_STRING, &common->experience_bands,
      N_("Where bands of years of experience start (default 0,2,5,10,15)"), N_("LIST") },
    { NULL }
  };

  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  if (with_filters)
    {
      GOptionGroup *group = g_option_group_new ("filters", _("Filters:"),
                                                _("Show the filter options"), NULL, NULL);

      g_option_group_add_entries (group, filter_entries);
      g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
      g_option_context_add_group (context, group);
    }
}

void
atlas_cli_common_clear (AtlasCliCommon *common)
{
  g_clear_pointer (&common->db_path, g_free);
  g_clear_pointer (&common->regions, g_free);
  g_clear_pointer (&common->experience, g_free);
  g_clear_pointer (&common->role, g_free);
  g_clear_pointer (&common->experience_years, g_free);
  g_clear_pointer (&common->experience_bands, g_free);
  g_clear_pointer (&common->title, g_free);
  g_clear_pointer (&common->company, g_free);
  g_clear_pointer (&common->years, g_free);
  g_clear_pointer (&common->source, g_free);
}

AtlasStore *
atlas_cli_common_open_store (AtlasCliCommon *common,
                             GError        **error)
{
  g_autofree char *path = common->db_path ? g_strdup (common->db_path) : atlas_store_default_path ();
  g_autoptr(AtlasStore) store = atlas_store_open (path, error);

  if (store == NULL)
    return NULL;

  /* The embedded figures on first use, and the built-in feeds listed (they
   * are only downloaded by "refresh"). */
  if (!atlas_seed_ensure (store, error) ||
      !atlas_feed_ensure_builtin (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

void
atlas_cli_common_map_store (AtlasStore *store)
{
  /* Each page SQLite copies into its cache is memory touched for the first
   * time: a page fault per 4 KiB, which on a virtual machine costs tens of
   * microseconds (an export's caption read the 3 MB figures table in 15 ms
   * of CPU this way, 3 ms through the map).  The window's query workers keep
   * the copying cache (atlas-store.c): there the map counted the whole file
   * in their resident memory, for no gain (its catalog connection maps: it
   * reads little and closes).  A command that exits at once can map;
   * if the map cannot be set up, SQLite reads as before. */
  atlas_store_exec (store, "PRAGMA mmap_size = 4294967296", NULL);
}

static GStrv
split_list (const char *text,
            gboolean    upper)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ", ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      {
        g_autofree char *item = upper ? g_ascii_strup (parts[i], -1) : g_strdup (parts[i]);
        g_strv_builder_add (builder, item);
      }

  return g_strv_builder_end (builder);
}

static gboolean
parse_year (const char *text,
            int        *year)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1900, 2100, &value, NULL))
    return FALSE;
  *year = (int) value;
  return TRUE;
}

AtlasFilter *
atlas_cli_common_get_filter (AtlasCliCommon *common,
                             GError        **error)
{
  g_autoptr(AtlasFilter) filter = atlas_filter_new ();

  if (common->regions != NULL)
    {
      filter->regions = split_list (common->regions, TRUE);
      for (guint i = 0; filter->regions[i] != NULL; i++)
        if (!atlas_money_is_country (filter->regions[i]))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--region: “%s” is not an ISO 3166 country code this version knows"),
                         filter->regions[i]);
            return NULL;
          }
    }

  if (common->experience != NULL)
    {
      filter->experience = split_list (common->experience, TRUE);
      for (guint i = 0; filter->experience[i] != NULL; i++)
        if (!g_strv_contains ((const char * const[]) { "EN", "MI", "SE", "EX", NULL },
                              filter->experience[i]))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--experience: “%s” is not one of EN, MI, SE, EX"),
                         filter->experience[i]);
            return NULL;
          }
    }

  filter->role = g_strdup (common->role);
  filter->title = g_strdup (common->title);
  filter->company = g_strdup (common->company);
  filter->source = g_strdup (common->source);

  if (common->years != NULL)
    {
      g_auto(GStrv) range = g_strsplit (common->years, "-", 2);

      if (!parse_year (g_strstrip (range[0]), &filter->year_from) ||
          !parse_year (g_strstrip (range[1] ? range[1] : range[0]), &filter->year_to) ||
          filter->year_from > filter->year_to)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--years: “%s” is not a year or a range such as 2023-2025"),
                       common->years);
          return NULL;
        }
    }

  if (common->experience_years != NULL &&
      !atlas_filter_set_experience_years (filter, common->experience_years))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--experience-years: “%s” is not a range such as 5-10 or 15+"),
                   common->experience_years);
      return NULL;
    }
  if (common->experience_bands != NULL &&
      !atlas_filter_set_experience_bands (filter, common->experience_bands))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--experience-bands: “%s” is not a rising list of years such as 0,2,5,10,15"),
                   common->experience_bands);
      return NULL;
    }

  return g_steal_pointer (&filter);
}

int
atlas_cli_fail (const GError *error)
{
  fprintf (stderr, "salary-atlas: %s\n", error->message);
  if (error->domain == G_OPTION_ERROR)
    {
      fprintf (stderr, "%s\n", _("Run “salary-atlas help COMMAND” for the options of a command."));
      return ATLAS_CLI_EXIT_USAGE;
    }
  return ATLAS_CLI_EXIT_FAILURE;
}

int
atlas_cli_fail_message (const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "salary-atlas: %s\n", message);
  return ATLAS_CLI_EXIT_FAILURE;
}

int
atlas_cli_usage_error (const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "salary-atlas: %s\n%s\n", message,
           _("Run “salary-atlas help COMMAND” for the options of a command."));
  return ATLAS_CLI_EXIT_USAGE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-import.c: salary-atlas import [--format F [--map FILE]] [--strict] FILE… */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-import.h"
#include "atlas-money.h"

static void
print_result (const char              *path,
              const AtlasImportResult *result)
{
  g_autofree char *imported = atlas_money_group_digits (result->imported, FALSE);
  g_autofree char *rejected = atlas_money_group_digits (result->rejected, FALSE);

  if (result->unchanged)
    {
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "%s: unchanged (already imported as “%s”, %s record)\n",
                           "%s: unchanged (already imported as “%s”, %s records)\n",
                           result->imported),
              path, result->source_name, imported);
      return;
    }

  for (guint i = 0; result->rejections != NULL && i < result->rejections->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (result->rejections, i));
  if (result->rejections != NULL && result->rejected > result->rejections->len)
    fprintf (stderr, _("… and %" PRIu64 " more rejected rows\n"),
             result->rejected - result->rejections->len);

  printf (_("%s (%s): imported %s, rejected %s"), path,
          atlas_format_to_string (result->format), imported, rejected);
  if (result->previous > 0)
    printf (_(" (%+" PRId64 " against the previous snapshot)"), result->added);
  printf ("\n");
}

int
atlas_cli_import (int    argc,
                  char **argv)
{
  g_auto(AtlasCliCommon) common = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasMapping) mapping = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *licence = NULL;
  g_auto(GStrv) files = NULL;
  gboolean strict = FALSE;
  AtlasImportOptions options = { 0 };
  int status = 0;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("aijobs, h1b, dol-lca, glassdoor-in, levels-fyi, in-figures or csv (default: detected from the header)"), N_("FORMAT") },
    { "map", 'm', 0, G_OPTION_ARG_FILENAME, &map_path,
      N_("Mapping file for --format csv"), N_("FILE") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Stop at the first bad row and change nothing"), NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &source_name,
      N_("Source name (default: the file name)"), N_("NAME") },
    { "licence", 0, 0, G_OPTION_ARG_STRING, &licence,
      N_("Licence of the data"), N_("TEXT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — import salary records"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&common, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  if (files == NULL || files[0] == NULL)
    return atlas_cli_usage_error (_("import: name at least one CSV file"));
  if (source_name != NULL && files[1] != NULL)
    return atlas_cli_usage_error (_("import: --name takes one file at a time"));

  options.format = ATLAS_FORMAT_AUTO;
  if (format_name != NULL && !atlas_format_from_string (format_name, &options.format))
    return atlas_cli_usage_error (_("import: unknown format “%s” (aijobs, h1b, dol-lca, glassdoor-in, levels-fyi, in-figures, csv)"),
                                   format_name);
  if (map_path != NULL)
    {
      mapping = atlas_mapping_load (map_path, &error);
      if (mapping == NULL)
        return atlas_cli_fail (error);
      if (format_name == NULL)
        options.format = ATLAS_FORMAT_CSV;
    }
  if (options.format == ATLAS_FORMAT_CSV && mapping == NULL)
    return atlas_cli_usage_error (_("import: --format csv needs a mapping file (--map FILE)"));

  options.mapping = mapping;
  options.strict = strict;
  options.source_name = source_name;
  options.licence = licence;

  store = atlas_cli_common_open_store (&common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);

  for (guint i = 0; files[i] != NULL; i++)
    {
      AtlasImportResult result = { 0 };

      if (!atlas_import_file (store, files[i], &options, &result, &error))
        {
          status = atlas_cli_fail (error);
          g_clear_error (&error);
          atlas_import_result_clear (&result);
          if (strict)
            break;
          continue;
        }

      print_result (files[i], &result);
      atlas_import_result_clear (&result);
    }

  return status;
}

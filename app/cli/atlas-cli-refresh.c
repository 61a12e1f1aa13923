/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-refresh.c: salary-atlas refresh [SOURCE…]
 *                      salary-atlas refresh --url URL --format FORMAT [--map FILE] [--name NAME] */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-feed.h"
#include "atlas-import.h"
#include "atlas-money.h"
#include "atlas-sources.h"

typedef struct
{
  const char *name;
  gboolean    shown;
} ProgressLine;

static void
progress_cb (const AtlasFeedProgress *progress,
             gpointer                 user_data)
{
  ProgressLine *line = user_data;
  g_autofree char *bytes = g_format_size (progress->bytes);
  g_autofree char *rows = atlas_money_group_digits (progress->rows, FALSE);

  /* The carriage return stays out of the message: translators should not
   * have to keep a control character in place. */
  fputc ('\r', stderr);
  fprintf (stderr, _("%s: %s, %s rows…"), line->name, bytes, rows);
  if (progress->attempt > 1)
    fprintf (stderr, _(" (try %u)"), progress->attempt);
  fprintf (stderr, "\033[K");
  fflush (stderr);
  line->shown = TRUE;
}

static gboolean
refresh_one (AtlasStore             *store,
             const char             *name,
             const AtlasFeedOptions *options,
             gboolean                show_progress)
{
  g_autoptr(AtlasFeedResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  ProgressLine line = { name, FALSE };

  result = atlas_feed_refresh_sync (store, name, options, NULL,
                                    show_progress ? progress_cb : NULL, &line, &error);
  if (line.shown)
    fprintf (stderr, "\r\033[K");

  if (result == NULL)
    {
      atlas_cli_fail_message ("%s: %s", name, error->message);
      return FALSE;
    }

  for (guint i = 0; result->rejections != NULL && i < result->rejections->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (result->rejections, i));

  outcome = atlas_feed_result_describe (result);
  printf ("%s: %s", name, outcome);
  if (result->rejected > 0)
    {
      g_autofree char *rejected = atlas_money_group_digits (result->rejected, FALSE);
      printf (_(", %s rejected"), rejected);
    }
  if (result->tries > 1)
    printf (_(" after %u tries"), result->tries);
  printf ("\n");

  return TRUE;
}

/* The text of the mapping file at @path, checked the way the feed will use
 * it, with messages that name the file. */
static char *
read_mapping (const char  *path,
              GError     **error)
{
  g_autoptr(AtlasMapping) mapping = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("Cannot read the mapping file “%s”: %s"), path, local_error->message);
      return NULL;
    }
  /* With a length, NUL bytes count as invalid: the text is stored as a string. */
  if (!g_utf8_validate (contents, len, NULL))
    {
      g_set_error (error, ATLAS_IMPORT_ERROR, ATLAS_IMPORT_ERROR_MAPPING,
                   _("The mapping file “%s” is not UTF-8 text"), path);
      return NULL;
    }

  mapping = atlas_mapping_new_from_data (contents, len, path, error);
  if (mapping == NULL)
    return NULL;

  return g_steal_pointer (&contents);
}

static char *
default_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  return g_strdup (g_uri_get_host (uri));
}

int
atlas_cli_refresh (int    argc,
                   char **argv)
{
  g_auto(AtlasCliCommon) common = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *url = NULL;
  g_autofree char *format = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *name = NULL;
  g_autofree char *licence = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *max_size = NULL;
  gboolean strict = FALSE;
  gboolean force = FALSE;
  gboolean quiet = FALSE;
  gboolean added = FALSE;
  AtlasFeedOptions options;
  int status = 0;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("Add (or update) a feed at this http(s) URL and refresh it"), N_("URL") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Format of the feed at --url: aijobs, h1b, dol-lca, glassdoor-in, csv (with --map) "
         "or salary-atlas-json"),
      N_("FORMAT") },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &map_path,
      N_("Mapping file for a feed at --url in the generic CSV format (--format csv); "
         "its text is stored with the feed"), N_("FILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the feed at --url (default: the host name)"), N_("NAME") },
    { "licence", 0, 0, G_OPTION_ARG_STRING, &licence,
      N_("Licence of the feed at --url"), N_("TEXT") },
    { "attribution", 0, 0, G_OPTION_ARG_STRING, &attribution,
      N_("How to credit the feed at --url"), N_("TEXT") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Reject the whole download at the first bad row"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Download even when the server says nothing changed"), NULL },
    { "max-size", 0, 0, G_OPTION_ARG_STRING, &max_size,
      N_("Largest download accepted, in bytes (default: 256 MB)"), N_("BYTES") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Do not show progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, NULL, N_("SOURCE…") },
    { NULL }
  };

  context = g_option_context_new (_("[SOURCE…] — download new snapshots of feeds"));
  g_option_context_set_summary (context,
                                _("Without SOURCE, refreshes every enabled source that has an "
                                  "http or https URL."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&common, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  atlas_feed_options_init (&options);
  options.strict = strict;
  options.force = force;
  if (max_size != NULL &&
      !g_ascii_string_to_unsigned (max_size, 10, 1, G_MAXUINT64, &options.max_size, &error))
    return atlas_cli_usage_error (_("refresh: --max-size: %s"), error->message);

  if (url == NULL && (format != NULL || map_path != NULL || name != NULL || licence != NULL ||
                      attribution != NULL))
    return atlas_cli_usage_error (_("refresh: --format, --map, --name, --licence and "
                                     "--attribution go with --url"));
  if (url != NULL && format == NULL)
    return atlas_cli_usage_error (_("refresh: --url needs --format (aijobs, h1b, dol-lca, "
                                     "glassdoor-in, csv with --map, or salary-atlas-json)"));
  if (url != NULL && g_str_equal (format, "csv") && map_path == NULL)
    return atlas_cli_usage_error (_("refresh: --format csv needs --map FILE, a mapping file "
                                     "that says which column holds what"));
  if (url != NULL && map_path != NULL && !g_str_equal (format, "csv"))
    return atlas_cli_usage_error (_("refresh: --map goes with --format csv"));
  if (url != NULL && names != NULL && names[0] != NULL)
    return atlas_cli_usage_error (_("refresh: name sources or give --url, not both"));

  if (map_path != NULL)
    {
      mapping = read_mapping (map_path, &error);
      if (mapping == NULL)
        return atlas_cli_fail (error);
    }

  store = atlas_cli_common_open_store (&common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);

  if (!atlas_feed_ensure_builtin (store, &error))
    return atlas_cli_fail (error);

  if (url != NULL)
    {
      if (name == NULL)
        name = default_name (url);
      /* A new feed and its first refresh are one transaction: when the
       * refresh fails, or the command is killed during it, the feed it
       * added is not kept (a typo in the URL would leave a source with no
       * records behind). A feed that existed keeps its failed status. */
      added = atlas_sources_find_id (store, name) == 0;
      if (added && !atlas_store_begin_outer (store, &error))
        return atlas_cli_fail (error);
      if (!atlas_feed_add_source (store, name, url, format, mapping, licence, attribution, &error))
        {
          if (added)
            atlas_store_end_outer (store, FALSE, NULL);
          return atlas_cli_fail (error);
        }
      g_strfreev (names);
      names = g_strdupv ((char *[]) { name, NULL });
    }
  else if (names == NULL || names[0] == NULL)
    {
      g_strfreev (names);
      names = atlas_feed_list_refreshable (store, &error);
      if (names == NULL)
        return atlas_cli_fail (error);
      if (names[0] == NULL)
        {
          printf (_("No source has an http or https URL to refresh from.\n"));
          return 0;
        }
    }

  for (guint i = 0; names[i] != NULL; i++)
    if (!refresh_one (store, names[i], &options, !quiet && isatty (STDERR_FILENO)))
      status = 1;

  if (added && !atlas_store_end_outer (store, status == 0, &error))
    {
      atlas_cli_fail_message ("%s: %s", name, error->message);
      status = 1;
    }

  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-sources.c: salary-atlas sources [--format table|csv|json] */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-cli-output.h"
#include "atlas-sources.h"

static const char * const columns[] = {
  "name", "kind", "format", "records", "figures", "rejected", "retrieved_at",
  "licence", "url", "etag", "last_modified", "last_attempt_at", "last_status",
};

int
atlas_cli_sources (int    argc,
                   char **argv)
{
  g_auto(AtlasCliCommon) common = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasStore) store = NULL;
  g_autoptr(AtlasCliTable) table = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, csv or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("— list the data sources"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  atlas_cli_common_add_options (&common, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atlas_cli_fail (error);

  table = atlas_cli_table_new (columns, G_N_ELEMENTS (columns));
  if (!atlas_cli_table_set_format (table, format, &error))
    return atlas_cli_fail (error);

  store = atlas_cli_common_open_store (&common, &error);
  if (store == NULL)
    return atlas_cli_fail (error);

  sources = atlas_sources_list (store, ATLAS_SOURCES_LIST_COUNT, &error);
  if (sources == NULL)
    return atlas_cli_fail (error);

  for (guint i = 0; i < sources->len; i++)
    {
      const AtlasSource *source = g_ptr_array_index (sources, i);

      atlas_cli_table_begin_row (table);
      atlas_cli_table_add_string (table, source->name);
      atlas_cli_table_add_string (table, source->kind);
      atlas_cli_table_add_string (table, source->format);
      atlas_cli_table_add_int (table, source->records);
      atlas_cli_table_add_int (table, source->figures);
      atlas_cli_table_add_int (table, source->rejected);
      atlas_cli_table_add_string (table, source->retrieved_at);
      atlas_cli_table_add_string (table, source->licence);
      atlas_cli_table_add_string (table, source->url);
      atlas_cli_table_add_string (table, source->etag);
      atlas_cli_table_add_string (table, source->last_modified);
      atlas_cli_table_add_string (table, source->last_attempt_at);
      atlas_cli_table_add_string (table, source->last_status);
    }

  atlas_cli_table_print (table, stdout);
  return 0;
}

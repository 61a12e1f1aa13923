/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-sources.c: salary-atlas sources [--format table|csv|json] */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"
#include "atlas-cli-output.h"

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
  g_autofree char *format = NULL;
  sqlite3_stmt *stmt;
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

  stmt = atlas_store_prepare (store,
                              "SELECT s.name, s.kind, s.format,"
                              " (SELECT count(*) FROM records WHERE source_id = s.id),"
                              " (SELECT count(*) FROM figures WHERE source_id = s.id),"
                              " s.rejected_count, s.retrieved_at, s.licence, s.url, s.etag,"
                              " s.last_modified, s.last_attempt_at, s.last_status"
                              " FROM sources s ORDER BY s.name",
                              &error);
  if (stmt == NULL)
    return atlas_cli_fail (error);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      atlas_cli_table_begin_row (table);
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        {
          if (i >= 3 && i <= 5)
            atlas_cli_table_add_int (table, sqlite3_column_int64 (stmt, i));
          else
            atlas_cli_table_add_string (table, (const char *) sqlite3_column_text (stmt, i));
        }
    }
  sqlite3_finalize (stmt);

  atlas_cli_table_print (table, stdout);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-common.h: what the subcommands share: --db, the filter options,
 * opening (and on first use seeding) the database, printing errors. */
#pragma once

#include <glib.h>

#include "atlas-query.h"
#include "atlas-store.h"

G_BEGIN_DECLS

typedef struct
{
  char  *db_path;
  char  *regions;
  char  *experience;
  char  *role;
  char  *title;
  char  *company;
  char  *years;
  char  *source;
  char  *experience_years;
  char  *experience_bands;
} AtlasCliCommon;

/* Adds --db and, when @with_filters, the FILTERS options to @context. */
void         atlas_cli_common_add_options (AtlasCliCommon *common,
                                           GOptionContext *context,
                                           gboolean        with_filters);
void         atlas_cli_common_clear       (AtlasCliCommon *common);
/* Opens the database named by --db, $SALARY_ATLAS_DB or the default path;
 * a database without any source gets the embedded default dataset. */
AtlasStore  *atlas_cli_common_open_store  (AtlasCliCommon *common,
                                           GError        **error);
/* For a command that reads and exits: SQLite reads the file through a
 * memory map instead of copying every page into its cache. */
void         atlas_cli_common_map_store   (AtlasStore     *store);
/* Builds a filter from the options; errors name the bad option. */
AtlasFilter *atlas_cli_common_get_filter  (AtlasCliCommon *common,
                                           GError        **error);
/* Exit statuses of every subcommand (documented in salary-atlas(1)). */
enum
{
  ATLAS_CLI_EXIT_OK = 0,
  /* The command was right but failed: a file, the database, the network. */
  ATLAS_CLI_EXIT_FAILURE = 1,
  /* The command line itself is wrong: an unknown option, a bad value. */
  ATLAS_CLI_EXIT_USAGE = 2,
};

/* Print "salary-atlas: MESSAGE" to stderr. atlas_cli_fail() returns
 * ATLAS_CLI_EXIT_USAGE for G_OPTION_ERROR and ATLAS_CLI_EXIT_FAILURE for
 * anything else; atlas_cli_fail_message() returns ATLAS_CLI_EXIT_FAILURE and
 * atlas_cli_usage_error() ATLAS_CLI_EXIT_USAGE. */
int          atlas_cli_fail               (const GError   *error);
int          atlas_cli_fail_message       (const char     *format,
                                           ...) G_GNUC_PRINTF (1, 2);
int          atlas_cli_usage_error        (const char     *format,
                                           ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AtlasCliCommon, atlas_cli_common_clear)

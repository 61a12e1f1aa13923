/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli.h: the command line. Each subcommand is one file, atlas-cli-NAME.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs a subcommand and returns its exit status; returns -1 when argv names
 * no subcommand, so that main() starts the window. */
int atlas_cli_run      (int    argc,
                        char **argv);

int atlas_cli_import   (int    argc,
                        char **argv);
int atlas_cli_stats    (int    argc,
                        char **argv);
int atlas_cli_sources  (int    argc,
                        char **argv);
int atlas_cli_export   (int    argc,
                        char **argv);
int atlas_cli_refresh  (int    argc,
                        char **argv);
int atlas_cli_records  (int    argc,
                        char **argv);
int atlas_cli_curate   (int    argc,
                        char **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli.c: dispatch to the subcommands. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-common.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "import", atlas_cli_import, N_("Import salary records from CSV files") },
  { "stats", atlas_cli_stats, N_("Print statistics per region and group") },
  { "sources", atlas_cli_sources, N_("List the data sources") },
  { "export", atlas_cli_export, N_("Export a chart as PNG, SVG or PDF") },
  { "refresh", atlas_cli_refresh, N_("Refresh sources over HTTP") },
  { "records", atlas_cli_records, N_("List or export the records behind the statistics") },
  { "curate", atlas_cli_curate, N_("Exclude, add or merge data of your own; undo") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  salary-atlas [--db FILE]  %s\n", _("Usage:"), _("Start the window"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  salary-atlas %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "  salary-atlas %-10s %s\n", "help", _("Show the options of a command"));
  fprintf (stream, "\n%s\n", _("Run “salary-atlas help COMMAND” for the options of a command."));
  /* Translators: the three exit statuses of every command. */
  fprintf (stream, "%s\n", _("Exit status: 0 done, 1 failed, 2 wrong command line."));
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return &commands[i];
  return NULL;
}

/* "salary-atlas help [COMMAND]": the list of commands, or one command's
 * options as "COMMAND --help" prints them. */
static int
run_help (int    argc,
          char **argv)
{
  const Command *command;

  if (argc < 3)
    {
      print_usage (stdout);
      return ATLAS_CLI_EXIT_OK;
    }

  command = find_command (argv[2]);
  if (command == NULL)
    {
      fprintf (stderr, _("salary-atlas: unknown command “%s”\n\n"), argv[2]);
      print_usage (stderr);
      return ATLAS_CLI_EXIT_USAGE;
    }

  return command->run (2, (char *[]) { (char *) command->name, (char *) "--help", NULL });
}

int
atlas_cli_run (int    argc,
               char **argv)
{
  const Command *command;

  if (argc < 2)
    return -1;

  if (g_str_equal (argv[1], "help"))
    return run_help (argc, argv);

  /* --help lists the commands; the window's own options (--help-all and
   * the rest of GApplication's) stay with the window. */
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "--help-commands"))
    {
      print_usage (stdout);
      return ATLAS_CLI_EXIT_OK;
    }

  /* As the window's --version prints it, without loading the window. */
  if (g_str_equal (argv[1], "--version") && argc == 2)
    {
      printf ("salary-atlas %s\n", PACKAGE_VERSION);
      return ATLAS_CLI_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command != NULL)
    return command->run (argc - 1, argv + 1);

  /* Options and anything else go to the window. A word that looks like a
   * command but is none is a typo, not a file to open. */
  if (argv[1][0] != '-')
    {
      fprintf (stderr, _("salary-atlas: unknown command “%s”\n\n"), argv[1]);
      print_usage (stderr);
      return ATLAS_CLI_EXIT_USAGE;
    }

  return -1;
}

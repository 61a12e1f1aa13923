/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli.c: dispatch to the subcommands. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "atlas-cli.h"

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
  fprintf (stream, "\n%s\n", _("Run “salary-atlas COMMAND --help” for the options of a command."));
}

int
atlas_cli_run (int    argc,
               char **argv)
{
  if (argc < 2)
    return -1;

  if (g_str_equal (argv[1], "help") || g_str_equal (argv[1], "--help-commands"))
    {
      print_usage (stdout);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  /* Options and anything else go to the window. A word that looks like a
   * command but is none is a typo, not a file to open. */
  if (argv[1][0] != '-')
    {
      fprintf (stderr, _("salary-atlas: unknown command “%s”\n\n"), argv[1]);
      print_usage (stderr);
      return 2;
    }

  return -1;
}

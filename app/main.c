/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: subcommands run without a display; no subcommand starts the window. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-application.h"
#include "atlas-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AtlasApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = atlas_cli_run (argc, argv);
  if (status >= 0)
    return status;

  app = atlas_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

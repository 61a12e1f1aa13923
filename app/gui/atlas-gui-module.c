/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-gui-module.c: the window as a loadable module. main() loads it only
 * when no subcommand is given, so that the command line starts without
 * mapping GTK and its dozens of libraries. The module takes the core and
 * chart symbols from the executable, which exports them. */

#include "config.h"

#include <gmodule.h>

#include "atlas-application.h"

G_MODULE_EXPORT int atlas_gui_main (int    argc,
                                    char **argv);

int
atlas_gui_main (int    argc,
                char **argv)
{
  g_autoptr(AtlasApplication) app = atlas_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

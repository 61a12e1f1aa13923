/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-main.c: libatlas-main.so, what the executable did before it became
 * a launcher (main.c): subcommands run without a display; no subcommand
 * loads the window module and starts it.  The module is loaded with
 * RTLD_GLOBAL, so the window and export modules find the core here. */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-main.h"

#define GUI_MODULE_NAME "libatlas-gui.so"

typedef int (*AtlasGuiMain) (int argc, char **argv);

/* $SALARY_ATLAS_GUI_MODULE, else the module built next to this executable
 * (a build tree: app/salary-atlas and app/gui/), else the installed one. */
static char *
find_gui_module (void)
{
  const char *env = g_getenv ("SALARY_ATLAS_GUI_MODULE");
  g_autofree char *exe = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *candidate = g_build_filename (dir, "gui", GUI_MODULE_NAME, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }

  return g_build_filename (PKGLIBDIR, GUI_MODULE_NAME, NULL);
}

static int
run_window (int    argc,
            char **argv)
{
  g_autofree char *path = find_gui_module ();
  GModule *module;
  AtlasGuiMain gui_main = NULL;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, "atlas_gui_main", (gpointer *) &gui_main))
    {
      fprintf (stderr, _("salary-atlas: cannot load the window from “%s”: %s\n"),
               path, g_module_error ());
      return 1;
    }

  /* The module stays loaded until the process ends. */
  return gui_main (argc, argv);
}

int
atlas_main (int    argc,
            char **argv)
{
  const char *localedir = g_getenv ("SALARY_ATLAS_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  /* SALARY_ATLAS_LOCALEDIR: the build tree's po/, for the language tests. */
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = atlas_cli_run (argc, argv);
  if (status >= 0)
    return status;

  return run_window (argc, argv);
}

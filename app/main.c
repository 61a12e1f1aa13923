/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: subcommands run without a display; no subcommand loads the window
 * module and starts it. */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "atlas-cli.h"

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
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("SALARY_ATLAS_LOCALEDIR");
  int status;

  /* `salary-atlas --version` is what scripts and packagers run to check the
   * program: it prints an untranslated line, so it needs neither the
   * locale's tables nor the message catalogue (loading them was a tenth of
   * its start-up). */
  if (argc == 2 && strcmp (argv[1], "--version") == 0)
    {
      printf ("salary-atlas %s\n", PACKAGE_VERSION);
      return 0;
    }

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

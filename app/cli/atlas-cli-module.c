/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-cli-module.c: the commands that live in modules of their own.
 *
 * `export` draws with cairo and Pango (app/charts): a dozen libraries and
 * their start-up, which every other command would pay before main() if
 * the executable linked them.  So the chart renderer and the command are
 * the module libatlas-export.so, loaded when the command runs, as the
 * window is (main.c). */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <stdio.h>

#include "atlas-cli.h"

#define EXPORT_MODULE_NAME "libatlas-export.so"

typedef int (*AtlasCliMain) (int argc, char **argv);

/* The module built next to this executable (a build tree: app/salary-atlas
 * and app/cli/), else the installed one. */
static char *
find_module (const char *build_dir,
             const char *name)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *candidate = g_build_filename (dir, build_dir, name, NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }

  return g_build_filename (PKGLIBDIR, name, NULL);
}

static int
run_module (const char  *build_dir,
            const char  *name,
            const char  *symbol,
            int          argc,
            char       **argv)
{
  g_autofree char *path = find_module (build_dir, name);
  AtlasCliMain command_main = NULL;
  GModule *module;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, symbol, (gpointer *) &command_main))
    {
      fprintf (stderr, _("salary-atlas: cannot load “%s”: %s\n"), path, g_module_error ());
      return 1;
    }

  /* The module stays loaded until the process ends. */
  return command_main (argc, argv);
}

int
atlas_cli_export (int    argc,
                  char **argv)
{
  return run_module ("cli", EXPORT_MODULE_NAME, "atlas_cli_export_main", argc, argv);
}

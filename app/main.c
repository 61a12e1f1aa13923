/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the executable is a launcher that links only the C library.
 *
 * `salary-atlas --version` is what scripts and packagers run to check the
 * program, and it needs nothing but printf: linked against GLib, GIO,
 * GObject, SQLite and json-glib, the process spent most of its time in the
 * dynamic loader and the libraries' constructors (GObject's type system,
 * GIO's) before main() ran.  So everything else -- the command line, the
 * data core and the libraries they need -- is libatlas-main.so
 * (atlas-main.c), loaded here for every other invocation. */

#include "config.h"

#include <dlfcn.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atlas-main.h"

#define MAIN_MODULE_NAME "libatlas-main.so"
#define _(String) gettext (String)

typedef int (*AtlasMain) (int argc, char **argv);

/* $SALARY_ATLAS_MAIN_MODULE, else the module built next to this executable
 * (a build tree: app/salary-atlas and app/libatlas-main.so), else the
 * installed one.  Writes into PATH, of SIZE bytes. */
static void
find_main_module (char   *path,
                  size_t  size)
{
  const char *env = getenv ("SALARY_ATLAS_MAIN_MODULE");
  char exe[PATH_MAX];
  ssize_t len;

  if (env != NULL && *env != '\0' && snprintf (path, size, "%s", env) < (int) size)
    return;

  len = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  if (len > 0)
    {
      char *slash;

      exe[len] = '\0';
      slash = strrchr (exe, '/');
      if (slash != NULL)
        {
          *slash = '\0';
          if (snprintf (path, size, "%s/%s", exe, MAIN_MODULE_NAME) < (int) size &&
              access (path, R_OK) == 0)
            return;
        }
    }

  snprintf (path, size, "%s/%s", PKGLIBDIR, MAIN_MODULE_NAME);
}

int
main (int    argc,
      char **argv)
{
  char path[PATH_MAX + sizeof MAIN_MODULE_NAME + 1];
  AtlasMain entry = NULL;
  void *module;

  if (argc == 2 && strcmp (argv[1], "--version") == 0)
    {
      printf ("salary-atlas %s\n", PACKAGE_VERSION);
      return 0;
    }

  find_main_module (path, sizeof path);
  /* RTLD_GLOBAL: the window and export modules, loaded later, take the
   * core's symbols from this one.  It stays loaded until the process ends. */
  module = dlopen (path, RTLD_LAZY | RTLD_GLOBAL);
  if (module != NULL)
    entry = (AtlasMain) dlsym (module, "atlas_main");
  if (entry == NULL)
    {
      const char *localedir = getenv ("SALARY_ATLAS_LOCALEDIR");
      /* Copied first: the message catalogue below may load a gconv module,
       * which replaces dlerror()'s text. */
      const char *error = dlerror ();
      char reason[512];

      snprintf (reason, sizeof reason, "%s", error != NULL ? error : "atlas_main");

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE,
                      localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      fprintf (stderr, _("salary-atlas: cannot load “%s”: %s\n"), path, reason);
      return 1;
    }

  return entry (argc, argv);
}

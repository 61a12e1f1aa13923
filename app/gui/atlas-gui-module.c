/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-gui-module.c: the window as a loadable module. main() loads it only
 * when no subcommand is given, so that the command line starts without
 * mapping GTK and its dozens of libraries. The module takes the core's
 * symbols from libatlas-main.so, loaded with RTLD_GLOBAL (app/main.c). */

#include "config.h"

#include <gmodule.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "atlas-application.h"
#include "atlas-store.h"

G_MODULE_EXPORT int atlas_gui_main (int    argc,
                                    char **argv);

int
atlas_gui_main (int    argc,
                char **argv)
{
  g_autoptr(AtlasApplication) app = NULL;

  /* Peak memory of the window (bench/README.md): its catalog and query
   * threads each scan the whole database with a connection of their own.
   * With glibc's default of one malloc arena per thread (up to 8 per core)
   * the memory a finished scan freed stays in that thread's arena, and
   * each connection fills its own page cache (atlas-store.c: 8 MiB). Two
   * arenas, and a soft limit on SQLite's heap that makes the connections
   * recycle their cache pages before growing past it, took 10-17 MiB off
   * the peak on a 1M-record database at no cost in time. Set before any
   * thread starts; the command line keeps the defaults. */
#ifdef __GLIBC__
  mallopt (M_ARENA_MAX, 2);
#endif
  atlas_store_set_soft_heap_limit (8 * 1024 * 1024);

  app = atlas_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

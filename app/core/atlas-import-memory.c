/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-memory.c: large zeroed tables in transparent huge pages
 * (see atlas-import-memory.h). */

#include "config.h"

#include "atlas-import-memory.h"

#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#define HUGE_PAGE ATLAS_IMPORT_TABLE_BLOCK

/* From this size on a table gets a mapping of its own, rounded up to whole
 * huge pages: 256 KiB are 64 faults of 4 KiB, more than the one fault and
 * the zeroing of 2 MiB cost.  Smaller ones come from malloc(). */
#define LARGE_TABLE (256 * 1024)

#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
#define USE_HUGE_PAGES 1
#endif

#ifdef USE_HUGE_PAGES
static gsize
mapped_size (gsize size)
{
  return (size + HUGE_PAGE - 1) & ~(gsize) (HUGE_PAGE - 1);
}
#endif

gpointer
_atlas_import_table_new0 (gsize size)
{
#ifdef USE_HUGE_PAGES
  if (size >= LARGE_TABLE)
    {
      gsize length = mapped_size (size);
      guint8 *start, *aligned;
      gsize head;

      /* One huge page more than needed, then the unaligned ends are given
       * back: mmap() only promises alignment to 4 KiB. */
      start = mmap (NULL, length + HUGE_PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      /* As g_malloc0() when memory runs out. */
      if (start == MAP_FAILED)
        g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, length + HUGE_PAGE);

      aligned = (guint8 *) (((guintptr) start + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1));
      head = aligned - start;
      if (head > 0)
        munmap (start, head);
      munmap (aligned + length, HUGE_PAGE - head);
      /* Only advice: without huge pages the table is ordinary memory. */
      madvise (aligned, length, MADV_HUGEPAGE);
      return aligned;   /* anonymous memory is zeroed */
    }
#endif

  return g_malloc0 (size);
}

void
_atlas_import_table_free (gpointer table,
                          gsize    size)
{
  if (table == NULL)
    return;

#ifdef USE_HUGE_PAGES
  if (size >= LARGE_TABLE)
    {
      munmap (table, mapped_size (size));
      return;
    }
#endif

  g_free (table);
}

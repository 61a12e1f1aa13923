/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-memory.h: zeroed memory for an import's large tables (the
 * uids' occurrence table, the cells and their hash table).
 *
 * Every 4 KiB of memory a process touches for the first time is a page
 * fault, about 11 µs each on the virtual machines this app is measured on
 * (bench/README.md, perf-import4): the tables of an aijobs import were
 * about 1,100 of its 2,500 faults.  Tables of LARGE_TABLE bytes or more
 * are mapped on their own, aligned to 2 MiB and marked for transparent huge
 * pages where the system has them, so that each 2 MiB costs one fault. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A size for blocks of a table that grows by blocks: whole huge pages. */
#define ATLAS_IMPORT_TABLE_BLOCK (2 * 1024 * 1024)

/* @size bytes, zeroed; free with _atlas_import_table_free() and the same
 * @size. */
gpointer _atlas_import_table_new0 (gsize    size);
void     _atlas_import_table_free (gpointer table,
                                   gsize    size);

G_END_DECLS

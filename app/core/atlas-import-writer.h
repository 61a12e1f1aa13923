/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-writer.h: everything an import writes into the records table.
 *
 * The importer hands over validated rows; the writer copies them into
 * chunks and inserts them with reused multi-row INSERTs, on a thread of its
 * own once about a hundred thousand rows are written (smaller imports never
 * start it).  From then until flush or cancel, the writer alone uses the
 * store's connection.
 * It also decides whether the records' secondary indexes are rebuilt instead
 * of kept up to date (a bulk load), and counts the facets of what it wrote. */
#pragma once

#include "atlas-import-hash.h"
#include "atlas-import-private.h"

G_BEGIN_DECLS

typedef struct _AtlasImportWriter AtlasImportWriter;

/* Inside the import's transaction, after the source's old records were
 * removed.  @hasher numbers the rows' uids (on the calling thread), in the
 * order they are added.  @expected_rows: about how many rows will come
 * (-1: unknown). */
AtlasImportWriter *_atlas_import_writer_new         (AtlasStore               *store,
                                                     gint64                    source_id,
                                                     const char               *display_name,
                                                     AtlasRowHasher           *hasher,
                                                     gint64                    expected_rows,
                                                     GError                  **error);
/* Queues a validated row of input line @line, whose content hashes to
 * @uid_hash (_atlas_row_hasher_hash()).  Its strings are copied. */
gboolean           _atlas_import_writer_add         (AtlasImportWriter        *self,
                                                     gint64                    line,
                                                     guint64                   uid_hash,
                                                     const char               *role_family,
                                                     const AtlasImportRecord  *rec,
                                                     GError                  **error);
/* Writes the rows not yet written and waits for the writer thread; the
 * connection is the caller's again afterwards. */
gboolean           _atlas_import_writer_flush       (AtlasImportWriter        *self,
                                                     GError                  **error);
/* Stops the writer thread, skipping the rows it has not written. */
void               _atlas_import_writer_cancel      (AtlasImportWriter        *self);
/* After a flush: brings back the dropped indexes and stores the facet
 * counts as the source's record_facets (@replace: the source had some). */
gboolean           _atlas_import_writer_finish      (AtlasImportWriter        *self,
                                                     gboolean                  replace,
                                                     GError                  **error);
guint64            _atlas_import_writer_get_written (AtlasImportWriter        *self);
void               _atlas_import_writer_free        (AtlasImportWriter        *self);
/* For tests: the writer thread starts once @rows rows are written (rounded
 * to whole chunks of 1,024 rows; 0: with the first full chunk), instead of
 * about a hundred thousand, so that small inputs exercise it. */
void               _atlas_import_writer_set_thread_after (guint64          rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasImportWriter, _atlas_import_writer_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-hash.h: the identity of an imported row.
 *
 * The uid of a record is a 64-bit hash of the source name and the row's
 * fields (each with its length), followed by the occurrence number of that
 * exact content in the input: identical rows are legitimate (the aijobs
 * file has 39,304 of them) and must keep distinct, stable uids when a
 * refresh prepends new rows.  Changing the hash changes every uid, so
 * don't. */
#pragma once

#include "atlas-csv.h"

G_BEGIN_DECLS

/* "%016x-%u" of a 64-bit hash and a 32-bit count, with its NUL. */
#define ATLAS_IMPORT_UID_SIZE 28

typedef struct
{
  guint64 hash;   /* 0: empty slot */
  guint32 count;
} AtlasOccSlot;

/* One input's row hasher: the hash state after the source name, and how
 * often each row content occurred so far, keyed by its hash (open
 * addressing, so that counting costs no allocation per row). */
typedef struct
{
  guint64       name_hash;
  AtlasOccSlot *slots;
  gsize         mask;
  gsize         used;
} AtlasRowHasher;

void  _atlas_row_hasher_init  (AtlasRowHasher    *self,
                               const char        *source_name);
void  _atlas_row_hasher_clear (AtlasRowHasher    *self);
/* The uid of a row is _atlas_row_hasher_number() of its
 * _atlas_row_hasher_hash(): apart, so that the writer can number a chunk
 * of rows with their slots prefetched (atlas-import-writer.c). */

/* The hash of @row's content, the first part of its uid. */
guint64 _atlas_row_hasher_hash (AtlasRowHasher    *self,
                                const AtlasCsvRow *row);
/* Asks the CPU to fetch the occurrence count of @hash, which
 * _atlas_row_hasher_number() will read soon (a cache miss per row
 * otherwise, once the table outgrows the cache). */
void  _atlas_row_hasher_prefetch (AtlasRowHasher *self,
                                  guint64         hash);
/* Writes the uid of the next occurrence of a content of @hash into @uid.
 * Call it in the order of the rows. */
void  _atlas_row_hasher_number (AtlasRowHasher *self,
                                guint64         hash,
                                char            uid[ATLAS_IMPORT_UID_SIZE]);

G_END_DECLS

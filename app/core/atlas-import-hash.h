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
/* Writes the uid of @row, the next occurrence of its content, into @uid. */
void  _atlas_row_hasher_uid   (AtlasRowHasher    *self,
                               const AtlasCsvRow *row,
                               char               uid[ATLAS_IMPORT_UID_SIZE]);

G_END_DECLS

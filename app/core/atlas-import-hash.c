/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-hash.c: row uids (see atlas-import-hash.h).  The hash reads
 * eight bytes at a time, little-endian, so it is the same on every machine. */

#include "config.h"

#include <string.h>

#include "atlas-import-hash.h"
#include "atlas-import-memory.h"

#define HASH_SEED  0xcbf29ce484222325ULL
#define HASH_MUL   0x9e3779b97f4a7c15ULL

static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* The last 0..7 bytes at @p as one little-endian word, zero above them,
 * with at most three loads: memcpy() of a variable length became a loop
 * over the bytes, a quarter of the hash's time (bench/README.md,
 * perf-import3).  Where the loads overlap they read the same bytes into
 * the same places. */
static inline guint64
load_tail (const guchar *p,
           gsize         len)
{
  if (len >= 4)
    {
      guint32 lo, hi;

      memcpy (&lo, p, 4);
      memcpy (&hi, p + len - 4, 4);
      return (guint64) GUINT32_FROM_LE (lo) | ((guint64) GUINT32_FROM_LE (hi) << (8 * (len - 4)));
    }
  if (len > 0)
    return (guint64) p[0] | ((guint64) p[len / 2] << (8 * (len / 2))) |
           ((guint64) p[len - 1] << (8 * (len - 1)));
  return 0;
}

static inline guint64
hash_bytes (guint64     h,
            const char *data,
            gsize       len)
{
  const guchar *p = (const guchar *) data;
  guint64 tail;

  for (; len >= 8; p += 8, len -= 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      h = (h ^ GUINT64_FROM_LE (w)) * HASH_MUL;
      h ^= h >> 29;
    }

  /* The last 0..7 bytes, with the count, so "a" and "a\0" differ; read
   * as one little-endian word (a loop over the bytes took a third of this
   * function's time). */
  tail = load_tail (p, len);
  h = (h ^ tail ^ ((guint64) len << 56)) * HASH_MUL;
  h ^= h >> 29;

  return h;
}

static guint32
occurrence_add (AtlasRowHasher *self,
                guint64         hash)
{
  gsize i;

  if (hash == 0)
    hash = 1;

  /* At most three quarters full: the table is memory touched for the
   * first time, a page fault per 4 KiB, and linear probing stays short. */
  if ((self->used + 1) * 4 > (self->mask + 1) * 3)
    {
      AtlasOccSlot *old = self->slots;
      gsize old_size = self->slots ? self->mask + 1 : 0;
      gsize size = old_size ? old_size * 2 : 4096;

      self->slots = _atlas_import_table_new0 (size * sizeof (AtlasOccSlot));
      self->mask = size - 1;
      for (gsize j = 0; j < old_size; j++)
        if (old[j].hash != 0)
          {
            for (i = old[j].hash & self->mask; self->slots[i].hash != 0; i = (i + 1) & self->mask)
              ;
            self->slots[i] = old[j];
          }
      _atlas_import_table_free (old, old_size * sizeof (AtlasOccSlot));
    }

  for (i = hash & self->mask; self->slots[i].hash != 0; i = (i + 1) & self->mask)
    if (self->slots[i].hash == hash)
      return ++self->slots[i].count;

  self->slots[i].hash = hash;
  self->slots[i].count = 1;
  self->used++;

  return 1;
}

/* "%016x-%u", without the cost of printf for every row. */
static void
format_uid (char    *out,
            guint64  hash,
            guint32  occurrence)
{
  static const char hex[] = "0123456789abcdef";
  char digits[12];
  int n = 0;

  for (int i = 15; i >= 0; i--, hash >>= 4)
    out[i] = hex[hash & 0xf];
  out[16] = '-';
  do
    digits[n++] = '0' + occurrence % 10;
  while ((occurrence /= 10) > 0);
  for (int i = 0; i < n; i++)
    out[17 + i] = digits[n - 1 - i];
  out[17 + n] = '\0';
}

void
_atlas_row_hasher_init (AtlasRowHasher *self,
                        const char     *source_name)
{
  memset (self, 0, sizeof *self);
  self->name_hash = hash_bytes (HASH_SEED, source_name, strlen (source_name));
}

void
_atlas_row_hasher_clear (AtlasRowHasher *self)
{
  if (self->slots != NULL)
    _atlas_import_table_free (g_steal_pointer (&self->slots), (self->mask + 1) * sizeof (AtlasOccSlot));
  self->mask = 0;
  self->used = 0;
}

guint64
_atlas_row_hasher_hash (AtlasRowHasher    *self,
                        const AtlasCsvRow *row)
{
  guint64 hash = self->name_hash;

  /* Each field's length is hashed with it, so no two splits of the same
   * bytes into fields collide by construction. */
  for (guint i = 0; i < row->n_fields; i++)
    hash = hash_bytes (hash, row->fields[i], row->lengths[i]);
  return mix64 (hash);
}

void
_atlas_row_hasher_prefetch (AtlasRowHasher *self,
                            guint64         hash)
{
  if (self->slots != NULL)
    __builtin_prefetch (&self->slots[(hash == 0 ? 1 : hash) & self->mask]);
}

void
_atlas_row_hasher_number (AtlasRowHasher *self,
                          guint64         hash,
                          char            uid[ATLAS_IMPORT_UID_SIZE])
{
  format_uid (uid, hash, occurrence_add (self, hash));
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/* atlas-import-cells.c: the cells of an import, counted in a hash table
 * while the rows are written, then stored in key order (see
 * atlas-import-cells.h and migration 8). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-import-bind.h"
#include "atlas-import-cells.h"
#include "atlas-import-memory.h"
#include "atlas-store-private.h"

typedef struct
{
  /* Strings are interned in the counts, so pointers compare. */
  const char *country;
  const char *experience;   /* NULL: none */
  const char *role_family;
  const char *currency;
  gint64      company_id;   /* 0: none (fine cells only) */
  gint64      year;
  double      years;        /* NAN: none (fine cells only) */
  double      amount;
  double      amount_usd;   /* NAN: none */
  gboolean    excluded;
  gint64      n;
  gint64      weight;
} Cell;

/* Cells are allocated a block at a time and freed with their blocks: a
 * malloc() and a free() per cell (25,552 of them for the aijobs file) cost
 * more than counting into them.  The first block is small, for small
 * imports; the next ones fill whole huge pages (atlas-import-memory.h). */
#define FIRST_BLOCK_CELLS 1024
#define BLOCK_CELLS       (ATLAS_IMPORT_TABLE_BLOCK / sizeof (Cell))

typedef struct
{
  Cell  *cells;
  gsize  capacity;
} CellBlock;

typedef struct
{
  GArray *blocks;           /* CellBlock, their cells owned */
  gsize   used;             /* in the last block */
  gsize   n;                /* in all blocks */
} CellSlab;

/* The cells by their key: open addressing with linear probing, each slot
 * the key's 64-bit hash beside the cell, so that a look-up reads one slot
 * and one cell.  GLib's hash table read three places in memory for each
 * row (hashes, keys, the cell), most of them cache misses among the
 * 25,552 cells of the aijobs file. */
typedef struct
{
  guint64  hash;
  Cell    *cell;            /* NULL: empty */
} CellSlot;

typedef struct
{
  CellSlot *slots;
  gsize     mask;
  gsize     used;
} CellTable;

/* Rows whose cell is looked up PIPE_ROWS rows later: their slot is
 * fetched from memory meanwhile (prefetched), and PIPE_ROWS / 2 rows
 * later their cell, so that the look-up itself rarely waits. */
#define PIPE_ROWS 8

typedef struct
{
  Cell    key;
  guint64 hash;
} PendingCell;

struct _AtlasCellCounts
{
  GHashTable  *strings;     /* interned: char* -> itself */
  GHashTable  *excluded;    /* uids (curation_exclusions) */
  CellTable    cells;       /* in @slab */
  CellSlab     slab;
  PendingCell  pipe[PIPE_ROWS];
  guint        pipe_first;  /* the oldest pending row in @pipe */
  guint        pipe_len;
  gboolean     any_company_or_years;   /* some cell is finer than its coarse one */
  const char  *last[4];     /* the interned fields of the row before */
};

static void
cell_slab_init (CellSlab *slab)
{
  slab->blocks = g_array_new (FALSE, FALSE, sizeof (CellBlock));
  slab->used = 0;
  slab->n = 0;
}

static void
cell_slab_clear (CellSlab *slab)
{
  if (slab->blocks == NULL)
    return;
  for (guint b = 0; b < slab->blocks->len; b++)
    {
      CellBlock *block = &g_array_index (slab->blocks, CellBlock, b);

      _atlas_import_table_free (block->cells, block->capacity * sizeof (Cell));
    }
  g_clear_pointer (&slab->blocks, g_array_unref);
}

/* A copy of @key in @slab. */
static Cell *
cell_slab_add (CellSlab   *slab,
               const Cell *key)
{
  CellBlock *last = slab->blocks->len > 0 ?
                    &g_array_index (slab->blocks, CellBlock, slab->blocks->len - 1) : NULL;
  Cell *cell;

  if (last == NULL || slab->used == last->capacity)
    {
      CellBlock block;

      block.capacity = last == NULL ? FIRST_BLOCK_CELLS : BLOCK_CELLS;
      block.cells = _atlas_import_table_new0 (block.capacity * sizeof (Cell));
      g_array_append_val (slab->blocks, block);
      last = &g_array_index (slab->blocks, CellBlock, slab->blocks->len - 1);
      slab->used = 0;
    }
  cell = &last->cells[slab->used++];
  slab->n++;
  *cell = *key;
  return cell;
}

/* The cells of @slab in the order they were added. */
static Cell **
cell_slab_list (CellSlab *slab,
                guint    *n)
{
  Cell **list;
  guint k = 0;

  *n = slab->n;
  list = g_new (Cell *, MAX (*n, 1));
  for (guint b = 0; b < slab->blocks->len; b++)
    {
      const CellBlock *block = &g_array_index (slab->blocks, CellBlock, b);
      gsize in_block = b + 1 < slab->blocks->len ? block->capacity : slab->used;

      for (gsize i = 0; i < in_block; i++)
        list[k++] = &block->cells[i];
    }

  return list;
}

/* A double's bits, one pattern for every NaN and for -0 and 0, which
 * doubles_equal() takes as equal. */
static guint64
double_bits (double value)
{
  guint64 bits;

  if (isnan (value))
    return G_GUINT64_CONSTANT (0x7ff8000000000000);
  if (value == 0)
    value = 0;
  memcpy (&bits, &value, sizeof bits);
  return bits;
}

static inline guint64
hash_step (guint64 h,
           guint64 value)
{
  h = (h ^ value) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return h ^ (h >> 32);
}

/* Strings are interned, so their addresses stand for them. */
static guint64
cell_hash (const Cell *c)
{
  guint64 h = 0;

  h = hash_step (h, (guint64) (guintptr) c->country);
  h = hash_step (h, (guint64) (guintptr) c->experience);
  h = hash_step (h, (guint64) (guintptr) c->role_family);
  h = hash_step (h, (guint64) (guintptr) c->currency);
  h = hash_step (h, (guint64) c->company_id);
  h = hash_step (h, (guint64) c->year);
  h = hash_step (h, double_bits (c->years));
  h = hash_step (h, double_bits (c->amount));
  h = hash_step (h, double_bits (c->amount_usd));
  return hash_step (h, (guint64) c->excluded);
}

static gboolean
doubles_equal (double a,
               double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
cell_equal (const Cell *x,
            const Cell *y)
{
  return x->country == y->country && x->experience == y->experience &&
         x->role_family == y->role_family && x->currency == y->currency &&
         x->company_id == y->company_id && x->year == y->year &&
         x->excluded == y->excluded && doubles_equal (x->years, y->years) &&
         x->amount == y->amount && doubles_equal (x->amount_usd, y->amount_usd);
}

static void
cell_table_init (CellTable *table)
{
  table->mask = 1023;
  table->slots = _atlas_import_table_new0 ((table->mask + 1) * sizeof (CellSlot));
  table->used = 0;
}

static void
cell_table_clear (CellTable *table)
{
  if (table->slots != NULL)
    _atlas_import_table_free (g_steal_pointer (&table->slots),
                              (table->mask + 1) * sizeof (CellSlot));
}

static inline CellSlot *
cell_table_home (CellTable *table,
                 guint64    hash)
{
  return &table->slots[hash & table->mask];
}

/* At most three quarters full, so that probing stays short. */
static void
cell_table_grow (CellTable *table)
{
  CellSlot *old = table->slots;
  gsize old_size = table->mask + 1;

  table->mask = old_size * 2 - 1;
  table->slots = _atlas_import_table_new0 ((table->mask + 1) * sizeof (CellSlot));
  for (gsize i = 0; i < old_size; i++)
    if (old[i].cell != NULL)
      {
        gsize j = old[i].hash & table->mask;

        while (table->slots[j].cell != NULL)
          j = (j + 1) & table->mask;
        table->slots[j] = old[i];
      }
  _atlas_import_table_free (old, old_size * sizeof (CellSlot));
}

/* Adds @n records of @weight to the cell of @key (@hash its hash), made
 * in @slab if new. */
static void
cell_table_add (CellTable  *table,
                CellSlab   *slab,
                const Cell *key,
                guint64     hash,
                gint64      n,
                gint64      weight)
{
  gsize i = hash & table->mask;
  Cell *cell;

  for (; table->slots[i].cell != NULL; i = (i + 1) & table->mask)
    if (table->slots[i].hash == hash && cell_equal (table->slots[i].cell, key))
      {
        table->slots[i].cell->n += n;
        table->slots[i].cell->weight += weight;
        return;
      }

  cell = cell_slab_add (slab, key);
  cell->n = n;
  cell->weight = weight;
  table->slots[i].hash = hash;
  table->slots[i].cell = cell;
  if (++table->used * 4 > (table->mask + 1) * 3)
    cell_table_grow (table);
}

/* An interned string is its text after a guint32, its rank among the
 * interned strings in strcmp() order, set when the cells are sorted
 * (sort_cells()).  The strings table holds the texts. */
static char *
interned_new (const char *text)
{
  gsize len = strlen (text);
  guint32 *rank = g_malloc (sizeof (guint32) + len + 1);

  *rank = 0;
  memcpy (rank + 1, text, len + 1);
  return (char *) (rank + 1);
}

static void
interned_free (gpointer text)
{
  g_free ((guint32 *) text - 1);
}

static inline guint32 *
interned_rank (const char *text)
{
  return (guint32 *) text - 1;
}

/* @last: the field's string in the row before.  Rows of a file come in
 * runs of the same country, currency and level, and comparing with the
 * last one is cheaper than hashing the text. */
static const char *
intern (AtlasCellCounts  *self,
        const char      **last,
        const char       *text)
{
  char *known;

  if (text == NULL)
    return NULL;
  if (*last != NULL && strcmp (*last, text) == 0)
    return *last;
  known = g_hash_table_lookup (self->strings, text);
  if (known == NULL)
    {
      known = interned_new (text);
      g_hash_table_add (self->strings, known);
    }
  *last = known;
  return known;
}

AtlasCellCounts *
_atlas_cell_counts_new (AtlasStore  *store,
                        GError     **error)
{
  g_autoptr(AtlasCellCounts) self = g_new0 (AtlasCellCounts, 1);
  sqlite3_stmt *stmt;
  int rc;

  self->strings = g_hash_table_new_full (g_str_hash, g_str_equal, interned_free, NULL);
  self->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cell_table_init (&self->cells);
  cell_slab_init (&self->slab);

  stmt = atlas_store_prepare (store, "SELECT uid FROM curation_exclusions", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (self->excluded, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      atlas_store_set_error (store, error, _("counting records"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
_atlas_cell_counts_free (AtlasCellCounts *self)
{
  if (self == NULL)
    return;
  cell_table_clear (&self->cells);
  cell_slab_clear (&self->slab);
  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_hash_table_unref);
  g_free (self);
}

/* Counts the oldest row of the pipe. */
static void
pipe_count_first (AtlasCellCounts *self)
{
  PendingCell *p = &self->pipe[self->pipe_first];

  cell_table_add (&self->cells, &self->slab, &p->key, p->hash, 1, p->key.weight);
  self->pipe_first = (self->pipe_first + 1) % PIPE_ROWS;
  self->pipe_len--;
}

static void
pipe_drain (AtlasCellCounts *self)
{
  while (self->pipe_len > 0)
    pipe_count_first (self);
}

void
_atlas_cell_counts_add (AtlasCellCounts *self,
                        const char      *uid,
                        const char      *country,
                        const char      *experience,
                        const char      *role_family,
                        gint64           year,
                        const char      *currency,
                        gint64           company_id,
                        double           years,
                        double           amount,
                        double           amount_usd,
                        gint64           weight)
{
  PendingCell *p;
  const CellSlot *halfway;

  if (self->pipe_len == PIPE_ROWS)
    pipe_count_first (self);

  p = &self->pipe[(self->pipe_first + self->pipe_len++) % PIPE_ROWS];
  p->key = (Cell) {
    .country = intern (self, &self->last[0], country),
    .experience = intern (self, &self->last[1], experience),
    .role_family = intern (self, &self->last[2], role_family),
    .currency = intern (self, &self->last[3], currency),
    .company_id = company_id,
    .year = year,
    .years = years,
    .amount = amount,
    .amount_usd = amount_usd,
    .excluded = g_hash_table_size (self->excluded) > 0 && uid != NULL &&
                g_hash_table_contains (self->excluded, uid),
    .weight = weight,   /* the row's, until it is counted */
  };
  p->hash = cell_hash (&p->key);
  __builtin_prefetch (cell_table_home (&self->cells, p->hash));

  /* The row halfway through the pipe: its slot has arrived by now. */
  if (self->pipe_len > PIPE_ROWS / 2)
    {
      halfway = cell_table_home (&self->cells,
                                 self->pipe[(self->pipe_first + self->pipe_len - 1 - PIPE_ROWS / 2)
                                            % PIPE_ROWS].hash);
      if (halfway->cell != NULL)
        __builtin_prefetch (halfway->cell);
    }

  if (company_id != 0 || !isnan (years))
    self->any_company_or_years = TRUE;
}

/* Cells per INSERT: SQLite's cost per statement (cursors, VDBE set-up and
 * halt) is paid once per batch instead of once per cell. */
#define CELL_BATCH 64

static gboolean
prepare_insert (AtlasStore       *store,
                AtlasInsertStmt  *insert,
                gboolean          fine,
                guint             n_rows,
                GError          **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *row = fine ? "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?)";

  /* OR FAIL, as the records' INSERTs (atlas-import-writer.c): no statement
   * journal; a failure fails the import, whose ROLLBACK undoes it all. */
  g_string_append (sql, fine ?
                   "INSERT OR FAIL INTO record_cells (source_id, cell, country, experience,"
                   " role_family, year, currency, excluded, amount, amount_usd, n, weight,"
                   " company_id, years_experience) VALUES " :
                   "INSERT OR FAIL INTO record_cells_coarse (source_id, cell, country, experience,"
                   " role_family, year, currency, excluded, amount, amount_usd, n, weight) VALUES ");
  for (guint i = 0; i < n_rows; i++)
    {
      if (i > 0)
        g_string_append_c (sql, ',');
      g_string_append (sql, row);
    }

  return _atlas_insert_stmt_prepare (store, insert, sql->str, n_rows,
                                     n_rows * (fine ? 14 : 12), error);
}

/* Inserts @sorted (@n cells in key order; fine: with company and years).
 * The interned strings outlive the statements, so they bind as static. */
static gboolean
insert_cells (AtlasStore  *store,
              Cell       **sorted,
              guint        n,
              gboolean     fine,
              gint64       source_id,
              GError     **error)
{
  int per_row = fine ? 14 : 12;
  AtlasInsertStmt batch = { 0 }, tail = { 0 };
  gboolean ok = TRUE;

  for (guint first = 0; ok && first < n; first += CELL_BATCH)
    {
      guint rows = MIN (CELL_BATCH, n - first);
      AtlasInsertStmt *insert = rows == CELL_BATCH ? &batch : &tail;

      if (insert->stmt == NULL && !prepare_insert (store, insert, fine, rows, error))
        {
          ok = FALSE;
          break;
        }

      for (guint r = 0; r < rows; r++)
        {
          const Cell *c = sorted[first + r];
          int p = r * per_row;

          _atlas_bind_int (insert, p + 1, source_id);
          _atlas_bind_int (insert, p + 2, first + r + 1);
          _atlas_bind_static (insert, p + 3, c->country);
          _atlas_bind_static (insert, p + 4, c->experience);
          _atlas_bind_static (insert, p + 5, c->role_family);
          _atlas_bind_int (insert, p + 6, c->year);
          _atlas_bind_static (insert, p + 7, c->currency);
          _atlas_bind_int (insert, p + 8, c->excluded);
          _atlas_bind_double (insert, p + 9, c->amount);
          _atlas_bind_double (insert, p + 10, c->amount_usd);
          _atlas_bind_int (insert, p + 11, c->n);
          _atlas_bind_int (insert, p + 12, c->weight);
          if (fine)
            {
              if (c->company_id > 0)
                _atlas_bind_int (insert, p + 13, c->company_id);
              else
                _atlas_bind_null (insert, p + 13);
              _atlas_bind_double (insert, p + 14, c->years);
            }
        }
      ok = sqlite3_step (insert->stmt) == SQLITE_DONE;
      if (!ok)
        atlas_store_set_error (store, error, _("counting records"));
      sqlite3_reset (insert->stmt);
    }
  _atlas_insert_stmt_clear (&batch);
  _atlas_insert_stmt_clear (&tail);

  return ok;
}

/* A cell's place in key order (country first, as the table's key, so that
 * the inserts append): the ranks of its strings, its year and amount, then
 * the order it was made in.  Sorting these compares numbers next to each
 * other in memory where comparing the cells themselves followed two
 * pointers and compared strings: the sort was 2.8 % of an aijobs import
 * (bench/README.md, perf-import4). */
typedef struct
{
  guint32  country;
  guint32  experience;     /* 0: none, which sorts first */
  guint32  role_family;
  guint32  currency;
  gint64   year;
  double   amount;
  Cell    *cell;
  gsize    made;
} CellOrder;

#define COMPARE(a, b) if ((a) != (b)) return (a) < (b) ? -1 : 1

static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const CellOrder *x = a, *y = b;

  COMPARE (x->country, y->country);
  COMPARE (x->experience, y->experience);
  COMPARE (x->role_family, y->role_family);
  COMPARE (x->year, y->year);
  COMPARE (x->currency, y->currency);
  COMPARE (x->amount, y->amount);
  COMPARE (x->made, y->made);
  return 0;
}

#undef COMPARE

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Ranks the interned strings in strcmp() order, from 1. */
static void
rank_strings (AtlasCellCounts *self)
{
  guint n = 0;
  g_autofree gpointer *texts = g_hash_table_get_keys_as_array (self->strings, &n);

  qsort (texts, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    *interned_rank (texts[i]) = i + 1;
}

static inline guint32
rank_of (const char *text)
{
  return text != NULL ? *interned_rank (text) : 0;
}

/* Sorts @n orders of @orders with the help of @spare (room for as many):
 * a merge sort, bottom-up.  qsort() would allocate its own spare room with
 * malloc(), 1.2 MB for the aijobs file, which is 300 page faults; @spare
 * comes from _atlas_import_table_new0() with @orders. */
static CellOrder *
merge_sort (CellOrder *orders,
            CellOrder *spare,
            gsize      n)
{
  for (gsize width = 1; width < n; width *= 2)
    {
      for (gsize lo = 0; lo < n; lo += 2 * width)
        {
          gsize mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          gsize i = lo, j = mid, k = lo;

          while (i < mid && j < hi)
            spare[k++] = compare_orders (&orders[j], &orders[i]) < 0 ? orders[j++] : orders[i++];
          while (i < mid)
            spare[k++] = orders[i++];
          while (j < hi)
            spare[k++] = orders[j++];
        }
      { CellOrder *swap = orders; orders = spare; spare = swap; }
    }

  return orders;
}

/* The cells of @slab in key order; cells equal in key order keep the
 * order they were made in. */
static Cell **
sort_cells (AtlasCellCounts *self,
            guint           *n)
{
  Cell **list = cell_slab_list (&self->slab, n);
  gsize size = 2 * MAX (*n, 1) * sizeof (CellOrder);
  CellOrder *orders = _atlas_import_table_new0 (size);
  const CellOrder *sorted;

  rank_strings (self);
  for (guint i = 0; i < *n; i++)
    {
      const Cell *c = list[i];

      orders[i] = (CellOrder) {
        .country = rank_of (c->country),
        .experience = rank_of (c->experience),
        .role_family = rank_of (c->role_family),
        .currency = rank_of (c->currency),
        .year = c->year,
        .amount = c->amount,
        .cell = list[i],
        .made = i,
      };
    }

  sorted = merge_sort (orders, orders + MAX (*n, 1), *n);
  for (guint i = 0; i < *n; i++)
    list[i] = sorted[i].cell;
  _atlas_import_table_free (orders, size);

  return list;
}

gboolean
_atlas_cell_counts_store (AtlasCellCounts  *self,
                          AtlasStore       *store,
                          gint64            source_id,
                          GError          **error)
{
  static const char * const clear[] = {
    "DELETE FROM record_cells_coarse WHERE source_id = ?",
    "DELETE FROM record_cells WHERE source_id = ?",
  };
  CellTable coarse;
  CellSlab coarse_slab;
  g_autofree Cell **fine = NULL;
  g_autofree Cell **listed_coarse = NULL;
  guint n_fine = 0, n_coarse = 0;
  gboolean stored;

  pipe_drain (self);

  for (guint i = 0; i < G_N_ELEMENTS (clear); i++)
    {
      sqlite3_stmt *stmt = atlas_store_prepare (store, clear[i], error);
      gboolean ok;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source_id);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      if (!ok)
        atlas_store_set_error (store, error, _("counting records"));
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }

  fine = sort_cells (self, &n_fine);
  if (!insert_cells (store, fine, n_fine, TRUE, source_id, error))
    return FALSE;

  /* Coarse cells: the fine ones without company and years.  A file
   * without either (aijobs.net's) has the same cells twice: they are
   * inserted again without counting and sorting them a second time. */
  if (!self->any_company_or_years)
    return insert_cells (store, fine, n_fine, FALSE, source_id, error);

  /* Made from the fine cells in key order, which leaves out neither
   * company nor years, so they are made in key order too. */
  cell_table_init (&coarse);
  cell_slab_init (&coarse_slab);
  for (guint i = 0; i < n_fine; i++)
    {
      Cell c = *fine[i];

      c.company_id = 0;
      c.years = NAN;
      cell_table_add (&coarse, &coarse_slab, &c, cell_hash (&c), c.n, c.weight);
    }
  listed_coarse = cell_slab_list (&coarse_slab, &n_coarse);

  stored = insert_cells (store, listed_coarse, n_coarse, FALSE, source_id, error);
  cell_table_clear (&coarse);
  cell_slab_clear (&coarse_slab);
  return stored;
}
